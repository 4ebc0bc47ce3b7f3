//! One runner for the window's background work, so a frame never waits for
//! the disk: saving and reading the journal, file jobs (export, brief,
//! import, move), encryption and opening a large journal. Each task has a
//! name for people ("Exporting to /x.csv…"), a [`Lane`] and a closure run on
//! a named worker thread; what it hands back is one [`Finished`], applied by
//! [`KeelApp::poll_tasks`] in one `match` on the window's thread.
//!
//! A lane with one slot (disk work, encryption, opening) refuses a second
//! task while the first runs: the window sends the next save only after the
//! previous one has reported, so each save carries the right base for its
//! merge (see [`crate::storage::Store::save_merged`]). Work whose thread
//! cannot be started runs on the calling thread instead, never lost, and a
//! task that panics is reported as stopped, never waited for forever.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

use super::disk::{CryptoDone, Opened, Report};
use super::jobs::Done;
use super::{KeelApp, Source};
use crate::model::Journal;

/// Which kind of work a task is: how many may run at once, what waits for
/// it, and whether the status bar names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// Saving, reading the file changed outside, merging a sync service's
    /// conflict copies: one at a time, each started after the previous one
    /// reported. Dropping the runner waits for it, so a save finishes.
    Disk,
    /// Exporting, saving a brief, reading an import, moving the journal:
    /// any number at once.
    File,
    /// Encrypting or decrypting: one at a time; saves wait for it.
    Crypto,
    /// Reading a large journal as the window opens: one at a time.
    Open,
}

impl Lane {
    /// Every lane.
    pub const ALL: [Self; 4] = [Self::Disk, Self::File, Self::Crypto, Self::Open];

    fn one_slot(self) -> bool {
        !matches!(self, Self::File)
    }

    fn thread_name(self) -> &'static str {
        match self {
            Self::Disk => "keel-save",
            Self::File => "keel-file",
            Self::Crypto => "keel-crypto",
            Self::Open => "keel-open",
        }
    }

    /// What is said where the window's unshowable notices go when a task
    /// ends after its window closed: the work is done (or failed) anyway,
    /// and nothing can show it. Disk work is waited for; a journal read for
    /// a closed window has nobody to go to, which is fine.
    fn orphan_notice(self) -> Option<&'static str> {
        match self {
            Self::File => Some("a background job finished after its window closed"),
            Self::Crypto => Some("an encryption finished after its window closed"),
            Self::Disk | Self::Open => None,
        }
    }
}

/// A task that ended: its name, its lane and what it handed back (`None`:
/// it stopped without a result, having panicked).
#[derive(Debug)]
pub struct Ended<R> {
    /// The name it was started with.
    pub name: String,
    /// Its lane.
    pub lane: Lane,
    /// What it handed back.
    pub result: Option<R>,
}

/// A task refused because its one-slot lane is taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name} has to wait until the work already running is done")]
pub struct LaneBusy {
    /// The refused task's name.
    pub name: String,
    /// Its lane.
    pub lane: Lane,
}

enum State<R> {
    /// On a worker thread; its result comes through the channel.
    Thread { result: Receiver<R>, worker: Option<JoinHandle<()>> },
    /// Ended already (run in place, or its result received).
    Ended(Option<R>),
}

struct Running<R> {
    name: String,
    lane: Lane,
    state: State<R>,
}

impl<R> Running<R> {
    /// Whether it has ended; takes its result in if it has.
    fn settle(&mut self) -> bool {
        if let State::Thread { result, .. } = &self.state {
            let received = match result.try_recv() {
                Ok(value) => Some(value),
                Err(TryRecvError::Disconnected) => None,
                Err(TryRecvError::Empty) => return false,
            };
            self.state = State::Ended(received);
        }
        true
    }

    /// Waits for it to end and hands back what it did.
    fn finish(self) -> Ended<R> {
        let result = match self.state {
            State::Ended(result) => result,
            State::Thread { result, .. } => result.recv().ok(),
        };
        Ended { name: self.name, lane: self.lane, result }
    }
}

/// The window's background tasks, in the order they were started.
pub struct Tasks<R> {
    running: Vec<Running<R>>,
    in_place: bool,
    /// The window, once it has drawn a frame: a worker asks it for a frame
    /// as soon as its result is sent, so the result is taken in then rather
    /// than at the next timed frame.
    window: Arc<OnceLock<egui::Context>>,
}

impl<R> Default for Tasks<R> {
    fn default() -> Self {
        Self { running: Vec::new(), in_place: false, window: Arc::default() }
    }
}

impl<R: Send + 'static> Tasks<R> {
    /// Starts `work` as `name` in `lane` on a worker thread (on this one in
    /// place mode, or when no thread can be started); its result comes back
    /// from [`Self::next_finished`].
    ///
    /// # Errors
    /// [`LaneBusy`] when `lane` has one slot and a task holds it; `work` is
    /// not run.
    pub fn start(
        &mut self,
        name: String,
        lane: Lane,
        work: impl FnOnce() -> R + Send + 'static,
    ) -> Result<(), LaneBusy> {
        if lane.one_slot() && self.is_busy(lane) {
            return Err(LaneBusy { name, lane });
        }
        let state =
            if self.in_place { State::Ended(run_here(work)) } else { spawn(lane, work, Arc::clone(&self.window)) };
        self.running.push(Running { name, lane, state });
        Ok(())
    }
}

impl<R> Tasks<R> {
    /// Lets the workers wake `window` when they end (the first call counts:
    /// a window keeps its context).
    pub fn wake(&self, window: &egui::Context) {
        self.window.get_or_init(|| window.clone());
    }

    /// Runs every task on the calling thread from now on, its result kept
    /// for the next [`Self::next_finished`] (tests).
    pub fn run_in_place(&mut self) {
        self.in_place = true;
    }

    /// Whether tasks run on the calling thread.
    #[must_use]
    pub fn in_place(&self) -> bool {
        self.in_place
    }

    /// Whether a task of `lane` has not been handed back yet.
    #[must_use]
    pub fn is_busy(&self, lane: Lane) -> bool {
        self.running.iter().any(|task| task.lane == lane)
    }

    /// Whether any task has not been handed back yet.
    #[must_use]
    pub fn any_running(&self) -> bool {
        !self.running.is_empty()
    }

    /// The name of the first task of `lane` not handed back yet.
    #[must_use]
    pub fn first_in(&self, lane: Lane) -> Option<&str> {
        self.running.iter().find(|task| task.lane == lane).map(|task| task.name.as_str())
    }

    /// For the status bar: the first running file job and how many more
    /// file jobs run ("Exporting to /x.csv… (and 1 more)"), else the
    /// encryption, if one runs.
    #[must_use]
    pub fn status(&self) -> Option<String> {
        let mut jobs = self.running.iter().filter(|task| task.lane == Lane::File);
        let Some(first) = jobs.next() else {
            return self.first_in(Lane::Crypto).map(str::to_owned);
        };
        Some(match jobs.count() {
            0 => first.name.clone(),
            more => format!("{} (and {more} more)", first.name),
        })
    }

    /// The first task of `lanes` that has ended, taken out of the runner;
    /// with `wait` and none ended, waits for the first of them still
    /// running. `None` once no task of `lanes` is left (or, without `wait`,
    /// none has ended).
    pub fn next_finished(&mut self, lanes: &[Lane], wait: bool) -> Option<Ended<R>> {
        let ended = self.running.iter_mut().position(|task| lanes.contains(&task.lane) && task.settle());
        let index = match ended {
            Some(index) => index,
            None if wait => self.running.iter().position(|task| lanes.contains(&task.lane))?,
            None => return None,
        };
        Some(self.running.remove(index).finish())
    }

    /// Waits for the tasks of `lane` to end and drops what they hand back:
    /// the window they were started for is gone (another journal opened).
    pub fn discard(&mut self, lane: Lane) {
        let (gone, kept): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.running).into_iter().partition(|task| task.lane == lane);
        self.running = kept;
        for task in gone {
            if let State::Thread { worker: Some(worker), .. } = task.state
                && worker.join().is_err()
            {
                crate::cli::stderr::notice(&format!("{} stopped unexpectedly", task.name));
            }
        }
    }
}

impl<R> Drop for Tasks<R> {
    fn drop(&mut self) {
        // Dropped with its window (closing, or switching journals): a save
        // in progress finishes before the window goes. No banner is left to
        // show a save thread that stopped.
        for task in &mut self.running {
            if task.lane == Lane::Disk
                && let State::Thread { worker, .. } = &mut task.state
                && let Some(worker) = worker.take()
                && worker.join().is_err()
            {
                crate::cli::stderr::notice("the save thread stopped unexpectedly");
            }
        }
    }
}

/// Runs `work` on this thread; a panic is caught and reported as a task
/// that stopped, as a worker's would be.
fn run_here<R>(work: impl FnOnce() -> R) -> Option<R> {
    catch_unwind(AssertUnwindSafe(work)).ok()
}

/// Starts `work` on a thread named for `lane`; if none can be started, runs
/// it here.
fn spawn<R: Send + 'static>(
    lane: Lane,
    work: impl FnOnce() -> R + Send + 'static,
    window: Arc<OnceLock<egui::Context>>,
) -> State<R> {
    // Kept where both threads reach it, so the work can still be done here
    // when the thread does not start.
    let slot = Arc::new(Mutex::new(Some(work)));
    let theirs = Arc::clone(&slot);
    let (send, result) = mpsc::channel();
    let spawned = std::thread::Builder::new().name(lane.thread_name().to_owned()).spawn(move || {
        let work = theirs.lock().ok().and_then(|mut slot| slot.take());
        let Some(work) = work else { return };
        if send.send(work()).is_err() {
            if let Some(text) = lane.orphan_notice() {
                crate::cli::stderr::notice(text);
            }
        } else if let Some(window) = window.get() {
            // After the send: the frame this asks for finds the result.
            window.request_repaint();
        }
    });
    if let Ok(worker) = spawned {
        State::Thread { result, worker: Some(worker) }
    } else {
        let work = slot.lock().ok().and_then(|mut slot| slot.take());
        State::Ended(work.and_then(run_here))
    }
}

/// What a task hands back to the window.
pub(super) enum Finished {
    /// Disk work ended; `sent` is the journal a save wrote, so what was
    /// edited here meanwhile can be told from what came from outside.
    Disk { sent: Option<Journal>, report: Report },
    /// A file job ended.
    File(Done),
    /// An encryption or decryption ended.
    Crypto(CryptoDone),
    /// A journal was read for the window.
    Opened(Box<Opened>),
}

/// What a save thread that stopped without a word reports.
const SAVE_STOPPED: &str = "the save thread stopped";

/// What a read or a merge of copies that stopped without a word reports.
const STOPPED: &str = "Keel stopped before it finished";

/// The names of the disk lane's tasks that are not saves: one of them
/// stopping loses no change.
pub(super) const READ_TASK: &str = "Reading the journal changed outside Keel\u{2026}";
/// See [`READ_TASK`].
pub(super) const ABSORB_TASK: &str = "Merging the copies a sync service made\u{2026}";

impl KeelApp {
    /// Starts `work` as the task `name` in `lane` (see [`Tasks::start`]). In
    /// place, a file job's or an encryption's result is applied before this
    /// returns, as a click's result is there when the click returns, and
    /// with it every other result waiting (this polls the runner, which may
    /// start the next save); disk work alone is taken in at the next poll,
    /// as from a thread.
    pub(super) fn start_task(
        &mut self,
        name: String,
        lane: Lane,
        work: impl FnOnce() -> Finished + Send + 'static,
    ) -> Result<(), LaneBusy> {
        self.tasks.start(name, lane, work)?;
        if self.tasks.in_place() && lane != Lane::Disk {
            self.poll_tasks(false);
        }
        Ok(())
    }

    /// Runs every background task (saves, reads, file jobs, encryption) on
    /// the calling thread from now on: for UI tests that drive the window
    /// step by step (the worker path has tests of its own). A file job's or
    /// an encryption's result is applied before the call that started it
    /// returns; disk work's at the next frame, or [`Self::flush_saves`].
    pub fn run_tasks_in_place(&mut self) {
        self.tasks.run_in_place();
    }

    /// What the file jobs and the encryption are doing, for the status bar
    /// (the first, and how many more).
    #[must_use]
    pub fn task_status(&self) -> Option<String> {
        self.tasks.status()
    }

    /// Applies what finished tasks handed back; with `wait`, waits for
    /// every task (tests).
    pub fn poll_tasks(&mut self, wait: bool) {
        while let Some(ended) = self.tasks.next_finished(&Lane::ALL, wait) {
            self.apply_finished(ended);
        }
        self.kick_saves();
    }

    /// Waits until every change is on disk and every read merged (on exit,
    /// and in tests): first file jobs and encryption (which decide where
    /// and how the next save is written), then saves until none is left. A
    /// save that fails stops it (it would fail again at once) and is said on
    /// stderr too, since this may be the window closing.
    pub fn flush_saves(&mut self) {
        while let Some(ended) = self.tasks.next_finished(&[Lane::File, Lane::Crypto], true) {
            self.apply_finished(ended);
        }
        loop {
            self.kick_saves();
            let Some(ended) = self.tasks.next_finished(&[Lane::Disk], true) else { break };
            let failed = match &ended.result {
                Some(Finished::Disk { report: Report::Saved(Err(error)), .. }) => Some(error.clone()),
                None if ended.name != READ_TASK && ended.name != ABSORB_TASK => Some(SAVE_STOPPED.to_owned()),
                Some(_) | None => None,
            };
            if let Some(error) = &failed {
                crate::cli::stderr::notice(error);
            }
            self.apply_finished(ended);
            // Anything else (a read started after merging copies) is waited
            // for, so the window holds what the file holds when this returns.
            if failed.is_some() {
                break;
            }
        }
    }

    /// The one place a task's result changes the window.
    fn apply_finished(&mut self, ended: Ended<Finished>) {
        let Ended { name, lane, result } = ended;
        match result {
            Some(Finished::Disk { sent, report }) => self.handle_report(sent, report),
            Some(Finished::File(done)) => self.apply_done(done),
            Some(Finished::Crypto(done)) => self.finish_crypto(Some(done)),
            Some(Finished::Opened(opened)) => {
                self.loading = None;
                self.finish_open(*opened);
            }
            None => match lane {
                // Said as the failure of what the task was doing: a save
                // stays unsaved and is asked about on quitting; a read or a
                // merge of copies is not tried again on the same file.
                Lane::Disk if name == READ_TASK => self.handle_report(None, Report::Read(Err(STOPPED.to_owned()))),
                Lane::Disk if name == ABSORB_TASK => {
                    self.handle_report(None, Report::Absorbed(Err(STOPPED.to_owned())));
                }
                Lane::Disk => self.handle_report(None, Report::Saved(Err(SAVE_STOPPED.to_owned()))),
                Lane::File => self.banner = Some(format!("Something went wrong while {}", lowercase_first(&name))),
                Lane::Crypto => self.finish_crypto(None),
                Lane::Open => {
                    // Read again here: slower, but the journal opens.
                    self.loading = None;
                    if let Source::File(path) = self.source.clone() {
                        self.open_store(crate::storage::Store::new(path));
                    }
                }
            },
        }
    }
}

/// "Exporting …" as it reads inside a sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use super::*;

    /// Every task of `tasks`, waited for, by name.
    fn all_ended<R>(tasks: &mut Tasks<R>) -> Vec<(String, Option<R>)> {
        std::iter::from_fn(|| tasks.next_finished(&Lane::ALL, true)).map(|ended| (ended.name, ended.result)).collect()
    }

    #[test]
    fn the_disk_lane_takes_one_task_until_it_has_reported() {
        let mut tasks = Tasks::default();
        let (release, gate) = mpsc::channel::<()>();
        tasks
            .start("Saving…".to_owned(), Lane::Disk, move || {
                gate.recv().ok();
                1
            })
            .expect("the lane is free");
        let refused = tasks.start("Saving again…".to_owned(), Lane::Disk, || 2);
        assert_eq!(refused, Err(LaneBusy { name: "Saving again…".to_owned(), lane: Lane::Disk }));
        // Other lanes do not wait for it.
        tasks.start("Exporting…".to_owned(), Lane::File, || 3).expect("file jobs run beside it");
        tasks.start("Exporting more…".to_owned(), Lane::File, || 4).expect("several at once");
        assert!(tasks.next_finished(&[Lane::Disk], false).is_none(), "still running");
        assert!(tasks.is_busy(Lane::Disk));

        release.send(()).expect("the task waits for it");
        let ended = tasks.next_finished(&[Lane::Disk], true).expect("it ends");
        assert_eq!((ended.name.as_str(), ended.lane, ended.result), ("Saving…", Lane::Disk, Some(1)));
        tasks.start("Saving again…".to_owned(), Lane::Disk, || 2).expect("the slot is free once it reported");
        let mut rest = all_ended(&mut tasks);
        rest.sort();
        assert_eq!(
            rest,
            [
                ("Exporting more…".to_owned(), Some(4)),
                ("Exporting…".to_owned(), Some(3)),
                ("Saving again…".to_owned(), Some(2))
            ]
        );
        assert!(!tasks.any_running());
    }

    #[test]
    fn results_come_back_by_name_from_named_threads() {
        let mut tasks = Tasks::default();
        for (name, lane) in [("a", Lane::File), ("b", Lane::Crypto), ("c", Lane::Open), ("d", Lane::Disk)] {
            tasks
                .start(name.to_owned(), lane, move || (name, std::thread::current().name().map(str::to_owned)))
                .expect("started");
        }
        let mut by_name: Vec<(String, Option<String>)> = all_ended(&mut tasks)
            .into_iter()
            .map(|(name, result)| (name, result.and_then(|(_, thread)| thread)))
            .collect();
        by_name.sort();
        assert_eq!(
            by_name,
            [
                ("a".to_owned(), Some("keel-file".to_owned())),
                ("b".to_owned(), Some("keel-crypto".to_owned())),
                ("c".to_owned(), Some("keel-open".to_owned())),
                ("d".to_owned(), Some("keel-save".to_owned())),
            ]
        );
    }

    #[test]
    fn in_place_a_task_runs_before_start_returns_and_is_handed_back_at_the_next_poll() {
        let mut tasks = Tasks::default();
        tasks.run_in_place();
        let ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ran);
        let here = std::thread::current().id();
        tasks
            .start("Exporting…".to_owned(), Lane::File, move || {
                flag.store(true, Ordering::SeqCst);
                std::thread::current().id()
            })
            .expect("started");
        assert!(ran.load(Ordering::SeqCst), "done when the call returns");
        assert_eq!(tasks.status().as_deref(), Some("Exporting…"), "shown until taken in");
        let ended = tasks.next_finished(&Lane::ALL, false).expect("there without waiting");
        assert_eq!(ended.result, Some(here), "on the calling thread");
        assert!(tasks.next_finished(&Lane::ALL, false).is_none());
    }

    #[test]
    fn a_panicking_task_is_reported_as_stopped_not_lost() {
        for in_place in [false, true] {
            let mut tasks = Tasks::<u8>::default();
            if in_place {
                tasks.run_in_place();
            }
            tasks
                .start("Exporting to /x.csv…".to_owned(), Lane::File, || panic!("a bug in the export"))
                .expect("started");
            let ended = tasks.next_finished(&Lane::ALL, true).expect("reported");
            assert_eq!((ended.name.as_str(), ended.result), ("Exporting to /x.csv…", None), "in place: {in_place}");
            assert!(!tasks.any_running());
        }
    }

    #[test]
    fn the_status_names_the_first_file_job_and_counts_the_rest_else_the_encryption() {
        let mut tasks = Tasks::default();
        tasks.run_in_place();
        tasks.start("Saving…".to_owned(), Lane::Disk, || ()).expect("started");
        assert_eq!(tasks.status(), None, "a save shows as the save state, not here");
        tasks.start("Exporting to /x.csv…".to_owned(), Lane::File, || ()).expect("started");
        assert_eq!(tasks.status().as_deref(), Some("Exporting to /x.csv…"));
        tasks.start("Encrypting the journal and its backups…".to_owned(), Lane::Crypto, || ()).expect("started");
        tasks.start("Reading /y.csv…".to_owned(), Lane::File, || ()).expect("started");
        assert_eq!(tasks.status().as_deref(), Some("Exporting to /x.csv… (and 1 more)"), "file jobs first");
        assert_eq!(tasks.first_in(Lane::Crypto), Some("Encrypting the journal and its backups…"));
        while tasks.next_finished(&[Lane::File], false).is_some() {}
        assert_eq!(tasks.status().as_deref(), Some("Encrypting the journal and its backups…"));
    }

    #[test]
    fn dropping_the_runner_lets_a_save_in_progress_finish() {
        let mut tasks = Tasks::default();
        let written = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&written);
        tasks
            .start("Saving…".to_owned(), Lane::Disk, move || {
                std::thread::sleep(Duration::from_millis(50));
                flag.store(true, Ordering::SeqCst);
            })
            .expect("started");
        drop(tasks);
        assert!(written.load(Ordering::SeqCst), "the save was waited for");
    }

    #[test]
    fn a_file_job_that_stops_says_so_in_the_banner() {
        let mut app = KeelApp::demo(Arc::new(crate::model::FixedClock::at_date(jiff::civil::date(2026, 11, 29))));
        app.start_task("Exporting to /x.csv\u{2026}".to_owned(), Lane::File, || panic!("a bug in the export"))
            .expect("started");
        app.poll_tasks(true);
        assert_eq!(app.banner.as_deref(), Some("Something went wrong while exporting to /x.csv\u{2026}"));
        assert_eq!(app.task_status(), None, "nothing left running");
    }
}
