//! The names the journal uses (tags, people, situations) with how many
//! decisions name each: the filter menus' and the editor's suggestions.

use crate::model::Journal;

/// Tags and people, each with the number of decisions naming them, most
/// first (see [`Journal::tag_counts`]), and how often each situation occurs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameCounts {
    /// The tags.
    pub tags: Vec<(String, usize)>,
    /// The people.
    pub people: Vec<(String, usize)>,
    /// The situations named, in no particular order.
    pub situations: Vec<(crate::model::Situation, usize)>,
}

impl NameCounts {
    /// The counts of `journal`.
    #[must_use]
    pub fn of(journal: &Journal) -> Self {
        profiling::scope!("name_counts");
        let mut situations: Vec<(crate::model::Situation, usize)> = Vec::new();
        for decision in journal.decisions() {
            for (at, situation) in decision.situations.iter().enumerate() {
                if decision.situations[..at].contains(situation) {
                    continue;
                }
                match situations.iter_mut().find(|(s, _)| s == situation) {
                    Some((_, count)) => *count += 1,
                    None => situations.push((*situation, 1)),
                }
            }
        }
        Self { tags: journal.tag_counts(), people: journal.person_counts(), situations }
    }

    /// How many decisions name `situation`.
    #[must_use]
    pub fn situation(&self, situation: crate::model::Situation) -> usize {
        self.situations.iter().find(|(s, _)| *s == situation).map_or(0, |(_, count)| *count)
    }
}
