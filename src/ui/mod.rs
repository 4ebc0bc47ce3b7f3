//! The window's pages, screens and widgets: each reads a read-only
//! [`ViewContext`](crate::context::ViewContext) and its own state (gathered
//! in [`Pages`]) and sends [`AppRequest`](crate::context::AppRequest)s;
//! nothing here changes the journal or the window directly. The shell that
//! draws them (menus, navigation, status bar, keys) is the app's
//! (`app::shell`): this module never sees the app.

pub mod balance_page;
pub mod charts;
pub mod commands;
pub mod conflicts;
pub mod editor;
pub mod error_screen;
pub mod guide_page;
pub mod import_export;
pub mod journal_page;
pub mod palette;
pub mod people_page;
pub mod quit_prompt;
pub mod review_page;
pub mod settings_page;
pub mod shortcuts;
pub mod theme;
pub mod unlock;
pub mod week_page;
pub mod welcome;
pub mod widgets;

use crate::context::{KeptDrafts, Page};
use crate::history::Edit;

/// Every page's own state, kept between frames. The app holds it for the
/// window and hands it to the pages with their
/// [`ViewContext`](crate::context::ViewContext);
/// what the app needs of a page (a draft to keep, a filter to show) it asks
/// through the methods here, never by changing a page's fields.
#[derive(Debug, Default)]
pub struct Pages {
    /// This week: the week shown, the reflection and goal form being
    /// written.
    pub week: week_page::WeekPageState,
    /// The Journal page's filters, list and editor.
    pub journal: journal_page::JournalPageState,
    /// The Balance page's choices and cached overview.
    pub balance: balance_page::BalancePageState,
    /// The People page's choice, talking point form and brief.
    pub people: people_page::PeoplePageState,
    /// The Review page's lists, form and results.
    pub review: review_page::ReviewPageState,
    /// The Guide page's search box.
    pub guide: guide_page::GuidePageState,
    /// The Settings page's fields: a journal to open, a place to move it
    /// to, a new passphrase.
    pub settings: settings_page::SettingsPageState,
    /// The error screen's "open another journal" field.
    pub open_form: error_screen::OpenForm,
    /// The unlock screen's passphrase field.
    pub unlock: unlock::UnlockForm,
}

impl Pages {
    /// What the next run restores: the Journal page's filters and the
    /// Balance page's choices.
    #[must_use]
    pub fn remembered(&self) -> (crate::analysis::Filter, balance_page::BalanceChoice) {
        (self.journal.filter.clone(), self.balance.choice.clone())
    }

    /// Restores what a previous run remembered ([`Self::remembered`]).
    pub fn restore(&mut self, journal_filter: crate::analysis::Filter, balance: balance_page::BalanceChoice) {
        self.journal.show_filtered(journal_filter);
        self.balance.choice = balance;
    }

    /// Whether the editor or the review form holds edits not yet saved.
    #[must_use]
    pub fn has_unsaved_edits(&self, journal: &crate::model::Journal) -> bool {
        self.journal.editor.as_ref().is_some_and(editor::EditorState::is_dirty)
            || self.review.form.as_ref().is_some_and(|form| form.is_dirty(journal))
            || self.week.has_unsaved_text(journal)
    }

    /// The unsaved drafts as they are now.
    #[must_use]
    pub fn unsaved_drafts(&self, journal: &crate::model::Journal) -> KeptDrafts {
        let decision = self
            .journal
            .editor
            .as_ref()
            .filter(|editor| editor.is_dirty())
            .map(|editor| (editor.target().cloned(), editor.kept_draft()));
        let review =
            self.review.form.as_ref().filter(|form| form.is_dirty(journal)).map(review_page::ReviewForm::draft);
        let reflections = self.week.unsaved_reflections(journal);
        KeptDrafts { decision, review, reflections }
    }

    /// Opens drafts a window that closed unsaved left: the decision in the
    /// editor, the review in the Review page's form (if its decision is
    /// still there). The page to show them on, if any was opened.
    pub fn resume(
        &mut self,
        kept: KeptDrafts,
        journal: &crate::model::Journal,
        today: jiff::civil::Date,
    ) -> Option<Page> {
        let mut shown = None;
        if let Some(draft) = kept.review.filter(|draft| journal.get(&draft.target).is_some()) {
            self.review.form = Some(review_page::ReviewForm::from_draft(draft));
            shown = Some(Page::Review);
        }
        if !kept.reflections.is_empty() {
            self.week.resume_reflections(kept.reflections);
            shown = Some(Page::Week);
        }
        if let Some((target, draft)) = kept.decision {
            self.journal.editor = Some(editor::EditorState::resume(journal, target, draft, today));
            shown = Some(Page::Journal);
        }
        shown
    }

    /// Throws the open drafts away (the quit question's Discard).
    pub fn discard_drafts(&mut self) {
        self.journal.editor = None;
        self.review.form = None;
        self.week.discard_drafts();
    }

    /// Saves the editor's draft as its Save button would: the change to
    /// apply (the editor closing), nothing when no editor is open, or
    /// [`NotSaved`] when the draft cannot be saved as it is (the editor
    /// staying open with the reason beside its field).
    ///
    /// # Errors
    /// [`NotSaved`] as above.
    pub fn save_editor_draft(
        &mut self,
        journal: &crate::model::Journal,
        today: jiff::civil::Date,
        now: jiff::Timestamp,
    ) -> Result<Option<Edit>, NotSaved> {
        let Some(editor) = self.journal.editor.as_mut() else { return Ok(None) };
        let command = editor.save(journal, today, now).ok_or(NotSaved { page: Page::Journal })?;
        self.journal.editor = None;
        Ok(Some(command))
    }

    /// Saves the review being written as its Save button would (see
    /// [`review_page::ReviewPageState::save_form`]).
    ///
    /// # Errors
    /// [`NotSaved`] when the review cannot be saved as it is; the form
    /// stays open with the reason under it.
    pub fn save_review_draft(
        &mut self,
        journal: &crate::model::Journal,
        today: jiff::civil::Date,
        now: jiff::Timestamp,
    ) -> Result<Option<Edit>, NotSaved> {
        // The reason is shown in the form itself.
        self.review.save_form(journal, today, now).map_err(|_shown| NotSaved { page: Page::Review })
    }

    /// Takes the open forms out, to put back once the window has switched
    /// to the journal's new place ([`Self::put_back_forms`]).
    pub fn take_forms(&mut self) -> OpenForms {
        OpenForms { editor: self.journal.editor.take(), review: self.review.form.take() }
    }

    /// Puts back forms taken with [`Self::take_forms`].
    pub fn put_back_forms(&mut self, forms: OpenForms) {
        self.journal.editor = forms.editor;
        self.review.form = forms.review;
    }
}

/// A draft that cannot be saved as it is; its form shows why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotSaved {
    /// The page whose form holds the draft.
    pub page: Page,
}

/// The forms open on the pages, carried across a switch of journal file.
#[derive(Debug)]
pub struct OpenForms {
    editor: Option<editor::EditorState>,
    review: Option<review_page::ReviewForm>,
}
