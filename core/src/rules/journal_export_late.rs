use super::*;

declare_rule! {
    /// A class's register not exported by the deadline after the school year, or exported
    /// after it.
    ///
    /// ## Clause
    /// 4.4: «Выгрузка ЭКЖ по окончании учебного года в электронном виде (формат PDF)
    /// осуществляется администратором АСУ РСО … не позднее 30 июня текущего года (ЭКЖ 9, 11
    /// классов - не позднее 25 августа текущего года).»
    ///
    /// ## What it checks
    /// Per class and school year (a `year` period of the class's grade), the deadline is
    /// the policy's `export_deadline` for the grade (30 June; 25 August for grades 9 and
    /// 11) after the year's last day.
    ///
    /// - On entry: a `journal_export` dated after the deadline of the school year it
    ///   belongs to — the year of the class's grade that ended most recently on or before
    ///   the export's date. An export dated before any school year ended is not checked.
    /// - At the audit: once the deadline's day is over, a class that held lessons in that
    ///   school year (recorded by `as_of`) and has no `journal_export` dated after the
    ///   year's first day (recorded by `as_of`). One finding per class and year, dated the
    ///   deadline, pointing at the class's declaration. A class id stands for one class in
    ///   one school year, so a year in which the class held no lesson owes no export.
    ///
    /// On a part of a register, a missing export is judged only when the part holds the
    /// whole class from the year's first day to the audit's day (an export may be dated any
    /// day after the year began); otherwise the class and year are counted in
    /// `summary.not_judged`. An export the part shows is judged as it is.
    ///
    /// ## Example
    /// ```json
    /// {"type":"period","id":"y2024","kind":"year","start":"2024-09-01","end":"2025-05-31"}
    /// {"type":"journal_export","class":"5a","date":"2025-07-03","format":"pdf","signed":true,"at":"2025-07-03T12:00:00+04:00","by":"a1"}
    /// ```
    /// Exported on 3 July, due by 30 June: `journal_export_late`.
    pub struct JournalExportLate {
        id: "journal_export_late", clause: "4.4", severity: Warning, when: EntryAndAudit,
        title: "Журнал не выгружен в срок" / "Register not exported in time",
        fix: "выгрузить журнал в PDF в установленный срок"
            / "export the register to PDF by its deadline",
        checks: "Для каждого класса и учебного года (период `year` параллели) срок выгрузки — \
            `export_deadline` политики (30 июня; для 9-х и 11-х классов — 25 августа) после \
            конца года. При внесении: выгрузка, датированная позже срока своего учебного года. \
            На дату проверки: когда срок прошёл, класс, у которого в этом году были уроки, а \
            выгрузки после начала года нет. Одно замечание на класс и год.",
        needs: [], reach: Year, scope: Class,
    }
}

impl Rule for JournalExportLate {
    fn journal_export(&self, cx: &Cx<'_>, export: &ExportRec, out: &mut Vec<Finding>) {
        let Some(grade) = cx.grade(export.class) else {
            return;
        };
        let Some(year) = cx.reg.school_year_ended_by(grade, export.date) else {
            return;
        };
        let Some(due) = cx.policy.export_due(grade, year.end) else {
            return;
        };
        if export.date <= due {
            return;
        }
        let class = cx.class_name(export.class);
        let id = cx.name(year.id);
        out.push(
            cx.draft(&Self::META, export.stamp.event)
                .date(export.date)
                .class(export.class)
                .period(year.id)
                .made_by(export.stamp.by)
                .due_date(due)
                .say(
                    format!(
                        "журнал {class} за учебный год «{id}» выгружен {}, позже срока ({})",
                        ru_date(export.date),
                        ru_date(due)
                    ),
                    format!(
                        "the register of {class} for school year `{id}` was exported on {}, after the deadline ({due})",
                        export.date
                    ),
                ),
        );
    }

    fn audit_class(
        &self,
        cx: &Cx<'_>,
        class: Sym,
        rec: &ClassRec,
        now: Time,
        out: &mut Vec<Finding>,
    ) {
        let reg = cx.reg;
        for year in reg.school_years(rec.grade) {
            let Some(due) = cx.policy.export_due(rec.grade, year.end) else {
                continue;
            };
            if now < time::day_end(due) {
                continue;
            }
            let exported = reg
                .exports()
                .iter()
                .any(|x| x.class == class && x.date > year.start && cx.visible(&x.stamp));
            if exported || !reg.has_class_lessons(class, year.start, year.end, cx.horizon) {
                continue;
            }
            let item = Item::class(class, due)
                .back_to(year.start)
                .on_to(time::date_of(now));
            if !cx.judges(&Self::META, item) {
                continue;
            }
            let name = cx.class_name(class);
            let id = cx.name(year.id);
            out.push(
                cx.draft(&Self::META, rec.event)
                    .date(due)
                    .class(class)
                    .period(year.id)
                    .due_date(due)
                    .say(
                        format!(
                            "журнал {name} за учебный год «{id}» не выгружен в PDF до {}",
                            ru_date(due)
                        ),
                        format!(
                            "the register of {name} for school year `{id}` was not exported to PDF by {due}"
                        ),
                    ),
            );
        }
    }
}
