use super::*;

declare_rule! {
    /// A mark in a cell marked absent, without saying on what basis it was given.
    ///
    /// ## Clause
    /// 3.3: учитель-предметник «в случае отсутствия обучающегося на уроке, но при условии
    /// выполнения им задания (контрольной, самостоятельной, практической, творческой
    /// работы, домашней) самостоятельно, при индивидуальной работе с учителем имеет право
    /// выставить отметку за выполненное задание в клетке, где обозначен пропуск
    /// обучающегося (например, Н45, УП4, НП43, Б44 и т.п.)»; 2.12: отметки из
    /// санатория выставляются «рядом с отметкой об отсутствии обучающегося (например, УП5)».
    ///
    /// ## What it checks
    /// Every `mark` without `basis` whose cell (lesson and student) was marked absent — `Н`,
    /// `УП`, `Б` or `НП`, not withdrawn by `present` — by the time the mark was entered.
    /// Such a mark is allowed, but only for work done individually with the teacher or in a
    /// sanatorium, and the register should say which (`basis`: `individual_work` or
    /// `sanatorium`); otherwise the absence or the mark may be a mistake.
    ///
    /// An absence entered after a mark without `basis` in the same cell turns the cell into
    /// «Н4» just the same: then the absence's entry is judged, as it was made. The mark was
    /// right when it was made; the absence, entered over it, leaves a mark beside an absence
    /// with no basis. Reported once per mark: on the first entry after the mark that leaves
    /// the cell marked absent (of several made at the same moment, the one in force), and
    /// not when the cell was already marked absent when the mark was made (the mark's own
    /// finding says it). An absence made at the same moment as the mark is the mark's
    /// case; an absence without `at` is never after anything. Which of the entries made at
    /// one moment is in force is known only once the register is whole, so this case is
    /// told at the audit; a mark in a cell already marked absent is told on entry. As
    /// monitoring.
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
        id: "absent_mark_without_basis", clause: "3.3", severity: Info, when: EntryAndAudit,
        title: "Отметка в клетке с пропуском" / "A mark in a cell marked absent",
        fix: "указать основание отметки (индивидуальная работа, санаторий) или убрать пропуск"
            / "state the mark's basis (individual work, sanatorium) or remove the absence",
        checks: "Каждая текущая отметка без основания (`basis`) в клетке, где отмечен пропуск \
            (Н, УП, Б, НП, не отменённый). Такая отметка допустима только за работу, выполненную \
            индивидуально с учителем или в санатории, и журнал должен это указать (`basis`: \
            `individual_work` или `sanatorium`); иначе ошибочен пропуск или отметка. Отметка в \
            клетке, где пропуск уже стоял, сообщается при её внесении; пропуск, внесённый позже \
            отметки, — при проверке, один раз на отметку. К сведению.",
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
                        "отметка «{}» за урок {} стоит в клетке с пропуском «{}» без основания: укажите основание — индивидуальная работа с учителем или санаторий",
                        mark.value,
                        ru_date(lesson.date),
                        attendance_ru(code),
                    ),
                    format!(
                        "mark `{}` for the lesson of {} stands in a cell marked absent (`{}`) with no basis: give its basis, individual work with the teacher or a sanatorium",
                        mark.value, lesson.date, attendance_ru(code),
                    ),
                ),
        );
    }

    fn attendance(&self, cx: &Cx<'_>, absence: &AttendanceRec, out: &mut Vec<Finding>) {
        // Which of the cell's entries made at one moment is in force is known only once
        // every entry is in: the absence is judged at the audit.
        if !cx.complete {
            return;
        }
        let Some(at) = absence.stamp.at.filter(|_| absence.code.is_absence()) else {
            return;
        };
        let (lesson, student) = (absence.lesson, absence.student);
        let reg = cx.reg;
        let before =
            |m: &&MarkRec| m.student == student && m.basis.is_none() && m.stamp.at < Some(at);
        if !reg.marks_on(lesson).any(|m| before(&m)) {
            return;
        }
        // Of the cell's entries made at this moment, the one in force speaks for it.
        let in_force = reg
            .cell(lesson, student)
            .rev()
            .find(|a| cx.visible(&a.stamp));
        if in_force.map(|a| a.stamp.event) != Some(absence.stamp.event) {
            return;
        }
        let Some(rec) = cx.lesson(lesson) else {
            return;
        };
        let absent_at =
            |t: Option<Time>| reg.absent(lesson, student, Some(t.unwrap_or(time::ALWAYS)));
        for mark in reg.marks_on(lesson).filter(before) {
            // Absent when the mark was made: the mark's own finding. Absent at an earlier
            // moment after it: that moment's entry told it.
            if absent_at(mark.stamp.at)
                || reg.cell(lesson, student).any(|a| {
                    a.stamp.at > mark.stamp.at && a.stamp.at < Some(at) && absent_at(a.stamp.at)
                })
            {
                continue;
            }
            let (when_ru, when_en) = match mark.stamp.at {
                Some(made) => (
                    format!(", выставленная {}", ru_time(made)),
                    format!(", entered at {}", en_time(made)),
                ),
                None => (String::new(), String::new()),
            };
            out.push(
                cx.draft(&Self::META, absence.stamp.event)
                    .lesson(rec)
                    .student(student)
                    .say(
                        format!(
                            "пропуск «{}» за урок {} внесён {} в клетку, где уже стоит отметка «{}»{when_ru}, без основания: укажите основание отметки — индивидуальная работа с учителем или санаторий — или исправьте ошибочную запись",
                            attendance_ru(absence.code),
                            ru_date(rec.date),
                            ru_time(at),
                            mark.value,
                        ),
                        format!(
                            "absence `{}` for the lesson of {} was entered at {} in a cell that already holds mark `{}`{when_en}, with no basis: give the mark's basis, individual work with the teacher or a sanatorium, or correct the wrong entry",
                            attendance_ru(absence.code),
                            rec.date,
                            en_time(at),
                            mark.value,
                        ),
                    ),
            );
        }
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
    }

    #[test]
    fn an_absence_entered_over_a_mark_is_judged_too() {
        let l1 = lesson("l1", "2024-09-02", "08:30", "");
        let found = run(&[
            l1.clone(),
            mark("l1", "s1", 4, "2024-09-02T20:00", ""),
            attendance("l1", "s1", "Н", "2024-09-02T21:00"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].event, Some(9));
        assert!(found[0].message.ru.starts_with("пропуск «Н»"), "{found:?}");
        // Once per mark: not again when the reason is set, nor for a mark with a basis.
        let found = run(&[
            l1.clone(),
            mark("l1", "s1", 4, "2024-09-02T20:00", ""),
            mark(
                "l1",
                "s1",
                5,
                "2024-09-02T20:00",
                r#","basis":"individual_work""#,
            ),
            attendance("l1", "s1", "Н", "2024-09-02T21:00"),
            attendance("l1", "s1", "Б", "2024-09-06T16:00"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        // Made at the same moment as the mark: the mark's own finding, once.
        let found = run(&[
            l1.clone(),
            mark("l1", "s1", 4, "2024-09-02T20:00", ""),
            attendance("l1", "s1", "Н", "2024-09-02T20:00"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].event, Some(8));
        // Withdrawn and set again later: told once, on the first.
        let found = run(&[
            l1,
            mark("l1", "s1", 4, "2024-09-02T20:00", ""),
            attendance("l1", "s1", "Н", "2024-09-02T21:00"),
            attendance("l1", "s1", "present", "2024-09-03T08:00"),
            attendance("l1", "s1", "НП", "2024-09-06T16:00"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].event, Some(9));
    }
}
