//! Balance over time: the numbers behind the Balance page, `keel stats` and
//! the coaching brief. Pure functions over the journal, free of any UI code.
//! Callers compute once per change of journal or filter and cache the result
//! (the UI never recomputes per frame).
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
pub mod calibration;
pub mod filter;
pub mod goals;
pub mod lessons;
mod matrix;
pub mod outcomes;
pub mod reminder;
pub mod search;
mod series;
mod summary;
pub mod week;

pub use buckets::{Bucketing, DateRange, RangePreset, bucket_end, bucket_start};
pub use filter::Filter;
pub use matrix::{ContrastAverage, ContrastAverages, SituationRow, SituationStyleMatrix};
pub use search::SearchIndex;
pub use series::{BalanceSeries, BucketStats};
pub use summary::{percent, percent_or, summary, trend};

use std::sync::OnceLock;

use jiff::civil::Date;

use crate::guidance::{self, Side};
use crate::model::{ContrastScores, Decision, Journal, Situation, Style};

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
    /// Sum of the styles' weights over the decisions whose fit is defined
    /// (a style and a recommendation): what the comparison with the
    /// guidance uses, so both sides count the same decisions.
    compared_weight_sum: f64,
    /// Sum of the recommendations' weights over those same decisions.
    compared_guided_sum: f64,
}

impl Tally {
    /// Counts one decision.
    pub fn add(&mut self, decision: &Decision) {
        self.add_styles(decision.style, recommendation_of(&decision.situations));
    }

    /// Counts one decision by its style and the guidance's recommendation.
    fn add_styles(&mut self, style: Option<Style>, recommendation: Option<Style>) {
        self.add_styles_times(style, recommendation, 1);
    }

    /// Counts `times` decisions made with `style` where the guidance
    /// recommended `recommendation`. Weights and fits are multiples of 0.5,
    /// so multiplying them by a count is exact.
    fn add_styles_times(&mut self, style: Option<Style>, recommendation: Option<Style>, times: usize) {
        let weight = times as f64;
        self.decisions += times;
        match style {
            Some(Style::Leadership) => self.leadership += times,
            Some(Style::Management) => self.management += times,
            Some(Style::Blend) => self.blend += times,
            None => self.untagged += times,
        }
        if let Some(style) = style {
            self.weight_sum += style.leadership_weight() * weight;
        }
        if let Some(recommended) = recommendation {
            self.recommended += times;
            self.guided_sum += recommended.leadership_weight() * weight;
        }
        if let Some(fit) = guidance::fit(style, recommendation) {
            self.fitted += times;
            self.fit_sum += fit * weight;
            if let (Some(style), Some(recommended)) = (style, recommendation) {
                self.compared_weight_sum += style.leadership_weight() * weight;
                self.compared_guided_sum += recommended.leadership_weight() * weight;
            }
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
        self.compared_weight_sum += other.compared_weight_sum;
        self.compared_guided_sum += other.compared_guided_sum;
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

    /// Leadership share of the decisions that have both a style and a
    /// recommendation ([`Tally::fitted`] of them): the side of the
    /// comparison with the guidance that counts the same decisions as
    /// [`Tally::compared_guided_share`]. `None` when there are none.
    #[must_use]
    pub fn compared_leadership_share(&self) -> Option<f64> {
        mean(self.compared_weight_sum, self.fitted)
    }

    /// Guided share of the decisions that have both a style and a
    /// recommendation. `None` when there are none.
    #[must_use]
    pub fn compared_guided_share(&self) -> Option<f64> {
        mean(self.compared_guided_sum, self.fitted)
    }

    /// Decisions with a style but no situation noted (so no
    /// recommendation): left out of the comparison with the guidance.
    #[must_use]
    pub fn styled_without_guidance(&self) -> usize {
        self.styled() - self.fitted
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

/// What analysis reads of one decision, packed into 32 bytes. A selection
/// reads each decision once to make these; the series, the matrix and the
/// contrasts then run over this compact copy, which stays in cache where a
/// journal of 100,000 full decisions would not.
#[derive(Debug, Clone, Copy)]
struct Fact {
    /// Position in the decision slice.
    index: usize,
    /// The decision's day.
    date: Date,
    /// [`Bucketing::Week`]'s ordinal of the day.
    week: i32,
    /// [`Bucketing::Month`]'s ordinal of the day.
    month: i32,
    /// The style and the guidance's recommendation.
    pair: StylePair,
    /// One bit per situation, by position in [`Situation::ALL`].
    situations: SituationSet,
    contrasts: Option<ContrastScores>,
}

impl Fact {
    fn of(index: usize, decision: &Decision) -> Self {
        Self {
            index,
            date: decision.date,
            week: Bucketing::Week.ordinal(decision.date),
            month: Bucketing::Month.ordinal(decision.date),
            pair: StylePair::new(decision.style, recommendation_of(&decision.situations)),
            situations: SituationSet::of(decision.situations.iter().copied()),
            contrasts: decision.contrasts,
        }
    }

    fn ordinal(&self, by: Bucketing) -> i32 {
        match by {
            Bucketing::Week => self.week,
            Bucketing::Month => self.month,
        }
    }
}

/// A decision's style and the guidance's recommendation for it, as one
/// number below 16. Hot loops count these in a [`PairCounts`]; the measures
/// are then derived once per pair rather than once per decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StylePair(u8);

impl StylePair {
    /// Decoding table: a style's code is its position here.
    const STYLES: [Option<Style>; 4] = [None, Some(Style::Leadership), Some(Style::Management), Some(Style::Blend)];

    fn code(style: Option<Style>) -> u8 {
        match style {
            None => 0,
            Some(Style::Leadership) => 1,
            Some(Style::Management) => 2,
            Some(Style::Blend) => 3,
        }
    }

    fn new(style: Option<Style>, recommendation: Option<Style>) -> Self {
        Self(Self::code(style) * 4 + Self::code(recommendation))
    }

    fn style(self) -> Option<Style> {
        Self::STYLES[usize::from(self.0 >> 2)]
    }

    fn recommendation(self) -> Option<Style> {
        Self::STYLES[usize::from(self.0 & 3)]
    }
}

/// How many decisions have each [`StylePair`].
#[derive(Debug, Clone, Copy, Default)]
struct PairCounts([u32; 16]);

impl PairCounts {
    fn add(&mut self, pair: StylePair) {
        self.0[usize::from(pair.0)] += 1;
    }

    fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for (code, &times) in (0_u8..).zip(&self.0) {
            if times > 0 {
                let pair = StylePair(code);
                tally.add_styles_times(pair.style(), pair.recommendation(), times as usize);
            }
        }
        tally
    }
}

/// A set of situations as bits: bit `i` is `Situation::ALL[i]` (the enum's
/// own order, checked by a test).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct SituationSet(u16);

impl SituationSet {
    /// Every possible set: 2⁹.
    const COUNT: u16 = 1 << Situation::ALL.len();

    fn of(situations: impl IntoIterator<Item = Situation>) -> Self {
        Self(situations.into_iter().fold(0, |bits, situation| bits | 1 << situation as u16))
    }

    fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The situations in the set, in [`Situation::ALL`] order.
    fn iter(self) -> impl Iterator<Item = Situation> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            let bit = bits.trailing_zeros() as usize;
            bits &= bits.wrapping_sub(1);
            Situation::ALL.get(bit).copied()
        })
    }
}

/// [`guidance::recommend`] for `situations`, looked up in a table that
/// `guidance::recommend` itself filled once for each of the 512 sets (the
/// rule stays defined in one place; the table only saves repeating it per
/// decision). A list with a repeated situation, which only a hand-edited file
/// can hold, goes to `recommend` directly.
fn recommendation_of(situations: &[Situation]) -> Option<Style> {
    static TABLE: OnceLock<Vec<Option<Style>>> = OnceLock::new();
    let set = SituationSet::of(situations.iter().copied());
    if set.len() != situations.len() {
        return guidance::recommend(situations);
    }
    let table = TABLE.get_or_init(|| {
        (0..SituationSet::COUNT)
            .map(|bits| guidance::recommend(&SituationSet(bits).iter().collect::<Vec<_>>()))
            .collect()
    });
    table.get(usize::from(set.0)).copied().flatten()
}

/// The decisions an analysis looks at, and the date range that sets a
/// series' extent. Bucket indices refer to the decision slice it was made
/// from (normally `journal.decisions()`), so a chart can open the Journal on
/// exactly those entries. It owns its data: cache it freely.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    facts: Vec<Fact>,
    range: DateRange,
    /// First and last day of the facts.
    extent: Option<(Date, Date)>,
}

impl Selection {
    /// The decisions of `journal` that `filter` lets through, in stored
    /// order; the filter's `since`/`until` become the range.
    #[must_use]
    pub fn new(journal: &Journal, filter: &Filter) -> Self {
        let decisions = journal.decisions();
        let facts = filter.matching(decisions).map(|index| Fact::of(index, &decisions[index])).collect();
        Self::from_facts(facts, DateRange { since: filter.since, until: filter.until })
    }

    /// The decisions at `indices` (out-of-bounds ones ignored) that fall in
    /// `range`.
    #[must_use]
    pub fn from_indices(decisions: &[Decision], indices: impl IntoIterator<Item = usize>, range: DateRange) -> Self {
        let facts = indices
            .into_iter()
            .filter_map(|index| decisions.get(index).map(|decision| (index, decision)))
            .filter(|(_, decision)| range.contains(decision.date))
            .map(|(index, decision)| Fact::of(index, decision))
            .collect();
        Self::from_facts(facts, range)
    }

    /// Every decision in `decisions`, over all time.
    #[must_use]
    pub fn all(decisions: &[Decision]) -> Self {
        Self::from_facts(
            decisions.iter().enumerate().map(|(index, d)| Fact::of(index, d)).collect(),
            DateRange::default(),
        )
    }

    fn from_facts(facts: Vec<Fact>, range: DateRange) -> Self {
        let extent = facts.iter().fold(None, |extent: Option<(Date, Date)>, fact| {
            Some(extent.map_or((fact.date, fact.date), |(low, high)| (low.min(fact.date), high.max(fact.date))))
        });
        Self { facts, range, extent }
    }

    /// The range given (open ends are not filled in).
    #[must_use]
    pub fn range(&self) -> DateRange {
        self.range
    }

    /// The selected indices, in selection order.
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.facts.iter().map(|fact| fact.index)
    }

    /// How many decisions are selected.
    #[must_use]
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Whether nothing is selected.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// The first and last day of the selected decisions.
    #[must_use]
    pub fn extent(&self) -> Option<(Date, Date)> {
        self.extent
    }

    /// The tally of every selected decision.
    #[must_use]
    pub fn tally(&self) -> Tally {
        let mut counts = PairCounts::default();
        for fact in &self.facts {
            counts.add(fact.pair);
        }
        counts.tally()
    }

    /// The balance over time, one bucket per week or month.
    #[must_use]
    pub fn series(&self, by: Bucketing) -> BalanceSeries {
        BalanceSeries::compute(self, by)
    }

    /// Styles per situation, against each situation's side.
    #[must_use]
    pub fn matrix(&self) -> SituationStyleMatrix {
        // Count (style, situation set) combinations, then weigh each once.
        let mut combinations = vec![0_u32; StylePair::STYLES.len() * usize::from(SituationSet::COUNT)];
        for fact in &self.facts {
            let style = usize::from(fact.pair.0 >> 2);
            combinations[style * usize::from(SituationSet::COUNT) + usize::from(fact.situations.0)] += 1;
        }
        let mut matrix = SituationStyleMatrix::default();
        for (slot, &times) in combinations.iter().enumerate() {
            if times > 0 {
                let style = StylePair::STYLES[slot / usize::from(SituationSet::COUNT)];
                let set = SituationSet(u16::try_from(slot % usize::from(SituationSet::COUNT)).unwrap_or(0));
                matrix.add_set_times(style, set, times as usize);
            }
        }
        matrix
    }

    /// Mean scores on the four contrasts.
    #[must_use]
    pub fn contrasts(&self) -> ContrastAverages {
        ContrastAverages::from_scores(self.facts.iter().filter_map(|fact| fact.contrasts))
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
        profiling::scope!("Overview::compute");
        Self::of(&Selection::new(journal, filter))
    }

    /// Computes every part for `selection`. The series start at the first
    /// decision in range ([`BalanceSeries::from_first_decision`]).
    #[must_use]
    pub fn of(selection: &Selection) -> Self {
        Self {
            range: selection.range(),
            weekly: BalanceSeries::from_first_decision(selection, Bucketing::Week),
            monthly: BalanceSeries::from_first_decision(selection, Bucketing::Month),
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
fn side_of(situation: Situation) -> Side {
    guidance::Guidance::get().situation(situation).side
}

#[cfg(test)]
mod tests;
