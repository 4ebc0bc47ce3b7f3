//! Which decisions to show: the search box, the filter bar and the CLI's
//! `--since/--until/--style/--situation/--tag/--person/--search` flags all
//! build one [`Filter`].

use jiff::civil::Date;

use crate::guidance::Judged as _;
use crate::model::decision::same_name;
use crate::model::{Decision, Journal, Situation, Style};

/// The style a filter asks for, including "left untagged".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StyleFilter {
    /// Decisions tagged with this style.
    Is(Style),
    /// Decisions with no style.
    Untagged,
}

/// How a decision sits with the article's guidance, for filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FitFilter {
    /// The style matches the recommendation (fit 1).
    Followed,
    /// One of style and recommendation is a blend (fit 0.5).
    Partly,
    /// Led where managing was called for, or the reverse (fit 0).
    Against,
    /// No fit: untagged, or no situations.
    NoGuidance,
}

impl FitFilter {
    /// Every option, in the order the UI lists them.
    pub const ALL: [Self; 4] = [Self::Followed, Self::Partly, Self::Against, Self::NoGuidance];

    /// A short label for menus.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Followed => "Followed the guidance",
            Self::Partly => "Partly followed it",
            Self::Against => "Went against the guidance",
            Self::NoGuidance => "No guidance (untagged or no situation)",
        }
    }

    /// Whether a decision with this fit (see `guidance::fit`) passes.
    #[must_use]
    pub fn accepts(self, fit: Option<f64>) -> bool {
        match (self, fit) {
            (Self::NoGuidance, None) => true,
            (Self::Followed, Some(fit)) => fit >= 1.0,
            (Self::Partly, Some(fit)) => fit > 0.0 && fit < 1.0,
            (Self::Against, Some(fit)) => fit <= 0.0,
            _ => false,
        }
    }
}

/// A combination of conditions; every one that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Text that must occur in the title, note, a tag or a person (any case).
    pub search: String,
    /// The style.
    pub style: Option<StyleFilter>,
    /// A situation the decision must include.
    pub situation: Option<Situation>,
    /// A tag the decision must carry (any case).
    pub tag: Option<String>,
    /// A person the decision must involve (any case).
    pub person: Option<String>,
    /// First day included.
    pub since: Option<Date>,
    /// Last day included.
    pub until: Option<Date>,
    /// How the decision sits with the guidance.
    pub fit: Option<FitFilter>,
}

impl Filter {
    /// Whether nothing is filtered out.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.search.trim().is_empty()
            && self.style.is_none()
            && self.situation.is_none()
            && self.tag.is_none()
            && self.person.is_none()
            && self.since.is_none()
            && self.until.is_none()
            && self.fit.is_none()
    }

    /// Whether `decision` passes every condition. `search_lowercase` is the
    /// search text, trimmed and lower-cased once by the caller.
    #[must_use]
    fn matches_prepared(&self, decision: &Decision, search_lowercase: &str) -> bool {
        let style_ok = match self.style {
            None => true,
            Some(StyleFilter::Is(style)) => decision.style == Some(style),
            Some(StyleFilter::Untagged) => decision.style.is_none(),
        };
        style_ok
            && self.since.is_none_or(|since| decision.date >= since)
            && self.until.is_none_or(|until| decision.date <= until)
            && self.situation.is_none_or(|situation| decision.situations.contains(&situation))
            && self.tag.as_deref().is_none_or(|tag| decision.tags.iter().any(|t| same_name(t, tag)))
            && self.person.as_deref().is_none_or(|person| decision.people.iter().any(|p| same_name(p, person)))
            && self.fit.is_none_or(|wanted| wanted.accepts(decision.fit()))
            && (search_lowercase.is_empty() || decision.mentions(search_lowercase))
    }

    /// Whether `decision` passes every condition.
    #[must_use]
    pub fn matches(&self, decision: &Decision) -> bool {
        self.matches_prepared(decision, &self.search.trim().to_lowercase())
    }

    /// [`Filter::matches`] as a function, with the search text prepared
    /// once: to hand to a reader that keeps only matching decisions.
    pub fn matcher(&self) -> impl Fn(&Decision) -> bool + Sync + '_ {
        let search = self.search.trim().to_lowercase();
        move |decision| self.matches_prepared(decision, &search)
    }

    /// Indices into `decisions` of the matching ones, in stored order (no
    /// sorting: analysis reads every match once and does not need an order).
    pub fn matching<'a>(&'a self, decisions: &'a [Decision]) -> impl Iterator<Item = usize> + 'a {
        let search = self.search.trim().to_lowercase();
        decisions
            .iter()
            .enumerate()
            .filter(move |(_, decision)| self.matches_prepared(decision, &search))
            .map(|(index, _)| index)
    }

    /// Indices into `journal.decisions()` of the matching decisions, newest
    /// first (by date, then by creation time).
    #[must_use]
    pub fn apply(&self, journal: &Journal) -> Vec<usize> {
        profiling::scope!("Filter::apply");
        let decisions = journal.decisions();
        let mut indices: Vec<usize> = self.matching(decisions).collect();
        sort_newest_first(decisions, &mut indices);
        indices
    }
}

/// Sorts `indices` into `decisions` newest first: by day, then by when each
/// was written.
pub fn sort_newest_first(decisions: &[Decision], indices: &mut [usize]) {
    indices.sort_by(|&a, &b| {
        let (a, b) = (&decisions[a], &decisions[b]);
        b.date.cmp(&a.date).then(b.created.cmp(&a.created))
    });
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::civil::date;

    use super::*;
    use crate::model::DecisionDraft;

    fn journal() -> Journal {
        let mut journal = Journal::default();
        let drafts = [
            ("Froze the scope", 2026, 3, 2, Some(Style::Management), vec![Situation::TightDeadline], "release", "Ana"),
            (
                "Let the team pick the stack",
                2026,
                3,
                9,
                Some(Style::Leadership),
                vec![Situation::ConfidentTeam],
                "platform",
                "Bo",
            ),
            ("Split the on-call rota", 2026, 4, 1, None, vec![], "ops", "Ana"),
        ];
        for (title, y, m, d, style, situations, tag, person) in drafts {
            let draft = DecisionDraft {
                title: title.into(),
                date: Some(date(y, m, d)),
                style,
                situations,
                tags: vec![tag.into()],
                people: vec![person.into()],
                ..DecisionDraft::default()
            };
            journal.push(draft.into_new_decision(date(2026, 1, 1), Timestamp::UNIX_EPOCH).expect("valid"));
        }
        journal
    }

    fn titles(journal: &Journal, filter: &Filter) -> Vec<String> {
        filter.apply(journal).into_iter().map(|i| journal.decisions()[i].title.clone()).collect()
    }

    #[test]
    fn empty_filter_lists_everything_newest_first() {
        let journal = journal();
        assert!(Filter::default().is_empty());
        assert_eq!(
            titles(&journal, &Filter::default()),
            ["Split the on-call rota", "Let the team pick the stack", "Froze the scope"]
        );
    }

    #[test]
    fn each_condition_narrows_and_they_combine() {
        let journal = journal();
        let person = Filter { person: Some("ana".into()), ..Filter::default() };
        assert_eq!(titles(&journal, &person), ["Split the on-call rota", "Froze the scope"]);
        let both = Filter { style: Some(StyleFilter::Untagged), ..person.clone() };
        assert_eq!(titles(&journal, &both), ["Split the on-call rota"]);
        let range = Filter { since: Some(date(2026, 3, 3)), until: Some(date(2026, 3, 31)), ..Filter::default() };
        assert_eq!(titles(&journal, &range), ["Let the team pick the stack"]);
        let situation = Filter { situation: Some(Situation::TightDeadline), ..Filter::default() };
        assert_eq!(titles(&journal, &situation), ["Froze the scope"]);
        let tag = Filter { tag: Some("PLATFORM".into()), ..Filter::default() };
        assert_eq!(titles(&journal, &tag), ["Let the team pick the stack"]);
        let search = Filter { search: " rota ".into(), ..Filter::default() };
        assert_eq!(titles(&journal, &search), ["Split the on-call rota"]);
        let nothing = Filter { search: "budget".into(), ..Filter::default() };
        assert!(titles(&journal, &nothing).is_empty());
        let followed = Filter { fit: Some(FitFilter::Followed), ..Filter::default() };
        assert_eq!(titles(&journal, &followed), ["Let the team pick the stack", "Froze the scope"]);
        let no_guidance = Filter { fit: Some(FitFilter::NoGuidance), ..Filter::default() };
        assert_eq!(titles(&journal, &no_guidance), ["Split the on-call rota"]);
        let against = Filter { fit: Some(FitFilter::Against), ..Filter::default() };
        assert!(titles(&journal, &against).is_empty());
    }
}
