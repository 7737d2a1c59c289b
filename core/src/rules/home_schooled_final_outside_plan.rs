use super::*;
use crate::vocab::strip_level;

declare_rule! {
    /// A final mark for a home-schooled student in a subject outside their individual plan.
    ///
    /// ## Clause
    /// 2.13: «Обучающимся, находящимся на обучении на дому, в ЭКЖ выставляются только
    /// четвертные, полугодовые, годовые, итоговые отметки по предметам индивидуального
    /// учебного плана ученика.»
    ///
    /// ## What it checks
    /// Every `final_mark` — a «н/а» too — for a student home-schooled at any time during
    /// the mark's period (a `home_schooling` span that overlaps it), in a subject found in
    /// none of those spans' `subjects`. Subject names are compared case-, «ё»- and
    /// space-insensitively, and a trailing level word does not matter («Физика» in the plan
    /// covers «Физика (базовый уровень)»). A student home-schooled for only part of a
    /// period still gets final marks for it in the plan's subjects only, as for
    /// `final_mark_missing`. The finding's date is the day the mark was entered (the
    /// period's last day when unknown) and its teacher the person who entered it. Told on
    /// entry.
    ///
    /// ## Example
    /// ```json
    /// {"type":"home_schooling","student":"s1","from":"2024-09-01","subjects":["Математика","Русский язык"]}
    /// {"type":"final_mark","student":"s1","subject":"Музыка","period":"q1","value":5,"at":"2024-10-25T15:00:00+04:00","by":"t5"}
    /// ```
    /// Music is not in the plan: `home_schooled_final_outside_plan`.
    pub struct HomeSchooledFinalOutsidePlan {
        id: "home_schooled_final_outside_plan", clause: "2.13", severity: Error, when: Entry,
        title: "Итоговая отметка вне индивидуального плана" / "Final mark outside the individual plan",
        fix: "выставлять итоговые отметки только по предметам индивидуального плана"
            / "enter final marks only in the subjects of the individual plan",
        checks: "Каждая итоговая отметка (и «н/а») ученику, обучавшемуся на дому в какой-либо день \
            периода, по предмету, которого нет в индивидуальном учебном плане ни одного такого \
            обучения. Названия предметов сравниваются без учёта регистра, «ё» и уровня («Физика» \
            в плане покрывает «Физика (базовый уровень)»). Сообщается при внесении записи.",
        needs: [], reach: Day, scope: Students,
    }
}

impl Rule for HomeSchooledFinalOutsidePlan {
    fn final_mark(&self, cx: &Cx<'_>, mark: &FinalMarkRec, out: &mut Vec<Finding>) {
        let Some(period) = cx.reg.period(mark.period) else {
            return;
        };
        let mut spans = cx
            .reg
            .home_schoolings(mark.student)
            .filter(|h| h.overlaps(period.start, period.end))
            .peekable();
        if spans.peek().is_none() {
            return;
        }
        let subject = strip_level(cx.name(mark.subj));
        let mut planned = spans.flat_map(|h| h.subjects.iter());
        if planned.any(|s| strip_level(cx.name(*s)) == subject) {
            return;
        }
        let draft = cx.draft(&Self::META, mark.stamp.event).final_mark(mark);
        out.push(draft.say(
            format!(
                "итоговая отметка «{}» по предмету «{}» за период «{}» ученику на домашнем обучении: предмета нет в его индивидуальном учебном плане",
                final_value(mark.value),
                cx.name(mark.subject),
                cx.name(mark.period),
            ),
            format!(
                "final mark `{}` in `{}` for period `{}` for a home-schooled student: the subject is not in their individual plan",
                final_value(mark.value),
                cx.name(mark.subject),
                cx.name(mark.period),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    fn run(span: &str, subject: &str, period: &str) -> Vec<crate::Finding> {
        let events = [
            span.to_owned(),
            final_mark("s1", subject, period, r#""na""#, "2024-12-28T15:00"),
        ];
        findings(
            "home_schooled_final_outside_plan",
            Policy::default(),
            &register(&events),
            "2025-01-10T12:00",
        )
    }

    #[test]
    fn plan_subjects_compare_without_case_or_level() {
        let span = r#"{"type":"home_schooling","student":"s1","from":"2024-11-01","to":"2024-11-30","subjects":["Физика профиль"]}"#;
        assert!(run(span, "ФИЗИКА (углублённый уровень)", "q2").is_empty());
        assert_eq!(run(span, "Химия", "q2").len(), 1);
        // The span does not touch the first quarter.
        assert!(run(span, "Химия", "q1").is_empty());
        // It touches the year.
        assert_eq!(run(span, "Химия", "y").len(), 1);
    }
}
