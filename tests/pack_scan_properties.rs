//! The pack reader (native property test): any EU pack code, in either of
//! the usual element orders, with the separator as ASCII 29, as another
//! character or lost, reads back as the pack it was made from, or (only
//! when the separator was lost) as "ambiguous"; never as another pack.
#![cfg(not(target_arch = "wasm32"))]

use ldn_calc::engine::date::Date;
use ldn_calc::model::gs1::{read_pack_code, PackCode, ScanProblem};
use proptest::prelude::*;

/// A GTIN-14 with its check digit (GS1 7.9), written out here on purpose:
/// the reader's own is what is tested.
fn with_check_digit(body: &str) -> String {
    let sum: u32 = body
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap_or(0) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// A lot or serial: 1 to 20 characters of GS1's set 82 (without the text
/// "<GS>", which the reader takes for a separator a scanner wrote out).
fn set_82() -> impl Strategy<Value = String> {
    "[A-Za-z0-9!\"%&'()*+,./:;<=>?_-]{1,20}".prop_filter("no <GS>", |s| !s.contains("<GS>"))
}

proptest! {
    #[test]
    fn a_pack_code_reads_back(
        body in "[0-9]{13}",
        year in 27i32..=60,
        month in 1u32..=12,
        day in 0u32..=28,
        lot in set_82(),
        serial in set_82(),
        serial_first in any::<bool>(),
        separator in prop::sample::select(vec!["\u{1d}", "|", "~", "#", "", "<GS>"]),
        prefix in prop::sample::select(vec!["", "]d2"]),
    ) {
        let today = Date::parse_iso("2026-12-07").unwrap();
        let gtin = with_check_digit(&body);
        let yymmdd = format!("{year:02}{month:02}{day:02}");
        let expiry = if day == 0 {
            let (y, m) = if month == 12 { (2001 + year, 1) } else { (2000 + year, month + 1) };
            Date::from_ymd(y, m, 1).unwrap().add_days(-1)
        } else {
            Date::from_ymd(2000 + year, month, day).unwrap()
        };
        let typed = if serial_first {
            format!("{prefix}01{gtin}21{serial}{separator}17{yymmdd}10{lot}")
        } else {
            format!("{prefix}01{gtin}17{yymmdd}10{lot}{separator}21{serial}")
        };
        let expected = PackCode {
            gtin,
            expiry: Some(expiry),
            lot: Some(lot),
            serial: Some(serial),
            national: None,
            rebuilt: separator.is_empty(),
        };
        match read_pack_code(&typed, today) {
            Ok(code) => prop_assert_eq!(code, expected, "{:?}", typed),
            Err(ScanProblem::Ambiguous) => prop_assert!(separator.is_empty(), "{:?}", typed),
            Err(other) => prop_assert!(false, "{:?}: {:?}", typed, other),
        }
    }

    /// Whatever is typed, the reader answers (no panic), and a pack it
    /// reads has a GTIN whose check digit holds.
    #[test]
    fn anything_typed_gets_an_answer(typed in "\\PC{0,160}") {
        let today = Date::parse_iso("2026-12-07").unwrap();
        if let Ok(code) = read_pack_code(&typed, today) {
            prop_assert_eq!(with_check_digit(&code.gtin[..13]), code.gtin);
        }
    }
}
