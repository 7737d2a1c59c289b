//! A part of a register (SPEC §1.3), over random registers: the register and the same
//! register cut into an extract — a stretch of days, some classes or some students, some
//! kinds of data taken out — never disagree on what the extract can judge.
//!
//! - a finding of the part is a finding of the whole: the same rule about the same entry,
//!   lesson, student, date, class, subject, period and parent, with the same deadline and
//!   the same message but where it counts (the missed lessons before a failing mark, the
//!   students still without a mark, of whom the part lists those it holds);
//! - a part never reports a finding of a rule that needs a kind of data it lacks;
//! - an extract of everything, lacking nothing, reports what the whole reports;
//! - the whole school's register has no `not_judged`; a part always has one;
//! - a part's report, what it did not judge included, does not depend on the order of its
//!   events, and what its entries are told when pushed as made stays in its audit.
//!
//! What the cut keeps is what a source holding that part would show: the lessons of the
//! days and classes (for some students, the lessons they sit in) and every entry on them
//! about whom the part holds, the final marks of the periods ending in it, the entries of
//! its days about its students and classes, and every declaration and fact about the
//! school (periods, classes, students, their moves and stays). A kind the part lacks is
//! taken out: its entries, its declarations (staff, parents), its fields (topics and the
//! briefings written in them, entry times, authors, lessons' teachers).
//!
//! Some kinds say how entries are ordered rather than what exists: entry times (which
//! versions of a lesson came first, whether an absence was entered before a mark), and
//! the lessons' teachers and topics, by which the register orders versions of a lesson
//! made at the same moment. A source without them shows the register as it stands; the
//! part is then compared with the whole as that source would show it, with those kinds
//! taken out of the whole too (docs/decisions.md, "A part of a register").
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use common::compare::{made_at, made_order, missing_from, shuffled, without_events};
use common::registers::{register, Case};
use ekzh::event::Lack;
use ekzh::{check, Engine, Event, Finding, Report};
use proptest::prelude::*;
use serde_json::{json, Value};

/// 64 cases each unless `PROPTEST_CASES` says otherwise: each case checks three registers.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig {
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    };
    if std::env::var("PROPTEST_CASES").is_err() {
        config.cases = 64;
    }
    config
}

/// Whom an extract holds.
#[derive(Debug, Clone)]
enum Whom {
    Everyone,
    Classes(Vec<String>),
    Students(Vec<String>),
}

/// Extracts to cut a register into: one per stretch of days, alike but for their days
/// (several extracts cover the union of their parts).
#[derive(Debug, Clone)]
struct Cut {
    spans: Vec<(NaiveDate, NaiveDate)>,
    whom: Whom,
    lacks: Vec<Lack>,
}

impl Cut {
    fn lacks(&self, lack: Lack) -> bool {
        self.lacks.contains(&lack)
    }

    fn extracts(&self) -> Vec<Event> {
        self.spans
            .iter()
            .map(|(from, to)| {
                let mut extract = json!({
                    "type": "extract",
                    "from": from.to_string(),
                    "to": to.to_string(),
                    "lacks": self.lacks.iter().map(|l| l.code()).collect::<Vec<_>>(),
                });
                match &self.whom {
                    Whom::Everyone => {}
                    Whom::Classes(classes) => extract["classes"] = json!(classes),
                    Whom::Students(students) => extract["students"] = json!(students),
                }
                Event::from_json(&extract.to_string()).unwrap()
            })
            .collect()
    }
}

/// A cut drawn for a register: a stretch of days of its school year, and one time in four
/// another after a gap; whom (by the bits of a number over the declared classes or
/// students); what it lacks (each kind with a chance of one in four).
fn cut_for(case: &Case, (start, days, whom, pick, lacks): (u16, u16, u8, u64, u32)) -> Cut {
    let first = NaiveDate::from_ymd_opt(2024, 8, 20).unwrap();
    let from = first + Duration::days(i64::from(start % 160));
    let to = from + Duration::days(i64::from(days % 200));
    let mut spans = vec![(from, to)];
    if days >> 14 == 0 {
        let from = to + Duration::days(i64::from(2 + (days >> 8) % 40));
        spans.push((from, from + Duration::days(i64::from(start >> 8))));
    }
    let declared = |kind: &str| -> Vec<String> {
        let mut ids: BTreeSet<String> = BTreeSet::new();
        for event in &case.events {
            let value = serde_json::to_value(event).unwrap();
            if value["type"] == kind {
                ids.insert(value["id"].as_str().unwrap().to_owned());
            }
        }
        ids.into_iter().collect()
    };
    let some = |ids: Vec<String>| -> Vec<String> {
        let chosen: Vec<String> = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| pick >> (i % 64) & 1 == 1)
            .map(|(_, id)| id.clone())
            .collect();
        if chosen.is_empty() {
            ids.into_iter().take(1).collect()
        } else {
            chosen
        }
    };
    let whom = match whom % 3 {
        0 => Whom::Everyone,
        1 => Whom::Classes(some(declared("class"))),
        _ => Whom::Students(some(declared("student"))),
    };
    let whom = match whom {
        Whom::Classes(c) if c.is_empty() => Whom::Everyone,
        Whom::Students(s) if s.is_empty() => Whom::Everyone,
        other => other,
    };
    // Each kind with a chance of one in four: two bits of `lacks` each.
    let lacks = Lack::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| (lacks >> (2 * i)) & 3 == 0)
        .map(|(_, l)| *l)
        .collect();
    Cut { spans, whom, lacks }
}

/// An event as a JSON object.
fn value(event: &Event) -> Value {
    serde_json::to_value(event).unwrap()
}

fn text(v: &Value, key: &str) -> Option<String> {
    v[key].as_str().map(str::to_owned)
}

fn date(v: &Value, key: &str) -> Option<NaiveDate> {
    v[key].as_str().and_then(|d| d.parse().ok())
}

/// The day an entry was made, school time of the case's `as_of` offset.
fn day_made(v: &Value) -> Option<NaiveDate> {
    let at = DateTime::parse_from_rfc3339(v["at"].as_str()?).ok()?;
    let offset = FixedOffset::east_opt(4 * 3600)?;
    Some(at.with_timezone(&offset).date_naive())
}

/// The whole register as a source lacking `lacks` would show it, as far as what it lacks
/// orders entries (see the module's doc): entry times; and the lessons' teachers and
/// topics when some lesson has versions made at the same moment (the register orders
/// those by their content).
fn as_shown(events: &[Event], cut: &Cut) -> Vec<Event> {
    let at = cut.lacks(Lack::At);
    let ties = at || simultaneous_versions(events);
    let teacher = ties && cut.lacks(Lack::Teacher);
    let topic = ties && cut.lacks(Lack::Topic);
    events
        .iter()
        .map(|event| {
            let mut v = value(event);
            let lesson = v["type"] == "lesson";
            let object = v.as_object_mut().unwrap();
            if at {
                object.remove("at");
            }
            if teacher && lesson {
                object.insert("teacher".into(), json!("не указан"));
            }
            if topic && lesson {
                object.remove("topic");
                object.remove("briefing");
            }
            Event::from_json(&v.to_string()).unwrap()
        })
        .collect()
}

/// Whether some lesson has two versions made at the same moment (or both at no known one).
fn simultaneous_versions(events: &[Event]) -> bool {
    let mut seen: BTreeSet<(String, Option<DateTime<Utc>>)> = BTreeSet::new();
    events.iter().any(|event| match event {
        // The same moment, whatever offset each was written with.
        Event::Lesson(lesson) => {
            !seen.insert((lesson.id.clone(), lesson.made.at.map(|at| at.to_utc())))
        }
        _ => false,
    })
}

/// What the register declares that the cut needs to place entries: lessons' days and
/// classes, students' classes, periods' ends, and which lessons each student sits in.
struct School {
    lessons: BTreeMap<String, (NaiveDate, String)>,
    classes_of: BTreeMap<String, String>,
    period_ends: BTreeMap<String, NaiveDate>,
    /// For a cut of some students: the lessons one of them sits in.
    their_lessons: Option<BTreeSet<String>>,
    /// The lessons of an entry about a student the cut holds: a mark on a lesson the
    /// student did not sit in is still the student's, and shown with its lesson.
    of_their_entries: BTreeSet<String>,
}

impl School {
    fn new(events: &[Event], case: &Case, cut: &Cut) -> School {
        let mut lessons = BTreeMap::new();
        let mut classes_of = BTreeMap::new();
        let mut period_ends = BTreeMap::new();
        for event in events {
            let v = value(event);
            match v["type"].as_str() {
                Some("lesson") => {
                    let id = text(&v, "id").unwrap();
                    lessons
                        .entry(id)
                        .or_insert((date(&v, "date").unwrap(), text(&v, "class").unwrap()));
                }
                Some("student") => {
                    classes_of.insert(text(&v, "id").unwrap(), text(&v, "class").unwrap());
                }
                Some("period") => {
                    period_ends.insert(text(&v, "id").unwrap(), date(&v, "end").unwrap());
                }
                _ => {}
            }
        }
        let their_lessons = match &cut.whom {
            Whom::Students(students) => {
                let mut engine = Engine::new(case.policy.clone());
                for event in events {
                    engine.insert(event.clone()).unwrap();
                }
                let mut ids = BTreeSet::new();
                for student in students {
                    for (from, to) in &cut.spans {
                        if let Some(diary) = engine.diary(student, Some(*from), Some(*to)) {
                            ids.extend(diary.lessons.into_iter().map(|l| l.lesson));
                        }
                    }
                }
                Some(ids)
            }
            _ => None,
        };
        let mut school = School {
            lessons,
            classes_of,
            period_ends,
            their_lessons,
            of_their_entries: BTreeSet::new(),
        };
        for event in events {
            let v = value(event);
            let about: Vec<&str> = match v["type"].as_str() {
                Some("attendance" | "mark") => v["student"].as_str().into_iter().collect(),
                Some("homework") => v["students"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            if about.iter().any(|s| school.holds_student(cut, s)) {
                school.of_their_entries.extend(text(&v, "lesson"));
            }
        }
        school
    }

    fn holds_day(&self, cut: &Cut, day: NaiveDate) -> bool {
        cut.spans
            .iter()
            .any(|(from, to)| *from <= day && day <= *to)
    }

    /// Whether the cut holds a class's lessons: the class is one of its classes, or the
    /// class of one of its students.
    fn holds_class(&self, cut: &Cut, class: &str) -> bool {
        match &cut.whom {
            Whom::Everyone => true,
            Whom::Classes(classes) => classes.iter().any(|c| c == class),
            Whom::Students(students) => students
                .iter()
                .any(|s| self.classes_of.get(s).is_some_and(|c| c == class)),
        }
    }

    /// Whether the cut holds a student's entries.
    fn holds_student(&self, cut: &Cut, student: &str) -> bool {
        match &cut.whom {
            Whom::Everyone => true,
            Whom::Classes(classes) => self
                .classes_of
                .get(student)
                .is_some_and(|c| classes.contains(c)),
            Whom::Students(students) => students.iter().any(|s| s == student),
        }
    }

    /// Whether the cut holds a lesson: its day, and its class (for some students, one of
    /// them sits in it), or an entry on it about a student it holds.
    fn holds_lesson(&self, cut: &Cut, lesson: &str) -> bool {
        let Some((day, class)) = self.lessons.get(lesson) else {
            return false;
        };
        let of_class = self.holds_class(cut, class)
            && self
                .their_lessons
                .as_ref()
                .is_none_or(|ids| ids.contains(lesson));
        self.holds_day(cut, *day) && (of_class || self.of_their_entries.contains(lesson))
    }

    /// Whether the cut holds an entry on a lesson about a student: about a student it
    /// holds, or, for a cut of classes, any entry on a lesson of its classes.
    fn holds_cell(&self, cut: &Cut, lesson: &str, student: Option<&str>) -> bool {
        let of_class = !matches!(cut.whom, Whom::Students(_))
            && self
                .lessons
                .get(lesson)
                .is_some_and(|(_, class)| self.holds_class(cut, class));
        self.holds_lesson(cut, lesson)
            && (of_class || student.is_none_or(|s| self.holds_student(cut, s)))
    }
}

/// The register cut into the extract: the events the part holds, the extract first, each
/// with the index of the event it comes from in the whole.
fn cut_register(events: &[Event], case: &Case, cut: &Cut) -> (Vec<Event>, Vec<Option<usize>>) {
    let school = School::new(events, case, cut);
    let mut out = cut.extracts();
    let mut from = vec![None; out.len()];
    for (i, event) in events.iter().enumerate() {
        let mut v = value(event);
        let kind = v["type"].as_str().unwrap_or_default().to_owned();
        let student = text(&v, "student");
        let on_day = |v: &Value, key: &str| date(v, key).is_some_and(|d| school.holds_day(cut, d));
        let about_student =
            |s: &Option<String>| s.as_deref().is_some_and(|s| school.holds_student(cut, s));
        let keep = match kind.as_str() {
            "period" | "class" | "student" | "home_schooling" | "sanatorium" | "student_left"
            | "group_change" => true,
            "staff" => !cut.lacks(Lack::Staff),
            "parent" | "parent_opt_out" => !cut.lacks(Lack::Parents),
            "extract" => false,
            "thematic_plan" => {
                !cut.lacks(Lack::Plans)
                    && text(&v, "class").is_some_and(|c| school.holds_class(cut, &c))
            }
            "lesson" => school.holds_lesson(cut, &text(&v, "id").unwrap()),
            "attendance" | "mark" => {
                let lack = if kind == "mark" {
                    Lack::Marks
                } else {
                    Lack::Attendance
                };
                !cut.lacks(lack)
                    && school.holds_cell(cut, &text(&v, "lesson").unwrap(), student.as_deref())
            }
            "homework" => {
                let lesson = text(&v, "lesson").unwrap();
                let students: Vec<String> = v["students"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|s| s.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                !cut.lacks(Lack::Homework)
                    && school.holds_lesson(cut, &lesson)
                    && (students.is_empty()
                        || !matches!(cut.whom, Whom::Students(_))
                        || students.iter().any(|s| school.holds_student(cut, s)))
            }
            "final_mark" => {
                let end = text(&v, "period").and_then(|p| school.period_ends.get(&p).copied());
                !cut.lacks(Lack::FinalMarks)
                    && about_student(&student)
                    && end.is_some_and(|end| school.holds_day(cut, end))
            }
            "incident" | "journal_export" => {
                let whole_class = kind == "incident" || !matches!(cut.whom, Whom::Students(_));
                whole_class
                    && on_day(&v, "date")
                    && text(&v, "class").is_some_and(|c| school.holds_class(cut, &c))
            }
            "paper_report" | "parent_notice" => on_day(&v, "date") && about_student(&student),
            // Entries dated only by when they were made; one made at no known time is the
            // part's when the part holds its student.
            "diary_view" => {
                !cut.lacks(Lack::Parents)
                    && day_made(&v).is_none_or(|d| school.holds_day(cut, d))
                    && about_student(&student)
            }
            "annual_decision" => {
                day_made(&v).is_none_or(|d| school.holds_day(cut, d)) && about_student(&student)
            }
            other => panic!("the cut does not know `{other}`"),
        };
        if !keep {
            continue;
        }
        // The kinds the part lacks, taken out of what it keeps.
        let object = v.as_object_mut().unwrap();
        if cut.lacks(Lack::At) {
            object.remove("at");
        }
        if cut.lacks(Lack::By) {
            object.remove("by");
        }
        if kind == "lesson" {
            if cut.lacks(Lack::Topic) {
                object.remove("topic");
                object.remove("briefing");
            }
            if cut.lacks(Lack::Teacher) {
                object.insert("teacher".into(), json!("не указан"));
            }
        }
        if kind == "parent_notice" && cut.lacks(Lack::Parents) {
            object.remove("parent");
        }
        out.push(Event::from_json(&v.to_string()).unwrap());
        from.push(Some(i));
    }
    (out, from)
}

/// The entry a finding points at, by its index in the whole: a version of a lesson as the
/// lesson (versions made at the same moment are ordered by their content, which a part
/// lacking topics or teachers does not have; it points at the same lesson).
fn entry_of(events: &[Event], event: Option<usize>) -> Value {
    match event.and_then(|i| events.get(i)) {
        Some(Event::Lesson(lesson)) => json!(format!("lesson {}", lesson.id)),
        _ => json!(event),
    }
}

/// What a finding points at, with its entry in the whole (see [`entry_of`]).
fn identity(f: &Finding, entry: Value) -> Value {
    json!([
        f.rule,
        entry,
        f.date.map(|d| d.to_string()),
        f.class,
        f.subject,
        f.lesson,
        f.student,
        f.period,
        f.parent,
        f.due.map(|d| d.to_string()),
    ])
}

/// A message with its numbers taken out.
fn uncounted(message: &str) -> String {
    let mut out = String::new();
    for c in message.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a finding of the part says what a finding of the whole says, but where it
/// counts: the part may count fewer absences, and list fewer students still to be marked.
fn says_the_same(part: &Finding, whole: &Finding) -> bool {
    if part.rule == "work_marks_missing" {
        let listed = |f: &Finding| f.students.clone().unwrap_or_default();
        let before = |f: &Finding| {
            f.message
                .en
                .split(" for ")
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        let (mine, all) = (listed(part), listed(whole));
        return before(part) == before(whole) && mine.iter().all(|s| all.contains(s));
    }
    part.students == whole.students && uncounted(&part.message.en) == uncounted(&whole.message.en)
}

fn report(events: &[Event], case: &Case) -> Report {
    check(events.iter().cloned(), case.as_of, &case.policy).expect("the register loads")
}

/// Fails unless every finding of the part is one of the whole's.
fn part_within_whole(
    part: &Report,
    from: &[Option<usize>],
    whole: &Report,
    events: &[Event],
    cut: &Cut,
) -> Result<(), TestCaseError> {
    let mut of_whole: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
    for f in &whole.findings {
        of_whole
            .entry(identity(f, entry_of(events, f.event)).to_string())
            .or_default()
            .push(f);
    }
    for f in &part.findings {
        let event = f.event.and_then(|i| from.get(i).copied().flatten());
        let key = identity(f, entry_of(events, event)).to_string();
        let same = of_whole
            .get(&key)
            .is_some_and(|found| found.iter().any(|w| says_the_same(f, w)));
        prop_assert!(
            same,
            "the part {cut:?} reports what the whole does not: {key}\n  {}\nthe whole's of that rule:\n{}",
            f.message.en,
            whole
                .findings
                .iter()
                .filter(|w| w.rule == f.rule)
                .map(|w| format!("  {} {}", identity(w, entry_of(events, w.event)), w.message.en))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    Ok(())
}

/// Fails if the part reports a finding of a rule that needs a kind of data it lacks.
fn nothing_from_what_it_lacks(part: &Report, cut: &Cut) -> Result<(), TestCaseError> {
    for f in &part.findings {
        let needs = ekzh::rule(f.rule).map(|r| r.needs.data).unwrap_or_default();
        let lacking: Vec<&Lack> = needs.iter().filter(|k| cut.lacks(**k)).collect();
        prop_assert!(
            lacking.is_empty(),
            "the part {cut:?} lacks {lacking:?}, which `{}` needs, and still reports {}",
            f.rule,
            f.message.en
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// A part reports only what the whole reports, and nothing that needs what it lacks;
    /// it always says what it did not judge, and the whole never does.
    #[test]
    fn a_part_never_disagrees_with_the_whole(
        case in register(),
        draw in (any::<u16>(), any::<u16>(), any::<u8>(), any::<u64>(), any::<u32>()),
    ) {
        prop_assume!(case.refused.is_empty());
        let cut = cut_for(&case, draw);
        let whole_events = as_shown(&case.events, &cut);
        let whole = report(&whole_events, &case);
        prop_assert!(whole.summary.not_judged.is_none());
        let (events, from) = cut_register(&whole_events, &case, &cut);
        let part = report(&events, &case);
        prop_assert!(part.summary.not_judged.is_some());
        part_within_whole(&part, &from, &whole, &whole_events, &cut)?;
        nothing_from_what_it_lacks(&part, &cut)?;
    }

    /// A part's report, what it could not judge included, does not depend on the order of
    /// its events; pushed in the order made, its entries are told findings its audit keeps.
    #[test]
    fn a_part_keeps_the_engine_s_promises(
        case in register(),
        draw in (any::<u16>(), any::<u16>(), any::<u8>(), any::<u64>(), any::<u32>()),
        seed in any::<u64>(),
    ) {
        prop_assume!(case.refused.is_empty());
        let cut = cut_for(&case, draw);
        let (events, _) = cut_register(&case.events, &case, &cut);
        let straight = report(&events, &case);
        let mixed = report(&shuffled(&events, seed), &case);
        prop_assert!(
            without_events(&straight) == without_events(&mixed) && straight.summary == mixed.summary,
            "the part {cut:?} reads otherwise in shuffle {seed}"
        );
        let mut engine = Engine::new(case.policy.clone());
        let mut told = Vec::new();
        let mut end = case.as_of;
        for event in made_order(&events) {
            end = made_at(&event).map_or(end, |at| end.max(at));
            told.extend(engine.push(event).expect("the event is stored"));
        }
        let gone = missing_from(&told, &engine.audit(end));
        prop_assert!(gone.is_empty(), "the part {cut:?} withdraws what it told on entry: {gone:?}");
    }

    /// An extract of every day, class and kind of data judges what the whole judges.
    #[test]
    fn an_extract_of_everything_is_the_whole(case in register()) {
        prop_assume!(case.refused.is_empty());
        let cut = Cut {
            spans: vec![(
                NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2100, 12, 31).unwrap(),
            )],
            whom: Whom::Everyone,
            lacks: Vec::new(),
        };
        let whole = report(&case.events, &case);
        let (events, from) = cut_register(&case.events, &case, &cut);
        let part = report(&events, &case);
        // Not even a part of everything judges what may lie before any day it names: a
        // reference to something undeclared (it may be outside the part), exports made
        // before any school year ended (a signed one may be older still).
        let beyond = |f: &Finding| {
            f.rule == "unknown_reference" || (f.rule == "journal_export_unsigned" && f.period.is_none())
        };
        let mapped = |r: &Report, from: Option<&[Option<usize>]>| -> Vec<String> {
            let mut out: Vec<String> = r
                .findings
                .iter()
                .filter(|f| !beyond(f))
                .map(|f| {
                    let event = match from {
                        Some(from) => f.event.and_then(|i| from.get(i).copied().flatten()),
                        None => f.event,
                    };
                    format!("{} {}", identity(f, json!(event)), f.message.en)
                })
                .collect();
            out.sort();
            out
        };
        prop_assert_eq!(mapped(&part, Some(&from)), mapped(&whole, None));
        let mut not_judged = part.summary.not_judged.clone().unwrap_or_default();
        not_judged.remove("unknown_reference");
        if let Some(reasons) = not_judged.get_mut("journal_export_unsigned") {
            reasons.remove("before_part");
            if reasons.is_empty() {
                not_judged.remove("journal_export_unsigned");
            }
        }
        prop_assert!(not_judged.is_empty(), "not judged on the whole: {not_judged:?}");
    }
}
