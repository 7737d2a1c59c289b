//! Reading one event: a single pass of serde into a flat record of every field any event may
//! have, then a check per `type` that the fields it needs are there and well-formed.
//!
//! The flat record avoids serde's internally tagged enums, which buffer every object before
//! they can look at its `type`; the second step is where the errors get their field names.
//!
//! Here: the ways in (JSON text, owned or borrowed; any serde deserializer) and the errors.
//! Beside it: `record` (the flat record), `values` (the values as read and the checks of
//! a field), `flat` (the common line read without serde). Each kind's check of its fields
//! is its [`FromFields`], beside the kind's type in `event::context` and `event::entries`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::*;
use crate::report::Message;

mod flat;
mod record;
#[cfg(test)]
mod tests;
mod values;

pub use record::FIELDS;
pub(in crate::event) use record::{Field, RawEvent};
pub(in crate::event) use values::*;
pub(crate) use values::{blank, parse_date, parse_time};

/// An event of one kind from the fields read: the fields it needs there and well-formed,
/// else an error naming the field. Takes the fields it uses out of the record.
pub(in crate::event) trait FromFields<'a>: Sized {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError>;
}

/// The event of its `type`, its text as `S`: the one conversion from what was read to an
/// event, owned or borrowed, by the table of event kinds.
macro_rules! read_kinds {
    ($($kind:ident = $name:literal $made:ident { $($row:tt)* },)*) => {
        impl<'a> RawEvent<'a> {
            /// The event, its fields taken out of the record (borrowed, so that the
            /// record is not moved: it has a slot for every field of every kind).
            fn take_event<S: From<Cow<'a, str>>>(&mut self) -> Result<Event<S>, EventError> {
                let ty = need(self.ty.take(), "type")?.0;
                match ty.as_ref() {
                    $($name => $kind::from_fields(self).map(Event::$kind),)*
                    other => Err(EventError::new(
                        "type",
                        format!("неизвестный тип события `{other}`"),
                        format!("unknown event type `{other}`"),
                    )),
                }
            }
        }
    };
}

event_kinds!(read_kinds);

/// What is wrong with one event, and in which field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}", field.as_deref().map(|f| format!("field `{f}`: ")).unwrap_or_default(), message.en)]
pub struct EventError {
    /// The path of the field, such as `value` or `students[2]`; `None` when the event as a
    /// whole is wrong (not an object, broken JSON).
    pub field: Option<String>,
    /// What is wrong, in Russian and English: lower case, the offending input in
    /// backticks.
    pub message: Message,
}

impl EventError {
    pub(crate) fn new(field: &str, ru: impl Into<String>, en: impl Into<String>) -> Self {
        EventError {
            field: Some(field.to_owned()),
            message: Message::new(ru, en),
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
        return raw.take_event();
    }
    let mut raw = RawEvent::default();
    let mut de = serde_json::Deserializer::from_str(json);
    if ReadInto(&mut raw).deserialize(&mut de).is_ok() && de.end().is_ok() {
        return raw.take_event();
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let event = deserialize_as(&mut de)?;
    de.end().map_err(|e| EventError {
        field: None,
        message: Message::serde(json_message(&e)),
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
            message: Message::serde(e.into_message()),
        })?;
    raw.take_event()
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
        raw.take_event().map_err(de::Error::custom)
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
