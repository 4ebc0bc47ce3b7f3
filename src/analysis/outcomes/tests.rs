//! The evidence on a journal built by hand. Expected Wilson bounds were
//! worked out separately from the formula (p̂ + z²/2n ± z·√(p̂(1−p̂)/n +
//! z²/4n²)) / (1 + z²/n) with z = 1.96.

use jiff::civil::date;

use super::*;
use crate::model::{Review, ReviewResult};

use Situation::{ConfidentTeam, Crisis, TightDeadline, Training};
use Style::{Blend, Leadership, Management};

fn reviewed(style: Option<Style>, situations: &[Situation], result: ReviewResult, process: Option<u8>) -> Decision {
    Decision {
        date: date(2026, 3, 2),
        title: "A decision".into(),
        style,
        situations: situations.to_vec(),
        review: Some(Review {
            reviewed_on: date(2026, 4, 1),
            outcome: "It happened".into(),
            result,
            process,
            lesson: String::new(),
        }),
        ..Decision::default()
    }
}

fn times(n: usize, decision: &Decision) -> Vec<Decision> {
    vec![decision.clone(); n]
}

/// Followed: crisis/management 5 of 6 met, tight-deadline/management 3 of 3
/// (8 of 9). Against: crisis/leadership 0 of 5, confident-team/management
/// 1 of 1 (1 of 6). Partly: training/blend 1 of 2. One reviewed decision
/// without a style; one reviewed without a situation and one with a
/// situation but no review, which do not count.
fn journal() -> Vec<Decision> {
    use ReviewResult::{AsExpected, Better, Worse};
    let mut all = Vec::new();
    all.extend(times(3, &reviewed(Some(Management), &[Crisis], Better, Some(5))));
    all.extend(times(2, &reviewed(Some(Management), &[Crisis], AsExpected, Some(4))));
    all.push(reviewed(Some(Management), &[Crisis], Worse, None));
    all.extend(times(3, &reviewed(Some(Management), &[TightDeadline], AsExpected, Some(3))));
    all.extend(times(5, &reviewed(Some(Leadership), &[Crisis], Worse, Some(2))));
    all.push(reviewed(Some(Management), &[ConfidentTeam], Better, None));
    all.push(reviewed(Some(Blend), &[Training], Better, Some(4)));
    all.push(reviewed(Some(Blend), &[Training], Worse, Some(1)));
    all.push(reviewed(None, &[Crisis], Better, None));
    all.push(reviewed(Some(Management), &[], Worse, None));
    all.push(Decision { style: Some(Leadership), situations: vec![Crisis], ..Decision::default() });
    all
}

fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

fn bounds(row: &OutcomeRow) -> (f64, f64) {
    let interval = row.interval().expect("reviewed");
    (round3(interval.low), round3(interval.high))
}

#[test]
fn wilson_bounds_to_three_decimals() {
    let cases = [
        ((8, 9), (0.565, 0.980)),
        ((1, 6), (0.030, 0.564)),
        ((5, 6), (0.436, 0.970)),
        ((0, 5), (0.0, 0.434)),
        ((5, 5), (0.566, 1.0)),
        ((2, 5), (0.118, 0.769)),
        ((1, 1), (0.207, 1.0)),
    ];
    for ((met, of), (low, high)) in cases {
        let interval = wilson(met, of).expect("some trials");
        assert_eq!((round3(interval.low), round3(interval.high)), (low, high), "{met} of {of}");
        assert!(interval.low >= 0.0 && interval.high <= 1.0);
    }
    assert_eq!(wilson(0, 0), None, "nothing reviewed: no interval");
}

#[test]
fn groups_follow_the_fit_and_count_only_reviewed_decisions_with_guidance() {
    let decisions = journal();
    let evidence = OutcomeEvidence::compute(&decisions);
    assert_eq!(evidence.reviewed, 18, "9 + 6 + 2 styled, 1 unstyled; not the one without situation or review");
    assert_eq!(evidence.unstyled, 1);
    let groups: Vec<(&str, usize, usize)> =
        evidence.by_fit.iter().map(|row| (row.group.id(), row.row.reviewed, row.row.met)).collect();
    assert_eq!(groups, [("followed", 9, 8), ("partly", 2, 1), ("against", 6, 1)]);
    let followed = evidence.group(FitGroup::Followed);
    assert_eq!(bounds(&followed), (0.565, 0.980));
    assert_eq!(followed.met_rate().map(round3), Some(0.889));
    // Rated: 3×5 + 2×4 + 3×3 = 32 over 8.
    assert_eq!(followed.mean_process(), Some(4.0));
    assert_eq!(bounds(&evidence.group(FitGroup::Against)), (0.030, 0.564));
    assert_eq!(evidence.group(FitGroup::Against).mean_process(), Some(2.0), "the one unrated is left out");
    assert_eq!(evidence.group(FitGroup::Partly).mean_process(), Some(2.5));
}

#[test]
fn cells_in_guidance_order_then_leadership_blend_management() {
    let decisions = journal();
    let evidence = OutcomeEvidence::compute(&decisions);
    let cells: Vec<(&str, &str, usize, usize)> = evidence
        .by_situation_style
        .iter()
        .map(|cell| (cell.situation.id(), cell.style.id(), cell.row.reviewed, cell.row.met))
        .collect();
    assert_eq!(
        cells,
        [
            ("confident-team", "management", 1, 1),
            ("crisis", "leadership", 5, 0),
            ("crisis", "management", 6, 5),
            ("training", "blend", 2, 1),
            ("tight-deadline", "management", 3, 3),
        ]
    );
    assert_eq!(bounds(&evidence.cell(Crisis, Management)), (0.436, 0.970));
    assert_eq!(evidence.cell(Training, Leadership).reviewed, 0);
}

#[test]
fn a_decision_in_two_situations_counts_in_both_cells_once_each() {
    let decisions = vec![reviewed(Some(Management), &[Crisis, TightDeadline, Crisis], ReviewResult::Better, None)];
    let evidence = OutcomeEvidence::compute(&decisions);
    assert_eq!(evidence.reviewed, 1);
    assert_eq!(evidence.cell(Crisis, Management).reviewed, 1);
    assert_eq!(evidence.cell(TightDeadline, Management).reviewed, 1);
}

#[test]
fn claims_where_both_sides_have_five_and_the_ranges_part() {
    let decisions = journal();
    let evidence = OutcomeEvidence::compute(&decisions);
    let claims: Vec<&str> = evidence.claims().collect();
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(
        claims[0],
        "Decisions that followed the guidance turned out better for you than those that went against it: \
         8 of 9 decisions that followed the guidance met what you expected (95 % range 56\u{2013}98 %), \
         against 1 of 6 that went against it (3\u{2013}56 %)."
    );
    assert!(
        claims[1]
            .starts_with("When a crisis is unfolding, management met what you expected more often than leadership")
    );
    let deadline = evidence.situation_finding(TightDeadline).expect("reviewed");
    assert!(!deadline.verdict.is_claim());
    assert!(
        deadline.sentence.contains("too few reviews to tell management from leadership")
            && deadline.sentence.contains("At least 2 more reviewed management decisions and 5 more leadership ones"),
        "{}",
        deadline.sentence
    );
    assert_eq!(evidence.situation_finding(Training), None, "only blend was reviewed there");
    let partly = evidence.findings.iter().find(|f| f.subject == Subject::Fit(FitGroup::Followed, FitGroup::Partly));
    assert!(partly.is_some_and(|f| f.sentence.starts_with("Too few reviews yet")));
}

#[test]
fn no_claim_with_four_on_one_side_even_when_the_ranges_part() {
    let (four, five) = (
        OutcomeRow { reviewed: 4, met: 4, ..OutcomeRow::default() },
        OutcomeRow { reviewed: 5, met: 0, ..OutcomeRow::default() },
    );
    let (a, b) = (four.interval().expect("some"), five.interval().expect("some"));
    assert!(!a.overlaps(&b), "the ranges alone would allow it");
    let verdict = compare(&four, &five);
    assert!(matches!(verdict, Verdict::TooFew { at_least_first: 1, at_least_second: 0, .. }), "{verdict:?}");
    let mut one_more = four;
    one_more.add(true, None);
    assert_eq!(compare(&one_more, &five), Verdict::FirstBetter, "five each: 5 of 5 against 0 of 5");
    assert_eq!(compare(&five, &one_more), Verdict::SecondBetter);
}

#[test]
fn no_claim_when_the_ranges_overlap_and_an_estimate_of_what_would_tell() {
    let high = OutcomeRow { reviewed: 5, met: 4, ..OutcomeRow::default() };
    let low = OutcomeRow { reviewed: 5, met: 1, ..OutcomeRow::default() };
    let Verdict::TooFew { at_least_first: 0, at_least_second: 0, more_first: Some(a), more_second: Some(b) } =
        compare(&high, &low)
    else {
        panic!("overlapping ranges must not be claimed");
    };
    assert_eq!(a, b, "the same number more of each");
    // At the estimate, the projected ranges part; one fewer, they do not.
    let at = |extra: usize, rate: f64| wilson_of_rate(rate, (5 + extra) as f64);
    assert!(!at(a, 0.8).overlaps(&at(a, 0.2)));
    assert!(at(a - 1, 0.8).overlaps(&at(a - 1, 0.2)));
}

#[test]
fn equal_rates_never_part() {
    let row = OutcomeRow { reviewed: 8, met: 4, ..OutcomeRow::default() };
    let verdict = compare(&row, &row);
    assert_eq!(verdict, Verdict::TooFew { at_least_first: 0, at_least_second: 0, more_first: None, more_second: None });
    let help = more_needed(verdict, &|n| n.to_string(), &|n| n.to_string(), &|n| n.to_string());
    let finding = fit_sentence(FitGroup::Followed, &row, FitGroup::Against, &row, verdict, &help);
    assert!(finding.ends_with("so close that many more reviews would be needed to tell them apart."), "{finding}");
}

#[test]
fn nothing_reviewed_with_guidance_says_so_and_keeps_all_three_groups() {
    let decisions = vec![reviewed(Some(Management), &[], ReviewResult::Better, None)];
    let evidence = OutcomeEvidence::compute(&decisions);
    assert_eq!(evidence.reviewed, 0);
    assert_eq!(evidence.by_fit.map(|row| row.group), FitGroup::ALL);
    assert!(evidence.by_fit.iter().all(|row| row.row.met_rate().is_none() && row.row.interval().is_none()));
    assert!(evidence.findings.is_empty() && evidence.by_situation_style.is_empty());
    assert!(evidence.overview().starts_with("No decision with a situation has been reviewed yet"));
}

#[test]
fn the_guide_line_puts_the_called_for_style_first() {
    let decisions = journal();
    let evidence = OutcomeEvidence::compute(&decisions);
    assert_eq!(
        evidence.situation_line(Crisis).as_deref(),
        Some(
            "In your journal: management 5 of 6 met (95 % range 44\u{2013}97 %), \
             leadership 0 of 5 met (95 % range 0\u{2013}43 %)."
        )
    );
    assert_eq!(evidence.situation_line(Situation::NewApproaches), None);
}

#[test]
fn the_guide_verdict_is_short() {
    let decisions = journal();
    let evidence = OutcomeEvidence::compute(&decisions);
    let crisis = evidence.situation_finding(Crisis).expect("reviewed");
    assert_eq!(crisis.short_verdict(), "So far management has gone better for you here, as the guidance says.");
    let deadline = evidence.situation_finding(TightDeadline).expect("reviewed");
    assert_eq!(
        deadline.short_verdict(),
        "Too few reviews to tell yet. At least 2 more reviewed management decisions and 5 more leadership ones \
         are needed before anything can be said."
    );
}

#[test]
fn condensed_findings_name_the_undecided_situations_once() {
    let decisions = journal();
    let sentences = OutcomeEvidence::compute(&decisions).condensed();
    assert_eq!(sentences.len(), 4, "{sentences:#?}");
    assert!(sentences[0].starts_with("Decisions that followed the guidance turned out better"));
    assert!(sentences[1].starts_with("Too few reviews yet to tell whether decisions that followed the guidance"));
    assert!(sentences[2].starts_with("When a crisis is unfolding, management met"));
    assert_eq!(
        sentences[3],
        "In 2 situations there are too few reviews yet to tell the styles apart (the team is confident and capable; \
         the deadline is tight); the Guide page shows the numbers for each."
    );
}
