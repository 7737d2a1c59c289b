//! Registers built from fuzzer bytes with `arbitrary`.
//!
//! A register is a school declared the same way every time (periods, classes, staff,
//! students, parents: [`prelude`]) followed by the events of a list of [`Spec`]s — small
//! numbers naming one event each. Entries name lessons by position among the lessons
//! generated so far and students by position among the students of the lesson's class, so
//! that marks, absences and homework meet their lessons and classes; now and then they
//! name a lesson not generated (yet), a student of another class, or an id nobody
//! declares. Lessons are updated by generating one with an id already used. Entries come
//! with or without `at` and `by`, made early or late, by the right person or not; dates
//! are mostly in the school year 2024/25, sometimes years away.
//!
//! The events are written as JSON lines and read by the core's reader, so every field goes
//! through the code a portal's input does.

use std::collections::BTreeMap;

use arbitrary::Arbitrary;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use ekzh::Event;
use serde_json::{json, Map, Value};

/// A register to check, and how to check it.
#[derive(Debug, Arbitrary)]
pub struct Register {
    pub specs: Vec<Spec>,
    /// Days after 1 September 2024.
    pub as_of_day: u16,
    pub as_of_minute: u16,
    pub policy: u8,
    /// The shuffle to check the order independence with.
    pub seed: u64,
    /// How many events are inserted before the rest are pushed.
    pub split: u8,
    /// After which events (pushed in the order made) to audit, and how many minutes later.
    pub stops: Vec<(u8, u16)>,
}

/// Partial policies a register is checked under.
pub const POLICIES: &[&str] = &[
    "{}",
    r#"{"no_marks_grades": [1, 2]}"#,
    r#"{"utc_offset": "+03:00"}"#,
    r#"{"long_absence_lessons": 2, "protected_lessons_after_absence": 1}"#,
    r#"{"final_marks_publish_within": 48, "homework_deadline_after_last_lesson": 30}"#,
    r#"{"absence_reason_within_days": 3, "paper_report_every_days": 7, "thematic_plan_grace_days": 7}"#,
    r#"{"subject_kinds": {"Робототехника": "technology"}, "failing_marks": [1, 2, 3]}"#,
    r#"{"min_marks_for_final": {"quarter": 1, "year": 2}, "mark_weights": {"control_work": 2, "oral": 0}}"#,
];

/// Classes: `(id, grade)`.
const CLASSES: &[(&str, u8)] = &[("1a", 1), ("4a", 4), ("5a", 5), ("9a", 9), ("11b", 11)];
/// Staff: `(id, roles, class-teacher classes)`; `t5` is declared only by a spec.
const STAFF: &[(&str, &[&str], &[&str])] = &[
    ("t1", &["teacher"], &["1a", "4a"]),
    ("t2", &["teacher"], &["5a"]),
    ("t3", &["teacher", "deputy"], &["9a"]),
    ("t4", &["teacher"], &["11b"]),
    ("adm", &["admin"], &[]),
    ("t5", &["teacher"], &[]),
];
const ROLES: &[&str] = &["admin", "director", "deputy", "teacher"];
/// Students: `(id, class)`; `s9` is declared only by a spec.
const STUDENTS: &[(&str, &str)] = &[
    ("s1", "1a"),
    ("s2", "4a"),
    ("s3", "5a"),
    ("s4", "5a"),
    ("s5", "9a"),
    ("s6", "9a"),
    ("s7", "11b"),
    ("s8", "11b"),
    ("s9", "5a"),
];
/// Parents: `(id, children)`.
const PARENTS: &[(&str, &[&str])] = &[("p1", &["s3"]), ("p2", &["s4", "s5"]), ("p3", &["s7"])];
const LESSONS: &[&str] = &[
    "l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10", "l11", "l12",
];
const GROUPS: &[&str] = &["1", "2"];
/// An id nobody declares.
const UNDECLARED: &str = "x404";

const SUBJECTS: &[&str] = &[
    "Математика",
    "Химия",
    "Физика",
    "Физика профиль",
    "Технология",
    "Информатика",
    "Физическая культура",
    "Окружающий мир",
    "Русский язык",
    "Английский язык",
    "Робототехника",
];

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
    ("y", "year", "2024-09-01", "2025-05-31", None),
    (
        "q1",
        "quarter",
        "2024-09-02",
        "2024-10-27",
        Some(&[1, 4, 5, 9]),
    ),
    (
        "q2",
        "quarter",
        "2024-11-05",
        "2024-12-28",
        Some(&[1, 4, 5, 9]),
    ),
    (
        "q3",
        "quarter",
        "2025-01-09",
        "2025-03-23",
        Some(&[1, 4, 5, 9]),
    ),
    ("h1", "half_year", "2024-09-02", "2024-12-28", Some(&[11])),
    ("h2", "half_year", "2025-01-09", "2025-05-26", Some(&[11])),
    ("t1", "trimester", "2024-09-02", "2024-11-30", Some(&[5])),
];
const PERIOD_KINDS: &[&str] = &["quarter", "trimester", "half_year", "year"];

const TOPICS: &[&str] = &[
    "",
    "  ",
    "Натуральные числа",
    "Вводный инструктаж по охране труда. Предмет и задачи курса",
    "Повторный инструктаж по ОТ. Электрический ток",
    "Целевой инструктаж. Лабораторная работа № 1",
    "внеплановый инструктаж после нарушения правил",
    "Контрольная работа по теме «Дроби»",
];
const WORKS: &[&str] = &[
    "control_work",
    "Контрольная работа",
    "control_dictation",
    "изложение",
    "composition",
    "practical_work",
    "лабораторная работа",
    "excursion",
    "test",
    "oral",
    "homework",
    "other",
];
const BRIEFINGS: &[&str] = &[
    "introductory",
    "вводный",
    "repeat",
    "targeted",
    "unscheduled",
];
const SECTIONS: &[&str] = &["Лёгкая атлетика", "Гимнастика", "ГИМНАСТИКА "];
const HOMEWORK_TEXTS: &[&str] = &["Стр. 15, упр. 3", "", "  ", "—", "№ 123"];
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
const OFFSETS: &[&str] = &["+04:00", "+03:00", "Z", "+05:00"];
const SLOTS: &[(&str, &str)] = &[
    ("08:30", "09:15"),
    ("09:25", "10:10"),
    ("10:20", "11:05"),
    ("11:25", "12:10"),
    ("14:10", "14:55"),
];

/// One event, as small numbers. Lessons and students of entries are positions (see the
/// module's documentation).
#[derive(Debug, Arbitrary)]
pub enum Spec {
    Period {
        /// `(id, kind, start, days, grades)`
        id: u8,
        kind: u8,
        start: Day,
        days: u16,
        grades: Option<u16>,
    },
    Class {
        class: u8,
        /// Another grade than the school's (a contradicting declaration, dropped).
        grade: Option<u8>,
    },
    Staff {
        staff: u8,
        roles: u8,
        classes: u8,
    },
    Student {
        student: u8,
        class: u8,
        since: Option<Day>,
        group: Option<(u8, u8)>,
    },
    Parent {
        parent: u8,
        children: u8,
    },
    StudentLeft {
        student: u8,
        date: Day,
        made: Made,
    },
    GroupChange {
        student: u8,
        subject: u8,
        group: u8,
        date: Day,
        made: Made,
    },
    HomeSchooling {
        student: u8,
        from: Day,
        /// Days after `from`.
        days: Option<u16>,
        subjects: u16,
    },
    Sanatorium {
        student: u8,
        from: Day,
        days: u8,
    },
    ParentOptOut {
        parent: u8,
        date: Day,
    },
    ThematicPlan {
        class: u8,
        group: Option<u8>,
        subject: u8,
        lessons: u8,
        made: Made,
    },
    Lesson {
        lesson: u8,
        class: u8,
        group: Option<u8>,
        subject: u8,
        teacher: u8,
        date: Day,
        slot: u8,
        topic: Option<u8>,
        work: u16,
        briefing: u8,
        section: Option<u8>,
        substitute: bool,
        made: Made,
    },
    Attendance {
        lesson: u8,
        student: u8,
        code: u8,
        made: Made,
    },
    Mark {
        lesson: u8,
        student: u8,
        value: u8,
        work: Option<u8>,
        basis: Option<bool>,
        made: Made,
    },
    Homework {
        lesson: u8,
        text: u8,
        students: u8,
        made: Made,
    },
    FinalMark {
        student: u8,
        subject: u8,
        period: u8,
        value: u8,
        made: Made,
    },
    Incident {
        class: u8,
        subject: u8,
        date: Day,
        made: Made,
    },
    DiaryView {
        parent: u8,
        student: u8,
        final_marks: bool,
        day: Day,
        made: Made,
    },
    PaperReport {
        student: u8,
        date: Day,
        made: Made,
    },
    JournalExport {
        class: u8,
        date: Day,
        signed: bool,
        made: Made,
    },
    AnnualDecision {
        student: u8,
        decision: u8,
        made: Made,
    },
    ParentNotice {
        student: u8,
        parent: Option<u8>,
        reason: u8,
        date: Day,
        made: Made,
    },
}

/// A day: mostly within the school year 2024/25, sometimes far from it.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Day {
    /// Days after 1 September 2024.
    Near(u8),
    /// Days after 1 September 2024, up to eleven years away either way.
    Far(i16),
}

impl Day {
    fn date(self) -> NaiveDate {
        let days = match self {
            Day::Near(d) => i64::from(d),
            Day::Far(d) => i64::from(d) / 8,
        };
        start_of_year() + Duration::days(days)
    }
}

/// When and by whom an entry was made.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct Made {
    /// Days after the entry's own date (its lesson's date for lesson entries), minutes into
    /// that day, and the offset written; `None`: no `at`.
    pub at: Option<(i8, u16, u8)>,
    /// Who: the right person (the lesson's teacher, the class teacher, the admin), or
    /// someone else by position among staff, students and parents; `None`: no `by`.
    pub by: Option<u8>,
}

fn start_of_year() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 9, 1).unwrap_or_default()
}

fn pick<T: Copy>(items: &[T], i: impl Into<usize>) -> T {
    let i: usize = i.into();
    *items.get(i % items.len()).unwrap_or_else(|| unreachable!())
}

/// The ids of a pool, and now and then one nobody declares.
fn id<T>(pool: &[T], i: u8, key: impl Fn(&T) -> &'static str) -> &'static str {
    let i = usize::from(i);
    match pool.get(i % (pool.len() + 1)) {
        Some(x) => key(x),
        None => UNDECLARED,
    }
}

fn subset(pool: &[&'static str], bits: u16) -> Vec<&'static str> {
    pool.iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << (i % 16)) != 0)
        .map(|(_, x)| *x)
        .collect()
}

fn date(d: NaiveDate) -> Value {
    json!(d.format("%Y-%m-%d").to_string())
}

/// The school every register declares first: the periods, the classes, the staff but `t5`,
/// the students but `s9`, the parents.
pub fn prelude() -> Vec<Value> {
    let mut out = Vec::new();
    for (id, kind, start, end, grades) in PERIODS {
        let mut period =
            json!({"type": "period", "id": id, "kind": kind, "start": start, "end": end});
        if let Some(grades) = grades {
            period["grades"] = json!(grades);
        }
        out.push(period);
    }
    for (id, grade) in CLASSES {
        out.push(json!({"type": "class", "id": id, "grade": grade}));
    }
    for (id, roles, classes) in STAFF.iter().filter(|s| s.0 != "t5") {
        out.push(json!({"type": "staff", "id": id, "roles": roles, "classes": classes}));
    }
    for (id, class) in STUDENTS.iter().filter(|s| s.0 != "s9") {
        out.push(json!({"type": "student", "id": id, "class": class}));
    }
    for (id, children) in PARENTS {
        out.push(json!({"type": "parent", "id": id, "children": children}));
    }
    out
}

/// A lesson as first generated: what an update keeps.
#[derive(Clone)]
struct LessonId {
    id: &'static str,
    class: &'static str,
    group: Option<&'static str>,
    subject: &'static str,
    teacher: &'static str,
    date: NaiveDate,
}

/// What the events so far have made: the lessons, in the order first generated.
#[derive(Default)]
struct Gen {
    lessons: Vec<LessonId>,
    by_id: BTreeMap<&'static str, usize>,
}

impl Gen {
    /// A lesson of the register by position; now and then one not generated (yet).
    fn lesson(&self, i: u8) -> Option<&LessonId> {
        if self.lessons.is_empty() || i % 8 == 7 {
            return None;
        }
        self.lessons.get(usize::from(i) % self.lessons.len())
    }

    /// The id an entry names for lesson `i`.
    fn lesson_id(&self, i: u8) -> &'static str {
        self.lesson(i)
            .map_or_else(|| id(LESSONS, i / 8, |l| l), |l| l.id)
    }
}

/// A student of `class` by position; now and then a student of any class, or nobody's.
fn student_of(class: Option<&str>, i: u8) -> &'static str {
    let of_class: Vec<&'static str> = STUDENTS
        .iter()
        .filter(|s| Some(s.1) == class)
        .map(|s| s.0)
        .collect();
    if of_class.is_empty() || i % 8 == 7 {
        id(STUDENTS, i / 8, |s| s.0)
    } else {
        pick(&of_class, i)
    }
}

fn class_of(student: &str) -> Option<&'static str> {
    STUDENTS.iter().find(|s| s.0 == student).map(|s| s.1)
}

fn class_teacher(class: Option<&str>) -> &'static str {
    STAFF
        .iter()
        .find(|s| class.is_some_and(|c| s.2.contains(&c)))
        .map_or("t1", |s| s.0)
}

/// An entry's `at` and `by` on the fields of an event; `right` is who should make it.
fn made(fields: &mut Map<String, Value>, made: Made, day: NaiveDate, right: &'static str) {
    if let Some((days, minutes, offset)) = made.at {
        let offset = pick(OFFSETS, offset);
        let at = day.and_time(NaiveTime::MIN)
            + Duration::days(i64::from(days % 16))
            + Duration::minutes(i64::from(minutes % 1440));
        fields.insert(
            "at".into(),
            json!(format!("{}{offset}", at.format("%Y-%m-%dT%H:%M:%S"))),
        );
    }
    if let Some(by) = made.by {
        let by = if by % 4 != 3 {
            right
        } else {
            let people: Vec<&'static str> = STAFF
                .iter()
                .map(|s| s.0)
                .chain(["s3", "p1", UNDECLARED])
                .collect();
            pick(&people, by / 4)
        };
        fields.insert("by".into(), json!(by));
    }
}

impl Register {
    pub fn policy_json(&self) -> &'static str {
        pick(POLICIES, self.policy)
    }

    pub fn as_of(&self) -> DateTime<FixedOffset> {
        let day = start_of_year() + Duration::days(i64::from(self.as_of_day % 400));
        let at =
            day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(self.as_of_minute % 1440));
        FixedOffset::east_opt(4 * 3600)
            .and_then(|o| o.from_local_datetime(&at).single())
            .unwrap_or_default()
    }

    /// The events as JSON lines: the school, then the events of at most 150 specs.
    pub fn lines(&self) -> Vec<String> {
        let mut gen = Gen::default();
        let mut out: Vec<String> = prelude().iter().map(Value::to_string).collect();
        for spec in self.specs.iter().take(150) {
            out.push(spec.json(&mut gen).to_string());
        }
        out
    }
}

impl Spec {
    fn json(&self, gen: &mut Gen) -> Value {
        let mut f = Map::new();
        let ty = match *self {
            Spec::Period {
                id,
                kind,
                start,
                days,
                grades,
            } => {
                f.insert("id".into(), json!(format!("p{}", id % 3)));
                f.insert("kind".into(), json!(pick(PERIOD_KINDS, kind)));
                let start = start.date();
                f.insert("start".into(), date(start));
                let end = start + Duration::days(i64::from(days % 366));
                f.insert("end".into(), date(end));
                if let Some(bits) = grades {
                    let grades: Vec<u16> = (1..=11).filter(|g| bits & (1 << g) != 0).collect();
                    f.insert("grades".into(), json!(grades));
                }
                "period"
            }
            Spec::Class { class, grade } => {
                let (id, school_grade) = pick(CLASSES, class);
                f.insert("id".into(), json!(id));
                f.insert(
                    "grade".into(),
                    json!(grade.map_or(school_grade, |g| 1 + g % 11)),
                );
                "class"
            }
            Spec::Staff {
                staff,
                roles,
                classes,
            } => {
                f.insert("id".into(), json!(pick(STAFF, staff).0));
                f.insert("roles".into(), json!(subset(ROLES, u16::from(roles))));
                let ids: Vec<&str> = CLASSES.iter().map(|c| c.0).collect();
                f.insert("classes".into(), json!(subset(&ids, u16::from(classes))));
                "staff"
            }
            Spec::Student {
                student,
                class,
                since,
                group,
            } => {
                f.insert("id".into(), json!(pick(STUDENTS, student).0));
                f.insert("class".into(), json!(pick(CLASSES, class).0));
                if let Some(since) = since {
                    f.insert("since".into(), date(since.date()));
                }
                if let Some((subject, group)) = group {
                    let mut groups = Map::new();
                    groups.insert(pick(SUBJECTS, subject).into(), json!(pick(GROUPS, group)));
                    f.insert("groups".into(), Value::Object(groups));
                }
                "student"
            }
            Spec::Parent { parent, children } => {
                f.insert("id".into(), json!(format!("p{}", 4 + parent % 2)));
                let ids: Vec<&str> = STUDENTS.iter().map(|s| s.0).collect();
                let mut children = subset(&ids, u16::from(children));
                if children.is_empty() {
                    children.push(UNDECLARED);
                }
                f.insert("children".into(), json!(children));
                "parent"
            }
            Spec::StudentLeft {
                student,
                date: day,
                made: m,
            } => {
                let student = id(STUDENTS, student, |s| s.0);
                f.insert("student".into(), json!(student));
                f.insert("date".into(), date(day.date()));
                made(&mut f, m, day.date(), "adm");
                "student_left"
            }
            Spec::GroupChange {
                student,
                subject,
                group,
                date: day,
                made: m,
            } => {
                f.insert("student".into(), json!(id(STUDENTS, student, |s| s.0)));
                f.insert("subject".into(), json!(pick(SUBJECTS, subject)));
                f.insert("group".into(), json!(pick(GROUPS, group)));
                f.insert("date".into(), date(day.date()));
                made(&mut f, m, day.date() - Duration::days(1), "adm");
                "group_change"
            }
            Spec::HomeSchooling {
                student,
                from,
                days,
                subjects,
            } => {
                f.insert("student".into(), json!(id(STUDENTS, student, |s| s.0)));
                f.insert("from".into(), date(from.date()));
                if let Some(days) = days {
                    let to = from.date() + Duration::days(i64::from(days % 300));
                    f.insert("to".into(), date(to));
                }
                f.insert("subjects".into(), json!(subset(SUBJECTS, subjects)));
                "home_schooling"
            }
            Spec::Sanatorium {
                student,
                from,
                days,
            } => {
                f.insert("student".into(), json!(id(STUDENTS, student, |s| s.0)));
                f.insert("from".into(), date(from.date()));
                let to = from.date() + Duration::days(i64::from(days % 40));
                f.insert("to".into(), date(to));
                "sanatorium"
            }
            Spec::ParentOptOut { parent, date: day } => {
                f.insert("parent".into(), json!(id(PARENTS, parent, |p| p.0)));
                f.insert("date".into(), date(day.date()));
                "parent_opt_out"
            }
            Spec::ThematicPlan {
                class,
                group,
                subject,
                lessons,
                made: m,
            } => {
                // Plans for the subjects of the lessons so far, mostly.
                let lesson = gen.lesson(subject).cloned();
                let (class, subject) = match &lesson {
                    Some(l) => (l.class, l.subject),
                    None => (id(CLASSES, class, |c| c.0), pick(SUBJECTS, subject)),
                };
                f.insert("class".into(), json!(class));
                if let Some(group) = group {
                    f.insert("group".into(), json!(pick(GROUPS, group)));
                }
                f.insert("subject".into(), json!(subject));
                f.insert("lessons".into(), json!(lessons % 40));
                let teacher = lesson.as_ref().map_or("t1", |l| l.teacher);
                made(&mut f, m, start_of_year(), teacher);
                "thematic_plan"
            }
            Spec::Lesson {
                lesson,
                class,
                group,
                subject,
                teacher,
                date: day,
                slot,
                topic,
                work,
                briefing,
                section,
                substitute,
                made: m,
            } => {
                let id = pick(LESSONS, lesson);
                let first = match gen.by_id.get(id).and_then(|&i| gen.lessons.get(i)) {
                    Some(first) => first.clone(),
                    None => {
                        let class = pick(CLASSES, class).0;
                        let first = LessonId {
                            id,
                            class,
                            group: group.map(|g| pick(GROUPS, g)),
                            subject: pick(SUBJECTS, subject),
                            teacher: pick(STAFF, teacher).0,
                            date: day.date(),
                        };
                        gen.by_id.insert(id, gen.lessons.len());
                        gen.lessons.push(first.clone());
                        first
                    }
                };
                // An update keeps the lesson's class, group, subject and date, and now
                // and then hands it to another teacher.
                let teacher = if teacher % 4 == 3 {
                    pick(STAFF, teacher / 4).0
                } else {
                    first.teacher
                };
                let (start, end) = pick(SLOTS, slot);
                f.insert("id".into(), json!(id));
                f.insert("class".into(), json!(first.class));
                if let Some(group) = first.group {
                    f.insert("group".into(), json!(group));
                }
                f.insert("subject".into(), json!(first.subject));
                f.insert("teacher".into(), json!(teacher));
                f.insert("date".into(), date(first.date));
                f.insert("start".into(), json!(start));
                f.insert("end".into(), json!(end));
                if let Some(topic) = topic {
                    f.insert("topic".into(), json!(pick(TOPICS, topic)));
                }
                match subset(WORKS, work).as_slice() {
                    [] => {}
                    [one] => {
                        f.insert("work".into(), json!(one));
                    }
                    many => {
                        f.insert("work".into(), json!(many));
                    }
                }
                let briefings = subset(BRIEFINGS, u16::from(briefing));
                if !briefings.is_empty() {
                    f.insert("briefing".into(), json!(briefings));
                }
                if let Some(section) = section {
                    f.insert("section".into(), json!(pick(SECTIONS, section)));
                }
                if substitute {
                    f.insert("substitute".into(), json!(true));
                }
                made(&mut f, m, first.date, teacher);
                "lesson"
            }
            Spec::Attendance {
                lesson,
                student,
                code,
                made: m,
            } => {
                let (lesson_id, lesson) = (gen.lesson_id(lesson), gen.lesson(lesson));
                f.insert("lesson".into(), json!(lesson_id));
                let student = student_of(lesson.map(|l| l.class), student);
                f.insert("student".into(), json!(student));
                let code = pick(CODES, code);
                f.insert("code".into(), json!(code));
                let day = lesson.map_or_else(start_of_year, |l| l.date);
                let right = match (lesson, code) {
                    (Some(l), "Н" | "ОТ" | "absent" | "ОП" | "ОСВ" | "late" | "exempt") => l.teacher,
                    (Some(l), _) => class_teacher(Some(l.class)),
                    (None, _) => "t1",
                };
                made(&mut f, m, day, right);
                "attendance"
            }
            Spec::Mark {
                lesson,
                student,
                value,
                work,
                basis,
                made: m,
            } => {
                let (lesson_id, lesson) = (gen.lesson_id(lesson), gen.lesson(lesson));
                f.insert("lesson".into(), json!(lesson_id));
                let student = student_of(lesson.map(|l| l.class), student);
                f.insert("student".into(), json!(student));
                f.insert("value".into(), json!(1 + value % 5));
                if let Some(work) = work {
                    f.insert("work".into(), json!(pick(WORKS, work)));
                }
                if let Some(sanatorium) = basis {
                    let basis = if sanatorium {
                        "sanatorium"
                    } else {
                        "individual_work"
                    };
                    f.insert("basis".into(), json!(basis));
                }
                let day = lesson.map_or_else(start_of_year, |l| l.date);
                made(&mut f, m, day, lesson.map_or("t1", |l| l.teacher));
                "mark"
            }
            Spec::Homework {
                lesson,
                text,
                students,
                made: m,
            } => {
                let (lesson_id, lesson) = (gen.lesson_id(lesson), gen.lesson(lesson));
                f.insert("lesson".into(), json!(lesson_id));
                f.insert("text".into(), json!(pick(HOMEWORK_TEXTS, text)));
                if students % 4 == 3 {
                    let student = student_of(lesson.map(|l| l.class), students / 4);
                    f.insert("students".into(), json!([student]));
                }
                let day = lesson.map_or_else(start_of_year, |l| l.date);
                made(&mut f, m, day, lesson.map_or("t1", |l| l.teacher));
                "homework"
            }
            Spec::FinalMark {
                student,
                subject,
                period,
                value,
                made: m,
            } => {
                // Mostly for a student and subject of a lesson so far.
                let lesson = gen.lesson(subject).cloned();
                let (student, subject) = match &lesson {
                    Some(l) => (student_of(Some(l.class), student), l.subject),
                    None => (id(STUDENTS, student, |s| s.0), pick(SUBJECTS, subject)),
                };
                let period = id(PERIODS, period, |p| p.0);
                f.insert("student".into(), json!(student));
                f.insert("subject".into(), json!(subject));
                f.insert("period".into(), json!(period));
                let value = match value % 7 {
                    0 => json!("na"),
                    6 => json!("н/а"),
                    v => json!(v),
                };
                f.insert("value".into(), value);
                let end = PERIODS
                    .iter()
                    .find(|p| p.0 == period)
                    .and_then(|p| NaiveDate::parse_from_str(p.3, "%Y-%m-%d").ok())
                    .unwrap_or_else(start_of_year);
                made(
                    &mut f,
                    m,
                    end - Duration::days(2),
                    lesson.map_or("t1", |l| l.teacher),
                );
                "final_mark"
            }
            Spec::Incident {
                class,
                subject,
                date: day,
                made: m,
            } => {
                let lesson = gen.lesson(subject).cloned();
                let (class, subject) = match &lesson {
                    Some(l) => (l.class, l.subject),
                    None => (id(CLASSES, class, |c| c.0), pick(SUBJECTS, subject)),
                };
                f.insert("class".into(), json!(class));
                f.insert("subject".into(), json!(subject));
                let day = lesson.map_or_else(|| day.date(), |l| l.date);
                f.insert("date".into(), date(day));
                made(&mut f, m, day, "t1");
                "incident"
            }
            Spec::DiaryView {
                parent,
                student,
                final_marks,
                day,
                made: m,
            } => {
                let (parent, children) = pick(PARENTS, parent);
                let student = if student % 4 == 3 {
                    id(STUDENTS, student / 4, |s| s.0)
                } else {
                    pick(children, student)
                };
                f.insert("parent".into(), json!(parent));
                f.insert("student".into(), json!(student));
                let section = if final_marks { "final_marks" } else { "diary" };
                f.insert("section".into(), json!(section));
                made(&mut f, m, day.date(), parent);
                "diary_view"
            }
            Spec::PaperReport {
                student,
                date: day,
                made: m,
            } => {
                let student = id(STUDENTS, student, |s| s.0);
                f.insert("student".into(), json!(student));
                f.insert("date".into(), date(day.date()));
                made(&mut f, m, day.date(), class_teacher(class_of(student)));
                "paper_report"
            }
            Spec::JournalExport {
                class,
                date: day,
                signed,
                made: m,
            } => {
                f.insert("class".into(), json!(id(CLASSES, class, |c| c.0)));
                let day = day.date() + Duration::days(200);
                f.insert("date".into(), date(day));
                f.insert("format".into(), json!("pdf"));
                f.insert("signed".into(), json!(signed));
                made(&mut f, m, day, "adm");
                "journal_export"
            }
            Spec::AnnualDecision {
                student,
                decision,
                made: m,
            } => {
                let student = id(STUDENTS, student, |s| s.0);
                f.insert("student".into(), json!(student));
                f.insert("decision".into(), json!(pick(DECISIONS, decision)));
                let day = NaiveDate::from_ymd_opt(2025, 5, 28).unwrap_or_default();
                made(&mut f, m, day, class_teacher(class_of(student)));
                "annual_decision"
            }
            Spec::ParentNotice {
                student,
                parent,
                reason,
                date: day,
                made: m,
            } => {
                let student = id(STUDENTS, student, |s| s.0);
                f.insert("student".into(), json!(student));
                f.insert("reason".into(), json!(pick(NOTICE_REASONS, reason)));
                f.insert("date".into(), date(day.date()));
                if let Some(parent) = parent {
                    f.insert("parent".into(), json!(id(PARENTS, parent, |p| p.0)));
                }
                made(&mut f, m, day.date(), class_teacher(class_of(student)));
                "parent_notice"
            }
        };
        f.insert("type".into(), json!(ty));
        Value::Object(f)
    }
}

/// The events the lines read to, and the lines the reader refused with why.
pub fn read_lines(lines: &[String]) -> (Vec<Event>, Vec<String>) {
    let mut events = Vec::new();
    let mut refused = Vec::new();
    for line in lines {
        match Event::from_json(line) {
            Ok(event) => events.push(event),
            Err(error) => refused.push(format!("{line}: {error:?}")),
        }
    }
    (events, refused)
}
