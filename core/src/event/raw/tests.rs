//! The reader's unit tests: fields named in errors, the fast paths agreeing with serde.

use super::*;

fn err(json: &str) -> EventError {
    Event::from_json(json).unwrap_err()
}

#[test]
fn reads_a_mark_with_russian_work() {
    let e = Event::from_json(
        r#"{"type":"mark","lesson":"l1","student":7,"value":"4","work":"Контрольная работа","at":"2024-09-02T14:05:00+04:00","by":"t1","extra":[1,2]}"#,
    )
    .unwrap();
    let Event::Mark(m) = e else {
        panic!("not a mark")
    };
    assert_eq!(m.student, "7");
    assert_eq!(m.value.get(), 4);
    assert_eq!(m.work, Some(WorkKind::ControlWork));
    assert_eq!(m.made.by.as_deref(), Some("t1"));
}

#[test]
fn errors_name_the_field() {
    assert_eq!(
        err(r#"{"type":"mark","lesson":"l","student":"s","value":7}"#)
            .field
            .as_deref(),
        Some("value")
    );
    assert_eq!(
        err(r#"{"type":"mark","lesson":"l","student":"s","value":1e40}"#)
            .field
            .as_deref(),
        Some("value")
    );
    assert_eq!(
        err(r#"{"type":"mark","lesson":"l","student":"s","value":true}"#)
            .field
            .as_deref(),
        Some("value")
    );
    assert_eq!(err(r#"{"type":"lesson_x"}"#).field.as_deref(), Some("type"));
    assert_eq!(
        err(r#"{"type":"sanatorium","student":"s","from":"2024-13-45","to":"2024-10-01"}"#)
            .field
            .as_deref(),
        Some("from")
    );
    assert_eq!(
        err(r#"{"type":"homework","lesson":"l","text":"x","students":["a",{}]}"#)
            .field
            .as_deref(),
        Some("students[1]")
    );
    assert_eq!(
        err(r#"{"type":"attendance","lesson":"l","student":"s","code":"X"}"#)
            .field
            .as_deref(),
        Some("code")
    );
    assert_eq!(err(r#"{"lesson":"l"}"#).field.as_deref(), Some("type"));
    // A key cut short is in no field; a value cut short is in its own.
    assert_eq!(err(r#"{"type":"class","id":"5b","gr"#).field, None);
    assert_eq!(
        err(r#"{"type":"student","groups":{"Физика":"1","Хим"#)
            .field
            .as_deref(),
        Some("groups")
    );
    assert_eq!(err(r#"{"type":"class","id":"#).field.as_deref(), Some("id"));
    assert_eq!(err(r#"[1]"#).field, None);
}

#[test]
fn each_field_is_read_once() {
    // A key given twice, even spelled with an escape, is an error; `null` is missing.
    let e = err(r#"{"type":"class","id":"5a","gr\u0061de":5,"grade":6}"#);
    assert_eq!(e.message.en, "duplicate field `grade`");
    assert_eq!(e.message.ru, "поле `grade` указано дважды");
    let e = Event::from_json(r#"{"type":"class","id":"5a","grade":5,"name":null,"x":[1]}"#);
    let Ok(Event::Class(class)) = e else {
        panic!("not a class: {e:?}")
    };
    assert_eq!(class.name, None);
    let borrowed = Event::from_json_borrowed(r#"{"type":"class","id":"5\u0061","grade":5}"#);
    let Ok(Event::Class(class)) = borrowed else {
        panic!("not a class: {borrowed:?}")
    };
    assert_eq!(class.id, "5a");
}

#[test]
fn briefings_come_from_the_topic() {
    let e = Event::from_json(
        r#"{"type":"lesson","id":"l","class":"c","subject":"Химия","teacher":"t","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Вводный инструктаж по ОТ. Предмет химии"}"#,
    )
    .unwrap();
    let Event::Lesson(l) = e else {
        panic!("not a lesson")
    };
    assert_eq!(l.briefing, vec![BriefingKind::Introductory]);
}

#[test]
fn final_marks_accept_na() {
    let e = Event::from_json(
        r#"{"type":"final_mark","student":"s","subject":"x","period":"q1","value":"н/а"}"#,
    )
    .unwrap();
    let Event::FinalMark(f) = e else {
        panic!("not a final mark")
    };
    assert_eq!(f.value, FinalValue::NotAttested);
}

#[test]
fn reads_an_extract() {
    let e = Event::from_json(
        r#"{"type":"extract","from":"2024-09-02","to":"2024-09-08","source":"netschool-diary","students":["s1",7],"lacks":["at","Teacher","final_marks"]}"#,
    )
    .unwrap();
    let Event::Extract(x) = &e else {
        panic!("not an extract")
    };
    assert_eq!(x.students, vec!["s1", "7"]);
    assert!(x.classes.is_empty());
    assert_eq!(x.lacks, vec![Lack::At, Lack::Teacher, Lack::FinalMarks]);
    assert_eq!(x.source.as_deref(), Some("netschool-diary"));
    assert_eq!(e.made(), None);
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(Event::from_json(&json).unwrap(), e, "{json}");
    let e = err(
        r#"{"type":"extract","from":"2024-09-02","to":"2024-09-08","lacks":["at","by","times"]}"#,
    );
    assert_eq!(e.field.as_deref(), Some("lacks[2]"));
    assert!(e.message.en.contains("`times`"), "{e}");
    let e = err(r#"{"type":"extract","from":"2024-09-09","to":"2024-09-08"}"#);
    assert_eq!(e.field.as_deref(), Some("to"));
    let e = err(r#"{"type":"extract","to":"2024-09-08"}"#);
    assert_eq!(e.field.as_deref(), Some("from"));
    let e = err(r#"{"type":"extract","from":"2024-09-02","to":"2024-09-08","classes":[""]}"#);
    assert_eq!(e.field.as_deref(), Some("classes[0]"));
}

#[test]
fn reads_a_parent_notice() {
    let e = Event::from_json(
        r#"{"type":"parent_notice","student":"s1","reason":"Пропуски без уважительной причины","date":"2024-09-20","parent":"p1","at":"2024-09-20T15:00:00+04:00","by":"t1"}"#,
    )
    .unwrap();
    let Event::ParentNotice(n) = &e else {
        panic!("not a parent notice")
    };
    assert_eq!(n.reason, NoticeReason::UnexcusedAbsence);
    assert_eq!(n.parent.as_deref(), Some("p1"));
    assert_eq!(n.made.by.as_deref(), Some("t1"));
    let json = serde_json::to_string(&e).unwrap();
    assert!(json.contains(r#""reason":"unexcused_absence""#), "{json}");
    assert_eq!(Event::from_json(&json).unwrap(), e, "{json}");
    let e = Event::from_json(
        r#"{"type":"parent_notice","student":"s1","reason":"failing","date":"2024-09-20"}"#,
    )
    .unwrap();
    assert_eq!(e.made(), Some(&Made::default()));
    let e =
        err(r#"{"type":"parent_notice","student":"s1","reason":"bad marks","date":"2024-09-20"}"#);
    assert_eq!(e.field.as_deref(), Some("reason"));
    assert!(
        e.message.en.contains("`failing` `unexcused_absence`"),
        "{e}"
    );
    let e = err(r#"{"type":"parent_notice","student":"s1","reason":"failing"}"#);
    assert_eq!(e.field.as_deref(), Some("date"));
}

#[test]
fn reads_late_and_exempt() {
    for (code, want) in [
        ("ОП", AttendanceCode::Late),
        ("late", AttendanceCode::Late),
        ("ОСВ", AttendanceCode::Exempt),
        ("exempt", AttendanceCode::Exempt),
    ] {
        let json = format!(r#"{{"type":"attendance","lesson":"l","student":"s","code":"{code}"}}"#);
        let Ok(Event::Attendance(a)) = Event::from_json(&json) else {
            panic!("{json}")
        };
        assert_eq!(a.code, want);
        assert!(!a.code.is_absence());
        let written = serde_json::to_string(&Event::Attendance(a)).unwrap();
        assert!(
            written.contains(&format!(r#""code":"{want}""#)),
            "{written}"
        );
    }
    assert!(AttendanceCode::Late.attended() && AttendanceCode::Late.owes_work());
    assert!(!AttendanceCode::Exempt.attended() && !AttendanceCode::Exempt.owes_work());
    assert!(!AttendanceCode::Illness.attended() && AttendanceCode::Illness.owes_work());
    let e = err(r#"{"type":"attendance","lesson":"l","student":"s","code":"ОПОЗДАЛ"}"#);
    assert!(e.message.en.contains("`late` `exempt`"), "{e}");
}

#[test]
fn messages_lose_only_the_position() {
    assert_eq!(
        without_position("expected value at line 1 column 12".to_owned()),
        "expected value"
    );
    assert_eq!(
        without_position("`at line 1 column 2` is not a date".to_owned()),
        "`at line 1 column 2` is not a date"
    );
    assert_eq!(
        without_position("unexpected type: 'int' is not 'str'".to_owned()),
        "unexpected type: 'int' is not 'str'"
    );
    // Any deserializer whose error displays can read an event.
    let value = serde_json::json!({"type": "mark", "lesson": "l", "student": "s", "value": 7});
    let e = Event::deserialize_from(value).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("value"));
    let e = Event::from_json(r#"{"type": "mark", "value": }"#).unwrap_err();
    assert!(!e.message.en.contains("line"), "{e}");
}

#[test]
fn entry_times_read_as_chrono_reads_them() {
    for text in [
        "2024-09-02T14:05:00+04:00",
        "2024-09-02T14:05:00-03:30",
        "2024-09-02T14:05:00-00:00",
        "2024-02-29T23:59:59+14:00",
        "2023-02-29T10:00:00+04:00",
        "2024-09-02T24:00:00+04:00",
        "2024-09-02T23:59:60+04:00",
        "2024-09-02T14:05:00+24:00",
        "2024-09-02t14:05:00+04:00",
        "2024-09-02 14:05:00+04:00",
        "2024-09-02T14:05:00Z",
        "2024-09-02T14:05:00.5+04:00",
        "2024-09-02T14:05+04:00",
        "2024-9-02T14:05:00+004:00",
        "２024-09-02T14:05:00+04:00",
    ] {
        assert_eq!(
            parse_at(text),
            DateTime::parse_from_rfc3339(text).ok(),
            "{text}"
        );
    }
}

#[test]
fn dates_are_strict() {
    assert!(parse_date("2024-02-29").is_some());
    assert!(parse_date("2023-02-29").is_none());
    assert!(parse_date("2024-9-02").is_none());
    assert!(parse_time("08:30").is_some());
    assert!(parse_time("8:30").is_none());
    assert!(parse_time("24:00").is_none());
    assert_eq!(
        parse_time("08:30:15"),
        chrono::NaiveTime::from_hms_opt(8, 30, 15)
    );
    for bad in [
        "08:30:",
        "08-30",
        "08:3a",
        "08:60",
        "0830",
        "08:30:1",
        "",
        ":",
        "08:30:15:00",
    ] {
        assert!(parse_time(bad).is_none(), "{bad}");
    }
}

#[test]
fn every_briefing_named_in_a_topic_is_found_in_its_order() {
    let e = Event::from_json(
        r#"{"type":"lesson","id":"l","class":"c","subject":"Физика","teacher":"t","date":"2024-09-02","start":"08:30","end":"09:15","topic":"ЦЕЛЕВОЙ  Инструктаж; повторный инструктаж; инструктаж"}"#,
    )
    .unwrap();
    let Event::Lesson(l) = e else {
        panic!("not a lesson")
    };
    assert_eq!(
        l.briefing,
        vec![BriefingKind::Repeat, BriefingKind::Targeted]
    );
}
