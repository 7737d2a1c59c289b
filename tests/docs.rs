//! The project's own documentation of what it reads and says, kept current by the code:
//! docs/events.md names every kind of event and every field, and lists every word of the
//! vocabularies as the code reads them; docs/rules.md and docs/rules.ru.md are the catalogue
//! as `ekzh rules --format markdown` writes it.
//!
//! `EKZH_WRITE_DOCS=1 cargo test --test docs` rewrites the generated parts; without it a
//! test fails when they are not current.

use std::path::{Path, PathBuf};
use std::process::Command;

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

fn write_docs() -> bool {
    std::env::var_os("EKZH_WRITE_DOCS").is_some()
}

/// The vocabularies as docs/events.md lists them.
fn vocabularies_section() -> String {
    let mut out = String::new();
    for vocabulary in ekzh::vocabularies() {
        out.push_str(&format!(
            "\n### {} — {}\n\n| name | also read as |\n|---|---|\n",
            vocabulary.what, vocabulary.what_ru
        ));
        for (code, aliases) in vocabulary.values {
            let aliases: Vec<String> = aliases.iter().map(|a| format!("`{a}`")).collect();
            out.push_str(&format!("| `{code}` | {} |\n", aliases.join(", ")));
        }
    }
    out
}

#[test]
fn events_md_names_every_kind_field_and_word() {
    let path = docs().join("events.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = (
        "<!-- vocabularies: begin -->\n",
        "<!-- vocabularies: end -->",
    );
    let start = text.find(begin).expect("the vocabularies' begin marker") + begin.len();
    let stop = text.find(end).expect("the vocabularies' end marker");
    let section = vocabularies_section();
    if write_docs() {
        let mut new = text.clone();
        new.replace_range(start..stop, &section);
        std::fs::write(&path, new).unwrap();
    } else {
        assert!(
            text.get(start..stop) == Some(section.as_str()),
            "docs/events.md: the vocabularies are not current; run \
             EKZH_WRITE_DOCS=1 cargo test --test docs"
        );
    }
    let missing_kinds: Vec<&&str> = ekzh::event::TYPES
        .iter()
        .filter(|t| !text.contains(&format!("\n### `{t}`")))
        .collect();
    assert!(
        missing_kinds.is_empty(),
        "kinds not in docs/events.md: {missing_kinds:?}"
    );
    let missing_fields: Vec<&&str> = ekzh::event::FIELDS
        .iter()
        .filter(|f| !text.contains(&format!("`{f}`")))
        .collect();
    assert!(
        missing_fields.is_empty(),
        "fields not in docs/events.md: {missing_fields:?}"
    );
    // Every example reads as the event it shows.
    let mut examples = 0;
    for block in text.split("```json\n").skip(1) {
        let line = block.split("\n```").next().unwrap();
        ekzh::Event::from_json(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        examples += 1;
    }
    assert_eq!(examples, ekzh::event::TYPES.len());
}

#[test]
fn rules_md_is_the_catalogue() {
    for (lang, file) in [("en", "rules.md"), ("ru", "rules.ru.md")] {
        let out = Command::new(env!("CARGO_BIN_EXE_ekzh"))
            .args(["rules", "--format", "markdown", "--lang", lang])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let written = String::from_utf8(out.stdout).unwrap();
        let path = docs().join(file);
        if write_docs() {
            std::fs::write(&path, &written).unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            text == written,
            "docs/{file} is not the catalogue; run \
             `ekzh rules --format markdown --lang {lang} > docs/{file}` \
             (or EKZH_WRITE_DOCS=1 cargo test --test docs)"
        );
        for rule in ekzh::catalogue() {
            assert!(
                text.contains(&format!("<a id=\"{}\"></a>", rule.id)),
                "{}",
                rule.id
            );
        }
    }
}
