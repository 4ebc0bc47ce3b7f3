//! `keel suggest`: the style and situations a decision's text points to,
//! with the words behind each.

use clap::{Args, ValueEnum};

use super::CliError;
use crate::guidance::{Guidance, Suggestion, suggest};

/// Shown after `keel suggest --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel suggest Server room flooded overnight, so I set up a war room
  keel suggest --format json \"Release is due Thursday, so I froze the scope\"

The words may be quoted or not; they are joined by spaces. Put options
before the text, and `--` before text that starts with a dash.";

/// Output formats of `keel suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    /// One line per suggestion and per piece of evidence.
    Text,
    /// `{"style", "situations", "evidence": [{"text", "points_to"}], "confidence", "similar": [{"text", "style"}]}`
    /// (`confidence` absent when nothing points to a style, `similar` when
    /// no corpus decision is alike).
    Json,
}

/// Arguments of `keel suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// How to print it.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Text)]
    pub format: SuggestFormat,
    /// The decision's title and note, in your own words.
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
}

/// Prints what the text suggests.
///
/// # Errors
/// A usage error when the text is empty; otherwise only when the output
/// cannot be written.
pub fn run(args: &SuggestArgs, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let text = args.text.join(" ");
    if text.trim().is_empty() {
        return Err(CliError::Usage(
            "suggest needs some text, for example: keel suggest \"Froze the scope for the release\"".to_owned(),
        ));
    }
    let suggestion = suggest(&text);
    match args.format {
        SuggestFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &suggestion).map_err(|error| CliError::Other(error.to_string()))?;
            writeln!(out)?;
        }
        SuggestFormat::Text => write_text(&suggestion, out)?,
    }
    Ok(())
}

fn write_text(suggestion: &Suggestion, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let guidance = Guidance::get();
    match (suggestion.style, suggestion.confidence) {
        (Some(style), confidence) => {
            writeln!(out, "style: {style}")?;
            if let Some(confidence) = confidence {
                writeln!(out, "confidence: {:.0} %", confidence * 100.0)?;
            }
        }
        (None, Some(confidence)) => writeln!(
            out,
            "No style suggested: too unsure which way the text points ({:.0} % sure).",
            confidence * 100.0
        )?,
        (None, None) if suggestion.situations.is_empty() => {
            return writeln!(out, "No suggestion: nothing in the text points to leading or managing.");
        }
        (None, None) => writeln!(out, "No style suggested: nothing in the text points to leading or managing.")?,
    }
    for &situation in &suggestion.situations {
        writeln!(out, "situation: {situation} ({})", guidance.situation(situation).label)?;
    }
    for evidence in &suggestion.evidence {
        writeln!(out, "evidence: \u{201c}{}\u{201d} \u{2192} {}", evidence.text, evidence.points_to)?;
    }
    for similar in &suggestion.similar {
        writeln!(out, "like: \u{201c}{}\u{201d} ({})", similar.text, similar.style)?;
    }
    Ok(())
}
