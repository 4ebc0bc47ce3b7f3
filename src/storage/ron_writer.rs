//! A fast writer of the journal's RON text, byte for byte what
//! `ron::ser::to_string_pretty` writes with the journal's settings (four
//! spaces, no struct names, `\n` line ends on every platform).
//!
//! Why it exists: `ron` escapes strings one character at a time through
//! `fmt::Write`, which made serialising the biggest part of a save (73 ms of
//! a 120 ms save at 10k decisions, issue 9). This writer copies runs of plain
//! ASCII in one go and is about five times faster.
//!
//! It only knows the shapes the journal uses (structs, sequences, options,
//! strings, integers, booleans). Anything else is refused with
//! [`Unsupported`], and the caller falls back to `ron` itself, so a new field
//! of an unusual shape can never be written wrongly, only more slowly. The
//! tests compare its output with `ron`'s on the sample, synthetic and
//! hand-made journals.
//!
//! Layer 1, the format: text only, no file access.

use std::fmt;

use serde::ser::{self, Serialize};

/// Four spaces per level, as `PrettyConfig::indentor("    ")` writes.
const INDENT: &str = "    ";

/// Why the fast writer declined: a shape it does not write.
#[derive(Debug)]
pub struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "the fast RON writer does not write {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self(message.to_string())
    }
}

/// `value` as pretty RON text, or [`Unsupported`] when it holds a shape this
/// writer does not know (write it with `ron` then).
///
/// # Errors
/// [`Unsupported`], naming the shape.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, Unsupported> {
    let mut writer = Writer { output: String::with_capacity(1 << 16), depth: 0 };
    value.serialize(&mut writer)?;
    Ok(writer.output)
}

struct Writer {
    output: String,
    depth: usize,
}

impl Writer {
    fn new_line_and_indent(&mut self) {
        self.output.push('\n');
        self.indent();
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.output.push_str(INDENT);
        }
    }

    /// A string between double quotes, every character escaped as
    /// `char::escape_debug` does (what `ron` writes), plain ASCII copied in runs.
    fn quoted(&mut self, text: &str) {
        self.output.reserve(text.len() + 2);
        self.output.push('"');
        let mut plain_from = 0;
        for (at, character) in text.char_indices() {
            let plain = matches!(character, ' '..='~') && !matches!(character, '"' | '\'' | '\\');
            if plain {
                continue;
            }
            self.output.push_str(&text[plain_from..at]);
            self.output.extend(character.escape_debug());
            plain_from = at + character.len_utf8();
        }
        self.output.push_str(&text[plain_from..]);
        self.output.push('"');
    }

    fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
        Err(Unsupported(what.to_owned()))
    }
}

/// Whether `ron` writes `name` as it is (no `r#` prefix): an ASCII identifier
/// that is not one of its reserved words.
fn is_plain_identifier(name: &str) -> bool {
    let mut characters = name.chars();
    characters.next().is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && characters.all(|character| character.is_ascii_alphanumeric() || character == '_')
        && !["true", "false", "Some", "None", "inf", "inff32", "inff64", "NaN", "NaNf32", "NaNf64"].contains(&name)
}

/// An open struct or sequence: whether anything was written in it yet.
struct Compound<'a> {
    writer: &'a mut Writer,
    empty: bool,
    close: char,
}

impl Compound<'_> {
    fn open(writer: &mut Writer, open: char, close: char, len: usize) -> Compound<'_> {
        writer.output.push(open);
        writer.depth += 1;
        if len > 0 {
            writer.output.push('\n');
        }
        Compound { writer, empty: true, close }
    }

    fn before_item(&mut self) {
        if !self.empty {
            self.writer.output.push_str(",\n");
        }
        self.empty = false;
        self.writer.indent();
    }

    fn close(self) {
        self.writer.depth -= 1;
        if !self.empty {
            self.writer.output.push(',');
            self.writer.new_line_and_indent();
        }
        self.writer.output.push(self.close);
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, value: bool) -> Result<(), Unsupported> {
        self.output.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, value: i8) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(value))
    }

    fn serialize_i16(self, value: i16) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(value))
    }

    fn serialize_i32(self, value: i32) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(value))
    }

    fn serialize_i64(self, value: i64) -> Result<(), Unsupported> {
        self.output.push_str(&value.to_string());
        Ok(())
    }

    fn serialize_u8(self, value: u8) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(value))
    }

    fn serialize_u16(self, value: u16) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(value))
    }

    fn serialize_u32(self, value: u32) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(value))
    }

    fn serialize_u64(self, value: u64) -> Result<(), Unsupported> {
        self.output.push_str(&value.to_string());
        Ok(())
    }

    fn serialize_f32(self, _value: f32) -> Result<(), Unsupported> {
        Writer::unsupported("floating-point numbers")
    }

    fn serialize_f64(self, _value: f64) -> Result<(), Unsupported> {
        Writer::unsupported("floating-point numbers")
    }

    fn serialize_char(self, _value: char) -> Result<(), Unsupported> {
        Writer::unsupported("characters")
    }

    fn serialize_str(self, value: &str) -> Result<(), Unsupported> {
        self.quoted(value);
        Ok(())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<(), Unsupported> {
        Writer::unsupported("byte strings")
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.output.push_str("None");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        self.output.push_str("Some(");
        value.serialize(&mut *self)?;
        self.output.push(')');
        Ok(())
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        Writer::unsupported("unit values")
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Unsupported> {
        Writer::unsupported(name)
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<(), Unsupported> {
        Writer::unsupported(name)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _value: &T,
    ) -> Result<(), Unsupported> {
        Writer::unsupported(name)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Unsupported> {
        Writer::unsupported(name)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        // `ron` decides between `[]` and a multi-line list from the length
        // given up front; without one its layout differs, so leave it to ron.
        let Some(len) = len else { return Writer::unsupported("sequences of unknown length") };
        Ok(Compound::open(self, '[', ']', len))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Writer::unsupported("tuples")
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Writer::unsupported(name)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Writer::unsupported(name)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Writer::unsupported("maps")
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self::SerializeStruct, Unsupported> {
        Ok(Compound::open(self, '(', ')', len))
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Writer::unsupported(name)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.before_item();
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported> {
        if !is_plain_identifier(key) {
            return Writer::unsupported(key);
        }
        self.before_item();
        self.writer.output.push_str(key);
        self.writer.output.push_str(": ");
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close();
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests;
