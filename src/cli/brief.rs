//! `keel brief`: a coaching brief for a one-on-one, as Markdown or as a
//! self-contained HTML file (see `crate::report`).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::export::write_output;
use super::{Cli, CliError, FilterArgs, open_store_for_writing, open_store_reading};
use crate::analysis::Filter;
use crate::model::{BriefMark, Clock, Journal};
use crate::report::{self, Brief, BriefRequest};
use crate::storage::StorageError;

/// Shown after `keel brief --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel brief                                       since my last brief (or 30 days), as Markdown
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
    /// your decisions without it). The period starts by default where the
    /// last brief about the same person ended (one ending today does not
    /// count), else 30 days back; each brief written is remembered in the
    /// journal for the next one.
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
    /// Do not remember this brief: the next one starts where this one would
    /// have (a brief narrowed by style, situation, tag or search is never
    /// remembered).
    #[arg(long)]
    pub no_record: bool,
}

/// Writes the brief.
///
/// # Errors
/// An unknown person (usage, with close matches), a journal that cannot be
/// read, or an output that cannot be written.
pub fn run(cli: &Cli, args: &BriefArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    // The store stays open to remember the brief once it is written (the
    // sample journal and a journal not created yet remember nothing).
    let (journal, store) = if cli.demo {
        (crate::samples::demo::load(clock.today())?, None)
    } else {
        // A brief that is remembered writes, so it first merges what a sync
        // service left beside the journal; one that is not only reads.
        let store = if args.no_record { open_store_reading(cli)? } else { open_store_for_writing(cli)? };
        match store.read() {
            Ok(loaded) => (loaded.contents.journal, Some(store)),
            Err(StorageError::NotFound { .. }) => (Journal::default(), None),
            Err(error) => return Err(error.into()),
        }
    };
    let mut filter = args.filters.to_filter();
    let person = filter.person.take();
    let subject = match &person {
        Some(given) => Some(super::known_person(&journal, given, "")?),
        None => None,
    };
    let narrowed = Filter { since: None, until: None, ..filter.clone() } != Filter::default();
    let request = BriefRequest { person, filter, redact: args.redact };
    let brief = Brief::compute(&journal, &request, clock.today());
    let text = match args.format {
        BriefFormat::Md => report::BriefFormat::Markdown,
        BriefFormat::Html => report::BriefFormat::Html,
    }
    .render(&brief);
    let target = write_output(cli, args.out.as_deref(), &text, out)?;
    if let Some(store) = store.filter(|_| !args.no_record && !narrowed) {
        // The mark is the last day the brief covered (never after today).
        let mark = BriefMark::new(subject.as_deref(), brief.until.min(clock.today()));
        // Written only when new: making the same brief again today changes
        // nothing (and its period stays the same).
        if !journal.briefs().contains(&mark) {
            store.update(|journal| {
                journal.record_brief(mark);
                Ok::<(), StorageError>(())
            })?;
        }
    }
    if let Some(target) = target {
        writeln!(out, "Wrote the brief ({}) to {}.", brief.heading(), target.display())?;
    }
    Ok(())
}
