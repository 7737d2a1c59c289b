use super::*;

declare_rule! {
    /// A student with no final mark in a subject once the period's results are due.
    ///
    /// ## Clause
    /// 2.10: «Внесение итоговых отметок на странице Классный журнал/ Итоговые отметки
    /// осуществляет учитель-предметник по окончании учебного периода»; 5.3: «Информация в
    /// ЭКЖ о результатах промежуточной аттестации должна быть доступна обучающимся и их
    /// родителям (законным представителям) не позже суток после окончания соответствующего
    /// отчётного периода.»
    ///
    /// ## What it checks
    /// At the audit date, for every period — of every kind, the `year` included — whose
    /// publication window is over (the end of its last day plus
    /// `final_marks_publish_within`, 24 hours: by default the end of the day after the last
    /// day): every student of a class of a grade the period applies to, not in
    /// `no_marks_grades`, enrolled on the period's last day, who was one of the students
    /// of at least one lesson of a subject (subjects compared folded) dated in the period
    /// (lessons and group memberships as recorded by `as_of`), and has no final mark
    /// entered by then for that subject and period — `na` counts as a mark.
    ///
    /// A student home-schooled at any time in the period owes final marks only in the
    /// subjects of the individual plans that overlap the period (2.13), and only in those
    /// the class had lessons of.
    ///
    /// One finding per student, subject and period, dated the period's last day, pointing
    /// at the student's declaration (there is no entry to point at). Its teacher is the
    /// teacher of the student's last lesson of the subject in the period. The deadline is
    /// reported as a date when the window is a whole number of days, else as a moment.
    ///
    /// On a part of a register, a student owes a final mark only for a period that ends
    /// inside the part, with the part holding the student on its last day and carrying
    /// final marks; every other student, subject and period owed is counted in
    /// `summary.not_judged` (a period that ends after the part, a student the part does not
    /// hold, a source without final marks).
    ///
    /// ## Example
    /// ```json
    /// {"type":"period","id":"q1","kind":"quarter","start":"2024-09-02","end":"2024-10-25"}
    /// {"type":"student","id":"s2","class":"5a"}
    /// {"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Натуральные числа","at":"2024-09-02T09:15:00+04:00","by":"t1"}
    /// ```
    /// Audited on 28 October with no quarter mark for `s2` in mathematics:
    /// `final_mark_missing`.
    pub struct FinalMarkMissing {
        id: "final_mark_missing", clause: "2.10, 5.3", severity: Warning, when: Audit,
        title: "Нет итоговой отметки" / "No final mark",
        fix: "выставить итоговую отметку за период"
            / "enter the period's final mark",
        checks: "На дату проверки — для каждого периода (и года), срок публикации отметок за который \
            истёк (конец последнего дня плюс `final_marks_publish_within`, 24 часа): каждый \
            ученик класса, к параллели которого относится период (кроме `no_marks_grades`), \
            обучавшийся в последний день периода и бывший на уроках предмета в этом периоде, но \
            не получивший за период итоговой отметки по предмету («н/а» считается отметкой). \
            Ученику на обучении на дому в этом периоде итоговые отметки нужны только по \
            предметам индивидуального плана. Одно замечание на ученика, предмет и период, датой \
            — последний день периода; учитель — тот, кто вёл последний урок предмета у ученика в \
            периоде.",
        needs: [FinalMarks], reach: Day, scope: Students,
    }
}

impl Rule for FinalMarkMissing {
    fn audit_class(
        &self,
        cx: &Cx<'_>,
        class: Sym,
        rec: &ClassRec,
        now: Time,
        out: &mut Vec<Finding>,
    ) {
        let reg = cx.reg;
        let hours = cx.policy.final_marks_publish_within;
        if cx.policy.no_marks(rec.grade) {
            return;
        }
        // The class's lessons, ordered once for all its periods (a quarter's lessons are a
        // run of the year's): ordered by date first, a period's are those of its dates.
        let mut all: Option<Vec<&LessonRec>> = None;
        for period in reg.periods() {
            let deadline = time::day_end(period.end) + Time::from(hours) * 3600;
            if now <= deadline {
                continue;
            }
            if !period.applies_to(rec.grade) {
                continue;
            }
            let all = all.get_or_insert_with(|| {
                reg.class_lessons(class, NaiveDate::MIN, NaiveDate::MAX, cx.horizon)
            });
            let lessons = between(all, period.start, period.end);
            if lessons.is_empty() {
                continue;
            }
            let mut subjects: Vec<Sym> = lessons.iter().map(|l| l.subj).collect();
            subjects.sort_unstable();
            subjects.dedup();
            for student in reg.students_of_class(class) {
                if !reg.enrolled(student, period.end, cx.horizon) {
                    continue;
                }
                for last in owed(cx, student, period, lessons, subjects.len()) {
                    if !cx.judges(&Self::META, Item::student(student.id, period.end)) {
                        continue;
                    }
                    if reg
                        .final_mark_of(student.id, last.subj, period.id, cx.horizon)
                        .is_some()
                    {
                        continue;
                    }
                    let mut draft = cx
                        .draft(&Self::META, student.event)
                        .date(period.end)
                        .student(student.id)
                        .subject(last.subject)
                        .period(period.id);
                    if let Some(version) = cx.version(last) {
                        draft = draft.teacher(version.teacher);
                    }
                    let draft = if hours % 24 == 0 {
                        draft.due_date(time::date_of(deadline - 1))
                    } else {
                        draft.due_time(deadline)
                    };
                    let name = cx.student_name(student.id);
                    let person = cx.student_named(student.id);
                    let subject = cx.name(last.subject);
                    let id = cx.name(period.id);
                    out.push(draft.say(
                        format!(
                            "у {} {} нет итоговой отметки за период «{id}» (окончен {}) по предмету «{subject}»",
                            person.agree("ученика", "ученицы", "ученика"),
                            person.case(Case::Genitive),
                            ru_date(period.end)
                        ),
                        format!(
                            "{name} has no final mark for period `{id}` (ended {}) in `{subject}`",
                            period.end
                        ),
                    ));
                }
            }
        }
    }
}

/// The lessons dated from `from` to `to` (both included) of lessons ordered by date.
fn between<'l, 'a>(
    lessons: &'l [&'a LessonRec],
    from: NaiveDate,
    to: NaiveDate,
) -> &'l [&'a LessonRec] {
    let first = lessons.partition_point(|l| l.date < from);
    let end = lessons.partition_point(|l| l.date <= to);
    lessons.get(first..end).unwrap_or_default()
}

/// The subjects a student owes a final mark in for a period: the last lesson of each subject
/// (folded) of the period's lessons of the class that the student was in, limited to the
/// individual plan's subjects for a student home-schooled during the period. `subjects`:
/// how many subjects the lessons are of.
fn owed<'a>(
    cx: &Cx<'a>,
    student: &StudentRec,
    period: &PeriodRec,
    lessons: &[&'a LessonRec],
    subjects: usize,
) -> Vec<&'a LessonRec> {
    let plans: Vec<&HomeSchoolingRec> = cx
        .reg
        .home_schoolings(student.id)
        .filter(|h| h.overlaps(period.start, period.end))
        .collect();
    // Lessons come in order: walking back, the first one of a subject the student was in is
    // their last, and the subject's earlier lessons need not be looked at: once every
    // subject has its last lesson, no lesson before it need be.
    let mut last: Vec<&LessonRec> = Vec::new();
    for lesson in lessons.iter().rev() {
        if last.len() == subjects {
            break;
        }
        if last.iter().any(|l| l.subj == lesson.subj) {
            continue;
        }
        if !plans.is_empty() && !plans.iter().any(|h| h.subjects.contains(&lesson.subj)) {
            continue;
        }
        if cx.reg.in_lesson(student, lesson, cx.horizon) {
            last.push(lesson);
        }
    }
    last
}
