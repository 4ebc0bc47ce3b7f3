//! [`StorageError`], what can go wrong reading or writing a journal file.
//! Layer 0, the lowest: every other layer of storage returns it, so it
//! imports only [`super::limits`].

use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::limits::{CURRENT_VERSION, MAX_JOURNAL_BYTES};

/// What can go wrong reading or writing a journal file.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The file does not exist.
    #[error("{} does not exist", path.display())]
    NotFound {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The file is not a valid journal.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// The file was written by a newer Keel.
    #[error(
        "{} was written by a newer Keel (file version {found}; this build reads up to version {CURRENT_VERSION}). Update Keel to open it; the file was left untouched",
        path.display()
    )]
    FutureVersion {
        /// The file.
        path: PathBuf,
        /// The version found in it.
        found: u32,
    },
    /// The journal could not be written.
    #[error("cannot save {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The lock file could not be taken.
    #[error("cannot lock {}: {source}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Another process held the journal's lock for the whole wait
    /// ([`super::lock::LOCK_WAIT_MS`]): a Keel stopped or stuck in the middle of a
    /// save. Nothing was written.
    #[error("{}", lock_busy(path, holder.as_ref(), *waited_ms))]
    LockBusy {
        /// The journal.
        path: PathBuf,
        /// Who holds the lock, when it noted itself.
        holder: Option<LockHolder>,
        /// How long this writer waited, in milliseconds.
        waited_ms: u64,
    },
    /// The journal's lock file is a symbolic link, a named pipe or anything
    /// but an ordinary file: it was neither followed nor opened.
    #[error(
        "{} is {what}, not the ordinary file Keel locks while it saves; Keel neither followed nor opened it, so \
         nothing was written. Remove it (Keel makes a new one) and try again",
        path.display()
    )]
    LockNotAFile {
        /// The lock file.
        path: PathBuf,
        /// What it is, in words ("a symbolic link", "a named pipe (FIFO)").
        what: &'static str,
    },
    /// The journal is encrypted and no passphrase was given.
    #[error("{} is encrypted; give its passphrase (or set KEEL_PASSPHRASE) to open it", path.display())]
    Locked {
        /// The journal.
        path: PathBuf,
    },
    /// The journal is a sync service's placeholder: not downloaded yet.
    #[error(
        "{} is not downloaded yet: the sync service keeps only a placeholder on this computer. Open its folder so \
         it downloads, then try again (nothing was written)",
        path.display()
    )]
    NotDownloaded {
        /// The journal.
        path: PathBuf,
    },
    /// The passphrase does not unlock the journal's key.
    #[error("the passphrase does not unlock {}", path.display())]
    WrongPassphrase {
        /// The key file.
        path: PathBuf,
    },
    /// The journal's path names something that is not an ordinary file (a
    /// named pipe, a device, a folder): reading it could hang or never end.
    #[error("{} is {what}, not an ordinary file; Keel keeps its journal in an ordinary file, so nothing was read or written", path.display())]
    NotAFile {
        /// The path given.
        path: PathBuf,
        /// What it is, in words ("a named pipe (FIFO)", "a device", "a folder").
        what: &'static str,
    },
    /// The file is larger than any journal Keel would write.
    #[error(
        "{} holds {} MiB, more than a journal can ({} MiB at most); it is not a Keel journal, so it was not read",
        path.display(),
        bytes / (1 << 20),
        MAX_JOURNAL_BYTES / (1 << 20)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        bytes: u64,
    },
    /// The journal is read-only; Keel does not change that.
    #[error(
        "{} is read-only, so nothing was saved (its permissions were left as they are); make it writable to save changes",
        path.display()
    )]
    ReadOnly {
        /// The journal.
        path: PathBuf,
    },
    /// The file holds a field this Keel does not know (a hand edit, or a
    /// newer Keel): saving would drop it, so nothing is written.
    #[error(
        "{}:{line}:{column}: the field `{field}` is not one this Keel knows (added by hand or by a newer Keel); saving would drop it, so nothing was saved. Update Keel, or remove the field",
        path.display()
    )]
    UnknownField {
        /// The journal.
        path: PathBuf,
        /// 1-based line of the field.
        line: usize,
        /// 1-based column of the field.
        column: usize,
        /// The field's name.
        field: String,
    },
    /// The journal is encrypted but its key file is not beside it.
    #[error(
        "{} is encrypted, but its key file is missing: it should be at {}. Put the key file back there to open the journal (a passphrase alone cannot); nothing was changed",
        path.display(),
        key.display()
    )]
    KeyMissing {
        /// The journal.
        path: PathBuf,
        /// Where its key file should be.
        key: PathBuf,
    },
    /// Encryption or decryption failed for another reason.
    #[error("{}: {message}", path.display())]
    Crypto {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// The words of [`StorageError::LockBusy`].
fn lock_busy(path: &Path, holder: Option<&LockHolder>, waited_ms: u64) -> String {
    let seconds = (waited_ms / 1000).max(1);
    match holder {
        Some(holder) => format!(
            "another Keel ({}) still holds the lock of {} after {seconds} s of waiting: it may be stopped or stuck. \
             Nothing was written. Let it finish, or end process {}, then try again",
            holder.describe(),
            path.display(),
            holder.pid
        ),
        None => format!(
            "another Keel still holds the lock of {} after {seconds} s of waiting: it may be stopped or stuck. \
             Nothing was written. Let it finish, or close the other Keel using this journal, then try again",
            path.display()
        ),
    }
}

/// Who holds a journal's lock, as it noted itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockHolder {
    /// Its process id.
    pub pid: u32,
    /// When it took the lock.
    pub since: Timestamp,
}

impl LockHolder {
    /// "process 12345, since 10:02:03" (the time in the local zone, with
    /// the day when it is not today).
    #[must_use]
    pub fn describe(&self) -> String {
        let zone = TimeZone::system();
        let since = self.since.to_zoned(zone.clone());
        let today = Timestamp::now().to_zoned(zone).date();
        let time = if since.date() == today {
            since.strftime("%H:%M:%S").to_string()
        } else {
            since.strftime("%Y-%m-%d %H:%M:%S").to_string()
        };
        format!("process {}, since {time}", self.pid)
    }
}
