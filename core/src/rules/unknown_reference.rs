use super::*;
use crate::event::Lack;
use crate::report::Reason;

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
    /// A part of a register (SPEC §1.3) may name what it does not hold: a lesson before
    /// its first day, a period or a parent its source does not carry. On a part, only a
    /// reference to a class or a student its extracts name is judged (the part holds them,
    /// so it must declare them); an entry with any other undeclared reference is counted in
    /// `summary.not_judged` (`lacks_parents` for a parent when the source has none, else
    /// `outside_part`), and judged by no rule.
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
        id: "unknown_reference", clause: none, severity: Error, when: Entry,
        title: "Ссылка на то, чего нет в журнале" / "Reference to something not in the register",
        fix: "проверить выгрузку: запись ссылается на необъявленный урок, ученика или класс"
            / "check the export: the entry names an undeclared lesson, student or class",
        checks: "Ссылки каждой записи: урок отметки, отсутствия или задания; ученик любой записи об \
            ученике; класс урока, ученика, происшествия, планирования или выгрузки; период \
            итоговой отметки; родитель просмотра дневника или заявления; дети родителя и классы \
            классного руководителя. О записи со ссылкой на необъявленное сообщает только это \
            правило: остальное о ней судить нельзя. Так как объявление может идти после записи, \
            правило говорит на дату проверки, когда журнал полон.",
        needs: [], reach: Day, scope: Students,
    }
}

impl Rule for UnknownReference {
    // The engine asks `missing` before any rule and calls `report` itself.
}

/// The first reference of an entry the register does not declare (the table of event
/// kinds lists each kind's references).
pub(crate) fn missing(cx: &Cx<'_>, entry: Entry<'_>) -> Option<Missing> {
    entry.missing(cx.reg)
}

/// Reports the entry's undeclared reference.
pub(crate) fn report(cx: &Cx<'_>, entry: Entry<'_>, out: &mut Vec<Finding>) {
    let Some(Missing { what, id }) = missing(cx, entry) else {
        return;
    };
    if !cx.reg.is_whole() && !cx.reg.part_names(what, id) {
        let reason = if what == Declared::Parent && cx.reg.part_lacks(Lack::Parents) {
            Reason::Lacks(Lack::Parents)
        } else {
            Reason::OutsidePart
        };
        cx.not_judged(&UnknownReference::META, reason);
        return;
    }
    let draft = cx.draft(&UnknownReference::META, entry.event());
    let (draft, ru, en) = match what {
        Declared::Lesson => (draft.lesson_id(id), "урок", "lesson"),
        Declared::Student => (draft.student(id), "ученик", "student"),
        Declared::Class => (draft.class(id), "класс", "class"),
        Declared::Period => (draft.period(id), "учебный период", "period"),
        Declared::Parent => (draft.parent(id), "родитель", "parent"),
    };
    let id = cx.name(id);
    out.push(draft.say(
        format!("{ru} «{id}» не объявлен в журнале: запись не проверена"),
        format!("{en} `{id}` is not declared in the register: the entry was not checked"),
    ));
}
