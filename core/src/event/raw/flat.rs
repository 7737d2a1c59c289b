//! The common line read without serde: a flat JSON object whose values are strings without
//! escapes, whole numbers from 0, `true`, `false` and `null` — what portals write for all
//! but a few events.
//!
//! It reads such an object into the same record serde would, field by field through
//! [`FromScalar`], in one pass over the bytes. Anything else — a nested list or object, an
//! escape, a control character, any other number, a key given twice, broken JSON — it
//! leaves to serde, which reads the line from the start: so the record is the same either
//! way, and every error comes from serde, naming its field.

use super::{Field, RawEvent};

/// A value of the flat object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scalar<'a> {
    Null,
    Bool(bool),
    /// A whole number from 0 that serde reads as a `u64`.
    Int(u64),
    /// A string without escapes, as it is in the input.
    Str(&'a str),
}

/// A field's value from a scalar, as serde's `Deserialize` reads it; `None` where serde
/// would not (an error), or would take another path than the flat reader knows.
pub(super) trait FromScalar<'a>: Sized {
    fn from_scalar(value: Scalar<'a>) -> Option<Self>;
}

impl<'a> Scalar<'a> {
    /// The value of an `Option` field: `null` is missing.
    pub(super) fn read<T: FromScalar<'a>>(self) -> Option<Option<T>> {
        match self {
            Scalar::Null => Some(None),
            value => T::from_scalar(value).map(Some),
        }
    }
}

/// Reads `json` into an empty `raw` when it is a flat object of scalars; `false` leaves it
/// to serde (`raw` may then be partly filled).
pub(super) fn read<'a>(json: &'a str, raw: &mut RawEvent<'a>) -> bool {
    read_object(json, raw).is_some()
}

fn read_object<'a>(json: &'a str, raw: &mut RawEvent<'a>) -> Option<()> {
    let mut at = Cursor { json, pos: 0 };
    at.skip_space();
    at.eat(b'{')?;
    at.skip_space();
    let mut seen = 0u64;
    if at.peek() == Some(b'}') {
        at.pos += 1;
    } else {
        loop {
            let field = Field::of(at.string()?);
            at.skip_space();
            at.eat(b':')?;
            at.skip_space();
            let value = at.scalar()?;
            if field != Field::Unknown {
                let bit = 1u64 << (field as u32);
                if seen & bit != 0 {
                    return None;
                }
                seen |= bit;
                raw.set(field, value)?;
            }
            at.skip_space();
            match at.next()? {
                b',' => at.skip_space(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    at.skip_space();
    (at.pos == json.len()).then_some(())
}

/// A place in the line.
struct Cursor<'a> {
    json: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a [u8] {
        self.json.as_bytes().get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<u8> {
        self.json.as_bytes().get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// Skips JSON's whitespace.
    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let len = string_end(self.rest())?;
        if self.rest().get(len) != Some(&b'"') {
            return None;
        }
        // The quote is ASCII: the string ends on a character boundary.
        let text = self.json.get(self.pos..self.pos + len)?;
        self.pos += len + 1;
        Some(text)
    }

    fn scalar(&mut self) -> Option<Scalar<'a>> {
        match self.peek()? {
            b'"' => self.string().map(Scalar::Str),
            b'0'..=b'9' => self.number(),
            b't' => self.word("true", Scalar::Bool(true)),
            b'f' => self.word("false", Scalar::Bool(false)),
            b'n' => self.word("null", Scalar::Null),
            _ => None,
        }
    }

    /// A whole number from 0 without a fraction or exponent, short enough to be a `u64`.
    fn number(&mut self) -> Option<Scalar<'a>> {
        let rest = self.rest();
        let len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let digits = rest.get(..len)?;
        // A leading zero, a fraction, an exponent, or a number that may not fit: serde's.
        let leading_zero = len > 1 && digits.first() == Some(&b'0');
        if leading_zero || len > 18 || matches!(rest.get(len), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let value = digits
            .iter()
            .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
        self.pos += len;
        Some(Scalar::Int(value))
    }

    fn word(&mut self, word: &str, value: Scalar<'a>) -> Option<Scalar<'a>> {
        if !self.rest().starts_with(word.as_bytes()) {
            return None;
        }
        self.pos += word.len();
        Some(value)
    }
}

/// Where the first `"`, `\` or control character of `bytes` is: the end of a string, or
/// what the flat reader leaves to serde. Eight bytes at a time.
fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // `(x - n * ONES) & !x & HIGH` sets the high bit of each byte of `x` below `n` (for `n`
    // up to 0x80), and perhaps of bytes after one: never of a byte before the first. A
    // byte equal to `b` is a zero byte of `x ^ b * ONES`.
    let below = |x: u64, n: u8| x.wrapping_sub(u64::from(n) * ONES) & !x & HIGH;
    let found = |word: u64| {
        below(word ^ (u64::from(b'"') * ONES), 1)
            | below(word ^ (u64::from(b'\\') * ONES), 1)
            | below(word, 0x20)
    };
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().ok()?);
        let hits = found(word);
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = words.remainder();
    let i = tail
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(at + i)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::super::{EventError, ReadInto};
    use super::*;
    use crate::Event;

    fn flat(json: &str) -> bool {
        read(json, &mut RawEvent::default())
    }

    #[test]
    fn reads_the_common_line() {
        let json = r#"{"type":"mark","lesson":"5a-240902-1","student":"s00584","value":5,"at":"2024-09-02T08:40:23+04:00","by":"t032","extra":null,"flag":true}"#;
        let mut raw = RawEvent::default();
        assert!(read(json, &mut raw));
        assert_eq!(raw.student.map(|s| s.0).as_deref(), Some("s00584"));
        assert!(matches!(raw.value, Some(super::super::RawMark::Number(_))));
        assert!(flat(" { } "));
        assert!(flat("{ \"type\" : \"class\" , \"grade\" : 10 }\r\n"));
    }

    #[test]
    fn leaves_the_rest_to_serde() {
        for json in [
            r#"{"type":"class","grade":5,"grade":6}"#,
            r#"{"type":"cl\u0061ss"}"#,
            r#"{"type":"class","name":"a\"b"}"#,
            r#"{"type":"class","grade":-5}"#,
            r#"{"type":"class","grade":05}"#,
            r#"{"type":"class","grade":5.0}"#,
            r#"{"type":"class","grade":5e0}"#,
            r#"{"type":"class","grade":1234567890123456789}"#,
            r#"{"type":"class","grade":"5"}"#,
            r#"{"type":"class","id":true}"#,
            r#"{"type":"staff","roles":["teacher"]}"#,
            r#"{"type":"student","groups":{}}"#,
            r#"{"type":"class","x":[1]}"#,
            r#"{"type":"class",}"#,
            r#"{"type":"class"} x"#,
            r#"{"type":"class""#,
            r#"{"type":"class","grade":5 6}"#,
            r#"{"type":"class","grade":tru}"#,
            "{\"type\":\"cla\tss\"}",
            r#"[{"type":"class"}]"#,
            "",
        ] {
            assert!(!flat(json), "{json}");
        }
    }

    #[test]
    fn strings_end_where_a_byte_at_a_time_says() {
        let naive = |bytes: &[u8]| {
            bytes
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        };
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let alphabet = b"ab\"\\\x00\x1f\x20\x21\x7f\x80\xd0\xb9\xff";
        for len in 0..40 {
            for _ in 0..200 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        // Mostly plain bytes, now and then one of the others.
                        let pick = (seed % 64) as usize;
                        alphabet
                            .get(pick)
                            .copied()
                            .unwrap_or(b'a' + (pick % 26) as u8)
                    })
                    .collect();
                assert_eq!(string_end(&bytes), naive(&bytes), "{bytes:?}");
            }
        }
    }

    /// The event read from `json` by the flat reader, if it takes it, and by serde.
    fn both(json: &str) -> Option<(Result<Event, EventError>, Result<Event, EventError>)> {
        let mut raw = RawEvent::default();
        if !read(json, &mut raw) {
            return None;
        }
        let flat = raw.take_event();
        let mut raw = RawEvent::default();
        let mut de = serde_json::Deserializer::from_str(json);
        serde::de::DeserializeSeed::deserialize(ReadInto(&mut raw), &mut de).unwrap();
        de.end().unwrap();
        Some((flat, raw.take_event()))
    }

    #[test]
    fn reads_every_fixture_as_serde_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut events = Vec::new();
        for dir in std::fs::read_dir(root.join("tests/fixtures/rules")).unwrap() {
            for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
                let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                let list = value.get("events").unwrap_or(&value).as_array().cloned();
                events.extend(list.unwrap_or_default());
            }
        }
        let demo = std::fs::read_to_string(root.join("examples/demo.ndjson")).unwrap();
        for line in demo.lines() {
            events.push(serde_json::from_str(line).unwrap());
        }
        let mut taken = 0;
        for event in &events {
            let compact = serde_json::to_string(event).unwrap();
            let pretty = serde_json::to_string_pretty(event).unwrap();
            for json in [compact, pretty] {
                if let Some((flat, serde)) = both(&json) {
                    assert_eq!(flat, serde, "{json}");
                    taken += 1;
                }
            }
        }
        // All but the events with lists or nested objects.
        assert!(
            taken * 10 > events.len() * 2 * 9,
            "{taken} of {}",
            events.len() * 2
        );
    }

    proptest::proptest! {
        /// Whatever line the flat reader takes is JSON, and serde reads it into the same
        /// event or the same error: objects of keys and values, now and then a piece out of
        /// place.
        #[test]
        fn takes_only_what_serde_reads_alike(
            pairs in proptest::collection::vec(
                (proptest::sample::select(KEYS), proptest::sample::select(VALUES)), 0..8),
            stray in proptest::option::of((0usize..200, proptest::sample::select(STRAY))),
        ) {
            let fields: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}:{v}")).collect();
            let mut json = format!("{{{}}}", fields.join(","));
            if let Some((at, piece)) = stray {
                let at = (0..=at.min(json.len())).rev().find(|&i| json.is_char_boundary(i));
                json.insert_str(at.unwrap_or(0), piece);
            }
            let mut raw = RawEvent::default();
            if read(&json, &mut raw) {
                let by_serde = both(&json);
                proptest::prop_assert!(by_serde.is_some(), "{}", json);
                if let Some((flat, serde)) = by_serde {
                    proptest::prop_assert_eq!(flat, serde, "{}", json);
                }
            }
        }
    }

    const KEYS: &[&str] = &[
        r#""type""#,
        r#""lesson""#,
        r#""student""#,
        r#""value""#,
        r#""at""#,
        r#""by""#,
        r#""grade""#,
        r#""signed""#,
        r#""work""#,
        r#""groups""#,
        r#""roles""#,
        r#""x""#,
        r#""id""#,
        r#""substitute""#,
        r#""lessons""#,
        r#""topics""#,
        r#" "type" "#,
    ];

    const VALUES: &[&str] = &[
        r#""mark""#,
        r#""class""#,
        r#""lesson""#,
        r#""l1""#,
        r#""2024-09-02T08:40:00+04:00""#,
        r#""2024-09-02""#,
        r#""н""#,
        r#""5""#,
        r#""test""#,
        r#""a\"b""#,
        r#""\u0061""#,
        "5",
        "0",
        "05",
        "7",
        "-1",
        "1.0",
        "1e3",
        "18446744073709551616",
        "99999999999999999",
        "true",
        "false",
        "null",
        "[]",
        r#"["test"]"#,
        "{}",
        r#" "t" "#,
    ];

    const STRAY: &[&str] = &[
        "{", "}", ",", ":", " ", "\n", "\"", "[", "]", "tru", "\u{7f}", "\\", "ё", "0",
    ];

    #[test]
    fn reads_what_serde_reads() {
        // Every line the flat reader takes, serde reads into the same event.
        for json in [
            r#"{"type":"mark","lesson":"l1","student":7,"value":"4","work":"test","at":"2024-09-02T14:05:00+04:00","by":"t1","basis":null}"#,
            r#"{"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Вводный инструктаж","substitute":true,"section":" "}"#,
            r#"{"type":"thematic_plan","class":"5a","subject":"Химия","lessons":68}"#,
            r#"{"type":"journal_export","class":"5a","date":"2025-06-01","signed":false}"#,
            r#"{"type":"final_mark","student":"s1","subject":"x","period":"q1","value":"н/а"}"#,
        ] {
            let (flat, serde) = both(json).unwrap();
            assert_eq!(flat, serde, "{json}");
            assert!(flat.is_ok(), "{json}");
        }
    }
}
