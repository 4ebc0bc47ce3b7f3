//! The undo and redo stacks: every edit of the journal is applied here and
//! recorded as the change it made, so it can be undone and redone by id.

use super::Edit;
use crate::interop;
use crate::model::words::count;
use crate::model::{BriefMark, Decision, DecisionId, Goal, Journal, Record, Reflection, TalkingPoint};

/// Whether an edit changed nothing but the review date (and the time of
/// the edit).
fn only_review_date_moved(before: &Decision, after: &Decision) -> bool {
    before.review_on != after.review_on
        && Decision { review_on: after.review_on, updated: after.updated, ..before.clone() } == *after
}

/// One decision before and after a change (`None`: not in the journal), and
/// where it stood, to put it back there. Undo and redo find it by id: a
/// position would point at another decision once a change from outside
/// (another process, another computer) added or removed one.
#[derive(Debug, Clone, PartialEq)]
struct Step {
    before: Option<Decision>,
    after: Option<Decision>,
    index: usize,
}

impl Step {
    fn id(&self) -> Option<&DecisionId> {
        self.before.as_ref().or(self.after.as_ref()).map(|decision| &decision.id)
    }

    fn title(&self) -> &str {
        self.after.as_ref().or(self.before.as_ref()).map_or("", |decision| decision.title.as_str())
    }
}

/// The same for one talking point, found by its id.
#[derive(Debug, Clone, PartialEq)]
struct PointStep {
    before: Option<TalkingPoint>,
    after: Option<TalkingPoint>,
    index: usize,
}

impl PointStep {
    fn id(&self) -> &str {
        self.before.as_ref().or(self.after.as_ref()).map_or("", |point| point.id.as_str())
    }

    fn text(&self) -> &str {
        self.after.as_ref().or(self.before.as_ref()).map_or("", |point| point.text.as_str())
    }
}

/// The same for one goal or week's reflection, found by its id; `at`
/// dates a removal.
#[derive(Debug, Clone, PartialEq)]
struct RecordStep<R> {
    before: Option<R>,
    after: Option<R>,
    index: usize,
    at: jiff::Timestamp,
}

impl<R: Record> RecordStep<R> {
    fn id(&self) -> &str {
        self.before.as_ref().or(self.after.as_ref()).map_or("", Record::id)
    }

    /// The record as the change left it, or as it was before a removal.
    fn latest(&self) -> Option<&R> {
        self.after.as_ref().or(self.before.as_ref())
    }
}

/// How undo finds, puts back and removes a kind of record in the journal.
trait InJournal: Record {
    fn find<'a>(journal: &'a Journal, id: &str) -> Option<&'a Self>;
    /// Puts the record in, replacing the one of its id, else at `index`.
    fn put(journal: &mut Journal, index: usize, record: Self);
    fn remove(journal: &mut Journal, id: &str, at: jiff::Timestamp);
}

impl InJournal for Goal {
    fn find<'a>(journal: &'a Journal, id: &str) -> Option<&'a Self> {
        journal.goal(id)
    }

    fn put(journal: &mut Journal, index: usize, goal: Self) {
        journal.put_goal(index, goal);
    }

    fn remove(journal: &mut Journal, id: &str, at: jiff::Timestamp) {
        journal.remove_goal(id, at);
    }
}

impl InJournal for Reflection {
    fn find<'a>(journal: &'a Journal, id: &str) -> Option<&'a Self> {
        journal.reflections().iter().find(|reflection| reflection.id == id)
    }

    fn put(journal: &mut Journal, _index: usize, reflection: Self) {
        journal.save_reflection(reflection);
    }

    fn remove(journal: &mut Journal, id: &str, at: jiff::Timestamp) {
        journal.remove_reflection(id, at);
    }
}

/// What kind of change to the decisions a [`Change::Decisions`] was, to
/// name it.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Added,
    Updated,
    Deleted,
    Imported,
    /// A backup restored; the label names it.
    Restored(String),
}

/// A change that happened, with what is needed to revert it.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Decisions {
        kind: Kind,
        steps: Vec<Step>,
    },
    Point(PointStep),
    /// A brief mark recorded.
    BriefMarked(BriefMark),
    Goal(Box<RecordStep<Goal>>),
    Reflection(Box<RecordStep<Reflection>>),
}

/// Which way a change is run: forward (redo) or back (undo).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Forward,
    Back,
}

/// Runs `steps` over `journal` one way, each by id. A decision that is not
/// as the change left it (changed from outside since) is left alone: undo
/// reverts the user's own change, never what arrived from elsewhere.
/// Returns the steps that ran (the rest were left alone).
fn run_steps(journal: &mut Journal, steps: Vec<Step>, direction: Direction) -> (Vec<Step>, usize) {
    let positions = journal.positions();
    let mut removed = std::collections::HashSet::new();
    let mut inserted = Vec::new();
    let mut ran = Vec::with_capacity(steps.len());
    let mut left_alone = 0;
    for step in steps {
        let (from, to) = match direction {
            Direction::Forward => (&step.before, &step.after),
            Direction::Back => (&step.after, &step.before),
        };
        let Some(id) = step.id() else { continue };
        let at = positions.get(id).copied();
        let current = at.and_then(|at| journal.decisions().get(at));
        if current != from.as_ref() {
            left_alone += 1;
            continue;
        }
        match (at, to) {
            (Some(at), Some(to)) => {
                if let Some(slot) = journal.at_mut(at) {
                    to.clone_into(slot);
                }
            }
            (Some(_), None) => {
                removed.insert(id.clone());
            }
            (None, Some(to)) => inserted.push((step.index, to.clone())),
            (None, None) => {}
        }
        ran.push(step);
    }
    if !removed.is_empty() {
        journal.retain(|decision| !removed.contains(&decision.id));
    }
    journal.insert_many(inserted);
    (ran, left_alone)
}

/// Runs one talking point's step one way, by id; `false` when the point is
/// not as the change left it (changed from outside since).
fn run_point(journal: &mut Journal, step: &PointStep, direction: Direction) -> bool {
    let (from, to) = match direction {
        Direction::Forward => (&step.before, &step.after),
        Direction::Back => (&step.after, &step.before),
    };
    let points = journal.talking_points_mut();
    let at = points.iter().position(|point| point.id == step.id());
    if at.map(|at| &points[at]) != from.as_ref() {
        return false;
    }
    match (at, to) {
        (Some(at), Some(to)) => to.clone_into(&mut points[at]),
        (Some(at), None) => {
            points.remove(at);
        }
        (None, Some(to)) => points.insert(step.index.min(points.len()), to.clone()),
        (None, None) => {}
    }
    true
}

/// Runs one goal's or reflection's step one way, by id; `false` when the
/// record is not as the change left it (changed from outside since).
/// Versions are left out of the comparison: saving stamps them.
fn run_record<R: InJournal>(journal: &mut Journal, step: &RecordStep<R>, direction: Direction) -> bool {
    let (from, to) = match direction {
        Direction::Forward => (&step.before, &step.after),
        Direction::Back => (&step.after, &step.before),
    };
    let as_left = match (R::find(journal, step.id()), from) {
        (Some(current), Some(from)) => current.same_content(from),
        (None, None) => true,
        _ => false,
    };
    if !as_left {
        return false;
    }
    match to {
        Some(to) => R::put(journal, step.index, to.clone()),
        None => R::remove(journal, step.id(), step.at),
    }
    true
}

impl Change {
    /// Runs the change one way. `None` when nothing could be run because
    /// everything it touched was changed from outside since; otherwise the
    /// change as it ran (only the steps that ran) and how many steps were
    /// left alone.
    fn run(self, journal: &mut Journal, direction: Direction) -> Option<(Self, usize)> {
        match self {
            Self::Decisions { kind, steps } => {
                let (ran, left_alone) = run_steps(journal, steps, direction);
                (!ran.is_empty()).then_some((Self::Decisions { kind, steps: ran }, left_alone))
            }
            Self::Point(step) => run_point(journal, &step, direction).then_some((Self::Point(step), 0)),
            Self::BriefMarked(mark) => {
                match direction {
                    Direction::Forward => {
                        journal.record_brief(mark.clone());
                    }
                    Direction::Back => journal.forget_brief(&mark),
                }
                Some((Self::BriefMarked(mark), 0))
            }
            Self::Goal(step) => run_record(journal, &step, direction).then_some((Self::Goal(step), 0)),
            Self::Reflection(step) => run_record(journal, &step, direction).then_some((Self::Reflection(step), 0)),
        }
    }

    /// "adding “Hire Ana”", "restoring the backup from …".
    fn what(&self) -> String {
        match self {
            Self::Decisions { kind: Kind::Restored(label), .. } => format!("restoring {label}"),
            Self::Decisions { kind: Kind::Imported, steps } => {
                format!("importing {}", count(steps.len(), "decision", "decisions"))
            }
            Self::Decisions { kind, steps } => {
                let verb = match kind {
                    Kind::Added => "adding",
                    Kind::Updated => "editing",
                    _ => "deleting",
                };
                let title = steps.first().map_or("", Step::title);
                format!("{verb} \u{201c}{title}\u{201d}")
            }
            Self::Point(step) => format!("the change to the talking point \u{201c}{}\u{201d}", step.text()),
            Self::BriefMarked(mark) => format!("marking the brief of {}", brief_subject(mark)),
            Self::Goal(step) => format!("the change to the goal \u{201c}{}\u{201d}", goal_title(step)),
            Self::Reflection(step) => format!("the reflection on the week of {}", reflection_week(step)),
        }
    }

    /// What the change did, as the status line says it when it is made.
    fn done(&self) -> String {
        match self {
            Self::Decisions { kind, steps } => {
                let first = steps.first();
                let title = first.map_or("", Step::title);
                match kind {
                    Kind::Added => format!("Added \u{201c}{title}\u{201d}"),
                    Kind::Deleted => format!("Deleted \u{201c}{title}\u{201d}"),
                    Kind::Restored(label) => format!("Restored {label}"),
                    Kind::Updated => match first.and_then(|step| step.before.as_ref().zip(step.after.as_ref())) {
                        // A snooze: say where the review went, not just "Saved".
                        Some((before, after)) if only_review_date_moved(before, after) => match after.review_on {
                            Some(on) => format!("Review of \u{201c}{title}\u{201d} moved to {on}"),
                            None => format!("Review date of \u{201c}{title}\u{201d} cleared"),
                        },
                        _ => format!("Saved \u{201c}{title}\u{201d}"),
                    },
                    Kind::Imported => {
                        let added = steps.iter().filter(|step| step.before.is_none()).count();
                        let updated = steps.len() - added;
                        match (added, updated) {
                            (added, 0) => format!("Imported {}", count(added, "decision", "decisions")),
                            (0, updated) => format!("Imported updates to {}", count(updated, "decision", "decisions")),
                            (added, updated) => format!("Imported {added} new and {updated} updated decisions"),
                        }
                    }
                }
            }
            Self::Point(PointStep { before: None, after: Some(point), .. }) => {
                format!("Added the talking point \u{201c}{}\u{201d}", point.text)
            }
            Self::Point(PointStep { after: Some(point), .. }) if point.done.is_some() => {
                format!("Ticked off \u{201c}{}\u{201d}", point.text)
            }
            Self::Point(PointStep { after: Some(point), .. }) => format!("Reopened \u{201c}{}\u{201d}", point.text),
            Self::Point(step) => format!("Removed the talking point \u{201c}{}\u{201d}", step.text()),
            Self::BriefMarked(mark) => format!("Marked the brief of {} ({})", brief_subject(mark), mark.on),
            Self::Goal(step) => match (&step.before, &step.after) {
                (None, Some(goal)) => format!("Set the goal \u{201c}{}\u{201d}", goal.title),
                (_, None) => format!("Removed the goal \u{201c}{}\u{201d}", goal_title(step)),
                (Some(_), Some(goal)) => match goal.state() {
                    crate::model::GoalState::Done(_) => format!("Marked \u{201c}{}\u{201d} done", goal.title),
                    crate::model::GoalState::Abandoned(_) => format!("Set \u{201c}{}\u{201d} aside", goal.title),
                    crate::model::GoalState::Active => format!("Saved the goal \u{201c}{}\u{201d}", goal.title),
                },
            },
            Self::Reflection(step) => format!("Saved the reflection on the week of {}", reflection_week(step)),
        }
    }
}

/// A goal change's goal title.
fn goal_title(step: &RecordStep<Goal>) -> &str {
    step.latest().map_or("", |goal| goal.title.as_str())
}

/// A reflection change's week, its Monday.
fn reflection_week(step: &RecordStep<Reflection>) -> String {
    step.latest().map_or_else(String::new, |reflection| reflection.week.to_string())
}

/// Whom a brief mark is about: a name, or "my decisions".
fn brief_subject(mark: &BriefMark) -> String {
    mark.person.clone().unwrap_or_else(|| "my decisions".to_owned())
}

/// What applying an edit did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The journal changed; the text says how.
    Changed(String),
    /// Nothing changed, and the user should hear why (an undo of a change
    /// that was since changed from outside).
    Refused(String),
    /// Nothing to do (unknown id, empty undo stack…).
    Unchanged,
}

/// The undo and redo stacks of the journal open in the window (held by
/// [`super::JournalState`], which alone changes the journal).
#[derive(Debug, Default)]
pub(super) struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// Forgets every change: they were made to a journal no longer open.
    pub(super) fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// Applies `edit` to `journal`, recording it for undo.
    pub(super) fn apply(&mut self, journal: &mut Journal, edit: Edit) -> Outcome {
        let change = match edit {
            Edit::Add(decision) => {
                let index = journal.len();
                journal.push(decision.clone());
                Change::Decisions {
                    kind: Kind::Added,
                    steps: vec![Step { before: None, after: Some(decision), index }],
                }
            }
            Edit::Update(after) => match journal.replace(after.clone()) {
                Some(before) if before == after => return Outcome::Unchanged,
                Some(before) => {
                    let index = journal.position(&after.id).unwrap_or_default();
                    Change::Decisions {
                        kind: Kind::Updated,
                        steps: vec![Step { before: Some(before), after: Some(after), index }],
                    }
                }
                None => return Outcome::Unchanged,
            },
            Edit::Delete(id) => match journal.remove(&id) {
                Some((index, decision)) => Change::Decisions {
                    kind: Kind::Deleted,
                    steps: vec![Step { before: Some(decision), after: None, index }],
                },
                None => return Outcome::Unchanged,
            },
            Edit::Import(plan) => {
                let start = journal.len();
                let applied = interop::apply(&plan, journal);
                if applied.is_empty() {
                    return Outcome::Unchanged;
                }
                let added = applied.added.into_iter().enumerate().map(|(offset, decision)| Step {
                    before: None,
                    after: Some(decision),
                    index: start + offset,
                });
                let replaced = applied.replaced.into_iter().map(|(before, after)| Step {
                    before: Some(before),
                    after: Some(after),
                    index: 0,
                });
                Change::Decisions { kind: Kind::Imported, steps: added.chain(replaced).collect() }
            }
            Edit::Restore { decisions, label } => {
                let steps = restore_steps(journal, &decisions);
                if steps.is_empty() {
                    return Outcome::Unchanged;
                }
                let (steps, _) = run_steps(journal, steps, Direction::Forward);
                Change::Decisions { kind: Kind::Restored(label), steps }
            }
            Edit::AddPoint(point) => {
                let index = journal.talking_points().len();
                journal.talking_points_mut().push(point.clone());
                Change::Point(PointStep { before: None, after: Some(point), index })
            }
            Edit::TickPoint { id, done } => {
                let Some(index) = journal.talking_points().iter().position(|p| p.id == id) else {
                    return Outcome::Unchanged;
                };
                let before = journal.talking_points()[index].clone();
                if before.done == done {
                    return Outcome::Unchanged;
                }
                let after = TalkingPoint { done, ..before.clone() };
                journal.talking_points_mut()[index] = after.clone();
                Change::Point(PointStep { before: Some(before), after: Some(after), index })
            }
            Edit::RemovePoint(id) => {
                let Some(index) = journal.talking_points().iter().position(|p| p.id == id) else {
                    return Outcome::Unchanged;
                };
                let before = journal.talking_points_mut().remove(index);
                Change::Point(PointStep { before: Some(before), after: None, index })
            }
            Edit::RecordBrief(mark) => {
                if !journal.record_brief(mark.clone()) {
                    return Outcome::Unchanged;
                }
                Change::BriefMarked(mark)
            }
            Edit::AddGoal(goal) => {
                let index = journal.goals().len();
                journal.add_goal(goal.clone());
                // Undone, the goal is removed "when it was set": the closest
                // time the history knows (a removal's time is for people to
                // read; its version decides merges).
                let at = goal.updated;
                Change::Goal(Box::new(RecordStep { before: None, after: Some(goal), index, at }))
            }
            Edit::UpdateGoal(after) => {
                let Some(index) = journal.goals().iter().position(|goal| goal.id == after.id) else {
                    return Outcome::Unchanged;
                };
                let Some(before) = journal.update_goal(after.clone()) else { return Outcome::Unchanged };
                if before.same_content(&after) {
                    return Outcome::Unchanged;
                }
                let at = after.updated;
                Change::Goal(Box::new(RecordStep { before: Some(before), after: Some(after), index, at }))
            }
            Edit::RemoveGoal { id, at } => {
                let Some((index, before)) = journal.remove_goal(&id, at) else { return Outcome::Unchanged };
                Change::Goal(Box::new(RecordStep { before: Some(before), after: None, index, at }))
            }
            Edit::SaveReflection(after) => {
                let at = after.updated;
                let before = journal.save_reflection(after.clone());
                // The same answers saved again change nothing worth an undo
                // step, whatever the time they were saved at.
                if let Some(before) = before.as_ref().filter(|before| before.answers == after.answers) {
                    journal.save_reflection(before.clone());
                    return Outcome::Unchanged;
                }
                Change::Reflection(Box::new(RecordStep { before, after: Some(after), index: 0, at }))
            }
            Edit::Undo => return Self::step(&mut self.undo, &mut self.redo, journal, Direction::Back),
            Edit::Redo => return Self::step(&mut self.redo, &mut self.undo, journal, Direction::Forward),
        };
        let text = change.done();
        self.undo.push(change);
        self.redo.clear();
        Outcome::Changed(text)
    }

    /// Undoes (or redoes) the change on top of `from`, moving it to `to`.
    /// A change whose every decision was changed from outside since is
    /// dropped with a message, so the next undo goes on to the one before.
    fn step(from: &mut Vec<Change>, to: &mut Vec<Change>, journal: &mut Journal, direction: Direction) -> Outcome {
        let Some(change) = from.pop() else { return Outcome::Unchanged };
        let verb = if direction == Direction::Back { "Undid" } else { "Redid" };
        let what = change.what();
        let Some((ran, left_alone)) = change.run(journal, direction) else {
            let verb = if direction == Direction::Back { "undo" } else { "redo" };
            return Outcome::Refused(format!(
                "Could not {verb} {what}: it was changed elsewhere since (another window, the command line or a sync service), so it is left as it is"
            ));
        };
        to.push(ran);
        let mut text = format!("{verb} {what}");
        if left_alone > 0 {
            let (was, it) = if left_alone == 1 { ("was", "it is") } else { ("were", "they are") };
            text = format!(
                "{text}; {} changed elsewhere since {was} left as {it}",
                count(left_alone, "decision", "decisions")
            );
        }
        Outcome::Changed(text)
    }

    /// Whether there is something to undo.
    #[must_use]
    pub(super) fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub(super) fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// The steps that turn `journal`'s decisions into `restored`'s, by id: the
/// decisions the backup lacks removed, those it has added or put back as
/// they were.
fn restore_steps(journal: &Journal, restored: &[Decision]) -> Vec<Step> {
    let now = journal.positions();
    let mut steps = Vec::new();
    let mut in_backup = std::collections::HashSet::new();
    for (index, decision) in restored.iter().enumerate() {
        in_backup.insert(&decision.id);
        let current = now.get(&decision.id).and_then(|&at| journal.decisions().get(at));
        if current != Some(decision) {
            steps.push(Step { before: current.cloned(), after: Some(decision.clone()), index });
        }
    }
    for (index, decision) in journal.decisions().iter().enumerate() {
        if !in_backup.contains(&decision.id) {
            steps.push(Step { before: Some(decision.clone()), after: None, index });
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::civil::date;

    use super::*;
    use crate::interop::ImportPlan;
    use crate::model::DecisionDraft;

    fn decision(title: &str) -> Decision {
        DecisionDraft { title: title.into(), ..DecisionDraft::default() }
            .into_new_decision(date(2026, 3, 1), Timestamp::UNIX_EPOCH)
            .expect("valid")
    }

    fn titles(journal: &Journal) -> Vec<&str> {
        journal.decisions().iter().map(|d| d.title.as_str()).collect()
    }

    #[test]
    fn goals_are_set_done_removed_and_each_step_undone_and_redone() {
        use crate::model::{GoalKind, GoalState};
        let mut journal = Journal::default();
        let mut history = History::default();
        let mut goal = Goal::new(
            "Lead confident seniors",
            GoalKind::Share,
            date(2026, 1, 1),
            date(2026, 3, 31),
            Timestamp::UNIX_EPOCH,
        );
        goal.min_percent = Some(60);
        history.apply(&mut journal, Edit::AddGoal(goal.clone()));
        let done = Goal { done: Some(date(2026, 3, 1)), ..goal.clone() };
        assert!(
            matches!(history.apply(&mut journal, Edit::UpdateGoal(done)), Outcome::Changed(text) if text.contains("done"))
        );
        assert_eq!(journal.goals()[0].state(), GoalState::Done(date(2026, 3, 1)));
        let at = Timestamp::from_second(1_800_000_000).expect("time");
        history.apply(&mut journal, Edit::RemoveGoal { id: goal.id.clone(), at });
        assert!(journal.goals().is_empty());
        assert_eq!(journal.removed_records().len(), 1, "a tombstone for the other copies");

        history.apply(&mut journal, Edit::Undo);
        assert_eq!(journal.goals().len(), 1, "removal undone");
        assert!(journal.removed_records().is_empty(), "and its tombstone gone");
        history.apply(&mut journal, Edit::Undo);
        assert_eq!(journal.goals()[0].state(), GoalState::Active, "done undone");
        history.apply(&mut journal, Edit::Undo);
        assert!(journal.goals().is_empty(), "the new goal undone");
        history.apply(&mut journal, Edit::Redo);
        history.apply(&mut journal, Edit::Redo);
        assert_eq!(journal.goals()[0].state(), GoalState::Done(date(2026, 3, 1)));
    }

    #[test]
    fn a_reflection_saved_twice_undoes_to_the_first_answers_then_to_none() {
        use crate::model::Answer;
        let mut journal = Journal::default();
        let mut history = History::default();
        let answer = |text: &str| vec![Answer { question: "What went well?".into(), answer: text.into() }];
        let first = Reflection::new(date(2026, 3, 4), answer("The retro"), Timestamp::UNIX_EPOCH);
        history.apply(&mut journal, Edit::SaveReflection(first.clone()));
        let second = Reflection { answers: answer("The retro, and the hand-off"), ..first.clone() };
        history.apply(&mut journal, Edit::SaveReflection(second));
        let week = date(2026, 3, 2);
        assert_eq!(journal.reflection_for(week).expect("saved").answers[0].answer, "The retro, and the hand-off");
        history.apply(&mut journal, Edit::Undo);
        assert_eq!(journal.reflection_for(week).expect("kept").answers[0].answer, "The retro");
        history.apply(&mut journal, Edit::Undo);
        assert!(journal.reflection_for(week).is_none());
        history.apply(&mut journal, Edit::Redo);
        assert_eq!(journal.reflection_for(week).expect("back").answers[0].answer, "The retro");
    }

    #[test]
    fn add_edit_delete_undo_and_redo_in_order() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let (a, b) = (decision("A"), decision("B"));
        history.apply(&mut journal, Edit::Add(a.clone()));
        history.apply(&mut journal, Edit::Add(b.clone()));
        let mut renamed = a.clone();
        renamed.title = "A2".into();
        history.apply(&mut journal, Edit::Update(renamed));
        history.apply(&mut journal, Edit::Delete(a.id.clone()));
        assert_eq!(titles(&journal), ["B"]);

        history.apply(&mut journal, Edit::Undo);
        assert_eq!(titles(&journal), ["A2", "B"], "delete undone in place");
        history.apply(&mut journal, Edit::Undo);
        assert_eq!(titles(&journal), ["A", "B"]);
        history.apply(&mut journal, Edit::Redo);
        assert_eq!(titles(&journal), ["A2", "B"]);
        history.apply(&mut journal, Edit::Undo);
        history.apply(&mut journal, Edit::Undo);
        history.apply(&mut journal, Edit::Undo);
        assert_eq!(titles(&journal), Vec::<&str>::new());
        assert!(!history.can_undo());
        assert_eq!(history.apply(&mut journal, Edit::Undo), Outcome::Unchanged);
        history.apply(&mut journal, Edit::Redo);
        assert_eq!(titles(&journal), ["A"]);
    }

    #[test]
    fn an_import_is_one_step_to_undo_and_redo() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let kept = decision("Kept");
        history.apply(&mut journal, Edit::Add(kept.clone()));
        let mut newer = kept.clone();
        newer.title = "Kept, updated by the import".into();
        newer.updated += jiff::SignedDuration::from_hours(1);
        let plan =
            ImportPlan { added: vec![decision("A"), decision("B")], updated: vec![newer], ..ImportPlan::default() };

        let outcome = history.apply(&mut journal, Edit::Import(plan.clone()));
        assert_eq!(outcome, Outcome::Changed("Imported 2 new and 1 updated decisions".into()));
        assert_eq!(titles(&journal), ["Kept, updated by the import", "A", "B"]);
        assert_eq!(history.apply(&mut journal, Edit::Undo), Outcome::Changed("Undid importing 3 decisions".into()));
        assert_eq!(titles(&journal), ["Kept"]);
        history.apply(&mut journal, Edit::Redo);
        assert_eq!(titles(&journal), ["Kept, updated by the import", "A", "B"]);
        assert_eq!(history.apply(&mut journal, Edit::Import(plan)), Outcome::Unchanged, "nothing left to import");
    }

    #[test]
    fn talking_points_add_tick_remove_and_undo() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let point = TalkingPoint::new("Ana", "Ask about the on-call rota", date(2026, 3, 1));
        history.apply(&mut journal, Edit::AddPoint(point.clone()));
        history.apply(&mut journal, Edit::TickPoint { id: point.id.clone(), done: Some(date(2026, 3, 5)) });
        assert!(journal.open_points_for("ana").is_empty());
        history.apply(&mut journal, Edit::Undo);
        assert_eq!(journal.open_points_for("ana").len(), 1);
        history.apply(&mut journal, Edit::RemovePoint(point.id.clone()));
        assert!(journal.talking_points().is_empty());
        history.apply(&mut journal, Edit::Undo);
        assert_eq!(journal.talking_points(), std::slice::from_ref(&point));
        history.apply(&mut journal, Edit::Undo);
        assert!(journal.talking_points().is_empty());
        history.apply(&mut journal, Edit::Redo);
        assert_eq!(journal.talking_points(), [point]);
    }

    #[test]
    fn a_new_change_clears_redo_and_no_ops_are_not_recorded() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let a = decision("A");
        history.apply(&mut journal, Edit::Add(a.clone()));
        assert_eq!(history.apply(&mut journal, Edit::Update(a.clone())), Outcome::Unchanged);
        history.apply(&mut journal, Edit::Undo);
        assert!(history.can_redo());
        history.apply(&mut journal, Edit::Add(decision("B")));
        assert!(!history.can_redo());
        assert_eq!(history.apply(&mut journal, Edit::Delete(a.id)), Outcome::Unchanged);
    }

    #[test]
    fn undo_of_a_restore_leaves_a_decision_added_outside_since() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let (a, b) = (decision("A"), decision("B"));
        history.apply(&mut journal, Edit::Add(a.clone()));
        history.apply(&mut journal, Edit::Add(b));
        history.apply(&mut journal, Edit::Restore { decisions: vec![a], label: "the backup".into() });
        assert_eq!(titles(&journal), ["A"]);
        let mut merged = journal.clone();
        merged.push(decision("From outside"));
        journal = merged;

        assert_eq!(history.apply(&mut journal, Edit::Undo), Outcome::Changed("Undid restoring the backup".into()));
        assert_eq!(titles(&journal), ["A", "B", "From outside"]);
        history.apply(&mut journal, Edit::Redo);
        assert_eq!(titles(&journal), ["A", "From outside"]);
    }

    #[test]
    fn undo_of_a_point_finds_it_by_id_after_an_outside_change_moved_it() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let earlier = TalkingPoint::new("Ana", "Earlier", date(2026, 3, 1));
        let later = TalkingPoint::new("Ana", "Later", date(2026, 3, 1));
        history.apply(&mut journal, Edit::AddPoint(earlier.clone()));
        history.apply(&mut journal, Edit::AddPoint(later.clone()));
        history.apply(&mut journal, Edit::TickPoint { id: later.id.clone(), done: Some(date(2026, 3, 5)) });
        let mut merged = journal.clone();
        merged.talking_points_mut().remove(0);
        journal = merged;

        history.apply(&mut journal, Edit::Undo);
        assert_eq!(journal.talking_points(), std::slice::from_ref(&later));
    }

    #[test]
    fn undo_of_a_change_overtaken_from_outside_is_refused_and_the_next_one_undone() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let (a, b) = (decision("A"), decision("B"));
        history.apply(&mut journal, Edit::Add(a.clone()));
        history.apply(&mut journal, Edit::Add(b.clone()));
        let mut merged = journal.clone();
        merged.replace(Decision { title: "B, edited outside".into(), ..b });
        journal = merged;

        let refused = history.apply(&mut journal, Edit::Undo);
        assert!(
            matches!(&refused, Outcome::Refused(text) if text.starts_with("Could not undo adding \u{201c}B\u{201d}"))
        );
        assert_eq!(titles(&journal), ["A", "B, edited outside"]);
        assert!(!history.can_redo(), "nothing to redo: it was never undone");
        history.apply(&mut journal, Edit::Undo);
        assert_eq!(titles(&journal), ["B, edited outside"]);
    }

    #[test]
    fn an_undone_restore_puts_many_decisions_back_where_they_were() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let all: Vec<Decision> = (0..50).map(|n| decision(&format!("D{n:02}"))).collect();
        for decision in &all {
            history.apply(&mut journal, Edit::Add(decision.clone()));
        }
        let kept: Vec<Decision> = all.iter().step_by(7).cloned().collect();
        history.apply(&mut journal, Edit::Restore { decisions: kept.clone(), label: "b".into() });
        assert_eq!(journal.decisions(), kept.as_slice());
        history.apply(&mut journal, Edit::Undo);
        assert_eq!(journal.decisions(), all.as_slice(), "in their old order");
    }
}
