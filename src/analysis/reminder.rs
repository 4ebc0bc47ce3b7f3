//! The daily reminder (`keel remind`): which one thing, if any, is worth a
//! desktop notification today. Pure: the caller reads the journal, picks the
//! day and shows the result.
//!
//! # Rules, first that applies wins
//!
//! 1. **Reviews**: decisions due for review today or earlier and not yet
//!    reviewed ([`is_due`]), named oldest due first.
//! 2. **Reflection**: today is [`ReminderRules::reflect_on`] and the ISO
//!    week holding today has no saved reflection. Only on that weekday: a
//!    missed day waits for next week rather than nagging every day after.
//! 3. **Goal**: an active goal covering today, [`GoalStatus::NotYet`], with
//!    under a third of its window left. Days left count today (on the last
//!    day one day is left), so "under a third" is `3 × left < length`,
//!    where length is `until − from + 1`. The goal with the fewest days
//!    left wins; ties go to stored order.
//! 4. **Pattern**: see [`pattern`].
//!
//! An empty journal (no decision at all) gives no reminder on any day:
//! there is nothing to review or reflect on yet. A journal with decisions
//! but none this week still gets the weekly reflection, as it is the habit
//! being kept, not the week's content.

use jiff::ToSpan as _;
use jiff::civil::{Date, Weekday};

use super::goals::{GoalStatus, progress, target_words, value_words};
use crate::guidance::Guidance;
use crate::guidance::Judged as _;
use crate::model::review::is_due;
use crate::model::words::{capitalised, count};
use crate::model::{Decision, GoalState, Journal, Situation, Style, week_start};

/// Which reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderKind {
    /// Decisions due or overdue for review.
    Reviews,
    /// The week has no reflection yet.
    Reflection,
    /// A goal falling behind near its end.
    Goal,
    /// A repeated habit of going against the guidance.
    Pattern,
}

impl ReminderKind {
    /// The stable id (command line, logs).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Reviews => "reviews",
            Self::Reflection => "reflection",
            Self::Goal => "goal",
            Self::Pattern => "pattern",
        }
    }

    /// The window page that deals with it.
    #[must_use]
    pub fn page_id(self) -> &'static str {
        match self {
            Self::Reviews => "review",
            Self::Reflection | Self::Goal => "week",
            Self::Pattern => "balance",
        }
    }
}

/// A reminder to show: a one-line summary and a short body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// Which reminder.
    pub kind: ReminderKind,
    /// The notification's title line.
    pub summary: String,
    /// The notification's text.
    pub body: String,
}

/// What the user chose about reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderRules {
    /// The day of the week the reflection reminder comes on.
    pub reflect_on: Weekday,
}

impl Default for ReminderRules {
    /// Friday: the week's work is mostly done and still fresh.
    fn default() -> Self {
        Self { reflect_on: Weekday::Friday }
    }
}

/// How many titles the reviews reminder names before "and N more": a
/// notification has room for a line or two.
const MOST_TITLES: usize = 3;

/// The reminder for `today`, if any (see the module's rules).
#[must_use]
pub fn reminder(journal: &Journal, today: Date, rules: &ReminderRules) -> Option<Reminder> {
    if journal.is_empty() {
        return None;
    }
    reviews(journal, today)
        .or_else(|| reflection(journal, today, *rules))
        .or_else(|| goal(journal, today))
        .or_else(|| pattern(journal, today).map(|found| found.reminder()))
}

/// The reminder when the journal cannot be read (it is encrypted and no
/// passphrase is at hand): the reflection on the chosen weekday, saying
/// nothing of the journal's content, since a notification can be seen by
/// anyone near the screen.
#[must_use]
pub fn reminder_without_journal(today: Date, rules: &ReminderRules) -> Option<Reminder> {
    (today.weekday() == rules.reflect_on).then(|| Reminder {
        kind: ReminderKind::Reflection,
        summary: REFLECTION_SUMMARY.to_owned(),
        body: "Open Keel to look back on your week.".to_owned(),
    })
}

/// The reflection reminder's title line, with or without the journal.
const REFLECTION_SUMMARY: &str = "Time to look back on your week";

/// Decisions due for review, oldest due first.
fn reviews(journal: &Journal, today: Date) -> Option<Reminder> {
    let mut due: Vec<&Decision> =
        journal.decisions().iter().filter(|d| is_due(d.review_on, d.review.is_some(), today)).collect();
    if due.is_empty() {
        return None;
    }
    // The id settles ties, so the same journal always names the same titles.
    due.sort_by(|a, b| (a.review_on, a.date, &a.id.0).cmp(&(b.review_on, b.date, &b.id.0)));
    let verb = if due.len() == 1 { "is" } else { "are" };
    Some(Reminder {
        kind: ReminderKind::Reviews,
        summary: format!("{} {verb} due for review", count(due.len(), "decision", "decisions")),
        body: title_list(&due.iter().map(|d| d.title.as_str()).collect::<Vec<_>>()),
    })
}

/// "A", "A and B", "A, B and C", or "A, B, C, and 2 more".
fn title_list(titles: &[&str]) -> String {
    let shown = &titles[..titles.len().min(MOST_TITLES)];
    let more = titles.len() - shown.len();
    if more > 0 {
        return format!("{}, and {more} more", shown.join(", "));
    }
    match shown {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    }
}

/// The weekly reflection, on the chosen weekday of a week without one.
fn reflection(journal: &Journal, today: Date, rules: ReminderRules) -> Option<Reminder> {
    let start = week_start(today);
    if today.weekday() != rules.reflect_on || journal.reflection_for(start).is_some() {
        return None;
    }
    let end = start.checked_add(6.days()).unwrap_or(start);
    let of_week = journal.decisions().iter().filter(|d| start <= d.date && d.date <= end).count();
    let body = if of_week == 0 {
        "No decisions noted this week; a few minutes on This week still keeps the habit going.".to_owned()
    } else {
        format!(
            "You noted {} this week; a few questions about {} are ready on This week.",
            count(of_week, "decision", "decisions"),
            if of_week == 1 { "it" } else { "them" }
        )
    };
    Some(Reminder { kind: ReminderKind::Reflection, summary: REFLECTION_SUMMARY.to_owned(), body })
}

/// The active goal behind its target with the fewest days left, when under
/// a third of its window remains.
fn goal(journal: &Journal, today: Date) -> Option<Reminder> {
    let (goal, left, value) = journal
        .goals()
        .iter()
        .filter(|goal| goal.state() == GoalState::Active && goal.covers(today))
        .filter_map(|goal| {
            let left = (goal.until - today).get_days() + 1;
            let length = (goal.until - goal.from).get_days() + 1;
            if 3 * left >= length {
                return None;
            }
            let now = progress(journal, goal, today);
            (now.status == GoalStatus::NotYet).then_some((goal, left, now.value))
        })
        // `min_by_key` keeps the first of equals: stored order settles ties.
        .min_by_key(|(_, left, _)| *left)?;
    let left = count(usize::try_from(left).unwrap_or_default(), "day", "days");
    Some(Reminder {
        kind: ReminderKind::Goal,
        summary: format!("Behind on \u{201c}{}\u{201d}", goal.title),
        body: format!(
            "{} so far, aiming for {}, with {left} left.",
            capitalised(&value_words(goal, value)),
            target_words(goal)
        ),
    })
}

/// How many weeks a pattern looks back over.
pub const PATTERN_WEEKS: usize = 6;

/// Fewest decisions in a situation before Keel calls anything a pattern.
pub const PATTERN_MIN_DECISIONS: usize = 5;

/// Smallest share, in percent, of a situation's decisions that must have
/// gone against the guidance.
pub const PATTERN_MIN_PERCENT: usize = 60;

/// A habit of going against the guidance in one situation.
///
/// Over the [`PATTERN_WEEKS`] weeks ending today (42 days, today included;
/// later-dated decisions are left out), for each situation: **total** is
/// the decisions naming it that have a style and a recommendation;
/// **against** is those among them whose fit is below 0.5 (led where
/// managing was recommended, or the reverse; a blend on either side is half
/// a fit, never against) and whose recommendation is the situation's own
/// side, so "you managed where the team was confident, where leading is
/// suggested" is true of every decision counted. A pattern needs at least
/// [`PATTERN_MIN_DECISIONS`] in total and [`PATTERN_MIN_PERCENT`] % against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pattern {
    /// The situation.
    pub situation: Situation,
    /// Decisions that went against the guidance there.
    pub against: usize,
    /// Decisions there with a style and a recommendation.
    pub total: usize,
    /// The style taken in the decisions against (leadership or management).
    pub taken: Style,
    /// The style the guidance suggests there.
    pub recommended: Style,
    /// The weeks looked back over ([`PATTERN_WEEKS`]).
    pub weeks: usize,
}

impl Pattern {
    /// The reminder that tells of it.
    #[must_use]
    pub fn reminder(&self) -> Reminder {
        let guide = Guidance::get().situation(self.situation);
        Reminder {
            kind: ReminderKind::Pattern,
            summary: format!("You often {} where {} was suggested", past(self.taken), gerund(self.recommended)),
            body: format!(
                "In the last {} weeks you {} in {} of {} decisions where {}. The guidance leans towards {} \
                 there: {}.",
                self.weeks,
                past(self.taken),
                self.against,
                self.total,
                lower_first(&guide.label),
                gerund(self.recommended),
                guide.advice
            ),
        }
    }
}

/// The solid pattern of the last [`PATTERN_WEEKS`] weeks, if any (see
/// [`Pattern`]): the situation most often gone against, then the larger
/// share, then the first in [`Situation::ALL`].
#[must_use]
pub fn pattern(journal: &Journal, today: Date) -> Option<Pattern> {
    let days = i64::try_from(PATTERN_WEEKS * 7 - 1).unwrap_or_default();
    let first = today.checked_sub(days.days()).unwrap_or(today);
    let recent: Vec<(&Decision, Style)> = journal
        .decisions()
        .iter()
        .filter(|d| first <= d.date && d.date <= today && d.style.is_some())
        .filter_map(|d| Some((d, d.recommendation()?)))
        .collect();
    let guidance = Guidance::get();
    let mut best: Option<Pattern> = None;
    for situation in Situation::ALL {
        let side = guidance.situation(situation).side.style();
        let named: Vec<&(&Decision, Style)> =
            recent.iter().filter(|(d, _)| d.situations.contains(&situation)).collect();
        let against = named
            .iter()
            .filter(|(d, recommended)| *recommended == side && d.fit().is_some_and(|fit| fit < 0.5))
            .count();
        let total = named.len();
        if total < PATTERN_MIN_DECISIONS || against * 100 < PATTERN_MIN_PERCENT * total {
            continue;
        }
        // Shares compared by cross-multiplying: no rounding decides a tie.
        let better = best.is_none_or(|best| {
            against > best.against || (against == best.against && against * best.total > best.against * total)
        });
        if better {
            let taken = if side == Style::Leadership { Style::Management } else { Style::Leadership };
            best = Some(Pattern { situation, against, total, taken, recommended: side, weeks: PATTERN_WEEKS });
        }
    }
    best
}

/// "led", "managed", "blended".
fn past(style: Style) -> &'static str {
    match style {
        Style::Leadership => "led",
        Style::Management => "managed",
        Style::Blend => "blended",
    }
}

/// "leading", "managing", "blending both".
fn gerund(style: Style) -> &'static str {
    match style {
        Style::Leadership => "leading",
        Style::Management => "managing",
        Style::Blend => "blending both",
    }
}

/// A label as the middle of a sentence ("the team is confident…").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::civil::date;

    use super::*;
    use crate::model::{Answer, DecisionId, Goal, GoalKind, Reflection, Review, ReviewResult};

    use Situation::ConfidentTeam;
    use Style::{Blend, Leadership, Management};

    // The week of Monday 23 to Sunday 29 November 2026; Friday is the 27th.
    const THURSDAY: Date = date(2026, 11, 26);
    const FRIDAY: Date = date(2026, 11, 27);

    fn decision(title: &str, day: Date, style: Option<Style>, situations: &[Situation]) -> Decision {
        Decision {
            id: DecisionId(title.to_owned()),
            date: day,
            title: title.to_owned(),
            style,
            situations: situations.to_vec(),
            ..Decision::default()
        }
    }

    fn to_review(title: &str, review_on: Date) -> Decision {
        Decision { review_on: Some(review_on), ..decision(title, date(2026, 10, 1), None, &[]) }
    }

    fn reviewed(mut decision: Decision) -> Decision {
        decision.review = Some(Review {
            reviewed_on: date(2026, 11, 1),
            outcome: "Fine".into(),
            result: ReviewResult::AsExpected,
            process: None,
            lesson: String::new(),
        });
        decision
    }

    fn reflect(journal: &mut Journal, day: Date) {
        let answers = vec![Answer { question: "Q".into(), answer: "A".into() }];
        journal.save_reflection(Reflection::new(day, answers, Timestamp::UNIX_EPOCH));
    }

    /// Decisions named "<prefix> n" in the confident team's situation,
    /// one style per entry, dated `day`.
    fn confident(prefix: &str, day: Date, styles: &[Style]) -> Vec<Decision> {
        styles
            .iter()
            .enumerate()
            .map(|(n, style)| decision(&format!("{prefix} {n}"), day, Some(*style), &[ConfidentTeam]))
            .collect()
    }

    /// A fit goal on the confident team over Monday 2 to Sunday 29
    /// November: 28 days.
    fn fit_goal(title: &str, min_percent: u8) -> Goal {
        let mut goal = Goal::new(title, GoalKind::Fit, date(2026, 11, 2), date(2026, 11, 29), Timestamp::UNIX_EPOCH);
        goal.situations = vec![ConfidentTeam];
        goal.min_percent = Some(min_percent);
        goal
    }

    fn kind(journal: &Journal, day: Date) -> Option<ReminderKind> {
        reminder(journal, day, &ReminderRules::default()).map(|r| r.kind)
    }

    #[test]
    fn kinds_name_their_id_and_page_and_friday_is_the_default() {
        let all = [ReminderKind::Reviews, ReminderKind::Reflection, ReminderKind::Goal, ReminderKind::Pattern];
        let ids: Vec<(&str, &str)> = all.iter().map(|k| (k.id(), k.page_id())).collect();
        assert_eq!(ids, [("reviews", "review"), ("reflection", "week"), ("goal", "week"), ("pattern", "balance")]);
        assert_eq!(ReminderRules::default().reflect_on, Weekday::Friday);
    }

    #[test]
    fn due_reviews_are_counted_and_named_oldest_due_first() {
        let journal = Journal::new(vec![
            to_review("Hired a contractor", date(2026, 11, 20)),
            to_review("Froze the scope for 4.2", date(2026, 11, 2)),
            to_review("Moved the stand-up", THURSDAY),
            to_review("Changed the rota", date(2026, 11, 25)),
            to_review("Not due yet", FRIDAY),
            reviewed(to_review("Already reviewed", date(2026, 11, 1))),
        ]);
        let found = reminder(&journal, THURSDAY, &ReminderRules::default()).expect("reviews are due");
        assert_eq!(found.kind, ReminderKind::Reviews);
        assert_eq!(found.summary, "4 decisions are due for review");
        assert_eq!(found.body, "Froze the scope for 4.2, Hired a contractor, Changed the rota, and 1 more");

        let one = Journal::new(vec![to_review("Hired a contractor", date(2026, 11, 20))]);
        let found = reminder(&one, THURSDAY, &ReminderRules::default()).expect("one review is due");
        assert_eq!(
            (found.summary.as_str(), found.body.as_str()),
            ("1 decision is due for review", "Hired a contractor")
        );

        let two = Journal::new(vec![to_review("B", date(2026, 11, 21)), to_review("A", date(2026, 11, 20))]);
        let found = reminder(&two, THURSDAY, &ReminderRules::default()).expect("two reviews are due");
        assert_eq!((found.summary.as_str(), found.body.as_str()), ("2 decisions are due for review", "A and B"));
    }

    #[test]
    fn the_reflection_comes_on_the_chosen_weekday_of_a_week_without_one() {
        let mut journal = Journal::new(vec![
            decision("Older", date(2026, 11, 10), None, &[]),
            decision("Monday's", date(2026, 11, 23), None, &[]),
            decision("Tuesday's", date(2026, 11, 24), None, &[]),
            decision("Wednesday's", date(2026, 11, 25), None, &[]),
            decision("Friday's", FRIDAY, None, &[]),
        ]);
        let found = reminder(&journal, FRIDAY, &ReminderRules::default()).expect("Friday, no reflection");
        assert_eq!(found.kind, ReminderKind::Reflection);
        assert_eq!(found.summary, "Time to look back on your week");
        assert_eq!(found.body, "You noted 4 decisions this week; a few questions about them are ready on This week.");
        assert_eq!(kind(&journal, THURSDAY), None, "not the chosen day");
        assert_eq!(kind(&journal, date(2026, 11, 28)), None, "the day after does not catch up");
        let wednesdays = ReminderRules { reflect_on: Weekday::Wednesday };
        assert_eq!(reminder(&journal, date(2026, 11, 25), &wednesdays).map(|r| r.kind), Some(ReminderKind::Reflection));

        // A reflection written any day of the week settles it.
        reflect(&mut journal, date(2026, 11, 23));
        assert_eq!(kind(&journal, FRIDAY), None);

        // A quiet week still gets it; one decision is named as one.
        let quiet = reminder(&journal, date(2026, 12, 4), &ReminderRules::default()).expect("a quiet Friday");
        assert_eq!(quiet.body, "No decisions noted this week; a few minutes on This week still keeps the habit going.");
        journal.push(decision("December's", date(2026, 12, 1), None, &[]));
        let single = reminder(&journal, date(2026, 12, 4), &ReminderRules::default()).expect("Friday");
        assert_eq!(single.body, "You noted 1 decision this week; a few questions about it are ready on This week.");
    }

    #[test]
    fn a_goal_behind_with_under_a_third_left_is_named_with_its_value_and_days_left() {
        // Fit (1 + 1 + 0 + 0 + 0.5) / 5 = 50%, and only 2 of 5 against:
        // no pattern to get in the way.
        let decisions = confident("Goal", date(2026, 11, 3), &[Leadership, Leadership, Management, Management, Blend]);
        let mut journal = Journal::new(decisions);
        journal.add_goal(fit_goal("Lead more when the team is confident", 70));
        // Monday 23: 7 of 28 days left, today included.
        let found = reminder(&journal, date(2026, 11, 23), &ReminderRules::default()).expect("behind near the end");
        assert_eq!(found.kind, ReminderKind::Goal);
        assert_eq!(found.summary, "Behind on \u{201c}Lead more when the team is confident\u{201d}");
        assert_eq!(found.body, "50% so far, aiming for fit rate at least 70%, with 7 days left.");
        let last_day = reminder(&journal, date(2026, 11, 29), &ReminderRules::default()).expect("last day");
        assert!(last_day.body.ends_with("with 1 day left."), "{}", last_day.body);
        // Monday 16: half the window left, time enough.
        assert_eq!(kind(&journal, date(2026, 11, 16)), None);
        // Sunday 22: 8 days left, under a third of 28 (9⅓).
        assert_eq!(kind(&journal, date(2026, 11, 22)), Some(ReminderKind::Goal));
        // Thursday 19: 11 days left, over a third.
        assert_eq!(kind(&journal, date(2026, 11, 19)), None);
    }

    #[test]
    fn a_goal_on_track_too_thin_or_not_active_gives_no_reminder() {
        let styles = [Leadership, Leadership, Management, Management, Blend];
        let monday = date(2026, 11, 23);
        let mut on_track = Journal::new(confident("Goal", date(2026, 11, 3), &styles));
        on_track.add_goal(fit_goal("On track", 50));
        assert_eq!(kind(&on_track, monday), None);

        let mut too_few = Journal::new(confident("Goal", date(2026, 11, 3), &styles[..4]));
        too_few.add_goal(fit_goal("Too few", 70));
        assert_eq!(kind(&too_few, monday), None);

        let mut done = Journal::new(confident("Goal", date(2026, 11, 3), &styles));
        let mut goal = fit_goal("Done early", 70);
        goal.done = Some(date(2026, 11, 20));
        done.add_goal(goal);
        assert_eq!(kind(&done, monday), None);
    }

    #[test]
    fn of_several_goals_behind_the_one_with_fewest_days_left_is_named() {
        let styles = [Leadership, Leadership, Management, Management, Blend];
        let mut journal = Journal::new(confident("Goal", date(2026, 11, 3), &styles));
        let mut later = fit_goal("Ends on the 30th", 70);
        later.until = date(2026, 11, 30);
        journal.add_goal(later);
        journal.add_goal(fit_goal("Ends on the 29th", 70));
        let found = reminder(&journal, date(2026, 11, 23), &ReminderRules::default()).expect("two behind");
        assert!(found.summary.contains("Ends on the 29th"), "{}", found.summary);
    }

    #[test]
    fn four_of_five_against_in_six_weeks_is_a_pattern() {
        let styles = [Management, Management, Management, Management, Leadership];
        let journal = Journal::new(confident("Team", date(2026, 11, 10), &styles));
        let found = pattern(&journal, THURSDAY).expect("4 of 5 against");
        assert_eq!(
            found,
            Pattern {
                situation: ConfidentTeam,
                against: 4,
                total: 5,
                taken: Management,
                recommended: Leadership,
                weeks: 6
            }
        );
        let told = reminder(&journal, THURSDAY, &ReminderRules::default()).expect("the pattern");
        assert_eq!(told.kind, ReminderKind::Pattern);
        assert_eq!(told.summary, "You often managed where leading was suggested");
        assert_eq!(
            told.body,
            "In the last 6 weeks you managed in 4 of 5 decisions where the team is confident and capable. \
             The guidance leans towards leading there: share the goal, trust their judgment."
        );
    }

    #[test]
    fn a_pattern_needs_five_decisions_sixty_percent_against_and_the_last_six_weeks() {
        let day = date(2026, 11, 10);
        let four = Journal::new(confident("Team", day, &[Management; 4]));
        assert_eq!(pattern(&four, THURSDAY), None, "4 of 4 rests on too few");
        let two = Journal::new(confident("Team", day, &[Management, Management, Leadership, Leadership, Blend]));
        assert_eq!(pattern(&two, THURSDAY), None, "2 of 5 is no habit");
        // 42 days ending Thursday 26 November start on Friday 16 October.
        let mut decisions = confident("Recent", day, &[Management, Management, Management, Leadership]);
        decisions.extend(confident("Old", date(2026, 10, 15), &[Management]));
        assert_eq!(pattern(&Journal::new(decisions.clone()), THURSDAY), None, "the old one is not counted");
        decisions.extend(confident("Edge", date(2026, 10, 16), &[Management]));
        let found = pattern(&Journal::new(decisions), THURSDAY).expect("the first day of the six weeks counts");
        assert_eq!((found.against, found.total), (4, 5));
    }

    #[test]
    fn reviews_beat_the_reflection_which_beats_the_goal_which_beats_the_pattern() {
        // On Friday 27: a review due, no reflection, a goal behind (fit 20%
        // with 3 days left) and a pattern (4 of 5 managed).
        let mut decisions =
            confident("Team", date(2026, 11, 10), &[Management, Management, Management, Management, Leadership]);
        decisions.push(to_review("Hired a contractor", date(2026, 11, 20)));
        let mut journal = Journal::new(decisions);
        journal.add_goal(fit_goal("Lead more", 70));
        assert_eq!(kind(&journal, FRIDAY), Some(ReminderKind::Reviews));
        let done = reviewed(journal.get(&DecisionId("Hired a contractor".into())).expect("there").clone());
        journal.replace(done);
        assert_eq!(kind(&journal, FRIDAY), Some(ReminderKind::Reflection));
        reflect(&mut journal, FRIDAY);
        assert_eq!(kind(&journal, FRIDAY), Some(ReminderKind::Goal));
        let mut dropped = journal.goals()[0].clone();
        dropped.abandoned = Some(FRIDAY);
        journal.update_goal(dropped);
        assert_eq!(kind(&journal, FRIDAY), Some(ReminderKind::Pattern));
    }

    #[test]
    fn an_empty_journal_says_nothing_even_on_the_reflection_day() {
        let mut journal = Journal::default();
        assert_eq!(kind(&journal, FRIDAY), None);
        journal.add_goal(fit_goal("Lead more", 70));
        assert_eq!(kind(&journal, FRIDAY), None, "a goal alone is nothing to reflect on");
    }

    #[test]
    fn without_the_journal_only_the_weekday_reflection_comes_and_it_says_nothing_of_the_content() {
        let rules = ReminderRules::default();
        let found = reminder_without_journal(FRIDAY, &rules).expect("Friday");
        assert_eq!(
            found,
            Reminder {
                kind: ReminderKind::Reflection,
                summary: "Time to look back on your week".into(),
                body: "Open Keel to look back on your week.".into(),
            }
        );
        assert!(!found.body.chars().any(|c| c.is_ascii_digit()), "no counts");
        assert_eq!(reminder_without_journal(THURSDAY, &rules), None);
        assert_eq!(
            reminder_without_journal(date(2026, 12, 2), &ReminderRules { reflect_on: Weekday::Wednesday })
                .map(|r| r.kind),
            Some(ReminderKind::Reflection)
        );
    }
}
