//! Where "now" comes from. The app and the CLI read time through a [`Clock`]
//! so tests, snapshots and "due for review" can fix it.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;

    /// Today's date in the user's time zone.
    fn today(&self) -> Date;
}

/// The real clock, in the system time zone.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    fn today(&self) -> Date {
        Zoned::now().date()
    }
}

/// A clock stopped at one instant, for tests and reproducible screenshots.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock {
    now: Timestamp,
}

impl FixedClock {
    /// A clock that always reads noon UTC on `date`.
    #[must_use]
    pub fn at_date(date: Date) -> Self {
        let now = date.at(12, 0, 0, 0).to_zoned(TimeZone::UTC).map_or(Timestamp::UNIX_EPOCH, |zoned| zoned.timestamp());
        Self { now }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.now
    }

    fn today(&self) -> Date {
        self.now.to_zoned(TimeZone::UTC).date()
    }
}
