//! Reminders in the window: Settings → Reminders (on or off, the time, the
//! reflection weekday) and the banner the open window shows instead of a
//! notification. The banner and `keel remind` follow one rule
//! ([`crate::analysis::reminder`]) and share one record of what was sent
//! today ([`crate::remind::sent`]), so a day gets one reminder, however it
//! comes.

use std::path::Path;

use jiff::civil::Date;

use crate::analysis::reminder::{self, Reminder};
use crate::model::Journal;
use crate::remind::sent::{Sent, Via};
use crate::remind::{Places, ReminderSettings, schedule};

/// The window's reminder state.
#[derive(Debug, Default)]
pub struct Reminders {
    /// Where the settings, the record and the scheduler entry live; `None`
    /// (tests, no home folder) turns the section and the banner off.
    places: Option<Places>,
    /// The settings as last read or written.
    settings: ReminderSettings,
    /// What the last change did, or why it failed, for Settings to show.
    message: Option<String>,
    /// The day the banner was last considered.
    checked_on: Option<Date>,
    /// The reminder shown as a banner, until dismissed or followed.
    banner: Option<Reminder>,
}

impl Reminders {
    /// Reminders kept in `places`, their settings read from there.
    #[must_use]
    pub fn at(places: Places) -> Self {
        let (settings, message) = match ReminderSettings::load(&places) {
            Ok(settings) => (settings, None),
            Err(error) => (ReminderSettings::default(), Some(error.to_string())),
        };
        Self { places: Some(places), settings, message, checked_on: None, banner: None }
    }

    /// Whether the window can keep reminders at all.
    #[must_use]
    pub fn available(&self) -> bool {
        self.places.is_some()
    }

    /// The settings.
    #[must_use]
    pub fn settings(&self) -> &ReminderSettings {
        &self.settings
    }

    /// What the last change did.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The reminder on show, if any.
    #[must_use]
    pub fn banner(&self) -> Option<&Reminder> {
        self.banner.as_ref()
    }

    /// Shows no banner in this window, and so records none as sent (a
    /// `--screenshot` run, which must look the same every time).
    pub fn skip_banner(&mut self) {
        self.checked_on = Some(Date::MAX);
    }

    /// Hides the banner.
    pub fn dismiss(&mut self) {
        self.banner = None;
    }

    /// Uses `wanted` from now on: installs the scheduler entry when turned
    /// on (again when the time changes, or when the entry has gone, e.g.
    /// with the package), removes it when turned off, and saves the
    /// settings. Turned on in a window, the reminder reads that window's
    /// `journal`. What was done, or why not, becomes the message.
    pub fn set(&mut self, mut wanted: ReminderSettings, journal: Option<&Path>) {
        let Some(places) = &self.places else { return };
        // The file, not the copy read at start: `keel remind --install` may
        // have changed it since.
        let was = ReminderSettings::load(places).unwrap_or_else(|_| self.settings.clone());
        if wanted.enabled
            && let Some(journal) = journal
        {
            wanted.journal = Some(journal.to_owned());
        }
        let installed = schedule::is_installed(places);
        let scheduled = if wanted.enabled && (!was.enabled || wanted.at != was.at || !installed) {
            schedule::install(places, &wanted).map(Some)
        } else if !wanted.enabled && (was.enabled || installed) {
            schedule::uninstall(places).map(Some)
        } else {
            Ok(None)
        };
        match scheduled.and_then(|said| wanted.save(places).map(|()| said)) {
            Ok(said) => {
                self.settings = wanted;
                if let Some(said) = said {
                    self.message = Some(said.join(" "));
                }
            }
            Err(error) => self.message = Some(format!("Could not change the reminder: {error}")),
        }
    }

    /// Keeps the reminder on the journal this window has open (after Open
    /// or Move in Settings), while reminders are on.
    pub fn follow_journal(&mut self, journal: &Path) {
        let Some(places) = &self.places else { return };
        if !self.settings.enabled || self.settings.journal.as_deref() == Some(journal) {
            return;
        }
        let mut wanted = self.settings.clone();
        wanted.journal = Some(journal.to_owned());
        if let Err(error) = wanted.save(places) {
            self.message = Some(format!("Could not point the reminder at {}: {error}", journal.display()));
        }
        // Kept either way, so a failing save is tried once, not every frame.
        self.settings = wanted;
    }

    /// Once a day, while reminders are on: today's reminder from `journal`
    /// becomes the banner, unless one was already sent today (by `keel
    /// remind` or another window), and is recorded as sent.
    pub fn check(&mut self, journal: &Journal, today: Date) {
        if self.checked_on.is_some_and(|checked| checked >= today) {
            return;
        }
        // Not marked as checked while off: turned on later today, the
        // window still shows today's reminder.
        let Some(places) = self.places.as_ref().filter(|_| self.settings.enabled) else { return };
        self.checked_on = Some(today);
        let (last, problem) = Sent::load(places);
        if let Some(problem) = problem {
            self.message = Some(problem.to_string());
        }
        if last.is_some_and(|sent| sent.is_on(today)) {
            return;
        }
        let Some(found) = reminder::reminder(journal, today, &self.settings.rules()) else { return };
        let sent = Sent { day: today, kind: found.kind.id().to_owned(), via: Via::Window };
        if let Err(error) = sent.save(places) {
            // Shown anyway; at worst the timer reminds once more today.
            self.message = Some(format!("Could not record today's reminder: {error}"));
        }
        self.banner = Some(found);
    }
}
