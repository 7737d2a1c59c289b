//! The catalogue: every rule in the order of SPEC §3, with its identity and documentation
//! (`ekzh rules` prints it), and a finding's place in that order.

use serde::Serialize;

use crate::report::Severity;

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
    &input_error::InputErrorRule,
];

/// When a rule can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum When {
    /// When the entry is made.
    #[serde(rename = "entry")]
    Entry,
    /// Only at a date, over the whole register.
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

/// A rule's identity and documentation, as the catalogue shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// The stable id findings carry.
    pub id: &'static str,
    /// The clause of the Regulation.
    pub clause: &'static str,
    pub severity: Severity,
    pub when: When,
    /// The rule's documentation (Markdown): what it checks, the clause, an example.
    pub doc: &'static str,
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

/// `{"id", "clause", "severity", "when", "summary", "doc"}`: the documentation without the
/// doc comment's indent, and its first paragraph on one line as the summary.
///
/// ```
/// let rule = ekzh_core::rule("grade1_mark").unwrap();
/// let json = serde_json::to_value(rule).unwrap();
/// assert_eq!(json["clause"], "2.6");
/// assert_eq!(json["severity"], "error");
/// assert_eq!(json["when"], "entry");
/// assert_eq!(json["summary"], rule.summary());
/// ```
impl Serialize for RuleMeta {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut rule = serializer.serialize_struct("Rule", 6)?;
        rule.serialize_field("id", self.id)?;
        rule.serialize_field("clause", self.clause)?;
        rule.serialize_field("severity", &self.severity)?;
        rule.serialize_field("when", &self.when)?;
        rule.serialize_field("summary", &self.summary())?;
        rule.serialize_field("doc", &self.documentation())?;
        rule.end()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_has_the_fields_every_face_lists() {
        let rules: Vec<_> = crate::rules::catalogue().collect();
        let list = serde_json::to_value(&rules).unwrap();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), rules.len());
        for (json, rule) in list.iter().zip(&rules) {
            assert_eq!(json.as_object().unwrap().len(), 6, "{}", rule.id);
            assert_eq!(json["id"], rule.id);
            assert_eq!(json["clause"], rule.clause);
            assert_eq!(json["severity"], rule.severity.as_str());
            assert_eq!(json["when"], rule.when.as_str());
            assert_eq!(json["summary"], rule.summary());
            assert_eq!(json["doc"], rule.documentation());
            assert!(!rule.summary().is_empty(), "{}", rule.id);
        }
        // The fields in this order, in every face.
        let text = serde_json::to_string(rules.first().unwrap()).unwrap();
        let at = |key: &str| text.find(&format!("\"{key}\":")).unwrap();
        let keys = ["id", "clause", "severity", "when", "summary", "doc"];
        assert!(keys.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
    }
}
