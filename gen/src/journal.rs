//! The register, day by day: lessons from the timetable with their topics, briefings and
//! works, absences and their reasons, marks, homework, final marks, parents' views, paper
//! reports, and at the end of the year the decisions and exports.
//!
//! Events are written in the order they were made. An entry made later than the day it is
//! about (a reason set on Friday, a composition graded days later) waits in a queue ordered
//! by `at`; the queue holds a few days at most, never the register.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{self, Write};

use chrono::NaiveDate;
use ekzh_core::event::WorkKind;
use ekzh_core::policy::Deadline;
use ekzh_core::{Policy, SubjectKind};

use super::data::{self, Split, Work};
use super::json::{Line, Time};
use super::rng::Rng;
use super::school::{days, weekday, Class, School, Span, Stream};
use super::{Mistake, Options, Shape};

/// The day of a moment (school time).
pub fn date_of(time: Time) -> NaiveDate {
    chrono::DateTime::from_timestamp(time.div_euclid(86_400) * 86_400, 0)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

pub fn day_start(date: NaiveDate) -> Time {
    date.and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp())
        .unwrap_or_default()
}

/// `date` at `minutes` after midnight.
pub fn at(date: NaiveDate, minutes: i64) -> Time {
    day_start(date) + minutes * 60
}

/// A mistake a queued event carries, recorded once the event is written.
#[derive(Debug, Clone)]
pub struct Tag {
    /// The mistake, its `event` left out until the line is written.
    m: Mistake,
    /// The finding points at this event.
    pub event: bool,
    /// When the rule can tell: the mistake counts only if the register reaches that far.
    pub due: Option<Time>,
}

impl Tag {
    pub fn entry(rule: &'static str) -> Tag {
        Tag {
            m: Mistake {
                rule,
                event: None,
                lesson: None,
                student: None,
                subject: None,
                period: None,
                parent: None,
                class: None,
                date: None,
            },
            event: true,
            due: None,
        }
    }
    pub fn audit(rule: &'static str, due: Time) -> Tag {
        Tag {
            event: false,
            due: Some(due),
            ..Tag::entry(rule)
        }
    }
    pub fn lesson(mut self, id: &str) -> Tag {
        self.m.lesson = Some(id.to_owned());
        self
    }
    pub fn student(mut self, id: &str) -> Tag {
        self.m.student = Some(id.to_owned());
        self
    }
    pub fn subject(mut self, name: &str) -> Tag {
        self.m.subject = Some(name.to_owned());
        self
    }
    pub fn period(mut self, id: &str) -> Tag {
        self.m.period = Some(id.to_owned());
        self
    }
    pub fn parent(mut self, id: &str) -> Tag {
        self.m.parent = Some(id.to_owned());
        self
    }
    pub fn class(mut self, id: &str) -> Tag {
        self.m.class = Some(id.to_owned());
        self
    }
    pub fn date(mut self, date: NaiveDate) -> Tag {
        self.m.date = Some(date);
        self
    }
    /// Whether the mistake is about a parent.
    fn of_parent(&self) -> bool {
        self.m.parent.is_some()
    }
    fn mistake(self, event: usize) -> Mistake {
        Mistake {
            event: self.event.then_some(event),
            ..self.m
        }
    }
}

struct Pending {
    at: Time,
    seq: u64,
    line: String,
    /// The mistakes the line makes.
    tags: Vec<Tag>,
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pending {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

/// What the generator remembers of a student in one subject.
#[derive(Debug, Default, Clone)]
struct Track {
    /// Missed lessons in a row before the lessons attended since.
    missed: u32,
    attended: u32,
    /// The same as the rule `failing_mark_after_absence` counts them, for which a lesson
    /// of a home-schooled student with no absence recorded is attended.
    seen: (u32, u32),
    /// The term the count is for (1-based; 0 none) and the marks given in it so far.
    term: usize,
    count: u32,
    /// Every current mark: the lesson's date, when it was entered, the value, its weight
    /// in the mean (policy `mark_weights`).
    marks: Vec<(NaiveDate, Time, u8, f64)>,
    /// Term final marks of the year: when entered and the value (`None`: «н/а»).
    finals: Vec<(Time, Option<u8>)>,
    /// The year mark, once given.
    year: Option<Option<u8>>,
    /// The term (1-based) in which the teacher forgets to mark the student at all.
    starved: usize,
    /// Lessons attended in a row without a mark (as `marks_sparse` counts them: marks
    /// written within the register), and the last of them.
    quiet: u32,
    quiet_last: (String, NaiveDate),
    /// The lesson (by `Journal::lessons`) the student last got a mark on.
    marked_on: u64,
}

impl Track {
    /// Right after a long absence: no failing mark yet (3.3).
    fn protected(&self, policy: &Policy) -> bool {
        self.missed >= policy.long_absence_lessons
            && self.attended <= policy.protected_lessons_after_absence
    }

    /// Whether the rule sees a failing mark now as one right after a long absence.
    fn seen_protected(&self, policy: &Policy) -> bool {
        let (missed, attended) = self.seen;
        missed >= policy.long_absence_lessons && attended <= policy.protected_lessons_after_absence
    }

    fn attend(&mut self) {
        self.attended += 1;
        self.seen.1 += 1;
    }

    fn miss(&mut self) {
        if self.attended > 0 {
            self.missed = 0;
            self.attended = 0;
        }
        self.missed += 1;
        if self.seen.1 > 0 {
            self.seen = (0, 0);
        }
        self.seen.0 += 1;
    }
}

#[derive(Debug, Default, Clone)]
struct StreamState {
    n: u32,
    repeat_done: bool,
    section: Option<&'static str>,
    sections: Vec<&'static str>,
    /// The date of an incident whose unscheduled briefing is still owed.
    unscheduled: Option<NaiveDate>,
    /// The day of the last lesson written.
    last: Option<NaiveDate>,
    term: usize,
    term_total: u32,
    term_seen: u32,
    works: u32,
    /// Lessons with a control work, control dictation or test in the current term (4.2).
    controls: u32,
    /// The term (1-based) whose control work the teacher leaves out on purpose.
    controls_skipped: usize,
}

/// A lesson being written: what its attendance and marks need to know of it.
struct Held<'a> {
    st: &'a Stream,
    class: &'a Class,
    id: &'a str,
    date: NaiveDate,
    /// Its bell: minutes after midnight.
    start: u16,
    end: u16,
    term: &'a Span,
    work: Option<Work>,
    /// Who teaches it, and the class teacher.
    teacher: &'a str,
    class_teacher: &'a str,
}

impl<'a> Held<'a> {
    fn lesson_end(&self) -> Time {
        at(self.date, i64::from(self.end))
    }

    /// A mark of this lesson by its teacher, with no work, basis or mistake.
    fn mark(&self, student: usize, value: u8, when: Time) -> MarkEntry<'a> {
        MarkEntry {
            student,
            subj: self.st.subj,
            lesson: self.id,
            date: self.date,
            value,
            when,
            by: self.teacher,
            work: None,
            lesson_work: self.work,
            basis: None,
            tag: None,
        }
    }
}

/// A current mark to write.
struct MarkEntry<'a> {
    student: usize,
    /// The subject, as an index into the class's subjects.
    subj: usize,
    lesson: &'a str,
    date: NaiveDate,
    value: u8,
    when: Time,
    by: &'a str,
    work: Option<Work>,
    /// The work of the lesson it is given on.
    lesson_work: Option<Work>,
    basis: Option<&'static str>,
    tag: Option<Tag>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Present,
    /// Away all day, and the reason the class teacher will set.
    AllDay(&'static str),
    /// Away from some lessons (bells as bits).
    Bells(u16, &'static str),
}

pub struct Journal<'s, W: Write> {
    s: &'s School,
    policy: &'s Policy,
    shape: &'s Shape,
    out: W,
    heap: BinaryHeap<Reverse<Pending>>,
    seq: u64,
    pub written: u64,
    rng: Rng,
    /// Draws for mistakes only, so that a rate of 0 leaves `rng` alone.
    mrng: Rng,
    rate: f64,
    pub window_end: Time,
    tracks: Vec<Vec<Track>>,
    streams: Vec<StreamState>,
    status: Vec<Status>,
    sick_until: Vec<Option<NaiveDate>>,
    teacher_sick: Vec<Option<NaiveDate>>,
    day_busy: Vec<(usize, usize)>,
    pub mistakes: Vec<Mistake>,
    /// Whether a child's last paper report was skipped on purpose.
    paper_skipped: Vec<bool>,
    /// Term lengths in lessons per weekday: quarters, then half-years.
    term_days: Vec<[u32; 5]>,
    /// Per stream: whether its subject has briefings each half-year, and whether a briefing
    /// is held right before its practical works (policy `briefing_subjects`,
    /// `pre_work_briefing_subjects`).
    briefed: Vec<(bool, bool)>,
    /// Per stream: whether its subject has a control work each term (policy
    /// `control_work_subjects`).
    controlled: Vec<bool>,
    /// Lessons written so far: the number of the lesson being written.
    lessons: u64,
    /// Per student: the Monday of the week whose unexcused absences are counted, and the
    /// count (3.2).
    unexcused: Vec<(NaiveDate, u32)>,
    /// Per student and reason (failing, unexcused absences): the date of the last notice to
    /// the parents, and the last day of a notice left out on purpose.
    notices: Vec<[Notices; 2]>,
}

/// What the generator remembers of the notices of one reason to a student's parents.
#[derive(Debug, Clone, Copy, Default)]
struct Notices {
    last: Option<NaiveDate>,
    skipped_until: Option<NaiveDate>,
}

/// Why the parents are told (3.2), as `parent_notice` writes it.
#[derive(Debug, Clone, Copy)]
enum Reason {
    Failing = 0,
    UnexcusedAbsence = 1,
}

impl<'s, W: Write> Journal<'s, W> {
    pub fn new(
        s: &'s School,
        options: &'s Options,
        out: W,
        (rng, mrng): (Rng, Rng),
        window_end: Time,
    ) -> Self {
        let tracks = s
            .students
            .iter()
            .map(|st| vec![Track::default(); s.class(st.class).map_or(0, |c| c.subjects.len())])
            .collect();
        let term_days = s
            .cal
            .quarters
            .iter()
            .chain(&s.cal.halves)
            .map(|t| s.cal.weekday_counts(t.start, t.end))
            .collect();
        let policy = &options.policy;
        let briefed = s
            .streams
            .iter()
            .map(|st| {
                let kind = policy.subject_kind(st.subject.name);
                let listed = |list: &[SubjectKind]| kind.is_some_and(|k| list.contains(&k));
                (
                    listed(&policy.briefing_subjects),
                    listed(&policy.pre_work_briefing_subjects),
                )
            })
            .collect();
        let controlled = s
            .streams
            .iter()
            .map(|st| policy.has_control_works(st.subject.name))
            .collect();
        Journal {
            s,
            policy,
            shape: &options.shape,
            out,
            heap: BinaryHeap::new(),
            seq: 0,
            written: 0,
            rng,
            mrng,
            rate: options.violations,
            window_end,
            tracks,
            streams: vec![StreamState::default(); s.streams.len()],
            status: vec![Status::Present; s.students.len()],
            sick_until: vec![None; s.students.len()],
            teacher_sick: vec![None; s.staff.len()],
            day_busy: Vec::new(),
            mistakes: Vec::new(),
            paper_skipped: vec![false; s.students.len()],
            term_days,
            briefed,
            controlled,
            lessons: 0,
            unexcused: vec![(NaiveDate::MIN, 0); s.students.len()],
            notices: vec![[Notices::default(); 2]; s.students.len()],
        }
    }

    /// Whether to make this eligible entry one of the mistakes.
    fn wrong(&mut self) -> bool {
        self.rate > 0.0 && self.mrng.chance(self.rate)
    }

    /// Whether the shape of the register keeps a line.
    fn writes(&self, line: &str) -> bool {
        let kind = line
            .strip_prefix("{\"type\":\"")
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default();
        self.shape.writes(kind)
    }

    fn write_now(&mut self, line: &str) -> io::Result<()> {
        if !self.writes(line) {
            return Ok(());
        }
        self.out.write_all(line.as_bytes())?;
        self.written += 1;
        Ok(())
    }

    fn push(&mut self, at: Time, line: String, tag: Option<Tag>) {
        self.push_tags(at, line, tag.into_iter().collect());
    }

    /// Queues a line to write at `at`; a line made after the register's end is not written,
    /// and the mistakes it carries are not made.
    fn push_tags(&mut self, at: Time, line: String, tags: Vec<Tag>) {
        if at >= self.window_end || !self.writes(&line) {
            return;
        }
        self.seq += 1;
        self.heap.push(Reverse(Pending {
            at,
            seq: self.seq,
            line,
            tags,
        }));
    }

    /// A mistake that is an absence of something: it counts once the rule can tell.
    fn missing(&mut self, tag: Tag) {
        // Without parents, nothing a parent should have had is missing.
        if tag.of_parent() && !self.shape.writes("parent") {
            return;
        }
        if tag.due.is_some_and(|due| due <= self.window_end) {
            self.mistakes.push(tag.mistake(0));
        }
    }

    fn flush(&mut self, before: Time) -> io::Result<()> {
        while self.heap.peek().is_some_and(|p| p.0.at < before) {
            let Some(Reverse(p)) = self.heap.pop() else {
                break;
            };
            self.out.write_all(p.line.as_bytes())?;
            for tag in p.tags {
                if tag.due.is_none_or(|due| due <= self.window_end) {
                    self.mistakes.push(tag.mistake(self.written as usize));
                }
            }
            self.written += 1;
        }
        Ok(())
    }

    pub fn run(&mut self) -> io::Result<()> {
        self.declare()?;
        self.plans();
        self.moves();
        let cal = &self.s.cal;
        let mut day = cal.monday0;
        while day_start(day) < self.window_end {
            self.flush(day_start(day))?;
            if weekday(day) == 0 {
                self.week(day);
            }
            if let Some(week) = self.s.cal.study_week(day) {
                self.school_day(day, week);
            }
            self.period_ends(day);
            day = days(day, 1);
        }
        // Runs of lessons without a mark still open at the end of the register.
        for student in 0..self.tracks.len() {
            for subj in 0..self.tracks.get(student).map_or(0, Vec::len) {
                self.end_quiet(student, subj);
            }
        }
        self.flush(self.window_end)?;
        self.out.flush()
    }

    // ------------------------------------------------------------------ declarations

    fn declare(&mut self) -> io::Result<()> {
        let s = self.s;
        let cal = &s.cal;
        let year = &cal.year;
        self.write_now(
            &Line::new("period", &s.offset)
                .str("id", &year.id)
                .str("kind", "year")
                .date("start", year.start)
                .date("end", year.end)
                .end(),
        )?;
        let junior: Vec<i64> = (1..=9).collect();
        let terms: [(&[Span], &[i64]); 2] = [(&cal.quarters, &junior), (&cal.halves, &[10, 11])];
        for (terms, grades) in terms {
            for t in terms.iter() {
                let line = Line::new("period", &s.offset)
                    .str("id", &t.id)
                    .str("kind", t.kind)
                    .date("start", t.start)
                    .date("end", t.end)
                    .nums("grades", grades);
                self.write_now(&line.end())?;
            }
        }
        for c in &s.classes {
            self.write_now(
                &Line::new("class", &s.offset)
                    .str("id", &c.id)
                    .num("grade", i64::from(c.grade))
                    .str("name", &c.name)
                    .end(),
            )?;
        }
        for (i, t) in s.staff.iter().enumerate() {
            let classes: Vec<&str> = s
                .classes
                .iter()
                .filter(|c| c.teacher == i)
                .map(|c| c.id.as_str())
                .collect();
            let mut line = Line::new("staff", &s.offset)
                .str("id", &t.id)
                .str("name", &t.name)
                .strs("roles", t.roles);
            if !classes.is_empty() {
                line = line.strs("classes", &classes);
            }
            self.write_now(&line.end())?;
        }
        for st in &s.students {
            let Some(class) = s.class(st.class) else {
                continue;
            };
            let groups: Vec<(&str, String)> = class
                .subjects
                .iter()
                .filter_map(|(subject, split)| {
                    st.declared_group(*split, class.students.len())
                        .map(|g| (subject.name, g.to_string()))
                })
                .collect();
            let mut line = Line::new("student", &s.offset)
                .str("id", &st.id)
                .str("name", &st.name)
                .str("class", &class.id);
            if let Some(since) = st.since {
                line = line.date("since", since);
            }
            if !groups.is_empty() {
                line = line.map("groups", &groups);
            }
            self.write_now(&line.end())?;
        }
        for p in &s.parents {
            let children: Vec<&str> = s
                .family(p.family)
                .map(|f| f.children.as_slice())
                .unwrap_or_default()
                .iter()
                .filter_map(|c| s.student(*c))
                .map(|c| c.id.as_str())
                .collect();
            self.write_now(
                &Line::new("parent", &s.offset)
                    .str("id", &p.id)
                    .str("name", &p.name)
                    .strs("children", &children)
                    .end(),
            )?;
        }
        for p in &s.parents {
            if let Some(date) = p.opt_out {
                self.write_now(
                    &Line::new("parent_opt_out", &s.offset)
                        .str("parent", &p.id)
                        .date("date", date)
                        .end(),
                )?;
            }
        }
        for st in &s.students {
            if let Some((from, to)) = st.sanatorium {
                self.write_now(
                    &Line::new("sanatorium", &s.offset)
                        .str("student", &st.id)
                        .date("from", from)
                        .date("to", to)
                        .end(),
                )?;
            }
            if let Some(home) = &st.home {
                let subjects = s.class(st.class).map(|c| c.subjects.as_slice());
                let plan: Vec<&str> = home
                    .plan
                    .iter()
                    .filter_map(|j| subjects.unwrap_or_default().get(*j))
                    .map(|(subject, _)| subject.name)
                    .collect();
                self.write_now(
                    &Line::new("home_schooling", &s.offset)
                        .str("student", &st.id)
                        .date("from", home.from)
                        .date("to", home.to)
                        .strs("subjects", &plan)
                        .end(),
                )?;
            }
        }
        Ok(())
    }

    /// Thematic plans, entered before the year starts (3.3).
    fn plans(&mut self) {
        let s = self.s;
        for (i, stream) in s.streams.iter().enumerate() {
            let Some(class) = s.class(stream.class) else {
                continue;
            };
            let when = at(
                days(s.cal.first_day, -self.rng.range(1, 4)),
                self.rng.range(600, 1020),
            );
            let first = self.first_lesson(i);
            if self.wrong() {
                if let Some((date, id)) = first {
                    let grace = i64::from(self.policy.thematic_plan_grace_days);
                    self.missing(
                        Tag::audit("thematic_plan_missing", day_start(days(date, grace + 1)))
                            .lesson(&id),
                    );
                    continue;
                }
            }
            let (lessons, tag) = if self.wrong() {
                (
                    stream.year_lessons + self.mrng.range(2, 6) as u32,
                    Some(Tag {
                        due: Some(day_start(days(s.cal.year.end, 1))),
                        ..Tag::entry("program_not_completed")
                    }),
                )
            } else {
                (stream.year_lessons, None)
            };
            let mut line = Line::new("thematic_plan", &s.offset).str("class", &class.id);
            if let Some(g) = stream.group {
                line = line.str("group", &g.to_string());
            }
            let line = line
                .str("subject", stream.subject.name)
                .num("lessons", i64::from(lessons))
                .made(when, s.staff_id(stream.teacher))
                .end();
            self.push(when, line, tag);
        }
    }

    /// The first lesson of a stream: its date and id.
    fn first_lesson(&self, stream: usize) -> Option<(NaiveDate, String)> {
        let s = self.s;
        let st = s.stream(stream)?;
        let mut d = s.cal.first_day;
        for _ in 0..60 {
            if s.cal.study_week(d).is_some() {
                if let Some(bell) = st
                    .slots
                    .iter()
                    .filter(|(wd, _)| *wd == weekday(d))
                    .map(|(_, b)| *b)
                    .min()
                {
                    return Some((d, self.lesson_id(stream, d, bell)));
                }
            }
            d = days(d, 1);
        }
        None
    }

    /// Students leaving and group changes, entered by the administrator.
    fn moves(&mut self) {
        let s = self.s;
        let admin = s.staff_id(s.admin);
        for st in &s.students {
            if let Some(left) = st.left {
                let when = at(days(left, -1), self.rng.range(600, 900));
                let line = Line::new("student_left", &s.offset)
                    .str("student", &st.id)
                    .date("date", left)
                    .made(when, admin)
                    .end();
                self.push(when, line, None);
            }
            if let Some((subj, date)) = st.group_change {
                let Some(class) = s.class(st.class) else {
                    continue;
                };
                let Some((subject, split)) = class.subjects.get(subj) else {
                    continue;
                };
                let group = st.group(subj, *split, date, class.students.len());
                let when = at(days(date, -self.rng.range(3, 9)), self.rng.range(600, 960));
                // A move dated in the middle of the quarter is the typical mistake (3.2).
                let tag = st
                    .misdated_change
                    .then(|| Tag::entry("group_change_mid_period"));
                let line = Line::new("group_change", &s.offset)
                    .str("student", &st.id)
                    .str("subject", subject.name)
                    .str("group", &group.map(|g| g.to_string()).unwrap_or_default())
                    .date("date", date)
                    .made(when, admin)
                    .end();
                self.push(when, line, tag);
            }
        }
    }

    // ------------------------------------------------------------------ weeks

    /// Parents look at the electronic diary during the week; paper reports for those who
    /// asked for them.
    fn week(&mut self, monday: NaiveDate) {
        let s = self.s;
        let sunday = days(monday, 6);
        let year = &s.cal.year;
        if sunday < year.start || monday > year.end {
            return;
        }
        let whole = year.start <= monday && sunday <= year.end;
        // A week with no period's end in or just before it: no look at the final marks
        // stands in for the week's look at the diary.
        let cal = &s.cal;
        let quiet = cal
            .quarters
            .iter()
            .chain(&cal.halves)
            .all(|t| t.end < days(monday, -7) || t.end > sunday);
        for family in &s.families {
            for &c in &family.children {
                let Some(child) = s.student(c) else {
                    continue;
                };
                if !(child.enrolled(monday) && child.enrolled(sunday)) {
                    continue;
                }
                for &p in &family.parents {
                    let Some(parent) = s.parent(p) else {
                        continue;
                    };
                    if parent.opt_out.is_some_and(|d| d <= sunday) {
                        continue;
                    }
                    if whole && quiet && self.wrong() {
                        self.missing(
                            Tag::audit("parent_diary_not_viewed", day_start(days(sunday, 1)))
                                .parent(&parent.id)
                                .student(&child.id)
                                .date(monday),
                        );
                        continue;
                    }
                    for _ in 0..self.rng.range(1, 4) {
                        let when = at(
                            days(monday, self.rng.range(0, 6)),
                            self.rng.range(420, 1380),
                        ) + self.rng.range(0, 59);
                        let line = Line::new("diary_view", &s.offset)
                            .str("parent", &parent.id)
                            .str("student", &child.id)
                            .str("section", "diary")
                            .at(when)
                            .end();
                        self.push(when, line, None);
                    }
                    if whole && self.wrong() {
                        // A classmate's diary, seen through a login that is not theirs
                        // (1.10, 2.5, 3.6).
                        let other = s.class(child.class).and_then(|class| {
                            class
                                .students
                                .iter()
                                .filter_map(|x| s.student(*x))
                                .find(|x| x.family != child.family && x.enrolled(monday))
                        });
                        if let Some(other) = other {
                            let when = at(
                                days(monday, self.mrng.range(0, 6)),
                                self.mrng.range(420, 1380),
                            );
                            let line = Line::new("diary_view", &s.offset)
                                .str("parent", &parent.id)
                                .str("student", &other.id)
                                .str("section", "diary")
                                .at(when)
                                .end();
                            self.push(when, line, Some(Tag::entry("access_not_permitted")));
                        }
                    }
                }
            }
        }
        // Paper reports every second Friday from the application (3.2, 5.2).
        let every = i64::from(self.policy.paper_report_every_days);
        for parent in &s.parents {
            let Some(from) = parent.opt_out else { continue };
            let children = s.family(parent.family).map(|f| f.children.as_slice());
            for &c in children.unwrap_or_default() {
                let Some(child) = s.student(c) else {
                    continue;
                };
                let teacher = s.class(child.class).map_or("", |c| s.staff_id(c.teacher));
                let mut date = days(from, 4);
                let mut previous = from;
                while date <= sunday && date <= year.end {
                    if date >= monday && child.enrolled(date) {
                        let due = days(previous, every);
                        let skipped = self.paper_skipped.get(c).copied().unwrap_or(true);
                        // One report skipped at a time: two in a row make one long gap.
                        if !skipped && self.wrong() {
                            if let Some(skipped) = self.paper_skipped.get_mut(c) {
                                *skipped = true;
                            }
                            self.missing(
                                Tag::audit("paper_report_overdue", day_start(days(due, 1)))
                                    .parent(&parent.id)
                                    .student(&child.id)
                                    .date(due),
                            );
                        } else {
                            if let Some(skipped) = self.paper_skipped.get_mut(c) {
                                *skipped = false;
                            }
                            let when = at(date, self.rng.range(840, 1020));
                            let line = Line::new("paper_report", &s.offset)
                                .str("student", &child.id)
                                .date("date", date)
                                .made(when, teacher)
                                .end();
                            self.push(when, line, None);
                        }
                    }
                    previous = date;
                    date = days(date, every);
                }
            }
        }
    }

    // ------------------------------------------------------------------ school days

    fn school_day(&mut self, d: NaiveDate, week: u32) {
        let s = self.s;
        for (staff, sick) in s.staff.iter().zip(&mut self.teacher_sick) {
            if staff.field.is_some() && sick.is_none_or(|u| u < d) && self.rng.chance(0.004) {
                *sick = Some(days(d, self.rng.range(0, 4)));
            }
        }
        self.day_busy.clear();
        let people = s.students.iter().zip(&mut self.sick_until);
        for ((st, sick), status) in people.zip(&mut self.status) {
            *status = if !st.enrolled(d) || st.home_schooled(d) {
                Status::Present
            } else if st.at_sanatorium(d) {
                Status::AllDay("УП")
            } else if sick.is_some_and(|u| d <= u) {
                Status::AllDay("Б")
            } else if self.rng.chance(0.021) {
                *sick = Some(days(d, self.rng.range(2, 8)));
                Status::AllDay("Б")
            } else if self.rng.chance(data::ABSENCE_EXCUSED) {
                let first = self.rng.range(0, 5) as u16;
                let bells = if self.rng.chance(0.5) { 1 } else { 3 } << first;
                let code = *self.rng.pick(&["УП", "УП", "Б", "НП"]).unwrap_or(&"УП");
                Status::Bells(bells, code)
            } else {
                Status::Present
            };
        }
        for class in &s.classes {
            let Some(slots) = class.days.get(weekday(d)) else {
                continue;
            };
            let bells = data::bells(class.grade);
            let last_end = slots
                .iter()
                .filter_map(|(bell, _)| bells.get(*bell).map(|b| b.1))
                .max()
                .unwrap_or(0);
            for (bell, streams) in slots {
                for &st in streams {
                    self.lesson(st, d, week, *bell, last_end);
                }
            }
        }
    }

    fn lesson_id(&self, stream: usize, d: NaiveDate, bell: usize) -> String {
        let st = self.s.stream(stream);
        let class = st
            .and_then(|st| self.s.class(st.class))
            .map_or("", |c| &c.id);
        match st.and_then(|st| st.group) {
            Some(g) => format!("{class}-{}-{}g{g}", d.format("%y%m%d"), bell + 1),
            None => format!("{class}-{}-{}", d.format("%y%m%d"), bell + 1),
        }
    }

    /// Who teaches a lesson: its teacher, or a colleague free at that bell (2.15).
    fn teacher(&mut self, stream: usize, d: NaiveDate, bell: usize) -> (usize, bool) {
        let s = self.s;
        let Some(st) = s.stream(stream) else {
            return (s.director, false);
        };
        let well = |t: usize, j: &Self| {
            j.teacher_sick
                .get(t)
                .is_none_or(|u| u.is_none_or(|u| u < d))
        };
        if well(st.teacher, self) {
            return (st.teacher, false);
        }
        let field = s.staff.get(st.teacher).and_then(|t| t.field);
        let wd = weekday(d);
        let free = |t: usize, j: &Self| {
            well(t, j)
                && s.staff
                    .get(t)
                    .and_then(|t| t.busy.get(wd))
                    .is_some_and(|b| b & (1 << bell) == 0)
                && !j.day_busy.contains(&(t, bell))
        };
        let field_of = |t: usize| s.staff.get(t).and_then(|t| t.field);
        let sub = (0..s.staff.len())
            .find(|t| field_of(*t) == field && free(*t, self))
            .or_else(|| (0..s.staff.len()).find(|t| field_of(*t).is_some() && free(*t, self)))
            .or_else(|| s.deputies.iter().copied().find(|t| free(*t, self)))
            .or(s.deputies.first().copied())
            .unwrap_or(s.director);
        self.day_busy.push((sub, bell));
        (sub, true)
    }

    /// The next lesson of a stream after `d`: its date and start.
    fn next_lesson(&self, stream: usize, d: NaiveDate) -> Option<(NaiveDate, Time)> {
        let s = self.s;
        let st = s.stream(stream)?;
        let bells = data::bells(s.class(st.class)?.grade);
        let mut day = days(d, 1);
        for _ in 0..40 {
            if s.cal.study_week(day).is_some() {
                if let Some(bell) = st
                    .slots
                    .iter()
                    .filter(|(wd, _)| *wd == weekday(day))
                    .map(|(_, b)| *b)
                    .min()
                {
                    let start = bells.get(bell).map_or(510, |b| b.0);
                    return Some((day, at(day, i64::from(start))));
                }
            }
            day = days(day, 1);
        }
        None
    }

    #[allow(clippy::too_many_lines)]
    fn lesson(&mut self, stream: usize, d: NaiveDate, week: u32, bell: usize, last_end: u16) {
        let s = self.s;
        let Some(st) = s.stream(stream) else {
            return;
        };
        let Some(class) = s.class(st.class) else {
            return;
        };
        let grade = class.grade;
        let subject = st.subject;
        let Some(&(start, end)) = data::bells(grade).get(bell) else {
            return;
        };
        let (teacher, substitute) = self.teacher(stream, d, bell);
        let tid = s.staff_id(teacher).to_owned();
        let id = self.lesson_id(stream, d, bell);
        let (term_index, term) = match s.cal.term_of(grade, d) {
            Some((i, t)) => (i, t.clone()),
            None => return,
        };
        // The term's count of this stream's lessons, for spreading the marks.
        let term_key = if grade >= 10 {
            4 + term_index
        } else {
            term_index
        };
        let Some(state) = self.streams.get_mut(stream) else {
            return;
        };
        let n = state.n;
        state.n += 1;
        state.last = Some(d);
        if state.term != term_index + 1 {
            state.term = term_index + 1;
            let counts = self.term_days.get(term_key).copied().unwrap_or_default();
            state.term_total = st
                .slots
                .iter()
                .map(|(wd, _)| counts.get(*wd).copied().unwrap_or(0))
                .sum();
            state.term_seen = 0;
            state.controls = 0;
        }
        state.term_seen += 1;
        let remaining = state.term_total.saturating_sub(state.term_seen) + 1;
        let (briefed, briefed_before_work) = self.briefed.get(stream).copied().unwrap_or_default();
        self.lessons += 1;

        // What the lesson is: a work, and the briefings it owes (2.14).
        let work = subject
            .works
            .iter()
            .find(|(w, every, at)| {
                n % every == *at
                    && match w {
                        Work::Exposition => (3..=9).contains(&grade),
                        Work::Composition => grade >= 5,
                        Work::PracticalWork | Work::Excursion => true,
                        _ => grade >= 2,
                    }
            })
            .map(|(w, ..)| *w);
        let work = self.control_work(
            stream,
            work,
            remaining,
            (grade, &class.id, subject.name, &term),
        );
        let mut briefings: Vec<String> = Vec::new();
        // The briefings left out on purpose, and those recorded (missing if the topic never
        // comes).
        let mut omitted: Vec<Tag> = Vec::new();
        let mut recorded: Vec<Tag> = Vec::new();
        let due = day_start(days(d, 1));
        if briefed && n == 0 {
            let tag = Tag::audit("briefing_introductory_missing", due).lesson(&id);
            if self.wrong() {
                omitted.push(tag);
            } else {
                briefings.push("Вводный инструктаж по охране труда".into());
                recorded.push(tag);
            }
        }
        let repeat_owed = self.streams.get_mut(stream).is_some_and(|state| {
            let owed = briefed && d >= s.cal.second_half(grade) && !state.repeat_done;
            state.repeat_done |= owed;
            owed
        });
        if repeat_owed {
            let tag = Tag::audit("briefing_repeat_missing", due).lesson(&id);
            if self.wrong() {
                omitted.push(tag);
            } else {
                briefings.push("Повторный инструктаж по охране труда".into());
                recorded.push(tag);
            }
        }
        let mut section = None;
        let mut topics = subject.topics;
        if subject.pe {
            let (name, list) = data::pe_section(week);
            section = Some(name);
            topics = list;
            // A new section: repeated (seen before this year) or first.
            let new = self.streams.get_mut(stream).and_then(|state| {
                (state.section != Some(name)).then(|| {
                    state.section = Some(name);
                    let first = !state.sections.contains(&name);
                    if first {
                        state.sections.push(name);
                    }
                    first
                })
            });
            if let Some(first) = new {
                if !first {
                    briefings.push(format!(
                        "Повторный инструктаж по ТБ: {}",
                        name.to_lowercase()
                    ));
                } else {
                    let tag = Tag::audit("briefing_pe_section_missing", due).lesson(&id);
                    if self.wrong() {
                        omitted.push(tag);
                    } else {
                        briefings
                            .push(format!("Вводный инструктаж по ТБ: {}", name.to_lowercase()));
                        recorded.push(tag);
                    }
                }
            }
        }
        let unscheduled = self.streams.get_mut(stream).is_some_and(|state| {
            let owed = state.unscheduled.is_some_and(|incident| incident < d);
            if owed {
                state.unscheduled = None;
            }
            owed
        });
        if unscheduled {
            let tag = Tag::audit("briefing_unscheduled_missing", due).lesson(&id);
            if self.wrong() {
                self.missing(tag);
            } else {
                briefings.push("Внеплановый инструктаж по охране труда".into());
                recorded.push(tag);
            }
        }
        let mut work_tag = None;
        if work.is_some_and(Work::needs_briefing) {
            if briefed_before_work && briefings.is_empty() && omitted.is_empty() && self.wrong() {
                work_tag = Some(Tag::entry("briefing_before_work_missing"));
            } else {
                briefings.push("Целевой инструктаж по охране труда".into());
            }
        }
        let owed = !omitted.is_empty();
        for tag in omitted {
            self.missing(tag);
        }
        let core = match work {
            Some(w) => {
                let k = self.streams.get_mut(stream).map_or(1, |state| {
                    state.works += 1;
                    state.works
                });
                let topic = topics
                    .get(n as usize % topics.len().max(1))
                    .copied()
                    .unwrap_or("");
                format!("{} №{k} «{topic}»", w.title())
            }
            None => topics
                .get(n as usize % topics.len().max(1))
                .copied()
                .unwrap_or("Повторение")
                .to_owned(),
        };
        let mut topic = String::new();
        for b in &briefings {
            topic.push_str(b);
            topic.push_str(". ");
        }
        topic.push_str(&core);

        // The lesson's record: at its start, or opened at the start and its topic entered
        // by the evening (2.7).
        let lesson_line = |topic: Option<&str>, at: Time| {
            let mut line = Line::new("lesson", &s.offset)
                .str("id", &id)
                .str("class", &class.id);
            if let Some(g) = st.group {
                line = line.str("group", &g.to_string());
            }
            line = line
                .str("subject", subject.name)
                .str("teacher", &tid)
                .date("date", d)
                .clock("start", start)
                .clock("end", end);
            if let Some(topic) = topic {
                line = line.str("topic", topic);
                if let Some(w) = work {
                    line = line.str("work", w.as_str());
                }
                if let Some(sec) = section {
                    line = line.str("section", sec);
                }
            }
            if substitute {
                line = line.bool("substitute", true);
            }
            line.made(at, &tid).end()
        };
        let opened = at(d, i64::from(start)) + self.rng.range(30, 200);
        // A lesson left without a topic loses its section too: only one that owes nothing.
        let eligible_plain = work.is_none() && briefings.is_empty() && !owed;
        if eligible_plain && self.wrong() {
            self.push(opened, lesson_line(None, opened), None);
            self.missing(Tag::audit("lesson_topic_missing", due).lesson(&id));
        } else if self.wrong() {
            self.push(opened, lesson_line(None, opened), None);
            let late = at(days(d, self.rng.range(1, 3)), self.rng.range(600, 1200));
            if late >= self.window_end {
                // The topic never comes within the register: the lesson has none, nor the
                // briefings it was to record.
                self.missing(Tag::audit("lesson_topic_missing", due).lesson(&id));
                for tag in recorded {
                    self.missing(tag);
                }
            }
            // The late version carries the work, and its mistake.
            let mut tags = vec![Tag::entry("lesson_entered_late")];
            tags.extend(work_tag.take());
            self.push_tags(late, lesson_line(Some(&topic), late), tags);
        } else if self.rng.chance(0.3) {
            self.push(opened, lesson_line(None, opened), None);
            let filled = at(d, i64::from(end) + self.rng.range(-5, 120)) + self.rng.range(0, 59);
            self.push(filled, lesson_line(Some(&topic), filled), work_tag.take());
        } else {
            self.push(opened, lesson_line(Some(&topic), opened), work_tag.take());
        }

        // Who is there.
        let size = class.students.len();
        let subj = st.subj;
        let split = class
            .subjects
            .get(subj)
            .map_or(Split::Whole, |(_, split)| *split);
        let roster: Vec<usize> = class
            .students
            .iter()
            .copied()
            .filter(|&i| {
                s.student(i).is_some_and(|student| {
                    student.enrolled(d) && student.group(subj, split, d, size) == st.group
                })
            })
            .collect();
        let friday = days(d, 4 - weekday(d) as i64);
        let held = Held {
            st,
            class,
            id: &id,
            date: d,
            start,
            end,
            term: &term,
            work,
            teacher: &tid,
            class_teacher: s.staff_id(class.teacher),
        };
        let mut present = Vec::with_capacity(roster.len());
        let mut absent: Vec<(usize, Time)> = Vec::new();
        for &i in &roster {
            let Some(student) = s.student(i) else {
                continue;
            };
            if student.home_schooled(d) {
                if let Some(track) = self.track(i, subj) {
                    track.seen.1 += 1;
                }
                continue;
            }
            let away = match self.status.get(i).copied().unwrap_or(Status::Present) {
                Status::Present => None,
                Status::AllDay(code) => Some(code),
                Status::Bells(bells, code) => (bells & (1 << bell) != 0).then_some(code),
            };
            let Some(track) = self.track(i, subj) else {
                continue;
            };
            match away {
                None => {
                    track.attend();
                    present.push(i);
                }
                Some(code) => {
                    track.miss();
                    // On Friday, or sooner when the policy gives fewer days (3.2).
                    let within = i64::from(self.policy.absence_reason_within_days);
                    let reason_day = friday.min(days(d, within));
                    let reason_at =
                        at(reason_day, 970 + self.rng.range(0, 180)) + self.rng.range(0, 59);
                    let mut marked = at(d, i64::from(start)) + self.rng.range(120, 480);
                    let mut tag = None;
                    if weekday(d) < 4 && self.wrong() {
                        // Before the next day's first lesson: the next day's marks see it.
                        marked = at(days(d, 1), self.rng.range(480, 505));
                        tag = Some(Tag::entry("attendance_entered_late"));
                    }
                    absent.push((i, marked));
                    let line = Line::new("attendance", &s.offset)
                        .str("lesson", &id)
                        .str("student", &student.id)
                        .str("code", "Н")
                        .made(marked, &tid)
                        .end();
                    self.push(marked, line, tag);
                    if self.wrong() {
                        self.missing(
                            Tag::audit("absence_reason_unset", day_start(days(d, within + 1)))
                                .lesson(&id)
                                .student(&student.id),
                        );
                    } else {
                        let line = Line::new("attendance", &s.offset)
                            .str("lesson", &id)
                            .str("student", &student.id)
                            .str("code", code)
                            .made(reason_at, held.class_teacher)
                            .end();
                        self.push(reason_at, line, None);
                        if code == "НП" {
                            self.unexcused_absence(i, d, reason_at, held.class_teacher);
                        }
                    }
                    if student.at_sanatorium(d) && grade >= 2 && self.rng.chance(0.35) {
                        // The sanatorium's marks, beside the absence, from its certificate (2.12).
                        let (_, to) = student.sanatorium.unwrap_or((d, d));
                        let when = at(days(to, self.rng.range(3, 5)), self.rng.range(900, 1080));
                        let value = 4 + self.rng.below(2) as u8;
                        self.mark(MarkEntry {
                            basis: Some("sanatorium"),
                            by: held.class_teacher,
                            ..held.mark(i, value, when)
                        });
                    }
                }
            }
        }

        // Marks (none in grade 1, 2.6).
        let no_marks = self.policy.no_marks_grades.contains(&grade);
        let lesson_end = at(d, i64::from(end));
        if no_marks {
            if self.wrong() {
                if let Some(&i) = present.first() {
                    let when = lesson_end + self.rng.range(60, 1200);
                    let line = Line::new("mark", &s.offset)
                        .str("lesson", &id)
                        .str("student", s.student(i).map_or("", |x| &x.id))
                        .num("value", 5)
                        .made(when, &tid)
                        .end();
                    self.push(when, line, Some(Tag::entry("grade1_mark")));
                }
            }
        } else if let Some(w) = work.filter(|w| *w != Work::Excursion) {
            self.work_marks(&held, stream, w, &present);
            self.dense_marks(&held, &present, true);
        } else {
            self.oral_marks(&held, &present, remaining);
            self.dense_marks(&held, &present, false);
        }
        if !no_marks {
            self.odd_marks(&held, &roster, &absent);
        }

        // Homework, within the hour after the class's last lesson (2.8).
        let day_over = at(d, i64::from(last_end));
        if subject.homework && (no_marks || self.rng.chance(0.85)) {
            if no_marks {
                if self.wrong() {
                    let when = lesson_end + self.rng.range(60, 600);
                    let line = Line::new("homework", &s.offset)
                        .str("lesson", &id)
                        .str("text", "Прописи, с. 5")
                        .made(when, &tid)
                        .end();
                    self.push(when, line, Some(Tag::entry("grade1_homework")));
                }
            } else {
                // Within the deadline (five minutes to spare), or a quarter of an hour to
                // almost six hours after it.
                let deadline = i64::from(self.policy.homework_deadline_after_last_lesson);
                let mut when = self
                    .rng
                    .range(lesson_end + 60, day_over + (deadline - 5) * 60);
                let mut text = self.homework_text(n);
                let mut tag = None;
                if self.wrong() {
                    when = day_over + self.rng.range(deadline + 15, deadline + 340) * 60;
                    tag = Some(Tag::entry("homework_entered_late"));
                } else if self.wrong() {
                    text = (*self.mrng.pick(&["—", "-", "...", " "]).unwrap_or(&"—")).to_owned();
                    tag = Some(Tag::entry("homework_empty"));
                } else if self.wrong() {
                    // Where the task is, not what it is (2.8).
                    let next = days(d, 7).format("%d.%m").to_string();
                    let pick = *self
                        .mrng
                        .pick(&[
                            "Задание прежнее",
                            "см. д/з на {d}",
                            "Задание из файла",
                            "См. вложение",
                        ])
                        .unwrap_or(&"Задание прежнее");
                    text = pick.replace("{d}", &next);
                    tag = Some(Tag::entry("homework_uninformative"));
                }
                let line = Line::new("homework", &s.offset)
                    .str("lesson", &id)
                    .str("text", &text)
                    .made(when, &tid)
                    .end();
                self.push(when, line, tag);
                // Individual work for whoever is back after a long absence.
                let back: Vec<&str> = present
                    .iter()
                    .filter(|i| {
                        self.tracks
                            .get(**i)
                            .and_then(|t| t.get(subj))
                            .is_some_and(|t| {
                                t.attended == 1 && t.missed >= self.policy.long_absence_lessons
                            })
                    })
                    .filter_map(|i| s.student(*i))
                    .map(|student| student.id.as_str())
                    .collect();
                if !back.is_empty() {
                    let when = when.min(day_over + (deadline - 10) * 60) + 30;
                    let line = Line::new("homework", &s.offset)
                        .str("lesson", &id)
                        .str(
                            "text",
                            &format!(
                                "Повторить пропущенные темы: §{}–{}",
                                n.saturating_sub(3) + 1,
                                n + 1
                            ),
                        )
                        .strs("students", &back)
                        .made(when, &tid)
                        .end();
                    self.push(when, line, None);
                }
            }
        }

        // Now and then an incident: an unscheduled briefing is owed (2.14).
        if (subject.briefings || subject.pe) && self.rng.chance(0.002) {
            let when = lesson_end + self.rng.range(300, 2400);
            let note = *self.rng.pick(data::INCIDENTS).unwrap_or(&"");
            let line = Line::new("incident", &s.offset)
                .str("class", &class.id)
                .str("subject", subject.name)
                .date("date", d)
                .str("note", note)
                .made(when, &tid)
                .end();
            self.push(when, line, None);
            for &other in &class.streams {
                let Some(o) = s.stream(other).filter(|o| o.subject.name == subject.name) else {
                    continue;
                };
                // A stream still owing a briefing for an earlier incident, whose lesson
                // today is still to come: that lesson is the first after the earlier
                // incident, and now goes without it.
                let bell = o
                    .slots
                    .iter()
                    .filter(|(wd, _)| *wd == weekday(d))
                    .map(|(_, b)| *b)
                    .min();
                let Some(state) = self.streams.get_mut(other) else {
                    continue;
                };
                let earlier = state.unscheduled.is_some_and(|p| p < d);
                let today = bell.filter(|_| earlier && state.last != Some(d));
                state.unscheduled = Some(d);
                if let Some(bell) = today {
                    let id = self.lesson_id(other, d, bell);
                    self.missing(
                        Tag::audit("briefing_unscheduled_missing", day_start(days(d, 1)))
                            .lesson(&id),
                    );
                }
            }
        }
    }

    /// The lesson's work, with the control work each term of a control subject needs (4.2):
    /// when the term has had too few, the first of its last lessons without a work holds
    /// one; the teacher who leaves it out (a mistake) gives none at all that term.
    fn control_work(
        &mut self,
        stream: usize,
        work: Option<Work>,
        remaining: u32,
        (grade, class, subject, term): (u8, &str, &str, &Span),
    ) -> Option<Work> {
        let counted = |w: Option<Work>| {
            matches!(
                w,
                Some(Work::ControlWork | Work::ControlDictation | Work::Test)
            )
        };
        let needed = self.policy.control_works_per_period;
        if !self.controlled.get(stream).copied().unwrap_or(false)
            || self.policy.no_marks_grades.contains(&grade)
        {
            return work;
        }
        let (done, skipped, term_no) = match self.streams.get(stream) {
            Some(state) => (state.controls, state.controls_skipped, state.term),
            None => return work,
        };
        if skipped == term_no && counted(work) {
            return None;
        }
        let mut work = work;
        if work.is_none() && done < needed && remaining <= needed - done + 2 && skipped != term_no {
            if done == 0 && self.wrong() {
                if let Some(state) = self.streams.get_mut(stream) {
                    state.controls_skipped = term_no;
                }
                self.missing(
                    Tag::audit("control_work_missing", day_start(days(term.end, 1)))
                        .class(class)
                        .subject(subject)
                        .period(&term.id),
                );
                return None;
            }
            work = Some(Work::ControlWork);
        }
        if counted(work) {
            if let Some(state) = self.streams.get_mut(stream) {
                state.controls += 1;
            }
        }
        work
    }

    fn homework_text(&mut self, n: u32) -> String {
        let template = *self.rng.pick(data::HOMEWORK).unwrap_or(&"§{n}");
        let p = 10 + 2 * n;
        template
            .replace("{n}", &(n / 2 + 1).to_string())
            .replace("{q}", &(3 + n % 4).to_string())
            .replace("{p}", &p.to_string())
            .replace("{a}", &(20 + 3 * n).to_string())
            .replace("{b}", &(23 + 3 * n).to_string())
    }

    /// What the generator remembers of a student in a subject.
    fn track(&mut self, student: usize, subj: usize) -> Option<&mut Track> {
        self.tracks.get_mut(student).and_then(|t| t.get_mut(subj))
    }

    /// A mark a student's level suggests; never a failing one right after a long absence
    /// (3.3).
    fn value(&mut self, student: usize, subj: usize) -> (u8, Option<Tag>) {
        let level = self.s.student(student).map_or(4.0, |s| s.level);
        let v = (level + 0.8 * self.rng.normal()).round().clamp(2.0, 5.0) as u8;
        let policy = self.policy;
        let track = self.tracks.get(student).and_then(|t| t.get(subj));
        let protected = track.is_some_and(|t| t.protected(policy));
        let seen = track.is_some_and(|t| t.seen_protected(policy));
        if protected {
            if self.wrong() {
                // A failing mark (unless the rule does not see the absence as just before).
                let tag = seen.then(|| Tag::entry("failing_mark_after_absence"));
                return (2, tag);
            }
            return (v.max(3), None);
        }
        (v, None)
    }

    /// Writes a mark and remembers it for the final marks.
    fn mark(&mut self, m: MarkEntry) {
        let s = self.s;
        // A mark's kind: its own work, else the lesson's, else an oral answer.
        let kind = m.work.or(m.lesson_work).map_or(WorkKind::Oral, Work::kind);
        let weight = self.policy.weight(kind);
        let mut line = Line::new("mark", &s.offset)
            .str("lesson", m.lesson)
            .str("student", s.student(m.student).map_or("", |x| &x.id))
            .num("value", i64::from(m.value));
        if let Some(w) = m.work {
            line = line.str("work", w.as_str());
        }
        if let Some(b) = m.basis {
            line = line.str("basis", b);
        }
        // A mark for a student of another group is not on one of their lessons.
        let theirs = m
            .tag
            .as_ref()
            .is_none_or(|t| t.m.rule != "student_not_in_lesson");
        let written = m.when < self.window_end;
        let line = line.made(m.when, m.by).end();
        self.push(m.when, line, m.tag);
        if let Some(t) = self.track(m.student, m.subj) {
            t.marks.push((m.date, m.when, m.value, weight));
        }
        if theirs && written {
            self.end_quiet(m.student, m.subj);
            let lesson = self.lessons;
            if let Some(t) = self.track(m.student, m.subj) {
                t.marked_on = lesson;
            }
        }
    }

    /// A run of lessons attended without a mark ends (at a mark, or with the register): one
    /// as long as `sparse_marks_lessons` is a finding, dated its last lesson.
    fn end_quiet(&mut self, student: usize, subj: usize) {
        let needed = self.policy.sparse_marks_lessons;
        let Some(t) = self.track(student, subj) else {
            return;
        };
        let (quiet, (lesson, date)) = (t.quiet, std::mem::take(&mut t.quiet_last));
        t.quiet = 0;
        if quiet >= needed {
            let id = self.s.student(student).map_or("", |x| x.id.as_str());
            let tag = Tag::audit("marks_sparse", day_start(days(date, 1)))
                .student(id)
                .lesson(&lesson);
            self.missing(tag);
        }
    }

    /// Marks often enough (2.9, 4.2: «накопляемость»): a student present without a mark
    /// on this lesson gets an oral one when the lessons without a mark would otherwise come
    /// near `sparse_marks_lessons`. Not on a written work's lesson (a mark there is the
    /// work's), nor in a term the teacher forgets the student.
    fn dense_marks(&mut self, held: &Held<'_>, present: &[usize], written_work: bool) {
        let subj = held.st.subj;
        let lesson = self.lessons;
        let near = self.policy.sparse_marks_lessons.saturating_sub(2).max(1);
        let term_no = self
            .s
            .cal
            .term_of(held.class.grade, held.date)
            .map_or(0, |(i, _)| i + 1);
        for &i in present {
            let Some(t) = self.track(i, subj) else {
                continue;
            };
            if t.marked_on == lesson {
                continue;
            }
            if !written_work && t.starved != term_no && t.quiet + 1 >= near {
                let (v, tag) = self.value(i, subj);
                let when = at(
                    held.date,
                    i64::from(held.start)
                        + self.rng.range(10, i64::from(held.end - held.start) + 40),
                ) + self.rng.range(0, 59);
                self.mark(MarkEntry {
                    tag,
                    ..held.mark(i, v, when)
                });
                if let Some(t) = self.track(i, subj) {
                    t.count += 1;
                }
            }
            let Some(t) = self.track(i, subj) else {
                continue;
            };
            if t.marked_on != lesson {
                t.quiet += 1;
                t.quiet_last = (held.id.to_owned(), held.date);
            }
        }
    }

    /// Who makes a mark: the lesson's teacher, or now and then someone who may not.
    fn author(&mut self, teacher: &str, class_teacher: &str) -> (String, Option<Tag>) {
        if self.wrong() {
            let other = if class_teacher != teacher {
                class_teacher.to_owned()
            } else {
                self.s.staff_id(self.s.director).to_owned()
            };
            return (other, Some(Tag::entry("entry_not_permitted")));
        }
        (teacher.to_owned(), None)
    }

    /// Marks for a written work: every present student's, by the policy's deadline (3.3).
    fn work_marks(&mut self, held: &Held<'_>, stream: usize, work: Work, present: &[usize]) {
        let (st, d, lesson_end) = (held.st, held.date, held.lesson_end());
        let grade = held.class.grade;
        let kind = work.kind();
        let policy = self.policy;
        let subject = policy.subject_kind(st.subject.name);
        // At the teacher's discretion (3.3): a work the policy lists, but not for this subject
        // and grade, such as practical works in «Окружающий мир», grades 2–4.
        if policy.works_needing_marks.works.contains(&kind)
            && !policy.needs_marks(kind, subject, grade)
        {
            for &i in present.iter().take(4) {
                let (v, tag) = self.value(i, st.subj);
                let when = lesson_end + self.rng.range(60, 1800);
                self.mark(MarkEntry {
                    work: Some(work),
                    tag,
                    ..held.mark(i, v, when)
                });
            }
            return;
        }
        // The grading deadline (3.3), and when the teacher grades.
        let rule = policy.grading_deadline(kind, grade);
        let by_next_lesson = rule == Some(Deadline::NextLesson);
        let deadline = match rule {
            Some(Deadline::NextLesson) => self.next_lesson(stream, d).map(|(_, start)| start),
            Some(Deadline::Days(n)) => Some(day_start(days(d, i64::from(n) + 1))),
            None => None,
        };
        let planned = match (work, grade) {
            (Work::ControlWork | Work::ControlDictation, 2..=9) => {
                lesson_end + self.rng.range(60, 300) * 60
            }
            (Work::Exposition | Work::Composition, 2..=4) => {
                at(days(d, 1), self.rng.range(900, 1260))
            }
            (Work::Exposition | Work::Composition, 5..=9) => {
                at(days(d, self.rng.range(1, 5)), self.rng.range(900, 1260))
            }
            (Work::Composition, _) => at(days(d, self.rng.range(2, 8)), self.rng.range(900, 1260)),
            _ => at(days(d, self.rng.range(0, 3)), self.rng.range(900, 1260)),
        };
        let term_end = at(held.term.end, 1260);
        let mut when = planned.min(term_end).max(lesson_end + 20 * 60);
        if let Some(dl) = deadline {
            when = when.min(dl - 60);
        }
        // When the missing mark is told: the deadline; for a work due by the next lesson,
        // only once there is one; for a work with no deadline, the end of the term.
        let due = if by_next_lesson {
            deadline
        } else {
            Some(deadline.unwrap_or(day_start(days(held.term.end, 1))))
        };
        let needed = policy.needs_marks(kind, subject, grade);
        let due = due.filter(|_| needed && !present.is_empty());
        // Someone's mark is never entered; or entered only after the register's end.
        let mut skip = None;
        if due.is_some() && self.wrong() {
            skip = present.first().copied();
        }
        let mut lost = skip.is_some();
        for (k, &i) in present.iter().enumerate() {
            if Some(i) == skip {
                continue;
            }
            let (v, mut tag) = self.value(i, st.subj);
            let mut at_ = when + k as i64 * 7;
            if tag.is_none() && deadline.is_some() && self.wrong() {
                at_ = deadline.unwrap_or(when) + self.rng.range(1, 30) * 3600;
                tag = Some(Tag::entry("work_graded_late"));
            }
            lost |= at_ >= self.window_end;
            self.mark(MarkEntry {
                work: Some(work),
                tag,
                ..held.mark(i, v, at_)
            });
            if let Some(t) = self.track(i, st.subj) {
                t.count += 1;
            }
        }
        if let Some(due) = due.filter(|_| lost) {
            // Told once the deadline has passed: at it.
            self.missing(Tag::audit("work_marks_missing", due).lesson(held.id));
        }
    }

    /// Oral marks: a few a lesson, to those with the fewest, so that each student has
    /// enough for a final mark by the end of the term (2.11).
    fn oral_marks(&mut self, held: &Held<'_>, present: &[usize], remaining: u32) {
        let st = held.st;
        let (d, start, end) = (held.date, held.start, held.end);
        let subj = st.subj;
        let term_no = self
            .s
            .cal
            .term_of(held.class.grade, d)
            .map_or(0, |(i, _)| i + 1);
        let target = held.term.min_marks(self.policy) + 1;
        let mut deficit = 0;
        let mut order: Vec<(u32, u32, usize)> = Vec::with_capacity(present.len());
        let starving = st.subject.works.is_empty() && self.rate > 0.0;
        for &i in present {
            let Some(t) = self.tracks.get_mut(i).and_then(|t| t.get_mut(subj)) else {
                continue;
            };
            if t.term != term_no {
                t.term = term_no;
                t.count = 0;
                if starving && self.mrng.chance(self.rate) {
                    t.starved = term_no;
                }
            }
            if t.starved == term_no {
                continue;
            }
            deficit += target.saturating_sub(t.count);
            order.push((t.count, self.rng.below(1000), i));
        }
        order.sort_unstable();
        let base = if st.subject.pe {
            self.rng.range(3, 6)
        } else {
            self.rng.range(2, 4)
        } as f64;
        let base = (base * self.shape.oral_marks).round() as u32;
        let k = (deficit.div_ceil(remaining.max(1)) + base).min(order.len() as u32) as usize;
        for &(_, _, i) in order.iter().take(k) {
            let (v, tag) = self.value(i, subj);
            let when = at(
                d,
                i64::from(start) + self.rng.range(10, i64::from(end - start) + 40),
            ) + self.rng.range(0, 59);
            let (by, who) = if tag.is_none() {
                self.author(held.teacher, held.class_teacher)
            } else {
                (held.teacher.to_owned(), None)
            };
            let (basis, misplaced) = if tag.is_none() && who.is_none() && self.wrong() {
                (
                    Some("sanatorium"),
                    Some(Tag::entry("sanatorium_mark_misplaced")),
                )
            } else {
                (None, None)
            };
            self.mark(MarkEntry {
                by: &by,
                basis,
                tag: tag.or(who).or(misplaced),
                ..held.mark(i, v, when)
            });
            if let Some(t) = self.track(i, subj) {
                t.count += 1;
            }
        }
    }

    /// Marks that should not be there: beside an absence without a basis, for a student of
    /// the other group, for a home-schooled student, on a lesson nobody recorded.
    fn odd_marks(&mut self, held: &Held<'_>, roster: &[usize], absent: &[(usize, Time)]) {
        let s = self.s;
        let (st, class, d) = (held.st, held.class, held.date);
        let lesson_end = held.lesson_end();
        let subj = st.subj;
        for &(i, marked) in absent {
            if self.wrong() {
                let when = lesson_end.max(marked) + self.rng.range(600, 3000);
                self.mark(MarkEntry {
                    tag: Some(Tag::entry("absent_mark_without_basis")),
                    ..held.mark(i, 4, when)
                });
            }
        }
        let home = roster
            .iter()
            .find(|i| s.student(**i).is_some_and(|x| x.home_schooled(d)));
        if let Some(&i) = home {
            if self.wrong() {
                let when = lesson_end + self.rng.range(60, 1200);
                self.mark(MarkEntry {
                    tag: Some(Tag::entry("home_schooled_current_mark")),
                    ..held.mark(i, 4, when)
                });
            }
        }
        if st.group.is_some() && self.wrong() {
            let split = class.subjects.get(subj).map_or(Split::Whole, |x| x.1);
            let size = class.students.len();
            let stranger = class.students.iter().copied().find(|&i| {
                s.student(i).is_some_and(|student| {
                    student.enrolled(d)
                        && !student.home_schooled(d)
                        && student.group(subj, split, d, size) != st.group
                })
            });
            if let Some(i) = stranger {
                let when = lesson_end + self.rng.range(60, 1200);
                self.mark(MarkEntry {
                    tag: Some(Tag::entry("student_not_in_lesson")),
                    ..held.mark(i, 4, when)
                });
            }
        }
        if self.wrong() {
            if let Some(&i) = roster.first() {
                let when = lesson_end + self.rng.range(60, 1200);
                let line = Line::new("mark", &s.offset)
                    .str("lesson", &format!("{}-x", held.id))
                    .str("student", s.student(i).map_or("", |x| &x.id))
                    .num("value", 4)
                    .made(when, held.teacher)
                    .end();
                self.push(when, line, Some(Tag::entry("unknown_reference")));
            }
        }
    }

    // ------------------------------------------------------------------ period ends

    fn period_ends(&mut self, d: NaiveDate) {
        let s = self.s;
        let cal = &s.cal;
        let year_end = d == cal.year.end;
        let terms: [(&[Span], _); 2] = [(&cal.quarters, 1..=9u8), (&cal.halves, 10..=11u8)];
        for (terms, grades) in terms {
            for term in terms.iter().filter(|t| t.end == d) {
                for class in &s.classes {
                    if grades.contains(&class.grade) {
                        self.finals(class, term, year_end);
                        self.final_views(class, term);
                        if year_end {
                            self.final_views(class, &cal.year);
                        }
                    }
                }
            }
        }
        if year_end {
            for class in &s.classes {
                self.decisions(class);
                self.exports(class);
            }
        }
    }

    /// Final marks for a term (and the year after the last), by each subject's teacher,
    /// from the last day of the term to the next evening (2.10, 2.11, 5.3).
    fn finals(&mut self, class: &Class, term: &Span, year_too: bool) {
        let s = self.s;
        if self.policy.no_marks_grades.contains(&class.grade) {
            return;
        }
        let size = class.students.len();
        for (j, (subject, split)) in class.subjects.iter().enumerate() {
            let base = if self.rng.chance(0.5) {
                at(term.end, self.rng.range(930, 1290))
            } else {
                at(days(term.end, 1), self.rng.range(540, 1260))
            };
            for (k, &i) in class.students.iter().enumerate() {
                let Some(student) = s.student(i) else {
                    continue;
                };
                if !student.enrolled(term.end)
                    || student.since.is_some_and(|since| since > term.end)
                {
                    continue;
                }
                let group = student.group(j, *split, term.end, size);
                let stream = class
                    .streams
                    .iter()
                    .filter_map(|x| s.stream(*x))
                    .find(|x| x.subj == j && x.group == group);
                let Some(stream) = stream else {
                    continue;
                };
                let entry = FinalEntry {
                    student: i,
                    subj: j,
                    subject: subject.name,
                    period: term,
                    when: base + k as i64 * 20,
                    teacher: s.staff_id(stream.teacher),
                    year: false,
                };
                self.final_mark(&entry);
                if year_too {
                    self.final_mark(&FinalEntry {
                        period: &s.cal.year,
                        when: entry.when + 900,
                        year: true,
                        ..entry
                    });
                }
            }
        }
    }

    fn final_mark(&mut self, entry: &FinalEntry<'_>) {
        let s = self.s;
        let (i, j, period) = (entry.student, entry.subj, entry.period);
        let mut when = entry.when;
        let Some(student) = s.student(i) else {
            return;
        };
        let home = student.home_schooled_during(period);
        let in_plan = student.home.as_ref().is_none_or(|h| h.plan.contains(&j));
        let mut tag = None;
        if home && !in_plan {
            if !self.wrong() {
                return;
            }
            tag = Some(Tag::entry("home_schooled_final_outside_plan"));
        }
        // Published within the policy's hours after the end of the period's last day.
        let within = i64::from(self.policy.final_marks_publish_within) * 3600;
        let published_by = day_start(days(period.end, 1)) + within;
        // Told once the window is over: after it.
        let never = Tag::audit("final_mark_missing", published_by + 1)
            .student(&student.id)
            .subject(entry.subject)
            .period(&period.id);
        if tag.is_none() && self.wrong() {
            // Never entered at all.
            self.missing(never);
            return;
        }
        if tag.is_none() && self.wrong() {
            when = at(
                days(period.end, -self.rng.range(1, 3)),
                self.rng.range(900, 1200),
            );
            tag = Some(Tag::entry("final_mark_too_early"));
        } else if tag.is_none() && self.wrong() {
            when = published_by + self.rng.range(1, 72) * 3600;
            tag = Some(Tag::entry("final_mark_published_late"));
            if when >= self.window_end {
                // Not published within the register at all.
                self.missing(never);
            }
        }
        let Some(track) = self.tracks.get(i).and_then(|t| t.get(j)) else {
            return;
        };
        // The marks of the period entered by then, and their weighted mean.
        let marks: Vec<(u8, f64)> = track
            .marks
            .iter()
            .filter(|(date, t, ..)| period.contains(*date) && *t <= when)
            .map(|m| (m.2, m.3))
            .collect();
        let enough = marks.len() as u32 >= period.min_marks(self.policy);
        let few_mean = mean_of(marks.into_iter());
        let mean = if home || (!entry.year && !enough) {
            None
        } else if entry.year {
            let finals: Vec<u8> = track
                .finals
                .iter()
                .filter(|(t, _)| *t <= when)
                .filter_map(|(_, v)| *v)
                .collect();
            if finals.is_empty() {
                mean_of(
                    track
                        .marks
                        .iter()
                        .filter(|(_, t, ..)| *t <= when)
                        .map(|m| (m.2, m.3)),
                )
            } else {
                mean_of(finals.into_iter().map(|v| (v, 1.0)))
            }
        } else {
            few_mean
        };
        let mut value = match (home, mean) {
            (true, _) => Some(student.level.round().clamp(3.0, 5.0) as u8),
            (false, Some(m)) => Some((m + 0.5).floor() as u8),
            (false, None) => None,
        };
        // A teacher who forgot to mark the student all term gives a mark all the same.
        let grade = s.class(student.class).map_or(0, |c| c.grade);
        let term_no = s.cal.term_of(grade, period.end).map_or(0, |(t, _)| t + 1);
        let mut tags = Vec::new();
        if !entry.year && !home && tag.is_none() && value.is_none() && track.starved == term_no {
            let v = student.level.round().clamp(3.0, 5.0) as u8;
            value = Some(v);
            tag = Some(Tag::entry("final_mark_too_few_marks"));
            // The few marks there are may not justify it either.
            if few_mean.is_some_and(|m| self.unjustified(v, m)) {
                tags.push(Tag::entry("final_mark_unjustified"));
            }
        }
        if let (None, Some(m), Some(v)) = (&tag, mean, value) {
            if self.wrong() {
                let off = if m >= 3.5 {
                    v.saturating_sub(2).max(1)
                } else {
                    (v + 2).min(5)
                };
                // Well outside the tolerance, whatever the rounding.
                if (f64::from(off) - m).abs() > self.policy.final_mark_tolerance + 0.25 {
                    value = Some(off);
                    tag = Some(Tag::entry("final_mark_unjustified"));
                }
            }
        }
        let line = Line::new("final_mark", &s.offset)
            .str("student", &student.id)
            .str("subject", entry.subject)
            .str("period", &period.id);
        let line = match value {
            Some(v) => line.num("value", i64::from(v)),
            None => line.str("value", "na"),
        };
        let line = line.made(when, entry.teacher).end();
        tags.extend(tag);
        self.push_tags(when, line, tags);
        // The parents of a failing or not attested student are told (3.2).
        let failing = value.is_none_or(|v| self.policy.failing_marks.contains(&v));
        if failing && when < self.window_end && self.shape.writes("final_mark") {
            let entered = date_of(when);
            let mistake = Tag::audit("parent_not_notified", 0)
                .student(&student.id)
                .subject(entry.subject)
                .period(&period.id);
            let teacher = s
                .class(student.class)
                .map_or(entry.teacher, |c| s.staff_id(c.teacher));
            self.notify(
                i,
                Reason::Failing,
                (entered, entered),
                when,
                teacher,
                mistake,
            );
        }
        if let Some(track) = self.track(i, j) {
            if entry.year {
                track.year = Some(value);
            } else {
                track.finals.push((when, value));
            }
        }
    }

    /// One more lesson a student missed without a good reason (3.2): in a week with
    /// `unexcused_absences_for_notice` of them, the class teacher tells the parents when the
    /// last reason is set.
    fn unexcused_absence(&mut self, student: usize, d: NaiveDate, reason_at: Time, teacher: &str) {
        let monday = days(d, -(weekday(d) as i64));
        let Some(week) = self.unexcused.get_mut(student) else {
            return;
        };
        if week.0 != monday {
            *week = (monday, 0);
        }
        week.1 += 1;
        if week.1 != self.policy.unexcused_absences_for_notice {
            return;
        }
        let sunday = days(monday, 6);
        let id = self.s.student(student).map_or("", |x| x.id.as_str());
        let mistake = Tag::audit("parent_not_notified", 0)
            .student(id)
            .date(sunday);
        self.notify(
            student,
            Reason::UnexcusedAbsence,
            (monday, sunday),
            reason_at,
            teacher,
            mistake,
        );
    }

    /// The parents of a student are told (3.2): a `parent_notice` of `reason` made after
    /// `earliest`, dated from the day the duty arose (`from`) to `parent_notice_within_days`
    /// after `end`. Not again when an earlier notice of the reason already falls within
    /// those days; left out now and then as a mistake, and then also for a duty whose days
    /// meet the omitted one's (a notice for it would tell both).
    fn notify(
        &mut self,
        student: usize,
        reason: Reason,
        (from, end): (NaiveDate, NaiveDate),
        earliest: Time,
        teacher: &str,
        mistake: Tag,
    ) {
        let s = self.s;
        let until = days(end, i64::from(self.policy.parent_notice_within_days));
        let Some(&state) = self
            .notices
            .get(student)
            .and_then(|n| n.get(reason as usize))
        else {
            return;
        };
        if state.last.is_some_and(|last| last >= from) {
            return;
        }
        let set = |j: &mut Self, state: Notices| {
            if let Some(slot) = j
                .notices
                .get_mut(student)
                .and_then(|n| n.get_mut(reason as usize))
            {
                *slot = state;
            }
        };
        let missed = Tag {
            due: Some(day_start(days(until, 1))),
            ..mistake
        };
        if state.skipped_until.is_some_and(|u| u >= from) || self.wrong() {
            let skipped_until = state.skipped_until.max(Some(until));
            set(
                self,
                Notices {
                    skipped_until,
                    ..state
                },
            );
            self.missing(missed);
            return;
        }
        let first = date_of(earliest);
        let day = days(
            first,
            self.rng
                .range(0, (until - first).num_days().clamp(0, 2) + 1),
        );
        let mut when = at(day, self.rng.range(900, 1080)) + self.rng.range(0, 59);
        if when <= earliest {
            when = earliest + self.rng.range(300, 1800);
        }
        let date = date_of(when);
        set(
            self,
            Notices {
                last: Some(date),
                ..state
            },
        );
        let Some(st) = s.student(student) else {
            return;
        };
        let mut line = Line::new("parent_notice", &s.offset)
            .str("student", &st.id)
            .str(
                "reason",
                match reason {
                    Reason::Failing => "failing",
                    Reason::UnexcusedAbsence => "unexcused_absence",
                },
            )
            .date("date", date);
        let parent = s
            .family(st.family)
            .and_then(|f| f.parents.first())
            .and_then(|p| s.parent(*p));
        if let Some(parent) = parent.filter(|_| self.shape.writes("parent")) {
            line = line.str("parent", &parent.id);
        }
        let line = line.made(when, teacher).end();
        self.push(when, line, None);
    }

    /// Whether a final mark stands further from the mean than the policy allows (2.11).
    fn unjustified(&self, value: u8, mean: f64) -> bool {
        (f64::from(value) - mean).abs() > self.policy.final_mark_tolerance + 1e-9
    }

    /// Parents look at the final marks within the week after a period (5.4).
    fn final_views(&mut self, class: &Class, period: &Span) {
        let s = self.s;
        for child in class.students.iter().filter_map(|i| s.student(*i)) {
            if !child.enrolled(period.end) {
                continue;
            }
            let parents = s.family(child.family).map(|f| f.parents.as_slice());
            for parent in parents
                .unwrap_or_default()
                .iter()
                .filter_map(|p| s.parent(*p))
            {
                if parent.opt_out.is_some() {
                    continue;
                }
                let when = at(
                    days(period.end, self.rng.range(1, 6)),
                    self.rng.range(1080, 1379),
                );
                let line = Line::new("diary_view", &s.offset)
                    .str("parent", &parent.id)
                    .str("student", &child.id)
                    .str("section", "final_marks")
                    .at(when)
                    .end();
                self.push(when, line, None);
            }
        }
    }

    /// The summary sheet's decisions (4.8), by the class teacher.
    fn decisions(&mut self, class: &Class) {
        let s = self.s;
        let teacher = s.staff_id(class.teacher);
        let graduates = matches!(class.grade, 9 | 11);
        for &i in &class.students {
            let Some(student) = s.student(i) else {
                continue;
            };
            let when = at(
                days(s.cal.year.end, self.rng.range(3, 6)),
                self.rng.range(660, 960),
            );
            let failing = &self.policy.failing_marks;
            let failed = self.tracks.get(i).is_some_and(|tracks| {
                tracks.iter().any(|t| match t.year {
                    Some(None) => true,
                    Some(Some(v)) => failing.contains(&v),
                    None => false,
                })
            });
            let decision = if !student.enrolled(s.cal.year.end) {
                "left"
            } else {
                match (graduates, failed) {
                    (true, false) => "admitted_to_gia",
                    (true, true) => "not_admitted_to_gia",
                    (false, false) => "promoted",
                    (false, true) => "conditionally_promoted",
                }
            };
            let (decision, tag) = if decision != "left" && self.wrong() {
                (
                    if graduates {
                        "promoted"
                    } else {
                        "admitted_to_gia"
                    },
                    Some(Tag::entry("annual_decision_inconsistent")),
                )
            } else {
                (decision, None)
            };
            let line = Line::new("annual_decision", &s.offset)
                .str("student", &student.id)
                .str("decision", decision)
                .made(when, teacher)
                .end();
            self.push(when, line, tag);
        }
    }

    /// The year's register exported as PDF: a signed main copy and a working copy (4.4, 4.5).
    fn exports(&mut self, class: &Class) {
        let s = self.s;
        let admin = s.staff_id(s.admin);
        let end = s.cal.year.end;
        let deadline = self.policy.export_due(class.grade, end).unwrap_or(end);
        let mut date = days(end, self.rng.range(7, 28)).min(days(deadline, -1));
        let mut tag = None;
        if self.wrong() {
            date = days(deadline, self.rng.range(1, 5));
            tag = Some(Tag::entry("journal_export_late"));
        }
        let unsigned = tag.is_none() && self.wrong();
        let when = at(date, self.rng.range(600, 1000));
        for (k, signed) in [(0, !unsigned), (1, false)] {
            if k == 1 && self.rng.chance(0.4) {
                continue;
            }
            let line = Line::new("journal_export", &s.offset)
                .str("class", &class.id)
                .date("date", date)
                .str("format", "pdf")
                .bool("signed", signed)
                .made(when + k * 120, admin)
                .end();
            // Each copy dated late is late.
            self.push(when + k * 120, line, tag.clone());
        }
        if unsigned {
            self.missing(Tag::audit("journal_export_unsigned", when + 600).class(&class.id));
        }
    }
}

/// A final mark to write.
#[derive(Clone, Copy)]
struct FinalEntry<'a> {
    student: usize,
    /// The subject, as an index into the class's subjects.
    subj: usize,
    subject: &'a str,
    period: &'a Span,
    when: Time,
    teacher: &'a str,
    /// The year mark, which rests on the term marks.
    year: bool,
}

/// The weighted mean of marks, `(value, weight)`; none with nothing to weigh.
fn mean_of(values: impl Iterator<Item = (u8, f64)>) -> Option<f64> {
    let (sum, weights) = values.fold((0.0, 0.0), |(s, n), (v, w)| (s + f64::from(v) * w, n + w));
    (weights > 0.0).then(|| sum / weights)
}
