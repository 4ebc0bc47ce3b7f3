//! A day as people type it: `YYYY-MM-DD`, and what is wrong with it in
//! their words ("there is no month 13", "November has 30 days"), never the
//! date library's own.

use jiff::civil::Date;

/// Why typed text is not a day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateTextError {
    /// Nothing was typed.
    #[error("type a date as YYYY-MM-DD, for example 2026-03-14")]
    Empty,
    /// Not four digits, a dash, two digits, a dash and two digits.
    #[error("\u{201c}{0}\u{201d} is not a date: type it as YYYY-MM-DD, for example 2026-03-14")]
    Shape(String),
    /// The month is not 1 to 12.
    #[error("{text} is not a date: there is no month {month}")]
    Month {
        /// What was typed.
        text: String,
        /// The month as typed.
        month: u8,
    },
    /// The day is not in that month.
    #[error("{text} is not a date: {month_name} {year} has {days} days")]
    Day {
        /// What was typed.
        text: String,
        /// The month's name.
        month_name: &'static str,
        /// The year as typed.
        year: i16,
        /// How many days that month has.
        days: i8,
    },
}

/// The names of the months, January first.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of `month` (1 = January); "December" past 12.
#[must_use]
pub fn month_name(month: i8) -> &'static str {
    let index = usize::try_from(month.clamp(1, 12) - 1).unwrap_or(0);
    MONTHS[index]
}

/// Reads `text` (spaces around it allowed) as a `YYYY-MM-DD` day.
///
/// # Errors
/// What is wrong, naming the text: empty, not in that shape, no such month,
/// or no such day in that month.
pub fn parse(text: &str) -> Result<Date, DateTextError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DateTextError::Empty);
    }
    let shape = || DateTextError::Shape(trimmed.to_owned());
    let bytes = trimmed.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return Err(shape());
    }
    // All digits, so these parse; the shape error covers the impossible.
    let (Ok(year), Ok(month), Ok(day)) =
        (trimmed[0..4].parse::<i16>(), trimmed[5..7].parse::<u8>(), trimmed[8..10].parse::<i8>())
    else {
        return Err(shape());
    };
    let Some(month_name) = usize::from(month).checked_sub(1).and_then(|index| MONTHS.get(index)) else {
        return Err(DateTextError::Month { text: trimmed.to_owned(), month });
    };
    let month = i8::try_from(month).map_err(|_| shape())?;
    let first = Date::new(year, month, 1).map_err(|_| shape())?;
    let days = first.days_in_month();
    if !(1..=days).contains(&day) {
        return Err(DateTextError::Day { text: trimmed.to_owned(), month_name, year, days });
    }
    Date::new(year, month, day).map_err(|_| shape())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn a_day_in_the_form_people_are_asked_for_is_read() {
        assert_eq!(parse("2026-11-28"), Ok(date(2026, 11, 28)));
        assert_eq!(parse("  2024-02-29 "), Ok(date(2024, 2, 29)), "spaces around it and a leap day");
    }

    #[test]
    fn what_is_wrong_is_said_in_the_users_words() {
        assert_eq!(parse("").unwrap_err().to_string(), "type a date as YYYY-MM-DD, for example 2026-03-14");
        assert_eq!(
            parse("next friday").unwrap_err().to_string(),
            "\u{201c}next friday\u{201d} is not a date: type it as YYYY-MM-DD, for example 2026-03-14"
        );
        assert!(matches!(parse("2026-1-5"), Err(DateTextError::Shape(_))), "one-digit month");
        assert!(matches!(parse("2026/11/28"), Err(DateTextError::Shape(_))));
        assert!(matches!(parse("+026-11-28"), Err(DateTextError::Shape(_))), "no signs");
        assert_eq!(parse("2026-13-01").unwrap_err().to_string(), "2026-13-01 is not a date: there is no month 13");
        assert_eq!(parse("2026-00-10").unwrap_err().to_string(), "2026-00-10 is not a date: there is no month 0");
        assert_eq!(parse("2026-02-29").unwrap_err().to_string(), "2026-02-29 is not a date: February 2026 has 28 days");
        assert_eq!(parse("2026-11-31").unwrap_err().to_string(), "2026-11-31 is not a date: November 2026 has 30 days");
        assert!(matches!(parse("2026-11-00"), Err(DateTextError::Day { .. })));
    }
}
