//! The school's policy: every number of the Regulation the rules use (SPEC §2).
//!
//! [`Policy::default`] is the Regulation. A policy file names only what it changes: a
//! partial JSON or TOML object overrides those keys and keeps the rest; inside
//! `min_marks_for_final`, `mark_weights`, `export_deadline` and `subject_kinds` it overrides
//! key by key. An unknown key is an error.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize};

use crate::event::{PeriodKind, WorkKind};
use crate::report::{Lang, Message};
use crate::vocab::{fold, strip_level, SubjectKind};

mod values;

pub use values::{
    Deadline, ExportDeadline, GradingDeadline, MinMarks, MonthDay, UtcOffset, WorkException,
    WorksNeedingMarks,
};

/// A policy: the numbers the rules check against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// The school's UTC offset; entry times are compared with lesson dates in local time.
    pub utc_offset: UtcOffset,
    /// Grades where no marks and no homework are given (2.6).
    pub no_marks_grades: Vec<u8>,
    /// Minutes after the end of the class's last lesson of the day by which homework is
    /// entered (2.8).
    pub homework_deadline_after_last_lesson: u32,
    /// Subjects with introductory and repeat briefings each half-year (2.14).
    pub briefing_subjects: Vec<SubjectKind>,
    /// Subjects with a briefing right before a practical or laboratory work or an
    /// excursion (2.14).
    pub pre_work_briefing_subjects: Vec<SubjectKind>,
    /// When marks for written works are due (3.3); the first entry that matches applies.
    pub grading_deadlines: Vec<GradingDeadline>,
    /// Works every present student gets a mark for (3.3).
    pub works_needing_marks: WorksNeedingMarks,
    /// Consecutive missed lessons of a subject that make a long absence (3.3).
    pub long_absence_lessons: u32,
    /// Lessons after a long absence on which no failing mark is given (3.3).
    pub protected_lessons_after_absence: u32,
    /// The failing marks (3.3).
    pub failing_marks: Vec<u8>,
    /// The fewest current marks a numeric final mark rests on, by kind of period (2.11).
    pub min_marks_for_final: MinMarks,
    /// How far a final mark may stand from the weighted mean of the marks (2.11).
    pub final_mark_tolerance: f64,
    /// The weight of each kind of work in that mean (2.11); kinds not named weigh 1.
    pub mark_weights: BTreeMap<WorkKind, f64>,
    /// Hours after the end of a period's last day by which its final marks are published
    /// (5.3).
    pub final_marks_publish_within: u32,
    /// Days after the lesson by which an absence gets its reason (3.2).
    pub absence_reason_within_days: u32,
    /// Days between paper reports for parents who opted out of the electronic diary (3.2, 5.2).
    pub paper_report_every_days: u32,
    /// When the end-of-year export is due (4.4).
    pub export_deadline: ExportDeadline,
    /// Days after a subject's first lesson by which its thematic plan is entered (3.3).
    pub thematic_plan_grace_days: u32,
    /// More subject names and their kinds, for names the built-in list does not know.
    pub subject_kinds: BTreeMap<String, SubjectKind>,
    /// Lessons of a subject a student attends in a row without a mark that make marks
    /// sparse (2.9, 4.2: «накопляемость»; the number is common school practice).
    pub sparse_marks_lessons: u32,
    /// Subjects that have control works each study period (4.2), by name: case, «ё»,
    /// spaces and a trailing level word do not matter.
    pub control_work_subjects: Vec<String>,
    /// Lessons with a control work, control dictation or test each subject of
    /// `control_work_subjects` has in a class in each quarter, trimester or half-year (4.2).
    pub control_works_per_period: u32,
    /// Phrases that say where the homework is, not what it is (2.8): a homework text made
    /// of them (and dates, punctuation, spaces) says nothing of what to do.
    pub homework_uninformative: Vec<String>,
    /// Days after a failing period mark is entered, or after a week of unexcused absences
    /// ends, by which the parents are told (3.2).
    pub parent_notice_within_days: u32,
    /// Unexcused absences (`НП`) of a student within one week, Monday to Sunday, after
    /// which the parents are told (3.2).
    pub unexcused_absences_for_notice: u32,
}

impl Default for Policy {
    fn default() -> Self {
        use WorkKind::*;
        let briefing = vec![
            SubjectKind::Chemistry,
            SubjectKind::Physics,
            SubjectKind::Technology,
            SubjectKind::Informatics,
        ];
        Policy {
            utc_offset: UtcOffset::default(),
            no_marks_grades: vec![1],
            homework_deadline_after_last_lesson: 60,
            pre_work_briefing_subjects: briefing.clone(),
            briefing_subjects: briefing,
            grading_deadlines: vec![
                GradingDeadline {
                    works: vec![ControlWork, ControlDictation],
                    grades: (2..=9).collect(),
                    deadline: Deadline::NextLesson,
                },
                GradingDeadline {
                    works: vec![Exposition, Composition],
                    grades: (2..=4).collect(),
                    deadline: Deadline::Days(2),
                },
                GradingDeadline {
                    works: vec![Exposition, Composition],
                    grades: (5..=9).collect(),
                    deadline: Deadline::Days(7),
                },
                GradingDeadline {
                    works: vec![Composition],
                    grades: vec![10, 11],
                    deadline: Deadline::Days(10),
                },
            ],
            works_needing_marks: WorksNeedingMarks::default(),
            long_absence_lessons: 3,
            protected_lessons_after_absence: 2,
            failing_marks: vec![1, 2],
            min_marks_for_final: MinMarks::default(),
            final_mark_tolerance: 0.5,
            mark_weights: BTreeMap::new(),
            final_marks_publish_within: 24,
            absence_reason_within_days: 7,
            paper_report_every_days: 14,
            export_deadline: ExportDeadline::default(),
            thematic_plan_grace_days: 14,
            subject_kinds: BTreeMap::new(),
            sparse_marks_lessons: 10,
            control_work_subjects: [
                "Русский язык",
                "Математика",
                "Алгебра",
                "Геометрия",
                "Литература",
                "Иностранный язык",
                "Английский язык",
                "Немецкий язык",
                "Французский язык",
                "История",
                "Обществознание",
                "География",
                "Биология",
                "Физика",
                "Химия",
                "Информатика",
            ]
            .map(String::from)
            .to_vec(),
            control_works_per_period: 1,
            homework_uninformative: [
                "задание прежнее",
                "то же",
                "см. дз",
                "см. д/з",
                "см. домашнее задание",
                "из файла",
                "задание из файла",
                "см. файл",
                "см. вложение",
                "во вложении",
                "не задано",
                "нет",
            ]
            .map(String::from)
            .to_vec(),
            parent_notice_within_days: 7,
            unexcused_absences_for_notice: 3,
        }
    }
}

/// A policy that cannot be used: unreadable, or naming something unknown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.localized(Lang::En))]
pub struct PolicyError {
    /// The path of the offending key.
    pub field: Option<String>,
    /// What is wrong, in Russian and English.
    pub message: Message,
}

impl PolicyError {
    /// The error in one language: «политика, поле `failing_marks`: …».
    pub fn localized(&self, lang: Lang) -> String {
        let (policy, field) = match lang {
            Lang::Ru => ("политика", "поле"),
            Lang::En => ("policy", "field"),
        };
        let at = self
            .field
            .as_deref()
            .map(|f| format!(", {field} `{f}`"))
            .unwrap_or_default();
        format!("{policy}{at}: {}", self.message.get(lang))
    }

    fn new(field: Option<String>, ru: impl Into<String>, en: impl Into<String>) -> Self {
        PolicyError {
            field,
            message: Message::new(ru, en),
        }
    }
}

/// A serde message in the words of the policy's readers: `expected u32` is `expected a
/// whole number`, never a Rust type.
fn plain(message: String) -> String {
    const TYPES: &[(&str, &str)] = &[
        ("expected u8", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
    ];
    let mut message = message;
    for (rust, words) in TYPES {
        if let Some(at) = message.find(rust) {
            let end = at + rust.len();
            let word_ends = message
                .get(end..)
                .is_none_or(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()));
            if word_ends {
                message.replace_range(at..end, words);
            }
        }
    }
    message
}

impl Policy {
    /// Whether a grade is taught without marks and homework (`no_marks_grades`, 2.6).
    pub fn no_marks(&self, grade: u8) -> bool {
        self.no_marks_grades.contains(&grade)
    }

    /// Reads a partial policy from JSON; what it does not name keeps its default.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        let mut de = serde_json::Deserializer::from_str(json);
        let policy: Policy =
            serde_path_to_error::deserialize(&mut de).map_err(|e| PolicyError {
                field: crate::event::raw::field_of(e.path()),
                message: Message::serde(plain(crate::event::raw::json_message(e.inner()))),
            })?;
        de.end().map_err(|e| PolicyError {
            field: None,
            message: Message::serde(crate::event::raw::json_message(&e)),
        })?;
        policy.validated()
    }

    /// Reads a partial policy from TOML; what it does not name keeps its default.
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<Policy, PolicyError> {
        let de = toml::Deserializer::parse(text).map_err(|e| {
            let at = e.span().map_or(0, |span| span.start);
            let line = 1 + text.bytes().take(at).filter(|&b| b == b'\n').count();
            PolicyError::new(
                None,
                format!("строка {line}: текст не читается как TOML"),
                format!("line {line}: {}", e.message()),
            )
        })?;
        let policy: Policy = serde_path_to_error::deserialize(de).map_err(|e| PolicyError {
            field: crate::event::raw::field_of(e.path()),
            message: Message::serde(plain(e.inner().message().to_owned())),
        })?;
        policy.validated()
    }

    /// Reads a policy file from its name and text: TOML when the name ends in `.toml` (in
    /// any case), JSON otherwise. The format is told here, once, for every face that takes
    /// a policy file (the CLI's `--policy`, Python's `policy=` path).
    ///
    /// ```
    /// use std::path::Path;
    /// use ekzh_core::Policy;
    /// let json = r#"{"long_absence_lessons": 4}"#;
    /// let policy = Policy::from_file_text(Path::new("school.json"), json).unwrap();
    /// assert_eq!(policy.long_absence_lessons, 4);
    /// // Read as TOML (with the `toml` feature; an error without it).
    /// assert!(Policy::from_file_text(Path::new("school.toml"), json).is_err());
    /// ```
    pub fn from_file_text(name: &Path, text: &str) -> Result<Policy, PolicyError> {
        let toml = name
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        if !toml {
            return Policy::from_json(text);
        }
        #[cfg(feature = "toml")]
        return Policy::from_toml(text);
        #[cfg(not(feature = "toml"))]
        Err(PolicyError::new(
            None,
            "политику в TOML здесь не прочитать: запишите её в JSON",
            "a TOML policy cannot be read here: write it as JSON",
        ))
    }

    /// Reads a partial policy from any serde deserializer (a Python dict, a JavaScript
    /// object …).
    pub fn deserialize_from<'de, D>(deserializer: D) -> Result<Policy, PolicyError>
    where
        D: Deserializer<'de>,
        D::Error: fmt::Display,
    {
        let policy: Policy =
            serde_path_to_error::deserialize(deserializer).map_err(|e| PolicyError {
                field: crate::event::raw::field_of(e.path()),
                message: Message::serde(plain(e.inner().to_string())),
            })?;
        policy.validated()
    }

    /// Checks the values that serde cannot: grades within 1–11, marks within 1–5,
    /// non-negative weights.
    pub fn validated(self) -> Result<Policy, PolicyError> {
        fn bad<T>(field: &str, ru: String, en: String) -> Result<T, PolicyError> {
            Err(PolicyError::new(Some(field.to_owned()), ru, en))
        }
        let grades = |field: &str, list: &[u8]| match list.iter().find(|g| !(1..=11).contains(*g)) {
            Some(g) => bad(
                field,
                format!("параллель `{g}` не от 1 до 11"),
                format!("grade `{g}` is not from 1 to 11"),
            ),
            None => Ok(()),
        };
        grades("no_marks_grades", &self.no_marks_grades)?;
        for (i, rule) in self.grading_deadlines.iter().enumerate() {
            grades(&format!("grading_deadlines[{i}].grades"), &rule.grades)?;
        }
        for (i, rule) in self.works_needing_marks.except.iter().enumerate() {
            grades(
                &format!("works_needing_marks.except[{i}].grades"),
                &rule.grades,
            )?;
        }
        if let Some(mark) = self.failing_marks.iter().find(|m| !(1..=5).contains(*m)) {
            return bad(
                "failing_marks",
                format!("отметка `{mark}` не от 1 до 5"),
                format!("mark `{mark}` is not from 1 to 5"),
            );
        }
        if !(self.final_mark_tolerance >= 0.0 && self.final_mark_tolerance.is_finite()) {
            return bad(
                "final_mark_tolerance",
                format!("`{}` — не число от 0 и больше", self.final_mark_tolerance),
                format!(
                    "`{}` is not a number of 0 or more",
                    self.final_mark_tolerance
                ),
            );
        }
        if let Some((kind, w)) = self
            .mark_weights
            .iter()
            .find(|(_, w)| !(**w >= 0.0 && w.is_finite()))
        {
            return bad(
                &format!("mark_weights.{kind}"),
                format!("`{w}` — не вес от 0 и больше"),
                format!("`{w}` is not a weight of 0 or more"),
            );
        }
        if self.long_absence_lessons == 0 {
            return bad(
                "long_absence_lessons",
                "должно быть не меньше 1".to_owned(),
                "must be 1 or more".to_owned(),
            );
        }
        for (field, value) in [
            ("paper_report_every_days", self.paper_report_every_days),
            ("sparse_marks_lessons", self.sparse_marks_lessons),
            (
                "unexcused_absences_for_notice",
                self.unexcused_absences_for_notice,
            ),
        ] {
            if value == 0 {
                return bad(
                    field,
                    "должно быть не меньше 1".to_owned(),
                    "must be 1 or more".to_owned(),
                );
            }
        }
        for (field, list) in [
            ("control_work_subjects", &self.control_work_subjects),
            ("homework_uninformative", &self.homework_uninformative),
        ] {
            if let Some((i, text)) = list
                .iter()
                .enumerate()
                .find(|(_, t)| !t.chars().any(char::is_alphanumeric))
            {
                return bad(
                    &format!("{field}[{i}]"),
                    format!("«{text}» не содержит ни буквы, ни цифры"),
                    format!("`{text}` has no letter or digit"),
                );
            }
        }
        if let Some(grade) = self
            .export_deadline
            .grades
            .keys()
            .find(|g| !(1..=11).contains(*g))
        {
            return bad(
                "export_deadline.grades",
                format!("параллель `{grade}` не от 1 до 11"),
                format!("grade `{grade}` is not from 1 to 11"),
            );
        }
        Ok(self)
    }

    /// The kind of a subject, from its name (SPEC §1: case, «ё», spaces and a trailing level
    /// word do not matter) or from `subject_kinds`.
    pub fn subject_kind(&self, name: &str) -> Option<SubjectKind> {
        let folded = fold(name);
        if let Some(kind) = SubjectKind::of_name(&folded) {
            return Some(kind);
        }
        let bare = strip_level(&folded);
        self.subject_kinds
            .iter()
            .find(|(known, _)| {
                let known = fold(known);
                known == folded || strip_level(&known) == bare
            })
            .map(|(_, kind)| *kind)
    }

    /// Whether a subject (by name) is one of `control_work_subjects`: case, «ё», spaces
    /// and a trailing level word do not matter («Физика профиль» is «Физика»).
    pub fn has_control_works(&self, subject: &str) -> bool {
        self.control_work_set().contains(subject)
    }

    /// `control_work_subjects` read once, for a walk over many subjects: what
    /// [`Policy::has_control_works`] compares a subject with.
    pub(crate) fn control_work_set(&self) -> SubjectSet {
        SubjectSet(
            self.control_work_subjects
                .iter()
                .map(|name| strip_level(&fold(name)).to_owned())
                .collect(),
        )
    }

    /// The weight of a kind of work in the mean of marks.
    pub fn weight(&self, work: WorkKind) -> f64 {
        self.mark_weights.get(&work).copied().unwrap_or(1.0)
    }

    /// When marks for `work` in `grade` are due, if the policy sets a deadline.
    pub fn grading_deadline(&self, work: WorkKind, grade: u8) -> Option<Deadline> {
        self.grading_deadlines
            .iter()
            .find(|d| d.works.contains(&work) && d.grades.contains(&grade))
            .map(|d| d.deadline)
    }

    /// Whether every present student gets a mark for `work` (3.3).
    pub fn needs_marks(&self, work: WorkKind, subject: Option<SubjectKind>, grade: u8) -> bool {
        let rule = &self.works_needing_marks;
        rule.works.contains(&work)
            && !rule
                .except
                .iter()
                .any(|e| e.work == work && Some(e.subject) == subject && e.grades.contains(&grade))
    }

    /// The fewest marks a final mark for a period of `kind` rests on.
    pub fn min_marks(&self, kind: PeriodKind) -> u32 {
        let m = &self.min_marks_for_final;
        match kind {
            PeriodKind::Quarter => m.quarter,
            PeriodKind::Trimester => m.trimester,
            PeriodKind::HalfYear => m.half_year,
            PeriodKind::Year => m.year,
        }
    }

    /// The day by which the year's register of a class in `grade` is exported, for a school
    /// year that ends on `year_end`.
    pub fn export_due(&self, grade: u8, year_end: NaiveDate) -> Option<NaiveDate> {
        let day = self
            .export_deadline
            .grades
            .get(&grade)
            .copied()
            .unwrap_or(self.export_deadline.default);
        let due = NaiveDate::from_ymd_opt(year_end.year(), day.month, day.day)?;
        // A school year that ends after the deadline's day (an odd calendar) exports next year.
        if due < year_end {
            NaiveDate::from_ymd_opt(year_end.year() + 1, day.month, day.day)
        } else {
            Some(due)
        }
    }
}

/// Subjects by name, folded and without a level word: «Физика профиль» is «Физика».
#[derive(Debug, Clone, Default)]
pub(crate) struct SubjectSet(Vec<String>);

impl SubjectSet {
    /// Whether a subject (by name as written) is one of the set.
    pub(crate) fn contains(&self, subject: &str) -> bool {
        let folded = fold(subject);
        let bare = strip_level(&folded);
        self.0.iter().any(|name| name == bare)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_policy_keeps_the_rest() {
        let p = Policy::from_json(
            r#"{"long_absence_lessons": 5, "min_marks_for_final": {"quarter": 4}}"#,
        )
        .unwrap();
        assert_eq!(p.long_absence_lessons, 5);
        assert_eq!(
            p.min_marks_for_final,
            MinMarks {
                quarter: 4,
                ..MinMarks::default()
            }
        );
        assert_eq!(p.protected_lessons_after_absence, 2);
        assert_eq!(p.grading_deadlines, Policy::default().grading_deadlines);
    }

    #[test]
    fn unknown_keys_are_errors() {
        let e = Policy::from_json(r#"{"long_absence": 5}"#).unwrap_err();
        assert!(e.message.en.contains("unknown field"), "{e}");
        assert!(
            e.message
                .ru
                .starts_with("неизвестное поле `long_absence`; допустимы: `utc_offset`"),
            "{}",
            e.message.ru
        );
        let e = Policy::from_json(r#"{"min_marks_for_final": {"month": 4}}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("min_marks_for_final.month"), "{e}");
        let e = Policy::from_json(r#"{"long_absence_lessons": "three"}"#).unwrap_err();
        assert!(e.message.en.ends_with("expected a whole number"), "{e}");
        assert_eq!(e.message.ru, "ожидается целое число, а не текст \"three\"");
        let e = Policy::from_json(r#"{"utc_offset": "Samara"}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("utc_offset"));
        let e = Policy::from_json(r#"{"no_marks_grades": [0]}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("no_marks_grades"));
    }

    #[test]
    fn default_round_trips() {
        let json = serde_json::to_string(&Policy::default()).unwrap();
        assert_eq!(Policy::from_json(&json).unwrap(), Policy::default());
    }

    #[cfg(feature = "toml")]
    #[test]
    fn toml_policy() {
        let p = Policy::from_toml("homework_deadline_after_last_lesson = 90\n[export_deadline.grades]\n\"11\" = \"07-15\"\n").unwrap();
        assert_eq!(p.homework_deadline_after_last_lesson, 90);
        assert_eq!(
            p.export_deadline.grades.get(&11),
            Some(&MonthDay { month: 7, day: 15 })
        );
        assert_eq!(
            p.export_deadline.grades.get(&9),
            Some(&MonthDay { month: 8, day: 25 })
        );
        assert!(Policy::from_toml("nonsense = 1").is_err());
    }

    #[test]
    fn the_file_name_tells_the_format() {
        let json = r#"{"homework_deadline_after_last_lesson": 90}"#;
        let toml = "homework_deadline_after_last_lesson = 90";
        let by_json = Policy::from_file_text(Path::new("dir.toml/school.json"), json).unwrap();
        assert_eq!(by_json.homework_deadline_after_last_lesson, 90);
        // Anything but `.toml` is JSON: TOML in a `.json` file, or without an extension, is
        // a JSON error.
        assert!(Policy::from_file_text(Path::new("school.json"), toml).is_err());
        assert!(Policy::from_file_text(Path::new("school"), toml).is_err());
        #[cfg(feature = "toml")]
        for name in ["school.toml", "SCHOOL.TOML", "dir/school.Toml"] {
            assert_eq!(
                Policy::from_file_text(Path::new(name), toml),
                Ok(by_json.clone())
            );
        }
        #[cfg(not(feature = "toml"))]
        assert!(Policy::from_file_text(Path::new("school.toml"), toml).is_err());
    }

    #[test]
    fn the_keys_of_the_new_rules() {
        let p = Policy::default();
        assert_eq!(p.sparse_marks_lessons, 10);
        assert_eq!(p.control_works_per_period, 1);
        assert_eq!(p.parent_notice_within_days, 7);
        assert_eq!(p.unexcused_absences_for_notice, 3);
        assert!(p.has_control_works("Физика (углублённый уровень)"));
        assert!(p.has_control_works(" английский  язык"));
        assert!(!p.has_control_works("Музыка"));
        assert_eq!(p.homework_uninformative.len(), 12);
        let p = Policy::from_json(
            r#"{"control_work_subjects": ["Музыка"], "homework_uninformative": ["смотри выше"]}"#,
        )
        .unwrap();
        assert!(p.has_control_works("музыка") && !p.has_control_works("Физика"));
        assert_eq!(p.homework_uninformative, ["смотри выше"]);
        for (json, field) in [
            (r#"{"sparse_marks_lessons": 0}"#, "sparse_marks_lessons"),
            (
                r#"{"unexcused_absences_for_notice": 0}"#,
                "unexcused_absences_for_notice",
            ),
            (
                r#"{"homework_uninformative": ["нет", "..."]}"#,
                "homework_uninformative[1]",
            ),
            (
                r#"{"control_work_subjects": [" "]}"#,
                "control_work_subjects[0]",
            ),
            (
                r#"{"parent_notice_within_days": -1}"#,
                "parent_notice_within_days",
            ),
        ] {
            let e = Policy::from_json(json).unwrap_err();
            assert_eq!(e.field.as_deref(), Some(field), "{json}: {e}");
        }
        #[cfg(feature = "toml")]
        {
            let p = Policy::from_toml(
                "sparse_marks_lessons = 8\ncontrol_works_per_period = 2\nparent_notice_within_days = 3\nunexcused_absences_for_notice = 5\ncontrol_work_subjects = [\"Алгебра\"]\nhomework_uninformative = [\"см. выше\"]\n",
            )
            .unwrap();
            assert_eq!(
                (
                    p.sparse_marks_lessons,
                    p.control_works_per_period,
                    p.parent_notice_within_days,
                    p.unexcused_absences_for_notice
                ),
                (8, 2, 3, 5)
            );
            assert_eq!(p.control_work_subjects, ["Алгебра"]);
            assert_eq!(p.homework_uninformative, ["см. выше"]);
            let e = Policy::from_toml("sparse_marks_lessons = 0").unwrap_err();
            assert_eq!(e.field.as_deref(), Some("sparse_marks_lessons"));
        }
    }

    #[test]
    fn subject_kinds_from_policy() {
        let p =
            Policy::from_json(r#"{"subject_kinds": {"Химия и экология": "chemistry"}}"#).unwrap();
        assert_eq!(
            p.subject_kind("химия и экология (профиль)"),
            Some(SubjectKind::Chemistry)
        );
        assert_eq!(p.subject_kind("Физика профиль"), Some(SubjectKind::Physics));
    }
}
