use super::*;

use crate::event::{PeriodKind, WorkKind};

declare_rule! {
    /// A control subject taught in a class through a study period without a control work.
    ///
    /// ## Clause
    /// 4.2: объекты проверки — «наличие контрольных и текущих проверочных работ,
    /// своевременность выставления отметок за них».
    ///
    /// ## What it checks
    /// At the audit, every study period of a class's grade that is over by `as_of` (its
    /// last day has ended): the grade's quarters, or its trimesters when it has no
    /// quarters, or its half-years when it has neither — the finest division the school
    /// declared, so that a half-year made of two quarters is not asked twice. Classes in
    /// `no_marks_grades` (grade 1) are not asked: they write no marked works (2.6).
    ///
    /// For each subject of `control_work_subjects` (names compared case-, «ё»- and
    /// space-insensitively, a trailing level word ignored: «Физика профиль» is «Физика»)
    /// with lessons in the class dated in the period, recorded by `as_of`: the lessons with
    /// a control work, a control dictation or a test («проверочная работа») — in the
    /// lesson's version in force at the audit, or named as the `work` of a mark on it —
    /// are counted. Fewer than `control_works_per_period` (1) is a finding, dated the
    /// period's last day, naming the teacher of the subject's last lesson in it.
    ///
    /// A subject taught in subgroups is counted per subgroup: each group's own lessons and
    /// the whole class's (the group's students wrote a whole-class work too). A subject
    /// taught to the whole class only is counted once.
    ///
    /// ## Example
    /// Lessons of «Математика» in 5А all through the first quarter (2 September – 25
    /// October), none with `"work": "control_work"`, checked on 26 October:
    /// `control_work_missing`.
    pub struct ControlWorkMissing {
        id: "control_work_missing", clause: "4.2", severity: Info, when: Audit,
        title: "Нет контрольной работы за период" / "No control work in a study period",
        fix: "провести и внести контрольную работу или указать её вид на уроке"
            / "hold and record a control work, or name its kind on the lesson",
        checks: "При проверке — каждый учебный период параллели класса, закончившийся к \
            `as_of` (четверти, иначе триместры, иначе полугодия). Для каждого предмета из \
            `control_work_subjects`, который шёл в классе в этот период, считаются уроки с \
            контрольной работой, контрольным диктантом или проверочной работой. Меньше \
            `control_works_per_period` (1) — находка на последний день периода; предмет в \
            подгруппах считается по каждой подгруппе. Классы из `no_marks_grades` не \
            проверяются. К сведению.",
        needs: [Topic, Marks], reach: Period, scope: Class,
    }
}

/// The kinds of work that count as a control work (SPEC §2 `control_works_per_period`).
const COUNTED: [WorkKind; 3] = [
    WorkKind::ControlWork,
    WorkKind::ControlDictation,
    WorkKind::Test,
];

impl Rule for ControlWorkMissing {
    fn audit_class(
        &self,
        cx: &Cx<'_>,
        class: Sym,
        rec: &ClassRec,
        _now: Time,
        out: &mut Vec<Finding>,
    ) {
        let needed = cx.policy.control_works_per_period as usize;
        if needed == 0 || cx.policy.no_marks(rec.grade) {
            return;
        }
        let reg = cx.reg;
        let control = cx.policy.control_work_set();
        let periods = study_periods(reg, rec.grade);
        // The class's subjects, each once (streams come ordered by subject).
        let mut subjects: Vec<Sym> = reg
            .streams_of_class(class)
            .into_iter()
            .map(|((_, _, subj), _)| subj)
            .collect();
        subjects.dedup();
        for subj in subjects {
            if !control.contains(cx.name(subj)) {
                continue;
            }
            for period in periods.iter().filter(|p| cx.day_over(p.end)) {
                self.check(cx, class, subj, period, needed, out);
            }
        }
    }
}

impl ControlWorkMissing {
    /// Checks one subject of a class in one period: per subgroup, or the whole class.
    fn check<'a>(
        &self,
        cx: &Cx<'a>,
        class: Sym,
        subj: Sym,
        period: &PeriodRec,
        needed: usize,
        out: &mut Vec<Finding>,
    ) {
        if !cx.judges(
            &Self::META,
            Item::class(class, period.end).back_to(period.start),
        ) {
            return;
        }
        let reg = cx.reg;
        let streams = reg.streams_of(class, subj);
        let held = |lessons: &'a [Dated]| -> Vec<&'a LessonRec> {
            reg.lessons_between(lessons, period.start, period.end)
                .filter(|l| reg.lesson_visible(l, cx.horizon))
                .collect()
        };
        let whole: Vec<&LessonRec> = streams
            .iter()
            .filter(|(g, _)| g.is_none())
            .flat_map(|(_, lessons)| held(lessons))
            .collect();
        let groups: Vec<(Sym, Vec<&LessonRec>)> = streams
            .iter()
            .filter_map(|(g, lessons)| Some((((*g)?), held(lessons))))
            .filter(|(_, lessons)| !lessons.is_empty())
            .collect();
        let units: Vec<(Option<Sym>, Vec<&LessonRec>)> = if groups.is_empty() {
            vec![(None, whole.clone())]
        } else {
            groups
                .into_iter()
                .map(|(g, mut own)| {
                    own.extend(whole.iter().copied());
                    (Some(g), own)
                })
                .collect()
        };
        for (group, lessons) in units {
            let Some(last) = lessons
                .iter()
                .copied()
                .max_by(|a, b| reg.cmp_lessons_at(a, b, cx.horizon))
            else {
                continue;
            };
            let count = lessons.iter().filter(|l| has_control_work(cx, l)).count();
            if count >= needed {
                continue;
            }
            let (where_ru, where_en) = cx.class_and_group(class, group);
            let subject = cx.name(last.subject);
            let period_name = cx.name(period.id);
            let (from, to) = (period.start, period.end);
            let (held_ru, held_en) = match (count, needed) {
                (0, 1) => (
                    "не было ни контрольной работы, ни контрольного диктанта, ни проверочной работы".to_owned(),
                    "had no control work, control dictation or test".to_owned(),
                ),
                (0, _) => (
                    format!("не было ни контрольной работы, ни контрольного диктанта, ни проверочной работы, а нужно не меньше {needed}"),
                    format!("had no control work, control dictation or test, and at least {needed} are due"),
                ),
                _ => (
                    format!(
                        "{count} {} из {needed} положенных (считаются контрольные работы, контрольные диктанты и проверочные работы)",
                        ru_plural(count, "контрольная работа", "контрольные работы", "контрольных работ")
                    ),
                    format!("had {count} of the {needed} control works due (control works, control dictations and tests count)"),
                ),
            };
            let mut draft = cx
                .draft(&Self::META, period.event)
                .class(class)
                .subject(last.subject)
                .period(period.id)
                .date(period.end)
                .due_date(period.end);
            if let Some(version) = cx.version(last) {
                draft = draft.teacher(version.teacher);
            }
            out.push(draft.say(
                format!(
                    "по предмету «{subject}» в {where_ru} за период «{period_name}» ({}–{}) {held_ru}",
                    ru_date(from),
                    ru_date(to),
                ),
                format!("`{subject}` in {where_en} {held_en} in period `{period_name}` ({from} to {to})"),
            ));
        }
    }
}

/// Whether a lesson holds a control work, control dictation or test: in its version in
/// force at the audit, or as the work of a mark on it made by then.
fn has_control_work(cx: &Cx<'_>, lesson: &LessonRec) -> bool {
    cx.version(lesson)
        .is_some_and(|v| COUNTED.iter().any(|w| v.works.contains(*w)))
        || cx
            .reg
            .marks_on(lesson)
            .any(|m| cx.visible(&m.stamp) && m.work.is_some_and(|w| COUNTED.contains(&w)))
}

/// The study periods of a grade, of the finest kind the school declared for it: quarters,
/// else trimesters, else half-years.
fn study_periods(reg: &Register, grade: u8) -> Vec<&PeriodRec> {
    [
        PeriodKind::Quarter,
        PeriodKind::Trimester,
        PeriodKind::HalfYear,
    ]
    .into_iter()
    .map(|kind| reg.periods_of_kind(grade, &[kind]))
    .find(|periods| !periods.is_empty())
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    fn run(events: &[String], as_of: &str) -> Vec<crate::Finding> {
        findings(
            "control_work_missing",
            Policy::default(),
            &register(events),
            as_of,
        )
    }

    #[test]
    fn a_quarter_without_a_control_work_once_it_is_over() {
        let events = vec![
            lesson("l1", "2024-09-02", "08:30", ""),
            lesson("l2", "2024-10-21", "08:30", r#","work":"independent_work""#),
        ];
        assert!(run(&events, "2024-10-25T20:00").is_empty());
        let found = run(&events, "2024-10-26T08:00");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].period.as_deref(), Some("q1"));
        assert_eq!(
            found[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-10-25")
        );
        assert!(found[0].message.ru.contains(
            "не было ни контрольной работы, ни контрольного диктанта, ни проверочной работы"
        ));
        // A test counts; so does a control work named only on a mark.
        let mut with_test = events.clone();
        with_test.push(lesson("l3", "2024-10-22", "08:30", r#","work":"тест""#));
        assert!(run(&with_test, "2024-10-26T08:00").is_empty());
        let mut on_a_mark = events;
        on_a_mark.push(mark(
            "l2",
            "s1",
            4,
            "2024-10-21T09:00",
            r#","work":"control_work""#,
        ));
        assert!(run(&on_a_mark, "2024-10-26T08:00").is_empty());
    }

    #[test]
    fn only_control_subjects_and_the_policy_s_number() {
        let music = lesson("l1", "2024-09-02", "08:30", "").replace("Математика", "Музыка");
        assert!(run(&[music], "2024-11-01T08:00").is_empty());
        let events = vec![lesson(
            "l1",
            "2024-09-02",
            "08:30",
            r#","work":"control_work""#,
        )];
        assert!(run(&events, "2024-11-01T08:00").is_empty());
        let two = Policy::from_json(r#"{"control_works_per_period": 2}"#).unwrap();
        let found = findings(
            "control_work_missing",
            two,
            &register(&events),
            "2024-11-01T08:00",
        );
        assert!(
            found[0].message.ru.contains("1 контрольная работа из 2"),
            "{found:?}"
        );
    }
}
