//! The rule catalogue: one file per rule, each with the clause it enforces.
//!
//! A rule judges entries, or audits the register at a date, or both:
//!
//! - [`Rule::entry`] judges one entry against the register **as it stood when the entry was
//!   made**: the declarations, the entry's own lesson, and the entries made no later than it
//!   (entries without `at` count as always made). An entry judged so is judged the same
//!   whatever comes after it, which is why a finding told on entry is never withdrawn.
//! - [`Rule::audit`] looks at the whole register as it stands at `as_of` and reports what is
//!   overdue by then.
//!
//! Where a rule's verdict on an entry depends on entries that may legitimately come later
//! (the rest of the day's lessons for a homework deadline, say), it waits for the audit:
//! `cx.complete` tells it whether the register is whole.

use chrono::NaiveDate;
use serde::Serialize;

use crate::policy::Policy;
use crate::register::*;
use crate::report::{Due, Finding, Message, Severity};
use crate::time::{self, Time};

/// Declares a rule: a unit struct carrying its doc comment, id, clause, severity and
/// timing as [`RuleMeta`]. The doc comment becomes the catalogue's documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal,
            clause: $clause:literal,
            severity: $severity:ident,
            when: $when:ident,
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                clause: $clause,
                severity: $crate::report::Severity::$severity,
                when: $crate::rules::When::$when,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

mod absence_reason_unset;
mod absent_mark_without_basis;
mod annual_decision_inconsistent;
mod attendance_entered_late;
mod briefing_before_work_missing;
mod briefing_introductory_missing;
mod briefing_pe_section_missing;
mod briefing_repeat_missing;
mod briefing_unscheduled_missing;
mod entry_not_permitted;
mod failing_mark_after_absence;
mod final_mark_missing;
mod final_mark_published_late;
mod final_mark_too_early;
mod final_mark_too_few_marks;
mod final_mark_unjustified;
mod grade1_homework;
mod grade1_mark;
mod group_change_mid_period;
mod home_schooled_current_mark;
mod home_schooled_final_outside_plan;
mod homework_empty;
mod homework_entered_late;
mod input_error;
mod journal_export_late;
mod journal_export_unsigned;
mod lesson_entered_late;
mod lesson_topic_missing;
mod paper_report_overdue;
mod parent_diary_not_viewed;
mod program_not_completed;
mod sanatorium_mark_misplaced;
mod student_not_in_lesson;
mod thematic_plan_missing;
pub(crate) mod unknown_reference;
mod work_graded_late;
mod work_marks_missing;

pub(crate) use input_error::InputErrorRule;

/// The id of the findings for events skipped as unreadable.
pub(crate) const INPUT_ERROR: &str = InputErrorRule::META.id;

/// Every rule, in the catalogue's order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &grade1_mark::Grade1Mark,
    &grade1_homework::Grade1Homework,
    &lesson_entered_late::LessonEnteredLate,
    &lesson_topic_missing::LessonTopicMissing,
    &attendance_entered_late::AttendanceEnteredLate,
    &homework_entered_late::HomeworkEnteredLate,
    &homework_empty::HomeworkEmpty,
    &final_mark_too_early::FinalMarkTooEarly,
    &final_mark_published_late::FinalMarkPublishedLate,
    &final_mark_missing::FinalMarkMissing,
    &final_mark_unjustified::FinalMarkUnjustified,
    &final_mark_too_few_marks::FinalMarkTooFewMarks,
    &absent_mark_without_basis::AbsentMarkWithoutBasis,
    &sanatorium_mark_misplaced::SanatoriumMarkMisplaced,
    &home_schooled_current_mark::HomeSchooledCurrentMark,
    &home_schooled_final_outside_plan::HomeSchooledFinalOutsidePlan,
    &briefing_introductory_missing::BriefingIntroductoryMissing,
    &briefing_repeat_missing::BriefingRepeatMissing,
    &briefing_before_work_missing::BriefingBeforeWorkMissing,
    &briefing_pe_section_missing::BriefingPeSectionMissing,
    &briefing_unscheduled_missing::BriefingUnscheduledMissing,
    &work_graded_late::WorkGradedLate,
    &work_marks_missing::WorkMarksMissing,
    &failing_mark_after_absence::FailingMarkAfterAbsence,
    &absence_reason_unset::AbsenceReasonUnset,
    &group_change_mid_period::GroupChangeMidPeriod,
    &entry_not_permitted::EntryNotPermitted,
    &unknown_reference::UnknownReference,
    &student_not_in_lesson::StudentNotInLesson,
    &paper_report_overdue::PaperReportOverdue,
    &parent_diary_not_viewed::ParentDiaryNotViewed,
    &journal_export_late::JournalExportLate,
    &journal_export_unsigned::JournalExportUnsigned,
    &annual_decision_inconsistent::AnnualDecisionInconsistent,
    &thematic_plan_missing::ThematicPlanMissing,
    &program_not_completed::ProgramNotCompleted,
    &input_error::InputErrorRule,
];

/// When a rule can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum When {
    /// When the entry is made.
    #[serde(rename = "entry")]
    Entry,
    /// Only at a date, over the whole register.
    #[serde(rename = "audit")]
    Audit,
    /// When the entry is made, and at a date for what is owed and missing.
    #[serde(rename = "entry/audit")]
    EntryAndAudit,
}

impl When {
    pub const fn as_str(self) -> &'static str {
        match self {
            When::Entry => "entry",
            When::Audit => "audit",
            When::EntryAndAudit => "entry/audit",
        }
    }
}

/// A rule's identity and documentation, as the catalogue shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    /// The stable id findings carry.
    pub id: &'static str,
    /// The clause of the Regulation.
    pub clause: &'static str,
    pub severity: Severity,
    pub when: When,
    /// The rule's documentation (Markdown): what it checks, the clause, an example.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The first paragraph of the documentation, on one line.
    pub fn summary(&self) -> String {
        let lines = self.doc.lines().map(str::trim).skip_while(|l| l.is_empty());
        let first: Vec<&str> = lines.take_while(|l| !l.is_empty()).collect();
        first.join(" ")
    }

    /// The documentation with the doc comment's leading space removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_owned()
    }
}

/// The catalogue: every rule's identity and documentation, in order.
pub fn catalogue() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

/// One rule by id.
pub fn rule(id: &str) -> Option<&'static RuleMeta> {
    catalogue().find(|m| m.id == id)
}

pub(crate) fn position(id: &str) -> usize {
    RULES
        .iter()
        .position(|r| r.meta().id == id)
        .unwrap_or(RULES.len())
}

/// A rule of the Regulation.
pub(crate) trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Judges one entry against the register as it stood when the entry was made.
    fn entry(&self, _cx: &Cx<'_>, _entry: Entry<'_>, _out: &mut Vec<Finding>) {}

    /// Reports what is overdue at `cx.as_of` over the whole register.
    fn audit(&self, _cx: &Cx<'_>, _out: &mut Vec<Finding>) {}
}

/// One stored entry, as a rule sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry<'a> {
    Lesson(&'a LessonVersion),
    Attendance(&'a AttendanceRec),
    Mark(&'a MarkRec),
    Homework(&'a HomeworkRec),
    FinalMark(&'a FinalMarkRec),
    StudentLeft(&'a LeftRec),
    GroupChange(&'a GroupChangeRec),
    ThematicPlan(&'a PlanRec),
    Incident(&'a IncidentRec),
    DiaryView(&'a DiaryViewRec),
    PaperReport(&'a PaperReportRec),
    JournalExport(&'a ExportRec),
    AnnualDecision(&'a DecisionRec),
    Student(&'a StudentRec),
    Parent(&'a ParentRec),
    Staff(&'a StaffRec),
    HomeSchooling(&'a HomeSchoolingRec),
    Sanatorium(&'a SanatoriumRec),
    ParentOptOut(&'a OptOutRec),
}

impl Entry<'_> {
    /// When and by whom the entry was made; `None` for declarations.
    pub fn stamp(&self) -> Option<Stamp> {
        match self {
            Entry::Lesson(e) => Some(e.stamp),
            Entry::Attendance(e) => Some(e.stamp),
            Entry::Mark(e) => Some(e.stamp),
            Entry::Homework(e) => Some(e.stamp),
            Entry::FinalMark(e) => Some(e.stamp),
            Entry::StudentLeft(e) => Some(e.stamp),
            Entry::GroupChange(e) => Some(e.stamp),
            Entry::ThematicPlan(e) => Some(e.stamp),
            Entry::Incident(e) => Some(e.stamp),
            Entry::DiaryView(e) => Some(e.stamp),
            Entry::PaperReport(e) => Some(e.stamp),
            Entry::JournalExport(e) => Some(e.stamp),
            Entry::AnnualDecision(e) => Some(e.stamp),
            Entry::Student(_)
            | Entry::Parent(_)
            | Entry::Staff(..)
            | Entry::HomeSchooling(_)
            | Entry::Sanatorium(_)
            | Entry::ParentOptOut(_) => None,
        }
    }

    /// The entry's index in the input.
    pub fn event(&self) -> u32 {
        match self {
            Entry::Student(e) => e.event,
            Entry::Parent(e) => e.event,
            Entry::Staff(e) => e.event,
            Entry::HomeSchooling(e) => e.event,
            Entry::Sanatorium(e) => e.event,
            Entry::ParentOptOut(e) => e.event,
            other => other.stamp().map_or(0, |s| s.event),
        }
    }
}

impl Register {
    /// The entry stored for an event.
    pub(crate) fn entry(&self, stored: Stored) -> Option<Entry<'_>> {
        let get = |i: u32| i as usize;
        Some(match stored {
            Stored::Lesson(i) => Entry::Lesson(self.lesson_versions.get(get(i))?),
            Stored::Attendance(i) => Entry::Attendance(self.attendance.get(get(i))?),
            Stored::Mark(i) => Entry::Mark(self.marks.get(get(i))?),
            Stored::Homework(i) => Entry::Homework(self.homework.get(get(i))?),
            Stored::FinalMark(i) => Entry::FinalMark(self.final_marks.get(get(i))?),
            Stored::StudentLeft(i) => Entry::StudentLeft(self.left.get(get(i))?),
            Stored::GroupChange(i) => Entry::GroupChange(self.group_changes.get(get(i))?),
            Stored::ThematicPlan(i) => Entry::ThematicPlan(self.plans.get(get(i))?),
            Stored::Incident(i) => Entry::Incident(self.incidents.get(get(i))?),
            Stored::DiaryView(i) => Entry::DiaryView(self.diary_views.get(get(i))?),
            Stored::PaperReport(i) => Entry::PaperReport(self.paper_reports.get(get(i))?),
            Stored::JournalExport(i) => Entry::JournalExport(self.exports.get(get(i))?),
            Stored::AnnualDecision(i) => Entry::AnnualDecision(self.decisions.get(get(i))?),
            Stored::Student(s) => Entry::Student(self.students.get(&s)?),
            Stored::Parent(s) => Entry::Parent(self.parents.get(&s)?),
            Stored::Staff(s) => Entry::Staff(self.staff.get(&s)?),
            Stored::HomeSchooling(i) => Entry::HomeSchooling(self.home_schooling.get(get(i))?),
            Stored::Sanatorium(i) => Entry::Sanatorium(self.sanatoriums.get(get(i))?),
            Stored::ParentOptOut(i) => Entry::ParentOptOut(self.opt_outs.get(get(i))?),
            Stored::Nothing => return None,
        })
    }

    /// Every stored entry, in no particular order (the report sorts its findings).
    pub(crate) fn entries(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        let lessons = self.lesson_versions.iter().map(Entry::Lesson);
        let attendance = self.attendance.iter().map(Entry::Attendance);
        let marks = self.marks.iter().map(Entry::Mark);
        let homework = self.homework.iter().map(Entry::Homework);
        let finals = self.final_marks.iter().map(Entry::FinalMark);
        let left = self.left.iter().map(Entry::StudentLeft);
        let changes = self.group_changes.iter().map(Entry::GroupChange);
        let plans = self.plans.iter().map(Entry::ThematicPlan);
        let incidents = self.incidents.iter().map(Entry::Incident);
        let views = self.diary_views.iter().map(Entry::DiaryView);
        let reports = self.paper_reports.iter().map(Entry::PaperReport);
        let exports = self.exports.iter().map(Entry::JournalExport);
        let decisions = self.decisions.iter().map(Entry::AnnualDecision);
        let students = self.students.values().map(Entry::Student);
        let parents = self.parents.values().map(Entry::Parent);
        let staff = self.staff.values().map(Entry::Staff);
        let schooling = self.home_schooling.iter().map(Entry::HomeSchooling);
        let stays = self.sanatoriums.iter().map(Entry::Sanatorium);
        let opt_outs = self.opt_outs.iter().map(Entry::ParentOptOut);
        lessons
            .chain(attendance)
            .chain(marks)
            .chain(homework)
            .chain(finals)
            .chain(left)
            .chain(changes)
            .chain(plans)
            .chain(incidents)
            .chain(views)
            .chain(reports)
            .chain(exports)
            .chain(decisions)
            .chain(students)
            .chain(parents)
            .chain(staff)
            .chain(schooling)
            .chain(stays)
            .chain(opt_outs)
    }
}

/// What a rule sees: the policy, the register, and the moment it is seen at.
pub(crate) struct Cx<'a> {
    pub policy: &'a Policy,
    pub reg: &'a Register,
    /// The moment the register is seen at: when the judged entry was made ([`time::ALWAYS`]
    /// for an entry without `at`, which counts as made before every timed entry), or the
    /// audit's `as_of`. `None`: everything stored.
    pub horizon: Option<Time>,
    /// Whether the whole register is known (an audit), or entries are still being pushed.
    pub complete: bool,
    /// The audit's date, school-local; `None` while pushing.
    pub as_of: Option<Time>,
}

impl<'a> Cx<'a> {
    /// A lesson by id.
    pub fn lesson(&self, id: Sym) -> Option<&'a LessonRec> {
        self.reg.lessons.get(&id)
    }

    /// The version of a lesson in force at the horizon.
    pub fn version(&self, lesson: &'a LessonRec) -> Option<&'a LessonVersion> {
        self.reg.version(lesson, self.horizon)
    }

    /// The lesson a version belongs to.
    pub fn lesson_of(&self, version: &LessonVersion) -> Option<&'a LessonRec> {
        self.reg.lessons.get(&version.lesson)
    }

    pub fn student(&self, id: Sym) -> Option<&'a StudentRec> {
        self.reg.students.get(&id)
    }

    pub fn grade(&self, class: Sym) -> Option<u8> {
        self.reg.grade(class)
    }

    pub fn visible(&self, stamp: &Stamp) -> bool {
        stamp.visible(self.horizon)
    }

    /// A class as people call it: its name, else its id.
    pub fn class_name(&self, class: Sym) -> &'a str {
        self.reg
            .classes
            .get(&class)
            .and_then(|c| c.name.as_deref())
            .unwrap_or_else(|| self.reg.name(class))
    }

    /// A student as people call them: their name, else their id.
    pub fn student_name(&self, student: Sym) -> &'a str {
        self.reg
            .students
            .get(&student)
            .and_then(|s| s.name.as_deref())
            .unwrap_or_else(|| self.reg.name(student))
    }

    /// A member of staff as people call them: their name, else their id.
    pub fn staff_name(&self, staff: Sym) -> &'a str {
        self.reg
            .staff
            .get(&staff)
            .and_then(|s| s.name.as_deref())
            .unwrap_or_else(|| self.reg.name(staff))
    }

    pub fn name(&self, sym: Sym) -> &'a str {
        self.reg.name(sym)
    }

    /// A local time as a deadline for the report.
    pub fn due_time(&self, time: Time) -> Due {
        Due::Time(time::to_datetime(time, self.reg.offset()))
    }

    /// Starts a finding of `rule` about the entry with index `event`.
    pub fn draft(&self, rule: &'static RuleMeta, event: u32) -> Draft<'_, 'a> {
        Draft {
            cx: self,
            finding: blank(rule, event as usize),
        }
    }
}

/// A finding of `rule` about the event with index `event`, every other field empty.
pub(crate) fn blank(rule: &'static RuleMeta, event: usize) -> Finding {
    Finding {
        rule: rule.id,
        clause: rule.clause,
        severity: rule.severity,
        message: Message::default(),
        event: Some(event),
        date: None,
        class: None,
        subject: None,
        lesson: None,
        student: None,
        students: None,
        teacher: None,
        period: None,
        parent: None,
        due: None,
    }
}

/// A finding being written.
pub(crate) struct Draft<'c, 'a> {
    cx: &'c Cx<'a>,
    finding: Finding,
}

impl Draft<'_, '_> {
    fn text(&self, sym: Sym) -> Option<String> {
        Some(self.cx.name(sym).to_owned())
    }

    /// About a lesson: its date, class, subject, id and teacher (at the horizon).
    pub fn lesson(mut self, lesson: &LessonRec) -> Self {
        self.finding.date = Some(lesson.date);
        self.finding.class = self.text(lesson.class);
        self.finding.subject = self.text(lesson.subject);
        self.finding.lesson = self.text(lesson.id);
        // A finding about a version of the lesson names that version's teacher; any other
        // names the teacher of the version in force at the horizon.
        let event = self.finding.event;
        let own = self
            .cx
            .reg
            .versions(lesson)
            .find(|v| Some(v.stamp.event as usize) == event);
        self.finding.teacher = own
            .or_else(|| self.cx.version(lesson))
            .and_then(|v| self.text(v.teacher));
        self
    }

    /// About a student (and their class, unless already set).
    pub fn student(mut self, student: Sym) -> Self {
        self.finding.student = self.text(student);
        if self.finding.class.is_none() {
            self.finding.class = self.cx.student(student).and_then(|s| self.text(s.class));
        }
        self
    }

    /// About several students, listed by id in order.
    pub fn students(mut self, students: &[Sym]) -> Self {
        let mut names: Vec<String> = students
            .iter()
            .map(|s| self.cx.name(*s).to_owned())
            .collect();
        names.sort();
        names.dedup();
        self.finding.students = Some(names);
        self
    }

    /// About a final mark: the day it was entered (its period's end when that is unknown),
    /// the student, subject and period, and whoever entered it as the teacher.
    pub fn final_mark(mut self, mark: &FinalMarkRec) -> Self {
        let period_end = self.cx.reg.periods.get(&mark.period).map(|p| p.end);
        self.finding.date = mark.stamp.at.map(time::date_of).or(period_end);
        self.student(mark.student)
            .subject(mark.subject)
            .period(mark.period)
            .made_by(mark.stamp.by)
    }

    /// About a lesson known only by its id.
    pub fn lesson_id(mut self, lesson: Sym) -> Self {
        self.finding.lesson = self.text(lesson);
        self
    }

    /// The teacher is whoever made the entry, when known.
    pub fn made_by(mut self, by: Option<Sym>) -> Self {
        if let Some(by) = by {
            self.finding.teacher = self.text(by);
        }
        self
    }

    pub fn class(mut self, class: Sym) -> Self {
        self.finding.class = self.text(class);
        self
    }

    pub fn subject(mut self, subject: Sym) -> Self {
        self.finding.subject = self.text(subject);
        self
    }

    pub fn teacher(mut self, teacher: Sym) -> Self {
        self.finding.teacher = self.text(teacher);
        self
    }

    pub fn period(mut self, period: Sym) -> Self {
        self.finding.period = self.text(period);
        self
    }

    pub fn parent(mut self, parent: Sym) -> Self {
        self.finding.parent = self.text(parent);
        self
    }

    pub fn date(mut self, date: NaiveDate) -> Self {
        self.finding.date = Some(date);
        self
    }

    /// The missed deadline: the end of a day.
    pub fn due_date(mut self, date: NaiveDate) -> Self {
        self.finding.due = Some(Due::Date(date));
        self
    }

    /// The missed deadline: a moment, school-local.
    pub fn due_time(mut self, time: Time) -> Self {
        self.finding.due = Some(self.cx.due_time(time));
        self
    }

    /// Finishes the finding with its message, in Russian and in English.
    pub fn say(mut self, ru: impl Into<String>, en: impl Into<String>) -> Finding {
        self.finding.message = Message {
            ru: ru.into(),
            en: en.into(),
        };
        self.finding
    }
}

/// A final mark as written: «4», or «н/а».
pub(crate) fn final_value(value: crate::event::FinalValue) -> String {
    match value {
        crate::event::FinalValue::Mark(mark) => mark.get().to_string(),
        crate::event::FinalValue::NotAttested => "н/а".to_owned(),
    }
}

/// Formats a date as Russians write it: 02.09.2024.
pub(crate) fn ru_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Formats a local time as 02.09.2024 16:00.
pub(crate) fn ru_time(time: Time) -> String {
    let date = time::date_of(time);
    let minutes = (time - time::day_start(date)) / 60;
    format!("{} {:02}:{:02}", ru_date(date), minutes / 60, minutes % 60)
}

/// Formats a local time as 2024-09-02 16:00.
pub(crate) fn en_time(time: Time) -> String {
    let date = time::date_of(time);
    let minutes = (time - time::day_start(date)) / 60;
    format!("{} {:02}:{:02}", date, minutes / 60, minutes % 60)
}

/// Queries for the rules about lessons and briefings (2.7, 2.8, 2.14).
impl<'a> Cx<'a> {
    /// Whether a day is over at the audit's date (`false` while entries are pushed): until
    /// then, the day's entries may still be made.
    pub fn day_over(&self, date: NaiveDate) -> bool {
        self.as_of.is_some_and(|now| now >= time::day_end(date))
    }

    /// The version in force of a lesson that owes a briefing of `kind` and does not record
    /// it, once the lesson's day is over (the briefing is written in the topic, which may be
    /// entered until then); `None` when the briefing is there or may still come.
    pub fn briefing_missing(
        &self,
        lesson: &'a LessonRec,
        kind: crate::event::BriefingKind,
    ) -> Option<&'a LessonVersion> {
        if !self.day_over(lesson.date) {
            return None;
        }
        self.version(lesson)
            .filter(|version| !version.has_briefing(kind))
    }

    /// A class and subgroup as a message names them: «7А» or «7А, подгруппа «1»», and in
    /// English `7А` or `7А, group 1`.
    pub fn class_and_group(&self, class: Sym, group: Option<Sym>) -> (String, String) {
        let name = self.class_name(class);
        match group {
            Some(group) => (
                format!("{name}, подгруппа «{}»", self.name(group)),
                format!("{name}, group {}", self.name(group)),
            ),
            None => (name.to_owned(), name.to_owned()),
        }
    }
}

/// Queries about marks and final marks as known at the horizon.
impl Cx<'_> {
    /// A student's current marks in a subject (folded name) on lessons dated within a
    /// period, made by the horizon, each with its lesson.
    pub fn period_marks<'p>(
        &'p self,
        student: Sym,
        subj: Sym,
        period: &PeriodRec,
    ) -> impl Iterator<Item = (&'p MarkRec, &'p LessonRec)> + 'p {
        self.reg
            .marks_in(student, subj, period.start, period.end, self.horizon)
    }

    /// The weighted mean of current marks (SPEC §2 `mark_weights`, each mark weighed by
    /// its kind of work as the lesson's version in force at the horizon gives it). `None`
    /// with no marks, or when every mark weighs nothing.
    pub fn weighted_mean<'m>(
        &self,
        marks: impl IntoIterator<Item = (&'m MarkRec, &'m LessonRec)>,
    ) -> Option<Mean> {
        let (mut sum, mut weight, mut count) = (0.0, 0.0, 0usize);
        for (mark, lesson) in marks {
            let work = self.reg.work_of(mark, self.version(lesson));
            let w = self.policy.weight(work);
            sum += w * f64::from(mark.value);
            weight += w;
            count += 1;
        }
        (count > 0 && weight > 0.0).then(|| Mean {
            value: sum / weight,
            count,
        })
    }
}

/// A mean of marks and how many marks it was taken over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Mean {
    pub value: f64,
    pub count: usize,
}

/// A number as Russians write it, with exactly `decimals` decimals: `4,00`, `3,33`.
pub(crate) fn ru_fixed(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}").replace('.', ",")
}

/// A number as Russians write it, with at most `decimals` decimals (trailing zeros
/// dropped): `0,5`, `1`.
pub(crate) fn ru_number(value: f64, decimals: usize) -> String {
    en_number(value, decimals).replace('.', ",")
}

/// A number with at most `decimals` decimals, trailing zeros dropped: `4.33`, `0.5`, `3`.
pub(crate) fn en_number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// The Russian form of a noun after a number: `one` for 1, 21, 31 …; `few` for 2–4, 22–24
/// …; `many` for the rest (5–20, 25–30 …). Genitive after a preposition: pass the same
/// form as `few` and `many`.
pub fn ru_plural<'w>(n: usize, one: &'w str, few: &'w str, many: &'w str) -> &'w str {
    match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    }
}

/// An English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st.
pub(crate) fn en_ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A kind of work as the Regulation names it: «контрольная работа».
pub(crate) fn work_ru(work: crate::event::WorkKind) -> &'static str {
    use crate::event::WorkKind::*;
    match work {
        ControlWork => "контрольная работа",
        ControlDictation => "контрольный диктант",
        Exposition => "изложение",
        Composition => "сочинение",
        IndependentWork => "самостоятельная работа",
        PracticalWork => "практическая работа",
        LaboratoryWork => "лабораторная работа",
        Excursion => "экскурсия",
        Test => "проверочная работа",
        Oral => "ответ на уроке",
        Homework => "домашнее задание",
        Other => "другое",
    }
}

/// An attendance code as the register shows it: Н, УП, Б, НП.
pub(crate) fn attendance_ru(code: crate::event::AttendanceCode) -> &'static str {
    use crate::event::AttendanceCode::*;
    match code {
        Absent => "Н",
        Excused => "УП",
        Illness => "Б",
        Unexcused => "НП",
        Present => "присутствовал",
    }
}

/// Names and people for the administration's rules.
impl<'a> Cx<'a> {
    /// A parent as people call them: their name, else their id.
    pub fn parent_name(&self, parent: Sym) -> &'a str {
        self.reg
            .parents
            .get(&parent)
            .and_then(|p| p.name.as_deref())
            .unwrap_or_else(|| self.reg.name(parent))
    }
}

/// A number of days in Russian, with the noun agreeing: «1 день», «3 дня», «14 дней».
pub(crate) fn ru_days(days: i64) -> String {
    let (tens, ones) = (days.abs() % 100, days.abs() % 10);
    let noun = if (11..=14).contains(&tens) {
        "дней"
    } else {
        match ones {
            1 => "день",
            2..=4 => "дня",
            _ => "дней",
        }
    };
    format!("{days} {noun}")
}

/// Running the rules on small registers in unit tests.
#[cfg(test)]
pub(crate) mod testing {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use chrono::DateTime;

    use crate::{Engine, Event, Finding, Policy};

    /// A school year with two quarters, class 5А (grade 5) with its teacher `t1`, and
    /// students `s1` and `s2`.
    pub const SCHOOL: &[&str] = &[
        r#"{"type":"period","id":"y","kind":"year","start":"2024-09-01","end":"2025-05-31"}"#,
        r#"{"type":"period","id":"q1","kind":"quarter","start":"2024-09-02","end":"2024-10-25"}"#,
        r#"{"type":"period","id":"q2","kind":"quarter","start":"2024-11-05","end":"2024-12-28"}"#,
        r#"{"type":"class","id":"5a","grade":5}"#,
        r#"{"type":"staff","id":"t1","roles":["teacher"],"classes":["5a"]}"#,
        r#"{"type":"student","id":"s1","class":"5a"}"#,
        r#"{"type":"student","id":"s2","class":"5a"}"#,
    ];

    /// A lesson of mathematics in 5А on `date` at `start`, recorded at its start; `extra`
    /// adds fields (`,"work":"control_work"`).
    pub fn lesson(id: &str, date: &str, start: &str, extra: &str) -> String {
        format!(
            r#"{{"type":"lesson","id":"{id}","class":"5a","subject":"Математика","teacher":"t1","date":"{date}","start":"{start}","end":"23:59","topic":"Тема"{extra},"at":"{date}T{start}:00+04:00","by":"t1"}}"#
        )
    }

    /// A mark made at `at` (`2024-09-02T10:00`, school time); `extra` adds fields.
    pub fn mark(lesson: &str, student: &str, value: u8, at: &str, extra: &str) -> String {
        format!(
            r#"{{"type":"mark","lesson":"{lesson}","student":"{student}","value":{value}{extra},"at":"{at}:00+04:00","by":"t1"}}"#
        )
    }

    /// An attendance entry made at `at` (`2024-09-02T10:00`, school time).
    pub fn attendance(lesson: &str, student: &str, code: &str, at: &str) -> String {
        format!(
            r#"{{"type":"attendance","lesson":"{lesson}","student":"{student}","code":"{code}","at":"{at}:00+04:00","by":"t1"}}"#
        )
    }

    /// A final mark in `subject` made at `at` (`2024-10-25T15:00`, school time); `value`
    /// as JSON (`4`, `"na"`).
    pub fn final_mark(student: &str, subject: &str, period: &str, value: &str, at: &str) -> String {
        format!(
            r#"{{"type":"final_mark","student":"{student}","subject":"{subject}","period":"{period}","value":{value},"at":"{at}:00+04:00","by":"t1"}}"#
        )
    }

    /// [`SCHOOL`] followed by `events`.
    pub fn register(events: &[String]) -> Vec<String> {
        SCHOOL
            .iter()
            .map(|e| (*e).to_owned())
            .chain(events.iter().cloned())
            .collect()
    }

    /// The findings of `rule` when `events` (JSON objects, listed in the order they were
    /// made) are audited at `as_of` (`2024-09-10T12:00`, school time). Checks on the way
    /// that every finding told by `push` is in the audit: a finding told on entry is never
    /// withdrawn.
    pub fn findings(rule: &str, policy: Policy, events: &[String], as_of: &str) -> Vec<Finding> {
        let mut engine = Engine::new(policy);
        let mut told = Vec::new();
        for json in events {
            let event = Event::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            told.extend(engine.push(event).unwrap());
        }
        let as_of = DateTime::parse_from_rfc3339(&format!("{as_of}:00+04:00")).unwrap();
        let report = engine.audit(as_of);
        for finding in &told {
            assert!(
                report.findings.contains(finding),
                "told on entry, missing at the audit: {finding:?}"
            );
        }
        report
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }
}
