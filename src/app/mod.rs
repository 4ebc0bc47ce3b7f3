//! The window's state. Pages send [`AppRequest`]s (some carrying an
//! [`Edit`] of the journal); [`KeelApp::apply_requests`] applies them once
//! a frame is drawn, and [`KeelApp::apply`] passes every edit to the one
//! [`JournalState`], so undo, redo and saving hang off one place. The
//! shell around the pages (menus, navigation, status bar, keys) is
//! [`shell`]. Background work (saves, file jobs, encryption, opening a
//! large journal) runs as tasks of one runner (`tasks.rs`), whose results
//! [`KeelApp::poll_tasks`] takes in once a frame.

mod disk;
mod files;
pub mod first_window;
pub mod identity;
mod jobs;
pub mod loading;
pub mod quit;
pub mod reminders;
pub mod screenshot;
pub mod shell;
mod tasks;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use disk::StorageUi;
pub use quit::Quitting;

use crate::context::{
    AppRequest, FilePurpose, ImportPreview, KeptDrafts, NameCounts, OpenOn, Page, Preferences, Screen, Sender, Source,
    StorageView, UserCommand, ViewContext,
};
use crate::history::{Edit, JournalState, Outcome};
use crate::model::{Clock, Journal};
use crate::storage;
use crate::ui;

/// Zooms the window by `step` (0.1 = ten points of percent), to the nearest
/// tenth, within [`crate::context::ZOOM_RANGE`].
fn zoom_by(ctx: &egui::Context, step: f32) {
    let (low, high) = (*crate::context::ZOOM_RANGE.start(), *crate::context::ZOOM_RANGE.end());
    let zoom = ((ctx.zoom_factor() + step) * 10.0).round() / 10.0;
    ctx.set_zoom_factor(zoom.clamp(low, high));
}

/// Where the user left the window: restored on the next run (eframe's
/// storage, never the journal).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ViewMemory {
    /// The page shown.
    pub page: Page,
    /// The Journal page's search and filters.
    pub journal_filter: crate::analysis::Filter,
    /// The Balance page's range, buckets, filters and table toggles.
    pub balance: ui::balance_page::BalanceChoice,
}

impl ViewMemory {
    /// The key under which eframe stores it.
    pub const STORAGE_KEY: &'static str = "keel-view";
}

/// A short message at the bottom of the window, e.g. "Deleted — Undo".
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// What happened.
    pub text: String,
    /// Whether to offer an Undo button.
    pub offer_undo: bool,
    /// When it was shown (egui time, seconds), so it can fade out.
    pub shown_at_s: Option<f64>,
}

/// Asked for by `--screenshot`: save a PNG of the window, then close.
#[derive(Debug, Clone, Default)]
pub struct ScreenshotJob {
    /// Where to write the PNG.
    pub path: PathBuf,
    /// Frames drawn so far; the shot is taken once layout has settled.
    pub frames_drawn: u32,
    /// Whether the screenshot has been requested from the window.
    pub requested: bool,
    /// Where the window's callback leaves the image.
    pub image: screenshot::ShotSlot,
    /// The outcome, read by `main` after the window closes.
    pub result: Arc<std::sync::Mutex<Option<Result<(), String>>>>,
}

/// Everything the window shows and edits.
pub struct KeelApp {
    /// The journal, its undo history and revision: changed only through
    /// [`JournalState`]'s doors.
    state: JournalState,
    source: Source,
    disk: disk::Disk,
    clock: Arc<dyn Clock>,
    /// What fills the window.
    pub screen: Screen,
    /// The page shown on the main screen.
    pub page: Page,
    /// The user's preferences.
    pub preferences: Preferences,
    /// Whether the keyboard shortcut sheet is open.
    pub show_shortcuts: bool,
    /// Every page's own state, handed to the pages with their context.
    pub pages: ui::Pages,
    /// How many reviews are due, for the navigation badge, and for which
    /// journal revision and day it was counted.
    due_count: Option<(u64, jiff::civil::Date, usize)>,
    /// The tags and people with their counts, and the revision counted.
    name_counts: Option<(u64, Arc<NameCounts>)>,
    /// The last change, shown briefly.
    pub toast: Option<Toast>,
    /// A problem that needs the user's attention (e.g. a failed save).
    pub banner: Option<String>,
    /// The import preview, while it is open.
    pub import: Option<ImportPreview>,
    /// The system file dialog (and whether it failed) and the in-window
    /// chooser used instead.
    pub file_dialogs: ui::widgets::file_chooser::FileDialogs,
    /// What the in-window chooser's answer is for, while it is open.
    pub file_purpose: Option<FilePurpose>,
    /// Set by `--screenshot`.
    pub screenshot: Option<ScreenshotJob>,
    /// Set for a window with no size remembered from an earlier run: it is
    /// maximised if Keel's default size does not fit the monitor
    /// ([`first_window`]).
    pub first_window: first_window::FirstWindow,
    /// Conflicts to choose, the unlock and recovery screens, backups and
    /// encryption in Settings.
    pub storage_ui: StorageUi,
    /// The journal being read in the background, if it is.
    loading: Option<loading::Loading>,
    /// Whether the window is asking before it quits.
    quitting: Quitting,
    /// Unsaved drafts a previous window left, offered back until taken or
    /// dismissed.
    pub kept_drafts: Option<KeptDrafts>,
    /// The command palette, while it is open.
    pub palette: Option<ui::palette::PaletteState>,
    /// Settings → Reminders and today's reminder banner.
    pub reminders: reminders::Reminders,
    /// Background work (saves, reads, file jobs, encryption, opening):
    /// its results are taken in once a frame by [`KeelApp::poll_tasks`].
    tasks: tasks::Tasks<tasks::Finished>,
    /// Whether a drop-down (a filter's, the calendar) was open as this
    /// frame began: its Esc closes it, not the form under it.
    popup_open: bool,
}

impl KeelApp {
    /// Opens the journal at `path`. A missing file starts the welcome screen
    /// (the file is created on the first change); a broken or newer file
    /// shows the error screen (offering the newest good backup) and is never
    /// written; an encrypted one asks for its passphrase unless
    /// `KEEL_PASSPHRASE` gives it.
    #[must_use]
    pub fn open(path: PathBuf, clock: Arc<dyn Clock>) -> Self {
        let mut app = Self::with_parts(Journal::default(), Source::File(path.clone()), Screen::Welcome, clock);
        app.open_store(storage::Store::new(path));
        app
    }

    /// Opens the built-in sample journal, which is never saved.
    #[must_use]
    pub fn demo(clock: Arc<dyn Clock>) -> Self {
        match crate::samples::demo::load(clock.today()) {
            Ok(journal) => Self::with_parts(journal, Source::Demo, Screen::Main, clock),
            Err(error) => {
                Self::with_parts(Journal::default(), Source::Demo, Screen::LoadError(error.to_string()), clock)
            }
        }
    }

    fn with_parts(journal: Journal, source: Source, screen: Screen, clock: Arc<dyn Clock>) -> Self {
        Self {
            state: JournalState::new(journal),
            source,
            disk: disk::Disk::default(),
            clock,
            screen,
            page: Page::default(),
            preferences: Preferences::default(),
            show_shortcuts: false,
            pages: ui::Pages::default(),
            due_count: None,
            name_counts: None,
            file_dialogs: ui::widgets::file_chooser::FileDialogs::default(),
            file_purpose: None,
            toast: None,
            banner: None,
            import: None,
            screenshot: None,
            first_window: first_window::FirstWindow::Settled,
            storage_ui: StorageUi::default(),
            loading: None,
            quitting: Quitting::No,
            kept_drafts: None,
            palette: None,
            reminders: reminders::Reminders::default(),
            tasks: tasks::Tasks::default(),
            popup_open: false,
        }
    }

    /// Keeps reminder settings and today's record in `places` (see
    /// [`reminders`]); without a call, the window keeps none.
    pub fn set_reminder_places(&mut self, places: crate::remind::Places) {
        self.reminders = reminders::Reminders::at(places);
    }

    /// Waits for every save; whether the window may then let go of its
    /// journal for another. Not while it holds a change the file lacks
    /// because saving it failed: opening another would lose that change, so
    /// the banner says why it stays.
    fn may_leave_journal(&mut self) -> bool {
        self.flush_saves();
        let Some(error) = &self.disk.failed_save else { return true };
        self.banner = Some(format!(
            "This journal stays open: your last change could not be saved ({error}), and opening another journal would lose it. Fix what stops the save (or export the journal), then try again."
        ));
        false
    }

    /// Switches this window to the sample journal (from the welcome screen).
    pub fn switch_to_demo(&mut self) {
        if !self.may_leave_journal() {
            return;
        }
        let (screenshot, page, preferences) = (self.screenshot.take(), self.page, self.preferences.clone());
        let in_place = self.tasks.in_place();
        let reminders = std::mem::take(&mut self.reminders);
        *self = Self::demo(Arc::clone(&self.clock));
        if in_place {
            self.run_tasks_in_place();
        }
        self.reminders = reminders;
        self.screenshot = screenshot;
        self.page = page;
        self.preferences = preferences;
    }

    /// Switches this window to another journal file.
    pub fn switch_to_file(&mut self, path: PathBuf) {
        if !self.may_leave_journal() {
            return;
        }
        let (screenshot, preferences) = (self.screenshot.take(), self.preferences.clone());
        let (file_dialogs, file_purpose) = (std::mem::take(&mut self.file_dialogs), self.file_purpose.take());
        let in_place = self.tasks.in_place();
        let reminders = std::mem::take(&mut self.reminders);
        *self = Self::open(path, Arc::clone(&self.clock));
        if in_place {
            self.run_tasks_in_place();
        }
        self.reminders = reminders;
        self.screenshot = screenshot;
        self.preferences = preferences;
        // A system dialog that failed keeps failing in the other journal,
        // and Keel's own chooser, if open (a move finishing under it), keeps
        // what its answer is for.
        self.file_dialogs = file_dialogs;
        self.file_purpose = file_purpose;
    }

    /// The journal as it is now.
    #[must_use]
    pub fn journal(&self) -> &Journal {
        self.state.journal()
    }

    /// Bumped on every change, so views can cache what they derive.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.state.revision()
    }

    /// Where the journal comes from.
    #[must_use]
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The clock pages read "today" from.
    #[must_use]
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// The window title: Keel and the journal's name.
    #[must_use]
    pub fn title(&self) -> String {
        match &self.source {
            Source::File(path) => format!("{} \u{2014} Keel", storage::display_name(path)),
            Source::Demo => "Sample journal (not saved) \u{2014} Keel".to_owned(),
        }
    }

    /// The journal file, if this window has one.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match &self.source {
            Source::File(path) => Some(path),
            Source::Demo => None,
        }
    }

    /// Whether there are changes to undo / redo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.state.can_undo()
    }

    /// Whether there is an undone change to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        self.state.can_redo()
    }

    /// Applies the previewed import as one undoable change and closes the
    /// preview. Does nothing while bad records are not to be skipped.
    pub fn confirm_import(&mut self) {
        let Some(preview) = self.import.take() else { return };
        if !preview.can_confirm() {
            self.import = Some(preview);
            return;
        }
        if let Some(plan) = preview.chosen_plan() {
            self.apply(Edit::Import(plan));
        }
    }

    /// Applies a choice made in the open import preview: tags as people,
    /// the list of suggestions, their ticks.
    pub fn choose_in_import(&mut self, command: AppRequest) {
        let Some(preview) = &mut self.import else { return };
        match command {
            AppRequest::ImportTagsAsPeople(on) => preview.tags_as_people = on,
            AppRequest::ShowImportSuggestions(on) => preview.suggestions.showing = on,
            AppRequest::ApplyImportSuggestions(on) => preview.suggestions.apply = on,
            AppRequest::TickImportSuggestion(id, ticked) => {
                if let Some(proposal) = preview.suggestions.proposals.iter_mut().find(|proposal| proposal.id == id) {
                    proposal.ticked = ticked;
                }
            }
            _ => {}
        }
    }

    /// Ticks or unticks the open import preview's "skip the records with
    /// errors".
    pub fn skip_bad_records(&mut self, skip: bool) {
        if let Some(preview) = &mut self.import {
            preview.skip_bad = skip;
        }
    }

    /// Applies a change, records it for undo and queues a save.
    pub fn apply(&mut self, edit: Edit) {
        let offer_undo = matches!(edit, Edit::Delete(_) | Edit::Import(_));
        let text = match self.state.apply(edit) {
            Outcome::Changed(text) => text,
            Outcome::Refused(text) => {
                self.toast = Some(Toast { text, offer_undo: false, shown_at_s: None });
                return;
            }
            Outcome::Unchanged => return,
        };
        if self.screen == Screen::Welcome {
            self.screen = Screen::Main;
        }
        self.toast = Some(Toast { text, offer_undo, shown_at_s: None });
        self.disk.dirty = true;
        self.kick_saves();
    }

    /// Runs a command from the one list ([`UserCommand`]): a key, a menu
    /// entry or the palette.
    pub fn run_user_command(&mut self, command: UserCommand, ctx: &egui::Context) {
        match command {
            UserCommand::NewDecision => self.open_editor(None),
            UserCommand::Find => {
                self.page = Page::Journal;
                self.pages.journal.focus_search();
            }
            // While the import preview is open, undo would change the
            // journal under it.
            UserCommand::Undo if self.import.is_none() => self.apply(Edit::Undo),
            UserCommand::Redo if self.import.is_none() => self.apply(Edit::Redo),
            UserCommand::Palette => self.palette = Some(ui::palette::PaletteState::default()),
            UserCommand::Shortcuts => self.show_shortcuts = !self.show_shortcuts,
            UserCommand::Show(page) => self.page = page,
            UserCommand::ReviewResults => {
                self.page = Page::Review;
                self.pages.review.scroll_to_results();
            }
            UserCommand::Import => {
                self.ask_for_file(ui::import_export::import_request(), FilePurpose::Import);
            }
            UserCommand::OpenSample if self.source != Source::Demo => self.switch_to_demo(),
            UserCommand::ZoomIn => zoom_by(ctx, 0.1),
            UserCommand::ZoomOut => zoom_by(ctx, -0.1),
            UserCommand::ZoomReset => ctx.set_zoom_factor(1.0),
            UserCommand::Quit => self.request_quit(ctx),
            // The open form, the list and egui read these keys themselves.
            UserCommand::Undo
            | UserCommand::Redo
            | UserCommand::OpenSample
            | UserCommand::Save
            | UserCommand::Cancel
            | UserCommand::MoveFocus
            | UserCommand::OpenFocused
            | UserCommand::MoveInList
            | UserCommand::AddName => {}
        }
    }

    /// How many decisions are due for review today (review date today or
    /// earlier, not reviewed), counted once per change or day.
    pub fn due_count(&mut self) -> usize {
        let today = self.clock.today();
        match self.due_count {
            Some((revision, day, count)) if revision == self.state.revision() && day == today => count,
            _ => {
                let count = self
                    .state
                    .journal()
                    .decisions()
                    .iter()
                    .filter(|d| crate::model::review::is_due(d.review_on, d.review.is_some(), today))
                    .count();
                self.due_count = Some((self.state.revision(), today, count));
                count
            }
        }
    }

    /// Every tag and person with how many decisions name them (the filter
    /// menus and the editor's suggestions), counted once per change rather
    /// than every frame.
    pub fn name_counts(&mut self) -> Arc<NameCounts> {
        match &self.name_counts {
            Some((revision, counts)) if *revision == self.state.revision() => Arc::clone(counts),
            _ => {
                let counts = Arc::new(NameCounts::of(self.state.journal()));
                self.name_counts = Some((self.state.revision(), Arc::clone(&counts)));
                counts
            }
        }
    }

    /// The page and filters to remember for the next run.
    #[must_use]
    pub fn view_memory(&self) -> ViewMemory {
        let (journal_filter, balance) = self.pages.remembered();
        ViewMemory { page: self.page, journal_filter, balance }
    }

    /// Restores the page and filters of a previous run.
    pub fn restore_view(&mut self, memory: ViewMemory) {
        self.page = memory.page;
        self.pages.restore(memory.journal_filter, memory.balance);
    }

    /// Shows the page the window opens on: This week, unless the user
    /// chose in Settings to come back to the page they left (which
    /// [`KeelApp::restore_view`] brought back).
    pub fn show_start_page(&mut self) {
        if self.preferences.open_on == OpenOn::ThisWeek {
            self.page = Page::Week;
        }
    }

    /// Shows the Journal page filtered by `filter` (links from other pages).
    pub fn show_journal_with(&mut self, filter: crate::analysis::Filter) {
        self.pages.journal.show_filtered(filter);
        self.page = Page::Journal;
    }

    /// Opens the editor on a decision, or on a new one (`None`), asking first
    /// if the open draft has unsaved edits.
    pub fn open_editor(&mut self, target: Option<crate::model::DecisionId>) {
        let today = self.clock.today();
        self.page = Page::Journal;
        self.pages.journal.request_editor(self.state.journal(), target, today, self.preferences.default_review);
    }

    /// What every page sees this frame, and the pages' own states: the
    /// context borrows the journal and the rest read-only, the states are
    /// the pages' to change.
    pub fn view<'a>(&'a mut self, sender: &'a Sender) -> (ViewContext<'a>, &'a mut ui::Pages) {
        let names = self.name_counts();
        let modal_open = self.modal_open() || self.popup_open;
        let view = ViewContext {
            journal: self.state.journal(),
            revision: self.state.revision(),
            today: self.clock.today(),
            now: self.clock.now(),
            names,
            preferences: &self.preferences,
            source: &self.source,
            modal_open,
            sender,
            storage: StorageView {
                encrypted: self.is_encrypted(),
                crypto_in_progress: self.tasks.first_in(tasks::Lane::Crypto),
                backups: self.storage_ui.backups.as_ref().map_or(&[], |(_, list)| list.as_slice()),
                encryption_message: self.storage_ui.encryption_message.as_deref(),
                recovery: self.storage_ui.recovery.as_ref(),
                unlock_error: self.storage_ui.unlock_error.as_deref(),
                conflicts: &self.storage_ui.conflicts,
            },
            reminders: crate::context::ReminderView {
                available: self.reminders.available(),
                settings: self.reminders.settings(),
                message: self.reminders.message(),
            },
        };
        (view, &mut self.pages)
    }

    /// Applies what the pages sent this frame, in order: the one place a
    /// page's request changes the window.
    pub fn apply_requests(&mut self, requests: Vec<AppRequest>, ctx: &egui::Context) {
        for request in requests {
            match request {
                AppRequest::Edit(edit) => self.apply(*edit),
                AppRequest::ShowJournalWith(filter) => self.show_journal_with(filter),
                AppRequest::OpenEditor(target) => self.open_editor(target),
                AppRequest::StartGoal(idea) => {
                    self.pages.week.start_goal(&idea, self.clock.today());
                    self.page = Page::Week;
                }
                AppRequest::OpenReview(target) => {
                    self.pages.review.open_review(self.state.journal(), &target);
                    self.page = Page::Review;
                }
                AppRequest::AskForFile { request, purpose } => self.ask_for_file(request, purpose),
                AppRequest::Toast(text) => self.toast = Some(Toast { text, offer_undo: false, shown_at_s: None }),
                AppRequest::Run(command) => self.run_user_command(command, ctx),
                AppRequest::AnswerQuit(answer) => self.answer_quit(ctx, answer),
                AppRequest::TakeBackKeptDrafts => self.take_back_kept_drafts(),
                AppRequest::DiscardKeptDrafts => self.kept_drafts = None,
                AppRequest::DismissBanner => self.banner = None,
                AppRequest::CloseShortcutSheet => self.show_shortcuts = false,
                AppRequest::SetTheme(preference) => ctx.set_theme(preference),
                AppRequest::SetPreferences(preferences) => self.preferences = preferences,
                AppRequest::SetReminders(settings) => {
                    let journal = match &self.source {
                        Source::File(path) => Some(path.clone()),
                        Source::Demo => None,
                    };
                    self.reminders.set(settings, journal.as_deref());
                }
                AppRequest::DismissReminder => self.reminders.dismiss(),
                AppRequest::FollowReminder => {
                    if let Some(shown) = self.reminders.banner() {
                        self.page = Page::of_reminder(shown.kind);
                    }
                    self.reminders.dismiss();
                }
                AppRequest::OpenJournal(path) => self.switch_to_file(path),
                AppRequest::MoveJournal(target) => self.move_journal_from_settings(&target),
                AppRequest::RestoreBackup(backup) => self.restore_backup(&backup),
                AppRequest::Encrypt(passphrase) => self.encrypt(passphrase.expose()),
                AppRequest::Decrypt => self.decrypt(),
                AppRequest::Unlock(passphrase) => self.unlock(passphrase.expose()),
                AppRequest::RecoverFrom(backup) => self.recover_from(&backup),
                AppRequest::ResolveConflict { id, keep_mine } => self.resolve_conflict(&id, keep_mine),
                AppRequest::PreviewImport(path) => self.preview_import(&path),
                AppRequest::SkipBadRecords(skip) => self.skip_bad_records(skip),
                command @ (AppRequest::ImportTagsAsPeople(_)
                | AppRequest::ShowImportSuggestions(_)
                | AppRequest::TickImportSuggestion(..)
                | AppRequest::ApplyImportSuggestions(_)) => self.choose_in_import(command),
                AppRequest::ConfirmImport => self.confirm_import(),
                AppRequest::CancelImport => self.import = None,
                AppRequest::FileChooserAnswered(answer) => self.file_chooser_answered(answer),
            }
        }
    }
}

impl KeelApp {
    /// Draws one frame into `ui`: what the window does each frame, and what
    /// UI tests drive.
    #[profiling::function]
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        // Read before anything is drawn: a drop-down closed by this
        // frame's Esc is no longer open once its widget has run.
        self.popup_open = egui::Popup::is_any_open(ui.ctx());
        self.tasks.wake(ui.ctx());
        self.poll_tasks(false);
        if let (Screen::Main, Source::File(path), None) = (&self.screen, &self.source, &self.loading) {
            self.reminders.follow_journal(path);
            self.reminders.check(self.state.journal(), self.clock.today());
        }
        self.ensure_watch(ui.ctx());
        self.poll_disk(ui.input(|input| input.time));
        self.check_close_request(ui.ctx());
        if self.first_window == first_window::FirstWindow::ToFit && first_window::fit(ui.ctx()) {
            self.first_window = first_window::FirstWindow::Settled;
        }
        // A frame every couple of seconds, so a change made outside is
        // noticed even while the window is idle.
        ui.ctx().request_repaint_after(disk::DISK_POLL);
        shell::show(self, ui);
        if self.tasks.any_running() {
            // So a task's result shows soon after it ends.
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(50));
        }
        // A screenshot waits for the journal and an encryption, which change
        // what is shown; a save in the background does not.
        if self.loading.is_none()
            && self.crypto_in_progress().is_none()
            && let Some(job) = &mut self.screenshot
        {
            screenshot::step(job, ui.ctx());
        }
    }
}

impl KeelApp {
    /// Writes the unsaved drafts into eframe's storage (or clears them once
    /// saved or discarded). Drafts offered back and not yet taken stay kept.
    pub fn keep_drafts(&self, storage: &mut dyn eframe::Storage) {
        let Some(key) = self.kept_drafts_key() else { return };
        let now = self.drafts_to_keep();
        match self.kept_drafts.as_ref().filter(|_| now.is_empty()) {
            Some(offered) => eframe::set_value(storage, &key, offered),
            None if now.is_empty() => storage.remove_string(&key),
            None => eframe::set_value(storage, &key, &now),
        }
    }
}

impl eframe::App for KeelApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Preferences::STORAGE_KEY, &self.preferences);
        eframe::set_value(storage, ViewMemory::STORAGE_KEY, &self.view_memory());
        self.keep_drafts(storage);
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        self.storage_interval()
    }

    /// A screenshot run keeps egui's memory (zoom, theme, scroll and panel
    /// state) to itself: `keel --zoom 2 --screenshot` must not leave the
    /// next window zoomed.
    fn persist_egui_memory(&self) -> bool {
        self.screenshot.is_none()
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush_saves();
        self.report_store_notices_on_exit();
        self.leave_journal_to_the_os();
    }
}
