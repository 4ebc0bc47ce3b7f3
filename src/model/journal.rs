//! The journal: every decision the user has written, in the order stored,
//! with the talking points, brief marks, goals and weekly reflections kept
//! beside them.

use std::collections::BTreeMap;

use super::decision::same_name;
use jiff::Timestamp;
use jiff::civil::Date;

use super::{BriefMark, Decision, DecisionId, Goal, Record, RecordKind, RecordTombstone, Reflection, TalkingPoint};

/// All decisions of one journal file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Journal {
    decisions: Vec<Decision>,
    talking_points: Vec<TalkingPoint>,
    briefs: Vec<BriefMark>,
    /// Goals, reflections and their removals, boxed: a journal is moved
    /// around whole (save jobs, undo), and most of it is decisions.
    records: Box<Records>,
}

/// The goals and weekly reflections of a journal.
#[derive(Debug, Clone, Default, PartialEq)]
struct Records {
    goals: Vec<Goal>,
    reflections: Vec<Reflection>,
    /// Tombstones of removed goals and reflections. Unlike decisions' (kept
    /// beside the journal by storage), these live in the journal itself:
    /// removing a goal is an explicit edit, and every place that carries a
    /// journal carries its removals too.
    removed: Vec<RecordTombstone>,
}

impl Journal {
    /// A journal holding `decisions`.
    #[must_use]
    pub fn new(decisions: Vec<Decision>) -> Self {
        Self { decisions, ..Self::default() }
    }

    /// This journal with `goals`, `reflections` and the tombstones of
    /// removed ones (`removed`), as a file holds them.
    #[must_use]
    pub fn with_records(
        mut self,
        goals: Vec<Goal>,
        reflections: Vec<Reflection>,
        removed: Vec<RecordTombstone>,
    ) -> Self {
        self.records.goals = goals;
        self.records.reflections = reflections;
        self.records.removed = removed;
        self
    }

    /// Every goal, whatever its state, in stored order.
    #[must_use]
    pub fn goals(&self) -> &[Goal] {
        &self.records.goals
    }

    /// The goal with `id`.
    #[must_use]
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.records.goals.iter().find(|goal| goal.id == id)
    }

    /// Adds a goal (or puts a removed one back, dropping its tombstone: the
    /// undo of [`Journal::remove_goal`]); a goal with the same id is
    /// replaced.
    pub fn add_goal(&mut self, goal: Goal) {
        self.put_goal(usize::MAX, goal);
    }

    /// As [`Journal::add_goal`], at `index` (clamped): undo puts a removed
    /// goal back where it was.
    pub fn put_goal(&mut self, index: usize, goal: Goal) {
        self.records.removed.retain(|tombstone| !(tombstone.kind == RecordKind::Goal && tombstone.id == goal.id));
        if let Some(existing) = self.records.goals.iter_mut().find(|existing| existing.id == goal.id) {
            *existing = goal;
            return;
        }
        let index = index.min(self.records.goals.len());
        self.records.goals.insert(index, goal);
    }

    /// Replaces the goal with the same id (an edit, marking it done or
    /// abandoned); returns the old one, for undo.
    pub fn update_goal(&mut self, goal: Goal) -> Option<Goal> {
        let existing = self.records.goals.iter_mut().find(|existing| existing.id == goal.id)?;
        Some(std::mem::replace(existing, goal))
    }

    /// Removes the goal with `id`, leaving a tombstone dated `at` so the
    /// removal reaches the journal's other copies; returns the goal and
    /// where it was, for undo ([`Journal::put_goal`]).
    pub fn remove_goal(&mut self, id: &str, at: Timestamp) -> Option<(usize, Goal)> {
        let index = self.records.goals.iter().position(|goal| goal.id == id)?;
        let goal = self.records.goals.remove(index);
        self.bury(&goal, at);
        Some((index, goal))
    }

    /// Every weekly reflection, in stored order.
    #[must_use]
    pub fn reflections(&self) -> &[Reflection] {
        &self.records.reflections
    }

    /// The reflection on the week starting on Monday `week`: the one last
    /// changed, should two computers each have written one for that week
    /// (both are kept in the file; nothing written is dropped).
    #[must_use]
    pub fn reflection_for(&self, week: Date) -> Option<&Reflection> {
        self.records
            .reflections
            .iter()
            .filter(|reflection| reflection.week == week)
            .max_by(|a, b| (a.updated, &a.id).cmp(&(b.updated, &b.id)))
    }

    /// Saves a reflection: replaces the one with the same id, else adds it
    /// (dropping a tombstone of that id). Returns the one replaced, for
    /// undo (`None`: it was new, undone by [`Journal::remove_reflection`]).
    pub fn save_reflection(&mut self, reflection: Reflection) -> Option<Reflection> {
        self.records
            .removed
            .retain(|tombstone| !(tombstone.kind == RecordKind::Reflection && tombstone.id == reflection.id));
        if let Some(existing) = self.records.reflections.iter_mut().find(|existing| existing.id == reflection.id) {
            return Some(std::mem::replace(existing, reflection));
        }
        self.records.reflections.push(reflection);
        None
    }

    /// Removes the reflection with `id`, leaving a tombstone dated `at`.
    pub fn remove_reflection(&mut self, id: &str, at: Timestamp) -> Option<Reflection> {
        let index = self.records.reflections.iter().position(|reflection| reflection.id == id)?;
        let reflection = self.records.reflections.remove(index);
        self.bury(&reflection, at);
        Some(reflection)
    }

    /// The tombstones of removed goals and reflections.
    #[must_use]
    pub fn removed_records(&self) -> &[RecordTombstone] {
        &self.records.removed
    }

    /// Goals, reflections and their tombstones, to stamp or merge (storage).
    pub fn records_mut(&mut self) -> (&mut Vec<Goal>, &mut Vec<Reflection>, &mut Vec<RecordTombstone>) {
        (&mut self.records.goals, &mut self.records.reflections, &mut self.records.removed)
    }

    /// Records the removal of `record` (one tombstone per id).
    fn bury<R: Record>(&mut self, record: &R, at: Timestamp) {
        self.records.removed.retain(|tombstone| !(tombstone.kind == R::KIND && tombstone.id == record.id()));
        self.records.removed.push(RecordTombstone {
            id: record.id().to_owned(),
            kind: R::KIND,
            deleted_at: at,
            // The removal descends from the edit removed; storage makes it
            // a new edit of this computer when it saves.
            version: record.version().clone(),
        });
    }

    /// This journal with `talking_points`.
    #[must_use]
    pub fn with_talking_points(mut self, talking_points: Vec<TalkingPoint>) -> Self {
        self.talking_points = talking_points;
        self
    }

    /// This journal with the marks of the briefs made (kept sorted and
    /// without repeats, whatever order a file had them in).
    #[must_use]
    pub fn with_briefs(mut self, mut briefs: Vec<BriefMark>) -> Self {
        briefs.sort();
        briefs.dedup();
        self.briefs = briefs;
        self
    }

    /// The marks of the briefs made, oldest first.
    #[must_use]
    pub fn briefs(&self) -> &[BriefMark] {
        &self.briefs
    }

    /// Remembers that a brief was made (once per person and day); returns
    /// whether the mark is new.
    pub fn record_brief(&mut self, mark: BriefMark) -> bool {
        if self.briefs.contains(&mark) {
            return false;
        }
        let at = self.briefs.partition_point(|existing| existing < &mark);
        self.briefs.insert(at, mark);
        true
    }

    /// Forgets a brief mark (the undo of [`Journal::record_brief`]).
    pub fn forget_brief(&mut self, mark: &BriefMark) {
        self.briefs.retain(|existing| existing != mark);
    }

    /// The day of the last brief about `person` (`None`: "me") before
    /// `today`; see [`crate::model::brief_mark::last_brief_before`].
    #[must_use]
    pub fn last_brief_before(&self, person: Option<&str>, today: jiff::civil::Date) -> Option<jiff::civil::Date> {
        super::brief_mark::last_brief_before(&self.briefs, person, today)
    }

    /// Every talking point, open and done, in stored order.
    #[must_use]
    pub fn talking_points(&self) -> &[TalkingPoint] {
        &self.talking_points
    }

    /// The open talking points for `person` (any case), oldest first.
    #[must_use]
    pub fn open_points_for(&self, person: &str) -> Vec<&TalkingPoint> {
        self.talking_points.iter().filter(|p| p.done.is_none() && same_name(&p.person, person)).collect()
    }

    /// The talking points, to change.
    pub fn talking_points_mut(&mut self) -> &mut Vec<TalkingPoint> {
        &mut self.talking_points
    }

    /// Puts the decisions (by date, then creation, then id) and the talking
    /// points (by day written, then id) in a fixed order, the one merged
    /// journals are written in, so that copies holding the same decisions
    /// are equal byte for byte.
    pub fn sort_canonically(&mut self) {
        self.decisions.sort_by(Decision::canonical_order);
        self.talking_points.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        self.records.goals.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        self.records.reflections.sort_by(|a, b| (a.week, a.created, &a.id).cmp(&(b.week, b.created, &b.id)));
        self.records.removed.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    }

    /// Replaces every decision, keeping the talking points, goals and
    /// reflections (a restore).
    pub fn set_decisions(&mut self, decisions: Vec<Decision>) {
        self.decisions = decisions;
    }

    /// The decisions in stored order, to change in place (storage stamps
    /// their versions; ids and order stay as they are).
    pub fn decisions_mut(&mut self) -> &mut [Decision] {
        &mut self.decisions
    }

    /// The decisions in stored order.
    #[must_use]
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// Number of decisions.
    #[must_use]
    pub fn len(&self) -> usize {
        self.decisions.len()
    }

    /// Whether the journal has no decisions.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    /// The position of the decision with `id`.
    #[must_use]
    pub fn position(&self, id: &DecisionId) -> Option<usize> {
        self.decisions.iter().position(|decision| &decision.id == id)
    }

    /// The decision with `id`.
    #[must_use]
    pub fn get(&self, id: &DecisionId) -> Option<&Decision> {
        self.decisions.iter().find(|decision| &decision.id == id)
    }

    /// Appends a decision.
    pub fn push(&mut self, decision: Decision) {
        self.decisions.push(decision);
    }

    /// Puts a decision back at `index` (clamped), as undo does.
    pub fn insert(&mut self, index: usize, decision: Decision) {
        let index = index.min(self.decisions.len());
        self.decisions.insert(index, decision);
    }

    /// Puts decisions back each at its index (in the journal as it will be,
    /// clamped), in one pass however many there are: an undone restore
    /// can bring back thousands.
    pub fn insert_many(&mut self, mut placed: Vec<(usize, Decision)>) {
        if placed.is_empty() {
            return;
        }
        placed.sort_by_key(|(index, _)| *index);
        let mut merged = Vec::with_capacity(self.decisions.len() + placed.len());
        let mut placed = placed.into_iter().peekable();
        for decision in std::mem::take(&mut self.decisions) {
            while let Some((_, next)) = placed.next_if(|(index, _)| *index <= merged.len()) {
                merged.push(next);
            }
            merged.push(decision);
        }
        merged.extend(placed.map(|(_, decision)| decision));
        self.decisions = merged;
    }

    /// Replaces the decision with the same id; returns the old one.
    pub fn replace(&mut self, decision: Decision) -> Option<Decision> {
        let index = self.position(&decision.id)?;
        Some(std::mem::replace(&mut self.decisions[index], decision))
    }

    /// Where each decision is, by id: built once, so work on many decisions
    /// (an import, its undo) looks each up without scanning the journal.
    #[must_use]
    pub fn positions(&self) -> std::collections::HashMap<DecisionId, usize> {
        self.decisions.iter().enumerate().map(|(index, decision)| (decision.id.clone(), index)).collect()
    }

    /// The decision at `index` (from [`Journal::positions`]), to replace.
    pub fn at_mut(&mut self, index: usize) -> Option<&mut Decision> {
        self.decisions.get_mut(index)
    }

    /// Keeps only the decisions for which `keep` is true, in order.
    pub fn retain(&mut self, keep: impl FnMut(&Decision) -> bool) {
        self.decisions.retain(keep);
    }

    /// Removes the decision with `id`; returns it and where it was.
    pub fn remove(&mut self, id: &DecisionId) -> Option<(usize, Decision)> {
        let index = self.position(id)?;
        Some((index, self.decisions.remove(index)))
    }

    /// Every tag used, with how many decisions carry it, most used first.
    #[must_use]
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        name_counts(self.decisions.iter().flat_map(|decision| decision.tags.iter()))
    }

    /// Every person named, with how many decisions involve them, most first.
    #[must_use]
    pub fn person_counts(&self) -> Vec<(String, usize)> {
        name_counts(self.decisions.iter().flat_map(|decision| decision.people.iter()))
    }
}

/// Counts names case-insensitively, keeping the first spelling seen; sorted by
/// count (descending) then name.
fn name_counts<'a>(names: impl Iterator<Item = &'a String>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for name in names {
        counts.entry(name.to_lowercase()).or_insert_with(|| (name.clone(), 0)).1 += 1;
    }
    let mut list: Vec<(String, usize)> = counts.into_values().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase())));
    debug_assert!(list.windows(2).all(|pair| !same_name(&pair[0].0, &pair[1].0)));
    list
}
