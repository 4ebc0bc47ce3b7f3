//! `keel list`: the decisions matching the filters, as a table, JSON or CSV.

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Cli, CliError, FilterArgs, read_decisions_where};
use crate::guidance::{fit, recommend};
use crate::interop::csv::{Column, write_decisions};
use crate::model::decision::escape_control;
use crate::model::{Clock, Decision};

/// Shown after `keel list --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel list --since 2026-01-01
  keel list --person Ana --style management --format json
  keel list --situation crisis --format csv > crises.csv";

/// Output formats of `keel list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading.
    Table,
    /// An array of decisions.
    Json,
    /// RFC 4180 CSV with a header row; lists are `;`-separated.
    Csv,
}

/// Arguments of `keel list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    /// Which decisions.
    pub filters: FilterArgs,
    /// How to print them.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// One decision as `list --format json` (and `review list`) prints it: every
/// field, present even when empty, plus the recommendation and fit.
#[derive(Serialize)]
pub struct DecisionJson<'a> {
    id: &'a crate::model::DecisionId,
    date: jiff::civil::Date,
    title: &'a str,
    style: Option<crate::model::Style>,
    situations: &'a [crate::model::Situation],
    tags: &'a [String],
    people: &'a [String],
    note: &'a str,
    recommendation: Option<crate::model::Style>,
    fit: Option<f64>,
    contrasts: Option<crate::model::ContrastScores>,
    options: &'a [String],
    expectation: &'a str,
    confidence: Option<u8>,
    review_on: Option<jiff::civil::Date>,
    review: Option<&'a crate::model::Review>,
    created: jiff::Timestamp,
    updated: jiff::Timestamp,
}

impl<'a> DecisionJson<'a> {
    /// The JSON view of `decision`.
    #[must_use]
    pub fn new(decision: &'a Decision) -> Self {
        let recommendation = recommend(&decision.situations);
        Self {
            id: &decision.id,
            date: decision.date,
            title: &decision.title,
            style: decision.style,
            situations: &decision.situations,
            tags: &decision.tags,
            people: &decision.people,
            note: &decision.note,
            recommendation,
            fit: fit(decision.style, recommendation),
            contrasts: decision.contrasts,
            options: &decision.options,
            expectation: &decision.expectation,
            confidence: decision.confidence,
            review_on: decision.review_on,
            review: decision.review.as_ref(),
            created: decision.created,
            updated: decision.updated,
        }
    }
}

/// Prints the matching decisions.
///
/// # Errors
/// When the journal cannot be read or the output cannot be written.
pub fn run(cli: &Cli, args: &ListArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    // Only the matching decisions are kept as the journal is read: the
    // others are never held at once, and most of a large journal's memory
    // is never asked of the system.
    let filter = args.filters.to_filter();
    let matching = read_decisions_where(cli, clock, &filter.matcher())?;
    // Left to the operating system, which takes the memory back at once
    // when the command ends: freeing 10k decisions one allocation at a time
    // was a sixth of `keel list --tag T`'s time.
    let matching = std::mem::ManuallyDrop::new(matching);
    let mut rows: Vec<usize> = (0..matching.len()).collect();
    crate::analysis::filter::sort_newest_first(&matching, &mut rows);
    let decisions = rows.iter().map(|&index| &matching[index]);
    match args.format {
        ListFormat::Json => {
            let items: Vec<DecisionJson<'_>> = decisions.map(DecisionJson::new).collect();
            let text = serde_json::to_string_pretty(&items).map_err(|error| CliError::Other(error.to_string()))?;
            // serde leaves DEL and the C1 controls raw; escaped, the JSON is
            // the same and cannot drive the terminal.
            writeln!(out, "{}", crate::interop::json::escape_raw_controls(text))?;
        }
        ListFormat::Csv => write_csv(decisions, out)?,
        ListFormat::Table => write_table(decisions, out)?,
    }
    Ok(())
}

/// The columns of `keel list --format csv`: the decision's main fields and
/// what the guidance makes of them.
const LIST_COLUMNS: [Column; 10] = [
    Column::Id,
    Column::Date,
    Column::Title,
    Column::Style,
    Column::Situations,
    Column::Tags,
    Column::People,
    Column::Note,
    Column::Recommendation,
    Column::Fit,
];

fn write_csv<'a>(decisions: impl Iterator<Item = &'a Decision>, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let out = write_decisions(decisions, &LIST_COLUMNS, out).map_err(|error| CliError::Other(error.to_string()))?;
    out.flush()?;
    Ok(())
}

/// Prints decisions as aligned text: date, style, title and details.
///
/// # Errors
/// When the output cannot be written.
pub fn write_table<'a>(
    decisions: impl Iterator<Item = &'a Decision>,
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    let mut count = 0_usize;
    for decision in decisions {
        if count == 0 {
            writeln!(out, "{:<10}  {:<10}  {:<48}  SITUATIONS / PEOPLE / TAGS", "DATE", "STYLE", "TITLE")?;
        }
        count += 1;
        let style = decision.style.map_or("untagged", |s| s.id());
        // A journal is not trusted to drive the terminal: control
        // characters are shown escaped, never sent raw.
        let title = truncate(&escape_control(&decision.title), 48);
        let mut details = Vec::new();
        if !decision.situations.is_empty() {
            details.push(decision.situations.iter().map(|s| s.id()).collect::<Vec<_>>().join(", "));
        }
        if !decision.people.is_empty() {
            details.push(format!("with {}", escape_control(&decision.people.join(", "))));
        }
        if !decision.tags.is_empty() {
            details.push(decision.tags.iter().map(|t| format!("#{}", escape_control(t))).collect::<Vec<_>>().join(" "));
        }
        writeln!(out, "{:<10}  {style:<10}  {title:<48}  {}", decision.date, details.join(" \u{00b7} "))?;
    }
    if count == 0 {
        writeln!(out, "No decisions match.")?;
    }
    Ok(())
}

/// Cuts `text` to at most `max_chars` characters, marking the cut with `…`.
fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max_chars - 1).collect();
    cut.push('\u{2026}');
    cut
}
