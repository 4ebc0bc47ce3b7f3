//! The command line: argument definitions and one file per subcommand.
//! Errors are returned as [`CliError`] and reported once, in `main`.

pub mod add;
pub mod backups;
pub mod brief;
pub mod crypt;
pub mod export;
pub mod goal;
pub mod guide;
pub mod import;
pub mod lessons;
pub mod list;
pub mod remind;
pub mod review;
pub mod stats;
pub mod stderr;
pub mod suggest;
pub mod week;

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::analysis::Filter;
use crate::analysis::filter::StyleFilter;
use crate::context::ZOOM_RANGE;
use crate::model::{Clock, Journal, Situation, Style};
use crate::storage::{self, StorageError, Store};

const EXAMPLES: &str = "\
Examples:
  keel                                  open the journal window
  keel --demo                           open the built-in sample journal
  keel add --title \"Froze the scope\" --style management --situation tight-deadline
  keel list --since 2026-01-01 --style leadership --format json
  keel import --from jrnl-json jrnl.json --dry-run
  keel export --format md --out journal.md
  keel stats --by month --since 2026-01-01
  keel brief --person Ana --format html --out ana.html
  keel guide --situation crisis --situation tight-deadline
  keel suggest \"Server room flooded overnight; I set up a war room\"
  keel --screenshot journal.png --page journal --demo";

/// Keel: a decision journal for people who lead and manage.
#[derive(Debug, Parser)]
#[command(name = "keel", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// The journal file to use instead of the default one.
    #[arg(long, global = true, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Open the built-in sample journal (never saved over your own).
    #[arg(long, global = true)]
    pub demo: bool,
    /// Save a PNG of the window once the page has drawn, then exit.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
    /// The page to open (and to capture with --screenshot); the last one
    /// used when left out.
    #[arg(long, value_enum, value_name = "PAGE")]
    pub page: Option<PageArg>,
    /// The colour theme of the window.
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeArg>,
    /// Zoom the window, as Ctrl+Plus does: 1.5 or 150% (0.5 to 3).
    #[arg(long, value_name = "FACTOR", value_parser = parse_zoom)]
    pub zoom: Option<f32>,
    /// What to do; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// What the command's stores have to tell (a backup still plain text,
    /// a leftover file): every store the command opens collects here, and
    /// [`run`] reports them once on stderr when the command is done.
    #[arg(skip)]
    pub notices: storage::Notices,
}

/// A page of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PageArg {
    /// This week: what you decided, goals, a lesson, the weekly reflection.
    Week,
    /// The decision list and editor.
    Journal,
    /// Leading and managing over time.
    Balance,
    /// Everyone named in the journal, talking points and briefs.
    People,
    /// The article's guidance.
    Guide,
    /// Decisions due for review, and what the reviews say.
    Review,
    /// Preferences.
    Settings,
}

/// A colour theme for the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
    /// Follow the operating system.
    System,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write down a decision.
    #[command(after_help = add::EXAMPLES)]
    Add(add::AddArgs),
    /// List decisions, newest first.
    #[command(after_help = list::EXAMPLES)]
    List(list::ListArgs),
    /// Decisions due for review, and recording how they turned out.
    #[command(after_help = review::EXAMPLES)]
    Review(review::ReviewArgs),
    /// The lessons from your reviews: with --situation, the decisions that
    /// share the most of your situations first.
    #[command(after_help = lessons::EXAMPLES)]
    Lessons(lessons::LessonsArgs),
    /// Import decisions from jrnl, CSV or Keel JSON.
    #[command(after_help = import::EXAMPLES)]
    Import(import::ImportArgs),
    /// Export the journal as Keel JSON, CSV, Markdown or jrnl text.
    #[command(after_help = export::EXAMPLES)]
    Export(export::ExportArgs),
    /// Your balance per week or month: leadership share, what your
    /// situations called for, and how well the two fit.
    #[command(after_help = stats::EXAMPLES)]
    Stats(stats::StatsArgs),
    /// A coaching brief for a one-on-one: balance, decisions against the
    /// guidance, reviews, talking points and questions, as Markdown or HTML.
    #[command(after_help = brief::EXAMPLES)]
    Brief(brief::BriefArgs),
    /// Show the guide, or what it recommends for your situations and why.
    #[command(after_help = guide::EXAMPLES)]
    Guide(guide::GuideArgs),
    /// Suggest a style and situations for a decision's text, with the words behind them.
    #[command(after_help = suggest::EXAMPLES)]
    Suggest(suggest::SuggestArgs),
    /// The journal's backups, newest first, and restoring one.
    #[command(after_help = backups::EXAMPLES)]
    Backups(backups::BackupsArgs),
    /// Encrypt the journal with a passphrase (or change the passphrase).
    #[command(after_help = crypt::EXAMPLES)]
    Encrypt(crypt::EncryptArgs),
    /// Turn an encrypted journal back into a plain file.
    Decrypt,
    // Keel coaches (issue 23): the weekly loop and goals.
    /// This week: what you decided, reviews due, goals, a lesson met again,
    /// questions to reflect on.
    #[command(after_help = week::EXAMPLES)]
    Week(week::WeekArgs),
    /// Answer the week's questions (saves that week's reflection).
    #[command(after_help = week::REFLECT_EXAMPLES)]
    Reflect(week::ReflectArgs),
    /// Development goals measured with Keel's own measures.
    #[command(after_help = goal::EXAMPLES)]
    Goal(goal::GoalArgs),
    /// Send today's reminder from your journal (at most one a day), or
    /// install the daily reminder that runs while Keel is closed.
    #[command(after_help = remind::EXAMPLES)]
    Remind(remind::RemindArgs),
}

/// The filters shared by `list`, `stats` and later subcommands.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only decisions on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "D", value_parser = parse_date, allow_hyphen_values = true)]
    pub since: Option<Date>,
    /// Only decisions on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "D", value_parser = parse_date, allow_hyphen_values = true)]
    pub until: Option<Date>,
    /// Only this style: leadership, management or blend.
    #[arg(long, value_name = "S", value_parser = parse_style)]
    pub style: Option<Style>,
    /// Only decisions in this situation (an id such as crisis).
    #[arg(long, value_name = "ID", value_parser = parse_situation)]
    pub situation: Option<Situation>,
    /// Only decisions with this tag.
    #[arg(long, value_name = "T")]
    pub tag: Option<String>,
    /// Only decisions involving this person.
    #[arg(long, value_name = "P")]
    pub person: Option<String>,
    /// Only decisions whose title, note, tags or people contain this text.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
}

impl FilterArgs {
    /// The filter these flags describe.
    #[must_use]
    pub fn to_filter(&self) -> Filter {
        Filter {
            search: self.search.clone().unwrap_or_default(),
            style: self.style.map(StyleFilter::Is),
            situation: self.situation,
            tag: self.tag.clone(),
            person: self.person.clone(),
            since: self.since,
            until: self.until,
            fit: None,
        }
    }
}

/// A failed command: bad usage exits 2, anything else 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The arguments make no sense together.
    #[error("{0}")]
    Usage(String),
    /// The journal could not be read or written.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A file to import could not be read, or an export not written.
    #[error(transparent)]
    Interop(#[from] crate::interop::InteropError),
    /// Anything else (e.g. writing to stdout failed).
    #[error("{0}")]
    Other(String),
}

impl CliError {
    /// The process exit status for this error.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => 2,
            Self::Storage(_) | Self::Interop(_) | Self::Other(_) => 1,
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> Self {
        Self::Other(error.to_string())
    }
}

/// Parses `--zoom`: a factor ("1.5") or a percentage ("150%").
///
/// # Errors
/// A message naming the value when it is not a zoom from 0.5 to 3.
pub fn parse_zoom(text: &str) -> Result<f32, String> {
    let trimmed = text.trim();
    let factor = match trimmed.strip_suffix('%') {
        Some(percent) => percent.trim().parse::<f32>().map(|percent| percent / 100.0),
        None => trimmed.parse::<f32>(),
    };
    match factor {
        Ok(factor) if ZOOM_RANGE.contains(&factor) => Ok(factor),
        _ => Err(format!("'{text}' is not a zoom from 0.5 to 3 (or 50% to 300%), for example 1.5 or 150%")),
    }
}

/// Parses a `YYYY-MM-DD` date, naming the bad value.
///
/// # Errors
/// A sentence saying what is wrong and what is expected.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let trimmed = text.trim();
    // Dates take values that start with '-' (see `allow_hyphen_values`), so
    // "-0001-01-01" gets this message rather than "unexpected argument".
    if trimmed.starts_with(['-', '+']) {
        return Err(format!(
            "'{text}' is not a date: the year has four digits and no sign; use YYYY-MM-DD, for example 2026-03-14"
        ));
    }
    let shaped = trimmed.len() == 10 && trimmed.as_bytes()[4] == b'-' && trimmed.as_bytes()[7] == b'-';
    match trimmed.parse::<Date>() {
        Ok(date) if shaped => Ok(date),
        Ok(_) => Err(format!("'{text}' is not a date in the form YYYY-MM-DD (for example 2026-03-14)")),
        Err(error) => Err(format!("'{text}' is not a valid date ({error}); use YYYY-MM-DD, for example 2026-03-14")),
    }
}

/// Parses a style id.
///
/// # Errors
/// Names the bad value and lists the valid ones.
pub fn parse_style(text: &str) -> Result<Style, String> {
    text.parse().map_err(|error: crate::model::UnknownStyle| error.to_string())
}

/// Parses a situation id.
///
/// # Errors
/// Names the bad value and lists the valid ones.
pub fn parse_situation(text: &str) -> Result<Situation, String> {
    text.parse().map_err(|error: crate::model::UnknownSituation| error.to_string())
}

/// The journal's spelling of `given` (any case), or a usage error naming
/// it, with the names close to it; `flag` opens the message ("--person: ")
/// where the name came from a flag.
///
/// # Errors
/// [`CliError::Usage`] when no decision names that person.
pub fn known_person(journal: &Journal, given: &str, flag: &str) -> Result<String, CliError> {
    crate::report::known_name(journal, given).ok_or_else(|| {
        let close = crate::report::close_names(journal, given);
        let hint = if close.is_empty() {
            "nobody in the journal has a similar name".to_owned()
        } else {
            format!("did you mean: {}?", close.join(", "))
        };
        CliError::Usage(format!("{flag}no decision in the journal names '{given}'; {hint}"))
    })
}

/// Each of `ids` cut to the shortest start (8 characters at least) that no
/// other shares: the short ids tables print and every command accepts.
#[must_use]
pub fn shortest_starts<'a>(ids: impl Iterator<Item = &'a str>) -> std::collections::HashMap<&'a str, &'a str> {
    const SHORTEST: usize = 8;
    let mut ids: Vec<&str> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    let shared = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let mut short = std::collections::HashMap::with_capacity(ids.len());
    for (at, id) in ids.iter().enumerate() {
        let before = at.checked_sub(1).map_or(0, |before| shared(ids[before], id));
        let after = ids.get(at + 1).map_or(0, |next| shared(next, id));
        let chars = (before.max(after) + 1).max(SHORTEST);
        let end = id.char_indices().nth(chars).map_or(id.len(), |(byte, _)| byte);
        short.insert(*id, &id[..end]);
    }
    short
}

/// Where the journal is: `--journal`, else the platform default.
///
/// # Errors
/// When no home folder can be found to hold the default journal.
pub fn journal_path(cli_path: Option<&Path>) -> Result<PathBuf, CliError> {
    cli_path
        .map(Path::to_path_buf)
        .or_else(storage::default_path)
        .ok_or_else(|| CliError::Other("cannot find a data folder for the journal; pass --journal PATH".to_owned()))
}

/// The journal to read: the sample with `--demo`, else the file (empty if
/// it does not exist yet).
///
/// # Errors
/// When the file exists but cannot be read or parsed.
pub fn read_journal(cli: &Cli, clock: &dyn Clock) -> Result<Journal, CliError> {
    read_through(cli, clock, |store| store.read().map(|loaded| loaded.contents.journal), |journal| journal)
}

/// The decisions of the journal `--journal` names (or the demo) that `keep`
/// accepts, in stored order, and nothing else of it: for a command that
/// lists some decisions and writes nothing ([`Store::read_decisions_where`]).
///
/// # Errors
/// As [`read_journal`].
pub fn read_decisions_where(
    cli: &Cli,
    clock: &dyn Clock,
    keep: &crate::storage::cache::KeepDecision<'_>,
) -> Result<Vec<crate::model::Decision>, CliError> {
    read_through(
        cli,
        clock,
        |store| store.read_decisions_where(keep),
        |journal| journal.decisions().iter().filter(|decision| keep(decision)).cloned().collect(),
    )
}

/// What `read` makes of the journal's store, or `from_journal` of the demo
/// (and of an empty journal when the file does not exist yet).
fn read_through<T>(
    cli: &Cli,
    clock: &dyn Clock,
    read: impl FnOnce(&Store) -> Result<T, StorageError>,
    from_journal: impl FnOnce(Journal) -> T,
) -> Result<T, CliError> {
    if cli.demo {
        return Ok(from_journal(crate::samples::demo::load(clock.today())?));
    }
    let store = open_store(cli)?;
    // Reading writes nothing: copies a sync service made are only named.
    let copies = store.pending_copies();
    tell_about_copies(&copies);
    match read(&store) {
        Ok(value) => Ok(value),
        Err(StorageError::NotFound { path }) if copies.not_downloaded.contains(&path) => {
            Err(StorageError::NotDownloaded { path }.into())
        }
        Err(StorageError::NotFound { .. }) => Ok(from_journal(Journal::default())),
        Err(error) => Err(error.into()),
    }
}

/// As [`open_store`], for a command that writes: first merges the conflict
/// copies a sync service left beside the journal (see
/// [`Store::absorb_copies`]), saying so on stderr.
///
/// # Errors
/// As [`open_store`], and when the journal cannot be read or written.
pub fn open_store_for_writing(cli: &Cli) -> Result<Store, CliError> {
    let store = open_store(cli)?;
    tell_about_copies(&store.absorb_copies()?);
    Ok(store)
}

/// As [`open_store`], for a command that only reads: names the conflict
/// copies a sync service left beside the journal, writing nothing.
///
/// # Errors
/// As [`open_store`].
pub fn open_store_reading(cli: &Cli) -> Result<Store, CliError> {
    let store = open_store(cli)?;
    tell_about_copies(&store.pending_copies());
    Ok(store)
}

/// One line on stderr per copy found or merged.
fn tell_about_copies(report: &storage::CopyReport) {
    for line in report.sentences() {
        // A copy's name or a refused decision's title is escaped there.
        stderr::notice(&line);
    }
}

/// The journal file as a [`Store`], its key unlocked when it is encrypted
/// (from `KEEL_PASSPHRASE`, else by asking). Writers change the journal
/// through [`Store::update`], under its lock, waiting for another Keel's
/// as [`lock_wait`] says.
///
/// # Errors
/// When there is no journal path or the key cannot be unlocked.
pub fn open_store(cli: &Cli) -> Result<Store, CliError> {
    let mut store = store_of(cli)?;
    if store.needs_key() {
        crypt::unlock(&mut store)?;
    }
    store.resume_interrupted()?;
    // Told now, before the command's own output or questions; what its
    // writes add is told by [`run`].
    report_notices(cli);
    Ok(store)
}

/// The journal file as a [`Store`], not yet unlocked: waiting for another
/// Keel's lock as [`lock_wait`] says, its notices collected in
/// [`Cli::notices`].
///
/// # Errors
/// When there is no journal path.
pub fn store_of(cli: &Cli) -> Result<Store, CliError> {
    Ok(Store::new(journal_path(cli.journal.as_deref())?).with_lock_wait(lock_wait()).with_notices(cli.notices.clone()))
}

/// Reports on stderr, once, what the command's stores collected.
fn report_notices(cli: &Cli) {
    for notice in cli.notices.take() {
        stderr::notice(&notice);
    }
}

/// How a command waits for another Keel's lock on the journal: as long as
/// the store does ([`storage::lock::LOCK_WAIT_MS`]), saying on stderr that
/// it waits, and for whom, once it has waited a moment.
#[must_use]
pub fn lock_wait() -> storage::lock::LockWait {
    storage::lock::LockWait::default().with_notice(|waiting| stderr::notice(&waiting.to_string()))
}

/// Runs a subcommand.
///
/// # Errors
/// Whatever the subcommand reports.
pub fn run(cli: &Cli, command: &Command, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let ran = run_command(cli, command, clock, out);
    // After a failure too: a backup left behind by a save that failed is
    // worth knowing beside the error `main` prints.
    report_notices(cli);
    ran
}

fn run_command(cli: &Cli, command: &Command, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    match command {
        Command::Add(args) => add::run(cli, args, clock, out),
        Command::List(args) => list::run(cli, args, clock, out),
        Command::Review(args) => review::run(cli, args, clock, out),
        Command::Lessons(args) => lessons::run(cli, args, clock, out),
        Command::Import(args) => import::run(cli, args, clock, out),
        Command::Export(args) => export::run(cli, args, clock, out),
        Command::Stats(args) => stats::run(cli, args, clock, out),
        Command::Brief(args) => brief::run(cli, args, clock, out),
        Command::Guide(args) => guide::run(args, out),
        Command::Suggest(args) => suggest::run(args, out),
        Command::Backups(args) => backups::run(cli, args, out),
        Command::Encrypt(args) => crypt::run_encrypt(cli, args, out),
        Command::Decrypt => crypt::run_decrypt(cli, out),
        Command::Week(args) => week::run_week(cli, args, clock, out),
        Command::Reflect(args) => week::run_reflect(cli, args, clock, out),
        Command::Goal(args) => goal::run(cli, args, clock, out),
        Command::Remind(args) => remind::run(cli, args, clock, out),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_zoom;

    #[test]
    fn short_ids_are_eight_characters_or_as_many_as_tell_them_apart() {
        let ids = ["demo-goal-step-back", "demo-goal-lead-weekly", "4f008cab-1111", "abc"];
        let short = super::shortest_starts(ids.into_iter());
        assert_eq!(short["demo-goal-step-back"], "demo-goal-s");
        assert_eq!(short["demo-goal-lead-weekly"], "demo-goal-l");
        assert_eq!(short["4f008cab-1111"], "4f008cab");
        assert_eq!(short["abc"], "abc");
    }

    #[test]
    fn zoom_is_a_factor_or_a_percentage_from_half_to_three_times() {
        assert_eq!(parse_zoom("1.5"), Ok(1.5));
        assert_eq!(parse_zoom("150%"), Ok(1.5));
        assert_eq!(parse_zoom(" 200 % "), Ok(2.0));
        for bad in ["4", "0.1", "big", "", "-1.5"] {
            let error = parse_zoom(bad).expect_err(bad);
            assert!(error.contains("is not a zoom from 0.5 to 3"), "{error}");
        }
    }
}
