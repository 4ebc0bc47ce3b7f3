//! `keel guide`: the article's guidance as readable text, or what it
//! recommends for the situations you name, and why.

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{CliError, parse_situation};
use crate::guidance::explain::explain;
use crate::guidance::{Guidance, Side};
use crate::model::{Situation, Style};

/// Shown after `keel guide --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel guide                                          the whole guide
  keel guide --situation crisis --situation tight-deadline
  keel guide --situation crisis --situation new-approaches --format json

With --format json and no --situation, the recommendation is null and the
lists are empty.";

/// Output formats of `keel guide`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GuideFormat {
    /// Readable text.
    Text,
    /// `{"recommendation", "leadership_situations", "management_situations", "reasons"}`.
    Json,
}

/// Arguments of `keel guide`.
#[derive(Debug, Args)]
pub struct GuideArgs {
    /// A situation you are in (repeatable), e.g. crisis or confident-team;
    /// without any, the whole guide is printed.
    #[arg(long = "situation", value_name = "ID", value_parser = parse_situation)]
    pub situations: Vec<Situation>,
    /// How to print it.
    #[arg(long, value_enum, default_value_t = GuideFormat::Text)]
    pub format: GuideFormat,
}

/// What the guide recommends for a set of situations (`guide --format json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// The recommended style; `None` without situations.
    pub recommendation: Option<Style>,
    /// The given situations that favour leading.
    pub leadership_situations: Vec<Situation>,
    /// The given situations that favour managing.
    pub management_situations: Vec<Situation>,
    /// One sentence per situation: what it is and which way it points.
    pub reasons: Vec<String>,
}

/// The recommendation for `situations` (duplicates count once), with a
/// reason per situation in the article's order.
#[must_use]
pub fn recommendation(situations: &[Situation]) -> Recommendation {
    let explanation = explain(situations);
    Recommendation {
        recommendation: explanation.recommendation,
        leadership_situations: explanation.leadership_situations,
        management_situations: explanation.management_situations,
        reasons: explanation.reasons,
    }
}

/// Prints the guide or the recommendation.
///
/// # Errors
/// When the output cannot be written.
pub fn run(args: &GuideArgs, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let result = recommendation(&args.situations);
    match args.format {
        GuideFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &result).map_err(|error| CliError::Other(error.to_string()))?;
            writeln!(out)?;
        }
        GuideFormat::Text if args.situations.is_empty() => write_full_guide(out)?,
        GuideFormat::Text => write_recommendation(out, &result)?,
    }
    Ok(())
}

fn write_recommendation(out: &mut dyn std::io::Write, result: &Recommendation) -> std::io::Result<()> {
    let guidance = Guidance::get();
    if let Some(style) = result.recommendation {
        writeln!(out, "Recommendation: {style}")?;
        writeln!(out, "{}", wrap(guidance.style_meaning(style), 78, ""))?;
    }
    writeln!(out, "\nWhy:")?;
    for reason in &result.reasons {
        writeln!(out, "{}", wrap(reason, 78, "  - "))?;
    }
    let (leading, managing) = (result.leadership_situations.len(), result.management_situations.len());
    let verdict = match leading.cmp(&managing) {
        std::cmp::Ordering::Greater => "more point to leading, so lead",
        std::cmp::Ordering::Less => "more point to managing, so manage",
        std::cmp::Ordering::Equal => "as many each way, so blend the two",
    };
    writeln!(out, "\nFavouring leading: {leading}; favouring managing: {managing}. {}.", capitalised(verdict))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Writes the whole guide as text, for `keel guide` without situations.
///
/// # Errors
/// When the output cannot be written.
pub fn write_full_guide(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let guidance = Guidance::get();
    writeln!(out, "KEEL'S GUIDE: WHEN TO LEAD AND WHEN TO MANAGE\n")?;
    writeln!(out, "{}\n", wrap(&guidance.summary, 78, ""))?;
    for style in Style::ALL {
        writeln!(out, "{}", wrap(guidance.style_meaning(style), 78, &format!("  {:<12}", style.label())))?;
    }

    writeln!(out, "\nThe four contrasts")?;
    for contrast in &guidance.contrasts {
        writeln!(out, "  {} vs {}", contrast.leadership, contrast.management)?;
        writeln!(out, "{}", wrap(&contrast.leadership_text, 78, "    Leading:  "))?;
        writeln!(out, "{}", wrap(&contrast.management_text, 78, "    Managing: "))?;
    }

    for (heading, side) in [("When to lead", Side::Leadership), ("When to manage", Side::Management)] {
        writeln!(out, "\n{heading}")?;
        for situation in guidance.situations_on(side) {
            writeln!(out, "  - {} ({})", situation.label, situation.id)?;
            writeln!(out, "{}", wrap(&format!("{} In practice: {}.", situation.why, situation.advice), 78, "      "))?;
        }
    }

    writeln!(out, "\nThe twelve aspects")?;
    let rows: Vec<[&str; 3]> = guidance
        .aspects
        .iter()
        .map(|aspect| [aspect.name.as_str(), aspect.leadership.as_str(), aspect.management.as_str()])
        .collect();
    table(out, ["ASPECT", "LEADERSHIP", "MANAGEMENT"], &rows)?;

    writeln!(out, "\nShared ground")?;
    for ground in &guidance.shared_ground {
        writeln!(out, "  {}", ground.name)?;
        writeln!(out, "{}", wrap(&ground.text, 78, "    "))?;
    }

    writeln!(out, "\nHow they complement each other")?;
    let rows: Vec<[&str; 2]> = guidance
        .complements
        .iter()
        .map(|complement| [complement.leadership.as_str(), complement.management.as_str()])
        .collect();
    table(out, ["LEADING", "MANAGING"], &rows)
}

/// Writes an aligned table with two spaces of indent and between columns.
fn table<const N: usize>(out: &mut dyn std::io::Write, header: [&str; N], rows: &[[&str; N]]) -> std::io::Result<()> {
    let mut widths = header.map(|cell| cell.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(rows) {
        let cells: Vec<String> =
            row.iter().zip(&widths).map(|(cell, width)| format!("{cell:<width$}", width = *width)).collect();
        writeln!(out, "  {}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

/// Wraps `text` at `width` columns; the first line starts with `first`, the
/// others are indented to line up under it.
fn wrap(text: &str, width: usize, first: &str) -> String {
    let indent = " ".repeat(first.chars().count());
    let mut lines = vec![first.to_owned()];
    for word in text.split_whitespace() {
        let Some(line) = lines.last_mut() else { break };
        let fresh = line.chars().count() == indent.chars().count();
        if !fresh && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(format!("{indent}{word}"));
        } else {
            if !fresh {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_name_each_situation_and_its_side() {
        let result = recommendation(&[Situation::TightDeadline, Situation::Crisis, Situation::Crisis]);
        assert_eq!(result.recommendation, Some(Style::Management));
        assert_eq!(result.management_situations, [Situation::Crisis, Situation::TightDeadline]);
        assert_eq!(result.reasons.len(), 2);
        assert!(result.reasons[0].starts_with("A crisis is unfolding"), "{:?}", result.reasons);
        assert!(result.reasons[0].contains("favours managing"));
        let blend = recommendation(&[Situation::Crisis, Situation::NewApproaches]);
        assert_eq!(blend.recommendation, Some(Style::Blend));
        assert!(blend.reasons.iter().any(|r| r.contains("favours leading")));
    }

    #[test]
    fn wrap_keeps_lines_short_and_indented() {
        let wrapped = wrap(&"word ".repeat(40), 30, "  - ");
        for (index, line) in wrapped.lines().enumerate() {
            assert!(line.chars().count() <= 30, "{line:?}");
            assert!(line.starts_with(if index == 0 { "  - " } else { "    " }), "{line:?}");
        }
    }

    #[test]
    fn full_guide_lists_every_situation_and_aspect() {
        let mut bytes = Vec::new();
        write_full_guide(&mut bytes).expect("writes to memory");
        let text = String::from_utf8(bytes).expect("UTF-8");
        let guidance = Guidance::get();
        for situation in Situation::ALL {
            assert!(text.contains(situation.id()), "{situation}");
        }
        for aspect in &guidance.aspects {
            assert!(text.contains(&aspect.name), "{}", aspect.name);
        }
    }
}
