//! Merging two copies of a journal that both changed since a common base.
//!
//! The merge is by decision id. Whether a side edited a decision is decided
//! by ancestry, never by comparing clocks: every decision and every deletion
//! carries a [`Version`] (the edits it descends from, per device, and a
//! hybrid-clock time), stamped when a change is saved ([`Contents::descendant`]).
//!
//! - When the common base is known (the window's own last save), a side
//!   that holds the base's content did not change it and takes the other
//!   side's.
//! - Otherwise, a version that descends from the other's is a later edit of
//!   it and wins, whatever the times say: a computer whose clock runs slow
//!   loses nothing it edited alone.
//! - Only versions edited apart (concurrent) are a real conflict: both
//!   edited, the later hybrid time goes into the journal and the pair is
//!   reported as a [`Conflict`] for the user to choose; edited against
//!   deleted, the later one wins (a deletion with no tombstone never
//!   removes an edit). The result descends from both, so every computer
//!   that merges the same pair agrees, and a choice made later is a new
//!   edit that wins everywhere.
//!
//! Deletions are kept as [`Tombstone`]s so they merge too; restoring a
//! decision, or undoing its deletion, is a new edit that descends from the
//! tombstone.
//!
//! Layer 1, the format: contents in, contents out, no file access (the
//! editor's clock, [`super::editor`], is the one thing below it).

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::editor::Editor;
use super::record_merge::MergeRecords as _;
use crate::model::{Ancestry, Decision, DecisionId, Journal, Version};

/// A deleted decision: its id, when it was deleted, and which edit the
/// deletion was (it descends from the version deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    /// The deleted decision's id.
    pub id: DecisionId,
    /// When it was deleted (this computer's clock, for people to read).
    pub deleted_at: Timestamp,
    /// Which edit the deletion was; a file without it gets one from
    /// `deleted_at` as it is read.
    #[serde(default, skip_serializing_if = "Version::is_unset")]
    pub version: Version,
}

impl Tombstone {
    /// A tombstone from a file without versions: one numbered by its time.
    #[must_use]
    pub fn legacy(id: DecisionId, deleted_at: Timestamp) -> Self {
        Self { id, deleted_at, version: Version::legacy(deleted_at) }
    }
}

/// What a journal file holds: the decisions and the tombstones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contents {
    /// The decisions.
    pub journal: Journal,
    /// The deleted decisions, at most one per id, none for a present id.
    pub deleted: Vec<Tombstone>,
}

impl Contents {
    /// Contents from their parts.
    #[must_use]
    pub fn new(journal: Journal, deleted: Vec<Tombstone>) -> Self {
        Self { journal, deleted }
    }

    /// `journal` as a descendant of `base`, stamped by `editor`: every
    /// decision whose content differs from the base's (or that the base did
    /// not have) becomes a new edit of this device, descending from the
    /// base's version (and from the base's tombstone, for a decision brought
    /// back: a restore or an undone deletion wins over that deletion
    /// everywhere); unchanged decisions keep the base's version. The base's
    /// tombstones carry over (except for decisions present again), and
    /// every decision of the base missing from `journal` gets a tombstone,
    /// a new edit too.
    #[must_use]
    pub fn descendant(base: &Self, journal: Journal, editor: &Editor) -> Self {
        editor.observe(base);
        let base_present: HashMap<&DecisionId, &Decision> =
            base.journal.decisions().iter().map(|d| (&d.id, d)).collect();
        let base_deleted: HashMap<&DecisionId, &Tombstone> = base.deleted.iter().map(|t| (&t.id, t)).collect();
        // One stamp for the whole save, taken only if something changed.
        let mut stamp = None;
        let mut stamp_now = || *stamp.get_or_insert_with(|| editor.stamp());
        let mut journal = journal;
        for decision in journal.decisions_mut() {
            let from = match base_present.get(&decision.id) {
                Some(old) if old.same_content(decision) => {
                    decision.version = old.version.clone();
                    continue;
                }
                Some(old) => Some(&old.version),
                None => base_deleted.get(&decision.id).map(|tombstone| &tombstone.version),
            };
            let joined = from.map_or_else(|| decision.version.clone(), |from| decision.version.joined(from));
            decision.version = joined.next_edit(editor.device(), stamp_now());
        }
        let present: HashSet<&DecisionId> = journal.decisions().iter().map(|d| &d.id).collect();
        let mut deleted: Vec<Tombstone> =
            base.deleted.iter().filter(|tombstone| !present.contains(&tombstone.id)).cloned().collect();
        let known: HashSet<DecisionId> = deleted.iter().map(|t| t.id.clone()).collect();
        let mut gone = Vec::new();
        for decision in base.journal.decisions() {
            if !present.contains(&decision.id) && !known.contains(&decision.id) {
                gone.push(Tombstone {
                    id: decision.id.clone(),
                    deleted_at: editor.wall(),
                    version: decision.version.next_edit(editor.device(), stamp_now()),
                });
            }
        }
        deleted.extend(gone);
        super::record_merge::stamp(&base.journal, &mut journal, editor.device(), &mut stamp_now);
        Self { journal, deleted }
    }

    /// Gives every decision and tombstone without a version (read from a
    /// file written before versions) the one its time implies.
    pub fn fill_legacy_versions(&mut self) {
        for decision in self.journal.decisions_mut().iter_mut().filter(|decision| decision.version.is_unset()) {
            decision.version = Version::legacy(decision.updated);
        }
        for tombstone in self.deleted.iter_mut().filter(|tombstone| tombstone.version.is_unset()) {
            tombstone.version = Version::legacy(tombstone.deleted_at);
        }
        super::record_merge::fill_legacy_versions(&mut self.journal);
    }
}

impl Contents {
    /// The decisions, talking points and tombstones in the fixed order merged
    /// journals are written in (see [`Journal::sort_canonically`]).
    pub fn sort_canonically(&mut self) {
        self.journal.sort_canonically();
        self.deleted.sort_by(|a, b| a.id.0.cmp(&b.id.0));
    }
}

/// A decision both sides edited differently since the common base.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// This side's version.
    pub mine: Decision,
    /// The other side's version.
    pub theirs: Decision,
}

/// The result of a merge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merged {
    /// The merged contents.
    pub contents: Contents,
    /// Decisions both sides edited; the journal holds the newer of each pair.
    pub conflicts: Vec<Conflict>,
    /// Decisions in the result that `mine` did not have.
    pub added: usize,
    /// Decisions in both whose content differs from `mine`'s.
    pub changed: usize,
    /// Decisions of `mine` that the result no longer has.
    pub removed: usize,
    /// Whether the talking points, the brief marks, the goals or the
    /// reflections differ from `mine`'s.
    pub points_changed: bool,
}

impl Merged {
    /// Whether the result differs from `mine` at all.
    #[must_use]
    pub fn changed_mine(&self) -> bool {
        self.added + self.changed + self.removed > 0 || self.points_changed
    }

    /// A sentence saying what came from the other side, e.g. "3 decisions
    /// added from outside", or `None` when nothing did.
    #[must_use]
    pub fn describe_outside_changes(&self) -> Option<String> {
        let decisions = |count: usize| crate::model::words::count(count, "decision", "decisions");
        let mut parts = Vec::new();
        if self.added > 0 {
            parts.push(format!("{} added", decisions(self.added)));
        }
        if self.changed > 0 {
            parts.push(format!("{} changed", decisions(self.changed)));
        }
        if self.removed > 0 {
            parts.push(format!("{} removed", decisions(self.removed)));
        }
        if parts.is_empty() {
            return None;
        }
        let mut text = format!("{} from outside", parts.join(", "));
        if !self.conflicts.is_empty() {
            text = format!("{text}; {} edited on both sides", decisions(self.conflicts.len()));
        }
        Some(text)
    }
}

#[derive(Clone, Copy)]
enum State<'a> {
    Present(&'a Decision),
    Gone(Option<&'a Tombstone>),
}

impl<'a> State<'a> {
    fn same_as(&self, other: &State<'_>) -> bool {
        match (self, other) {
            (State::Present(a), State::Present(b)) => a.same_content(b),
            (State::Gone(_), State::Gone(_)) => true,
            _ => false,
        }
    }

    fn version(&self) -> Option<&'a Version> {
        match self {
            State::Present(decision) => Some(&decision.version),
            State::Gone(tombstone) => tombstone.map(|tombstone| &tombstone.version),
        }
    }
}

struct Side<'a> {
    present: HashMap<&'a DecisionId, &'a Decision>,
    deleted: HashMap<&'a DecisionId, &'a Tombstone>,
}

impl<'a> Side<'a> {
    fn of(contents: &'a Contents) -> Self {
        Self {
            present: contents.journal.decisions().iter().map(|d| (&d.id, d)).collect(),
            deleted: contents.deleted.iter().map(|t| (&t.id, t)).collect(),
        }
    }

    fn state(&self, id: &DecisionId) -> State<'a> {
        match self.present.get(id) {
            Some(decision) => State::Present(decision),
            None => State::Gone(self.deleted.get(id).copied()),
        }
    }
}

/// What the merge keeps for one id.
enum Outcome {
    Keep(Box<Decision>),
    Delete(Option<Tombstone>),
}

impl Outcome {
    fn of(state: State<'_>) -> Self {
        match state {
            State::Present(decision) => Outcome::Keep(Box::new(decision.clone())),
            State::Gone(tombstone) => Outcome::Delete(tombstone.cloned()),
        }
    }

    /// The same outcome, descending from `other` too.
    fn joined(self, other: Option<&Version>) -> Self {
        let Some(other) = other else { return self };
        match self {
            Outcome::Keep(mut decision) => {
                decision.version = decision.version.joined(other);
                Outcome::Keep(decision)
            }
            Outcome::Delete(Some(mut tombstone)) => {
                tombstone.version = tombstone.version.joined(other);
                Outcome::Delete(Some(tombstone))
            }
            Outcome::Delete(None) => Outcome::Delete(None),
        }
    }
}

/// Merges `mine` and `theirs`, which both descend from `base`.
///
/// The result keeps `mine`'s order, then appends decisions only `theirs`
/// has, in their order.
#[must_use]
pub fn merge(base: &Contents, mine: &Contents, theirs: &Contents) -> Merged {
    merge_from(Some(base), mine, theirs)
}

/// Merges a copy whose common base with `mine` is unknown: a conflict copy a
/// sync service made of the same journal on another computer.
///
/// Each decision is decided by ancestry alone: the same content on both is
/// kept; a version that descends from the other's wins; one present on one
/// side only is kept unless the other side's deletion descends from it (or,
/// deleted apart from the edit, is later by the hybrid clock); two versions
/// edited apart keep the later hybrid time and are reported as a
/// [`Conflict`]. Talking points and brief marks only gain what the copy
/// adds, so a copy never removes one. Applying the same copy twice changes
/// nothing the second time.
#[must_use]
pub fn merge_copy(mine: &Contents, copy: &Contents) -> Merged {
    merge_from(None, mine, copy)
}

fn merge_from(base: Option<&Contents>, mine: &Contents, theirs: &Contents) -> Merged {
    let no_base = Contents::default();
    let base_known = base.is_some();
    let base = base.unwrap_or(&no_base);
    let (base_side, mine_side, theirs_side) = (Side::of(base), Side::of(mine), Side::of(theirs));
    let mut order: Vec<&DecisionId> = Vec::new();
    let mut seen: HashSet<&DecisionId> = HashSet::new();
    let ids = mine
        .journal
        .decisions()
        .iter()
        .map(|d| &d.id)
        .chain(theirs.journal.decisions().iter().map(|d| &d.id))
        .chain(base.journal.decisions().iter().map(|d| &d.id))
        .chain(mine.deleted.iter().chain(&theirs.deleted).chain(&base.deleted).map(|t| &t.id));
    for id in ids {
        if seen.insert(id) {
            order.push(id);
        }
    }

    let mut merged = Merged::default();
    let mut decisions = Vec::new();
    let mut deleted = Vec::new();
    for id in order {
        let (b, m, t) = (base_side.state(id), mine_side.state(id), theirs_side.state(id));
        let outcome = if m.same_as(&t) {
            same_on_both(m, t)
        } else if base_known && t.same_as(&b) {
            Outcome::of(m)
        } else if base_known && m.same_as(&b) {
            Outcome::of(t)
        } else {
            resolve(b.version().filter(|_| base_known), m, t, &mut merged.conflicts)
        };
        match outcome {
            Outcome::Keep(decision) => {
                match m {
                    State::Present(previous) if !previous.same_content(&decision) => merged.changed += 1,
                    State::Present(_) => {}
                    State::Gone(_) => merged.added += 1,
                }
                decisions.push(*decision);
            }
            Outcome::Delete(tombstone) => {
                if matches!(m, State::Present(_)) {
                    merged.removed += 1;
                }
                deleted.extend(tombstone);
            }
        }
    }
    let points = super::point_merge::merge_points(
        base.journal.talking_points(),
        mine.journal.talking_points(),
        theirs.journal.talking_points(),
    );
    let briefs =
        crate::model::brief_mark::merge_marks(base.journal.briefs(), mine.journal.briefs(), theirs.journal.briefs());
    let journal = Journal::new(decisions).with_talking_points(points).with_briefs(briefs).with_records_merged(
        base_known.then_some(&base.journal),
        &mine.journal,
        &theirs.journal,
    );
    merged.points_changed = journal.talking_points() != mine.journal.talking_points()
        || journal.briefs() != mine.journal.briefs()
        || journal.goals() != mine.journal.goals()
        || journal.reflections() != mine.journal.reflections()
        || journal.removed_records() != mine.journal.removed_records();
    merged.contents = Contents { journal, deleted };
    merged
}

/// Both sides hold the same content (or both deleted it): kept, descending
/// from both versions, so neither side sees the other's as newer later.
fn same_on_both(m: State<'_>, t: State<'_>) -> Outcome {
    match (m, t) {
        (State::Gone(Some(mine)), State::Gone(Some(theirs))) => {
            // The later deletion, descending from both: the same on every
            // computer.
            let (later, earlier) =
                if mine.version.order(&theirs.version).is_ge() { (mine, theirs) } else { (theirs, mine) };
            let mut tombstone = later.clone();
            tombstone.version = later.version.joined(&earlier.version);
            tombstone.deleted_at = later.deleted_at.max(earlier.deleted_at);
            Outcome::Delete(Some(tombstone))
        }
        (State::Gone(None), State::Gone(theirs)) => Outcome::of(State::Gone(theirs)),
        _ => Outcome::of(m).joined(t.version()),
    }
}

/// Both sides changed the decision (or the base is unknown): decided by the
/// versions. `base` is the base's version when the base is known: a side
/// whose content changed while its version is still the base's holds an
/// edit not stamped yet (made in the window since its last save), which
/// nothing can descend from.
fn resolve(base: Option<&Version>, m: State<'_>, t: State<'_>, conflicts: &mut Vec<Conflict>) -> Outcome {
    let (mine_version, theirs_version) = match (m.version(), t.version()) {
        (Some(mine), Some(theirs)) => (mine, theirs),
        // A side missing the decision without a tombstone never removes it.
        (None, _) => return Outcome::of(t),
        (_, None) => return Outcome::of(m),
    };
    let unstamped = |version: &Version| base.is_some_and(|base| base == version);
    // Two versions from files written before versions existed carry only
    // their times: which came from which cannot be told, so they are a
    // conflict, the newer kept (as Keel always did with them).
    let ancestry = if unstamped(mine_version)
        || unstamped(theirs_version)
        || (mine_version.is_legacy() && theirs_version.is_legacy())
    {
        Ancestry::Concurrent
    } else {
        mine_version.ancestry(theirs_version)
    };
    match ancestry {
        Ancestry::Descends => return Outcome::of(m),
        Ancestry::Precedes => return Outcome::of(t),
        Ancestry::Same | Ancestry::Concurrent => {}
    }
    // Edited apart. An unstamped edit is the latest of all: it is being
    // made now.
    let mine_later = if unstamped(mine_version) {
        true
    } else if unstamped(theirs_version) {
        false
    } else {
        mine_version.order(theirs_version).is_ge()
    };
    match (m, t) {
        (State::Present(mine), State::Present(theirs)) => {
            conflicts.push(Conflict { mine: mine.clone(), theirs: theirs.clone() });
            if mine_later {
                Outcome::of(m).joined(Some(theirs_version))
            } else {
                Outcome::of(t).joined(Some(mine_version))
            }
        }
        // Edited on one side, deleted on the other: the later wins; on an
        // exact tie the decision stays.
        (State::Present(_), State::Gone(_)) => {
            if mine_later || mine_version.order(theirs_version).is_eq() {
                Outcome::of(m).joined(Some(theirs_version))
            } else {
                Outcome::of(t).joined(Some(mine_version))
            }
        }
        (State::Gone(_), State::Present(_)) => {
            if !mine_later || mine_version.order(theirs_version).is_eq() {
                Outcome::of(t).joined(Some(mine_version))
            } else {
                Outcome::of(m).joined(Some(theirs_version))
            }
        }
        (State::Gone(_), State::Gone(_)) => same_on_both(m, t),
    }
}

/// Merges two journals (no tombstones) that both descend from `base`.
#[must_use]
pub fn merge_journals(base: &Journal, mine: &Journal, theirs: &Journal) -> Merged {
    let wrap = |journal: &Journal| Contents::new(journal.clone(), Vec::new());
    merge(&wrap(base), &wrap(mine), &wrap(theirs))
}

impl Editor {
    /// Takes in every edit time in `contents`, so the next stamp is later
    /// than all of them (unless one is implausibly far ahead). Here rather
    /// than in [`super::editor`], which knows clocks, not journals.
    pub fn observe(&self, contents: &Contents) {
        self.observe_versions(
            contents
                .journal
                .decisions()
                .iter()
                .map(|decision| &decision.version)
                .chain(contents.deleted.iter().map(|tombstone| &tombstone.version))
                .chain(super::record_merge::versions(&contents.journal)),
        );
    }
}

#[cfg(test)]
mod tests;
