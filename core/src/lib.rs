//! # ekzh-core
//!
//! The rules engine of ekzh: an electronic class register (ЭКЖ) as typed events, checked
//! against the school's Regulation («Положение о ведении электронного классного журнала»).
//!
//! Pure: no I/O, no clock, no global state. Time comes in as `as_of`.
//!
//! - [`Event`]: the register's events (SPEC §1), read by [`read()`] from JSON, `{"events":
//!   [...]}` or NDJSON;
//! - [`Policy`]: the Regulation's numbers (SPEC §2); [`Policy::default`] is the Regulation;
//!   [`Policy::parse_as_of`] reads the moment to check at as every face takes it;
//! - [`Engine`]: `push` an entry and get what is wrong with it; `audit` at a date;
//! - [`check`]: a whole register at once;
//! - [`catalogue`]: every rule with its clause and documentation (SPEC §3), serialized as
//!   every face lists it;
//! - [`Report`] and [`Finding`] (SPEC §4), with the fill figures of the register ([`Fill`],
//!   SPEC §8) and the names of what it mentions ([`Names`]);
//! - [`netschool`]: the import of what NetSchool (АСУ РСО) exports (SPEC §7);
//! - [`Pseudonyms`]: children and parents kept by keyed pseudonyms
//!   ([`Engine::with_pseudonyms`], SPEC §9).

// The table of event kinds first: every layer below builds from it.
#[macro_use]
mod kinds;

mod as_of;
mod diary;
mod engine;
pub mod event;
mod fill;
pub mod netschool;
mod person;
pub mod policy;
mod pseudonym;
mod read;
mod register;
mod report;
mod rules;
mod serde_words;
mod time;
mod vocab;

pub use as_of::AsOfError;
pub use diary::{Diary, DiaryFinalMark, DiaryLesson, DiaryMark};
pub use engine::{
    check, check_bytes, load, load_bytes, load_one, store_bytes, AuditPart, Engine, Found, OnError,
};
pub use event::{Event, EventError};
pub use fill::{Fill, FillRow, Share};
pub use policy::{Policy, PolicyError};
pub use pseudonym::{KeyError, Pseudonyms};
pub use read::{
    read, read_borrowed, read_line, read_line_as, read_line_borrowed, Events, Format, InputError,
    LocalizedError, NdjsonLine, NdjsonLines,
};
pub use report::{
    not_judged_text, Due, Finding, Lang, Localized, LocalizedReport, Message, Names, NotJudged,
    Reason, Report, Severity, Summary,
};
pub use rules::{catalogue, ru_plural, rule, Needs, Reach, RuleMeta, Scope, Texts, When};
pub use vocab::SubjectKind;
pub use vocab::{vocabularies, Expected};

// The engine and its results cross threads: a portal checks registers from a thread pool,
// Python releases the GIL while a batch is checked. A type that stops being `Send + Sync`
// (an `Rc`, a `RefCell` in the register) fails the build here.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Engine>();
    send_sync::<Report>();
    send_sync::<Finding>();
    send_sync::<Policy>();
    send_sync::<Event>();
    send_sync::<InputError>();
};
