//! Edge cases of the administration's rules (SPEC §3: permissions, group changes, absence
//! reasons, final marks owed, paper reports, diary views, exports, annual decisions,
//! thematic plans), each on a small register written out here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::DateTime;
use ekzh::{Engine, Finding, OnError, Policy};
use serde_json::{json, Value};

/// The school most registers below share: the 2024/25 year, the first quarter, class 5А with
/// its class teacher `t1`, a second teacher `t2`, an administrator `a1`, two students.
fn school() -> Vec<Value> {
    vec![
        json!({"type": "period", "id": "y2024", "kind": "year", "start": "2024-09-01", "end": "2025-05-31"}),
        json!({"type": "period", "id": "q1", "kind": "quarter", "start": "2024-09-02", "end": "2024-10-25"}),
        json!({"type": "class", "id": "5a", "grade": 5, "name": "5А"}),
        json!({"type": "staff", "id": "t1", "roles": ["teacher"], "classes": ["5a"]}),
        json!({"type": "staff", "id": "t2", "roles": ["teacher"]}),
        json!({"type": "staff", "id": "a1", "roles": ["admin"]}),
        json!({"type": "student", "id": "s1", "class": "5a"}),
        json!({"type": "student", "id": "s2", "class": "5a"}),
    ]
}

fn lesson(id: &str, date: &str, teacher: &str) -> Value {
    json!({"type": "lesson", "id": id, "class": "5a", "subject": "Математика", "teacher": teacher,
           "date": date, "start": "08:30", "end": "09:15", "topic": "Дроби",
           "at": format!("{date}T09:15:00+04:00"), "by": teacher})
}

fn check_with(events: &[Value], as_of: &str, policy: &Policy) -> Vec<Finding> {
    let text: String = events.iter().map(|e| format!("{e}\n")).collect();
    let as_of = DateTime::parse_from_rfc3339(as_of).unwrap();
    ekzh::check_bytes(text.as_bytes(), as_of, policy, OnError::Fail)
        .unwrap()
        .findings
}

/// The findings of one rule.
fn hits(rule: &str, events: &[Value], as_of: &str) -> Vec<Finding> {
    check_with(events, as_of, &Policy::default())
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn with(mut events: Vec<Value>, more: &[Value]) -> Vec<Value> {
    events.extend_from_slice(more);
    events
}

mod entry_not_permitted {
    use super::*;

    const RULE: &str = "entry_not_permitted";
    const AS_OF: &str = "2024-09-05T12:00:00+04:00";

    fn register(more: &[Value]) -> Vec<Value> {
        with(with(school(), &[lesson("l1", "2024-09-02", "t2")]), more)
    }

    #[test]
    fn absence_is_the_lesson_teachers_and_its_reason_also_the_class_teachers() {
        let events = register(&[
            json!({"type": "attendance", "lesson": "l1", "student": "s1", "code": "Н", "at": "2024-09-02T08:40:00+04:00", "by": "t1"}),
            json!({"type": "attendance", "lesson": "l1", "student": "s2", "code": "Н", "at": "2024-09-02T08:40:00+04:00", "by": "t2"}),
            json!({"type": "attendance", "lesson": "l1", "student": "s2", "code": "УП", "at": "2024-09-03T12:00:00+04:00", "by": "t1"}),
            json!({"type": "attendance", "lesson": "l1", "student": "s2", "code": "present", "at": "2024-09-03T13:00:00+04:00", "by": "t1"}),
        ]);
        let found = hits(RULE, &events, AS_OF);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].event, Some(9));
        // The finding's teacher is the lesson's; whoever made the entry is named as its
        // author in the message.
        assert_eq!(found[0].teacher.as_deref(), Some("t2"));
        assert!(
            found[0]
                .message
                .ru
                .contains("запись сделана сотрудником t1"),
            "{}",
            found[0].message.ru
        );
    }

    #[test]
    fn a_substitute_recorded_as_the_teacher_is_the_teacher() {
        let events = register(&[
            json!({"type": "lesson", "id": "l1", "class": "5a", "subject": "Математика", "teacher": "t1", "substitute": true,
                   "date": "2024-09-02", "start": "08:30", "end": "09:15", "topic": "Дроби",
                   "at": "2024-09-02T08:35:00+04:00", "by": "t1"}),
            json!({"type": "mark", "lesson": "l1", "student": "s1", "value": 5, "at": "2024-09-02T09:00:00+04:00", "by": "t1"}),
            // After t2's version of 09:15, the lesson is t2's again.
            json!({"type": "mark", "lesson": "l1", "student": "s2", "value": 4, "at": "2024-09-02T10:00:00+04:00", "by": "t1"}),
        ]);
        let found = hits(RULE, &events, AS_OF);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].event, Some(11));
    }

    #[test]
    fn sanatorium_marks_may_come_from_the_class_teacher() {
        let events = register(&[
            json!({"type": "sanatorium", "student": "s1", "from": "2024-09-01", "to": "2024-09-20"}),
            json!({"type": "attendance", "lesson": "l1", "student": "s1", "code": "УП", "at": "2024-09-02T08:40:00+04:00", "by": "t2"}),
            json!({"type": "mark", "lesson": "l1", "student": "s1", "value": 5, "basis": "sanatorium", "at": "2024-09-03T12:00:00+04:00", "by": "t1"}),
            json!({"type": "mark", "lesson": "l1", "student": "s1", "value": 4, "at": "2024-09-03T12:00:00+04:00", "by": "t1"}),
        ]);
        let found = hits(RULE, &events, AS_OF);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].event, Some(12));
    }

    #[test]
    fn final_marks_by_a_teacher_of_the_subject_in_the_class_during_the_period() {
        let events = with(
            school(),
            &[
                lesson("l1", "2024-09-02", "t1"),
                json!({"type": "final_mark", "student": "s1", "subject": "математика ", "period": "q1", "value": 4, "at": "2024-10-25T18:00:00+04:00", "by": "t1"}),
                json!({"type": "final_mark", "student": "s2", "subject": "Математика", "period": "q1", "value": 4, "at": "2024-10-25T18:00:00+04:00", "by": "t2"}),
            ],
        );
        let found = hits(RULE, &events, "2024-10-27T12:00:00+04:00");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].event, Some(10));
        assert!(
            found[0].message.en.contains("taught `Математика`"),
            "{}",
            found[0].message.en
        );
    }

    #[test]
    fn group_changes_and_exports_by_an_admin_reports_and_decisions_by_the_class_teacher() {
        let events = register(&[
            json!({"type": "group_change", "student": "s1", "subject": "Английский язык", "group": "2", "date": "2024-10-26", "at": "2024-09-03T10:00:00+04:00", "by": "t1"}),
            json!({"type": "group_change", "student": "s2", "subject": "Английский язык", "group": "2", "date": "2024-10-26", "at": "2024-09-03T10:00:00+04:00", "by": "a1"}),
            json!({"type": "journal_export", "class": "5a", "date": "2024-09-03", "format": "pdf", "signed": true, "at": "2024-09-03T10:00:00+04:00", "by": "t1"}),
            json!({"type": "paper_report", "student": "s1", "date": "2024-09-03", "at": "2024-09-03T10:00:00+04:00", "by": "t2"}),
            json!({"type": "paper_report", "student": "s2", "date": "2024-09-03", "at": "2024-09-03T10:00:00+04:00", "by": "t1"}),
            json!({"type": "annual_decision", "student": "s1", "decision": "left", "at": "2024-09-03T10:00:00+04:00", "by": "a1"}),
            json!({"type": "thematic_plan", "class": "5a", "subject": "Математика", "lessons": 170, "at": "2024-09-03T10:00:00+04:00", "by": "a1"}),
        ]);
        let mut events_found: Vec<usize> = hits(RULE, &events, AS_OF)
            .iter()
            .map(|f| f.event.unwrap())
            .collect();
        events_found.sort_unstable();
        assert_eq!(events_found, vec![9, 11, 12, 14]);
    }

    #[test]
    fn students_and_parents_never_enter_anything_unknown_ids_are_not_checked() {
        let events = register(&[
            json!({"type": "parent", "id": "p1", "children": ["s1"]}),
            json!({"type": "thematic_plan", "class": "5a", "subject": "Математика", "lessons": 170, "at": "2024-09-03T10:00:00+04:00", "by": "p1"}),
            json!({"type": "homework", "lesson": "l1", "text": "№ 5", "at": "2024-09-02T10:00:00+04:00", "by": "s2"}),
            json!({"type": "mark", "lesson": "l1", "student": "s1", "value": 5, "at": "2024-09-02T10:00:00+04:00", "by": "somebody"}),
            json!({"type": "mark", "lesson": "l1", "student": "s1", "value": 5, "at": "2024-09-02T10:00:00+04:00"}),
            json!({"type": "diary_view", "parent": "p1", "student": "s1", "section": "diary", "at": "2024-09-02T19:00:00+04:00", "by": "p1"}),
        ]);
        let found = hits(RULE, &events, AS_OF);
        assert_eq!(found.len(), 2, "{found:#?}");
        let by_parent = found.iter().find(|f| f.event == Some(10)).unwrap();
        assert_eq!(by_parent.parent.as_deref(), Some("p1"));
        assert!(found.iter().any(|f| f.event == Some(11)));
    }

    #[test]
    fn notices_to_parents_by_the_class_teacher_or_a_teacher_of_the_class() {
        let notice = |by: &str, at: Option<&str>| {
            let mut n = json!({"type": "parent_notice", "student": "s1", "reason": "failing", "date": "2024-09-04", "by": by});
            if let Some(at) = at {
                n["at"] = json!(at);
            }
            n
        };
        let events = register(&[
            json!({"type": "staff", "id": "t3", "roles": ["teacher"]}),
            json!({"type": "staff", "id": "d1", "roles": ["deputy"]}),
            // t1 is the class teacher, t2 teaches l1 in 5А: both may tell the parents.
            notice("t1", Some("2024-09-04T15:00:00+04:00")),
            notice("t2", Some("2024-09-04T15:00:00+04:00")),
            notice("t2", None),
            // t3 teaches nothing in 5А, d1 is a deputy director: neither may.
            notice("t3", Some("2024-09-04T15:00:00+04:00")),
            notice("d1", None),
        ]);
        let mut found: Vec<usize> = hits(RULE, &events, AS_OF)
            .iter()
            .map(|f| f.event.unwrap())
            .collect();
        found.sort_unstable();
        assert_eq!(found, vec![14, 15]);
        let t3 = hits(RULE, &events, AS_OF);
        assert!(
            t3[0]
                .message
                .en
                .contains("the class teacher of 5А (t1) or a teacher of 5А"),
            "{t3:#?}"
        );
    }

    /// An imported final mark has `by` but no `at`: it is compared with the lessons the
    /// register holds, not with none.
    #[test]
    fn a_final_mark_without_at_by_the_teacher_of_every_lesson() {
        let events = with(
            school(),
            &[
                lesson("l1", "2024-09-02", "t1"),
                json!({"type": "final_mark", "student": "s1", "subject": "Математика", "period": "q1", "value": 4, "by": "t1"}),
                json!({"type": "final_mark", "student": "s2", "subject": "Математика", "period": "q1", "value": 4, "by": "t2"}),
            ],
        );
        let found = hits(RULE, &events, "2024-10-27T12:00:00+04:00");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].event, Some(10));
        // Pushed one by one, nothing is told about them on entry.
        let mut engine = Engine::new(Policy::default());
        for e in &events {
            let told = engine
                .push(ekzh::Event::from_json(&e.to_string()).unwrap())
                .unwrap();
            assert!(told.iter().all(|f| f.rule != RULE), "{told:#?}");
        }
    }
}

mod group_change_mid_period {
    use super::*;

    const RULE: &str = "group_change_mid_period";

    fn change(date: &str) -> Value {
        json!({"type": "group_change", "student": "s1", "subject": "Английский язык", "group": "2", "date": date, "at": "2024-09-01T10:00:00+04:00", "by": "a1"})
    }

    #[test]
    fn the_first_and_last_days_are_boundaries_and_the_year_does_not_count() {
        for (date, fires) in [
            ("2024-09-02", false),
            ("2024-09-03", true),
            ("2024-10-24", true),
            ("2024-10-25", false),
            ("2024-10-30", false),
            ("2025-01-15", false),
        ] {
            let found = hits(
                RULE,
                &with(school(), &[change(date)]),
                "2025-06-01T12:00:00+04:00",
            );
            assert_eq!(found.len(), usize::from(fires), "{date}: {found:#?}");
        }
    }

    #[test]
    fn names_the_period_that_ends_last_and_skips_other_grades() {
        let events = with(
            school(),
            &[
                json!({"type": "period", "id": "h1", "kind": "half_year", "start": "2024-09-02", "end": "2024-12-28"}),
                json!({"type": "period", "id": "t1-10", "kind": "trimester", "start": "2024-09-02", "end": "2025-02-28", "grades": [10, 11]}),
                change("2024-10-01"),
            ],
        );
        let found = hits(RULE, &events, "2025-06-01T12:00:00+04:00");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].period.as_deref(), Some("h1"));
    }
}

mod absence_reason_unset {
    use super::*;

    const RULE: &str = "absence_reason_unset";

    fn absent(student: &str, code: &str, at: &str) -> Value {
        json!({"type": "attendance", "lesson": "l1", "student": student, "code": code, "at": at, "by": "t1"})
    }

    #[test]
    fn due_at_the_end_of_the_seventh_day() {
        let events = with(
            school(),
            &[
                lesson("l1", "2024-09-02", "t1"),
                absent("s1", "Н", "2024-09-02T08:40:00+04:00"),
            ],
        );
        assert!(hits(RULE, &events, "2024-09-09T23:59:00+04:00").is_empty());
        let found = hits(RULE, &events, "2024-09-10T00:00:00+04:00");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].due.unwrap().to_string(), "2024-09-09");
        assert_eq!(found[0].teacher.as_deref(), Some("t1"));
    }

    #[test]
    fn a_reason_or_a_withdrawal_settles_it_one_finding_per_cell() {
        let events = with(
            school(),
            &[
                lesson("l1", "2024-09-02", "t2"),
                absent("s1", "ОТ", "2024-09-02T08:40:00+04:00"),
                absent("s1", "absent", "2024-09-02T08:50:00+04:00"),
                absent("s2", "Н", "2024-09-02T08:40:00+04:00"),
                absent("s2", "present", "2024-09-02T09:00:00+04:00"),
            ],
        );
        let found = hits(RULE, &events, "2024-09-20T12:00:00+04:00");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].event, Some(10));
        // The class teacher sets the reasons.
        assert_eq!(found[0].teacher.as_deref(), Some("t1"));
    }

    #[test]
    fn a_reason_set_after_as_of_is_not_seen() {
        let events = with(
            school(),
            &[
                lesson("l1", "2024-09-02", "t1"),
                absent("s1", "Н", "2024-09-02T08:40:00+04:00"),
                absent("s1", "Б", "2024-09-25T08:40:00+04:00"),
            ],
        );
        assert_eq!(hits(RULE, &events, "2024-09-20T12:00:00+04:00").len(), 1);
        assert!(hits(RULE, &events, "2024-09-26T12:00:00+04:00").is_empty());
    }
}

mod final_mark_missing {
    use super::*;

    const RULE: &str = "final_mark_missing";
    const AS_OF: &str = "2024-10-28T12:00:00+04:00";

    fn final_mark(student: &str, subject: &str, value: Value) -> Value {
        json!({"type": "final_mark", "student": student, "subject": subject, "period": "q1", "value": value, "at": "2024-10-25T18:00:00+04:00", "by": "t1"})
    }

    #[test]
    fn owed_once_the_window_is_over_not_attested_counts() {
        let events = with(
            school(),
            &[
                lesson("l1", "2024-09-02", "t1"),
                final_mark("s1", "МАТЕМАТИКА", json!("na")),
            ],
        );
        assert!(hits(RULE, &events, "2024-10-26T23:59:00+04:00").is_empty());
        let found = hits(RULE, &events, "2024-10-27T00:00:01+04:00");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].student.as_deref(), Some("s2"));
        assert_eq!(found[0].due.unwrap().to_string(), "2024-10-26");
        assert_eq!(found[0].event, Some(7));
    }

    #[test]
    fn not_owed_by_those_who_left_or_were_not_in_the_group() {
        let events = with(
            school(),
            &[
                json!({"type": "student", "id": "s3", "class": "5a", "groups": {"Английский язык": "1"}}),
                json!({"type": "student_left", "student": "s2", "date": "2024-10-01", "at": "2024-10-01T10:00:00+04:00", "by": "t1"}),
                json!({"type": "lesson", "id": "e1", "class": "5a", "group": "2", "subject": "Английский язык", "teacher": "t2",
                       "date": "2024-09-03", "start": "10:00", "end": "10:45", "topic": "Hello", "at": "2024-09-03T10:45:00+04:00", "by": "t2"}),
                lesson("l1", "2024-09-02", "t1"),
                final_mark("s1", "Математика", json!(4)),
            ],
        );
        let found = hits(RULE, &events, AS_OF);
        let mut owed: Vec<(String, String)> = found
            .iter()
            .map(|f| (f.student.clone().unwrap(), f.subject.clone().unwrap()))
            .collect();
        owed.sort();
        // s1: in group 2's English? No group declared, so not in it; s3 is in group 1.
        assert_eq!(owed, vec![("s3".to_owned(), "Математика".to_owned())]);
        assert_eq!(found[0].teacher.as_deref(), Some("t1"));
    }

    #[test]
    fn home_schooling_limits_to_the_plan_and_grade_one_owes_nothing() {
        let events = with(
            school(),
            &[
                json!({"type": "lesson", "id": "r1", "class": "5a", "subject": "Русский язык", "teacher": "t2",
                       "date": "2024-09-03", "start": "10:00", "end": "10:45", "topic": "Орфограммы", "at": "2024-09-03T10:45:00+04:00", "by": "t2"}),
                lesson("l1", "2024-09-02", "t1"),
                json!({"type": "home_schooling", "student": "s1", "from": "2024-10-01", "subjects": ["Русский язык"]}),
                final_mark("s2", "Математика", json!(5)),
                final_mark("s2", "Русский язык", json!(5)),
                json!({"type": "class", "id": "1a", "grade": 1}),
                json!({"type": "student", "id": "f1", "class": "1a"}),
                json!({"type": "lesson", "id": "g1", "class": "1a", "subject": "Математика", "teacher": "t1",
                       "date": "2024-09-02", "start": "08:30", "end": "09:05", "topic": "Счёт", "at": "2024-09-02T09:05:00+04:00", "by": "t1"}),
            ],
        );
        let found = hits(RULE, &events, AS_OF);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].student.as_deref(), Some("s1"));
        assert_eq!(found[0].subject.as_deref(), Some("Русский язык"));
    }
}

mod paper_report_overdue {
    use super::*;

    const RULE: &str = "paper_report_overdue";

    fn report(date: &str) -> Value {
        json!({"type": "paper_report", "student": "s1", "date": date, "at": format!("{date}T15:00:00+04:00"), "by": "t1"})
    }

    fn register(more: &[Value]) -> Vec<Value> {
        with(
            with(
                school(),
                &[
                    json!({"type": "parent", "id": "p1", "children": ["s1"]}),
                    json!({"type": "parent", "id": "p2", "children": ["s1"]}),
                    json!({"type": "parent_opt_out", "parent": "p2", "date": "2024-10-01"}),
                    json!({"type": "parent_opt_out", "parent": "p1", "date": "2024-09-02"}),
                ],
            ),
            more,
        )
    }

    #[test]
    fn every_gap_over_the_limit_and_the_last_stretch() {
        let events = register(&[report("2024-09-16"), report("2024-10-10")]);
        let found = hits(RULE, &events, "2024-10-26T12:00:00+04:00");
        let dues: Vec<String> = found.iter().map(|f| f.due.unwrap().to_string()).collect();
        // 2 Sep + 14 = 16 Sep: on time; 16 Sep + 14 = 30 Sep: missed; 10 Oct + 14 = 24 Oct: missed.
        assert_eq!(dues, vec!["2024-09-30", "2024-10-24"], "{found:#?}");
        assert!(found.iter().all(|f| f.parent.as_deref() == Some("p1")));
        assert_eq!(found[0].event, Some(12));
    }

    #[test]
    fn holidays_owe_nothing_and_leaving_ends_the_duty() {
        let events = with(
            register(&[report("2025-05-20")]),
            &[
                json!({"type": "period", "id": "y2025", "kind": "year", "start": "2025-09-01", "end": "2026-05-31"}),
                report("2025-09-10"),
                json!({"type": "student_left", "student": "s1", "date": "2025-09-20", "at": "2025-09-20T10:00:00+04:00", "by": "t1"}),
            ],
        );
        let found = hits(RULE, &events, "2025-12-01T12:00:00+04:00");
        let dues: Vec<String> = found.iter().map(|f| f.due.unwrap().to_string()).collect();
        // Over 2024/25: from 2 Sep nothing until 20 May. Then 20 May → 31 May: fine. 2025/26
        // restarts on 1 Sep: 10 Sep is on time, and s1 left on 20 Sep.
        assert_eq!(dues, vec!["2024-09-16"], "{found:#?}");
    }
}

mod parent_diary_not_viewed {
    use super::*;

    const RULE: &str = "parent_diary_not_viewed";

    fn view(section: &str, at: &str) -> Value {
        json!({"type": "diary_view", "parent": "p1", "student": "s1", "section": section, "at": at})
    }

    #[test]
    fn weeks_wholly_inside_the_year_and_over() {
        let events = with(
            school(),
            &[
                json!({"type": "parent", "id": "p1", "children": ["s1"]}),
                view("diary", "2024-09-08T23:59:00+04:00"),
                json!({"type": "diary_view", "parent": "p1", "student": "s1", "section": "diary"}),
                view("final_marks", "2024-09-20T10:00:00+04:00"),
            ],
        );
        // Weeks: 2–8 Sep (seen), 9–15 Sep (not), 16–22 Sep (seen), 23–29 Sep not over yet.
        let found = hits(RULE, &events, "2024-09-29T23:00:00+04:00");
        let mondays: Vec<String> = found.iter().map(|f| f.date.unwrap().to_string()).collect();
        assert_eq!(mondays, vec!["2024-09-09"], "{found:#?}");
        assert_eq!(found[0].due.unwrap().to_string(), "2024-09-15");
    }

    #[test]
    fn no_final_marks_view_is_owed_in_a_grade_without_marks() {
        // Weekly views throughout the quarter, none of the final marks: owed in grade 5 …
        let mut events = with(
            school(),
            &[json!({"type": "parent", "id": "p1", "children": ["s1"]})],
        );
        let mut day = chrono::NaiveDate::from_ymd_opt(2024, 9, 2).unwrap();
        while day < chrono::NaiveDate::from_ymd_opt(2024, 11, 10).unwrap() {
            events.push(view("diary", &format!("{day}T20:00:00+04:00")));
            day += chrono::Duration::days(7);
        }
        let as_of = "2024-11-10T23:00:00+04:00";
        let found = hits(RULE, &events, as_of);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].period.as_deref(), Some("q1"));
        // … and not in grade 1, where there are no final marks to look at (2.6).
        let grade1: Vec<Value> = events
            .iter()
            .map(|e| {
                if e["type"] == "class" {
                    json!({"type": "class", "id": "5a", "grade": 1})
                } else {
                    e.clone()
                }
            })
            .collect();
        assert_eq!(hits(RULE, &grade1, as_of), vec![]);
    }

    #[test]
    fn final_marks_within_a_week_of_the_period_and_nothing_after_opting_out() {
        let mut events = with(
            school(),
            &[json!({"type": "parent", "id": "p1", "children": ["s1"]})],
        );
        // A view every week until the audit, none of the final marks.
        let mut day = chrono::NaiveDate::from_ymd_opt(2024, 9, 3).unwrap();
        while day < chrono::NaiveDate::from_ymd_opt(2024, 11, 10).unwrap() {
            events.push(view("diary", &format!("{day}T19:00:00+04:00")));
            day += chrono::Duration::days(7);
        }
        let found = hits(RULE, &events, "2024-11-01T23:59:00+04:00");
        assert_eq!(
            found.len(),
            0,
            "the seventh day after q1 is not over: {found:#?}"
        );
        let found = hits(RULE, &events, "2024-11-02T00:00:00+04:00");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].period.as_deref(), Some("q1"));
        assert_eq!(found[0].due.unwrap().to_string(), "2024-11-01");

        events.push(view("final_marks", "2024-10-25T20:00:00+04:00"));
        assert!(hits(RULE, &events, "2024-11-03T00:00:00+04:00").is_empty());

        let mut opted = with(
            school(),
            &[
                json!({"type": "parent", "id": "p1", "children": ["s1"]}),
                json!({"type": "parent_opt_out", "parent": "p1", "date": "2024-09-15"}),
            ],
        );
        opted.push(view("diary", "2024-09-03T19:00:00+04:00"));
        // Only the week of 2–8 Sep was owed, and it was seen; the week of the opt-out is not.
        assert!(hits(RULE, &opted, "2024-11-20T12:00:00+04:00").is_empty());
    }
}

mod journal_export_late {
    use super::*;

    const RULE: &str = "journal_export_late";

    fn export(class: &str, date: &str) -> Value {
        json!({"type": "journal_export", "class": class, "date": date, "format": "pdf", "signed": true, "at": format!("{date}T12:00:00+04:00"), "by": "a1"})
    }

    #[test]
    fn grade_nine_exports_by_the_twenty_fifth_of_august() {
        let events = with(
            school(),
            &[
                json!({"type": "class", "id": "9a", "grade": 9}),
                json!({"type": "lesson", "id": "n1", "class": "9a", "subject": "Алгебра", "teacher": "t2",
                       "date": "2024-09-02", "start": "08:30", "end": "09:15", "topic": "Неравенства", "at": "2024-09-02T09:15:00+04:00", "by": "t2"}),
                lesson("l1", "2024-09-02", "t1"),
                export("5a", "2025-06-30"),
                export("9a", "2025-08-20"),
            ],
        );
        assert!(hits(RULE, &events, "2025-09-01T12:00:00+04:00").is_empty());
        let found = hits(RULE, &events, "2025-07-01T00:00:00+04:00");
        assert!(
            found.is_empty(),
            "9А is not due until 25 August: {found:#?}"
        );
    }

    #[test]
    fn audit_once_the_deadline_is_over_only_for_classes_of_that_year() {
        let events = with(
            school(),
            &[
                json!({"type": "class", "id": "5b", "grade": 5}),
                lesson("l1", "2024-09-02", "t1"),
                export("5a", "2024-09-20"),
            ],
        );
        // An export dated before any school year ended is not judged on entry, but it is
        // after the year's start.
        assert!(hits(RULE, &events, "2025-06-30T23:00:00+04:00").is_empty());
        assert!(hits(RULE, &events, "2025-07-01T00:00:00+04:00").is_empty());
        let events = with(school(), &[lesson("l1", "2024-09-02", "t1")]);
        let found = hits(RULE, &events, "2025-07-01T00:00:00+04:00");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].class.as_deref(), Some("5a"));
        assert_eq!(found[0].event, Some(2));
    }
}

mod journal_export_unsigned {
    use super::*;

    #[test]
    fn one_finding_on_the_latest_of_a_years_exports() {
        let export = |date: &str, signed: bool| json!({"type": "journal_export", "class": "5a", "date": date, "format": "pdf", "signed": signed, "at": format!("{date}T12:00:00+04:00"), "by": "a1"});
        let events = with(
            school(),
            &[
                lesson("l1", "2024-09-02", "t1"),
                export("2025-06-10", false),
                export("2025-06-20", false),
            ],
        );
        let found = hits(
            "journal_export_unsigned",
            &events,
            "2025-07-10T12:00:00+04:00",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].event, Some(10));
        assert_eq!(found[0].period.as_deref(), Some("y2024"));
        let signed = with(events, &[export("2025-06-21", true)]);
        assert!(hits(
            "journal_export_unsigned",
            &signed,
            "2025-07-10T12:00:00+04:00"
        )
        .is_empty());
    }
}

mod annual_decision_inconsistent {
    use super::*;

    const RULE: &str = "annual_decision_inconsistent";

    fn year_mark(subject: &str, value: Value, at: &str) -> Value {
        json!({"type": "final_mark", "student": "s1", "subject": subject, "period": "y2024", "value": value, "at": at, "by": "t1"})
    }

    fn decide(class_grade: u8, decision: &str, marks: &[Value]) -> Vec<Finding> {
        let mut events = school();
        events[2] = json!({"type": "class", "id": "5a", "grade": class_grade});
        events.extend_from_slice(marks);
        events.push(json!({"type": "annual_decision", "student": "s1", "decision": decision, "at": "2025-06-01T12:00:00+04:00", "by": "t1"}));
        hits(RULE, &events, "2025-06-05T12:00:00+04:00")
    }

    #[test]
    fn decisions_against_marks_and_grade() {
        let five = year_mark("Математика", json!(5), "2025-05-31T15:00:00+04:00");
        let four = year_mark("Физика", json!(4), "2025-05-31T15:00:00+04:00");
        let na = year_mark("Физика", json!("na"), "2025-05-31T15:00:00+04:00");
        let corrected = year_mark("Физика", json!(5), "2025-05-31T16:00:00+04:00");
        let late = year_mark("Физика", json!(2), "2025-06-02T16:00:00+04:00");
        let cases: Vec<(u8, &str, Vec<Value>, usize)> = vec![
            (5, "promoted", vec![five.clone(), four.clone()], 0),
            (5, "promoted", vec![five.clone(), na.clone()], 1),
            (5, "promoted", vec![five.clone(), late], 0),
            (5, "conditionally_promoted", vec![na.clone()], 0),
            (9, "admitted_to_gia", vec![five.clone(), na.clone()], 1),
            (
                9,
                "admitted_to_gia",
                vec![five.clone(), na.clone(), corrected.clone()],
                0,
            ),
            (
                9,
                "certificate_with_honors",
                vec![five.clone(), four.clone()],
                1,
            ),
            (
                11,
                "certificate_with_honors",
                vec![five.clone(), na, corrected],
                0,
            ),
            (11, "certificate_with_honors", vec![], 1),
            (7, "certificate", vec![five.clone()], 1),
            (9, "promoted", vec![five.clone()], 1),
            (11, "conditionally_promoted", vec![], 1),
            (10, "promoted", vec![five.clone()], 0),
            (5, "left", vec![], 0),
            (9, "study_certificate", vec![], 0),
        ];
        for (grade, decision, marks, expected) in cases {
            let found = decide(grade, decision, &marks);
            assert_eq!(
                found.len(),
                expected,
                "{grade} {decision} {marks:?}: {found:#?}"
            );
        }
    }

    #[test]
    fn every_misfit_in_one_message() {
        let found = decide(
            5,
            "admitted_to_gia",
            &[year_mark(
                "Математика",
                json!(2),
                "2025-05-31T15:00:00+04:00",
            )],
        );
        assert_eq!(found.len(), 1);
        let en = &found[0].message.en;
        assert!(
            en.contains("failing") && en.contains("grades 9 and 11"),
            "{en}"
        );
    }
}

mod thematic_plan_missing {
    use super::*;

    const RULE: &str = "thematic_plan_missing";
    const AS_OF: &str = "2024-09-20T12:00:00+04:00";

    fn english(id: &str, group: &str) -> Value {
        json!({"type": "lesson", "id": id, "class": "5a", "group": group, "subject": "Английский язык", "teacher": "t2",
               "date": "2024-09-03", "start": "10:00", "end": "10:45", "topic": "Hello", "at": "2024-09-03T10:45:00+04:00", "by": "t2"})
    }

    fn plan(group: Option<&str>, at: Option<&str>) -> Value {
        let mut plan = json!({"type": "thematic_plan", "class": "5a", "subject": "английский язык", "lessons": 102, "by": "t2"});
        if let Some(group) = group {
            plan["group"] = json!(group);
        }
        if let Some(at) = at {
            plan["at"] = json!(at);
        }
        plan
    }

    #[test]
    fn a_group_plan_covers_its_group_a_class_plan_every_group() {
        let lessons = [english("e1", "1"), english("e2", "2")];
        let by_group = with(
            with(school(), &lessons),
            &[plan(Some("1"), Some("2024-09-05T10:00:00+04:00"))],
        );
        let found = hits(RULE, &by_group, AS_OF);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].lesson.as_deref(), Some("e2"));
        assert_eq!(found[0].due.unwrap().to_string(), "2024-09-17");

        let whole = with(with(school(), &lessons), &[plan(None, None)]);
        assert!(hits(RULE, &whole, AS_OF).is_empty());
    }

    #[test]
    fn a_plan_made_after_the_deadline_does_not_count() {
        let events = with(
            school(),
            &[
                english("e1", "1"),
                plan(None, Some("2024-09-18T00:00:00+04:00")),
            ],
        );
        assert!(hits(RULE, &events, "2024-09-17T23:00:00+04:00").is_empty());
        assert_eq!(hits(RULE, &events, AS_OF).len(), 1);
    }
}

mod program_not_completed {
    use super::*;

    const RULE: &str = "program_not_completed";
    const AS_OF: &str = "2025-06-05T12:00:00+04:00";

    fn english(id: &str, group: Option<&str>, date: &str) -> Value {
        let mut lesson = json!({"type": "lesson", "id": id, "class": "5a", "subject": "Английский язык", "teacher": "t2",
               "date": date, "start": "10:00", "end": "10:45", "topic": "Hello", "at": format!("{date}T10:45:00+04:00"), "by": "t2"});
        if let Some(group) = group {
            lesson["group"] = json!(group);
        }
        lesson
    }

    fn plan(group: Option<&str>, lessons: u32, at: &str) -> Value {
        let mut plan = json!({"type": "thematic_plan", "class": "5a", "subject": "Английский язык", "lessons": lessons, "at": at, "by": "t2"});
        if let Some(group) = group {
            plan["group"] = json!(group);
        }
        plan
    }

    fn held() -> Vec<Value> {
        with(
            school(),
            &[
                english("e1", None, "2024-09-02"),
                english("e2", Some("1"), "2024-09-03"),
                english("e3", Some("1"), "2024-09-04"),
                english("e4", Some("2"), "2024-09-03"),
            ],
        )
    }

    #[test]
    fn each_group_counts_its_own_and_the_whole_class_lessons() {
        // Group 1 held 3 (1 whole-class + 2), group 2 held 2.
        let events = with(held(), &[plan(None, 3, "2024-08-30T10:00:00+04:00")]);
        assert!(hits(RULE, &events, "2025-05-31T23:00:00+04:00").is_empty());
        let found = hits(RULE, &events, AS_OF);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.en.contains("held 2 of 3"),
            "{}",
            found[0].message.en
        );
        assert!(
            found[0].message.en.contains("group `2`"),
            "{}",
            found[0].message.en
        );
        assert_eq!(found[0].teacher.as_deref(), Some("t2"));
    }

    #[test]
    fn a_group_plan_and_a_later_plan_replace() {
        let events = with(
            held(),
            &[
                plan(None, 3, "2024-08-30T10:00:00+04:00"),
                plan(Some("2"), 2, "2024-08-30T10:00:00+04:00"),
                plan(Some("1"), 5, "2024-08-30T10:00:00+04:00"),
                plan(Some("1"), 3, "2024-09-10T10:00:00+04:00"),
            ],
        );
        assert!(hits(RULE, &events, AS_OF).is_empty());
    }

    #[test]
    fn a_planned_subject_never_held_and_classes_of_other_years() {
        let events = with(
            school(),
            &[
                lesson("l1", "2024-09-02", "t1"),
                plan(None, 68, "2024-08-30T10:00:00+04:00"),
                json!({"type": "class", "id": "6a", "grade": 6}),
                json!({"type": "thematic_plan", "class": "6a", "subject": "Математика", "lessons": 170, "at": "2024-08-30T10:00:00+04:00", "by": "t1"}),
            ],
        );
        let found = hits(RULE, &events, AS_OF);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.en.contains("held 0 of 68"),
            "{}",
            found[0].message.en
        );
    }
}

/// Pushing a fixture's entries in the order they were made, every finding told on entry by
/// these rules is in the audit (SPEC §4: a finding returned on entry is never withdrawn).
#[test]
fn findings_on_entry_stay_in_the_audit() {
    let rules = [
        "entry_not_permitted",
        "group_change_mid_period",
        "journal_export_late",
        "annual_decision_inconsistent",
    ];
    for fixture in common::rule_fixtures() {
        if !rules.contains(&fixture.rule.as_str()) {
            continue;
        }
        let loaded = common::load(&fixture.path);
        let mut events = loaded.events();
        // Declarations first, then entries by when they were made.
        events.sort_by_key(|e| (e.made().is_some(), e.made().and_then(|m| m.at)));
        let mut engine = Engine::new(loaded.policy.clone());
        let mut told: Vec<Finding> = Vec::new();
        for event in events {
            told.extend(engine.push(event).unwrap());
        }
        let audit = engine.audit(loaded.as_of);
        for finding in told {
            assert!(
                audit.findings.contains(&finding),
                "{}: told on entry but not in the audit: {finding:#?}",
                fixture.name()
            );
        }
    }
}
