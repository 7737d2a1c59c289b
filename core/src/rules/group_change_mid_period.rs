use super::*;

use crate::event::PeriodKind;

declare_rule! {
    /// A student moved to another subgroup in the middle of a study period.
    ///
    /// ## Clause
    /// 3.2: «перевод обучающихся из группы в группу может быть произведен администратором
    /// ЭКЖ только по окончании учебного периода».
    ///
    /// ## What it checks
    /// Every `group_change` whose `date` (the day the new group takes effect) lies strictly
    /// inside a `quarter`, `trimester` or `half_year` period that applies to the grade of the
    /// student's class: after the period's first day and before its last day. A change
    /// effective on a period's first or last day is at its boundary and is fine, as is one
    /// between periods; the `year` period does not count (the year is made of the others).
    /// When the date lies inside several such periods (a quarter and a half-year), one
    /// finding names the one that ends last: the change is possible only after it. Told on
    /// entry.
    ///
    /// ## Example
    /// ```json
    /// {"type":"period","id":"q1","kind":"quarter","start":"2024-09-02","end":"2024-10-25"}
    /// {"type":"group_change","student":"s1","subject":"Английский язык","group":"2","date":"2024-10-01","at":"2024-09-30T15:00:00+04:00","by":"a1"}
    /// ```
    /// A move on 1 October, in the middle of the first quarter: `group_change_mid_period`.
    pub struct GroupChangeMidPeriod {
        id: "group_change_mid_period", clause: "3.2", severity: Error, when: Entry,
        title: "Перевод в другую подгруппу внутри периода" / "Group change inside a period",
        fix: "переводить в другую подгруппу только между учебными периодами"
            / "move students between groups only between study periods",
        checks: "Каждый перевод в другую подгруппу (`group_change`), дата которого лежит строго \
            внутри четверти, триместра или полугодия параллели ученика: после первого и до \
            последнего дня периода. Перевод в первый или последний день периода или между \
            периодами допустим; год не считается. Если дата внутри нескольких периодов, \
            замечание называет тот, что кончается последним. Сообщается при внесении записи.",
        needs: [], reach: Day, scope: Students,
    }
}

impl Rule for GroupChangeMidPeriod {
    fn group_change(&self, cx: &Cx<'_>, change: &GroupChangeRec, out: &mut Vec<Finding>) {
        let Some(grade) = cx.reg.student_grade(change.student) else {
            return;
        };
        let kinds = [
            PeriodKind::Quarter,
            PeriodKind::Trimester,
            PeriodKind::HalfYear,
        ];
        let Some(period) = cx
            .reg
            .periods_of_kind(grade, &kinds)
            .into_iter()
            .filter(|p| p.start < change.date && change.date < p.end)
            .max_by(|a, b| {
                a.end
                    .cmp(&b.end)
                    .then_with(|| cx.reg.names().cmp(b.id, a.id))
            })
        else {
            return;
        };
        let draft = cx
            .draft(&Self::META, change.stamp.event)
            .date(change.date)
            .student(change.student)
            .subject(change.subject)
            .period(period.id)
            .made_by(change.stamp.by);
        let id = cx.name(period.id);
        out.push(draft.say(
            format!(
                "перевод в подгруппу «{}» с {} — внутри учебного периода «{id}» ({} – {}): перевод возможен только по окончании периода",
                cx.name(change.group), ru_date(change.date), ru_date(period.start), ru_date(period.end)
            ),
            format!(
                "move to group `{}` effective {} falls inside period `{id}` ({} – {}): a student may change groups only when a period is over",
                cx.name(change.group), change.date, period.start, period.end
            ),
        ));
    }
}
