//! The rule catalogue: one file per rule, each with the clause it enforces.
//!
//! A rule judges entries, or audits the register at a date, or both:
//!
//! - [`Rule::entry`] — through the method of the entry's kind, `Rule::mark` for a mark —
//!   judges one entry against the register **as it stood when the entry was made**: the
//!   declarations, the entry's own lesson, and the entries made no later than it (entries
//!   without `at` count as always made). An entry judged so is judged the same
//!   whatever comes after it, which is why a finding told on entry is never withdrawn.
//! - [`Rule::audit`] looks at the whole register as it stands at `as_of` and reports what is
//!   overdue by then.
//!
//! Where a rule's verdict on an entry depends on entries that may legitimately come later
//! (the rest of the day's lessons for a homework deadline, say), it waits for the audit:
//! `cx.complete` tells it whether the register is whole.
//!
//! On a part of a register (SPEC §1.3) a rule judges only what the part shows: before it
//! judges a thing it asks `Cx::judges`, which answers from the rule's declared [`Needs`]
//! and counts what was not judged (`part`).
//!
//! The framework beside the rules: `catalogue` (every rule in order), `framework` (the
//! `Rule` trait, the entries it judges, and `Cx`, what a rule sees and asks), `part`
//! (judging a part of a register), `draft` (the finding builder), `text` (how messages
//! write dates, numbers and plurals), and `testing` (small registers for the rules' unit
//! tests).

use chrono::NaiveDate;

use crate::person::{Case, Person};
use crate::register::*;
use crate::report::{Finding, Message};
use crate::time::{self, Time};

/// Declares a rule: a unit struct carrying its doc comment, id, clause, severity, timing,
/// the words people read — its title, what to correct, and what it checks in Russian —
/// and what it needs to judge on a part of a register ([`Needs`]: the kinds of data it
/// reads, its reach, its scope), as [`RuleMeta`] (its `META`, and `Meta::meta`). The doc
/// comment becomes the catalogue's English documentation; a rule is one file. A rule that
/// no clause of the Regulation states (a finding about the register's own consistency)
/// writes `clause: none`.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal, clause: $clause:tt, severity: $severity:ident, when: $when:ident,
            title: $title_ru:literal / $title_en:literal,
            fix: $fix_ru:literal / $fix_en:literal,
            checks: $checks_ru:literal,
            needs: [$($lack:ident),*], reach: $reach:ident, scope: $scope:ident,
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                clause: declare_rule!(@clause $clause),
                severity: $crate::report::Severity::$severity,
                when: $crate::rules::When::$when,
                doc: concat!($($doc, "\n"),*),
                title: $crate::rules::Texts { ru: $title_ru, en: $title_en },
                fix: $crate::rules::Texts { ru: $fix_ru, en: $fix_en },
                checks_ru: $checks_ru,
                needs: $crate::rules::Needs {
                    data: &[$($crate::event::Lack::$lack),*],
                    reach: $crate::rules::Reach::$reach,
                    scope: $crate::rules::Scope::$scope,
                },
            };
        }

        impl $crate::rules::Meta for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &Self::META
            }
        }
    };
    (@clause none) => { None };
    (@clause $clause:literal) => { Some($clause) };
}

mod catalogue;
mod draft;
mod framework;
mod part;
#[cfg(test)]
pub(crate) mod testing;
mod text;

mod absence_reason_unset;
mod absent_mark_without_basis;
mod access_not_permitted;
mod annual_decision_inconsistent;
mod attendance_entered_late;
mod briefing_before_work_missing;
mod briefing_introductory_missing;
mod briefing_pe_section_missing;
mod briefing_repeat_missing;
mod briefing_unscheduled_missing;
mod control_work_missing;
mod entry_not_permitted;
mod failing_mark_after_absence;
mod final_mark_missing;
mod final_mark_published_late;
mod final_mark_too_early;
mod final_mark_too_few_marks;
mod final_mark_unjustified;
mod grade1_homework;
mod grade1_mark;
mod group_change_mid_period;
mod home_schooled_current_mark;
mod home_schooled_final_outside_plan;
mod homework_empty;
mod homework_entered_late;
mod homework_uninformative;
mod input_error;
mod journal_export_late;
mod journal_export_unsigned;
mod lesson_entered_late;
mod lesson_topic_missing;
mod marks_sparse;
mod paper_report_overdue;
mod parent_diary_not_viewed;
mod parent_not_notified;
mod program_not_completed;
mod sanatorium_mark_misplaced;
mod student_not_in_lesson;
mod thematic_plan_missing;
pub(crate) mod unknown_reference;
mod work_graded_late;
mod work_marks_missing;

pub use catalogue::{catalogue, rule, RuleMeta, Texts, When};
pub(crate) use catalogue::{position, INPUT_ERROR, RULES};
pub(crate) use draft::{blank, Draft};
pub(crate) use framework::{Cx, Mean, Meta, Rule};
pub(crate) use input_error::InputErrorRule;
pub(crate) use part::{add_counts, Item, Tally};
pub use part::{Needs, Reach, Scope};
pub use text::ru_plural;
pub(crate) use text::*;
