//! Stable pseudonyms for sharing a brief: every person named in the journal
//! (on decisions, talking points and brief marks) becomes "Person A",
//! "Person B"… in alphabetical order of their names (case-insensitive), so
//! the same journal always gives the same letters.
//!
//! Names are found in text however they are written: any case (Turkish ı/İ,
//! Greek final ς and German ß included), with or without accents, Arabic
//! vowel marks or Hebrew points (every nonspacing mark, by its Unicode
//! property, and invisible characters such as a soft hyphen are ignored),
//! with Latin letters that carry a stroke (đ, ø, ł…) meeting their plain
//! ones, in any Unicode form, with typographic apostrophes and hyphens.
//! They must stand as words, except in scripts written without spaces
//! (Chinese, Japanese, Korean, Thai…, by their Unicode line-break class)
//! where any occurrence counts and such a neighbour is a boundary. Each part
//! of a longer name ("Ana" of "Ana Lee", "Luc" of "Jean-Luc") is replaced
//! too, by that person's pseudonym when only one person has it, else by
//! "someone". A particle ("de", "van"…) inside a name is left alone, but
//! not as its first or last part, where it is a name ("Al" of "Al Okafor",
//! "Do" of "Nguyen Van Do"): redaction leans to replacing too much rather
//! than leaking a name. Tags that look like names (a jrnl import turns
//! `@Priya` into the tag "Priya") count as people too ([`name_like_tag`]).
//! The parts of a name written together count as that name
//! (`PriyaSharma`, `JoLi`), and so does a name followed by a possessive
//! `s` without its apostrophe ("Priyas plan" becomes "Person A's plan");
//! a word that merely holds a name inside it ("job", "like" for "Jo" and
//! "Li") is left alone. Text is read once, left to right, longest name
//! first, so a pseudonym already written is never replaced again.

use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory, LineBreak};
use icu_properties::{CodePointMapData, CodePointSetData};

use crate::model::Journal;

/// What a name part shared by several people becomes.
const SHARED_PART: &str = "someone";

/// Name parts shorter than this (initials) are left alone.
const SHORTEST_PART_CHARS: usize = 2;

/// Name parts that are particles of many names, not names, when they stand
/// inside a name.
const PARTICLES: [&str; 16] =
    ["al", "bin", "da", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el", "la", "le", "van"];

/// The journal's names and their pseudonyms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pseudonyms {
    /// (name, folded name, pseudonym), in alphabetical order of the names.
    people: Vec<(String, Vec<char>, String)>,
    /// The names among them that are only tags.
    tags: Vec<String>,
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

/// Whether `character` leaves a name the same when dropped: a nonspacing or
/// enclosing mark (an accent written apart, an Arabic vowel mark, a Hebrew
/// point), an invisible character (a soft hyphen, a zero-width joiner), or
/// the Arabic tatweel that only stretches a word.
fn ignorable(character: char) -> bool {
    matches!(
        CodePointMapData::<GeneralCategory>::new().get(character),
        GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark
    ) || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(character)
        || character == '\u{0640}'
}

/// One character folded for comparison: compatibility-decomposed (NFKD),
/// marks dropped, lower case, with ı/İ meeting i, ς meeting σ, ß meeting
/// "ss", letters with a stroke meeting their plain ones (đ d, ø o, ł l…),
/// and typographic apostrophes and hyphens meeting ASCII ones. May be empty
/// (a lone mark) or several characters.
fn fold(character: char) -> Vec<char> {
    let mut buffer = [0_u8; 4];
    let decomposed = icu_normalizer::DecomposingNormalizerBorrowed::new_nfkd()
        .normalize(character.encode_utf8(&mut buffer))
        .into_owned();
    let mut folded = Vec::with_capacity(decomposed.len());
    for lower in decomposed.chars().filter(|c| !ignorable(*c)).flat_map(char::to_lowercase) {
        match lower {
            'ı' => folded.push('i'),
            'ς' => folded.push('σ'),
            'ß' => folded.extend(['s', 's']),
            'đ' | 'ð' => folded.push('d'),
            'ø' => folded.push('o'),
            'ł' => folded.push('l'),
            'ħ' => folded.push('h'),
            'ŧ' => folded.push('t'),
            'æ' => folded.extend(['a', 'e']),
            'œ' => folded.extend(['o', 'e']),
            'þ' => folded.extend(['t', 'h']),
            '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}' => folded.push('\''),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => folded.push('-'),
            other if !ignorable(other) => folded.push(other),
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
/// words (its line-break class is ideographic, Hangul, or a South-East
/// Asian script's): a name there has no word boundary, and such a
/// neighbour is one.
fn unspaced(character: char) -> bool {
    matches!(
        CodePointMapData::<LineBreak>::new().get(character),
        LineBreak::Ideographic
            | LineBreak::ComplexContext
            | LineBreak::ConditionalJapaneseStarter
            | LineBreak::H2
            | LineBreak::H3
            | LineBreak::JL
            | LineBreak::JV
            | LineBreak::JT
    )
}

/// Whether a tag looks like a person's name rather than a topic: letters
/// only (with the apostrophes, hyphens and spaces names have), starting with
/// a capital, or in a script without capitals. "Priya" and "Jean-Luc" do;
/// "hiring", "q3" and "on-call" do not.
#[must_use]
pub fn name_like_tag(tag: &str) -> bool {
    let tag = tag.trim();
    let Some(first) = tag.chars().next() else { return false };
    let letters_only =
        tag.chars().all(|c| c.is_alphabetic() || ignorable(c) || matches!(c, '\'' | '\u{2019}' | '-' | ' '));
    let capital_or_caseless = first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase());
    // "API" or "OKR" is an acronym, not a name.
    let acronym = tag.chars().filter(|c| c.is_uppercase()).count() > 1 && !tag.chars().any(char::is_lowercase);
    letters_only && capital_or_caseless && !acronym
}

/// Whether the source character next to a match ends the word there.
fn boundary(neighbour: Option<&char>) -> bool {
    neighbour.is_none_or(|c| !c.is_alphanumeric() || unspaced(*c))
}

impl Pseudonyms {
    /// The pseudonyms of every person named in `journal`: on decisions,
    /// talking points and brief marks, and every tag that looks like a name
    /// ([`name_like_tag`]).
    #[must_use]
    pub fn of(journal: &Journal) -> Self {
        let mut names: Vec<(String, Vec<char>)> = Vec::new();
        let on_decisions = journal.person_counts().into_iter().map(|(name, _)| name);
        let on_points = journal.talking_points().iter().map(|point| point.person.clone());
        let on_briefs = journal.briefs().iter().filter_map(|mark| mark.person.clone());
        let add = |names: &mut Vec<(String, Vec<char>)>, name: &str| {
            let name = name.trim().to_owned();
            let key = folded(&name);
            let new = !key.is_empty() && !names.iter().any(|(_, known)| *known == key);
            if new {
                names.push((name, key));
            }
            new
        };
        for name in on_decisions.chain(on_points).chain(on_briefs) {
            add(&mut names, &name);
        }
        let mut tags = Vec::new();
        for (tag, _) in journal.tag_counts() {
            if name_like_tag(&tag) && add(&mut names, &tag) {
                tags.push(tag.trim().to_owned());
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
            let parts: Vec<&str> =
                name.split(|c: char| c.is_whitespace() || fold(c) == ['-']).filter(|part| !part.is_empty()).collect();
            if parts.len() < 2 {
                continue;
            }
            let last = parts.len() - 1;
            let folded_parts: Vec<Vec<char>> = parts.iter().map(|part| folded(part)).collect();
            let mut pieces = Vec::new();
            for (position, part) in folded_parts.iter().enumerate() {
                // A particle only stands inside a name: first or last, it is
                // someone's name ("Al Okafor", "Nguyen Van Do").
                let inside = position != 0 && position != last;
                let particle = inside && PARTICLES.iter().any(|particle| part.iter().copied().eq(particle.chars()));
                if part.len() >= SHORTEST_PART_CHARS && !particle {
                    pieces.push(part.clone());
                }
            }
            // The parts written together, as in a handle or a hurried note
            // ("PriyaSharma", "JoLi", "DeVries"): every run of two parts or
            // more (for a name of many parts, pairs and the whole).
            pieces.extend(joined_runs(&folded_parts));
            for piece in pieces {
                let whole_name = people.iter().any(|(_, key, _)| *key == piece);
                match patterns.iter_mut().find(|(known, _)| *known == piece) {
                    // A whole name keeps its own pseudonym; a part of two
                    // people is anyone's.
                    Some((_, replacement)) if replacement != pseudonym && !whole_name => {
                        SHARED_PART.clone_into(replacement);
                    }
                    Some(_) => {}
                    None => patterns.push((piece, pseudonym.clone())),
                }
            }
        }
        patterns.sort_by_key(|(pattern, _)| std::cmp::Reverse(pattern.len()));
        Self { people, tags, patterns }
    }

    /// What redaction replaces: each name with its pseudonym and whether it
    /// is only a tag, in the pseudonyms' order. For the user's own eyes (the
    /// preview), never for the shared copy.
    pub fn replaced(&self) -> impl Iterator<Item = (&str, &str, bool)> {
        self.people
            .iter()
            .map(|(name, _, pseudonym)| (name.as_str(), pseudonym.as_str(), self.tags.iter().any(|tag| tag == name)))
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
                matched_len(&source, &folded, at, pattern).map(|(len, possessive)| (len, possessive, replacement))
            });
            if let Some((len, possessive, replacement)) = found {
                out.push_str(replacement);
                if possessive {
                    out.push_str("'s");
                }
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

/// Most parts of one name whose every run is joined ([`joined_runs`]);
/// a longer name gives its pairs and its whole only.
const JOINED_PARTS: usize = 6;

/// The runs of two or more consecutive parts of a name, each written as one
/// word: "Jean Luc de Vries" gives "jeanluc", "lucde", "devries",
/// "jeanlucde", "lucdevries" and "jeanlucdevries".
fn joined_runs(parts: &[Vec<char>]) -> Vec<Vec<char>> {
    let join = |run: &[Vec<char>]| run.iter().flatten().copied().collect::<Vec<char>>();
    if parts.len() < 2 {
        return Vec::new();
    }
    if parts.len() > JOINED_PARTS {
        let mut runs: Vec<Vec<char>> = parts.windows(2).map(join).collect();
        runs.push(join(parts));
        return runs;
    }
    let mut runs = Vec::new();
    for start in 0..parts.len() {
        for end in start + 2..=parts.len() {
            runs.push(join(&parts[start..end]));
        }
    }
    runs
}

/// How many source characters from `at` spell `pattern` once folded, when
/// they do, end on a character boundary, and stand as a word of their own
/// (in spaced scripts); and whether a possessive `s` written without its
/// apostrophe ("Priyas plan", as in German or Swedish) was taken along.
fn matched_len(source: &[char], folded: &Folded, at: usize, pattern: &[char]) -> Option<(usize, bool)> {
    let (first, last) = (*pattern.first()?, *pattern.last()?);
    let from = folded.starts[at];
    if folded.starts[at + 1] == from || folded.chars.get(from..from + pattern.len())? != pattern {
        return None;
    }
    // The match must end where a source character's fold ends, taking any
    // accents written apart after it along.
    let end = at + folded.starts[at..].iter().position(|start| *start == from + pattern.len())?;
    let end = with_marks(folded, source.len(), end);
    let starts_word = unspaced(first) || at == 0 || boundary(source.get(at - 1));
    if end <= at || !starts_word {
        return None;
    }
    if unspaced(last) || boundary(source.get(end)) {
        return Some((end - at, false));
    }
    // "Priyas", never "Ana" in "Anastasia": one `s`, then the word ends.
    let possessive_s = pattern.len() >= SHORTEST_PART_CHARS
        && last.is_alphabetic()
        && folded.chars.get(folded.starts[end]..folded.starts[end + 1]) == Some(&['s'][..]);
    if possessive_s {
        let after = with_marks(folded, source.len(), end + 1);
        if boundary(source.get(after)) {
            return Some((after - at, true));
        }
    }
    None
}

/// `end` moved past the source characters that fold to nothing (accents
/// written apart, invisible characters) right after it.
fn with_marks(folded: &Folded, len: usize, mut end: usize) -> usize {
    while end < len && folded.starts[end + 1] == folded.starts[end] {
        end += 1;
    }
    end
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

    #[test]
    fn a_particle_that_begins_or_ends_a_name_is_a_name() {
        let names = Pseudonyms::of(&journal(&["Al Okafor", "Le Minh", "Nguyen Van Do"]));
        assert_eq!(
            names.redact_text("Al said Do and Le agreed, by van"),
            "Person A said Person C and Person B agreed, by van"
        );
    }

    #[test]
    fn vowel_marks_points_and_invisible_characters_do_not_hide_a_name() {
        let names = Pseudonyms::of(&journal(&["محمد", "שרה", "Priya", "Nguyen Van Do"]));
        for (text, expected) in [
            ("\u{645}\u{64f}\u{62d}\u{64e}\u{645}\u{651}\u{64e}\u{62f} agreed", "Person D agreed"),
            ("\u{645}\u{62d}\u{640}\u{645}\u{62f} agreed", "Person D agreed"),
            ("\u{5e9}\u{5b8}\u{5c2}\u{5e8}\u{5b8}\u{5d4} agreed", "Person C agreed"),
            ("Pri\u{ad}ya agreed", "Person B agreed"),
            ("Pri\u{200d}ya agreed", "Person B agreed"),
            ("Đỗ agreed", "Person A agreed"),
        ] {
            assert_eq!(names.redact_text(text), expected, "{text}");
        }
    }

    #[test]
    fn tags_that_look_like_names_are_redacted_and_listed() {
        let journal = Journal::new(vec![Decision {
            title: "Asked Priya about hiring and the API".to_owned(),
            tags: vec!["Priya".to_owned(), "hiring".to_owned(), "API".to_owned(), "q3".to_owned()],
            people: vec!["Ana".to_owned()],
            ..Decision::default()
        }]);
        let names = Pseudonyms::of(&journal);
        assert_eq!(
            names.redact_text("Asked Priya about hiring and the API"),
            "Asked Person B about hiring and the API"
        );
        let replaced: Vec<(&str, &str, bool)> = names.replaced().collect();
        assert_eq!(replaced, [("Ana", "Person A", false), ("Priya", "Person B", true)]);
    }

    #[test]
    fn joined_and_possessive_names_are_found_and_words_holding_a_short_name_are_not() {
        let names = Pseudonyms::of(&journal(&["Priya Sharma", "Jo Li"]));
        for (text, expected) in [
            ("PriyaSharma and JoLi agreed", "Person B and Person A agreed"),
            ("Priyas plan, Priya's plan, PRIYA's plan", "Person B's plan, Person B's plan, Person B's plan"),
            ("Sharmas idea and Jos and Lis notes", "Person B's idea and Person A's and Person A's notes"),
            ("@PriyaSharma, priyasharmas", "@Person B, Person B's"),
            ("The job is like a list, joking aside", "The job is like a list, joking aside"),
            ("Jo Li and Priya Sharma", "Person A and Person B"),
        ] {
            assert_eq!(names.redact_text(text), expected, "{text}");
        }
    }

    #[test]
    fn every_run_of_a_longer_names_parts_is_found_joined() {
        let names = Pseudonyms::of(&journal(&["Jean-Luc de Vries"]));
        assert_eq!(names.redact_text("JeanLuc, DeVries and JeanLucDeVries"), "Person A, Person A and Person A");
        assert_eq!(names.redact_text("Ana and Anastasia, de facto"), "Ana and Anastasia, de facto");
    }

    #[test]
    fn name_like_tags_are_told_from_topics() {
        for tag in ["Priya", "Jean-Luc", "O'Neil", "王伟", "Zoë"] {
            assert!(name_like_tag(tag), "{tag}");
        }
        for tag in ["hiring", "on-call", "Q3", "API", "release-4.2", ""] {
            assert!(!name_like_tag(tag), "{tag}");
        }
    }
}
