//! Every key a journal has had, kept so that no encrypted copy of it is
//! ever left without the key that opens it.
//!
//! A key file (`<journal>.key`) can vanish or be replaced by a sync service:
//! a decrypt on one computer deletes it on the other while that one still
//! writes encrypted copies; two computers that encrypt apart end with one
//! computer's journal and the other's key. So Keel keeps a copy of each key
//! file it has used (still sealed with its passphrase) in the journal's
//! backups folder, which is this computer's own ([`super::places::backup_folder`]),
//! under `keys/`, and never deletes one. Unlocking tries the passphrase on
//! the key file, its sync conflict copies and these kept keys.
//!
//! Layer 5, above [`super::sync_copies`] (a key file's conflict copies are
//! candidates too) and [`super::crypto`]; only the store uses it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::error::StorageError;
use super::files::write_bytes_atomically;
use super::{crypto, files, places, sync_copies};

/// The folder of kept keys: `keys` in the journal's backups folder.
#[must_use]
pub fn folder(journal: &Path) -> PathBuf {
    places::backup_folder(journal).join("keys")
}

/// The marker of a decrypt under way, in the kept keys' folder: written
/// before a decrypt starts and removed when it is done, so one that was
/// stopped half way is finished rather than silently undone.
#[must_use]
pub fn decrypt_marker(journal: &Path) -> PathBuf {
    folder(journal).join("decrypt-in-progress")
}

/// Keeps a copy of the sealed key file `sealed` among the journal's kept
/// keys, unless the same bytes are kept already.
///
/// # Errors
/// [`StorageError::Write`] when the folder or file cannot be written.
pub fn keep(journal: &Path, sealed: &[u8]) -> Result<PathBuf, StorageError> {
    let dir = folder(journal);
    files::create_private_folder(&dir).map_err(|source| StorageError::Write { path: dir.clone(), source })?;
    let path = dir.join(format!("key-{:016x}.age", fnv(sealed)));
    if fs::read(&path).is_ok_and(|kept| kept == sealed) {
        return Ok(path);
    }
    write_bytes_atomically(&path, sealed)?;
    Ok(path)
}

/// Removes the kept copies holding exactly one of `sealed` (a key sealed
/// with a passphrase that was changed since).
///
/// # Errors
/// [`StorageError::Write`] when one cannot be removed.
pub fn forget<'a>(journal: &Path, sealed: impl Iterator<Item = &'a Vec<u8>>) -> Result<(), StorageError> {
    let sealed: Vec<&Vec<u8>> = sealed.collect();
    let Ok(entries) = fs::read_dir(folder(journal)) else { return Ok(()) };
    for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
        if path.extension().is_some_and(|ext| ext == "age")
            && fs::read(&path).is_ok_and(|bytes| sealed.iter().any(|old| **old == bytes))
        {
            fs::remove_file(&path).map_err(|source| StorageError::Write { path: path.clone(), source })?;
        }
    }
    Ok(())
}

/// Keeps the journal's current key file, if there is one.
///
/// # Errors
/// As [`keep`], or [`StorageError::Read`] when the key file cannot be read.
pub fn keep_current(journal: &Path) -> Result<(), StorageError> {
    let key_file = crypto::key_path(journal);
    match fs::read(&key_file) {
        Ok(sealed) => keep(journal, &sealed).map(drop),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StorageError::Read { path: key_file, source }),
    }
}

/// A sealed key file found for the journal: where, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The file.
    pub path: PathBuf,
    /// Its bytes (an age file sealed with a passphrase).
    pub sealed: Vec<u8>,
    /// Whether it is the journal's own key file.
    pub is_key_file: bool,
}

/// Every sealed key that may open the journal or one of its copies: the key
/// file first, then its sync conflict copies, then the kept keys; the same
/// bytes only once.
#[must_use]
pub fn candidates(journal: &Path) -> Vec<Candidate> {
    let key_file = crypto::key_path(journal);
    let mut paths = vec![(key_file, true)];
    paths.extend(sync_copies::scan(journal).key_copies.into_iter().map(|copy| (copy.path, false)));
    if let Ok(entries) = fs::read_dir(folder(journal)) {
        let mut kept: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "age"))
            .collect();
        kept.sort();
        paths.extend(kept.into_iter().map(|path| (path, false)));
    }
    let mut found: Vec<Candidate> = Vec::new();
    for (path, is_key_file) in paths {
        let Ok(sealed) = fs::read(&path) else { continue };
        if crypto::is_encrypted(&sealed) && !found.iter().any(|candidate| candidate.sealed == sealed) {
            found.push(Candidate { path, sealed, is_key_file });
        }
    }
    found
}

/// FNV-1a of `bytes`: a name that never changes between builds.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}
