//! A medicine pack's 2D code, as a pharmacy's scanner types it.
//!
//! EU packs carry a GS1 DataMatrix (Falsified Medicines Directive,
//! Delegated Regulation (EU) 2016/161, article 4: product code, serial
//! number, batch, expiry, and a national number where a country asks for
//! one). Its text is a GS1 element string (GS1 General Specifications,
//! section 3: application identifiers; 7.8: element strings; 7.9: the check
//! digit; 7.12: the century of a YYMMDD date): `01` + 14 digits, `17` +
//! YYMMDD, `10` + a lot, `21` + a serial, each lot or serial ended by a
//! separator (FNC1, typed as ASCII 29) unless it is the last element.
//!
//! A keyboard-wedge scanner types that text into a field. It may put the
//! symbology identifier `]d2` first, send the separator as ASCII 29, as a
//! character it is set to send instead, or not at all (an Alt+0029 that the
//! browser drops). Every character outside GS1's character set 82 is read
//! as the separator (it cannot be part of a value), so a scanner set to send
//! `|`, `~`, `#`, `@` or a space needs no setting here. Where the separator
//! was lost, the elements are rebuilt from what must follow a lot or
//! serial: the one reading that gives all four of an EU pack's elements
//! (GTIN with its check digit, a real expiry date, lot, serial), or none,
//! and then the pharmacist is asked to check the two against the pack.

use ldn_engine::date::Date;

/// Longer than any pack's code (an EU pack's four elements and a national
/// number are under 100 characters): more is not a scan.
pub const MAX_SCAN_LEN: usize = 150;

/// The longest lot, serial or national number (GS1: X..20).
const MAX_VARIABLE: usize = 20;

/// ASCII 29, the group separator that stands for FNC1.
const GS: char = '\u{1d}';

/// What was read from a pack's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackCode {
    /// The product's GTIN (AI 01), 14 digits, check digit verified.
    pub gtin: String,
    /// The pack's expiry (AI 17); a day of 00 is the month's last day.
    pub expiry: Option<Date>,
    /// The batch or lot (AI 10).
    pub lot: Option<String>,
    /// The pack's serial number (AI 21).
    pub serial: Option<String>,
    /// A national healthcare reimbursement number (AI 710 to 715), with
    /// its AI.
    pub national: Option<(String, String)>,
    /// The separator was missing and the lot and serial were told apart by
    /// what follows them: the pharmacist checks them against the pack.
    pub rebuilt: bool,
}

impl PackCode {
    /// A Norwegian NTIN (GTIN 0704626 + the 6-digit product number, Vnr,
    /// + check digit): the product number.
    pub fn norwegian_product_number(&self) -> Option<&str> {
        self.gtin.strip_prefix("0704626").map(|rest| &rest[..6])
    }
}

/// Why a scan could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanProblem {
    /// Nothing but separators or spaces.
    Empty,
    /// Longer than [`MAX_SCAN_LEN`]: not one pack's code.
    TooLong,
    /// An application identifier this reader does not know (a pack's code
    /// has 01, 17, 10, 21 and perhaps 11 or 710 to 715).
    UnknownAi(String),
    /// The code ends inside an element.
    Truncated(&'static str),
    /// A character that the element cannot hold (digits only in 01, 17 and
    /// 11; GS1's character set 82 in the others).
    BadCharacter(&'static str),
    /// A lot, serial or national number over 20 characters.
    ValueTooLong(&'static str),
    /// The GTIN's last digit is not its check digit.
    CheckDigit { gtin: String, expected: u32 },
    /// A date element (17 or 11) that is not a date.
    BadDate(&'static str),
    /// The same AI twice.
    Repeated(&'static str),
    /// No GTIN (AI 01): not a medicine pack's code.
    NoGtin,
    /// The separator was lost and more than one reading gives a whole pack
    /// code: rescan, or type the lot and expiry.
    Ambiguous,
}

/// The elements a pack's code is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A fixed number of digits.
    Digits(usize),
    /// YYMMDD.
    Date,
    /// Up to 20 characters of set 82, ended by a separator unless last.
    Text,
}

/// The application identifiers read here, and their kind.
const AIS: [(&str, Kind); 10] = [
    ("01", Kind::Digits(14)),
    ("10", Kind::Text),
    ("11", Kind::Date),
    ("17", Kind::Date),
    ("21", Kind::Text),
    ("710", Kind::Text),
    ("711", Kind::Text),
    ("712", Kind::Text),
    ("713", Kind::Text),
    ("714", Kind::Text),
];

/// Reads what the scanner typed (or a person typed from the pack) as of
/// `today` (for the century of a two-digit year).
pub fn read_pack_code(typed: &str, today: Date) -> Result<PackCode, ScanProblem> {
    if typed.chars().count() > MAX_SCAN_LEN {
        return Err(ScanProblem::TooLong);
    }
    let text = typed.trim();
    let text = ["]d2", "]Q3", "]C1"]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .unwrap_or(text);
    let elements = if text.starts_with('(') {
        bracketed(text)?
    } else {
        let text = text.replace("<GS>", "\u{1d}");
        // Each run between separators; a run's last element may be text.
        let runs: Vec<&str> = text
            .split(|c: char| c == GS || !in_set_82(c))
            .filter(|run| !run.is_empty())
            .collect();
        if runs.is_empty() {
            return Err(ScanProblem::Empty);
        }
        let strict = strict(&runs);
        if runs.len() > 1 {
            // The scanner sends separators: its reading stands.
            strict?
        } else {
            // One run: a text element runs to its end, so the lot and the
            // serial (both text) cannot both be read; where one reading
            // of a lost separator gives all four elements, it is that.
            let complete = |elements: &[Element]| {
                ["01", "17", "10", "21"]
                    .iter()
                    .all(|ai| elements.iter().any(|e| e.ai == *ai))
            };
            let mut whole = Vec::new();
            rebuilt(&runs, Vec::new(), &mut whole);
            whole.retain(|elements| complete(elements));
            match whole.len() {
                0 => strict?,
                1 => return pack(whole.remove(0), today, true),
                _ => return Err(ScanProblem::Ambiguous),
            }
        }
    };
    pack(elements, today, false)
}

/// One element: its AI and its value, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Element {
    ai: &'static str,
    value: String,
}

/// GS1's character set 82 (General Specifications, figure 7.11-1): what a
/// lot or serial may hold.
fn in_set_82(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(c)
}

/// The known AI that `text` starts with.
fn ai_at(text: &str) -> Result<(&'static str, Kind), ScanProblem> {
    AIS.iter()
        .find(|(ai, _)| text.starts_with(ai))
        .copied()
        .ok_or_else(|| ScanProblem::UnknownAi(text.chars().take(4).collect()))
}

/// Checks one element's value (not a date's meaning: see `pack`).
fn checked(ai: &'static str, kind: Kind, value: &str) -> Result<Element, ScanProblem> {
    let ok = match kind {
        Kind::Digits(_) | Kind::Date => value.chars().all(|c| c.is_ascii_digit()),
        Kind::Text => value.chars().all(in_set_82),
    };
    if !ok {
        return Err(ScanProblem::BadCharacter(ai));
    }
    if kind == Kind::Text && value.len() > MAX_VARIABLE {
        return Err(ScanProblem::ValueTooLong(ai));
    }
    if kind == Kind::Text && value.is_empty() {
        return Err(ScanProblem::Truncated(ai));
    }
    Ok(Element {
        ai,
        value: value.to_string(),
    })
}

/// The length of a fixed element's value.
fn fixed_len(kind: Kind) -> Option<usize> {
    match kind {
        Kind::Digits(n) => Some(n),
        Kind::Date => Some(6),
        Kind::Text => None,
    }
}

/// Read as the specification writes it: a text element runs to the end of
/// its run.
fn strict(runs: &[&str]) -> Result<Vec<Element>, ScanProblem> {
    let mut elements = Vec::new();
    for run in runs {
        let mut rest = *run;
        while !rest.is_empty() {
            let (ai, kind) = ai_at(rest)?;
            rest = &rest[ai.len()..];
            let len = match fixed_len(kind) {
                Some(n) if rest.len() < n => return Err(ScanProblem::Truncated(ai)),
                Some(n) => n,
                None => rest.len(),
            };
            // Set 82 is ASCII, so `len` is a character boundary.
            let (value, after) = rest.split_at(len);
            elements.push(checked(ai, kind, value)?);
            rest = after;
        }
    }
    Ok(elements)
}

/// Every reading of `runs` in which a text element may also end where
/// another element starts (a lost separator), and every value is valid
/// (the GTIN's check digit, a real date). Pushes each whole reading.
fn rebuilt(runs: &[&str], done: Vec<Element>, out: &mut Vec<Vec<Element>>) {
    // Enough to tell one reading from several.
    if out.len() > 1 {
        return;
    }
    let Some((run, later)) = runs.split_first() else {
        out.push(done);
        return;
    };
    if run.is_empty() {
        return rebuilt(later, done, out);
    }
    let Ok((ai, kind)) = ai_at(run) else {
        return;
    };
    let rest = &run[ai.len()..];
    let lens: Vec<usize> = match fixed_len(kind) {
        Some(n) => vec![n],
        None => (1..=rest.len().min(MAX_VARIABLE)).collect(),
    };
    for len in lens {
        let Some((value, after)) = rest.split_at_checked(len) else {
            continue;
        };
        let Ok(element) = checked(ai, kind, value) else {
            continue;
        };
        if done.iter().any(|e| e.ai == ai) || !valid(&element) {
            continue;
        }
        let mut next = done.clone();
        next.push(element);
        let mut runs_after = vec![after];
        runs_after.extend_from_slice(later);
        rebuilt(&runs_after, next, out);
    }
}

/// A value that means something: a GTIN with its check digit, a date that
/// exists (the century does not matter here).
fn valid(element: &Element) -> bool {
    match element.ai {
        "01" => check_digit(&element.value).is_ok(),
        "17" | "11" => yymmdd(&element.value, 2000).is_some(),
        _ => true,
    }
}

/// The human-readable form printed beside the code: `(01)0950…(17)261231…`.
fn bracketed(text: &str) -> Result<Vec<Element>, ScanProblem> {
    let mut elements = Vec::new();
    let mut rest = text;
    while let Some(after) = rest.strip_prefix('(') {
        let close = after
            .find(')')
            .ok_or_else(|| ScanProblem::UnknownAi(after.chars().take(4).collect()))?;
        let (ai, kind) = ai_at(&after[..close])?;
        if close != ai.len() {
            return Err(ScanProblem::UnknownAi(
                after[..close].chars().take(4).collect(),
            ));
        }
        let after = &after[close + 1..];
        // The value runs to the next "(" that opens a known AI.
        let end = after
            .match_indices('(')
            .map(|(i, _)| i)
            .find(|&i| {
                let next = &after[i + 1..];
                next.find(')')
                    .is_some_and(|c| ai_at(&next[..c]).is_ok_and(|(ai, _)| ai.len() == c))
            })
            .unwrap_or(after.len());
        let value = after[..end].trim();
        let element = checked(ai, kind, value)?;
        if fixed_len(kind).is_some_and(|n| value.len() != n) {
            return Err(ScanProblem::Truncated(ai));
        }
        elements.push(element);
        rest = &after[end..];
    }
    if !rest.trim().is_empty() {
        return Err(ScanProblem::UnknownAi(
            rest.trim().chars().take(4).collect(),
        ));
    }
    if elements.is_empty() {
        return Err(ScanProblem::Empty);
    }
    Ok(elements)
}

/// Whether `text` is a 14-digit GTIN with a right check digit (as a pack
/// code's element (01) is read): what saved data may keep as a product
/// code.
pub fn is_gtin(text: &str) -> bool {
    text.len() == 14 && text.bytes().all(|b| b.is_ascii_digit()) && check_digit(text).is_ok()
}

/// The GTIN's check digit (GS1 7.9: weights 3 and 1 from the right).
fn check_digit(gtin: &str) -> Result<(), u32> {
    let digits: Vec<u32> = gtin.chars().filter_map(|c| c.to_digit(10)).collect();
    let Some((last, body)) = digits.split_last() else {
        return Err(0);
    };
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    let expected = (10 - sum % 10) % 10;
    if *last == expected {
        Ok(())
    } else {
        Err(expected)
    }
}

/// YYMMDD in `century` (2000 for 20YY); day 00 is the month's last day.
fn yymmdd(text: &str, century: i32) -> Option<Date> {
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let (yy, month, day) = (number(0..2)?, number(2..4)?, number(4..6)?);
    let year = century + yy as i32;
    if day == 0 {
        let (next_year, next_month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        if !(1..=12).contains(&month) {
            return None;
        }
        return Some(Date::from_ymd(next_year, next_month, 1).ok()?.add_days(-1));
    }
    Date::from_ymd(year, month, day).ok()
}

/// The century of a two-digit year (GS1 7.12): the one that puts it
/// within 49 years before and 50 years after this year.
fn century_of(yy: i32, today: Date) -> i32 {
    let (year, _, _) = today.ymd();
    let this = year.div_euclid(100) * 100;
    match yy - year.rem_euclid(100) {
        d if d >= 51 => this - 100,
        d if d <= -50 => this + 100,
        _ => this,
    }
}

/// The elements, checked and named.
fn pack(elements: Vec<Element>, today: Date, rebuilt: bool) -> Result<PackCode, ScanProblem> {
    let mut code = PackCode {
        gtin: String::new(),
        expiry: None,
        lot: None,
        serial: None,
        national: None,
        rebuilt,
    };
    let mut seen: Vec<&str> = Vec::new();
    for Element { ai, value } in elements {
        if seen.contains(&ai) || (ai.len() == 3 && code.national.is_some()) {
            return Err(ScanProblem::Repeated(ai));
        }
        seen.push(ai);
        match ai {
            "01" => {
                check_digit(&value).map_err(|expected| ScanProblem::CheckDigit {
                    gtin: value.clone(),
                    expected,
                })?;
                code.gtin = value;
            }
            "17" | "11" => {
                let yy = value[..2]
                    .parse::<i32>()
                    .map_err(|_| ScanProblem::BadDate(ai))?;
                let date = yymmdd(&value, century_of(yy, today)).ok_or(ScanProblem::BadDate(ai))?;
                if ai == "17" {
                    code.expiry = Some(date);
                }
            }
            "10" => code.lot = Some(value),
            "21" => code.serial = Some(value),
            _ => code.national = Some((ai.to_string(), value)),
        }
    }
    if code.gtin.is_empty() {
        return Err(ScanProblem::NoGtin);
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::testing::date;

    /// GS1's own example GTIN (General Specifications), check digit 2.
    const GTIN: &str = "09506000134352";
    /// A Norwegian NTIN: 0704626, product number 123456, check digit 6.
    const NTIN: &str = "07046261234566";

    fn read(typed: &str) -> Result<PackCode, ScanProblem> {
        read_pack_code(typed, date("2026-12-07"))
    }

    fn pack(gtin: &str, expiry: &str, lot: &str, serial: &str) -> PackCode {
        PackCode {
            gtin: gtin.into(),
            expiry: Some(date(expiry)),
            lot: Some(lot.into()),
            serial: Some(serial.into()),
            national: None,
            rebuilt: false,
        }
    }

    #[test]
    fn what_scanners_type() {
        let expected = pack(GTIN, "2027-11-30", "AB-12/3", "X9Y8Z7");
        for typed in [
            // 01, 21, separator, 17, 10: the usual order on EU packs.
            "010950600013435221X9Y8Z7\u{1d}1727113010AB-12/3",
            // With the DataMatrix symbology identifier first, and Enter last.
            "]d2010950600013435221X9Y8Z7\u{1d}1727113010AB-12/3\n",
            // 01, 17, 10, separator, 21.
            "01095060001343521727113010AB-12/3\u{1d}21X9Y8Z7",
            // A separator the scanner is set to send instead of ASCII 29.
            "010950600013435221X9Y8Z7|1727113010AB-12/3",
            "010950600013435221X9Y8Z7~1727113010AB-12/3",
            "010950600013435221X9Y8Z7<GS>1727113010AB-12/3",
            // A separator before the first element (FNC1 typed as GS).
            "\u{1d}010950600013435221X9Y8Z7\u{1d}1727113010AB-12/3",
            // The human-readable line printed beside the code, typed.
            "(01) 09506000134352 (21) X9Y8Z7 (17) 271130 (10) AB-12/3",
        ] {
            assert_eq!(read(typed), Ok(expected.clone()), "{typed:?}");
        }
    }

    #[test]
    fn a_lost_separator_is_rebuilt_from_what_must_follow() {
        // Alt+0029 dropped by the browser: no separator at all.
        let expected = PackCode {
            rebuilt: true,
            ..pack(GTIN, "2027-11-30", "AB-12/3", "X9Y8Z7")
        };
        assert_eq!(
            read("010950600013435221X9Y8Z71727113010AB-12/3"),
            Ok(expected.clone())
        );
        assert_eq!(
            read("01095060001343521727113010AB-12/321X9Y8Z7"),
            Ok(expected)
        );
        // A lot that can end in two places (A, or A21B) before a serial:
        // never guessed.
        assert_eq!(
            read(
                "0109506000134352172711301 0A21B21XYZ"
                    .replace(' ', "")
                    .as_str()
            ),
            Err(ScanProblem::Ambiguous)
        );
        // Separators present: read as sent, even when an element is missing.
        let no_lot = read("010950600013435221X9Y8Z7\u{1d}17271130").unwrap();
        assert_eq!((no_lot.lot, no_lot.rebuilt), (None, false));
        // ... and even when one more separator would give all four: a
        // scanner that sends separators sent this serial.
        let sent = read("0109506000134352\u{1d}21X9Y8Z71727113010AB").unwrap();
        assert_eq!(
            (sent.serial.as_deref(), sent.expiry, sent.rebuilt),
            (Some("X9Y8Z71727113010AB"), None, false)
        );
        // Only readings whose values mean something count: here a lot of
        // "X" gives GTIN 01100000000006 (its check digit right) and a lot of
        // "X01" gives GTIN 10000000000611 (wrong) and expiry 17 Oct 2012:
        // one reading, not two.
        let one = read("10X0101100000000006111712101721063021S9").unwrap();
        assert_eq!(
            one,
            PackCode {
                rebuilt: true,
                ..pack("01100000000006", "2021-06-30", "X", "S9")
            }
        );
    }

    /// A date that does not exist ends no reading: a serial "S" would give
    /// expiry 99-13-99 and a lot "L17271130", so the one reading is serial
    /// "S17991399", lot "L", expiry 30 Nov 2027.
    #[test]
    fn a_reading_with_a_date_that_does_not_exist_is_no_reading() {
        assert_eq!(
            read(&format!("01{GTIN}21S1799139910L17271130")),
            Ok(PackCode {
                rebuilt: true,
                ..pack(GTIN, "2027-11-30", "L", "S17991399")
            })
        );
    }

    /// The limits, at their edges: a scan of 150 characters is read, 151 is
    /// not a pack's; a lot or serial of 20 characters is read, 21 is not.
    #[test]
    fn the_limits_at_their_edges() {
        let twenty = "L".repeat(20);
        let code = read(&format!("01{GTIN}17271130\u{1d}10{twenty}\u{1d}21S1")).unwrap();
        assert_eq!(code.lot.as_deref(), Some(twenty.as_str()));
        assert_eq!(
            read(&format!("01{GTIN}17271130\u{1d}10{twenty}1\u{1d}21S1")),
            Err(ScanProblem::ValueTooLong("10"))
        );
        // Padded with separators to the limit: still read.
        let short = format!("01{GTIN}17271130\u{1d}10L\u{1d}21S1");
        let padded = format!("{short}{}", "\u{1d}".repeat(MAX_SCAN_LEN - short.len()));
        assert_eq!(padded.chars().count(), MAX_SCAN_LEN);
        assert!(read(&padded).is_ok());
        assert_eq!(read(&format!("{padded}\u{1d}")), Err(ScanProblem::TooLong));
    }

    #[test]
    fn norwegian_product_numbers_and_national_numbers() {
        let code = read(&format!("01{NTIN}17270100\u{1d}10L1\u{1d}21S1")).unwrap();
        assert_eq!(code.norwegian_product_number(), Some("123456"));
        assert_eq!(code.expiry, Some(date("2027-01-31")));
        assert_eq!(
            read(&format!("01{GTIN}"))
                .unwrap()
                .norwegian_product_number(),
            None
        );
        let code = read(&format!(
            "01{GTIN}21S1\u{1d}71012345678\u{1d}17270131\u{1d}10L"
        ))
        .unwrap();
        assert_eq!(code.national, Some(("710".into(), "12345678".into())));
    }

    #[test]
    fn day_00_is_the_last_day_of_the_month_and_the_century_is_gs1s() {
        let expiry = |yymmdd: &str| read(&format!("01{GTIN}17{yymmdd}")).map(|c| c.expiry);
        assert_eq!(expiry("280200"), Ok(Some(date("2028-02-29"))));
        assert_eq!(expiry("271200"), Ok(Some(date("2027-12-31"))));
        assert_eq!(expiry("270431"), Err(ScanProblem::BadDate("17")));
        assert_eq!(expiry("271301"), Err(ScanProblem::BadDate("17")));
        assert_eq!(expiry("271300"), Err(ScanProblem::BadDate("17")));
        // From 2026: 76 is 2076, 77 is 1977 (before the dates this app takes).
        assert_eq!(expiry("760101"), Ok(Some(date("2076-01-01"))));
        assert_eq!(expiry("770101"), Err(ScanProblem::BadDate("17")));
        // A production date is checked too, but is not the expiry.
        assert_eq!(
            read(&format!("01{GTIN}11251301")),
            Err(ScanProblem::BadDate("11"))
        );
        assert_eq!(read(&format!("01{GTIN}11250101")).unwrap().expiry, None);
        // The century window moves with today (GS1 7.12).
        assert_eq!(century_of(75, date("2026-01-01")), 2000);
        assert_eq!(century_of(77, date("2026-01-01")), 1900);
        assert_eq!(century_of(1, date("2099-06-01")), 2100);
        assert_eq!(century_of(50, date("2099-06-01")), 2000);
        assert_eq!(century_of(49, date("2099-06-01")), 2100);
        assert_eq!(century_of(51, date("2000-06-01")), 1900);
        assert_eq!(century_of(50, date("2000-06-01")), 2000);
    }

    #[test]
    fn malformed_codes_are_named() {
        assert_eq!(
            read("01095060001343531727113010L"),
            Err(ScanProblem::CheckDigit {
                gtin: "09506000134353".into(),
                expected: 2
            })
        );
        assert_eq!(read("0109506000134"), Err(ScanProblem::Truncated("01")));
        assert_eq!(
            read(&format!("01{GTIN}1727")),
            Err(ScanProblem::Truncated("17"))
        );
        assert_eq!(
            read(&format!("01{GTIN}99ABC")),
            Err(ScanProblem::UnknownAi("99AB".into()))
        );
        assert_eq!(read("hello"), Err(ScanProblem::UnknownAi("hell".into())));
        assert_eq!(
            read("01095060001A4352"),
            Err(ScanProblem::BadCharacter("01"))
        );
        assert_eq!(
            read(&format!(
                "01{GTIN}10ABCDEFGHIJKLMNOPQRSTU\u{1d}17271130\u{1d}21S"
            )),
            Err(ScanProblem::ValueTooLong("10"))
        );
        assert_eq!(
            read(&format!("01{GTIN}17271130\u{1d}10\u{1d}21S")),
            Err(ScanProblem::Truncated("10"))
        );
        assert_eq!(
            read(&format!("01{GTIN}17271130\u{1d}01{GTIN}")),
            Err(ScanProblem::Repeated("01"))
        );
        assert_eq!(read("17271130\u{1d}10L"), Err(ScanProblem::NoGtin));
        assert_eq!(read(""), Err(ScanProblem::Empty));
        assert_eq!(read(" \u{1d}\u{1d} "), Err(ScanProblem::Empty));
        assert_eq!(read("]d2"), Err(ScanProblem::Empty));
        assert_eq!(read("(01)0950600013435"), Err(ScanProblem::Truncated("01")));
        assert_eq!(read("(99)12"), Err(ScanProblem::UnknownAi("99".into())));
        assert_eq!(
            read(&format!("(01){GTIN} and more")).unwrap_err(),
            ScanProblem::BadCharacter("01")
        );
        // 10 000 characters: refused before it is read.
        assert_eq!(read(&"1".repeat(10_000)), Err(ScanProblem::TooLong));
        assert_eq!(
            read(&"ø".repeat(MAX_SCAN_LEN + 1)),
            Err(ScanProblem::TooLong)
        );
    }

    #[test]
    fn the_longest_scan_without_separators_is_read_quickly() {
        // Text elements that could end anywhere: the reading stops at two.
        let typed = format!("01{GTIN}10{}", "21710".repeat(30));
        let typed = &typed[..MAX_SCAN_LEN];
        let started = std::time::Instant::now();
        let _ = read(typed);
        assert!(
            started.elapsed().as_millis() < 500,
            "{:?}",
            started.elapsed()
        );
    }
}
