//! A [`Store`] writing its journal: the locked read-merge-write every
//! writer goes through, the backup of the previous file, the atomic
//! replacement. Layer 6 (store).

use std::fs;
use std::io;

use super::encryption::sample_ids;
use super::load::UNKNOWN_FIELDS;
use super::{CopyReport, Saved, Snapshot, Store};
use crate::model::Journal;
use crate::storage::backup;
use crate::storage::cache::SourceKey;
use crate::storage::crypto::{Key, peek_is_encrypted};
use crate::storage::error::StorageError;
use crate::storage::files::{FileStamp, now, write_bytes_atomically};
use crate::storage::format::contents_to_text;
use crate::storage::limits::CURRENT_VERSION;
use crate::storage::merge::{self, Contents};

impl Store {
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

    pub(super) fn save_merged_unchanged(
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
    pub(in crate::storage) fn write_locked(
        &self,
        contents: &Contents,
        previous: Option<usize>,
        seal: Option<&Key>,
    ) -> Result<crate::storage::files::FileStamp, StorageError> {
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
        self.notices.extend(crate::storage::files::remove_stale_temp_files(&self.path));
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
    pub(super) fn check_writable(&self) -> Result<(), StorageError> {
        if fs::metadata(&self.path).is_ok_and(|metadata| metadata.permissions().readonly()) {
            return Err(StorageError::ReadOnly { path: self.path.clone() });
        }
        Ok(())
    }

    /// Refuses to replace a file holding a field this Keel does not know
    /// (as last read, and unchanged since): the save would drop it.
    pub(super) fn check_no_unknown_field(&self) -> Result<(), StorageError> {
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
    pub(super) fn forget_cache(&self) -> Result<(), StorageError> {
        let Some(cache) = &self.cache else { return Ok(()) };
        cache.forget(&self.path).map_err(|source| StorageError::Write { path: cache.file_for(&self.path), source })
    }
}
