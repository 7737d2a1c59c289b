//! The register as typed events (SPEC §1).
//!
//! An event is either context — who and when: periods, classes, staff, students, parents,
//! and the facts about them — or an entry a person made in the register: a lesson, an
//! absence, a mark, homework, a final mark … Entries carry `at` (when the entry was made)
//! and `by` (who made it); both may be missing in some portals' exports.
//!
//! Events are read from JSON by [`Event::from_json`], or from any serde deserializer by
//! [`Event::deserialize_from`], with errors that name the field.
//!
//! Every event type is generic over its text `S` (ids, names, subjects, topics): `String`
//! by default, the events a Rust program or a binding builds and keeps. A reader that only
//! stores events takes them as `Event<Cow<'a, str>>` from
//! [`Event::from_json_borrowed`], their text borrowed from the input (copied only where the
//! JSON escapes it): the same fields, read by the same code, without an allocation per id.
//!
//! Each kind of event is its type with the checks of its fields beside it: in `context`
//! the kinds of SPEC §1.1, in `entries` those of §1.2. The [`Event`] enum is built from
//! the table of event kinds (`crate::kinds`), which every layer builds from.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

pub use crate::vocab::{
    AttendanceCode, Basis, BriefingKind, Decision, DiarySection, Lack, NoticeReason, PeriodKind,
    Role, WorkKind,
};

/// Declares a kind of event whose fields are read one after the other, each by its reader
/// (`id`, `text`, `date`, `one_of` a vocabulary …): the public type, and its
/// [`raw::FromFields`]. An `entry` also has `made` (`at` and `by`). A kind whose fields
/// are checked together is written out by hand, beside these.
///
/// ```text
/// event_type! {
///     /// A printed progress report handed over (3.2, 5.2).
///     pub struct PaperReport entry { student: S = id, date: NaiveDate = date }
/// }
/// ```
macro_rules! event_type {
    (
        $(#[$doc:meta])*
        pub struct $kind:ident entry {
            $($(#[$attr:meta])* $field:ident: $ty:ty = $read:expr),* $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        pub struct $kind<S = String> {
            $($(#[$attr])* pub $field: $ty,)*
            #[serde(flatten)]
            pub made: Made<S>,
        }

        impl<'a, S: From<std::borrow::Cow<'a, str>>> raw::FromFields<'a> for $kind<S> {
            fn from_fields(r: &mut raw::RawEvent<'a>) -> Result<Self, EventError> {
                Ok($kind {
                    $($field: $read(r.$field.take(), stringify!($field))?,)*
                    made: raw::made(r.at.take(), r.by.take())?,
                })
            }
        }
    };
    (
        $(#[$doc:meta])*
        pub struct $kind:ident context {
            $($(#[$attr:meta])* $field:ident: $ty:ty = $read:expr),* $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        pub struct $kind<S = String> {
            $($(#[$attr])* pub $field: $ty,)*
        }

        impl<'a, S: From<std::borrow::Cow<'a, str>>> raw::FromFields<'a> for $kind<S> {
            fn from_fields(r: &mut raw::RawEvent<'a>) -> Result<Self, EventError> {
                Ok($kind {
                    $($field: $read(r.$field.take(), stringify!($field))?,)*
                })
            }
        }
    };
}

mod context;
mod entries;
pub(crate) mod raw;

pub use context::*;
pub use entries::*;
pub use raw::{EventError, IntoMessage, FIELDS};

/// An id as the register writes it (the text of an owned event). Numbers are read as their
/// decimal text.
pub type Id = String;

/// When and by whom an entry was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Made<S = String> {
    /// When the entry was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<FixedOffset>>,
    /// Who made it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<S>,
}

/// A current mark from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct MarkValue(u8);

impl MarkValue {
    /// A mark, if `value` is from 1 to 5.
    pub const fn new(value: u8) -> Option<Self> {
        if value >= 1 && value <= 5 {
            Some(MarkValue(value))
        } else {
            None
        }
    }
    /// The mark as a number.
    pub const fn get(self) -> u8 {
        self.0
    }
}

/// A final mark: a number, or «н/а» (not attested).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FinalValue {
    /// A mark from 1 to 5.
    Mark(MarkValue),
    /// «н/а»: not attested.
    NotAttested,
}

impl Serialize for FinalValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FinalValue::Mark(mark) => mark.serialize(s),
            FinalValue::NotAttested => s.serialize_str("na"),
        }
    }
}

/// The event's `Some(made)`, for an entry; `None` for context.
macro_rules! made_of {
    (entry, $e:ident) => {
        Some(&$e.made)
    };
    (context, $e:ident) => {{
        let _ = $e;
        None
    }};
}

/// Builds the [`Event`] enum and what every kind answers from the table of event kinds.
macro_rules! define_events {
    ($($kind:ident = $name:literal $made:ident { $($row:tt)* },)*) => {
        /// One event of the register.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(tag = "type")]
        pub enum Event<S = String> {
            $(
                #[doc = concat!("`", $name, "`")]
                #[serde(rename = $name)]
                $kind($kind<S>),
            )*
        }

        /// Every event's `type`, as written in the input, in the table's order.
        pub const TYPES: &[&str] = &[$($name),*];

        impl<S> Event<S> {
            /// The event's `type`, as written in the input.
            pub fn type_name(&self) -> &'static str {
                match self {
                    $(Event::$kind(_) => $name,)*
                }
            }

            /// When and by whom the entry was made; `None` for context that is not an entry.
            pub fn made(&self) -> Option<&Made<S>> {
                match self {
                    $(Event::$kind(e) => made_of!($made, e),)*
                }
            }
        }
    };
}

event_kinds!(define_events);
