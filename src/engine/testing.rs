//! Helpers shared by the engine's unit tests.

use rust_decimal::Decimal;

/// A decimal from a literal string; panics on a typo in a test.
pub fn dec(s: &str) -> Decimal {
    s.parse().expect("test literal is a decimal")
}
