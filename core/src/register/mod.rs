//! The register as the rules see it: every event stored once, compactly (ids interned,
//! times as school-local seconds), with the indexes the rules ask through.
//!
//! Nothing here depends on the order events arrive in: where entries compete (versions of
//! a lesson, corrections of an absence), they are ordered by when they were made and then
//! by their content, never by arrival.
//!
//! Each kind of event has a record, with what it names that the register must declare
//! (`references!`), and an `add_<kind>` that stores it, beside it in [`context`]
//! (declarations — stored once by id through `declare` — and the facts about students and
//! parents), [`lessons`] (a lesson and its versions, and the streams of lessons) or
//! [`entries`] (absences, marks, homework and the other entries); the table of kinds
//! (`crate::kinds`) builds [`Stored`], [`Entry`], [`Register::add`], [`Register::entry`]
//! and [`Register::entries`] from them. Ids are interned in [`names`]; the indexes live
//! in [`index`]; [`school`] answers the questions about the school (periods, school years,
//! enrolment, subgroups, class teachers), and [`part`] what part of the school's register
//! it holds (SPEC §1.3). The register's fields are its own: a rule asks through the queries
//! of these modules.

use std::cmp::Ordering;

use smallvec::SmallVec;

use crate::event::*;
use crate::policy::Policy;
use crate::time::{self, Time};
use crate::vocab::{fold, SubjectKind};

/// Declares what a record names that the register must declare, in the order they are
/// checked: `references!(MarkRec { lesson: Lesson, student: Student })`, each field one
/// id, an optional id, or a list of ids of something [`Declared`].
macro_rules! references {
    ($rec:ident { $($field:ident: $what:ident),* }) => {
        impl $crate::register::References for $rec {
            fn missing(&self, _reg: &Register) -> Option<Missing> {
                $(
                    let declared = |id| _reg.declares(Declared::$what, id);
                    if let Some(id) = Ids::first_missing(&self.$field, declared) {
                        return Some(Missing { what: Declared::$what, id });
                    }
                )*
                None
            }
        }
    };
}

/// Implements [`Declaration`] for a record: what it is, and the fields a repeated
/// declaration must repeat, in the order they are compared.
macro_rules! declaration {
    ($rec:ident $what:literal: $($field:ident),+) => {
        impl Declaration for $rec {
            const WHAT: &'static str = $what;
            fn event(&self) -> u32 {
                self.event
            }
            fn differs(&self, other: &Self) -> Option<&'static str> {
                first_difference(&[$((stringify!($field), self.$field == other.$field)),+])
            }
        }
    };
}

mod context;
mod entries;
mod index;
mod lessons;
mod names;
mod part;
mod school;
mod settle;

pub use context::*;
pub use entries::*;
use index::{DatedMark, Indexes, OnLesson, Positions, SubjectMarks};
pub use lessons::*;
pub use names::{Names, Sym, SymMap};
pub use part::Who;
pub use school::{Named, SchoolYear};

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
    pub fn cmp_time(&self, other: &Stamp) -> Ordering {
        self.at.cmp(&other.at)
    }
}

/// The stored register.
#[derive(Debug, Clone)]
pub struct Register {
    names: Names,
    offset: chrono::FixedOffset,
    /// Subject kinds by folded subject name.
    kinds: SymMap<Option<SubjectKind>>,
    /// Each subject as written (by its symbol) folded (case, «ё», spaces).
    folded: SymMap<Sym>,

    periods: SymMap<PeriodRec>,
    classes: SymMap<ClassRec>,
    staff: SymMap<StaffRec>,
    students: SymMap<StudentRec>,
    parents: SymMap<ParentRec>,
    left: Vec<DatedRec>,
    group_changes: Vec<GroupChangeRec>,
    home_schooling: Vec<HomeSchoolingRec>,
    sanatoriums: Vec<SanatoriumRec>,
    opt_outs: Vec<OptOutRec>,
    plans: Vec<PlanRec>,
    extracts: Vec<ExtractRec>,

    lessons: SymMap<LessonRec>,
    lesson_versions: Vec<LessonVersion>,
    /// When the newest lesson version was made: at a horizon from then on, every lesson
    /// exists and stands as its latest version says (`Register::every_lesson_by`).
    newest_lesson: Option<Time>,
    attendance: Vec<AttendanceRec>,
    marks: Vec<MarkRec>,
    homework: Vec<HomeworkRec>,
    final_marks: Vec<FinalMarkRec>,
    incidents: Vec<IncidentRec>,
    diary_views: Vec<DiaryViewRec>,
    paper_reports: Vec<DatedRec>,
    exports: Vec<ExportRec>,
    parent_notices: Vec<ParentNoticeRec>,
    decisions: Vec<DecisionRec>,

    index: Indexes,

    /// With pseudonyms: the symbol of each author's (`by`) pseudonym, by the author's. An
    /// author is known by their id, to be compared with the staff's; when they are a
    /// student or a parent, they are named by their pseudonym.
    authors: SymMap<Sym>,

    /// Entries with no `at`, and with no `by`.
    without_at: usize,
    without_by: usize,
}

/// Where an event is stored from: its index in the input, and the policy (which knows the
/// kinds of subjects).
#[derive(Debug, Clone, Copy)]
pub struct At<'p> {
    pub index: u32,
    pub policy: &'p Policy,
}

/// What storing an event gives: what to judge, or the conflict that kept it out.
type Added = Result<Stored, Conflict>;

/// The text of an event's field, owned or borrowed.
pub trait Str: AsRef<str> {}

impl<T: AsRef<str>> Str for T {}

/// An event that contradicts what the register already holds: what it declares again (a
/// `class` …) with which id, the event that first declared it, and the field that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub field: &'static str,
    pub what: &'static str,
    pub id: String,
    pub first: u32,
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
            left: Vec::new(),
            group_changes: Vec::new(),
            home_schooling: Vec::new(),
            sanatoriums: Vec::new(),
            opt_outs: Vec::new(),
            plans: Vec::new(),
            extracts: Vec::new(),
            lessons: SymMap::default(),
            lesson_versions: Vec::new(),
            newest_lesson: None,
            attendance: Vec::new(),
            marks: Vec::new(),
            homework: Vec::new(),
            final_marks: Vec::new(),
            incidents: Vec::new(),
            diary_views: Vec::new(),
            paper_reports: Vec::new(),
            exports: Vec::new(),
            parent_notices: Vec::new(),
            decisions: Vec::new(),
            index: Indexes::default(),
            authors: SymMap::default(),
            without_at: 0,
            without_by: 0,
        }
    }

    /// A register that stores the ids of students and parents as their pseudonyms, and
    /// their names as pseudonyms that are never shown (SPEC §9).
    pub fn with_pseudonyms(policy: &Policy, key: crate::Pseudonyms) -> Self {
        let mut reg = Register::new(policy);
        reg.names.pseudonymize(key);
        reg
    }

    /// The school's offset from UTC.
    pub fn offset(&self) -> chrono::FixedOffset {
        self.offset
    }

    /// Every id and name of the register.
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// The text of a symbol.
    pub fn name(&self, sym: Sym) -> &str {
        self.names.name(sym)
    }

    /// The symbol of an id, when the register holds it.
    pub fn sym(&self, id: &str) -> Option<Sym> {
        self.names.get(id)
    }

    /// Entries stored without `at`.
    pub fn without_at(&self) -> usize {
        self.without_at
    }

    /// Entries stored without `by`.
    pub fn without_by(&self) -> usize {
        self.without_by
    }

    /// The kind of a subject, by its folded name.
    pub fn kind(&self, subj: Sym) -> Option<SubjectKind> {
        self.kinds.get(&subj).copied().flatten()
    }

    /// A subject as written and folded (case, «ё», spaces), its kind known from then on.
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

    /// The symbol of an id or a name in an event.
    fn id(&mut self, text: &impl Str) -> Sym {
        self.names.intern(text.as_ref())
    }

    /// Ids, each once, ordered by their text.
    fn ids<S: AsRef<str>>(&mut self, ids: &[S]) -> Vec<Sym> {
        let out: Vec<Sym> = ids.iter().map(|s| self.names.intern(s.as_ref())).collect();
        self.sorted(out)
    }

    /// The symbol of a student's or a parent's id in an event: its pseudonym's, with
    /// pseudonyms. Every field that names a student or a parent is stored through it.
    fn person(&mut self, text: &impl Str) -> Sym {
        self.names.person(text.as_ref())
    }

    /// Ids of students or parents, each once, ordered by their text (as stored).
    fn persons<S: AsRef<str>>(&mut self, ids: &[S]) -> Vec<Sym> {
        let out: Vec<Sym> = ids.iter().map(|s| self.names.person(s.as_ref())).collect();
        self.sorted(out)
    }

    /// A student's or a parent's name, as kept (see [`Names::person_name`]).
    fn person_name(&self, name: &Option<impl Str>) -> Option<Box<str>> {
        text(name).map(|name| self.names.person_name(name))
    }

    /// Symbols ordered by their text, each once.
    fn sorted(&self, mut syms: Vec<Sym>) -> Vec<Sym> {
        syms.sort_by(|a, b| self.names.cmp(*a, *b));
        syms.dedup();
        syms
    }

    /// The symbol an author (`by`) is shown by: with pseudonyms, a student's or a parent's
    /// pseudonym when the register declares them so (and not as staff); else their id, as
    /// a lesson's teacher is shown.
    pub fn shown_author(&self, by: Sym) -> Sym {
        let person = self.author_as_person(by);
        let declared = self.students.contains_key(&person) || self.parents.contains_key(&person);
        if declared && !self.staff.contains_key(&by) {
            person
        } else {
            by
        }
    }

    /// The symbol of an author (`by`) as a student or a parent would be stored: with
    /// pseudonyms, their pseudonym's.
    pub fn author_as_person(&self, by: Sym) -> Sym {
        self.authors.get(&by).copied().unwrap_or(by)
    }

    /// The stamp of an entry, counted among those without `at` or `by`.
    fn stamp<S: AsRef<str>>(&mut self, event: u32, made: &Made<S>) -> Stamp {
        if made.by.is_none() {
            self.without_by += 1;
        }
        self.stamp_without_author(event, made)
    }

    /// The stamp of an act that has no author to check: a parent's look at the diary.
    fn stamp_without_author<S: AsRef<str>>(&mut self, event: u32, made: &Made<S>) -> Stamp {
        if made.at.is_none() {
            self.without_at += 1;
        }
        let by = made.by.as_ref().map(|by| {
            let sym = self.names.intern(by.as_ref());
            if self.names.pseudonymized() && !self.authors.contains_key(&sym) {
                let person = self.names.person(by.as_ref());
                self.authors.insert(sym, person);
            }
            sym
        });
        Stamp {
            event,
            at: made.at.map(|at| time::local(at, self.offset)),
            by,
        }
    }
}

/// A declaration: a period, class, member of staff, student or parent, stored once by its
/// id. Declaring one again identically is a no-op, differently an input error.
trait Declaration {
    /// What it is, as an error names it.
    const WHAT: &'static str;
    /// The index of the event that declared it.
    fn event(&self) -> u32;
    /// The first field in which `other` declares it differently.
    fn differs(&self, other: &Self) -> Option<&'static str>;
}

/// Stores a declaration under `id` in `table`: `Ok(true)` when it is new, `Ok(false)` when
/// it repeats the one there, a conflict naming the field when it contradicts it.
fn declare<R: Declaration>(
    table: &mut SymMap<R>,
    names: &Names,
    id: Sym,
    rec: R,
) -> Result<bool, Conflict> {
    match table.get(&id) {
        Some(old) => match old.differs(&rec) {
            None => Ok(false),
            Some(field) => Err(conflict(R::WHAT, names.name(id), old.event(), field)),
        },
        None => {
            table.insert(id, rec);
            Ok(true)
        }
    }
}

/// The error of an event that changes what an earlier one declared (a declaration, or what
/// no update of a lesson may change).
fn conflict(what: &'static str, id: &str, first: u32, field: &'static str) -> Conflict {
    Conflict {
        field,
        what,
        id: id.to_owned(),
        first,
    }
}

/// The first field whose two values differ.
fn first_difference(fields: &[(&'static str, bool)]) -> Option<&'static str> {
    fields
        .iter()
        .find(|(_, equal)| !equal)
        .map(|(field, _)| *field)
}

/// What an entry names that the register must declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    Lesson,
    Student,
    Class,
    Period,
    Parent,
}

/// A reference of an entry to something the register does not declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Missing {
    pub what: Declared,
    pub id: Sym,
}

impl Register {
    /// Whether the register declares `id` as `what`.
    pub fn declares(&self, what: Declared, id: Sym) -> bool {
        match what {
            Declared::Lesson => self.lessons.contains_key(&id),
            Declared::Student => self.students.contains_key(&id),
            Declared::Class => self.classes.contains_key(&id),
            Declared::Period => self.periods.contains_key(&id),
            Declared::Parent => self.parents.contains_key(&id),
        }
    }
}

/// What a record names that the register must declare (see [`references!`]).
pub(crate) trait References {
    /// The first reference the register does not declare, in the order declared.
    fn missing(&self, reg: &Register) -> Option<Missing>;
}

/// A field of a record that names something declared: one id, an optional id, or a list.
trait Ids {
    /// The first id of the field that `declared` does not hold.
    fn first_missing(&self, declared: impl Fn(Sym) -> bool) -> Option<Sym>;
}

impl Ids for Sym {
    fn first_missing(&self, declared: impl Fn(Sym) -> bool) -> Option<Sym> {
        (!declared(*self)).then_some(*self)
    }
}

impl Ids for Option<Sym> {
    fn first_missing(&self, declared: impl Fn(Sym) -> bool) -> Option<Sym> {
        self.filter(|id| !declared(*id))
    }
}

impl Ids for Vec<Sym> {
    fn first_missing(&self, declared: impl Fn(Sym) -> bool) -> Option<Sym> {
        self.iter().copied().find(|id| !declared(*id))
    }
}

impl<A: smallvec::Array<Item = Sym>> Ids for SmallVec<A> {
    fn first_missing(&self, declared: impl Fn(Sym) -> bool) -> Option<Sym> {
        self.iter().copied().find(|id| !declared(*id))
    }
}

/// The register's table of one kind of record: a list by position, or declarations by id.
trait Table {
    type Key;
    type Rec;
    fn record(&self, key: Self::Key) -> Option<&Self::Rec>;
    fn records(&self) -> impl Iterator<Item = &Self::Rec>;
}

impl<R> Table for Vec<R> {
    type Key = u32;
    type Rec = R;
    fn record(&self, key: u32) -> Option<&R> {
        self.get(key as usize)
    }
    fn records(&self) -> impl Iterator<Item = &R> {
        self.iter()
    }
}

impl<R> Table for SymMap<R> {
    type Key = Sym;
    type Rec = R;
    fn record(&self, key: Sym) -> Option<&R> {
        self.get(&key)
    }
    fn records(&self) -> impl Iterator<Item = &R> {
        self.values()
    }
}

/// The stamp of a record: an entry's own, none for context.
macro_rules! stamp_of {
    (entry, $rec:ident) => {
        Some($rec.stamp)
    };
    (context, $rec:ident) => {{
        let _ = $rec;
        None
    }};
}

/// The index in the input of the event a record was stored from.
macro_rules! event_of {
    (entry, $rec:ident) => {
        $rec.stamp.event
    };
    (context, $rec:ident) => {
        $rec.event
    };
}

/// Builds, from the table of event kinds, what storing an event returns ([`Stored`]), what
/// a rule judges ([`Entry`]), storing by kind and the entries' stamps and references.
macro_rules! register_kinds {
    ($(
        $kind:ident = $name:literal $made:ident {
            record: $rec:ident in $table:ident[$key:ty],
            add: $add:ident, judge: $judge:ident,
        },
    )*) => {
        /// What was stored for an event: which entry to judge.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Stored {
            $($kind($key),)*
            /// A declaration repeated word for word: nothing new to judge.
            Nothing,
        }

        /// One stored entry, as a rule sees it: a declaration or a fact, or an entry a
        /// person made.
        #[derive(Debug, Clone, Copy)]
        pub enum Entry<'a> {
            $($kind(&'a $rec),)*
        }

        impl Entry<'_> {
            /// When and by whom the entry was made; `None` for context.
            pub fn stamp(&self) -> Option<Stamp> {
                match self {
                    $(Entry::$kind(rec) => stamp_of!($made, rec),)*
                }
            }

            /// The entry's index in the input.
            pub fn event(&self) -> u32 {
                match self {
                    $(Entry::$kind(rec) => event_of!($made, rec),)*
                }
            }

            /// The first thing the entry names that the register does not declare.
            pub fn missing(&self, reg: &Register) -> Option<Missing> {
                match self {
                    $(Entry::$kind(rec) => rec.missing(reg),)*
                }
            }
        }

        impl Register {
            /// Stores one event. Fails, storing nothing, when it contradicts a declaration
            /// or a lesson the register already holds.
            pub fn add<S: AsRef<str>>(
                &mut self,
                event: &Event<S>,
                index: u32,
                policy: &Policy,
            ) -> Result<Stored, Conflict> {
                let at = At { index, policy };
                match event {
                    $(Event::$kind(e) => self.$add(e, at),)*
                }
            }

            /// The entry stored for an event.
            pub fn entry(&self, stored: Stored) -> Option<Entry<'_>> {
                match stored {
                    $(Stored::$kind(key) => self.$table.record(key).map(Entry::$kind),)*
                    Stored::Nothing => None,
                }
            }

            /// Every stored entry, in no particular order (the report sorts its findings).
            pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
                std::iter::empty()
                    $(.chain(self.$table.records().map(Entry::$kind)))*
            }
        }
    };
}

event_kinds!(register_kinds);

/// The text of an optional field of an event, owned or borrowed.
fn text<S: AsRef<str>>(field: &Option<S>) -> Option<&str> {
    field.as_ref().map(AsRef::as_ref)
}

/// The position the next item of a list gets.
fn index_of<T>(list: &[T]) -> u32 {
    u32::try_from(list.len()).unwrap_or(u32::MAX)
}

/// Adds a record to its list: its position there.
fn push<T>(list: &mut Vec<T>, rec: T) -> u32 {
    let i = index_of(list);
    list.push(rec);
    i
}

/// The item at a position the list gave out.
fn nth<T>(list: &[T], i: u32) -> &T {
    // Indexes come from the list itself and are never removed.
    #[allow(clippy::indexing_slicing)]
    &list[i as usize]
}

/// Inserts keeping the list ordered (after equal items); the common case, an item that
/// belongs at the end, costs one comparison.
fn insert_sorted<A: smallvec::Array>(
    list: &mut SmallVec<A>,
    item: A::Item,
    cmp: impl FnMut(A::Item, A::Item) -> Ordering,
) where
    A::Item: Copy,
{
    list.insert(sorted_position(list, item, cmp), item);
}

/// Where `item` goes in `list`, ordered by `cmp`: after every item not greater than it.
/// Items mostly come in order, so the last is looked at first.
fn sorted_position<T: Copy>(list: &[T], item: T, mut cmp: impl FnMut(T, T) -> Ordering) -> usize {
    match list.last() {
        Some(last) if cmp(*last, item) != Ordering::Greater => list.len(),
        _ => list.partition_point(|x| cmp(*x, item) != Ordering::Greater),
    }
}

/// The records at the positions `list` holds, skipping any it does not.
fn records<'a, T>(all: &'a [T], list: &'a [u32]) -> impl DoubleEndedIterator<Item = &'a T> + 'a {
    list.iter().filter_map(|i| all.get(*i as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of event that names a student or a parent, named by id and by name.
    const NAMED: &str = r#"
{"type":"class","id":"5a","grade":5}
{"type":"staff","id":"t1","roles":["teacher","admin"],"classes":["5a"]}
{"type":"student","id":"s-ivanov","name":"Иванов Иван","class":"5a"}
{"type":"parent","id":"p-ivanova","name":"Иванова Мария","children":["s-ivanov","s-elsewhere"]}
{"type":"student_left","student":"s-ivanov","date":"2025-01-10","by":"t1"}
{"type":"group_change","student":"s-ivanov","subject":"Английский язык","group":"2","date":"2024-09-02","by":"t1"}
{"type":"home_schooling","student":"s-ivanov","from":"2024-11-01","subjects":["Математика"]}
{"type":"sanatorium","student":"s-ivanov","from":"2024-10-01","to":"2024-10-10"}
{"type":"parent_opt_out","parent":"p-ivanova","date":"2024-09-02"}
{"type":"extract","from":"2024-09-02","to":"2024-09-08","students":["s-ivanov"]}
{"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15"}
{"type":"attendance","lesson":"l1","student":"s-ivanov","code":"Н","by":"t1"}
{"type":"mark","lesson":"l1","student":"s-ivanov","value":5,"by":"s-ivanov"}
{"type":"homework","lesson":"l1","text":"№ 5","students":["s-ivanov"],"by":"p-ivanova"}
{"type":"final_mark","student":"s-ivanov","subject":"Математика","period":"q1","value":5}
{"type":"diary_view","parent":"p-ivanova","student":"s-ivanov","section":"diary"}
{"type":"paper_report","student":"s-ivanov","date":"2024-09-16"}
{"type":"parent_notice","student":"s-ivanov","parent":"p-ivanova","reason":"failing","date":"2024-09-16"}
{"type":"annual_decision","student":"s-ivanov","decision":"promoted"}
"#;

    /// Stores every event of `lines` (JSON lines) in a register, each must be stored.
    pub(super) fn store(reg: &mut Register, lines: &str, policy: &Policy) {
        for (i, event) in crate::read(lines.as_bytes()).enumerate() {
            let event = event.unwrap_or_else(|e| panic!("{e}"));
            reg.add(&event, i as u32, policy)
                .unwrap_or_else(|e| panic!("{e:?}"));
        }
    }

    #[test]
    fn entries_stored_before_their_lesson_stand_on_it_once_it_is_recorded() {
        let events = r#"
{"type":"class","id":"5a","grade":5}
{"type":"student","id":"s1","name":"Иванов Иван","class":"5a"}
{"type":"mark","lesson":"l1","student":"s1","value":5}
{"type":"attendance","lesson":"l1","student":"s1","code":"ОП"}
{"type":"attendance","lesson":"l9","student":"s1","code":"Н"}
{"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15"}
{"type":"mark","lesson":"l1","student":"s1","value":4}
"#;
        let policy = Policy::default();
        let mut reg = Register::new(&policy);
        store(&mut reg, events, &policy);
        let sym = |id: &str| reg.sym(id).unwrap_or_else(|| panic!("{id}"));
        let (l1, l9, s1) = (sym("l1"), sym("l9"), sym("s1"));
        let lesson = reg.lessons.get(&l1).unwrap_or_else(|| panic!("l1"));
        // Asked by id or by the record, the lesson has both marks, in the order stored.
        let values = |marks: Vec<&MarkRec>| marks.iter().map(|m| m.value).collect::<Vec<_>>();
        assert_eq!(values(reg.marks_on(l1).collect()), [5, 4]);
        assert_eq!(values(reg.marks_on(lesson).collect()), [5, 4]);
        assert_eq!(reg.attendance_on(lesson).count(), 1);
        // The mark made before the lesson was recorded joined its subject with it.
        let date = lesson.date;
        assert_eq!(reg.marks_in(s1, lesson.subj, date, date, None).count(), 2);
        // A lesson never recorded keeps the entries on it.
        assert_eq!(reg.attendance_on(l9).count(), 1);
        let mut cells: Vec<(Sym, Sym)> = reg.attendance_cells().collect();
        cells.sort_unstable();
        assert_eq!(cells, [(l1, s1), (l9, s1)]);
    }

    #[test]
    fn marks_by_subject_are_in_the_order_they_were_filed_however_they_are_filed() {
        // A mark on a lesson not recorded yet (event 3) is filed when its lesson comes
        // (event 5): after the mark of event 4, before that of event 6. Settled, the marks
        // lie lesson by lesson: 4, 6, then 3.
        let events = r#"
{"type":"class","id":"5a","grade":5}
{"type":"student","id":"s1","class":"5a"}
{"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15"}
{"type":"mark","lesson":"l2","student":"s1","value":3}
{"type":"mark","lesson":"l1","student":"s1","value":4}
{"type":"lesson","id":"l2","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-03","start":"08:30","end":"09:15"}
{"type":"mark","lesson":"l1","student":"s1","value":5}
"#;
        let policy = Policy::default();
        let filed = |reg: &Register| -> Vec<u32> {
            let (Some(s1), Some(subj)) = (reg.sym("s1"), reg.sym("математика")) else {
                panic!("s1, математика")
            };
            let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 9, d).unwrap_or_default();
            reg.marks_in(s1, subj, day(1), day(30), None)
                .map(|(m, _)| m.stamp.event)
                .collect()
        };
        // Filed as the marks come: asked once before any mark is stored.
        let mut live = Register::new(&policy);
        for (i, event) in crate::read(events.as_bytes()).enumerate() {
            let event = event.unwrap_or_else(|e| panic!("{e}"));
            live.add(&event, i as u32, &policy)
                .unwrap_or_else(|e| panic!("{e:?}"));
            if i == 2 {
                assert_eq!(filed(&live), [0u32; 0]);
            }
        }
        assert_eq!(filed(&live), [4, 3, 6]);
        // Filed all at once when first asked, as stored and as settled.
        let mut reg = Register::new(&policy);
        store(&mut reg, events, &policy);
        let mut settled = reg.clone();
        assert_eq!(filed(&reg), [4, 3, 6]);
        settled.settle();
        let on_lessons: Vec<u32> = settled.marks.iter().map(|m| m.stamp.event).collect();
        assert_eq!(on_lessons, [4, 6, 3]);
        assert_eq!(filed(&settled), [4, 3, 6]);
        // Settled once filed, and filed again.
        reg.settle();
        assert_eq!(filed(&reg), [4, 3, 6]);
    }

    #[test]
    fn with_pseudonyms_no_child_or_parent_is_stored_by_id_or_name() {
        let policy = Policy::default();
        let key =
            crate::Pseudonyms::new(b"sixteen bytes at least").unwrap_or_else(|e| panic!("{e}"));
        let mut reg = Register::with_pseudonyms(&policy, key.clone());
        store(&mut reg, NAMED, &policy);
        let texts: Vec<&str> = reg.names().texts().collect();
        for person in [
            "s-ivanov",
            "p-ivanova",
            "s-elsewhere",
            "Иванов Иван",
            "Иванова Мария",
        ] {
            // An author is kept by id too, to be compared with the staff's: those two made
            // entries; they are shown by pseudonym (`Register::shown_author`).
            let author = matches!(person, "s-ivanov" | "p-ivanova");
            assert_eq!(texts.contains(&person), author, "{person}: {texts:?}");
            if author {
                let sym = reg.sym(person).unwrap_or_else(|| panic!("{person}"));
                assert_eq!(reg.name(reg.shown_author(sym)), key.of(person));
            }
        }
        for kept in ["s-ivanov", "p-ivanova", "s-elsewhere"] {
            assert!(texts.contains(&key.of(kept).as_str()), "{kept}");
        }
        let student = reg
            .sym(&key.of("s-ivanov"))
            .unwrap_or_else(|| panic!("s-ivanov"));
        assert_eq!(reg.declared_name(Named::Student, student), None);
        assert_eq!(reg.called(Named::Student, student), key.of("s-ivanov"));
    }
}
