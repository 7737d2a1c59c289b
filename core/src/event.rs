//! The register as typed events (SPEC §1).
//!
//! An event is either context — who and when: periods, classes, staff, students, parents,
//! and the facts about them — or an entry a person made in the register: a lesson, an
//! absence, a mark, homework, a final mark … Entries carry `at` (when the entry was made)
//! and `by` (who made it); both may be missing in some portals' exports.
//!
//! Events are read from JSON by [`Event::from_json`], or from any serde deserializer by
//! [`Event::deserialize_from`], with errors that name the field.
//!
//! Every event type is generic over its text `S` (ids, names, subjects, topics): `String`
//! by default, the events a Rust program or a binding builds and keeps. A reader that only
//! stores events takes them as `Event<Cow<'a, str>>` from
//! [`Event::from_json_borrowed`], their text borrowed from the input (copied only where the
//! JSON escapes it): the same fields, read by the same code, without an allocation per id.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::Serialize;

pub use crate::vocab::{
    AttendanceCode, Basis, BriefingKind, Decision, DiarySection, Lack, NoticeReason, PeriodKind,
    Role, WorkKind,
};

pub(crate) mod raw;
pub use raw::EventError;

/// An id as the register writes it (the text of an owned event). Numbers are read as their
/// decimal text.
pub type Id = String;

/// When and by whom an entry was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Made<S = String> {
    /// When the entry was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<FixedOffset>>,
    /// Who made it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<S>,
}

/// A current mark from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct MarkValue(u8);

impl MarkValue {
    /// A mark, if `value` is from 1 to 5.
    pub const fn new(value: u8) -> Option<Self> {
        if value >= 1 && value <= 5 {
            Some(MarkValue(value))
        } else {
            None
        }
    }
    /// The mark as a number.
    pub const fn get(self) -> u8 {
        self.0
    }
}

/// A final mark: a number, or «н/а» (not attested).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FinalValue {
    /// A mark from 1 to 5.
    Mark(MarkValue),
    /// «н/а»: not attested.
    NotAttested,
}

impl Serialize for FinalValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FinalValue::Mark(mark) => mark.serialize(s),
            FinalValue::NotAttested => s.serialize_str("na"),
        }
    }
}

/// One event of the register.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event<S = String> {
    Period(Period<S>),
    Class(Class<S>),
    Staff(Staff<S>),
    Student(Student<S>),
    Parent(Parent<S>),
    StudentLeft(StudentLeft<S>),
    GroupChange(GroupChange<S>),
    HomeSchooling(HomeSchooling<S>),
    Sanatorium(Sanatorium<S>),
    ParentOptOut(ParentOptOut<S>),
    ThematicPlan(ThematicPlan<S>),
    Extract(Extract<S>),
    Lesson(Lesson<S>),
    Attendance(Attendance<S>),
    Mark(Mark<S>),
    Homework(Homework<S>),
    FinalMark(FinalMark<S>),
    Incident(Incident<S>),
    DiaryView(DiaryView<S>),
    PaperReport(PaperReport<S>),
    JournalExport(JournalExport<S>),
    ParentNotice(ParentNotice<S>),
    AnnualDecision(AnnualDecision<S>),
}

impl<S> Event<S> {
    /// The event's `type`, as written in the input.
    pub fn type_name(&self) -> &'static str {
        match self {
            Event::Period(_) => "period",
            Event::Class(_) => "class",
            Event::Staff(_) => "staff",
            Event::Student(_) => "student",
            Event::Parent(_) => "parent",
            Event::StudentLeft(_) => "student_left",
            Event::GroupChange(_) => "group_change",
            Event::HomeSchooling(_) => "home_schooling",
            Event::Sanatorium(_) => "sanatorium",
            Event::ParentOptOut(_) => "parent_opt_out",
            Event::ThematicPlan(_) => "thematic_plan",
            Event::Extract(_) => "extract",
            Event::Lesson(_) => "lesson",
            Event::Attendance(_) => "attendance",
            Event::Mark(_) => "mark",
            Event::Homework(_) => "homework",
            Event::FinalMark(_) => "final_mark",
            Event::Incident(_) => "incident",
            Event::DiaryView(_) => "diary_view",
            Event::PaperReport(_) => "paper_report",
            Event::JournalExport(_) => "journal_export",
            Event::ParentNotice(_) => "parent_notice",
            Event::AnnualDecision(_) => "annual_decision",
        }
    }

    /// When and by whom the entry was made; `None` for context that is not an entry.
    pub fn made(&self) -> Option<&Made<S>> {
        match self {
            Event::StudentLeft(e) => Some(&e.made),
            Event::GroupChange(e) => Some(&e.made),
            Event::ThematicPlan(e) => Some(&e.made),
            Event::Lesson(e) => Some(&e.made),
            Event::Attendance(e) => Some(&e.made),
            Event::Mark(e) => Some(&e.made),
            Event::Homework(e) => Some(&e.made),
            Event::FinalMark(e) => Some(&e.made),
            Event::Incident(e) => Some(&e.made),
            Event::DiaryView(e) => Some(&e.made),
            Event::PaperReport(e) => Some(&e.made),
            Event::JournalExport(e) => Some(&e.made),
            Event::ParentNotice(e) => Some(&e.made),
            Event::AnnualDecision(e) => Some(&e.made),
            Event::Period(_)
            | Event::Class(_)
            | Event::Staff(_)
            | Event::Student(_)
            | Event::Parent(_)
            | Event::HomeSchooling(_)
            | Event::Sanatorium(_)
            | Event::ParentOptOut(_)
            | Event::Extract(_) => None,
        }
    }
}

/// A study period («учебный период»); the `year` period is the school year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period<S = String> {
    pub id: S,
    pub kind: PeriodKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The grades the period applies to; `None` for all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grades: Option<Vec<u8>>,
}

/// A class (5А …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Class<S = String> {
    pub id: S,
    /// From 1 to 11.
    pub grade: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<S>,
}

/// A member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff<S = String> {
    pub id: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<S>,
    pub roles: Vec<Role>,
    /// The classes of which this person is the class teacher («классный руководитель»).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<S>,
}

/// A student of a class, and of a subgroup per subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Student<S = String> {
    pub id: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<S>,
    pub class: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// Subject → subgroup, in the order given.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "raw::serialize_groups"
    )]
    pub groups: Vec<(S, S)>,
}

/// A parent or legal representative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parent<S = String> {
    pub id: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<S>,
    pub children: Vec<S>,
}

/// A student left the school («выбыл»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StudentLeft<S = String> {
    pub student: S,
    pub date: NaiveDate,
    #[serde(flatten)]
    pub made: Made<S>,
}

/// A student moved to another subgroup (3.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupChange<S = String> {
    pub student: S,
    pub subject: S,
    pub group: S,
    pub date: NaiveDate,
    #[serde(flatten)]
    pub made: Made<S>,
}

/// Home schooling («обучение на дому», 2.13) with its individual plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HomeSchooling<S = String> {
    pub student: S,
    pub from: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// The subjects of the individual plan.
    pub subjects: Vec<S>,
}

/// A stay in a sanatorium (2.12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sanatorium<S = String> {
    pub student: S,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A parent's application (Appendix 1) for paper reports instead of the electronic diary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParentOptOut<S = String> {
    pub parent: S,
    pub date: NaiveDate,
}

/// The planned lessons of a subject («календарно-тематическое планирование», 3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThematicPlan<S = String> {
    pub class: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<S>,
    pub subject: S,
    /// The number of lessons planned for the year (from `lessons`, or the count of `topics`).
    pub lessons: u32,
    #[serde(flatten)]
    pub made: Made<S>,
}

/// What part of the school's register this register is (SPEC §1.3): what happened from
/// `from` to `to`, for these classes or students, without the kinds of data in `lacks`.
/// Without one, a register is the whole school's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extract<S = String> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Where the part comes from, such as `netschool-diary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<S>,
    /// The classes it holds; empty for every class.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<S>,
    /// The students it holds; empty for every student (of its classes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub students: Vec<S>,
    /// The kinds of data its source does not carry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lacks: Vec<Lack>,
}

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
    #[serde(serialize_with = "raw::serialize_time")]
    pub start: NaiveTime,
    #[serde(serialize_with = "raw::serialize_time")]
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

/// An absence mark, or its withdrawal (`present`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendance<S = String> {
    pub lesson: S,
    pub student: S,
    pub code: AttendanceCode,
    #[serde(flatten)]
    pub made: Made<S>,
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

/// A parent looked at the electronic diary (5.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiaryView<S = String> {
    pub parent: S,
    pub student: S,
    pub section: DiarySection,
    #[serde(flatten)]
    pub made: Made<S>,
}

/// A printed progress report handed over (3.2, 5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaperReport<S = String> {
    pub student: S,
    pub date: NaiveDate,
    #[serde(flatten)]
    pub made: Made<S>,
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

/// A record of the summary sheet (4.8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnualDecision<S = String> {
    pub student: S,
    pub decision: Decision,
    #[serde(flatten)]
    pub made: Made<S>,
}
