//! Opening a large journal without freezing the window: the file is read
//! and parsed as a task in the open lane ([`super::tasks`]) while the window
//! shows a spinner, then opened as [`KeelApp::open`] would.

use std::path::PathBuf;
use std::sync::Arc;

use super::disk::read_store;
use super::tasks::{Finished, Lane};
use super::{KeelApp, Screen, Source};
use crate::model::{Clock, Journal};
use crate::storage::{self, Store};

/// Files at least this large are read in the background by
/// [`KeelApp::open_in_background`] (about 2,500 decisions); smaller ones open
/// before the first frame, with no spinner flashing by.
pub const BACKGROUND_BYTES: u64 = 2 * 1024 * 1024;

/// A journal being read on another thread.
#[derive(Debug)]
pub struct Loading {
    /// The file's size when it was opened, to show.
    pub bytes: u64,
}

impl KeelApp {
    /// Like [`KeelApp::open`], but a file of [`BACKGROUND_BYTES`] or more is
    /// read on a background thread: the window appears at once with a
    /// progress indicator, and the journal when it is read.
    #[must_use]
    pub fn open_in_background(path: PathBuf, clock: Arc<dyn Clock>) -> Self {
        let bytes = std::fs::metadata(&path).map_or(0, |metadata| metadata.len());
        if bytes < BACKGROUND_BYTES {
            return Self::open(path, clock);
        }
        let mut app = Self::with_parts(Journal::default(), Source::File(path.clone()), Screen::Loading, clock);
        app.loading = Some(Loading { bytes });
        let name = format!("Opening {}\u{2026}", storage::display_name(&path));
        let started =
            app.tasks.start(name, Lane::Open, move || Finished::Opened(Box::new(read_store(Store::new(path)))));
        if started.is_err() {
            // Not with a new runner; opened here if it ever were.
            app.loading = None;
            if let Source::File(path) = app.source.clone() {
                app.open_store(Store::new(path));
            }
        }
        app
    }

    /// The journal being read, if it is.
    #[must_use]
    pub fn loading(&self) -> Option<&Loading> {
        self.loading.as_ref()
    }
}
