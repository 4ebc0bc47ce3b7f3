//! The user's preferences: what new decisions get and where the window
//! opens.

use crate::model::ReviewPeriod;

/// The user's preferences, kept in eframe's storage (never in the journal).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The review date new decisions get, if any.
    pub default_review: Option<ReviewPeriod>,
    /// The page the window opens on.
    pub open_on: OpenOn,
}

/// The page the window opens on (Settings, "Open on").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OpenOn {
    /// This week: the coaching loop.
    #[default]
    ThisWeek,
    /// The page shown when the window last closed.
    LastPage,
}

impl Preferences {
    /// The key under which eframe stores them.
    pub const STORAGE_KEY: &'static str = "keel-preferences";
}
