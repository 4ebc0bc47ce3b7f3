//! Time buckets (ISO weeks and calendar months), date ranges and the range
//! presets of the Balance page.

use std::fmt;

use jiff::ToSpan;
use jiff::civil::Date;

/// How a series groups decisions in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Bucketing {
    /// ISO weeks, Monday to Sunday. Week 1 is the week holding the year's
    /// first Thursday, so 2024-12-30 belongs to 2025-W01.
    Week,
    /// Calendar months.
    Month,
}

impl Bucketing {
    /// Both, in the order the UI offers them.
    pub const ALL: [Self; 2] = [Self::Week, Self::Month];

    /// A chart's axis label for the bucket starting on `start`: "Mar 2"
    /// for a week, "Mar 2026" for a month.
    #[must_use]
    pub fn axis_label(self, start: Date) -> String {
        match self {
            Self::Week => start.strftime("%b %-d").to_string(),
            Self::Month => start.strftime("%b %Y").to_string(),
        }
    }

    /// The stable id used on the command line and in JSON: `week` or `month`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Week => "week",
            Self::Month => "month",
        }
    }

    /// A capitalised name for display.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Week => "Week",
            Self::Month => "Month",
        }
    }

    /// The first day of the bucket holding `date` (a Monday, or the 1st).
    #[must_use]
    pub fn start(self, date: Date) -> Date {
        match self {
            Self::Week => date.saturating_sub(i64::from(date.weekday().to_monday_zero_offset()).days()),
            Self::Month => date.first_of_month(),
        }
    }

    /// The last day of the bucket holding `date` (a Sunday, or the month's
    /// last day).
    #[must_use]
    pub fn end(self, date: Date) -> Date {
        match self {
            Self::Week => self.start(date).saturating_add(6.days()),
            Self::Month => date.last_of_month(),
        }
    }

    /// The first day of the bucket after the one holding `date`; `None` past
    /// the end of the calendar jiff supports (year 9999).
    #[must_use]
    pub fn next_start(self, date: Date) -> Option<Date> {
        self.end(date).tomorrow().ok()
    }

    /// A short name for the bucket holding `date`: `2026-W05` (the ISO
    /// week-numbering year, which can differ from the calendar year around
    /// New Year) or `2026-03`.
    #[must_use]
    pub fn bucket_label(self, date: Date) -> String {
        match self {
            Self::Week => {
                let week = date.iso_week_date();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            Self::Month => format!("{:04}-{:02}", date.year(), date.month()),
        }
    }

    /// The first days of every bucket from the one holding `first` to the
    /// one holding `last`, in order; empty when `first > last`.
    pub fn starts(self, first: Date, last: Date) -> impl Iterator<Item = Date> {
        let (low, high) = (self.ordinal(first), self.ordinal(last));
        let high = if first <= last { high } else { low - 1 };
        (low..=high).map(move |ordinal| self.start_of_ordinal(ordinal))
    }

    /// A number per bucket, consecutive for consecutive buckets: the
    /// bucket's position in time. Plain arithmetic on the date, so a series
    /// places each decision in its bucket without calendar lookups.
    pub(crate) fn ordinal(self, date: Date) -> i32 {
        match self {
            // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
            Self::Week => (day_number(date) + 3).div_euclid(7),
            Self::Month => i32::from(date.year()) * 12 + i32::from(date.month()) - 1,
        }
    }

    /// The first day of the bucket numbered `ordinal` (see [`Self::ordinal`]),
    /// clamped to the calendar jiff supports.
    pub(crate) fn start_of_ordinal(self, ordinal: i32) -> Date {
        let date = match self {
            Self::Week => date_of_day_number(ordinal * 7 - 3),
            Self::Month => {
                let (year, month) = (ordinal.div_euclid(12), ordinal.rem_euclid(12) + 1);
                match (i16::try_from(year), i8::try_from(month)) {
                    (Ok(year), Ok(month)) => Date::new(year, month, 1).ok(),
                    _ => None,
                }
            }
        };
        date.unwrap_or(if ordinal < 0 { Date::MIN } else { Date::MAX })
    }

    /// The last day of the bucket starting on `start`, by arithmetic.
    pub(crate) fn end_of_start(self, start: Date) -> Date {
        match self {
            Self::Week => date_of_day_number(day_number(start) + 6).unwrap_or(Date::MAX),
            Self::Month => start.last_of_month(),
        }
    }
}

/// First day of the bucket holding `date`; see [`Bucketing::start`].
#[must_use]
pub fn bucket_start(date: Date, by: Bucketing) -> Date {
    by.start(date)
}

/// Last day of the bucket holding `date`; see [`Bucketing::end`].
#[must_use]
pub fn bucket_end(date: Date, by: Bucketing) -> Date {
    by.end(date)
}

impl fmt::Display for Bucketing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Days since 1970-01-01 (negative before), computed arithmetically
/// (H. Hinnant's `days_from_civil`). jiff's years −9999…9999 keep it far
/// inside `i32`.
pub(crate) fn day_number(date: Date) -> i32 {
    let (month, day) = (i32::from(date.month()), i32::from(date.day()));
    let year = i32::from(date.year()) - i32::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01 (Hinnant's `civil_from_days`); `None`
/// outside jiff's calendar.
pub(crate) fn date_of_day_number(days: i32) -> Option<Date> {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let march_based_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * march_based_month + 2) / 5 + 1;
    let month = if march_based_month < 10 { march_based_month + 3 } else { march_based_month - 9 };
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The days an analysis covers, both ends included; an open end is set by
/// the first or last decision. The same bounds as [`Filter`]'s `since` and
/// `until`.
///
/// [`Filter`]: crate::analysis::Filter
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// First day included.
    pub since: Option<Date>,
    /// Last day included.
    pub until: Option<Date>,
}

impl DateRange {
    /// Whether `date` lies in the range.
    #[must_use]
    pub fn contains(&self, date: Date) -> bool {
        self.since.is_none_or(|since| date >= since) && self.until.is_none_or(|until| date <= until)
    }

    /// A label for sentences and headings: "All time", "Since 2026-01-05",
    /// "Until 2026-03-31" or "2026-01-05 to 2026-03-31".
    #[must_use]
    pub fn label(&self) -> String {
        match (self.since, self.until) {
            (None, None) => "All time".to_owned(),
            (Some(since), None) => format!("Since {since}"),
            (None, Some(until)) => format!("Until {until}"),
            (Some(since), Some(until)) => format!("{since} to {until}"),
        }
    }
}

/// The ranges the Balance page offers. Each means what it says: from the
/// same day 3, 6 or 12 months ago (or 28 days back) to today, both days
/// included, exactly what `keel stats --since D --until D` counts for those
/// dates. The first bucket of a series may then hold only part of a week or
/// month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RangePreset {
    /// The 28 days before today, and today.
    Last4Weeks,
    /// From the same day 3 months ago to today.
    Quarter,
    /// From the same day 6 months ago to today.
    SixMonths,
    /// From the same day 12 months ago to today.
    Year,
    /// Every decision.
    All,
    /// Dates the user picks; the preset holds none of its own.
    Custom,
}

impl RangePreset {
    /// Every preset, in the order the UI offers them.
    pub const ALL: [Self; 6] = [Self::Last4Weeks, Self::Quarter, Self::SixMonths, Self::Year, Self::All, Self::Custom];

    /// The name shown in the UI and at the start of the summary.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Last4Weeks => "Last 4 weeks",
            Self::Quarter => "Last 3 months",
            Self::SixMonths => "Last 6 months",
            Self::Year => "Last 12 months",
            Self::All => "All time",
            Self::Custom => "Custom range",
        }
    }

    /// The range as of `today` (a day of a month that the earlier month
    /// lacks, such as the 31st, starts on that month's last day). `All` runs
    /// to the latest date a decision may have; `Custom` returns the open
    /// range (the caller supplies its own dates).
    #[must_use]
    pub fn range(self, today: Date) -> DateRange {
        let since = match self {
            Self::Last4Weeks => Some(today.saturating_sub(28.days())),
            Self::Quarter => Some(today.saturating_sub(3.months())),
            Self::SixMonths => Some(today.saturating_sub(6.months())),
            Self::Year => Some(today.saturating_sub(12.months())),
            Self::All | Self::Custom => None,
        };
        match self {
            // All time ends as far ahead as a decision may be dated: one
            // dated years ahead (an import's typo) stays in the Journal but
            // does not stretch the charts.
            Self::All => DateRange {
                since: None,
                until: Some(today.saturating_add(crate::model::decision::MAX_DAYS_AHEAD.days())),
            },
            _ => DateRange { since, until: since.map(|_| today) },
        }
    }

    /// The bucketing that reads best for the period: weeks up to three
    /// months, months beyond.
    #[must_use]
    pub fn bucketing(self) -> Bucketing {
        match self {
            Self::Last4Weeks | Self::Quarter => Bucketing::Week,
            Self::SixMonths | Self::Year | Self::All | Self::Custom => Bucketing::Month,
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::{ISOWeekDate, Weekday, date};

    use super::*;

    #[test]
    fn day_numbers_agree_with_jiff_across_centuries() {
        let epoch = date(1970, 1, 1);
        assert_eq!(day_number(epoch), 0);
        let mut day = date(1599, 12, 25);
        let mut expected = (day - epoch).get_days();
        while day < date(2401, 3, 5) {
            assert_eq!(day_number(day), expected, "{day}");
            assert_eq!(date_of_day_number(expected), Some(day));
            day = day.tomorrow().unwrap();
            expected += 1;
        }
        for edge in [Date::MIN, Date::MAX, date(-4, 2, 29), date(0, 2, 29), date(0, 3, 1)] {
            assert_eq!(day_number(edge), (edge - epoch).get_days(), "{edge}");
            assert_eq!(date_of_day_number(day_number(edge)), Some(edge));
        }
        assert_eq!(date_of_day_number(day_number(Date::MAX) + 1), None);
        assert_eq!(date_of_day_number(day_number(Date::MIN) - 1), None);
    }

    #[test]
    fn weeks_run_monday_to_sunday_across_new_year() {
        // 2024-12-30 is the Monday of 2025-W01.
        let monday = date(2024, 12, 30);
        assert_eq!(ISOWeekDate::from_date(monday), ISOWeekDate::new(2025, 1, Weekday::Monday).unwrap());
        for day in monday.series(1.day()).take(7) {
            assert_eq!(bucket_start(day, Bucketing::Week), monday, "{day}");
            assert_eq!(bucket_end(day, Bucketing::Week), date(2025, 1, 5), "{day}");
            assert_eq!(Bucketing::Week.bucket_label(day), "2025-W01");
        }
        assert_eq!(Bucketing::Week.bucket_label(date(2024, 12, 29)), "2024-W52");
        // 2026-12-28 … 2027-01-03 is 2026-W53.
        let w53 = date(2026, 12, 28);
        assert_eq!(ISOWeekDate::from_date(date(2027, 1, 3)), ISOWeekDate::new(2026, 53, Weekday::Sunday).unwrap());
        assert_eq!(bucket_start(date(2027, 1, 3), Bucketing::Week), w53);
        assert_eq!(bucket_end(w53, Bucketing::Week), date(2027, 1, 3));
        assert_eq!(Bucketing::Week.bucket_label(date(2027, 1, 1)), "2026-W53");
        assert_eq!(Bucketing::Week.bucket_label(date(2027, 1, 4)), "2027-W01");
    }

    #[test]
    fn years_with_53_weeks_have_53_buckets() {
        for (year, weeks) in [(2020, 53), (2024, 52), (2025, 52), (2026, 53), (2027, 52)] {
            let first = ISOWeekDate::new(year, 1, Weekday::Monday).unwrap().date();
            let last = ISOWeekDate::new(year, 1, Weekday::Monday).unwrap().last_of_year().unwrap().date();
            assert_eq!(Bucketing::Week.starts(first, last).count(), weeks, "{year}");
            assert_eq!(ISOWeekDate::from_date(first).weeks_in_year(), i8::try_from(weeks).unwrap());
        }
    }

    #[test]
    fn months_have_their_lengths_and_leap_days() {
        let cases = [
            (date(2024, 2, 10), date(2024, 2, 29)), // leap year
            (date(2025, 2, 10), date(2025, 2, 28)),
            (date(2100, 2, 10), date(2100, 2, 28)), // divisible by 100: not leap
            (date(2000, 2, 10), date(2000, 2, 29)), // divisible by 400: leap
            (date(2026, 4, 30), date(2026, 4, 30)),
            (date(2026, 12, 1), date(2026, 12, 31)),
        ];
        for (day, last) in cases {
            assert_eq!(bucket_start(day, Bucketing::Month), day.first_of_month());
            assert_eq!(bucket_end(day, Bucketing::Month), last, "{day}");
        }
        let starts: Vec<Date> = Bucketing::Month.starts(date(2025, 11, 30), date(2026, 2, 1)).collect();
        assert_eq!(starts, [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]);
        assert_eq!(Bucketing::Month.bucket_label(date(2026, 3, 31)), "2026-03");
    }

    #[test]
    fn arithmetic_buckets_agree_with_the_calendar() {
        for by in Bucketing::ALL {
            // Every day of eight years: its ordinal's start and end are the
            // calendar's, and consecutive buckets have consecutive ordinals.
            let mut previous: Option<(i32, Date)> = None;
            for day in date(2019, 12, 1).series(1.day()).take(8 * 366) {
                let ordinal = by.ordinal(day);
                let start = by.start_of_ordinal(ordinal);
                assert_eq!(start, by.start(day), "{by} {day}");
                assert_eq!(by.end_of_start(start), by.end(day), "{by} {day}");
                if let Some((before, before_start)) = previous
                    && before_start != start
                {
                    assert_eq!(ordinal, before + 1, "{by} {day}");
                    assert_eq!(by.next_start(before_start), Some(start));
                }
                previous = Some((ordinal, start));
            }
            let starts: Vec<Date> = by.starts(date(2026, 3, 5), date(2026, 3, 4)).collect();
            assert!(starts.is_empty(), "{by}: a reversed range has no bucket");
            assert_eq!(by.starts(date(2026, 3, 5), date(2026, 3, 5)).collect::<Vec<_>>(), [by.start(date(2026, 3, 5))]);
        }
        // At the calendar's ends the week's Monday may not exist: clamped.
        assert_eq!(Bucketing::Week.start_of_ordinal(Bucketing::Week.ordinal(Date::MIN)), Date::MIN);
        assert_eq!(Bucketing::Month.start_of_ordinal(Bucketing::Month.ordinal(Date::MAX)), date(9999, 12, 1));
    }

    #[test]
    fn presets_run_from_the_same_day_back_to_today() {
        let today = date(2026, 3, 12); // a Thursday
        let range = |preset: RangePreset| preset.range(today);
        assert_eq!(range(RangePreset::Last4Weeks), DateRange { since: Some(date(2026, 2, 12)), until: Some(today) });
        assert_eq!(range(RangePreset::Quarter).since, Some(date(2025, 12, 12)));
        assert_eq!(range(RangePreset::SixMonths).since, Some(date(2025, 9, 12)));
        assert_eq!(range(RangePreset::Year).since, Some(date(2025, 3, 12)));
        assert_eq!(range(RangePreset::All), DateRange { since: None, until: Some(date(2027, 3, 13)) });
        assert_eq!(range(RangePreset::Custom), DateRange::default());
        // The first month is partly in range: one bucket more than months.
        for (preset, buckets) in [(RangePreset::Quarter, 4), (RangePreset::SixMonths, 7), (RangePreset::Year, 13)] {
            let since = range(preset).since.unwrap();
            assert_eq!(Bucketing::Month.starts(since, today).count(), buckets, "{preset:?}");
        }
        // A quarter reads best in weeks; its first week starts before the
        // range and is counted from the range's first day only.
        assert_eq!(RangePreset::Quarter.bucketing(), Bucketing::Week);
        assert_eq!(RangePreset::Year.bucketing(), Bucketing::Month);
        assert!(RangePreset::ALL.iter().all(|preset| !preset.label().is_empty()));
        assert_eq!(DateRange::default().label(), "All time");
        assert_eq!(range(RangePreset::Quarter).label(), "2025-12-12 to 2026-03-12");
    }
}
