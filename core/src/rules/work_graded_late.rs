use super::*;
use crate::policy::Deadline;

declare_rule! {
    /// A mark for a written work entered after the work's grading deadline.
    ///
    /// ## Clause
    /// 3.3: учитель-предметник «заносит отметку за выполненную письменную работу в ЭКЖ: к
    /// следующему уроку за контрольные диктанты и контрольные работы во 2-9 классах; не
    /// позже, чем через два дня за изложения и сочинения в начальных классах; через неделю
    /// – за изложения и сочинения в 5-9 классах; через 10 дней – за сочинения в 10-11
    /// классах».
    ///
    /// ## What it checks
    /// Every `mark` with an `at` (a mark without one cannot be told late) for a kind of
    /// work — its own `work`, else the lesson's only work, else oral — that has a
    /// `grading_deadlines` entry for the grade of the lesson's class:
    /// - a number of days `n`: due by the end of the day `n` days after the lesson's date;
    /// - `next_lesson`: due by the start of the next lesson of the same subject for the same
    ///   class and group (the same day's second lesson of a double lesson included), as the
    ///   register stood when the mark was entered; with no next lesson recorded by then the
    ///   mark is not late. A mark entered at the very start is on time.
    ///
    /// A mark in a cell marked absent by the time it was entered is not checked: the
    /// student wrote the work later, on their own or in a sanatorium (3.3, 2.12), and the
    /// deadline counts from the lesson the class wrote it on. Told on entry.
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Контрольная работа №1","work":"control_work","at":"2024-09-02T09:15:00+04:00","by":"t1"}
    /// {"type":"lesson","id":"l2","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-03","start":"08:30","end":"09:15","topic":"Анализ контрольной работы","at":"2024-09-03T09:15:00+04:00","by":"t1"}
    /// {"type":"mark","lesson":"l1","student":"s1","value":4,"at":"2024-09-04T18:00:00+04:00","by":"t1"}
    /// ```
    /// The control work's marks were due by the next lesson, 3 September 08:30: `work_graded_late`.
    pub struct WorkGradedLate {
        id: "work_graded_late",
        clause: "3.3",
        severity: Warning,
        when: Entry,
    }
}

impl Rule for WorkGradedLate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn entry(&self, cx: &Cx<'_>, entry: Entry<'_>, out: &mut Vec<Finding>) {
        let Entry::Mark(mark) = entry else {
            return;
        };
        let Some(at) = mark.stamp.at else { return };
        let Some(lesson) = cx.lesson(mark.lesson) else {
            return;
        };
        let work = cx.reg.work_of(mark, cx.version(lesson));
        let Some(deadline) = cx
            .grade(lesson.class)
            .and_then(|grade| cx.policy.grading_deadline(work, grade))
        else {
            return;
        };
        if cx.reg.absent(lesson.id, mark.student, cx.horizon) {
            return;
        }
        let draft = cx
            .draft(&Self::META, mark.stamp.event)
            .lesson(lesson)
            .student(mark.student);
        let (draft, due_ru, due_en) = match deadline {
            Deadline::Days(days) => {
                let due = time::add_days(lesson.date, i64::from(days));
                if at < time::day_end(due) {
                    return;
                }
                let draft = draft.due_date(due);
                (
                    draft,
                    format!("срок — {} дн. после урока, до конца {}", days, ru_date(due)),
                    format!("due {days} days after the lesson, by the end of {due}"),
                )
            }
            Deadline::NextLesson => {
                let Some(start) = cx
                    .reg
                    .next_lesson(lesson, cx.horizon)
                    .and_then(|next| cx.reg.start_at(next, cx.horizon))
                else {
                    return;
                };
                if at <= start {
                    return;
                }
                (
                    draft.due_time(start),
                    format!("срок — к следующему уроку, {}", ru_time(start)),
                    format!("due by the next lesson, {}", en_time(start)),
                )
            }
        };
        out.push(draft.say(
            format!(
                "отметка «{}» за работу «{}» от {} выставлена {}, позже срока ({due_ru})",
                mark.value,
                work_ru(work),
                ru_date(lesson.date),
                ru_time(at),
            ),
            format!(
                "mark `{}` for the {} of {} entered at {}, after the deadline ({due_en})",
                mark.value,
                work,
                lesson.date,
                en_time(at),
            ),
        ));
    }
}
