//! The brief as one self-contained HTML file: inline CSS, inline SVG charts,
//! no external references, and print rules so it prints cleanly to PDF.

// Briefs are a few kilobytes: appending `format!` reads better than
// `write!` into a String and handling an error that cannot happen.
#![allow(clippy::format_push_string)]

use super::palette::{self, guided_rgb, hex, style_rgb};
use super::{Brief, BriefItem, style_label};
use crate::analysis::percent_or;
use crate::model::{Style, review};

/// Escapes text for HTML element content and attribute values.
pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}\
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.8rem;border-bottom:1px solid #ddd}\
.muted{color:#666}.note{margin:.2rem 0 .6rem 1rem;padding-left:.6rem;border-left:3px solid #ccc;color:#444}\
.legend>span{display:inline-block;margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}\
.key{display:inline-block;width:1.4rem;height:0;margin-right:.3rem;vertical-align:middle}\
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left}\
@media print{body{margin:0;max-width:none;color:#000}\
h1,h2,h3{break-after:avoid;page-break-after:avoid}\
h2+*,h2+ul>li:first-child,h2+p+ul>li:first-child{break-before:avoid;page-break-before:avoid}\
li,svg,table,.note,.legend{break-inside:avoid;page-break-inside:avoid}}";

/// A chart, or a line saying why it is missing (the rest of the brief is
/// still worth having).
pub(super) fn chart_or_reason(drawn: Result<String, super::charts::ChartError>) -> String {
    drawn.unwrap_or_else(|error| format!("<p class=\"muted\">{}</p>", esc(&error.to_string())))
}

/// How a legend entry is drawn: as the chart draws what it names.
#[derive(Clone, Copy)]
enum Key {
    Block,
    Line,
    Dashed,
}

/// A legend entry: its key and its words.
fn legend_entry(out: &mut String, rgb: palette::Rgb, key: Key, label: &str) {
    let color = hex(rgb);
    let swatch = match key {
        Key::Block => format!("<span class=\"swatch\" style=\"background:{color}\"></span>"),
        Key::Line => format!("<span class=\"key\" style=\"border-top:3px solid {color}\"></span>"),
        Key::Dashed => format!("<span class=\"key\" style=\"border-top:3px dashed {color}\"></span>"),
    };
    out.push_str(&format!("<span>{swatch}{}</span>", esc(label)));
}

fn item(out: &mut String, item: &BriefItem) {
    item_with(out, item, "");
}

/// One item, its line opening with `lead` (HTML, already escaped).
fn item_with(out: &mut String, item: &BriefItem, lead: &str) {
    out.push_str(&format!(
        "<li>{lead}{} — <strong>{}</strong> <span class=\"muted\">({}",
        item.date,
        esc(&item.title),
        style_label(item.style)
    ));
    if let Some(recommended) = item.recommendation {
        out.push_str(&format!("; the situations called for {}", recommended.label().to_lowercase()));
    }
    out.push_str(")</span>");
    if !item.people.is_empty() {
        out.push_str(&format!(" with {}", esc(&item.people.join(", "))));
    }
    if let Some(note) = &item.note {
        out.push_str(&format!("<div class=\"note\">{}</div>", esc(note)));
    }
    out.push_str("</li>");
}

fn list(out: &mut String, items: &[BriefItem], empty: &str) {
    if items.is_empty() {
        out.push_str(&format!("<p>{}</p>", esc(empty)));
        return;
    }
    out.push_str("<ul>");
    for entry in items {
        item(out, entry);
    }
    out.push_str("</ul>");
}

/// The brief as a self-contained HTML document.
#[must_use]
pub fn html(brief: &Brief) -> String {
    let title = esc(&brief.heading());
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>{title}</title><style>{CSS}</style></head><body>"
    );
    out.push_str(&format!("<h1>{title}</h1>"));
    if brief.redacted {
        out.push_str("<p class=\"muted\">Shared copy: names are replaced by pseudonyms and notes are left out.</p>");
    }
    if let Some(note) = brief.period_note() {
        out.push_str(&format!("<p class=\"muted\">{}</p>", esc(&note)));
    }
    out.push_str(&format!("<p>{}.<br/>{}.</p>", esc(&brief.counts()), esc(&brief.shares())));
    out.push_str("<h2>Balance</h2>");
    out.push_str(&format!("<p>{}</p><p>{}</p>", esc(&brief.summary), esc(&brief.trend)));
    out.push_str("<p class=\"legend\">");
    for style in Style::ALL {
        legend_entry(&mut out, style_rgb(Some(style), false), Key::Block, style.label());
    }
    out.push_str("</p>");
    out.push_str(&chart_or_reason(super::charts::style_mix(&brief.series)));
    out.push_str("<p class=\"legend\">");
    legend_entry(&mut out, style_rgb(Some(Style::Leadership), false), Key::Line, "Your leadership share");
    legend_entry(&mut out, guided_rgb(false), Key::Dashed, "What your situations called for");
    out.push_str("</p>");
    out.push_str(&chart_or_reason(super::charts::shares(&brief.series)));
    out.push_str("<table><tr><th>Period from</th><th>Leadership</th><th>Blend</th><th>Management</th><th>Leadership share</th></tr>");
    for bucket in &brief.series.buckets {
        let t = &bucket.tally;
        let share = percent_or(t.leadership_share(), "–");
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{share}</td></tr>",
            bucket.start, t.leadership, t.blend, t.management
        ));
    }
    out.push_str("</table>");
    if !brief.goals.is_empty() {
        out.push_str("<h2>What I am working on</h2><ul>");
        for goal in &brief.goals {
            out.push_str(&format!(
                "<li><strong>{}</strong>: {}; so far {} ({}).",
                esc(&goal.title),
                esc(&goal.target),
                esc(&goal.value),
                esc(&goal.status)
            ));
            if let Some(why) = &goal.why {
                out.push_str(&format!("<br/><em>{}</em>", esc(why)));
            }
            if !goal.decisions.is_empty() {
                let shown: Vec<String> =
                    goal.decisions.iter().take(super::markdown::GOAL_DECISIONS).map(|t| esc(t)).collect();
                let more = goal.decisions.len().saturating_sub(super::markdown::GOAL_DECISIONS);
                let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                out.push_str(&format!("<br/>Behind it: {}{more}.", shown.join("; ")));
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("<h2>Against the guidance</h2>");
    list(&mut out, &brief.against, "No decision in this period went against what its situations called for.");
    out.push_str("<h2>Situations met</h2>");
    if brief.situations.is_empty() {
        out.push_str("<p>No situations were noted.</p>");
    } else {
        out.push_str("<ul>");
        for (label, n) in &brief.situations {
            out.push_str(&format!("<li>{}: {n}</li>", esc(label)));
        }
        out.push_str("</ul>");
    }
    out.push_str("<h2>Decisions</h2>");
    list(&mut out, &brief.decisions, "No decisions in this period.");
    if !brief.reviews_due.is_empty() || !brief.outcomes.is_empty() {
        out.push_str("<h2>Reviews</h2>");
        if !brief.reviews_due.is_empty() {
            out.push_str("<p>Due for review:</p><ul>");
            for due in &brief.reviews_due {
                let when = due.review_on.map(|on| review::due_words(on, brief.until)).unwrap_or_default();
                item_with(&mut out, due, &format!("Review {}; decided ", esc(&when)));
            }
            out.push_str("</ul>");
        }
        if !brief.outcomes.is_empty() {
            out.push_str("<ul>");
            for outcome in &brief.outcomes {
                out.push_str(&format!(
                    "<li>Reviewed {}: <strong>{}</strong> turned out {}</li>",
                    outcome.reviewed_on,
                    esc(&outcome.item.title),
                    esc(&outcome.result.to_lowercase())
                ));
            }
            out.push_str("</ul>");
        }
    }
    if brief.outcomes.iter().any(|outcome| outcome.lesson.is_some()) {
        out.push_str("<h2>Lessons from reviews</h2><ul>");
        for outcome in &brief.outcomes {
            if let Some(lesson) = &outcome.lesson {
                out.push_str(&format!("<li>{} (<em>{}</em>)</li>", esc(lesson), esc(&outcome.item.title)));
            }
        }
        out.push_str("</ul>");
    }
    out.push_str(&super::evidence::html(brief));
    out.push_str("<h2>Talking points</h2>");
    if brief.talking_points.is_empty() {
        out.push_str("<p>No open talking points.</p>");
    } else {
        out.push_str("<ul>");
        for point in &brief.talking_points {
            out.push_str(&format!("<li>{}</li>", esc(point)));
        }
        out.push_str("</ul>");
    }
    out.push_str("<h2>Questions to reflect on</h2><ol>");
    for question in &brief.questions {
        out.push_str(&format!("<li>{}", esc(&question.text)));
        let (named, more) = question.named();
        if !named.is_empty() {
            let titles: Vec<String> = named.iter().map(|title| format!("\u{201c}{}\u{201d}", esc(title))).collect();
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            out.push_str(&format!("<div class=\"about\">About: {}{more}</div>", titles.join(", ")));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></body></html>\n");
    out
}
