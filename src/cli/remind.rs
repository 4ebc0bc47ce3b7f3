//! `keel remind`: at most one desktop reminder a day, chosen from the
//! journal ([`crate::analysis::reminder`]), and installing or removing the
//! scheduler entry that runs it while Keel is closed ([`crate::remind`]).

use std::io::IsTerminal as _;
use std::time::Duration;

use clap::{Args, ValueEnum};
use jiff::civil::{Date, Time, Weekday};

use super::{Cli, CliError, journal_path, parse_date};
use crate::analysis::reminder::{self, Reminder, ReminderKind};
use crate::model::Clock;
use crate::remind::sent::{Sent, Via};
use crate::remind::settings::{parse_time, parse_weekday};
use crate::remind::{Places, RemindError, ReminderSettings, notify, schedule};
use crate::storage::{StorageError, Store};

/// Shown after `keel remind --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel remind                      send today's reminder, if there is one
  keel remind --dry-run            say what it would send; send nothing
  keel remind --dry-run --date 2026-12-04   what it would say on that day
  keel remind --format json        the outcome as one JSON object
  keel remind --install --at 08:30 remind me every day at 08:30
  keel remind --uninstall          stop the daily reminder";

/// How long `--wait-for-click` waits for a click on the notification.
pub const CLICK_WAIT: Duration = Duration::from_mins(10);

/// Output formats of `keel remind`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum RemindFormat {
    /// Sentences for people.
    #[default]
    Text,
    /// One object: `sent`, `kind`, `summary`, `body`, `action_page` (see the README).
    Json,
}

/// Arguments of `keel remind`.
#[derive(Debug, Args)]
#[expect(clippy::struct_excessive_bools, reason = "clap's switches, each a flag of its own")]
pub struct RemindArgs {
    /// Print what would be sent; send nothing and remember nothing.
    #[arg(long, conflicts_with_all = ["install", "uninstall"])]
    pub dry_run: bool,
    /// How to print the outcome.
    #[arg(long, value_enum, default_value_t)]
    pub format: RemindFormat,
    /// Remind every day while Keel is closed: a systemd user timer (or a
    /// login entry), a macOS `LaunchAgent`, or a Windows scheduled task.
    #[arg(long, conflicts_with = "uninstall")]
    pub install: bool,
    /// With --install: the time of day, HH:MM on a 24-hour clock (17:00
    /// unless set before).
    #[arg(long, value_name = "HH:MM", requires = "install", value_parser = parse_time)]
    pub at: Option<Time>,
    /// With --install: the weekday of the weekly reflection reminder
    /// (friday unless set before).
    #[arg(long, value_name = "DAY", requires = "install", value_parser = parse_weekday)]
    pub reflect_on: Option<Weekday>,
    /// Remove what --install wrote.
    #[arg(long)]
    pub uninstall: bool,
    /// With --dry-run: choose the reminder as if today were this day
    /// (YYYY-MM-DD).
    #[arg(long, value_name = "D", value_parser = parse_date, requires = "dry_run")]
    pub date: Option<Date>,
    /// After sending, wait up to 10 minutes for a click on the notification,
    /// which opens Keel on the matching page (what the scheduler runs).
    #[arg(long, conflicts_with_all = ["dry_run", "install", "uninstall"])]
    pub wait_for_click: bool,
}

/// The JSON object `--format json` prints.
#[derive(Debug, serde::Serialize)]
struct Outcome<'a> {
    sent: bool,
    kind: Option<&'static str>,
    summary: Option<&'a str>,
    body: Option<&'a str>,
    action_page: Option<&'static str>,
    /// How it reached the user: "notification", "printed", or null.
    via: Option<Via>,
    /// Why nothing was sent, when nothing was.
    reason: Option<&'static str>,
}

impl From<RemindError> for CliError {
    fn from(error: RemindError) -> Self {
        Self::Other(error.to_string())
    }
}

/// Runs `keel remind`.
///
/// # Errors
/// The settings file is unreadable, the journal cannot be read, or a
/// scheduler file cannot be written.
pub fn run(cli: &Cli, args: &RemindArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let places = Places::of_this_user().ok_or(RemindError::NoFolder)?;
    if args.install {
        return install(cli, &places, args, out);
    }
    if args.uninstall {
        return uninstall(&places, out);
    }
    let today = args.date.unwrap_or_else(|| clock.today());
    let settings = ReminderSettings::load(&places)?;
    let chosen = choose(cli, &settings, today, clock)?;
    // The sample journal's reminder is only ever shown, never sent as the
    // user's own or remembered as today's.
    let dry_run = args.dry_run || cli.demo;
    let (last, problem) = Sent::load(&places);
    if let Some(problem) = problem {
        super::stderr::notice(&problem.to_string());
    }
    let already = last.as_ref().is_some_and(|sent| sent.is_on(today));
    let Some(reminder) = chosen else {
        return report(out, args.format, None, None, Some("nothing to remind you of today"));
    };
    if dry_run {
        let reason = if already { "dry run; one reminder was already sent today" } else { "dry run" };
        return report(out, args.format, Some(&reminder), None, Some(reason));
    }
    if already {
        return report(out, args.format, None, None, Some("already reminded you today"));
    }
    let label = format!("Open {}", page_title(reminder.kind));
    let shown = match notify::show(&reminder, &label) {
        Ok(shown) => Some(shown),
        Err(why) => {
            log::debug!("no notification service: {why}");
            None
        }
    };
    let via = if shown.is_some() { Via::Notification } else { Via::Printed };
    // Run by the scheduler (`--wait-for-click`), a reminder that only went
    // to a log nobody reads (the desktop not up yet at login) does not count:
    // the next run, or the window, still brings it today.
    let counts = shown.is_some() || !args.wait_for_click;
    if counts {
        Sent { day: today, kind: reminder.kind.id().to_owned(), via }.save(&places)?;
    }
    let reason = (!counts).then_some("no notification service; not counted as today's reminder");
    report(out, args.format, Some(&reminder), Some(via), reason)?;
    out.flush()?;
    if let Some(shown) = shown
        && args.wait_for_click
        && notify::wait_for_click(shown, CLICK_WAIT)
    {
        open_window(reminder.kind, journal(cli, &settings).as_deref())?;
    }
    Ok(())
}

/// The window page's name a kind's click opens.
fn page_title(kind: ReminderKind) -> &'static str {
    match kind.page_id() {
        "review" => "Review",
        "balance" => "Balance",
        _ => "This week",
    }
}

/// The reminder for `today`: from the journal, or, when it is encrypted and
/// no passphrase is given, only the weekly one with nothing from inside it.
fn choose(
    cli: &Cli,
    settings: &ReminderSettings,
    today: Date,
    clock: &dyn Clock,
) -> Result<Option<Reminder>, CliError> {
    let rules = settings.rules();
    if cli.demo {
        return Ok(reminder::reminder(&crate::samples::demo::load(clock.today())?, today, &rules));
    }
    let mut store = Store::new(journal_path(journal(cli, settings).as_deref())?)
        .with_lock_wait(super::lock_wait())
        .with_notices(cli.notices.clone());
    if store.needs_key() {
        // Never asks: the scheduler has no terminal, and a reminder is not
        // worth a passphrase prompt.
        match crate::storage::crypto::passphrase_from_env(super::crypt::PASSPHRASE_VAR) {
            Some(passphrase) => store.unlock(&passphrase)?,
            None => return Ok(reminder::reminder_without_journal(today, &rules)),
        }
    }
    let journal = match store.read() {
        Ok(loaded) => loaded.contents.journal,
        Err(StorageError::NotFound { .. }) => return Ok(None),
        Err(error) => return Err(error.into()),
    };
    Ok(reminder::reminder(&journal, today, &rules))
}

/// The journal reminders read: `--journal`, else the one the settings name
/// (the window's, or the one given at `--install`), else the default.
fn journal(cli: &Cli, settings: &ReminderSettings) -> Option<std::path::PathBuf> {
    cli.journal.clone().or_else(|| settings.journal.clone())
}

/// Prints the outcome.
fn report(
    out: &mut dyn std::io::Write,
    format: RemindFormat,
    reminder: Option<&Reminder>,
    via: Option<Via>,
    reason: Option<&'static str>,
) -> Result<(), CliError> {
    match format {
        RemindFormat::Json => {
            let outcome = Outcome {
                sent: via.is_some() && reason.is_none(),
                kind: reminder.map(|r| r.kind.id()),
                summary: reminder.map(|r| r.summary.as_str()),
                body: reminder.map(|r| r.body.as_str()),
                action_page: reminder.map(|r| r.kind.page_id()),
                via,
                reason,
            };
            serde_json::to_writer(&mut *out, &outcome).map_err(|error| CliError::Other(error.to_string()))?;
            writeln!(out)?;
        }
        RemindFormat::Text => match (reminder, via) {
            (Some(reminder), Some(Via::Notification)) => writeln!(out, "Sent: {}", reminder.summary)?,
            (Some(reminder), via) => {
                if via.is_none()
                    && let Some(reason) = reason
                {
                    writeln!(out, "Would send ({reason}):")?;
                }
                writeln!(
                    out,
                    "{}\n{}\nOpen it with: keel --page {}",
                    reminder.summary,
                    reminder.body,
                    reminder.kind.page_id()
                )?;
            }
            // Quiet for a cron line or a timer; a person at a terminal is told.
            (None, _) if std::io::stdout().is_terminal() => {
                writeln!(out, "No reminder sent: {}.", reason.unwrap_or("nothing to say"))?;
            }
            (None, _) => {}
        },
    }
    Ok(())
}

/// Opens the window on the reminder's page and journal, leaving it running.
fn open_window(kind: ReminderKind, journal: Option<&std::path::Path>) -> Result<(), CliError> {
    let mut window = std::process::Command::new(std::env::current_exe()?);
    if let Some(journal) = journal {
        window.arg("--journal").arg(journal);
    }
    window.args(["--page", kind.page_id()]).spawn()?;
    Ok(())
}

fn install(cli: &Cli, places: &Places, args: &RemindArgs, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let mut settings = ReminderSettings::load(places)?;
    settings.enabled = true;
    settings.at = args.at.unwrap_or(settings.at);
    settings.reflect_on = args.reflect_on.unwrap_or(settings.reflect_on);
    if let Some(journal) = &cli.journal {
        settings.journal = Some(std::path::absolute(journal)?);
    }
    for line in schedule::install(places, &settings)? {
        writeln!(out, "{line}")?;
    }
    if let Some(journal) = &settings.journal {
        writeln!(out, "It reads the journal at {}.", journal.display())?;
    }
    settings.save(places)?;
    writeln!(out, "Saved the settings in {}.", places.settings_file().display())?;
    writeln!(out, "Turn it off with `keel remind --uninstall` or in Settings → Reminders.")?;
    Ok(())
}

fn uninstall(places: &Places, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    for line in schedule::uninstall(places)? {
        writeln!(out, "{line}")?;
    }
    let mut settings = ReminderSettings::load(places)?;
    if settings.enabled {
        settings.enabled = false;
        settings.save(places)?;
    }
    Ok(())
}
