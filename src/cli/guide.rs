//! `keel guide`: the article's guidance as readable text, or what it
//! recommends for the situations you name, and why.

use std::fmt::Write as _;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{CliError, parse_situation};
use crate::guidance::{Guidance, Side, recommend};
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
    let guidance = Guidance::get();
    let mut chosen = situations.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    let on = |side: Side| chosen.iter().copied().filter(|s| guidance.situation(*s).side == side).collect();
    Recommendation {
        recommendation: recommend(&chosen),
        leadership_situations: on(Side::Leadership),
        management_situations: on(Side::Management),
        reasons: chosen.iter().map(|&situation| reason(situation)).collect(),
    }
}

/// "A crisis is unfolding — favours managing: take charge, assign owners, …"
fn reason(situation: Situation) -> String {
    let guide = Guidance::get().situation(situation);
    format!("{} \u{2014} favours {}: {}", guide.label, side_verb(guide.side), guide.advice)
}

fn side_verb(side: Side) -> &'static str {
    match side {
        Side::Leadership => "leading",
        Side::Management => "managing",
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
        GuideFormat::Text if args.situations.is_empty() => out.write_all(full_guide().as_bytes())?,
        GuideFormat::Text => out.write_all(recommendation_text(&result).as_bytes())?,
    }
    Ok(())
}

fn recommendation_text(result: &Recommendation) -> String {
    let guidance = Guidance::get();
    let mut text = String::new();
    if let Some(style) = result.recommendation {
        let _ = writeln!(text, "Recommendation: {style}");
        let _ = writeln!(text, "{}", wrap(guidance.style_meaning(style), 78, ""));
    }
    let _ = writeln!(text, "\nWhy:");
    for reason in &result.reasons {
        let _ = writeln!(text, "{}", wrap(reason, 78, "  - "));
    }
    let (leading, managing) = (result.leadership_situations.len(), result.management_situations.len());
    let verdict = match leading.cmp(&managing) {
        std::cmp::Ordering::Greater => "more point to leading, so lead",
        std::cmp::Ordering::Less => "more point to managing, so manage",
        std::cmp::Ordering::Equal => "as many each way, so blend the two",
    };
    let _ = writeln!(text, "\nFavouring leading: {leading}; favouring managing: {managing}. {}.", capitalised(verdict));
    text
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The whole guide as text, for `keel guide` without situations.
#[must_use]
pub fn full_guide() -> String {
    let guidance = Guidance::get();
    let mut text = String::new();
    let _ = writeln!(text, "KEEL'S GUIDE: WHEN TO LEAD AND WHEN TO MANAGE\n");
    let _ = writeln!(text, "{}\n", wrap(&guidance.summary, 78, ""));
    for style in Style::ALL {
        let _ = writeln!(text, "{}", wrap(guidance.style_meaning(style), 78, &format!("  {:<12}", style.label())));
    }

    let _ = writeln!(text, "\nThe four contrasts");
    for contrast in &guidance.contrasts {
        let _ = writeln!(text, "  {} vs {}", contrast.leadership, contrast.management);
        let _ = writeln!(text, "{}", wrap(&contrast.leadership_text, 78, "    Leading:  "));
        let _ = writeln!(text, "{}", wrap(&contrast.management_text, 78, "    Managing: "));
    }

    for (heading, side) in [("When to lead", Side::Leadership), ("When to manage", Side::Management)] {
        let _ = writeln!(text, "\n{heading}");
        for situation in guidance.situations_on(side) {
            let _ = writeln!(text, "  - {} ({})", situation.label, situation.id);
            let _ = writeln!(
                text,
                "{}",
                wrap(&format!("{} In practice: {}.", situation.why, situation.advice), 78, "      ")
            );
        }
    }

    let _ = writeln!(text, "\nThe twelve aspects");
    let rows: Vec<[&str; 3]> = guidance
        .aspects
        .iter()
        .map(|aspect| [aspect.name.as_str(), aspect.leadership.as_str(), aspect.management.as_str()])
        .collect();
    table(&mut text, ["ASPECT", "LEADERSHIP", "MANAGEMENT"], &rows);

    let _ = writeln!(text, "\nShared ground");
    for ground in &guidance.shared_ground {
        let _ = writeln!(text, "  {}", ground.name);
        let _ = writeln!(text, "{}", wrap(&ground.text, 78, "    "));
    }

    let _ = writeln!(text, "\nHow they complement each other");
    let rows: Vec<[&str; 2]> = guidance
        .complements
        .iter()
        .map(|complement| [complement.leadership.as_str(), complement.management.as_str()])
        .collect();
    table(&mut text, ["LEADING", "MANAGING"], &rows);
    text
}

/// Writes an aligned table with two spaces of indent and between columns.
fn table<const N: usize>(text: &mut String, header: [&str; N], rows: &[[&str; N]]) {
    let mut widths = header.map(|cell| cell.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(rows) {
        let cells: Vec<String> =
            row.iter().zip(&widths).map(|(cell, width)| format!("{cell:<width$}", width = *width)).collect();
        let _ = writeln!(text, "  {}", cells.join("  ").trim_end());
    }
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
        let text = full_guide();
        let guidance = Guidance::get();
        for situation in Situation::ALL {
            assert!(text.contains(situation.id()), "{situation}");
        }
        for aspect in &guidance.aspects {
            assert!(text.contains(&aspect.name), "{}", aspect.name);
        }
    }
}
