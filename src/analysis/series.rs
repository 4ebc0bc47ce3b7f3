//! The balance series: one tally per week or month.

use jiff::civil::Date;

use super::{Bucketing, Fact, PairCounts, Selection, Tally};

/// One week or month of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct BucketStats {
    /// First day of the bucket (a Monday, or the 1st), even when the range
    /// starts later in it.
    pub start: Date,
    /// Last day of the bucket (a Sunday, or the month's last day), even when
    /// the range ends earlier in it.
    pub end: Date,
    /// Counts and shares of the decisions in the bucket and in range.
    pub tally: Tally,
    /// Indices (into the selection's decision slice, normally
    /// `journal.decisions()`) of those decisions, in selection order.
    pub indices: Vec<usize>,
}

impl BucketStats {
    /// Whether the bucket holds no decision.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tally.decisions == 0
    }

    /// See [`Tally::leadership_share`].
    #[must_use]
    pub fn leadership_share(&self) -> Option<f64> {
        self.tally.leadership_share()
    }

    /// See [`Tally::guided_share`].
    #[must_use]
    pub fn guided_share(&self) -> Option<f64> {
        self.tally.guided_share()
    }

    /// See [`Tally::fit_rate`].
    #[must_use]
    pub fn fit_rate(&self) -> Option<f64> {
        self.tally.fit_rate()
    }
}

/// Balance over time: every bucket from the range's start (or the first
/// decision) to its end (or the last decision), empty ones included.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceSeries {
    /// Weeks or months.
    pub by: Bucketing,
    /// In time order, consecutive.
    pub buckets: Vec<BucketStats>,
    /// The whole selection: the sum of the buckets.
    pub total: Tally,
}

impl BalanceSeries {
    /// Computes the series of `selection` in two quick passes over its
    /// packed decisions (counts, then indices); each decision goes straight
    /// to its bucket by its precomputed ordinal.
    #[must_use]
    pub fn compute(selection: &Selection, by: Bucketing) -> Self {
        let range = selection.range();
        let (first, last) = match (range.since, range.until) {
            (Some(since), Some(until)) => (since, until),
            (since, until) => match (since, until, selection.extent()) {
                (since, until, Some((low, high))) => (since.unwrap_or(low), until.unwrap_or(high)),
                (_, _, None) => return Self::empty(by),
            },
        };
        Self::over(selection, by, first, last)
    }

    /// As [`BalanceSeries::compute`], but starting at the first decision in
    /// range rather than at the range's start: a chart of "the last 3
    /// months" on a journal begun last week shows that week, not twelve
    /// empty ones before it. Empty when no decision is in range.
    #[must_use]
    pub fn from_first_decision(selection: &Selection, by: Bucketing) -> Self {
        let Some((low, high)) = selection.extent() else { return Self::empty(by) };
        let range = selection.range();
        let first = range.since.map_or(low, |since| since.max(low));
        let last = range.until.unwrap_or(high);
        Self::over(selection, by, first, last)
    }

    fn over(selection: &Selection, by: Bucketing, first: Date, last: Date) -> Self {
        if first > last {
            return Self::empty(by);
        }
        let origin = by.ordinal(first);
        let slot_of = |fact: &Fact| usize::try_from(fact.ordinal(by) - origin).ok();
        let ordinals = origin..=by.ordinal(last);
        // First pass: count (style, recommendation) pairs per bucket. Every
        // selected decision lies in the range (the selection applied it), so
        // each has a slot.
        let mut counts = vec![PairCounts::default(); ordinals.clone().count()];
        for fact in &selection.facts {
            if let Some(bucket) = slot_of(fact).and_then(|slot| counts.get_mut(slot)) {
                bucket.add(fact.pair);
            }
        }
        let mut buckets: Vec<BucketStats> = ordinals
            .zip(&counts)
            .map(|(ordinal, counts)| {
                let start = by.start_of_ordinal(ordinal);
                let tally = counts.tally();
                BucketStats { start, end: by.end_of_start(start), tally, indices: Vec::with_capacity(tally.decisions) }
            })
            .collect();
        // Second pass: the indices, into vectors of the right size.
        for fact in &selection.facts {
            if let Some(bucket) = slot_of(fact).and_then(|slot| buckets.get_mut(slot)) {
                bucket.indices.push(fact.index);
            }
        }
        let mut total = Tally::default();
        for bucket in &buckets {
            total.merge(&bucket.tally);
        }
        Self { by, buckets, total }
    }

    fn empty(by: Bucketing) -> Self {
        Self { by, buckets: Vec::new(), total: Tally::default() }
    }

    /// The position of the bucket holding `date`, if the series covers it.
    #[must_use]
    pub fn bucket_of(&self, date: Date) -> Option<usize> {
        let first = self.buckets.first()?;
        let slot = usize::try_from(self.by.ordinal(date) - self.by.ordinal(first.start)).ok()?;
        (slot < self.buckets.len()).then_some(slot)
    }

    /// Fit over time, smoothed: for each bucket, the fit rate pooled over
    /// the last `window` buckets up to and including it that have at least
    /// one decision with a defined fit (buckets without one are skipped, not
    /// counted as zero). Pooled means the mean fit of those decisions, so a
    /// busy week weighs more than a quiet one. `None` for a bucket with no
    /// decision with a fit, so the line never runs through a week with
    /// nothing in it; a `window` of 0 is treated as 1.
    #[must_use]
    pub fn rolling_fit_rate(&self, window: usize) -> Vec<Option<f64>> {
        let window = window.max(1);
        let mut recent: std::collections::VecDeque<(usize, f64)> = std::collections::VecDeque::with_capacity(window);
        let (mut fitted, mut sum) = (0_usize, 0.0_f64);
        self.buckets
            .iter()
            .map(|bucket| {
                if bucket.tally.fitted > 0 {
                    if recent.len() == window
                        && let Some((old_fitted, old_sum)) = recent.pop_front()
                    {
                        fitted -= old_fitted;
                        sum -= old_sum;
                    }
                    recent.push_back((bucket.tally.fitted, bucket.tally.fit_sum()));
                    fitted += bucket.tally.fitted;
                    sum += bucket.tally.fit_sum();
                }
                (bucket.tally.fitted > 0 && fitted > 0).then(|| sum / fitted as f64)
            })
            .collect()
    }
}
