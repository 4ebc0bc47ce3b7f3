//! Stamping and merging goals and weekly reflections: the same rules as
//! decisions ([`super::merge`]), by id, with tombstones, decided by ancestry
//! and, only between edits made apart, by the hybrid clock.
//!
//! Two differences from decisions, both on the side of keeping what was
//! written:
//! - a record goes only through an explicit removal (a tombstone in the
//!   journal, [`crate::model::Journal::remove_goal`]); a journal that merely
//!   lacks a record the base had keeps it, so a journal rebuilt somewhere
//!   without its goals can never delete them on every computer;
//! - two edits made apart are not reported as a conflict for the user to
//!   choose: the later one is kept (a goal or a reflection is rewritten in
//!   a moment, unlike a decision's history).
//!
//! Layer 1, the format, beside [`super::merge`]: no file access.

use std::collections::{HashMap, HashSet};

use crate::model::{Ancestry, HlcTime, Journal, Record, RecordTombstone, Version};

/// Stamps the goals and reflections of `journal` as edits descending from
/// `base`'s (see [`super::Contents::descendant`]): a changed or new record,
/// or a new tombstone, becomes a new edit of `device` at the time
/// `stamp_now` gives; unchanged ones keep the base's version. Records of
/// the base missing from `journal` without a tombstone are kept.
pub(super) fn stamp(base: &Journal, journal: &mut Journal, device: &str, stamp_now: &mut dyn FnMut() -> HlcTime) {
    let base_removed: HashMap<(crate::model::RecordKind, &str), &RecordTombstone> =
        base.removed_records().iter().map(|t| ((t.kind, t.id.as_str()), t)).collect();
    let (goals, reflections, removed) = journal.records_mut();
    stamp_list(base.goals(), &base_removed, goals, removed, device, stamp_now);
    stamp_list(base.reflections(), &base_removed, reflections, removed, device, stamp_now);
    // New tombstones: a removal made since the base.
    for tombstone in removed.iter_mut() {
        if let Some(old) = base_removed.get(&(tombstone.kind, tombstone.id.as_str()))
            && old.deleted_at == tombstone.deleted_at
        {
            tombstone.version = old.version.clone();
            continue;
        }
        let from = match tombstone.kind {
            crate::model::RecordKind::Goal => version_in(base.goals(), &tombstone.id),
            crate::model::RecordKind::Reflection => version_in(base.reflections(), &tombstone.id),
        };
        let joined = from.map_or_else(|| tombstone.version.clone(), |from| tombstone.version.joined(from));
        tombstone.version = joined.next_edit(device, stamp_now());
    }
    // Base tombstones carry over unless the record is back.
    let present: HashSet<(crate::model::RecordKind, String)> = journal
        .goals()
        .iter()
        .map(|g| (crate::model::RecordKind::Goal, g.id.clone()))
        .chain(journal.reflections().iter().map(|r| (crate::model::RecordKind::Reflection, r.id.clone())))
        .collect();
    let (_, _, removed) = journal.records_mut();
    let known: HashSet<(crate::model::RecordKind, String)> = removed.iter().map(|t| (t.kind, t.id.clone())).collect();
    for tombstone in base.removed_records() {
        let key = (tombstone.kind, tombstone.id.clone());
        if !present.contains(&key) && !known.contains(&key) {
            removed.push(tombstone.clone());
        }
    }
}

fn version_in<'a, R: Record>(list: &'a [R], id: &str) -> Option<&'a Version> {
    list.iter().find(|record| record.id() == id).map(Record::version)
}

fn stamp_list<R: Record>(
    base: &[R],
    base_removed: &HashMap<(crate::model::RecordKind, &str), &RecordTombstone>,
    records: &mut Vec<R>,
    removed: &[RecordTombstone],
    device: &str,
    stamp_now: &mut dyn FnMut() -> HlcTime,
) {
    let base_present: HashMap<&str, &R> = base.iter().map(|record| (record.id(), record)).collect();
    for record in records.iter_mut() {
        let from = match base_present.get(record.id()) {
            Some(old) if old.same_content(record) => {
                *record.version_mut() = old.version().clone();
                continue;
            }
            Some(old) => Some(old.version()),
            None => base_removed.get(&(R::KIND, record.id())).map(|tombstone| &tombstone.version),
        };
        let joined = from.map_or_else(|| record.version().clone(), |from| record.version().joined(from));
        *record.version_mut() = joined.next_edit(device, stamp_now());
    }
    // Missing without a tombstone: kept as the base has it.
    let here: HashSet<String> = records.iter().map(|record| record.id().to_owned()).collect();
    let buried: HashSet<&str> =
        removed.iter().filter(|tombstone| tombstone.kind == R::KIND).map(|tombstone| tombstone.id.as_str()).collect();
    for old in base {
        if !here.contains(old.id()) && !buried.contains(old.id()) {
            records.push(old.clone());
        }
    }
}

/// Gives records and tombstones without a version (a file edited by hand)
/// the one their time implies.
pub(super) fn fill_legacy_versions(journal: &mut Journal) {
    let (goals, reflections, removed) = journal.records_mut();
    for goal in goals.iter_mut().filter(|goal| goal.version.is_unset()) {
        goal.version = Version::legacy(goal.updated);
    }
    for reflection in reflections.iter_mut().filter(|reflection| reflection.version.is_unset()) {
        reflection.version = Version::legacy(reflection.updated);
    }
    for tombstone in removed.iter_mut().filter(|tombstone| tombstone.version.is_unset()) {
        tombstone.version = Version::legacy(tombstone.deleted_at);
    }
}

/// Every version the records of `journal` carry (for the hybrid clock to
/// observe).
pub(super) fn versions(journal: &Journal) -> impl Iterator<Item = &Version> {
    journal
        .goals()
        .iter()
        .map(Record::version)
        .chain(journal.reflections().iter().map(Record::version))
        .chain(journal.removed_records().iter().map(|tombstone| &tombstone.version))
}

/// One side's record for an id.
enum State<'a, R> {
    Present(&'a R),
    /// Removed (with its tombstone) or never there (`None`).
    Gone(Option<&'a RecordTombstone>),
}

// By hand: a derive would ask `R: Copy`, and only references are copied.
impl<R> Clone for State<'_, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for State<'_, R> {}

impl<'a, R: Record> State<'a, R> {
    fn of(records: &'a [R], removed: &'a [RecordTombstone], id: &str) -> Self {
        match records.iter().find(|record| record.id() == id) {
            Some(record) => State::Present(record),
            None => State::Gone(removed.iter().find(|t| t.kind == R::KIND && t.id == id)),
        }
    }

    fn same_as(&self, other: &Self) -> bool {
        match (self, other) {
            (State::Present(a), State::Present(b)) => a.same_content(b),
            (State::Gone(_), State::Gone(_)) => true,
            _ => false,
        }
    }

    fn version(&self) -> Option<&'a Version> {
        match self {
            State::Present(record) => Some(record.version()),
            State::Gone(tombstone) => tombstone.map(|tombstone| &tombstone.version),
        }
    }
}

/// What the merge keeps for one id.
enum Outcome<R> {
    Keep(R),
    Remove(Option<RecordTombstone>),
}

impl<R: Record> Outcome<R> {
    fn of(state: State<'_, R>) -> Self {
        match state {
            State::Present(record) => Outcome::Keep(record.clone()),
            State::Gone(tombstone) => Outcome::Remove(tombstone.cloned()),
        }
    }

    /// The same outcome, descending from `other` too.
    fn joined(self, other: Option<&Version>) -> Self {
        let Some(other) = other else { return self };
        match self {
            Outcome::Keep(mut record) => {
                *record.version_mut() = record.version().joined(other);
                Outcome::Keep(record)
            }
            Outcome::Remove(Some(mut tombstone)) => {
                tombstone.version = tombstone.version.joined(other);
                Outcome::Remove(Some(tombstone))
            }
            Outcome::Remove(None) => Outcome::Remove(None),
        }
    }
}

/// Three sides of one list of records.
pub(super) struct Sides<'a, R> {
    /// The common base, when known (`None`: a sync service's copy).
    pub base: Option<(&'a [R], &'a [RecordTombstone])>,
    /// This side.
    pub mine: (&'a [R], &'a [RecordTombstone]),
    /// The other side.
    pub theirs: (&'a [R], &'a [RecordTombstone]),
}

/// Merges one list of records by id: the records kept (mine's order, then
/// theirs' new ones) and the tombstones of this kind.
pub(super) fn merge_list<R: Record>(sides: &Sides<'_, R>) -> (Vec<R>, Vec<RecordTombstone>) {
    let base_known = sides.base.is_some();
    let (base_records, base_removed) = sides.base.unwrap_or((&[], &[]));
    let mut ids: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let all_ids = sides.mine.0.iter().chain(sides.theirs.0).chain(base_records).map(Record::id).chain(
        sides
            .mine
            .1
            .iter()
            .chain(sides.theirs.1)
            .chain(base_removed)
            .filter(|t| t.kind == R::KIND)
            .map(|t| t.id.as_str()),
    );
    for id in all_ids {
        if seen.insert(id) {
            ids.push(id);
        }
    }
    let mut records = Vec::new();
    let mut removed = Vec::new();
    for id in ids {
        let b = State::of(base_records, base_removed, id);
        let m = State::of(sides.mine.0, sides.mine.1, id);
        let t = State::of(sides.theirs.0, sides.theirs.1, id);
        let outcome = if m.same_as(&t) {
            same_on_both(m, t)
        } else if base_known && t.same_as(&b) {
            Outcome::of(m)
        } else if base_known && m.same_as(&b) {
            Outcome::of(t)
        } else {
            resolve(b.version().filter(|_| base_known), m, t)
        };
        match outcome {
            Outcome::Keep(record) => records.push(record),
            Outcome::Remove(tombstone) => removed.extend(tombstone),
        }
    }
    (records, removed)
}

/// Both sides say the same: kept, descending from both.
fn same_on_both<R: Record>(m: State<'_, R>, t: State<'_, R>) -> Outcome<R> {
    match (m, t) {
        (State::Gone(Some(mine)), State::Gone(Some(theirs))) => {
            let (later, earlier) =
                if mine.version.order(&theirs.version).is_ge() { (mine, theirs) } else { (theirs, mine) };
            let mut tombstone = later.clone();
            tombstone.version = later.version.joined(&earlier.version);
            tombstone.deleted_at = later.deleted_at.max(earlier.deleted_at);
            Outcome::Remove(Some(tombstone))
        }
        (State::Gone(None), State::Gone(theirs)) => Outcome::of(State::Gone(theirs)),
        _ => Outcome::of(m).joined(t.version()),
    }
}

/// Both sides changed the record (or the base is unknown): the one that
/// descends from the other wins; edits made apart keep the later hybrid
/// time (a removal and an edit at the very same time keep the record). A
/// side without the record and without a tombstone never removes it.
fn resolve<R: Record>(base: Option<&Version>, m: State<'_, R>, t: State<'_, R>) -> Outcome<R> {
    let (mine_version, theirs_version) = match (m.version(), t.version()) {
        (Some(mine), Some(theirs)) => (mine, theirs),
        (None, _) => return Outcome::of(t),
        (_, None) => return Outcome::of(m),
    };
    // An edit whose version is still the base's was made since the last
    // save and not stamped yet: the latest of all.
    let unstamped = |version: &Version| base.is_some_and(|base| base == version);
    let ancestry = if unstamped(mine_version) || unstamped(theirs_version) {
        Ancestry::Concurrent
    } else {
        mine_version.ancestry(theirs_version)
    };
    match ancestry {
        Ancestry::Descends => return Outcome::of(m).joined(Some(theirs_version)),
        Ancestry::Precedes => return Outcome::of(t).joined(Some(mine_version)),
        Ancestry::Same | Ancestry::Concurrent => {}
    }
    let order = mine_version.order(theirs_version);
    let mine_wins = if unstamped(mine_version) {
        true
    } else if unstamped(theirs_version) {
        false
    } else if order.is_eq() {
        // An exact tie: what is present stays.
        matches!(m, State::Present(_)) || matches!(t, State::Gone(_))
    } else {
        order.is_gt()
    };
    if mine_wins { Outcome::of(m).joined(Some(theirs_version)) } else { Outcome::of(t).joined(Some(mine_version)) }
}

/// Goals, reflections and their tombstones merged from three journals.
pub(super) trait MergeRecords {
    /// This journal with the records of `mine` and `theirs` merged (base
    /// `None`: a copy whose common base is unknown).
    fn with_records_merged(self, base: Option<&Journal>, mine: &Journal, theirs: &Journal) -> Self;
}

impl MergeRecords for Journal {
    fn with_records_merged(self, base: Option<&Journal>, mine: &Journal, theirs: &Journal) -> Self {
        let goals = merge_list(&Sides {
            base: base.map(|base| (base.goals(), base.removed_records())),
            mine: (mine.goals(), mine.removed_records()),
            theirs: (theirs.goals(), theirs.removed_records()),
        });
        let reflections = merge_list(&Sides {
            base: base.map(|base| (base.reflections(), base.removed_records())),
            mine: (mine.reflections(), mine.removed_records()),
            theirs: (theirs.reflections(), theirs.removed_records()),
        });
        let mut removed = goals.1;
        removed.extend(reflections.1);
        self.with_records(goals.0, reflections.0, removed)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use jiff::Timestamp;
    use jiff::civil::date;

    use super::super::editor::Editor;
    use super::super::merge::{Contents, merge, merge_copy};
    use crate::model::{Answer, Goal, GoalKind, Journal, Reflection};

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(seconds).expect("valid")
    }

    struct StoppedAt(Timestamp);

    impl crate::model::Clock for StoppedAt {
        fn now(&self) -> Timestamp {
            self.0
        }

        fn today(&self) -> jiff::civil::Date {
            self.0.to_zoned(jiff::tz::TimeZone::UTC).date()
        }
    }

    fn editor(device: &str, seconds: i64) -> Editor {
        Editor::new(device, Arc::new(StoppedAt(at(seconds))))
    }

    fn goal(id: &str, title: &str) -> Goal {
        let mut goal = Goal::new(title, GoalKind::Share, date(2026, 11, 2), date(2026, 12, 27), at(100));
        goal.id = id.into();
        goal.min_percent = Some(50);
        goal
    }

    fn reflection(id: &str, day: jiff::civil::Date, answer: &str) -> Reflection {
        let mut reflection =
            Reflection::new(day, vec![Answer { question: "How was it?".into(), answer: answer.into() }], at(100));
        reflection.id = id.into();
        reflection
    }

    /// `journal` saved on `device` after `base`.
    fn saved(base: &Contents, journal: Journal, device: &str, seconds: i64) -> Contents {
        Contents::descendant(base, journal, &editor(device, seconds))
    }

    fn titles(contents: &Contents) -> Vec<&str> {
        let mut titles: Vec<&str> = contents.journal.goals().iter().map(|g| g.title.as_str()).collect();
        titles.sort_unstable();
        titles
    }

    #[test]
    fn goals_and_reflections_added_on_two_computers_are_all_kept_both_ways() {
        let base = Contents::default();
        let mut on_a = Journal::default();
        on_a.add_goal(goal("ga", "From A"));
        on_a.save_reflection(reflection("ra", date(2026, 11, 9), "A's week"));
        let mut on_b = Journal::default();
        on_b.add_goal(goal("gb", "From B"));
        on_b.save_reflection(reflection("rb", date(2026, 11, 16), "B's week"));
        let (a, b) = (saved(&base, on_a, "aaaa", 200), saved(&base, on_b, "bbbb", 300));
        for merged in [merge(&base, &a, &b), merge_copy(&b, &a)] {
            assert_eq!(titles(&merged.contents), ["From A", "From B"]);
            assert_eq!(merged.contents.journal.reflections().len(), 2);
        }
        let mut one_way = merge_copy(&a, &b).contents;
        let mut other_way = merge_copy(&b, &a).contents;
        one_way.sort_canonically();
        other_way.sort_canonically();
        assert_eq!(one_way, other_way, "the same result on both computers");
        assert!(merge_copy(&a, &b).changed_mine());
    }

    #[test]
    fn a_removed_goal_stays_removed_and_a_goal_put_back_later_wins() {
        let mut journal = Journal::default();
        journal.add_goal(goal("g", "Goal"));
        let start = saved(&Contents::default(), journal, "aaaa", 200);
        let mut removing = start.journal.clone();
        let (index, removed) = removing.remove_goal("g", at(300)).expect("there");
        let gone = saved(&start, removing, "aaaa", 300);
        assert!(gone.journal.goals().is_empty());
        assert_eq!(gone.journal.removed_records().len(), 1);
        // The other computer never touched it: the removal reaches it.
        assert!(merge_copy(&start, &gone).contents.journal.goals().is_empty());
        assert!(merge(&start, &start, &gone).contents.journal.goals().is_empty());
        // Undone on a computer whose clock is far behind: still the later edit.
        let mut back = gone.journal.clone();
        back.put_goal(index, removed);
        let restored = saved(&gone, back, "slow", 1);
        assert!(restored.journal.removed_records().is_empty());
        assert_eq!(titles(&merge_copy(&gone, &restored).contents), ["Goal"]);
        assert_eq!(titles(&merge_copy(&restored, &gone).contents), ["Goal"]);
    }

    #[test]
    fn a_journal_that_merely_lacks_a_goal_never_removes_it() {
        let mut journal = Journal::default();
        journal.add_goal(goal("g", "Goal"));
        journal.save_reflection(reflection("r", date(2026, 11, 9), "Fine"));
        let start = saved(&Contents::default(), journal, "aaaa", 200);
        // Say a journal was rebuilt somewhere from its decisions alone.
        let rebuilt = saved(&start, Journal::new(start.journal.decisions().to_vec()), "aaaa", 300);
        assert_eq!(titles(&rebuilt), ["Goal"]);
        assert_eq!(rebuilt.journal.reflections().len(), 1);
        assert!(rebuilt.journal.removed_records().is_empty());
    }

    #[test]
    fn edits_made_apart_keep_the_later_one_on_both_computers() {
        let mut journal = Journal::default();
        journal.add_goal(goal("g", "Goal"));
        let start = saved(&Contents::default(), journal, "aaaa", 200);
        let edit = |title: &str, device: &str, seconds: i64| {
            let mut journal = start.journal.clone();
            let mut changed = journal.goal("g").expect("there").clone();
            changed.title = title.into();
            journal.update_goal(changed);
            saved(&start, journal, device, seconds)
        };
        let (a, b) = (edit("A's title", "aaaa", 300), edit("B's title", "bbbb", 400));
        assert_eq!(titles(&merge_copy(&a, &b).contents), ["B's title"]);
        assert_eq!(titles(&merge_copy(&b, &a).contents), ["B's title"]);
        assert_eq!(titles(&merge(&start, &a, &b).contents), ["B's title"]);
        // One-sided: the edit wins over the unchanged side, whatever the times.
        let slow = edit("Edited on a slow clock", "slow", 1);
        assert_eq!(titles(&merge_copy(&start, &slow).contents), ["Edited on a slow clock"]);
        assert_eq!(titles(&merge_copy(&slow, &start).contents), ["Edited on a slow clock"]);
    }

    #[test]
    fn an_unchanged_goal_keeps_its_version_and_a_changed_one_descends_from_it() {
        let mut journal = Journal::default();
        journal.add_goal(goal("g", "Goal"));
        let start = saved(&Contents::default(), journal, "aaaa", 200);
        let same = saved(&start, start.journal.clone(), "aaaa", 300);
        assert_eq!(same.journal.goals()[0].version, start.journal.goals()[0].version);
        let mut changed = start.journal.clone();
        let mut done = changed.goal("g").expect("there").clone();
        done.done = Some(date(2026, 11, 20));
        changed.update_goal(done);
        let later = saved(&start, changed, "aaaa", 300);
        assert_eq!(
            later.journal.goals()[0].version.ancestry(&start.journal.goals()[0].version),
            crate::model::Ancestry::Descends
        );
    }
}
