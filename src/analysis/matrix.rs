//! Styles per situation, and the four contrasts on average.

use crate::guidance::{self, Contrast, Guidance, Side};
use crate::model::{ContrastScores, Decision, Situation, Style};

use super::{SituationSet, side_of};

/// How the decisions made in one situation were made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SituationRow {
    /// The situation.
    pub situation: Situation,
    /// The side the article says it favours.
    pub side: Side,
    /// Decisions made by leading.
    pub led: usize,
    /// Decisions that blended both.
    pub blended: usize,
    /// Decisions made by managing.
    pub managed: usize,
    /// Decisions without a style.
    pub untagged: usize,
    /// Decisions that went against the situation's side: fit 0 against it,
    /// i.e. managed where it favours leading, or led where it favours
    /// managing.
    pub against: usize,
}

impl SituationRow {
    /// Every decision in this situation.
    #[must_use]
    pub fn decisions(&self) -> usize {
        self.led + self.blended + self.managed + self.untagged
    }

    /// Decisions made the way the situation favours.
    #[must_use]
    pub fn with_side(&self) -> usize {
        match self.side {
            Side::Leadership => self.led,
            Side::Management => self.managed,
        }
    }

    /// The situation's label from the guidance data.
    #[must_use]
    pub fn label(&self) -> &'static str {
        &Guidance::get().situation(self.situation).label
    }
}

/// For each of the nine situations, how the decisions in it were made. A
/// decision in two situations counts in both rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SituationStyleMatrix {
    /// One row per situation, in [`Situation::ALL`] order.
    pub rows: [SituationRow; 9],
    /// Decisions managed in at least one situation that favours leading
    /// (each decision counted once).
    pub managed_against_leading: usize,
    /// Decisions led in at least one situation that favours managing (each
    /// decision counted once).
    pub led_against_managing: usize,
}

impl Default for SituationStyleMatrix {
    /// Nine empty rows with their sides from the guidance data.
    fn default() -> Self {
        let rows = Situation::ALL.map(|situation| SituationRow {
            situation,
            side: side_of(situation),
            led: 0,
            blended: 0,
            managed: 0,
            untagged: 0,
            against: 0,
        });
        Self { rows, managed_against_leading: 0, led_against_managing: 0 }
    }
}

impl SituationStyleMatrix {
    /// Counts `decisions`.
    pub fn compute<'a>(decisions: impl IntoIterator<Item = &'a Decision>) -> Self {
        let mut matrix = Self::default();
        for decision in decisions {
            matrix.add(decision.style, decision.situations.iter().copied());
        }
        matrix
    }

    /// Counts one decision made with `style` in `situations` (a situation
    /// listed twice counts once).
    pub fn add(&mut self, style: Option<Style>, situations: impl IntoIterator<Item = Situation>) {
        self.add_set_times(style, SituationSet::of(situations), 1);
    }

    /// Counts `times` decisions made with `style` in `situations`.
    pub(super) fn add_set_times(&mut self, style: Option<Style>, situations: SituationSet, times: usize) {
        let mut went_against = false;
        for situation in situations.iter() {
            let row = &mut self.rows[situation as usize];
            match style {
                Some(Style::Leadership) => row.led += times,
                Some(Style::Blend) => row.blended += times,
                Some(Style::Management) => row.managed += times,
                None => row.untagged += times,
            }
            if guidance::fit(style, Some(row.side.style())) == Some(0.0) {
                row.against += times;
                went_against = true;
            }
        }
        if went_against {
            match style {
                Some(Style::Management) => self.managed_against_leading += times,
                Some(Style::Leadership) => self.led_against_managing += times,
                Some(Style::Blend) | None => {}
            }
        }
    }

    /// The row of `situation`.
    #[must_use]
    pub fn row(&self, situation: Situation) -> &SituationRow {
        &self.rows[situation as usize]
    }

    /// The situation on `side` that was most often gone against, with its
    /// count; `None` when none was. Ties go to the article's order.
    #[must_use]
    pub fn most_against(&self, side: Side) -> Option<&SituationRow> {
        self.rows.iter().filter(|row| row.side == side && row.against > 0).fold(
            None,
            |best: Option<&SituationRow>, row| match best {
                Some(best) if best.against >= row.against => Some(best),
                _ => Some(row),
            },
        )
    }
}

/// The mean score on one contrast.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContrastAverage {
    /// Position in the guidance file's contrast order (and in
    /// [`ContrastScores::as_array`](crate::model::ContrastScores::as_array)).
    pub index: usize,
    /// Mean score, −2 (management pole) … +2 (leadership pole); `None` when
    /// no decision was scored.
    pub mean: Option<f64>,
    /// Decisions scored.
    pub scored: usize,
}

impl ContrastAverage {
    /// The contrast's names and texts from the guidance data.
    #[must_use]
    pub fn contrast(&self) -> Option<&'static Contrast> {
        Guidance::get().contrasts.get(self.index)
    }
}

/// Mean scores on the four contrasts over the decisions that were scored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContrastAverages {
    /// Vision/Execution, People/Process, Inspiration/Control,
    /// Change/Stability, in that order.
    pub contrasts: [ContrastAverage; 4],
}

impl ContrastAverages {
    /// Averages the (clamped) scores of the `decisions` that have them.
    pub fn compute<'a>(decisions: impl IntoIterator<Item = &'a Decision>) -> Self {
        Self::from_scores(decisions.into_iter().filter_map(|decision| decision.contrasts))
    }

    /// Averages `scores`, each clamped to −2…+2.
    pub fn from_scores(all_scores: impl IntoIterator<Item = ContrastScores>) -> Self {
        let mut sums = [0_i64; 4];
        let mut scored = 0_usize;
        for one in all_scores {
            scored += 1;
            for (sum, score) in sums.iter_mut().zip(one.clamped().as_array()) {
                *sum += i64::from(score);
            }
        }
        let contrasts = std::array::from_fn(|index| ContrastAverage {
            index,
            mean: (scored > 0).then(|| sums[index] as f64 / scored as f64),
            scored,
        });
        Self { contrasts }
    }

    /// Decisions scored (the same for all four).
    #[must_use]
    pub fn scored(&self) -> usize {
        self.contrasts[0].scored
    }
}
