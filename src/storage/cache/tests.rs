use std::fs;
use std::path::PathBuf;

use jiff::civil::date;

use super::{Cache, MIN_CACHED_BYTES};
use crate::model::{Decision, DecisionId, Journal};
use crate::samples::synthetic::synthetic_journal;
use crate::storage::{StorageError, Store, contents_to_text};

struct Setup {
    _folder: tempfile::TempDir,
    journal: PathBuf,
    cache: Cache,
}

impl Setup {
    fn new() -> Self {
        let folder = tempfile::tempdir().expect("temp dir");
        let journal = folder.path().join("journal.ron");
        let cache = Cache::in_folder(folder.path().join("cache"));
        Self { _folder: folder, journal, cache }
    }

    fn store(&self) -> Store {
        Store::new(self.journal.clone()).with_cache(Some(self.cache.clone()))
    }

    fn cache_file(&self) -> PathBuf {
        self.cache.file_for(&self.journal)
    }
}

/// A journal of more than [`MIN_CACHED_BYTES`].
fn large_journal() -> Journal {
    let journal = synthetic_journal(2_500, 3, date(2026, 11, 29));
    assert!(crate::storage::to_text(&journal).len() > MIN_CACHED_BYTES, "large enough to be cached");
    journal
}

fn save(store: &Store, journal: &Journal) {
    store
        .update(|current| {
            current.clone_from(journal);
            Ok::<(), StorageError>(())
        })
        .expect("saved");
}

#[test]
fn a_save_caches_a_large_journal_and_the_next_read_uses_the_cache() {
    let setup = Setup::new();
    let journal = large_journal();
    save(&setup.store(), &journal);
    assert!(setup.cache_file().exists(), "the save wrote the cache");
    assert_eq!(setup.store().read().expect("reads").contents.journal, journal);

    // Proof the read came from the cache: a title changed only in the cache
    // (its key line intact) shows up.
    let first_title = &journal.decisions()[0].title;
    let cached = fs::read_to_string(setup.cache_file()).expect("cache");
    fs::write(setup.cache_file(), cached.replacen(first_title.as_str(), "Changed only in the cache", 1)).expect("w");
    let read = setup.store().read().expect("reads").contents.journal;
    assert_eq!(read.decisions()[0].title, "Changed only in the cache");
}

#[test]
fn a_journal_changed_on_disk_is_parsed_again_never_read_from_a_stale_cache() {
    let setup = Setup::new();
    let journal = large_journal();
    save(&setup.store(), &journal);
    // Edited outside Keel: same length, one letter different.
    let text = fs::read_to_string(&setup.journal).expect("journal");
    let first_title = &journal.decisions()[0].title;
    let mut edited_title = first_title.clone();
    edited_title.replace_range(0..1, if first_title.starts_with('X') { "Y" } else { "X" });
    fs::write(&setup.journal, text.replacen(first_title.as_str(), &edited_title, 1)).expect("edited");

    let read = setup.store().read().expect("reads").contents.journal;
    assert_eq!(read.decisions()[0].title, edited_title);
    // And the cache now matches the edited file.
    let cached = fs::read_to_string(setup.cache_file()).expect("cache");
    assert!(cached.contains(&edited_title));
}

#[test]
fn a_broken_or_foreign_cache_is_ignored() {
    let setup = Setup::new();
    let journal = large_journal();
    save(&setup.store(), &journal);
    let cached = fs::read_to_string(setup.cache_file()).expect("cache");
    let (key_line, json) = cached.split_once('\n').expect("key line");
    let other_version = key_line.replacen(env!("CARGO_PKG_VERSION"), "0.0.0-other", 1);
    for broken in [
        format!("{key_line}\n{}", &json[..json.len() / 2]),
        format!("{other_version}\n{json}").replacen(journal.decisions()[0].title.as_str(), "From another Keel", 1),
        "not a cache at all".to_owned(),
    ] {
        fs::write(setup.cache_file(), broken).expect("written");
        assert_eq!(setup.store().read().expect("reads").contents.journal, journal);
    }
}

#[test]
fn every_field_reads_back_from_the_cache_as_from_the_file() {
    let setup = Setup::new();
    let mut journal = large_journal();
    let mut unusual: Decision = crate::storage::ron_writer::tests::every_field();
    unusual.id = DecisionId("every-field".into());
    journal.push(unusual);
    journal.record_brief(crate::model::BriefMark::new(Some("Zoë"), date(2026, 3, 1)));
    journal.record_brief(crate::model::BriefMark::new(None, date(2026, 3, 2)));
    // Goals, reflections and a removed goal's tombstone (file version 4).
    let now = jiff::Timestamp::UNIX_EPOCH;
    let goal = |title: &str| {
        let mut goal =
            crate::model::Goal::new(title, crate::model::GoalKind::Results, date(2026, 3, 2), date(2026, 4, 26), now);
        goal.min_percent = Some(60);
        goal
    };
    journal.add_goal(goal("Kept"));
    let gone = goal("Removed");
    journal.add_goal(gone.clone());
    journal.remove_goal(&gone.id, now);
    let answers = vec![crate::model::Answer { question: "Q?".into(), answer: "A.".into() }];
    journal.save_reflection(crate::model::Reflection::new(date(2026, 3, 4), answers, now));
    let store = setup.store();
    save(&store, &journal);
    let from_cache = store.read().expect("reads").contents;
    let from_file = store.clone().with_cache(None).read().expect("reads").contents;
    assert_eq!(from_cache, from_file);
    assert_eq!(from_cache.journal.goals().len(), 1);
    assert_eq!(from_cache.journal.reflections().len(), 1);
    assert_eq!(from_cache.journal.removed_records().len(), 1);
}

#[test]
fn small_journals_are_not_cached() {
    let setup = Setup::new();
    let journal = synthetic_journal(50, 3, date(2026, 11, 29));
    assert!(contents_to_text(&journal, &[]).len() < MIN_CACHED_BYTES);
    save(&setup.store(), &journal);
    setup.store().read().expect("reads");
    assert!(!setup.cache_file().exists());
}

#[test]
fn encrypting_removes_the_cache_and_an_encrypted_journal_is_never_cached() {
    let setup = Setup::new();
    let journal = large_journal();
    save(&setup.store(), &journal);
    assert!(setup.cache_file().exists());
    let mut store = setup.store();
    store.encrypt(&"open sesame".to_owned().into()).expect("encrypted");
    assert!(!setup.cache_file().exists(), "no clear-text copy left in the cache");
    assert_eq!(store.read().expect("reads with the key").contents.journal, journal);
    save(&store, &journal);
    assert!(!setup.cache_file().exists(), "reads and saves of an encrypted journal write no cache");
}

#[test]
fn caches_of_journals_gone_and_temporary_files_left_by_killed_writers_are_removed() {
    let setup = Setup::new();
    let gone_folder = tempfile::tempdir().expect("temp dir");
    let gone = gone_folder.path().join("journal.ron");
    let journal = large_journal();
    let other = Store::new(gone.clone()).with_cache(Some(setup.cache.clone()));
    save(&other, &journal);
    let gone_cache = setup.cache.file_for(&gone);
    assert!(gone_cache.exists());
    drop(gone_folder);

    let fresh_temp = setup.cache.folder.join(".keel-cache-being-written");
    let old_temp = setup.cache.folder.join(".keel-cache-killed");
    for temp in [&fresh_temp, &old_temp] {
        fs::write(temp, "half a cache").expect("written");
    }
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(1);
    fs::File::options().write(true).open(&old_temp).expect("open").set_modified(long_ago).expect("set time");

    save(&setup.store(), &journal);
    assert!(setup.cache_file().exists(), "the journal's own cache stays");
    assert!(!gone_cache.exists(), "the cache of a journal that is gone is removed");
    assert!(!old_temp.exists(), "a temporary file left by a killed writer is removed");
    assert!(fresh_temp.exists(), "one that may still be being written stays");
}

#[test]
fn a_journal_encrypted_elsewhere_loses_its_cache_here_on_the_next_read() {
    let setup = Setup::new();
    save(&setup.store(), &large_journal());
    assert!(setup.cache_file().exists());
    // Another Keel (another device), with no access to this cache, encrypts it.
    let mut elsewhere = Store::new(setup.journal.clone()).with_cache(None);
    elsewhere.encrypt(&"open sesame".to_owned().into()).expect("encrypted");
    assert!(setup.cache_file().exists(), "the other Keel could not remove it");
    // This Keel reads the file, even without the passphrase: the clear copy goes.
    assert!(matches!(setup.store().read(), Err(StorageError::Locked { .. })));
    assert!(!setup.cache_file().exists());
}

#[test]
fn encrypting_names_only_the_journals_own_earlier_caches_and_removes_every_gone_one() {
    let setup = Setup::new();
    let folder = setup.journal.parent().expect("folder").to_owned();
    let (moved_from, stranger) = (folder.join("before-the-move.ron"), folder.join("someone-else.ron"));
    let mine = large_journal();
    save(&Store::new(moved_from.clone()).with_cache(Some(setup.cache.clone())), &mine);
    save(
        &Store::new(stranger.clone()).with_cache(Some(setup.cache.clone())),
        &synthetic_journal(2_500, 4, date(2026, 11, 29)),
    );
    fs::rename(&moved_from, &setup.journal).expect("moved");
    fs::remove_file(&stranger).expect("deleted");
    let ids: Vec<&str> = mine.decisions().iter().take(3).map(|d| d.id.0.as_str()).collect();

    let named = setup.cache.forget_with_gone(&setup.journal, &ids).expect("removed");

    assert_eq!(named, std::slice::from_ref(&moved_from), "only this journal's earlier place is named");
    assert!(!setup.cache.file_for(&moved_from).exists());
    assert!(!setup.cache.file_for(&stranger).exists(), "a gone stranger's cache is removed too");
}
