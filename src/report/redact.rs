//! Stable pseudonyms for sharing a brief: every person named in the journal
//! (on decisions, talking points and brief marks) becomes "Person A",
//! "Person B"… in alphabetical order of their names (case-insensitive), so
//! the same journal always gives the same letters.
//!
//! Names are found in text whatever their case (Turkish dotted and dotless
//! i included) and however their accents were typed (Unicode NFC), as whole
//! words, except in scripts written without spaces (Chinese, Japanese, Thai…)
//! where any occurrence counts. Each part of a longer name ("Ana" of "Ana
//! Lee") is replaced too: by that person's pseudonym when only one person
//! has it, else by "someone". Text is read once, left to right, longest
//! name first, so a pseudonym already written is never replaced again.

use std::borrow::Cow;

use crate::model::Journal;
use crate::model::filter::same_name;

/// What a name part shared by several people becomes.
const SHARED_PART: &str = "someone";

/// Name parts shorter than this (initials) are left alone.
const SHORTEST_PART_CHARS: usize = 2;

/// The journal's names and their pseudonyms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pseudonyms {
    /// (name, pseudonym), in alphabetical order of the names.
    people: Vec<(String, String)>,
    /// What to look for in text: (folded name or name part, replacement),
    /// longest first.
    patterns: Vec<(Vec<char>, String)>,
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

/// `text` in Unicode NFC.
fn nfc(text: &str) -> Cow<'_, str> {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// A character folded for comparison: lower case, with the Turkish dotless
/// ı and dotted İ meeting plain i.
fn fold(character: char) -> impl Iterator<Item = char> {
    character.to_lowercase().filter(|c| *c != '\u{307}').map(|c| if c == 'ı' { 'i' } else { c })
}

/// Whether `character` belongs to a script written without spaces between
/// words, where a name has no word boundary to look for.
fn unspaced(character: char) -> bool {
    matches!(u32::from(character),
        0x0E00..=0x0EFF       // Thai, Lao
        | 0x1000..=0x109F     // Myanmar
        | 0x1780..=0x17FF     // Khmer
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0x20000..=0x3FFFF) // CJK extensions B onwards
}

impl Pseudonyms {
    /// The pseudonyms of every person named in `journal`: on decisions,
    /// talking points and brief marks.
    #[must_use]
    pub fn of(journal: &Journal) -> Self {
        let mut names: Vec<String> = Vec::new();
        let on_decisions = journal.person_counts().into_iter().map(|(name, _)| name);
        let on_points = journal.talking_points().iter().map(|point| point.person.clone());
        let on_briefs = journal.briefs().iter().filter_map(|mark| mark.person.clone());
        for name in on_decisions.chain(on_points).chain(on_briefs) {
            let name = nfc(name.trim()).into_owned();
            if !name.is_empty() && !names.iter().any(|known| same_name(known, &name)) {
                names.push(name);
            }
        }
        names.sort_by_key(|name| name.to_lowercase());
        let people: Vec<(String, String)> =
            names.into_iter().enumerate().map(|(i, name)| (name, format!("Person {}", letters(i)))).collect();

        let folded = |text: &str| -> Vec<char> { text.chars().flat_map(fold).collect() };
        let mut patterns: Vec<(Vec<char>, String)> =
            people.iter().map(|(name, pseudonym)| (folded(name), pseudonym.clone())).collect();
        for (name, pseudonym) in &people {
            let parts: Vec<&str> = name.split_whitespace().collect();
            if parts.len() < 2 {
                continue;
            }
            for part in parts.into_iter().filter(|part| part.chars().count() >= SHORTEST_PART_CHARS) {
                let part = folded(part);
                match patterns.iter_mut().find(|(known, _)| *known == part) {
                    // A whole name, or a part already seen: a whole name
                    // keeps its own pseudonym; a part of two people is anyone's.
                    Some((_, replacement)) if replacement != pseudonym && is_part_only(&people, &part) => {
                        SHARED_PART.clone_into(replacement);
                    }
                    Some(_) => {}
                    None => patterns.push((part, pseudonym.clone())),
                }
            }
        }
        patterns.sort_by_key(|(pattern, _)| std::cmp::Reverse(pattern.len()));
        Self { people, patterns }
    }

    /// The pseudonym of `name` ("Person ?" for a name not in the journal).
    #[must_use]
    pub fn pseudonym(&self, name: &str) -> String {
        let name = nfc(name.trim());
        self.people
            .iter()
            .find(|(known, _)| same_name(known, &name))
            .map_or_else(|| "Person ?".to_owned(), |(_, pseudonym)| pseudonym.clone())
    }

    /// `text` with every journal name (and name part) in it replaced.
    #[must_use]
    pub fn redact_text(&self, text: &str) -> String {
        let text = nfc(text);
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        while at < chars.len() {
            let found = self
                .patterns
                .iter()
                .find_map(|(pattern, replacement)| matched_len(&chars, at, pattern).map(|len| (len, replacement)));
            if let Some((len, replacement)) = found {
                out.push_str(replacement);
                at += len;
            } else {
                out.push(chars[at]);
                at += 1;
            }
        }
        out
    }

    /// The names, for tests and checks.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.people.iter().map(|(name, _)| name.as_str())
    }
}

/// Whether `part` is no person's whole name.
fn is_part_only(people: &[(String, String)], part: &[char]) -> bool {
    !people.iter().any(|(name, _)| name.chars().flat_map(fold).eq(part.iter().copied()))
}

/// How many characters of `chars` from `at` spell `pattern` (folded), when
/// they do and stand as a word of their own (in spaced scripts).
fn matched_len(chars: &[char], at: usize, pattern: &[char]) -> Option<usize> {
    let (first, last) = (*pattern.first()?, *pattern.last()?);
    let mut matched = 0;
    let mut end = at;
    while matched < pattern.len() {
        let folded: Vec<char> = fold(*chars.get(end)?).collect();
        if pattern.get(matched..matched + folded.len()) != Some(folded.as_slice()) {
            return None;
        }
        matched += folded.len();
        end += 1;
    }
    let starts_word = unspaced(first) || at == 0 || !chars[at - 1].is_alphanumeric();
    let ends_word = unspaced(last) || end >= chars.len() || !chars[end].is_alphanumeric();
    (starts_word && ends_word).then_some(end - at)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::model::{Decision, TalkingPoint};

    fn journal(people: &[&str]) -> Journal {
        Journal::new(vec![Decision {
            people: people.iter().map(|name| (*name).to_owned()).collect(),
            ..Decision::default()
        }])
    }

    #[test]
    fn letters_go_on_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
    }

    #[test]
    fn replaces_any_case_as_whole_words() {
        let names = Pseudonyms::of(&journal(&["Ana"]));
        assert_eq!(names.redact_text("Ask ANA and ana."), "Ask Person A and Person A.");
        assert_eq!(names.redact_text("Management, banana, Ana's"), "Management, banana, Person A's");
    }

    #[test]
    fn a_pseudonym_written_is_never_replaced_again() {
        let names = Pseudonyms::of(&journal(&["B", "Cy"]));
        assert_eq!(names.redact_text("Cy and B"), "Person B and Person A");
    }

    #[test]
    fn accents_however_typed_and_turkish_i_match() {
        let names = Pseudonyms::of(&journal(&["Zoë", "Işıl"]));
        assert_eq!(names.redact_text("Zoe\u{308} met IŞIL"), "Person B met Person A");
    }

    #[test]
    fn names_in_unspaced_scripts_are_found_inside_words() {
        let names = Pseudonyms::of(&journal(&["王伟", "田中"]));
        assert_eq!(names.redact_text("和王伟讨论排期, 田中さんと相談"), "和Person A讨论排期, Person Bさんと相談");
    }

    #[test]
    fn parts_of_names_are_replaced_and_shared_parts_name_nobody() {
        let names = Pseudonyms::of(&journal(&["Ana Lee", "Ana Ruiz", "Chen Wei"]));
        assert_eq!(
            names.redact_text("Lunch with Chen, then Ana Lee and Ruiz; Ana too"),
            "Lunch with Person C, then Person A and Person B; someone too"
        );
    }

    #[test]
    fn people_only_in_talking_points_or_brief_marks_are_named_too() {
        let mut journal = journal(&["Ana"]);
        journal.talking_points_mut().push(TalkingPoint::new("Chen", "Ask Chen about the rota", date(2026, 3, 1)));
        journal.record_brief(crate::model::BriefMark::new(Some("Dana"), date(2026, 3, 1)));
        let names = Pseudonyms::of(&journal);
        assert_eq!(names.pseudonym("chen"), "Person B");
        assert_eq!(names.redact_text("Ask Chen and Dana"), "Ask Person B and Person C");
    }
}
