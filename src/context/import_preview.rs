//! An import read and planned, shown for the user to confirm.

use std::path::PathBuf;

use crate::interop::{ImportFormat, ImportPlan, Proposal};
use crate::model::Journal;

/// An import read and planned, waiting for the user to confirm it (or the
/// reason the file could not be read).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    /// The file.
    pub path: PathBuf,
    /// Its format and what importing it would do, or why it cannot be read.
    pub outcome: Result<(ImportFormat, ImportPlan), String>,
    /// Import the good records even though some are bad.
    pub skip_bad: bool,
    /// The file's tags that look like people (jrnl files only).
    pub people_tags: Vec<String>,
    /// Make people of `people_tags` on import.
    pub tags_as_people: bool,
    /// Suggested styles for the new decisions without one.
    pub suggestions: ImportSuggestions,
}

/// The import preview's suggested styles for new decisions without one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSuggestions {
    /// One for each new decision the suggester has a style for.
    pub proposals: Vec<Proposal>,
    /// Whether the preview shows the list of `proposals`.
    pub showing: bool,
    /// Give the ticked `proposals` to their decisions on import.
    pub apply: bool,
}

impl ImportPreview {
    /// The preview of `outcome` (read from `path`) against `journal`: with
    /// the tags that look like people, for a jrnl file, and a suggested
    /// style for each new decision without one. Nothing chosen yet.
    #[must_use]
    pub fn new(path: PathBuf, outcome: Result<(ImportFormat, ImportPlan), String>, journal: &Journal) -> Self {
        let (people_tags, proposals) = match &outcome {
            Ok((format, plan)) => {
                let people =
                    if format.is_jrnl() { crate::interop::people_like_tags(plan, journal) } else { Vec::new() };
                (people, crate::interop::proposals(plan))
            }
            Err(_) => (Vec::new(), Vec::new()),
        };
        Self {
            path,
            outcome,
            skip_bad: false,
            people_tags,
            tags_as_people: false,
            suggestions: ImportSuggestions { proposals, showing: false, apply: false },
        }
    }

    /// How many suggestions are ticked.
    #[must_use]
    pub fn ticked_proposals(&self) -> usize {
        self.suggestions.proposals.iter().filter(|proposal| proposal.ticked).count()
    }

    /// The plan with the choices made in the preview: tags made people, the
    /// ticked suggestions given. `None` when the file could not be read.
    #[must_use]
    pub fn chosen_plan(&self) -> Option<ImportPlan> {
        let (_, plan) = self.outcome.as_ref().ok()?;
        let mut plan = plan.clone();
        if self.tags_as_people {
            // Every one of these tags is on a decision of the plan.
            plan.tags_to_people(&self.people_tags);
        }
        if self.suggestions.apply {
            plan.apply_proposals(&self.suggestions.proposals);
        }
        Some(plan)
    }

    /// Whether confirming would change the journal now.
    #[must_use]
    pub fn can_confirm(&self) -> bool {
        self.can_confirm_skipping(self.skip_bad)
    }

    /// Whether confirming would change the journal with bad records skipped
    /// or not (`skip_bad`): what the preview shows while its tick is on its
    /// way to the app.
    #[must_use]
    pub fn can_confirm_skipping(&self, skip_bad: bool) -> bool {
        self.outcome.as_ref().is_ok_and(|(_, plan)| plan.changes_anything() && (plan.errors.is_empty() || skip_bad))
    }
}
