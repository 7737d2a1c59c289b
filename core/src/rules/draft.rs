//! The finding builder: a rule starts a finding about an entry with [`Cx::draft`], fills
//! what it is about (the lesson, the student, the deadline …) and finishes it with its
//! message in Russian and English.

use chrono::NaiveDate;

use crate::register::*;
use crate::report::{Due, Finding, Message};
use crate::time::{self, Time};

use super::{Cx, RuleMeta};

impl<'a> Cx<'a> {
    /// Starts a finding of `rule` about the entry with index `event`.
    pub fn draft(&self, rule: &'static RuleMeta, event: u32) -> Draft<'_, 'a> {
        Draft {
            cx: self,
            finding: blank(rule, event as usize),
        }
    }
}

/// A finding of `rule` about the event with index `event`, every other field empty.
pub(crate) fn blank(rule: &'static RuleMeta, event: usize) -> Finding {
    Finding {
        rule: rule.id,
        clause: rule.clause,
        severity: rule.severity,
        message: Message::default(),
        event: Some(event),
        line: None,
        date: None,
        class: None,
        subject: None,
        lesson: None,
        student: None,
        students: None,
        teacher: None,
        period: None,
        parent: None,
        due: None,
    }
}

/// A finding being written.
pub(crate) struct Draft<'c, 'a> {
    cx: &'c Cx<'a>,
    finding: Finding,
}

impl Draft<'_, '_> {
    fn text(&self, sym: Sym) -> Option<String> {
        Some(self.cx.name(sym).to_owned())
    }

    /// About a lesson: its date, class, subject, id and teacher (at the horizon).
    pub fn lesson(mut self, lesson: &LessonRec) -> Self {
        self.finding.date = Some(lesson.date);
        self.finding.class = self.text(lesson.class);
        self.finding.subject = self.text(lesson.subject);
        self.finding.lesson = self.text(lesson.id);
        // A finding about a version of the lesson names that version's teacher; any other
        // names the teacher of the version in force at the horizon.
        let event = self.finding.event;
        let own = self
            .cx
            .reg
            .versions(lesson)
            .find(|v| Some(v.stamp.event as usize) == event);
        self.finding.teacher = own
            .or_else(|| self.cx.version(lesson))
            .and_then(|v| self.text(v.teacher));
        self
    }

    /// About a student (and their class, unless already set).
    pub fn student(mut self, student: Sym) -> Self {
        self.finding.student = self.text(student);
        if self.finding.class.is_none() {
            self.finding.class = self.cx.student(student).and_then(|s| self.text(s.class));
        }
        self
    }

    /// About several students, listed by id in order.
    pub fn students(mut self, students: &[Sym]) -> Self {
        let mut names: Vec<String> = students
            .iter()
            .map(|s| self.cx.name(*s).to_owned())
            .collect();
        names.sort();
        names.dedup();
        self.finding.students = Some(names);
        self
    }

    /// About a final mark: the day it was entered (its period's end when that is unknown),
    /// the student, subject and period, and whoever entered it as the teacher.
    pub fn final_mark(mut self, mark: &FinalMarkRec) -> Self {
        let period_end = self.cx.reg.period(mark.period).map(|p| p.end);
        self.finding.date = mark.stamp.at.map(time::date_of).or(period_end);
        self.student(mark.student)
            .subject(mark.subject)
            .period(mark.period)
            .made_by(mark.stamp.by)
    }

    /// About a lesson known only by its id.
    pub fn lesson_id(mut self, lesson: Sym) -> Self {
        self.finding.lesson = self.text(lesson);
        self
    }

    /// The teacher is whoever made the entry, when known (with pseudonyms, by pseudonym
    /// unless they are declared staff).
    pub fn made_by(mut self, by: Option<Sym>) -> Self {
        if let Some(by) = by {
            self.finding.teacher = self.text(self.cx.reg.shown_author(by));
        }
        self
    }

    pub fn class(mut self, class: Sym) -> Self {
        self.finding.class = self.text(class);
        self
    }

    pub fn subject(mut self, subject: Sym) -> Self {
        self.finding.subject = self.text(subject);
        self
    }

    pub fn teacher(mut self, teacher: Sym) -> Self {
        self.finding.teacher = self.text(teacher);
        self
    }

    pub fn period(mut self, period: Sym) -> Self {
        self.finding.period = self.text(period);
        self
    }

    pub fn parent(mut self, parent: Sym) -> Self {
        self.finding.parent = self.text(parent);
        self
    }

    pub fn date(mut self, date: NaiveDate) -> Self {
        self.finding.date = Some(date);
        self
    }

    /// The missed deadline: the end of a day.
    pub fn due_date(mut self, date: NaiveDate) -> Self {
        self.finding.due = Some(Due::Date(date));
        self
    }

    /// The missed deadline: a moment, school-local.
    pub fn due_time(mut self, time: Time) -> Self {
        self.finding.due = Some(self.cx.due_time(time));
        self
    }

    /// Finishes the finding with its message, in Russian and in English.
    pub fn say(mut self, ru: impl Into<String>, en: impl Into<String>) -> Finding {
        self.finding.message = Message {
            ru: ru.into(),
            en: en.into(),
        };
        self.finding
    }
}
