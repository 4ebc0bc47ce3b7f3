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
mod tests {
    use std::fs;

    use age::secrecy::SecretString;
    use jiff::Timestamp;
    use jiff::civil::date;

    use super::*;
    use crate::model::{Decision, DecisionDraft, DecisionId, Journal};
    use crate::storage::{Tombstone, contents_to_text};

    const SYNCTHING_COPY: &str = "journal.sync-conflict-20261201-085003-DECYF6G.ron";

    fn decision(id: &str, title: &str, updated_s: i64) -> Decision {
        let at = Timestamp::from_second(updated_s).expect("valid");
        let mut decision = DecisionDraft { title: title.into(), date: Some(date(2026, 11, 30)), ..Default::default() }
            .into_new_decision(date(2026, 11, 30), at)
            .expect("valid");
        decision.id = DecisionId(id.into());
        decision
    }

    fn write(path: &Path, decisions: Vec<Decision>, deleted: &[Tombstone]) {
        fs::write(path, contents_to_text(&Journal::new(decisions), deleted)).expect("write");
    }

    fn titles(store: &Store) -> Vec<String> {
        let mut titles: Vec<String> =
            store.read().expect("readable").contents.journal.decisions().iter().map(|d| d.title.clone()).collect();
        titles.sort();
        titles
    }

    fn store_in(dir: &Path) -> Store {
        Store::new(dir.join("journal.ron")).with_cache(None)
    }

    /// Marks `dir` as a Syncthing folder, where ambiguous names are copies.
    fn synced(dir: &Path) {
        fs::create_dir_all(dir.join(".stfolder")).expect("marker");
    }

    #[test]
    fn a_syncthing_copy_is_merged_and_moved_into_the_backups() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_in(dir.path());
        write(store.path(), vec![decision("a", "Shared", 1), decision("b", "Laptop's", 2)], &[]);
        let copy = dir.path().join(SYNCTHING_COPY);
        write(&copy, vec![decision("a", "Shared", 1), decision("c", "Desktop's", 3)], &[]);

        let report = store.absorb_copies().expect("absorbed");
        assert_eq!(titles(&store), ["Desktop's", "Laptop's", "Shared"]);
        assert!(!copy.exists(), "the copy no longer sits beside the journal");
        let kept = report.absorbed[0].kept_at.clone().expect("kept");
        assert!(kept.starts_with(sync_copies::kept_folder(store.path())));
        assert_eq!(
            fs::read_to_string(kept).expect("kept copy"),
            contents_to_text(&Journal::new(vec![decision("a", "Shared", 1), decision("c", "Desktop's", 3)]), &[])
        );
        let sentences = report.sentences();
        assert!(
            sentences[0].starts_with(
                "Merged 1 decision from a copy your sync service (Syncthing) made: journal.sync-conflict-"
            ),
            "{sentences:?}"
        );
        // A second run finds nothing to do.
        assert!(store.absorb_copies().expect("nothing").is_empty());
    }

    #[test]
    fn a_copy_that_brings_nothing_new_leaves_the_journal_unwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_in(dir.path());
        write(store.path(), vec![decision("a", "A", 1), decision("b", "B", 2)], &[]);
        write(&dir.path().join("journal (Ana's conflicted copy 2026-11-30).ron"), vec![decision("a", "A", 1)], &[]);
        let before = crate::storage::FileStamp::current(store.path());
        let report = store.absorb_copies().expect("absorbed");
        assert_eq!(crate::storage::FileStamp::current(store.path()), before, "not rewritten");
        assert!(report.sentences()[0].starts_with("A copy Dropbox made held nothing new"));
        assert!(store.backups().expect("listed").is_empty(), "no backup of an unchanged journal");
    }

    #[test]
    fn broken_copies_stay_where_they_are_and_are_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        synced(dir.path());
        let store = store_in(dir.path());
        write(store.path(), vec![decision("a", "A", 1)], &[]);
        let journal_bytes = fs::read(store.path()).expect("journal");
        let broken = dir.path().join("journal (conflicted copy 2026-11-30 093612).ron");
        fs::write(&broken, "(version: 2, decisions: [(id: ").expect("write");

        let report = store.absorb_copies().expect("reported");
        assert!(report.absorbed.is_empty());
        assert_eq!(report.left.len(), 1);
        assert!(broken.exists(), "nothing deleted or guessed at");
        assert_eq!(fs::read(store.path()).expect("journal"), journal_bytes);
        let text = report.sentences().join("\n");
        assert!(text.contains("is not a journal Keel can read (line 1"), "{text}");
    }

    #[test]
    fn in_a_synced_folder_a_copy_sharing_no_decision_is_merged_all_the_same() {
        // Both computers wrote before their first sync (Keel opened on the
        // new one before the service had downloaded the journal): the
        // service's copy shares nothing with the journal, and is still its
        // copy. OneDrive's, iCloud's and Google Drive's names.
        for (folder_name, copy_name) in
            [("OneDrive", "journal-LAPTOP.ron"), ("iCloud Drive", "journal 2.ron"), ("My Drive", "journal (1).ron")]
        {
            let root = tempfile::tempdir().expect("temp dir");
            let dir = root.path().join(folder_name);
            fs::create_dir_all(&dir).expect("folder");
            let store = store_in(&dir);
            write(store.path(), vec![decision("a", "Written here", 1)], &[]);
            let copy = dir.join(copy_name);
            write(&copy, vec![decision("x", "Written on the other computer", 2)], &[]);

            let report = store.absorb_copies().expect("absorbed");
            assert!(report.left.is_empty(), "{folder_name}: {:?}", report.left);
            assert_eq!(report.absorbed.len(), 1, "{folder_name}");
            assert_eq!(titles(&store), ["Written here", "Written on the other computer"], "{folder_name}");
            assert!(!copy.exists(), "{folder_name}: moved into the backups");
        }
    }

    #[test]
    fn a_copy_too_large_for_a_journal_is_set_aside_unread_once_with_one_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_in(dir.path());
        write(store.path(), vec![decision("a", "A", 1)], &[]);
        let journal_bytes = fs::read(store.path()).expect("journal");
        let copy = dir.path().join(SYNCTHING_COPY);
        // Sparse: over the cap without taking the disk space.
        fs::File::create(&copy).expect("created").set_len(crate::storage::MAX_JOURNAL_BYTES + 1).expect("sized");

        // A reading command names it, and does not say it will be merged.
        let looked = store.pending_copies();
        assert!(looked.pending.is_empty(), "{looked:?}");
        let said = looked.sentences().join("\n");
        assert!(said.contains("so Keel never reads it"), "{said}");
        assert!(!said.contains("merges it the next time"), "{said}");

        let report = store.absorb_copies().expect("set aside");
        assert!(report.absorbed.is_empty() && report.left.is_empty(), "{report:?}");
        let renamed = dir.path().join(format!("{SYNCTHING_COPY}.too-large"));
        assert_eq!(
            report.set_aside,
            [SetAsideCopy {
                copy: copy.clone(),
                bytes: crate::storage::MAX_JOURNAL_BYTES + 1,
                renamed: renamed.clone()
            }]
        );
        let said = report.sentences();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("holds 1024 MiB, more than a journal can (1024 MiB at most)"), "{said:?}");
        assert!(!copy.exists() && renamed.exists(), "renamed, not deleted");
        assert_eq!(fs::read(store.path()).expect("journal"), journal_bytes, "the journal is not rewritten");

        // The next writes neither read it nor say anything about it.
        assert!(store.absorb_copies().expect("nothing").is_empty());
        assert!(store.pending_copies().is_empty());
    }

    #[test]
    fn a_reading_look_says_a_copy_is_merged_later_only_when_it_can_be() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_in(dir.path());
        write(store.path(), vec![decision("a", "A", 1)], &[]);
        let good = dir.path().join(SYNCTHING_COPY);
        write(&good, vec![decision("a", "A", 1), decision("b", "B", 2)], &[]);
        let broken = dir.path().join("journal (conflicted copy 2026-11-30 093612).ron");
        fs::write(&broken, "(version: 2, decisions: [(id: ").expect("write");
        let newer = dir.path().join("journal_conflict-20261130-093612.ron");
        fs::write(&newer, "(version: 99, decisions: [])").expect("write");

        let report = store.pending_copies();
        assert_eq!(report.pending.iter().map(|copy| copy.path.clone()).collect::<Vec<_>>(), [good]);
        let mut left: Vec<PathBuf> = report.left.iter().map(|left| left.copy.clone()).collect();
        left.sort();
        assert_eq!(left, [broken, newer]);
        let said = report.sentences();
        assert_eq!(said.iter().filter(|line| line.contains("merges it the next time")).count(), 1, "{said:?}");
        assert!(said.iter().any(|line| line.contains("is not a journal Keel can read")), "{said:?}");
        assert!(said.iter().any(|line| line.contains("a newer Keel wrote it")), "{said:?}");
    }

    #[test]
    fn kept_copies_are_rotated_like_backups_the_last_kept_staying() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_in(dir.path());
        write(store.path(), vec![decision("a", "A", 1)], &[]);
        let kept = sync_copies::kept_folder(store.path());
        fs::create_dir_all(&kept).expect("folder");
        // 300 copies kept before, one every six hours (75 days): far more
        // than rotation keeps.
        let now = std::time::SystemTime::now();
        for hour in 0..300_u64 {
            let old = kept.join(format!("journal.sync-conflict-old-{hour:03}.ron"));
            fs::write(&old, format!("copy {hour}")).expect("write");
            let when = now - std::time::Duration::from_secs(6 * 3600 * (hour + 1));
            fs::File::options().write(true).open(&old).expect("open").set_modified(when).expect("dated");
        }
        let copy = dir.path().join(SYNCTHING_COPY);
        write(&copy, vec![decision("a", "A", 1), decision("b", "B", 2)], &[]);

        let report = store.absorb_copies().expect("absorbed");
        let newest = report.absorbed[0].kept_at.clone().expect("kept");
        assert!(newest.exists(), "the copy just kept stays");
        let left: Vec<String> = fs::read_dir(&kept)
            .expect("list")
            .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        let most =
            crate::storage::backup::KEEP_LAST + usize::try_from(crate::storage::backup::KEEP_DAYS).expect("days");
        assert!(left.len() <= most, "{} kept: {left:?}", left.len());
        // The newest before it stay; the oldest go.
        for hour in 0..crate::storage::backup::KEEP_LAST - 1 {
            assert!(left.contains(&format!("journal.sync-conflict-old-{hour:03}.ron")), "{hour}: {left:?}");
        }
        assert!(!left.contains(&"journal.sync-conflict-old-299.ron".to_owned()), "{left:?}");
    }

    #[test]
    fn an_older_copy_never_revives_a_decision_deleted_since() {
        let dir = tempfile::tempdir().expect("temp dir");
        synced(dir.path());
        let store = store_in(dir.path());
        let deleted_at = Timestamp::from_second(50).expect("valid");
        write(store.path(), vec![decision("a", "A", 1)], &[Tombstone::legacy(DecisionId("b".into()), deleted_at)]);
        write(&dir.path().join("journal-LAPTOP.ron"), vec![decision("a", "A", 1), decision("b", "B", 5)], &[]);
        let report = store.absorb_copies().expect("absorbed");
        assert_eq!(report.absorbed.len(), 1, "shares decision a, so it is a copy");
        assert_eq!(titles(&store), ["A"]);
    }

    #[test]
    fn two_computers_that_merge_the_same_decisions_write_the_same_bytes() {
        let (laptop, desktop) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
        let (a, b, c) = (decision("a", "A", 1), decision("b", "B", 2), decision("c", "C", 3));
        // Each computer holds its own version and the other's as the copy,
        // in a different order.
        write(&laptop.path().join("journal.ron"), vec![b.clone(), a.clone()], &[]);
        write(&laptop.path().join(SYNCTHING_COPY), vec![a.clone(), c.clone()], &[]);
        write(&desktop.path().join("journal.ron"), vec![c, a.clone()], &[]);
        write(&desktop.path().join(SYNCTHING_COPY), vec![a, b], &[]);
        store_in(laptop.path()).absorb_copies().expect("laptop");
        store_in(desktop.path()).absorb_copies().expect("desktop");
        assert_eq!(
            fs::read(laptop.path().join("journal.ron")).expect("laptop"),
            fs::read(desktop.path().join("journal.ron")).expect("desktop")
        );
    }

    #[test]
    fn a_placeholder_journal_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_in(dir.path());
        fs::write(dir.path().join(".journal.ron.icloud"), "placeholder").expect("write");
        write(&dir.path().join("journal 2.ron"), vec![decision("a", "A", 1)], &[]);
        let error = store.absorb_copies().expect_err("refused");
        assert!(error.to_string().contains("not downloaded yet"), "{error}");
        assert!(!store.path().exists());
    }

    #[test]
    fn encrypted_copies_merge_with_the_same_key_only_and_plain_copies_are_kept_encrypted() {
        let dir = tempfile::tempdir().expect("temp dir");
        synced(dir.path());
        let mut store = store_in(dir.path());
        write(store.path(), vec![decision("a", "A", 1)], &[]);
        store.encrypt(&SecretString::from("correct horse".to_owned())).expect("encrypted");
        let key = store.key().expect("key").clone();
        let plain_copy = dir.path().join("journal (1).ron");
        write(&plain_copy, vec![decision("a", "A", 1), decision("p", "From a plain copy", 2)], &[]);
        let same_key = dir.path().join(SYNCTHING_COPY);
        let text = contents_to_text(&Journal::new(vec![decision("a", "A", 1), decision("s", "Same key", 3)]), &[]);
        fs::write(&same_key, key.encrypt(text.as_bytes(), &same_key).expect("sealed")).expect("write");
        let other_dir = tempfile::tempdir().expect("temp dir");
        let mut other = store_in(other_dir.path());
        write(other.path(), vec![decision("a", "A", 1)], &[]);
        other.encrypt(&SecretString::from("another".to_owned())).expect("encrypted");
        let other_key = dir.path().join("journal.sync-conflict-20261201-090000-ZZZZZZZ.ron");
        let sealed = other.key().expect("key").encrypt(text.as_bytes(), &other_key).expect("sealed");
        fs::write(&other_key, sealed).expect("write");

        let report = store.absorb_copies().expect("absorbed");
        assert_eq!(titles(&store), ["A", "From a plain copy", "Same key"]);
        assert_eq!(report.left.len(), 1);
        assert!(report.left[0].reason.contains("a key this passphrase does not open"), "{}", report.left[0].reason);
        assert!(other_key.exists());
        for copy in &report.absorbed {
            let kept = fs::read(copy.kept_at.as_ref().expect("kept")).expect("read");
            assert!(crypto::is_encrypted(&kept), "no clear text in an encrypted journal's backups");
        }
    }

    #[test]
    fn outside_a_synced_folder_a_file_named_like_a_copy_is_the_users_own() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_in(dir.path());
        write(store.path(), vec![decision("a", "A", 1)], &[]);
        let download = dir.path().join("journal (1).ron");
        write(&download, vec![decision("a", "A", 1), decision("b", "B", 2)], &[]);
        let report = store.absorb_copies().expect("nothing to do");
        assert!(report.absorbed.is_empty() && report.left.is_empty());
        assert!(download.exists(), "neither merged nor moved");
        assert_eq!(titles(&store), ["A"]);
    }

    #[test]
    fn a_copy_from_a_newer_keel_with_a_field_this_one_lacks_is_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_in(dir.path());
        write(store.path(), vec![decision("a", "A", 1)], &[]);
        let copy = dir.path().join(SYNCTHING_COPY);
        let text = contents_to_text(&Journal::new(vec![decision("b", "B", 2)]), &[]);
        fs::write(&copy, text.replacen("title:", "mood: \"calm\",\n            title:", 1)).expect("write");
        let report = store.absorb_copies().expect("reported");
        assert!(report.absorbed.is_empty());
        assert!(report.left[0].reason.contains("`mood`"), "{:?}", report.left);
        assert!(copy.exists());
        assert_eq!(titles(&store), ["A"]);
    }
}
