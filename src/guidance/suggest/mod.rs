//! The text suggester: while the user writes a decision's title and note,
//! suggest a style and situations, each with the words that point to it
//! ("crisis — because you wrote *outage*").
//!
//! Everything it knows lives in the `vocabulary` section of
//! `assets/guidance.ron`: cue words and phrases per situation and per side,
//! with weights, plus the negators, irregular word forms and the thresholds.
//! This module only knows how to match them (step 1 lives in `tokenise`,
//! steps 2–3 in `cues`, step 4 in `score`):
//!
//! 1. The text is split into words (letters and digits of any script; an
//!    apostrophe inside a word is kept, so `didn't` is one word). Case is
//!    folded and each word is reduced by the Snowball English stemmer
//!    (`delegated`, `delegating`, `delegation` → `deleg`), after the data's
//!    irregular forms (`froze` → `freeze`). Cues go through the same steps.
//! 2. At each word the longest cue phrase starting there wins, and matching
//!    resumes after it; a phrase never spans clause punctuation. Phrases on
//!    the `ignore` list match and point nowhere, so `onboarding flow` hides
//!    the training cue `onboarding`.
//! 3. A cue preceded, within a few words of the same clause, by a negator
//!    (`no`, `not`, `without`, `never`, `…n't`) is dropped: "no deadline
//!    pressure" is not a tight deadline. Cues that contain their own negator
//!    ("without micromanaging") are phrases in the data.
//! 4. Each cue adds its weight to its targets. Situations at or above the
//!    threshold are suggested. A side's score is its own cues plus the scores
//!    of the situations that favour it (each capped, so one situation weighs
//!    like one decisive cue). Strong signals on both sides (a strong cue, or
//!    several hints) with the weaker side at least half the stronger give a
//!    blend; otherwise the larger side wins.
//!
//! It is deterministic, needs no state, and reads a 100 KB text in a few
//! milliseconds (see `benches/suggest.rs`).

mod cues;
mod score;
mod tokenise;

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use self::cues::{Cues, Target};
use self::score::Scoring;
use self::tokenise::Stemmer;
use super::{Guidance, Side};
use crate::model::{Situation, Style};

/// A cue: a word or phrase, and how strongly it points to its target
/// (1 = a hint, 2 = enough on its own to suggest a situation, 3 = decisive).
#[derive(Debug, Clone, Deserialize)]
pub struct Cue(pub String, pub u32);

/// The cues pointing to one situation.
#[derive(Debug, Clone, Deserialize)]
pub struct SituationCues {
    /// Which situation.
    pub id: Situation,
    /// Its cues.
    pub cues: Vec<Cue>,
}

/// The cues pointing to one side.
#[derive(Debug, Clone, Deserialize)]
pub struct SideCues {
    /// Which side.
    pub side: Side,
    /// Its cues.
    pub cues: Vec<Cue>,
}

/// The suggester's vocabulary, the `vocabulary` section of the guidance file.
///
/// In a cue, `*` stands for any one word, `**` for up to three words (or
/// none), and `@name` for any word of the class `name` (e.g. `due @day`).
#[derive(Debug, Clone, Deserialize)]
pub struct Vocabulary {
    /// Words that negate a cue following them in the same clause.
    pub negators: Vec<String>,
    /// How many words before a cue a negator still counts.
    pub negation_window: usize,
    /// Words that end a clause for negation (e.g. `but`, `so`).
    pub clause_words: Vec<String>,
    /// Characters that end a clause (e.g. `.`, `;`).
    pub clause_marks: String,
    /// A situation is suggested when its cues add up to at least this.
    pub situation_threshold: u32,
    /// A situation pulls its side by its score, at most this much.
    pub situation_side_cap: u32,
    /// A blend needs a signal at least this strong on each side…
    pub blend_min: u32,
    /// …and the weaker side at least this percentage of the stronger.
    pub blend_percent: u32,
    /// Irregular forms and spelling variants, `(form, base word)`: the base
    /// word is then stemmed as usual.
    pub forms: Vec<(String, String)>,
    /// Named word classes for `@name` in cues.
    pub classes: Vec<(String, Vec<String>)>,
    /// Phrases that point nowhere and hide the shorter cues inside them.
    pub ignore: Vec<String>,
    /// Cues per situation.
    pub situations: Vec<SituationCues>,
    /// Cues per side.
    pub sides: Vec<SideCues>,
}

/// What a text suggests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The suggested style, if the text points anywhere.
    pub style: Option<Style>,
    /// The suggested situations, in the article's order.
    pub situations: Vec<Situation>,
    /// The words behind the suggestion, in the order they appear.
    pub evidence: Vec<Evidence>,
}

/// Words of the text and what they point to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The words as the user wrote them.
    pub text: String,
    /// A situation id, or `leadership` / `management`.
    pub points_to: String,
}

/// The keys are short words from our own data, so a fast non-cryptographic
/// hash is safe and several times quicker than the default.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
type FastSet<T> = rustc_hash::FxHashSet<T>;

/// The vocabulary, compiled once: how to read a text, the cues to find in
/// it and how to score them.
#[derive(Debug)]
struct Suggester {
    stemmer: Stemmer,
    clause_marks: Vec<char>,
    cues: Cues,
    scoring: Scoring,
}

/// Suggests a style and situations for `text`, with the evidence.
///
/// Deterministic; an empty or neutral text gives no style and nothing else.
#[must_use]
pub fn suggest(text: &str) -> Suggestion {
    compiled().suggest(text)
}

fn compiled() -> &'static Suggester {
    static COMPILED: OnceLock<Suggester> = OnceLock::new();
    COMPILED.get_or_init(|| Suggester::new(&Guidance::get().vocabulary))
}

impl Suggester {
    fn new(vocabulary: &Vocabulary) -> Self {
        let stemmer = Stemmer::new(&vocabulary.forms);
        let cues = Cues::new(vocabulary, &stemmer);
        Self {
            clause_marks: vocabulary.clause_marks.chars().collect(),
            cues,
            scoring: Scoring::new(vocabulary),
            stemmer,
        }
    }

    fn suggest(&self, text: &str) -> Suggestion {
        let tokens = self.stemmer.tokens(text, &self.clause_marks);
        let found = self.cues.find(&tokens);
        let (situations, style) =
            self.scoring.score(found.iter().flat_map(|found| self.cues.targets(found.slot).iter().copied()));

        // One piece of evidence per cue and target: the first place it
        // appears, as written there.
        let guidance = Guidance::get();
        let mut evidence = Vec::new();
        let mut seen = HashSet::new();
        for found in &found {
            let words = &text[tokens.list[found.first].start..tokens.list[found.first + found.len - 1].end];
            for &(target, _) in self.cues.targets(found.slot) {
                let points_to = match target {
                    Target::Situation(situation) if situations.contains(&situation) => situation.id(),
                    Target::Situation(situation) => guidance.situation(situation).side.style().id(),
                    Target::Side(side) => side.style().id(),
                };
                if seen.insert((found.slot, points_to)) {
                    evidence.push(Evidence { text: words.to_owned(), points_to: points_to.to_owned() });
                }
            }
        }
        Suggestion { style, situations, evidence }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointing(suggestion: &Suggestion, target: &str) -> Vec<String> {
        suggestion.evidence.iter().filter(|e| e.points_to == target).map(|e| e.text.clone()).collect()
    }

    #[test]
    fn word_forms_are_recognised_in_text() {
        for text in [
            "Delegated the launch plan to Mia",
            "delegating the launch plan to Mia",
            "The delegation of the launch plan to Mia",
        ] {
            assert!(suggest(text).evidence.iter().any(|e| e.text.to_lowercase().starts_with("delegat")), "{text}");
        }
        let outages = suggest("Two OUTAGES this week");
        assert_eq!(outages.situations, [Situation::Crisis]);
        assert_eq!(pointing(&outages, "crisis"), ["OUTAGES"]);
    }

    #[test]
    fn empty_and_neutral_text_suggest_nothing() {
        for text in ["", "   ", "\n\t", "Lunch with the team.", "!!! ???", "🙂🚀", "決定しました"] {
            let suggestion = suggest(text);
            assert_eq!(suggestion, Suggestion::default(), "{text:?}");
        }
    }

    #[test]
    fn unicode_text_never_panics_and_keeps_the_words() {
        let text = "Décidé: 🚀 outage à 3h — 決定 war room, Ünïcödé brainstorm’s ﬁne İstanbul";
        let suggestion = suggest(text);
        assert!(suggestion.situations.contains(&Situation::Crisis), "{suggestion:?}");
        for evidence in &suggestion.evidence {
            assert!(text.contains(&evidence.text), "{evidence:?}");
        }
        for cut in 0..text.len() {
            if text.is_char_boundary(cut) {
                std::hint::black_box(suggest(&text[..cut]));
            }
        }
    }

    #[test]
    fn a_100_kb_text_answers() {
        let sentence = "Release is due Thursday, so I froze the scope and assigned the remaining bugs. ";
        let text = sentence.repeat(100 * 1024 / sentence.len() + 1);
        assert!(text.len() >= 100 * 1024);
        let suggestion = suggest(&text);
        assert_eq!(suggestion.style, Some(Style::Management));
        assert_eq!(suggestion.situations, [Situation::TightDeadline]);
        // Evidence is not repeated for every occurrence.
        assert!(suggestion.evidence.len() < 10, "{:?}", suggestion.evidence);
    }

    #[test]
    fn serialises_to_the_documented_shape() {
        let json = serde_json::to_value(suggest("Set up a war room after the outage")).unwrap();
        assert_eq!(json["style"], "management");
        assert_eq!(json["situations"], serde_json::json!(["crisis"]));
        assert_eq!(json["evidence"][0], serde_json::json!({"text": "war room", "points_to": "crisis"}));
        let empty = serde_json::to_value(suggest("")).unwrap();
        assert_eq!(empty, serde_json::json!({"style": null, "situations": [], "evidence": []}));
    }
}
