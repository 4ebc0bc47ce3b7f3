//! Every change to the journal is a [`Command`], applied in one place so
//! undo, redo, dirty tracking and saving hang off it.

use crate::interop::{self, Applied, ImportPlan};
use jiff::civil::Date;

use crate::model::{BriefMark, Decision, DecisionId, Journal, TalkingPoint};

/// A change the UI asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Add a new decision.
    Add(Decision),
    /// Replace the decision with the same id.
    Update(Decision),
    /// Delete a decision.
    Delete(DecisionId),
    /// Add and update the decisions of an import, as one undoable step.
    Import(ImportPlan),
    /// Replace every decision with those of a backup; `label` names it
    /// ("the backup from 2026-11-28 14:02 (186 decisions)").
    Restore {
        /// The backup's decisions.
        decisions: Vec<Decision>,
        /// What the backup is, for the status line.
        label: String,
    },
    /// Add a talking point.
    AddPoint(TalkingPoint),
    /// Tick a talking point off (`Some(day)`) or open it again (`None`).
    TickPoint {
        /// The point's id.
        id: String,
        /// The day it was done, or `None` to reopen it.
        done: Option<Date>,
    },
    /// Remove a talking point.
    RemovePoint(String),
    /// Remember that a brief was exported, so the next one about the same
    /// person starts from its day.
    RecordBrief(BriefMark),
    /// Revert the last change.
    Undo,
    /// Re-apply the last undone change.
    Redo,
}

/// Whether an edit changed nothing but the review date (and the time of
/// the edit).
fn only_review_date_moved(before: &Decision, after: &Decision) -> bool {
    before.review_on != after.review_on
        && Decision { review_on: after.review_on, updated: after.updated, ..before.clone() } == *after
}

/// A change that happened, with what is needed to revert it.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Added(Decision),
    Updated {
        before: Box<Decision>,
        after: Box<Decision>,
    },
    Deleted {
        index: usize,
        decision: Decision,
    },
    Imported(Applied),
    Replaced {
        before: Vec<Decision>,
        after: Vec<Decision>,
        label: String,
    },
    /// A talking point added, changed or removed: where it was and both states.
    Point {
        index: usize,
        before: Option<TalkingPoint>,
        after: Option<TalkingPoint>,
    },
    /// A brief mark recorded.
    BriefMarked(BriefMark),
}

/// Puts `point` (or nothing) at `index` of the talking points, replacing
/// what is there when `replace`.
fn set_point(journal: &mut Journal, index: usize, current: Option<&TalkingPoint>, next: Option<&TalkingPoint>) {
    let points = journal.talking_points_mut();
    match (current, next) {
        (Some(_), Some(point)) => {
            if let Some(slot) = points.get_mut(index) {
                *slot = point.clone();
            }
        }
        (Some(_), None) => {
            if index < points.len() {
                points.remove(index);
            }
        }
        (None, Some(point)) => points.insert(index.min(points.len()), point.clone()),
        (None, None) => {}
    }
}

impl Change {
    fn revert(&self, journal: &mut Journal) {
        match self {
            Self::Added(decision) => {
                journal.remove(&decision.id);
            }
            Self::Updated { before, .. } => {
                journal.replace(before.as_ref().clone());
            }
            Self::Deleted { index, decision } => journal.insert(*index, decision.clone()),
            Self::Imported(applied) => applied.revert(journal),
            Self::Replaced { before, .. } => journal.set_decisions(before.clone()),
            Self::Point { index, before, after } => set_point(journal, *index, after.as_ref(), before.as_ref()),
            Self::BriefMarked(mark) => journal.forget_brief(mark),
        }
    }

    fn reapply(&self, journal: &mut Journal) {
        match self {
            Self::Added(decision) => journal.push(decision.clone()),
            Self::Updated { after, .. } => {
                journal.replace(after.as_ref().clone());
            }
            Self::Deleted { decision, .. } => {
                journal.remove(&decision.id);
            }
            Self::Imported(applied) => applied.reapply(journal),
            Self::Replaced { after, .. } => journal.set_decisions(after.clone()),
            Self::Point { index, before, after } => set_point(journal, *index, before.as_ref(), after.as_ref()),
            Self::BriefMarked(mark) => {
                journal.record_brief(mark.clone());
            }
        }
    }

    fn describe(&self, verb: &str) -> String {
        if let Self::Replaced { label, .. } = self {
            return format!("{verb} restoring {label}");
        }
        if let Self::BriefMarked(mark) = self {
            return format!("{verb} marking the brief of {}", brief_subject(mark));
        }
        if let Self::Point { before, after, .. } = self {
            let text = after.as_ref().or(before.as_ref()).map_or("", |p| p.text.as_str());
            return format!("{verb} the change to the talking point \u{201c}{text}\u{201d}");
        }
        let (what, title) = match self {
            Self::Added(decision) => ("adding", &decision.title),
            Self::Updated { after, .. } => ("editing", &after.title),
            Self::Deleted { decision, .. } => ("deleting", &decision.title),
            Self::Imported(applied) => return format!("{verb} importing {}", decisions(applied.len())),
            Self::Replaced { label, .. } => ("restoring", label),
            Self::Point { .. } | Self::BriefMarked(_) => return String::new(),
        };
        format!("{verb} {what} \u{201c}{title}\u{201d}")
    }
}

/// Whom a brief mark is about: a name, or "my decisions".
fn brief_subject(mark: &BriefMark) -> String {
    mark.person.clone().unwrap_or_else(|| "my decisions".to_owned())
}

/// "1 decision", "12 decisions".
fn decisions(count: usize) -> String {
    crate::model::words::count(count, "decision", "decisions")
}

/// What applying a command did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The journal changed; the text says how.
    Changed(String),
    /// Nothing to do (unknown id, empty undo stack…).
    Unchanged,
}

/// The journal plus its undo and redo stacks for this session.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl History {
    /// Applies `command` to `journal`, recording it for undo.
    pub fn apply(&mut self, journal: &mut Journal, command: Command) -> Outcome {
        let change = match command {
            Command::Add(decision) => {
                journal.push(decision.clone());
                Change::Added(decision)
            }
            Command::Update(after) => match journal.replace(after.clone()) {
                Some(before) if before == after => return Outcome::Unchanged,
                Some(before) => Change::Updated { before: Box::new(before), after: Box::new(after) },
                None => return Outcome::Unchanged,
            },
            Command::Delete(id) => match journal.remove(&id) {
                Some((index, decision)) => Change::Deleted { index, decision },
                None => return Outcome::Unchanged,
            },
            Command::Import(plan) => {
                let applied = interop::apply(&plan, journal);
                if applied.is_empty() {
                    return Outcome::Unchanged;
                }
                Change::Imported(applied)
            }
            Command::Restore { decisions, label } => {
                let before = journal.decisions().to_vec();
                if before == decisions {
                    return Outcome::Unchanged;
                }
                journal.set_decisions(decisions.clone());
                Change::Replaced { before, after: decisions, label }
            }
            Command::AddPoint(point) => {
                let index = journal.talking_points().len();
                journal.talking_points_mut().push(point.clone());
                Change::Point { index, before: None, after: Some(point) }
            }
            Command::TickPoint { id, done } => {
                let Some(index) = journal.talking_points().iter().position(|p| p.id == id) else {
                    return Outcome::Unchanged;
                };
                let before = journal.talking_points()[index].clone();
                if before.done == done {
                    return Outcome::Unchanged;
                }
                let after = TalkingPoint { done, ..before.clone() };
                journal.talking_points_mut()[index] = after.clone();
                Change::Point { index, before: Some(before), after: Some(after) }
            }
            Command::RemovePoint(id) => {
                let Some(index) = journal.talking_points().iter().position(|p| p.id == id) else {
                    return Outcome::Unchanged;
                };
                let before = journal.talking_points_mut().remove(index);
                Change::Point { index, before: Some(before), after: None }
            }
            Command::RecordBrief(mark) => {
                if !journal.record_brief(mark.clone()) {
                    return Outcome::Unchanged;
                }
                Change::BriefMarked(mark)
            }
            Command::Undo => {
                let Some(change) = self.undo.pop() else { return Outcome::Unchanged };
                change.revert(journal);
                let text = change.describe("Undid");
                self.redo.push(change);
                return Outcome::Changed(text);
            }
            Command::Redo => {
                let Some(change) = self.redo.pop() else { return Outcome::Unchanged };
                change.reapply(journal);
                let text = change.describe("Redid");
                self.undo.push(change);
                return Outcome::Changed(text);
            }
        };
        let text = match &change {
            Change::Added(decision) => format!("Added \u{201c}{}\u{201d}", decision.title),
            // A snooze: say where the review went, not just "Saved".
            Change::Updated { before, after } if only_review_date_moved(before, after) => match after.review_on {
                Some(on) => format!("Review of \u{201c}{}\u{201d} moved to {on}", after.title),
                None => format!("Review date of \u{201c}{}\u{201d} cleared", after.title),
            },
            Change::Updated { after, .. } => format!("Saved \u{201c}{}\u{201d}", after.title),
            Change::Deleted { decision, .. } => format!("Deleted \u{201c}{}\u{201d}", decision.title),
            Change::Imported(applied) if applied.replaced.is_empty() => {
                format!("Imported {}", decisions(applied.len()))
            }
            Change::Imported(applied) if applied.added.is_empty() => {
                format!("Imported updates to {}", decisions(applied.replaced.len()))
            }
            Change::Imported(applied) => {
                format!("Imported {} new and {} updated decisions", applied.added.len(), applied.replaced.len())
            }
            Change::Replaced { label, .. } => format!("Restored {label}"),
            Change::Point { before: None, after: Some(point), .. } => {
                format!("Added the talking point \u{201c}{}\u{201d}", point.text)
            }
            Change::Point { after: Some(point), .. } if point.done.is_some() => {
                format!("Ticked off \u{201c}{}\u{201d}", point.text)
            }
            Change::Point { after: Some(point), .. } => format!("Reopened \u{201c}{}\u{201d}", point.text),
            Change::BriefMarked(mark) => format!("Marked the brief of {} ({})", brief_subject(mark), mark.on),
            Change::Point { before, .. } => {
                format!("Removed the talking point \u{201c}{}\u{201d}", before.as_ref().map_or("", |p| p.text.as_str()))
            }
        };
        self.undo.push(change);
        self.redo.clear();
        Outcome::Changed(text)
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::civil::date;

    use super::*;
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
    fn add_edit_delete_undo_and_redo_in_order() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let (a, b) = (decision("A"), decision("B"));
        history.apply(&mut journal, Command::Add(a.clone()));
        history.apply(&mut journal, Command::Add(b.clone()));
        let mut renamed = a.clone();
        renamed.title = "A2".into();
        history.apply(&mut journal, Command::Update(renamed));
        history.apply(&mut journal, Command::Delete(a.id.clone()));
        assert_eq!(titles(&journal), ["B"]);

        history.apply(&mut journal, Command::Undo);
        assert_eq!(titles(&journal), ["A2", "B"], "delete undone in place");
        history.apply(&mut journal, Command::Undo);
        assert_eq!(titles(&journal), ["A", "B"]);
        history.apply(&mut journal, Command::Redo);
        assert_eq!(titles(&journal), ["A2", "B"]);
        history.apply(&mut journal, Command::Undo);
        history.apply(&mut journal, Command::Undo);
        history.apply(&mut journal, Command::Undo);
        assert_eq!(titles(&journal), Vec::<&str>::new());
        assert!(!history.can_undo());
        assert_eq!(history.apply(&mut journal, Command::Undo), Outcome::Unchanged);
        history.apply(&mut journal, Command::Redo);
        assert_eq!(titles(&journal), ["A"]);
    }

    #[test]
    fn an_import_is_one_step_to_undo_and_redo() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let kept = decision("Kept");
        history.apply(&mut journal, Command::Add(kept.clone()));
        let mut newer = kept.clone();
        newer.title = "Kept, updated by the import".into();
        newer.updated += jiff::SignedDuration::from_hours(1);
        let plan =
            ImportPlan { added: vec![decision("A"), decision("B")], updated: vec![newer], ..ImportPlan::default() };

        let outcome = history.apply(&mut journal, Command::Import(plan.clone()));
        assert_eq!(outcome, Outcome::Changed("Imported 2 new and 1 updated decisions".into()));
        assert_eq!(titles(&journal), ["Kept, updated by the import", "A", "B"]);
        assert_eq!(history.apply(&mut journal, Command::Undo), Outcome::Changed("Undid importing 3 decisions".into()));
        assert_eq!(titles(&journal), ["Kept"]);
        history.apply(&mut journal, Command::Redo);
        assert_eq!(titles(&journal), ["Kept, updated by the import", "A", "B"]);
        assert_eq!(history.apply(&mut journal, Command::Import(plan)), Outcome::Unchanged, "nothing left to import");
    }

    #[test]
    fn talking_points_add_tick_remove_and_undo() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let point = TalkingPoint::new("Ana", "Ask about the on-call rota", date(2026, 3, 1));
        history.apply(&mut journal, Command::AddPoint(point.clone()));
        history.apply(&mut journal, Command::TickPoint { id: point.id.clone(), done: Some(date(2026, 3, 5)) });
        assert!(journal.open_points_for("ana").is_empty());
        history.apply(&mut journal, Command::Undo);
        assert_eq!(journal.open_points_for("ana").len(), 1);
        history.apply(&mut journal, Command::RemovePoint(point.id.clone()));
        assert!(journal.talking_points().is_empty());
        history.apply(&mut journal, Command::Undo);
        assert_eq!(journal.talking_points(), std::slice::from_ref(&point));
        history.apply(&mut journal, Command::Undo);
        assert!(journal.talking_points().is_empty());
        history.apply(&mut journal, Command::Redo);
        assert_eq!(journal.talking_points(), [point]);
    }

    #[test]
    fn a_new_change_clears_redo_and_no_ops_are_not_recorded() {
        let mut journal = Journal::default();
        let mut history = History::default();
        let a = decision("A");
        history.apply(&mut journal, Command::Add(a.clone()));
        assert_eq!(history.apply(&mut journal, Command::Update(a.clone())), Outcome::Unchanged);
        history.apply(&mut journal, Command::Undo);
        assert!(history.can_redo());
        history.apply(&mut journal, Command::Add(decision("B")));
        assert!(!history.can_redo());
        assert_eq!(history.apply(&mut journal, Command::Delete(a.id)), Outcome::Unchanged);
    }
}
