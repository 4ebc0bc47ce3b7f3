//! The journal file on disk.
//!
//! # Format (version 4)
//!
//! A journal is one RON file (default `journal.ron` in the platform data
//! directory) holding a top-level struct:
//!
//! ```ron
//! (
//!     version: 4,
//!     decisions: [
//!         (
//!             id: "1b0f…",            // stable, never reused
//!             date: "2026-03-14",     // the day of the decision
//!             title: "Froze the scope for 4.2",
//!             note: "What happened and why",
//!             style: Some("management"), // or "leadership", "blend", None
//!             situations: ["tight-deadline"],
//!             tags: ["release"],
//!             people: ["Ana"],
//!             contrasts: Some((vision_execution: 1, people_process: 0,
//!                 inspiration_control: -1, change_stability: 0)), // optional
//!             starred: true,          // optional, written only when set
//!             // also optional: options, expectation, confidence,
//!             // review_on, review
//!             created: "2026-03-14T09:12:00Z",
//!             updated: "2026-03-14T09:12:00Z",
//!         ),
//!     ],
//!     deleted: [
//!         (id: "77c2…", deleted_at: "2026-03-15T10:00:00Z"),
//!     ],
//!     // optional, written only when there are some:
//!     talking_points: [
//!         (id: "5e1a…", person: "Ana", text: "Ask about the rota",
//!             created: "2026-03-14", done: None),
//!     ],
//!     briefs: [ // the days briefs were made, per person (None: "me")
//!         (on: "2026-03-14", person: Some("Ana")),
//!     ],
//!     goals: [ // development goals (version 4)
//!         (id: "9d3e…", title: "Step back when the team is confident",
//!             kind: "fit", situations: ["confident-team"], min_percent: 70,
//!             from: "2026-03-02", until: "2026-04-26",
//!             created: "…", updated: "…", version: (…)),
//!     ],
//!     reflections: [ // one per ISO week, by its Monday (version 4)
//!         (id: "c41b…", week: "2026-03-09", answers: [(question: "…", answer: "…")],
//!             created: "…", updated: "…", version: (…)),
//!     ],
//!     removed: [ // tombstones of removed goals and reflections (version 4)
//!         (id: "9d3e…", kind: "goal", deleted_at: "…", version: (…)),
//!     ],
//! )
//! ```
//!
//! # Versions
//!
//! - **1**: `version` and `decisions` only.
//! - **2**: adds `deleted`, the tombstones of deleted decisions, so that a
//!   deletion made by one Keel merges into the copy another Keel has open.
//! - **3**: adds `version` to each decision and tombstone: the edits it
//!   descends from per device, and a hybrid-clock time, e.g.
//!   `version: (seen: [(device: "3f9a1c2e07b4", edits: 2)], at: "2026-03-14T09:12:00.120Z", by: "3f9a1c2e07b4")`,
//!   so merges decide by ancestry, not by clocks ([`merge`]). Decisions and
//!   tombstones of older files get a version from their time as they are
//!   read ([`crate::model::Version::legacy`]).
//! - **4**: adds `goals`, `reflections` and `removed` (their tombstones),
//!   each record with an id and a `version` like a decision's, merged by id
//!   the same way. All three are optional, so a version 3 file reads as a
//!   journal without goals; the first save writes version 4 (the version 3
//!   original is kept in the backups).
//!
//! `version` is checked before anything else: a file from a newer Keel is
//! refused and never rewritten. An older version is migrated when it is read
//! ([`Store::open`] first copies the original into the backups, marked with
//! its version, and the next save writes the current version).
//!
//! # Saving
//!
//! Every writer (the window, `keel add`, any subcommand) goes through a
//! [`Store`]: it takes an exclusive lock on `<journal>.lock`, re-reads the
//! journal if it changed since it was loaded, merges by decision id
//! ([`merge`]), keeps the previous file as a rotating backup in `backups/`
//! beside the journal ([`backup`]), and writes atomically: the new content
//! goes to a temporary file in the same folder, is flushed to disk, renamed
//! over the journal, and the folder itself is flushed so the rename survives
//! a crash. A process killed at any moment leaves the old or the new file.
//!
//! # Encryption
//!
//! Optional, with [age](https://age-encryption.org): see [`crypto`]. Once a
//! journal is encrypted, the journal, its temporary files and its backups are
//! all age files; the lock file holds nothing.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

mod absorb;
mod admit;
pub mod backup;
pub mod cache;
pub mod crypto;
pub mod editor;
pub mod fields;
pub mod keys;
pub mod lock;
pub mod merge;
pub mod notices;
pub mod protected;
mod record_merge;
pub mod ron_writer;
mod store;
pub mod sync_copies;

pub use absorb::{AbsorbedCopy, CopyReport, LeftCopy, SetAsideCopy};
pub use backup::Backup;
pub use editor::Editor;
pub use merge::{Conflict, Contents, Merged, Tombstone};
pub use notices::Notices;
pub use store::{Encrypted, FileStamp, Loaded, Saved, Snapshot, Store};

use crate::model::{BriefMark, Decision, Goal, Journal, RecordTombstone, Reflection, TalkingPoint};

/// The file format version this build writes and the newest it reads.
pub const CURRENT_VERSION: u32 = 4;

/// The largest journal file read: 1 GiB, far more than years of decisions
/// take, and a bound on what a file that keeps growing can make Keel read.
pub const MAX_JOURNAL_BYTES: u64 = 1 << 30;

/// The oldest file format version this build reads (and migrates).
pub const OLDEST_VERSION: u32 = 1;

/// What can go wrong reading or writing a journal file.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The file does not exist.
    #[error("{} does not exist", path.display())]
    NotFound {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The file is not a valid journal.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// The file was written by a newer Keel.
    #[error(
        "{} was written by a newer Keel (file version {found}; this build reads up to version {CURRENT_VERSION}). Update Keel to open it; the file was left untouched",
        path.display()
    )]
    FutureVersion {
        /// The file.
        path: PathBuf,
        /// The version found in it.
        found: u32,
    },
    /// The journal could not be written.
    #[error("cannot save {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The lock file could not be taken.
    #[error("cannot lock {}: {source}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Another process held the journal's lock for the whole wait
    /// ([`lock::LOCK_WAIT_MS`]): a Keel stopped or stuck in the middle of a
    /// save. Nothing was written.
    #[error("{}", lock_busy(path, holder.as_ref(), *waited_ms))]
    LockBusy {
        /// The journal.
        path: PathBuf,
        /// Who holds the lock, when it noted itself.
        holder: Option<lock::LockHolder>,
        /// How long this writer waited, in milliseconds.
        waited_ms: u64,
    },
    /// The journal's lock file is a symbolic link, a named pipe or anything
    /// but an ordinary file: it was neither followed nor opened.
    #[error(
        "{} is {what}, not the ordinary file Keel locks while it saves; Keel neither followed nor opened it, so \
         nothing was written. Remove it (Keel makes a new one) and try again",
        path.display()
    )]
    LockNotAFile {
        /// The lock file.
        path: PathBuf,
        /// What it is, in words ("a symbolic link", "a named pipe (FIFO)").
        what: &'static str,
    },
    /// The journal is encrypted and no passphrase was given.
    #[error("{} is encrypted; give its passphrase (or set KEEL_PASSPHRASE) to open it", path.display())]
    Locked {
        /// The journal.
        path: PathBuf,
    },
    /// The journal is a sync service's placeholder: not downloaded yet.
    #[error(
        "{} is not downloaded yet: the sync service keeps only a placeholder on this computer. Open its folder so \
         it downloads, then try again (nothing was written)",
        path.display()
    )]
    NotDownloaded {
        /// The journal.
        path: PathBuf,
    },
    /// The passphrase does not unlock the journal's key.
    #[error("the passphrase does not unlock {}", path.display())]
    WrongPassphrase {
        /// The key file.
        path: PathBuf,
    },
    /// The journal's path names something that is not an ordinary file (a
    /// named pipe, a device, a folder): reading it could hang or never end.
    #[error("{} is {what}, not an ordinary file; Keel keeps its journal in an ordinary file, so nothing was read or written", path.display())]
    NotAFile {
        /// The path given.
        path: PathBuf,
        /// What it is, in words ("a named pipe (FIFO)", "a device", "a folder").
        what: &'static str,
    },
    /// The file is larger than any journal Keel would write.
    #[error(
        "{} holds {} MiB, more than a journal can ({} MiB at most); it is not a Keel journal, so it was not read",
        path.display(),
        bytes / (1 << 20),
        MAX_JOURNAL_BYTES / (1 << 20)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        bytes: u64,
    },
    /// The journal is read-only; Keel does not change that.
    #[error(
        "{} is read-only, so nothing was saved (its permissions were left as they are); make it writable to save changes",
        path.display()
    )]
    ReadOnly {
        /// The journal.
        path: PathBuf,
    },
    /// The file holds a field this Keel does not know (a hand edit, or a
    /// newer Keel): saving would drop it, so nothing is written.
    #[error(
        "{}:{line}:{column}: the field `{field}` is not one this Keel knows (added by hand or by a newer Keel); saving would drop it, so nothing was saved. Update Keel, or remove the field",
        path.display()
    )]
    UnknownField {
        /// The journal.
        path: PathBuf,
        /// 1-based line of the field.
        line: usize,
        /// 1-based column of the field.
        column: usize,
        /// The field's name.
        field: String,
    },
    /// The journal is encrypted but its key file is not beside it.
    #[error(
        "{} is encrypted, but its key file is missing: it should be at {}. Put the key file back there to open the journal (a passphrase alone cannot); nothing was changed",
        path.display(),
        key.display()
    )]
    KeyMissing {
        /// The journal.
        path: PathBuf,
        /// Where its key file should be.
        key: PathBuf,
    },
    /// Encryption or decryption failed for another reason.
    #[error("{}: {message}", path.display())]
    Crypto {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// The words of [`StorageError::LockBusy`].
fn lock_busy(path: &Path, holder: Option<&lock::LockHolder>, waited_ms: u64) -> String {
    let seconds = (waited_ms / 1000).max(1);
    match holder {
        Some(holder) => format!(
            "another Keel ({}) still holds the lock of {} after {seconds} s of waiting: it may be stopped or stuck. \
             Nothing was written. Let it finish, or end process {}, then try again",
            holder.describe(),
            path.display(),
            holder.pid
        ),
        None => format!(
            "another Keel still holds the lock of {} after {seconds} s of waiting: it may be stopped or stuck. \
             Nothing was written. Let it finish, or close the other Keel using this journal, then try again",
            path.display()
        ),
    }
}

/// The on-disk shape, borrowed for writing.
#[derive(Serialize)]
pub(crate) struct FileOut<'a> {
    version: u32,
    decisions: &'a [Decision],
    deleted: &'a [Tombstone],
    #[serde(skip_serializing_if = "<[TalkingPoint]>::is_empty")]
    talking_points: &'a [TalkingPoint],
    #[serde(skip_serializing_if = "<[BriefMark]>::is_empty")]
    briefs: &'a [BriefMark],
    #[serde(skip_serializing_if = "<[Goal]>::is_empty")]
    goals: &'a [Goal],
    #[serde(skip_serializing_if = "<[Reflection]>::is_empty")]
    reflections: &'a [Reflection],
    #[serde(skip_serializing_if = "<[RecordTombstone]>::is_empty")]
    removed: &'a [RecordTombstone],
}

/// The on-disk shape of version 1.
#[derive(Deserialize)]
struct FileV1 {
    #[serde(rename = "version")]
    _version: u32,
    decisions: Vec<Decision>,
}

/// The on-disk shape of versions 2 to 4 (3 adds the decisions' and
/// tombstones' `version`, optional in the shape: a version 2 file gets them
/// from its times as it is read; 4 adds goals, reflections and their
/// tombstones, empty when absent).
#[derive(Deserialize)]
struct FileV2 {
    version: u32,
    decisions: Vec<Decision>,
    #[serde(default)]
    deleted: Vec<Tombstone>,
    /// Added within version 2 and optional, so files without it still load;
    /// serde ignores unknown fields, so an older Keel still reads a file
    /// that has it (it does not show the points).
    #[serde(default)]
    talking_points: Vec<TalkingPoint>,
    #[serde(default)]
    briefs: Vec<BriefMark>,
    #[serde(default)]
    goals: Vec<Goal>,
    #[serde(default)]
    reflections: Vec<Reflection>,
    #[serde(default)]
    removed: Vec<RecordTombstone>,
}

/// Just the version, read first so a newer file is refused before its
/// content is interpreted.
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// A parsed file: what it holds and the format version it was in.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Decisions and tombstones.
    pub contents: Contents,
    /// The file's `version`.
    pub version: u32,
    /// The first field in the file this Keel does not know: reading ignores
    /// it, and a save would drop it, so writers refuse ([`fields`]).
    pub unknown_field: Option<fields::UnknownField>,
}

/// Reads the journal at `path` (a plain, unencrypted journal; see [`Store`]
/// for encrypted ones).
///
/// # Errors
/// [`StorageError::NotFound`] when there is no file, [`StorageError::Read`]
/// when it cannot be read, [`StorageError::Parse`] with line and column when it
/// is not a journal, [`StorageError::FutureVersion`] when a newer Keel wrote it,
/// [`StorageError::Locked`] when it is encrypted.
pub fn load(path: &Path) -> Result<Journal, StorageError> {
    Store::new(path.to_owned()).read().map(|loaded| loaded.contents.journal)
}

/// Parses journal text; `path` only names the source in errors.
///
/// # Errors
/// As [`load`], minus the I/O cases.
pub fn parse(text: &str, path: &Path) -> Result<Journal, StorageError> {
    parse_file(text, path).map(|parsed| parsed.contents.journal)
}

/// Parses journal text of any supported version, migrating it to the current
/// shape; `path` only names the source in errors. A decision with more tags
/// or people than Keel allows ([`crate::model::decision::MAX_NAMES`]) is
/// refused by its line, as every other way in refuses it.
///
/// # Errors
/// As [`parse`].
pub fn parse_file(text: &str, path: &Path) -> Result<Parsed, StorageError> {
    let parsed = parse_any_version(text, path)?;
    refuse_too_many_names(&parsed.contents.journal, text.strip_prefix('\u{feff}').unwrap_or(text), path)?;
    Ok(parsed)
}

/// The first decision of `journal` carrying more tags or people than
/// allowed, as a parse error at the line of its id.
fn refuse_too_many_names(journal: &Journal, text: &str, path: &Path) -> Result<(), StorageError> {
    use crate::model::decision::{MAX_NAMES, escape_control};
    let Some(decision) = journal.decisions().iter().find(|d| d.tags.len() > MAX_NAMES || d.people.len() > MAX_NAMES)
    else {
        return Ok(());
    };
    let (field, count) =
        if decision.tags.len() > MAX_NAMES { ("tags", decision.tags.len()) } else { ("people", decision.people.len()) };
    let error = crate::model::DraftError::TooMany { field, count, max: MAX_NAMES };
    // Where the decision starts: the line of its id.
    let at = text.find(&format!("id: {}", ron_string(&decision.id.0))).unwrap_or(0);
    let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
    Err(StorageError::Parse {
        path: path.to_owned(),
        line: text[..at].matches('\n').count() + 1,
        column: text[line_start..at].chars().count() + 1,
        message: format!(
            "the decision \u{201c}{}\u{201d} (id {}): {error}",
            escape_control(&decision.title),
            escape_control(&decision.id.0)
        ),
    })
}

/// `text` as a RON string literal, as the journal file writes it.
fn ron_string(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

/// [`parse_file`] without the check of its decisions.
fn parse_any_version(text: &str, path: &Path) -> Result<Parsed, StorageError> {
    const _: () = assert!(CURRENT_VERSION == 4, "the fast path reads version 4: update it with the version");
    profiling::scope!("storage::parse_file");
    // Windows Notepad starts UTF-8 files with a byte-order mark; it is not
    // part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parse_error = |error: ron::error::SpannedError| StorageError::Parse {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: match error.code {
            // ron's own words point at a parser option, not at the file.
            ron::Error::ExceededRecursionLimit => {
                "brackets are nested far deeper than in any journal: the file is damaged or not a Keel journal"
                    .to_owned()
            }
            code => in_users_words(&code, text),
        },
    };
    // Fast path, one parse instead of two: a current-version file read
    // straight into its shape. Anything else (an older or newer version, a
    // broken file) takes the careful path below, which probes the version
    // first, so errors and refusals are the same as ever.
    if let Ok(file) = ron::from_str::<FileV2>(text)
        && file.version == CURRENT_VERSION
    {
        return Ok(Parsed {
            contents: version_2_contents(file),
            version: CURRENT_VERSION,
            unknown_field: fields::first_unknown(text),
        });
    }
    let probe: VersionProbe = ron::from_str(text).map_err(parse_error)?;
    match probe.version {
        version if version > CURRENT_VERSION => {
            Err(StorageError::FutureVersion { path: path.to_owned(), found: version })
        }
        1 => {
            let file: FileV1 = ron::from_str(text).map_err(parse_error)?;
            let mut contents = Contents::new(Journal::new(file.decisions), Vec::new());
            contents.fill_legacy_versions();
            Ok(Parsed { contents, version: 1, unknown_field: fields::first_unknown(text) })
        }
        version @ 2..=4 => {
            let file: FileV2 = ron::from_str(text).map_err(parse_error)?;
            Ok(Parsed { contents: version_2_contents(file), version, unknown_field: fields::first_unknown(text) })
        }
        version => Err(StorageError::Parse {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: format!(
                "unknown journal version {version} (versions {OLDEST_VERSION} to {CURRENT_VERSION} exist)"
            ),
        }),
    }
}

/// A parse error in the user's words: an empty or cut-off file said as
/// such, and the names of Keel's internal types (`VersionProbe`, `FileV2`,
/// `Decision`…) replaced by what they are in the file.
fn in_users_words(code: &ron::Error, text: &str) -> String {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return "the file is empty: it holds no journal (a Keel journal starts with \"(version:\")".to_owned();
    }
    // Both mean the text stops before the journal does: cut off outside a
    // string, or inside one that never closes.
    if matches!(code, ron::Error::Eof | ron::Error::ExpectedStringEnd) {
        let inside = if text.contains("decisions:") { "a decision" } else { "the journal" };
        return format!(
            "the file ends in the middle of {inside}: it was cut off (a copy or save that did not finish?)"
        );
    }
    let mut message = code.to_string();
    for (internal, words) in [
        ("struct `VersionProbe`", "the journal"),
        ("struct `FileV2`", "the journal"),
        ("struct `FileV1`", "the journal"),
        ("struct `Decision`", "a decision"),
        ("struct `Review`", "a review"),
        ("struct `TalkingPoint`", "a talking point"),
        ("struct `Tombstone`", "a deleted decision's record"),
        ("struct `BriefMark`", "a brief's mark"),
        ("struct `Goal`", "a goal"),
        ("struct `Reflection`", "a weekly reflection"),
        ("struct `Answer`", "a reflection's answer"),
        ("struct `RecordTombstone`", "a removed goal's or reflection's record"),
        ("struct `ContrastScores`", "the contrast scores"),
        ("`VersionProbe`", "the journal"),
        ("`FileV2`", "the journal"),
        ("`FileV1`", "the journal"),
    ] {
        message = message.replace(internal, words);
    }
    message
}

/// Everything a version 2 to 4 file holds. One place for both parse paths,
/// so none of its parts (decisions, tombstones, talking points, goals,
/// reflections) can be dropped by one of them.
fn version_2_contents(file: FileV2) -> Contents {
    let mut contents = Contents::new(
        Journal::new(file.decisions).with_talking_points(file.talking_points).with_briefs(file.briefs).with_records(
            file.goals,
            file.reflections,
            file.removed,
        ),
        file.deleted,
    );
    contents.fill_legacy_versions();
    contents
}

/// Parses file bytes, naming a non-UTF-8 file as such.
///
/// # Errors
/// As [`parse_file`].
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Parsed, StorageError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_file(text, path),
        Err(error) => {
            let before = &bytes[..error.valid_up_to()];
            let line = before.split(|byte| *byte == b'\n').count();
            let line_start = before.iter().rposition(|byte| *byte == b'\n').map_or(0, |at| at + 1);
            let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
            Err(StorageError::Parse {
                path: path.to_owned(),
                line,
                column,
                message: "the file is not UTF-8 text (wrong encoding?)".to_owned(),
            })
        }
    }
}

/// The journal as file text, without tombstones.
#[must_use]
pub fn to_text(journal: &Journal) -> String {
    contents_to_text(journal, &[])
}

/// Decisions and tombstones as file text in the current version.
#[must_use]
pub fn contents_to_text(journal: &Journal, deleted: &[Tombstone]) -> String {
    profiling::scope!("storage::contents_to_text");
    let file = FileOut {
        version: CURRENT_VERSION,
        decisions: journal.decisions(),
        deleted,
        talking_points: journal.talking_points(),
        briefs: journal.briefs(),
        goals: journal.goals(),
        reflections: journal.reflections(),
        removed: journal.removed_records(),
    };
    // The same text as ron's below, about five times faster; ron writes any
    // shape the fast writer declines.
    if let Ok(text) = ron_writer::to_string_pretty(&file) {
        return text;
    }
    let config = ron::ser::PrettyConfig::new().indentor("    ").struct_names(false).new_line("\n");
    // Serialising plain strings, dates and vectors cannot fail; if it ever
    // did, an empty string would be refused by the writer rather than
    // written over the journal.
    ron::ser::to_string_pretty(&file, config).unwrap_or_default()
}

/// Writes `journal` to `path`: under the journal's lock, keeping a backup of
/// the previous file, atomically. Decisions that were in the file but not in
/// `journal` are recorded as deleted. Writers that loaded the journal earlier
/// should use [`Store::update`] (load, change and save under one lock) so a
/// change made in between by another process is not lost.
///
/// # Errors
/// [`StorageError::Write`] when any step fails; the previous file is then
/// left exactly as it was. The errors of [`load`] when the file on disk
/// cannot be read (it is then not written over).
pub fn save(path: &Path, journal: &Journal) -> Result<(), StorageError> {
    Store::new(path.to_owned()).update(|current| {
        current.clone_from(journal);
        Ok::<(), StorageError>(())
    })
}

/// Replaces `path` with what `write` puts in a temporary file beside it:
/// temp file, fsync, rename, fsync the folder. If `write` or any step fails
/// the temporary file is removed and `path` is untouched.
///
/// # Errors
/// [`StorageError::Write`] naming `path`.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> Result<(), StorageError> {
    write_atomically_stamped(path, write).map(|_| ())
}

/// As [`write_atomically`], returning the stamp of the file written (taken
/// from the temporary file before the rename, so it describes exactly what
/// was written).
pub(crate) fn write_atomically_stamped(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<FileStamp, StorageError> {
    let write_error = |source: io::Error| StorageError::Write { path: path.to_owned(), source };
    let folder = folder_of(path);
    fs::create_dir_all(&folder).map_err(write_error)?;
    // tempfile creates the file readable by its owner only (0600 on unix).
    let prefix = temp_prefix(path);
    let mut temp = tempfile::Builder::new().prefix(&prefix).suffix(".tmp").tempfile_in(&folder).map_err(write_error)?;
    write(temp.as_file_mut()).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    let stamp = FileStamp::of(&temp.as_file().metadata().map_err(write_error)?);
    replace_with(temp, path).map_err(write_error)?;
    sync_folder(&folder).map_err(write_error)?;
    Ok(stamp)
}

/// How the temporary files of a save of `path` start: `.<name>.keel-save-`.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    format!(".{name}.keel-save-")
}

/// Removes temporary files a killed save of `path` left behind. Only called
/// with the journal's lock held, so no save of `path` is running. Returns a
/// notice for each one that stays: the save goes on without it, and the
/// caller passes them on ([`Notices`]) for the edge to report.
pub(crate) fn remove_stale_temp_files(path: &Path) -> Vec<String> {
    let prefix = temp_prefix(path);
    // A folder that cannot be listed fails the save itself just after.
    let Ok(entries) = fs::read_dir(folder_of(path)) else { return Vec::new() };
    let mut notices = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix)
            && name.ends_with(".tmp")
            && let Err(error) = fs::remove_file(entry.path())
        {
            notices.push(format!("removing a leftover temporary file {}: {error}", entry.path().display()));
        }
    }
    notices
}

/// Writes `bytes` to `path` atomically.
pub(crate) fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<FileStamp, StorageError> {
    if bytes.is_empty() {
        return Err(StorageError::Write {
            path: path.to_owned(),
            source: io::Error::other("the journal could not be encoded"),
        });
    }
    write_atomically_stamped(path, |file| file.write_all(bytes))
}

/// How long a save keeps trying to replace a file another program holds
/// open without letting it be replaced, in milliseconds. On Windows a sync
/// client, an indexer or a virus scanner opens files for a moment that way
/// (its sharing mode); on Linux and macOS a replace never waits.
pub const REPLACE_RETRY_MS: u64 = 3_000;

/// Moves `temp` over `path`, retrying a while on Windows when another
/// program holds `path` open without sharing it for deletion.
fn replace_with(temp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    let started = std::time::Instant::now();
    let mut temp = temp;
    loop {
        match temp.persist(path) {
            Ok(_) => return Ok(()),
            Err(error)
                if cfg!(windows)
                    && is_sharing_refusal(&error.error)
                    && started.elapsed() < std::time::Duration::from_millis(REPLACE_RETRY_MS) =>
            {
                temp = error.file;
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(error) => return Err(error.error),
        }
    }
}

/// Whether Windows refused a replace because the file is open elsewhere:
/// access denied (5), a sharing violation (32) or a lock violation (33).
fn is_sharing_refusal(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

/// `path` made absolute with every link and `..` resolved, as people read
/// it: on Windows without the `\\?\` prefix the system adds, when the path
/// is an ordinary one without it.
///
/// # Errors
/// The path does not exist or cannot be read.
pub fn canonical(path: &Path) -> io::Result<PathBuf> {
    let real = fs::canonicalize(path)?;
    if cfg!(windows)
        && let Some(plain) = real.to_str().and_then(without_verbatim_prefix)
    {
        return Ok(PathBuf::from(plain));
    }
    Ok(real)
}

/// A Windows verbatim path (`\\?\C:\…`, `\\?\UNC\server\share\…`) as an
/// ordinary one, when it is short enough to be one; `None` otherwise.
fn without_verbatim_prefix(text: &str) -> Option<String> {
    /// Longer paths need the prefix (the classic `MAX_PATH`).
    const MAX_PATH: usize = 260;
    let rest = text.strip_prefix(r"\\?\")?;
    let plain = match rest.strip_prefix(r"UNC\") {
        Some(share) => format!(r"\\{share}"),
        None if rest.as_bytes().get(1) == Some(&b':') => rest.to_owned(),
        None => return None,
    };
    // Without the prefix Windows would rewrite a name ending in a dot or a
    // space, or read a device name (NUL, COM1, aux.ron) as the device: then
    // the plain form names another file, and the prefix stays.
    let rewritten = plain.split('\\').skip(1).any(|part| {
        let stem = part.split('.').next().unwrap_or(part).trim_end().to_ascii_uppercase();
        part.ends_with(['.', ' '])
            || matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || (stem.len() == 4
                && (stem.starts_with("COM") || stem.starts_with("LPT"))
                && stem.as_bytes()[3].is_ascii_digit())
    });
    (plain.len() < MAX_PATH && !rewritten).then_some(plain)
}

/// The file a journal path stands for: when `path` is a symbolic link, the
/// file it points to (through any chain of links), so that the lock, the
/// backups and the atomic replace all happen beside the real file and the
/// link stays a link. Other paths are returned as they are.
#[must_use]
pub fn real_path(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    let mut followed = false;
    // As the OS does, give up on a loop of links after 40 steps.
    for _ in 0..40 {
        match fs::read_link(&current) {
            Ok(target) => {
                current = folder_of(&current).join(target);
                followed = true;
            }
            // A link to a file that exists is named by its clean real path
            // (no `link/../real`); a dangling one as it points.
            Err(_) if followed => return canonical(&current).unwrap_or(current),
            Err(_) => return current,
        }
    }
    current
}

/// Checks that `path`, when it exists, is an ordinary file (after following
/// links), returning its metadata; `None` when there is nothing there.
///
/// # Errors
/// [`StorageError::NotAFile`] for a named pipe, device, socket or folder;
/// [`StorageError::Read`] when its metadata cannot be read.
pub fn check_regular(path: &Path) -> Result<Option<fs::Metadata>, StorageError> {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(StorageError::Read { path: path.to_owned(), source }),
    };
    if metadata.is_file() {
        return Ok(Some(metadata));
    }
    let what = if metadata.is_dir() { "a folder" } else { special_kind(metadata.file_type()) };
    Err(StorageError::NotAFile { path: path.to_owned(), what })
}

#[cfg(unix)]
fn special_kind(kind: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: fs::FileType) -> &'static str {
    "a special file"
}

/// The folder holding `path` (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
#[expect(clippy::unnecessary_wraps, reason = "the same signature as on unix, where it can fail")]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    // Windows cannot open a directory as a file; NTFS journals the rename.
    Ok(())
}

/// The current time, as storage stamps tombstones and backups with it.
pub(crate) fn now() -> Timestamp {
    Timestamp::now()
}

/// The default journal path: `journal.ron` in the platform data directory.
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "keel").map(|dirs| dirs.data_dir().join("journal.ron"))
}

/// A short name for a journal file, for window titles: its file stem.
#[must_use]
pub fn display_name(path: &Path) -> String {
    path.file_stem().map_or_else(|| path.display().to_string(), |stem| stem.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod refusal_tests;

#[cfg(test)]
mod trust_tests;

#[cfg(test)]
mod soak_tests;
