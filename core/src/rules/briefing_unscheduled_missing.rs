use super::*;

use crate::event::BriefingKind;

declare_rule! {
    /// No unscheduled briefing on the first lesson of the subject after an incident.
    ///
    /// ## Clause
    /// 2.14: «При нарушении правил охраны труда учащимися или возникновении несчастных
    /// случаев проводится внеплановый инструктаж с записью в журнале: «Внеплановый
    /// инструктаж».»
    ///
    /// ## What it checks
    /// At the audit date, for each `incident` recorded by then: in each stream of the
    /// incident's class and subject — the whole class and every group — the first lesson
    /// recorded by then and dated after the incident's date (by date, start and id) must
    /// record an `unscheduled` briefing, in its `briefing` or as «внеплановый инструктаж» in
    /// its topic, in its version in force at the audit. Any subject counts, not only those
    /// of `briefing_subjects`. No such lesson yet: nothing is owed yet. The lesson is judged
    /// once its day is over.
    ///
    /// The finding is about the lesson (its version in force), with the lesson's day as the
    /// deadline; its message names the incident's date. When several incidents lead to the
    /// same lesson, it is reported once, naming every incident's date.
    ///
    /// On a part of a register, a lesson is judged only when the part holds its stream from
    /// the lesson before it (else from the school year's first day) on, with topics: then
    /// every incident that leads to it is in the part. An incident after which the part
    /// shows no lesson is counted in `summary.not_judged` unless the part holds the stream
    /// up to the audit's day (nothing is owed yet).
    ///
    /// ## Example
    /// ```json
    /// {"type":"incident","class":"8b","subject":"Химия","date":"2024-10-10","note":"ожог кислотой","at":"2024-10-10T12:00:00+04:00","by":"t2"}
    /// {"type":"lesson","id":"c12","class":"8b","subject":"Химия","teacher":"t2","date":"2024-10-14","start":"10:20","end":"11:05","topic":"Оксиды","at":"2024-10-14T11:00:00+04:00","by":"t2"}
    /// ```
    /// The first chemistry lesson after the incident, with no «Внеплановый инструктаж»:
    /// `briefing_unscheduled_missing`.
    pub struct BriefingUnscheduledMissing {
        id: "briefing_unscheduled_missing", clause: "2.14", severity: Error, when: Audit,
        title: "Нет внепланового инструктажа" / "No unscheduled briefing",
        fix: "записать «Внеплановый инструктаж» на уроке после происшествия"
            / "record «Внеплановый инструктаж» on the lesson after the incident",
        checks: "На дату проверки — для каждого происшествия (`incident`): в каждом потоке его класса \
            и предмета первый урок после дня происшествия должен содержать внеплановый \
            инструктаж — в поле `briefing` или словами «внеплановый инструктаж» в теме. \
            Учитываются все предметы, не только из `briefing_subjects`. Пока такого урока нет, \
            ничего не требуется. Если несколько происшествий ведут к одному уроку, замечание \
            одно и называет все даты.",
        needs: [Topic], reach: Between, scope: Students,
    }
}

impl Rule for BriefingUnscheduledMissing {
    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        // The lessons owing an unscheduled briefing, with the dates of their incidents.
        let mut owed: rustc_hash::FxHashMap<Sym, (&LessonRec, Option<Sym>, Vec<NaiveDate>)> =
            Default::default();
        for incident in cx.reg.incidents() {
            if !cx.visible(&incident.stamp) || cx.reg.class(incident.class).is_none() {
                continue;
            }
            let after = time::add_days(incident.date, 1);
            for (group, stream) in cx.reg.streams_of(incident.class, incident.subj) {
                let Some(lesson) =
                    cx.reg
                        .first_lesson_between(stream, after, NaiveDate::MAX, cx.horizon)
                else {
                    // Nothing is owed yet, if no lesson came by the audit's day.
                    let key = (incident.class, group, incident.subj);
                    let item = Item::on(Who::Stream(key), incident.date);
                    cx.judges(&Self::META, item.on_to(time::date_of(now)));
                    continue;
                };
                owed.entry(lesson.id)
                    .or_insert((lesson, group, Vec::new()))
                    .2
                    .push(incident.date);
            }
        }
        for (lesson, group, mut dates) in owed.into_values() {
            if !cx.day_over(lesson.date) {
                continue;
            }
            // Every incident that leads to the lesson lies after the lesson before it.
            let from = match cx.reg.stream_before(lesson, cx.horizon).next() {
                Some(before) => before.date,
                None => cx.year_start(lesson),
            };
            if !cx.judges(&Self::META, Item::stream(lesson).back_to(from)) {
                continue;
            }
            let Some(version) = cx.briefing_missing(lesson, BriefingKind::Unscheduled) else {
                continue;
            };
            dates.sort_unstable();
            dates.dedup();
            let ru_dates: Vec<String> = dates.iter().map(|d| ru_date(*d)).collect();
            let en_dates: Vec<String> = dates.iter().map(ToString::to_string).collect();
            let (ru_class, en_class) = cx.class_and_group(lesson.class, group);
            let subject = cx.name(lesson.subject);
            let (ru_what, en_what) = if dates.len() == 1 {
                ("происшествия", "incident")
            } else {
                ("происшествий", "incidents")
            };
            out.push(
                cx.draft(&Self::META, version.stamp.event)
                    .lesson(lesson)
                    .due_date(lesson.date)
                    .say(
                        format!(
                            "нет записи «Внеплановый инструктаж» на уроке {} по предмету «{subject}» ({ru_class}), первом после {ru_what} {}",
                            ru_date(lesson.date),
                            ru_dates.join(", ")
                        ),
                        format!(
                            "no unscheduled briefing («Внеплановый инструктаж») recorded on the lesson of {} in `{subject}` ({en_class}), the first after the {en_what} of {}",
                            lesson.date,
                            en_dates.join(", ")
                        ),
                    ),
            );
        }
    }
}
