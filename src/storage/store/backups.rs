//! A [`Store`]'s backups: listing, reading and restoring them. Layer 6
//! (store), over [`crate::storage::backup`].

use std::fs;

use super::{Loaded, Store};
use crate::storage::backup::{self, Backup};
use crate::storage::error::StorageError;
use crate::storage::files::now;
use crate::storage::format::parse_bytes;
use crate::storage::limits::CURRENT_VERSION;
use crate::storage::merge::Contents;

impl Store {
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
}
