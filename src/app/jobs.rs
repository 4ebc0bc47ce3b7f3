//! File work that can take a while (exporting, saving a brief, reading an
//! import, moving the journal) runs as a task in the file lane
//! ([`super::tasks`]), so the window keeps drawing; what it hands back is
//! applied here, in one `match`, on the UI thread. The status bar says what
//! is running.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

use super::tasks::{Finished, Lane};
use super::{ImportPreview, KeelApp, Toast};
use crate::interop::{self, ExportFormat, ImportContext, ImportPlan};
use crate::model::{BriefMark, Journal};
use crate::report::{self, BriefFormat};
use crate::storage;

/// What a file job hands back to the window.
pub(super) enum Done {
    Exported { path: PathBuf, format: ExportFormat, count: usize, result: Result<(), String> },
    BriefSaved { path: PathBuf, mark: BriefMark, result: Result<(), String> },
    ImportRead(ImportPreview),
    Moved { target: PathBuf, copied: Journal, result: Result<PathBuf, String> },
}

impl KeelApp {
    /// Starts `work` as a file job named `doing` ("Exporting to …"); its
    /// result is applied by [`KeelApp::poll_tasks`].
    fn spawn_job(&mut self, doing: String, work: impl FnOnce() -> Done + Send + 'static) {
        if let Err(busy) = self.start_task(doing, Lane::File, move || Finished::File(work())) {
            // File jobs run side by side: not refused today, said if ever.
            self.banner = Some(busy.to_string());
        }
    }

    /// The one place a file job's result changes the window.
    pub(super) fn apply_done(&mut self, done: Done) {
        match done {
            Done::Exported { path, format, count, result: Ok(()) } => {
                let what = crate::model::words::count(count, "decision", "decisions");
                let text = format!("Exported {what} to {} ({})", path.display(), format.label());
                self.toast = Some(Toast { text, offer_undo: false, shown_at_s: None });
            }
            Done::Exported { result: Err(error), .. } => self.banner = Some(format!("Export failed: {error}")),
            Done::BriefSaved { path, mark, result: Ok(()) } => {
                self.apply(crate::history::Edit::RecordBrief(mark));
                let text = format!("Saved the brief to {}", path.display());
                self.toast = Some(Toast { text, offer_undo: false, shown_at_s: None });
            }
            Done::BriefSaved { result: Err(error), .. } => {
                self.banner = Some(format!("The brief was not saved: {error}"));
            }
            Done::ImportRead(preview) => self.import = Some(preview),
            Done::Moved { target, copied, result: Ok(kept) } => {
                // What was done in the window while the copy was written
                // goes to the new place, with the open forms; the old file
                // is set aside and never written again.
                let edited = (*self.state.journal() != copied).then(|| self.state.journal().clone());
                let (forms, page) = (self.pages.take_forms(), self.page);
                self.disk.dirty = false;
                // The copy at the new place holds every change up to now
                // (the rest is `edited`): a save that failed at the old
                // place lost nothing.
                self.disk.failed_save = None;
                self.disk.moving_to = None;
                self.switch_to_file(target.clone());
                if let Some(edited) = edited {
                    self.state.open(edited);
                    self.disk.dirty = true;
                    self.kick_saves();
                }
                self.pages.put_back_forms(forms);
                self.page = page;
                self.toast = Some(Toast {
                    text: format!(
                        "Moved the journal to {}; the old file is kept as {}",
                        target.display(),
                        kept.display()
                    ),
                    offer_undo: false,
                    shown_at_s: None,
                });
            }
            Done::Moved { result: Err(message), .. } => {
                self.disk.moving_to = None;
                self.banner = Some(message);
                self.kick_saves();
            }
        }
    }

    /// Reads the file at `path` (its format from its extension and shape)
    /// on a worker and then opens the preview of what importing it would
    /// do. Nothing changes until [`KeelApp::confirm_import`].
    pub fn preview_import(&mut self, path: &Path) {
        let context = ImportContext { time_zone: TimeZone::system(), now: self.clock.now() };
        let journal = self.state.journal().clone();
        let path = path.to_owned();
        self.spawn_job(format!("Reading {}\u{2026}", path.display()), move || {
            let outcome = interop::read_file(&path, None, &context)
                .map(|(format, parsed)| (format, ImportPlan::new(&journal, parsed)))
                .map_err(|error| error.to_string());
            Done::ImportRead(ImportPreview::new(path, outcome, &journal))
        });
    }

    /// Writes the journal to `path` in `format` on a worker, replacing the
    /// file atomically; the outcome is shown as a toast or the banner.
    pub fn export_to(&mut self, path: &Path, format: ExportFormat) {
        // However the path is spelt: the journal, its key, lock or backups.
        if let Some(role) = self.path().and_then(|journal| storage::protected::role_of(journal, path)) {
            self.banner = Some(format!("Export not written: {} is {role}.", path.display()));
            return;
        }
        let journal = self.state.journal().clone();
        let path = path.to_owned();
        self.spawn_job(format!("Exporting to {}\u{2026}", path.display()), move || {
            let result = write_export(&journal, format, &path);
            Done::Exported { path, format, count: journal.len(), result }
        });
    }

    /// Writes `brief` (about `person`, `None` for "me") to `path` in
    /// `format` on a worker and, once written, remembers it in the journal
    /// so the next brief about them starts where this one ended. What the
    /// save dialog calls.
    pub fn save_brief_to(&mut self, brief: &report::Brief, person: Option<&str>, path: &Path, format: BriefFormat) {
        if let Some(role) = self.path().and_then(|journal| storage::protected::role_of(journal, path)) {
            self.banner = Some(format!("The brief was not saved: {} is {role}.", path.display()));
            return;
        }
        let mark = BriefMark::new(person, brief.until.min(self.clock.today()));
        let brief = brief.clone();
        let path = path.to_owned();
        self.spawn_job(format!("Saving the brief to {}\u{2026}", path.display()), move || {
            let text = format.render(&brief);
            let result =
                storage::write_atomically(&path, |file| file.write_all(text.as_bytes())).map_err(|e| e.to_string());
            Done::BriefSaved { path, mark, result }
        });
    }

    /// Settings' "Move": moves the journal to `target` (see
    /// [`Self::move_journal_to`]) and clears the typed place once the move
    /// has started, or says in the banner why it cannot.
    pub fn move_journal_from_settings(&mut self, target: &Path) {
        match self.move_journal_to(target) {
            Ok(()) => self.pages.settings.move_started(),
            Err(message) => self.banner = Some(message),
        }
    }

    /// Moves the open journal to `target` on a worker: writes it there,
    /// reads it back to check, keeps the old file beside itself as
    /// `<name>.moved` (never deleted), then opens the new one.
    ///
    /// # Errors
    /// A sentence for the banner, at once, when the journal is the sample or
    /// encrypted or `target` already exists; a failure to write or check the
    /// copy comes later, in the banner, the old journal left exactly as it
    /// was.
    pub fn move_journal_to(&mut self, target: &Path) -> Result<(), String> {
        let Some(old) = self.path().map(Path::to_path_buf) else {
            return Err("The sample journal has no file to move; open or create your own journal first.".to_owned());
        };
        let encrypted = || "Decrypt the journal before moving it (keel decrypt), then encrypt it again.".to_owned();
        if self.is_encrypted() || self.crypto_in_progress().is_some() {
            return Err(encrypted());
        }
        if self.disk.moving_to.is_some() {
            return Err("The journal is being moved already; wait until that is done.".to_owned());
        }
        if target.exists() {
            return Err(format!("{} already exists; choose a new file name.", target.display()));
        }
        self.flush_saves();
        if self.is_encrypted() {
            return Err(encrypted());
        }
        let journal = self.state.journal().clone();
        let target = target.to_path_buf();
        self.disk.moving_to = Some(target.clone());
        self.spawn_job(format!("Moving the journal to {}\u{2026}", target.display()), move || {
            let result = move_file(&journal, &old, &target);
            Done::Moved { target, copied: journal, result }
        });
        Ok(())
    }
}

/// Renders and writes an export.
fn write_export(journal: &Journal, format: ExportFormat, path: &Path) -> Result<(), String> {
    let text = interop::export(journal, format, &TimeZone::system()).map_err(|error| error.to_string())?;
    storage::write_atomically(path, |file| file.write_all(text.as_bytes())).map_err(|error| error.to_string())
}

/// Writes `journal` to `target`, checks it reads back the same, then sets
/// `old` aside as `<old>.moved`; returns that name.
fn move_file(journal: &Journal, old: &Path, target: &Path) -> Result<PathBuf, String> {
    let copy = journal.clone();
    storage::Store::new(target.to_path_buf())
        .update(|fresh| {
            *fresh = copy;
            Ok::<(), storage::StorageError>(())
        })
        .map_err(|error| format!("Could not write the journal to {}: {error}", target.display()))?;
    let copied = storage::load(target)
        .map_err(|error| format!("The copy at {} does not read back: {error}", target.display()))?;
    if copied.decisions() != journal.decisions() {
        return Err(format!("The copy at {} differs from the journal; the journal was not moved.", target.display()));
    }
    let mut kept = old.to_path_buf().into_os_string();
    kept.push(".moved");
    if old.exists() {
        std::fs::rename(old, &kept).map_err(|error| format!("Could not set {} aside: {error}", old.display()))?;
    }
    Ok(PathBuf::from(kept))
}
