//! The brief as one self-contained HTML file: inline CSS, inline SVG charts,
//! no external references, and print rules so it prints cleanly to PDF.

// Briefs are a few kilobytes: appending `format!` reads better than
// `write!` into a String and handling an error that cannot happen.
#![allow(clippy::format_push_string)]

use super::palette::{hex, style_rgb};
use super::{Brief, BriefItem, style_label};
use crate::analysis::percent;
use crate::model::Style;

/// Escapes text for HTML element content and attribute values.
fn esc(text: &str) -> String {
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
.legend span{display:inline-block;margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}\
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left}\
@media print{body{margin:0;max-width:none;color:#000}h2{break-after:avoid}li,svg,table{break-inside:avoid}}";

/// Stacked bars of the styles per bucket, with the leadership share as a line.
fn chart(brief: &Brief) -> String {
    let buckets = &brief.series.buckets;
    let (width, height, pad) = (640.0_f64, 200.0_f64, 24.0_f64);
    let most = buckets.iter().map(|b| b.tally.decisions).max().unwrap_or(0).max(1) as f64;
    let slot = (width - 2.0 * pad) / buckets.len().max(1) as f64;
    let bar = (slot * 0.7).max(1.0);
    let mut svg = format!(
        "<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"Decisions per period by style\">"
    );
    svg.push_str(&format!(
        "<line x1=\"{pad}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"#999\"/>",
        y = height - pad,
        x2 = width - pad
    ));
    let mut points = Vec::new();
    for (i, bucket) in buckets.iter().enumerate() {
        let x = pad + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = height - pad;
        for (style, count) in [
            (Style::Management, bucket.tally.management),
            (Style::Blend, bucket.tally.blend),
            (Style::Leadership, bucket.tally.leadership),
        ] {
            if count == 0 {
                continue;
            }
            let h = (height - 2.0 * pad) * count as f64 / most;
            y -= h;
            svg.push_str(&format!("<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"{}\"><title>{}: {count} {}</title></rect>",
                hex(style_rgb(Some(style), false)),
                bucket.start,
                style.label().to_lowercase()
            ));
        }
        if let Some(share) = bucket.tally.leadership_share() {
            points.push(format!("{:.1},{:.1}", x + bar / 2.0, height - pad - (height - 2.0 * pad) * share));
        }
    }
    if points.len() > 1 {
        svg.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#222\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>",
            points.join(" ")
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn item(out: &mut String, item: &BriefItem) {
    out.push_str(&format!(
        "<li>{} — <strong>{}</strong> <span class=\"muted\">({}",
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
    out.push_str(&format!("<p>{}.<br/>{}.</p>", esc(&brief.counts()), esc(&brief.shares())));
    out.push_str("<h2>Balance</h2>");
    out.push_str(&format!("<p>{}</p><p>{}</p>", esc(&brief.summary), esc(&brief.trend)));
    out.push_str(&chart(brief));
    out.push_str("<p class=\"legend\">");
    for style in Style::ALL {
        out.push_str(&format!(
            "<span><span class=\"swatch\" style=\"background:{}\"></span>{}</span>",
            hex(style_rgb(Some(style), false)),
            style.label()
        ));
    }
    out.push_str("<span>- - leadership share</span></p>");
    out.push_str("<table><tr><th>Period from</th><th>Leadership</th><th>Blend</th><th>Management</th><th>Leadership share</th></tr>");
    for bucket in &brief.series.buckets {
        let t = &bucket.tally;
        let share = t.leadership_share().map_or_else(|| "–".to_owned(), |s| format!("{}%", percent(s)));
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{share}</td></tr>",
            bucket.start, t.leadership, t.blend, t.management
        ));
    }
    out.push_str("</table><h2>Against the guidance</h2>");
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
            out.push_str("<p>Due for review:</p>");
            list(&mut out, &brief.reviews_due, "");
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
        out.push_str(&format!("<li>{}</li>", esc(question)));
    }
    out.push_str("</ol></body></html>\n");
    out
}
