//! The entries made on lessons and about students (SPEC §1.2) other than the lessons
//! themselves: absences, marks, homework, final marks, incidents, the diary's views, paper
//! reports, exports, notices to parents and annual decisions. Each record with the
//! `add_<kind>` that stores it, and the queries about them as known at a horizon.

use chrono::NaiveDate;

use crate::policy::Policy;
use crate::time::Time;

use super::*;

/// An absence mark, or its withdrawal.
#[derive(Debug, Clone)]
pub struct AttendanceRec {
    pub stamp: Stamp,
    pub lesson: Sym,
    pub student: Sym,
    pub code: AttendanceCode,
}

references!(AttendanceRec {
    lesson: Lesson,
    student: Student
});

/// A current mark.
#[derive(Debug, Clone)]
pub struct MarkRec {
    pub stamp: Stamp,
    pub lesson: Sym,
    pub student: Sym,
    pub value: u8,
    pub work: Option<WorkKind>,
    pub basis: Option<Basis>,
}

references!(MarkRec {
    lesson: Lesson,
    student: Student
});

/// Homework, for the whole lesson or some students.
#[derive(Debug, Clone)]
pub struct HomeworkRec {
    pub stamp: Stamp,
    pub lesson: Sym,
    pub text: Box<str>,
    /// Individual homework for these students; empty for the whole lesson.
    pub students: Vec<Sym>,
}

references!(HomeworkRec {
    lesson: Lesson,
    students: Student
});

/// A period or year mark.
#[derive(Debug, Clone)]
pub struct FinalMarkRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub subject: Sym,
    pub subj: Sym,
    pub period: Sym,
    pub value: FinalValue,
}

references!(FinalMarkRec {
    student: Student,
    period: Period
});

impl Register {
    pub(super) fn add_attendance<S: AsRef<str>>(
        &mut self,
        a: &Attendance<S>,
        index: u32,
        _: &Policy,
    ) -> Result<Stored, Conflict> {
        let stamp = self.stamp(index, &a.made);
        let lesson = self.names.intern(a.lesson.as_ref());
        let student = self.names.intern(a.student.as_ref());
        let i = index_of(&self.attendance);
        self.attendance.push(AttendanceRec {
            stamp,
            lesson,
            student,
            code: a.code,
        });
        let list = &self.attendance;
        insert_sorted(self.index.attendance_mut(lesson), i, |x, y| {
            let (x, y) = (at(list, x), at(list, y));
            x.stamp.cmp_time(&y.stamp).then(x.code.cmp(&y.code))
        });
        Ok(Stored::Attendance(i))
    }

    pub(super) fn add_mark<S: AsRef<str>>(
        &mut self,
        m: &Mark<S>,
        index: u32,
        _: &Policy,
    ) -> Result<Stored, Conflict> {
        let stamp = self.stamp(index, &m.made);
        let lesson = self.names.intern(m.lesson.as_ref());
        let student = self.names.intern(m.student.as_ref());
        let i = index_of(&self.marks);
        self.marks.push(MarkRec {
            stamp,
            lesson,
            student,
            value: m.value.get(),
            work: m.work,
            basis: m.basis,
        });
        self.index.file_mark(lesson, i);
        // A mark whose lesson is not recorded yet joins its subject with the lesson.
        if let Some(subj) = self.lessons.get(&lesson).map(|l| l.subj) {
            self.index.file_subject_mark(student, subj, i);
        }
        Ok(Stored::Mark(i))
    }

    pub(super) fn add_homework<S: AsRef<str>>(
        &mut self,
        h: &Homework<S>,
        index: u32,
        _: &Policy,
    ) -> Result<Stored, Conflict> {
        let stamp = self.stamp(index, &h.made);
        let lesson = self.names.intern(h.lesson.as_ref());
        let students = h
            .students
            .iter()
            .map(|s| self.names.intern(s.as_ref()))
            .collect();
        let i = index_of(&self.homework);
        self.homework.push(HomeworkRec {
            stamp,
            lesson,
            text: h.text.as_ref().into(),
            students,
        });
        self.index.file_homework(lesson, i);
        Ok(Stored::Homework(i))
    }

    pub(super) fn add_final_mark<S: AsRef<str>>(
        &mut self,
        f: &FinalMark<S>,
        index: u32,
        policy: &Policy,
    ) -> Result<Stored, Conflict> {
        let stamp = self.stamp(index, &f.made);
        let student = self.names.intern(f.student.as_ref());
        let (subject, subj) = self.subject(f.subject.as_ref(), policy);
        let period = self.names.intern(f.period.as_ref());
        let i = index_of(&self.final_marks);
        self.final_marks.push(FinalMarkRec {
            stamp,
            student,
            subject,
            subj,
            period,
            value: f.value,
        });
        self.index.file_final(student, i);
        Ok(Stored::FinalMark(i))
    }
}

/// A breach of safety rules or an accident.
#[derive(Debug, Clone)]
pub struct IncidentRec {
    pub stamp: Stamp,
    pub class: Sym,
    pub subject: Sym,
    pub subj: Sym,
    pub date: NaiveDate,
}

references!(IncidentRec { class: Class });

/// A parent looked at the electronic diary.
#[derive(Debug, Clone)]
pub struct DiaryViewRec {
    pub stamp: Stamp,
    pub parent: Sym,
    pub student: Sym,
    pub section: DiarySection,
}

references!(DiaryViewRec {
    parent: Parent,
    student: Student
});

/// A printed progress report handed over.
#[derive(Debug, Clone)]
pub struct PaperReportRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub date: NaiveDate,
}

references!(PaperReportRec { student: Student });

/// An export of a class's register.
#[derive(Debug, Clone)]
pub struct ExportRec {
    pub stamp: Stamp,
    pub class: Sym,
    pub date: NaiveDate,
    pub signed: bool,
}

references!(ExportRec { class: Class });

/// The class teacher told a student's parents (3.2).
#[derive(Debug, Clone)]
#[expect(
    dead_code,
    reason = "stored for the rule on notices owed to parents (3.2)"
)]
pub struct ParentNoticeRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub reason: NoticeReason,
    pub date: NaiveDate,
    pub parent: Option<Sym>,
}

references!(ParentNoticeRec {
    student: Student,
    parent: Parent
});

/// A record of the summary sheet.
#[derive(Debug, Clone)]
pub struct DecisionRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub decision: Decision,
}

references!(DecisionRec { student: Student });

impl Register {
    pub(super) fn add_incident<S: AsRef<str>>(
        &mut self,
        n: &Incident<S>,
        index: u32,
        policy: &Policy,
    ) -> Result<Stored, Conflict> {
        let stamp = self.stamp(index, &n.made);
        let class = self.names.intern(n.class.as_ref());
        let (subject, subj) = self.subject(n.subject.as_ref(), policy);
        let i = index_of(&self.incidents);
        self.incidents.push(IncidentRec {
            stamp,
            class,
            subject,
            subj,
            date: n.date,
        });
        Ok(Stored::Incident(i))
    }

    pub(super) fn add_diary_view<S: AsRef<str>>(
        &mut self,
        v: &DiaryView<S>,
        index: u32,
        _: &Policy,
    ) -> Result<Stored, Conflict> {
        let stamp = self.stamp_without_author(index, &v.made);
        let parent = self.names.intern(v.parent.as_ref());
        let student = self.names.intern(v.student.as_ref());
        let i = index_of(&self.diary_views);
        self.diary_views.push(DiaryViewRec {
            stamp,
            parent,
            student,
            section: v.section,
        });
        Ok(Stored::DiaryView(i))
    }

    pub(super) fn add_paper_report<S: AsRef<str>>(
        &mut self,
        p: &PaperReport<S>,
        index: u32,
        _: &Policy,
    ) -> Result<Stored, Conflict> {
        let stamp = self.stamp(index, &p.made);
        let student = self.names.intern(p.student.as_ref());
        let i = index_of(&self.paper_reports);
        self.paper_reports.push(PaperReportRec {
            stamp,
            student,
            date: p.date,
        });
        self.index.facts_mut(student).paper_reports.push(i);
        Ok(Stored::PaperReport(i))
    }

    pub(super) fn add_journal_export<S: AsRef<str>>(
        &mut self,
        x: &JournalExport<S>,
        index: u32,
        _: &Policy,
    ) -> Result<Stored, Conflict> {
        let stamp = self.stamp(index, &x.made);
        let class = self.names.intern(x.class.as_ref());
        let i = index_of(&self.exports);
        self.exports.push(ExportRec {
            stamp,
            class,
            date: x.date,
            signed: x.signed,
        });
        Ok(Stored::JournalExport(i))
    }

    pub(super) fn add_parent_notice<S: AsRef<str>>(
        &mut self,
        n: &ParentNotice<S>,
        index: u32,
        _: &Policy,
    ) -> Result<Stored, Conflict> {
        let stamp = self.stamp(index, &n.made);
        let student = self.names.intern(n.student.as_ref());
        let parent = text(&n.parent).map(|p| self.names.intern(p));
        let i = index_of(&self.parent_notices);
        self.parent_notices.push(ParentNoticeRec {
            stamp,
            student,
            reason: n.reason,
            date: n.date,
            parent,
        });
        self.index.facts_mut(student).parent_notices.push(i);
        Ok(Stored::ParentNotice(i))
    }

    pub(super) fn add_annual_decision<S: AsRef<str>>(
        &mut self,
        d: &AnnualDecision<S>,
        index: u32,
        _: &Policy,
    ) -> Result<Stored, Conflict> {
        let stamp = self.stamp(index, &d.made);
        let student = self.names.intern(d.student.as_ref());
        let i = index_of(&self.decisions);
        self.decisions.push(DecisionRec {
            stamp,
            student,
            decision: d.decision,
        });
        Ok(Stored::AnnualDecision(i))
    }
}

/// Absences: a cell (a lesson and a student) and its entries, as known at a horizon.
impl Register {
    /// The attendance entries of a lesson and student, in the order they were made.
    pub fn cell(
        &self,
        lesson: Sym,
        student: Sym,
    ) -> impl DoubleEndedIterator<Item = &AttendanceRec> + '_ {
        records(&self.attendance, self.index.attendance(lesson))
            .filter(move |a| a.student == student)
    }

    /// The attendance code of a student on a lesson at `horizon`: the latest entry made by
    /// then, or `None` when nothing was entered.
    pub fn code(&self, lesson: Sym, student: Sym, horizon: Option<Time>) -> Option<AttendanceCode> {
        self.cell(lesson, student)
            .rev()
            .find(|a| a.stamp.visible(horizon))
            .map(|a| a.code)
    }

    /// Whether a student was marked absent on a lesson at `horizon`.
    pub fn absent(&self, lesson: Sym, student: Sym, horizon: Option<Time>) -> bool {
        self.code(lesson, student, horizon)
            .is_some_and(AttendanceCode::is_absence)
    }

    /// Every lesson and student with attendance entries, each pair once, in no particular
    /// order.
    pub fn attendance_cells(&self) -> impl Iterator<Item = (Sym, Sym)> + '_ {
        self.index.attended_lessons().flat_map(|(lesson, entries)| {
            let mut students: Vec<Sym> = records(&self.attendance, entries)
                .map(|a| a.student)
                .collect();
            students.sort_unstable();
            students.dedup();
            students.into_iter().map(move |student| (lesson, student))
        })
    }
}

/// Marks, homework and final marks, as known at a horizon.
impl Register {
    /// The marks on a lesson, every student's, in the order they were stored.
    pub fn marks_on(&self, lesson: Sym) -> impl Iterator<Item = &MarkRec> + '_ {
        records(&self.marks, self.index.marks(lesson))
    }

    /// A work's kind for a mark: its own, else the lesson's only work, else oral (SPEC §1.2).
    pub fn work_of(&self, mark: &MarkRec, lesson: Option<&LessonVersion>) -> WorkKind {
        mark.work
            .or_else(|| {
                let works = lesson?.works;
                (works.len() == 1)
                    .then(|| WorkKind::ALL.iter().copied().find(|w| works.contains(*w)))
                    .flatten()
            })
            .unwrap_or(WorkKind::Oral)
    }

    /// A student's current marks in a subject (folded name) on lessons dated from `start`
    /// to `end`, made by `horizon` on lessons recorded by then, each with its lesson; in no
    /// particular order.
    pub fn marks_in(
        &self,
        student: Sym,
        subj: Sym,
        start: NaiveDate,
        end: NaiveDate,
        horizon: Option<Time>,
    ) -> impl Iterator<Item = (&MarkRec, &LessonRec)> + '_ {
        records(&self.marks, self.index.subject_marks(student, subj))
            .filter(move |m| m.stamp.visible(horizon))
            .filter_map(|m| Some((m, self.lessons.get(&m.lesson)?)))
            .filter(move |(_, l)| {
                l.subj == subj
                    && start <= l.date
                    && l.date <= end
                    // A mark stands on its lesson: it was not there before the lesson was.
                    && self.lesson_visible(l, horizon)
            })
    }

    /// The homework entries of a lesson, in the order they were stored.
    pub fn homework_on(&self, lesson: Sym) -> impl Iterator<Item = &HomeworkRec> + '_ {
        records(&self.homework, self.index.homework(lesson))
    }

    /// A student's final marks, every entry, in the order they were stored.
    pub fn final_marks_of(&self, student: Sym) -> impl Iterator<Item = &FinalMarkRec> + '_ {
        records(&self.final_marks, self.index.finals(student))
    }

    /// A student's final marks in force at `horizon`, one for each subject (folded) and
    /// period: the latest made by then (a later entry corrects an earlier one; entries
    /// made at the same moment are ordered by value). Ordered by subject and period.
    pub fn final_marks_in_force(&self, student: Sym, horizon: Option<Time>) -> Vec<&FinalMarkRec> {
        self.in_force(
            self.final_marks_of(student)
                .filter(|f| f.stamp.visible(horizon)),
        )
    }

    /// A student's final marks in a subject (folded name) in force at `horizon` (see
    /// [`Register::final_marks_in_force`]), ordered by period.
    pub fn subject_final_marks_at(
        &self,
        student: Sym,
        subj: Sym,
        horizon: Option<Time>,
    ) -> Vec<&FinalMarkRec> {
        self.in_force(
            self.final_marks_of(student)
                .filter(|f| f.subj == subj && f.stamp.visible(horizon)),
        )
    }

    /// Of final marks, the one in force for each subject and period, ordered by them.
    fn in_force<'a>(&self, marks: impl Iterator<Item = &'a FinalMarkRec>) -> Vec<&'a FinalMarkRec> {
        let mut all: Vec<&FinalMarkRec> = marks.collect();
        all.sort_by(|a, b| {
            self.names
                .cmp(a.subj, b.subj)
                .then_with(|| self.names.cmp(a.period, b.period))
                .then_with(|| a.stamp.cmp_time(&b.stamp))
                .then(a.value.cmp(&b.value))
        });
        let mut out: Vec<&FinalMarkRec> = Vec::with_capacity(all.len());
        for f in all {
            match out.last_mut() {
                Some(last) if last.subj == f.subj && last.period == f.period => *last = f,
                _ => out.push(f),
            }
        }
        out
    }

    /// The final mark of a student in a subject (folded) for a period in force at
    /// `horizon`: the latest made by then (ties by value).
    pub fn final_mark_of(
        &self,
        student: Sym,
        subj: Sym,
        period: Sym,
        horizon: Option<Time>,
    ) -> Option<&FinalMarkRec> {
        self.final_marks_of(student)
            .filter(|f| f.subj == subj && f.period == period && f.stamp.visible(horizon))
            .max_by(|a, b| a.stamp.cmp_time(&b.stamp).then(a.value.cmp(&b.value)))
    }
}

/// The other entries, every one.
impl Register {
    pub fn incidents(&self) -> &[IncidentRec] {
        &self.incidents
    }

    pub fn diary_views(&self) -> &[DiaryViewRec] {
        &self.diary_views
    }

    pub fn exports(&self) -> &[ExportRec] {
        &self.exports
    }
}
