//! An edit of the journal: what a page, a form or a key asks to change in
//! it. The window applies it through [`super::JournalState::apply`], where
//! it is recorded for undo.

use jiff::civil::Date;

use crate::interop::ImportPlan;
use crate::model::{BriefMark, Decision, DecisionId, Goal, Reflection, TalkingPoint};

/// An edit of the journal.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
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
    /// Set a new development goal.
    AddGoal(Goal),
    /// Replace the goal with the same id (an edit, done, abandoned, or
    /// active again).
    UpdateGoal(Goal),
    /// Remove a goal; `at` dates the removal for the journal's other copies.
    RemoveGoal {
        /// The goal's id.
        id: String,
        /// When it was removed.
        at: jiff::Timestamp,
    },
    /// Save a week's reflection (a new one, or the answers changed).
    SaveReflection(Reflection),
    /// Revert the last change.
    Undo,
    /// Re-apply the last undone change.
    Redo,
}
