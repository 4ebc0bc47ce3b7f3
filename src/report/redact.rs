//! Stable pseudonyms for sharing a brief: every person named in the journal
//! (on decisions, talking points and brief marks) becomes "Person A",
//! "Person B"… in alphabetical order of their names (case-insensitive), so
//! the same journal always gives the same letters.
//!
//! Names are found in text however they are written: any case (Turkish ı/İ,
//! Greek final ς and German ß included), with or without accents, in any
//! Unicode form, with typographic apostrophes and hyphens. They must stand
//! as words, except in scripts written without spaces (Chinese, Japanese,
//! Korean, Thai…) where any occurrence counts and such a neighbour is a
//! boundary. Each part of a longer name ("Ana" of "Ana Lee", "Luc" of
//! "Jean-Luc") is replaced too, by that person's pseudonym when only one
//! person has it, else by "someone"; particles ("de", "van"…) are left
//! alone. Text is read once, left to right, longest name first, so a
//! pseudonym already written is never replaced again.

use crate::model::Journal;

/// What a name part shared by several people becomes.
const SHARED_PART: &str = "someone";

/// Name parts shorter than this (initials) are left alone.
const SHORTEST_PART_CHARS: usize = 2;

/// Name parts that are particles of many names, not names.
const PARTICLES: [&str; 16] =
    ["al", "bin", "da", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el", "la", "le", "van"];

/// The journal's names and their pseudonyms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pseudonyms {
    /// (name, folded name, pseudonym), in alphabetical order of the names.
    people: Vec<(String, Vec<char>, String)>,
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

/// Whether `character` is a combining mark (an accent written apart).
fn combining(character: char) -> bool {
    matches!(u32::from(character), 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// One character folded for comparison: compatibility-decomposed (NFKD),
/// accents dropped, lower case, with ı/İ meeting i, ς meeting σ, ß meeting
/// "ss", and typographic apostrophes and hyphens meeting ASCII ones. May be
/// empty (a lone accent) or several characters.
fn fold(character: char) -> Vec<char> {
    let mut buffer = [0_u8; 4];
    let decomposed = icu_normalizer::DecomposingNormalizerBorrowed::new_nfkd()
        .normalize(character.encode_utf8(&mut buffer))
        .into_owned();
    let mut folded = Vec::with_capacity(decomposed.len());
    for lower in decomposed.chars().filter(|c| !combining(*c)).flat_map(char::to_lowercase) {
        match lower {
            'ı' => folded.push('i'),
            'ς' => folded.push('σ'),
            'ß' => folded.extend(['s', 's']),
            '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}' => folded.push('\''),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => folded.push('-'),
            other if !combining(other) => folded.push(other),
            _ => {}
        }
    }
    folded
}

/// A whole text folded: the folded characters, and for each source
/// character where its folded form starts (one more entry for the end).
struct Folded {
    chars: Vec<char>,
    starts: Vec<usize>,
}

impl Folded {
    fn of(source: &[char]) -> Self {
        let mut chars = Vec::with_capacity(source.len());
        let mut starts = Vec::with_capacity(source.len() + 1);
        for character in source {
            starts.push(chars.len());
            chars.extend(fold(*character));
        }
        starts.push(chars.len());
        Self { chars, starts }
    }
}

fn folded(text: &str) -> Vec<char> {
    text.chars().flat_map(fold).collect()
}

/// Whether `character` belongs to a script written without spaces between
/// words: a name there has no word boundary, and such a neighbour is one.
fn unspaced(character: char) -> bool {
    matches!(u32::from(character),
        0x0E00..=0x0EFF       // Thai, Lao
        | 0x1000..=0x109F     // Myanmar
        | 0x1100..=0x11FF     // Hangul jamo
        | 0x1780..=0x17FF     // Khmer
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3130..=0x318F     // Hangul compatibility jamo
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0x20000..=0x3FFFF) // CJK extensions B onwards
}

/// Whether the source character next to a match ends the word there.
fn boundary(neighbour: Option<&char>) -> bool {
    neighbour.is_none_or(|c| !c.is_alphanumeric() || unspaced(*c))
}

impl Pseudonyms {
    /// The pseudonyms of every person named in `journal`: on decisions,
    /// talking points and brief marks.
    #[must_use]
    pub fn of(journal: &Journal) -> Self {
        let mut names: Vec<(String, Vec<char>)> = Vec::new();
        let on_decisions = journal.person_counts().into_iter().map(|(name, _)| name);
        let on_points = journal.talking_points().iter().map(|point| point.person.clone());
        let on_briefs = journal.briefs().iter().filter_map(|mark| mark.person.clone());
        for name in on_decisions.chain(on_points).chain(on_briefs) {
            let name = name.trim().to_owned();
            let key = folded(&name);
            if !key.is_empty() && !names.iter().any(|(_, known)| *known == key) {
                names.push((name, key));
            }
        }
        names.sort_by(|a, b| a.1.cmp(&b.1));
        let people: Vec<(String, Vec<char>, String)> = names
            .into_iter()
            .enumerate()
            .map(|(i, (name, key))| (name, key, format!("Person {}", letters(i))))
            .collect();

        let mut patterns: Vec<(Vec<char>, String)> =
            people.iter().map(|(_, key, pseudonym)| (key.clone(), pseudonym.clone())).collect();
        for (name, _, pseudonym) in &people {
            let parts: Vec<&str> = name.split(|c: char| c.is_whitespace() || fold(c) == ['-']).collect();
            if parts.iter().filter(|part| !part.is_empty()).count() < 2 {
                continue;
            }
            for part in parts {
                let part = folded(part);
                let particle = PARTICLES.iter().any(|particle| part.iter().copied().eq(particle.chars()));
                if part.len() < SHORTEST_PART_CHARS || particle {
                    continue;
                }
                let whole_name = people.iter().any(|(_, key, _)| *key == part);
                match patterns.iter_mut().find(|(known, _)| *known == part) {
                    // A whole name keeps its own pseudonym; a part of two
                    // people is anyone's.
                    Some((_, replacement)) if replacement != pseudonym && !whole_name => {
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
        let key = folded(name.trim());
        self.people
            .iter()
            .find(|(_, known, _)| *known == key)
            .map_or_else(|| "Person ?".to_owned(), |(_, _, pseudonym)| pseudonym.clone())
    }

    /// `text` with every journal name (and name part) in it replaced.
    #[must_use]
    pub fn redact_text(&self, text: &str) -> String {
        let source: Vec<char> = text.chars().collect();
        let folded = Folded::of(&source);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        while at < source.len() {
            let found = self.patterns.iter().find_map(|(pattern, replacement)| {
                matched_len(&source, &folded, at, pattern).map(|len| (len, replacement))
            });
            if let Some((len, replacement)) = found {
                out.push_str(replacement);
                at += len;
            } else {
                out.push(source[at]);
                at += 1;
            }
        }
        out
    }

    /// The names, for tests and checks.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.people.iter().map(|(name, _, _)| name.as_str())
    }
}

/// How many source characters from `at` spell `pattern` once folded, when
/// they do, end on a character boundary, and stand as a word of their own
/// (in spaced scripts).
fn matched_len(source: &[char], folded: &Folded, at: usize, pattern: &[char]) -> Option<usize> {
    let (first, last) = (*pattern.first()?, *pattern.last()?);
    let from = folded.starts[at];
    if folded.starts[at + 1] == from || folded.chars.get(from..from + pattern.len())? != pattern {
        return None;
    }
    // The match must end where a source character's fold ends, taking any
    // accents written apart after it along.
    let mut end = at + folded.starts[at..].iter().position(|start| *start == from + pattern.len())?;
    while end < source.len() && folded.starts[end + 1] == folded.starts[end] {
        end += 1;
    }
    let starts_word = unspaced(first) || at == 0 || boundary(source.get(at - 1));
    let ends_word = unspaced(last) || boundary(source.get(end));
    (end > at && starts_word && ends_word).then_some(end - at)
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
    fn case_and_accent_variants_of_a_name_all_match() {
        let names = Pseudonyms::of(&journal(&["José", "Strauß", "Νίκος", "O'Neil", "Işıl", "IŞIL"]));
        assert_eq!(names.names().count(), 5, "Işıl and IŞIL are one person");
        for (text, expected) in [
            ("Jose and JOSÉ", "Person B and Person B"),
            ("STRAUSS said", "Person D said"),
            ("ΝΙΚΟΣ agreed", "Person E agreed"),
            ("O\u{2019}Neil's plan", "Person C's plan"),
            ("ＪＯＳＥ", "Person B"),
        ] {
            assert_eq!(names.redact_text(text), expected, "{text}");
        }
    }

    #[test]
    fn latin_and_korean_names_next_to_unspaced_text_are_found() {
        let names = Pseudonyms::of(&journal(&["Ana", "지수"]));
        assert_eq!(names.redact_text("和Ana讨论, Anaさん, 지수에게"), "和Person A讨论, Person Aさん, Person B에게");
    }

    #[test]
    fn hyphenated_parts_count_and_particles_do_not() {
        let names = Pseudonyms::of(&journal(&["Jean-Luc de Vries"]));
        assert_eq!(names.redact_text("Luc and Vries, de facto"), "Person A and Person A, de facto");
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
