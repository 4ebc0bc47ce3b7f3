//! Picking the brief's reflection questions: the questions are data
//! (`questions` in `assets/guidance.ron`); this file evaluates their
//! triggers from the numbers.

use crate::analysis::Tally;
use crate::guidance::{Guidance, Side};
use crate::model::{Decision, Style};

/// At most this many questions.
const MOST: usize = 5;
/// At least this many (the `always-*` triggers fill up).
const LEAST: usize = 3;

/// A gap between leadership and guided share that counts as leaning (20 points).
const LEANING_GAP: f64 = 0.2;

/// Words that show a note gives the purpose behind a decision.
const WHY_WORDS: [&str; 7] = ["why", "because", "so that", "so we", "purpose", "vision", "in order to"];

/// The words of a note, lower case, in order.
fn note_words(note: &str) -> Vec<String> {
    note.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whether the note's `words` (lower case, in order) hold `phrase` as whole
/// words: "vision" is not in "revision", nor "so we" in "also went".
fn says(words: &[String], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words.windows(wanted.len()).any(|window| window.iter().zip(&wanted).all(|(word, want)| word == want))
}

/// Whether the trigger `id` fires for these decisions.
fn fires(id: &str, decisions: &[&Decision], total: &Tally, reviews_due: usize) -> bool {
    let guidance = Guidance::get();
    let on_side = |decision: &Decision, side: Side| {
        decision.situations.iter().any(|s| guidance.situation(*s).side == side)
            && decision.recommendation() == Some(side.style())
    };
    match id {
        "management-in-leadership-situations" => {
            decisions.iter().any(|d| d.style == Some(Style::Management) && on_side(d, Side::Leadership))
        }
        "leadership-in-management-situations" => {
            decisions.iter().any(|d| d.style == Some(Style::Leadership) && on_side(d, Side::Management))
        }
        "no-why-in-leadership" => {
            let leading: Vec<&&Decision> = decisions.iter().filter(|d| d.style == Some(Style::Leadership)).collect();
            !leading.is_empty()
                && leading.iter().all(|d| {
                    let words = note_words(&d.note);
                    !WHY_WORDS.iter().any(|phrase| says(&words, phrase))
                })
        }
        "against-guidance" => decisions.iter().any(|d| d.fit().is_some_and(|fit| fit == 0.0)),
        // Over the same decisions on both sides, as the summary compares.
        "leaning-lead" | "leaning-manage" => match (total.compared_leadership_share(), total.compared_guided_share()) {
            (Some(lead), Some(guided)) if id == "leaning-lead" => lead - guided >= LEANING_GAP,
            (Some(lead), Some(guided)) => guided - lead >= LEANING_GAP,
            _ => false,
        },
        "reviews-due" => reviews_due > 0,
        "untagged" => total.untagged > 0,
        _ => false,
    }
}

/// Three to five questions for these decisions, in the file's order: the
/// ones whose trigger fires, then `always-*` ones to reach three.
pub(super) fn choose(decisions: &[&Decision], total: &Tally, reviews_due: usize) -> Vec<String> {
    let all = &Guidance::get().questions;
    let mut chosen: Vec<String> = all
        .iter()
        .filter(|q| !q.trigger.starts_with("always-") && fires(&q.trigger, decisions, total, reviews_due))
        .take(MOST)
        .map(|q| q.text.clone())
        .collect();
    for question in all.iter().filter(|q| q.trigger.starts_with("always-")) {
        if chosen.len() >= LEAST {
            break;
        }
        chosen.push(question.text.clone());
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trigger_in_the_file_is_known_and_fallbacks_suffice() {
        let known = [
            "management-in-leadership-situations",
            "leadership-in-management-situations",
            "no-why-in-leadership",
            "against-guidance",
            "leaning-lead",
            "leaning-manage",
            "reviews-due",
            "untagged",
        ];
        let questions = &Guidance::get().questions;
        for q in questions {
            assert!(q.trigger.starts_with("always-") || known.contains(&q.trigger.as_str()), "{}", q.trigger);
            assert!(!q.text.trim().is_empty());
        }
        assert!(questions.iter().filter(|q| q.trigger.starts_with("always-")).count() >= LEAST);
        assert_eq!(choose(&[], &Tally::default(), 0).len(), LEAST);
    }

    #[test]
    fn why_words_count_only_as_whole_words() {
        assert!(says(&note_words("We did it so that the team owns it."), "so that"));
        assert!(says(&note_words("The Vision: one team."), "vision"));
        assert!(!says(&note_words("Revised the division of work"), "vision"));
        assert!(!says(&note_words("It also went well"), "so we"));
    }
}
