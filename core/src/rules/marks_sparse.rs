use super::*;

declare_rule! {
    /// A student who attended many lessons of a subject in a row without getting a mark.
    ///
    /// ## Clause
    /// 2.9: «Результаты оценивания выполненных обучающимися работ выставляются в
    /// соответствии с Положением о формах, периодичности, порядке текущего контроля
    /// успеваемости и промежуточной аттестации обучающихся»; 4.2: объекты проверки —
    /// «система текущего контроля образовательных результатов обучающихся» (the portals'
    /// «накопляемость отметок»).
    ///
    /// ## What it checks
    /// At the audit, for every student of a class outside `no_marks_grades`, their lessons
    /// of each subject (the whole class's and their subgroup's, names compared case-, «ё»-
    /// and space-insensitively) recorded by `as_of` and whose day is over by then, in
    /// order of date and start. A lesson is the student's when they were enrolled and in
    /// its group on its date. Walking them:
    /// - a lesson with a mark of the student (any mark made by `as_of`, whatever its work or
    ///   `basis`, a mark in an absent cell too) ends the run of lessons without a mark;
    /// - a lesson the student missed (`Н`, `УП`, `Б`, `НП`), was exempt from (`ОСВ`), or sat
    ///   while home-schooled (2.13: the marks are kept in another journal) is passed over:
    ///   it neither counts nor ends the run;
    /// - any other lesson (present, or `ОП`) counts.
    ///
    /// A run of `sparse_marks_lessons` (10) or more counted lessons is one finding, dated
    /// its last lesson (its teacher is that lesson's), however long it grows. The number is
    /// common school practice: the Regulation sends the frequency of marks to the school's
    /// own regulation on assessment (2.9). Audit only, as monitoring.
    ///
    /// On a part of a register, a run is judged only when the part holds the student's
    /// lessons from its first lesson to its last, and, for a run still open at the audit,
    /// on to the audit's day (a later lesson would lengthen it); otherwise it is counted in
    /// `summary.not_judged`.
    ///
    /// ## Example
    /// Ten lessons of «Математика» in 5А from 2 to 13 September, `s1` present at all of them
    /// and never marked: `marks_sparse`, dated 13 September.
    pub struct MarksSparse {
        id: "marks_sparse", clause: "2.9, 4.2", severity: Info, when: Audit,
        title: "Долго без отметок" / "Many lessons without a mark",
        fix: "оценить работу ученика на ближайших уроках"
            / "assess the student's work in the next lessons",
        checks: "При проверке — уроки каждого ученика по каждому предмету (кроме классов из \
            `no_marks_grades`), прошедшие к `as_of`, по порядку. Урок с отметкой ученика \
            прерывает серию; урок, пропущенный (Н, УП, Б, НП), с освобождением (ОСВ) или на \
            домашнем обучении, не считается и серию не прерывает. Серия из \
            `sparse_marks_lessons` (10) уроков и больше — одна находка на её последний урок. \
            К сведению.",
        needs: [Marks, Attendance], reach: Between, scope: Students,
    }
}

/// A run of a student's lessons without a mark.
#[derive(Default)]
struct Run<'a> {
    len: usize,
    first: Option<&'a LessonRec>,
    last: Option<&'a LessonRec>,
}

impl Rule for MarksSparse {
    fn audit_class(
        &self,
        cx: &Cx<'_>,
        class: Sym,
        rec: &ClassRec,
        now: Time,
        out: &mut Vec<Finding>,
    ) {
        let reg = cx.reg;
        let horizon = Some(now);
        if cx.policy.no_marks(rec.grade) {
            return;
        }
        let students: Vec<&StudentRec> = reg.students_of_class(class).collect();
        if students.is_empty() {
            return;
        }
        for lessons in subjects(cx, class) {
            let mut runs: Vec<Run<'_>> = students.iter().map(|_| Run::default()).collect();
            let mut marked: Vec<Sym> = Vec::new();
            let mut codes = Vec::new();
            for lesson in lessons {
                marked.clear();
                marked.extend(
                    reg.marks_on(lesson)
                        .filter(|m| m.stamp.visible(horizon))
                        .map(|m| m.student),
                );
                reg.codes_into(lesson, horizon, &mut codes);
                for (student, run) in students.iter().zip(runs.iter_mut()) {
                    if !reg.in_lesson(student, lesson, horizon) {
                        continue;
                    }
                    if marked.contains(&student.id) {
                        self.close(cx, student.id, std::mem::take(run), None, out);
                        continue;
                    }
                    let missed = codes
                        .iter()
                        .any(|(s, code)| *s == student.id && !code.attended());
                    if missed || reg.home_schooled_on(student.id, lesson.date) {
                        continue;
                    }
                    run.len += 1;
                    run.first = run.first.or(Some(lesson));
                    run.last = Some(lesson);
                }
            }
            // Runs still open at the audit: whether they go on is told by the lessons
            // up to its day.
            let today = Some(time::date_of(now));
            for (student, run) in students.iter().zip(runs) {
                self.close(cx, student.id, run, today, out);
            }
        }
    }
}

impl MarksSparse {
    /// Reports a run that ended (at a mark, or at the audit) when it is long enough. A run
    /// still open at the audit is judged on a part only when the part holds the student's
    /// lessons up to `open_to`, the audit's day: later lessons would lengthen it and move
    /// the finding to its new last lesson.
    fn close(
        &self,
        cx: &Cx<'_>,
        student: Sym,
        run: Run<'_>,
        open_to: Option<NaiveDate>,
        out: &mut Vec<Finding>,
    ) {
        let needed = cx.policy.sparse_marks_lessons as usize;
        let (Some(first), Some(last)) = (run.first, run.last) else {
            return;
        };
        if run.len < needed {
            return;
        }
        let mut item = Item::student(student, last.date).back_to(first.date);
        if let Some(to) = open_to {
            item = item.on_to(to);
        }
        if !cx.judges(&Self::META, item) {
            return;
        }
        let n = run.len;
        let subject = cx.name(last.subject);
        let name = cx.student_name(student);
        let lessons_ru = ru_plural(n, "урок", "урока", "уроков");
        let needed_ru = ru_plural(needed, "урок", "урока", "уроков");
        let draft = cx
            .draft(&Self::META, event_of(cx, last))
            .lesson(last)
            .student(student);
        out.push(draft.say(
            format!(
                "{name}: {n} {lessons_ru} по предмету «{subject}» подряд ({}–{}) посещены без единой отметки; отметки выставляются не реже, чем раз в {needed} {needed_ru}",
                ru_date(first.date),
                ru_date(last.date),
            ),
            format!(
                "{name}: {n} {} of `{subject}` in a row ({} to {}) attended without a single mark; marks are due at least once in {needed} {}",
                if n == 1 { "lesson" } else { "lessons" },
                first.date,
                last.date,
                if needed == 1 { "lesson" } else { "lessons" },
            ),
        ));
    }
}

/// The event a finding about a lesson points at: its first version.
fn event_of(cx: &Cx<'_>, lesson: &LessonRec) -> u32 {
    cx.reg.first(lesson).map_or(0, |v| v.stamp.event)
}

/// The lessons of a class, per subject (every group), recorded by the audit and whose day
/// is over, each subject's ordered by date and start (as in force at the audit) and id.
fn subjects<'a>(cx: &Cx<'a>, class: Sym) -> Vec<Vec<&'a LessonRec>> {
    let reg = cx.reg;
    let mut out: Vec<Vec<&LessonRec>> = Vec::new();
    let mut current: Option<Sym> = None;
    for ((_, _, subj), lessons) in reg.streams_of_class(class) {
        if current != Some(subj) {
            current = Some(subj);
            out.push(Vec::new());
        }
        if let Some(list) = out.last_mut() {
            list.extend(
                lessons
                    .iter()
                    .filter(|l| cx.day_over(l.date))
                    .filter_map(|l| reg.lesson_in(l))
                    .filter(|l| reg.lesson_visible(l, cx.horizon)),
            );
        }
    }
    for list in &mut out {
        reg.sort_lessons_at(list, cx.horizon);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    fn run(events: &[String]) -> Vec<crate::Finding> {
        findings(
            "marks_sparse",
            Policy::default(),
            &register(events),
            "2024-10-01T12:00",
        )
    }

    /// `n` lessons on the school days from 2 September.
    fn lessons(n: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut day = chrono::NaiveDate::from_ymd_opt(2024, 9, 2).unwrap();
        for i in 0..n {
            use chrono::Datelike;
            while day.weekday().number_from_monday() > 5 {
                day = day.succ_opt().unwrap();
            }
            out.push(lesson(&format!("l{i}"), &day.to_string(), "08:30", ""));
            day = day.succ_opt().unwrap();
        }
        out
    }

    #[test]
    fn ten_lessons_without_a_mark_make_one_finding_dated_the_last() {
        let mut events = lessons(12);
        // s2 gets a mark on the sixth lesson: two runs of 5 and 6, neither long enough.
        events.push(mark("l5", "s2", 4, "2024-09-09T09:00", ""));
        let found = run(&events);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].student.as_deref(), Some("s1"));
        assert_eq!(found[0].lesson.as_deref(), Some("l11"));
        assert!(
            found[0]
                .message
                .ru
                .contains("12 уроков по предмету «Математика» подряд"),
            "{found:?}"
        );
    }

    #[test]
    fn absences_are_passed_over_and_a_mark_on_an_absent_lesson_ends_the_run() {
        let mut events = lessons(11);
        events.push(attendance("l3", "s1", "Б", "2024-09-05T08:40"));
        // Ten lessons attended around one missed: still a run.
        events.push(mark("l0", "s2", 4, "2024-09-02T09:00", ""));
        events.push(mark("l6", "s2", 4, "2024-09-10T09:00", ""));
        let found = run(&events);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].student.as_deref(), Some("s1"));
        events.push(mark(
            "l3",
            "s1",
            5,
            "2024-09-10T09:00",
            r#","basis":"individual_work""#,
        ));
        assert!(run(&events).is_empty());
    }

    #[test]
    fn grade_one_and_lessons_not_over_are_not_counted() {
        let events = lessons(10);
        let found = findings(
            "marks_sparse",
            Policy::default(),
            &register(&events),
            "2024-09-13T12:00",
        );
        assert!(found.is_empty(), "{found:?}");
        let policy = Policy::from_json(r#"{"no_marks_grades": [5]}"#).unwrap();
        assert!(findings(
            "marks_sparse",
            policy,
            &register(&events),
            "2024-10-01T12:00"
        )
        .is_empty());
    }
}
