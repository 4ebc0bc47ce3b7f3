//! The reminder settings: on or off, the time of day, the reflection
//! weekday. One small JSON file in Keel's configuration folder, read by
//! `keel remind` and written by Settings → Reminders and `keel remind
//! --install`.

use std::path::{Path, PathBuf};

use jiff::civil::{Time, Weekday};

use super::{Places, RemindError};
use crate::analysis::reminder::ReminderRules;

/// The reminder settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSettings {
    /// Whether the scheduler entry is installed (off by default).
    pub enabled: bool,
    /// The time of day the reminder comes.
    pub at: Time,
    /// The day of the week the reflection reminder comes.
    pub reflect_on: Weekday,
    /// The journal the reminder reads, when it is not the default one (a
    /// window opened on another file, `keel --journal F remind --install`):
    /// the scheduler runs plain `keel remind`.
    pub journal: Option<PathBuf>,
}

impl ReminderSettings {
    /// The defaults: off, at 17:00, reflecting on Fridays.
    pub const OFF: Self =
        Self { enabled: false, at: Time::constant(17, 0, 0, 0), reflect_on: Weekday::Friday, journal: None };
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self::OFF
    }
}

/// The file's shape: words a person can read and edit.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    enabled: bool,
    at: String,
    reflect_on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    journal: Option<PathBuf>,
}

impl ReminderSettings {
    /// The rules the reminder is chosen by.
    #[must_use]
    pub fn rules(&self) -> ReminderRules {
        ReminderRules { reflect_on: self.reflect_on }
    }

    /// The time as `HH:MM`.
    #[must_use]
    pub fn at_text(&self) -> String {
        format!("{:02}:{:02}", self.at.hour(), self.at.minute())
    }

    /// The settings in `places`, or the defaults when there is no file.
    ///
    /// # Errors
    /// The file exists but cannot be read or understood; it is named, and
    /// nothing is written over it.
    pub fn load(places: &Places) -> Result<Self, RemindError> {
        let path = places.settings_file();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => return Err(RemindError::Io { path, source }),
        };
        Self::parse(&text, &path)
    }

    fn parse(text: &str, path: &Path) -> Result<Self, RemindError> {
        let bad = |message: String| RemindError::BadFile { path: path.to_owned(), message };
        let stored: Stored = serde_json::from_str(text).map_err(|error| bad(error.to_string()))?;
        Ok(Self {
            enabled: stored.enabled,
            at: parse_time(&stored.at).map_err(bad)?,
            reflect_on: parse_weekday(&stored.reflect_on).map_err(bad)?,
            journal: stored.journal,
        })
    }

    /// Writes the settings to `places` (atomically).
    ///
    /// # Errors
    /// The file could not be written; the old one is then untouched.
    pub fn save(&self, places: &Places) -> Result<(), RemindError> {
        let stored = Stored {
            enabled: self.enabled,
            at: self.at_text(),
            reflect_on: weekday_name(self.reflect_on).to_owned(),
            journal: self.journal.clone(),
        };
        let text = serde_json::to_string_pretty(&stored)
            .map_err(|error| RemindError::BadFile { path: places.settings_file(), message: error.to_string() })?;
        crate::storage::write_atomically(&places.settings_file(), |file| {
            std::io::Write::write_all(file, format!("{text}\n").as_bytes())
        })?;
        Ok(())
    }
}

/// Reads a time of day written `HH:MM` (24-hour clock).
///
/// # Errors
/// Words saying what is wrong, naming the text.
pub fn parse_time(text: &str) -> Result<Time, String> {
    let wrong = || format!("\"{text}\" is not a time of day like 17:30");
    let (hour, minute) = text.trim().split_once(':').ok_or_else(wrong)?;
    let hour: i8 = hour.parse().map_err(|_| wrong())?;
    let minute: i8 = minute.parse().map_err(|_| wrong())?;
    Time::new(hour, minute, 0, 0).map_err(|_| wrong())
}

/// The weekdays, Monday first.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// A weekday's English name, lowercase ("friday").
#[must_use]
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "monday",
        Weekday::Tuesday => "tuesday",
        Weekday::Wednesday => "wednesday",
        Weekday::Thursday => "thursday",
        Weekday::Friday => "friday",
        Weekday::Saturday => "saturday",
        Weekday::Sunday => "sunday",
    }
}

/// Reads a weekday's name, any case, or its first three letters.
///
/// # Errors
/// Words naming the text and the choices.
pub fn parse_weekday(text: &str) -> Result<Weekday, String> {
    let wanted = text.trim().to_lowercase();
    WEEKDAYS
        .into_iter()
        .find(|day| {
            let name = weekday_name(*day);
            name == wanted || (wanted.len() >= 3 && name.starts_with(&wanted))
        })
        .ok_or_else(|| format!("\"{text}\" is not a weekday (monday … sunday)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_default_when_missing() {
        let folder = tempfile::tempdir().unwrap();
        let places = Places::in_folder(folder.path(), "keel".into());
        assert_eq!(ReminderSettings::load(&places).unwrap(), ReminderSettings::default());
        let settings = ReminderSettings {
            enabled: true,
            at: Time::constant(8, 5, 0, 0),
            reflect_on: Weekday::Thursday,
            journal: Some("/home/ana/Sync/journal.ron".into()),
        };
        settings.save(&places).unwrap();
        let text = std::fs::read_to_string(places.settings_file()).unwrap();
        assert!(text.contains("\"at\": \"08:05\"") && text.contains("thursday"), "{text}");
        assert_eq!(ReminderSettings::load(&places).unwrap(), settings);
    }

    #[test]
    fn a_broken_file_is_named_and_left_alone() {
        let folder = tempfile::tempdir().unwrap();
        let places = Places::in_folder(folder.path(), "keel".into());
        std::fs::create_dir_all(places.settings_file().parent().unwrap()).unwrap();
        std::fs::write(places.settings_file(), r#"{"enabled": true, "at": "25:00", "reflect_on": "friday"}"#).unwrap();
        let error = ReminderSettings::load(&places).unwrap_err().to_string();
        assert!(error.contains("reminders.json") && error.contains("\"25:00\" is not a time of day"), "{error}");
        assert!(std::fs::read_to_string(places.settings_file()).unwrap().contains("25:00"));
    }

    #[test]
    fn times_and_weekdays_are_read_as_people_write_them() {
        assert_eq!(parse_time("7:30"), Ok(Time::constant(7, 30, 0, 0)));
        assert!(parse_time("7.30").is_err() && parse_time("24:00").is_err() && parse_time("").is_err());
        assert_eq!(parse_weekday("Fri"), Ok(Weekday::Friday));
        assert_eq!(parse_weekday("SUNDAY"), Ok(Weekday::Sunday));
        assert!(parse_weekday("fr").is_err() && parse_weekday("someday").is_err());
    }
}
