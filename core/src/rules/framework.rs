//! The rule framework: what a rule is ([`Rule`]), and what it sees and asks ([`Cx`]: the
//! policy, the register at a horizon, and the queries rules share). What it judges is an
//! [`Entry`] of the register.

use chrono::NaiveDate;

use crate::person::Person;
use crate::policy::Policy;
use crate::register::*;
use crate::report::{Due, Finding};
use crate::time::{self, Time};

use super::{Item, RuleMeta, Tally};

/// A rule's identity and documentation; `declare_rule!` implements it.
pub(crate) trait Meta {
    fn meta(&self) -> &'static RuleMeta;
}

/// Builds the [`Rule`] trait from the table of event kinds: a method per kind of entry.
macro_rules! rule_trait {
    ($(
        $kind:ident = $name:literal $made:ident {
            record: $rec:ident in $table:ident[$key:ty],
            add: $add:ident, judge: $judge:ident,
        },
    )*) => {
        /// A rule of the Regulation.
        ///
        /// A rule judges entries by kind — `fn mark` judges each mark, `fn lesson` each
        /// version of a lesson, as it was made — or all of them at once through `entry`;
        /// and it audits the register at a date through `audit`. Every method does nothing
        /// unless the rule says otherwise.
        pub(crate) trait Rule: Meta + Sync {
            /// Judges one entry against the register as it stood when the entry was made;
            /// by default, through the method of its kind.
            fn entry<'a>(&self, cx: &Cx<'a>, entry: Entry<'a>, out: &mut Vec<Finding>) {
                match entry {
                    $(Entry::$kind(rec) => self.$judge(cx, rec, out),)*
                }
            }

            $(
                #[doc = concat!("Judges a `", $name, "` as it was made.")]
                fn $judge<'a>(&self, _cx: &Cx<'a>, _rec: &'a $rec, _out: &mut Vec<Finding>) {}
            )*

            /// Reports what is overdue at `now`, the audit's `as_of`, over the whole
            /// register.
            fn audit(&self, _cx: &Cx<'_>, _now: Time, _out: &mut Vec<Finding>) {}

            /// Reports what is overdue at `now` in one class: the audit of a rule that
            /// goes class by class. The audit runs every rule's `audit_class` on a class
            /// before it goes on to the next, so that a class's lessons, marks and
            /// attendance come from memory once and from the cache for the other rules.
            fn audit_class(
                &self,
                _cx: &Cx<'_>,
                _class: Sym,
                _rec: &ClassRec,
                _now: Time,
                _out: &mut Vec<Finding>,
            ) {
            }
        }
    };
}

event_kinds!(rule_trait);

/// What a rule sees: the policy, the register, and the moment it is seen at.
#[derive(Clone, Copy)]
pub(crate) struct Cx<'a> {
    pub policy: &'a Policy,
    pub reg: &'a Register,
    /// The moment the register is seen at: when the judged entry was made ([`time::ALWAYS`]
    /// for an entry without `at`, which counts as made before every timed entry), or the
    /// audit's `as_of`. `None`: everything stored.
    pub horizon: Option<Time>,
    /// Whether the whole register is known (an audit), or entries are still being pushed.
    pub complete: bool,
    /// The audit's date, school-local; `None` while pushing.
    pub as_of: Option<Time>,
    /// Where the audit counts what it could not judge on a part of a register; `None`
    /// while pushing (the audit counts every entry again).
    pub tally: Option<&'a Tally>,
}

impl<'a> Cx<'a> {
    /// A lesson by id.
    pub fn lesson(&self, id: Sym) -> Option<&'a LessonRec> {
        self.reg.lesson(id)
    }

    /// The version of a lesson in force at the horizon.
    pub fn version(&self, lesson: &'a LessonRec) -> Option<&'a LessonVersion> {
        self.reg.version(lesson, self.horizon)
    }

    /// The lesson a version belongs to.
    pub fn lesson_of(&self, version: &LessonVersion) -> Option<&'a LessonRec> {
        self.reg.lesson_of(version)
    }

    pub fn student(&self, id: Sym) -> Option<&'a StudentRec> {
        self.reg.student(id)
    }

    pub fn grade(&self, class: Sym) -> Option<u8> {
        self.reg.grade(class)
    }

    pub fn visible(&self, stamp: &Stamp) -> bool {
        stamp.visible(self.horizon)
    }

    /// What an entry is compared with when a check asks what had been entered by the time
    /// it was made (the marks a final mark rests on, the lessons its author taught): for an
    /// entry with `at`, the register as it stood then (this `Cx`). An entry without `at`
    /// was made at a time nobody knows, not before everything: it is compared with the
    /// register as it stands at the audit, and not while entries are still pushed, when
    /// later ones could change the verdict (`None`).
    pub fn as_made(&self, stamp: &Stamp) -> Option<Cx<'a>> {
        if stamp.at.is_some() {
            return Some(*self);
        }
        let now = self.as_of.filter(|_| self.complete)?;
        Some(Cx {
            horizon: Some(now),
            ..*self
        })
    }

    /// A class as people call it: its name, else its id.
    pub fn class_name(&self, class: Sym) -> &'a str {
        self.reg.called(Named::Class, class)
    }

    /// A student as people call them: their name, else their id.
    pub fn student_name(&self, student: Sym) -> &'a str {
        self.reg.called(Named::Student, student)
    }

    /// A member of staff as people call them: their name, else their id.
    pub fn staff_name(&self, staff: Sym) -> &'a str {
        self.reg.called(Named::Staff, staff)
    }

    /// A parent as people call them: their name, else their id.
    pub fn parent_name(&self, parent: Sym) -> &'a str {
        self.reg.called(Named::Parent, parent)
    }

    /// A student's name, to be declined.
    pub fn student_named(&self, student: Sym) -> Person<'a> {
        Person::new(self.student_name(student))
    }

    /// A member of staff's name, to be declined.
    pub fn staff_named(&self, staff: Sym) -> Person<'a> {
        Person::new(self.staff_name(staff))
    }

    /// A parent's name, to be declined.
    pub fn parent_named(&self, parent: Sym) -> Person<'a> {
        Person::new(self.parent_name(parent))
    }

    pub fn name(&self, sym: Sym) -> &'a str {
        self.reg.name(sym)
    }

    /// A local time as a deadline for the report.
    pub fn due_time(&self, time: Time) -> Due {
        Due::Time(time::to_datetime(time, self.reg.offset()))
    }
}

/// Queries for the rules about lessons and briefings (2.7, 2.8, 2.14).
impl<'a> Cx<'a> {
    /// Whether a day is over at the audit's date (`false` while entries are pushed): until
    /// then, the day's entries may still be made.
    pub fn day_over(&self, date: NaiveDate) -> bool {
        self.as_of.is_some_and(|now| now >= time::day_end(date))
    }

    /// The version in force of a lesson that owes a briefing of `kind` and does not record
    /// it, once the lesson's day is over (the briefing is written in the topic, which may be
    /// entered until then); `None` when the briefing is there or may still come.
    pub fn briefing_missing(
        &self,
        lesson: &'a LessonRec,
        kind: crate::event::BriefingKind,
    ) -> Option<&'a LessonVersion> {
        if !self.day_over(lesson.date) {
            return None;
        }
        self.version(lesson)
            .filter(|version| !version.has_briefing(kind))
    }

    /// Reports the lessons that owe a briefing of `kind` and do not record it (see
    /// [`Cx::briefing_missing`]): in each stream of a `briefing_subjects` subject, the
    /// first lesson of each school year dated from `from(grade, year)` on, as recorded at
    /// the horizon. On a part of a register, a first lesson is judged only when the part
    /// holds its stream from that day on ([`Cx::judges`]). `say` writes the message from the lesson, the day it is the first from,
    /// the subject, and the class and group in Russian and English.
    pub fn report_unbriefed(
        &self,
        rule: &'static RuleMeta,
        kind: crate::event::BriefingKind,
        from: impl Fn(u8, &SchoolYear) -> NaiveDate,
        say: impl Fn(&LessonRec, NaiveDate, &str, (String, String)) -> (String, String),
        out: &mut Vec<Finding>,
    ) {
        for ((class, group, _), stream) in self.reg.streams_of_kinds(&self.policy.briefing_subjects)
        {
            let Some(grade) = self.grade(class) else {
                continue;
            };
            for year in self.reg.school_years_of(stream, grade, self.horizon) {
                let from = from(grade, &year);
                let first = self
                    .reg
                    .first_lesson_between(stream, from, year.end, self.horizon);
                let Some(lesson) = first else {
                    continue;
                };
                if !self.day_over(lesson.date)
                    || !self.judges(rule, Item::stream(lesson).back_to(from))
                {
                    continue;
                }
                let Some(version) = self.briefing_missing(lesson, kind) else {
                    continue;
                };
                let class_and_group = self.class_and_group(class, group);
                let (ru, en) = say(lesson, from, self.name(lesson.subject), class_and_group);
                let draft = self.draft(rule, version.stamp.event).lesson(lesson);
                out.push(draft.due_date(lesson.date).say(ru, en));
            }
        }
    }

    /// The first day of the school year of a lesson's class that holds the lesson: its
    /// grade's `year` period, else (no year declared for the grade, or none holding the
    /// lesson, or no grade known) 1 September before it. A class is one class in one school
    /// year, so nothing before this day is about the lesson's class.
    pub fn year_start(&self, lesson: &LessonRec) -> NaiveDate {
        self.grade(lesson.class)
            .and_then(|grade| self.reg.school_year(grade, lesson.date))
            .unwrap_or_else(|| SchoolYear::calendar(lesson.date))
            .start
    }

    /// A class and subgroup as a message names them: «7А» or «7А, подгруппа «1»», and in
    /// English `7А` or `7А, group 1`.
    pub fn class_and_group(&self, class: Sym, group: Option<Sym>) -> (String, String) {
        let name = self.class_name(class);
        match group {
            Some(group) => (
                format!("{name}, подгруппа «{}»", self.name(group)),
                format!("{name}, group {}", self.name(group)),
            ),
            None => (name.to_owned(), name.to_owned()),
        }
    }
}

/// Queries about marks and final marks as known at the horizon.
impl Cx<'_> {
    /// A student's current marks in a subject (folded name) on lessons dated within a
    /// period, made by the horizon, each with its lesson.
    pub fn period_marks<'p>(
        &'p self,
        student: Sym,
        subj: Sym,
        period: &PeriodRec,
    ) -> impl Iterator<Item = (&'p MarkRec, &'p LessonRec)> + 'p {
        self.reg
            .marks_in(student, subj, period.start, period.end, self.horizon)
    }

    /// The weighted mean of current marks (SPEC §2 `mark_weights`, each mark weighed by
    /// its kind of work as the lesson's version in force at the horizon gives it). `None`
    /// with no marks, or when every mark weighs nothing.
    pub fn weighted_mean<'m>(
        &self,
        marks: impl IntoIterator<Item = (&'m MarkRec, &'m LessonRec)>,
    ) -> Option<Mean> {
        let (mut sum, mut weight, mut count) = (0.0, 0.0, 0usize);
        for (mark, lesson) in marks {
            let work = self.reg.work_of(mark, self.version(lesson));
            let w = self.policy.weight(work);
            sum += w * f64::from(mark.value);
            weight += w;
            count += 1;
        }
        (count > 0 && weight > 0.0).then(|| Mean {
            value: sum / weight,
            count,
        })
    }
}

/// A mean of marks and how many marks it was taken over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Mean {
    pub value: f64,
    pub count: usize,
}
