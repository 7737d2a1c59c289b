//! The register's indexes: which entries stand on a lesson, which marks a student has in a
//! subject, which lessons make a stream, which students a class has. Kept apart from the
//! records so that a rule asks through a query of the register and never walks an index
//! itself; each index is filed as the records are stored, but the marks by subject, filed
//! all at once when first asked for. (The attendance and marks on a recorded lesson are
//! the exception: its record keeps them, see [`OnLesson`].)

use std::sync::OnceLock;

use chrono::NaiveDate;
use rustc_hash::FxHashMap as Map;
use smallvec::SmallVec;

use super::{Dated, StreamKey, Sym, SymMap};

/// Every index of the register: positions in its lists, or ids.
#[derive(Debug, Clone, Default)]
pub(super) struct Indexes {
    /// Lessons of each stream, ordered by date, start and id.
    streams: Map<StreamKey, Vec<Dated>>,
    /// The groups (`None`: the whole class) of each class and subject (folded) with lessons.
    class_subject_groups: Map<(Sym, Sym), Vec<Option<Sym>>>,
    /// The subjects (folded) of each class with lessons, in the order their first lessons
    /// were stored: a class's streams without a walk over every stream of the register.
    class_subjects: SymMap<Vec<Sym>>,
    /// Lessons of a class on a day.
    class_days: Map<(Sym, NaiveDate), Day>,
    /// The entries on lessons not recorded (yet): a lesson's own are in its record, and
    /// move there when it is recorded.
    pending: SymMap<OnLesson>,
    /// Homework entries of a lesson, in the order they were stored.
    homework_by_lesson: SymMap<Positions>,
    /// Marks of a student in each subject (folded): the marks whose lesson is recorded,
    /// each with its lesson's date, so that a period's marks are found without reading
    /// the others. Filed when first asked for, and from then on as marks and lessons are
    /// stored (see [`Indexes::subject_marks`]).
    marks_by_subject: OnceLock<SubjectMarks>,
    finals_by_student: SymMap<Positions>,
    students_by_class: SymMap<Vec<Sym>>,
    class_teachers: SymMap<Vec<Sym>>,
    by_student: SymMap<StudentFacts>,
}

/// The marks of each student in each subject (folded), each list in the order the marks
/// were filed: as they came, a mark stored before its lesson with its lesson.
#[derive(Debug, Clone, Default)]
pub(super) struct SubjectMarks(SymMap<Vec<(Sym, Vec<DatedMark>)>>);

impl SubjectMarks {
    /// Files a mark under its student and its lesson's subject (folded) and date.
    pub(super) fn file(&mut self, student: Sym, (subj, date): (Sym, NaiveDate), mark: u32) {
        let subjects = self.0.or_default(student);
        match subjects.iter_mut().find(|(s, _)| *s == subj) {
            Some((_, marks)) => marks.push((date, mark)),
            None => subjects.push((subj, vec![(date, mark)])),
        }
    }

    fn get(&self, student: Sym, subj: Sym) -> &[DatedMark] {
        self.0
            .get(&student)
            .and_then(|subjects| subjects.iter().find(|(s, _)| *s == subj))
            .map(|(_, marks)| marks.as_slice())
            .unwrap_or_default()
    }

    /// Every list, to be put in order.
    pub(super) fn lists_mut(&mut self) -> impl Iterator<Item = &mut Vec<DatedMark>> + '_ {
        self.0.values_mut().flatten().map(|(_, marks)| marks)
    }
}

/// Facts about a student kept outside the declaration: positions in the register's lists.
#[derive(Debug, Clone, Default)]
pub(super) struct StudentFacts {
    pub(super) left: Vec<u32>,
    pub(super) group_changes: Vec<u32>,
    pub(super) home_schooling: Vec<u32>,
    pub(super) sanatoriums: Vec<u32>,
    pub(super) paper_reports: Vec<u32>,
    pub(super) parent_notices: Vec<u32>,
}

/// The positions of the attendance and the marks on a lesson, the entries most lessons
/// have and most rules read. A recorded lesson keeps them in its record
/// ([`super::LessonRec`]): a rule that holds the lesson reads them without a lookup, from
/// memory it has just read. (Homework, one entry a lesson at most, is kept apart: in every
/// lesson's record it would cost more memory than it saves time.)
#[derive(Debug, Clone, Default)]
pub struct OnLesson {
    /// Attendance entries, every student's, ordered by when they were made.
    pub(super) attendance: Positions,
    /// Marks, in the order they were stored.
    pub(super) marks: Positions,
}

/// The lessons of a class on a day: a handful, kept in the table's own entry.
pub(super) type Day = SmallVec<[Sym; 6]>;

/// A mark's position, with its lesson's date.
pub(super) type DatedMark = (NaiveDate, u32);

/// The positions of a lesson's or a student's entries. Most lessons have a few entries of
/// a kind, so up to four are kept in the table's own entry (in the 24 bytes a `Vec` takes):
/// no allocation of their own, and no further cache line to reach when they are read.
pub(super) type Positions = SmallVec<[u32; 4]>;

/// The list behind a key of a table of lists, empty when there is none.
fn list<T, L: AsRef<[T]>>(table: Option<&L>) -> &[T] {
    table.map(AsRef::as_ref).unwrap_or_default()
}

impl Indexes {
    /// The lessons of a stream, ordered by date, start and id.
    pub(super) fn stream(&self, key: &StreamKey) -> &[Dated] {
        list(self.streams.get(key))
    }

    /// Every stream, in no particular order.
    pub(super) fn streams(&self) -> impl Iterator<Item = (StreamKey, &[Dated])> + '_ {
        self.streams
            .iter()
            .map(|(key, lessons)| (*key, lessons.as_slice()))
    }

    /// The groups (`None`: the whole class) with lessons of a class in a subject (folded),
    /// in the order their first lessons were stored.
    pub(super) fn groups(&self, class: Sym, subj: Sym) -> &[Option<Sym>] {
        list(self.class_subject_groups.get(&(class, subj)))
    }

    /// The streams of a class, every subject and group, in no particular order.
    pub(super) fn class_streams(
        &self,
        class: Sym,
    ) -> impl Iterator<Item = (StreamKey, &[Dated])> + '_ {
        list(self.class_subjects.get(&class))
            .iter()
            .flat_map(move |subj| {
                self.groups(class, *subj)
                    .iter()
                    .map(move |group| (class, *group, *subj))
            })
            .map(|key| (key, self.stream(&key)))
    }

    /// Places a lesson at a position of its stream; a new stream's group is filed under
    /// its class and subject.
    pub(super) fn file_stream(&mut self, key: StreamKey, at: usize, lesson: Dated) {
        let (class, group, subj) = key;
        let stream = self.streams.entry(key).or_insert_with(|| {
            let groups = self.class_subject_groups.entry((class, subj)).or_default();
            if groups.is_empty() {
                self.class_subjects.or_default(class).push(subj);
            }
            groups.push(group);
            Vec::new()
        });
        stream.insert(at.min(stream.len()), lesson);
    }

    /// Takes a lesson out of its stream, to place it again.
    pub(super) fn unfile_stream(&mut self, key: &StreamKey, lesson: Sym) {
        if let Some(stream) = self.streams.get_mut(key) {
            stream.retain(|s| s.id != lesson);
        }
    }

    /// The lessons of a class on a day (every group).
    pub(super) fn day(&self, class: Sym, date: NaiveDate) -> &[Sym] {
        list(self.class_days.get(&(class, date)))
    }

    pub(super) fn file_day(&mut self, class: Sym, date: NaiveDate, lesson: Sym) {
        self.class_days
            .entry((class, date))
            .or_default()
            .push(lesson);
    }

    /// The entries on a lesson not recorded (yet).
    pub(super) fn pending(&self, lesson: Sym) -> Option<&OnLesson> {
        self.pending.get(&lesson)
    }

    /// The entries on a lesson not recorded yet, to file one.
    pub(super) fn pending_mut(&mut self, lesson: Sym) -> &mut OnLesson {
        self.pending.or_default(lesson)
    }

    /// The lessons not recorded with entries on them, each with its entries.
    pub(super) fn pending_lessons(&self) -> impl Iterator<Item = (Sym, &OnLesson)> + '_ {
        self.pending.iter()
    }

    /// Takes the entries on a lesson being recorded, which its record keeps from now on.
    pub(super) fn take_pending(&mut self, lesson: Sym) -> OnLesson {
        self.pending
            .get_mut(&lesson)
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// A student's marks in a subject (folded) whose lesson is recorded, each with its
    /// lesson's date. The first question files every mark at once, by `file_all`: a
    /// register loaded in bulk is filed in the order settling gave its records, each
    /// class's together, rather than mark by mark in the order they came, every student's
    /// lists a school's day apart.
    pub(super) fn subject_marks(
        &self,
        student: Sym,
        subj: Sym,
        file_all: impl FnOnce() -> SubjectMarks,
    ) -> &[DatedMark] {
        self.marks_by_subject
            .get_or_init(file_all)
            .get(student, subj)
    }

    /// The marks filed by subject, to file one more, once they are filed; till then, the
    /// first question files every mark with the others.
    pub(super) fn subject_marks_mut(&mut self) -> Option<&mut SubjectMarks> {
        self.marks_by_subject.get_mut()
    }

    /// The places of the lessons in the streams, stream by stream (ordered by date, start
    /// and id), each class's streams together, the classes in the order their first
    /// lessons were stored.
    pub(super) fn lesson_places(&self) -> impl Iterator<Item = u32> + '_ {
        self.class_subjects
            .iter()
            .flat_map(|(class, _)| self.class_streams(class))
            .flat_map(|(_, lessons)| lessons.iter().map(|lesson| lesson.place))
    }

    /// Renumbers the lessons' places in the streams: the lesson at `i` is now at `to[i]`.
    pub(super) fn remap_lessons(&mut self, to: &[u32]) {
        for lesson in self.streams.values_mut().flatten() {
            super::settle::renumber(&mut lesson.place, to);
        }
    }

    /// Renumbers, through `remap_on`, the entries waiting for lessons not recorded yet; and
    /// forgets the marks filed by subject, to be filed again in the new order when next
    /// asked for.
    pub(super) fn remap_entries(&mut self, remap_on: impl Fn(&mut OnLesson)) {
        for on in self.pending.values_mut() {
            remap_on(on);
        }
        self.marks_by_subject = OnceLock::new();
    }

    /// The homework entries of a lesson.
    pub(super) fn homework(&self, lesson: Sym) -> &[u32] {
        list(self.homework_by_lesson.get(&lesson))
    }

    pub(super) fn file_homework(&mut self, lesson: Sym, homework: u32) {
        self.homework_by_lesson.or_default(lesson).push(homework);
    }

    /// A student's final marks.
    pub(super) fn finals(&self, student: Sym) -> &[u32] {
        list(self.finals_by_student.get(&student))
    }

    pub(super) fn file_final(&mut self, student: Sym, mark: u32) {
        self.finals_by_student.or_default(student).push(mark);
    }

    /// The students declared in a class, in the order they were declared.
    pub(super) fn students(&self, class: Sym) -> &[Sym] {
        list(self.students_by_class.get(&class))
    }

    pub(super) fn file_student(&mut self, class: Sym, student: Sym) {
        self.students_by_class.or_default(class).push(student);
    }

    /// The class teachers declared for a class, in the order they were declared.
    pub(super) fn class_teachers(&self, class: Sym) -> &[Sym] {
        list(self.class_teachers.get(&class))
    }

    pub(super) fn file_class_teacher(&mut self, class: Sym, staff: Sym) {
        self.class_teachers.or_default(class).push(staff);
    }

    /// The facts filed about a student.
    pub(super) fn facts(&self, student: Sym) -> Option<&StudentFacts> {
        self.by_student.get(&student)
    }

    /// The facts about a student, to file one.
    pub(super) fn facts_mut(&mut self, student: Sym) -> &mut StudentFacts {
        self.by_student.or_default(student)
    }
}
