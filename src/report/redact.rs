//! Stable pseudonyms for sharing a brief: every person named in the journal
//! becomes "Person A", "Person B"… in alphabetical order of their names
//! (case-insensitive), so the same journal always gives the same letters.

use crate::model::Journal;
use crate::model::filter::same_name;

/// The journal's names and their pseudonyms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pseudonyms {
    /// (name, pseudonym), longest names first so "Ana Lee" is replaced before "Ana".
    pairs: Vec<(String, String)>,
}

/// "A", "B", … "Z", "AA", "AB", …
fn letters(mut index: usize) -> String {
    let mut text = String::new();
    loop {
        text.insert(0, char::from(b'A' + u8::try_from(index % 26).unwrap_or(0)));
        if index < 26 {
            return text;
        }
        index = index / 26 - 1;
    }
}

impl Pseudonyms {
    /// The pseudonyms of every person named in `journal`.
    #[must_use]
    pub fn of(journal: &Journal) -> Self {
        let mut names: Vec<String> = journal.person_counts().into_iter().map(|(name, _)| name).collect();
        names.sort_by_key(|name| name.to_lowercase());
        let mut pairs: Vec<(String, String)> =
            names.into_iter().enumerate().map(|(i, name)| (name, format!("Person {}", letters(i)))).collect();
        pairs.sort_by_key(|pair| std::cmp::Reverse(pair.0.chars().count()));
        Self { pairs }
    }

    /// The pseudonym of `name` ("Person ?" for a name not in the journal).
    #[must_use]
    pub fn pseudonym(&self, name: &str) -> String {
        self.pairs
            .iter()
            .find(|(known, _)| same_name(known, name))
            .map_or_else(|| "Person ?".to_owned(), |(_, pseudonym)| pseudonym.clone())
    }

    /// `text` with every journal name in it (any case) replaced.
    #[must_use]
    pub fn redact_text(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for (name, pseudonym) in &self.pairs {
            text = replace_ignoring_case(&text, name, pseudonym);
        }
        text
    }

    /// The names, for tests and checks.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(name, _)| name.as_str())
    }
}

/// Replaces every case-insensitive, whole-word occurrence of `needle` in `text`.
fn replace_ignoring_case(text: &str, needle: &str, with: &str) -> String {
    if needle.is_empty() {
        return text.to_owned();
    }
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        let mut matched = 0;
        while j < chars.len() && matched < needle.len() {
            let lower: Vec<char> = chars[j].to_lowercase().collect();
            if needle.get(matched..matched + lower.len()) == Some(lower.as_slice()) {
                matched += lower.len();
                j += 1;
            } else {
                break;
            }
        }
        let starts_word = i == 0 || !chars[i - 1].is_alphanumeric();
        let ends_word = j >= chars.len() || !chars[j].is_alphanumeric();
        if matched == needle.len() && starts_word && ends_word {
            out.push_str(with);
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_go_on_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
    }

    #[test]
    fn replaces_any_case() {
        assert_eq!(replace_ignoring_case("Ask ANA and ana.", "Ana", "Person A"), "Ask Person A and Person A.");
        assert_eq!(replace_ignoring_case("Management, banana, Ana's", "Ana", "P"), "Management, banana, P's");
    }
}
