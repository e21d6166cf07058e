//! Calendar dates without a clock: the proleptic Gregorian calendar as a day
//! count, so that use-by arithmetic is exact and never reads "now".

use std::fmt;

/// A calendar date. Ordered; `days_until` and `add_days` are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i32,
}

/// Why a date was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// A month or day that does not exist (`2026-02-30`).
    NoSuchDay,
    /// Outside the years this app accepts (2000 to 2199).
    OutOfRange,
}

const MIN_YEAR: i32 = 2000;
const MAX_YEAR: i32 = 2199;

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// 2000-01-01, the earliest date accepted.
    pub const EARLIEST: Date = Date { days: 10_957 };

    /// A date from year, month (1 to 12) and day.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Date, DateError> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(DateError::OutOfRange);
        }
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Ok(Date {
            days: era * 146_097 + doe - 719_468,
        })
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i32::from(month <= 2);
        (year, month, day)
    }

    /// Reads `YYYY-MM-DD` (what `<input type="date">` and URLs carry).
    pub fn parse_iso(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        let digits_at = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
        if bytes.len() != 10
            || bytes[4] != b'-'
            || bytes[7] != b'-'
            || !digits_at(0..4)
            || !digits_at(5..7)
            || !digits_at(8..10)
        {
            return Err(DateError::Format);
        }
        // All ASCII digits, checked above, so these parse.
        let number = |range: std::ops::Range<usize>| {
            text[range].parse::<u32>().map_err(|_| DateError::Format)
        };
        let year = number(0..4)? as i32;
        Date::from_ymd(year, number(5..7)?, number(8..10)?)
    }

    /// The date `days` later (earlier if negative). Saturates at the
    /// accepted range rather than overflow.
    pub fn add_days(self, days: i32) -> Date {
        Date {
            days: self.days.saturating_add(days),
        }
    }

    /// Days from `self` to `other` (negative if `other` is earlier).
    pub fn days_until(self, other: Date) -> i32 {
        other.days - self.days
    }

    /// Day of the week, Monday 0 to Sunday 6 (ISO 8601 weeks start on
    /// Monday, as calendars do in all four languages).
    pub fn weekday_from_monday(self) -> u32 {
        // 2024-01-01 was a Monday.
        let monday = Date::from_ymd(2024, 1, 1).map(|m| m.days).unwrap_or(0);
        (self.days - monday).rem_euclid(7) as u32
    }
}

impl fmt::Display for Date {
    /// ISO 8601, `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// A time of day, to the minute (for reminders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeOfDay {
    minutes: u16,
}

/// Why a time was refused: not `HH:MM` on a 24-hour clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError;

impl TimeOfDay {
    /// `21:00`, `9:05` or `21.00` (the Norwegian and Danish way).
    pub fn parse(text: &str) -> Result<TimeOfDay, TimeError> {
        let (h, m) = text.trim().split_once([':', '.']).ok_or(TimeError)?;
        let digits = |s: &str, max_len: usize| {
            (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        match (digits(h, 2), digits(m, 2).filter(|_| m.len() == 2)) {
            (Some(h), Some(m)) if h < 24 && m < 60 => Ok(TimeOfDay {
                minutes: h * 60 + m,
            }),
            _ => Err(TimeError),
        }
    }

    /// A time from its hour (0 to 23) and minute (0 to 59).
    pub fn from_hm(hour: u32, minute: u32) -> Option<TimeOfDay> {
        (hour < 24 && minute < 60).then(|| TimeOfDay {
            // At most 23 * 60 + 59: fits a u16.
            minutes: (hour * 60 + minute) as u16,
        })
    }

    pub fn hour(self) -> u16 {
        self.minutes / 60
    }

    pub fn minute(self) -> u16 {
        self.minutes % 60
    }
}

impl fmt::Display for TimeOfDay {
    /// `HH:MM`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::date;

    #[test]
    fn times_of_day() {
        for (text, shown) in [
            ("21:00", "21:00"),
            ("9:05", "09:05"),
            (" 21.30 ", "21:30"),
            ("0:00", "00:00"),
            ("23:59", "23:59"),
        ] {
            assert_eq!(
                TimeOfDay::parse(text).map(|t| t.to_string()),
                Ok(shown.to_string()),
                "{text}"
            );
        }
        for bad in [
            "", "21", "24:00", "12:60", "12:5", "123:00", "-1:00", "12:00:00", "ab:cd", "12 :00",
            "+1:00",
        ] {
            assert_eq!(TimeOfDay::parse(bad), Err(TimeError), "{bad:?}");
        }
        // From the browser's clock: hours and minutes.
        assert_eq!(
            TimeOfDay::from_hm(9, 5).map(|t| t.to_string()),
            Some("09:05".into())
        );
        assert_eq!(TimeOfDay::from_hm(23, 59), TimeOfDay::parse("23:59").ok());
        assert_eq!(
            (TimeOfDay::from_hm(24, 0), TimeOfDay::from_hm(0, 60)),
            (None, None)
        );
    }

    #[test]
    fn round_trips_and_known_days() {
        assert_eq!(date("2026-03-01").to_string(), "2026-03-01");
        assert_eq!(date("2026-03-01").add_days(29), date("2026-03-30"));
        assert_eq!(date("2024-02-28").add_days(1), date("2024-02-29")); // leap year
        assert_eq!(date("2026-02-28").add_days(1), date("2026-03-01")); // common year
        assert_eq!(date("2100-02-28").add_days(1), date("2100-03-01")); // century, not leap
        assert_eq!(date("2000-02-28").add_days(1), date("2000-02-29")); // 400 years, leap
        assert_eq!(date("2026-12-31").add_days(1), date("2027-01-01"));
        assert_eq!(date("2026-01-01").days_until(date("2027-01-01")), 365);
    }

    #[test]
    fn earliest_is_the_first_day_of_2000() {
        assert_eq!(Date::EARLIEST.to_string(), "2000-01-01");
    }

    #[test]
    fn refuses_bad_dates() {
        assert_eq!(Date::parse_iso("2026-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse_iso("2026-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse_iso("2026-1-01"), Err(DateError::Format));
        assert_eq!(Date::parse_iso("26-01-01"), Err(DateError::Format));
        assert_eq!(Date::parse_iso("2026/01/01"), Err(DateError::Format));
        assert_eq!(Date::parse_iso("１２３４-01-01"), Err(DateError::Format));
        assert_eq!(Date::parse_iso("1999-12-31"), Err(DateError::OutOfRange));
        assert_eq!(Date::parse_iso("2200-01-01"), Err(DateError::OutOfRange));
        // Leap years: every 4th, not every 100th, every 400th.
        assert!(Date::parse_iso("2024-02-29").is_ok());
        assert!(Date::parse_iso("2000-02-29").is_ok());
        assert_eq!(Date::parse_iso("2100-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse_iso("2027-02-29"), Err(DateError::NoSuchDay));
        // Each check alone refuses: day 0, day 32, month 0.
        assert_eq!(Date::parse_iso("2026-01-00"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse_iso("2026-01-32"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse_iso("2026-00-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse_iso("2026-04-31"), Err(DateError::NoSuchDay));
        for one_wrong in [
            "2026-01-011",
            "2026x01-01",
            "2026-01x01",
            "2a26-01-01",
            "2026-0a-01",
            "2026-01-0a",
            // A sign is not a digit (though Rust's number parser takes it).
            "+026-01-01",
            "2026-+1-01",
            "2026-01-+1",
        ] {
            assert_eq!(
                Date::parse_iso(one_wrong),
                Err(DateError::Format),
                "{one_wrong}"
            );
        }
    }

    #[test]
    fn every_day_of_two_centuries_round_trips() {
        let mut d = date("2000-01-01");
        let end = date("2199-12-31");
        let mut count = 0;
        while d <= end {
            let (y, m, day) = d.ymd();
            assert_eq!(Date::from_ymd(y, m, day), Ok(d));
            d = d.add_days(1);
            count += 1;
        }
        assert_eq!(count, 200 * 365 + 49); // 2000 leap, 2100 not
    }

    #[test]
    fn weekdays_start_on_monday() {
        let wd = |s: &str| Date::parse_iso(s).unwrap().weekday_from_monday();
        assert_eq!(wd("2024-01-01"), 0); // Monday
        assert_eq!(wd("2026-03-01"), 6); // Sunday
        assert_eq!(wd("2026-11-23"), 0); // Monday
        assert_eq!(wd("2000-01-01"), 5); // Saturday
        assert_eq!(wd("2199-12-31"), 1); // Tuesday
    }
}
