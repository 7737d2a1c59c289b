//! The rules about lessons, absences, homework and briefings (2.7, 2.8, 2.14): the edge
//! cases their documentation settles, beyond the shared fixtures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::DateTime;
use ekzh::{Engine, Event, Finding, OnError, Policy};

const HEAD: &[&str] = &[
    r#"{"type":"class","id":"7a","grade":7,"name":"7А"}"#,
    r#"{"type":"staff","id":"t1","roles":["teacher"],"classes":["7a"]}"#,
    r#"{"type":"student","id":"s1","class":"7a","groups":{"Информатика":"1"}}"#,
    r#"{"type":"student","id":"s2","class":"7a","groups":{"Информатика":"2"}}"#,
];

fn lesson(id: &str, subject: &str, date: &str, start: &str, extra: &str, at: &str) -> String {
    let end = {
        let (h, m) = start.split_once(':').unwrap();
        let minutes = h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap() + 45;
        format!("{:02}:{:02}", minutes / 60, minutes % 60)
    };
    format!(
        r#"{{"type":"lesson","id":"{id}","class":"7a","subject":"{subject}","teacher":"t1","date":"{date}","start":"{start}","end":"{end}"{extra},"at":"{at}+04:00","by":"t1"}}"#
    )
}

fn register(lines: &[String]) -> String {
    let mut all: Vec<String> = HEAD.iter().map(|s| (*s).to_owned()).collect();
    all.extend(lines.iter().cloned());
    all.join("\n")
}

/// The findings of `rule` in the batch check at `as_of` (school-local, +04:00).
fn audit_with(lines: &[String], as_of: &str, rule: &str, policy: &Policy) -> Vec<Finding> {
    let as_of = DateTime::parse_from_rfc3339(&format!("{as_of}+04:00")).unwrap();
    let report =
        ekzh::check_bytes(register(lines).as_bytes(), as_of, policy, OnError::Fail).unwrap();
    report
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn audit(lines: &[String], as_of: &str, rule: &str) -> Vec<Finding> {
    audit_with(lines, as_of, rule, &Policy::default())
}

/// The findings of `rule` returned by `push`, the events pushed in the order given.
fn pushed(lines: &[String], rule: &str) -> Vec<Finding> {
    let mut engine = Engine::new(Policy::default());
    let mut out = Vec::new();
    for line in register(lines).lines() {
        out.extend(engine.push(Event::from_json(line).unwrap()).unwrap());
    }
    out.retain(|f| f.rule == rule);
    out
}

/// The lessons the findings are about, sorted.
fn lessons_of(findings: &[Finding]) -> Vec<String> {
    let mut out: Vec<String> = findings
        .iter()
        .map(|f| f.lesson.clone().unwrap_or_default())
        .collect();
    out.sort();
    out
}

fn absence(student: &str, code: &str, at: Option<&str>) -> String {
    let at = at
        .map(|at| format!(r#","at":"{at}+04:00","by":"t1""#))
        .unwrap_or_default();
    format!(r#"{{"type":"attendance","lesson":"a1","student":"{student}","code":"{code}"{at}}}"#)
}

fn a1() -> String {
    lesson(
        "a1",
        "Алгебра",
        "2024-09-02",
        "08:30",
        r#","topic":"Дроби""#,
        "2024-09-02T09:10:00",
    )
}

const ATTENDANCE: &str = "attendance_entered_late";

#[test]
fn an_absence_first_entered_the_next_day_is_late_on_entry() {
    let lines = [a1(), absence("s1", "Н", Some("2024-09-03T08:00:00"))];
    assert_eq!(pushed(&lines, ATTENDANCE).len(), 1);
    let found = audit(&lines, "2024-09-05T12:00:00", ATTENDANCE);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].student.as_deref(), Some("s1"));
    assert_eq!(found[0].due.unwrap().to_string(), "2024-09-02");
}

#[test]
fn an_absence_is_late_by_the_school_clock() {
    // 21:30 UTC on the lesson's day is 01:30 the next day in Samara.
    let late = r#"{"type":"attendance","lesson":"a1","student":"s1","code":"Н","at":"2024-09-02T21:30:00+00:00","by":"t1"}"#;
    let lines = [a1(), late.to_owned()];
    assert_eq!(audit(&lines, "2024-09-05T12:00:00", ATTENDANCE).len(), 1);
    let on_time = late.replace("21:30:00", "19:30:00");
    assert!(audit(&[a1(), on_time], "2024-09-05T12:00:00", ATTENDANCE).is_empty());
}

#[test]
fn a_reason_set_later_is_not_a_late_absence() {
    let lines = [
        a1(),
        absence("s1", "Н", Some("2024-09-02T08:35:00")),
        absence("s1", "Б", Some("2024-09-06T10:00:00")),
        absence("s1", "present", Some("2024-09-07T10:00:00")),
        absence("s1", "НП", Some("2024-09-08T10:00:00")),
    ];
    assert!(audit(&lines, "2024-09-10T12:00:00", ATTENDANCE).is_empty());
}

#[test]
fn an_absence_after_a_late_present_entry_is_judged() {
    // `present` is not an absence: the first absence is the late one.
    let lines = [
        a1(),
        absence("s1", "present", Some("2024-09-02T08:35:00")),
        absence("s1", "Н", Some("2024-09-04T10:00:00")),
    ];
    assert_eq!(audit(&lines, "2024-09-10T12:00:00", ATTENDANCE).len(), 1);
}

#[test]
fn an_undated_first_absence_tells_nothing() {
    let lines = [
        a1(),
        absence("s1", "Н", None),
        absence("s1", "УП", Some("2024-09-04T10:00:00")),
    ];
    assert!(audit(&lines, "2024-09-10T12:00:00", ATTENDANCE).is_empty());
}

#[test]
fn the_first_absence_is_the_first_made_whatever_the_input_order() {
    let late = absence("s1", "Н", Some("2024-09-04T10:00:00"));
    let early = absence("s1", "Н", Some("2024-09-02T09:00:00"));
    for lines in [
        [a1(), late.clone(), early.clone()],
        [a1(), early.clone(), late.clone()],
    ] {
        assert!(audit(&lines, "2024-09-10T12:00:00", ATTENDANCE).is_empty());
    }
}

const HOMEWORK: &str = "homework_entered_late";

fn homework(lesson: &str, text: &str, students: &str, at: Option<&str>) -> String {
    let at = at
        .map(|at| format!(r#","at":"{at}+04:00","by":"t1""#))
        .unwrap_or_default();
    format!(r#"{{"type":"homework","lesson":"{lesson}","text":"{text}"{students}{at}}}"#)
}

fn day() -> Vec<String> {
    vec![
        lesson(
            "h1",
            "Алгебра",
            "2024-09-02",
            "08:30",
            r#","topic":"Дроби""#,
            "2024-09-02T09:10:00",
        ),
        lesson(
            "h2",
            "История",
            "2024-09-02",
            "13:00",
            r#","topic":"Реформы""#,
            "2024-09-02T13:40:00",
        ),
    ]
}

#[test]
fn homework_is_judged_at_the_audit_only() {
    let mut lines = day();
    lines.push(homework("h1", "№ 1", "", Some("2024-09-02T15:00:00")));
    assert!(pushed(&lines, HOMEWORK).is_empty());
    let found = audit(&lines, "2024-09-05T12:00:00", HOMEWORK);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].due.unwrap().to_string(),
        "2024-09-02T14:45:00+04:00"
    );
}

#[test]
fn a_lesson_recorded_after_the_homework_moves_the_deadline() {
    let mut lines = day();
    lines.push(homework("h1", "№ 1", "", Some("2024-09-02T15:00:00")));
    lines.push(lesson(
        "h3",
        "Информатика",
        "2024-09-02",
        "14:00",
        r#","group":"2","topic":"Файлы""#,
        "2024-09-02T16:00:00",
    ));
    assert!(audit(&lines, "2024-09-05T12:00:00", HOMEWORK).is_empty());
    // Audited before that lesson was recorded, the homework was late.
    assert_eq!(audit(&lines, "2024-09-02T15:30:00", HOMEWORK).len(), 1);
}

#[test]
fn only_the_first_homework_of_a_lesson_and_set_of_students_counts() {
    let mut lines = day();
    lines.push(homework("h1", "№ 1", "", Some("2024-09-02T09:00:00")));
    lines.push(homework("h1", "№ 1, 2", "", Some("2024-09-02T21:00:00")));
    lines.push(homework(
        "h1",
        "карточка",
        r#","students":["s2","s1"]"#,
        Some("2024-09-02T20:00:00"),
    ));
    lines.push(homework(
        "h1",
        "карточка 2",
        r#","students":["s1","s2"]"#,
        Some("2024-09-02T22:00:00"),
    ));
    let found = audit(&lines, "2024-09-05T12:00:00", HOMEWORK);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].students,
        Some(vec!["s1".to_owned(), "s2".to_owned()])
    );
    assert_eq!(found[0].event, Some(HEAD.len() + 4));
}

#[test]
fn undated_homework_is_not_checked_and_counts_as_first() {
    let mut lines = day();
    lines.push(homework("h1", "№ 1", "", None));
    lines.push(homework("h1", "№ 1, 2", "", Some("2024-09-02T21:00:00")));
    assert!(audit(&lines, "2024-09-05T12:00:00", HOMEWORK).is_empty());
}

#[test]
fn a_corrected_end_of_the_last_lesson_sets_the_deadline() {
    let mut lines = day();
    lines.push(lesson(
        "h2",
        "История",
        "2024-09-02",
        "12:00",
        r#","topic":"Реформы""#,
        "2024-09-02T13:50:00",
    ));
    lines.push(homework("h1", "№ 1", "", Some("2024-09-02T14:00:00")));
    let found = audit(&lines, "2024-09-05T12:00:00", HOMEWORK);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].due.unwrap().to_string(),
        "2024-09-02T13:45:00+04:00"
    );
}

#[test]
fn homework_in_grade_one_is_left_to_grade1_homework() {
    let text = register(&{
        let mut lines = day();
        lines.push(homework("h1", "№ 1", "", Some("2024-09-02T20:00:00")));
        lines
    })
    .replace(r#""grade":7"#, r#""grade":1"#);
    let as_of = DateTime::parse_from_rfc3339("2024-09-05T12:00:00+04:00").unwrap();
    let report =
        ekzh::check_bytes(text.as_bytes(), as_of, &Policy::default(), OnError::Fail).unwrap();
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"grade1_homework"));
    assert!(!rules.contains(&HOMEWORK));
}

const INTRODUCTORY: &str = "briefing_introductory_missing";
const REPEAT: &str = "briefing_repeat_missing";

fn physics(id: &str, date: &str, topic: &str) -> String {
    lesson(
        id,
        "Физика",
        date,
        "09:25",
        &format!(r#","topic":"{topic}""#),
        &format!("{date}T10:05:00"),
    )
}

#[test]
fn without_a_year_period_the_school_year_starts_on_1_september() {
    let lines = [
        physics("p1", "2024-09-03", "Вводный инструктаж. Что изучает физика"),
        physics("p2", "2024-09-05", "Величины"),
        physics("p3", "2025-09-02", "Повторение"),
        physics("p4", "2025-09-04", "Вводный инструктаж. Движение"),
    ];
    let found = audit(&lines, "2025-09-10T12:00:00", INTRODUCTORY);
    assert_eq!(lessons_of(&found), ["p3"]);
}

#[test]
fn the_declared_year_decides_and_lessons_outside_it_are_not_checked() {
    let year =
        r#"{"type":"period","id":"y","kind":"year","start":"2024-09-02","end":"2025-05-31"}"#;
    let lines = [
        year.to_owned(),
        physics("p0", "2024-08-30", "Повторение"),
        physics("p1", "2024-09-03", "Вводный инструктаж. Что изучает физика"),
    ];
    assert!(audit(&lines, "2024-09-10T12:00:00", INTRODUCTORY).is_empty());
}

#[test]
fn the_first_lesson_is_judged_once_its_day_is_over() {
    let lines = [physics("p1", "2024-09-03", "Что изучает физика")];
    assert!(audit(&lines, "2024-09-03T23:00:00", INTRODUCTORY).is_empty());
    assert_eq!(audit(&lines, "2024-09-04T00:00:00", INTRODUCTORY).len(), 1);
}

#[test]
fn the_briefing_counts_in_the_version_in_force_at_the_audit() {
    let lines = [
        physics("p1", "2024-09-03", "Что изучает физика"),
        lesson(
            "p1",
            "Физика",
            "2024-09-03",
            "09:25",
            r#","topic":"Что изучает физика","briefing":"вводный""#,
            "2024-09-06T10:00:00",
        ),
    ];
    assert_eq!(audit(&lines, "2024-09-05T12:00:00", INTRODUCTORY).len(), 1);
    assert!(audit(&lines, "2024-09-06T12:00:00", INTRODUCTORY).is_empty());
}

#[test]
fn each_group_and_each_subject_name_is_its_own_stream() {
    let group = |id: &str, g: &str, start: &str, topic: &str| {
        lesson(
            id,
            "Информатика",
            "2024-09-02",
            start,
            &format!(r#","group":"{g}","topic":"{topic}""#),
            "2024-09-02T16:00:00",
        )
    };
    let lines = [
        group("i1", "1", "10:20", "Вводный инструктаж. Информация"),
        group("i2", "2", "11:15", "Информация"),
        group("i3", "2", "12:10", "Вводный инструктаж. Информация"),
        lesson(
            "k1",
            "Химия",
            "2024-09-02",
            "13:00",
            r#","topic":"Вещества""#,
            "2024-09-02T16:00:00",
        ),
        lesson(
            "m1",
            "Алгебра",
            "2024-09-02",
            "08:30",
            r#","topic":"Дроби""#,
            "2024-09-02T16:00:00",
        ),
    ];
    let found = audit(&lines, "2024-09-10T12:00:00", INTRODUCTORY);
    assert_eq!(lessons_of(&found), ["i2", "k1"]);
    let policy = Policy::from_json(r#"{"briefing_subjects":["informatics"]}"#).unwrap();
    let found = audit_with(&lines, "2024-09-10T12:00:00", INTRODUCTORY, &policy);
    assert_eq!(lessons_of(&found), ["i2"]);
}

#[test]
fn the_first_lesson_of_a_day_is_the_earliest_by_start() {
    let lines = [
        lesson(
            "z",
            "Физика",
            "2024-09-03",
            "08:30",
            r#","topic":"Что изучает физика""#,
            "2024-09-03T16:00:00",
        ),
        lesson(
            "a",
            "Физика",
            "2024-09-03",
            "09:25",
            r#","topic":"Вводный инструктаж. Величины""#,
            "2024-09-03T16:00:00",
        ),
    ];
    assert_eq!(
        lessons_of(&audit(&lines, "2024-09-10T12:00:00", INTRODUCTORY)),
        ["z"]
    );
}

#[test]
fn the_second_half_year_starts_on_1_january_without_half_year_periods() {
    let lines = [
        physics("p1", "2024-09-03", "Вводный инструктаж. Что изучает физика"),
        physics("p2", "2024-12-27", "Повторение"),
        physics("p3", "2025-01-09", "Давление"),
        physics("p4", "2025-01-10", "Повторный инструктаж. Давление"),
    ];
    let found = audit(&lines, "2025-01-20T12:00:00", REPEAT);
    assert_eq!(lessons_of(&found), ["p3"]);
    assert_eq!(found[0].due.unwrap().to_string(), "2025-01-09");
}

#[test]
fn the_second_half_year_is_the_later_half_year_period() {
    let halves = [
        r#"{"type":"period","id":"h1","kind":"half_year","start":"2024-09-02","end":"2024-12-27","grades":[7]}"#,
        r#"{"type":"period","id":"h2","kind":"half_year","start":"2025-01-13","end":"2025-05-26","grades":[7]}"#,
        r#"{"type":"period","id":"other","kind":"half_year","start":"2025-01-09","end":"2025-05-26","grades":[8]}"#,
    ];
    let mut lines: Vec<String> = halves.iter().map(|s| (*s).to_owned()).collect();
    lines.extend([
        physics("p1", "2024-09-03", "Вводный инструктаж. Что изучает физика"),
        physics("p3", "2025-01-09", "Каникулярная консультация"),
        physics("p4", "2025-01-14", "Давление"),
    ]);
    assert_eq!(
        lessons_of(&audit(&lines, "2025-01-20T12:00:00", REPEAT)),
        ["p4"]
    );
    // A lone first half-year says nothing about the second: from 1 January.
    lines.remove(1);
    assert_eq!(
        lessons_of(&audit(&lines, "2025-01-20T12:00:00", REPEAT)),
        ["p3"]
    );
}

const BEFORE_WORK: &str = "briefing_before_work_missing";

fn chemistry(extra: &str, at: &str) -> String {
    lesson("c5", "Химия", "2024-09-20", "10:20", extra, at)
}

#[test]
fn a_work_without_briefing_is_reported_once_on_its_first_version() {
    let lines = [
        chemistry(
            r#","topic":"Практическая работа № 1","work":"practical_work""#,
            "2024-09-20T10:30:00",
        ),
        chemistry(
            r#","topic":"Практическая работа № 1","work":["practical_work","control_work"]"#,
            "2024-09-20T10:40:00",
        ),
        chemistry(
            r#","topic":"Целевой инструктаж. Практическая работа № 1","work":"practical_work""#,
            "2024-09-20T11:00:00",
        ),
    ];
    let found = pushed(&lines, BEFORE_WORK);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].event, Some(HEAD.len()));
    // The audit reads the register as text, with lines; the pushes have none.
    let mut audited = audit(&lines, "2024-09-25T12:00:00", BEFORE_WORK);
    assert_eq!(audited[0].line, Some(HEAD.len() + 1));
    audited[0].line = None;
    assert_eq!(audited, found);
}

#[test]
fn any_briefing_will_do_and_other_subjects_are_not_checked() {
    let briefed = chemistry(
        r#","topic":"Опыты","work":"лабораторная работа","briefing":"unscheduled""#,
        "2024-09-20T11:00:00",
    );
    assert!(audit(&[briefed], "2024-09-25T12:00:00", BEFORE_WORK).is_empty());
    let biology = lesson(
        "b1",
        "Биология",
        "2024-09-20",
        "08:30",
        r#","topic":"Клетка","work":"экскурсия""#,
        "2024-09-20T09:10:00",
    );
    assert!(audit(&[biology], "2024-09-25T12:00:00", BEFORE_WORK).is_empty());
    let excursion = chemistry(
        r#","topic":"Завод","work":"экскурсия""#,
        "2024-09-20T11:00:00",
    );
    let none = Policy::from_json(r#"{"pre_work_briefing_subjects":[]}"#).unwrap();
    assert!(audit_with(
        std::slice::from_ref(&excursion),
        "2024-09-25T12:00:00",
        BEFORE_WORK,
        &none
    )
    .is_empty());
    assert_eq!(
        audit(&[excursion], "2024-09-25T12:00:00", BEFORE_WORK).len(),
        1
    );
}

const PE: &str = "briefing_pe_section_missing";

fn pe(id: &str, date: &str, group: Option<&str>, section: Option<&str>, topic: &str) -> String {
    let group = group
        .map(|g| format!(r#","group":"{g}""#))
        .unwrap_or_default();
    let section = section
        .map(|s| format!(r#","section":"{s}""#))
        .unwrap_or_default();
    lesson(
        id,
        "Физкультура",
        date,
        "10:20",
        &format!(r#"{group}{section},"topic":"{topic}""#),
        &format!("{date}T11:00:00"),
    )
}

#[test]
fn each_section_of_each_group_begins_with_a_briefing() {
    let lines = [
        pe("f0", "2024-09-02", None, None, "Игры"),
        pe(
            "f1",
            "2024-09-03",
            None,
            Some("Гимнастика"),
            "Вводный инструктаж. Кувырок",
        ),
        pe("f2", "2024-09-05", None, Some("гимнастика "), "Мост"),
        pe("f3", "2024-09-06", Some("1"), Some("Гимнастика"), "Кувырок"),
        pe(
            "f4",
            "2024-09-09",
            None,
            Some("Лыжная подготовка"),
            "Стойка",
        ),
        pe("f5", "2025-09-08", None, Some("Гимнастика"), "Кувырок"),
    ];
    let found = audit(&lines, "2025-09-10T12:00:00", PE);
    assert_eq!(lessons_of(&found), ["f3", "f4", "f5"]);
}

const UNSCHEDULED: &str = "briefing_unscheduled_missing";

fn incident(date: &str, at: &str) -> String {
    format!(
        r#"{{"type":"incident","class":"7a","subject":"физика ","date":"{date}","at":"{at}+04:00","by":"t1"}}"#
    )
}

#[test]
fn the_first_lesson_after_incidents_owes_one_unscheduled_briefing() {
    let lines = [
        physics("p1", "2024-10-07", "Вводный инструктаж. Силы"),
        incident("2024-10-07", "2024-10-07T12:00:00"),
        incident("2024-10-08", "2024-10-08T12:00:00"),
        physics("p2", "2024-10-09", "Давление"),
        physics("p3", "2024-10-10", "Внеплановый инструктаж. Давление"),
    ];
    let found = audit(&lines, "2024-10-20T12:00:00", UNSCHEDULED);
    assert_eq!(lessons_of(&found), ["p2"]);
    assert!(found[0].message.ru.contains("07.10.2024, 08.10.2024"));
    assert_eq!(found[0].event, Some(HEAD.len() + 3));
}

#[test]
fn no_lesson_after_the_incident_owes_nothing_yet() {
    let lines = [
        physics("p1", "2024-10-07", "Силы"),
        incident("2024-10-07", "2024-10-07T12:00:00"),
        physics("p2", "2024-10-09", "Давление"),
    ];
    assert!(audit(&lines, "2024-10-08T12:00:00", UNSCHEDULED).is_empty());
    // The incident recorded after the audit date is not seen.
    let late = [
        physics("p2", "2024-10-09", "Давление"),
        incident("2024-10-07", "2024-10-12T12:00:00"),
    ];
    assert!(audit(&late, "2024-10-10T12:00:00", UNSCHEDULED).is_empty());
    assert_eq!(audit(&late, "2024-10-12T12:00:00", UNSCHEDULED).len(), 1);
}

#[test]
fn every_group_of_the_class_owes_the_briefing() {
    let group = |id: &str, g: &str, date: &str, topic: &str| {
        lesson(
            id,
            "Информатика",
            date,
            "10:20",
            &format!(r#","group":"{g}","topic":"{topic}""#),
            &format!("{date}T16:00:00"),
        )
    };
    let lines = [
        r#"{"type":"incident","class":"7a","subject":"Информатика","date":"2024-10-07","at":"2024-10-07T12:00:00+04:00","by":"t1"}"#.to_owned(),
        group("i1", "1", "2024-10-08", "Внеплановый инструктаж. Сети"),
        group("i2", "2", "2024-10-09", "Сети"),
        group("i3", "2", "2024-10-10", "Внеплановый инструктаж. Сети"),
    ];
    let found = audit(&lines, "2024-10-20T12:00:00", UNSCHEDULED);
    assert_eq!(lessons_of(&found), ["i2"]);
}

#[test]
fn audits_do_not_depend_on_the_order_of_events() {
    let lines = vec![
        physics("p1", "2024-09-03", "Что изучает физика"),
        physics("p2", "2024-12-27", "Повторение"),
        physics("p3", "2025-01-09", "Давление"),
        incident("2024-12-27", "2024-12-27T12:00:00"),
        chemistry(
            r#","topic":"Практическая работа","work":"practical_work""#,
            "2024-09-20T11:00:00",
        ),
        pe("f1", "2024-09-03", None, Some("Гимнастика"), "Кувырок"),
        a1(),
        absence("s1", "Н", Some("2024-09-03T08:00:00")),
        homework("a1", "№ 5", "", Some("2024-09-02T20:00:00")),
    ];
    let rules = [
        ATTENDANCE,
        HOMEWORK,
        INTRODUCTORY,
        REPEAT,
        BEFORE_WORK,
        PE,
        UNSCHEDULED,
    ];
    let strip = |mut f: Vec<Finding>| {
        for x in &mut f {
            x.event = None;
            x.line = None;
        }
        f
    };
    let mut reversed = lines.clone();
    reversed.reverse();
    for rule in rules {
        let forward = strip(audit(&lines, "2025-01-20T12:00:00", rule));
        assert!(!forward.is_empty(), "{rule}");
        assert_eq!(
            forward,
            strip(audit(&reversed, "2025-01-20T12:00:00", rule)),
            "{rule}"
        );
    }
}
