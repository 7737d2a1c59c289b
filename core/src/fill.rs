//! The register's fill figures («наполняемость» and «своевременность», SPEC §8): what the
//! portals' own reports give per teacher and per class, computed from the register at
//! `as_of`, in the report's `summary.fill`.
//!
//! Every figure counts lessons **held by `as_of`**: lessons recorded by then (a version
//! of the lesson made by then) whose day is over by then. A lesson is its teacher's as the
//! version in force at `as_of` names them (a substitute is the lesson's teacher), and its
//! class's; it falls in the week (Monday to Sunday) of its date. Deadlines are the rules':
//! 2.7 (`lesson_entered_late`), 2.8 (`homework_entered_late`), 3.3 (`work_graded_late`,
//! `work_marks_missing`).
//!
//! A figure is a [`Share`], `n` of `of`. It is absent (`None`), never 0, when the register's
//! source does not carry what it needs (SPEC §1.3: an extract that lacks topics, homework,
//! marks, attendance or entry times), or when there is nothing to measure it on (no lesson
//! in a grade that gets marks, no topic whose entry time is known …). On a part of a
//! register each lesson counts in the figures its source can give: a lesson whose source
//! lacks topics is in no topic figure's base, and a figure whose base is empty is absent;
//! the students of a lesson are those the part holds.
//!
//! The register is read only through [`Source`], at the end of this file: the queries it
//! makes are listed there.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap as Map;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::event::{Lack, WorkKind};
use crate::policy::{Deadline, Policy};
use crate::register::{LessonRec, LessonVersion, MarkRec, Register, Sym, Who};
use crate::report::Finding;
use crate::time::{self, Clock, Time};

/// The students or marks of one lesson, counted for every lesson: a class's worth kept in
/// place rather than allocated each time.
type Few<T> = SmallVec<[T; 32]>;

/// A count out of a base: `n` of `of` (`n` may exceed `of` for marks, several to a cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Share {
    pub n: usize,
    pub of: usize,
}

impl Share {
    /// `n / of`; `None` when `of` is 0.
    pub fn ratio(&self) -> Option<f64> {
        (self.of > 0).then(|| self.n as f64 / self.of as f64)
    }
}

/// The fill figures of one teacher, class or week, or of the whole register.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FillRow {
    /// Lessons held: recorded by `as_of`, their day over by then.
    pub lessons: usize,
    /// Lessons held whose version in force at `as_of` has a non-empty topic, of the lessons
    /// held. Absent when the source lacks topics.
    pub with_topic: Option<Share>,
    /// Lessons whose topic was first entered on the lesson's day (2.7): the earliest
    /// version with a topic, made by `as_of`, was made before the end of the lesson's date,
    /// school time. Of the lessons with a topic whose first version with a topic has an
    /// `at` (without one, its time is unknown and the lesson is in neither count). Absent
    /// when the source lacks topics or entry times.
    pub topic_on_time: Option<Share>,
    /// Lessons with homework (any homework entry made by `as_of`, for the class or for
    /// some students), of the lessons held in grades that get homework (not in
    /// `no_marks_grades`, 2.6). Absent when the source lacks homework.
    pub with_homework: Option<Share>,
    /// Lessons whose first homework entry was made by the deadline of 2.8: the end of the
    /// class's last lesson that day (every group, as the versions in force at `as_of`
    /// say) plus `homework_deadline_after_last_lesson` minutes, that moment included. Of
    /// the lessons with homework every entry of which has an `at`. Absent when the source
    /// lacks homework or entry times.
    pub homework_on_time: Option<Share>,
    /// «Накопляемость»: `n` current marks made by `as_of` on the lessons held in grades
    /// that get marks, over `of` student-lessons — the lesson's students on its date
    /// (enrolled, of its class and group), summed over those lessons. `n / of` is the
    /// figure: marks per student per lesson. Absent when the source lacks marks.
    pub marks: Option<Share>,
    /// Written works graded on time (3.3): each kind of work on a lesson held (its version
    /// in force at `as_of`) that has a `grading_deadlines` entry for the class's grade,
    /// once that deadline has passed by `as_of` — `n` days: the end of the day `n` days
    /// after the lesson; `next_lesson`: the start of the next lesson of the stream recorded
    /// by `as_of` (none: not yet due). It is graded on time when every student owed a mark
    /// (the lesson's students not marked absent, not home-schooled that day) has a mark
    /// for that kind of work on the lesson made by the deadline (before the end of that
    /// day; at the next lesson's start or earlier). A work whose lateness cannot be told
    /// (no student's mark late or missing, some made without `at`) and a work nobody owed
    /// a mark for are in neither count. Absent when the source lacks marks, attendance or
    /// entry times.
    pub works_on_time: Option<Share>,
    /// Findings by severity (`error`, `warning`, `info`): of the teacher (the finding's
    /// `teacher`), of the class (its `class`), of the week (its `date`), or all of them.
    pub findings: BTreeMap<String, usize>,
}

/// The fill figures of a register at `as_of` (SPEC §8): per teacher, per class, per week,
/// and for the whole register.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Fill {
    /// The first and the last date of the lessons held.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The whole register.
    pub total: FillRow,
    /// By teacher (staff id): the teachers of the lessons held and of the findings.
    pub teachers: BTreeMap<String, FillRow>,
    /// By class (class id): the classes of the lessons held and of the findings.
    pub classes: BTreeMap<String, FillRow>,
    /// By week, keyed by its Monday (`YYYY-MM-DD`): the weeks of the lessons held and of
    /// dated findings.
    pub weeks: BTreeMap<String, FillRow>,
}

/// The kinds of data a register's source does not carry (SPEC §1.3), as far as the figures
/// need them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lacks {
    pub topic: bool,
    pub homework: bool,
    pub attendance: bool,
    pub marks: bool,
    pub at: bool,
    pub teacher: bool,
}

/// Counts being added up for one row.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Tally {
    lessons: usize,
    with_topic: Share,
    topic_on_time: Share,
    with_homework: Share,
    homework_on_time: Share,
    marks: Share,
    works_on_time: Share,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.lessons += other.lessons;
        for (a, b) in [
            (&mut self.with_topic, other.with_topic),
            (&mut self.topic_on_time, other.topic_on_time),
            (&mut self.with_homework, other.with_homework),
            (&mut self.homework_on_time, other.homework_on_time),
            (&mut self.marks, other.marks),
            (&mut self.works_on_time, other.works_on_time),
        ] {
            a.n += b.n;
            a.of += b.of;
        }
    }

    /// The row of these counts: a figure with nothing in its base is absent.
    fn row(&self) -> FillRow {
        let share = |share: Share| (share.of > 0).then_some(share);
        FillRow {
            lessons: self.lessons,
            with_topic: share(self.with_topic),
            topic_on_time: share(self.topic_on_time),
            with_homework: share(self.with_homework),
            homework_on_time: share(self.homework_on_time),
            marks: share(self.marks),
            works_on_time: share(self.works_on_time),
            findings: BTreeMap::new(),
        }
    }
}

/// Counts `n` of `of`: one more in the base, and in the count when `yes`.
fn count(share: &mut Share, yes: bool) {
    share.of += 1;
    share.n += usize::from(yes);
}

/// The Monday of a date's week.
fn monday(date: NaiveDate) -> NaiveDate {
    time::add_days(date, -i64::from(date.weekday().num_days_from_monday()))
}

/// The counts of the fill figures over a share of the lessons held (see [`counts`]),
/// before they are added up with the other shares and named ([`fill`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Counts {
    teachers: Map<Sym, Tally>,
    classes: Map<Sym, Tally>,
    /// Ordered by Monday; a register spans a few dozen weeks.
    weeks: Vec<(NaiveDate, Tally)>,
    total: Tally,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Counts {
    /// Counts one lesson's figures in its teacher's (when its source names one), class's
    /// and week's rows, and in the total.
    fn add_lesson(&mut self, teacher: Option<Sym>, lesson: &LessonRec, tally: &Tally) {
        if let Some(teacher) = teacher {
            self.teachers.entry(teacher).or_default().add(tally);
        }
        self.classes.entry(lesson.class).or_default().add(tally);
        self.add_week(monday(lesson.date), tally);
        self.total.add(tally);
        self.from = Some(self.from.map_or(lesson.date, |d| d.min(lesson.date)));
        self.to = Some(self.to.map_or(lesson.date, |d| d.max(lesson.date)));
    }

    fn add_week(&mut self, week: NaiveDate, tally: &Tally) {
        let at = self.weeks.partition_point(|(w, _)| *w < week);
        match self.weeks.get_mut(at).filter(|(w, _)| *w == week) {
            Some((_, row)) => row.add(tally),
            None => self.weeks.insert(at, (week, *tally)),
        }
    }

    /// Adds the counts of another share of the lessons.
    pub(crate) fn add(&mut self, other: Counts) {
        for (teacher, tally) in other.teachers {
            self.teachers.entry(teacher).or_default().add(&tally);
        }
        for (class, tally) in other.classes {
            self.classes.entry(class).or_default().add(&tally);
        }
        for (week, tally) in other.weeks {
            self.add_week(week, &tally);
        }
        self.total.add(&other.total);
        self.from = self.from.into_iter().chain(other.from).min();
        self.to = self.to.into_iter().chain(other.to).max();
    }
}

/// The counts of the fill figures at `as_of` (school time) over every `parts`-th lesson
/// held, from the `part`-th: the shares of the parts together count every lesson once.
pub(crate) fn counts(
    reg: &Register,
    policy: &Policy,
    as_of: Time,
    part: usize,
    parts: usize,
) -> Counts {
    let source = Source {
        reg,
        now: Some(as_of),
    };
    let mut counts = Counts::default();
    let lessons = source.lessons_held(as_of).skip(part).step_by(parts.max(1));
    for lesson in lessons {
        let Some(version) = source.version(lesson) else {
            continue;
        };
        let lacks = source.lacks(lesson);
        let tally = lesson_tally(&source, policy, lesson, version, lacks);
        let teacher = (!lacks.teacher).then_some(version.teacher);
        counts.add_lesson(teacher, lesson, &tally);
    }
    counts
}

/// The fill figures of the register from the counts of every lesson held at `as_of`, with
/// the findings of the report counted by severity.
pub(crate) fn fill(reg: &Register, counts: Counts, findings: &[Finding]) -> Fill {
    let source = Source { reg, now: None };
    let Counts {
        teachers,
        classes,
        weeks,
        total,
        from,
        to,
    } = counts;
    // Inserted one by one: the tables are small, and collecting would sort them again.
    let by_name = |map: Map<Sym, Tally>| -> BTreeMap<String, FillRow> {
        let mut out = BTreeMap::new();
        for (sym, tally) in map {
            out.insert(source.name(sym).to_owned(), tally.row());
        }
        out
    };
    let mut by_week = BTreeMap::new();
    for (week, tally) in weeks {
        by_week.insert(week.to_string(), tally.row());
    }
    let mut fill = Fill {
        from,
        to,
        total: total.row(),
        teachers: by_name(teachers),
        classes: by_name(classes),
        weeks: by_week,
    };
    // A source that names no teacher gives no teacher's row, not even for findings.
    let teachers_named = !reg.part_lacks(Lack::Teacher);
    for finding in findings {
        let severity = finding.severity.as_str();
        let mut rows = vec![&mut fill.total];
        if let Some(teacher) = finding.teacher.as_ref().filter(|_| teachers_named) {
            rows.push(fill.teachers.entry(teacher.clone()).or_default());
        }
        if let Some(class) = &finding.class {
            rows.push(fill.classes.entry(class.clone()).or_default());
        }
        if let Some(date) = finding.date {
            rows.push(fill.weeks.entry(monday(date).to_string()).or_default());
        }
        for row in rows {
            *row.findings.entry(severity.to_owned()).or_default() += 1;
        }
    }
    fill
}

/// The figures of one lesson held, in those its source can give.
fn lesson_tally(
    source: &Source<'_>,
    policy: &Policy,
    lesson: &LessonRec,
    version: &LessonVersion,
    lacks: Lacks,
) -> Tally {
    let mut tally = Tally {
        lessons: 1,
        ..Tally::default()
    };
    if !lacks.topic {
        topic_tally(&mut tally, source, lesson, version, lacks);
    }
    let Some(grade) = source.grade(lesson.class).filter(|g| !policy.no_marks(*g)) else {
        // Grade 1 gets neither marks nor homework (2.6); an undeclared class, no grade.
        return tally;
    };
    if !lacks.homework {
        homework_tally(&mut tally, source, policy, lesson, lacks);
    }
    if lacks.marks {
        return tally;
    }
    let students = source.students(lesson);
    let marks = source.marks(lesson);
    tally.marks = Share {
        n: marks.len(),
        of: students.len(),
    };
    if lacks.attendance || lacks.at {
        return tally;
    }
    for &work in WorkKind::ALL {
        if !version.works.contains(work) {
            continue;
        }
        let Some(deadline) = policy.grading_deadline(work, grade) else {
            continue;
        };
        if let Some(on_time) =
            graded_on_time(source, lesson, version, work, deadline, &students, &marks)
        {
            count(&mut tally.works_on_time, on_time);
        }
    }
    tally
}

/// The topic figures of a lesson held whose source carries topics.
fn topic_tally(
    tally: &mut Tally,
    source: &Source<'_>,
    lesson: &LessonRec,
    version: &LessonVersion,
    lacks: Lacks,
) {
    count(&mut tally.with_topic, version.has_topic());
    if version.has_topic() && !lacks.at {
        // The first version with a topic; its time unknown without `at`.
        if let Some(Some(at)) = source.first_topic_at(lesson) {
            count(&mut tally.topic_on_time, at < time::day_end(lesson.date));
        }
    }
}

/// The homework figures of a lesson held, in a grade that gets homework, whose source
/// carries homework.
fn homework_tally(
    tally: &mut Tally,
    source: &Source<'_>,
    policy: &Policy,
    lesson: &LessonRec,
    lacks: Lacks,
) {
    let homework = source.homework_times(lesson);
    count(&mut tally.with_homework, !homework.is_empty());
    if !lacks.at && !homework.is_empty() && homework.iter().all(Option::is_some) {
        let first = homework.iter().flatten().min();
        let deadline = source.last_lesson_end(lesson).map(|end| {
            end.on(lesson.date) + Time::from(policy.homework_deadline_after_last_lesson) * 60
        });
        if let (Some(first), Some(deadline)) = (first, deadline) {
            count(&mut tally.homework_on_time, *first <= deadline);
        }
    }
}

/// A grading deadline: before the end of a day (`n` days after the lesson), or at a
/// moment at the latest (the next lesson's start).
#[derive(Debug, Clone, Copy)]
enum Due {
    Before(Time),
    AtLatest(Time),
}

/// Whether a written work was graded on time: `None` when it is not yet due, nobody owed
/// a mark for it, or its lateness cannot be told (see [`FillRow::works_on_time`]).
fn graded_on_time(
    source: &Source<'_>,
    lesson: &LessonRec,
    version: &LessonVersion,
    work: WorkKind,
    deadline: Deadline,
    students: &[Sym],
    marks: &[&MarkRec],
) -> Option<bool> {
    let now = source.now?;
    let due = match deadline {
        Deadline::Days(days) => {
            Due::Before(time::day_end(time::add_days(lesson.date, i64::from(days))))
        }
        Deadline::NextLesson => Due::AtLatest(source.next_lesson_start(lesson)?),
    };
    let passed = match due {
        Due::Before(end) => now >= end,
        Due::AtLatest(start) => now > start,
    };
    let on_time = |at: Time| match due {
        Due::Before(end) => at < end,
        Due::AtLatest(start) => at <= start,
    };
    if !passed {
        return None;
    }
    let owed = students
        .iter()
        .filter(|s| !source.absent(lesson, **s) && !source.home_schooled(**s, lesson.date));
    let (mut anyone, mut unknown) = (false, false);
    for &student in owed {
        anyone = true;
        let mut theirs = marks
            .iter()
            .filter(|m| m.student == student && source.work_of(m, version) == work);
        let mut made_unknown = false;
        let graded = theirs.any(|m| match m.stamp.at {
            Some(at) => on_time(at),
            None => {
                made_unknown = true;
                false
            }
        });
        if graded {
            continue;
        }
        if !made_unknown {
            return Some(false);
        }
        unknown = true;
    }
    (anyone && !unknown).then_some(true)
}

/// Every query the figures make of the register, in one place (the register's own layout
/// stays behind these). Of `Register`: `lessons`, `version`, `versions`, `lesson_visible`,
/// `homework_on`, `marks_on`, `lesson_students_unordered`, `absent`, `home_schooled_on`,
/// `last_lesson_end`, `next_lesson`, `start_at`, `grade`, `work_of`, `name` and
/// `part_holds`; of its records, `LessonRec::{id, class, date}`,
/// `LessonVersion::{teacher, works, stamp, has_topic}`, `MarkRec::{student, stamp}` and
/// `Stamp::{at, visible}`.
struct Source<'a> {
    reg: &'a Register,
    /// The moment the register is seen at (`as_of`).
    now: Option<Time>,
}

impl<'a> Source<'a> {
    /// What the source of a lesson does not carry (SPEC §1.3): nothing on the whole
    /// school's register; on a part, the kinds that no extract holding the lesson's class
    /// on its day carries (a lesson the part does not hold lacks everything).
    fn lacks(&self, lesson: &LessonRec) -> Lacks {
        let lacks = |kind: Lack| {
            !self.reg.part_holds(
                Who::Lessons(lesson.class),
                lesson.date,
                lesson.date,
                &[kind],
            )
        };
        Lacks {
            topic: lacks(Lack::Topic),
            homework: lacks(Lack::Homework),
            attendance: lacks(Lack::Attendance),
            marks: lacks(Lack::Marks),
            at: lacks(Lack::At),
            teacher: lacks(Lack::Teacher),
        }
    }

    /// The lessons held by `as_of`: recorded by then, their day over.
    fn lessons_held(&self, as_of: Time) -> impl Iterator<Item = &'a LessonRec> + '_ {
        self.reg.lessons().filter(move |lesson| {
            as_of >= time::day_end(lesson.date) && self.reg.lesson_visible(lesson, self.now)
        })
    }

    /// The version of a lesson in force at `as_of`.
    fn version(&self, lesson: &'a LessonRec) -> Option<&'a LessonVersion> {
        self.reg.version(lesson, self.now)
    }

    /// When the lesson's topic was first entered: the `at` of its first version with a
    /// topic made by `as_of` (`Some(None)`: that version has no `at`; `None`: no topic).
    fn first_topic_at(&self, lesson: &'a LessonRec) -> Option<Option<Time>> {
        self.reg
            .versions(lesson)
            .filter(|v| v.stamp.visible(self.now))
            .find(|v| v.has_topic())
            .map(|v| v.stamp.at)
    }

    /// When each homework entry of a lesson made by `as_of` was made.
    fn homework_times(&self, lesson: &LessonRec) -> Vec<Option<Time>> {
        self.reg
            .homework_on(lesson.id)
            .filter(|h| h.stamp.visible(self.now))
            .map(|h| h.stamp.at)
            .collect()
    }

    /// The current marks of a lesson made by `as_of`.
    fn marks(&self, lesson: &'a LessonRec) -> Few<&'a MarkRec> {
        self.reg
            .marks_on(lesson)
            .filter(|m| m.stamp.visible(self.now))
            .collect()
    }

    /// The students of a lesson on its date, as known at `as_of`, whose marks the part
    /// holds (every student, on the whole school's register), in no particular order.
    fn students(&self, lesson: &LessonRec) -> Few<Sym> {
        let mut students: Few<Sym> = self
            .reg
            .lesson_students_unordered(lesson, self.now)
            .collect();
        if !self.reg.is_whole() {
            students.retain(|s| {
                self.reg
                    .part_holds(Who::Student(*s), lesson.date, lesson.date, &[Lack::Marks])
            });
        }
        students
    }

    fn absent(&self, lesson: &LessonRec, student: Sym) -> bool {
        self.reg.absent(lesson, student, self.now)
    }

    fn home_schooled(&self, student: Sym, date: NaiveDate) -> bool {
        self.reg.home_schooled_on(student, date)
    }

    /// When the class's last lesson on the lesson's day ends.
    fn last_lesson_end(&self, lesson: &LessonRec) -> Option<Clock> {
        self.reg
            .last_lesson_end(lesson.class, lesson.date, self.now)
    }

    /// When the next lesson of the lesson's stream recorded by `as_of` starts.
    fn next_lesson_start(&self, lesson: &LessonRec) -> Option<Time> {
        let next = self.reg.next_lesson(lesson, self.now)?;
        self.reg.start_at(next, self.now)
    }

    fn grade(&self, class: Sym) -> Option<u8> {
        self.reg.grade(class)
    }

    /// A mark's kind of work, by the lesson's version in force.
    fn work_of(&self, mark: &MarkRec, version: &LessonVersion) -> WorkKind {
        self.reg.work_of(mark, Some(version))
    }

    fn name(&self, sym: Sym) -> &'a str {
        self.reg.name(sym)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fill figures of the school of the rules' tests with two lessons of 5А, on 2 and
    /// 9 September, each with a topic, homework and a mark for `s1`, and `extra` events.
    fn fill_of(extra: &[&str]) -> Fill {
        engine_of(extra).audit(as_of()).summary.fill
    }

    fn as_of() -> chrono::DateTime<chrono::FixedOffset> {
        chrono::DateTime::parse_from_rfc3339("2024-09-20T12:00:00+04:00").unwrap()
    }

    /// The engine behind [`fill_of`].
    fn engine_of(extra: &[&str]) -> crate::Engine {
        use crate::rules::testing::{lesson, mark, register};
        let mut events: Vec<String> = extra.iter().map(|e| (*e).to_owned()).collect();
        for (id, date) in [("l1", "2024-09-02"), ("l2", "2024-09-09")] {
            events.push(lesson(id, date, "08:30", ""));
            events.push(format!(
                r#"{{"type":"homework","lesson":"{id}","text":"№ 1","at":"{date}T09:00:00+04:00","by":"t1"}}"#
            ));
            events.push(mark(id, "s1", 4, &format!("{date}T09:00"), ""));
        }
        let mut engine = crate::Engine::new(Policy::default());
        for json in register(&events) {
            engine
                .insert(crate::Event::from_json(&json).unwrap())
                .unwrap();
        }
        engine
    }

    #[test]
    fn an_audit_in_parts_counts_every_lesson_once_its_class_declared_or_not() {
        // Beside 5А's two lessons, one of a class the register does not declare.
        let engine = engine_of(&[
            r#"{"type":"lesson","id":"z1","class":"9z","subject":"Химия","teacher":"t1","date":"2024-09-03","start":"08:30","end":"09:15","topic":"Тема","at":"2024-09-03T08:30:00+04:00","by":"t1"}"#,
        ]);
        let whole = engine.audit(as_of()).summary.fill;
        assert_eq!(whole.total.lessons, 3);
        assert_eq!(whole.classes["5a"].lessons, 2);
        assert_eq!(whole.classes["9z"].lessons, 1);
        for parts in 2..=4 {
            let mut found = crate::engine::Found::default();
            for part in engine.audit_parts(as_of(), parts) {
                found.extend(part.run());
            }
            assert_eq!(
                engine.report(as_of(), found).summary.fill,
                whole,
                "{parts} parts"
            );
        }
    }

    #[test]
    fn a_figure_the_source_lacks_is_absent_not_zero() {
        let whole = fill_of(&[]).total;
        assert_eq!(whole.lessons, 2);
        assert_eq!(whole.with_topic, Some(Share { n: 2, of: 2 }));
        assert_eq!(whole.topic_on_time, Some(Share { n: 2, of: 2 }));
        // Two students in each lesson, one mark each.
        assert_eq!(whole.marks, Some(Share { n: 2, of: 4 }));

        let diary = fill_of(&[
            r#"{"type":"extract","from":"2024-09-02","to":"2024-09-15","students":["s1"],"lacks":["topic","attendance","at"]}"#,
        ])
        .total;
        assert_eq!(diary.lessons, 2);
        assert_eq!(diary.with_topic, None);
        assert_eq!(diary.topic_on_time, None);
        assert_eq!(diary.with_homework, Some(Share { n: 2, of: 2 }));
        assert_eq!(diary.homework_on_time, None);
        // The part holds one student of the two.
        assert_eq!(diary.marks, Some(Share { n: 2, of: 2 }));
        assert_eq!(diary.works_on_time, None);
    }

    #[test]
    fn each_lesson_counts_in_what_its_own_source_gives() {
        // The first week from a source without topics, the second from one with them.
        let fill = fill_of(&[
            r#"{"type":"extract","from":"2024-09-02","to":"2024-09-08","lacks":["topic"]}"#,
            r#"{"type":"extract","from":"2024-09-09","to":"2024-09-15"}"#,
        ]);
        assert_eq!(fill.total.with_topic, Some(Share { n: 1, of: 1 }));
        assert_eq!(fill.weeks["2024-09-02"].with_topic, None);
        assert_eq!(
            fill.weeks["2024-09-09"].with_topic,
            Some(Share { n: 1, of: 1 })
        );
        assert_eq!(fill.total.with_homework, Some(Share { n: 2, of: 2 }));
        // A source without teachers: no teacher's figures, not even for findings.
        let fill = fill_of(&[
            r#"{"type":"extract","from":"2024-09-02","to":"2024-09-15","lacks":["teacher"]}"#,
            r#"{"type":"homework","lesson":"l1","text":"-","at":"2024-09-02T09:00:00+04:00","by":"t1"}"#,
        ]);
        assert!(fill.teachers.is_empty());
        assert_eq!(fill.total.findings["warning"], 1);
        assert_eq!(fill.classes["5a"].lessons, 2);
    }

    #[test]
    fn weeks_start_on_monday() {
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(monday(date("2024-09-02")), date("2024-09-02"));
        assert_eq!(monday(date("2024-09-08")), date("2024-09-02"));
        assert_eq!(monday(date("2024-09-09")), date("2024-09-09"));
    }
}
