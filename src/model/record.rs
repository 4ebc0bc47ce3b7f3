//! What goals and weekly reflections share as records of the journal: an id,
//! a [`Version`], and a tombstone once removed, so that they merge across
//! computers exactly as decisions do ([`crate::storage::merge`]).

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Goal, Reflection, Version};

/// Which list a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    /// A development goal.
    Goal,
    /// A weekly reflection.
    Reflection,
}

impl RecordKind {
    /// The stable id used in the file.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Goal => "goal",
            Self::Reflection => "reflection",
        }
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for RecordKind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "goal" => Ok(Self::Goal),
            "reflection" => Ok(Self::Reflection),
            other => Err(format!("'{other}' is not a kind of record (goal or reflection)")),
        }
    }
}

/// A removed goal or reflection: its id and which edit the removal was, so
/// the removal reaches every copy of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordTombstone {
    /// The removed record's id.
    pub id: String,
    /// Which list it was in.
    pub kind: RecordKind,
    /// When it was removed (this computer's clock, for people to read).
    pub deleted_at: Timestamp,
    /// Which edit the removal was; stamped by storage on save.
    #[serde(default, skip_serializing_if = "Version::is_unset")]
    pub version: Version,
}

/// A record that merges by id and version.
pub trait Record: Clone {
    /// Which list it belongs to.
    const KIND: RecordKind;
    /// Its id.
    fn id(&self) -> &str;
    /// Which edit it is.
    fn version(&self) -> &Version;
    /// Which edit it is, to stamp.
    fn version_mut(&mut self) -> &mut Version;
    /// When it was last changed (the version a file without one implies).
    fn updated(&self) -> Timestamp;
    /// Whether it says the same as `other`, whatever the versions.
    fn same_content(&self, other: &Self) -> bool;
}

impl Record for Goal {
    const KIND: RecordKind = RecordKind::Goal;

    fn id(&self) -> &str {
        &self.id
    }

    fn version(&self) -> &Version {
        &self.version
    }

    fn version_mut(&mut self) -> &mut Version {
        &mut self.version
    }

    fn updated(&self) -> Timestamp {
        self.updated
    }

    fn same_content(&self, other: &Self) -> bool {
        Goal::same_content(self, other)
    }
}

impl Record for Reflection {
    const KIND: RecordKind = RecordKind::Reflection;

    fn id(&self) -> &str {
        &self.id
    }

    fn version(&self) -> &Version {
        &self.version
    }

    fn version_mut(&mut self) -> &mut Version {
        &mut self.version
    }

    fn updated(&self) -> Timestamp {
        self.updated
    }

    fn same_content(&self, other: &Self) -> bool {
        Reflection::same_content(self, other)
    }
}
