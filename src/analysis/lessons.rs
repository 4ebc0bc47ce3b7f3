//! Your own lessons, brought back where they help: the reviewed decisions
//! that share situations with the one at hand (the editor's "From your
//! journal", `keel lessons`), and "did leading or managing work for you?",
//! the met rate of each style with its 95 % range (the Review page,
//! `keel review insights`).
//!
//! One rule for claims, as in [`super::outcomes`]: a rate resting on fewer
//! than [`MIN_REVIEWS_PER_SIDE`] reviews is shown, but nothing is said of it.

use std::cmp::Reverse;

use crate::model::decision::same_name;
use crate::model::{Decision, DecisionId, Situation, Style};

use super::outcomes::{MIN_REVIEWS_PER_SIDE, OutcomeRow, Verdict, compare};

/// How many earlier decisions the editor's panel lists at most.
pub const EDITOR_LESSONS: usize = 3;

/// Which reviewed decisions to bring back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LessonQuery {
    /// Situations the decision at hand is in. When any is given, only
    /// decisions sharing at least one are kept, ranked by how many they
    /// share, then most recent first.
    pub situations: Vec<Situation>,
    /// Only decisions made in this style.
    pub style: Option<Style>,
    /// Only decisions that name this person (any case).
    pub person: Option<String>,
    /// Leave this decision out (the one being edited).
    pub except: Option<DecisionId>,
}

/// One reviewed decision brought back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lesson {
    /// Its place in the decisions given.
    pub index: usize,
    /// How many of the asked situations it shares (0 when none were asked).
    pub shared_situations: usize,
}

/// How many of `wanted` appear in `situations` (each counted once).
fn shared(situations: &[Situation], wanted: &[Situation]) -> usize {
    let mut seen = Vec::with_capacity(wanted.len());
    for situation in wanted {
        if situations.contains(situation) && !seen.contains(situation) {
            seen.push(*situation);
        }
    }
    seen.len()
}

/// The reviewed decisions `query` asks for, best first: with situations,
/// the most shared first, then the most recent (then the latest review, then
/// the id, so the order is the same on every computer); without, the most
/// recent first.
#[must_use]
pub fn lessons(decisions: &[Decision], query: &LessonQuery) -> Vec<Lesson> {
    let mut found: Vec<Lesson> = decisions
        .iter()
        .enumerate()
        .filter(|(_, decision)| decision.review.is_some())
        .filter(|(_, decision)| query.except.as_ref() != Some(&decision.id))
        .filter(|(_, decision)| query.style.is_none_or(|style| decision.style == Some(style)))
        .filter(|(_, decision)| {
            query.person.as_deref().is_none_or(|person| decision.people.iter().any(|p| same_name(p, person)))
        })
        .map(|(index, decision)| Lesson { index, shared_situations: shared(&decision.situations, &query.situations) })
        .filter(|lesson| query.situations.is_empty() || lesson.shared_situations > 0)
        .collect();
    found.sort_by_key(|lesson| {
        let decision = &decisions[lesson.index];
        (
            Reverse(lesson.shared_situations),
            Reverse(decision.date),
            Reverse(decision.review.as_ref().map(|review| review.reviewed_on)),
            decision.id.clone(),
        )
    });
    found
}

/// The reviews of decisions made in one style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StyleOutcome {
    /// The style.
    pub style: Style,
    /// Its reviews: met rate, 95 % range, mean process rating.
    pub row: OutcomeRow,
}

impl StyleOutcome {
    /// Whether enough reviews stand behind the rate to say anything of it.
    #[must_use]
    pub fn enough(&self) -> bool {
        self.row.reviewed >= MIN_REVIEWS_PER_SIDE
    }

    /// "Leadership: 7 of 8 met what you expected (95 % range 47–99 %),
    /// process rated 4.2 of 5 on average", or, under the minimum, the count
    /// and "too few reviews to tell yet".
    #[must_use]
    pub fn sentence(&self) -> String {
        let name = crate::model::words::capitalised(self.style.id());
        let row = &self.row;
        if row.reviewed == 0 {
            return format!("{name}: no reviewed decisions yet.");
        }
        let process = row
            .mean_process()
            .map(|mean| format!(", your process rated {mean:.1} of 5 on average"))
            .unwrap_or_default();
        if !self.enough() {
            let reviews = if row.reviewed == 1 { "1 review is" } else { "reviews are" };
            let count = if row.reviewed == 1 { String::new() } else { format!("{} ", row.reviewed) };
            return format!(
                "{name}: {} of {} met what you expected{process}; {count}{reviews} too few to tell yet (it takes {MIN_REVIEWS_PER_SIDE}).",
                row.met, row.reviewed
            );
        }
        format!("{name}: {}{process}.", row.words().replace(" met ", " met what you expected "))
    }
}

/// Did leading or managing work for you? The reviews of each style.
#[derive(Debug, Clone, PartialEq)]
pub struct ByStyle {
    /// Leadership, blend, management, in that order.
    pub rows: [StyleOutcome; 3],
    /// Reviewed decisions without a style (in no row).
    pub unstyled: usize,
}

impl ByStyle {
    /// The reviews of `decisions` by style (every reviewed decision counts,
    /// whatever its situations).
    #[must_use]
    pub fn compute<'a>(decisions: impl IntoIterator<Item = &'a Decision>) -> Self {
        let mut rows = Style::ALL.map(|style| StyleOutcome { style, row: OutcomeRow::default() });
        let mut unstyled = 0;
        for decision in decisions {
            let Some(review) = &decision.review else { continue };
            match decision.style.and_then(|style| rows.iter_mut().find(|row| row.style == style)) {
                Some(row) => row.row.add(review.result.met_expectation(), review.process),
                None => unstyled += 1,
            }
        }
        Self { rows, unstyled }
    }

    /// The reviews of one style.
    #[must_use]
    pub fn row(&self, style: Style) -> &StyleOutcome {
        self.rows.iter().find(|row| row.style == style).unwrap_or_else(|| unreachable!("every style has a row"))
    }

    /// Reviewed decisions with a style.
    #[must_use]
    pub fn reviewed(&self) -> usize {
        self.rows.iter().map(|row| row.row.reviewed).sum()
    }

    /// The answer in one sentence: which style met your expectations more
    /// often, only when the 95 % ranges of two styles with enough reviews
    /// do not overlap; else that no style stands out (yet).
    #[must_use]
    pub fn verdict(&self) -> String {
        if self.reviewed() == 0 {
            return "No reviewed decision has a style yet: review a few, and this will say how each style turned out for you.".to_owned();
        }
        let mut claims = Vec::new();
        for (i, first) in self.rows.iter().enumerate() {
            for second in &self.rows[i + 1..] {
                match compare(&first.row, &second.row) {
                    Verdict::FirstBetter => claims.push((first.style, second.style)),
                    Verdict::SecondBetter => claims.push((second.style, first.style)),
                    Verdict::TooFew { .. } => {}
                }
            }
        }
        if let Some((better, worse)) = claims.first() {
            return format!(
                "Your {} decisions met what you expected more often than your {} ones, beyond the 95 % ranges.",
                better.id(),
                worse.id()
            );
        }
        let enough = self.rows.iter().filter(|row| row.enough()).count();
        if enough >= 2 {
            "No style stands out: their 95 % ranges overlap, so the difference may be chance.".to_owned()
        } else {
            format!(
                "Too few reviews to tell yet: it takes {MIN_REVIEWS_PER_SIDE} reviewed decisions in at least two styles."
            )
        }
    }
}

/// What the editor's "From your journal" panel shows for the situations
/// ticked: the earlier reviewed decisions sharing the most of them, and how
/// each style turned out in those situations.
#[derive(Debug, Clone, PartialEq)]
pub struct FromYourJournal {
    /// Up to [`EDITOR_LESSONS`], best first.
    pub lessons: Vec<Lesson>,
    /// The reviews, by style, of every reviewed decision sharing at least
    /// one of the situations.
    pub by_style: ByStyle,
}

impl FromYourJournal {
    /// The panel for `situations`, leaving out `except` (the decision being
    /// edited); `None` when nothing matches (the panel is then not shown).
    #[must_use]
    pub fn compute(decisions: &[Decision], situations: &[Situation], except: Option<&DecisionId>) -> Option<Self> {
        if situations.is_empty() {
            return None;
        }
        let query = LessonQuery { situations: situations.to_vec(), except: except.cloned(), ..LessonQuery::default() };
        let all = lessons(decisions, &query);
        if all.is_empty() {
            return None;
        }
        let by_style = ByStyle::compute(all.iter().map(|lesson| &decisions[lesson.index]));
        Some(Self { lessons: all.into_iter().take(EDITOR_LESSONS).collect(), by_style })
    }
}

#[cfg(test)]
#[path = "lessons/tests.rs"]
mod tests;
