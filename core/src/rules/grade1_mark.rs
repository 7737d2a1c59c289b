use super::*;

declare_rule! {
    /// A mark or a final mark for a student of a class where no marks are given.
    ///
    /// ## Clause
    /// 2.6: «В 1-х классах оценки, домашнее задание в ЭКЖ по учебным предметам не
    /// выставляются. Ведется только учет присутствия, отсутствия, движение обучающихся…»
    ///
    /// ## What it checks
    /// Every `mark` and `final_mark` whose student is in a class of a grade listed in the
    /// policy's `no_marks_grades` (grade 1 by default). Told on entry.
    ///
    /// ## Example
    /// ```json
    /// {"type":"class","id":"1a","grade":1,"name":"1А"}
    /// {"type":"mark","lesson":"l1","student":"s1","value":5,"at":"2024-09-02T09:20:00+04:00","by":"t1"}
    /// ```
    /// A «5» for a first-grader: `grade1_mark`.
    pub struct Grade1Mark {
        id: "grade1_mark", clause: "2.6", severity: Error, when: Entry,
        title: "Отметка в 1 классе" / "A mark in grade 1",
        fix: "удалить отметку: в 1 классе отметки не выставляются"
            / "remove the mark: grade 1 gets no marks",
        checks: "Каждая текущая (`mark`) и итоговая (`final_mark`) отметка ученика класса, параллель \
            которого указана в `no_marks_grades` политики (по умолчанию 1-е классы). Сообщается \
            при внесении записи.",
        needs: [], reach: Day, scope: Students,
    }
}

impl Rule for Grade1Mark {
    fn entry(&self, cx: &Cx<'_>, entry: Entry<'_>, out: &mut Vec<Finding>) {
        let (student, event) = match entry {
            Entry::Mark(m) => (m.student, m.stamp.event),
            Entry::FinalMark(f) => (f.student, f.stamp.event),
            _ => return,
        };
        let Some(class) = cx.student(student).map(|s| s.class) else {
            return;
        };
        let Some(grade) = cx.grade(class).filter(|g| cx.policy.no_marks(*g)) else {
            return;
        };
        let class_name = cx.class_name(class);
        let (draft, value) = match entry {
            Entry::Mark(m) => {
                let Some(lesson) = cx.lesson(m.lesson) else {
                    return;
                };
                (
                    cx.draft(&Self::META, event).lesson(lesson).student(student),
                    m.value.to_string(),
                )
            }
            Entry::FinalMark(f) => (
                cx.draft(&Self::META, event).final_mark(f),
                final_value(f.value),
            ),
            _ => return,
        };
        out.push(draft.say(
            format!("отметка «{value}» в {grade}-м классе ({class_name}): в {grade}-х классах отметки не выставляются"),
            format!("mark `{value}` in grade {grade} (class {class_name}): no marks are given in grade {grade}"),
        ));
    }
}
