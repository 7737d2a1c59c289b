//! `fromNetschool(json, options?)`: the core's NetSchool importer (SPEC §7) for JavaScript,
//! exported by `ekzh/tools`.
//!
//! `json` is a download as the page or a client holds it: its text, its bytes, the parsed
//! response (an object, or an array of them), or an array of texts (several files). It
//! crosses as JSON text, as events do, and is read by the core. Options: `types` (the
//! server's assignment types, in any of the same forms), `grade`, `className`, `subject`,
//! `period` (`KIND:START:END`), `file` (the name errors give the download) and `lang` (of
//! `text`). Returns `{events, summary, text}`. A bad download throws an `Error` with `kind:
//! "input"`, `file`, `line`, `path` and `field`; a bad option, `kind: "argument"`.

use ekzh_core::netschool::{self, Cause, NetschoolError, Options, Source};
use ekzh_core::Lang;
use ekzh_glue::{
    argument_error, entries, error, lang_from_js, set_fields, to_js, to_json_text, unknown_option,
};
use js_sys::{Array, ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Imports a NetSchool download: `{events, summary, text}`.
#[wasm_bindgen(js_name = fromNetschool, skip_typescript)]
pub fn from_netschool(json: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let mut file: Option<String> = None;
    let mut types = JsValue::UNDEFINED;
    let mut lang = Lang::Ru;
    let mut given = Options::default();
    let text = |value: &JsValue, name: &str| -> Result<Option<String>, JsValue> {
        if value.is_null() || value.is_undefined() {
            return Ok(None);
        }
        value
            .as_string()
            .map(Some)
            .ok_or_else(|| argument_error(&format!("`{name}` must be text")))
    };
    for (key, value) in entries(&options, "options")? {
        match key.as_str() {
            "types" => types = value,
            "grade" if value.is_null() || value.is_undefined() => {}
            "grade" => {
                given.grade = value
                    .as_f64()
                    .filter(|g| g.fract() == 0.0 && g.abs() < 1e15)
                    .map(|g| g as i64);
                if given.grade.is_none() {
                    return Err(argument_error("`grade` must be a whole number"));
                }
            }
            "className" => given.class = text(&value, "className")?,
            "subject" => given.subject = text(&value, "subject")?,
            "period" => given.period = text(&value, "period")?,
            "file" => file = text(&value, "file")?,
            "lang" => lang = lang_from_js(&value)?.unwrap_or(lang),
            _ => {
                return Err(unknown_option(
                    &key,
                    "types, grade, className, subject, period, file, lang",
                ))
            }
        }
    }
    let sources = sources_of(&json, file.as_deref(), "json", lang)?;
    if !(types.is_null() || types.is_undefined()) {
        let mut read = sources_of(&types, None, "types", lang)?;
        if read.len() != 1 {
            return Err(argument_error(
                "`types` must be one list of assignment types (an array, its JSON or its bytes)",
            ));
        }
        given.types = read.pop();
    }
    let imported = netschool::import(&sources, &given).map_err(|e| import_error(&e, lang))?;
    let out = js_sys::Object::new();
    Reflect::set(&out, &"events".into(), &to_js(&imported.events)?)?;
    Reflect::set(&out, &"summary".into(), &to_js(&imported.summary)?)?;
    Reflect::set(
        &out,
        &"text".into(),
        &JsValue::from_str(&imported.summary.text(lang)),
    )?;
    Ok(out.into())
}

/// A download in any of its forms; an array of texts or byte arrays is several files.
fn sources_of(
    value: &JsValue,
    file: Option<&str>,
    name: &str,
    lang: Lang,
) -> Result<Vec<Source>, JsValue> {
    let bad = || {
        argument_error(&format!(
            "`{name}` must be NetSchool's JSON: text, bytes, an object or an array"
        ))
    };
    let one = |bytes: &[u8]| Source::from_slice(file, bytes).map_err(|e| import_error(&e, lang));
    if let Some(text) = value.as_string() {
        return Ok(vec![one(text.as_bytes())?]);
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return Ok(vec![one(&bytes.to_vec())?]);
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(vec![one(&Uint8Array::new(buffer).to_vec())?]);
    }
    if let Some(items) = value.dyn_ref::<Array>() {
        let texts = items.length() > 0
            && items.iter().all(|item| {
                item.is_string()
                    || item.is_instance_of::<Uint8Array>()
                    || item.is_instance_of::<ArrayBuffer>()
            });
        if texts {
            let mut out = Vec::new();
            for item in items.iter() {
                out.extend(sources_of(&item, file, name, lang)?);
            }
            return Ok(out);
        }
    }
    if value.is_object() && !value.is_function() {
        let text = to_json_text(value).ok_or_else(bad)?;
        return Ok(vec![one(text.as_bytes())?]);
    }
    Err(bad())
}

/// A bad download: an `Error` of kind `input` with `file`, `line`, `path` and `field`; a
/// bad option: of kind `argument`, naming it in `field`.
fn import_error(e: &NetschoolError, lang: Lang) -> JsValue {
    let kind = match e.cause {
        Cause::Input => "input",
        Cause::Options => "argument",
    };
    let out = error(kind, &e.localized(lang), None, e.line, e.field.as_deref());
    let text = |t: &Option<String>| t.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    set_fields(&out, [("file", text(&e.file)), ("path", text(&e.path))]);
    out
}
