use super::*;

declare_rule! {
    /// A sanatorium's mark outside a recorded stay, or in a cell not marked absent.
    ///
    /// ## Clause
    /// 2.12: «Если обучающийся находился в санатории, то учитель при выставлении итоговой
    /// отметки учитывает отметки, полученные им на учебных занятиях в санатории, которые
    /// отражены в справке из лечебного учреждения. Данные отметки
    /// учитель-предметник/классный руководитель выставляет в ЭКЖ рядом с отметкой об
    /// отсутствии обучающегося (например, УП5).»
    ///
    /// ## What it checks
    /// Every `mark` with `basis: sanatorium`:
    /// - its lesson's date must lie within one of the student's `sanatorium` stays (from
    ///   `from` to `to`, both days included);
    /// - its cell must be marked absent (`Н`, `УП`, `Б`, `НП`) by the time the mark was
    ///   entered: the sanatorium's mark stands beside the absence.
    ///
    /// One finding per mark; the message says which of the two is wrong, or both. Told on
    /// entry.
    ///
    /// On a part of a register whose source lacks attendance, no such mark is judged: each
    /// is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"sanatorium","student":"s1","from":"2024-10-01","to":"2024-10-21"}
    /// {"type":"mark","lesson":"l1","student":"s1","value":5,"basis":"sanatorium","at":"2024-09-02T09:20:00+04:00","by":"t1"}
    /// ```
    /// A sanatorium's «5» for a lesson of 2 September, before the stay: `sanatorium_mark_misplaced`.
    pub struct SanatoriumMarkMisplaced {
        id: "sanatorium_mark_misplaced", clause: "2.12", severity: Warning, when: Entry,
        title: "Отметка из санатория не на месте" / "Sanatorium mark out of place",
        fix: "ставить отметки из санатория рядом с отметкой об отсутствии в дни пребывания"
            / "put sanatorium marks beside the absence, on the days of the stay",
        checks: "Каждая текущая отметка с основанием «санаторий» (`basis: sanatorium`): день урока \
            должен попадать в пребывание ученика в санатории по данным журнала, а в клетке к \
            моменту внесения должен стоять пропуск (Н, УП, Б, НП) — отметка из санатория \
            ставится рядом с ним. Сообщение говорит, что из двух нарушено. Сообщается при \
            внесении записи.",
        needs: [Attendance], reach: Day, scope: Students,
    }
}

impl Rule for SanatoriumMarkMisplaced {
    fn mark(&self, cx: &Cx<'_>, mark: &MarkRec, out: &mut Vec<Finding>) {
        if mark.basis != Some(crate::event::Basis::Sanatorium) {
            return;
        }
        let Some(lesson) = cx.lesson(mark.lesson) else {
            return;
        };
        if !cx.judges(&Self::META, Item::cell(lesson, mark.student)) {
            return;
        }
        let in_stay = cx
            .reg
            .sanatorium_stays(mark.student)
            .any(|s| s.from <= lesson.date && lesson.date <= s.to);
        let absent = cx.reg.absent(lesson, mark.student, cx.horizon);
        let (ru, en) = match (in_stay, absent) {
            (true, true) => return,
            (false, true) => (
                "ученик в этот день не был в санатории по данным журнала".to_owned(),
                "the register records no sanatorium stay on that day".to_owned(),
            ),
            (true, false) => (
                "в клетке нет отметки об отсутствии: отметку из справки санатория ставят рядом с пропуском (например, УП5)".to_owned(),
                "the cell is not marked absent: a sanatorium's mark stands beside the absence (e.g. УП5)".to_owned(),
            ),
            (false, false) => (
                "ученик в этот день не был в санатории по данным журнала, и в клетке нет отметки об отсутствии".to_owned(),
                "the register records no sanatorium stay on that day, and the cell is not marked absent".to_owned(),
            ),
        };
        out.push(
            cx.draft(&Self::META, mark.stamp.event)
                .lesson(lesson)
                .student(mark.student)
                .say(
                    format!(
                        "отметка «{}» из санатория за урок {}: {ru}",
                        mark.value,
                        ru_date(lesson.date)
                    ),
                    format!(
                        "sanatorium mark `{}` for the lesson of {}: {en}",
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

    fn run(events: &[String]) -> Vec<crate::Finding> {
        let mut all = vec![
            r#"{"type":"sanatorium","student":"s1","from":"2024-09-09","to":"2024-09-20"}"#
                .to_owned(),
        ];
        all.extend_from_slice(events);
        findings(
            "sanatorium_mark_misplaced",
            Policy::default(),
            &register(&all),
            "2024-10-01T12:00",
        )
    }

    #[test]
    fn says_which_condition_fails() {
        let sanatorium = r#","basis":"sanatorium""#;
        let inside = lesson("l1", "2024-09-20", "08:30", "");
        let outside = lesson("l2", "2024-09-21", "08:30", "");
        let absent = |l: &str, d: &str| attendance(l, "s1", "Б", &format!("{d}T08:40"));
        let ok = run(&[
            inside.clone(),
            absent("l1", "2024-09-20"),
            mark("l1", "s1", 5, "2024-09-23T10:00", sanatorium),
        ]);
        assert!(ok.is_empty());
        let found = run(&[
            inside,
            outside,
            absent("l2", "2024-09-21"),
            mark("l1", "s1", 5, "2024-09-23T10:00", sanatorium),
            mark("l2", "s1", 4, "2024-09-23T10:00", sanatorium),
            mark("l2", "s2", 4, "2024-09-23T10:00", sanatorium),
        ]);
        let messages: Vec<&str> = found.iter().map(|f| f.message.en.as_str()).collect();
        assert_eq!(found.len(), 3, "{messages:?}");
        assert!(messages[0].ends_with("the cell is not marked absent: a sanatorium's mark stands beside the absence (e.g. УП5)"));
        assert!(messages[1].ends_with("the register records no sanatorium stay on that day"));
        assert!(messages[2]
            .ends_with("no sanatorium stay on that day, and the cell is not marked absent"));
    }
}
