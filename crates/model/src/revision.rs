//! A saved record's history: once a bottle's record or label has been
//! printed, what it says has left the device, so a change to the record
//! makes a new version with who changed it, when and why, and each field's
//! words before and after. The record prints its version; My batches
//! shows the history. Nothing here reads a clock ("when" is an argument).

use super::record::{Appearance, Record};
use ldn_engine::date::{Date, TimeOfDay};
use ldn_engine::format::plain;

/// Most versions a record keeps (a file with more was not written here).
pub const MAX_REVISIONS: usize = 100;

/// A record's fields that can change, in the record's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordField {
    Product,
    Lot,
    TabletExpiry,
    Vehicle,
    Patient,
    Prescriber,
    Profession,
    PrescriptionNo,
    Indication,
    UseCode,
    PreparedBy,
    CheckedBy,
    CalcCheckedBy,
    MeasuredMl,
    Appearance,
    Deviations,
    RetainUntil,
}

impl RecordField {
    pub const ALL: [RecordField; 17] = [
        RecordField::Product,
        RecordField::Lot,
        RecordField::TabletExpiry,
        RecordField::Vehicle,
        RecordField::Patient,
        RecordField::Prescriber,
        RecordField::Profession,
        RecordField::PrescriptionNo,
        RecordField::Indication,
        RecordField::UseCode,
        RecordField::PreparedBy,
        RecordField::CheckedBy,
        RecordField::CalcCheckedBy,
        RecordField::MeasuredMl,
        RecordField::Appearance,
        RecordField::Deviations,
        RecordField::RetainUntil,
    ];

    /// The stable code in saved data.
    pub fn code(self) -> &'static str {
        match self {
            RecordField::Product => "product",
            RecordField::Lot => "lot",
            RecordField::TabletExpiry => "tablet_expiry",
            RecordField::Vehicle => "vehicle",
            RecordField::Patient => "patient",
            RecordField::Prescriber => "prescriber",
            RecordField::Profession => "profession",
            RecordField::PrescriptionNo => "prescription_no",
            RecordField::Indication => "indication",
            RecordField::UseCode => "use_code",
            RecordField::PreparedBy => "prepared_by",
            RecordField::CheckedBy => "checked_by",
            RecordField::CalcCheckedBy => "calc_checked_by",
            RecordField::MeasuredMl => "measured_ml",
            RecordField::Appearance => "appearance",
            RecordField::Deviations => "deviations",
            RecordField::RetainUntil => "retain_until",
        }
    }

    pub fn from_code(code: &str) -> Option<RecordField> {
        RecordField::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The field's value in `r`, as saved data writes it (dates
    /// `YYYY-MM-DD`, volumes with a point, the appearance's code).
    pub fn value(self, r: &Record) -> String {
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        match self {
            RecordField::Product => r.product.clone(),
            RecordField::Lot => r.lot.clone(),
            RecordField::TabletExpiry => date(r.tablet_expiry),
            RecordField::Vehicle => r.vehicle.clone(),
            RecordField::Patient => r.patient.clone(),
            RecordField::Prescriber => r.prescriber.clone(),
            RecordField::Profession => r.profession.clone(),
            RecordField::PrescriptionNo => r.prescription_no.clone(),
            RecordField::Indication => r.indication.clone(),
            RecordField::UseCode => r.use_code.map(|c| c.code()).unwrap_or_default().to_string(),
            RecordField::PreparedBy => r.prepared_by.clone(),
            RecordField::CheckedBy => r.checked_by.clone(),
            RecordField::CalcCheckedBy => r.calc_checked_by.clone(),
            RecordField::MeasuredMl => r
                .measured_ml
                .map(|ml| plain(ml.value()))
                .unwrap_or_default(),
            RecordField::Appearance => r.appearance.code().to_string(),
            RecordField::Deviations => r.deviations.clone(),
            RecordField::RetainUntil => date(r.retain_until),
        }
    }
}

/// One field changed: its words before and after (as `RecordField::value`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: RecordField,
    pub before: String,
    pub after: String,
}

/// A version of a record after the first: who made the change, when, why,
/// and what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// 2 for the first change, then 3, ...
    pub version: u32,
    pub date: Date,
    pub time: Option<TimeOfDay>,
    pub by: String,
    pub why: String,
    pub changes: Vec<Change>,
}

/// Every field that differs between `before` and `after`, in the record's
/// order.
pub fn changes(before: &Record, after: &Record) -> Vec<Change> {
    RecordField::ALL
        .into_iter()
        .filter_map(|field| {
            let (b, a) = (field.value(before), field.value(after));
            (b != a).then_some(Change {
                field,
                before: b,
                after: a,
            })
        })
        .collect()
}

/// Whether an appearance code is one the app writes.
pub fn is_appearance(code: &str) -> bool {
    Appearance::from_code(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::quantity::Ml;
    use ldn_engine::testing::{date, dec};

    #[test]
    fn changes_name_each_field_with_its_words_before_and_after() {
        let before = Record {
            lot: "AB123".into(),
            ..Record::default()
        };
        let after = Record {
            lot: "AB124".into(),
            measured_ml: Some(Ml::new(dec("49.50"))),
            appearance: Appearance::AsExpected,
            retain_until: Some(date("2031-12-31")),
            ..before.clone()
        };
        let found = changes(&before, &after);
        let got: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|c| (c.field.code(), c.before.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("lot", "AB123", "AB124"),
                ("measured_ml", "", "49.5"),
                ("appearance", "", "as-expected"),
                ("retain_until", "", "2031-12-31"),
            ]
        );
        assert!(changes(&after, &after).is_empty());
        // Every field's code reads back as that field.
        for f in RecordField::ALL {
            assert_eq!(RecordField::from_code(f.code()), Some(f));
        }
        assert!(is_appearance("") && is_appearance("not-as-expected") && !is_appearance("ok"));
    }
}
