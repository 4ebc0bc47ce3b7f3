//! `keel review`: list decisions due for review and record how they turned out.

use clap::{Args, Subcommand, ValueEnum};

use super::list::{DecisionJson, write_table};
use super::{Cli, CliError, open_store_for_writing, read_journal};
use crate::model::review::{PROCESS_MAX, PROCESS_MIN, is_due};
use crate::model::{Clock, Decision, Review, ReviewResult};

/// Shown after `keel review --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel review list --due
  keel review list --format json
  keel review record 1b0f --outcome \"Shipped a day late\" --result worse --process 4 --lesson \"Freeze earlier\"";

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
    /// Was it a good decision given what you knew then? 1 (poor) to 5 (sound).
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
    }
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
            for decision in &decisions {
                let state = match (&decision.review, decision.review_on) {
                    (Some(review), _) => format!("reviewed {} ({})", review.reviewed_on, review.result),
                    (None, Some(due)) if due <= today => format!("DUE {due}"),
                    (None, Some(due)) => format!("review on {due}"),
                    (None, None) => String::new(),
                };
                writeln!(out, "{:<24}  {}", state, decision.id)?;
            }
            writeln!(out)?;
            write_table(decisions.into_iter(), out)?;
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
    let wanted = args.id.trim();
    // Find, change and save under the journal's lock.
    let title = open_store_for_writing(cli)?.update(|journal| {
        let matching: Vec<&Decision> =
            journal.decisions().iter().filter(|d| !wanted.is_empty() && d.id.0.starts_with(wanted)).collect();
        let mut updated = match matching.as_slice() {
            [one] => (*one).clone(),
            [] => {
                return Err(CliError::Usage(format!(
                    "no decision has the id '{wanted}'; `keel list --format json` shows the ids"
                )));
            }
            many => {
                return Err(CliError::Usage(format!(
                    "'{wanted}' matches {} decisions; give more of the id",
                    many.len()
                )));
            }
        };
        updated.review = Some(Review {
            reviewed_on: clock.today(),
            outcome: args.outcome.trim().to_owned(),
            result: args.result,
            process: args.process,
            lesson: args.lesson.trim().to_owned(),
        });
        updated.updated = clock.now();
        let title = updated.title.clone();
        journal.replace(updated);
        Ok(title)
    })?;
    writeln!(out, "Recorded the review of \u{201c}{title}\u{201d}")?;
    Ok(())
}
