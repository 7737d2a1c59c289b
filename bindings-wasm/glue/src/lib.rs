//! The JavaScript glue of ekzh's WebAssembly modules (the checker, the справка and the
//! tools): values across the boundary as JSON, the `Error`s they throw, and the reading of
//! their options. Only wasm-bindgen and js-sys helpers, no rules: a module carries just the
//! pieces it calls.
//!
//! Every error is an `Error` with `kind` (`input`, `policy`, `argument`), `event`, `line`
//! and `field`, each `null` when not applicable.

use ekzh_core::Lang;
use js_sys::{Array, Object, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// The JSON text of a value, if `JSON.stringify` can write it.
pub fn to_json_text(value: &JsValue) -> Option<String> {
    JSON::stringify(value).ok()?.as_string()
}

/// Any serializable value as the JavaScript value of its JSON.
pub fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|e| argument_error(&e.to_string()))?;
    JSON::parse(&json)
}

/// An `Error` with `kind`, `event`, `line` and `field`.
pub fn error(
    kind: &str,
    message: &str,
    event: Option<usize>,
    line: Option<usize>,
    field: Option<&str>,
) -> JsValue {
    let error: JsValue = js_sys::Error::new(message).into();
    let number = |n: Option<usize>| n.map_or(JsValue::NULL, |n| JsValue::from(n as f64));
    set_fields(
        &error,
        [
            ("kind", JsValue::from_str(kind)),
            ("event", number(event)),
            ("line", number(line)),
            ("field", field.map_or(JsValue::NULL, JsValue::from_str)),
        ],
    );
    error
}

/// Sets properties of a fresh `Error` (which cannot fail).
pub fn set_fields<const N: usize>(error: &JsValue, fields: [(&str, JsValue); N]) {
    for (key, value) in fields {
        // Setting a property on a fresh Error cannot fail.
        let _ = Reflect::set(error, &JsValue::from_str(key), &value);
    }
}

/// An error of kind `argument`: a bad argument or option of the call.
pub fn argument_error(message: &str) -> JsValue {
    error("argument", message, None, None, None)
}

/// An option the function does not take; `known` lists those it does.
pub fn unknown_option(key: &str, known: &str) -> JsValue {
    argument_error(&format!("unknown option `{key}`; the options are {known}"))
}

/// The own keys and values of an options object; none for `undefined` or `null`.
pub fn entries(value: &JsValue, what: &str) -> Result<Vec<(String, JsValue)>, JsValue> {
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

/// The option `lang`: `"ru"` or `"en"`; none for `undefined` or `null`.
pub fn lang_from_js(value: &JsValue) -> Result<Option<Lang>, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    value
        .as_string()
        .and_then(|text| Lang::parse(&text))
        .map(Some)
        .ok_or_else(lang_error)
}

/// The text of the option `lang`: `ru` or `en`.
pub fn parse_lang(text: &str) -> Result<Lang, JsValue> {
    Lang::parse(text).ok_or_else(lang_error)
}

/// A `lang` that is neither `"ru"` nor `"en"`.
fn lang_error() -> JsValue {
    argument_error("`lang` must be \"ru\" or \"en\"")
}
