//! The binding inside a JavaScript engine: under Node
//! (`CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test -p ekzh-wasm
//! --target wasm32-unknown-unknown`) and in headless Chromium (the same with
//! `WASM_BINDGEN_USE_BROWSER=1` and `CHROMEDRIVER`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ekzh_wasm::{check, rules, JsEngine};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const GRADE1_MARK: &str = include_str!("../../tests/fixtures/rules/grade1_mark/fires.json");
const GRADE1_MARK_SNAPSHOT: &str = include_str!("../../tests/snapshots/grade1_mark__fires.snap");
const INPUT_ERROR: &str = include_str!("../../tests/fixtures/rules/input_error/fires.json");

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn json(value: &JsValue) -> String {
    JSON::stringify(value).unwrap().as_string().unwrap()
}

/// A report's JSON with its findings' lines left out: events given as objects, or pushed
/// one at a time, have no line; the same events as text have theirs.
fn unlined(report: &JsValue) -> String {
    let copy = parse(&json(report));
    let findings: Array = get(&copy, "findings").dyn_into().unwrap();
    for finding in findings.iter() {
        Reflect::delete_property(finding.unchecked_ref::<Object>(), &s("line")).unwrap();
    }
    json(&copy)
}

fn parse(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

/// The report of the snapshot: the JSON after the `---` header.
fn snapshot(text: &str) -> JsValue {
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    parse(body)
}

fn fixture_as_of(fixture: &JsValue) -> JsValue {
    get(fixture, "as_of")
}

/// `{policy}`: the fixture's policy as `check`'s options.
fn fixture_options(fixture: &JsValue) -> JsValue {
    let options = Object::new();
    Reflect::set(&options, &s("policy"), &get(fixture, "policy")).unwrap();
    options.into()
}

#[wasm_bindgen_test]
fn text_gives_the_snapshot_report() {
    let fixture = parse(GRADE1_MARK);
    let report = check(
        s(GRADE1_MARK),
        fixture_as_of(&fixture),
        fixture_options(&fixture),
    )
    .unwrap();
    let expected = snapshot(GRADE1_MARK_SNAPSHOT);
    assert_eq!(
        json(&get(&report, "findings")),
        json(&get(&expected, "findings"))
    );
    assert_eq!(
        json(&get(&report, "summary")),
        json(&get(&expected, "summary"))
    );
    assert_eq!(get(&report, "asOf"), get(&expected, "as_of"));
}

#[wasm_bindgen_test]
fn objects_text_and_engine_agree() {
    let fixture = parse(GRADE1_MARK);
    let as_of = fixture_as_of(&fixture);
    let events: Array = get(&fixture, "events").dyn_into().unwrap();
    let options = fixture_options(&fixture);
    let from_text = check(s(GRADE1_MARK), as_of.clone(), options.clone()).unwrap();
    let from_objects = check(events.clone().into(), as_of.clone(), options).unwrap();
    assert_eq!(unlined(&from_text), unlined(&from_objects));

    let mut engine = JsEngine::new(get(&fixture, "policy"), JsValue::UNDEFINED).unwrap();
    let mut told = 0;
    for event in events.iter() {
        let findings: Array = engine.push(event).unwrap().dyn_into().unwrap();
        told += findings.length();
    }
    assert!(told > 0, "push told nothing");
    assert_eq!(unlined(&engine.audit(as_of).unwrap()), unlined(&from_text));
}

#[wasm_bindgen_test]
fn bad_event_throws_with_event_and_field() {
    let events = parse(
        r#"[{"type":"class","id":"5a","grade":5},
            {"type":"mark","lesson":"l1","student":"s1","value":7}]"#,
    );
    let error = check(events, s("2024-10-01"), JsValue::UNDEFINED).unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&error, "event").as_f64(), Some(1.0));
    assert_eq!(get(&error, "field").as_string().as_deref(), Some("value"));
    assert!(get(&error, "line").is_null());
    assert_eq!(get(&error, "kind").as_string().as_deref(), Some("input"));
}

#[wasm_bindgen_test]
fn ndjson_errors_carry_the_line() {
    let text = "{\"type\":\"class\",\"id\":\"5a\",\"grade\":5}\n\n{\"type\":\"class\",\"id\":\"5b\",\"grade\":\"x\"}\n";
    let error = check(s(text), s("2024-10-01"), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&error, "event").as_f64(), Some(1.0));
    assert_eq!(get(&error, "line").as_f64(), Some(3.0));
    assert_eq!(get(&error, "field").as_string().as_deref(), Some("grade"));
}

#[wasm_bindgen_test]
fn skip_invalid_lists_bad_events() {
    let fixture = parse(INPUT_ERROR);
    let options = Object::new();
    Reflect::set(&options, &s("skipInvalid"), &JsValue::TRUE).unwrap();
    let report = check(s(INPUT_ERROR), fixture_as_of(&fixture), options.into()).unwrap();
    let findings: Array = get(&report, "findings").dyn_into().unwrap();
    let rules: Vec<String> = findings
        .iter()
        .map(|f| get(&f, "rule").as_string().unwrap())
        .collect();
    assert_eq!(rules, ["input_error"]);
}

#[wasm_bindgen_test]
fn policy_errors_name_the_key() {
    let options = parse(r#"{"policy": {"min_marks_for_final": {"month": 3}}}"#);
    let error = check(s("[]"), s("2024-10-01"), options).unwrap_err();
    assert_eq!(get(&error, "kind").as_string().as_deref(), Some("policy"));
    assert_eq!(
        get(&error, "field").as_string().as_deref(),
        Some("min_marks_for_final.month")
    );
}

#[wasm_bindgen_test]
fn as_of_takes_dates() {
    let at = js_sys::Date::new(&s("2024-10-31T14:00:00Z"));
    let report = check(s("[]"), at.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        get(&report, "asOf").as_string().as_deref(),
        Some("2024-10-31T18:00:00+04:00")
    );
    let report = check(s("[]"), s("2024-10-31"), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        get(&report, "asOf").as_string().as_deref(),
        Some("2024-10-31T23:59:59+04:00")
    );
    let error = check(s("[]"), s("2024-13-45"), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&error, "kind").as_string().as_deref(), Some("argument"));
}

#[wasm_bindgen_test]
fn rules_list_the_catalogue() {
    let list: Array = rules().unwrap().dyn_into().unwrap();
    let ids: Vec<String> = list
        .iter()
        .map(|r| get(&r, "id").as_string().unwrap())
        .collect();
    let expected: Vec<&str> = ekzh_core::catalogue().map(|r| r.id).collect();
    assert_eq!(ids, expected);
}
