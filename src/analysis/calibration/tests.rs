//! Numbers checked by hand against `tests/data/reviews_journal.ron`:
//! r01–r09 are reviewed, r10 has a review date but no review, r11 neither.

use std::path::Path;

use super::*;
use crate::model::Journal;
use crate::storage;

fn fixture() -> Journal {
    storage::parse(include_str!("../../../tests/data/reviews_journal.ron"), Path::new("reviews_journal.ron"))
        .expect("fixture parses")
}

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|value| (value - expected).abs() < 1e-9)
}

#[test]
fn calibration_bands_match_hand_counts() {
    let journal = fixture();
    let decisions: Vec<&Decision> = journal.decisions().iter().collect();
    let result = insights(&decisions);
    // 0–49: r08 (30, better). 50–69: r07 (50, as expected); r10 is not reviewed.
    // 70–89: r01 80 met, r02 75 met, r03 85 worse → mean 80, 2 of 3 met.
    // 90–100: r04 90 worse, r05 95 worse, r06 90 met → mean 91.67, 1 of 3 met.
    let counts: Vec<(usize, usize)> = result.bands.iter().map(|b| (b.decisions, b.met)).collect();
    assert_eq!(counts, [(1, 1), (1, 1), (3, 2), (3, 1)]);
    assert!(close(result.bands[2].mean_confidence, 0.80));
    assert!(close(result.bands[2].met_rate, 2.0 / 3.0));
    assert!(close(result.bands[3].mean_confidence, 275.0 / 300.0));
    assert!(close(result.bands[3].met_rate, 1.0 / 3.0));
    // Three reviews in a band are too few for a verdict; none, no verdict.
    assert_eq!(result.bands[3].verdict(), Some("too few reviews to tell"));
    assert_eq!(result.bands[0].verdict(), Some("too few reviews to tell"));
}

#[test]
fn a_band_is_named_over_or_under_confident_only_from_five_reviews() {
    let row = |decisions: usize, met: usize, stated: f64| BandRow {
        band: (90, 100),
        decisions,
        mean_confidence: Some(stated),
        met,
        met_rate: Some(met as f64 / decisions as f64),
    };
    assert_eq!(row(1, 1, 0.3).verdict(), Some("too few reviews to tell"), "one review is no evidence");
    assert_eq!(row(4, 1, 0.95).verdict(), Some("too few reviews to tell"));
    assert_eq!(row(5, 1, 0.95).verdict(), Some("over-confident"));
    assert_eq!(row(5, 5, 0.6).verdict(), Some("under-confident"));
    assert_eq!(row(6, 5, 0.8).verdict(), Some("well calibrated"));
    let none = BandRow { band: (0, 49), decisions: 0, mean_confidence: None, met: 0, met_rate: None };
    assert_eq!(none.verdict(), None);
    // The overall sentence too: under five stated confidences, no verdict.
    let journal = fixture();
    let three: Vec<&Decision> =
        journal.decisions().iter().filter(|d| d.review.is_some() && d.confidence.is_some()).take(3).collect();
    let summary = insights(&three).summary.join(" ");
    assert!(summary.contains("too few reviews to tell yet (3 of 5 needed)"), "{summary}");
}

#[test]
fn outcome_matrix_matches_hand_counts() {
    let journal = fixture();
    let decisions: Vec<&Decision> = journal.decisions().iter().collect();
    let overall = insights(&decisions).overall;
    // Process 4–5 is sound. r01 4/met, r02 5/met, r08 4/met, r09 5/met → 4;
    // r03 4/worse → 1; r06 2/met → 1; r04 2/worse, r05 3/worse → 2 (a 3 is
    // not sound: its bad result is no bad luck). r07 unrated.
    assert_eq!(
        overall.matrix,
        OutcomeMatrix {
            good_decision_good_outcome: 4,
            good_decision_bad_outcome: 1,
            poor_decision_good_outcome: 1,
            poor_decision_bad_outcome: 2,
        }
    );
    assert_eq!((overall.reviewed, overall.met), (9, 6));
    // Stated: (80+75+85+90+95+90+50+30)/8 = 74.375 %; met among those 8: 5.
    assert!(close(overall.mean_confidence, 0.74375));
    assert!(close(overall.met_rate_with_confidence, 5.0 / 8.0));
}

#[test]
fn breakdowns_by_style_and_situation() {
    let journal = fixture();
    let decisions: Vec<&Decision> = journal.decisions().iter().collect();
    let result = insights(&decisions);
    let styles: Vec<(&str, usize, usize)> =
        result.by_style.iter().map(|row| (row.label.as_str(), row.reviewed, row.met)).collect();
    assert_eq!(styles, [("Leadership", 4, 2), ("Blend", 1, 1), ("Management", 4, 3)]);
    let crisis = &result.by_situation[4];
    assert_eq!(crisis.label, Guidance::get().situation(Situation::Crisis).label);
    assert_eq!((crisis.reviewed, crisis.met), (3, 2));
    let fresh = &result.by_situation[1];
    assert!(close(fresh.confidence_gap_points(), (275.0 / 300.0 - 1.0 / 3.0) * 100.0));
}

#[test]
fn the_summary_names_the_over_confident_calls() {
    let journal = fixture();
    let decisions: Vec<&Decision> = journal.decisions().iter().collect();
    let summary = insights(&decisions).summary.join(" ");
    assert!(summary.starts_with("9 decisions reviewed: 6 came out as expected or better."), "{summary}");
    assert!(summary.contains("you averaged 74%, and 62% met the expectation \u{2014} over-confident"), "{summary}");
    assert!(summary.contains("4 sound and rewarded, 1 sound but unlucky, 1 lucky, 2 poor and punished"), "{summary}");
    // Three reviews of leading where things needed a fresh approach (92%
    // stated, 33% met) are too few for a claim about them.
    assert!(!summary.contains("fresh approach"), "{summary}");
}

#[test]
fn no_reviews_says_how_to_start() {
    let summary = insights(&[]).summary;
    assert_eq!(summary.len(), 1);
    assert!(summary[0].starts_with("No reviews yet."));
}
