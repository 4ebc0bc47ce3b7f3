//! The command line as scripts use it: `keel add` then `keel list` in every
//! format, each filter, and every kind of bad input.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

struct Journal {
    _folder: tempfile::TempDir,
    path: PathBuf,
}

fn journal() -> Journal {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    Journal { _folder: folder, path }
}

fn keel(path: &Path) -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command.arg("--journal").arg(path);
    command
}

fn add(path: &Path, args: &[&str]) {
    keel(path).arg("add").args(args).assert().success().stdout(predicate::str::contains("Added"));
}

fn list_json(path: &Path, args: &[&str]) -> Vec<Value> {
    let output = keel(path).arg("list").args(args).args(["--format", "json"]).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let value: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    value.as_array().expect("an array").clone()
}

fn titles(items: &[Value]) -> Vec<String> {
    items.iter().map(|item| item["title"].as_str().expect("title").to_owned()).collect()
}

fn seeded() -> Journal {
    let journal = journal();
    add(
        &journal.path,
        &[
            "--title",
            "Froze the scope for 4.2",
            "--date",
            "2026-03-02",
            "--style",
            "management",
            "--situation",
            "tight-deadline",
            "--situation",
            "crisis",
            "--tag",
            "release",
            "--person",
            "Ana",
            "--note",
            "Cut two features, \"hard\" call; told the team why",
        ],
    );
    add(
        &journal.path,
        &[
            "--title",
            "Let the team choose the stack",
            "--date",
            "2026-03-09",
            "--style",
            "leadership",
            "--situation",
            "confident-team",
            "--tag",
            "architecture",
            "--person",
            "Bo",
            "--person",
            "Zoë",
        ],
    );
    add(&journal.path, &["--title", "Split the on-call rota", "--date", "2026-04-01", "--person", "Ana"]);
    journal
}

#[test]
fn add_then_list_as_json_has_every_field() {
    let journal = seeded();
    let items = list_json(&journal.path, &[]);
    assert_eq!(titles(&items), ["Split the on-call rota", "Let the team choose the stack", "Froze the scope for 4.2"]);
    let froze = &items[2];
    assert_eq!(froze["date"], "2026-03-02");
    assert_eq!(froze["style"], "management");
    assert_eq!(froze["situations"], serde_json::json!(["crisis", "tight-deadline"]));
    assert_eq!(froze["tags"], serde_json::json!(["release"]));
    assert_eq!(froze["people"], serde_json::json!(["Ana"]));
    assert_eq!(froze["note"], "Cut two features, \"hard\" call; told the team why");
    assert_eq!(froze["recommendation"], "management");
    assert_eq!(froze["fit"], 1.0);
    assert!(froze["id"].as_str().is_some_and(|id| !id.is_empty()));
    let untagged = &items[0];
    assert_eq!(untagged["style"], Value::Null);
    assert_eq!(untagged["recommendation"], Value::Null);
    assert_eq!(untagged["fit"], Value::Null);
}

#[test]
fn list_as_csv_round_trips_through_a_csv_reader() {
    let journal = seeded();
    let output = keel(&journal.path).args(["list", "--format", "csv"]).output().expect("runs");
    assert!(output.status.success());
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers = reader.headers().expect("header").clone();
    assert_eq!(&headers[0], "id");
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("valid row")).collect();
    assert_eq!(records.len(), 3);
    let column = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let froze = &records[2];
    assert_eq!(&froze[column("title")], "Froze the scope for 4.2");
    assert_eq!(&froze[column("situations")], "crisis;tight-deadline");
    assert_eq!(&froze[column("note")], "Cut two features, \"hard\" call; told the team why");
    assert_eq!(&records[1][column("people")], "Bo;Zoë");
}

#[test]
fn list_as_table_is_readable() {
    let journal = seeded();
    keel(&journal.path)
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("DATE").and(predicate::str::contains("2026-03-09  leadership")));
}

#[test]
fn each_filter_narrows_the_list() {
    let journal = seeded();
    let path = &journal.path;
    let cases: [(&[&str], &[&str]); 8] = [
        (&["--since", "2026-03-05"], &["Split the on-call rota", "Let the team choose the stack"]),
        (&["--until", "2026-03-05"], &["Froze the scope for 4.2"]),
        (&["--style", "leadership"], &["Let the team choose the stack"]),
        (&["--situation", "crisis"], &["Froze the scope for 4.2"]),
        (&["--tag", "ARCHITECTURE"], &["Let the team choose the stack"]),
        (&["--person", "ana"], &["Split the on-call rota", "Froze the scope for 4.2"]),
        (&["--search", "hard call"], &[]),
        (
            &["--search", "ROTA", "--person", "Ana", "--since", "2026-01-01", "--until", "2026-12-31"],
            &["Split the on-call rota"],
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(titles(&list_json(path, args)), expected, "filter {args:?}");
    }
}

#[test]
fn bad_values_exit_2_naming_the_value_and_write_nothing() {
    let journal = seeded();
    let before = fs::read(&journal.path).expect("read");
    let cases: [(&[&str], &[&str]); 5] = [
        (&["add", "--title", "X", "--date", "2026-13-45"], &["2026-13-45", "YYYY-MM-DD"]),
        (&["add", "--title", "X", "--style", "leader"], &["'leader'", "leadership, blend, management"]),
        (&["add", "--title", "X", "--situation", "panic"], &["'panic'", "confident-team", "critical-delegation"]),
        (&["list", "--since", "yesterday"], &["yesterday", "YYYY-MM-DD"]),
        (&["add", "--title", "   "], &["title"]),
    ];
    for (args, expected) in cases {
        let assert = keel(&journal.path).args(args).assert().code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        for fragment in expected {
            assert!(stderr.contains(fragment), "{args:?}: stderr lacks {fragment:?}:\n{stderr}");
        }
        assert_eq!(fs::read(&journal.path).expect("read"), before, "{args:?} changed the journal");
    }
}

#[test]
fn a_bad_date_never_creates_the_journal() {
    let journal = journal();
    keel(&journal.path).args(["add", "--title", "X", "--date", "2026-02-30"]).assert().code(2);
    assert!(!journal.path.exists());
}

#[test]
fn a_corrupt_journal_is_named_with_line_and_column_and_left_alone() {
    let journal = journal();
    let content = "(\n    version: 1,\n    decisions: [\n        (id: \"a\", date: \"2026-03-0\n";
    fs::write(&journal.path, content).expect("write");
    for args in [&["list"][..], &["add", "--title", "X"][..]] {
        keel(&journal.path)
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("journal.ron:4:").or(predicate::str::contains("journal.ron:5:")));
        assert_eq!(fs::read_to_string(&journal.path).expect("read"), content);
    }
}

#[test]
fn a_journal_from_a_newer_keel_is_refused_and_left_alone() {
    let journal = journal();
    let content = "(version: 7, decisions: [], something_new: true)";
    fs::write(&journal.path, content).expect("write");
    keel(&journal.path)
        .args(["add", "--title", "X"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("newer Keel").and(predicate::str::contains("version 7")));
    assert_eq!(fs::read_to_string(&journal.path).expect("read"), content);
}

#[test]
fn the_sample_journal_lists_but_is_read_only() {
    let journal = journal();
    let items = list_json(&journal.path, &["--demo"]);
    assert!(items.len() >= 150);
    keel(&journal.path)
        .args(["--demo", "add", "--title", "X"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("read-only"));
    assert!(!journal.path.exists());
}

#[test]
fn every_subcommand_has_help_with_examples() {
    for args in [
        &["--help"][..],
        &["add", "--help"][..],
        &["list", "--help"][..],
        &["import", "--help"][..],
        &["export", "--help"][..],
        &["review", "--help"][..],
        &["stats", "--help"][..],
        &["brief", "--help"][..],
        &["guide", "--help"][..],
        &["suggest", "--help"][..],
    ] {
        Command::cargo_bin("keel")
            .expect("binary")
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn unicode_is_kept_exactly() {
    let journal = journal();
    let title = "Décidé 決定 🚀 שלום";
    add(&journal.path, &["--title", title, "--date", "2026-05-01", "--person", "Łukasz"]);
    let items = list_json(&journal.path, &[]);
    assert_eq!(items[0]["title"], title);
    assert_eq!(items[0]["people"][0], "Łukasz");
}

/// A journal file written by hand (or by another tool), one decision with
/// `title` and `extra` fields.
fn hand_written(journal: &Journal, title: &str, extra: &str) {
    let content = format!(
        "(\n    version: 2,\n    decisions: [\n        (id: \"a\", date: \"2026-03-02\", title: {title:?}, people: [\"Ana\\u{{7}}\"], tags: [\"x\\u{{1b}}[31m\"],\n        {extra}created: \"2026-03-02T09:00:00Z\", updated: \"2026-03-02T09:00:00Z\"),\n    ],\n)\n"
    );
    fs::write(&journal.path, content).expect("write");
}

#[test]
fn control_characters_are_refused_on_add_naming_the_flag() {
    let journal = seeded();
    let before = fs::read(&journal.path).expect("read");
    for (args, flag, code) in [
        (["--title", "Retitle\u{1b}]0;pwned\u{7}", "--tag", "fine"], "--title", "U+001B"),
        (["--title", "Fine", "--person", "Ana\u{7}"], "--person", "U+0007"),
        (["--title", "Fine", "--tag", "a\rb"], "--tag", "U+000D"),
    ] {
        let mut command = keel(&journal.path);
        command.arg("add").args(args);
        let assert = command.assert().code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(stderr.contains(flag) && stderr.contains(code), "{args:?}: {stderr}");
        assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "the message itself is escaped: {stderr:?}");
    }
    assert_eq!(fs::read(&journal.path).expect("read"), before);
}

#[test]
fn list_shows_control_characters_escaped() {
    let journal = journal();
    hand_written(&journal, "Retitled\u{1b}]0;pwned\u{7} \r overwritten", "");
    let output = keel(&journal.path).arg("list").output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(!stdout.chars().any(|c| c.is_control() && c != '\n'), "raw control characters in {stdout:?}");
    assert!(stdout.contains("Retitled\\e]0;pwned\\a \\r overwritten"), "{stdout}");
    assert!(stdout.contains("with Ana\\a") && stdout.contains("#x\\e[31m"), "{stdout}");
}

#[test]
fn a_negative_year_gets_a_date_message() {
    let journal = journal();
    for args in [&["add", "--title", "X", "--date", "-0001-01-01"][..], &["list", "--since", "-0001-01-01"][..]] {
        let assert = keel(&journal.path).args(args).assert().code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(stderr.contains("'-0001-01-01' is not a date") && stderr.contains("YYYY-MM-DD"), "{args:?}: {stderr}");
        assert!(!stderr.contains("unexpected argument"), "{stderr}");
    }
    assert!(!journal.path.exists());
}

#[test]
fn a_hand_edited_confidence_over_100_is_refused_on_load_with_its_line() {
    let journal = journal();
    hand_written(&journal, "Sure", "confidence: Some(250), ");
    let before = fs::read(&journal.path).expect("read");
    for args in [&["list"][..], &["add", "--title", "X"][..]] {
        keel(&journal.path)
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("journal.ron:5:"))
            .stderr(predicate::str::contains("confidence must be between 0 and 100, not 250"));
        assert_eq!(fs::read(&journal.path).expect("read"), before);
    }
}

#[test]
fn list_as_csv_quotes_cells_a_spreadsheet_would_run() {
    let journal = journal();
    add(&journal.path, &["--title", "=cmd|' /C calc'!A0", "--date", "2026-03-02", "--person", "@Ana"]);
    let output = keel(&journal.path).args(["list", "--format", "csv"]).output().expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(stdout.contains(",'=cmd|' /C calc'!A0,") && stdout.contains(",'@Ana,"), "{stdout}");
}

#[test]
fn a_date_more_than_a_year_ahead_is_refused_as_a_likely_typo() {
    let journal = journal();
    let assert = keel(&journal.path).args(["add", "--title", "Offsite", "--date", "2099-03-01"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("--date: 2099-03-01 is more than a year ahead"), "{stderr}");
    assert!(!journal.path.exists(), "nothing written");
    // Within a year of today is accepted (planned decisions happen).
    let soon = jiff::Zoned::now().date().saturating_add(jiff::Span::new().days(300)).to_string();
    keel(&journal.path).args(["add", "--title", "Offsite", "--date", &soon]).assert().success();
}

#[test]
fn a_reader_that_stops_early_ends_keel_quietly() {
    // `keel list | head`: the reader goes away before keel writes. Closing our
    // end of the pipe before keel starts makes the broken pipe certain.
    for format in ["table", "json", "csv"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("keel"))
            .args(["--demo", "list", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("starts");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{format}: exit {:?}, stderr {stderr}", output.status);
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{format}: stderr");
    }
}

#[test]
fn writing_and_reading_say_nothing_on_stderr() {
    // Under Wine every write printed "releasing the journal lock: Lock
    // violation" (the lock was released all the same).
    let journal = journal();
    keel(&journal.path)
        .args(["add", "--title", "Quiet write", "--style", "blend"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    keel(&journal.path).args(["list"]).assert().success().stderr(predicate::str::is_empty());
}
