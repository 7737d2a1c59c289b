use super::*;

use crate::event::BriefingKind;

declare_rule! {
    /// No repeat briefing on the first lesson of the second half-year in a briefing subject.
    ///
    /// ## Clause
    /// 2.14: «По предметам «Химия», «Физика», «Технология», «Информатика» в начале каждого
    /// полугодия проводится инструктаж по охране труда обучающихся с записью в журнале на
    /// странице «Что пройдено на уроке» в виде: … «Повторный инструктаж» на первом уроке
    /// второго полугодия (январь).»
    ///
    /// ## What it checks
    /// At the audit date, for each stream — a class, a group (or the whole class) and a
    /// subject — whose subject is of a kind in `briefing_subjects` (chemistry, physics,
    /// technology, informatics), and for each school year its lessons fall in: the first
    /// lesson of the second half-year recorded by then (by date, start and id) must record
    /// a `repeat` briefing, in its `briefing` or as «повторный инструктаж» in its topic, in
    /// its version in force at the audit.
    ///
    /// The school year is as for `briefing_introductory_missing`. The second half-year runs
    /// from its first day to the end of the school year; its first day is, of the
    /// `half_year` periods applying to the class's grade that start within the school year,
    /// the start of the latest when there are two or more, the start of the only one when it
    /// starts on or after 1 January, and otherwise 1 January. The lesson is judged once its
    /// day is over. One finding per stream and school year, about the lesson's version in
    /// force, with the lesson's day as the deadline.
    ///
    /// On a part of a register, the first lesson it shows is the half-year's first only
    /// when the part holds the stream from the second half-year's first day on, with
    /// topics: otherwise the stream and year are counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"period","id":"h2","kind":"half_year","start":"2025-01-09","end":"2025-05-26"}
    /// {"type":"lesson","id":"p40","class":"7a","subject":"Физика","teacher":"t1","date":"2025-01-10","start":"09:25","end":"10:10","topic":"Давление","at":"2025-01-10T10:05:00+04:00","by":"t1"}
    /// ```
    /// The first physics lesson of the second half-year, with no «Повторный инструктаж»:
    /// `briefing_repeat_missing`.
    pub struct BriefingRepeatMissing {
        id: "briefing_repeat_missing", clause: "2.14", severity: Error, when: Audit,
        title: "Нет повторного инструктажа" / "No repeat briefing",
        fix: "записать «Повторный инструктаж» в теме первого урока второго полугодия"
            / "record «Повторный инструктаж» in the topic of the second half-year's first lesson",
        checks: "На дату проверки — для каждого потока предметов из `briefing_subjects` (химия, \
            физика, технология, информатика) и каждого учебного года: первый урок второго \
            полугодия должен содержать повторный инструктаж — в поле `briefing` или словами \
            «повторный инструктаж» в теме. Второе полугодие начинается с начала последнего \
            периода `half_year` параллели в учебном году, а если такого нет — с 1 января. Урок \
            проверяется, когда его день закончился. Одно замечание на поток и год; срок — день \
            урока.",
        needs: [Topic], reach: YearStart, scope: Students,
    }
}

impl Rule for BriefingRepeatMissing {
    fn audit(&self, cx: &Cx<'_>, _: Time, out: &mut Vec<Finding>) {
        let say = |lesson: &LessonRec, from, subject: &str, (ru_class, en_class)| {
            (
                format!(
                    "нет записи «Повторный инструктаж» на первом уроке второго полугодия (с {}) по предмету «{subject}» ({ru_class}) {}",
                    ru_date(from),
                    ru_date(lesson.date)
                ),
                format!(
                    "no repeat briefing («Повторный инструктаж») recorded on the first lesson of the second half-year (from {from}) in `{subject}` ({en_class}) on {}",
                    lesson.date
                ),
            )
        };
        let kind = BriefingKind::Repeat;
        cx.report_unbriefed(
            &Self::META,
            kind,
            |grade, year| cx.reg.second_half_start(grade, year),
            say,
            out,
        );
    }
}
