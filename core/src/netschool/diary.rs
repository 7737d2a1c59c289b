//! A student's diary (`webapi/student/diary`), one week or many, into events (SPEC §7).
//!
//! The diary shows one student's lessons with their assignments, and that student's marks
//! on them: no topics, teachers, absences or entry times. Every lesson becomes a `lesson` of
//! the class (by `classmeetingId`), every «Домашнее задание» a `homework`, every mark of 1–5
//! a `mark`; extracurricular lessons are not the class register's and are left out.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::json::Obj;
use super::types::{add_work, current_mark, AssignmentKind, AssignmentTypes};
use super::{class, ImportSummary, NetschoolError, Options, NOT_GIVEN};
use crate::event::{Class, Event, Extract, Homework, Lack, Lesson, Made, Mark, Student};
use crate::report::Message;

/// The extract's `source`.
pub(super) const SOURCE: &str = "netschool-diary";

/// What a diary does not carry (SPEC §7).
const LACKS: [Lack; 9] = [
    Lack::Topic,
    Lack::Attendance,
    Lack::FinalMarks,
    Lack::At,
    Lack::By,
    Lack::Teacher,
    Lack::Staff,
    Lack::Parents,
    Lack::Plans,
];

/// A lesson and the entries made on it.
struct Entry {
    lesson: Lesson,
    homework: Vec<Homework>,
    marks: Vec<Mark>,
}

/// Imports the weeks of one student's diary.
pub(super) fn import(
    weeks: &[Obj<'_>],
    types: &AssignmentTypes,
    options: &Options,
    summary: &mut ImportSummary,
) -> Result<Vec<Event>, NetschoolError> {
    summary.source = SOURCE;
    let (class_name, spans) = class_and_weeks(weeks)?;
    let class = class(&class_name, options.grade, |message| match weeks.first() {
        Some(week) => week.error("className", message),
        None => super::options_error("grade", message),
    })?;
    let student = student(weeks)?;

    let mut entries: Vec<Entry> = Vec::new();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    let mut extracurricular: BTreeSet<String> = BTreeSet::new();
    let mut seen = Assignments::default();
    for week in weeks {
        summary.read("weeks", 1);
        let overdue = week.list("laAssigns")?.len();
        summary.read("overdue_assignments", overdue);
        summary.left_out("overdue_assignments", overdue);
        for day in week.objects("weekDays")? {
            summary.read("days", 1);
            let date = day.day("date")?;
            for raw in day.objects("lessons")? {
                let assignments = raw.objects("assignments")?;
                summary.read("lessons", 1);
                summary.read("assignments", assignments.len());
                summary.read(
                    "marks",
                    assignments.iter().filter(|a| a.has("mark")).count(),
                );
                let id = raw.required("classmeetingId", Obj::id)?;
                if by_id.contains_key(&id) || extracurricular.contains(&id) {
                    summary.left_out("duplicate_lessons", 1);
                    continue;
                }
                if raw.boolean("isEaLesson")? == Some(true) {
                    summary.left_out("extracurricular_lessons", 1);
                    extracurricular.insert(id);
                    continue;
                }
                let mut entry = Entry {
                    lesson: lesson(&raw, id, date, &class.id)?,
                    homework: Vec::new(),
                    marks: Vec::new(),
                };
                for assignment in &assignments {
                    seen.read(assignment, &mut entry, types, &student, summary)?;
                }
                by_id.insert(entry.lesson.id.clone(), entries.len());
                entries.push(entry);
            }
        }
    }
    for (issue, mut homework) in seen.issued {
        match by_id.get(&issue).and_then(|&i| entries.get_mut(i)) {
            Some(entry) => {
                homework.lesson = issue;
                entry.homework.push(homework);
            }
            None => summary.left_out("homework_issued_outside", 1),
        }
    }
    summary.noted("same_time_lessons", same_time(&entries));

    Ok(into_events(spans, class, student, entries, summary))
}

/// The assignments read so far: their ids, and homework issued on another lesson.
#[derive(Default)]
struct Assignments {
    seen: BTreeSet<String>,
    issued: Vec<(String, Homework)>,
}

impl Assignments {
    /// Reads an assignment of a lesson into its entry: homework, a work, a mark.
    fn read(
        &mut self,
        assignment: &Obj<'_>,
        entry: &mut Entry,
        types: &AssignmentTypes,
        student: &str,
        summary: &mut ImportSummary,
    ) -> Result<(), NetschoolError> {
        if let Some(id) = assignment.id("id")? {
            if !self.seen.insert(id) {
                summary.left_out("duplicate_assignments", 1);
                return Ok(());
            }
        }
        let type_id = assignment.required("typeId", Obj::integer)?;
        let kind = types.kind(type_id);
        let mark = assignment.object("mark")?;
        match kind {
            AssignmentKind::Homework => {
                let text = assignment
                    .text("assignmentName")?
                    .filter(|t| !t.trim().is_empty());
                match text {
                    None => summary.left_out("homework_without_text", 1),
                    Some(text) => {
                        let homework = Homework {
                            lesson: entry.lesson.id.clone(),
                            text: text.to_owned(),
                            students: Vec::new(),
                            made: Made::default(),
                        };
                        match assignment.id("issueClassMeetingId")? {
                            Some(issue) if issue != entry.lesson.id => {
                                self.issued.push((issue, homework));
                            }
                            _ => entry.homework.push(homework),
                        }
                    }
                }
            }
            AssignmentKind::Work(_) => add_work(&mut entry.lesson, kind),
            AssignmentKind::Unknown => {
                summary.unknown_type(type_id);
                if mark.is_none() {
                    summary.left_out("unknown_type_assignments", 1);
                }
            }
        }
        let Some(mark) = mark else {
            return Ok(());
        };
        let raw = mark.mark("mark")?;
        let duty = mark.boolean("dutyMark")?;
        let Some((value, work)) = current_mark(raw.as_ref(), duty, kind, summary) else {
            return Ok(());
        };
        entry.marks.push(Mark {
            lesson: entry.lesson.id.clone(),
            student: student.to_owned(),
            value,
            work: Some(work),
            basis: None,
            made: Made::default(),
        });
        Ok(())
    }
}

/// The events of the diary: its extracts, the class, the student, and each lesson with
/// its entries.
fn into_events(
    spans: Vec<(NaiveDate, NaiveDate)>,
    class: Class,
    student: String,
    entries: Vec<Entry>,
    summary: &mut ImportSummary,
) -> Vec<Event> {
    let mut events: Vec<Event> = merge(spans)
        .into_iter()
        .map(|(from, to)| {
            Event::Extract(Extract {
                from,
                to,
                source: Some(SOURCE.to_owned()),
                classes: vec![class.id.clone()],
                students: vec![student.clone()],
                lacks: LACKS.to_vec(),
            })
        })
        .collect();
    summary.set_span(&events);
    summary.class = class.id.clone();
    let class_id = class.id.clone();
    events.push(Event::Class(class));
    events.push(Event::Student(Student {
        id: student,
        name: None,
        class: class_id,
        since: None,
        groups: Vec::new(),
    }));
    for entry in entries {
        events.push(Event::Lesson(entry.lesson));
        events.extend(entry.homework.into_iter().map(Event::Homework));
        events.extend(entry.marks.into_iter().map(Event::Mark));
    }
    events
}

/// The class every week is of, and each week's span.
fn class_and_weeks(
    weeks: &[Obj<'_>],
) -> Result<(String, Vec<(NaiveDate, NaiveDate)>), NetschoolError> {
    let mut class: Option<&str> = None;
    let mut spans = Vec::with_capacity(weeks.len());
    for week in weeks {
        let name = week
            .text("className")?
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| week.missing("className"))?;
        match class {
            None => class = Some(name),
            Some(first) if first != name => {
                return Err(week.error(
                    "className",
                    Message::new(
                        format!(
                            "`{name}` — другой класс, чем `{first}` в первой неделе: \
                             импортируйте дневник каждого класса отдельно"
                        ),
                        format!(
                            "`{name}`, another class than `{first}` of the first week: import \
                             each class's diary on its own"
                        ),
                    ),
                ))
            }
            Some(_) => {}
        }
        let start = week.required("weekStart", Obj::day)?;
        let end = week.required("weekEnd", Obj::day)?;
        if end < start {
            return Err(week.error(
                "weekEnd",
                Message::new(
                    format!("`{end}` раньше начала недели (`weekStart`) `{start}`"),
                    format!("`{end}` is before `weekStart` `{start}`"),
                ),
            ));
        }
        spans.push((start, end));
    }
    let class = class.ok_or_else(|| {
        super::options_error(
            "class",
            Message::new("нет ни одной недели дневника", "no diary week"),
        )
    })?;
    Ok((class.to_owned(), spans))
}

/// The diary's student: the `studentId` of its marks, the same in every week; without a
/// mark, [`NOT_GIVEN`].
fn student(weeks: &[Obj<'_>]) -> Result<String, NetschoolError> {
    let mut found: Option<String> = None;
    for week in weeks {
        for day in week.objects("weekDays")? {
            for lesson in day.objects("lessons")? {
                for assignment in lesson.objects("assignments")? {
                    let Some(mark) = assignment.object("mark")? else {
                        continue;
                    };
                    let Some(id) = mark.id("studentId")? else {
                        continue;
                    };
                    match &found {
                        None => found = Some(id),
                        Some(first) if *first != id => {
                            return Err(mark.error(
                                "studentId",
                                Message::new(
                                    format!(
                                        "отметка ученика `{id}` в дневнике ученика `{first}`: \
                                         импортируйте дневник каждого ученика отдельно"
                                    ),
                                    format!(
                                        "a mark of student `{id}` in the diary of student \
                                         `{first}`: import each student's diary on its own"
                                    ),
                                ),
                            ))
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    Ok(found.unwrap_or_else(|| NOT_GIVEN.to_owned()))
}

/// A lesson of the diary, without its work (its assignments add it).
fn lesson(
    raw: &Obj<'_>,
    id: String,
    day: Option<NaiveDate>,
    class: &str,
) -> Result<Lesson, NetschoolError> {
    let subject = raw.required("subjectName", Obj::text)?;
    if subject.trim().is_empty() {
        return Err(raw.error("subjectName", Message::new("пусто", "is empty")));
    }
    let date = raw.day("day")?.or(day).ok_or_else(|| raw.missing("day"))?;
    let start = raw.required("startTime", Obj::clock)?;
    let end = raw.required("endTime", Obj::clock)?;
    if end < start {
        let (end, start) = (end.format("%H:%M"), start.format("%H:%M"));
        return Err(raw.error(
            "endTime",
            Message::new(
                format!("`{end}` раньше начала `{start}`"),
                format!("`{end}` is before the start `{start}`"),
            ),
        ));
    }
    Ok(super::lesson(id, class, None, subject, date, start, end))
}

/// Lessons that start on the same day at the same time as another lesson of the diary.
fn same_time(entries: &[Entry]) -> usize {
    let mut starts: BTreeMap<(NaiveDate, chrono::NaiveTime), usize> = BTreeMap::new();
    for entry in entries {
        *starts
            .entry((entry.lesson.date, entry.lesson.start))
            .or_default() += 1;
    }
    starts.values().filter(|&&n| n > 1).sum()
}

/// The weeks' spans, overlapping or adjacent ones joined: one extract per stretch of days
/// the diary covers without a gap.
fn merge(mut spans: Vec<(NaiveDate, NaiveDate)>) -> Vec<(NaiveDate, NaiveDate)> {
    spans.sort();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        if let Some(last) = out.last_mut() {
            if start <= last.1.succ_opt().unwrap_or(last.1) {
                last.1 = last.1.max(end);
                continue;
            }
        }
        out.push((start, end));
    }
    out
}
