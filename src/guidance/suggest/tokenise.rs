//! Tokenising and stemming: the user's text becomes a list of words, each
//! case-folded and reduced to a stem, so `Delegated`, `delegating` and
//! `delegation` meet at one key. `scripts/train_suggest.py` does the same
//! steps in Python; a change here is a change there.

use super::FastMap;

/// The stemmer: the data's irregular forms first, then Snowball English.
pub(super) struct Stemmer {
    forms: FastMap<String, String>,
    snowball: rust_stemmers::Stemmer,
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stemmer").field("forms", &self.forms.len()).finish_non_exhaustive()
    }
}

impl Stemmer {
    /// A stemmer knowing the vocabulary's `(form, base word)` pairs.
    pub(super) fn new(forms: &[(String, String)]) -> Self {
        Self {
            forms: forms.iter().map(|(form, base)| (lower_word(form), lower_word(base))).collect(),
            snowball: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
        }
    }

    /// The stem of a lower-cased word: its irregular base if it has one, then
    /// Snowball English.
    pub(super) fn stem(&self, lower: &str) -> String {
        let mut stem = String::new();
        self.push_stem(lower, &mut stem);
        stem
    }

    /// Appends the stem of `lower` to `out`.
    fn push_stem(&self, lower: &str, out: &mut String) {
        let base = match self.forms.get(lower) {
            // A word mapped to itself is kept whole.
            Some(base) if base == lower => return out.push_str(base),
            Some(base) => base.as_str(),
            None => lower,
        };
        // Snowball leaves words of one or two letters as they are (I, a, to,
        // of…), so they skip the call.
        if base.len() <= 2 {
            return out.push_str(base);
        }
        match american(base) {
            Some(spelt) => out.push_str(&self.snowball.stem(&spelt)),
            None => out.push_str(&self.snowball.stem(base)),
        }
    }
}

/// Folds case and curly apostrophes.
pub(super) fn lower_word(word: &str) -> String {
    let mut lower = String::with_capacity(word.len());
    push_lower(word, &mut lower);
    lower
}

/// Appends `word` lower-cased, with curly apostrophes straightened.
pub(super) fn push_lower(word: &str, out: &mut String) {
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
/// The British `-ise` family spelt `-ize` (`organised` → `organized`), so
/// Snowball, which stems the two spellings apart, gives both one key. Only a
/// key: the same step runs on the text and on the cues.
fn american(word: &str) -> Option<String> {
    const SUFFIXES: [&str; 8] = ["isations", "isation", "ising", "isers", "ised", "ises", "iser", "ise"];
    let suffix = SUFFIXES.into_iter().find(|suffix| word.len() >= suffix.len() + 3 && word.ends_with(suffix))?;
    let at = word.len() - suffix.len() + 1;
    Some(format!("{}z{}", &word[..at], &word[at + 1..]))
}

/// Splits `text` into words: runs of letters and digits in any script, with
/// apostrophes inside a word kept. Returns `(start, end, break_before)`.
pub(super) fn split_words(text: &str, clause_marks: &[char]) -> Vec<(usize, usize, bool)> {
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

#[cfg(test)]
mod tests {
    use super::lower_word;
    use crate::guidance::suggest::compiled;

    fn stem(word: &str) -> String {
        compiled().stemmer.stem(&lower_word(word))
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
}
