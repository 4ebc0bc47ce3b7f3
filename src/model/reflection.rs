//! Weekly reflections: a few questions about the week, answered in the
//! user's words. One per ISO week (Monday); stored in the journal file and
//! merged by id like decisions.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::DraftError;
use super::Version;
use super::decision::check_lines;

/// The Monday of the ISO week (Monday to Sunday) holding `day`.
#[must_use]
pub fn week_start(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
}

/// One question as it was asked, and the answer given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The question, kept as asked (the questions change week to week).
    pub question: String,
    /// What the user wrote.
    pub answer: String,
}

/// The reflection of one week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    /// A stable id (a random UUID).
    pub id: String,
    /// The Monday of the week reflected on.
    pub week: Date,
    /// The questions and answers, in the order asked.
    pub answers: Vec<Answer>,
    /// When it was first written.
    pub created: Timestamp,
    /// When it was last changed.
    pub updated: Timestamp,
    /// Which edit this is ([`super::version`]); stamped by storage on save.
    #[serde(default, skip_serializing_if = "Version::is_unset")]
    pub version: Version,
}

impl Reflection {
    /// A new reflection on the week holding `day`, written at `now`.
    #[must_use]
    pub fn new(day: Date, answers: Vec<Answer>, now: Timestamp) -> Self {
        Self {
            id: uuid::Uuid::new_v4().to_string(),
            week: week_start(day),
            answers,
            created: now,
            updated: now,
            version: Version::default(),
        }
    }

    /// Whether the content equals `other`'s, whatever their versions.
    #[must_use]
    pub fn same_content(&self, other: &Self) -> bool {
        Self { version: Version::default(), ..self.clone() } == Self { version: Version::default(), ..other.clone() }
    }

    /// The rule every text field follows: no control character but line
    /// breaks and tabs.
    ///
    /// # Errors
    /// [`DraftError::ControlCharacter`] naming the field.
    pub fn check(&self) -> Result<(), DraftError> {
        for answer in &self.answers {
            check_lines("reflection's question", &answer.question)?;
            check_lines("reflection's answer", &answer.answer)?;
        }
        Ok(())
    }
}
