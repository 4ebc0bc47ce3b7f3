//! Absorbing the conflict copies sync services make of a journal: each is
//! merged by id with tombstones ([`merge::merge_copy`]), then moved into the
//! backups, so no decision written on another computer stays hidden and
//! nothing is deleted that cannot be restored.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::Store;
use crate::storage::crypto;
use crate::storage::error::StorageError;
use crate::storage::format::parse_bytes;
use crate::storage::merge::{self, Conflict, Contents};
use crate::storage::sync_copies::{self, Found, FoundCopy, Service};

/// A copy that was merged into the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct AbsorbedCopy {
    /// Where the copy was.
    pub copy: PathBuf,
    /// Which service made it.
    pub service: Service,
    /// Decisions it added to the journal.
    pub added: usize,
    /// Decisions whose version in the journal it replaced (it held a newer
    /// edit).
    pub changed: usize,
    /// Decisions it removed (it held a newer deletion).
    pub removed: usize,
    /// Decisions edited differently on both sides: the journal keeps the
    /// newer edit; the other is offered to choose from.
    pub conflicts: Vec<Conflict>,
    /// Where the copy is kept now (`None`: it could not be moved and stays
    /// where it was, to be merged again, which changes nothing).
    pub kept_at: Option<PathBuf>,
    /// Decisions (and talking points) of the copy the journal refuses, each
    /// named with why ([`crate::storage::admit`]): left out of the merge, so they
    /// changed nothing; they stay in the kept copy.
    pub refused: Vec<String>,
}

/// A copy that was not merged, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftCopy {
    /// The copy, left where it is.
    pub copy: PathBuf,
    /// Why, in words for the user.
    pub reason: String,
}

/// A copy too large to be a journal, renamed so that no later save looks
/// at it again ([`Store::absorb_copies`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAsideCopy {
    /// Where the copy was.
    pub copy: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// What it is called now, beside the journal.
    pub renamed: PathBuf,
}

/// What absorbing (or just looking for) conflict copies found and did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CopyReport {
    /// Copies merged into the journal.
    pub absorbed: Vec<AbsorbedCopy>,
    /// Copies left alone: unreadable, encrypted with another key, written
    /// by a newer Keel.
    pub left: Vec<LeftCopy>,
    /// Copies larger than a journal can be ([`crate::storage::limits::MAX_JOURNAL_BYTES`]),
    /// never read, renamed out of the way once.
    pub set_aside: Vec<SetAsideCopy>,
    /// Copies seen but not merged because nothing was to be written (a
    /// reading command), read and found mergeable: the next write merges
    /// them.
    pub pending: Vec<FoundCopy>,
    /// Conflict copies of the key file.
    pub key_copies: Vec<PathBuf>,
    /// Files the service has not downloaded yet.
    pub not_downloaded: Vec<PathBuf>,
}

fn name_of(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

fn decisions(count: usize) -> String {
    crate::model::words::count(count, "decision", "decisions")
}

impl CopyReport {
    /// Whether there is nothing to say.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.absorbed.is_empty()
            && self.left.is_empty()
            && self.set_aside.is_empty()
            && self.pending.is_empty()
            && self.key_copies.is_empty()
            && self.not_downloaded.is_empty()
    }

    /// The decisions edited on both sides, over every absorbed copy.
    #[must_use]
    pub fn conflicts(&self) -> Vec<Conflict> {
        self.absorbed.iter().flat_map(|copy| copy.conflicts.iter().cloned()).collect()
    }

    /// One sentence per thing found, for a banner or stderr, e.g. "Merged 2
    /// decisions from a copy Syncthing made: journal.sync-conflict-….ron
    /// (kept in the backups)".
    #[must_use]
    pub fn sentences(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for copy in &self.absorbed {
            let name = name_of(&copy.copy);
            let brought = copy.added + copy.changed + copy.removed;
            let mut line = if brought == 0 {
                format!("A copy {} made held nothing new: {name}", copy.service)
            } else {
                let mut parts = Vec::new();
                if copy.added > 0 {
                    parts.push(format!("{} added", copy.added));
                }
                if copy.changed > 0 {
                    parts.push(format!("{} updated", copy.changed));
                }
                if copy.removed > 0 {
                    parts.push(format!("{} removed", copy.removed));
                }
                format!(
                    "Merged {} from a copy your sync service ({}) made: {name} ({})",
                    decisions(brought),
                    copy.service,
                    parts.join(", ")
                )
            };
            match &copy.kept_at {
                Some(_) => line.push_str("; the copy is kept in the backups"),
                None => line.push_str("; the copy could not be moved into the backups and stays beside the journal"),
            }
            if !copy.refused.is_empty() {
                line.push_str(". Left out of the merge, and kept only in the copy, since Keel refuses ");
                line.push_str(crate::model::words::noun(copy.refused.len(), "it", "them"));
                line.push_str(": ");
                line.push_str(&copy.refused.join("; "));
            }
            if !copy.conflicts.is_empty() {
                line.push_str(". ");
                line.push_str(&decisions(copy.conflicts.len()));
                line.push_str(" edited on both computers: the newer edit is kept, the other is in the copy");
            }
            lines.push(line);
        }
        for left in &self.left {
            lines.push(format!("Left {} where it is: {}", name_of(&left.copy), left.reason));
        }
        for aside in &self.set_aside {
            lines.push(format!(
                "{} holds {} MiB, more than a journal can ({} MiB at most), so Keel did not read it; it is renamed \
                 {}, where Keel no longer looks (delete it if you do not need it)",
                name_of(&aside.copy),
                aside.bytes / (1 << 20),
                crate::storage::limits::MAX_JOURNAL_BYTES / (1 << 20),
                name_of(&aside.renamed)
            ));
        }
        for copy in &self.pending {
            lines.push(format!(
                "{} is a copy {} made of this journal; Keel merges it the next time it writes (the window, or a \
                 command such as keel add)",
                name_of(&copy.path),
                copy.name.service
            ));
        }
        for key in &self.key_copies {
            lines.push(format!(
                "{} is a second key file (the passphrase was changed, or the journal encrypted, on two computers \
                 at once). Keel tries your passphrase on both and keeps every key; nothing needs deleting",
                name_of(key)
            ));
        }
        for missing in &self.not_downloaded {
            lines.push(format!(
                "{} is not downloaded yet (the sync service keeps only a placeholder): open the folder so it \
                 downloads, then open Keel again",
                name_of(missing)
            ));
        }
        lines
    }
}

/// What a look at one conflict copy found.
enum Look {
    /// A name a person could have given a file of their own, in a folder no
    /// service syncs: not a copy, never read.
    NotACopy,
    /// Larger than any journal: never read.
    TooLarge(u64),
    /// It cannot be merged, for this reason (in the user's words).
    Unmergeable(String),
    /// What it holds.
    Contents(Contents),
}

/// The name `copy` is set aside under when it is too large to read:
/// `<name>.too-large` beside it (with a counter when that is taken), a name
/// no service gives a copy, so neither Keel looks at it again.
fn too_large_name(copy: &Path) -> PathBuf {
    let name = name_of(copy);
    let mut target = copy.with_file_name(format!("{name}.too-large"));
    let mut counter = 2;
    while fs::symlink_metadata(&target).is_ok() {
        target = copy.with_file_name(format!("{name}.too-large.{counter}"));
        counter += 1;
    }
    target
}

/// Whether `unsorted` holds exactly `sorted` (already in the fixed order).
fn same_as_sorted(unsorted: &Contents, sorted: &Contents) -> bool {
    let mut unsorted = unsorted.clone();
    unsorted.sort_canonically();
    // Versions too: a merge that only joined two versions is written, so
    // both computers end with the same bytes.
    unsorted == *sorted
        && unsorted.journal.decisions().iter().zip(sorted.journal.decisions()).all(|(a, b)| a.identical(b))
        && unsorted.deleted.iter().zip(&sorted.deleted).all(|(a, b)| a.version == b.version)
}

impl Store {
    /// What sync services left beside the journal, writing nothing: for
    /// commands that only read. Each copy is read (as a write would, up to
    /// the journal's size cap), so a copy is said to be merged by the next
    /// write only when it can be; the others are named with the reason.
    #[must_use]
    pub fn pending_copies(&self) -> CopyReport {
        let Found { copies, key_copies, not_downloaded } = sync_copies::scan(self.path());
        let mut report = CopyReport {
            key_copies: key_copies.into_iter().map(|copy| copy.path).collect(),
            not_downloaded,
            ..CopyReport::default()
        };
        let synced = sync_copies::synced_by(self.path()).is_some();
        for copy in copies {
            match self.look_at(&copy, synced) {
                Look::NotACopy => {}
                Look::Contents(_) => report.pending.push(copy),
                Look::Unmergeable(reason) => report.left.push(LeftCopy { copy: copy.path, reason }),
                Look::TooLarge(bytes) => report.left.push(LeftCopy {
                    copy: copy.path,
                    reason: format!(
                        "it holds {} MiB, more than a journal can ({} MiB at most), so Keel never reads it; the next \
                         command that writes renames it out of the way",
                        bytes / (1 << 20),
                        crate::storage::limits::MAX_JOURNAL_BYTES / (1 << 20)
                    ),
                }),
            }
        }
        report
    }

    /// Looks at one conflict copy: whether it is one, its size, and what it
    /// holds. `synced`: whether a sync service syncs the journal's folder.
    fn look_at(&self, copy: &FoundCopy, synced: bool) -> Look {
        if copy.name.ambiguous && !synced {
            // `journal (1).ron` in a folder no service syncs is the
            // user's own file (a download, a copy they made): not ours
            // to read, merge or move.
            return Look::NotACopy;
        }
        match fs::metadata(&copy.path) {
            Ok(metadata) if metadata.len() > crate::storage::limits::MAX_JOURNAL_BYTES => {
                return Look::TooLarge(metadata.len());
            }
            Ok(_) => {}
            Err(error) => return Look::Unmergeable(format!("it cannot be read ({error})")),
        }
        match self.read_copy(&copy.path) {
            Ok(contents) => Look::Contents(contents),
            Err(reason) => Look::Unmergeable(reason),
        }
    }

    /// Merges every conflict copy of the journal into it, under the lock, and
    /// moves each merged copy into the backups, where the copies kept are
    /// rotated as backups are ([`sync_copies::rotate_kept`]). The journal is
    /// rewritten only when a copy brought something new. Copies that cannot
    /// be read or are encrypted with another key are left where they are
    /// and reported; a copy larger than any journal is renamed out of the
    /// way unread ([`SetAsideCopy`]), so no later save looks at it again. A
    /// name only some services give (`journal 2.ron`, `journal (1).ron`,
    /// `journal-LAPTOP.ron`) is a copy only in a folder a service syncs;
    /// there it is merged whatever decisions it shares with the journal
    /// (both computers may have written before their first sync).
    ///
    /// # Errors
    /// [`StorageError::NotDownloaded`] when the journal itself is only a
    /// placeholder; the storage errors of reading and writing the journal
    /// (nothing is written then, and every copy stays where it is).
    pub fn absorb_copies(&self) -> Result<CopyReport, StorageError> {
        let Found { copies, key_copies, not_downloaded } = sync_copies::scan(self.path());
        if not_downloaded.iter().any(|path| path == self.path()) && !self.path().exists() {
            return Err(StorageError::NotDownloaded { path: self.path().to_owned() });
        }
        let mut report = CopyReport {
            key_copies: key_copies.into_iter().map(|copy| copy.path).collect(),
            not_downloaded,
            ..CopyReport::default()
        };
        if copies.is_empty() {
            return Ok(report);
        }
        let _lock = self.lock()?;
        let seal = self.seal()?;
        let on_disk = match self.read() {
            Ok(loaded) => {
                if loaded.version < crate::storage::limits::CURRENT_VERSION {
                    // The original of an older file is kept for good before
                    // anything rewrites it, as opening it would.
                    self.keep_original(&loaded)?;
                }
                Some(loaded.contents)
            }
            Err(StorageError::NotFound { .. }) => None,
            Err(error) => return Err(error),
        };
        let mut contents = on_disk.clone().unwrap_or_default();
        let mut taken = Vec::new();
        let synced = sync_copies::synced_by(self.path()).is_some();
        for copy in copies {
            let theirs = match self.look_at(&copy, synced) {
                Look::NotACopy => continue,
                Look::Contents(theirs) => theirs,
                Look::Unmergeable(reason) => {
                    report.left.push(LeftCopy { copy: copy.path, reason });
                    continue;
                }
                Look::TooLarge(bytes) => {
                    let renamed = too_large_name(&copy.path);
                    match fs::rename(&copy.path, &renamed) {
                        Ok(()) => report.set_aside.push(SetAsideCopy { copy: copy.path, bytes, renamed }),
                        Err(error) => report.left.push(LeftCopy {
                            copy: copy.path,
                            reason: format!(
                                "it holds {} MiB, more than a journal can ({} MiB at most), so Keel did not read \
                                 it; it could not be renamed out of the way ({error})",
                                bytes / (1 << 20),
                                crate::storage::limits::MAX_JOURNAL_BYTES / (1 << 20)
                            ),
                        }),
                    }
                    continue;
                }
            };
            // What Keel refuses never enters the merge (crate::storage::admit).
            let mut theirs = theirs;
            let refused = crate::storage::admit::refuse_invalid(&mut theirs, crate::storage::files::now());
            let merged = merge::merge_copy(&contents, &theirs);
            taken.push(AbsorbedCopy {
                copy: copy.path,
                service: copy.name.service,
                added: merged.added,
                changed: merged.changed,
                removed: merged.removed,
                conflicts: merged.conflicts,
                kept_at: None,
                refused,
            });
            contents = merged.contents;
        }
        // In a fixed order (see `Contents::sort_canonically`): computers that
        // merged the same copies write the same bytes.
        contents.sort_canonically();
        let unchanged = on_disk.as_ref().is_some_and(|on_disk| same_as_sorted(on_disk, &contents));
        if !taken.is_empty() && !unchanged {
            self.write_locked(&contents, on_disk.as_ref().map(|contents| contents.journal.len()), seal)?;
        }
        // Only once the journal holds what they brought. A clear-text copy
        // of an encrypted journal is encrypted on its way into the backups.
        for mut copy in taken {
            copy.kept_at = match seal {
                // Never clear text among an encrypted journal's backups: a
                // copy that cannot be read or sealed stays where it is.
                Some(key) => match fs::read(&copy.copy) {
                    Ok(bytes) if crypto::is_encrypted(&bytes) => sync_copies::keep_copy(self.path(), &copy.copy).ok(),
                    Ok(bytes) => key
                        .encrypt(&bytes, &copy.copy)
                        .ok()
                        .and_then(|sealed| sync_copies::keep_copy_as(self.path(), &copy.copy, &sealed).ok()),
                    Err(_) => None,
                },
                None => sync_copies::keep_copy(self.path(), &copy.copy).ok(),
            };
            report.absorbed.push(copy);
        }
        if report.absorbed.iter().any(|copy| copy.kept_at.is_some()) {
            // Best effort: the journal holds what every copy brought, so a
            // kept copy not removed only takes room until the next time.
            sync_copies::rotate_kept(self.path(), crate::storage::files::now()).ok();
        }
        Ok(report)
    }

    /// Reads a conflict copy, decrypting it with the journal's key; the
    /// error is a reason in the user's words.
    fn read_copy(&self, path: &Path) -> Result<Contents, String> {
        let unreadable = |error: std::io::Error| format!("it cannot be read ({error})");
        let mut bytes = Vec::new();
        // Capped, in case it grows while it is read.
        fs::File::open(path)
            .and_then(|file| file.take(crate::storage::limits::MAX_JOURNAL_BYTES + 1).read_to_end(&mut bytes))
            .map_err(unreadable)?;
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > crate::storage::limits::MAX_JOURNAL_BYTES {
            return Err(format!(
                "it holds more than a journal can ({} MiB at most)",
                crate::storage::limits::MAX_JOURNAL_BYTES / (1 << 20)
            ));
        }
        let plain = if crypto::is_encrypted(&bytes) {
            if self.key().is_none() {
                return Err("it is encrypted: give the journal's passphrase (KEEL_PASSPHRASE, or when Keel asks) to \
                            merge it"
                    .to_owned());
            }
            self.plain(bytes, path).map_err(|_| {
                "it is encrypted with a key this passphrase does not open (made on another computer?): give that \
                 computer's passphrase to merge it"
                    .to_owned()
            })?
        } else {
            bytes
        };
        match parse_bytes(&plain, path) {
            // A newer Keel's field would be lost in the merge: leave it.
            Ok(crate::storage::format::Parsed { unknown_field: Some(field), .. }) => Err(format!(
                "it holds a field this Keel does not know (`{}`, line {}, column {}); update Keel to merge it",
                field.name, field.line, field.column
            )),
            Ok(parsed) => Ok(parsed.contents),
            Err(StorageError::Parse { line, column, message, .. }) => {
                Err(format!("it is not a journal Keel can read (line {line}, column {column}: {message})"))
            }
            Err(StorageError::FutureVersion { found, .. }) => {
                Err(format!("a newer Keel wrote it (file version {found}); update Keel to merge it"))
            }
            Err(error) => Err(error.to_string()),
        }
    }
}

#[cfg(test)]
mod tests;
