//! What a page sees, as rerun's viewer does it (`ViewerContext`): a page
//! gets a read-only [`ViewContext`] (the journal, its revision, today, the
//! name counts) and its own state, and sends [`AppRequest`]s instead of
//! changing anything. The app applies what was sent once the frame's pages
//! are drawn, in one `match` (`KeelApp::apply_requests`).

use std::sync::Arc;

use jiff::civil::Date;

use super::{AppRequest, NameCounts, Preferences, Sender, Source};
use crate::history::Edit;
use crate::model::Journal;
use crate::storage::{Backup, Conflict};

/// What a page reads: never changed while a frame is drawn.
pub struct ViewContext<'a> {
    /// The journal as it is now.
    pub journal: &'a Journal,
    /// Bumped on every change, so a page can cache what it derives.
    pub revision: u64,
    /// The clock's today.
    pub today: Date,
    /// The clock's now, for the time a change is stamped with.
    pub now: jiff::Timestamp,
    /// Every tag, person and situation with how many decisions name it.
    pub names: Arc<NameCounts>,
    /// The user's preferences.
    pub preferences: &'a Preferences,
    /// Where the journal comes from (a file, or the sample).
    pub source: &'a Source,
    /// Whether a modal (the quit question, the palette, the shortcut sheet)
    /// or a drop-down was over the page as the frame began: it has the
    /// keyboard, so page keys (Esc closing a form) wait.
    pub modal_open: bool,
    /// Where the page sends what it asks for.
    pub sender: &'a Sender,
    /// The journal file's state: encryption, backups, conflicts, why an
    /// unlock failed (Settings and the storage screens).
    pub storage: StorageView<'a>,
    /// Settings → Reminders.
    pub reminders: ReminderView<'a>,
}

/// What Settings reads of the reminders; the app keeps them.
#[derive(Debug, Clone, Copy)]
pub struct ReminderView<'a> {
    /// Whether this window can keep reminders (it has a configuration
    /// folder).
    pub available: bool,
    /// The settings.
    pub settings: &'a crate::remind::ReminderSettings,
    /// What the last change did, or why it failed.
    pub message: Option<&'a str>,
}

/// Reminders off and not available (a page drawn alone, in tests).
impl Default for ReminderView<'_> {
    fn default() -> Self {
        static OFF: crate::remind::ReminderSettings = crate::remind::ReminderSettings::OFF;
        Self { available: false, settings: &OFF, message: None }
    }
}

/// What Settings and the unlock, error and conflict screens read of the
/// journal's file; the app keeps it, the pages only see it.
#[derive(Debug, Clone, Copy, Default)]
pub struct StorageView<'a> {
    /// Whether the open journal is encrypted.
    pub encrypted: bool,
    /// What the encryption worker is doing, while it runs.
    pub crypto_in_progress: Option<&'a str>,
    /// The journal's backups, newest first: listed while Settings is shown
    /// (again only when the file changes), empty before.
    pub backups: &'a [Backup],
    /// The outcome of the last encryption or decryption.
    pub encryption_message: Option<&'a str>,
    /// On the error screen: the newest backup that can be read.
    pub recovery: Option<&'a Backup>,
    /// Why the last unlock failed.
    pub unlock_error: Option<&'a str>,
    /// Decisions edited both here and outside, for the user to choose.
    pub conflicts: &'a [Conflict],
}

impl ViewContext<'_> {
    /// Asks the app for `command` (see [`Sender::send`]).
    pub fn send(&self, request: AppRequest) {
        self.sender.send(request);
    }

    /// Asks for a change to the journal, through the history.
    pub fn change(&self, edit: Edit) {
        self.sender.send(AppRequest::Edit(Box::new(edit)));
    }

    /// The journal file, if this window has one.
    #[must_use]
    pub fn path(&self) -> Option<&std::path::Path> {
        match self.source {
            Source::File(path) => Some(path),
            Source::Demo => None,
        }
    }
}
