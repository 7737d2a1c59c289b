//! The register as the rules see it: every event stored once, compactly (ids interned,
//! times as school-local seconds), with the indexes the rules ask through.
//!
//! Nothing here depends on the order events arrive in: where entries compete (versions of
//! a lesson, corrections of an absence), they are ordered by when they were made and then
//! by their content, never by arrival.

use std::cmp::Ordering;

use chrono::NaiveDate;
use rustc_hash::FxHashMap as Map;

use crate::event::*;
use crate::policy::Policy;
use crate::time::{self, Clock, Time};
use crate::vocab::{fold, Set, SubjectKind};

/// An interned id or name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

/// Every id and name of the register, each stored once.
#[derive(Debug, Default, Clone)]
pub struct Names {
    map: Map<Box<str>, Sym>,
    list: Vec<Box<str>>,
}

impl Names {
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(sym) = self.map.get(text) {
            return *sym;
        }
        let sym = Sym(u32::try_from(self.list.len()).unwrap_or(u32::MAX));
        self.list.push(text.into());
        self.map.insert(text.into(), sym);
        sym
    }

    pub fn get(&self, text: &str) -> Option<Sym> {
        self.map.get(text).copied()
    }

    pub fn name(&self, sym: Sym) -> &str {
        self.list
            .get(sym.0 as usize)
            .map(|s| &**s)
            .unwrap_or_default()
    }

    /// Compares two symbols by their text, so that orders never depend on arrival.
    pub fn cmp(&self, a: Sym, b: Sym) -> Ordering {
        if a == b {
            Ordering::Equal
        } else {
            self.name(a).cmp(self.name(b))
        }
    }

    fn cmp_opt(&self, a: Option<Sym>, b: Option<Sym>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => self.cmp(a, b),
            _ => a.is_some().cmp(&b.is_some()),
        }
    }
}

/// A table keyed by symbols. Symbols are numbered densely from 0 as they are interned, so
/// the table is a vector indexed by the symbol: a lookup is one index, not a hash and a
/// probe, and a register ten times larger misses the cache no more often per lookup.
///
/// It keeps its keys apart, so that a walk over a table of a few entries keyed by symbols
/// interned late (the periods of a second school year) takes as long as the entries, not
/// as every symbol before them. Its iteration order is the order the keys were added, that
/// is arrival order: like a hash map's, it never reaches output unsorted.
#[derive(Debug, Clone)]
pub struct SymMap<T> {
    slots: Vec<Option<T>>,
    keys: Vec<Sym>,
}

impl<T> Default for SymMap<T> {
    fn default() -> Self {
        SymMap {
            slots: Vec::new(),
            keys: Vec::new(),
        }
    }
}

impl<T> SymMap<T> {
    pub fn get(&self, sym: &Sym) -> Option<&T> {
        self.slots.get(sym.0 as usize)?.as_ref()
    }

    pub fn contains_key(&self, sym: &Sym) -> bool {
        self.get(sym).is_some()
    }

    /// The slot of a symbol, the table grown to hold it and the key kept when it is new.
    fn slot(&mut self, sym: Sym) -> &mut Option<T> {
        let i = sym.0 as usize;
        if i >= self.slots.len() {
            self.slots.resize_with(i + 1, || None);
        }
        // Just grown to hold it.
        #[allow(clippy::indexing_slicing)]
        let slot = &mut self.slots[i];
        if slot.is_none() {
            self.keys.push(sym);
        }
        slot
    }

    /// Sets the value of a symbol; returns the value it replaces.
    pub fn insert(&mut self, sym: Sym, value: T) -> Option<T> {
        self.slot(sym).replace(value)
    }

    /// The value of a symbol, made by `make` when it has none.
    pub fn or_insert_with(&mut self, sym: Sym, make: impl FnOnce() -> T) -> &mut T {
        self.slot(sym).get_or_insert_with(make)
    }

    /// The value of a symbol, the default when it has none.
    pub fn or_default(&mut self, sym: Sym) -> &mut T
    where
        T: Default,
    {
        self.or_insert_with(sym, T::default)
    }

    pub fn iter(&self) -> impl Iterator<Item = (Sym, &T)> + '_ {
        self.keys.iter().filter_map(|k| Some((*k, self.get(k)?)))
    }

    pub fn values(&self) -> impl Iterator<Item = &T> + '_ {
        self.iter().map(|(_, v)| v)
    }
}

/// Which entry an event was, when it was made and by whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The 0-based index of the event in the input.
    pub event: u32,
    /// When it was made, in school-local time.
    pub at: Option<Time>,
    pub by: Option<Sym>,
}

impl Stamp {
    /// Whether the entry existed at `horizon` (`None`: the end of time). Entries without a
    /// time are taken to have always existed.
    pub fn visible(&self, horizon: Option<Time>) -> bool {
        match (self.at, horizon) {
            (Some(at), Some(h)) => at <= h,
            _ => true,
        }
    }

    /// Orders by when entries were made; entries without a time come first.
    fn cmp_time(&self, other: &Stamp) -> Ordering {
        self.at.cmp(&other.at)
    }
}

#[derive(Debug, Clone)]
pub struct PeriodRec {
    pub event: u32,
    pub id: Sym,
    pub kind: PeriodKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub grades: Option<Vec<u8>>,
}

impl PeriodRec {
    pub fn applies_to(&self, grade: u8) -> bool {
        self.grades.as_ref().is_none_or(|g| g.contains(&grade))
    }
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

#[derive(Debug, Clone)]
pub struct ClassRec {
    pub event: u32,
    pub grade: u8,
    pub name: Option<Box<str>>,
}

#[derive(Debug, Clone)]
pub struct StaffRec {
    pub event: u32,
    pub roles: Set<Role>,
    /// Classes of which this person is the class teacher.
    pub classes: Vec<Sym>,
    pub name: Option<Box<str>>,
}

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

#[derive(Debug, Clone)]
pub struct ParentRec {
    pub event: u32,
    pub id: Sym,
    pub children: Vec<Sym>,
    pub name: Option<Box<str>>,
}

/// A lesson: what no update may change, and its versions.
#[derive(Debug, Clone)]
pub struct LessonRec {
    pub id: Sym,
    pub class: Sym,
    pub group: Option<Sym>,
    /// The subject as written.
    pub subject: Sym,
    /// The subject folded (case, «ё», spaces), for grouping lessons.
    pub subj: Sym,
    pub date: NaiveDate,
    /// Indexes into [`Register::lesson_versions`], ordered by when they were made.
    pub versions: Vec<u32>,
}

/// One version of a lesson: what one `lesson` event said.
#[derive(Debug, Clone)]
pub struct LessonVersion {
    pub stamp: Stamp,
    pub lesson: Sym,
    pub teacher: Sym,
    pub start: Clock,
    pub end: Clock,
    pub topic: Option<Box<str>>,
    pub works: Set<WorkKind>,
    pub briefings: Set<BriefingKind>,
    pub section: Option<Sym>,
    pub substitute: bool,
}

impl LessonVersion {
    pub fn has_topic(&self) -> bool {
        self.topic.as_deref().is_some_and(|t| !t.trim().is_empty())
    }
}

#[derive(Debug, Clone)]
pub struct AttendanceRec {
    pub stamp: Stamp,
    pub lesson: Sym,
    pub student: Sym,
    pub code: AttendanceCode,
}

#[derive(Debug, Clone)]
pub struct MarkRec {
    pub stamp: Stamp,
    pub lesson: Sym,
    pub student: Sym,
    pub value: u8,
    pub work: Option<WorkKind>,
    pub basis: Option<Basis>,
}

#[derive(Debug, Clone)]
pub struct HomeworkRec {
    pub stamp: Stamp,
    pub lesson: Sym,
    pub text: Box<str>,
    /// Individual homework for these students; empty for the whole lesson.
    pub students: Vec<Sym>,
}

#[derive(Debug, Clone)]
pub struct FinalMarkRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub subject: Sym,
    pub subj: Sym,
    pub period: Sym,
    pub value: FinalValue,
}

#[derive(Debug, Clone)]
pub struct LeftRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub date: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct GroupChangeRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub subject: Sym,
    pub subj: Sym,
    pub group: Sym,
    pub date: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct HomeSchoolingRec {
    pub event: u32,
    pub student: Sym,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// The subjects of the individual plan, folded.
    pub subjects: Vec<Sym>,
}

impl HomeSchoolingRec {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
    pub fn overlaps(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.from <= end && self.to.is_none_or(|to| start <= to)
    }
}

#[derive(Debug, Clone)]
pub struct SanatoriumRec {
    pub event: u32,
    pub student: Sym,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct OptOutRec {
    pub event: u32,
    pub parent: Sym,
    pub date: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct PlanRec {
    pub stamp: Stamp,
    pub class: Sym,
    pub group: Option<Sym>,
    pub subject: Sym,
    pub subj: Sym,
    pub lessons: u32,
}

#[derive(Debug, Clone)]
pub struct IncidentRec {
    pub stamp: Stamp,
    pub class: Sym,
    pub subject: Sym,
    pub subj: Sym,
    pub date: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct DiaryViewRec {
    pub stamp: Stamp,
    pub parent: Sym,
    pub student: Sym,
    pub section: DiarySection,
}

#[derive(Debug, Clone)]
pub struct PaperReportRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub date: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct ExportRec {
    pub stamp: Stamp,
    pub class: Sym,
    pub date: NaiveDate,
    pub signed: bool,
}

/// A part of the school's register this register is (SPEC §1.3).
#[derive(Debug, Clone)]
#[expect(
    dead_code,
    reason = "stored for the rules that judge a part (SPEC §1.3)"
)]
pub struct ExtractRec {
    pub event: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub source: Option<Box<str>>,
    /// Empty: every class.
    pub classes: Vec<Sym>,
    /// Empty: every student (of its classes).
    pub students: Vec<Sym>,
    pub lacks: Set<Lack>,
}

/// The class teacher told a student's parents (3.2).
#[derive(Debug, Clone)]
#[expect(
    dead_code,
    reason = "stored for the rule on notices owed to parents (3.2)"
)]
pub struct ParentNoticeRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub reason: NoticeReason,
    pub date: NaiveDate,
    pub parent: Option<Sym>,
}

#[derive(Debug, Clone)]
pub struct DecisionRec {
    pub stamp: Stamp,
    pub student: Sym,
    pub decision: Decision,
}

/// A stream of lessons: one subject for one class and group.
pub type StreamKey = (Sym, Option<Sym>, Sym);

/// The stored register.
#[derive(Debug, Clone)]
pub struct Register {
    pub names: Names,
    offset: chrono::FixedOffset,
    /// Subject kinds by folded subject name.
    kinds: SymMap<Option<SubjectKind>>,
    /// Each subject as written (by its symbol) folded (case, «ё», spaces).
    folded: SymMap<Sym>,

    pub periods: SymMap<PeriodRec>,
    pub classes: SymMap<ClassRec>,
    pub staff: SymMap<StaffRec>,
    pub students: SymMap<StudentRec>,
    pub parents: SymMap<ParentRec>,
    pub home_schooling: Vec<HomeSchoolingRec>,
    pub sanatoriums: Vec<SanatoriumRec>,
    pub opt_outs: Vec<OptOutRec>,
    pub extracts: Vec<ExtractRec>,

    pub lessons: SymMap<LessonRec>,
    pub lesson_versions: Vec<LessonVersion>,
    pub attendance: Vec<AttendanceRec>,
    pub marks: Vec<MarkRec>,
    pub homework: Vec<HomeworkRec>,
    pub final_marks: Vec<FinalMarkRec>,
    pub left: Vec<LeftRec>,
    pub group_changes: Vec<GroupChangeRec>,
    pub plans: Vec<PlanRec>,
    pub incidents: Vec<IncidentRec>,
    pub diary_views: Vec<DiaryViewRec>,
    pub paper_reports: Vec<PaperReportRec>,
    pub exports: Vec<ExportRec>,
    pub parent_notices: Vec<ParentNoticeRec>,
    pub decisions: Vec<DecisionRec>,

    /// Lessons of each stream, ordered by date, start and id.
    pub streams: Map<StreamKey, Vec<Sym>>,
    /// Lessons of a class on a day.
    pub class_days: Map<(Sym, NaiveDate), Vec<Sym>>,
    /// Attendance entries of a lesson, every student's, ordered by when they were made
    /// (see [`Register::cell`]).
    pub attendance_by_lesson: SymMap<Vec<u32>>,
    pub marks_by_lesson: SymMap<Vec<u32>>,
    pub marks_by_student: SymMap<Vec<u32>>,
    /// Marks of a student in each subject (folded): the marks whose lesson is recorded.
    pub marks_by_subject: SymMap<Vec<(Sym, Vec<u32>)>>,
    /// The groups (`None`: the whole class) of each class and subject (folded) with lessons.
    pub class_subject_groups: Map<(Sym, Sym), Vec<Option<Sym>>>,
    pub homework_by_lesson: SymMap<Vec<u32>>,
    pub finals_by_student: SymMap<Vec<u32>>,
    pub students_by_class: SymMap<Vec<Sym>>,
    pub class_teachers: SymMap<Vec<Sym>>,
    pub by_student: SymMap<StudentFacts>,

    /// Events stored (declarations repeated word for word count once each time).
    pub events: usize,
    /// Entries with no `at`, and with no `by`.
    pub without_at: usize,
    pub without_by: usize,
}

/// Facts about a student kept outside the declaration: indexes into the register's lists.
#[derive(Debug, Clone, Default)]
pub struct StudentFacts {
    pub left: Vec<u32>,
    pub group_changes: Vec<u32>,
    pub home_schooling: Vec<u32>,
    pub sanatoriums: Vec<u32>,
    pub paper_reports: Vec<u32>,
    pub parent_notices: Vec<u32>,
}

/// What was stored for an event: which entry to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    Lesson(u32),
    Attendance(u32),
    Mark(u32),
    Homework(u32),
    FinalMark(u32),
    StudentLeft(u32),
    GroupChange(u32),
    ThematicPlan(u32),
    Incident(u32),
    DiaryView(u32),
    PaperReport(u32),
    JournalExport(u32),
    ParentNotice(u32),
    AnnualDecision(u32),
    Student(Sym),
    Parent(Sym),
    Staff(Sym),
    HomeSchooling(u32),
    Sanatorium(u32),
    ParentOptOut(u32),
    /// Context with nothing to check (a period, a class), or a repeated declaration.
    Nothing,
}

/// An event that contradicts what the register already holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub field: &'static str,
    pub message: String,
}

fn index(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl Register {
    pub fn new(policy: &Policy) -> Self {
        Register {
            names: Names::default(),
            offset: policy.utc_offset.0,
            kinds: SymMap::default(),
            folded: SymMap::default(),
            periods: SymMap::default(),
            classes: SymMap::default(),
            staff: SymMap::default(),
            students: SymMap::default(),
            parents: SymMap::default(),
            home_schooling: Vec::new(),
            sanatoriums: Vec::new(),
            opt_outs: Vec::new(),
            extracts: Vec::new(),
            lessons: SymMap::default(),
            lesson_versions: Vec::new(),
            attendance: Vec::new(),
            marks: Vec::new(),
            homework: Vec::new(),
            final_marks: Vec::new(),
            left: Vec::new(),
            group_changes: Vec::new(),
            plans: Vec::new(),
            incidents: Vec::new(),
            diary_views: Vec::new(),
            paper_reports: Vec::new(),
            exports: Vec::new(),
            parent_notices: Vec::new(),
            decisions: Vec::new(),
            streams: Map::default(),
            class_days: Map::default(),
            attendance_by_lesson: SymMap::default(),
            marks_by_lesson: SymMap::default(),
            marks_by_student: SymMap::default(),
            marks_by_subject: SymMap::default(),
            class_subject_groups: Map::default(),
            homework_by_lesson: SymMap::default(),
            finals_by_student: SymMap::default(),
            students_by_class: SymMap::default(),
            class_teachers: SymMap::default(),
            by_student: SymMap::default(),
            events: 0,
            without_at: 0,
            without_by: 0,
        }
    }

    pub fn offset(&self) -> chrono::FixedOffset {
        self.offset
    }

    pub fn name(&self, sym: Sym) -> &str {
        self.names.name(sym)
    }

    /// The kind of a subject, by its folded name.
    pub fn kind(&self, subj: Sym) -> Option<SubjectKind> {
        self.kinds.get(&subj).copied().flatten()
    }

    fn subject(&mut self, name: &str, policy: &Policy) -> (Sym, Sym) {
        let exact = self.names.intern(name);
        if let Some(subj) = self.folded.get(&exact) {
            return (exact, *subj);
        }
        let subj = self.names.intern(&fold(name));
        self.folded.insert(exact, subj);
        self.kinds
            .or_insert_with(subj, || policy.subject_kind(name));
        (exact, subj)
    }

    fn stamp<S: AsRef<str>>(&mut self, event: u32, made: &Made<S>) -> Stamp {
        if made.at.is_none() {
            self.without_at += 1;
        }
        if made.by.is_none() {
            self.without_by += 1;
        }
        self.stamp_of(event, made)
    }

    /// The stamp of an act that has no author to check: a parent's look at the diary.
    fn stamp_without_author<S: AsRef<str>>(&mut self, event: u32, made: &Made<S>) -> Stamp {
        if made.at.is_none() {
            self.without_at += 1;
        }
        self.stamp_of(event, made)
    }

    fn stamp_of<S: AsRef<str>>(&mut self, event: u32, made: &Made<S>) -> Stamp {
        Stamp {
            event,
            at: made.at.map(|at| time::local(at, self.offset)),
            by: made.by.as_ref().map(|by| self.names.intern(by.as_ref())),
        }
    }

    /// Stores one event. Fails, storing nothing, when it contradicts a declaration or a
    /// lesson the register already holds.
    pub fn add<S: AsRef<str>>(
        &mut self,
        event: &Event<S>,
        index: u32,
        policy: &Policy,
    ) -> Result<Stored, Conflict> {
        let stored = match event {
            Event::Period(p) => {
                let id = self.names.intern(p.id.as_ref());
                let rec = PeriodRec {
                    event: index,
                    id,
                    kind: p.kind,
                    start: p.start,
                    end: p.end,
                    grades: p.grades.clone(),
                };
                if let Some(old) = self.periods.get(&id) {
                    same(
                        "period",
                        p.id.as_ref(),
                        old.event,
                        &[
                            ("kind", old.kind == rec.kind),
                            ("start", old.start == rec.start),
                            ("end", old.end == rec.end),
                            ("grades", old.grades == rec.grades),
                        ],
                    )?;
                    Stored::Nothing
                } else {
                    self.periods.insert(id, rec);
                    Stored::Nothing
                }
            }
            Event::Class(c) => {
                let id = self.names.intern(c.id.as_ref());
                let name = text(&c.name).map(Into::into);
                if let Some(old) = self.classes.get(&id) {
                    same(
                        "class",
                        c.id.as_ref(),
                        old.event,
                        &[("grade", old.grade == c.grade), ("name", old.name == name)],
                    )?;
                } else {
                    self.classes.insert(
                        id,
                        ClassRec {
                            event: index,
                            grade: c.grade,
                            name,
                        },
                    );
                }
                Stored::Nothing
            }
            Event::Staff(s) => {
                let id = self.names.intern(s.id.as_ref());
                let roles: Set<Role> = s.roles.iter().copied().collect();
                let mut classes: Vec<Sym> = s
                    .classes
                    .iter()
                    .map(|c| self.names.intern(c.as_ref()))
                    .collect();
                classes.sort_by(|a, b| self.names.cmp(*a, *b));
                classes.dedup();
                let name = text(&s.name).map(Into::into);
                if let Some(old) = self.staff.get(&id) {
                    same(
                        "staff",
                        s.id.as_ref(),
                        old.event,
                        &[
                            ("roles", old.roles == roles),
                            ("classes", old.classes == classes),
                            ("name", old.name == name),
                        ],
                    )?;
                    Stored::Nothing
                } else {
                    for class in &classes {
                        self.class_teachers.or_default(*class).push(id);
                    }
                    self.staff.insert(
                        id,
                        StaffRec {
                            event: index,
                            roles,
                            classes,
                            name,
                        },
                    );
                    Stored::Staff(id)
                }
            }
            Event::Student(s) => {
                let id = self.names.intern(s.id.as_ref());
                let class = self.names.intern(s.class.as_ref());
                let mut groups = Vec::with_capacity(s.groups.len());
                for (subject, group) in &s.groups {
                    let (_, subj) = self.subject(subject.as_ref(), policy);
                    groups.push((subj, self.names.intern(group.as_ref())));
                }
                groups.sort_by(|a, b| self.names.cmp(a.0, b.0).then(self.names.cmp(a.1, b.1)));
                let name = text(&s.name).map(Into::into);
                if let Some(old) = self.students.get(&id) {
                    same(
                        "student",
                        s.id.as_ref(),
                        old.event,
                        &[
                            ("class", old.class == class),
                            ("since", old.since == s.since),
                            ("groups", old.groups == groups),
                            ("name", old.name == name),
                        ],
                    )?;
                    Stored::Nothing
                } else {
                    self.students_by_class.or_default(class).push(id);
                    self.students.insert(
                        id,
                        StudentRec {
                            event: index,
                            id,
                            class,
                            since: s.since,
                            groups,
                            name,
                        },
                    );
                    Stored::Student(id)
                }
            }
            Event::Parent(p) => {
                let id = self.names.intern(p.id.as_ref());
                let mut children: Vec<Sym> = p
                    .children
                    .iter()
                    .map(|c| self.names.intern(c.as_ref()))
                    .collect();
                children.sort_by(|a, b| self.names.cmp(*a, *b));
                children.dedup();
                let name = text(&p.name).map(Into::into);
                if let Some(old) = self.parents.get(&id) {
                    same(
                        "parent",
                        p.id.as_ref(),
                        old.event,
                        &[
                            ("children", old.children == children),
                            ("name", old.name == name),
                        ],
                    )?;
                    Stored::Nothing
                } else {
                    self.parents.insert(
                        id,
                        ParentRec {
                            event: index,
                            id,
                            children,
                            name,
                        },
                    );
                    Stored::Parent(id)
                }
            }
            Event::HomeSchooling(h) => {
                let student = self.names.intern(h.student.as_ref());
                let mut subjects: Vec<Sym> = h
                    .subjects
                    .iter()
                    .map(|s| self.subject(s.as_ref(), policy).1)
                    .collect();
                subjects.sort_by(|a, b| self.names.cmp(*a, *b));
                subjects.dedup();
                let i = index_of(&self.home_schooling);
                self.home_schooling.push(HomeSchoolingRec {
                    event: index,
                    student,
                    from: h.from,
                    to: h.to,
                    subjects,
                });
                self.by_student.or_default(student).home_schooling.push(i);
                Stored::HomeSchooling(i)
            }
            Event::Sanatorium(s) => {
                let student = self.names.intern(s.student.as_ref());
                let i = index_of(&self.sanatoriums);
                self.sanatoriums.push(SanatoriumRec {
                    event: index,
                    student,
                    from: s.from,
                    to: s.to,
                });
                self.by_student.or_default(student).sanatoriums.push(i);
                Stored::Sanatorium(i)
            }
            Event::ParentOptOut(o) => {
                let parent = self.names.intern(o.parent.as_ref());
                let i = index_of(&self.opt_outs);
                self.opt_outs.push(OptOutRec {
                    event: index,
                    parent,
                    date: o.date,
                });
                Stored::ParentOptOut(i)
            }
            Event::Extract(x) => {
                let mut ids = |list: &[S]| {
                    let mut out: Vec<Sym> =
                        list.iter().map(|s| self.names.intern(s.as_ref())).collect();
                    out.sort_by(|a, b| self.names.cmp(*a, *b));
                    out.dedup();
                    out
                };
                let classes = ids(&x.classes);
                let students = ids(&x.students);
                self.extracts.push(ExtractRec {
                    event: index,
                    from: x.from,
                    to: x.to,
                    source: text(&x.source).map(Into::into),
                    classes,
                    students,
                    lacks: x.lacks.iter().copied().collect(),
                });
                Stored::Nothing
            }
            Event::Lesson(l) => self.add_lesson(l, index, policy)?,
            Event::Attendance(a) => {
                let stamp = self.stamp(index, &a.made);
                let lesson = self.names.intern(a.lesson.as_ref());
                let student = self.names.intern(a.student.as_ref());
                let i = index_of(&self.attendance);
                self.attendance.push(AttendanceRec {
                    stamp,
                    lesson,
                    student,
                    code: a.code,
                });
                let entries = self.attendance_by_lesson.or_default(lesson);
                let list = &self.attendance;
                insert_sorted(entries, i, |x, y| {
                    let (x, y) = (at(list, x), at(list, y));
                    x.stamp.cmp_time(&y.stamp).then(x.code.cmp(&y.code))
                });
                Stored::Attendance(i)
            }
            Event::Mark(m) => {
                let stamp = self.stamp(index, &m.made);
                let lesson = self.names.intern(m.lesson.as_ref());
                let student = self.names.intern(m.student.as_ref());
                let i = index_of(&self.marks);
                self.marks.push(MarkRec {
                    stamp,
                    lesson,
                    student,
                    value: m.value.get(),
                    work: m.work,
                    basis: m.basis,
                });
                self.marks_by_lesson.or_default(lesson).push(i);
                self.marks_by_student.or_default(student).push(i);
                if let Some(subj) = self.lessons.get(&lesson).map(|l| l.subj) {
                    add_subject_mark(&mut self.marks_by_subject, student, subj, i);
                }
                Stored::Mark(i)
            }
            Event::Homework(h) => {
                let stamp = self.stamp(index, &h.made);
                let lesson = self.names.intern(h.lesson.as_ref());
                let students = h
                    .students
                    .iter()
                    .map(|s| self.names.intern(s.as_ref()))
                    .collect();
                let i = index_of(&self.homework);
                self.homework.push(HomeworkRec {
                    stamp,
                    lesson,
                    text: h.text.as_ref().into(),
                    students,
                });
                self.homework_by_lesson.or_default(lesson).push(i);
                Stored::Homework(i)
            }
            Event::FinalMark(f) => {
                let stamp = self.stamp(index, &f.made);
                let student = self.names.intern(f.student.as_ref());
                let (subject, subj) = self.subject(f.subject.as_ref(), policy);
                let period = self.names.intern(f.period.as_ref());
                let i = index_of(&self.final_marks);
                self.final_marks.push(FinalMarkRec {
                    stamp,
                    student,
                    subject,
                    subj,
                    period,
                    value: f.value,
                });
                self.finals_by_student.or_default(student).push(i);
                Stored::FinalMark(i)
            }
            Event::StudentLeft(s) => {
                let stamp = self.stamp(index, &s.made);
                let student = self.names.intern(s.student.as_ref());
                let i = index_of(&self.left);
                self.left.push(LeftRec {
                    stamp,
                    student,
                    date: s.date,
                });
                self.by_student.or_default(student).left.push(i);
                Stored::StudentLeft(i)
            }
            Event::GroupChange(g) => {
                let stamp = self.stamp(index, &g.made);
                let student = self.names.intern(g.student.as_ref());
                let (subject, subj) = self.subject(g.subject.as_ref(), policy);
                let group = self.names.intern(g.group.as_ref());
                let i = index_of(&self.group_changes);
                self.group_changes.push(GroupChangeRec {
                    stamp,
                    student,
                    subject,
                    subj,
                    group,
                    date: g.date,
                });
                self.by_student.or_default(student).group_changes.push(i);
                Stored::GroupChange(i)
            }
            Event::ThematicPlan(p) => {
                let stamp = self.stamp(index, &p.made);
                let class = self.names.intern(p.class.as_ref());
                let group = text(&p.group).map(|g| self.names.intern(g));
                let (subject, subj) = self.subject(p.subject.as_ref(), policy);
                let i = index_of(&self.plans);
                self.plans.push(PlanRec {
                    stamp,
                    class,
                    group,
                    subject,
                    subj,
                    lessons: p.lessons,
                });
                Stored::ThematicPlan(i)
            }
            Event::Incident(n) => {
                let stamp = self.stamp(index, &n.made);
                let class = self.names.intern(n.class.as_ref());
                let (subject, subj) = self.subject(n.subject.as_ref(), policy);
                let i = index_of(&self.incidents);
                self.incidents.push(IncidentRec {
                    stamp,
                    class,
                    subject,
                    subj,
                    date: n.date,
                });
                Stored::Incident(i)
            }
            Event::DiaryView(v) => {
                let stamp = self.stamp_without_author(index, &v.made);
                let parent = self.names.intern(v.parent.as_ref());
                let student = self.names.intern(v.student.as_ref());
                let i = index_of(&self.diary_views);
                self.diary_views.push(DiaryViewRec {
                    stamp,
                    parent,
                    student,
                    section: v.section,
                });
                Stored::DiaryView(i)
            }
            Event::PaperReport(p) => {
                let stamp = self.stamp(index, &p.made);
                let student = self.names.intern(p.student.as_ref());
                let i = index_of(&self.paper_reports);
                self.paper_reports.push(PaperReportRec {
                    stamp,
                    student,
                    date: p.date,
                });
                self.by_student.or_default(student).paper_reports.push(i);
                Stored::PaperReport(i)
            }
            Event::JournalExport(x) => {
                let stamp = self.stamp(index, &x.made);
                let class = self.names.intern(x.class.as_ref());
                let i = index_of(&self.exports);
                self.exports.push(ExportRec {
                    stamp,
                    class,
                    date: x.date,
                    signed: x.signed,
                });
                Stored::JournalExport(i)
            }
            Event::ParentNotice(n) => {
                let stamp = self.stamp(index, &n.made);
                let student = self.names.intern(n.student.as_ref());
                let parent = text(&n.parent).map(|p| self.names.intern(p));
                let i = index_of(&self.parent_notices);
                self.parent_notices.push(ParentNoticeRec {
                    stamp,
                    student,
                    reason: n.reason,
                    date: n.date,
                    parent,
                });
                self.by_student.or_default(student).parent_notices.push(i);
                Stored::ParentNotice(i)
            }
            Event::AnnualDecision(d) => {
                let stamp = self.stamp(index, &d.made);
                let student = self.names.intern(d.student.as_ref());
                let i = index_of(&self.decisions);
                self.decisions.push(DecisionRec {
                    stamp,
                    student,
                    decision: d.decision,
                });
                Stored::AnnualDecision(i)
            }
        };
        self.events += 1;
        Ok(stored)
    }

    fn add_lesson<S: AsRef<str>>(
        &mut self,
        l: &Lesson<S>,
        index: u32,
        policy: &Policy,
    ) -> Result<Stored, Conflict> {
        let id = self.names.intern(l.id.as_ref());
        let class = self.names.intern(l.class.as_ref());
        let group = text(&l.group).map(|g| self.names.intern(g));
        let (subject, subj) = self.subject(l.subject.as_ref(), policy);
        if let Some(old) = self.lessons.get(&id) {
            let first = old
                .versions
                .first()
                .and_then(|v| self.lesson_versions.get(*v as usize))
                .map_or(0, |v| v.stamp.event);
            same(
                "lesson",
                l.id.as_ref(),
                first,
                &[
                    ("class", old.class == class),
                    ("group", old.group == group),
                    ("subject", old.subject == subject),
                    ("date", old.date == l.date),
                ],
            )?;
        }
        let stamp = self.stamp(index, &l.made);
        let version = LessonVersion {
            stamp,
            lesson: id,
            teacher: self.names.intern(l.teacher.as_ref()),
            start: Clock::of(l.start),
            end: Clock::of(l.end),
            topic: text(&l.topic).map(Into::into),
            works: l.work.iter().copied().collect(),
            briefings: l.briefing.iter().copied().collect(),
            section: text(&l.section).map(|s| self.names.intern(&fold(s))),
            substitute: l.substitute,
        };
        let v = index_of(&self.lesson_versions);
        self.lesson_versions.push(version);
        let is_new = !self.lessons.contains_key(&id);
        let rec = self.lessons.or_insert_with(id, || LessonRec {
            id,
            class,
            group,
            subject,
            subj,
            date: l.date,
            versions: Vec::new(),
        });
        let (names, versions) = (&self.names, &self.lesson_versions);
        insert_sorted(&mut rec.versions, v, |x, y| {
            cmp_versions(names, at(versions, x), at(versions, y))
        });
        let key = (class, group, subj);
        if is_new {
            self.class_days.entry((class, l.date)).or_default().push(id);
            // The marks entered before their lesson was recorded join their subject now.
            for &m in self.marks_by_lesson.get(&id).into_iter().flatten() {
                if let Some(student) = self.marks.get(m as usize).map(|mark| mark.student) {
                    add_subject_mark(&mut self.marks_by_subject, student, subj, m);
                }
            }
            if !self.streams.contains_key(&key) {
                self.class_subject_groups
                    .entry((class, subj))
                    .or_default()
                    .push(group);
            }
        } else if let Some(stream) = self.streams.get_mut(&key) {
            // A new version may move the lesson's start: place it again.
            stream.retain(|s| *s != id);
        }
        let mut stream = self.streams.remove(&key).unwrap_or_default();
        insert_sorted(&mut stream, id, |a, b| self.cmp_lessons(a, b));
        self.streams.insert(key, stream);
        Ok(Stored::Lesson(v))
    }

    /// Orders lessons by date, start (of the latest version) and id.
    pub fn cmp_lessons(&self, a: Sym, b: Sym) -> Ordering {
        let key = |s: Sym| {
            self.lessons
                .get(&s)
                .map(|l| (l.date, self.latest(l).map_or(Clock::default(), |v| v.start)))
        };
        key(a).cmp(&key(b)).then_with(|| self.names.cmp(a, b))
    }

    /// The version of a lesson in force at `horizon`: the latest made by then, or the first
    /// if none was.
    pub fn version(&self, lesson: &LessonRec, horizon: Option<Time>) -> Option<&LessonVersion> {
        let visible = lesson
            .versions
            .iter()
            .rev()
            .map(|v| self.lesson_versions.get(*v as usize))
            .find(|v| v.is_some_and(|v| v.stamp.visible(horizon)))
            .flatten();
        visible.or_else(|| self.first(lesson))
    }

    /// The latest version of a lesson.
    pub fn latest(&self, lesson: &LessonRec) -> Option<&LessonVersion> {
        lesson
            .versions
            .last()
            .and_then(|v| self.lesson_versions.get(*v as usize))
    }

    /// The first version of a lesson.
    pub fn first(&self, lesson: &LessonRec) -> Option<&LessonVersion> {
        lesson
            .versions
            .first()
            .and_then(|v| self.lesson_versions.get(*v as usize))
    }

    /// The versions of a lesson, in the order they were made.
    pub fn versions<'a>(
        &'a self,
        lesson: &'a LessonRec,
    ) -> impl Iterator<Item = &'a LessonVersion> + 'a {
        lesson
            .versions
            .iter()
            .filter_map(|v| self.lesson_versions.get(*v as usize))
    }

    /// Whether a lesson existed at `horizon` (a version of it had been made).
    pub fn lesson_visible(&self, lesson: &LessonRec, horizon: Option<Time>) -> bool {
        self.first(lesson).is_some_and(|v| v.stamp.visible(horizon))
    }

    /// The lesson's stream: its subject for its class and group.
    pub fn stream(&self, lesson: &LessonRec) -> &[Sym] {
        self.streams
            .get(&(lesson.class, lesson.group, lesson.subj))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The lessons of a class on a day (every group).
    pub fn lessons_of_day(
        &self,
        class: Sym,
        date: NaiveDate,
    ) -> impl Iterator<Item = &LessonRec> + '_ {
        self.class_days
            .get(&(class, date))
            .into_iter()
            .flatten()
            .filter_map(|l| self.lessons.get(l))
    }

    /// The attendance code of a student on a lesson at `horizon`: the latest entry made by
    /// then, or `None` when nothing was entered.
    pub fn code(&self, lesson: Sym, student: Sym, horizon: Option<Time>) -> Option<AttendanceCode> {
        self.cell(lesson, student)
            .rev()
            .find(|a| a.stamp.visible(horizon))
            .map(|a| a.code)
    }

    /// Whether a student was marked absent on a lesson at `horizon`.
    pub fn absent(&self, lesson: Sym, student: Sym, horizon: Option<Time>) -> bool {
        self.code(lesson, student, horizon)
            .is_some_and(AttendanceCode::is_absence)
    }

    /// The attendance entries of a lesson and student, in the order they were made.
    pub fn cell(
        &self,
        lesson: Sym,
        student: Sym,
    ) -> impl DoubleEndedIterator<Item = &AttendanceRec> + '_ {
        self.attendance_by_lesson
            .get(&lesson)
            .into_iter()
            .flatten()
            .filter_map(|i| self.attendance.get(*i as usize))
            .filter(move |a| a.student == student)
    }

    /// Every lesson and student with attendance entries, each pair once, in no particular
    /// order.
    pub fn attendance_cells(&self) -> impl Iterator<Item = (Sym, Sym)> + '_ {
        self.attendance_by_lesson
            .iter()
            .flat_map(|(lesson, entries)| {
                let mut students: Vec<Sym> = entries
                    .iter()
                    .filter_map(|i| self.attendance.get(*i as usize))
                    .map(|a| a.student)
                    .collect();
                students.sort_unstable();
                students.dedup();
                students.into_iter().map(move |student| (lesson, student))
            })
    }

    /// The grade of a class.
    pub fn grade(&self, class: Sym) -> Option<u8> {
        self.classes.get(&class).map(|c| c.grade)
    }

    /// The grade of a student's class.
    pub fn student_grade(&self, student: Sym) -> Option<u8> {
        self.students
            .get(&student)
            .and_then(|s| self.grade(s.class))
    }

    /// The facts about a student (left, group changes, home schooling …).
    pub fn facts(&self, student: Sym) -> Option<&StudentFacts> {
        self.by_student.get(&student)
    }

    /// Whether the student belonged to the school on `date`, as known at `horizon`: from
    /// `since`, until the day they left (the day of leaving is no longer theirs).
    pub fn enrolled(&self, student: &StudentRec, date: NaiveDate, horizon: Option<Time>) -> bool {
        if student.since.is_some_and(|since| date < since) {
            return false;
        }
        let left = self
            .facts(student.id)
            .map(|f| f.left.as_slice())
            .unwrap_or_default();
        !left
            .iter()
            .filter_map(|i| self.left.get(*i as usize))
            .any(|l| l.stamp.visible(horizon) && l.date <= date)
    }

    /// The subgroup of a student in a subject on `date`, as known at `horizon`: the
    /// declared group, changed by the group changes dated on or before that day.
    pub fn group_of(
        &self,
        student: &StudentRec,
        subj: Sym,
        date: NaiveDate,
        horizon: Option<Time>,
    ) -> Option<Sym> {
        let declared = student
            .groups
            .iter()
            .find(|(s, _)| *s == subj)
            .map(|(_, g)| *g);
        let changes = self
            .facts(student.id)
            .map(|f| f.group_changes.as_slice())
            .unwrap_or_default();
        changes
            .iter()
            .filter_map(|i| self.group_changes.get(*i as usize))
            .filter(|c| c.subj == subj && c.date <= date && c.stamp.visible(horizon))
            .max_by(|a, b| {
                a.date
                    .cmp(&b.date)
                    .then(a.stamp.cmp_time(&b.stamp))
                    .then(self.names.cmp(a.group, b.group))
            })
            .map(|c| c.group)
            .or(declared)
    }

    /// Whether a student was one of a lesson's students on its date, as known at `horizon`:
    /// enrolled, of the lesson's class, and of its group when it has one.
    pub fn in_lesson(
        &self,
        student: &StudentRec,
        lesson: &LessonRec,
        horizon: Option<Time>,
    ) -> bool {
        student.class == lesson.class
            && self.enrolled(student, lesson.date, horizon)
            && lesson.group.is_none_or(|g| {
                self.group_of(student, lesson.subj, lesson.date, horizon) == Some(g)
            })
    }

    /// The students of a lesson on its date, as known at `horizon`, ordered by id.
    pub fn lesson_students(&self, lesson: &LessonRec, horizon: Option<Time>) -> Vec<Sym> {
        let mut out: Vec<Sym> = self
            .students_by_class
            .get(&lesson.class)
            .into_iter()
            .flatten()
            .filter_map(|s| self.students.get(s))
            .filter(|s| self.in_lesson(s, lesson, horizon))
            .map(|s| s.id)
            .collect();
        out.sort_by(|a, b| self.names.cmp(*a, *b));
        out
    }

    /// The periods that apply to a grade, ordered by start.
    pub fn periods_for(&self, grade: u8) -> Vec<&PeriodRec> {
        let mut out: Vec<&PeriodRec> = self
            .periods
            .values()
            .filter(|p| p.applies_to(grade))
            .collect();
        out.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(a.end.cmp(&b.end))
                .then(self.names.cmp(a.id, b.id))
        });
        out
    }

    /// A work's kind for a mark: its own, else the lesson's only work, else oral (SPEC §1.2).
    pub fn work_of(&self, mark: &MarkRec, lesson: Option<&LessonVersion>) -> WorkKind {
        mark.work
            .or_else(|| {
                let works = lesson?.works;
                (works.len() == 1)
                    .then(|| WorkKind::ALL.iter().copied().find(|w| works.contains(*w)))
                    .flatten()
            })
            .unwrap_or(WorkKind::Oral)
    }

    /// Whether the student was home-schooled on `date`.
    pub fn home_schooled_on(&self, student: Sym, date: NaiveDate) -> bool {
        self.home_schoolings(student).any(|h| h.covers(date))
    }

    /// The student's home-schooling spans.
    pub fn home_schoolings(&self, student: Sym) -> impl Iterator<Item = &HomeSchoolingRec> + '_ {
        self.facts(student)
            .into_iter()
            .flat_map(|f| f.home_schooling.iter())
            .filter_map(|i| self.home_schooling.get(*i as usize))
    }

    /// The student's sanatorium stays.
    pub fn sanatorium_stays(&self, student: Sym) -> impl Iterator<Item = &SanatoriumRec> + '_ {
        self.facts(student)
            .into_iter()
            .flat_map(|f| f.sanatoriums.iter())
            .filter_map(|i| self.sanatoriums.get(*i as usize))
    }
}

/// Files a mark under its student and subject (folded).
fn add_subject_mark(table: &mut SymMap<Vec<(Sym, Vec<u32>)>>, student: Sym, subj: Sym, mark: u32) {
    let subjects = table.or_default(student);
    match subjects.iter_mut().find(|(s, _)| *s == subj) {
        Some((_, marks)) => marks.push(mark),
        None => subjects.push((subj, vec![mark])),
    }
}

/// The text of an optional field of an event, owned or borrowed.
fn text<S: AsRef<str>>(field: &Option<S>) -> Option<&str> {
    field.as_ref().map(AsRef::as_ref)
}

fn index_of<T>(list: &[T]) -> u32 {
    index(list.len())
}

fn at<T>(list: &[T], i: u32) -> &T {
    // Indexes come from the list itself and are never removed.
    #[allow(clippy::indexing_slicing)]
    &list[i as usize]
}

/// Inserts keeping the list ordered (after equal items); the common case, an item that
/// belongs at the end, costs one comparison.
fn insert_sorted<T: Copy>(list: &mut Vec<T>, item: T, mut cmp: impl FnMut(T, T) -> Ordering) {
    let pos = match list.last() {
        Some(last) if cmp(*last, item) != Ordering::Greater => list.len(),
        _ => list.partition_point(|x| cmp(*x, item) != Ordering::Greater),
    };
    list.insert(pos, item);
}

/// Orders lesson versions by when they were made, then by content, so that two versions
/// made at the same moment are always taken in the same order.
fn cmp_versions(names: &Names, a: &LessonVersion, b: &LessonVersion) -> Ordering {
    a.stamp
        .cmp_time(&b.stamp)
        .then_with(|| names.cmp(a.teacher, b.teacher))
        .then(a.start.cmp(&b.start))
        .then(a.end.cmp(&b.end))
        .then_with(|| a.topic.cmp(&b.topic))
        .then_with(|| works_key(a.works).cmp(&works_key(b.works)))
        .then_with(|| briefings_key(a.briefings).cmp(&briefings_key(b.briefings)))
        .then_with(|| names.cmp_opt(a.section, b.section))
        .then(a.substitute.cmp(&b.substitute))
}

fn works_key(set: Set<WorkKind>) -> Vec<WorkKind> {
    WorkKind::ALL
        .iter()
        .copied()
        .filter(|w| set.contains(*w))
        .collect()
}

fn briefings_key(set: Set<BriefingKind>) -> Vec<BriefingKind> {
    BriefingKind::ALL
        .iter()
        .copied()
        .filter(|b| set.contains(*b))
        .collect()
}

/// Checks a repeated declaration: the same again is fine, anything else a conflict.
fn same(what: &str, id: &str, first: u32, fields: &[(&'static str, bool)]) -> Result<(), Conflict> {
    match fields.iter().find(|(_, equal)| !equal) {
        None => Ok(()),
        Some((field, _)) => Err(Conflict {
            field,
            message: format!("{what} `{id}` was declared by event {first} with another `{field}`; an update may not change it"),
        }),
    }
}

/// A school year («учебный год»): the dates it runs from and to, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SchoolYear {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The declared `year` period, when the school declared one.
    pub period: Option<Sym>,
}

impl SchoolYear {
    /// The school year by the calendar, 1 September – 31 August, that holds `date`.
    pub fn calendar(date: NaiveDate) -> SchoolYear {
        use chrono::Datelike;
        let first = if date.month() >= 9 {
            date.year()
        } else {
            date.year() - 1
        };
        let start = NaiveDate::from_ymd_opt(first, 9, 1).unwrap_or(date);
        let end = NaiveDate::from_ymd_opt(first + 1, 8, 31).unwrap_or(date);
        SchoolYear {
            start,
            end,
            period: None,
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// 1 January of the school year (the calendar year it ends in).
    pub fn new_year(&self) -> NaiveDate {
        use chrono::Datelike;
        NaiveDate::from_ymd_opt(self.end.year(), 1, 1).unwrap_or(self.end)
    }
}

/// Queries about school years, half-years, streams and the order of lessons in them, and
/// the end of a class's school day.
impl Register {
    /// The school year of a grade that holds `date`: the `year` period applying to the
    /// grade that holds it; when the grade has no `year` period at all, 1 September –
    /// 31 August. `None` when the grade has `year` periods but none holds the date: the
    /// date lies outside every school year the school declared.
    pub fn school_year(&self, grade: u8, date: NaiveDate) -> Option<SchoolYear> {
        let years: Vec<&PeriodRec> = self
            .periods_for(grade)
            .into_iter()
            .filter(|p| p.kind == PeriodKind::Year)
            .collect();
        if years.is_empty() {
            return Some(SchoolYear::calendar(date));
        }
        years
            .into_iter()
            .find(|p| p.contains(date))
            .map(|p| SchoolYear {
                start: p.start,
                end: p.end,
                period: Some(p.id),
            })
    }

    /// The first day of the second half-year of a school year for a grade. Of the
    /// `half_year` periods applying to the grade that start within the school year: with
    /// two or more, the start of the latest; with one that starts on or after 1 January,
    /// its start (a lone half-year starting before then is the first one and says nothing
    /// about the second). Otherwise 1 January.
    pub fn second_half_start(&self, grade: u8, year: &SchoolYear) -> NaiveDate {
        let halves: Vec<&PeriodRec> = self
            .periods_for(grade)
            .into_iter()
            .filter(|p| p.kind == PeriodKind::HalfYear && year.contains(p.start))
            .collect();
        let new_year = year.new_year();
        match halves.as_slice() {
            [] => new_year,
            [only] if only.start >= new_year => only.start,
            [_] => new_year,
            [.., last] => last.start,
        }
    }

    /// Orders lessons as they stood at `horizon`: by date, start (of the version in force
    /// then) and id.
    pub fn cmp_lessons_at(&self, a: &LessonRec, b: &LessonRec, horizon: Option<Time>) -> Ordering {
        let start = |l: &LessonRec| {
            self.version(l, horizon)
                .map_or(Clock::default(), |v| v.start)
        };
        a.date
            .cmp(&b.date)
            .then_with(|| start(a).cmp(&start(b)))
            .then_with(|| self.names.cmp(a.id, b.id))
    }

    /// The first lesson of a stream dated from `from` to `to` (both included) among those
    /// recorded by `horizon`, in the order of [`Register::cmp_lessons_at`].
    pub fn first_lesson_between(
        &self,
        stream: &[Sym],
        from: NaiveDate,
        to: NaiveDate,
        horizon: Option<Time>,
    ) -> Option<&LessonRec> {
        // A stream is ordered by date first, so the days before `from` can be skipped.
        let skip = stream.partition_point(|id| self.lessons.get(id).is_some_and(|l| l.date < from));
        let mut first: Option<&LessonRec> = None;
        for lesson in stream
            .iter()
            .skip(skip)
            .filter_map(|id| self.lessons.get(id))
        {
            if lesson.date > to || first.is_some_and(|f| f.date < lesson.date) {
                break;
            }
            if !self.lesson_visible(lesson, horizon) {
                continue;
            }
            first = match first {
                Some(f) if self.cmp_lessons_at(f, lesson, horizon) != Ordering::Greater => Some(f),
                _ => Some(lesson),
            };
        }
        first
    }

    /// The streams of a class in a subject (folded): one per group, the whole-class stream
    /// first, then by group.
    pub fn class_streams(&self, class: Sym, subj: Sym) -> Vec<(Option<Sym>, &[Sym])> {
        let mut out = self.groups_with_lessons(class, subj);
        out.sort_by(|a, b| self.names.cmp_opt(a.0, b.0));
        out
    }

    /// When the class's last lesson of a day ends, as recorded by
    /// `horizon`: the latest `end` among the day's lessons of every group, each as its
    /// version in force then says (a corrected end replaces the one it corrects).
    pub fn last_lesson_end(
        &self,
        class: Sym,
        date: NaiveDate,
        horizon: Option<Time>,
    ) -> Option<Clock> {
        self.lessons_of_day(class, date)
            .filter(|l| self.lesson_visible(l, horizon))
            .filter_map(|l| self.version(l, horizon))
            .map(|v| v.end)
            .max()
    }

    /// The streams whose subject is of one of `kinds`.
    pub fn streams_of_kinds<'a>(
        &'a self,
        kinds: &'a [SubjectKind],
    ) -> impl Iterator<Item = (StreamKey, &'a [Sym])> + 'a {
        self.streams
            .iter()
            .filter(|((_, _, subj), _)| self.kind(*subj).is_some_and(|k| kinds.contains(&k)))
            .map(|(key, lessons)| (*key, lessons.as_slice()))
    }

    /// The school years, in order, that the lessons of a stream recorded by `horizon` fall
    /// in, for the grade of the stream's class (see [`Register::school_year`]).
    pub fn school_years_of(
        &self,
        stream: &[Sym],
        grade: u8,
        horizon: Option<Time>,
    ) -> Vec<SchoolYear> {
        let mut out: Vec<SchoolYear> = Vec::new();
        for lesson in stream.iter().filter_map(|id| self.lessons.get(id)) {
            if out.last().is_some_and(|y| y.contains(lesson.date))
                || !self.lesson_visible(lesson, horizon)
            {
                continue;
            }
            if let Some(year) = self.school_year(grade, lesson.date) {
                out.push(year);
            }
        }
        out
    }
}

/// What a version of a lesson records.
impl LessonVersion {
    /// Whether the version records a briefing of this kind (in `briefing` or its topic).
    pub fn has_briefing(&self, kind: BriefingKind) -> bool {
        self.briefings.contains(kind)
    }
}

/// Queries about streams of lessons, marks and periods, as known at a horizon: shared by the
/// rules on marks, final marks and grading deadlines.
impl Register {
    /// When a lesson starts, by the version in force at `horizon`.
    pub fn start_at(&self, lesson: &LessonRec, horizon: Option<Time>) -> Option<Time> {
        self.version(lesson, horizon)
            .map(|v| v.start.on(lesson.date))
    }

    /// The lessons of `lesson`'s stream (its subject for its class and group) recorded by
    /// `horizon` that come before it in the order known then ([`Register::cmp_lessons_at`]),
    /// the nearest first. Lazy: a walk back from a lesson reads only the days it walks.
    pub fn stream_before<'a>(
        &'a self,
        lesson: &'a LessonRec,
        horizon: Option<Time>,
    ) -> impl Iterator<Item = &'a LessonRec> + 'a {
        let date_of = |id: &Sym| self.lessons.get(id).map(|l| l.date);
        // Dates never change, so the stored stream is ordered by date whatever the versions:
        // only the lessons of one day need ordering by their starts as known at `horizon`.
        let stream = self.stream(lesson);
        let end = stream.partition_point(|id| date_of(id).is_some_and(|d| d <= lesson.date));
        let mut rest = stream.get(..end).unwrap_or_default();
        let mut day: Vec<&LessonRec> = Vec::new();
        std::iter::from_fn(move || loop {
            if let Some(before) = day.pop() {
                return Some(before);
            }
            let date = date_of(rest.last()?)?;
            let (earlier, that_day) =
                rest.split_at(rest.partition_point(|id| date_of(id).is_some_and(|d| d < date)));
            rest = earlier;
            day = that_day
                .iter()
                .filter_map(|id| self.lessons.get(id))
                .filter(|l| l.id != lesson.id && self.lesson_visible(l, horizon))
                .filter(|l| self.cmp_lessons_at(l, lesson, horizon).is_lt())
                .collect();
            day.sort_by(|a, b| self.cmp_lessons_at(a, b, horizon));
        })
    }

    /// The next lesson of `lesson`'s stream recorded by `horizon`: the first after it in
    /// the order known then ([`Register::cmp_lessons_at`]), on the same day or later. `None`
    /// when none was recorded.
    pub fn next_lesson(&self, lesson: &LessonRec, horizon: Option<Time>) -> Option<&LessonRec> {
        let stream = self.stream(lesson);
        // Dates never change: the stored stream is ordered by date whatever the versions.
        let from = stream.partition_point(|l| {
            self.lessons
                .get(l)
                .is_some_and(|other| other.date < lesson.date)
        });
        let mut best: Option<&LessonRec> = None;
        for other in stream
            .get(from..)
            .unwrap_or_default()
            .iter()
            .filter_map(|l| self.lessons.get(l))
        {
            if best.is_some_and(|b| other.date > b.date) {
                break;
            }
            if other.id == lesson.id || !self.lesson_visible(other, horizon) {
                continue;
            }
            let after = self.cmp_lessons_at(other, lesson, horizon) == Ordering::Greater;
            let earlier = best.is_none_or(|b| self.cmp_lessons_at(other, b, horizon).is_lt());
            if after && earlier {
                best = Some(other);
            }
        }
        best
    }

    /// A student's current marks in a subject (folded name) on lessons dated from `start`
    /// to `end`, made by `horizon` on lessons recorded by then, each with its lesson; in no
    /// particular order.
    pub fn marks_in(
        &self,
        student: Sym,
        subj: Sym,
        start: NaiveDate,
        end: NaiveDate,
        horizon: Option<Time>,
    ) -> impl Iterator<Item = (&MarkRec, &LessonRec)> + '_ {
        self.marks_by_subject
            .get(&student)
            .and_then(|subjects| subjects.iter().find(|(s, _)| *s == subj))
            .into_iter()
            .flat_map(|(_, marks)| marks)
            .filter_map(|i| self.marks.get(*i as usize))
            .filter(move |m| m.stamp.visible(horizon))
            .filter_map(|m| Some((m, self.lessons.get(&m.lesson)?)))
            .filter(move |(_, l)| {
                l.subj == subj
                    && start <= l.date
                    && l.date <= end
                    // A mark stands on its lesson: it was not there before the lesson was.
                    && self.lesson_visible(l, horizon)
            })
    }

    /// A student's final marks in a subject (folded name) in force at `horizon`: for each
    /// period, the latest made by then (a later entry corrects an earlier one; entries made
    /// at the same moment are ordered by value). Ordered by period.
    pub fn subject_final_marks_at(
        &self,
        student: Sym,
        subj: Sym,
        horizon: Option<Time>,
    ) -> Vec<&FinalMarkRec> {
        let mut all: Vec<&FinalMarkRec> = self
            .finals_by_student
            .get(&student)
            .into_iter()
            .flatten()
            .filter_map(|i| self.final_marks.get(*i as usize))
            .filter(|f| f.subj == subj && f.stamp.visible(horizon))
            .collect();
        all.sort_by(|a, b| {
            self.names
                .cmp(a.subj, b.subj)
                .then_with(|| self.names.cmp(a.period, b.period))
                .then_with(|| a.stamp.cmp_time(&b.stamp))
                .then(a.value.cmp(&b.value))
        });
        let mut out: Vec<&FinalMarkRec> = Vec::with_capacity(all.len());
        for f in all {
            match out.last_mut() {
                Some(last) if last.subj == f.subj && last.period == f.period => *last = f,
                _ => out.push(f),
            }
        }
        out
    }

    /// The shortest period of one of `kinds` that applies to `grade` and holds `date`
    /// (equally long ones: the earliest, then by id).
    pub fn period_of(
        &self,
        grade: u8,
        date: NaiveDate,
        kinds: &[PeriodKind],
    ) -> Option<&PeriodRec> {
        self.periods_for(grade)
            .into_iter()
            .filter(|p| kinds.contains(&p.kind) && p.contains(date))
            .min_by_key(|p| p.end - p.start)
    }

    /// Whether a student was home-schooled at any time from `start` to `end`.
    pub fn home_schooled_during(&self, student: Sym, start: NaiveDate, end: NaiveDate) -> bool {
        self.home_schoolings(student)
            .any(|h| h.overlaps(start, end))
    }
}

/// Queries of the administration's rules (SPEC §3: permissions, periods, plans, exports):
/// school years, periods by kind, class teachers, the streams of a class and subject, and
/// who taught what.
impl Register {
    /// The school years (`year` periods) that apply to a grade, ordered by start.
    pub fn school_years(&self, grade: u8) -> Vec<&PeriodRec> {
        self.periods_of_kind(grade, &[PeriodKind::Year])
    }

    /// The school year of a grade that ended most recently on or before `date` (its last
    /// day is `date` or earlier).
    pub fn school_year_ended_by(&self, grade: u8, date: NaiveDate) -> Option<&PeriodRec> {
        self.school_years(grade)
            .into_iter()
            .filter(|y| y.end <= date)
            .max_by(|a, b| a.end.cmp(&b.end).then(a.start.cmp(&b.start)))
    }

    /// The periods of the given kinds that apply to a grade, ordered by start, end and id.
    pub fn periods_of_kind(&self, grade: u8, kinds: &[PeriodKind]) -> Vec<&PeriodRec> {
        let mut out = self.periods_for(grade);
        out.retain(|p| kinds.contains(&p.kind));
        out
    }

    /// The class teachers («классные руководители») of a class, ordered by id.
    pub fn class_teachers_of(&self, class: Sym) -> Vec<Sym> {
        let mut out: Vec<Sym> = self
            .class_teachers
            .get(&class)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .to_vec();
        out.sort_by(|a, b| self.names.cmp(*a, *b));
        out.dedup();
        out
    }

    /// The class teacher of a class (the first by id when several are declared).
    pub fn class_teacher(&self, class: Sym) -> Option<Sym> {
        self.class_teachers_of(class).into_iter().next()
    }

    /// Whether a member of staff is a class teacher of a class.
    pub fn is_class_teacher(&self, staff: Sym, class: Sym) -> bool {
        self.staff
            .get(&staff)
            .is_some_and(|s| s.classes.contains(&class))
    }

    /// Whether a declared member of staff has a role.
    pub fn has_role(&self, staff: Sym, role: Role) -> bool {
        self.staff
            .get(&staff)
            .is_some_and(|s| s.roles.contains(role))
    }

    /// The streams of a class in a subject (folded): each group's lessons, ordered by date,
    /// start and id; the whole-class stream first, then the groups by name.
    pub fn streams_of(&self, class: Sym, subj: Sym) -> Vec<(Option<Sym>, &[Sym])> {
        let mut out = self.groups_with_lessons(class, subj);
        out.sort_by(|a, b| self.names.cmp_opt(a.0, b.0));
        out
    }

    /// The streams of a class, every subject and group, ordered by subject and group.
    pub fn streams_of_class(&self, class: Sym) -> Vec<(StreamKey, &[Sym])> {
        let mut out: Vec<(StreamKey, &[Sym])> = self
            .streams
            .iter()
            .filter(|((c, _, _), _)| *c == class)
            .map(|(key, lessons)| (*key, lessons.as_slice()))
            .collect();
        out.sort_by(|a, b| {
            self.names
                .cmp(a.0 .2, b.0 .2)
                .then_with(|| self.names.cmp_opt(a.0 .1, b.0 .1))
        });
        out
    }

    /// The lessons of a stream (a list ordered by date, as [`Register::streams`] keeps it)
    /// dated from `from` to `to`, both included.
    pub fn lessons_between<'a>(
        &'a self,
        lessons: &'a [Sym],
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = &'a LessonRec> + 'a {
        let date = |s: &Sym| self.lessons.get(s).map(|l| l.date);
        let first = lessons.partition_point(|s| date(s).is_some_and(|d| d < from));
        lessons
            .get(first..)
            .unwrap_or_default()
            .iter()
            .filter_map(|s| self.lessons.get(s))
            .take_while(move |l| l.date <= to)
    }

    /// The lessons of a class (every subject and group) dated from `from` to `to`, both
    /// included, that existed at `horizon`; ordered by date, start and id.
    pub fn class_lessons(
        &self,
        class: Sym,
        from: NaiveDate,
        to: NaiveDate,
        horizon: Option<Time>,
    ) -> Vec<&LessonRec> {
        let mut out: Vec<&LessonRec> = self
            .streams_of_class(class)
            .into_iter()
            .flat_map(|(_, lessons)| self.lessons_between(lessons, from, to))
            .filter(|l| self.lesson_visible(l, horizon))
            .collect();
        out.sort_by(|a, b| self.cmp_lessons(a.id, b.id));
        out
    }

    /// Whether `staff` was the teacher (in the version in force at `horizon`) of a lesson of
    /// a subject (folded) in a class, any group, dated from `from` to `to`, that existed at
    /// `horizon`.
    pub fn taught(
        &self,
        staff: Sym,
        class: Sym,
        subj: Sym,
        from: NaiveDate,
        to: NaiveDate,
        horizon: Option<Time>,
    ) -> bool {
        self.streams_of(class, subj)
            .into_iter()
            .any(|(_, lessons)| {
                self.lessons_between(lessons, from, to).any(|l| {
                    self.lesson_visible(l, horizon)
                        && self.version(l, horizon).is_some_and(|v| v.teacher == staff)
                })
            })
    }

    /// The final mark of a student in a subject (folded) for a period in force at
    /// `horizon`: the latest made by then (ties by value).
    pub fn final_mark_of(
        &self,
        student: Sym,
        subj: Sym,
        period: Sym,
        horizon: Option<Time>,
    ) -> Option<&FinalMarkRec> {
        self.finals_by_student
            .get(&student)
            .into_iter()
            .flatten()
            .filter_map(|i| self.final_marks.get(*i as usize))
            .filter(|f| f.subj == subj && f.period == period && f.stamp.visible(horizon))
            .max_by(|a, b| a.stamp.cmp_time(&b.stamp).then(a.value.cmp(&b.value)))
    }
}

/// The streams of a class and subject through their index, not a walk over every stream.
impl Register {
    /// The lessons of each group (`None`: the whole class) of a class in a subject
    /// (folded), in no particular order.
    pub fn groups_with_lessons(&self, class: Sym, subj: Sym) -> Vec<(Option<Sym>, &[Sym])> {
        self.class_subject_groups
            .get(&(class, subj))
            .into_iter()
            .flatten()
            .filter_map(|group| {
                let lessons = self.streams.get(&(class, *group, subj))?;
                Some((*group, lessons.as_slice()))
            })
            .collect()
    }
}
