//! `keel brief`: a coaching brief for a one-on-one, as Markdown or as a
//! self-contained HTML file (see `crate::report`).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::export::write_output;
use super::{Cli, CliError, FilterArgs, read_journal};
use crate::model::Clock;
use crate::report::{self, Brief, BriefRequest};

/// Shown after `keel brief --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel brief                                       my last 30 days, as Markdown
  keel brief --person Ana --since 2026-03-01       for a one-on-one with Ana
  keel brief --person Ana --format html --out ana.html
  keel brief --redact --format html --out shared.html   names replaced, notes left out";

/// The formats `keel brief` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BriefFormat {
    /// Markdown text.
    Md,
    /// One HTML file with inline CSS and SVG charts; prints cleanly to PDF.
    Html,
}

/// Arguments of `keel brief`.
#[derive(Debug, Args)]
pub struct BriefArgs {
    #[command(flatten)]
    /// Which decisions; `--person` chooses whom the brief is about (all of
    /// your decisions without it). The period defaults to the last 30 days.
    pub filters: FilterArgs,
    /// The format to write.
    #[arg(long, value_enum, default_value_t = BriefFormat::Md)]
    pub format: BriefFormat,
    /// The file to write (replaced atomically); standard output when left out.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// For sharing: replace every name with a pseudonym (Person A, Person B…)
    /// and leave notes out.
    #[arg(long)]
    pub redact: bool,
}

/// Writes the brief.
///
/// # Errors
/// An unknown person (usage, with close matches), a journal that cannot be
/// read, or an output that cannot be written.
pub fn run(cli: &Cli, args: &BriefArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let journal = read_journal(cli, clock)?;
    let mut filter = args.filters.to_filter();
    let person = filter.person.take();
    if let Some(given) = &person
        && report::known_name(&journal, given).is_none()
    {
        let close = report::close_names(&journal, given);
        let hint = if close.is_empty() {
            "nobody in the journal has a similar name".to_owned()
        } else {
            format!("did you mean: {}?", close.join(", "))
        };
        return Err(CliError::Usage(format!("no decision in the journal names '{given}'; {hint}")));
    }
    let request = BriefRequest { person, filter, redact: args.redact };
    let brief = Brief::compute(&journal, &request, clock.today());
    let text = match args.format {
        BriefFormat::Md => report::markdown(&brief),
        BriefFormat::Html => report::html(&brief),
    };
    let Some(target) = write_output(cli, args.out.as_deref(), &text, out)? else {
        return Ok(());
    };
    writeln!(out, "Wrote the brief ({}) to {}.", brief.heading(), target.display())?;
    Ok(())
}
