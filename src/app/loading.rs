//! Opening a large journal without freezing the window: the file is read
//! and parsed on a background thread while the window shows a spinner, then
//! opened as [`KeelApp::open`] would.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, OnceLock};

use super::disk::{Opened, read_store};
use super::{KeelApp, Screen, Source};
use crate::model::{Clock, Journal};
use crate::storage::Store;

/// Files at least this large are read in the background by
/// [`KeelApp::open_in_background`] (about 2,500 decisions); smaller ones open
/// before the first frame, with no spinner flashing by.
pub const BACKGROUND_BYTES: u64 = 2 * 1024 * 1024;

/// A journal being read on another thread.
#[derive(Debug)]
pub struct Loading {
    /// The file's size when it was opened, to show.
    pub bytes: u64,
    received: Receiver<Opened>,
    /// The window, once it has drawn a frame: the reading thread asks it
    /// for the next frame as soon as the journal is read, rather than
    /// leaving it to the loading screen's next 50 ms tick.
    window: Arc<OnceLock<egui::Context>>,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened").finish_non_exhaustive()
    }
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
        let (send, received) = mpsc::channel();
        let window = Arc::new(OnceLock::<egui::Context>::new());
        let to_wake = Arc::clone(&window);
        let spawned = std::thread::Builder::new().name("keel-open".to_owned()).spawn(move || {
            // The window may be gone by the time the file is read; the
            // result then has nobody to go to, which is fine.
            send.send(read_store(Store::new(path))).ok();
            // Sent first: a window that finds no context here has not yet
            // looked for the journal, and will find it when it does (at the
            // worst, the loading screen's 50 ms tick still comes).
            if let Some(ctx) = to_wake.get() {
                ctx.request_repaint();
            }
        });
        match spawned {
            Ok(_) => app.loading = Some(Loading { bytes, received, window }),
            Err(_) => {
                if let Source::File(path) = app.source.clone() {
                    app.open_store(Store::new(path));
                }
            }
        }
        app
    }

    /// The journal being read, if it is.
    #[must_use]
    pub fn loading(&self) -> Option<&Loading> {
        self.loading.as_ref()
    }

    /// Opens the journal read in the background once it is there.
    pub(super) fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(loading) = &self.loading else { return };
        // Before looking: see the reading thread's order.
        loading.window.get_or_init(|| ctx.clone());
        match loading.received.try_recv() {
            Ok(opened) => {
                self.loading = None;
                self.finish_open(opened);
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.loading = None;
                if let Source::File(path) = self.source.clone() {
                    self.open_store(Store::new(path));
                }
            }
        }
    }
}
