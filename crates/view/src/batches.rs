//! My batches: save the prepared bottle with its batch record, find saved
//! ones, open a bottle's record and label to print them, follow days and
//! volume left, mark doses taken, export and import; the pharmacy's details
//! and label size for every label.

use super::bottle::bottle_doses;
use super::draw::{DoseLine, WarningLine};
use super::form::{self, Control, Entry, InlineError, TextBox};
use super::label::{batch_label, directions_only, label_size_control, LabelView};
use super::pack_scan::{pack_scan, PackScanView};
use super::particulars::{country_name, on_the_label};
use super::parts::contents_with;
use super::record::{record, RecordView, MAX_STEPS_RECORD};
use super::record_edit::{shows_use_code, use_code_choice};
use super::share::{batch_link, ShareLink};
use super::test_label::{label_printer, LabelPrinterView};
use super::text::{qty_mg_per_ml, qty_ml, read_problem};
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::batch::dating_warnings;
use ldn_model::country::Country;
use ldn_model::inputs::{ConcSource, DoseUnit};
use ldn_model::record::LabelSize;
use ldn_model::saved::{status, Batch, Merged, Outlook};
use ldn_model::state::{Action, BottleFor, Notice, PrintJob, State, Storage, TextField};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ButtonView {
    pub label: &'static str,
    pub action: Action,
    pub disabled: bool,
    pub danger: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchItem {
    pub id: u64,
    pub name: String,
    /// `Batch 20261123-1`.
    pub number: String,
    /// Patient, product and lot, where the record has them.
    pub record_line: Option<String>,
    pub contents: String,
    /// A plan bottle's directions today: `Dose: as in your dosing plan:
    /// 15 Dec 2026 to 28 Dec 2026: 2 mg once a day, at bedtime`.
    pub directions: Option<String>,
    /// Today's dose from it, stated by the output rule (none on a plan's
    /// day without a dose).
    pub dose: Option<DoseLine>,
    /// About the bottle's dates: a use-by beyond the guidance, prepared
    /// after today (its expiry is the state below).
    pub warnings: Vec<WarningLine>,
    pub dose_sentence: String,
    /// `ok`, `soon` or `expired`: the item's class.
    pub state_class: &'static str,
    pub state_text: String,
    pub last_day: String,
    pub last_day_iso: String,
    pub ml_left: String,
    pub outlook: String,
    /// The link it was saved with, to reopen the calculation.
    pub link: Option<(String, &'static str)>,
    pub buttons: Vec<ButtonView>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeView {
    /// Which notice (its `data-testid`).
    pub id: &'static str,
    pub failed: bool,
    pub text: String,
    pub close: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PharmacyView {
    pub heading: &'static str,
    pub fields: Vec<Control>,
    pub save: &'static str,
    /// Saved, or typed but not saved yet.
    pub status: &'static str,
}

/// A saved batch opened for its record and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenBatchView {
    pub id: u64,
    pub record: RecordView,
    pub label: LabelView,
    /// What the page prints now: `record` or `label` (`data-print`).
    pub printing: &'static str,
    pub print_record: Action,
    pub print_label: Action,
    pub close: &'static str,
    /// The label stock, chosen where the label is printed.
    pub size: Control,
    /// Before printing: typed pharmacy details not saved (the label prints
    /// the saved ones), no pharmacy details at all, no patient named
    /// (`data-testid="print-notice"`, each).
    pub print_notices: Vec<&'static str>,
    /// The patient's page for this bottle (its QR code on the record and
    /// the A4 label), or why there is none.
    pub patient_link: Result<ShareLink, &'static str>,
    /// Whether the label carries the QR code too (A4: on a 70 x 37 mm
    /// label the code would be too small to scan).
    pub label_qr: bool,
    /// "Edit the record" (`record-edit-open`), or the form when open.
    pub edit_open: (&'static str, Action),
    pub edit: Option<super::record_edit::RecordEditView>,
    /// The record's versions after the first, with what changed.
    pub history: Option<super::record_edit::HistoryView>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchesView {
    pub heading: &'static str,
    pub storage_problem: Option<&'static str>,
    pub name_field: Control,
    /// What the bottle is made for: the Dose screen's dose or the plan.
    pub bottle_for: Control,
    /// What "Save this batch" will save (`data-testid="save-summary"`).
    pub save_summary: Option<String>,
    /// The tablet pack's 2D code, scanned to fill the record's lot and
    /// expiry.
    pub pack_scan: PackScanView,
    pub record_heading: &'static str,
    pub record_fields: Vec<Control>,
    pub save: &'static str,
    pub can_save: bool,
    /// Why saving is not possible now.
    pub save_hint: Option<&'static str>,
    pub notice: Option<NoticeView>,
    pub search: Control,
    /// No saved batch matches the search.
    pub search_none: Option<String>,
    pub items: Vec<BatchItem>,
    pub open: Option<OpenBatchView>,
    pub pharmacy: PharmacyView,
    /// The pharmacy's master formulas.
    pub formulas: super::formulas::FormulasView,
    /// The label stock and its test label.
    pub label_printer: LabelPrinterView,
    pub empty: &'static str,
    pub export: &'static str,
    pub import: &'static str,
}

fn item(lang: Lang, b: &Batch, today: ldn_engine::date::Date, confirm: bool) -> BatchItem {
    let st = status(b, today);
    let id = b.id;
    let conc = b.recipe.concentration();
    let (state_class, state_text) = if st.expiry.expired {
        ("expired", lang.t(Msg::Expired).to_string())
    } else if st.expiry.days_left == 1 {
        ("soon", lang.t(Msg::LastDayToday).to_string())
    } else {
        (
            if st.expiry.days_left <= 3 {
                "soon"
            } else {
                "ok"
            },
            lang.f(msg::DaysLeft {
                days: st.expiry.days_left.into(),
            }),
        )
    };
    let outlook = match st.outlook {
        Outlook::Expired => lang.t(Msg::WarnExpired).to_string(),
        Outlook::Empty => lang.t(Msg::Empty).to_string(),
        Outlook::RunsOutFirst(days) => lang.f(msg::RunsOutFirst { days: days.into() }),
        Outlook::ExpiresFirst(ml) => lang.f(msg::ExpiresFirst {
            volume: &qty_ml(lang, ml),
        }),
    };
    // Judged with the syringe its link names (without one, all but the
    // fill), and a draw not to be made sends the patient to the pharmacy;
    // a plan's step of today, as its label says it.
    let today_dose = bottle_doses(lang, b, today, 1, false);
    let step = today_dose.doses.into_iter().next();
    let directions = today_dose.plan_note.map(|note| match &step {
        Some(d) => format!("{note} {}", d.directions),
        None => note,
    });
    let dose = step.and_then(|d| d.line);
    let r = &b.record;
    let record_line = [
        (Msg::WsPatient, &r.patient),
        (Msg::WsProduct, &r.product),
        (Msg::RecordLot, &r.lot),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(label, value)| format!("{}: {}", lang.t(label), value))
    .collect::<Vec<_>>()
    .join(" \u{b7} ");
    BatchItem {
        id,
        name: b.name.clone(),
        number: lang.f(msg::LabelBatch { number: &b.number }),
        record_line: (!record_line.is_empty()).then_some(record_line),
        contents: format!(
            "{} \u{b7} {}",
            contents_with(lang, &b.recipe, &b.record.vehicle),
            qty_mg_per_ml(lang, conc.mg_per_ml())
        ),
        dose_sentence: dose.as_ref().map(|d| d.sentence(lang)).unwrap_or_default(),
        directions,
        dose,
        warnings: WarningLine::all(lang, &dating_warnings(b.prepared, b.policy, today), None),
        state_class,
        state_text,
        last_day: format!(
            "{}: {}",
            lang.t(Msg::LastDay),
            lang.date(st.expiry.last_day)
        ),
        last_day_iso: st.expiry.last_day.to_string(),
        ml_left: format!(
            "{} \u{b7} {}",
            lang.f(msg::MlLeft {
                volume: &qty_ml(lang, st.ml_left)
            }),
            lang.f(msg::DosesTaken {
                doses: b.taken.into()
            })
        ),
        outlook,
        link: (!b.link.is_empty()).then(|| (format!("?{}", b.link), lang.t(Msg::OpenBatchLink))),
        buttons: vec![
            ButtonView {
                label: lang.t(Msg::OpenRecord),
                action: Action::OpenBatch(Some(id)),
                disabled: false,
                danger: false,
            },
            ButtonView {
                label: lang.t(Msg::UseBatch),
                action: Action::UseBatch(id),
                disabled: false,
                danger: false,
            },
            ButtonView {
                label: lang.t(Msg::MarkTaken),
                action: Action::MarkTaken(id),
                disabled: false,
                danger: false,
            },
            ButtonView {
                label: lang.t(Msg::UndoTaken),
                action: Action::UndoTaken(id),
                disabled: b.taken == 0,
                danger: false,
            },
            ButtonView {
                label: lang.t(if confirm {
                    Msg::DeleteBatchConfirm
                } else {
                    Msg::DeleteBatch
                }),
                action: Action::DeleteBatch(id),
                disabled: false,
                danger: true,
            },
        ],
    }
}

/// What an import added, in sentences.
fn imported(lang: Lang, merged: &Merged) -> String {
    let mut text = lang.f(msg::Imported {
        batches: merged.batches as u64,
    });
    for (old, new) in &merged.renumbered {
        text.push(' ');
        text.push_str(&lang.f(msg::ImportRenumbered { old, new }));
    }
    for (was, now) in &merged.formulas_renamed {
        text.push(' ');
        text.push_str(&lang.f(msg::ImportFormulaRenamed { was, now }));
    }
    if merged.entries > 0 {
        text.push(' ');
        text.push_str(&lang.f(msg::ImportedEntries {
            entries: merged.entries as u64,
        }));
    }
    text
}

/// Whether `b` matches the search `words` (each, anywhere, any case).
fn matches(b: &Batch, words: &[String]) -> bool {
    let r = &b.record;
    let haystack = [
        &b.number,
        &b.name,
        &r.patient,
        &r.product,
        &r.lot,
        &r.prescriber,
    ]
    .map(|t| t.to_lowercase())
    .join("\n");
    words.iter().all(|w| haystack.contains(w.as_str()))
}

fn record_fields(s: &State) -> Vec<Control> {
    let lang = s.lang;
    let r = &s.record;
    let field = |id, sends, label: Msg, value: &str, entry| {
        form::text(s, id, entry, None, sends, lang.t(label), value)
    };
    let expiry_error = s.record_problem().map(|problem| InlineError {
        param: "tablet-expiry",
        text: super::record_edit::problem_text(lang, problem, &r.tablet_expiry),
    });
    let mut fields = vec![
        field(
            "product",
            TextField::Product,
            Msg::RecordProduct,
            &r.product,
            Entry::Text,
        ),
        Control::Row(vec![
            field("lot", TextField::Lot, Msg::RecordLot, &r.lot, Entry::Text),
            Control::Text(TextBox {
                id: "tablet-expiry",
                label: lang.t(Msg::RecordTabletExpiry).to_string(),
                value: r.tablet_expiry.clone(),
                entry: Entry::Date,
                error: expiry_error,
                sends: TextField::TabletExpiry,
            }),
        ]),
        field(
            "vehicle",
            TextField::Vehicle,
            Msg::RecordVehicle,
            &r.vehicle,
            Entry::Text,
        ),
        Control::Row(vec![
            field(
                "record-patient",
                TextField::Patient,
                Msg::WsPatient,
                &s.inputs.patient,
                Entry::Text,
            ),
            field(
                "prescriber",
                TextField::Prescriber,
                Msg::RecordPrescriber,
                &r.prescriber,
                Entry::Text,
            ),
            field(
                "profession",
                TextField::Profession,
                Msg::RecordProfession,
                &r.profession,
                Entry::Text,
            ),
        ]),
        Control::Row(vec![
            field(
                "prescription-no",
                TextField::PrescriptionNo,
                Msg::RecordPrescriptionNo,
                &r.prescription_no,
                Entry::Text,
            ),
            field(
                "indication",
                TextField::Indication,
                Msg::RecordIndication,
                &r.indication,
                Entry::Text,
            ),
        ]),
        Control::Row(vec![
            field(
                "prepared-by",
                TextField::PreparedBy,
                Msg::RecordPreparedBy,
                &r.prepared_by,
                Entry::Text,
            ),
            field(
                "checked-by",
                TextField::CheckedBy,
                Msg::RecordCheckedBy,
                &r.checked_by,
                Entry::Text,
            ),
        ]),
    ];
    if shows_use_code(s.doc.pharmacy.country, r.use_code) {
        // After the prescription's rows.
        fields.insert(
            6,
            use_code_choice(lang, "use-code", r.use_code, Action::RecordUseCode),
        );
    }
    fields.push(Control::Note {
        text: on_the_label(lang, s.doc.pharmacy.country),
        stale: false,
        testid: "record-on-label",
    });
    fields
}

fn pharmacy(s: &State) -> PharmacyView {
    let lang = s.lang;
    let p = &s.pharmacy;
    let field = |id, sends, label: Msg, value: &str| {
        form::text(s, id, Entry::Text, None, sends, lang.t(label), value)
    };
    PharmacyView {
        heading: lang.t(Msg::PharmacyHeading),
        fields: vec![
            field(
                "pharmacy-name",
                TextField::PharmacyName,
                Msg::PharmacyName,
                &p.name,
            ),
            field(
                "pharmacy-address",
                TextField::PharmacyAddress,
                Msg::PharmacyAddress,
                &p.address,
            ),
            field(
                "pharmacy-phone",
                TextField::PharmacyPhone,
                Msg::PharmacyPhone,
                &p.phone,
            ),
            Control::Radios(form::choice_of(
                lang,
                "pharmacy-country",
                lang.t(Msg::PharmacyCountry),
                p.country,
                &Country::ALL.map(|c| (c, country_name(c))),
                Action::PharmacyCountry,
            )),
        ],
        save: lang.t(Msg::SavePharmacy),
        status: lang.t(if *p == s.doc.pharmacy {
            Msg::PharmacySaved
        } else {
            Msg::PharmacyNotSaved
        }),
    }
}

/// The choice of what the next bottle is made for, each option saying
/// what it gives.
fn bottle_for(s: &State) -> Control {
    let lang = s.lang;
    let chosen = s.bottle_for();
    let dose = s.dose.ok().map_or_else(String::new, |d| {
        directions_only(
            lang,
            d.order.dose_mg,
            d.order.per_day,
            s.inputs.dose_unit == DoseUnit::Mcg,
        )
    });
    Control::Radios(form::choice(
        "bottle-for",
        lang.t(Msg::BottleForField),
        [
            (
                lang.f(msg::BottleForDose { dose: &dose }),
                chosen == BottleFor::Dose,
                Action::BottleFor(BottleFor::Dose),
            ),
            (
                lang.t(Msg::BottleForPlan).to_string(),
                chosen == BottleFor::Plan,
                Action::BottleFor(BottleFor::Plan),
            ),
        ],
    ))
}

/// What "Save this batch" will save: the recipe and concentration, the
/// prescription as its label and record will state it (a plan's steps in
/// the bottle's days; each with its draw and every warning, so a draw that
/// rounds is seen before it is labelled) and the patient.
fn save_summary(s: &State) -> Option<String> {
    let lang = s.lang;
    let batch = s.batch_to_save()?;
    let r = &batch.recipe;
    let directions = bottle_doses(lang, &batch, s.today, MAX_STEPS_RECORD, false);
    let said: Vec<String> = directions
        .doses
        .iter()
        .map(|d| match &d.line {
            Some(line) => format!("{} ({})", d.directions, line.with_warnings(lang)),
            None => d.directions.clone(),
        })
        .collect();
    let patient = batch.record.patient.trim();
    Some(lang.f(msg::SaveSummary {
        recipe: &format!(
            "{}, {}",
            contents_with(lang, r, &batch.record.vehicle),
            qty_mg_per_ml(lang, r.concentration().mg_per_ml())
        ),
        prescription: &said.join("; "),
        patient: if patient.is_empty() {
            lang.t(Msg::SaveSummaryNoPatient)
        } else {
            patient
        },
    }))
}

fn open(s: &State, address: &str) -> Option<OpenBatchView> {
    let id = s.open_batch?;
    let b = s.doc.batches.iter().find(|b| b.id == id)?;
    Some(OpenBatchView {
        id,
        record: record(s.lang, b, s),
        label: batch_label(s.lang, b, s),
        printing: match s.print {
            Some(PrintJob::Record(_)) => "record",
            Some(PrintJob::TestLabel) => "none",
            _ => "label",
        },
        print_record: Action::Print(PrintJob::Record(id)),
        print_label: Action::Print(PrintJob::Label(id)),
        close: s.lang.t(Msg::CloseRecord),
        size: label_size_control(s, "label-size"),
        print_notices: [
            (s.pharmacy != s.doc.pharmacy, Msg::PharmacyUnsavedPrint),
            (
                s.doc.pharmacy.is_empty() && s.pharmacy.is_empty(),
                Msg::LabelNoPharmacy,
            ),
            (b.record.patient.is_empty(), Msg::LabelNoPatient),
        ]
        .into_iter()
        .filter(|(shown, _)| *shown)
        .map(|(_, m)| s.lang.t(m))
        .collect(),
        patient_link: batch_link(s.lang, address, b).ok_or(s.lang.t(Msg::BatchNoPatientLink)),
        label_qr: s.doc.label_size == LabelSize::A4,
        edit_open: (s.lang.t(Msg::RecordEdit), Action::EditRecord(Some(id))),
        edit: s
            .record_edit
            .as_ref()
            .filter(|e| e.id == id)
            .map(|e| super::record_edit::edit_view(s, b, e)),
        history: super::record_edit::history(s.lang, b),
    })
}

/// My batches; `address` is the app's own address, for the patient link.
pub fn batches(s: &State, address: &str) -> BatchesView {
    let lang = s.lang;
    let can_save = s.can_save();
    let words: Vec<String> = s
        .batch_search
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let items: Vec<BatchItem> = s
        .doc
        .batches
        .iter()
        .filter(|b| matches(b, &words))
        .map(|b| item(lang, b, s.today, s.confirm_delete == Some(b.id)))
        .collect();
    BatchesView {
        heading: lang.t(Msg::BatchesHeading),
        storage_problem: match &s.storage {
            Storage::Unavailable => Some(lang.t(Msg::StorageUnavailable)),
            Storage::Full => Some(lang.t(Msg::StorageFull)),
            _ => None,
        },
        name_field: form::text(
            s,
            "batch-name",
            Entry::Text,
            None,
            TextField::BatchName,
            lang.t(Msg::BatchName),
            &s.batch_name,
        ),
        save: lang.t(Msg::SaveBatch),
        can_save,
        save_hint: (!can_save).then(|| {
            lang.t(if matches!(s.inputs.conc_source, ConcSource::Batch(_)) {
                Msg::SaveNeedsRecipeSource
            } else if s.record_problem().is_some() {
                Msg::SaveNeedsRecord
            } else if s.bottle_for() == BottleFor::Plan && s.recipe.ok().is_some() {
                Msg::SaveNeedsPlan
            } else {
                Msg::SaveNeedsValid
            })
        }),
        bottle_for: bottle_for(s),
        save_summary: save_summary(s),
        pack_scan: pack_scan(s),
        record_heading: lang.t(Msg::RecordHeading),
        record_fields: record_fields(s),
        search: form::text(
            s,
            "batch-search",
            Entry::Text,
            None,
            TextField::BatchSearch,
            lang.t(Msg::SearchBatches),
            &s.batch_search,
        ),
        search_none: (items.is_empty() && !s.doc.batches.is_empty()).then(|| {
            lang.f(msg::SearchNone {
                text: s.batch_search.trim(),
            })
        }),
        open: open(s, address),
        pharmacy: pharmacy(s),
        formulas: super::formulas::formulas(s),
        label_printer: label_printer(s),
        notice: s.notice.as_ref().map(|n| match n {
            Notice::Imported(merged) => NoticeView {
                id: "import-done",
                failed: false,
                text: imported(lang, merged),
                close: lang.t(Msg::Close),
            },
            Notice::ImportFailed(reason) => NoticeView {
                id: "import-error",
                failed: true,
                text: lang.f(msg::ImportFailed {
                    reason: &read_problem(lang, reason),
                }),
                close: lang.t(Msg::Close),
            },
            Notice::EditClosedElsewhere => NoticeView {
                id: "edit-closed-elsewhere",
                failed: true,
                text: lang.t(Msg::EditClosedElsewhere).to_owned(),
                close: lang.t(Msg::Close),
            },
            Notice::EditClosedDeleted => NoticeView {
                id: "edit-closed-elsewhere",
                failed: true,
                text: lang.t(Msg::EditClosedDeleted).to_owned(),
                close: lang.t(Msg::Close),
            },
        }),
        items,
        empty: lang.t(Msg::NoBatches),
        export: lang.t(Msg::ExportBatches),
        import: lang.t(Msg::ImportBatches),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::date::Date;
    use ldn_engine::syringe::SyringePreset;
    use ldn_model::inputs::{BudChoice, Inputs, SyringeChoice};
    use ldn_model::saved::{parse, Document};
    use ldn_model::state::apply;

    const ADDRESS: &str = "https://example.org/ldn/";

    fn state(doc: Document) -> State {
        State::new(
            Inputs::new("2026-03-01"),
            Lang::En,
            Date::parse_iso("2026-03-01").unwrap(),
            doc,
            Storage::Working,
        )
    }

    fn codes(item: &BatchItem) -> Vec<&'static str> {
        item.dose
            .iter()
            .flat_map(|d| d.warnings.iter())
            .chain(&item.warnings)
            .map(|w| w.code)
            .collect()
    }

    #[test]
    fn a_saved_batch_carries_its_daily_total_and_date_warnings() {
        // 4.5 mg twice a day from 1 mg/mL on a 5 mL syringe (4.4 mL, tie
        // down), kept 45 days, prepared the day after today.
        let s = state(Document::new());
        let s = apply(s, Action::Type(TextField::Dose, "4.5".into()));
        let s = apply(
            s,
            Action::Syringe(SyringeChoice::Preset(SyringePreset::Ml5)),
        );
        let s = apply(s, Action::PerDay(2));
        let s = apply(s, Action::Bud(BudChoice::Custom));
        let s = apply(s, Action::Type(TextField::CustomBud, "45".into()));
        let s = apply(s, Action::Type(TextField::Prepared, "2026-03-02".into()));
        let s = apply(s, Action::SaveBatch);
        let item = &batches(&s, ADDRESS).items[0];
        assert_eq!(
            codes(item),
            [
                "above-ldn-range",
                "prepared-in-future",
                "use-by-beyond-guidance"
            ]
        );
        // 2 x 4.5 = 9 mg a day, said as such.
        assert_eq!(
            item.dose.as_ref().unwrap().warnings[0]
                .text
                .replace('\u{a0}', " "),
            "9 mg a day (4.5 mg twice a day) is above 4.5 mg a day, the top of the LDN range. Check with the prescriber."
        );
        // Once the day has come, it is no longer in the future.
        let mut later = s.clone();
        later.today = Date::parse_iso("2026-03-02").unwrap();
        assert_eq!(
            codes(&batches(&later, ADDRESS).items[0]),
            ["above-ldn-range", "use-by-beyond-guidance"]
        );
        // The Dose screen drawing from it says the same about the bottle.
        let id = s.doc.batches[0].id;
        let s = apply(s, Action::UseBatch(id));
        let dose = crate::dose::dose(&s).results.unwrap();
        let shown: Vec<_> = dose.warnings.lines.iter().map(|w| w.code).collect();
        for code in [
            "above-ldn-range",
            "prepared-in-future",
            "use-by-beyond-guidance",
        ] {
            assert!(shown.contains(&code), "{code}: {shown:?}");
        }
    }

    #[test]
    fn a_draw_of_a_tenth_of_a_ml_is_not_saved_and_a_stored_one_is_no_draw() {
        // 0.1 mg at 1 mg/mL on a 0.5 mL syringe: 0.1 mL, 20 % full, on a mark,
        // but at the limit of accuracy: not a draw, so not saved.
        let s = state(Document::new());
        let s = apply(
            s,
            Action::Syringe(SyringeChoice::Preset(SyringePreset::Ml0_5)),
        );
        let s = apply(s, Action::Type(TextField::Dose, "0.1".into()));
        assert_eq!(
            s.dose.ok().unwrap().check.draw_ml.value().to_string(),
            "0.1"
        );
        assert!(!s.can_save());
        // 0.11 mg: 0.11 mL, just above it: saved.
        let s = apply(s, Action::Type(TextField::Dose, "0.11".into()));
        assert!(s.can_save());
        // A batch stored by an older version with a 0.1 mL draw still loads
        // (the saved data stays readable), and is stated as no draw.
        let doc = parse(
            r#"{"version":1,"batches":[{"id":1,"name":"old","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"0.1","draw_ml":"0.1","per_day":1}]}"#,
        )
        .unwrap();
        let item = &batches(&state(doc), ADDRESS).items[0];
        assert!(!item.dose.as_ref().unwrap().is_measured());
        assert!(
            !item.dose_sentence.contains("draw"),
            "{}",
            item.dose_sentence
        );
        assert!(item.dose_sentence.contains("ask the pharmacy"));
        assert_eq!(codes(item), ["below-accuracy"]);
    }

    /// The pharmacist's journey on one device: record, save (numbered),
    /// find it, open its record and label, print either.
    #[test]
    fn a_batch_is_saved_with_its_record_found_and_printed() {
        let mut s = state(Document::new());
        for (field, text) in [
            (TextField::Product, "Naltrexone Accord 50 mg"),
            (TextField::Lot, "AB123"),
            (TextField::TabletExpiry, "2027-06-30"),
            (TextField::PreparedBy, "NN"),
            (TextField::Patient, "Kari Nordmann"),
            (TextField::Prescriber, "Dr. Hansen"),
        ] {
            s = apply(s, Action::Type(field, text.into()));
        }
        assert!(s.can_save());
        s = apply(s, Action::SaveBatch);
        s = apply(s, Action::SaveBatch);
        let v = batches(&s, ADDRESS);
        let numbers: Vec<_> = v.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["Batch 20260301-1", "Batch 20260301-2"]);
        // The record is this bottle's: the next one saved starts blank,
        // never labelled for the same patient by accident.
        let second = &s.doc.batches[1].record;
        assert_eq!(second, &ldn_model::record::Record::default());
        assert_eq!(
            (s.inputs.patient.as_str(), s.record.prescriber.as_str()),
            ("", "")
        );
        assert_eq!(
            v.items[0].record_line.as_deref(),
            Some("Patient: Kari Nordmann \u{b7} Tablet product: Naltrexone Accord 50 mg \u{b7} Tablet lot number: AB123")
        );
        // The one just saved is open; its record leaves the checker blank.
        let open = v.open.unwrap();
        assert_eq!(open.id, s.doc.batches[1].id);
        let first = s.doc.batches[0].id;
        let s = apply(s, Action::OpenBatch(Some(first)));
        let open = batches(&s, ADDRESS).open.unwrap();
        let row = |id: &str| {
            open.record
                .rows
                .iter()
                .find(|r| r.id == id)
                .and_then(|r| r.value.clone())
        };
        assert_eq!(row("lot").as_deref(), Some("AB123"));
        assert_eq!(row("tablet-expiry").as_deref(), Some("30 Jun 2027"));
        // Typed, not scanned: no product code to print.
        assert_eq!(row("gtin"), None);
        assert_eq!(row("vehicle").as_deref(), Some("Purified water"));
        assert_eq!(row("checked-by"), None);
        assert_eq!(row("use-until").as_deref(), Some("30 Mar 2026"));
        // 1.5 mL a day for 30 days from 50 mL: 5 mL is thrown away, and
        // the record says so (it said "None").
        let codes: Vec<_> = open.record.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, ["outlasts-use-by"]);
        assert!(open.record.no_warnings.is_none());
        assert_eq!(open.label.batch.as_deref(), Some("Batch 20260301-1"));
        // Search: every word, any case, in number, name, patient, product,
        // lot or prescriber.
        let find = |s: &State, text: &str| {
            let s = apply(s.clone(), Action::Type(TextField::BatchSearch, text.into()));
            let v = batches(&s, ADDRESS);
            (v.items.len(), v.search_none.is_some())
        };
        assert_eq!(find(&s, "ab123"), (1, false));
        assert_eq!(find(&s, "kari 20260301-1"), (1, false));
        assert_eq!(find(&s, "kari 20260301-2"), (0, true));
        assert_eq!(find(&s, "hansen"), (1, false));
        assert_eq!(find(&s, "ola"), (0, true));
        // Printing opens that batch and names what the page prints.
        let s = apply(s, Action::Print(PrintJob::Record(first)));
        assert_eq!(
            (s.print_count, batches(&s, ADDRESS).open.unwrap().printing),
            (1, "record")
        );
        let s = apply(s, Action::Print(PrintJob::Label(first)));
        assert_eq!(
            (s.print_count, batches(&s, ADDRESS).open.unwrap().printing),
            (2, "label")
        );
        // Printed: the first delete asks again (its button says why), the
        // second deletes, and the batch closes.
        let s = apply(s, Action::DeleteBatch(first));
        let v = batches(&s, ADDRESS);
        assert!(v.open.is_some());
        let item = v.items.iter().find(|i| i.id == first).unwrap();
        assert!(item
            .buttons
            .iter()
            .any(|b| b.label == "Its record or label was printed: press again to delete"));
        let s = apply(s, Action::DeleteBatch(first));
        assert!(batches(&s, ADDRESS).open.is_none());
    }

    /// Tablets that expire before the bottle's last day block saving, with
    /// the reason under the field.
    #[test]
    fn tablets_expiring_first_block_saving() {
        let s = state(Document::new());
        let s = apply(
            s,
            Action::Type(TextField::TabletExpiry, "2026-03-29".into()),
        );
        assert!(!s.can_save());
        let v = batches(&s, ADDRESS);
        assert_eq!(
            v.save_hint,
            Some("Correct the compounding record to save this batch.")
        );
        let error = v
            .record_fields
            .iter()
            .find_map(|c| match c {
                Control::Row(row) => row.iter().find_map(|c| match c {
                    Control::Text(t) if t.id == "tablet-expiry" => t.error.clone(),
                    _ => None,
                }),
                _ => None,
            })
            .unwrap();
        assert!(error.text.contains("29 Mar 2026"), "{}", error.text);
        assert!(error.text.contains("30 Mar 2026"), "{}", error.text);
        let s = apply(
            s,
            Action::Type(TextField::TabletExpiry, "2026-03-30".into()),
        );
        assert!(s.can_save());
    }

    /// Pharmacy details are kept only when saved; the status says which.
    #[test]
    fn pharmacy_details_are_saved_on_request() {
        let s = state(Document::new());
        let s = apply(
            s,
            Action::Type(TextField::PharmacyName, " Apotek  1 ".into()),
        );
        assert_eq!(
            batches(&s, ADDRESS).pharmacy.status,
            "Not saved yet: labels print the saved details."
        );
        assert!(s.doc.pharmacy.name.is_empty());
        let s = apply(s, Action::SavePharmacy);
        assert_eq!(s.doc.pharmacy.name, "Apotek 1");
        assert_eq!(
            batches(&s, ADDRESS).pharmacy.status,
            "Saved on this device."
        );
        let s = apply(s, Action::LabelSize(LabelSize::Small));
        assert_eq!(s.doc.label_size, LabelSize::Small);
    }
}
