//! A read cache of large journals: the parsed contents in a binary form
//! ([`postcard`]), in the platform cache folder, used only when the
//! journal's bytes are exactly the ones it was made from.
//!
//! Why: `ron` parses a 10k-decision journal in about 50 ms and a 100k one
//! in about half a second, and every command and every window opening starts
//! by parsing the whole journal (issue 9). A JSON cache cut that by four,
//! but was still text to parse (issue 25); the binary copy holds days,
//! times and enums as numbers and strings as lengths and bytes, so reading
//! it costs little more than allocating the strings. The RON file stays the
//! one source of truth; the cache is a disposable copy:
//!
//! - It is keyed by the journal's length and a 128-bit hash (XXH3) of all
//!   its bytes (not its time stamp, which sync tools and editors can leave
//!   unchanged), by the Keel version, by a fingerprint of the stored types'
//!   source and by [`CACHE_FORMAT`]. Its own bytes carry a checksum, so a
//!   cache cut short or damaged on disk is never taken for a journal.
//!   Anything that does not match, or does not read, is ignored and the
//!   RON is parsed as before.
//! - Only plain journals of at least [`MIN_CACHED_BYTES`] are cached: an
//!   encrypted journal is never written out in the clear, and smaller files
//!   parse in a few milliseconds anyway.
//! - A cache that cannot be written costs speed, never data, so writing it
//!   is best effort.
//!
//! One file per journal: `<cache folder>/<hash of the journal's path>.bin`.
//! Three text lines: the key, the journal's path (JSON), the payload's
//! length and checksum; then the payload ([`stored`]). Caches of journals
//! that no longer exist are removed by the next cache written, as are the
//! JSON caches (`.json`) of Keel before format 3. `KEEL_CACHE_DIR` moves
//! the folder (an empty value turns the cache off).

use std::fs;
use std::hash::{DefaultHasher, Hasher as _};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use twox_hash::{XxHash3_64, XxHash3_128};

use super::merge::Contents;

mod stored;

use stored::{ContentsIn, ContentsOut, DecisionsIn};

use crate::model::Decision;

/// Which decisions a read keeps ([`Cache::load_decisions_unchecked`],
/// [`super::Store::read_decisions_where`]).
pub type KeepDecision<'a> = dyn Fn(&Decision) -> bool + Sync + 'a;

/// Journals smaller than this (about 900 decisions) are not cached.
pub const MIN_CACHED_BYTES: usize = 1 << 20;

/// Bumped whenever the cache file's own layout changes (4: the decisions in
/// chunks; 3: binary, with a checksum; 2 and before: JSON).
pub const CACHE_FORMAT: u32 = 4;

/// The extension of cache files.
const EXTENSION: &str = "bin";

/// The extension of the JSON caches of formats 2 and before: never read,
/// removed like caches of gone journals.
const LEGACY_EXTENSION: &str = "json";

/// The source of every type a journal file holds, and of the cache's copy
/// of them. A build whose stored shapes differ in any way (a field added,
/// renamed, defaulted) has another fingerprint, so it never reads a cache
/// another build made, even with the same version number (development
/// builds).
const SCHEMA_SOURCES: [&str; 14] = [
    include_str!("../model/goal.rs"),
    include_str!("../model/reflection.rs"),
    include_str!("../model/record.rs"),
    include_str!("../model/decision.rs"),
    include_str!("../model/version.rs"),
    include_str!("../model/review.rs"),
    include_str!("../model/talking_point.rs"),
    include_str!("../model/brief_mark.rs"),
    include_str!("../model/style.rs"),
    include_str!("../model/situation.rs"),
    include_str!("merge.rs"),
    include_str!("cache/stored.rs"),
    include_str!("cache/stored/records.rs"),
    include_str!("cache/stored/chunks.rs"),
];

/// A hash of [`SCHEMA_SOURCES`], computed once.
fn schema_fingerprint() -> u64 {
    static FINGERPRINT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *FINGERPRINT.get_or_init(|| {
        let mut hasher = XxHash3_64::new();
        for source in SCHEMA_SOURCES {
            hasher.write(source.as_bytes());
        }
        hasher.finish()
    })
}

/// Caches not written for this long belong to journals moved or deleted.
const UNUSED_FOR: Duration = Duration::from_hours(60 * 24);

/// How the temporary files of cache writers start.
const TEMP_PREFIX: &str = ".keel-cache-";

/// A temporary file this old was left by a writer killed mid-write.
const TEMP_LEFT_FOR: Duration = Duration::from_mins(10);

/// How much of a journal is read at a time to hash it.
const HASH_PIECE_BYTES: usize = 1 << 18;

/// The key of one version of a journal's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceKey {
    len: usize,
    hash: u128,
}

impl SourceKey {
    /// The key of `bytes`, when they are worth caching: plain (not an age
    /// file) and large enough.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < MIN_CACHED_BYTES || super::crypto::is_encrypted(bytes) {
            return None;
        }
        Some(Self { len: bytes.len(), hash: XxHash3_128::oneshot(bytes) })
    }

    /// The key of everything `reader` holds, read in pieces so that the
    /// whole file is never held in memory for it (with the same rules as
    /// [`SourceKey::of`]).
    ///
    /// # Errors
    /// When reading fails.
    pub fn of_reader(mut reader: impl io::Read) -> io::Result<Option<Self>> {
        let mut start = Vec::with_capacity(64);
        (&mut reader).take(64).read_to_end(&mut start)?;
        if super::crypto::is_encrypted(&start) {
            return Ok(None);
        }
        let mut hasher = XxHash3_128::new();
        hasher.write(&start);
        let mut len = start.len();
        let mut piece = vec![0_u8; HASH_PIECE_BYTES];
        loop {
            let read = match reader.read(&mut piece) {
                Ok(0) => break,
                Ok(read) => read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            hasher.write(&piece[..read]);
            len += read;
        }
        Ok((len >= MIN_CACHED_BYTES).then_some(Self { len, hash: hasher.finish_128() }))
    }

    /// The first line of a cache file made from these bytes.
    fn header(self) -> String {
        format!("{}{} {:032x}\n", format_prefix(), self.len, self.hash)
    }
}

/// How the first line of a cache file of this format, version and schema
/// starts, before the key of the journal's bytes.
fn format_prefix() -> String {
    format!("keel-cache {CACHE_FORMAT} {} {:016x} ", env!("CARGO_PKG_VERSION"), schema_fingerprint())
}

/// The line that checks a payload: its length and its hash.
fn check_line(payload: &[u8]) -> String {
    format!("{} {:016x}\n", payload.len(), XxHash3_64::oneshot(payload))
}

/// A cache file taken apart: the key line (with its line break), then the
/// payload, once its check line matches it. `None` for anything else (cut
/// short, damaged, not a cache).
fn split(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let after = |bytes: &[u8]| bytes.iter().position(|&byte| byte == b'\n').map(|end| end + 1);
    let key_end = after(bytes)?;
    // The journal's path, as JSON: no raw line break in it.
    let path_end = key_end + after(&bytes[key_end..])?;
    let check_end = path_end + after(&bytes[path_end..])?;
    let payload = &bytes[check_end..];
    (bytes[path_end..check_end] == *check_line(payload).as_bytes()).then_some((&bytes[..key_end], payload))
}

/// The contents a payload holds; `None` when it does not read as this
/// build's.
fn decode(payload: &[u8]) -> Option<Contents> {
    match postcard::take_from_bytes::<ContentsIn>(payload) {
        Ok((contents, [])) => contents.decode().ok(),
        _ => None,
    }
}

/// The decisions of a payload that `keep` accepts; `None` when it does not
/// read as this build's.
fn decode_decisions(payload: &[u8], keep: &KeepDecision<'_>) -> Option<Vec<Decision>> {
    let (decisions, _) = postcard::take_from_bytes::<DecisionsIn>(payload).ok()?;
    decisions.decode_where(keep).ok()
}

/// A cache read and decoded but not yet matched with the journal's bytes:
/// what it holds (the contents, or some decisions) is only handed out for
/// the key it was made from.
#[derive(Debug)]
pub struct Unchecked<T = Contents> {
    key_line: Vec<u8>,
    held: T,
}

impl<T> Unchecked<T> {
    /// What the cache holds, when it was made from the bytes of `key`.
    #[must_use]
    pub fn made_from(self, key: SourceKey) -> Option<T> {
        (self.key_line == key.header().as_bytes()).then_some(self.held)
    }
}

/// Where journals' caches live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    folder: PathBuf,
}

impl Cache {
    /// The cache in `folder`.
    #[must_use]
    pub fn in_folder(folder: PathBuf) -> Self {
        Self { folder }
    }

    /// The user's cache: `KEEL_CACHE_DIR` when set (empty: none), else the
    /// platform cache folder (`~/.cache/keel/parsed` on Linux). Unit tests
    /// get none, so they never touch the user's folder.
    #[must_use]
    pub fn default_for_user() -> Option<Self> {
        if cfg!(test) {
            return None;
        }
        match std::env::var_os("KEEL_CACHE_DIR") {
            Some(folder) if folder.is_empty() => None,
            Some(folder) => Some(Self::in_folder(PathBuf::from(folder))),
            None => directories::ProjectDirs::from("", "", "keel")
                .map(|dirs| Self::in_folder(dirs.cache_dir().join("parsed"))),
        }
    }

    /// The cache file of the journal at `journal`.
    #[must_use]
    pub fn file_for(&self, journal: &Path) -> PathBuf {
        self.folder.join(format!("{:016x}.{EXTENSION}", path_hash(journal)))
    }

    /// Where a Keel of cache format 2 or before kept the JSON cache of
    /// `journal`.
    fn legacy_file_for(&self, journal: &Path) -> PathBuf {
        self.file_for(journal).with_extension(LEGACY_EXTENSION)
    }

    /// The contents cached for `journal` when they were made from the bytes
    /// of `key`; `None` on any mismatch or unreadable cache.
    #[must_use]
    pub fn load(&self, journal: &Path, key: SourceKey) -> Option<Contents> {
        self.load_unchecked(journal, Some(key.len)).and_then(|unchecked| unchecked.made_from(key))
    }

    /// The contents cached for `journal` by this build, from a journal of
    /// `journal_len` bytes when that is given, not yet checked against the
    /// journal's hash: so that the journal can be hashed meanwhile, on
    /// another thread. `None` on any mismatch or unreadable cache.
    #[must_use]
    pub fn load_unchecked(&self, journal: &Path, journal_len: Option<usize>) -> Option<Unchecked> {
        profiling::scope!("storage::cache::load");
        self.read_unchecked(journal, journal_len, decode)
    }

    /// As [`Cache::load_unchecked`], but only the decisions that `keep`
    /// accepts, and nothing else of the journal: each other decision is
    /// dropped as soon as it is decoded.
    #[must_use]
    pub fn load_decisions_unchecked(
        &self,
        journal: &Path,
        journal_len: usize,
        keep: &KeepDecision<'_>,
    ) -> Option<Unchecked<Vec<Decision>>> {
        profiling::scope!("storage::cache::load_decisions");
        self.read_unchecked(journal, Some(journal_len), |payload| decode_decisions(payload, keep))
    }

    /// The cache file of `journal`, checked and decoded by `decode`.
    fn read_unchecked<T>(
        &self,
        journal: &Path,
        journal_len: Option<usize>,
        decode: impl FnOnce(&[u8]) -> Option<T>,
    ) -> Option<Unchecked<T>> {
        let bytes = fs::read(self.file_for(journal)).ok()?;
        let (key_line, payload) = split(&bytes)?;
        // Nothing decoded for a cache of another build or another length.
        let key_text = std::str::from_utf8(key_line).ok()?.strip_prefix(format_prefix().as_str())?;
        let (len, _) = key_text.split_once(' ')?;
        if journal_len.is_some_and(|journal_len| len != journal_len.to_string()) {
            return None;
        }
        Some(Unchecked { key_line: key_line.to_vec(), held: decode(payload)? })
    }

    /// Caches `contents`, made from the bytes of `key`, for `journal`.
    ///
    /// # Errors
    /// When the folder or the file cannot be written (the caller may ignore
    /// it: nothing but speed is lost).
    pub fn store(&self, journal: &Path, key: SourceKey, contents: &Contents) -> io::Result<()> {
        profiling::scope!("storage::cache::store");
        let payload = postcard::to_stdvec(&ContentsOut::new(contents)).map_err(io::Error::other)?;
        super::files::create_private_folder(&self.folder)?;
        // Temporary file then rename, so a reader never sees half a cache
        // (no fsync: a cache lost in a crash is simply rebuilt, and one cut
        // short fails its checksum).
        let mut temp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(&self.folder)?;
        let mut writer = io::BufWriter::new(temp.as_file_mut());
        writer.write_all(key.header().as_bytes())?;
        // The journal's path, so that a cache whose journal is gone can be
        // removed (`null` for a path that is not UTF-8: never removed so).
        let path_line = absolute(journal).to_str().map(str::to_owned);
        serde_json::to_writer(&mut writer, &path_line).map_err(io::Error::other)?;
        writer.write_all(b"\n")?;
        writer.write_all(check_line(&payload).as_bytes())?;
        writer.write_all(&payload)?;
        writer.flush()?;
        drop(writer);
        let file = self.file_for(journal);
        temp.persist(&file).map_err(|error| error.error)?;
        self.prune(&file);
        Ok(())
    }

    /// Removes the cache of `journal` (when it becomes encrypted), and the
    /// JSON cache an earlier Keel may have left.
    ///
    /// # Errors
    /// When a file exists and cannot be removed.
    pub fn forget(&self, journal: &Path) -> io::Result<()> {
        for file in [self.file_for(journal), self.legacy_file_for(journal)] {
            match fs::remove_file(file) {
                Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
                _ => {}
            }
        }
        Ok(())
    }

    /// Removes the cache of `journal` and every cache of a journal that is
    /// no longer where it was (moved, renamed or deleted), so no clear-text
    /// copy outlives an encryption. Returns those that held one of `ids`
    /// (decision ids of `journal`): its own caches from before it moved.
    ///
    /// # Errors
    /// When a cache file exists and cannot be removed.
    pub fn forget_with_gone(&self, journal: &Path, ids: &[&str]) -> io::Result<Vec<PathBuf>> {
        self.forget(journal)?;
        let Ok(entries) = fs::read_dir(&self.folder) else { return Ok(Vec::new()) };
        let mut earlier = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if !is_cache_file(&path) {
                continue;
            }
            if let Some(gone) = journal_of(&path).filter(|gone| !gone.exists()) {
                if holds_any(&path, ids) {
                    earlier.push(gone);
                }
                // Another Keel tidying the same folder may have taken it
                // first: gone is what was wanted.
                match fs::remove_file(&path) {
                    Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
                    _ => {}
                }
            }
        }
        earlier.sort();
        Ok(earlier)
    }

    /// Removes what is left over, keeping `current`: caches of journals that
    /// no longer exist (moved, deleted, or a test's temporary folder), caches
    /// nobody wrote for [`UNUSED_FOR`], the JSON cache an earlier Keel made
    /// of the same journal, and temporary files of writers killed mid-write
    /// ([`TEMP_LEFT_FOR`] old, so none still being written).
    fn prune(&self, current: &Path) {
        let Ok(entries) = fs::read_dir(&self.folder) else { return };
        let now = SystemTime::now();
        let older_than = |entry: &fs::DirEntry, age: Duration| {
            entry
                .metadata()
                .and_then(|metadata| metadata.modified())
                .is_ok_and(|when| now.duration_since(when).is_ok_and(|elapsed| elapsed > age))
        };
        let current_legacy = current.with_extension(LEGACY_EXTENSION);
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name();
            let leftover = if name.to_string_lossy().starts_with(TEMP_PREFIX) {
                older_than(&entry, TEMP_LEFT_FOR)
            } else if path == current_legacy {
                true
            } else if is_cache_file(&path) && path != current {
                older_than(&entry, UNUSED_FOR) || journal_of(&path).is_some_and(|journal| !journal.exists())
            } else {
                false
            };
            if leftover {
                // One that cannot be removed is harmless: it never matches a
                // journal's bytes, and the next save tries again.
                fs::remove_file(&path).ok();
            }
        }
    }
}

/// The hash that names the cache file of `journal`.
fn path_hash(journal: &Path) -> u64 {
    // The standard hasher, as formats 2 and before named their JSON caches,
    // so that one of those is found and removed (a short input: its speed
    // does not matter).
    let mut hasher = DefaultHasher::new();
    hasher.write(absolute(journal).as_os_str().as_encoded_bytes());
    hasher.finish()
}

/// Whether `path` is named as a cache file, of this format or an earlier.
fn is_cache_file(path: &Path) -> bool {
    // Only a name Keel gives (the 16 hex digits of a path's hash) and a
    // file that starts as every cache of every format has: the folder can
    // be moved anywhere (`KEEL_CACHE_DIR`), and a file of someone else's
    // that happens to end in `.bin` or `.json` must never be pruned.
    let named_by_keel = path.file_stem().and_then(|stem| stem.to_str()).is_some_and(|stem| {
        stem.len() == 16 && stem.bytes().all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
    });
    let extension_of_a_cache =
        path.extension().is_some_and(|extension| extension == EXTENSION || extension == LEGACY_EXTENSION);
    named_by_keel && extension_of_a_cache && starts_as_a_cache(path)
}

/// Whether the file at `path` begins with the word every cache's key line
/// has begun with, in every format so far.
fn starts_as_a_cache(path: &Path) -> bool {
    const START: &[u8] = b"keel-cache ";
    let mut head = [0_u8; START.len()];
    fs::File::open(path).and_then(|mut file| file.read_exact(&mut head)).is_ok() && head == START
}

/// Whether the cache file at `path` holds a decision with one of `ids`.
/// One of an earlier build that cannot be decoded is searched as text, as
/// the JSON caches of earlier formats can be.
fn holds_any(path: &Path, ids: &[&str]) -> bool {
    let bytes = fs::read(path).unwrap_or_default();
    let decoded = split(&bytes)
        .filter(|(key_line, _)| key_line.starts_with(format_prefix().as_bytes()))
        .and_then(|(_, payload)| decode(payload));
    match decoded {
        Some(contents) => contents.journal.decisions().iter().any(|decision| ids.contains(&decision.id.0.as_str())),
        // JSON quotes an id; the binary form of another build holds its bytes.
        None if path.extension().is_some_and(|extension| extension == LEGACY_EXTENSION) => {
            ids.iter().any(|id| contains(&bytes, format!("\"{id}\"").as_bytes()))
        }
        None => ids.iter().any(|id| contains(&bytes, id.as_bytes())),
    }
}

/// Whether `needle` occurs in `bytes`.
fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && bytes.windows(needle.len()).any(|window| window == needle)
}

/// The absolute form of `journal`, as the cache names and records it.
fn absolute(journal: &Path) -> PathBuf {
    super::files::canonical(journal).unwrap_or_else(|_| journal.to_owned())
}

/// The journal a cache file was made for, from its second line.
fn journal_of(cache_file: &Path) -> Option<PathBuf> {
    let mut lines = io::BufRead::split(io::BufReader::new(fs::File::open(cache_file).ok()?), b'\n');
    lines.next()?.ok()?;
    let journal: Option<String> = serde_json::from_slice(&lines.next()?.ok()?).ok()?;
    journal.map(PathBuf::from)
}

#[cfg(test)]
mod tests;
