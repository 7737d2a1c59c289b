//! School-local time as a plain number, so that comparing an entry's time with a lesson's
//! date is comparing two integers.

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

/// `date` at a time of day given in minutes.
pub fn at_minutes(date: NaiveDate, minutes: u16) -> Time {
    day_start(date) + Time::from(minutes) * 60
}

/// The date of a local time.
pub fn date_of(time: Time) -> NaiveDate {
    DateTime::from_timestamp(time.div_euclid(DAY) * DAY, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default()
}

/// A time of day as minutes after midnight.
pub fn minutes(time: NaiveTime) -> u16 {
    (time.hour() * 60 + time.minute()) as u16
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
        assert_eq!(date_of(at_minutes(d, 8 * 60 + 30)), d);
    }
}
