//! Keel's JSON: the lossless interchange format. Every field of every
//! decision, ids included, in the journal file's own shape:
//!
//! ```json
//! { "version": 1, "decisions": [ { "id": "…", "date": "2026-03-14", "title": "…", … } ] }
//! ```
//!
//! The fields are those of the journal file (see [`crate::storage`]). A file
//! from a newer Keel is refused. An array of decisions (as
//! `keel list --format json` prints) is read too; its extra
//! `recommendation` and `fit` fields are ignored.

use serde::Serialize;
use serde_json::Value;

use super::{
    Field, FieldSet, FormatError, ImportContext, ImportFormat, Incoming, InteropError, Location, Parsed, RecordError,
};
use crate::model::decision::clean_names;
use crate::model::review::{PROCESS_MAX, PROCESS_MIN};
use crate::model::{ContrastScores, Decision, Goal, Journal, Reflection};

/// The version of Keel's JSON interchange format. It has its own number:
/// the journal file's format (with its tombstones) can change without the
/// interchange format changing.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    decisions: &'a [Decision],
    /// Goals and weekly reflections, so the export holds everything the
    /// user wrote; written only when there are some, so a journal without
    /// them exports as before. Import reads the decisions only.
    #[serde(skip_serializing_if = "<[Goal]>::is_empty")]
    goals: &'a [Goal],
    #[serde(skip_serializing_if = "<[Reflection]>::is_empty")]
    reflections: &'a [Reflection],
}

/// The journal as Keel JSON, in stored order.
///
/// # Errors
/// Only if encoding fails, which plain strings and numbers do not.
pub fn write(journal: &Journal) -> Result<String, InteropError> {
    let file = FileOut {
        version: JSON_VERSION,
        decisions: journal.decisions(),
        goals: journal.goals(),
        reflections: journal.reflections(),
    };
    let mut text = serde_json::to_string_pretty(&file)
        .map_err(|error| InteropError::Encode { format: "JSON", message: error.to_string() })?;
    text.push('\n');
    Ok(escape_raw_controls(text))
}

/// JSON text with the control characters serde leaves raw (DEL and the C1
/// controls, such as U+009B, which a terminal may take for the start of an
/// escape sequence) written as `\u00XX` escapes: the same JSON, safe to
/// print. serde already escapes the others inside strings, and the text's
/// own line breaks stay.
#[must_use]
pub fn escape_raw_controls(text: String) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            // `\u` and four hex digits: every control is below U+00A0.
            out.push_str("\\u");
            for shift in [12, 8, 4, 0] {
                out.push(char::from_digit((u32::from(c) >> shift) & 0xf, 16).unwrap_or('0'));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Tells Keel JSON from a jrnl export by its shape; text that is not JSON
/// counts as Keel JSON, whose reader then says what is wrong.
#[must_use]
pub fn sniff(text: &str) -> ImportFormat {
    match serde_json::from_str::<Value>(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        Ok(Value::Object(object)) if object.contains_key("entries") && !object.contains_key("decisions") => {
            ImportFormat::JrnlJson
        }
        _ => ImportFormat::KeelJson,
    }
}

/// Reads Keel JSON.
///
/// # Errors
/// When the text is not JSON, not Keel's shape, or from a newer Keel.
pub fn read(text: &str, context: &ImportContext) -> Result<Parsed, FormatError> {
    let value: Value = serde_json::from_str(text).map_err(|error| FormatError(error.to_string()))?;
    let decisions = match value {
        Value::Array(decisions) => decisions,
        Value::Object(mut object) => {
            if object.contains_key("entries") && !object.contains_key("decisions") {
                return Err(FormatError(
                    "this is a jrnl export, not Keel JSON; import it as jrnl JSON (--from jrnl-json)".to_owned(),
                ));
            }
            let version = object.get("version").and_then(Value::as_u64).ok_or_else(|| {
                FormatError("there is no \"version\"; Keel JSON is {\"version\": 1, \"decisions\": […]}".to_owned())
            })?;
            if version > u64::from(JSON_VERSION) {
                return Err(FormatError(format!(
                    "it was written by a newer Keel (version {version}; this build reads up to version {JSON_VERSION}); update Keel to import it"
                )));
            }
            match object.remove("decisions") {
                Some(Value::Array(decisions)) => decisions,
                _ => return Err(FormatError("\"decisions\" is missing or not a list".to_owned())),
            }
        }
        _ => return Err(FormatError("expected {\"version\": 1, \"decisions\": […]}".to_owned())),
    };
    let mut parsed = Parsed::default();
    for (index, value) in decisions.into_iter().enumerate() {
        let at = Location::Decision(index + 1);
        // The keys a decision has are the fields it gives: one without a
        // "note" leaves the journal's note as it is.
        let fields: FieldSet = match &value {
            Value::Object(object) => object.keys().filter_map(|key| Field::of_key(key)).collect(),
            _ => FieldSet::ALL,
        };
        match read_decision(value, context) {
            Ok(decision) => parsed.records.push(Incoming { at, decision, has_source_id: true, fields, tidied: false }),
            Err(message) => parsed.errors.push(RecordError { at, message }),
        }
    }
    Ok(parsed)
}

fn read_decision(value: Value, context: &ImportContext) -> Result<Decision, String> {
    let mut decision: Decision = serde_json::from_value(value).map_err(|error| error.to_string())?;
    if decision.id.0.trim().is_empty() {
        return Err("the id is empty".to_owned());
    }
    // Repeats dropped as every other way in drops them (linear, whatever
    // their number; too many are then refused by name).
    decision.tags = clean_names(std::mem::take(&mut decision.tags));
    decision.people = clean_names(std::mem::take(&mut decision.people));
    super::checked(&decision, true, context)?;
    if let Some(process) = decision.review.as_ref().and_then(|review| review.process)
        && !(PROCESS_MIN..=PROCESS_MAX).contains(&process)
    {
        return Err(format!("the review's process score must be from {PROCESS_MIN} to {PROCESS_MAX}, not {process}"));
    }
    if let Some(scores) = decision.contrasts
        && scores.clamped() != scores
    {
        return Err(format!(
            "contrast scores must be from {} to {}, not {:?}",
            ContrastScores::MIN,
            ContrastScores::MAX,
            scores.as_array()
        ));
    }
    Ok(decision)
}
