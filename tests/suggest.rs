//! The text suggester against journal sentences with known answers:
//! the nine examples from the issue (exact), our own tuning set
//! (`tests/data/suggest_sentences.ron`) and a held-out set written before the
//! vocabulary and never tuned on (`tests/data/suggest_heldout.ron`), and a
//! fresh held-out batch written before the stemmer trial
//! (`tests/data/suggest_heldout_2.ron`), never tuned on either.
//!
//! Run with `--nocapture` to see every mismatch and the scores.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is the test failing")]

use std::collections::BTreeSet;

use keel::guidance::suggest;
use keel::model::{Situation, Style};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Case {
    text: String,
    /// `leadership`, `management`, `blend` or `none`.
    style: String,
    situations: Vec<Situation>,
}

impl Case {
    fn style(&self) -> Option<Style> {
        (self.style != "none").then(|| self.style.parse().expect("a style id or none"))
    }
}

#[derive(Debug, Deserialize)]
struct TuningSet {
    examples: Vec<Case>,
    sentences: Vec<Case>,
}

fn tuning_set() -> TuningSet {
    ron::from_str(include_str!("data/suggest_sentences.ron")).expect("suggest_sentences.ron parses")
}

fn held_out() -> Vec<Case> {
    ron::from_str(include_str!("data/suggest_heldout.ron")).expect("suggest_heldout.ron parses")
}

fn held_out_2() -> Vec<Case> {
    ron::from_str(include_str!("data/suggest_heldout_2.ron")).expect("suggest_heldout_2.ron parses")
}

fn show(style: Option<Style>) -> &'static str {
    style.map_or("none", Style::id)
}

/// Scores `cases`, printing each mismatch: (styles right, situation sets
/// exactly right, mismatch lines).
fn score(name: &str, cases: &[Case]) -> (usize, usize, Vec<String>) {
    let (mut styles, mut situations, mut misses) = (0, 0, Vec::new());
    for case in cases {
        let got = suggest(&case.text);
        let style_ok = got.style == case.style();
        let expected: BTreeSet<Situation> = case.situations.iter().copied().collect();
        let found: BTreeSet<Situation> = got.situations.iter().copied().collect();
        let situations_ok = expected == found;
        styles += usize::from(style_ok);
        situations += usize::from(situations_ok);
        if !(style_ok && situations_ok) {
            let evidence: Vec<String> = got.evidence.iter().map(|e| format!("{} → {}", e.text, e.points_to)).collect();
            misses.push(format!(
                "  {:?}\n    style {} (expected {}), situations {:?} (expected {:?})\n    evidence: {}",
                case.text,
                show(got.style),
                show(case.style()),
                found.iter().map(|s| s.id()).collect::<Vec<_>>(),
                expected.iter().map(|s| s.id()).collect::<Vec<_>>(),
                evidence.join("; "),
            ));
        }
    }
    let total = cases.len();
    println!(
        "{name}: styles {styles}/{total} ({:.0}%), situation sets {situations}/{total} ({:.0}%)",
        percent(styles, total),
        percent(situations, total)
    );
    for miss in &misses {
        println!("{miss}");
    }
    (styles, situations, misses)
}

fn percent(part: usize, total: usize) -> f64 {
    100.0 * part as f64 / total.max(1) as f64
}

#[test]
fn the_nine_examples_from_the_issue_are_exact() {
    let set = tuning_set();
    assert_eq!(set.examples.len(), 9);
    let (_, _, misses) = score("issue examples", &set.examples);
    assert!(misses.is_empty(), "mismatches:\n{}", misses.join("\n"));
}

#[test]
fn own_sentences_mostly_right() {
    let set = tuning_set();
    assert!(set.sentences.len() >= 40, "at least 40 sentences of our own");
    let total = set.sentences.len();
    let (styles, situations, misses) = score("own sentences", &set.sentences);
    assert!(percent(styles, total) >= 90.0, "styles {styles}/{total}:\n{}", misses.join("\n"));
    assert!(percent(situations, total) >= 80.0, "situation sets {situations}/{total}:\n{}", misses.join("\n"));
}

#[test]
fn held_out_sentences_generalise() {
    for (name, cases, at_least) in
        [("held-out sentences", held_out(), 15), ("held-out sentences, second set", held_out_2(), 40)]
    {
        assert!(cases.len() >= at_least, "{name}: at least {at_least} sentences");
        let total = cases.len();
        let (styles, _, misses) = score(name, &cases);
        assert!(percent(styles, total) >= 70.0, "{name}: styles {styles}/{total}:\n{}", misses.join("\n"));
    }
}

#[test]
fn evidence_quotes_the_text_as_written() {
    let set = tuning_set();
    for case in set.examples.iter().chain(&set.sentences) {
        let got = suggest(&case.text);
        for evidence in &got.evidence {
            assert!(case.text.contains(&evidence.text), "{evidence:?} not in {:?}", case.text);
            let valid = ["leadership", "management"].contains(&evidence.points_to.as_str())
                || got.situations.iter().any(|s| s.id() == evidence.points_to);
            assert!(valid, "{evidence:?} points to something not suggested");
        }
    }
}
