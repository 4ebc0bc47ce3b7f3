//! Where the open journal comes from.

use std::path::PathBuf;

/// Where the open journal comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A journal file on disk, saved on every change.
    File(PathBuf),
    /// The built-in sample; changes stay in memory.
    Demo,
}
