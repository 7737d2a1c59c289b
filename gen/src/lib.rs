//! `ekzh gen`: a deterministic, realistic register of a whole school, of any size, as NDJSON.
//!
//! A school of `classes` classes spread over grades 1–11, about 25 students each, their
//! parents and teachers, and `weeks` study weeks of its school year: timetable-driven
//! lessons with topics and the Regulation's briefings, absences (about 8 %, mostly illness
//! spells of several days) with reasons set by the class teacher within the week, marks,
//! written works graded in time, homework within the hour after the last lesson, final
//! marks justified by the marks and published within the day, parents' weekly looks at the
//! diary, paper reports for the few who asked for them, sanatorium stays, home schooling,
//! incidents with their unscheduled briefings; and once the weeks reach the end of the
//! year, the annual decisions and the journal exports.
//!
//! With `violations` 0 the register is clean: `ekzh check` at [`Generated::as_of`] reports
//! nothing. With a rate above 0, that share of the entries each rule could catch are made
//! the typical wrong way, and [`Generated::mistakes`] lists them so that a test can check
//! that each is reported by its rule.
//!
//! The register is written as it is made, day by day, never held whole: memory stays small
//! whatever the size. The same options write the same bytes: the random numbers come from
//! a generator of the crate's own ([`rng`]), not from a dependency whose stream may change.
//!
//! ```
//! let options = ekzh_gen::Options { classes: 2, weeks: 1, ..Default::default() };
//! let mut out = Vec::new();
//! let generated = ekzh_gen::generate(&options, &mut out)?;
//! assert_eq!(generated.events as usize, out.iter().filter(|b| **b == b'\n').count());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, NaiveDate};
use ekzh_core::Policy;

mod data;
mod journal;
mod json;
#[cfg(any(feature = "proptest", feature = "arbitrary"))]
pub mod model;
pub mod region;
pub mod rng;
mod school;

use journal::{day_start, Journal};
use rng::Rng;
use school::School;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Classes, spread evenly over grades 1–11.
    pub classes: u32,
    /// Study weeks of the school year (34 make the whole year, with its end).
    pub weeks: u32,
    pub seed: u64,
    /// The share of eligible entries made wrong, from 0 to 1.
    pub violations: f64,
    /// The first school day (from 26 August to 10 September).
    pub start: NaiveDate,
    /// The mix of the register: class sizes, teachers, which kinds of events.
    pub shape: Shape,
    /// The school's policy: the deadlines and limits a clean register keeps, and a register
    /// with mistakes misses. Its `utc_offset` is the offset the register is written in.
    pub policy: Policy,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            classes: 33,
            weeks: 34,
            seed: 1,
            violations: 0.0,
            start: NaiveDate::from_ymd_opt(2024, 9, 2).unwrap_or_default(),
            shape: Shape::default(),
            policy: Policy::default(),
        }
    }
}

/// The mix of a register: schools export registers of different shapes (a class of 30
/// makes more attendance than a class of 8; a lesson-plan export is all lessons).
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Students in a class at the start of the year: from, to (both included).
    pub students: (u32, u32),
    /// Subject teachers per class: with a number, the school has that many teachers per class
    /// in all (at least one), each teaching any subject in as many classes as it takes, even
    /// at the same hour; with `None`, as many as the timetable needs (about two per class).
    pub teachers_per_class: Option<f64>,
    /// Only the school's declarations, thematic plans, lessons, incidents and journal
    /// exports: a lesson-plan export.
    pub lessons_only: bool,
    /// Parents and their looks at the diary. Without them the register has no parents at
    /// all (no diary views, paper reports or opt-outs).
    pub parents: bool,
    /// Homework entries.
    pub homework: bool,
    /// Oral marks a lesson beyond those a final mark needs, as a share of the usual two to
    /// four (three to six in PE): 0 gives only the marks the final marks need.
    pub oral_marks: f64,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            students: (23, 28),
            teachers_per_class: None,
            lessons_only: false,
            parents: true,
            homework: true,
            oral_marks: 1.0,
        }
    }
}

impl Shape {
    /// Whether events of this type are written.
    pub fn writes(&self, kind: &str) -> bool {
        if self.lessons_only {
            return matches!(
                kind,
                "period"
                    | "class"
                    | "staff"
                    | "thematic_plan"
                    | "lesson"
                    | "incident"
                    | "journal_export"
            );
        }
        let parents = matches!(
            kind,
            "parent" | "parent_opt_out" | "diary_view" | "paper_report"
        );
        (self.parents || !parents) && (self.homework || kind != "homework")
    }
}

/// Study weeks in a school year.
pub const YEAR_WEEKS: u32 = 34;

/// A mistake the generator made on purpose, and where its finding is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// The rule that must report it.
    pub rule: &'static str,
    /// The index of the event the finding points at, when it points at one it made.
    pub event: Option<usize>,
    pub lesson: Option<String>,
    pub student: Option<String>,
    pub subject: Option<String>,
    pub period: Option<String>,
    pub parent: Option<String>,
    pub class: Option<String>,
    pub date: Option<NaiveDate>,
}

impl Mistake {
    /// Whether a finding is the one this mistake should produce.
    pub fn found_by(&self, f: &ekzh_core::Finding) -> bool {
        f.rule == self.rule
            && self.event.is_none_or(|e| f.event == Some(e))
            && self
                .lesson
                .as_ref()
                .is_none_or(|l| f.lesson.as_ref() == Some(l))
            && self.student.as_ref().is_none_or(|s| {
                f.student.as_ref() == Some(s)
                    || f.students.as_ref().is_some_and(|list| list.contains(s))
            })
            && self
                .subject
                .as_ref()
                .is_none_or(|s| f.subject.as_ref() == Some(s))
            && self
                .period
                .as_ref()
                .is_none_or(|p| f.period.as_ref() == Some(p))
            && self
                .parent
                .as_ref()
                .is_none_or(|p| f.parent.as_ref() == Some(p))
            && self
                .class
                .as_ref()
                .is_none_or(|c| f.class.as_ref() == Some(c))
            && self.date.is_none_or(|d| f.date == Some(d))
    }
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Events written.
    pub events: u64,
    /// The end of the generated weeks: check the register as of this moment.
    pub as_of: DateTime<FixedOffset>,
    /// The mistakes made on purpose (none with `violations` 0).
    pub mistakes: Vec<Mistake>,
}

/// Options that cannot make a register.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct OptionsError(pub(crate) String);

impl Options {
    pub fn validate(&self) -> Result<(), OptionsError> {
        use chrono::Datelike;
        if self.classes == 0 || self.classes > 500 {
            return Err(OptionsError(format!(
                "`--classes {}`: a school has from 1 to 500 classes",
                self.classes
            )));
        }
        if self.weeks == 0 {
            return Err(OptionsError(
                "`--weeks 0`: give at least one study week".into(),
            ));
        }
        if !(0.0..=1.0).contains(&self.violations) {
            return Err(OptionsError(format!(
                "`--violations {}`: a share from 0 to 1",
                self.violations
            )));
        }
        let (least, most) = self.shape.students;
        if least == 0 || least > most || most > 60 {
            return Err(OptionsError(format!(
                "`--students {least}-{most}`: a class has from 1 to 60 students"
            )));
        }
        if let Some(r) = self.shape.teachers_per_class {
            if !(r > 0.0 && r <= 10.0) {
                return Err(OptionsError(format!(
                    "`--teachers-per-class {r}`: a number above 0, at most 10"
                )));
            }
        }
        if !(0.0..=10.0).contains(&self.shape.oral_marks) {
            return Err(OptionsError(format!(
                "`--oral-marks {}`: a share from 0 to 10",
                self.shape.oral_marks
            )));
        }
        if self.shape.lessons_only && self.violations > 0.0 {
            return Err(OptionsError(
                "`--lessons-only` writes a clean register: leave out `--violations`".into(),
            ));
        }
        let (m, d) = (self.start.month(), self.start.day());
        if !((m == 8 && d >= 26) || (m == 9 && d <= 10)) {
            return Err(OptionsError(format!(
                "`--start {}`: the school year starts between 26 August and 10 September",
                self.start
            )));
        }
        Ok(())
    }
}

/// Writes a register as NDJSON, one event per line, in the order the entries were made.
pub fn generate(options: &Options, out: impl Write) -> io::Result<Generated> {
    options
        .validate()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let root = Rng::new(options.seed);
    let mut school = School::new(options, &mut root.fork(1));
    let mut mistakes = root.fork(3);
    if options.violations > 0.0 {
        // Group changes dated in the middle of a quarter: the students move on that day.
        for student in &mut school.students {
            if let Some((subject, date)) = student.group_change {
                if mistakes.chance(options.violations) {
                    student.group_change = Some((subject, school::days(date, 10)));
                    student.misdated_change = true;
                }
            }
        }
    }
    let school = school;
    let cal = &school.cal;
    let weeks = options.weeks.min(YEAR_WEEKS);
    let end = if weeks >= YEAR_WEEKS {
        // The whole year: on to the end of the summer, when the exports are due.
        use chrono::Datelike;
        NaiveDate::from_ymd_opt(cal.year.end.year(), 9, 1).unwrap_or(cal.year.end)
    } else {
        cal.after_weeks(weeks)
    };
    let window_end = day_start(end);
    let mut journal = Journal::new(
        &school,
        options,
        io::BufWriter::with_capacity(1 << 16, out),
        (root.fork(2), mistakes),
        window_end,
    );
    journal.run()?;
    // School time, written with the policy's offset.
    let offset = options.policy.utc_offset.0;
    let as_of = DateTime::from_timestamp(window_end - i64::from(offset.local_minus_utc()), 0)
        .map(|t| t.with_timezone(&offset))
        .ok_or_else(|| io::Error::other("the end of the register is out of range"))?;
    Ok(Generated {
        events: journal.written,
        as_of,
        mistakes: std::mem::take(&mut journal.mistakes),
    })
}
