//! Picking the brief's reflection questions: the questions are data
//! (`questions` in `assets/guidance.ron`); this file evaluates their
//! triggers from the numbers.

use crate::analysis::Tally;
use crate::guidance::Judged as _;
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

/// How many decisions a question names before "and N more".
pub const NAMED: usize = 4;

/// A reflection question of the brief and the decisions it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question, from the guidance file.
    pub text: String,
    /// The titles of the decisions the question is about, newest first
    /// (redacted as the rest of the brief when it is): each one shows what
    /// the question says. Empty for the questions asked in any case.
    pub about: Vec<String>,
}

impl Question {
    /// The first [`NAMED`] titles and how many more there are.
    #[must_use]
    pub fn named(&self) -> (&[String], usize) {
        let shown = self.about.len().min(NAMED);
        (&self.about[..shown], self.about.len() - shown)
    }
}

/// The decisions the trigger `id` is about, when it fires for these
/// decisions (`None` when it does not): every decision it names shows what
/// its question says, and no other. `due` are the decisions whose review
/// is due.
fn fires<'a>(id: &str, decisions: &[&'a Decision], total: &Tally, due: &[&'a Decision]) -> Option<Vec<&'a Decision>> {
    let guidance = Guidance::get();
    let on_side = |decision: &Decision, side: Side| {
        decision.situations.iter().any(|s| guidance.situation(*s).side == side)
            && decision.recommendation() == Some(side.style())
    };
    let matching = |keep: &dyn Fn(&Decision) -> bool| -> Option<Vec<&'a Decision>> {
        let found: Vec<&'a Decision> = decisions.iter().copied().filter(|d| keep(d)).collect();
        (!found.is_empty()).then_some(found)
    };
    // How far a decision's style leans to leading past its recommendation.
    let tilt = |d: &Decision| match (d.style, d.recommendation()) {
        (Some(style), Some(recommended)) => Some(style.leadership_weight() - recommended.leadership_weight()),
        _ => None,
    };
    match id {
        "management-in-leadership-situations" => {
            matching(&|d| d.style == Some(Style::Management) && on_side(d, Side::Leadership))
        }
        "leadership-in-management-situations" => {
            matching(&|d| d.style == Some(Style::Leadership) && on_side(d, Side::Management))
        }
        "no-why-in-leadership" => {
            let leading = matching(&|d| d.style == Some(Style::Leadership))?;
            leading
                .iter()
                .all(|d| {
                    let words = note_words(&d.note);
                    !WHY_WORDS.iter().any(|phrase| says(&words, phrase))
                })
                .then_some(leading)
        }
        "against-guidance" => matching(&|d| d.fit().is_some_and(|fit| fit == 0.0)),
        // Over the same decisions on both sides, as the summary compares;
        // the decisions named are those that lean that way themselves.
        "leaning-lead" | "leaning-manage" => {
            let leaning = match (total.compared_leadership_share(), total.compared_guided_share()) {
                (Some(lead), Some(guided)) if id == "leaning-lead" => lead - guided >= LEANING_GAP,
                (Some(lead), Some(guided)) => guided - lead >= LEANING_GAP,
                _ => false,
            };
            if !leaning {
                return None;
            }
            if id == "leaning-lead" {
                matching(&|d| tilt(d).is_some_and(|gap| gap > 0.0))
            } else {
                matching(&|d| tilt(d).is_some_and(|gap| gap < 0.0))
            }
        }
        "reviews-due" => (!due.is_empty()).then(|| due.to_vec()),
        "untagged" => matching(&|d| d.style.is_none()),
        _ => None,
    }
}

/// Three to five questions for these decisions (newest first), in the
/// file's order: the ones whose trigger fires, each naming its decisions by
/// `title`, then `always-*` ones to reach three. `due` are the decisions
/// whose review is due.
pub(super) fn choose(
    decisions: &[&Decision],
    total: &Tally,
    due: &[&Decision],
    title: &dyn Fn(&Decision) -> String,
) -> Vec<Question> {
    let all = &Guidance::get().questions;
    let mut chosen: Vec<Question> = all
        .iter()
        .filter(|q| !q.trigger.starts_with("always-"))
        .filter_map(|q| {
            let about = fires(&q.trigger, decisions, total, due)?;
            Some(Question { text: q.text.clone(), about: about.into_iter().map(title).collect() })
        })
        .take(MOST)
        .collect();
    for question in all.iter().filter(|q| q.trigger.starts_with("always-")) {
        if chosen.len() >= LEAST {
            break;
        }
        chosen.push(Question { text: question.text.clone(), about: Vec::new() });
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
        assert_eq!(choose(&[], &Tally::default(), &[], &|d| d.title.clone()).len(), LEAST);
    }

    #[test]
    fn why_words_count_only_as_whole_words() {
        assert!(says(&note_words("We did it so that the team owns it."), "so that"));
        assert!(says(&note_words("The Vision: one team."), "vision"));
        assert!(!says(&note_words("Revised the division of work"), "vision"));
        assert!(!says(&note_words("It also went well"), "so we"));
    }

    use jiff::Timestamp;
    use jiff::civil::{Date, date};

    use crate::analysis::Filter;
    use crate::model::{DecisionDraft, Journal, Situation};
    use crate::report::{Brief, BriefRequest, html, markdown};

    fn decision(day: Date, title: &str, style: Option<Style>, situations: &[Situation], note: &str) -> Decision {
        DecisionDraft {
            title: title.into(),
            date: Some(day),
            note: note.into(),
            style,
            situations: situations.to_vec(),
            people: vec!["Maria".into()],
            ..DecisionDraft::default()
        }
        .into_new_decision(day, Timestamp::UNIX_EPOCH)
        .expect("valid")
    }

    /// What each question claims about a decision it names, written from
    /// the question's words rather than from its trigger: `until` is the
    /// brief's last day.
    fn claim_holds(trigger: &str, d: &Decision, until: Date) -> bool {
        let weight = |style: Option<Style>| style.map(Style::leadership_weight);
        match trigger {
            "management-in-leadership-situations" => {
                d.style == Some(Style::Management) && d.recommendation() == Some(Style::Leadership)
            }
            "leadership-in-management-situations" => {
                d.style == Some(Style::Leadership) && d.recommendation() == Some(Style::Management)
            }
            "against-guidance" => matches!(
                (d.style, d.recommendation()),
                (Some(Style::Leadership), Some(Style::Management)) | (Some(Style::Management), Some(Style::Leadership))
            ),
            "no-why-in-leadership" => d.style == Some(Style::Leadership) && !d.note.contains("because"),
            "leaning-lead" => weight(d.style).zip(weight(d.recommendation())).is_some_and(|(s, r)| s > r),
            "leaning-manage" => weight(d.style).zip(weight(d.recommendation())).is_some_and(|(s, r)| s < r),
            "reviews-due" => d.review.is_none() && d.review_on.is_some_and(|day| day <= until),
            "untagged" => d.style.is_none(),
            other => panic!("no claim written for {other}"),
        }
    }

    /// Each question of the brief about `person` over March names exactly
    /// the decisions its claim holds for (titles are unique here); returns
    /// the triggers that fired.
    fn check_questions(journal: &Journal, person: Option<&str>) -> Vec<String> {
        let until = date(2026, 3, 31);
        let request = BriefRequest {
            person: person.map(str::to_owned),
            filter: Filter { since: Some(date(2026, 3, 1)), until: Some(until), ..Filter::default() },
            redact: false,
        };
        let brief = Brief::compute(journal, &request, until);
        let in_brief: Vec<&str> = brief.decisions.iter().map(|item| item.title.as_str()).collect();
        let mut fired = Vec::new();
        for question in &brief.questions {
            let trigger =
                &Guidance::get().questions.iter().find(|q| q.text == question.text).expect("from the file").trigger;
            if trigger.starts_with("always-") {
                assert!(question.about.is_empty(), "{trigger} is about no decision in particular");
                continue;
            }
            assert!(!question.about.is_empty(), "{trigger} names its decisions");
            for d in journal.decisions() {
                // Reviews may be due on decisions of any date; the others
                // are about the period's decisions.
                let considered = trigger == "reviews-due" || in_brief.contains(&d.title.as_str());
                let named = question.about.contains(&d.title);
                let holds = considered
                    && claim_holds(trigger, d, until)
                    && person.is_none_or(|p| d.people.iter().any(|name| name == p));
                assert_eq!(named, holds, "{trigger}: \u{201c}{}\u{201d} named {named}, claim holds {holds}", d.title);
            }
            fired.push(trigger.clone());
        }
        fired
    }

    /// Maria led where her team was capable and managed where new ideas
    /// were needed: the question about reaching for control names only the
    /// second, and the one against the guidance names it too.
    fn marias_march() -> Journal {
        let mut due =
            decision(date(2026, 2, 20), "Chose the vendor for the new billing system", Some(Style::Blend), &[], "");
        due.review_on = Some(date(2026, 3, 20));
        Journal::new(vec![
            decision(
                date(2026, 3, 3),
                "Let the capable team plan their own sprint",
                Some(Style::Leadership),
                &[Situation::ConfidentTeam],
                "They know the work.",
            ),
            decision(
                date(2026, 3, 5),
                "Wrote the new-approaches plan myself",
                Some(Style::Management),
                &[Situation::NewApproaches],
                "",
            ),
            decision(
                date(2026, 3, 9),
                "Set the goal and trusted the team during the outage",
                Some(Style::Leadership),
                &[Situation::Crisis],
                "",
            ),
            decision(
                date(2026, 3, 12),
                "Ran the deadline plan by the checklist",
                Some(Style::Management),
                &[Situation::TightDeadline],
                "",
            ),
            decision(date(2026, 3, 16), "Picked the offsite venue", None, &[], ""),
            due,
        ])
    }

    #[test]
    fn every_question_names_exactly_the_decisions_its_claim_holds_for() {
        let journal = marias_march();
        let fired = check_questions(&journal, None);
        for trigger in [
            "management-in-leadership-situations",
            "leadership-in-management-situations",
            "no-why-in-leadership",
            "against-guidance",
        ] {
            assert!(fired.iter().any(|f| f == trigger), "{trigger} fired: {fired:?}");
        }
        let fired = check_questions(&journal, Some("Maria"));
        assert!(fired.iter().any(|f| f == "management-in-leadership-situations"));

        // Leaning, untagged and reviews due, in journals of their own (a
        // brief asks five questions at most).
        let leaning_lead = Journal::new(vec![
            decision(
                date(2026, 3, 2),
                "Led through the crunch",
                Some(Style::Leadership),
                &[Situation::TightDeadline],
                "because",
            ),
            decision(date(2026, 3, 3), "Blended the training plan", Some(Style::Blend), &[Situation::Training], ""),
            decision(
                date(2026, 3, 4),
                "Led the brainstorm",
                Some(Style::Leadership),
                &[Situation::CreativeDiscussion],
                "because",
            ),
            decision(date(2026, 3, 5), "Picked the offsite venue", None, &[], ""),
        ]);
        let fired = check_questions(&leaning_lead, None);
        assert!(fired.iter().any(|f| f == "leaning-lead"), "{fired:?}");
        assert!(fired.iter().any(|f| f == "untagged"), "{fired:?}");
        let leaning_manage = Journal::new(vec![
            decision(
                date(2026, 3, 2),
                "Managed the brainstorm",
                Some(Style::Management),
                &[Situation::CreativeDiscussion],
                "",
            ),
            decision(date(2026, 3, 3), "Blended the retro", Some(Style::Blend), &[Situation::IndependentTeam], ""),
            decision(date(2026, 3, 4), "Managed the outage", Some(Style::Management), &[Situation::Crisis], ""),
        ]);
        let fired = check_questions(&leaning_manage, None);
        assert!(fired.iter().any(|f| f == "leaning-manage"), "{fired:?}");
        let mut due_only = marias_march();
        due_only.retain(|d| d.review_on.is_some() || d.title.starts_with("Ran the deadline"));
        let fired = check_questions(&due_only, None);
        assert!(fired.iter().any(|f| f == "reviews-due"), "{fired:?}");
    }

    #[test]
    fn the_markdown_and_html_briefs_name_each_questions_decisions_redacted_when_asked() {
        let mut journal = marias_march();
        journal.retain(|d| d.title.starts_with("Wrote") || d.title.starts_with("Let the capable"));
        let mut named = decision(
            date(2026, 3, 6),
            "Took Ana's plan over",
            Some(Style::Management),
            &[Situation::IndependentTeam],
            "",
        );
        named.people = vec!["Ana".into()];
        journal.push(named);
        let request = |redact| BriefRequest {
            person: None,
            filter: Filter { since: Some(date(2026, 3, 1)), until: Some(date(2026, 3, 31)), ..Filter::default() },
            redact,
        };
        let brief = Brief::compute(&journal, &request(false), date(2026, 3, 31));
        let md = markdown(&brief);
        assert!(
            md.contains("   *About:* \u{201c}Took Ana's plan over\u{201d}, \u{201c}Wrote the new-approaches plan myself\u{201d}\n"),
            "{md}"
        );
        let control = md.lines().skip_while(|line| !line.contains("reached for plans and control")).nth(1);
        assert!(
            control.is_some_and(|line| line.contains("Wrote the new-approaches") && !line.contains("Let the capable"))
        );
        let page = html(&brief);
        assert!(
            page.contains("About: \u{201c}Took Ana&#39;s plan over\u{201d}")
                || page.contains("About: \u{201c}Took Ana's plan over\u{201d}"),
            "{page}"
        );

        let redacted = Brief::compute(&journal, &request(true), date(2026, 3, 31));
        let md = markdown(&redacted);
        assert!(!md.contains("Ana"), "{md}");
        assert!(md.contains("*About:* \u{201c}Took Person A"), "{md}");
        assert!(!html(&redacted).contains("Ana"));
    }

    #[test]
    fn a_question_names_four_decisions_and_counts_the_rest() {
        let question = Question { text: "Q".into(), about: (1..=6).map(|n| format!("D{n}")).collect() };
        assert_eq!(question.named(), (&question.about[..4], 2));
    }
}
