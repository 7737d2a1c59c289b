use super::*;

declare_rule! {
    /// Homework on a lesson of a class where no homework is given.
    ///
    /// ## Clause
    /// 2.6: «В 1-х классах оценки, домашнее задание в ЭКЖ по учебным предметам не
    /// выставляются.»
    ///
    /// ## What it checks
    /// Every `homework` whose lesson is in a class of a grade listed in the policy's
    /// `no_marks_grades` (grade 1 by default). Told on entry.
    ///
    /// ## Example
    /// ```json
    /// {"type":"class","id":"1a","grade":1,"name":"1А"}
    /// {"type":"homework","lesson":"l1","text":"Прописи, с. 4","at":"2024-09-02T13:00:00+04:00","by":"t1"}
    /// ```
    /// Homework for a first-grade lesson: `grade1_homework`.
    pub struct Grade1Homework {
        id: "grade1_homework", clause: "2.6", severity: Error, when: Entry,
        title: "Домашнее задание в 1 классе" / "Homework in grade 1",
        fix: "удалить домашнее задание: в 1 классе оно в журнал не вносится"
            / "remove the homework: grade 1 gets none in the register",
        checks: "Каждое домашнее задание к уроку класса, параллель которого указана в \
            `no_marks_grades` политики (по умолчанию 1-е классы). Сообщается при внесении \
            записи.",
        needs: [], reach: Day, scope: Students,
    }
}

impl Rule for Grade1Homework {
    fn homework(&self, cx: &Cx<'_>, homework: &HomeworkRec, out: &mut Vec<Finding>) {
        let Some(lesson) = cx.lesson(homework.lesson) else {
            return;
        };
        let Some(grade) = cx.grade(lesson.class).filter(|g| cx.policy.no_marks(*g)) else {
            return;
        };
        let class = cx.class_name(lesson.class);
        let mut draft = cx.draft(&Self::META, homework.stamp.event).lesson(lesson);
        if !homework.students.is_empty() {
            draft = draft.students(&homework.students);
        }
        out.push(draft.say(
            format!("домашнее задание в {grade}-м классе ({class}): в {grade}-х классах домашнее задание в журнал не записывается"),
            format!("homework in grade {grade} (class {class}): no homework is given in grade {grade}"),
        ));
    }
}
