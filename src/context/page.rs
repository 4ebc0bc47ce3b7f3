//! The pages of the window, as the navigation lists them.

/// A page of the window, listed in the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Page {
    /// The coaching loop of one week: what was decided, goals, a lesson
    /// brought back, and the week's reflection.
    Week,
    /// The decisions, search, filters and editor.
    #[default]
    Journal,
    /// Leading and managing over time.
    Balance,
    /// Everyone named, their talking points, and briefs.
    People,
    /// Reviews due and what they say.
    Review,
    /// The article's guidance.
    Guide,
    /// Preferences.
    Settings,
}

impl Page {
    /// The page a reminder of `kind` is about.
    #[must_use]
    pub fn of_reminder(kind: crate::analysis::reminder::ReminderKind) -> Self {
        match kind.page_id() {
            "review" => Self::Review,
            "balance" => Self::Balance,
            _ => Self::Week,
        }
    }

    /// Every page, in navigation order.
    pub const ALL: [Self; 7] =
        [Self::Week, Self::Journal, Self::Balance, Self::People, Self::Review, Self::Guide, Self::Settings];

    /// The page's name in the navigation and its title.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Week => "This week",
            Self::Journal => "Journal",
            Self::Balance => "Balance",
            Self::People => "People",
            Self::Review => "Review",
            Self::Guide => "Guide",
            Self::Settings => "Settings",
        }
    }
}
