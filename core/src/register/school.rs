//! The school as the register declares it, asked as the rules ask: who is declared (classes,
//! students, staff, parents, periods), the study periods and school years of a grade, a
//! student's enrolment and subgroups, home schooling and sanatorium stays, class teachers
//! and roles.

use chrono::NaiveDate;

use crate::time::Time;

use super::index::StudentFacts;
use super::*;

/// The declarations, by id and every one.
impl Register {
    pub fn period(&self, id: Sym) -> Option<&PeriodRec> {
        self.periods.get(&id)
    }

    /// Every period, in no particular order.
    pub fn periods(&self) -> impl Iterator<Item = &PeriodRec> + '_ {
        self.periods.values()
    }

    pub fn class(&self, id: Sym) -> Option<&ClassRec> {
        self.classes.get(&id)
    }

    /// Every class with its id, in no particular order.
    pub fn classes(&self) -> impl Iterator<Item = (Sym, &ClassRec)> + '_ {
        self.classes.iter()
    }

    /// The grade of a class.
    pub fn grade(&self, class: Sym) -> Option<u8> {
        self.class(class).map(|c| c.grade)
    }

    pub fn student(&self, id: Sym) -> Option<&StudentRec> {
        self.students.get(&id)
    }

    /// The grade of a student's class.
    pub fn student_grade(&self, student: Sym) -> Option<u8> {
        self.student(student).and_then(|s| self.grade(s.class))
    }

    /// The students declared in a class, in the order they were declared.
    pub fn students_of_class(&self, class: Sym) -> impl Iterator<Item = &StudentRec> + '_ {
        self.index
            .students(class)
            .iter()
            .filter_map(|s| self.students.get(s))
    }

    pub fn staff_member(&self, id: Sym) -> Option<&StaffRec> {
        self.staff.get(&id)
    }

    pub fn parent(&self, id: Sym) -> Option<&ParentRec> {
        self.parents.get(&id)
    }

    /// Every parent, in no particular order.
    pub fn parents(&self) -> impl Iterator<Item = &ParentRec> + '_ {
        self.parents.values()
    }

    /// Every parent's application for paper reports.
    pub fn opt_outs(&self) -> &[OptOutRec] {
        &self.opt_outs
    }

    /// Every thematic plan.
    pub fn plans(&self) -> &[PlanRec] {
        &self.plans
    }
}

/// What a declaration may name: a class, a member of staff, a student, a parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Class,
    Staff,
    Student,
    Parent,
}

impl Register {
    /// The name a class, member of staff, student or parent is declared with, if any.
    pub fn declared_name(&self, what: Named, id: Sym) -> Option<&str> {
        let name = match what {
            Named::Class => &self.classes.get(&id)?.name,
            Named::Staff => &self.staff.get(&id)?.name,
            // With pseudonyms, a child or a parent is called by their id's pseudonym: the
            // pseudonym kept of their name only tells two declarations apart.
            Named::Student | Named::Parent if self.names().pseudonymized() => return None,
            Named::Student => &self.students.get(&id)?.name,
            Named::Parent => &self.parents.get(&id)?.name,
        };
        name.as_deref()
    }

    /// A class, member of staff, student or parent as people call them: the declared name,
    /// else the id.
    pub fn called(&self, what: Named, id: Sym) -> &str {
        self.declared_name(what, id)
            .unwrap_or_else(|| self.name(id))
    }
}

/// Study periods and school years.
impl Register {
    /// The periods that apply to a grade, ordered by start, end and id.
    pub fn periods_for(&self, grade: u8) -> Vec<&PeriodRec> {
        let mut out: Vec<&PeriodRec> = self
            .periods
            .values()
            .filter(|p| p.applies_to(grade))
            .collect();
        out.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(a.end.cmp(&b.end))
                .then(self.names.cmp(a.id, b.id))
        });
        out
    }

    /// The periods of the given kinds that apply to a grade, ordered by start, end and id.
    pub fn periods_of_kind(&self, grade: u8, kinds: &[PeriodKind]) -> Vec<&PeriodRec> {
        let mut out = self.periods_for(grade);
        out.retain(|p| kinds.contains(&p.kind));
        out
    }

    /// The shortest period of one of `kinds` that applies to `grade` and holds `date`
    /// (equally long ones: the earliest, then by id).
    pub fn period_of(
        &self,
        grade: u8,
        date: NaiveDate,
        kinds: &[PeriodKind],
    ) -> Option<&PeriodRec> {
        self.periods_of_kind(grade, kinds)
            .into_iter()
            .filter(|p| p.contains(date))
            .min_by_key(|p| p.end - p.start)
    }

    /// The school years (`year` periods) that apply to a grade, ordered by start.
    pub fn school_years(&self, grade: u8) -> Vec<&PeriodRec> {
        self.periods_of_kind(grade, &[PeriodKind::Year])
    }

    /// The school year of a grade that ended most recently on or before `date` (its last
    /// day is `date` or earlier).
    pub fn school_year_ended_by(&self, grade: u8, date: NaiveDate) -> Option<&PeriodRec> {
        self.school_years(grade)
            .into_iter()
            .filter(|y| y.end <= date)
            .max_by(|a, b| a.end.cmp(&b.end).then(a.start.cmp(&b.start)))
    }

    /// The school year of a grade that holds `date`: the `year` period applying to the
    /// grade that holds it; when the grade has no `year` period at all, 1 September –
    /// 31 August. `None` when the grade has `year` periods but none holds the date: the
    /// date lies outside every school year the school declared.
    pub fn school_year(&self, grade: u8, date: NaiveDate) -> Option<SchoolYear> {
        let years = self.school_years(grade);
        if years.is_empty() {
            return Some(SchoolYear::calendar(date));
        }
        years
            .into_iter()
            .find(|p| p.contains(date))
            .map(|p| SchoolYear {
                start: p.start,
                end: p.end,
                period: Some(p.id),
            })
    }

    /// The first day of the second half-year of a school year for a grade. Of the
    /// `half_year` periods applying to the grade that start within the school year: with
    /// two or more, the start of the latest; with one that starts on or after 1 January,
    /// its start (a lone half-year starting before then is the first one and says nothing
    /// about the second). Otherwise 1 January.
    pub fn second_half_start(&self, grade: u8, year: &SchoolYear) -> NaiveDate {
        let mut halves = self.periods_of_kind(grade, &[PeriodKind::HalfYear]);
        halves.retain(|p| year.contains(p.start));
        let new_year = year.new_year();
        match halves.as_slice() {
            [] => new_year,
            [only] if only.start >= new_year => only.start,
            [_] => new_year,
            [.., last] => last.start,
        }
    }
}

/// A school year («учебный год»): the dates it runs from and to, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SchoolYear {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The declared `year` period, when the school declared one.
    pub period: Option<Sym>,
}

impl SchoolYear {
    /// The school year by the calendar, 1 September – 31 August, that holds `date`.
    pub fn calendar(date: NaiveDate) -> SchoolYear {
        use chrono::Datelike;
        let first = if date.month() >= 9 {
            date.year()
        } else {
            date.year() - 1
        };
        let start = NaiveDate::from_ymd_opt(first, 9, 1).unwrap_or(date);
        let end = NaiveDate::from_ymd_opt(first + 1, 8, 31).unwrap_or(date);
        SchoolYear {
            start,
            end,
            period: None,
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// 1 January of the school year (the calendar year it ends in).
    pub fn new_year(&self) -> NaiveDate {
        use chrono::Datelike;
        NaiveDate::from_ymd_opt(self.end.year(), 1, 1).unwrap_or(self.end)
    }
}

/// A student's enrolment, subgroups, home schooling and stays, as known at a horizon.
impl Register {
    /// The records at the positions a student's facts file under `pick`.
    pub(super) fn facts_of<'a, T>(
        &'a self,
        all: &'a [T],
        student: Sym,
        pick: fn(&StudentFacts) -> &Vec<u32>,
    ) -> impl Iterator<Item = &'a T> + 'a {
        let list = self.index.facts(student).map(|f| pick(f).as_slice());
        records(all, list.unwrap_or_default())
    }

    /// Every record of a student leaving, in the order they were stored.
    pub fn leavings(&self) -> &[DatedRec] {
        &self.left
    }

    /// The student's records of leaving, in the order they were stored.
    pub fn left_of(&self, student: Sym) -> impl Iterator<Item = &DatedRec> + '_ {
        self.facts_of(&self.left, student, |f| &f.left)
    }

    /// Whether the student belonged to the school on `date`, as known at `horizon`: from
    /// `since`, until the day they left (the day of leaving is no longer theirs).
    pub fn enrolled(&self, student: &StudentRec, date: NaiveDate, horizon: Option<Time>) -> bool {
        if student.since.is_some_and(|since| date < since) {
            return false;
        }
        !self
            .left_of(student.id)
            .any(|l| l.stamp.visible(horizon) && l.date <= date)
    }

    /// The subgroup of a student in a subject on `date`, as known at `horizon`: the
    /// declared group, changed by the group changes dated on or before that day.
    pub fn group_of(
        &self,
        student: &StudentRec,
        subj: Sym,
        date: NaiveDate,
        horizon: Option<Time>,
    ) -> Option<Sym> {
        let declared = student
            .groups
            .iter()
            .find(|(s, _)| *s == subj)
            .map(|(_, g)| *g);
        self.facts_of(&self.group_changes, student.id, |f| &f.group_changes)
            .filter(|c| c.subj == subj && c.date <= date && c.stamp.visible(horizon))
            .max_by(|a, b| {
                a.date
                    .cmp(&b.date)
                    .then(a.stamp.cmp_time(&b.stamp))
                    .then(self.names.cmp(a.group, b.group))
            })
            .map(|c| c.group)
            .or(declared)
    }

    /// Whether a student was one of a lesson's students on its date, as known at `horizon`:
    /// enrolled, of the lesson's class, and of its group when it has one.
    pub fn in_lesson(
        &self,
        student: &StudentRec,
        lesson: &LessonRec,
        horizon: Option<Time>,
    ) -> bool {
        student.class == lesson.class
            && self.enrolled(student, lesson.date, horizon)
            && lesson.group.is_none_or(|g| {
                self.group_of(student, lesson.subj, lesson.date, horizon) == Some(g)
            })
    }

    /// The students of a lesson on its date, as known at `horizon`, ordered by id.
    pub fn lesson_students(&self, lesson: &LessonRec, horizon: Option<Time>) -> Vec<Sym> {
        let mut out: Vec<Sym> = self.lesson_students_unordered(lesson, horizon).collect();
        out.sort_by(|a, b| self.names.cmp(*a, *b));
        out
    }

    /// [`Register::lesson_students`] in no particular order, for what counts them.
    pub fn lesson_students_unordered<'a>(
        &'a self,
        lesson: &'a LessonRec,
        horizon: Option<Time>,
    ) -> impl Iterator<Item = Sym> + 'a {
        self.students_of_class(lesson.class)
            .filter(move |s| self.in_lesson(s, lesson, horizon))
            .map(|s| s.id)
    }

    /// The student's home-schooling spans.
    pub fn home_schoolings(&self, student: Sym) -> impl Iterator<Item = &HomeSchoolingRec> + '_ {
        self.facts_of(&self.home_schooling, student, |f| &f.home_schooling)
    }

    /// Whether the student was home-schooled on `date`.
    pub fn home_schooled_on(&self, student: Sym, date: NaiveDate) -> bool {
        self.home_schoolings(student).any(|h| h.covers(date))
    }

    /// Whether a student was home-schooled at any time from `start` to `end`.
    pub fn home_schooled_during(&self, student: Sym, start: NaiveDate, end: NaiveDate) -> bool {
        self.home_schoolings(student)
            .any(|h| h.overlaps(start, end))
    }

    /// The student's sanatorium stays.
    pub fn sanatorium_stays(&self, student: Sym) -> impl Iterator<Item = &SanatoriumRec> + '_ {
        self.facts_of(&self.sanatoriums, student, |f| &f.sanatoriums)
    }

    /// The notices to the student's parents, in the order they were stored.
    pub fn parent_notices_of(&self, student: Sym) -> impl Iterator<Item = &ParentNoticeRec> + '_ {
        self.facts_of(&self.parent_notices, student, |f| &f.parent_notices)
    }

    /// The student's paper reports, in the order they were stored.
    pub fn paper_reports_of(&self, student: Sym) -> impl Iterator<Item = &DatedRec> + '_ {
        self.facts_of(&self.paper_reports, student, |f| &f.paper_reports)
    }
}

/// Class teachers and roles.
impl Register {
    /// The class teachers («классные руководители») of a class, ordered by id.
    pub fn class_teachers_of(&self, class: Sym) -> Vec<Sym> {
        let mut out = self.index.class_teachers(class).to_vec();
        out.sort_by(|a, b| self.names.cmp(*a, *b));
        out.dedup();
        out
    }

    /// The class teacher of a class (the first by id when several are declared).
    pub fn class_teacher(&self, class: Sym) -> Option<Sym> {
        self.class_teachers_of(class).into_iter().next()
    }

    /// Whether a member of staff is a class teacher of a class.
    pub fn is_class_teacher(&self, staff: Sym, class: Sym) -> bool {
        self.staff
            .get(&staff)
            .is_some_and(|s| s.classes.contains(&class))
    }

    /// Whether a declared member of staff has a role.
    pub fn has_role(&self, staff: Sym, role: Role) -> bool {
        self.staff
            .get(&staff)
            .is_some_and(|s| s.roles.contains(role))
    }
}
