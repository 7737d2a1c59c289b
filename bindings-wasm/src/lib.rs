//! The WebAssembly face of ekzh (SPEC §5): the npm package `ekzh`, for Node and browsers.
//!
//! A thin layer over `ekzh-core`: it converts JavaScript values to the core's events, policy
//! and `as_of`, and the core's reports and errors back; every check is the core's.
//!
//! - `check(events, asOf, options?)`: `events` is an array of event objects, `{events:
//!   [...]}`, JSON or NDJSON text, or the bytes of a file (`Uint8Array`, `ArrayBuffer`);
//!   `asOf` a `Date` or text as the CLI's `--as-of` takes it (`31.10.2024` or `2024-10-31`:
//!   the end of that day; `2024-10-31 18:00`: school time; RFC 3339); options `{policy?,
//!   lang?, skipInvalid?}`. Returns `{asOf, findings, summary}`,
//!   the findings and summary exactly as in the JSON report.
//! - `new Engine(policy?, options?)` with `push(event)` and `audit(asOf)`.
//! - `rules()`: the catalogue, as `ekzh rules --format json` lists it.
//!
//! The справка of a report, `reportHtml`, is a module of its own (`report/`), and so is the
//! NetSchool importer, `fromNetschool` (`tools/`): this one stays the checker.
//!
//! Errors are thrown as `Error` with `kind` (`input`, `policy`, `argument`), `event`,
//! `line` and `field` (each `null` when not applicable).
//!
//! Everything crosses the boundary as JSON text: objects go in through the host's
//! `JSON.stringify` and the core's reader (much faster than reading them field by field, and
//! read exactly as text is), reports come out as the core's JSON through `JSON.parse`, so
//! they are the JSON report's findings and summary.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use ekzh_core::{
    catalogue, check_bytes, load, read_borrowed, Event, EventError, InputError, Lang, Message,
    OnError, Policy, PolicyError, Report,
};
use ekzh_glue::{
    argument_error, entries, error, lang_from_js, to_js, to_json_text, unknown_option,
};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Checks a whole register at `as_of`.
#[wasm_bindgen(skip_typescript)]
pub fn check(events: JsValue, as_of: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = CheckOptions::from_js(&options)?;
    let as_of = moment(&as_of, &options.policy, options.lang)?;
    let on_error = if options.skip_invalid {
        OnError::Skip
    } else {
        OnError::Fail
    };
    let report = match Input::from_js(&events)? {
        Input::Bytes(bytes) => check_bytes(&bytes, as_of, &options.policy, on_error),
        Input::Text(text) => check_bytes(text.as_bytes(), as_of, &options.policy, on_error),
        Input::Objects(list) => {
            let mut engine = ekzh_core::Engine::new(options.policy);
            load_objects(&mut engine, &list, on_error).map(|()| engine.audit(as_of))
        }
    }
    .map_err(|e| input_error(&e, options.lang))?;
    report_to_js(&report, options.lang)
}

/// Every rule of the catalogue: id, clause, severity, when it can tell, summary and
/// documentation — the core's serialization, as `ekzh rules --format json` lists it.
#[wasm_bindgen(skip_typescript)]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(&catalogue().collect::<Vec<_>>())
}

/// The version of ekzh.
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Checks a register entry by entry (`ekzh_core::Engine`).
#[wasm_bindgen(js_name = Engine, skip_typescript)]
pub struct JsEngine {
    engine: ekzh_core::Engine,
    lang: Lang,
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// An engine with a partial policy (object or JSON text) and options `{lang?}`.
    #[wasm_bindgen(constructor, skip_typescript)]
    pub fn new(policy: JsValue, options: JsValue) -> Result<JsEngine, JsValue> {
        let mut lang = Lang::Ru;
        for (key, value) in entries(&options, "options")? {
            match key.as_str() {
                "lang" => lang = lang_from_js(&value)?.unwrap_or(lang),
                _ => return Err(unknown_option(&key, "lang")),
            }
        }
        let policy = policy_from_js(&policy, lang)?;
        Ok(JsEngine {
            engine: ekzh_core::Engine::new(policy),
            lang,
        })
    }

    /// Stores an event (an object or its JSON text) and returns its findings; throws,
    /// storing nothing, on a bad event.
    #[wasm_bindgen(skip_typescript)]
    pub fn push(&mut self, event: JsValue) -> Result<JsValue, JsValue> {
        let index = self.engine.len();
        let lang = self.lang;
        let text = match event.as_string() {
            Some(text) => text,
            None => object_json(&event, index).map_err(|e| input_error(&e, lang))?,
        };
        let event = read_event(&text, index).map_err(|e| input_error(&e, lang))?;
        let findings = self
            .engine
            .push_ref(&event)
            .map_err(|e| input_error(&e, lang))?;
        let localized: Vec<_> = findings.iter().map(|f| f.localized(self.lang)).collect();
        to_js(&localized)
    }

    /// Every finding at `as_of`: those told on entry and those overdue by then.
    #[wasm_bindgen(skip_typescript)]
    pub fn audit(&self, as_of: JsValue) -> Result<JsValue, JsValue> {
        let as_of = moment(&as_of, self.engine.policy(), self.lang)?;
        report_to_js(&self.engine.audit(as_of), self.lang)
    }

    /// Events taken so far: the index the next event gets.
    #[wasm_bindgen(getter, skip_typescript)]
    pub fn length(&self) -> usize {
        self.engine.len()
    }
}

/// The options of `check`.
struct CheckOptions {
    policy: Policy,
    lang: Lang,
    skip_invalid: bool,
}

impl CheckOptions {
    fn from_js(options: &JsValue) -> Result<CheckOptions, JsValue> {
        let mut out = CheckOptions {
            policy: Policy::default(),
            lang: Lang::Ru,
            skip_invalid: false,
        };
        // The policy is read once the language of its errors is known.
        let mut policy = JsValue::UNDEFINED;
        for (key, value) in entries(options, "options")? {
            match key.as_str() {
                "policy" => policy = value,
                "lang" => out.lang = lang_from_js(&value)?.unwrap_or(out.lang),
                "skipInvalid" => {
                    out.skip_invalid = match value.as_bool() {
                        Some(b) => b,
                        None if value.is_null() || value.is_undefined() => false,
                        None => return Err(argument_error("`skipInvalid` must be true or false")),
                    }
                }
                _ => return Err(unknown_option(&key, "policy, lang, skipInvalid")),
            }
        }
        out.policy = policy_from_js(&policy, out.lang)?;
        Ok(out)
    }
}

/// A register as JavaScript gives it.
enum Input {
    Objects(Array),
    Text(String),
    Bytes(Vec<u8>),
}

impl Input {
    fn from_js(events: &JsValue) -> Result<Input, JsValue> {
        if let Some(text) = events.as_string() {
            return Ok(Input::Text(text));
        }
        if let Some(list) = events.dyn_ref::<Array>() {
            return Ok(Input::Objects(list.clone()));
        }
        if let Some(bytes) = events.dyn_ref::<Uint8Array>() {
            return Ok(Input::Bytes(bytes.to_vec()));
        }
        if let Some(buffer) = events.dyn_ref::<ArrayBuffer>() {
            return Ok(Input::Bytes(Uint8Array::new(buffer).to_vec()));
        }
        if events.is_object() {
            let inner = Reflect::get(events, &JsValue::from_str("events")).unwrap_or_default();
            if let Some(list) = inner.dyn_ref::<Array>() {
                return Ok(Input::Objects(list.clone()));
            }
        }
        Err(argument_error(
            "`events` must be an array of event objects, `{events: [...]}`, JSON or NDJSON \
             text, or its bytes",
        ))
    }
}

/// Loads an array of event objects into an engine, and settles it for the audit.
///
/// The array goes in as its JSON text (one `JSON.stringify`, then the core's reader): far
/// faster than reading each object field by field across the boundary, and the same
/// reading, errors and field paths as text. Lines of that text are not the user's, so
/// errors name none. A value JSON cannot write (a `BigInt`, a cycle) is an error of its
/// event, found by writing the events one by one.
fn load_objects(
    engine: &mut ekzh_core::Engine,
    list: &Array,
    on_error: OnError,
) -> Result<(), InputError> {
    let without_line = |e: InputError| InputError { line: None, ..e };
    if let Some(text) = to_json_text(list) {
        let events = read_borrowed(text.as_bytes()).map(|item| item.map_err(without_line));
        return load(engine, events, on_error);
    }
    let events = list.iter().enumerate().map(|(index, value)| {
        let text = object_json(&value, index)?;
        Event::from_json(&text).map_err(|e| InputError::at(Some(index), None, e))
    });
    load(engine, events, on_error)
}

/// Reads one event from its JSON text, its text borrowed: errors name the event and the
/// field.
fn read_event(text: &str, index: usize) -> Result<Event<Cow<'_, str>>, InputError> {
    Event::from_json_borrowed(text).map_err(|e| InputError::at(Some(index), None, e))
}

/// The JSON text of one event object: errors name the event.
fn object_json(value: &JsValue, index: usize) -> Result<String, InputError> {
    let at = |ru: String, en: String| {
        InputError::at(
            Some(index),
            None,
            EventError {
                field: None,
                message: Message::new(ru, en),
            },
        )
    };
    match JSON::stringify(value) {
        Ok(text) => match text.as_string() {
            Some(text) => Ok(text),
            // `undefined`, a function, a symbol: nothing JSON can write.
            None => Err(at(
                "ожидается объект события".to_owned(),
                "invalid type: expected an event object".to_owned(),
            )),
        },
        Err(error) => Err(at(
            format!("не записывается в JSON ({})", js_message(&error)),
            format!("cannot be read as JSON: {}", js_message(&error)),
        )),
    }
}

/// The message of a thrown JavaScript value.
fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "not JSON".to_owned())
}

/// A partial policy: an object, JSON text, or nothing (the Regulation's defaults).
///
/// An object is read through its JSON text, as events are, so that a key the policy does
/// not know is the same error as in a policy file.
fn policy_from_js(value: &JsValue, lang: Lang) -> Result<Policy, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(Policy::default());
    }
    let text = match value.as_string() {
        Some(text) => text,
        None if value.is_object() && !value.is_function() => to_json_text(value)
            .ok_or_else(|| argument_error("`policy` cannot be written as JSON"))?,
        None => return Err(argument_error("`policy` must be an object or JSON text")),
    };
    Policy::from_json(&text).map_err(|e| policy_error(&e, lang))
}

/// `asOf`: a `Date` (a moment, shown in school time), or text as the core reads it
/// ([`Policy::parse_as_of`]).
fn moment(value: &JsValue, policy: &Policy, lang: Lang) -> Result<DateTime<FixedOffset>, JsValue> {
    if let Some(text) = value.as_string() {
        return policy
            .parse_as_of(&text)
            .map_err(|e| argument_error(&format!("`asOf`: {}", e.localized(lang))));
    }
    let bad = || {
        argument_error(
            "`asOf` must be a Date or text such as 31.10.2024, 2024-10-31 18:00 or \
             2024-10-31T18:00:00+04:00",
        )
    };
    let date = value.dyn_ref::<js_sys::Date>().ok_or_else(bad)?;
    let millis = date.get_time();
    if !millis.is_finite() {
        return Err(bad());
    }
    DateTime::from_timestamp_millis(millis as i64)
        .map(|t| t.with_timezone(&policy.utc_offset.0))
        .ok_or_else(bad)
}

/// The report as `{asOf, lang, findings, summary, names}`: the JSON report's findings,
/// summary and names, and the language of its messages.
fn report_to_js(report: &Report, lang: Lang) -> Result<JsValue, JsValue> {
    let parsed = JSON::parse(&report.to_json(lang))?;
    let field = |name: &str| Reflect::get(&parsed, &JsValue::from_str(name));
    let out = Object::new();
    Reflect::set(&out, &JsValue::from_str("asOf"), &field("as_of")?)?;
    let lang = match lang {
        Lang::Ru => "ru",
        Lang::En => "en",
    };
    Reflect::set(&out, &JsValue::from_str("lang"), &JsValue::from_str(lang))?;
    Reflect::set(&out, &JsValue::from_str("findings"), &field("findings")?)?;
    Reflect::set(&out, &JsValue::from_str("summary"), &field("summary")?)?;
    Reflect::set(&out, &JsValue::from_str("names"), &field("names")?)?;
    Ok(out.into())
}

/// An input error in the language of the call.
fn input_error(e: &InputError, lang: Lang) -> JsValue {
    let message = e.localized(lang).to_string();
    error("input", &message, e.event, e.line, e.field.as_deref())
}

/// A policy error in the language of the call.
fn policy_error(e: &PolicyError, lang: Lang) -> JsValue {
    error("policy", &e.localized(lang), None, None, e.field.as_deref())
}
