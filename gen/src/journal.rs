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

use super::data::{self, Work};
use super::json::{Line, Time};
use super::rng::Rng;
use super::school::{days, weekday, School, Span};
use super::Mistake;

pub fn day_start(date: NaiveDate) -> Time {
    date.and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp())
        .unwrap_or_default()
}

/// `date` at `minutes` after midnight.
pub fn at(date: NaiveDate, minutes: i64) -> Time {
    day_start(date) + minutes * 60
}

const LONG_ABSENCE: u32 = 3;
const PROTECTED_LESSONS: u32 = 2;

/// A mistake a queued event carries, recorded once the event is written.
#[derive(Debug, Clone)]
pub struct Tag {
    pub rule: &'static str,
    /// The finding points at this event.
    pub event: bool,
    /// When the rule can tell: the mistake counts only if the register reaches that far.
    pub due: Option<Time>,
    pub lesson: Option<String>,
    pub student: Option<String>,
    pub parent: Option<String>,
    pub class: Option<String>,
    pub date: Option<NaiveDate>,
}

impl Tag {
    pub fn entry(rule: &'static str) -> Tag {
        Tag {
            rule,
            event: true,
            due: None,
            lesson: None,
            student: None,
            parent: None,
            class: None,
            date: None,
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
        self.lesson = Some(id.to_owned());
        self
    }
    pub fn student(mut self, id: &str) -> Tag {
        self.student = Some(id.to_owned());
        self
    }
    pub fn parent(mut self, id: &str) -> Tag {
        self.parent = Some(id.to_owned());
        self
    }
    pub fn class(mut self, id: &str) -> Tag {
        self.class = Some(id.to_owned());
        self
    }
    pub fn date(mut self, date: NaiveDate) -> Tag {
        self.date = Some(date);
        self
    }
    fn mistake(self, event: usize) -> Mistake {
        Mistake {
            rule: self.rule,
            event: self.event.then_some(event),
            lesson: self.lesson,
            student: self.student,
            parent: self.parent,
            class: self.class,
            date: self.date,
        }
    }
}

struct Pending {
    at: Time,
    seq: u64,
    line: String,
    tag: Option<Tag>,
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
    /// The term the count is for (1-based; 0 none) and the marks given in it so far.
    term: usize,
    count: u32,
    /// Every current mark: the lesson's date, when it was entered, the value.
    marks: Vec<(NaiveDate, Time, u8)>,
    /// Term final marks of the year: when entered and the value (`None`: «н/а»).
    finals: Vec<(Time, Option<u8>)>,
    /// The year mark, once given.
    year: Option<Option<u8>>,
    /// The term (1-based) in which the teacher forgets to mark the student at all.
    starved: usize,
}

impl Track {
    fn protected(&self) -> bool {
        self.missed >= LONG_ABSENCE && self.attended <= PROTECTED_LESSONS
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
    term: usize,
    term_total: u32,
    term_seen: u32,
    works: u32,
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
}

impl<'s, W: Write> Journal<'s, W> {
    pub fn new(s: &'s School, out: W, rng: Rng, mrng: Rng, rate: f64, window_end: Time) -> Self {
        let tracks = s
            .students
            .iter()
            .map(|st| vec![Track::default(); s.classes[st.class].subjects.len()])
            .collect();
        let term_days = s
            .cal
            .quarters
            .iter()
            .chain(&s.cal.halves)
            .map(|t| s.cal.weekday_counts(t.start, t.end))
            .collect();
        Journal {
            s,
            out,
            heap: BinaryHeap::new(),
            seq: 0,
            written: 0,
            rng,
            mrng,
            rate,
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
        }
    }

    /// Whether to make this eligible entry one of the mistakes.
    fn wrong(&mut self) -> bool {
        self.rate > 0.0 && self.mrng.chance(self.rate)
    }

    fn write_now(&mut self, line: &str) -> io::Result<()> {
        self.out.write_all(line.as_bytes())?;
        self.written += 1;
        Ok(())
    }

    fn push(&mut self, at: Time, line: String, tag: Option<Tag>) {
        if at >= self.window_end {
            return;
        }
        self.seq += 1;
        self.heap.push(Reverse(Pending {
            at,
            seq: self.seq,
            line,
            tag,
        }));
    }

    /// A mistake that is an absence of something: it counts once the rule can tell.
    fn missing(&mut self, tag: Tag) {
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
            if let Some(tag) = p.tag {
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
        self.flush(self.window_end)?;
        self.out.flush()
    }

    // ------------------------------------------------------------------ declarations

    fn declare(&mut self) -> io::Result<()> {
        let s = self.s;
        let cal = &s.cal;
        let year = &cal.year;
        self.write_now(
            &Line::new("period")
                .str("id", &year.id)
                .str("kind", "year")
                .date("start", year.start)
                .date("end", year.end)
                .end(),
        )?;
        let junior: Vec<i64> = (1..=9).collect();
        for (terms, grades) in [(&cal.quarters, &junior[..]), (&cal.halves, &[10, 11][..])] {
            for t in terms.iter() {
                let line = Line::new("period")
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
                &Line::new("class")
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
            let mut line = Line::new("staff")
                .str("id", &t.id)
                .str("name", &t.name)
                .strs("roles", t.roles);
            if !classes.is_empty() {
                line = line.strs("classes", &classes);
            }
            self.write_now(&line.end())?;
        }
        for st in &s.students {
            let class = &s.classes[st.class];
            let groups: Vec<(&str, String)> = class
                .subjects
                .iter()
                .filter_map(|(subject, split)| {
                    st.declared_group(*split, class.students.len())
                        .map(|g| (subject.name, g.to_string()))
                })
                .collect();
            let mut line = Line::new("student")
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
            let children: Vec<&str> = s.families[p.family]
                .children
                .iter()
                .map(|c| s.students[*c].id.as_str())
                .collect();
            self.write_now(
                &Line::new("parent")
                    .str("id", &p.id)
                    .str("name", &p.name)
                    .strs("children", &children)
                    .end(),
            )?;
        }
        for p in &s.parents {
            if let Some(date) = p.opt_out {
                self.write_now(
                    &Line::new("parent_opt_out")
                        .str("parent", &p.id)
                        .date("date", date)
                        .end(),
                )?;
            }
        }
        for st in &s.students {
            if let Some((from, to)) = st.sanatorium {
                self.write_now(
                    &Line::new("sanatorium")
                        .str("student", &st.id)
                        .date("from", from)
                        .date("to", to)
                        .end(),
                )?;
            }
            if let Some(home) = &st.home {
                let class = &s.classes[st.class];
                let plan: Vec<&str> = home
                    .plan
                    .iter()
                    .filter_map(|j| class.subjects.get(*j).map(|(subject, _)| subject.name))
                    .collect();
                self.write_now(
                    &Line::new("home_schooling")
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
            let class = &s.classes[stream.class];
            let when = at(
                days(s.cal.first_day, -self.rng.range(1, 4)),
                self.rng.range(600, 1020),
            );
            let first = self.first_lesson(i);
            if self.wrong() {
                if let Some((date, id)) = first {
                    self.missing(
                        Tag::audit("thematic_plan_missing", day_start(days(date, 15))).lesson(&id),
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
            let mut line = Line::new("thematic_plan").str("class", &class.id);
            if let Some(g) = stream.group {
                line = line.str("group", &g.to_string());
            }
            let line = line
                .str("subject", stream.subject.name)
                .num("lessons", i64::from(lessons))
                .made(when, &s.staff[stream.teacher].id)
                .end();
            self.push(when, line, tag);
        }
    }

    /// The first lesson of a stream: its date and id.
    fn first_lesson(&self, stream: usize) -> Option<(NaiveDate, String)> {
        let s = self.s;
        let st = &s.streams[stream];
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
        let admin = &s.staff[s.admin].id;
        for st in &s.students {
            if let Some(left) = st.left {
                let when = at(days(left, -1), self.rng.range(600, 900));
                let line = Line::new("student_left")
                    .str("student", &st.id)
                    .date("date", left)
                    .made(when, admin)
                    .end();
                self.push(when, line, None);
            }
            if let Some((subj, date)) = st.group_change {
                let class = &s.classes[st.class];
                let Some((subject, split)) = class.subjects.get(subj) else {
                    continue;
                };
                let group = st.group(subj, *split, date, class.students.len());
                let when = at(days(date, -self.rng.range(3, 9)), self.rng.range(600, 960));
                // A move dated in the middle of the quarter is the typical mistake (3.2).
                let tag = st
                    .misdated_change
                    .then(|| Tag::entry("group_change_mid_period"));
                let line = Line::new("group_change")
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
                let child = &s.students[c];
                if !(child.enrolled(monday) && child.enrolled(sunday)) {
                    continue;
                }
                for &p in &family.parents {
                    let parent = &s.parents[p];
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
                        let line = Line::new("diary_view")
                            .str("parent", &parent.id)
                            .str("student", &child.id)
                            .str("section", "diary")
                            .at(when)
                            .end();
                        self.push(when, line, None);
                    }
                }
            }
        }
        // Paper reports every second Friday from the application (3.2, 5.2).
        for parent in &s.parents {
            let Some(from) = parent.opt_out else { continue };
            for &c in &s.families[parent.family].children {
                let child = &s.students[c];
                let class = &s.classes[child.class];
                let mut date = days(from, 4);
                let mut previous = from;
                while date <= sunday && date <= year.end {
                    if date >= monday && child.enrolled(date) {
                        let due = days(previous, 14);
                        // One report skipped at a time: two in a row make one long gap.
                        if !self.paper_skipped[c] && self.wrong() {
                            self.paper_skipped[c] = true;
                            self.missing(
                                Tag::audit("paper_report_overdue", day_start(days(due, 1)))
                                    .parent(&parent.id)
                                    .student(&child.id)
                                    .date(due),
                            );
                        } else {
                            self.paper_skipped[c] = false;
                            let when = at(date, self.rng.range(840, 1020));
                            let line = Line::new("paper_report")
                                .str("student", &child.id)
                                .date("date", date)
                                .made(when, &s.staff[class.teacher].id)
                                .end();
                            self.push(when, line, None);
                        }
                    }
                    previous = date;
                    date = days(date, 14);
                }
            }
        }
    }

    // ------------------------------------------------------------------ school days

    fn school_day(&mut self, d: NaiveDate, week: u32) {
        let s = self.s;
        for (t, staff) in s.staff.iter().enumerate() {
            if staff.field.is_some()
                && self.teacher_sick[t].is_none_or(|u| u < d)
                && self.rng.chance(0.004)
            {
                self.teacher_sick[t] = Some(days(d, self.rng.range(0, 4)));
            }
        }
        self.day_busy.clear();
        for (i, st) in s.students.iter().enumerate() {
            self.status[i] = if !st.enrolled(d) || st.home_schooled(d) {
                Status::Present
            } else if st.at_sanatorium(d) {
                Status::AllDay("УП")
            } else if self.sick_until[i].is_some_and(|u| d <= u) {
                Status::AllDay("Б")
            } else if self.rng.chance(0.021) {
                self.sick_until[i] = Some(days(d, self.rng.range(2, 8)));
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
        for c in 0..s.classes.len() {
            let class = &s.classes[c];
            let slots = &class.days[weekday(d)];
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
        let st = &self.s.streams[stream];
        let class = &self.s.classes[st.class];
        match st.group {
            Some(g) => format!("{}-{}-{}g{g}", class.id, d.format("%y%m%d"), bell + 1),
            None => format!("{}-{}-{}", class.id, d.format("%y%m%d"), bell + 1),
        }
    }

    /// Who teaches a lesson: its teacher, or a colleague free at that bell (2.15).
    fn teacher(&mut self, stream: usize, d: NaiveDate, bell: usize) -> (usize, bool) {
        let s = self.s;
        let st = &s.streams[stream];
        if self.teacher_sick[st.teacher].is_none_or(|u| u < d) {
            return (st.teacher, false);
        }
        let field = s.staff[st.teacher].field;
        let wd = weekday(d);
        let free = |t: usize, j: &Self| {
            j.teacher_sick[t].is_none_or(|u| u < d)
                && s.staff[t]
                    .busy
                    .get(wd)
                    .is_some_and(|b| b & (1 << bell) == 0)
                && !j.day_busy.contains(&(t, bell))
        };
        let sub = (0..s.staff.len())
            .find(|t| s.staff[*t].field == field && free(*t, self))
            .or_else(|| (0..s.staff.len()).find(|t| s.staff[*t].field.is_some() && free(*t, self)))
            .or_else(|| s.deputies.iter().copied().find(|t| free(*t, self)))
            .unwrap_or(s.deputies[0]);
        self.day_busy.push((sub, bell));
        (sub, true)
    }

    /// The next lesson of a stream after `d`: its date and start.
    fn next_lesson(&self, stream: usize, d: NaiveDate) -> Option<(NaiveDate, Time)> {
        let s = self.s;
        let st = &s.streams[stream];
        let bells = data::bells(s.classes[st.class].grade);
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
        let st = &s.streams[stream];
        let class = &s.classes[st.class];
        let grade = class.grade;
        let subject = st.subject;
        let Some(&(start, end)) = data::bells(grade).get(bell) else {
            return;
        };
        let (teacher, substitute) = self.teacher(stream, d, bell);
        let tid = s.staff[teacher].id.clone();
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
        let state = &mut self.streams[stream];
        let n = state.n;
        state.n += 1;
        if state.term != term_index + 1 {
            state.term = term_index + 1;
            let counts = self.term_days.get(term_key).copied().unwrap_or_default();
            state.term_total = st
                .slots
                .iter()
                .map(|(wd, _)| counts.get(*wd).copied().unwrap_or(0))
                .sum();
            state.term_seen = 0;
        }
        state.term_seen += 1;
        let remaining = state.term_total.saturating_sub(state.term_seen) + 1;

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
        let mut briefings: Vec<String> = Vec::new();
        let mut omitted: Option<Tag> = None;
        let due = day_start(days(d, 1));
        if subject.briefings && n == 0 {
            if self.wrong() {
                omitted = Some(Tag::audit("briefing_introductory_missing", due).lesson(&id));
            } else {
                briefings.push("Вводный инструктаж по охране труда".into());
            }
        }
        if subject.briefings && d >= s.cal.second_half(grade) && !self.streams[stream].repeat_done {
            self.streams[stream].repeat_done = true;
            if self.wrong() {
                omitted = Some(Tag::audit("briefing_repeat_missing", due).lesson(&id));
            } else {
                briefings.push("Повторный инструктаж по охране труда".into());
            }
        }
        let mut section = None;
        let mut topics = subject.topics;
        if subject.pe {
            let (name, list) = data::pe_section(week);
            section = Some(name);
            topics = list;
            let state = &mut self.streams[stream];
            if state.section != Some(name) {
                state.section = Some(name);
                if state.sections.contains(&name) {
                    briefings.push(format!(
                        "Повторный инструктаж по ТБ: {}",
                        name.to_lowercase()
                    ));
                } else {
                    state.sections.push(name);
                    if self.wrong() {
                        omitted = Some(Tag::audit("briefing_pe_section_missing", due).lesson(&id));
                    } else {
                        briefings
                            .push(format!("Вводный инструктаж по ТБ: {}", name.to_lowercase()));
                    }
                }
            }
        }
        if self.streams[stream]
            .unscheduled
            .is_some_and(|incident| incident < d)
        {
            self.streams[stream].unscheduled = None;
            if self.wrong() {
                self.missing(Tag::audit("briefing_unscheduled_missing", due).lesson(&id));
            } else {
                briefings.push("Внеплановый инструктаж по охране труда".into());
            }
        }
        let mut work_tag = None;
        if work.is_some_and(Work::needs_briefing) {
            if subject.briefings && briefings.is_empty() && omitted.is_none() && self.wrong() {
                work_tag = Some(Tag::entry("briefing_before_work_missing"));
            } else {
                briefings.push("Целевой инструктаж по охране труда".into());
            }
        }
        let owed = omitted.is_some();
        if let Some(tag) = omitted {
            self.missing(tag);
        }
        let core = match work {
            Some(w) => {
                self.streams[stream].works += 1;
                let k = self.streams[stream].works;
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
            let mut line = Line::new("lesson").str("id", &id).str("class", &class.id);
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
            let tag = Tag::entry("lesson_entered_late");
            self.push(late, lesson_line(Some(&topic), late), Some(tag));
            // The late version carries the work: judged once, on that version.
            drop(work_tag.take());
        } else if self.rng.chance(0.3) {
            self.push(opened, lesson_line(None, opened), None);
            let filled = at(d, i64::from(end) + self.rng.range(-5, 120)) + self.rng.range(0, 59);
            self.push(filled, lesson_line(Some(&topic), filled), work_tag.take());
        } else {
            self.push(opened, lesson_line(Some(&topic), opened), work_tag.take());
        }

        // Who is there.
        let size = class.students.len();
        let (subj, split) = (st.subj, class.subjects[st.subj].1);
        let roster: Vec<usize> = class
            .students
            .iter()
            .copied()
            .filter(|&i| {
                let student = &s.students[i];
                student.enrolled(d) && student.group(subj, split, d, size) == st.group
            })
            .collect();
        let friday = days(d, 4 - weekday(d) as i64);
        let class_teacher = s.staff[class.teacher].id.clone();
        let mut present = Vec::with_capacity(roster.len());
        let mut absent: Vec<(usize, Time)> = Vec::new();
        for &i in &roster {
            let student = &s.students[i];
            if student.home_schooled(d) {
                continue;
            }
            let away = match self.status[i] {
                Status::Present => None,
                Status::AllDay(code) => Some(code),
                Status::Bells(bells, code) => (bells & (1 << bell) != 0).then_some(code),
            };
            let track = &mut self.tracks[i][subj];
            match away {
                None => {
                    track.attended += 1;
                    present.push(i);
                }
                Some(code) => {
                    if track.attended > 0 {
                        track.missed = 0;
                        track.attended = 0;
                    }
                    track.missed += 1;
                    let reason_at =
                        at(friday, 970 + self.rng.range(0, 180)) + self.rng.range(0, 59);
                    let mut marked = at(d, i64::from(start)) + self.rng.range(120, 480);
                    let mut tag = None;
                    if weekday(d) < 4 && self.wrong() {
                        // Before the next day's first lesson: the next day's marks see it.
                        marked = at(days(d, 1), self.rng.range(480, 505));
                        tag = Some(Tag::entry("attendance_entered_late"));
                    }
                    absent.push((i, marked));
                    let line = Line::new("attendance")
                        .str("lesson", &id)
                        .str("student", &student.id)
                        .str("code", "Н")
                        .made(marked, &tid)
                        .end();
                    self.push(marked, line, tag);
                    if self.wrong() {
                        self.missing(
                            Tag::audit("absence_reason_unset", day_start(days(d, 8)))
                                .lesson(&id)
                                .student(&student.id),
                        );
                    } else {
                        let line = Line::new("attendance")
                            .str("lesson", &id)
                            .str("student", &student.id)
                            .str("code", code)
                            .made(reason_at, &class_teacher)
                            .end();
                        self.push(reason_at, line, None);
                    }
                    if student.at_sanatorium(d) && grade >= 2 && self.rng.chance(0.35) {
                        // The sanatorium's marks, beside the absence, from its certificate (2.12).
                        let (_, to) = student.sanatorium.unwrap_or((d, d));
                        let when = at(days(to, self.rng.range(3, 5)), self.rng.range(900, 1080));
                        let value = 4 + self.rng.below(2) as u8;
                        self.mark(
                            i,
                            subj,
                            &id,
                            d,
                            value,
                            when,
                            &class_teacher,
                            (None, Some("sanatorium")),
                            None,
                        );
                    }
                }
            }
        }

        // Marks (none in grade 1, 2.6).
        let no_marks = grade == 1;
        let lesson_end = at(d, i64::from(end));
        if no_marks {
            if self.wrong() {
                if let Some(&i) = present.first() {
                    let when = lesson_end + self.rng.range(60, 1200);
                    let line = Line::new("mark")
                        .str("lesson", &id)
                        .str("student", &s.students[i].id)
                        .num("value", 5)
                        .made(when, &tid)
                        .end();
                    self.push(when, line, Some(Tag::entry("grade1_mark")));
                }
            }
        } else if let Some(w) = work.filter(|w| *w != Work::Excursion) {
            self.work_marks(stream, w, &id, d, lesson_end, &term, &present, &tid);
        } else {
            self.oral_marks(stream, &id, d, start, end, &term, &present, &tid, remaining);
        }
        if !no_marks {
            self.odd_marks(stream, &id, d, lesson_end, &roster, &absent, &tid);
        }

        // Homework, within the hour after the class's last lesson (2.8).
        let day_over = at(d, i64::from(last_end));
        if subject.homework && (no_marks || self.rng.chance(0.85)) {
            if no_marks {
                if self.wrong() {
                    let when = lesson_end + self.rng.range(60, 600);
                    let line = Line::new("homework")
                        .str("lesson", &id)
                        .str("text", "Прописи, с. 5")
                        .made(when, &tid)
                        .end();
                    self.push(when, line, Some(Tag::entry("grade1_homework")));
                }
            } else {
                let mut when = self.rng.range(lesson_end + 60, day_over + 55 * 60);
                let mut text = self.homework_text(n);
                let mut tag = None;
                if self.wrong() {
                    when = day_over + self.rng.range(75, 400) * 60;
                    tag = Some(Tag::entry("homework_entered_late"));
                } else if self.wrong() {
                    text = (*self.mrng.pick(&["—", "-", "...", " "]).unwrap_or(&"—")).to_owned();
                    tag = Some(Tag::entry("homework_empty"));
                }
                let line = Line::new("homework")
                    .str("lesson", &id)
                    .str("text", &text)
                    .made(when, &tid)
                    .end();
                self.push(when, line, tag);
                // Individual work for whoever is back after a long absence.
                let back: Vec<&str> = present
                    .iter()
                    .filter(|i| {
                        let t = &self.tracks[**i][subj];
                        t.attended == 1 && t.missed >= LONG_ABSENCE
                    })
                    .map(|i| s.students[*i].id.as_str())
                    .collect();
                if !back.is_empty() {
                    let when = when.min(day_over + 50 * 60) + 30;
                    let line = Line::new("homework")
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
            let line = Line::new("incident")
                .str("class", &class.id)
                .str("subject", subject.name)
                .date("date", d)
                .str("note", note)
                .made(when, &tid)
                .end();
            self.push(when, line, None);
            for &other in &class.streams {
                if s.streams[other].subject.name == subject.name {
                    self.streams[other].unscheduled = Some(d);
                }
            }
        }
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

    /// A mark a student's level suggests; never a failing one right after a long absence
    /// (3.3).
    fn value(&mut self, student: usize, subj: usize) -> (u8, Option<Tag>) {
        let level = self.s.students[student].level;
        let v = (level + 0.8 * self.rng.normal()).round().clamp(2.0, 5.0) as u8;
        if self.tracks[student][subj].protected() {
            if self.wrong() {
                return (2, Some(Tag::entry("failing_mark_after_absence")));
            }
            return (v.max(3), None);
        }
        (v, None)
    }

    /// Writes a mark and remembers it for the final marks.
    #[allow(clippy::too_many_arguments)]
    fn mark(
        &mut self,
        student: usize,
        subj: usize,
        lesson: &str,
        date: NaiveDate,
        value: u8,
        when: Time,
        by: &str,
        (work, basis): (Option<Work>, Option<&str>),
        tag: Option<Tag>,
    ) {
        let mut line = Line::new("mark")
            .str("lesson", lesson)
            .str("student", &self.s.students[student].id)
            .num("value", i64::from(value));
        if let Some(w) = work {
            line = line.str("work", w.as_str());
        }
        if let Some(b) = basis {
            line = line.str("basis", b);
        }
        let line = line.made(when, by).end();
        self.push(when, line, tag);
        if let Some(t) = self.tracks.get_mut(student).and_then(|t| t.get_mut(subj)) {
            t.marks.push((date, when, value));
        }
    }

    /// Who makes a mark: the lesson's teacher, or now and then someone who may not.
    fn author(&mut self, teacher: &str, class_teacher: &str) -> (String, Option<Tag>) {
        if self.wrong() {
            let other = if class_teacher != teacher {
                class_teacher.to_owned()
            } else {
                self.s.staff[self.s.director].id.clone()
            };
            return (other, Some(Tag::entry("entry_not_permitted")));
        }
        (teacher.to_owned(), None)
    }

    #[allow(clippy::too_many_arguments)]
    fn work_marks(
        &mut self,
        stream: usize,
        work: Work,
        id: &str,
        d: NaiveDate,
        lesson_end: Time,
        term: &Span,
        present: &[usize],
        teacher: &str,
    ) {
        let s = self.s;
        let st = &s.streams[stream];
        let grade = s.classes[st.class].grade;
        // At the teacher's discretion: practical works in «Окружающий мир», grades 2–4 (3.3).
        if work == Work::PracticalWork && st.subject.field == data::Field::Primary {
            for &i in present.iter().take(4) {
                let (v, tag) = self.value(i, st.subj);
                let when = lesson_end + self.rng.range(60, 1800);
                self.mark(i, st.subj, id, d, v, when, teacher, (Some(work), None), tag);
            }
            return;
        }
        // The grading deadline (3.3), and when the teacher grades.
        let next = self.next_lesson(stream, d);
        let deadline = match (work, grade) {
            (Work::ControlWork | Work::ControlDictation, 2..=9) => next.map(|(_, start)| start),
            (Work::Exposition | Work::Composition, 2..=4) => Some(day_start(days(d, 3))),
            (Work::Exposition | Work::Composition, 5..=9) => Some(day_start(days(d, 8))),
            (Work::Composition, _) => Some(day_start(days(d, 11))),
            _ => None,
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
        let term_end = at(term.end, 1260);
        let mut when = planned.min(term_end).max(lesson_end + 20 * 60);
        if let Some(dl) = deadline {
            when = when.min(dl - 60);
        }
        // When the missing mark is told: the deadline; for a work due by the next lesson,
        // only once there is one; for a work with no deadline, the end of the term.
        let by_next_lesson = matches!(
            (work, grade),
            (Work::ControlWork | Work::ControlDictation, 2..=9)
        );
        let due = if by_next_lesson {
            deadline
        } else {
            Some(deadline.unwrap_or(day_start(days(term.end, 1))))
        };
        let needed = !matches!(work, Work::IndependentWork | Work::Test);
        let mut skip = None;
        if let Some(due) = due.filter(|_| needed && !present.is_empty()) {
            if self.wrong() {
                // Someone's mark is never entered.
                skip = present.first().copied();
                self.missing(Tag::audit("work_marks_missing", due + 1).lesson(id));
            }
        }
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
            self.mark(i, st.subj, id, d, v, at_, teacher, (Some(work), None), tag);
            self.tracks[i][st.subj].count += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn oral_marks(
        &mut self,
        stream: usize,
        id: &str,
        d: NaiveDate,
        start: u16,
        end: u16,
        term: &Span,
        present: &[usize],
        teacher: &str,
        remaining: u32,
    ) {
        let s = self.s;
        let st = &s.streams[stream];
        let subj = st.subj;
        let term_no = s
            .cal
            .term_of(s.classes[st.class].grade, d)
            .map_or(0, |(i, _)| i + 1);
        let target = term.min_marks() + 1;
        let mut deficit = 0;
        let mut order: Vec<(u32, u32, usize)> = Vec::with_capacity(present.len());
        for &i in present {
            let t = &mut self.tracks[i][subj];
            if t.term != term_no {
                t.term = term_no;
                t.count = 0;
                if st.subject.works.is_empty() && self.rate > 0.0 && self.mrng.chance(self.rate) {
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
        } as u32;
        let k = (deficit.div_ceil(remaining.max(1)) + base).min(order.len() as u32) as usize;
        for &(_, _, i) in order.iter().take(k) {
            let (v, tag) = self.value(i, subj);
            let when = at(
                d,
                i64::from(start) + self.rng.range(10, i64::from(end - start) + 40),
            ) + self.rng.range(0, 59);
            let (by, who) = if tag.is_none() {
                self.author(teacher, &s.staff[s.classes[st.class].teacher].id)
            } else {
                (teacher.to_owned(), None)
            };
            let (basis, misplaced) = if tag.is_none() && who.is_none() && self.wrong() {
                (
                    Some("sanatorium"),
                    Some(Tag::entry("sanatorium_mark_misplaced")),
                )
            } else {
                (None, None)
            };
            self.mark(
                i,
                subj,
                id,
                d,
                v,
                when,
                &by,
                (None, basis),
                tag.or(who).or(misplaced),
            );
            self.tracks[i][subj].count += 1;
        }
    }

    /// Marks that should not be there: beside an absence without a basis, for a student of
    /// the other group, for a home-schooled student, on a lesson nobody recorded.
    #[allow(clippy::too_many_arguments)]
    fn odd_marks(
        &mut self,
        stream: usize,
        id: &str,
        d: NaiveDate,
        lesson_end: Time,
        roster: &[usize],
        absent: &[(usize, Time)],
        teacher: &str,
    ) {
        let s = self.s;
        let st = &s.streams[stream];
        let class = &s.classes[st.class];
        let subj = st.subj;
        for &(i, marked) in absent {
            if self.wrong() {
                let when = lesson_end.max(marked) + self.rng.range(600, 3000);
                self.mark(
                    i,
                    subj,
                    id,
                    d,
                    4,
                    when,
                    teacher,
                    (None, None),
                    Some(Tag::entry("absent_mark_without_basis")),
                );
            }
        }
        if let Some(&i) = roster.iter().find(|i| s.students[**i].home_schooled(d)) {
            if self.wrong() {
                let when = lesson_end + self.rng.range(60, 1200);
                self.mark(
                    i,
                    subj,
                    id,
                    d,
                    4,
                    when,
                    teacher,
                    (None, None),
                    Some(Tag::entry("home_schooled_current_mark")),
                );
            }
        }
        if st.group.is_some() && self.wrong() {
            let (split, size) = (class.subjects[subj].1, class.students.len());
            let stranger = class.students.iter().copied().find(|&i| {
                let student = &s.students[i];
                student.enrolled(d)
                    && !student.home_schooled(d)
                    && student.group(subj, split, d, size) != st.group
            });
            if let Some(i) = stranger {
                let when = lesson_end + self.rng.range(60, 1200);
                self.mark(
                    i,
                    subj,
                    id,
                    d,
                    4,
                    when,
                    teacher,
                    (None, None),
                    Some(Tag::entry("student_not_in_lesson")),
                );
            }
        }
        if self.wrong() {
            if let Some(&i) = roster.first() {
                let when = lesson_end + self.rng.range(60, 1200);
                let line = Line::new("mark")
                    .str("lesson", &format!("{id}-x"))
                    .str("student", &s.students[i].id)
                    .num("value", 4)
                    .made(when, teacher)
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
        for (terms, grades) in [(&cal.quarters, 1..=9u8), (&cal.halves, 10..=11u8)] {
            for term in terms.iter().filter(|t| t.end == d) {
                for c in 0..s.classes.len() {
                    if grades.contains(&s.classes[c].grade) {
                        self.finals(c, term, year_end);
                        self.final_views(c, term);
                        if year_end {
                            self.final_views(c, &cal.year);
                        }
                    }
                }
            }
        }
        if year_end {
            for c in 0..s.classes.len() {
                self.decisions(c);
                self.exports(c);
            }
        }
    }

    /// Final marks for a term (and the year after the last), by each subject's teacher,
    /// from the last day of the term to the next evening (2.10, 2.11, 5.3).
    fn finals(&mut self, c: usize, term: &Span, year_too: bool) {
        let s = self.s;
        let class = &s.classes[c];
        if class.grade == 1 {
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
                let student = &s.students[i];
                if !student.enrolled(term.end)
                    || student.since.is_some_and(|since| since > term.end)
                {
                    continue;
                }
                let group = student.group(j, *split, term.end, size);
                let Some(stream) = class
                    .streams
                    .iter()
                    .find(|x| s.streams[**x].subj == j && s.streams[**x].group == group)
                else {
                    continue;
                };
                let teacher = s.staff[s.streams[*stream].teacher].id.clone();
                let when = base + k as i64 * 20;
                self.final_mark(i, j, subject.name, term, when, &teacher, false);
                if year_too {
                    let year = s.cal.year.clone();
                    self.final_mark(i, j, subject.name, &year, when + 900, &teacher, true);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn final_mark(
        &mut self,
        i: usize,
        j: usize,
        subject: &str,
        period: &Span,
        mut when: Time,
        teacher: &str,
        year: bool,
    ) {
        let s = self.s;
        let student = &s.students[i];
        let home = student.home_schooled_during(period);
        let in_plan = student.home.as_ref().is_none_or(|h| h.plan.contains(&j));
        let mut tag = None;
        if home && !in_plan {
            if !self.wrong() {
                return;
            }
            tag = Some(Tag::entry("home_schooled_final_outside_plan"));
        }
        if tag.is_none() && self.wrong() {
            // Never entered at all.
            self.missing(
                Tag::audit("final_mark_missing", day_start(days(period.end, 2)))
                    .student(&student.id)
                    .date(period.end),
            );
            return;
        }
        if tag.is_none() && self.wrong() {
            when = at(
                days(period.end, -self.rng.range(1, 3)),
                self.rng.range(900, 1200),
            );
            tag = Some(Tag::entry("final_mark_too_early"));
        } else if tag.is_none() && self.wrong() {
            when = day_start(days(period.end, 2)) + self.rng.range(1, 72) * 3600;
            tag = Some(Tag::entry("final_mark_published_late"));
        }
        let track = &self.tracks[i][j];
        let mean = if home {
            None
        } else if year {
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
                        .filter(|(_, t, _)| *t <= when)
                        .map(|m| m.2),
                )
            } else {
                mean_of(finals.into_iter())
            }
        } else {
            let marks: Vec<u8> = track
                .marks
                .iter()
                .filter(|(date, t, _)| period.contains(*date) && *t <= when)
                .map(|m| m.2)
                .collect();
            if (marks.len() as u32) < period.min_marks() {
                None
            } else {
                mean_of(marks.into_iter())
            }
        };
        let mut value = match (home, mean) {
            (true, _) => Some(student.level.round().clamp(3.0, 5.0) as u8),
            (false, Some(m)) => Some((m + 0.5).floor() as u8),
            (false, None) => None,
        };
        // A teacher who forgot to mark the student all term gives a mark all the same.
        let term_no = s
            .cal
            .term_of(s.classes[student.class].grade, period.end)
            .map_or(0, |(t, _)| t + 1);
        if !year
            && !home
            && tag.is_none()
            && value.is_none()
            && self.tracks[i][j].starved == term_no
        {
            value = Some(student.level.round().clamp(3.0, 5.0) as u8);
            tag = Some(Tag::entry("final_mark_too_few_marks"));
        }
        if let (None, Some(m), Some(v)) = (&tag, mean, value) {
            if self.wrong() {
                let off = if m >= 3.5 {
                    v.saturating_sub(2).max(1)
                } else {
                    (v + 2).min(5)
                };
                if (f64::from(off) - m).abs() > 0.75 {
                    value = Some(off);
                    tag = Some(Tag::entry("final_mark_unjustified"));
                }
            }
        }
        let line = Line::new("final_mark")
            .str("student", &student.id)
            .str("subject", subject)
            .str("period", &period.id);
        let line = match value {
            Some(v) => line.num("value", i64::from(v)),
            None => line.str("value", "na"),
        };
        let line = line.made(when, teacher).end();
        self.push(when, line, tag);
        let track = &mut self.tracks[i][j];
        if year {
            track.year = Some(value);
        } else {
            track.finals.push((when, value));
        }
    }

    /// Parents look at the final marks within the week after a period (5.4).
    fn final_views(&mut self, c: usize, period: &Span) {
        let s = self.s;
        for &i in &s.classes[c].students {
            let child = &s.students[i];
            if !child.enrolled(period.end) {
                continue;
            }
            for &p in &s.families[child.family].parents {
                let parent = &s.parents[p];
                if parent.opt_out.is_some() {
                    continue;
                }
                let when = at(
                    days(period.end, self.rng.range(1, 6)),
                    self.rng.range(1080, 1379),
                );
                let line = Line::new("diary_view")
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
    fn decisions(&mut self, c: usize) {
        let s = self.s;
        let class = &s.classes[c];
        let teacher = s.staff[class.teacher].id.clone();
        let graduates = matches!(class.grade, 9 | 11);
        for &i in &class.students {
            let student = &s.students[i];
            let when = at(
                days(s.cal.year.end, self.rng.range(3, 6)),
                self.rng.range(660, 960),
            );
            let failed = self.tracks[i]
                .iter()
                .any(|t| matches!(t.year, Some(None) | Some(Some(1 | 2))));
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
            let line = Line::new("annual_decision")
                .str("student", &student.id)
                .str("decision", decision)
                .made(when, &teacher)
                .end();
            self.push(when, line, tag);
        }
    }

    /// The year's register exported as PDF: a signed main copy and a working copy (4.4, 4.5).
    fn exports(&mut self, c: usize) {
        let s = self.s;
        let class = &s.classes[c];
        let admin = s.staff[s.admin].id.clone();
        let end = s.cal.year.end;
        let year = chrono::Datelike::year(&end);
        let deadline = if matches!(class.grade, 9 | 11) {
            NaiveDate::from_ymd_opt(year, 8, 25)
        } else {
            NaiveDate::from_ymd_opt(year, 6, 30)
        }
        .unwrap_or(end);
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
            let line = Line::new("journal_export")
                .str("class", &class.id)
                .date("date", date)
                .str("format", "pdf")
                .bool("signed", signed)
                .made(when + k * 120, &admin)
                .end();
            self.push(when + k * 120, line, tag.take());
        }
        if unsigned {
            self.missing(Tag::audit("journal_export_unsigned", when + 600).class(&class.id));
        }
    }
}

fn mean_of(values: impl Iterator<Item = u8>) -> Option<f64> {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}
