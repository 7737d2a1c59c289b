use super::*;

declare_rule! {
    /// A final mark entered before its period's last day.
    ///
    /// ## Clause
    /// 2.10: «Внесение итоговых отметок на странице Классный журнал/ Итоговые отметки
    /// осуществляет учитель-предметник по окончании учебного периода.»
    ///
    /// ## What it checks
    /// Every `final_mark` whose `at`, school-local, falls on a day before the `end` of its
    /// period. A mark entered on the last day itself is allowed: the last lessons are over
    /// by the evening. Marks without `at` cannot be told early. Told on entry.
    ///
    /// On a part of a register whose source lacks entry times, no final mark is judged:
    /// each is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"period","id":"q1","kind":"quarter","start":"2024-09-02","end":"2024-10-25"}
    /// {"type":"final_mark","student":"s1","subject":"Математика","period":"q1","value":4,"at":"2024-10-20T12:00:00+04:00","by":"t1"}
    /// ```
    /// A quarter mark set five days before the quarter ends: `final_mark_too_early`.
    pub struct FinalMarkTooEarly {
        id: "final_mark_too_early", clause: "2.10", severity: Error, when: Entry,
        title: "Итоговая отметка до конца периода" / "Final mark before the period ended",
        fix: "выставлять итоговые отметки по окончании учебного периода"
            / "enter final marks once the study period is over",
        checks: "Каждая итоговая отметка, внесённая (по местному времени школы) раньше последнего дня \
            её учебного периода. Отметка, внесённая в последний день, допустима: к вечеру уроки \
            окончены. Отметки без времени внесения не проверяются. Сообщается при внесении \
            записи.",
        needs: [At], reach: Day, scope: Students,
    }
}

impl Rule for FinalMarkTooEarly {
    fn final_mark(&self, cx: &Cx<'_>, mark: &FinalMarkRec, out: &mut Vec<Finding>) {
        let Some(period) = cx.reg.period(mark.period) else {
            return;
        };
        if !cx.judges(&Self::META, Item::student(mark.student, period.end)) {
            return;
        }
        let Some(at) = mark.stamp.at else { return };
        if at >= time::day_start(period.end) {
            return;
        }
        let draft = cx.draft(&Self::META, mark.stamp.event).final_mark(mark);
        out.push(draft.say(
            format!(
                "итоговая отметка «{}» за период «{}» выставлена {}, до окончания периода ({})",
                final_value(mark.value),
                cx.name(mark.period),
                ru_time(at),
                ru_date(period.end)
            ),
            format!(
                "final mark `{}` for period `{}` entered at {}, before the period ends ({})",
                final_value(mark.value),
                cx.name(mark.period),
                en_time(at),
                period.end
            ),
        ));
    }
}
