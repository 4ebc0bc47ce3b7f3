//! What was sent last, so a day gets one reminder at most: `keel remind`
//! from the timer, from a login and from a cron line, and the window's
//! banner, all read and write the same small file in Keel's state folder
//! (this computer's, never the journal's folder, which is shared).

use jiff::civil::Date;

use super::{Places, RemindError};

/// How a reminder reached the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// A desktop notification.
    Notification,
    /// Printed on standard output (no notification service).
    Printed,
    /// A banner in the open window.
    Window,
}

/// The last reminder sent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sent {
    /// The day it was sent.
    pub day: Date,
    /// Its kind's id ("reviews", "reflection", "goal", "pattern").
    pub kind: String,
    /// How it reached the user.
    pub via: Via,
}

impl Sent {
    /// The last reminder sent, if any was recorded. A file that cannot be
    /// read counts as none (the worst case is a second reminder that day),
    /// but its problem is returned so the edge can say so.
    #[must_use]
    pub fn load(places: &Places) -> (Option<Self>, Option<RemindError>) {
        let path = places.sent_file();
        match std::fs::read_to_string(&path) {
            Ok(text) => match serde_json::from_str(&text) {
                Ok(sent) => (Some(sent), None),
                Err(error) => (None, Some(RemindError::BadFile { path, message: error.to_string() })),
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => (None, None),
            Err(source) => (None, Some(RemindError::Io { path, source })),
        }
    }

    /// Whether a reminder was already sent on `day`.
    #[must_use]
    pub fn is_on(&self, day: Date) -> bool {
        self.day == day
    }

    /// Records this as the last reminder sent.
    ///
    /// # Errors
    /// The state file could not be written.
    pub fn save(&self, places: &Places) -> Result<(), RemindError> {
        let text = serde_json::to_string(self)
            .map_err(|error| RemindError::BadFile { path: places.sent_file(), message: error.to_string() })?;
        crate::storage::write_atomically(&places.sent_file(), |file| {
            std::io::Write::write_all(file, format!("{text}\n").as_bytes())
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_last_reminder_is_remembered_by_day() {
        let folder = tempfile::tempdir().unwrap();
        let places = Places::in_folder(folder.path(), "keel".into());
        assert_eq!(Sent::load(&places).0, None);
        let sent = Sent { day: date(2026, 12, 4), kind: "reviews".into(), via: Via::Window };
        sent.save(&places).unwrap();
        let (loaded, problem) = Sent::load(&places);
        assert!(problem.is_none());
        let loaded = loaded.unwrap();
        assert!(loaded.is_on(date(2026, 12, 4)) && !loaded.is_on(date(2026, 12, 5)));
        assert_eq!(loaded.via, Via::Window);
    }

    #[test]
    fn a_garbled_state_file_is_reported_not_trusted() {
        let folder = tempfile::tempdir().unwrap();
        let places = Places::in_folder(folder.path(), "keel".into());
        std::fs::create_dir_all(&places.state_dir).unwrap();
        std::fs::write(places.sent_file(), "not json").unwrap();
        let (loaded, problem) = Sent::load(&places);
        assert_eq!(loaded, None);
        assert!(problem.unwrap().to_string().contains("last-reminder.json"));
    }
}
