//! The source article's guidance, as data. The text lives in
//! `assets/guidance.ron` (our own words, paraphrasing the article) and is
//! embedded in the binary; code reads it rather than repeating it in `if`
//! chains.

pub mod explain;
pub mod suggest;

use std::sync::OnceLock;

use serde::Deserialize;

pub use self::suggest::{Evidence, Suggestion, Vocabulary, suggest};
use crate::model::{Decision, Situation, Style};

/// The side of the article a situation favours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum Side {
    /// Leading fits better.
    Leadership,
    /// Managing fits better.
    Management,
}

impl Side {
    /// The style that matches this side.
    #[must_use]
    pub fn style(self) -> Style {
        match self {
            Self::Leadership => Style::Leadership,
            Self::Management => Style::Management,
        }
    }
}

/// What a style means, in one line.
#[derive(Debug, Clone, Deserialize)]
pub struct StyleGuide {
    /// Which style.
    pub style: Style,
    /// One line on what deciding this way means.
    pub meaning: String,
}

/// One of the four contrasts between leading and managing.
#[derive(Debug, Clone, Deserialize)]
pub struct Contrast {
    /// Stable id, e.g. `vision-execution`.
    pub id: String,
    /// The leadership pole's name, e.g. "Vision".
    pub leadership: String,
    /// The management pole's name, e.g. "Execution".
    pub management: String,
    /// What the leadership pole means.
    pub leadership_text: String,
    /// What the management pole means.
    pub management_text: String,
}

/// One of the nine situations, with the side it favours and why.
#[derive(Debug, Clone, Deserialize)]
pub struct SituationGuide {
    /// The stable id.
    pub id: Situation,
    /// Which side the article says fits.
    pub side: Side,
    /// A short label for checkboxes and lists.
    pub label: String,
    /// Why that side fits here, one sentence.
    pub why: String,
    /// What that looks like in practice, a few words.
    pub advice: String,
}

/// One row of the article's comparison table.
#[derive(Debug, Clone, Deserialize)]
pub struct Aspect {
    /// The aspect, e.g. "Time viewpoint".
    pub name: String,
    /// The leadership pole.
    pub leadership: String,
    /// The management pole.
    pub management: String,
}

/// Ground that leading and managing share.
#[derive(Debug, Clone, Deserialize)]
pub struct SharedGround {
    /// Short name.
    pub name: String,
    /// What both sides do here, and how they differ.
    pub text: String,
}

/// One way the two sides complement each other.
#[derive(Debug, Clone, Deserialize)]
pub struct Complement {
    /// What leading brings.
    pub leadership: String,
    /// What managing brings.
    pub management: String,
}

/// The whole guidance file.
#[derive(Debug, Clone, Deserialize)]
pub struct Guidance {
    /// Two sentences introducing Keel's view of the article.
    pub summary: String,
    /// The three styles.
    pub styles: Vec<StyleGuide>,
    /// The four contrasts.
    pub contrasts: Vec<Contrast>,
    /// The nine situations.
    pub situations: Vec<SituationGuide>,
    /// The twelve aspects of the comparison table.
    pub aspects: Vec<Aspect>,
    /// What both sides share.
    pub shared_ground: Vec<SharedGround>,
    /// The five ways they complement each other.
    pub complements: Vec<Complement>,
    /// Reflection questions for coaching briefs, each with the trigger that
    /// picks it (evaluated in `report`).
    #[serde(default)]
    pub questions: Vec<Question>,
    /// The text suggester's cue words and phrases.
    pub vocabulary: Vocabulary,
}

/// A reflection question for a brief and the id of the trigger that picks it.
#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    /// The trigger id (see `report::questions`).
    pub trigger: String,
    /// The question, in Keel's own words.
    pub text: String,
}

const GUIDANCE_RON: &str = include_str!("../../assets/guidance.ron");

impl Guidance {
    /// The embedded guidance, parsed once.
    ///
    /// # Panics
    /// Only if the embedded file is malformed, which the unit tests rule out.
    #[must_use]
    pub fn get() -> &'static Self {
        static GUIDANCE: OnceLock<Guidance> = OnceLock::new();
        GUIDANCE.get_or_init(|| {
            #[expect(clippy::expect_used, reason = "the embedded file is checked by unit tests")]
            ron::from_str(GUIDANCE_RON).expect("assets/guidance.ron parses")
        })
    }

    /// The guide entry for `situation`.
    ///
    /// # Panics
    /// Never for the embedded file: the tests check every situation is there.
    #[must_use]
    pub fn situation(&self, situation: Situation) -> &SituationGuide {
        #[expect(clippy::expect_used, reason = "the embedded file is checked by unit tests")]
        self.situations.iter().find(|guide| guide.id == situation).expect("every situation has guidance")
    }

    /// The one-line meaning of `style`.
    #[must_use]
    pub fn style_meaning(&self, style: Style) -> &str {
        self.styles.iter().find(|guide| guide.style == style).map_or("", |guide| guide.meaning.as_str())
    }

    /// The situations favouring `side`, in the file's order.
    pub fn situations_on(&self, side: Side) -> impl Iterator<Item = &SituationGuide> {
        self.situations.iter().filter(move |guide| guide.side == side)
    }
}

/// The style the article recommends for `situations`: more leadership
/// situations → leadership, more management ones → management, equal and
/// non-zero → blend, none → no recommendation.
#[must_use]
pub fn recommend(situations: &[Situation]) -> Option<Style> {
    let guidance = Guidance::get();
    let (mut leading, mut managing) = (0_usize, 0_usize);
    for situation in situations {
        match guidance.situation(*situation).side {
            Side::Leadership => leading += 1,
            Side::Management => managing += 1,
        }
    }
    match leading.cmp(&managing) {
        std::cmp::Ordering::Greater => Some(Style::Leadership),
        std::cmp::Ordering::Less => Some(Style::Management),
        std::cmp::Ordering::Equal if leading > 0 => Some(Style::Blend),
        std::cmp::Ordering::Equal => None,
    }
}

/// What the guidance makes of a decision. A trait of the guidance rather
/// than methods of [`Decision`], because the guidance (which side of the
/// article each situation is on) sits above the model: the model knows
/// nothing of it.
pub trait Judged {
    /// What the article recommends for the decision's situations.
    fn recommendation(&self) -> Option<Style>;
    /// How well its style fits that recommendation ([`fit`]).
    fn fit(&self) -> Option<f64>;
}

impl Judged for Decision {
    fn recommendation(&self) -> Option<Style> {
        recommend(&self.situations)
    }

    fn fit(&self) -> Option<f64> {
        fit(self.style, recommend(&self.situations))
    }
}

/// How well `style` fits `recommendation`: 1 when equal, 0.5 when exactly one
/// of them is blend, 0 when one leads and the other manages; `None` when
/// either is missing.
#[must_use]
pub fn fit(style: Option<Style>, recommendation: Option<Style>) -> Option<f64> {
    let (style, recommendation) = (style?, recommendation?);
    Some(if style == recommendation {
        1.0
    } else if style == Style::Blend || recommendation == Style::Blend {
        0.5
    } else {
        0.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_guidance_is_complete() {
        let guidance = Guidance::get();
        assert_eq!(guidance.styles.len(), 3);
        assert_eq!(guidance.contrasts.len(), 4);
        assert_eq!(guidance.situations.len(), 9);
        assert_eq!(guidance.aspects.len(), 12, "the table's repeated Main Goal row counts once");
        assert_eq!(guidance.shared_ground.len(), 3);
        assert_eq!(guidance.complements.len(), 5);
        for situation in Situation::ALL {
            assert_eq!(guidance.situation(situation).id, situation);
        }
        for style in Style::ALL {
            assert!(!guidance.style_meaning(style).is_empty());
        }
    }

    #[test]
    fn sides_follow_the_article() {
        let guidance = Guidance::get();
        let leading: Vec<Situation> = guidance.situations_on(Side::Leadership).map(|g| g.id).collect();
        assert_eq!(
            leading,
            [
                Situation::ConfidentTeam,
                Situation::NewApproaches,
                Situation::CreativeDiscussion,
                Situation::IndependentTeam
            ]
        );
        assert_eq!(guidance.situations_on(Side::Management).count(), 5);
    }

    #[test]
    fn recommendation_counts_sides() {
        use Situation::{ConfidentTeam, Crisis, NewApproaches, TightDeadline};
        assert_eq!(recommend(&[]), None);
        for situation in Situation::ALL {
            let expected = Guidance::get().situation(situation).side.style();
            assert_eq!(recommend(&[situation]), Some(expected), "{situation}");
        }
        assert_eq!(recommend(&[Crisis, NewApproaches]), Some(Style::Blend));
        assert_eq!(recommend(&[Crisis, TightDeadline, NewApproaches]), Some(Style::Management));
        assert_eq!(recommend(&[ConfidentTeam, NewApproaches, Crisis]), Some(Style::Leadership));
        assert_eq!(recommend(&[ConfidentTeam, NewApproaches, Crisis, TightDeadline]), Some(Style::Blend));
    }

    #[test]
    fn fit_for_every_pair() {
        use Style::{Blend, Leadership, Management};
        let cases = [
            (Leadership, Leadership, 1.0),
            (Leadership, Blend, 0.5),
            (Leadership, Management, 0.0),
            (Blend, Leadership, 0.5),
            (Blend, Blend, 1.0),
            (Blend, Management, 0.5),
            (Management, Leadership, 0.0),
            (Management, Blend, 0.5),
            (Management, Management, 1.0),
        ];
        for (style, recommendation, expected) in cases {
            assert_eq!(fit(Some(style), Some(recommendation)), Some(expected), "{style} vs {recommendation}");
        }
        assert_eq!(fit(None, Some(Leadership)), None);
        assert_eq!(fit(Some(Leadership), None), None);
    }
}
