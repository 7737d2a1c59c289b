//! The school's language: every message of every rule in Russian, on every fixture, with no
//! word in Latin letters but the register's own data; English messages that name no
//! internal id; the text report in Russian, naming rules by title and entries by line.

mod common;

use std::process::Command;

use common::{data_words, every_latin_word, fixture_report, latin_words, load, rule_fixtures};
use ekzh::{check_bytes, vocabularies, Lang};

/// The ids of the vocabularies and the rules: what a message must never say.
fn internal_ids() -> Vec<String> {
    let mut ids: Vec<String> = ekzh::catalogue().map(|r| r.id.to_owned()).collect();
    for vocabulary in vocabularies() {
        for (code, _) in vocabulary.values {
            // Words that are also English words (`test`, `late`) are found by the ones
            // with an underscore and the rules' ids, and by the Russian test.
            if code.contains('_') {
                ids.push((*code).to_owned());
            }
        }
    }
    ids
}

#[test]
fn every_message_of_every_rule_is_russian() {
    let ids = internal_ids();
    let mut failures = Vec::new();
    let mut rules_heard = std::collections::BTreeSet::new();
    let demo =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo.ndjson"))
            .unwrap();
    let demo_as_of = chrono::DateTime::parse_from_rfc3339("2024-10-31T18:00:00+04:00").unwrap();
    let mut registers = vec![(
        "demo".to_owned(),
        check_bytes(
            demo.as_bytes(),
            demo_as_of,
            &Default::default(),
            Default::default(),
        )
        .unwrap(),
        data_words(&demo),
    )];
    for fixture in rule_fixtures() {
        let data = data_words(&load(&fixture.path).text);
        registers.push((fixture.name(), fixture_report(&fixture.path), data));
    }
    for (name, report, data) in &registers {
        for finding in &report.findings {
            rules_heard.insert(finding.rule);
            let ru = &finding.message.ru;
            // Input errors quote the input in backticks; every other message quotes only
            // the register's data, which may be in Latin letters.
            let words = if finding.rule == "input_error" {
                latin_words(ru)
            } else {
                every_latin_word(ru)
            };
            for word in words.iter().filter(|w| !data.contains(*w)) {
                failures.push(format!("{name} {}: `{word}` in «{ru}»", finding.rule));
            }
            let en = &finding.message.en;
            for id in ids.iter().filter(|id| en.contains(id.as_str())) {
                failures.push(format!("{name} {}: `{id}` in \"{en}\"", finding.rule));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every rule's messages were read.
    let all: std::collections::BTreeSet<&str> = ekzh::catalogue().map(|r| r.id).collect();
    let unheard: Vec<_> = all.difference(&rules_heard).collect();
    assert!(unheard.is_empty(), "no fixture makes {unheard:?} speak");
}

#[test]
fn the_text_report_is_russian_with_titles_and_lines() {
    let mut failures = Vec::new();
    let dir = std::env::temp_dir().join(format!("ekzh-language-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for fixture in rule_fixtures() {
        let loaded = load(&fixture.path);
        let value: serde_json::Value = serde_json::from_str(&loaded.text).unwrap();
        let policy = dir.join(format!("{}.json", fixture.name()));
        let policy_text = value
            .get("policy")
            .map_or("{}".to_owned(), |p| p.to_string());
        std::fs::write(&policy, policy_text).unwrap();
        let mut args = vec![
            "check".to_owned(),
            fixture.path.to_string_lossy().into_owned(),
            "--as-of".to_owned(),
            value["as_of"].as_str().unwrap().to_owned(),
            "--policy".to_owned(),
            policy.to_string_lossy().into_owned(),
        ];
        if loaded.skip_invalid {
            args.push("--skip-invalid".to_owned());
        }
        let out = Command::new(env!("CARGO_BIN_EXE_ekzh"))
            .args(&args)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let data = data_words(&loaded.text);
        for line in text.lines() {
            // Input errors quote the input: only their unquoted words count.
            let words = if line.contains("не прочитано") {
                latin_words(line)
            } else {
                every_latin_word(line)
            };
            for word in words.iter().filter(|w| !data.contains(*w)) {
                failures.push(format!("{}: `{word}` in «{line}»", fixture.name()));
            }
        }
        for finding in &fixture_report(&fixture.path).findings {
            let rule = ekzh::rule(finding.rule).unwrap();
            if !text.contains(&format!("[{}", rule.title(Lang::Ru))) {
                failures.push(format!("{}: no title «{}»", fixture.name(), rule.title.ru));
            }
            if let Some(line) = finding.line {
                if !text.contains(&format!("строка {line}")) {
                    failures.push(format!("{}: no «строка {line}»", fixture.name()));
                }
            }
            if text.contains(finding.rule) {
                failures.push(format!(
                    "{}: the id `{}` in the text",
                    fixture.name(),
                    finding.rule
                ));
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
