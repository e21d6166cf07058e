//! The pharmacist's record of a prepared bottle (the compounding worksheet's
//! facts that are not in the recipe), the pharmacy's details for labels, and
//! batch numbers. Plain data: the saved document stores them, the views
//! print them.

use super::country::{Country, UseCode};
use ldn_engine::date::Date;
use ldn_engine::format::DecimalSeparator;
use ldn_engine::number::parse_typed;
use ldn_engine::quantity::Ml;
use rust_decimal::Decimal;

/// Longest text kept in a record field (a product name, a lot, a name).
pub const MAX_RECORD_TEXT: usize = 120;

/// What went into a bottle and who made and checked it. Every field may be
/// empty: a patient who saves a bottle has none of this, and the printed
/// worksheet leaves a line to fill in by hand for what is missing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    /// The tablets' product name, as on their pack.
    pub product: String,
    /// The pack's product code (GTIN, element (01) of its 2D code) when
    /// the pack was scanned; empty when typed by hand.
    pub gtin: String,
    /// The tablets' lot (batch) number.
    pub lot: String,
    /// The tablets' expiry date.
    pub tablet_expiry: Option<Date>,
    /// What the tablets were made up with (purified water unless stated).
    pub vehicle: String,
    pub prepared_by: String,
    pub checked_by: String,
    pub patient: String,
    pub prescriber: String,
    /// The prescription's particulars some countries' labels carry
    /// (`country`; version 8 on): the prescriber's profession, the
    /// prescription's number, what it is used for, Norway's use code.
    pub profession: String,
    pub prescription_no: String,
    pub indication: String,
    pub use_code: Option<UseCode>,
    /// Who checked the calculation (a second person; version 7 on).
    pub calc_checked_by: String,
    /// The final volume measured after making up; the recipe's is the
    /// volume expected.
    pub measured_ml: Option<Ml>,
    /// The look of the made-up liquid, checked.
    pub appearance: Appearance,
    /// What went differently from the recipe and the method, as written.
    pub deviations: String,
    /// The record is kept until this day.
    pub retain_until: Option<Date>,
    /// The master formula it was made by, and its version (the pharmacy's
    /// newest for this recipe when the bottle was saved).
    pub formula: Option<(String, u32)>,
}

/// Longest deviation text kept.
pub const MAX_DEVIATIONS: usize = 500;

/// The appearance check after making up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Appearance {
    #[default]
    NotChecked,
    /// As the method expects: an even suspension once shaken (the tablets'
    /// other ingredients do not dissolve), no lumps or foreign particles.
    AsExpected,
    /// Not as expected: the deviations say how, and what was done.
    NotAsExpected,
}

impl Appearance {
    pub const ALL: [Appearance; 3] = [
        Appearance::NotChecked,
        Appearance::AsExpected,
        Appearance::NotAsExpected,
    ];

    /// The stable code in saved data (`""` for not checked).
    pub fn code(self) -> &'static str {
        match self {
            Appearance::NotChecked => "",
            Appearance::AsExpected => "as-expected",
            Appearance::NotAsExpected => "not-as-expected",
        }
    }

    pub fn from_code(code: &str) -> Option<Appearance> {
        Appearance::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// The record as typed, before it is saved with a bottle.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordDraft {
    pub product: String,
    /// Set only by a scanned pack (`Action::UsePackScan`), never typed.
    pub gtin: String,
    pub lot: String,
    /// `YYYY-MM-DD`, or empty.
    pub tablet_expiry: String,
    pub vehicle: String,
    pub prepared_by: String,
    pub checked_by: String,
    pub prescriber: String,
    pub profession: String,
    pub prescription_no: String,
    pub indication: String,
    pub use_code: Option<UseCode>,
    /// Typed when a saved record is edited (My batches, "Edit the
    /// record"): the made-up bottle's checks.
    pub calc_checked_by: String,
    /// In mL, as typed (a decimal comma or point).
    pub measured_ml: String,
    pub appearance: Appearance,
    pub deviations: String,
    /// `YYYY-MM-DD`, or empty.
    pub retain_until: String,
}

/// Why a typed record cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordProblem {
    /// The tablets' expiry is not a date.
    TabletExpiryUnreadable,
    /// The tablets expire before the bottle's last day: a preparation may
    /// not be used beyond the expiry of what it is made from.
    TabletsExpireFirst {
        tablets: Date,
        last_day: Date,
    },
    /// The measured volume is not a volume (0.1 to 1000 mL).
    MeasuredUnreadable,
    /// The retention date is not a date, or before the bottle's last day of
    /// use (this day): the record is kept at least as long as the bottle.
    RetainUnreadable,
    RetainBeforeLastDay(Date),
    /// The appearance was not as expected and the deviations do not say how.
    NeedsDeviation,
}

impl RecordDraft {
    /// The record for a bottle whose last day is `last_day`, for `patient`.
    pub fn record(&self, patient: &str, last_day: Date) -> Result<Record, RecordProblem> {
        let tablet_expiry = match self.tablet_expiry.trim() {
            "" => None,
            text => {
                let tablets =
                    Date::parse_iso(text).map_err(|_| RecordProblem::TabletExpiryUnreadable)?;
                if tablets < last_day {
                    return Err(RecordProblem::TabletsExpireFirst { tablets, last_day });
                }
                Some(tablets)
            }
        };
        Ok(Record {
            product: clean(&self.product),
            gtin: self.gtin.clone(),
            lot: clean(&self.lot),
            tablet_expiry,
            vehicle: clean(&self.vehicle),
            prepared_by: clean(&self.prepared_by),
            checked_by: clean(&self.checked_by),
            patient: clean(patient),
            prescriber: clean(&self.prescriber),
            profession: clean(&self.profession),
            prescription_no: clean(&self.prescription_no),
            indication: clean(&self.indication),
            use_code: self.use_code,
            ..Record::default()
        })
    }

    /// The draft of a saved record (`of`), typed.
    pub fn of(r: &Record, decimal: DecimalSeparator) -> RecordDraft {
        RecordDraft {
            product: r.product.clone(),
            gtin: r.gtin.clone(),
            lot: r.lot.clone(),
            tablet_expiry: r.tablet_expiry.map(|d| d.to_string()).unwrap_or_default(),
            vehicle: r.vehicle.clone(),
            prepared_by: r.prepared_by.clone(),
            checked_by: r.checked_by.clone(),
            prescriber: r.prescriber.clone(),
            profession: r.profession.clone(),
            prescription_no: r.prescription_no.clone(),
            indication: r.indication.clone(),
            use_code: r.use_code,
            calc_checked_by: r.calc_checked_by.clone(),
            measured_ml: r
                .measured_ml
                .map(|ml| ldn_engine::format::number(ml.value(), decimal))
                .unwrap_or_default(),
            appearance: r.appearance,
            deviations: r.deviations.clone(),
            retain_until: r.retain_until.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// A saved record as edited: `record`'s checks and those of the made-up
    /// bottle's (a measured volume, a retention date not before the
    /// bottle's `last_day`, a deviation said when the look was not as
    /// expected).
    pub fn edited(
        &self,
        patient: &str,
        prepared: Date,
        last_day: Date,
        decimal: DecimalSeparator,
    ) -> Result<Record, RecordProblem> {
        let mut r = self.record(patient, last_day)?;
        r.gtin = self.gtin.clone();
        r.calc_checked_by = clean(&self.calc_checked_by);
        r.measured_ml = match self.measured_ml.trim() {
            "" => None,
            text => Some(Ml::new(
                parse_typed(text, Decimal::new(1, 1), Decimal::ONE_THOUSAND, decimal)
                    .map_err(|_| RecordProblem::MeasuredUnreadable)?,
            )),
        };
        r.appearance = self.appearance;
        r.deviations = clean_text(&self.deviations, MAX_DEVIATIONS);
        r.retain_until = match self.retain_until.trim() {
            "" => None,
            text => {
                let day = Date::parse_iso(text).map_err(|_| RecordProblem::RetainUnreadable)?;
                if day < last_day.max(prepared) {
                    return Err(RecordProblem::RetainBeforeLastDay(last_day));
                }
                Some(day)
            }
        };
        if r.appearance == Appearance::NotAsExpected && r.deviations.is_empty() {
            return Err(RecordProblem::NeedsDeviation);
        }
        Ok(r)
    }
}

/// The pharmacy's name, address and phone, entered once and printed on
/// every label. Kept on the device only.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pharmacy {
    pub name: String,
    pub address: String,
    pub phone: String,
    /// Whose label rules its labels follow (version 8 on).
    pub country: Country,
}

impl Pharmacy {
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.address.is_empty() && self.phone.is_empty()
    }
}

/// Most product names this device remembers (`KnownProduct`); the
/// oldest is forgotten first.
pub const MAX_KNOWN_PRODUCTS: usize = 200;

/// A product name the pharmacist typed for a scanned pack's product code,
/// remembered on the device so the next scan of that product fills it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownProduct {
    pub gtin: String,
    pub name: String,
}

/// The label stock the label is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LabelSize {
    /// A 70 x 37 mm label (a common dispensing-label size; 24 to an A4
    /// sheet, for any office printer).
    Small,
    /// Dymo LabelWriter 99012 (large address), 89 x 36 mm, on a roll.
    Dymo89x36,
    /// Brother QL continuous 62 mm tape (DK-22205), cut at 50 mm. (Its
    /// 62 x 29 mm die-cut labels cannot hold a label's particulars at a
    /// legible size: measured in four languages, see README.)
    BrotherQl62x50,
    /// Plain A4 paper: the default, the only size with room for every
    /// warning beside the draw.
    #[default]
    A4,
}

/// A label stock's page and the part of it a label is printed on, in
/// tenths of a millimetre (the print stylesheet's `@page` size and
/// margin): the margin keeps the text off the die-cut edge, where label
/// printers do not print reliably.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelStock {
    pub width: u32,
    pub height: u32,
    pub margin: u32,
}

impl LabelStock {
    /// The printable width and height.
    pub fn printable(self) -> (u32, u32) {
        (self.width - 2 * self.margin, self.height - 2 * self.margin)
    }
}

impl LabelSize {
    pub const ALL: [LabelSize; 4] = [
        LabelSize::Small,
        LabelSize::Dymo89x36,
        LabelSize::BrotherQl62x50,
        LabelSize::A4,
    ];

    /// The stable code in saved data and on the printed label
    /// (`data-size`).
    pub fn code(self) -> &'static str {
        match self {
            LabelSize::Small => "70x37",
            LabelSize::Dymo89x36 => "89x36",
            LabelSize::BrotherQl62x50 => "62x50",
            LabelSize::A4 => "a4",
        }
    }

    /// A label of its own (not A4 paper): its stock, whose small text has
    /// no room for a draw's warnings.
    pub fn stock(self) -> Option<LabelStock> {
        let (width, height, margin) = match self {
            LabelSize::Small => (700, 370, 15),
            LabelSize::Dymo89x36 => (890, 360, 20),
            LabelSize::BrotherQl62x50 => (620, 500, 15),
            LabelSize::A4 => return None,
        };
        Some(LabelStock {
            width,
            height,
            margin,
        })
    }

    pub fn from_code(code: &str) -> Option<LabelSize> {
        LabelSize::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Longer text as kept (a deviation, a reason): one line, at most `max`
/// characters.
pub fn clean_text(text: &str, max: usize) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ").chars().take(max).collect()
}

/// Text as kept: one line (a label line is one line; control characters
/// and runs of spaces become one space), trimmed, at most
/// `MAX_RECORD_TEXT` characters.
pub fn clean(text: &str) -> String {
    clean_text(text, MAX_RECORD_TEXT)
}

/// A batch number as the printed form writes it: the preparation date
/// (`YYYYMMDD`), a hyphen and a counter for that day, e.g. `20261123-2`.
pub fn batch_number(prepared: Date, counter: u32) -> String {
    let (y, m, d) = prepared.ymd();
    format!("{y:04}{m:02}{d:02}-{counter}")
}

/// The next free number for a bottle prepared on `prepared`: one past the
/// highest counter of that day among `taken` (numbers in other forms, from
/// an import, are left alone and only never repeated). Past the largest
/// counter (a file may bring one), the smallest one not taken.
pub fn next_batch_number<'a>(prepared: Date, taken: impl Iterator<Item = &'a str>) -> String {
    let prefix = batch_number(prepared, 0);
    let prefix = &prefix[..prefix.len() - 1];
    let used: Vec<u32> = taken
        .filter_map(|n| n.strip_prefix(prefix)?.parse::<u32>().ok())
        .collect();
    let highest = used.iter().copied().max().unwrap_or(0);
    let counter = highest.checked_add(1).unwrap_or_else(|| {
        // Fewer numbers than counters, so one is always free.
        (1..=u32::MAX).find(|c| !used.contains(c)).unwrap_or(1)
    });
    batch_number(prepared, counter)
}

/// Whether `text` can be a batch number: 1 to 40 letters, digits, `-`, `/`
/// or `.`, so it prints on one line and reads aloud unambiguously.
pub fn is_batch_number(text: &str) -> bool {
    (1..=40).contains(&text.chars().count())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-/.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each label stock's page, margin and printable area (tenths of a
    /// millimetre), as the print stylesheet's @page rules have them; A4 is
    /// paper, not a stock.
    #[test]
    fn label_stocks_and_their_printable_areas() {
        let areas: Vec<_> = LabelSize::ALL
            .iter()
            .map(|s| {
                (
                    s.code(),
                    s.stock().map(|st| (st.width, st.height, st.printable())),
                )
            })
            .collect();
        assert_eq!(
            areas,
            [
                ("70x37", Some((700, 370, (670, 340)))),
                ("89x36", Some((890, 360, (850, 320)))),
                ("62x50", Some((620, 500, (590, 470)))),
                ("a4", None)
            ]
        );
        for s in LabelSize::ALL {
            assert_eq!(LabelSize::from_code(s.code()), Some(s));
        }
        assert_eq!(LabelSize::from_code("62x29"), None);
    }

    #[test]
    fn a_pharmacy_with_any_detail_is_not_empty() {
        assert!(Pharmacy::default().is_empty());
        for p in [
            Pharmacy {
                name: "Apotek 1".into(),
                ..Pharmacy::default()
            },
            Pharmacy {
                address: "Storgata 1".into(),
                ..Pharmacy::default()
            },
            Pharmacy {
                phone: "22 00 00 00".into(),
                ..Pharmacy::default()
            },
        ] {
            assert!(!p.is_empty(), "{p:?}");
        }
    }

    fn day(iso: &str) -> Date {
        Date::parse_iso(iso).unwrap()
    }

    #[test]
    fn a_number_past_the_largest_counter_is_never_repeated() {
        let d = day("2026-03-01");
        let top = "20260301-4294967295";
        assert_eq!(next_batch_number(d, [top].into_iter()), "20260301-1");
        assert_eq!(
            next_batch_number(d, [top, "20260301-1", "20260301-3"].into_iter()),
            "20260301-2"
        );
    }

    #[test]
    fn numbers_count_per_preparation_day() {
        let d = day("2026-11-23");
        assert_eq!(next_batch_number(d, std::iter::empty()), "20261123-1");
        let taken = [
            "20261123-1",
            "20261123-7",
            "20261122-9",
            "LOT-20261123-99",
            "x",
        ];
        assert_eq!(next_batch_number(d, taken.into_iter()), "20261123-8");
        assert_eq!(
            next_batch_number(day("2026-01-05"), taken.into_iter()),
            "20260105-1"
        );
        assert!(is_batch_number("20261123-8"));
        assert!(is_batch_number("A/12.3"));
        assert!(!is_batch_number(""));
        assert!(!is_batch_number("1 2"));
        assert!(!is_batch_number(&"1".repeat(41)));
    }

    #[test]
    fn tablets_must_keep_until_the_last_day() {
        let last = day("2026-12-22");
        let mut draft = RecordDraft {
            product: " Naltrexone Accord 50 mg ".into(),
            tablet_expiry: "2026-12-22".into(),
            ..RecordDraft::default()
        };
        let r = draft.record(" Kari ", last).unwrap();
        assert_eq!(
            (r.product.as_str(), r.patient.as_str()),
            ("Naltrexone Accord 50 mg", "Kari")
        );
        assert_eq!(r.tablet_expiry, Some(last));
        draft.tablet_expiry = "2026-12-21".into();
        assert_eq!(
            draft.record("", last),
            Err(RecordProblem::TabletsExpireFirst {
                tablets: day("2026-12-21"),
                last_day: last
            })
        );
        draft.tablet_expiry = "12/2027".into();
        assert_eq!(
            draft.record("", last),
            Err(RecordProblem::TabletExpiryUnreadable)
        );
        draft.tablet_expiry = " ".into();
        assert_eq!(draft.record("", last).unwrap().tablet_expiry, None);
    }

    /// An edited record's checks: a volume read with the language's comma,
    /// kept at least as long as the bottle, a deviation said when the look
    /// was not as expected.
    #[test]
    fn an_edited_record_is_checked_as_typed_input_is() {
        let (prepared, last) = (day("2026-11-23"), day("2026-12-22"));
        let comma = DecimalSeparator::Comma;
        let mut d = RecordDraft {
            measured_ml: "49,5".into(),
            retain_until: "2026-12-22".into(),
            ..RecordDraft::default()
        };
        let r = d.edited("", prepared, last, comma).unwrap();
        assert_eq!(r.measured_ml, Some(Ml::new(Decimal::new(495, 1))));
        assert_eq!(r.retain_until, Some(last));
        d.retain_until = "2026-12-21".into();
        assert_eq!(
            d.edited("", prepared, last, comma),
            Err(RecordProblem::RetainBeforeLastDay(last))
        );
        d.retain_until = "soon".into();
        assert_eq!(
            d.edited("", prepared, last, comma),
            Err(RecordProblem::RetainUnreadable)
        );
        d.retain_until.clear();
        d.measured_ml = "0".into();
        assert_eq!(
            d.edited("", prepared, last, comma),
            Err(RecordProblem::MeasuredUnreadable)
        );
        d.measured_ml.clear();
        d.appearance = Appearance::NotAsExpected;
        assert_eq!(
            d.edited("", prepared, last, comma),
            Err(RecordProblem::NeedsDeviation)
        );
        d.deviations = "  lumps;\n shaken  ".into();
        assert_eq!(
            d.edited("", prepared, last, comma).unwrap().deviations,
            "lumps; shaken"
        );
    }

    #[test]
    fn text_is_one_trimmed_line() {
        assert_eq!(clean("  Kari\nNordmann\t \u{1}x "), "Kari Nordmann x");
        assert_eq!(clean(&"æ".repeat(200)).chars().count(), MAX_RECORD_TEXT);
    }
}
