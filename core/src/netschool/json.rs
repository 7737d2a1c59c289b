//! Reading the portal's JSON field by field: each object knows its path inside the
//! document, so that an error names the field exactly (`weekDays[2].lessons[0].mark.mark`),
//! missing or of the wrong type alike. A field the importer does not ask for is never
//! looked at: portals add fields over time.
//!
//! Walked by hand over `serde_json::Value` rather than through derived serde structs and
//! `serde_path_to_error`: the same errors, and a sixth of the WebAssembly module less.

use chrono::{NaiveDate, NaiveTime};
use serde_json::{Map, Value};

use super::types::RawMark;
use super::{At, NetschoolError};
use crate::event::raw::{parse_date, parse_time};
use crate::report::Message;

/// An object of a document, and where it is.
#[derive(Debug, Clone)]
pub(super) struct Obj<'v> {
    map: &'v Map<String, Value>,
    path: String,
    at: &'v At,
}

impl<'v> Obj<'v> {
    /// The document's value at `path` as an object.
    pub fn new(value: &'v Value, path: String, at: &'v At) -> Result<Obj<'v>, NetschoolError> {
        match value {
            Value::Object(map) => Ok(Obj { map, path, at }),
            other => Err(at.error(Some(path), Message::serde(invalid(other, "an object")))),
        }
    }

    /// Where the object is.
    pub fn at(&self) -> &'v At {
        self.at
    }

    /// The path of one of its fields.
    pub fn path(&self, key: &str) -> String {
        super::join(&self.path, key)
    }

    /// An error in one of its fields.
    pub fn error(&self, key: &str, message: Message) -> NetschoolError {
        self.at.error(Some(self.path(key)), message)
    }

    /// A field that must be there.
    pub fn missing(&self, key: &str) -> NetschoolError {
        self.error(key, Message::new("нет поля", "is missing"))
    }

    /// A field that must be there: `read` of it, or the error that it is missing.
    pub fn required<T>(
        &self,
        key: &str,
        read: fn(&Self, &str) -> Result<Option<T>, NetschoolError>,
    ) -> Result<T, NetschoolError> {
        read(self, key)?.ok_or_else(|| self.missing(key))
    }

    /// A field's value; `null` is no value.
    fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Whether the object has a value (not `null`) in the field.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn read<T>(
        &self,
        key: &str,
        expected: &str,
        read: impl FnOnce(&'v Value) -> Option<Result<T, Message>>,
    ) -> Result<Option<T>, NetschoolError> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        match read(value) {
            Some(Ok(read)) => Ok(Some(read)),
            Some(Err(message)) => Err(self.error(key, message)),
            None => Err(self.error(key, Message::serde(invalid(value, expected)))),
        }
    }

    pub fn text(&self, key: &str) -> Result<Option<&'v str>, NetschoolError> {
        self.read(key, "a string", |v| v.as_str().map(Ok))
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, NetschoolError> {
        self.read(key, "a boolean", |v| v.as_bool().map(Ok))
    }

    pub fn integer(&self, key: &str) -> Result<Option<i64>, NetschoolError> {
        self.read(key, "a whole number", |v| v.as_i64().map(Ok))
    }

    /// An id: a whole number, or text, as its decimal text.
    pub fn id(&self, key: &str) -> Result<Option<String>, NetschoolError> {
        self.read(key, "an id (a whole number or text)", |v| match v {
            Value::Number(n) if n.is_i64() || n.is_u64() => Some(Ok(n.to_string())),
            Value::String(s) if s.trim().is_empty() => {
                Some(Err(Message::new("пустой идентификатор", "an id is empty")))
            }
            Value::String(s) => Some(Ok(s.clone())),
            _ => None,
        })
    }

    /// A day as the portal writes it, `2023-04-10T00:00:00` (or `2023-04-10`).
    pub fn day(&self, key: &str) -> Result<Option<NaiveDate>, NetschoolError> {
        self.read(key, "a date such as `2023-04-10T00:00:00`", |v| {
            let text = v.as_str()?;
            let date = text.split_once('T').map_or(text, |(date, _)| date);
            Some(parse_date(date).ok_or_else(|| {
                Message::new(
                    format!("`{text}` — не дата (ожидается вида `2023-04-10T00:00:00`)"),
                    format!("`{text}` is not a date (expected such as `2023-04-10T00:00:00`)"),
                )
            }))
        })
    }

    /// A time of day, `08:30`.
    pub fn clock(&self, key: &str) -> Result<Option<NaiveTime>, NetschoolError> {
        self.read(key, "a time of day such as `08:30`", |v| {
            let text = v.as_str()?;
            Some(parse_time(text).ok_or_else(|| {
                Message::new(
                    format!("`{text}` — не время (ожидается вида `08:30`)"),
                    format!("`{text}` is not a time of day (expected such as `08:30`)"),
                )
            }))
        })
    }

    /// A mark: a number, or text (`5`, `н/а`, `зач`).
    pub fn mark(&self, key: &str) -> Result<Option<RawMark>, NetschoolError> {
        self.read(key, "a mark (a number or text)", |v| match v {
            Value::Number(n) => n.as_f64().map(|n| Ok(RawMark::Number(n))),
            Value::String(s) => Some(Ok(RawMark::Text(s.clone()))),
            _ => None,
        })
    }

    /// An object field.
    pub fn object(&self, key: &str) -> Result<Option<Obj<'v>>, NetschoolError> {
        self.get(key)
            .map(|v| Obj::new(v, self.path(key), self.at))
            .transpose()
    }

    /// A list field, each item as it is; none for a missing one.
    pub fn list(&self, key: &str) -> Result<&'v [Value], NetschoolError> {
        Ok(self
            .read(key, "a sequence", |v| {
                v.as_array().map(|a| Ok(a.as_slice()))
            })?
            .unwrap_or_default())
    }

    /// A list of objects; none for a missing one.
    pub fn objects(&self, key: &str) -> Result<Vec<Obj<'v>>, NetschoolError> {
        let path = self.path(key);
        self.list(key)?
            .iter()
            .enumerate()
            .map(|(i, item)| Obj::new(item, format!("{path}[{i}]"), self.at))
            .collect()
    }
}

/// What serde says of a value of the wrong type: `invalid type: boolean `true`, expected
/// a mark`.
pub(super) fn invalid(value: &Value, expected: &str) -> String {
    let what = match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".to_owned(),
        Value::Object(_) => "map".to_owned(),
    };
    format!("invalid type: {what}, expected {expected}")
}
