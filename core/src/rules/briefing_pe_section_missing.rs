use super::*;

use crate::event::BriefingKind;
use crate::vocab::SubjectKind;

declare_rule! {
    /// No introductory briefing on the first PE lesson of a section in the school year.
    ///
    /// ## Clause
    /// 2.14: «На уроках физической культуры инструктаж по охране труда проводится на первом
    /// уроке каждого раздела … с записью в журнале на странице «Что пройдено на уроке» в
    /// виде: «Вводный инструктаж» - на первом уроке изучения раздела».
    ///
    /// ## What it checks
    /// At the audit date, the lessons recorded by then of physical education subjects
    /// («Физическая культура», «Физкультура») whose version in force names a `section`:
    /// for each class, group (or the whole class), section and school year, the first such
    /// lesson (by date, start and id) must record an `introductory` briefing, in its
    /// `briefing` or as «вводный инструктаж» in its topic. Sections are compared as written,
    /// case, «ё» and spaces aside. Lessons without a section are not checked: nothing says
    /// which section they begin. The school year is as for `briefing_introductory_missing`;
    /// a section taken up again in the next school year is begun again. The lesson is judged
    /// once its day is over. One finding per class, group, section and school year, about
    /// the lesson's version in force, with the lesson's day as the deadline.
    ///
    /// On a part of a register, the first lesson of a section it shows is the first only
    /// when the part holds every physical-education stream of the class and group from the
    /// school year's first day on, with topics: otherwise the class, group, section and
    /// year are counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"f1","class":"6a","subject":"Физическая культура","teacher":"t5","date":"2024-09-02","start":"10:20","end":"11:05","topic":"Бег на 30 м","section":"Лёгкая атлетика","at":"2024-09-02T11:00:00+04:00","by":"t5"}
    /// ```
    /// The first lesson of the athletics section, with no «Вводный инструктаж»:
    /// `briefing_pe_section_missing`.
    pub struct BriefingPeSectionMissing {
        id: "briefing_pe_section_missing", clause: "2.14", severity: Error, when: Audit,
        title: "Нет инструктажа в начале раздела" / "No briefing at the start of a PE section",
        fix: "записать «Вводный инструктаж» на первом уроке раздела"
            / "record «Вводный инструктаж» on the section's first lesson",
        checks: "На дату проверки — уроки физической культуры, у которых указан раздел (`section`): \
            для каждого класса, подгруппы, раздела и учебного года первый урок раздела должен \
            содержать вводный инструктаж — в поле `briefing` или словами «вводный инструктаж» в \
            теме. Уроки без раздела не проверяются. Урок проверяется, когда его день закончился. \
            Одно замечание на класс, подгруппу, раздел и год; срок — день урока.",
        needs: [Topic], reach: YearStart, scope: Students,
    }
}

impl Rule for BriefingPeSectionMissing {
    fn audit(&self, cx: &Cx<'_>, _: Time, out: &mut Vec<Finding>) {
        // (class, group, section, school year) → the first lesson so far.
        let mut firsts: rustc_hash::FxHashMap<_, &LessonRec> = Default::default();
        // (class, group) → the first lesson of each of its physical-education streams.
        let mut stream_firsts: rustc_hash::FxHashMap<_, Vec<&LessonRec>> = Default::default();
        let pe = [SubjectKind::PhysicalEducation];
        for ((class, group, _), stream) in cx.reg.streams_of_kinds(&pe) {
            if let Some(first) = stream.first().and_then(|l| cx.reg.lesson_in(l)) {
                stream_firsts.entry((class, group)).or_default().push(first);
            }
            let Some(grade) = cx.grade(class) else {
                continue;
            };
            for lesson in cx.reg.lessons_of(stream) {
                if !cx.reg.lesson_visible(lesson, cx.horizon) {
                    continue;
                }
                let Some(section) = cx.version(lesson).and_then(|v| v.section) else {
                    continue;
                };
                let Some(year) = cx.reg.school_year(grade, lesson.date) else {
                    continue;
                };
                let first = firsts
                    .entry((class, group, section, year.start))
                    .or_insert(lesson);
                if cx.reg.cmp_lessons_at(lesson, first, cx.horizon) == std::cmp::Ordering::Less {
                    *first = lesson;
                }
            }
        }
        for ((class, group, section, start), lesson) in firsts {
            if !cx.day_over(lesson.date) {
                continue;
            }
            // The section may have begun in any physical-education stream of the group.
            let streams = stream_firsts.get(&(class, group)).into_iter().flatten();
            let items =
                std::iter::once(Item::stream(lesson).back_to(start)).chain(streams.map(|first| {
                    Item::on(
                        Who::Stream((first.class, first.group, first.subj)),
                        lesson.date,
                    )
                    .back_to(start)
                }));
            if !cx.judges_all(&Self::META, items) {
                continue;
            }
            let Some(version) = cx.briefing_missing(lesson, BriefingKind::Introductory) else {
                continue;
            };
            let (ru_class, en_class) = cx.class_and_group(class, group);
            let section = cx.name(section);
            out.push(
                cx.draft(&Self::META, version.stamp.event)
                    .lesson(lesson)
                    .due_date(lesson.date)
                    .say(
                        format!(
                            "нет записи «Вводный инструктаж» на первом уроке раздела «{section}» ({ru_class}) {}",
                            ru_date(lesson.date)
                        ),
                        format!(
                            "no introductory briefing («Вводный инструктаж») recorded on the first lesson of section `{section}` ({en_class}) on {}",
                            lesson.date
                        ),
                    ),
            );
        }
    }
}
