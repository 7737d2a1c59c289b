use std::collections::BTreeMap;

use chrono::Datelike;

use super::*;

use crate::event::{AttendanceCode, FinalValue, NoticeReason};

declare_rule! {
    /// Parents not told that their child is failing or misses lessons without a reason.
    ///
    /// ## Clause
    /// 3.2: the class teacher «оповещает родителей (законных представителей) неуспевающих
    /// обучающихся и обучающихся, пропускающих занятия по неуважительной причине»; 3.3: the
    /// subject teacher «оповещает классных руководителей и родителей (законных
    /// представителей) неуспевающих обучающихся и обучающихся, пропускающих занятия».
    ///
    /// ## What it checks
    /// At the audit, two duties, each met by a `parent_notice` for the student with that
    /// `reason`, recorded by `as_of` and dated from the day the duty arose to
    /// `parent_notice_within_days` (7) days after it; a notice to either parent, or without
    /// `parent`, counts. Each is reported once its last day is over with no such notice.
    ///
    /// - **Failing** (`failing`): a final mark of any period (quarter, trimester,
    ///   half-year or year) that is one of `failing_marks` (1, 2) or «н/а», from the day it
    ///   was entered. A mark corrected before its last day by another (a «2» entered by
    ///   mistake for «3») owes nothing; the entry in force at that day does. A final mark
    ///   without `at` is not judged (when the days began is unknown), nor one for a
    ///   student not enrolled on its day, nor one in a `no_marks_grades` grade (the mark
    ///   itself is `grade1_mark`'s).
    /// - **Unexcused absences** (`unexcused_absence`): `unexcused_absences_for_notice` (3)
    ///   or more lessons of one week, Monday to Sunday, missed with `НП` (as the cell reads
    ///   at the audit), by a student of the lesson, from the week's Monday (the class
    ///   teacher may tell the parents as soon as the count is reached) to the days after
    ///   its Sunday. One finding per student and week.
    ///
    /// The finding is handed to the class teacher of the student's class (3.2), else to
    /// whoever entered the final mark; `due` is the last day of the notice.
    ///
    /// ## Example
    /// ```json
    /// {"type":"final_mark","student":"s1","subject":"Математика","period":"q1","value":2,"at":"2024-10-25T15:00:00+04:00","by":"t1"}
    /// ```
    /// No `parent_notice` for `s1` with `"reason": "failing"` dated 25 October to 1
    /// November, checked on 2 November: `parent_not_notified`.
    pub struct ParentNotNotified {
        id: "parent_not_notified", clause: "3.2", severity: Warning, when: Audit,
        title: "Родители не оповещены" / "Parents not notified",
        fix: "оповестить родителей и внести запись об оповещении"
            / "notify the parents and record the notice",
        checks: "При проверке — две обязанности, каждую исполняет запись `parent_notice` с \
            нужной причиной в течение `parent_notice_within_days` (7) дней. Неуспевающий \
            (`failing`): итоговая отметка из `failing_marks` или «н/а» — со дня её внесения. \
            Пропуски без уважительной причины (`unexcused_absence`): \
            `unexcused_absences_for_notice` (3) и больше уроков с НП за неделю — с понедельника \
            этой недели. Находка передаётся классному руководителю.",
        needs: [Parents, FinalMarks, Attendance], reach: Between, scope: Students,
    }
}

impl Rule for ParentNotNotified {
    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        self.failing(cx, out);
        self.absences(cx, now, out);
    }
}

impl ParentNotNotified {
    /// Failing and «н/а» final marks with no notice within the days after their entry.
    fn failing(&self, cx: &Cx<'_>, out: &mut Vec<Finding>) {
        let reg = cx.reg;
        let within = i64::from(cx.policy.parent_notice_within_days);
        for (class, rec) in reg.classes() {
            if cx.policy.no_marks(rec.grade) {
                continue;
            }
            for student in reg.students_of_class(class) {
                for mark in reg.final_marks_of(student.id) {
                    let failing = match mark.value {
                        FinalValue::Mark(m) => cx.policy.failing_marks.contains(&m.get()),
                        FinalValue::NotAttested => true,
                    };
                    let Some(at) = mark.stamp.at.filter(|_| failing && cx.visible(&mark.stamp))
                    else {
                        continue;
                    };
                    // A mark of an undeclared period is `unknown_reference`'s alone.
                    if reg.period(mark.period).is_none() {
                        continue;
                    }
                    let entered = time::date_of(at);
                    let due = time::add_days(entered, within);
                    if !cx.day_over(due) || !reg.enrolled(student, entered, cx.horizon) {
                        continue;
                    }
                    let in_force = reg.final_mark_of(
                        student.id,
                        mark.subj,
                        mark.period,
                        Some(time::day_end(due) - 1),
                    );
                    if in_force.map(|f| f.stamp.event) != Some(mark.stamp.event)
                        || !cx.judges(&Self::META, Item::student(student.id, entered).on_to(due))
                        || told(cx, student.id, NoticeReason::Failing, entered, due)
                    {
                        continue;
                    }
                    let value = final_value(mark.value);
                    let subject = cx.name(mark.subject);
                    let period = cx.name(mark.period);
                    let name = cx.student_name(student.id);
                    let (what_ru, what_en) = match mark.value {
                        FinalValue::NotAttested => {
                            ("о том, что ученик не аттестован,", "not attested")
                        }
                        FinalValue::Mark(_) => ("о неуспеваемости", "failing"),
                    };
                    let draft = cx
                        .draft(&Self::META, mark.stamp.event)
                        .final_mark(mark)
                        .due_date(due);
                    let draft = hand_to_class_teacher(cx, draft, class);
                    out.push(draft.say(
                        format!(
                            "{name}: итоговая отметка «{value}» по предмету «{subject}» за период «{period}» внесена {}, а родителям не сообщено {what_ru} до {} (оповещение — в течение {} после отметки)",
                            ru_date(entered),
                            ru_date(due),
                            ru_days(within),
                        ),
                        format!(
                            "{name}: final mark `{value}` in `{subject}` for period `{period}` was entered on {entered}, and the parents were not told ({what_en}) by {due} (within {} of the mark)",
                            en_days(within),
                        ),
                    ));
                }
            }
        }
    }

    /// Weeks with enough unexcused absences and no notice within the days after them.
    fn absences(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        let reg = cx.reg;
        let within = i64::from(cx.policy.parent_notice_within_days);
        let needed = cx.policy.unexcused_absences_for_notice as usize;
        // Per student and week (its Monday): the unexcused lessons.
        let mut weeks: BTreeMap<(Sym, chrono::NaiveDate), usize> = BTreeMap::new();
        for (lesson, student) in reg.attendance_cells() {
            if reg.code(lesson, student, Some(now)) != Some(AttendanceCode::Unexcused) {
                continue;
            }
            let (Some(lesson), Some(rec)) = (cx.lesson(lesson), cx.student(student)) else {
                continue;
            };
            if !reg.lesson_visible(lesson, Some(now)) || !reg.in_lesson(rec, lesson, Some(now)) {
                continue;
            }
            let monday = time::add_days(
                lesson.date,
                -i64::from(lesson.date.weekday().num_days_from_monday()),
            );
            *weeks.entry((student, monday)).or_default() += 1;
        }
        for ((student, monday), count) in weeks {
            let sunday = time::add_days(monday, 6);
            let due = time::add_days(sunday, within);
            if count < needed
                || !cx.day_over(due)
                || !cx.judges(&Self::META, Item::student(student, monday).on_to(due))
                || told(cx, student, NoticeReason::UnexcusedAbsence, monday, due)
            {
                continue;
            }
            let Some(rec) = cx.student(student) else {
                continue;
            };
            let name = cx.student_name(student);
            let draft = cx
                .draft(&Self::META, rec.event)
                .student(student)
                .date(sunday)
                .due_date(due);
            let draft = hand_to_class_teacher(cx, draft, rec.class);
            out.push(draft.say(
                format!(
                    "{name}: {count} {} по неуважительной причине (НП) за неделю {}–{}, а родителям об этом не сообщено до {} (оповещение — в течение {} после конца недели)",
                    ru_plural(count, "урок пропущен", "урока пропущено", "уроков пропущено"),
                    ru_date(monday),
                    ru_date(sunday),
                    ru_date(due),
                    ru_days(within),
                ),
                format!(
                    "{name}: {count} {} missed without a good reason (НП) in the week of {monday} to {sunday}, and the parents were not told by {due} (within {} of the week's end)",
                    if count == 1 { "lesson" } else { "lessons" },
                    en_days(within),
                ),
            ));
        }
    }
}

/// Whether the register holds, by the audit, a notice of `reason` for the student dated
/// from `from` to `to`.
fn told(
    cx: &Cx<'_>,
    student: Sym,
    reason: NoticeReason,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> bool {
    cx.reg
        .parent_notices_of(student)
        .any(|n| n.reason == reason && cx.visible(&n.stamp) && from <= n.date && n.date <= to)
}

/// The finding's teacher: the class teacher, who tells the parents (3.2), when the class
/// has one.
fn hand_to_class_teacher<'c, 'a>(cx: &Cx<'a>, draft: Draft<'c, 'a>, class: Sym) -> Draft<'c, 'a> {
    match cx.reg.class_teacher(class) {
        Some(teacher) => draft.teacher(teacher),
        None => draft,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    fn run(events: &[String], as_of: &str) -> Vec<crate::Finding> {
        findings(
            "parent_not_notified",
            Policy::default(),
            &register(events),
            as_of,
        )
    }

    fn notice(student: &str, reason: &str, date: &str) -> String {
        format!(
            r#"{{"type":"parent_notice","student":"{student}","reason":"{reason}","date":"{date}","at":"{date}T16:00:00+04:00","by":"t1"}}"#
        )
    }

    #[test]
    fn a_failing_final_mark_is_told_within_the_days() {
        let events = vec![final_mark(
            "s1",
            "Математика",
            "q1",
            "2",
            "2024-10-25T15:00",
        )];
        assert!(run(&events, "2024-11-01T20:00").is_empty());
        let found = run(&events, "2024-11-02T08:00");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].teacher.as_deref(), Some("t1"));
        assert_eq!(
            found[0].due.map(|d| d.to_string()).as_deref(),
            Some("2024-11-01")
        );
        assert!(
            found[0]
                .message
                .ru
                .contains("в течение 7 дней после отметки"),
            "{found:?}"
        );
        let mut told = events.clone();
        told.push(notice("s1", "failing", "2024-10-28"));
        assert!(run(&told, "2024-11-02T08:00").is_empty());
        // A notice of the other reason, or too late, does not count.
        let mut wrong = events.clone();
        wrong.push(notice("s1", "unexcused_absence", "2024-10-28"));
        wrong.push(notice("s1", "failing", "2024-11-02"));
        assert_eq!(run(&wrong, "2024-11-03T08:00").len(), 1);
        // «н/а» too; a «3» not; a «2» corrected the next day owes nothing.
        let na = vec![final_mark(
            "s1",
            "Математика",
            "q1",
            r#""na""#,
            "2024-10-25T15:00",
        )];
        assert_eq!(run(&na, "2024-11-02T08:00").len(), 1);
        let three = vec![final_mark(
            "s1",
            "Математика",
            "q1",
            "3",
            "2024-10-25T15:00",
        )];
        assert!(run(&three, "2024-11-02T08:00").is_empty());
        let mut corrected = events;
        corrected.push(final_mark(
            "s1",
            "Математика",
            "q1",
            "3",
            "2024-10-26T09:00",
        ));
        assert!(run(&corrected, "2024-11-02T08:00").is_empty());
    }

    #[test]
    fn three_unexcused_absences_in_a_week() {
        let mut events = Vec::new();
        for (i, day) in ["2024-09-02", "2024-09-04", "2024-09-06"]
            .iter()
            .enumerate()
        {
            let id = format!("l{i}");
            events.push(lesson(&id, day, "08:30", ""));
            events.push(attendance(&id, "s1", "Н", &format!("{day}T08:40")));
            events.push(attendance(&id, "s1", "НП", "2024-09-06T16:00"));
        }
        assert!(run(&events, "2024-09-15T20:00").is_empty());
        let found = run(&events, "2024-09-16T08:00");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-09-08")
        );
        assert!(
            found[0].message.ru.contains("3 урока пропущено"),
            "{found:?}"
        );
        // Told on the Friday of the week itself: in time.
        let mut told = events.clone();
        told.push(notice("s1", "unexcused_absence", "2024-09-06"));
        assert!(run(&told, "2024-09-16T08:00").is_empty());
        // Two unexcused and one excused: no duty.
        let mut excused = events;
        excused.push(attendance("l2", "s1", "УП", "2024-09-07T10:00"));
        assert!(run(&excused, "2024-09-16T08:00").is_empty());
    }
}
