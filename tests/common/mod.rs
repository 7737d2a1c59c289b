//! Loading the shared fixtures.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use ekzh::{Event, OnError, Policy, Report};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// A fixture: `{"as_of": ..., "policy": {...}?, "events": [...]}`.
pub struct Fixture {
    pub path: PathBuf,
    pub rule: String,
    pub case: String,
}

impl Fixture {
    /// `rule__case`, the snapshot's name.
    pub fn name(&self) -> String {
        format!("{}__{}", self.rule, self.case)
    }
}

/// Every rule fixture, in order.
pub fn rule_fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    let mut rules: Vec<_> = std::fs::read_dir(fixtures_dir().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    rules.sort();
    for dir in rules {
        let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
        {
            let case = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push(Fixture {
                path,
                rule: rule.clone(),
                case,
            });
        }
    }
    out
}

pub struct Loaded {
    pub text: String,
    pub as_of: DateTime<FixedOffset>,
    pub policy: Policy,
    /// The fixture lists bad events on purpose: check it with them skipped.
    pub skip_invalid: bool,
}

pub fn load(path: &Path) -> Loaded {
    let text = std::fs::read_to_string(path).unwrap();
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let as_of = DateTime::parse_from_rfc3339(value["as_of"].as_str().expect("as_of")).unwrap();
    let policy = match value.get("policy") {
        Some(p) => Policy::from_json(&p.to_string()).unwrap(),
        None => Policy::default(),
    };
    let skip_invalid = value
        .get("skip_invalid")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    Loaded {
        text,
        as_of,
        policy,
        skip_invalid,
    }
}

impl Loaded {
    /// The fixture's events (bad ones left out when the fixture skips them).
    pub fn events(&self) -> Vec<Event> {
        ekzh::read(self.text.as_bytes())
            .filter_map(|e| match e {
                Ok(event) => Some(event),
                Err(_) if self.skip_invalid => None,
                Err(e) => panic!("{e}"),
            })
            .collect()
    }

    pub fn on_error(&self) -> OnError {
        if self.skip_invalid {
            OnError::Skip
        } else {
            OnError::Fail
        }
    }
}

pub fn fixture_report(path: &Path) -> Report {
    let loaded = load(path);
    ekzh::check_bytes(
        loaded.text.as_bytes(),
        loaded.as_of,
        &loaded.policy,
        loaded.on_error(),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether `text` shows `word` as a word of its own: not inside a longer id or name.
pub fn shows_word(text: &str, word: &str) -> bool {
    let part_of_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(part_of_word) && !after.is_some_and(part_of_word)
    })
}

pub mod compare;
pub mod registers;

/// Names and abbreviations that Russian text writes in Latin letters.
const LATIN_IN_RUSSIAN: &[&str] = &[
    "JSON",
    "NDJSON",
    "UTF",
    "UTC",
    "RFC",
    "HTML",
    "PDF",
    "TOML",
    "NetSchool",
    "Unicode",
    "ekzh",
];

/// The words in Latin letters of a Russian text, but for what it quotes as written — in
/// backticks (`value`), in «» (a register's own words) or in "" — and the names and
/// abbreviations Russian writes so (JSON, UTF-8): what would be English in it.
pub fn latin_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth_guillemets = 0usize;
    let mut in_ticks = false;
    let mut in_quotes = false;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() && !LATIN_IN_RUSSIAN.contains(&word.as_str()) {
            out.push(std::mem::take(word));
        }
        word.clear();
    };
    for c in text.chars() {
        let quoted = in_ticks || in_quotes || depth_guillemets > 0;
        match c {
            '`' => in_ticks = !in_ticks,
            '"' if !in_ticks => in_quotes = !in_quotes,
            '«' => depth_guillemets += 1,
            '»' => depth_guillemets = depth_guillemets.saturating_sub(1),
            _ => {}
        }
        // A run of ASCII letters and digits is a word when it starts with a letter
        // (`0xCA`, `8a` are not words).
        if c.is_ascii_alphanumeric() && !quoted {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out.retain(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()));
    out
}

/// Every word in Latin letters of a text, quoted or not, but the names and abbreviations
/// Russian writes so (see [`latin_words`]).
pub fn every_latin_word(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter(|w| !LATIN_IN_RUSSIAN.contains(w))
        .map(str::to_owned)
        .collect()
}

/// The words in Latin letters of every text a register holds (ids, names, subjects,
/// topics …): the register's own data, which messages may quote.
pub fn data_words(text: &str) -> std::collections::BTreeSet<String> {
    fn walk(value: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match value {
            serde_json::Value::String(s) => out.extend(every_latin_word(s)),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => walk(&value, &mut out),
        Err(_) => {
            for line in text.lines() {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(line) {
                    walk(&value, &mut out);
                }
            }
        }
    }
    out
}
