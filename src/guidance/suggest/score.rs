//! Scoring: the cues found add their weights to situations and sides; the
//! situations over the threshold are suggested, and the two sides' scores
//! decide the style (a blend when both are strong and close).

use super::Vocabulary;
use super::cues::Target;
use crate::guidance::{Guidance, Side};
use crate::model::{Situation, Style};

/// The vocabulary's thresholds.
#[derive(Debug)]
pub(super) struct Scoring {
    threshold: u32,
    blend_min: u32,
    blend_percent: u32,
    situation_side_cap: u32,
}

impl Scoring {
    pub(super) fn new(vocabulary: &Vocabulary) -> Self {
        Self {
            threshold: vocabulary.situation_threshold.max(1),
            blend_min: vocabulary.blend_min.max(1),
            blend_percent: vocabulary.blend_percent,
            situation_side_cap: vocabulary.situation_side_cap.max(1),
        }
    }

    /// The suggested situations (in the article's order) and style for the
    /// weights of every cue found.
    pub(super) fn score(&self, weights: impl IntoIterator<Item = (Target, u32)>) -> (Vec<Situation>, Option<Style>) {
        let guidance = Guidance::get();
        let mut situation_scores = [0_u32; Situation::ALL.len()];
        let mut sides = [SideScore::default(); 2];
        for (target, weight) in weights {
            match target {
                Target::Situation(situation) => situation_scores[situation_index(situation)] += weight,
                Target::Side(side) => sides[side_index(side)].add(weight),
            }
        }
        // Each situation pulls its side like one cue, at most a decisive one.
        for (situation, score) in Situation::ALL.into_iter().zip(situation_scores) {
            if score > 0 {
                let side = guidance.situation(situation).side;
                sides[side_index(side)].add(score.min(self.situation_side_cap));
            }
        }
        let situations: Vec<Situation> = Situation::ALL
            .into_iter()
            .zip(situation_scores)
            .filter(|&(_, score)| score >= self.threshold)
            .map(|(situation, _)| situation)
            .collect();
        let style = self.style(sides[side_index(Side::Leadership)], sides[side_index(Side::Management)]);
        (situations, style)
    }
    /// Both sides strong and close → blend; otherwise the stronger side.
    fn style(&self, leading: SideScore, managing: SideScore) -> Option<Style> {
        let (strong, weak) = if leading.total >= managing.total { (leading, managing) } else { (managing, leading) };
        // A strong signal: one cue at least `blend_min`, or hints adding up
        // to twice that.
        let is_strong = |side: SideScore| side.strongest >= self.blend_min || side.total >= 2 * self.blend_min;
        let both_strong = is_strong(weak) && is_strong(strong);
        if strong.total == 0 {
            None
        } else if (both_strong && weak.total * 100 >= strong.total * self.blend_percent)
            || leading.total == managing.total
        {
            Some(Style::Blend)
        } else if leading.total > managing.total {
            Some(Style::Leadership)
        } else {
            Some(Style::Management)
        }
    }
}

/// What points to one side: the sum, and the strongest single signal.
#[derive(Debug, Clone, Copy, Default)]
struct SideScore {
    total: u32,
    strongest: u32,
}

impl SideScore {
    fn add(&mut self, weight: u32) {
        self.total += weight;
        self.strongest = self.strongest.max(weight);
    }
}

fn situation_index(situation: Situation) -> usize {
    Situation::ALL.iter().position(|candidate| *candidate == situation).unwrap_or(0)
}

fn side_index(side: Side) -> usize {
    match side {
        Side::Leadership => 0,
        Side::Management => 1,
    }
}

#[cfg(test)]
mod tests {
    use crate::guidance::suggest::suggest;
    use crate::model::{Situation, Style};

    #[test]
    fn both_sides_strong_make_a_blend() {
        let both = suggest("Handled the outage by the book, then opened a session to rethink how we deploy");
        assert_eq!(both.style, Some(Style::Blend));
        assert_eq!(both.situations, [Situation::NewApproaches, Situation::Crisis]);
    }
}
