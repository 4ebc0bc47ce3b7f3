//! The journal file on disk.
//!
//! # Format
//!
//! A journal is one RON file (default `journal.ron` in the platform data
//! directory) holding a top-level struct:
//!
//! ```ron
//! (
//!     version: 1,
//!     decisions: [
//!         (
//!             id: "1b0f…",            // stable, never reused
//!             date: "2026-03-14",     // the day of the decision
//!             title: "Froze the scope for 4.2",
//!             note: "What happened and why",
//!             style: Some("management"), // or "leadership", "blend", None
//!             situations: ["tight-deadline"],
//!             tags: ["release"],
//!             people: ["Ana"],
//!             contrasts: Some((vision_execution: 1, people_process: 0,
//!                 inspiration_control: -1, change_stability: 0)), // optional
//!             starred: true,          // optional, written only when set
//!             created: "2026-03-14T09:12:00Z",
//!             updated: "2026-03-14T09:12:00Z",
//!         ),
//!     ],
//! )
//! ```
//!
//! `version` is checked before anything else: a file from a newer Keel is
//! refused and never rewritten. Saves are atomic: the new content goes to a
//! temporary file in the same folder, is flushed to disk, renamed over the
//! journal, and the folder itself is flushed so the rename survives a crash.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub mod demo;
pub mod synthetic;

use crate::model::{Decision, Journal};

/// The file format version this build writes and the newest it reads.
pub const CURRENT_VERSION: u32 = 1;

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
}

/// The on-disk shape, borrowed for writing.
#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    decisions: &'a [Decision],
}

/// The on-disk shape, owned for reading.
#[derive(Deserialize)]
struct FileIn {
    #[serde(rename = "version")]
    _version: u32,
    decisions: Vec<Decision>,
}

/// Just the version, read first so a newer file is refused before its
/// content is interpreted.
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Reads the journal at `path`.
///
/// # Errors
/// [`StorageError::NotFound`] when there is no file, [`StorageError::Read`]
/// when it cannot be read, [`StorageError::Parse`] with line and column when it
/// is not a journal, [`StorageError::FutureVersion`] when a newer Keel wrote it.
pub fn load(path: &Path) -> Result<Journal, StorageError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(StorageError::NotFound { path: path.to_owned() });
        }
        Err(error) if error.kind() == io::ErrorKind::InvalidData => {
            return Err(StorageError::Parse {
                path: path.to_owned(),
                line: 1,
                column: 1,
                message: "the file is not UTF-8 text".to_owned(),
            });
        }
        Err(source) => return Err(StorageError::Read { path: path.to_owned(), source }),
    };
    parse(&text, path)
}

/// Parses journal text; `path` only names the source in errors.
///
/// # Errors
/// As [`load`], minus the I/O cases.
pub fn parse(text: &str, path: &Path) -> Result<Journal, StorageError> {
    let parse_error = |error: ron::error::SpannedError| StorageError::Parse {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    };
    let probe: VersionProbe = ron::from_str(text).map_err(parse_error)?;
    if probe.version > CURRENT_VERSION {
        return Err(StorageError::FutureVersion { path: path.to_owned(), found: probe.version });
    }
    let file: FileIn = ron::from_str(text).map_err(parse_error)?;
    Ok(Journal::new(file.decisions))
}

/// The journal as file text.
#[must_use]
pub fn to_text(journal: &Journal) -> String {
    let file = FileOut { version: CURRENT_VERSION, decisions: journal.decisions() };
    let config = ron::ser::PrettyConfig::new().indentor("    ").struct_names(false);
    // Serialising plain strings, dates and vectors cannot fail; if it ever
    // did, an empty string would be refused by `save` below rather than
    // written over the journal.
    ron::ser::to_string_pretty(&file, config).unwrap_or_default()
}

/// Writes `journal` to `path` atomically, creating the folder if needed.
///
/// # Errors
/// [`StorageError::Write`] when any step fails; the previous file is then
/// left exactly as it was.
pub fn save(path: &Path, journal: &Journal) -> Result<(), StorageError> {
    let text = to_text(journal);
    if text.is_empty() {
        return Err(StorageError::Write {
            path: path.to_owned(),
            source: io::Error::other("the journal could not be encoded"),
        });
    }
    write_atomically(path, |file| file.write_all(text.as_bytes()))
}

/// Replaces `path` with what `write` puts in a temporary file beside it:
/// temp file, fsync, rename, fsync the folder. If `write` or any step fails
/// the temporary file is removed and `path` is untouched.
///
/// # Errors
/// [`StorageError::Write`] naming `path`.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> Result<(), StorageError> {
    let write_error = |source: io::Error| StorageError::Write { path: path.to_owned(), source };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&folder).map_err(write_error)?;
    let mut temp =
        tempfile::Builder::new().prefix(".keel-save-").suffix(".tmp").tempfile_in(&folder).map_err(write_error)?;
    write(temp.as_file_mut()).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    temp.persist(path).map_err(|error| write_error(error.error))?;
    sync_folder(&folder).map_err(write_error)
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    // Windows cannot open a directory as a file; NTFS journals the rename.
    Ok(())
}

/// The default journal path: `journal.ron` in the platform data directory.
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "keel").map(|dirs| dirs.data_dir().join("journal.ron"))
}

/// A short name for a journal file, for window titles: its file stem.
#[must_use]
pub fn display_name(path: &Path) -> String {
    path.file_stem().map_or_else(|| path.display().to_string(), |stem| stem.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests;
