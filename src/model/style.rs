//! The three ways a decision can lean: leading, managing, or a blend.

use std::fmt;
use std::str::FromStr;

/// How a decision was made: by leading, by managing, or a blend of both.
///
/// Stored and accepted on the command line by its lower-case id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Vision, people, inspiration, change.
    Leadership,
    /// Execution, process, control, stability.
    Management,
    /// Both at once.
    Blend,
}

impl Style {
    /// Every style, in the order the UI lists them.
    pub const ALL: [Self; 3] = [Self::Leadership, Self::Blend, Self::Management];

    /// The stable id used in the journal file and on the command line.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Leadership => "leadership",
            Self::Management => "management",
            Self::Blend => "blend",
        }
    }

    /// A capitalised name for display.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Leadership => "Leadership",
            Self::Management => "Management",
            Self::Blend => "Blend",
        }
    }

    /// The weight of this style in the leadership share (DESIGN.md, measures).
    #[must_use]
    pub fn leadership_weight(self) -> f64 {
        match self {
            Self::Leadership => 1.0,
            Self::Blend => 0.5,
            Self::Management => 0.0,
        }
    }

    /// The valid ids, comma separated, for error messages.
    #[must_use]
    pub fn valid_ids() -> String {
        Self::ALL.map(Self::id).join(", ")
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A style id that is not one of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown style '{given}'; valid styles are: {}", Style::valid_ids())]
pub struct UnknownStyle {
    /// What was given.
    pub given: String,
}

impl FromStr for Style {
    type Err = UnknownStyle;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|style| style.id().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownStyle { given: s.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_unknown_is_refused() {
        for style in Style::ALL {
            assert_eq!(style.id().parse::<Style>(), Ok(style));
        }
        let err = "leader".parse::<Style>().unwrap_err();
        assert!(err.to_string().contains("'leader'"));
        assert!(err.to_string().contains("leadership, blend, management"));
    }
}
