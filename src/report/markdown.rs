//! The brief as Markdown.

// Briefs are a few kilobytes: appending `format!` reads better than
// `write!` into a String and handling an error that cannot happen.
#![allow(clippy::format_push_string)]

use super::{Brief, BriefItem, style_label};
// Everything the user wrote goes through this one guard: Markdown, never
// live HTML or a link to anything but http(s) and mailto.
use crate::interop::markdown::escape;
use crate::model::review;

/// Decisions named under a goal at most.
pub(super) const GOAL_DECISIONS: usize = 5;

fn item_line(out: &mut String, item: &BriefItem) {
    item_line_with(out, item, "");
}

fn item_line_with(out: &mut String, item: &BriefItem, lead: &str) {
    let mut line = format!("- {lead}{} — **{}** ({}", item.date, escape(&item.title), style_label(item.style));
    if let Some(recommended) = item.recommendation {
        line.push_str(&format!("; the situations called for {}", recommended.label().to_lowercase()));
    }
    line.push(')');
    if !item.people.is_empty() {
        line.push_str(&format!(" with {}", escape(&item.people.join(", "))));
    }
    out.push_str(&line);
    out.push('\n');
    if let Some(note) = &item.note {
        for text in note.lines() {
            out.push_str("  > ");
            out.push_str(&escape(text));
            out.push('\n');
        }
    }
}

/// The brief as a Markdown document.
#[must_use]
pub fn markdown(brief: &Brief) -> String {
    let mut out = format!("# {}\n\n", escape(&brief.heading()));
    if brief.redacted {
        out.push_str("_Shared copy: names are replaced by pseudonyms and notes are left out._\n\n");
    }
    if let Some(note) = brief.period_note() {
        out.push_str(&format!("{note}\n\n"));
    }
    out.push_str(&format!("{}.\n\n{}.\n\n", brief.counts(), brief.shares()));
    out.push_str("## Balance\n\n");
    out.push_str(&format!("{}\n\n{}\n\n", brief.summary, brief.trend));
    out.push_str(
        "| Period | Leadership | Blend | Management | Leadership share |\n| --- | ---: | ---: | ---: | ---: |\n",
    );
    for bucket in &brief.series.buckets {
        let t = &bucket.tally;
        let share = crate::analysis::percent_or(t.leadership_share(), "–");
        out.push_str(&format!("| {} | {} | {} | {} | {share} |\n", bucket.start, t.leadership, t.blend, t.management));
    }
    if !brief.goals.is_empty() {
        out.push_str("\n## What I am working on\n\n");
        for goal in &brief.goals {
            out.push_str(&format!(
                "- **{}**: {}; so far {} ({}).\n",
                escape(&goal.title),
                escape(&goal.target),
                escape(&goal.value),
                escape(&goal.status)
            ));
            if let Some(why) = &goal.why {
                out.push_str(&format!("  _{}_\n", escape(why)));
            }
            if !goal.decisions.is_empty() {
                let shown: Vec<String> = goal.decisions.iter().take(GOAL_DECISIONS).map(|t| escape(t)).collect();
                let more = goal.decisions.len().saturating_sub(GOAL_DECISIONS);
                let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                out.push_str(&format!("  Behind it: {}{more}.\n", shown.join("; ")));
            }
        }
    }
    out.push_str("\n## Against the guidance\n\n");
    if brief.against.is_empty() {
        out.push_str("No decision in this period went against what its situations called for.\n");
    } else {
        for item in &brief.against {
            item_line(&mut out, item);
        }
    }
    out.push_str("\n## Situations met\n\n");
    if brief.situations.is_empty() {
        out.push_str("No situations were noted.\n");
    }
    for (label, n) in &brief.situations {
        out.push_str(&format!("- {label}: {n}\n"));
    }
    out.push_str("\n## Decisions\n\n");
    if brief.decisions.is_empty() {
        out.push_str("No decisions in this period.\n");
    }
    for item in &brief.decisions {
        item_line(&mut out, item);
    }
    if !brief.reviews_due.is_empty() || !brief.outcomes.is_empty() {
        out.push_str("\n## Reviews\n\n");
        for item in &brief.reviews_due {
            // The review's own date (and how overdue), then the decision's.
            let due = item.review_on.map(|on| review::due_words(on, brief.until)).unwrap_or_default();
            item_line_with(&mut out, item, &format!("Review {due}; decided "));
        }
        for outcome in &brief.outcomes {
            out.push_str(&format!(
                "- Reviewed {}: **{}** turned out {}\n",
                outcome.reviewed_on,
                escape(&outcome.item.title),
                outcome.result.to_lowercase()
            ));
        }
    }
    if brief.outcomes.iter().any(|outcome| outcome.lesson.is_some()) {
        out.push_str("\n## Lessons from reviews\n\n");
        for outcome in &brief.outcomes {
            if let Some(lesson) = &outcome.lesson {
                out.push_str(&format!("- {} (*{}*)\n", escape(lesson), escape(&outcome.item.title)));
            }
        }
    }
    out.push_str(&super::evidence::markdown(brief));
    out.push_str("\n## Talking points\n\n");
    if brief.talking_points.is_empty() {
        out.push_str("No open talking points.\n");
    }
    for point in &brief.talking_points {
        out.push_str(&format!("- [ ] {}\n", escape(point)));
    }
    out.push_str("\n## Questions to reflect on\n\n");
    for (n, question) in brief.questions.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", n + 1, question.text));
        let (named, more) = question.named();
        if !named.is_empty() {
            let titles: Vec<String> = named.iter().map(|title| format!("\u{201c}{}\u{201d}", escape(title))).collect();
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            out.push_str(&format!("   *About:* {}{more}\n", titles.join(", ")));
        }
    }
    out
}
