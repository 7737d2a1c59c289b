//! The register as typed events (SPEC §1).
//!
//! An event is either context — who and when: periods, classes, staff, students, parents,
//! and the facts about them — or an entry a person made in the register: a lesson, an
//! absence, a mark, homework, a final mark … Entries carry `at` (when the entry was made)
//! and `by` (who made it); both may be missing in some portals' exports.
//!
//! Events are read from JSON by [`Event::from_json`], or from any serde deserializer by
//! [`Event::deserialize_from`], with errors that name the field.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::Serialize;

pub use crate::vocab::{
    AttendanceCode, Basis, BriefingKind, Decision, DiarySection, PeriodKind, Role, WorkKind,
};

pub(crate) mod raw;
pub use raw::EventError;

/// An id as the register writes it. Numbers are read as their decimal text.
pub type Id = String;

/// When and by whom an entry was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Made {
    /// When the entry was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<FixedOffset>>,
    /// Who made it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
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
pub enum Event {
    Period(Period),
    Class(Class),
    Staff(Staff),
    Student(Student),
    Parent(Parent),
    StudentLeft(StudentLeft),
    GroupChange(GroupChange),
    HomeSchooling(HomeSchooling),
    Sanatorium(Sanatorium),
    ParentOptOut(ParentOptOut),
    ThematicPlan(ThematicPlan),
    Lesson(Lesson),
    Attendance(Attendance),
    Mark(Mark),
    Homework(Homework),
    FinalMark(FinalMark),
    Incident(Incident),
    DiaryView(DiaryView),
    PaperReport(PaperReport),
    JournalExport(JournalExport),
    AnnualDecision(AnnualDecision),
}

impl Event {
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
            Event::Lesson(_) => "lesson",
            Event::Attendance(_) => "attendance",
            Event::Mark(_) => "mark",
            Event::Homework(_) => "homework",
            Event::FinalMark(_) => "final_mark",
            Event::Incident(_) => "incident",
            Event::DiaryView(_) => "diary_view",
            Event::PaperReport(_) => "paper_report",
            Event::JournalExport(_) => "journal_export",
            Event::AnnualDecision(_) => "annual_decision",
        }
    }

    /// When and by whom the entry was made; `None` for context that is not an entry.
    pub fn made(&self) -> Option<&Made> {
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
            Event::AnnualDecision(e) => Some(&e.made),
            Event::Period(_)
            | Event::Class(_)
            | Event::Staff(_)
            | Event::Student(_)
            | Event::Parent(_)
            | Event::HomeSchooling(_)
            | Event::Sanatorium(_)
            | Event::ParentOptOut(_) => None,
        }
    }
}

/// A study period («учебный период»); the `year` period is the school year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub id: Id,
    pub kind: PeriodKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The grades the period applies to; `None` for all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grades: Option<Vec<u8>>,
}

/// A class (5А …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Class {
    pub id: Id,
    /// From 1 to 11.
    pub grade: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff {
    pub id: Id,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub roles: Vec<Role>,
    /// The classes of which this person is the class teacher («классный руководитель»).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<Id>,
}

/// A student of a class, and of a subgroup per subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Student {
    pub id: Id,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub class: Id,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// Subject → subgroup, in the order given.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "raw::serialize_groups"
    )]
    pub groups: Vec<(String, Id)>,
}

/// A parent or legal representative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parent {
    pub id: Id,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub children: Vec<Id>,
}

/// A student left the school («выбыл»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StudentLeft {
    pub student: Id,
    pub date: NaiveDate,
    #[serde(flatten)]
    pub made: Made,
}

/// A student moved to another subgroup (3.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupChange {
    pub student: Id,
    pub subject: String,
    pub group: Id,
    pub date: NaiveDate,
    #[serde(flatten)]
    pub made: Made,
}

/// Home schooling («обучение на дому», 2.13) with its individual plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HomeSchooling {
    pub student: Id,
    pub from: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// The subjects of the individual plan.
    pub subjects: Vec<String>,
}

/// A stay in a sanatorium (2.12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sanatorium {
    pub student: Id,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A parent's application (Appendix 1) for paper reports instead of the electronic diary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParentOptOut {
    pub parent: Id,
    pub date: NaiveDate,
}

/// The planned lessons of a subject («календарно-тематическое планирование», 3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThematicPlan {
    pub class: Id,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Id>,
    pub subject: String,
    /// The number of lessons planned for the year (from `lessons`, or the count of `topics`).
    pub lessons: u32,
    #[serde(flatten)]
    pub made: Made,
}

/// A lesson held and what was studied («Что пройдено на уроке»). A later lesson with the
/// same id updates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lesson {
    pub id: Id,
    pub class: Id,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Id>,
    pub subject: String,
    pub teacher: Id,
    pub date: NaiveDate,
    #[serde(serialize_with = "raw::serialize_time")]
    pub start: NaiveTime,
    #[serde(serialize_with = "raw::serialize_time")]
    pub end: NaiveTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<WorkKind>,
    /// Briefings from the `briefing` field and from the topic text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub briefing: Vec<BriefingKind>,
    /// The PE section (раздел) the lesson belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub substitute: bool,
    #[serde(flatten)]
    pub made: Made,
}

/// An absence mark, or its withdrawal (`present`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendance {
    pub lesson: Id,
    pub student: Id,
    pub code: AttendanceCode,
    #[serde(flatten)]
    pub made: Made,
}

/// A current mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub lesson: Id,
    pub student: Id,
    pub value: MarkValue,
    /// The kind of work; `None` when not given (then the lesson's one work, else oral).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work: Option<WorkKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    #[serde(flatten)]
    pub made: Made,
}

/// Homework (2.8), for the whole lesson or for some students.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Homework {
    pub lesson: Id,
    pub text: String,
    /// Individual homework: only these students; empty for the whole lesson.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub students: Vec<Id>,
    #[serde(flatten)]
    pub made: Made,
}

/// A period or year mark (2.10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FinalMark {
    pub student: Id,
    pub subject: String,
    pub period: Id,
    pub value: FinalValue,
    #[serde(flatten)]
    pub made: Made,
}

/// A breach of safety rules or an accident: an unscheduled briefing is owed (2.14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incident {
    pub class: Id,
    pub subject: String,
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub made: Made,
}

/// A parent looked at the electronic diary (5.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiaryView {
    pub parent: Id,
    pub student: Id,
    pub section: DiarySection,
    #[serde(flatten)]
    pub made: Made,
}

/// A printed progress report handed over (3.2, 5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaperReport {
    pub student: Id,
    pub date: NaiveDate,
    #[serde(flatten)]
    pub made: Made,
}

/// The end-of-year export of a class's register (4.4, 4.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JournalExport {
    pub class: Id,
    pub date: NaiveDate,
    pub format: String,
    /// Signed with an electronic signature.
    pub signed: bool,
    #[serde(flatten)]
    pub made: Made,
}

/// A record of the summary sheet (4.8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnualDecision {
    pub student: Id,
    pub decision: Decision,
    #[serde(flatten)]
    pub made: Made,
}
