use super::*;

declare_rule! {
    /// A class's register exported, but never with an electronic signature.
    ///
    /// ## Clause
    /// 4.5: «ЭКЖ в PDF-формате записывается администратором АСУ РСО на электронный носитель
    /// информации … и хранится в двух экземплярах: основной заверяется электронной цифровой
    /// подписью ответственного лица, рабочий экземпляр – без электронной цифровой подписи.»
    ///
    /// ## What it checks
    /// At the audit date, the `journal_export`s recorded by `as_of`, per class and school
    /// year — the year of the class's grade that ended most recently on or before the
    /// export's date; exports dated before any school year ended form a group of their own.
    /// A group with no `signed` export is one finding, pointing at its latest export (by
    /// date, then by when it was made): the main copy must carry the signature.
    ///
    /// On a part of a register, a group is judged only when the part holds the whole class
    /// from the day its school year ended (for exports before any year ended, from the
    /// beginning) to the audit's day: a signed export the part does not show could be
    /// among them. Otherwise it is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"journal_export","class":"5a","date":"2025-06-20","format":"pdf","signed":false,"at":"2025-06-20T12:00:00+04:00","by":"a1"}
    /// ```
    /// The only export of 5А is unsigned: `journal_export_unsigned`.
    pub struct JournalExportUnsigned {
        id: "journal_export_unsigned", clause: "4.5", severity: Warning, when: Audit,
        title: "Выгрузка журнала не подписана" / "Register export not signed",
        fix: "подписать выгрузку электронной подписью"
            / "sign the export electronically",
        checks: "На дату проверки — выгрузки журнала каждого класса за каждый учебный год: если ни \
            одна из них не подписана электронной подписью (`signed`), это одно замечание о \
            последней выгрузке: основной экземпляр заверяется ЭЦП.",
        needs: [], reach: Between, scope: Class,
    }
}

impl Rule for JournalExportUnsigned {
    fn audit(&self, cx: &Cx<'_>, now: Time, out: &mut Vec<Finding>) {
        let reg = cx.reg;
        let mut groups: Vec<Group<'_>> = Vec::new();
        for export in reg.exports().iter().filter(|x| cx.visible(&x.stamp)) {
            let Some(grade) = reg.grade(export.class) else {
                continue;
            };
            let year = reg.school_year_ended_by(grade, export.date).map(|y| y.id);
            let key = (export.class, year);
            match groups.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, signed, latest)) => {
                    *signed |= export.signed;
                    if later(cx, export, latest) {
                        *latest = export;
                    }
                }
                None => groups.push((key, export.signed, export)),
            }
        }
        for ((class, year), signed, latest) in groups {
            if signed {
                continue;
            }
            let since = year
                .and_then(|y| reg.period(y))
                .map_or(NaiveDate::MIN, |y| y.end);
            let item = Item::class(class, latest.date)
                .back_to(since)
                .on_to(time::date_of(now));
            if !cx.judges(&Self::META, item) {
                continue;
            }
            let name = cx.class_name(class);
            let mut draft = cx
                .draft(&Self::META, latest.stamp.event)
                .date(latest.date)
                .class(class)
                .made_by(latest.stamp.by);
            let (ru_year, en_year) = match year {
                Some(year) => {
                    draft = draft.period(year);
                    let id = cx.name(year);
                    (
                        format!(" за учебный год «{id}»"),
                        format!(" for school year `{id}`"),
                    )
                }
                None => (String::new(), String::new()),
            };
            out.push(draft.say(
                format!(
                    "ни одна выгрузка журнала {name}{ru_year} не заверена электронной подписью (последняя — {}): основной экземпляр заверяется ЭЦП",
                    ru_date(latest.date)
                ),
                format!(
                    "no export of the register of {name}{en_year} is signed (the latest on {}): the main copy must carry an electronic signature",
                    latest.date
                ),
            ));
        }
    }
}

/// The exports of a class for a school year (`None`: before any year ended): whether any
/// is signed, and the latest.
type Group<'a> = ((Sym, Option<Sym>), bool, &'a ExportRec);

/// Whether export `a` is later than `b`: by date, then by when it was made, then by who.
fn later(cx: &Cx<'_>, a: &ExportRec, b: &ExportRec) -> bool {
    let by = |x: &ExportRec| x.stamp.by.map(|s| cx.name(s));
    (a.date, a.stamp.at, by(a)) > (b.date, b.stamp.at, by(b))
}
