//! The brief's section "What your reviews say about the guidance": the
//! outcome evidence ([`crate::analysis::outcomes`]) in words, and in the
//! HTML with its chart. Evidence builds up slowly, so it covers every
//! reviewed decision up to the end of the brief's period, not only the
//! period itself.

// Sections are a few hundred bytes: appending `format!` reads better than
// `write!` into a String and handling an error that cannot happen.
#![allow(clippy::format_push_string)]

use super::Brief;
use super::html::esc;
use crate::analysis::outcomes::FitGroup;

/// The section's heading.
pub(super) const HEADING: &str = "What your reviews say about the guidance";

/// "From every reviewed decision with Ana up to 2026-03-31, not only this
/// period's."
fn scope(brief: &Brief) -> String {
    let with = if brief.subject == "me" { String::new() } else { format!(" with {}", brief.subject) };
    format!("From every reviewed decision{with} up to {}, not only this period\u{2019}s.", brief.until)
}

/// The section in Markdown, from its `##` heading to a blank line.
pub(super) fn markdown(brief: &Brief) -> String {
    let evidence = &brief.evidence;
    // The person's name is user text: escaped like every other.
    let scope = crate::interop::markdown::escape(&scope(brief));
    let mut out = format!("\n## {HEADING}\n\n{scope} {}\n", evidence.overview());
    if evidence.reviewed == 0 {
        return out;
    }
    out.push('\n');
    for group in FitGroup::ALL {
        out.push_str(&format!("- {}.\n", evidence.group_words(group)));
    }
    if !evidence.findings.is_empty() {
        out.push_str("\nWhat the numbers allow saying:\n\n");
        for finding in &evidence.findings {
            out.push_str(&format!("- {}\n", finding.sentence));
        }
    }
    out
}

/// The section in HTML, with the chart of the three groups.
pub(super) fn html(brief: &Brief) -> String {
    let evidence = &brief.evidence;
    let mut out = format!("<h2>{HEADING}</h2><p>{} {}</p>", esc(&scope(brief)), esc(&evidence.overview()));
    if evidence.reviewed == 0 {
        return out;
    }
    out.push_str(&super::html::chart_or_reason(super::charts::outcome_ranges(evidence)));
    out.push_str("<ul>");
    for group in FitGroup::ALL {
        out.push_str(&format!("<li>{}.</li>", esc(&evidence.group_words(group))));
    }
    out.push_str("</ul>");
    if !evidence.findings.is_empty() {
        out.push_str("<p>What the numbers allow saying:</p><ul>");
        for finding in &evidence.findings {
            out.push_str(&format!("<li>{}</li>", esc(&finding.sentence)));
        }
        out.push_str("</ul>");
    }
    out
}
