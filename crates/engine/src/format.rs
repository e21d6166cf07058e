//! Writing doses and volumes the way ISMP and the NHS ask: `0.5 mL` (leading
//! zero), `5 mL` (no trailing zero), a space before the unit, units mg, mcg,
//! mL and mg/mL. Display rounds to at most three decimals; the computation
//! behind it stays exact. A nonzero value is never shown as zero.

use rust_decimal::{Decimal, RoundingStrategy};

/// Most decimals shown on screen or on a label.
pub const DISPLAY_DECIMALS: u32 = 3;

/// The character written between whole and fractional part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalSeparator {
    Point,
    Comma,
}

/// Units the app writes. There is deliberately no `cc` and no `µg`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Mg,
    Mcg,
    Ml,
    MgPerMl,
    Percent,
}

impl Unit {
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Mg => "mg",
            Unit::Mcg => "mcg",
            Unit::Ml => "mL",
            Unit::MgPerMl => "mg/mL",
            Unit::Percent => "%",
        }
    }
}

/// A number for display: at most `DISPLAY_DECIMALS` decimals, no trailing
/// zeros, a leading zero, the given separator. A nonzero value too small to
/// show reads `< 0.001` rather than `0`.
pub fn number(value: Decimal, sep: DecimalSeparator) -> String {
    number_with(value, DISPLAY_DECIMALS, sep)
}

/// As [`number`], with a chosen number of decimals at most.
pub fn number_with(value: Decimal, decimals: u32, sep: DecimalSeparator) -> String {
    let rounded = value
        .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    let text = if rounded.is_zero() && !value.is_zero() {
        let smallest = Decimal::new(1, decimals);
        if value.is_sign_negative() {
            format!("> -{smallest}")
        } else {
            format!("< {smallest}")
        }
    } else {
        // `normalize` can leave "-0"; a zero is a zero.
        if rounded.is_zero() {
            "0".to_string()
        } else {
            rounded.to_string()
        }
    };
    match sep {
        DecimalSeparator::Point => text,
        DecimalSeparator::Comma => text.replace('.', ","),
    }
}

/// A number and its unit symbol (the language's own, see `Lang::unit`),
/// separated by a space (a no-break space keeps them on one line).
pub fn quantity(value: Decimal, symbol: &str, sep: DecimalSeparator) -> String {
    format!("{}\u{a0}{symbol}", number(value, sep))
}

/// A signed percentage such as `+7.1 %` or `-3.3 %`, one decimal.
pub fn signed_percent(value: Decimal, sep: DecimalSeparator) -> String {
    let body = number_with(value.abs(), 1, sep);
    let sign = if value.is_zero() || body.starts_with('<') {
        ""
    } else if value.is_sign_negative() {
        "\u{2212}"
    } else {
        "+"
    };
    format!("{sign}{body}\u{a0}%")
}

/// A number for a URL or a file: always a point, full precision, no
/// trailing zeros.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::dec;
    use DecimalSeparator::{Comma, Point};

    #[test]
    fn plain_numbers_for_links_and_files() {
        assert_eq!(plain(dec("1.50")), "1.5");
        assert_eq!(plain(dec("50.000")), "50");
        assert_eq!(plain(dec("0.125")), "0.125");
        assert_eq!(plain(dec("1234.5")), "1234.5");
    }

    fn check(value: &str, unit: Unit, sep: DecimalSeparator, expected: &str) {
        assert_eq!(
            quantity(dec(value), unit.symbol(), sep).replace('\u{a0}', " "),
            expected,
            "{value}"
        );
    }

    #[test]
    fn ismp_rules() {
        check("0.5", Unit::Ml, Point, "0.5 mL"); // leading zero
        check("5.0", Unit::Ml, Point, "5 mL"); // no trailing zero
        check("0.50", Unit::Ml, Point, "0.5 mL");
        check("4.5", Unit::Mg, Comma, "4,5 mg"); // locale comma
        check("1.0714285714", Unit::MgPerMl, Point, "1.071 mg/mL"); // 3 decimals
        check("0.0004", Unit::Mg, Point, "< 0.001 mg"); // never 0 for nonzero
        check("0", Unit::Mg, Point, "0 mg");
        check("0.0005", Unit::Ml, Point, "0.001 mL"); // half rounds away
        check("250", Unit::Mcg, Point, "250 mcg");
        check("100", Unit::Ml, Point, "100 mL");
    }

    #[test]
    fn percent_has_a_sign() {
        assert_eq!(signed_percent(dec("7.14"), Point), "+7.1\u{a0}%");
        assert_eq!(signed_percent(dec("-3.33"), Comma), "\u{2212}3,3\u{a0}%");
        assert_eq!(signed_percent(dec("0"), Point), "0\u{a0}%");
    }

    #[test]
    fn never_a_bare_leading_point_or_trailing_zero() {
        for s in ["0.1", "0.25", "1.5", "10", "0.999", "12.3456", "0.0005"] {
            let out = number(dec(s), Point);
            assert!(!out.starts_with('.'), "{out}");
            if out.contains('.') {
                assert!(!out.ends_with('0'), "{out}");
            }
        }
    }
}
