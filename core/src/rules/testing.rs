//! Running the rules on small registers in unit tests: a small school, events written as
//! JSON, and the findings of one rule with the check that nothing told on entry is withdrawn.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::DateTime;

use crate::{Engine, Event, Finding, Policy};

/// A school year with two quarters, class 5А (grade 5) with its teacher `t1`, and
/// students `s1` and `s2`.
pub const SCHOOL: &[&str] = &[
    r#"{"type":"period","id":"y","kind":"year","start":"2024-09-01","end":"2025-05-31"}"#,
    r#"{"type":"period","id":"q1","kind":"quarter","start":"2024-09-02","end":"2024-10-25"}"#,
    r#"{"type":"period","id":"q2","kind":"quarter","start":"2024-11-05","end":"2024-12-28"}"#,
    r#"{"type":"class","id":"5a","grade":5}"#,
    r#"{"type":"staff","id":"t1","roles":["teacher"],"classes":["5a"]}"#,
    r#"{"type":"student","id":"s1","class":"5a"}"#,
    r#"{"type":"student","id":"s2","class":"5a"}"#,
];

/// A lesson of mathematics in 5А on `date` at `start`, recorded at its start; `extra`
/// adds fields (`,"work":"control_work"`).
pub fn lesson(id: &str, date: &str, start: &str, extra: &str) -> String {
    format!(
        r#"{{"type":"lesson","id":"{id}","class":"5a","subject":"Математика","teacher":"t1","date":"{date}","start":"{start}","end":"23:59","topic":"Тема"{extra},"at":"{date}T{start}:00+04:00","by":"t1"}}"#
    )
}

/// A mark made at `at` (`2024-09-02T10:00`, school time); `extra` adds fields.
pub fn mark(lesson: &str, student: &str, value: u8, at: &str, extra: &str) -> String {
    format!(
        r#"{{"type":"mark","lesson":"{lesson}","student":"{student}","value":{value}{extra},"at":"{at}:00+04:00","by":"t1"}}"#
    )
}

/// An attendance entry made at `at` (`2024-09-02T10:00`, school time).
pub fn attendance(lesson: &str, student: &str, code: &str, at: &str) -> String {
    format!(
        r#"{{"type":"attendance","lesson":"{lesson}","student":"{student}","code":"{code}","at":"{at}:00+04:00","by":"t1"}}"#
    )
}

/// A final mark in `subject` made at `at` (`2024-10-25T15:00`, school time); `value`
/// as JSON (`4`, `"na"`).
pub fn final_mark(student: &str, subject: &str, period: &str, value: &str, at: &str) -> String {
    format!(
        r#"{{"type":"final_mark","student":"{student}","subject":"{subject}","period":"{period}","value":{value},"at":"{at}:00+04:00","by":"t1"}}"#
    )
}

/// [`SCHOOL`] followed by `events`.
pub fn register(events: &[String]) -> Vec<String> {
    SCHOOL
        .iter()
        .map(|e| (*e).to_owned())
        .chain(events.iter().cloned())
        .collect()
}

/// The findings of `rule` when `events` (JSON objects, listed in the order they were
/// made) are audited at `as_of` (`2024-09-10T12:00`, school time). Checks on the way
/// that every finding told by `push` is in the audit: a finding told on entry is never
/// withdrawn.
pub fn findings(rule: &str, policy: Policy, events: &[String], as_of: &str) -> Vec<Finding> {
    let mut engine = Engine::new(policy);
    let mut told = Vec::new();
    for json in events {
        let event = Event::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        told.extend(engine.push(event).unwrap());
    }
    let as_of = DateTime::parse_from_rfc3339(&format!("{as_of}:00+04:00")).unwrap();
    let report = engine.audit(as_of);
    for finding in &told {
        assert!(
            report.findings.contains(finding),
            "told on entry, missing at the audit: {finding:?}"
        );
    }
    report
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}
