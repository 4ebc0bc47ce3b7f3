//! Talking points: short notes to raise with a person at the next one-on-one,
//! carried from brief to brief until ticked off.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::DraftError;
use super::decision::{check_lines, check_text};

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
    /// A new open point for `person`, written `today`. Control characters
    /// (a pasted escape sequence) are dropped, so a point made here always
    /// passes [`TalkingPoint::check`].
    #[must_use]
    pub fn new(person: &str, text: &str, today: Date) -> Self {
        let plain = |text: &str| text.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned();
        Self {
            id: uuid::Uuid::new_v4().to_string(),
            person: plain(person),
            text: plain(text),
            created: today,
            done: None,
        }
    }

    /// The rule every text field follows ([`crate::model::Decision::check`]):
    /// no control character in the person's name, none but line breaks and
    /// tabs in the text.
    ///
    /// # Errors
    /// [`DraftError::ControlCharacter`] naming the field and its value.
    pub fn check(&self) -> Result<(), DraftError> {
        check_text("talking point's person", &self.person)?;
        check_lines("talking point", &self.text)
    }
}
