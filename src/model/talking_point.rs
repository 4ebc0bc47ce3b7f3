//! Talking points: short notes to raise with a person at the next one-on-one,
//! carried from brief to brief until ticked off.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One talking point. Stored in the journal file (`talking_points`), merged
/// by id like decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalkingPoint {
    /// A stable id (a random UUID).
    pub id: String,
    /// Whom it is for, as named in decisions.
    pub person: String,
    /// What to raise ("ask about the on-call rota").
    pub text: String,
    /// The day it was written.
    pub created: Date,
    /// The day it was ticked off; open while `None`.
    #[serde(default)]
    pub done: Option<Date>,
}

impl TalkingPoint {
    /// A new open point for `person`, written `today`.
    #[must_use]
    pub fn new(person: &str, text: &str, today: Date) -> Self {
        Self {
            id: uuid::Uuid::new_v4().to_string(),
            person: person.trim().to_owned(),
            text: text.trim().to_owned(),
            created: today,
            done: None,
        }
    }
}
