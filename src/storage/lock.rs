//! The journal's lock: an exclusive OS lock on `<journal>.lock`, held while
//! a writer reads, merges and replaces the journal. The lock file itself is
//! empty and never removed (removing it would let two writers lock two
//! different files of the same name).

use std::fs::File;
use std::path::{Path, PathBuf};

use super::{StorageError, create_private, folder_of};

/// The lock file of the journal at `journal`: `<journal>.lock`.
#[must_use]
pub fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".lock");
    journal.with_file_name(name)
}

/// An exclusive lock on a journal, released when dropped (or when the process
/// dies, however it dies).
#[derive(Debug)]
pub struct JournalLock {
    file: File,
}

impl JournalLock {
    /// Waits for and takes the lock of the journal at `journal`, creating the
    /// folder and the lock file (mode 0600) if needed.
    ///
    /// # Errors
    /// [`StorageError::Lock`] when the lock file cannot be created or locked;
    /// [`StorageError::NotAFile`] when the journal is not an ordinary file.
    pub fn acquire(journal: &Path) -> Result<Self, StorageError> {
        // Nothing is locked (nor a lock file made) beside a device or a pipe.
        super::check_regular(journal)?;
        let path = lock_path(journal);
        let lock_error = |source| StorageError::Lock { path: path.clone(), source };
        std::fs::create_dir_all(folder_of(journal)).map_err(lock_error)?;
        let file = create_private(&path, false).map_err(lock_error)?;
        file.lock().map_err(lock_error)?;
        Ok(Self { file })
    }
}

impl Drop for JournalLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first makes it
        // immediate. A failure here cannot be acted on.
        if let Err(error) = self.file.unlock() {
            eprintln!("keel: releasing the journal lock: {error}");
        }
    }
}
