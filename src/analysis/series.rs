//! The balance series: one tally per week or month.

use jiff::civil::Date;

use super::{Bucketing, Selection, Tally};

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
    /// Computes the series of `selection` in one pass over its decisions
    /// (plus one to find the first and last date when the range is open):
    /// each decision goes straight to its bucket by arithmetic on its date.
    #[must_use]
    pub fn compute(selection: &Selection<'_>, by: Bucketing) -> Self {
        let range = selection.range();
        let (first, last) = match (range.since, range.until) {
            (Some(since), Some(until)) => (Some(since), Some(until)),
            (since, until) => {
                let extent = selection.iter().fold(None, |extent: Option<(Date, Date)>, (_, decision)| {
                    let day = decision.date;
                    Some(extent.map_or((day, day), |(low, high)| (low.min(day), high.max(day))))
                });
                (since.or(extent.map(|(low, _)| low)), until.or(extent.map(|(_, high)| high)))
            }
        };
        let (Some(first), Some(last)) = (first, last) else {
            return Self { by, buckets: Vec::new(), total: Tally::default() };
        };
        let mut buckets: Vec<BucketStats> = by
            .starts(first, last)
            .map(|start| BucketStats { start, end: by.end(start), tally: Tally::default(), indices: Vec::new() })
            .collect();
        let origin = by.ordinal(by.start(first));
        for (index, decision) in selection.iter() {
            if decision.date < first || decision.date > last {
                continue;
            }
            let slot = usize::try_from(by.ordinal(decision.date) - origin).ok();
            if let Some(bucket) = slot.and_then(|slot| buckets.get_mut(slot)) {
                bucket.tally.add(decision);
                bucket.indices.push(index);
            }
        }
        let mut total = Tally::default();
        for bucket in &buckets {
            total.merge(&bucket.tally);
        }
        Self { by, buckets, total }
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
    /// busy week weighs more than a quiet one. `None` until the first bucket
    /// with a fit; a `window` of 0 is treated as 1.
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
                (fitted > 0).then(|| sum / fitted as f64)
            })
            .collect()
    }
}
