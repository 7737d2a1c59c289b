use super::*;

declare_rule! {
    /// An absence first recorded after the lesson's day.
    ///
    /// ## Clause
    /// 2.7: «Внесение информации об уроке и об отсутствующих производится по факту в день
    /// проведения учителем-предметником.»
    ///
    /// ## What it checks
    /// The first absence entry of each cell (a lesson and a student): the earliest
    /// `attendance` with an absence code (`Н`, `УП`, `Б`, `НП`) in the cell's order — by
    /// `at`, entries without `at` first, then by code. If its `at`, school-local, falls after
    /// the lesson's day, it is reported, with the lesson's day as the missed deadline.
    /// Absence entries made at that same moment are all first: nothing orders them.
    ///
    /// Only the first absence entry of a cell counts: later entries that change the code
    /// (`Н` to `УП`, `Б` or `НП`) are the class teacher's weekly check of the absences (3.2),
    /// not late entries, and neither is an absence entered again after a `present` withdrew
    /// the first one. A `present` entry is not an absence, nor is `ОП` (late, but present)
    /// or `ОСВ` (exempt from the lesson). When the first absence entry has
    /// no `at`, nothing can be told about the cell. Told on entry.
    ///
    /// On a part of a register whose source lacks entry times, no absence entry is judged:
    /// each is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Натуральные числа","at":"2024-09-02T09:10:00+04:00","by":"t1"}
    /// {"type":"attendance","lesson":"l1","student":"s1","code":"Н","at":"2024-09-03T08:00:00+04:00","by":"t1"}
    /// ```
    /// An absence from the lesson of 2 September recorded on the 3rd:
    /// `attendance_entered_late`.
    pub struct AttendanceEnteredLate {
        id: "attendance_entered_late", clause: "2.7", severity: Warning, when: Entry,
        title: "Отсутствие отмечено не в день урока" / "Absence marked after the lesson's day",
        fix: "отмечать отсутствующих в день урока"
            / "mark absences on the day of the lesson",
        checks: "Первая отметка об отсутствии в каждой клетке (урок и ученик): самая ранняя запись \
            посещаемости с кодом отсутствия (Н, УП, Б, НП). Если она внесена позже дня урока, \
            это замечание; срок — конец дня урока. Последующие записи, меняющие код (Н на УП, Б \
            или НП), — это еженедельная сверка классного руководителя (3.2), а не опоздание. \
            Отметки «присутствовал», ОП (опоздал) и ОСВ (освобождён) — не отсутствие. Если у \
            первой отметки нет времени внесения, клетка не проверяется. Сообщается при внесении \
            записи.",
        needs: [At, Attendance], reach: Day, scope: Students,
    }
}

impl Rule for AttendanceEnteredLate {
    fn attendance(&self, cx: &Cx<'_>, absence: &AttendanceRec, out: &mut Vec<Finding>) {
        if !absence.code.is_absence() {
            return;
        }
        let Some(lesson) = cx.lesson(absence.lesson) else {
            return;
        };
        if !cx.judges(&Self::META, Item::cell(lesson, absence.student)) {
            return;
        }
        let first = cx
            .reg
            .cell(absence.lesson, absence.student)
            .find(|a| a.code.is_absence());
        // Entries made at the same moment are equally first.
        if first.map(|a| a.stamp.at) != Some(absence.stamp.at) {
            return;
        }
        let Some(at) = absence.stamp.at else { return };
        if at < time::day_end(lesson.date) {
            return;
        }
        let name = cx.student_name(absence.student);
        out.push(
            cx.draft(&Self::META, absence.stamp.event)
                .lesson(lesson)
                .student(absence.student)
                .due_date(lesson.date)
                .say(
                    format!(
                        "{name}: отсутствие («{}») на уроке {} отмечено {}, а не в день урока",
                        attendance_ru(absence.code),
                        ru_date(lesson.date),
                        ru_time(at)
                    ),
                    format!(
                        "{name}: the absence (`{}`) from the lesson of {} was entered at {}, not on the lesson's day",
                        attendance_ru(absence.code),
                        lesson.date,
                        en_time(at)
                    ),
                ),
        );
    }
}
