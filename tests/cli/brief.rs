//! `keel brief`: Markdown and HTML briefs, a person's brief, redaction,
//! `--out`, and an unknown person.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn keel(path: &Path) -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command.arg("--journal").arg(path);
    command
}

const NOTES: [&str; 3] = ["She had the better rota idea", "Chen owns the cut list", "Old news"];

fn seeded() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let adds: [&[&str]; 3] = [
        &[
            "--title",
            "Wrote the on-call rota for Ana",
            "--date",
            "2026-03-09",
            "--style",
            "management",
            "--situation",
            "confident-team",
            "--person",
            "Ana",
            "--person",
            "Chen",
            "--note",
            NOTES[0],
        ],
        &[
            "--title",
            "Deadline plan",
            "--date",
            "2026-03-16",
            "--style",
            "management",
            "--situation",
            "tight-deadline",
            "--person",
            "Chen",
            "--note",
            NOTES[1],
        ],
        &[
            "--title",
            "Old call with Ana",
            "--date",
            "2025-01-05",
            "--style",
            "leadership",
            "--person",
            "Ana",
            "--note",
            NOTES[2],
        ],
    ];
    for args in adds {
        keel(&path).arg("add").args(args).assert().success();
    }
    (folder, path)
}

fn brief(path: &Path, args: &[&str]) -> String {
    let output =
        keel(path).args(["brief", "--since", "2026-03-01", "--until", "2026-03-31"]).args(args).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn markdown_brief_for_a_person_lists_their_decisions_in_range() {
    let (_folder, path) = seeded();
    let text = brief(&path, &["--person", "ana"]);
    assert!(text.starts_with("# Brief: Ana, 2026-03-01 to 2026-03-31"));
    assert!(text.contains("Wrote the on-call rota for Ana"));
    assert!(!text.contains("Deadline plan"), "Chen's alone");
    assert!(!text.contains("Old call with Ana"), "out of range");
    assert!(text.contains("## Against the guidance") && text.contains(NOTES[0]));
    assert!(text.contains("## Questions to reflect on"));
}

#[test]
fn html_brief_written_to_a_file() {
    let (folder, path) = seeded();
    let out = folder.path().join("brief.html");
    keel(&path)
        .args(["brief", "--since", "2026-03-01", "--until", "2026-03-31", "--format", "html", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote the brief"));
    let page = fs::read_to_string(&out).expect("written");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<svg") && page.contains("Deadline plan"));
    assert!(!page.contains("http") && !page.contains("<link"));
}

#[test]
fn redacted_brief_has_no_names_and_no_notes() {
    let (_folder, path) = seeded();
    for format in ["md", "html"] {
        for person in [None, Some("Chen")] {
            let mut args = vec!["--redact", "--format", format];
            if let Some(person) = person {
                args.extend(["--person", person]);
            }
            let text = brief(&path, &args);
            for name in ["Ana", "Chen"] {
                assert!(!text.contains(name), "{name} in {text}");
            }
            for note in NOTES {
                assert!(!text.contains(note), "{note} in {text}");
            }
            assert!(text.contains("Person"));
        }
    }
}

#[test]
fn an_unknown_person_is_a_usage_error_with_close_matches() {
    let (_folder, path) = seeded();
    keel(&path)
        .args(["brief", "--person", "Chn"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Chn").and(predicate::str::contains("did you mean: Chen")));
    keel(&path).args(["brief", "--format", "pdf"]).assert().code(2);
}

#[test]
fn an_empty_journal_still_gets_a_brief_and_people_is_a_page() {
    let folder = tempfile::tempdir().expect("temp dir");
    let text = brief(&folder.path().join("none.ron"), &[]);
    assert!(text.contains("No decisions in this period."));
    assert!(text.contains("## Questions to reflect on"));
    Command::cargo_bin("keel")
        .expect("binary")
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("people"));
}

#[test]
fn a_brief_starts_where_the_last_one_for_that_person_ended_and_is_remembered() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let today = jiff::Zoned::now().date();
    let days_ago = |days: i64| today.checked_sub(jiff::Span::new().days(days)).expect("in range");
    for (title, days, person) in [("Long ago", 20, "Ana"), ("Lately", 5, "Ana"), ("For Chen", 25, "Chen")] {
        keel(&path)
            .args(["add", "--title", title, "--person", person, "--date", &days_ago(days).to_string()])
            .assert()
            .success();
    }
    keel::storage::Store::new(path.clone())
        .with_cache(None)
        .update(|journal| {
            journal.record_brief(keel::model::BriefMark::new(Some("Ana"), days_ago(10)));
            Ok::<(), keel::storage::StorageError>(())
        })
        .expect("marked");

    let run = |person: &str| {
        let output = keel(&path).args(["brief", "--person", person]).output().expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let text = run("ana");
    assert!(text.starts_with(&format!("# Brief: Ana, {} to {today}", days_ago(10))), "{text}");
    assert!(text.contains(&format!("since the last brief, on {}", days_ago(10))));
    assert!(text.contains("Lately") && !text.contains("Long ago"));

    // Remembered in the journal, under the name as the journal spells it.
    let marks = keel::storage::load(&path).expect("loads").briefs().to_vec();
    assert!(marks.contains(&keel::model::BriefMark::new(Some("Ana"), today)), "{marks:?}");
    // The same brief again today covers the same period and writes nothing.
    let before = fs::read(&path).expect("read");
    assert!(run("Ana").starts_with(&format!("# Brief: Ana, {} to {today}", days_ago(10))));
    assert_eq!(fs::read(&path).expect("read"), before);

    // Nobody briefed on Chen yet: 30 days.
    let chen = run("Chen");
    assert!(chen.starts_with(&format!("# Brief: Chen, {} to {today}", days_ago(30))), "{chen}");
    assert!(chen.contains("For Chen") && !chen.contains("since the last brief"));
}

#[test]
fn a_brief_is_remembered_on_its_last_day_unless_narrowed_or_told_not_to() {
    let (_folder, path) = seeded();
    let marks = || keel::storage::Store::new(path.clone()).with_cache(None).read().expect("reads").contents.journal;
    // Narrowed by a tag, or --no-record: nothing remembered, nothing written.
    let before = fs::read(&path).expect("read");
    keel(&path).args(["brief", "--person", "Ana", "--tag", "rota"]).assert().success();
    keel(&path).args(["brief", "--person", "Ana", "--no-record"]).assert().success();
    assert_eq!(fs::read(&path).expect("read"), before);
    assert!(marks().briefs().is_empty());
    // A brief of March is remembered on March 31, not today.
    brief(&path, &["--person", "Ana"]);
    assert_eq!(marks().briefs(), [keel::model::BriefMark::new(Some("Ana"), jiff::civil::date(2026, 3, 31))]);
}
