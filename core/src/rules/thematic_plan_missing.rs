use super::*;

declare_rule! {
    /// Lessons of a subject in a class, but no thematic plan weeks after the first one.
    ///
    /// ## Clause
    /// 3.3: учитель-предметник «в начале учебного года заполняет календарно-тематическое
    /// планирование в АСУ РСО»; 4.2: объекты проверки — «соответствие информации в
    /// ЭКЖ учебному плану и тематическому планированию».
    ///
    /// ## What it checks
    /// At the audit date, for every stream — a subject (compared folded) for a class and
    /// group — with lessons recorded by `as_of`: its first lesson's date plus
    /// `thematic_plan_grace_days` (14) is the deadline. Once that day is over, the stream
    /// needs a `thematic_plan` for its class and subject made by the end of that day (or
    /// without `at`): a plan without `group` covers every group of the class, a plan with a
    /// group covers that group only. Otherwise one finding for the stream, on its first
    /// lesson (the version first recorded), with the deadline.
    ///
    /// On a part of a register, the first lesson it shows is the stream's first only when
    /// the part holds the stream from the school year's first day (a class is one class in
    /// one school year); the source must carry thematic plans and entry times (a plan made
    /// after the deadline is as missing as none). Otherwise the stream is counted in
    /// `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"lesson","id":"l1","class":"5a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:15","topic":"Натуральные числа","at":"2024-09-02T09:15:00+04:00","by":"t1"}
    /// ```
    /// Audited on 20 September with no plan for mathematics in 5А (due by 16 September):
    /// `thematic_plan_missing`.
    pub struct ThematicPlanMissing {
        id: "thematic_plan_missing", clause: "3.3", severity: Warning, when: Audit,
        title: "Нет тематического планирования" / "No thematic plan",
        fix: "заполнить календарно-тематическое планирование"
            / "fill in the thematic plan",
        checks: "На дату проверки — для каждого потока (предмет, класс и подгруппа) с уроками: срок — \
            дата первого урока плюс `thematic_plan_grace_days` (14) дней. Когда срок прошёл, у \
            потока должно быть календарно-тематическое планирование его класса и предмета, \
            внесённое к концу этого дня: планирование без подгруппы покрывает все подгруппы \
            класса. Иначе одно замечание на поток, о первом уроке, со сроком.",
        needs: [Plans, At], reach: YearStart, scope: Students,
    }
}

impl Rule for ThematicPlanMissing {
    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        let reg = cx.reg;
        let grace = i64::from(cx.policy.thematic_plan_grace_days);
        // The plans of each class and subject (folded).
        let mut plans: rustc_hash::FxHashMap<(Sym, Sym), Vec<&PlanRec>> = Default::default();
        for plan in reg.plans() {
            plans.entry((plan.class, plan.subj)).or_default().push(plan);
        }
        for ((class, group, subj), lessons) in reg.streams() {
            if reg.class(class).is_none() {
                continue;
            }
            let Some(first) = reg
                .lessons_of(lessons)
                .find(|l| reg.lesson_visible(l, cx.horizon))
            else {
                continue;
            };
            let due = time::add_days(first.date, grace);
            let deadline = time::day_end(due);
            if now < deadline {
                continue;
            }
            if !cx.judges(
                &Self::META,
                Item::stream(first).back_to(cx.year_start(first)),
            ) {
                continue;
            }
            let planned = plans.get(&(class, subj)).into_iter().flatten().any(|p| {
                (p.group.is_none() || p.group == group) && p.stamp.at.is_none_or(|at| at < deadline)
            });
            if planned {
                continue;
            }
            let Some(version) = reg.first(first) else {
                continue;
            };
            let class_name = cx.class_name(class);
            let subject = cx.name(first.subject);
            let (group_ru, group_en) = match group {
                Some(g) => (
                    format!(", подгруппа «{}»", cx.name(g)),
                    format!(", group `{}`", cx.name(g)),
                ),
                None => (String::new(), String::new()),
            };
            out.push(
                cx.draft(&Self::META, version.stamp.event)
                    .lesson(first)
                    .due_date(due)
                    .say(
                        format!(
                            "нет календарно-тематического планирования по предмету «{subject}» ({class_name}{group_ru}): первый урок {}, планирование нужно было внести до {}",
                            ru_date(first.date), ru_date(due)
                        ),
                        format!(
                            "no thematic plan for `{subject}` ({class_name}{group_en}): the first lesson was on {}, the plan was due by {due}",
                            first.date
                        ),
                    ),
            );
        }
    }
}
