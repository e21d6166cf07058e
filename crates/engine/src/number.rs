//! Reading numbers that people type: `4.5`, `4,5`, ` 4.5 `, `.5`, `5.`.
//!
//! Everything that is not a plain non-negative decimal is refused with a
//! reason of its own, so the screen can say exactly what is wrong. Nothing
//! here panics, whatever the input.

use rust_decimal::Decimal;
use std::str::FromStr;

/// Longest input we try to read; longer text is refused, not truncated.
const MAX_LEN: usize = 24;

/// Why a typed number was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing but white space was typed.
    Empty,
    /// A character that has no place in a number (a letter, a unit, a symbol).
    InvalidCharacter(char),
    /// Scientific notation such as `1e3`: never used for doses.
    Exponent,
    /// A `+` or `-` sign: amounts here are never negative.
    Sign,
    /// The same decimal separator twice, as in `1.2.3`.
    MultipleSeparators,
    /// A thousands separator (`1,000.5`, `1 000`, `1'000`): ambiguous between
    /// locales, so we refuse it rather than guess.
    ThousandsSeparator,
    /// A separator with no digit on either side, as in `.`.
    NoDigits,
    /// More digits than a dose field can need.
    TooLong,
    /// Below the field's smallest allowed value.
    BelowMinimum { min: Decimal },
    /// Above the field's largest allowed value.
    AboveMaximum { max: Decimal },
    /// A whole number was required (a tablet count).
    NotWhole,
    /// The other separator than the language's decimal one, before exactly
    /// three digits after a non-zero whole part (`1.000` typed in Danish):
    /// it may be a thousands separator, so it is not guessed at.
    AmbiguousGrouping,
}

/// Reads a non-negative decimal typed by a person. Point and comma are both
/// decimal separators; surrounding white space is ignored.
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    let mut digits = 0usize;
    let mut points = 0usize;
    let mut commas = 0usize;
    for c in text.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' => points += 1,
            ',' => commas += 1,
            'e' | 'E' => return Err(NumberError::Exponent),
            '+' | '-' | '\u{2212}' => return Err(NumberError::Sign),
            ' ' | '\u{a0}' | '\u{202f}' | '\'' | '_' | '\u{2019}' => {
                return Err(NumberError::ThousandsSeparator)
            }
            other => return Err(NumberError::InvalidCharacter(other)),
        }
    }
    if points > 0 && commas > 0 {
        return Err(NumberError::ThousandsSeparator);
    }
    if points + commas > 1 {
        return Err(NumberError::MultipleSeparators);
    }
    if digits == 0 {
        return Err(NumberError::NoDigits);
    }
    if text.len() > MAX_LEN {
        return Err(NumberError::TooLong);
    }
    let mut normal = String::with_capacity(text.len() + 2);
    if text.starts_with(['.', ',']) {
        normal.push('0');
    }
    normal.extend(text.chars().map(|c| if c == ',' { '.' } else { c }));
    if normal.ends_with('.') {
        normal.pop();
    }
    Decimal::from_str(&normal)
        .map(|d| d.normalize())
        .map_err(|_| NumberError::TooLong)
}

/// Whether `text`, typed by a person who writes decimals with `decimal`,
/// may mean thousands: the other separator before exactly three digits,
/// after a whole part that is not zero (`1.500` in Danish, `1,500` in
/// English; never `0.125`, nor `1.5`).
pub fn ambiguous_grouping(text: &str, decimal: crate::format::DecimalSeparator) -> bool {
    let other = match decimal {
        crate::format::DecimalSeparator::Point => ',',
        crate::format::DecimalSeparator::Comma => '.',
    };
    let text = text.trim();
    let Some((whole, fraction)) = text.split_once(other) else {
        return false;
    };
    // An empty whole part has no non-zero digit; a fraction has three.
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    digits(whole) && whole.chars().any(|c| c != '0') && fraction.len() == 3 && digits(fraction)
}

/// As [`parse_in_range`] for text a person typed in a language that writes
/// decimals with `decimal`: an ambiguous grouping is refused.
pub fn parse_typed(
    text: &str,
    min: Decimal,
    max: Decimal,
    decimal: crate::format::DecimalSeparator,
) -> Result<Decimal, NumberError> {
    if ambiguous_grouping(text, decimal) {
        return Err(NumberError::AmbiguousGrouping);
    }
    parse_in_range(text, min, max)
}

/// Reads a decimal and checks it lies in `min..=max`.
pub fn parse_in_range(text: &str, min: Decimal, max: Decimal) -> Result<Decimal, NumberError> {
    let value = parse_decimal(text)?;
    check_range(value, min, max)
}

/// Checks an already-read value against `min..=max`.
pub fn check_range(value: Decimal, min: Decimal, max: Decimal) -> Result<Decimal, NumberError> {
    if value < min {
        Err(NumberError::BelowMinimum { min })
    } else if value > max {
        Err(NumberError::AboveMaximum { max })
    } else {
        Ok(value)
    }
}

/// Reads a whole number in `min..=max` (tablet counts, days).
pub fn parse_whole(text: &str, min: u32, max: u32) -> Result<u32, NumberError> {
    let value = parse_in_range(text, Decimal::from(min), Decimal::from(max))?;
    if !value.fract().is_zero() {
        return Err(NumberError::NotWhole);
    }
    // In range min..=max, so it fits a u32.
    u32::try_from(value.trunc().mantissa()).map_err(|_| NumberError::AboveMaximum {
        max: Decimal::from(max),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::dec;

    fn check(input: &str, expected: Result<&str, NumberError>) {
        assert_eq!(parse_decimal(input), expected.map(dec), "input {input:?}");
    }

    #[test]
    fn accepts_what_people_type() {
        check("4.5", Ok("4.5"));
        check("4,5", Ok("4.5"));
        check(" 4.5 ", Ok("4.5"));
        check(".5", Ok("0.5"));
        check(",5", Ok("0.5"));
        check("5.", Ok("5"));
        check("50", Ok("50"));
        check("0.50", Ok("0.5"));
        check("007", Ok("7"));
        check("0", Ok("0"));
    }

    #[test]
    fn refuses_with_a_reason_each() {
        check("", Err(NumberError::Empty));
        check("   ", Err(NumberError::Empty));
        check("4.5mg", Err(NumberError::InvalidCharacter('m')));
        check("abc", Err(NumberError::InvalidCharacter('a')));
        check("1e3", Err(NumberError::Exponent));
        check("-1", Err(NumberError::Sign));
        check("+1", Err(NumberError::Sign));
        check("1.2.3", Err(NumberError::MultipleSeparators));
        check("1,,2", Err(NumberError::MultipleSeparators));
        check("1,000.5", Err(NumberError::ThousandsSeparator));
        check("1.000,5", Err(NumberError::ThousandsSeparator));
        check("1 000", Err(NumberError::ThousandsSeparator));
        check("1'000", Err(NumberError::ThousandsSeparator));
        check(".", Err(NumberError::NoDigits));
        check("1234567890123456789012345", Err(NumberError::TooLong));
        // 24 characters is the longest read.
        check("0.0000000000000000000005", Ok("0.0000000000000000000005"));
        check("0.00000000000000000000050", Err(NumberError::TooLong));
    }

    #[test]
    fn range_and_whole_numbers() {
        assert_eq!(parse_in_range("4,5", dec("0"), dec("10")), Ok(dec("4.5")));
        assert_eq!(
            parse_in_range("0", dec("0.001"), dec("10")),
            Err(NumberError::BelowMinimum { min: dec("0.001") })
        );
        assert_eq!(
            parse_in_range("101", dec("0"), dec("100")),
            Err(NumberError::AboveMaximum { max: dec("100") })
        );
        assert_eq!(parse_whole("3", 1, 100), Ok(3));
        assert_eq!(parse_whole("3.", 1, 100), Ok(3));
        assert_eq!(parse_whole("3.0", 1, 100), Ok(3));
        assert_eq!(parse_whole("2.5", 1, 100), Err(NumberError::NotWhole));
        assert_eq!(
            parse_whole("0", 1, 100),
            Err(NumberError::BelowMinimum { min: dec("1") })
        );
    }

    /// The review's slip: "1.000" typed in Danish (one litre) was read as 1.
    /// A separator that is not the language's decimal one, before three
    /// digits, is refused; the decimal one, a zero whole part or other
    /// lengths are read as ever.
    #[test]
    fn a_separator_that_may_group_thousands_is_refused() {
        use crate::format::DecimalSeparator::{Comma, Point};
        for (text, decimal) in [
            ("1.000", Comma),
            ("1.500", Comma),
            (" 12.500 ", Comma),
            ("1,500", Point),
            ("250,000", Point),
        ] {
            assert_eq!(
                parse_typed(text, dec("0"), dec("1000000"), decimal),
                Err(NumberError::AmbiguousGrouping),
                "{text}"
            );
        }
        for (text, decimal, value) in [
            ("1,500", Comma, "1.5"),
            ("1.500", Point, "1.5"),
            ("0.125", Comma, "0.125"),
            ("0,125", Point, "0.125"),
            ("1.5", Comma, "1.5"),
            ("1.25", Comma, "1.25"),
            ("1000", Comma, "1000"),
            (".500", Comma, "0.5"),
        ] {
            assert_eq!(
                parse_typed(text, dec("0"), dec("1000000"), decimal),
                Ok(dec(value)),
                "{text}"
            );
        }
    }
}
