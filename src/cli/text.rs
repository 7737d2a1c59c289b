//! The text report: what a deputy director reads in a terminal, grouped by class.

use std::collections::BTreeMap;
use std::io::{self, Write};

use ekzh_core::{Diary, Engine, Finding, Lang, Report, RuleMeta, Severity};

use super::GroupBy;

/// Words of the report in one language.
struct Words {
    title: &'static str,
    events: &'static str,
    findings: &'static str,
    none: &'static str,
    no_class: &'static str,
    no_teacher: &'static str,
    lesson: &'static str,
    teacher: &'static str,
    student: &'static str,
    students: &'static str,
    period: &'static str,
    parent: &'static str,
    due: &'static str,
    line: &'static str,
    event: &'static str,
    clause: &'static str,
    by_rule: &'static str,
    /// The summary's counts: a noun and what follows it, by number (one, few, many).
    without_at: [&'static str; 3],
    without_by: [&'static str; 3],
    skipped: [&'static str; 3],
    not_judged: &'static str,
    all_judged: &'static str,
}

const RU: Words = Words {
    title: "Проверка электронного журнала на",
    events: "Событий",
    findings: "замечаний",
    none: "Замечаний нет.",
    no_class: "Без класса",
    no_teacher: "Без учителя",
    lesson: "урок",
    teacher: "учитель",
    student: "ученик",
    students: "ученики",
    period: "период",
    parent: "родитель",
    due: "срок",
    line: "строка",
    event: "событие",
    clause: "п.",
    by_rule: "По правилам",
    without_at: [
        "запись без времени внесения: для неё не проверено, вовремя ли она внесена",
        "записи без времени внесения: для них не проверено, вовремя ли они внесены",
        "записей без времени внесения: для них не проверено, вовремя ли они внесены",
    ],
    without_by: [
        "запись без автора: для неё не проверено, вправе ли автор её вносить",
        "записи без автора: для них не проверено, кто вправе их вносить",
        "записей без автора: для них не проверено, кто вправе их вносить",
    ],
    skipped: [
        "событие не прочитано и пропущено",
        "события не прочитаны и пропущены",
        "событий не прочитано и пропущено",
    ],
    not_judged: "Часть журнала — не проверено:",
    all_judged: "Часть журнала: проверено всё, что в ней есть",
};

const EN: Words = Words {
    title: "Register check as of",
    events: "Events",
    findings: "findings",
    none: "No findings.",
    no_class: "No class",
    no_teacher: "No teacher",
    lesson: "lesson",
    teacher: "teacher",
    student: "student",
    students: "students",
    period: "period",
    parent: "parent",
    due: "due",
    line: "line",
    event: "event",
    clause: "cl.",
    by_rule: "By rule",
    without_at: [
        "entry without an entry time (`at`): not checked for lateness",
        "entries without an entry time (`at`): not checked for lateness",
        "entries without an entry time (`at`): not checked for lateness",
    ],
    without_by: [
        "entry without an author (`by`): not checked for permission",
        "entries without an author (`by`): not checked for permission",
        "entries without an author (`by`): not checked for permission",
    ],
    skipped: [
        "event could not be read and was skipped",
        "events could not be read and were skipped",
        "events could not be read and were skipped",
    ],
    not_judged: "A part of the register — not checked:",
    all_judged: "A part of the register: everything it holds was checked",
};

/// The form of a phrase for a number: Russian's one, few and many; English's one and
/// other (its "few" and "many" are the same).
fn by_number(n: usize, forms: &[&'static str; 3], lang: Lang) -> &'static str {
    let [one, few, many] = *forms;
    match lang {
        Lang::Ru => ekzh_core::ru_plural(n, one, few, many),
        Lang::En if n == 1 => one,
        Lang::En => many,
    }
}

/// A rule as the report names it: its title («Нет темы урока»), its id when the catalogue
/// does not hold it.
fn rule_title(rule: &str, lang: Lang) -> &str {
    ekzh_core::rule(rule).map_or(rule, |r| r.title(lang))
}

fn severity(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::Ru) => "ОШИБКА",
        (Severity::Warning, Lang::Ru) => "ВНИМАНИЕ",
        (Severity::Info, Lang::Ru) => "к сведению",
        (Severity::Error, Lang::En) => "ERROR",
        (Severity::Warning, Lang::En) => "WARNING",
        (Severity::Info, Lang::En) => "info",
    }
}

/// A severity as a heading of counts: «ошибок: 3», "errors: 3".
fn plural(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::Ru) => "ошибок",
        (Severity::Warning, Lang::Ru) => "предупреждений",
        (Severity::Info, Lang::Ru) => "к сведению",
        (Severity::Error, Lang::En) => "errors",
        (Severity::Warning, Lang::En) => "warnings",
        (Severity::Info, Lang::En) => "info",
    }
}

fn date(date: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.to_string(),
    }
}

pub fn write_report(
    out: &mut impl Write,
    report: &Report,
    engine: &Engine,
    lang: Lang,
    group_by: GroupBy,
) -> io::Result<()> {
    let w = if lang == Lang::Ru { &RU } else { &EN };
    let summary = &report.summary;
    let as_of = match lang {
        Lang::Ru => report.as_of.format("%d.%m.%Y %H:%M (%:z)"),
        Lang::En => report.as_of.format("%Y-%m-%d %H:%M (%:z)"),
    };
    writeln!(out, "{} {as_of}", w.title)?;
    writeln!(
        out,
        "{}",
        counts(summary.events, summary.findings, &summary.by_severity, lang)
    )?;
    for (n, what) in [
        (summary.input_errors, &w.skipped),
        (summary.entries_without_at, &w.without_at),
        (summary.entries_without_by, &w.without_by),
    ] {
        if n > 0 {
            writeln!(out, "  {n} {}", by_number(n, what, lang))?;
        }
    }
    if let Some(not_judged) = &summary.not_judged {
        write_not_judged(out, not_judged, lang, w)?;
    }
    if report.findings.is_empty() {
        writeln!(out, "\n{}", w.none)?;
        return Ok(());
    }

    // Groups in order of their titles; findings with no class (or teacher) last.
    let mut groups: BTreeMap<(bool, String), Vec<&Finding>> = BTreeMap::new();
    for finding in &report.findings {
        let title = match group_by {
            GroupBy::Class => finding
                .class
                .as_deref()
                .map(|c| engine.class_name(c).unwrap_or(c).to_owned()),
            GroupBy::Teacher => finding
                .teacher
                .as_deref()
                .map(|t| engine.staff_name(t).unwrap_or(t).to_owned()),
            GroupBy::Rule => Some(rule_title(finding.rule, lang).to_owned()),
        };
        let none = match group_by {
            GroupBy::Teacher => w.no_teacher,
            _ => w.no_class,
        };
        groups
            .entry((title.is_none(), title.unwrap_or_else(|| none.to_owned())))
            .or_default()
            .push(finding);
    }
    for ((_, title), findings) in groups {
        writeln!(out, "\n== {title} ({}) ==", findings.len())?;
        if group_by != GroupBy::Rule {
            // In the catalogue's order.
            let mut counts: BTreeMap<(usize, &str), usize> = BTreeMap::new();
            for f in &findings {
                *counts.entry((position(f.rule), f.rule)).or_default() += 1;
            }
            let counts: Vec<String> = counts
                .iter()
                .map(|((_, rule), n)| format!("{} — {n}", rule_title(rule, lang)))
                .collect();
            writeln!(out, "   {}", counts.join(" · "))?;
        }
        for finding in findings {
            write_finding(out, finding, engine, lang, w, group_by)?;
        }
    }

    write_by_rule(out, &summary.by_rule, lang)
}

/// «Событий: 120 · замечаний: 7 (ошибок: 2, предупреждений: 5)».
pub fn counts(
    events: usize,
    findings: usize,
    by_severity: &BTreeMap<&'static str, usize>,
    lang: Lang,
) -> String {
    let w = if lang == Lang::Ru { &RU } else { &EN };
    let counts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .filter_map(|s| {
            by_severity
                .get(s.as_str())
                .map(|n| format!("{}: {n}", plural(*s, lang)))
        })
        .collect();
    let line = format!("{}: {events} · {}: {findings}", w.events, w.findings);
    if counts.is_empty() {
        line
    } else {
        format!("{line} ({})", counts.join(", "))
    }
}

/// The findings by rule, with the rule's clause.
pub fn write_by_rule(
    out: &mut impl Write,
    by_rule: &BTreeMap<&'static str, usize>,
    lang: Lang,
) -> io::Result<()> {
    let w = if lang == Lang::Ru { &RU } else { &EN };
    writeln!(out, "\n{}:", w.by_rule)?;
    let mut rules: Vec<(&&str, &usize)> = by_rule.iter().collect();
    rules.sort_by_key(|(rule, _)| (position(rule), **rule));
    let width = rules
        .iter()
        .map(|(rule, _)| rule_title(rule, lang).chars().count())
        .max()
        .unwrap_or(0);
    for (rule, n) in rules {
        let clause = ekzh_core::rule(rule)
            .and_then(|r| r.clause)
            .map(|c| format!("  {} {c}", w.clause))
            .unwrap_or_default();
        let title = rule_title(rule, lang);
        if clause.is_empty() {
            writeln!(out, "  {n:>5}  {title}")?;
        } else {
            writeln!(out, "  {n:>5}  {title:<width$}{clause}")?;
        }
    }
    Ok(())
}

/// A rule's place in the catalogue; a rule it does not hold comes last.
fn position(rule: &str) -> usize {
    ekzh_core::catalogue()
        .position(|r| r.id == rule)
        .unwrap_or(usize::MAX)
}

/// What a part of a register could not judge, rule by rule in the catalogue's order.
fn write_not_judged(
    out: &mut impl Write,
    not_judged: &ekzh_core::NotJudged,
    lang: Lang,
    w: &Words,
) -> io::Result<()> {
    if not_judged.is_empty() {
        return writeln!(out, "  {}", w.all_judged);
    }
    writeln!(out, "  {}", w.not_judged)?;
    for rule in ekzh_core::catalogue() {
        if let Some(counts) = not_judged.get(rule.id) {
            let counts = counts.iter().map(|(reason, n)| (*reason, *n));
            let text = ekzh_core::not_judged_text(counts, lang);
            writeln!(out, "    {} — {text}", rule.title(lang))?;
        }
    }
    Ok(())
}

fn write_finding(
    out: &mut impl Write,
    f: &Finding,
    engine: &Engine,
    lang: Lang,
    w: &Words,
    group_by: GroupBy,
) -> io::Result<()> {
    let mut head = vec![f
        .date
        .map(|d| date(d, lang))
        .unwrap_or_else(|| "—".to_owned())];
    if group_by != GroupBy::Class {
        head.extend(
            f.class
                .as_deref()
                .map(|c| engine.class_name(c).unwrap_or(c).to_owned()),
        );
    }
    head.extend(f.subject.clone());
    if let Some(lesson) = &f.lesson {
        head.push(format!("{} {lesson}", w.lesson));
    }
    if let Some(teacher) = f.teacher.as_ref().filter(|_| group_by != GroupBy::Teacher) {
        head.push(format!(
            "{} {}",
            w.teacher,
            engine.staff_name(teacher).unwrap_or(teacher)
        ));
    }
    writeln!(out, "  {}", head.join(" · "))?;
    let clause = f
        .clause
        .map(|c| format!(", {} {c}", w.clause))
        .unwrap_or_default();
    writeln!(
        out,
        "    {} [{}{clause}] {}",
        severity(f.severity, lang),
        rule_title(f.rule, lang),
        f.message.get(lang)
    )?;
    let mut tail = Vec::new();
    if let Some(student) = &f.student {
        tail.push(format!(
            "{}: {}",
            w.student,
            engine.student_name(student).unwrap_or(student)
        ));
    }
    if let Some(students) = &f.students {
        let names: Vec<&str> = students
            .iter()
            .map(|s| engine.student_name(s).unwrap_or(s))
            .collect();
        tail.push(format!("{}: {}", w.students, names.join(", ")));
    }
    if let Some(period) = &f.period {
        tail.push(format!("{}: {period}", w.period));
    }
    if let Some(parent) = &f.parent {
        tail.push(format!(
            "{}: {}",
            w.parent,
            engine.parent_name(parent).unwrap_or(parent)
        ));
    }
    if let Some(due) = &f.due {
        let due = match due {
            ekzh_core::Due::Date(d) => date(*d, lang),
            ekzh_core::Due::Time(t) => match lang {
                Lang::Ru => t.format("%d.%m.%Y %H:%M").to_string(),
                Lang::En => t.format("%Y-%m-%d %H:%M").to_string(),
            },
        };
        tail.push(format!("{}: {due}", w.due));
    }
    // Where the entry is, as people count: the line of the file, else the event's number
    // from 1.
    match (f.line, f.event) {
        (Some(line), _) => tail.push(format!("{} {line}", w.line)),
        (None, Some(event)) => tail.push(format!("{} {}", w.event, event + 1)),
        (None, None) => {}
    }
    writeln!(out, "    {}", tail.join(" · "))
}

/// A severity as the catalogue names it: «ошибка», "error".
fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::Ru) => "ошибка",
        (Severity::Warning, Lang::Ru) => "предупреждение",
        (Severity::Info, Lang::Ru) => "к сведению",
        (_, Lang::En) => severity.as_str(),
    }
}

/// When a rule can tell, as the catalogue says it.
fn when_words(rule: &RuleMeta, lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => rule.when.ru(),
        Lang::En => rule.when.as_str(),
    }
}

/// `ekzh rules`: a rule a line — its id (what `ekzh explain` takes), clause, severity,
/// when it can tell, and its title (Russian) or summary (English).
pub fn write_rules(out: &mut impl Write, lang: Lang) -> io::Result<()> {
    let rules: Vec<_> = ekzh_core::catalogue().collect();
    let width = |text: &dyn Fn(&RuleMeta) -> String| {
        rules
            .iter()
            .map(|r| text(r).chars().count())
            .max()
            .unwrap_or(0)
    };
    let id = width(&|r| r.id.to_owned());
    let clause = width(&|r| clause_words(r, lang));
    let severity = width(&|r| severity_word(r.severity, lang).to_owned());
    let when = width(&|r| when_words(r, lang).to_owned());
    for rule in rules {
        let what = match lang {
            Lang::Ru => rule.title.ru.to_owned(),
            Lang::En => rule.summary(),
        };
        writeln!(
            out,
            "{:<id$}  {:<clause$}  {:<severity$}  {:<when$}  {what}",
            rule.id,
            clause_words(rule, lang),
            severity_word(rule.severity, lang),
            when_words(rule, lang),
        )?;
    }
    Ok(())
}

/// A rule's clause as a heading names it: «п. 2.6», "clause 2.6"; «вне Положения», "no
/// clause" for a rule no clause states.
pub fn clause_words(rule: &RuleMeta, lang: Lang) -> String {
    match (rule.clause, lang) {
        (Some(clause), Lang::Ru) => format!("п. {clause}"),
        (Some(clause), Lang::En) => format!("clause {clause}"),
        (None, Lang::Ru) => "вне Положения".to_owned(),
        (None, Lang::En) => "no clause".to_owned(),
    }
}

/// `ekzh explain ID`: the rule's heading and its documentation in a language.
pub fn write_explain(out: &mut impl Write, rule: &RuleMeta, lang: Lang) -> io::Result<()> {
    writeln!(
        out,
        "{} — {}\n{}, {}, {}\n\n{}",
        rule.id,
        rule.title(lang),
        clause_words(rule, lang),
        severity_word(rule.severity, lang),
        when_words(rule, lang),
        documentation(rule, lang)
    )
}

/// A rule's documentation under a heading of its own: the Russian without its title, the
/// English with what to correct.
fn documentation(rule: &RuleMeta, lang: Lang) -> String {
    match lang {
        Lang::Ru => rule
            .documentation_ru()
            .split_once("\n\n")
            .map(|(_, rest)| rest.to_owned())
            .unwrap_or_default(),
        Lang::En => format!(
            "{}\n\n## What to correct\n{}",
            rule.documentation(),
            capitalized(rule.fix.en)
        ),
    }
}

/// `ekzh rules --format markdown`: the catalogue as a document (docs/rules.md in English,
/// docs/rules.ru.md in Russian), generated from the rules' own files.
pub fn write_rules_markdown(out: &mut impl Write, lang: Lang) -> io::Result<()> {
    let (title, intro, columns) = match lang {
        Lang::Ru => (
            "# Правила ekzh",
            "Каталог правил, по которым ekzh проверяет журнал. Файл создан командой \
             `ekzh rules --format markdown --lang ru` из описаний правил в коде \
             (`core/src/rules/`, одно правило — один файл); не правьте его вручную: тест \
             проверяет, что он совпадает с кодом. In English: [rules.md](rules.md).",
            "| Правило | Название | Пункт | Важность | Когда |\n|---|---|---|---|---|",
        ),
        Lang::En => (
            "# The rules of ekzh",
            "The catalogue of the rules ekzh checks a register by. Written by \
             `ekzh rules --format markdown --lang en` from the rules' own declarations \
             (`core/src/rules/`, one rule a file); do not edit it by hand: a test checks that \
             it matches the code. По-русски: [rules.ru.md](rules.ru.md).",
            "| Rule | Title | Clause | Severity | When |\n|---|---|---|---|---|",
        ),
    };
    writeln!(out, "{title}\n\n{intro}\n\n{columns}")?;
    let rules: Vec<_> = ekzh_core::catalogue().collect();
    for rule in &rules {
        writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} | {} |",
            rule.id,
            rule.id,
            rule.title(lang),
            rule.clause.unwrap_or("—"),
            severity_word(rule.severity, lang),
            when_words(rule, lang),
        )?;
    }
    for rule in rules {
        writeln!(out, "\n<a id=\"{}\"></a>\n", rule.id)?;
        writeln!(out, "## {} — `{}`\n", rule.title(lang), rule.id)?;
        writeln!(
            out,
            "{} · {} · {}\n",
            clause_words(rule, lang),
            severity_word(rule.severity, lang),
            when_words(rule, lang)
        )?;
        let doc = documentation(rule, lang);
        for line in doc.lines() {
            // One level below the rule's heading.
            match line.strip_prefix("## ") {
                Some(heading) => writeln!(out, "### {heading}")?,
                None => writeln!(out, "{line}")?,
            }
        }
    }
    Ok(())
}

/// A phrase as the start of a sentence.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A student's diary, day by day.
pub fn write_diary(out: &mut impl Write, diary: &Diary, lang: Lang) -> io::Result<()> {
    let (title, homework, absent, finals, nothing) = match lang {
        Lang::Ru => (
            "Электронный дневник",
            "д/з",
            "отсутствие",
            "Итоговые отметки",
            "нет записей",
        ),
        Lang::En => (
            "Electronic diary",
            "homework",
            "absent",
            "Final marks",
            "nothing recorded",
        ),
    };
    let name = diary.name.as_deref().unwrap_or(&diary.student);
    let class = diary.class_name.as_deref().unwrap_or(&diary.class);
    writeln!(out, "{title}: {name}, {class}")?;
    if diary.lessons.is_empty() && diary.final_marks.is_empty() {
        return writeln!(out, "{nothing}");
    }
    let mut day = None;
    for lesson in &diary.lessons {
        if day != Some(lesson.date) {
            writeln!(out, "\n{}", date(lesson.date, lang))?;
            day = Some(lesson.date);
        }
        let topic = lesson.topic.as_deref().unwrap_or("—");
        writeln!(
            out,
            "  {}–{}  {}: {topic}",
            lesson.start, lesson.end, lesson.subject
        )?;
        for text in &lesson.homework {
            writeln!(out, "      {homework}: {text}")?;
        }
        let mut marks: Vec<String> = lesson.marks.iter().map(|m| m.value.to_string()).collect();
        if let Some(code) = lesson.absence {
            marks.insert(0, format!("{absent} ({})", code_text(code, lang)));
        }
        if !marks.is_empty() {
            writeln!(out, "      {}", marks.join(", "))?;
        }
    }
    if !diary.final_marks.is_empty() {
        writeln!(out, "\n{finals}")?;
        for f in &diary.final_marks {
            let value = match f.value {
                ekzh_core::event::FinalValue::Mark(m) => m.get().to_string(),
                ekzh_core::event::FinalValue::NotAttested => "н/а".to_owned(),
            };
            writeln!(out, "  {}  {}: {value}", f.period, f.subject)?;
        }
    }
    Ok(())
}

fn code_text(code: ekzh_core::event::AttendanceCode, lang: Lang) -> &'static str {
    use ekzh_core::event::AttendanceCode::*;
    match (code, lang) {
        (Absent, Lang::Ru) => "Н",
        (Excused, Lang::Ru) => "УП",
        (Illness, Lang::Ru) => "Б",
        (Unexcused, Lang::Ru) => "НП",
        (Late, Lang::Ru) => "ОП",
        (Exempt, Lang::Ru) => "ОСВ",
        (Present, _) => "",
        (Absent, Lang::En) => "reason not set",
        (Excused, Lang::En) => "excused",
        (Illness, Lang::En) => "illness",
        (Unexcused, Lang::En) => "unexcused",
        (Late, Lang::En) => "late",
        (Exempt, Lang::En) => "exempt",
    }
}
