use super::*;

use crate::event::BriefingKind;

declare_rule! {
    /// No introductory briefing on the first lesson of the school year in a briefing subject.
    ///
    /// ## Clause
    /// 2.14: «По предметам «Химия», «Физика», «Технология», «Информатика» в начале каждого
    /// полугодия проводится инструктаж по охране труда обучающихся с записью в журнале на
    /// странице «Что пройдено на уроке» в виде: «Вводный инструктаж» - на первом уроке
    /// учебного года (сентябрь)».
    ///
    /// ## What it checks
    /// At the audit date, for each stream — a class, a group (or the whole class) and a
    /// subject — whose subject is of a kind in `briefing_subjects` (chemistry, physics,
    /// technology, informatics), and for each school year its lessons fall in: the first
    /// lesson of that school year recorded by then (by date, start and id) must record an
    /// `introductory` briefing, in its `briefing` or as «вводный инструктаж» in its topic,
    /// in its version in force at the audit.
    ///
    /// The school year is the `year` period applying to the class's grade that holds the
    /// lesson's date; when the grade has no `year` period, 1 September – 31 August. A lesson
    /// outside every declared school year of its grade is not checked. Subjects are told
    /// apart by name as written (case, «ё» and spaces aside): «Физика» and «Физика
    /// (углублённый уровень)» are two streams, each with its own first lesson. The lesson is
    /// judged once its day is over, since the topic may be entered until then. One finding
    /// per stream and school year, about the lesson's version in force, with the lesson's
    /// day as the deadline.
    ///
    /// On a part of a register, the first lesson it shows is the year's first only when the
    /// part holds the stream from the school year's first day on, with topics: otherwise
    /// the stream and year are counted in `summary.not_judged` (a week's diary in April,
    /// a source without topics).
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"p1","class":"7a","subject":"Физика","teacher":"t1","date":"2024-09-03","start":"09:25","end":"10:10","topic":"Что изучает физика","at":"2024-09-03T10:05:00+04:00","by":"t1"}
    /// ```
    /// The first physics lesson of the year, with no «Вводный инструктаж»:
    /// `briefing_introductory_missing`.
    pub struct BriefingIntroductoryMissing {
        id: "briefing_introductory_missing", clause: "2.14", severity: Error, when: Audit,
        title: "Нет вводного инструктажа" / "No introductory briefing",
        fix: "записать «Вводный инструктаж» в теме первого урока учебного года"
            / "record «Вводный инструктаж» in the topic of the year's first lesson",
        checks: "На дату проверки — для каждого потока (класс, подгруппа или весь класс, предмет) \
            предметов из `briefing_subjects` (химия, физика, технология, информатика) и каждого \
            учебного года: первый урок учебного года должен содержать вводный инструктаж — в \
            поле `briefing` или словами «вводный инструктаж» в теме. Учебный год — период `year` \
            параллели класса, а если его нет — с 1 сентября по 31 августа. Урок проверяется, \
            когда его день закончился. Одно замечание на поток и год; срок — день урока.",
        needs: [Topic], reach: YearStart, scope: Students,
    }
}

impl Rule for BriefingIntroductoryMissing {
    fn audit(&self, cx: &Cx<'_>, _: Time, out: &mut Vec<Finding>) {
        let say = |lesson: &LessonRec, _, subject: &str, (ru_class, en_class)| {
            (
                format!(
                    "нет записи «Вводный инструктаж» на первом уроке учебного года по предмету «{subject}» ({ru_class}) {}",
                    ru_date(lesson.date)
                ),
                format!(
                    "no introductory briefing («Вводный инструктаж») recorded on the first lesson of the school year in `{subject}` ({en_class}) on {}",
                    lesson.date
                ),
            )
        };
        let kind = BriefingKind::Introductory;
        cx.report_unbriefed(&Self::META, kind, |_, year| year.start, say, out);
    }
}
