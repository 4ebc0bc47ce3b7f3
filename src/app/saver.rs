//! Reads and saves the journal on a background thread so a frame never waits
//! for the disk. One job is in flight at a time: the window sends the next
//! save only after the previous one has reported, so each save carries the
//! right base for its merge (see [`crate::storage::Store::save_merged`]).

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::model::Journal;
use crate::storage::{CopyReport, FileStamp, Loaded, Saved, Snapshot, Store};

/// Work for the background thread.
enum Job {
    Save { store: Store, mine: Journal, base: Snapshot },
    Read { store: Store, known: Option<FileStamp> },
    Absorb { store: Store },
}

/// What the background thread reports back.
#[derive(Debug)]
pub enum Report {
    /// A save finished: what is on disk now and what was merged in.
    Saved(Result<Box<Saved>, String>),
    /// A read of a file that changed on disk finished (`None`: unchanged).
    Read(Result<Option<Loaded>, String>),
    /// Conflict copies a sync service left were merged into the file.
    Absorbed(Result<CopyReport, String>),
}

/// What the job in flight was.
#[derive(Debug, Clone, PartialEq)]
pub enum InFlight {
    /// A save of this journal.
    Save(Journal),
    /// A read of the changed file.
    Read,
    /// Merging conflict copies into the file.
    Absorb,
}

fn run(job: Job) -> Report {
    match job {
        Job::Save { store, mine, base } => {
            Report::Saved(store.save_merged(&mine, &base).map(Box::new).map_err(|error| error.to_string()))
        }
        Job::Read { store, known } => Report::Read(store.read_if_changed(known).map_err(|error| error.to_string())),
        Job::Absorb { store } => Report::Absorbed(store.absorb_copies().map_err(|error| error.to_string())),
    }
}

/// The background reader and writer of one window.
pub struct Saver {
    requests: Option<Sender<Job>>,
    results: Receiver<Report>,
    worker: Option<JoinHandle<()>>,
    in_flight: Option<InFlight>,
    /// A report computed on this thread because the worker is gone.
    inline: Option<Report>,
}

impl Default for Saver {
    fn default() -> Self {
        Self::new()
    }
}

impl Saver {
    /// A saver with its thread started.
    #[must_use]
    pub fn new() -> Self {
        let (requests, incoming) = mpsc::channel::<Job>();
        let (report, results) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("keel-save".into())
            .spawn(move || {
                while let Ok(job) = incoming.recv() {
                    if report.send(run(job)).is_err() {
                        return;
                    }
                }
            })
            .ok();
        Self { requests: Some(requests), results, worker, in_flight: None, inline: None }
    }

    /// Whether a job is in flight.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.in_flight.is_some()
    }

    fn send(&mut self, job: Job, flight: InFlight) {
        let unsent = match &self.requests {
            Some(requests) => match requests.send(job) {
                Ok(()) => None,
                Err(mpsc::SendError(job)) => Some(job),
            },
            None => Some(job),
        };
        if let Some(job) = unsent {
            // The thread is gone: do the work here rather than lose it.
            self.inline = Some(run(job));
        }
        self.in_flight = Some(flight);
    }

    /// Starts saving `mine`, which descends from `base`.
    pub fn save(&mut self, store: Store, mine: Journal, base: Snapshot) {
        let flight = InFlight::Save(mine.clone());
        self.send(Job::Save { store, mine, base }, flight);
    }

    /// Starts reading the file if it changed since `known`.
    pub fn read(&mut self, store: Store, known: Option<FileStamp>) {
        self.send(Job::Read { store, known }, InFlight::Read);
    }

    /// Starts merging the conflict copies beside the file into it.
    pub fn absorb(&mut self, store: Store) {
        self.send(Job::Absorb { store }, InFlight::Absorb);
    }

    /// The finished job's report, without waiting.
    pub fn try_report(&mut self) -> Option<(InFlight, Report)> {
        self.in_flight.as_ref()?;
        let report = match self.inline.take() {
            Some(report) => report,
            None => self.results.try_recv().ok()?,
        };
        self.in_flight.take().map(|flight| (flight, report))
    }

    /// Waits for the job in flight; `None` when there is none.
    pub fn wait_report(&mut self) -> Option<(InFlight, Report)> {
        self.in_flight.as_ref()?;
        let report = match self.inline.take() {
            Some(report) => report,
            None => {
                if let Ok(report) = self.results.recv() {
                    report
                } else {
                    self.in_flight = None;
                    return Some((InFlight::Read, Report::Saved(Err("the save thread stopped".to_owned()))));
                }
            }
        };
        self.in_flight.take().map(|flight| (flight, report))
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Closing the channel ends the worker once it has finished its job.
        self.requests = None;
        if let Some(worker) = self.worker.take()
            && worker.join().is_err()
        {
            // Dropped with its window (closing, or switching journals):
            // no banner is left to show it.
            crate::cli::stderr::notice("the save thread stopped unexpectedly");
        }
    }
}
