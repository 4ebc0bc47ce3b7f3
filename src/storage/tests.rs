use std::fs;
use std::io;

use jiff::Timestamp;
use jiff::civil::date;

use super::*;
use crate::model::{DecisionDraft, Situation, Style};

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
        .filter(|entry| entry.file_name() != "journal.ron")
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
    assert_eq!(fs::read_dir(folder.path()).expect("list").count(), 1, "the temp file was cleaned up");
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
    let text = to_text(&sample_journal()).replacen("version: 1", "version: 99", 1);
    let message =
        assert_refused_untouched(text.as_bytes(), |e| matches!(e, StorageError::FutureVersion { found: 99, .. }));
    assert!(message.contains("newer Keel"), "{message}");
}
