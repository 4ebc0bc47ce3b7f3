//! Watching the journal's folder, so a change written there (another Keel,
//! the command line, a sync service's new version or conflict copy) is
//! noticed at once instead of at the next 2-second look, which stays as the
//! fallback where watching is not possible.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

use notify::Watcher as _;

use crate::storage::sync_copies;

/// A watch on one journal's folder.
pub(super) struct FolderWatch {
    /// Kept alive: dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
    events: Receiver<()>,
}

/// Whether a changed path concerns the journal: the journal itself or a
/// conflict copy of it (not the lock, the backups, or a temporary file).
fn concerns(journal_name: &str, path: &Path) -> bool {
    path.file_name().and_then(|name| name.to_str()).is_some_and(|name| {
        name == journal_name
            || sync_copies::conflict_copy_of(journal_name, name).is_some()
            || sync_copies::icloud_placeholder_of(name) == Some(journal_name)
    })
}

impl FolderWatch {
    /// Starts watching the folder of `journal`; `wake` is called from the
    /// watching thread when something there changed (to draw a frame).
    /// `None` when the platform cannot watch it: the poll still runs.
    pub(super) fn start(journal: &Path, wake: impl Fn() + Send + 'static) -> Option<Self> {
        let journal_name = journal.file_name()?.to_str()?.to_owned();
        let folder: PathBuf = match journal.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        };
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // Reads (Keel's own, a sync client scanning) are no change.
            if let Ok(event) = event
                && !matches!(event.kind, notify::EventKind::Access(_))
                && event.paths.iter().any(|path| concerns(&journal_name, path))
                && sender.send(()).is_ok()
            {
                wake();
            }
        })
        .ok()?;
        watcher.watch(&folder, notify::RecursiveMode::NonRecursive).ok()?;
        Some(Self { _watcher: watcher, events })
    }

    /// Whether anything concerning the journal changed since the last call.
    pub(super) fn fired(&self) -> bool {
        let mut fired = false;
        while self.events.try_recv().is_ok() {
            fired = true;
        }
        fired
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    #[test]
    fn a_copy_landing_in_the_folder_fires_and_the_lock_does_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = dir.path().join("journal.ron");
        let watch = FolderWatch::start(&journal, || {}).expect("inotify works here");
        std::fs::write(dir.path().join("journal.ron.lock"), "").expect("lock");
        std::fs::write(dir.path().join(".syncthing.journal.ron.tmp"), "x").expect("temp");
        std::thread::sleep(Duration::from_millis(200));
        assert!(!watch.fired(), "the lock and temporary files are not the journal");
        std::fs::write(dir.path().join("journal.sync-conflict-20261201-085003-DECYF6G.ron"), "x").expect("copy");
        let start = Instant::now();
        while !watch.fired() {
            assert!(start.elapsed() < Duration::from_secs(5), "the copy was noticed");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
