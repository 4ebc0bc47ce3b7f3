//! Who is editing: this computer's device id and a hybrid logical clock,
//! which together stamp every change a save makes ([`crate::model::version`]).
//!
//! The device id is a random name kept in Keel's local state folder (never
//! in the journal's folder, which a sync service shares), made once per
//! computer. Where no state folder can be written, each process gets a
//! random id of its own: merges stay correct, versions only grow longer.
//!
//! Layer 1, below [`super::merge`], which stamps with it; it reads and
//! writes only its own device id file, never a journal.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use jiff::Timestamp;

use crate::model::{Clock, Hlc, HlcTime, SystemClock, Version};

/// Stamps changes: this computer's device id, its clock and the hybrid
/// clock every stamp comes from. Clones share the hybrid clock.
#[derive(Clone)]
pub struct Editor {
    device: String,
    clock: Arc<dyn Clock>,
    hlc: Arc<Mutex<Hlc>>,
}

impl std::fmt::Debug for Editor {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Editor").field("device", &self.device).finish_non_exhaustive()
    }
}

impl PartialEq for Editor {
    fn eq(&self, other: &Self) -> bool {
        self.device == other.device && Arc::ptr_eq(&self.hlc, &other.hlc)
    }
}

impl Editor {
    /// The editor of this computer: its device id from the state folder
    /// (made on first use), the system clock, and one hybrid clock for the
    /// whole process.
    #[must_use]
    pub fn this_device() -> Self {
        static THIS: OnceLock<Editor> = OnceLock::new();
        THIS.get_or_init(|| {
            let device = state_file().and_then(|path| device_id_in(&path).ok()).unwrap_or_else(random_device_id);
            Self::new(device, Arc::new(SystemClock))
        })
        .clone()
    }

    /// An editor for `device` reading time from `clock`, with a hybrid clock
    /// of its own: another computer, in tests.
    #[must_use]
    pub fn new(device: impl Into<String>, clock: Arc<dyn Clock>) -> Self {
        Self { device: device.into(), clock, hlc: Arc::new(Mutex::new(Hlc::default())) }
    }

    /// This editor's device id.
    #[must_use]
    pub fn device(&self) -> &str {
        &self.device
    }

    /// The wall clock's time.
    #[must_use]
    pub fn wall(&self) -> Timestamp {
        self.clock.now()
    }

    /// Takes in every edit time in `versions`, so the next stamp is later
    /// than all of them (unless one is implausibly far ahead). A journal's
    /// versions are gathered by `Editor::observe` in [`super::merge`], which
    /// knows the contents: the editor stays below the format.
    pub(super) fn observe_versions<'a>(&self, versions: impl Iterator<Item = &'a Version>) {
        let wall = self.wall();
        let latest = versions
            .filter(|version| !version.is_unset())
            .map(crate::model::Version::stamp)
            // The latest plausible one: a far-future stamp is ignored by the
            // clock, and must not hide the real latest behind it.
            .filter(|stamp| stamp.at <= crate::model::version::latest_plausible(wall))
            .max();
        if let Some(latest) = latest {
            self.with_hlc(|hlc| hlc.observe(latest, wall));
        }
    }

    /// A new stamp: later than every stamp this editor made or saw.
    #[must_use]
    pub fn stamp(&self) -> HlcTime {
        let wall = self.wall();
        self.with_hlc(|hlc| hlc.tick(wall))
    }

    fn with_hlc<T>(&self, use_it: impl FnOnce(&mut Hlc) -> T) -> T {
        // A panic while the lock was held cannot leave the clock half
        // updated (it is two numbers, set at once): keep using it.
        let mut hlc = self.hlc.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        use_it(&mut hlc)
    }
}

/// Where this computer's device id is kept: `device-id` in Keel's local
/// data folder (`XDG_DATA_HOME/keel` on Linux).
fn state_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "keel").map(|dirs| dirs.data_local_dir().join("device-id"))
}

/// The device id kept in `path`, made there if there is none yet. Two
/// processes making it at once agree: the file is created exclusively, and
/// the loser reads the winner's.
fn device_id_in(path: &Path) -> io::Result<String> {
    match fs::read_to_string(path) {
        Ok(text) => match valid_id(&text) {
            Some(id) => return Ok(id),
            // There but damaged: made anew.
            None => fs::remove_file(path)?,
        },
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(error),
    }
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder)?;
    }
    let id = random_device_id();
    // Written whole under a temporary name, then linked into place: a
    // reader never sees a half-written id.
    let temp = path.with_extension(format!("tmp-{}", std::process::id()));
    {
        let mut file = fs::File::create(&temp)?;
        file.write_all(id.as_bytes())?;
        file.sync_all()?;
    }
    let linked = fs::hard_link(&temp, path);
    fs::remove_file(&temp)?;
    match linked {
        Ok(()) => Ok(id),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            fs::read_to_string(path).ok().and_then(|text| valid_id(&text)).ok_or(error)
        }
        Err(error) => Err(error),
    }
}

fn valid_id(text: &str) -> Option<String> {
    let id = text.trim();
    (id.len() >= 8 && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric())).then(|| id.to_owned())
}

/// A fresh random device id: 12 hexadecimal digits.
fn random_device_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_id_is_made_once_and_then_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("keel").join("device-id");
        let first = device_id_in(&path).expect("made");
        assert_eq!(first.len(), 12);
        assert_eq!(device_id_in(&path).expect("read"), first);
        // A damaged file is replaced rather than trusted.
        fs::write(&path, "\u{1b}[2J").expect("write");
        assert_ne!(device_id_in(&path).expect("remade"), first);
    }
}
