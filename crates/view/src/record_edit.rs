//! Editing a saved batch's record on My batches, and the record's history:
//! the made-up bottle's checks (the calculation checked by a second person,
//! the final volume measured, the appearance, deviations, how long the
//! record is kept) and every field typed before saving. Once its record or
//! label has been printed, saving asks who and why and makes a new version;
//! the history lists each version with what changed.

use super::form::{choice_of, text, Control, Entry, InlineError, TextBox};
use super::particulars::use_code_words;
use super::text::qty_ml;
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::date::Date;
use ldn_engine::quantity::Ml;
use ldn_model::country::{Country, UseCode};
use ldn_model::record::{Appearance, RecordProblem};
use ldn_model::revision::{RecordField, Revision};
use ldn_model::saved::Batch;
use ldn_model::state::{Action, EditProblem, RecordEdit, State, TextField, Timed};

/// The edit form (`data-testid="record-edit"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordEditView {
    pub heading: String,
    /// Printed: a change makes version N; or not printed: saved in place.
    pub note: String,
    pub fields: Vec<Control>,
    /// A problem not under one field (nothing changed, too many versions).
    pub error: Option<InlineError>,
    pub save: (&'static str, Timed),
    pub cancel: (&'static str, Action),
}

/// The record's history (`data-testid="record-history"`), newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryView {
    pub heading: &'static str,
    /// Each version: who, when, why; then each field changed.
    pub versions: Vec<(String, Vec<String>)>,
}

/// A field's name in the language (as the record prints it).
pub fn field_name(lang: Lang, f: RecordField) -> &'static str {
    lang.t(match f {
        RecordField::Product => Msg::RecordProduct,
        RecordField::Lot => Msg::RecordLot,
        RecordField::TabletExpiry => Msg::RecordTabletExpiry,
        RecordField::Vehicle => Msg::RecordVehicle,
        RecordField::Patient => Msg::WsPatient,
        RecordField::Prescriber => Msg::RecordPrescriber,
        RecordField::Profession => Msg::RecordProfession,
        RecordField::PrescriptionNo => Msg::RecordPrescriptionNo,
        RecordField::Indication => Msg::RecordIndication,
        RecordField::UseCode => Msg::RecordUseCode,
        RecordField::PreparedBy => Msg::RecordPreparedBy,
        RecordField::CheckedBy => Msg::RecordCheckedBy,
        RecordField::CalcCheckedBy => Msg::RecordCalcCheckedBy,
        RecordField::MeasuredMl => Msg::RecordMeasured,
        RecordField::Appearance => Msg::RecordAppearance,
        RecordField::Deviations => Msg::RecordDeviations,
        RecordField::RetainUntil => Msg::RecordRetainUntil,
    })
}

/// An appearance in words.
pub fn appearance_words(lang: Lang, a: Appearance) -> &'static str {
    lang.t(match a {
        Appearance::NotChecked => Msg::AppearanceNotChecked,
        Appearance::AsExpected => Msg::AppearanceAsExpected,
        Appearance::NotAsExpected => Msg::AppearanceNotAsExpected,
    })
}

/// A field's stored words as the language writes them (a date, a volume
/// with its unit, an appearance), or "(empty)".
fn value_words(lang: Lang, f: RecordField, stored: &str) -> String {
    // Not checked is stored as nothing, and said as such.
    if f == RecordField::Appearance && stored.is_empty() {
        return appearance_words(lang, Appearance::NotChecked).to_string();
    }
    if stored.is_empty() {
        return lang.t(Msg::RecordEmptyValue).to_string();
    }
    match f {
        RecordField::TabletExpiry | RecordField::RetainUntil => {
            Date::parse_iso(stored).map_or_else(|_| stored.to_string(), |d| lang.date(d))
        }
        RecordField::MeasuredMl => ldn_engine::number::parse_decimal(stored)
            .map_or_else(|_| stored.to_string(), |v| qty_ml(lang, Ml::new(v))),
        RecordField::Appearance => Appearance::from_code(stored).map_or_else(
            || stored.to_string(),
            |a| appearance_words(lang, a).to_string(),
        ),
        RecordField::UseCode => UseCode::from_code(stored).map_or_else(
            || stored.to_string(),
            |c| lang.t(use_code_words(c)).to_string(),
        ),
        _ => stored.to_string(),
    }
}

/// A record problem in words.
pub fn problem_text(lang: Lang, p: RecordProblem, typed_expiry: &str) -> String {
    match p {
        RecordProblem::TabletExpiryUnreadable => lang.f(msg::ErrListedDateFormat {
            date: typed_expiry.trim(),
        }),
        RecordProblem::TabletsExpireFirst { tablets, last_day } => {
            lang.f(msg::RecordTabletsExpireFirst {
                tablets: &lang.date(tablets),
                last_day: &lang.date(last_day),
            })
        }
        RecordProblem::MeasuredUnreadable => lang.t(Msg::RecordErrMeasured).to_string(),
        RecordProblem::RetainUnreadable => lang.t(Msg::RecordErrRetain).to_string(),
        RecordProblem::RetainBeforeLastDay(day) => lang.f(msg::RecordErrRetainBefore {
            date: &lang.date(day),
        }),
        RecordProblem::NeedsDeviation => lang.t(Msg::RecordErrDeviation).to_string(),
    }
}

/// Which field a problem is shown under.
fn problem_field(p: EditProblem) -> Option<&'static str> {
    Some(match p {
        EditProblem::Record(r) => match r {
            RecordProblem::TabletExpiryUnreadable | RecordProblem::TabletsExpireFirst { .. } => {
                "edit-tablet-expiry"
            }
            RecordProblem::MeasuredUnreadable => "edit-measured",
            RecordProblem::RetainUnreadable | RecordProblem::RetainBeforeLastDay(_) => {
                "edit-retain"
            }
            RecordProblem::NeedsDeviation => "edit-deviations",
        },
        EditProblem::NeedsBy => "edit-by",
        EditProblem::NeedsWhy => "edit-why",
        EditProblem::NothingChanged | EditProblem::TooManyVersions => return None,
    })
}

fn problem_words(lang: Lang, p: EditProblem, e: &RecordEdit) -> String {
    match p {
        EditProblem::Record(r) => problem_text(lang, r, &e.draft.tablet_expiry),
        EditProblem::NeedsBy => lang.t(Msg::EditErrBy).to_string(),
        EditProblem::NeedsWhy => lang.t(Msg::EditErrWhy).to_string(),
        EditProblem::NothingChanged => lang.t(Msg::EditErrNothing).to_string(),
        EditProblem::TooManyVersions => lang.t(Msg::EditErrTooMany).to_string(),
    }
}

/// The form for `e`, the edit of `b`.
pub fn edit_view(s: &State, b: &Batch, e: &RecordEdit) -> RecordEditView {
    let lang = s.lang;
    let d = &e.draft;
    let problem = e.problem;
    let error_for = |id: &'static str| {
        problem
            .filter(|p| problem_field(*p) == Some(id))
            .map(|p| InlineError {
                param: id,
                text: problem_words(lang, p, e),
            })
    };
    let field = |id: &'static str, f: RecordField, value: &str, entry: Entry| {
        let mut c = text(
            s,
            id,
            entry,
            None,
            TextField::EditRecord(f),
            field_name(lang, f),
            value,
        );
        if let Control::Text(t) = &mut c {
            t.error = error_for(id);
        }
        c
    };
    let mut fields = vec![
        field(
            "edit-product",
            RecordField::Product,
            &d.product,
            Entry::Text,
        ),
        Control::Row(vec![
            field("edit-lot", RecordField::Lot, &d.lot, Entry::Text),
            field(
                "edit-tablet-expiry",
                RecordField::TabletExpiry,
                &d.tablet_expiry,
                Entry::Date,
            ),
        ]),
        field(
            "edit-vehicle",
            RecordField::Vehicle,
            &d.vehicle,
            Entry::Text,
        ),
        field(
            "edit-patient",
            RecordField::Patient,
            &e.patient,
            Entry::Text,
        ),
        Control::Row(vec![
            field(
                "edit-prescriber",
                RecordField::Prescriber,
                &d.prescriber,
                Entry::Text,
            ),
            field(
                "edit-profession",
                RecordField::Profession,
                &d.profession,
                Entry::Text,
            ),
        ]),
        Control::Row(vec![
            field(
                "edit-prescription-no",
                RecordField::PrescriptionNo,
                &d.prescription_no,
                Entry::Text,
            ),
            field(
                "edit-indication",
                RecordField::Indication,
                &d.indication,
                Entry::Text,
            ),
        ]),
        Control::Row(vec![
            field(
                "edit-prepared-by",
                RecordField::PreparedBy,
                &d.prepared_by,
                Entry::Text,
            ),
            field(
                "edit-checked-by",
                RecordField::CheckedBy,
                &d.checked_by,
                Entry::Text,
            ),
            field(
                "edit-calc-checked-by",
                RecordField::CalcCheckedBy,
                &d.calc_checked_by,
                Entry::Text,
            ),
        ]),
        Control::Text(TextBox {
            id: "edit-measured",
            label: lang.t(Msg::RecordMeasuredField).to_string(),
            value: d.measured_ml.clone(),
            entry: Entry::Decimal,
            error: error_for("edit-measured"),
            sends: TextField::EditRecord(RecordField::MeasuredMl),
        }),
        Control::Radios(choice_of(
            lang,
            "edit-appearance",
            lang.t(Msg::RecordAppearance),
            d.appearance,
            &[
                (Appearance::NotChecked, Msg::AppearanceNotChecked),
                (Appearance::AsExpected, Msg::AppearanceAsExpected),
                (Appearance::NotAsExpected, Msg::AppearanceNotAsExpected),
            ],
            Action::EditAppearance,
        )),
        field(
            "edit-deviations",
            RecordField::Deviations,
            &d.deviations,
            Entry::Text,
        ),
        field(
            "edit-retain",
            RecordField::RetainUntil,
            &d.retain_until,
            Entry::Date,
        ),
    ];
    // After the prescription's rows: the use code, for a Norwegian
    // pharmacy (or a record that has one).
    if shows_use_code(s.doc.pharmacy.country, d.use_code) {
        fields.insert(
            6,
            use_code_choice(lang, "edit-use-code", d.use_code, Action::EditUseCode),
        );
    }
    if b.printed {
        let who = |id: &'static str, sends, label: Msg, value: &str| {
            Control::Text(TextBox {
                id,
                label: lang.t(label).to_string(),
                value: value.to_string(),
                entry: Entry::Text,
                error: error_for(id),
                sends,
            })
        };
        fields.push(Control::Row(vec![
            who("edit-by", TextField::EditBy, Msg::RecordEditBy, &e.by),
            who("edit-why", TextField::EditWhy, Msg::RecordEditWhy, &e.why),
        ]));
    }
    RecordEditView {
        heading: lang.f(msg::RecordEditHeading { number: &b.number }),
        note: if b.printed {
            lang.f(msg::RecordEditPrinted {
                version: &b.version().saturating_add(1).to_string(),
            })
        } else {
            lang.t(Msg::RecordEditNotPrinted).to_string()
        },
        fields,
        error: problem
            .filter(|p| problem_field(*p).is_none())
            .map(|p| InlineError {
                param: "record-edit",
                text: problem_words(lang, p, e),
            }),
        save: (lang.t(Msg::RecordEditSave), Timed::SaveRecordEdit),
        cancel: (lang.t(Msg::RecordEditCancel), Action::EditRecord(None)),
    }
}

/// When a version was made, as the history says it.
fn when(lang: Lang, r: &Revision) -> String {
    match r.time {
        Some(t) => format!("{} {t}", lang.date(r.date)),
        None => lang.date(r.date),
    }
}

/// The history of `b`, newest first; None before its first change.
pub fn history(lang: Lang, b: &Batch) -> Option<HistoryView> {
    history_with(lang, b, usize::MAX)
}

/// The history with each field's words before and after cut to at most
/// `max_chars` characters ("…" where cut): the printed record's, whose
/// page must stay one sheet (the whole words are on My batches and in the
/// record's own rows).
pub fn history_with(lang: Lang, b: &Batch, max_chars: usize) -> Option<HistoryView> {
    let cut = |words: String| -> String {
        if words.chars().count() <= max_chars {
            return words;
        }
        let kept: String = words.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}\u{2026}", kept.trim_end())
    };
    (!b.revisions.is_empty()).then(|| HistoryView {
        heading: lang.t(Msg::RecordHistoryHeading),
        versions: b
            .revisions
            .iter()
            .rev()
            .map(|r| {
                let head = lang.f(msg::RecordHistoryEntry {
                    version: &r.version.to_string(),
                    when: &when(lang, r),
                    by: &r.by,
                    why: &r.why,
                });
                let changes = r
                    .changes
                    .iter()
                    .map(|c| {
                        lang.f(msg::RecordHistoryChange {
                            field: field_name(lang, c.field),
                            before: &cut(value_words(lang, c.field, &c.before)),
                            after: &cut(value_words(lang, c.field, &c.after)),
                        })
                    })
                    .collect();
                (head, changes)
            })
            .collect(),
    })
}

/// Whether a record form offers the use code: Norway's labels carry it; a
/// record that has one keeps showing it.
pub fn shows_use_code(country: Country, current: Option<UseCode>) -> bool {
    country == Country::Norway || current.is_some()
}

/// The choice of Norway's use code, as the prescription gives it.
pub fn use_code_choice(
    lang: Lang,
    id: &'static str,
    current: Option<UseCode>,
    action: fn(Option<UseCode>) -> Action,
) -> Control {
    let mut values = vec![(None, Msg::UseCodeNone)];
    values.extend(UseCode::ALL.map(|c| (Some(c), use_code_words(c))));
    Control::Radios(choice_of(
        lang,
        id,
        lang.t(Msg::RecordUseCode),
        current,
        &values,
        action,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_model::state::{apply, fixtures::state, PrintJob};

    /// Five versions: My batches lists all, newest first; the printed
    /// record its newest three, after how many earlier ones there are.
    #[test]
    fn the_history_lists_every_version_and_the_record_prints_the_newest() {
        let s = apply(state(), Action::SaveBatch);
        let id = s.doc.batches[0].id;
        let mut s = apply(s, Action::Print(PrintJob::Record(id)));
        for n in 1..=5 {
            s = [
                Action::EditRecord(Some(id)),
                Action::Type(TextField::EditRecord(RecordField::Lot), format!("L{n}")),
                Action::Type(TextField::EditBy, "KK".into()),
                Action::Type(TextField::EditWhy, format!("Change {n}")),
                Action::SaveRecordEdit(None),
            ]
            .into_iter()
            .fold(s, apply);
        }
        let b = &s.doc.batches[0];
        assert_eq!(b.version(), 6);
        let h = history(Lang::En, b).unwrap();
        assert_eq!(h.versions.len(), 5);
        assert!(
            h.versions[0]
                .0
                .starts_with("Version 6, 1 Mar 2026, by KK: Change 5"),
            "{:?}",
            h.versions[0]
        );
        assert_eq!(h.versions[0].1, ["Tablet lot number: L4 → L5"]);
        assert_eq!(h.versions[4].1, ["Tablet lot number: (empty) → L1"]);
        let printed = super::super::record::record(Lang::En, b, &s).history;
        assert_eq!(printed.len(), 4);
        assert_eq!(printed[0], "2 earlier versions are listed on My batches.");
        assert!(printed[3].starts_with("Version 6"), "{}", printed[3]);
    }

    /// Long deviations corrected three times (the journey review's record
    /// on two pages): the printed history cuts each field's words and
    /// lists the newest versions that fit its room, after how many earlier
    /// ones My batches lists; My batches keeps every word.
    #[test]
    fn a_long_history_prints_within_its_room() {
        use crate::record::{HISTORY_PRINTED_CHARS, HISTORY_PRINTED_WORDS};
        let s = apply(state(), Action::SaveBatch);
        let id = s.doc.batches[0].id;
        let mut s = apply(s, Action::Print(PrintJob::Record(id)));
        let long = |n: u32| {
            format!(
                "After the first shake there were lumps; shaken 2 more minutes, then even ({n})"
            )
        };
        for n in 2..=4 {
            s = [
                Action::EditRecord(Some(id)),
                Action::Type(
                    TextField::EditRecord(RecordField::Lot),
                    format!("AB1234{n}"),
                ),
                Action::Type(TextField::EditRecord(RecordField::Deviations), long(n)),
                Action::Type(TextField::EditBy, "Kovalenko N. M.".into()),
                Action::Type(TextField::EditWhy, "The lot number was misread".into()),
                Action::SaveRecordEdit(None),
            ]
            .into_iter()
            .fold(s, apply);
        }
        let b = &s.doc.batches[0];
        assert_eq!(b.version(), 4);
        let whole = history(Lang::En, b).unwrap();
        assert!(whole.versions[0].1.iter().any(|c| c.contains(&long(4))));
        let printed = crate::record::record(Lang::En, b, &s).history;
        let versions: Vec<&String> = printed
            .iter()
            .filter(|l| l.starts_with("Version"))
            .collect();
        assert!(!versions.is_empty() && versions.len() < 3, "{printed:?}");
        assert!(versions.last().is_some_and(|l| l.starts_with("Version 4")));
        let size: usize = versions.iter().map(|l| l.chars().count()).sum();
        assert!(size <= HISTORY_PRINTED_CHARS, "{size}: {printed:?}");
        let earlier = 3 - versions.len();
        assert_eq!(
            printed[0],
            format!(
                "{earlier} earlier version{} listed on My batches.",
                if earlier == 1 { " is" } else { "s are" }
            )
        );
        let cut = &long(4)
            .chars()
            .take(HISTORY_PRINTED_WORDS - 1)
            .collect::<String>();
        assert!(versions
            .last()
            .is_some_and(|l| l.contains(&format!("{}\u{2026}", cut.trim_end()))));
    }
}
