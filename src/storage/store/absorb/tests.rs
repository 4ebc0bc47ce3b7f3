//! Tests of absorbing the sync services' conflict copies ([`super`]).

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
        sentences[0]
            .starts_with("Merged 1 decision from a copy your sync service (Syncthing) made: journal.sync-conflict-"),
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
        [SetAsideCopy { copy: copy.clone(), bytes: crate::storage::MAX_JOURNAL_BYTES + 1, renamed: renamed.clone() }]
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
    let most = crate::storage::backup::KEEP_LAST + usize::try_from(crate::storage::backup::KEEP_DAYS).expect("days");
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
