//! The справка for WebAssembly: `reportHtml(report, options?)` (SPEC §8), written by the
//! same renderer as `ekzh report` and Python's `Report.to_html`.
//!
//! A module of its own (`ekzh/report`, `ekzh/web/report`): it holds the renderer and what
//! it says about each rule as data, not the rules' code, so the checker's module stays as
//! small as it was and a page loads this one only when it writes a справка.

use std::sync::OnceLock;

use ekzh_core::Lang;
use ekzh_glue::{argument_error, parse_lang, to_json_text};
use ekzh_html::{Options, ReportData, Rules};
use js_sys::Reflect;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// The rules' texts, from the core's catalogue at build time.
fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        Rules::from_json(include_str!(concat!(env!("OUT_DIR"), "/rules.json"))).unwrap_or_default()
    })
}

/// The options of `reportHtml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportOptions {
    lang: Option<String>,
    since: Option<serde_json::Value>,
    school: Option<String>,
}

/// The справка of a report (what `check` or `audit` returned, or a JSON report as object or
/// text): one self-contained HTML document. Options: `lang` (default: the report's),
/// `since` (an earlier report: what was corrected, is still open, is new) and `school`.
#[wasm_bindgen(js_name = reportHtml, skip_typescript)]
pub fn report_html(report: JsValue, options: JsValue) -> Result<String, JsValue> {
    let data = match report.as_string() {
        Some(text) => ReportData::from_json(&text),
        None => ReportData::from_json(&json_text(&report, "report")?),
    }
    .map_err(|e| argument_error(&format!("`report`: {e}")))?;
    let options: ReportOptions = if options.is_null() || options.is_undefined() {
        ReportOptions::default()
    } else {
        serde_json::from_str(&json_text(&options, "options")?)
            .map_err(|e| argument_error(&format!("`options`: {e}")))?
    };
    let since = match options.since {
        None => None,
        Some(serde_json::Value::String(text)) => Some(ReportData::from_json(&text)),
        Some(value) => Some(ReportData::from_value(value)),
    }
    .transpose()
    .map_err(|e| argument_error(&format!("`since`: {e}")))?;
    let lang = match options.lang {
        Some(text) => Some(parse_lang(&text)?),
        None => Reflect::get(&report, &JsValue::from_str("lang"))
            .ok()
            .and_then(|l| l.as_string())
            .and_then(|l| Lang::parse(&l)),
    };
    let options = Options {
        lang: lang.unwrap_or_default(),
        school: options.school,
    };
    Ok(ekzh_html::render(&data, since.as_ref(), &options, rules()))
}

/// The JSON text of an object.
fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if !value.is_object() {
        return Err(argument_error(&format!(
            "`{what}` must be an object or its JSON text"
        )));
    }
    to_json_text(value)
        .ok_or_else(|| argument_error(&format!("`{what}` cannot be written as JSON")))
}
