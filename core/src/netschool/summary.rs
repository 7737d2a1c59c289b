//! What an import read, made and left out (SPEC §7), by kind, and the same in words.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::event::Event;
use crate::report::Lang;
use crate::rules::ru_plural;

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

/// Every key of a summary, with its Russian forms after 1, 2 and 5, and English after 1
/// and 2.
pub(crate) const WORDS: &[(&str, [&str; 3], [&str; 2])] = &[
    // Read.
    ("weeks", ["неделя", "недели", "недель"], ["week", "weeks"]),
    ("days", ["день", "дня", "дней"], ["day", "days"]),
    (
        "journals",
        ["журнал", "журнала", "журналов"],
        ["journal", "journals"],
    ),
    (
        "students",
        ["ученик", "ученика", "учеников"],
        ["student", "students"],
    ),
    (
        "lessons",
        ["урок", "урока", "уроков"],
        ["lesson", "lessons"],
    ),
    (
        "assignments",
        ["задание", "задания", "заданий"],
        ["assignment", "assignments"],
    ),
    (
        "marks",
        ["отметка", "отметки", "отметок"],
        ["mark", "marks"],
    ),
    (
        "attendance",
        [
            "запись посещаемости",
            "записи посещаемости",
            "записей посещаемости",
        ],
        ["attendance record", "attendance records"],
    ),
    (
        "final_marks",
        ["итоговая отметка", "итоговые отметки", "итоговых отметок"],
        ["final mark", "final marks"],
    ),
    (
        "assignment_types",
        ["тип заданий", "типа заданий", "типов заданий"],
        ["assignment type", "assignment types"],
    ),
    // Made: the events' types.
    (
        "extract",
        [
            "выписка (extract)",
            "выписки (extract)",
            "выписок (extract)",
        ],
        ["extract", "extracts"],
    ),
    (
        "class",
        ["класс", "класса", "классов"],
        ["class", "classes"],
    ),
    (
        "period",
        ["учебный период", "учебных периода", "учебных периодов"],
        ["period", "periods"],
    ),
    (
        "student",
        ["ученик", "ученика", "учеников"],
        ["student", "students"],
    ),
    ("lesson", ["урок", "урока", "уроков"], ["lesson", "lessons"]),
    (
        "homework",
        ["домашнее задание", "домашних задания", "домашних заданий"],
        ["homework entry", "homework entries"],
    ),
    ("mark", ["отметка", "отметки", "отметок"], ["mark", "marks"]),
    (
        "final_mark",
        ["итоговая отметка", "итоговые отметки", "итоговых отметок"],
        ["final mark", "final marks"],
    ),
    // Left out.
    (
        "extracurricular_lessons",
        [
            "внеурочное занятие (не входит в классный журнал)",
            "внеурочных занятия (не входят в классный журнал)",
            "внеурочных занятий (не входят в классный журнал)",
        ],
        [
            "extracurricular lesson (not in the class register)",
            "extracurricular lessons (not in the class register)",
        ],
    ),
    (
        "overdue_assignments",
        [
            "просроченное задание из списка долгов (laAssigns)",
            "просроченных задания из списка долгов (laAssigns)",
            "просроченных заданий из списка долгов (laAssigns)",
        ],
        [
            "overdue assignment (laAssigns)",
            "overdue assignments (laAssigns)",
        ],
    ),
    (
        "duplicate_lessons",
        ["повтор урока", "повтора уроков", "повторов уроков"],
        ["repeated lesson", "repeated lessons"],
    ),
    (
        "duplicate_assignments",
        ["повтор задания", "повтора заданий", "повторов заданий"],
        ["repeated assignment", "repeated assignments"],
    ),
    (
        "homework_without_text",
        [
            "домашнее задание без текста",
            "домашних задания без текста",
            "домашних заданий без текста",
        ],
        ["homework without text", "homework entries without text"],
    ),
    (
        "homework_issued_outside",
        [
            "домашнее задание, выданное на уроке вне импорта",
            "домашних задания, выданных на уроках вне импорта",
            "домашних заданий, выданных на уроках вне импорта",
        ],
        [
            "homework set on a lesson outside the import",
            "homework entries set on lessons outside the import",
        ],
    ),
    (
        "unknown_type_assignments",
        [
            "задание неизвестного типа без отметки",
            "задания неизвестного типа без отметки",
            "заданий неизвестного типа без отметки",
        ],
        [
            "assignment of an unknown type without a mark",
            "assignments of an unknown type without a mark",
        ],
    ),
    (
        "duty_marks",
        ["«точка» (долг)", "«точки» (долга)", "«точек» (долгов)"],
        ["duty mark («точка», a debt)", "duty marks («точки», debts)"],
    ),
    (
        "marks_without_value",
        [
            "отметка без значения",
            "отметки без значения",
            "отметок без значения",
        ],
        ["mark without a value", "marks without a value"],
    ),
    (
        "marks_not_1_5",
        [
            "отметка не от 1 до 5",
            "отметки не от 1 до 5",
            "отметок не от 1 до 5",
        ],
        ["mark not from 1 to 5", "marks not from 1 to 5"],
    ),
    (
        "students_free",
        [
            "ученик, освобождённый от предмета (free)",
            "ученика, освобождённых от предмета (free)",
            "учеников, освобождённых от предмета (free)",
        ],
        [
            "student exempt from the subject (free)",
            "students exempt from the subject (free)",
        ],
    ),
    (
        "students_individual_education",
        [
            "ученик на индивидуальном обучении (individualEduc)",
            "ученика на индивидуальном обучении (individualEduc)",
            "учеников на индивидуальном обучении (individualEduc)",
        ],
        [
            "student on individual education (individualEduc)",
            "students on individual education (individualEduc)",
        ],
    ),
    (
        "entries_of_students_left_out",
        [
            "запись об этих учениках",
            "записи об этих учениках",
            "записей об этих учениках",
        ],
        ["entry about those students", "entries about those students"],
    ),
    (
        "entries_of_unknown_students",
        [
            "запись об ученике не из списка журнала",
            "записи об учениках не из списка журнала",
            "записей об учениках не из списка журнала",
        ],
        [
            "entry about a student not in the journal's list",
            "entries about students not in the journal's list",
        ],
    ),
    (
        "marks_of_unknown_assignments",
        [
            "отметка за задание не из журнала",
            "отметки за задания не из журнала",
            "отметок за задания не из журнала",
        ],
        [
            "mark for an assignment not in the journal",
            "marks for assignments not in the journal",
        ],
    ),
    (
        "attendance_of_unknown_codes",
        [
            "запись посещаемости с неизвестным кодом",
            "записи посещаемости с неизвестным кодом",
            "записей посещаемости с неизвестным кодом",
        ],
        [
            "attendance record with an unknown code",
            "attendance records with an unknown code",
        ],
    ),
    (
        "attendance_of_unknown_lessons",
        [
            "запись посещаемости урока не из журнала",
            "записи посещаемости уроков не из журнала",
            "записей посещаемости уроков не из журнала",
        ],
        [
            "attendance record of a lesson not in the journal",
            "attendance records of lessons not in the journal",
        ],
    ),
    (
        "final_marks_without_period",
        [
            "итоговая отметка без указанного периода",
            "итоговые отметки без указанного периода",
            "итоговых отметок без указанного периода",
        ],
        [
            "final mark without a period given",
            "final marks without a period given",
        ],
    ),
    (
        "final_marks_of_several_columns",
        [
            "итоговая отметка из нескольких столбцов итогов",
            "итоговые отметки из нескольких столбцов итогов",
            "итоговых отметок из нескольких столбцов итогов",
        ],
        [
            "final mark of several columns of totals",
            "final marks of several columns of totals",
        ],
    ),
    (
        "final_marks_not_1_5",
        [
            "итоговая отметка не от 1 до 5 и не «н/а»",
            "итоговые отметки не от 1 до 5 и не «н/а»",
            "итоговых отметок не от 1 до 5 и не «н/а»",
        ],
        [
            "final mark neither from 1 to 5 nor «н/а»",
            "final marks neither from 1 to 5 nor «н/а»",
        ],
    ),
    // Noted.
    (
        "unknown_type_marks",
        [
            "отметка за задание неизвестного типа (вид работы: «другое»)",
            "отметки за задания неизвестного типа (вид работы: «другое»)",
            "отметок за задания неизвестного типа (вид работы: «другое»)",
        ],
        [
            "mark for an assignment of an unknown type (kind of work: other)",
            "marks for assignments of an unknown type (kind of work: other)",
        ],
    ),
    (
        "same_time_lessons",
        [
            "урок в одно время с другим",
            "урока в одно время с другими",
            "уроков в одно время с другими",
        ],
        [
            "lesson at the same time as another",
            "lessons at the same time as another",
        ],
    ),
];
