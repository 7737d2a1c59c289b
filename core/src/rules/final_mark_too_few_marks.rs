use super::*;
use crate::event::FinalValue;

declare_rule! {
    /// A numeric final mark resting on fewer current marks than the policy asks for.
    ///
    /// ## Clause
    /// 2.11: «Итоговые отметки учащихся за четверть, полугодие, год должны быть обоснованы
    /// (т.е. соответствовать успеваемости ученика в зачетный период).»
    ///
    /// ## What it checks
    /// Every numeric `final_mark` («н/а» is not checked), judged as it was made: the
    /// student's current marks in the same subject (names compared case-, «ё»- and
    /// space-insensitively) on lessons dated within the period, entered by the final
    /// mark's `at`, are counted — every mark of a cell, whatever its weight. Fewer than
    /// `min_marks_for_final` for the period's kind (quarter 3, trimester 3, half-year 5,
    /// year 0: the numbers are common school practice, the Regulation names none) is a
    /// finding. A year mark counts the current marks of the whole year; with the default
    /// of 0 it is never reported. A final mark without `at` (imported totals) is compared
    /// with the marks the register holds at the audit, and judged only then. Not checked
    /// for a student home-schooled at any time in
    /// the period: their current marks are kept in another journal (2.13). The finding's
    /// date is the day the mark was entered (the period's last day when unknown) and its
    /// teacher the person who entered it. Told on entry.
    ///
    /// On a part of a register the mark is judged only when the part holds the student
    /// through the whole period, with current marks; otherwise it is counted in
    /// `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"mark","lesson":"l1","student":"s1","value":4,"at":"2024-09-02T09:20:00+04:00","by":"t1"}
    /// {"type":"final_mark","student":"s1","subject":"Математика","period":"q1","value":4,"at":"2024-10-25T15:00:00+04:00","by":"t1"}
    /// ```
    /// A quarter mark over one current mark: `final_mark_too_few_marks`.
    pub struct FinalMarkTooFewMarks {
        id: "final_mark_too_few_marks", clause: "2.11", severity: Warning, when: Entry,
        title: "Мало текущих отметок для итоговой" / "Too few current marks for a final mark",
        fix: "обеспечить накопляемость текущих отметок до выставления итоговой"
            / "give enough current marks before the final mark",
        checks: "Каждая числовая итоговая отметка («н/а» не проверяется): считаются текущие отметки \
            ученика по тому же предмету за уроки периода, внесённые к времени итоговой. Меньше \
            `min_marks_for_final` для вида периода (четверть 3, триместр 3, полугодие 5, год 0 — \
            распространённая школьная практика: в Положении числа нет) — замечание. У ученика на \
            обучении на дому в этом периоде не проверяется (2.13). Сообщается при внесении \
            записи.",
        needs: [Marks], reach: Period, scope: Students,
    }
}

impl Rule for FinalMarkTooFewMarks {
    fn final_mark(&self, cx: &Cx<'_>, mark: &FinalMarkRec, out: &mut Vec<Finding>) {
        let FinalValue::Mark(value) = mark.value else {
            return;
        };
        let Some(period) = cx.reg.period(mark.period) else {
            return;
        };
        let needed = cx.policy.min_marks(period.kind);
        if needed == 0
            || cx
                .reg
                .home_schooled_during(mark.student, period.start, period.end)
        {
            return;
        }
        let item = Item::student(mark.student, period.end).back_to(period.start);
        if !cx.judges(&Self::META, item) {
            return;
        }
        let Some(cx) = cx.as_made(&mark.stamp) else {
            return;
        };
        let count = cx.period_marks(mark.student, mark.subj, period).count();
        if u64::try_from(count).unwrap_or(u64::MAX) >= u64::from(needed) {
            return;
        }
        let draft = cx.draft(&Self::META, mark.stamp.event).final_mark(mark);
        out.push(draft.say(
            format!(
                "итоговая отметка «{}» по предмету «{}» за период «{}» выставлена по недостаточному числу текущих отметок: {count}, а нужно не меньше {needed}",
                value.get(),
                cx.name(mark.subject),
                cx.name(mark.period),
            ),
            format!(
                "final mark `{}` in `{}` for period `{}` rests on too few current marks: {count}, at least {needed} are needed",
                value.get(),
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

    fn events(marks: usize, period: &str, at: &str) -> Vec<String> {
        let mut out = Vec::new();
        for i in 0..marks {
            let date = format!("2024-09-{:02}", i + 2);
            let id = format!("l{i}");
            out.push(lesson(&id, &date, "08:30", ""));
            out.push(mark(&id, "s1", 4, &format!("{date}T09:00"), ""));
        }
        out.push(final_mark("s1", "Математика", period, "4", at));
        register(&out)
    }

    #[test]
    fn counts_the_marks_of_the_period() {
        let run = |n, policy| {
            findings(
                "final_mark_too_few_marks",
                policy,
                &events(n, "q1", "2024-10-25T15:00"),
                "2025-06-01T12:00",
            )
        };
        assert_eq!(run(0, Policy::default()).len(), 1);
        assert_eq!(run(2, Policy::default()).len(), 1);
        assert!(run(3, Policy::default()).is_empty());
        let lenient = Policy::from_json(r#"{"min_marks_for_final":{"quarter":2}}"#).unwrap();
        assert!(run(2, lenient).is_empty());
    }

    #[test]
    fn year_marks_need_none_by_default() {
        let year = |policy| {
            findings(
                "final_mark_too_few_marks",
                policy,
                &events(1, "y", "2025-05-31T15:00"),
                "2025-06-01T12:00",
            )
        };
        assert!(year(Policy::default()).is_empty());
        let strict = Policy::from_json(r#"{"min_marks_for_final":{"year":2}}"#).unwrap();
        assert_eq!(year(strict).len(), 1);
    }

    #[test]
    fn marks_of_another_period_do_not_count() {
        let found = findings(
            "final_mark_too_few_marks",
            Policy::default(),
            &events(3, "q2", "2024-12-28T15:00"),
            "2025-06-01T12:00",
        );
        assert!(
            found[0].message.en.contains("too few current marks: 0"),
            "{found:?}"
        );
    }
}
