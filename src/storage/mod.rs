//! The journal file on disk.
//!
//! # Format (version 4)
//!
//! A journal is one RON file (default `journal.ron` in the platform data
//! directory) holding a top-level struct:
//!
//! ```ron
//! (
//!     version: 4,
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
//!             // also optional: options, expectation, confidence,
//!             // review_on, review
//!             created: "2026-03-14T09:12:00Z",
//!             updated: "2026-03-14T09:12:00Z",
//!         ),
//!     ],
//!     deleted: [
//!         (id: "77c2…", deleted_at: "2026-03-15T10:00:00Z"),
//!     ],
//!     // optional, written only when there are some:
//!     talking_points: [
//!         (id: "5e1a…", person: "Ana", text: "Ask about the rota",
//!             created: "2026-03-14", done: None),
//!     ],
//!     briefs: [ // the days briefs were made, per person (None: "me")
//!         (on: "2026-03-14", person: Some("Ana")),
//!     ],
//!     goals: [ // development goals (version 4)
//!         (id: "9d3e…", title: "Step back when the team is confident",
//!             kind: "fit", situations: ["confident-team"], min_percent: 70,
//!             from: "2026-03-02", until: "2026-04-26",
//!             created: "…", updated: "…", version: (…)),
//!     ],
//!     reflections: [ // one per ISO week, by its Monday (version 4)
//!         (id: "c41b…", week: "2026-03-09", answers: [(question: "…", answer: "…")],
//!             created: "…", updated: "…", version: (…)),
//!     ],
//!     removed: [ // tombstones of removed goals and reflections (version 4)
//!         (id: "9d3e…", kind: "goal", deleted_at: "…", version: (…)),
//!     ],
//! )
//! ```
//!
//! # Versions
//!
//! - **1**: `version` and `decisions` only.
//! - **2**: adds `deleted`, the tombstones of deleted decisions, so that a
//!   deletion made by one Keel merges into the copy another Keel has open.
//! - **3**: adds `version` to each decision and tombstone: the edits it
//!   descends from per device, and a hybrid-clock time, e.g.
//!   `version: (seen: [(device: "3f9a1c2e07b4", edits: 2)], at: "2026-03-14T09:12:00.120Z", by: "3f9a1c2e07b4")`,
//!   so merges decide by ancestry, not by clocks ([`merge`]). Decisions and
//!   tombstones of older files get a version from their time as they are
//!   read ([`crate::model::Version::legacy`]).
//! - **4**: adds `goals`, `reflections` and `removed` (their tombstones),
//!   each record with an id and a `version` like a decision's, merged by id
//!   the same way. All three are optional, so a version 3 file reads as a
//!   journal without goals; the first save writes version 4 (the version 3
//!   original is kept in the backups).
//!
//! `version` is checked before anything else: a file from a newer Keel is
//! refused and never rewritten. An older version is migrated when it is read
//! ([`Store::open`] first copies the original into the backups, marked with
//! its version, and the next save writes the current version).
//!
//! # Saving
//!
//! Every writer (the window, `keel add`, any subcommand) goes through a
//! [`Store`]: it takes an exclusive lock on `<journal>.lock`, re-reads the
//! journal if it changed since it was loaded, merges by decision id
//! ([`merge`]), keeps the previous file as a rotating backup in `backups/`
//! beside the journal ([`backup`]), and writes atomically: the new content
//! goes to a temporary file in the same folder, is flushed to disk, renamed
//! over the journal, and the folder itself is flushed so the rename survives
//! a crash. A process killed at any moment leaves the old or the new file.
//!
//! # Encryption
//!
//! Optional, with [age](https://age-encryption.org): see [`crypto`]. Once a
//! journal is encrypted, the journal, its temporary files and its backups are
//! all age files; the lock file holds nothing.
//!
//! # Layers
//!
//! The modules import one another in layers, lowest first; a module uses
//! only the layers below it, so there is no circle
//! (`scripts/check_storage_layers.sh` checks it):
//!
//! 0. [`limits`], [`error`] ([`StorageError`]), [`notices`];
//! 1. the format, no file access: [`format`] (with [`fields`]),
//!    [`ron_writer`], [`merge`] and `record_merge`, [`editor`];
//! 2. file primitives: [`files`] (atomic writes, stamps, path checks),
//!    [`places`] (where backups and kept copies live), [`lock`];
//! 3. encryption: [`crypto`]; [`protected`];
//! 4. [`backup`], [`cache`];
//! 5. the sync services' copies: [`sync_copies`], `admit`; the kept [`keys`];
//! 6. [`Store`], on top, one file per concern.
//!
//! Modules take what they use from the module that defines it, never from
//! this root, which only re-exports.

use std::path::{Path, PathBuf};

mod admit;
pub mod backup;
pub mod cache;
pub mod crypto;
pub mod editor;
pub mod error;
pub mod files;
pub mod format;
pub mod keys;
pub mod limits;
pub mod lock;
pub mod merge;
pub mod notices;
pub mod places;
mod point_merge;
pub mod protected;
mod record_merge;
pub mod ron_writer;
mod store;
pub mod sync_copies;

pub use backup::Backup;
pub use editor::Editor;
pub use error::StorageError;
pub use files::{FileStamp, REPLACE_RETRY_MS, canonical, check_regular, real_path, write_atomically};
pub use format::fields;
pub use format::{Parsed, contents_to_text, parse, parse_bytes, parse_file, to_text};
pub use limits::{CURRENT_VERSION, MAX_JOURNAL_BYTES, OLDEST_VERSION};
pub use merge::{Conflict, Contents, Merged, Tombstone};
pub use notices::Notices;
pub use store::{AbsorbedCopy, CopyReport, Encrypted, LeftCopy, Loaded, Saved, SetAsideCopy, Snapshot, Store};

use crate::model::Journal;

/// Reads the journal at `path` (a plain, unencrypted journal; see [`Store`]
/// for encrypted ones).
///
/// # Errors
/// [`StorageError::NotFound`] when there is no file, [`StorageError::Read`]
/// when it cannot be read, [`StorageError::Parse`] with line and column when it
/// is not a journal, [`StorageError::FutureVersion`] when a newer Keel wrote it,
/// [`StorageError::Locked`] when it is encrypted.
pub fn load(path: &Path) -> Result<Journal, StorageError> {
    Store::new(path.to_owned()).read().map(|loaded| loaded.contents.journal)
}
/// Writes `journal` to `path`: under the journal's lock, keeping a backup of
/// the previous file, atomically. Decisions that were in the file but not in
/// `journal` are recorded as deleted. Writers that loaded the journal earlier
/// should use [`Store::update`] (load, change and save under one lock) so a
/// change made in between by another process is not lost.
///
/// # Errors
/// [`StorageError::Write`] when any step fails; the previous file is then
/// left exactly as it was. The errors of [`load`] when the file on disk
/// cannot be read (it is then not written over).
pub fn save(path: &Path, journal: &Journal) -> Result<(), StorageError> {
    Store::new(path.to_owned()).update(|current| {
        current.clone_from(journal);
        Ok::<(), StorageError>(())
    })
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

#[cfg(test)]
mod refusal_tests;

#[cfg(test)]
mod trust_tests;

#[cfg(test)]
mod soak_tests;
