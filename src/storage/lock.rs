//! The journal's lock: an exclusive OS lock on `<journal>.lock`, held while
//! a writer reads, merges and replaces the journal. The lock file is never
//! removed (removing it would let two writers lock two different files of
//! the same name).
//!
//! A writer waits for the lock at most [`LOCK_WAIT_MS`]: a Keel stopped in
//! the middle of a save (suspended, hung on a slow disk) must not freeze
//! every other one. While it holds the lock, a writer notes its process id
//! and since when ([`LockHolder`]), so a waiting one can say who it waits
//! for: in the lock file itself, or, when the journal's folder is synced, in
//! this computer's own folder for the journal (a lock file rewritten at every
//! save would travel to the other computers and come back as conflict
//! copies). The note is emptied when the lock is released.
//!
//! The lock file must be an ordinary file: a symbolic link is not followed
//! and a named pipe is not opened (it would wait forever), both refused.
//!
//! Layer 2, file primitives, above [`super::places`] (where the holder's
//! note lives for a synced journal).

use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use super::error::LockHolder;
use super::error::StorageError;
use super::files::folder_of;

/// How long a writer waits for another Keel to release the journal's lock
/// before it gives up with [`StorageError::LockBusy`], in milliseconds. A
/// save takes well under a second; ten seconds is a Keel that is stopped
/// or stuck, not a slow one.
pub const LOCK_WAIT_MS: u64 = 10_000;

/// How long a writer waits quietly before it says it is waiting, in
/// milliseconds (at most half the wait).
pub const LOCK_NOTICE_MS: u64 = 500;

/// How often a waiting writer tries the lock again, in milliseconds.
const LOCK_RETRY_MS: u64 = 20;

/// The most of a holder's note read: it is one short line.
const NOTE_BYTES: u64 = 256;

/// The lock file of the journal at `journal`: `<journal>.lock`.
#[must_use]
pub fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".lock");
    journal.with_file_name(name)
}

/// Where the holder of the journal's lock notes who it is: the lock file,
/// or, for a journal in a synced folder, a file in this computer's own
/// folder for it ([`super::places::local_backup_folder`]), so nothing
/// in the synced folder changes at each save.
fn note_path(journal: &Path) -> PathBuf {
    if super::places::synced_by(journal).is_some()
        && let Some(local) = super::places::local_backup_folder(journal)
    {
        return local.join("lock-holder");
    }
    lock_path(journal)
}

impl LockHolder {
    /// The note's text: `keel pid 12345 since 2026-12-01T08:50:03Z`.
    fn note(&self) -> String {
        format!("keel pid {} since {}\n", self.pid, self.since)
    }

    /// Reads a note; `None` when it is empty or not one.
    fn parse(text: &str) -> Option<Self> {
        let mut words = text.split_whitespace();
        let (mut pid, mut since) = (None, None);
        while let Some(word) = words.next() {
            match word {
                "pid" => pid = words.next().and_then(|value| value.parse().ok()),
                "since" => since = words.next().and_then(|value| value.parse().ok()),
                _ => {}
            }
        }
        Some(Self { pid: pid?, since: since? })
    }

    /// The holder of the lock of the journal at `journal`, from its note
    /// (`None` when there is none: an older Keel holds it, or the note
    /// cannot be read).
    #[must_use]
    pub fn of(journal: &Path) -> Option<Self> {
        let file = open_no_follow(&note_path(journal), false).ok()?;
        if !file.metadata().ok()?.is_file() {
            return None;
        }
        let mut text = String::new();
        file.take(NOTE_BYTES).read_to_string(&mut text).ok()?;
        Self::parse(&text)
    }
}

/// What a writer waiting for the lock reports through
/// [`LockWait::with_notice`], once, when it has waited
/// [`LOCK_NOTICE_MS`]: the edge (the command line) says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    /// The journal.
    pub journal: PathBuf,
    /// Who holds its lock, when known.
    pub holder: Option<LockHolder>,
    /// How long the writer waits in all before giving up.
    pub limit: Duration,
}

impl fmt::Display for Waiting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self
            .journal
            .file_name()
            .map_or_else(|| self.journal.display().to_string(), |name| name.to_string_lossy().into_owned());
        let who = self.holder.map(|holder| format!(" ({})", holder.describe())).unwrap_or_default();
        write!(
            f,
            "waiting for another Keel to finish saving {name}{who}\u{2026} (for {} s at most)",
            self.limit.as_secs().max(1)
        )
    }
}

/// Told when a writer starts waiting for the lock.
pub type WaitNotice = dyn Fn(&Waiting) + Send + Sync;

/// How a writer waits for the journal's lock: at most `limit`, telling
/// `notice` (if any) once it has waited a moment.
#[derive(Clone)]
pub struct LockWait {
    limit: Duration,
    notice: Option<Arc<WaitNotice>>,
}

impl Default for LockWait {
    fn default() -> Self {
        Self { limit: Duration::from_millis(LOCK_WAIT_MS), notice: None }
    }
}

impl fmt::Debug for LockWait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LockWait").field("limit", &self.limit).field("notice", &self.notice.is_some()).finish()
    }
}

impl PartialEq for LockWait {
    fn eq(&self, other: &Self) -> bool {
        self.limit == other.limit
            && match (&self.notice, &other.notice) {
                (None, None) => true,
                (Some(mine), Some(theirs)) => Arc::ptr_eq(mine, theirs),
                _ => false,
            }
    }
}

impl LockWait {
    /// The same wait, at most `limit` in all.
    #[must_use]
    pub fn with_limit(mut self, limit: Duration) -> Self {
        self.limit = limit;
        self
    }

    /// The same wait, telling `notice` when it starts waiting.
    #[must_use]
    pub fn with_notice(mut self, notice: impl Fn(&Waiting) + Send + Sync + 'static) -> Self {
        self.notice = Some(Arc::new(notice));
        self
    }

    /// How long it waits at most.
    #[must_use]
    pub fn limit(&self) -> Duration {
        self.limit
    }

    /// After how long a writer still waiting says so.
    fn notice_after(&self) -> Duration {
        Duration::from_millis(LOCK_NOTICE_MS).min(self.limit / 2)
    }
}

/// Opens `path` without following a symbolic link and without waiting on a
/// named pipe (unix), creating it (mode 0600) when `create`.
fn open_no_follow(path: &Path, create: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    if create {
        options.write(true).create(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options.open(path)
}

/// What a file type is, in words, for a lock file that is not a file.
fn kind_of(kind: fs::FileType) -> &'static str {
    if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a folder"
    } else {
        super::files::special_kind(kind)
    }
}

/// Opens (or creates) the lock file at `path`, refusing anything but an
/// ordinary file: never following a link, never waiting on a pipe.
fn open_lock_file(path: &Path) -> Result<File, StorageError> {
    let refuse = |what| StorageError::LockNotAFile { path: path.to_owned(), what };
    let lock_error = |source| StorageError::Lock { path: path.to_owned(), source };
    match fs::symlink_metadata(path) {
        Ok(metadata) if !metadata.file_type().is_file() => return Err(refuse(kind_of(metadata.file_type()))),
        Ok(_) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(source) => return Err(lock_error(source)),
    }
    // Changed between the look and the open: the open itself refuses a
    // link (O_NOFOLLOW) and does not wait on a pipe (O_NONBLOCK).
    let file = open_no_follow(path, true).map_err(|source| match fs::symlink_metadata(path) {
        Ok(metadata) if !metadata.file_type().is_file() => refuse(kind_of(metadata.file_type())),
        _ => lock_error(source),
    })?;
    let metadata = file.metadata().map_err(lock_error)?;
    if !metadata.is_file() {
        return Err(refuse(kind_of(metadata.file_type())));
    }
    Ok(file)
}

/// An exclusive lock on a journal, released when dropped (or when the process
/// dies, however it dies).
#[derive(Debug)]
pub struct JournalLock {
    file: File,
    /// The note of who holds it, when kept apart from the lock file.
    note: Option<PathBuf>,
}

impl JournalLock {
    /// Waits for and takes the lock of the journal at `journal` as
    /// [`JournalLock::acquire_waiting`] does, for [`LOCK_WAIT_MS`] at most,
    /// without a word.
    ///
    /// # Errors
    /// As [`JournalLock::acquire_waiting`].
    pub fn acquire(journal: &Path) -> Result<Self, StorageError> {
        Self::acquire_waiting(journal, &LockWait::default())
    }

    /// Takes the lock of the journal at `journal`, creating the folder and
    /// the lock file (mode 0600) if needed. While another process holds it,
    /// waits as `wait` says, telling its notice once it has waited a moment.
    ///
    /// # Errors
    /// [`StorageError::LockBusy`] when another process still holds the lock
    /// once the wait is over; [`StorageError::LockNotAFile`] when the lock
    /// file is a link, a pipe or anything but an ordinary file;
    /// [`StorageError::Lock`] when it cannot be created or locked;
    /// [`StorageError::NotAFile`] when the journal is not an ordinary file.
    pub fn acquire_waiting(journal: &Path, wait: &LockWait) -> Result<Self, StorageError> {
        // Nothing is locked (nor a lock file made) beside a device or a pipe.
        super::files::check_regular(journal)?;
        let path = lock_path(journal);
        let lock_error = |source| StorageError::Lock { path: path.clone(), source };
        fs::create_dir_all(folder_of(journal)).map_err(lock_error)?;
        let file = open_lock_file(&path)?;
        let started = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(source)) => return Err(lock_error(source)),
            }
            let waited = started.elapsed();
            if waited >= wait.limit {
                return Err(StorageError::LockBusy {
                    path: journal.to_owned(),
                    holder: LockHolder::of(journal),
                    waited_ms: u64::try_from(waited.as_millis()).unwrap_or(u64::MAX),
                });
            }
            if !told && waited >= wait.notice_after() {
                told = true;
                if let Some(notice) = &wait.notice {
                    notice(&Waiting {
                        journal: journal.to_owned(),
                        holder: LockHolder::of(journal),
                        limit: wait.limit,
                    });
                }
            }
            std::thread::sleep(Duration::from_millis(LOCK_RETRY_MS).min(wait.limit.saturating_sub(waited)));
        }
        let note = Some(note_path(journal)).filter(|note| *note != path);
        let mut lock = Self { file, note };
        // Best effort: a note that cannot be written only leaves a waiting
        // Keel unable to say who it waits for.
        lock.write_note(&LockHolder { pid: std::process::id(), since: super::files::now() }.note()).ok();
        Ok(lock)
    }

    /// Writes (or with "" empties) the note of who holds the lock.
    fn write_note(&mut self, text: &str) -> io::Result<()> {
        match &self.note {
            None => {
                self.file.set_len(0)?;
                (&self.file).seek(io::SeekFrom::Start(0))?;
                (&self.file).write_all(text.as_bytes())
            }
            Some(note) if text.is_empty() => match fs::symlink_metadata(note) {
                Ok(metadata) if metadata.is_file() => open_no_follow(note, true)?.set_len(0),
                _ => Ok(()),
            },
            Some(note) => {
                if let Some(folder) = note.parent() {
                    super::files::create_private_folder(folder)?;
                }
                let file = open_no_follow(note, true)?;
                if !file.metadata()?.is_file() {
                    return Err(io::Error::other("not a file"));
                }
                file.set_len(0)?;
                (&file).write_all(text.as_bytes())
            }
        }
    }
}

impl Drop for JournalLock {
    fn drop(&mut self) {
        // Emptied while still held, so the note never names a writer gone.
        self.write_note("").ok();
        // Closing the file releases the lock too; unlocking first makes it
        // immediate. A failure is not the user's business: the handle is
        // closed right after, which releases the lock whatever happened.
        // (On Windows the standard library unlocks twice, for an exclusive
        // and a shared lock, and takes "not locked" on the second as done;
        // Wine 8 says "lock violation" there instead, though the lock is
        // released: every write under Wine printed that error.)
        if let Err(error) = self.file.unlock() {
            log::debug!("releasing the journal lock: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[test]
    fn a_held_lock_is_waited_for_a_bounded_time_naming_its_holder() {
        let folder = tempfile::tempdir().expect("temp dir");
        let journal = folder.path().join("journal.ron");
        let held = JournalLock::acquire(&journal).expect("locked");
        let holder = LockHolder::of(&journal).expect("noted");
        assert_eq!(holder.pid, std::process::id());

        let told = Arc::new(Mutex::new(Vec::new()));
        let heard = Arc::clone(&told);
        let wait = LockWait::default()
            .with_limit(Duration::from_millis(300))
            .with_notice(move |waiting| heard.lock().expect("list").push(waiting.to_string()));
        let started = Instant::now();
        let error = JournalLock::acquire_waiting(&journal, &wait).expect_err("still held");
        assert!(started.elapsed() < Duration::from_secs(5), "bounded: {:?}", started.elapsed());
        assert!(
            matches!(error, StorageError::LockBusy { holder: Some(LockHolder { pid, .. }), .. } if pid == std::process::id())
        );
        let text = error.to_string();
        assert!(text.contains(&format!("process {}", std::process::id())), "{text}");
        assert!(text.contains("Nothing was written"), "{text}");
        let told = told.lock().expect("list").clone();
        assert_eq!(told.len(), 1, "said once: {told:?}");
        assert!(told[0].starts_with("waiting for another Keel to finish saving journal.ron (process "), "{told:?}");

        drop(held);
        assert_eq!(LockHolder::of(&journal), None, "the note is emptied on release");
        assert_eq!(fs::read(lock_path(&journal)).expect("lock file"), b"", "the lock file is empty when free");
        let again = JournalLock::acquire_waiting(&journal, &wait).expect("free again");
        drop(again);
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_or_a_pipe_is_refused_untouched() {
        let folder = tempfile::tempdir().expect("temp dir");
        let journal = folder.path().join("journal.ron");
        let target = folder.path().join("elsewhere.txt");
        std::os::unix::fs::symlink(&target, lock_path(&journal)).expect("link");
        let error = JournalLock::acquire(&journal).expect_err("refused");
        assert!(matches!(error, StorageError::LockNotAFile { what: "a symbolic link", .. }), "{error:?}");
        assert!(!target.exists(), "the link was not followed");

        fs::remove_file(lock_path(&journal)).expect("unlinked");
        let made = std::process::Command::new("mkfifo").arg(lock_path(&journal)).status().expect("mkfifo runs");
        assert!(made.success());
        let started = Instant::now();
        let error = JournalLock::acquire(&journal).expect_err("refused");
        assert!(started.elapsed() < Duration::from_secs(2), "no wait on the pipe");
        assert!(error.to_string().contains("is a named pipe (FIFO), not"), "{error}");
    }
}
