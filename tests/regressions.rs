//! Inputs the fuzzer (`fuzz/`, `scripts/fuzz`) found to crash, hang, exhaust memory or break
//! a property, each cut down to what matters and kept here with what must hold now. The raw
//! inputs are in `fuzz/regressions/TARGET/`, replayed by `cargo test` in `fuzz/`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use ekzh::{check_bytes, OnError, Policy, Report};
use serde_json::{json, Value};

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn ndjson(events: &[Value]) -> String {
    events.iter().map(|e| format!("{e}\n")).collect()
}

fn check(events: &[Value], as_of: &str, on_error: OnError) -> Result<Report, ekzh::InputError> {
    check_bytes(
        ndjson(events).as_bytes(),
        at(as_of),
        &Policy::default(),
        on_error,
    )
}

fn family() -> Vec<Value> {
    vec![
        json!({"type": "class", "id": "5a", "grade": 5}),
        json!({"type": "student", "id": "s1", "class": "5a"}),
        json!({"type": "parent", "id": "p1", "children": ["s1"]}),
    ]
}

/// read_check, out of memory: an 11 KB register whose school year started in 1012 (a
/// mistyped 2024) asked every parent for a diary view in each of 52 000 weeks: 1.4 million
/// findings, 1.5 GB. A study period lasts at most a year now; a longer one is an input
/// error naming `end`, and skipping it leaves a register of ordinary size.
#[test]
fn a_school_year_of_a_thousand_years_is_an_input_error() {
    let mut events = vec![json!({"type": "period", "id": "2024-25", "kind": "year",
        "start": "1012-09-01", "end": "2025-05-31"})];
    events.extend(family());
    let error = check(&events, "2025-07-01T00:00:00+04:00", OnError::Fail).unwrap_err();
    assert_eq!((error.event, error.line), (Some(0), Some(1)));
    assert_eq!(error.field.as_deref(), Some("end"));
    assert!(error.message.en.contains("at most a year"), "{error}");

    let report = check(&events, "2025-07-01T00:00:00+04:00", OnError::Skip).unwrap();
    assert_eq!(report.summary.input_errors, 1);
    assert!(
        report.findings.len() < 10,
        "{} findings",
        report.findings.len()
    );

    // A year of 366 days (a leap year) is a year.
    events[0] = json!({"type": "period", "id": "2023-24", "kind": "year",
        "start": "2023-09-01", "end": "2024-08-31"});
    assert!(check(&events, "2024-09-01T00:00:00+04:00", OnError::Fail).is_ok());
    events[0]["end"] = json!("2024-09-01");
    assert!(check(&events, "2024-09-01T00:00:00+04:00", OnError::Fail).is_err());
}

/// Found while cutting the input above down: two `year` periods holding the same weeks (a
/// school year declared for every grade, and again for some) reported each week without a
/// diary view twice, and each gap in paper reports twice. One finding per parent, child and
/// week (SPEC §3), one per gap.
#[test]
fn overlapping_school_years_report_each_week_and_gap_once() {
    let mut events = vec![
        json!({"type": "period", "id": "y", "kind": "year",
            "start": "2024-09-01", "end": "2025-05-31"}),
        json!({"type": "period", "id": "y5", "kind": "year",
            "start": "2024-09-01", "end": "2025-05-31", "grades": [5]}),
    ];
    events.extend(family());
    let as_of = "2024-10-01T00:00:00+04:00";
    let report = check(&events, as_of, OnError::Fail).unwrap();
    let weeks: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "parent_diary_not_viewed")
        .map(|f| f.date)
        .collect();
    let distinct: BTreeSet<_> = weeks.iter().collect();
    // The weeks of 2–8 September to 23–29 September.
    assert_eq!(weeks.len(), 4);
    assert_eq!(distinct.len(), weeks.len(), "{weeks:?}");

    events.push(json!({"type": "parent_opt_out", "parent": "p1", "date": "2024-09-02"}));
    let report = check(&events, "2024-12-01T00:00:00+04:00", OnError::Fail).unwrap();
    let gaps: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "paper_report_overdue")
        .map(|f| f.date)
        .collect();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
}
