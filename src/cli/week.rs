//! `keel week` (the weekly view: what you decided, reviews due, goals, a
//! lesson resurfaced, questions) and `keel reflect` (answering them). The
//! numbers come from [`crate::analysis::week`].

use clap::{Args, ValueEnum};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::goal::GoalJson;
use super::{Cli, CliError, open_store_for_writing, parse_date, read_journal};
use crate::analysis::goals::{target_words, value_words};
use crate::analysis::week::Week;
use crate::model::decision::{escape_control, escape_control_lines};
use crate::model::words::count;
use crate::model::{Answer, Clock, Journal, Reflection, ReviewResult, Situation};

/// Shown after `keel week --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel week
  keel week --date 2026-11-26 --format json";

/// Shown after `keel reflect --help`.
pub const REFLECT_EXAMPLES: &str = "\
Examples:
  keel week                      shows this week's questions
  keel reflect --answer \"I stepped in because the client called\" --answer \"Ana, on the rota\"";

/// Output formats of `keel week`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WeekFormat {
    /// Sections for people to read.
    Text,
    /// One object (see the README).
    Json,
}

/// Arguments of `keel week`.
#[derive(Debug, Args)]
pub struct WeekArgs {
    /// A day of the week to show (YYYY-MM-DD); today when left out.
    #[arg(long, value_name = "D", value_parser = parse_date, allow_hyphen_values = true)]
    pub date: Option<Date>,
    /// How to print it.
    #[arg(long, value_enum, default_value_t = WeekFormat::Text)]
    pub format: WeekFormat,
}

/// Arguments of `keel reflect`.
#[derive(Debug, Args)]
pub struct ReflectArgs {
    /// A day of the week reflected on (YYYY-MM-DD); today when left out.
    #[arg(long, value_name = "D", value_parser = parse_date, allow_hyphen_values = true)]
    pub date: Option<Date>,
    /// An answer, to the week's questions in order (repeat for each).
    #[arg(long, value_name = "TEXT", required = true)]
    pub answer: Vec<String>,
}

#[derive(Serialize)]
struct ByStyleJson {
    leadership: usize,
    blend: usize,
    management: usize,
    untagged: usize,
}

#[derive(Serialize)]
struct AgainstJson {
    id: String,
    title: String,
    why_noted: bool,
}

#[derive(Serialize)]
struct DueJson {
    id: String,
    title: String,
    review_on: Date,
}

#[derive(Serialize)]
struct ResurfacedJson {
    id: String,
    title: String,
    result: ReviewResult,
    lesson: String,
    because: Vec<Situation>,
}

#[derive(Serialize)]
struct OnThisDayJson {
    id: String,
    title: String,
    date: Date,
    ago: &'static str,
}

#[derive(Serialize)]
struct QuestionJson {
    text: String,
    decisions: Vec<String>,
}

#[derive(Serialize)]
struct ReflectionJson {
    id: String,
    answers: Vec<Answer>,
    created: Timestamp,
    updated: Timestamp,
}

#[derive(Serialize)]
struct WeekJson {
    week_start: Date,
    week_end: Date,
    decisions: usize,
    by_style: ByStyleJson,
    against_guidance: Vec<AgainstJson>,
    reviews_due: Vec<DueJson>,
    goals: Vec<GoalJson>,
    /// The contract has at most one lesson resurfaced: a list, empty when none.
    resurfaced: Vec<ResurfacedJson>,
    on_this_day: Vec<OnThisDayJson>,
    questions: Vec<QuestionJson>,
    reflection: Option<ReflectionJson>,
    active_weeks: Vec<bool>,
}

impl WeekJson {
    fn of(week: &Week, journal: &Journal) -> Self {
        Self {
            week_start: week.start,
            week_end: week.end,
            decisions: week.decisions.len(),
            by_style: ByStyleJson {
                leadership: week.tally.leadership,
                blend: week.tally.blend,
                management: week.tally.management,
                untagged: week.tally.untagged,
            },
            against_guidance: week
                .against_guidance
                .iter()
                .map(|a| AgainstJson { id: a.id.0.clone(), title: a.title.clone(), why_noted: a.why_noted })
                .collect(),
            reviews_due: week
                .reviews_due
                .iter()
                .map(|r| DueJson { id: r.id.0.clone(), title: r.title.clone(), review_on: r.review_on })
                .collect(),
            goals: week
                .goals
                .iter()
                .filter_map(|(id, progress)| Some(GoalJson::of(journal.goal(id)?, progress)))
                .collect(),
            resurfaced: week
                .resurfaced
                .iter()
                .map(|r| ResurfacedJson {
                    id: r.id.0.clone(),
                    title: r.title.clone(),
                    result: r.result,
                    lesson: r.lesson.clone(),
                    because: r.because.clone(),
                })
                .collect(),
            on_this_day: week
                .on_this_day
                .iter()
                .map(|d| OnThisDayJson { id: d.id.0.clone(), title: d.title.clone(), date: d.date, ago: d.ago.id() })
                .collect(),
            questions: week
                .questions
                .iter()
                .map(|q| QuestionJson {
                    text: q.text.clone(),
                    decisions: q.decisions.iter().map(|id| id.0.clone()).collect(),
                })
                .collect(),
            reflection: week.reflection.as_ref().map(|r| ReflectionJson {
                id: r.id.clone(),
                answers: r.answers.clone(),
                created: r.created,
                updated: r.updated,
            }),
            active_weeks: week.active_weeks.clone(),
        }
    }
}

/// Prints the week.
///
/// # Errors
/// When the journal cannot be read or the output cannot be written.
pub fn run_week(cli: &Cli, args: &WeekArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let journal = read_journal(cli, clock)?;
    let week = Week::of(&journal, args.date.unwrap_or_else(|| clock.today()));
    match args.format {
        WeekFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &WeekJson::of(&week, &journal))
                .map_err(|error| CliError::Other(error.to_string()))?;
            writeln!(out)?;
        }
        WeekFormat::Text => write_text(&week, &journal, out)?,
    }
    Ok(())
}

fn write_text(week: &Week, journal: &Journal, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let tally = &week.tally;
    writeln!(out, "Week of {} to {}", week.start, week.end)?;
    writeln!(
        out,
        "{}: {} leadership, {} blend, {} management, {} untagged",
        crate::model::words::capitalised(&count(week.decisions.len(), "decision", "decisions")),
        tally.leadership,
        tally.blend,
        tally.management,
        tally.untagged
    )?;
    if !week.against_guidance.is_empty() {
        writeln!(out, "\nAgainst the guidance:")?;
        for against in &week.against_guidance {
            let why = if against.why_noted { "why noted" } else { "no reason noted yet" };
            writeln!(out, "  {}  ({why})", escape_control(&against.title))?;
        }
    }
    if !week.reviews_due.is_empty() {
        writeln!(out, "\nReviews due:")?;
        for due in &week.reviews_due {
            writeln!(out, "  {}  (due {})", escape_control(&due.title), due.review_on)?;
        }
    }
    if !week.goals.is_empty() {
        writeln!(out, "\nGoals:")?;
        for (id, progress) in &week.goals {
            let Some(goal) = journal.goal(id) else { continue };
            writeln!(
                out,
                "  {}: {}; now {} ({})",
                escape_control(&goal.title),
                target_words(goal),
                value_words(goal, progress.value),
                progress.status.label()
            )?;
        }
    }
    if let Some(resurfaced) = &week.resurfaced {
        let because: Vec<&str> = resurfaced.because.iter().map(|s| s.id()).collect();
        writeln!(
            out,
            "\nA lesson met again ({}): {} turned out {}",
            because.join(", "),
            escape_control(&resurfaced.title),
            resurfaced.result.label().to_lowercase()
        )?;
        if !resurfaced.lesson.is_empty() {
            writeln!(out, "  Lesson: {}", escape_control_lines(&resurfaced.lesson))?;
        }
    }
    for then in &week.on_this_day {
        writeln!(out, "\nA {} ago ({}): {}", then.ago.id(), then.date, escape_control(&then.title))?;
    }
    writeln!(out, "\nQuestions:")?;
    for (index, question) in week.questions.iter().enumerate() {
        writeln!(out, "  {}. {}", index + 1, escape_control(&question.text))?;
    }
    match &week.reflection {
        Some(reflection) => {
            writeln!(out, "\nYour reflection (last changed {}):", reflection.updated)?;
            for answer in &reflection.answers {
                writeln!(out, "  {}\n    {}", escape_control(&answer.question), escape_control_lines(&answer.answer))?;
            }
        }
        None => writeln!(out, "\nNo reflection yet: answer with `keel reflect --answer \u{2026}`.")?,
    }
    let strip: String = week.active_weeks.iter().map(|active| if *active { '#' } else { '.' }).collect();
    writeln!(out, "\nLast {} weeks: {strip}", week.active_weeks.len())?;
    Ok(())
}

/// The question asked after the week's own ones run out.
const ANYTHING_ELSE: &str = "Anything else on your mind this week?";

/// Saves the week's reflection: the answers go with the week's questions in
/// order (an existing reflection keeps the questions it was asked).
///
/// # Errors
/// Usage errors for an empty answer or `--demo`; storage errors otherwise.
pub fn run_reflect(
    cli: &Cli,
    args: &ReflectArgs,
    clock: &dyn Clock,
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    if cli.demo {
        return Err(CliError::Usage(
            "the sample journal (--demo) is read-only; leave out --demo to reflect".to_owned(),
        ));
    }
    for (index, answer) in args.answer.iter().enumerate() {
        if answer.trim().is_empty() {
            return Err(CliError::Usage(format!("--answer number {}: the answer is empty", index + 1)));
        }
        crate::model::decision::check_lines("answer", answer)
            .map_err(|error| CliError::Usage(format!("--answer number {}: {error}", index + 1)))?;
    }
    let day = args.date.unwrap_or_else(|| clock.today());
    crate::model::decision::check_date(day, clock.today())
        .map_err(|error| CliError::Usage(format!("--date: {error}")))?;
    let store = open_store_for_writing(cli)?;
    let (start, updated) = store.update(|journal| {
        let week = Week::of(journal, day);
        let existing = week.reflection.clone();
        let asked: Vec<String> = match &existing {
            Some(reflection) => reflection.answers.iter().map(|a| a.question.clone()).collect(),
            None => week.questions.iter().map(|q| q.text.clone()).collect(),
        };
        // One answer a question, and at most one more for anything else.
        if args.answer.len() > asked.len() + 1 {
            return Err(CliError::Usage(format!(
                "the week has {} questions: give at most {} answers (the last for anything else on your mind)",
                asked.len(),
                asked.len() + 1
            )));
        }
        let given = |index: usize, answer: &String| Answer {
            question: asked.get(index).cloned().unwrap_or_else(|| ANYTHING_ELSE.to_owned()),
            answer: answer.trim().to_owned(),
        };
        let updated = existing.is_some();
        let reflection = match existing {
            // The answers given replace the saved ones in order; saved
            // answers after them stay as they were.
            Some(mut reflection) => {
                for (index, answer) in args.answer.iter().enumerate() {
                    match reflection.answers.get_mut(index) {
                        Some(saved) => answer.trim().clone_into(&mut saved.answer),
                        None => reflection.answers.push(given(index, answer)),
                    }
                }
                reflection.updated = clock.now();
                reflection
            }
            None => {
                Reflection::new(day, args.answer.iter().enumerate().map(|(i, a)| given(i, a)).collect(), clock.now())
            }
        };
        journal.save_reflection(reflection);
        Ok::<(Date, bool), CliError>((week.start, updated))
    })?;
    let verb = if updated { "Updated" } else { "Saved" };
    writeln!(out, "{verb} the reflection on the week of {start}")?;
    Ok(())
}
