//! The generator: clean registers are clean, registers with mistakes have each mistake
//! reported by its rule, and the same options write the same bytes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use ekzh::{check_bytes, OnError, Policy, Report};
use ekzh_gen::{generate, Generated, Options, Shape};
use proptest::prelude::*;

fn make(options: &Options) -> (Vec<u8>, Generated) {
    let mut out = Vec::new();
    let generated = generate(options, &mut out).unwrap();
    (out, generated)
}

fn report(bytes: &[u8], generated: &Generated) -> Report {
    check_bytes(bytes, generated.as_of, &Policy::default(), OnError::Fail).unwrap()
}

fn options(classes: u32, weeks: u32, seed: u64) -> Options {
    Options {
        classes,
        weeks,
        seed,
        ..Options::default()
    }
}

/// The findings of a register that should have none, for the failure message.
fn findings(report: &Report) -> String {
    let by_rule: BTreeMap<&str, usize> =
        report.findings.iter().fold(BTreeMap::new(), |mut m, f| {
            *m.entry(f.rule).or_default() += 1;
            m
        });
    let first: Vec<String> = report
        .findings
        .iter()
        .take(5)
        .map(|f| format!("{} (event {:?}): {}", f.rule, f.event, f.message.en))
        .collect();
    format!("{by_rule:?}\n{}", first.join("\n"))
}

fn assert_clean(options: &Options) {
    let (bytes, generated) = make(options);
    assert!(generated.mistakes.is_empty());
    let report = report(&bytes, &generated);
    assert!(
        report.findings.is_empty(),
        "{options:?} is not clean:\n{}",
        findings(&report)
    );
    assert_eq!(report.summary.events as u64, generated.events);
    assert_eq!(report.summary.entries_without_at, 0);
}

#[test]
fn clean_registers_report_nothing() {
    for (classes, weeks, seed) in [(3, 8, 1), (11, 12, 2), (2, 19, 7)] {
        assert_clean(&options(classes, weeks, seed));
    }
}

#[test]
fn a_whole_clean_year_reports_nothing() {
    // The end of the year too: year marks, decisions, exports, programmes completed.
    assert_clean(&options(4, 34, 3));
    assert_clean(&Options {
        start: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
        ..options(2, 40, 11)
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn small_clean_registers_report_nothing(
        classes in 1u32..=4,
        weeks in prop_oneof![1u32..=12, Just(34)],
        seed in any::<u64>(),
        start in 0i64..16,
    ) {
        let start = NaiveDate::from_ymd_opt(2024, 8, 26).unwrap() + chrono::Duration::days(start);
        let options = Options { classes: if weeks == 34 { 1 } else { classes }, weeks, seed, violations: 0.0, start, ..Options::default() };
        let (bytes, generated) = make(&options);
        let report = report(&bytes, &generated);
        prop_assert!(report.findings.is_empty(), "{:?} is not clean:\n{}", options, findings(&report));
    }
}

#[test]
fn the_same_options_write_the_same_register() {
    let (a, _) = make(&options(3, 6, 42));
    let (b, _) = make(&options(3, 6, 42));
    assert_eq!(a, b);
    let (c, _) = make(&options(3, 6, 43));
    assert_ne!(a, c);
}

#[test]
fn events_are_written_in_the_order_they_were_made() {
    let (bytes, generated) = make(&options(3, 5, 5));
    let text = String::from_utf8(bytes).unwrap();
    let mut last = String::new();
    let mut lines = 0;
    for line in text.lines() {
        lines += 1;
        let event: serde_json::Value = serde_json::from_str(line).unwrap();
        if let Some(at) = event["at"].as_str() {
            assert!(at >= last.as_str(), "{at} after {last}");
            last = at.to_owned();
        }
    }
    assert_eq!(lines as u64, generated.events);
}

/// The mistakes listed are exactly the findings: each mistake made on purpose is reported
/// by its rule, nothing is reported that is not listed, and each rule reports as many
/// findings as it has mistakes listed (for the rules the catalogue has).
#[test]
fn the_mistakes_listed_are_the_findings() {
    let rules: HashSet<&str> = ekzh::catalogue().map(|r| r.id).collect();
    let mut injected: HashMap<&str, usize> = HashMap::new();
    // Registers that end at various points of the year: a mistake whose entry would come
    // after the end is listed as what the check sees instead.
    // Another school's policy: its deadlines, limits and weights, kept or missed.
    let other = r#"{"final_marks_publish_within": 48, "homework_deadline_after_last_lesson": 30,
        "absence_reason_within_days": 3, "paper_report_every_days": 7, "thematic_plan_grace_days": 7,
        "long_absence_lessons": 2, "protected_lessons_after_absence": 1,
        "min_marks_for_final": {"quarter": 2, "half_year": 4}, "no_marks_grades": [1, 2],
        "final_mark_tolerance": 0.6, "mark_weights": {"control_work": 2}}"#;
    let cases = [
        (4, 34, 5, 0.02, "{}"),
        (6, 10, 6, 0.05, "{}"),
        (6, 34, 9, 0.3, "{}"),
        (3, 8, 1, 0.02, "{}"),
        (3, 27, 81, 0.25, "{}"),
        (2, 9, 3, 0.2, "{}"),
        (4, 34, 3, 0.1, other),
    ];
    for (classes, weeks, seed, rate, policy) in cases {
        let policy = Policy::from_json(policy).unwrap();
        let options = Options {
            violations: rate,
            policy: policy.clone(),
            ..options(classes, weeks, seed)
        };
        let (bytes, generated) = make(&options);
        let report = check_bytes(&bytes, generated.as_of, &policy, OnError::Fail).unwrap();
        let listed: Vec<_> = generated
            .mistakes
            .iter()
            .filter(|m| rules.contains(m.rule))
            .collect();
        // By rule, or the comparisons take minutes.
        let mut findings_of: HashMap<&str, Vec<&ekzh::Finding>> = HashMap::new();
        for f in &report.findings {
            findings_of.entry(f.rule).or_default().push(f);
        }
        let mut mistakes_of: HashMap<&str, Vec<&ekzh_gen::Mistake>> = HashMap::new();
        for m in &listed {
            mistakes_of.entry(m.rule).or_default().push(m);
        }
        let mut missed = Vec::new();
        for m in &listed {
            *injected.entry(m.rule).or_default() += 1;
            let found = findings_of.get(m.rule).into_iter().flatten();
            if !found.into_iter().any(|f| m.found_by(f)) {
                missed.push(format!("{m:?}"));
            }
        }
        let unlisted: Vec<String> = report
            .findings
            .iter()
            .filter(|f| {
                let listed = mistakes_of.get(f.rule).into_iter().flatten();
                !listed.into_iter().any(|m| m.found_by(f))
            })
            .map(|f| format!("{} (event {:?}): {}", f.rule, f.event, f.message.en))
            .collect();
        let mut by_mistakes: BTreeMap<&str, usize> = BTreeMap::new();
        for m in &listed {
            *by_mistakes.entry(m.rule).or_default() += 1;
        }
        let mut by_findings: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &report.findings {
            *by_findings.entry(f.rule).or_default() += 1;
        }
        assert!(
            missed.is_empty() && unlisted.is_empty() && by_mistakes == by_findings,
            "{options:?}: {} of {} mistakes not reported, {} findings not listed, e.g.:\n{}\n{}\nlisted {by_mistakes:?}\nfound {by_findings:?}",
            missed.len(),
            listed.len(),
            unlisted.len(),
            missed.iter().take(5).cloned().collect::<Vec<_>>().join("\n"),
            unlisted.iter().take(5).cloned().collect::<Vec<_>>().join("\n"),
        );
    }
    // Every rule gets mistakes, but those whose entries are too rare in a small school:
    // group changes (a handful a school) and incidents (a few a year).
    let rare = [
        "input_error",
        "group_change_mid_period",
        "briefing_unscheduled_missing",
    ];
    let never: Vec<&str> = ekzh::catalogue()
        .map(|r| r.id)
        .filter(|id| !rare.contains(id) && !injected.contains_key(id))
        .collect();
    assert!(never.is_empty(), "no mistakes made for {never:?}");
}

/// About 8 % of the lessons are missed, mostly in illness spells.
#[test]
fn about_eight_percent_of_lessons_are_missed() {
    let (bytes, _) = make(&options(6, 12, 9));
    let text = String::from_utf8(bytes).unwrap();
    let mut class_size: HashMap<String, usize> = HashMap::new();
    let mut whole: HashMap<String, String> = HashMap::new();
    let mut absent: HashSet<(String, String)> = HashSet::new();
    for line in text.lines() {
        let e: serde_json::Value = serde_json::from_str(line).unwrap();
        match e["type"].as_str().unwrap() {
            "student" if e["since"].is_null() => {
                *class_size
                    .entry(e["class"].as_str().unwrap().to_owned())
                    .or_default() += 1;
            }
            "lesson" if e["group"].is_null() => {
                whole.insert(
                    e["id"].as_str().unwrap().to_owned(),
                    e["class"].as_str().unwrap().to_owned(),
                );
            }
            "attendance" => {
                absent.insert((
                    e["lesson"].as_str().unwrap().to_owned(),
                    e["student"].as_str().unwrap().to_owned(),
                ));
            }
            _ => {}
        }
    }
    let cells: usize = whole.values().map(|c| class_size[c]).sum();
    let missed = absent.iter().filter(|(l, _)| whole.contains_key(l)).count();
    let share = missed as f64 / cells as f64;
    assert!((0.06..=0.10).contains(&share), "{share}");
}

/// `ekzh gen | ekzh check - --as-of …` as a new user runs it.
#[test]
fn the_command_line_writes_a_register_that_checks_clean() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let gen = Command::new(env!("CARGO_BIN_EXE_ekzh"))
        .args(["gen", "--classes", "2", "--weeks", "3", "--seed", "4"])
        .output()
        .unwrap();
    assert!(gen.status.success());
    let note = String::from_utf8(gen.stderr).unwrap();
    let as_of = note
        .split("--as-of ")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .unwrap()
        .to_owned();
    let mut check = Command::new(env!("CARGO_BIN_EXE_ekzh"))
        .args([
            "check",
            "-",
            "--as-of",
            &as_of,
            "--fail-on",
            "info",
            "--format",
            "json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    check.stdin.take().unwrap().write_all(&gen.stdout).unwrap();
    let out = check.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["findings"], 0);
    assert!(report["summary"]["events"].as_u64().unwrap() > 1000);

    let bad = Command::new(env!("CARGO_BIN_EXE_ekzh"))
        .args(["gen", "--classes", "2", "--start", "2024-03-01"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8(bad.stderr)
        .unwrap()
        .contains("--start 2024-03-01"));
}

/// The CLI's two-core path (parsing on a second thread, the audit in two halves) gives the
/// report the core gives, bad lines and all.
#[test]
fn two_cores_report_what_one_core_reports() {
    let options = Options {
        violations: 0.05,
        ..options(3, 6, 21)
    };
    let (mut bytes, generated) = make(&options);
    // A few unreadable lines among the events, spread over the chunks the two cores
    // share out.
    for (i, bad) in [
        &b"{\"type\":\"mark\",\"value\":9}\n"[..],
        b"not json\n",
        b"\n",
        b"  \r\n",
        b"{\"type\":\"class\",\"id\":\"5a\",\"grade\":5,\"id\":\"5b\"}\n",
    ]
    .into_iter()
    .enumerate()
    {
        let at = bytes.len() * (2 * i + 1) / 10;
        let at = at + bytes[at..].iter().position(|b| *b == b'\n').unwrap() + 1;
        bytes.splice(at..at, bad.iter().copied());
    }
    let policy = Policy::default();
    let one = check_bytes(&bytes, generated.as_of, &policy, OnError::Skip).unwrap();
    assert!(one.findings.len() > 10);
    for cores in [1, 2] {
        let mut engine = ekzh::Engine::new(policy.clone());
        ekzh::stream::load_reader_on(&mut engine, &bytes[..], OnError::Skip, cores).unwrap();
        assert_eq!(ekzh::stream::audit_on(&engine, generated.as_of, cores), one);
        assert_eq!(engine.audit(generated.as_of), one);
    }
    // Each part counts the fill figures of its share of the lessons: the report adds them
    // up when every share is there, and counts again when one is missing or comes from an
    // audit at another moment.
    let mut engine = ekzh::Engine::new(policy.clone());
    ekzh::stream::load_reader_on(&mut engine, &bytes[..], OnError::Skip, 1).unwrap();
    let parts = engine.audit_parts(generated.as_of, 3);
    let earlier = engine.audit_parts(generated.as_of - chrono::Duration::days(30), 3);
    let shares = [
        vec![parts[2].run(), parts[0].run(), parts[1].run()],
        vec![parts[0].run(), parts[1].run()],
        vec![parts[0].run(), parts[1].run(), earlier[2].run()],
    ];
    for found in shares {
        let mut all = ekzh::Found::default();
        for part in found {
            all.extend(part);
        }
        let fill = engine.report(generated.as_of, all).summary.fill;
        assert_eq!(
            lesson_figures(fill),
            lesson_figures(one.summary.fill.clone())
        );
    }
    // Stopping at the first bad event names the same one on either path.
    let first = check_bytes(&bytes, generated.as_of, &policy, OnError::Fail).unwrap_err();
    for cores in [1, 2] {
        let mut engine = ekzh::Engine::new(policy.clone());
        let error = ekzh::stream::load_reader_on(&mut engine, &bytes[..], OnError::Fail, cores);
        match error {
            Err(ekzh::stream::LoadError::Input(error)) => assert_eq!(error, first),
            other => panic!("{other:?}"),
        }
    }
}

/// The fill figures of the lessons, without the findings counted in them.
fn lesson_figures(mut fill: ekzh::Fill) -> ekzh::Fill {
    fill.total.findings.clear();
    for rows in [&mut fill.teachers, &mut fill.classes, &mut fill.weeks] {
        rows.retain(|_, row| row.lessons > 0);
        for row in rows.values_mut() {
            row.findings.clear();
        }
    }
    fill
}

/// The events of a register by type.
fn kinds(bytes: &[u8]) -> BTreeMap<String, usize> {
    let mut kinds = BTreeMap::new();
    for line in String::from_utf8(bytes.to_vec()).unwrap().lines() {
        let event: serde_json::Value = serde_json::from_str(line).unwrap();
        *kinds
            .entry(event["type"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    kinds
}

/// A lesson-heavy register (many small classes, a few teachers for all of them, no
/// parents or homework, only the marks the final marks need) is clean, about half lessons.
#[test]
fn a_lesson_heavy_register_is_clean() {
    let options = Options {
        shape: Shape {
            students: (2, 5),
            teachers_per_class: Some(0.2),
            parents: false,
            homework: false,
            oral_marks: 0.0,
            ..Shape::default()
        },
        ..options(10, 34, 4)
    };
    assert_clean(&options);
    let (bytes, generated) = make(&options);
    let kinds = kinds(&bytes);
    let share = kinds["lesson"] as f64 / generated.events as f64;
    assert!(share > 0.35, "lessons are {share} of {kinds:?}");
    for kind in ["parent", "diary_view", "paper_report", "homework"] {
        assert!(!kinds.contains_key(kind), "{kind} in {kinds:?}");
    }
    // Two subject teachers for ten classes (ceil(0.2 × 10)), substitutes aside.
    let text = String::from_utf8(bytes).unwrap();
    let mut teachers = HashSet::new();
    let mut sizes: HashMap<String, u32> = HashMap::new();
    for line in text.lines() {
        let e: serde_json::Value = serde_json::from_str(line).unwrap();
        match e["type"].as_str().unwrap() {
            "lesson" if e["substitute"].is_null() => {
                teachers.insert(e["teacher"].as_str().unwrap().to_owned());
            }
            "student" if e["since"].is_null() => {
                *sizes
                    .entry(e["class"].as_str().unwrap().to_owned())
                    .or_default() += 1;
            }
            _ => {}
        }
    }
    assert_eq!(teachers.len(), 2, "{teachers:?}");
    assert!(sizes.values().all(|n| (2..=5).contains(n)), "{sizes:?}");
}

/// A lesson-plan export: the school's declarations, plans, lessons, incidents and exports,
/// and nothing to report; the lessons are those of the whole register.
#[test]
fn a_lesson_plan_export_is_the_registers_lessons() {
    let whole = options(3, 34, 6);
    let plan = Options {
        shape: Shape {
            lessons_only: true,
            ..Shape::default()
        },
        ..whole.clone()
    };
    assert_clean(&plan);
    let (bytes, _) = make(&plan);
    let allowed = [
        "period",
        "class",
        "staff",
        "thematic_plan",
        "lesson",
        "incident",
        "journal_export",
    ];
    let kinds = kinds(&bytes);
    assert!(
        kinds.keys().all(|k| allowed.contains(&k.as_str())),
        "{kinds:?}"
    );
    let lessons = |bytes: &[u8]| -> Vec<String> {
        String::from_utf8(bytes.to_vec())
            .unwrap()
            .lines()
            .filter(|l| l.starts_with(r#"{"type":"lesson""#))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(lessons(&bytes), lessons(&make(&whole).0));
    // A lesson-plan export with mistakes would miss the entries they are made on.
    let wrong = Options {
        violations: 0.1,
        ..plan
    };
    assert!(wrong.validate().is_err());
}

/// `ekzh gen --region 12 --out DIR`: twelve schools of various sizes, each clean at the
/// moment printed, the same bytes for the same seed.
#[test]
fn a_region_is_many_schools() {
    use std::process::Command;
    let base = std::env::temp_dir().join(format!("ekzh-region-{}", std::process::id()));
    let write = |dir: &str, seed: &str| {
        let out = base.join(dir);
        let gen = Command::new(env!("CARGO_BIN_EXE_ekzh"))
            .args(["gen", "--region", "12", "--classes", "6", "--weeks", "1"])
            .args(["--seed", seed, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(gen.status.success(), "{gen:?}");
        let note = String::from_utf8(gen.stderr).unwrap();
        let as_of = note.split("--as-of ").nth(1).unwrap();
        let as_of = as_of.split('`').next().unwrap().to_owned();
        let mut files: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        (files, as_of)
    };
    let (files, as_of) = write("a", "5");
    assert_eq!(files.len(), 12);
    let as_of = chrono::DateTime::parse_from_rfc3339(&as_of).unwrap();
    let mut classes = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with("school-") && name.ends_with(".ndjson"),
            "{name}"
        );
        let bytes = std::fs::read(file).unwrap();
        let report = check_bytes(&bytes, as_of, &Policy::default(), OnError::Fail).unwrap();
        assert!(report.findings.is_empty(), "{name}:\n{}", findings(&report));
        classes.push(kinds(&bytes)["class"]);
    }
    assert_eq!(classes.iter().min(), Some(&1));
    assert_eq!(classes.iter().max(), Some(&6));
    let (again, _) = write("b", "5");
    let (other, _) = write("c", "6");
    for ((a, b), c) in files.iter().zip(&again).zip(&other) {
        assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
        assert_ne!(std::fs::read(a).unwrap(), std::fs::read(c).unwrap());
    }
    std::fs::remove_dir_all(&base).unwrap();
}
