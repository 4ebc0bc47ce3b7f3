//! Drafts a window had open and unsaved: kept in the window's own storage
//! while they are typed, so a window that is killed offers them back on
//! the next start. A draft never reaches the journal until it is saved.

use crate::model::{DecisionDraft, DecisionId, ReviewResult};

/// The drafts a window had open and unsaved, as kept in eframe's storage.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct KeptDrafts {
    /// The editor's draft: the decision edited (`None`: a new one) and its
    /// fields.
    pub decision: Option<(Option<DecisionId>, DecisionDraft)>,
    /// The review being written.
    pub review: Option<ReviewDraft>,
    /// Weekly reflections typed and not saved: each week's Monday and
    /// its answers.
    pub reflections: Vec<(jiff::civil::Date, Vec<crate::model::Answer>)>,
}

impl KeptDrafts {
    /// The key under which eframe stores the drafts of `journal`: one per
    /// journal file, so a window on another journal (or the sample, or a
    /// screenshot run) never overwrites or clears them.
    #[must_use]
    pub fn storage_key(journal: &std::path::Path) -> String {
        format!("keel-unsaved-drafts {}", crate::storage::real_path(journal).display())
    }

    /// Whether there is nothing to keep.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.decision.is_none() && self.review.is_none() && self.reflections.is_empty()
    }

    /// How the offer to take them back names them.
    #[must_use]
    pub fn describe(&self) -> String {
        let decision = self.decision.as_ref().map(|(_, draft)| match draft.title.trim() {
            "" => "a decision without a title yet".to_owned(),
            title => format!("the decision \u{201c}{title}\u{201d}"),
        });
        let review = self.review.as_ref().map(|_| "a review".to_owned());
        let reflections = self.reflections.iter().map(|(week, _)| format!("the reflection on the week of {week}"));
        let parts: Vec<String> = decision.into_iter().chain(review).chain(reflections).collect();
        match parts.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// A review being written, as kept: the review form's fields (the form
/// itself, with its focus and error, is the Review page's).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReviewDraft {
    /// The decision reviewed.
    pub target: DecisionId,
    /// What actually happened.
    pub outcome: String,
    /// How it compares with the expectation.
    pub result: Option<ReviewResult>,
    /// Process quality, 1–5.
    pub process: Option<u8>,
    /// The lesson.
    pub lesson: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A review kept by an earlier Keel (the Review page's form itself,
    /// serialised) still comes back: the draft has the form's fields.
    #[test]
    fn a_review_kept_by_the_form_reads_back_as_a_draft() {
        let kept = r#"(decision:None,review:Some((target:"d-1",outcome:"It shipped",result:None,process:Some(4),lesson:"Ask earlier")),reflections:[])"#;
        let drafts: KeptDrafts = ron::from_str(kept).expect("kept drafts");
        assert_eq!(drafts.describe(), "a review");
        let review = drafts.review.expect("a review");
        assert_eq!(review.target, DecisionId("d-1".to_owned()));
        assert_eq!(
            (review.outcome.as_str(), review.process, review.lesson.as_str()),
            ("It shipped", Some(4), "Ask earlier")
        );
    }

    #[test]
    fn kept_drafts_survive_the_window_storage_round_trip() {
        let drafts = KeptDrafts {
            decision: None,
            review: Some(ReviewDraft {
                target: DecisionId("d-2".to_owned()),
                outcome: "Worked".to_owned(),
                result: Some(ReviewResult::Better),
                process: None,
                lesson: String::new(),
            }),
            reflections: Vec::new(),
        };
        let text = ron::to_string(&drafts).expect("written");
        assert_eq!(ron::from_str::<KeptDrafts>(&text).expect("read"), drafts);
    }
}
