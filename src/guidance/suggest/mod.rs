//! The text suggester: while the user writes a decision's title and note,
//! suggest a style and situations, each with the words that weighed most
//! for it ("crisis — because you wrote *outage*"), how sure it is, and the
//! most similar decision of the corpus it learned from.
//!
//! It is a linear model learned from a labelled corpus written by us
//! (`assets/suggest/corpus.txt`, 600+ decisions from 30+ trades in four
//! writing styles) by `scripts/train_suggest.py`, which also measures it on
//! trades it never trained on and writes the weights to
//! `assets/suggest/model.json` (embedded; see `model` for the features).
//!
//! 1. The text is read as words (Keel's own prompts such as "Why managing
//!    was right here:" left out); each word is case-folded and stemmed
//!    (irregular forms from the guidance file, then Snowball English);
//!    numbers and weekdays become placeholders, never evidence.
//! 2. Words after a negator (`not`, `didn't`, `never`, `without`, `no
//!    longer`…) up to the end of their clause are read as negated, so
//!    "didn't micromanage" is not "micromanage".
//! 3. Each known word and word pair adds its weights: four style scores
//!    (leadership, management, blend, none) and one per situation. The
//!    style with the highest probability is suggested when it is a style and
//!    its probability reaches the threshold chosen on the test part;
//!    otherwise no style (the editor says it is unsure). Situations are
//!    suggested above their own threshold.
//! 4. Evidence: for each suggestion, the user's words whose features
//!    weighed most for it, as written (merged into short phrases).
//!
//! Deterministic, no state; the model is parsed on first use (a few
//! milliseconds; `prepare` does it on a background thread), and a 100 KB
//! text is read within a frame (see `benches/suggest.rs`).

mod model;
mod tokenise;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use self::model::{Found, Model, STYLE_CLASSES, Word, is_function_word};
use super::Guidance;
use crate::model::{Situation, Style};

/// The part of the guidance file the suggester reads: irregular word forms
/// for its stemmer. (The older cue lists may still be present in the file;
/// they are ignored.)
#[derive(Debug, Clone, Deserialize)]
pub struct Vocabulary {
    /// Irregular forms and spelling variants, `(form, base word)`: the base
    /// word is then stemmed as usual; a word mapped to itself is kept whole.
    pub forms: Vec<(String, String)>,
}

/// What a text suggests.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Suggestion {
    /// The suggested style, if the text points to one with enough
    /// confidence.
    pub style: Option<Style>,
    /// The suggested situations, in the article's order.
    pub situations: Vec<Situation>,
    /// The words behind the suggestion: for each suggested situation, then
    /// for the style's side(s), the words that weighed most, strongest first.
    pub evidence: Vec<Evidence>,
    /// How sure the model is of its best style (0–1), whether or not it
    /// reached the threshold; absent when the text points to no style.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// The most similar decision of the corpus with the suggested style.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub similar: Vec<Similar>,
}

impl Suggestion {
    /// Whether the model found a style but was too unsure to suggest it.
    #[must_use]
    pub fn unsure(&self) -> bool {
        self.style.is_none() && self.confidence.is_some()
    }
}

/// Words of the text and what they point to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The words as the user wrote them.
    pub text: String,
    /// A situation id, or `leadership` / `management`.
    pub points_to: String,
}

/// A decision of the corpus like the one written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Similar {
    /// Its text.
    pub text: String,
    /// Its style id.
    pub style: String,
}

/// The keys are short words from our own data, so a fast non-cryptographic
/// hash is safe and several times quicker than the default.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
type FastSet<T> = rustc_hash::FxHashSet<T>;

/// How alike (cosine of the features) a corpus decision must be to be shown.
const SIMILAR_MIN: f64 = 0.3;
/// At most this many phrases of evidence per suggestion.
const EVIDENCE_PHRASES: usize = 2;

/// Suggests a style and situations for `text`, with the evidence.
///
/// Deterministic; an empty or neutral text gives no style and nothing else.
#[must_use]
pub fn suggest(text: &str) -> Suggestion {
    compiled().suggest(text)
}

/// Parses the model on a background thread, so the first suggestion does
/// not wait for it. Cheap to call again.
pub fn prepare() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        // A thread that cannot start only means the first call parses it.
        let _ = std::thread::Builder::new().name("keel-suggest".into()).spawn(|| {
            compiled();
        });
    });
}

fn compiled() -> &'static Model {
    static COMPILED: OnceLock<Model> = OnceLock::new();
    COMPILED.get_or_init(|| Model::load(&Guidance::get().vocabulary.forms))
}

const LEADERSHIP: usize = 0;
const MANAGEMENT: usize = 1;
const BLEND: usize = 2;
const NO_STYLE: usize = 3;

impl Model {
    fn suggest(&self, text: &str) -> Suggestion {
        let words = self.words(text);
        let found = self.features(&words);
        if found.is_empty() {
            return Suggestion::default();
        }
        let scores = self.score(&found);
        let situations: Vec<Situation> = Situation::ALL
            .into_iter()
            .zip(scores.situations)
            .filter(|&(_, probability)| probability >= self.situation_threshold)
            .map(|(situation, _)| situation)
            .collect();
        let best = (0..STYLE_CLASSES)
            .fold(0, |best, class| if scores.style[class] > scores.style[best] { class } else { best });
        let confidence = (best != NO_STYLE).then_some(scores.style[best]);
        let style = match best {
            _ if scores.style[best] < self.style_threshold => None,
            LEADERSHIP => Some(Style::Leadership),
            MANAGEMENT => Some(Style::Management),
            BLEND => Some(Style::Blend),
            _ => None,
        };

        let mut evidence = Vec::new();
        for (index, &situation) in Situation::ALL.iter().enumerate() {
            if situations.contains(&situation) {
                let phrases = self.evidence(text, &words, &found, |weights| weights[STYLE_CLASSES + index]);
                evidence
                    .extend(phrases.into_iter().map(|text| Evidence { text, points_to: situation.id().to_owned() }));
            }
        }
        let sides: &[usize] = match style {
            Some(Style::Leadership) => &[LEADERSHIP],
            Some(Style::Management) => &[MANAGEMENT],
            Some(Style::Blend) => &[LEADERSHIP, MANAGEMENT],
            None => &[],
        };
        for &side in sides {
            // What pulls towards this side rather than the other classes.
            let phrases = self.evidence(text, &words, &found, |weights| {
                let others = (0..STYLE_CLASSES).filter(|&class| class != side && class != BLEND);
                let count = others.clone().count() as f64;
                weights[side] - others.map(|class| weights[class]).sum::<f64>() / count
            });
            let points_to = if side == LEADERSHIP { "leadership" } else { "management" };
            evidence.extend(phrases.into_iter().map(|text| Evidence { text, points_to: points_to.to_owned() }));
        }
        let similar = style
            .and_then(|style| self.most_similar(&words, &found, style.id(), SIMILAR_MIN))
            .map(|case| Similar { text: case.text.clone(), style: case.style.clone() })
            .into_iter()
            .collect();
        Suggestion { style, situations, evidence, confidence, similar }
    }

    /// The user's words that weighed most for one output (`weight` picks
    /// its weight from a feature's row): each feature's weight is shared by
    /// the words it came from; function words, numbers and weekdays are
    /// never chosen; neighbouring choices merge into a phrase, and a negated
    /// word brings its negator ("didn't micromanage").
    fn evidence(&self, text: &str, words: &[Word], found: &[Found], weight: impl Fn(&[f64]) -> f64) -> Vec<String> {
        let mut pull = vec![0.0_f64; words.len()];
        for feature in found {
            let share = weight(self.weights(feature.row)) / feature.words as f64;
            for word_pull in &mut pull[feature.first..feature.first + feature.words] {
                *word_pull += share;
            }
        }
        let eligible =
            |at: usize| !is_function_word(&words[at].lower) && !words[at].key.starts_with('<') && pull[at] > 0.05;
        let mut ranked: Vec<usize> = (0..words.len()).filter(|&at| eligible(at)).collect();
        ranked.sort_by(|&a, &b| pull[b].total_cmp(&pull[a]).then(a.cmp(&b)));
        let Some(&top) = ranked.first() else { return Vec::new() };
        let strong: Vec<usize> = ranked.into_iter().filter(|&at| pull[at] >= pull[top] * 0.4).take(4).collect();

        // Phrases: runs of chosen words (one word between them filled in,
        // within a clause, at most four words); each phrase scored by its
        // strongest word.
        let mut chosen = strong.clone();
        chosen.sort_unstable();
        let mut phrases: Vec<(usize, usize, f64)> = Vec::new();
        for at in chosen {
            let mut start = at;
            if words[at].negated {
                // Back to the negator, within three words of the clause.
                let mut back = at;
                while back > 0 && at - back < 3 && !words[back].break_before {
                    back -= 1;
                    if !words[back].negated {
                        start = back;
                        break;
                    }
                }
            }
            match phrases.last_mut() {
                Some((first, end, score))
                    if start <= *end + 2
                        && at - *first < 4
                        && !words[*end + 1..=at].iter().any(|word| word.break_before) =>
                {
                    *end = at;
                    *score = score.max(pull[at]);
                }
                _ => phrases.push((start, at, pull[at])),
            }
        }
        phrases.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut seen = FastSet::default();
        phrases
            .into_iter()
            .map(|(first, last, _)| text[words[first].start..words[last].end].to_owned())
            .filter(|phrase| seen.insert(phrase.to_lowercase()))
            .take(EVIDENCE_PHRASES)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointing(suggestion: &Suggestion, target: &str) -> Vec<String> {
        suggestion.evidence.iter().filter(|e| e.points_to == target).map(|e| e.text.clone()).collect()
    }

    #[test]
    fn scores_match_the_training_script() {
        let model = compiled();
        assert!(!model.parity.is_empty());
        for case in &model.parity {
            let scores = model.score(&model.features(&model.words(&case.text)));
            for (got, want) in
                scores.style.iter().chain(&scores.situations).zip(case.style.iter().chain(&case.situations))
            {
                assert!((got - want).abs() < 1e-9, "{:?}: {got} vs the script's {want}", case.text);
            }
        }
    }

    #[test]
    fn word_forms_are_recognised_in_text() {
        for text in [
            "Delegated the launch plan to Mia",
            "delegating the launch plan to Mia",
            "The delegation of the launch plan to Mia",
        ] {
            let words = compiled().words(text);
            assert!(words.iter().any(|word| word.key == "deleg"), "{text}");
        }
    }

    #[test]
    fn empty_and_unknown_text_suggest_nothing() {
        for text in ["", "   ", "\n\t", "!!! ???", "🙂🚀", "決定しました"] {
            let suggestion = suggest(text);
            assert_eq!(suggestion, Suggestion::default(), "{text:?}");
        }
        let lunch = suggest("Lunch with the team.");
        assert_eq!(lunch.style, None, "{lunch:?}");
    }

    #[test]
    fn negation_is_read() {
        let words = compiled().words("I didn't micromanage the night shift, they ran it");
        let negated: Vec<&str> = words.iter().filter(|w| w.negated).map(|w| w.lower.as_str()).collect();
        assert_eq!(negated, ["micromanage", "the", "night", "shift"]);
        let hands_off = suggest("Didn't micromanage the night team this month; they ran it their way");
        assert_eq!(hands_off.style, Some(Style::Leadership), "{hands_off:?}");
        assert!(
            pointing(&hands_off, "leadership")
                .iter()
                .chain(&pointing(&hands_off, "independent-team"))
                .any(|e| e.contains("micromanage")),
            "{hands_off:?}"
        );
    }

    #[test]
    fn prompts_weekdays_and_numbers_are_never_evidence() {
        let text =
            "Why managing was right here: Release is due Thursday at 5pm, so I froze the scope and assigned the bugs";
        let suggestion = suggest(text);
        assert_eq!(suggestion.style, Some(Style::Management), "{suggestion:?}");
        for evidence in &suggestion.evidence {
            for banned in ["Why", "managing", "right here", "Thursday", "5pm"] {
                assert!(!evidence.text.contains(banned), "{evidence:?}");
            }
            assert!(text.contains(&evidence.text), "{evidence:?}");
        }
        // The prompt alone suggests nothing.
        assert_eq!(suggest("Why leading was right here: "), Suggestion::default());
    }

    #[test]
    fn unicode_text_never_panics_and_keeps_the_words() {
        let text = "Décidé: 🚀 outage à 3h — 決定 war room, Ünïcödé brainstorm’s ﬁne İstanbul";
        let suggestion = suggest(text);
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
        assert!(suggestion.evidence.len() < 10, "{:?}", suggestion.evidence);
    }

    #[test]
    fn serialises_to_the_documented_shape() {
        let json = serde_json::to_value(suggest("Set up a war room after the outage")).unwrap();
        assert_eq!(json["style"], "management");
        assert_eq!(json["situations"], serde_json::json!(["crisis"]));
        assert_eq!(json["evidence"][0]["points_to"], "crisis");
        let confidence = json["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence));
        let empty = serde_json::to_value(suggest("")).unwrap();
        assert_eq!(empty, serde_json::json!({"style": null, "situations": [], "evidence": []}));
    }

    #[test]
    fn a_similar_decision_shares_the_style() {
        let suggestion =
            suggest("Handed the supplier negotiation to Mei with a clear brief and a review before signing");
        for similar in &suggestion.similar {
            assert_eq!(Some(similar.style.as_str()), suggestion.style.map(Style::id), "{suggestion:?}");
        }
    }
}
