//! File primitives every part of storage writes and checks files with:
//! atomic replacement (with its Windows retry), the stamp of a file on disk,
//! leftover temporary files, ordinary-file checks and the spelling of paths.
//! Layer 2, above the format: it knows files, not journals.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use jiff::Timestamp;

use super::error::StorageError;

/// What identifies one version of the file on disk, cheaply: its length,
/// modification time and (on unix) inode. An atomic save replaces the inode,
/// so even a same-size rewrite within one clock tick is noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl FileStamp {
    /// The stamp of a file from its metadata.
    #[must_use]
    pub fn of(metadata: &fs::Metadata) -> Self {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(metadata);
        #[cfg(not(unix))]
        let inode = 0;
        Self { len: metadata.len(), modified: metadata.modified().ok(), inode }
    }

    /// The stamp of the file at `path` now, `None` if there is none.
    #[must_use]
    pub fn current(path: &Path) -> Option<Self> {
        fs::metadata(path).ok().map(|metadata| Self::of(&metadata))
    }
}

/// Replaces `path` with what `write` puts in a temporary file beside it:
/// temp file, fsync, rename, fsync the folder. If `write` or any step fails
/// the temporary file is removed and `path` is untouched.
///
/// # Errors
/// [`StorageError::Write`] naming `path`.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> Result<(), StorageError> {
    write_atomically_stamped(path, write).map(|_| ())
}

/// As [`write_atomically`], returning the stamp of the file written (taken
/// from the temporary file before the rename, so it describes exactly what
/// was written).
pub(crate) fn write_atomically_stamped(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<FileStamp, StorageError> {
    let write_error = |source: io::Error| StorageError::Write { path: path.to_owned(), source };
    let folder = folder_of(path);
    fs::create_dir_all(&folder).map_err(write_error)?;
    // tempfile creates the file readable by its owner only (0600 on unix).
    let prefix = temp_prefix(path);
    let mut temp = tempfile::Builder::new().prefix(&prefix).suffix(".tmp").tempfile_in(&folder).map_err(write_error)?;
    write(temp.as_file_mut()).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    let stamp = FileStamp::of(&temp.as_file().metadata().map_err(write_error)?);
    replace_with(temp, path).map_err(write_error)?;
    sync_folder(&folder).map_err(write_error)?;
    Ok(stamp)
}

/// How the temporary files of a save of `path` start: `.<name>.keel-save-`.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    format!(".{name}.keel-save-")
}

/// Removes temporary files a killed save of `path` left behind. Only called
/// with the journal's lock held, so no save of `path` is running. Returns a
/// notice for each one that stays: the save goes on without it, and the
/// caller passes them on ([`super::Notices`]) for the edge to report.
pub(crate) fn remove_stale_temp_files(path: &Path) -> Vec<String> {
    let prefix = temp_prefix(path);
    // A folder that cannot be listed fails the save itself just after.
    let Ok(entries) = fs::read_dir(folder_of(path)) else { return Vec::new() };
    let mut notices = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix)
            && name.ends_with(".tmp")
            && let Err(error) = fs::remove_file(entry.path())
        {
            notices.push(format!("removing a leftover temporary file {}: {error}", entry.path().display()));
        }
    }
    notices
}

/// Writes `bytes` to `path` atomically.
pub(crate) fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<FileStamp, StorageError> {
    if bytes.is_empty() {
        return Err(StorageError::Write {
            path: path.to_owned(),
            source: io::Error::other("the journal could not be encoded"),
        });
    }
    write_atomically_stamped(path, |file| file.write_all(bytes))
}

/// How long a save keeps trying to replace a file another program holds
/// open without letting it be replaced, in milliseconds. On Windows a sync
/// client, an indexer or a virus scanner opens files for a moment that way
/// (its sharing mode); on Linux and macOS a replace never waits.
pub const REPLACE_RETRY_MS: u64 = 3_000;

/// Moves `temp` over `path`, retrying a while on Windows when another
/// program holds `path` open without sharing it for deletion.
fn replace_with(temp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    let started = std::time::Instant::now();
    let mut temp = temp;
    loop {
        match temp.persist(path) {
            Ok(_) => return Ok(()),
            Err(error)
                if cfg!(windows)
                    && is_sharing_refusal(&error.error)
                    && started.elapsed() < std::time::Duration::from_millis(REPLACE_RETRY_MS) =>
            {
                temp = error.file;
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(error) => return Err(error.error),
        }
    }
}

/// Whether Windows refused a replace because the file is open elsewhere:
/// access denied (5), a sharing violation (32) or a lock violation (33).
fn is_sharing_refusal(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

/// `path` made absolute with every link and `..` resolved, as people read
/// it: on Windows without the `\\?\` prefix the system adds, when the path
/// is an ordinary one without it.
///
/// # Errors
/// The path does not exist or cannot be read.
pub fn canonical(path: &Path) -> io::Result<PathBuf> {
    let real = fs::canonicalize(path)?;
    if cfg!(windows)
        && let Some(plain) = real.to_str().and_then(without_verbatim_prefix)
    {
        return Ok(PathBuf::from(plain));
    }
    Ok(real)
}

/// A Windows verbatim path (`\\?\C:\…`, `\\?\UNC\server\share\…`) as an
/// ordinary one, when it is short enough to be one; `None` otherwise.
pub(super) fn without_verbatim_prefix(text: &str) -> Option<String> {
    /// Longer paths need the prefix (the classic `MAX_PATH`).
    const MAX_PATH: usize = 260;
    let rest = text.strip_prefix(r"\\?\")?;
    let plain = match rest.strip_prefix(r"UNC\") {
        Some(share) => format!(r"\\{share}"),
        None if rest.as_bytes().get(1) == Some(&b':') => rest.to_owned(),
        None => return None,
    };
    // Without the prefix Windows would rewrite a name ending in a dot or a
    // space, or read a device name (NUL, COM1, aux.ron) as the device: then
    // the plain form names another file, and the prefix stays.
    let rewritten = plain.split('\\').skip(1).any(|part| {
        let stem = part.split('.').next().unwrap_or(part).trim_end().to_ascii_uppercase();
        part.ends_with(['.', ' '])
            || matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || (stem.len() == 4
                && (stem.starts_with("COM") || stem.starts_with("LPT"))
                && stem.as_bytes()[3].is_ascii_digit())
    });
    (plain.len() < MAX_PATH && !rewritten).then_some(plain)
}

/// The file a journal path stands for: when `path` is a symbolic link, the
/// file it points to (through any chain of links), so that the lock, the
/// backups and the atomic replace all happen beside the real file and the
/// link stays a link. Other paths are returned as they are.
#[must_use]
pub fn real_path(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    let mut followed = false;
    // As the OS does, give up on a loop of links after 40 steps.
    for _ in 0..40 {
        match fs::read_link(&current) {
            Ok(target) => {
                current = folder_of(&current).join(target);
                followed = true;
            }
            // A link to a file that exists is named by its clean real path
            // (no `link/../real`); a dangling one as it points.
            Err(_) if followed => return canonical(&current).unwrap_or(current),
            Err(_) => return current,
        }
    }
    current
}

/// Checks that `path`, when it exists, is an ordinary file (after following
/// links), returning its metadata; `None` when there is nothing there.
///
/// # Errors
/// [`StorageError::NotAFile`] for a named pipe, device, socket or folder;
/// [`StorageError::Read`] when its metadata cannot be read.
pub fn check_regular(path: &Path) -> Result<Option<fs::Metadata>, StorageError> {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(StorageError::Read { path: path.to_owned(), source }),
    };
    if metadata.is_file() {
        return Ok(Some(metadata));
    }
    let what = if metadata.is_dir() { "a folder" } else { special_kind(metadata.file_type()) };
    Err(StorageError::NotAFile { path: path.to_owned(), what })
}

#[cfg(unix)]
pub(super) fn special_kind(kind: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
pub(super) fn special_kind(_kind: fs::FileType) -> &'static str {
    "a special file"
}

/// The folder holding `path` (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Makes `dir` and its parents, readable by their owner only (0700 on
/// unix), unless it is already there.
pub(crate) fn create_private_folder(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
#[expect(clippy::unnecessary_wraps, reason = "the same signature as on unix, where it can fail")]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    // Windows cannot open a directory as a file; NTFS journals the rename.
    Ok(())
}

/// The current time, as storage stamps tombstones and backups with it.
pub(crate) fn now() -> Timestamp {
    Timestamp::now()
}
