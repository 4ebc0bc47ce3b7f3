//! [`Store`]: one journal file with its lock, backups and key, and the
//! locked read-merge-write every writer goes through. Layer 6, the top of
//! storage: it uses every layer below and none of them uses it.
//!
//! `impl Store` is spread over one file per concern: [`load`] (reading),
//! [`save`] (the locked write), [`backups`] (listing and restoring),
//! [`encryption`] (unlocking, encrypting, decrypting) and [`absorb`] (the
//! sync services' conflict copies); this file holds the store itself.

mod absorb;
mod backups;
mod encryption;
mod load;
mod save;

pub use absorb::{AbsorbedCopy, CopyReport, LeftCopy, SetAsideCopy};
pub use encryption::Encrypted;

use std::path::{Path, PathBuf};

use super::cache::Cache;
use super::crypto::{self, Key};
use super::editor::Editor;
use super::error::StorageError;
use super::files::FileStamp;
use super::format::fields::UnknownField;
use super::lock::{JournalLock, LockWait};
use super::merge::{Contents, Merged};
use super::notices::Notices;

/// A journal as read from disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// What the file holds (migrated to the current version).
    pub contents: Contents,
    /// The file's stamp when it was read.
    pub stamp: Option<FileStamp>,
    /// The format version the file was in.
    pub version: u32,
    /// A field in the file this Keel does not know (writers refuse it).
    pub unknown_field: Option<UnknownField>,
}

impl Loaded {
    /// What a window keeps as its base for the next merge.
    #[must_use]
    pub fn snapshot(&self) -> Snapshot {
        Snapshot { contents: self.contents.clone(), stamp: self.stamp }
    }
}

/// The last state of the file a writer knows: the common base of the next
/// three-way merge, and the stamp telling whether the file changed since.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// What the file held.
    pub contents: Contents,
    /// Its stamp then (`None`: there was no file).
    pub stamp: Option<FileStamp>,
}

/// The outcome of [`Store::save_merged`].
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// What is now on disk, the base of the next save.
    pub snapshot: Snapshot,
    /// When the file had changed on disk since the base: the merge made.
    pub merged: Option<Merged>,
    /// The conflict copies a sync service had left, merged first.
    pub copies: CopyReport,
}

/// One journal file with its lock, backups and (when encrypted) key.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    path: PathBuf,
    key: Option<Key>,
    /// Other keys of this journal the passphrase unlocked (kept ones, a
    /// sync service's copy of the key file): they open copies and backups
    /// encrypted before the key changed, or on another computer.
    other_keys: Vec<Key>,
    /// The sealed key files (key file, copies, kept) the passphrase opened
    /// to `key`: a passphrase change retires them, so the old passphrase
    /// stops opening the journal here.
    key_sealed_as: Vec<Vec<u8>>,
    cache: Option<Cache>,
    editor: Editor,
    /// What unlocking, resuming or saving did that the user should hear
    /// about, for the edge to report once ([`Store::take_notices`]). Shared
    /// by clones (see [`Notices`]): writers take `&self`, and the window
    /// saves through a clone on its save thread.
    notices: Notices,
    /// How writers wait for another Keel's lock.
    lock_wait: LockWait,
}

impl Store {
    /// The journal at `path`, with no key yet, read through the user's
    /// parse cache ([`Cache::default_for_user`]). A symbolic link is
    /// resolved here, once ([`super::files::real_path`]): the store reads, locks,
    /// backs up and writes the file it points to.
    #[must_use]
    #[expect(clippy::needless_pass_by_value, reason = "an owned path, as every caller has one; kept for the API")]
    pub fn new(path: PathBuf) -> Self {
        Self {
            path: super::files::real_path(&path),
            key: None,
            other_keys: Vec::new(),
            key_sealed_as: Vec::new(),
            cache: Cache::default_for_user(),
            editor: Editor::this_device(),
            notices: Notices::default(),
            lock_wait: LockWait::default(),
        }
    }

    /// The same journal changed by `editor` (another computer, in tests).
    #[must_use]
    pub fn with_editor(mut self, editor: Editor) -> Self {
        self.editor = editor;
        self
    }

    /// Who stamps the changes this store saves.
    #[must_use]
    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    /// The same journal, its writers waiting for another Keel's lock as
    /// `wait` says (by default [`super::lock::LOCK_WAIT_MS`], without a
    /// word).
    #[must_use]
    pub fn with_lock_wait(mut self, wait: LockWait) -> Self {
        self.lock_wait = wait;
        self
    }

    /// How this store's writers wait for the lock.
    #[must_use]
    pub fn lock_wait(&self) -> &LockWait {
        &self.lock_wait
    }

    /// Takes the journal's lock, waiting as [`Store::with_lock_wait`] says.
    pub(super) fn lock(&self) -> Result<JournalLock, StorageError> {
        JournalLock::acquire_waiting(&self.path, &self.lock_wait)
    }

    /// The same journal with another parse cache (`None`: parse every time).
    #[must_use]
    pub fn with_cache(mut self, cache: Option<Cache>) -> Self {
        self.cache = cache;
        self
    }

    /// The same journal with `key` to encrypt and decrypt it.
    #[must_use]
    pub fn with_key(mut self, key: Option<Key>) -> Self {
        self.key = key;
        self
    }

    /// The journal file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The unlocked key, if any.
    #[must_use]
    pub fn key(&self) -> Option<&Key> {
        self.key.as_ref()
    }

    /// Whether the journal is encrypted: it has a key file.
    #[must_use]
    pub fn is_encrypted(&self) -> bool {
        crypto::key_path(&self.path).exists()
    }

    /// The same journal, its notices collected in `notices` (shared with
    /// whoever else holds it): the command line gathers every store of one
    /// command in one list, to report after the command.
    #[must_use]
    pub fn with_notices(mut self, notices: Notices) -> Self {
        self.notices = notices;
        self
    }

    /// What unlocking, resuming or saving did that the user should be told,
    /// once: taken out (from every clone of this store), so the edge
    /// (stderr, the window's banner) reports it.
    pub fn take_notices(&self) -> Vec<String> {
        self.notices.take()
    }
}
