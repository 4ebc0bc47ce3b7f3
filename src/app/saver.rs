//! Saves the journal on a background thread so a frame never waits for the
//! disk. Requests are coalesced: if several changes arrive while a save runs,
//! only the newest state is written next.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::model::Journal;
use crate::storage;

/// A background writer for one journal file.
pub struct Saver {
    path: PathBuf,
    requests: Option<Sender<Journal>>,
    results: Receiver<Result<(), String>>,
    worker: Option<JoinHandle<()>>,
    pending: usize,
}

impl Saver {
    /// A saver writing to `path`.
    #[must_use]
    pub fn new(path: PathBuf) -> Self {
        let (requests, incoming) = mpsc::channel::<Journal>();
        let (report, results) = mpsc::channel();
        let worker_path = path.clone();
        let worker = std::thread::Builder::new()
            .name("keel-save".into())
            .spawn(move || {
                while let Ok(mut journal) = incoming.recv() {
                    let mut skipped = 0;
                    while let Ok(newer) = incoming.try_recv() {
                        journal = newer;
                        skipped += 1;
                    }
                    let result = storage::save(&worker_path, &journal).map_err(|error| error.to_string());
                    for _ in 0..skipped {
                        if report.send(Ok(())).is_err() {
                            return;
                        }
                    }
                    if report.send(result).is_err() {
                        return;
                    }
                }
            })
            .ok();
        Self { path, requests: Some(requests), results, worker, pending: 0 }
    }

    /// The file this saver writes.
    #[must_use]
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Queues a save of `journal`.
    ///
    /// # Errors
    /// When the background thread is gone; the caller should save directly.
    pub fn request(&mut self, journal: Journal) -> Result<(), String> {
        let unsent = match &self.requests {
            Some(requests) => match requests.send(journal) {
                Ok(()) => {
                    self.pending += 1;
                    return Ok(());
                }
                Err(mpsc::SendError(journal)) => journal,
            },
            None => journal,
        };
        storage::save(&self.path, &unsent).map_err(|error| error.to_string())
    }

    /// Whether a save is queued or running.
    #[must_use]
    pub fn is_saving(&self) -> bool {
        self.pending > 0
    }

    /// Collects finished saves without waiting; returns the last error, if any.
    pub fn poll(&mut self) -> Option<String> {
        let mut last_error = None;
        while let Ok(result) = self.results.try_recv() {
            self.pending = self.pending.saturating_sub(1);
            if let Err(error) = result {
                last_error = Some(error);
            }
        }
        last_error
    }

    /// Waits for every queued save to finish; returns the last error, if any.
    pub fn flush(&mut self) -> Option<String> {
        let mut last_error = self.poll();
        while self.pending > 0 {
            match self.results.recv() {
                Ok(result) => {
                    self.pending -= 1;
                    if let Err(error) = result {
                        last_error = Some(error);
                    }
                }
                Err(_) => break,
            }
        }
        last_error
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Closing the channel ends the worker once it has written what is queued.
        self.requests = None;
        if let Some(worker) = self.worker.take()
            && worker.join().is_err()
        {
            eprintln!("keel: the save thread stopped unexpectedly");
        }
    }
}
