//! The values of an event's fields as read, before they are checked: text borrowed from
//! the input, ids (text or a whole number), numbers, marks, one value or a list; and the
//! checks that turn them into an event's fields, each naming its field when it fails.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use smallvec::{smallvec, SmallVec};

use super::flat::{FromScalar, Scalar};
use super::EventError;
use crate::event::{FinalValue, Made, MarkValue};
use crate::vocab::{Expected, Vocabulary};

/// What a number is, in an error: «отметка», "a mark".
#[derive(Debug, Clone, Copy)]
pub(in crate::event) struct Noun {
    pub ru: &'static str,
    pub en: &'static str,
}

impl Noun {
    pub const GRADE: Noun = Noun {
        ru: "параллель",
        en: "grade",
    };
    pub const MARK: Noun = Noun {
        ru: "отметка",
        en: "a mark",
    };
    pub const LESSONS: Noun = Noun {
        ru: "число уроков",
        en: "the number of lessons",
    };
}

/// A text value, borrowed from the input when it has no escapes.
#[derive(Debug, Default)]
pub(in crate::event) struct Text<'a>(pub(in crate::event) Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(CowVisitor::new(false, "text"))
            .map(Text)
    }
}

/// Reads text, borrowed from the input when it can be; with `numbers`, a whole number too,
/// as its decimal text.
struct CowVisitor<'a> {
    numbers: bool,
    expecting: &'static str,
    text: std::marker::PhantomData<Cow<'a, str>>,
}

impl CowVisitor<'_> {
    fn new(numbers: bool, expecting: &'static str) -> Self {
        CowVisitor {
            numbers,
            expecting,
            text: std::marker::PhantomData,
        }
    }
}

impl<'de: 'a, 'a> Visitor<'de> for CowVisitor<'a> {
    type Value = Cow<'a, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        if !self.numbers {
            return Err(E::invalid_type(de::Unexpected::Unsigned(v), &self));
        }
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        if !self.numbers {
            return Err(E::invalid_type(de::Unexpected::Signed(v), &self));
        }
        Ok(Cow::Owned(v.to_string()))
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
pub(in crate::event) struct RawId<'a>(pub(in crate::event) Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for RawId<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(CowVisitor::new(true, "an id (text or a whole number)"))
            .map(RawId)
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
pub(in crate::event) enum Number {
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
    pub(in crate::event) fn within(
        self,
        field: &str,
        low: i128,
        high: i128,
        what: Noun,
    ) -> Result<i128, EventError> {
        match self {
            Number::Int(n) if (low..=high).contains(&n) => Ok(n),
            Number::Float(x) if x.fract() == 0.0 && x >= low as f64 && x <= high as f64 => {
                Ok(x as i128)
            }
            Number::Int(n) => Err(EventError::new(
                field,
                format!("{}: ожидается от {low} до {high}, а не `{n}`", what.ru),
                format!("{} must be from {low} to {high}, got `{n}`", what.en),
            )),
            Number::Float(x) => Err(EventError::new(
                field,
                format!(
                    "{}: ожидается целое число от {low} до {high}, а не `{x}`",
                    what.ru
                ),
                format!(
                    "{} must be a whole number from {low} to {high}, got `{x}`",
                    what.en
                ),
            )),
        }
    }
}

/// A mark as written: a number, or text such as `5` or `н/а`.
#[derive(Debug)]
pub(in crate::event) enum RawMark<'a> {
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

/// One value or a list of them (`"work": "test"` or `"work": ["test", "oral"]`): one is
/// kept in place, not allocated.
#[derive(Debug, Default)]
pub(in crate::event) struct OneOrMany<'a>(pub(in crate::event) SmallVec<[Text<'a>; 1]>);

impl<'de: 'a, 'a> Deserialize<'de> for OneOrMany<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<OneOrMany<'a>>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = OneOrMany<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text or a list of texts")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(OneOrMany(smallvec![Text(Cow::Borrowed(v))]))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(OneOrMany(smallvec![Text(Cow::Owned(v.to_owned()))]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = SmallVec::new();
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
            Scalar::Str(text) => Some(OneOrMany(smallvec![Text(Cow::Borrowed(text))])),
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
pub(in crate::event) struct Groups<'a>(pub(in crate::event) Vec<(Text<'a>, RawId<'a>)>);

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
pub(in crate::event) struct Count(pub(in crate::event) usize);

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

pub(in crate::event) fn need<T>(value: Option<T>, field: &str) -> Result<T, EventError> {
    value.ok_or_else(|| EventError::new(field, "нет поля", "is missing"))
}

pub(in crate::event) fn id<'a, S: From<Cow<'a, str>>>(
    value: Option<RawId<'a>>,
    field: &str,
) -> Result<S, EventError> {
    not_empty(need(value, field)?.0, field)
}

/// Whether a text is empty or only spaces: as `text.trim().is_empty()`, but looking no
/// further than its first letter.
pub(crate) fn blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// Text with something in it besides spaces.
fn not_empty<'a, S: From<Cow<'a, str>>>(text: Cow<'a, str>, field: &str) -> Result<S, EventError> {
    if blank(&text) {
        return Err(EventError::new(field, "пусто", "is empty"));
    }
    Ok(S::from(text))
}

pub(in crate::event) fn opt_id<'a, S: From<Cow<'a, str>>>(
    value: Option<RawId<'a>>,
    field: &str,
) -> Result<Option<S>, EventError> {
    value.map(|v| id(Some(v), field)).transpose()
}

pub(in crate::event) fn ids<'a, S: From<Cow<'a, str>>>(
    values: Option<Vec<RawId<'a>>>,
    field: &str,
) -> Result<Vec<S>, EventError> {
    let values = values.unwrap_or_default();
    let mut out = Vec::with_capacity(values.len());
    for (i, value) in values.into_iter().enumerate() {
        out.push(id(Some(value), field).map_err(in_list(field, i))?);
    }
    Ok(out)
}

/// An item's error placed at the item (`students[2]`): the path is written only for an
/// error, not for every item read.
fn in_list(field: &str, i: usize) -> impl FnOnce(EventError) -> EventError + '_ {
    move |mut error| {
        error.field = Some(format!("{field}[{i}]"));
        error
    }
}

pub(in crate::event) fn text<'a, S: From<Cow<'a, str>>>(
    value: Option<Text<'a>>,
    field: &str,
) -> Result<S, EventError> {
    not_empty(need(value, field)?.0, field)
}

pub(in crate::event) fn opt_text<'a, S: From<Cow<'a, str>>>(
    value: Option<Text<'a>>,
    _: &str,
) -> Result<Option<S>, EventError> {
    Ok(value.map(|t| S::from(t.0)))
}

/// Text as written, even empty (homework: an empty text is `homework_empty`'s to report).
pub(in crate::event) fn any_text<'a, S: From<Cow<'a, str>>>(
    value: Option<Text<'a>>,
    field: &str,
) -> Result<S, EventError> {
    Ok(S::from(need(value, field)?.0))
}

/// A format, `pdf` when not given.
pub(in crate::event) fn pdf_by_default<'a, S: From<Cow<'a, str>>>(
    value: Option<Text<'a>>,
    _: &str,
) -> Result<S, EventError> {
    Ok(S::from(value.map_or(Cow::Borrowed("pdf"), |f| f.0)))
}

/// A flag, `false` when not given.
pub(in crate::event) fn false_by_default(value: Option<bool>, _: &str) -> Result<bool, EventError> {
    Ok(value.unwrap_or(false))
}

/// A value of a vocabulary.
pub(in crate::event) fn one_of<T: Vocabulary>(
    value: Option<Text<'_>>,
    field: &str,
) -> Result<T, EventError> {
    vocab(value, field, T::read, T::EXPECTED)
}

/// A class's grade, from 1 to 11.
pub(in crate::event) fn class_grade(value: Option<Number>, field: &str) -> Result<u8, EventError> {
    grade(need(value, field)?, field)
}

/// A final mark: from 1 to 5, or `na`.
pub(in crate::event) fn final_value(
    value: Option<RawMark<'_>>,
    _: &str,
) -> Result<FinalValue, EventError> {
    mark(value, true)
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

pub(in crate::event) fn date(
    value: Option<Text<'_>>,
    field: &str,
) -> Result<NaiveDate, EventError> {
    let text = need(value, field)?.0;
    parse_date(&text).ok_or_else(|| {
        EventError::new(
            field,
            format!("`{text}` — не дата (ожидается ГГГГ-ММ-ДД, например 2024-09-02)"),
            format!("`{text}` is not a date (expected YYYY-MM-DD)"),
        )
    })
}

pub(in crate::event) fn opt_date(
    value: Option<Text<'_>>,
    field: &str,
) -> Result<Option<NaiveDate>, EventError> {
    value.map(|v| date(Some(v), field)).transpose()
}

/// Reads `HH:MM` (or `HH:MM:SS`).
pub(crate) fn parse_time(text: &str) -> Option<NaiveTime> {
    let b = text.as_bytes();
    let n = |at: usize| two_digits(b, at);
    let colon = |at: usize| b.get(at) == Some(&b':');
    match b.len() {
        5 if colon(2) => NaiveTime::from_hms_opt(n(0)?, n(3)?, 0),
        8 if colon(2) && colon(5) => NaiveTime::from_hms_opt(n(0)?, n(3)?, n(6)?),
        _ => None,
    }
}

/// The number written by the two ASCII digits at `at`.
fn two_digits(b: &[u8], at: usize) -> Option<u32> {
    let (hi, lo) = (*b.get(at)?, *b.get(at + 1)?);
    (hi.is_ascii_digit() && lo.is_ascii_digit())
        .then(|| u32::from(hi - b'0') * 10 + u32::from(lo - b'0'))
}

pub(in crate::event) fn time(
    value: Option<Text<'_>>,
    field: &str,
) -> Result<NaiveTime, EventError> {
    let text = need(value, field)?.0;
    parse_time(&text).ok_or_else(|| {
        EventError::new(
            field,
            format!("`{text}` — не время (ожидается ЧЧ:ММ, например 08:30)"),
            format!("`{text}` is not a time of day (expected HH:MM)"),
        )
    })
}

/// An RFC 3339 date and time with offset. The form portals write,
/// `2024-09-02T14:05:00+04:00`, is read directly; any other goes to chrono's parser.
pub(in crate::event) fn parse_at(text: &str) -> Option<DateTime<FixedOffset>> {
    let fast = || {
        let b = text.as_bytes();
        if b.len() != 25 {
            return None;
        }
        let n = |at: usize| two_digits(b, at);
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

pub(in crate::event) fn made<'a, S: From<Cow<'a, str>>>(
    at: Option<Text<'a>>,
    by: Option<RawId<'a>>,
) -> Result<Made<S>, EventError> {
    let at = match at {
        None => None,
        Some(Text(text)) => Some(parse_at(&text).ok_or_else(|| {
            EventError::new(
                "at",
                format!("`{text}` — не дата и время со смещением от UTC (ожидается RFC 3339, например 2024-09-02T14:05:00+04:00)"),
                format!("`{text}` is not a date and time with offset (expected RFC 3339, such as 2024-09-02T14:05:00+04:00)"),
            )
        })?),
    };
    let by = by.filter(|b| !blank(&b.0)).map(|b| S::from(b.0));
    Ok(Made { at, by })
}

pub(in crate::event) fn vocab<T>(
    value: Option<Text<'_>>,
    field: &str,
    parse: fn(&str) -> Option<T>,
    expected: Expected,
) -> Result<T, EventError> {
    let text = need(value, field)?.0;
    parse(&text).ok_or_else(|| {
        EventError::new(
            field,
            format!("неизвестное значение `{text}`: ожидается {}", expected.ru()),
            format!("unknown value `{text}`, expected {}", expected.en),
        )
    })
}

/// A value of a vocabulary, if given.
pub(in crate::event) fn opt_vocab<T>(
    value: Option<Text<'_>>,
    field: &str,
    parse: fn(&str) -> Option<T>,
    expected: Expected,
) -> Result<Option<T>, EventError> {
    value
        .map(|v| vocab(Some(v), field, parse, expected))
        .transpose()
}

/// A list of values of a vocabulary, each error naming its item (`roles[2]`).
pub(in crate::event) fn vocab_each<T>(
    values: Option<Vec<Text<'_>>>,
    field: &str,
    parse: fn(&str) -> Option<T>,
    expected: Expected,
) -> Result<Vec<T>, EventError> {
    let values = values.unwrap_or_default();
    let mut out = Vec::with_capacity(values.len());
    for (i, value) in values.into_iter().enumerate() {
        out.push(vocab(
            Some(value),
            &format!("{field}[{i}]"),
            parse,
            expected,
        )?);
    }
    Ok(out)
}

/// One value of a vocabulary or a list of them; an error names the item only in a list of
/// several (`work`, `work[1]`).
pub(in crate::event) fn vocab_list<T>(
    values: Option<OneOrMany<'_>>,
    field: &str,
    parse: fn(&str) -> Option<T>,
    expected: Expected,
) -> Result<Vec<T>, EventError> {
    let values = values.map(|v| v.0).unwrap_or_default();
    let many = values.len() > 1;
    let mut out = Vec::with_capacity(values.len());
    for (i, value) in values.into_iter().enumerate() {
        let read = vocab(Some(value), field, parse, expected);
        out.push(if many {
            read.map_err(in_list(field, i))
        } else {
            read
        }?);
    }
    Ok(out)
}

pub(in crate::event) fn grade(value: Number, field: &str) -> Result<u8, EventError> {
    Ok(value.within(field, 1, 11, Noun::GRADE)? as u8)
}

pub(in crate::event) fn mark(
    value: Option<RawMark<'_>>,
    allow_na: bool,
) -> Result<FinalValue, EventError> {
    let (expected_ru, expected) = if allow_na {
        ("отметка от 1 до 5 или `н/а`", "a mark from 1 to 5 or `na`")
    } else {
        ("отметка от 1 до 5", "a mark from 1 to 5")
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
                        format!("`{text}`: ожидается {expected_ru}"),
                        format!("`{text}` is not {expected}"),
                    ))
                }
            }
        }
    };
    let n = number.within("value", 1, 5, Noun::MARK)?;
    MarkValue::new(n as u8)
        .map(FinalValue::Mark)
        .ok_or_else(|| {
            EventError::new(
                "value",
                format!("`{n}`: ожидается {expected_ru}"),
                format!("`{n}` is not {expected}"),
            )
        })
}

/// A span from `from` to `to`: `to` may not come before `from`.
pub(in crate::event) fn not_before(from: NaiveDate, to: NaiveDate) -> Result<(), EventError> {
    if to < from {
        return Err(EventError::new(
            "to",
            format!("`{to}` раньше начала (`from`) `{from}`"),
            format!("`{to}` is before `from` `{from}`"),
        ));
    }
    Ok(())
}
