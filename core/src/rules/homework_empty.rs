use super::*;

declare_rule! {
    /// Homework whose text says nothing: no letter and no digit.
    ///
    /// ## Clause
    /// 2.8: «В графе «Домашнее задание» записывается содержание задания и характер его
    /// выполнения, страницы, номера задач и упражнений, номера параграфов, практические
    /// работы.»
    ///
    /// ## What it checks
    /// Every `homework` whose `text` has no letter or digit in any script: empty, spaces,
    /// a dash, «...». Told on entry.
    ///
    /// ## Example
    /// ```json
    /// {"type":"homework","lesson":"l7","text":" - ","at":"2024-09-02T14:00:00+04:00","by":"t2"}
    /// ```
    /// `homework_empty`: the student cannot tell what to do.
    pub struct HomeworkEmpty {
        id: "homework_empty", clause: "2.8", severity: Warning, when: Entry,
        title: "Пустое домашнее задание" / "Empty homework",
        fix: "записать содержание задания: страницы, номера задач и упражнений, параграфы"
            / "write what the task is: pages, exercise numbers, paragraphs",
        checks: "Каждое домашнее задание, в тексте которого нет ни буквы, ни цифры: пусто, пробелы, \
            прочерк, «...». Сообщается при внесении записи.",
        needs: [], reach: Day, scope: Students,
    }
}

impl Rule for HomeworkEmpty {
    fn homework(&self, cx: &Cx<'_>, homework: &HomeworkRec, out: &mut Vec<Finding>) {
        if homework.text.chars().any(char::is_alphanumeric) {
            return;
        }
        let Some(lesson) = cx.lesson(homework.lesson) else {
            return;
        };
        let mut draft = cx.draft(&Self::META, homework.stamp.event).lesson(lesson);
        if !homework.students.is_empty() {
            draft = draft.students(&homework.students);
        }
        out.push(draft.say(
            format!("домашнее задание без содержания («{}»): укажите задание, страницы, номера задач или параграфов", homework.text.trim()),
            format!("homework with no content (`{}`): give the task, pages, exercise or paragraph numbers", homework.text.trim()),
        ));
    }
}
