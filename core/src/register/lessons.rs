//! Lessons: what no update may change ([`LessonRec`]) and each version a `lesson` event
//! made ([`LessonVersion`]), stored by `add_lesson`; the streams of lessons (a subject for
//! a class and group) and the order of lessons in them, as known at a horizon.

use std::cmp::Ordering;

use chrono::NaiveDate;
use smallvec::SmallVec;

use crate::event::raw::blank;
use crate::time::{Clock, Time};
use crate::vocab::{fold, Set, SubjectKind};

use super::*;

/// A lesson: what no update may change, and its versions.
#[derive(Debug, Clone)]
pub struct LessonRec {
    pub id: Sym,
    pub class: Sym,
    pub group: Option<Sym>,
    /// The subject as written.
    pub subject: Sym,
    /// The subject folded (case, «ё», spaces), for grouping lessons.
    pub subj: Sym,
    pub date: NaiveDate,
    /// The start of its latest version, kept here so that ordering lessons reads no
    /// version.
    start: Clock,
    /// Positions of its versions in the register, ordered by when they were made: most
    /// lessons have one or two, kept without an allocation of their own.
    pub(super) versions: SmallVec<[u32; 2]>,
    /// The entries on it.
    pub(super) on: OnLesson,
}

impl LessonRec {
    /// What it is ordered by before its id, as its latest version says.
    fn key(&self) -> LessonKey {
        (self.date, self.start)
    }
}

/// One version of a lesson: what one `lesson` event said.
#[derive(Debug, Clone)]
pub struct LessonVersion {
    pub stamp: Stamp,
    pub lesson: Sym,
    /// The lesson's class (no version may change it).
    pub class: Sym,
    pub teacher: Sym,
    pub start: Clock,
    pub end: Clock,
    /// The topic as written, stored once in the register's names.
    pub topic: Option<Sym>,
    /// Whether the topic has something in it besides spaces.
    topical: bool,
    pub works: Set<WorkKind>,
    pub briefings: Set<BriefingKind>,
    pub section: Option<Sym>,
    pub substitute: bool,
}

references!(LessonVersion { class: Class });

/// What a version of a lesson records.
impl LessonVersion {
    pub fn has_topic(&self) -> bool {
        self.topical
    }

    /// Whether the version records a briefing of this kind (in `briefing` or its topic).
    pub fn has_briefing(&self, kind: BriefingKind) -> bool {
        self.briefings.contains(kind)
    }
}

/// What lessons are ordered by before their ids: their date and start.
pub(super) type LessonKey = (NaiveDate, Clock);

/// A stream of lessons: one subject for one class and group.
pub type StreamKey = (Sym, Option<Sym>, Sym);

/// A lesson in its stream: its id beside its date, which never changes, so that the
/// lessons of some days are found in a stream without reading a lesson; and its place
/// among the register's lessons, so that reading one takes no lookup of its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub date: NaiveDate,
    pub id: Sym,
    pub(super) place: u32,
}

impl Register {
    pub(super) fn add_lesson(&mut self, l: &Lesson<impl Str>, at: At) -> Added {
        let id = self.id(&l.id);
        let class = self.id(&l.class);
        let group = text(&l.group).map(|g| self.names.intern(g));
        let (subject, subj) = self.subject(l.subject.as_ref(), at.policy);
        if let Some(old) = self.lessons.get(&id) {
            let first = self.first(old).map_or(0, |v| v.stamp.event);
            let changed = first_difference(&[
                ("class", old.class == class),
                ("group", old.group == group),
                ("subject", old.subject == subject),
                ("date", old.date == l.date),
            ]);
            if let Some(field) = changed {
                return Err(conflict("lesson", l.id.as_ref(), first, field));
            }
        }
        let stamp = self.stamp(at.index, &l.made);
        let stamp_at = stamp.at;
        let version = LessonVersion {
            stamp,
            lesson: id,
            class,
            teacher: self.id(&l.teacher),
            start: Clock::of(l.start),
            end: Clock::of(l.end),
            topic: text(&l.topic).map(|t| self.names.intern(t)),
            topical: text(&l.topic).is_some_and(|t| !blank(t)),
            works: l.work.iter().copied().collect(),
            briefings: l.briefing.iter().copied().collect(),
            section: text(&l.section).map(|s| self.names.intern(&fold(s))),
            substitute: l.substitute,
        };
        let v = index_of(&self.lesson_versions);
        self.lesson_versions.push(version);
        let is_new = !self.lessons.contains_key(&id);
        let on = if is_new {
            self.index.take_pending(id)
        } else {
            OnLesson::default()
        };
        let rec = self.lessons.or_insert_with(id, || LessonRec {
            id,
            class,
            group,
            subject,
            subj,
            date: l.date,
            start: Clock::default(),
            versions: SmallVec::new(),
            on,
        });
        let (names, versions) = (&self.names, &self.lesson_versions);
        let at = sorted_position(&rec.versions, v, |x, y| {
            cmp_versions(names, nth(versions, x), nth(versions, y))
        });
        rec.versions.insert(at, v);
        let start_before = rec.start;
        if let Some(latest) = rec.versions.last() {
            rec.start = nth(versions, *latest).start;
        }
        let moved = is_new || rec.start != start_before;
        let start = rec.start;
        self.newest_lesson = self.newest_lesson.max(stamp_at);
        if is_new {
            self.index.file_day(class, l.date, id);
            // The marks entered before their lesson was recorded join their subject now,
            // if the marks are filed by subject yet.
            let filed = self.index.subject_marks_mut();
            if let (Some(filed), Some(lesson)) = (filed, self.lessons.get(&id)) {
                for &m in &lesson.on.marks {
                    if let Some(mark) = self.marks.get(m as usize) {
                        filed.file(mark.student, (subj, l.date), m);
                    }
                }
            }
        }
        let key = (class, group, subj);
        if !moved {
            // A stream is ordered by date, latest start and id: a version that leaves the
            // latest start as it was (a topic entered later) leaves the lesson in place.
            return Ok(Stored::Lesson(v));
        }
        if !is_new {
            // The new version moved the lesson's start: place it again.
            self.index.unfile_stream(&key, id);
        }
        // The order of `sort_lessons`, with the new lesson's start read once and the others'
        // only on its day: the stream holds their dates.
        let stream = self.index.stream(&key);
        let start_of = |s: Dated| {
            if s.id == id {
                Some(start)
            } else {
                self.lessons.at(s.place).map(|l| l.start)
            }
        };
        let dated = Dated {
            date: l.date,
            id,
            place: self.lessons.place(&id).unwrap_or(u32::MAX),
        };
        let at = sorted_position(stream, dated, |a, b| {
            a.date
                .cmp(&b.date)
                .then_with(|| start_of(a).cmp(&start_of(b)))
                .then_with(|| self.names.cmp(a.id, b.id))
        });
        self.index.file_stream(key, at, dated);
        Ok(Stored::Lesson(v))
    }
}

/// Orders lesson versions by when they were made, then by content, so that two versions
/// made at the same moment are always taken in the same order.
fn cmp_versions(names: &Names, a: &LessonVersion, b: &LessonVersion) -> Ordering {
    a.stamp
        .cmp_time(&b.stamp)
        .then_with(|| names.cmp(a.teacher, b.teacher))
        .then(a.start.cmp(&b.start))
        .then(a.end.cmp(&b.end))
        .then_with(|| names.cmp_opt(a.topic, b.topic))
        .then_with(|| in_order(WorkKind::ALL, a.works).cmp(&in_order(WorkKind::ALL, b.works)))
        .then_with(|| {
            in_order(BriefingKind::ALL, a.briefings).cmp(&in_order(BriefingKind::ALL, b.briefings))
        })
        .then_with(|| names.cmp_opt(a.section, b.section))
        .then(a.substitute.cmp(&b.substitute))
}

/// The members of a set, in the order of `all`.
fn in_order<T: Copy + Into<u16>>(all: &[T], set: Set<T>) -> Vec<T> {
    all.iter().copied().filter(|x| set.contains(*x)).collect()
}

/// A lesson and its versions.
impl Register {
    /// A lesson by id.
    pub fn lesson(&self, id: Sym) -> Option<&LessonRec> {
        self.lessons.get(&id)
    }

    /// The lesson a stream holds: [`Register::lesson`] without the lookup of its id.
    pub fn lesson_in(&self, dated: &Dated) -> Option<&LessonRec> {
        self.lessons.at(dated.place)
    }

    /// Every lesson, in no particular order.
    pub fn lessons(&self) -> impl Iterator<Item = &LessonRec> + '_ {
        self.lessons.values()
    }

    /// The lesson a version belongs to.
    pub fn lesson_of(&self, version: &LessonVersion) -> Option<&LessonRec> {
        self.lessons.get(&version.lesson)
    }

    /// The versions of a lesson, in the order they were made.
    pub fn versions<'a>(
        &'a self,
        lesson: &'a LessonRec,
    ) -> impl DoubleEndedIterator<Item = &'a LessonVersion> + 'a {
        lesson
            .versions
            .iter()
            .filter_map(|v| self.lesson_versions.get(*v as usize))
    }

    /// The version of a lesson in force at `horizon`: the latest made by then, or the first
    /// if none was.
    pub fn version(&self, lesson: &LessonRec, horizon: Option<Time>) -> Option<&LessonVersion> {
        if self.every_lesson_by(horizon) {
            return self.latest(lesson);
        }
        let visible = lesson
            .versions
            .iter()
            .rev()
            .filter_map(|v| self.lesson_versions.get(*v as usize))
            .find(|v| v.stamp.visible(horizon));
        visible.or_else(|| self.first(lesson))
    }

    /// The latest version of a lesson.
    pub fn latest(&self, lesson: &LessonRec) -> Option<&LessonVersion> {
        let v = lesson.versions.last()?;
        self.lesson_versions.get(*v as usize)
    }

    /// The first version of a lesson.
    pub fn first(&self, lesson: &LessonRec) -> Option<&LessonVersion> {
        let v = lesson.versions.first()?;
        self.lesson_versions.get(*v as usize)
    }

    /// Whether a lesson existed at `horizon` (a version of it had been made).
    pub fn lesson_visible(&self, lesson: &LessonRec, horizon: Option<Time>) -> bool {
        if self.every_lesson_by(horizon) {
            return !lesson.versions.is_empty();
        }
        self.first(lesson).is_some_and(|v| v.stamp.visible(horizon))
    }

    /// Whether every lesson version had been made by `horizon` (`None`: the end of time):
    /// then every lesson exists, and stands as its latest version says.
    fn every_lesson_by(&self, horizon: Option<Time>) -> bool {
        match (self.newest_lesson, horizon) {
            (Some(newest), Some(h)) => newest <= h,
            _ => true,
        }
    }

    /// When a lesson starts, by the version in force at `horizon`.
    pub fn start_at(&self, lesson: &LessonRec, horizon: Option<Time>) -> Option<Time> {
        self.version(lesson, horizon)
            .map(|v| v.start.on(lesson.date))
    }

    /// What lessons are ordered by before their ids, as they stood at `horizon`: the date
    /// and the start of the version in force then (`None`: the latest version).
    fn lesson_key(&self, lesson: &LessonRec, horizon: Option<Time>) -> LessonKey {
        if self.every_lesson_by(horizon) {
            return lesson.key();
        }
        let start = self
            .version(lesson, horizon)
            .map_or(Clock::default(), |v| v.start);
        (lesson.date, start)
    }

    /// Sorts lessons by date, start (of the latest version) and id: the order of streams.
    pub fn sort_lessons(&self, lessons: &mut [&LessonRec]) {
        self.sort_lessons_at(lessons, None);
    }

    /// Sorts lessons in the order of [`Register::cmp_lessons_at`], each lesson's key read
    /// once: a class's lessons are its streams one after another, runs the sort merges.
    pub fn sort_lessons_at(&self, lessons: &mut [&LessonRec], horizon: Option<Time>) {
        let mut keyed: SmallVec<[(LessonKey, &LessonRec); 8]> = lessons
            .iter()
            .map(|l| (self.lesson_key(l, horizon), *l))
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| self.names.cmp(a.1.id, b.1.id)));
        for (slot, (_, lesson)) in lessons.iter_mut().zip(keyed) {
            *slot = lesson;
        }
    }

    /// Orders lessons as they stood at `horizon`: by date, start (of the version in force
    /// then) and id.
    pub fn cmp_lessons_at(&self, a: &LessonRec, b: &LessonRec, horizon: Option<Time>) -> Ordering {
        self.lesson_key(a, horizon)
            .cmp(&self.lesson_key(b, horizon))
            .then_with(|| self.names.cmp(a.id, b.id))
    }

    /// The lessons of a class on a day (every group).
    pub fn lessons_of_day(
        &self,
        class: Sym,
        date: NaiveDate,
    ) -> impl Iterator<Item = &LessonRec> + '_ {
        self.index
            .day(class, date)
            .iter()
            .filter_map(|l| self.lessons.get(l))
    }

    /// When the class's last lesson of a day ends, as recorded by `horizon`: the latest
    /// `end` among the day's lessons of every group, each as its version in force then
    /// says (a corrected end replaces the one it corrects).
    pub fn last_lesson_end(
        &self,
        class: Sym,
        date: NaiveDate,
        horizon: Option<Time>,
    ) -> Option<Clock> {
        self.lessons_of_day(class, date)
            .filter(|l| self.lesson_visible(l, horizon))
            .filter_map(|l| self.version(l, horizon))
            .map(|v| v.end)
            .max()
    }
}

/// Streams of lessons: a subject for a class and group, ordered by date, start and id.
impl Register {
    /// Every stream, in no particular order.
    pub fn streams(&self) -> impl Iterator<Item = (StreamKey, &[Dated])> + '_ {
        self.index.streams()
    }

    /// The lesson's stream: its subject for its class and group.
    pub fn stream(&self, lesson: &LessonRec) -> &[Dated] {
        self.index
            .stream(&(lesson.class, lesson.group, lesson.subj))
    }

    /// The streams whose subject is of one of `kinds`.
    pub fn streams_of_kinds<'a>(
        &'a self,
        kinds: &'a [SubjectKind],
    ) -> impl Iterator<Item = (StreamKey, &'a [Dated])> + 'a {
        self.streams()
            .filter(|((_, _, subj), _)| self.kind(*subj).is_some_and(|k| kinds.contains(&k)))
    }

    /// The streams of a class in a subject (folded): each group's lessons, ordered by date,
    /// start and id; the whole-class stream first, then the groups by name.
    pub fn streams_of(&self, class: Sym, subj: Sym) -> Vec<(Option<Sym>, &[Dated])> {
        let mut out: Vec<(Option<Sym>, &[Dated])> = self
            .index
            .groups(class, subj)
            .iter()
            .map(|group| (*group, self.index.stream(&(class, *group, subj))))
            .collect();
        out.sort_by(|a, b| self.names.cmp_opt(a.0, b.0));
        out
    }

    /// The streams of a class, every subject and group, ordered by subject and group.
    pub fn streams_of_class(&self, class: Sym) -> Vec<(StreamKey, &[Dated])> {
        let mut out: Vec<(StreamKey, &[Dated])> = self.index.class_streams(class).collect();
        out.sort_by(|a, b| {
            self.names
                .cmp(a.0 .2, b.0 .2)
                .then_with(|| self.names.cmp_opt(a.0 .1, b.0 .1))
        });
        out
    }

    /// The lessons of a stream (a list ordered by date, as [`Register::streams`] keeps it)
    /// dated from `from` to `to`, both included.
    pub fn lessons_between<'a>(
        &'a self,
        lessons: &'a [Dated],
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = &'a LessonRec> + 'a {
        self.lessons_of(dated_between(lessons, from, to))
    }

    /// The lessons of a stream (or of part of one), in its order.
    pub fn lessons_of<'a>(
        &'a self,
        stream: &'a [Dated],
    ) -> impl Iterator<Item = &'a LessonRec> + 'a {
        stream.iter().filter_map(|l| self.lesson_in(l))
    }

    /// The lessons of a class (every subject and group) dated from `from` to `to`, both
    /// included, that existed at `horizon`; ordered by date, start and id.
    pub fn class_lessons(
        &self,
        class: Sym,
        from: NaiveDate,
        to: NaiveDate,
        horizon: Option<Time>,
    ) -> Vec<&LessonRec> {
        let mut out: Vec<&LessonRec> = self
            .class_lessons_unordered(class, from, to, horizon)
            .collect();
        // Ordered by date, start and id, which no two lessons share: the order the streams
        // came in does not matter.
        self.sort_lessons(&mut out);
        out
    }

    /// Whether a class has a lesson dated from `from` to `to`, both included, that existed
    /// at `horizon`: [`Register::class_lessons`] is not empty, found without collecting
    /// and ordering them.
    pub fn has_class_lessons(
        &self,
        class: Sym,
        from: NaiveDate,
        to: NaiveDate,
        horizon: Option<Time>,
    ) -> bool {
        self.class_lessons_unordered(class, from, to, horizon)
            .next()
            .is_some()
    }

    /// [`Register::class_lessons`] in no particular order.
    fn class_lessons_unordered(
        &self,
        class: Sym,
        from: NaiveDate,
        to: NaiveDate,
        horizon: Option<Time>,
    ) -> impl Iterator<Item = &LessonRec> + '_ {
        self.index
            .class_streams(class)
            .flat_map(move |(_, lessons)| self.lessons_between(lessons, from, to))
            .filter(move |l| self.lesson_visible(l, horizon))
    }

    /// The first lesson of a stream dated from `from` to `to` (both included) among those
    /// recorded by `horizon`, in the order of [`Register::cmp_lessons_at`].
    pub fn first_lesson_between<'a>(
        &'a self,
        stream: &'a [Dated],
        from: NaiveDate,
        to: NaiveDate,
        horizon: Option<Time>,
    ) -> Option<&'a LessonRec> {
        let mut first: Option<&LessonRec> = None;
        for lesson in self.lessons_between(stream, from, to) {
            if first.is_some_and(|f| f.date < lesson.date) {
                break;
            }
            if !self.lesson_visible(lesson, horizon) {
                continue;
            }
            first = match first {
                Some(f) if self.cmp_lessons_at(f, lesson, horizon) != Ordering::Greater => Some(f),
                _ => Some(lesson),
            };
        }
        first
    }

    /// The lessons of `lesson`'s stream (its subject for its class and group) recorded by
    /// `horizon` that come before it in the order known then ([`Register::cmp_lessons_at`]),
    /// the nearest first. Lazy: a walk back from a lesson reads only the days it walks.
    pub fn stream_before<'a>(
        &'a self,
        lesson: &'a LessonRec,
        horizon: Option<Time>,
    ) -> impl Iterator<Item = &'a LessonRec> + 'a {
        // Dates never change, so the stored stream is ordered by date whatever the versions:
        // only the lessons of one day need ordering by their starts as known at `horizon`.
        let stream = self.stream(lesson);
        let end = stream.partition_point(|l| l.date <= lesson.date);
        let mut rest = stream.get(..end).unwrap_or_default();
        // A day's lessons of one stream: one or two, kept in place.
        let mut day: SmallVec<[&LessonRec; 4]> = SmallVec::new();
        std::iter::from_fn(move || loop {
            if let Some(before) = day.pop() {
                return Some(before);
            }
            let date = rest.last()?.date;
            let (earlier, that_day) = rest.split_at(rest.partition_point(|l| l.date < date));
            rest = earlier;
            day = self
                .lessons_of(that_day)
                .filter(|l| l.id != lesson.id && self.lesson_visible(l, horizon))
                .filter(|l| self.cmp_lessons_at(l, lesson, horizon).is_lt())
                .collect();
            self.sort_lessons_at(&mut day, horizon);
        })
    }

    /// The next lesson of `lesson`'s stream recorded by `horizon`: the first after it in
    /// the order known then ([`Register::cmp_lessons_at`]), on the same day or later. `None`
    /// when none was recorded.
    pub fn next_lesson(&self, lesson: &LessonRec, horizon: Option<Time>) -> Option<&LessonRec> {
        let mut best: Option<&LessonRec> = None;
        for next in dated_between(self.stream(lesson), lesson.date, NaiveDate::MAX) {
            if best.is_some_and(|b| next.date > b.date) {
                break;
            }
            if next.id == lesson.id {
                continue;
            }
            let Some(other) = self.lesson_in(next) else {
                continue;
            };
            if !self.lesson_visible(other, horizon) {
                continue;
            }
            let after = self.cmp_lessons_at(other, lesson, horizon) == Ordering::Greater;
            let earlier = best.is_none_or(|b| self.cmp_lessons_at(other, b, horizon).is_lt());
            if after && earlier {
                best = Some(other);
            }
        }
        best
    }

    /// Whether `staff` was the teacher (in the version in force at `horizon`) of a lesson of
    /// a subject (folded) in a class, any group, dated from `from` to `to`, that existed at
    /// `horizon`.
    pub fn taught(
        &self,
        staff: Sym,
        class: Sym,
        subj: Sym,
        from: NaiveDate,
        to: NaiveDate,
        horizon: Option<Time>,
    ) -> bool {
        // Any group will do: the streams are read in no order, nor gathered.
        self.index.groups(class, subj).iter().any(|group| {
            let lessons = self.index.stream(&(class, *group, subj));
            self.lessons_between(lessons, from, to).any(|l| {
                self.lesson_visible(l, horizon)
                    && self.version(l, horizon).is_some_and(|v| v.teacher == staff)
            })
        })
    }

    /// Whether `staff` was the teacher (in the version in force at `horizon`) of any lesson
    /// of a class, any subject and group, that existed at `horizon`.
    pub fn taught_class(&self, staff: Sym, class: Sym, horizon: Option<Time>) -> bool {
        self.index
            .class_streams(class)
            .flat_map(|(_, lessons)| self.lessons_of(lessons))
            .any(|l| {
                self.lesson_visible(l, horizon)
                    && self.version(l, horizon).is_some_and(|v| v.teacher == staff)
            })
    }

    /// The school years, in order, that the lessons of a stream recorded by `horizon` fall
    /// in, for the grade of the stream's class (see [`Register::school_year`]).
    pub fn school_years_of(
        &self,
        stream: &[Dated],
        grade: u8,
        horizon: Option<Time>,
    ) -> Vec<SchoolYear> {
        let mut out: Vec<SchoolYear> = Vec::new();
        for lesson in self.lessons_of(stream) {
            if out.last().is_some_and(|y| y.contains(lesson.date))
                || !self.lesson_visible(lesson, horizon)
            {
                continue;
            }
            if let Some(year) = self.school_year(grade, lesson.date) {
                out.push(year);
            }
        }
        out
    }
}

/// The part of a stream dated from `from` to `to`, both included.
fn dated_between(stream: &[Dated], from: NaiveDate, to: NaiveDate) -> &[Dated] {
    let first = stream.partition_point(|l| l.date < from);
    let end = stream.partition_point(|l| l.date <= to);
    stream.get(first..end).unwrap_or_default()
}
