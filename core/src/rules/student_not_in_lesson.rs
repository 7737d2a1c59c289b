use super::*;

declare_rule! {
    /// An entry for a student who was not one of the lesson's students that day.
    ///
    /// ## What it checks
    /// Every absence, mark and individual homework names students of its lesson: of the
    /// lesson's class, enrolled on its date (from `since`, until the day of `student_left`),
    /// and — for a lesson of a subgroup — in that subgroup on that date (the `groups` of the
    /// student, changed by the `group_change`s dated on or before it). A lesson without
    /// `group` is for the whole class. Judged against the register as it stood when the
    /// entry was made, and told on entry.
    ///
    /// At the audit, one thing an entry could not know: a student who left before the
    /// lesson, when the leaving was recorded after the entry (the mark was made on 20
    /// October, the leaving dated 15 October entered on 25 October). Such an entry is
    /// reported then, naming when the leaving was recorded; an entry that already knew is
    /// reported on entry, not again. A group change recorded late is not judged so: until
    /// it is recorded the student sits in the old group's lessons, and those entries are
    /// right (3.2 moves students between periods, not back in time).
    ///
    /// ## Why
    /// An entry for someone else's student is a mark or an absence in the wrong child's
    /// diary (1.10, 2.5).
    ///
    /// ## Example
    /// ```json
    /// {"type":"student","id":"s9","class":"5b"}
    /// {"type":"mark","lesson":"l1","student":"s9","value":3,"at":"2024-09-02T10:00:00+04:00","by":"t1"}
    /// ```
    /// Lesson `l1` is of class 5А: `student_not_in_lesson`.
    pub struct StudentNotInLesson {
        id: "student_not_in_lesson", clause: none, severity: Error, when: EntryAndAudit,
        title: "Запись об ученике не из этого урока" / "Entry for a student not in the lesson",
        fix: "проверить класс и подгруппу ученика"
            / "check the student's class and group",
        checks: "Каждая отметка, отсутствие и индивидуальное домашнее задание должны называть \
            учеников урока: из класса урока, обучающихся в день урока (с `since` до выбытия), а \
            для урока подгруппы — в этой подгруппе в этот день (с учётом переводов). Урок без \
            подгруппы — для всего класса. Судится по журналу на момент внесения записи и \
            сообщается при внесении; выбытие, внесённое позже записи, но датированное раньше \
            урока, сообщается при проверке.",
        needs: [], reach: Day, scope: Students,
    }
}

impl Rule for StudentNotInLesson {
    fn entry(&self, cx: &Cx<'_>, entry: Entry<'_>, out: &mut Vec<Finding>) {
        let (lesson, students, event) = match entry {
            Entry::Attendance(a) => (a.lesson, std::slice::from_ref(&a.student), a.stamp.event),
            Entry::Mark(m) => (m.lesson, std::slice::from_ref(&m.student), m.stamp.event),
            Entry::Homework(h) => (h.lesson, h.students.as_slice(), h.stamp.event),
            _ => return,
        };
        let Some(lesson) = cx.lesson(lesson) else {
            return;
        };
        let strangers: Vec<Sym> = students
            .iter()
            .copied()
            .filter(|s| {
                cx.student(*s)
                    .is_some_and(|s| !cx.reg.in_lesson(s, lesson, cx.horizon))
            })
            .collect();
        let [first, ..] = strangers.as_slice() else {
            return;
        };
        let draft = cx.draft(&Self::META, event).lesson(lesson);
        let draft = if strangers.len() == 1 {
            draft.student(*first)
        } else {
            draft.students(&strangers)
        };
        let names: Vec<&str> = strangers.iter().map(|s| cx.student_name(*s)).collect();
        let names = names.join(", ");
        let class = cx.class_name(lesson.class);
        let group = lesson
            .group
            .map(|g| format!(", подгруппа «{}»", cx.name(g)))
            .unwrap_or_default();
        let group_en = lesson
            .group
            .map(|g| format!(", group `{}`", cx.name(g)))
            .unwrap_or_default();
        out.push(draft.say(
            format!(
                "{names}: нет в списке учеников этого урока ({class}{group}) на {}",
                ru_date(lesson.date)
            ),
            format!(
                "{names}: not among the students of this lesson (class {class}{group_en}) on {}",
                lesson.date
            ),
        ));
    }

    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        let reg = cx.reg;
        // The lessons of the classes of students who left, from the day they left.
        let mut lessons: Vec<&LessonRec> = Vec::new();
        for left in reg.leavings().iter().filter(|l| cx.visible(&l.stamp)) {
            if let Some(student) = cx.student(left.student) {
                lessons.extend(reg.class_lessons(
                    student.class,
                    left.date,
                    NaiveDate::MAX,
                    Some(now),
                ));
            }
        }
        lessons.sort_by(|a, b| reg.names().cmp(a.id, b.id));
        lessons.dedup_by_key(|l| l.id);
        for lesson in lessons {
            let entries = reg
                .attendance_on(lesson)
                .map(|a| (a.stamp, std::slice::from_ref(&a.student)))
                .chain(
                    reg.marks_on(lesson)
                        .map(|m| (m.stamp, std::slice::from_ref(&m.student))),
                )
                .chain(
                    reg.homework_on(lesson.id)
                        .filter(|h| h.students.iter().all(|s| cx.student(*s).is_some()))
                        .map(|h| (h.stamp, h.students.as_slice())),
                );
            for (stamp, students) in entries {
                if !cx.visible(&stamp) {
                    continue;
                }
                let then = Some(stamp.at.unwrap_or(time::ALWAYS));
                let gone: Vec<(Sym, &DatedRec)> = students
                    .iter()
                    .filter_map(|s| cx.student(*s))
                    .filter(|s| reg.in_lesson(s, lesson, then))
                    .filter_map(|s| {
                        let left = reg
                            .left_of(s.id)
                            .filter(|l| cx.visible(&l.stamp) && l.date <= lesson.date)
                            .min_by_key(|l| (l.date, l.stamp.at))?;
                        Some((s.id, left))
                    })
                    .collect();
                let [(first, left), ..] = gone.as_slice() else {
                    continue;
                };
                let draft = cx.draft(&Self::META, stamp.event).lesson(lesson);
                let draft = if gone.len() == 1 {
                    draft.student(*first)
                } else {
                    draft.students(&gone.iter().map(|(s, _)| *s).collect::<Vec<_>>())
                };
                let names: Vec<&str> = gone.iter().map(|(s, _)| cx.student_name(*s)).collect();
                let names = names.join(", ");
                let (recorded_ru, recorded_en) = match left.stamp.at {
                    Some(at) => (ru_time(at), en_time(at)),
                    None => ("позже".to_owned(), "later".to_owned()),
                };
                out.push(draft.say(
                    format!(
                        "{names}: запись об уроке {} сделана после выбытия из школы {}; о выбытии внесено позже самой записи ({recorded_ru}), проверьте дату выбытия или удалите запись",
                        ru_date(lesson.date),
                        ru_date(left.date),
                    ),
                    format!(
                        "{names}: entry about the lesson of {} made after leaving the school on {}; the leaving was recorded after the entry ({recorded_en}): check the date of leaving or remove the entry",
                        lesson.date, left.date,
                    ),
                ));
            }
        }
    }
}
