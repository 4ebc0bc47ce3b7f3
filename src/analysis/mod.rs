//! Balance over time: the numbers behind the Balance page, `keel stats` and
//! the coaching brief. Pure functions over the journal; nothing here knows
//! about egui. Callers compute once per change of journal or filter and cache
//! the result (the UI never recomputes per frame).
//!
//! # Measures (DESIGN.md: one definition everywhere)
//!
//! - The weight of a style is [`Style::leadership_weight`]: leadership 1,
//!   blend 0.5, management 0.
//! - **Leadership share**: mean weight of the decisions that have a style;
//!   untagged decisions are counted in `decisions` but left out of the share.
//! - **Guided share**: mean weight of the recommendations
//!   ([`guidance::recommend`]), over the decisions that have one.
//! - **Fit** of one decision: [`guidance::fit`]; **fit rate**: mean fit over
//!   the decisions where it is defined.
//! - A share with nothing to average is `None` (JSON `null`), never 0.
//!
//! # Buckets
//!
//! ISO weeks (Monday–Sunday) or calendar months of the decision's date. A
//! series covers every bucket from the range's `since` (or the first
//! decision) to its `until` (or the last decision), empty buckets included,
//! so "the last 4 weeks" always shows four weeks. When the range starts or
//! ends inside a bucket, that bucket still reports its full start and end
//! (Monday–Sunday, 1st–last day) but counts only the decisions in range:
//! a bar always stands for a whole calendar week or month, and the totals
//! always equal the sum of the bars.
//!
//! # Entry points
//!
//! [`Overview::compute`] gives everything the Balance page draws for a
//! journal and a [`Filter`]; [`Selection`] gives each part on its own;
//! [`tally`] measures any set of decisions (`&[&Decision]` included).

mod buckets;
mod matrix;
mod series;
mod summary;

pub use buckets::{Bucketing, DateRange, RangePreset, bucket_end, bucket_start};
pub use matrix::{ContrastAverage, ContrastAverages, SituationRow, SituationStyleMatrix};
pub use series::{BalanceSeries, BucketStats};
pub use summary::{percent, summary};

use crate::guidance::{self, Side};
use crate::model::{Decision, Filter, Journal, Style};

/// Counts and sums over a set of decisions, from which every share is
/// derived. Tallies add up: a series' total is the sum of its buckets.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    /// Every decision, untagged ones included.
    pub decisions: usize,
    /// Decisions made by leading.
    pub leadership: usize,
    /// Decisions made by managing.
    pub management: usize,
    /// Decisions that blended both.
    pub blend: usize,
    /// Decisions without a style.
    pub untagged: usize,
    /// Decisions whose situations give a recommendation.
    pub recommended: usize,
    /// Decisions whose fit is defined (a style and a recommendation).
    pub fitted: usize,
    /// Sum of the styles' weights.
    weight_sum: f64,
    /// Sum of the recommendations' weights.
    guided_sum: f64,
    /// Sum of the fits.
    fit_sum: f64,
}

impl Tally {
    /// Counts one decision.
    pub fn add(&mut self, decision: &Decision) {
        self.decisions += 1;
        match decision.style {
            Some(Style::Leadership) => self.leadership += 1,
            Some(Style::Management) => self.management += 1,
            Some(Style::Blend) => self.blend += 1,
            None => self.untagged += 1,
        }
        if let Some(style) = decision.style {
            self.weight_sum += style.leadership_weight();
        }
        let recommendation = guidance::recommend(&decision.situations);
        if let Some(recommended) = recommendation {
            self.recommended += 1;
            self.guided_sum += recommended.leadership_weight();
        }
        if let Some(fit) = guidance::fit(decision.style, recommendation) {
            self.fitted += 1;
            self.fit_sum += fit;
        }
    }

    /// Adds another tally to this one.
    pub fn merge(&mut self, other: &Self) {
        self.decisions += other.decisions;
        self.leadership += other.leadership;
        self.management += other.management;
        self.blend += other.blend;
        self.untagged += other.untagged;
        self.recommended += other.recommended;
        self.fitted += other.fitted;
        self.weight_sum += other.weight_sum;
        self.guided_sum += other.guided_sum;
        self.fit_sum += other.fit_sum;
    }

    /// Decisions with a style.
    #[must_use]
    pub fn styled(&self) -> usize {
        self.leadership + self.management + self.blend
    }

    /// Leadership share: mean style weight of the styled decisions; `None`
    /// when none has a style.
    #[must_use]
    pub fn leadership_share(&self) -> Option<f64> {
        mean(self.weight_sum, self.styled())
    }

    /// Guided share: mean weight of the recommendations; `None` when no
    /// decision has one.
    #[must_use]
    pub fn guided_share(&self) -> Option<f64> {
        mean(self.guided_sum, self.recommended)
    }

    /// Fit rate: mean fit where defined; `None` when nowhere.
    #[must_use]
    pub fn fit_rate(&self) -> Option<f64> {
        mean(self.fit_sum, self.fitted)
    }

    /// Sum of the fits, for pooled rates over several buckets.
    #[must_use]
    pub fn fit_sum(&self) -> f64 {
        self.fit_sum
    }
}

fn mean(sum: f64, count: usize) -> Option<f64> {
    (count > 0).then(|| sum / count as f64)
}

/// The tally of any set of decisions (a `&[&Decision]`, a filtered
/// iterator…), with no buckets.
pub fn tally<'a>(decisions: impl IntoIterator<Item = &'a Decision>) -> Tally {
    let mut tally = Tally::default();
    for decision in decisions {
        tally.add(decision);
    }
    tally
}

/// The decisions an analysis looks at: indices into a decision slice
/// (normally `journal.decisions()`, so bucket indices open the Journal on
/// exactly those entries) and the date range that sets a series' extent.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    decisions: &'a [Decision],
    indices: Vec<usize>,
    range: DateRange,
}

impl<'a> Selection<'a> {
    /// The decisions of `journal` that `filter` lets through, in stored
    /// order; the filter's `since`/`until` become the range.
    #[must_use]
    pub fn new(journal: &'a Journal, filter: &Filter) -> Self {
        let decisions = journal.decisions();
        Self {
            decisions,
            indices: filter.matching(decisions).collect(),
            range: DateRange { since: filter.since, until: filter.until },
        }
    }

    /// The decisions at `indices` (out-of-bounds ones ignored) that fall in
    /// `range`.
    #[must_use]
    pub fn from_indices(decisions: &'a [Decision], indices: impl IntoIterator<Item = usize>, range: DateRange) -> Self {
        let indices = indices
            .into_iter()
            .filter(|&index| decisions.get(index).is_some_and(|decision| range.contains(decision.date)))
            .collect();
        Self { decisions, indices, range }
    }

    /// Every decision in `decisions`, over all time.
    #[must_use]
    pub fn all(decisions: &'a [Decision]) -> Self {
        Self { decisions, indices: (0..decisions.len()).collect(), range: DateRange::default() }
    }

    /// The range given (open ends are not filled in).
    #[must_use]
    pub fn range(&self) -> DateRange {
        self.range
    }

    /// The selected indices.
    #[must_use]
    pub fn indices(&self) -> &[usize] {
        &self.indices
    }

    /// How many decisions are selected.
    #[must_use]
    pub fn len(&self) -> usize {
        self.indices.len()
    }

    /// Whether nothing is selected.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// The selected decisions with their indices.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &'a Decision)> + '_ {
        let decisions = self.decisions;
        self.indices.iter().map(move |&index| (index, &decisions[index]))
    }

    /// The tally of every selected decision.
    #[must_use]
    pub fn tally(&self) -> Tally {
        tally(self.iter().map(|(_, decision)| decision))
    }

    /// The balance over time, one bucket per week or month.
    #[must_use]
    pub fn series(&self, by: Bucketing) -> BalanceSeries {
        BalanceSeries::compute(self, by)
    }

    /// Styles per situation, against each situation's side.
    #[must_use]
    pub fn matrix(&self) -> SituationStyleMatrix {
        SituationStyleMatrix::compute(self.iter().map(|(_, decision)| decision))
    }

    /// Mean scores on the four contrasts.
    #[must_use]
    pub fn contrasts(&self) -> ContrastAverages {
        ContrastAverages::compute(self.iter().map(|(_, decision)| decision))
    }
}

/// Everything the Balance page draws, computed together for one journal and
/// filter. Cache it; recompute when the journal or the filter changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// The range the filter gave.
    pub range: DateRange,
    /// By ISO week.
    pub weekly: BalanceSeries,
    /// By calendar month.
    pub monthly: BalanceSeries,
    /// Styles per situation.
    pub matrix: SituationStyleMatrix,
    /// The four contrasts.
    pub contrasts: ContrastAverages,
}

impl Overview {
    /// Computes every part for the decisions of `journal` that `filter`
    /// lets through.
    #[must_use]
    pub fn compute(journal: &Journal, filter: &Filter) -> Self {
        Self::of(&Selection::new(journal, filter))
    }

    /// Computes every part for `selection`.
    #[must_use]
    pub fn of(selection: &Selection<'_>) -> Self {
        Self {
            range: selection.range(),
            weekly: selection.series(Bucketing::Week),
            monthly: selection.series(Bucketing::Month),
            matrix: selection.matrix(),
            contrasts: selection.contrasts(),
        }
    }

    /// The tally of the whole selection (equal for both series).
    #[must_use]
    pub fn total(&self) -> &Tally {
        &self.weekly.total
    }

    /// The series for `by`.
    #[must_use]
    pub fn series(&self, by: Bucketing) -> &BalanceSeries {
        match by {
            Bucketing::Week => &self.weekly,
            Bucketing::Month => &self.monthly,
        }
    }

    /// The plain-language summary, starting with `range_label` (e.g.
    /// [`RangePreset::label`] or [`DateRange::label`]).
    #[must_use]
    pub fn summary(&self, range_label: &str) -> String {
        summary(self.total(), &self.matrix, range_label)
    }
}

/// The side a situation favours, per the guidance data.
fn side_of(situation: crate::model::Situation) -> Side {
    guidance::Guidance::get().situation(situation).side
}

#[cfg(test)]
mod tests;
