//! A class's journal of one subject (`webapi/grade/journal`, as the teacher's page loads
//! it) into events (SPEC §7).
//!
//! The journal lists the students, the lessons («classMeeting») with their assignments,
//! the marks, the absences and the totals; it names neither the class, nor the subject,
//! nor the period, and carries no topics, homework texts, teachers, lesson times or entry
//! times. The class and the subject come from [`Options`]; the totals become final marks
//! only of a period given there.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveTime;

use super::json::Obj;
use super::types::{add_work, current_mark, AssignmentKind, AssignmentTypes, MarkReading};
use super::{class, options_error, period, ImportSummary, NetschoolError, Options};
use crate::event::{
    Attendance, AttendanceCode, Event, Extract, FinalMark, FinalValue, Lack, Lesson, Made, Mark,
    MarkValue, Student,
};
use crate::report::Message;

/// The extract's `source`.
pub(super) const SOURCE: &str = "netschool-journal";

/// What a class journal does not carry; `final_marks` too when its totals are not imported.
const LACKS: [Lack; 8] = [
    Lack::Topic,
    Lack::Homework,
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
    entries: Vec<Event>,
}

/// Imports one class journal.
pub(super) fn import(
    response: &Obj<'_>,
    types: &AssignmentTypes,
    options: &Options,
    summary: &mut ImportSummary,
) -> Result<Vec<Event>, NetschoolError> {
    summary.source = SOURCE;
    let (class_name, subject) = class_and_subject(options)?;
    let class = class(&class_name, options.grade, |m| options_error("class", m))?;
    let period = options.period.as_deref().map(period).transpose()?;
    let journals = response.objects("journals")?;
    summary.read("journals", journals.len());
    summary.class = class.id.clone();
    summary.subject = Some(subject.clone());

    let roll = Roll::read(&journals, summary)?;
    let mut lessons: Vec<Entry> = Vec::new();
    let mut lesson_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut assignments: BTreeMap<String, (usize, AssignmentKind)> = BTreeMap::new();
    for (j, journal) in journals.iter().enumerate() {
        for meeting in journal.objects("classMeeting")? {
            summary.read("lessons", 1);
            let id = meeting.required("id", Obj::id)?;
            let date = meeting.required("date", Obj::day)?;
            if lesson_index.contains_key(&id) {
                summary.left_out("duplicate_lessons", 1);
                continue;
            }
            let mut lesson = super::lesson(
                id.clone(),
                &class.id,
                roll.group(j),
                &subject,
                date,
                NaiveTime::MIN,
                NaiveTime::MIN,
            );
            let index = lessons.len();
            for assignment in meeting.objects("assignments")? {
                let kind = assignment_kind(&assignment, types, &mut lesson, summary)?;
                if let Some(assignment_id) = assignment.id("id")? {
                    if assignments.insert(assignment_id, (index, kind)).is_some() {
                        summary.left_out("duplicate_assignments", 1);
                    }
                }
            }
            lesson_index.insert(id, index);
            lessons.push(Entry {
                lesson,
                entries: Vec::new(),
            });
        }
    }

    for journal in &journals {
        marks(journal, &roll, &assignments, &mut lessons, summary)?;
        attendance(journal, &roll, &lesson_index, &mut lessons, summary)?;
    }
    let final_marks = match &period {
        Some(period) => final_marks(&journals, &roll, &subject, &period.id, summary)?,
        None => {
            let mut given = 0;
            for journal in &journals {
                given += totals_given(journal)?.1;
            }
            summary.read("final_marks", given);
            summary.left_out("final_marks_without_period", given);
            Vec::new()
        }
    };

    let dates = lessons.iter().map(|e| e.lesson.date);
    let (mut from, mut to) = match (dates.clone().min(), dates.max()) {
        (Some(first), Some(last)) => (first, last),
        _ => match &period {
            Some(period) => (period.start, period.end),
            None => {
                return Err(response.error(
                    "journals",
                    Message::new(
                        "в журнале класса нет ни одного урока",
                        "the class journal holds no lessons",
                    ),
                ))
            }
        },
    };
    if let Some(period) = &period {
        from = from.min(period.start);
        to = to.max(period.end);
    }
    let mut lacks = LACKS.to_vec();
    if final_marks.is_empty() {
        lacks.insert(2, Lack::FinalMarks);
    }
    let mut events = vec![Event::Extract(Extract {
        from,
        to,
        source: Some(SOURCE.to_owned()),
        classes: vec![class.id.clone()],
        students: roll.students.iter().map(|(id, _)| id.clone()).collect(),
        lacks,
    })];
    summary.set_span(&events);
    let class_id = class.id.clone();
    events.push(Event::Class(class));
    events.extend(period.map(Event::Period));
    events.extend(roll.students.iter().map(|(id, group)| {
        Event::Student(Student {
            id: id.clone(),
            name: None,
            class: class_id.clone(),
            since: None,
            groups: group
                .map(|g| vec![(subject.clone(), (g + 1).to_string())])
                .unwrap_or_default(),
        })
    }));
    for entry in lessons {
        events.push(Event::Lesson(entry.lesson));
        events.extend(entry.entries);
    }
    events.extend(final_marks);
    Ok(events)
}

/// The class and the subject the options name: a class journal says neither.
fn class_and_subject(options: &Options) -> Result<(String, String), NetschoolError> {
    let given = |option: &Option<String>| {
        option
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let class_name = given(&options.class).ok_or_else(|| {
        options_error(
            "class",
            Message::new(
                "журнал класса не называет свой класс: укажите название класса, например `7А`",
                "a class journal does not name its class: give the class's name, such as `7А`",
            ),
        )
    })?;
    let subject = given(&options.subject).ok_or_else(|| {
        options_error(
            "subject",
            Message::new(
                "журнал класса не называет свой предмет: укажите его так, как его называет \
                 школа, например `Алгебра`",
                "a class journal does not name its subject: give it as the school names it, \
                 such as `Алгебра`",
            ),
        )
    })?;
    Ok((class_name, subject))
}

/// What kind an assignment of a lesson is; a work is added to the lesson.
fn assignment_kind(
    assignment: &Obj<'_>,
    types: &AssignmentTypes,
    lesson: &mut Lesson,
    summary: &mut ImportSummary,
) -> Result<AssignmentKind, NetschoolError> {
    summary.read("assignments", 1);
    let type_id = assignment.required("typeId", Obj::integer)?;
    let kind = types.kind(type_id);
    match kind {
        AssignmentKind::Homework => summary.left_out("homework_without_text", 1),
        AssignmentKind::Work(_) => add_work(lesson, kind),
        AssignmentKind::Unknown => summary.unknown_type(type_id),
    }
    Ok(kind)
}

/// The journal's students: who is imported, with the group of the journal they are in,
/// and who is left out.
struct Roll {
    /// In the order of the journals; the group when the journals are the subject's groups.
    students: Vec<(String, Option<usize>)>,
    left_out: BTreeSet<String>,
    grouped: bool,
}

impl Roll {
    fn read(journals: &[Obj<'_>], summary: &mut ImportSummary) -> Result<Roll, NetschoolError> {
        let mut left_out = BTreeSet::new();
        let mut of_journal: Vec<Vec<String>> = Vec::with_capacity(journals.len());
        for journal in journals {
            let mut ids = Vec::new();
            for student in journal.objects("students")? {
                let id = student.required("id", Obj::id)?;
                summary.read("students", 1);
                if student.boolean("free")? == Some(true) {
                    summary.left_out("students_free", 1);
                    left_out.insert(id);
                } else if student.boolean("individualEduc")? == Some(true) {
                    summary.left_out("students_individual_education", 1);
                    left_out.insert(id);
                } else {
                    ids.push(id);
                }
            }
            of_journal.push(ids);
        }
        // Several journals whose students differ are the subject's groups (subgroups).
        let all: BTreeSet<&String> = of_journal.iter().flatten().collect();
        let grouped =
            of_journal.len() > 1 && all.len() == of_journal.iter().map(Vec::len).sum::<usize>();
        let mut seen = BTreeSet::new();
        let mut students = Vec::new();
        for (j, ids) in of_journal.into_iter().enumerate() {
            for id in ids {
                if !left_out.contains(&id) && seen.insert(id.clone()) {
                    students.push((id, grouped.then_some(j)));
                }
            }
        }
        Ok(Roll {
            students,
            left_out,
            grouped,
        })
    }

    /// The group of the lessons of journal `j`.
    fn group(&self, j: usize) -> Option<String> {
        self.grouped.then(|| (j + 1).to_string())
    }

    /// Whether an entry about `student` is imported; counts it as left out if not.
    fn admits(&self, student: &str, summary: &mut ImportSummary) -> bool {
        if self.left_out.contains(student) {
            summary.left_out("entries_of_students_left_out", 1);
            false
        } else if !self.students.iter().any(|(id, _)| id == student) {
            summary.left_out("entries_of_unknown_students", 1);
            false
        } else {
            true
        }
    }
}

fn marks(
    journal: &Obj<'_>,
    roll: &Roll,
    assignments: &BTreeMap<String, (usize, AssignmentKind)>,
    lessons: &mut [Entry],
    summary: &mut ImportSummary,
) -> Result<(), NetschoolError> {
    for mark in journal.objects("marks")? {
        summary.read("marks", 1);
        let student = mark.required("studentId", Obj::id)?;
        let assignment = mark.required("assignmentId", Obj::id)?;
        let value = mark.mark("mark")?;
        let duty = mark.boolean("dutyMark")?;
        if !roll.admits(&student, summary) {
            continue;
        }
        let Some(&(index, kind)) = assignments.get(&assignment) else {
            summary.left_out("marks_of_unknown_assignments", 1);
            continue;
        };
        let Some((value, work)) = current_mark(value.as_ref(), duty, kind, summary) else {
            continue;
        };
        let Some(entry) = lessons.get_mut(index) else {
            continue;
        };
        entry.entries.push(Event::Mark(Mark {
            lesson: entry.lesson.id.clone(),
            student,
            value,
            work: Some(work),
            basis: None,
            made: Made::default(),
        }));
    }
    Ok(())
}

fn attendance(
    journal: &Obj<'_>,
    roll: &Roll,
    lesson_index: &BTreeMap<String, usize>,
    lessons: &mut [Entry],
    summary: &mut ImportSummary,
) -> Result<(), NetschoolError> {
    for record in journal.objects("attendance")? {
        summary.read("attendance", 1);
        let lesson = record.required("classmeetingId", Obj::id)?;
        let student = record.required("studentId", Obj::id)?;
        let reason = record.required("reason", Obj::text)?;
        if !roll.admits(&student, summary) {
            continue;
        }
        let Some(code) = AttendanceCode::parse(reason).filter(|c| *c != AttendanceCode::Present)
        else {
            summary.left_out("attendance_of_unknown_codes", 1);
            continue;
        };
        let Some(entry) = lesson_index.get(&lesson).and_then(|&i| lessons.get_mut(i)) else {
            summary.left_out("attendance_of_unknown_lessons", 1);
            continue;
        };
        entry.entries.push(Event::Attendance(Attendance {
            lesson,
            student,
            code,
            made: Made::default(),
        }));
    }
    Ok(())
}

/// A journal's columns of totals, and how many marks they hold.
fn totals_given(journal: &Obj<'_>) -> Result<(usize, usize), NetschoolError> {
    let columns = journal.objects("totals")?;
    let mut marks = 0;
    for column in &columns {
        for mark in column.objects("marks")? {
            if mark.has("mark") {
                marks += 1;
            }
        }
    }
    Ok((columns.len(), marks))
}

/// The totals as final marks of `period`: only a journal's one column of totals (with
/// more, which column is the period's is not said, and none is imported).
fn final_marks(
    journals: &[Obj<'_>],
    roll: &Roll,
    subject: &str,
    period: &str,
    summary: &mut ImportSummary,
) -> Result<Vec<Event>, NetschoolError> {
    let mut out = Vec::new();
    for journal in journals {
        let (columns, given) = totals_given(journal)?;
        summary.read("final_marks", given);
        if columns > 1 {
            summary.left_out("final_marks_of_several_columns", given);
            continue;
        }
        for column in journal.objects("totals")? {
            for mark in column.objects("marks")? {
                let Some(raw) = mark.mark("mark")? else {
                    continue;
                };
                let student = mark.required("studentId", Obj::id)?;
                if !roll.admits(&student, summary) {
                    continue;
                }
                let value = match raw.reading() {
                    MarkReading::Mark(value) => MarkValue::new(value).map(FinalValue::Mark),
                    MarkReading::NotAttested => Some(FinalValue::NotAttested),
                    MarkReading::Other => None,
                };
                let Some(value) = value else {
                    summary.left_out("final_marks_not_1_5", 1);
                    continue;
                };
                out.push(Event::FinalMark(FinalMark {
                    student,
                    subject: subject.to_owned(),
                    period: period.to_owned(),
                    value,
                    made: Made::default(),
                }));
            }
        }
    }
    Ok(out)
}
