//! The entries made on lessons and about students (SPEC §1.2) other than the lessons
//! themselves: absences, marks, homework, final marks, incidents, the diary's views, paper
//! reports, exports, notices to parents and annual decisions. Each record with the
//! `add_<kind>` that stores it, and the queries about them as known at a horizon.

use chrono::NaiveDate;

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
    pub(super) fn add_attendance(&mut self, a: &Attendance<impl Str>, at: At) -> Added {
        let rec = AttendanceRec {
            stamp: self.stamp(at.index, &a.made),
            lesson: self.id(&a.lesson),
            student: self.person(&a.student),
            code: a.code,
        };
        let (lesson, i) = (rec.lesson, push(&mut self.attendance, rec));
        let list = &self.attendance;
        let on = on_lesson_mut(&mut self.lessons, &mut self.index, lesson);
        insert_sorted(&mut on.attendance, i, |x, y| {
            let (x, y) = (nth(list, x), nth(list, y));
            x.stamp.cmp_time(&y.stamp).then(x.code.cmp(&y.code))
        });
        Ok(Stored::Attendance(i))
    }

    pub(super) fn add_mark(&mut self, m: &Mark<impl Str>, at: At) -> Added {
        let rec = MarkRec {
            stamp: self.stamp(at.index, &m.made),
            lesson: self.id(&m.lesson),
            student: self.person(&m.student),
            value: m.value.get(),
            work: m.work,
            basis: m.basis,
        };
        let (lesson, student) = (rec.lesson, rec.student);
        let i = push(&mut self.marks, rec);
        match self.lessons.get_mut(&lesson) {
            Some(rec) => {
                rec.on.marks.push(i);
                if let Some(filed) = self.index.subject_marks_mut() {
                    filed.file(student, (rec.subj, rec.date), i);
                }
            }
            // A mark whose lesson is not recorded yet joins its subject with the lesson.
            None => self.index.pending_mut(lesson).marks.push(i),
        }
        Ok(Stored::Mark(i))
    }

    pub(super) fn add_homework(&mut self, h: &Homework<impl Str>, at: At) -> Added {
        let rec = HomeworkRec {
            stamp: self.stamp(at.index, &h.made),
            lesson: self.id(&h.lesson),
            text: h.text.as_ref().into(),
            students: h.students.iter().map(|s| self.person(s)).collect(),
        };
        let (lesson, i) = (rec.lesson, push(&mut self.homework, rec));
        self.index.file_homework(lesson, i);
        Ok(Stored::Homework(i))
    }

    pub(super) fn add_final_mark(&mut self, f: &FinalMark<impl Str>, at: At) -> Added {
        let (subject, subj) = self.subject(f.subject.as_ref(), at.policy);
        let rec = FinalMarkRec {
            stamp: self.stamp(at.index, &f.made),
            student: self.person(&f.student),
            subject,
            subj,
            period: self.id(&f.period),
            value: f.value,
        };
        let (student, i) = (rec.student, push(&mut self.final_marks, rec));
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
    pub(super) fn add_incident(&mut self, n: &Incident<impl Str>, at: At) -> Added {
        let stamp = self.stamp(at.index, &n.made);
        let class = self.id(&n.class);
        let (subject, subj) = self.subject(n.subject.as_ref(), at.policy);
        let date = n.date;
        let rec = IncidentRec {
            stamp,
            class,
            subject,
            subj,
            date,
        };
        Ok(Stored::Incident(push(&mut self.incidents, rec)))
    }

    pub(super) fn add_diary_view(&mut self, v: &DiaryView<impl Str>, at: At) -> Added {
        let rec = DiaryViewRec {
            // A parent's own act: nobody else may make it, and nobody is checked.
            stamp: self.stamp_without_author(at.index, &v.made),
            parent: self.person(&v.parent),
            student: self.person(&v.student),
            section: v.section,
        };
        Ok(Stored::DiaryView(push(&mut self.diary_views, rec)))
    }

    pub(super) fn add_paper_report(&mut self, e: &PaperReport<impl Str>, at: At) -> Added {
        let rec = self.dated(&e.student, e.date, &e.made, at);
        let (student, i) = (rec.student, push(&mut self.paper_reports, rec));
        self.index.facts_mut(student).paper_reports.push(i);
        Ok(Stored::PaperReport(i))
    }

    pub(super) fn add_journal_export(&mut self, x: &JournalExport<impl Str>, at: At) -> Added {
        let rec = ExportRec {
            stamp: self.stamp(at.index, &x.made),
            class: self.id(&x.class),
            date: x.date,
            signed: x.signed,
        };
        Ok(Stored::JournalExport(push(&mut self.exports, rec)))
    }

    pub(super) fn add_parent_notice(&mut self, n: &ParentNotice<impl Str>, at: At) -> Added {
        let rec = ParentNoticeRec {
            stamp: self.stamp(at.index, &n.made),
            student: self.person(&n.student),
            reason: n.reason,
            date: n.date,
            parent: n.parent.as_ref().map(|p| self.person(p)),
        };
        let (student, i) = (rec.student, push(&mut self.parent_notices, rec));
        self.index.facts_mut(student).parent_notices.push(i);
        Ok(Stored::ParentNotice(i))
    }

    pub(super) fn add_annual_decision(&mut self, d: &AnnualDecision<impl Str>, at: At) -> Added {
        let rec = DecisionRec {
            stamp: self.stamp(at.index, &d.made),
            student: self.person(&d.student),
            decision: d.decision,
        };
        Ok(Stored::AnnualDecision(push(&mut self.decisions, rec)))
    }
}

/// The entries on a lesson, to file one: in its record when it is recorded, else among the
/// entries waiting for their lesson.
fn on_lesson_mut<'a>(
    lessons: &'a mut SymMap<LessonRec>,
    index: &'a mut Indexes,
    lesson: Sym,
) -> &'a mut OnLesson {
    match lessons.get_mut(&lesson) {
        Some(rec) => &mut rec.on,
        None => index.pending_mut(lesson),
    }
}

/// A lesson as a query of its entries names it: by its id, or by its record where the
/// caller holds it, which keeps the entries on it (no lookup, and memory just read).
pub trait LessonRef<'r>: Copy {
    /// The entries on the lesson, if any.
    fn on(self, reg: &'r Register) -> Option<&'r OnLesson>;
}

impl<'r> LessonRef<'r> for Sym {
    fn on(self, reg: &'r Register) -> Option<&'r OnLesson> {
        match reg.lessons.get(&self) {
            Some(rec) => Some(&rec.on),
            None => reg.index.pending(self),
        }
    }
}

impl<'r> LessonRef<'r> for &'r LessonRec {
    fn on(self, _: &'r Register) -> Option<&'r OnLesson> {
        Some(&self.on)
    }
}

/// The positions of one kind of entries on a lesson (none when nothing stands on it).
fn on_lesson<'r>(
    reg: &'r Register,
    lesson: impl LessonRef<'r>,
    kind: fn(&OnLesson) -> &Positions,
) -> &'r [u32] {
    lesson.on(reg).map_or(&[], |on| kind(on).as_slice())
}

/// Absences: a cell (a lesson and a student) and its entries, as known at a horizon.
impl Register {
    /// The attendance entries of a lesson, every student's, in the order they were made.
    pub fn attendance_on<'r>(
        &'r self,
        lesson: impl LessonRef<'r>,
    ) -> impl DoubleEndedIterator<Item = &'r AttendanceRec> + 'r {
        records(
            &self.attendance,
            on_lesson(self, lesson, |on| &on.attendance),
        )
    }

    /// The attendance entries of a lesson and student, in the order they were made.
    pub fn cell<'r>(
        &'r self,
        lesson: impl LessonRef<'r>,
        student: Sym,
    ) -> impl DoubleEndedIterator<Item = &'r AttendanceRec> + 'r {
        self.attendance_on(lesson)
            .filter(move |a| a.student == student)
    }

    /// The attendance code of a student on a lesson at `horizon`: the latest entry made by
    /// then, or `None` when nothing was entered.
    pub fn code<'r>(
        &'r self,
        lesson: impl LessonRef<'r>,
        student: Sym,
        horizon: Option<Time>,
    ) -> Option<AttendanceCode> {
        self.cell(lesson, student)
            .rev()
            .find(|a| a.stamp.visible(horizon))
            .map(|a| a.code)
    }

    /// Every student's attendance code on a lesson at `horizon`, as [`Register::code`]
    /// gives each, from one walk over the lesson's entries: into `out`, emptied first.
    pub fn codes_into<'r>(
        &'r self,
        lesson: impl LessonRef<'r>,
        horizon: Option<Time>,
        out: &mut Vec<(Sym, AttendanceCode)>,
    ) {
        out.clear();
        for entry in self
            .attendance_on(lesson)
            .filter(|a| a.stamp.visible(horizon))
        {
            match out
                .iter_mut()
                .find(|(student, _)| *student == entry.student)
            {
                Some((_, code)) => *code = entry.code,
                None => out.push((entry.student, entry.code)),
            }
        }
    }

    /// Whether a student was marked absent on a lesson at `horizon`.
    pub fn absent<'r>(
        &'r self,
        lesson: impl LessonRef<'r>,
        student: Sym,
        horizon: Option<Time>,
    ) -> bool {
        self.code(lesson, student, horizon)
            .is_some_and(AttendanceCode::is_absence)
    }

    /// Every lesson and student with attendance entries, each pair once, in no particular
    /// order.
    pub fn attendance_cells(&self) -> impl Iterator<Item = (Sym, Sym)> + '_ {
        let recorded = self.lessons.iter().map(|(id, rec)| (id, &rec.on));
        let on_lessons = recorded.chain(self.index.pending_lessons());
        on_lessons.flat_map(|(lesson, on)| {
            // A lesson's absences are few: kept in place, not allocated.
            let mut students: SmallVec<[Sym; 8]> = records(&self.attendance, &on.attendance)
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
    pub fn marks_on<'r>(
        &'r self,
        lesson: impl LessonRef<'r>,
    ) -> impl Iterator<Item = &'r MarkRec> + 'r {
        records(&self.marks, on_lesson(self, lesson, |on| &on.marks))
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
        // The index keeps each mark's lesson's date, which never changes: the marks of
        // other days are not read.
        self.index
            .subject_marks(student, subj, || self.file_subject_marks())
            .iter()
            .filter(move |(date, _)| start <= *date && *date <= end)
            .filter_map(|(_, i)| self.marks.get(*i as usize))
            .filter(move |m| m.stamp.visible(horizon))
            .filter_map(|m| Some((m, self.lessons.get(&m.lesson)?)))
            .filter(move |(_, l)| {
                l.subj == subj
                    // A mark stands on its lesson: it was not there before the lesson was.
                    && self.lesson_visible(l, horizon)
            })
    }

    /// Every mark whose lesson is recorded, filed by student and subject, each list in the
    /// order the marks would have been filed as they were stored: a mark when it came, or,
    /// stored before its lesson, when the lesson came (after those filed before, in the
    /// order the marks came).
    fn file_subject_marks(&self) -> SubjectMarks {
        let mut filed = SubjectMarks::default();
        // When each mark was filed, by its position: the event it came in, or its lesson's
        // first if that came later; then its own.
        let mut filed_at = vec![0u64; self.marks.len()];
        for ((i, mark), at) in (0..).zip(&self.marks).zip(&mut filed_at) {
            if let Some(l) = self.lessons.get(&mark.lesson) {
                filed.file(mark.student, (l.subj, l.date), i);
                let recorded = self.versions(l).map(|v| v.stamp.event).min();
                let event = mark.stamp.event;
                let when = recorded.map_or(event, |recorded| recorded.max(event));
                *at = u64::from(when) << 32 | u64::from(event);
            }
        }
        // Settled, the marks lie lesson by lesson: a list is mostly in order already.
        let key = |&(_, i): &DatedMark| filed_at.get(i as usize).copied().unwrap_or(u64::MAX);
        for list in filed.lists_mut() {
            if !list.is_sorted_by_key(key) {
                list.sort_by_key(key);
            }
        }
        filed
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
                .then_with(|| self.cmp_finals(a, b))
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
    /// `horizon`: the latest made by then (ties by value, author and subject as written).
    pub fn final_mark_of(
        &self,
        student: Sym,
        subj: Sym,
        period: Sym,
        horizon: Option<Time>,
    ) -> Option<&FinalMarkRec> {
        self.final_marks_of(student)
            .filter(|f| f.subj == subj && f.period == period && f.stamp.visible(horizon))
            .max_by(|a, b| self.cmp_finals(a, b))
    }

    /// Orders final marks of a subject and period by when they were made, then by content
    /// (value, author, subject as written), so that of two made at the same moment the
    /// same one is in force whatever the order of the input.
    fn cmp_finals(&self, a: &FinalMarkRec, b: &FinalMarkRec) -> std::cmp::Ordering {
        a.stamp
            .cmp_time(&b.stamp)
            .then(a.value.cmp(&b.value))
            .then_with(|| self.names.cmp_opt(a.stamp.by, b.stamp.by))
            .then_with(|| self.names.cmp(a.subject, b.subject))
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
