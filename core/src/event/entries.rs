//! The register's entries (SPEC §1.2): what a person enters, with `at` and `by`. Each kind
//! of event, with the checks of its fields when it is read ([`FromFields`]).

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};
use serde::{Serialize, Serializer};

use super::raw::*;
use super::*;
use crate::time::Clock;

/// A lesson held and what was studied («Что пройдено на уроке»). A later lesson with the
/// same id updates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lesson<S = String> {
    pub id: S,
    pub class: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<S>,
    pub subject: S,
    pub teacher: S,
    pub date: NaiveDate,
    #[serde(serialize_with = "serialize_time")]
    pub start: NaiveTime,
    #[serde(serialize_with = "serialize_time")]
    pub end: NaiveTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<S>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<WorkKind>,
    /// Briefings from the `briefing` field and from the topic text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub briefing: Vec<BriefingKind>,
    /// The PE section (раздел) the lesson belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<S>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub substitute: bool,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Lesson<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let mut briefing = vocab_list(
            r.briefing.take(),
            "briefing",
            BriefingKind::parse,
            BriefingKind::EXPECTED,
        )?;
        briefings_in_topic(r.topic.as_ref().map(|t| &*t.0), &mut briefing);
        let topic = opt_text(r.topic.take());
        let lesson = Lesson {
            id: id(r.id.take(), "id")?,
            class: id(r.class.take(), "class")?,
            group: opt_id(r.group.take(), "group")?,
            subject: text(r.subject.take(), "subject")?,
            teacher: id(r.teacher.take(), "teacher")?,
            date: date(r.date.take(), "date")?,
            start: time(r.start.take(), "start")?,
            end: time(r.end.take(), "end")?,
            topic,
            work: vocab_list(r.work.take(), "work", WorkKind::parse, WorkKind::EXPECTED)?,
            briefing,
            section: opt_text(r.section.take().filter(|s| !s.0.trim().is_empty())),
            substitute: r.substitute.take().unwrap_or(false),
            made: made(r.at.take(), r.by.take())?,
        };
        if lesson.end < lesson.start {
            return Err(EventError::new(
                "end",
                format!(
                    "`{}` is before the start `{}`",
                    Clock::of(lesson.end),
                    Clock::of(lesson.start)
                ),
            ));
        }
        Ok(lesson)
    }
}

/// Adds the briefings named in the topic text («Вводный инструктаж по ТБ …»).
fn briefings_in_topic(topic: Option<&str>, briefings: &mut Vec<BriefingKind>) {
    let Some(topic) = topic else { return };
    // Every phrase has «ж» («инструктаж»): a topic without one, in either case, names none.
    if !topic.contains('ж') && !topic.contains('Ж') {
        return;
    }
    let folded = crate::vocab::fold(topic);
    for kind in BriefingKind::ALL {
        if folded.contains(kind.topic_phrase()) && !briefings.contains(kind) {
            briefings.push(*kind);
        }
    }
}

/// Writes a time of day as `HH:MM`.
fn serialize_time<S: Serializer>(time: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&Clock::of(*time))
}

/// An absence mark, or its withdrawal (`present`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendance<S = String> {
    pub lesson: S,
    pub student: S,
    pub code: AttendanceCode,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Attendance<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        Ok(Attendance {
            lesson: id(r.lesson.take(), "lesson")?,
            student: id(r.student.take(), "student")?,
            code: vocab(
                r.code.take(),
                "code",
                AttendanceCode::parse,
                AttendanceCode::EXPECTED,
            )?,
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

/// A current mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark<S = String> {
    pub lesson: S,
    pub student: S,
    pub value: MarkValue,
    /// The kind of work; `None` when not given (then the lesson's one work, else oral).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work: Option<WorkKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Mark<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let FinalValue::Mark(value) = mark(r.value.take(), false)? else {
            return Err(EventError::new(
                "value",
                "a current mark must be from 1 to 5",
            ));
        };
        let work = r.work.take().map(|w| w.0).unwrap_or_default();
        if work.len() > 1 {
            return Err(EventError::new("work", "a mark is for one kind of work"));
        }
        Ok(Mark {
            lesson: id(r.lesson.take(), "lesson")?,
            student: id(r.student.take(), "student")?,
            value,
            work: opt_vocab(
                work.into_iter().next(),
                "work",
                WorkKind::parse,
                WorkKind::EXPECTED,
            )?,
            basis: opt_vocab(r.basis.take(), "basis", Basis::parse, Basis::EXPECTED)?,
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

/// Homework (2.8), for the whole lesson or for some students.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Homework<S = String> {
    pub lesson: S,
    pub text: S,
    /// Individual homework: only these students; empty for the whole lesson.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub students: Vec<S>,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Homework<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        Ok(Homework {
            lesson: id(r.lesson.take(), "lesson")?,
            text: S::from(need(r.text.take(), "text")?.0),
            students: ids(r.students.take(), "students")?,
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

/// A period or year mark (2.10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FinalMark<S = String> {
    pub student: S,
    pub subject: S,
    pub period: S,
    pub value: FinalValue,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for FinalMark<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        Ok(FinalMark {
            student: id(r.student.take(), "student")?,
            subject: text(r.subject.take(), "subject")?,
            period: id(r.period.take(), "period")?,
            value: mark(r.value.take(), true)?,
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

/// A breach of safety rules or an accident: an unscheduled briefing is owed (2.14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incident<S = String> {
    pub class: S,
    pub subject: S,
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<S>,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Incident<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        Ok(Incident {
            class: id(r.class.take(), "class")?,
            subject: text(r.subject.take(), "subject")?,
            date: date(r.date.take(), "date")?,
            note: opt_text(r.note.take()),
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

/// A parent looked at the electronic diary (5.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiaryView<S = String> {
    pub parent: S,
    pub student: S,
    pub section: DiarySection,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for DiaryView<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        Ok(DiaryView {
            parent: id(r.parent.take(), "parent")?,
            student: id(r.student.take(), "student")?,
            section: vocab(
                r.section.take(),
                "section",
                DiarySection::parse,
                DiarySection::EXPECTED,
            )?,
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

/// A printed progress report handed over (3.2, 5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaperReport<S = String> {
    pub student: S,
    pub date: NaiveDate,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for PaperReport<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        Ok(PaperReport {
            student: id(r.student.take(), "student")?,
            date: date(r.date.take(), "date")?,
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

/// The end-of-year export of a class's register (4.4, 4.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JournalExport<S = String> {
    pub class: S,
    pub date: NaiveDate,
    pub format: S,
    /// Signed with an electronic signature.
    pub signed: bool,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for JournalExport<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        Ok(JournalExport {
            class: id(r.class.take(), "class")?,
            date: date(r.date.take(), "date")?,
            format: S::from(r.format.take().map_or(Cow::Borrowed("pdf"), |f| f.0)),
            signed: r.signed.take().unwrap_or(false),
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

/// The class teacher told a student's parents that the student is failing or misses
/// lessons without a good reason (3.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParentNotice<S = String> {
    pub student: S,
    pub reason: NoticeReason,
    /// The day the parents were told.
    pub date: NaiveDate,
    /// The parent told, when the register names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<S>,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for ParentNotice<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        Ok(ParentNotice {
            student: id(r.student.take(), "student")?,
            reason: vocab(
                r.reason.take(),
                "reason",
                NoticeReason::parse,
                NoticeReason::EXPECTED,
            )?,
            date: date(r.date.take(), "date")?,
            parent: opt_id(r.parent.take(), "parent")?,
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

/// A record of the summary sheet (4.8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnualDecision<S = String> {
    pub student: S,
    pub decision: Decision,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for AnnualDecision<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        Ok(AnnualDecision {
            student: id(r.student.take(), "student")?,
            decision: vocab(
                r.decision.take(),
                "decision",
                Decision::parse,
                Decision::EXPECTED,
            )?,
            made: made(r.at.take(), r.by.take())?,
        })
    }
}
