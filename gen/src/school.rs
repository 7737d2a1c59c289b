//! The school the register is about: its calendar, classes and their timetables, staff,
//! students and parents. Built once from the options; the journal then runs day by day.

use chrono::{Datelike, NaiveDate};
use ekzh_core::event::PeriodKind;
use ekzh_core::Policy;

use super::data::{self, Field, Split, Subject};
use super::rng::Rng;
use super::{Options, Shape};

pub fn days(date: NaiveDate, n: i64) -> NaiveDate {
    date.checked_add_signed(chrono::Duration::days(n))
        .unwrap_or(date)
}

/// A study period.
#[derive(Debug, Clone)]
pub struct Span {
    pub id: String,
    pub kind: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Span {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
    /// The fewest current marks a final mark rests on (policy `min_marks_for_final`).
    pub fn min_marks(&self, policy: &Policy) -> u32 {
        match self.kind {
            "quarter" => policy.min_marks(PeriodKind::Quarter),
            "half_year" => policy.min_marks(PeriodKind::HalfYear),
            _ => 0,
        }
    }
}

/// The school year: study weeks, holidays and periods.
#[derive(Debug)]
pub struct Calendar {
    /// The Monday of the week the school year starts in.
    pub monday0: NaiveDate,
    pub first_day: NaiveDate,
    /// Calendar weeks (from `monday0`) with lessons.
    pub study_weeks: Vec<u32>,
    pub year: Span,
    pub quarters: [Span; 4],
    pub halves: [Span; 2],
}

impl Calendar {
    /// Quarters of 8, 8, 10 and 8 weeks with an autumn, a winter (two weeks) and a spring break.
    pub fn new(first_day: NaiveDate) -> Calendar {
        let monday0 = days(
            first_day,
            -i64::from(first_day.weekday().num_days_from_monday()),
        );
        let blocks: [(u32, u32); 4] = [(0, 8), (9, 17), (19, 29), (30, 38)];
        let study_weeks: Vec<u32> = blocks.iter().flat_map(|&(a, b)| a..b).collect();
        let label = format!("{}/{:02}", first_day.year(), (first_day.year() + 1) % 100);
        let mut n = 0;
        let quarters: [Span; 4] = blocks.map(|(a, b)| {
            n += 1;
            Span {
                id: format!("{label}-q{n}"),
                kind: "quarter",
                start: if n == 1 {
                    first_day
                } else {
                    days(monday0, i64::from(a) * 7)
                },
                end: days(monday0, i64::from(b - 1) * 7 + 4),
            }
        });
        let span = |id: String, kind, a: &Span, b: &Span| Span {
            id,
            kind,
            start: a.start,
            end: b.end,
        };
        let [q1, q2, q3, q4] = &quarters;
        let halves = [
            span(format!("{label}-h1"), "half_year", q1, q2),
            span(format!("{label}-h2"), "half_year", q3, q4),
        ];
        let year = span(label, "year", q1, q4);
        Calendar {
            monday0,
            first_day,
            study_weeks,
            year,
            quarters,
            halves,
        }
    }

    /// Public holidays with no lessons.
    pub fn holiday(date: NaiveDate) -> bool {
        matches!(
            (date.month(), date.day()),
            (11, 4) | (1, 1..=8) | (2, 23) | (3, 8) | (5, 1) | (5, 9)
        )
    }

    /// The study week (0-based) of a day with lessons; `None` on weekends, holidays, breaks.
    pub fn study_week(&self, date: NaiveDate) -> Option<u32> {
        if date < self.first_day
            || date.weekday().num_days_from_monday() >= 5
            || Self::holiday(date)
        {
            return None;
        }
        let week = u32::try_from((date - self.monday0).num_days() / 7).ok()?;
        self.study_weeks
            .iter()
            .position(|w| *w == week)
            .and_then(|i| u32::try_from(i).ok())
    }

    /// The periods of a grade, within the year: quarters for grades 1–9, half-years for
    /// 10–11.
    pub fn terms(&self, grade: u8) -> &[Span] {
        if grade >= 10 {
            &self.halves
        } else {
            &self.quarters
        }
    }

    pub fn term_of(&self, grade: u8, date: NaiveDate) -> Option<(usize, &Span)> {
        self.terms(grade)
            .iter()
            .enumerate()
            .find(|(_, t)| t.contains(date))
    }

    /// The first day of the second half-year as the Regulation's rules see it: the second
    /// half-year period for grades 10–11, 1 January for the others.
    pub fn second_half(&self, grade: u8) -> NaiveDate {
        if grade >= 10 {
            let [_, second] = &self.halves;
            second.start
        } else {
            NaiveDate::from_ymd_opt(self.year.end.year(), 1, 1).unwrap_or(self.year.end)
        }
    }

    /// The day after the last study week counted: the end of `weeks` study weeks.
    pub fn after_weeks(&self, weeks: u32) -> NaiveDate {
        let last = self
            .study_weeks
            .get(weeks.max(1) as usize - 1)
            .or(self.study_weeks.last())
            .copied()
            .unwrap_or(0);
        days(self.monday0, i64::from(last + 1) * 7)
    }

    /// How many days with lessons fall on each weekday between two dates (both included).
    pub fn weekday_counts(&self, from: NaiveDate, to: NaiveDate) -> [u32; 5] {
        let mut counts = [0; 5];
        let mut d = from;
        while d <= to {
            if self.study_week(d).is_some() {
                if let Some(c) = counts.get_mut(d.weekday().num_days_from_monday() as usize) {
                    *c += 1;
                }
            }
            d = days(d, 1);
        }
        counts
    }
}

#[derive(Debug)]
pub struct Staff {
    pub id: String,
    pub name: String,
    pub roles: &'static [&'static str],
    pub field: Option<Field>,
    /// Bells taken, per weekday, by the timetable.
    pub busy: [u16; 5],
    pub load: u32,
    pub class_of: Option<usize>,
}

/// One subject for one class and group: the lessons of a timetable line.
#[derive(Debug)]
pub struct Stream {
    pub class: usize,
    /// Index into the class's subjects.
    pub subj: usize,
    pub subject: &'static Subject,
    pub group: Option<u8>,
    pub teacher: usize,
    /// (weekday, bell) of its lessons.
    pub slots: Vec<(usize, usize)>,
    /// Lessons in the school year.
    pub year_lessons: u32,
}

#[derive(Debug)]
pub struct Class {
    pub id: String,
    pub name: String,
    pub grade: u8,
    pub teacher: usize,
    pub students: Vec<usize>,
    /// The subjects of the class, by name, with how they are split.
    pub subjects: Vec<(&'static Subject, Split)>,
    pub streams: Vec<usize>,
    /// Per weekday: (bell, streams at that bell).
    pub days: [Vec<(usize, Vec<usize>)>; 5],
}

#[derive(Debug, Clone)]
pub struct HomeSchooling {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The subjects of the individual plan (indexes into the class's subjects).
    pub plan: Vec<usize>,
}

#[derive(Debug)]
pub struct Student {
    pub id: String,
    pub name: String,
    pub class: usize,
    pub male: bool,
    /// The mark the student tends to get.
    pub level: f64,
    /// Position in the class list, for halves.
    pub list: usize,
    pub since: Option<NaiveDate>,
    pub left: Option<NaiveDate>,
    pub home: Option<HomeSchooling>,
    pub sanatorium: Option<(NaiveDate, NaiveDate)>,
    /// A move to the other group of a subject (class subject index), effective on a date.
    pub group_change: Option<(usize, NaiveDate)>,
    /// The group change is dated in the middle of a quarter: a mistake made on purpose.
    pub misdated_change: bool,
    pub family: usize,
}

impl Student {
    /// A student of a class: sex, given name (the family's name comes later) and the mark
    /// they tend to get, drawn in that order. `place`: the student's index, class, position
    /// in the class list, and the day they came (none: from the start).
    fn draw(
        rng: &mut Rng,
        (s, class, list, since): (usize, usize, usize, Option<NaiveDate>),
        level: impl FnOnce(&mut Rng) -> f64,
    ) -> Student {
        let male = rng.chance(0.5);
        let given = rng
            .pick(if male { data::MALE } else { data::FEMALE })
            .copied()
            .unwrap_or_default();
        Student {
            id: format!("s{:05}", s + 1),
            name: given.to_owned(),
            class,
            male,
            level: level(rng),
            list,
            since,
            left: None,
            home: None,
            sanatorium: None,
            group_change: None,
            misdated_change: false,
            family: usize::MAX,
        }
    }

    pub fn enrolled(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= date) && self.left.is_none_or(|l| date < l)
    }
    pub fn home_schooled(&self, date: NaiveDate) -> bool {
        self.home
            .as_ref()
            .is_some_and(|h| h.from <= date && date <= h.to)
    }
    pub fn home_schooled_during(&self, span: &Span) -> bool {
        self.home
            .as_ref()
            .is_some_and(|h| h.from <= span.end && span.start <= h.to)
    }
    pub fn at_sanatorium(&self, date: NaiveDate) -> bool {
        self.sanatorium
            .is_some_and(|(from, to)| from <= date && date <= to)
    }
    /// The student's group in a split subject on a date.
    pub fn group(
        &self,
        subj: usize,
        split: Split,
        date: NaiveDate,
        class_size: usize,
    ) -> Option<u8> {
        let declared = match split {
            Split::Whole => return None,
            Split::Halves => {
                if self.list * 2 < class_size {
                    1
                } else {
                    2
                }
            }
            Split::BySex => {
                if self.male {
                    1
                } else {
                    2
                }
            }
        };
        Some(match self.group_change {
            Some((s, from)) if s == subj && from <= date => 3 - declared,
            _ => declared,
        })
    }
    /// The declared groups, before any change.
    pub fn declared_group(&self, split: Split, class_size: usize) -> Option<u8> {
        let declared = match split {
            Split::Whole => return None,
            Split::Halves => u8::from(self.list * 2 >= class_size) + 1,
            Split::BySex => u8::from(!self.male) + 1,
        };
        Some(declared)
    }
}

#[derive(Debug)]
pub struct Family {
    pub surname: usize,
    pub parents: Vec<usize>,
    pub children: Vec<usize>,
}

#[derive(Debug)]
pub struct Parent {
    pub id: String,
    pub name: String,
    pub family: usize,
    pub opt_out: Option<NaiveDate>,
}

#[derive(Debug)]
pub struct School {
    /// The UTC offset the school's times are written with (`+04:00`).
    pub offset: String,
    pub cal: Calendar,
    pub staff: Vec<Staff>,
    pub admin: usize,
    pub director: usize,
    pub deputies: Vec<usize>,
    pub classes: Vec<Class>,
    pub streams: Vec<Stream>,
    pub students: Vec<Student>,
    pub families: Vec<Family>,
    pub parents: Vec<Parent>,
}

const LETTERS: &[(&str, &str)] = &[
    ("a", "А"),
    ("b", "Б"),
    ("v", "В"),
    ("g", "Г"),
    ("d", "Д"),
    ("e", "Е"),
    ("zh", "Ж"),
    ("z", "З"),
    ("i", "И"),
    ("k", "К"),
];

fn person(rng: &mut Rng, male: bool) -> String {
    let (m, f) = rng
        .pick(data::SURNAMES)
        .copied()
        .unwrap_or(("Иванов", "Иванова"));
    let given = rng
        .pick(if male { data::MALE } else { data::FEMALE })
        .copied()
        .unwrap_or_default();
    let (pm, pf) = rng.pick(data::PATRONYMICS).copied().unwrap_or_default();
    if male {
        format!("{m} {given} {pm}")
    } else {
        format!("{f} {given} {pf}")
    }
}

impl School {
    pub fn class(&self, c: usize) -> Option<&Class> {
        self.classes.get(c)
    }

    pub fn stream(&self, i: usize) -> Option<&Stream> {
        self.streams.get(i)
    }

    pub fn student(&self, i: usize) -> Option<&Student> {
        self.students.get(i)
    }

    pub fn parent(&self, p: usize) -> Option<&Parent> {
        self.parents.get(p)
    }

    pub fn family(&self, f: usize) -> Option<&Family> {
        self.families.get(f)
    }

    /// A member of staff's id.
    pub fn staff_id(&self, t: usize) -> &str {
        self.staff.get(t).map_or("", |t| t.id.as_str())
    }

    pub fn new(options: &Options, rng: &mut Rng) -> School {
        let (classes, shape) = (options.classes, &options.shape);
        let cal = Calendar::new(options.start);
        let mut school = School {
            offset: options.policy.utc_offset.to_string(),
            cal,
            staff: Vec::new(),
            admin: 0,
            director: 0,
            deputies: Vec::new(),
            classes: Vec::new(),
            streams: Vec::new(),
            students: Vec::new(),
            families: Vec::new(),
            parents: Vec::new(),
        };
        school.director = school.hire(rng, &["director"], None, None);
        school.deputies = vec![
            school.hire(rng, &["deputy", "teacher"], None, None),
            school.hire(rng, &["deputy", "teacher"], None, None),
        ];
        school.admin = school.hire(rng, &["admin"], None, None);
        school.build_classes(classes, shape, rng);
        school.build_students(shape, rng);
        school.build_families(rng);
        school
    }

    fn hire(
        &mut self,
        rng: &mut Rng,
        roles: &'static [&'static str],
        field: Option<Field>,
        male: Option<bool>,
    ) -> usize {
        let male = male.unwrap_or_else(|| rng.chance(0.3));
        let id = format!("t{:03}", self.staff.len() + 1);
        self.staff.push(Staff {
            id,
            name: person(rng, male),
            roles,
            field,
            busy: [0; 5],
            load: 0,
            class_of: None,
        });
        self.staff.len() - 1
    }

    fn build_classes(&mut self, count: u32, shape: &Shape, rng: &mut Rng) {
        // With few teachers for many classes: that many subject teachers in all.
        let pool = shape
            .teachers_per_class
            .map(|r| ((r * f64::from(count.max(1))).ceil() as usize).max(1));
        let count = count.max(1);
        let mut per_grade = [0usize; 12];
        let year = self.cal.year.clone();
        let counts = self.cal.weekday_counts(year.start, year.end);
        // Parallel classes share their grade's timetable.
        let plans = rng.fork(0x7469_6d65);
        for i in 0..count {
            let grade = (1 + (u64::from(i) * 11) / u64::from(count)) as u8;
            let Some(k) = per_grade.get_mut(usize::from(grade)).map(|k| {
                *k += 1;
                *k - 1
            }) else {
                continue;
            };
            let (lid, lname) = LETTERS.get(k).copied().unwrap_or(("x", "Х"));
            let (id, name) = if k < LETTERS.len() {
                (format!("{grade}{lid}"), format!("{grade}{lname}"))
            } else {
                (format!("{grade}x{k}"), format!("{grade}-{}", k + 1))
            };
            let curriculum = data::curriculum(grade);
            let plan = week_plan(&curriculum, grade, &mut plans.fork(u64::from(grade)), k);
            let class = self.classes.len();
            let primary = (grade <= 4 && pool.is_none()).then(|| {
                let t = self.hire(rng, &["teacher"], Some(Field::Primary), Some(false));
                if let Some(teacher) = self.staff.get_mut(t) {
                    teacher.class_of = Some(class);
                }
                t
            });
            let mut subjects = Vec::new();
            let mut streams = Vec::new();
            let mut days: [Vec<(usize, Vec<usize>)>; 5] = Default::default();
            for (ci, (subject, _, split)) in curriculum.iter().enumerate() {
                let slots: Vec<(usize, usize)> = plan
                    .iter()
                    .enumerate()
                    .flat_map(|(d, list)| {
                        list.iter()
                            .enumerate()
                            .filter(|(_, s)| **s == ci)
                            .map(move |(bell, _)| (d, bell))
                    })
                    .collect();
                let subj = subjects.len();
                subjects.push((*subject, *split));
                let groups: Vec<Option<u8>> = match split {
                    Split::Whole => vec![None],
                    _ => vec![Some(1), Some(2)],
                };
                for group in groups {
                    let field = match (subject.field, group) {
                        (Field::CraftWood, Some(2)) => Field::CraftHome,
                        (f, _) => f,
                    };
                    let teacher = match (field, primary) {
                        (Field::Primary, Some(t)) => t,
                        _ => self.teacher_for(field, &slots, pool, rng),
                    };
                    if let Some(staff) = self.staff.get_mut(teacher) {
                        for &(d, bell) in &slots {
                            if let Some(b) = staff.busy.get_mut(d) {
                                *b |= 1 << bell;
                            }
                        }
                        staff.load += slots.len() as u32;
                    }
                    let year_lessons = slots
                        .iter()
                        .map(|(d, _)| counts.get(*d).copied().unwrap_or(0))
                        .sum();
                    let s = self.streams.len();
                    self.streams.push(Stream {
                        class,
                        subj,
                        subject,
                        group,
                        teacher,
                        slots: slots.clone(),
                        year_lessons,
                    });
                    streams.push(s);
                    for &(d, bell) in &slots {
                        if let Some(day) = days.get_mut(d) {
                            match day.iter_mut().find(|(b, _)| *b == bell) {
                                Some((_, list)) => list.push(s),
                                None => day.push((bell, vec![s])),
                            }
                        }
                    }
                }
            }
            for day in &mut days {
                day.sort_by_key(|(bell, _)| *bell);
            }
            let teacher = match primary {
                Some(t) => t,
                None => {
                    let teachers: Vec<usize> = streams
                        .iter()
                        .filter_map(|s| self.streams.get(*s).map(|s| s.teacher))
                        .collect();
                    let free = teachers.iter().copied().find(|t| {
                        self.staff
                            .get(*t)
                            .is_some_and(|staff| staff.class_of.is_none())
                    });
                    let t = free.or(teachers.first().copied()).unwrap_or(self.director);
                    if let Some(staff) = self.staff.get_mut(t) {
                        staff.class_of.get_or_insert(class);
                    }
                    t
                }
            };
            self.classes.push(Class {
                id,
                name,
                grade,
                teacher,
                students: Vec::new(),
                subjects,
                streams,
                days,
            });
        }
    }

    /// A teacher of the field who is free at these bells and not overloaded; a new one
    /// when there is none. With a `pool` of subject teachers hired, the least loaded of them,
    /// whatever their field and timetable.
    fn teacher_for(
        &mut self,
        field: Field,
        slots: &[(usize, usize)],
        pool: Option<usize>,
        rng: &mut Rng,
    ) -> usize {
        let hours = slots.len() as u32;
        if let Some(pool) = pool {
            let hired: Vec<usize> = (0..self.staff.len())
                .filter(|t| self.staff.get(*t).is_some_and(|s| s.field.is_some()))
                .collect();
            if hired.len() >= pool {
                let least = hired
                    .iter()
                    .copied()
                    .min_by_key(|t| self.staff.get(*t).map_or(u32::MAX, |s| s.load));
                if let Some(t) = least {
                    return t;
                }
            }
        }
        let found = self.staff.iter().position(|t| {
            t.field == Some(field)
                && t.load + hours <= 24
                && slots
                    .iter()
                    .all(|(d, bell)| t.busy.get(*d).is_some_and(|b| b & (1 << bell) == 0))
        });
        match found {
            Some(t) => t,
            None => {
                let male = match field {
                    Field::CraftWood | Field::Safety => Some(true),
                    Field::CraftHome => Some(false),
                    _ => None,
                };
                self.hire(rng, &["teacher"], Some(field), male)
            }
        }
    }

    fn build_students(&mut self, shape: &Shape, rng: &mut Rng) {
        let n_classes = self.classes.len();
        let (least, most) = shape.students;
        for (c, class) in self.classes.iter_mut().enumerate() {
            let size = rng.range(i64::from(least), i64::from(most)) as usize;
            for list in 0..size {
                let s = self.students.len();
                let place = (s, c, list, None);
                self.students.push(Student::draw(rng, place, |rng| {
                    3.0 + 1.9 * rng.unit().powf(0.8)
                }));
                class.students.push(s);
            }
        }
        // A few students whose year is not the ordinary one.
        let [_, q2, q3, _] = self.cal.quarters.clone();
        let special = |n: usize| n.max(1);
        let mut taken = vec![false; self.students.len()];
        let mut pick = |rng: &mut Rng, students: &[Student], classes: &[Class], min_grade: u8| {
            for _ in 0..100 {
                let s = rng.below(students.len() as u32) as usize;
                let grade = students
                    .get(s)
                    .and_then(|student| classes.get(student.class))
                    .map_or(0, |class| class.grade);
                if let Some(taken) = taken.get_mut(s).filter(|taken| !**taken) {
                    if grade >= min_grade {
                        *taken = true;
                        return Some(s);
                    }
                }
            }
            None
        };
        for _ in 0..special(n_classes / 8) {
            if let Some(s) = pick(rng, &self.students, &self.classes, 2) {
                let from = days(q2.start, rng.range(7, 35));
                if let Some(student) = self.students.get_mut(s) {
                    student.sanatorium = Some((from, days(from, 20)));
                }
            }
        }
        for _ in 0..special(n_classes / 12) {
            if let Some(s) = pick(rng, &self.students, &self.classes, 2) {
                let Some(student) = self.students.get_mut(s) else {
                    continue;
                };
                let plan: Vec<usize> = self
                    .classes
                    .get(student.class)
                    .map(|class| {
                        class
                            .subjects
                            .iter()
                            .enumerate()
                            .filter(|(_, (subject, _))| subject.homework && !subject.briefings)
                            .map(|(i, _)| i)
                            .collect()
                    })
                    .unwrap_or_default();
                student.home = Some(HomeSchooling {
                    from: q2.start,
                    to: q3.end,
                    plan,
                });
            }
        }
        for _ in 0..n_classes / 10 {
            if let Some(s) = pick(rng, &self.students, &self.classes, 1) {
                let left = days(q2.start, rng.range(9, 40));
                if let Some(student) = self.students.get_mut(s) {
                    student.left = Some(left);
                }
            }
        }
        for _ in 0..n_classes / 6 {
            if let Some(s) = pick(rng, &self.students, &self.classes, 2) {
                let Some(student) = self.students.get_mut(s) else {
                    continue;
                };
                let halves = self.classes.get(student.class).and_then(|class| {
                    class
                        .subjects
                        .iter()
                        .position(|(_, split)| *split == Split::Halves)
                });
                if let Some(subj) = halves {
                    student.group_change = Some((subj, q3.start));
                }
            }
        }
        // Newcomers from the second quarter on.
        for _ in 0..n_classes / 10 {
            let c = rng.below(n_classes as u32) as usize;
            let s = self.students.len();
            let Some(class) = self.classes.get_mut(c) else {
                continue;
            };
            let place = (s, c, class.students.len(), Some(q2.start));
            self.students
                .push(Student::draw(rng, place, |rng| 3.2 + 1.5 * rng.unit()));
            class.students.push(s);
        }
    }

    fn build_families(&mut self, rng: &mut Rng) {
        let classes: Vec<usize> = self.students.iter().map(|s| s.class).collect();
        for (s, &class) in classes.iter().enumerate() {
            // Now and then a brother or sister of a child in another class.
            let sibling = rng.chance(0.08).then(|| {
                self.families.iter().rposition(|f| {
                    f.children.len() == 1
                        && f.children
                            .first()
                            .is_some_and(|c| classes.get(*c).is_some_and(|other| *other != class))
                })
            });
            let family = match sibling.flatten() {
                Some(f) => f,
                None => {
                    let surname = rng.below(data::SURNAMES.len() as u32) as usize;
                    let f = self.families.len();
                    let two = rng.chance(0.7);
                    let mut parents = Vec::new();
                    for male in if two { vec![false, true] } else { vec![false] } {
                        let (m, w) = data::SURNAMES.get(surname).copied().unwrap_or_default();
                        let given = rng
                            .pick(if male { data::MALE } else { data::FEMALE })
                            .copied()
                            .unwrap_or_default();
                        let (pm, pf) = rng.pick(data::PATRONYMICS).copied().unwrap_or_default();
                        let name = if male {
                            format!("{m} {given} {pm}")
                        } else {
                            format!("{w} {given} {pf}")
                        };
                        let p = self.parents.len();
                        self.parents.push(Parent {
                            id: format!("p{:05}", p + 1),
                            name,
                            family: f,
                            opt_out: None,
                        });
                        parents.push(p);
                    }
                    self.families.push(Family {
                        surname,
                        parents,
                        children: Vec::new(),
                    });
                    f
                }
            };
            let Some(home) = self.families.get_mut(family) else {
                continue;
            };
            home.children.push(s);
            let (m, w) = data::SURNAMES
                .get(home.surname)
                .copied()
                .unwrap_or_default();
            let (pm, pf) = data::PATRONYMICS
                .get(family % data::PATRONYMICS.len())
                .copied()
                .unwrap_or_default();
            if let Some(student) = self.students.get_mut(s) {
                student.family = family;
                student.name = if student.male {
                    format!("{m} {} {pm}", student.name)
                } else {
                    format!("{w} {} {pf}", student.name)
                };
            }
        }
        // A few parents ask for paper reports instead of the electronic diary (Appendix 1).
        let wanted = (self.classes.len() / 4).max(1);
        let mut done = 0;
        let mut f = 0;
        while done < wanted && f < self.families.len() {
            let family = self.families.get((f * 7919) % self.families.len());
            if let Some(family) = family.filter(|f| f.parents.len() == 1 && f.children.len() == 1) {
                let parent = family
                    .parents
                    .first()
                    .and_then(|p| self.parents.get_mut(*p));
                if let Some(parent) = parent.filter(|p| p.opt_out.is_none()) {
                    parent.opt_out = Some(self.cal.first_day);
                    done += 1;
                }
            }
            f += 1;
        }
    }
}

/// A grade's week: for each weekday, the curriculum indexes of its lessons in order.
/// Parallel classes (`k`) take the same lessons in another order.
fn week_plan(
    curriculum: &[(&'static Subject, u32, Split)],
    grade: u8,
    rng: &mut Rng,
    k: usize,
) -> [Vec<usize>; 5] {
    let mut days: [Vec<usize>; 5] = Default::default();
    let mut order: Vec<(usize, u32)> = curriculum
        .iter()
        .enumerate()
        .map(|(i, (_, hours, _))| (i, *hours))
        .collect();
    order.sort_by_key(|(_, hours)| std::cmp::Reverse(*hours));
    for (i, hours) in order {
        let mut free: Vec<(usize, u32, usize)> = days
            .iter()
            .enumerate()
            .map(|(d, list)| (list.len(), rng.below(1000), d))
            .collect();
        free.sort();
        for &(_, _, d) in free.iter().take(hours as usize) {
            if let Some(day) = days.get_mut(d) {
                day.push(i);
            }
        }
    }
    let max = data::bells(grade).len();
    for day in &mut days {
        rng.shuffle(day);
        day.truncate(max);
        if !day.is_empty() {
            let n = day.len();
            day.rotate_left(k % n);
        }
    }
    days
}

/// The weekday index (Monday 0) of a date.
pub fn weekday(date: NaiveDate) -> usize {
    date.weekday().num_days_from_monday() as usize
}
