//! The nine situations the article names. Their ids are part of the file
//! format and the command line, so they never change; what each one means and
//! which side it favours lives in the guidance data.

use std::fmt;
use std::str::FromStr;

/// A situation the decision was made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Situation {
    /// Team members are confident and handle their work well.
    ConfidentTeam,
    /// The workplace needs new approaches.
    NewApproaches,
    /// A creative discussion or meeting.
    CreativeDiscussion,
    /// The team works on its own without close supervision.
    IndependentTeam,
    /// A crisis.
    Crisis,
    /// A process or project issue needs attention.
    ProcessIssue,
    /// New team members need training.
    Training,
    /// A tight deadline.
    TightDeadline,
    /// A critical task needs delegating.
    CriticalDelegation,
}

impl Situation {
    /// All nine, leadership-leaning ones first, in the article's order.
    pub const ALL: [Self; 9] = [
        Self::ConfidentTeam,
        Self::NewApproaches,
        Self::CreativeDiscussion,
        Self::IndependentTeam,
        Self::Crisis,
        Self::ProcessIssue,
        Self::Training,
        Self::TightDeadline,
        Self::CriticalDelegation,
    ];

    /// The stable id used in the file and on the command line.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::ConfidentTeam => "confident-team",
            Self::NewApproaches => "new-approaches",
            Self::CreativeDiscussion => "creative-discussion",
            Self::IndependentTeam => "independent-team",
            Self::Crisis => "crisis",
            Self::ProcessIssue => "process-issue",
            Self::Training => "training",
            Self::TightDeadline => "tight-deadline",
            Self::CriticalDelegation => "critical-delegation",
        }
    }

    /// The valid ids, comma separated, for error messages.
    #[must_use]
    pub fn valid_ids() -> String {
        Self::ALL.map(Self::id).join(", ")
    }
}

impl fmt::Display for Situation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A situation id that is not one of the nine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown situation '{given}'; valid situations are: {}", Situation::valid_ids())]
pub struct UnknownSituation {
    /// What was given.
    pub given: String,
}

impl FromStr for Situation {
    type Err = UnknownSituation;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|situation| situation.id().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownSituation { given: s.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_serde() {
        for situation in Situation::ALL {
            assert_eq!(situation.id().parse::<Situation>(), Ok(situation));
            let json = serde_json::to_string(&situation).expect("serialize");
            assert_eq!(json, format!("\"{}\"", situation.id()));
        }
    }

    #[test]
    fn unknown_id_lists_the_valid_ones() {
        let err = "panic".parse::<Situation>().unwrap_err().to_string();
        assert!(err.contains("'panic'"), "{err}");
        assert!(err.contains("confident-team") && err.contains("critical-delegation"), "{err}");
    }
}
