//! Absorbing the conflict copies sync services make of a journal: each is
//! merged by id with tombstones ([`merge::merge_copy`]), then moved into the
//! backups, so no decision written on another computer stays hidden and
//! nothing is deleted that cannot be restored.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::lock::JournalLock;
use super::merge::{self, Conflict, Contents};
use super::sync_copies::{self, Found, FoundCopy, Service};
use super::{StorageError, Store, crypto, parse_bytes};

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
    /// named with why ([`super::admit`]): left out of the merge, so they
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

/// What absorbing (or just looking for) conflict copies found and did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CopyReport {
    /// Copies merged into the journal.
    pub absorbed: Vec<AbsorbedCopy>,
    /// Copies left alone: unreadable, encrypted with another key, or not
    /// plainly a copy of this journal.
    pub left: Vec<LeftCopy>,
    /// Copies seen but not merged because nothing was to be written (a
    /// reading command); the next write merges them.
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

/// Whether two journals share any decision or tombstone id: copies of one
/// journal always do, separate journals never.
fn share_any_id(a: &Contents, b: &Contents) -> bool {
    let ids: HashSet<&str> = a
        .journal
        .decisions()
        .iter()
        .map(|d| d.id.0.as_str())
        .chain(a.deleted.iter().map(|t| t.id.0.as_str()))
        .collect();
    b.journal.decisions().iter().any(|d| ids.contains(d.id.0.as_str()))
        || b.deleted.iter().any(|t| ids.contains(t.id.0.as_str()))
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
    /// What sync services left beside the journal, without reading or
    /// writing anything: for commands that only read.
    #[must_use]
    pub fn pending_copies(&self) -> CopyReport {
        let Found { copies, key_copies, not_downloaded } = sync_copies::scan(self.path());
        CopyReport {
            pending: copies,
            key_copies: key_copies.into_iter().map(|copy| copy.path).collect(),
            not_downloaded,
            ..CopyReport::default()
        }
    }

    /// Merges every conflict copy of the journal into it, under the lock, and
    /// moves each merged copy into the backups. The journal is rewritten only
    /// when a copy brought something new. Copies that cannot be read, are
    /// encrypted with another key, or (named ambiguously) share no decision
    /// with the journal are left where they are and reported.
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
        let _lock = JournalLock::acquire(self.path())?;
        let seal = self.seal()?;
        let on_disk = match self.read() {
            Ok(loaded) => {
                if loaded.version < super::CURRENT_VERSION {
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
        for copy in copies {
            let (theirs, refused) = match self.read_copy(&copy.path) {
                // What Keel refuses never enters the merge (super::admit).
                Ok(mut theirs) => {
                    let refused = super::admit::refuse_invalid(&mut theirs, super::now());
                    (theirs, refused)
                }
                Err(reason) => {
                    report.left.push(LeftCopy { copy: copy.path, reason });
                    continue;
                }
            };
            if copy.name.ambiguous && sync_copies::synced_by(self.path()).is_none() {
                // `journal (1).ron` in a folder no service syncs is the
                // user's own file (a download, a copy they made): not ours
                // to merge or move.
                continue;
            }
            if copy.name.ambiguous && !contents.journal.is_empty() && !share_any_id(&contents, &theirs) {
                report.left.push(LeftCopy {
                    copy: copy.path,
                    reason: format!(
                        "its name looks like a copy {} makes, but it shares no decision with {}, so it may be a \
                         journal of its own",
                        copy.name.service,
                        name_of(self.path())
                    ),
                });
                continue;
            }
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
        Ok(report)
    }

    /// Reads a conflict copy, decrypting it with the journal's key; the
    /// error is a reason in the user's words.
    fn read_copy(&self, path: &Path) -> Result<Contents, String> {
        let bytes = fs::read(path).map_err(|error| format!("it cannot be read ({error})"))?;
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
            Ok(super::Parsed { unknown_field: Some(field), .. }) => Err(format!(
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
    fn broken_copies_and_strangers_stay_where_they_are_and_are_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        synced(dir.path());
        let store = store_in(dir.path());
        write(store.path(), vec![decision("a", "A", 1)], &[]);
        let journal_bytes = fs::read(store.path()).expect("journal");
        let broken = dir.path().join("journal (conflicted copy 2026-11-30 093612).ron");
        fs::write(&broken, "(version: 2, decisions: [(id: ").expect("write");
        let stranger = dir.path().join("journal 2.ron");
        write(&stranger, vec![decision("x", "Someone else's", 1)], &[]);

        let report = store.absorb_copies().expect("reported");
        assert!(report.absorbed.is_empty());
        assert_eq!(report.left.len(), 2);
        assert!(broken.exists() && stranger.exists(), "nothing deleted or guessed at");
        assert_eq!(fs::read(store.path()).expect("journal"), journal_bytes);
        let text = report.sentences().join("\n");
        assert!(text.contains("is not a journal Keel can read (line 1"), "{text}");
        assert!(text.contains("shares no decision with journal.ron"), "{text}");
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
