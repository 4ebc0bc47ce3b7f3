//! `keel import`: bring decisions in from jrnl, CSV or Keel JSON.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::tz::TimeZone;

use super::{Cli, CliError, open_store_for_writing, read_journal};
use crate::interop::{self, ImportContext, ImportFormat, ImportPlan};
use crate::model::decision::escape_control;
use crate::model::{Clock, Journal};

/// Shown after `keel import --help`.
pub const EXAMPLES: &str = "\
Examples:
  jrnl --export json > jrnl.json && keel import --from jrnl-json jrnl.json --dry-run
  keel import --from csv decisions.csv --skip-bad
  keel import --from json backup.json            (a file from keel export --format json)
  keel import --from jrnl ~/journal.txt          (jrnl's own journal file)
  keel import jrnl.json --tags-as-people Marco,Priya   (@Marco and @Priya become people)

Importing the same file again adds nothing: decisions are matched by id, or by
date, title and text when the file has no ids. An update changes only the fields
the file has columns for (--dry-run lists them). Nothing is written when a row is
bad, unless --skip-bad is given; --dry-run never writes. jrnl has tags but no
people: --dry-run names the tags that look like people (@Marco, or someone the
journal already knows), and --tags-as-people makes people of the ones you name.";

/// The formats `keel import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FromFormat {
    /// `jrnl --export json`.
    JrnlJson,
    /// jrnl's journal text file (what `keel export --format jrnl` writes).
    Jrnl,
    /// CSV with a header row (what `keel export --format csv` writes).
    Csv,
    /// Keel's own JSON (what `keel export --format json` writes).
    Json,
}

impl From<FromFormat> for ImportFormat {
    fn from(format: FromFormat) -> Self {
        match format {
            FromFormat::JrnlJson => Self::JrnlJson,
            FromFormat::Jrnl => Self::JrnlText,
            FromFormat::Csv => Self::Csv,
            FromFormat::Json => Self::KeelJson,
        }
    }
}

/// Arguments of `keel import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file's format; guessed from its extension when left out.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<FromFormat>,
    /// The file to import.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Show what would be added, updated and skipped; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows even when some are bad, and list the bad ones.
    #[arg(long)]
    pub skip_bad: bool,
    /// jrnl only: these tags (comma-separated, any case) become people on
    /// the imported decisions instead of tags.
    #[arg(long, value_name = "NAME,...", value_delimiter = ',')]
    pub tags_as_people: Vec<String>,
}

/// Imports the file into the journal.
///
/// # Errors
/// Usage errors for `--demo`; an error naming the file when it cannot be
/// read; an error listing the bad rows when there are any and `--skip-bad`
/// is not given (nothing is written then); storage errors.
pub fn run(cli: &Cli, args: &ImportArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    if cli.demo {
        return Err(CliError::Usage(
            "the sample journal (--demo) is read-only; leave out --demo to import into your journal".to_owned(),
        ));
    }
    let context = ImportContext { time_zone: TimeZone::system(), now: clock.now() };
    let (format, parsed) = interop::read_file(&args.file, args.from.map(ImportFormat::from), &context)?;
    let source = format!("{} ({})", args.file.display(), format.label());
    let as_people: Vec<String> =
        args.tags_as_people.iter().map(|name| name.trim().to_owned()).filter(|name| !name.is_empty()).collect();
    if !as_people.is_empty() && !format.is_jrnl() {
        return Err(CliError::Usage(format!(
            "--tags-as-people is for jrnl files, which have no people; {source} has a people column of its own"
        )));
    }
    if args.dry_run {
        let journal = read_journal(cli, clock)?;
        let mut plan = checked_plan(&journal, parsed, &source, args.skip_bad)?;
        let unused = plan.tags_to_people(&as_people);
        writeln!(out, "Dry run of {source}, nothing written: {}.", plan.counts())?;
        for decision in &plan.added {
            writeln!(out, "  add     {}  {}", decision.date, escape_control(&decision.title))?;
        }
        for decision in &plan.updated {
            // Which fields the update changes: a file that lacks a column
            // leaves that field as it is, so only these move.
            writeln!(
                out,
                "  update  {}  {}  (changes: {})",
                decision.date,
                escape_control(&decision.title),
                plan.changed_fields(decision)
            )?;
        }
        for skipped in &plan.skipped {
            writeln!(
                out,
                "  skip    {}: \u{201c}{}\u{201d}, {}",
                skipped.at,
                escape_control(&skipped.title),
                skipped.reason
            )?;
        }
        report_bad_rows(&plan, out)?;
        report_people(format.is_jrnl(), &plan, &journal, &as_people, &unused, out)?;
        return Ok(());
    }
    // Planned and applied under the journal's lock, against what is on disk
    // at that moment, so a concurrent writer can neither be overwritten nor
    // make the import add twice.
    let (plan, unused) = open_store_for_writing(cli)?.update(|journal| {
        let mut plan = checked_plan(journal, parsed, &source, args.skip_bad)?;
        let unused = plan.tags_to_people(&as_people);
        interop::apply(&plan, journal);
        Ok::<_, CliError>((plan, unused))
    })?;
    writeln!(out, "Imported {source}: {}.", plan.counts())?;
    report_bad_rows(&plan, out)?;
    if !as_people.is_empty() {
        report_moved(&as_people, &unused, out)?;
    }
    Ok(())
}

/// For a jrnl dry run: the tags that look like people and are still tags,
/// with the flag that would make people of them, and what
/// `--tags-as-people` moved.
fn report_people(
    is_jrnl: bool,
    plan: &ImportPlan,
    journal: &Journal,
    as_people: &[String],
    unused: &[String],
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    if !is_jrnl {
        return Ok(());
    }
    if !as_people.is_empty() {
        report_moved(as_people, unused, out)?;
    }
    let left = interop::people_like_tags(plan, journal);
    if !left.is_empty() {
        let shown: Vec<String> = left.iter().map(|tag| format!("@{}", escape_control(tag))).collect();
        writeln!(
            out,
            "Tags that look like people: {}. They come in as tags; to make people of them, add --tags-as-people {}",
            shown.join(", "),
            escape_control(&left.join(","))
        )?;
    }
    Ok(())
}

/// Which of the `--tags-as-people` names became people, and which no
/// imported decision has as a tag.
fn report_moved(as_people: &[String], unused: &[String], out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let moved: Vec<String> = as_people
        .iter()
        .filter(|name| !unused.contains(name))
        .map(|name| escape_control(&interop::adjust::tag_as_name(name)).into_owned())
        .collect();
    if !moved.is_empty() {
        writeln!(out, "As people, not tags: {}.", moved.join(", "))?;
    }
    if !unused.is_empty() {
        let shown: Vec<String> = unused.iter().map(|name| format!("@{}", escape_control(name))).collect();
        writeln!(out, "No decision to import has the tag {}; nothing changed for it.", shown.join(", "))?;
    }
    Ok(())
}

/// The plan for importing `parsed` into `journal`; an error listing the bad
/// records when there are any and `skip_bad` is off.
fn checked_plan(
    journal: &Journal,
    parsed: interop::Parsed,
    source: &str,
    skip_bad: bool,
) -> Result<ImportPlan, CliError> {
    let plan = ImportPlan::new(journal, parsed);
    if !plan.errors.is_empty() && !skip_bad {
        let good = plan.added.len() + plan.updated.len() + plan.skipped.len();
        return Err(CliError::Other(format!(
            "{source}: {} bad {}; nothing was imported. Fix {}, or pass --skip-bad to import the {good} good {}:{}",
            plan.errors.len(),
            rows(plan.errors.len()),
            crate::model::words::noun(plan.errors.len(), "it", "them"),
            rows(good),
            bad_rows(&plan)
        )));
    }
    Ok(plan)
}

fn bad_rows(plan: &ImportPlan) -> String {
    let lines: Vec<String> = plan.errors.iter().map(ToString::to_string).collect();
    format!("\n  {}", lines.join("\n  "))
}

fn report_bad_rows(plan: &ImportPlan, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    if !plan.errors.is_empty() {
        writeln!(out, "Left out {} bad {}:{}", plan.errors.len(), rows(plan.errors.len()), bad_rows(plan))?;
    }
    Ok(())
}

fn rows(count: usize) -> &'static str {
    crate::model::words::noun(count, "record", "records")
}
