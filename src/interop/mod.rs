//! Import and export: jrnl (its JSON export and its text file), CSV, Keel's
//! own JSON and a Markdown archive. Nothing here depends on the window.
//!
//! # Importing
//! A reader turns a file into [`Parsed`]: the decisions it could read, each
//! with where it came from ("row 14", "entry 3"), and one [`RecordError`] for
//! each record it could not. [`ImportPlan::new`] sets them against the
//! journal and sorts them into added, updated and skipped. Nothing changes
//! until [`apply`] is called, so a dry run or a preview costs nothing, and the
//! [`Applied`] it returns holds what is needed to undo the import in one step.
//!
//! # Idempotence
//! Importing the same file twice adds nothing:
//! - Keel JSON and CSV rows carry ids. A known id is *skipped* when its
//!   content is unchanged or the journal's copy is at least as recent, and
//!   *updated* when the file's `updated` time is newer.
//! - Sources without ids (jrnl, CSV rows with an empty id) get an id derived
//!   from the entry's date, time, title and text (a UUID v5), so the same
//!   entry always gets the same id, even after it was edited in Keel. An
//!   entry whose date, title and text equal a decision already in the
//!   journal is skipped as well (for example after a Keel → jrnl → Keel
//!   trip, which loses ids).
//! - The same record twice in one file is kept once.

pub mod adjust;
pub mod csv;
pub mod jrnl;
pub mod jrnl_text;
pub mod json;
pub mod markdown;

pub use adjust::{Proposal, people_like_tags, proposals};

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::model::decision::{escape_control, escape_control_lines};
use crate::model::{ContrastScores, Decision, DecisionId, DraftError, Journal, Review, Situation, Style};

/// Where a record sits in its source file, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    /// A CSV record; the header is row 1.
    Row(usize),
    /// A line of a text file (jrnl's text format), 1-based.
    Line(usize),
    /// An entry of a jrnl JSON export, 1-based.
    Entry(usize),
    /// A decision of a Keel JSON file, 1-based.
    Decision(usize),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Row(n) => write!(f, "row {n}"),
            Self::Line(n) => write!(f, "line {n}"),
            Self::Entry(n) => write!(f, "entry {n}"),
            Self::Decision(n) => write!(f, "decision {n}"),
        }
    }
}

/// A record that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}")]
pub struct RecordError {
    /// Where it is.
    pub at: Location,
    /// What is wrong, naming the bad value.
    pub message: String,
}

/// One decision read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// Where it came from.
    pub at: Location,
    /// The decision as it would be stored.
    pub decision: Decision,
    /// Whether the id came from the file (otherwise it was derived from the
    /// content, see the module documentation).
    pub has_source_id: bool,
    /// The fields the file gives (its columns, or the keys of its record):
    /// an update of a decision the journal has changes only these, and
    /// keeps the journal's value of every other.
    pub fields: FieldSet,
    /// Whether its title and note were tidied as a jrnl import tidies them
    /// ([`jrnl::tidy_title`], [`jrnl::untag`]): then matching by content
    /// reads the journal's decisions the same way.
    pub tidied: bool,
}

/// A field of a decision a file may give, or leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The day of the decision.
    Date,
    /// The title.
    Title,
    /// The note.
    Note,
    /// The style.
    Style,
    /// The situations.
    Situations,
    /// The tags.
    Tags,
    /// The people.
    People,
    /// The contrast lens.
    Contrasts,
    /// The other options considered.
    Options,
    /// The expectation.
    Expectation,
    /// The confidence.
    Confidence,
    /// The review date.
    ReviewOn,
    /// The review.
    Review,
    /// The star.
    Starred,
    /// When it was written.
    Created,
    /// When it was last changed.
    Updated,
}

impl Field {
    /// Every field, in the order the preview lists them.
    pub const ALL: [Self; 16] = [
        Self::Date,
        Self::Title,
        Self::Note,
        Self::Style,
        Self::Situations,
        Self::Tags,
        Self::People,
        Self::Contrasts,
        Self::Options,
        Self::Expectation,
        Self::Confidence,
        Self::ReviewOn,
        Self::Review,
        Self::Starred,
        Self::Created,
        Self::Updated,
    ];

    /// Its name in the preview.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Title => "title",
            Self::Note => "note",
            Self::Style => "style",
            Self::Situations => "situations",
            Self::Tags => "tags",
            Self::People => "people",
            Self::Contrasts => "contrasts",
            Self::Options => "options",
            Self::Expectation => "expectation",
            Self::Confidence => "confidence",
            Self::ReviewOn => "review date",
            Self::Review => "review",
            Self::Starred => "star",
            Self::Created => "created",
            Self::Updated => "updated",
        }
    }

    /// The field a Keel JSON key (the journal file's field name) gives.
    #[must_use]
    pub fn of_key(key: &str) -> Option<Self> {
        Some(match key {
            "date" => Self::Date,
            "title" => Self::Title,
            "note" => Self::Note,
            "style" => Self::Style,
            "situations" => Self::Situations,
            "tags" => Self::Tags,
            "people" => Self::People,
            "contrasts" => Self::Contrasts,
            "options" => Self::Options,
            "expectation" => Self::Expectation,
            "confidence" => Self::Confidence,
            "review_on" => Self::ReviewOn,
            "review" => Self::Review,
            "starred" => Self::Starred,
            "created" => Self::Created,
            "updated" => Self::Updated,
            _ => return None,
        })
    }

    /// `from`'s value of this field written into `to`.
    fn copy(self, from: &Decision, to: &mut Decision) {
        match self {
            Self::Date => to.date = from.date,
            Self::Title => to.title.clone_from(&from.title),
            Self::Note => to.note.clone_from(&from.note),
            Self::Style => to.style = from.style,
            Self::Situations => to.situations.clone_from(&from.situations),
            Self::Tags => to.tags.clone_from(&from.tags),
            Self::People => to.people.clone_from(&from.people),
            Self::Contrasts => to.contrasts = from.contrasts,
            Self::Options => to.options.clone_from(&from.options),
            Self::Expectation => to.expectation.clone_from(&from.expectation),
            Self::Confidence => to.confidence = from.confidence,
            Self::ReviewOn => to.review_on = from.review_on,
            Self::Review => to.review.clone_from(&from.review),
            Self::Starred => to.starred = from.starred,
            Self::Created => to.created = from.created,
            Self::Updated => to.updated = from.updated,
        }
    }

    /// Whether `a` and `b` hold the same value of this field.
    fn same(self, a: &Decision, b: &Decision) -> bool {
        match self {
            Self::Date => a.date == b.date,
            Self::Title => a.title == b.title,
            Self::Note => a.note == b.note,
            Self::Style => a.style == b.style,
            Self::Situations => a.situations == b.situations,
            Self::Tags => a.tags == b.tags,
            Self::People => a.people == b.people,
            Self::Contrasts => a.contrasts == b.contrasts,
            Self::Options => a.options == b.options,
            Self::Expectation => a.expectation == b.expectation,
            Self::Confidence => a.confidence == b.confidence,
            Self::ReviewOn => a.review_on == b.review_on,
            Self::Review => a.review == b.review,
            Self::Starred => a.starred == b.starred,
            Self::Created => a.created == b.created,
            Self::Updated => a.updated == b.updated,
        }
    }
}

/// A set of [`Field`]s: those a file gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldSet(u32);

impl FieldSet {
    /// No field.
    pub const NONE: Self = Self(0);
    /// Every field (Keel JSON with every key, a full CSV).
    pub const ALL: Self = Self((1 << Field::ALL.len()) - 1);

    /// This set with `field` added.
    #[must_use]
    pub const fn with(self, field: Field) -> Self {
        Self(self.0 | (1 << field as u32))
    }

    /// Whether `field` is in the set.
    #[must_use]
    pub const fn contains(self, field: Field) -> bool {
        (self.0 & (1 << field as u32)) != 0
    }
}

impl FromIterator<Field> for FieldSet {
    fn from_iter<I: IntoIterator<Item = Field>>(fields: I) -> Self {
        fields.into_iter().fold(Self::NONE, Self::with)
    }
}

impl Default for FieldSet {
    fn default() -> Self {
        Self::ALL
    }
}

/// What a reader got out of a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// The records that could be read, in file order.
    pub records: Vec<Incoming>,
    /// The records that could not, in file order.
    pub errors: Vec<RecordError>,
}

/// The file as a whole is not in the expected format (no record could be
/// read): not JSON at all, a CSV without a title column, a file from a newer
/// Keel…
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FormatError(pub String);

/// Why an import or export failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error("{} is not UTF-8 text; save it as UTF-8 and try again", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
    },
    /// The file is not in the format it was read as.
    #[error("{} is not a valid {} file: {source}", path.display(), format.label())]
    Format {
        /// The file.
        path: PathBuf,
        /// The format it was read as.
        format: ImportFormat,
        /// What is wrong.
        source: FormatError,
    },
    /// The format cannot be told from the file name.
    #[error(
        "cannot tell the format of {} from its name: Keel imports .json (Keel or jrnl JSON), .csv and .txt (jrnl) files",
        path.display()
    )]
    UnknownKind {
        /// The file.
        path: PathBuf,
    },
    /// The export could not be encoded.
    #[error("could not write the {format} export: {message}")]
    Encode {
        /// The format's name.
        format: &'static str,
        /// Why.
        message: String,
    },
}

/// The formats Keel imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// Keel's own JSON (`keel export --format json`), lossless.
    KeelJson,
    /// `jrnl --export json`.
    JrnlJson,
    /// jrnl's journal text file (also `keel export --format jrnl`).
    JrnlText,
    /// CSV with a header row.
    Csv,
}

impl ImportFormat {
    /// A name for messages and the preview.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::KeelJson => "Keel JSON",
            Self::JrnlJson => "jrnl JSON",
            Self::JrnlText => "jrnl text",
            Self::Csv => "CSV",
        }
    }

    /// Whether the format is jrnl's (its JSON export or its text file),
    /// which has tags but no people.
    #[must_use]
    pub fn is_jrnl(self) -> bool {
        matches!(self, Self::JrnlJson | Self::JrnlText)
    }

    /// The format of `path`, from its extension; a `.json` file is told
    /// apart by its shape (Keel's has `decisions`, jrnl's has `entries`).
    #[must_use]
    pub fn detect(path: &Path, text: &str) -> Option<Self> {
        let extension = path.extension()?.to_string_lossy().to_lowercase();
        match extension.as_str() {
            "json" => Some(json::sniff(text)),
            "csv" => Some(Self::Csv),
            "txt" | "jrnl" => Some(Self::JrnlText),
            _ => None,
        }
    }
}

/// The formats Keel exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Keel's lossless JSON: every field, ids included.
    Json,
    /// CSV with a header row; lists are `;`-separated.
    Csv,
    /// A readable Markdown archive.
    Markdown,
    /// jrnl's text format, which `jrnl --import` reads.
    JrnlText,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [Self; 4] = [Self::Json, Self::Csv, Self::Markdown, Self::JrnlText];

    /// A name for menus and messages.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Json => "Keel JSON",
            Self::Csv => "CSV",
            Self::Markdown => "Markdown",
            Self::JrnlText => "jrnl text",
        }
    }

    /// The usual file extension, without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Markdown => "md",
            Self::JrnlText => "txt",
        }
    }
}

/// What readers need besides the text: the time zone jrnl's local times are
/// in, and "now" for CSV rows without times.
#[derive(Debug, Clone)]
pub struct ImportContext {
    /// The zone of local, zone-less times (jrnl's).
    pub time_zone: TimeZone,
    /// When the import runs.
    pub now: Timestamp,
}

impl ImportContext {
    /// Today, in the import's time zone: what a decision's date is checked
    /// against ([`Decision::check_entry`]).
    #[must_use]
    pub fn today(&self) -> Date {
        self.now.to_zoned(self.time_zone.clone()).date()
    }
}

/// Reads `text` as `format`.
///
/// # Errors
/// [`FormatError`] when the text is not that format at all; problems with
/// single records are in [`Parsed::errors`] instead.
pub fn read(format: ImportFormat, text: &str, context: &ImportContext) -> Result<Parsed, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        ImportFormat::KeelJson => json::read(text, context),
        ImportFormat::JrnlJson => jrnl::read_json(text, context),
        ImportFormat::JrnlText => jrnl_text::read(text, context),
        ImportFormat::Csv => csv::read(text, context),
    }
}

/// Reads the file at `path` as `format`, or as the format its name and shape
/// suggest when `format` is `None`.
///
/// # Errors
/// When the file cannot be read, is not UTF-8, its format cannot be told or
/// it is not in that format; each error names the file.
pub fn read_file(
    path: &Path,
    format: Option<ImportFormat>,
    context: &ImportContext,
) -> Result<(ImportFormat, Parsed), InteropError> {
    let bytes = std::fs::read(path).map_err(|source| InteropError::Read { path: path.to_owned(), source })?;
    let text = String::from_utf8(bytes).map_err(|_| InteropError::NotText { path: path.to_owned() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let format = match format {
        Some(format) => format,
        None => ImportFormat::detect(path, text).ok_or_else(|| InteropError::UnknownKind { path: path.to_owned() })?,
    };
    let parsed =
        read(format, text, context).map_err(|source| InteropError::Format { path: path.to_owned(), format, source })?;
    Ok((format, parsed))
}

/// The journal in `format`. `time_zone` gives jrnl's local times.
///
/// Every format may be printed to a terminal, and a journal written by an
/// older Keel may hold control characters: the text formats (CSV,
/// Markdown, jrnl) show them escaped (`\e`, `\u{9b}`…), keeping line
/// breaks and tabs; JSON writes them as `\u00XX` escapes, which lose
/// nothing.
///
/// # Errors
/// Only if encoding fails, which plain strings and numbers do not.
pub fn export(journal: &Journal, format: ExportFormat, time_zone: &TimeZone) -> Result<String, InteropError> {
    let text = match format {
        ExportFormat::Json => return json::write(journal),
        ExportFormat::Csv => csv::write(journal)?,
        ExportFormat::Markdown => markdown::write(journal),
        ExportFormat::JrnlText => jrnl_text::write(journal, time_zone),
    };
    Ok(match escape_control_lines(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    })
}

/// A fixed namespace for ids derived from content (a UUID v5 of it).
const DERIVED_ID_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6b65_656c_2d69_6d70_6f72_742d_6964_7331);

/// The id of a record from a source without ids: the same content always
/// gives the same id.
#[must_use]
pub fn derived_id(date: Date, created: Option<Timestamp>, title: &str, note: &str) -> DecisionId {
    let created = created.map(|created| created.to_string()).unwrap_or_default();
    let name = format!("{date}\u{1f}{created}\u{1f}{}\u{1f}{}", title.trim(), note.trim());
    DecisionId(uuid::Uuid::new_v5(&DERIVED_ID_NAMESPACE, name.as_bytes()).to_string())
}

/// The fields of a record as a reader found them, before they become a
/// [`Decision`].
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub id: Option<DecisionId>,
    pub date: Date,
    pub title: String,
    pub note: String,
    pub style: Option<Style>,
    pub situations: Vec<Situation>,
    pub tags: Vec<String>,
    pub people: Vec<String>,
    pub contrasts: Option<ContrastScores>,
    pub options: Vec<String>,
    pub expectation: String,
    pub confidence: Option<u8>,
    pub review_on: Option<Date>,
    pub review: Option<Review>,
    pub starred: bool,
    pub created: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    /// The fields the source gives (see [`Incoming::fields`]).
    pub present: FieldSet,
    /// The title and note an id is derived from when the source has none,
    /// when they differ from `title` and `note` (jrnl's, before tidying);
    /// `None`: `title` and `note` themselves.
    pub id_text: Option<(String, String)>,
}

impl Fields {
    /// Fields with only a date and a title.
    pub fn new(date: Date, title: String) -> Self {
        Self {
            id: None,
            date,
            title,
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
            created: None,
            updated: None,
            present: FieldSet::ALL,
            id_text: None,
        }
    }

    /// Tidies the fields as the editor does ([`Decision::tidy`]), fills
    /// missing times with the import's "now" and the id from the content
    /// when the source had none, then makes the one check every decision
    /// entering the journal passes ([`Decision::check_entry`]).
    pub fn into_incoming(self, at: Location, context: &ImportContext) -> Result<Incoming, RecordError> {
        let now = context.now;
        let title = self.title.trim();
        let has_source_id = self.id.is_some();
        let tidied = self.id_text.is_some();
        let id = self.id.unwrap_or_else(|| match &self.id_text {
            Some((raw_title, raw_note)) => derived_id(self.date, self.created, raw_title, raw_note),
            None => derived_id(self.date, self.created, title, &self.note),
        });
        let created = self.created.or(self.updated).unwrap_or(now);
        let mut decision = Decision {
            id,
            date: self.date,
            title: self.title,
            note: self.note,
            style: self.style,
            situations: self.situations,
            tags: self.tags,
            people: self.people,
            contrasts: self.contrasts,
            options: self.options,
            expectation: self.expectation,
            confidence: self.confidence,
            review_on: self.review_on,
            review: self.review,
            starred: self.starred,
            created,
            updated: self.updated.unwrap_or(created),
            // Stamped when the import is saved (a new edit of this journal).
            version: crate::model::Version::default(),
        };
        decision.tidy();
        checked(&decision, has_source_id, context).map_err(|message| RecordError { at, message })?;
        Ok(Incoming { at, decision, has_source_id, fields: self.present, tidied })
    }
}

/// The one check of every decision entering the journal
/// ([`Decision::check_entry`], the editor's and `keel add`'s own rules
/// among them), so an import cannot bring in what they would refuse. The
/// message names the decision (its title, and its id when the file gave
/// one) and what is wrong.
pub(crate) fn checked(decision: &Decision, has_source_id: bool, context: &ImportContext) -> Result<(), String> {
    decision.check_entry(context.today(), context.now).map_err(|error| match error {
        DraftError::EmptyTitle if has_source_id => {
            format!(
                "the title of the decision with id {} is empty; every decision needs one",
                escape_control(&decision.id.0)
            )
        }
        DraftError::EmptyTitle => "the title is empty; every decision needs one".to_owned(),
        other => format!("{}: {other}", named(decision, has_source_id)),
    })
}

/// A decision named for a message: its title (escaped, cut to 60
/// characters) and, when `with_id`, its id.
fn named(decision: &Decision, with_id: bool) -> String {
    const SHOWN: usize = 60;
    let title = escape_control(&decision.title);
    let title = if title.chars().count() > SHOWN {
        format!("{}\u{2026}", title.chars().take(SHOWN - 1).collect::<String>())
    } else {
        title.into_owned()
    };
    if with_id {
        format!("\u{201c}{title}\u{201d} (id {})", escape_control(&decision.id.0))
    } else {
        format!("\u{201c}{title}\u{201d}")
    }
}

/// Parses a `YYYY-MM-DD` day, naming the bad value.
pub(crate) fn parse_day(text: &str) -> Result<Date, String> {
    let trimmed = text.trim();
    let shaped = trimmed.len() == 10 && trimmed.as_bytes()[4] == b'-' && trimmed.as_bytes()[7] == b'-';
    match trimmed.parse::<Date>() {
        Ok(date) if shaped => Ok(date),
        Ok(_) => Err(format!("'{text}' is not a date in the form YYYY-MM-DD")),
        Err(error) => Err(format!("'{text}' is not a valid date ({error}); use YYYY-MM-DD")),
    }
}

/// Why a record was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The journal already has it, unchanged.
    AlreadyThere,
    /// The journal has this id with a change at least as recent.
    JournalNewer,
    /// The file has the same record elsewhere.
    Duplicate(Location),
    /// The file has a newer version (a later `updated`) of the same id.
    NewerInFile(Location),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AlreadyThere => f.write_str("already in the journal"),
            Self::JournalNewer => f.write_str("the journal's copy is as new or newer"),
            Self::Duplicate(first) => write!(f, "the same as {first}"),
            Self::NewerInFile(newer) => write!(f, "{newer} has a newer version of it"),
        }
    }
}

/// A record left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Where it is in the file.
    pub at: Location,
    /// Its title, to recognise it.
    pub title: String,
    /// Why.
    pub reason: SkipReason,
}

/// What an import would do: computed without changing anything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportPlan {
    /// New decisions, in file order.
    pub added: Vec<Decision>,
    /// Newer versions of decisions the journal has (same id): the journal's
    /// decision with the fields the file gives written over it.
    pub updated: Vec<Decision>,
    /// For each of `updated`, by id, the fields the update changes, in
    /// [`Field::ALL`]'s order (never `updated`, which every update
    /// changes): what the preview lists.
    pub changes: HashMap<DecisionId, Vec<Field>>,
    /// Records left out (already there, older, repeated).
    pub skipped: Vec<Skipped>,
    /// Records that could not be read.
    pub errors: Vec<RecordError>,
}

/// The key that matches records without ids: date, title and text (trimmed,
/// with Windows line ends read as plain ones, which jrnl's text cannot hold,
/// and tidied as a jrnl import tidies them).
fn content_key(decision: &Decision, tidy: bool) -> (Date, String, String) {
    let note = decision.note.trim().replace("\r\n", "\n");
    if tidy {
        // Read as a jrnl import tidies them, so a decision that went Keel →
        // jrnl → Keel, or one imported before the tidying, still matches
        // its copy. Other formats match their text as it is.
        (decision.date, jrnl::tidy_title(&decision.title), jrnl::untag(&note))
    } else {
        (decision.date, decision.title.trim().to_owned(), note)
    }
}

/// Whether two versions of a decision say the same, ignoring when they were
/// written.
fn same_content(a: &Decision, b: &Decision) -> bool {
    let b = Decision { created: a.created, updated: a.updated, ..b.clone() };
    a == &b
}

/// `existing` with the fields `fields` of `incoming` written over it; its
/// `updated` is always `incoming`'s (the file's, or the import's time when
/// the file has none).
fn overlay(existing: &Decision, incoming: &Decision, fields: FieldSet) -> Decision {
    if fields == FieldSet::ALL {
        return incoming.clone();
    }
    let mut after = existing.clone();
    for field in Field::ALL.into_iter().filter(|field| fields.contains(*field)) {
        field.copy(incoming, &mut after);
    }
    after.updated = incoming.updated;
    after
}

/// For each record, why it gives way to another of the same id in the
/// file: the one with the newest `updated` time is kept (the first of
/// equals), wherever it sits.
fn superseded(records: &[Incoming]) -> Vec<Option<SkipReason>> {
    let mut newest: HashMap<&DecisionId, usize> = HashMap::new();
    for (index, incoming) in records.iter().enumerate() {
        let kept = newest.entry(&incoming.decision.id).or_insert(index);
        if incoming.decision.updated > records[*kept].decision.updated {
            *kept = index;
        }
    }
    records
        .iter()
        .map(|incoming| {
            let kept = &records[*newest.get(&incoming.decision.id)?];
            if std::ptr::eq(kept, incoming) {
                None
            } else if kept.decision.updated > incoming.decision.updated {
                Some(SkipReason::NewerInFile(kept.at))
            } else {
                Some(SkipReason::Duplicate(kept.at))
            }
        })
        .collect()
}

impl ImportPlan {
    /// Sets what was read against `journal` (see the module documentation).
    #[must_use]
    pub fn new(journal: &Journal, parsed: Parsed) -> Self {
        let by_id: HashMap<&DecisionId, &Decision> =
            journal.decisions().iter().map(|decision| (&decision.id, decision)).collect();
        let contents: HashSet<(Date, String, String)> =
            journal.decisions().iter().map(|decision| content_key(decision, false)).collect();
        // The tidied keys only when a jrnl file needs them.
        let tidied_contents: HashSet<(Date, String, String)> = if parsed.records.iter().any(|r| r.tidied) {
            journal.decisions().iter().map(|decision| content_key(decision, true)).collect()
        } else {
            HashSet::new()
        };
        let superseded = superseded(&parsed.records);
        let mut plan = Self { errors: parsed.errors, ..Self::default() };
        for (incoming, superseded) in parsed.records.into_iter().zip(superseded) {
            let Incoming { at, decision, has_source_id, fields, tidied } = incoming;
            let skip = |reason| Skipped { at, title: decision.title.clone(), reason };
            if let Some(reason) = superseded {
                plan.skipped.push(skip(reason));
                continue;
            }
            // An update keeps what the file does not give: a CSV of only
            // id, date and title leaves the note, people, review… alone.
            let update = by_id.get(&decision.id).map(|existing| (existing, overlay(existing, &decision, fields)));
            match update {
                Some((existing, after)) if same_content(existing, &after) => {
                    plan.skipped.push(skip(SkipReason::AlreadyThere));
                }
                Some((existing, after)) if after.updated > existing.updated => match after.check() {
                    Ok(()) => {
                        let changed = Field::ALL
                            .into_iter()
                            .filter(|field| *field != Field::Updated && !field.same(existing, &after))
                            .collect();
                        plan.changes.insert(after.id.clone(), changed);
                        plan.updated.push(after);
                    }
                    // The file's fields may not fit the journal's others
                    // (a new date after the kept review date).
                    Err(error) => plan.errors.push(RecordError {
                        at,
                        message: format!("{} with the journal's other fields: {error}", named(&after, has_source_id)),
                    }),
                },
                Some(_) => plan.skipped.push(skip(SkipReason::JournalNewer)),
                None if !has_source_id
                    && (if tidied { &tidied_contents } else { &contents })
                        .contains(&content_key(&decision, tidied)) =>
                {
                    plan.skipped.push(skip(SkipReason::AlreadyThere));
                }
                None => plan.added.push(decision),
            }
        }
        plan
    }

    /// Whether applying would change the journal.
    #[must_use]
    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty()
    }

    /// The fields the update of `decision` changes, as the preview lists
    /// them ("title, note"); empty for a decision the plan does not update.
    #[must_use]
    pub fn changed_fields(&self, decision: &Decision) -> String {
        self.changes
            .get(&decision.id)
            .map(|fields| fields.iter().map(|field| field.label()).collect::<Vec<_>>().join(", "))
            .unwrap_or_default()
    }

    /// "3 added, 1 updated, 2 skipped".
    #[must_use]
    pub fn counts(&self) -> String {
        format!("{} added, {} updated, {} skipped", self.added.len(), self.updated.len(), self.skipped.len())
    }
}

/// What [`apply`] changed. Undo and redo of an import go through the
/// window's one history of edits (`app::command`), like every other edit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Decisions appended to the journal.
    pub added: Vec<Decision>,
    /// Decisions replaced: (before, after).
    pub replaced: Vec<(Decision, Decision)>,
}

impl Applied {
    /// Whether nothing changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.replaced.is_empty()
    }

    /// How many decisions changed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.added.len() + self.replaced.len()
    }
}

/// Applies `plan` to `journal`: appends the new decisions and replaces the
/// updated ones. Errors in the plan are the caller's to weigh (see
/// `--skip-bad`); they hold no decisions. Safe if the journal changed since
/// the plan was made: an id that appeared meanwhile is not added twice, and
/// an update whose decision was deleted meanwhile is added back. Each id is
/// looked up in an index built once, so an import costs about what its plan
/// (the dry run) costs, not journal size times file size.
pub fn apply(plan: &ImportPlan, journal: &mut Journal) -> Applied {
    let mut applied = Applied::default();
    let mut positions = journal.positions();
    for decision in &plan.added {
        if let std::collections::hash_map::Entry::Vacant(slot) = positions.entry(decision.id.clone()) {
            slot.insert(journal.len());
            journal.push(decision.clone());
            applied.added.push(decision.clone());
        }
    }
    for after in &plan.updated {
        let replaced = positions
            .get(&after.id)
            .and_then(|&at| journal.at_mut(at))
            .map(|slot| std::mem::replace(slot, after.clone()));
        match replaced {
            Some(before) if &before == after => {}
            Some(before) => applied.replaced.push((before, after.clone())),
            None => {
                positions.insert(after.id.clone(), journal.len());
                journal.push(after.clone());
                applied.added.push(after.clone());
            }
        }
    }
    applied
}

#[cfg(test)]
mod tests;
