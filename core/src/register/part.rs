//! What part of the school's register this register is (SPEC §1.3): the whole school's when
//! it holds no `extract`, else the union of its extracts. Each extract holds the days from
//! its `from` to its `to`, for its classes (every class when it names none) or, when it
//! names students, for those students only (their lessons and the entries about them),
//! with every kind of data but those its source `lacks`. The rules ask through
//! `Cx::judges`, which asks [`Register::part_holds`].

use chrono::NaiveDate;

use crate::event::Lack;

use super::*;

/// Whom a judged thing concerns, as a part must hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The lessons of a class the part shows: every lesson of the class, or, for a part of
    /// some of its students, those students' lessons.
    Lessons(Sym),
    /// Every lesson of a stream (a subject for a class and group).
    Stream(StreamKey),
    /// A student: their lessons and every entry about them.
    Student(Sym),
    /// A whole class: every group's lessons and every student's entries.
    Class(Sym),
}

impl Who {
    /// What the part must show of the judged thing itself: for a stream or a whole class,
    /// the class's lessons.
    pub fn shown(self) -> Who {
        match self {
            Who::Stream((class, _, _)) | Who::Class(class) => Who::Lessons(class),
            other => other,
        }
    }
}

impl Register {
    /// Whether the register is the whole school's: it holds no extract.
    pub fn is_whole(&self) -> bool {
        self.extracts.is_empty()
    }

    /// Whether the part holds `who` on every day from `from` to `to` (both included) with
    /// every kind of data of `kinds`. The whole school's register holds everything.
    pub fn part_holds(&self, who: Who, from: NaiveDate, to: NaiveDate, kinds: &[Lack]) -> bool {
        self.part_gap(who, from, to, kinds).is_none()
    }

    /// The first day from `from` to `to` on which the part does not hold `who` with every
    /// kind of `kinds`; `None` when it holds them every day.
    pub fn part_gap(
        &self,
        who: Who,
        from: NaiveDate,
        to: NaiveDate,
        kinds: &[Lack],
    ) -> Option<NaiveDate> {
        if self.is_whole() || to < from {
            return None;
        }
        let mut spans: Vec<(NaiveDate, NaiveDate)> = self
            .extracts
            .iter()
            .filter(|x| kinds.iter().all(|k| !x.lacks.contains(*k)) && self.admits(x, who))
            .map(|x| (x.from, x.to))
            .collect();
        spans.sort_unstable();
        let mut next = from;
        for (start, end) in spans {
            if start > next {
                break;
            }
            if end >= next {
                match end.succ_opt() {
                    Some(day) if day <= to => next = day,
                    _ => return None,
                }
            }
        }
        Some(next)
    }

    /// The first day of the part that holds `who` with every kind of `kinds`, when any does;
    /// `None` for the whole school's register or a part that never holds them.
    pub fn part_start(&self, who: Who, kinds: &[Lack]) -> Option<NaiveDate> {
        self.extracts
            .iter()
            .filter(|x| kinds.iter().all(|k| !x.lacks.contains(*k)) && self.admits(x, who))
            .map(|x| x.from)
            .min()
    }

    /// Whether any extract holds `who`, on some day, with every kind of `kinds` (always, for
    /// the whole school's register).
    pub fn part_admits(&self, who: Who, kinds: &[Lack]) -> bool {
        self.is_whole() || self.part_start(who, kinds).is_some()
    }

    /// Whether every extract's source lacks a kind of data (never, for the whole school's
    /// register).
    pub fn part_lacks(&self, kind: Lack) -> bool {
        !self.is_whole() && self.extracts.iter().all(|x| x.lacks.contains(kind))
    }

    /// Whether the part names a class or a student in one of its extracts' lists: a
    /// reference to it is the part's own, whether the part declares it or not.
    pub fn part_names(&self, what: Declared, id: Sym) -> bool {
        self.extracts.iter().any(|x| match what {
            Declared::Class => x.classes.contains(&id),
            Declared::Student => x.students.contains(&id),
            _ => false,
        })
    }

    /// Whether an extract holds `who` on its days.
    fn admits(&self, x: &ExtractRec, who: Who) -> bool {
        match who {
            Who::Lessons(class) => self.holds_class_of(x, class),
            Who::Class(class) => x.students.is_empty() && self.holds_class_of(x, class),
            Who::Student(student) => {
                if x.students.is_empty() {
                    x.classes.is_empty()
                        || self
                            .student(student)
                            .is_some_and(|s| x.classes.contains(&s.class))
                } else {
                    x.students.contains(&student)
                }
            }
            Who::Stream((class, group, subj)) => {
                self.holds_class_of(x, class)
                    && (x.students.is_empty()
                        || x.students.iter().any(|s| {
                            self.student(*s)
                                .is_some_and(|s| self.sits_in(s, (class, group, subj), x))
                        }))
            }
        }
    }

    /// Whether an extract holds lessons of a class: it names the class, or names no class
    /// but a student of it, or names neither.
    fn holds_class_of(&self, x: &ExtractRec, class: Sym) -> bool {
        if !x.classes.is_empty() {
            return x.classes.contains(&class);
        }
        x.students.is_empty()
            || x.students
                .iter()
                .any(|s| self.student(*s).is_some_and(|s| s.class == class))
    }

    /// Whether a student sits in every lesson of a stream throughout an extract's days:
    /// enrolled on its first and last day, of the stream's class, and of its group (when it
    /// has one) from the first day on, with no move in that subject during the extract.
    fn sits_in(
        &self,
        student: &StudentRec,
        (class, group, subj): StreamKey,
        x: &ExtractRec,
    ) -> bool {
        if student.class != class
            || !self.enrolled(student, x.from, None)
            || !self.enrolled(student, x.to, None)
        {
            return false;
        }
        let Some(group) = group else {
            return true;
        };
        self.group_of(student, subj, x.from, None) == Some(group)
            && !self
                .facts_of(&self.group_changes, student.id, |f| &f.group_changes)
                .any(|c| c.subj == subj && x.from < c.date && c.date <= x.to)
    }
}
