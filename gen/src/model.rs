//! Random but plausible registers for property tests.
//!
//! [`register()`] is a proptest strategy for a [`Case`]: a register of one school's autumn
//! (September to January, with a few entries of the rest of the year) as a list of
//! [`Event`]s, a moment `as_of` to check it at, and a policy. Every kind of event of SPEC §1
//! appears, with the mistakes real registers hold: entries made late, made by the wrong
//! person, with no `at` or no `by`, lessons updated several times, absences corrected,
//! empty homework, final marks too early or too late, references to ids nobody declared.
//! The register never contradicts itself (no declaration is repeated differently, no lesson
//! update moves a lesson), so it always loads.
//!
//! A case prints as the JSON lines of its events (with `as_of` and the policy above them),
//! so that a failing case, shrunk by proptest, can be saved and checked with
//! `ekzh check case.ndjson --as-of ...`.
//!
//! The register is built from a [`Spec`] of small numbers: what to declare, and entries
//! that name lessons, students and periods by position. Shrinking the spec drops entries,
//! lessons and declarations one by one, and the entries that named them then name others
//! (or nothing), so a shrunk case is still a register.

use std::fmt;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use ekzh_core::{Event, Policy};
#[cfg(feature = "proptest")]
use proptest::collection::vec;
#[cfg(feature = "proptest")]
use proptest::option;
#[cfg(feature = "proptest")]
use proptest::prelude::*;
#[cfg(feature = "proptest")]
use proptest::strategy::{NewTree, ValueTree};
#[cfg(feature = "proptest")]
use proptest::test_runner::TestRunner;
use serde_json::{json, Map, Value};

/// A register to check: its events, the moment to check it at, and the policy.
#[derive(Clone)]
pub struct Case {
    pub events: Vec<Event>,
    /// Lines the reader refused, with why: none, unless the model is wrong.
    pub refused: Vec<String>,
    pub as_of: DateTime<FixedOffset>,
    /// The partial policy, as JSON (`{}` for the Regulation's defaults).
    pub policy_json: &'static str,
    pub policy: Policy,
}

impl Case {
    pub fn new(
        events: Vec<Event>,
        as_of: DateTime<FixedOffset>,
        policy_json: &'static str,
    ) -> Self {
        Case {
            events,
            refused: Vec::new(),
            as_of,
            policy: Policy::from_json(policy_json).unwrap_or_default(),
            policy_json,
        }
    }

    /// The events as JSON lines (NDJSON), as `ekzh check` reads them.
    pub fn ndjson(&self) -> String {
        ndjson(&self.events)
    }
}

/// Events as JSON lines.
pub fn ndjson(events: &[Event]) -> String {
    let mut out = String::new();
    for event in events {
        out.push_str(&serde_json::to_string(event).unwrap_or_default());
        out.push('\n');
    }
    out
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "as_of {} · policy {} · {} events:",
            self.as_of.to_rfc3339(),
            self.policy_json,
            self.events.len()
        )?;
        f.write_str(&self.ndjson())
    }
}

// ------------------------------------------------------------------------------------
// The school: what may be declared.

/// A period: `(id, kind, start, end, grades)`.
type PeriodRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static [u8]>,
);

/// Periods of the school year 2024/25.
const PERIODS: &[PeriodRow] = &[
    ("y2024", "year", "2024-09-01", "2025-05-31", None),
    (
        "q1",
        "quarter",
        "2024-09-02",
        "2024-10-27",
        Some(&[1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ),
    (
        "q2",
        "quarter",
        "2024-11-05",
        "2024-12-28",
        Some(&[1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ),
    (
        "q3",
        "quarter",
        "2025-01-09",
        "2025-03-23",
        Some(&[1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ),
    (
        "q4",
        "quarter",
        "2025-03-31",
        "2025-05-26",
        Some(&[1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ),
    (
        "h1",
        "half_year",
        "2024-09-02",
        "2024-12-28",
        Some(&[10, 11]),
    ),
    (
        "h2",
        "half_year",
        "2025-01-09",
        "2025-05-26",
        Some(&[10, 11]),
    ),
    // Periods for every grade, overlapping the ones above: a school that keeps both.
    ("q1all", "quarter", "2024-09-02", "2024-10-25", None),
    ("t1", "trimester", "2024-09-02", "2024-11-30", None),
    (
        "t2",
        "trimester",
        "2024-12-01",
        "2025-02-28",
        Some(&[5, 6, 7]),
    ),
];

/// Classes: `(id, grade, name)`.
const CLASSES: &[(&str, u8, &str)] = &[
    ("1a", 1, "1А"),
    ("2b", 2, "2Б"),
    ("4a", 4, "4А"),
    ("5a", 5, "5А"),
    ("7v", 7, "7В"),
    ("9a", 9, "9А"),
    ("10a", 10, "10А"),
    ("11b", 11, "11Б"),
];

/// Staff: `(id, name, roles)`; the class-teacher classes are chosen per register.
const STAFF: &[(&str, &str, &[&str])] = &[
    ("t1", "Иванова Ирина Ивановна", &["teacher"]),
    ("t2", "Петров Павел Петрович", &["teacher"]),
    ("t3", "Сидорова Светлана Игоревна", &["teacher", "deputy"]),
    ("t4", "Кузнецов Олег Юрьевич", &["учитель"]),
    ("t5", "Морозова Анна Сергеевна", &["teacher"]),
    ("adm", "Администратор АСУ РСО", &["admin"]),
    ("dep", "Завуч Смирнова Е. В.", &["deputy", "teacher"]),
    ("dir", "Директор Волков А. А.", &["director"]),
];

/// Subjects as portals name them.
const SUBJECTS: &[&str] = &[
    "Химия",
    "Физика",
    "Физика профиль",
    "Технология",
    "Труд (технология)",
    "Информатика",
    "Информатика (углублённый уровень)",
    "Физическая культура",
    "Физкультура",
    "Окружающий мир",
    "Математика",
    "Русский язык",
    "Литература",
    "Английский язык",
    "История",
    "Биология",
    // The same subjects as other portals write them, and one a policy names.
    "ХИМИЯ",
    " Физика (базовый уровень) ",
    "Труд",
    "Робототехника",
];

/// Subjects taught in subgroups.
const GROUP_SUBJECTS: &[&str] = &[
    "Информатика",
    "Английский язык",
    "Технология",
    "Физическая культура",
];

const PE_SECTIONS: &[&str] = &[
    "Лёгкая атлетика",
    "Гимнастика",
    "ГИМНАСТИКА ",
    "Спортивные игры",
    "Лыжная подготовка",
];

/// Lesson times: `(start, end)`.
const SLOTS: &[(&str, &str)] = &[
    ("08:30", "09:15"),
    ("09:25", "10:10"),
    ("10:20", "11:05"),
    ("11:25", "12:10"),
    ("12:20", "13:05"),
    ("13:15", "14:00"),
    ("14:10", "14:55"),
];

const TOPICS: &[Option<&str>] = &[
    None,
    Some(""),
    Some("   "),
    Some("Натуральные числа"),
    Some("Периодическая система"),
    Some("Законы Ньютона"),
    Some("Вводный инструктаж по охране труда. Предмет и задачи курса"),
    Some("вводный инструктаж по ТБ; бег на 30 м"),
    Some("Повторный инструктаж по ОТ. Электрический ток"),
    Some("Целевой инструктаж. Лабораторная работа № 1"),
    Some("ВНЕПЛАНОВЫЙ ИНСТРУКТАЖ после нарушения правил"),
    Some("Инструктаж по технике безопасности"),
    Some("Сочинение-рассуждение"),
    Some("Контрольная работа по теме «Дроби»"),
];

const WORKS: &[&[&str]] = &[
    &[],
    &["control_work"],
    &["Контрольная работа"],
    &["control_dictation"],
    &["изложение"],
    &["composition"],
    &["practical_work"],
    &["лабораторная работа"],
    &["excursion"],
    &["test"],
    &["independent_work"],
    &["oral", "test"],
    &["practical_work", "laboratory_work"],
    &["homework"],
    &["other"],
];

const BRIEFINGS: &[&[&str]] = &[
    &[],
    &["introductory"],
    &["вводный"],
    &["repeat"],
    &["targeted"],
    &["unscheduled"],
    &["introductory", "targeted"],
    &["Целевой инструктаж"],
];

const HOMEWORK_TEXTS: &[&str] = &[
    "Стр. 15, упр. 3",
    "§5, вопросы 1–4",
    "№ 123, 124",
    "",
    "  ",
    "—",
    "-",
    "...",
    "нет",
];

const CODES: &[&str] = &[
    "Н",
    "ОТ",
    "УП",
    "Б",
    "НП",
    "ОП",
    "ОСВ",
    "present",
    "absent",
    "excused",
    "illness",
    "unexcused",
    "late",
    "exempt",
];

/// Reasons of a notice to parents, as portals write them.
const NOTICE_REASONS: &[&str] = &["failing", "unexcused_absence", "Неуспеваемость"];

const DECISIONS: &[&str] = &[
    "promoted",
    "conditionally_promoted",
    "left",
    "admitted_to_gia",
    "not_admitted_to_gia",
    "certificate",
    "certificate_with_honors",
    "study_certificate",
];

/// Partial policies a register is checked under.
pub const POLICIES: &[&str] = &[
    "{}",
    "{}",
    "{}",
    r#"{"no_marks_grades": [1, 2]}"#,
    r#"{"utc_offset": "+03:00"}"#,
    r#"{"long_absence_lessons": 2, "protected_lessons_after_absence": 1}"#,
    r#"{"final_marks_publish_within": 48, "homework_deadline_after_last_lesson": 30}"#,
    r#"{"absence_reason_within_days": 3, "paper_report_every_days": 7, "thematic_plan_grace_days": 7}"#,
    r#"{"subject_kinds": {"Робототехника": "technology"}, "failing_marks": [1, 2, 3]}"#,
    r#"{"min_marks_for_final": {"quarter": 1, "year": 2}, "mark_weights": {"control_work": 2, "oral": 0}}"#,
];

/// Moments a register is checked at.
const AS_OF: &[&str] = &[
    "2024-09-02T12:00:00+04:00",
    "2024-09-20T18:00:00+04:00",
    "2024-10-28T09:00:00+04:00",
    "2024-11-05T00:00:00+04:00",
    "2024-12-29T20:00:00+04:00",
    "2025-01-15T12:00:00+03:00",
    "2025-02-01T08:00:00Z",
    "2025-06-01T12:00:00+04:00",
    "2025-07-01T00:00:00+04:00",
    "2025-09-01T12:00:00+04:00",
];

/// An id nobody declares.
const UNDECLARED: &str = "x404";

// ------------------------------------------------------------------------------------
// The spec: small numbers a register is built from.

/// A reference to something declared, by position (taken modulo what there is), or to an
/// id nobody declared.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Ref {
    Known(u8),
    Undeclared,
}

#[cfg(feature = "proptest")]
fn reference() -> impl Strategy<Value = Ref> {
    prop_oneof![30 => any::<u8>().prop_map(Ref::Known), 1 => Just(Ref::Undeclared)]
}

/// When an entry was made, relative to the moment it is about (a lesson's end, a date's
/// noon, a period's last day).
#[derive(Debug, Clone, Copy)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum At {
    Missing,
    /// Minutes after the moment (negative: before it).
    Minutes(i32),
    /// Whole days after (negative: before), at a time of day (minutes after midnight).
    Days(i8, u16),
}

#[cfg(feature = "proptest")]
fn at() -> impl Strategy<Value = At> {
    prop_oneof![
        1 => Just(At::Missing),
        // Often on the quarter hour, so that entries made at the same moment are common.
        2 => Just(At::Minutes(0)),
        3 => (-8..48i32).prop_map(|q| At::Minutes(q * 15)),
        1 => (-120..720i32).prop_map(At::Minutes),
        2 => (1..30i8, 0..1440u16).prop_map(|(d, m)| At::Days(d, m)),
        1 => (-10..0i8, 0..1440u16).prop_map(|(d, m)| At::Days(d, m)),
    ]
}

/// Who made an entry.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum By {
    /// Whoever may: the lesson's teacher, the class teacher, the admin.
    Right,
    /// A member of staff by position.
    Staff(u8),
    Student,
    Parent,
    Undeclared,
    Missing,
}

#[cfg(feature = "proptest")]
fn by() -> impl Strategy<Value = By> {
    prop_oneof![
        12 => Just(By::Right),
        3 => any::<u8>().prop_map(By::Staff),
        1 => Just(By::Student),
        1 => Just(By::Parent),
        1 => Just(By::Undeclared),
        2 => Just(By::Missing),
    ]
}

/// `at` and `by`, and the offset `at` is written with.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Made {
    pub at: At,
    pub by: By,
    pub zone: u8,
}

#[cfg(feature = "proptest")]
fn made() -> impl Strategy<Value = Made> {
    (at(), by(), 0..6u8).prop_map(|(at, by, zone)| Made { at, by, zone })
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct StaffSpec {
    pub declared: bool,
    /// The classes this person is class teacher of.
    pub classes: Vec<Ref>,
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct StudentSpec {
    pub class: Ref,
    pub named: bool,
    /// Enrolled from this many days after 1 September.
    pub since: Option<u8>,
    /// `(subject, group)` by position.
    pub groups: Vec<(u8, bool)>,
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ParentSpec {
    pub named: bool,
    pub children: Vec<Ref>,
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct VersionSpec {
    pub topic: u8,
    pub work: u8,
    pub briefing: u8,
    /// Move the lesson to another slot.
    pub slot: Option<u8>,
    /// Another teacher (by position), or a substitute.
    pub teacher: Option<u8>,
    pub substitute: bool,
    pub made: Made,
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct LessonSpec {
    pub class: Ref,
    /// One of the register's few subjects, or (`any_subject`) any subject.
    pub subject: u8,
    pub any_subject: bool,
    /// The same lesson again in later weeks: how many, and how many school days apart.
    pub weeks: u8,
    pub step: u8,
    /// `None`: the whole class; else subgroup 1 or 2.
    pub group: Option<bool>,
    /// The school day, counted from 2 September (weekdays only).
    pub day: u8,
    pub slot: u8,
    pub teacher: u8,
    pub section: u8,
    pub first: VersionSpec,
    pub updates: Vec<VersionSpec>,
}

/// A student named by an entry: of the lesson (by position), any student, or nobody known.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum StudentRef {
    OfLesson(u8),
    Any(u8),
    Undeclared,
}

#[cfg(feature = "proptest")]
fn student_ref() -> impl Strategy<Value = StudentRef> {
    prop_oneof![
        12 => any::<u8>().prop_map(StudentRef::OfLesson),
        3 => any::<u8>().prop_map(StudentRef::Any),
        1 => Just(StudentRef::Undeclared),
    ]
}

/// An entry other than a declaration or a lesson.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum EntrySpec {
    /// An absence and its corrections.
    Attendance {
        lesson: u8,
        student: StudentRef,
        codes: Vec<(u8, Made)>,
    },
    Mark {
        lesson: u8,
        student: StudentRef,
        value: u8,
        work: Option<u8>,
        basis: u8,
        made: Made,
    },
    /// A student absent from several lessons of a stream in a row, from `lesson` on, then
    /// marked on the next ones (the protected lessons after a long absence).
    Absences {
        lesson: u8,
        student: StudentRef,
        code: u8,
        count: u8,
        marks: Vec<u8>,
        made: Made,
    },
    /// A term of one student in one subject: marks on the stream's lessons, then a final
    /// mark for a period that holds the first of them (any declared period when none does).
    Term {
        lesson: u8,
        student: StudentRef,
        values: Vec<u8>,
        value: u8,
        period: Ref,
        made: Made,
        closed: Made,
    },
    /// Several marks for one student in one subject, as a term goes.
    Marks {
        lesson: u8,
        student: StudentRef,
        values: Vec<u8>,
        made: Made,
    },
    Homework {
        lesson: u8,
        text: u8,
        students: Vec<StudentRef>,
        made: Made,
    },
    /// A final mark; with `lesson`, in that lesson's subject for one of its students.
    FinalMark {
        lesson: Option<u8>,
        student: StudentRef,
        subject: u8,
        period: Ref,
        value: u8,
        made: Made,
    },
    /// An incident; with `lesson`, in that lesson's class and subject, a few days before it.
    Incident {
        lesson: Option<u8>,
        class: Ref,
        subject: u8,
        day: u8,
        note: bool,
        made: Made,
    },
    GroupChange {
        student: StudentRef,
        subject: u8,
        group: bool,
        day: u8,
        made: Made,
    },
    StudentLeft {
        student: StudentRef,
        day: u8,
        made: Made,
    },
    Sanatorium {
        student: StudentRef,
        day: u8,
        days: u8,
    },
    HomeSchooling {
        student: StudentRef,
        day: u8,
        days: Option<u8>,
        subjects: Vec<u8>,
    },
    OptOut {
        parent: Ref,
        day: u8,
    },
    DiaryView {
        parent: Ref,
        child: u8,
        final_marks: bool,
        day: u16,
        made: Made,
    },
    PaperReport {
        student: StudentRef,
        day: u16,
        made: Made,
    },
    /// A thematic plan; with `lesson`, for that lesson's class, group and subject.
    ThematicPlan {
        lesson: Option<u8>,
        class: Ref,
        group: Option<bool>,
        subject: u8,
        lessons: u8,
        topics: bool,
        made: Made,
    },
    JournalExport {
        class: Ref,
        day: u8,
        signed: bool,
        made: Made,
    },
    AnnualDecision {
        student: StudentRef,
        decision: u8,
        made: Made,
    },
    /// The class teacher tells a student's parents (one of them, by position, or none
    /// named) that the student is failing or misses lessons.
    ParentNotice {
        student: StudentRef,
        parent: Option<Ref>,
        reason: u8,
        day: u16,
        made: Made,
    },
}

#[cfg(feature = "proptest")]
fn entry() -> impl Strategy<Value = EntrySpec> {
    let attendance = (any::<u8>(), student_ref(), vec((any::<u8>(), made()), 1..4)).prop_map(
        |(lesson, student, codes)| EntrySpec::Attendance {
            lesson,
            student,
            codes,
        },
    );
    let mark = (
        any::<u8>(),
        student_ref(),
        1..=5u8,
        option::weighted(0.3, any::<u8>()),
        prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        made(),
    )
        .prop_map(
            |(lesson, student, value, work, basis, made)| EntrySpec::Mark {
                lesson,
                student,
                value,
                work,
                basis,
                made,
            },
        );
    let marks = (any::<u8>(), student_ref(), vec(1..=5u8, 2..7), made()).prop_map(
        |(lesson, student, values, made)| EntrySpec::Marks {
            lesson,
            student,
            values,
            made,
        },
    );
    let homework = (
        any::<u8>(),
        any::<u8>(),
        prop_oneof![4 => Just(vec![]), 1 => vec(student_ref(), 1..3)],
        made(),
    )
        .prop_map(|(lesson, text, students, made)| EntrySpec::Homework {
            lesson,
            text,
            students,
            made,
        });
    let final_mark = (
        option::weighted(0.7, any::<u8>()),
        student_ref(),
        any::<u8>(),
        reference(),
        0..=6u8,
        made(),
    )
        .prop_map(
            |(lesson, student, subject, period, value, made)| EntrySpec::FinalMark {
                lesson,
                student,
                subject,
                period,
                value,
                made,
            },
        );
    let incident = (
        option::weighted(0.7, any::<u8>()),
        reference(),
        any::<u8>(),
        any::<u8>(),
        any::<bool>(),
        made(),
    )
        .prop_map(
            |(lesson, class, subject, day, note, made)| EntrySpec::Incident {
                lesson,
                class,
                subject,
                day,
                note,
                made,
            },
        );
    let group_change = (
        student_ref(),
        any::<u8>(),
        any::<bool>(),
        any::<u8>(),
        made(),
    )
        .prop_map(
            |(student, subject, group, day, made)| EntrySpec::GroupChange {
                student,
                subject,
                group,
                day,
                made,
            },
        );
    let left = (student_ref(), any::<u8>(), made())
        .prop_map(|(student, day, made)| EntrySpec::StudentLeft { student, day, made });
    let sanatorium = (student_ref(), any::<u8>(), 1..40u8)
        .prop_map(|(student, day, days)| EntrySpec::Sanatorium { student, day, days });
    let home = (
        student_ref(),
        any::<u8>(),
        option::of(1..120u8),
        vec(any::<u8>(), 0..4),
    )
        .prop_map(|(student, day, days, subjects)| EntrySpec::HomeSchooling {
            student,
            day,
            days,
            subjects,
        });
    let opt_out =
        (reference(), any::<u8>()).prop_map(|(parent, day)| EntrySpec::OptOut { parent, day });
    let view = (reference(), any::<u8>(), any::<bool>(), 0..300u16, made()).prop_map(
        |(parent, child, final_marks, day, made)| EntrySpec::DiaryView {
            parent,
            child,
            final_marks,
            day,
            made,
        },
    );
    let paper = (student_ref(), 0..300u16, made())
        .prop_map(|(student, day, made)| EntrySpec::PaperReport { student, day, made });
    let plan = (
        option::weighted(0.7, any::<u8>()),
        reference(),
        option::weighted(0.2, any::<bool>()),
        any::<u8>(),
        0..40u8,
        any::<bool>(),
        made(),
    )
        .prop_map(|(lesson, class, group, subject, lessons, topics, made)| {
            EntrySpec::ThematicPlan {
                lesson,
                class,
                group,
                subject,
                lessons,
                topics,
                made,
            }
        });
    let export =
        (reference(), any::<u8>(), any::<bool>(), made()).prop_map(|(class, day, signed, made)| {
            EntrySpec::JournalExport {
                class,
                day,
                signed,
                made,
            }
        });
    let decision = (student_ref(), any::<u8>(), made()).prop_map(|(student, decision, made)| {
        EntrySpec::AnnualDecision {
            student,
            decision,
            made,
        }
    });
    let notice = (
        student_ref(),
        option::weighted(0.6, reference()),
        any::<u8>(),
        0..300u16,
        made(),
    )
        .prop_map(
            |(student, parent, reason, day, made)| EntrySpec::ParentNotice {
                student,
                parent,
                reason,
                day,
                made,
            },
        );
    let absences = (
        any::<u8>(),
        student_ref(),
        any::<u8>(),
        1..5u8,
        vec(1..=5u8, 0..3),
        made(),
    )
        .prop_map(
            |(lesson, student, code, count, marks, made)| EntrySpec::Absences {
                lesson,
                student,
                code,
                count,
                marks,
                made,
            },
        );
    let term = (
        any::<u8>(),
        student_ref(),
        vec(1..=5u8, 0..6),
        0..=6u8,
        reference(),
        made(),
        made(),
    )
        .prop_map(
            |(lesson, student, values, value, period, made, closed)| EntrySpec::Term {
                lesson,
                student,
                values,
                value,
                period,
                made,
                closed,
            },
        );
    prop_oneof![
        2 => absences,
        3 => term,
        10 => attendance,
        12 => mark,
        3 => marks,
        6 => homework,
        6 => final_mark,
        2 => incident,
        2 => group_change,
        1 => left,
        1 => sanatorium,
        1 => home,
        1 => opt_out,
        3 => view,
        1 => paper,
        2 => plan,
        1 => export,
        2 => decision,
        1 => notice,
    ]
}

#[cfg(feature = "proptest")]
fn version() -> impl Strategy<Value = VersionSpec> {
    (
        any::<u8>(),
        prop_oneof![2 => Just(0u8), 1 => any::<u8>()],
        prop_oneof![2 => Just(0u8), 1 => any::<u8>()],
        option::weighted(0.15, any::<u8>()),
        option::weighted(0.15, any::<u8>()),
        prop::bool::weighted(0.1),
        made(),
    )
        .prop_map(
            |(topic, work, briefing, slot, teacher, substitute, made)| VersionSpec {
                topic,
                work,
                briefing,
                slot,
                teacher,
                substitute,
                made,
            },
        )
}

#[cfg(feature = "proptest")]
fn lesson() -> impl Strategy<Value = LessonSpec> {
    (
        reference(),
        (
            any::<u8>(),
            prop::bool::weighted(0.15),
            prop_oneof![2 => Just(0u8), 2 => 1..3u8, 1 => 3..6u8],
            1..=5u8,
        ),
        option::weighted(0.25, any::<bool>()),
        // Most lessons in the first weeks, so that a class has several on a day.
        prop_oneof![3 => 0..15u8, 1 => 0..110u8],
        any::<u8>(),
        any::<u8>(),
        any::<u8>(),
        version(),
        prop_oneof![3 => Just(vec![]), 1 => vec(version(), 1..3)],
    )
        .prop_map(
            |(
                class,
                (subject, any_subject, weeks, step),
                group,
                day,
                slot,
                teacher,
                section,
                first,
                updates,
            )| LessonSpec {
                class,
                subject,
                any_subject,
                weeks,
                step,
                group,
                day,
                slot,
                teacher,
                section,
                first,
                updates,
            },
        )
}

/// What a register is built from.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Spec {
    /// The subjects most lessons are of.
    pub subjects: Vec<u8>,
    pub periods: Vec<bool>,
    pub classes: Vec<bool>,
    pub staff: Vec<StaffSpec>,
    pub students: Vec<StudentSpec>,
    pub parents: Vec<ParentSpec>,
    pub lessons: Vec<LessonSpec>,
    pub entries: Vec<EntrySpec>,
    /// Events repeated word for word at the end, by position.
    pub repeats: Vec<u16>,
    pub policy: u8,
    /// A moment of `AS_OF`, or days after 1 September at noon.
    pub as_of: Result<u8, u16>,
}

#[cfg(feature = "proptest")]
fn spec() -> impl Strategy<Value = Spec> {
    let staff = (prop::bool::weighted(0.85), vec(reference(), 0..2))
        .prop_map(|(declared, classes)| StaffSpec { declared, classes });
    let student = (
        reference(),
        prop::bool::weighted(0.7),
        option::weighted(0.1, 0..90u8),
        vec((any::<u8>(), any::<bool>()), 0..3),
    )
        .prop_map(|(class, named, since, groups)| StudentSpec {
            class,
            named,
            since,
            groups,
        });
    let parent = (any::<bool>(), vec(reference(), 1..3))
        .prop_map(|(named, children)| ParentSpec { named, children });
    (
        (
            vec(any::<u8>(), 1..5),
            vec(prop::bool::weighted(0.5), PERIODS.len()),
            vec(prop::bool::weighted(0.35), CLASSES.len()),
            vec(staff, STAFF.len()),
            vec(student, 0..10),
            vec(parent, 0..4),
        ),
        (
            vec(lesson(), 0..12),
            vec(entry(), 0..40),
            vec(any::<u16>(), 0..3),
            0..POLICIES.len() as u8,
            prop_oneof![
                3 => (0..AS_OF.len() as u8).prop_map(Ok),
                1 => (0..400u16).prop_map(Err),
            ],
        ),
    )
        .prop_map(
            |(
                (subjects, periods, classes, staff, students, parents),
                (lessons, entries, repeats, policy, as_of),
            )| Spec {
                subjects,
                periods,
                classes,
                staff,
                students,
                parents,
                lessons,
                entries,
                repeats,
                policy,
                as_of,
            },
        )
}

#[cfg(feature = "proptest")]
/// A random register with `as_of` and a policy.
///
/// It shrinks in two steps: first the spec (fewer declarations, lessons and entries,
/// simpler choices), then the built register itself, one event at a time, so that a failing
/// case ends up with only the events the failure needs.
pub fn register() -> Registers {
    Registers(spec().boxed())
}

#[cfg(feature = "proptest")]
/// The strategy of [`register()`].
#[derive(Debug)]
pub struct Registers(BoxedStrategy<Spec>);

#[cfg(feature = "proptest")]
impl Strategy for Registers {
    type Tree = CaseTree;
    type Value = Case;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        Ok(CaseTree {
            spec: self.0.new_tree(runner)?,
            events: None,
        })
    }
}

#[cfg(feature = "proptest")]
/// Shrinks a register: its spec first, then its events one by one.
pub struct CaseTree {
    spec: Box<dyn ValueTree<Value = Spec>>,
    /// Once the spec cannot shrink further: the register it built, and the events left out.
    events: Option<Dropping>,
}

#[cfg(feature = "proptest")]
/// The register being shrunk event by event.
struct Dropping {
    case: Case,
    keep: Vec<bool>,
    /// The next event to try to drop.
    next: usize,
    /// The event dropped last, until the test tells whether the failure stays.
    last: Option<usize>,
    /// Whether an event was dropped for good in this pass over the events.
    progress: bool,
}

#[cfg(feature = "proptest")]
impl ValueTree for CaseTree {
    type Value = Case;

    fn current(&self) -> Case {
        match &self.events {
            None => build(&self.spec.current()),
            Some(d) => {
                let mut case = d.case.clone();
                case.events = d
                    .case
                    .events
                    .iter()
                    .zip(&d.keep)
                    .filter(|(_, keep)| **keep)
                    .map(|(e, _)| e.clone())
                    .collect();
                case
            }
        }
    }

    fn simplify(&mut self) -> bool {
        if self.events.is_none() {
            if self.spec.simplify() {
                return true;
            }
            let case = build(&self.spec.current());
            let n = case.events.len();
            self.events = Some(Dropping {
                case,
                keep: vec![true; n],
                next: 0,
                last: None,
                progress: false,
            });
        }
        let Some(d) = &mut self.events else {
            return false;
        };
        if d.last.take().is_some() {
            d.progress = true;
        }
        loop {
            while d.keep.get(d.next) == Some(&false) {
                d.next += 1;
            }
            if let Some(keep) = d.keep.get_mut(d.next) {
                *keep = false;
                d.last = Some(d.next);
                d.next += 1;
                return true;
            }
            if !d.progress {
                return false;
            }
            d.next = 0;
            d.progress = false;
        }
    }

    fn complicate(&mut self) -> bool {
        match &mut self.events {
            None => self.spec.complicate(),
            Some(d) => match d.last.take() {
                Some(i) => {
                    if let Some(keep) = d.keep.get_mut(i) {
                        *keep = true;
                    }
                    true
                }
                None => false,
            },
        }
    }
}

// ------------------------------------------------------------------------------------
// Building the register.

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

fn first_of_september() -> NaiveDate {
    date("2024-09-01")
}

/// The `n`-th school day (Monday to Friday) from 2 September 2024.
fn school_day(n: u16) -> NaiveDate {
    let mut day = date("2024-09-02");
    let mut left = n;
    while left > 0 {
        day += Duration::days(1);
        if !matches!(
            chrono::Datelike::weekday(&day),
            chrono::Weekday::Sat | chrono::Weekday::Sun
        ) {
            left -= 1;
        }
    }
    day
}

fn pick<T: Copy + Default>(list: &[T], i: u8) -> T {
    nth(list, usize::from(i))
}

/// The `i`-th of a list, counted round it.
fn nth<T: Clone + Default>(list: &[T], i: usize) -> T {
    list.get(i % list.len().max(1)).cloned().unwrap_or_default()
}

fn offset(hours: i32) -> FixedOffset {
    FixedOffset::east_opt(hours * 3600).unwrap_or(Utc.fix())
}

/// The school's clock: `+04:00`.
fn school() -> FixedOffset {
    offset(4)
}

/// An instant written with one of a few offsets (the same instant each way).
fn stamp(moment: DateTime<FixedOffset>, zone: u8) -> String {
    let offset = match zone % 6 {
        0 | 1 => school(),
        2 => offset(3),
        3 => offset(5),
        4 => {
            return moment
                .with_timezone(&Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        }
        _ => offset(0),
    };
    moment
        .with_timezone(&offset)
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

fn local(date: NaiveDate, time: &str) -> DateTime<FixedOffset> {
    let time = NaiveTime::parse_from_str(time, "%H:%M").unwrap_or_default();
    school()
        .from_local_datetime(&date.and_time(time))
        .single()
        .unwrap_or_default()
}

struct Builder<'s> {
    spec: &'s Spec,
    events: Vec<Value>,
    periods: Vec<&'static str>,
    classes: Vec<&'static str>,
    staff: Vec<&'static str>,
    admins: Vec<&'static str>,
    /// `(id, class)`.
    students: Vec<(String, String)>,
    /// `(id, children)`.
    parents: Vec<(String, Vec<String>)>,
    /// `(id, class, teacher, date, end)`.
    lessons: Vec<LessonInfo>,
}

#[derive(Clone)]
struct LessonInfo {
    id: String,
    class: String,
    group: Option<String>,
    teacher: String,
    subject: &'static str,
    date: NaiveDate,
    end: &'static str,
}

impl Builder<'_> {
    fn class(&self, r: Ref) -> String {
        match r {
            Ref::Known(i) if !self.classes.is_empty() => pick(&self.classes, i).to_owned(),
            _ => UNDECLARED.to_owned(),
        }
    }

    fn period(&self, r: Ref) -> String {
        match r {
            Ref::Known(i) if !self.periods.is_empty() => pick(&self.periods, i).to_owned(),
            _ => UNDECLARED.to_owned(),
        }
    }

    /// A parent's id and children.
    fn parent(&self, r: Ref) -> (String, Vec<String>) {
        match r {
            Ref::Known(i) if !self.parents.is_empty() => nth(&self.parents, usize::from(i)),
            _ => (UNDECLARED.to_owned(), Vec::new()),
        }
    }

    fn any_student(&self, i: u8) -> String {
        if self.students.is_empty() {
            UNDECLARED.to_owned()
        } else {
            nth(&self.students, usize::from(i)).0
        }
    }

    /// A student named by an entry; `class` is the class of the entry's lesson, if any.
    fn student(&self, r: StudentRef, class: Option<&str>) -> String {
        match r {
            StudentRef::OfLesson(i) => {
                let mine: Vec<&str> = self
                    .students
                    .iter()
                    .filter(|(_, c)| class.is_none_or(|class| c == class))
                    .map(|(id, _)| id.as_str())
                    .collect();
                if mine.is_empty() {
                    self.any_student(i)
                } else {
                    nth(&mine, usize::from(i)).to_owned()
                }
            }
            StudentRef::Any(i) => self.any_student(i),
            StudentRef::Undeclared => UNDECLARED.to_owned(),
        }
    }

    fn lesson(&self, i: u8) -> Option<LessonInfo> {
        self.lessons
            .get(usize::from(i) % self.lessons.len().max(1))
            .cloned()
    }

    /// The lessons of a lesson's stream (its class, subject and group) by date, from a day.
    fn stream_from(&self, first: &LessonInfo, from: Option<NaiveDate>) -> Vec<LessonInfo> {
        let mut stream: Vec<LessonInfo> = self
            .lessons
            .iter()
            .filter(|l| {
                l.class == first.class
                    && l.subject == first.subject
                    && l.group == first.group
                    && from.is_none_or(|from| l.date >= from)
            })
            .cloned()
            .collect();
        stream.sort_by_key(|l| l.date);
        stream
    }

    fn class_teacher(&self, class: &str) -> Option<String> {
        self.spec
            .staff
            .iter()
            .zip(STAFF)
            .filter(|(s, _)| s.declared)
            .find(|(s, _)| s.classes.iter().any(|c| self.class(*c) == class))
            .map(|(_, (id, _, _))| (*id).to_owned())
    }

    /// Sets `at` and `by` on an entry: `at` relative to `base`, `by` from `right`.
    fn made(
        &self,
        entry: &mut Map<String, Value>,
        made: Made,
        base: DateTime<FixedOffset>,
        right: Option<String>,
    ) {
        let moment = match made.at {
            At::Missing => None,
            At::Minutes(m) => Some(base + Duration::minutes(i64::from(m).clamp(-FAR, FAR))),
            At::Days(d, m) => {
                let day = base.with_timezone(&school()).date_naive() + Duration::days(i64::from(d));
                Some(local(day, "00:00") + Duration::minutes(i64::from(m)))
            }
        };
        if let Some(moment) = moment {
            entry.insert("at".into(), json!(stamp(moment, made.zone)));
        }
        let by = match made.by {
            By::Right => right.or_else(|| self.staff.first().map(|s| (*s).to_owned())),
            By::Staff(i) => Some(pick(STAFF, i).0.to_owned()),
            By::Student => Some(self.any_student(0)),
            By::Parent => Some(self.parent(Ref::Known(0)).0),
            By::Undeclared => Some(UNDECLARED.to_owned()),
            By::Missing => None,
        };
        if let Some(by) = by {
            entry.insert("by".into(), json!(by));
        }
    }

    fn push(&mut self, value: Value) {
        self.events.push(value);
    }

    fn entry(
        &mut self,
        fields: Value,
        made: Made,
        base: DateTime<FixedOffset>,
        right: Option<String>,
    ) {
        let Value::Object(mut map) = fields else {
            unreachable!()
        };
        self.made(&mut map, made, base, right);
        self.push(Value::Object(map));
    }

    fn admin(&self) -> Option<String> {
        self.admins.first().map(|s| (*s).to_owned())
    }
}

/// Minutes an entry is made at most before or after what it is about (400 days).
const FAR: i64 = 400 * 24 * 60;

/// A current mark from 1 to 5 (the strategies draw those; `arbitrary` any number).
fn mark_value(value: u8) -> u8 {
    1 + value.wrapping_sub(1) % 5
}

/// Sets a field of an event being built.
fn set(event: &mut Value, key: &str, value: Value) {
    if let Value::Object(map) = event {
        map.insert(key.to_owned(), value);
    }
}

/// A final mark as portals write it: 1 to 5, or «н/а» in either spelling.
fn final_value(value: u8) -> Value {
    match value % 7 {
        0 => json!("na"),
        6 => json!("н/а"),
        v => json!(v),
    }
}

fn noon(day: NaiveDate) -> DateTime<FixedOffset> {
    local(day, "12:00")
}

fn version_fields(v: &VersionSpec, subject: &str, section: Option<&str>) -> Map<String, Value> {
    let mut map = Map::new();
    if let Some(topic) = pick(TOPICS, v.topic) {
        map.insert("topic".into(), json!(topic));
    }
    match pick(WORKS, v.work) {
        [] => {}
        [one] => {
            map.insert("work".into(), json!(one));
        }
        many => {
            map.insert("work".into(), json!(many));
        }
    }
    match pick(BRIEFINGS, v.briefing) {
        [] => {}
        [one] => {
            map.insert("briefing".into(), json!(one));
        }
        many => {
            map.insert("briefing".into(), json!(many));
        }
    }
    let pe = matches!(subject, "Физическая культура" | "Физкультура");
    if let Some(section) = section.filter(|_| pe) {
        map.insert("section".into(), json!(section));
    }
    if v.substitute {
        map.insert("substitute".into(), json!(true));
    }
    map
}

/// Builds the register a spec describes.
pub fn build(spec: &Spec) -> Case {
    let mut b = Builder {
        spec,
        events: Vec::new(),
        periods: Vec::new(),
        classes: Vec::new(),
        staff: Vec::new(),
        admins: Vec::new(),
        students: Vec::new(),
        parents: Vec::new(),
        lessons: Vec::new(),
    };

    // Declarations.
    for (&(id, kind, start, end, grades), _) in
        PERIODS.iter().zip(&spec.periods).filter(|(_, on)| **on)
    {
        let mut p = json!({"type": "period", "id": id, "kind": kind, "start": start, "end": end});
        if let Some(grades) = grades {
            set(&mut p, "grades", json!(grades));
        }
        b.periods.push(id);
        b.push(p);
    }
    for (&(id, grade, name), _) in CLASSES.iter().zip(&spec.classes).filter(|(_, on)| **on) {
        b.classes.push(id);
        b.push(json!({"type": "class", "id": id, "grade": grade, "name": name}));
    }
    for (&(id, name, roles), s) in STAFF.iter().zip(&spec.staff) {
        if !s.declared {
            continue;
        }
        let mut classes: Vec<String> = s.classes.iter().map(|c| b.class(*c)).collect();
        classes.sort();
        classes.dedup();
        let mut staff = json!({"type": "staff", "id": id, "name": name, "roles": roles});
        if !classes.is_empty() {
            set(&mut staff, "classes", json!(classes));
        }
        b.staff.push(id);
        if roles.contains(&"admin") {
            b.admins.push(id);
        }
        b.push(staff);
    }
    for (i, s) in spec.students.iter().enumerate() {
        let id = format!("s{}", i + 1);
        let class = b.class(s.class);
        let mut student = json!({"type": "student", "id": id, "class": class});
        if s.named {
            set(&mut student, "name", json!(format!("Ученик {}", i + 1)));
        }
        if let Some(days) = s.since {
            set(
                &mut student,
                "since",
                json!((first_of_september() + Duration::days(i64::from(days))).to_string()),
            );
        }
        if !s.groups.is_empty() {
            let mut groups = Map::new();
            for (subject, group) in &s.groups {
                groups.insert(
                    pick(GROUP_SUBJECTS, *subject).to_owned(),
                    json!(if *group { "2" } else { "1" }),
                );
            }
            set(&mut student, "groups", Value::Object(groups));
        }
        b.students.push((id, class));
        b.push(student);
    }
    for (i, p) in spec.parents.iter().enumerate() {
        let id = format!("p{}", i + 1);
        let mut children: Vec<String> = p
            .children
            .iter()
            .map(|c| match c {
                Ref::Known(k) => b.any_student(*k),
                Ref::Undeclared => UNDECLARED.to_owned(),
            })
            .collect();
        children.sort();
        children.dedup();
        let mut parent = json!({"type": "parent", "id": id, "children": children});
        if p.named {
            set(&mut parent, "name", json!(format!("Родитель {}", i + 1)));
        }
        b.parents.push((id, children));
        b.push(parent);
    }

    // Lessons, each with its versions, and the same lesson in later weeks.
    let subjects: Vec<&str> = spec.subjects.iter().map(|s| pick(SUBJECTS, *s)).collect();
    for (i, l) in spec.lessons.iter().enumerate() {
        let class = b.class(l.class);
        let subject = if l.any_subject || subjects.is_empty() {
            pick(SUBJECTS, l.subject)
        } else {
            pick(&subjects, l.subject)
        };
        let group = l.group.map(|g| if g { "2" } else { "1" });
        let teacher = pick(STAFF, l.teacher).0.to_owned();
        let section = (l.section % 5 != 4).then(|| pick(PE_SECTIONS, l.section));
        for week in 0..=l.weeks % 6 {
            let id = if week == 0 {
                format!("l{}", i + 1)
            } else {
                format!("l{}w{week}", i + 1)
            };
            let date = school_day(u16::from(l.day) + u16::from(week) * u16::from(l.step) * 5);
            let (start, end) = pick(SLOTS, l.slot);
            // Later weeks: the first version only, with the topics of the course.
            let versions: Vec<VersionSpec> = if week == 0 {
                std::iter::once(&l.first)
                    .chain(&l.updates)
                    .cloned()
                    .collect()
            } else {
                let mut v = l.first.clone();
                v.topic = v.topic.wrapping_add(week);
                v.briefing = 0;
                vec![v]
            };
            for (n, v) in versions.iter().enumerate() {
                let (start, end) = match v.slot.filter(|_| n > 0) {
                    Some(s) => pick(SLOTS, s),
                    None => (start, end),
                };
                let teacher = match v.teacher.filter(|_| n > 0) {
                    Some(t) => pick(STAFF, t).0.to_owned(),
                    None => teacher.clone(),
                };
                let mut lesson = json!({
                    "type": "lesson", "id": id, "class": class, "subject": subject,
                    "teacher": teacher, "date": date.to_string(), "start": start, "end": end,
                });
                if let Some(group) = group {
                    set(&mut lesson, "group", json!(group));
                }
                let Value::Object(map) = &mut lesson else {
                    unreachable!()
                };
                map.extend(version_fields(v, subject, section));
                b.entry(lesson, v.made, local(date, end), Some(teacher));
            }
            b.lessons.push(LessonInfo {
                id,
                class: class.clone(),
                group: group.map(str::to_owned),
                teacher: teacher.clone(),
                subject,
                date,
                end,
            });
        }
    }

    // The other entries.
    for e in &spec.entries {
        match e {
            EntrySpec::Attendance {
                lesson,
                student,
                codes,
            } => {
                let Some(l) = b.lesson(*lesson) else { continue };
                let student = b.student(*student, Some(&l.class));
                for (code, made) in codes {
                    let entry = json!({"type": "attendance", "lesson": l.id, "student": student, "code": pick(CODES, *code)});
                    let right = if matches!(
                        pick(CODES, *code),
                        "УП" | "Б" | "НП" | "excused" | "illness" | "unexcused"
                    ) {
                        b.class_teacher(&l.class).or(Some(l.teacher.clone()))
                    } else {
                        Some(l.teacher.clone())
                    };
                    b.entry(
                        entry,
                        *made,
                        local(l.date, l.end) - Duration::minutes(40),
                        right,
                    );
                }
            }
            EntrySpec::Mark {
                lesson,
                student,
                value,
                work,
                basis,
                made,
            } => {
                let Some(l) = b.lesson(*lesson) else { continue };
                let student = b.student(*student, Some(&l.class));
                let mut entry = json!({"type": "mark", "lesson": l.id, "student": student, "value": mark_value(*value)});
                if let Some(work) = work {
                    if let Some(first) = pick(WORKS, *work).first() {
                        set(&mut entry, "work", json!(first));
                    }
                }
                match basis {
                    1 => set(&mut entry, "basis", json!("individual_work")),
                    2 => set(&mut entry, "basis", json!("sanatorium")),
                    _ => {}
                }
                b.entry(entry, *made, local(l.date, l.end), Some(l.teacher.clone()));
            }
            EntrySpec::Absences {
                lesson,
                student,
                code,
                count,
                marks,
                made,
            } => {
                let Some(first) = b.lesson(*lesson) else {
                    continue;
                };
                let student = b.student(*student, Some(&first.class));
                let stream = b.stream_from(&first, Some(first.date));
                let code = pick(&["Н", "Б", "УП", "НП"], *code);
                for (n, l) in stream.iter().enumerate() {
                    let entry = if n < usize::from(*count) {
                        json!({"type": "attendance", "lesson": l.id, "student": student, "code": code})
                    } else if let Some(value) = marks.get(n - usize::from(*count)) {
                        json!({"type": "mark", "lesson": l.id, "student": student, "value": mark_value(*value)})
                    } else {
                        break;
                    };
                    b.entry(entry, *made, local(l.date, l.end), Some(l.teacher.clone()));
                }
            }
            EntrySpec::Term {
                lesson,
                student,
                values,
                value,
                period,
                made,
                closed,
            } => {
                let Some(first) = b.lesson(*lesson) else {
                    continue;
                };
                let student = b.student(*student, Some(&first.class));
                let stream = b.stream_from(&first, None);
                for (l, value) in stream.iter().zip(values) {
                    let entry = json!({"type": "mark", "lesson": l.id, "student": student, "value": mark_value(*value)});
                    b.entry(entry, *made, local(l.date, l.end), Some(l.teacher.clone()));
                }
                let holding = b.periods.iter().copied().find(|id| {
                    PERIODS
                        .iter()
                        .any(|p| p.0 == *id && date(p.2) <= first.date && first.date <= date(p.3))
                });
                let period = holding.map_or_else(|| b.period(*period), str::to_owned);
                let end = PERIODS
                    .iter()
                    .find(|p| p.0 == period)
                    .map_or(first.date, |p| date(p.3));
                let value = final_value(*value);
                let entry = json!({"type": "final_mark", "student": student, "subject": first.subject, "period": period, "value": value});
                b.entry(
                    entry,
                    *closed,
                    local(end, "15:00"),
                    Some(first.teacher.clone()),
                );
            }
            EntrySpec::Marks {
                lesson,
                student,
                values,
                made,
            } => {
                // The same student's marks over the stream's lessons, starting at `lesson`.
                let Some(first) = b.lesson(*lesson) else {
                    continue;
                };
                let student = b.student(*student, Some(&first.class));
                let stream: Vec<LessonInfo> = b
                    .lessons
                    .iter()
                    .filter(|l| l.class == first.class && l.subject == first.subject)
                    .cloned()
                    .collect();
                for (l, value) in stream.iter().zip(values) {
                    let entry = json!({"type": "mark", "lesson": l.id, "student": student, "value": mark_value(*value)});
                    b.entry(entry, *made, local(l.date, l.end), Some(l.teacher.clone()));
                }
            }
            EntrySpec::Homework {
                lesson,
                text,
                students,
                made,
            } => {
                let Some(l) = b.lesson(*lesson) else { continue };
                let mut entry = json!({"type": "homework", "lesson": l.id, "text": pick(HOMEWORK_TEXTS, *text)});
                if !students.is_empty() {
                    let students: Vec<String> = students
                        .iter()
                        .map(|s| b.student(*s, Some(&l.class)))
                        .collect();
                    set(&mut entry, "students", json!(students));
                }
                b.entry(entry, *made, local(l.date, l.end), Some(l.teacher.clone()));
            }
            EntrySpec::FinalMark {
                lesson,
                student,
                subject,
                period,
                value,
                made,
            } => {
                let lesson = lesson.and_then(|l| b.lesson(l));
                let student = b.student(*student, lesson.as_ref().map(|l| l.class.as_str()));
                let period = b.period(*period);
                let end = PERIODS
                    .iter()
                    .find(|p| p.0 == period)
                    .map_or(date("2024-10-27"), |p| date(p.3));
                let value = final_value(*value);
                let subject = lesson
                    .as_ref()
                    .map_or_else(|| pick(SUBJECTS, *subject), |l| l.subject);
                let teacher = b
                    .lessons
                    .iter()
                    .find(|l| l.subject == subject)
                    .map(|l| l.teacher.clone());
                let entry = json!({"type": "final_mark", "student": student, "subject": subject, "period": period, "value": value});
                b.entry(entry, *made, local(end, "15:00"), teacher);
            }
            EntrySpec::Incident {
                lesson,
                class,
                subject,
                day,
                note,
                made,
            } => {
                let (class, subject, day) = match lesson.and_then(|l| b.lesson(l)) {
                    Some(l) => (
                        l.class,
                        l.subject,
                        l.date - Duration::days(i64::from(*day % 8)),
                    ),
                    None => (
                        b.class(*class),
                        pick(SUBJECTS, *subject),
                        school_day(u16::from(*day % 110)),
                    ),
                };
                let mut entry = json!({"type": "incident", "class": class, "subject": subject, "date": day.to_string()});
                if *note {
                    set(
                        &mut entry,
                        "note",
                        json!("нарушение правил техники безопасности"),
                    );
                }
                let right = b.staff.first().map(|s| (*s).to_owned());
                b.entry(entry, *made, noon(day), right);
            }
            EntrySpec::GroupChange {
                student,
                subject,
                group,
                day,
                made,
            } => {
                let day = first_of_september() + Duration::days(i64::from(*day % 150));
                let entry = json!({"type": "group_change", "student": b.student(*student, None), "subject": pick(GROUP_SUBJECTS, *subject), "group": if *group { "2" } else { "1" }, "date": day.to_string()});
                b.entry(entry, *made, noon(day), b.admin());
            }
            EntrySpec::StudentLeft { student, day, made } => {
                let day = first_of_september() + Duration::days(i64::from(*day % 150));
                let entry = json!({"type": "student_left", "student": b.student(*student, None), "date": day.to_string()});
                b.entry(entry, *made, noon(day), b.admin());
            }
            EntrySpec::Sanatorium { student, day, days } => {
                let from = first_of_september() + Duration::days(i64::from(*day % 150));
                let to = from + Duration::days(i64::from(*days));
                let student = b.student(*student, None);
                b.push(json!({"type": "sanatorium", "student": student, "from": from.to_string(), "to": to.to_string()}));
            }
            EntrySpec::HomeSchooling {
                student,
                day,
                days,
                subjects,
            } => {
                let from = first_of_september() + Duration::days(i64::from(*day % 150));
                let mut plan: Vec<&str> = subjects.iter().map(|s| pick(SUBJECTS, *s)).collect();
                plan.dedup();
                let mut entry = json!({"type": "home_schooling", "student": b.student(*student, None), "from": from.to_string(), "subjects": plan});
                if let Some(days) = days {
                    set(
                        &mut entry,
                        "to",
                        json!((from + Duration::days(i64::from(*days))).to_string()),
                    );
                }
                b.push(entry);
            }
            EntrySpec::OptOut { parent, day } => {
                let day = first_of_september() + Duration::days(i64::from(*day % 150));
                b.push(json!({"type": "parent_opt_out", "parent": b.parent(*parent).0, "date": day.to_string()}));
            }
            EntrySpec::DiaryView {
                parent,
                child,
                final_marks,
                day,
                made,
            } => {
                // Mostly a parent's own child; a stranger's when the parent has none.
                let (parent_id, children) = b.parent(*parent);
                let child = if children.is_empty() {
                    b.any_student(*child)
                } else {
                    nth(&children, usize::from(*child))
                };
                let day = first_of_september() + Duration::days(i64::from(*day));
                let entry = json!({"type": "diary_view", "parent": parent_id, "student": child, "section": if *final_marks { "final_marks" } else { "diary" }});
                b.entry(entry, *made, local(day, "19:30"), Some(parent_id.clone()));
            }
            EntrySpec::PaperReport { student, day, made } => {
                let day = first_of_september() + Duration::days(i64::from(*day));
                let student = b.student(*student, None);
                let class = b
                    .students
                    .iter()
                    .find(|s| s.0 == student)
                    .map(|s| s.1.clone());
                let right = class.and_then(|c| b.class_teacher(&c));
                let entry =
                    json!({"type": "paper_report", "student": student, "date": day.to_string()});
                b.entry(entry, *made, noon(day), right);
            }
            EntrySpec::ThematicPlan {
                lesson,
                class,
                group,
                subject,
                lessons,
                topics,
                made,
            } => {
                let (class, group, subject) = match lesson.and_then(|l| b.lesson(l)) {
                    Some(l) => (l.class, l.group, l.subject),
                    None => (
                        b.class(*class),
                        group.map(|g| if g { "2" } else { "1" }.to_owned()),
                        pick(SUBJECTS, *subject),
                    ),
                };
                let mut entry =
                    json!({"type": "thematic_plan", "class": class, "subject": subject});
                if let Some(group) = group {
                    set(&mut entry, "group", json!(group));
                }
                if *topics {
                    let list: Vec<String> = (1..=*lessons).map(|n| format!("Тема {n}")).collect();
                    set(&mut entry, "topics", json!(list));
                } else {
                    set(&mut entry, "lessons", json!(lessons));
                }
                let teacher = b
                    .lessons
                    .iter()
                    .find(|l| l.class == class && l.subject == subject)
                    .map(|l| l.teacher.clone());
                b.entry(entry, *made, local(date("2024-09-02"), "16:00"), teacher);
            }
            EntrySpec::JournalExport {
                class,
                day,
                signed,
                made,
            } => {
                let day = date("2025-05-26") + Duration::days(i64::from(*day % 120));
                let entry = json!({"type": "journal_export", "class": b.class(*class), "date": day.to_string(), "format": "pdf", "signed": signed});
                b.entry(entry, *made, noon(day), b.admin());
            }
            EntrySpec::AnnualDecision {
                student,
                decision,
                made,
            } => {
                let student = b.student(*student, None);
                let class = b
                    .students
                    .iter()
                    .find(|s| s.0 == student)
                    .map(|s| s.1.clone());
                let right = class.and_then(|c| b.class_teacher(&c));
                let entry = json!({"type": "annual_decision", "student": student, "decision": pick(DECISIONS, *decision)});
                b.entry(entry, *made, local(date("2025-05-28"), "14:00"), right);
            }
            EntrySpec::ParentNotice {
                student,
                parent,
                reason,
                day,
                made,
            } => {
                let day = first_of_september() + Duration::days(i64::from(*day));
                let student = b.student(*student, None);
                let class = b
                    .students
                    .iter()
                    .find(|s| s.0 == student)
                    .map(|s| s.1.clone());
                let right = class.and_then(|c| b.class_teacher(&c));
                let mut entry = json!({"type": "parent_notice", "student": student, "reason": pick(NOTICE_REASONS, *reason), "date": day.to_string()});
                if let Some(parent) = parent {
                    set(&mut entry, "parent", json!(b.parent(*parent).0));
                }
                b.entry(entry, *made, noon(day), right);
            }
        }
    }

    // Some events again, word for word.
    if !b.events.is_empty() {
        for r in &spec.repeats {
            let again = nth(&b.events, usize::from(*r));
            b.push(again);
        }
    }

    let mut events = Vec::with_capacity(b.events.len());
    let mut refused = Vec::new();
    for v in &b.events {
        match Event::from_json(&v.to_string()) {
            Ok(event) => events.push(event),
            Err(e) => refused.push(format!("{v}: {e}")),
        }
    }
    let as_of = match spec.as_of {
        Ok(i) => DateTime::parse_from_rfc3339(pick(AS_OF, i)).unwrap_or_default(),
        Err(days) => noon(first_of_september() + Duration::days(i64::from(days))),
    };
    Case {
        refused,
        ..Case::new(events, as_of, pick(POLICIES, spec.policy))
    }
}
