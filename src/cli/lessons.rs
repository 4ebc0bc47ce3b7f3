//! `keel lessons`: the lessons written in reviews, brought back. With
//! situations, the reviewed decisions sharing the most of them come first
//! (then the most recent), as the editor's "From your journal" panel lists
//! them; without, the most recent first.

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Cli, CliError, read_journal};
use crate::analysis::lessons::{LessonQuery, lessons};
use crate::model::{Clock, Situation, Style};

/// Shown after `keel lessons --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel lessons
  keel lessons --situation crisis --situation tight-deadline
  keel lessons --style leadership --person Ana --format json";

/// Output formats of `keel lessons`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LessonsFormat {
    /// A short block per decision, for reading.
    Text,
    /// The stable JSON shape (see the README).
    Json,
}

/// Arguments of `keel lessons`.
#[derive(Debug, Args)]
pub struct LessonsArgs {
    /// Situations you are in (repeat the flag): decisions sharing more of
    /// them come first, and those sharing none are left out.
    #[arg(long, value_name = "ID", value_parser = super::parse_situation)]
    pub situation: Vec<Situation>,
    /// Only decisions made in this style: leadership, management or blend.
    #[arg(long, value_name = "S", value_parser = super::parse_style)]
    pub style: Option<Style>,
    /// Only decisions involving this person.
    #[arg(long, value_name = "P")]
    pub person: Option<String>,
    /// How to print them.
    #[arg(long, value_enum, default_value_t = LessonsFormat::Text)]
    pub format: LessonsFormat,
}

/// One lesson in the JSON contract.
#[derive(Serialize)]
struct LessonJson<'a> {
    id: &'a str,
    title: &'a str,
    date: jiff::civil::Date,
    style: Option<&'static str>,
    situations: Vec<&'static str>,
    result: &'static str,
    process: Option<u8>,
    lesson: &'a str,
    shared_situations: usize,
}

/// Runs `keel lessons`.
///
/// # Errors
/// A person no decision names (exit 2), or a journal that cannot be read.
pub fn run(cli: &Cli, args: &LessonsArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let journal = read_journal(cli, clock)?;
    if let Some(given) = &args.person {
        super::known_person(&journal, given, "--person: ")?;
    }
    let query = LessonQuery {
        situations: args.situation.clone(),
        style: args.style,
        person: args.person.clone(),
        except: None,
    };
    let decisions = journal.decisions();
    let found = lessons(decisions, &query);
    match args.format {
        LessonsFormat::Json => {
            let items: Vec<LessonJson<'_>> = found
                .iter()
                .filter_map(|lesson| {
                    let decision = &decisions[lesson.index];
                    let review = decision.review.as_ref()?;
                    Some(LessonJson {
                        id: &decision.id.0,
                        title: &decision.title,
                        date: decision.date,
                        style: decision.style.map(Style::id),
                        situations: decision.situations.iter().map(|s| s.id()).collect(),
                        result: review.result.id(),
                        process: review.process,
                        lesson: review.lesson.trim(),
                        shared_situations: lesson.shared_situations,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &items).map_err(|error| CliError::Other(error.to_string()))?;
            writeln!(out)?;
        }
        LessonsFormat::Text => {
            if found.is_empty() {
                let why = if args.situation.is_empty() {
                    "No reviewed decision matches yet: `keel review record` writes a review and its lesson."
                } else {
                    "No reviewed decision shares those situations yet."
                };
                writeln!(out, "{why}")?;
                return Ok(());
            }
            let short = super::review::short_ids(&journal);
            for (n, lesson) in found.iter().enumerate() {
                let decision = &decisions[lesson.index];
                let Some(review) = &decision.review else { continue };
                if n > 0 {
                    writeln!(out)?;
                }
                let id = short.get(decision.id.0.as_str()).copied().unwrap_or(&decision.id.0);
                let style = decision.style.map_or("untagged", Style::id);
                writeln!(out, "{}  {style:<10}  {}  [{id}]", decision.date, decision.title)?;
                if !decision.situations.is_empty() {
                    let ids: Vec<&str> = decision.situations.iter().map(|s| s.id()).collect();
                    let shared = if args.situation.is_empty() {
                        String::new()
                    } else {
                        format!(" ({} shared)", lesson.shared_situations)
                    };
                    writeln!(out, "  Situations: {}{shared}", ids.join(", "))?;
                }
                let process = review.process.map(|p| format!("; process {p}/5")).unwrap_or_default();
                writeln!(out, "  Result: {}{process}", review.result.label().to_lowercase())?;
                let lesson_text = review.lesson.trim();
                if lesson_text.is_empty() {
                    writeln!(out, "  Lesson: (none written)")?;
                } else {
                    writeln!(out, "  Lesson: {lesson_text}")?;
                }
            }
        }
    }
    Ok(())
}
