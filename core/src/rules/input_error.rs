use super::*;
use crate::read::InputError;

declare_rule! {
    /// An event that could not be read, skipped at the caller's request.
    ///
    /// ## What it checks
    /// When a register is checked with bad events skipped (`--skip-invalid` in the CLI,
    /// `on_error="skip"` in Python, `{skipInvalid: true}` in JavaScript), every event that
    /// could not be read — broken JSON, a missing or malformed field, a mark of 7, an
    /// unknown `type`, a declaration that contradicts an earlier one — is listed as one
    /// finding of this rule, with its index and what was wrong. Nothing else is dropped.
    ///
    /// ## Example
    /// ```json
    /// {"type":"mark","lesson":"l1","student":"s1","value":7}
    /// ```
    /// `input_error`: field `value`: a mark must be from 1 to 5, got `7`.
    pub struct InputErrorRule {
        id: "input_error", clause: "—", severity: Error, when: Entry,
        needs: [], reach: Day, scope: Students,
    }
}

impl Rule for InputErrorRule {}

impl InputErrorRule {
    /// The finding for a skipped event.
    pub(crate) fn finding(index: usize, error: &InputError) -> Finding {
        let what = match (&error.field, error.line) {
            (Some(field), Some(line)) => format!("line {line}, field `{field}`: {}", error.message),
            (Some(field), None) => format!("field `{field}`: {}", error.message),
            (None, Some(line)) => format!("line {line}: {}", error.message),
            (None, None) => error.message.clone(),
        };
        let mut finding = blank(&Self::META, index);
        finding.message = Message {
            ru: format!("событие не прочитано и пропущено — {what}"),
            en: format!("event skipped, it could not be read — {what}"),
        };
        finding
    }
}
