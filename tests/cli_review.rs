//! `keel add` with expectations, `keel review list` and `keel review record`,
//! and their bad inputs.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is the test failing")]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn keel(path: &Path) -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command.arg("--journal").arg(path);
    command
}

fn json(path: &Path, args: &[&str]) -> Vec<Value> {
    let output = keel(path).args(args).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice::<Value>(&output.stdout).expect("JSON").as_array().expect("array").clone()
}

/// A journal with one decision due long ago, one due far in the future and
/// one without a review date.
fn seeded() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let adds: [&[&str]; 3] = [
        &[
            "--title",
            "Moved Ana to payments",
            "--date",
            "2020-03-02",
            "--expect",
            "Payments ships on time",
            "--confidence",
            "70",
            "--review-on",
            "2020-04-01",
            "--option",
            "Hire a contractor",
            "--option",
            "Delay",
        ],
        &["--title", "Picked the new CI vendor", "--date", "2020-03-03", "--review-on", "2099-01-01"],
        &["--title", "No review planned", "--date", "2020-03-04"],
    ];
    for args in adds {
        keel(&path).arg("add").args(args).assert().success();
    }
    (folder, path)
}

#[test]
fn list_json_carries_expectation_confidence_options_and_review() {
    let (_folder, path) = seeded();
    let items = json(&path, &["list", "--format", "json"]);
    let moved = items.iter().find(|item| item["title"] == "Moved Ana to payments").expect("listed");
    assert_eq!(moved["expectation"], "Payments ships on time");
    assert_eq!(moved["confidence"], 70);
    assert_eq!(moved["options"], serde_json::json!(["Hire a contractor", "Delay"]));
    assert_eq!(moved["review_on"], "2020-04-01");
    assert_eq!(moved["review"], Value::Null);
}

#[test]
fn review_list_due_then_record_takes_it_off_the_list() {
    let (_folder, path) = seeded();
    let all = json(&path, &["review", "list", "--format", "json"]);
    assert_eq!(all.len(), 2, "only decisions with a review date");
    let due = json(&path, &["review", "list", "--due", "--format", "json"]);
    assert_eq!(due.len(), 1);
    assert_eq!(due[0]["title"], "Moved Ana to payments");
    assert_eq!(due[0]["review_on"], "2020-04-01");
    let id = due[0]["id"].as_str().expect("id").to_owned();

    keel(&path)
        .args(["review", "record", &id[..8], "--outcome", "Shipped a week late", "--result", "worse"])
        .args(["--process", "4", "--lesson", "Plan the handover"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Recorded the review"));

    assert!(json(&path, &["review", "list", "--due", "--format", "json"]).is_empty());
    let items = json(&path, &["list", "--format", "json", "--search", "payments"]);
    let review = &items[0]["review"];
    assert_eq!(review["outcome"], "Shipped a week late");
    assert_eq!(review["result"], "worse");
    assert_eq!(review["process"], 4);
    assert_eq!(review["lesson"], "Plan the handover");
    assert_eq!(items[0]["expectation"], "Payments ships on time", "the original entry stays as written");

    keel(&path).args(["review", "list", "--due"]).assert().success().stdout(predicate::str::contains("Nothing is due"));
}

#[test]
fn bad_review_inputs_exit_2_and_write_nothing() {
    let (_folder, path) = seeded();
    let id = json(&path, &["list", "--format", "json"])[0]["id"].as_str().expect("id").to_owned();
    let before = fs::read(&path).expect("read");
    let cases: Vec<(Vec<&str>, &[&str])> = vec![
        (vec!["add", "--title", "X", "--confidence", "101"], &["'101'", "0 to 100"]),
        (vec!["add", "--title", "X", "--confidence", "-5"], &["0 to 100"]),
        (vec!["add", "--title", "X", "--date", "2026-03-10", "--review-on", "2026-03-01"], &["--review-on", "before"]),
        (
            vec!["review", "record", &id, "--outcome", "o", "--result", "fine"],
            &["'fine'", "better, as-expected, worse"],
        ),
        (vec!["review", "record", &id, "--outcome", "o", "--result", "worse", "--process", "6"], &["'6'", "1 to 5"]),
        (vec!["review", "record", "no-such-id", "--outcome", "o", "--result", "worse"], &["no-such-id"]),
        (vec!["review", "record", &id, "--outcome", "  ", "--result", "worse"], &["--outcome"]),
    ];
    for (args, fragments) in cases {
        let assert = keel(&path).args(&args).assert().code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        for fragment in fragments {
            assert!(stderr.contains(fragment), "{args:?}: stderr lacks {fragment:?}:\n{stderr}");
        }
        assert_eq!(fs::read(&path).expect("read"), before, "{args:?} changed the journal");
    }
}
