use super::*;

declare_rule! {
    /// An entry names a lesson, student, class, period or parent the register does not
    /// declare.
    ///
    /// ## What it checks
    /// Every entry's references: the `lesson` of an absence, a mark or homework; the
    /// `student` of any entry about a student; the `class` of a lesson, a student, an
    /// incident, a thematic plan or an export; the `period` of a final mark; the `parent` of
    /// a diary view, an opt-out or a parent notice (when it names one); a parent's `children` and a class teacher's `classes`.
    ///
    /// Such an entry is reported by this rule alone: nothing else can be judged about a mark
    /// on a lesson nobody recorded. A reference may be declared after the entry that uses
    /// it, so this rule speaks at the audit, when the register is whole.
    ///
    /// ## Why
    /// A register is one document: every mark stands on a lesson, every lesson in a class
    /// (1.6, 1.9). A dangling reference is a lost entry, usually a portal export cut short.
    ///
    /// ## Example
    /// ```json
    /// {"type":"mark","lesson":"l-404","student":"s1","value":4,"at":"2024-09-02T10:00:00+04:00","by":"t1"}
    /// ```
    /// No `lesson` with id `l-404` exists: `unknown_reference`.
    pub struct UnknownReference {
        id: "unknown_reference",
        clause: "—",
        severity: Error,
        when: Entry,
    }
}

impl Rule for UnknownReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
    // The engine asks `missing` before any rule and calls `report` itself.
}

/// What an undeclared reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing {
    Lesson(Sym),
    Student(Sym),
    Class(Sym),
    Period(Sym),
    Parent(Sym),
}

/// The first reference of an entry the register does not declare.
pub(crate) fn missing(cx: &Cx<'_>, entry: Entry<'_>) -> Option<Missing> {
    let reg = cx.reg;
    let lesson = |id: Sym| (!reg.lessons.contains_key(&id)).then_some(Missing::Lesson(id));
    let student = |id: Sym| (!reg.students.contains_key(&id)).then_some(Missing::Student(id));
    let class = |id: Sym| (!reg.classes.contains_key(&id)).then_some(Missing::Class(id));
    let period = |id: Sym| (!reg.periods.contains_key(&id)).then_some(Missing::Period(id));
    let parent = |id: Sym| (!reg.parents.contains_key(&id)).then_some(Missing::Parent(id));
    match entry {
        Entry::Lesson(v) => cx.lesson_of(v).and_then(|l| class(l.class)),
        Entry::Attendance(a) => lesson(a.lesson).or_else(|| student(a.student)),
        Entry::Mark(m) => lesson(m.lesson).or_else(|| student(m.student)),
        Entry::Homework(h) => {
            lesson(h.lesson).or_else(|| h.students.iter().find_map(|s| student(*s)))
        }
        Entry::FinalMark(f) => student(f.student).or_else(|| period(f.period)),
        Entry::StudentLeft(e) => student(e.student),
        Entry::GroupChange(e) => student(e.student),
        Entry::PaperReport(e) => student(e.student),
        Entry::AnnualDecision(e) => student(e.student),
        Entry::ParentNotice(e) => student(e.student).or_else(|| e.parent.and_then(parent)),
        Entry::HomeSchooling(e) => student(e.student),
        Entry::Sanatorium(e) => student(e.student),
        Entry::ThematicPlan(e) => class(e.class),
        Entry::Incident(e) => class(e.class),
        Entry::JournalExport(e) => class(e.class),
        Entry::DiaryView(e) => parent(e.parent).or_else(|| student(e.student)),
        Entry::ParentOptOut(e) => parent(e.parent),
        Entry::Student(s) => class(s.class),
        Entry::Parent(p) => p.children.iter().find_map(|c| student(*c)),
        Entry::Staff(s) => s.classes.iter().find_map(|c| class(*c)),
    }
}

/// Reports the entry's undeclared reference.
pub(crate) fn report(cx: &Cx<'_>, entry: Entry<'_>, out: &mut Vec<Finding>) {
    let Some(missing) = missing(cx, entry) else {
        return;
    };
    let draft = cx.draft(&UnknownReference::META, entry.event());
    let (draft, ru, en) = match missing {
        Missing::Lesson(id) => (draft.lesson_id(id), "урок", "lesson"),
        Missing::Student(id) => (draft.student(id), "ученик", "student"),
        Missing::Class(id) => (draft.class(id), "класс", "class"),
        Missing::Period(id) => (draft.period(id), "учебный период", "period"),
        Missing::Parent(id) => (draft.parent(id), "родитель", "parent"),
    };
    let id = match missing {
        Missing::Lesson(s)
        | Missing::Student(s)
        | Missing::Class(s)
        | Missing::Period(s)
        | Missing::Parent(s) => cx.name(s),
    };
    out.push(draft.say(
        format!("{ru} «{id}» не объявлен в журнале: запись не проверена"),
        format!("{en} `{id}` is not declared in the register: the entry was not checked"),
    ));
}
