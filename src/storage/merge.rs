//! Merging two copies of a journal that both changed since a common base.
//!
//! The merge is by decision id and three-way: for each id, a side that did
//! not change it since the base takes the other side's version. When both
//! changed it:
//!
//! - both edited (differently): the newer `updated` goes into the journal
//!   (mine on a tie) and the pair is reported as a [`Conflict`] for the user
//!   to choose;
//! - one edited, the other deleted: the newer of `updated` and the
//!   tombstone's `deleted_at` wins (a deletion with no tombstone never
//!   removes an edit).
//!
//! Deletions are kept as [`Tombstone`]s so they merge too.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::model::{Decision, DecisionId, Journal, TalkingPoint};

/// A deleted decision: its id and when it was deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    /// The deleted decision's id.
    pub id: DecisionId,
    /// When it was deleted.
    pub deleted_at: Timestamp,
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

    /// `journal` as a descendant of `base`: the base's tombstones carry over
    /// (except for decisions present again), and every decision of the base
    /// missing from `journal` gets a tombstone dated `now`.
    #[must_use]
    pub fn descendant(base: &Self, journal: Journal, now: Timestamp) -> Self {
        let present: HashSet<&DecisionId> = journal.decisions().iter().map(|d| &d.id).collect();
        let mut deleted: Vec<Tombstone> =
            base.deleted.iter().filter(|tombstone| !present.contains(&tombstone.id)).cloned().collect();
        let known: HashSet<DecisionId> = deleted.iter().map(|t| t.id.clone()).collect();
        for decision in base.journal.decisions() {
            if !present.contains(&decision.id) && !known.contains(&decision.id) {
                deleted.push(Tombstone { id: decision.id.clone(), deleted_at: now });
            }
        }
        Self { journal, deleted }
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
    /// Whether the talking points or the brief marks differ from `mine`'s.
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
    Gone(Option<Timestamp>),
}

impl State<'_> {
    fn same_as(&self, other: &State<'_>) -> bool {
        match (self, other) {
            (State::Present(a), State::Present(b)) => a == b,
            (State::Gone(_), State::Gone(_)) => true,
            _ => false,
        }
    }
}

struct Side<'a> {
    present: HashMap<&'a DecisionId, &'a Decision>,
    deleted: HashMap<&'a DecisionId, Timestamp>,
}

impl<'a> Side<'a> {
    fn of(contents: &'a Contents) -> Self {
        Self {
            present: contents.journal.decisions().iter().map(|d| (&d.id, d)).collect(),
            deleted: contents.deleted.iter().map(|t| (&t.id, t.deleted_at)).collect(),
        }
    }

    fn state(&self, id: &DecisionId) -> State<'a> {
        match self.present.get(id) {
            Some(decision) => State::Present(decision),
            None => State::Gone(self.deleted.get(id).copied()),
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
/// Every id is taken as changed on both sides since some earlier state: the
/// same decision on both is kept; one present on one side only is kept
/// (unless the other side's tombstone is newer than its last edit); two
/// different versions keep the newer `updated` (mine on a tie) and are
/// reported as a [`Conflict`]. Talking points and brief marks only gain what
/// the copy adds, so a copy never removes one. Applying the same copy twice
/// changes nothing the second time.
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
        let result = if m.same_as(&t) || (base_known && t.same_as(&b)) {
            m
        } else if base_known && m.same_as(&b) {
            t
        } else {
            match (m, t) {
                (State::Present(mine), State::Present(theirs)) => {
                    merged.conflicts.push(Conflict { mine: mine.clone(), theirs: theirs.clone() });
                    if theirs.updated > mine.updated { t } else { m }
                }
                (State::Present(kept), State::Gone(Some(deleted_at)))
                | (State::Gone(Some(deleted_at)), State::Present(kept)) => {
                    if deleted_at > kept.updated {
                        State::Gone(Some(deleted_at))
                    } else {
                        State::Present(kept)
                    }
                }
                (State::Gone(None), State::Present(_)) => t,
                (State::Present(_), State::Gone(None)) | (State::Gone(_), State::Gone(_)) => m,
            }
        };
        match result {
            State::Present(decision) => {
                match m {
                    State::Present(previous) if previous != decision => merged.changed += 1,
                    State::Present(_) => {}
                    State::Gone(_) => merged.added += 1,
                }
                decisions.push(decision.clone());
            }
            State::Gone(when) => {
                if matches!(m, State::Present(_)) {
                    merged.removed += 1;
                }
                let newest = [mine_side.deleted.get(id), theirs_side.deleted.get(id), when.as_ref()]
                    .into_iter()
                    .flatten()
                    .max()
                    .copied();
                if let Some(deleted_at) = newest {
                    deleted.push(Tombstone { id: id.clone(), deleted_at });
                }
            }
        }
    }
    let points =
        merge_points(base.journal.talking_points(), mine.journal.talking_points(), theirs.journal.talking_points());
    let briefs =
        crate::model::brief_mark::merge_marks(base.journal.briefs(), mine.journal.briefs(), theirs.journal.briefs());
    merged.points_changed = points != mine.journal.talking_points() || briefs != mine.journal.briefs();
    merged.contents =
        Contents { journal: Journal::new(decisions).with_talking_points(points).with_briefs(briefs), deleted };
    merged
}

/// Merges talking points by id, three ways: a point changed on one side only
/// takes that side; one removed on a side and unchanged on the other stays
/// removed; changed on both, mine wins. Mine's order, then theirs' new ones.
fn merge_points(base: &[TalkingPoint], mine: &[TalkingPoint], theirs: &[TalkingPoint]) -> Vec<TalkingPoint> {
    let find = |list: &[TalkingPoint], id: &str| list.iter().find(|p| p.id == id).cloned();
    let mut ids: Vec<&str> = Vec::new();
    for point in mine.iter().chain(theirs).chain(base) {
        if !ids.contains(&point.id.as_str()) {
            ids.push(&point.id);
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let (b, m, t) = (find(base, id), find(mine, id), find(theirs, id));
            if m == t || t == b {
                m
            } else if m == b {
                t
            } else {
                match (m, t) {
                    // Ticked off on one side only (a copy with no known
                    // base, or both edited): ticked off stays ticked off.
                    (Some(mine), Some(theirs)) if mine.done.is_none() && theirs.done.is_some() => Some(theirs),
                    (m, t) => m.or(t),
                }
            }
        })
        .collect()
}

/// Merges two journals (no tombstones) that both descend from `base`.
#[must_use]
pub fn merge_journals(base: &Journal, mine: &Journal, theirs: &Journal) -> Merged {
    let wrap = |journal: &Journal| Contents::new(journal.clone(), Vec::new());
    merge(&wrap(base), &wrap(mine), &wrap(theirs))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::model::DecisionDraft;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(seconds).expect("valid")
    }

    fn decision(id: &str, title: &str, updated: i64) -> Decision {
        let mut decision = DecisionDraft { title: title.into(), ..DecisionDraft::default() }
            .into_new_decision(date(2026, 3, 1), at(updated))
            .expect("valid");
        decision.id = DecisionId(id.into());
        decision
    }

    fn contents(decisions: Vec<Decision>, deleted: Vec<(&str, i64)>) -> Contents {
        Contents::new(
            Journal::new(decisions),
            deleted.into_iter().map(|(id, s)| Tombstone { id: DecisionId(id.into()), deleted_at: at(s) }).collect(),
        )
    }

    fn titles(contents: &Contents) -> Vec<&str> {
        contents.journal.decisions().iter().map(|d| d.title.as_str()).collect()
    }

    #[test]
    fn additions_on_both_sides_are_kept() {
        let base = contents(vec![decision("a", "A", 1)], vec![]);
        let mine = contents(vec![decision("a", "A", 1), decision("m", "M", 2)], vec![]);
        let theirs = contents(vec![decision("a", "A", 1), decision("t1", "T1", 3), decision("t2", "T2", 3)], vec![]);
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(titles(&merged.contents), ["A", "M", "T1", "T2"]);
        assert_eq!((merged.added, merged.changed, merged.removed), (2, 0, 0));
        assert_eq!(merged.describe_outside_changes().as_deref(), Some("2 decisions added from outside"));
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn one_sided_edits_and_deletions_win() {
        let base = contents(vec![decision("a", "A", 1), decision("b", "B", 1), decision("c", "C", 1)], vec![]);
        let mine = contents(vec![decision("a", "A mine", 5), decision("b", "B", 1), decision("c", "C", 1)], vec![]);
        let theirs = contents(vec![decision("a", "A", 1), decision("b", "B theirs", 6)], vec![("c", 7)]);
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(titles(&merged.contents), ["A mine", "B theirs"]);
        assert_eq!(merged.contents.deleted, vec![Tombstone { id: DecisionId("c".into()), deleted_at: at(7) }]);
        assert_eq!((merged.added, merged.changed, merged.removed), (0, 1, 1));
    }

    #[test]
    fn both_edited_is_a_conflict_resolved_to_the_newer_for_now() {
        let base = contents(vec![decision("a", "A", 1)], vec![]);
        let mine = contents(vec![decision("a", "A mine", 5)], vec![]);
        let theirs = contents(vec![decision("a", "A theirs", 9)], vec![]);
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(titles(&merged.contents), ["A theirs"]);
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].mine.title, "A mine");
        assert_eq!(merged.conflicts[0].theirs.title, "A theirs");
    }

    #[test]
    fn edit_against_delete_goes_to_the_newer() {
        let base = contents(vec![decision("a", "A", 1), decision("b", "B", 1)], vec![]);
        let mine = contents(vec![decision("a", "A edited late", 9), decision("b", "B edited early", 2)], vec![]);
        let theirs = contents(vec![], vec![("a", 5), ("b", 5)]);
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(titles(&merged.contents), ["A edited late"]);
        assert_eq!(merged.contents.deleted.len(), 1);
        assert_eq!(merged.contents.deleted[0].id.0, "b");
    }

    #[test]
    fn deletion_without_tombstone_never_removes_an_edit() {
        let base = Journal::new(vec![decision("a", "A", 1)]);
        let merged = merge_journals(&base, &Journal::new(vec![decision("a", "A2", 2)]), &Journal::default());
        assert_eq!(titles(&merged.contents), ["A2"]);
    }

    #[test]
    fn descendant_tombstones_what_was_removed_and_revives_what_came_back() {
        let base = contents(vec![decision("a", "A", 1), decision("b", "B", 1)], vec![("c", 1)]);
        let journal = Journal::new(vec![decision("a", "A", 1), decision("c", "C back", 3)]);
        let mine = Contents::descendant(&base, journal, at(4));
        assert_eq!(mine.deleted, vec![Tombstone { id: DecisionId("b".into()), deleted_at: at(4) }]);
    }

    #[test]
    fn merging_is_idempotent() {
        let base = contents(vec![decision("a", "A", 1)], vec![]);
        let theirs = contents(vec![decision("a", "A", 1), decision("t", "T", 2)], vec![]);
        let once = merge(&base, &base, &theirs);
        let twice = merge(&base, &once.contents, &theirs);
        assert_eq!(once.contents, twice.contents);
        assert!(!twice.changed_mine());
    }

    #[test]
    fn a_copy_with_no_known_base_adds_its_decisions_and_keeps_the_newer_edit() {
        let mine = contents(vec![decision("a", "A", 1), decision("b", "B mine", 5), decision("m", "M", 2)], vec![]);
        let copy = contents(vec![decision("a", "A", 1), decision("b", "B copy", 3), decision("c", "C", 4)], vec![]);
        let merged = merge_copy(&mine, &copy);
        assert_eq!(titles(&merged.contents), ["A", "B mine", "M", "C"]);
        assert_eq!((merged.added, merged.changed, merged.removed), (1, 0, 0));
        assert_eq!(merged.conflicts.len(), 1, "two versions of b: the older is reported");
        assert_eq!(merged.conflicts[0].theirs.title, "B copy");
    }

    #[test]
    fn a_copy_never_revives_what_was_deleted_after_its_last_edit_and_deletes_with_its_newer_tombstones() {
        // Mine deleted x (at 9) after the copy's last edit of it (at 3); the
        // copy deleted y (at 8) after mine's last edit of it (at 2).
        let mine = contents(vec![decision("y", "Y", 2)], vec![("x", 9)]);
        let copy = contents(vec![decision("x", "X", 3)], vec![("y", 8)]);
        let merged = merge_copy(&mine, &copy);
        assert!(titles(&merged.contents).is_empty());
        let mut gone: Vec<_> = merged.contents.deleted.iter().map(|t| t.id.0.as_str()).collect();
        gone.sort_unstable();
        assert_eq!(gone, ["x", "y"]);
        assert_eq!(merged.removed, 1);
        // A copy whose missing decision has no tombstone removes nothing.
        let kept = merge_copy(&contents(vec![decision("z", "Z", 1)], vec![]), &contents(vec![], vec![]));
        assert_eq!(titles(&kept.contents), ["Z"]);
    }

    #[test]
    fn absorbing_the_same_copy_twice_changes_nothing_the_second_time() {
        let mine = contents(vec![decision("a", "A", 1)], vec![("d", 4)]);
        let copy = contents(vec![decision("c", "C", 2), decision("a", "A newer", 6)], vec![]);
        let once = merge_copy(&mine, &copy);
        let twice = merge_copy(&once.contents, &copy);
        assert_eq!(once.contents, twice.contents);
        assert!(!twice.changed_mine());
    }
}
