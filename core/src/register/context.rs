//! The register's context (SPEC §1.1): the five declarations — periods, classes, staff,
//! students, parents — each stored once by its id through one helper, and the facts about
//! students and parents (leaving, group changes, home schooling, sanatorium stays, opt-outs),
//! thematic plans and extracts. Each record with the `add_<kind>` that stores it.

use chrono::NaiveDate;

use crate::event::Made;
use crate::vocab::Set;

use super::*;

/// A study period («учебный период»).
#[derive(Debug, Clone)]
pub struct PeriodRec {
    pub event: u32,
    pub id: Sym,
    pub kind: PeriodKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub grades: Option<Vec<u8>>,
}

references!(PeriodRec {});

impl PeriodRec {
    pub fn applies_to(&self, grade: u8) -> bool {
        self.grades.as_ref().is_none_or(|g| g.contains(&grade))
    }
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

declaration!(PeriodRec "period": kind, start, end, grades);

/// A class.
#[derive(Debug, Clone)]
pub struct ClassRec {
    pub event: u32,
    pub grade: u8,
    pub name: Option<Box<str>>,
}

references!(ClassRec {});

declaration!(ClassRec "class": grade, name);

/// A member of staff.
#[derive(Debug, Clone)]
pub struct StaffRec {
    pub event: u32,
    pub roles: Set<Role>,
    /// Classes of which this person is the class teacher.
    pub classes: Vec<Sym>,
    pub name: Option<Box<str>>,
}

references!(StaffRec { classes: Class });

declaration!(StaffRec "staff": roles, classes, name);

/// A student of a class, and of a subgroup per subject.
#[derive(Debug, Clone)]
pub struct StudentRec {
    pub event: u32,
    pub id: Sym,
    pub class: Sym,
    pub since: Option<NaiveDate>,
    /// Subject (folded) → subgroup.
    pub groups: Vec<(Sym, Sym)>,
    pub name: Option<Box<str>>,
}

references!(StudentRec { class: Class });

declaration!(StudentRec "student": class, since, groups, name);

/// A parent or legal representative.
#[derive(Debug, Clone)]
pub struct ParentRec {
    pub event: u32,
    pub id: Sym,
    /// Kept in the record, not beside it, for one or two: a parent's look at the diary
    /// reads them to know whose diary it is theirs to see.
    pub children: SmallVec<[Sym; 2]>,
    pub name: Option<Box<str>>,
}

references!(ParentRec { children: Student });

declaration!(ParentRec "parent": children, name);

/// A declaration stored: its entry when it is new, nothing when it repeats one.
fn declared(new: bool, stored: Stored) -> Stored {
    if new {
        stored
    } else {
        Stored::Nothing
    }
}

/// The five declarations.
impl Register {
    pub(super) fn add_period(&mut self, p: &Period<impl Str>, at: At) -> Added {
        let id = self.id(&p.id);
        let rec = PeriodRec {
            event: at.index,
            id,
            kind: p.kind,
            start: p.start,
            end: p.end,
            grades: p.grades.clone(),
        };
        let new = declare(&mut self.periods, &self.names, id, rec)?;
        Ok(declared(new, Stored::Period(id)))
    }

    pub(super) fn add_class(&mut self, c: &Class<impl Str>, at: At) -> Added {
        let id = self.id(&c.id);
        let rec = ClassRec {
            event: at.index,
            grade: c.grade,
            name: text(&c.name).map(Into::into),
        };
        let new = declare(&mut self.classes, &self.names, id, rec)?;
        Ok(declared(new, Stored::Class(id)))
    }

    pub(super) fn add_staff(&mut self, s: &Staff<impl Str>, at: At) -> Added {
        let id = self.id(&s.id);
        let classes = self.ids(&s.classes);
        let rec = StaffRec {
            event: at.index,
            roles: s.roles.iter().copied().collect(),
            classes: classes.clone(),
            name: text(&s.name).map(Into::into),
        };
        let new = declare(&mut self.staff, &self.names, id, rec)?;
        if new {
            for class in classes {
                self.index.file_class_teacher(class, id);
            }
        }
        Ok(declared(new, Stored::Staff(id)))
    }

    pub(super) fn add_student(&mut self, s: &Student<impl Str>, at: At) -> Added {
        let id = self.person(&s.id);
        let class = self.id(&s.class);
        let mut groups = Vec::with_capacity(s.groups.len());
        for (subject, group) in &s.groups {
            let (_, subj) = self.subject(subject.as_ref(), at.policy);
            groups.push((subj, self.names.intern(group.as_ref())));
        }
        groups.sort_by(|a, b| self.names.cmp(a.0, b.0).then(self.names.cmp(a.1, b.1)));
        let rec = StudentRec {
            event: at.index,
            id,
            class,
            since: s.since,
            groups,
            name: self.person_name(&s.name),
        };
        let new = declare(&mut self.students, &self.names, id, rec)?;
        if new {
            self.index.file_student(class, id);
        }
        Ok(declared(new, Stored::Student(id)))
    }

    pub(super) fn add_parent(&mut self, p: &Parent<impl Str>, at: At) -> Added {
        let id = self.person(&p.id);
        let rec = ParentRec {
            event: at.index,
            id,
            children: self.persons(&p.children).into_iter().collect(),
            name: self.person_name(&p.name),
        };
        let new = declare(&mut self.parents, &self.names, id, rec)?;
        Ok(declared(new, Stored::Parent(id)))
    }
}

/// An entry about a student on a date: leaving the school, a paper report handed over.
#[derive(Debug, Clone)]
pub struct DatedRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub date: NaiveDate,
}

references!(DatedRec { student: Student });

impl Register {
    /// The record of an entry about a student on a date.
    pub(super) fn dated(
        &mut self,
        student: &impl Str,
        date: NaiveDate,
        made: &Made<impl Str>,
        at: At,
    ) -> DatedRec {
        DatedRec {
            stamp: self.stamp(at.index, made),
            student: self.person(student),
            date,
        }
    }
}

/// A student moved to another subgroup.
#[derive(Debug, Clone)]
pub struct GroupChangeRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub subject: Sym,
    pub subj: Sym,
    pub group: Sym,
    pub date: NaiveDate,
}

references!(GroupChangeRec { student: Student });

/// Home schooling with its individual plan.
#[derive(Debug, Clone)]
pub struct HomeSchoolingRec {
    pub event: u32,
    pub student: Sym,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// The subjects of the individual plan, folded.
    pub subjects: Vec<Sym>,
}

references!(HomeSchoolingRec { student: Student });

impl HomeSchoolingRec {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
    pub fn overlaps(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.from <= end && self.to.is_none_or(|to| start <= to)
    }
}

/// A stay in a sanatorium.
#[derive(Debug, Clone)]
pub struct SanatoriumRec {
    pub event: u32,
    pub student: Sym,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

references!(SanatoriumRec { student: Student });

/// A parent's application for paper reports instead of the electronic diary.
#[derive(Debug, Clone)]
pub struct OptOutRec {
    pub event: u32,
    pub parent: Sym,
    pub date: NaiveDate,
}

references!(OptOutRec { parent: Parent });

/// The planned lessons of a subject.
#[derive(Debug, Clone)]
pub struct PlanRec {
    pub stamp: Stamp,
    pub class: Sym,
    pub group: Option<Sym>,
    pub subject: Sym,
    pub subj: Sym,
    pub lessons: u32,
}

references!(PlanRec { class: Class });

/// A part of the school's register this register is (SPEC §1.3).
#[derive(Debug, Clone)]
pub struct ExtractRec {
    pub event: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Empty: every class.
    pub classes: Vec<Sym>,
    /// Empty: every student (of its classes).
    pub students: Vec<Sym>,
    pub lacks: Set<Lack>,
}

references!(ExtractRec {});

/// The facts about students and parents, plans and extracts.
impl Register {
    pub(super) fn add_student_left(&mut self, e: &StudentLeft<impl Str>, at: At) -> Added {
        let rec = self.dated(&e.student, e.date, &e.made, at);
        let (student, i) = (rec.student, push(&mut self.left, rec));
        self.index.facts_mut(student).left.push(i);
        Ok(Stored::StudentLeft(i))
    }

    pub(super) fn add_group_change(&mut self, g: &GroupChange<impl Str>, at: At) -> Added {
        let stamp = self.stamp(at.index, &g.made);
        let student = self.person(&g.student);
        let (subject, subj) = self.subject(g.subject.as_ref(), at.policy);
        let group = self.id(&g.group);
        let rec = GroupChangeRec {
            stamp,
            student,
            subject,
            subj,
            group,
            date: g.date,
        };
        let i = push(&mut self.group_changes, rec);
        self.index.facts_mut(student).group_changes.push(i);
        Ok(Stored::GroupChange(i))
    }

    pub(super) fn add_home_schooling(&mut self, h: &HomeSchooling<impl Str>, at: At) -> Added {
        let student = self.person(&h.student);
        let mut subjects: Vec<Sym> = h
            .subjects
            .iter()
            .map(|s| self.subject(s.as_ref(), at.policy).1)
            .collect();
        subjects.sort_by(|a, b| self.names.cmp(*a, *b));
        subjects.dedup();
        let rec = HomeSchoolingRec {
            event: at.index,
            student,
            from: h.from,
            to: h.to,
            subjects,
        };
        let i = push(&mut self.home_schooling, rec);
        self.index.facts_mut(student).home_schooling.push(i);
        Ok(Stored::HomeSchooling(i))
    }

    pub(super) fn add_sanatorium(&mut self, s: &Sanatorium<impl Str>, at: At) -> Added {
        let rec = SanatoriumRec {
            event: at.index,
            student: self.person(&s.student),
            from: s.from,
            to: s.to,
        };
        let (student, i) = (rec.student, push(&mut self.sanatoriums, rec));
        self.index.facts_mut(student).sanatoriums.push(i);
        Ok(Stored::Sanatorium(i))
    }

    pub(super) fn add_parent_opt_out(&mut self, o: &ParentOptOut<impl Str>, at: At) -> Added {
        let rec = OptOutRec {
            event: at.index,
            parent: self.person(&o.parent),
            date: o.date,
        };
        Ok(Stored::ParentOptOut(push(&mut self.opt_outs, rec)))
    }

    pub(super) fn add_thematic_plan(&mut self, p: &ThematicPlan<impl Str>, at: At) -> Added {
        let stamp = self.stamp(at.index, &p.made);
        let class = self.id(&p.class);
        let group = p.group.as_ref().map(|g| self.id(g));
        let (subject, subj) = self.subject(p.subject.as_ref(), at.policy);
        let lessons = p.lessons;
        let rec = PlanRec {
            stamp,
            class,
            group,
            subject,
            subj,
            lessons,
        };
        Ok(Stored::ThematicPlan(push(&mut self.plans, rec)))
    }

    pub(super) fn add_extract(&mut self, x: &Extract<impl Str>, at: At) -> Added {
        let rec = ExtractRec {
            event: at.index,
            from: x.from,
            to: x.to,
            classes: self.ids(&x.classes),
            students: self.persons(&x.students),
            lacks: x.lacks.iter().copied().collect(),
        };
        Ok(Stored::Extract(push(&mut self.extracts, rec)))
    }
}
