//! The reports of generated registers, pinned: for each register, the count of findings by
//! rule and a SHA-256 digest of its whole JSON report, Russian and English. Any change to
//! any report — a finding more or less, a word of a message, the order — fails here, so a
//! change meant to keep every report (a refactoring, a speed-up) is shown to keep them.
//!
//! The digest of the register itself is pinned beside them: when it changes, the
//! generator changed, not the engine. A change that is meant to change reports updates the
//! snapshots (`INSTA_UPDATE=always cargo test --test reports_unchanged`) and says why.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::process::Command;

use sha2::{Digest, Sha256};

/// Runs the command line; its standard output.
fn ekzh(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_ekzh"))
        .args(args)
        .output()
        .unwrap();
    // `check` exits with 1 when it finds errors: only a failure to run is wrong.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "ekzh {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Generates a register with `gen_args`, checks it at `as_of` and snapshots what pins its
/// reports.
fn pin(name: &str, gen_args: &[&str], as_of: &str) {
    let mut args = vec!["gen"];
    args.extend(gen_args);
    let register = ekzh(&args);
    let dir = std::env::temp_dir().join(format!("ekzh-reports-unchanged-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.ndjson"));
    std::fs::write(&path, &register).unwrap();
    let file = path.to_str().unwrap();
    let check = |lang: &str| {
        ekzh(&[
            "check", file, "--as-of", as_of, "--format", "json", "--lang", lang,
        ])
    };
    let (ru, en) = (check("ru"), check("en"));
    std::fs::remove_file(&path).unwrap();
    // The other test's register may still be there: then the directory stays.
    let _ = std::fs::remove_dir(&dir);
    let report: serde_json::Value = serde_json::from_slice(&ru).unwrap();
    let mut by_rule: BTreeMap<String, u64> = BTreeMap::new();
    for finding in report["findings"].as_array().unwrap() {
        *by_rule
            .entry(finding["rule"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    let pinned = serde_json::json!({
        "gen": gen_args.join(" "),
        "as_of": as_of,
        "events": report["summary"]["events"],
        "findings": report["summary"]["findings"],
        "by_rule": by_rule,
        "register_sha256": sha256(&register),
        "report_ru_sha256": sha256(&ru),
        "report_en_sha256": sha256(&en),
    });
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_json_snapshot!(format!("reports_unchanged__{name}"), pinned);
    });
}

#[test]
fn small_registers_with_mistakes() {
    for seed in ["1", "2", "3", "4", "5"] {
        pin(
            &format!("classes3_weeks8_seed{seed}"),
            &[
                "--classes",
                "3",
                "--weeks",
                "8",
                "--violations",
                "0.02",
                "--seed",
                seed,
            ],
            "2024-11-15T18:00:00+04:00",
        );
    }
}

#[test]
fn a_whole_year_with_mistakes() {
    // A whole year: the audits of its end (final marks, exports, the program) speak too.
    pin(
        "classes2_weeks34_seed9",
        &[
            "--classes",
            "2",
            "--weeks",
            "34",
            "--violations",
            "0.05",
            "--seed",
            "9",
        ],
        "2025-09-01T12:00:00+04:00",
    );
}

#[test]
fn a_register_heavy_with_lessons_with_mistakes() {
    // Classes of 2-4 students and few teachers, each teaching many classes at once: about
    // half the events are lessons (the `lessons` shape of scripts/bench-shapes).
    pin(
        "lessons_classes6_weeks12_seed3",
        &[
            "--classes",
            "6",
            "--weeks",
            "12",
            "--students",
            "2-4",
            "--teachers-per-class",
            "0.3",
            "--oral-marks",
            "0",
            "--no-diary-views",
            "--no-homework",
            "--violations",
            "0.03",
            "--seed",
            "3",
        ],
        "2024-12-20T18:00:00+04:00",
    );
}
