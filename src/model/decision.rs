//! One journal entry: a decision, when it was made, how, and in what situation.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Review, Situation, Style, Version};

/// A decision's stable id. It never changes once made, so imports and merges
/// can match entries across files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DecisionId(pub String);

impl DecisionId {
    /// A fresh random id.
    #[must_use]
    pub fn new_random() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }
}

impl fmt::Display for DecisionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One decision in the journal. `Default` is an empty, untitled decision
/// dated 1970-01-01, useful only as a base for tests and builders.
///
/// Two decisions are equal when they hold the same entry, whatever their
/// [`Version`] ([`Decision::same_content`]): the version says which edit a
/// copy holds, not what it says; [`Decision::identical`] compares it too.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Decision {
    /// Stable id.
    pub id: DecisionId,
    /// The day the decision was made.
    pub date: Date,
    /// A one-line summary; never empty.
    pub title: String,
    /// What happened and why, free text.
    #[serde(default)]
    pub note: String,
    /// How the decision was made; `None` when left untagged.
    #[serde(default)]
    pub style: Option<Style>,
    /// The situations the decision was made in.
    #[serde(default)]
    pub situations: Vec<Situation>,
    /// Free-form tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// People involved.
    #[serde(default)]
    pub people: Vec<String>,
    /// Where the decision sits on the article's four contrasts, when the user
    /// scored it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contrasts: Option<ContrastScores>,
    /// Other options that were considered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// What the decision was expected to bring.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub expectation: String,
    /// How sure the user was of the expectation, 0–100 %. Checked as the
    /// file is read, so a hand-edited 250 is refused with its line, as an
    /// import would refuse it.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "confidence_in_range")]
    pub confidence: Option<u8>,
    /// When to look back at the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_on: Option<Date>,
    /// The review, once written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// Marked as a favourite (kept from jrnl's starred entries). Optional in
    /// the file, written only when set, so version 1 files stay valid.
    #[serde(default, skip_serializing_if = "is_false")]
    pub starred: bool,
    /// When the entry was first written.
    pub created: Timestamp,
    /// When the entry was last changed.
    pub updated: Timestamp,
    /// Which edit this is, for merging copies by ancestry rather than by
    /// clock ([`super::version`]). Stamped by storage when a change is
    /// saved; a file without it gets one from `updated` as it is read.
    #[serde(default, skip_serializing_if = "Version::is_unset")]
    pub version: Version,
}

impl Decision {
    /// The fixed order merged journals are written in: by date, then when
    /// written, then id (unique), so it never depends on how a journal was
    /// edited or merged.
    #[must_use]
    pub fn canonical_order(&self, other: &Self) -> std::cmp::Ordering {
        (self.date, self.created, &self.id.0).cmp(&(other.date, other.created, &other.id.0))
    }

    /// Whether `self` and `other` hold the same entry, whatever their
    /// [`Version`]: what tells an edit from a copy of the same state.
    #[must_use]
    pub fn same_content(&self, other: &Self) -> bool {
        // Spelled out so that a new field must be placed here too.
        let Self {
            id,
            date,
            title,
            note,
            style,
            situations,
            tags,
            people,
            contrasts,
            options,
            expectation,
            confidence,
            review_on,
            review,
            starred,
            created,
            updated,
            version: _,
        } = self;
        *id == other.id
            && *date == other.date
            && *title == other.title
            && *note == other.note
            && *style == other.style
            && *situations == other.situations
            && *tags == other.tags
            && *people == other.people
            && *contrasts == other.contrasts
            && *options == other.options
            && *expectation == other.expectation
            && *confidence == other.confidence
            && *review_on == other.review_on
            && *review == other.review
            && *starred == other.starred
            && *created == other.created
            && *updated == other.updated
    }

    /// Whether `self` and `other` are the same entry in the same version:
    /// what a file must hold for two computers to hold the same bytes.
    #[must_use]
    pub fn identical(&self, other: &Self) -> bool {
        self.same_content(other) && self.version == other.version
    }

    /// Whether `needle` (already lower-cased) occurs in the title, note, tags
    /// or people, ignoring case.
    #[must_use]
    pub fn mentions(&self, needle_lowercase: &str) -> bool {
        contains_ignoring_case(&self.title, needle_lowercase)
            || contains_ignoring_case(&self.note, needle_lowercase)
            || self.tags.iter().any(|tag| contains_ignoring_case(tag, needle_lowercase))
            || self.people.iter().any(|person| contains_ignoring_case(person, needle_lowercase))
    }
}

impl Decision {
    /// The one clean-up of a decision's fields, whatever way it comes in (the
    /// editor, `keel add`, every import): the title, options and expectation
    /// trimmed and blank options dropped; situations in their fixed order,
    /// each once; tags and people through [`clean_names`]; contrast scores
    /// clamped to −2…+2. The note keeps its spacing. Run before
    /// [`Decision::check`], so the rules judge what is stored.
    pub fn tidy(&mut self) {
        self.title = self.title.trim().to_owned();
        self.situations.sort_unstable();
        self.situations.dedup();
        self.tags = clean_names(std::mem::take(&mut self.tags));
        self.people = clean_names(std::mem::take(&mut self.people));
        self.contrasts = self.contrasts.map(ContrastScores::clamped);
        self.options = std::mem::take(&mut self.options)
            .into_iter()
            .map(|option| option.trim().to_owned())
            .filter(|option| !option.is_empty())
            .collect();
        self.expectation = self.expectation.trim().to_owned();
    }

    /// Checks what every way in (the editor, `keel add`, each import, a sync
    /// service's copy) must hold: a title; no control characters in the
    /// one-line fields (title, people, tags, options) and none but line
    /// breaks and tabs in the others (note, expectation, the review's
    /// texts), since they could rewrite a terminal; at most
    /// [`MAX_NAMES`] tags and as many people; confidence 0–100 and a review
    /// date not before the decision. [`Decision::check_entry`] adds the
    /// rules that depend on the day and the clock.
    ///
    /// # Errors
    /// The first rule broken, naming the field and its value.
    pub fn check(&self) -> Result<(), DraftError> {
        if self.title.trim().is_empty() {
            return Err(DraftError::EmptyTitle);
        }
        check_text("title", &self.title)?;
        check_count("people", self.people.len())?;
        check_count("tags", self.tags.len())?;
        for person in &self.people {
            check_text("person", person)?;
        }
        for tag in &self.tags {
            check_text("tag", tag)?;
        }
        for option in &self.options {
            check_text("option", option)?;
        }
        check_lines("note", &self.note)?;
        check_lines("expectation", &self.expectation)?;
        if let Some(review) = &self.review {
            check_lines("review's outcome", &review.outcome)?;
            check_lines("review's lesson", &review.lesson)?;
        }
        check_confidence(self.confidence)?;
        if let Some(review_on) = self.review_on.filter(|review_on| *review_on < self.date) {
            return Err(DraftError::ReviewBeforeDecision { date: self.date, review_on });
        }
        Ok(())
    }

    /// The one check for a decision entering the journal, whatever way it
    /// comes (`keel add`, a CSV, JSON or jrnl import, a sync service's copy
    /// of the journal): [`Decision::check`], a date no earlier than
    /// [`EARLIEST_DATE`] and no more than [`MAX_DAYS_AHEAD`] days after
    /// `today`, and `created` and `updated` times no more than
    /// [`MAX_CLOCK_AHEAD_HOURS`] hours after `now` (a clock a few hours off
    /// passes; a time in 2099, which would win every later merge, does
    /// not).
    ///
    /// # Errors
    /// The first rule broken, naming the field and its value.
    pub fn check_entry(&self, today: Date, now: Timestamp) -> Result<(), DraftError> {
        self.check()?;
        check_date(self.date, today)?;
        check_time("created", self.created, now)?;
        check_time("updated", self.updated, now)
    }
}

pub use super::version::MAX_CLOCK_AHEAD_HOURS;

/// Refuses a time more than [`MAX_CLOCK_AHEAD_HOURS`] after `now`.
fn check_time(field: &'static str, time: Timestamp, now: Timestamp) -> Result<(), DraftError> {
    let latest = super::version::latest_plausible(now);
    if time > latest { Err(DraftError::TimeAhead { field, time, latest }) } else { Ok(()) }
}

impl PartialEq for Decision {
    fn eq(&self, other: &Self) -> bool {
        self.same_content(other)
    }
}

/// How far ahead of today a decision's date may be: further is refused as
/// a likely typo (2099 for 2026), since it would stretch every chart.
pub const MAX_DAYS_AHEAD: i64 = 366;

/// The earliest decision date accepted: anything before is a typo (0001 for
/// 2001) or a broken file, and would stretch every chart back to it.
pub const EARLIEST_DATE: Date = jiff::civil::date(1900, 1, 1);

/// The most tags, and the most people, one decision may carry. Far more
/// than anyone tags a decision with; a bound on what a file can make Keel
/// keep, sort and draw.
pub const MAX_NAMES: usize = 1000;

/// Whether `note` holds a reason for going against the guidance: a line
/// "Why leading (or managing, or this) was right here: …" with something
/// written after the colon, as the editor's "Note why" starts it. One rule
/// for the window and the weekly view.
#[must_use]
pub fn notes_why(note: &str) -> bool {
    note.lines().any(|line| {
        line.strip_prefix("Why ")
            .and_then(|rest| rest.split_once(" was right here:"))
            .is_some_and(|(_, reason)| !reason.trim().is_empty())
    })
}

/// Refuses a decision date before [`EARLIEST_DATE`] or more than
/// [`MAX_DAYS_AHEAD`] days after `today`.
///
/// # Errors
/// [`DraftError::TooEarly`] or [`DraftError::FarAhead`], naming the date
/// and the limit.
pub fn check_date(date: Date, today: Date) -> Result<(), DraftError> {
    if date < EARLIEST_DATE {
        return Err(DraftError::TooEarly { date, earliest: EARLIEST_DATE });
    }
    let latest = today.saturating_add(jiff::Span::new().days(MAX_DAYS_AHEAD));
    if date > latest { Err(DraftError::FarAhead { date, latest }) } else { Ok(()) }
}

/// Refuses more than [`MAX_NAMES`] entries in `field` ("tags", "people").
fn check_count(field: &'static str, count: usize) -> Result<(), DraftError> {
    if count > MAX_NAMES { Err(DraftError::TooMany { field, count, max: MAX_NAMES }) } else { Ok(()) }
}

/// Refuses a one-line field holding a control character (ESC, BEL, CR, a
/// tab, a line break…).
///
/// # Errors
/// [`DraftError::ControlCharacter`] naming the field, the value (escaped)
/// and the character.
pub fn check_text(field: &'static str, text: &str) -> Result<(), DraftError> {
    refuse_control(field, text, false)
}

/// Refuses a multi-line field holding a control character other than a
/// line break or a tab (a Windows line end, CR LF, counts as a line
/// break).
///
/// # Errors
/// As [`check_text`].
pub fn check_lines(field: &'static str, text: &str) -> Result<(), DraftError> {
    refuse_control(field, text, true)
}

fn refuse_control(field: &'static str, text: &str, multiline: bool) -> Result<(), DraftError> {
    match first_control(text, multiline) {
        Some((at, control)) => Err(DraftError::ControlCharacter {
            field,
            value: excerpt(text, at),
            code: format!("U+{:04X}", u32::from(control)),
        }),
        None => Ok(()),
    }
}

/// The first control character of `text` (and its byte offset) that is not
/// allowed: with `multiline`, line breaks and tabs are.
fn first_control(text: &str, multiline: bool) -> Option<(usize, char)> {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !c.is_control() {
            continue;
        }
        let line_break = c == '\n' || c == '\t' || (c == '\r' && chars.peek().is_some_and(|(_, next)| *next == '\n'));
        if !(multiline && line_break) {
            return Some((at, c));
        }
    }
    None
}

/// `text` escaped for a message: whole when short, else the stretch around
/// byte `at` (so a long note shows where the character is).
fn excerpt(text: &str, at: usize) -> String {
    const AROUND: usize = 30;
    if text.chars().count() <= 2 * AROUND {
        return escape_control(text).into_owned();
    }
    let before: Vec<char> = text[..at].chars().rev().take(AROUND).collect();
    let start = at - before.iter().map(|c| c.len_utf8()).sum::<usize>();
    let end = text[at..].char_indices().nth(AROUND).map_or(text.len(), |(offset, _)| at + offset);
    let lead = if start > 0 { "\u{2026}" } else { "" };
    let tail = if end < text.len() { "\u{2026}" } else { "" };
    format!("{lead}{}{tail}", escape_control(&text[start..end]))
}

/// Refuses a confidence above 100 %.
///
/// # Errors
/// [`DraftError::ConfidenceOutOfRange`] naming the value.
pub fn check_confidence(confidence: Option<u8>) -> Result<(), DraftError> {
    match confidence {
        Some(confidence) if confidence > 100 => Err(DraftError::ConfidenceOutOfRange(confidence)),
        _ => Ok(()),
    }
}

fn confidence_in_range<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    let confidence = Option::<u8>::deserialize(deserializer)?;
    check_confidence(confidence).map_err(serde::de::Error::custom)?;
    Ok(confidence)
}

/// `text` with its control characters shown as escapes (`\e`, `\a`, `\r`,
/// `\t`, `\n`, `\u{9b}`…), so printing it cannot move the cursor, retitle
/// the window or ring the bell of the terminal it lands on.
#[must_use]
pub fn escape_control(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\u{7}' => out.push_str("\\a"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `text` with its control characters escaped as [`escape_control`] does,
/// except line breaks and tabs (and the CR of a Windows line end), which it
/// keeps: for output of many lines (Markdown, CSV, jrnl text) that may land
/// on a terminal. A journal written by an older Keel may hold any control
/// character; none reaches the terminal raw.
#[must_use]
pub fn escape_control_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if first_control(text, true).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let kept = c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n'));
        if kept || !c.is_control() {
            out.push(c);
        } else {
            let mut buffer = [0_u8; 4];
            out.push_str(&escape_control(c.encode_utf8(&mut buffer)));
        }
    }
    std::borrow::Cow::Owned(out)
}

#[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's skip_serializing_if passes a reference")]
fn is_false(value: &bool) -> bool {
    !*value
}

fn contains_ignoring_case(haystack: &str, needle_lowercase: &str) -> bool {
    if haystack.is_ascii() && needle_lowercase.is_ascii() {
        // Byte-window comparison avoids allocating a lower-cased copy per row.
        let needle = needle_lowercase.as_bytes();
        return needle.is_empty()
            || haystack.as_bytes().windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle));
    }
    haystack.to_lowercase().contains(needle_lowercase)
}

/// A decision's position on the four contrasts, each from -2 (fully the
/// management pole) to +2 (fully the leadership pole); 0 is balanced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContrastScores {
    /// Vision (+) ↔ Execution (−).
    pub vision_execution: i8,
    /// People (+) ↔ Process (−).
    pub people_process: i8,
    /// Inspiration (+) ↔ Control (−).
    pub inspiration_control: i8,
    /// Change (+) ↔ Stability (−).
    pub change_stability: i8,
}

impl ContrastScores {
    /// The lowest score, the management pole.
    pub const MIN: i8 = -2;
    /// The highest score, the leadership pole.
    pub const MAX: i8 = 2;

    /// The four scores in the guidance file's contrast order.
    #[must_use]
    pub fn as_array(self) -> [i8; 4] {
        [self.vision_execution, self.people_process, self.inspiration_control, self.change_stability]
    }

    /// The same scores, each clamped to −2…+2.
    #[must_use]
    pub fn clamped(self) -> Self {
        let clamp = |score: i8| score.clamp(Self::MIN, Self::MAX);
        Self {
            vision_execution: clamp(self.vision_execution),
            people_process: clamp(self.people_process),
            inspiration_control: clamp(self.inspiration_control),
            change_stability: clamp(self.change_stability),
        }
    }
}

/// Why a draft cannot become a decision.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// The title is empty or only whitespace.
    #[error("a decision needs a title")]
    EmptyTitle,
    /// A date more than a year ahead: most likely a typo.
    #[error("{date} is more than a year ahead (the latest allowed is {latest}); is it a typo?")]
    FarAhead {
        /// The date given.
        date: Date,
        /// The latest date accepted today.
        latest: Date,
    },
    /// A date before [`EARLIEST_DATE`]: most likely a typo.
    #[error("{date} is before {earliest}, the earliest date Keel accepts; is it a typo?")]
    TooEarly {
        /// The date given.
        date: Date,
        /// The earliest date accepted.
        earliest: Date,
    },
    /// A time (when written, when last changed) more than
    /// [`MAX_CLOCK_AHEAD_HOURS`] hours after now: a wrong clock or a forged
    /// file, which would win every later merge.
    #[error(
        "its {field} time {time} is later than now by more than a day (the latest accepted is {latest}); a clock \
         that was wrong, or a file that was edited?"
    )]
    TimeAhead {
        /// "created" or "updated".
        field: &'static str,
        /// The time given.
        time: Timestamp,
        /// The latest time accepted now.
        latest: Timestamp,
    },
    /// More tags or people than [`MAX_NAMES`].
    #[error("{count} {field} on one decision is more than the {max} Keel allows; keep at most {max}")]
    TooMany {
        /// "tags" or "people".
        field: &'static str,
        /// How many were given (after repeats were dropped).
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// Confidence above 100 %.
    #[error("confidence must be between 0 and 100, not {0}")]
    ConfidenceOutOfRange(u8),
    /// A control character in a one-line field, or one other than a line
    /// break or tab in a multi-line field.
    #[error("the {field} \"{value}\" holds a control character ({code}); write it without one")]
    ControlCharacter {
        /// "title", "person", "tag", "option", "note", "expectation",
        /// "review's outcome", "review's lesson", "talking point".
        field: &'static str,
        /// The value, its control characters escaped.
        value: String,
        /// The first control character, as `U+001B`.
        code: String,
    },
    /// A review date earlier than the decision.
    #[error("the review date {review_on} is before the decision's date {date}")]
    ReviewBeforeDecision {
        /// The decision's date.
        date: Date,
        /// The review date asked for.
        review_on: Date,
    },
}

/// The editable part of a decision: what the editor and `keel add` fill in.
/// Serialisable so an unsaved draft outlives a window that was killed
/// (kept in the window's own storage, never in the journal).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionDraft {
    /// One-line summary (required).
    pub title: String,
    /// The day; `None` means today.
    pub date: Option<Date>,
    /// What happened and why.
    pub note: String,
    /// How it was made, or untagged.
    pub style: Option<Style>,
    /// Situations, in any order; duplicates are dropped.
    pub situations: Vec<Situation>,
    /// Tags; blank ones and repeats are dropped.
    pub tags: Vec<String>,
    /// People; blank ones and repeats are dropped.
    pub people: Vec<String>,
    /// The contrast lens, if scored.
    pub contrasts: Option<ContrastScores>,
    /// Other options considered; blank ones are dropped.
    pub options: Vec<String>,
    /// The expected outcome.
    pub expectation: String,
    /// Confidence in the expectation, 0–100 %.
    pub confidence: Option<u8>,
    /// When to review the decision; must not be before its date.
    pub review_on: Option<Date>,
}

impl DecisionDraft {
    /// The draft of an existing decision, for editing.
    #[must_use]
    pub fn from_decision(decision: &Decision) -> Self {
        Self {
            title: decision.title.clone(),
            date: Some(decision.date),
            note: decision.note.clone(),
            style: decision.style,
            situations: decision.situations.clone(),
            tags: decision.tags.clone(),
            people: decision.people.clone(),
            contrasts: decision.contrasts,
            options: decision.options.clone(),
            expectation: decision.expectation.clone(),
            confidence: decision.confidence,
            review_on: decision.review_on,
        }
    }

    /// Checks the draft and turns it into a new decision.
    ///
    /// # Errors
    /// [`DraftError::EmptyTitle`] when the title is blank.
    pub fn into_new_decision(self, today: Date, now: Timestamp) -> Result<Decision, DraftError> {
        let mut decision = Decision {
            id: DecisionId::new_random(),
            date: today,
            title: String::new(),
            note: String::new(),
            style: None,
            situations: Vec::new(),
            tags: Vec::new(),
            people: Vec::new(),
            contrasts: None,
            options: Vec::new(),
            expectation: String::new(),
            confidence: None,
            review_on: None,
            review: None,
            starred: false,
            created: now,
            updated: now,
            version: Version::default(),
        };
        self.apply_to(&mut decision, now)?;
        Ok(decision)
    }

    /// Writes the draft over `decision`, keeping its id and creation time.
    ///
    /// # Errors
    /// [`DraftError::EmptyTitle`] when the title is blank; `decision` is then
    /// left unchanged.
    pub fn apply_to(self, decision: &mut Decision, now: Timestamp) -> Result<(), DraftError> {
        let mut changed = decision.clone();
        changed.title = self.title;
        if let Some(date) = self.date {
            changed.date = date;
        }
        changed.note = self.note;
        changed.style = self.style;
        changed.situations = self.situations;
        changed.tags = self.tags;
        changed.people = self.people;
        changed.contrasts = self.contrasts;
        changed.options = self.options;
        changed.expectation = self.expectation;
        changed.confidence = self.confidence;
        changed.review_on = self.review_on;
        changed.updated = now;
        changed.tidy();
        changed.check()?;
        *decision = changed;
        Ok(())
    }
}

/// Whether two tags or people are the same name, ignoring case.
#[must_use]
pub fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase())
}

/// Trims names and drops blanks and case-insensitive repeats, keeping the
/// first spelling and the order given. Linear in the number of names: each
/// is looked up in a set of those kept.
#[must_use]
pub fn clean_names(names: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(names.len().min(MAX_NAMES + 1));
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::with_capacity(kept.capacity());
    for name in names {
        let name = name.trim();
        if !name.is_empty() && seen.insert(name.to_lowercase()) {
            kept.push(name.to_owned());
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        jiff::civil::date(2026, 3, 14)
    }

    #[test]
    fn blank_title_is_refused() {
        let draft = DecisionDraft { title: "   ".into(), ..DecisionDraft::default() };
        assert_eq!(draft.into_new_decision(today(), Timestamp::UNIX_EPOCH), Err(DraftError::EmptyTitle));
    }

    #[test]
    fn draft_is_cleaned_and_dated_today_by_default() {
        let draft = DecisionDraft {
            title: "  Froze the scope  ".into(),
            situations: vec![Situation::TightDeadline, Situation::Crisis, Situation::TightDeadline],
            tags: vec!["release".into(), " ".into(), "Release".into()],
            people: vec!["Ana".into(), "ana ".into(), "Bo".into()],
            ..DecisionDraft::default()
        };
        let decision = draft.into_new_decision(today(), Timestamp::UNIX_EPOCH).expect("valid");
        assert_eq!(decision.title, "Froze the scope");
        assert_eq!(decision.date, today());
        assert_eq!(decision.situations, vec![Situation::Crisis, Situation::TightDeadline]);
        assert_eq!(decision.tags, vec!["release"]);
        assert_eq!(decision.people, vec!["Ana", "Bo"]);
    }

    #[test]
    fn search_ignores_case_in_every_text_field() {
        let mut decision = DecisionDraft { title: "Outage".into(), ..DecisionDraft::default() }
            .into_new_decision(today(), Timestamp::UNIX_EPOCH)
            .expect("valid");
        decision.note = "Réunion à Zürich".into();
        decision.tags = vec!["On-Call".into()];
        decision.people = vec!["Łukasz".into()];
        assert!(decision.mentions("outage"));
        assert!(decision.mentions("zürich"));
        assert!(decision.mentions("on-call"));
        assert!(decision.mentions("łukasz"));
        assert!(!decision.mentions("budget"));
    }

    fn entry(date: Date, updated: &str) -> Decision {
        Decision {
            id: DecisionId("x".into()),
            date,
            title: "Fine".into(),
            created: "2026-03-01T09:00:00Z".parse().expect("time"),
            updated: updated.parse().expect("time"),
            ..Decision::default()
        }
    }

    #[test]
    fn one_check_for_every_way_in_bounds_dates_and_times() {
        let now: Timestamp = "2026-03-14T12:00:00Z".parse().expect("time");
        let fine = entry(today(), "2026-03-14T12:00:00Z");
        assert_eq!(fine.check_entry(today(), now), Ok(()));
        let early = entry(jiff::civil::date(1, 1, 1), "2026-03-14T12:00:00Z");
        assert_eq!(
            early.check_entry(today(), now),
            Err(DraftError::TooEarly { date: jiff::civil::date(1, 1, 1), earliest: EARLIEST_DATE })
        );
        assert_eq!(entry(EARLIEST_DATE, "2026-03-14T12:00:00Z").check_entry(today(), now), Ok(()));
        let far = entry(jiff::civil::date(9999, 12, 31), "2026-03-14T12:00:00Z");
        assert!(matches!(far.check_entry(today(), now), Err(DraftError::FarAhead { .. })));
        // A clock a few hours ahead (another zone's local time) is fine…
        assert_eq!(entry(today(), "2026-03-14T23:00:00Z").check_entry(today(), now), Ok(()));
        // …a time years ahead, which would win every merge, is not.
        let forged = entry(today(), "2099-01-01T00:00:00Z").check_entry(today(), now).unwrap_err();
        assert!(matches!(forged, DraftError::TimeAhead { field: "updated", .. }), "{forged:?}");
        assert!(forged.to_string().starts_with("its updated time 2099-01-01T00:00:00Z is later than now"), "{forged}");
    }

    #[test]
    fn every_text_field_follows_one_rule() {
        let base = entry(today(), "2026-03-14T12:00:00Z");
        let refused = |change: &dyn Fn(&mut Decision)| {
            let mut decision = base.clone();
            change(&mut decision);
            decision.check()
        };
        assert_eq!(refused(&|d| d.note = "one\n\ttwo\r\nthree".into()), Ok(()), "line breaks and tabs are at home");
        for (field, change) in [
            ("note", &(|d: &mut Decision| d.note = "a\u{1b}[2J".into()) as &dyn Fn(&mut Decision)),
            ("note", &|d: &mut Decision| d.note = "lone\rreturn".into()),
            ("expectation", &|d: &mut Decision| d.expectation = "x\u{9b}y".into()),
            ("option", &|d: &mut Decision| d.options = vec!["tab\there".into()]),
            ("title", &|d: &mut Decision| d.title = "new\nline".into()),
            ("review's outcome", &|d: &mut Decision| {
                d.review = Some(Review {
                    reviewed_on: today(),
                    outcome: "\u{7}".into(),
                    result: crate::model::ReviewResult::Better,
                    process: None,
                    lesson: String::new(),
                });
            }),
        ] {
            assert!(
                matches!(refused(change), Err(DraftError::ControlCharacter { field: f, .. }) if f == field),
                "{field}: {:?}",
                refused(change)
            );
        }
    }

    #[test]
    fn a_long_value_is_shown_around_its_control_character() {
        let note = format!("{}\u{1b}[2J{}", "a".repeat(500), "b".repeat(500));
        let Err(DraftError::ControlCharacter { value, .. }) = check_lines("note", &note) else { panic!("refused") };
        assert_eq!(value, format!("\u{2026}{}\\e[2J{}\u{2026}", "a".repeat(30), "b".repeat(26)));
    }

    #[test]
    fn names_are_cleaned_in_linear_time_and_capped() {
        let names: Vec<String> = (0..200_000).map(|i| format!(" Name{} ", i % 3)).collect();
        let started = std::time::Instant::now();
        assert_eq!(clean_names(names), ["Name0", "Name1", "Name2"]);
        let distinct: Vec<String> = (0..200_000).map(|i| format!("n{i}")).collect();
        assert_eq!(clean_names(distinct).len(), 200_000);
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
        let draft = DecisionDraft {
            title: "Crowded".into(),
            people: (0..=MAX_NAMES).map(|i| format!("P{i}")).collect(),
            ..DecisionDraft::default()
        };
        assert_eq!(
            draft.into_new_decision(today(), Timestamp::UNIX_EPOCH),
            Err(DraftError::TooMany { field: "people", count: MAX_NAMES + 1, max: MAX_NAMES })
        );
    }

    #[test]
    fn output_keeps_line_breaks_and_tabs_and_escapes_every_other_control() {
        assert_eq!(escape_control_lines("plain\n\ttext\r\n"), "plain\n\ttext\r\n");
        assert_eq!(escape_control_lines("a\u{1b}[2J\rb\u{9b}\u{7f}"), "a\\e[2J\\rb\\u{9b}\\u{7f}");
    }
}
