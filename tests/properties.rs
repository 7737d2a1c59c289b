//! The four properties of SPEC §4, over random registers and over every rule fixture:
//!
//! - the same input gives the same report, byte for byte;
//! - the order of the input does not change the report, except the `event` indices;
//! - pushing events one by one and auditing at `as_of` gives the batch check's report, and
//!   a finding told on entry is never withdrawn when entries are pushed as they were made;
//! - a clean register reports nothing.
//!
//! A failing case prints as JSON lines (with its `as_of` and policy), shrunk by proptest:
//! save the lines and run `ekzh check case.ndjson --as-of AS_OF` to see it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use common::compare::{
    diff, finding_line, json, made_at, made_order, missing_from, shuffled, without_events,
    without_lines,
};
use common::registers::{register, Case};
use common::{load, rule_fixtures};
use ekzh::{check, check_bytes, Engine, Event, Finding, Lang, OnError, Report};
use proptest::prelude::*;
use proptest::sample::Index;

/// 128 cases each, unless `PROPTEST_CASES` says otherwise (a longer run:
/// `PROPTEST_CASES=5000 cargo test --release --test properties`).
fn config() -> ProptestConfig {
    let mut config = ProptestConfig {
        max_shrink_iters: 4096,
        ..ProptestConfig::default()
    };
    if std::env::var("PROPTEST_CASES").is_err() {
        config.cases = 128;
    }
    config
}

fn batch(case: &Case, events: &[Event], as_of: DateTime<FixedOffset>) -> Report {
    check(events.iter().cloned(), as_of, &case.policy).expect("the register loads")
}

/// Pushes every event, returning what each push told.
fn push_all(engine: &mut Engine, events: &[Event]) -> Vec<Finding> {
    let mut told = Vec::new();
    for event in events {
        told.extend(engine.push(event.clone()).expect("the event is stored"));
    }
    told
}

/// Fails with both reports' differences unless they are equal, byte for byte in both
/// languages.
/// Fails unless two reports are equal but for the lines of their findings, which only a
/// register read from text has.
fn same_report(left: &Report, right: &Report, names: (&str, &str)) -> Result<(), TestCaseError> {
    let (left, right) = (&without_lines(left), &without_lines(right));
    let equal = left == right
        && json(left, Lang::Ru) == json(right, Lang::Ru)
        && json(left, Lang::En) == json(right, Lang::En);
    prop_assert!(
        equal,
        "{} and {} differ:\n{}",
        names.0,
        names.1,
        diff(left, right, names)
    );
    Ok(())
}

/// Fails unless two reports are equal once `event` indices are left out.
fn same_up_to_events(
    left: &Report,
    right: &Report,
    names: (&str, &str),
) -> Result<(), TestCaseError> {
    prop_assert!(
        without_events(left) == without_events(right) && left.summary == right.summary,
        "{} and {} differ beyond event indices:\n{}",
        names.0,
        names.1,
        diff(left, right, names)
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// The same input gives the same report, byte for byte; and the register read back from
    /// its JSON lines gives it too.
    #[test]
    fn the_same_input_gives_the_same_report(case in register()) {
        let first = batch(&case, &case.events, case.as_of);
        let second = batch(&case, &case.events, case.as_of);
        same_report(&first, &second, ("the first check", "the second check"))?;
        let read = check_bytes(case.ndjson().as_bytes(), case.as_of, &case.policy, OnError::Fail)
            .expect("the JSON lines read back");
        same_report(&first, &read, ("the events", "their JSON lines"))?;
        let (events, as_of, policy) = (case.events.clone(), case.as_of, case.policy.clone());
        let elsewhere = std::thread::spawn(move || check(events, as_of, &policy).unwrap())
            .join()
            .unwrap();
        same_report(&first, &elsewhere, ("this thread", "another thread"))?;
    }

    /// Any shuffle of the input gives the same report but for the `event` indices.
    #[test]
    fn the_order_of_the_input_does_not_matter(case in register(), seed in any::<u64>()) {
        let straight = batch(&case, &case.events, case.as_of);
        let events = shuffled(&case.events, seed);
        let mixed = batch(&case, &events, case.as_of);
        same_up_to_events(&straight, &mixed, ("the input order", &format!("shuffle {seed}")))?;
    }

    /// Pushing every event, or inserting some and pushing the rest, then auditing at `as_of`
    /// gives exactly the batch check's report; pushing a shuffle gives it up to event indices.
    #[test]
    fn push_then_audit_is_check(case in register(), split in any::<Index>(), seed in any::<u64>()) {
        let expected = batch(&case, &case.events, case.as_of);

        let mut pushed = Engine::new(case.policy.clone());
        push_all(&mut pushed, &case.events);
        same_report(&pushed.audit(case.as_of), &expected, ("push + audit", "check"))?;

        let k = split.index(case.events.len() + 1);
        let mut mixed = Engine::new(case.policy.clone());
        for event in &case.events[..k] {
            mixed.insert(event.clone()).expect("the event is stored");
        }
        push_all(&mut mixed, &case.events[k..]);
        same_report(&mixed.audit(case.as_of), &expected, (&format!("insert {k} + push"), "check"))?;

        let mut shuffled_engine = Engine::new(case.policy.clone());
        push_all(&mut shuffled_engine, &shuffled(&case.events, seed));
        same_up_to_events(
            &shuffled_engine.audit(case.as_of),
            &expected,
            (&format!("push of shuffle {seed} + audit"), "check"),
        )?;
    }

    /// Settling the register (its lessons and their entries laid out class by class) at any
    /// points between events, once or more, changes nothing: each push tells what it tells
    /// in a register never settled, and the audit gives the batch check's report.
    #[test]
    fn settling_changes_no_finding(
        case in register(),
        stops in proptest::collection::vec(any::<Index>(), 1..4),
    ) {
        let expected = batch(&case, &case.events, case.as_of);
        let stops: Vec<usize> = stops.iter().map(|s| s.index(case.events.len() + 1)).collect();
        let (mut plain, mut settled) = (Engine::new(case.policy.clone()), Engine::new(case.policy.clone()));
        for (i, event) in case.events.iter().enumerate() {
            if stops.contains(&i) {
                settled.settle();
            }
            let told = plain.push(event.clone()).expect("the event is stored");
            let told_settled = settled.push(event.clone()).expect("the event is stored");
            prop_assert_eq!(told, told_settled, "event {} told otherwise once settled at {:?}", i, stops);
        }
        if stops.contains(&case.events.len()) {
            settled.settle();
        }
        same_report(&settled.audit(case.as_of), &expected, (&format!("settled at {stops:?}"), "check"))?;
    }

    /// Pushed in the order they were made, entries are told findings that every later audit
    /// keeps: the audits taken along the way (at the moment of the entry just pushed, or a
    /// little after), and the audit at or after the last entry.
    #[test]
    fn a_finding_told_on_entry_is_never_withdrawn(
        case in register(),
        stops in proptest::collection::vec(any::<Index>(), 0..4),
        after in 0..(60 * 24 * 30i64),
    ) {
        let order = made_order(&case.events);
        let stops: Vec<usize> = stops.iter().map(|s| s.index(order.len().max(1))).collect();
        let mut engine = Engine::new(case.policy.clone());
        let mut told: Vec<Finding> = Vec::new();
        let mut last: Option<DateTime<FixedOffset>> = None;
        for (i, event) in order.iter().enumerate() {
            let findings = engine.push(event.clone()).expect("the event is stored");
            told.extend(findings);
            last = made_at(event).or(last);
            if let (true, Some(at)) = (stops.contains(&i), last) {
                let as_of = at + Duration::minutes(after % 180);
                let audit = engine.audit(as_of);
                let gone = missing_from(&told, &audit);
                prop_assert!(
                    gone.is_empty(),
                    "after pushing {} events in the order made, the audit at {as_of} lacks findings told on entry:\n{}",
                    i + 1,
                    explain_withdrawn(&gone, &order)
                );
            }
        }
        let end = last.unwrap_or(case.as_of);
        for as_of in [end, end + Duration::minutes(after), case.as_of.max(end)] {
            let audit = engine.audit(as_of);
            let gone = missing_from(&told, &audit);
            prop_assert!(
                gone.is_empty(),
                "the audit at {as_of} lacks findings told on entry (events pushed in the order made):\n{}\nthe audit has:\n{}",
                explain_withdrawn(&gone, &order),
                audit.findings.iter().map(|f| format!("  {}\n", finding_line(f))).collect::<String>()
            );
        }
    }

    /// The clean fixtures report nothing, whatever the order of their events.
    #[test]
    fn clean_fixtures_report_nothing_in_any_order(which in any::<Index>(), seed in any::<u64>()) {
        let clean: Vec<_> = rule_fixtures().into_iter().filter(|f| f.case == "clean").collect();
        let fixture = which.get(&clean);
        let report = fixture_shuffled(&fixture.path, seed);
        prop_assert!(
            report.findings.is_empty(),
            "{} (shuffle {seed}) reports:\n{}",
            fixture.name(),
            report.findings.iter().map(|f| format!("  {}\n", finding_line(f))).collect::<String>()
        );
    }
}

/// The findings a push told and an audit lacks, each with the entry it is about and the
/// entries made at the same moment (whose order a push cannot know).
fn explain_withdrawn(gone: &[&Finding], order: &[Event]) -> String {
    let mut out = String::new();
    for f in gone {
        out.push_str(&format!("  told: {}\n", finding_line(f)));
        let Some(entry) = f.event.and_then(|i| order.get(i)) else {
            continue;
        };
        out.push_str(&format!(
            "    about event {}: {}\n",
            f.event.unwrap_or_default(),
            serde_json::to_string(entry).unwrap()
        ));
        let same: Vec<usize> = order
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                Some(*i) != f.event && e.made().is_some() && made_at(e) == made_at(entry)
            })
            .map(|(i, _)| i)
            .collect();
        if !same.is_empty() {
            out.push_str(&format!(
                "    entries made at the same moment (pushed in the order a teacher makes them): events {same:?}\n"
            ));
        }
    }
    out
}

/// A fixture's events in the order of a seeded shuffle (seed 0: as written), checked at its
/// `as_of` as a face would check it (bad events skipped when the fixture says so).
fn fixture_shuffled(path: &std::path::Path, seed: u64) -> Report {
    let loaded = load(path);
    let value: serde_json::Value = serde_json::from_str(&loaded.text).unwrap();
    let events = value["events"].as_array().unwrap().clone();
    let events = if seed == 0 {
        events
    } else {
        shuffled(&events, seed)
    };
    let text = serde_json::to_string(&events).unwrap();
    check_bytes(
        text.as_bytes(),
        loaded.as_of,
        &loaded.policy,
        loaded.on_error(),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every fixture, in a few fixed shuffles: the same report up to event indices.
#[test]
fn every_fixture_in_any_order() {
    let mut failures = Vec::new();
    for fixture in rule_fixtures() {
        let straight = fixture_shuffled(&fixture.path, 0);
        for seed in [1, 2, 3, 0xEC2, u64::MAX] {
            let mixed = fixture_shuffled(&fixture.path, seed);
            if without_events(&straight) != without_events(&mixed)
                || straight.summary != mixed.summary
            {
                failures.push(format!(
                    "{} shuffled with seed {seed}:\n{}",
                    fixture.name(),
                    diff(&straight, &mixed, ("as written", "shuffled"))
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every fixture pushed event by event (bad events skipped) and audited at its `as_of`:
/// exactly the batch check's report.
#[test]
fn every_fixture_push_then_audit_is_check() {
    let mut failures = Vec::new();
    for fixture in rule_fixtures() {
        let loaded = load(&fixture.path);
        let expected = check_bytes(
            loaded.text.as_bytes(),
            loaded.as_of,
            &loaded.policy,
            loaded.on_error(),
        )
        .unwrap();
        for split in [0, 3, usize::MAX] {
            let mut engine = Engine::new(loaded.policy.clone());
            let mut read = ekzh::read(loaded.text.as_bytes());
            let mut i = 0;
            while let Some(item) = read.next() {
                // Each event with its line, as the batch check reads it.
                let line = read.line();
                let stored = item.and_then(|event| {
                    if i < split {
                        engine.insert_read(&event, line)
                    } else {
                        engine.push_read(&event, line).map(drop)
                    }
                });
                i += 1;
                match stored {
                    Ok(()) => {}
                    Err(error) if loaded.skip_invalid => engine.skip(&error),
                    Err(error) => panic!("{}: {error}", fixture.name()),
                }
            }
            let audit = engine.audit(loaded.as_of);
            if audit != expected || json(&audit, Lang::En) != json(&expected, Lang::En) {
                failures.push(format!(
                    "{} (insert the first {split}, push the rest):\n{}",
                    fixture.name(),
                    diff(&audit, &expected, ("push + audit", "check"))
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every fixture pushed in the order its entries were made: what the pushes told is in the
/// audit at its `as_of` (or at its last entry, when that is later); a clean fixture's pushes
/// tell nothing.
#[test]
fn every_fixture_keeps_what_its_pushes_told() {
    let mut failures = Vec::new();
    for fixture in rule_fixtures() {
        let loaded = load(&fixture.path);
        let order = made_order(&loaded.events());
        let mut engine = Engine::new(loaded.policy.clone());
        let told = push_all(&mut engine, &order);
        if fixture.case == "clean" && !told.is_empty() {
            failures.push(format!(
                "{}: its pushes told\n{}",
                fixture.name(),
                explain_withdrawn(&told.iter().collect::<Vec<_>>(), &order)
            ));
        }
        let last = order.iter().filter_map(made_at).max();
        let as_of = last.map_or(loaded.as_of, |last| last.max(loaded.as_of));
        let gone = missing_from(&told, &engine.audit(as_of));
        if !gone.is_empty() {
            failures.push(format!(
                "{}: the audit at {as_of} lacks\n{}",
                fixture.name(),
                explain_withdrawn(&gone, &order)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The random registers hold what the properties are meant to range over: every type of
/// event, every attendance code, mark value, kind of work and basis, `na` final marks,
/// entries without `at` or `by`, lesson updates, empty and individual homework, references
/// to undeclared ids, grade-1 classes, periods for some grades, PE sections.
#[test]
fn random_registers_cover_the_register() {
    use ekzh::event::{AttendanceCode, Basis, FinalValue, WorkKind};
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::{BTreeMap, BTreeSet};

    let mut runner = TestRunner::deterministic();
    let strategy = register();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for _ in 0..150 {
        let case = strategy.new_tree(&mut runner).unwrap().current();
        assert!(
            case.refused.is_empty(),
            "the reader refuses {:?}",
            case.refused
        );
        let mut versions: BTreeMap<&str, usize> = BTreeMap::new();
        for event in &case.events {
            seen.insert(format!("type {}", event.type_name()));
            if let Some(made) = event.made() {
                if made.at.is_none() {
                    seen.insert("no at".into());
                }
                if made.by.is_none() {
                    seen.insert("no by".into());
                }
            }
            if serde_json::to_string(event).unwrap().contains("x404") {
                seen.insert("undeclared id".into());
            }
            match event {
                Event::Attendance(a) => {
                    seen.insert(format!("code {}", a.code));
                }
                Event::Mark(m) => {
                    seen.insert(format!("mark {}", m.value.get()));
                    if let Some(w) = m.work {
                        seen.insert(format!("work {w}"));
                    }
                    if let Some(b) = m.basis {
                        seen.insert(format!("basis {b}"));
                    }
                }
                Event::FinalMark(f) => {
                    seen.insert(match f.value {
                        FinalValue::NotAttested => "final na".into(),
                        FinalValue::Mark(_) => "final mark".into(),
                    });
                }
                Event::Homework(h) => {
                    if !h.text.chars().any(char::is_alphanumeric) {
                        seen.insert("empty homework".into());
                    }
                    if !h.students.is_empty() {
                        seen.insert("individual homework".into());
                    }
                }
                Event::Lesson(l) => {
                    *versions.entry(&l.id).or_default() += 1;
                    if l.section.is_some() {
                        seen.insert("PE section".into());
                    }
                    if !l.briefing.is_empty() {
                        seen.insert("briefing".into());
                    }
                }
                Event::Class(c) if c.grade == 1 => {
                    seen.insert("grade 1".into());
                }
                Event::Period(p) if p.grades.is_some() => {
                    seen.insert("period for some grades".into());
                }
                _ => {}
            }
        }
        if versions.values().any(|n| *n > 1) {
            seen.insert("lesson updated".into());
        }
    }
    let mut wanted: Vec<String> = [
        "period",
        "class",
        "staff",
        "student",
        "parent",
        "student_left",
        "group_change",
        "home_schooling",
        "sanatorium",
        "parent_opt_out",
        "thematic_plan",
        "lesson",
        "attendance",
        "mark",
        "homework",
        "final_mark",
        "incident",
        "diary_view",
        "paper_report",
        "journal_export",
        "annual_decision",
        "parent_notice",
    ]
    .iter()
    .map(|t| format!("type {t}"))
    .collect();
    wanted.extend(AttendanceCode::ALL.iter().map(|c| format!("code {c}")));
    wanted.extend((1..=5).map(|v| format!("mark {v}")));
    wanted.extend(WorkKind::ALL.iter().map(|w| format!("work {w}")));
    wanted.extend(Basis::ALL.iter().map(|b| format!("basis {b}")));
    wanted.extend(
        [
            "no at",
            "no by",
            "undeclared id",
            "final na",
            "final mark",
            "empty homework",
            "individual homework",
            "PE section",
            "briefing",
            "grade 1",
            "period for some grades",
            "lesson updated",
        ]
        .map(String::from),
    );
    let missing: Vec<&String> = wanted.iter().filter(|w| !seen.contains(*w)).collect();
    assert!(missing.is_empty(), "never generated: {missing:?}");
}

// Regressions: registers the properties found wrong, kept as plain tests.

fn events(lines: &str) -> Vec<Event> {
    lines
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Event::from_json(l).unwrap())
        .collect()
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// Pushes `lines` in order and returns what the pushes told and the audit at `as_of`.
fn push_and_audit(lines: &str, as_of: &str) -> (Vec<Finding>, Report) {
    let mut engine = Engine::new(ekzh::Policy::default());
    let told = push_all(&mut engine, &events(lines));
    (told, engine.audit(at(as_of)))
}

/// An entry without `at` was judged on push against the register as stored, and at the
/// audit against the register at `as_of`: a lesson update made later changed the finding
/// told on push (here, the teacher it names), and the audit no longer had it.
#[test]
fn an_entry_without_at_names_the_same_teacher_at_push_and_audit() {
    let (told, audit) = push_and_audit(
        r#"
        {"type":"class","id":"5a","grade":5,"name":"5А"}
        {"type":"student","id":"s6","class":"5a","since":"2024-10-04"}
        {"type":"lesson","id":"l3","class":"5a","subject":"Химия","teacher":"t2","date":"2024-09-02","start":"08:30","end":"09:15","by":"t2"}
        {"type":"attendance","lesson":"l3","student":"s6","code":"absent","by":"t2"}
        {"type":"lesson","id":"l3","class":"5a","subject":"Химия","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Вводный инструктаж","at":"2024-09-02T09:15:00+04:00","by":"t1"}
        "#,
        "2024-09-02T12:00:00+04:00",
    );
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].rule, "student_not_in_lesson");
    assert_eq!(told[0].teacher.as_deref(), Some("t2"));
    assert!(audit.findings.contains(&told[0]), "{audit:?}");
}

/// The same for a fact recorded later: a mark without `at` for a student outside the
/// lesson's subgroup stays a finding when a group change, made later and dated before the
/// lesson, moves the student into it. The mark counts as made before the change.
#[test]
fn an_entry_without_at_is_judged_before_later_entries() {
    let (told, audit) = push_and_audit(
        r#"
        {"type":"class","id":"5a","grade":5,"name":"5А"}
        {"type":"student","id":"s1","class":"5a","groups":{"Информатика":"1"}}
        {"type":"lesson","id":"l1","class":"5a","group":"2","subject":"Информатика","teacher":"t1","date":"2024-09-10","start":"08:30","end":"09:15","topic":"Алгоритмы"}
        {"type":"mark","lesson":"l1","student":"s1","value":5}
        {"type":"group_change","student":"s1","subject":"Информатика","group":"2","date":"2024-09-09","at":"2024-09-12T10:00:00+04:00","by":"adm"}
        "#,
        "2024-09-20T12:00:00+04:00",
    );
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].rule, "student_not_in_lesson");
    assert!(audit.findings.contains(&told[0]), "{audit:?}");
}
