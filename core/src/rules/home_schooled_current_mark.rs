use super::*;

declare_rule! {
    /// A current mark in the class register for a student home-schooled that day.
    ///
    /// ## Clause
    /// 2.13: «Обучающимся, находящимся на обучении на дому, в ЭКЖ выставляются только
    /// четвертные, полугодовые, годовые, итоговые отметки по предметам индивидуального
    /// учебного плана ученика. Текущие отметки выставляются педагогами в специально
    /// отведенном Журнале учета обучения на дому.»
    ///
    /// ## What it checks
    /// Every `mark` whose lesson's date falls within one of the student's `home_schooling`
    /// spans (from `from` to `to`, both included; without `to`, still going on), whatever
    /// the subject and the mark's `basis`: a home-schooled student's current marks belong in
    /// the home-schooling journal. Told on entry.
    ///
    /// ## Example
    /// ```json
    /// {"type":"home_schooling","student":"s1","from":"2024-09-01","subjects":["Математика"]}
    /// {"type":"mark","lesson":"l1","student":"s1","value":4,"at":"2024-09-02T09:20:00+04:00","by":"t1"}
    /// ```
    /// A «4» in the class register for a home-schooled student: `home_schooled_current_mark`.
    pub struct HomeSchooledCurrentMark {
        id: "home_schooled_current_mark", clause: "2.13", severity: Error, when: Entry,
        title: "Текущая отметка обучающемуся на дому" / "Current mark for a home-schooled student",
        fix: "перенести текущие отметки в журнал обучения на дому"
            / "move current marks to the home-schooling journal",
        checks: "Каждая текущая отметка за урок, день которого попадает в период обучения ученика на \
            дому (от `from` до `to` включительно; без `to` — по сей день), каков бы ни был \
            предмет и основание: текущие отметки ученика на дому ставятся в журнал учёта \
            обучения на дому. Сообщается при внесении записи.",
        needs: [], reach: Day, scope: Students,
    }
}

impl Rule for HomeSchooledCurrentMark {
    fn mark(&self, cx: &Cx<'_>, mark: &MarkRec, out: &mut Vec<Finding>) {
        let Some(lesson) = cx.lesson(mark.lesson) else {
            return;
        };
        if !cx.reg.home_schooled_on(mark.student, lesson.date) {
            return;
        }
        out.push(
            cx.draft(&Self::META, mark.stamp.event)
                .lesson(lesson)
                .student(mark.student)
                .say(
                    format!(
                        "текущая отметка «{}» за урок {} ученику на домашнем обучении: текущие отметки ставятся в журнал учёта обучения на дому, а не в ЭКЖ",
                        mark.value,
                        ru_date(lesson.date)
                    ),
                    format!(
                        "current mark `{}` for the lesson of {} for a home-schooled student: current marks go into the home-schooling journal, not the class register",
                        mark.value, lesson.date
                    ),
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    #[test]
    fn only_within_the_span() {
        let span = r#"{"type":"home_schooling","student":"s1","from":"2024-09-03","to":"2024-09-04","subjects":["Математика"]}"#;
        let mut events = vec![span.to_owned()];
        for (i, date) in ["2024-09-02", "2024-09-03", "2024-09-04", "2024-09-05"]
            .iter()
            .enumerate()
        {
            events.push(lesson(&format!("l{i}"), date, "08:30", ""));
            events.push(mark(
                &format!("l{i}"),
                "s1",
                4,
                &format!("{date}T09:00"),
                "",
            ));
        }
        let found = findings(
            "home_schooled_current_mark",
            Policy::default(),
            &register(&events),
            "2024-10-01T12:00",
        );
        let lessons: Vec<_> = found.iter().filter_map(|f| f.lesson.as_deref()).collect();
        assert_eq!(lessons, ["l1", "l2"]);
    }
}
