//! Judging a part of a register (SPEC §1.3). Each rule declares what it needs ([`Needs`]:
//! the kinds of data it reads, how far around the judged thing it looks, whether it needs
//! the whole class); before it judges a thing it asks [`Cx::judges`] with that thing as an
//! [`Item`] — whom it concerns, its day, and the days its verdict depends on. On the whole
//! school's register the answer is always yes. On a part, the framework answers from the
//! rule's declaration and the register's extracts, and counts what was not judged, by rule
//! and [`Reason`], for `summary.not_judged`.

use std::cell::RefCell;

use chrono::NaiveDate;

use crate::event::Lack;
use crate::register::*;
use crate::report::{NotJudged, Reason};

use super::{Cx, RuleMeta};

/// What a rule needs of a part of a register to judge (SPEC §1.3), as its `declare_rule!`
/// says: `needs: [At, Topic], reach: Day, scope: Students`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// The kinds of data it reads, in the order a lack is told: a part whose source lacks
    /// one of them is not judged by the rule.
    pub data: &'static [Lack],
    /// How far around the judged thing the part must hold the register.
    pub reach: Reach,
    /// Whom: the students (and their lessons) the judged thing concerns, or the whole class.
    pub scope: Scope,
}

/// How far around the judged thing a rule looks (see [`Needs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Only the judged thing's own day: an entry on its lesson, a lesson, a cell.
    Day,
    /// Back to the start of its school year or second half-year: the first lesson of a year,
    /// of a half-year, of a section.
    YearStart,
    /// Back through the earlier lessons, to where the verdict is settled (a run of
    /// absences before a mark), at most to the start of the school year.
    EarlierLessons,
    /// The whole study period of the judged final mark (its current marks, its lessons).
    Period,
    /// On from the judged thing to a later one: the next lesson (a deadline), the audit's
    /// day (nothing came by then).
    Later,
    /// Between an earlier and a later day: a week, a gap between two reports, the lessons
    /// since an incident.
    Between,
    /// A whole school year (a programme, an export).
    Year,
}

/// Whom a rule needs the part to hold (see [`Needs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The students the judged thing concerns, with their lessons: a part of some students
    /// (a diary) will do.
    Students,
    /// The whole class: every group's lessons, every student (the class's last lesson of a
    /// day, a teacher who taught any group).
    Class,
}

impl Needs {
    /// Whether an item keeps within the declared reach: a rule never asks for more of the
    /// register than its declaration says.
    fn allows(&self, item: &Item) -> bool {
        let within_day = item.from == item.date && item.to == item.date;
        let reach = match self.reach {
            Reach::Day => within_day,
            Reach::YearStart | Reach::EarlierLessons => item.to == item.date,
            Reach::Later => item.from == item.date,
            Reach::Period | Reach::Between | Reach::Year => true,
        };
        let scope = self.scope == Scope::Class || !matches!(item.who, Who::Class(_));
        reach && scope
    }
}

/// A thing a rule judges, as a part must hold it: whom it concerns, its own day, and the
/// days from `from` to `to` its verdict depends on. `date: None` for a thing of no day (a
/// plan, an undated decision): held when the part holds whom it concerns at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Item {
    who: Who,
    date: Option<NaiveDate>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Item {
    /// `who` on `date`, and only then.
    pub fn on(who: Who, date: NaiveDate) -> Item {
        Item {
            who,
            date: Some(date),
            from: Some(date),
            to: Some(date),
        }
    }

    /// `who` on no day in particular.
    pub fn undated(who: Who) -> Item {
        Item {
            who,
            date: None,
            from: None,
            to: None,
        }
    }

    /// A lesson, as the part shows its class's lessons.
    pub fn lesson(lesson: &LessonRec) -> Item {
        Item::on(Who::Lessons(lesson.class), lesson.date)
    }

    /// A lesson's stream: every lesson of its subject for its class and group.
    pub fn stream(lesson: &LessonRec) -> Item {
        Item::on(
            Who::Stream((lesson.class, lesson.group, lesson.subj)),
            lesson.date,
        )
    }

    /// A student on a lesson's day: an entry in their cell.
    pub fn cell(lesson: &LessonRec, student: Sym) -> Item {
        Item::on(Who::Student(student), lesson.date)
    }

    /// A student on a day.
    pub fn student(student: Sym, date: NaiveDate) -> Item {
        Item::on(Who::Student(student), date)
    }

    /// A whole class on a day.
    pub fn class(class: Sym, date: NaiveDate) -> Item {
        Item::on(Who::Class(class), date)
    }

    /// The verdict depends on the register from `from` on (the earlier of it and the
    /// thing's day).
    pub fn back_to(mut self, from: NaiveDate) -> Item {
        self.from = Some(self.from.map_or(from, |f| f.min(from)));
        self
    }

    /// The verdict depends on the register up to `to` (the later of it and the thing's
    /// day).
    pub fn on_to(mut self, to: NaiveDate) -> Item {
        self.to = Some(self.to.map_or(to, |t| t.max(to)));
        self
    }
}

/// Where the things not judged on a part are counted during an audit.
#[derive(Debug, Default)]
pub(crate) struct Tally(RefCell<NotJudged>);

impl Tally {
    fn count(&self, rule: &'static RuleMeta, reason: Reason) {
        let mut counts = self.0.borrow_mut();
        *counts
            .entry(rule.id)
            .or_default()
            .entry(reason.id())
            .or_default() += 1;
    }

    /// The counts.
    pub fn into_counts(self) -> NotJudged {
        self.0.into_inner()
    }
}

/// Adds counts of things not judged to others.
pub(crate) fn add_counts(to: &mut NotJudged, from: NotJudged) {
    for (rule, reasons) in from {
        let into = to.entry(rule).or_default();
        for (reason, n) in reasons {
            *into.entry(reason).or_default() += n;
        }
    }
}

impl Cx<'_> {
    /// Whether the register holds what `rule` needs to judge `item` (SPEC §1.3): always on
    /// the whole school's register. On a part: whether it shows the thing itself, carries
    /// there every kind of data the rule declares, and holds whom the thing concerns (the
    /// whole class, when the rule's scope is the class) on every day the verdict depends
    /// on. When it does not, the thing is counted as not judged, under the first reason
    /// that holds: the thing lies outside the part (`outside_part`), its source lacks a
    /// kind (`lacks_<kind>`, in the order the rule declares them), the verdict needs days
    /// before the part begins (`before_part`) or after it ends (`after_part`), or a whole
    /// class the part does not hold (`outside_part`).
    pub fn judges(&self, rule: &'static RuleMeta, item: Item) -> bool {
        match self.unjudged(&rule.needs, &item) {
            None => true,
            Some(reason) => {
                self.not_judged(rule, reason);
                false
            }
        }
    }

    /// Whether the register holds what `rule` needs to judge a thing whose verdict rests on
    /// several items (the lessons of several streams): [`Cx::judges`] of each, the thing
    /// counted once, under the first of their reasons in the order of [`Reason::ALL`]
    /// (whatever the order of the items).
    pub fn judges_all(
        &self,
        rule: &'static RuleMeta,
        items: impl IntoIterator<Item = Item>,
    ) -> bool {
        let reason = items
            .into_iter()
            .filter_map(|item| self.unjudged(&rule.needs, &item))
            .min();
        match reason {
            None => true,
            Some(reason) => {
                self.not_judged(rule, reason);
                false
            }
        }
    }

    /// Why the part does not hold what a rule needs for an item; `None` when it does.
    fn unjudged(&self, needs: &Needs, item: &Item) -> Option<Reason> {
        debug_assert!(
            needs.allows(item),
            "asks beyond its declared needs: {item:?}"
        );
        let reg = self.reg;
        if reg.is_whole() {
            return None;
        }
        let shown = item.who.shown();
        let Some(date) = item.date else {
            if !reg.part_admits(shown, &[]) {
                return Some(Reason::OutsidePart);
            }
            if let Some(&lack) = needs.data.iter().find(|k| !reg.part_admits(shown, &[**k])) {
                return Some(Reason::Lacks(lack));
            }
            return (!reg.part_admits(item.who, needs.data)).then_some(Reason::OutsidePart);
        };
        if !reg.part_admits(shown, &[]) {
            return Some(Reason::OutsidePart);
        }
        if reg.part_holds(shown, date, date, &[]) {
            if let Some(&lack) = needs
                .data
                .iter()
                .find(|k| !reg.part_holds(shown, date, date, &[**k]))
            {
                return Some(Reason::Lacks(lack));
            }
        }
        if !reg.part_admits(item.who, needs.data) {
            return Some(Reason::OutsidePart);
        }
        let (from, to) = (item.from.unwrap_or(date), item.to.unwrap_or(date));
        let gap = reg.part_gap(item.who, from, to, needs.data)?;
        let before = match gap.cmp(&date) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            // The thing's own day is not held: it lies before the part, or after it.
            std::cmp::Ordering::Equal => reg
                .part_start(item.who, needs.data)
                .is_some_and(|start| start > date),
        };
        Some(if before {
            Reason::BeforePart
        } else {
            Reason::AfterPart
        })
    }

    /// Whether the part holds a student on a day with every kind of data `rule` reads: a
    /// rule that lists a lesson's students lists only those (the whole school's register
    /// holds every student). Not counted: the rule judges the lesson, not the student.
    pub fn holds_student(&self, rule: &'static RuleMeta, student: Sym, date: NaiveDate) -> bool {
        self.reg
            .part_holds(Who::Student(student), date, date, rule.needs.data)
    }

    /// Counts a thing as not judged for a reason the rule found itself (an undeclared
    /// reference on a part): the framework's own tally, as [`Cx::judges`] keeps it.
    pub fn not_judged(&self, rule: &'static RuleMeta, reason: Reason) {
        if let Some(tally) = self.tally {
            tally.count(rule, reason);
        }
    }
}
