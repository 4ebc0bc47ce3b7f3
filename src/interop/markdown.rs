//! A readable Markdown archive of the journal: one section per decision,
//! oldest first, with its date, title, style, situations (by their guidance
//! labels), people, tags, contrast lens, options, expectation, note and
//! review. For reading and sharing;
//! Keel does not import it back (use JSON for that).
//!
//! What the user wrote is Markdown, but never HTML: [`escape`] turns `<`,
//! `>` and `&` into entities (so `<script>` or `<img onerror>` show as text
//! in any viewer) and keeps only links to `http(s)` and `mailto` targets
//! live; `[x](javascript:…)`, reference links and images elsewhere are
//! shown as text. The coaching brief uses the same guard.

use crate::guidance::Guidance;
use crate::model::{Decision, Journal};

/// How a link target may start and stay a link.
const SAFE_SCHEMES: [&str; 3] = ["http://", "https://", "mailto:"];

/// If `chars[open]` opens an inline link `[label](target)` whose target is
/// `http(s)` or `mailto`, the index just past its closing `)`.
fn safe_link_end(chars: &[char], open: usize) -> Option<usize> {
    let close = open + 1 + chars[open + 1..].iter().position(|c| matches!(c, ']' | '['))?;
    if chars[close] != ']' || chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let mut depth = 0_usize;
    let mut end = None;
    for (index, c) in chars.iter().enumerate().skip(close + 2) {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = Some(index);
                break;
            }
            ')' => depth -= 1,
            '\\' | '\n' => return None,
            _ => {}
        }
    }
    let end = end?;
    let target: String = chars[close + 2..end].iter().collect();
    let target = target.trim().trim_start_matches('<').to_lowercase();
    SAFE_SCHEMES.iter().any(|scheme| target.starts_with(scheme)).then_some(end + 1)
}

/// Text the user wrote, made safe to put in Markdown that a viewer may
/// render as HTML: `<`, `>` and `&` become entities, a backslash that would
/// escape the next character is doubled, and square brackets are escaped
/// except around an inline link to an `http(s)` or `mailto` target, so no
/// other link, image or reference definition can form.
#[must_use]
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut link_end = 0;
    for (index, c) in chars.iter().enumerate() {
        if index >= link_end && *c == '[' {
            link_end = safe_link_end(&chars, index).unwrap_or(0);
        }
        let in_link = index < link_end;
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' | ']' if !in_link => {
                out.push('\\');
                out.push(*c);
            }
            '\\' if chars.get(index + 1).is_some_and(char::is_ascii_punctuation) => out.push_str("\\\\"),
            c => out.push(*c),
        }
    }
    out
}

/// The journal as Markdown.
#[must_use]
pub fn write(journal: &Journal) -> String {
    let mut decisions: Vec<&Decision> = journal.decisions().iter().collect();
    decisions.sort_by(|a, b| a.date.cmp(&b.date).then(a.created.cmp(&b.created)));
    let mut lines = vec!["# Decision journal".to_owned(), String::new()];
    match (decisions.first(), decisions.last()) {
        (Some(first), Some(last)) => {
            let count = crate::model::words::count(decisions.len(), "decision", "decisions");
            lines.push(format!("{count}, from {} to {}.", first.date, last.date));
        }
        _ => lines.push("No decisions yet.".to_owned()),
    }
    for decision in decisions {
        lines.push(String::new());
        section(&mut lines, decision);
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn section(lines: &mut Vec<String>, decision: &Decision) {
    let guidance = Guidance::get();
    let star = if decision.starred { " \u{2605}" } else { "" };
    let title = decision.title.split_whitespace().collect::<Vec<_>>().join(" ");
    lines.push(format!("## {} \u{2014} {}{star}", decision.date, escape(&title)));
    lines.push(String::new());
    lines.push(format!("- **Style:** {}", decision.style.map_or("Untagged", |style| style.label())));
    if !decision.situations.is_empty() {
        let labels: Vec<&str> =
            decision.situations.iter().map(|situation| guidance.situation(*situation).label.as_str()).collect();
        lines.push(format!("- **Situations:** {}", labels.join(", ")));
    }
    if !decision.people.is_empty() {
        lines.push(format!("- **People:** {}", escape(&decision.people.join(", "))));
    }
    if !decision.tags.is_empty() {
        lines.push(format!("- **Tags:** {}", escape(&decision.tags.join(", "))));
    }
    if let Some(scores) = decision.contrasts {
        let parts: Vec<String> = guidance
            .contrasts
            .iter()
            .zip(scores.as_array())
            .map(|(contrast, score)| format!("{} \u{2194} {} {score:+}", contrast.leadership, contrast.management))
            .collect();
        lines.push(format!("- **Contrasts:** {}", parts.join(" \u{00b7} ")));
    }
    if !decision.options.is_empty() {
        lines.push(format!("- **Other options:** {}", escape(&decision.options.join("; "))));
    }
    let expectation = escape(decision.expectation.trim());
    match (expectation.is_empty(), decision.confidence) {
        (false, Some(confidence)) => lines.push(format!("- **Expected:** {expectation} ({confidence} % sure)")),
        (false, None) => lines.push(format!("- **Expected:** {expectation}")),
        (true, Some(confidence)) => lines.push(format!("- **Confidence:** {confidence} %")),
        (true, None) => {}
    }
    if let (Some(review_on), None) = (decision.review_on, &decision.review) {
        lines.push(format!("- **Review on:** {review_on}"));
    }
    let note = decision.note.trim();
    if !note.is_empty() {
        lines.push(String::new());
        lines.push(escape(note));
    }
    if let Some(review) = &decision.review {
        let process = review.process.map(|process| format!(" \u{00b7} process {process}/5")).unwrap_or_default();
        lines.push(String::new());
        lines.push(format!("**Reviewed {}:** {}{process}", review.reviewed_on, review.result.label()));
        for text in [review.outcome.trim(), review.lesson.trim()] {
            if !text.is_empty() {
                lines.push(String::new());
                lines.push(escape(text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::civil::date;

    use super::*;
    use crate::model::{DecisionDraft, Situation, Style};

    #[test]
    fn each_decision_is_a_section_with_labels_from_the_guidance() {
        let draft = DecisionDraft {
            title: "Froze the scope".into(),
            date: Some(date(2026, 3, 2)),
            note: "Cut two features.\n\nTold the team why.".into(),
            style: Some(Style::Management),
            situations: vec![Situation::TightDeadline],
            tags: vec!["release".into()],
            people: vec!["Zoë".into()],
            ..DecisionDraft::default()
        };
        let mut journal = Journal::default();
        journal.push(draft.into_new_decision(date(2026, 3, 2), Timestamp::UNIX_EPOCH).unwrap());
        let text = write(&journal);
        let label = &Guidance::get().situation(Situation::TightDeadline).label;
        assert!(text.starts_with("# Decision journal\n\n1 decision, from 2026-03-02 to 2026-03-02.\n"), "{text}");
        assert!(text.contains("## 2026-03-02 \u{2014} Froze the scope\n"), "{text}");
        assert!(text.contains("- **Style:** Management\n"), "{text}");
        assert!(text.contains(&format!("- **Situations:** {label}\n")), "{text}");
        assert!(text.contains("- **People:** Zoë\n- **Tags:** release\n"), "{text}");
        assert!(text.ends_with("\nCut two features.\n\nTold the team why.\n"), "{text}");
    }

    #[test]
    fn expectations_options_and_reviews_are_written_out() {
        let mut decision = DecisionDraft {
            title: "Hired a contractor".into(),
            date: Some(date(2026, 3, 2)),
            options: vec!["Wait a quarter".into(), "Move Ana over".into()],
            expectation: "Backlog halved by April".into(),
            confidence: Some(60),
            ..DecisionDraft::default()
        }
        .into_new_decision(date(2026, 3, 2), Timestamp::UNIX_EPOCH)
        .unwrap();
        decision.starred = true;
        decision.review = Some(crate::model::Review {
            reviewed_on: date(2026, 4, 30),
            outcome: "Down by a third.".into(),
            result: crate::model::ReviewResult::Worse,
            process: Some(4),
            lesson: "Onboarding took longer than planned.".into(),
        });
        let text = write(&Journal::new(vec![decision]));
        assert!(text.contains("## 2026-03-02 \u{2014} Hired a contractor \u{2605}\n"), "{text}");
        assert!(text.contains("- **Other options:** Wait a quarter; Move Ana over\n"), "{text}");
        assert!(text.contains("- **Expected:** Backlog halved by April (60 % sure)\n"), "{text}");
        assert!(
            text.ends_with(
                "**Reviewed 2026-04-30:** Worse than expected \u{00b7} process 4/5\n\nDown by a third.\n\nOnboarding took longer than planned.\n"
            ),
            "{text}"
        );
    }
}
