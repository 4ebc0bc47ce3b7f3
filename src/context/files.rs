//! Asking for a file: what the dialog asks, what the file is for, and what
//! came back (from the system's dialog, or Keel's in-window chooser when it
//! cannot open; both are in `ui::widgets::file_chooser`).

use std::path::PathBuf;

use crate::interop::ExportFormat;
use crate::report::{Brief, BriefFormat};

/// Whether a file is read (it must exist) or written (it may be new).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Pick an existing file.
    Open,
    /// Name a file to write; an existing one is replaced only when confirmed.
    Save,
    /// Name a file that does not exist yet (a new journal, a move's target).
    Create,
}

/// What to ask for: the dialog's title, mode, file types and defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRequest {
    /// The dialog's title ("Import decisions").
    pub title: String,
    /// Open or save.
    pub mode: Mode,
    /// What the file types are called ("CSV"), for the filter.
    pub filter_name: String,
    /// Extensions shown (without the dot); empty shows every file.
    pub extensions: Vec<&'static str>,
    /// The suggested file name when saving.
    pub file_name: String,
    /// The folder to start in; the home folder when `None`.
    pub folder: Option<PathBuf>,
}

/// What a chosen file is for; kept while the in-window chooser is open.
#[derive(Debug, Clone, PartialEq)]
pub enum FilePurpose {
    /// File → Import….
    Import,
    /// File → Export in this format.
    Export(ExportFormat),
    /// People → Save as HTML/Markdown: the brief shown when Save was
    /// pressed, for this person.
    SaveBrief {
        /// The brief (boxed: it is large beside the other purposes).
        brief: Box<Brief>,
        /// The brief's format.
        format: BriefFormat,
        /// Whose brief it is (`None`: the whole journal).
        person: Option<String>,
    },
    /// Settings → Open…: switch to an existing journal.
    OpenJournal,
    /// Settings → New…: switch to a journal created on the first change.
    CreateJournal,
    /// Settings → Choose a new place…: move the open journal there.
    MoveJournal,
}

/// What happened when a file was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// The system dialog returned this file.
    Chosen(PathBuf),
    /// The user cancelled the system dialog.
    Cancelled,
    /// The in-window chooser is now open; its choice comes later from
    /// the chooser (`ui::widgets::file_chooser::FileChooser::show`).
    InWindow,
}

/// The in-window chooser's answer, once given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// This file was chosen.
    Chosen(PathBuf),
    /// The chooser was closed without a choice.
    Cancelled,
}
