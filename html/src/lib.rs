//! # ekzh-html
//!
//! The справка (SPEC §8): after a check of the register (4.2, 4.3) the deputy director's
//! «Справка по итогам проверки электронного классного журнала», written from a report as one
//! self-contained HTML document — no network, the charts inline as SVG, the system's fonts —
//! readable on screen and printed on A4, in Russian or English.
//!
//! One renderer for every face: the command line (`ekzh report`), Python
//! (`Report.to_html`) and WebAssembly (`reportHtml`) all hand it a report in the JSON
//! report's shape ([`ReportData`]), optionally with an earlier one to say what was corrected
//! since.
//!
//! ```
//! let report = ekzh_core::check(Vec::new(), "2024-10-31T18:00:00+04:00".parse()?, &Default::default())?;
//! let data = ekzh_html::ReportData::from_report(&report, ekzh_core::Lang::Ru)?;
//! let rules = ekzh_html::Rules::from_core();
//! let html = ekzh_html::render(&data, None, &ekzh_html::Options::default(), &rules);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ekzh_core::{Fill, Lang, Names};
use serde::Deserialize;

mod chart;
mod format;
mod page;
mod rules;

pub use rules::{RuleText, Rules, Texts};

/// A report as the JSON report writes it (`ekzh check --format json`, `Report.to_json()` in
/// Python, what `check` returns in JavaScript): the findings with their messages in one
/// language, the summary with the fill figures, and the names of what it mentions. Reports
/// of versions without fill figures or names read too: those are empty.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ReportData {
    #[serde(alias = "asOf")]
    pub as_of: DateTime<FixedOffset>,
    pub findings: Vec<FindingData>,
    #[serde(default)]
    pub summary: SummaryData,
    #[serde(default)]
    pub names: Names,
}

/// A finding of the JSON report.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FindingData {
    pub rule: String,
    /// `None` (JSON `null`) for a rule no clause of the Regulation states.
    #[serde(default)]
    pub clause: Option<String>,
    pub severity: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub event: Option<usize>,
    /// The line where the entry starts, when the register was read from text.
    #[serde(default)]
    pub line: Option<usize>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub class: Option<String>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub lesson: Option<String>,
    #[serde(default)]
    pub student: Option<String>,
    #[serde(default)]
    pub students: Option<Vec<String>>,
    #[serde(default)]
    pub teacher: Option<String>,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub due: Option<String>,
}

/// The summary of the JSON report.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct SummaryData {
    pub events: usize,
    pub findings: usize,
    pub by_severity: BTreeMap<String, usize>,
    pub by_rule: BTreeMap<String, usize>,
    pub entries_without_at: usize,
    pub entries_without_by: usize,
    pub input_errors: usize,
    pub fill: Fill,
    /// The policy the register was checked under, when it was not the Regulation's.
    pub policy: Option<serde_json::Value>,
    /// On a part of a register, what each rule could not judge, by rule and reason.
    pub not_judged: Option<BTreeMap<String, BTreeMap<String, usize>>>,
}

impl SummaryData {
    /// The policy's values that differ from the Regulation's defaults, by key, as JSON.
    pub fn policy_changes(&self) -> Vec<(String, String)> {
        let Some(serde_json::Value::Object(policy)) = &self.policy else {
            return Vec::new();
        };
        let default = serde_json::to_value(ekzh_core::Policy::default()).unwrap_or_default();
        policy
            .iter()
            .filter(|(key, value)| default.get(key.as_str()) != Some(*value))
            .map(|(key, value)| (key.clone(), value.to_string()))
            .collect()
    }
}

/// Why a report could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not a JSON report of ekzh: {0}")]
    Json(#[from] serde_json::Error),
}

impl ReportData {
    /// Reads a JSON report (as `ekzh check --format json` writes it).
    pub fn from_json(json: &str) -> Result<ReportData, Error> {
        Ok(serde_json::from_str(json)?)
    }

    /// A JSON value of a report.
    pub fn from_value(value: serde_json::Value) -> Result<ReportData, Error> {
        Ok(serde_json::from_value(value)?)
    }

    /// The core's report, with its messages in `lang`.
    pub fn from_report(report: &ekzh_core::Report, lang: Lang) -> Result<ReportData, Error> {
        Self::from_value(serde_json::to_value(report.localized(lang))?)
    }
}

/// How the справка is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The language of the document; the report's messages should be in it too.
    pub lang: Lang,
    /// The school, as its heading names it («МБОУ Школа № 1 г. о. Самара»).
    pub school: Option<String>,
}

/// What became of the findings of an earlier report (SPEC §8).
///
/// A finding is the same remark as an earlier one when its rule and what it points at are
/// the same: lesson, student, date, class, subject, period and parent — not the message
/// (its wording may change), nor the event index (the register's events may be
/// renumbered), nor the students of a work still to be graded (that list shrinks as it is
/// corrected). Remarks are matched as multisets: two equal remarks earlier and one now are
/// one still open and one corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes<'a> {
    /// When the earlier report was made.
    pub since: DateTime<FixedOffset>,
    /// The earlier report's findings no longer reported.
    pub corrected: Vec<&'a FindingData>,
    /// The current findings reported earlier too.
    pub open: Vec<&'a FindingData>,
    /// The current findings not reported earlier.
    pub new: Vec<&'a FindingData>,
}

/// What makes two findings the same remark.
type Key<'a> = (
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<NaiveDate>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn key(f: &FindingData) -> Key<'_> {
    (
        &f.rule,
        f.lesson.as_deref(),
        f.student.as_deref(),
        f.date,
        f.class.as_deref(),
        f.subject.as_deref(),
        f.period.as_deref(),
        f.parent.as_deref(),
    )
}

/// Compares a report with an earlier one.
pub fn changes<'a>(report: &'a ReportData, earlier: &'a ReportData) -> Changes<'a> {
    let mut before: BTreeMap<Key<'_>, usize> = BTreeMap::new();
    for f in &earlier.findings {
        *before.entry(key(f)).or_default() += 1;
    }
    let mut now: BTreeMap<Key<'_>, usize> = BTreeMap::new();
    let (mut open, mut new) = (Vec::new(), Vec::new());
    for f in &report.findings {
        match before.get_mut(&key(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                open.push(f);
            }
            _ => new.push(f),
        }
        *now.entry(key(f)).or_default() += 1;
    }
    let mut corrected = Vec::new();
    for f in &earlier.findings {
        match now.get_mut(&key(f)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => corrected.push(f),
        }
    }
    Changes {
        since: earlier.as_of,
        corrected,
        open,
        new,
    }
}

/// The справка of a report, as one HTML document; with an earlier report, what was
/// corrected since, what is still open and what is new. `rules`: what to say about each
/// rule, [`Rules::from_core`] but where the rules' code is not at hand.
pub fn render(
    report: &ReportData,
    earlier: Option<&ReportData>,
    options: &Options,
    rules: &Rules,
) -> String {
    let changes = earlier.map(|earlier| changes(report, earlier));
    page::page(report, changes.as_ref(), options, rules).into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, lesson: &str, message: &str, event: usize) -> FindingData {
        FindingData {
            rule: rule.to_owned(),
            clause: Some("2.7".to_owned()),
            severity: "warning".to_owned(),
            message: message.to_owned(),
            event: Some(event),
            line: Some(event + 1),
            date: NaiveDate::from_ymd_opt(2024, 9, 2),
            class: Some("5a".to_owned()),
            subject: Some("История".to_owned()),
            lesson: Some(lesson.to_owned()),
            student: None,
            students: None,
            teacher: Some("t1".to_owned()),
            period: None,
            parent: None,
            due: None,
        }
    }

    fn report(as_of: &str, findings: Vec<FindingData>) -> ReportData {
        ReportData {
            as_of: as_of.parse().unwrap(),
            findings,
            summary: SummaryData::default(),
            names: Names::default(),
        }
    }

    #[test]
    fn the_same_remark_is_its_rule_and_what_it_points_at() {
        let earlier = report(
            "2024-10-24T18:00:00+04:00",
            vec![
                finding("lesson_topic_missing", "l1", "у урока нет темы", 10),
                finding("lesson_topic_missing", "l2", "у урока нет темы", 11),
                finding("lesson_entered_late", "l3", "тема внесена поздно", 12),
                finding("lesson_entered_late", "l3", "тема внесена поздно", 13),
            ],
        );
        let now = report(
            "2024-10-31T18:00:00+04:00",
            vec![
                // Another message and event index: the same remark.
                finding("lesson_topic_missing", "l1", "нет темы урока", 40),
                finding("lesson_entered_late", "l3", "тема внесена поздно", 12),
                finding("homework_empty", "l4", "пустое задание", 41),
            ],
        );
        let c = changes(&now, &earlier);
        let lessons = |list: &[&FindingData]| -> Vec<String> {
            list.iter()
                .map(|f| format!("{} {}", f.rule, f.lesson.as_deref().unwrap_or("")))
                .collect()
        };
        assert_eq!(
            lessons(&c.open),
            ["lesson_topic_missing l1", "lesson_entered_late l3"]
        );
        assert_eq!(lessons(&c.new), ["homework_empty l4"]);
        assert_eq!(
            lessons(&c.corrected),
            ["lesson_topic_missing l2", "lesson_entered_late l3"]
        );
        assert_eq!(c.since, earlier.as_of);
    }

    #[test]
    fn a_part_says_what_it_did_not_check() {
        let mut data = report("2023-04-20T00:00:00+04:00", Vec::new());
        let rules = Rules::from_core();
        let render = |data: &ReportData, lang| {
            let options = Options {
                lang,
                ..Options::default()
            };
            crate::render(data, None, &options, &rules)
        };
        // The whole school's register says nothing of parts.
        assert!(!render(&data, Lang::Ru).contains("not-judged"));
        let counts = [
            ("lesson_topic_missing", "lacks_topic", 33),
            ("briefing_introductory_missing", "before_part", 1),
        ];
        let mut not_judged: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for (rule, reason, n) in counts {
            not_judged
                .entry(rule.to_owned())
                .or_default()
                .insert(reason.to_owned(), n);
        }
        data.summary.not_judged = Some(not_judged);
        let html = render(&data, Lang::Ru);
        assert!(
            html.contains("Нет темы урока — 33 случая: в выгрузке нет тем уроков"),
            "{html}"
        );
        assert!(html.contains("1 случай: нужны записи до начала выгрузки"));
        // In the catalogue's order: the topic before the briefing.
        assert!(
            html.find("Нет темы урока").unwrap() < html.find("Нет вводного инструктажа").unwrap()
        );
        let html = render(&data, Lang::En);
        assert!(html.contains("No lesson topic — 33 cases: the source has no lesson topics"));
        data.summary.not_judged = Some(BTreeMap::new());
        assert!(render(&data, Lang::Ru).contains("проверено всё, что в ней есть"));
    }

    #[test]
    fn a_report_of_javascript_or_of_an_older_version_reads() {
        let data = ReportData::from_json(
            r#"{"asOf":"2024-10-31T18:00:00+04:00","findings":[{"rule":"grade1_mark","severity":"error"}]}"#,
        )
        .unwrap();
        assert_eq!(data.findings.len(), 1);
        assert_eq!(data.summary.fill, Fill::default());
        assert!(ReportData::from_json("[]").is_err());
    }
}
