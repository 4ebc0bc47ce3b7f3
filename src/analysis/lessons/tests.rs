//! Lessons and the by-style answer on journals built by hand. Expected
//! ranges are Wilson's at 95 %, worked out separately.

use jiff::civil::{Date, date};

use super::*;
use crate::model::{Review, ReviewResult};

use ReviewResult::{AsExpected, Better, Worse};
use Situation::{ConfidentTeam, Crisis, TightDeadline, Training};
use Style::{Blend, Leadership, Management};

fn decision(
    id: &str,
    day: Date,
    style: Option<Style>,
    situations: &[Situation],
    result: Option<ReviewResult>,
) -> Decision {
    Decision {
        id: DecisionId(id.to_owned()),
        date: day,
        title: format!("Decision {id}"),
        style,
        situations: situations.to_vec(),
        review: result.map(|result| Review {
            reviewed_on: day.saturating_add(jiff::Span::new().days(30)),
            outcome: "It happened".into(),
            result,
            process: Some(4),
            lesson: format!("Lesson of {id}"),
        }),
        ..Decision::default()
    }
}

fn ids(decisions: &[Decision], found: &[Lesson]) -> Vec<String> {
    found.iter().map(|lesson| decisions[lesson.index].id.0.clone()).collect()
}

/// a: crisis + deadline, March; b: crisis, May; c: crisis + deadline, January;
/// d: confident team, June; e: crisis + deadline, not reviewed; f: training
/// + crisis + deadline, April, Marco.
fn journal() -> Vec<Decision> {
    let mut marco = decision("f", date(2026, 4, 1), Some(Blend), &[Training, Crisis, TightDeadline], Some(Worse));
    marco.people = vec!["Marco".into()];
    vec![
        decision("a", date(2026, 3, 1), Some(Management), &[Crisis, TightDeadline], Some(Better)),
        decision("b", date(2026, 5, 1), Some(Leadership), &[Crisis], Some(Worse)),
        decision("c", date(2026, 1, 1), Some(Management), &[TightDeadline, Crisis], Some(AsExpected)),
        decision("d", date(2026, 6, 1), Some(Leadership), &[ConfidentTeam], Some(Better)),
        decision("e", date(2026, 6, 2), Some(Management), &[Crisis, TightDeadline], None),
        marco,
    ]
}

#[test]
fn ranked_by_situations_shared_then_most_recent() {
    let decisions = journal();
    let query = LessonQuery { situations: vec![Crisis, TightDeadline], ..LessonQuery::default() };
    let found = lessons(&decisions, &query);
    // f, a and c share both (f the most recent); b one; d none, e unreviewed.
    assert_eq!(ids(&decisions, &found), ["f", "a", "c", "b"]);
    assert_eq!(found.iter().map(|l| l.shared_situations).collect::<Vec<_>>(), [2, 2, 2, 1]);
}

#[test]
fn a_situation_asked_twice_counts_once() {
    let decisions = journal();
    let query = LessonQuery { situations: vec![Crisis, Crisis], ..LessonQuery::default() };
    let found = lessons(&decisions, &query);
    assert!(found.iter().all(|lesson| lesson.shared_situations == 1));
    assert_eq!(ids(&decisions, &found), ["b", "f", "a", "c"]);
}

#[test]
fn without_situations_every_review_most_recent_first_and_filters_apply() {
    let decisions = journal();
    let all = lessons(&decisions, &LessonQuery::default());
    assert_eq!(ids(&decisions, &all), ["d", "b", "f", "a", "c"]);
    let leadership = lessons(&decisions, &LessonQuery { style: Some(Leadership), ..LessonQuery::default() });
    assert_eq!(ids(&decisions, &leadership), ["d", "b"]);
    let marco = lessons(&decisions, &LessonQuery { person: Some("marco".into()), ..LessonQuery::default() });
    assert_eq!(ids(&decisions, &marco), ["f"]);
    let except = lessons(&decisions, &LessonQuery { except: Some(DecisionId("d".into())), ..LessonQuery::default() });
    assert_eq!(ids(&decisions, &except), ["b", "f", "a", "c"]);
}

#[test]
fn the_editor_panel_lists_three_and_counts_every_match_by_style() {
    let decisions = journal();
    let panel = FromYourJournal::compute(&decisions, &[Crisis], Some(&DecisionId("a".into())))
        .expect("reviewed decisions share the situation");
    // b, f and c share crisis (a is the one being edited): most recent first.
    assert_eq!(ids(&decisions, &panel.lessons), ["b", "f", "c"]);
    assert_eq!(panel.by_style.row(Leadership).row.reviewed, 1);
    assert_eq!(panel.by_style.row(Blend).row.reviewed, 1);
    assert_eq!(panel.by_style.row(Management).row.reviewed, 1);
    assert_eq!(panel.by_style.row(Management).row.met, 1);
    assert!(FromYourJournal::compute(&decisions, &[], None).is_none(), "nothing ticked, no panel");
    assert!(
        FromYourJournal::compute(&decisions, &[Situation::ProcessIssue], None).is_none(),
        "nothing shared, no panel"
    );
}

fn many(style: Style, met: usize, missed: usize) -> Vec<Decision> {
    (0..met + missed)
        .map(|n| {
            let result = if n < met { Better } else { Worse };
            decision(&format!("{}-{n}", style.id()), date(2026, 2, 1), Some(style), &[Crisis], Some(result))
        })
        .collect()
}

#[test]
fn by_style_rates_ranges_and_process_to_three_decimals() {
    let mut decisions = many(Leadership, 9, 1);
    decisions.extend(many(Management, 2, 8));
    decisions.push(decision("x", date(2026, 2, 1), None, &[Crisis], Some(Better)));
    let by_style = ByStyle::compute(&decisions);
    let leadership = by_style.row(Leadership).row;
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    assert_eq!((leadership.reviewed, leadership.met), (10, 9));
    let range = leadership.interval().expect("reviewed");
    // Wilson 95 % of 9/10: 0.596 to 0.982.
    assert_eq!((round(range.low), round(range.high)), (0.596, 0.982));
    assert_eq!(leadership.mean_process().map(round), Some(4.0));
    let management = by_style.row(Management).row;
    assert_eq!(management.met_rate().map(round), Some(0.2));
    assert_eq!(by_style.unstyled, 1);
    assert_eq!(by_style.reviewed(), 20);
    assert!(
        by_style
            .verdict()
            .starts_with("Your leadership decisions met what you expected more often than your management ones")
    );
    assert!(by_style.row(Leadership).sentence().contains("9 of 10 met what you expected"));
}

#[test]
fn no_claim_under_five_reviews_a_style() {
    let mut decisions = many(Leadership, 4, 0);
    decisions.extend(many(Management, 0, 4));
    let by_style = ByStyle::compute(&decisions);
    assert!(by_style.verdict().starts_with("Too few reviews to tell yet"), "{}", by_style.verdict());
    let sentence = by_style.row(Leadership).sentence();
    assert!(sentence.contains("too few to tell"), "{sentence}");
    assert_eq!(by_style.row(Blend).sentence(), "Blend: no reviewed decisions yet.");
}

#[test]
fn overlapping_ranges_claim_nothing() {
    let mut decisions = many(Leadership, 4, 2);
    decisions.extend(many(Management, 3, 3));
    let verdict = ByStyle::compute(&decisions).verdict();
    assert!(verdict.starts_with("No style stands out"), "{verdict}");
    assert!(ByStyle::compute(&[]).verdict().starts_with("No reviewed decision has a style"));
}
