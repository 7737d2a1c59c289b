//! The electronic diary («Электронный дневник», 5.1): what one student, or their parent,
//! may see — and nothing of anyone else (1.10, 1.11, 2.5, 3.6).
//!
//! A student's diary holds the lessons they were in with their topics and the homework set
//! for them (for the whole class, or individually for this student), their own marks and
//! absences, and their final marks. Another student's marks, absences and individual
//! homework never enter it: every record is selected by this student's id, and the lessons
//! by this student's enrolment.

use chrono::NaiveDate;
use serde::Serialize;

use crate::event::{AttendanceCode, FinalValue, WorkKind};
use crate::register::{HomeworkRec, LessonRec, Named, Register, Sym};
use crate::time::Time;

/// One student's diary over a range of dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diary {
    pub student: String,
    pub name: Option<String>,
    pub class: String,
    pub class_name: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The lessons the student was in, by date and start.
    pub lessons: Vec<DiaryLesson>,
    /// The student's final marks, by period and subject.
    pub final_marks: Vec<DiaryFinalMark>,
}

/// A lesson as the diary shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiaryLesson {
    pub lesson: String,
    pub date: NaiveDate,
    pub start: String,
    pub end: String,
    pub subject: String,
    pub teacher: String,
    pub topic: Option<String>,
    /// Homework for the whole lesson, then homework set for this student alone.
    pub homework: Vec<String>,
    pub marks: Vec<DiaryMark>,
    /// The absence mark, when the student missed the lesson.
    pub absence: Option<AttendanceCode>,
}

/// One of the student's marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiaryMark {
    pub value: u8,
    pub work: WorkKind,
}

/// One of the student's final marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiaryFinalMark {
    pub period: String,
    pub subject: String,
    pub value: FinalValue,
}

/// The diary of `student` between `from` and `to` (inclusive), as the register stands;
/// `None` when the student is not declared.
pub(crate) fn diary(
    reg: &Register,
    student: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Option<Diary> {
    let id = reg.sym(student)?;
    let rec = reg.student(id)?;
    let in_range = |date: NaiveDate| from.is_none_or(|f| f <= date) && to.is_none_or(|t| date <= t);
    let text = |sym: Sym| reg.name(sym).to_owned();

    let mut lessons: Vec<&LessonRec> = reg
        .lessons()
        .filter(|l| l.class == rec.class && in_range(l.date) && reg.in_lesson(rec, l, None))
        .collect();
    reg.sort_lessons(&mut lessons);

    let lessons = lessons
        .into_iter()
        .filter_map(|lesson| {
            let version = reg.latest(lesson)?;
            Some(DiaryLesson {
                lesson: text(lesson.id),
                date: lesson.date,
                start: version.start.to_string(),
                end: version.end.to_string(),
                subject: text(lesson.subject),
                teacher: reg.called(Named::Staff, version.teacher).to_owned(),
                topic: version.topic.filter(|_| version.has_topic()).map(text),
                homework: homework(reg, lesson.id, id),
                marks: marks(reg, lesson, id),
                absence: reg.code(lesson, id, None).filter(|c| c.is_absence()),
            })
        })
        .collect();

    // The mark in force for each subject and period: the latest entry.
    let mut finals = reg.final_marks_in_force(id, None);
    finals.retain(|f| {
        reg.period(f.period)
            .is_some_and(|p| in_range(p.end) || in_range(p.start))
    });
    finals.sort_by(|x, y| {
        reg.names()
            .cmp(x.period, y.period)
            .then(reg.names().cmp(x.subj, y.subj))
    });
    let final_marks = finals
        .into_iter()
        .map(|f| DiaryFinalMark {
            period: text(f.period),
            subject: text(f.subject),
            value: f.value,
        })
        .collect();

    Some(Diary {
        student: student.to_owned(),
        name: rec.name.as_deref().map(str::to_owned),
        class: text(rec.class),
        class_name: reg
            .declared_name(Named::Class, rec.class)
            .map(str::to_owned),
        from,
        to,
        lessons,
        final_marks,
    })
}

/// The homework this student sees on a lesson: the latest whole-class homework, then the
/// latest individual homework set for them.
fn homework(reg: &Register, lesson: Sym, student: Sym) -> Vec<String> {
    let entries: Vec<&HomeworkRec> = reg.homework_on(lesson).collect();
    let latest = |individual: bool| {
        entries
            .iter()
            .filter(|h| {
                if individual {
                    h.students.contains(&student)
                } else {
                    h.students.is_empty()
                }
            })
            .max_by(|a, b| {
                a.stamp
                    .at
                    .cmp(&b.stamp.at)
                    .then_with(|| a.text.cmp(&b.text))
            })
            .map(|h| h.text.trim().to_owned())
    };
    [latest(false), latest(true)]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .collect()
}

/// The student's marks on a lesson, in the order they were given.
fn marks(reg: &Register, lesson: &LessonRec, student: Sym) -> Vec<DiaryMark> {
    let version = reg.latest(lesson);
    let mut marks: Vec<(Option<Time>, DiaryMark)> = reg
        .marks_on(lesson)
        .filter(|m| m.student == student)
        .map(|m| {
            (
                m.stamp.at,
                DiaryMark {
                    value: m.value,
                    work: reg.work_of(m, version),
                },
            )
        })
        .collect();
    marks.sort_by(|(a, x), (b, y)| {
        a.cmp(b)
            .then(x.value.cmp(&y.value))
            .then(x.work.cmp(&y.work))
    });
    marks.into_iter().map(|(_, m)| m).collect()
}
