//! Closing the loop: what a decision was expected to bring, and the review
//! that records what actually happened.

use std::fmt;
use std::str::FromStr;

use jiff::ToSpan;
use jiff::civil::Date;

/// How the outcome compared with the expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReviewResult {
    /// Better than expected.
    Better,
    /// About as expected.
    AsExpected,
    /// Worse than expected.
    Worse,
}

impl ReviewResult {
    /// Every result, best first.
    pub const ALL: [Self; 3] = [Self::Better, Self::AsExpected, Self::Worse];

    /// The stable id used in the file and on the command line.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Better => "better",
            Self::AsExpected => "as-expected",
            Self::Worse => "worse",
        }
    }

    /// A label for display.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Better => "Better than expected",
            Self::AsExpected => "As expected",
            Self::Worse => "Worse than expected",
        }
    }

    /// Whether the expectation was met (as expected or better).
    #[must_use]
    pub fn met_expectation(self) -> bool {
        self != Self::Worse
    }

    /// The valid ids, comma separated, for error messages.
    #[must_use]
    pub fn valid_ids() -> String {
        Self::ALL.map(Self::id).join(", ")
    }
}

impl fmt::Display for ReviewResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A result word that is not one of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown result '{given}'; valid results are: {}", ReviewResult::valid_ids())]
pub struct UnknownResult {
    /// What was given.
    pub given: String,
}

impl FromStr for ReviewResult {
    type Err = UnknownResult;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|result| result.id().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownResult { given: s.to_owned() })
    }
}

/// The lowest process-quality score.
pub const PROCESS_MIN: u8 = 1;
/// The highest process-quality score.
pub const PROCESS_MAX: u8 = 5;
/// Scores from here up count as a good process ("sound given what I knew"):
/// 4 and 5. A 3 is a middling call, not a sound one, so a bad result after
/// it is not "bad luck". The one definition for the window, the command
/// line, the brief and the README.
pub const GOOD_PROCESS_FROM: u8 = 4;

/// The scores that count as sound, in words: "4–5".
#[must_use]
pub fn sound_scores() -> String {
    format!("{GOOD_PROCESS_FROM}\u{2013}{PROCESS_MAX}")
}

/// The scores that count as poor, in words: "1–3".
#[must_use]
pub fn poor_scores() -> String {
    format!("{PROCESS_MIN}\u{2013}{}", GOOD_PROCESS_FROM - 1)
}

/// A review of a decision, written after the fact. The decision itself stays
/// as it was written; the review sits beside it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Review {
    /// When the review was written.
    pub reviewed_on: Date,
    /// What actually happened.
    pub outcome: String,
    /// How that compares with the expectation.
    pub result: ReviewResult,
    /// Was it a good decision given what was known then? 1–5.
    #[serde(default)]
    pub process: Option<u8>,
    /// What to take from it.
    #[serde(default)]
    pub lesson: String,
}

impl Review {
    /// Whether the process was rated good (see [`GOOD_PROCESS_FROM`]).
    #[must_use]
    pub fn good_process(&self) -> Option<bool> {
        self.process.map(|score| score >= GOOD_PROCESS_FROM)
    }
}

/// Where a decision stands in the review cycle on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReviewStatus {
    /// The review date has passed without a review.
    Overdue,
    /// Due today or later this week (ISO week, up to Sunday).
    DueThisWeek,
    /// Due after this week.
    Upcoming,
    /// Reviewed.
    Done,
}

impl ReviewStatus {
    /// Every status, in the order the Review page lists them.
    pub const ALL: [Self; 4] = [Self::Overdue, Self::DueThisWeek, Self::Upcoming, Self::Done];

    /// A heading for display.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Overdue => "Overdue",
            Self::DueThisWeek => "Due this week",
            Self::Upcoming => "Upcoming",
            Self::Done => "Done",
        }
    }

    /// The status of a decision reviewed (or not) with `review_on` as its
    /// review date; `None` when it has neither a review date nor a review.
    #[must_use]
    pub fn of(review_on: Option<Date>, reviewed: bool, today: Date) -> Option<Self> {
        if reviewed {
            return Some(Self::Done);
        }
        let due = review_on?;
        let days_to_sunday = 7 - i64::from(today.weekday().to_monday_one_offset());
        let sunday = today.checked_add(days_to_sunday.days()).unwrap_or(today);
        Some(if due < today {
            Self::Overdue
        } else if due <= sunday {
            Self::DueThisWeek
        } else {
            Self::Upcoming
        })
    }
}

/// Whether a decision needs reviewing now: a review date today or earlier,
/// and no review yet. The navigation badge and `keel review list --due` count
/// exactly these.
#[must_use]
pub fn is_due(review_on: Option<Date>, reviewed: bool, today: Date) -> bool {
    !reviewed && review_on.is_some_and(|due| due <= today)
}

/// When a review falls due, as of `today`: "due 2026-11-22, 9 days
/// overdue", "due today (2026-11-22)" or "due 2026-11-25, in 3 days".
#[must_use]
pub fn due_words(review_on: Date, today: Date) -> String {
    let days = (today - review_on).get_days();
    let apart = |n: i32| super::words::count(usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX), "day", "days");
    match days.cmp(&0) {
        std::cmp::Ordering::Greater => format!("due {review_on}, {} overdue", apart(days)),
        std::cmp::Ordering::Equal => format!("due today ({review_on})"),
        std::cmp::Ordering::Less => format!("due {review_on}, in {}", apart(days)),
    }
}

/// Review-date quick picks offered in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ReviewPeriod {
    /// One week after the decision.
    OneWeek,
    /// One month after.
    OneMonth,
    /// Three months after.
    ThreeMonths,
}

impl ReviewPeriod {
    /// Every period, shortest first.
    pub const ALL: [Self; 3] = [Self::OneWeek, Self::OneMonth, Self::ThreeMonths];

    /// A label for buttons.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::OneWeek => "1 week",
            Self::OneMonth => "1 month",
            Self::ThreeMonths => "3 months",
        }
    }

    /// The review date for a decision made on `date`.
    #[must_use]
    pub fn after(self, date: Date) -> Date {
        let span = match self {
            Self::OneWeek => 1.week(),
            Self::OneMonth => 1.month(),
            Self::ThreeMonths => 3.months(),
        };
        date.checked_add(span).unwrap_or(date)
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn status_around_today() {
        // 2026-11-25 is a Wednesday; its week ends on Sunday 2026-11-29.
        let today = date(2026, 11, 25);
        assert_eq!(ReviewStatus::of(Some(date(2026, 11, 24)), false, today), Some(ReviewStatus::Overdue));
        assert_eq!(ReviewStatus::of(Some(today), false, today), Some(ReviewStatus::DueThisWeek));
        assert_eq!(ReviewStatus::of(Some(date(2026, 11, 29)), false, today), Some(ReviewStatus::DueThisWeek));
        assert_eq!(ReviewStatus::of(Some(date(2026, 11, 30)), false, today), Some(ReviewStatus::Upcoming));
        assert_eq!(ReviewStatus::of(Some(date(2026, 11, 1)), true, today), Some(ReviewStatus::Done));
        assert_eq!(ReviewStatus::of(None, false, today), None);
        // On a Sunday the week ends today.
        let sunday = date(2026, 11, 29);
        assert_eq!(ReviewStatus::of(Some(date(2026, 11, 30)), false, sunday), Some(ReviewStatus::Upcoming));
    }

    #[test]
    fn due_means_today_or_earlier_and_not_reviewed() {
        let today = date(2026, 3, 10);
        assert!(is_due(Some(today), false, today));
        assert!(is_due(Some(date(2026, 1, 1)), false, today));
        assert!(!is_due(Some(date(2026, 3, 11)), false, today));
        assert!(!is_due(Some(today), true, today));
        assert!(!is_due(None, false, today));
    }

    #[test]
    fn quick_picks_clamp_month_ends() {
        let decided = date(2026, 1, 31);
        assert_eq!(ReviewPeriod::OneWeek.after(decided), date(2026, 2, 7));
        assert_eq!(ReviewPeriod::OneMonth.after(decided), date(2026, 2, 28));
        assert_eq!(ReviewPeriod::ThreeMonths.after(decided), date(2026, 4, 30));
    }

    #[test]
    fn result_words_round_trip() {
        for result in ReviewResult::ALL {
            assert_eq!(result.id().parse::<ReviewResult>(), Ok(result));
        }
        let error = "fine".parse::<ReviewResult>().unwrap_err().to_string();
        assert!(error.contains("'fine'") && error.contains("better, as-expected, worse"), "{error}");
    }

    #[test]
    fn due_words_name_the_review_date_and_how_overdue_it_is() {
        let due = date(2026, 11, 22);
        assert_eq!(due_words(due, date(2026, 12, 1)), "due 2026-11-22, 9 days overdue");
        assert_eq!(due_words(due, date(2026, 11, 23)), "due 2026-11-22, 1 day overdue");
        assert_eq!(due_words(due, due), "due today (2026-11-22)");
        assert_eq!(due_words(due, date(2026, 11, 19)), "due 2026-11-22, in 3 days");
    }
}
