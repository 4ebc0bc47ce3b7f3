//! Reminders while Keel is closed: `keel remind` and Settings → Reminders.
//!
//! What a reminder says is decided in [`crate::analysis::reminder`], from the
//! journal alone; this module is the part that touches the computer:
//!
//! - [`settings`]: on or off, the time of day and the reflection weekday,
//!   kept in Keel's configuration folder (never in the journal, which a sync
//!   service shares with other computers that have their own habits);
//! - [`sent`]: what was sent today, in Keel's state folder, so a day never
//!   gets two reminders (the window's banner counts as one);
//! - [`schedule`]: the scheduler entry that runs `keel remind` (a systemd
//!   user timer or an XDG autostart entry on Linux, a `LaunchAgent` on
//!   macOS, a Task Scheduler task on Windows);
//! - [`notify`]: the desktop notification itself.
//!
//! Every path comes from one [`Places`], so tests point all of it at a
//! scratch folder and never touch the user's own.

pub mod notify;
pub mod schedule;
pub mod sent;
pub mod settings;

use std::path::{Path, PathBuf};

pub use settings::ReminderSettings;

/// `text` with the characters markup reads escaped: for XML files (the
/// `LaunchAgent`, the Windows task) and a notification body that takes
/// markup alike.
#[must_use]
pub fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Something about reminders that could not be done, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum RemindError {
    /// A settings or state file holds something Keel cannot read; it is
    /// left as it is.
    #[error("{path}: {message}; fix or remove the file")]
    BadFile {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A file could not be read, written or removed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file Keel would write or remove is not one Keel wrote.
    #[error("{path} was not written by Keel; it is left alone (move it away to let Keel install its reminder)")]
    NotOurs {
        /// The file.
        path: PathBuf,
    },
    /// No folder for settings could be found (no home folder).
    #[error("cannot find a configuration folder for the reminder settings")]
    NoFolder,
}

impl From<crate::storage::StorageError> for RemindError {
    fn from(error: crate::storage::StorageError) -> Self {
        match error {
            crate::storage::StorageError::Write { path, source } => Self::Io { path, source },
            other => Self::Io { path: PathBuf::new(), source: std::io::Error::other(other.to_string()) },
        }
    }
}

/// Where reminders keep their files and what the scheduler runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// The user's configuration folder (`$XDG_CONFIG_HOME` on Linux): the
    /// settings file, systemd user units and autostart entries live under it.
    pub config_home: PathBuf,
    /// Keel's state folder: what was sent today.
    pub state_dir: PathBuf,
    /// The home folder (for macOS's `~/Library/LaunchAgents`).
    pub home: PathBuf,
    /// The program the scheduler runs (this Keel).
    pub program: PathBuf,
    /// Whether to ask the service manager (`systemctl --user`, `launchctl`,
    /// `schtasks`) to start and stop the entry. Off in window tests, which
    /// must never reach the user's real session.
    pub activate: bool,
}

impl Places {
    /// The places of this user and this program, or `None` without a home
    /// folder.
    #[must_use]
    pub fn of_this_user() -> Option<Self> {
        let base = directories::BaseDirs::new()?;
        let state = base.state_dir().unwrap_or_else(|| base.data_local_dir()).join("keel");
        let program = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("keel"));
        Some(Self {
            config_home: base.config_dir().to_owned(),
            state_dir: state,
            home: base.home_dir().to_owned(),
            program,
            activate: true,
        })
    }

    /// Everything under `folder` (tests), with `program` as the command the
    /// scheduler runs and no service manager asked.
    #[must_use]
    pub fn in_folder(folder: &Path, program: PathBuf) -> Self {
        Self {
            config_home: folder.join("config"),
            state_dir: folder.join("state").join("keel"),
            home: folder.join("home"),
            program,
            activate: false,
        }
    }

    /// The reminder settings file.
    #[must_use]
    pub fn settings_file(&self) -> PathBuf {
        self.config_home.join("keel").join("reminders.json")
    }

    /// The file that remembers the last reminder sent.
    #[must_use]
    pub fn sent_file(&self) -> PathBuf {
        self.state_dir.join("last-reminder.json")
    }
}
