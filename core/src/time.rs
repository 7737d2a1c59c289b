//! School-local time as a plain number, so that comparing an entry's time with a lesson's
//! date is comparing two integers; and a time of day, which is how a lesson's start and end
//! are kept and written (`HH:MM`).

use std::fmt;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Timelike};

/// Seconds since 1970-01-01 00:00 on the school's wall clock.
pub type Time = i64;

const DAY: Time = 86_400;

/// A moment before any entry's: when entries without `at` count as made (they are taken to
/// have always existed). Far enough from `i64::MIN` that arithmetic on it cannot overflow.
pub const ALWAYS: Time = -(1 << 40);

/// The school-local time of an instant.
pub fn local(at: DateTime<FixedOffset>, offset: FixedOffset) -> Time {
    at.timestamp() + Time::from(offset.local_minus_utc())
}

/// Midnight at the start of `date`.
pub fn day_start(date: NaiveDate) -> Time {
    date.and_time(NaiveTime::MIN).and_utc().timestamp()
}

/// The first moment after `date` is over (midnight of the next day).
pub fn day_end(date: NaiveDate) -> Time {
    day_start(date) + DAY
}

/// A time of day, to the minute, in school time: a lesson's start or end. Written `HH:MM`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock(u16);

impl Clock {
    /// The time of day of a `NaiveTime` (its seconds dropped).
    pub fn of(time: NaiveTime) -> Clock {
        // At most 23 * 60 + 59: it fits.
        Clock((time.hour() * 60 + time.minute()) as u16)
    }

    /// The time of day of a local time.
    pub fn of_time(time: Time) -> Clock {
        Clock(u16::try_from(time.rem_euclid(DAY) / 60).unwrap_or_default())
    }

    /// `date` at this time of day.
    pub fn on(self, date: NaiveDate) -> Time {
        day_start(date) + Time::from(self.0) * 60
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// The date of a local time.
pub fn date_of(time: Time) -> NaiveDate {
    DateTime::from_timestamp(time.div_euclid(DAY) * DAY, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default()
}

/// A local time as a date and time with the school's offset, for the report.
pub fn to_datetime(time: Time, offset: FixedOffset) -> DateTime<FixedOffset> {
    let utc = time - Time::from(offset.local_minus_utc());
    DateTime::from_timestamp(utc, 0)
        .unwrap_or_default()
        .with_timezone(&offset)
}

/// `days` whole days after `date`.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(days))
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_keeps_the_wall_clock() {
        let offset = FixedOffset::east_opt(4 * 3600).unwrap();
        let at = DateTime::parse_from_rfc3339("2024-09-02T23:30:00+00:00").unwrap();
        let t = local(at, offset);
        assert_eq!(date_of(t), NaiveDate::from_ymd_opt(2024, 9, 3).unwrap());
        assert_eq!(
            to_datetime(t, offset).to_rfc3339(),
            "2024-09-03T03:30:00+04:00"
        );
        let d = NaiveDate::from_ymd_opt(2024, 9, 2).unwrap();
        assert_eq!(date_of(day_end(d) - 1), d);
        let half_past_eight = Clock::of(NaiveTime::from_hms_opt(8, 30, 59).unwrap());
        assert_eq!(date_of(half_past_eight.on(d)), d);
        assert_eq!(Clock::of_time(half_past_eight.on(d)), half_past_eight);
        assert_eq!(half_past_eight.to_string(), "08:30");
        assert_eq!(Clock::of_time(day_end(d) - 1).to_string(), "23:59");
    }
}
