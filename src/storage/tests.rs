use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::date;

use super::*;
use crate::model::{DecisionDraft, Situation, Style, TalkingPoint};

fn sample_journal() -> Journal {
    let mut journal = Journal::default();
    let unusual_note = format!("Emoji 🚀, accents éàü, CJK 決定, RTL שלום مرحبا\n{}", "x".repeat(1024 * 1024));
    let drafts = [
        DecisionDraft {
            title: "Froze the scope, \"finally\"".into(),
            date: Some(date(2026, 3, 2)),
            note: unusual_note,
            style: Some(Style::Management),
            situations: vec![Situation::TightDeadline, Situation::CriticalDelegation],
            tags: vec!["release".into(), "1:1".into()],
            people: vec!["Zoë".into(), "Łukasz".into()],
            contrasts: Some(crate::model::decision::ContrastScores {
                vision_execution: 2,
                people_process: -1,
                ..Default::default()
            }),
            options: vec!["Ship everything late".into(), "Cut, with a \"reason\"".into()],
            expectation: "Release lands Friday\nwith fewer bugs".into(),
            confidence: Some(70),
            review_on: Some(date(2026, 4, 2)),
        },
        DecisionDraft { title: "Untagged idea".into(), date: Some(date(2025, 12, 31)), ..DecisionDraft::default() },
    ];
    let mut decisions: Vec<_> = drafts
        .into_iter()
        .map(|draft| draft.into_new_decision(date(2026, 1, 1), Timestamp::UNIX_EPOCH).expect("valid"))
        .collect();
    decisions[0].review = Some(crate::model::Review {
        reviewed_on: date(2026, 4, 3),
        outcome: "Landed Monday".into(),
        result: crate::model::ReviewResult::Worse,
        process: Some(4),
        lesson: "Freeze earlier".into(),
    });
    for decision in decisions {
        journal.push(decision);
    }
    journal
}

#[test]
fn save_then_load_gives_back_every_field_exactly() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("nested").join("journal.ron");
    let journal = sample_journal();
    save(&path, &journal).expect("saved");
    assert_eq!(load(&path).expect("loaded"), journal);
    let leftovers: Vec<_> = fs::read_dir(path.parent().expect("parent"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| !["journal.ron", "journal.ron.lock"].contains(&entry.file_name().to_string_lossy().as_ref()))
        .collect();
    assert!(leftovers.is_empty(), "temp files left behind: {leftovers:?}");
}

#[test]
fn a_failed_write_leaves_the_old_file_intact() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    save(&path, &sample_journal()).expect("first save");
    let before = fs::read(&path).expect("read");

    let result = write_atomically(&path, |file| {
        file.write_all(b"(version: 1, decisions: [")?;
        Err(io::Error::other("disk full"))
    });

    let error = result.expect_err("the write failed");
    assert!(error.to_string().contains("disk full"), "{error}");
    assert!(error.to_string().contains("journal.ron"), "{error}");
    assert_eq!(fs::read(&path).expect("read"), before);
    assert!(
        files_in(folder.path())
            .iter()
            .all(|name| !std::path::Path::new(name).extension().is_some_and(|ext| ext.eq_ignore_ascii_case("tmp"))),
        "the temp file was cleaned up"
    );
}

#[test]
fn missing_file_is_reported_as_not_found() {
    let folder = tempfile::tempdir().expect("temp dir");
    assert!(matches!(load(&folder.path().join("none.ron")), Err(StorageError::NotFound { .. })));
}

fn assert_refused_untouched(content: &[u8], expect: impl Fn(&StorageError) -> bool) -> String {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    fs::write(&path, content).expect("write");
    let error = load(&path).expect_err("refused");
    assert!(expect(&error), "unexpected error: {error:?}");
    assert_eq!(fs::read(&path).expect("read"), content, "the file was changed");
    error.to_string()
}

#[test]
fn truncated_file_names_file_line_and_column() {
    let text = to_text(&sample_journal());
    let cut = &text.as_bytes()[..text.len() / 3];
    // Cut on a char boundary so the failure is a parse error, not encoding.
    let cut = &cut[..String::from_utf8_lossy(cut).trim_end_matches('\u{fffd}').len()];
    let message = assert_refused_untouched(cut, |e| matches!(e, StorageError::Parse { .. }));
    assert!(message.contains("journal.ron:"), "{message}");
}

#[test]
fn garbage_is_refused_with_its_position() {
    let message = assert_refused_untouched(b"(\n  version: 1,\n  decisions: [ oops ]\n)", |e| {
        matches!(e, StorageError::Parse { line: 3, .. })
    });
    assert!(message.contains("journal.ron:3:"), "{message}");
}

#[test]
fn bad_field_values_are_refused() {
    let text = to_text(&sample_journal()).replacen("\"management\"", "\"manager\"", 1);
    let message = assert_refused_untouched(text.as_bytes(), |e| matches!(e, StorageError::Parse { .. }));
    assert!(message.contains("unknown style 'manager'"), "{message}");
}

#[test]
fn non_utf8_is_refused() {
    assert_refused_untouched(&[0xff, 0xfe, 0x00, 0x28], |e| matches!(e, StorageError::Parse { .. }));
}

#[test]
fn a_newer_version_is_refused_untouched() {
    let text = to_text(&sample_journal()).replacen(&format!("version: {CURRENT_VERSION}"), "version: 99", 1);
    let message =
        assert_refused_untouched(text.as_bytes(), |e| matches!(e, StorageError::FutureVersion { found: 99, .. }));
    assert!(message.contains("newer Keel"), "{message}");
}

#[test]
fn wrong_encoding_names_line_and_column() {
    let mut bytes = b"(\n  version: 2,\n  decisions: [],\n  x\xe9".to_vec();
    bytes.extend_from_slice(b")\n");
    let message = assert_refused_untouched(&bytes, |e| matches!(e, StorageError::Parse { line: 4, column: 4, .. }));
    assert!(message.contains("journal.ron:4:4: the file is not UTF-8"), "{message}");
}

#[test]
fn an_unknown_old_version_is_refused() {
    let message = assert_refused_untouched(b"(version: 0, decisions: [])", |e| matches!(e, StorageError::Parse { .. }));
    assert!(message.contains("unknown journal version 0"), "{message}");
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn each_save_keeps_the_previous_file_as_a_backup_and_rotates() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let store = Store::new(path.clone());
    for count in 1..=14 {
        store
            .update(|journal| {
                journal.push(sample_journal().decisions()[1].clone());
                Ok::<_, StorageError>(())
            })
            .expect("saved");
        let backups = store.backups().expect("listed");
        assert_eq!(backups.len(), (count - 1).min(backup::KEEP_LAST), "after save {count}");
    }
    let backups = store.backups().expect("listed");
    // Newest first, each holding one decision fewer than the next newer.
    let counts: Vec<usize> = backups.iter().map(|b| b.decisions).collect();
    assert_eq!(counts, (3..=13).rev().take(10).collect::<Vec<_>>());
    let restored = store.read_backup(&backups[0]).expect("readable");
    assert_eq!(restored.journal.len(), 13);
    assert!(
        files_in(folder.path())
            .iter()
            .all(|name| !std::path::Path::new(name).extension().is_some_and(|ext| ext.eq_ignore_ascii_case("tmp"))),
        "no temp files left"
    );
}

#[test]
fn a_deletion_is_kept_as_a_tombstone_and_merges() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let store = Store::new(path.clone());
    save(&path, &sample_journal()).expect("saved");
    let window_base = store.read().expect("read").snapshot();
    let gone = window_base.contents.journal.decisions()[0].id.clone();
    // Someone else deletes a decision...
    store
        .update(|journal| {
            journal.remove(&gone);
            Ok::<_, StorageError>(())
        })
        .expect("deleted");
    let on_disk = store.read().expect("read");
    assert_eq!(on_disk.contents.deleted.len(), 1);
    assert_eq!(on_disk.contents.deleted[0].id, gone);
    // ...while a window that still has it adds one: both changes survive.
    let mut mine = window_base.contents.journal.clone();
    let mut added = sample_journal().decisions()[1].clone();
    added.id = crate::model::DecisionId("added-in-window".into());
    mine.push(added);
    let saved = store.save_merged(&mine, &window_base).expect("saved");
    let merged = saved.merged.expect("the file had changed");
    assert_eq!((merged.added, merged.removed), (0, 1));
    let ids: Vec<String> =
        store.read().expect("read").contents.journal.decisions().iter().map(|d| d.id.0.clone()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"added-in-window".to_owned()));
    assert!(!ids.contains(&gone.0));
}

#[test]
fn a_save_never_writes_over_a_file_that_became_unreadable() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    save(&path, &sample_journal()).expect("saved");
    let store = Store::new(path.clone());
    let base = store.read().expect("read").snapshot();
    fs::write(&path, "(version: 2, decisions: [ oops").expect("broken by someone");
    let error = store.save_merged(&sample_journal(), &base).expect_err("refused");
    assert!(matches!(error, StorageError::Parse { .. }), "{error}");
    assert_eq!(fs::read_to_string(&path).expect("read"), "(version: 2, decisions: [ oops");
}

#[cfg(unix)]
#[test]
fn journal_lock_and_backups_are_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    save(&path, &sample_journal()).expect("saved");
    save(&path, &Journal::default()).expect("saved again");
    let mode = |path: &Path| fs::metadata(path).expect("exists").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&lock::lock_path(&path)), 0o600);
    let backups = backup::list(&path).expect("listed");
    assert_eq!(backups.len(), 1);
    assert_eq!(mode(&backups[0].path), 0o600);
    assert_eq!(mode(&backup::folder(&path)), 0o700);
}

#[test]
fn the_stamp_of_a_save_is_the_stamp_of_the_file_it_left() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let store = Store::new(path.clone());
    let saved = store.save_merged(&sample_journal(), &Snapshot::default()).expect("saved");
    assert_eq!(FileStamp::current(&path), saved.snapshot.stamp, "the window will not re-read its own save");
    assert_eq!(store.read_if_changed(saved.snapshot.stamp).expect("read"), None);
}

#[test]
fn talking_points_round_trip_and_merge_by_id() {
    use crate::model::TalkingPoint;
    let day = jiff::civil::date(2026, 3, 1);
    let kept = TalkingPoint::new("Ana", "Ask about the rota", day);
    let journal = Journal::default().with_talking_points(vec![kept.clone()]);
    let text = to_text(&journal);
    assert!(text.contains("talking_points"));
    let parsed = parse(&text, Path::new("j.ron")).unwrap();
    assert_eq!(parsed.talking_points(), std::slice::from_ref(&kept));
    assert!(!to_text(&Journal::default()).contains("talking_points"), "left out when empty");

    let base = Contents::new(journal.clone(), Vec::new());
    let theirs_new = TalkingPoint::new("Bo", "Career plan", day);
    let theirs =
        Contents::new(Journal::default().with_talking_points(vec![kept.clone(), theirs_new.clone()]), Vec::new());
    let ticked = TalkingPoint { done: Some(day), ..kept };
    let mine = Contents::new(Journal::default().with_talking_points(vec![ticked.clone()]), Vec::new());
    let merged = merge::merge(&base, &mine, &theirs);
    assert_eq!(merged.contents.journal.talking_points(), [ticked, theirs_new]);
    assert!(merged.changed_mine(), "a point from outside is a change");
}

fn small_journal(titles: &[&str]) -> Journal {
    Journal::new(
        titles
            .iter()
            .map(|title| crate::model::Decision {
                id: crate::model::DecisionId((*title).to_owned()),
                title: (*title).to_owned(),
                ..crate::model::Decision::default()
            })
            .collect(),
    )
}

fn push(store: &Store, title: &str) -> Result<(), StorageError> {
    store.update(|journal| {
        journal.push(small_journal(&[title]).decisions()[0].clone());
        Ok::<(), StorageError>(())
    })
}

#[test]
fn a_journal_decrypted_elsewhere_is_saved_plain_and_a_missing_key_file_stops_saving() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    save(&path, &small_journal(&["First"])).expect("saved");
    let passphrase: age::secrecy::SecretString = "open sesame".to_owned().into();
    let mut window = Store::new(path.clone());
    window.encrypt(&passphrase).expect("encrypted");

    // Another Keel decrypts it; this one still holds the key.
    let mut elsewhere = Store::new(path.clone());
    elsewhere.unlock(&passphrase).expect("unlocked");
    elsewhere.decrypt().expect("decrypted");
    push(&window, "After").expect("saved");
    let journal = load(&path).expect("plain again: readable with no key");
    assert_eq!(journal.len(), 2);

    // The key file removed under an encrypted journal: nothing is written.
    let mut again = Store::new(path.clone());
    again.encrypt(&passphrase).expect("encrypted");
    fs::remove_file(crypto::key_path(&path)).expect("removed");
    let before = fs::read(&path).expect("read");
    let error = push(&again, "Lost?").expect_err("refused");
    assert!(error.to_string().contains("key file is missing"), "{error}");
    assert_eq!(fs::read(&path).expect("read"), before);
    // Both gone (the folder wiped or replaced by a sync): nothing in the clear.
    fs::remove_file(&path).expect("removed");
    let window = again.clone();
    let base = Snapshot::default();
    assert!(window.save_merged(&small_journal(&["Secret"]), &base).is_err());
    assert!(!path.exists(), "no clear-text journal written");
}

#[test]
fn restoring_a_backup_from_the_store_keeps_later_talking_points() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let store = Store::new(path.clone());
    save(&path, &small_journal(&["First"])).expect("saved");
    push(&store, "Second").expect("saved");
    store
        .update(|journal| {
            journal.talking_points_mut().push(TalkingPoint::new("Ana", "Ask about the rota", date(2026, 3, 1)));
            Ok::<(), StorageError>(())
        })
        .expect("saved");
    let only_first = store.backups().expect("listed").into_iter().find(|b| b.decisions == 1).expect("a backup of 1");
    store.restore(&only_first).expect("restored");
    let journal = load(&path).expect("loads");
    assert_eq!(journal.len(), 1);
    assert_eq!(journal.talking_points().len(), 1, "the point written after the backup stays");
}

#[test]
fn an_unreadable_journal_kept_aside_is_encrypted_and_decrypted_with_the_rest() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    fs::write(&path, "CANARY-unreadable (not RON)").expect("written");
    let kept = backup::keep_unreadable(&path, Timestamp::UNIX_EPOCH).expect("kept aside");
    fs::remove_file(&path).expect("removed (as a restore would replace it)");
    save(&path, &small_journal(&["First"])).expect("saved");
    let passphrase: age::secrecy::SecretString = "open sesame".to_owned().into();
    let mut store = Store::new(path.clone());
    store.encrypt(&passphrase).expect("encrypted");
    assert!(crypto::is_encrypted(&fs::read(&kept).expect("read")), "no clear copy left aside");
    store.decrypt().expect("decrypted");
    assert_eq!(fs::read_to_string(&kept).expect("plain again"), "CANARY-unreadable (not RON)");
}

#[test]
fn broken_files_are_explained_in_the_users_words_never_with_internal_names() {
    let path = Path::new("journal.ron");
    let message = |text: &str| match parse_file(text, path) {
        Err(StorageError::Parse { line, column, message, .. }) => format!("{line}:{column}: {message}"),
        other => panic!("expected a parse error, got {other:?}"),
    };
    assert!(message("").contains("the file is empty"), "{}", message(""));
    assert!(message("  \n\n").contains("the file is empty"));
    let whole = to_text(&sample_journal());
    let cut = &whole[..whole.len() / 2];
    let cut_message = message(cut);
    assert!(cut_message.contains("ends in the middle of a decision"), "{cut_message}");
    for text in ["hello", "[1, 2]", "(version: \"two\")", "(decisions: [])"] {
        let said = message(text);
        for internal in ["VersionProbe", "FileV1", "FileV2", "struct"] {
            assert!(!said.contains(internal), "{text:?}: {said}");
        }
    }
}

#[test]
fn a_leftover_temporary_file_that_cannot_be_removed_is_a_notice_not_a_print() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    // A folder where a killed save's temporary file would be: removing it
    // as a file fails, as a root-proof stand-in for a permission error.
    let leftover = folder.path().join(".journal.ron.keel-save-abc123.tmp");
    fs::create_dir(&leftover).expect("folder");
    let store = Store::new(path.clone()).with_cache(None);
    store
        .update(|journal| {
            journal.push(
                DecisionDraft { title: "Kept going".into(), ..DecisionDraft::default() }
                    .into_new_decision(date(2026, 1, 1), Timestamp::UNIX_EPOCH)
                    .expect("valid"),
            );
            Ok::<_, StorageError>(())
        })
        .expect("saved despite the leftover");
    assert_eq!(load(&path).expect("loaded").len(), 1);
    // A clone (the window's save thread holds one) sees the same notices.
    let notices = store.clone().take_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("removing a leftover temporary file"), "{notices:?}");
    assert!(notices[0].contains(&leftover.display().to_string()), "{notices:?}");
    assert!(store.take_notices().is_empty(), "reported once");
}

#[test]
fn windows_verbatim_paths_are_shown_as_people_write_them() {
    use super::files::without_verbatim_prefix as plain;
    assert_eq!(plain(r"\\?\C:\Users\ana\journal.ron").as_deref(), Some(r"C:\Users\ana\journal.ron"));
    assert_eq!(plain(r"\\?\UNC\server\share\journal.ron").as_deref(), Some(r"\\server\share\journal.ron"));
    assert_eq!(plain(r"C:\Users\ana\journal.ron"), None, "already plain");
    assert_eq!(plain(r"\\?\Volume{1234}\journal.ron"), None, "no ordinary form");
    assert_eq!(plain(r"\\?\C:\notes.\journal.ron"), None, "a trailing dot would be dropped");
    assert_eq!(plain(r"\\?\C:\data\aux.ron"), None, "a device name");
    assert_eq!(plain(r"\\?\C:\data\COM1"), None, "a device name");
    assert_eq!(plain(r"\\?\C:\data\auxiliary.ron").as_deref(), Some(r"C:\data\auxiliary.ron"));
    let long = format!(r"\\?\C:\{}", "x".repeat(300));
    assert_eq!(plain(&long), None, "too long without the prefix");
}
