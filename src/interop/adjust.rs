//! Changes a user may make to an import before it is applied, on the
//! [`ImportPlan`] itself so they land in the journal (and are undone) with
//! the import as one change:
//! - **Tags as people.** jrnl has no people, only tags, so `@Marco` arrives
//!   as the tag `Marco`. [`people_like_tags`] finds the tags that look like
//!   names (capitalised words such as `Marco`, or the name of someone the
//!   journal already knows, in any case) and [`ImportPlan::tags_to_people`]
//!   moves the chosen ones from tags to people.
//! - **Suggested styles.** [`proposals`] runs the text suggester
//!   ([`crate::guidance::suggest`]) over the new decisions that have no
//!   style, and [`ImportPlan::apply_proposals`] writes the ticked ones in.

use std::collections::{HashMap, HashSet};

use super::{Field, ImportPlan};
use crate::guidance::suggest;
use crate::model::{Decision, DecisionId, Journal, Situation, Style};

/// A tag's name as a person's: `_` stands for a space, as in jrnl tags.
#[must_use]
pub fn tag_as_name(tag: &str) -> String {
    tag.replace('_', " ").trim().to_owned()
}

/// Whether `tag` is spelt like a name: it starts with a capital letter and
/// has lower-case letters and no digits (`Marco`, `Ana_Lopez`; not `Q3`,
/// `API` or `okr`).
fn looks_like_a_name(tag: &str) -> bool {
    tag.chars().next().is_some_and(char::is_uppercase)
        && tag.chars().any(char::is_lowercase)
        && !tag.chars().any(char::is_numeric)
}

/// The tags of the decisions `plan` adds or updates that look like people:
/// spelt like a name, or the name of someone `journal` already has
/// (case-insensitive). Each once, in the spelling first met, in the order
/// first met.
#[must_use]
pub fn people_like_tags(plan: &ImportPlan, journal: &Journal) -> Vec<String> {
    let known: HashSet<String> =
        journal.decisions().iter().flat_map(|decision| &decision.people).map(|name| name.to_lowercase()).collect();
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for tag in plan.added.iter().chain(&plan.updated).flat_map(|decision| &decision.tags) {
        let is_person = looks_like_a_name(tag) || known.contains(&tag_as_name(tag).to_lowercase());
        if is_person && seen.insert(tag.to_lowercase()) {
            found.push(tag.clone());
        }
    }
    found
}

/// Moves the tags named in `names` (case-insensitive) to the people of
/// `decision`; returns whether anything moved.
fn move_tags(decision: &mut Decision, names: &HashSet<String>) -> bool {
    let (moved, kept): (Vec<String>, Vec<String>) =
        decision.tags.drain(..).partition(|tag| names.contains(&tag.to_lowercase()));
    decision.tags = kept;
    for tag in &moved {
        let name = tag_as_name(tag);
        if !name.is_empty() && !decision.people.iter().any(|person| person.to_lowercase() == name.to_lowercase()) {
            decision.people.push(name);
        }
    }
    !moved.is_empty()
}

impl ImportPlan {
    /// Makes people of the tags named in `names` (compared
    /// case-insensitively, `_` read as a space) on every decision the plan
    /// adds or updates. Returns the names, as given, that no such decision
    /// has as a tag.
    pub fn tags_to_people(&mut self, names: &[String]) -> Vec<String> {
        let wanted: HashSet<String> = names.iter().map(|name| name.trim().to_lowercase()).collect();
        let mut used: HashSet<String> = HashSet::new();
        for decision in self.added.iter().chain(&self.updated) {
            used.extend(decision.tags.iter().map(|tag| tag.to_lowercase()).filter(|tag| wanted.contains(tag)));
        }
        for decision in &mut self.added {
            move_tags(decision, &wanted);
        }
        for decision in &mut self.updated {
            if move_tags(decision, &wanted) {
                let changes = self.changes.entry(decision.id.clone()).or_default();
                for field in [Field::Tags, Field::People] {
                    if !changes.contains(&field) {
                        changes.push(field);
                    }
                }
                changes.sort_by_key(|field| Field::ALL.iter().position(|each| each == field));
            }
        }
        names.iter().filter(|name| !used.contains(&name.trim().to_lowercase())).cloned().collect()
    }

    /// Gives each new decision of the plan named by a ticked proposal its
    /// suggested style and situations. Decisions that have a style by now
    /// are left alone.
    pub fn apply_proposals(&mut self, proposals: &[Proposal]) {
        let ticked: HashMap<&DecisionId, &Proposal> =
            proposals.iter().filter(|proposal| proposal.ticked).map(|proposal| (&proposal.id, proposal)).collect();
        for decision in &mut self.added {
            let Some(proposal) = ticked.get(&decision.id) else { continue };
            if decision.style.is_some() {
                continue;
            }
            decision.style = proposal.style;
            decision.situations.extend(&proposal.situations);
            decision.tidy();
        }
    }
}

/// A suggested style and situations for one new decision of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The decision.
    pub id: DecisionId,
    /// Its title, to recognise it.
    pub title: String,
    /// The suggested style.
    pub style: Option<Style>,
    /// The suggested situations, in the article's order.
    pub situations: Vec<Situation>,
    /// Whether to apply it (all are, until the user says otherwise).
    pub ticked: bool,
}

impl Proposal {
    /// The style and situations for a list: "Management · A crisis is unfolding".
    #[must_use]
    pub fn summary(&self) -> String {
        let style = self.style.map_or("no style", Style::label);
        if self.situations.is_empty() {
            return style.to_owned();
        }
        let guidance = crate::guidance::Guidance::get();
        let situations: Vec<&str> =
            self.situations.iter().map(|situation| guidance.situation(*situation).label.as_str()).collect();
        format!("{style} \u{00b7} {}", situations.join(", "))
    }
}

/// What the suggester proposes for each new decision of `plan` without a
/// style, read from its title and note; decisions it has no style for are
/// left out. Every proposal starts ticked.
#[must_use]
pub fn proposals(plan: &ImportPlan) -> Vec<Proposal> {
    plan.added
        .iter()
        .filter(|decision| decision.style.is_none())
        .filter_map(|decision| {
            let suggestion = suggest::suggest(&format!("{}\n{}", decision.title, decision.note));
            let style = suggestion.style?;
            let situations = suggestion
                .situations
                .into_iter()
                .filter(|situation| !decision.situations.contains(situation))
                .collect();
            Some(Proposal {
                id: decision.id.clone(),
                title: decision.title.clone(),
                style: Some(style),
                situations,
                ticked: true,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::{ImportContext, jrnl};
    use jiff::Timestamp;

    fn context() -> ImportContext {
        let now: Timestamp = "2026-11-29T12:00:00Z".parse().expect("time");
        ImportContext { time_zone: jiff::tz::TimeZone::UTC, now }
    }

    fn plan_of(text: &str, journal: &Journal) -> ImportPlan {
        let parsed = jrnl::read_json(text, &context()).expect("reads");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        ImportPlan::new(journal, parsed)
    }

    const EXPORT: &str = r#"{"entries": [
        {"title": "1:1 with Marco.", "body": "@leadership @Marco @Q3 @okr talked growth", "date": "2026-06-01", "time": "09:00", "tags": ["@leadership", "@marco", "@q3", "@okr"]},
        {"title": "Budget.", "body": "@ana_lopez @API numbers", "date": "2026-06-02", "time": "09:00", "tags": ["@ana_lopez", "@api"]}
    ]}"#;

    #[test]
    fn capitalised_tags_and_known_names_look_like_people_codes_and_words_do_not() {
        let plan = plan_of(EXPORT, &Journal::default());
        assert_eq!(people_like_tags(&plan, &Journal::default()), ["Marco"]);
        let mut journal = Journal::default();
        journal.push(Decision {
            id: DecisionId("earlier".into()),
            date: jiff::civil::date(2026, 1, 1),
            title: "Earlier".into(),
            people: vec!["Ana Lopez".into()],
            ..Decision::default()
        });
        assert_eq!(people_like_tags(&plan, &journal), ["Marco", "ana_lopez"]);
    }

    #[test]
    fn chosen_tags_move_to_people_and_unknown_names_are_returned() {
        let mut plan = plan_of(EXPORT, &Journal::default());
        let unused = plan.tags_to_people(&["marco".to_owned(), "ana_lopez".to_owned(), "Zoe".to_owned()]);
        assert_eq!(unused, ["Zoe"]);
        assert_eq!(plan.added[0].tags, ["Q3", "okr"]);
        assert_eq!(plan.added[0].people, ["Marco"]);
        assert_eq!(plan.added[1].tags, ["API"]);
        assert_eq!(plan.added[1].people, ["ana lopez"]);
    }
}
