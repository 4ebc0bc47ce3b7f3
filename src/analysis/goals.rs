//! Progress on development goals, from Keel's own measures (DESIGN.md,
//! "Goals"): the value so far, the decisions behind it, a per-week trend
//! and a status.
//!
//! # Definitions
//!
//! - The goal's **window so far** runs from its `from` day to its `until`
//!   day or `today`, whichever comes first. Decisions count by their date.
//! - **fit**: the fit rate ([`Tally::fit_rate`]) of the decisions in any of
//!   the goal's situations; behind it: those whose fit is defined.
//! - **share**: the leadership share ([`Tally::leadership_share`]) of the
//!   decisions matching the goal's tag, person and situations (each
//!   optional); behind it: those with a style.
//! - **results**: the met rate of the reviewed decisions (result better or
//!   as expected) matching the goal's filters; behind it: the reviewed ones.
//! - **practice**: decisions of the goal's style (in its situations, when it
//!   names some) per week. The value is the mean count over the weeks of
//!   the window that are over (a week in progress would pull the mean
//!   down for days it has not had yet); during the first week, that week's
//!   count so far. A week's value is its count.
//! - **Status**: before the window ends, `too-few` when a rate rests on
//!   fewer than [`MIN_DECISIONS`] decisions (the no-claim rule of outcome
//!   evidence; a practice goal counts decisions, so it is never too few),
//!   else `on-track` when the target is met so far, `not-yet` otherwise
//!   (also before the window starts). Once the window is over: `met` when
//!   the final value meets the target on enough decisions, `ended`
//!   otherwise.

use jiff::ToSpan as _;
use jiff::civil::Date;

use super::{Tally, tally};
use crate::guidance::Judged as _;
use crate::model::decision::same_name;
use crate::model::{Decision, DecisionId, Goal, GoalKind, Journal, week_start};

/// Fewest decisions a rate needs before Keel says whether it meets a target:
/// the same rule as the outcome evidence's claims.
pub const MIN_DECISIONS: usize = super::outcomes::MIN_REVIEWS_PER_SIDE;

/// Slack for comparing rates with targets in whole percent (7/10 against
/// 70 %), so rounding never decides.
const EPSILON: f64 = 1e-9;

/// Where a goal stands on its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalStatus {
    /// Within the window, the target is met so far.
    OnTrack,
    /// Within the window (or before it), the target is not met yet.
    NotYet,
    /// The window is over and the target was met.
    Met,
    /// The window is over without the target met.
    Ended,
    /// Within the window, too few decisions to tell.
    TooFew,
}

impl GoalStatus {
    /// The stable id used in JSON.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::OnTrack => "on-track",
            Self::NotYet => "not-yet",
            Self::Met => "met",
            Self::Ended => "ended",
            Self::TooFew => "too-few",
        }
    }

    /// Words for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::OnTrack => "on track",
            Self::NotYet => "not there yet",
            Self::Met => "met",
            Self::Ended => "ended without being met",
            Self::TooFew => "too few decisions to tell",
        }
    }
}

/// One ISO week of a goal's trend.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekProgress {
    /// Its Monday.
    pub start: Date,
    /// The goal's measure over that week's decisions (`None`: nothing to
    /// measure); for practice goals, the count.
    pub value: Option<f64>,
    /// The decisions behind it.
    pub decisions: usize,
}

/// A goal's progress as of a day.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalProgress {
    /// The measure over the window so far (`None`: nothing to measure yet).
    pub value: Option<f64>,
    /// The decisions behind the value, in journal order.
    pub decisions: Vec<DecisionId>,
    /// Where the goal stands.
    pub status: GoalStatus,
    /// Each ISO week of the window up to today, oldest first.
    pub weeks: Vec<WeekProgress>,
}

/// The goal's value in words (the window, `keel goal list` and `keel
/// week` say it alike): "62%" for a rate, "1.5 a week" for practice.
pub fn value_words(goal: &Goal, value: Option<f64>) -> String {
    match (goal.kind, value) {
        (_, None) => "nothing to measure yet".to_owned(),
        (GoalKind::Practice, Some(value)) => format!("{value:.1} a week"),
        (_, Some(value)) => format!("{}%", super::percent(value)),
    }
}

/// The target in words: "fit rate at least 70%", "2 leadership decisions a week".
pub fn target_words(goal: &Goal) -> String {
    let bounds = match (goal.min_percent, goal.max_percent) {
        (Some(min), Some(max)) => format!("between {min}% and {max}%"),
        (Some(min), None) => format!("at least {min}%"),
        (None, Some(max)) => format!("at most {max}%"),
        (None, None) => String::new(),
    };
    match goal.kind {
        GoalKind::Fit => format!("fit rate {bounds}"),
        GoalKind::Share => format!("leadership share {bounds}"),
        GoalKind::Results => format!("reviews meeting expectations {bounds}"),
        GoalKind::Practice => {
            format!(
                "{} {} decisions a week",
                goal.per_week.unwrap_or_default(),
                goal.style.map_or("styled", crate::model::Style::id)
            )
        }
    }
}

/// A goal Keel proposes from a mismatch the Balance summary found: a fit
/// target in the situation most often gone against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalIdea {
    /// A title in the user's voice ("Lead more when the team is confident
    /// and capable").
    pub title: String,
    /// Always [`GoalKind::Fit`].
    pub kind: GoalKind,
    /// The one situation.
    pub situations: Vec<crate::model::Situation>,
    /// The fit rate to reach, in whole percent.
    pub min_percent: u8,
}

/// Fewest decisions against a situation's side before it is worth a goal:
/// one could be a single odd day.
pub const IDEA_MIN_AGAINST: usize = 2;

/// The fit rate a proposed goal aims at, in whole percent.
pub const IDEA_TARGET_PERCENT: u8 = 70;

/// The goal worth starting from `matrix`: a fit target in the situation
/// most often gone against (at least [`IDEA_MIN_AGAINST`] times), `None`
/// when nothing stands out. Ties go to the article's order.
#[must_use]
pub fn idea_from_balance(matrix: &super::SituationStyleMatrix) -> Option<GoalIdea> {
    let row = matrix.rows.iter().filter(|row| row.against >= IDEA_MIN_AGAINST).fold(
        None,
        |best: Option<&super::SituationRow>, row| match best {
            Some(best) if best.against >= row.against => Some(best),
            _ => Some(row),
        },
    )?;
    let verb = match row.side {
        crate::guidance::Side::Leadership => "Lead more",
        crate::guidance::Side::Management => "Take charge more",
    };
    let when = row.label().to_lowercase();
    Some(GoalIdea {
        title: format!("{verb} when {}", when.trim_end_matches('.')),
        kind: GoalKind::Fit,
        situations: vec![row.situation],
        min_percent: IDEA_TARGET_PERCENT,
    })
}

/// The progress of `goal` in `journal` as of `today`.
#[must_use]
pub fn progress(journal: &Journal, goal: &Goal, today: Date) -> GoalProgress {
    let last = goal.until.min(today);
    let in_window: Vec<&Decision> = if today < goal.from {
        Vec::new()
    } else {
        journal.decisions().iter().filter(|d| goal.from <= d.date && d.date <= last && matches(goal, d)).collect()
    };
    let behind: Vec<&Decision> = in_window.iter().copied().filter(|d| counts(goal.kind, d)).collect();
    let mut weeks = Vec::new();
    if today >= goal.from {
        let mut start = week_start(goal.from);
        while start <= last {
            let end = start.checked_add(6.days()).unwrap_or(start);
            let of_week: Vec<&Decision> = behind.iter().copied().filter(|d| start <= d.date && d.date <= end).collect();
            weeks.push(WeekProgress { start, value: measure(goal.kind, &of_week), decisions: of_week.len() });
            match start.checked_add(7.days()) {
                Ok(next) => start = next,
                Err(_) => break,
            }
        }
    }
    let value =
        if goal.kind == GoalKind::Practice { practice_value(&weeks, today) } else { measure(goal.kind, &behind) };
    let met = value.is_some_and(|value| meets(goal, value));
    let enough = goal.kind == GoalKind::Practice || behind.len() >= MIN_DECISIONS;
    let status = if goal.until < today {
        if met && enough { GoalStatus::Met } else { GoalStatus::Ended }
    } else if today < goal.from {
        GoalStatus::NotYet
    } else if !enough {
        GoalStatus::TooFew
    } else if met {
        GoalStatus::OnTrack
    } else {
        GoalStatus::NotYet
    };
    GoalProgress { value, decisions: behind.iter().map(|d| d.id.clone()).collect(), status, weeks }
}

/// Whether `value` meets the goal's target.
#[must_use]
pub fn meets(goal: &Goal, value: f64) -> bool {
    match goal.kind {
        GoalKind::Practice => goal.per_week.is_some_and(|n| value + EPSILON >= f64::from(n)),
        GoalKind::Fit | GoalKind::Share | GoalKind::Results => {
            goal.min().is_none_or(|min| value + EPSILON >= min) && goal.max().is_none_or(|max| value <= max + EPSILON)
        }
    }
}

/// Whether a decision is one the goal looks at (its filters).
fn matches(goal: &Goal, decision: &Decision) -> bool {
    let situations_ok =
        goal.situations.is_empty() || goal.situations.iter().any(|situation| decision.situations.contains(situation));
    let tag_ok = goal.tag.as_deref().is_none_or(|tag| decision.tags.iter().any(|t| same_name(t, tag)));
    let person_ok = goal.person.as_deref().is_none_or(|person| decision.people.iter().any(|p| same_name(p, person)));
    let style_ok = goal.kind != GoalKind::Practice || decision.style == goal.style;
    situations_ok && tag_ok && person_ok && style_ok
}

/// Whether a matching decision is behind the goal's value (has what its
/// measure needs).
fn counts(kind: GoalKind, decision: &Decision) -> bool {
    match kind {
        GoalKind::Fit => decision.fit().is_some(),
        GoalKind::Share => decision.style.is_some(),
        GoalKind::Results => decision.review.is_some(),
        GoalKind::Practice => true,
    }
}

/// The measure of `kind` over `decisions` (all of which count).
fn measure(kind: GoalKind, decisions: &[&Decision]) -> Option<f64> {
    let all: Tally = tally(decisions.iter().copied());
    match kind {
        GoalKind::Fit => all.fit_rate(),
        GoalKind::Share => all.leadership_share(),
        GoalKind::Practice => Some(decisions.len() as f64),
        GoalKind::Results => {
            let met =
                decisions.iter().filter(|d| d.review.as_ref().is_some_and(|r| r.result.met_expectation())).count();
            (!decisions.is_empty()).then(|| met as f64 / decisions.len() as f64)
        }
    }
}

/// A practice goal's value: the mean count of the weeks that are over, or
/// the first week's count so far while none is.
fn practice_value(weeks: &[WeekProgress], today: Date) -> Option<f64> {
    let over: Vec<&WeekProgress> =
        weeks.iter().filter(|week| week.start.checked_add(6.days()).is_ok_and(|sunday| sunday < today)).collect();
    if over.is_empty() {
        return weeks.first().map(|week| week.decisions as f64);
    }
    Some(over.iter().map(|week| week.decisions as f64).sum::<f64>() / over.len() as f64)
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::civil::date;

    use super::*;
    use crate::model::{DecisionDraft, Review, ReviewResult, Situation, Style};

    fn decision(day: Date, style: Option<Style>, situations: &[Situation]) -> Decision {
        DecisionDraft {
            title: format!("{day} {style:?}"),
            date: Some(day),
            style,
            situations: situations.to_vec(),
            ..DecisionDraft::default()
        }
        .into_new_decision(day, Timestamp::UNIX_EPOCH)
        .expect("valid")
    }

    fn goal(kind: GoalKind) -> Goal {
        // Monday 2026-11-02 to Sunday 2026-11-29: four weeks.
        Goal::new("Goal", kind, date(2026, 11, 2), date(2026, 11, 29), Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn a_fit_goal_measures_only_its_situations_and_says_too_few_under_five() {
        let confident = [Situation::ConfidentTeam];
        let mut decisions = vec![
            decision(date(2026, 11, 3), Some(Style::Leadership), &confident),
            decision(date(2026, 11, 4), Some(Style::Management), &confident),
            // Another situation: not this goal's business.
            decision(date(2026, 11, 4), Some(Style::Management), &[Situation::Crisis]),
            // Before the goal.
            decision(date(2026, 10, 30), Some(Style::Management), &confident),
        ];
        let mut fit = goal(GoalKind::Fit);
        fit.situations = vec![Situation::ConfidentTeam];
        fit.min_percent = Some(60);
        let early = progress(&Journal::new(decisions.clone()), &fit, date(2026, 11, 5));
        assert_eq!(early.value, Some(0.5));
        assert_eq!(early.decisions.len(), 2);
        assert_eq!(early.status, GoalStatus::TooFew);
        for day in [10, 11, 12] {
            decisions.push(decision(date(2026, 11, day), Some(Style::Leadership), &confident));
        }
        let later = progress(&Journal::new(decisions), &fit, date(2026, 11, 12));
        assert_eq!(later.value, Some(0.8), "4 fits of 5");
        assert_eq!(later.status, GoalStatus::OnTrack);
        assert_eq!(later.weeks.len(), 2);
        assert_eq!((later.weeks[0].value, later.weeks[0].decisions), (Some(0.5), 2));
        assert_eq!((later.weeks[1].value, later.weeks[1].decisions), (Some(1.0), 3));
    }

    #[test]
    fn a_share_goal_needs_its_value_between_min_and_max_and_ends_unmet() {
        let mut share = goal(GoalKind::Share);
        share.min_percent = Some(40);
        share.max_percent = Some(60);
        share.tag = Some("release".into());
        let mut decisions: Vec<Decision> =
            (3..8).map(|day| decision(date(2026, 11, day), Some(Style::Leadership), &[])).collect();
        for d in &mut decisions {
            d.tags = vec!["Release".into()];
        }
        // Untagged by "release": left out.
        decisions.push(decision(date(2026, 11, 9), Some(Style::Management), &[]));
        let journal = Journal::new(decisions);
        let now = progress(&journal, &share, date(2026, 11, 20));
        assert_eq!((now.value, now.status), (Some(1.0), GoalStatus::NotYet));
        let after = progress(&journal, &share, date(2026, 12, 1));
        assert_eq!(after.status, GoalStatus::Ended);
        assert_eq!(after.weeks.len(), 4, "every week of the window, empty ones too");
        assert_eq!(after.weeks[1].value, None);
    }

    #[test]
    fn a_practice_goal_averages_the_weeks_that_are_over() {
        let mut practice = goal(GoalKind::Practice);
        practice.style = Some(Style::Leadership);
        practice.per_week = Some(2);
        let journal = Journal::new(vec![
            decision(date(2026, 11, 3), Some(Style::Leadership), &[]),
            decision(date(2026, 11, 5), Some(Style::Leadership), &[]),
            decision(date(2026, 11, 6), Some(Style::Management), &[]),
            decision(date(2026, 11, 10), Some(Style::Leadership), &[]),
            decision(date(2026, 11, 17), Some(Style::Leadership), &[]),
        ]);
        // First week, in progress: its count so far.
        assert_eq!(progress(&journal, &practice, date(2026, 11, 5)).value, Some(2.0));
        // Two weeks over (2 and 1), the third in progress is left out.
        let third = progress(&journal, &practice, date(2026, 11, 18));
        assert_eq!(third.value, Some(1.5));
        assert_eq!(third.status, GoalStatus::NotYet);
        assert_eq!(third.weeks.iter().map(|w| w.decisions).collect::<Vec<_>>(), [2, 1, 1]);
        // After the window: 4 decisions over 4 weeks, one a week.
        assert_eq!(progress(&journal, &practice, date(2026, 12, 2)).status, GoalStatus::Ended);
        practice.per_week = Some(1);
        assert_eq!(progress(&journal, &practice, date(2026, 12, 2)).status, GoalStatus::Met);
    }

    #[test]
    fn a_results_goal_counts_met_reviews() {
        let mut results = goal(GoalKind::Results);
        results.min_percent = Some(60);
        let mut decisions: Vec<Decision> =
            (3..9).map(|day| decision(date(2026, 11, day), Some(Style::Blend), &[])).collect();
        for (index, d) in decisions.iter_mut().enumerate().take(5) {
            d.review = Some(Review {
                reviewed_on: date(2026, 11, 20),
                outcome: "It went".into(),
                result: if index < 3 { ReviewResult::AsExpected } else { ReviewResult::Worse },
                process: None,
                lesson: String::new(),
            });
        }
        let done = progress(&Journal::new(decisions), &results, date(2026, 11, 30));
        assert_eq!(done.value, Some(0.6), "3 met of 5 reviewed; the unreviewed one is not counted");
        assert_eq!(done.decisions.len(), 5);
        assert_eq!(done.status, GoalStatus::Met);
    }

    #[test]
    fn before_the_window_nothing_is_measured() {
        let mut fit = goal(GoalKind::Fit);
        fit.situations = vec![Situation::Crisis];
        fit.min_percent = Some(50);
        let journal = Journal::new(vec![decision(date(2026, 10, 1), Some(Style::Management), &[Situation::Crisis])]);
        let before = progress(&journal, &fit, date(2026, 10, 20));
        assert_eq!((before.value, before.status, before.weeks.len()), (None, GoalStatus::NotYet, 0));
    }

    #[test]
    fn the_situation_most_gone_against_twice_or_more_becomes_a_fit_goal() {
        let day = date(2026, 11, 2);
        let mut decisions = vec![
            // Managed twice where the team was confident: against.
            decision(day, Some(Style::Management), &[Situation::ConfidentTeam]),
            decision(day, Some(Style::Management), &[Situation::ConfidentTeam]),
            // Led once in a crisis: against, but only once.
            decision(day, Some(Style::Leadership), &[Situation::Crisis]),
        ];
        let matrix = super::super::SituationStyleMatrix::compute(&decisions);
        let idea = idea_from_balance(&matrix).expect("a mismatch");
        assert_eq!(idea.kind, GoalKind::Fit);
        assert_eq!(idea.situations, [Situation::ConfidentTeam]);
        assert_eq!(idea.min_percent, IDEA_TARGET_PERCENT);
        assert!(idea.title.starts_with("Lead more when the team is confident"), "{}", idea.title);
        // Three crises led against two confident teams managed: the crisis.
        for _ in 0..2 {
            decisions.push(decision(day, Some(Style::Leadership), &[Situation::Crisis]));
        }
        let idea = idea_from_balance(&super::super::SituationStyleMatrix::compute(&decisions)).expect("a mismatch");
        assert_eq!(idea.situations, [Situation::Crisis]);
        assert!(idea.title.starts_with("Take charge more when"), "{}", idea.title);
        let once = [decision(day, Some(Style::Management), &[Situation::ConfidentTeam])];
        assert_eq!(idea_from_balance(&super::super::SituationStyleMatrix::compute(&once)), None, "once is no pattern");
    }
}
