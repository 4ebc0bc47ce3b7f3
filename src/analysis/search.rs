//! An index over a journal for the Journal page's list: the newest-first
//! order computed once per change, and each decision's searchable text
//! lower-cased once, so a keystroke in the search box is one fast substring
//! scan (and, while the search only grows, a scan of the previous matches)
//! instead of a case-folding scan and a sort of the whole journal.
//!
//! [`SearchIndex::apply`] gives exactly what [`Filter::apply`] gives.

use super::Filter;
use crate::model::{Decision, Journal};

/// Separates the fields of a decision's searchable text; a search never
/// contains it, so no match spans two fields.
const SEPARATOR: char = '\u{0}';

/// The order and searchable text of one journal revision.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Indices into the decisions, newest first (by date, then creation).
    newest_first: Vec<usize>,
    /// Per decision: title, note, tags and people, lower-cased, joined by
    /// [`SEPARATOR`]. Built on the first search, as most frames have none.
    text: Option<Vec<String>>,
}

impl SearchIndex {
    /// Indexes `journal` (its order now; the text on the first search).
    #[must_use]
    pub fn new(journal: &Journal) -> Self {
        profiling::scope!("SearchIndex::new");
        let decisions = journal.decisions();
        let mut newest_first: Vec<usize> = (0..decisions.len()).collect();
        newest_first.sort_by(|&a, &b| {
            let (a, b) = (&decisions[a], &decisions[b]);
            b.date.cmp(&a.date).then(b.created.cmp(&a.created))
        });
        Self { newest_first, text: None }
    }

    /// Indices of the decisions matching `filter`, newest first: the same as
    /// `filter.apply(journal)` for the journal this index was built from.
    pub fn rows_matching(&mut self, filter: &Filter, journal: &Journal) -> Vec<usize> {
        profiling::scope!("SearchIndex::apply");
        let order = std::mem::take(&mut self.newest_first);
        let rows = self.narrow(filter, journal, &order);
        self.newest_first = order;
        rows
    }

    /// Like [`SearchIndex::apply`], but only looks at `candidates` (indices
    /// in newest-first order, e.g. the matches of a narrower search), keeping
    /// their order.
    pub fn narrow(&mut self, filter: &Filter, journal: &Journal, candidates: &[usize]) -> Vec<usize> {
        profiling::scope!("SearchIndex::narrow");
        let decisions = journal.decisions();
        let needle = filter.search.trim().to_lowercase();
        let rest = Filter { search: String::new(), ..filter.clone() };
        let rest_empty = rest.is_empty();
        let keep = |index: &usize| rest_empty || rest.matches(&decisions[*index]);
        if needle.is_empty() {
            return candidates.iter().copied().filter(keep).collect();
        }
        if needle.contains(SEPARATOR) {
            return candidates.iter().copied().filter(|&index| filter.matches(&decisions[index])).collect();
        }
        let text = self.text.get_or_insert_with(|| decisions.iter().map(searchable_text).collect());
        candidates.iter().copied().filter(|index| text[*index].contains(needle.as_str()) && keep(index)).collect()
    }
}

/// Whether the rows for `new` can be found among the rows for `old`: the
/// same filter but a search that contains the old one (the user typed on).
#[must_use]
pub fn narrows(old: &Filter, new: &Filter) -> bool {
    let (old_search, new_search) = (old.search.trim().to_lowercase(), new.search.trim().to_lowercase());
    new_search.contains(old_search.as_str())
        && Filter { search: String::new(), ..old.clone() } == Filter { search: String::new(), ..new.clone() }
}

fn searchable_text(decision: &Decision) -> String {
    let mut text = String::with_capacity(decision.title.len() + decision.note.len() + 32);
    let mut push = |field: &str| {
        text.push_str(&field.to_lowercase());
        text.push(SEPARATOR);
    };
    push(&decision.title);
    push(&decision.note);
    decision.tags.iter().for_each(|tag| push(tag));
    decision.people.iter().for_each(|person| push(person));
    text
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::analysis::filter::StyleFilter;
    use crate::model::Style;
    use crate::samples::synthetic::synthetic_journal;

    #[test]
    fn gives_what_filter_apply_gives() {
        let mut journal = synthetic_journal(600, 7, date(2026, 11, 29));
        let mut odd = journal.decisions()[3].clone();
        odd.title = "Ärger mit dem ΣΟΦΟΣ Rollout".to_owned();
        odd.id = crate::model::DecisionId("odd-one".into());
        journal.push(odd);
        let mut index = SearchIndex::new(&journal);
        let filters = [
            Filter::default(),
            Filter { search: "ro".into(), ..Filter::default() },
            Filter { search: " ROLL ".into(), ..Filter::default() },
            Filter { search: "ärger".into(), ..Filter::default() },
            Filter { search: "σοφος".into(), ..Filter::default() },
            Filter { search: "ana".into(), style: Some(StyleFilter::Is(Style::Leadership)), ..Filter::default() },
            Filter { search: "zzzz-nothing".into(), ..Filter::default() },
            Filter { since: Some(date(2026, 1, 1)), ..Filter::default() },
        ];
        for filter in &filters {
            assert_eq!(index.rows_matching(filter, &journal), filter.apply(&journal), "{filter:?}");
        }
    }

    #[test]
    fn narrowing_a_growing_search_gives_the_same_rows() {
        let journal = synthetic_journal(400, 3, date(2026, 11, 29));
        let mut index = SearchIndex::new(&journal);
        let old = Filter { search: "t".into(), ..Filter::default() };
        let new = Filter { search: "te".into(), ..Filter::default() };
        assert!(narrows(&old, &new));
        assert!(!narrows(&new, &old));
        assert!(!narrows(&old, &Filter { tag: Some("x".into()), ..new.clone() }));
        let rows = index.rows_matching(&old, &journal);
        assert_eq!(index.narrow(&new, &journal, &rows), new.apply(&journal));
    }
}
