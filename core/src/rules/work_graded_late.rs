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
    ///   register stands at the audit: the next lesson is often recorded after the mark (at
    ///   its end, or days later), and its start is the deadline whenever it was recorded.
    ///   With no next lesson recorded by `as_of` the mark is not late. A mark entered at the
    ///   very start is on time.
    ///
    /// A mark in a cell marked absent by the time it was entered is not checked: the
    /// student wrote the work later, on their own or in a sanatorium (3.3, 2.12), and the
    /// deadline counts from the lesson the class wrote it on. A deadline in days is told on
    /// entry; a next-lesson deadline at the audit, as `homework_entered_late` waits for the
    /// day's last lesson (nothing told on entry is ever withdrawn that way).
    ///
    /// On a part of a register whose source lacks entry times or attendance, no such mark
    /// is judged; nor one due by the next lesson unless the part holds the lesson's stream
    /// from the lesson to the next one (or, with none, to the day the mark was entered).
    /// Each is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Контрольная работа №1","work":"control_work","at":"2024-09-02T09:15:00+04:00","by":"t1"}
    /// {"type":"lesson","id":"l2","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-03","start":"08:30","end":"09:15","topic":"Анализ контрольной работы","at":"2024-09-03T09:15:00+04:00","by":"t1"}
    /// {"type":"mark","lesson":"l1","student":"s1","value":4,"at":"2024-09-04T18:00:00+04:00","by":"t1"}
    /// ```
    /// The control work's marks were due by the next lesson, 3 September 08:30: `work_graded_late`.
    pub struct WorkGradedLate {
        id: "work_graded_late", clause: "3.3", severity: Warning, when: EntryAndAudit,
        title: "Отметка за работу выставлена поздно" / "Work graded late",
        fix: "выставлять отметки за письменные работы в установленный срок"
            / "grade written works by their deadline",
        checks: "Каждая текущая отметка со временем внесения за вид работы, для которого в \
            `grading_deadlines` есть срок для параллели класса: через `n` дней — до конца `n`-го \
            дня после урока (сообщается при внесении); «к следующему уроку» — до начала \
            следующего урока того же предмета у того же класса и подгруппы, каким журнал стоит \
            при проверке (следующий урок часто вносится позже отметки; если его нет к `as_of`, \
            отметка не поздняя; сообщается при проверке). Отметка в клетке с пропуском не \
            проверяется: ученик писал работу позже.",
        needs: [At, Attendance], reach: Later, scope: Students,
    }
}

impl Rule for WorkGradedLate {
    fn mark(&self, cx: &Cx<'_>, mark: &MarkRec, out: &mut Vec<Finding>) {
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
        let item = match deadline {
            Deadline::Days(_) => Item::cell(lesson, mark.student),
            // The next lesson known when the mark was made: the part must hold the stream
            // up to it, or, with none, up to the day the mark was made.
            Deadline::NextLesson => {
                let until = match cx.reg.next_lesson(lesson, cx.horizon) {
                    Some(next) => next.date,
                    None => mark.stamp.at.map_or(lesson.date, time::date_of),
                };
                Item::stream(lesson).on_to(until)
            }
        };
        if !cx.judges(&Self::META, item) {
            return;
        }
        let Some(at) = mark.stamp.at else { return };
        if cx.reg.absent(lesson, mark.student, cx.horizon) {
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
                    format!(
                        "срок — {} после урока, до конца {}",
                        ru_days(days.into()),
                        ru_date(due)
                    ),
                    format!(
                        "due {} after the lesson, by the end of {due}",
                        en_count(days, "day", "days")
                    ),
                )
            }
            Deadline::NextLesson => {
                // The next lesson may be recorded after the mark (at its end, or days
                // later in an import): the deadline is known only once the register is
                // whole, so the mark waits for the audit.
                if !cx.complete {
                    return;
                }
                let Some(start) = cx
                    .reg
                    .next_lesson(lesson, cx.as_of)
                    .and_then(|next| cx.reg.start_at(next, cx.as_of))
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
                work_en(work),
                lesson.date,
                en_time(at),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    fn run(events: &[String]) -> Vec<crate::Finding> {
        findings(
            "work_graded_late",
            Policy::default(),
            &register(events),
            "2024-10-01T12:00",
        )
    }

    #[test]
    fn a_control_work_is_graded_by_the_next_lesson() {
        let control = r#","work":"контрольная работа""#;
        let base = vec![
            lesson("l1", "2024-09-02", "08:30", control),
            lesson("l2", "2024-09-04", "10:20", ""),
        ];
        let with = |at: &str| {
            let mut events = base.clone();
            events.push(mark("l1", "s1", 4, at, ""));
            run(&events)
        };
        assert!(with("2024-09-04T10:20").is_empty());
        let found = with("2024-09-04T10:21");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].due.map(|d| d.to_string()).as_deref(),
            Some("2024-09-04T10:20:00+04:00")
        );
    }

    #[test]
    fn without_a_next_lesson_recorded_it_is_not_late() {
        let events = vec![
            lesson("l1", "2024-09-02", "08:30", r#","work":"control_work""#),
            mark("l1", "s1", 4, "2024-09-10T10:00", ""),
        ];
        assert!(run(&events).is_empty());
    }

    #[test]
    fn a_next_lesson_recorded_after_the_mark_still_sets_the_deadline() {
        // The issue's example: the control work on 16 September, the next lesson on 18
        // September at 09:25 recorded on 20 September, the mark on 19 September at 12:00.
        let events = vec![
            lesson("l1", "2024-09-16", "08:30", r#","work":"control_work""#),
            mark("l1", "s1", 4, "2024-09-19T12:00", ""),
            lesson("l2", "2024-09-18", "09:25", "")
                .replace("2024-09-18T09:25:00", "2024-09-20T10:00:00"),
        ];
        let found = run(&events);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].due.map(|d| d.to_string()).as_deref(),
            Some("2024-09-18T09:25:00+04:00")
        );
        // A mark entered during the next lesson, which the teacher records at its end.
        let events = vec![
            lesson("l1", "2024-09-16", "08:30", r#","work":"control_work""#),
            mark("l1", "s1", 4, "2024-09-18T09:40", ""),
            lesson("l2", "2024-09-18", "09:25", "")
                .replace("2024-09-18T09:25:00", "2024-09-18T10:10:00"),
        ];
        assert_eq!(run(&events).len(), 1);
    }

    #[test]
    fn compositions_are_graded_within_days() {
        let composition = r#","work":"composition""#;
        let with = |at: &str| {
            run(&[
                lesson("l1", "2024-09-02", "08:30", composition),
                mark("l1", "s1", 4, at, ""),
            ])
        };
        assert!(with("2024-09-09T23:59").is_empty());
        let found = with("2024-09-10T00:00");
        assert_eq!(
            found[0].due.map(|d| d.to_string()).as_deref(),
            Some("2024-09-09")
        );
    }

    #[test]
    fn the_mark_s_own_work_counts_and_absent_students_are_not_checked() {
        let events = vec![
            lesson(
                "l1",
                "2024-09-02",
                "08:30",
                r#","work":["control_work","oral"]"#,
            ),
            lesson("l2", "2024-09-03", "08:30", ""),
            // Two works on the lesson: a mark without `work` is for an oral answer.
            mark("l1", "s1", 4, "2024-09-05T10:00", ""),
            attendance("l1", "s2", "Б", "2024-09-02T08:40"),
            mark(
                "l1",
                "s2",
                4,
                "2024-09-10T10:00",
                r#","work":"control_work","basis":"individual_work""#,
            ),
        ];
        assert!(run(&events).is_empty());
        let mut events = events;
        events.push(mark(
            "l1",
            "s1",
            3,
            "2024-09-05T10:00",
            r#","work":"control_work""#,
        ));
        assert_eq!(run(&events).len(), 1);
    }

    #[test]
    fn the_next_lesson_is_the_one_the_register_holds_at_the_audit() {
        let base = vec![
            lesson("l1", "2024-09-02", "08:30", r#","work":"control_work""#),
            lesson("l2", "2024-09-02", "10:20", ""),
            lesson("l3", "2024-09-03", "10:20", ""),
            mark("l1", "s1", 4, "2024-09-02T10:30", ""),
        ];
        let found = run(&base);
        assert_eq!(
            found[0].due.map(|d| d.to_string()).as_deref(),
            Some("2024-09-02T10:20:00+04:00")
        );
        // Later the second lesson's start is corrected to before the first: the next
        // lesson is the one of 3 September, and the mark was on time.
        let mut moved = base;
        moved.push(
            lesson("l2", "2024-09-02", "08:00", "")
                .replace("2024-09-02T08:00:00", "2024-09-02T12:00:00"),
        );
        assert!(run(&moved).is_empty());
    }
}
