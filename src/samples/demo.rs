//! The built-in sample journal behind `keel --demo`.
//!
//! It is embedded in the binary and never written anywhere. Its dates are
//! moved forward by whole weeks so the newest entry falls in the current week:
//! the sample then looks recent whenever it is opened, and each entry keeps its
//! weekday.

use std::path::Path;

use jiff::civil::Date;
use jiff::{Span, ToSpan};

use crate::model::{Answer, Goal, GoalKind, Journal, Reflection, Situation, Style, week_start};
use crate::storage::{StorageError, parse};

const DEMO_RON: &str = include_str!("../../assets/demo_journal.ron");

/// The sample journal, its newest entry moved into the week of `today`.
///
/// # Errors
/// Only if the embedded file is malformed, which the tests rule out.
pub fn load(today: Date) -> Result<Journal, StorageError> {
    let journal = parse(DEMO_RON, Path::new("assets/demo_journal.ron"))?;
    let Some(newest) = journal.decisions().iter().map(|decision| decision.date).max() else {
        return Ok(journal);
    };
    let shift = weeks_to_bring_forward(newest, today);
    let decisions = journal
        .decisions()
        .iter()
        .cloned()
        .map(|mut decision| {
            decision.date = decision.date.checked_add(shift).unwrap_or(decision.date);
            decision.review_on = decision.review_on.map(|day| day.checked_add(shift).unwrap_or(day));
            if let Some(review) = &mut decision.review {
                review.reviewed_on = review.reviewed_on.checked_add(shift).unwrap_or(review.reviewed_on);
            }
            // Timestamps take no calendar units, so the shift is in hours.
            let hours = Span::new().hours(i64::from(shift.get_weeks()) * 7 * 24);
            decision.created = decision.created.checked_add(hours).unwrap_or(decision.created);
            decision.updated = decision.updated.checked_add(hours).unwrap_or(decision.updated);
            decision
        })
        .collect();
    let this_week = week_start(newest.checked_add(shift).unwrap_or(newest));
    Ok(Journal::new(decisions).with_records(sample_goals(this_week), sample_reflections(this_week), Vec::new()))
}

/// Noon UTC on `day`: the sample's fixed times, so it is the same on every run.
fn noon(day: Date) -> jiff::Timestamp {
    day.at(12, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).map_or(jiff::Timestamp::UNIX_EPOCH, |zoned| zoned.timestamp())
}

/// `this_week` moved by `weeks` (negative: back).
fn weeks_from(this_week: Date, weeks: i64) -> Date {
    this_week.checked_add(Span::new().weeks(weeks)).unwrap_or(this_week)
}

/// Two goals running this week, started some weeks ago, so the Week page
/// and `keel goal list --demo` have progress and a trend to show.
fn sample_goals(this_week: Date) -> Vec<Goal> {
    let sunday = |weeks| weeks_from(this_week, weeks).checked_add(6.days()).unwrap_or(this_week);
    let from = weeks_from(this_week, -8);
    let mut step_back = Goal::new("Step back when the team can carry it", GoalKind::Fit, from, sunday(4), noon(from));
    "demo-goal-step-back".clone_into(&mut step_back.id);
    "The team is senior now; checking their work slows them down.".clone_into(&mut step_back.why);
    step_back.situations = vec![Situation::ConfidentTeam, Situation::IndependentTeam];
    step_back.min_percent = Some(70);
    let from = weeks_from(this_week, -6);
    let mut lead = Goal::new("Lead at least twice a week", GoalKind::Practice, from, sunday(6), noon(from));
    "demo-goal-lead-weekly".clone_into(&mut lead.id);
    lead.style = Some(Style::Leadership);
    lead.per_week = Some(2);
    vec![step_back, lead]
}

/// Reflections on the three weeks before this one.
fn sample_reflections(this_week: Date) -> Vec<Reflection> {
    let answers: [[(&str, &str); 2]; 3] = [
        [
            (
                "Which decision this week are you least sure of, and what would tell you it was right?",
                "Moving the release date. If the support queue stays quiet for two weeks, it was right.",
            ),
            (
                "Who needed more of your attention this week than they got?",
                "Ana: she took on the rota and I never asked how it went.",
            ),
        ],
        [
            (
                "Where did you give the team stability this week, and where did you open the door to change?",
                "Kept the sprint as planned; opened the retro to a new format.",
            ),
            (
                "Which decision this week are you least sure of, and what would tell you it was right?",
                "Letting the team pick the vendor. We will know at the first outage.",
            ),
        ],
        [
            (
                "Who needed more of your attention this week than they got?",
                "The two new starters: training fell behind the deadline work.",
            ),
            (
                "Where did you give the team stability this week, and where did you open the door to change?",
                "Stability during the incident; change can wait for the post-mortem.",
            ),
        ],
    ];
    answers
        .iter()
        .enumerate()
        .map(|(back, pairs)| {
            let weeks_back = i64::try_from(back).unwrap_or(0) + 1;
            let week = weeks_from(this_week, -weeks_back);
            let written = noon(week.checked_add(4.days()).unwrap_or(week));
            let mut reflection = Reflection::new(
                week,
                pairs.iter().map(|(q, a)| Answer { question: (*q).to_owned(), answer: (*a).to_owned() }).collect(),
                written,
            );
            reflection.id = format!("demo-reflection-{weeks_back}");
            reflection
        })
        .collect()
}

/// Whole weeks from `newest` to the latest date not after `today` with the
/// same weekday (zero when `newest` is already within the last week).
fn weeks_to_bring_forward(newest: Date, today: Date) -> Span {
    let days = (today - newest).get_days();
    let weeks = if days > 0 { days / 7 } else { 0 };
    weeks.weeks()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use jiff::civil::date;

    use super::*;
    use crate::model::{Situation, Style};

    #[test]
    fn sample_is_rich_enough_for_charts() {
        let journal = load(date(2026, 11, 29)).expect("demo parses");
        let decisions = journal.decisions();
        assert!(decisions.len() >= 150, "{} decisions", decisions.len());
        let first = decisions.iter().map(|d| d.date).min().expect("not empty");
        let last = decisions.iter().map(|d| d.date).max().expect("not empty");
        assert!((last - first).get_days() >= 270, "covers {first} to {last}");
        for style in Style::ALL {
            assert!(decisions.iter().any(|d| d.style == Some(style)), "no {style}");
        }
        assert!(decisions.iter().any(|d| d.style.is_none()), "none untagged");
        for situation in Situation::ALL {
            assert!(decisions.iter().any(|d| d.situations.contains(&situation)), "no {situation}");
        }
        assert!(journal.person_counts().len() >= 6);
        assert!(decisions.iter().filter(|d| d.review.is_some()).count() >= 20, "reviews to learn from");
        assert!(decisions.iter().any(|d| d.review.is_none() && d.review_on.is_some()), "reviews still to write");
        let ids: HashSet<_> = decisions.iter().map(|d| &d.id).collect();
        assert_eq!(ids.len(), decisions.len(), "ids are unique");
    }

    #[test]
    fn dates_move_forward_by_whole_weeks_into_the_current_week() {
        let original = parse(DEMO_RON, Path::new("demo")).expect("parses");
        let today = date(2027, 5, 12);
        let moved = load(today).expect("parses");
        let newest = moved.decisions().iter().map(|d| d.date).max().expect("not empty");
        assert!(newest <= today && (today - newest).get_days() < 7, "newest {newest}");
        for (before, after) in original.decisions().iter().zip(moved.decisions()) {
            assert_eq!(before.date.weekday(), after.date.weekday());
            assert_eq!(
                before.review_on.map(|day| (day - before.date).get_days()),
                after.review_on.map(|day| (day - after.date).get_days()),
                "review dates move with their decisions"
            );
            assert_eq!(before.title, after.title);
        }
    }
}
