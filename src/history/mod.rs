//! The journal open in the window and the only ways it changes. A
//! [`JournalState`] holds the journal, its undo history and its revision
//! together: an [`Edit`] applied, a file opened and a change taken in from
//! outside (another process, a sync service) are the three doors, and each
//! bumps the revision itself, so every cache keyed by it (a page's rows, the
//! navigation's badge) sees the change.
//!
//! Part of the domain: it knows no window. The app owns one and is the only
//! caller of its doors; pages read the journal through the context and ask
//! for edits through it.

mod edit;
mod undo;

pub use edit::Edit;
pub use undo::Outcome;

use crate::model::Journal;
use undo::History;

/// The journal, its undo and redo stacks, and a revision that counts its
/// changes.
#[derive(Debug, Default)]
pub struct JournalState {
    journal: Journal,
    history: History,
    revision: u64,
}

impl JournalState {
    /// A state holding `journal`, with nothing to undo.
    #[must_use]
    pub fn new(journal: Journal) -> Self {
        Self { journal, history: History::default(), revision: 0 }
    }

    /// The journal as it is now.
    #[must_use]
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// How many times the journal has changed: equal revisions mean the
    /// same journal, so a cache keyed by it is still good.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Applies `edit`, recording it for undo (an undo or redo moves between
    /// the stacks). The revision moves only when the journal changed.
    pub fn apply(&mut self, edit: Edit) -> Outcome {
        let outcome = self.history.apply(&mut self.journal, edit);
        if matches!(outcome, Outcome::Changed(_)) {
            self.revision += 1;
        }
        outcome
    }

    /// A journal opened (another file, or the same one read afresh): what
    /// was done to the one before cannot be undone on it.
    pub fn open(&mut self, opened: Journal) {
        self.history.clear();
        self.journal = opened;
        self.revision += 1;
    }

    /// The journal merged with a change from outside. Undo and redo stay:
    /// they work by id and leave alone what the outside change touched, so
    /// they never revert what arrived.
    pub fn take_in(&mut self, merged: Journal) {
        if merged != self.journal {
            self.journal = merged;
            self.revision += 1;
        }
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Decision, DecisionDraft};

    fn decision(title: &str) -> Decision {
        DecisionDraft { title: title.into(), ..DecisionDraft::default() }
            .into_new_decision(jiff::civil::date(2026, 3, 2), jiff::Timestamp::UNIX_EPOCH)
            .expect("valid")
    }

    #[test]
    fn the_revision_moves_with_every_change_and_only_then() {
        let mut state = JournalState::default();
        let first = decision("Hire");
        state.apply(Edit::Add(first.clone()));
        assert_eq!(state.revision(), 1);
        // Deleting an id the journal lacks changes nothing.
        assert_eq!(state.apply(Edit::Delete(decision("Elsewhere").id)), Outcome::Unchanged);
        assert_eq!(state.revision(), 1);
        state.apply(Edit::Undo);
        assert_eq!((state.revision(), state.journal().len()), (2, 0));
        assert_eq!(state.apply(Edit::Undo), Outcome::Unchanged, "nothing left to undo");
        assert_eq!(state.revision(), 2);
        state.apply(Edit::Redo);
        assert_eq!((state.revision(), state.journal().len()), (3, 1));

        // The same journal taken in from outside is no change.
        let same = state.journal().clone();
        state.take_in(same);
        assert_eq!(state.revision(), 3);
        let mut merged = state.journal().clone();
        merged.push(decision("From the other computer"));
        state.take_in(merged);
        assert_eq!((state.revision(), state.journal().len()), (4, 2));
        assert!(state.can_undo(), "undo survives a change from outside");

        state.open(Journal::default());
        assert_eq!((state.revision(), state.journal().len()), (5, 0));
        assert!(!state.can_undo() && !state.can_redo(), "opening a journal starts its history afresh");
    }
}
