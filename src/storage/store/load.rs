//! A [`Store`] reading its journal: the checks before reading (an ordinary
//! file, not too large, downloaded), the parse through the cache, the
//! migration of an older version, and the fields this Keel does not know.
//! Layer 6 (store).

use std::fs::{self, File};
use std::io::{self, Read as _, Seek as _};
use std::path::{Path, PathBuf};

use super::{Loaded, Store};
use crate::model::Decision;
use crate::storage::backup;
use crate::storage::cache::{Cache, KeepDecision, MIN_CACHED_BYTES, SourceKey, Unchecked};
use crate::storage::crypto;
use crate::storage::error::StorageError;
use crate::storage::files::{FileStamp, now};
use crate::storage::format::fields::UnknownField;
use crate::storage::format::parse_bytes;
use crate::storage::limits::CURRENT_VERSION;

impl Store {
    /// Reads the journal, without locking or writing anything.
    ///
    /// # Errors
    /// [`StorageError::NotFound`], [`StorageError::Read`],
    /// [`StorageError::Parse`], [`StorageError::FutureVersion`],
    /// [`StorageError::Locked`] (encrypted, no key) or
    /// [`StorageError::Crypto`].
    pub fn read(&self) -> Result<Loaded, StorageError> {
        let path = &self.path;
        let (file, metadata) = self.open_journal()?;
        // The cache is keyed on the bytes as stored (an encrypted journal is
        // never cached), hashed piece by piece: on a hit the whole file is
        // never held in memory next to the cache.
        let mut cache_key = None;
        if let Some((cache, len)) = self.cache_for(&metadata) {
            let (key, cached) = key_and_cached(&file, || cache.load_unchecked(path, Some(len)));
            cache_key = key.map_err(|source| read_error(path, source))?;
            if let Some(contents) = cached {
                forget_unknown_field(path);
                let stamp = Some(FileStamp::of(&metadata));
                return Ok(Loaded { contents, stamp, version: CURRENT_VERSION, unknown_field: None });
            }
        }
        self.parse_opened(file, &metadata, cache_key)
    }

    /// Reads and parses the open journal from its start (and caches what
    /// it holds under `cache_key`, the key of its bytes when they were
    /// hashed already, when they still match it).
    fn parse_opened(
        &self,
        mut file: File,
        metadata: &fs::Metadata,
        mut cache_key: Option<SourceKey>,
    ) -> Result<Loaded, StorageError> {
        let path = &self.path;
        let failed = |source| read_error(path, source);
        let stamp = FileStamp::of(metadata);
        file.seek(io::SeekFrom::Start(0)).map_err(failed)?;
        let mut bytes = Vec::new();
        // Capped too, in case the file grows while it is read.
        (&mut file).take(crate::storage::limits::MAX_JOURNAL_BYTES + 1).read_to_end(&mut bytes).map_err(failed)?;
        let read_bytes = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if read_bytes > crate::storage::limits::MAX_JOURNAL_BYTES {
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

    /// The decisions of the journal that `keep` accepts, in stored order,
    /// and nothing else: for a command that shows some decisions and writes
    /// nothing (there is no journal here to save). From the parse cache,
    /// each other decision is dropped as soon as it is decoded, so a
    /// listing of a tenth of a large journal never holds the rest; anything
    /// else reads the whole journal, as [`Store::read`].
    ///
    /// # Errors
    /// As [`Store::read`].
    pub fn read_decisions_where(&self, keep: &KeepDecision<'_>) -> Result<Vec<Decision>, StorageError> {
        let (file, metadata) = self.open_journal()?;
        let mut cache_key = None;
        if let Some((cache, len)) = self.cache_for(&metadata) {
            let (key, cached) = key_and_cached(&file, || cache.load_decisions_unchecked(&self.path, len, keep));
            cache_key = key.map_err(|source| read_error(&self.path, source))?;
            if let Some(decisions) = cached {
                forget_unknown_field(&self.path);
                return Ok(decisions);
            }
        }
        // Parsed from the file, hashed once (the cache is written anew).
        let journal = self.parse_opened(file, &metadata, cache_key)?.contents.journal;
        Ok(journal.decisions().iter().filter(|decision| keep(decision)).cloned().collect())
    }

    /// The journal opened for reading, with its metadata, once it is known
    /// to be an ordinary file of a size Keel reads.
    fn open_journal(&self) -> Result<(File, fs::Metadata), StorageError> {
        let path = &self.path;
        // Before opening: opening a named pipe waits for a writer forever,
        // and a device may never end.
        if crate::storage::files::check_regular(path)?.is_none() {
            return Err(StorageError::NotFound { path: path.clone() });
        }
        // Stamp and bytes from one open file, so they always match even if
        // the file is replaced meanwhile.
        let file = File::open(path).map_err(|source| read_error(path, source))?;
        let metadata = file.metadata().map_err(|source| read_error(path, source))?;
        if metadata.len() > crate::storage::limits::MAX_JOURNAL_BYTES {
            return Err(StorageError::TooLarge { path: path.clone(), bytes: metadata.len() });
        }
        Ok((file, metadata))
    }

    /// The cache to try for a journal of this size, and its length: none
    /// for a journal small enough to parse at once.
    fn cache_for(&self, metadata: &fs::Metadata) -> Option<(&Cache, usize)> {
        let cache = self.cache.as_ref()?;
        let len = usize::try_from(metadata.len()).ok()?;
        (len >= MIN_CACHED_BYTES).then_some((cache, len))
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
    pub(in crate::storage) fn keep_original(&self, loaded: &Loaded) -> Result<(), StorageError> {
        let current = fs::read(&self.path).map_err(|source| StorageError::Read { path: self.path.clone(), source })?;
        for kept in backup::list(&self.path)? {
            if kept.migrated_from == Some(loaded.version) && fs::read(&kept.path).is_ok_and(|bytes| bytes == current) {
                return Ok(());
            }
        }
        backup::keep(&self.path, loaded.contents.journal.len(), Some(loaded.version), now(), None).map(drop)
    }
}

/// The journals read last with a field this Keel does not know, with the
/// stamp of the file then. Kept per process rather than per [`Store`], so a
/// writer that read the file through another store (the window's loader)
/// still refuses to save over it.
pub(super) static UNKNOWN_FIELDS: std::sync::Mutex<
    Option<std::collections::HashMap<PathBuf, (FileStamp, UnknownField)>>,
> = std::sync::Mutex::new(None);

pub(super) fn remember_unknown_field(path: &Path, stamp: FileStamp, field: UnknownField) {
    if let Ok(mut files) = UNKNOWN_FIELDS.lock() {
        files.get_or_insert_default().insert(path.to_owned(), (stamp, field));
    }
}

pub(super) fn forget_unknown_field(path: &Path) {
    if let Ok(mut files) = UNKNOWN_FIELDS.lock()
        && let Some(files) = files.as_mut()
    {
        files.remove(path);
    }
}

/// What reading `path` failed with, as the user hears it.
fn read_error(path: &Path, source: io::Error) -> StorageError {
    if source.kind() == io::ErrorKind::NotFound {
        StorageError::NotFound { path: path.to_owned() }
    } else {
        StorageError::Read { path: path.to_owned(), source }
    }
}

/// The key of the open journal's bytes, and what `load` read from the cache
/// when it was made from those bytes. The journal is hashed on a second
/// thread while this one reads and decodes the cache (hashing 12 MB was a
/// seventh of `keel list` at 10k decisions): what the cache holds is used
/// only once the key of the journal's bytes matches it.
fn key_and_cached<T>(
    file: &File,
    load: impl FnOnce() -> Option<Unchecked<T>>,
) -> (io::Result<Option<SourceKey>>, Option<T>) {
    let (key, unchecked) = std::thread::scope(|scope| {
        let hash = || SourceKey::of_reader(io::BufReader::new(file));
        let spawned = std::thread::Builder::new().name("keel-hash".to_owned()).spawn_scoped(scope, hash);
        if let Ok(hashing) = spawned {
            let unchecked = load();
            (hashing.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), unchecked)
        } else {
            // No thread to spare: one after the other.
            let key = hash();
            let unchecked = key.as_ref().ok().and_then(|_| load());
            (key, unchecked)
        }
    });
    let cached = match (&key, unchecked) {
        (Ok(Some(key)), Some(unchecked)) => unchecked.made_from(*key),
        _ => None,
    };
    (key, cached)
}
