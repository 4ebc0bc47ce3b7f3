//! The text suggester: while the user writes a decision's title and note,
//! suggest a style and situations, each with the words that point to it
//! ("crisis — because you wrote *outage*").
//!
//! Everything it knows lives in the `vocabulary` section of
//! `assets/guidance.ron`: cue words and phrases per situation and per side,
//! with weights, plus the negators, irregular word forms and the thresholds.
//! This file only knows how to match them:
//!
//! 1. The text is split into words (letters and digits of any script; an
//!    apostrophe inside a word is kept, so `didn't` is one word). Case is
//!    folded and each word is reduced by a small suffix stemmer
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

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

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

/// What a cue adds weight to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Situation(Situation),
    Side(Side),
}

/// One word of a compiled cue phrase.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Pattern {
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
struct Phrase {
    words: Vec<Pattern>,
    targets: Vec<(Target, u32)>,
}

/// FNV-1a: the keys are short words from our own data, so a fast
/// non-cryptographic hash is safe and several times quicker than the default.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

/// The vocabulary, normalised once.
#[derive(Debug)]
struct Compiled {
    phrases: Vec<Phrase>,
    /// Phrase indices by the stem of their first word, longest first.
    by_first: FastMap<String, Vec<usize>>,
    /// Phrases starting with `*`, longest first.
    any_first: Vec<usize>,
    classes: Vec<FastSet<String>>,
    forms: FastMap<String, String>,
    negators: FastSet<String>,
    clause_words: FastSet<String>,
    clause_marks: Vec<char>,
    negation_window: usize,
    threshold: u32,
    blend_min: u32,
    blend_percent: u32,
    situation_side_cap: u32,
}

/// One word of the user's text.
#[derive(Debug)]
struct Token {
    /// Byte range in the original text.
    start: usize,
    end: usize,
    /// Byte ranges in [`Tokens::buf`]: the word lower-cased (apostrophes
    /// straightened), then its stem.
    lower: (usize, usize),
    stem: (usize, usize),
    /// Clause punctuation between this word and the one before.
    break_before: bool,
}

/// The words of a text, their lower-cased forms and stems in one buffer (no
/// allocation per word).
#[derive(Debug, Default)]
struct Tokens {
    buf: String,
    list: Vec<Token>,
}

impl Tokens {
    fn len(&self) -> usize {
        self.list.len()
    }

    fn lower(&self, at: usize) -> &str {
        let (start, end) = self.list[at].lower;
        &self.buf[start..end]
    }

    fn stem(&self, at: usize) -> &str {
        let (start, end) = self.list[at].stem;
        &self.buf[start..end]
    }

    fn break_before(&self, at: usize) -> bool {
        self.list[at].break_before
    }
}

/// Suggests a style and situations for `text`, with the evidence.
///
/// Deterministic; an empty or neutral text gives no style and nothing else.
#[must_use]
pub fn suggest(text: &str) -> Suggestion {
    compiled().suggest(text)
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| Compiled::new(&Guidance::get().vocabulary))
}

/// Folds case and curly apostrophes.
fn lower_word(word: &str) -> String {
    let mut lower = String::with_capacity(word.len());
    push_lower(word, &mut lower);
    lower
}

/// Appends `word` lower-cased, with curly apostrophes straightened.
fn push_lower(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|byte| char::from(byte.to_ascii_lowercase())));
    } else {
        for c in word.chars() {
            if c == '\u{2019}' {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// A small English suffix stemmer. It only has to map the forms of one word
/// to the same key, the same way for the text and the cues; the keys need not
/// be real words. Suffixes are ASCII, so cutting them keeps UTF-8 intact.
///
/// Stems `buf[from..]` in place, so a whole text's stems share one buffer.
fn stem_tail(buf: &mut String, from: usize) {
    const SUFFIXES: [&str; 18] = [
        "ations", "ation", "ating", "ated", "ates", "ate", "ings", "ing", "ions", "ion", "ies", "ied", "edly", "ed",
        "es", "ly", "'s", "s",
    ];
    while buf.len() > from && buf.ends_with('\'') {
        buf.pop();
    }
    let word = &buf[from..];
    let cut = SUFFIXES.into_iter().find_map(|suffix| {
        let rest = word.strip_suffix(suffix)?;
        let last = *rest.as_bytes().last()?;
        let keeps_s = suffix == "s" && matches!(last, b's' | b'u' | b'i');
        (rest.len() >= 3 && !keeps_s).then_some((rest.len(), suffix))
    });
    if let Some((len, suffix)) = cut {
        buf.truncate(from + len);
        if matches!(suffix, "ies" | "ied") {
            buf.push('i');
        }
        if matches!(suffix, "ing" | "ings" | "ed" | "edly") {
            undouble(buf, from);
        }
    }
    // Final silent e, y → i, and British -ise → -ize.
    let len = |buf: &String| buf.len() - from;
    if len(buf) > 3 && buf.ends_with('e') {
        buf.pop();
    }
    if len(buf) >= 3 && buf.ends_with('y') {
        buf.pop();
        buf.push('i');
    }
    if len(buf) >= 5 && buf.ends_with("is") {
        buf.pop();
        buf.push('z');
    }
}

/// `stepp` → `step`, `plann` → `plan`; `call`, `pass`, `buzz` stay.
fn undouble(stem: &mut String, from: usize) {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n >= from + 4 {
        let (a, b) = (bytes[n - 2], bytes[n - 1]);
        if a == b && a.is_ascii_lowercase() && !b"aeioulsz".contains(&a) {
            stem.pop();
        }
    }
}

/// Splits `text` into words: runs of letters and digits in any script, with
/// apostrophes inside a word kept. Returns `(start, end, break_before)`.
fn split_words(text: &str, clause_marks: &[char]) -> Vec<(usize, usize, bool)> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut pending_break = false;
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let apostrophe_inside = matches!(c, '\'' | '\u{2019}')
            && start.is_some()
            && chars.peek().is_some_and(|&(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || apostrophe_inside {
            if start.is_none() {
                start = Some(index);
            }
            continue;
        }
        if let Some(begin) = start.take() {
            words.push((begin, index, pending_break));
            pending_break = false;
        }
        if clause_marks.contains(&c) {
            pending_break = true;
        }
    }
    if let Some(begin) = start {
        words.push((begin, text.len(), pending_break));
    }
    words
}

impl Compiled {
    fn new(vocabulary: &Vocabulary) -> Self {
        let forms: FastMap<String, String> =
            vocabulary.forms.iter().map(|(form, base)| (lower_word(form), lower_word(base))).collect();
        let mut compiled = Self {
            phrases: Vec::new(),
            by_first: FastMap::default(),
            any_first: Vec::new(),
            classes: Vec::new(),
            forms,
            negators: vocabulary.negators.iter().map(|word| lower_word(word)).collect(),
            clause_words: vocabulary.clause_words.iter().map(|word| lower_word(word)).collect(),
            clause_marks: vocabulary.clause_marks.chars().collect(),
            negation_window: vocabulary.negation_window,
            threshold: vocabulary.situation_threshold.max(1),
            blend_min: vocabulary.blend_min.max(1),
            blend_percent: vocabulary.blend_percent,
            situation_side_cap: vocabulary.situation_side_cap.max(1),
        };
        let class_names: Vec<&str> = vocabulary.classes.iter().map(|(name, _)| name.as_str()).collect();
        compiled.classes = vocabulary
            .classes
            .iter()
            .map(|(_, members)| members.iter().map(|member| compiled.stem(&lower_word(member))).collect())
            .collect();

        // Merge every list into one phrase table: the same phrase under two
        // targets is one phrase pointing to both.
        let mut index: HashMap<Vec<Pattern>, usize> = HashMap::new();
        let mut add = |compiled: &mut Self, phrase: &str, target: Option<(Target, u32)>| {
            let words = compiled.pattern(phrase, &class_names);
            if words.is_empty() {
                return;
            }
            let slot = *index.entry(words.clone()).or_insert_with(|| {
                compiled.phrases.push(Phrase { words, targets: Vec::new() });
                compiled.phrases.len() - 1
            });
            if let Some(target) = target {
                compiled.phrases[slot].targets.push(target);
            }
        };
        for phrase in &vocabulary.ignore {
            add(&mut compiled, phrase, None);
        }
        for situation in &vocabulary.situations {
            for Cue(phrase, weight) in &situation.cues {
                add(&mut compiled, phrase, Some((Target::Situation(situation.id), *weight)));
            }
        }
        for side in &vocabulary.sides {
            for Cue(phrase, weight) in &side.cues {
                add(&mut compiled, phrase, Some((Target::Side(side.side), *weight)));
            }
        }

        for (slot, phrase) in compiled.phrases.iter().enumerate() {
            match &phrase.words[0] {
                Pattern::Word(word) => compiled.by_first.entry(word.clone()).or_default().push(slot),
                Pattern::Class(class) => {
                    for member in &compiled.classes[*class] {
                        compiled.by_first.entry(member.clone()).or_default().push(slot);
                    }
                }
                Pattern::Any | Pattern::Gap => compiled.any_first.push(slot),
            }
        }
        let phrases = &compiled.phrases;
        for slots in compiled.by_first.values_mut() {
            slots.sort_by_key(|&slot| (std::cmp::Reverse(phrases[slot].words.len()), slot));
            slots.dedup();
        }
        compiled.any_first.sort_by_key(|&slot| (std::cmp::Reverse(phrases[slot].words.len()), slot));
        compiled
    }

    /// The stem of a lower-cased word: its irregular base if it has one, then
    /// the suffix stemmer.
    fn stem(&self, lower: &str) -> String {
        let mut stem = String::new();
        self.push_stem(lower, &mut stem);
        stem
    }

    /// Appends the stem of `lower` to `out`.
    fn push_stem(&self, lower: &str, out: &mut String) {
        let from = out.len();
        match self.forms.get(lower) {
            // A word mapped to itself is kept whole.
            Some(base) if base == lower => out.push_str(base),
            Some(base) => {
                out.push_str(base);
                stem_tail(out, from);
            }
            None => {
                out.push_str(lower);
                stem_tail(out, from);
            }
        }
    }

    /// A cue phrase as patterns, one per word.
    fn pattern(&self, phrase: &str, class_names: &[&str]) -> Vec<Pattern> {
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
                    && let Some(class) = class_names.iter().position(|candidate| *candidate == name)
                {
                    return vec![Pattern::Class(class)];
                }
                split_words(chunk, &[])
                    .into_iter()
                    .map(|(start, end, _)| Pattern::Word(self.stem(&lower_word(&chunk[start..end]))))
                    .collect()
            })
            .collect()
    }

    fn tokens(&self, text: &str) -> Tokens {
        let words = split_words(text, &self.clause_marks);
        let mut tokens = Tokens { buf: String::with_capacity(text.len() * 2), list: Vec::with_capacity(words.len()) };
        let mut lower = String::new();
        for (start, end, break_before) in words {
            lower.clear();
            push_lower(&text[start..end], &mut lower);
            let lower_at = tokens.buf.len();
            tokens.buf.push_str(&lower);
            let stem_at = tokens.buf.len();
            self.push_stem(&lower, &mut tokens.buf);
            let stem = (stem_at, tokens.buf.len());
            tokens.list.push(Token { start, end, lower: (lower_at, stem_at), stem, break_before });
        }
        tokens
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

    fn suggest(&self, text: &str) -> Suggestion {
        let tokens = self.tokens(text);
        let mut hidden = vec![false; tokens.len()];
        // (first word, word count, phrase slot)
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            let Some((slot, len)) = self.longest_at(&tokens, at) else {
                at += 1;
                continue;
            };
            if self.phrases[slot].targets.is_empty() {
                hidden[at..at + len].fill(true);
            } else if !self.negated(&tokens, &hidden, at) {
                found.push((at, len, slot));
            }
            at += len;
        }

        let guidance = Guidance::get();
        let mut situation_scores = [0_u32; Situation::ALL.len()];
        let mut sides = [SideScore::default(); 2];
        for &(_, _, slot) in &found {
            for &(target, weight) in &self.phrases[slot].targets {
                match target {
                    Target::Situation(situation) => situation_scores[situation_index(situation)] += weight,
                    Target::Side(side) => sides[side_index(side)].add(weight),
                }
            }
        }
        // Each situation pulls its side like one cue, at most a decisive one.
        for (situation, score) in Situation::ALL.into_iter().zip(situation_scores) {
            if score > 0 {
                let side = guidance.situation(situation).side;
                sides[side_index(side)].add(score.min(self.situation_side_cap));
            }
        }
        let situations: Vec<Situation> = Situation::ALL
            .into_iter()
            .zip(situation_scores)
            .filter(|&(_, score)| score >= self.threshold)
            .map(|(situation, _)| situation)
            .collect();
        let style = self.style(sides[side_index(Side::Leadership)], sides[side_index(Side::Management)]);

        // One piece of evidence per cue and target: the first place it
        // appears, as written there.
        let mut evidence = Vec::new();
        let mut seen = HashSet::new();
        for &(first, len, slot) in &found {
            let words = &text[tokens.list[first].start..tokens.list[first + len - 1].end];
            for &(target, _) in &self.phrases[slot].targets {
                let points_to = match target {
                    Target::Situation(situation) if situations.contains(&situation) => situation.id(),
                    Target::Situation(situation) => guidance.situation(situation).side.style().id(),
                    Target::Side(side) => side.style().id(),
                };
                if seen.insert((slot, points_to)) {
                    evidence.push(Evidence { text: words.to_owned(), points_to: points_to.to_owned() });
                }
            }
        }
        Suggestion { style, situations, evidence }
    }

    /// Both sides strong and close → blend; otherwise the stronger side.
    fn style(&self, leading: SideScore, managing: SideScore) -> Option<Style> {
        let (strong, weak) = if leading.total >= managing.total { (leading, managing) } else { (managing, leading) };
        // A strong signal: one cue at least `blend_min`, or hints adding up
        // to twice that.
        let is_strong = |side: SideScore| side.strongest >= self.blend_min || side.total >= 2 * self.blend_min;
        let both_strong = is_strong(weak) && is_strong(strong);
        if strong.total == 0 {
            None
        } else if (both_strong && weak.total * 100 >= strong.total * self.blend_percent)
            || leading.total == managing.total
        {
            Some(Style::Blend)
        } else if leading.total > managing.total {
            Some(Style::Leadership)
        } else {
            Some(Style::Management)
        }
    }
}

/// What points to one side: the sum, and the strongest single signal.
#[derive(Debug, Clone, Copy, Default)]
struct SideScore {
    total: u32,
    strongest: u32,
}

impl SideScore {
    fn add(&mut self, weight: u32) {
        self.total += weight;
        self.strongest = self.strongest.max(weight);
    }
}

fn situation_index(situation: Situation) -> usize {
    Situation::ALL.iter().position(|candidate| *candidate == situation).unwrap_or(0)
}

fn side_index(side: Side) -> usize {
    match side {
        Side::Leadership => 0,
        Side::Management => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        compiled().stem(&lower_word(word))
    }

    fn pointing(suggestion: &Suggestion, target: &str) -> Vec<String> {
        suggestion.evidence.iter().filter(|e| e.points_to == target).map(|e| e.text.clone()).collect()
    }

    #[test]
    fn word_forms_share_a_stem() {
        for group in [
            &["delegate", "delegated", "delegating", "delegation", "delegates", "Delegation"][..],
            &["outage", "outages"],
            &["deadline", "deadlines"],
            &["step", "stepped", "stepping", "steps"],
            &["plan", "planned", "planning", "plans"],
            &["freeze", "froze", "frozen", "freezing"],
            &["organise", "organize", "organised", "organizing"],
            &["prioritise", "prioritize", "prioritised"],
            &["process", "processes"],
            &["brainstorm", "brainstorming", "brainstormed", "brainstorms"],
            &["priority", "priorities"],
            &["team", "teams", "team's"],
        ] {
            let stems: Vec<String> = group.iter().map(|word| stem(word)).collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{group:?} → {stems:?}");
        }
        // Kept apart on purpose (forms mapped to themselves in the data).
        for (one, other) in [("news", "new"), ("daily", "day"), ("mission", "missed"), ("weekly", "week")] {
            assert_ne!(stem(one), stem(other), "{one} vs {other}");
        }
        assert_eq!(stem("call"), stem("called"));
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
    fn both_sides_strong_make_a_blend() {
        let both = suggest("Handled the outage by the book, then opened a session to rethink how we deploy");
        assert_eq!(both.style, Some(Style::Blend));
        assert_eq!(both.situations, [Situation::NewApproaches, Situation::Crisis]);
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

    #[test]
    fn no_cue_is_listed_twice_for_one_target() {
        // Two spellings of one cue (idea/ideas) would count it twice.
        let mut twice = Vec::new();
        for phrase in &compiled().phrases {
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
        let cues =
            vocabulary.situations.iter().flat_map(|s| &s.cues).chain(vocabulary.sides.iter().flat_map(|s| &s.cues));
        for Cue(phrase, weight) in cues {
            assert!((1..=3).contains(weight), "{phrase}: weight {weight}");
            let words = compiled().pattern(phrase, &class_names);
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
