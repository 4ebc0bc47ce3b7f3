use jiff::civil::{Date, date};

use super::*;
use crate::analysis::filter::StyleFilter;
use crate::model::{ContrastScores, DecisionId, Situation};

use Situation::{ConfidentTeam, Crisis, IndependentTeam, NewApproaches, TightDeadline, Training};
use Style::{Blend, Leadership, Management};

fn decision(day: Date, style: Option<Style>, situations: &[Situation]) -> Decision {
    Decision {
        id: DecisionId(format!("{day}-{}", situations.len())),
        date: day,
        title: format!("Decided on {day}"),
        note: String::new(),
        style,
        situations: situations.to_vec(),
        tags: Vec::new(),
        people: Vec::new(),
        ..Decision::default()
    }
}

fn journal(decisions: Vec<Decision>) -> Journal {
    Journal::new(decisions)
}

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|actual| (actual - expected).abs() < 1e-12)
}

#[test]
fn blend_weighs_half_and_untagged_is_counted_but_not_weighed() {
    let day = date(2026, 3, 2);
    let decisions = [
        decision(day, Some(Leadership), &[]),
        decision(day, Some(Blend), &[]),
        decision(day, Some(Management), &[]),
        decision(day, Some(Blend), &[]),
        decision(day, None, &[]),
    ];
    let refs: Vec<&Decision> = decisions.iter().collect();
    let tally = tally(refs.iter().copied());
    assert_eq!((tally.decisions, tally.styled(), tally.untagged), (5, 4, 1));
    assert_eq!((tally.leadership, tally.blend, tally.management), (1, 2, 1));
    // (1 + 0.5 + 0 + 0.5) / 4 styled = 0.5; the untagged one is left out.
    assert_eq!(tally.leadership_share(), Some(0.5));
    assert_eq!(tally.guided_share(), None, "no situations, no recommendation");
    assert_eq!(tally.fit_rate(), None);
    let only_untagged = super::tally([&decisions[4]]);
    assert_eq!((only_untagged.decisions, only_untagged.leadership_share()), (1, None));
    assert_eq!(super::tally([]).leadership_share(), None);
}

#[test]
fn fit_of_every_pair_flows_through_the_series() {
    // One decision per (style, recommendation) pair, each in its own week.
    // Blend is recommended by one situation on each side.
    let blend_situations = [ConfidentTeam, Crisis];
    let pairs: [(Style, &[Situation], f64); 9] = [
        (Leadership, &[ConfidentTeam], 1.0),
        (Leadership, &blend_situations, 0.5),
        (Leadership, &[Crisis], 0.0),
        (Blend, &[ConfidentTeam], 0.5),
        (Blend, &blend_situations, 1.0),
        (Blend, &[Crisis], 0.5),
        (Management, &[ConfidentTeam], 0.0),
        (Management, &blend_situations, 0.5),
        (Management, &[Crisis], 1.0),
    ];
    let first = date(2026, 1, 5);
    let decisions: Vec<Decision> = (0_i32..)
        .zip(pairs)
        .map(|(week, (style, situations, _))| {
            decision(first.saturating_add(jiff::Span::new().weeks(week)), Some(style), situations)
        })
        .collect();
    let journal = journal(decisions);
    let series = Selection::new(&journal, &Filter::default()).series(Bucketing::Week);
    assert_eq!(series.buckets.len(), 9);
    for (bucket, (style, _, expected)) in series.buckets.iter().zip(pairs) {
        assert_eq!(bucket.fit_rate(), Some(expected), "{style} in {}", bucket.start);
        assert_eq!(bucket.leadership_share(), Some(style.leadership_weight()));
    }
    // Fits: 1 + .5 + 0 + .5 + 1 + .5 + 0 + .5 + 1 = 5 over 9.
    assert!(close(series.total.fit_rate(), 5.0 / 9.0));
    // Recommendations: three each of leadership (1), blend (.5), management (0) = 4.5 / 9.
    assert_eq!(series.total.guided_share(), Some(0.5));
    assert_eq!(series.total.leadership_share(), Some(0.5));
}

#[test]
fn empty_buckets_in_the_middle_have_no_shares() {
    let journal = journal(vec![
        decision(date(2026, 3, 4), Some(Leadership), &[ConfidentTeam]),
        decision(date(2026, 3, 22), Some(Management), &[Crisis]),
    ]);
    let series = Selection::new(&journal, &Filter::default()).series(Bucketing::Week);
    let starts: Vec<Date> = series.buckets.iter().map(|b| b.start).collect();
    assert_eq!(starts, [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]);
    let middle = &series.buckets[1];
    assert!(middle.is_empty() && middle.indices.is_empty());
    assert_eq!(middle.end, date(2026, 3, 15));
    assert_eq!((middle.leadership_share(), middle.guided_share(), middle.fit_rate()), (None, None, None));
    assert_eq!(series.buckets[0].indices, [0]);
    assert_eq!(series.buckets[2].indices, [1]);
    assert_eq!(series.buckets[2].end, date(2026, 3, 22));
    assert_eq!(series.bucket_of(date(2026, 3, 10)), Some(1));
    assert_eq!(series.bucket_of(date(2026, 3, 23)), None);
    assert_eq!(series.bucket_of(date(2026, 3, 1)), None);
}

#[test]
fn week_one_can_start_in_december_and_week_53_exists() {
    let journal = journal(vec![
        decision(date(2024, 12, 30), Some(Leadership), &[]),
        decision(date(2025, 1, 5), Some(Management), &[]),
        decision(date(2026, 12, 28), Some(Blend), &[]),
        decision(date(2027, 1, 3), Some(Blend), &[]),
    ]);
    let series = Selection::new(&journal, &Filter::default()).series(Bucketing::Week);
    let first = &series.buckets[0];
    assert_eq!((first.start, first.end, first.tally.decisions), (date(2024, 12, 30), date(2025, 1, 5), 2));
    assert_eq!(Bucketing::Week.bucket_label(first.start), "2025-W01");
    let last = series.buckets.last().unwrap();
    assert_eq!((last.start, last.end, last.tally.decisions), (date(2026, 12, 28), date(2027, 1, 3), 2));
    assert_eq!(Bucketing::Week.bucket_label(last.start), "2026-W53");
    // 2025 has 52 ISO weeks and 2026 has 53: 105 buckets in all.
    assert_eq!(series.buckets.len(), 52 + 53);
    assert_eq!(series.buckets.iter().filter(|b| !b.is_empty()).count(), 2);
    let months = Selection::new(&journal, &Filter::default()).series(Bucketing::Month);
    // December 2024 … January 2027 is 26 months; the week-1 pair splits.
    assert_eq!(months.buckets.len(), 26);
    assert_eq!(months.buckets[0].tally.decisions, 1);
    assert_eq!(months.buckets[1].tally.decisions, 1);
}

#[test]
fn month_buckets_follow_month_lengths_and_leap_years() {
    let journal = journal(vec![
        decision(date(2024, 1, 31), Some(Leadership), &[]),
        decision(date(2024, 2, 29), Some(Management), &[]),
        decision(date(2024, 3, 1), Some(Blend), &[]),
    ]);
    let series = Selection::new(&journal, &Filter::default()).series(Bucketing::Month);
    let spans: Vec<(Date, Date, usize)> = series.buckets.iter().map(|b| (b.start, b.end, b.tally.decisions)).collect();
    assert_eq!(
        spans,
        [
            (date(2024, 1, 1), date(2024, 1, 31), 1),
            (date(2024, 2, 1), date(2024, 2, 29), 1),
            (date(2024, 3, 1), date(2024, 3, 31), 1),
        ]
    );
    let future = Journal::new(vec![decision(date(2100, 2, 28), None, &[])]);
    let feb = &Selection::new(&future, &Filter::default()).series(Bucketing::Month).buckets[0];
    assert_eq!((feb.start, feb.end), (date(2100, 2, 1), date(2100, 2, 28)), "2100 is not a leap year");
}

#[test]
fn filters_narrow_every_measure() {
    let mut decisions = vec![
        decision(date(2026, 3, 2), Some(Management), &[TightDeadline]),
        decision(date(2026, 3, 3), Some(Leadership), &[ConfidentTeam]),
        decision(date(2026, 3, 4), Some(Blend), &[Crisis, NewApproaches]),
        decision(date(2026, 3, 5), None, &[Training]),
    ];
    decisions[0].people = vec!["Ana".into()];
    decisions[0].tags = vec!["release".into()];
    decisions[2].people = vec!["Ana".into(), "Bo".into()];
    decisions[3].tags = vec!["Release".into()];
    let journal = journal(decisions);
    let measure = |filter: Filter| Selection::new(&journal, &filter).series(Bucketing::Week).total;

    let ana = measure(Filter { person: Some("ana".into()), ..Filter::default() });
    // Management (0) and blend (.5): share .25; both recommended: management 0
    // and blend .5 → guided .25; fits 1 and 1 → 1.
    assert_eq!(
        (ana.decisions, ana.leadership_share(), ana.guided_share(), ana.fit_rate()),
        (2, Some(0.25), Some(0.25), Some(1.0))
    );

    let release = measure(Filter { tag: Some("RELEASE".into()), ..Filter::default() });
    // Management and an untagged one: share 0 over 1 styled; both recommend
    // management → guided 0; fit only for the styled one.
    assert_eq!((release.decisions, release.untagged, release.leadership_share(), release.fitted), (2, 1, Some(0.0), 1));

    let crisis = measure(Filter { situation: Some(Crisis), ..Filter::default() });
    assert_eq!((crisis.decisions, crisis.blend), (1, 1));

    let untagged = measure(Filter { style: Some(StyleFilter::Untagged), ..Filter::default() });
    assert_eq!((untagged.decisions, untagged.leadership_share(), untagged.guided_share()), (1, None, Some(0.0)));
}

#[test]
fn a_range_cutting_a_week_keeps_the_full_week_but_counts_only_in_range() {
    let journal = journal(vec![
        decision(date(2026, 3, 2), Some(Management), &[]), // Monday, before the range
        decision(date(2026, 3, 5), Some(Leadership), &[]), // Thursday, in range
        decision(date(2026, 3, 20), Some(Blend), &[]),     // after the range
    ]);
    let filter = Filter { since: Some(date(2026, 3, 4)), until: Some(date(2026, 3, 17)), ..Filter::default() };
    let series = Selection::new(&journal, &filter).series(Bucketing::Week);
    let spans: Vec<(Date, Date, usize)> = series.buckets.iter().map(|b| (b.start, b.end, b.tally.decisions)).collect();
    assert_eq!(
        spans,
        [
            (date(2026, 3, 2), date(2026, 3, 8), 1),
            (date(2026, 3, 9), date(2026, 3, 15), 0),
            (date(2026, 3, 16), date(2026, 3, 22), 0)
        ]
    );
    assert_eq!(series.buckets[0].indices, [1]);
    assert_eq!(series.total.decisions, 1);
    assert_eq!(series.total.leadership_share(), Some(1.0));

    // from_indices applies the range too, so every part agrees.
    let selection =
        Selection::from_indices(journal.decisions(), 0..10, DateRange { since: filter.since, until: filter.until });
    assert_eq!(selection.indices().collect::<Vec<_>>(), [1]);
}

#[test]
fn a_preset_range_shows_every_bucket_even_with_no_decisions() {
    let today = date(2026, 3, 12);
    let range = RangePreset::Last4Weeks.range(today);
    let empty = Journal::default();
    let filter = Filter { since: range.since, until: range.until, ..Filter::default() };
    let series = Selection::new(&empty, &filter).series(Bucketing::Week);
    // From Thursday 12 February: five weeks, the first one partly in range.
    assert_eq!(range.since, Some(date(2026, 2, 12)));
    assert_eq!(series.buckets.len(), 5);
    assert!(series.buckets.iter().all(|b| b.is_empty() && b.leadership_share().is_none()));
    assert_eq!(series.buckets[4].start, date(2026, 3, 9));
    // An open end with no decision to set it: nothing to show.
    let since_only = Filter { since: Some(today), ..Filter::default() };
    assert!(Selection::new(&empty, &since_only).series(Bucketing::Week).buckets.is_empty());
    assert!(Selection::new(&empty, &Filter::default()).series(Bucketing::Month).buckets.is_empty());
    // A reversed range is empty, not a panic.
    let reversed = Filter { since: Some(today), until: Some(date(2026, 1, 1)), ..Filter::default() };
    assert!(Selection::new(&empty, &reversed).series(Bucketing::Week).buckets.is_empty());
}

#[test]
fn rolling_fit_skips_buckets_without_a_fit() {
    let journal = journal(vec![
        decision(date(2026, 1, 5), Some(Leadership), &[ConfidentTeam]), // W2: fit 1
        decision(date(2026, 1, 6), Some(Management), &[ConfidentTeam]), // W2: fit 0
        // W3 empty, W4 only untagged (no fit)
        decision(date(2026, 1, 19), None, &[Crisis]),
        decision(date(2026, 1, 26), Some(Management), &[Crisis]), // W5: fit 1
        decision(date(2026, 2, 2), Some(Blend), &[Crisis]),       // W6: fit .5
    ]);
    let series = Selection::new(&journal, &Filter::default()).series(Bucketing::Week);
    assert_eq!(series.buckets.len(), 5);
    let rolling = series.rolling_fit_rate(2);
    // W2: (1+0)/2; W3, W4: no point (the line does not run through weeks
    // without a fit); W5: (1+0+1)/3, W2 still in the window; W6: window
    // drops W2 → (1+.5)/2.
    assert_eq!(rolling, [Some(0.5), None, None, Some(2.0 / 3.0), Some(0.75)]);
    assert_eq!(
        series.rolling_fit_rate(0),
        series.buckets.iter().map(BucketStats::fit_rate).collect::<Vec<_>>(),
        "a window of one is each bucket's own fit rate"
    );
    let unfitted = Journal::new(vec![decision(date(2026, 1, 5), None, &[])]);
    assert_eq!(Selection::new(&unfitted, &Filter::default()).series(Bucketing::Week).rolling_fit_rate(4), [None]);
}

#[test]
fn the_balance_overview_starts_at_the_first_decision_in_range() {
    // A journal begun this week, seen over "the last 3 months": one week,
    // not twelve empty ones before it.
    let journal = journal(vec![decision(date(2026, 11, 24), Some(Leadership), &[ConfidentTeam])]);
    let filter = Filter { since: Some(date(2026, 9, 1)), until: Some(date(2026, 11, 29)), ..Filter::default() };
    let overview = Overview::compute(&journal, &filter);
    let starts: Vec<Date> = overview.weekly.buckets.iter().map(|b| b.start).collect();
    assert_eq!(starts, [date(2026, 11, 23)]);
    assert_eq!(overview.monthly.buckets.len(), 1);
    // `keel stats --since/--until` keeps the range it was given.
    let series = Selection::new(&journal, &filter).series(Bucketing::Week);
    assert_eq!(series.buckets.first().map(|b| b.start), Some(date(2026, 8, 31)));
    // Nothing in range: nothing to draw.
    let empty = Overview::compute(&Journal::default(), &filter);
    assert!(empty.weekly.buckets.is_empty());
}

#[test]
fn matrix_counts_styles_per_situation_against_its_side() {
    for (slot, situation) in Situation::ALL.into_iter().enumerate() {
        assert_eq!(situation as usize, slot, "rows are indexed by discriminant");
    }
    let day = date(2026, 3, 2);
    let decisions = [
        decision(day, Some(Management), &[ConfidentTeam, IndependentTeam]), // against both
        decision(day, Some(Management), &[ConfidentTeam]),                  // against
        decision(day, Some(Leadership), &[ConfidentTeam, Crisis]),          // against crisis
        decision(day, Some(Blend), &[Crisis]),                              // never against
        decision(day, None, &[Crisis]),                                     // untagged
        decision(day, Some(Leadership), &[]),                               // no row
    ];
    let matrix = SituationStyleMatrix::compute(&decisions);
    let confident = matrix.row(ConfidentTeam);
    assert_eq!((confident.led, confident.blended, confident.managed, confident.untagged), (1, 0, 2, 0));
    assert_eq!(
        (confident.side, confident.against, confident.with_side(), confident.decisions()),
        (Side::Leadership, 2, 1, 3)
    );
    let crisis = matrix.row(Crisis);
    assert_eq!((crisis.led, crisis.blended, crisis.managed, crisis.untagged, crisis.against), (1, 1, 0, 1, 1));
    assert_eq!(matrix.row(IndependentTeam).against, 1);
    assert_eq!(matrix.row(Training).decisions(), 0);
    assert_eq!((matrix.managed_against_leading, matrix.led_against_managing), (2, 1));
    assert_eq!(matrix.most_against(Side::Leadership).map(|row| row.situation), Some(ConfidentTeam));
    assert_eq!(matrix.most_against(Side::Management).map(|row| row.situation), Some(Crisis));
    let calm = SituationStyleMatrix::compute(&decisions[3..]);
    assert!(calm.most_against(Side::Management).is_none());
    assert!(!confident.label().is_empty());
}

#[test]
fn contrast_means_cover_scored_decisions_only() {
    let day = date(2026, 3, 2);
    let mut decisions = vec![decision(day, None, &[]), decision(day, None, &[]), decision(day, None, &[])];
    decisions[0].contrasts =
        Some(ContrastScores { vision_execution: 2, people_process: -1, inspiration_control: 0, change_stability: 1 });
    // Out of range in the file: clamped to +2 / −2.
    decisions[1].contrasts =
        Some(ContrastScores { vision_execution: 1, people_process: -2, inspiration_control: 5, change_stability: -9 });
    let averages = ContrastAverages::compute(&decisions);
    assert_eq!(averages.scored(), 2);
    let means: Vec<Option<f64>> = averages.contrasts.iter().map(|c| c.mean).collect();
    // (2+1)/2, (-1-2)/2, (0+2)/2, (1-2)/2
    assert_eq!(means, [Some(1.5), Some(-1.5), Some(1.0), Some(-0.5)]);
    assert_eq!(averages.contrasts[0].contrast().map(|c| c.leadership.as_str()), Some("Vision"));
    let none = ContrastAverages::compute(&decisions[2..]);
    assert_eq!((none.scored(), none.contrasts[3].mean), (0, None));
}

#[test]
fn overview_parts_agree_and_buckets_partition_the_selection() {
    let journal = crate::samples::demo::load(date(2026, 11, 29)).unwrap();
    let filter = Filter { since: Some(date(2026, 2, 11)), ..Filter::default() };
    let overview = Overview::compute(&journal, &filter);
    let selection = Selection::new(&journal, &filter);
    assert_eq!(overview.weekly.total, selection.tally());
    assert_eq!(overview.monthly.total, selection.tally());
    for by in Bucketing::ALL {
        let series = overview.series(by);
        let mut seen: Vec<usize> = series.buckets.iter().flat_map(|b| b.indices.iter().copied()).collect();
        seen.sort_unstable();
        let mut expected: Vec<usize> = selection.indices().collect();
        expected.sort_unstable();
        assert_eq!(seen, expected, "{by}");
        for bucket in &series.buckets {
            assert_eq!(bucket.indices.len(), bucket.tally.decisions);
            for &index in &bucket.indices {
                let day = journal.decisions()[index].date;
                assert!(bucket.start <= day && day <= bucket.end);
            }
        }
        assert_eq!(series.buckets[0].start, by.start(date(2026, 2, 11)));
    }
    assert_eq!(overview.summary("X"), summary(overview.total(), &overview.matrix, "X"));
}

#[test]
fn packed_selection_measures_like_the_decisions_themselves() {
    let journal = crate::samples::synthetic::synthetic_journal(3_000, 5, date(2026, 11, 29));
    let filter = Filter { tag: Some("release".into()), ..Filter::default() };
    let selection = Selection::new(&journal, &filter);
    let chosen: Vec<&Decision> = journal.decisions().iter().filter(|d| filter.matches(d)).collect();
    assert!(chosen.len() > 100);
    assert_eq!(selection.len(), chosen.len());
    assert_eq!(selection.tally(), tally(chosen.iter().copied()));
    assert_eq!(selection.matrix(), SituationStyleMatrix::compute(chosen.iter().copied()));
    assert_eq!(selection.contrasts(), ContrastAverages::compute(chosen.iter().copied()));
    assert!(selection.contrasts().scored() > 0);
    let all = Selection::all(journal.decisions());
    assert_eq!(all.len(), journal.len());
    assert_eq!(all.series(Bucketing::Month).total, tally(journal.decisions()));
}

mod summaries {
    use super::*;

    fn text(decisions: &[Decision]) -> String {
        summary(&tally(decisions), &SituationStyleMatrix::compute(decisions), "Last 4 weeks")
    }

    #[test]
    fn nothing_to_show() {
        assert_eq!(text(&[]), "Last 4 weeks: no decisions here yet, so there is no balance to show.");
        let day = date(2026, 3, 2);
        let one = text(&[decision(day, None, &[])]);
        assert!(one.starts_with("Last 4 weeks: 1 decision, but it has no style yet, so there is no balance"), "{one}");
        let many = text(&[decision(day, None, &[]), decision(day, None, &[Crisis])]);
        assert!(many.starts_with("Last 4 weeks: 2 decisions, but none of them has a style yet"), "{many}");
    }

    #[test]
    fn leaning_guided_and_against() {
        let day = date(2026, 3, 2);
        // 3 management, 1 leadership: share 25%. Recommendations: 2×leadership,
        // 2×management → guided 50%. Fits: mgmt/lead 0, mgmt/lead 0, mgmt/mgmt 1,
        // lead/mgmt 0 → 25%.
        let decisions = [
            decision(day, Some(Management), &[ConfidentTeam]),
            decision(day, Some(Management), &[ConfidentTeam, NewApproaches]),
            decision(day, Some(Management), &[Crisis]),
            decision(day, Some(Leadership), &[TightDeadline]),
        ];
        assert_eq!(
            text(&decisions),
            "Last 4 weeks: your 4 decisions leaned toward managing, a leadership share of 25% (blends count half). \
             The situations you noted called for 50%, so you managed more than they asked for, by 25 points. \
             Your style fit the guidance at a rate of 25%. \
             You managed 2 decisions in situations that favour leading (most often \u{201c}The team is confident and capable\u{201d}) \
             and led 1 decision in situations that favour managing (most often \u{201c}The deadline is tight\u{201d})."
        );
    }

    #[test]
    fn on_balance_singular_untagged_and_unguided() {
        let day = date(2026, 3, 2);
        let balanced = text(&[decision(day, Some(Blend), &[Crisis, ConfidentTeam])]);
        assert_eq!(
            balanced,
            "Last 4 weeks: your 1 decision was evenly balanced, a leadership share of 50% (blends count half). \
             The situations you noted called for 50%, so you were right on balance. \
             Your style fit the guidance at a rate of 100%. No decision went against its situations' side."
        );
        let unguided = text(&[
            decision(day, Some(Leadership), &[]),
            decision(day, Some(Management), &[]),
            decision(day, None, &[]),
        ]);
        assert_eq!(
            unguided,
            "Last 4 weeks: the 2 of your 3 decisions that have a style were evenly balanced between leading and \
             managing, a leadership share of 50% (blends count half). \
             None of them notes a situation, so there is no guidance to compare with."
        );
        let partly = text(&[decision(day, Some(Leadership), &[ConfidentTeam]), decision(day, Some(Leadership), &[])]);
        assert!(partly.contains("leaned toward leading, a leadership share of 100%"), "{partly}");
        assert!(
            partly.contains(
                "On the 1 decision with both a style and a situation, you led 100%; their situations called for \
                 100%, so you were right on balance. One decision with a style has no situation noted, so it is \
                 left out of this comparison."
            ),
            "{partly}"
        );
    }

    #[test]
    fn the_gap_with_the_guidance_compares_the_same_decisions() {
        let day = date(2026, 3, 2);
        // With situations: 1 leading, 4 managing (20%); the situations call
        // for 2 leading, 3 managing (40%). Without situations: 1 leading, 2
        // managing. All styled: 2 of 8 = 25%, which must not be set against
        // the 40% of the other five.
        let decisions = [
            decision(day, Some(Leadership), &[ConfidentTeam]),
            decision(day, Some(Management), &[NewApproaches]),
            decision(day, Some(Management), &[Crisis]),
            decision(day, Some(Management), &[Crisis]),
            decision(day, Some(Management), &[TightDeadline]),
            decision(day, Some(Leadership), &[]),
            decision(day, Some(Management), &[]),
            decision(day, Some(Management), &[]),
        ];
        let said = text(&decisions);
        assert!(said.contains("a leadership share of 25%"), "{said}");
        assert!(
            said.contains(
                "On the 5 decisions with both a style and a situation, you led 20%; their situations called for \
                 40%, so you managed more than they asked for, by 20 points. 3 decisions with a style have no \
                 situation noted, so they are left out of this comparison."
            ),
            "{said}"
        );
        let total = tally(&decisions);
        assert_eq!(total.compared_leadership_share(), Some(0.2));
        assert_eq!(total.compared_guided_share(), Some(0.4));
        assert_eq!(total.styled_without_guidance(), 3);
    }

    #[test]
    fn percent_rounds_half_away_from_zero() {
        assert_eq!(percent(0.625), 63);
        assert_eq!(percent(0.624_9), 62);
        assert_eq!(percent(1.0 / 3.0), 33);
        assert_eq!(percent(0.0), 0);
        assert_eq!(percent(1.0), 100);
    }
}

#[test]
fn recommendation_table_is_the_guidance_rule_for_every_set() {
    for bits in 0..SituationSet::COUNT {
        let situations: Vec<Situation> = SituationSet(bits).iter().collect();
        assert_eq!(situations.len(), SituationSet(bits).len());
        assert!(situations.windows(2).all(|pair| pair[0] < pair[1]), "in ALL order");
        assert_eq!(SituationSet::of(situations.iter().copied()), SituationSet(bits));
        assert_eq!(recommendation_of(&situations), guidance::recommend(&situations), "{situations:?}");
        let mut reversed = situations.clone();
        reversed.reverse();
        assert_eq!(recommendation_of(&reversed), guidance::recommend(&situations), "order does not matter");
    }
    // A repeated situation (a hand-edited file) is counted as the rule counts it.
    let repeated = [Crisis, Crisis, ConfidentTeam];
    assert_eq!(recommendation_of(&repeated), guidance::recommend(&repeated));
    assert_eq!(recommendation_of(&repeated), Some(Management));
    let twice = [decision(date(2026, 3, 2), Some(Management), &[ConfidentTeam, ConfidentTeam])];
    let matrix = SituationStyleMatrix::compute(&twice);
    assert_eq!((matrix.row(ConfidentTeam).managed, matrix.row(ConfidentTeam).against), (1, 1), "one row entry");
}

#[test]
fn pair_counts_measure_like_one_decision_at_a_time() {
    let styles = StylePair::STYLES;
    let mut counts = PairCounts::default();
    let mut one_by_one = Tally::default();
    for (times, (style, recommendation)) in
        (1..).zip(styles.iter().flat_map(|&style| styles.iter().map(move |&recommendation| (style, recommendation))))
    {
        let pair = StylePair::new(style, recommendation);
        assert_eq!((pair.style(), pair.recommendation()), (style, recommendation));
        for _ in 0..times {
            counts.add(pair);
            one_by_one.add_styles(style, recommendation);
        }
    }
    assert_eq!(counts.tally(), one_by_one);
    assert_eq!(one_by_one.decisions, (1..=16).sum::<usize>());
}

#[test]
fn each_preset_starts_on_the_same_day_that_many_months_or_28_days_back() {
    let today = date(2026, 12, 1);
    let since = |preset: RangePreset| preset.range(today).since;
    assert_eq!(since(RangePreset::Last4Weeks), Some(date(2026, 11, 3)));
    assert_eq!(since(RangePreset::Quarter), Some(date(2026, 9, 1)));
    assert_eq!(since(RangePreset::SixMonths), Some(date(2026, 6, 1)));
    assert_eq!(since(RangePreset::Year), Some(date(2025, 12, 1)));
    assert_eq!(RangePreset::Quarter.range(today).until, Some(today));
    // A day the earlier month lacks starts on its last day.
    assert_eq!(RangePreset::Quarter.range(date(2026, 5, 31)).since, Some(date(2026, 2, 28)));
}

#[test]
fn the_trend_of_a_single_week_says_what_that_week_did() {
    let day = date(2026, 3, 11);
    let journal = Journal::new(vec![decision(day, Some(Leadership), &[]), decision(day, Some(Blend), &[])]);
    let filter = Filter { since: Some(date(2026, 3, 9)), until: Some(date(2026, 3, 15)), ..Filter::default() };
    let text = trend(&Selection::new(&journal, &filter).series(Bucketing::Week));
    assert_eq!(text, "Week by week: in the only week with styled decisions you leaned toward leading (75%).");
    assert!(!text.contains("of the 1 week"));
}
