//! `keel backups`: list the journal's backups and restore one.

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::{Cli, CliError, open_store_for_writing};

/// Shown after `keel backups --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel backups                    numbered, newest first
  keel backups --format json
  keel backups restore 2          put the journal back as it was in backup 2 (undo: restore 1)";

/// Arguments of `keel backups`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupsArgs {
    /// What to do; without one, the backups are listed.
    #[command(subcommand)]
    pub action: Option<BackupsAction>,
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = BackupsFormat::Table)]
    pub format: BackupsFormat,
}

/// The backups subcommands.
#[derive(Debug, Subcommand)]
pub enum BackupsAction {
    /// Replace the journal's decisions with those of backup N (as numbered by
    /// `keel backups`). The journal as it was is kept as a backup too.
    Restore {
        /// The backup's number in the list, 1 being the newest.
        #[arg(value_name = "N")]
        number: usize,
    },
}

/// Output formats of `keel backups`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BackupsFormat {
    /// Aligned columns for reading.
    Table,
    /// An array of `{number, taken, decisions, path, migrated_from}`.
    Json,
}

#[derive(Serialize)]
struct BackupJson {
    number: usize,
    taken: String,
    decisions: usize,
    path: String,
    migrated_from: Option<u32>,
}

/// Runs `keel backups …`.
///
/// # Errors
/// Usage errors for `--demo` or a number not in the list; storage errors.
pub fn run(cli: &Cli, args: &BackupsArgs, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    if cli.demo {
        return Err(CliError::Usage("the sample journal (--demo) has no backups".to_owned()));
    }
    match &args.action {
        None => list(cli, args.format, out),
        Some(BackupsAction::Restore { number }) => restore(cli, *number, out),
    }
}

fn list(cli: &Cli, format: BackupsFormat, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let path = super::journal_path(cli.journal.as_deref())?;
    let backups = crate::storage::Store::new(path).backups()?;
    match format {
        BackupsFormat::Json => {
            let items: Vec<BackupJson> = backups
                .iter()
                .enumerate()
                .map(|(index, backup)| BackupJson {
                    number: index + 1,
                    taken: backup.taken.to_string(),
                    decisions: backup.decisions,
                    path: backup.path.display().to_string(),
                    migrated_from: backup.migrated_from,
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &items).map_err(|error| CliError::Other(error.to_string()))?;
            writeln!(out)?;
        }
        BackupsFormat::Table => {
            if backups.is_empty() {
                writeln!(out, "No backups yet: one is kept each time the journal is saved over.")?;
                return Ok(());
            }
            writeln!(out, "{:>3}  {:<16}  {:>9}  file", "#", "taken", "decisions")?;
            for (index, backup) in backups.iter().enumerate() {
                let name = backup.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let note = match backup.migrated_from {
                    Some(version) => format!("  (original, version {version})"),
                    None => String::new(),
                };
                writeln!(out, "{:>3}  {:<16}  {:>9}  {name}{note}", index + 1, backup.taken_local(), backup.decisions)?;
            }
        }
    }
    Ok(())
}

fn restore(cli: &Cli, number: usize, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let store = open_store_for_writing(cli)?;
    let backups = store.backups()?;
    let Some(backup) = number.checked_sub(1).and_then(|index| backups.get(index)) else {
        return Err(CliError::Usage(match backups.len() {
            0 => "there are no backups to restore".to_owned(),
            count => format!("there is no backup {number}; `keel backups` lists 1 to {count}"),
        }));
    };
    let count = store.restore(backup)?;
    writeln!(
        out,
        "Restored {}: the journal now holds {}. The journal as it was is kept as backup 1.",
        backup.describe(),
        crate::model::words::count(count, "decision", "decisions")
    )?;
    Ok(())
}
