use super::*;

declare_rule! {
    /// A child whose parent chose paper reports went too long without one.
    ///
    /// ## Clause
    /// 3.2, 5.2: «Для родителей (законных представителей), которые заявили о
    /// невозможности или нежелании использовать доступ к электронным формам предоставления
    /// информации, должно быть обеспечено информирование о результатах обучения не реже,
    /// чем один раз в 2 недели с использованием распечатки результатов и размещения ее в
    /// дневнике обучающегося классным руководителем.»
    ///
    /// ## What it checks
    /// At the audit date, for every child of a parent who filed a `parent_opt_out`: from the
    /// opt-out date (the earliest, when several parents of the child opted out, or one
    /// parent did more than once), the child's `paper_report`s recorded by `as_of`, taken
    /// by date, must be at most `paper_report_every_days` (14) days apart, and the last one
    /// at most that many days before the audit date. Each longer gap is one finding, dated
    /// on the day the next report was due (the previous report, or the start, plus 14 days),
    /// which is also the missed deadline; it points at the previous report, or at the
    /// opt-out for the first gap.
    ///
    /// The duty runs while the child is enrolled (from `since`, until the day of leaving)
    /// and only inside the school years (`year` periods) of the child's grade: a new school
    /// year starts the count again from its first day, and the holidays owe nothing.
    /// Overlapping school years count as one stretch, so a gap is reported once. For a
    /// grade with no `year` period declared, the duty runs without a break from the
    /// opt-out.
    ///
    /// The finding names the parent (the one whose opt-out started the duty) and, as its
    /// teacher, the class teacher of the child's class, who prints the reports.
    ///
    /// On a part of a register, a gap is judged only when the part holds the child on every
    /// day from its start to its end (the report before it to the report after it, or the
    /// audit's day), with parents: a report the part does not show could close it.
    /// Otherwise it is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"parent","id":"p1","children":["s1"]}
    /// {"type":"parent_opt_out","parent":"p1","date":"2024-09-02"}
    /// {"type":"paper_report","student":"s1","date":"2024-09-13","at":"2024-09-13T15:00:00+04:00","by":"t1"}
    /// ```
    /// Audited on 10 October, the next report was due by 27 September:
    /// `paper_report_overdue`.
    pub struct PaperReportOverdue {
        id: "paper_report_overdue", clause: "3.2, 5.2", severity: Warning, when: Audit,
        title: "Нет бумажного отчёта об успеваемости" / "Paper progress report overdue",
        fix: "выдать родителям отчёт об успеваемости на бумаге"
            / "hand the parents a printed progress report",
        checks: "На дату проверки — для каждого ребёнка родителя, подавшего заявление о получении \
            сведений на бумаге (`parent_opt_out`): начиная с даты заявления печатные отчёты об \
            успеваемости должны выдаваться не реже чем раз в `paper_report_every_days` дней \
            (14), и последний — не раньше чем за столько же дней до даты проверки. Каждый более \
            длинный промежуток — замечание, датой — день, когда отчёт был нужен. Обязанность \
            действует, пока ребёнок обучается, и только в учебные годы его параллели: каникулы \
            ничего не требуют. Учитель замечания — классный руководитель, который печатает \
            отчёты.",
        needs: [Parents], reach: Between, scope: Students,
    }
}

/// The duty of paper reports for one child.
struct Duty {
    from: NaiveDate,
    parent: Sym,
    /// The opt-out's event.
    event: u32,
}

impl Rule for PaperReportOverdue {
    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        let reg = cx.reg;
        let today = time::date_of(now);
        for (child, duty) in duties(cx) {
            let Some(student) = reg.student(child) else {
                continue;
            };
            let Some(grade) = reg.grade(student.class) else {
                continue;
            };
            let start = student.since.map_or(duty.from, |s| s.max(duty.from));
            // The first day that owes nothing: the day of leaving, or the audit's day.
            let left = reg
                .left_of(child)
                .filter(|l| cx.visible(&l.stamp))
                .map(|l| l.date)
                .min();
            let stop = left.map_or(today, |l| l.min(today));
            let mut reports: Vec<&DatedRec> = reg
                .paper_reports_of(child)
                .filter(|r| cx.visible(&r.stamp))
                .collect();
            reports.sort_by(|a, b| {
                a.date
                    .cmp(&b.date)
                    .then(a.stamp.at.cmp(&b.stamp.at))
                    .then_with(|| {
                        let by = |r: &DatedRec| r.stamp.by.map(|b| cx.name(b));
                        by(a).cmp(&by(b))
                    })
            });
            for span in spans(cx, grade, start, stop) {
                gaps(cx, (child, student.class), &duty, span, &reports, out);
            }
        }
    }
}

/// The children whose parent opted out, each with the earliest duty (by date, then parent
/// and event): the first opt-out of any of their parents starts it.
fn duties(cx: &Cx<'_>) -> Vec<(Sym, Duty)> {
    let reg = cx.reg;
    let mut duties: Vec<(Sym, Duty)> = Vec::new();
    for opt in reg.opt_outs() {
        let Some(parent) = reg.parent(opt.parent) else {
            continue;
        };
        for &child in &parent.children {
            if reg.student(child).is_none() {
                continue;
            }
            let duty = Duty {
                from: opt.date,
                parent: opt.parent,
                event: opt.event,
            };
            match duties.iter_mut().find(|(c, _)| *c == child) {
                Some((_, old)) => {
                    let earlier = (duty.from, cx.name(duty.parent), duty.event)
                        < (old.from, cx.name(old.parent), old.event);
                    if earlier {
                        *old = duty;
                    }
                }
                None => duties.push((child, duty)),
            }
        }
    }
    duties
}

/// The spans from `start` to `stop` (exclusive) that lie in a school year of the grade
/// (without school years, the whole of it), overlapping years joined: a gap is reported
/// once.
fn spans(cx: &Cx<'_>, grade: u8, start: NaiveDate, stop: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let years = cx.reg.school_years(grade);
    let mut spans: Vec<(NaiveDate, NaiveDate)> = if years.is_empty() {
        vec![(start, stop)]
    } else {
        years
            .iter()
            .map(|y| (start.max(y.start), stop.min(time::add_days(y.end, 1))))
            .collect()
    };
    // Overlapping school years (one declared for every grade, another for some) make one
    // span.
    spans.sort_unstable();
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(spans.len());
    for (from, to) in spans {
        match merged.last_mut() {
            Some(last) if from < to && from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// Reports each gap of more than `paper_report_every_days` in a span: between its start,
/// the reports in it (ordered by date) and its end.
fn gaps(
    cx: &Cx<'_>,
    (child, class): (Sym, Sym),
    duty: &Duty,
    (from, to): (NaiveDate, NaiveDate),
    reports: &[&DatedRec],
    out: &mut Vec<Finding>,
) {
    if from >= to {
        return;
    }
    let every = i64::from(cx.policy.paper_report_every_days);
    let mut prev = (from, duty.event, None::<NaiveDate>);
    let points = reports
        .iter()
        .filter(|r| from <= r.date && r.date <= to)
        .map(|r| (r.date, r.stamp.event, Some(r.date)))
        .chain(std::iter::once((to, 0, None)));
    for point in points {
        let due = time::add_days(prev.0, every);
        let gap = Item::student(child, due).back_to(prev.0).on_to(point.0);
        if point.0 > due && cx.judges(&PaperReportOverdue::META, gap) {
            let mut draft = cx
                .draft(&PaperReportOverdue::META, prev.1)
                .date(due)
                .student(child)
                .parent(duty.parent)
                .due_date(due);
            if let Some(teacher) = cx.reg.class_teacher(class) {
                draft = draft.teacher(teacher);
            }
            let name = cx.student_name(child);
            let of_child = cx.student_named(child).case(Case::Genitive);
            let parent = cx.parent_name(duty.parent);
            let (since_ru, since_en) = match prev.2 {
                Some(d) => (
                    format!("предыдущий — {}", ru_date(d)),
                    format!("the previous one on {d}"),
                ),
                None => (
                    format!("отсчёт с {}", ru_date(prev.0)),
                    format!("counting from {}", prev.0),
                ),
            };
            out.push(draft.say(
                format!(
                    "родитель {parent} получает сведения на бумаге: печатный отчёт об успеваемости {of_child} нужен был не позже {} ({since_ru}): не реже раза в {}",
                    ru_date(due), ru_days(every)
                ),
                format!(
                    "parent {parent} gets paper reports: a printed progress report on {name} was due by {due} ({since_en}): at least every {}",
                    en_count(every, "day", "days")
                ),
            ));
        }
        prev = point;
    }
}
