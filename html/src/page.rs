//! The справка as a maud template: every value from the report (names, subjects, messages)
//! goes in as `(value)` and is escaped; only the stylesheet and the charts' SVG, both made
//! here, go in unescaped.

use std::collections::{BTreeMap, BTreeSet};

use ekzh_core::{FillRow, Lang, Share};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::format::{self, count, FINDINGS};
use crate::{chart, Changes, FindingData, Options, ReportData, Rules};

const STYLE: &str = include_str!("style.css");

/// The words of the document in one language.
struct Words {
    lang: &'static str,
    title: &'static str,
    heading: &'static str,
    subheading: &'static str,
    checked_on: &'static str,
    basis: &'static str,
    scope: &'static str,
    classes: &'static str,
    dates: &'static str,
    from_to: [&'static str; 2],
    as_of: &'static str,
    events: &'static str,
    policy: &'static str,
    policy_default: &'static str,
    without_at: &'static str,
    without_by: &'static str,
    skipped: &'static str,
    part: &'static str,
    part_whole: &'static str,
    summary: &'static str,
    found: &'static str,
    clean: &'static str,
    severities: [&'static str; 3],
    since: &'static str,
    corrected: &'static str,
    open: &'static str,
    new: &'static str,
    fill_teachers: &'static str,
    fill_classes: &'static str,
    fill_note: &'static str,
    teacher: &'static str,
    class: &'static str,
    total: &'static str,
    figures: [&'static str; 7],
    weeks: &'static str,
    chart_findings: &'static str,
    chart_fill: &'static str,
    lines: [&'static str; 3],
    by_clause: &'static str,
    clause: &'static str,
    asks: &'static str,
    rule: &'static str,
    number: &'static str,
    by_teacher: &'static str,
    no_teacher: &'static str,
    no_findings: &'static str,
    fix: &'static str,
    columns: [&'static str; 6],
    status: &'static str,
    status_open: &'static str,
    status_new: &'static str,
    corrected_since: &'static str,
    drawn_up: &'static str,
    acquainted: &'static str,
    signature: &'static str,
}

const RU: Words = Words {
    lang: "ru",
    title: "Справка по итогам проверки электронного классного журнала",
    heading: "Справка",
    subheading: "по итогам проверки электронного классного журнала",
    checked_on: "Дата проверки",
    basis: "Основание: Положение о ведении электронного классного журнала, пп. 4.2, 4.3.",
    scope: "Что проверялось",
    classes: "Классы",
    dates: "Записи журнала",
    from_to: ["с", "по"],
    as_of: "Журнал проверен по состоянию на",
    events: "Событий в журнале",
    policy: "Нормы, изменённые относительно Положения",
    policy_default: "Нормы — по Положению, без изменений.",
    without_at: "записей без времени внесения: их своевременность не проверялась",
    without_by: "записей без автора: права на их внесение не проверялись",
    skipped: "событий не прочитано и пропущено",
    part: "проверена часть журнала (выгрузка); не проверено",
    part_whole: "проверена часть журнала (выгрузка): проверено всё, что в ней есть",
    summary: "Итоги",
    found: "Выявлено",
    clean: "Замечаний нет: журнал ведётся по Положению.",
    severities: ["ошибки", "предупреждения", "к сведению"],
    since: "По сравнению с проверкой на",
    corrected: "исправлено",
    open: "не исправлено",
    new: "новых",
    fill_teachers: "Наполняемость и своевременность: по учителям",
    fill_classes: "Наполняемость и своевременность: по классам",
    fill_note: "Доли — от уроков, проведённых к дате проверки. «—»: показатель не применим (в 1 классе нет отметок и домашних заданий) или его нет в выгрузке.",
    teacher: "Учитель",
    class: "Класс",
    total: "Всего",
    figures: [
        "Уроков",
        "С темой",
        "Тема в день урока",
        "С домашним заданием",
        "Задание в срок",
        "Отметок на ученика за урок",
        "Письменные работы проверены в срок",
    ],
    weeks: "По неделям",
    chart_findings: "Замечания по неделям",
    chart_fill: "Внесено в срок, % уроков недели",
    lines: ["с темой", "тема в срок", "задание в срок"],
    by_clause: "Замечания по пунктам Положения",
    clause: "Пункт",
    asks: "Что требует Положение",
    rule: "Замечание",
    number: "Число",
    by_teacher: "Замечания по учителям",
    no_teacher: "Замечания, не относящиеся к учителю урока",
    no_findings: "Замечаний нет.",
    fix: "Что исправить",
    columns: ["Дата", "Класс", "Предмет", "Ученик", "Замечание", "Срок"],
    status: "Статус",
    status_open: "не исправлено",
    status_new: "новое",
    corrected_since: "Исправлено после проверки на",
    drawn_up: "Справку составил(а)",
    acquainted: "Со справкой ознакомлены",
    signature: "подпись, дата",
};

const EN: Words = Words {
    lang: "en",
    title: "Report on the check of the electronic class register",
    heading: "Report",
    subheading: "on the check of the electronic class register",
    checked_on: "Date of the check",
    basis: "Under the Regulation on keeping the electronic class register, clauses 4.2, 4.3.",
    scope: "What was checked",
    classes: "Classes",
    dates: "Register entries",
    from_to: ["from", "to"],
    as_of: "The register as of",
    events: "Events in the register",
    policy: "Rules changed from the Regulation",
    policy_default: "The Regulation's rules, unchanged.",
    without_at: "entries without an entry time: not checked for lateness",
    without_by: "entries without an author: not checked for permission",
    skipped: "events could not be read and were skipped",
    part: "a part of the register was checked (an export); not checked",
    part_whole: "a part of the register was checked (an export): everything it holds was checked",
    summary: "Summary",
    found: "Found",
    clean: "No findings: the register is kept as the Regulation asks.",
    severities: ["errors", "warnings", "info"],
    since: "Compared with the check as of",
    corrected: "corrected",
    open: "still open",
    new: "new",
    fill_teachers: "Fill and timeliness by teacher",
    fill_classes: "Fill and timeliness by class",
    fill_note: "Shares of the lessons held by the date of the check. “—”: the figure does not apply (grade 1 gets no marks or homework) or the export does not carry it.",
    teacher: "Teacher",
    class: "Class",
    total: "Total",
    figures: [
        "Lessons",
        "With a topic",
        "Topic on the day",
        "With homework",
        "Homework on time",
        "Marks per student per lesson",
        "Written works graded on time",
    ],
    weeks: "By week",
    chart_findings: "Findings by week",
    chart_fill: "Entered on time, % of the week's lessons",
    lines: ["with a topic", "topic on time", "homework on time"],
    by_clause: "Findings by clause of the Regulation",
    clause: "Clause",
    asks: "What the Regulation asks",
    rule: "Finding",
    number: "Count",
    by_teacher: "Findings by teacher",
    no_teacher: "Findings about no lesson's teacher",
    no_findings: "No findings.",
    fix: "To correct",
    columns: ["Date", "Class", "Subject", "Student", "Finding", "Due"],
    status: "Status",
    status_open: "still open",
    status_new: "new",
    corrected_since: "Corrected since the check as of",
    drawn_up: "Drawn up by",
    acquainted: "Read by",
    signature: "signature, date",
};

const SEVERITIES: [&str; 3] = ["error", "warning", "info"];

/// The figures of a row, in the table's order, with their keys in `summary.fill`.
fn shares(row: &FillRow) -> [(&'static str, Option<Share>); 6] {
    [
        ("with_topic", row.with_topic),
        ("topic_on_time", row.topic_on_time),
        ("with_homework", row.with_homework),
        ("homework_on_time", row.homework_on_time),
        ("marks", row.marks),
        ("works_on_time", row.works_on_time),
    ]
}

/// What the document needs besides the report: its words, language and the comparison.
struct Doc<'a> {
    report: &'a ReportData,
    rules: &'a Rules,
    changes: Option<&'a Changes<'a>>,
    lang: Lang,
    w: &'static Words,
}

impl Doc<'_> {
    fn teacher<'s>(&'s self, id: &'s str) -> &'s str {
        self.report.names.staff(id)
    }

    fn class<'s>(&'s self, id: &'s str) -> &'s str {
        self.report.names.class(id)
    }

    fn student<'s>(&'s self, id: &'s str) -> &'s str {
        self.report.names.student(id)
    }

    fn rule_title(&self, rule: &str) -> String {
        self.rules
            .get(rule)
            .map_or(rule, |r| r.title.get(self.lang))
            .to_owned()
    }

    fn rule_fix(&self, rule: &str) -> &str {
        self.rules.get(rule).map_or("", |r| r.fix.get(self.lang))
    }

    /// What the rule's clause asks: the Regulation quoted (Russian), or the rule's summary.
    fn asks(&self, rule: &str) -> &str {
        self.rules.get(rule).map_or("", |r| r.asks.get(self.lang))
    }

    /// The rule's clause; empty for a rule with none.
    fn clause(&self, rule: &str) -> &str {
        self.rules
            .get(rule)
            .and_then(|r| r.clause.as_deref())
            .unwrap_or_default()
    }

    /// A rule's place in the catalogue (unknown rules last, by id).
    fn order<'r>(&self, rule: &'r str) -> (usize, &'r str) {
        (self.rules.position(rule), rule)
    }

    fn severity_counts(&self, counts: &BTreeMap<String, usize>) -> Markup {
        html! {
            @for (i, severity) in SEVERITIES.iter().enumerate() {
                @let n = counts.get(*severity).copied().unwrap_or(0);
                td.num.(if n == 0 { "zero" } else { severity }) data-severity=(severity) data-n=(n) {
                    (format::int(n, self.lang))
                    span.label { " " (self.w.severities.get(i).copied().unwrap_or_default()) }
                }
            }
        }
    }

    fn share_cell(&self, key: &str, share: Option<Share>) -> Markup {
        let lang = self.lang;
        html! {
            @match share {
                None => td.num.none data-figure=(key) { "—" },
                Some(share) => td.num data-figure=(key) data-n=(share.n) data-of=(share.of) {
                    @if key == "marks" {
                        (format::decimal(share.ratio().unwrap_or(0.0), 2, lang))
                    } @else {
                        (format::percent(share, lang))
                    }
                    br;
                    small { (format::out_of(share, lang)) }
                }
            }
        }
    }

    fn fill_head(&self, first: &str) -> Markup {
        let w = self.w;
        html! {
            thead {
                tr {
                    th rowspan="2" { (first) }
                    @for figure in &w.figures { th rowspan="2" { (figure) } }
                    th colspan="3" { (w.found) }
                }
                tr { @for s in &w.severities { th { (s) } } }
            }
        }
    }

    fn fill_row(&self, row: &FillRow) -> Markup {
        html! {
            td.num data-figure="lessons" data-n=(row.lessons) { (format::int(row.lessons, self.lang)) }
            @for (key, share) in shares(row) { (self.share_cell(key, share)) }
            (self.severity_counts(&row.findings))
        }
    }

    fn header(&self, options: &Options) -> Markup {
        let (w, lang) = (self.w, self.lang);
        html! {
            header.head {
                @if let Some(school) = &options.school { p.school { (school) } }
                h1 { (w.heading) br; small { (w.subheading) } }
                p.date { (w.checked_on) ": " (format::date(self.report.as_of.date_naive(), lang)) }
                p.basis { (w.basis) }
            }
        }
    }

    fn scope(&self) -> Markup {
        let (w, lang, report) = (self.w, self.lang, self.report);
        let summary = &report.summary;
        let fill = &summary.fill;
        let mut classes: Vec<&str> = fill.classes.keys().map(|c| self.class(c)).collect();
        classes.sort_unstable();
        let policy = summary.policy_changes();
        html! {
            section #scope {
                h2 { (w.scope) }
                ul {
                    @if !classes.is_empty() { li { (w.classes) ": " (classes.join(", ")) } }
                    @if let (Some(from), Some(to)) = (fill.from, fill.to) {
                        li { (w.dates) ": " (w.from_to[0]) " " (format::date(from, lang)) " " (w.from_to[1]) " " (format::date(to, lang)) }
                    }
                    li { (w.as_of) " " (format::moment(report.as_of, lang)) " (UTC" (report.as_of.format("%:z")) ")" }
                    li { (w.events) ": " (format::int(summary.events, lang)) }
                    @if policy.is_empty() {
                        li { (w.policy_default) }
                    } @else {
                        li { (w.policy) ":"
                            ul.policy { @for (key, value) in &policy { li { code { (key) } " = " code { (value) } } } }
                        }
                    }
                    @for (n, what) in [(summary.input_errors, w.skipped), (summary.entries_without_at, w.without_at), (summary.entries_without_by, w.without_by)] {
                        @if n > 0 { li.caveat { (format::int(n, lang)) " " (what) } }
                    }
                    (self.not_judged())
                }
            }
        }
    }

    /// On a part of a register, what each rule could not judge and why (SPEC §1.3).
    fn not_judged(&self) -> Markup {
        let (w, lang) = (self.w, self.lang);
        let Some(not_judged) = &self.report.summary.not_judged else {
            return html! {};
        };
        let mut rules: Vec<(&String, &BTreeMap<String, usize>)> = not_judged.iter().collect();
        rules.sort_by_key(|(rule, _)| self.order(rule));
        html! {
            @if rules.is_empty() {
                li.caveat #not-judged { (w.part_whole) }
            } @else {
                li.caveat #not-judged { (w.part) ":"
                    ul {
                        @for (rule, counts) in rules {
                            @let counts = counts.iter().map(|(reason, n)| (reason.as_str(), *n));
                            li data-rule=(rule) { (self.rule_title(rule)) " — " (ekzh_core::not_judged_text(counts, lang)) }
                        }
                    }
                }
            }
        }
    }

    fn summary(&self) -> Markup {
        let (w, lang, report) = (self.w, self.lang, self.report);
        let total = report.findings.len();
        html! {
            section #summary data-findings=(total) {
                h2 { (w.summary) }
                @if total == 0 {
                    p { (w.clean) }
                } @else {
                    p {
                        (w.found) ": " strong { (count(total, lang, &FINDINGS)) }
                        " ("
                        @for (i, severity) in SEVERITIES.iter().enumerate() {
                            @if i > 0 { ", " }
                            (w.severities.get(i).copied().unwrap_or_default()) ": "
                            (format::int(report.summary.by_severity.get(*severity).copied().unwrap_or(0), lang))
                        }
                        ")."
                    }
                }
                @if let Some(c) = self.changes {
                    p #since data-corrected=(c.corrected.len()) data-open=(c.open.len()) data-new=(c.new.len()) {
                        (w.since) " " (format::moment(c.since, lang)) ": "
                        strong { (w.corrected) " " (format::int(c.corrected.len(), lang)) } ", "
                        (w.open) " " (format::int(c.open.len(), lang)) ", "
                        (w.new) " " (format::int(c.new.len(), lang)) "."
                    }
                }
            }
        }
    }

    fn fill_tables(&self) -> Markup {
        let (w, fill) = (self.w, &self.report.summary.fill);
        let mut teachers: Vec<(&str, &FillRow)> = fill
            .teachers
            .iter()
            .filter(|(_, row)| row.lessons > 0)
            .map(|(id, row)| (id.as_str(), row))
            .collect();
        teachers.sort_by(|a, b| self.teacher(a.0).cmp(self.teacher(b.0)).then(a.0.cmp(b.0)));
        let mut classes: Vec<(&str, &FillRow)> = fill
            .classes
            .iter()
            .map(|(id, row)| (id.as_str(), row))
            .collect();
        classes.sort_by(|a, b| self.class(a.0).cmp(self.class(b.0)).then(a.0.cmp(b.0)));
        html! {
            section #fill-teachers {
                h2 { (w.fill_teachers) }
                table.fill {
                    (self.fill_head(w.teacher))
                    tbody {
                        @for (id, row) in &teachers {
                            tr data-teacher=(id) { th { (self.teacher(id)) } (self.fill_row(row)) }
                        }
                    }
                    tfoot { tr data-total="" { th { (w.total) } (self.fill_row(&fill.total)) } }
                }
                p.note { (w.fill_note) }
            }
            section #fill-classes {
                h2 { (w.fill_classes) }
                table.fill {
                    (self.fill_head(w.class))
                    tbody {
                        @for (id, row) in &classes {
                            tr data-class=(id) { th { (self.class(id)) } (self.fill_row(row)) }
                        }
                    }
                }
            }
        }
    }

    fn charts(&self) -> Markup {
        let (w, lang) = (self.w, self.lang);
        let weeks = &self.report.summary.fill.weeks;
        if weeks.is_empty() {
            return html! {};
        }
        let findings = chart::findings(weeks, lang, w.chart_findings);
        let fill = chart::fill(
            weeks,
            lang,
            w.chart_fill,
            [
                (w.lines[0], |r: &FillRow| r.with_topic),
                (w.lines[1], |r: &FillRow| r.topic_on_time),
                (w.lines[2], |r: &FillRow| r.homework_on_time),
            ],
        );
        html! {
            section #weeks {
                h2 { (w.weeks) }
                figure.chart { (PreEscaped(findings)) }
                figure.chart { (PreEscaped(fill)) }
            }
        }
    }

    fn by_clause(&self) -> Markup {
        let w = self.w;
        let mut rules: BTreeMap<(usize, &str), BTreeMap<String, usize>> = BTreeMap::new();
        for f in &self.report.findings {
            *rules
                .entry(self.order(&f.rule))
                .or_default()
                .entry(f.severity.clone())
                .or_default() += 1;
        }
        if rules.is_empty() {
            return html! {};
        }
        html! {
            section #by-clause {
                h2 { (w.by_clause) }
                table.clauses {
                    thead { tr { th { (w.clause) } th { (w.rule) } th { (w.asks) } th { (w.number) } } }
                    tbody {
                        @for ((_, rule), counts) in &rules {
                            @let clause = self.clause(rule);
                            tr data-rule=(rule) {
                                td.clause { (clause) }
                                td { strong { (self.rule_title(rule)) } }
                                td.asks { (self.asks(rule)) }
                                td.num { (format::int(counts.values().sum(), self.lang)) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// One finding as a table row, with its status against the earlier report.
    fn finding_row(&self, f: &FindingData, status: Option<&str>) -> Markup {
        let lang = self.lang;
        let student = match (&f.student, &f.students) {
            (Some(s), _) => self.student(s).to_owned(),
            (None, Some(list)) => list
                .iter()
                .map(|s| self.student(s))
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        };
        html! {
            tr.(f.severity) data-rule=(f.rule) data-status=[status] {
                td.date { @if let Some(d) = f.date { (format::date(d, lang)) } }
                td { @if let Some(c) = &f.class { (self.class(c)) } }
                td { @if let Some(s) = &f.subject { (s) } }
                td { (student) }
                td.message { (f.message) }
                td.date { @if let Some(due) = &f.due { (format::due(due, lang)) } }
                @if let Some(status) = status {
                    td.status { (if status == "new" { self.w.status_new } else { self.w.status_open }) }
                }
            }
        }
    }

    /// A teacher's findings (`None`: the findings of no teacher), grouped by rule.
    fn teacher_section(&self, teacher: Option<&str>) -> Markup {
        let (w, lang) = (self.w, self.lang);
        let mine = |f: &&FindingData| f.teacher.as_deref() == teacher;
        let status: BTreeMap<*const FindingData, &str> = self
            .changes
            .map(|c| {
                c.open
                    .iter()
                    .map(|f| (*f as *const FindingData, "open"))
                    .chain(c.new.iter().map(|f| (*f as *const FindingData, "new")))
                    .collect()
            })
            .unwrap_or_default();
        let mut groups: BTreeMap<(usize, &str), Vec<&FindingData>> = BTreeMap::new();
        for f in self.report.findings.iter().filter(mine) {
            groups.entry(self.order(&f.rule)).or_default().push(f);
        }
        let corrected: Vec<&FindingData> = self
            .changes
            .map(|c| c.corrected.iter().copied().filter(mine).collect())
            .unwrap_or_default();
        let row = teacher.and_then(|t| self.report.summary.fill.teachers.get(t));
        html! {
            section.teacher data-teacher=[teacher] {
                h2 {
                    @match teacher { Some(t) => (self.teacher(t)), None => (w.no_teacher) }
                    @let n = groups.values().map(Vec::len).sum::<usize>();
                    " " span.count { "(" (count(n, lang, &FINDINGS)) ")" }
                }
                @if let Some(row) = row.filter(|r| r.lessons > 0) {
                    table.fill.mini { (self.fill_head(w.teacher)) tbody { tr { th { (teacher.map(|t| self.teacher(t)).unwrap_or_default()) } (self.fill_row(row)) } } }
                }
                @if groups.is_empty() { p { (w.no_findings) } }
                @for ((_, rule), findings) in &groups {
                    div.rule data-rule=(rule) {
                        h3 {
                            (self.rule_title(rule))
                            @let clause = self.clause(rule);
                            @if !clause.is_empty() {
                                " " span.clause { "(" @if lang == Lang::Ru { "п. " } @else { "cl. " } (clause) ")" }
                            }
                            " — " (format::int(findings.len(), lang))
                        }
                        @let fix = self.rule_fix(rule);
                        @if !fix.is_empty() { p.fix { strong { (w.fix) ": " } (fix) } }
                        table.findings {
                            thead { tr {
                                @for c in &w.columns { th { (c) } }
                                @if self.changes.is_some() { th { (w.status) } }
                            } }
                            tbody {
                                @for f in findings {
                                    (self.finding_row(f, self.changes.map(|_| status.get(&(*f as *const FindingData)).copied().unwrap_or("new"))))
                                }
                            }
                        }
                    }
                }
                @if let (Some(c), false) = (self.changes, corrected.is_empty()) {
                    div.corrected {
                        h3 { (w.corrected_since) " " (format::moment(c.since, lang)) " — " (format::int(corrected.len(), lang)) }
                        ul { @for f in &corrected {
                            li data-rule=(f.rule) {
                                @if let Some(d) = f.date { (format::date(d, lang)) " · " }
                                (self.rule_title(&f.rule)) ": " (f.message)
                            }
                        } }
                    }
                }
            }
        }
    }

    fn teachers(&self) -> Markup {
        let w = self.w;
        let mut ids: BTreeSet<&str> = self
            .report
            .summary
            .fill
            .teachers
            .keys()
            .map(String::as_str)
            .collect();
        let earlier = self
            .changes
            .map(|c| c.corrected.as_slice())
            .unwrap_or_default();
        for f in self.report.findings.iter().chain(earlier.iter().copied()) {
            ids.extend(f.teacher.as_deref());
        }
        let mut ids: Vec<&str> = ids.into_iter().collect();
        ids.sort_by(|a, b| self.teacher(a).cmp(self.teacher(b)).then(a.cmp(b)));
        let orphans = self
            .report
            .findings
            .iter()
            .chain(earlier.iter().copied())
            .any(|f| f.teacher.is_none());
        html! {
            section #teachers {
                h2.break { (w.by_teacher) }
                @for id in &ids { (self.teacher_section(Some(id))) }
                @if orphans { (self.teacher_section(None)) }
            }
            @if !ids.is_empty() {
                section #signatures {
                    p { (w.drawn_up) ": " span.line {} " / " span.line {} }
                    p { (w.acquainted) ":" }
                    table.signatures { tbody { @for id in &ids {
                        tr { td { (self.teacher(id)) } td.line { small { (w.signature) } } }
                    } } }
                }
            }
        }
    }
}

/// The whole document.
pub fn page(
    report: &ReportData,
    changes: Option<&Changes<'_>>,
    options: &Options,
    rules: &Rules,
) -> Markup {
    let w = match options.lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    };
    let doc = Doc {
        report,
        rules,
        changes,
        lang: options.lang,
        w,
    };
    let date = format::date(report.as_of.date_naive(), options.lang);
    html! {
        (DOCTYPE)
        html lang=(w.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (w.title) " — " @if let Some(s) = &options.school { (s) ", " } (date) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (doc.header(options))
                (doc.scope())
                (doc.summary())
                (doc.fill_tables())
                (doc.charts())
                (doc.by_clause())
                (doc.teachers())
            }
        }
    }
}
