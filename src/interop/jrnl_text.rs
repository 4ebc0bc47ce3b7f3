//! jrnl's journal text file: what `keel export --format jrnl` writes and
//! `jrnl --import` reads, and what Keel reads back.
//!
//! ```text
//! [2026-06-02 02:00:00 PM] Payments outage — took command of the incident.
//! @management @crisis @incident @with/Ana
//! Assigned a scribe, a comms lead and two investigators.
//!
//! [2026-06-05 04:45:00 PM] Let the squad choose the architecture. *
//! ```
//!
//! Each entry starts with `[date time] Title` at the start of a line (jrnl's
//! `timeformat` `%F %r`; Keel also reads `%Y-%m-%d %H:%M` and
//! `%Y-%m-%d %H:%M:%S`), a title ending in `*` marks a starred entry, and the
//! lines up to the next entry are the body. Keel writes one tag line first in
//! the body with the style, situations, tags and people (`@with/Name`) so a
//! round trip keeps them; see [`super::jrnl`] for how tags and the body map
//! back.
//!
//! The format has limits that Keel's JSON does not: ids are not kept (an
//! entry is matched by date, title and text on the way back), nor are the
//! contrast lens, options, expectation, confidence and review; the time of
//! day comes from when the decision was written down, tags cannot hold
//! spaces or most punctuation (a space is written as `_`, other characters
//! as `-`), and whitespace at the ends of a note is trimmed. A note line
//! that looks like an entry's first line (`[2026-01-01 09:00 AM] …`) is
//! written with one leading space, so it stays in its note; Keel takes the
//! space off when it reads the file back.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use super::jrnl::{PERSON_PREFIX, entry_fields, tag_word};
use super::{FormatError, ImportContext, Location, Parsed, RecordError};
use crate::model::{Decision, Journal};

/// Formats a date and time as jrnl's default `%F %r`:
/// `2026-06-01 09:15:00 AM`.
#[must_use]
pub fn format_date_time(date_time: DateTime) -> String {
    date_time.strftime("%Y-%m-%d %I:%M:%S %p").to_string()
}

/// Parses an entry's bracketed date: `%F %r`, `%F %I:%M %p`,
/// `%Y-%m-%d %H:%M` or `%Y-%m-%d %H:%M:%S` (jiff's strptime; AM and PM in
/// either case).
fn parse_date_time(text: &str) -> Option<DateTime> {
    let text = text.trim();
    ["%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| DateTime::strptime(format, text).ok())
}

/// If `line` starts an entry, its bracketed date text and the rest of the
/// line (the title and maybe a star).
fn entry_header(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('[')?;
    let close = inner.find(']')?;
    let rest = &inner[close + 1..];
    let rest = rest.strip_prefix(' ').or_else(|| rest.is_empty().then_some(""))?;
    Some((&inner[..close], rest))
}

/// Whether bracketed text is meant as a date (starts `YYYY-`), so a bad one
/// is reported rather than read as part of the body.
fn looks_like_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 5 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-'
}

/// Whether a body line, after any leading spaces, would be read as the
/// start of an entry (or a broken one). Such a line is written with one
/// more leading space, which neither jrnl nor Keel takes for an entry, and
/// Keel takes that space off again on the way back.
fn reads_as_entry(line: &str) -> bool {
    entry_header(line.trim_start_matches(' '))
        .is_some_and(|(date_text, _)| parse_date_time(date_text).is_some() || looks_like_date(date_text))
}

/// A note line as written: escaped when it would start an entry.
fn escaped_line(line: &str) -> std::borrow::Cow<'_, str> {
    if reads_as_entry(line) { std::borrow::Cow::Owned(format!(" {line}")) } else { std::borrow::Cow::Borrowed(line) }
}

/// A body line as read: the space [`escaped_line`] added taken off.
fn unescaped_line(line: &str) -> &str {
    match line.strip_prefix(' ') {
        Some(rest) if reads_as_entry(rest) => rest,
        _ => line,
    }
}

/// Splits an entry's text into title and body as jrnl does: the first line
/// when there is more than one, else the first sentence.
fn split_title(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    if let Some((title, body)) = text.split_once('\n') {
        return (title.trim(), body.trim());
    }
    match sentence_end(text) {
        Some(end) => (text[..end].trim(), text[end..].trim()),
        None => (text.trim(), ""),
    }
}

/// Where the first sentence of `text` ends (jrnl's sentence splitter): after
/// a terminal, an optional closing quote and brackets, and whitespace; or
/// right after a full-width CJK terminal.
fn sentence_end(text: &str) -> Option<usize> {
    const TERMINALS: &[char] = &[
        '.', '!', '?', '\u{2026}', '\u{203c}', '\u{203d}', '\u{2047}', '\u{2048}', '\u{2049}', '\u{22ef}', '\u{fe52}',
        '\u{fe57}',
    ];
    const CJK_TERMINALS: &[char] = &['\u{ff01}', '\u{ff0e}', '\u{ff1f}', '\u{ff61}', '\u{3002}'];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (position, &(index, c)) in chars.iter().enumerate() {
        if CJK_TERMINALS.contains(&c) {
            return Some(index + c.len_utf8());
        }
        if !TERMINALS.contains(&c) {
            continue;
        }
        let mut next = position + 1;
        if chars.get(next).is_some_and(|&(_, q)| matches!(q, '\'' | '"' | '\u{2019}' | '\u{201d}')) {
            next += 1;
        }
        while chars.get(next).is_some_and(|&(_, b)| matches!(b, ']' | ')')) {
            next += 1;
        }
        let spaces = chars[next.min(chars.len())..].iter().take_while(|(_, s)| s.is_whitespace()).count();
        if spaces > 0 {
            return Some(chars.get(next + spaces).map_or(text.len(), |&(end, _)| end));
        }
    }
    None
}

/// An entry being collected: where it starts, its date (or why it has
/// none), and its text.
struct RawEntry {
    line: usize,
    date_time: Result<DateTime, String>,
    text: String,
}

/// Reads a jrnl journal text file.
///
/// # Errors
/// When the file has text but no entry at all.
pub fn read(text: &str, context: &ImportContext) -> Result<Parsed, FormatError> {
    let mut entries: Vec<RawEntry> = Vec::new();
    let mut parsed = Parsed::default();
    let mut preamble_line: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if let Some((date_text, rest)) = entry_header(line) {
            if let Some(date_time) = parse_date_time(date_text) {
                entries.push(RawEntry { line: number, date_time: Ok(date_time), text: rest.to_owned() });
                continue;
            }
            if looks_like_date(date_text) {
                let message =
                    format!("'{date_text}' is not a date and time jrnl writes (for example 2026-06-01 09:15:00 AM)");
                entries.push(RawEntry { line: number, date_time: Err(message), text: rest.to_owned() });
                continue;
            }
        }
        match entries.last_mut() {
            Some(entry) => {
                entry.text.push('\n');
                entry.text.push_str(unescaped_line(line));
            }
            None if !line.trim().is_empty() => {
                preamble_line.get_or_insert(number);
            }
            None => {}
        }
    }
    // jrnl splits a one-line entry at its first sentence only when no line
    // break follows it, i.e. at the very end of a file without one.
    if text.ends_with('\n')
        && let Some(last) = entries.last_mut()
    {
        last.text.push('\n');
    }
    if entries.is_empty() {
        if preamble_line.is_some() {
            return Err(FormatError(
                "no jrnl entries found: each entry starts with a line like '[2026-06-01 09:15:00 AM] Title'".to_owned(),
            ));
        }
        return Ok(parsed);
    }
    if let Some(line) = preamble_line {
        parsed.errors.push(RecordError {
            at: Location::Line(line),
            message: "text before the first entry; entries start with a line like '[2026-06-01 09:15:00 AM] Title'"
                .to_owned(),
        });
    }
    for entry in entries {
        let at = Location::Line(entry.line);
        let fields = entry.date_time.and_then(|date_time| {
            let (text, starred) = unstar(&entry.text);
            let (title, body) = split_title(&text);
            entry_fields(date_time, title, body, None, starred, context)
        });
        match fields.map_err(|message| RecordError { at, message }).and_then(|f| f.into_incoming(at, context)) {
            Ok(incoming) => parsed.records.push(incoming),
            Err(error) => parsed.errors.push(error),
        }
    }
    Ok(parsed)
}

/// jrnl's star: a first line ending in `*` marks the entry starred; the
/// stars and spaces around that line are dropped.
fn unstar(text: &str) -> (String, bool) {
    let (first, rest) = text.split_once('\n').map_or((text, None), |(first, rest)| (first, Some(rest)));
    if !first.trim().ends_with('*') {
        return (text.to_owned(), false);
    }
    let first = first.trim_matches(|c| c == ' ' || c == '*');
    (rest.map_or_else(|| first.to_owned(), |rest| format!("{first}\n{rest}")), true)
}

/// The tag line Keel writes first in an entry's body: style, situations,
/// tags and people as jrnl tags. Empty when there are none.
fn tag_line(decision: &Decision) -> String {
    let mut words: Vec<String> = Vec::new();
    if let Some(style) = decision.style {
        words.push(format!("@{}", style.id()));
    }
    words.extend(decision.situations.iter().map(|situation| format!("@{}", situation.id())));
    words.extend(decision.tags.iter().map(|tag| tag_word(tag)));
    words.extend(decision.people.iter().map(|person| tag_word(&format!("{PERSON_PREFIX}{person}"))));
    words.join(" ")
}

/// The journal in jrnl's text format, oldest first. The time of each entry
/// is the time of day the decision was written down, in `time_zone`.
#[must_use]
pub fn write(journal: &Journal, time_zone: &TimeZone) -> String {
    let mut decisions: Vec<&Decision> = journal.decisions().iter().collect();
    decisions.sort_by(|a, b| a.date.cmp(&b.date).then(a.created.cmp(&b.created)));
    let mut out = String::new();
    for (index, decision) in decisions.into_iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let time = decision.created.to_zoned(time_zone.clone()).time();
        let title: String = decision.title.split_whitespace().collect::<Vec<_>>().join(" ");
        let star = if decision.starred { " *" } else { "" };
        out.push('[');
        out.push_str(&format_date_time(decision.date.to_datetime(time)));
        out.push_str("] ");
        out.push_str(&title);
        out.push_str(star);
        let note: Vec<std::borrow::Cow<'_, str>> = decision.note.trim_end().lines().map(escaped_line).collect();
        let body = [tag_line(decision), note.join("\n")]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if !body.is_empty() {
            out.push('\n');
            out.push_str(&body);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn dates_are_read_in_every_format_jrnl_writes() {
        let expected = date(2026, 6, 2).at(14, 0, 0, 0);
        assert_eq!(parse_date_time("2026-06-02 02:00:00 PM"), Some(expected));
        assert_eq!(parse_date_time("2026-06-02 14:00"), Some(expected));
        assert_eq!(parse_date_time("2026-06-02 14:00:00"), Some(expected));
        assert_eq!(parse_date_time("2026-06-02 12:05:00 AM"), Some(date(2026, 6, 2).at(0, 5, 0, 0)));
        assert_eq!(parse_date_time("2026-06-02 12:05:00 PM"), Some(date(2026, 6, 2).at(12, 5, 0, 0)));
        assert_eq!(parse_date_time("2026-06-02 13:00:00 PM"), None);
        assert_eq!(parse_date_time("2026-13-02 01:00:00 PM"), None);
        assert_eq!(format_date_time(expected), "2026-06-02 02:00:00 PM");
        assert_eq!(format_date_time(date(2026, 6, 2).at(0, 5, 9, 0)), "2026-06-02 12:05:09 AM");
    }

    #[test]
    fn titles_split_as_jrnl_splits_them() {
        assert_eq!(split_title("Title here\nbody\n\n"), ("Title here", "body"));
        assert_eq!(split_title("Did X. Then Y."), ("Did X.", "Then Y."));
        assert_eq!(split_title("決定した。それから"), ("決定した。", "それから"));
        assert_eq!(split_title("No end"), ("No end", ""));
        assert_eq!(unstar("Best day *\nbody"), ("Best day\nbody".to_owned(), true));
        assert_eq!(unstar("Plain\nbody *"), ("Plain\nbody *".to_owned(), false));
    }
}
