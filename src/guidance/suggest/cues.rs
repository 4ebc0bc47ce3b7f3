//! Matching cues: the vocabulary's words and phrases compiled into one
//! phrase table, found in a text longest first, with ignored phrases hiding
//! the cues inside them and negated cues dropped.

use std::collections::HashMap;

use super::tokenise::{Stemmer, Tokens, lower_word, split_words};
use super::{Cue, FastMap, FastSet, Vocabulary};
use crate::guidance::Side;
use crate::model::Situation;

/// What a cue adds weight to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Situation(Situation),
    Side(Side),
}

/// One word of a compiled cue phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Pattern {
    Word(String),
    Class(usize),
    /// `*`: any one word.
    Any,
    /// `**`: up to [`GAP_WORDS`] words, or none.
    Gap,
}

/// How many words a `**` gap in a cue may skip.
const GAP_WORDS: usize = 3;

/// A compiled phrase with everything it points to (nothing: an ignored
/// phrase).
#[derive(Debug)]
pub(super) struct Phrase {
    pub(super) words: Vec<Pattern>,
    pub(super) targets: Vec<(Target, u32)>,
}

/// A cue found in a text: its first word, how many words, and which phrase.
#[derive(Debug, Clone, Copy)]
pub(super) struct Match {
    pub(super) first: usize,
    pub(super) len: usize,
    pub(super) slot: usize,
}

/// The vocabulary's cues, normalised once.
#[derive(Debug)]
pub(super) struct Cues {
    pub(super) phrases: Vec<Phrase>,
    /// Phrase indices by the stem of their first word, longest first.
    by_first: FastMap<String, Vec<usize>>,
    /// Phrases starting with `*`, longest first.
    any_first: Vec<usize>,
    classes: Vec<FastSet<String>>,
    /// The class names, in the order of `classes`, for `@name` in cues.
    class_names: Vec<String>,
    negators: FastSet<String>,
    clause_words: FastSet<String>,
    negation_window: usize,
}

impl Cues {
    /// Compiles the vocabulary's cue lists with `stemmer`.
    pub(super) fn new(vocabulary: &Vocabulary, stemmer: &Stemmer) -> Self {
        let mut cues = Self {
            phrases: Vec::new(),
            by_first: FastMap::default(),
            any_first: Vec::new(),
            classes: vocabulary
                .classes
                .iter()
                .map(|(_, members)| members.iter().map(|member| stemmer.stem(&lower_word(member))).collect())
                .collect(),
            class_names: vocabulary.classes.iter().map(|(name, _)| name.clone()).collect(),
            negators: vocabulary.negators.iter().map(|word| lower_word(word)).collect(),
            clause_words: vocabulary.clause_words.iter().map(|word| lower_word(word)).collect(),
            negation_window: vocabulary.negation_window,
        };

        // Merge every list into one phrase table: the same phrase under two
        // targets is one phrase pointing to both.
        let mut index: HashMap<Vec<Pattern>, usize> = HashMap::new();
        let mut add = |cues: &mut Self, phrase: &str, target: Option<(Target, u32)>| {
            let words = cues.pattern(phrase, stemmer);
            if words.is_empty() {
                return;
            }
            let slot = *index.entry(words.clone()).or_insert_with(|| {
                cues.phrases.push(Phrase { words, targets: Vec::new() });
                cues.phrases.len() - 1
            });
            if let Some(target) = target {
                cues.phrases[slot].targets.push(target);
            }
        };
        for phrase in &vocabulary.ignore {
            add(&mut cues, phrase, None);
        }
        for situation in &vocabulary.situations {
            for Cue(phrase, weight) in &situation.cues {
                add(&mut cues, phrase, Some((Target::Situation(situation.id), *weight)));
            }
        }
        for side in &vocabulary.sides {
            for Cue(phrase, weight) in &side.cues {
                add(&mut cues, phrase, Some((Target::Side(side.side), *weight)));
            }
        }

        for (slot, phrase) in cues.phrases.iter().enumerate() {
            match &phrase.words[0] {
                Pattern::Word(word) => cues.by_first.entry(word.clone()).or_default().push(slot),
                Pattern::Class(class) => {
                    for member in &cues.classes[*class] {
                        cues.by_first.entry(member.clone()).or_default().push(slot);
                    }
                }
                Pattern::Any | Pattern::Gap => cues.any_first.push(slot),
            }
        }
        let phrases = &cues.phrases;
        for slots in cues.by_first.values_mut() {
            slots.sort_by_key(|&slot| (std::cmp::Reverse(phrases[slot].words.len()), slot));
            slots.dedup();
        }
        cues.any_first.sort_by_key(|&slot| (std::cmp::Reverse(phrases[slot].words.len()), slot));
        cues
    }

    /// A cue phrase as patterns, one per word.
    pub(super) fn pattern(&self, phrase: &str, stemmer: &Stemmer) -> Vec<Pattern> {
        phrase
            .split_whitespace()
            .flat_map(|chunk| {
                if chunk == "*" {
                    return vec![Pattern::Any];
                }
                if chunk == "**" {
                    return vec![Pattern::Gap];
                }
                if let Some(name) = chunk.strip_prefix('@')
                    && let Some(class) = self.class_names.iter().position(|candidate| candidate == name)
                {
                    return vec![Pattern::Class(class)];
                }
                split_words(chunk, &[])
                    .into_iter()
                    .map(|(start, end, _)| Pattern::Word(stemmer.stem(&lower_word(&chunk[start..end]))))
                    .collect()
            })
            .collect()
    }

    /// The cues in `tokens`, in order: at each word the longest phrase wins
    /// and matching resumes after it. Ignored phrases and negated cues are
    /// left out.
    pub(super) fn find(&self, tokens: &Tokens) -> Vec<Match> {
        let mut hidden = vec![false; tokens.len()];
        let mut found = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            let Some((slot, len)) = self.longest_at(tokens, at) else {
                at += 1;
                continue;
            };
            if self.phrases[slot].targets.is_empty() {
                hidden[at..at + len].fill(true);
            } else if !self.negated(tokens, &hidden, at) {
                found.push(Match { first: at, len, slot });
            }
            at += len;
        }
        found
    }

    /// What the phrase in `slot` points to, with weights.
    pub(super) fn targets(&self, slot: usize) -> &[(Target, u32)] {
        &self.phrases[slot].targets
    }
    /// How many words `patterns` match from `at`, if they do. A gap takes
    /// as few words as it can. No phrase spans clause punctuation.
    fn match_len(&self, patterns: &[Pattern], tokens: &Tokens, at: usize) -> Option<usize> {
        let Some((pattern, rest)) = patterns.split_first() else { return Some(0) };
        if let Pattern::Gap = pattern {
            for skip in 0..=GAP_WORDS {
                let crosses_break = tokens.list.get(at..at + skip + 1)?.iter().any(|token| token.break_before);
                if crosses_break {
                    return None;
                }
                if let Some(len) = self.match_len(rest, tokens, at + skip) {
                    return Some(skip + len);
                }
            }
            return None;
        }
        if at >= tokens.len() {
            return None;
        }
        let stem = tokens.stem(at);
        let word_matches = match pattern {
            Pattern::Word(word) => stem == word,
            Pattern::Class(class) => self.classes[*class].contains(stem),
            Pattern::Any => true,
            Pattern::Gap => false,
        };
        if !word_matches {
            return None;
        }
        let rest_at = at + 1;
        if !rest.is_empty() && tokens.list.get(rest_at).is_some_and(|next| next.break_before) {
            return None;
        }
        self.match_len(rest, tokens, rest_at).map(|len| len + 1)
    }

    /// The phrase matching the most words at `at`, and how many; among equal
    /// lengths the one listed first in the data.
    fn longest_at(&self, tokens: &Tokens, at: usize) -> Option<(usize, usize)> {
        let keyed = self.by_first.get(tokens.stem(at)).map_or(&[][..], Vec::as_slice);
        let mut best: Option<(usize, &Phrase, usize)> = None;
        for &slot in keyed.iter().chain(&self.any_first) {
            let phrase = &self.phrases[slot];
            if let Some(len) = self.match_len(&phrase.words, tokens, at) {
                let better = best.is_none_or(|(best_slot, _, best_len)| {
                    (len, std::cmp::Reverse(slot)) > (best_len, std::cmp::Reverse(best_slot))
                });
                if better {
                    best = Some((slot, phrase, len));
                }
            }
        }
        best.map(|(slot, _, len)| (slot, len))
    }

    fn is_negator(&self, lower: &str) -> bool {
        self.negators.contains(lower) || lower.ends_with("n't")
    }

    /// Whether a negator stands within the window before word `at`, in the
    /// same clause. Words of ignored phrases (`not only`) never negate.
    fn negated(&self, tokens: &Tokens, hidden: &[bool], at: usize) -> bool {
        let mut position = at;
        for _ in 0..self.negation_window {
            if position == 0 || tokens.break_before(position) {
                return false;
            }
            position -= 1;
            let word = tokens.lower(position);
            if self.clause_words.contains(word) {
                return false;
            }
            if !hidden[position] && self.is_negator(word) {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::{Cue, Pattern};
    use crate::guidance::Guidance;
    use crate::guidance::suggest::{Suggestion, compiled, suggest};
    use crate::model::{Situation, Style};

    fn pointing(suggestion: &Suggestion, target: &str) -> Vec<String> {
        suggestion.evidence.iter().filter(|e| e.points_to == target).map(|e| e.text.clone()).collect()
    }

    #[test]
    fn phrases_match_as_written_and_longest_wins() {
        let stepped = suggest("I stepped back and stayed out of their planning");
        assert_eq!(stepped.style, Some(Style::Leadership));
        assert!(stepped.evidence.iter().any(|e| e.text == "stepped back"), "{stepped:?}");
        assert!(stepped.evidence.iter().any(|e| e.text == "stayed out of"), "{stepped:?}");

        let command = suggest("Took command of the war-room");
        assert_eq!(command.style, Some(Style::Management));
        assert!(command.evidence.iter().any(|e| e.text == "war-room" && e.points_to == "crisis"), "{command:?}");

        // "onboarding flow" is a product screen, not training.
        let flow = suggest("Reviewed the onboarding flow");
        assert!(!flow.situations.contains(&Situation::Training), "{flow:?}");
        let hires = suggest("Onboarding two new hires");
        assert!(hires.situations.contains(&Situation::Training), "{hires:?}");
    }

    #[test]
    fn phrases_do_not_span_clause_punctuation() {
        let split = suggest("We met in the war. Room for ideas later");
        assert!(!split.evidence.iter().any(|e| e.text.contains("war")), "{split:?}");
    }

    #[test]
    fn negation_drops_the_cue() {
        let calm = suggest("No deadline pressure this week");
        assert!(!calm.situations.contains(&Situation::TightDeadline), "{calm:?}");
        assert!(pointing(&calm, "tight-deadline").is_empty());
        for text in [
            "There was not a deadline in sight",
            "We didn't have a deadline",
            "We didn\u{2019}t have a deadline",
            "never a deadline here",
            "without any deadline",
        ] {
            assert!(!suggest(text).situations.contains(&Situation::TightDeadline), "{text}");
        }
        // Out of the window or in another clause, the cue counts again.
        let later = suggest("No meetings today, but the deadline is Friday");
        assert!(later.situations.contains(&Situation::TightDeadline), "{later:?}");
        // A phrase carrying its own negator keeps its meaning.
        let hands_off = suggest("Shipped it without micromanaging anyone");
        assert_eq!(hands_off.style, Some(Style::Leadership), "{hands_off:?}");
        assert!(hands_off.situations.contains(&Situation::IndependentTeam), "{hands_off:?}");
    }

    #[test]
    fn no_cue_is_listed_twice_for_one_target() {
        // Two spellings of one cue (idea/ideas) would count it twice.
        let mut twice = Vec::new();
        for phrase in &compiled().cues.phrases {
            let mut targets: Vec<String> = phrase.targets.iter().map(|(target, _)| format!("{target:?}")).collect();
            let count = targets.len();
            targets.sort();
            targets.dedup();
            if targets.len() != count {
                twice.push(format!("{:?}", phrase.words));
            }
        }
        assert!(twice.is_empty(), "listed twice for one target: {twice:#?}");
    }

    #[test]
    fn every_vocabulary_cue_compiles_to_words() {
        let vocabulary = &Guidance::get().vocabulary;
        assert_eq!(vocabulary.situations.len(), 9);
        for situation in Situation::ALL {
            assert!(vocabulary.situations.iter().any(|cues| cues.id == situation), "{situation} has cues");
        }
        assert_eq!(vocabulary.sides.len(), 2);
        let class_names: Vec<&str> = vocabulary.classes.iter().map(|(name, _)| name.as_str()).collect();
        let suggester = compiled();
        let cues =
            vocabulary.situations.iter().flat_map(|s| &s.cues).chain(vocabulary.sides.iter().flat_map(|s| &s.cues));
        for Cue(phrase, weight) in cues {
            assert!((1..=3).contains(weight), "{phrase}: weight {weight}");
            let words = suggester.cues.pattern(phrase, &suggester.stemmer);
            assert!(!words.is_empty(), "{phrase:?} has no words");
            let edges = [words.first(), words.last()];
            assert!(!edges.contains(&Some(&Pattern::Gap)), "{phrase:?}: a gap must sit between words");
            for chunk in phrase.split_whitespace().filter(|c| c.starts_with('@')) {
                assert!(class_names.contains(&&chunk[1..]), "{phrase:?}: unknown class {chunk}");
            }
            // Every cue finds itself.
            assert!(!suggest(&phrase.replace('*', "it").replace('@', "")).evidence.is_empty() || phrase.contains('@'));
        }
    }
}
