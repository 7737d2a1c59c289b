use super::*;

declare_rule! {
    /// A final mark entered after the window for publishing the period's results.
    ///
    /// ## Clause
    /// 5.3: «Информация в ЭКЖ о результатах промежуточной аттестации должна быть доступна
    /// обучающимся и их родителям (законным представителям) не позже суток после окончания
    /// соответствующего отчётного периода.»
    ///
    /// ## What it checks
    /// Every `final_mark` entered later than `final_marks_publish_within` hours (24 by
    /// default) after the end of its period's last day — by default, after the end of the
    /// day following the last day. The deadline is reported as a date when the window is a
    /// whole number of days. Marks without `at` cannot be told late. Told on entry.
    ///
    /// On a part of a register whose source lacks entry times, no final mark is judged:
    /// each is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"period","id":"q1","kind":"quarter","start":"2024-09-02","end":"2024-10-25"}
    /// {"type":"final_mark","student":"s1","subject":"Математика","period":"q1","value":4,"at":"2024-10-28T09:00:00+04:00","by":"t1"}
    /// ```
    /// Due by the end of 26 October, entered on the 28th: `final_mark_published_late`.
    pub struct FinalMarkPublishedLate {
        id: "final_mark_published_late", clause: "5.3", severity: Warning, when: Entry,
        title: "Итоговая отметка внесена поздно" / "Final mark entered late",
        fix: "вносить итоговые отметки в течение суток после окончания периода"
            / "enter final marks within a day after the period ends",
        checks: "Каждая итоговая отметка, внесённая позже чем через `final_marks_publish_within` \
            часов (24) после окончания последнего дня периода, то есть по умолчанию после \
            окончания следующего дня. Отметки без времени внесения не проверяются. Сообщается \
            при внесении записи.",
        needs: [At], reach: Day, scope: Students,
    }
}

impl Rule for FinalMarkPublishedLate {
    fn final_mark(&self, cx: &Cx<'_>, mark: &FinalMarkRec, out: &mut Vec<Finding>) {
        let Some(period) = cx.reg.period(mark.period) else {
            return;
        };
        if !cx.judges(&Self::META, Item::student(mark.student, period.end)) {
            return;
        }
        let Some(at) = mark.stamp.at else { return };
        let hours = cx.policy.final_marks_publish_within;
        let deadline = time::day_end(period.end) + Time::from(hours) * 3600;
        if at <= deadline {
            return;
        }
        let draft = cx.draft(&Self::META, mark.stamp.event).final_mark(mark);
        let draft = if hours % 24 == 0 {
            draft.due_date(time::date_of(deadline - 1))
        } else {
            draft.due_time(deadline)
        };
        out.push(draft.say(
            format!(
                "итоговая отметка за период «{}» выставлена {}, позже {} после окончания периода ({})",
                cx.name(mark.period), ru_time(at), within_ru(hours), ru_date(period.end)
            ),
            format!(
                "final mark for period `{}` entered at {}, later than {} after the period ended ({})",
                cx.name(mark.period), en_time(at), en_count(hours, "hour", "hours"), period.end
            ),
        ));
    }
}

/// The publication window in Russian, after «позже»: «суток», «48 часов».
fn within_ru(hours: u32) -> String {
    if hours == 24 {
        return "суток".to_owned();
    }
    let n = usize::try_from(hours).unwrap_or(usize::MAX);
    format!("{hours} {}", ru_plural(n, "часа", "часов", "часов"))
}
