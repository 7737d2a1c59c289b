use rustc_hash::FxHashMap;

use super::*;

declare_rule! {
    /// Fewer lessons held in a school year than the thematic plan planned.
    ///
    /// ## Clause
    /// 3.3: учитель-предметник «несет ответственность за своевременное и в полном объёме
    /// прохождение образовательной программы по предмету»; 4.2: объекты проверки —
    /// «фактическое освоение образовательной программы; соответствие информации в ЭКЖ
    /// учебному плану и тематическому планированию».
    ///
    /// ## What it checks
    /// Once the last day of a school year (a `year` period of the class's grade) is over,
    /// for every class that held lessons in that year (a class id stands for one class in
    /// one school year), every `thematic_plan` of the class recorded by `as_of` is compared
    /// with the lessons of its subject (compared folded) held in the year and recorded by
    /// `as_of`:
    ///
    /// - a plan with a `group` is compared with that group's lessons plus the whole-class
    ///   lessons of the subject (the group's students sat in both);
    /// - a plan without `group` applies to each group of the subject that has lessons and no
    ///   plan of its own, counted the same way — or, when the subject has no group lessons,
    ///   to the whole-class lessons.
    ///
    /// A later plan for the same class, group and subject replaces an earlier one. Fewer
    /// lessons held than the plan's `lessons` is one finding per group (or class), on the
    /// plan, dated the year's last day: «held N of M». Its teacher is the teacher of the
    /// last lesson counted, else whoever made the plan.
    ///
    /// On a part of a register, a plan is judged only when the part holds the whole class
    /// through the school year, with thematic plans; otherwise the plan and year are
    /// counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"thematic_plan","class":"5a","subject":"Математика","lessons":170,"at":"2024-09-01T10:00:00+04:00","by":"t1"}
    /// ```
    /// Audited after 31 May with 150 lessons of mathematics recorded in 5А:
    /// `program_not_completed`.
    pub struct ProgramNotCompleted {
        id: "program_not_completed", clause: "3.3, 4.2", severity: Warning, when: Audit,
        title: "Программа не пройдена" / "Programme not completed",
        fix: "выполнить программу или откорректировать планирование"
            / "complete the programme or adjust the plan",
        checks: "Когда закончился последний день учебного года параллели класса: каждое тематическое \
            планирование класса сравнивается с числом уроков его предмета, проведённых за год \
            (для подгруппы — её уроки и уроки всего класса; планирование без подгруппы — для \
            каждой подгруппы без своего планирования или для всего класса). Уроков меньше, чем \
            запланировано (`lessons`), — одно замечание на подгруппу или класс, датой — \
            последний день года: «проведено N из M».",
        needs: [Plans], reach: Year, scope: Class,
    }
}

impl Rule for ProgramNotCompleted {
    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        let reg = cx.reg;
        // The plan in force for each class, group and subject.
        // By class, in the order first declared; each with its place in its class's list.
        let mut plans: FxHashMap<Sym, Vec<&PlanRec>> = FxHashMap::default();
        let mut places: FxHashMap<(Sym, Option<Sym>, Sym), usize> = FxHashMap::default();
        for plan in reg.plans().iter().filter(|p| cx.visible(&p.stamp)) {
            let class_plans = plans.entry(plan.class).or_default();
            let place = *places
                .entry((plan.class, plan.group, plan.subj))
                .or_insert(class_plans.len());
            match class_plans.get_mut(place) {
                Some(old) => {
                    let key = |p: &PlanRec| (p.stamp.at, p.lessons, cx.name(p.subject));
                    if key(plan) > key(old) {
                        *old = plan;
                    }
                }
                None => class_plans.push(plan),
            }
        }
        for (class, rec) in reg.classes() {
            let Some(class_plans) = plans.get(&class) else {
                continue;
            };
            for year in reg.school_years(rec.grade) {
                if now < time::day_end(year.end)
                    || !reg.has_class_lessons(class, year.start, year.end, cx.horizon)
                {
                    continue;
                }
                for (group, plan) in targets(cx, class, class_plans) {
                    check(cx, year, group, plan, out);
                }
            }
        }
    }
}

/// Which plan each group (or the whole class) of a subject is held to.
fn targets<'a>(cx: &Cx<'a>, class: Sym, plans: &[&'a PlanRec]) -> Vec<(Option<Sym>, &'a PlanRec)> {
    let mut out = Vec::new();
    for plan in plans {
        match plan.group {
            Some(group) => out.push((Some(group), *plan)),
            None => {
                let groups: Vec<Sym> = cx
                    .reg
                    .streams_of(class, plan.subj)
                    .into_iter()
                    .filter_map(|(group, _)| group)
                    .collect();
                if groups.is_empty() {
                    out.push((None, *plan));
                }
                for group in groups {
                    let own = plans
                        .iter()
                        .any(|p| p.subj == plan.subj && p.group == Some(group));
                    if !own {
                        out.push((Some(group), *plan));
                    }
                }
            }
        }
    }
    out
}

/// Compares the lessons a group (or the whole class) held in a year with its plan.
fn check(
    cx: &Cx<'_>,
    year: &PeriodRec,
    group: Option<Sym>,
    plan: &PlanRec,
    out: &mut Vec<Finding>,
) {
    let reg = cx.reg;
    let item = Item::class(plan.class, year.end).back_to(year.start);
    if !cx.judges(&ProgramNotCompleted::META, item) {
        return;
    }
    let mut held: Vec<&LessonRec> = reg
        .streams_of(plan.class, plan.subj)
        .into_iter()
        .filter(|(g, _)| g.is_none() || *g == group)
        .flat_map(|(_, lessons)| reg.lessons_between(lessons, year.start, year.end))
        .filter(|l| reg.lesson_visible(l, cx.horizon))
        .collect();
    let planned = plan.lessons;
    let count = u32::try_from(held.len()).unwrap_or(u32::MAX);
    if count >= planned {
        return;
    }
    reg.sort_lessons(&mut held);
    let teacher = held
        .last()
        .and_then(|l| cx.version(l))
        .map(|v| v.teacher)
        .or_else(|| plan.stamp.by.filter(|by| reg.staff_member(*by).is_some()));
    let mut draft = cx
        .draft(&ProgramNotCompleted::META, plan.stamp.event)
        .date(year.end)
        .class(plan.class)
        .subject(plan.subject)
        .period(year.id)
        .due_date(year.end);
    if let Some(teacher) = teacher {
        draft = draft.teacher(teacher);
    }
    let class = cx.class_name(plan.class);
    let subject = cx.name(plan.subject);
    let id = cx.name(year.id);
    let (group_ru, group_en) = match group {
        Some(g) => (
            format!(", подгруппа «{}»", cx.name(g)),
            format!(", group `{}`", cx.name(g)),
        ),
        None => (String::new(), String::new()),
    };
    out.push(draft.say(
        format!(
            "программа не пройдена: за учебный год «{id}» проведено {count} из {planned} {} по предмету «{subject}» ({class}{group_ru})",
            ru_plural(
                usize::try_from(planned).unwrap_or(usize::MAX),
                "запланированного урока",
                "запланированных уроков",
                "запланированных уроков"
            )
        ),
        format!(
            "the program is not completed: held {count} of {planned} planned {} of `{subject}` in school year `{id}` ({class}{group_en})",
            if planned == 1 { "lesson" } else { "lessons" }
        ),
    ));
}
