//! Brief marks: the days briefs were made, per person, so the next brief can
//! start where the last one ended (as 1:1 tools carry on from the last
//! meeting).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::decision::same_name;

/// A brief about `person` (`None`: "me", the whole journal) that covered
/// the time up to `on` (the day it was made, unless it ended earlier).
/// Stored in the journal file (`briefs`); two copies of a journal merge by
/// keeping every mark either side added.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BriefMark {
    /// The last day the brief covered.
    pub on: Date,
    /// Whom it was about, as named in decisions; `None` for "me".
    #[serde(default)]
    pub person: Option<String>,
}

impl BriefMark {
    /// A brief about `person` (or "me") made `on`.
    #[must_use]
    pub fn new(person: Option<&str>, on: Date) -> Self {
        Self { on, person: person.map(|name| name.trim().to_owned()) }
    }

    /// Whether the mark is about `person` (any case; `None`: "me").
    #[must_use]
    pub fn is_about(&self, person: Option<&str>) -> bool {
        match (&self.person, person) {
            (None, None) => true,
            (Some(mine), Some(wanted)) => same_name(mine, wanted),
            _ => false,
        }
    }
}

/// The last day covered by the last brief about `person`, before `today`:
/// briefs ending today do not count, so making the same brief twice in a
/// day gives the same period.
#[must_use]
pub fn last_brief_before(marks: &[BriefMark], person: Option<&str>, today: Date) -> Option<Date> {
    marks.iter().filter(|mark| mark.on < today && mark.is_about(person)).map(|mark| mark.on).max()
}

/// Merges two sets of marks that both descend from `base`: a mark stays if
/// both sides have it or one side added it; one side's removal (an undone
/// export) holds when the other side left it as it was.
#[must_use]
pub fn merge_marks(base: &[BriefMark], mine: &[BriefMark], theirs: &[BriefMark]) -> Vec<BriefMark> {
    let mut merged: Vec<BriefMark> = mine
        .iter()
        .chain(theirs)
        .filter(|mark| {
            let (in_mine, in_theirs, in_base) = (mine.contains(mark), theirs.contains(mark), base.contains(mark));
            (in_mine && in_theirs) || !in_base
        })
        .cloned()
        .collect();
    merged.sort();
    merged.dedup();
    merged
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn the_last_brief_is_the_newest_before_today_for_that_person() {
        let marks = [
            BriefMark::new(Some("Ana"), date(2026, 3, 1)),
            BriefMark::new(Some("ana"), date(2026, 3, 15)),
            BriefMark::new(Some("Ana"), date(2026, 3, 31)),
            BriefMark::new(Some("Chen"), date(2026, 3, 20)),
            BriefMark::new(None, date(2026, 3, 10)),
        ];
        assert_eq!(last_brief_before(&marks, Some("ANA"), date(2026, 3, 31)), Some(date(2026, 3, 15)));
        assert_eq!(last_brief_before(&marks, Some("Ana"), date(2026, 4, 1)), Some(date(2026, 3, 31)));
        assert_eq!(last_brief_before(&marks, None, date(2026, 3, 31)), Some(date(2026, 3, 10)));
        assert_eq!(last_brief_before(&marks, Some("Bo"), date(2026, 3, 31)), None);
    }

    #[test]
    fn marks_merge_by_keeping_what_either_side_added() {
        let (old, ana, chen) = (
            BriefMark::new(None, date(2026, 3, 1)),
            BriefMark::new(Some("Ana"), date(2026, 3, 2)),
            BriefMark::new(Some("Chen"), date(2026, 3, 2)),
        );
        let base = [old.clone()];
        let merged = merge_marks(&base, &[old.clone(), ana.clone()], &[old.clone(), chen.clone()]);
        assert_eq!(merged, [old.clone(), ana.clone(), chen.clone()]);
        // One side undid a mark the other left alone: it stays removed.
        assert_eq!(merge_marks(&[old.clone(), ana.clone()], std::slice::from_ref(&old), &[old.clone(), ana]), [old]);
    }
}
