//! `keel goal`: set development goals, see their progress, mark them done,
//! abandon or remove them. Progress comes from [`crate::analysis::goals`].

use clap::{Args, Subcommand, ValueEnum};
use jiff::civil::Date;
use serde::Serialize;

use super::{Cli, CliError, open_store_for_writing, parse_date, parse_situation, parse_style, read_journal};
use crate::analysis::goals::{GoalProgress, progress, target_words, value_words};
use crate::model::decision::escape_control;
use crate::model::{Clock, Goal, GoalKind, GoalState, Journal, Situation, Style};

/// Shown after `keel goal --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel goal add --title \"Step back when the team is confident\" --kind fit --situation confident-team \\
      --min 70 --from 2026-11-02 --until 2026-12-27
  keel goal add --title \"Lead twice a week\" --kind practice --style leadership --per-week 2 \\
      --from 2026-11-02 --until 2026-12-27
  keel goal list --format json
  keel goal done 9d3e";

/// Arguments of `keel goal`.
#[derive(Debug, Args)]
pub struct GoalArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: GoalAction,
}

/// The actions of `keel goal`.
#[derive(Debug, Subcommand)]
pub enum GoalAction {
    /// Set a goal.
    Add(GoalAddArgs),
    /// Goals with their progress (those running today; --all for every one).
    List(GoalListArgs),
    /// Mark a goal done.
    Done(GoalIdArgs),
    /// Give a goal up.
    Abandon(GoalIdArgs),
    /// Remove a goal from the journal.
    Remove(GoalIdArgs),
}

/// Parses a percentage as people type it: a whole number from 0 to 100.
fn parse_percent(text: &str) -> Result<u8, String> {
    let trimmed = text.trim().trim_end_matches('%').trim();
    match trimmed.parse::<u8>() {
        Ok(value) if value <= 100 => Ok(value),
        _ => Err(format!("'{text}' is not a percentage: use a whole number from 0 to 100 (for example 70)")),
    }
}

/// Parses a goal kind.
fn parse_kind(text: &str) -> Result<GoalKind, String> {
    text.parse().map_err(|error: crate::model::goal::UnknownGoalKind| error.to_string())
}

/// Arguments of `keel goal add`.
#[derive(Debug, Args)]
pub struct GoalAddArgs {
    /// What the goal is.
    #[arg(long, value_name = "T")]
    pub title: String,
    /// Why it matters to you.
    #[arg(long, value_name = "W", default_value = "")]
    pub why: String,
    /// The measure: fit, share, practice or results.
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: GoalKind,
    /// A situation the goal is about (repeat for several).
    #[arg(long, value_name = "ID", value_parser = parse_situation)]
    pub situation: Vec<Situation>,
    /// The style to practise (practice goals).
    #[arg(long, value_name = "S", value_parser = parse_style)]
    pub style: Option<Style>,
    /// Only decisions with this tag count.
    #[arg(long, value_name = "T")]
    pub tag: Option<String>,
    /// Only decisions involving this person count.
    #[arg(long, value_name = "P")]
    pub person: Option<String>,
    /// The lowest value that meets the goal, in percent (0-100).
    #[arg(long, value_name = "X", value_parser = parse_percent)]
    pub min: Option<u8>,
    /// The highest value that meets the goal, in percent (0-100).
    #[arg(long, value_name = "X", value_parser = parse_percent)]
    pub max: Option<u8>,
    /// Decisions a week (practice goals).
    #[arg(long, value_name = "N")]
    pub per_week: Option<u32>,
    /// The first day of the goal (YYYY-MM-DD).
    #[arg(long, value_name = "D", value_parser = parse_date, allow_hyphen_values = true)]
    pub from: Date,
    /// The last day of the goal (YYYY-MM-DD).
    #[arg(long, value_name = "D", value_parser = parse_date, allow_hyphen_values = true)]
    pub until: Date,
}

/// Output formats of `keel goal list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GoalFormat {
    /// One goal per line with its progress.
    Text,
    /// An array of goals with their progress (see the README).
    Json,
}

/// Arguments of `keel goal list`.
#[derive(Debug, Args)]
pub struct GoalListArgs {
    /// Every goal, not only those running today.
    #[arg(long)]
    pub all: bool,
    /// How to print them.
    #[arg(long, value_enum, default_value_t = GoalFormat::Text)]
    pub format: GoalFormat,
}

/// The goal an action is about.
#[derive(Debug, Args)]
pub struct GoalIdArgs {
    /// The goal's id, or the start of it.
    pub id: String,
}

/// Runs `keel goal`.
///
/// # Errors
/// Usage errors for a goal that cannot be measured, an unknown id or
/// `--demo` with a change; storage errors otherwise.
pub fn run(cli: &Cli, args: &GoalArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    match &args.action {
        GoalAction::Add(add) => run_add(cli, add, clock, out),
        GoalAction::List(list) => run_list(cli, list, clock, out),
        GoalAction::Done(id) => change(cli, &id.id, Change::Done, clock, out),
        GoalAction::Abandon(id) => change(cli, &id.id, Change::Abandon, clock, out),
        GoalAction::Remove(id) => change(cli, &id.id, Change::Remove, clock, out),
    }
}

fn refuse_demo(cli: &Cli) -> Result<(), CliError> {
    if cli.demo {
        return Err(CliError::Usage(
            "the sample journal (--demo) is read-only; leave out --demo to change your goals".to_owned(),
        ));
    }
    Ok(())
}

fn run_add(cli: &Cli, args: &GoalAddArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    refuse_demo(cli)?;
    let mut goal = Goal::new(&args.title, args.kind, args.from, args.until, clock.now());
    args.why.trim().clone_into(&mut goal.why);
    for situation in &args.situation {
        if !goal.situations.contains(situation) {
            goal.situations.push(*situation);
        }
    }
    goal.style = args.style;
    goal.tag = args.tag.as_deref().map(str::trim).filter(|tag| !tag.is_empty()).map(str::to_owned);
    goal.person = args.person.as_deref().map(str::trim).filter(|person| !person.is_empty()).map(str::to_owned);
    goal.min_percent = args.min;
    goal.max_percent = args.max;
    goal.per_week = args.per_week;
    // Checked before the journal is touched: nothing is written for a goal
    // that cannot be measured.
    goal.check().map_err(|error| CliError::Usage(format!("goal add: {error}")))?;
    for day in [("--from", args.from), ("--until", args.until)] {
        crate::model::decision::check_date(day.1, clock.today())
            .map_err(|error| CliError::Usage(format!("goal add {}: {error}", day.0)))?;
    }
    let id = goal.id.clone();
    let store = open_store_for_writing(cli)?;
    store.update(|journal| {
        journal.add_goal(goal);
        Ok::<(), CliError>(())
    })?;
    writeln!(out, "Set the goal \u{201c}{}\u{201d} ({id})", escape_control(args.title.trim()))?;
    Ok(())
}

#[derive(Clone, Copy)]
enum Change {
    Done,
    Abandon,
    Remove,
}

fn change(
    cli: &Cli,
    wanted: &str,
    what: Change,
    clock: &dyn Clock,
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    refuse_demo(cli)?;
    let wanted = wanted.trim();
    let store = open_store_for_writing(cli)?;
    let title = store.update(|journal| {
        let id = goal_id(journal, wanted)?;
        let Some(mut goal) = journal.goal(&id).cloned() else {
            return Err(CliError::Usage(format!("no goal has the id '{wanted}'")));
        };
        let title = goal.title.clone();
        match what {
            Change::Remove => {
                journal.remove_goal(&id, clock.now());
            }
            Change::Done | Change::Abandon => {
                // Marking again keeps the first day: nothing changes.
                if goal.state() == GoalState::Active {
                    if matches!(what, Change::Done) {
                        goal.done = Some(clock.today());
                    } else {
                        goal.abandoned = Some(clock.today());
                    }
                    goal.updated = clock.now();
                    journal.update_goal(goal);
                }
            }
        }
        Ok::<String, CliError>(title)
    })?;
    let verb = match what {
        Change::Done => "Marked done",
        Change::Abandon => "Abandoned",
        Change::Remove => "Removed",
    };
    writeln!(out, "{verb}: \u{201c}{}\u{201d}", escape_control(&title))?;
    Ok(())
}

/// The id of the goal `wanted` names: its whole id, else the one goal
/// whose id starts with it.
fn goal_id(journal: &Journal, wanted: &str) -> Result<String, CliError> {
    if let Some(goal) = journal.goal(wanted) {
        return Ok(goal.id.clone());
    }
    let starting: Vec<&Goal> =
        journal.goals().iter().filter(|goal| !wanted.is_empty() && goal.id.starts_with(wanted)).collect();
    match starting.as_slice() {
        [] => Err(CliError::Usage(format!(
            "no goal has the id '{wanted}'; `keel goal list --all --format json` shows the ids"
        ))),
        [goal] => Ok(goal.id.clone()),
        many => Err(CliError::Usage(format!(
            "'{wanted}' starts the ids of {} goals ({}); give more of the id",
            many.len(),
            many.iter().map(|goal| goal.id.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// A goal's target, as JSON: bounds as fractions (0-1) like `stats`.
#[derive(Serialize)]
struct TargetJson {
    min: Option<f64>,
    max: Option<f64>,
    per_week: Option<u32>,
    style: Option<Style>,
    situations: Vec<Situation>,
    tag: Option<String>,
    person: Option<String>,
}

#[derive(Serialize)]
struct WeekJson {
    start: Date,
    value: Option<f64>,
    decisions: usize,
}

/// One goal and its progress, as `goal list` and `week` print it.
#[derive(Serialize)]
pub(crate) struct GoalJson {
    id: String,
    title: String,
    why: String,
    kind: GoalKind,
    from: Date,
    until: Date,
    /// `active`, `done` or `abandoned`.
    state: &'static str,
    /// The day it was marked done or abandoned.
    state_on: Option<Date>,
    target: TargetJson,
    value: Option<f64>,
    decisions: usize,
    decision_ids: Vec<String>,
    status: &'static str,
    weeks: Vec<WeekJson>,
}

/// Rounds a fraction to three decimals, as `stats` gives shares.
fn three_decimals(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

impl GoalJson {
    /// The JSON of `goal` with its `progress`.
    pub(crate) fn of(goal: &Goal, progress: &GoalProgress) -> Self {
        let (state, state_on) = match goal.state() {
            GoalState::Active => ("active", None),
            GoalState::Done(day) => ("done", Some(day)),
            GoalState::Abandoned(day) => ("abandoned", Some(day)),
        };
        Self {
            id: goal.id.clone(),
            title: goal.title.clone(),
            why: goal.why.clone(),
            kind: goal.kind,
            from: goal.from,
            until: goal.until,
            state,
            state_on,
            target: TargetJson {
                min: goal.min(),
                max: goal.max(),
                per_week: goal.per_week,
                style: goal.style,
                situations: goal.situations.clone(),
                tag: goal.tag.clone(),
                person: goal.person.clone(),
            },
            value: progress.value.map(three_decimals),
            decisions: progress.decisions.len(),
            decision_ids: progress.decisions.iter().map(|id| id.0.clone()).collect(),
            status: progress.status.id(),
            weeks: progress
                .weeks
                .iter()
                .map(|week| WeekJson {
                    start: week.start,
                    value: week.value.map(three_decimals),
                    decisions: week.decisions,
                })
                .collect(),
        }
    }
}

fn run_list(cli: &Cli, args: &GoalListArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let journal = read_journal(cli, clock)?;
    let today = clock.today();
    let goals: Vec<&Goal> = journal.goals().iter().filter(|goal| args.all || goal.covers(today)).collect();
    match args.format {
        GoalFormat::Json => {
            let json: Vec<GoalJson> =
                goals.iter().map(|goal| GoalJson::of(goal, &progress(&journal, goal, today))).collect();
            serde_json::to_writer_pretty(&mut *out, &json).map_err(|error| CliError::Other(error.to_string()))?;
            writeln!(out)?;
        }
        GoalFormat::Text => {
            if goals.is_empty() {
                let hint = if args.all { "" } else { " running today (--all shows every goal)" };
                writeln!(out, "No goals{hint}. Set one with `keel goal add`.")?;
            }
            let short = super::shortest_starts(journal.goals().iter().map(|goal| goal.id.as_str()));
            for goal in goals {
                let progress = progress(&journal, goal, today);
                let state = match goal.state() {
                    GoalState::Active => String::new(),
                    GoalState::Done(day) => format!(" [done {day}]"),
                    GoalState::Abandoned(day) => format!(" [abandoned {day}]"),
                };
                writeln!(
                    out,
                    "{}  {}{state}\n    {} to {}: {}; now {} over {}: {}",
                    short.get(goal.id.as_str()).copied().unwrap_or(&goal.id),
                    escape_control(&goal.title),
                    goal.from,
                    goal.until,
                    target_words(goal),
                    value_words(goal, progress.value),
                    crate::model::words::count(progress.decisions.len(), "decision", "decisions"),
                    progress.status.label()
                )?;
            }
        }
    }
    Ok(())
}
