use jiff::Timestamp;
use jiff::civil::date;
use proptest::prelude::*;
use serde::Serialize;

use super::to_string_pretty;
use crate::model::{
    Answer, BriefMark, Decision, DecisionId, Goal, GoalKind, Journal, RecordKind, RecordTombstone, Reflection, Review,
    ReviewResult, Situation, Style, TalkingPoint, Version,
};
use crate::storage::format::FileOut;
use crate::storage::{Tombstone, contents_to_text};

/// What `ron` itself writes with the journal's settings.
fn ron_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new().indentor("    ").struct_names(false).new_line("\n");
    ron::ser::to_string_pretty(value, config).expect("ron serialises")
}

fn assert_same_as_ron(decisions: &[Decision], deleted: &[Tombstone], talking_points: &[TalkingPoint]) {
    let briefs = [BriefMark::new(Some("Zoë"), date(2026, 3, 1)), BriefMark::new(None, date(2026, 3, 2))];
    let (goals, reflections, removed) = records();
    let file = FileOut {
        version: 2,
        decisions,
        deleted,
        talking_points,
        briefs: &briefs,
        goals: &goals,
        reflections: &reflections,
        removed: &removed,
    };
    let fast = to_string_pretty(&file).expect("the journal's shapes are supported");
    let expected = ron_pretty(&file);
    if fast != expected {
        let at = fast.bytes().zip(expected.bytes()).position(|(a, b)| a != b).unwrap_or(fast.len().min(expected.len()));
        panic!(
            "differs from ron at byte {at}:\nfast: {:?}\nron:  {:?}",
            &fast[at.saturating_sub(80)..(at + 80).min(fast.len())],
            &expected[at.saturating_sub(80)..(at + 80).min(expected.len())]
        );
    }
}

/// A goal with every field set, a reflection and a removed goal's
/// tombstone, their text awkward to escape: the fast writer must write them
/// as `ron` does.
pub(crate) fn records() -> (Vec<Goal>, Vec<Reflection>, Vec<RecordTombstone>) {
    let at = Timestamp::from_second(1_780_000_000).expect("valid");
    let version = Version::legacy(at).next_edit("3f9a1c2e07b4", crate::model::HlcTime { at, tick: 2 });
    let mut goal = Goal::new(AWKWARD, GoalKind::Share, date(2026, 3, 2), date(2026, 4, 26), at);
    goal.id = "goal-1".into();
    goal.why = AWKWARD.into();
    goal.situations = vec![Situation::ConfidentTeam, Situation::Crisis];
    goal.style = Some(Style::Blend);
    goal.tag = Some("release".into());
    goal.person = Some("Zoë".into());
    goal.min_percent = Some(40);
    goal.max_percent = Some(60);
    goal.per_week = Some(3);
    goal.done = Some(date(2026, 4, 1));
    goal.abandoned = Some(date(2026, 4, 2));
    goal.version = version.clone();
    let mut reflection =
        Reflection::new(date(2026, 3, 4), vec![Answer { question: AWKWARD.into(), answer: AWKWARD.into() }], at);
    reflection.id = "reflection-1".into();
    reflection.version = version.clone();
    let removed = RecordTombstone { id: "goal-0".into(), kind: RecordKind::Goal, deleted_at: at, version };
    (vec![goal], vec![reflection], vec![removed])
}

/// Text that has tripped escapers: quotes, backslashes, control
/// characters, combining marks, zero-width and right-to-left characters.
const AWKWARD: &str = "He said \"no\" and wasn't sure \\ not at all\n\ttab\r\u{0}nul \u{7f}del \u{1b}esc \
    é (e\u{301} combined) \u{200d}zwj \u{feff}bom \u{202e}rtl-override שלום مرحبا 決定 🚀👩‍👩‍👧 \u{85}nel";

/// A decision with every field set, its text awkward to escape.
pub(crate) fn every_field() -> Decision {
    Decision {
        id: DecisionId("c0ffee-01".into()),
        date: date(2026, 3, 2),
        title: AWKWARD.into(),
        note: format!("{AWKWARD}\n{}", "plain ".repeat(500)),
        style: Some(Style::Blend),
        situations: vec![Situation::TightDeadline, Situation::CriticalDelegation],
        tags: vec!["release".into(), "1:1".into(), String::new()],
        people: vec!["Zoë".into(), "Łukasz".into()],
        contrasts: Some(crate::model::decision::ContrastScores {
            vision_execution: 2,
            people_process: -1,
            inspiration_control: 0,
            change_stability: -2,
        }),
        options: vec!["Ship late".into(), "Cut, with a \"reason\"".into()],
        expectation: "Lands Friday\nwith fewer bugs".into(),
        confidence: Some(70),
        review_on: Some(date(2026, 4, 2)),
        review: Some(Review {
            reviewed_on: date(2026, 4, 3),
            outcome: "Landed Monday".into(),
            result: ReviewResult::Worse,
            process: None,
            lesson: String::new(),
        }),
        starred: true,
        created: Timestamp::UNIX_EPOCH,
        updated: Timestamp::from_second(1_790_000_000).expect("in range"),
        version: crate::model::Version {
            seen: vec![
                crate::model::version::DeviceEdits { device: "3f9a1c2e07b4".into(), edits: 2 },
                crate::model::version::DeviceEdits { device: "legacy".into(), edits: 1_790_000_000_000 },
            ],
            at: Timestamp::from_millisecond(1_790_000_000_123).expect("in range"),
            tick: 3,
            by: "3f9a1c2e07b4".into(),
        },
    }
}

#[test]
fn writes_every_field_and_awkward_text_exactly_as_ron() {
    let sparse = Decision { id: DecisionId("bare".into()), title: "Bare".into(), ..Decision::default() };
    let deleted = [Tombstone::legacy(DecisionId("gone".into()), Timestamp::UNIX_EPOCH)];
    let points = [TalkingPoint::new("Zoë", AWKWARD, date(2026, 1, 1))];
    assert_same_as_ron(&[every_field(), sparse], &deleted, &points);
}

#[test]
fn writes_empty_journals_exactly_as_ron() {
    assert_same_as_ron(&[], &[], &[]);
    assert_same_as_ron(&[Decision::default()], &[], &[]);
}

#[test]
fn writes_the_sample_and_a_synthetic_journal_exactly_as_ron() {
    let sample = crate::samples::demo::load(date(2026, 11, 29)).expect("the sample loads");
    assert_same_as_ron(sample.decisions(), &[], sample.talking_points());
    let synthetic = crate::samples::synthetic::synthetic_journal(2_000, 7, date(2026, 11, 29));
    assert_same_as_ron(synthetic.decisions(), &[], synthetic.talking_points());
}

#[test]
fn the_journal_file_text_reads_back_equal() {
    let journal = Journal::new(vec![every_field()]).with_briefs(vec![BriefMark::new(Some("Zoë"), date(2026, 3, 1))]);
    let text = contents_to_text(&journal, &[]);
    let read = crate::storage::parse(&text, std::path::Path::new("journal.ron")).expect("parses");
    assert_eq!(read, journal);
}

#[test]
fn declines_shapes_it_does_not_write_so_ron_writes_them() {
    #[derive(Serialize)]
    struct WithFloat {
        share: f64,
    }
    #[derive(Serialize)]
    struct WithRawName {
        r#true: bool,
    }
    assert!(to_string_pretty(&WithFloat { share: 0.5 }).is_err());
    assert!(to_string_pretty(&WithRawName { r#true: true }).is_err());
    assert!(to_string_pretty(&(1, 2)).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_is_written_exactly_as_ron(title in any::<String>(), note in "\\PC*", tag in ".*") {
        let decision = Decision { title, note, tags: vec![tag], ..every_field() };
        let file = FileOut {
            version: 2,
            decisions: &[decision],
            deleted: &[],
            talking_points: &[],
            briefs: &[],
            goals: &[],
            reflections: &[],
            removed: &[],
        };
        prop_assert_eq!(to_string_pretty(&file).expect("supported"), ron_pretty(&file));
    }
}
