//! The report: findings in a fixed order, and a summary (SPEC §4).

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::event::Lack;
use crate::fill::Fill;
use crate::policy::Policy;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Monitoring.
    Info,
    /// A duty missed or late.
    Warning,
    /// Something the Regulation forbids.
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Message {
    pub ru: String,
    pub en: String,
}

impl Message {
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            ru: ru.into(),
            en: en.into(),
        }
    }

    /// The message of a serde or serde_json error, its Russian made from its English.
    pub(crate) fn serde(en: String) -> Self {
        Message {
            ru: crate::serde_words::ru(&en),
            en,
        }
    }

    /// The message without the input it quotes: every text in backticks or double quotes,
    /// in either language, becomes `…` (see [`InputError::without_input`](crate::InputError::without_input)).
    pub fn without_quoted(&self) -> Message {
        Message {
            ru: crate::read::without_quoted(&self.ru),
            en: crate::read::without_quoted(&self.en),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

/// The deadline that was missed: a day (to its end), or a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Due {
    Date(NaiveDate),
    Time(DateTime<FixedOffset>),
}

impl Due {
    fn key(&self) -> (NaiveDate, Option<i64>) {
        match self {
            Due::Date(d) => (*d, None),
            Due::Time(t) => (t.date_naive(), Some(t.timestamp())),
        }
    }
}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Due {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Due::Date(d) => write!(f, "{d}"),
            Due::Time(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S%:z")),
        }
    }
}

impl Serialize for Due {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One finding: which rule, about which entry, and what to do about it.
///
/// Fields that do not apply are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    pub rule: &'static str,
    /// The clause of the Regulation; `None` for a rule no clause states.
    pub clause: Option<&'static str>,
    pub severity: Severity,
    pub message: Message,
    /// The 0-based index in the input of the entry the finding concerns.
    pub event: Option<usize>,
    /// The 1-based line of the input where that entry starts, when it was read from text
    /// (NDJSON, or a JSON list); `None` for events given as objects.
    pub line: Option<usize>,
    pub date: Option<NaiveDate>,
    pub class: Option<String>,
    pub subject: Option<String>,
    pub lesson: Option<String>,
    pub student: Option<String>,
    pub students: Option<Vec<String>>,
    pub teacher: Option<String>,
    pub period: Option<String>,
    pub parent: Option<String>,
    pub due: Option<Due>,
}

impl Finding {
    /// The finding with its message in one language, ready to serialize.
    pub fn localized(&self, lang: Lang) -> Localized<'_> {
        Localized {
            finding: self,
            lang,
        }
    }

    /// The position of the finding's rule in the catalogue.
    fn rule_position(&self) -> usize {
        crate::rules::position(self.rule)
    }

    /// The report's order: by date (undated last), class, subject, lesson, student, parent,
    /// teacher, period, then the catalogue's order of rules, the deadline, the students,
    /// the message, and last the event index (and its line). Events skipped as unreadable (`input_error`)
    /// come in input order.
    pub fn report_order(&self, other: &Finding) -> Ordering {
        // Events skipped as unreadable are listed in input order.
        if self.rule == other.rule && self.rule == crate::rules::INPUT_ERROR {
            return self
                .event
                .cmp(&other.event)
                .then_with(|| self.message.cmp(&other.message));
        }
        fn undated_last(d: Option<NaiveDate>) -> (bool, Option<NaiveDate>) {
            (d.is_none(), d)
        }
        undated_last(self.date)
            .cmp(&undated_last(other.date))
            .then_with(|| self.class.cmp(&other.class))
            .then_with(|| self.subject.cmp(&other.subject))
            .then_with(|| self.lesson.cmp(&other.lesson))
            .then_with(|| self.student.cmp(&other.student))
            .then_with(|| self.parent.cmp(&other.parent))
            .then_with(|| self.teacher.cmp(&other.teacher))
            .then_with(|| self.period.cmp(&other.period))
            .then_with(|| self.rule_position().cmp(&other.rule_position()))
            .then_with(|| self.rule.cmp(other.rule))
            .then_with(|| self.due.cmp(&other.due))
            .then_with(|| self.students.cmp(&other.students))
            .then_with(|| self.message.cmp(&other.message))
            .then_with(|| self.event.cmp(&other.event))
            .then_with(|| self.line.cmp(&other.line))
    }
}

/// A finding serialized with its message in one language.
pub struct Localized<'a> {
    pub finding: &'a Finding,
    pub lang: Lang,
}

impl Serialize for Localized<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.finding;
        let mut out = s.serialize_struct("Finding", 16)?;
        out.serialize_field("rule", f.rule)?;
        out.serialize_field("clause", &f.clause)?;
        out.serialize_field("severity", &f.severity)?;
        out.serialize_field("message", f.message.get(self.lang))?;
        out.serialize_field("event", &f.event)?;
        out.serialize_field("line", &f.line)?;
        out.serialize_field("date", &f.date)?;
        out.serialize_field("class", &f.class)?;
        out.serialize_field("subject", &f.subject)?;
        out.serialize_field("lesson", &f.lesson)?;
        out.serialize_field("student", &f.student)?;
        out.serialize_field("students", &f.students)?;
        out.serialize_field("teacher", &f.teacher)?;
        out.serialize_field("period", &f.period)?;
        out.serialize_field("parent", &f.parent)?;
        out.serialize_field("due", &f.due)?;
        out.end()
    }
}

/// Counts for the administration (4.2, 4.3).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Summary {
    /// Events in the register (input errors included).
    pub events: usize,
    /// Findings in the report.
    pub findings: usize,
    pub by_severity: BTreeMap<&'static str, usize>,
    pub by_rule: BTreeMap<&'static str, usize>,
    /// Findings by the teacher they concern (findings with no teacher are not counted here).
    pub by_teacher: BTreeMap<String, usize>,
    /// Findings by the class they concern.
    pub by_class: BTreeMap<String, usize>,
    /// Entries with no `at`: the checks of lateness were skipped for them.
    pub entries_without_at: usize,
    /// Entries with no `by`: the checks of permission were skipped for them.
    pub entries_without_by: usize,
    /// Events that could not be read and were skipped.
    pub input_errors: usize,
    /// The fill figures per teacher, class and week («наполняемость», «своевременность»).
    pub fill: Fill,
    /// The policy the register was checked under, when it is not the Regulation's
    /// (SPEC §2); `None` for the default policy.
    pub policy: Option<Policy>,
    /// On a part of a register (SPEC §1.3), how many things each rule could not judge, by
    /// rule and [`Reason`] id: `{"lesson_topic_missing": {"lacks_topic": 33}}`. What a rule
    /// counts is what it would have judged (the lessons, entries, cells … its documentation
    /// names). `None`, and left out of the JSON, for the whole school's register; empty for
    /// a part on which everything was judged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_judged: Option<NotJudged>,
}

/// What could not be judged on a part of a register: by rule id, then by [`Reason`] id, how
/// many things.
pub type NotJudged = BTreeMap<&'static str, BTreeMap<&'static str, usize>>;

/// What one rule could not judge, in words, from its counts by reason id: «33 случая: в
/// выгрузке нет тем уроков; 2 случая: нужны записи до начала выгрузки», "33 cases: the
/// source has no lesson topics". Reasons in the order of [`Reason::ALL`]; an unknown id is
/// written as it is.
///
/// ```
/// use ekzh_core::{not_judged_text, Lang};
/// let counts = [("lacks_topic", 33), ("before_part", 1)];
/// assert_eq!(
///     not_judged_text(counts, Lang::Ru),
///     "33 случая: в выгрузке нет тем уроков; 1 случай: нужны записи до начала выгрузки"
/// );
/// assert_eq!(not_judged_text([("after_part", 2)], Lang::En), "2 cases: needs the register from after the part ends");
/// ```
pub fn not_judged_text<'a>(
    counts: impl IntoIterator<Item = (&'a str, usize)>,
    lang: Lang,
) -> String {
    let mut counts: Vec<(Option<Reason>, &str, usize)> = counts
        .into_iter()
        .map(|(id, n)| (Reason::parse(id), id, n))
        .collect();
    counts.sort_by_key(|(reason, id, _)| (reason.is_none(), *reason, *id));
    let parts: Vec<String> = counts
        .into_iter()
        .map(|(reason, id, n)| {
            let why = reason.map_or(id, |r| r.text(lang));
            match lang {
                Lang::Ru => format!(
                    "{n} {}: {why}",
                    crate::rules::ru_plural(n, "случай", "случая", "случаев")
                ),
                Lang::En if n == 1 => format!("1 case: {why}"),
                Lang::En => format!("{n} cases: {why}"),
            }
        })
        .collect();
    parts.join("; ")
}

/// Why a rule could not judge something on a part of a register (SPEC §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// The part's source does not carry this kind of data (`lacks_topic`, `lacks_at` …).
    Lacks(Lack),
    /// The verdict needs the register before the part begins (`before_part`): the start of
    /// the school year, the lessons before a run of absences.
    BeforePart,
    /// The verdict needs the register after the part ends (`after_part`): the next lesson,
    /// the days up to the audit.
    AfterPart,
    /// The verdict needs classes or students the part does not hold (`outside_part`).
    OutsidePart,
}

impl Reason {
    /// Every reason, in the order a report lists them.
    pub const ALL: &'static [Reason] = &[
        Reason::Lacks(Lack::Topic),
        Reason::Lacks(Lack::Homework),
        Reason::Lacks(Lack::Attendance),
        Reason::Lacks(Lack::Marks),
        Reason::Lacks(Lack::FinalMarks),
        Reason::Lacks(Lack::At),
        Reason::Lacks(Lack::By),
        Reason::Lacks(Lack::Teacher),
        Reason::Lacks(Lack::Staff),
        Reason::Lacks(Lack::Parents),
        Reason::Lacks(Lack::Plans),
        Reason::BeforePart,
        Reason::AfterPart,
        Reason::OutsidePart,
    ];

    /// The stable id in `summary.not_judged`.
    pub const fn id(self) -> &'static str {
        match self {
            Reason::Lacks(lack) => match lack {
                Lack::Topic => "lacks_topic",
                Lack::Homework => "lacks_homework",
                Lack::Attendance => "lacks_attendance",
                Lack::Marks => "lacks_marks",
                Lack::FinalMarks => "lacks_final_marks",
                Lack::At => "lacks_at",
                Lack::By => "lacks_by",
                Lack::Teacher => "lacks_teacher",
                Lack::Staff => "lacks_staff",
                Lack::Parents => "lacks_parents",
                Lack::Plans => "lacks_plans",
            },
            Reason::BeforePart => "before_part",
            Reason::AfterPart => "after_part",
            Reason::OutsidePart => "outside_part",
        }
    }

    /// The reason of an id.
    pub fn parse(id: &str) -> Option<Reason> {
        Reason::ALL.iter().copied().find(|r| r.id() == id)
    }

    /// Why, in words: «в выгрузке нет тем уроков», "the source has no lesson topics".
    pub const fn text(self, lang: Lang) -> &'static str {
        let (ru, en) = match self {
            Reason::Lacks(lack) => match lack {
                Lack::Topic => (
                    "в выгрузке нет тем уроков",
                    "the source has no lesson topics",
                ),
                Lack::Homework => (
                    "в выгрузке нет домашних заданий",
                    "the source has no homework",
                ),
                Lack::Attendance => (
                    "в выгрузке нет посещаемости",
                    "the source has no attendance",
                ),
                Lack::Marks => (
                    "в выгрузке нет текущих отметок",
                    "the source has no current marks",
                ),
                Lack::FinalMarks => (
                    "в выгрузке нет итоговых отметок",
                    "the source has no final marks",
                ),
                Lack::At => (
                    "в выгрузке нет времени внесения записей",
                    "the source does not say when entries were made",
                ),
                Lack::By => (
                    "в выгрузке нет авторов записей",
                    "the source does not say who made the entries",
                ),
                Lack::Teacher => (
                    "в выгрузке не указаны учителя уроков",
                    "the source does not name the lessons' teachers",
                ),
                Lack::Staff => (
                    "в выгрузке нет сотрудников школы",
                    "the source has no staff",
                ),
                Lack::Parents => ("в выгрузке нет родителей", "the source has no parents"),
                Lack::Plans => (
                    "в выгрузке нет тематического планирования",
                    "the source has no thematic plans",
                ),
            },
            Reason::BeforePart => (
                "нужны записи до начала выгрузки",
                "needs the register from before the part begins",
            ),
            Reason::AfterPart => (
                "нужны записи после конца выгрузки",
                "needs the register from after the part ends",
            ),
            Reason::OutsidePart => (
                "нужны классы или ученики, которых нет в выгрузке",
                "needs classes or students the part does not hold",
            ),
        };
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

impl Summary {
    pub(crate) fn count(&mut self, findings: &[Finding]) {
        self.findings = findings.len();
        for f in findings {
            *self.by_severity.entry(f.severity.as_str()).or_default() += 1;
            *self.by_rule.entry(f.rule).or_default() += 1;
            if let Some(teacher) = &f.teacher {
                *self.by_teacher.entry(teacher.clone()).or_default() += 1;
            }
            if let Some(class) = &f.class {
                *self.by_class.entry(class.clone()).or_default() += 1;
            }
        }
    }
}

/// The names of what a report mentions, by id, as the register declares them: the classes,
/// staff, students and parents of its findings and of its fill figures. An id the register
/// gives no name is not listed (it is shown as its id).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Names {
    pub classes: BTreeMap<String, String>,
    pub staff: BTreeMap<String, String>,
    pub students: BTreeMap<String, String>,
    pub parents: BTreeMap<String, String>,
}

impl Names {
    /// A class as people call it: its name, else its id.
    pub fn class<'a>(&'a self, id: &'a str) -> &'a str {
        self.classes.get(id).map_or(id, String::as_str)
    }

    /// A member of staff as people call them: their name, else their id.
    pub fn staff<'a>(&'a self, id: &'a str) -> &'a str {
        self.staff.get(id).map_or(id, String::as_str)
    }

    /// A student as people call them: their name, else their id.
    pub fn student<'a>(&'a self, id: &'a str) -> &'a str {
        self.students.get(id).map_or(id, String::as_str)
    }

    /// A parent as people call them: their name, else their id.
    pub fn parent<'a>(&'a self, id: &'a str) -> &'a str {
        self.parents.get(id).map_or(id, String::as_str)
    }
}

/// What the register holds at `as_of`: every finding, the summary, and the names of what
/// they mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub as_of: DateTime<FixedOffset>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub names: Names,
}

impl Report {
    /// The report serialized with messages in one language:
    /// `{"as_of": ..., "findings": [...], "summary": {...}, "names": {...}}`.
    pub fn localized(&self, lang: Lang) -> LocalizedReport<'_> {
        LocalizedReport { report: self, lang }
    }

    /// The report as JSON with messages in one language.
    pub fn to_json(&self, lang: Lang) -> String {
        serde_json::to_string(&self.localized(lang)).unwrap_or_default()
    }

    /// The highest severity among the findings.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// A report serialized with messages in one language.
pub struct LocalizedReport<'a> {
    pub report: &'a Report,
    pub lang: Lang,
}

impl Serialize for LocalizedReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Findings<'a>(&'a [Finding], Lang);
        impl Serialize for Findings<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().map(|f| f.localized(self.1)))
            }
        }
        let mut out = s.serialize_struct("Report", 4)?;
        out.serialize_field(
            "as_of",
            &self.report.as_of.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        )?;
        out.serialize_field("findings", &Findings(&self.report.findings, self.lang))?;
        out.serialize_field("summary", &self.report.summary)?;
        out.serialize_field("names", &self.report.names)?;
        out.end()
    }
}
