//! A read cache of large journals: the parsed contents as JSON, in the
//! platform cache folder, used only when the journal's bytes are exactly the
//! ones it was made from.
//!
//! Why: `ron` parses about four times slower than `serde_json` reads the same
//! decisions (0.57 s against 0.14 s at 100k), and every command and every
//! window opening starts by parsing the whole journal (issue 9). The RON file
//! stays the one source of truth; the cache is a disposable copy:
//!
//! - It is keyed by the journal's length and a hash of all its bytes (not its
//!   time stamp, which sync tools and editors can leave unchanged), by the
//!   Keel version, by a fingerprint of the stored types' source and by
//!   [`CACHE_FORMAT`]. Anything that does not match, or
//!   does not read, is ignored and the RON is parsed as before.
//! - Only plain journals of at least [`MIN_CACHED_BYTES`] are cached: an
//!   encrypted journal is never written out in the clear, and smaller files
//!   parse in a few milliseconds anyway.
//! - A cache that cannot be written costs speed, never data, so writing it
//!   is best effort.
//!
//! One file per journal: `<cache folder>/<hash of the journal's path>.json`:
//! the key on the first line, the journal's path on the second, then the
//! JSON. Caches of journals that no longer exist are removed by the next
//! cache written. `KEEL_CACHE_DIR` moves
//! the folder (an empty value turns the cache off).

use std::fs;
use std::hash::{DefaultHasher, Hasher as _};
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::merge::{Contents, Tombstone};
use crate::model::{BriefMark, Decision, Goal, Journal, RecordTombstone, Reflection, TalkingPoint};

/// Journals smaller than this (about 1,300 decisions) are not cached.
pub const MIN_CACHED_BYTES: usize = 1 << 20;

/// Bumped whenever the cache file's own layout changes.
pub const CACHE_FORMAT: u32 = 2;

/// The source of every type a journal file holds. A build whose stored
/// shapes differ in any way (a field added, renamed, defaulted) has another
/// fingerprint, so it never reads a cache another build made, even with the
/// same version number (development builds).
const SCHEMA_SOURCES: [&str; 11] = [
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
];

/// A hash of [`SCHEMA_SOURCES`], computed once.
fn schema_fingerprint() -> u64 {
    static FINGERPRINT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *FINGERPRINT.get_or_init(|| {
        let mut hasher = DefaultHasher::new();
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

/// The key of one version of a journal's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceKey {
    len: usize,
    hash: u64,
}

impl SourceKey {
    /// The key of `bytes`, when they are worth caching: plain (not an age
    /// file) and large enough.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < MIN_CACHED_BYTES || super::crypto::is_encrypted(bytes) {
            return None;
        }
        let mut hasher = DefaultHasher::new();
        hasher.write(bytes);
        Some(Self { len: bytes.len(), hash: hasher.finish() })
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
        let mut hasher = DefaultHasher::new();
        hasher.write(&start);
        let mut len = start.len();
        let mut piece = vec![0_u8; 1 << 16];
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
        Ok((len >= MIN_CACHED_BYTES).then_some(Self { len, hash: hasher.finish() }))
    }

    /// The first line of a cache file made from these bytes.
    fn header(self) -> String {
        format!(
            "keel-cache {CACHE_FORMAT} {} {:016x} {} {:016x}\n",
            env!("CARGO_PKG_VERSION"),
            schema_fingerprint(),
            self.len,
            self.hash
        )
    }
}

/// Where journals' caches live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    folder: PathBuf,
}

#[derive(Serialize)]
struct CacheOut<'a> {
    decisions: &'a [Decision],
    deleted: &'a [Tombstone],
    talking_points: &'a [TalkingPoint],
    briefs: &'a [BriefMark],
    goals: &'a [Goal],
    reflections: &'a [Reflection],
    removed: &'a [RecordTombstone],
}

#[derive(Deserialize)]
struct CacheIn {
    decisions: Vec<Decision>,
    deleted: Vec<Tombstone>,
    talking_points: Vec<TalkingPoint>,
    briefs: Vec<BriefMark>,
    goals: Vec<Goal>,
    reflections: Vec<Reflection>,
    removed: Vec<RecordTombstone>,
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
        let absolute = absolute(journal);
        let mut hasher = DefaultHasher::new();
        hasher.write(absolute.as_os_str().as_encoded_bytes());
        self.folder.join(format!("{:016x}.json", hasher.finish()))
    }

    /// The contents cached for `journal` when they were made from the bytes
    /// of `key`; `None` on any mismatch or unreadable cache.
    #[must_use]
    pub fn load(&self, journal: &Path, key: SourceKey) -> Option<Contents> {
        profiling::scope!("storage::cache::load");
        let text = fs::read_to_string(self.file_for(journal)).ok()?;
        let (_journal_line, json) = text.strip_prefix(&key.header())?.split_once('\n')?;
        let cached: CacheIn = serde_json::from_str(json).ok()?;
        let journal = Journal::new(cached.decisions)
            .with_talking_points(cached.talking_points)
            .with_briefs(cached.briefs)
            .with_records(cached.goals, cached.reflections, cached.removed);
        Some(Contents::new(journal, cached.deleted))
    }

    /// Caches `contents`, made from the bytes of `key`, for `journal`.
    ///
    /// # Errors
    /// When the folder or the file cannot be written (the caller may ignore
    /// it: nothing but speed is lost).
    pub fn store(&self, journal: &Path, key: SourceKey, contents: &Contents) -> io::Result<()> {
        profiling::scope!("storage::cache::store");
        let out = CacheOut {
            decisions: contents.journal.decisions(),
            deleted: &contents.deleted,
            talking_points: contents.journal.talking_points(),
            briefs: contents.journal.briefs(),
            goals: contents.journal.goals(),
            reflections: contents.journal.reflections(),
            removed: contents.journal.removed_records(),
        };
        super::files::create_private_folder(&self.folder)?;
        // Temporary file then rename, so a reader never sees half a cache
        // (no fsync: a cache lost in a crash is simply rebuilt).
        let mut temp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(&self.folder)?;
        let mut writer = io::BufWriter::new(temp.as_file_mut());
        writer.write_all(key.header().as_bytes())?;
        // The journal's path, so that a cache whose journal is gone can be
        // removed (`null` for a path that is not UTF-8: never removed so).
        let path_line = absolute(journal).to_str().map(str::to_owned);
        serde_json::to_writer(&mut writer, &path_line).map_err(io::Error::other)?;
        writer.write_all(b"\n")?;
        serde_json::to_writer(&mut writer, &out).map_err(io::Error::other)?;
        writer.flush()?;
        drop(writer);
        let file = self.file_for(journal);
        temp.persist(&file).map_err(|error| error.error)?;
        self.prune(&file);
        Ok(())
    }

    /// Removes the cache of `journal` (when it becomes encrypted).
    ///
    /// # Errors
    /// When the file exists and cannot be removed.
    pub fn forget(&self, journal: &Path) -> io::Result<()> {
        match fs::remove_file(self.file_for(journal)) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
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
            if path.extension().is_none_or(|extension| extension != "json") {
                continue;
            }
            if let Some(gone) = journal_of(&path).filter(|gone| !gone.exists()) {
                let text = fs::read_to_string(&path).unwrap_or_default();
                if ids.iter().any(|id| text.contains(&format!("\"{id}\""))) {
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
    /// nobody wrote for [`UNUSED_FOR`], and temporary files of writers killed
    /// mid-write ([`TEMP_LEFT_FOR`] old, so none still being written).
    fn prune(&self, current: &Path) {
        let Ok(entries) = fs::read_dir(&self.folder) else { return };
        let now = SystemTime::now();
        let older_than = |entry: &fs::DirEntry, age: Duration| {
            entry
                .metadata()
                .and_then(|metadata| metadata.modified())
                .is_ok_and(|when| now.duration_since(when).is_ok_and(|elapsed| elapsed > age))
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name();
            let leftover = if name.to_string_lossy().starts_with(TEMP_PREFIX) {
                older_than(&entry, TEMP_LEFT_FOR)
            } else if path.extension().is_some_and(|extension| extension == "json") && path != current {
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

/// The absolute form of `journal`, as the cache names and records it.
fn absolute(journal: &Path) -> PathBuf {
    super::files::canonical(journal).unwrap_or_else(|_| journal.to_owned())
}

/// The journal a cache file was made for, from its second line.
fn journal_of(cache_file: &Path) -> Option<PathBuf> {
    let mut lines = io::BufRead::lines(io::BufReader::new(fs::File::open(cache_file).ok()?));
    lines.next()?.ok()?;
    let journal: Option<String> = serde_json::from_str(&lines.next()?.ok()?).ok()?;
    journal.map(PathBuf::from)
}

#[cfg(test)]
mod tests;
