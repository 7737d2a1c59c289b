//! The text report: what a deputy director reads in a terminal, grouped by class.

use std::collections::BTreeMap;
use std::io::{self, Write};

use ekzh_core::{Diary, Engine, Finding, Lang, Report, Severity};

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
    event: &'static str,
    clause: &'static str,
    by_rule: &'static str,
    without_at: &'static str,
    without_by: &'static str,
    skipped: &'static str,
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
    event: "событие",
    clause: "п.",
    by_rule: "По правилам",
    without_at: "записей без времени внесения (at) — для них не проверено, вовремя ли они внесены",
    without_by: "записей без автора (by) — для них не проверено, кто вправе их вносить",
    skipped: "событий не прочитано и пропущено",
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
    event: "event",
    clause: "cl.",
    by_rule: "By rule",
    without_at: "entries without an entry time (at): not checked for lateness",
    without_by: "entries without an author (by): not checked for permission",
    skipped: "events could not be read and were skipped",
    not_judged: "A part of the register — not checked:",
    all_judged: "A part of the register: everything it holds was checked",
};

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
    let counts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .filter_map(|s| {
            summary
                .by_severity
                .get(s.as_str())
                .map(|n| format!("{}: {n}", plural(*s, lang)))
        })
        .collect();
    write!(
        out,
        "{}: {} · {}: {}",
        w.events, summary.events, w.findings, summary.findings
    )?;
    if counts.is_empty() {
        writeln!(out)?;
    } else {
        writeln!(out, " ({})", counts.join(", "))?;
    }
    for (n, what) in [
        (summary.input_errors, w.skipped),
        (summary.entries_without_at, w.without_at),
        (summary.entries_without_by, w.without_by),
    ] {
        if n > 0 {
            writeln!(out, "  {n} {what}")?;
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
            GroupBy::Rule => Some(finding.rule.to_owned()),
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
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for f in &findings {
                *counts.entry(f.rule).or_default() += 1;
            }
            let counts: Vec<String> = counts
                .iter()
                .map(|(rule, n)| format!("{rule} {n}"))
                .collect();
            writeln!(out, "   {}", counts.join(" · "))?;
        }
        for finding in findings {
            write_finding(out, finding, engine, lang, w, group_by)?;
        }
    }

    writeln!(out, "\n{}:", w.by_rule)?;
    for (rule, n) in &summary.by_rule {
        let clause = ekzh_core::rule(rule).map_or("", |r| r.clause);
        writeln!(out, "  {n:>5}  {rule:<34} {} {clause}", w.clause)?;
    }
    Ok(())
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
    writeln!(
        out,
        "    {} [{} {} {}] {}",
        severity(f.severity, lang),
        w.clause,
        f.clause,
        f.rule,
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
    if let Some(event) = f.event {
        tail.push(format!("{} {event}", w.event));
    }
    writeln!(out, "    {}", tail.join(" · "))
}

pub fn write_rules(out: &mut impl Write) -> io::Result<()> {
    let rules: Vec<_> = ekzh_core::catalogue().collect();
    let id = rules
        .iter()
        .map(|r| r.id.chars().count())
        .max()
        .unwrap_or(0);
    let clause = rules
        .iter()
        .map(|r| r.clause.chars().count())
        .max()
        .unwrap_or(0);
    for rule in rules {
        writeln!(
            out,
            "{:<id$}  {:<clause$}  {:<7}  {:<11}  {}",
            rule.id,
            rule.clause,
            rule.severity.as_str(),
            rule.when.as_str(),
            rule.summary()
        )?;
    }
    Ok(())
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
