//! Puts the recommendation rule into words: what the ticked situations point
//! to and why, and how a chosen style sits with it. The UI, the CLI and the
//! brief all use these sentences, so they read the same everywhere.

use super::{Guidance, Side, fit, recommend};
use crate::model::{Situation, Style};

/// The recommendation for a set of situations, with its reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The recommended style; `None` without situations.
    pub recommendation: Option<Style>,
    /// The chosen situations that favour leading.
    pub leadership_situations: Vec<Situation>,
    /// The chosen situations that favour managing.
    pub management_situations: Vec<Situation>,
    /// One sentence summing up what the situations point to.
    pub headline: String,
    /// One sentence per situation: which way it points and why.
    pub reasons: Vec<String>,
}

/// Explains the recommendation for `situations`.
#[must_use]
pub fn explain(situations: &[Situation]) -> Explanation {
    let guidance = Guidance::get();
    let mut sorted = situations.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let (leadership_situations, management_situations): (Vec<Situation>, Vec<Situation>) =
        sorted.iter().partition(|situation| guidance.situation(**situation).side == Side::Leadership);
    let recommendation = recommend(&sorted);
    let reasons = sorted
        .iter()
        .map(|situation| {
            let guide = guidance.situation(*situation);
            format!("{} \u{2014} favours {}: {}", guide.label, side_gerund(guide.side), guide.advice)
        })
        .collect();
    let headline = headline(&leadership_situations, &management_situations);
    Explanation { recommendation, leadership_situations, management_situations, headline, reasons }
}

fn headline(leading: &[Situation], managing: &[Situation]) -> String {
    let guidance = Guidance::get();
    let labels = |situations: &[Situation]| {
        join_and(&situations.iter().map(|s| lowercase_first(&guidance.situation(*s).label)).collect::<Vec<_>>())
    };
    match (leading.len(), managing.len()) {
        (0, 0) => "Tick the situations you were in to see which way the article points.".to_owned(),
        (_, 0) | (0, _) => {
            let (side, situations) =
                if managing.is_empty() { (Side::Leadership, leading) } else { (Side::Management, managing) };
            let advice = &guidance.situation(situations[0]).advice;
            format!("When {}, {} fits best: {advice}.", labels(situations), side_gerund(side))
        }
        (lead, manage) if lead == manage => format!(
            "Your situations pull both ways ({lead} each), so a blend fits: lead where {}, manage where {}.",
            labels(leading),
            labels(managing)
        ),
        (lead, manage) => {
            let (majority, minority, side) = if lead > manage {
                (leading, managing, Side::Leadership)
            } else {
                (managing, leading, Side::Management)
            };
            format!(
                "{} of your {} situations favour {}, so {} fits best here; keep some {} for where {}.",
                majority.len(),
                lead + manage,
                side_gerund(side),
                side_gerund(side),
                if side == Side::Leadership { "structure" } else { "room to lead" },
                labels(minority)
            )
        }
    }
}

/// How a chosen style sits with the recommendation, for the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum FitNote {
    /// No style chosen, or no recommendation: nothing to say.
    Nothing,
    /// The style matches the recommendation.
    Fits(String),
    /// One of the two is a blend.
    Partly(String),
    /// Leading where managing was called for, or the reverse. Not an error:
    /// an invitation to note why.
    Against(String),
}

/// Compares `style` with what `situations` call for.
#[must_use]
pub fn fit_note(style: Option<Style>, situations: &[Situation]) -> FitNote {
    let recommendation = recommend(situations);
    let (Some(style), Some(recommended)) = (style, recommendation) else { return FitNote::Nothing };
    let score = fit(Some(style), Some(recommended)).unwrap_or(0.0);
    if score >= 1.0 {
        FitNote::Fits(format!("{} fits what these situations call for.", style.label()))
    } else if score > 0.0 {
        FitNote::Partly(format!(
            "Partly in line: you chose {}, the situations call for {}. Worth a line on how you balanced the two.",
            article(style),
            article(recommended)
        ))
    } else {
        let guidance = Guidance::get();
        let opposing_side = if style == Style::Leadership { Side::Management } else { Side::Leadership };
        let opposing = situations
            .iter()
            .find(|s| guidance.situation(**s).side == opposing_side)
            .map(|s| lowercase_first(&guidance.situation(*s).label))
            .unwrap_or_default();
        let verb = if style == Style::Leadership { "lead" } else { "manage" };
        FitNote::Against(format!(
            "You chose to {verb} although {opposing} \u{2014} what made that right? A line in the note will help when you look back."
        ))
    }
}

fn article(style: Style) -> &'static str {
    match style {
        Style::Leadership => "leading",
        Style::Management => "managing",
        Style::Blend => "a blend",
    }
}

fn side_gerund(side: Side) -> &'static str {
    match side {
        Side::Leadership => "leading",
        Side::Management => "managing",
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Situation::{ConfidentTeam, Crisis, NewApproaches, TightDeadline};

    #[test]
    fn one_side_names_every_situation_and_the_advice() {
        let explanation = explain(&[TightDeadline, Crisis]);
        assert_eq!(explanation.recommendation, Some(Style::Management));
        assert_eq!(explanation.management_situations, [Crisis, TightDeadline]);
        assert!(
            explanation
                .headline
                .starts_with("When a crisis is unfolding and the deadline is tight, managing fits best:"),
            "{}",
            explanation.headline
        );
        assert_eq!(explanation.reasons.len(), 2);
        assert!(explanation.reasons.iter().all(|reason| reason.contains("favours managing")));
    }

    #[test]
    fn ties_and_majorities_and_nothing() {
        assert_eq!(explain(&[Crisis, NewApproaches]).recommendation, Some(Style::Blend));
        assert!(explain(&[Crisis, NewApproaches]).headline.contains("blend"));
        let majority = explain(&[Crisis, TightDeadline, ConfidentTeam]);
        assert!(majority.headline.starts_with("2 of your 3 situations favour managing"), "{}", majority.headline);
        let none = explain(&[]);
        assert_eq!(none.recommendation, None);
        assert!(none.reasons.is_empty());
    }

    #[test]
    fn leading_in_a_crisis_invites_a_note_rather_than_an_error() {
        let FitNote::Against(text) = fit_note(Some(Style::Leadership), &[Crisis]) else { panic!("expected against") };
        assert!(text.starts_with("You chose to lead although a crisis"), "{text}");
        assert!(text.contains("what made that right?"));
        assert!(matches!(fit_note(Some(Style::Management), &[Crisis]), FitNote::Fits(_)));
        assert!(matches!(fit_note(Some(Style::Blend), &[Crisis]), FitNote::Partly(_)));
        assert_eq!(fit_note(None, &[Crisis]), FitNote::Nothing);
        assert_eq!(fit_note(Some(Style::Blend), &[]), FitNote::Nothing);
    }
}
