use super::*;
use crate::event::AttendanceCode;

declare_rule! {
    /// A failing mark on one of the first lessons a student attends after a long absence.
    ///
    /// ## Clause
    /// 3.3: учитель-предметник «не имеет права выставлять неудовлетворительные отметки на
    /// первых уроках после длительного отсутствия учащихся».
    ///
    /// ## What it checks
    /// Every `mark` whose value is in `failing_marks` (1 and 2), judged as it was made. The
    /// lessons of the mark's stream — its subject for its class and group — up to and
    /// including the mark's lesson are taken in order of date and start, keeping those
    /// recorded by the mark's `at` and those the student was one of the students of
    /// (enrolled, in the class and group that day, as known then). Walking back from the
    /// mark's lesson, which counts as attended, the lessons attended (not marked absent by
    /// then; `ОП`, late, is attended) are counted up to the first missed one; then the
    /// missed lessons in a row before them. A lesson the student was exempt from (`ОСВ`)
    /// is neither: it is passed over, neither ending a run of missed lessons nor counting
    /// as one of the first lessons back. When the mark's lesson is at most the `protected_lessons_after_absence`-th
    /// lesson attended (2 by default) after at least `long_absence_lessons` (3 by default)
    /// missed in a row, it is a finding. Every absence counts, excused or not: the rule
    /// protects a student who missed the material. The numbers are the policy's: the
    /// Regulation says only «первых уроках» and «длительного отсутствия». Told on entry.
    ///
    /// On a part of a register the mark is judged only when the part holds the student,
    /// with attendance, on every day the verdict rests on: back to the lesson that settled
    /// it (a lesson attended before the run of absences, or the lesson attended one too
    /// many), or to the earliest absence of a run long enough (the run may have begun
    /// earlier: the message then counts the absences the part shows); when the lessons run
    /// out before the verdict is settled, back to the school year's first day. A run of
    /// absences that may begin before the part begins leaves the mark not judged, counted
    /// in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"attendance","lesson":"l1","student":"s1","code":"Б","at":"2024-09-02T09:00:00+04:00","by":"t1"}
    /// {"type":"attendance","lesson":"l2","student":"s1","code":"Б","at":"2024-09-03T09:00:00+04:00","by":"t1"}
    /// {"type":"attendance","lesson":"l3","student":"s1","code":"Б","at":"2024-09-04T09:00:00+04:00","by":"t1"}
    /// {"type":"mark","lesson":"l4","student":"s1","value":2,"at":"2024-09-05T09:20:00+04:00","by":"t1"}
    /// ```
    /// A «2» on the first lesson back after three missed: `failing_mark_after_absence`.
    pub struct FailingMarkAfterAbsence {
        id: "failing_mark_after_absence", clause: "3.3", severity: Error, when: Entry,
        title: "Неудовлетворительная отметка после длительного отсутствия" / "Failing mark after a long absence",
        fix: "не ставить «2» на первых уроках после длительного отсутствия"
            / "give no failing mark on the first lessons after a long absence",
        checks: "Каждая отметка из `failing_marks` (1 и 2): уроки потока (предмет, класс и подгруппа) \
            до урока отметки включительно, внесённые к её времени, на которых ученик числился, \
            берутся по порядку. Если урок отметки — не дальше \
            `protected_lessons_after_absence`-го (2) посещённого урока после не менее чем \
            `long_absence_lessons` (3) пропущенных подряд, это замечание. Учитывается любой \
            пропуск, уважительный или нет; урок с ОСВ пропускается при счёте; ОП (опоздание) — \
            посещение. Числа — из политики: в Положении сказано только «на первых уроках» и \
            «длительного отсутствия». Сообщается при внесении записи.",
        needs: [Attendance], reach: EarlierLessons, scope: Students,
    }
}

impl Rule for FailingMarkAfterAbsence {
    fn mark(&self, cx: &Cx<'_>, mark: &MarkRec, out: &mut Vec<Finding>) {
        if !cx.policy.failing_marks.contains(&mark.value) {
            return;
        }
        let (Some(lesson), Some(student)) = (cx.lesson(mark.lesson), cx.student(mark.student))
        else {
            return;
        };
        let protected = usize::try_from(cx.policy.protected_lessons_after_absence).unwrap_or(0);
        let long = usize::try_from(cx.policy.long_absence_lessons).unwrap_or(usize::MAX);
        let earlier = cx
            .reg
            .stream_before(lesson, cx.horizon)
            .filter(|l| cx.reg.in_lesson(student, l, cx.horizon));
        // The mark's lesson is the first attended, counting back; `reached` is the day of
        // the earliest lesson the verdict rests on.
        let (mut attended, mut missed) = (1usize, 0usize);
        let (mut reached, mut settled) = (lesson.date, false);
        for l in earlier {
            let code = cx.reg.code(l, student.id, cx.horizon);
            // A lesson the student was exempt from is neither attended nor missed.
            if code.is_some_and(|c| !c.is_absence() && !c.attended()) {
                continue;
            }
            reached = l.date;
            let absent = code.is_some_and(AttendanceCode::is_absence);
            match (absent, missed) {
                (false, 0) => attended += 1,
                (true, _) => missed += 1,
                (false, _) => settled = true,
            }
            settled |= attended > protected;
            if settled {
                break;
            }
        }
        let failing = attended <= protected && missed >= long;
        // A run of absences long enough stands whatever came before it; any other verdict
        // rests on every lesson back to the one that settled it, or, when the lessons ran
        // out, back to the school year's first day.
        let from = if settled || failing {
            reached
        } else {
            cx.year_start(lesson)
        };
        if !cx.judges(&Self::META, Item::cell(lesson, mark.student).back_to(from)) || !failing {
            return;
        }
        let lessons_ru = ru_plural(missed, "урока", "уроков", "уроков");
        out.push(
            cx.draft(&Self::META, mark.stamp.event)
                .lesson(lesson)
                .student(mark.student)
                .say(
                    format!(
                        "неудовлетворительная отметка «{}» {} на {attended}-м уроке после пропуска {missed} {lessons_ru} подряд: на первых уроках после длительного отсутствия такие отметки не ставятся",
                        mark.value,
                        ru_date(lesson.date),
                    ),
                    format!(
                        "failing mark `{}` on {}, the {} lesson attended after missing {missed} in a row: no failing marks on the first lessons after a long absence",
                        mark.value,
                        lesson.date,
                        en_ordinal(attended),
                    ),
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    /// Lessons l1…l`n` on consecutive days from 2 September, `s1` absent on those listed.
    fn stream(n: usize, absent_on: &[usize]) -> Vec<String> {
        let mut out = Vec::new();
        for i in 1..=n {
            let date = format!("2024-09-{:02}", i + 1);
            out.push(lesson(&format!("l{i}"), &date, "08:30", ""));
            if absent_on.contains(&i) {
                out.push(attendance(
                    &format!("l{i}"),
                    "s1",
                    "Б",
                    &format!("{date}T08:40"),
                ));
            }
        }
        out
    }

    fn run(mut events: Vec<String>, mark_on: usize, value: u8) -> Vec<crate::Finding> {
        let date = format!("2024-09-{:02}", mark_on + 1);
        events.push(mark(
            &format!("l{mark_on}"),
            "s1",
            value,
            &format!("{date}T20:00"),
            "",
        ));
        findings(
            "failing_mark_after_absence",
            Policy::default(),
            &register(&events),
            "2024-10-01T12:00",
        )
    }

    #[test]
    fn the_first_two_lessons_back_are_protected() {
        assert_eq!(run(stream(4, &[1, 2, 3]), 4, 2).len(), 1);
        assert_eq!(run(stream(5, &[1, 2, 3]), 5, 1).len(), 1);
        assert!(run(stream(6, &[1, 2, 3]), 6, 2).is_empty());
        assert!(run(stream(5, &[1, 2, 3]), 5, 3).is_empty());
        let found = run(stream(6, &[1, 2, 3, 4]), 6, 2);
        assert!(
            found[0]
                .message
                .en
                .contains("the 2nd lesson attended after missing 4"),
            "{found:?}"
        );
    }

    #[test]
    fn the_absences_must_be_in_a_row() {
        assert!(run(stream(5, &[1, 2]), 4, 2).is_empty());
        assert!(run(stream(6, &[1, 2, 4]), 5, 2).is_empty());
    }

    #[test]
    fn absences_recorded_after_the_mark_or_withdrawn_do_not_count() {
        let mut events = stream(4, &[1, 2]);
        events.push(mark("l4", "s1", 2, "2024-09-05T20:00", ""));
        events.push(attendance("l3", "s1", "НП", "2024-09-06T10:00"));
        let found = findings(
            "failing_mark_after_absence",
            Policy::default(),
            &register(&events),
            "2024-10-01T12:00",
        );
        assert!(found.is_empty(), "{found:?}");
        let mut events = stream(4, &[1, 2, 3]);
        events.push(attendance("l3", "s1", "present", "2024-09-04T12:00"));
        assert!(run(events, 4, 2).is_empty());
    }

    #[test]
    fn a_late_lesson_is_attended_and_an_exempt_one_is_passed_over() {
        // Missed l1–l3, late on l4: the «2» on l6 is on the third lesson back.
        let mut events = stream(6, &[1, 2, 3]);
        events.push(attendance("l4", "s1", "ОП", "2024-09-05T08:40"));
        assert!(run(events, 6, 2).is_empty());
        // Exempt from l4: the «2» on l6 is on the second lesson back.
        let mut events = stream(6, &[1, 2, 3]);
        events.push(attendance("l4", "s1", "ОСВ", "2024-09-05T08:40"));
        assert_eq!(run(events, 6, 2).len(), 1);
        // Missed l1, l2 and l4, exempt from l3: three missed in a row before l5.
        let mut events = stream(5, &[1, 2, 4]);
        events.push(attendance("l3", "s1", "ОСВ", "2024-09-04T08:40"));
        let found = run(events, 5, 2);
        assert!(
            found[0].message.en.contains("after missing 3 in a row"),
            "{found:?}"
        );
    }

    #[test]
    fn lessons_of_a_group_the_student_was_not_in_are_skipped() {
        let mut events = vec![
            r#"{"type":"student","id":"s3","class":"5a","groups":{"Английский язык":"g1"}}"#
                .to_owned(),
        ];
        for (i, group) in ["g1", "g1", "g2", "g1", "g1"].iter().enumerate() {
            let date = format!("2024-09-{:02}", i + 2);
            events.push(format!(
                r#"{{"type":"lesson","id":"e{i}","class":"5a","group":"{group}","subject":"Английский язык","teacher":"t1","date":"{date}","start":"08:30","end":"09:15","topic":"Тема","at":"{date}T08:30:00+04:00","by":"t1"}}"#
            ));
        }
        events.push(attendance("e0", "s3", "Б", "2024-09-02T08:40"));
        events.push(attendance("e1", "s3", "Б", "2024-09-03T08:40"));
        events.push(attendance("e3", "s3", "Б", "2024-09-05T08:40"));
        events.push(mark("e4", "s3", 2, "2024-09-06T20:00", ""));
        let found = findings(
            "failing_mark_after_absence",
            Policy::default(),
            &register(&events),
            "2024-10-01T12:00",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
