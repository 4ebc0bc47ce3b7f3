//! Development goals: a target on one of Keel's own measures (fit, share,
//! practice, results) over a span of days, with a lifecycle (active, done,
//! abandoned). Stored in the journal file and merged by id like decisions;
//! progress is computed in [`crate::analysis::goals`].

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::decision::{check_lines, check_text};
use super::{Situation, Style, Version};

/// Which measure a goal sets a target on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalKind {
    /// Fit rate in the decisions made in chosen situations, at least `min`.
    Fit,
    /// Leadership share within `[min, max]`, optionally for a tag, a person
    /// or situations.
    Share,
    /// At least `per_week` decisions of a style (optionally in chosen
    /// situations) per week.
    Practice,
    /// Met rate of reviewed decisions, at least `min`.
    Results,
}

impl GoalKind {
    /// Every kind, in the order the command line lists them.
    pub const ALL: [Self; 4] = [Self::Fit, Self::Share, Self::Practice, Self::Results];

    /// The stable id used in the file, the command line and JSON.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Fit => "fit",
            Self::Share => "share",
            Self::Practice => "practice",
            Self::Results => "results",
        }
    }

    /// The valid ids, comma separated, for error messages.
    #[must_use]
    pub fn valid_ids() -> String {
        Self::ALL.map(Self::id).join(", ")
    }
}

impl fmt::Display for GoalKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A goal kind id that is not one of [`GoalKind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a kind of goal (use one of: {kinds})", kinds = GoalKind::valid_ids())]
pub struct UnknownGoalKind(pub String);

impl FromStr for GoalKind {
    type Err = UnknownGoalKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|kind| kind.id() == text.trim()).ok_or_else(|| UnknownGoalKind(text.to_owned()))
    }
}

/// What is wrong with a goal: each names the field, as the user typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GoalError {
    /// No title.
    #[error("a goal needs a title (--title)")]
    EmptyTitle,
    /// A percentage above 100.
    #[error("{field} {value} is not a percentage: use a number from 0 to 100")]
    OutOfRange {
        /// `--min` or `--max`.
        field: &'static str,
        /// The value given.
        value: u8,
    },
    /// `--min` above `--max`.
    #[error("--min {min} is above --max {max}: no value can be both")]
    MinAboveMax {
        /// The lower bound.
        min: u8,
        /// The upper bound.
        max: u8,
    },
    /// The window ends before it starts.
    #[error("--until {until} is before --from {from}")]
    EndsBeforeStart {
        /// The first day.
        from: Date,
        /// The last day.
        until: Date,
    },
    /// The target lacks what its kind measures.
    #[error("a {kind} goal needs {what}")]
    NoMeasure {
        /// The goal's kind.
        kind: GoalKind,
        /// What it lacks, in flag words.
        what: &'static str,
    },
    /// A text field holds a control character.
    #[error(transparent)]
    Text(#[from] super::DraftError),
}

/// Where a goal stands in its life, apart from its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalState {
    /// Being worked on.
    Active,
    /// Marked done on that day.
    Done(Date),
    /// Given up on that day.
    Abandoned(Date),
}

/// One development goal. Stored in the journal file (`goals`), merged by id
/// like decisions ([`crate::storage::merge`]).
///
/// The target's parts are flat optional fields rather than an enum, so the
/// file stays readable and every shape merges the same way; [`Goal::check`]
/// says which parts each [`GoalKind`] needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// A stable id (a random UUID).
    pub id: String,
    /// What the goal is, in a line.
    pub title: String,
    /// Why it matters to the user.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// The measure targeted.
    pub kind: GoalKind,
    /// The situations the measure is taken in (fit: required; others:
    /// an optional restriction).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub situations: Vec<Situation>,
    /// The style to practise (practice goals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<Style>,
    /// Only decisions with this tag count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Only decisions involving this person count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// The lowest value that meets the target, in whole percent (0–100),
    /// as people type it; kept as an integer so the file has no floats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_percent: Option<u8>,
    /// The highest value that meets the target, in whole percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_percent: Option<u8>,
    /// Decisions a week (practice goals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_week: Option<u32>,
    /// The first day of the goal.
    pub from: Date,
    /// The last day of the goal.
    pub until: Date,
    /// The day it was marked done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Date>,
    /// The day it was abandoned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandoned: Option<Date>,
    /// When the goal was set.
    pub created: Timestamp,
    /// When it was last changed.
    pub updated: Timestamp,
    /// Which edit this is ([`super::version`]); stamped by storage on save.
    #[serde(default, skip_serializing_if = "Version::is_unset")]
    pub version: Version,
}

impl Goal {
    /// A new active goal of `kind` titled `title` over `from..=until`, with
    /// no target parts yet (set them, then [`Goal::check`]).
    #[must_use]
    pub fn new(title: &str, kind: GoalKind, from: Date, until: Date, now: Timestamp) -> Self {
        Self {
            id: uuid::Uuid::new_v4().to_string(),
            title: title.trim().to_owned(),
            why: String::new(),
            kind,
            situations: Vec::new(),
            style: None,
            tag: None,
            person: None,
            min_percent: None,
            max_percent: None,
            per_week: None,
            from,
            until,
            done: None,
            abandoned: None,
            created: now,
            updated: now,
            version: Version::default(),
        }
    }

    /// Where the goal stands in its life (done wins over abandoned should a
    /// merge bring both).
    #[must_use]
    pub fn state(&self) -> GoalState {
        match (self.done, self.abandoned) {
            (Some(day), _) => GoalState::Done(day),
            (None, Some(day)) => GoalState::Abandoned(day),
            (None, None) => GoalState::Active,
        }
    }

    /// Whether `day` falls within the goal's dates.
    #[must_use]
    pub fn covers(&self, day: Date) -> bool {
        self.from <= day && day <= self.until
    }

    /// The lower bound as a fraction (0–1).
    #[must_use]
    pub fn min(&self) -> Option<f64> {
        self.min_percent.map(|percent| f64::from(percent) / 100.0)
    }

    /// The upper bound as a fraction (0–1).
    #[must_use]
    pub fn max(&self) -> Option<f64> {
        self.max_percent.map(|percent| f64::from(percent) / 100.0)
    }

    /// Whether the goal's content equals `other`'s, whatever their versions.
    #[must_use]
    pub fn same_content(&self, other: &Self) -> bool {
        Self { version: Version::default(), ..self.clone() } == Self { version: Version::default(), ..other.clone() }
    }

    /// Checks that the goal can be measured: a title, percentages from 0 to
    /// 100 with min ≤ max, dates in order, and what its kind needs (fit:
    /// situations and --min; share: --min or --max; practice: --style and
    /// --per-week; results: --min).
    ///
    /// # Errors
    /// The first [`GoalError`] found.
    pub fn check(&self) -> Result<(), GoalError> {
        if self.title.trim().is_empty() {
            return Err(GoalError::EmptyTitle);
        }
        check_text("goal's title", &self.title)?;
        check_lines("goal's why", &self.why)?;
        for name in self.tag.iter().chain(&self.person) {
            check_text("goal's tag or person", name)?;
        }
        for (field, value) in [("--min", self.min_percent), ("--max", self.max_percent)] {
            if let Some(value) = value.filter(|value| *value > 100) {
                return Err(GoalError::OutOfRange { field, value });
            }
        }
        if let (Some(min), Some(max)) = (self.min_percent, self.max_percent)
            && min > max
        {
            return Err(GoalError::MinAboveMax { min, max });
        }
        if self.until < self.from {
            return Err(GoalError::EndsBeforeStart { from: self.from, until: self.until });
        }
        let lacking = match self.kind {
            GoalKind::Fit if self.situations.is_empty() => Some("at least one --situation"),
            GoalKind::Fit | GoalKind::Results if self.min_percent.is_none() => Some("--min (a percentage)"),
            GoalKind::Share if self.min_percent.is_none() && self.max_percent.is_none() => {
                Some("--min or --max (a percentage)")
            }
            GoalKind::Practice if self.style.is_none() => Some("--style (the style to practise)"),
            GoalKind::Practice if self.per_week.is_none_or(|n| n == 0) => {
                Some("--per-week (how many decisions a week, 1 or more)")
            }
            _ => None,
        };
        match lacking {
            Some(what) => Err(GoalError::NoMeasure { kind: self.kind, what }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn goal(kind: GoalKind) -> Goal {
        Goal::new("Step back more", kind, date(2026, 11, 2), date(2026, 12, 27), Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn each_kind_names_what_it_lacks() {
        assert_eq!(
            goal(GoalKind::Fit).check(),
            Err(GoalError::NoMeasure { kind: GoalKind::Fit, what: "at least one --situation" })
        );
        let mut practice = goal(GoalKind::Practice);
        practice.style = Some(Style::Leadership);
        assert!(practice.check().expect_err("no per-week").to_string().contains("--per-week"));
        practice.per_week = Some(2);
        assert_eq!(practice.check(), Ok(()));
        let mut share = goal(GoalKind::Share);
        assert!(share.check().is_err());
        share.max_percent = Some(60);
        assert_eq!(share.check(), Ok(()));
    }

    #[test]
    fn percentages_stay_within_0_to_100_and_in_order() {
        let mut share = goal(GoalKind::Share);
        share.min_percent = Some(120);
        assert_eq!(share.check(), Err(GoalError::OutOfRange { field: "--min", value: 120 }));
        share.min_percent = Some(70);
        share.max_percent = Some(40);
        assert_eq!(share.check(), Err(GoalError::MinAboveMax { min: 70, max: 40 }));
        let mut backwards = goal(GoalKind::Results);
        backwards.min_percent = Some(50);
        backwards.until = date(2026, 1, 1);
        assert!(matches!(backwards.check(), Err(GoalError::EndsBeforeStart { .. })));
    }

    #[test]
    fn done_and_abandoned_are_states_of_the_goal() {
        let mut goal = goal(GoalKind::Results);
        assert_eq!(goal.state(), GoalState::Active);
        goal.abandoned = Some(date(2026, 11, 9));
        assert_eq!(goal.state(), GoalState::Abandoned(date(2026, 11, 9)));
        assert!(goal.covers(date(2026, 12, 27)) && !goal.covers(date(2026, 12, 28)));
    }
}
