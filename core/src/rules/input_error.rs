use super::*;
use crate::read::InputError;
use crate::report::Lang;

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
        id: "input_error", clause: none, severity: Error, when: Entry,
        title: "Событие не прочитано" / "Event could not be read",
        fix: "исправить событие в выгрузке журнала"
            / "fix the event in the register's export",
        checks: "Когда журнал проверяется с пропуском нечитаемых событий (`--skip-invalid` в \
            командной строке, `on_error=\"skip\"` в Python, `{skipInvalid: true}` в JavaScript), \
            каждое событие, которое не удалось прочитать — испорченный JSON, пропущенное или \
            неверное поле, отметка 7, неизвестный тип события, объявление, противоречащее \
            прежнему, — указывается одним замечанием с его строкой и причиной. Остальное \
            проверяется как обычно.",
        needs: [], reach: Day, scope: Students,
    }
}

impl Rule for InputErrorRule {}

impl InputErrorRule {
    /// The finding for a skipped event.
    pub(crate) fn finding(index: usize, error: &InputError) -> Finding {
        let mut finding = blank(&Self::META, index);
        finding.message = Message {
            ru: format!(
                "событие не прочитано и пропущено — {}",
                error.localized(Lang::Ru)
            ),
            en: format!(
                "event skipped, it could not be read — {}",
                error.localized(Lang::En)
            ),
        };
        finding
    }
}
