//! Which edit of a record a copy holds, so merges never trust clocks.
//!
//! Every decision (and every deletion) carries a [`Version`]:
//!
//! - **what it descends from**, as a version vector: for each computer
//!   (device), how many edits made there this version has seen. One version
//!   descends from another exactly when it has seen at least as many edits of
//!   every device. That decides whether two copies differ because one side
//!   edited (take the edit, whatever the clocks say) or because both did
//!   (a real conflict);
//! - **when its last edit was made**, on a hybrid logical clock ([`Hlc`]):
//!   wall-clock time that never runs behind a time already seen, plus a tick
//!   counter. It orders true conflicts only, so a computer whose clock runs
//!   slow loses nothing it edited alone.
//!
//! Decisions from files written before versions existed get a version from
//! their `updated` time ([`Version::legacy`]), so old copies compare exactly
//! as they did before.

use std::cmp::Ordering;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// The device name under which versions from before version vectors count
/// their edits: the edit count is the `updated` time in milliseconds.
pub const LEGACY_DEVICE: &str = "legacy";

/// How far after this computer's "now" a time may be and still be taken as
/// real: enough for a clock a few hours off, or another zone's local time,
/// not for a time years ahead (a hand-edited 2099). One limit for both uses:
/// a decision's `created`/`updated` beyond it is refused on the way in
/// ([`super::decision::Decision::check_entry`]), and an edit time beyond it
/// does not move the hybrid clock ([`Hlc::observe`]).
pub const MAX_CLOCK_AHEAD_HOURS: i64 = 24;

/// The latest time that is still plausible at wall-clock `now`.
#[must_use]
pub fn latest_plausible(now: Timestamp) -> Timestamp {
    now.saturating_add(SignedDuration::from_hours(MAX_CLOCK_AHEAD_HOURS)).unwrap_or(Timestamp::MAX)
}

/// How many edits one device made that a version has seen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DeviceEdits {
    /// The device (a computer's random id, or [`LEGACY_DEVICE`]).
    pub device: String,
    /// Edits made there.
    pub edits: u64,
}

/// Which edit of a record this is: what it descends from and when it was
/// made. The default is "unset": a record not yet stamped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Version {
    /// Edits seen, per device, sorted by device.
    pub seen: Vec<DeviceEdits>,
    /// When the last edit was made (hybrid logical clock: never behind a
    /// time the editing computer had seen).
    pub at: Timestamp,
    /// Orders edits within one millisecond of `at`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub tick: u32,
    /// The device that made the last edit; breaks exact ties.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

#[expect(clippy::trivially_copy_pass_by_ref, reason = "serde's skip_serializing_if passes a reference")]
fn is_zero(tick: &u32) -> bool {
    *tick == 0
}

/// How two versions are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ancestry {
    /// The same edits.
    Same,
    /// The first descends from the second: it has seen every edit the second
    /// has, and more.
    Descends,
    /// The second descends from the first.
    Precedes,
    /// Each has seen an edit the other has not: both were edited apart.
    Concurrent,
}

impl Version {
    /// Whether the record was never stamped (a decision made in memory, or
    /// read from a file without versions before [`Version::legacy`]).
    #[must_use]
    pub fn is_unset(&self) -> bool {
        self.seen.is_empty()
    }

    /// The version of a record last changed at `updated` in a file from
    /// before versions: one "legacy" edit numbered by that time, so two such
    /// versions compare by time as they always did, and any later edit
    /// descends from it.
    #[must_use]
    pub fn legacy(updated: Timestamp) -> Self {
        let edits = u64::try_from(updated.as_millisecond()).unwrap_or(0);
        Self {
            seen: vec![DeviceEdits { device: LEGACY_DEVICE.to_owned(), edits }],
            at: updated,
            tick: 0,
            by: String::new(),
        }
    }

    /// Whether this version comes from a file written before versions (it
    /// has seen no edit but its "legacy" one).
    #[must_use]
    pub fn is_legacy(&self) -> bool {
        self.seen.iter().all(|entry| entry.device == LEGACY_DEVICE)
    }

    /// Edits of `device` this version has seen.
    #[must_use]
    pub fn edits_of(&self, device: &str) -> u64 {
        self.seen.iter().find(|entry| entry.device == device).map_or(0, |entry| entry.edits)
    }

    /// How `self` and `other` are related, by the edits each has seen.
    #[must_use]
    pub fn ancestry(&self, other: &Self) -> Ancestry {
        let (mut ahead, mut behind) = (false, false);
        // Both lists are sorted by device: walk them together.
        let (mut mine, mut theirs) = (self.seen.iter().peekable(), other.seen.iter().peekable());
        loop {
            match (mine.peek(), theirs.peek()) {
                (None, None) => break,
                (Some(a), None) => {
                    ahead |= a.edits > 0;
                    mine.next();
                }
                (None, Some(b)) => {
                    behind |= b.edits > 0;
                    theirs.next();
                }
                (Some(a), Some(b)) => match a.device.cmp(&b.device) {
                    Ordering::Less => {
                        ahead |= a.edits > 0;
                        mine.next();
                    }
                    Ordering::Greater => {
                        behind |= b.edits > 0;
                        theirs.next();
                    }
                    Ordering::Equal => {
                        ahead |= a.edits > b.edits;
                        behind |= a.edits < b.edits;
                        mine.next();
                        theirs.next();
                    }
                },
            }
        }
        match (ahead, behind) {
            (false, false) => Ancestry::Same,
            (true, false) => Ancestry::Descends,
            (false, true) => Ancestry::Precedes,
            (true, true) => Ancestry::Concurrent,
        }
    }

    /// Every edit either version has seen (the per-device maximum), keeping
    /// `self`'s time and device: what a merge of the two descends from.
    #[must_use]
    pub fn joined(&self, other: &Self) -> Self {
        let mut seen = self.seen.clone();
        for entry in &other.seen {
            match seen.binary_search_by(|probe| probe.device.cmp(&entry.device)) {
                Ok(at) => seen[at].edits = seen[at].edits.max(entry.edits),
                Err(at) => seen.insert(at, entry.clone()),
            }
        }
        Self { seen, ..self.clone() }
    }

    /// The next edit of this record, made on `device` at hybrid time
    /// `stamp`: descends from `self` and counts one more edit there.
    #[must_use]
    pub fn next_edit(&self, device: &str, stamp: HlcTime) -> Self {
        let mut seen = self.seen.clone();
        match seen.binary_search_by(|probe| probe.device.as_str().cmp(device)) {
            Ok(at) => seen[at].edits += 1,
            Err(at) => seen.insert(at, DeviceEdits { device: device.to_owned(), edits: 1 }),
        }
        Self { seen, at: stamp.at, tick: stamp.tick, by: device.to_owned() }
    }

    /// The order of two concurrent edits: the later hybrid time, then the
    /// device id, so every computer picks the same one.
    #[must_use]
    pub fn order(&self, other: &Self) -> Ordering {
        (self.at, self.tick, &self.by).cmp(&(other.at, other.tick, &other.by))
    }

    /// This version's hybrid time.
    #[must_use]
    pub fn stamp(&self) -> HlcTime {
        HlcTime { at: self.at, tick: self.tick }
    }
}

/// A reading of a hybrid logical clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HlcTime {
    /// Wall-clock part, in milliseconds.
    pub at: Timestamp,
    /// Logical part: edits within the same millisecond.
    pub tick: u32,
}

/// A hybrid logical clock: hands out times that follow the wall clock but
/// never go back, neither behind its own earlier times nor behind any time
/// it was shown ([`Hlc::observe`]), so an edit made after reading a file is
/// always later than every edit in it, however wrong this computer's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hlc {
    last: HlcTime,
}

impl Default for Hlc {
    fn default() -> Self {
        Self { last: HlcTime { at: Timestamp::UNIX_EPOCH, tick: 0 } }
    }
}

impl Hlc {
    /// Takes in a time seen elsewhere (an edit in a file just read), unless
    /// it is past [`latest_plausible`] at `wall`.
    pub fn observe(&mut self, seen: HlcTime, wall: Timestamp) {
        if seen.at <= latest_plausible(wall) && seen > self.last {
            self.last = seen;
        }
    }

    /// The time of a new edit at wall-clock `wall`: `wall` (to the
    /// millisecond) if it is later than everything seen, else one tick after
    /// the latest time seen.
    pub fn tick(&mut self, wall: Timestamp) -> HlcTime {
        let wall_ms = Timestamp::from_millisecond(wall.as_millisecond()).unwrap_or(wall);
        self.last = if wall_ms > self.last.at {
            HlcTime { at: wall_ms, tick: 0 }
        } else {
            HlcTime { at: self.last.at, tick: self.last.tick.saturating_add(1) }
        };
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(seconds).expect("valid")
    }

    fn version(entries: &[(&str, u64)]) -> Version {
        let mut seen: Vec<DeviceEdits> =
            entries.iter().map(|(device, edits)| DeviceEdits { device: (*device).to_owned(), edits: *edits }).collect();
        seen.sort_by(|a, b| a.device.cmp(&b.device));
        Version { seen, at: at(0), tick: 0, by: String::new() }
    }

    #[test]
    fn ancestry_is_decided_by_the_edits_seen_not_by_time() {
        let base = version(&[("a", 1)]);
        let edited_on_b = base.next_edit("b", HlcTime { at: at(1), tick: 0 });
        let edited_on_a = base.next_edit("a", HlcTime { at: at(100), tick: 0 });
        assert_eq!(edited_on_b.ancestry(&base), Ancestry::Descends);
        assert_eq!(base.ancestry(&edited_on_b), Ancestry::Precedes);
        assert_eq!(edited_on_a.ancestry(&edited_on_b), Ancestry::Concurrent);
        assert_eq!(edited_on_a.ancestry(&edited_on_a.clone()), Ancestry::Same);
        let merged = edited_on_a.joined(&edited_on_b);
        assert_eq!(merged.ancestry(&edited_on_a), Ancestry::Descends);
        assert_eq!(merged.ancestry(&edited_on_b), Ancestry::Descends);
        assert_eq!(merged.seen, version(&[("a", 2), ("b", 1)]).seen);
    }

    #[test]
    fn legacy_versions_compare_by_their_time_and_any_new_edit_descends_from_them() {
        let older = Version::legacy(at(10));
        let newer = Version::legacy(at(20));
        assert_eq!(newer.ancestry(&older), Ancestry::Descends);
        let edited = older.next_edit("a", HlcTime { at: at(5), tick: 0 });
        assert_eq!(edited.ancestry(&older), Ancestry::Descends);
        // A legacy edit made elsewhere after that base is concurrent with it.
        assert_eq!(edited.ancestry(&newer), Ancestry::Concurrent);
    }

    #[test]
    fn the_hybrid_clock_never_goes_back_nor_leaps_to_a_far_future_time() {
        let mut hlc = Hlc::default();
        let first = hlc.tick(at(1000));
        // A file written by a computer two hours ahead: the next edit here,
        // on a clock still at 1001, comes after it.
        let ahead = HlcTime { at: at(1000 + 7200), tick: 3 };
        hlc.observe(ahead, at(1001));
        let second = hlc.tick(at(1001));
        assert!(second > ahead && second > first);
        // The wall clock going back changes nothing.
        assert!(hlc.tick(at(5)) > second);
        // A time years ahead is not taken in.
        let mut fresh = Hlc::default();
        fresh.observe(HlcTime { at: at(4_000_000_000), tick: 0 }, at(1000));
        assert_eq!(fresh.tick(at(1000)), HlcTime { at: at(1000), tick: 0 });
    }
}
