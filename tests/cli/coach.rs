//! `keel week`, `keel reflect` and `keel goal` (issue 23): the JSON
//! contract on hand-built journals, the lifecycle of goals, and bad input
//! refused with exit 2 and nothing written.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn keel(path: &Path) -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command.arg("--journal").arg(path).env("KEEL_CACHE_DIR", "").env_remove("KEEL_PASSPHRASE");
    command
}

fn json(path: &Path, args: &[&str]) -> Value {
    let output = keel(path).args(args).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn add(path: &Path, args: &[&str]) -> String {
    let output = keel(path).arg("add").args(args).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    // "Added “…” on D (id X)"
    text.rsplit("(id ").next().expect("an id").trim().trim_end_matches(')').to_owned()
}

fn journal() -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    (folder, path)
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

fn day_from_today(days: i64) -> String {
    today().checked_add(jiff::Span::new().days(days)).expect("in range").to_string()
}

#[test]
fn the_week_in_json_holds_what_the_contract_promises_for_a_hand_built_journal() {
    let (_folder, path) = journal();
    // The week of Monday 2026-11-23 to Sunday 2026-11-29.
    let managed = add(
        &path,
        &[
            "--title",
            "Checked every ticket",
            "--date",
            "2026-11-24",
            "--style",
            "management",
            "--situation",
            "confident-team",
        ],
    );
    add(
        &path,
        &[
            "--title",
            "Let the team pick",
            "--date",
            "2026-11-25",
            "--style",
            "leadership",
            "--situation",
            "confident-team",
        ],
    );
    add(&path, &["--title", "Untagged one", "--date", "2026-11-26"]);
    add(&path, &["--title", "The week before", "--date", "2026-11-20", "--style", "blend"]);
    let lesson = add(
        &path,
        &[
            "--title",
            "Stepped back on the demo",
            "--date",
            "2026-09-01",
            "--style",
            "leadership",
            "--situation",
            "confident-team",
        ],
    );
    keel(&path)
        .args([
            "review",
            "record",
            &lesson,
            "--outcome",
            "Went well",
            "--result",
            "better",
            "--lesson",
            "Trust them sooner",
        ])
        .assert()
        .success();
    add(&path, &["--title", "A month before", "--date", "2026-10-26"]);
    let week = json(&path, &["week", "--date", "2026-11-26", "--format", "json"]);
    assert_eq!(week["week_start"], "2026-11-23");
    assert_eq!(week["week_end"], "2026-11-29");
    assert_eq!(week["decisions"], 3);
    assert_eq!(week["by_style"], serde_json::json!({"leadership": 1, "blend": 0, "management": 1, "untagged": 1}));
    assert_eq!(
        week["against_guidance"],
        serde_json::json!([{"id": managed, "title": "Checked every ticket", "why_noted": false}])
    );
    assert_eq!(week["resurfaced"][0]["id"], lesson.as_str());
    assert_eq!(week["resurfaced"][0]["lesson"], "Trust them sooner");
    assert_eq!(week["resurfaced"][0]["result"], "better");
    assert_eq!(week["resurfaced"][0]["because"], serde_json::json!(["confident-team"]));
    assert_eq!(week["on_this_day"][0]["title"], "A month before");
    assert_eq!(week["on_this_day"][0]["ago"], "month");
    let first = &week["questions"][0];
    assert_eq!(first["decisions"], serde_json::json!([managed]));
    assert!(first["text"].as_str().expect("text").contains("Checked every ticket"));
    assert!(week["reflection"].is_null());
    let active = week["active_weeks"].as_array().expect("26 weeks");
    assert_eq!(active.len(), 26);
    assert_eq!(active[25], true);
    assert_eq!(active[24], true, "the week before");
    assert_eq!(active[23], false);
}

#[test]
fn a_reflection_keeps_the_questions_asked_and_a_second_one_updates_it() {
    let (_folder, path) = journal();
    add(
        &path,
        &[
            "--title",
            "Checked every ticket",
            "--date",
            "2026-11-24",
            "--style",
            "management",
            "--situation",
            "confident-team",
        ],
    );
    let asked = json(&path, &["week", "--date", "2026-11-24", "--format", "json"])["questions"].clone();
    keel(&path)
        .args(["reflect", "--date", "2026-11-25", "--answer", "The client was watching", "--answer", "Ana"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Saved the reflection on the week of 2026-11-23"));
    let week = json(&path, &["week", "--date", "2026-11-29", "--format", "json"]);
    let answers = week["reflection"]["answers"].as_array().expect("answers");
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["question"], asked[0]["text"]);
    assert_eq!(answers[0]["answer"], "The client was watching");
    let id = week["reflection"]["id"].clone();
    keel(&path)
        .args(["reflect", "--date", "2026-11-23", "--answer", "On second thought: habit"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Updated"));
    let again = json(&path, &["week", "--date", "2026-11-23", "--format", "json"]);
    assert_eq!(again["reflection"]["id"], id, "one reflection per week");
    assert_eq!(again["reflection"]["answers"][0]["answer"], "On second thought: habit");
    assert_eq!(again["reflection"]["answers"][0]["question"], asked[0]["text"]);
    assert_eq!(again["reflection"]["answers"][1]["answer"], "Ana", "the second answer saved stays");
    let journal = keel::storage::load(&path).expect("loads");
    assert_eq!(journal.reflections().len(), 1);
    let questions = again["questions"].as_array().map_or(0, Vec::len).max(2);
    let too_many: Vec<String> = (0..questions + 2).map(|n| format!("answer {n}")).collect();
    let mut command = keel(&path);
    command.args(["reflect", "--date", "2026-11-23"]);
    for answer in &too_many {
        command.args(["--answer", answer]);
    }
    command.assert().code(2).stderr(predicate::str::contains("give at most"));
}

#[test]
fn a_goal_shows_its_progress_and_goes_through_done_abandon_and_remove() {
    let (_folder, path) = journal();
    for offset in [0, -1, -2, -3, -4] {
        let date = day_from_today(offset);
        add(
            &path,
            &["--title", "Stepped back", "--date", &date, "--style", "leadership", "--situation", "confident-team"],
        );
    }
    add(
        &path,
        &[
            "--title",
            "Stepped in",
            "--date",
            &day_from_today(0),
            "--style",
            "management",
            "--situation",
            "confident-team",
        ],
    );
    add(
        &path,
        &["--title", "Elsewhere", "--date", &day_from_today(0), "--style", "management", "--situation", "crisis"],
    );
    let (from, until) = (day_from_today(-10), day_from_today(30));
    keel(&path)
        .args(["goal", "add", "--title", "Step back", "--why", "They are senior", "--kind", "fit"])
        .args(["--situation", "confident-team", "--min", "80", "--from", &from, "--until", &until])
        .assert()
        .success()
        .stdout(predicate::str::contains("Set the goal \u{201c}Step back\u{201d}"));
    let goals = json(&path, &["goal", "list", "--format", "json"]);
    let goal = &goals[0];
    assert_eq!(goal["kind"], "fit");
    assert_eq!(goal["target"]["min"], 0.8);
    assert_eq!(goal["value"], 0.833, "5 fits of 6 in confident-team; the crisis one is not the goal's");
    assert_eq!(goal["decisions"], 6);
    assert_eq!(goal["status"], "on-track");
    let weeks = goal["weeks"].as_array().expect("weeks");
    assert!(weeks.len() >= 2, "each week from the goal's start: {weeks:?}");
    assert_eq!(weeks.iter().map(|w| w["decisions"].as_u64().expect("n")).sum::<u64>(), 6);
    let id = goal["id"].as_str().expect("id").to_owned();

    keel(&path).args(["goal", "done", &id[..6]]).assert().success().stdout(predicate::str::contains("Marked done"));
    let done = json(&path, &["goal", "list", "--format", "json"]);
    assert_eq!(done[0]["state"], "done");
    assert_eq!(done[0]["state_on"], today().to_string());

    keel(&path).args(["goal", "remove", &id]).assert().success();
    assert_eq!(json(&path, &["goal", "list", "--all", "--format", "json"]), serde_json::json!([]));
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains("kind: \"goal\""), "the removal leaves a tombstone: {text}");
}

#[test]
fn list_shows_goals_running_today_and_all_shows_every_one() {
    let (_folder, path) = journal();
    let goal = |title: &str, from: &str, until: &str| {
        keel(&path)
            .args(["goal", "add", "--title", title, "--kind", "practice", "--style", "leadership", "--per-week", "2"])
            .args(["--from", from, "--until", until])
            .assert()
            .success();
    };
    goal("Running", &day_from_today(-7), &day_from_today(7));
    goal("Over", "2025-01-06", "2025-02-02");
    let titles = |args: &[&str]| -> Vec<String> {
        json(&path, args)
            .as_array()
            .expect("array")
            .iter()
            .map(|g| g["title"].as_str().expect("t").to_owned())
            .collect()
    };
    assert_eq!(titles(&["goal", "list", "--format", "json"]), ["Running"]);
    assert_eq!(titles(&["goal", "list", "--all", "--format", "json"]), ["Running", "Over"]);
    let all = json(&path, &["goal", "list", "--all", "--format", "json"]);
    assert_eq!(all[1]["status"], "ended", "no leadership decision in its weeks");
    assert_eq!(all[1]["weeks"].as_array().expect("weeks").len(), 4);
}

#[test]
fn goals_that_cannot_be_measured_or_unknown_ids_exit_2_and_write_nothing() {
    let (_folder, path) = journal();
    add(&path, &["--title", "Something", "--date", "2026-11-24"]);
    let before = fs::read(&path).expect("read");
    let cases: [(&[&str], &str); 7] = [
        (
            &[
                "goal",
                "add",
                "--title",
                "T",
                "--kind",
                "fit",
                "--min",
                "70",
                "--from",
                "2026-11-02",
                "--until",
                "2026-12-27",
            ],
            "--situation",
        ),
        (
            &[
                "goal",
                "add",
                "--title",
                "T",
                "--kind",
                "share",
                "--min",
                "120",
                "--from",
                "2026-11-02",
                "--until",
                "2026-12-27",
            ],
            "'120' is not a percentage",
        ),
        (
            &[
                "goal",
                "add",
                "--title",
                "T",
                "--kind",
                "share",
                "--min",
                "70",
                "--max",
                "40",
                "--from",
                "2026-11-02",
                "--until",
                "2026-12-27",
            ],
            "--min 70 is above --max 40",
        ),
        (
            &[
                "goal",
                "add",
                "--title",
                "T",
                "--kind",
                "practice",
                "--style",
                "blend",
                "--from",
                "2026-11-02",
                "--until",
                "2026-12-27",
            ],
            "--per-week",
        ),
        (
            &[
                "goal",
                "add",
                "--title",
                "T",
                "--kind",
                "results",
                "--min",
                "50",
                "--from",
                "2026-12-27",
                "--until",
                "2026-11-02",
            ],
            "--until 2026-11-02 is before --from 2026-12-27",
        ),
        (
            &[
                "goal",
                "add",
                "--title",
                "T",
                "--kind",
                "share",
                "--min",
                "50",
                "--from",
                "2026-13-02",
                "--until",
                "2026-12-27",
            ],
            "2026-13-02",
        ),
        (&["goal", "done", "nosuchgoal"], "no goal has the id 'nosuchgoal'"),
    ];
    for (args, says) in cases {
        keel(&path).args(args).assert().code(2).stderr(predicate::str::contains(says));
    }
    keel(&path).args(["reflect", "--answer", "  "]).assert().code(2).stderr(predicate::str::contains("empty"));
    assert_eq!(fs::read(&path).expect("read"), before, "nothing was written");
}

#[test]
fn the_sample_journal_has_goals_and_reflections_to_show() {
    let (_folder, path) = journal();
    let goals = json(&path, &["--demo", "goal", "list", "--format", "json"]);
    assert_eq!(goals.as_array().expect("array").len(), 2);
    let week = json(&path, &["--demo", "week", "--format", "json"]);
    assert_eq!(week["goals"].as_array().expect("goals").len(), 2);
    let active = week["active_weeks"].as_array().expect("weeks");
    assert!(active.iter().all(serde_json::Value::is_boolean));
    keel(&path).args(["--demo", "goal", "remove", "demo-goal-lead-weekly"]).assert().code(2);
    assert!(!path.exists(), "the sample is never written");
}

#[test]
fn the_json_export_carries_goals_and_reflections() {
    let (_folder, path) = journal();
    keel(&path)
        .args(["goal", "add", "--title", "Lead more", "--kind", "share", "--min", "50"])
        .args(["--from", "2026-11-02", "--until", "2026-12-27"])
        .assert()
        .success();
    keel(&path).args(["reflect", "--date", "2026-11-04", "--answer", "Calm"]).assert().success();
    let export = json(&path, &["export", "--format", "json"]);
    assert_eq!(export["goals"][0]["title"], "Lead more");
    assert_eq!(export["reflections"][0]["answers"][0]["answer"], "Calm");
    assert_eq!(export["reflections"][0]["week"], "2026-11-02");
}
