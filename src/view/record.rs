//! A saved batch's record (the compounding worksheet), one A4 page: what
//! went in, how it was made, who made and checked it, the patient, the
//! prescriber, the directions with the draw and every warning, storage and
//! use-by. A field left empty prints as a line to fill in by hand.

use super::draw::{Alternative, DoseLine, WarningLine};
use super::label::directions;
use super::parts::method_steps;
use super::text::{qty_mg, qty_mg_per_ml, qty_ml};
use crate::engine::dose::judge_draw;
use crate::i18n::{Lang, Msg};
use crate::model::outcome::recipe_outcome;
use crate::model::saved::Batch;
use crate::model::state::State;

/// One labelled line of the record; `None` is printed blank, to be filled
/// in by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    /// Stable id (`data-row`), for tests and styling.
    pub id: &'static str,
    pub label: &'static str,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordView {
    pub heading: &'static str,
    /// The pharmacy's name, address and phone, as on its labels.
    pub pharmacy: Option<String>,
    pub rows: Vec<RecordRow>,
    pub steps_heading: &'static str,
    pub steps: Vec<String>,
    pub directions_heading: &'static str,
    /// `Dose: 1.5 mg once a day, at bedtime`.
    pub directions: String,
    /// The draw as every output states it, with its warnings.
    pub dose: DoseLine,
    pub dose_sentence: String,
    pub warnings_heading: &'static str,
    /// The bottle's date warnings (the dose's are in `dose`).
    pub warnings: Vec<WarningLine>,
    pub no_warnings: Option<&'static str>,
    /// Lines to sign by hand: `Signature (Prepared by)`, `(Checked by)`.
    pub signatures: [String; 2],
    pub print: &'static str,
}

fn text(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

pub fn record(lang: Lang, b: &Batch, s: &State) -> RecordView {
    let r = &b.record;
    let conc = b.recipe.concentration();
    let bottle = recipe_outcome(&b.recipe_order(), s.today);
    let last_day = bottle.expiry.last_day;
    // As on the label and My batches: judged with the syringe its link
    // names (without one, all but the fill), and a draw not to be made
    // sends the patient to the pharmacy.
    let check = judge_draw(conc, b.dose_mg, b.draw_ml, b.per_day, b.syringe());
    let dose = DoseLine::new(lang, &check, false, Alternative::Pharmacy);
    // The bottle's as on the screen: expired or soon, and its dates.
    let warnings = WarningLine::all(lang, &bottle.warnings, None);
    let row = |id, label: Msg, value: Option<String>| RecordRow {
        id,
        label: lang.t(label),
        value,
    };
    let rows = vec![
        row("number", Msg::WsBatchNumber, Some(b.number.clone())),
        row("product", Msg::WsProduct, text(&r.product)),
        row(
            "strength",
            Msg::WsStrength,
            Some(qty_mg(lang, b.recipe.tablet_mg())),
        ),
        row("lot", Msg::RecordLot, text(&r.lot)),
        row(
            "tablet-expiry",
            Msg::RecordTabletExpiry,
            r.tablet_expiry.map(|d| lang.date(d)),
        ),
        row(
            "tablets",
            Msg::WsTablets,
            Some(b.recipe.tablets().to_string()),
        ),
        row(
            "vehicle",
            Msg::WsVehicle,
            Some(text(&r.vehicle).unwrap_or_else(|| lang.t(Msg::VehicleDefault).to_string())),
        ),
        row(
            "final-volume",
            Msg::WsFinalVolume,
            Some(qty_ml(lang, b.recipe.final_ml())),
        ),
        row(
            "concentration",
            Msg::WsConcentration,
            Some(qty_mg_per_ml(lang, conc.mg_per_ml())),
        ),
        row("patient", Msg::WsPatient, text(&r.patient)),
        row("prescriber", Msg::RecordPrescriber, text(&r.prescriber)),
        row("prepared", Msg::WsPrepared, Some(lang.date(b.prepared))),
        row("use-until", Msg::WsUseUntil, Some(lang.date(last_day))),
        row(
            "storage",
            Msg::WsStorage,
            Some(lang.t(Msg::LabelStorage).to_string()),
        ),
        row("prepared-by", Msg::RecordPreparedBy, text(&r.prepared_by)),
        row("checked-by", Msg::RecordCheckedBy, text(&r.checked_by)),
    ];
    let none = dose.warnings.is_empty() && warnings.is_empty();
    RecordView {
        heading: lang.t(Msg::WorksheetHeading),
        pharmacy: {
            let p = &s.doc.pharmacy;
            let lines: Vec<&str> = [&p.name, &p.address, &p.phone]
                .into_iter()
                .map(String::as_str)
                .filter(|l| !l.is_empty())
                .collect();
            (!lines.is_empty()).then(|| lines.join(" \u{b7} "))
        },
        rows,
        steps_heading: lang.t(Msg::StepsHeading),
        steps: method_steps(lang, &b.recipe, last_day),
        directions_heading: lang.t(Msg::WsDirections),
        directions: directions(lang, b.dose_mg, b.per_day, false),
        dose_sentence: dose.sentence(lang),
        dose,
        warnings_heading: lang.t(Msg::WsWarnings),
        warnings,
        no_warnings: none.then(|| lang.t(Msg::WsNoWarnings)),
        signatures: [Msg::RecordPreparedBy, Msg::RecordCheckedBy]
            .map(|who| format!("{} ({})", lang.t(Msg::WsSignature), lang.t(who))),
        print: lang.t(Msg::PrintRecord),
    }
}
