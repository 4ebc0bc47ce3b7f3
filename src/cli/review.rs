//! `keel review`: list decisions due for review and record how they turned out.

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::list::DecisionJson;
use super::{Cli, CliError, open_store_for_writing, read_journal};
use crate::analysis::Filter;
use crate::analysis::lessons::ByStyle;
use crate::analysis::outcomes::{OutcomeEvidence, OutcomeRow};
use crate::analysis::percent_or;
use crate::guidance::Guidance;
use crate::model::review::{PROCESS_MAX, PROCESS_MIN, is_due};
use crate::model::{Clock, Decision, Review, ReviewResult};

/// Shown after `keel review --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel review list --due
  keel review list --format json
  keel review record 1b0f --outcome \"Shipped a day late\" --result worse --process 4 --lesson \"Freeze earlier\"
  keel review insights --since 2026-01-01
  keel review insights --person Ana --format json";

/// Arguments of `keel review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: ReviewAction,
}

/// The review subcommands.
#[derive(Debug, Subcommand)]
pub enum ReviewAction {
    /// Decisions with a review date, soonest first.
    #[command(after_help = EXAMPLES)]
    List(ReviewListArgs),
    /// Record how a decision turned out.
    #[command(after_help = EXAMPLES)]
    Record(RecordArgs),
    /// Does the guidance work for you? How reviewed decisions turned out when
    /// they followed the guidance, partly followed it or went against it, and
    /// in each situation, with 95 % ranges.
    #[command(after_help = EXAMPLES)]
    Insights(InsightsArgs),
}

/// Output formats of `keel review insights`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InsightsFormat {
    /// Tables and sentences for reading.
    Text,
    /// The stable JSON shape (see the README).
    Json,
}

/// Arguments of `keel review insights`.
#[derive(Debug, Args)]
pub struct InsightsArgs {
    /// Only decisions made on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "D", value_parser = super::parse_date)]
    pub since: Option<jiff::civil::Date>,
    /// Only decisions made on or before this day.
    #[arg(long, value_name = "D", value_parser = super::parse_date)]
    pub until: Option<jiff::civil::Date>,
    /// Only decisions involving this person.
    #[arg(long, value_name = "P")]
    pub person: Option<String>,
    /// Only decisions with this tag.
    #[arg(long, value_name = "T")]
    pub tag: Option<String>,
    /// How to print it.
    #[arg(long, value_enum, default_value_t = InsightsFormat::Text)]
    pub format: InsightsFormat,
}

/// Output formats of `keel review list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewListFormat {
    /// Aligned columns for reading.
    Table,
    /// An array of decisions, as `keel list --format json`, with `review_on`.
    Json,
}

/// Arguments of `keel review list`.
#[derive(Debug, Args)]
pub struct ReviewListArgs {
    /// Only those due: a review date today or earlier and no review yet.
    #[arg(long)]
    pub due: bool,
    /// How to print them.
    #[arg(long, value_enum, default_value_t = ReviewListFormat::Table)]
    pub format: ReviewListFormat,
}

/// Arguments of `keel review record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The decision's id (or a unique start of it).
    pub id: String,
    /// What actually happened.
    #[arg(long, value_name = "TEXT")]
    pub outcome: String,
    /// How it compares with what you expected: better, as-expected or worse.
    #[arg(long, value_name = "RESULT", value_parser = parse_result)]
    pub result: ReviewResult,
    /// Was it a good decision given what you knew then? 1 (poor) to 5; 4 and 5
    /// count as sound.
    #[arg(long, value_name = "1-5", value_parser = parse_process)]
    pub process: Option<u8>,
    /// What you take from it.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub lesson: String,
}

fn parse_result(text: &str) -> Result<ReviewResult, String> {
    text.parse().map_err(|error: crate::model::UnknownResult| error.to_string())
}

fn parse_process(text: &str) -> Result<u8, String> {
    text.trim().parse::<u8>().ok().filter(|value| (PROCESS_MIN..=PROCESS_MAX).contains(value)).ok_or_else(|| {
        format!("'{text}' is not a process score; use a whole number from {PROCESS_MIN} to {PROCESS_MAX}")
    })
}

/// Runs `keel review …`.
///
/// # Errors
/// Usage errors for unknown ids; storage errors otherwise.
pub fn run(cli: &Cli, args: &ReviewArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    match &args.action {
        ReviewAction::List(list) => run_list(cli, list, clock, out),
        ReviewAction::Record(record) => run_record(cli, record, clock, out),
        ReviewAction::Insights(insights) => run_insights(cli, insights, clock, out),
    }
}

/// Each id of `journal` cut to the shortest start (8 characters at least)
/// that no other id shares: what `review record` accepts for it.
pub(super) fn short_ids(journal: &crate::model::Journal) -> std::collections::HashMap<&str, &str> {
    super::shortest_starts(journal.decisions().iter().map(|d| d.id.0.as_str()))
}

fn run_list(cli: &Cli, args: &ReviewListArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let journal = read_journal(cli, clock)?;
    let today = clock.today();
    let mut decisions: Vec<&Decision> = journal
        .decisions()
        .iter()
        .filter(|d| d.review_on.is_some())
        .filter(|d| !args.due || is_due(d.review_on, d.review.is_some(), today))
        .collect();
    decisions.sort_by_key(|d| (d.review_on, d.date));
    match args.format {
        ReviewListFormat::Json => {
            let items: Vec<DecisionJson<'_>> = decisions.into_iter().map(DecisionJson::new).collect();
            serde_json::to_writer_pretty(&mut *out, &items).map_err(|error| CliError::Other(error.to_string()))?;
            writeln!(out)?;
        }
        ReviewListFormat::Table => {
            if decisions.is_empty() {
                writeln!(
                    out,
                    "{}",
                    if args.due { "Nothing is due for review." } else { "No decision has a review date." }
                )?;
                return Ok(());
            }
            // One table: the id in a column, as short as it can be while
            // `review record` still finds exactly that decision.
            let short = short_ids(&journal);
            writeln!(out, "{:<12}  {:<24}  {:<10}  {:<10}  TITLE", "ID", "REVIEW", "DATE", "STYLE")?;
            for decision in &decisions {
                let state = match (&decision.review, decision.review_on) {
                    (Some(review), _) => format!("reviewed {} ({})", review.reviewed_on, review.result),
                    (None, Some(due)) if due <= today => format!("DUE {due}"),
                    (None, Some(due)) => format!("review on {due}"),
                    (None, None) => String::new(),
                };
                let id = short.get(decision.id.0.as_str()).copied().unwrap_or(decision.id.0.as_str());
                writeln!(
                    out,
                    "{:<12}  {state:<24}  {:<10}  {:<10}  {}",
                    crate::model::decision::escape_control(id),
                    decision.date,
                    decision.style.map_or("untagged", |s| s.id()),
                    crate::model::decision::escape_control(&decision.title)
                )?;
            }
        }
    }
    Ok(())
}

fn run_record(cli: &Cli, args: &RecordArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    if cli.demo {
        return Err(CliError::Usage("the sample journal (--demo) is read-only".to_owned()));
    }
    if args.outcome.trim().is_empty() {
        return Err(CliError::Usage("--outcome: say what actually happened".to_owned()));
    }
    // The rule every text field follows (Decision::check): no control
    // character but line breaks and tabs in the review's texts.
    crate::model::decision::check_lines("review's outcome", &args.outcome)
        .map_err(|error| CliError::Usage(format!("--outcome: {error}")))?;
    crate::model::decision::check_lines("review's lesson", &args.lesson)
        .map_err(|error| CliError::Usage(format!("--lesson: {error}")))?;
    let wanted = args.id.trim();
    let store = open_store_for_writing(cli)?;
    let file = store.path().to_owned();
    // Find, change and save under the journal's lock.
    let title = store.update(|journal| {
        let indices = matching_ids(journal.decisions(), wanted, &file)?;
        let review = Review {
            reviewed_on: clock.today(),
            outcome: args.outcome.trim().to_owned(),
            result: args.result,
            process: args.process,
            lesson: args.lesson.trim().to_owned(),
        };
        let mut title = String::new();
        for index in indices {
            if let Some(decision) = journal.at_mut(index) {
                decision.review = Some(review.clone());
                decision.updated = clock.now();
                title.clone_from(&decision.title);
            }
        }
        Ok::<String, CliError>(title)
    })?;
    writeln!(out, "Recorded the review of \u{201c}{}\u{201d}", crate::model::decision::escape_control(&title))?;
    Ok(())
}

/// Where the decisions `wanted` names are: the one whose id it is, else
/// the one whose id starts with it. An id held by several decisions that
/// are the same (a decision pasted twice) names them all; by several
/// different ones, it is refused with what to do about it (`file`: the
/// journal, to name).
fn matching_ids(decisions: &[Decision], wanted: &str, file: &std::path::Path) -> Result<Vec<usize>, CliError> {
    let positions = |keep: &dyn Fn(&Decision) -> bool| -> Vec<usize> {
        decisions.iter().enumerate().filter(|(_, decision)| keep(decision)).map(|(index, _)| index).collect()
    };
    // A full id names its decision even when it also starts a longer id.
    let exact = positions(&|decision| decision.id.0 == wanted);
    if let [first, rest @ ..] = exact.as_slice() {
        if rest.iter().all(|index| decisions[*index] == decisions[*first]) {
            return Ok(exact);
        }
        let listed: Vec<String> = exact
            .iter()
            .map(|index| format!("\u{201c}{}\u{201d} ({})", decisions[*index].title, decisions[*index].date))
            .collect();
        return Err(CliError::Usage(format!(
            "the journal holds {} different decisions with the id '{wanted}': {}. An id names one decision (the file \
             was edited by hand, or two journals were pasted together), so Keel cannot tell which you mean. Give one \
             of them a new id in {} (any text no other decision has), then record the review with its id",
            exact.len(),
            listed.join(", "),
            file.display()
        )));
    }
    let starting = positions(&|decision| !wanted.is_empty() && decision.id.0.starts_with(wanted));
    match starting.as_slice() {
        [] => {
            Err(CliError::Usage(format!("no decision has the id '{wanted}'; `keel list --format json` shows the ids")))
        }
        [_] => Ok(starting),
        many => {
            const SHOWN: usize = 5;
            let mut ids: Vec<&str> = many.iter().take(SHOWN).map(|index| decisions[*index].id.0.as_str()).collect();
            ids.sort_unstable();
            let more = if many.len() > SHOWN { ", \u{2026}" } else { "" };
            Err(CliError::Usage(format!(
                "'{wanted}' starts the ids of {} decisions ({}{more}); give more of the id",
                many.len(),
                ids.join(", ")
            )))
        }
    }
}

/// A share or bound rounded to three decimals, as the JSON contract gives it.
fn three_decimals(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// One group's or cell's numbers in JSON.
#[derive(Serialize)]
struct RowJson {
    reviewed: usize,
    met: usize,
    met_rate: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    mean_process: Option<f64>,
}

impl From<&OutcomeRow> for RowJson {
    fn from(row: &OutcomeRow) -> Self {
        let interval = row.interval();
        Self {
            reviewed: row.reviewed,
            met: row.met,
            met_rate: row.met_rate().map(three_decimals),
            low: interval.map(|i| three_decimals(i.low)),
            high: interval.map(|i| three_decimals(i.high)),
            mean_process: row.mean_process().map(three_decimals),
        }
    }
}

#[derive(Serialize)]
struct FitJson {
    fit: &'static str,
    #[serde(flatten)]
    row: RowJson,
}

#[derive(Serialize)]
struct StyleJson {
    style: &'static str,
    #[serde(flatten)]
    row: RowJson,
}

#[derive(Serialize)]
struct CellJson {
    situation: &'static str,
    style: &'static str,
    #[serde(flatten)]
    row: RowJson,
}

#[derive(Serialize)]
struct InsightsJson<'a> {
    reviewed: usize,
    unstyled: usize,
    by_fit: Vec<FitJson>,
    by_style: Vec<StyleJson>,
    by_situation_style: Vec<CellJson>,
    claims: Vec<&'a str>,
    findings: Vec<&'a str>,
}

fn run_insights(
    cli: &Cli,
    args: &InsightsArgs,
    clock: &dyn Clock,
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        return Err(CliError::Usage(format!("--since {since} is after --until {until}; nothing can match")));
    }
    let journal = read_journal(cli, clock)?;
    if let Some(given) = &args.person {
        super::known_person(&journal, given, "--person: ")?;
    }
    let filter = Filter {
        since: args.since,
        until: args.until,
        person: args.person.clone(),
        tag: args.tag.clone(),
        ..Filter::default()
    };
    let decisions = journal.decisions();
    let evidence = OutcomeEvidence::compute(filter.matching(decisions).map(|index| &decisions[index]));
    let by_style = ByStyle::compute(filter.matching(decisions).map(|index| &decisions[index]));
    match args.format {
        InsightsFormat::Json => {
            let json = InsightsJson {
                reviewed: evidence.reviewed,
                unstyled: evidence.unstyled,
                by_fit: evidence
                    .by_fit
                    .iter()
                    .map(|row| FitJson { fit: row.group.id(), row: (&row.row).into() })
                    .collect(),
                by_style: by_style
                    .rows
                    .iter()
                    .map(|row| StyleJson { style: row.style.id(), row: (&row.row).into() })
                    .collect(),
                by_situation_style: evidence
                    .by_situation_style
                    .iter()
                    .map(|cell| CellJson {
                        situation: cell.situation.id(),
                        style: cell.style.id(),
                        row: (&cell.row).into(),
                    })
                    .collect(),
                claims: evidence.claims().collect(),
                findings: evidence.findings.iter().map(|finding| finding.sentence.as_str()).collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &json).map_err(|error| CliError::Other(error.to_string()))?;
            writeln!(out)?;
        }
        InsightsFormat::Text => {
            write_by_style_text(&by_style, out)?;
            writeln!(out)?;
            write_insights_text(&evidence, out)?;
        }
    }
    Ok(())
}

/// "89%", or a dash.
fn rate_text(row: &OutcomeRow) -> String {
    percent_or(row.met_rate(), "-")
}

/// "Did leading or managing work for you?": the answer, then a line per style.
fn write_by_style_text(by_style: &ByStyle, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    writeln!(out, "Did leading or managing work for you?")?;
    writeln!(out, "{}", by_style.verdict())?;
    if by_style.reviewed() > 0 {
        for row in &by_style.rows {
            writeln!(out, "- {}", row.sentence())?;
        }
    }
    Ok(())
}

fn write_insights_text(evidence: &OutcomeEvidence, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    writeln!(out, "Does the guidance work for you?")?;
    writeln!(out, "{}", evidence.overview())?;
    if evidence.reviewed == 0 {
        return Ok(());
    }
    writeln!(out)?;
    let header = ["", "Reviewed", "Met", "Met rate", "95 % range", "Process"];
    writeln!(
        out,
        "{:<24}{:>9}{:>5}{:>10}  {:<12}{:>7}",
        header[0], header[1], header[2], header[3], header[4], header[5]
    )?;
    for row in &evidence.by_fit {
        write_row(out, &format!("{:<24}", row.group.label()), &row.row)?;
    }
    if !evidence.by_situation_style.is_empty() {
        writeln!(out)?;
        writeln!(out, "By situation and style")?;
        let guidance = Guidance::get();
        let width = evidence
            .by_situation_style
            .iter()
            .map(|cell| guidance.situation(cell.situation).label.chars().count())
            .max()
            .unwrap_or(0);
        for cell in &evidence.by_situation_style {
            let label =
                format!("{:<width$}  {:<10}", guidance.situation(cell.situation).label, cell.style.id(), width = width);
            write_row(out, &label, &cell.row)?;
        }
    }
    writeln!(out)?;
    for finding in &evidence.findings {
        writeln!(out, "- {}", finding.sentence)?;
    }
    Ok(())
}

fn write_row(out: &mut dyn std::io::Write, label: &str, row: &OutcomeRow) -> Result<(), CliError> {
    let range = row.interval().map_or_else(|| "-".to_owned(), |interval| interval.words());
    let process = row.mean_process().map_or_else(|| "-".to_owned(), |mean| format!("{mean:.1}"));
    writeln!(out, "{label}{:>9}{:>5}{:>10}  {range:<12}{process:>7}", row.reviewed, row.met, rate_text(row))?;
    Ok(())
}
