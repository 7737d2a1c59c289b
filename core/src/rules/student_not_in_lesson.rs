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
    /// entry was made. Told on entry.
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
        id: "student_not_in_lesson", clause: "—", severity: Error, when: Entry,
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
                "{names}: не ученик этого урока ({class}{group}) на {}",
                ru_date(lesson.date)
            ),
            format!(
                "{names}: not a student of this lesson (class {class}{group_en}) on {}",
                lesson.date
            ),
        ));
    }
}
