use super::*;

declare_rule! {
    /// A lesson with no topic once its day is over.
    ///
    /// ## Clause
    /// 2.7: «Внесение информации об уроке … производится по факту в день проведения»;
    /// 3.3: учитель-предметник «на странице «Темы уроков и задания» вводит тему, изученную
    /// на уроке».
    ///
    /// ## What it checks
    /// At the audit date, every lesson recorded by then whose day is over and whose version
    /// in force has no topic. The finding points at that version, with the lesson's day as
    /// the missed deadline.
    ///
    /// On a part of a register whose source lacks topics (a student's diary, a class's
    /// journal), a lesson is not "without a topic": no lesson is judged, and each is counted
    /// in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"l2","class":"9a","subject":"Алгебра","teacher":"t4","date":"2024-09-03","start":"10:20","end":"11:05","at":"2024-09-03T11:00:00+04:00","by":"t4"}
    /// ```
    /// Audited on 10 September, the lesson still has no topic: `lesson_topic_missing`.
    pub struct LessonTopicMissing {
        id: "lesson_topic_missing", clause: "2.7, 3.3", severity: Warning, when: Audit,
        title: "Нет темы урока" / "No lesson topic",
        fix: "внести тему, изученную на уроке"
            / "enter the topic studied in the lesson",
        checks: "На дату проверки — каждый урок, день которого уже закончился, а в действующей версии \
            нет темы. Замечание указывает на эту версию; срок — конец дня урока.",
        needs: [Topic], reach: Day, scope: Students,
    }
}

impl Rule for LessonTopicMissing {
    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        for lesson in cx.reg.lessons() {
            if now < time::day_end(lesson.date) || !cx.reg.lesson_visible(lesson, cx.horizon) {
                continue;
            }
            if !cx.judges(&Self::META, Item::lesson(lesson)) {
                continue;
            }
            let Some(version) = cx.version(lesson) else {
                continue;
            };
            if version.has_topic() {
                continue;
            }
            out.push(
                cx.draft(&Self::META, version.stamp.event)
                    .lesson(lesson)
                    .due_date(lesson.date)
                    .say(
                        format!("у урока {} нет темы", ru_date(lesson.date)),
                        format!("the lesson of {} has no topic", lesson.date),
                    ),
            );
        }
    }
}
