use super::*;

declare_rule! {
    /// A mark in a cell marked absent, without saying on what basis it was given.
    ///
    /// ## Clause
    /// 3.3: учитель-предметник «в случае отсутствия обучающегося на уроке, но при условии
    /// выполнения им задания (контрольной, самостоятельной, практической, творческой
    /// работы, домашней) самостоятельно, при индивидуальной работе с учителем имеет право
    /// выставить отметку за выполненное задание в клетке, где обозначен пропуск
    /// обучающегося (например, Н45, УП4, НП43, Б44 и т.п.)»; 2.12: marks from a
    /// sanatorium stand beside the absence (УП5).
    ///
    /// ## What it checks
    /// Every `mark` without `basis` whose cell (lesson and student) was marked absent — `Н`,
    /// `УП`, `Б` or `НП`, not withdrawn by `present` — by the time the mark was entered.
    /// Such a mark is allowed, but only for work done individually with the teacher or in a
    /// sanatorium, and the register should say which (`basis`: `individual_work` or
    /// `sanatorium`); otherwise the absence or the mark may be a mistake. An absence entered
    /// after the mark does not make it one: the mark was right when it was made. Told on
    /// entry, as monitoring.
    ///
    /// On a part of a register whose source lacks attendance, no mark is judged: each mark
    /// without `basis` is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"attendance","lesson":"l1","student":"s1","code":"Н","at":"2024-09-02T09:00:00+04:00","by":"t1"}
    /// {"type":"mark","lesson":"l1","student":"s1","value":4,"at":"2024-09-02T09:20:00+04:00","by":"t1"}
    /// ```
    /// A «4» beside an «Н», with no basis: `absent_mark_without_basis`.
    pub struct AbsentMarkWithoutBasis {
        id: "absent_mark_without_basis", clause: "3.3", severity: Info, when: Entry,
        needs: [Attendance], reach: Day, scope: Students,
    }
}

impl Rule for AbsentMarkWithoutBasis {
    fn mark(&self, cx: &Cx<'_>, mark: &MarkRec, out: &mut Vec<Finding>) {
        if mark.basis.is_some() {
            return;
        }
        let Some(lesson) = cx.lesson(mark.lesson) else {
            return;
        };
        if !cx.judges(&Self::META, Item::cell(lesson, mark.student)) {
            return;
        }
        let Some(code) = cx
            .reg
            .code(mark.lesson, mark.student, cx.horizon)
            .filter(|c| c.is_absence())
        else {
            return;
        };
        out.push(
            cx.draft(&Self::META, mark.stamp.event)
                .lesson(lesson)
                .student(mark.student)
                .say(
                    format!(
                        "отметка «{}» за урок {} стоит в клетке с пропуском «{}» без основания: укажите, получена ли она при индивидуальной работе с учителем (individual_work) или в санатории (sanatorium)",
                        mark.value,
                        ru_date(lesson.date),
                        attendance_ru(code),
                    ),
                    format!(
                        "mark `{}` for the lesson of {} stands in a cell marked absent (`{}`) with no basis: say whether it was earned in individual work with the teacher (`individual_work`) or in a sanatorium (`sanatorium`)",
                        mark.value, lesson.date, code,
                    ),
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    fn run(events: &[String]) -> Vec<crate::Finding> {
        findings(
            "absent_mark_without_basis",
            Policy::default(),
            &register(events),
            "2024-10-01T12:00",
        )
    }

    #[test]
    fn judged_by_the_cell_when_the_mark_was_made() {
        let l1 = lesson("l1", "2024-09-02", "08:30", "");
        let found = run(&[
            l1.clone(),
            attendance("l1", "s1", "Н", "2024-09-02T08:40"),
            mark("l1", "s1", 4, "2024-09-02T20:00", ""),
        ]);
        assert!(found[0].message.ru.contains("пропуском «Н»"), "{found:?}");
        assert!(run(&[
            l1.clone(),
            attendance("l1", "s1", "Н", "2024-09-02T08:40"),
            attendance("l1", "s1", "present", "2024-09-02T08:50"),
            mark("l1", "s1", 4, "2024-09-02T20:00", ""),
        ])
        .is_empty());
        assert!(run(&[
            l1,
            mark("l1", "s1", 4, "2024-09-02T20:00", ""),
            attendance("l1", "s1", "Н", "2024-09-02T21:00"),
        ])
        .is_empty());
    }
}
