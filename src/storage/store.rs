//! [`Store`]: one journal file with its lock, backups and key, and the
//! locked read-merge-write every writer goes through.

use std::fs::{self, File};
use std::io::{self, Read as _, Seek as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use age::secrecy::SecretString;

use super::absorb::CopyReport;
use super::backup::{self, Backup};
use super::cache::{Cache, MIN_CACHED_BYTES, SourceKey};
use super::crypto::{self, Key};
use super::editor::Editor;
use super::fields::UnknownField;
use super::lock::{JournalLock, LockWait};
use super::merge::{self, Contents, Merged};
use super::notices::Notices;
use super::{CURRENT_VERSION, StorageError, contents_to_text, now, parse_bytes, write_bytes_atomically};
use crate::model::Journal;

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

/// What an encryption did ([`Store::encrypt_reporting`],
/// [`Store::finish_encryption`]), to tell the user exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Encrypted {
    /// Whether the journal file was encrypted (false: there was none, or it
    /// already was).
    pub journal: bool,
    /// How many of its backups (and unreadable files kept aside) were.
    pub backups: usize,
    /// Backups named after an earlier name of the journal, encrypted too.
    pub backups_of_earlier_names: Vec<PathBuf>,
    /// Earlier places of this journal (moved or renamed) whose clear-text
    /// parse caches were removed. Caches of other journals that are gone
    /// are removed too, without a word: they are not this journal's.
    pub caches_of_gone_journals: Vec<PathBuf>,
    /// Whether this finished an encryption an earlier run left half done.
    pub resumed: bool,
}

impl Encrypted {
    /// Exactly what the encryption of `journal` did, in a sentence or two.
    #[must_use]
    pub fn describe(&self, journal: &Path) -> String {
        use crate::model::words::count;
        let mut parts = Vec::new();
        if self.journal {
            parts.push(format!("the journal {}", journal.display()));
        }
        if self.backups > 0 {
            parts.push(count(self.backups, "backup", "backups"));
        }
        if !self.backups_of_earlier_names.is_empty() {
            parts.push(format!(
                "{} named after an earlier name of the journal, in {}",
                count(self.backups_of_earlier_names.len(), "backup", "backups"),
                backup::folder(journal).display()
            ));
        }
        let mut text = if parts.is_empty() {
            format!("Nothing of {} was left in the clear to encrypt", journal.display())
        } else {
            format!("Encrypted {}", join_words(&parts))
        };
        if !self.caches_of_gone_journals.is_empty() {
            let gone: Vec<String> =
                self.caches_of_gone_journals.iter().map(|path| path.display().to_string()).collect();
            let noun = crate::model::words::noun(gone.len(), "cache", "caches");
            text = format!(
                "{text}; removed the clear-text parse {noun} of {} (no longer there: moved, renamed or deleted)",
                join_words(&gone)
            );
        }
        text.push('.');
        if self.resumed {
            format!(
                "{} was only partly encrypted (an earlier encryption stopped before the end). {text}",
                journal.display()
            )
        } else {
            format!("{text} Keep the passphrase safe: without it the journal cannot be read.")
        }
    }
}

/// A few of the journal's decision ids, enough to tell its own files (an
/// earlier name's backups and caches) from another journal's.
fn sample_ids(journal: &crate::model::Journal) -> Vec<&str> {
    journal.decisions().iter().take(16).map(|decision| decision.id.0.as_str()).collect()
}

/// "a", "a and b", "a, b and c".
fn join_words(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
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
    /// resolved here, once ([`super::real_path`]): the store reads, locks,
    /// backs up and writes the file it points to.
    #[must_use]
    #[expect(clippy::needless_pass_by_value, reason = "an owned path, as every caller has one; kept for the API")]
    pub fn new(path: PathBuf) -> Self {
        Self {
            path: super::real_path(&path),
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

    /// Whether a passphrase is needed: the journal is encrypted (it has a
    /// key file) and its key is not unlocked yet; or its key file is gone
    /// (decrypted on another computer, or lost to a sync service) while the
    /// journal or a copy of it is still encrypted and a key that may open it
    /// is kept ([`super::keys`]).
    #[must_use]
    pub fn needs_key(&self) -> bool {
        if self.key.is_some() {
            return false;
        }
        if self.is_encrypted() || super::keys::decrypt_marker(&self.path).exists() {
            return true;
        }
        let sealed_somewhere = peek_is_encrypted(&self.path)
            || super::sync_copies::scan(&self.path).copies.iter().any(|copy| peek_is_encrypted(&copy.path));
        sealed_somewhere && !super::keys::candidates(&self.path).is_empty()
    }

    /// Unlocks the journal's key with `passphrase`: the key file's, or, when
    /// the key file is gone or holds another computer's key, the kept key or
    /// key copy that opens the journal. That key then becomes the key file
    /// again (the one replaced is kept), and the user is told which
    /// passphrase is now the journal's ([`Store::take_notices`]). Every key
    /// the passphrase unlocks is kept, and opens copies and backups too.
    ///
    /// # Errors
    /// [`StorageError::WrongPassphrase`] when the passphrase opens no key
    /// that opens the journal; [`StorageError::KeyMissing`] when no key is
    /// there at all; read and write errors.
    pub fn unlock(&mut self, passphrase: &SecretString) -> Result<(), StorageError> {
        let key_file = crypto::key_path(&self.path);
        let candidates = super::keys::candidates(&self.path);
        if candidates.is_empty() {
            return Err(if peek_is_encrypted(&self.path) {
                StorageError::KeyMissing { path: self.path.clone(), key: key_file }
            } else {
                StorageError::NotFound { path: key_file }
            });
        }
        let mut unlocked: Vec<(super::keys::Candidate, Key)> = Vec::new();
        let mut sealed_as: Vec<(Key, Vec<u8>)> = Vec::new();
        let mut refusal = None;
        for candidate in candidates {
            match Key::unlock_sealed(&candidate.sealed, &candidate.path, passphrase) {
                Ok(key) if unlocked.iter().all(|(_, known)| *known != key) => {
                    sealed_as.push((key.clone(), candidate.sealed.clone()));
                    unlocked.push((candidate, key));
                }
                Ok(key) => sealed_as.push((key, candidate.sealed.clone())),
                // The key file's refusal is the one to report.
                Err(error) if candidate.is_key_file || refusal.is_none() => refusal = Some(error),
                Err(_) => {}
            }
        }
        if unlocked.is_empty() {
            return Err(refusal.unwrap_or(StorageError::WrongPassphrase { path: key_file }));
        }
        let folder = super::folder_of(&self.path);
        for (candidate, _) in &unlocked {
            super::keys::keep(&self.path, &candidate.sealed)?;
            // A sync service's copy of the key file, now kept byte for byte:
            // no longer left beside the journal to puzzle over.
            if !candidate.is_key_file && candidate.path.parent() == Some(folder.as_path()) {
                fs::remove_file(&candidate.path)
                    .map_err(|source| StorageError::Write { path: candidate.path.clone(), source })?;
            }
        }
        // Only the age header decides which key opens the journal: its
        // first bytes, not the whole file.
        let journal_sealed = if peek_is_encrypted(&self.path) {
            let mut header = Vec::new();
            File::open(&self.path)
                .and_then(|file| file.take(AGE_HEADER_BYTES).read_to_end(&mut header))
                .map_err(|source| StorageError::Read { path: self.path.clone(), source })?;
            Some(header)
        } else {
            None
        };
        let primary = match &journal_sealed {
            Some(sealed) => unlocked.iter().position(|(_, key)| key.opens(sealed)).ok_or_else(|| {
                StorageError::Crypto {
                    path: self.path.clone(),
                    message: "this passphrase opens a key this journal had, but not the one the journal is                               encrypted with now (made on another computer?): give that computer's passphrase"
                        .to_owned(),
                }
            })?,
            None => unlocked.iter().position(|(candidate, _)| candidate.is_key_file).unwrap_or(0),
        };
        let (candidate, key) = unlocked.remove(primary);
        if !candidate.is_key_file && journal_sealed.is_some() {
            // The journal is encrypted with this key: make it the key file
            // again, so every later save and every computer uses it.
            let _lock = self.lock()?;
            let replaced = key_file.exists();
            // The key file replaced (another computer's) is kept first: its
            // passphrase may be the only way into that computer's copies.
            super::keys::keep_current(&self.path)?;
            write_bytes_atomically(&key_file, &candidate.sealed)?;
            self.notices.push(if replaced {
                format!(
                    "{} held another computer's key, which does not open this journal; it now holds the key your                      passphrase opens, which does, so this passphrase is the journal's from now on (the other key                      is kept in {})",
                    key_file.display(),
                    super::keys::folder(&self.path).display()
                )
            } else {
                format!(
                    "{} was encrypted (on another computer, or before a decrypt) but its key file was gone; Keel                      put back its key from {}: the journal stays encrypted with this passphrase (run `keel decrypt`                      to make it plain)",
                    self.path.display(),
                    super::keys::folder(&self.path).display()
                )
            });
        }
        self.key_sealed_as =
            sealed_as.into_iter().filter(|(other, _)| *other == key).map(|(_, sealed)| sealed).collect();
        self.key = Some(key);
        self.other_keys = unlocked.into_iter().map(|(_, key)| key).collect();
        Ok(())
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

    /// The key saves encrypt to: the unlocked key, none for a plain journal;
    /// refuses when the journal is encrypted but locked (nothing readable may
    /// be written then).
    pub(super) fn seal(&self) -> Result<Option<&Key>, StorageError> {
        match &self.key {
            // The key file is gone while this Keel holds the key: decrypted
            // elsewhere (the journal is there and plain again), so stay plain
            // like it; otherwise (still encrypted, or the journal gone too)
            // write nothing: neither a journal only this session's key could
            // open, nor one in the clear.
            Some(_) if !self.is_encrypted() => {
                if !self.path.exists() || peek_is_encrypted(&self.path) {
                    Err(StorageError::Crypto {
                        path: crypto::key_path(&self.path),
                        message: "the key file is missing: nothing is saved, since no later session could open \
                                  the journal; open the journal again with its passphrase and Keel puts back the \
                                  key it keeps"
                            .to_owned(),
                    })
                } else {
                    Ok(None)
                }
            }
            // A decrypt stopped half way is finished first
            // ([`Store::resume_interrupted`]), never undone by encrypting.
            Some(_) if super::keys::decrypt_marker(&self.path).exists() => Err(StorageError::Crypto {
                path: self.path.clone(),
                message: "a decrypt of this journal was interrupted; open it with its passphrase (or run \
                          `keel decrypt`) to finish it before anything is saved"
                    .to_owned(),
            }),
            Some(key) => Ok(Some(key)),
            None if self.is_encrypted() => Err(StorageError::Locked { path: self.path.clone() }),
            None => Ok(None),
        }
    }

    /// Finishes what an earlier run left half done: a decrypt that was
    /// stopped (its marker is still there) is completed with the unlocked
    /// key, and the user is told ([`Store::take_notices`]).
    ///
    /// # Errors
    /// [`StorageError::Locked`] when the key is needed and not unlocked;
    /// the errors of [`Store::decrypt`].
    pub fn resume_interrupted(&mut self) -> Result<(), StorageError> {
        let marker = super::keys::decrypt_marker(&self.path);
        if !marker.exists() {
            return Ok(());
        }
        if self.is_encrypted() {
            self.decrypt()?;
        } else {
            // Stopped after the key file was removed: everything is plain.
            fs::remove_file(&marker).map_err(|source| StorageError::Write { path: marker.clone(), source })?;
        }
        self.notices.push(format!(
            "A decrypt of {} was stopped before it finished; Keel finished it: the journal and its backups are \
             plain text again (its key is kept in {})",
            self.path.display(),
            super::keys::folder(&self.path).display()
        ));
        Ok(())
    }

    /// The plain text of file bytes, decrypting them when they are an age file.
    pub(super) fn plain(&self, bytes: Vec<u8>, path: &Path) -> Result<Vec<u8>, StorageError> {
        if !crypto::is_encrypted(&bytes) {
            return Ok(bytes);
        }
        match &self.key {
            Some(key) => match self.other_keys.iter().find(|other| !key.opens(&bytes) && other.opens(&bytes)) {
                Some(other) => other.decrypt(&bytes, path),
                None => key.decrypt(&bytes, path),
            },
            // No passphrase can help without the key file: say where it
            // belongs rather than ask for one.
            None if !self.is_encrypted() => {
                Err(StorageError::KeyMissing { path: self.path.clone(), key: crypto::key_path(&self.path) })
            }
            None => Err(StorageError::Locked { path: self.path.clone() }),
        }
    }

    /// Reads the journal, without locking or writing anything.
    ///
    /// # Errors
    /// [`StorageError::NotFound`], [`StorageError::Read`],
    /// [`StorageError::Parse`], [`StorageError::FutureVersion`],
    /// [`StorageError::Locked`] (encrypted, no key) or
    /// [`StorageError::Crypto`].
    pub fn read(&self) -> Result<Loaded, StorageError> {
        let path = &self.path;
        let read_error = |source: io::Error| {
            if source.kind() == io::ErrorKind::NotFound {
                StorageError::NotFound { path: path.clone() }
            } else {
                StorageError::Read { path: path.clone(), source }
            }
        };
        // Before opening: opening a named pipe waits for a writer forever,
        // and a device may never end.
        if super::check_regular(path)?.is_none() {
            return Err(StorageError::NotFound { path: path.clone() });
        }
        // Stamp and bytes from one open file, so they always match even if
        // the file is replaced meanwhile.
        let mut file = File::open(path).map_err(read_error)?;
        let metadata = file.metadata().map_err(read_error)?;
        if metadata.len() > super::MAX_JOURNAL_BYTES {
            return Err(StorageError::TooLarge { path: path.clone(), bytes: metadata.len() });
        }
        let stamp = FileStamp::of(&metadata);
        // The cache is keyed on the bytes as stored (an encrypted journal is
        // never cached), hashed piece by piece: on a hit the whole file is
        // never held in memory next to the cache.
        let mut cache_key = None;
        if let Some(cache) = &self.cache
            && usize::try_from(metadata.len()).is_ok_and(|len| len >= MIN_CACHED_BYTES)
        {
            cache_key = SourceKey::of_reader(io::BufReader::new(&file)).map_err(read_error)?;
            if let Some(contents) = cache_key.and_then(|key| cache.load(path, key)) {
                forget_unknown_field(path);
                return Ok(Loaded { contents, stamp: Some(stamp), version: CURRENT_VERSION, unknown_field: None });
            }
            file.seek(io::SeekFrom::Start(0)).map_err(read_error)?;
        }
        let mut bytes = Vec::new();
        // Capped too, in case the file grows while it is read.
        (&mut file).take(super::MAX_JOURNAL_BYTES + 1).read_to_end(&mut bytes).map_err(read_error)?;
        let read_bytes = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if read_bytes > super::MAX_JOURNAL_BYTES {
            return Err(StorageError::TooLarge { path: path.clone(), bytes: read_bytes });
        }
        if crypto::is_encrypted(&bytes) {
            // Encrypted elsewhere (another device, another Keel): a cache
            // this one made while it was plain must not outlive that. Best
            // effort: the next save of this Keel removes it or fails.
            self.forget_cache().ok();
        }
        if cache_key.is_some_and(|key| SourceKey::of(&bytes) != Some(key)) {
            // Rewritten in place while being read: cache nothing this time.
            cache_key = None;
        }
        let parsed = parse_bytes(&self.plain(bytes, path)?, path)?;
        match &parsed.unknown_field {
            Some(field) => remember_unknown_field(path, stamp, field.clone()),
            None => forget_unknown_field(path),
        }
        if parsed.version == CURRENT_VERSION
            && parsed.unknown_field.is_none()
            && let (Some(cache), Some(key)) = (&self.cache, cache_key)
        {
            // Best effort: a cache that cannot be written only costs speed.
            // (Never for a file with a field the cache would not hold.)
            cache.store(path, key, &parsed.contents).ok();
        }
        Ok(Loaded {
            contents: parsed.contents,
            stamp: Some(stamp),
            version: parsed.version,
            unknown_field: parsed.unknown_field,
        })
    }

    /// Reads the journal only if its stamp differs from `known`.
    ///
    /// # Errors
    /// As [`Store::read`], except that a missing file is `Ok(None)`.
    pub fn read_if_changed(&self, known: Option<FileStamp>) -> Result<Option<Loaded>, StorageError> {
        let current = FileStamp::current(&self.path);
        if current.is_none() || current == known {
            return Ok(None);
        }
        match self.read() {
            Ok(loaded) if loaded.stamp == known => Ok(None),
            Ok(loaded) => Ok(Some(loaded)),
            Err(StorageError::NotFound { .. }) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Reads the journal for a writer: as [`Store::read`], and when the file
    /// is in an older format, first keeps the original in the backups (the
    /// next save then writes the current version).
    ///
    /// # Errors
    /// As [`Store::read`], or [`StorageError::Write`] when the original
    /// cannot be kept.
    pub fn open(&self) -> Result<Loaded, StorageError> {
        let loaded = self.read()?;
        if loaded.version < CURRENT_VERSION {
            let _lock = self.lock()?;
            self.keep_original(&loaded)?;
        }
        Ok(loaded)
    }

    /// Keeps the original of an older-version file as a backup that rotation
    /// never removes, unless an identical one is already kept.
    pub(super) fn keep_original(&self, loaded: &Loaded) -> Result<(), StorageError> {
        let current = fs::read(&self.path).map_err(|source| StorageError::Read { path: self.path.clone(), source })?;
        for kept in backup::list(&self.path)? {
            if kept.migrated_from == Some(loaded.version) && fs::read(&kept.path).is_ok_and(|bytes| bytes == current) {
                return Ok(());
            }
        }
        backup::keep(&self.path, loaded.contents.journal.len(), Some(loaded.version), now(), None).map(drop)
    }

    /// Loads, changes and saves the journal under its lock: the way a
    /// command-line writer changes it. A missing file starts empty.
    ///
    /// # Errors
    /// What `change` returns (nothing is written then), or the storage errors
    /// of reading and saving.
    pub fn update<T, E: From<StorageError>>(&self, change: impl FnOnce(&mut Journal) -> Result<T, E>) -> Result<T, E> {
        let _lock = self.lock()?;
        let seal = self.seal()?;
        let loaded = match self.read() {
            Ok(loaded) => {
                if loaded.version < CURRENT_VERSION {
                    self.keep_original(&loaded)?;
                }
                Some(loaded)
            }
            Err(StorageError::NotFound { .. }) => None,
            Err(error) => return Err(error.into()),
        };
        let base = loaded.as_ref().map(|loaded| loaded.contents.clone()).unwrap_or_default();
        let mut journal = base.journal.clone();
        let value = change(&mut journal)?;
        let contents = Contents::descendant(&base, journal, &self.editor);
        self.write_locked(&contents, loaded.as_ref().map(|l| l.contents.journal.len()), seal)?;
        Ok(value)
    }

    /// Saves `mine`, which descends from `base`, under the lock: if the file
    /// changed since `base`, it is read again and merged with `mine` first.
    ///
    /// # Errors
    /// The storage errors of reading and writing; when the file on disk
    /// cannot be read, nothing is written.
    pub fn save_merged(&self, mine: &Journal, base: &Snapshot) -> Result<Saved, StorageError> {
        // Copies first: absorbing one rewrites the file, which the merge
        // below then takes in like any change made outside.
        let copies = self.absorb_copies()?;
        let _lock = self.lock()?;
        let seal = self.seal()?;
        let current = FileStamp::current(&self.path);
        let mine = Contents::descendant(&base.contents, mine.clone(), &self.editor);
        let (contents, previous, merged) = if current == base.stamp || current.is_none() {
            // Unchanged since the base, or gone (a sync client mid-replace):
            // nothing to merge.
            let previous = current.map(|_| base.contents.journal.len());
            (mine, previous, None)
        } else {
            let theirs = match self.read() {
                Ok(theirs) => theirs,
                Err(StorageError::NotFound { .. }) => {
                    return self.save_merged_unchanged(&mine, seal, copies);
                }
                Err(error) => return Err(error),
            };
            // Later edits here come after every edit in what was just read.
            self.editor.observe(&theirs.contents);
            let mut merged = merge::merge(&base.contents, &mine, &theirs.contents);
            // Merged files are written in a fixed order: two computers that
            // merged the same decisions write the same bytes, so a sync
            // service sees nothing new and makes no further conflict copy.
            merged.contents.sort_canonically();
            (merged.contents.clone(), Some(theirs.contents.journal.len()), Some(merged))
        };
        let stamp = self.write_locked(&contents, previous, seal)?;
        Ok(Saved { snapshot: Snapshot { contents, stamp: Some(stamp) }, merged, copies })
    }

    fn save_merged_unchanged(
        &self,
        mine: &Contents,
        seal: Option<&Key>,
        copies: CopyReport,
    ) -> Result<Saved, StorageError> {
        let stamp = self.write_locked(mine, None, seal)?;
        Ok(Saved { snapshot: Snapshot { contents: mine.clone(), stamp: Some(stamp) }, merged: None, copies })
    }

    /// Writes `contents` (the lock being held), first keeping the file it
    /// replaces (holding `previous` decisions) as a backup, then rotating the
    /// backups. Encrypts to `seal` when given.
    pub(super) fn write_locked(
        &self,
        contents: &Contents,
        previous: Option<usize>,
        seal: Option<&Key>,
    ) -> Result<super::FileStamp, StorageError> {
        self.check_writable()?;
        self.check_no_unknown_field()?;
        let text = contents_to_text(&contents.journal, &contents.deleted);
        if text.is_empty() {
            return Err(StorageError::Write {
                path: self.path.clone(),
                source: io::Error::other("the journal could not be encoded"),
            });
        }
        if seal.is_some() {
            // Before anything is written: no clear-text copy may outlive
            // the encryption, and a failure here leaves the journal as it was.
            self.forget_cache()?;
        }
        let cache_key = if seal.is_none() { SourceKey::of(text.as_bytes()) } else { None };
        let bytes = match seal {
            Some(key) => key.encrypt(text.as_bytes(), &self.path)?,
            None => text.into_bytes(),
        };
        self.notices.extend(super::remove_stale_temp_files(&self.path));
        let taken = now();
        let mut kept = None;
        if let Some(previous) = previous.filter(|_| self.path.exists()) {
            let previous_is_sealed = peek_is_encrypted(&self.path);
            let encrypt = |plain: &[u8]| seal.map_or_else(|| Ok(plain.to_vec()), |key| key.encrypt(plain, &self.path));
            let decrypt = |sealed: &[u8]| self.plain(sealed.to_vec(), &self.path);
            let transform: Option<&backup::Transform<'_>> = match (seal.is_some(), previous_is_sealed) {
                (true, false) => Some(&encrypt),
                (false, true) => Some(&decrypt),
                _ => None,
            };
            kept = backup::keep(&self.path, previous, None, taken, transform)?;
        }
        let stamp = match write_bytes_atomically(&self.path, &bytes) {
            Ok(stamp) => stamp,
            Err(error) => {
                // The journal is as it was: a backup of it would only be a
                // copy of the live file, pushing older versions out.
                if let Some(notice) = kept.and_then(|kept| backup::discard(&kept)) {
                    self.notices.push(notice);
                }
                return Err(error);
            }
        };
        backup::rotate(&self.path, taken)?;
        if let Some(key) = seal {
            // An encryption interrupted earlier left plain backups: every
            // encrypted save finishes it (only each file's start is read
            // to find them). Best effort: the journal is saved already, and
            // the next save tries again.
            let ids = sample_ids(&contents.journal);
            for path in backup::plain_files(&self.path, Some(&ids)) {
                let sealed = fs::read(&path)
                    .map_err(|source| StorageError::Read { path: path.clone(), source })
                    .and_then(|plain| key.encrypt(&plain, &path))
                    .and_then(|sealed| write_bytes_atomically(&path, &sealed));
                if let Err(error) = sealed {
                    self.notices.push(format!(
                        "the backup {} is still plain text and is encrypted at the next save: {error}",
                        path.display()
                    ));
                }
            }
        }
        if let (Some(cache), Some(key)) = (&self.cache, cache_key) {
            // Best effort: a cache that cannot be written only costs speed.
            // (No key: sealed, or too small to cache; an older cache then
            // never matches.)
            cache.store(&self.path, key, contents).ok();
        }
        Ok(stamp)
    }

    /// Refuses a read-only journal: replacing it would succeed (the folder
    /// is writable) and quietly undo the user's choice, mode and all.
    fn check_writable(&self) -> Result<(), StorageError> {
        if fs::metadata(&self.path).is_ok_and(|metadata| metadata.permissions().readonly()) {
            return Err(StorageError::ReadOnly { path: self.path.clone() });
        }
        Ok(())
    }

    /// Refuses to replace a file holding a field this Keel does not know
    /// (as last read, and unchanged since): the save would drop it.
    fn check_no_unknown_field(&self) -> Result<(), StorageError> {
        let known = UNKNOWN_FIELDS.lock().ok().and_then(|files| files.as_ref()?.get(&self.path).cloned());
        match known {
            Some((stamp, field)) if FileStamp::current(&self.path) == Some(stamp) => Err(StorageError::UnknownField {
                path: self.path.clone(),
                line: field.line,
                column: field.column,
                field: field.name,
            }),
            _ => Ok(()),
        }
    }

    /// Removes the journal's clear-text parse cache, if any.
    fn forget_cache(&self) -> Result<(), StorageError> {
        let Some(cache) = &self.cache else { return Ok(()) };
        cache.forget(&self.path).map_err(|source| StorageError::Write { path: cache.file_for(&self.path), source })
    }

    /// The journal's backups, newest first.
    ///
    /// # Errors
    /// When the backups folder cannot be listed.
    pub fn backups(&self) -> Result<Vec<Backup>, StorageError> {
        backup::list(&self.path)
    }

    /// What a backup holds.
    ///
    /// # Errors
    /// As [`Store::read`], for the backup file.
    pub fn read_backup(&self, backup: &Backup) -> Result<Contents, StorageError> {
        let bytes =
            fs::read(&backup.path).map_err(|source| StorageError::Read { path: backup.path.clone(), source })?;
        Ok(parse_bytes(&self.plain(bytes, &backup.path)?, &backup.path)?.contents)
    }

    /// The newest backup that can be read, with what it holds.
    #[must_use]
    pub fn newest_good_backup(&self) -> Option<(Backup, Contents)> {
        self.backups()
            .ok()?
            .into_iter()
            .find_map(|backup| self.read_backup(&backup).ok().map(|contents| (backup, contents)))
    }

    /// Replaces the journal's decisions with those of `backup`, under the
    /// lock; the state replaced is itself kept as a backup. Returns how many
    /// decisions the journal now holds.
    ///
    /// # Errors
    /// As [`Store::read_backup`] and [`Store::update`].
    pub fn restore(&self, backup: &Backup) -> Result<usize, StorageError> {
        let restored = self.read_backup(backup)?.journal;
        self.update(|journal| {
            // Decisions only, as the window restores: talking points and
            // brief marks written since are kept.
            journal.set_decisions(restored.decisions().to_vec());
            Ok::<usize, StorageError>(journal.len())
        })
    }

    /// Restores `backup` over a journal that cannot be read: the unreadable
    /// file is first kept aside in the backups folder (never deleted).
    ///
    /// # Errors
    /// As [`Store::read_backup`], and write errors.
    pub fn recover_from(&self, backup: &Backup) -> Result<Loaded, StorageError> {
        let restored = self.read_backup(backup)?;
        let _lock = self.lock()?;
        let seal = self.seal()?;
        if self.path.exists() {
            backup::keep_unreadable(&self.path, now())?;
        }
        let stamp = self.write_locked(&restored, None, seal)?;
        Ok(Loaded { contents: restored, stamp: Some(stamp), version: CURRENT_VERSION, unknown_field: None })
    }

    /// Encrypts the journal with a new key protected by `passphrase`: writes
    /// the key file, then the backups and the journal as age files.
    ///
    /// # Errors
    /// When the journal is already encrypted or cannot be read or written.
    pub fn encrypt(&mut self, passphrase: &SecretString) -> Result<(), StorageError> {
        self.encrypt_reporting(passphrase).map(drop)
    }

    /// As [`Store::encrypt`], saying what was encrypted and removed.
    ///
    /// # Errors
    /// As [`Store::encrypt`].
    pub fn encrypt_reporting(&mut self, passphrase: &SecretString) -> Result<Encrypted, StorageError> {
        let _lock = self.lock()?;
        if self.is_encrypted() {
            return Err(StorageError::Crypto {
                path: self.path.clone(),
                message: "the journal is already encrypted; use --change-passphrase to change its passphrase"
                    .to_owned(),
            });
        }
        self.check_writable()?;
        let key = Key::create(&self.path, passphrase)?;
        super::keys::keep_current(&self.path)?;
        self.key = Some(key.clone());
        self.encrypt_the_rest(&key)
    }

    /// What an interrupted encryption left in the clear (the key file
    /// exists): the journal if it is still plain, and plain backups. Empty
    /// for a journal that is not encrypted, or fully encrypted.
    #[must_use]
    pub fn left_plain(&self) -> Vec<PathBuf> {
        if !self.is_encrypted() {
            return Vec::new();
        }
        let journal = Some(self.path.clone()).filter(|path| path.is_file() && !peek_is_encrypted(path));
        journal.into_iter().chain(backup::plain_files(&self.path, None)).collect()
    }

    /// Finishes an encryption that was interrupted (the key file written,
    /// some files still plain): encrypts what is left. The key must be
    /// unlocked.
    ///
    /// # Errors
    /// [`StorageError::Locked`] without the key; read and write errors.
    pub fn finish_encryption(&mut self) -> Result<Encrypted, StorageError> {
        let _lock = self.lock()?;
        let Some(key) = self.key.clone().filter(|_| self.is_encrypted()) else {
            return Err(StorageError::Locked { path: self.path.clone() });
        };
        self.check_writable()?;
        let mut done = self.encrypt_the_rest(&key)?;
        done.resumed = true;
        Ok(done)
    }

    /// Encrypts everything of the journal still plain, the lock held and the
    /// key file written: clear-text caches first (removed), then backups,
    /// then the journal itself.
    fn encrypt_the_rest(&self, key: &Key) -> Result<Encrypted, StorageError> {
        let mut done = Encrypted::default();
        // Read with no cache, so none is made of it now.
        let loaded = match self.clone().with_cache(None).read() {
            Ok(loaded) => Some(loaded),
            Err(StorageError::NotFound { .. }) => None,
            Err(error) => return Err(error),
        };
        if let Some(cache) = &self.cache {
            // A few of its ids tell this journal's own earlier caches from
            // those of other journals that are gone (removed too, unsaid).
            let ids = loaded.as_ref().map(|loaded| sample_ids(&loaded.contents.journal)).unwrap_or_default();
            done.caches_of_gone_journals = cache
                .forget_with_gone(&self.path, &ids)
                .map_err(|source| StorageError::Write { path: cache.file_for(&self.path), source })?;
        }
        let ids = loaded.as_ref().map(|loaded| sample_ids(&loaded.contents.journal)).unwrap_or_default();
        let rewritten = backup::rewrite_all(&self.path, &ids, &|bytes, path| {
            if crypto::is_encrypted(bytes) { Ok(None) } else { key.encrypt(bytes, path).map(Some) }
        })?;
        done.backups = rewritten.own;
        done.backups_of_earlier_names = rewritten.orphans;
        if let Some(loaded) = loaded.filter(|_| !peek_is_encrypted(&self.path)) {
            self.write_locked(&loaded.contents, Some(loaded.contents.journal.len()), Some(key))?;
            done.journal = true;
        }
        Ok(done)
    }

    /// Decrypts the journal and its backups (the key must be unlocked) and
    /// removes the key file.
    ///
    /// # Errors
    /// [`StorageError::Locked`] without the key; read and write errors.
    pub fn decrypt(&mut self) -> Result<(), StorageError> {
        let _lock = self.lock()?;
        if self.key.is_none() {
            return Err(StorageError::Locked { path: self.path.clone() });
        }
        // The key is kept before anything changes (another computer may
        // still write encrypted copies it alone opens), and a marker says a
        // decrypt is under way until it is done, so one that is stopped is
        // finished by the next run rather than undone.
        super::keys::keep_current(&self.path)?;
        let marker = super::keys::decrypt_marker(&self.path);
        let folder = super::keys::folder(&self.path);
        backup::create_private_folder(&folder).map_err(|source| StorageError::Write { path: folder, source })?;
        write_bytes_atomically(&marker, b"keel decrypt under way\n")?;
        let loaded = match self.read() {
            Ok(loaded) => Some(loaded),
            Err(StorageError::NotFound { .. }) => None,
            Err(error) => return Err(error),
        };
        // Every age file named after an earlier name is tried: only this
        // journal's keys open it.
        backup::rewrite_all(&self.path, &[], &|bytes, path| {
            if crypto::is_encrypted(bytes) { self.plain(bytes.to_vec(), path).map(Some) } else { Ok(None) }
        })?;
        if let Some(loaded) = loaded
            && peek_is_encrypted(&self.path)
        {
            self.write_locked(&loaded.contents, Some(loaded.contents.journal.len()), None)?;
        }
        let key_file = crypto::key_path(&self.path);
        match fs::remove_file(&key_file) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => {
                return Err(StorageError::Write { path: key_file, source: error });
            }
            _ => {}
        }
        self.key = None;
        self.other_keys.clear();
        fs::remove_file(&marker).map_err(|source| StorageError::Write { path: marker, source })?;
        Ok(())
    }

    /// Changes the passphrase of an encrypted journal (its key must be
    /// unlocked); only the key file is rewritten.
    ///
    /// # Errors
    /// [`StorageError::Locked`] without the key; write errors.
    pub fn change_passphrase(&self, new_passphrase: &SecretString) -> Result<(), StorageError> {
        let _lock = self.lock()?;
        match &self.key {
            Some(key) => {
                let old = fs::read(crypto::key_path(&self.path)).ok();
                key.change_passphrase(&self.path, new_passphrase)?;
                // The old passphrase stops opening the journal here: the
                // kept copies sealed with it are retired, the new one kept.
                super::keys::forget(&self.path, self.key_sealed_as.iter().chain(&old))?;
                super::keys::keep_current(&self.path)
            }
            None => Err(StorageError::Locked { path: self.path.clone() }),
        }
    }
}

/// The journals read last with a field this Keel does not know, with the
/// stamp of the file then. Kept per process rather than per [`Store`], so a
/// writer that read the file through another store (the window's loader)
/// still refuses to save over it.
static UNKNOWN_FIELDS: std::sync::Mutex<Option<std::collections::HashMap<PathBuf, (FileStamp, UnknownField)>>> =
    std::sync::Mutex::new(None);

fn remember_unknown_field(path: &Path, stamp: FileStamp, field: UnknownField) {
    if let Ok(mut files) = UNKNOWN_FIELDS.lock() {
        files.get_or_insert_default().insert(path.to_owned(), (stamp, field));
    }
}

fn forget_unknown_field(path: &Path) {
    if let Ok(mut files) = UNKNOWN_FIELDS.lock()
        && let Some(files) = files.as_mut()
    {
        files.remove(path);
    }
}

/// How much of an age file holds its header (the stanzas that say which
/// keys open it), far more than one passphrase or x25519 stanza takes.
const AGE_HEADER_BYTES: u64 = 64 * 1024;

/// Whether the file at `path` starts as an age file.
pub(crate) fn peek_is_encrypted(path: &Path) -> bool {
    // Only an ordinary file: opening a named pipe would wait forever.
    if !fs::metadata(path).is_ok_and(|metadata| metadata.is_file()) {
        return false;
    }
    let mut start = [0_u8; 32];
    File::open(path).and_then(|mut file| file.read(&mut start)).is_ok_and(|read| crypto::is_encrypted(&start[..read]))
}
