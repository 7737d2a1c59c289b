//! How messages write what they say: dates and times as Russians and English speakers write
//! them, numbers, nouns agreeing with a number, and the register's own words (kinds of work,
//! attendance codes, final marks).

use chrono::NaiveDate;

use crate::event::{AttendanceCode, FinalValue, WorkKind};
use crate::time::{self, Clock, Time};

/// A final mark as written: «4», or «н/а».
pub(crate) fn final_value(value: FinalValue) -> String {
    match value {
        FinalValue::Mark(mark) => mark.get().to_string(),
        FinalValue::NotAttested => "н/а".to_owned(),
    }
}

/// Formats a date as Russians write it: 02.09.2024.
pub(crate) fn ru_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Formats a local time as 02.09.2024 16:00.
pub(crate) fn ru_time(time: Time) -> String {
    format!("{} {}", ru_date(time::date_of(time)), Clock::of_time(time))
}

/// Formats a local time as 2024-09-02 16:00.
pub(crate) fn en_time(time: Time) -> String {
    format!("{} {}", time::date_of(time), Clock::of_time(time))
}

/// A number as Russians write it, with exactly `decimals` decimals: `4,00`, `3,33`.
pub(crate) fn ru_fixed(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}").replace('.', ",")
}

/// A number as Russians write it, with at most `decimals` decimals (trailing zeros
/// dropped): `0,5`, `1`.
pub(crate) fn ru_number(value: f64, decimals: usize) -> String {
    en_number(value, decimals).replace('.', ",")
}

/// A number with at most `decimals` decimals, trailing zeros dropped: `4.33`, `0.5`, `3`.
pub(crate) fn en_number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// The Russian form of a noun after a number: `one` for 1, 21, 31 …; `few` for 2–4, 22–24
/// …; `many` for the rest (5–20, 25–30 …). Genitive after a preposition: pass the same
/// form as `few` and `many`.
pub fn ru_plural<'w>(n: usize, one: &'w str, few: &'w str, many: &'w str) -> &'w str {
    match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    }
}

/// A number and an English noun agreeing with it: «1 day», «3 days».
pub(crate) fn en_count(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An English ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st.
pub(crate) fn en_ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A kind of work as the Regulation names it: «контрольная работа».
pub(crate) fn work_ru(work: WorkKind) -> &'static str {
    use WorkKind::*;
    match work {
        ControlWork => "контрольная работа",
        ControlDictation => "контрольный диктант",
        Exposition => "изложение",
        Composition => "сочинение",
        IndependentWork => "самостоятельная работа",
        PracticalWork => "практическая работа",
        LaboratoryWork => "лабораторная работа",
        Excursion => "экскурсия",
        Test => "проверочная работа",
        Oral => "ответ на уроке",
        Homework => "домашнее задание",
        Other => "другое",
    }
}

/// A kind of work in English words: "control dictation", never the vocabulary's id.
pub(crate) fn work_en(work: WorkKind) -> &'static str {
    use WorkKind::*;
    match work {
        ControlWork => "control work",
        ControlDictation => "control dictation",
        Exposition => "exposition",
        Composition => "composition",
        IndependentWork => "independent work",
        PracticalWork => "practical work",
        LaboratoryWork => "laboratory work",
        Excursion => "excursion",
        Test => "test",
        Oral => "oral answer",
        Homework => "homework",
        Other => "other work",
    }
}

/// An attendance code as the register shows it: Н, УП, Б, НП, ОП, ОСВ.
pub(crate) fn attendance_ru(code: AttendanceCode) -> &'static str {
    use AttendanceCode::*;
    match code {
        Absent => "Н",
        Excused => "УП",
        Illness => "Б",
        Unexcused => "НП",
        Late => "ОП",
        Exempt => "ОСВ",
        Present => "присутствовал",
    }
}

/// A number of days in Russian, with the noun agreeing: «1 день», «3 дня», «14 дней».
pub(crate) fn ru_days(days: i64) -> String {
    let n = usize::try_from(days.unsigned_abs()).unwrap_or(usize::MAX);
    format!("{days} {}", ru_plural(n, "день", "дня", "дней"))
}

/// A number of days in English: «1 day», «7 days».
pub(crate) fn en_days(days: i64) -> String {
    format!("{days} {}", if days == 1 { "day" } else { "days" })
}
