//! One check for every way a decision enters the journal (issue 28,
//! findings 4, 8, 10 and 11): `keel add`, every import and a sync
//! service's copy refuse the same dates, times, control characters and
//! oversized lists, each refusal named; an update from a file changes only
//! the fields the file has; and no output that can reach a terminal
//! carries a control character an older journal holds.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

struct Folder {
    dir: tempfile::TempDir,
    journal: PathBuf,
}

impl Folder {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = dir.path().join("journal.ron");
        Self { dir, journal }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, text).expect("written");
        path
    }
}

fn keel(journal: &Path) -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command.env("TZ", "UTC").env("KEEL_CACHE_DIR", "").arg("--journal").arg(journal);
    command
}

/// Runs keel; (exit code, stdout, stderr).
fn run(journal: &Path, args: &[&str]) -> (i32, String, String) {
    let output = keel(journal).args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

fn list(journal: &Path) -> Vec<Value> {
    let (code, stdout, stderr) = run(journal, &["list", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str::<Value>(&stdout).expect("JSON").as_array().expect("array").clone()
}

/// Whether `text` holds a control character other than a line break, a tab
/// or the CR of a CR LF.
fn has_raw_control(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\r' && chars.peek() == Some(&'\n');
        if c.is_control() && c != '\n' && c != '\t' && !line_end {
            return true;
        }
    }
    false
}

/// A journal with one full decision (note, people, tags, confidence,
/// review date, review), its id returned.
fn full_decision(folder: &Folder) -> String {
    let (code, _, stderr) = run(
        &folder.journal,
        &[
            "add",
            "--title",
            "Froze the scope",
            "--date",
            "2026-03-02",
            "--note",
            "Two weeks left.",
            "--person",
            "Ana",
            "--tag",
            "release",
            "--confidence",
            "70",
            "--review-on",
            "2026-04-01",
            "--expect",
            "Ships on time",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let id = list(&folder.journal)[0]["id"].as_str().expect("id").to_owned();
    let (code, _, stderr) = run(
        &folder.journal,
        &["review", "record", &id, "--outcome", "Shipped", "--result", "as-expected", "--lesson", "Freeze early"],
    );
    assert_eq!(code, 0, "{stderr}");
    id
}

#[test]
fn a_csv_with_fewer_columns_changes_only_what_it_has_and_the_dry_run_says_what() {
    let folder = Folder::new();
    let id = full_decision(&folder);
    let csv = folder.write("few.csv", &format!("id,date,title\n{id},2026-03-02,Froze the scope for 4.2\n"));

    let (code, stdout, stderr) = run(&folder.journal, &["import", "--from", "csv", csv.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("0 added, 1 updated, 0 skipped"), "{stdout}");
    assert!(stdout.contains("update  2026-03-02  Froze the scope for 4.2  (changes: title)"), "{stdout}");

    let (code, _, stderr) = run(&folder.journal, &["import", "--from", "csv", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let items = list(&folder.journal);
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item["title"], "Froze the scope for 4.2");
    assert_eq!(item["note"], "Two weeks left.", "a column the file lacks keeps its value");
    assert_eq!(item["people"], serde_json::json!(["Ana"]));
    assert_eq!(item["tags"], serde_json::json!(["release"]));
    assert_eq!(item["confidence"], 70);
    assert_eq!(item["expectation"], "Ships on time");
    assert_eq!(item["review_on"], "2026-04-01");
    assert_eq!(item["review"]["outcome"], "Shipped");

    // A column the file has, left empty, does clear its field.
    let csv = folder.write("note.csv", &format!("id,date,title,note\n{id},2026-03-02,Froze the scope for 4.2,\n"));
    let (code, stdout, stderr) = run(&folder.journal, &["import", "--from", "csv", csv.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("(changes: note)"), "{stdout}");
}

#[test]
fn a_json_decision_without_some_keys_keeps_those_fields() {
    let folder = Folder::new();
    let id = full_decision(&folder);
    // Newer than the journal's edit, so it is an update.
    let updated = jiff::Timestamp::now();
    let json = folder.write(
        "few.json",
        &format!(
            r#"{{"version": 1, "decisions": [{{"id": "{id}", "date": "2026-03-03", "title": "Froze the scope",
                "created": "2026-03-02T09:00:00Z", "updated": "{updated}"}}]}}"#
        ),
    );
    let (code, stdout, stderr) =
        run(&folder.journal, &["import", "--from", "json", json.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("(changes: date, created)"), "{stdout}");
    run(&folder.journal, &["import", "--from", "json", json.to_str().unwrap()]);
    let item = &list(&folder.journal)[0];
    assert_eq!(item["date"], "2026-03-03");
    assert_eq!(item["note"], "Two weeks left.");
    assert_eq!(item["review"]["lesson"], "Freeze early");
}

#[test]
fn dates_and_times_out_of_range_are_refused_by_every_way_in_naming_the_row() {
    let folder = Folder::new();
    for (date, message) in [
        ("0001-01-01", "--date: 0001-01-01 is before 1900-01-01"),
        ("2099-03-01", "--date: 2099-03-01 is more than a year ahead"),
    ] {
        let (code, _, stderr) = run(&folder.journal, &["add", "--title", "Offsite", "--date", date]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(message), "{stderr}");
    }
    assert!(!folder.journal.exists(), "nothing written");
    full_decision(&folder);
    let before = fs::read(&folder.journal).expect("read");

    let csv = folder.write(
        "bad.csv",
        "id,date,title,created,updated\n\
         a,2026-03-01,Fine,2026-03-01T09:00:00Z,2026-03-01T09:00:00Z\n\
         b,9999-12-31,Far ahead,2026-03-01T09:00:00Z,2026-03-01T09:00:00Z\n\
         c,0001-01-01,Long ago,2026-03-01T09:00:00Z,2026-03-01T09:00:00Z\n\
         d,2026-03-01,Forged,2026-03-01T09:00:00Z,2099-01-01T00:00:00Z\n",
    );
    let (code, _, stderr) = run(&folder.journal, &["import", "--from", "csv", csv.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    for expected in [
        "bad.csv (CSV): 3 bad records; nothing was imported",
        "row 3: \u{201c}Far ahead\u{201d} (id b): 9999-12-31 is more than a year ahead",
        "row 4: \u{201c}Long ago\u{201d} (id c): 0001-01-01 is before 1900-01-01",
        "row 5: \u{201c}Forged\u{201d} (id d): its updated time 2099-01-01T00:00:00Z is later than now by more than a day",
    ] {
        assert_eq!(stderr.matches(expected).count(), 1, "{expected} once in {stderr}");
    }
    assert_eq!(fs::read(&folder.journal).expect("read"), before, "nothing written");

    let json = folder.write(
        "bad.json",
        r#"{"version": 1, "decisions": [{"id": "z", "date": "9999-12-31", "title": "Far",
            "created": "2026-03-01T09:00:00Z", "updated": "2026-03-01T09:00:00Z"}]}"#,
    );
    let (code, stdout, stderr) =
        run(&folder.journal, &["import", "--from", "json", json.to_str().unwrap(), "--skip-bad"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("decision 1: \u{201c}Far\u{201d} (id z): 9999-12-31 is more than a year ahead"),
        "{stdout}"
    );
    assert_eq!(list(&folder.journal).len(), 1, "the far date never entered");
}

#[test]
fn control_characters_are_refused_in_every_text_field_and_every_import() {
    let folder = Folder::new();
    for (flag, value, code) in [
        ("--note", "Fine\n\tindented \u{1b}[2J", "U+001B"),
        ("--expect", "Ships \u{9b}31m", "U+009B"),
        ("--option", "Hire\u{7}", "U+0007"),
    ] {
        let (exit, _, stderr) = run(&folder.journal, &["add", "--title", "Fine", flag, value]);
        assert_eq!(exit, 2, "{stderr}");
        assert!(stderr.contains(&format!("{flag}: the ")) && stderr.contains(code), "{flag}: {stderr}");
        assert!(!has_raw_control(&stderr), "{stderr:?}");
    }
    assert!(!folder.journal.exists());
    // Line breaks and tabs are at home in a note.
    let (exit, _, stderr) = run(&folder.journal, &["add", "--title", "Fine", "--note", "One\n\tTwo\r\nThree"]);
    assert_eq!(exit, 0, "{stderr}");

    let csv = folder.write("esc.csv", "date,title,note\n2026-03-01,Fine,\"a \u{1b}]0;owned\u{7} b\"\n");
    let (exit, _, stderr) = run(&folder.journal, &["import", csv.to_str().unwrap()]);
    assert_eq!(exit, 1, "{stderr}");
    assert!(
        stderr.contains(
            "row 2: \u{201c}Fine\u{201d}: the note \"a \\e]0;owned\\a b\" holds a control character (U+001B)"
        ),
        "{stderr}"
    );
    let jrnl = folder.write("esc.txt", "[2026-03-01 09:00] Title \u{1b}[31m red\nbody\n");
    let (exit, _, stderr) = run(&folder.journal, &["import", jrnl.to_str().unwrap()]);
    assert_eq!(exit, 1, "{stderr}");
    assert!(stderr.contains("line 1:") && stderr.contains("the title \"Title \\e[31m red\""), "{stderr}");
    assert!(!has_raw_control(&stderr), "{stderr:?}");
}

/// A journal an older Keel wrote, holding control characters in every text
/// field.
fn older_journal(folder: &Folder) {
    let text = "(\n    version: 2,\n    decisions: [\n        (id: \"a\", date: \"2026-03-02\", \
                title: \"Title \\u{1b}]0;owned\\u{7}\", note: \"Line\\n\\tnext \\u{1b}[2J \\u{9b}31m\", \
                people: [\"Ana\\u{7}\"], tags: [\"x\\u{1b}[31m\"], options: [\"Opt\\u{1b}c\"], \
                expectation: \"Exp\\u{8}\", \
                created: \"2026-03-02T09:00:00Z\", updated: \"2026-03-02T09:00:00Z\"),\n    ],\n)\n";
    fs::write(&folder.journal, text).expect("written");
}

#[test]
fn no_output_that_reaches_a_terminal_carries_a_control_character() {
    let folder = Folder::new();
    older_journal(&folder);
    for args in [
        &["list"][..],
        &["list", "--format", "csv"],
        &["list", "--format", "json"],
        &["export", "--format", "md"],
        &["export", "--format", "jrnl"],
        &["export", "--format", "csv"],
        &["export", "--format", "json"],
        &["brief", "--no-record", "--since", "2026-03-01", "--until", "2026-03-31"],
        &["brief", "--no-record", "--since", "2026-03-01", "--until", "2026-03-31", "--format", "html"],
    ] {
        let (code, stdout, stderr) = run(&folder.journal, args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!has_raw_control(&stdout), "{args:?}: {stdout:?}");
        // Shown escaped (Markdown adds its own backslash before the bracket).
        assert!(stdout.contains("0;owned\\a") || stdout.contains("\\u001b]0;owned"), "{args:?}: {stdout}");
    }
    // The JSON stays the same JSON: its escapes read back to the text.
    let items = list(&folder.journal);
    assert_eq!(items[0]["note"], "Line\n\tnext \u{1b}[2J \u{9b}31m");
}

#[test]
fn too_many_tags_are_refused_by_name_and_many_repeats_cost_little() {
    let folder = Folder::new();
    let max = keel::model::decision::MAX_NAMES;
    // `keel add`.
    let tags: Vec<String> = (0..=max).flat_map(|i| ["--tag".to_owned(), format!("t{i}")]).collect();
    let mut args = vec!["add".to_owned(), "--title".to_owned(), "Tagged".to_owned()];
    args.extend(tags);
    let output = keel(&folder.journal).args(&args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("--tag: {} tags on one decision is more than the {max} Keel allows", max + 1)),
        "{stderr}"
    );

    // A CSV cell of 100 000 tags (the attack took 185 s, even as a dry run).
    let many: Vec<String> = (0..100_000).map(|i| format!("tag{i}")).collect();
    let csv = folder.write("many.csv", &format!("date,title,tags\n2026-03-01,Many,{}\n", many.join(";")));
    let started = Instant::now();
    let (code, _, stderr) = run(&folder.journal, &["import", "--dry-run", csv.to_str().unwrap()]);
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!("row 2: \u{201c}Many\u{201d}: 100000 tags on one decision is more than the {max}")),
        "{stderr}"
    );

    // 200 000 repeats of a few tags are read in a moment and kept once each.
    let repeats: Vec<String> = (0..200_000).map(|i| format!("Tag{}", i % 5)).collect();
    let csv = folder.write("repeats.csv", &format!("date,title,tags\n2026-03-01,Repeats,{}\n", repeats.join(";")));
    let started = Instant::now();
    let (code, _, stderr) = run(&folder.journal, &["import", csv.to_str().unwrap()]);
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(list(&folder.journal)[0]["tags"], serde_json::json!(["Tag0", "Tag1", "Tag2", "Tag3", "Tag4"]));
}

#[test]
fn a_journal_holding_too_many_people_on_a_decision_is_refused_with_its_line() {
    let folder = Folder::new();
    let max = keel::model::decision::MAX_NAMES;
    let people: Vec<String> = (0..=max).map(|i| format!("\"P{i}\"")).collect();
    let text = format!(
        "(\n    version: 2,\n    decisions: [\n        (id: \"a\", date: \"2026-03-02\", title: \"Fine\", \
         created: \"2026-03-02T09:00:00Z\", updated: \"2026-03-02T09:00:00Z\"),\n        (id: \"b\", date: \
         \"2026-03-02\", title: \"Crowd\", people: [{}],\n created: \"2026-03-02T09:00:00Z\", updated: \
         \"2026-03-02T09:00:00Z\"),\n    ],\n)\n",
        people.join(", ")
    );
    fs::write(&folder.journal, &text).expect("written");
    let (code, _, stderr) = run(&folder.journal, &["list"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "journal.ron:5:10: the decision \u{201c}Crowd\u{201d} (id b): {} people on one decision is more than the {max}",
            max + 1
        )),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&folder.journal).expect("read"), text, "left alone");
}
