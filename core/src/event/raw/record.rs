//! The flat record of every field any event may carry, read in one pass over an object's
//! keys; each kind of event then takes the fields it needs from it (`FromFields`).

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::flat::Scalar;
use super::values::*;

/// Declares the flat record of every field any event may carry, each an `Option` (a field
/// missing and a field `null` are alike), and reads it in one pass over an object's keys: a
/// key given twice is an error, an unknown key is skipped.
macro_rules! raw_event {
    (struct $name:ident<$a:lifetime> { $($field:ident $key:literal: $ty:ty,)* }) => {
        #[derive(Debug, Default)]
        pub(in crate::event) struct $name<$a> {
            $(pub(in crate::event) $field: Option<$ty>,)*
        }

        /// The fields of the record, by key.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(in crate::event) enum Field {
            $($field,)*
            /// A key no event has.
            Unknown,
        }

        /// Every key an event may carry, as written in the input.
        pub const FIELDS: &[&str] = &[$($key),*];

        impl Field {
            pub(super) fn of(key: &str) -> Field {
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
            pub(super) fn read<'de: $a, A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
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
            /// serde would not read it so (see `flat`).
            pub(super) fn set(&mut self, field: Field, value: Scalar<$a>) -> Option<()> {
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

// A field is a bit of the set of fields seen: there are fewer than 64.
const _: () = assert!((Field::Unknown as u32) < 64);
