//! Helpers shared by the engine's unit tests.

use super::date::Date;
use rust_decimal::Decimal;

/// A decimal from a literal string; panics on a typo in a test.
pub fn dec(s: &str) -> Decimal {
    s.parse().expect("test literal is a decimal")
}

/// A date from `YYYY-MM-DD`; panics on a typo in a test.
pub fn date(s: &str) -> Date {
    Date::parse_iso(s).expect("test literal is a date")
}
