//! A serde deserializer over Python objects, for the core's `Event::deserialize_from` and
//! `Policy::deserialize_from`: a Python value read as the JSON value it would dump to.
//!
//! It is written here rather than taken from `pythonize` for three reasons, each a way the
//! same event would otherwise read differently from Python than from JSON:
//! - a `str` is text, never a sequence of characters (`"children": "s1"` is an error, as
//!   in JSON, not the two ids `s` and `1`);
//! - nesting is limited to 128 levels, as serde_json limits it, so that no value can
//!   exhaust the stack, and values the event does not use are skipped without a look;
//! - an integer too large for 64 bits reads as a float, as serde_json reads it, and a
//!   dict key that is an integer as its decimal text (JSON keys are text).
//!
//! Two kinds of value that JSON lacks are read as the text or number a portal would have
//! written, since analysts build events from data frames: a `date`, `datetime` or `time`
//! (pandas' `Timestamp` too) as its `isoformat()` — so a naive `datetime` in `at` is still
//! an error, it has no offset — and an integer-like object (numpy's `int64`) as its
//! `__index__()`.

use std::borrow::Cow;
use std::fmt;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

/// How deep values may nest (serde_json's limit).
const MAX_DEPTH: usize = 128;

/// What went wrong reading a Python value.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e.to_string())
    }
}

/// Reads one Python value.
pub struct PyDe<'a, 'py> {
    obj: &'a Bound<'py, PyAny>,
    depth: usize,
}

impl<'a, 'py> PyDe<'a, 'py> {
    pub fn new(obj: &'a Bound<'py, PyAny>) -> Self {
        PyDe { obj, depth: 0 }
    }

    fn nested(&self) -> Result<usize, Error> {
        if self.depth >= MAX_DEPTH {
            Err(Error("recursion limit exceeded".to_owned()))
        } else {
            Ok(self.depth + 1)
        }
    }

    fn type_name(&self) -> String {
        self.obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "object".to_owned())
    }
}

impl<'de> de::Deserializer<'de> for PyDe<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let obj = self.obj;
        if obj.is_none() {
            visitor.visit_unit()
        } else if let Ok(b) = obj.cast::<PyBool>() {
            visitor.visit_bool(b.is_true())
        } else if let Ok(s) = obj.cast::<PyString>() {
            match s.to_cow()? {
                Cow::Borrowed(s) => visitor.visit_str(s),
                Cow::Owned(s) => visitor.visit_string(s),
            }
        } else if obj.is_instance_of::<PyInt>() {
            if let Ok(n) = obj.extract::<i64>() {
                visitor.visit_i64(n)
            } else if let Ok(n) = obj.extract::<u64>() {
                visitor.visit_u64(n)
            } else {
                // As serde_json reads an integer beyond 64 bits: a float.
                visitor.visit_f64(obj.extract::<f64>()?)
            }
        } else if let Ok(f) = obj.cast::<PyFloat>() {
            visitor.visit_f64(f.value())
        } else if let Ok(dict) = obj.cast::<PyDict>() {
            let depth = self.nested()?;
            visitor.visit_map(&mut Entries {
                items: dict.iter(),
                value: None,
                depth,
            })
        } else if let Ok(list) = obj.cast::<PyList>() {
            let depth = self.nested()?;
            visitor.visit_seq(Items {
                items: list.iter(),
                depth,
            })
        } else if let Ok(tuple) = obj.cast::<PyTuple>() {
            let depth = self.nested()?;
            visitor.visit_seq(Items {
                items: tuple.iter(),
                depth,
            })
        } else if let Ok(mapping) = obj.cast::<PyMapping>() {
            let depth = self.nested()?;
            let items = mapping
                .items()?
                .iter()
                .map(|pair| pair.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>())
                .collect::<PyResult<Vec<_>>>()?;
            visitor.visit_map(&mut Entries {
                items: items.into_iter(),
                value: None,
                depth,
            })
        } else if is_temporal(obj)? {
            visitor.visit_string(obj.call_method0("isoformat")?.extract::<String>()?)
        } else if obj.hasattr(pyo3::intern!(obj.py(), "__index__"))? {
            let int = obj.call_method0(pyo3::intern!(obj.py(), "__index__"))?;
            PyDe {
                obj: &int,
                depth: self.depth,
            }
            .deserialize_any(visitor)
        } else {
            Err(Error(format!(
                "invalid type: Python {}, expected JSON data (dict, list, str, int, float, bool or None)",
                self.type_name()
            )))
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.obj.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.obj.cast::<PyString>() {
            Ok(s) => visitor.visit_enum(s.to_cow()?.into_owned().into_deserializer()),
            Err(_) => self.deserialize_any(visitor),
        }
    }

    /// Values nobody reads are not looked at, however large or deep.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A `datetime.date` (a `datetime` too) or a `datetime.time`.
fn is_temporal(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    Ok(obj.is_instance(DATE.import(py, "datetime", "date")?)?
        || obj.is_instance(TIME.import(py, "datetime", "time")?)?)
}

/// The items of a list or tuple.
struct Items<I> {
    items: I,
    depth: usize,
}

impl<'de, 'py, I: Iterator<Item = Bound<'py, PyAny>>> de::SeqAccess<'de> for Items<I> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(item) => seed
                .deserialize(PyDe {
                    obj: &item,
                    depth: self.depth,
                })
                .map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.items.size_hint().1
    }
}

/// The entries of a dict or another mapping.
struct Entries<'py, I> {
    items: I,
    value: Option<Bound<'py, PyAny>>,
    depth: usize,
}

impl<'de, 'py, I> de::MapAccess<'de> for &mut Entries<'py, I>
where
    I: Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
{
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.items.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        // Keys are text, as in JSON; an integer key is its decimal text.
        let text = if let Ok(s) = key.cast::<PyString>() {
            s.to_cow()?
        } else if key.is_instance_of::<PyInt>() && !key.is_instance_of::<PyBool>() {
            Cow::Owned(key.str()?.to_cow()?.into_owned())
        } else {
            return Err(Error(format!(
                "a key must be text, got Python {}",
                key.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            )));
        };
        seed.deserialize(text.as_ref().into_deserializer())
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| Error("a value asked for before its key".to_owned()))?;
        seed.deserialize(PyDe {
            obj: &value,
            depth: self.depth,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.items.size_hint().1
    }
}
