use std::collections::BTreeSet;

use chrono::Datelike;

use super::*;

use crate::event::DiarySection;

declare_rule! {
    /// A parent with electronic access who did not look at the child's diary in a week, or
    /// at the final marks after a period.
    ///
    /// ## Clause
    /// 5.4: «Родители (законные представители) обязаны еженедельно просматривать ЭД, о чём
    /// будет оставаться учетная запись на соответствующих страницах. В конце учебной
    /// четверти, полугодия и года родители (законные представители) просматривают ЭД в
    /// разделе «Итоговые оценки», о чем будет оставаться учетная запись.»
    ///
    /// ## What it checks
    /// At the audit date, for every declared parent and each of their children (declared
    /// students):
    ///
    /// - every week, Monday to Sunday, that lies wholly inside a school year (`year`
    ///   period) of the child's grade and is over by `as_of`, with the child enrolled on its
    ///   Monday and its Sunday: some `diary_view` by that parent of that child, of any
    ///   section, with `at` in that week. Otherwise one finding, dated the Monday, due the
    ///   Sunday: one per week, also when overlapping `year` periods both hold it (a year
    ///   declared for every grade and again for some).
    /// - every period of the child's grade, of every kind (the `year` included), whose
    ///   seventh day after its last day is over by `as_of`, with the child enrolled on that
    ///   last day: a `final_marks` view by that parent of that child from the period's last
    ///   day to the end of the seventh day after it. Otherwise one finding for the period,
    ///   dated its last day, due the seventh day after it. Not for a child in a grade of
    ///   `no_marks_grades`: without marks there are no final marks to look at (2.6).
    ///
    /// Views without `at` cannot be placed in a week and do not count. A parent who filed a
    /// `parent_opt_out` owes nothing due on or after the opt-out date (the week of the
    /// opt-out included): from then on they get paper reports (`paper_report_overdue`).
    ///
    /// The finding points at the parent's declaration; its teacher is the class teacher of
    /// the child's class, who monitors parents' use of the system (3.2).
    ///
    /// On a part of a register, a week or a period's seven days without a view are judged
    /// only when the part holds the child on every one of those days, with parents and
    /// entry times; otherwise they are counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"parent","id":"p1","children":["s1"]}
    /// {"type":"diary_view","parent":"p1","student":"s1","section":"diary","at":"2024-09-04T20:00:00+04:00"}
    /// ```
    /// Audited on 17 September, no view in the week of 9–15 September:
    /// `parent_diary_not_viewed`.
    pub struct ParentDiaryNotViewed {
        id: "parent_diary_not_viewed", clause: "5.4", severity: Info, when: Audit,
        title: "Родитель не просматривал дневник" / "Parent did not view the diary",
        fix: "напомнить родителям о просмотре электронного дневника"
            / "remind the parents to look at the electronic diary",
        checks: "На дату проверки — для каждого объявленного родителя и каждого его ребёнка: каждая \
            прошедшая неделя (с понедельника по воскресенье) внутри учебного года параллели \
            ребёнка должна иметь хотя бы один просмотр дневника этим родителем; иначе замечание \
            на неделю. Кроме того, в течение 7 дней после окончания каждого периода родитель \
            должен просмотреть раздел итоговых отметок (кроме параллелей из `no_marks_grades`). \
            Просмотры без времени не учитываются. Родитель, подавший заявление о бумажных \
            отчётах, с даты заявления ничего не должен. Учитель замечания — классный \
            руководитель ребёнка (3.2).",
        needs: [Parents, At], reach: Between, scope: Students,
    }
}

impl Rule for ParentDiaryNotViewed {
    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        let reg = cx.reg;
        let views = views(cx);
        let seen = |times: &[Time], from: NaiveDate, to: NaiveDate| {
            let first = times.partition_point(|t| *t < time::day_start(from));
            times.get(first).is_some_and(|t| *t < time::day_end(to))
        };
        let empty = (Vec::new(), Vec::new());
        for parent in reg.parents() {
            let opted_out = reg
                .opt_outs()
                .iter()
                .filter(|o| o.parent == parent.id)
                .map(|o| o.date)
                .min();
            let owed = |due: NaiveDate| opted_out.is_none_or(|d| due < d);
            for &child in &parent.children {
                let Some(student) = reg.student(child) else {
                    continue;
                };
                let Some(grade) = reg.grade(student.class) else {
                    continue;
                };
                let (all, finals) = views.get(&(parent.id, child)).unwrap_or(&empty);
                let finding = |date: NaiveDate, due: NaiveDate| {
                    let draft = cx
                        .draft(&Self::META, parent.event)
                        .date(date)
                        .student(child)
                        .parent(parent.id)
                        .due_date(due);
                    match reg.class_teacher(student.class) {
                        Some(teacher) => draft.teacher(teacher),
                        None => draft,
                    }
                };
                let parent_name = cx.parent_name(parent.id);
                let name = cx.student_name(child);
                // «родитель Тихонова Ольга Александровна не просматривала дневник Тихонова
                // Ивана»: the verb agrees with the parent, the child in the genitive.
                let person = cx.parent_named(parent.id);
                let of_child = cx.student_named(child).case(Case::Genitive);
                // The weeks without a view, each once however many overlapping school
                // years hold it.
                let mut weeks: BTreeSet<NaiveDate> = BTreeSet::new();
                for year in reg.school_years(grade) {
                    let offset = (7 - year.start.weekday().num_days_from_monday()) % 7;
                    let mut monday = time::add_days(year.start, i64::from(offset));
                    loop {
                        let sunday = time::add_days(monday, 6);
                        if sunday > year.end || now < time::day_end(sunday) || !owed(sunday) {
                            break;
                        }
                        let enrolled = reg.enrolled(student, monday, cx.horizon)
                            && reg.enrolled(student, sunday, cx.horizon);
                        if enrolled && !seen(all, monday, sunday) {
                            weeks.insert(monday);
                        }
                        monday = time::add_days(monday, 7);
                    }
                }
                for monday in weeks {
                    let sunday = time::add_days(monday, 6);
                    if !cx.judges(&Self::META, Item::student(child, monday).on_to(sunday)) {
                        continue;
                    }
                    out.push(finding(monday, sunday).say(
                        format!(
                            "родитель {parent_name} не {} электронный дневник {of_child} на неделе {} – {}",
                            person.agree("просматривал", "просматривала", "просматривал(а)"),
                            ru_date(monday), ru_date(sunday)
                        ),
                        format!(
                            "parent {parent_name} did not look at the electronic diary of {name} in the week {monday} – {sunday}"
                        ),
                    ));
                }
                // A grade without marks has no final marks to look at (2.6).
                let marked = !cx.policy.no_marks(grade);
                for period in reg.periods_for(grade).into_iter().filter(|_| marked) {
                    let due = time::add_days(period.end, 7);
                    if now < time::day_end(due)
                        || !owed(due)
                        || !reg.enrolled(student, period.end, cx.horizon)
                        || seen(finals, period.end, due)
                    {
                        continue;
                    }
                    if !cx.judges(&Self::META, Item::student(child, period.end).on_to(due)) {
                        continue;
                    }
                    let id = cx.name(period.id);
                    out.push(finding(period.end, due).period(period.id).say(
                        format!(
                            "родитель {parent_name} не {} итоговые отметки {of_child} за период «{id}» в течение 7 дней после его окончания ({} – {})",
                            person.agree("просмотрел", "просмотрела", "просмотрел(а)"),
                            ru_date(period.end), ru_date(due)
                        ),
                        format!(
                            "parent {parent_name} did not look at the final marks of {name} for period `{id}` within 7 days after it ended ({} – {due})",
                            period.end
                        ),
                    ));
                }
            }
        }
    }
}

/// The views of each parent of each child: every view's time, and the final-marks views'
/// times, sorted; views without a time, or not yet visible, left out.
fn views(cx: &Cx<'_>) -> Views {
    let mut views = Views::default();
    for view in cx.reg.diary_views() {
        let Some(at) = view.stamp.at.filter(|_| cx.visible(&view.stamp)) else {
            continue;
        };
        let (all, finals) = views.entry((view.parent, view.student)).or_default();
        all.push(at);
        if view.section == DiarySection::FinalMarks {
            finals.push(at);
        }
    }
    for (all, finals) in views.values_mut() {
        all.sort_unstable();
        finals.sort_unstable();
    }
    views
}

/// Times of the views by parent and child.
type Views = Map<(Sym, Sym), (Vec<Time>, Vec<Time>)>;

type Map<K, V> = rustc_hash::FxHashMap<K, V>;
