//! What an import read, made and left out (SPEC §7), by kind, and the same in words.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::event::Event;
use crate::report::Lang;
use crate::rules::ru_plural;

use super::words::WORDS;

/// What an import read, made and left out, by kind: so that nobody takes what the source
/// did not hold, or the importer did not take, for what the register lacks.
///
/// Each map is keyed by a kind in snake_case; `made` by the events' `type`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ImportSummary {
    /// `netschool-diary` or `netschool-journal`: the extract's `source`.
    pub source: &'static str,
    /// The class's id (its name).
    pub class: String,
    /// A class journal's subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The first day the sources cover.
    pub from: Option<NaiveDate>,
    /// The last day the sources cover.
    pub to: Option<NaiveDate>,
    /// Whether the server's assignment types were given; without them, only the default
    /// names of ids 1–16 are known.
    pub types_list: bool,
    /// What the sources hold, by kind (`weeks`, `lessons`, `assignments`, `marks` …).
    pub read: BTreeMap<&'static str, usize>,
    /// The events made, by `type`.
    pub made: BTreeMap<&'static str, usize>,
    /// What was read and not imported, by reason (`extracurricular_lessons`, `duty_marks` …).
    pub left_out: BTreeMap<&'static str, usize>,
    /// What was imported with a caveat (`unknown_type_marks`, `same_time_lessons`).
    pub noted: BTreeMap<&'static str, usize>,
    /// Assignments by type id that neither the types list nor the default names know.
    pub unknown_types: BTreeMap<i64, usize>,
}

impl ImportSummary {
    pub(super) fn read(&mut self, key: &'static str, n: usize) {
        add(&mut self.read, key, n);
    }

    pub(super) fn left_out(&mut self, key: &'static str, n: usize) {
        add(&mut self.left_out, key, n);
    }

    pub(super) fn noted(&mut self, key: &'static str, n: usize) {
        add(&mut self.noted, key, n);
    }

    pub(super) fn unknown_type(&mut self, id: i64) {
        *self.unknown_types.entry(id).or_default() += 1;
    }

    pub(super) fn count_made(&mut self, events: &[Event]) {
        for event in events {
            add(&mut self.made, event.type_name(), 1);
        }
    }

    /// The first and last day of the extracts.
    pub(super) fn set_span(&mut self, events: &[Event]) {
        for event in events {
            if let Event::Extract(extract) = event {
                self.from = Some(self.from.map_or(extract.from, |d| d.min(extract.from)));
                self.to = Some(self.to.map_or(extract.to, |d| d.max(extract.to)));
            }
        }
    }

    /// The summary as lines of text: what was imported, read, made, left out and noted.
    pub fn text(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        let date = |d: NaiveDate| {
            if ru {
                d.format("%d.%m.%Y").to_string()
            } else {
                d.to_string()
            }
        };
        let what = match (self.source, ru) {
            (super::journal::SOURCE, true) => "журнал класса",
            (super::journal::SOURCE, false) => "a class journal",
            (_, true) => "дневник ученика",
            (_, false) => "a student's diary",
        };
        let mut head = vec![
            what.to_owned(),
            format!("{} {}", if ru { "класс" } else { "class" }, self.class),
        ];
        head.extend(self.subject.clone());
        if let (Some(from), Some(to)) = (self.from, self.to) {
            head.push(format!("{}–{}", date(from), date(to)));
        }
        let title = if ru {
            "импорт из NetSchool"
        } else {
            "NetSchool import"
        };
        let mut out = format!("{title}: {}\n", head.join(", "));
        let kinds: Vec<&'static str> = WORDS.iter().map(|(key, ..)| *key).collect();
        let sections: [Section; 4] = [
            ("прочитано", "read", &self.read, &kinds),
            ("создано", "made", &self.made, &MADE),
            ("не импортировано", "left out", &self.left_out, &kinds),
            ("замечено", "noted", &self.noted, &kinds),
        ];
        for (title_ru, title_en, counts, order) in sections {
            if counts.is_empty() {
                continue;
            }
            let items: Vec<String> = ordered(counts, order)
                .into_iter()
                .map(|(key, n)| format!("{n} {}", words(key, n, lang)))
                .collect();
            let title = if ru { title_ru } else { title_en };
            out.push_str(&format!("  {title}: {}\n", items.join(", ")));
        }
        if !self.unknown_types.is_empty() {
            let ids: Vec<String> = self
                .unknown_types
                .iter()
                .map(|(id, n)| format!("{id} ({n} {})", words("assignments", *n, lang)))
                .collect();
            let title = match (ru, self.types_list) {
                (true, true) => "типы заданий, которых нет в списке типов сервера",
                (true, false) => {
                    "типы заданий, неизвестные без списка типов сервера (webapi/grade/assignment/types)"
                }
                (false, true) => "assignment types not in the server's list",
                (false, false) => {
                    "assignment types unknown without the server's list (webapi/grade/assignment/types)"
                }
            };
            out.push_str(&format!("  {title}: {}\n", ids.join(", ")));
        }
        out
    }
}

/// A part of the text: its title in Russian and English, its counts and their order.
type Section<'s> = (
    &'s str,
    &'s str,
    &'s BTreeMap<&'static str, usize>,
    &'s [&'static str],
);

fn add(map: &mut BTreeMap<&'static str, usize>, key: &'static str, n: usize) {
    if n > 0 {
        *map.entry(key).or_default() += n;
    }
}

/// The events' types in the order an import writes them.
const MADE: [&str; 9] = [
    "extract",
    "class",
    "period",
    "student",
    "lesson",
    "homework",
    "mark",
    "attendance",
    "final_mark",
];

/// The counts in the order of `order`, any other key after them.
fn ordered(
    counts: &BTreeMap<&'static str, usize>,
    order: &[&'static str],
) -> Vec<(&'static str, usize)> {
    let mut out: Vec<(&'static str, usize)> = order
        .iter()
        .filter_map(|key| counts.get_key_value(key).map(|(k, n)| (*k, *n)))
        .collect();
    out.extend(
        counts
            .iter()
            .filter(|(key, _)| !order.contains(key))
            .map(|(k, n)| (*k, *n)),
    );
    out
}

/// A kind counted `n` times, in words.
fn words(key: &str, n: usize, lang: Lang) -> &str {
    let Some((_, ru, en)) = WORDS.iter().find(|(k, ..)| *k == key) else {
        return key;
    };
    match lang {
        Lang::Ru => ru_plural(n, ru[0], ru[1], ru[2]),
        Lang::En if n == 1 => en[0],
        Lang::En => en[1],
    }
}
