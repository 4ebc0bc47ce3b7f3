//! The learned model: `assets/suggest/model.json`, written by
//! `scripts/train_suggest.py` from the labelled corpus
//! `assets/suggest/corpus.txt`. This file reproduces the script's features
//! exactly (same words, stems, negation scopes and word pairs) and scores
//! them the same way, so the script's figures are the binary's figures (a
//! unit test checks the scores the script wrote for a few sentences).

use serde::Deserialize;

use super::tokenise::{Stemmer, push_lower, split_words};
use super::{FastMap, FastSet};
use crate::model::Situation;

const MODEL_JSON: &str = include_str!("../../../assets/suggest/model.json");

/// How many style classes: leadership, management, blend, none.
pub(super) const STYLE_CLASSES: usize = 4;
/// Style classes then the nine situations, one logit each.
const OUTPUTS: usize = STYLE_CLASSES + Situation::ALL.len();

/// The file as the script writes it.
#[derive(Debug, Deserialize)]
struct ModelFile {
    styles: Vec<String>,
    situations: Vec<Situation>,
    negators: Vec<String>,
    clause_words: Vec<String>,
    clause_marks: String,
    weekdays: Vec<String>,
    prompts: Vec<String>,
    style_threshold: f64,
    situation_threshold: f64,
    bias: Vec<f64>,
    weights: FastMap<String, Vec<f64>>,
    similar: Vec<SimilarCase>,
    parity: Vec<Parity>,
}

/// A training decision offered as "like: …".
#[derive(Debug, Clone, Deserialize)]
pub(super) struct SimilarCase {
    pub(super) text: String,
    pub(super) style: String,
}

/// Scores the script computed for one sentence.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(test), expect(dead_code, reason = "read by the parity test"))]
pub(super) struct Parity {
    pub(super) text: String,
    pub(super) style: Vec<f64>,
    pub(super) situations: Vec<f64>,
}

/// One word of the text as the model reads it.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// Byte range in the text.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Lower-cased, apostrophes straightened.
    pub(super) lower: String,
    /// Its stem, or `<num>` / `<day>`.
    pub(super) key: String,
    /// Clause punctuation before it.
    pub(super) break_before: bool,
    /// A negator stands before it in its clause.
    pub(super) negated: bool,
}

/// A feature found in the text: its row in the weight table and the words
/// it came from (the first place it occurs).
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub(super) row: u32,
    pub(super) first: usize,
    pub(super) words: usize,
}

/// The model, compiled once.
#[derive(Debug)]
pub(super) struct Model {
    pub(super) stemmer: Stemmer,
    clause_marks: Vec<char>,
    negators: FastSet<String>,
    clause_words: FastSet<String>,
    weekdays: FastSet<String>,
    prompts: Vec<String>,
    pub(super) style_threshold: f64,
    pub(super) situation_threshold: f64,
    bias: [f64; OUTPUTS],
    rows: FastMap<String, u32>,
    /// Row `r` is `table[r * OUTPUTS..(r + 1) * OUTPUTS]`, in the order of
    /// the features' names (the order the script sums them in).
    table: Vec<f64>,
    pub(super) similar: Vec<SimilarCase>,
    /// The rows of each similar case's features, sorted.
    similar_rows: std::sync::OnceLock<Vec<Vec<u32>>>,
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the parity test"))]
    pub(super) parity: Vec<Parity>,
}

/// What the model makes of a text.
#[derive(Debug, Clone)]
pub(super) struct Scores {
    /// Probabilities of leadership, management, blend, none.
    pub(super) style: [f64; STYLE_CLASSES],
    /// Probability of each situation, in `Situation::ALL` order.
    pub(super) situations: [f64; Situation::ALL.len()],
}

impl Model {
    /// Parses the embedded model.
    ///
    /// # Panics
    /// Only if the embedded file is malformed, which the unit tests rule out.
    pub(super) fn load(forms: &[(String, String)]) -> Self {
        #[expect(clippy::expect_used, reason = "the embedded file is checked by unit tests")]
        let file: ModelFile = serde_json::from_str(MODEL_JSON).expect("assets/suggest/model.json parses");
        assert_eq!(file.styles, ["leadership", "management", "blend", "none"], "the model's style classes");
        assert_eq!(file.situations, Situation::ALL, "the model's situations");
        assert_eq!(file.bias.len(), OUTPUTS, "one bias per output");
        let mut names: Vec<(String, Vec<f64>)> = file.weights.into_iter().collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let mut rows = FastMap::default();
        let mut table = Vec::with_capacity(names.len() * OUTPUTS);
        for (row, (name, weights)) in names.into_iter().enumerate() {
            assert_eq!(weights.len(), OUTPUTS, "{name}: one weight per output");
            rows.insert(name, u32::try_from(row).unwrap_or(u32::MAX));
            table.extend(weights);
        }
        let mut bias = [0.0; OUTPUTS];
        bias.copy_from_slice(&file.bias);
        Self {
            stemmer: Stemmer::new(forms),
            clause_marks: file.clause_marks.chars().collect(),
            negators: file.negators.into_iter().collect(),
            clause_words: file.clause_words.into_iter().collect(),
            weekdays: file.weekdays.into_iter().collect(),
            prompts: file.prompts,
            style_threshold: file.style_threshold,
            situation_threshold: file.situation_threshold,
            bias,
            rows,
            table,
            similar: file.similar,
            similar_rows: std::sync::OnceLock::new(),
            parity: file.parity,
        }
    }

    fn is_negator(&self, lower: &str) -> bool {
        self.negators.contains(lower) || lower.ends_with("n't")
    }

    /// The words of `text`: Keel's own prompts left out, each word with its
    /// key (stem, `<num>` or `<day>`) and whether it is negated.
    pub(super) fn words(&self, text: &str) -> Vec<Word> {
        let blanked;
        let text = if self.prompts.iter().any(|prompt| text.contains(prompt.as_str())) {
            let mut copy = text.to_owned();
            for prompt in &self.prompts {
                copy = copy.replace(prompt.as_str(), &" ".repeat(prompt.len()));
            }
            blanked = copy;
            blanked.as_str()
        } else {
            text
        };
        let mut words = Vec::new();
        let mut negated = false;
        for (start, end, break_before) in split_words(text, &self.clause_marks) {
            let mut lower = String::new();
            push_lower(&text[start..end], &mut lower);
            if break_before || self.clause_words.contains(&lower) {
                negated = false;
            }
            let key = if lower.bytes().any(|byte| byte.is_ascii_digit()) {
                "<num>".to_owned()
            } else if self.weekdays.contains(&lower) {
                "<day>".to_owned()
            } else {
                self.stemmer.stem(&lower)
            };
            let is_negator = self.is_negator(&lower);
            words.push(Word { start, end, lower, key, break_before, negated });
            if is_negator {
                negated = true;
            }
        }
        words
    }

    /// The features of `words` the model knows, each once, sorted by row
    /// (which is the order of their names).
    pub(super) fn features(&self, words: &[Word]) -> Vec<Found> {
        let mut found: FastMap<u32, Found> = FastMap::default();
        let mut name = String::new();
        let look = |name: &str, first: usize, count: usize, found: &mut FastMap<u32, Found>| {
            if let Some(&row) = self.rows.get(name) {
                found.entry(row).or_insert(Found { row, first, words: count });
            }
        };
        for (at, word) in words.iter().enumerate() {
            name.clear();
            name.push_str(if word.negated { "n:" } else { "s:" });
            name.push_str(&word.key);
            look(&name, at, 1, &mut found);
            if at > 0 && !word.break_before {
                name.clear();
                name.push_str("b:");
                name.push_str(&words[at - 1].key);
                name.push(' ');
                name.push_str(&word.key);
                look(&name, at - 1, 2, &mut found);
            }
        }
        let mut found: Vec<Found> = found.into_values().collect();
        found.sort_unstable_by_key(|found| found.row);
        found
    }

    /// The weights of one feature: style logits, then situation logits.
    pub(super) fn weights(&self, row: u32) -> &[f64] {
        let at = row as usize * OUTPUTS;
        &self.table[at..at + OUTPUTS]
    }

    /// Probabilities for the features found (summed in the script's order).
    pub(super) fn score(&self, found: &[Found]) -> Scores {
        let mut logits = self.bias;
        for feature in found {
            for (logit, weight) in logits.iter_mut().zip(self.weights(feature.row)) {
                *logit += weight;
            }
        }
        let (style_logits, situation_logits) = logits.split_at(STYLE_CLASSES);
        let top = style_logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut style = [0.0; STYLE_CLASSES];
        for (probability, logit) in style.iter_mut().zip(style_logits) {
            *probability = (logit - top).exp();
        }
        let total: f64 = style.iter().sum();
        for probability in &mut style {
            *probability /= total;
        }
        let mut situations = [0.0; Situation::ALL.len()];
        for (probability, logit) in situations.iter_mut().zip(situation_logits) {
            *probability = 1.0 / (1.0 + (-logit).exp());
        }
        Scores { style, situations }
    }

    /// The training decision most like the text (cosine over the features
    /// the model knows) with the given style, if any is at least `min` alike.
    pub(super) fn most_similar(&self, words: &[Word], found: &[Found], style: &str, min: f64) -> Option<&SimilarCase> {
        if found.is_empty() {
            return None;
        }
        // Only features with a word of meaning count: two texts sharing
        // "I", "the" and "and" are not alike.
        let content = |words: &[Word], found: &Found| {
            words[found.first..found.first + found.words].iter().any(|word| !is_function_word(&word.lower))
        };
        let rows = self.similar_rows.get_or_init(|| {
            self.similar
                .iter()
                .map(|case| {
                    let words = self.words(&case.text);
                    self.features(&words).iter().filter(|found| content(&words, found)).map(|found| found.row).collect()
                })
                .collect()
        });
        let mine: FastSet<u32> = found.iter().filter(|found| content(words, found)).map(|found| found.row).collect();
        if mine.is_empty() {
            return None;
        }
        let mut best: Option<(f64, usize)> = None;
        for (at, (case, theirs)) in self.similar.iter().zip(rows).enumerate() {
            if case.style != style || theirs.is_empty() {
                continue;
            }
            let shared = theirs.iter().filter(|row| mine.contains(row)).count();
            let similarity = shared as f64 / ((mine.len() * theirs.len()) as f64).sqrt();
            if similarity >= min && best.is_none_or(|(score, _)| similarity > score) {
                best = Some((similarity, at));
            }
        }
        best.map(|(_, at)| &self.similar[at])
    }
}

/// Words that are never shown as evidence on their own: they carry the
/// grammar, not the meaning.
pub(super) fn is_function_word(lower: &str) -> bool {
    const WORDS: [&str; 52] = [
        "a", "an", "the", "to", "of", "and", "or", "i", "we", "my", "our", "it", "its", "in", "on", "for", "with",
        "at", "by", "was", "were", "is", "are", "be", "been", "they", "them", "their", "he", "she", "his", "her", "me",
        "us", "so", "but", "then", "as", "that", "this", "from", "had", "has", "have", "did", "do", "each", "every",
        "one", "all", "some", "any",
    ];
    WORDS.contains(&lower)
}
