//! The tools of ekzh for WebAssembly that a live check does not need: `fromNetschool(json,
//! options?)`, the core's NetSchool importer (SPEC §7, [`netschool`]).
//!
//! A module of its own (`ekzh/tools`, `ekzh/web/tools`), as the справка's is: a portal's
//! live warnings never import a NetSchool download, so the checker's module does not carry
//! the importer, and a page loads this one only when it imports one.
//!
//! Errors are thrown as the checker's are: an `Error` with `kind`, `event`, `line` and
//! `field` (each `null` when not applicable), and the importer's `file` and `path`.

use ekzh_core::Lang;
use js_sys::{Array, Object, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod netschool;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// The JSON text of a value, if `JSON.stringify` can write it.
fn to_json_text(value: &JsValue) -> Option<String> {
    JSON::stringify(value).ok()?.as_string()
}

fn lang_from_js(value: &JsValue) -> Result<Option<Lang>, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    value
        .as_string()
        .and_then(|text| Lang::parse(&text))
        .map(Some)
        .ok_or_else(|| argument_error("`lang` must be \"ru\" or \"en\""))
}

/// The own keys and values of an options object; none for `undefined` or `null`.
fn entries(value: &JsValue, what: &str) -> Result<Vec<(String, JsValue)>, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(Vec::new());
    }
    let Some(object) = value.dyn_ref::<Object>().filter(|_| !value.is_function()) else {
        return Err(argument_error(&format!("`{what}` must be an object")));
    };
    Ok(Object::entries(object)
        .iter()
        .filter_map(|pair| {
            let pair = pair.dyn_into::<Array>().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1)))
        })
        .collect())
}

/// Any serializable value as the JavaScript value of its JSON.
fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|e| argument_error(&e.to_string()))?;
    JSON::parse(&json)
}

/// An `Error` with `kind`, `event`, `line` and `field`, as the checker's module throws.
fn error(
    kind: &str,
    message: &str,
    event: Option<usize>,
    line: Option<usize>,
    field: Option<&str>,
) -> JsValue {
    let error = js_sys::Error::new(message);
    let number = |n: Option<usize>| n.map_or(JsValue::NULL, |n| JsValue::from(n as f64));
    for (key, value) in [
        ("kind", JsValue::from_str(kind)),
        ("event", number(event)),
        ("line", number(line)),
        ("field", field.map_or(JsValue::NULL, JsValue::from_str)),
    ] {
        // Setting a property on a fresh Error cannot fail.
        let _ = Reflect::set(&error, &JsValue::from_str(key), &value);
    }
    error.into()
}

fn argument_error(message: &str) -> JsValue {
    error("argument", message, None, None, None)
}

fn unknown_option(key: &str, known: &str) -> JsValue {
    argument_error(&format!("unknown option `{key}`; the options are {known}"))
}
