//! `keel add` with expectations, `keel review list` and `keel review record`,
//! and their bad inputs.

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
fn review_list_is_one_table_with_a_short_id_that_record_accepts() {
    let (_folder, path) = seeded();
    let output = keel(&path).args(["review", "list"]).output().expect("runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("ID") && lines[0].contains("REVIEW") && lines[0].contains("TITLE"), "{text}");
    assert_eq!(lines.len(), 3, "a header and one row per decision with a review date, nothing else: {text}");
    let row = lines.iter().find(|line| line.contains("Moved Ana to payments")).expect("listed");
    assert!(row.contains("DUE 2020-04-01"), "{row}");
    let short = row.split_whitespace().next().expect("an id first");
    assert_eq!(short.chars().count(), 8, "{row}");
    keel(&path)
        .args(["review", "record", short, "--outcome", "Shipped", "--result", "as-expected"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Recorded the review"));
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

/// One decision of a hand-written journal file, reviewed when `result` is
/// given.
fn ron_decision(
    n: usize,
    date: &str,
    style: &str,
    situations: &[&str],
    result: Option<&str>,
    people: &[&str],
    tags: &[&str],
) -> String {
    let quoted = |items: &[&str]| items.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
    let review = result.map_or_else(String::new, |result| {
        format!(
            "review: Some((reviewed_on: \"{date}\", outcome: \"What happened\", result: \"{result}\", process: Some(4), lesson: \"\")),"
        )
    });
    format!(
        "(id: \"d{n:02}\", date: \"{date}\", title: \"Decision {n}\", style: Some(\"{style}\"), situations: [{}], people: [{}], tags: [{}], {review} created: \"{date}T09:00:00Z\", updated: \"{date}T09:00:00Z\"),",
        quoted(situations),
        quoted(people),
        quoted(tags)
    )
}

/// Followed: 6 crisis/management in March with Ana (5 met), 3
/// tight-deadline/management in April (all met). Against: 5
/// crisis/leadership in March with Ana tagged "ops" (none met), 1
/// confident-team/management (met). Partly: 2 training/blend (1 met). One
/// crisis/management decision is not reviewed.
fn evidence_journal() -> (tempfile::TempDir, PathBuf) {
    let mut decisions = Vec::new();
    let mut n = 0;
    let mut push = |count: usize,
                    date: &str,
                    style: &str,
                    situation: &str,
                    result: Option<&str>,
                    people: &[&str],
                    tags: &[&str]| {
        for _ in 0..count {
            n += 1;
            decisions.push(ron_decision(n, date, style, &[situation], result, people, tags));
        }
    };
    push(5, "2026-03-02", "management", "crisis", Some("better"), &["Ana"], &[]);
    push(1, "2026-03-03", "management", "crisis", Some("worse"), &["Ana"], &[]);
    push(3, "2026-04-06", "management", "tight-deadline", Some("as-expected"), &["Bo"], &[]);
    push(5, "2026-03-09", "leadership", "crisis", Some("worse"), &["Ana"], &["ops"]);
    push(1, "2026-04-13", "management", "confident-team", Some("better"), &["Bo"], &[]);
    push(1, "2026-04-14", "blend", "training", Some("better"), &[], &[]);
    push(1, "2026-04-15", "blend", "training", Some("worse"), &[], &[]);
    push(1, "2026-04-16", "management", "crisis", None, &["Ana"], &[]);
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    fs::write(&path, format!("(version: 1, decisions: [\n{}\n])\n", decisions.join("\n"))).expect("write");
    (folder, path)
}

fn insights(path: &Path, args: &[&str]) -> Value {
    let output = keel(path).args(["review", "insights", "--format", "json"]).args(args).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn insights_json_keeps_the_contract() {
    let (_folder, path) = evidence_journal();
    let json = insights(&path, &[]);
    assert_eq!(json["reviewed"], 17);
    let followed = &json["by_fit"][0];
    assert_eq!(followed["fit"], "followed");
    assert_eq!((followed["reviewed"].as_u64(), followed["met"].as_u64()), (Some(9), Some(8)));
    assert_eq!(followed["met_rate"], 0.889);
    assert_eq!((followed["low"].as_f64(), followed["high"].as_f64()), (Some(0.565), Some(0.98)));
    assert_eq!(followed["mean_process"], 4.0);
    let fits: Vec<&str> = json["by_fit"].as_array().unwrap().iter().map(|row| row["fit"].as_str().unwrap()).collect();
    assert_eq!(fits, ["followed", "partly", "against"]);
    assert_eq!((json["by_fit"][1]["reviewed"].as_u64(), json["by_fit"][2]["met"].as_u64()), (Some(2), Some(1)));
    let cells: Vec<(String, String, u64)> = json["by_situation_style"]
        .as_array()
        .unwrap()
        .iter()
        .map(|cell| (cell["situation"].to_string(), cell["style"].to_string(), cell["reviewed"].as_u64().unwrap()))
        .collect();
    let expected = [
        ("confident-team", "management", 1),
        ("crisis", "leadership", 5),
        ("crisis", "management", 6),
        ("training", "blend", 2),
        ("tight-deadline", "management", 3),
    ]
    .map(|(s, t, n)| (format!("\"{s}\""), format!("\"{t}\""), n));
    assert_eq!(cells, expected, "guidance order, then leadership, blend, management");
    let crisis = &json["by_situation_style"][2];
    assert_eq!(
        (crisis["low"].as_f64(), crisis["high"].as_f64(), crisis["met_rate"].as_f64()),
        (Some(0.436), Some(0.97), Some(0.833))
    );
    let claims = json["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert!(claims[0].as_str().unwrap().starts_with("Decisions that followed the guidance turned out better"));
}

#[test]
fn insights_filters_narrow_the_evidence_and_too_few_says_so() {
    let (_folder, path) = evidence_journal();
    let ana = insights(&path, &["--person", "ana"]);
    assert_eq!(ana["reviewed"], 11, "Ana's 6 managed and 5 led crises");
    assert!(ana["claims"].as_array().unwrap().len() == 2, "5 of 6 against 0 of 5 still parts");
    let march = insights(&path, &["--since", "2026-03-01", "--until", "2026-03-08"]);
    assert_eq!(march["reviewed"], 6);
    assert_eq!(march["by_fit"][2]["reviewed"], 0, "every group is listed, empty or not");
    assert_eq!(march["by_fit"][2]["met_rate"], Value::Null);
    assert_eq!(march["by_fit"][2]["low"], Value::Null);
    assert!(march["claims"].as_array().unwrap().is_empty());
    let finding = march["findings"][0].as_str().unwrap();
    assert!(
        finding.starts_with("Too few reviews yet")
            && finding.contains("5 more reviewed decisions that went against it"),
        "{finding}"
    );
    let ops = insights(&path, &["--tag", "ops"]);
    assert_eq!((ops["reviewed"].as_u64(), ops["by_fit"][2]["reviewed"].as_u64()), (Some(5), Some(5)));
}

#[test]
fn insights_text_reads_as_tables_and_sentences() {
    let (_folder, path) = evidence_journal();
    let output = keel(&path).args(["review", "insights"]).output().expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.starts_with("Did leading or managing work for you?\nYour management decisions met what you expected more often than your leadership ones"), "{text}");
    assert!(text.contains("\n\nDoes the guidance work for you?\n17 reviewed decisions with guidance: 9 followed it, 2 partly, 6 went against it."), "{text}");
    let followed = text.lines().find(|line| line.starts_with("Followed the guidance")).expect("a row");
    assert!(followed.contains("89%") && followed.contains("56\u{2013}98 %"), "{followed}");
    assert!(text.contains("- When a crisis is unfolding, management met what you expected more often than leadership"));
    let empty = tempfile::tempdir().expect("temp dir");
    keel(&empty.path().join("none.ron"))
        .args(["review", "insights"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No decision with a situation has been reviewed yet"));
}

#[test]
fn insights_bad_inputs_exit_2_with_a_clear_message() {
    let (_folder, path) = evidence_journal();
    let cases: [(&[&str], &[&str]); 4] = [
        (&["--person", "Anna"], &["'Anna'", "did you mean: Ana?"]),
        (&["--since", "2026-13-01"], &["--since", "2026-13-01"]),
        (&["--since", "2026-04-01", "--until", "2026-03-01"], &["--since 2026-04-01 is after --until 2026-03-01"]),
        (&["--format", "xml"], &["xml", "text", "json"]),
    ];
    for (args, fragments) in cases {
        let assert = keel(&path).args(["review", "insights"]).args(args).assert().code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        for fragment in fragments {
            assert!(stderr.contains(fragment), "{args:?}: stderr lacks {fragment:?}:\n{stderr}");
        }
    }
}

/// A decision of a hand-written version 2 file, with its id.
fn ron_with_id(id: &str, title: &str) -> String {
    format!(
        "(id: \"{id}\", date: \"2026-03-02\", title: \"{title}\", style: Some(\"blend\"), situations: [], people: [], tags: [], created: \"2026-03-02T09:00:00Z\", updated: \"2026-03-02T09:00:00Z\"),"
    )
}

#[test]
fn a_full_id_names_its_decision_even_held_twice_or_starting_another() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let decisions = [
        ron_with_id("ab", "Short id"),
        ron_with_id("abc", "Longer id"),
        ron_with_id("dup", "Pasted twice"),
        ron_with_id("dup", "Pasted twice"),
        ron_with_id("two", "First of two"),
        ron_with_id("two", "Second of two"),
    ];
    fs::write(&path, format!("(version: 2, decisions: [\n{}\n], deleted: [])\n", decisions.join("\n"))).expect("write");
    let record = |id: &str| {
        let mut command = keel(&path);
        command.args(["review", "record", id, "--outcome", "It went fine", "--result", "as-expected"]);
        command
    };
    let reviewed = |title: &str| {
        json(&path, &["list", "--format", "json"])
            .iter()
            .filter(|item| item["title"] == title)
            .map(|item| !item["review"].is_null())
            .collect::<Vec<bool>>()
    };

    // A full id that also starts a longer one.
    record("ab").assert().success().stdout(predicate::str::contains("Short id"));
    assert_eq!((reviewed("Short id"), reviewed("Longer id")), (vec![true], vec![false]));
    // One decision written twice: both copies are reviewed.
    record("dup").assert().success();
    assert_eq!(reviewed("Pasted twice"), [true, true]);

    // Two different decisions with one id: refused, saying what to do.
    let before = fs::read(&path).expect("read");
    let refused = record("two").assert().code(2);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    for fragment in [
        "the journal holds 2 different decisions with the id 'two'",
        "\u{201c}First of two\u{201d} (2026-03-02)",
        "\u{201c}Second of two\u{201d}",
        "Give one of them a new id in",
        "journal.ron",
    ] {
        assert!(stderr.contains(fragment), "lacks {fragment:?}: {stderr}");
    }
    assert!(!stderr.contains("give more of the id"), "{stderr}");
    assert_eq!(fs::read(&path).expect("read"), before, "nothing written");

    // A start shared by several ids names them.
    record("a").assert().code(2).stderr(predicate::str::contains("'a' starts the ids of 2 decisions (ab, abc)"));
}

/// Adds a decision and records its review; returns the decision's id.
fn reviewed(
    path: &Path,
    title: &str,
    date: &str,
    style: &str,
    situations: &[&str],
    result: &str,
    lesson: &str,
) -> String {
    let mut add = keel(path);
    add.args(["add", "--title", title, "--date", date, "--style", style]);
    for situation in situations {
        add.args(["--situation", situation]);
    }
    add.assert().success();
    let items = json(path, &["list", "--format", "json"]);
    let id = items.iter().find(|item| item["title"] == title).expect("added")["id"].as_str().expect("id").to_owned();
    keel(path)
        .args([
            "review",
            "record",
            &id,
            "--outcome",
            "It went",
            "--result",
            result,
            "--process",
            "4",
            "--lesson",
            lesson,
        ])
        .assert()
        .success();
    id
}

#[test]
fn lessons_rank_by_situations_shared_then_most_recent() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    reviewed(
        &path,
        "Froze scope",
        "2026-03-01",
        "management",
        &["crisis", "tight-deadline"],
        "better",
        "Freeze earlier",
    );
    reviewed(&path, "Let the team pick", "2026-05-01", "leadership", &["crisis"], "worse", "Crises want one owner");
    reviewed(&path, "Ran the retro", "2026-06-01", "leadership", &["confident-team"], "better", "Step back more");
    keel(&path).args(["add", "--title", "Not reviewed", "--situation", "crisis"]).assert().success();

    let found = json(&path, &["lessons", "--situation", "crisis", "--situation", "tight-deadline", "--format", "json"]);
    let titles: Vec<&str> = found.iter().map(|item| item["title"].as_str().expect("title")).collect();
    assert_eq!(titles, ["Froze scope", "Let the team pick"], "most shared first; none sharing left out");
    assert_eq!(found[0]["shared_situations"], 2);
    assert_eq!(found[0]["lesson"], "Freeze earlier");
    assert_eq!(found[0]["result"], "better");
    assert_eq!(found[0]["process"], 4);
    assert_eq!(found[0]["style"], "management");
    assert_eq!(found[0]["situations"], serde_json::json!(["crisis", "tight-deadline"]));

    let everything = json(&path, &["lessons", "--format", "json"]);
    let titles: Vec<&str> = everything.iter().map(|item| item["title"].as_str().expect("title")).collect();
    assert_eq!(titles, ["Ran the retro", "Let the team pick", "Froze scope"], "most recent first");
    let leadership = json(&path, &["lessons", "--style", "leadership", "--format", "json"]);
    assert_eq!(leadership.len(), 2);

    keel(&path)
        .args(["lessons", "--situation", "crisis", "--situation", "tight-deadline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Lesson: Freeze earlier").and(predicate::str::contains("(2 shared)")));
    keel(&path)
        .args(["lessons", "--person", "Nobody"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no decision in the journal names 'Nobody'"));
    keel(&path)
        .args(["lessons", "--situation", "not-a-situation"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not-a-situation"));
}

#[test]
fn insights_answer_by_style_with_ranges() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    for n in 0..3 {
        let result = if n == 0 { "worse" } else { "better" };
        reviewed(&path, &format!("Led {n}"), "2026-03-02", "leadership", &["confident-team"], result, "");
    }
    reviewed(&path, "Managed", "2026-03-03", "management", &["crisis"], "as-expected", "");
    let output = keel(&path).args(["review", "insights", "--format", "json"]).output().expect("runs");
    assert!(output.status.success());
    let insights: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let by_style = insights["by_style"].as_array().expect("by_style");
    let styles: Vec<&str> = by_style.iter().map(|row| row["style"].as_str().expect("style")).collect();
    assert_eq!(styles, ["leadership", "blend", "management"]);
    let leadership = &by_style[0];
    assert_eq!((leadership["reviewed"].as_u64(), leadership["met"].as_u64()), (Some(3), Some(2)));
    assert_eq!(leadership["met_rate"], 0.667);
    // Wilson 95 % of 2/3: 0.208 to 0.939.
    assert_eq!((leadership["low"].as_f64(), leadership["high"].as_f64()), (Some(0.208), Some(0.939)));
    assert_eq!(leadership["mean_process"], 4.0);
    assert_eq!(by_style[1]["reviewed"], 0);
    assert_eq!(by_style[1]["met_rate"], Value::Null);
    keel(&path).args(["review", "insights"]).assert().success().stdout(
        predicate::str::contains("Did leading or managing work for you?")
            .and(predicate::str::contains("too few to tell")),
    );
}
