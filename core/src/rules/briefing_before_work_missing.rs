use super::*;

use crate::event::WorkKind;

declare_rule! {
    /// A practical or laboratory work or an excursion on a lesson with no briefing.
    ///
    /// ## Clause
    /// 2.14: «При проведении практических, лабораторных работ и во время экскурсий
    /// инструктаж проводится на уроке непосредственно перед их проведением.»
    ///
    /// ## What it checks
    /// Every version of a lesson whose subject is of a kind in `pre_work_briefing_subjects`
    /// (chemistry, physics, technology, informatics) and whose `work` includes
    /// `practical_work`, `laboratory_work` or `excursion`: it must record a briefing of any
    /// kind (usually `targeted`, «целевой инструктаж»), in its `briefing` or in its topic. Each version is judged as it was made, so the briefing
    /// belongs in the same entry as the work; a later version that adds it does not undo
    /// the finding. A lesson is reported once: on the earliest version (by `at`) that
    /// records such a work and no briefing — on each of them when several were made at that
    /// same moment, since nothing orders them. Told on entry.
    ///
    /// On a part of a register whose source lacks topics (where the briefing is written),
    /// no such version is judged: each is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"c5","class":"8b","subject":"Химия","teacher":"t2","date":"2024-09-20","start":"10:20","end":"11:05","topic":"Правила работы в лаборатории","work":"практическая работа","at":"2024-09-20T11:00:00+04:00","by":"t2"}
    /// ```
    /// A practical work in chemistry with no briefing recorded: `briefing_before_work_missing`.
    pub struct BriefingBeforeWorkMissing {
        id: "briefing_before_work_missing", clause: "2.14", severity: Error, when: Entry,
        title: "Нет инструктажа перед работой" / "No briefing before a work",
        fix: "записать инструктаж на уроке с практической, лабораторной работой или экскурсией"
            / "record a briefing on the lesson with the practical or laboratory work or excursion",
        checks: "Каждая версия урока предмета из `pre_work_briefing_subjects` (химия, физика, \
            технология, информатика) с практической, лабораторной работой или экскурсией: на ней \
            должен быть записан инструктаж (обычно целевой) — в поле `briefing` или в теме. \
            Инструктаж должен быть в той же записи, что и работа; более поздняя версия, которая \
            его добавляет, замечания не снимает. Урок отмечается один раз — на самой ранней \
            такой версии. Сообщается при внесении записи.",
        needs: [Topic], reach: Day, scope: Students,
    }
}

/// The works that need a briefing right before them, with their names in a message.
const WORKS: &[(WorkKind, &str, &str)] = &[
    (
        WorkKind::PracticalWork,
        "практическая работа",
        "practical work",
    ),
    (
        WorkKind::LaboratoryWork,
        "лабораторная работа",
        "laboratory work",
    ),
    (WorkKind::Excursion, "экскурсия", "excursion"),
];

/// Whether a version records a work that needs a briefing.
fn needs_briefing(version: &LessonVersion) -> bool {
    WORKS.iter().any(|(w, ..)| version.works.contains(*w))
}

/// Whether a version records a work that needs a briefing and no briefing at all.
fn unbriefed(version: &LessonVersion) -> bool {
    version.briefings.is_empty() && needs_briefing(version)
}

impl Rule for BriefingBeforeWorkMissing {
    fn lesson(&self, cx: &Cx<'_>, version: &LessonVersion, out: &mut Vec<Finding>) {
        if !needs_briefing(version) {
            return;
        }
        let Some(lesson) = cx.lesson_of(version) else {
            return;
        };
        let kinds = &cx.policy.pre_work_briefing_subjects;
        if !cx.reg.kind(lesson.subj).is_some_and(|k| kinds.contains(&k)) {
            return;
        }
        if !cx.judges(&Self::META, Item::lesson(lesson)) || !unbriefed(version) {
            return;
        }
        // Versions made at the same moment are equally first.
        let first = cx.reg.versions(lesson).find(|v| unbriefed(v));
        if first.map(|v| v.stamp.at) != Some(version.stamp.at) {
            return;
        }
        let works = WORKS.iter().filter(|(w, ..)| version.works.contains(*w));
        let ru: Vec<&str> = works.clone().map(|(_, ru, _)| *ru).collect();
        let en: Vec<&str> = works.map(|(_, _, en)| *en).collect();
        out.push(
            cx.draft(&Self::META, version.stamp.event)
                .lesson(lesson)
                .teacher(version.teacher)
                .say(
                    format!(
                        "{} на уроке {} без инструктажа по охране труда: запишите «Целевой инструктаж» в теме урока",
                        ru.join(", "),
                        ru_date(lesson.date)
                    ),
                    format!(
                        "{} on the lesson of {} with no safety briefing: record «Целевой инструктаж» (targeted briefing) in the lesson's topic",
                        en.join(", "),
                        lesson.date
                    ),
                ),
        );
    }
}
