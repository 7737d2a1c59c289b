use super::*;

use crate::event::AttendanceCode;

declare_rule! {
    /// An absence whose reason is still not set, days after the lesson.
    ///
    /// ## Clause
    /// 3.2: классный руководитель «еженедельно в разделе «Посещаемость» ЭКЖ выверяет
    /// правильность сведений о пропущенных уроках обучающимися, и при необходимости
    /// корректирует их с учителями: по уважительной причине (УП), болезни (Б) или
    /// неуважительной причине (НП)».
    ///
    /// ## What it checks
    /// At the audit date, every cell (a lesson and a student) whose code at `as_of` — the
    /// latest attendance entry made by then — is `Н` (`ОТ`: absent, reason not set), once
    /// the day `absence_reason_within_days` (7) after the lesson's date is over. That day
    /// is the missed deadline. One finding per cell, pointing at the cell's latest entry.
    /// A cell of a student who was not one of the lesson's students is left to
    /// `student_not_in_lesson`.
    ///
    /// The finding's teacher is the class teacher of the lesson's class (the first by id
    /// when several are declared), who sets the reasons (3.2); the lesson's teacher when the
    /// class has none declared.
    ///
    /// On a part of a register whose source lacks attendance nothing is judged (no absence
    /// is shown); an absence shown outside the part's days or students is counted in
    /// `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"attendance","lesson":"l1","student":"s2","code":"Н","at":"2024-09-02T08:40:00+04:00","by":"t1"}
    /// ```
    /// Audited on 10 September, the absence of 2 September still has no reason:
    /// `absence_reason_unset`.
    pub struct AbsenceReasonUnset {
        id: "absence_reason_unset", clause: "3.2", severity: Warning, when: Audit,
        title: "Не указана причина пропуска" / "Absence reason not set",
        fix: "указать причину пропуска (УП, Б, НП)"
            / "set the absence's reason (УП, Б, НП)",
        checks: "На дату проверки — каждая клетка (урок и ученик), в которой последняя запись \
            посещаемости — «Н» (ОТ: отсутствовал, причина не указана), когда закончился \
            `absence_reason_within_days`-й день (7) после урока; этот день — нарушенный срок. \
            Одно замечание на клетку. Учитель замечания — классный руководитель класса (он \
            указывает причины, 3.2), а если его нет — учитель урока.",
        needs: [Attendance], reach: Day, scope: Students,
    }
}

impl Rule for AbsenceReasonUnset {
    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        let days = i64::from(cx.policy.absence_reason_within_days);
        for (lesson, student) in cx.reg.attendance_cells() {
            let Some(lesson) = cx.lesson(lesson) else {
                continue;
            };
            let due = time::add_days(lesson.date, days);
            if now < time::day_end(due) {
                continue;
            }
            let Some(last) = cx
                .reg
                .cell(lesson, student)
                .rev()
                .find(|a| cx.visible(&a.stamp))
            else {
                continue;
            };
            if last.code != AttendanceCode::Absent {
                continue;
            }
            let Some(rec) = cx.student(student) else {
                continue;
            };
            if !cx.reg.in_lesson(rec, lesson, cx.horizon) {
                continue;
            }
            if !cx.judges(&Self::META, Item::cell(lesson, student)) {
                continue;
            }
            let mut draft = cx
                .draft(&Self::META, last.stamp.event)
                .lesson(lesson)
                .student(student)
                .due_date(due);
            if let Some(class_teacher) = cx.reg.class_teacher(lesson.class) {
                draft = draft.teacher(class_teacher);
            }
            let name = cx.student_name(student);
            let person = cx.student_named(student);
            out.push(draft.say(
                format!(
                    "у {} {} пропуск урока {} отмечен «Н», причина не указана до {}: укажите УП, Б или НП",
                    person.agree("ученика", "ученицы", "ученика"),
                    person.case(Case::Genitive),
                    ru_date(lesson.date), ru_date(due)
                ),
                format!(
                    "the absence of {name} from the lesson of {} is still `Н`, with no reason set by {}: set УП (excused), Б (illness) or НП (unexcused)",
                    lesson.date, due
                ),
            ));
        }
    }
}
