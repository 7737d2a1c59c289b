//! Comparing reports, shuffling registers, and ordering events as they were made: the
//! pieces of the SPEC §4 property tests, with failures that say what differs.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use ekzh::{Event, Finding, Lang, Report};
use serde::Serialize;
use serde_json::Value;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// A report as JSON, messages in `lang`: the bytes a face would print.
pub fn json(report: &Report, lang: Lang) -> String {
    serde_json::to_string(&report.localized(lang)).expect("a report serializes")
}

/// One finding as a JSON line, messages in Russian.
pub fn finding_line(finding: &Finding) -> String {
    serde_json::to_string(&finding.localized(Lang::Ru)).expect("a finding serializes")
}

/// A report without the lines of its findings: the same report whether the register was
/// read from text (its findings name lines) or given as events.
pub fn without_lines(report: &Report) -> Report {
    let mut report = report.clone();
    for finding in &mut report.findings {
        finding.line = None;
    }
    report
}

/// A report as JSON with both languages, with every finding's `event` (and `line`) set to
/// null: what must not change when the input is reordered.
pub fn without_events(report: &Report) -> Value {
    let mut out = Vec::new();
    for lang in [Lang::Ru, Lang::En] {
        let mut value: Value = serde_json::from_str(&json(report, lang)).expect("JSON");
        if let Some(findings) = value["findings"].as_array_mut() {
            for f in findings {
                f["event"] = Value::Null;
                f["line"] = Value::Null;
            }
        }
        out.push(value);
    }
    Value::Array(out)
}

/// What differs between two reports, for a failure message: the findings only in one of
/// them (as JSON lines, event indices included), and the summaries when they differ.
pub fn diff(left: &Report, right: &Report, names: (&str, &str)) -> String {
    let lines = |r: &Report| -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for f in &r.findings {
            *m.entry(finding_line(f)).or_default() += 1;
        }
        m
    };
    let (a, b) = (lines(left), lines(right));
    let mut out = String::new();
    for (line, n) in &a {
        let m = b.get(line).copied().unwrap_or(0);
        if *n > m {
            out.push_str(&format!("  only in {} (×{}): {line}\n", names.0, n - m));
        }
    }
    for (line, n) in &b {
        let m = a.get(line).copied().unwrap_or(0);
        if *n > m {
            out.push_str(&format!("  only in {} (×{}): {line}\n", names.1, n - m));
        }
    }
    if out.is_empty() {
        let (l, r) = (without_events(left), without_events(right));
        if l == r {
            out.push_str(
                "  the same findings up to event indices, in another order or with other indices\n",
            );
        }
        out.push_str(&format!(
            "  {}: {}\n  {}: {}\n",
            names.0,
            json(left, Lang::Ru),
            names.1,
            json(right, Lang::Ru)
        ));
    }
    if left.summary != right.summary {
        out.push_str(&format!(
            "  summary of {}: {:?}\n  summary of {}: {:?}\n",
            names.0, left.summary, names.1, right.summary
        ));
    }
    out
}

/// The items in a random order drawn from `seed`. Each item's place comes from the seed and
/// its own JSON, so that leaving an item out keeps the order of the others: a failing
/// shuffle still fails while proptest drops the events it does not need.
pub fn shuffled<T: Serialize + Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut keyed: Vec<(u64, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut h = DefaultHasher::new();
            seed.hash(&mut h);
            serde_json::to_string(item).expect("JSON").hash(&mut h);
            (h.finish(), i)
        })
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, i)| items[i].clone()).collect()
}

/// When an event was made; `None` for declarations and entries without `at`.
pub fn made_at(event: &Event) -> Option<DateTime<FixedOffset>> {
    event.made().and_then(|m| m.at)
}

/// The events in the order they were made, as a portal pushes them live: declarations and
/// entries without `at` first, then entries by `at`. Entries made at the same moment go in
/// the order a teacher makes them — the lesson, then its absences, its marks, homework —
/// and otherwise in input order.
pub fn made_order(events: &[Event]) -> Vec<Event> {
    let mut order: Vec<&Event> = events.iter().collect();
    order.sort_by_key(|e| (made_at(e), rank(e)));
    order.into_iter().cloned().collect()
}

/// Where an entry goes among entries made at the same moment.
fn rank(event: &Event) -> u8 {
    match event {
        e if e.made().is_none() => 0,
        Event::StudentLeft(_) | Event::GroupChange(_) | Event::ThematicPlan(_) => 1,
        Event::Lesson(_) => 2,
        Event::Attendance(_) => 3,
        Event::Mark(_) => 4,
        Event::Homework(_) => 5,
        Event::FinalMark(_) => 6,
        _ => 7,
    }
}

/// The findings of `told` that `report` lacks (as a multiset: a finding told twice must be
/// there twice).
pub fn missing_from<'a>(told: &'a [Finding], report: &Report) -> Vec<&'a Finding> {
    let mut have: Vec<Option<&Finding>> = report.findings.iter().map(Some).collect();
    let mut out = Vec::new();
    for f in told {
        match have.iter_mut().find(|h| h.is_some_and(|h| h == f)) {
            Some(slot) => *slot = None,
            None => out.push(f),
        }
    }
    out
}
