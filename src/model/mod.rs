//! The journal's domain: decisions, their styles and situations, the journal
//! itself, filters over it and the clock. Nothing here knows about the window.

pub mod brief_mark;
pub mod clock;
pub mod date_text;
pub mod decision;
pub mod goal;
pub mod journal;
pub mod record;
pub mod reflection;
pub mod review;
pub mod situation;
pub mod style;
mod talking_point;
pub mod version;
pub mod words;

pub use brief_mark::BriefMark;
pub use clock::{Clock, FixedClock, SystemClock};
pub use decision::{ContrastScores, Decision, DecisionDraft, DecisionId, DraftError};
pub use goal::{Goal, GoalKind, GoalState};
pub use journal::Journal;
pub use record::{Record, RecordKind, RecordTombstone};
pub use reflection::{Answer, Reflection, week_start};
pub use review::{Review, ReviewPeriod, ReviewResult, ReviewStatus, UnknownResult};
pub use situation::{Situation, UnknownSituation};
pub use style::{Style, UnknownStyle};
pub use talking_point::TalkingPoint;
pub use version::{Ancestry, Hlc, HlcTime, Version};

/// Serialises an id enum as its id string (readable in RON, JSON and CSV
/// alike) and parses it back through `FromStr`, so the file and the command
/// line accept exactly the same words.
macro_rules! serde_as_id {
    ($ty:ty) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

serde_as_id!(Style);
serde_as_id!(Situation);
serde_as_id!(ReviewResult);
serde_as_id!(GoalKind);
serde_as_id!(RecordKind);
