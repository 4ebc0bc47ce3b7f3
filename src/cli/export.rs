//! `keel export`: the journal as Keel JSON, CSV, Markdown or jrnl text.

use std::io::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::tz::TimeZone;

use super::{Cli, CliError, journal_path, read_journal};
use crate::interop::{self, ExportFormat};
use crate::model::Clock;
use crate::storage;

/// Shown after `keel export --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel export --format json --out keel-backup.json   (lossless: import it back with keel import --from json)
  keel export --format csv > decisions.csv
  keel export --format md --out journal.md
  keel export --format jrnl --out journal.txt && jrnl --import --file journal.txt";

/// The formats `keel export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ToFormat {
    /// Keel's lossless JSON: every field, ids included.
    Json,
    /// CSV with a header row; lists are `;`-separated.
    Csv,
    /// A readable Markdown archive.
    Md,
    /// jrnl's text format (`jrnl --import` reads it).
    Jrnl,
}

impl From<ToFormat> for ExportFormat {
    fn from(format: ToFormat) -> Self {
        match format {
            ToFormat::Json => Self::Json,
            ToFormat::Csv => Self::Csv,
            ToFormat::Md => Self::Markdown,
            ToFormat::Jrnl => Self::JrnlText,
        }
    }
}

/// Arguments of `keel export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format to write.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ToFormat,
    /// The file to write (replaced atomically); standard output when left out.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Writes the export.
///
/// # Errors
/// When the journal cannot be read, `--out` is the journal itself, or the
/// output cannot be written.
pub fn run(cli: &Cli, args: &ExportArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let journal = read_journal(cli, clock)?;
    let format = ExportFormat::from(args.format);
    let text = interop::export(&journal, format, &TimeZone::system())?;
    let Some(target) = write_output(cli, args.out.as_deref(), &text, out)? else {
        return Ok(());
    };
    let count = crate::model::words::count(journal.len(), "decision", "decisions");
    writeln!(out, "Exported {count} to {} ({}).", target.display(), format.label())?;
    Ok(())
}

/// Writes `text` to standard output when `target` is `None`, else to
/// `target`, atomically; returns the file written. Refuses to write over the
/// journal or any of its files ([`refuse_journal_files`]).
///
/// # Errors
/// Usage error when `target` is one of the journal's files; otherwise write
/// errors.
pub(crate) fn write_output<'a>(
    cli: &Cli,
    target: Option<&'a std::path::Path>,
    text: &str,
    out: &mut dyn std::io::Write,
) -> Result<Option<&'a std::path::Path>, CliError> {
    let Some(target) = target else {
        out.write_all(text.as_bytes())?;
        return Ok(None);
    };
    refuse_journal_files(cli, target, "--out")?;
    storage::write_atomically(target, |file| file.write_all(text.as_bytes()))?;
    Ok(Some(target))
}

/// Refuses an output file (given with `flag`) that is the journal, its key
/// or lock file, or in its backups folder, however the path is spelt: a brief
/// written over the key file would leave the journal unreadable for good.
///
/// # Errors
/// A usage error naming the file and what it is to the journal.
pub fn refuse_journal_files(cli: &Cli, target: &std::path::Path, flag: &str) -> Result<(), CliError> {
    // Even with --demo: the user's own journal is still there to protect.
    let journal = match journal_path(cli.journal.as_deref()) {
        Ok(journal) => journal,
        Err(_) if cli.demo => return Ok(()),
        Err(error) => return Err(error),
    };
    match storage::protected::role_of(&journal, target) {
        Some(role) => Err(CliError::Usage(format!(
            "{flag} {} is {role} ({}); nothing was written, choose another file",
            target.display(),
            storage::real_path(&journal).display()
        ))),
        None => Ok(()),
    }
}
