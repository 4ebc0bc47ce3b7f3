use std::fs;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::date;

use super::{Cache, MIN_CACHED_BYTES, SourceKey};
use crate::model::{
    Answer, BriefMark, Decision, DecisionId, Goal, GoalKind, Journal, RecordKind, RecordTombstone, Reflection, Review,
    ReviewResult, Situation, Style, TalkingPoint, Version,
};
use crate::samples::synthetic::synthetic_journal;
use crate::storage::merge::{Contents, Tombstone};
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

    /// The key of the journal's bytes on disk.
    fn key(&self) -> SourceKey {
        SourceKey::of(&fs::read(&self.journal).expect("journal")).expect("large enough to be cached")
    }

    /// What the journal's file holds, parsed from the RON (no cache).
    fn parsed(&self) -> Contents {
        self.store().with_cache(None).read().expect("reads").contents
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

/// Equal, versions included: decisions compare without theirs, so each
/// is compared with [`Decision::identical`] too.
fn assert_identical(read: &Contents, expected: &Contents) {
    assert_eq!(read, expected);
    let (read_decisions, expected_decisions) = (read.journal.decisions(), expected.journal.decisions());
    assert_eq!(read_decisions.len(), expected_decisions.len());
    for (read, expected) in read_decisions.iter().zip(expected_decisions) {
        assert!(read.identical(expected), "{read:?}\n!=\n{expected:?}");
    }
    assert_eq!(read.deleted, expected.deleted);
    assert_eq!(read.journal.goals(), expected.journal.goals());
    assert_eq!(read.journal.reflections(), expected.journal.reflections());
    assert_eq!(read.journal.removed_records(), expected.journal.removed_records());
    assert_eq!(read.journal.talking_points(), expected.journal.talking_points());
    assert_eq!(read.journal.briefs(), expected.journal.briefs());
}

/// Contents with every field of every stored type set, none to its
/// default, and every value of every enum used somewhere: a field or a
/// value the cache dropped or mixed up would read back different.
fn every_field_contents() -> Contents {
    let at = Timestamp::from_second(1_780_000_000).expect("valid");
    let odd_instant = Timestamp::new(-1_234_567, 987_654_321).expect("valid");
    let version = Version {
        seen: vec![
            crate::model::version::DeviceEdits { device: "3f9a1c2e07b4".into(), edits: 7 },
            crate::model::version::DeviceEdits { device: "legacy".into(), edits: u64::MAX },
        ],
        at: odd_instant,
        tick: 42,
        by: "3f9a1c2e07b4".into(),
    };
    let full = crate::storage::ron_writer::tests::every_field();
    let mut decisions = vec![Decision {
        review: Some(Review {
            reviewed_on: date(2026, 4, 3),
            outcome: "Landed Monday".into(),
            result: ReviewResult::Worse,
            process: Some(4),
            lesson: "Cut earlier".into(),
        }),
        ..full.clone()
    }];
    // Every style (and none), situation and review result, one a decision.
    for (n, style) in Style::ALL.into_iter().map(Some).chain([None]).enumerate() {
        decisions.push(Decision { id: DecisionId(format!("style-{n}")), style, review: None, ..full.clone() });
    }
    for (n, situation) in Situation::ALL.into_iter().enumerate() {
        decisions.push(Decision {
            id: DecisionId(format!("situation-{n}")),
            situations: vec![situation],
            ..full.clone()
        });
    }
    for (n, result) in ReviewResult::ALL.into_iter().enumerate() {
        let review = full.review.clone().map(|review| Review { result, ..review });
        decisions.push(Decision { id: DecisionId(format!("result-{n}")), review, ..full.clone() });
    }
    // And the sparsest decision: every optional part empty.
    decisions.push(Decision { id: DecisionId("bare".into()), title: "Bare".into(), ..Decision::default() });
    let (mut goals, mut reflections, mut removed) = crate::storage::ron_writer::tests::records();
    for (n, kind) in GoalKind::ALL.into_iter().enumerate() {
        goals.push(Goal {
            id: format!("goal-kind-{n}"),
            kind,
            style: None,
            version: version.clone(),
            ..goals[0].clone()
        });
    }
    reflections.push(Reflection {
        id: "reflection-2".into(),
        answers: vec![Answer { question: "Q?".into(), answer: String::new() }],
        version: version.clone(),
        ..reflections[0].clone()
    });
    removed.push(RecordTombstone {
        id: "reflection-0".into(),
        kind: RecordKind::Reflection,
        deleted_at: odd_instant,
        version: version.clone(),
    });
    let mut point = TalkingPoint::new("Zoë", "Ask about the rota", date(2026, 3, 1));
    point.done = Some(date(2026, 3, 9));
    let journal = Journal::new(decisions)
        .with_talking_points(vec![point, TalkingPoint::new("Ana", "Open", date(2026, 3, 2))])
        .with_briefs(vec![BriefMark::new(Some("Zoë"), date(2026, 3, 1)), BriefMark::new(None, date(2026, 3, 2))])
        .with_records(goals, reflections, removed);
    let deleted = vec![
        Tombstone { id: DecisionId("gone".into()), deleted_at: at, version },
        Tombstone::legacy(DecisionId("gone-long-ago".into()), Timestamp::UNIX_EPOCH),
    ];
    Contents::new(journal, deleted)
}

#[test]
fn every_field_and_every_value_round_trips_through_the_cache_exactly() {
    let setup = Setup::new();
    let contents = every_field_contents();
    let key = SourceKey::of(&vec![b'x'; MIN_CACHED_BYTES]).expect("a key");
    setup.cache.store(&setup.journal, key, &contents).expect("cached");
    let read = setup.cache.load(&setup.journal, key).expect("read back");
    assert_identical(&read, &contents);
}

#[test]
fn a_save_caches_a_large_journal_and_the_next_read_uses_the_cache() {
    let setup = Setup::new();
    let journal = large_journal();
    save(&setup.store(), &journal);
    assert!(setup.cache_file().exists(), "the save wrote the cache");
    assert_identical(&setup.store().read().expect("reads").contents, &setup.parsed());
    assert_eq!(setup.store().read().expect("reads").contents.journal, journal);

    // Proof the read came from the cache: a title changed only in the cache
    // (made for the same bytes) shows up.
    let mut changed = setup.parsed();
    let mut decisions = changed.journal.decisions().to_vec();
    decisions[0].title = "Changed only in the cache".into();
    changed.journal = Journal::new(decisions);
    setup.cache.store(&setup.journal, setup.key(), &changed).expect("cached");
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
    let edited_title = same_length_retitle(first_title);
    fs::write(&setup.journal, text.replacen(first_title.as_str(), &edited_title, 1)).expect("edited");

    let read = setup.store().read().expect("reads").contents.journal;
    assert_eq!(read.decisions()[0].title, edited_title);
    // And the cache now matches the edited file.
    let cached = setup.cache.load(&setup.journal, setup.key()).expect("cached for the edited bytes");
    assert_eq!(cached.journal.decisions()[0].title, edited_title);
}

#[test]
fn a_cache_read_before_the_journal_is_hashed_is_handed_out_only_for_the_bytes_it_was_made_from() {
    let setup = Setup::new();
    let journal = large_journal();
    save(&setup.store(), &journal);
    let key = setup.key();
    let len = fs::metadata(&setup.journal).expect("journal").len();
    let len = usize::try_from(len).expect("fits");
    // Same length, other bytes: the key differs only in its hash.
    let other = SourceKey { hash: key.hash ^ 1, ..key };
    let unchecked = || setup.cache.load_unchecked(&setup.journal, Some(len)).expect("decoded");
    assert!(unchecked().made_from(other).is_none(), "another journal's bytes");
    let read = unchecked().made_from(key).expect("the bytes it was made from");
    assert_eq!(read.journal.len(), journal.len());
    // A journal of another length: not even decoded.
    assert!(setup.cache.load_unchecked(&setup.journal, Some(len + 1)).is_none());
}

#[test]
fn a_broken_damaged_or_foreign_cache_is_ignored_and_the_file_parsed() {
    let setup = Setup::new();
    let journal = large_journal();
    save(&setup.store(), &journal);
    let expected = setup.parsed();
    // A cache that would show itself if it were read: every decision's
    // title changed, with its checksum right.
    let mut decisions = expected.journal.decisions().to_vec();
    for decision in &mut decisions {
        decision.title = "From a cache that must not be read".into();
    }
    let impostor = Contents::new(Journal::new(decisions), expected.deleted.clone());
    setup.cache.store(&setup.journal, setup.key(), &impostor).expect("cached");
    let good = fs::read(setup.cache_file()).expect("cache");
    let key_end = good.iter().position(|&byte| byte == b'\n').expect("key line") + 1;
    let key_line = String::from_utf8(good[..key_end].to_vec()).expect("text");
    let with_key_line = |line: String| [line.as_bytes(), &good[key_end..]].concat();
    let fields: Vec<&str> = key_line.trim_end().split(' ').collect();
    let [_, format, version, fingerprint, len, hash] = fields[..] else { panic!("key line: {key_line}") };
    let replaced = |from: &str, to: &str| with_key_line(key_line.replacen(&format!(" {from} "), &format!(" {to} "), 1));
    let other_hash = format!("{:032x}", u128::from_str_radix(hash, 16).expect("hex") ^ 1);
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x20;
    let legacy_json =
        format!("keel-cache 2 {version} {fingerprint} {len} {:016x}\nnull\n{{\"decisions\":[]}}", 0xdead_beef_u64);
    for (what, broken) in [
        ("cut short", good[..good.len() / 2].to_vec()),
        ("one byte damaged", flipped),
        ("an older format", replaced(format, "2")),
        ("another Keel version", replaced(version, "0.0.0-other")),
        ("other stored shapes", replaced(fingerprint, "0123456789abcdef")),
        ("other journal bytes, same length", with_key_line(key_line.replacen(hash, &other_hash, 1))),
        ("another length", replaced(len, &(len.parse::<usize>().expect("len") + 1).to_string())),
        ("a JSON cache of format 2", legacy_json.into_bytes()),
        ("trailing bytes", [good.as_slice(), b"more"].concat()),
        ("not a cache at all", b"not a cache at all".to_vec()),
        ("empty", Vec::new()),
    ] {
        fs::write(setup.cache_file(), &broken).expect("written");
        assert!(setup.cache.load(&setup.journal, setup.key()).is_none(), "{what}: not read");
        let read = setup.store().read().expect("reads").contents;
        assert_identical(&read, &expected);
    }
    // The good one, for contrast, is read.
    fs::write(setup.cache_file(), &good).expect("written");
    assert_eq!(
        setup.store().read().expect("reads").contents.journal.decisions()[0].title,
        impostor.journal.decisions()[0].title
    );
}

#[test]
fn the_key_of_a_file_read_in_pieces_is_the_key_of_its_bytes() {
    for len in [MIN_CACHED_BYTES - 1, MIN_CACHED_BYTES, MIN_CACHED_BYTES + 3, 3 * super::HASH_PIECE_BYTES + 17] {
        let bytes: Vec<u8> = (0..len).map(|n| u8::try_from(n * 7 % 251).expect("below 251")).collect();
        let key = SourceKey::of(&bytes);
        assert_eq!(SourceKey::of_reader(bytes.as_slice()).expect("reads"), key, "{len} bytes");
        assert_eq!(key.is_some(), len >= MIN_CACHED_BYTES);
    }
    let mut changed: Vec<u8> = vec![b'a'; MIN_CACHED_BYTES];
    let key = SourceKey::of(&changed);
    changed[MIN_CACHED_BYTES / 2] = b'b';
    assert_ne!(SourceKey::of(&changed), key, "one byte changes the key");
}

#[test]
fn the_json_cache_of_an_earlier_keel_is_removed_when_its_journal_is_cached_or_encrypted() {
    let setup = Setup::new();
    let legacy = setup.cache_file().with_extension(super::LEGACY_EXTENSION);
    let earlier_cache = |ids: &str| {
        fs::create_dir_all(legacy.parent().expect("folder")).expect("folder");
        fs::write(&legacy, format!("keel-cache 2 0.1.0 0 0 0\nnull\n{{\"decisions\":[{ids}]}}")).expect("written");
    };
    earlier_cache("");
    save(&setup.store(), &large_journal());
    assert!(setup.cache_file().exists());
    assert!(!legacy.exists(), "writing the cache removes the JSON one of the same journal");

    earlier_cache("");
    let mut store = setup.store();
    store.encrypt(&"open sesame".to_owned().into()).expect("encrypted");
    assert!(!setup.cache_file().exists() && !legacy.exists(), "no clear-text copy of either format is left");
}

#[test]
fn every_field_reads_back_from_the_cache_as_from_the_file() {
    let setup = Setup::new();
    let mut journal = large_journal();
    let mut unusual = crate::storage::ron_writer::tests::every_field();
    unusual.id = DecisionId("every-field".into());
    journal.push(unusual);
    for decision in every_field_contents().journal.decisions() {
        journal.push(decision.clone());
    }
    journal.record_brief(BriefMark::new(Some("Zoë"), date(2026, 3, 1)));
    journal.record_brief(BriefMark::new(None, date(2026, 3, 2)));
    // Goals, reflections and a removed goal's tombstone (file version 4).
    let now = Timestamp::UNIX_EPOCH;
    let goal = |title: &str| {
        let mut goal = Goal::new(title, GoalKind::Results, date(2026, 3, 2), date(2026, 4, 26), now);
        goal.min_percent = Some(60);
        goal
    };
    journal.add_goal(goal("Kept"));
    let gone = goal("Removed");
    journal.add_goal(gone.clone());
    journal.remove_goal(&gone.id, now);
    let answers = vec![Answer { question: "Q?".into(), answer: "A.".into() }];
    journal.save_reflection(Reflection::new(date(2026, 3, 4), answers, now));
    let store = setup.store();
    save(&store, &journal);
    let from_cache = store.read().expect("reads").contents;
    let from_file = store.clone().with_cache(None).read().expect("reads").contents;
    assert_identical(&from_cache, &from_file);
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
fn files_in_the_cache_folder_that_keel_did_not_write_are_never_removed() {
    // KEEL_CACHE_DIR may name a folder with other files in it: only what
    // has a cache's name and a cache's first line is pruned.
    let setup = Setup::new();
    let journal = large_journal();
    save(&setup.store(), &journal);
    let folder = &setup.cache.folder;
    let someone_elses = [
        (folder.join("photos.bin"), "not a cache".to_owned()),
        (folder.join("settings.json"), "{}".to_owned()),
        (folder.join("0123456789abcdef.json"), "{\"a\": \"file of the same shape of name\"}".to_owned()),
    ];
    let abandoned_cache = folder.join("fedcba9876543210.bin");
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_hours(24 * 365);
    for (path, text) in &someone_elses {
        fs::write(path, text).expect("written");
    }
    fs::copy(setup.cache_file(), &abandoned_cache).expect("copied");
    for path in someone_elses.iter().map(|(path, _)| path).chain([&abandoned_cache]) {
        fs::File::options().write(true).open(path).expect("open").set_modified(long_ago).expect("set time");
    }

    save(&setup.store(), &journal);
    for (path, text) in &someone_elses {
        assert_eq!(fs::read_to_string(path).expect("still there"), *text, "{} was touched", path.display());
    }
    assert!(!abandoned_cache.exists(), "a cache nobody wrote for a year is removed");
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

#[test]
fn a_read_of_some_decisions_keeps_only_those_from_the_cache_and_from_a_changed_file() {
    let setup = Setup::new();
    let journal = large_journal();
    save(&setup.store(), &journal);
    // As saved: with the versions the save stamped.
    let saved = setup.parsed().journal;
    let tag = saved.decisions().iter().find_map(|decision| decision.tags.first()).expect("a tagged decision").clone();
    let keep = |decision: &Decision| decision.tags.contains(&tag);
    let expected: Vec<Decision> = saved.decisions().iter().filter(|decision| keep(decision)).cloned().collect();
    assert!(!expected.is_empty() && expected.len() < journal.len() / 2, "{} kept", expected.len());
    let ids = |decisions: &[Decision]| decisions.iter().map(|decision| decision.id.0.clone()).collect::<Vec<_>>();
    let read = setup.store().read_decisions_where(&keep).expect("reads");
    assert_eq!(ids(&read), ids(&expected));
    assert!(read.iter().zip(&expected).all(|(read, expected)| read.identical(expected)));

    // From the cache: a title changed only there (for the same bytes) shows.
    let mut changed = setup.parsed();
    let mut decisions = changed.journal.decisions().to_vec();
    let first_kept = decisions.iter().position(&keep).expect("one kept");
    decisions[first_kept].title = "Changed only in the cache".into();
    changed.journal = Journal::new(decisions);
    setup.cache.store(&setup.journal, setup.key(), &changed).expect("cached");
    let read = setup.store().read_decisions_where(&keep).expect("reads");
    assert_eq!(read[0].title, "Changed only in the cache");

    // The file changed since, to the same length (so only the hash tells):
    // read from the file, never the stale cache.
    let text = fs::read_to_string(&setup.journal).expect("journal");
    let (at, title) = expected
        .iter()
        .enumerate()
        .find(|(_, decision)| text.matches(decision.title.as_str()).count() == 1)
        .map(|(at, decision)| (at, decision.title.as_str()))
        .expect("a kept decision whose title the file holds once");
    let edited = same_length_retitle(title);
    fs::write(&setup.journal, text.replacen(title, &edited, 1)).expect("edited");
    assert_eq!(fs::read_to_string(&setup.journal).expect("journal").len(), text.len());
    let read = setup.store().read_decisions_where(&keep).expect("reads");
    assert_eq!(ids(&read), ids(&expected));
    assert_eq!(read[at].title, edited);
}

/// `title` with its first letter changed: the same length in the file.
fn same_length_retitle(title: &str) -> String {
    let mut edited = title.to_owned();
    edited.replace_range(0..1, if title.starts_with('X') { "Y" } else { "X" });
    edited
}
