//! One week of the coaching loop ("This week"): what was decided and how,
//! where the guidance was gone against, reviews due, goals, a lesson
//! resurfaced, questions drawn from the week, its reflection, and which of
//! the last 26 weeks were active. Behind `keel week` and the Week page.
//!
//! # Definitions
//!
//! - The week is the ISO week (Monday to Sunday) holding the day asked
//!   about; "now" for reviews and goals is that day.
//! - **Against the guidance**: a decision of the week whose fit is 0 (led
//!   where the situations called for managing, or the reverse); `why_noted`
//!   when its note holds a reason ([`crate::model::decision::notes_why`]).
//! - **Reviews due**: every decision due for review on that day
//!   ([`crate::model::review::is_due`]), whatever its date.
//! - **Resurfaced**: a reviewed decision dated before the week that shares
//!   a situation with a decision of the week; the one sharing the most
//!   situations, the most recent on a tie.
//! - **On this day**: a decision dated one month, and one dated one year,
//!   before the day, when there is one.
//! - **Questions**: two or three, each drawn from decisions of the week that
//!   bear its claim out (and naming exactly those), topped up with general
//!   questions that name none when the week holds little.
//! - **Active weeks**: the 26 weeks ending with this one, oldest first; a
//!   week is active when it holds a decision or a reflection.

use std::collections::HashSet;

use jiff::ToSpan as _;
use jiff::civil::Date;

use super::goals::{GoalProgress, progress};
use super::{Tally, tally};
use crate::guidance::Judged as _;
use crate::model::decision::notes_why;
use crate::model::review::is_due;
use crate::model::{Decision, DecisionId, GoalState, Journal, Reflection, ReviewResult, Situation, Style, week_start};

/// How many weeks the activity strip shows.
pub const ACTIVE_WEEKS: usize = 26;

/// A decision of the week that went against its situations' guidance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgainstGuidance {
    /// The decision.
    pub id: DecisionId,
    /// Its title.
    pub title: String,
    /// Whether its note says why.
    pub why_noted: bool,
}

/// A decision due for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDue {
    /// The decision.
    pub id: DecisionId,
    /// Its title.
    pub title: String,
    /// Its review date.
    pub review_on: Date,
}

/// A past lesson met again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resurfaced {
    /// The reviewed decision.
    pub id: DecisionId,
    /// Its title.
    pub title: String,
    /// How it turned out.
    pub result: ReviewResult,
    /// What the review took from it.
    pub lesson: String,
    /// The situations it shares with decisions of this week.
    pub because: Vec<Situation>,
}

/// How long ago an "on this day" decision was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ago {
    /// One month before the day.
    Month,
    /// One year before the day.
    Year,
}

impl Ago {
    /// The stable id used in JSON.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// A decision made a month or a year before the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnThisDay {
    /// The decision.
    pub id: DecisionId,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: Date,
    /// How long ago.
    pub ago: Ago,
}

/// A question to reflect on, with the decisions of the week it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question.
    pub text: String,
    /// The decisions it is about (none for a general question).
    pub decisions: Vec<DecisionId>,
}

/// Everything the weekly view shows for one week.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    /// Its Monday.
    pub start: Date,
    /// Its Sunday.
    pub end: Date,
    /// The day it was computed for ("today").
    pub day: Date,
    /// The decisions dated in the week, in journal order.
    pub decisions: Vec<DecisionId>,
    /// Their styles and fits.
    pub tally: Tally,
    /// Those that went against the guidance.
    pub against_guidance: Vec<AgainstGuidance>,
    /// Decisions due for review on the day.
    pub reviews_due: Vec<ReviewDue>,
    /// Active goals whose dates touch the week, with their progress.
    pub goals: Vec<(String, GoalProgress)>,
    /// A past lesson met again this week.
    pub resurfaced: Option<Resurfaced>,
    /// Decisions made a month and a year before the day.
    pub on_this_day: Vec<OnThisDay>,
    /// Questions to reflect on.
    pub questions: Vec<Question>,
    /// The week's reflection, once written.
    pub reflection: Option<Reflection>,
    /// The last [`ACTIVE_WEEKS`] weeks, oldest first, ending with this one.
    pub active_weeks: Vec<bool>,
}

impl Week {
    /// The week holding `day`, as of `day`.
    #[must_use]
    pub fn of(journal: &Journal, day: Date) -> Self {
        let start = week_start(day);
        let end = start.checked_add(6.days()).unwrap_or(start);
        let of_week: Vec<&Decision> = journal.decisions().iter().filter(|d| start <= d.date && d.date <= end).collect();
        let against_guidance = of_week
            .iter()
            .filter(|d| d.fit() == Some(0.0))
            .map(|d| AgainstGuidance { id: d.id.clone(), title: d.title.clone(), why_noted: notes_why(&d.note) })
            .collect();
        let mut reviews_due: Vec<ReviewDue> = journal
            .decisions()
            .iter()
            .filter(|d| is_due(d.review_on, d.review.is_some(), day))
            .filter_map(|d| Some(ReviewDue { id: d.id.clone(), title: d.title.clone(), review_on: d.review_on? }))
            .collect();
        reviews_due.sort_by(|a, b| a.review_on.cmp(&b.review_on).then_with(|| a.id.0.cmp(&b.id.0)));
        let goals = journal
            .goals()
            .iter()
            .filter(|goal| goal.state() == GoalState::Active && goal.from <= end && start <= goal.until)
            .map(|goal| (goal.id.clone(), progress(journal, goal, day)))
            .collect();
        Self {
            start,
            end,
            day,
            decisions: of_week.iter().map(|d| d.id.clone()).collect(),
            tally: tally(of_week.iter().copied()),
            against_guidance,
            reviews_due,
            goals,
            resurfaced: resurfaced(journal, &of_week, start),
            on_this_day: on_this_day(journal, day),
            questions: questions(&of_week),
            reflection: journal.reflection_for(start).cloned(),
            active_weeks: active_weeks(journal, start),
        }
    }
}

/// The reviewed decision before `start` sharing the most situations with
/// the week's decisions (most recent on a tie).
fn resurfaced(journal: &Journal, of_week: &[&Decision], start: Date) -> Option<Resurfaced> {
    let met_again: HashSet<Situation> = of_week.iter().flat_map(|d| d.situations.iter().copied()).collect();
    journal
        .decisions()
        .iter()
        .filter(|d| d.date < start)
        .filter_map(|d| {
            let review = d.review.as_ref()?;
            let mut because: Vec<Situation> = d.situations.iter().copied().filter(|s| met_again.contains(s)).collect();
            because.dedup();
            (!because.is_empty()).then_some((d, review, because))
        })
        .max_by(|(a, _, shared_a), (b, _, shared_b)| {
            (shared_a.len(), a.date, a.created, &b.id.0).cmp(&(shared_b.len(), b.date, b.created, &a.id.0))
        })
        .map(|(d, review, because)| Resurfaced {
            id: d.id.clone(),
            title: d.title.clone(),
            result: review.result,
            lesson: review.lesson.clone(),
            because,
        })
}

/// One decision dated a month before `day` and one a year before, when any.
fn on_this_day(journal: &Journal, day: Date) -> Vec<OnThisDay> {
    [(Ago::Month, day.checked_sub(1.month())), (Ago::Year, day.checked_sub(1.year()))]
        .into_iter()
        .filter_map(|(ago, then)| {
            let then = then.ok()?;
            let decision = journal.decisions().iter().filter(|d| d.date == then).min_by(|a, b| a.canonical_order(b))?;
            Some(OnThisDay { id: decision.id.clone(), title: decision.title.clone(), date: decision.date, ago })
        })
        .collect()
}

/// The last [`ACTIVE_WEEKS`] weeks ending with the one starting `start`.
fn active_weeks(journal: &Journal, start: Date) -> Vec<bool> {
    let mut active = vec![false; ACTIVE_WEEKS];
    let first = start.checked_sub((7 * (i64::try_from(ACTIVE_WEEKS).unwrap_or(1) - 1)).days()).unwrap_or(start);
    let mut mark = |day: Date| {
        if first <= week_start(day) && week_start(day) <= start {
            let index = (week_start(day) - first).get_days() / 7;
            if let Some(slot) = usize::try_from(index).ok().and_then(|index| active.get_mut(index)) {
                *slot = true;
            }
        }
    };
    for decision in journal.decisions() {
        mark(decision.date);
    }
    for reflection in journal.reflections() {
        mark(reflection.week);
    }
    active
}

/// Most questions asked in a week.
const MOST_QUESTIONS: usize = 3;

/// Fewest questions asked in a week (general ones fill up).
const FEWEST_QUESTIONS: usize = 2;

/// Questions drawn from the week's decisions, most pressing first, topped
/// up with general ones.
fn questions(of_week: &[&Decision]) -> Vec<Question> {
    let with = |style: Style, recommended: Style| -> Vec<&Decision> {
        of_week.iter().copied().filter(|d| d.style == Some(style) && d.recommendation() == Some(recommended)).collect()
    };
    let titles = |decisions: &[&Decision]| -> String {
        decisions.iter().map(|d| format!("\u{201c}{}\u{201d}", d.title)).collect::<Vec<_>>().join(", ")
    };
    let count = |decisions: &[&Decision]| crate::model::words::count(decisions.len(), "decision", "decisions");
    let mut asked = Vec::new();
    let mut ask = |text: String, decisions: &[&Decision]| {
        asked.push(Question { text, decisions: decisions.iter().map(|d| d.id.clone()).collect() });
    };
    let managed_where_leading = with(Style::Management, Style::Leadership);
    if !managed_where_leading.is_empty() {
        ask(
            format!(
                "You managed in {} where your situations called for leading ({}): what kept you from stepping back \
                 and letting the team carry it?",
                count(&managed_where_leading),
                titles(&managed_where_leading)
            ),
            &managed_where_leading,
        );
    }
    let led_where_managing = with(Style::Leadership, Style::Management);
    if !led_where_managing.is_empty() {
        ask(
            format!(
                "You led in {} where your situations called for a firmer hand ({}): what made you hold back on \
                 structure, and did the team get what it needed?",
                count(&led_where_managing),
                titles(&led_where_managing)
            ),
            &led_where_managing,
        );
    }
    let untagged: Vec<&Decision> = of_week.iter().copied().filter(|d| d.style.is_none()).collect();
    if !untagged.is_empty() {
        ask(
            format!(
                "{} this week {} no style yet ({}): looking back, did you lead or manage there?",
                crate::model::words::capitalised(&count(&untagged)),
                if untagged.len() == 1 { "has" } else { "have" },
                titles(&untagged)
            ),
            &untagged,
        );
    }
    let led_as_called = with(Style::Leadership, Style::Leadership);
    if !led_as_called.is_empty() {
        ask(
            format!(
                "You led where the situation called for it in {} ({}): what did you let go of, and how did the team \
                 take it?",
                count(&led_as_called),
                titles(&led_as_called)
            ),
            &led_as_called,
        );
    }
    let managed_as_called = with(Style::Management, Style::Management);
    if !managed_as_called.is_empty() {
        ask(
            format!(
                "You took charge where the situation called for it in {} ({}): is there a part you could hand over \
                 next time?",
                count(&managed_as_called),
                titles(&managed_as_called)
            ),
            &managed_as_called,
        );
    }
    asked.truncate(MOST_QUESTIONS);
    let general = [
        "Which decision this week are you least sure of, and what would tell you it was right?",
        "Where did you give the team stability this week, and where did you open the door to change?",
        "Who needed more of your attention this week than they got?",
    ];
    for text in general {
        if asked.len() >= FEWEST_QUESTIONS {
            break;
        }
        asked.push(Question { text: text.to_owned(), decisions: Vec::new() });
    }
    asked
}

/// How many weeks "your usual week" looks back over.
pub const USUAL_WEEKS: usize = 12;

/// A week's count of decisions set against last week and the usual week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekComparison {
    /// Decisions of the week before.
    pub last_week: usize,
    /// Mean decisions a week over the [`USUAL_WEEKS`] weeks before this
    /// one, counting only weeks since the first decision (`None`: no
    /// earlier week to compare with).
    pub usual: Option<f64>,
}

/// This week's neighbours in decisions: the week before the one starting
/// `start`, and the mean of the weeks before it.
#[must_use]
pub fn compare(journal: &Journal, start: Date) -> WeekComparison {
    let Some(first) = journal.decisions().iter().map(|d| week_start(d.date)).min() else {
        return WeekComparison { last_week: 0, usual: None };
    };
    let mut counts = [0_usize; USUAL_WEEKS];
    for decision in journal.decisions() {
        let weeks_before = (start - week_start(decision.date)).get_days() / 7;
        if let Some(slot) = usize::try_from(weeks_before - 1).ok().and_then(|at| counts.get_mut(at)) {
            *slot += 1;
        }
    }
    let weeks_known = usize::try_from((start - first).get_days() / 7).unwrap_or(0).min(USUAL_WEEKS);
    let usual = (weeks_known > 0).then(|| counts[..weeks_known].iter().sum::<usize>() as f64 / weeks_known as f64);
    WeekComparison { last_week: counts[0], usual }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::civil::date;

    use super::*;
    use crate::model::{Answer, DecisionDraft, Goal, GoalKind, Review};

    fn decision(title: &str, day: Date, style: Option<Style>, situations: &[Situation]) -> Decision {
        DecisionDraft {
            title: title.into(),
            date: Some(day),
            style,
            situations: situations.to_vec(),
            ..DecisionDraft::default()
        }
        .into_new_decision(day, Timestamp::UNIX_EPOCH)
        .expect("valid")
    }

    fn reviewed(mut decision: Decision, lesson: &str) -> Decision {
        decision.review = Some(Review {
            reviewed_on: decision.date,
            outcome: "It went fine".into(),
            result: ReviewResult::Better,
            process: None,
            lesson: lesson.into(),
        });
        decision
    }

    // Thursday 2026-11-26: the week is Monday 23 to Sunday 29 November.
    const DAY: Date = date(2026, 11, 26);

    fn journal() -> Journal {
        let confident = [Situation::ConfidentTeam];
        let mut micromanaged =
            decision("Checked every ticket", date(2026, 11, 24), Some(Style::Management), &confident);
        micromanaged.note = "Why managing was right here: the client was watching".into();
        let mut due = decision("Hired a contractor", date(2026, 11, 2), Some(Style::Blend), &[]);
        due.review_on = Some(date(2026, 11, 20));
        Journal::new(vec![
            micromanaged,
            decision("Rewrote the rota myself", date(2026, 11, 25), Some(Style::Management), &confident),
            decision("Let the team pick the stack", date(2026, 11, 23), Some(Style::Leadership), &confident),
            decision("Ordered pizza", date(2026, 11, 29), None, &[]),
            // Last week: not this week's.
            decision("Froze the scope", date(2026, 11, 20), Some(Style::Management), &[Situation::TightDeadline]),
            reviewed(
                decision("Stepped back on the demo", date(2026, 9, 1), Some(Style::Leadership), &confident),
                "Trust them sooner",
            ),
            reviewed(
                decision("Crisis call", date(2026, 10, 1), Some(Style::Management), &[Situation::Crisis]),
                "Keep calm",
            ),
            decision("A month ago", date(2026, 10, 26), None, &[]),
            due,
        ])
    }

    fn titles_of(journal: &Journal, ids: &[DecisionId]) -> Vec<String> {
        ids.iter().filter_map(|id| journal.get(id)).map(|d| d.title.clone()).collect()
    }

    #[test]
    fn the_week_counts_its_own_decisions_and_names_those_against_the_guidance() {
        let journal = journal();
        let week = Week::of(&journal, DAY);
        assert_eq!((week.start, week.end), (date(2026, 11, 23), date(2026, 11, 29)));
        assert_eq!(week.decisions.len(), 4);
        assert_eq!((week.tally.leadership, week.tally.management, week.tally.untagged), (1, 2, 1));
        let against: Vec<(&str, bool)> =
            week.against_guidance.iter().map(|a| (a.title.as_str(), a.why_noted)).collect();
        assert_eq!(against, [("Checked every ticket", true), ("Rewrote the rota myself", false)]);
        let due: Vec<&str> = week.reviews_due.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(due, ["Hired a contractor"]);
    }

    #[test]
    fn each_question_names_only_decisions_of_the_week_that_bear_it_out() {
        let journal = journal();
        let week = Week::of(&journal, DAY);
        assert_eq!(week.questions.len(), 3);
        let first = &week.questions[0];
        assert!(first.text.starts_with("You managed in 2 decisions where your situations called for leading"));
        assert_eq!(titles_of(&journal, &first.decisions), ["Checked every ticket", "Rewrote the rota myself"]);
        for question in &week.questions {
            for id in &question.decisions {
                let decision = journal.get(id).expect("named decision exists");
                assert!(week.decisions.contains(id), "{} is not of the week", decision.title);
                assert!(question.text.contains(&decision.title), "{} not named in {}", decision.title, question.text);
            }
        }
        assert_eq!(titles_of(&journal, &week.questions[1].decisions), ["Ordered pizza"]);
        assert_eq!(titles_of(&journal, &week.questions[2].decisions), ["Let the team pick the stack"]);
    }

    #[test]
    fn a_quiet_week_gets_general_questions_naming_nothing() {
        let week = Week::of(&journal(), date(2026, 12, 9));
        assert_eq!(week.questions.len(), 2);
        assert!(week.questions.iter().all(|q| q.decisions.is_empty()));
    }

    #[test]
    fn a_lesson_resurfaces_when_its_situation_comes_back() {
        let week = Week::of(&journal(), DAY);
        let resurfaced = week.resurfaced.expect("the confident team came back");
        assert_eq!(resurfaced.title, "Stepped back on the demo");
        assert_eq!(resurfaced.lesson, "Trust them sooner");
        assert_eq!(resurfaced.because, [Situation::ConfidentTeam]);
        // The week of the scope freeze shares nothing with a reviewed one.
        assert_eq!(Week::of(&journal(), date(2026, 11, 20)).resurfaced, None);
    }

    #[test]
    fn on_this_day_finds_a_month_ago_only_when_there_is_one() {
        let week = Week::of(&journal(), DAY);
        let found: Vec<(&str, Ago)> = week.on_this_day.iter().map(|d| (d.title.as_str(), d.ago)).collect();
        assert_eq!(found, [("A month ago", Ago::Month)]);
    }

    #[test]
    fn active_weeks_end_with_this_one_and_count_reflections() {
        let mut journal = journal();
        journal.save_reflection(Reflection::new(
            date(2026, 11, 11),
            vec![Answer { question: "Q".into(), answer: "A".into() }],
            Timestamp::UNIX_EPOCH,
        ));
        let week = Week::of(&journal, DAY);
        assert_eq!(week.active_weeks.len(), ACTIVE_WEEKS);
        let active: Vec<usize> = (0..ACTIVE_WEEKS).filter(|i| week.active_weeks[*i]).collect();
        // This week (25), last week (24), the reflection's (23), the weeks
        // of 2 November (22), 26 October (21), 1 October (17) and
        // 1 September (13).
        assert_eq!(active, [13, 17, 21, 22, 23, 24, 25]);
        assert!(week.reflection.is_none(), "the reflection is of another week");
    }

    #[test]
    fn only_active_goals_touching_the_week_are_shown() {
        let mut journal = journal();
        let mut open =
            Goal::new("Step back", GoalKind::Share, date(2026, 11, 1), date(2026, 12, 31), Timestamp::UNIX_EPOCH);
        open.min_percent = Some(50);
        let mut over = open.clone();
        over.id = "over".into();
        over.until = date(2026, 11, 15);
        let mut dropped = open.clone();
        dropped.id = "dropped".into();
        dropped.abandoned = Some(date(2026, 11, 20));
        journal.add_goal(open.clone());
        journal.add_goal(over);
        journal.add_goal(dropped);
        let week = Week::of(&journal, DAY);
        let ids: Vec<&str> = week.goals.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, [open.id.as_str()]);
    }

    #[test]
    fn this_week_is_set_against_last_week_and_the_mean_of_the_weeks_before() {
        let monday = date(2026, 11, 30);
        let mut journal = Journal::default();
        // Three weeks back: 4 decisions; two back: none; last week: 2.
        for (day, n) in [(date(2026, 11, 9), 4), (date(2026, 11, 24), 2), (monday, 1)] {
            for k in 0..n {
                journal.push(decision(&format!("{day} {k}"), day, Some(Style::Blend), &[]));
            }
        }
        let compared = compare(&journal, monday);
        assert_eq!(compared.last_week, 2);
        // Only the three weeks since the first decision count: (2 + 0 + 4) / 3.
        assert_eq!(compared.usual.map(|u| (u * 1000.0).round() / 1000.0), Some(2.0));
        let first_week = compare(&journal, date(2026, 11, 9));
        assert_eq!((first_week.last_week, first_week.usual), (0, None), "nothing before the first week");
        assert_eq!(compare(&Journal::default(), monday), WeekComparison { last_week: 0, usual: None });
    }
}
