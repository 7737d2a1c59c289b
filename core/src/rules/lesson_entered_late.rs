use super::*;

declare_rule! {
    /// A lesson's topic entered after the lesson's day.
    ///
    /// ## Clause
    /// 2.7: «Внесение информации об уроке и об отсутствующих производится по факту в день
    /// проведения учителем-предметником.»
    ///
    /// ## What it checks
    /// When a lesson first got a non-empty topic: the `at` of the earliest version of the
    /// lesson (by `at`) with a topic. If that day, school-local, is after the lesson's date,
    /// the version that brought the topic is reported (each of them, when several with a
    /// topic were made at that same moment), with the lesson's day as the missed deadline.
    /// Versions without `at` cannot be told late. Told on entry.
    ///
    /// On a part of a register whose source lacks entry times or topics, no lesson version
    /// is judged: each is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"l1","class":"5a","subject":"История","teacher":"t3","date":"2024-09-02","start":"09:25","end":"10:10","topic":"Древний Египет","at":"2024-09-04T18:00:00+04:00","by":"t3"}
    /// ```
    /// A lesson of 2 September recorded on the 4th: `lesson_entered_late`.
    pub struct LessonEnteredLate {
        id: "lesson_entered_late", clause: "2.7", severity: Warning, when: Entry,
        title: "Тема урока внесена не в день урока" / "Lesson topic entered after the lesson's day",
        fix: "вносить тему урока в день его проведения"
            / "enter the topic on the day of the lesson",
        checks: "Когда у урока впервые появилась непустая тема: время внесения (`at`) самой ранней \
            версии урока с темой. Если этот день (по местному времени школы) позже дня урока, \
            сообщается о версии, которая внесла тему; срок — конец дня урока. Версии без времени \
            внесения не проверяются. Сообщается при внесении записи.",
        needs: [At, Topic], reach: Day, scope: Students,
    }
}

impl Rule for LessonEnteredLate {
    fn lesson(&self, cx: &Cx<'_>, version: &LessonVersion, out: &mut Vec<Finding>) {
        let Some(lesson) = cx.lesson_of(version) else {
            return;
        };
        if !cx.judges(&Self::META, Item::lesson(lesson)) {
            return;
        }
        // Versions made at the same moment are equally first.
        let first_topic = cx.reg.versions(lesson).find(|v| v.has_topic());
        if !version.has_topic() || first_topic.map(|v| v.stamp.at) != Some(version.stamp.at) {
            return;
        }
        let Some(at) = version.stamp.at else { return };
        if at < time::day_end(lesson.date) {
            return;
        }
        out.push(
            cx.draft(&Self::META, version.stamp.event)
                .lesson(lesson)
                .due_date(lesson.date)
                .say(
                    format!(
                        "тема урока {} внесена {}, а не в день урока",
                        ru_date(lesson.date),
                        ru_time(at)
                    ),
                    format!(
                        "the topic of the lesson of {} was entered at {}, not on the lesson's day",
                        lesson.date,
                        en_time(at)
                    ),
                ),
        );
    }
}
