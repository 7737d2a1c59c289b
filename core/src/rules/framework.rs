//! The rule framework: what a rule is ([`Rule`]), what it judges ([`Entry`]), and what it
//! sees and asks ([`Cx`]: the policy, the register at a horizon, and the queries rules share).

use chrono::NaiveDate;

use crate::policy::Policy;
use crate::register::*;
use crate::report::{Due, Finding};
use crate::time::{self, Time};

use super::RuleMeta;

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
    ParentNotice(&'a ParentNoticeRec),
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
            Entry::ParentNotice(e) => Some(e.stamp),
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
            Stored::ParentNotice(i) => Entry::ParentNotice(self.parent_notices.get(get(i))?),
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
        let notices = self.parent_notices.iter().map(Entry::ParentNotice);
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
            .chain(notices)
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
