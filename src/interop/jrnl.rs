//! jrnl's JSON export (`jrnl --export json`) in, and the tag conventions
//! shared with its text format ([`super::jrnl_text`]).
//!
//! # What is kept
//! An entry's title becomes the decision's title, its date the decision's
//! date, its date and time (local, in the importing machine's time zone) the
//! `created` and `updated` times, `starred` is kept, and its body becomes the
//! note (see below).
//!
//! # How tags map
//! jrnl tags are words starting with `@` or `#` (jrnl's default tag symbols).
//! - `@leadership`, `@management` and `@blend` set the style; two different
//!   ones on one entry are an error, since Keel cannot tell which was meant.
//! - A tag equal to a situation id (`@crisis`, `@tight-deadline`, …) adds
//!   that situation.
//! - `@with/Name` names a person, `_` standing for a space
//!   (`@with/Ana_Lopez`). This is Keel's own convention, written by its jrnl
//!   export so people survive a round trip; jrnl users can adopt it too.
//! - Every other tag becomes a Keel tag, without its symbol. A capitalised
//!   tag such as `@Priya` is read as a *tag* too: to jrnl `@Priya` and `@Q3`
//!   are the same kind of word. The import preview and `keel import
//!   --dry-run` then name the tags that look like people
//!   ([`super::adjust::people_like_tags`]), and the user chooses to make
//!   people of them (`--tags-as-people`). jrnl's JSON lower-cases tags; Keel
//!   takes the spelling used in the entry's text instead (`@Priya` →
//!   `Priya`).
//!
//! # What happens to the body
//! The body is kept as written, with two exceptions, both of which only move
//! words into fields and lose nothing:
//! - When the body's first line holds nothing but tags (as in
//!   `@blend @tight-deadline @independent-team`, or the tag line Keel's own
//!   export writes), that line is dropped: every tag on it is now a style,
//!   situation, person or tag.
//! - Style and situation tags *leading* the body, before its first word
//!   (`@management @crisis Assigned a scribe…`), are dropped, since the
//!   style badge and situations now say the same. Any other tag stays where
//!   it was written (`@leadership @Marco Talked…` keeps `Marco Talked…`),
//!   as do tags inside sentences (`Great energy from @Priya.` becomes
//!   `Great energy from Priya.`): the `@` is dropped, the word stays
//!   ([`untag`]); `#` tags stay as written.
//! - The title loses jrnl's final full stop ([`tidy_title`]).
//!
//! The id of an entry is derived from its title and note *as jrnl has them*,
//! before this tidying, so entries imported by an earlier Keel keep theirs.

use jiff::civil::{Date, DateTime, Time};
use serde::Deserialize;

use std::collections::HashSet;

use super::{Field, FieldSet, Fields, FormatError, ImportContext, Location, Parsed, RecordError, parse_day};
use crate::model::{DecisionId, Situation, Style};

/// The characters that start a tag (jrnl's default `tagsymbols`).
pub(crate) const TAG_SYMBOLS: [char; 2] = ['@', '#'];

/// The prefix of a person tag, `@with/Name`.
pub(crate) const PERSON_PREFIX: &str = "with/";

/// Whether `c` may follow a tag symbol (jrnl: `[-+*#/\w]`).
pub(crate) fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '*' | '#' | '/')
}

/// Whether the whole of `word` is one tag, symbol included.
pub(crate) fn is_tag_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|first| TAG_SYMBOLS.contains(&first)) && word.len() > 1 && chars.all(is_tag_char)
}

/// `text` with each `@` tag written as a plain word: `@Marco` → `Marco`,
/// `@with/Ana_Lopez` → `Ana Lopez`, as anywhere else in Keel's text. The
/// tags are fields by now (style, situations, people, tags), so the symbols
/// only cluttered the note. `#` tags are left as written: `#1` may be a
/// number, not a tag.
pub(crate) fn untag(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (start, end) in tag_spans(text).into_iter().filter(|(start, _)| text[*start..].starts_with('@')) {
        out.push_str(&text[from..start]);
        let name = &text[start + 1..end];
        match name.strip_prefix(PERSON_PREFIX) {
            Some(person) if !person.is_empty() => out.push_str(&person.replace('_', " ")),
            _ => out.push_str(name),
        }
        from = end;
    }
    out.push_str(&text[from..]);
    out
}

/// A jrnl title as a Keel title: jrnl's title is the entry's first
/// sentence, full stop included; Keel's titles have none. One final `.` is
/// dropped (not an ellipsis), and `@` tags read as words ([`untag`]).
pub(crate) fn tidy_title(title: &str) -> String {
    let title = untag(title.trim());
    match title.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') && !rest.trim().is_empty() => rest.trim_end().to_owned(),
        _ => title,
    }
}

/// The tags in `text`, as jrnl finds them: a tag symbol at the start or after
/// whitespace, then tag characters. Symbols included, in order, repeats kept.
pub(crate) fn find_tags(text: &str) -> Vec<&str> {
    tag_spans(text).into_iter().map(|(start, end)| &text[start..end]).collect()
}

/// Where each tag of `text` starts and ends (byte offsets, symbol
/// included): the one scanner behind [`find_tags`] and [`untag`].
fn tag_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut previous_is_space = true;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if previous_is_space && TAG_SYMBOLS.contains(&c) {
            let mut end = start + c.len_utf8();
            while let Some(&(index, next)) = chars.peek() {
                if !is_tag_char(next) {
                    break;
                }
                end = index + next.len_utf8();
                chars.next();
            }
            if end > start + c.len_utf8() {
                spans.push((start, end));
            }
            previous_is_space = false;
            continue;
        }
        previous_is_space = c.is_whitespace();
    }
    spans
}

/// What one tag (without its symbol) means to Keel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TagMeaning {
    /// `@leadership`, `@management`, `@blend`.
    Style(Style),
    /// A situation id.
    Situation(Situation),
    /// `@with/Name`.
    Person(String),
    /// Anything else.
    Tag(String),
}

/// What `name` (a tag without its symbol) means.
pub(crate) fn meaning(name: &str) -> TagMeaning {
    if let Ok(style) = name.parse::<Style>() {
        return TagMeaning::Style(style);
    }
    if let Ok(situation) = name.parse::<Situation>() {
        return TagMeaning::Situation(situation);
    }
    let lower = name.to_lowercase();
    if lower.starts_with(PERSON_PREFIX) && name.len() > PERSON_PREFIX.len() {
        return TagMeaning::Person(name[PERSON_PREFIX.len()..].replace('_', " "));
    }
    TagMeaning::Tag(name.to_owned())
}

/// Whether a tag word sets a style or situation.
fn is_structural(word: &str) -> bool {
    matches!(meaning(strip_symbol(word)), TagMeaning::Style(_) | TagMeaning::Situation(_))
}

/// The tag without its leading symbol.
pub(crate) fn strip_symbol(tag: &str) -> &str {
    tag.strip_prefix(TAG_SYMBOLS).unwrap_or(tag)
}

/// Style, situations, people and tags from a list of tags (symbols removed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Mapped {
    pub style: Option<Style>,
    pub situations: Vec<Situation>,
    pub people: Vec<String>,
    pub tags: Vec<String>,
}

/// Sorts tags into style, situations, people and tags (see the module
/// documentation). Situations come out in the guidance's order.
///
/// # Errors
/// A sentence naming both styles when two different ones are given.
pub(crate) fn map_tags<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Mapped, String> {
    let mut mapped = Mapped::default();
    for name in names {
        match meaning(name) {
            TagMeaning::Style(style) => match mapped.style {
                Some(earlier) if earlier != style => {
                    return Err(format!(
                        "it is tagged both @{} and @{}; keep one style tag per entry",
                        earlier.id(),
                        style.id()
                    ));
                }
                _ => mapped.style = Some(style),
            },
            TagMeaning::Situation(situation) => mapped.situations.push(situation),
            TagMeaning::Person(person) => mapped.people.push(person),
            TagMeaning::Tag(tag) => mapped.tags.push(tag),
        }
    }
    mapped.situations.sort_unstable();
    mapped.situations.dedup();
    Ok(mapped)
}

/// The note for a jrnl body (see the module documentation): the body
/// trimmed, without a first line of only tags, and without the style and
/// situation tags that lead it.
pub(crate) fn note_from_body(body: &str) -> String {
    let body = body.trim();
    let (first_line, rest) = body.split_once('\n').unwrap_or((body, ""));
    let first_words: Vec<&str> = first_line.split_whitespace().collect();
    if !first_words.is_empty() && first_words.iter().all(|word| is_tag_word(word)) {
        return rest.trim_end().trim_start_matches(['\n', '\r']).to_owned();
    }
    let leading: Vec<&str> = first_words.iter().copied().take_while(|word| is_tag_word(word)).collect();
    if !leading.iter().any(|word| is_structural(word)) {
        return body.to_owned();
    }
    // The first line holds a word that is not a tag, so the leading run ends
    // on this line, where that word starts.
    let mut offset = 0;
    for word in &leading {
        let start = offset + body[offset..].find(word).unwrap_or(0);
        offset = start + word.len();
    }
    let text_start = offset + (body[offset..].len() - body[offset..].trim_start().len());
    let kept: Vec<&str> = leading.into_iter().filter(|word| !is_structural(word)).collect();
    let mut note = kept.join(" ");
    if !note.is_empty() {
        note.push(' ');
    }
    note.push_str(&body[text_start..]);
    note
}

/// Each distinct tag of `text` (title and body) in order of first use,
/// without its symbol, in the spelling first used (case-insensitive).
pub(crate) fn tags_in_text(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for tag in find_tags(text) {
        let name = strip_symbol(tag);
        if seen.insert(name.to_lowercase()) {
            names.push(name);
        }
    }
    names
}

/// Builds the fields of an entry from its parts: tags from `tags` (each
/// respelled as in the text when it occurs there) or, when `None`, from the
/// text itself.
pub(crate) fn entry_fields(
    date_time: DateTime,
    title: &str,
    body: &str,
    tags: Option<&[String]>,
    starred: bool,
    context: &ImportContext,
) -> Result<Fields, String> {
    let full_text = format!("{title}\n{body}");
    let in_text = tags_in_text(&full_text);
    let names: Vec<&str> = match tags {
        None => in_text,
        Some(listed) => {
            // Each looked up in a set, so a huge list costs its length, not
            // its square.
            let listed_names: HashSet<String> =
                listed.iter().map(|tag| strip_symbol(tag.trim()).to_lowercase()).collect();
            let mut names: Vec<&str> = Vec::with_capacity(listed.len());
            let mut seen: HashSet<String> = HashSet::with_capacity(listed.len());
            // Text order first, for a stable, meaningful order…
            for name in in_text {
                let key = name.to_lowercase();
                if listed_names.contains(&key) && seen.insert(key) {
                    names.push(name);
                }
            }
            // …then any tag jrnl listed that the text does not show.
            for tag in listed {
                let name = strip_symbol(tag.trim());
                if !name.is_empty() && seen.insert(name.to_lowercase()) {
                    names.push(name);
                }
            }
            names
        }
    };
    let mapped = map_tags(names)?;
    let created = date_time
        .to_zoned(context.time_zone.clone())
        .map_err(|error| format!("{date_time} is not a time in this time zone ({error})"))?
        .timestamp();
    // The id comes from the entry as jrnl holds it, so an entry imported
    // before titles and notes were tidied keeps its id, and a second
    // import of the same file adds nothing.
    let note = note_from_body(body);
    let mut fields = Fields::new(date_time.date(), tidy_title(title));
    fields.id_text = Some((title.trim().to_owned(), note.clone()));
    fields.note = untag(&note);
    fields.style = mapped.style;
    fields.situations = mapped.situations;
    fields.tags = mapped.tags;
    fields.people = mapped.people;
    fields.starred = starred;
    fields.created = Some(created);
    fields.updated = Some(created);
    fields.present = JRNL_FIELDS;
    Ok(fields)
}

/// The fields a jrnl entry gives; an update from jrnl leaves the others
/// (contrasts, options, expectation, confidence, review) as they are.
const JRNL_FIELDS: FieldSet = FieldSet::NONE
    .with(Field::Date)
    .with(Field::Title)
    .with(Field::Note)
    .with(Field::Style)
    .with(Field::Situations)
    .with(Field::Tags)
    .with(Field::People)
    .with(Field::Starred)
    .with(Field::Created)
    .with(Field::Updated);

/// One entry of a jrnl JSON export.
#[derive(Debug, Deserialize)]
struct Entry {
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
    /// Set for entries that came from Day One.
    #[serde(default)]
    uuid: Option<String>,
}

/// The whole export; `tags` (the counts) is not needed.
#[derive(Debug, Deserialize)]
struct Export {
    entries: Vec<serde_json::Value>,
}

/// Parses jrnl's `HH:MM` (or `HH:MM:SS`) time.
fn parse_time(text: &str) -> Result<Time, String> {
    let trimmed = text.trim();
    let parts: Vec<&str> = trimmed.split(':').collect();
    let number = |part: &str| part.parse::<i8>().ok().filter(|_| part.len() == 2);
    let parsed = match parts.as_slice() {
        [hour, minute] => number(hour).zip(number(minute)).and_then(|(h, m)| Time::new(h, m, 0, 0).ok()),
        [hour, minute, second] => {
            number(hour).zip(number(minute)).zip(number(second)).and_then(|((h, m), s)| Time::new(h, m, s, 0).ok())
        }
        _ => None,
    };
    parsed.ok_or_else(|| format!("'{text}' is not a time in the form HH:MM"))
}

/// Reads a jrnl JSON export.
///
/// # Errors
/// When the text is not JSON or not an object with `entries`.
pub fn read_json(text: &str, context: &ImportContext) -> Result<Parsed, FormatError> {
    let export: Export = serde_json::from_str(text).map_err(|error| {
        if error.is_data() {
            FormatError(format!("{error}; a jrnl export (jrnl --export json) is an object with a list of \"entries\""))
        } else {
            FormatError(error.to_string())
        }
    })?;
    let mut parsed = Parsed::default();
    for (index, value) in export.entries.into_iter().enumerate() {
        let at = Location::Entry(index + 1);
        match read_entry(value, context) {
            Ok(fields) => match fields.into_incoming(at, context) {
                Ok(incoming) => parsed.records.push(incoming),
                Err(error) => parsed.errors.push(error),
            },
            Err(message) => parsed.errors.push(RecordError { at, message }),
        }
    }
    Ok(parsed)
}

fn read_entry(value: serde_json::Value, context: &ImportContext) -> Result<Fields, String> {
    let entry: Entry = serde_json::from_value(value).map_err(|error| error.to_string())?;
    let date: Date = parse_day(&entry.date)?;
    let time = match &entry.time {
        Some(time) => parse_time(time)?,
        None => Time::midnight(),
    };
    let mut fields =
        entry_fields(date.to_datetime(time), &entry.title, &entry.body, Some(&entry.tags), entry.starred, context)?;
    fields.id = entry.uuid.filter(|uuid| !uuid.trim().is_empty()).map(|uuid| DecisionId(uuid.trim().to_owned()));
    Ok(fields)
}

/// `name` as a jrnl tag word, `@` included: whitespace becomes `_` and any
/// other character jrnl does not allow in a tag becomes `-`.
pub(crate) fn tag_word(name: &str) -> String {
    let mut word = String::with_capacity(name.len() + 1);
    word.push('@');
    for c in name.trim().chars() {
        word.push(if c.is_whitespace() {
            '_'
        } else if is_tag_char(c) {
            c
        } else {
            '-'
        });
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_as_jrnl_finds_them() {
        let text = "@leadership @Marco Talked, e-mail@x.org #q3 @Priya. (@no) @with/Ana_Lopez @ 東京 @東京";
        assert_eq!(find_tags(text), ["@leadership", "@Marco", "#q3", "@Priya", "@with/Ana_Lopez", "@東京"]);
    }

    #[test]
    fn tags_map_to_style_situations_people_and_tags() {
        let mapped = map_tags(["tight-deadline", "Management", "Priya", "with/Ana_Lopez", "crisis"]).unwrap();
        assert_eq!(mapped.style, Some(Style::Management));
        assert_eq!(mapped.situations, [Situation::Crisis, Situation::TightDeadline]);
        assert_eq!(mapped.people, ["Ana Lopez"]);
        assert_eq!(mapped.tags, ["Priya"]);
        let error = map_tags(["leadership", "management"]).unwrap_err();
        assert!(error.contains("@leadership and @management"), "{error}");
    }

    #[test]
    fn the_body_keeps_every_word_that_is_not_a_leading_style_or_situation() {
        assert_eq!(note_from_body("@management @crisis Assigned a scribe."), "Assigned a scribe.");
        assert_eq!(note_from_body("@leadership @Marco Talked about growth."), "@Marco Talked about growth.");
        assert_eq!(note_from_body("@blend @tight-deadline @independent-team"), "");
        assert_eq!(
            note_from_body("@management @release\nWe shipped.\n\nThen @crisis hit."),
            "We shipped.\n\nThen @crisis hit."
        );
        assert_eq!(note_from_body("Great energy from @Priya. @crisis"), "Great energy from @Priya. @crisis");
        assert_eq!(note_from_body("  @Priya   said   so  "), "@Priya   said   so");
        assert_eq!(note_from_body(""), "");
    }

    #[test]
    fn names_become_tag_words_jrnl_reads_back() {
        assert_eq!(tag_word("on call"), "@on_call");
        assert_eq!(tag_word("1:1"), "@1-1");
        assert_eq!(tag_word("Zoë"), "@Zoë");
        assert!(is_tag_word(&tag_word("a, b; c")));
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert_eq!(parse_time("09:15"), Ok(Time::constant(9, 15, 0, 0)));
        assert_eq!(parse_time("18:30:05"), Ok(Time::constant(18, 30, 5, 0)));
        assert!(parse_time("9am").is_err());
        assert!(parse_time("25:00").is_err());
    }
}
