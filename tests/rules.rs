//! Every rule has two fixtures in `tests/fixtures/rules/<rule>/`: `fires.json`, where the
//! rule reports, and `clean.json`, a near-identical register where it does not. Each is
//! checked at its `as_of` and the report is kept as an `insta` snapshot; Python and
//! WebAssembly tests compare their reports with the same snapshots.

mod common;

use common::{fixture_report, rule_fixtures};

#[test]
fn every_rule_has_both_fixtures() {
    let mut missing = Vec::new();
    for rule in ekzh::catalogue() {
        for case in ["fires", "clean"] {
            let path = common::fixtures_dir()
                .join("rules")
                .join(rule.id)
                .join(format!("{case}.json"));
            if !path.exists() {
                missing.push(path.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fixtures missing:\n{}",
        missing.join("\n")
    );
}

#[test]
fn fixtures_fire_and_stay_clean() {
    let mut failures = Vec::new();
    for fixture in rule_fixtures() {
        let report = fixture_report(&fixture.path);
        let hits = report
            .findings
            .iter()
            .filter(|f| f.rule == fixture.rule)
            .count();
        match fixture.case.as_str() {
            "fires" if hits == 0 => failures.push(format!(
                "{}: `{}` did not fire",
                fixture.name(),
                fixture.rule
            )),
            "clean" if hits > 0 => failures.push(format!(
                "{}: `{}` fired {hits} time(s)",
                fixture.name(),
                fixture.rule
            )),
            _ => {}
        }
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_json_snapshot!(fixture.name(), report.localized(ekzh::Lang::Ru));
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
