use super::*;

declare_rule! {
    /// Homework entered more than an hour (policy) after the class's last lesson that day.
    ///
    /// ## Clause
    /// 2.8: «Внесение в журнал информации о домашнем задании производится учителем-
    /// предметником в день проведения урока. Задание должно вноситься в журнал не позднее
    /// чем через 1 час после окончания всех уроков данных обучающихся.»
    ///
    /// ## What it checks
    /// The first homework entry of a lesson, by `at` (entries without `at` first, then by
    /// text): whole-class homework and individual homework for a set of students are judged
    /// apart, so the first entry is taken per lesson and set of students. It is late when
    /// its `at` comes after the end of the class's last lesson on the lesson's day — the
    /// latest `end` among that day's lessons of the class, every group, each as its version
    /// in force at the audit says — plus `homework_deadline_after_last_lesson` minutes (60).
    /// That moment is the missed deadline. Later entries for the same lesson and students
    /// are corrections, not late homework.
    ///
    /// The day's later lessons may be recorded after the homework, so the deadline is only
    /// known once the register is whole: the rule says nothing while entries are pushed and
    /// judges each homework at the audit. A lesson without homework is not a finding
    /// (homework is not owed for every lesson). Homework without `at` is not checked, and
    /// neither is homework in a grade of `no_marks_grades`: homework is not given there at
    /// all, which `grade1_homework` reports.
    ///
    /// The deadline needs every lesson of the class that day: on a part of a register that
    /// holds only some of its students (a student's diary shows their own groups' lessons),
    /// or whose source lacks entry times, the homework is not judged and is counted in
    /// `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Натуральные числа","at":"2024-09-02T09:10:00+04:00","by":"t1"}
    /// {"type":"lesson","id":"l2","class":"5a","subject":"История","teacher":"t2","date":"2024-09-02","start":"13:00","end":"13:45","topic":"Древний Египет","at":"2024-09-02T13:40:00+04:00","by":"t2"}
    /// {"type":"homework","lesson":"l1","text":"№ 12, 15","at":"2024-09-02T19:00:00+04:00","by":"t1"}
    /// ```
    /// The class's lessons end at 13:45, so homework was due by 14:45: `homework_entered_late`.
    pub struct HomeworkEnteredLate {
        id: "homework_entered_late", clause: "2.8", severity: Warning, when: EntryAndAudit,
        title: "Домашнее задание внесено поздно" / "Homework entered late",
        fix: "вносить домашнее задание не позднее часа после последнего урока класса"
            / "enter homework within an hour after the class's last lesson",
        checks: "Первая запись домашнего задания к уроку (общее задание и индивидуальные задания для \
            разных учеников — отдельно): она опоздала, если внесена позже окончания последнего \
            урока класса в этот день плюс `homework_deadline_after_last_lesson` минут (60). \
            Последующие записи — исправления. Так как остальные уроки дня могут быть внесены \
            позже задания, правило судит на дату проверки, когда журнал полон. Урок без \
            домашнего задания — не замечание. Задания без времени внесения и задания в \
            параллелях из `no_marks_grades` не проверяются.",
        needs: [At, Homework], reach: Day, scope: Class,
    }
}

impl Rule for HomeworkEnteredLate {
    fn homework(&self, cx: &Cx<'_>, homework: &HomeworkRec, out: &mut Vec<Finding>) {
        if !cx.complete {
            return;
        }
        let Some(lesson) = cx.lesson(homework.lesson) else {
            return;
        };
        if cx
            .grade(lesson.class)
            .is_some_and(|g| cx.policy.no_marks(g))
        {
            return;
        }
        if !cx.judges(&Self::META, Item::class(lesson.class, lesson.date)) {
            return;
        }
        let Some(at) = homework.stamp.at else { return };
        if !is_first(cx, homework) {
            return;
        }
        let Some(end) = cx.reg.last_lesson_end(lesson.class, lesson.date, cx.as_of) else {
            return;
        };
        let minutes = cx.policy.homework_deadline_after_last_lesson;
        let deadline = end.on(lesson.date) + Time::from(minutes) * 60;
        if at <= deadline {
            return;
        }
        let mut draft = cx
            .draft(&Self::META, homework.stamp.event)
            .lesson(lesson)
            .due_time(deadline);
        if !homework.students.is_empty() {
            draft = draft.students(&homework.students);
        }
        out.push(draft.say(
            format!(
                "домашнее задание к уроку {} внесено {}, позже срока {} (через {} мин после окончания последнего урока класса в {})",
                ru_date(lesson.date),
                ru_time(at),
                ru_time(deadline),
                minutes,
                end,
            ),
            format!(
                "homework for the lesson of {} was entered at {}, after the deadline {} ({} after the class's last lesson ended at {})",
                lesson.date,
                en_time(at),
                en_time(deadline),
                en_count(minutes, "minute", "minutes"),
                end,
            ),
        ));
    }
}

/// Whether `homework` is the first entry for its lesson and set of students: no other entry
/// for them was made before it (by `at`, entries without `at` first, then by text; of two
/// identical entries, the one earlier in the input).
fn is_first(cx: &Cx<'_>, homework: &HomeworkRec) -> bool {
    let set = |h: &HomeworkRec| {
        let mut students = h.students.clone();
        students.sort_unstable();
        students.dedup();
        students
    };
    let students = set(homework);
    fn key(h: &HomeworkRec) -> (Option<Time>, &str, u32) {
        (h.stamp.at, &h.text, h.stamp.event)
    }
    cx.reg
        .homework_on(homework.lesson)
        .filter(|h| set(h) == students)
        .all(|h| key(h) >= key(homework))
}
