//! What the reviews say: how well stated confidence matched how things
//! turned out (calibration), and process quality against result (the 2×2 of
//! good or poor decisions with good or bad outcomes), overall and broken down
//! by style and by situation.

use crate::guidance::Guidance;
use crate::model::review::GOOD_PROCESS_FROM;
use crate::model::words::count as plural;
use crate::model::{Decision, Situation, Style};

/// The confidence bands, inclusive, in percent.
pub const BANDS: [(u8, u8); 4] = [(0, 49), (50, 69), (70, 89), (90, 100)];

/// Points between stated confidence and the share met beyond which a group
/// counts as over- or under-confident.
pub const CALIBRATION_TOLERANCE_POINTS: f64 = 10.0;

/// Reviewed decisions that stated a confidence, in one band.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandRow {
    /// The band's bounds in percent, inclusive.
    pub band: (u8, u8),
    /// Reviewed decisions whose confidence falls in the band.
    pub decisions: usize,
    /// Their mean stated confidence, 0–1.
    pub mean_confidence: Option<f64>,
    /// How many met the expectation (as expected or better).
    pub met: usize,
    /// `met / decisions`, 0–1.
    pub met_rate: Option<f64>,
}

impl BandRow {
    /// Over-confident, under-confident or well calibrated, only from
    /// [`MIN_REVIEWS_FOR_A_CLAIM`] reviews in the band; fewer: "too few
    /// reviews to tell"; none: `None`.
    #[must_use]
    pub fn verdict(&self) -> Option<&'static str> {
        let (stated, met) = self.mean_confidence.zip(self.met_rate)?;
        Some(if self.decisions < MIN_REVIEWS_FOR_A_CLAIM { TOO_FEW } else { verdict(stated, met) })
    }
}

/// Process quality against result, counting reviewed decisions that rated
/// their process. A process of [`GOOD_PROCESS_FROM`] or more (4–5) counts
/// as sound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutcomeMatrix {
    /// Sound decision, good outcome.
    pub good_decision_good_outcome: usize,
    /// Sound decision, bad outcome: bad luck.
    pub good_decision_bad_outcome: usize,
    /// Poor decision, good outcome: luck.
    pub poor_decision_good_outcome: usize,
    /// Poor decision, bad outcome.
    pub poor_decision_bad_outcome: usize,
}

impl OutcomeMatrix {
    /// All four cells added up.
    #[must_use]
    pub fn total(&self) -> usize {
        self.good_decision_good_outcome
            + self.good_decision_bad_outcome
            + self.poor_decision_good_outcome
            + self.poor_decision_bad_outcome
    }

    fn add(&mut self, decision: &Decision) {
        let Some(review) = &decision.review else { return };
        let Some(process) = review.process else { return };
        let good_outcome = review.result.met_expectation();
        let cell = match (process >= GOOD_PROCESS_FROM, good_outcome) {
            (true, true) => &mut self.good_decision_good_outcome,
            (true, false) => &mut self.good_decision_bad_outcome,
            (false, true) => &mut self.poor_decision_good_outcome,
            (false, false) => &mut self.poor_decision_bad_outcome,
        };
        *cell += 1;
    }
}

/// The reviews of one group of decisions (all, a style, a situation).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// What the group is, e.g. "Management" or "A crisis is unfolding".
    pub label: String,
    /// Reviewed decisions in the group.
    pub reviewed: usize,
    /// Of those, how many met the expectation.
    pub met: usize,
    /// Reviewed decisions that stated a confidence.
    pub with_confidence: usize,
    /// Their mean stated confidence, 0–1.
    pub mean_confidence: Option<f64>,
    /// Of those with a confidence, the share that met the expectation, 0–1.
    pub met_rate_with_confidence: Option<f64>,
    /// Process against result.
    pub matrix: OutcomeMatrix,
}

impl GroupRow {
    fn new(label: String, decisions: &[&Decision]) -> Self {
        let reviewed: Vec<&&Decision> = decisions.iter().filter(|d| d.review.is_some()).collect();
        let met = reviewed.iter().filter(|d| d.review.as_ref().is_some_and(|r| r.result.met_expectation())).count();
        let confident: Vec<&&&Decision> = reviewed.iter().filter(|d| d.confidence.is_some()).collect();
        let confidence_sum: f64 = confident.iter().filter_map(|d| d.confidence).map(f64::from).sum();
        let confident_met =
            confident.iter().filter(|d| d.review.as_ref().is_some_and(|r| r.result.met_expectation())).count();
        let mut matrix = OutcomeMatrix::default();
        for decision in &reviewed {
            matrix.add(decision);
        }
        Self {
            label,
            reviewed: reviewed.len(),
            met,
            with_confidence: confident.len(),
            mean_confidence: ratio(confidence_sum / 100.0, confident.len()),
            met_rate_with_confidence: ratio(confident_met as f64, confident.len()),
            matrix,
        }
    }

    /// Stated confidence minus the share met, in percentage points; positive
    /// means over-confident.
    #[must_use]
    pub fn confidence_gap_points(&self) -> Option<f64> {
        Some((self.mean_confidence? - self.met_rate_with_confidence?) * 100.0)
    }
}

fn ratio(numerator: f64, count: usize) -> Option<f64> {
    (count > 0).then(|| numerator / count as f64)
}

/// Everything the Review page's "What the results say" shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewInsights {
    /// Calibration per confidence band.
    pub bands: Vec<BandRow>,
    /// All reviewed decisions together.
    pub overall: GroupRow,
    /// Per style (leadership, blend, management).
    pub by_style: Vec<GroupRow>,
    /// Per situation, the nine in the guidance's order.
    pub by_situation: Vec<GroupRow>,
    /// Plain-language sentences summing it up.
    pub summary: Vec<String>,
}

/// Computes the insights over `decisions` (typically the whole journal).
#[must_use]
pub fn insights(decisions: &[&Decision]) -> ReviewInsights {
    let bands = BANDS
        .iter()
        .map(|&(low, high)| {
            let in_band: Vec<&&Decision> = decisions
                .iter()
                .filter(|d| d.review.is_some() && d.confidence.is_some_and(|c| (low..=high).contains(&c)))
                .collect();
            let met = in_band.iter().filter(|d| d.review.as_ref().is_some_and(|r| r.result.met_expectation())).count();
            let sum: f64 = in_band.iter().filter_map(|d| d.confidence).map(f64::from).sum();
            BandRow {
                band: (low, high),
                decisions: in_band.len(),
                mean_confidence: ratio(sum / 100.0, in_band.len()),
                met,
                met_rate: ratio(met as f64, in_band.len()),
            }
        })
        .collect();
    let overall = GroupRow::new("All reviewed decisions".to_owned(), decisions);
    let by_style = Style::ALL
        .iter()
        .map(|style| {
            let group: Vec<&Decision> = decisions.iter().copied().filter(|d| d.style == Some(*style)).collect();
            GroupRow::new(style.label().to_owned(), &group)
        })
        .collect();
    let guidance = Guidance::get();
    let by_situation = guidance
        .situations
        .iter()
        .map(|guide| {
            let group: Vec<&Decision> =
                decisions.iter().copied().filter(|d| d.situations.contains(&guide.id)).collect();
            GroupRow::new(guide.label.clone(), &group)
        })
        .collect();
    let mut result = ReviewInsights { bands, overall, by_style, by_situation, summary: Vec::new() };
    result.summary = summarise(&result, decisions);
    result
}

/// Fewest reviews in a group (or a confidence band) before a verdict is
/// given about it: the same five as the outcome evidence asks of each side.
pub const MIN_REVIEWS_FOR_A_CLAIM: usize = super::outcomes::MIN_REVIEWS_PER_SIDE;

/// What is said instead of a verdict on fewer reviews.
const TOO_FEW: &str = "too few reviews to tell";

fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

fn summarise(insights: &ReviewInsights, decisions: &[&Decision]) -> Vec<String> {
    let overall = &insights.overall;
    if overall.reviewed == 0 {
        return vec![
            "No reviews yet. Give decisions a review date and an expected outcome, then come back to them: \
             what actually happened is where the learning is."
                .to_owned(),
        ];
    }
    let mut sentences = vec![format!(
        "{} reviewed: {} came out as expected or better.",
        plural(overall.reviewed, "decision", "decisions"),
        overall.met
    )];
    if let (Some(stated), Some(met)) = (overall.mean_confidence, overall.met_rate_with_confidence) {
        let verdict = if overall.with_confidence < MIN_REVIEWS_FOR_A_CLAIM {
            format!("{TOO_FEW} yet ({} of {MIN_REVIEWS_FOR_A_CLAIM} needed)", overall.with_confidence)
        } else {
            verdict(stated, met).to_owned()
        };
        sentences.push(format!(
            "Where you stated a confidence you averaged {}, and {} met the expectation \u{2014} {verdict}.",
            percent(stated),
            percent(met)
        ));
    }
    let matrix = overall.matrix;
    if matrix.total() > 0 {
        sentences.push(format!(
            "Of {} rated for process: {} sound and rewarded, {} sound but unlucky, {} lucky, {} poor and punished.",
            matrix.total(),
            matrix.good_decision_good_outcome,
            matrix.good_decision_bad_outcome,
            matrix.poor_decision_good_outcome,
            matrix.poor_decision_bad_outcome
        ));
    }
    if let Some(sentence) = style_situation_claim(decisions) {
        sentences.push(sentence);
    }
    sentences
}

fn verdict(stated: f64, met: f64) -> &'static str {
    let gap = (stated - met) * 100.0;
    if gap > CALIBRATION_TOLERANCE_POINTS {
        "over-confident"
    } else if gap < -CALIBRATION_TOLERANCE_POINTS {
        "under-confident"
    } else {
        "well calibrated"
    }
}

/// The style-in-situation pair with the largest calibration gap, e.g. "Your
/// leadership calls when things need a fresh approach look over-confident".
fn style_situation_claim(decisions: &[&Decision]) -> Option<String> {
    let guidance = Guidance::get();
    let mut best: Option<(f64, String)> = None;
    for style in Style::ALL {
        for situation in Situation::ALL {
            let group: Vec<&Decision> = decisions
                .iter()
                .copied()
                .filter(|d| d.style == Some(style) && d.situations.contains(&situation))
                .collect();
            let row = GroupRow::new(String::new(), &group);
            if row.with_confidence < MIN_REVIEWS_FOR_A_CLAIM {
                continue;
            }
            let (Some(gap), Some(stated), Some(met)) =
                (row.confidence_gap_points(), row.mean_confidence, row.met_rate_with_confidence)
            else {
                continue;
            };
            let label = guidance.situation(situation).label.to_lowercase();
            let sentence = if gap.abs() <= CALIBRATION_TOLERANCE_POINTS {
                format!(
                    "Your {} calls when {label} come out as you expect ({} met at {} stated confidence).",
                    style.id(),
                    percent(met),
                    percent(stated)
                )
            } else {
                format!(
                    "Your {} calls when {label} look {}: {} stated, {} met.",
                    style.id(),
                    verdict(stated, met),
                    percent(stated),
                    percent(met)
                )
            };
            if best.as_ref().is_none_or(|(best_gap, _)| gap.abs() > *best_gap) {
                best = Some((gap.abs(), sentence));
            }
        }
    }
    best.map(|(_, sentence)| sentence)
}

#[cfg(test)]
mod tests;
