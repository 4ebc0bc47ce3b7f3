//! The answer to the question asked before quitting with unsaved edits.

/// The user's answer to "Quit with unsaved changes?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Save the drafts, then quit.
    Save,
    /// Throw the drafts away and quit.
    Discard,
    /// Stay in the window.
    Cancel,
}
