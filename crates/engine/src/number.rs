//! Reading numbers that people type: `4.5`, `4,5`, ` 4.5 `, `.5`, `5.`.
//!
//! Everything that is not a plain non-negative decimal is refused with a
//! reason of its own, so the screen can say exactly what is wrong. Nothing
//! here panics, whatever the input.

use rust_decimal::Decimal;
use std::fmt;
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
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Empty => write!(f, "enter a number"),
            NumberError::InvalidCharacter(c) => write!(f, "'{c}' is not part of a number"),
            NumberError::Exponent => write!(f, "write the number out in full, without 'e'"),
            NumberError::Sign => write!(f, "no sign: amounts are never negative"),
            NumberError::MultipleSeparators => write!(f, "only one decimal separator"),
            NumberError::ThousandsSeparator => write!(f, "no thousands separators"),
            NumberError::NoDigits => write!(f, "enter at least one digit"),
            NumberError::TooLong => write!(f, "too many digits"),
            NumberError::BelowMinimum { min } => write!(f, "must be at least {min}"),
            NumberError::AboveMaximum { max } => write!(f, "must be at most {max}"),
            NumberError::NotWhole => write!(f, "must be a whole number"),
        }
    }
}

impl std::error::Error for NumberError {}

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
}
