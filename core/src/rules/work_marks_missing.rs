use super::*;
use crate::event::{PeriodKind, WorkKind};
use crate::policy::Deadline;

declare_rule! {
    /// A work that needs marks, with students present still unmarked after its deadline.
    ///
    /// ## Clause
    /// 3.3: учитель-предметник «все контрольные, практические, лабораторные работы
    /// оценивает с занесением отметок в ЭКЖ» и «заносит отметку за выполненную письменную
    /// работу в ЭКЖ: к следующему уроку за контрольные диктанты и контрольные работы во 2-9
    /// классах; не позже, чем через два дня за изложения и сочинения в начальных классах;
    /// через неделю – за изложения и сочинения в 5-9 классах; через 10 дней – за сочинения
    /// в 10-11 классах».
    ///
    /// ## What it checks
    /// At the audit date, every lesson recorded by then whose version in force lists a kind
    /// of work in `works_needing_marks` for the subject and the class's grade (practical
    /// works in «Окружающий мир», grades 2–4, are graded at the teacher's discretion).
    /// Grades in `no_marks_grades` get no marks at all and are skipped. Once the work's
    /// deadline has passed, the lesson's students on its date who were not marked absent
    /// nor exempt from the lesson (`ОСВ`; a student late, `ОП`, owes the work), were not
    /// home-schooled that day, and have no mark for that kind of work on that lesson (a
    /// mark's kind: its own `work`, else the lesson's only work, else oral) are listed, in
    /// one finding per lesson and kind of work, with the deadline.
    ///
    /// The deadline is the work's `grading_deadlines` entry for the grade: `n` days — the
    /// end of the day `n` days after the lesson; `next_lesson` — the start of the next
    /// lesson of the subject for the class and group (none recorded yet: not due). A work
    /// with no deadline there (practical and laboratory works, control works in grades
    /// 10–11) is due by the end of the study period holding the lesson: the shortest
    /// quarter, trimester or half-year of the grade, else the school year, else never.
    ///
    /// On a part of a register a lesson is judged only when its source carries marks and
    /// attendance, and, for a deadline at the next lesson, when the part holds the stream
    /// from the lesson to the next one (with none shown, to the audit's day: then nothing
    /// is owed yet). Only the students the part holds are listed: no missing mark is told
    /// of a student it does not hold. A lesson and work not judged is counted in
    /// `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Контрольная работа №1","work":"control_work","at":"2024-09-02T09:15:00+04:00","by":"t1"}
    /// {"type":"lesson","id":"l2","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-03","start":"08:30","end":"09:15","topic":"Анализ контрольной работы","at":"2024-09-03T09:15:00+04:00","by":"t1"}
    /// ```
    /// By 3 September 08:30 nobody has a mark for the control work: `work_marks_missing`.
    pub struct WorkMarksMissing {
        id: "work_marks_missing", clause: "3.3", severity: Warning, when: Audit,
        title: "Нет отметок за работу" / "Work not graded",
        fix: "выставить отметки за работу всем присутствовавшим"
            / "grade the work of every student who was present",
        checks: "На дату проверки — каждый урок, в действующей версии которого есть работа из \
            `works_needing_marks` (практические работы в «Окружающем мире» во 2–4 классах \
            оцениваются по усмотрению учителя); параллели из `no_marks_grades` пропускаются. \
            Когда срок проверки работы прошёл, перечисляются ученики урока, которые не были \
            отмечены отсутствующими или освобождёнными (ОСВ), не обучались на дому в этот день и \
            не получили отметки за эту работу. Срок — из `grading_deadlines`; работа без срока \
            (практические, лабораторные, контрольные в 10–11 классах) оценивается до конца \
            учебного периода. Одно замечание на урок и вид работы.",
        needs: [Marks, Attendance], reach: Later, scope: Students,
    }
}

/// A deadline as it is kept: to the end of a day, or a moment.
#[derive(Debug, Clone, Copy)]
enum Owed {
    Day(NaiveDate),
    Moment(Time),
}

impl Owed {
    /// Whether the deadline has passed at `now`: a day once it is over, a moment once it
    /// is behind (a mark made at the moment itself is on time).
    fn passed(self, now: Time) -> bool {
        match self {
            Owed::Day(day) => now >= time::day_end(day),
            Owed::Moment(moment) => now > moment,
        }
    }
}

impl Rule for WorkMarksMissing {
    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        for lesson in cx.reg.lessons() {
            if !cx.reg.lesson_visible(lesson, cx.horizon) {
                continue;
            }
            let (Some(version), Some(grade)) = (cx.version(lesson), cx.grade(lesson.class)) else {
                continue;
            };
            if cx.policy.no_marks(grade) {
                continue;
            }
            let kind = cx.reg.kind(lesson.subj);
            for &work in WorkKind::ALL {
                if !version.works.contains(work) || !cx.policy.needs_marks(work, kind, grade) {
                    continue;
                }
                let (due, item) = due(cx, lesson, work, grade, now);
                // Not due yet, or never: nothing to judge, unless a next lesson the part
                // does not show might have made it due.
                let Some(due) = due.filter(|d| d.passed(now)) else {
                    if due.is_none() && grading_at_next_lesson(cx, work, grade) {
                        cx.judges(&Self::META, item);
                    }
                    continue;
                };
                if !cx.judges(&Self::META, item) {
                    continue;
                }
                let unmarked = unmarked(cx, lesson, version, work);
                if unmarked.is_empty() {
                    continue;
                }
                out.push(finding(cx, lesson, version, work, due, &unmarked));
            }
        }
    }
}

/// When marks for `work` on `lesson` are due, as the register stands at the horizon, and
/// what the verdict rests on: the lesson, and for a deadline at the next lesson the stream
/// up to it (with none recorded, up to the audit's day `now`).
fn due(
    cx: &Cx<'_>,
    lesson: &LessonRec,
    work: WorkKind,
    grade: u8,
    now: Time,
) -> (Option<Owed>, Item) {
    match cx.policy.grading_deadline(work, grade) {
        Some(Deadline::Days(days)) => (
            Some(Owed::Day(time::add_days(lesson.date, i64::from(days)))),
            Item::lesson(lesson),
        ),
        Some(Deadline::NextLesson) => match cx.reg.next_lesson(lesson, cx.horizon) {
            Some(next) => (
                cx.reg.start_at(next, cx.horizon).map(Owed::Moment),
                Item::stream(lesson).on_to(next.date),
            ),
            None => (None, Item::stream(lesson).on_to(time::date_of(now))),
        },
        None => {
            use PeriodKind::*;
            let period = cx
                .reg
                .period_of(grade, lesson.date, &[Quarter, Trimester, HalfYear])
                .or_else(|| cx.reg.period_of(grade, lesson.date, &[Year]));
            (period.map(|p| Owed::Day(p.end)), Item::lesson(lesson))
        }
    }
}

/// Whether marks for `work` are due by the next lesson in `grade`.
fn grading_at_next_lesson(cx: &Cx<'_>, work: WorkKind, grade: u8) -> bool {
    cx.policy.grading_deadline(work, grade) == Some(Deadline::NextLesson)
}

/// The lesson's students who were there and have no mark for `work` on it, by id.
fn unmarked(cx: &Cx<'_>, lesson: &LessonRec, version: &LessonVersion, work: WorkKind) -> Vec<Sym> {
    let marked: Vec<Sym> = cx
        .reg
        .marks_on(lesson)
        .filter(|m| cx.visible(&m.stamp) && cx.reg.work_of(m, Some(version)) == work)
        .map(|m| m.student)
        .collect();
    cx.reg
        .lesson_students(lesson, cx.horizon)
        .into_iter()
        .filter(|s| !marked.contains(s))
        .filter(|s| {
            cx.reg
                .code(lesson, *s, cx.horizon)
                .is_none_or(|c| !c.is_absence() && c.owes_work())
        })
        .filter(|s| !cx.reg.home_schooled_on(*s, lesson.date))
        .filter(|s| cx.holds_student(&WorkMarksMissing::META, *s, lesson.date))
        .collect()
}

fn finding(
    cx: &Cx<'_>,
    lesson: &LessonRec,
    version: &LessonVersion,
    work: WorkKind,
    due: Owed,
    students: &[Sym],
) -> Finding {
    let draft = cx
        .draft(&WorkMarksMissing::META, version.stamp.event)
        .lesson(lesson)
        .students(students);
    let (draft, due_ru, due_en) = match due {
        Owed::Day(day) => (
            draft.due_date(day),
            format!("до конца {}", ru_date(day)),
            format!("by the end of {day}"),
        ),
        Owed::Moment(moment) => (
            draft.due_time(moment),
            format!("к следующему уроку, {}", ru_time(moment)),
            format!("by the next lesson, {}", en_time(moment)),
        ),
    };
    let n = students.len();
    let names: Vec<&str> = students.iter().map(|s| cx.student_name(*s)).collect();
    let names = names.join(", ");
    let students_ru = ru_plural(n, "ученика", "учеников", "учеников");
    let students_en = if n == 1 { "student" } else { "students" };
    draft.say(
        format!(
            "нет отметок за работу «{}» от {} у {n} {students_ru}: {names} (срок — {due_ru})",
            work_ru(work),
            ru_date(lesson.date),
        ),
        format!(
            "no marks for the {} of {} for {n} {students_en}: {names} (due {due_en})",
            work_en(work),
            lesson.date,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    fn run(events: &[String], as_of: &str) -> Vec<crate::Finding> {
        findings(
            "work_marks_missing",
            Policy::default(),
            &register(events),
            as_of,
        )
    }

    #[test]
    fn due_by_the_next_lesson() {
        let events = vec![
            lesson("l1", "2024-09-02", "08:30", r#","work":"control_work""#),
            lesson("l2", "2024-09-04", "10:20", ""),
            mark("l1", "s1", 4, "2024-09-03T10:00", ""),
        ];
        assert!(run(&events, "2024-09-04T10:20").is_empty());
        let found = run(&events, "2024-09-04T10:21");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].students.as_deref(), Some(&["s2".to_owned()][..]));
        // Not yet due while no next lesson is recorded.
        assert!(run(&events[..1], "2024-12-01T12:00").is_empty());
    }

    #[test]
    fn without_a_deadline_due_by_the_end_of_the_quarter() {
        let events = vec![lesson(
            "l1",
            "2024-09-02",
            "08:30",
            r#","work":"laboratory_work""#,
        )];
        assert!(run(&events, "2024-10-25T23:59").is_empty());
        let found = run(&events, "2024-10-26T00:00");
        assert_eq!(
            found[0].due.map(|d| d.to_string()).as_deref(),
            Some("2024-10-25")
        );
        assert_eq!(
            found[0].students.as_deref(),
            Some(&["s1".to_owned(), "s2".to_owned()][..])
        );
    }

    #[test]
    fn absent_home_schooled_and_marked_students_are_not_listed() {
        let events = vec![
            r#"{"type":"student","id":"s3","class":"5a"}"#.to_owned(),
            r#"{"type":"home_schooling","student":"s3","from":"2024-09-01","subjects":["Математика"]}"#
                .to_owned(),
            lesson("l1", "2024-09-02", "08:30", r#","work":["composition","oral"]"#),
            attendance("l1", "s1", "УП", "2024-09-02T08:40"),
            // An oral answer is not the composition's mark.
            mark("l1", "s2", 5, "2024-09-02T09:00", ""),
        ];
        let found = run(&events, "2024-09-10T00:00");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].students.as_deref(), Some(&["s2".to_owned()][..]));
        let mut events = events;
        events.push(mark(
            "l1",
            "s2",
            5,
            "2024-09-02T09:00",
            r#","work":"composition""#,
        ));
        assert!(run(&events, "2024-09-10T00:00").is_empty());
    }

    #[test]
    fn an_exempt_student_owes_no_mark_and_a_late_one_does() {
        let events = vec![
            lesson("l1", "2024-09-02", "08:30", r#","work":"composition""#),
            attendance("l1", "s1", "ОСВ", "2024-09-02T08:40"),
            attendance("l1", "s2", "ОП", "2024-09-02T08:40"),
        ];
        let found = run(&events, "2024-09-10T00:00");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].students.as_deref(), Some(&["s2".to_owned()][..]));
    }

    #[test]
    fn works_marked_at_the_teacher_s_discretion_and_first_grade_are_skipped() {
        let world = |grade: u8, subject: &str| {
            vec![
                format!(r#"{{"type":"class","id":"3b","grade":{grade}}}"#),
                r#"{"type":"student","id":"s9","class":"3b"}"#.to_owned(),
                format!(
                    r#"{{"type":"lesson","id":"w1","class":"3b","subject":"{subject}","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Тема","work":"practical_work","at":"2024-09-02T08:30:00+04:00","by":"t1"}}"#
                ),
            ]
        };
        assert!(run(&world(3, "Окружающий мир"), "2024-11-01T12:00").is_empty());
        assert!(run(&world(1, "Математика"), "2024-11-01T12:00").is_empty());
        assert_eq!(
            run(&world(5, "Окружающий мир"), "2024-11-01T12:00").len(),
            1
        );
    }
}
