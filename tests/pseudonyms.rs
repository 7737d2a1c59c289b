//! Pseudonyms (SPEC §9): with a key, every register reports the same findings as without
//! one, its children and parents named by pseudonym only — no id or name of theirs
//! anywhere in the report — and the same key gives the same report every time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeSet;

use ekzh::{Engine, Finding, OnError, Policy, Pseudonyms, Report};
use serde_json::Value;

const KEY: &[u8] = b"the region's key: 32 bytes long.";

/// The ids and names of the children and parents an input names, and the ids and names of
/// everything else (which may be the same text, and are shown).
#[derive(Default)]
struct People {
    persons: BTreeSet<String>,
    others: BTreeSet<String>,
}

impl People {
    fn of(events: &[Value]) -> People {
        let mut people = People::default();
        let text = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let mut authors = Vec::new();
        for event in events {
            let ty = event["type"].as_str().unwrap_or_default();
            for (key, value) in event.as_object().into_iter().flatten() {
                let values: Vec<String> = match value {
                    Value::Array(items) => items.iter().filter_map(text).collect(),
                    other => text(other).into_iter().collect(),
                };
                let person = match (ty, key.as_str()) {
                    ("student" | "parent", "id" | "name") => true,
                    (_, "student" | "students" | "parent" | "children") => true,
                    (_, "by") => {
                        authors.extend(values.clone());
                        continue;
                    }
                    (
                        _,
                        "id" | "name" | "class" | "classes" | "teacher" | "lesson" | "period"
                        | "group",
                    ) => false,
                    _ => continue,
                };
                if person {
                    people.persons.extend(values);
                } else {
                    people.others.extend(values);
                }
            }
        }
        // An author is a child or a parent when declared so; else they are shown.
        for author in authors {
            if !people.persons.contains(&author) {
                people.others.insert(author);
            }
        }
        people.persons = &people.persons - &people.others;
        people
    }

    /// Fails when the text shows a child's or a parent's id or name: as the whole text, or
    /// as a word of it.
    fn assert_absent(&self, text: &str, what: &str) {
        for person in &self.persons {
            assert!(
                !common::shows_word(text, person),
                "{what} shows `{person}`:\n{text}"
            );
        }
    }
}

/// A register's events as JSON values, and its report with and without pseudonyms (twice).
fn check(text: &str, as_of: &str, policy: &Policy, on_error: OnError) -> [Report; 3] {
    let as_of = chrono::DateTime::parse_from_rfc3339(as_of).unwrap();
    let plain = ekzh::check_bytes(text.as_bytes(), as_of, policy, on_error).unwrap();
    let hidden = || {
        let key = Pseudonyms::new(KEY).unwrap();
        let mut engine = Engine::with_pseudonyms(policy.clone(), key);
        ekzh::load_bytes(&mut engine, text.as_bytes(), on_error).unwrap();
        engine.audit(as_of)
    };
    [plain, hidden(), hidden()]
}

/// A finding as the plain report would show it with pseudonyms, its message left out.
fn hide(finding: &Finding, people: &People, key: &Pseudonyms) -> Finding {
    let person = |id: &String| {
        if people.persons.contains(id) {
            key.of(id)
        } else {
            id.clone()
        }
    };
    let mut students: Option<Vec<String>> = finding
        .students
        .as_ref()
        .map(|s| s.iter().map(person).collect());
    if let Some(list) = &mut students {
        list.sort();
    }
    Finding {
        message: Default::default(),
        student: finding.student.as_ref().map(person),
        parent: finding.parent.as_ref().map(person),
        teacher: finding.teacher.as_ref().map(person),
        students,
        ..finding.clone()
    }
}

fn without_messages(findings: &[Finding]) -> Vec<String> {
    let mut out: Vec<String> = findings
        .iter()
        .map(|f| {
            let f = Finding {
                message: Default::default(),
                ..f.clone()
            };
            format!("{f:?}")
        })
        .collect();
    out.sort();
    out
}

fn assert_hidden(
    name: &str,
    events: &[Value],
    text: &str,
    as_of: &str,
    policy: &Policy,
    on_error: OnError,
) {
    let people = People::of(events);
    let key = Pseudonyms::new(KEY).unwrap();
    let [plain, hidden, again] = check(text, as_of, policy, on_error);
    let expected: Vec<Finding> = plain
        .findings
        .iter()
        .map(|f| hide(f, &people, &key))
        .collect();
    assert_eq!(
        without_messages(&hidden.findings),
        without_messages(&expected),
        "{name}: the findings differ from the plain report's"
    );
    assert_eq!(hidden.summary.by_rule, plain.summary.by_rule, "{name}");
    for lang in [ekzh::Lang::Ru, ekzh::Lang::En] {
        let json = hidden.to_json(lang);
        assert_eq!(json, again.to_json(lang), "{name}: two runs differ");
        people.assert_absent(&json, name);
    }
    assert!(hidden.names.students.is_empty() && hidden.names.parents.is_empty());
}

#[test]
fn every_fixture_reports_the_same_findings_by_pseudonym() {
    for fixture in common::rule_fixtures() {
        let loaded = common::load(&fixture.path);
        let value: Value = serde_json::from_str(&loaded.text).unwrap();
        let events = value["events"].as_array().unwrap();
        assert_hidden(
            &fixture.name(),
            events,
            &loaded.text,
            &loaded.as_of.to_rfc3339(),
            &loaded.policy,
            loaded.on_error(),
        );
    }
}

#[test]
fn a_generated_school_with_mistakes_names_no_child() {
    let options = ekzh_gen::Options {
        classes: 4,
        weeks: 10,
        seed: 5,
        violations: 0.03,
        ..ekzh_gen::Options::default()
    };
    let mut bytes = Vec::new();
    let generated = ekzh_gen::generate(&options, &mut bytes).unwrap();
    assert!(generated.mistakes.len() > 50);
    let text = String::from_utf8(bytes).unwrap();
    let events: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let as_of = generated.as_of.to_rfc3339();
    assert_hidden(
        "generated",
        &events,
        &text,
        &as_of,
        &Policy::default(),
        OnError::Fail,
    );
}

#[test]
fn entries_made_by_a_child_or_a_parent_name_them_by_pseudonym() {
    let text = r#"
{"type":"class","id":"5a","grade":5,"name":"5А"}
{"type":"staff","id":"t1","name":"Иванова Ирина Ивановна","roles":["teacher"],"classes":["5a"]}
{"type":"student","id":"s1","class":"5a","name":"Петров Пётр"}
{"type":"parent","id":"p1","name":"Петрова Мария","children":["s1"]}
{"type":"period","id":"q1","kind":"quarter","start":"2024-09-02","end":"2024-10-25"}
{"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Числа","at":"2024-09-02T09:15:00+04:00","by":"t1"}
{"type":"mark","lesson":"l1","student":"s1","value":5,"at":"2024-09-02T20:00:00+04:00","by":"s1"}
{"type":"final_mark","student":"s1","subject":"Математика","period":"q1","value":5,"at":"2024-09-03T20:00:00+04:00","by":"p1"}
{"type":"mark","lesson":"l1","student":"s9","value":5,"at":"2024-09-02T20:00:00+04:00","by":"t1"}
"#;
    let events: Vec<Value> = text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_hidden(
        "authors",
        &events,
        text,
        "2024-09-05T12:00:00+04:00",
        &Policy::default(),
        OnError::Fail,
    );
    let [plain, hidden, _] = check(
        text,
        "2024-09-05T12:00:00+04:00",
        &Policy::default(),
        OnError::Fail,
    );
    let rules = |r: &Report| r.findings.iter().map(|f| f.rule).collect::<BTreeSet<_>>();
    assert!(rules(&plain).contains("entry_not_permitted"));
    assert!(rules(&plain).contains("unknown_reference"));
    let key = Pseudonyms::new(KEY).unwrap();
    let by_parent = hidden
        .findings
        .iter()
        .find(|f| f.rule == "entry_not_permitted" && f.parent.is_some())
        .unwrap();
    assert_eq!(by_parent.parent, Some(key.of("p1")));
    assert!(
        by_parent.message.ru.contains(&key.of("p1")),
        "{}",
        by_parent.message.ru
    );
}

#[test]
fn a_bad_event_is_reported_without_what_it_quotes() {
    let text = r#"{"type":"student","id":"s1","class":"5a","since":"Петров Пётр"}"#;
    let key = Pseudonyms::new(KEY).unwrap();
    let mut engine = Engine::with_pseudonyms(Policy::default(), key.clone());
    let error = ekzh::load_bytes(&mut engine, text.as_bytes(), OnError::Fail).unwrap_err();
    assert_eq!(error.field.as_deref(), Some("since"));
    assert!(!error.to_string().contains("Петров"), "{error}");
    let mut engine = Engine::with_pseudonyms(Policy::default(), key);
    ekzh::load_bytes(&mut engine, text.as_bytes(), OnError::Skip).unwrap();
    let report = engine.audit("2024-09-05T12:00:00+04:00".parse().unwrap());
    assert_eq!(report.findings[0].rule, "input_error");
    assert!(!report.to_json(ekzh::Lang::Ru).contains("Петров"));
}
