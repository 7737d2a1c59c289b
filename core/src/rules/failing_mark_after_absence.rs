use super::*;

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
    /// then) are counted up to the first missed one; then the missed lessons in a row
    /// before them. When the mark's lesson is at most the `protected_lessons_after_absence`-th
    /// lesson attended (2 by default) after at least `long_absence_lessons` (3 by default)
    /// missed in a row, it is a finding. Every absence counts, excused or not: the rule
    /// protects a student who missed the material. The numbers are the policy's: the
    /// Regulation says only «первых уроках» and «длительного отсутствия». Told on entry.
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
        id: "failing_mark_after_absence",
        clause: "3.3",
        severity: Error,
        when: Entry,
    }
}

impl Rule for FailingMarkAfterAbsence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn entry(&self, cx: &Cx<'_>, entry: Entry<'_>, out: &mut Vec<Finding>) {
        let Entry::Mark(mark) = entry else {
            return;
        };
        if !cx.policy.failing_marks.contains(&mark.value) {
            return;
        }
        let (Some(lesson), Some(student)) = (cx.lesson(mark.lesson), cx.student(mark.student))
        else {
            return;
        };
        let stream = cx.reg.stream_at(lesson, cx.horizon);
        let Some(here) = stream.iter().position(|l| l.id == lesson.id) else {
            return;
        };
        let protected = usize::try_from(cx.policy.protected_lessons_after_absence).unwrap_or(0);
        let long = usize::try_from(cx.policy.long_absence_lessons).unwrap_or(usize::MAX);
        let earlier = stream
            .get(..here)
            .unwrap_or_default()
            .iter()
            .rev()
            .filter(|l| cx.reg.in_lesson(student, l, cx.horizon));
        // The mark's lesson is the first attended, counting back.
        let (mut attended, mut missed) = (1usize, 0usize);
        for l in earlier {
            let absent = cx.reg.absent(l.id, student.id, cx.horizon);
            match (absent, missed) {
                (false, 0) => attended += 1,
                (true, _) => missed += 1,
                (false, _) => break,
            }
            if attended > protected {
                return;
            }
        }
        if attended > protected || missed < long {
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
