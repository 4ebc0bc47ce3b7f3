//! Finding a field this Keel does not know in journal text, so that a save
//! never drops it silently (issue 19): serde ignores unknown fields when it
//! reads, and the next save would write the file without them.
//!
//! The names this build knows come from serde itself (the field lists its
//! derives pass to `deserialize_struct`), so a field added to a stored type
//! is known without a list to keep up to date. The text is scanned for
//! `name:` outside strings and comments; any name no stored type has is
//! reported with its line and column. (A new field that happens to share a
//! name with a field of another stored type is not noticed; nothing is ever
//! reported that this Keel would keep.)
//!
//! Part of the format (layer 1, [`super`]): text only, no file access.

use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, DeserializeOwned, Visitor};

use crate::model::version::DeviceEdits;
use crate::model::{
    Answer, BriefMark, ContrastScores, Decision, Goal, RecordTombstone, Reflection, Review, TalkingPoint, Version,
};

/// A field in the text that no stored type has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField {
    /// Its name.
    pub name: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
}

/// The first field in `text` that this Keel does not know, if any.
#[must_use]
pub fn first_unknown(text: &str) -> Option<UnknownField> {
    let known = known_names();
    let mut scanner = Scanner { bytes: text.as_bytes(), at: 0, line: 1, column: 1 };
    while let Some((name, line, column)) = scanner.next_field() {
        if !known.contains(name.as_str()) {
            return Some(UnknownField { name, line, column });
        }
    }
    None
}

/// Every field name of every type stored in a journal file.
fn known_names() -> &'static HashSet<&'static str> {
    static KNOWN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut known = HashSet::new();
        known.extend(fields_of::<super::FileV2>());
        known.extend(fields_of::<super::FileV1>());
        known.extend(fields_of::<Decision>());
        known.extend(fields_of::<Review>());
        known.extend(fields_of::<ContrastScores>());
        known.extend(fields_of::<TalkingPoint>());
        known.extend(fields_of::<BriefMark>());
        known.extend(fields_of::<Goal>());
        known.extend(fields_of::<Reflection>());
        known.extend(fields_of::<Answer>());
        known.extend(fields_of::<RecordTombstone>());
        known.extend(fields_of::<crate::storage::merge::Tombstone>());
        known.extend(fields_of::<Version>());
        known.extend(fields_of::<DeviceEdits>());
        known
    })
}

/// The field names serde's derive gives `T` (none for a type that is not
/// a struct).
fn fields_of<T: DeserializeOwned>() -> Vec<&'static str> {
    let mut fields = Vec::new();
    // The probe always stops with an error once it has the names.
    T::deserialize(FieldProbe(&mut fields)).ok();
    fields
}

/// A deserializer that only records the field list a struct asks for.
struct FieldProbe<'a>(&'a mut Vec<&'static str>);

#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field names recorded")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(_message: T) -> Self {
        Self
    }
}

impl<'de> de::Deserializer<'de> for FieldProbe<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        self.0.extend_from_slice(fields);
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// Walks RON text, skipping strings, characters and comments, yielding each
/// `name:` with its position.
struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    column: usize,
}

impl Scanner<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let c = self.peek(0)?;
        self.at += 1;
        if c == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if c & 0xC0 != 0x80 {
            // Columns count characters: continuation bytes add none.
            self.column += 1;
        }
        Some(c)
    }

    fn next_field(&mut self) -> Option<(String, usize, usize)> {
        while let Some(c) = self.peek(0) {
            match c {
                b'"' => self.skip_string(),
                b'\'' => self.skip_char(),
                b'/' if self.peek(1) == Some(b'/') => self.skip_line(),
                b'/' if self.peek(1) == Some(b'*') => self.skip_block_comment(),
                b'r' if matches!(self.peek(1), Some(b'"' | b'#')) && self.raw_string_ahead() => self.skip_raw_string(),
                c if c.is_ascii_digit() => {
                    while self.peek(0).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.')) {
                        self.bump();
                    }
                }
                c if c.is_ascii_alphabetic() || c == b'_' => {
                    let (line, column) = (self.line, self.column);
                    if c == b'r' && self.peek(1) == Some(b'#') {
                        // A raw identifier, `r#name`.
                        self.bump();
                        self.bump();
                    }
                    let mut name = String::new();
                    while let Some(c) = self.peek(0).filter(|c| c.is_ascii_alphanumeric() || *c == b'_') {
                        name.push(char::from(c));
                        self.bump();
                    }
                    while self.peek(0).is_some_and(|c| c.is_ascii_whitespace()) {
                        self.bump();
                    }
                    if self.peek(0) == Some(b':') && self.peek(1) != Some(b':') {
                        return Some((name, line, column));
                    }
                }
                _ => {
                    self.bump();
                }
            }
        }
        None
    }

    fn skip_string(&mut self) {
        self.bump();
        while let Some(c) = self.bump() {
            match c {
                b'\\' => {
                    self.bump();
                }
                b'"' => return,
                _ => {}
            }
        }
    }

    fn skip_char(&mut self) {
        self.bump();
        while let Some(c) = self.bump() {
            match c {
                b'\\' => {
                    self.bump();
                }
                b'\'' => return,
                _ => {}
            }
        }
    }

    fn skip_line(&mut self) {
        while self.bump().is_some_and(|c| c != b'\n') {}
    }

    fn skip_block_comment(&mut self) {
        // RON's block comments nest.
        let mut depth = 0_usize;
        while let Some(c) = self.bump() {
            if c == b'/' && self.peek(0) == Some(b'*') {
                self.bump();
                depth += 1;
            } else if c == b'*' && self.peek(0) == Some(b'/') {
                self.bump();
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            }
        }
    }

    /// Whether `r` starts a raw string (`r"…"`, `r#"…"#`) rather than a raw
    /// identifier or a name.
    fn raw_string_ahead(&self) -> bool {
        let hashes = self.bytes.get(self.at + 1..).unwrap_or_default().iter().take_while(|c| **c == b'#').count();
        self.peek(1 + hashes) == Some(b'"')
    }

    fn skip_raw_string(&mut self) {
        self.bump();
        let mut hashes = 0;
        while self.peek(0) == Some(b'#') {
            self.bump();
            hashes += 1;
        }
        self.bump();
        while let Some(c) = self.bump() {
            if c == b'"' && (0..hashes).all(|ahead| self.peek(ahead) == Some(b'#')) {
                for _ in 0..hashes {
                    self.bump();
                }
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_types_fields_are_known() {
        let known = known_names();
        for name in ["version", "decisions", "deleted", "talking_points", "briefs", "title", "review", "outcome"] {
            assert!(known.contains(name), "{name}");
        }
        assert!(known.contains("vision_execution") && known.contains("deleted_at"));
    }

    #[test]
    fn an_unknown_field_is_found_with_its_position_and_strings_and_comments_are_skipped() {
        let text = "(\n    version: 2,\n    // mood: in a comment\n    decisions: [(id: \"a\", title: \"mood: in a title\", r#note: r#\"x: \"y\"\"#,\n        mood: \"calm\")],\n)";
        assert_eq!(first_unknown(text), Some(UnknownField { name: "mood".into(), line: 5, column: 9 }));
        assert_eq!(first_unknown("(version: 2, decisions: [(title: \"a: b\", starred: true)])"), None);
        assert_eq!(first_unknown("(version: 2, /* nested /* x: */ y: */ decisions: [])"), None);
    }
}
