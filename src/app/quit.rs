//! Quitting without losing a draft: every way out of the window (Ctrl+Q,
//! File → Quit, the window's close button) asks Save / Discard / Cancel
//! while the editor or the review form holds unsaved edits, and the drafts
//! are kept in the window's own storage while they are typed, so a window
//! that is killed offers them back on the next start. A draft never reaches
//! the journal until it is saved.

use std::time::Duration;

use super::{KeelApp, Source};
use crate::context::KeptDrafts;
use crate::context::quit::Answer;
use crate::ui;

/// Where the window is in quitting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Quitting {
    /// Not quitting.
    #[default]
    No,
    /// Asking Save / Discard / Cancel.
    Asking,
    /// The user chose: the next close request goes through.
    Confirmed,
}

/// How often the drafts are written to eframe's storage while some are
/// open, in place of eframe's default of 30 seconds.
const DRAFT_SAVE_INTERVAL: Duration = Duration::from_secs(2);

impl KeelApp {
    /// Whether the editor or the review form holds edits not yet saved, or
    /// the journal holds changes its file lacks (the last save failed).
    #[must_use]
    pub fn has_unsaved_edits(&self) -> bool {
        self.pages.has_unsaved_edits(self.state.journal()) || self.disk.failed_save.is_some()
    }

    /// The unsaved drafts as they are now, to keep in eframe's storage.
    /// None for the sample (never saved) or an encrypted journal: its
    /// drafts would lie in the clear beside it.
    #[must_use]
    pub fn drafts_to_keep(&self) -> KeptDrafts {
        if self.source == Source::Demo || self.is_encrypted() {
            return KeptDrafts::default();
        }
        self.unsaved_drafts()
    }

    /// Where this window's drafts are kept in eframe's storage; `None` for
    /// the sample journal.
    #[must_use]
    pub fn kept_drafts_key(&self) -> Option<String> {
        match &self.source {
            Source::File(path) => Some(KeptDrafts::storage_key(path)),
            Source::Demo => None,
        }
    }

    /// The unsaved drafts, whatever the journal.
    fn unsaved_drafts(&self) -> KeptDrafts {
        self.pages.unsaved_drafts(self.state.journal())
    }

    /// Offers back the drafts a window on the same journal left unsaved
    /// (killed, or its computer turned off) when this one starts.
    pub fn offer_kept_drafts(&mut self, kept: KeptDrafts) {
        // Kept under this journal's own key ([`KeptDrafts::storage_key`]),
        // however its path was spelt then.
        if !kept.is_empty() && self.source != Source::Demo {
            self.kept_drafts = Some(kept);
        }
    }

    /// Opens the drafts offered back: the decision in the editor, the
    /// review in the Review page's form.
    pub fn take_back_kept_drafts(&mut self) {
        let Some(kept) = self.kept_drafts.take() else { return };
        if let Some(page) = self.pages.resume(kept, self.state.journal(), self.clock.today()) {
            self.page = page;
        }
    }

    /// Ctrl+Q or File → Quit: closes the window, asking first when there
    /// are unsaved edits.
    pub fn request_quit(&mut self, ctx: &egui::Context) {
        if self.has_unsaved_edits() && self.quitting != Quitting::Confirmed {
            self.quitting = Quitting::Asking;
        } else {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The window's close button (or the system closing it): held back
    /// with the question while there are unsaved edits.
    pub(super) fn check_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|input| input.viewport().close_requested())
            && self.quitting != Quitting::Confirmed
            && self.has_unsaved_edits()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.quitting = Quitting::Asking;
        }
    }

    /// Whether a window-wide modal (the quit question, the palette, the
    /// shortcut sheet) is over the page: the page's own keys (Esc closing
    /// a form) are then the modal's.
    #[must_use]
    pub fn modal_open(&self) -> bool {
        self.is_asking_to_quit() || self.palette.is_some() || self.show_shortcuts
    }

    /// What the quit question names: the unsaved drafts, kept or not, and
    /// changes to the journal a failed save left only in the window.
    #[must_use]
    pub fn unsaved_drafts_description(&self) -> String {
        let drafts = self.unsaved_drafts().describe();
        let Some(error) = &self.disk.failed_save else { return drafts };
        let journal = format!("the journal, which could not be saved ({error})");
        if drafts.is_empty() { journal } else { format!("{drafts}, and to {journal}") }
    }

    /// Whether the quit question is showing.
    #[must_use]
    pub fn is_asking_to_quit(&self) -> bool {
        self.quitting == Quitting::Asking
    }

    /// The answer to the quit question: save the drafts and quit (unless
    /// one cannot be saved: then it stays open with its reason), discard
    /// them and quit, or stay.
    pub fn answer_quit(&mut self, ctx: &egui::Context, answer: Answer) {
        match answer {
            Answer::Cancel => self.quitting = Quitting::No,
            Answer::Discard => {
                self.pages.discard_drafts();
                self.quitting = Quitting::Confirmed;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Answer::Save => match self.save_drafts() {
                Ok(()) => {
                    // Written now, not on exit, so a journal that still
                    // cannot be saved keeps the window open with the reason
                    // in the banner.
                    if self.disk.failed_save.is_some() {
                        self.disk.dirty = true;
                    }
                    self.flush_saves();
                    if self.disk.failed_save.is_some() {
                        self.quitting = Quitting::No;
                    } else {
                        self.quitting = Quitting::Confirmed;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
                Err(ui::NotSaved { page }) => {
                    // The form that could not be saved shows why.
                    self.quitting = Quitting::No;
                    self.page = page;
                }
            },
        }
    }

    /// Saves the open drafts as their Save buttons would: the editor's
    /// first, then the review (built on the decision as the editor left
    /// it, so one never undoes the other).
    ///
    /// # Errors
    /// The page of the first draft that cannot be saved as it is; its form
    /// stays open with the reason shown.
    fn save_drafts(&mut self) -> Result<(), ui::NotSaved> {
        let (today, now) = (self.clock.today(), self.clock.now());
        if let Some(command) = self.pages.save_editor_draft(self.state.journal(), today, now)? {
            self.apply(command);
        }
        if let Some(command) = self.pages.save_review_draft(self.state.journal(), today, now)? {
            self.apply(command);
        }
        for command in self.pages.week.save_drafts(self.state.journal(), now)? {
            self.apply(command);
        }
        Ok(())
    }

    /// How often eframe should write its storage: often while a draft is
    /// open, so a killed window loses seconds of typing at most.
    #[must_use]
    pub fn storage_interval(&self) -> Duration {
        if self.has_unsaved_edits() { DRAFT_SAVE_INTERVAL } else { Duration::from_secs(30) }
    }
}
