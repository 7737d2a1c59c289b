//! The moment a register is checked at (`as_of`), read from what people write: one reading
//! for every face (the CLI's `--as-of`, Python's and WebAssembly's `as_of` strings).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

use crate::{Lang, Policy};

/// Text that is not a moment to check at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.localized(Lang::En))]
pub struct AsOfError {
    /// The text as it was given.
    pub text: String,
}

impl AsOfError {
    /// The error in one language, with two examples of what to write.
    pub fn localized(&self, lang: Lang) -> String {
        let text = &self.text;
        match lang {
            Lang::Ru => format!(
                "`{text}` — не дата и не дата со временем: напишите дату, например 31.10.2024 \
                 (конец этого дня), или дату и время, например 2024-10-31 18:00"
            ),
            Lang::En => format!(
                "`{text}` is not a date or a date and time: write a date, such as 31.10.2024 \
                 (the end of that day), or a date and time, such as 2024-10-31 18:00"
            ),
        }
    }
}

/// A day, to the end of it.
const DAYS: &[&str] = &["%d.%m.%Y", "%Y-%m-%d"];

/// A date and time of day without an offset: school time. `%.f` reads fractions of a second
/// when there are any.
const MOMENTS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
];

impl Policy {
    /// `as_of` from text, as every face takes it:
    /// - RFC 3339, an offset included: `2024-10-31T18:00:00+04:00`;
    /// - a date, `31.10.2024` or `2024-10-31`: the end of that day (23:59:59) in school
    ///   time (the policy's `utc_offset`);
    /// - a date and time without an offset, `2024-10-31 18:00`, `2024-10-31T18:00`,
    ///   `2024-10-31T18:00:30` or `31.10.2024 18:00`: school time.
    ///
    /// Spaces around the text are ignored.
    ///
    /// ```
    /// let policy = ekzh_core::Policy::default();
    /// let at = |text| policy.parse_as_of(text).map(|t| t.to_rfc3339());
    /// assert_eq!(at("31.10.2024").unwrap(), "2024-10-31T23:59:59+04:00");
    /// assert_eq!(at("2024-10-31 18:00").unwrap(), "2024-10-31T18:00:00+04:00");
    /// assert_eq!(at("2024-10-31T18:00:00+03:00").unwrap(), "2024-10-31T18:00:00+03:00");
    /// assert!(at("31/10/2024").is_err());
    /// ```
    pub fn parse_as_of(&self, text: &str) -> Result<DateTime<FixedOffset>, AsOfError> {
        let trimmed = text.trim();
        let at = if let Ok(at) = DateTime::parse_from_rfc3339(trimmed) {
            Some(at)
        } else if let Some(date) = DAYS
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(trimmed, f).ok())
        {
            self.end_of_day(date)
        } else {
            MOMENTS
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(trimmed, f).ok())
                .and_then(|local| self.school_time(local))
        };
        at.ok_or_else(|| AsOfError {
            text: text.to_owned(),
        })
    }

    /// The end of a day (23:59:59) in school time: what a date means as `as_of`. `None`
    /// only past the calendar's range.
    pub fn end_of_day(&self, date: NaiveDate) -> Option<DateTime<FixedOffset>> {
        self.school_time(date.and_hms_opt(23, 59, 59)?)
    }

    /// A date and time of day without an offset, read in school time (the policy's
    /// `utc_offset`). `None` only past the calendar's range.
    pub fn school_time(&self, local: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        self.utc_offset.0.from_local_datetime(&local).single()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(policy: &Policy, text: &str) -> Option<String> {
        policy.parse_as_of(text).ok().map(|t| t.to_rfc3339())
    }

    #[test]
    fn every_form_people_write() {
        let p = Policy::default();
        for (text, moment) in [
            ("2024-10-31T18:00:00+03:00", "2024-10-31T18:00:00+03:00"),
            ("2024-10-31T18:00:00Z", "2024-10-31T18:00:00+00:00"),
            ("2024-10-31 18:00:00+04:00", "2024-10-31T18:00:00+04:00"),
            ("31.10.2024", "2024-10-31T23:59:59+04:00"),
            ("1.9.2024", "2024-09-01T23:59:59+04:00"),
            ("2024-10-31", "2024-10-31T23:59:59+04:00"),
            (" 2024-10-31\n", "2024-10-31T23:59:59+04:00"),
            ("2024-10-31 18:00", "2024-10-31T18:00:00+04:00"),
            ("2024-10-31T18:00", "2024-10-31T18:00:00+04:00"),
            ("2024-10-31T18:00:30", "2024-10-31T18:00:30+04:00"),
            ("2024-10-31T18:00:30.250", "2024-10-31T18:00:30.250+04:00"),
            ("2024-10-31 18:00:30", "2024-10-31T18:00:30+04:00"),
            ("31.10.2024 18:00", "2024-10-31T18:00:00+04:00"),
            ("31.10.2024 18:00:30", "2024-10-31T18:00:30+04:00"),
        ] {
            assert_eq!(at(&p, text).as_deref(), Some(moment), "{text:?}");
        }
    }

    #[test]
    fn school_time_is_the_policys_offset() {
        let moscow = Policy::from_json(r#"{"utc_offset": "+03:00"}"#).unwrap();
        assert_eq!(
            at(&moscow, "31.10.2024").as_deref(),
            Some("2024-10-31T23:59:59+03:00")
        );
        assert_eq!(
            at(&moscow, "2024-10-31T18:00").as_deref(),
            Some("2024-10-31T18:00:00+03:00")
        );
        // An offset written in the text is kept.
        assert_eq!(
            at(&moscow, "2024-10-31T18:00:00+04:00").as_deref(),
            Some("2024-10-31T18:00:00+04:00")
        );
    }

    #[test]
    fn what_is_not_a_moment_is_an_error_with_examples() {
        let p = Policy::default();
        for text in [
            "",
            "31/10/2024",
            "2024-13-45",
            "31.02.2024",
            "2024-10-31T25:00",
            "2024-10-31T18",
            "2024-10-31T18:00+04",
            "завтра",
        ] {
            assert_eq!(at(&p, text), None, "{text:?}");
        }
        let error = p.parse_as_of("31/10/2024").unwrap_err();
        assert_eq!(
            error.to_string(),
            "`31/10/2024` is not a date or a date and time: write a date, such as 31.10.2024 \
             (the end of that day), or a date and time, such as 2024-10-31 18:00"
        );
    }

    #[test]
    fn the_end_of_a_day_and_school_time() {
        let p = Policy::default();
        let day = NaiveDate::from_ymd_opt(2024, 10, 31).unwrap();
        assert_eq!(
            p.end_of_day(day).map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-10-31T23:59:59+04:00")
        );
        let noon = day.and_hms_opt(12, 0, 0).unwrap();
        assert_eq!(
            p.school_time(noon).map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-10-31T12:00:00+04:00")
        );
        // Past the end of the calendar in UTC.
        let west = Policy::from_json(r#"{"utc_offset": "-05:00"}"#).unwrap();
        assert_eq!(west.end_of_day(NaiveDate::MAX), None);
    }
}
