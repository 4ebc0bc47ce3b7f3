//! `keel guide` and `keel suggest` as scripts use them: neither needs a
//! journal, both print text or the JSON shapes in DESIGN.md, and bad input
//! exits 2 with a message.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

/// `keel` with a journal path that does not exist: these commands must not
/// need one.
fn keel() -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command.arg("--journal").arg("/nonexistent/keel-test/journal.ron");
    command
}

fn json_of(args: &[&str]) -> Value {
    let output = keel().args(args).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

#[test]
fn guide_text_has_every_heading() {
    let output = keel().arg("guide").output().expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    for heading in [
        "The four contrasts",
        "When to lead",
        "When to manage",
        "The twelve aspects",
        "Shared ground",
        "How they complement each other",
    ] {
        assert!(text.lines().any(|line| line == heading), "missing heading {heading:?}:\n{text}");
    }
    for id in ["confident-team", "critical-delegation", "Vision vs Execution", "Time viewpoint"] {
        assert!(text.contains(id), "missing {id:?}");
    }
}

#[test]
fn guide_json_for_two_management_situations() {
    let value = json_of(&["guide", "--situation", "crisis", "--situation", "tight-deadline", "--format", "json"]);
    assert_eq!(value["recommendation"], "management");
    assert_eq!(value["leadership_situations"], json!([]));
    assert_eq!(value["management_situations"], json!(["crisis", "tight-deadline"]));
    let reasons = value["reasons"].as_array().expect("reasons");
    assert_eq!(reasons.len(), 2);
    assert!(reasons[0].as_str().unwrap().contains("crisis"), "{reasons:?}");
    assert!(reasons.iter().all(|r| r.as_str().unwrap().contains("favours managing")), "{reasons:?}");
}

#[test]
fn guide_json_for_a_tie_is_a_blend() {
    let value = json_of(&["guide", "--situation", "crisis", "--situation", "new-approaches", "--format", "json"]);
    assert_eq!(value["recommendation"], "blend");
    assert_eq!(value["leadership_situations"], json!(["new-approaches"]));
    assert_eq!(value["management_situations"], json!(["crisis"]));
    assert_eq!(value["reasons"].as_array().map(Vec::len), Some(2));
}

#[test]
fn guide_json_without_situations_is_null() {
    let value = json_of(&["guide", "--format", "json"]);
    assert_eq!(
        value,
        json!({"recommendation": null, "leadership_situations": [], "management_situations": [], "reasons": []})
    );
}

#[test]
fn guide_text_with_situations_recommends_and_explains() {
    keel()
        .args(["guide", "--situation", "confident-team"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Recommendation: leadership"))
        .stdout(predicate::str::contains("favours leading"));
}

#[test]
fn guide_with_an_unknown_situation_exits_2_listing_the_ids() {
    keel()
        .args(["guide", "--situation", "panic"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'panic'"))
        .stderr(predicate::str::contains("confident-team").and(predicate::str::contains("critical-delegation")));
}

#[test]
fn suggest_json_for_the_issue_examples() {
    let value = json_of(&[
        "suggest",
        "--format",
        "json",
        "Server room flooded overnight; I set up a war room and gave everyone a task",
    ]);
    assert_eq!(value["style"], "management");
    assert_eq!(value["situations"], json!(["crisis"]));
    // The evidence for the crisis is the user's own words: quoted from the
    // text, whichever weighed most.
    let text = "Server room flooded overnight; I set up a war room and gave everyone a task";
    let evidence = value["evidence"].as_array().expect("evidence");
    let for_crisis: Vec<&str> =
        evidence.iter().filter(|e| e["points_to"] == "crisis").filter_map(|e| e["text"].as_str()).collect();
    assert!(!for_crisis.is_empty() && for_crisis.iter().all(|quoted| text.contains(quoted)), "{evidence:?}");

    // Unquoted words are joined into one text.
    let value = json_of(&[
        "suggest", "--format", "json", "Handled", "the", "outage", "by", "the", "book,", "then", "opened", "a",
        "session", "to", "rethink", "how", "we", "deploy",
    ]);
    assert_eq!(value["style"], "blend");
    assert_eq!(value["situations"], json!(["new-approaches", "crisis"]));
}

#[test]
fn suggest_json_for_neutral_text_is_null() {
    let value = json_of(&["suggest", "--format", "json", "Lunch"]);
    assert_eq!(value, json!({"style": null, "situations": [], "evidence": []}));
}

#[test]
fn suggest_text_has_one_line_per_item() {
    keel()
        .args(["suggest", "The team ran the sprint on their own; I stayed out of standup all week"])
        .assert()
        .success()
        .stdout(predicate::str::contains("style: leadership"))
        .stdout(predicate::str::contains("situation: independent-team"))
        .stdout(
            predicate::str::is_match("evidence: \u{201c}[^\u{201d}]+\u{201d} \u{2192} independent-team")
                .expect("regex"),
        );
}

#[test]
fn suggest_without_text_exits_2() {
    for args in [&["suggest"][..], &["suggest", ""], &["suggest", "  ", "--format", "json"]] {
        keel().args(args).assert().code(2).stderr(predicate::str::contains("suggest needs some text"));
    }
}
