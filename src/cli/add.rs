//! `keel add`: write down a decision from the command line.

use clap::Args;
use jiff::civil::Date;

use super::{Cli, CliError, open_store_for_writing, parse_date, parse_situation, parse_style};
use crate::model::decision::escape_control;
use crate::model::{Clock, DecisionDraft, DraftError, Situation, Style};

/// Shown after `keel add --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel add --title \"Froze the scope for 4.2\" --style management --situation tight-deadline --person Ana
  keel add --title \"Let the team choose the stack\" --date 2026-03-14 --style leadership \\
           --situation confident-team --tag architecture --note \"They know the trade-offs better than I do.\"
  keel add --title \"Moved Ana to the payments team\" --expect \"Payments ships on time\" --confidence 70 \\
           --review-on 2026-06-01 --option \"Hire a contractor\" --option \"Delay payments\"";

/// Arguments of `keel add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What you decided, in one line.
    #[arg(long, value_name = "T")]
    pub title: String,
    /// The day of the decision (YYYY-MM-DD); today when left out.
    #[arg(long, value_name = "D", value_parser = parse_date, allow_hyphen_values = true)]
    pub date: Option<Date>,
    /// How you decided: leadership, management or blend.
    #[arg(long, value_name = "S", value_parser = parse_style)]
    pub style: Option<Style>,
    /// A situation you were in (repeatable), e.g. crisis or confident-team.
    #[arg(long = "situation", value_name = "ID", value_parser = parse_situation)]
    pub situations: Vec<Situation>,
    /// A tag (repeatable).
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// A person involved (repeatable).
    #[arg(long = "person", value_name = "P")]
    pub people: Vec<String>,
    /// What happened and why.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
    /// How sure you are of the expected outcome, 0-100 (%).
    #[arg(long, value_name = "0-100", value_parser = parse_confidence, allow_negative_numbers = true)]
    pub confidence: Option<u8>,
    /// What you expect the decision to bring.
    #[arg(long = "expect", value_name = "TEXT", default_value = "")]
    pub expectation: String,
    /// When to review the decision (YYYY-MM-DD, not before its date).
    #[arg(long, value_name = "D", value_parser = parse_date, allow_hyphen_values = true)]
    pub review_on: Option<Date>,
    /// Another option you considered (repeatable).
    #[arg(long = "option", value_name = "TEXT")]
    pub options: Vec<String>,
}

/// Parses a confidence percentage.
///
/// # Errors
/// Names the bad value and the valid range.
pub fn parse_confidence(text: &str) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|value| *value <= 100)
        .ok_or_else(|| format!("'{text}' is not a confidence; use a whole number from 0 to 100"))
}

/// Adds the decision and saves the journal.
///
/// # Errors
/// Usage errors for an empty title or `--demo`; storage errors otherwise.
pub fn run(cli: &Cli, args: &AddArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    if cli.demo {
        return Err(CliError::Usage(
            "the sample journal (--demo) is read-only; leave out --demo to add to your journal".to_owned(),
        ));
    }
    let draft = DecisionDraft {
        title: args.title.clone(),
        date: args.date,
        note: args.note.clone(),
        style: args.style,
        situations: args.situations.clone(),
        tags: args.tags.clone(),
        people: args.people.clone(),
        contrasts: None,
        options: args.options.clone(),
        expectation: args.expectation.clone(),
        confidence: args.confidence,
        review_on: args.review_on,
    };
    // The one check every way in makes (Decision::check_entry), each
    // refusal named by the flag that gave the value.
    let decision = draft
        .into_new_decision(clock.today(), clock.now())
        .and_then(|decision| decision.check_entry(clock.today(), clock.now()).map(|()| decision))
        .map_err(|error| {
            let flag = match &error {
                DraftError::EmptyTitle | DraftError::ControlCharacter { field: "title", .. } => "--title",
                DraftError::ControlCharacter { field: "person", .. } | DraftError::TooMany { field: "people", .. } => {
                    "--person"
                }
                DraftError::ControlCharacter { field: "note", .. } => "--note",
                DraftError::ControlCharacter { field: "expectation", .. } => "--expect",
                DraftError::ControlCharacter { field: "option", .. } => "--option",
                DraftError::ControlCharacter { .. } | DraftError::TooMany { .. } => "--tag",
                DraftError::ConfidenceOutOfRange(_) => "--confidence",
                DraftError::ReviewBeforeDecision { .. } => "--review-on",
                DraftError::FarAhead { .. } | DraftError::TooEarly { .. } | DraftError::TimeAhead { .. } => "--date",
            };
            CliError::Usage(format!("{flag}: {error}"))
        })?;
    let summary =
        format!("Added \u{201c}{}\u{201d} on {} (id {})", escape_control(&decision.title), decision.date, decision.id);
    // Load, add and save under the journal's lock, so concurrent writers
    // (another `keel add`, an open window) never lose a decision.
    open_store_for_writing(cli)?.update(|journal| {
        journal.push(decision);
        Ok::<(), CliError>(())
    })?;
    writeln!(out, "{summary}")?;
    Ok(())
}
