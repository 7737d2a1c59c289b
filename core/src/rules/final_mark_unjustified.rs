use super::*;
use crate::event::{FinalValue, PeriodKind};

declare_rule! {
    /// A final mark further from the weighted mean of the student's marks than allowed.
    ///
    /// ## Clause
    /// 2.11: «Итоговые отметки учащихся за четверть, полугодие, год должны быть обоснованы
    /// (т.е. соответствовать успеваемости ученика в зачетный период).»
    ///
    /// ## What it checks
    /// Every numeric `final_mark` (a «н/а» is not a mark and is not checked), judged as it
    /// was made: only the entries made by its `at` count. A final mark without `at`
    /// (imported totals) is compared with what the register holds at the audit, and judged
    /// only then.
    ///
    /// - A quarter, trimester or half-year mark is compared with the weighted mean of the
    ///   student's current marks in the same subject (names compared case-, «ё»- and
    ///   space-insensitively) on lessons dated from the period's `start` to its `end`. Each
    ///   mark weighs its kind of work's `mark_weights` (1 by default); a mark's kind is its
    ///   own `work`, else the lesson's only work, else oral. Every mark of a cell counts,
    ///   those given with a `basis` too (a sanatorium's marks count, 2.12).
    /// - A year mark is compared with the mean of the student's numeric final marks in the
    ///   subject for the periods (not of kind `year`) lying within the year period; for a
    ///   period marked twice the later entry counts. With no such marks, with the weighted
    ///   mean of the current marks of the whole year.
    ///
    /// It fires when the mark differs from that mean by more than `final_mark_tolerance`
    /// (0.5 by default: a «4» stands for a mean from 3.5 to 4.5; differences within
    /// rounding error do not count). The message gives the mean to two decimals and how
    /// many marks it was taken over. With nothing to compare (no marks, or only marks of
    /// weight 0) the mark is not checked; nor for a student home-schooled at any time in
    /// the period, whose current marks are kept in another journal (2.13). The finding's
    /// date is the day the mark was entered (the period's last day when unknown) and its
    /// teacher the person who entered it. Told on entry.
    ///
    /// On a part of a register the mark is judged only when the part holds the student
    /// through the whole period, with current and final marks: a mean over part of the
    /// period is not the period's. Otherwise it is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"mark","lesson":"l1","student":"s1","value":3,"at":"2024-09-02T09:20:00+04:00","by":"t1"}
    /// {"type":"mark","lesson":"l2","student":"s1","value":3,"at":"2024-09-09T09:20:00+04:00","by":"t1"}
    /// {"type":"mark","lesson":"l3","student":"s1","value":4,"at":"2024-09-16T09:20:00+04:00","by":"t1"}
    /// {"type":"final_mark","student":"s1","subject":"Математика","period":"q1","value":5,"at":"2024-10-25T15:00:00+04:00","by":"t1"}
    /// ```
    /// A «5» for the quarter over marks averaging 3.33: `final_mark_unjustified`.
    pub struct FinalMarkUnjustified {
        id: "final_mark_unjustified", clause: "2.11", severity: Warning, when: Entry,
        title: "Итоговая отметка не обоснована текущими" / "Final mark not justified by current marks",
        fix: "проверить итоговую отметку: она должна соответствовать текущим отметкам"
            / "check the final mark against the current marks",
        checks: "Каждая числовая итоговая отметка («н/а» не проверяется), с учётом только записей, \
            внесённых к её времени. Отметка за четверть, триместр или полугодие сравнивается со \
            средневзвешенным текущих отметок ученика по предмету за уроки периода (вес вида \
            работы — `mark_weights`, по умолчанию 1). Годовая отметка сравнивается со средним \
            итоговых отметок за периоды года, а если их нет — со средневзвешенным текущих \
            отметок за год. Замечание — если расхождение больше `final_mark_tolerance` (0,5: «4» \
            соответствует среднему от 3,5 до 4,5). Без отметок для сравнения, а также у ученика \
            на обучении на дому в этом периоде (2.13) отметка не проверяется. Сообщается при \
            внесении записи.",
        needs: [Marks, FinalMarks], reach: Period, scope: Students,
    }
}

/// Allowance for rounding when a mean is compared with the tolerance.
const ROUNDING: f64 = 1e-9;

impl Rule for FinalMarkUnjustified {
    fn final_mark(&self, cx: &Cx<'_>, mark: &FinalMarkRec, out: &mut Vec<Finding>) {
        let FinalValue::Mark(value) = mark.value else {
            return;
        };
        let Some(period) = cx.reg.period(mark.period) else {
            return;
        };
        if cx
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
        let cx = &cx;
        let period_marks = (period.kind == PeriodKind::Year)
            .then(|| mean_of_period_marks(cx, mark, period))
            .flatten();
        let (mean, of_periods) = match period_marks {
            Some(mean) => (mean, true),
            None => {
                let current = cx.period_marks(mark.student, mark.subj, period);
                let Some(mean) = cx.weighted_mean(current) else {
                    return;
                };
                (mean, false)
            }
        };
        let tolerance = cx.policy.final_mark_tolerance;
        if (f64::from(value.get()) - mean.value).abs() <= tolerance + ROUNDING {
            return;
        }
        let n = mean.count;
        let (what_ru, what_en) = if of_periods {
            (
                "среднее итоговых отметок за периоды года",
                "the mean of the year's period marks",
            )
        } else {
            (
                "средневзвешенное текущих отметок",
                "the weighted mean of the current marks",
            )
        };
        let marks_ru = ru_plural(n, "отметка", "отметки", "отметок");
        let marks_en = if n == 1 { "mark" } else { "marks" };
        let draft = cx.draft(&Self::META, mark.stamp.event).final_mark(mark);
        out.push(draft.say(
            format!(
                "итоговая отметка «{}» по предмету «{}» за период «{}» не обоснована: {what_ru} — {} ({n} {marks_ru}), расхождение больше {}",
                value.get(),
                cx.name(mark.subject),
                cx.name(mark.period),
                ru_fixed(mean.value, 2),
                ru_number(tolerance, 2),
            ),
            format!(
                "final mark `{}` in `{}` for period `{}` is not justified: {what_en} is {:.2} ({n} {marks_en}), more than {} away",
                value.get(),
                cx.name(mark.subject),
                cx.name(mark.period),
                mean.value,
                en_number(tolerance, 2),
            ),
        ));
    }
}

/// The mean of the student's numeric final marks in the mark's subject for the periods
/// (not years) that lie within `year`, as known at the horizon.
fn mean_of_period_marks(cx: &Cx<'_>, mark: &FinalMarkRec, year: &PeriodRec) -> Option<Mean> {
    let values: Vec<f64> = cx
        .reg
        .subject_final_marks_at(mark.student, mark.subj, cx.horizon)
        .into_iter()
        .filter(|f| {
            cx.reg.period(f.period).is_some_and(|p| {
                p.kind != PeriodKind::Year && year.start <= p.start && p.end <= year.end
            })
        })
        .filter_map(|f| match f.value {
            FinalValue::Mark(v) => Some(f64::from(v.get())),
            FinalValue::NotAttested => None,
        })
        .collect();
    let count = values.len();
    (count > 0).then(|| Mean {
        value: values.iter().sum::<f64>() / count as f64,
        count,
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    fn run(events: &[String]) -> Vec<crate::Finding> {
        findings(
            "final_mark_unjustified",
            Policy::default(),
            &register(events),
            "2025-06-01T12:00",
        )
    }

    fn quarter_marks(values: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let date = format!("2024-09-{:02}", i + 2);
            let id = format!("l{i}");
            out.push(lesson(&id, &date, "08:30", ""));
            out.push(mark(&id, "s1", *v, &format!("{date}T09:00"), ""));
        }
        out
    }

    #[test]
    fn compares_with_the_mean_of_the_period() {
        let mut events = quarter_marks(&[3, 4, 4]);
        events.push(final_mark(
            "s1",
            "математика",
            "q1",
            "5",
            "2024-10-25T15:00",
        ));
        let found = run(&events);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.en.contains("3.67 (3 marks)"), "{found:?}");
        assert!(
            found[0].message.ru.contains("3,67 (3 отметки)"),
            "{found:?}"
        );

        let mut events = quarter_marks(&[3, 4, 4]);
        events.push(final_mark(
            "s1",
            "Математика",
            "q1",
            "4",
            "2024-10-25T15:00",
        ));
        assert!(run(&events).is_empty());
    }

    #[test]
    fn a_mean_exactly_at_the_tolerance_is_justified() {
        let mut events = quarter_marks(&[3, 4]);
        events.push(final_mark(
            "s1",
            "Математика",
            "q1",
            "4",
            "2024-10-25T15:00",
        ));
        events.push(final_mark(
            "s1",
            "Математика",
            "q1",
            "3",
            "2024-10-25T16:00",
        ));
        assert!(run(&events).is_empty());
    }

    #[test]
    fn weighs_marks_by_their_work() {
        let mut events = quarter_marks(&[3, 3]);
        events.push(lesson("lt", "2024-09-20", "08:30", r#","work":"test""#));
        events.push(mark("lt", "s1", 5, "2024-09-20T18:00", ""));
        events.push(final_mark(
            "s1",
            "Математика",
            "q1",
            "4",
            "2024-10-25T15:00",
        ));
        // Unweighted 3.67; with the test weighing 3, (3 + 3 + 15) / 5 = 4.2.
        assert!(run(&events).is_empty());
        let policy = Policy::from_json(r#"{"mark_weights":{"test":3}}"#).unwrap();
        events.pop();
        events.push(final_mark(
            "s1",
            "Математика",
            "q1",
            "3",
            "2024-10-25T15:00",
        ));
        let found = findings(
            "final_mark_unjustified",
            policy,
            &register(&events),
            "2025-06-01T12:00",
        );
        assert!(found[0].message.en.contains("4.20 (3 marks)"), "{found:?}");
    }

    #[test]
    fn only_marks_made_before_the_final_mark_count() {
        let mut events = quarter_marks(&[3, 3, 3]);
        events.push(final_mark(
            "s1",
            "Математика",
            "q1",
            "4",
            "2024-10-25T15:00",
        ));
        // A late correction of the current marks does not justify the final mark.
        events.push(mark("l0", "s1", 5, "2024-10-26T10:00", ""));
        events.push(mark("l1", "s1", 5, "2024-10-26T10:00", ""));
        assert_eq!(run(&events).len(), 1);
    }

    #[test]
    fn not_checked_without_marks_nor_for_na_nor_home_schooling() {
        let events = [final_mark(
            "s1",
            "Математика",
            "q1",
            "5",
            "2024-10-25T15:00",
        )];
        assert!(run(&events).is_empty());
        let mut events = quarter_marks(&[2, 2, 2]);
        events.push(final_mark(
            "s1",
            "Математика",
            "q1",
            r#""na""#,
            "2024-10-25T15:00",
        ));
        assert!(run(&events).is_empty());
        let mut events = quarter_marks(&[2, 2, 2]);
        events.push(
            r#"{"type":"home_schooling","student":"s1","from":"2024-10-20","subjects":["Математика"]}"#
                .to_owned(),
        );
        events.push(final_mark(
            "s1",
            "Математика",
            "q1",
            "5",
            "2024-10-25T15:00",
        ));
        assert!(run(&events).is_empty());
    }

    #[test]
    fn a_year_mark_follows_the_period_marks() {
        let mut events = quarter_marks(&[5, 5, 5]);
        events.push(final_mark(
            "s1",
            "Математика",
            "q1",
            r#""na""#,
            "2024-10-25T15:00",
        ));
        events.push(final_mark(
            "s1",
            "Математика",
            "q1",
            "5",
            "2024-10-26T09:00",
        ));
        events.push(final_mark(
            "s1",
            "Математика",
            "q2",
            "4",
            "2024-12-28T15:00",
        ));
        // The corrected q1 mark (5) and q2 (4): mean 4.5, so a «5» stands.
        events.push(final_mark("s1", "Математика", "y", "5", "2025-05-31T15:00"));
        assert!(run(&events).is_empty());
        let n = events.len();
        events[n - 1] = final_mark("s1", "Математика", "y", "3", "2025-05-31T15:00");
        let found = run(&events);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .en
                .contains("the mean of the year's period marks is 4.50 (2 marks)"),
            "{found:?}"
        );
    }

    #[test]
    fn a_year_mark_without_period_marks_follows_the_current_marks() {
        let mut events = quarter_marks(&[5, 5, 5]);
        events.push(final_mark("s1", "Математика", "y", "3", "2025-05-31T15:00"));
        let found = run(&events);
        assert!(
            found[0].message.en.contains("current marks is 5.00"),
            "{found:?}"
        );
    }
}
