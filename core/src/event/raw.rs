//! Reading one event: a single pass of serde into a flat record of every field any event may
//! have, then a check per `type` that the fields it needs are there and well-formed.
//!
//! The flat record avoids serde's internally tagged enums, which buffer every object before
//! they can look at its `type`; the second step is where the errors get their field names.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::time::Clock;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serializer};

use super::*;

mod flat;
use flat::{FromScalar, Scalar};
/// The longest study period, in days: a school year, in a leap year.
pub const MAX_PERIOD_DAYS: i64 = 366;

/// What is wrong with one event, and in which field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", field.as_deref().map(|f| format!("field `{f}`: ")).unwrap_or_default())]
pub struct EventError {
    /// The path of the field, such as `value` or `students[2]`; `None` when the event as a
    /// whole is wrong (not an object, broken JSON).
    pub field: Option<String>,
    /// What is wrong, in lower case, with the offending input in backticks.
    pub message: String,
}

impl EventError {
    fn new(field: &str, message: impl Into<String>) -> Self {
        EventError {
            field: Some(field.to_owned()),
            message: message.into(),
        }
    }
}

impl Event {
    /// Reads one event from a JSON object.
    pub fn from_json(json: &str) -> Result<Event, EventError> {
        read_json(json)
    }

    /// Reads one event from any serde deserializer (a Python dict, a JavaScript object …).
    pub fn deserialize_from<'de, D>(deserializer: D) -> Result<Event, EventError>
    where
        D: Deserializer<'de>,
        D::Error: IntoMessage,
    {
        deserialize_as(deserializer)
    }
}

impl<'a> Event<Cow<'a, str>> {
    /// Reads one event from a JSON object as [`Event::from_json`] does, its text borrowed
    /// from `json` (copied only where the JSON escapes it): for a reader that stores the
    /// event and drops it.
    pub fn from_json_borrowed(json: &'a str) -> Result<Self, EventError> {
        read_json(json)
    }
}

/// Reads one event from a JSON object, its text as `S`.
pub(crate) fn read_json<'a, S: From<Cow<'a, str>>>(json: &'a str) -> Result<Event<S>, EventError> {
    // The fast ways first: a flat object of scalars without serde, else serde without
    // tracking the path to each field. Only an event that fails is read again with it,
    // for the error to name its field.
    let mut raw = RawEvent::default();
    if flat::read(json, &mut raw) {
        return raw.into_event();
    }
    let mut raw = RawEvent::default();
    let mut de = serde_json::Deserializer::from_str(json);
    if ReadInto(&mut raw).deserialize(&mut de).is_ok() && de.end().is_ok() {
        return raw.into_event();
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let event = deserialize_as(&mut de)?;
    de.end().map_err(|e| EventError {
        field: None,
        message: json_message(&e),
    })?;
    Ok(event)
}

/// Reads one event from a serde deserializer, its text as `S`, tracking the path to each
/// field for the error to name it.
fn deserialize_as<'de, D, S>(deserializer: D) -> Result<Event<S>, EventError>
where
    D: Deserializer<'de>,
    D::Error: IntoMessage,
    S: From<Cow<'de, str>>,
{
    let mut raw = RawEvent::default();
    let mut track = serde_path_to_error::Track::new();
    ReadInto(&mut raw)
        .deserialize(serde_path_to_error::Deserializer::new(
            deserializer,
            &mut track,
        ))
        .map_err(|e| EventError {
            field: field_of(&track.path()),
            message: e.into_message(),
        })?;
    raw.into_event()
}

/// The field a deserializer's error is in: `None` for the whole value (`.`); a key that
/// could not be read (`?`, in a broken or truncated object) names the object holding it.
pub(crate) fn field_of(path: &serde_path_to_error::Path) -> Option<String> {
    let path = path.to_string();
    let mut field = path.as_str();
    while let Some(parent) = field.strip_suffix(".?") {
        field = parent;
    }
    (field != "." && field != "?").then(|| field.to_owned())
}

/// The text of a deserializer's error, without the position that the reader adds itself.
///
/// Implemented for every error that displays: serde_json's, serde's own, and those of the
/// deserializers the bindings use (a Python dict's, a JavaScript object's).
pub trait IntoMessage {
    fn into_message(self) -> String;
}

impl<E: fmt::Display> IntoMessage for E {
    fn into_message(self) -> String {
        without_position(self.to_string())
    }
}

/// A message without a trailing ` at line L column C` (serde_json adds it; the reader names
/// the event and the line itself).
fn without_position(text: String) -> String {
    let kept = text.rsplit_once(" at line ").and_then(|(head, tail)| {
        let (line, column) = tail.split_once(" column ")?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (digits(line) && digits(column)).then_some(head.len())
    });
    match kept {
        Some(len) => text.get(..len).map(str::to_owned).unwrap_or(text),
        None => text,
    }
}

/// A serde_json error's message without its " at line L column C" suffix.
pub(crate) fn json_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    if error.line() == 0 {
        return text;
    }
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix)
        .map(str::to_owned)
        .unwrap_or(text)
}

impl<'de, S: From<Cow<'de, str>>> Deserialize<'de> for Event<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut raw = RawEvent::default();
        ReadInto(&mut raw).deserialize(deserializer)?;
        raw.into_event().map_err(de::Error::custom)
    }
}

/// Reads an event into a record in place: only from an object (serde's derived structs
/// would take a list too), and without moving the record, a kilobyte, through serde's
/// results.
struct ReadInto<'r, 'a>(&'r mut RawEvent<'a>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for ReadInto<'_, 'a> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for ReadInto<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an event object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.0.read(map)
    }
}

/// A text value, borrowed from the input when it has no escapes.
#[derive(Debug, Default)]
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<Text<'a>>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V(std::marker::PhantomData))
    }
}

impl<'a> FromScalar<'a> for Text<'a> {
    fn from_scalar(value: Scalar<'a>) -> Option<Self> {
        match value {
            Scalar::Str(text) => Some(Text(Cow::Borrowed(text))),
            _ => None,
        }
    }
}

/// An id: text, or a whole number read as its decimal text.
#[derive(Debug)]
struct RawId<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for RawId<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<RawId<'a>>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = RawId<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id (text or a whole number)")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(RawId(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawId(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(RawId(Cow::Owned(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(RawId(Cow::Owned(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(RawId(Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}

impl<'a> FromScalar<'a> for RawId<'a> {
    fn from_scalar(value: Scalar<'a>) -> Option<Self> {
        match value {
            Scalar::Str(text) => Some(RawId(Cow::Borrowed(text))),
            Scalar::Int(n) => Some(RawId(Cow::Owned(n.to_string()))),
            Scalar::Null | Scalar::Bool(_) => None,
        }
    }
}

/// A whole number, checked for range after reading.
#[derive(Debug, Clone, Copy)]
enum Number {
    Int(i128),
    Float(f64),
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number::Int(v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number::Int(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                Ok(Number::Float(v))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl FromScalar<'_> for Number {
    fn from_scalar(value: Scalar<'_>) -> Option<Self> {
        match value {
            Scalar::Int(n) => Some(Number::Int(n.into())),
            _ => None,
        }
    }
}

impl FromScalar<'_> for bool {
    fn from_scalar(value: Scalar<'_>) -> Option<Self> {
        match value {
            Scalar::Bool(b) => Some(b),
            _ => None,
        }
    }
}

impl Number {
    fn within(self, field: &str, low: i128, high: i128, what: &str) -> Result<i128, EventError> {
        match self {
            Number::Int(n) if (low..=high).contains(&n) => Ok(n),
            Number::Float(x) if x.fract() == 0.0 && x >= low as f64 && x <= high as f64 => {
                Ok(x as i128)
            }
            Number::Int(n) => Err(EventError::new(
                field,
                format!("{what} must be from {low} to {high}, got `{n}`"),
            )),
            Number::Float(x) => Err(EventError::new(
                field,
                format!("{what} must be a whole number from {low} to {high}, got `{x}`"),
            )),
        }
    }
}

/// A mark as written: a number, or text such as `5` or `н/а`.
#[derive(Debug)]
enum RawMark<'a> {
    Number(Number),
    Text(Cow<'a, str>),
}

impl<'de: 'a, 'a> Deserialize<'de> for RawMark<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<RawMark<'a>>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = RawMark<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mark from 1 to 5")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(RawMark::Number(Number::Int(v.into())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(RawMark::Number(Number::Int(v.into())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(RawMark::Number(Number::Float(v)))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(RawMark::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawMark::Text(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}

impl<'a> FromScalar<'a> for RawMark<'a> {
    fn from_scalar(value: Scalar<'a>) -> Option<Self> {
        match value {
            Scalar::Int(n) => Some(RawMark::Number(Number::Int(n.into()))),
            Scalar::Str(text) => Some(RawMark::Text(Cow::Borrowed(text))),
            Scalar::Null | Scalar::Bool(_) => None,
        }
    }
}

/// One value or a list of them (`"work": "test"` or `"work": ["test", "oral"]`).
#[derive(Debug, Default)]
struct OneOrMany<'a>(Vec<Text<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for OneOrMany<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<OneOrMany<'a>>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = OneOrMany<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text or a list of texts")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(OneOrMany(vec![Text(Cow::Borrowed(v))]))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(OneOrMany(vec![Text(Cow::Owned(v.to_owned()))]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OneOrMany(items))
            }
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}

impl<'a> FromScalar<'a> for OneOrMany<'a> {
    fn from_scalar(value: Scalar<'a>) -> Option<Self> {
        match value {
            Scalar::Str(text) => Some(OneOrMany(vec![Text(Cow::Borrowed(text))])),
            _ => None,
        }
    }
}

/// Lists and objects are never scalars: serde reads them (or tells what is wrong).
impl<T> FromScalar<'_> for Vec<T> {
    fn from_scalar(_: Scalar<'_>) -> Option<Self> {
        None
    }
}

/// An object of subject → subgroup, in the order written.
#[derive(Debug, Default)]
struct Groups<'a>(Vec<(Text<'a>, RawId<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Groups<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<Groups<'a>>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Groups<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of subject to subgroup")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    items.push(entry);
                }
                Ok(Groups(items))
            }
        }
        deserializer.deserialize_map(V(std::marker::PhantomData))
    }
}

impl FromScalar<'_> for Groups<'_> {
    fn from_scalar(_: Scalar<'_>) -> Option<Self> {
        None
    }
}

/// Counts the items of a list without keeping them.
#[derive(Debug, Default)]
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        deserializer.deserialize_seq(V)
    }
}

impl FromScalar<'_> for Count {
    fn from_scalar(_: Scalar<'_>) -> Option<Self> {
        None
    }
}

/// Declares the flat record of every field any event may carry, each an `Option` (a field
/// missing and a field `null` are alike), and reads it in one pass over an object's keys: a
/// key given twice is an error, an unknown key is skipped.
macro_rules! raw_event {
    (struct $name:ident<$a:lifetime> { $($field:ident $key:literal: $ty:ty,)* }) => {
        #[derive(Debug, Default)]
        struct $name<$a> {
            $($field: Option<$ty>,)*
        }

        /// The fields of the record, by key.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Field {
            $($field,)*
            /// A key no event has.
            Unknown,
        }

        impl Field {
            fn of(key: &str) -> Field {
                match key {
                    $($key => Field::$field,)*
                    _ => Field::Unknown,
                }
            }

            fn key(self) -> &'static str {
                match self {
                    $(Field::$field => $key,)*
                    Field::Unknown => "",
                }
            }
        }

        impl<$a> $name<$a> {
            /// Reads the fields of an event object into an empty record.
            fn read<'de: $a, A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
                let raw = self;
                let mut seen = 0u64;
                while let Some(field) = map.next_key::<Field>()? {
                    let bit = 1u64 << (field as u32);
                    if field != Field::Unknown && seen & bit != 0 {
                        return Err(de::Error::duplicate_field(field.key()));
                    }
                    seen |= bit;
                    match field {
                        $(Field::$field => raw.$field = map.next_value()?,)*
                        Field::Unknown => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(())
            }

            /// Sets a field from a scalar of a flat object as serde reads it; `None` where
            /// serde would not read it so (see [`flat`]).
            fn set(&mut self, field: Field, value: Scalar<$a>) -> Option<()> {
                match field {
                    $(Field::$field => self.$field = value.read()?,)*
                    Field::Unknown => {}
                }
                Some(())
            }
        }
    };
}

raw_event! {
    struct RawEvent<'a> {
        ty "type": Text<'a>,
        id "id": RawId<'a>,
        kind "kind": Text<'a>,
        start "start": Text<'a>,
        end "end": Text<'a>,
        grades "grades": Vec<Number>,
        grade "grade": Number,
        name "name": Text<'a>,
        roles "roles": Vec<Text<'a>>,
        classes "classes": Vec<RawId<'a>>,
        class "class": RawId<'a>,
        since "since": Text<'a>,
        groups "groups": Groups<'a>,
        children "children": Vec<RawId<'a>>,
        student "student": RawId<'a>,
        date "date": Text<'a>,
        at "at": Text<'a>,
        by "by": RawId<'a>,
        subject "subject": Text<'a>,
        group "group": RawId<'a>,
        from "from": Text<'a>,
        to "to": Text<'a>,
        subjects "subjects": Vec<Text<'a>>,
        parent "parent": RawId<'a>,
        lessons "lessons": Number,
        topics "topics": Count,
        teacher "teacher": RawId<'a>,
        topic "topic": Text<'a>,
        work "work": OneOrMany<'a>,
        briefing "briefing": OneOrMany<'a>,
        section "section": Text<'a>,
        substitute "substitute": bool,
        lesson "lesson": RawId<'a>,
        code "code": Text<'a>,
        value "value": RawMark<'a>,
        basis "basis": Text<'a>,
        text "text": Text<'a>,
        students "students": Vec<RawId<'a>>,
        period "period": RawId<'a>,
        note "note": Text<'a>,
        format "format": Text<'a>,
        signed "signed": bool,
        decision "decision": Text<'a>,
        source "source": Text<'a>,
        lacks "lacks": Vec<Text<'a>>,
        reason "reason": Text<'a>,
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(Field::of(v))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Field, E> {
                Ok(std::str::from_utf8(v).map_or(Field::Unknown, Field::of))
            }
        }
        deserializer.deserialize_identifier(V)
    }
}

fn need<T>(value: Option<T>, field: &str) -> Result<T, EventError> {
    value.ok_or_else(|| EventError::new(field, "is missing"))
}

fn id<'a, S: From<Cow<'a, str>>>(value: Option<RawId<'a>>, field: &str) -> Result<S, EventError> {
    let id = need(value, field)?.0;
    if id.trim().is_empty() {
        return Err(EventError::new(field, "is empty"));
    }
    Ok(S::from(id))
}

fn ids<'a, S: From<Cow<'a, str>>>(
    values: Option<Vec<RawId<'a>>>,
    field: &str,
) -> Result<Vec<S>, EventError> {
    let values = values.unwrap_or_default();
    let mut out = Vec::with_capacity(values.len());
    for (i, value) in values.into_iter().enumerate() {
        out.push(id(Some(value), &format!("{field}[{i}]"))?);
    }
    Ok(out)
}

fn text<'a, S: From<Cow<'a, str>>>(value: Option<Text<'a>>, field: &str) -> Result<S, EventError> {
    let text = need(value, field)?.0;
    if text.trim().is_empty() {
        return Err(EventError::new(field, "is empty"));
    }
    Ok(S::from(text))
}

fn opt_text<'a, S: From<Cow<'a, str>>>(value: Option<Text<'a>>) -> Option<S> {
    value.map(|t| S::from(t.0))
}

/// Reads `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

fn date(value: Option<Text<'_>>, field: &str) -> Result<NaiveDate, EventError> {
    let text = need(value, field)?.0;
    parse_date(&text).ok_or_else(|| {
        EventError::new(
            field,
            format!("`{text}` is not a date (expected YYYY-MM-DD)"),
        )
    })
}

fn opt_date(value: Option<Text<'_>>, field: &str) -> Result<Option<NaiveDate>, EventError> {
    value.map(|v| date(Some(v), field)).transpose()
}

/// Reads `HH:MM` (or `HH:MM:SS`).
pub(crate) fn parse_time(text: &str) -> Option<NaiveTime> {
    let parts: Vec<&str> = text.split(':').collect();
    let number = |s: &&str| {
        (s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [h, m] => NaiveTime::from_hms_opt(number(h)?, number(m)?, 0),
        [h, m, s] => NaiveTime::from_hms_opt(number(h)?, number(m)?, number(s)?),
        _ => None,
    }
}

fn time(value: Option<Text<'_>>, field: &str) -> Result<NaiveTime, EventError> {
    let text = need(value, field)?.0;
    parse_time(&text).ok_or_else(|| {
        EventError::new(
            field,
            format!("`{text}` is not a time of day (expected HH:MM)"),
        )
    })
}

/// An RFC 3339 date and time with offset. The form portals write,
/// `2024-09-02T14:05:00+04:00`, is read directly; any other goes to chrono's parser.
fn parse_at(text: &str) -> Option<DateTime<FixedOffset>> {
    let fast = || {
        let b = text.as_bytes();
        if b.len() != 25 {
            return None;
        }
        let n = |at: usize| -> Option<u32> {
            let (hi, lo) = (*b.get(at)?, *b.get(at + 1)?);
            (hi.is_ascii_digit() && lo.is_ascii_digit())
                .then(|| u32::from(hi - b'0') * 10 + u32::from(lo - b'0'))
        };
        let shape = [
            (4, b'-'),
            (7, b'-'),
            (10, b'T'),
            (13, b':'),
            (16, b':'),
            (22, b':'),
        ];
        if shape.iter().any(|(i, c)| b.get(*i) != Some(c)) {
            return None;
        }
        let sign = match b.get(19) {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return None,
        };
        let year = i32::try_from(n(0)? * 100 + n(2)?).ok()?;
        let date = NaiveDate::from_ymd_opt(year, n(5)?, n(8)?)?;
        let time = NaiveTime::from_hms_opt(n(11)?, n(14)?, n(17)?)?;
        let offset =
            FixedOffset::east_opt(sign * i32::try_from(n(20)? * 3600 + n(23)? * 60).ok()?)?;
        date.and_time(time).and_local_timezone(offset).single()
    };
    fast().or_else(|| DateTime::parse_from_rfc3339(text).ok())
}

fn made<'a, S: From<Cow<'a, str>>>(
    at: Option<Text<'a>>,
    by: Option<RawId<'a>>,
) -> Result<Made<S>, EventError> {
    let at = match at {
        None => None,
        Some(Text(text)) => Some(parse_at(&text).ok_or_else(|| {
            EventError::new(
                "at",
                format!("`{text}` is not a date and time with offset (expected RFC 3339, such as 2024-09-02T14:05:00+04:00)"),
            )
        })?),
    };
    let by = by.filter(|b| !b.0.trim().is_empty()).map(|b| S::from(b.0));
    Ok(Made { at, by })
}

fn vocab<T>(
    value: Option<Text<'_>>,
    field: &str,
    parse: fn(&str) -> Option<T>,
    expected: &str,
) -> Result<T, EventError> {
    let text = need(value, field)?.0;
    parse(&text).ok_or_else(|| {
        EventError::new(
            field,
            format!("unknown value `{text}`, expected {expected}"),
        )
    })
}

fn vocab_list<T>(
    values: Option<OneOrMany<'_>>,
    field: &str,
    parse: fn(&str) -> Option<T>,
    expected: &str,
) -> Result<Vec<T>, EventError> {
    let values = values.map(|v| v.0).unwrap_or_default();
    let many = values.len() > 1;
    let mut out = Vec::with_capacity(values.len());
    for (i, value) in values.into_iter().enumerate() {
        let path = if many {
            format!("{field}[{i}]")
        } else {
            field.to_owned()
        };
        out.push(vocab(Some(value), &path, parse, expected)?);
    }
    Ok(out)
}

fn grade(value: Number, field: &str) -> Result<u8, EventError> {
    Ok(value.within(field, 1, 11, "grade")? as u8)
}

fn mark(value: Option<RawMark<'_>>, allow_na: bool) -> Result<FinalValue, EventError> {
    let expected = if allow_na {
        "a mark from 1 to 5 or `na`"
    } else {
        "a mark from 1 to 5"
    };
    let number = match need(value, "value")? {
        RawMark::Number(n) => n,
        RawMark::Text(text) => {
            let folded = crate::vocab::fold(&text);
            if allow_na && matches!(folded.as_str(), "na" | "н/а" | "на" | "n/a") {
                return Ok(FinalValue::NotAttested);
            }
            match folded.parse::<i128>() {
                Ok(n) => Number::Int(n),
                Err(_) => {
                    return Err(EventError::new(
                        "value",
                        format!("`{text}` is not {expected}"),
                    ))
                }
            }
        }
    };
    let n = number.within("value", 1, 5, "a mark")?;
    MarkValue::new(n as u8)
        .map(FinalValue::Mark)
        .ok_or_else(|| EventError::new("value", format!("`{n}` is not {expected}")))
}

/// Adds the briefings named in the topic text («Вводный инструктаж по ТБ …»).
fn briefings_in_topic(topic: Option<&str>, briefings: &mut Vec<BriefingKind>) {
    let Some(topic) = topic else { return };
    // Every phrase has «ж» («инструктаж»): a topic without one, in either case, names none.
    if !topic.contains('ж') && !topic.contains('Ж') {
        return;
    }
    let folded = crate::vocab::fold(topic);
    for kind in BriefingKind::ALL {
        if folded.contains(kind.topic_phrase()) && !briefings.contains(kind) {
            briefings.push(*kind);
        }
    }
}

impl<'a> RawEvent<'a> {
    /// The event of its `type`, its text as `S`: the one conversion from what was read to
    /// an event, owned or borrowed.
    fn into_event<S: From<Cow<'a, str>>>(self) -> Result<Event<S>, EventError> {
        let mut r = self;
        let ty = need(r.ty.take(), "type")?.0;
        let event = match ty.as_ref() {
            "period" => {
                let grades = match r.grades {
                    None => None,
                    Some(list) => Some(
                        list.into_iter()
                            .enumerate()
                            .map(|(i, g)| grade(g, &format!("grades[{i}]")))
                            .collect::<Result<Vec<u8>, _>>()?,
                    ),
                };
                let period = Period {
                    id: id(r.id, "id")?,
                    kind: vocab(r.kind, "kind", PeriodKind::parse, PeriodKind::EXPECTED)?,
                    start: date(r.start, "start")?,
                    end: date(r.end, "end")?,
                    grades,
                };
                if period.end < period.start {
                    return Err(EventError::new(
                        "end",
                        format!("`{}` is before the start `{}`", period.end, period.start),
                    ));
                }
                // A study period is at most a school year; a longer one is a mistyped year
                // (`1024` for `2024`), and rules that count weeks or days of it would count
                // centuries.
                let days = (period.end - period.start).num_days() + 1;
                if days > MAX_PERIOD_DAYS {
                    return Err(EventError::new(
                        "end",
                        format!(
                            "`{}` – `{}` is {days} days: a study period lasts at most a year ({MAX_PERIOD_DAYS} days)",
                            period.start, period.end
                        ),
                    ));
                }
                Event::Period(period)
            }
            "class" => Event::Class(Class {
                id: id(r.id, "id")?,
                grade: grade(need(r.grade, "grade")?, "grade")?,
                name: opt_text(r.name),
            }),
            "staff" => {
                let roles = r.roles.unwrap_or_default();
                let mut parsed = Vec::with_capacity(roles.len());
                for (i, role) in roles.into_iter().enumerate() {
                    parsed.push(vocab(
                        Some(role),
                        &format!("roles[{i}]"),
                        Role::parse,
                        Role::EXPECTED,
                    )?);
                }
                Event::Staff(Staff {
                    id: id(r.id, "id")?,
                    name: opt_text(r.name),
                    roles: parsed,
                    classes: ids(r.classes, "classes")?,
                })
            }
            "student" => {
                let groups = r.groups.map(|g| g.0).unwrap_or_default();
                let mut parsed = Vec::with_capacity(groups.len());
                for (subject, group) in groups {
                    let path = format!("groups.{}", subject.0);
                    parsed.push((S::from(subject.0), id(Some(group), &path)?));
                }
                Event::Student(Student {
                    id: id(r.id, "id")?,
                    name: opt_text(r.name),
                    class: id(r.class, "class")?,
                    since: opt_date(r.since, "since")?,
                    groups: parsed,
                })
            }
            "parent" => Event::Parent(Parent {
                id: id(r.id, "id")?,
                name: opt_text(r.name),
                children: ids(r.children, "children")?,
            }),
            "student_left" => Event::StudentLeft(StudentLeft {
                student: id(r.student, "student")?,
                date: date(r.date, "date")?,
                made: made(r.at, r.by)?,
            }),
            "group_change" => Event::GroupChange(GroupChange {
                student: id(r.student, "student")?,
                subject: text(r.subject, "subject")?,
                group: id(r.group, "group")?,
                date: date(r.date, "date")?,
                made: made(r.at, r.by)?,
            }),
            "home_schooling" => {
                let subjects = r
                    .subjects
                    .ok_or_else(|| EventError::new("subjects", "is missing"))?;
                let mut plan = Vec::with_capacity(subjects.len());
                for (i, s) in subjects.into_iter().enumerate() {
                    plan.push(text(Some(s), &format!("subjects[{i}]"))?);
                }
                let schooling = HomeSchooling {
                    student: id(r.student, "student")?,
                    from: date(r.from, "from")?,
                    to: opt_date(r.to, "to")?,
                    subjects: plan,
                };
                if let Some(to) = schooling.to.filter(|to| *to < schooling.from) {
                    return Err(EventError::new(
                        "to",
                        format!("`{to}` is before `from` `{}`", schooling.from),
                    ));
                }
                Event::HomeSchooling(schooling)
            }
            "sanatorium" => {
                let stay = Sanatorium {
                    student: id(r.student, "student")?,
                    from: date(r.from, "from")?,
                    to: date(r.to, "to")?,
                };
                if stay.to < stay.from {
                    return Err(EventError::new(
                        "to",
                        format!("`{}` is before `from` `{}`", stay.to, stay.from),
                    ));
                }
                Event::Sanatorium(stay)
            }
            "parent_opt_out" => Event::ParentOptOut(ParentOptOut {
                parent: id(r.parent, "parent")?,
                date: date(r.date, "date")?,
            }),
            "thematic_plan" => {
                let lessons = match (r.lessons, r.topics) {
                    (Some(n), _) => {
                        n.within("lessons", 0, i128::from(u32::MAX), "the number of lessons")?
                            as u32
                    }
                    (None, Some(Count(n))) => u32::try_from(n).unwrap_or(u32::MAX),
                    (None, None) => {
                        return Err(EventError::new(
                            "lessons",
                            "is missing (give `lessons` or `topics`)",
                        ))
                    }
                };
                Event::ThematicPlan(ThematicPlan {
                    class: id(r.class, "class")?,
                    group: r.group.map(|g| id(Some(g), "group")).transpose()?,
                    subject: text(r.subject, "subject")?,
                    lessons,
                    made: made(r.at, r.by)?,
                })
            }
            "extract" => {
                let lacks = r.lacks.unwrap_or_default();
                let mut parsed = Vec::with_capacity(lacks.len());
                for (i, lack) in lacks.into_iter().enumerate() {
                    parsed.push(vocab(
                        Some(lack),
                        &format!("lacks[{i}]"),
                        Lack::parse,
                        Lack::EXPECTED,
                    )?);
                }
                let extract = Extract {
                    from: date(r.from, "from")?,
                    to: date(r.to, "to")?,
                    source: opt_text(r.source.filter(|s| !s.0.trim().is_empty())),
                    classes: ids(r.classes, "classes")?,
                    students: ids(r.students, "students")?,
                    lacks: parsed,
                };
                if extract.to < extract.from {
                    return Err(EventError::new(
                        "to",
                        format!("`{}` is before `from` `{}`", extract.to, extract.from),
                    ));
                }
                Event::Extract(extract)
            }
            "lesson" => {
                let mut briefing = vocab_list(
                    r.briefing,
                    "briefing",
                    BriefingKind::parse,
                    BriefingKind::EXPECTED,
                )?;
                briefings_in_topic(r.topic.as_ref().map(|t| &*t.0), &mut briefing);
                let topic = opt_text(r.topic);
                let lesson = Lesson {
                    id: id(r.id, "id")?,
                    class: id(r.class, "class")?,
                    group: r.group.map(|g| id(Some(g), "group")).transpose()?,
                    subject: text(r.subject, "subject")?,
                    teacher: id(r.teacher, "teacher")?,
                    date: date(r.date, "date")?,
                    start: time(r.start, "start")?,
                    end: time(r.end, "end")?,
                    topic,
                    work: vocab_list(r.work, "work", WorkKind::parse, WorkKind::EXPECTED)?,
                    briefing,
                    section: opt_text(r.section.filter(|s| !s.0.trim().is_empty())),
                    substitute: r.substitute.unwrap_or(false),
                    made: made(r.at, r.by)?,
                };
                if lesson.end < lesson.start {
                    return Err(EventError::new(
                        "end",
                        format!(
                            "`{}` is before the start `{}`",
                            Clock::of(lesson.end),
                            Clock::of(lesson.start)
                        ),
                    ));
                }
                Event::Lesson(lesson)
            }
            "attendance" => Event::Attendance(Attendance {
                lesson: id(r.lesson, "lesson")?,
                student: id(r.student, "student")?,
                code: vocab(
                    r.code,
                    "code",
                    AttendanceCode::parse,
                    AttendanceCode::EXPECTED,
                )?,
                made: made(r.at, r.by)?,
            }),
            "mark" => {
                let FinalValue::Mark(value) = mark(r.value, false)? else {
                    return Err(EventError::new(
                        "value",
                        "a current mark must be from 1 to 5",
                    ));
                };
                let work = r.work.map(|w| w.0).unwrap_or_default();
                if work.len() > 1 {
                    return Err(EventError::new("work", "a mark is for one kind of work"));
                }
                Event::Mark(Mark {
                    lesson: id(r.lesson, "lesson")?,
                    student: id(r.student, "student")?,
                    value,
                    work: work
                        .into_iter()
                        .next()
                        .map(|w| vocab(Some(w), "work", WorkKind::parse, WorkKind::EXPECTED))
                        .transpose()?,
                    basis: r
                        .basis
                        .map(|b| vocab(Some(b), "basis", Basis::parse, Basis::EXPECTED))
                        .transpose()?,
                    made: made(r.at, r.by)?,
                })
            }
            "homework" => Event::Homework(Homework {
                lesson: id(r.lesson, "lesson")?,
                text: S::from(need(r.text, "text")?.0),
                students: ids(r.students, "students")?,
                made: made(r.at, r.by)?,
            }),
            "final_mark" => Event::FinalMark(FinalMark {
                student: id(r.student, "student")?,
                subject: text(r.subject, "subject")?,
                period: id(r.period, "period")?,
                value: mark(r.value, true)?,
                made: made(r.at, r.by)?,
            }),
            "incident" => Event::Incident(Incident {
                class: id(r.class, "class")?,
                subject: text(r.subject, "subject")?,
                date: date(r.date, "date")?,
                note: opt_text(r.note),
                made: made(r.at, r.by)?,
            }),
            "diary_view" => Event::DiaryView(DiaryView {
                parent: id(r.parent, "parent")?,
                student: id(r.student, "student")?,
                section: vocab(
                    r.section,
                    "section",
                    DiarySection::parse,
                    DiarySection::EXPECTED,
                )?,
                made: made(r.at, r.by)?,
            }),
            "paper_report" => Event::PaperReport(PaperReport {
                student: id(r.student, "student")?,
                date: date(r.date, "date")?,
                made: made(r.at, r.by)?,
            }),
            "journal_export" => Event::JournalExport(JournalExport {
                class: id(r.class, "class")?,
                date: date(r.date, "date")?,
                format: S::from(r.format.map_or(Cow::Borrowed("pdf"), |f| f.0)),
                signed: r.signed.unwrap_or(false),
                made: made(r.at, r.by)?,
            }),
            "parent_notice" => Event::ParentNotice(ParentNotice {
                student: id(r.student, "student")?,
                reason: vocab(
                    r.reason,
                    "reason",
                    NoticeReason::parse,
                    NoticeReason::EXPECTED,
                )?,
                date: date(r.date, "date")?,
                parent: r.parent.map(|p| id(Some(p), "parent")).transpose()?,
                made: made(r.at, r.by)?,
            }),
            "annual_decision" => Event::AnnualDecision(AnnualDecision {
                student: id(r.student, "student")?,
                decision: vocab(r.decision, "decision", Decision::parse, Decision::EXPECTED)?,
                made: made(r.at, r.by)?,
            }),
            other => {
                return Err(EventError::new(
                    "type",
                    format!("unknown event type `{other}`"),
                ));
            }
        };
        Ok(event)
    }
}

pub(super) fn serialize_time<S: Serializer>(time: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&Clock::of(*time))
}

pub(super) fn serialize_groups<T: serde::Serialize, S: Serializer>(
    groups: &[(T, T)],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(groups.iter().map(|(k, v)| (k, v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> EventError {
        Event::from_json(json).unwrap_err()
    }

    #[test]
    fn reads_a_mark_with_russian_work() {
        let e = Event::from_json(
            r#"{"type":"mark","lesson":"l1","student":7,"value":"4","work":"Контрольная работа","at":"2024-09-02T14:05:00+04:00","by":"t1","extra":[1,2]}"#,
        )
        .unwrap();
        let Event::Mark(m) = e else {
            panic!("not a mark")
        };
        assert_eq!(m.student, "7");
        assert_eq!(m.value.get(), 4);
        assert_eq!(m.work, Some(WorkKind::ControlWork));
        assert_eq!(m.made.by.as_deref(), Some("t1"));
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(
            err(r#"{"type":"mark","lesson":"l","student":"s","value":7}"#)
                .field
                .as_deref(),
            Some("value")
        );
        assert_eq!(
            err(r#"{"type":"mark","lesson":"l","student":"s","value":1e40}"#)
                .field
                .as_deref(),
            Some("value")
        );
        assert_eq!(
            err(r#"{"type":"mark","lesson":"l","student":"s","value":true}"#)
                .field
                .as_deref(),
            Some("value")
        );
        assert_eq!(err(r#"{"type":"lesson_x"}"#).field.as_deref(), Some("type"));
        assert_eq!(
            err(r#"{"type":"sanatorium","student":"s","from":"2024-13-45","to":"2024-10-01"}"#)
                .field
                .as_deref(),
            Some("from")
        );
        assert_eq!(
            err(r#"{"type":"homework","lesson":"l","text":"x","students":["a",{}]}"#)
                .field
                .as_deref(),
            Some("students[1]")
        );
        assert_eq!(
            err(r#"{"type":"attendance","lesson":"l","student":"s","code":"X"}"#)
                .field
                .as_deref(),
            Some("code")
        );
        assert_eq!(err(r#"{"lesson":"l"}"#).field.as_deref(), Some("type"));
        // A key cut short is in no field; a value cut short is in its own.
        assert_eq!(err(r#"{"type":"class","id":"5b","gr"#).field, None);
        assert_eq!(
            err(r#"{"type":"student","groups":{"Физика":"1","Хим"#)
                .field
                .as_deref(),
            Some("groups")
        );
        assert_eq!(err(r#"{"type":"class","id":"#).field.as_deref(), Some("id"));
        assert_eq!(err(r#"[1]"#).field, None);
    }

    #[test]
    fn each_field_is_read_once() {
        // A key given twice, even spelled with an escape, is an error; `null` is missing.
        let e = err(r#"{"type":"class","id":"5a","gr\u0061de":5,"grade":6}"#);
        assert_eq!(e.message, "duplicate field `grade`");
        let e = Event::from_json(r#"{"type":"class","id":"5a","grade":5,"name":null,"x":[1]}"#);
        let Ok(Event::Class(class)) = e else {
            panic!("not a class: {e:?}")
        };
        assert_eq!(class.name, None);
        let borrowed = Event::from_json_borrowed(r#"{"type":"class","id":"5\u0061","grade":5}"#);
        let Ok(Event::Class(class)) = borrowed else {
            panic!("not a class: {borrowed:?}")
        };
        assert_eq!(class.id, "5a");
    }

    #[test]
    fn briefings_come_from_the_topic() {
        let e = Event::from_json(
            r#"{"type":"lesson","id":"l","class":"c","subject":"Химия","teacher":"t","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Вводный инструктаж по ОТ. Предмет химии"}"#,
        )
        .unwrap();
        let Event::Lesson(l) = e else {
            panic!("not a lesson")
        };
        assert_eq!(l.briefing, vec![BriefingKind::Introductory]);
    }

    #[test]
    fn final_marks_accept_na() {
        let e = Event::from_json(
            r#"{"type":"final_mark","student":"s","subject":"x","period":"q1","value":"н/а"}"#,
        )
        .unwrap();
        let Event::FinalMark(f) = e else {
            panic!("not a final mark")
        };
        assert_eq!(f.value, FinalValue::NotAttested);
    }

    #[test]
    fn reads_an_extract() {
        let e = Event::from_json(
            r#"{"type":"extract","from":"2024-09-02","to":"2024-09-08","source":"netschool-diary","students":["s1",7],"lacks":["at","Teacher","final_marks"]}"#,
        )
        .unwrap();
        let Event::Extract(x) = &e else {
            panic!("not an extract")
        };
        assert_eq!(x.students, vec!["s1", "7"]);
        assert!(x.classes.is_empty());
        assert_eq!(x.lacks, vec![Lack::At, Lack::Teacher, Lack::FinalMarks]);
        assert_eq!(x.source.as_deref(), Some("netschool-diary"));
        assert_eq!(e.made(), None);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(Event::from_json(&json).unwrap(), e, "{json}");
        let e = err(
            r#"{"type":"extract","from":"2024-09-02","to":"2024-09-08","lacks":["at","by","times"]}"#,
        );
        assert_eq!(e.field.as_deref(), Some("lacks[2]"));
        assert!(e.message.contains("`times`"), "{e}");
        let e = err(r#"{"type":"extract","from":"2024-09-09","to":"2024-09-08"}"#);
        assert_eq!(e.field.as_deref(), Some("to"));
        let e = err(r#"{"type":"extract","to":"2024-09-08"}"#);
        assert_eq!(e.field.as_deref(), Some("from"));
        let e = err(r#"{"type":"extract","from":"2024-09-02","to":"2024-09-08","classes":[""]}"#);
        assert_eq!(e.field.as_deref(), Some("classes[0]"));
    }

    #[test]
    fn reads_a_parent_notice() {
        let e = Event::from_json(
            r#"{"type":"parent_notice","student":"s1","reason":"Пропуски без уважительной причины","date":"2024-09-20","parent":"p1","at":"2024-09-20T15:00:00+04:00","by":"t1"}"#,
        )
        .unwrap();
        let Event::ParentNotice(n) = &e else {
            panic!("not a parent notice")
        };
        assert_eq!(n.reason, NoticeReason::UnexcusedAbsence);
        assert_eq!(n.parent.as_deref(), Some("p1"));
        assert_eq!(n.made.by.as_deref(), Some("t1"));
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains(r#""reason":"unexcused_absence""#), "{json}");
        assert_eq!(Event::from_json(&json).unwrap(), e, "{json}");
        let e = Event::from_json(
            r#"{"type":"parent_notice","student":"s1","reason":"failing","date":"2024-09-20"}"#,
        )
        .unwrap();
        assert_eq!(e.made(), Some(&Made::default()));
        let e = err(
            r#"{"type":"parent_notice","student":"s1","reason":"bad marks","date":"2024-09-20"}"#,
        );
        assert_eq!(e.field.as_deref(), Some("reason"));
        assert!(e.message.contains("`failing` `unexcused_absence`"), "{e}");
        let e = err(r#"{"type":"parent_notice","student":"s1","reason":"failing"}"#);
        assert_eq!(e.field.as_deref(), Some("date"));
    }

    #[test]
    fn reads_late_and_exempt() {
        for (code, want) in [
            ("ОП", AttendanceCode::Late),
            ("late", AttendanceCode::Late),
            ("ОСВ", AttendanceCode::Exempt),
            ("exempt", AttendanceCode::Exempt),
        ] {
            let json =
                format!(r#"{{"type":"attendance","lesson":"l","student":"s","code":"{code}"}}"#);
            let Ok(Event::Attendance(a)) = Event::from_json(&json) else {
                panic!("{json}")
            };
            assert_eq!(a.code, want);
            assert!(!a.code.is_absence());
            let written = serde_json::to_string(&Event::Attendance(a)).unwrap();
            assert!(
                written.contains(&format!(r#""code":"{want}""#)),
                "{written}"
            );
        }
        assert!(AttendanceCode::Late.attended() && AttendanceCode::Late.owes_work());
        assert!(!AttendanceCode::Exempt.attended() && !AttendanceCode::Exempt.owes_work());
        assert!(!AttendanceCode::Illness.attended() && AttendanceCode::Illness.owes_work());
        let e = err(r#"{"type":"attendance","lesson":"l","student":"s","code":"ОПОЗДАЛ"}"#);
        assert!(e.message.contains("`late` `exempt`"), "{e}");
    }

    #[test]
    fn messages_lose_only_the_position() {
        assert_eq!(
            without_position("expected value at line 1 column 12".to_owned()),
            "expected value"
        );
        assert_eq!(
            without_position("`at line 1 column 2` is not a date".to_owned()),
            "`at line 1 column 2` is not a date"
        );
        assert_eq!(
            without_position("unexpected type: 'int' is not 'str'".to_owned()),
            "unexpected type: 'int' is not 'str'"
        );
        // Any deserializer whose error displays can read an event.
        let value = serde_json::json!({"type": "mark", "lesson": "l", "student": "s", "value": 7});
        let e = Event::deserialize_from(value).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("value"));
        let e = Event::from_json(r#"{"type": "mark", "value": }"#).unwrap_err();
        assert!(!e.message.contains("line"), "{e}");
    }

    #[test]
    fn entry_times_read_as_chrono_reads_them() {
        for text in [
            "2024-09-02T14:05:00+04:00",
            "2024-09-02T14:05:00-03:30",
            "2024-09-02T14:05:00-00:00",
            "2024-02-29T23:59:59+14:00",
            "2023-02-29T10:00:00+04:00",
            "2024-09-02T24:00:00+04:00",
            "2024-09-02T23:59:60+04:00",
            "2024-09-02T14:05:00+24:00",
            "2024-09-02t14:05:00+04:00",
            "2024-09-02 14:05:00+04:00",
            "2024-09-02T14:05:00Z",
            "2024-09-02T14:05:00.5+04:00",
            "2024-09-02T14:05+04:00",
            "2024-9-02T14:05:00+004:00",
            "２024-09-02T14:05:00+04:00",
        ] {
            assert_eq!(
                parse_at(text),
                DateTime::parse_from_rfc3339(text).ok(),
                "{text}"
            );
        }
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2024-9-02").is_none());
        assert!(parse_time("08:30").is_some());
        assert!(parse_time("8:30").is_none());
        assert!(parse_time("24:00").is_none());
    }
}
