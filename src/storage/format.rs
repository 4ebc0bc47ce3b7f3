//! The journal's file format (see the module doc of [`super`]): parsing any
//! version into [`Contents`], and writing the current one. Layer 1, the
//! format: text in, text out, no file access at all.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::StorageError;
use super::limits::{CURRENT_VERSION, OLDEST_VERSION};
use super::merge::{Contents, Tombstone};
use super::ron_writer;
pub mod fields;

use crate::model::{BriefMark, Decision, Goal, Journal, RecordTombstone, Reflection, TalkingPoint};

/// The on-disk shape, borrowed for writing.
#[derive(Serialize)]
pub(crate) struct FileOut<'a> {
    pub(super) version: u32,
    pub(super) decisions: &'a [Decision],
    pub(super) deleted: &'a [Tombstone],
    #[serde(skip_serializing_if = "<[TalkingPoint]>::is_empty")]
    pub(super) talking_points: &'a [TalkingPoint],
    #[serde(skip_serializing_if = "<[BriefMark]>::is_empty")]
    pub(super) briefs: &'a [BriefMark],
    #[serde(skip_serializing_if = "<[Goal]>::is_empty")]
    pub(super) goals: &'a [Goal],
    #[serde(skip_serializing_if = "<[Reflection]>::is_empty")]
    pub(super) reflections: &'a [Reflection],
    #[serde(skip_serializing_if = "<[RecordTombstone]>::is_empty")]
    pub(super) removed: &'a [RecordTombstone],
}

/// The on-disk shape of version 1.
#[derive(Deserialize)]
pub(super) struct FileV1 {
    #[serde(rename = "version")]
    _version: u32,
    decisions: Vec<Decision>,
}

/// The on-disk shape of versions 2 to 4 (3 adds the decisions' and
/// tombstones' `version`, optional in the shape: a version 2 file gets them
/// from its times as it is read; 4 adds goals, reflections and their
/// tombstones, empty when absent).
#[derive(Deserialize)]
pub(super) struct FileV2 {
    version: u32,
    decisions: Vec<Decision>,
    #[serde(default)]
    deleted: Vec<Tombstone>,
    /// Added within version 2 and optional, so files without it still load;
    /// serde ignores unknown fields, so an older Keel still reads a file
    /// that has it (it does not show the points).
    #[serde(default)]
    talking_points: Vec<TalkingPoint>,
    #[serde(default)]
    briefs: Vec<BriefMark>,
    #[serde(default)]
    goals: Vec<Goal>,
    #[serde(default)]
    reflections: Vec<Reflection>,
    #[serde(default)]
    removed: Vec<RecordTombstone>,
}

/// Just the version, read first so a newer file is refused before its
/// content is interpreted.
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// A parsed file: what it holds and the format version it was in.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Decisions and tombstones.
    pub contents: Contents,
    /// The file's `version`.
    pub version: u32,
    /// The first field in the file this Keel does not know: reading ignores
    /// it, and a save would drop it, so writers refuse ([`fields`]).
    pub unknown_field: Option<fields::UnknownField>,
}

/// Parses journal text; `path` only names the source in errors.
///
/// # Errors
/// As [`super::load`], minus the I/O cases.
pub fn parse(text: &str, path: &Path) -> Result<Journal, StorageError> {
    parse_file(text, path).map(|parsed| parsed.contents.journal)
}

/// Parses journal text of any supported version, migrating it to the current
/// shape; `path` only names the source in errors. A decision with more tags
/// or people than Keel allows ([`crate::model::decision::MAX_NAMES`]) is
/// refused by its line, as every other way in refuses it.
///
/// # Errors
/// As [`parse`].
pub fn parse_file(text: &str, path: &Path) -> Result<Parsed, StorageError> {
    let parsed = parse_any_version(text, path)?;
    refuse_too_many_names(&parsed.contents.journal, text.strip_prefix('\u{feff}').unwrap_or(text), path)?;
    Ok(parsed)
}

/// The first decision of `journal` carrying more tags or people than
/// allowed, as a parse error at the line of its id.
fn refuse_too_many_names(journal: &Journal, text: &str, path: &Path) -> Result<(), StorageError> {
    use crate::model::decision::{MAX_NAMES, escape_control};
    let Some(decision) = journal.decisions().iter().find(|d| d.tags.len() > MAX_NAMES || d.people.len() > MAX_NAMES)
    else {
        return Ok(());
    };
    let (field, count) =
        if decision.tags.len() > MAX_NAMES { ("tags", decision.tags.len()) } else { ("people", decision.people.len()) };
    let error = crate::model::DraftError::TooMany { field, count, max: MAX_NAMES };
    // Where the decision starts: the line of its id.
    let at = text.find(&format!("id: {}", ron_string(&decision.id.0))).unwrap_or(0);
    let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
    Err(StorageError::Parse {
        path: path.to_owned(),
        line: text[..at].matches('\n').count() + 1,
        column: text[line_start..at].chars().count() + 1,
        message: format!(
            "the decision \u{201c}{}\u{201d} (id {}): {error}",
            escape_control(&decision.title),
            escape_control(&decision.id.0)
        ),
    })
}

/// `text` as a RON string literal, as the journal file writes it.
fn ron_string(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

/// [`parse_file`] without the check of its decisions.
fn parse_any_version(text: &str, path: &Path) -> Result<Parsed, StorageError> {
    const _: () = assert!(CURRENT_VERSION == 4, "the fast path reads version 4: update it with the version");
    profiling::scope!("storage::parse_file");
    // Windows Notepad starts UTF-8 files with a byte-order mark; it is not
    // part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parse_error = |error: ron::error::SpannedError| StorageError::Parse {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: match error.code {
            // ron's own words point at a parser option, not at the file.
            ron::Error::ExceededRecursionLimit => {
                "brackets are nested far deeper than in any journal: the file is damaged or not a Keel journal"
                    .to_owned()
            }
            code => in_users_words(&code, text),
        },
    };
    // Fast path, one parse instead of two: a current-version file read
    // straight into its shape. Anything else (an older or newer version, a
    // broken file) takes the careful path below, which probes the version
    // first, so errors and refusals are the same as ever.
    if let Ok(file) = ron::from_str::<FileV2>(text)
        && file.version == CURRENT_VERSION
    {
        return Ok(Parsed {
            contents: version_2_contents(file),
            version: CURRENT_VERSION,
            unknown_field: fields::first_unknown(text),
        });
    }
    let probe: VersionProbe = ron::from_str(text).map_err(parse_error)?;
    match probe.version {
        version if version > CURRENT_VERSION => {
            Err(StorageError::FutureVersion { path: path.to_owned(), found: version })
        }
        1 => {
            let file: FileV1 = ron::from_str(text).map_err(parse_error)?;
            let mut contents = Contents::new(Journal::new(file.decisions), Vec::new());
            contents.fill_legacy_versions();
            Ok(Parsed { contents, version: 1, unknown_field: fields::first_unknown(text) })
        }
        version @ 2..=4 => {
            let file: FileV2 = ron::from_str(text).map_err(parse_error)?;
            Ok(Parsed { contents: version_2_contents(file), version, unknown_field: fields::first_unknown(text) })
        }
        version => Err(StorageError::Parse {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: format!(
                "unknown journal version {version} (versions {OLDEST_VERSION} to {CURRENT_VERSION} exist)"
            ),
        }),
    }
}

/// A parse error in the user's words: an empty or cut-off file said as
/// such, and the names of Keel's internal types (`VersionProbe`, `FileV2`,
/// `Decision`…) replaced by what they are in the file.
fn in_users_words(code: &ron::Error, text: &str) -> String {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return "the file is empty: it holds no journal (a Keel journal starts with \"(version:\")".to_owned();
    }
    // Both mean the text stops before the journal does: cut off outside a
    // string, or inside one that never closes.
    if matches!(code, ron::Error::Eof | ron::Error::ExpectedStringEnd) {
        let inside = if text.contains("decisions:") { "a decision" } else { "the journal" };
        return format!(
            "the file ends in the middle of {inside}: it was cut off (a copy or save that did not finish?)"
        );
    }
    let mut message = code.to_string();
    for (internal, words) in [
        ("struct `VersionProbe`", "the journal"),
        ("struct `FileV2`", "the journal"),
        ("struct `FileV1`", "the journal"),
        ("struct `Decision`", "a decision"),
        ("struct `Review`", "a review"),
        ("struct `TalkingPoint`", "a talking point"),
        ("struct `Tombstone`", "a deleted decision's record"),
        ("struct `BriefMark`", "a brief's mark"),
        ("struct `Goal`", "a goal"),
        ("struct `Reflection`", "a weekly reflection"),
        ("struct `Answer`", "a reflection's answer"),
        ("struct `RecordTombstone`", "a removed goal's or reflection's record"),
        ("struct `ContrastScores`", "the contrast scores"),
        ("`VersionProbe`", "the journal"),
        ("`FileV2`", "the journal"),
        ("`FileV1`", "the journal"),
    ] {
        message = message.replace(internal, words);
    }
    message
}

/// Everything a version 2 to 4 file holds. One place for both parse paths,
/// so none of its parts (decisions, tombstones, talking points, goals,
/// reflections) can be dropped by one of them.
fn version_2_contents(file: FileV2) -> Contents {
    let mut contents = Contents::new(
        Journal::new(file.decisions).with_talking_points(file.talking_points).with_briefs(file.briefs).with_records(
            file.goals,
            file.reflections,
            file.removed,
        ),
        file.deleted,
    );
    contents.fill_legacy_versions();
    contents
}

/// Parses file bytes, naming a non-UTF-8 file as such.
///
/// # Errors
/// As [`parse_file`].
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Parsed, StorageError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_file(text, path),
        Err(error) => {
            let before = &bytes[..error.valid_up_to()];
            let line = before.split(|byte| *byte == b'\n').count();
            let line_start = before.iter().rposition(|byte| *byte == b'\n').map_or(0, |at| at + 1);
            let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
            Err(StorageError::Parse {
                path: path.to_owned(),
                line,
                column,
                message: "the file is not UTF-8 text (wrong encoding?)".to_owned(),
            })
        }
    }
}

/// The journal as file text, without tombstones.
#[must_use]
pub fn to_text(journal: &Journal) -> String {
    contents_to_text(journal, &[])
}

/// Decisions and tombstones as file text in the current version.
#[must_use]
pub fn contents_to_text(journal: &Journal, deleted: &[Tombstone]) -> String {
    profiling::scope!("storage::contents_to_text");
    let file = FileOut {
        version: CURRENT_VERSION,
        decisions: journal.decisions(),
        deleted,
        talking_points: journal.talking_points(),
        briefs: journal.briefs(),
        goals: journal.goals(),
        reflections: journal.reflections(),
        removed: journal.removed_records(),
    };
    // The same text as ron's below, about five times faster; ron writes any
    // shape the fast writer declines.
    if let Ok(text) = ron_writer::to_string_pretty(&file) {
        return text;
    }
    let config = ron::ser::PrettyConfig::new().indentor("    ").struct_names(false).new_line("\n");
    // Serialising plain strings, dates and vectors cannot fail; if it ever
    // did, an empty string would be refused by the writer rather than
    // written over the journal.
    ron::ser::to_string_pretty(&file, config).unwrap_or_default()
}
