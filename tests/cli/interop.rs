//! `keel import` and `keel export` as scripts use them: dry runs, repeated
//! imports, bad rows, and every export format to stdout and to a file.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const JRNL_EXPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jrnl/export.json");
const JRNL_TEXT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jrnl/journal.txt");

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

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// `keel --journal PATH`, in UTC so jrnl's local times are fixed.
fn keel(journal: &Path) -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command.env("TZ", "UTC").arg("--journal").arg(journal);
    command
}

fn list(journal: &Path) -> Vec<Value> {
    let output = keel(journal).args(["list", "--format", "json"]).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice::<Value>(&output.stdout).expect("JSON").as_array().expect("array").clone()
}

fn import(journal: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    keel(journal).arg("import").args(args).assert()
}

#[test]
fn a_dry_run_reports_what_would_happen_and_writes_nothing() {
    let folder = Folder::new();
    import(&folder.journal, &["--from", "jrnl-json", JRNL_EXPORT, "--dry-run"])
        .success()
        .stdout(predicate::str::contains("nothing written: 12 added, 0 updated, 0 skipped."))
        .stdout(predicate::str::contains("add     2026-06-01  Shared the two-year platform vision at the all-hands"));
    assert!(!folder.journal.exists(), "no journal was created");

    import(&folder.journal, &["--from", "jrnl-json", JRNL_EXPORT]).success();
    let before = fs::read(&folder.journal).expect("written");
    import(&folder.journal, &["--from", "jrnl", JRNL_TEXT, "--dry-run"])
        .success()
        .stdout(predicate::str::contains("0 added, 0 updated, 12 skipped."))
        .stdout(predicate::str::contains("skip    line 1:"));
    assert_eq!(fs::read(&folder.journal).expect("read"), before);
}

#[test]
fn importing_twice_adds_nothing() {
    let folder = Folder::new();
    import(&folder.journal, &["--from", "jrnl-json", JRNL_EXPORT])
        .success()
        .stdout(predicate::str::contains("(jrnl JSON): 12 added, 0 updated, 0 skipped."));
    let items = list(&folder.journal);
    assert_eq!(items.len(), 12);
    let marco = items.iter().find(|item| item["title"].as_str().unwrap().starts_with("1:1 with Marco")).unwrap();
    assert_eq!(marco["style"], "leadership");
    assert_eq!(marco["tags"], serde_json::json!(["Marco"]));
    assert_eq!(marco["note"], "Marco Talked about growth, not tickets.", "the tag is a word again");
    let before = fs::read(&folder.journal).expect("written");

    import(&folder.journal, &["--from", "jrnl-json", JRNL_EXPORT])
        .success()
        .stdout(predicate::str::contains("0 added, 0 updated, 12 skipped."));
    // The format is guessed from the name when --from is left out.
    import(&folder.journal, &[JRNL_TEXT]).success().stdout(predicate::str::contains("(jrnl text): 0 added"));
    assert_eq!(list(&folder.journal).len(), 12);
    assert_eq!(fs::read(&folder.journal).expect("read"), before, "nothing to add: the file is not rewritten");
}

const BAD_CSV: &str = "\
date,title,style,situations,note
2026-03-02,Good one,management,crisis,\"fine, really\"
2026-03-03,Bad style,leader,,
2026-02-30,Bad date,,,
";

#[test]
fn bad_rows_are_named_and_nothing_is_imported_unless_skip_bad() {
    let folder = Folder::new();
    let csv = folder.file("decisions.csv");
    fs::write(&csv, BAD_CSV).expect("write");
    import(&folder.journal, &["--from", "csv", csv.to_str().unwrap()])
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("2 bad records; nothing was imported"))
        .stderr(predicate::str::contains("--skip-bad to import the 1 good record"))
        .stderr(predicate::str::contains(
            "row 3: unknown style 'leader'; valid styles are: leadership, blend, management",
        ))
        .stderr(predicate::str::contains("row 4: '2026-02-30' is not a valid date"));
    assert!(!folder.journal.exists());

    import(&folder.journal, &["--from", "csv", csv.to_str().unwrap(), "--skip-bad"])
        .success()
        .stdout(predicate::str::contains("1 added, 0 updated, 0 skipped."))
        .stdout(predicate::str::contains("Left out 2 bad records:\n  row 3: unknown style 'leader'"));
    let items = list(&folder.journal);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["note"], "fine, really");
}

#[test]
fn an_unreadable_or_wrong_file_is_named() {
    let folder = Folder::new();
    let missing = folder.file("missing.json");
    import(&folder.journal, &["--from", "json", missing.to_str().unwrap()])
        .code(1)
        .stderr(predicate::str::contains("cannot read").and(predicate::str::contains("missing.json")));
    import(&folder.journal, &["--from", "json", JRNL_EXPORT])
        .code(1)
        .stderr(predicate::str::contains("export.json is not a valid Keel JSON file"))
        .stderr(predicate::str::contains("--from jrnl-json"));
    let notes = folder.file("notes.md");
    fs::write(&notes, "# hi").expect("write");
    import(&folder.journal, &[notes.to_str().unwrap()])
        .code(1)
        .stderr(predicate::str::contains("cannot tell the format"));
    import(&folder.journal, &["--from", "yaml", JRNL_EXPORT])
        .code(2)
        .stderr(predicate::str::contains("jrnl-json").and(predicate::str::contains("csv")));
    import(&folder.journal, &["--demo", "--from", "jrnl-json", JRNL_EXPORT]).code(2);
    assert!(!folder.journal.exists());
}

#[test]
fn export_to_stdout_in_every_format() {
    let folder = Folder::new();
    import(&folder.journal, &["--from", "jrnl-json", JRNL_EXPORT]).success();

    let output = keel(&folder.journal).args(["export", "--format", "json"]).output().expect("runs");
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["decisions"].as_array().map(Vec::len), Some(12));

    keel(&folder.journal)
        .args(["export", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("id,date,title,style,situations,tags,people,note,starred,"))
        .stdout(predicate::str::contains("2026-06-15,Set the launch date but let the team decide how to get there,blend,independent-team;tight-deadline,"));
    keel(&folder.journal)
        .args(["export", "--format", "md"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Decision journal\n\n12 decisions, from 2026-06-01 to 2026-06-19."))
        .stdout(predicate::str::contains(
            "## 2026-06-02 \u{2014} Payments outage \u{2014} took command of the incident",
        ));
    keel(&folder.journal)
        .args(["export", "--format", "jrnl"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "[2026-06-01 09:15:00 AM] Shared the two-year platform vision at the all-hands\n@leadership @new-approaches\nAsked everyone",
        ));
}

#[test]
fn export_out_writes_a_file_that_imports_back_the_same() {
    let folder = Folder::new();
    import(&folder.journal, &["--from", "jrnl-json", JRNL_EXPORT]).success();
    for (format, name) in [("json", "backup.json"), ("csv", "backup.csv"), ("jrnl", "backup.txt"), ("md", "archive.md")]
    {
        let out = folder.file(name);
        keel(&folder.journal)
            .args(["export", "--format", format, "--out", out.to_str().unwrap()])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("Exported 12 decisions to {}", out.display())));
        assert!(fs::metadata(&out).expect("written").len() > 0);
    }
    let original = list(&folder.journal);
    for name in ["backup.json", "backup.csv"] {
        let fresh = folder.file(&format!("fresh-{name}.ron"));
        import(&fresh, &[folder.file(name).to_str().unwrap()]).success().stdout(predicate::str::contains("12 added"));
        assert_eq!(list(&fresh), original, "{name} round trip");
        import(&fresh, &[folder.file(name).to_str().unwrap()]).success().stdout(predicate::str::contains("0 added"));
    }
    import(&folder.journal, &[folder.file("backup.txt").to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains("0 added, 0 updated, 12 skipped"));

    keel(&folder.journal)
        .args(["export", "--format", "json", "--out", folder.journal.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is the journal itself"));
}

#[test]
fn a_dry_run_names_tags_that_look_like_people_and_tags_as_people_makes_them_people() {
    let folder = Folder::new();
    import(&folder.journal, &["--from", "jrnl-json", JRNL_EXPORT, "--dry-run"])
        .success()
        .stdout(predicate::str::contains("Tags that look like people: @Priya, @Marco."))
        .stdout(predicate::str::contains("--tags-as-people Priya,Marco"));

    import(&folder.journal, &["--from", "jrnl-json", JRNL_EXPORT, "--tags-as-people", "marco,Nobody"])
        .success()
        .stdout(predicate::str::contains("12 added"))
        .stdout(predicate::str::contains("As people, not tags: marco."))
        .stdout(predicate::str::contains("No decision to import has the tag @Nobody"));
    let decisions = list(&folder.journal);
    let with_marco = decisions
        .iter()
        .find(|d| d["title"].as_str().is_some_and(|title| title.starts_with("1:1 with Marco")))
        .expect("imported");
    assert_eq!(with_marco["people"], serde_json::json!(["Marco"]), "the tag's own spelling");
    assert_eq!(with_marco["tags"], serde_json::json!([]));
    let with_priya = decisions
        .iter()
        .find(|d| d["tags"].as_array().is_some_and(|tags| tags.contains(&Value::from("Priya"))))
        .expect("Priya stays a tag");
    assert_eq!(with_priya["people"], serde_json::json!([]));

    // Again, with or without the choice: nothing is added twice.
    import(&folder.journal, &["--from", "jrnl-json", JRNL_EXPORT, "--tags-as-people", "Marco"])
        .success()
        .stdout(predicate::str::contains("0 added"));
    import(&folder.journal, &["--from", "jrnl-json", JRNL_EXPORT])
        .success()
        .stdout(predicate::str::contains("0 added"));
    assert_eq!(list(&folder.journal).len(), 12);
}

#[test]
fn tags_as_people_is_refused_for_files_with_a_people_column() {
    let folder = Folder::new();
    let csv = folder.file("decisions.csv");
    fs::write(&csv, "date,title,tags\n2026-03-02,Good one,Marco\n").expect("write");
    let csv = csv.to_string_lossy().into_owned();
    import(&folder.journal, &["--from", "csv", &csv, "--tags-as-people", "Marco"])
        .code(2)
        .stderr(predicate::str::contains("--tags-as-people is for jrnl files"));
    assert!(!folder.journal.exists(), "nothing written");
}
