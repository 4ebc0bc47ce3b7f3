//! What a page, screen or modal asks of the window: sent through the
//! [`Sender`](super::Sender) while the frame is drawn, applied by the app
//! once it is, in one `match`.

use std::path::PathBuf;

use super::{FilePurpose, FileRequest, Passphrase, Preferences, UserCommand};
use crate::history::Edit;

/// What a page, screen or modal asks of the window
/// ([`ViewContext::send`](super::ViewContext::send)), applied by the app
/// (`KeelApp::apply_requests`) once the whole frame is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum AppRequest {
    /// A change to the journal, through the history (boxed: a decision is
    /// large beside the other requests).
    Edit(Box<Edit>),
    /// Show the Journal page narrowed to `filter`.
    ShowJournalWith(crate::analysis::Filter),
    /// Open the editor on a decision, or a new one (asking first about an
    /// unsaved draft).
    OpenEditor(Option<crate::model::DecisionId>),
    /// Show the Review page with the review form open on a decision.
    OpenReview(crate::model::DecisionId),
    /// Show This week with the new-goal form filled in from a proposal.
    StartGoal(crate::analysis::goals::GoalIdea),
    /// Ask for a file (the system dialog, or Keel's own) and act on it.
    AskForFile {
        /// What the dialog asks.
        request: FileRequest,
        /// What the file is for.
        purpose: FilePurpose,
    },
    /// Say what happened in the status bar.
    Toast(String),
    // The window around the pages.
    /// Run a command from the one list (a menu entry, a key, the palette,
    /// a button that names one).
    Run(UserCommand),
    /// The answer to the quit question.
    AnswerQuit(super::quit::Answer),
    /// Open the drafts a window that closed unsaved left.
    TakeBackKeptDrafts,
    /// Forget the drafts a window that closed unsaved left.
    DiscardKeptDrafts,
    /// Hide the banner.
    DismissBanner,
    /// Hide today's reminder.
    DismissReminder,
    /// Show the page today's reminder is about, and hide it.
    FollowReminder,
    /// Use these reminder settings (Settings → Reminders): installs or
    /// removes the scheduler entry.
    SetReminders(crate::remind::ReminderSettings),
    /// Close the shortcut sheet (a close, not a toggle: two in one frame
    /// must not open it again).
    CloseShortcutSheet,
    /// Light, dark or following the system.
    SetTheme(egui::ThemePreference),
    // The Settings page, the welcome, unlock and error screens, the conflict
    // chooser, the import preview and the in-window file chooser.
    /// Use these preferences from now on.
    SetPreferences(Preferences),
    /// Switch the window to the journal file at this path (one that does
    /// not exist yet is created on the first change).
    OpenJournal(PathBuf),
    /// Move the open journal to this new file (Settings' typed place); the
    /// banner says why not if it cannot.
    MoveJournal(PathBuf),
    /// Replace the journal's decisions with a backup's, as an undoable
    /// change.
    RestoreBackup(crate::storage::Backup),
    /// Encrypt the journal and its backups with this passphrase.
    Encrypt(Passphrase),
    /// Stop encrypting: decrypt the journal and its backups.
    Decrypt,
    /// Unlock the encrypted journal with this passphrase and open it.
    Unlock(Passphrase),
    /// From the error screen: restore this backup over the unreadable
    /// journal (kept aside) and open it.
    RecoverFrom(crate::storage::Backup),
    /// Settle the conflict over a decision edited here and outside.
    ResolveConflict {
        /// The decision.
        id: crate::model::DecisionId,
        /// Keep this window's version; else the one from outside.
        keep_mine: bool,
    },
    /// Read a file and preview what importing it would do (a file dropped
    /// onto the window).
    PreviewImport(PathBuf),
    /// Tick or untick the import preview's "skip the records with errors".
    SkipBadRecords(bool),
    /// Tick or untick the import preview's "import these tags as people".
    ImportTagsAsPeople(bool),
    /// Show (or leave) the import preview's list of suggested styles.
    ShowImportSuggestions(bool),
    /// Tick or untick the suggestion for one new decision of the import.
    TickImportSuggestion(crate::model::DecisionId, bool),
    /// Give the ticked suggestions to their decisions on import (or not).
    ApplyImportSuggestions(bool),
    /// Apply the previewed import as one undoable change.
    ConfirmImport,
    /// Close the import preview without importing.
    CancelImport,
    /// The in-window file chooser closed with this answer.
    FileChooserAnswered(super::files::Answer),
}
