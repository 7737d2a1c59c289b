//! A region (SPEC §9): `ekzh check DIR` checks each school of the folder on its own, on
//! every core, and reports each exactly as `ekzh check` reports the school alone; a school
//! that cannot be read has its error in its entry and does not stop the others.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn ekzh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ekzh"))
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `ekzh check PATHS… --as-of AS_OF --format json` and the arguments after.
fn check_json(paths: &[&Path], as_of: &str, more: &[&str]) -> Output {
    let mut args = vec!["check"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    args.extend(["--as-of", as_of, "--format", "json"]);
    args.extend(more);
    ekzh(&args)
}

/// A folder of this test's own under the target directory, empty.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes a region with `ekzh gen --region …` (`args`) into `dir`: the `--as-of` to check
/// it at.
fn gen_region(dir: &Path, args: &[&str]) -> String {
    let mut args: Vec<&str> = [&["gen"], args].concat();
    args.extend(["--out", dir.to_str().unwrap()]);
    let out = ekzh(&args);
    assert!(out.status.success(), "{out:?}");
    let note = String::from_utf8(out.stderr).unwrap();
    note.split("--as-of ")
        .nth(1)
        .unwrap()
        .split('`')
        .next()
        .unwrap()
        .to_owned()
}

/// Writes a region of twelve small schools with mistakes into `dir`: the `--as-of` to
/// check it at.
fn region(dir: &Path) -> String {
    gen_region(
        dir,
        &[
            "--region",
            "12",
            "--classes",
            "12",
            "--weeks",
            "5",
            "--violations",
            "0.01",
        ],
    )
}

fn schools(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn each_school_of_a_region_is_reported_as_when_checked_alone() {
    let dir = folder("region-12");
    let as_of = region(&dir);
    let region_out = check_json(&[&dir], &as_of, &[]);
    let report = json(&region_out);
    assert_eq!(report["as_of"], as_of.as_str());
    let files = schools(&dir);
    assert_eq!(files.len(), 12);
    let entries = report["schools"].as_array().unwrap();
    assert_eq!(entries.len(), 12);
    let mut exit = 0;
    let (mut events, mut findings) = (0, 0);
    for (entry, file) in entries.iter().zip(&files) {
        let name = file.file_stem().unwrap().to_str().unwrap();
        assert_eq!(entry["school"], name);
        let alone = check_json(&[file], &as_of, &[]);
        exit = exit.max(alone.status.code().unwrap());
        let alone = json(&alone);
        let keys: Vec<&String> = entry.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["findings", "names", "school", "summary"], "{name}");
        for key in ["findings", "summary", "names"] {
            assert_eq!(entry[key], alone[key], "{name}: {key}");
        }
        events += alone["summary"]["events"].as_u64().unwrap();
        findings += alone["summary"]["findings"].as_u64().unwrap();
    }
    assert!(findings > 0, "the region has its mistakes");
    let summary = &report["summary"];
    assert_eq!(summary["schools"], 12);
    assert_eq!(summary["schools_not_read"], 0);
    assert_eq!(summary["events"], events);
    assert_eq!(summary["findings"], findings);
    let by_rule: u64 = summary["by_rule"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(by_rule, findings);
    // The exit code is the worst of the schools'.
    assert_eq!(region_out.status.code(), Some(exit));

    // One school at a time: the same bytes.
    let one = check_json(&[&dir], &as_of, &["--jobs", "1"]);
    assert_eq!(one.stdout, region_out.stdout);

    // The text report: each school under its name, in order, then the region's counts.
    let text = ekzh(&["check", dir.to_str().unwrap(), "--as-of", &as_of]);
    let text = String::from_utf8(text.stdout).unwrap();
    let mut at = 0;
    for file in &files {
        let name = file.file_stem().unwrap().to_str().unwrap();
        let heading = format!("══════ {name} ══════\nПроверка электронного журнала на");
        at += text[at..]
            .find(&heading)
            .unwrap_or_else(|| panic!("{name} is not next:\n{text}"));
    }
    let tail = &text[at..];
    assert!(tail.contains("══════ По региону: 12 школ ══════"), "{tail}");
    assert!(tail.contains(&format!("Событий: {events} · замечаний: {findings} (")));
}

#[test]
fn a_school_that_cannot_be_read_does_not_stop_the_region() {
    let dir = folder("region-broken");
    let school = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo.ndjson");
    std::fs::copy(&school, dir.join("a-school.ndjson")).unwrap();
    std::fs::write(
        dir.join("broken-export.ndjson"),
        "{\"type\":\"class\",\"id\":\"7x\",\"grade\":7}\n{\"type\":\"mark\",\"lesson\":\"l1\",\"student\":\"s1\",\"value\":9}\n",
    )
    .unwrap();
    // A school in several files: the demo register cut in two.
    let demo = std::fs::read_to_string(&school).unwrap();
    let lines: Vec<&str> = demo.lines().collect();
    let (first, second) = lines.split_at(lines.len() / 2);
    std::fs::create_dir(dir.join("in-two-files")).unwrap();
    std::fs::write(dir.join("in-two-files/1.ndjson"), first.join("\n")).unwrap();
    std::fs::write(dir.join("in-two-files/2.ndjson"), second.join("\n") + "\n").unwrap();
    std::fs::write(dir.join("README.txt"), "not a register").unwrap();
    let as_of = "2024-10-31T18:00:00+04:00";
    let out = check_json(&[&dir], as_of, &[]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("README.txt` is left out"), "{stderr}");
    let report = json(&out);
    let entries = report["schools"].as_array().unwrap();
    let names: Vec<&str> = entries
        .iter()
        .map(|e| e["school"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a-school", "broken-export", "in-two-files"]);
    let error = &entries[1]["error"];
    assert_eq!(
        error["file"],
        dir.join("broken-export.ndjson").to_str().unwrap()
    );
    assert_eq!(
        (&error["event"], &error["line"]),
        (&Value::from(1), &Value::from(2))
    );
    assert_eq!(error["field"], "value");
    assert!(entries[1].get("findings").is_none());
    // The others are checked: the demo register, whole and in two files, and the same as
    // `ekzh check` with the two files.
    let alone = json(&check_json(&[&school], as_of, &[]));
    let two = check_json(
        &[
            &dir.join("in-two-files/1.ndjson"),
            &dir.join("in-two-files/2.ndjson"),
        ],
        as_of,
        &[],
    );
    let two = json(&two);
    // A finding's line is its line in its own file: in two files, the second's restart.
    let lineless = |report: &Value| -> Value {
        let mut report = report.clone();
        for finding in report["findings"].as_array_mut().into_iter().flatten() {
            finding["line"] = Value::Null;
        }
        report
    };
    for key in ["findings", "summary", "names"] {
        assert_eq!(entries[0][key], alone[key], "{key}");
        assert_eq!(lineless(&entries[2])[key], lineless(&alone)[key], "{key}");
        assert_eq!(lineless(&two)[key], lineless(&alone)[key], "{key}");
    }
    assert!(!alone["findings"].as_array().unwrap().is_empty());
    assert_eq!(report["summary"]["schools"], 3);
    assert_eq!(report["summary"]["schools_not_read"], 1);

    // An error in the second of two files names that file and its own line.
    let bad = dir.join("broken-export.ndjson");
    let out = ekzh(&[
        "check",
        school.to_str().unwrap(),
        bad.to_str().unwrap(),
        "--as-of",
        as_of,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("`{}`: строка 2, поле `value`", bad.display())),
        "{stderr}"
    );

    // The справка is one school's.
    let out = ekzh(&["report", dir.to_str().unwrap(), "--as-of", as_of]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("— папка"));
}

/// The ids and full names of the children and parents a register declares (a name a
/// member of staff shares is left out: it is shown as theirs).
fn people(register: &Path) -> (Vec<String>, Vec<String>) {
    let text = std::fs::read_to_string(register).unwrap();
    let (mut ids, mut names, mut staff) = (Vec::new(), Vec::new(), Vec::new());
    for line in text.lines() {
        let event: Value = serde_json::from_str(line).unwrap();
        match event["type"].as_str().unwrap() {
            "student" | "parent" => {
                ids.push(event["id"].as_str().unwrap().to_owned());
                names.extend(event["name"].as_str().map(str::to_owned));
            }
            "staff" => staff.extend(event["name"].as_str().map(str::to_owned)),
            _ => {}
        }
    }
    names.retain(|n| !staff.contains(n));
    (ids, names)
}

/// Fails when `text` shows one of the ids (as a word) or names.
fn assert_nobody(text: &str, (ids, names): &(Vec<String>, Vec<String>), what: &str) {
    for id in ids {
        assert!(!common::shows_word(text, id), "{what} shows the id `{id}`");
    }
    for name in names {
        assert!(!text.contains(name.as_str()), "{what} shows `{name}`");
    }
}

#[test]
fn with_a_key_no_child_or_parent_is_named_anywhere() {
    let dir = folder("region-pseudonyms");
    let region_dir = dir.join("region");
    let as_of = gen_region(
        &region_dir,
        &[
            "--region",
            "3",
            "--classes",
            "6",
            "--weeks",
            "6",
            "--violations",
            "0.02",
            "--seed",
            "7",
        ],
    );
    let as_of = as_of.as_str();
    let key = dir.join("key");
    std::fs::write(&key, b"a region's key of 32 random bytes").unwrap();
    let key_arg = key.to_str().unwrap();
    let files = schools(&region_dir);
    let everyone: Vec<_> = files.iter().map(|f| people(f)).collect();
    let all = (
        everyone
            .iter()
            .flat_map(|p| p.0.clone())
            .collect::<Vec<_>>(),
        everyone
            .iter()
            .flat_map(|p| p.1.clone())
            .collect::<Vec<_>>(),
    );
    assert!(all.0.len() > 300 && all.1.len() > 300);

    let school = files[0].to_str().unwrap();
    let region_arg = region_dir.to_str().unwrap();
    let html = dir.join("spravka.html");
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("check json", vec!["check", school, "--format", "json"]),
        (
            "check json en",
            vec!["check", school, "--format", "json", "--lang", "en"],
        ),
        ("check text", vec!["check", school]),
        (
            "check text by teacher",
            vec!["check", school, "--group-by", "teacher"],
        ),
        (
            "check region json",
            vec!["check", region_arg, "--format", "json"],
        ),
        ("check region text", vec!["check", region_arg]),
        ("report", vec!["report", school]),
    ];
    for (what, args) in runs {
        let mut args = args.clone();
        args.extend(["--as-of", as_of, "--pseudonymize-key", key_arg]);
        let first = ekzh(&args);
        assert!(first.status.code().unwrap() < 2, "{what}: {first:?}");
        let text = String::from_utf8(first.stdout.clone()).unwrap();
        assert!(text.len() > 1000, "{what}");
        let people = if what.contains("region") {
            &all
        } else {
            &everyone[0]
        };
        assert_nobody(&text, people, what);
        assert_nobody(&String::from_utf8_lossy(&first.stderr), people, what);
        assert_eq!(ekzh(&args).stdout, first.stdout, "{what}: two runs differ");
        if what == "report" {
            let mut to_file = args.clone();
            to_file.extend(["-o", html.to_str().unwrap()]);
            assert!(ekzh(&to_file).status.success());
            assert_eq!(std::fs::read(&html).unwrap(), first.stdout);
        }
    }

    // A pseudonym is the keyed hash of the id alone: the same in every school.
    let pseudonyms = ekzh::Pseudonyms::new(b"a region's key of 32 random bytes").unwrap();
    let report = json(&ekzh(&[
        "check",
        region_arg,
        "--format",
        "json",
        "--as-of",
        as_of,
        "--pseudonymize-key",
        key_arg,
    ]));
    let plain = json(&ekzh(&[
        "check", region_arg, "--format", "json", "--as-of", as_of,
    ]));
    let mut seen: Vec<std::collections::BTreeSet<String>> = Vec::new();
    for (hidden, plain) in report["schools"]
        .as_array()
        .unwrap()
        .iter()
        .zip(plain["schools"].as_array().unwrap())
    {
        let students = |entry: &Value, hide: bool| -> std::collections::BTreeSet<String> {
            entry["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|f| f["student"].as_str())
                .map(|s| if hide { pseudonyms.of(s) } else { s.to_owned() })
                .collect()
        };
        assert_eq!(students(hidden, false), students(plain, true));
        assert_eq!(hidden["summary"]["by_rule"], plain["summary"]["by_rule"]);
        seen.push(students(hidden, false));
    }
    assert!(
        seen[0].intersection(&seen[1]).next().is_some()
            || seen[1].intersection(&seen[2]).next().is_some()
            || seen[0].intersection(&seen[2]).next().is_some(),
        "ids repeat across the generated schools, and so do their pseudonyms"
    );

    // A key too short to keep anyone hidden is refused.
    std::fs::write(&key, b"short").unwrap();
    let out = ekzh(&[
        "check",
        school,
        "--as-of",
        as_of,
        "--pseudonymize-key",
        key_arg,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("не меньше 16"), "{said}");
}
