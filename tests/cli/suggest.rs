//! The text suggester against journal sentences with known answers:
//! the test part of our labelled corpus (`assets/suggest/corpus.txt`, whole
//! trades the model never trained on; figures reported in issue 26's closing
//! note and by `scripts/train_suggest.py`), the nine examples from the issue
//! (exact), the older tuning set (`tests/data/suggest_sentences.ron`, now part
//! of the training data) and the two older held-out sets
//! (`tests/data/suggest_heldout.ron`, `suggest_heldout_2.ron`), never trained
//! on.
//!
//! Run with `--nocapture` to see every mismatch and the scores.

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
    ron::from_str(include_str!("../data/suggest_sentences.ron")).expect("suggest_sentences.ron parses")
}

fn held_out() -> Vec<Case> {
    ron::from_str(include_str!("../data/suggest_heldout.ron")).expect("suggest_heldout.ron parses")
}

fn held_out_2() -> Vec<Case> {
    ron::from_str(include_str!("../data/suggest_heldout_2.ron")).expect("suggest_heldout_2.ron parses")
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
    // Before the learned model (hand-tuned cues): 62/75 styles over both
    // sets (82.7 %); after: 69/75 (92 %).
    for (name, cases, at_least, floor) in
        [("held-out sentences", held_out(), 15, 85.0), ("held-out sentences, second set", held_out_2(), 40, 85.0)]
    {
        assert!(cases.len() >= at_least, "{name}: at least {at_least} sentences");
        let total = cases.len();
        let (styles, _, misses) = score(name, &cases);
        assert!(percent(styles, total) >= floor, "{name}: styles {styles}/{total}:\n{}", misses.join("\n"));
    }
}

/// One decision of the corpus.
struct CorpusCase {
    trade: String,
    case: Case,
}

/// The corpus's test part: every decision of the trades its header lists.
fn corpus_test_part() -> Vec<CorpusCase> {
    let corpus = include_str!("../../assets/suggest/corpus.txt");
    let trades: Vec<&str> = corpus
        .lines()
        .find_map(|line| line.strip_prefix("# test-trades:"))
        .expect("the corpus lists its test trades")
        .trim()
        .split(',')
        .collect();
    corpus
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.splitn(5, '|').collect();
            let situations = if fields[3] == "-" {
                Vec::new()
            } else {
                fields[3].split(',').map(|id| id.parse().expect("a situation id")).collect()
            };
            CorpusCase {
                trade: fields[0].to_owned(),
                case: Case { text: fields[4].to_owned(), style: fields[2].to_owned(), situations },
            }
        })
        .filter(|case| trades.contains(&case.trade.as_str()))
        .collect()
}

/// Figures on a set of cases: styles right (a style held back as unsure
/// counts as "none"), situations found right / found / expected, styles
/// shown and shown right.
#[derive(Debug, Default, Clone, Copy)]
struct Figures {
    cases: usize,
    styles: usize,
    true_positives: usize,
    found: usize,
    expected: usize,
    shown: usize,
    shown_right: usize,
}

impl Figures {
    fn add(&mut self, case: &Case) {
        let got = suggest(&case.text);
        self.cases += 1;
        self.styles += usize::from(got.style == case.style());
        let expected: BTreeSet<Situation> = case.situations.iter().copied().collect();
        let found: BTreeSet<Situation> = got.situations.iter().copied().collect();
        self.true_positives += expected.intersection(&found).count();
        self.found += found.len();
        self.expected += expected.len();
        if got.style.is_some() {
            self.shown += 1;
            self.shown_right += usize::from(got.style == case.style());
        }
    }

    fn precision(&self) -> f64 {
        self.true_positives as f64 / self.found.max(1) as f64
    }

    fn recall(&self) -> f64 {
        self.true_positives as f64 / self.expected.max(1) as f64
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn line(&self) -> String {
        format!(
            "n={:3} style {:5.1}%  situations P {:.3} R {:.3} F1 {:.3}  coverage {:5.1}%  right when shown {:5.1}%",
            self.cases,
            percent(self.styles, self.cases),
            self.precision(),
            self.recall(),
            self.f1(),
            percent(self.shown, self.cases),
            percent(self.shown_right, self.shown),
        )
    }
}

/// The shipped model on trades it never saw scores at least the figures of
/// issue 26's closing note (test part: 147 decisions in 8 trades; before the
/// model, the hand-tuned cues scored 65.3 % styles and situation F1 0.45).
#[test]
fn the_shipped_model_keeps_its_figures_on_unseen_trades() {
    let cases = corpus_test_part();
    assert!(cases.len() >= 140, "the test part has {} decisions", cases.len());
    let mut total = Figures::default();
    let mut by_trade: std::collections::BTreeMap<&str, Figures> = std::collections::BTreeMap::new();
    for case in &cases {
        total.add(&case.case);
        by_trade.entry(&case.trade).or_default().add(&case.case);
    }
    println!("test part: {}", total.line());
    for (trade, figures) in &by_trade {
        println!("    {trade:18} {}", figures.line());
    }
    assert!(by_trade.len() >= 6, "held out by trade");
    // The closing note's figures (after short titles joined the training
    // part): style 93.2 % (137/147), situations P 0.949 R 0.867 F1 0.906,
    // coverage 86.4 % (127/147) at the threshold, 94.5 % right when shown.
    assert!(total.styles >= 137, "style accuracy: {}", total.line());
    assert!(total.precision() >= 0.948, "situation precision: {}", total.line());
    assert!(total.recall() >= 0.866, "situation recall: {}", total.line());
    assert!(total.f1() >= 0.905, "situation F1: {}", total.line());
    assert!(total.shown >= 127, "coverage: {}", total.line());
    assert!(percent(total.shown_right, total.shown) >= 94.4, "accuracy when shown: {}", total.line());
}

#[test]
fn evidence_quotes_the_text_as_written() {
    let set = tuning_set();
    for case in set.examples.iter().chain(&set.sentences) {
        let got = suggest(&case.text);
        for evidence in &got.evidence {
            assert!(case.text.contains(&evidence.text), "{evidence:?} not in {:?}", case.text);
            assert!(!evidence.text.chars().any(|c| c.is_ascii_digit()), "numbers are never evidence: {evidence:?}");
            let valid = ["leadership", "management"].contains(&evidence.points_to.as_str())
                || got.situations.iter().any(|s| s.id() == evidence.points_to);
            assert!(valid, "{evidence:?} points to something not suggested");
        }
    }
}
