//! CSV (RFC 4180) with a header row, UTF-8 with or without a byte-order
//! mark.
//!
//! Keel writes these columns, in this order:
//!
//! | column | content |
//! | --- | --- |
//! | `id` | the decision's stable id |
//! | `date` | `YYYY-MM-DD` |
//! | `title` | one line |
//! | `style` | `leadership`, `management`, `blend` or empty |
//! | `situations` | situation ids separated by `;` |
//! | `tags`, `people` | names separated by `;` |
//! | `note` | free text; commas, quotes and line breaks are quoted |
//! | `starred` | `true` or `false` |
//! | `vision_execution`, `people_process`, `inspiration_control`, `change_stability` | the contrast lens, −2 … 2, all empty when not scored |
//! | `options` | other options considered, one per line (they are phrases, where a `;` is at home) |
//! | `expectation` | what the decision was expected to bring |
//! | `confidence` | 0 … 100, or empty |
//! | `review_on` | when to review it, `YYYY-MM-DD` or empty |
//! | `reviewed_on`, `outcome`, `result`, `process`, `lesson` | the review, all empty when there is none; `result` is `better`, `as-expected` or `worse`, `process` 1 … 5 or empty |
//! | `created`, `updated` | RFC 3339 times, e.g. `2026-03-14T09:12:00Z` |
//!
//! On import the columns may come in any order and in any case; only `date`
//! and `title` are required. A row without an `id` gets one derived from its
//! content, a row without times gets the time of the import. A row that
//! updates a decision the journal has changes only the fields the file has
//! columns for: every other field keeps the journal's value. Other columns
//! (such as `recommendation` and `fit` from `keel list --format csv`) are
//! ignored. A `;` inside a tag or name cannot be told from the separator.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return as a formula, so a title such as `=HYPERLINK(…)` could act
//! when the file is opened. Keel writes such a cell with a leading `'`
//! (OWASP's advice; spreadsheets show the text and hide the quote), leaving
//! plain numbers such as `-2` alone, and its import takes exactly that quote
//! off again, so its own export reads back unchanged. A cell that already
//! starts with quotes before such a character gets one more, so it too
//! survives the trip.

use std::borrow::Cow;
use std::collections::HashMap;

use jiff::Timestamp;

use super::{
    Field, FieldSet, Fields, FormatError, ImportContext, InteropError, Location, Parsed, RecordError, parse_day,
};
use crate::model::decision::escape_control_lines;
use crate::model::review::{PROCESS_MAX, PROCESS_MIN};
use crate::model::{ContrastScores, Decision, DecisionId, Journal, Review, ReviewResult, Situation, Style};

/// The columns Keel writes, in order.
pub const COLUMNS: [&str; 24] = [
    "id",
    "date",
    "title",
    "style",
    "situations",
    "tags",
    "people",
    "note",
    "starred",
    "vision_execution",
    "people_process",
    "inspiration_control",
    "change_stability",
    "options",
    "expectation",
    "confidence",
    "review_on",
    "reviewed_on",
    "outcome",
    "result",
    "process",
    "lesson",
    "created",
    "updated",
];

/// The review's columns: a row has a review when any of them is filled.
const REVIEW_COLUMNS: [&str; 5] = ["reviewed_on", "outcome", "result", "process", "lesson"];

/// The four contrast columns, in [`ContrastScores::as_array`] order.
const CONTRAST_COLUMNS: [&str; 4] = ["vision_execution", "people_process", "inspiration_control", "change_stability"];

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` is a plain number (`-2`, `+1.5`), which a spreadsheet
/// reads as a number, not a formula.
fn plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `cell`, after any leading quotes, starts like a formula.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS) && !plain_number(cell)
}

/// `cell` as written to a CSV file: with a leading `'` when a spreadsheet
/// would run it as a formula (see the module documentation).
#[must_use]
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// A cell as read from a CSV file: the quote [`neutralise`] added taken off.
#[must_use]
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

fn joined<T: ToString>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(";")
}

/// A column of a CSV of decisions: its header and how a decision fills it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The decision's id.
    Id,
    /// Its day.
    Date,
    /// Its title.
    Title,
    /// Its style's id, blank when untagged.
    Style,
    /// Its situations' ids, `;`-separated.
    Situations,
    /// Its tags, `;`-separated.
    Tags,
    /// Its people, `;`-separated.
    People,
    /// Its note.
    Note,
    /// `true` or `false`.
    Starred,
    /// One contrast score, by its index in [`ContrastScores::as_array`].
    Contrast(usize),
    /// Other options considered, a line each.
    Options,
    /// The expected outcome.
    Expectation,
    /// Confidence in the expectation, 0–100.
    Confidence,
    /// When to review it.
    ReviewOn,
    /// When it was reviewed.
    ReviewedOn,
    /// The review's outcome.
    Outcome,
    /// The review's result's id.
    Result,
    /// The review's process score.
    Process,
    /// The review's lesson.
    Lesson,
    /// When it was written.
    Created,
    /// When it was last changed.
    Updated,
    /// The style the guidance recommends for its situations.
    Recommendation,
    /// How its style fits that recommendation.
    Fit,
}

/// The columns of `keel export --format csv`, which imports read back: every
/// stored field ([`COLUMNS`] are their headers).
pub const EXPORT_COLUMNS: [Column; 24] = [
    Column::Id,
    Column::Date,
    Column::Title,
    Column::Style,
    Column::Situations,
    Column::Tags,
    Column::People,
    Column::Note,
    Column::Starred,
    Column::Contrast(0),
    Column::Contrast(1),
    Column::Contrast(2),
    Column::Contrast(3),
    Column::Options,
    Column::Expectation,
    Column::Confidence,
    Column::ReviewOn,
    Column::ReviewedOn,
    Column::Outcome,
    Column::Result,
    Column::Process,
    Column::Lesson,
    Column::Created,
    Column::Updated,
];

impl Column {
    /// The header row's name of the column.
    #[must_use]
    pub fn header(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Date => "date",
            Self::Title => "title",
            Self::Style => "style",
            Self::Situations => "situations",
            Self::Tags => "tags",
            Self::People => "people",
            Self::Note => "note",
            Self::Starred => "starred",
            Self::Contrast(index) => CONTRAST_COLUMNS.get(index).copied().unwrap_or("contrast"),
            Self::Options => "options",
            Self::Expectation => "expectation",
            Self::Confidence => "confidence",
            Self::ReviewOn => "review_on",
            Self::ReviewedOn => "reviewed_on",
            Self::Outcome => "outcome",
            Self::Result => "result",
            Self::Process => "process",
            Self::Lesson => "lesson",
            Self::Created => "created",
            Self::Updated => "updated",
            Self::Recommendation => "recommendation",
            Self::Fit => "fit",
        }
    }

    /// The cell of `decision` in this column, before the guards of
    /// [`write_decisions`].
    #[must_use]
    pub fn cell(self, decision: &Decision) -> Cow<'_, str> {
        let review = decision.review.as_ref();
        let owned = |text: Option<String>| Cow::Owned(text.unwrap_or_default());
        match self {
            Self::Id => Cow::Owned(decision.id.to_string()),
            Self::Date => Cow::Owned(decision.date.to_string()),
            Self::Title => Cow::Borrowed(&decision.title),
            Self::Style => Cow::Borrowed(decision.style.map_or("", |style| style.id())),
            Self::Situations => Cow::Owned(joined(&decision.situations)),
            Self::Tags => Cow::Owned(joined(&decision.tags)),
            Self::People => Cow::Owned(joined(&decision.people)),
            Self::Note => Cow::Borrowed(&decision.note),
            Self::Starred => Cow::Borrowed(if decision.starred { "true" } else { "false" }),
            Self::Contrast(index) => {
                owned(decision.contrasts.and_then(|scores| scores.as_array().get(index).map(ToString::to_string)))
            }
            Self::Options => Cow::Owned(decision.options.join("\n")),
            Self::Expectation => Cow::Borrowed(&decision.expectation),
            Self::Confidence => owned(decision.confidence.map(|confidence| confidence.to_string())),
            Self::ReviewOn => owned(decision.review_on.map(|day| day.to_string())),
            Self::ReviewedOn => owned(review.map(|review| review.reviewed_on.to_string())),
            Self::Outcome => review.map_or(Cow::Borrowed(""), |review| Cow::Borrowed(&review.outcome)),
            Self::Result => Cow::Borrowed(review.map_or("", |review| review.result.id())),
            Self::Process => owned(review.and_then(|review| review.process).map(|process| process.to_string())),
            Self::Lesson => review.map_or(Cow::Borrowed(""), |review| Cow::Borrowed(&review.lesson)),
            Self::Created => Cow::Owned(decision.created.to_string()),
            Self::Updated => Cow::Owned(decision.updated.to_string()),
            Self::Recommendation => {
                Cow::Borrowed(crate::guidance::recommend(&decision.situations).map_or("", |style| style.id()))
            }
            Self::Fit => owned(
                crate::guidance::fit(decision.style, crate::guidance::recommend(&decision.situations))
                    .map(|fit| fit.to_string()),
            ),
        }
    }
}

/// Writes `decisions` as CSV with `columns` (a header row, then a row
/// each) and gives `out` back. The one CSV writer of decisions, for
/// `keel export` and `keel list`, so every cell passes the same guards: no
/// control character that would drive a terminal (an older journal may hold
/// one; shown escaped) and no cell a spreadsheet would run as a formula
/// ([`neutralise`]).
///
/// # Errors
/// When `out` cannot be written.
pub fn write_decisions<'a, W: std::io::Write>(
    decisions: impl IntoIterator<Item = &'a Decision>,
    columns: &[Column],
    out: W,
) -> Result<W, ::csv::Error> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(columns.iter().map(|column| column.header()))?;
    let mut cells: Vec<String> = Vec::with_capacity(columns.len());
    for decision in decisions {
        cells.clear();
        for column in columns {
            let cell = column.cell(decision);
            let escaped = escape_control_lines(&cell);
            cells.push(neutralise(&escaped).into_owned());
        }
        writer.write_record(&cells)?;
    }
    writer.into_inner().map_err(|error| ::csv::Error::from(error.into_error()))
}

/// The journal as CSV, in stored order, with every stored field.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn write(journal: &Journal) -> Result<String, InteropError> {
    let encode = |message: String| InteropError::Encode { format: "CSV", message };
    let bytes =
        write_decisions(journal.decisions(), &EXPORT_COLUMNS, Vec::new()).map_err(|error| encode(error.to_string()))?;
    String::from_utf8(bytes).map_err(|error| encode(error.to_string()))
}

/// If a quoted field is still open at the end of `text`, the line where its
/// quote opened.
fn unterminated_quote(text: &str) -> Option<usize> {
    let mut line = 1;
    let mut in_quotes = false;
    let mut field_start = true;
    let mut opened_on = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        match c {
            '"' if field_start => {
                in_quotes = true;
                opened_on = line;
                field_start = false;
            }
            ',' | '\n' | '\r' => field_start = true,
            _ => field_start = false,
        }
    }
    in_quotes.then_some(opened_on)
}

/// Splits a `;`-separated cell, dropping blanks.
fn list(cell: &str) -> Vec<&str> {
    cell.split(';').map(str::trim).filter(|item| !item.is_empty()).collect()
}

/// Reads CSV.
///
/// # Errors
/// When there is no header row or it lacks a `date` or `title` column.
pub fn read(text: &str, context: &ImportContext) -> Result<Parsed, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FormatError("the file is empty; a CSV import needs a header row".to_owned()));
    }
    let unterminated = unterminated_quote(text);
    let mut reader = ::csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|error| FormatError(format!("row 1 (the header): {error}")))?.clone();
    let records: Vec<_> = reader.records().collect();
    let count = records.len();
    if unterminated.is_some() && count == 0 {
        return Err(FormatError("row 1 (the header): a quoted column name is never closed".to_owned()));
    }
    let mut columns: HashMap<String, usize> = HashMap::new();
    for (index, name) in header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        // Two columns of a name Keel reads would leave one of them unread.
        if let Some(first) = columns.get(&name).filter(|_| COLUMNS.contains(&name.as_str())) {
            return Err(FormatError(format!(
                "row 1 (the header): the column '{name}' appears twice (columns {} and {}); keep one of them, so no data is dropped",
                first + 1,
                index + 1
            )));
        }
        columns.entry(name).or_insert(index);
    }
    for required in ["date", "title"] {
        if !columns.contains_key(required) {
            return Err(FormatError(format!(
                "the header row has no '{required}' column (it has: {}); Keel reads {}",
                header.iter().collect::<Vec<_>>().join(", "),
                COLUMNS.join(", ")
            )));
        }
    }
    let present = present_fields(&columns);
    let mut parsed = Parsed::default();
    for (index, record) in records.into_iter().enumerate() {
        let at = Location::Row(index + 2);
        let error = |message: String| RecordError { at, message };
        let record = match record {
            Ok(record) => record,
            Err(csv_error) => {
                parsed.errors.push(error(csv_error.to_string()));
                continue;
            }
        };
        if let (Some(line), true) = (unterminated, index + 1 == count) {
            parsed.errors.push(error(format!(
                "a quoted field opened on line {line} is never closed (a \" is missing), so the rest of the file ran into it"
            )));
            continue;
        }
        if record.len() != header.len() {
            let fields = crate::model::words::count(record.len(), "field", "fields");
            parsed.errors.push(error(format!("{fields}, but the header has {}", header.len())));
            continue;
        }
        let cell = |name: &str| columns.get(name).and_then(|&index| record.get(index)).map_or("", restore);
        match read_row(&cell).map_err(|problems| error(problems.join("; "))).and_then(|mut f| {
            f.present = present;
            f.into_incoming(at, context)
        }) {
            Ok(incoming) => parsed.records.push(incoming),
            Err(record_error) => parsed.errors.push(record_error),
        }
    }
    Ok(parsed)
}

/// The fields the file's columns give: an update leaves every other field
/// of the journal's decision as it is (a file of only `id,date,title`
/// clears nothing).
fn present_fields(columns: &HashMap<String, usize>) -> FieldSet {
    let has = |name: &str| columns.contains_key(name);
    let mut fields = FieldSet::NONE;
    for (name, field) in [
        ("date", Field::Date),
        ("title", Field::Title),
        ("note", Field::Note),
        ("style", Field::Style),
        ("situations", Field::Situations),
        ("tags", Field::Tags),
        ("people", Field::People),
        ("options", Field::Options),
        ("expectation", Field::Expectation),
        ("confidence", Field::Confidence),
        ("review_on", Field::ReviewOn),
        ("starred", Field::Starred),
        ("created", Field::Created),
        ("updated", Field::Updated),
    ] {
        if has(name) {
            fields = fields.with(field);
        }
    }
    if CONTRAST_COLUMNS.iter().any(|name| has(name)) {
        fields = fields.with(Field::Contrasts);
    }
    if REVIEW_COLUMNS.iter().any(|name| has(name)) {
        fields = fields.with(Field::Review);
    }
    fields
}

/// The fields of one row; every problem found, each naming its value.
fn read_row<'a>(cell: &impl Fn(&str) -> &'a str) -> Result<Fields, Vec<String>> {
    let mut problems = Vec::new();
    let date = parse_day(cell("date")).map_err(|problem| problems.push(problem)).ok();
    let style = match cell("style").trim() {
        "" => None,
        text => text.parse::<Style>().map_err(|error| problems.push(error.to_string())).ok(),
    };
    let mut situations = Vec::new();
    for id in list(cell("situations")) {
        match id.parse::<Situation>() {
            Ok(situation) => situations.push(situation),
            Err(error) => problems.push(error.to_string()),
        }
    }
    let starred = match cell("starred").trim().to_lowercase().as_str() {
        "" | "false" | "no" | "0" => false,
        "true" | "yes" | "1" | "*" => true,
        other => {
            problems.push(format!("starred must be true or false, not '{other}'"));
            false
        }
    };
    let contrasts = read_contrasts(cell).map_err(|problem| problems.push(problem)).ok().flatten();
    let mut time = |name: &str| match cell(name).trim() {
        "" => None,
        text => text
            .parse::<Timestamp>()
            .map_err(|_| problems.push(format!("{name} '{text}' is not a time such as 2026-03-14T09:12:00Z")))
            .ok(),
    };
    let (created, updated) = (time("created"), time("updated"));
    let confidence = match cell("confidence").trim().trim_end_matches('%').trim() {
        "" => None,
        text => text
            .parse::<u8>()
            .ok()
            .filter(|confidence| *confidence <= 100)
            .ok_or_else(|| problems.push(format!("confidence must be a whole number from 0 to 100, not '{text}'")))
            .ok(),
    };
    let review_on = match cell("review_on").trim() {
        "" => None,
        text => parse_day(text).map_err(|problem| problems.push(format!("review_on: {problem}"))).ok(),
    };
    let review = read_review(cell).map_err(|problem| problems.push(problem)).ok().flatten();
    let Some(date) = date else { return Err(problems) };
    if !problems.is_empty() {
        return Err(problems);
    }
    let id = cell("id").trim();
    let mut fields = Fields::new(date, cell("title").to_owned());
    fields.id = (!id.is_empty()).then(|| DecisionId(id.to_owned()));
    cell("note").clone_into(&mut fields.note);
    fields.style = style;
    fields.situations = situations;
    fields.tags = list(cell("tags")).into_iter().map(str::to_owned).collect();
    fields.people = list(cell("people")).into_iter().map(str::to_owned).collect();
    fields.contrasts = contrasts;
    fields.options = cell("options").lines().map(str::to_owned).collect();
    cell("expectation").clone_into(&mut fields.expectation);
    fields.confidence = confidence;
    fields.review_on = review_on;
    fields.review = review;
    fields.starred = starred;
    fields.created = created;
    fields.updated = updated;
    Ok(fields)
}

/// The review: `None` when all its cells are empty; otherwise
/// `reviewed_on` and `result` are needed.
fn read_review<'a>(cell: &impl Fn(&str) -> &'a str) -> Result<Option<Review>, String> {
    if REVIEW_COLUMNS.iter().all(|name| cell(name).trim().is_empty()) {
        return Ok(None);
    }
    let reviewed_on = match cell("reviewed_on").trim() {
        "" => return Err("a review needs its date in reviewed_on".to_owned()),
        text => parse_day(text).map_err(|problem| format!("reviewed_on: {problem}"))?,
    };
    let result = match cell("result").trim() {
        "" => return Err(format!("a review needs a result ({})", ReviewResult::valid_ids())),
        text => text.parse::<ReviewResult>().map_err(|error| error.to_string())?,
    };
    let process = match cell("process").trim() {
        "" => None,
        text => {
            Some(text.parse::<u8>().ok().filter(|process| (PROCESS_MIN..=PROCESS_MAX).contains(process)).ok_or_else(
                || format!("process must be a whole number from {PROCESS_MIN} to {PROCESS_MAX}, not '{text}'"),
            )?)
        }
    };
    Ok(Some(Review {
        reviewed_on,
        outcome: cell("outcome").to_owned(),
        result,
        process,
        lesson: cell("lesson").to_owned(),
    }))
}

/// The contrast lens: `None` when all four cells are empty; a missing one
/// among set ones counts as 0.
fn read_contrasts<'a>(cell: &impl Fn(&str) -> &'a str) -> Result<Option<ContrastScores>, String> {
    if CONTRAST_COLUMNS.iter().all(|name| cell(name).trim().is_empty()) {
        return Ok(None);
    }
    let mut scores = [0_i8; 4];
    for (score, name) in scores.iter_mut().zip(CONTRAST_COLUMNS) {
        let text = cell(name).trim();
        if text.is_empty() {
            continue;
        }
        *score = text
            .parse::<i8>()
            .ok()
            .filter(|value| (ContrastScores::MIN..=ContrastScores::MAX).contains(value))
            .ok_or_else(|| format!("{name} must be a whole number from -2 to 2, not '{text}'"))?;
    }
    let [vision_execution, people_process, inspiration_control, change_stability] = scores;
    Ok(Some(ContrastScores { vision_execution, people_process, inspiration_control, change_stability }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_quote_is_found_with_its_line() {
        assert_eq!(unterminated_quote("a,b\n1,\"two\"\n"), None);
        assert_eq!(unterminated_quote("a,b\n1,\"it said \"\"hi\"\"\"\n"), None);
        assert_eq!(unterminated_quote("a,b\n1,2\n3,\"open\n4,5\n"), Some(3));
        assert_eq!(unterminated_quote("a,b\n1,x\"y\n"), None, "a quote inside a field is literal");
    }
}
