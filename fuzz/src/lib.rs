//! What the fuzz targets check, as plain functions: the targets in `fuzz_targets/` call
//! them, and so do the regression tests of `tests/`, on the inputs that once failed.
//!
//! - [`read_check`]: any bytes, read as a register and checked, with bad events skipped
//!   and without: an error or a report, never a panic, a hang or unbounded memory; and
//!   the reports of the three ways in (checking the bytes, pushing what they read one by
//!   one, skipping or failing) agree.
//! - [`properties`]: a register built from the bytes with `arbitrary` ([`register`]),
//!   checked against the properties of SPEC §4 as `tests/properties.rs` states them.

use chrono::{DateTime, Duration, FixedOffset};
use ekzh::{check, check_bytes, read, Engine, Event, Finding, Lang, OnError, Policy, Report};

#[allow(dead_code)]
#[path = "../../tests/common/compare.rs"]
mod compare;
pub mod register;

use compare::{diff, json, made_at, made_order, missing_from, shuffled};
use register::{read_lines, Register};

/// Moments the bytes are checked at, one chosen by the input's length.
const AS_OF: &[&str] = &[
    "2024-09-20T18:00:00+04:00",
    "2024-11-05T00:00:00+04:00",
    "2025-01-15T12:00:00+03:00",
    "2025-07-01T00:00:00+04:00",
];

fn moment(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap_or_default()
}

/// Any bytes as a register: `check_bytes` failing on the first bad event and skipping bad
/// events, then the events read pushed one by one into an engine (bad ones skipped) and
/// audited at two moments.
///
/// Besides "no panic": skipping never fails; when nothing is bad, skipping changes
/// nothing; when something is, the report lists the event the failing check named; the
/// pushed engine's audit is the skipping check's report.
pub fn read_check(data: &[u8]) {
    let policy = Policy::default();
    let as_of = moment(
        AS_OF
            .get(data.len() % AS_OF.len())
            .copied()
            .unwrap_or_default(),
    );
    let failing = check_bytes(data, as_of, &policy, OnError::Fail);
    let skipping = check_bytes(data, as_of, &policy, OnError::Skip);
    let Ok(skipping) = skipping else {
        panic!("check_bytes failed while skipping bad events: {skipping:?}");
    };
    match &failing {
        Ok(report) => {
            assert_eq!(skipping.summary.input_errors, 0);
            same(
                report,
                &skipping,
                ("failing on bad events", "skipping them"),
            );
        }
        Err(error) => {
            let message = error.to_string();
            assert!(!message.is_empty());
            let listed = skipping.findings.iter().any(|f| {
                f.rule == "input_error"
                    && (error.event.is_none() || f.event == error.event)
                    && f.message.en.contains(error.message.get(Lang::En))
            });
            assert!(
                listed,
                "the error `{message}` is not among the skipped events:\n{}",
                json(&skipping, Lang::En)
            );
        }
    }
    let mut engine = Engine::new(policy);
    let mut events = read(data);
    while let Some(item) = events.next() {
        let line = events.line();
        let stored = ekzh::load_one(
            &mut engine,
            item.as_ref().map_err(Clone::clone),
            line,
            OnError::Skip,
        );
        assert!(stored.is_ok(), "skipping never fails");
    }
    same(
        &engine.audit(as_of),
        &skipping,
        ("push + audit", "check_bytes"),
    );
    let later = engine.audit(as_of + Duration::days(200));
    assert!(!later.to_json(Lang::Ru).is_empty());
}

/// Fails unless two reports are the same, byte for byte in both languages.
fn same(left: &Report, right: &Report, names: (&str, &str)) {
    let equal = left == right
        && json(left, Lang::Ru) == json(right, Lang::Ru)
        && json(left, Lang::En) == json(right, Lang::En);
    assert!(
        equal,
        "{} and {} differ:\n{}",
        names.0,
        names.1,
        diff(left, right, names)
    );
}

/// The case as `ekzh check` takes it, for a failure message.
fn case(register: &Register, events: &[Event]) -> String {
    let mut out = format!(
        "as_of {} · policy {} · {} events:\n",
        register.as_of().to_rfc3339(),
        register.policy_json(),
        events.len()
    );
    for event in events {
        out.push_str(&serde_json::to_string(event).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// The properties of SPEC §4 over a register built from fuzzer bytes:
///
/// - the same input gives the same report, byte for byte, and so do its JSON lines (but
///   for the lines they give);
/// - a shuffle of the input gives the same report but for `event` indices;
/// - pushing every event (or inserting some, then pushing the rest) and auditing is the
///   batch check; pushing a shuffle is, up to `event` indices;
/// - pushed in the order made (`tests/common/compare.rs`), a finding told on entry stays
///   in every later audit.
///
/// Generated events that contradict an earlier one (a class declared again with another
/// grade, a lesson moved to another date) are dropped first: such a register does not
/// load, in any order.
pub fn properties(register: &Register) {
    let Ok(policy) = Policy::from_json(register.policy_json()) else {
        panic!("a bad fuzz policy: {}", register.policy_json());
    };
    let as_of = register.as_of();
    let (events, refused) = read_lines(&register.lines());
    assert!(
        refused.is_empty(),
        "the reader refuses generated events:\n{}",
        refused.join("\n")
    );
    let mut probe = Engine::new(policy.clone());
    let events: Vec<Event> = events
        .into_iter()
        .filter(|e| probe.insert(e.clone()).is_ok())
        .collect();
    let shown = || case(register, &events);
    let batch = |events: &[Event], what: &str| -> Report {
        match check(events.iter().cloned(), as_of, &policy) {
            Ok(report) => report,
            Err(error) => panic!("{what} does not load: {error}\n{}", shown()),
        }
    };
    // Byte for byte (JSON in both languages) once; after that, equal reports (every field,
    // both languages of every message) are enough, and cheaper.
    let same_case = |left: &Report, right: &Report, names: (&str, &str)| {
        assert!(
            left == right,
            "{} and {} differ:\n{}\n{}",
            names.0,
            names.1,
            diff(left, right, names),
            shown()
        );
    };
    let up_to_events = |left: &Report, right: &Report, names: (&str, &str)| {
        assert!(
            without_event(left) == without_event(right) && left.summary == right.summary,
            "{} and {} differ beyond event indices:\n{}\n{}",
            names.0,
            names.1,
            diff(left, right, names),
            shown()
        );
    };

    // The same input, the same report; its JSON lines too.
    let expected = batch(&events, "the register");
    let again = batch(&events, "the register");
    same_case(&expected, &again, ("the first check", "the second"));
    assert!(
        json(&expected, Lang::Ru) == json(&again, Lang::Ru)
            && json(&expected, Lang::En) == json(&again, Lang::En),
        "two checks print differently\n{}",
        shown()
    );
    let mut text = String::new();
    for event in &events {
        text.push_str(&serde_json::to_string(event).unwrap_or_default());
        text.push('\n');
    }
    match check_bytes(text.as_bytes(), as_of, &policy, OnError::Fail) {
        // Read from text, findings carry their lines; given as events, none.
        Ok(read) => same_case(
            &expected,
            &unlined(read),
            ("the events", "their JSON lines"),
        ),
        Err(error) => panic!("the JSON lines do not read back: {error}\n{}", shown()),
    }

    // Any order, the same report but for event indices.
    let mixed = shuffled(&events, register.seed);
    up_to_events(
        &expected,
        &batch(&mixed, "a shuffle"),
        ("the input order", "a shuffle"),
    );

    // Push + audit is check; insert some, push the rest, too; a pushed shuffle up to indices.
    let push_all = |engine: &mut Engine, events: &[Event]| -> Vec<Finding> {
        let mut told = Vec::new();
        for event in events {
            match engine.push(event.clone()) {
                Ok(findings) => told.extend(findings),
                Err(error) => panic!("a push fails: {error}\n{}", shown()),
            }
        }
        told
    };
    let mut pushed = Engine::new(policy.clone());
    push_all(&mut pushed, &events);
    same_case(&pushed.audit(as_of), &expected, ("push + audit", "check"));
    let k = usize::from(register.split) % (events.len() + 1);
    let (first, rest) = events.split_at(k);
    let mut mixed_engine = Engine::new(policy.clone());
    for event in first {
        if let Err(error) = mixed_engine.insert(event.clone()) {
            panic!("an insert fails: {error}\n{}", shown());
        }
    }
    push_all(&mut mixed_engine, rest);
    same_case(
        &mixed_engine.audit(as_of),
        &expected,
        ("insert + push + audit", "check"),
    );
    let mut shuffled_engine = Engine::new(policy.clone());
    push_all(&mut shuffled_engine, &mixed);
    up_to_events(
        &shuffled_engine.audit(as_of),
        &expected,
        ("push of a shuffle + audit", "check"),
    );

    // Pushed in the order made, nothing told on entry is withdrawn.
    let order = made_order(&events);
    let mut engine = Engine::new(policy.clone());
    let mut told: Vec<Finding> = Vec::new();
    let mut last: Option<DateTime<FixedOffset>> = None;
    let withdrawn = |told: &[Finding], audit: &Report, when: &str| {
        let gone = missing_from(told, audit);
        assert!(
            gone.is_empty(),
            "{when}, the audit lacks findings told on entry (events pushed in the order made):\n{}\n{}",
            gone.iter()
                .map(|f| format!("  {}\n", compare::finding_line(f)))
                .collect::<String>(),
            shown()
        );
    };
    for (i, event) in order.iter().enumerate() {
        told.extend(push_all(&mut engine, std::slice::from_ref(event)));
        last = made_at(event).or(last);
        for &(stop, minutes) in register.stops.iter().take(4) {
            if usize::from(stop) == i {
                if let Some(at) = last {
                    let as_of = at + Duration::minutes(i64::from(minutes % 180));
                    withdrawn(
                        &told,
                        &engine.audit(as_of),
                        &format!("after {} events, at {as_of}", i + 1),
                    );
                }
            }
        }
    }
    let end = last.unwrap_or(as_of);
    for at in [end, as_of.max(end)] {
        withdrawn(&told, &engine.audit(at), &format!("at {at}"));
    }
}

/// The report with its findings' lines left out.
fn unlined(mut report: Report) -> Report {
    for finding in &mut report.findings {
        finding.line = None;
    }
    report
}

/// The findings with their `event` left out: what must not change when the input is
/// reordered (`compare::without_events`, without going through JSON).
fn without_event(report: &Report) -> Vec<Finding> {
    report
        .findings
        .iter()
        .map(|f| Finding {
            event: None,
            ..f.clone()
        })
        .collect()
}
