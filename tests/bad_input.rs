//! The bad-input corpus (`tests/bad/`, SPEC §6) through the core and the CLI.
//!
//! For every register of `tests/bad/expected.json`:
//! - checking it stops with an `InputError` naming the event, the line and the field of the
//!   manifest, and the CLI exits with 2 and says the same on standard error;
//! - checking it with bad events skipped lists exactly the manifest's events as
//!   `input_error` findings (each naming its line and field) and checks the rest: the other
//!   findings are those of the good events alone, at their own indices. The report is the
//!   snapshot `tests/snapshots/bad__NAME.snap` that the Python and WebAssembly suites
//!   compare with; the CLI's `--skip-invalid` prints it;
//! - pushing what can be read into an engine, bad events skipped, audits to the same report.
//!
//! And every bad policy names its key, in the core and in the CLI.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, FixedOffset};
use ekzh::{check_bytes, read, Engine, Finding, InputError, Lang, OnError, Policy, Report};
use serde::Deserialize;

#[derive(Deserialize)]
struct Manifest {
    as_of: String,
    registers: Vec<Case>,
    policies: Vec<PolicyCase>,
}

#[derive(Deserialize, Debug)]
struct Case {
    file: String,
    error: Expected,
    skipped: Vec<Expected>,
    events: usize,
}

#[derive(Deserialize, Debug)]
struct Expected {
    event: Option<usize>,
    line: Option<usize>,
    field: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

#[derive(Deserialize)]
struct PolicyCase {
    file: String,
    field: Option<String>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("bad")
}

fn manifest() -> Manifest {
    let text = std::fs::read_to_string(dir().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn as_of(manifest: &Manifest) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&manifest.as_of).unwrap()
}

impl Case {
    fn bytes(&self) -> Vec<u8> {
        std::fs::read(dir().join(&self.file)).unwrap()
    }

    fn name(&self) -> String {
        let stem = Path::new(&self.file).file_stem().unwrap().to_string_lossy();
        let ext = Path::new(&self.file).extension().unwrap().to_string_lossy();
        format!("bad__{stem}_{ext}")
    }

    fn skip_report(&self, as_of: DateTime<FixedOffset>) -> Report {
        check_bytes(&self.bytes(), as_of, &Policy::default(), OnError::Skip)
            .unwrap_or_else(|e| panic!("{}: skipping failed: {e}", self.file))
    }
}

/// What an error or a skipped event's finding must say: where the event is as people
/// count — `line L`, else `event N` counted from 1 — and `field `F``.
fn names(text: &str, expected: &Expected, with_event: bool) -> Result<(), String> {
    let mut wanted = Vec::new();
    match (expected.line, expected.event) {
        (Some(line), _) => wanted.push(format!("line {line}")),
        (None, Some(event)) if with_event => wanted.push(format!("event {}", event + 1)),
        _ => {}
    }
    if let Some(field) = &expected.field {
        wanted.push(format!("field `{field}`"));
    }
    if let Some(message) = &expected.message {
        wanted.push(message.clone());
    }
    match wanted.iter().find(|w| !text.contains(w.as_str())) {
        Some(missing) => Err(format!("`{text}` does not say `{missing}`")),
        None => Ok(()),
    }
}

#[test]
fn the_manifest_lists_every_file() {
    let manifest = manifest();
    let mut listed: Vec<String> = manifest
        .registers
        .iter()
        .map(|c| c.file.clone())
        .chain(manifest.policies.iter().map(|p| p.file.clone()))
        .collect();
    listed.sort();
    let mut files = Vec::new();
    for sub in ["", "policy"] {
        for entry in std::fs::read_dir(dir().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_file() && name != "expected.json" && name != "README.md" {
                files.push(if sub.is_empty() {
                    name
                } else {
                    format!("{sub}/{name}")
                });
            }
        }
    }
    files.sort();
    assert_eq!(listed, files);
}

#[test]
fn each_register_fails_naming_event_line_and_field() {
    let manifest = manifest();
    let mut failures = Vec::new();
    for case in &manifest.registers {
        let error: InputError = match check_bytes(
            &case.bytes(),
            as_of(&manifest),
            &Policy::default(),
            OnError::Fail,
        ) {
            Ok(_) => {
                failures.push(format!("{}: no error", case.file));
                continue;
            }
            Err(error) => error,
        };
        let got = (error.event, error.line, error.field.clone());
        let want = (case.error.event, case.error.line, case.error.field.clone());
        if got != want {
            failures.push(format!(
                "{}: (event, line, field) {got:?}, expected {want:?}: {error}",
                case.file
            ));
        }
        if let Err(e) = names(&error.to_string(), &case.error, true) {
            failures.push(format!("{}: {e}", case.file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The input_error findings of a report, and the others.
fn split(report: &Report) -> (Vec<&Finding>, Vec<&Finding>) {
    report
        .findings
        .iter()
        .partition(|f| f.rule == "input_error")
}

/// The report of the good events alone, its event indices put back where those events are
/// in the bad register. For NDJSON, the good events are found without the reader: the
/// non-blank lines, less those of the skipped events. For JSON, they are what the reader
/// reads before it stops, less the skipped events.
fn rest_alone(case: &Case, as_of: DateTime<FixedOffset>) -> Vec<Finding> {
    let bytes = case.bytes();
    let skipped: Vec<usize> = case.skipped.iter().filter_map(|s| s.event).collect();
    let (good, at): (Vec<u8>, Vec<usize>) = if case.file.ends_with(".ndjson") {
        let mut good = Vec::new();
        let mut at = Vec::new();
        let lines = bytes
            .split(|&b| b == b'\n')
            .map(|l| l.strip_prefix("\u{feff}".as_bytes()).unwrap_or(l))
            .filter(|l| !l.trim_ascii().is_empty());
        for (index, line) in lines.enumerate() {
            if !skipped.contains(&index) {
                good.extend_from_slice(line.trim_ascii());
                good.push(b'\n');
                at.push(index);
            }
        }
        (good, at)
    } else {
        let mut good = Vec::new();
        let mut at = Vec::new();
        for (index, item) in read(&bytes).enumerate() {
            if let (Ok(event), false) = (item, skipped.contains(&index)) {
                good.extend_from_slice(serde_json::to_string(&event).unwrap().as_bytes());
                good.push(b'\n');
                at.push(index);
            }
        }
        (good, at)
    };
    let report = check_bytes(&good, as_of, &Policy::default(), OnError::Fail)
        .unwrap_or_else(|e| panic!("{}: the good events alone fail: {e}", case.file));
    report
        .findings
        .into_iter()
        .map(|f| Finding {
            event: f.event.map(|k| at[k]),
            // The good events alone are on other lines.
            line: None,
            ..f
        })
        .collect()
}

#[test]
fn skipping_lists_exactly_the_bad_events_and_checks_the_rest() {
    let manifest = manifest();
    let as_of = as_of(&manifest);
    let mut failures = Vec::new();
    for case in &manifest.registers {
        let report = case.skip_report(as_of);
        let (errors, rest) = split(&report);
        let events: Vec<Option<usize>> = errors.iter().map(|f| f.event).collect();
        let expected: Vec<Option<usize>> = case.skipped.iter().map(|s| s.event).collect();
        if events != expected {
            failures.push(format!(
                "{}: input_error events {events:?}, expected {expected:?}",
                case.file
            ));
        }
        for (finding, expected) in errors.iter().zip(&case.skipped) {
            if let Err(e) = names(&finding.message.en, expected, false) {
                failures.push(format!("{}: {e}", case.file));
            }
        }
        if report.summary.input_errors != case.skipped.len() || report.summary.events != case.events
        {
            failures.push(format!(
                "{}: summary counts {} events, {} input errors; expected {} and {}",
                case.file,
                report.summary.events,
                report.summary.input_errors,
                case.events,
                case.skipped.len()
            ));
        }
        let alone = rest_alone(case, as_of);
        let rest: Vec<Finding> = rest
            .into_iter()
            .map(|f| Finding {
                line: None,
                ..f.clone()
            })
            .collect();
        if rest != alone {
            failures.push(format!(
                "{}: with bad events skipped the rest is checked differently:\n  {rest:?}\n  alone: {alone:?}",
                case.file
            ));
        }
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_json_snapshot!(case.name(), report.localized(Lang::Ru));
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pushing_what_reads_and_skipping_the_rest_is_the_same_report() {
    let manifest = manifest();
    let as_of = as_of(&manifest);
    for case in &manifest.registers {
        let bytes = case.bytes();
        let mut engine = Engine::new(Policy::default());
        let mut events = read(&bytes);
        while let Some(item) = events.next() {
            let line = events.line();
            let pushed = item.and_then(|event| engine.push_read(&event, line));
            if let Err(error) = pushed {
                engine.skip(&error);
            }
        }
        assert_eq!(
            engine.audit(as_of),
            case.skip_report(as_of),
            "{}",
            case.file
        );
    }
}

fn ekzh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ekzh"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_exits_with_2_naming_event_line_and_field() {
    let manifest = manifest();
    let mut failures = Vec::new();
    for case in &manifest.registers {
        let path = dir().join(&case.file);
        let path = path.to_str().unwrap();
        let out = ekzh(&["check", path, "--as-of", &manifest.as_of, "--lang", "en"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(2) || !stderr.starts_with("ekzh: ") {
            failures.push(format!("{}: {:?} {stderr}", case.file, out.status));
        }
        if let Err(e) = names(&stderr, &case.error, true) {
            failures.push(format!("{}: {e}", case.file));
        }
        // In Russian, by default: the same place, and no English word but the input's.
        let ru = ekzh(&["check", path, "--as-of", &manifest.as_of]);
        let stderr = String::from_utf8_lossy(&ru.stderr);
        let place = match (case.error.line, case.error.event) {
            (Some(line), _) => format!("строка {line}"),
            (None, Some(event)) => format!("событие {}", event + 1),
            (None, None) => String::new(),
        };
        if ru.status.code() != Some(2) || !stderr.contains(&place) {
            failures.push(format!("{}: {stderr} does not say `{place}`", case.file));
        }
        if let Some(word) = common::latin_words(&stderr).first() {
            failures.push(format!("{}: English `{word}` in {stderr}", case.file));
        }
        if !out.stdout.is_empty() {
            failures.push(format!("{}: a report on standard output", case.file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_cli_skipping_prints_the_cores_report() {
    let manifest = manifest();
    let as_of = as_of(&manifest);
    for case in &manifest.registers {
        let path = dir().join(&case.file);
        let out = ekzh(&[
            "check",
            path.to_str().unwrap(),
            "--as-of",
            &manifest.as_of,
            "--skip-invalid",
            "--format",
            "json",
        ]);
        // An input_error is an error: exit 1, as for any error finding.
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: {}",
            case.file,
            String::from_utf8_lossy(&out.stderr)
        );
        let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let core = serde_json::to_value(case.skip_report(as_of).localized(Lang::Ru)).unwrap();
        assert_eq!(printed, core, "{}", case.file);
    }
}

#[test]
fn a_bad_policy_names_its_key_in_the_core_and_the_cli() {
    let manifest = manifest();
    let register = dir().join(&manifest.registers[0].file);
    for case in &manifest.policies {
        let path = dir().join(&case.file);
        let text = std::fs::read_to_string(&path).unwrap();
        let error = if case.file.ends_with(".toml") {
            Policy::from_toml(&text).unwrap_err()
        } else {
            Policy::from_json(&text).unwrap_err()
        };
        assert_eq!(error.field, case.field, "{}: {error}", case.file);
        let out = ekzh(&[
            "check",
            register.to_str().unwrap(),
            "--skip-invalid",
            "--as-of",
            &manifest.as_of,
            "--policy",
            path.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", case.file);
        if let Some(field) = &case.field {
            assert!(
                stderr.contains(&format!("`{field}`")),
                "{}: {stderr}",
                case.file
            );
        }
    }
}
