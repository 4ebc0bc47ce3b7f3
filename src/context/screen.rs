//! What fills the window: the pages, or a screen before them.

/// What fills the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// First run: no journal file yet.
    Welcome,
    /// The pages.
    Main,
    /// The journal could not be opened; the message names file and position.
    LoadError(String),
    /// The journal is encrypted: the passphrase is asked for.
    Locked,
    /// A large journal is being read in the background.
    Loading,
}
