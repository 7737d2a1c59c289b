//! The catalogue: every rule in the order of SPEC §3, with its identity and documentation
//! (`ekzh rules` prints it), and a finding's place in that order.

use serde::Serialize;

use crate::report::{Lang, Severity};

use super::*;

/// The id of the findings for events skipped as unreadable.
pub(crate) const INPUT_ERROR: &str = InputErrorRule::META.id;

/// Every rule, in the catalogue's order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &grade1_mark::Grade1Mark,
    &grade1_homework::Grade1Homework,
    &lesson_entered_late::LessonEnteredLate,
    &lesson_topic_missing::LessonTopicMissing,
    &attendance_entered_late::AttendanceEnteredLate,
    &homework_entered_late::HomeworkEnteredLate,
    &homework_empty::HomeworkEmpty,
    &final_mark_too_early::FinalMarkTooEarly,
    &final_mark_published_late::FinalMarkPublishedLate,
    &final_mark_missing::FinalMarkMissing,
    &final_mark_unjustified::FinalMarkUnjustified,
    &final_mark_too_few_marks::FinalMarkTooFewMarks,
    &absent_mark_without_basis::AbsentMarkWithoutBasis,
    &sanatorium_mark_misplaced::SanatoriumMarkMisplaced,
    &home_schooled_current_mark::HomeSchooledCurrentMark,
    &home_schooled_final_outside_plan::HomeSchooledFinalOutsidePlan,
    &briefing_introductory_missing::BriefingIntroductoryMissing,
    &briefing_repeat_missing::BriefingRepeatMissing,
    &briefing_before_work_missing::BriefingBeforeWorkMissing,
    &briefing_pe_section_missing::BriefingPeSectionMissing,
    &briefing_unscheduled_missing::BriefingUnscheduledMissing,
    &work_graded_late::WorkGradedLate,
    &work_marks_missing::WorkMarksMissing,
    &failing_mark_after_absence::FailingMarkAfterAbsence,
    &absence_reason_unset::AbsenceReasonUnset,
    &group_change_mid_period::GroupChangeMidPeriod,
    &entry_not_permitted::EntryNotPermitted,
    &unknown_reference::UnknownReference,
    &student_not_in_lesson::StudentNotInLesson,
    &paper_report_overdue::PaperReportOverdue,
    &parent_diary_not_viewed::ParentDiaryNotViewed,
    &journal_export_late::JournalExportLate,
    &journal_export_unsigned::JournalExportUnsigned,
    &annual_decision_inconsistent::AnnualDecisionInconsistent,
    &thematic_plan_missing::ThematicPlanMissing,
    &program_not_completed::ProgramNotCompleted,
    &marks_sparse::MarksSparse,
    &control_work_missing::ControlWorkMissing,
    &homework_uninformative::HomeworkUninformative,
    &access_not_permitted::AccessNotPermitted,
    &parent_not_notified::ParentNotNotified,
    &input_error::InputErrorRule,
];

/// When a rule can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum When {
    /// When the entry is made.
    #[serde(rename = "entry")]
    Entry,
    /// Only at a date, over the whole register. The engine calls no entry method of a rule
    /// so declared.
    #[serde(rename = "audit")]
    Audit,
    /// When the entry is made, and at a date for what is owed and missing.
    #[serde(rename = "entry/audit")]
    EntryAndAudit,
}

impl When {
    pub const fn as_str(self) -> &'static str {
        match self {
            When::Entry => "entry",
            When::Audit => "audit",
            When::EntryAndAudit => "entry/audit",
        }
    }
}

impl When {
    /// When a rule can tell, in Russian: «при внесении записи», «при проверке на дату».
    pub const fn ru(self) -> &'static str {
        match self {
            When::Entry => "при внесении записи",
            When::Audit => "при проверке на дату",
            When::EntryAndAudit => "при внесении и при проверке",
        }
    }
}

/// A text in Russian and in English, written in the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Texts {
    pub ru: &'static str,
    pub en: &'static str,
}

impl Texts {
    pub const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }
}

/// A rule's identity and documentation, as the catalogue shows it: all of it declared in
/// the rule's own file (`declare_rule!`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// The stable id findings carry.
    pub id: &'static str,
    /// The clause of the Regulation; `None` for a rule no clause states (the register's
    /// own consistency: `unknown_reference`, `student_not_in_lesson`, `input_error`).
    pub clause: Option<&'static str>,
    pub severity: Severity,
    pub when: When,
    /// The rule's documentation (Markdown, English): what it checks, the clause, an
    /// example.
    pub doc: &'static str,
    /// The title people know the rule by («Нет темы урока»).
    pub title: Texts,
    /// What the person who made the entry should do, in the imperative.
    pub fix: Texts,
    /// What the rule checks, in Russian: the Russian documentation's own words.
    pub checks_ru: &'static str,
    /// What it needs to judge on a part of a register (SPEC §1.3).
    pub needs: Needs,
}

impl RuleMeta {
    /// The first paragraph of the documentation, on one line.
    pub fn summary(&self) -> String {
        let lines = self.doc.lines().map(str::trim).skip_while(|l| l.is_empty());
        let first: Vec<&str> = lines.take_while(|l| !l.is_empty()).collect();
        first.join(" ")
    }

    /// The documentation with the doc comment's leading space removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_owned()
    }

    /// The rule's title in a language («Нет темы урока»).
    pub fn title(&self, lang: Lang) -> &'static str {
        self.title.get(lang)
    }

    /// What to correct, in a language.
    pub fn fix(&self, lang: Lang) -> &'static str {
        self.fix.get(lang)
    }

    /// What the rule's clause asks, as the documentation's `## Clause` section quotes the
    /// Regulation (in Russian), on one line; empty for a rule with no clause.
    pub fn clause_text(&self) -> String {
        let mut lines = self
            .doc
            .lines()
            .map(str::trim)
            .skip_while(|l| *l != "## Clause")
            .skip(1)
            .take_while(|l| !l.starts_with("## "));
        let mut out = String::new();
        for line in lines.by_ref().filter(|l| !l.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line);
        }
        out
    }

    /// The rule's documentation in Russian (Markdown): the title, the clause quoted, what
    /// the rule checks and what to correct.
    pub fn documentation_ru(&self) -> String {
        let mut out = format!("# {}\n\n", self.title.ru);
        let clause = self.clause_text();
        if !clause.is_empty() {
            out.push_str(&format!("## Пункт Положения\n{clause}\n\n"));
        }
        out.push_str(&format!(
            "## Что проверяется\n{}\n\n",
            self.checks_ru.trim()
        ));
        out.push_str(&format!("## Что исправить\n{}", capitalized(self.fix.ru)));
        out
    }

    /// The documentation in a language: [`RuleMeta::documentation_ru`] or the English doc.
    pub fn documentation_in(&self, lang: Lang) -> String {
        match lang {
            Lang::Ru => self.documentation_ru(),
            Lang::En => self.documentation(),
        }
    }
}

/// A phrase as the start of a sentence: its first letter capitalized.
pub(crate) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The catalogue: every rule's identity and documentation, in order.
pub fn catalogue() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

/// One rule by id.
pub fn rule(id: &str) -> Option<&'static RuleMeta> {
    catalogue().find(|m| m.id == id)
}

pub(crate) fn position(id: &str) -> usize {
    RULES
        .iter()
        .position(|r| r.meta().id == id)
        .unwrap_or(RULES.len())
}

// The catalogue as data: a rule as `ekzh rules --format json`, Python's `ekzh.rules()` and
// WebAssembly's `rules()` list it, serialized once here for all three.

/// `{"id", "clause", "severity", "when", "title", "fix", "summary", "doc", "doc_ru"}`: the
/// clause `null` for a rule no clause states; the title and what to correct as `{"ru",
/// "en"}`; the English documentation without the doc comment's indent, its first paragraph
/// on one line as the summary, and the Russian documentation.
///
/// ```
/// let rule = ekzh_core::rule("grade1_mark").unwrap();
/// let json = serde_json::to_value(rule).unwrap();
/// assert_eq!(json["clause"], "2.6");
/// assert_eq!(json["severity"], "error");
/// assert_eq!(json["when"], "entry");
/// assert_eq!(json["title"]["ru"], "Отметка в 1 классе");
/// assert_eq!(json["summary"], rule.summary());
/// let none = serde_json::to_value(ekzh_core::rule("unknown_reference").unwrap()).unwrap();
/// assert!(none["clause"].is_null());
/// ```
impl Serialize for RuleMeta {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut rule = serializer.serialize_struct("Rule", 9)?;
        rule.serialize_field("id", self.id)?;
        rule.serialize_field("clause", &self.clause)?;
        rule.serialize_field("severity", &self.severity)?;
        rule.serialize_field("when", &self.when)?;
        rule.serialize_field("title", &self.title)?;
        rule.serialize_field("fix", &self.fix)?;
        rule.serialize_field("summary", &self.summary())?;
        rule.serialize_field("doc", &self.documentation())?;
        rule.serialize_field("doc_ru", &self.documentation_ru())?;
        rule.end()
    }
}

#[cfg(test)]
mod tests {
    use crate::report::Lang;

    #[test]
    fn every_rule_has_the_fields_every_face_lists() {
        let rules: Vec<_> = crate::rules::catalogue().collect();
        let list = serde_json::to_value(&rules).unwrap();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), rules.len());
        for (json, rule) in list.iter().zip(&rules) {
            assert_eq!(json.as_object().unwrap().len(), 9, "{}", rule.id);
            assert_eq!(json["id"], rule.id);
            assert_eq!(json["clause"], serde_json::json!(rule.clause));
            assert_eq!(json["severity"], rule.severity.as_str());
            assert_eq!(json["when"], rule.when.as_str());
            assert_eq!(json["title"]["en"], rule.title.en);
            assert_eq!(json["fix"]["ru"], rule.fix.ru);
            assert_eq!(json["summary"], rule.summary());
            assert_eq!(json["doc"], rule.documentation());
            assert_eq!(json["doc_ru"], rule.documentation_ru());
            assert!(!rule.summary().is_empty(), "{}", rule.id);
        }
        // The fields in this order, in every face.
        let text = serde_json::to_string(rules.first().unwrap()).unwrap();
        let at = |key: &str| text.find(&format!("\"{key}\":")).unwrap();
        let keys = [
            "id", "clause", "severity", "when", "title", "fix", "summary", "doc", "doc_ru",
        ];
        assert!(keys.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
    }

    #[test]
    fn every_rule_has_a_title_what_to_correct_and_what_it_checks() {
        let mut titles = Vec::new();
        for rule in crate::catalogue() {
            let texts = [
                rule.title.ru,
                rule.title.en,
                rule.fix.ru,
                rule.fix.en,
                rule.checks_ru,
            ];
            for text in texts {
                assert!(!text.trim().is_empty(), "`{}`", rule.id);
            }
            for text in &texts[..4] {
                assert!(!text.ends_with('.'), "`{}`: {text}", rule.id);
            }
            titles.push(rule.title.ru);
            titles.push(rule.title.en);
        }
        let len = titles.len();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), len, "two rules have one title");
    }

    #[test]
    fn the_clause_is_quoted_from_the_documentation() {
        let rule = crate::rule("grade1_mark").unwrap();
        assert!(
            rule.clause_text().starts_with("2.6: «В 1-х классах"),
            "{}",
            rule.clause_text()
        );
        assert_eq!(rule.title(Lang::Ru), "Отметка в 1 классе");
        assert_eq!(crate::rule("input_error").unwrap().clause_text(), "");
        let ru = rule.documentation_ru();
        assert!(
            ru.starts_with("# Отметка в 1 классе\n\n## Пункт Положения\n2.6: «"),
            "{ru}"
        );
        assert!(ru.contains("## Что проверяется\n"), "{ru}");
        assert!(
            ru.ends_with("## Что исправить\nУдалить отметку: в 1 классе отметки не выставляются"),
            "{ru}"
        );
        assert!(!crate::rule("input_error")
            .unwrap()
            .documentation_ru()
            .contains("Пункт"));
    }
}
