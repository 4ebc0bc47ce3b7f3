//! The one place the library writes to standard error: a notice for the
//! person at the terminal (a warning, a copy merged, a lock waited for),
//! and what the window has to say once it is gone (a background job done
//! after it closed), since no banner can show that. Errors are not
//! reported here but returned, and `main` prints them.

/// Writes `text` on stderr as `keel: <text>`, its control characters
/// escaped: a notice may quote a file name or a title, which must not
/// drive the terminal.
#[expect(clippy::print_stderr, reason = "the command line's single reporting place for notices")]
pub fn notice(text: &str) {
    eprintln!("keel: {}", crate::model::decision::escape_control_lines(text));
}
