//! The window and the file on disk: opening (unlocking, recovering), saving in
//! the background with a merge when someone else changed the file, noticing
//! changes made outside, conflicts, backups and encryption.

use std::sync::Arc;
use std::time::Duration;

use age::secrecy::SecretString;

use super::tasks::{Finished, Lane};
use super::watch::FolderWatch;
use super::{KeelApp, Screen, Toast};
use crate::context::NameCounts;
use crate::history::Edit;
use crate::model::Journal;
use crate::storage::crypto::passphrase_from_env;
use crate::storage::merge::{self, Merged};
use crate::storage::{Backup, Conflict, Contents, CopyReport, FileStamp, Loaded, Saved, Snapshot, StorageError, Store};

/// How long after the folder watch fires the window takes its look.
const WATCH_DELAY_MS: u64 = 100;

/// How often the window looks at the file's stamp for changes made outside.
pub const DISK_POLL: Duration = Duration::from_secs(2);

/// How long work the window does on its own thread (merging copies while
/// opening, restoring over an unreadable journal) waits for another Keel's
/// lock, in milliseconds: a frame must not wait the whole
/// [`crate::storage::lock::LOCK_WAIT_MS`] for a Keel that is stopped. Saves
/// run on a worker and wait the whole time.
pub const WINDOW_LOCK_WAIT_MS: u64 = 1_000;

/// `store`, waiting for the lock no longer than [`WINDOW_LOCK_WAIT_MS`].
fn briefly_waiting(store: &Store) -> Store {
    let wait = store.lock_wait().clone().with_limit(Duration::from_millis(WINDOW_LOCK_WAIT_MS));
    store.clone().with_lock_wait(wait)
}

/// The window's link to its journal file.
#[derive(Default)]
pub(super) struct Disk {
    /// The file (and its key); `None` for the sample journal.
    store: Option<Store>,
    /// Whether the file may be read and written in the background.
    access: Access,
    /// What the file held when last read or written by this window.
    base: Snapshot,
    /// Changes not yet sent to be saved.
    pub(super) dirty: bool,
    /// Why the last save failed, while the window holds changes the file
    /// lacks (cleared by the next save that succeeds): quitting asks first.
    pub(super) failed_save: Option<String>,
    /// When the stamp was last looked at (egui time, seconds).
    last_poll_s: Option<f64>,
    /// The stamp of a changed file that could not be read, so it is reported
    /// once rather than every poll.
    broken: Option<FileStamp>,
    /// Conflict copies left unmerged (unreadable, another key, a stranger):
    /// reported once, not looked at again every poll.
    left_copies: Vec<std::path::PathBuf>,
    /// The watch on the journal's folder, once started.
    watch: Option<FolderWatch>,
    /// The last sentences shown about conflict copies, so the same ones are
    /// not shown again after every save.
    copies_said: Option<String>,
    /// Whether starting the watch was tried (it is not retried every frame).
    watch_tried: bool,
    /// The watch fired while a save or read was running: look once it ends.
    look_when_idle: bool,
    /// Where the journal is being moved, while it is: changes wait, to be
    /// written to the new place once it is open (never to the old one,
    /// which is set aside).
    pub(super) moving_to: Option<std::path::PathBuf>,
}

/// Whether the window reads and writes its file in the background.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Not while it is unreadable or locked; never for the sample journal.
    #[default]
    None,
    /// Once it is open.
    ReadWrite,
}

/// Disk work a task hands back.
#[derive(Debug)]
pub(super) enum Report {
    /// A save finished: what is on disk now and what was merged in.
    Saved(Result<Box<Saved>, String>),
    /// A read of a file that changed on disk finished (`None`: unchanged).
    Read(Result<Option<Loaded>, String>),
    /// Conflict copies a sync service left were merged into the file.
    Absorbed(Result<CopyReport, String>),
}

/// What an encryption or decryption hands back: the store as it is now
/// (its key) and the sentence to show, or why it failed.
pub(super) struct CryptoDone {
    store: Store,
    outcome: Result<(String, Option<Loaded>), StorageError>,
}

/// A journal file read for the window: the store (unlocked with
/// `KEEL_PASSPHRASE` when given), what reading it gave, and why the
/// passphrase did not unlock it.
pub(super) struct Opened {
    store: Store,
    /// The journal read, with what the window needs of it made where it
    /// was read (see [`Prepared`]).
    result: Result<(Loaded, Prepared), StorageError>,
    unlock_error: Option<String>,
    /// What merging the sync service's conflict copies did (or why it could
    /// not).
    copies: Result<CopyReport, String>,
    /// What unlocking or finishing an interrupted step did, to tell.
    notices: Vec<String>,
}

/// What the window needs of a journal just read, beyond the read itself,
/// made where it was read: on the loading thread, that work overlaps
/// creating the window instead of delaying its first frame (0.1 s for 100k
/// decisions).
struct Prepared {
    /// The copy the window edits (the read one stays the base of merges).
    journal: crate::model::Journal,
    /// The tags, people and situations named in it.
    names: NameCounts,
}

/// Reads `store` for the window, without touching the window: the slow part
/// of opening, which may run on another thread.
pub(super) fn read_store(mut store: Store) -> Opened {
    profiling::scope!("read_store");
    let mut unlock_error = None;
    if store.needs_key()
        && let Some(passphrase) = passphrase_from_env("KEEL_PASSPHRASE")
        && let Err(error) = store.unlock(&passphrase)
    {
        unlock_error = Some(unlock_message(&error));
    }
    // A decrypt stopped half way is finished now that the key is there (a
    // locked journal finishes it once unlocked: opened again then).
    let resumed = if store.needs_key() { Ok(()) } else { store.resume_interrupted() };
    let mut notices = store.take_notices();
    if let Err(error) = resumed {
        notices.push(error.to_string());
    }
    // Copies first, so the window opens with every decision. A locked
    // journal merges them once unlocked (opened again then); one that
    // cannot be read reports that itself, below. This may run on the
    // window's thread, so it waits for another Keel's lock only briefly:
    // when that Keel keeps it, the window's next look at the folder merges
    // the copies in the background.
    let copies = match briefly_waiting(&store).absorb_copies() {
        Ok(report) => Ok(report),
        Err(error @ StorageError::NotDownloaded { .. }) => {
            return Opened { store, result: Err(error), unlock_error, copies: Ok(CopyReport::default()), notices };
        }
        Err(
            StorageError::Locked { .. }
            | StorageError::Parse { .. }
            | StorageError::FutureVersion { .. }
            | StorageError::LockBusy { .. },
        ) => Ok(CopyReport::default()),
        Err(error) => Err(error.to_string()),
    };
    let result = store.open().map(|loaded| {
        let prepared =
            Prepared { journal: loaded.contents.journal.clone(), names: NameCounts::of(&loaded.contents.journal) };
        (loaded, prepared)
    });
    Opened { store, result, unlock_error, copies, notices }
}

/// Storage state the pages show (through [`crate::context::StorageView`]).
#[derive(Debug, Default)]
pub struct StorageUi {
    /// Decisions edited both here and outside, for the user to choose.
    pub conflicts: Vec<Conflict>,
    /// Why the last unlock failed.
    pub unlock_error: Option<String>,
    /// On the error screen: the newest backup that can be read.
    pub recovery: Option<Backup>,
    /// Settings: the backups listed, and the stamp of the file they were
    /// listed for (listed again when it changes).
    pub backups: Option<(Option<FileStamp>, Vec<Backup>)>,
    /// Settings: the outcome of the last encryption action.
    pub encryption_message: Option<String>,
}

impl KeelApp {
    /// Opens `store` into this window (see [`KeelApp::open`]).
    pub(super) fn open_store(&mut self, store: Store) {
        self.finish_open(read_store(store));
    }

    /// Shows what [`read_store`] read (possibly on another thread).
    pub(super) fn finish_open(&mut self, opened: Opened) {
        let Opened { store, result, unlock_error, copies, notices } = opened;
        if unlock_error.is_some() {
            self.storage_ui.unlock_error = unlock_error;
        }
        // Disk work for the journal as it was is waited for and forgotten.
        self.tasks.discard(Lane::Disk);
        self.disk = Disk::default();
        match copies {
            Ok(report) => self.after_copies(&report),
            Err(error) => {
                self.banner = Some(format!("Copies your sync service made could not be merged: {error}"));
            }
        }
        if !notices.is_empty() {
            let mut text = notices.join("\n");
            if let Some(earlier) = self.banner.take() {
                text = format!("{earlier}\n{text}");
            }
            self.banner = Some(text);
        }
        match result {
            Ok((loaded, Prepared { journal, names })) => {
                if loaded.version < crate::storage::CURRENT_VERSION {
                    self.toast = Some(Toast {
                        text: format!(
                            "Updated the journal from file version {} (the original is kept in backups)",
                            loaded.version
                        ),
                        offer_undo: false,
                        shown_at_s: None,
                    });
                }
                // One copy for the window, the read one kept as the base.
                self.state.open(journal);
                self.name_counts = Some((self.state.revision(), Arc::new(names)));
                self.disk.base = Snapshot { contents: loaded.contents, stamp: loaded.stamp };
                self.disk.access = Access::ReadWrite;
                self.screen = Screen::Main;
            }
            Err(StorageError::NotFound { .. }) => {
                self.state.open(crate::model::Journal::default());
                self.disk.access = Access::ReadWrite;
                self.screen = Screen::Welcome;
            }
            Err(StorageError::Locked { .. }) => self.screen = Screen::Locked,
            Err(error) => {
                self.storage_ui.recovery = store.newest_good_backup().map(|(backup, _)| backup);
                self.screen = Screen::LoadError(error.to_string());
            }
        }
        self.disk.store = Some(store);
        // What merging the copies or keeping the original saved said.
        self.show_store_notices();
    }

    /// Adds what the store's saves had to tell (a leftover file, a backup
    /// still plain text) to the banner. The save thread's store is a clone
    /// of this one and shares its notices ([`crate::storage::Notices`]).
    /// A notice the banner already shows is not added again: every save
    /// may say the same until it is fixed.
    pub(super) fn show_store_notices(&mut self) {
        let Some(store) = &self.disk.store else { return };
        for notice in store.take_notices() {
            match &mut self.banner {
                Some(banner) if banner.lines().any(|line| line == notice) => {}
                Some(banner) => {
                    banner.push('\n');
                    banner.push_str(&notice);
                }
                None => self.banner = Some(notice),
            }
        }
    }

    /// Lets the journal's copies (the window's, the base of merges, the
    /// pages' search index and counts) go without freeing them one
    /// allocation at a time: the process ends as the window closes, and the
    /// operating system takes the memory back at once. Freeing 100k
    /// decisions this way took a tenth of `keel --screenshot`'s time.
    /// Everything was saved by now ([`KeelApp::flush_saves`]), and none of
    /// these holds a file, a lock or a thread.
    pub(super) fn leave_journal_to_the_os(&mut self) {
        std::mem::forget(std::mem::take(&mut self.state));
        std::mem::forget(std::mem::take(&mut self.disk.base));
        std::mem::forget(std::mem::take(&mut self.pages));
        std::mem::forget(self.name_counts.take());
    }

    /// On exit, after the last save: notices the window can no longer
    /// show go where the window's unshowable notices go (stderr).
    pub(super) fn report_store_notices_on_exit(&self) {
        let Some(store) = &self.disk.store else { return };
        for notice in store.take_notices() {
            crate::cli::stderr::notice(&notice);
        }
    }

    /// Starts the next save if changes wait and no disk work or encryption
    /// is running.
    pub(super) fn kick_saves(&mut self) {
        let disk = &self.disk;
        let Some(store) = disk.store.as_ref().filter(|_| disk.access == Access::ReadWrite) else { return };
        if !disk.dirty || disk.moving_to.is_some() || self.tasks.is_busy(Lane::Disk) || self.tasks.is_busy(Lane::Crypto)
        {
            return;
        }
        let (store, mine, base) = (store.clone(), self.state.journal().clone(), disk.base.clone());
        let started = self.start_task("Saving\u{2026}".to_owned(), Lane::Disk, move || {
            let saved = store.save_merged(&mine, &base).map(Box::new).map_err(|error| error.to_string());
            Finished::Disk { sent: Some(mine), report: Report::Saved(saved) }
        });
        // A save refused stays waiting, to be sent once the last one has
        // reported.
        self.disk.dirty = started.is_err();
    }

    /// Whether a save is still queued or running.
    #[must_use]
    pub fn is_saving(&self) -> bool {
        self.disk.dirty || self.tasks.is_busy(Lane::Disk)
    }

    /// Watches the journal's folder once a journal file is open (not the
    /// sample), waking the window when something lands there.
    pub(super) fn ensure_watch(&mut self, ctx: &egui::Context) {
        let disk = &mut self.disk;
        if disk.watch_tried || disk.access == Access::None {
            return;
        }
        let Some(store) = &disk.store else { return };
        disk.watch_tried = true;
        let ctx = ctx.clone();
        // A frame soon, not at once: a save of this window's own fires the
        // watch too, and a tenth of a second lets a burst of events (a sync
        // service's temporary file, then its rename) come in as one look.
        let soon = std::time::Duration::from_millis(WATCH_DELAY_MS);
        disk.watch = FolderWatch::start(store.path(), move || ctx.request_repaint_after(soon));
    }

    /// Looks at the file's stamp when the folder watch fires, and every
    /// [`DISK_POLL`] in any case (`now_s` is egui time); when it changed,
    /// reads and merges it in the background.
    pub(super) fn poll_disk(&mut self, now_s: f64) {
        if self.disk.watch.as_ref().is_some_and(FolderWatch::fired) {
            self.disk.look_when_idle = true;
        }
        let busy = self.disk.dirty || self.tasks.is_busy(Lane::Disk);
        if self.disk.look_when_idle && !busy {
            self.disk.look_when_idle = false;
            self.disk.last_poll_s = Some(now_s);
            self.check_disk_now();
            return;
        }
        let due = self.disk.last_poll_s.is_none_or(|last| now_s - last >= DISK_POLL.as_secs_f64());
        if due {
            self.disk.last_poll_s = Some(now_s);
            self.check_disk_now();
        }
    }

    /// Looks at the file now (the 2-second poll, or a test): if it changed
    /// since this window last read or wrote it, starts reading it to merge.
    /// Does nothing while a save is pending (the save merges anyway).
    pub fn check_disk_now(&mut self) {
        let disk = &self.disk;
        let Some(store) = disk.store.as_ref().filter(|_| disk.access == Access::ReadWrite) else { return };
        if self.tasks.is_busy(Lane::Disk) || disk.dirty || self.tasks.is_busy(Lane::Crypto) || disk.moving_to.is_some()
        {
            return;
        }
        let current = FileStamp::current(store.path());
        let (store, known) = (store.clone(), disk.base.stamp);
        let started = if current.is_some() && current != known && current != disk.broken {
            self.start_task(super::tasks::READ_TASK.to_owned(), Lane::Disk, move || {
                let read = store.read_if_changed(known).map_err(|error| error.to_string());
                Finished::Disk { sent: None, report: Report::Read(read) }
            })
        } else {
            // A folder listing: cheap enough every poll.
            let found = crate::storage::sync_copies::scan(store.path());
            if found.copies.iter().all(|copy| disk.left_copies.contains(&copy.path)) {
                return;
            }
            self.start_task(super::tasks::ABSORB_TASK.to_owned(), Lane::Disk, move || {
                let absorbed = store.absorb_copies().map_err(|error| error.to_string());
                Finished::Disk { sent: None, report: Report::Absorbed(absorbed) }
            })
        };
        // Refused only while disk work runs: looked at again once it ends.
        self.disk.look_when_idle |= started.is_err();
    }

    /// Tells what merging conflict copies did (a banner naming each copy),
    /// and lists the decisions they held in another version to choose from.
    fn after_copies(&mut self, report: &CopyReport) {
        // Left alone, or merged but not movable (a sync client holds it):
        // not looked at again every poll; the next save tries again.
        self.disk.left_copies = report
            .left
            .iter()
            .map(|left| left.copy.clone())
            .chain(report.absorbed.iter().filter(|copy| copy.kept_at.is_none()).map(|copy| copy.copy.clone()))
            .collect();
        if report.is_empty() {
            return;
        }
        self.add_conflicts(report.conflicts().into_iter());
        // Said once: a copy left alone is reported again by every save.
        let text = report.sentences().join("\n");
        if self.disk.copies_said.as_deref() != Some(text.as_str()) {
            self.banner = Some(text.clone());
            self.disk.copies_said = Some(text);
        }
    }

    /// Takes in what disk work reported; `sent` is the journal a save
    /// wrote.
    pub(super) fn handle_report(&mut self, sent: Option<Journal>, report: Report) {
        match report {
            Report::Saved(Ok(saved)) => {
                let sent = sent.unwrap_or_else(|| self.state.journal().clone());
                self.disk.base = saved.snapshot;
                self.disk.broken = None;
                self.disk.failed_save = None;
                self.after_copies(&saved.copies);
                if let Some(merged) = saved.merged {
                    let written = &self.disk.base.contents.journal;
                    // Bring this window up to date: `sent` to `written` is what
                    // came from outside, `sent` to now what was edited here
                    // while the save ran.
                    let local = merge::merge_journals(&sent, self.state.journal(), written);
                    self.state.take_in(local.contents.journal);
                    self.disk.dirty |= self.state.journal() != written;
                    self.add_conflicts(merged.conflicts.iter().cloned().chain(local.conflicts));
                    self.after_outside_change(&merged);
                }
            }
            Report::Saved(Err(error)) => {
                self.banner = Some(format!(
                    "Your last change could not be saved: {error}. Keel will try again on the next change."
                ));
                self.disk.failed_save = Some(error.clone());
            }
            Report::Absorbed(Ok(report)) => {
                self.after_copies(&report);
                // The file now holds what the copies brought: take it in.
                self.check_disk_now();
            }
            Report::Absorbed(Err(error)) => {
                self.banner = Some(format!("Copies your sync service made could not be merged: {error}"));
                // Not tried again every poll; the next save tries again.
                if let Some(store) = &self.disk.store {
                    self.disk.left_copies =
                        crate::storage::sync_copies::scan(store.path()).copies.into_iter().map(|c| c.path).collect();
                }
            }
            Report::Read(Ok(Some(loaded))) => self.merge_outside(loaded),
            Report::Read(Ok(None)) => {}
            Report::Read(Err(error)) => {
                self.disk.broken = self.disk.store.as_ref().and_then(|store| FileStamp::current(store.path()));
                self.banner = Some(format!(
                    "The journal was changed outside Keel and cannot be read: {error}. Keel will not write over it; fix or restore it."
                ));
            }
        }
        self.show_store_notices();
    }

    /// Merges a file changed outside into the window.
    #[expect(clippy::needless_pass_by_value, reason = "the loaded file is used up here")]
    fn merge_outside(&mut self, theirs: Loaded) {
        let editor =
            self.disk.store.as_ref().map_or_else(crate::storage::Editor::this_device, |store| store.editor().clone());
        let mine = Contents::descendant(&self.disk.base.contents, self.state.journal().clone(), &editor);
        let merged = merge::merge(&self.disk.base.contents, &mine, &theirs.contents);
        self.disk.base = theirs.snapshot();
        self.disk.broken = None;
        self.state.take_in(merged.contents.journal.clone());
        self.disk.dirty |= *self.state.journal() != theirs.contents.journal;
        self.add_conflicts(merged.conflicts.iter().cloned());
        self.after_outside_change(&merged);
        self.kick_saves();
    }

    /// Lists new conflicts, one per decision (a newer one replaces an older
    /// one for the same decision).
    fn add_conflicts(&mut self, conflicts: impl Iterator<Item = Conflict>) {
        for conflict in conflicts {
            self.storage_ui.conflicts.retain(|listed| listed.mine.id != conflict.mine.id);
            self.storage_ui.conflicts.push(conflict);
        }
    }

    fn after_outside_change(&mut self, merged: &Merged) {
        if !merged.changed_mine() {
            return;
        }
        if self.screen == Screen::Welcome && !self.state.journal().is_empty() {
            self.screen = Screen::Main;
        }
        if let Some(text) = merged.describe_outside_changes() {
            self.toast = Some(Toast { text, offer_undo: false, shown_at_s: None });
        }
    }

    /// Settles the conflict over decision `id`: keeps this window's version
    /// (`keep_mine`) or the one from outside, as an undoable edit dated now
    /// so it wins later merges.
    pub fn resolve_conflict(&mut self, id: &crate::model::DecisionId, keep_mine: bool) {
        let Some(index) = self.storage_ui.conflicts.iter().position(|conflict| conflict.mine.id == *id) else {
            return;
        };
        let conflict = self.storage_ui.conflicts.remove(index);
        let mut chosen = if keep_mine { conflict.mine } else { conflict.theirs };
        chosen.updated = self.clock.now();
        if self.state.journal().get(&chosen.id).is_some() {
            self.apply(Edit::Update(chosen));
        } else {
            self.apply(Edit::Add(chosen));
        }
    }

    /// Unlocks an encrypted journal with `passphrase` and opens it; a wrong
    /// passphrase leaves the unlock screen with a message.
    pub fn unlock(&mut self, passphrase: &str) {
        let Some(mut store) = self.disk.store.clone() else { return };
        match store.unlock(&SecretString::from(passphrase.to_owned())) {
            Ok(()) => {
                self.storage_ui.unlock_error = None;
                // What the unlock did (a key put back) is told as the
                // journal opens.
                self.open_store(store);
            }
            Err(error) => self.storage_ui.unlock_error = Some(unlock_message(&error)),
        }
    }

    /// Lists the journal's backups, newest first, for Settings: again only
    /// when the file has changed since, not every frame. The list is what
    /// [`KeelApp::view`] shows.
    pub fn refresh_backups(&mut self) {
        let Some(store) = &self.disk.store else { return };
        let stamp = self.disk.base.stamp;
        if self.storage_ui.backups.as_ref().is_none_or(|(listed_for, _)| *listed_for != stamp) {
            let list = store.backups().unwrap_or_default();
            self.storage_ui.backups = Some((stamp, list));
        }
    }

    /// Replaces the journal's decisions with those of `backup`, as an
    /// undoable edit.
    pub fn restore_backup(&mut self, backup: &Backup) {
        let Some(store) = &self.disk.store else { return };
        match store.read_backup(backup) {
            Ok(contents) => {
                self.apply(Edit::Restore {
                    decisions: contents.journal.decisions().to_vec(),
                    label: backup.describe(),
                });
            }
            Err(error) => self.banner = Some(format!("That backup cannot be restored: {error}")),
        }
    }

    /// From the error screen: restores `backup` over the unreadable journal
    /// (which is kept aside in the backups folder) and opens it.
    pub fn recover_from(&mut self, backup: &Backup) {
        let Some(store) = self.disk.store.clone() else { return };
        // On the window's thread: another Keel's lock is waited for briefly.
        match briefly_waiting(&store).recover_from(backup) {
            Ok(_) => {
                self.storage_ui.recovery = None;
                self.open_store(store);
                self.toast = Some(Toast {
                    text: format!("Restored {}; the unreadable file is kept in the backups folder", backup.describe()),
                    offer_undo: false,
                    shown_at_s: None,
                });
            }
            Err(error) => self.banner = Some(format!("The backup could not be restored: {error}")),
        }
    }

    /// Whether the open journal is encrypted.
    #[must_use]
    pub fn is_encrypted(&self) -> bool {
        self.disk.store.as_ref().is_some_and(Store::is_encrypted)
    }

    /// Encrypts the journal and its backups with `passphrase` (Settings),
    /// on a worker: the window keeps drawing, and says when it is done.
    pub fn encrypt(&mut self, passphrase: &str) {
        let passphrase = SecretString::from(passphrase.to_owned());
        self.start_crypto("Encrypting the journal and its backups\u{2026}", move |store| {
            let done = store.encrypt_reporting(&passphrase)?;
            Ok(done.describe(store.path()))
        });
    }

    /// Decrypts the journal and its backups (Settings), on a worker.
    pub fn decrypt(&mut self) {
        self.start_crypto("Decrypting the journal and its backups\u{2026}", |store| {
            store.decrypt()?;
            Ok("Decrypted: the journal is a plain text file again.".to_owned())
        });
    }

    /// Runs `work` on the store on a worker thread once every pending save
    /// is written; saves wait until it is done, so none is written with the
    /// old key (or none) meanwhile.
    fn start_crypto(
        &mut self,
        doing: &'static str,
        work: impl FnOnce(&mut Store) -> Result<String, StorageError> + Send + 'static,
    ) {
        if self.tasks.is_busy(Lane::Crypto) {
            return;
        }
        self.flush_saves();
        let Some(mut store) = self.disk.store.clone() else { return };
        self.storage_ui.encryption_message = None;
        let started = self.start_task(doing.to_owned(), Lane::Crypto, move || {
            let outcome = work(&mut store).and_then(|message| match store.read() {
                Ok(loaded) => Ok((message, Some(loaded))),
                Err(StorageError::NotFound { .. }) => Ok((message, None)),
                Err(error) => Err(error),
            });
            Finished::Crypto(CryptoDone { store, outcome })
        });
        if let Err(busy) = started {
            self.storage_ui.encryption_message = Some(busy.to_string());
        }
    }

    /// What the encryption worker is doing, while it runs.
    #[must_use]
    pub fn crypto_in_progress(&self) -> Option<&str> {
        self.tasks.first_in(Lane::Crypto)
    }

    /// Takes in a finished encryption or decryption (`None`: its thread
    /// stopped before it finished).
    pub(super) fn finish_crypto(&mut self, done: Option<CryptoDone>) {
        match done {
            None => {
                self.banner = Some(
                    "The encryption stopped before it finished. Keel finishes it at the next save, or run keel encrypt again."
                        .to_owned(),
                );
            }
            // Opening another journal flushes first, so an encryption ends
            // before it; should one ever end after, it is not this journal's.
            Some(CryptoDone { store, .. })
                if self.disk.store.as_ref().is_some_and(|open| open.path() != store.path()) => {}
            Some(CryptoDone { store, outcome }) => {
                self.disk.store = Some(store);
                match outcome {
                    Ok((message, loaded)) => {
                        if let Some(loaded) = loaded {
                            self.disk.base = loaded.snapshot();
                        }
                        self.storage_ui.encryption_message = Some(message);
                        self.pages.settings.forget_new_passphrase();
                    }
                    Err(error) => self.storage_ui.encryption_message = Some(error.to_string()),
                }
                self.show_store_notices();
            }
        }
        self.kick_saves();
    }
}

fn unlock_message(error: &StorageError) -> String {
    match error {
        StorageError::WrongPassphrase { .. } => "That passphrase does not unlock this journal. Try again.".to_owned(),
        other => other.to_string(),
    }
}
