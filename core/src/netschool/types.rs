//! The portal's marks, and the assignment types that tell a kind of work by its name
//! (SPEC §7).

use std::collections::BTreeMap;

use super::ImportSummary;
use crate::event::{Lesson, MarkValue, WorkKind};
use crate::vocab::fold;

/// A mark as the portal writes it: a number, or text (`5`, `н/а`, `зач`).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum RawMark {
    Number(f64),
    Text(String),
}

/// What a mark of the portal is to the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkReading {
    /// A mark from 1 to 5.
    Mark(u8),
    /// «н/а»: not attested (a final mark only).
    NotAttested,
    /// Anything else: `0`, `6`, «зач», a fraction.
    Other,
}

impl RawMark {
    pub fn reading(&self) -> MarkReading {
        let number = match self {
            RawMark::Number(n) => Some(*n),
            RawMark::Text(text) => {
                let folded = fold(text);
                if matches!(folded.as_str(), "н/а" | "на") {
                    return MarkReading::NotAttested;
                }
                folded.parse::<f64>().ok()
            }
        };
        match number {
            Some(n) if n.fract() == 0.0 && (1.0..=5.0).contains(&n) => {
                // A whole number from 1 to 5: the cast is exact.
                MarkReading::Mark(n as u8)
            }
            _ => MarkReading::Other,
        }
    }
}

/// A current mark of an assignment of `kind`: its value and kind of work, or `None` when
/// it is not a mark of 1–5 (a «точка», no value, «зач» …), counted as left out.
pub(super) fn current_mark(
    raw: Option<&RawMark>,
    duty: Option<bool>,
    kind: AssignmentKind,
    summary: &mut ImportSummary,
) -> Option<(MarkValue, WorkKind)> {
    let Some(raw) = raw else {
        let why = if duty == Some(true) {
            "duty_marks"
        } else {
            "marks_without_value"
        };
        summary.left_out(why, 1);
        return None;
    };
    let value = match raw.reading() {
        MarkReading::Mark(value) => MarkValue::new(value),
        MarkReading::NotAttested | MarkReading::Other => None,
    };
    let Some(value) = value else {
        summary.left_out("marks_not_1_5", 1);
        return None;
    };
    let work = match kind {
        AssignmentKind::Homework => WorkKind::Homework,
        AssignmentKind::Work(work) => work,
        AssignmentKind::Unknown => {
            summary.noted("unknown_type_marks", 1);
            WorkKind::Other
        }
    };
    Some((value, work))
}

/// Adds the kind of work of an assignment to its lesson's: every kind but homework (set
/// for later) and `other` (which says nothing), once, in order.
pub(super) fn add_work(lesson: &mut Lesson, kind: AssignmentKind) {
    if let AssignmentKind::Work(work) = kind {
        if work != WorkKind::Other && !lesson.work.contains(&work) {
            lesson.work.push(work);
            lesson.work.sort();
        }
    }
}

/// The kind of an assignment, told by its type's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AssignmentKind {
    /// «Домашнее задание»: the text is homework.
    Homework,
    /// Work done on the lesson (`other` for a name the register has no kind for).
    Work(WorkKind),
    /// A type id neither the types list nor the default list names.
    Unknown,
}

/// The names of assignment types 1–16, the same on every NetSchool server seen (SPEC §7).
/// Id 15 is not among them.
const DEFAULT_TYPES: [(i64, &str); 15] = [
    (1, "Практическая работа"),
    (2, "Тематическая работа"),
    (3, "Домашнее задание"),
    (4, "Контрольная работа"),
    (5, "Самостоятельная работа"),
    (6, "Лабораторная работа"),
    (7, "Проект"),
    (8, "Диктант"),
    (9, "Реферат"),
    (10, "Ответ на уроке"),
    (11, "Сочинение"),
    (12, "Изложение"),
    (13, "Зачёт"),
    (14, "Тестирование"),
    (16, "Диагностическая контрольная работа"),
];

/// The highest type id whose name is the same on every server.
const SHARED_IDS: i64 = 16;

/// Assignment type ids and their names: a server's list, over the default names of ids
/// 1–16 it does not list. Above 16 only the server's list names a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentTypes {
    names: BTreeMap<i64, String>,
    listed: bool,
}

impl Default for AssignmentTypes {
    /// The default names of ids 1–16.
    fn default() -> Self {
        AssignmentTypes {
            names: DEFAULT_TYPES
                .iter()
                .map(|(id, name)| (*id, (*name).to_owned()))
                .collect(),
            listed: false,
        }
    }
}

impl AssignmentTypes {
    /// The default names, overridden and extended by a server's list.
    pub(super) fn with_list(list: impl IntoIterator<Item = (i64, String)>) -> Self {
        let mut names = AssignmentTypes::default().names;
        names.extend(list);
        AssignmentTypes {
            names,
            listed: true,
        }
    }

    /// Whether a server's list was given.
    pub fn listed(&self) -> bool {
        self.listed
    }

    /// The name of a type id, if known.
    pub fn name(&self, id: i64) -> Option<&str> {
        self.names
            .get(&id)
            .filter(|_| self.listed || id <= SHARED_IDS)
            .map(String::as_str)
    }

    /// The kind of an assignment of this type.
    pub(super) fn kind(&self, id: i64) -> AssignmentKind {
        match self.name(id) {
            Some(name) => kind_of_name(name),
            None => AssignmentKind::Unknown,
        }
    }
}

/// The kind of work a type's name says (SPEC §7), else a kind of §1.2 by one of its Russian
/// names («Контрольный диктант», «Экскурсия»), else `other`.
pub(super) fn kind_of_name(name: &str) -> AssignmentKind {
    let kind = match fold(name).as_str() {
        "домашнее задание" => return AssignmentKind::Homework,
        "контрольная работа" | "диагностическая контрольная работа" => {
            WorkKind::ControlWork
        }
        "диктант" => WorkKind::ControlDictation,
        "сочинение" => WorkKind::Composition,
        "изложение" => WorkKind::Exposition,
        "самостоятельная работа" => WorkKind::IndependentWork,
        "практическая работа" => WorkKind::PracticalWork,
        "лабораторная работа" => WorkKind::LaboratoryWork,
        "тестирование" | "проверочная работа" => WorkKind::Test,
        "ответ на уроке" => WorkKind::Oral,
        _ => match WorkKind::parse(name) {
            Some(WorkKind::Homework) => return AssignmentKind::Homework,
            Some(kind) => kind,
            None => WorkKind::Other,
        },
    };
    AssignmentKind::Work(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_names() {
        let types = AssignmentTypes::default();
        assert_eq!(types.kind(3), AssignmentKind::Homework);
        assert_eq!(types.kind(4), AssignmentKind::Work(WorkKind::ControlWork));
        assert_eq!(types.kind(16), AssignmentKind::Work(WorkKind::ControlWork));
        assert_eq!(
            types.kind(8),
            AssignmentKind::Work(WorkKind::ControlDictation)
        );
        assert_eq!(types.kind(14), AssignmentKind::Work(WorkKind::Test));
        assert_eq!(types.kind(10), AssignmentKind::Work(WorkKind::Oral));
        assert_eq!(types.kind(7), AssignmentKind::Work(WorkKind::Other));
        assert_eq!(types.kind(15), AssignmentKind::Unknown);
        assert_eq!(types.kind(18), AssignmentKind::Unknown);
        assert_eq!(
            kind_of_name("Контрольный  диктант"),
            AssignmentKind::Work(WorkKind::ControlDictation)
        );
        assert_eq!(
            kind_of_name("ПРОВЕРОЧНАЯ РАБОТА"),
            AssignmentKind::Work(WorkKind::Test)
        );
    }

    #[test]
    fn a_list_names_ids_above_16_and_may_rename_the_shared_ones() {
        let types = AssignmentTypes::with_list([
            (18, "Проверочная работа".to_owned()),
            (4, "Домашнее задание".to_owned()),
        ]);
        assert_eq!(types.kind(18), AssignmentKind::Work(WorkKind::Test));
        assert_eq!(types.kind(4), AssignmentKind::Homework);
        assert_eq!(types.kind(3), AssignmentKind::Homework);
        assert_eq!(types.kind(19), AssignmentKind::Unknown);
    }

    #[test]
    fn marks_are_read_as_the_register_reads_them() {
        for (raw, reading) in [
            (RawMark::Number(5.0), MarkReading::Mark(5)),
            (RawMark::Number(0.0), MarkReading::Other),
            (RawMark::Number(4.5), MarkReading::Other),
            (RawMark::Number(6.0), MarkReading::Other),
            (RawMark::Text(" 4 ".into()), MarkReading::Mark(4)),
            (RawMark::Text("Н/А".into()), MarkReading::NotAttested),
            (RawMark::Text("зач".into()), MarkReading::Other),
        ] {
            assert_eq!(raw.reading(), reading, "{raw:?}");
        }
    }
}
