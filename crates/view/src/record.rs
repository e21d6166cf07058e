//! A saved batch's record (the compounding worksheet), one A4 page: what
//! went in, how it was made, who made and checked it, the patient, the
//! prescriber, the directions with the draw and every warning (the
//! bottle's waste too), storage and use-by. A field left empty prints as a
//! line to fill in by hand. A bottle made for a plan lists the plan's steps
//! in its days, as its label does (`view::bottle`).

use super::bottle::bottle_doses;
use super::draw::WarningLine;
use super::label::LabelDose;
use super::particulars::use_code_words;
use super::parts::method_steps;
use super::record_edit::{appearance_words, history_with};
use super::text::{qty_mg, qty_mg_per_ml, qty_ml};
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::warning::Warning;
use ldn_model::outcome::recipe_outcome;
use ldn_model::record::Appearance;
use ldn_model::saved::Batch;
use ldn_model::state::State;

/// Most plan steps the record lists (one A4 page) before it gives the
/// day's step and the plan's parameters.
pub const MAX_STEPS_RECORD: usize = 8;

/// Most versions the printed record lists (the newest); the rest are on My
/// batches.
pub const MAX_VERSIONS_PRINTED: usize = 3;

/// The printed history's room, in characters (about three lines of the A4
/// record): the newest version always, the next ones while they fit.
pub const HISTORY_PRINTED_CHARS: usize = 300;

/// The most characters of a field's words before or after a change on the
/// printed history (a long deviation is cut with "…"; My batches has it
/// whole, and the record's own row its newest words).
pub const HISTORY_PRINTED_WORDS: usize = 40;

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
    /// A plan bottle's `Dose: as in your dosing plan:` above its steps.
    pub plan_note: Option<String>,
    /// `Dose: 1.5 mg once a day, at bedtime`, or a plan's steps, each with
    /// its draw as every output states it, with its warnings.
    pub doses: Vec<LabelDose>,
    pub warnings_heading: &'static str,
    /// Every warning, once each: the doses' (also beside each draw) and
    /// the bottle's (its dates, what is thrown away at its last day).
    pub warnings: Vec<WarningLine>,
    pub no_warnings: Option<&'static str>,
    /// Lines to sign by hand: `Signature (Prepared by)`, `(Checked by)`.
    pub signatures: [String; 2],
    /// `Version: 2, last changed 7 Dec 2026 · Keep this record until ...`
    /// (`data-testid="record-version-line"`).
    pub version_line: String,
    /// The record's versions after the first, one line each with what
    /// changed (`data-testid="record-versions"`), oldest first.
    pub history_heading: &'static str,
    pub history: Vec<String>,
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
    let directions = bottle_doses(lang, b, s.today, MAX_STEPS_RECORD, false);
    // Every warning the screens show about this bottle, once each: its
    // doses', its dates' (expired or soon), and what is thrown away.
    let mut warnings: Vec<WarningLine> = Vec::new();
    for w in directions
        .doses
        .iter()
        .filter_map(|d| d.line.as_ref())
        .flat_map(|l| l.warnings.iter())
    {
        if !warnings.contains(w) {
            warnings.push(w.clone());
        }
    }
    warnings.extend(WarningLine::all(lang, &bottle.warnings, None));
    let waste = ldn_model::saved::waste_at_last_day(b);
    if let Some(ml) = waste {
        warnings.push(WarningLine {
            code: Warning::OutlastsUseBy.code(),
            text: lang.f(msg::RecordWaste {
                volume: &qty_ml(lang, ml),
                amount: &qty_mg(lang, conc.mg_in(ml)),
            }),
        });
    }
    let row = |id, label: Msg, value: Option<String>| RecordRow {
        id,
        label: lang.t(label),
        value,
    };
    let mut rows = vec![
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
        row(
            "prescriber",
            Msg::RecordPrescriber,
            match (text(&r.prescriber), text(&r.profession)) {
                (Some(name), Some(profession)) => Some(format!("{name}, {profession}")),
                (name, profession) => name.or(profession),
            },
        ),
        row("prepared", Msg::WsPrepared, Some(lang.date(b.prepared))),
        row("use-until", Msg::WsUseUntil, Some(lang.date(last_day))),
        row(
            "storage",
            Msg::WsStorage,
            Some(lang.t(Msg::LabelStorage).to_string()),
        ),
        row("prepared-by", Msg::RecordPreparedBy, text(&r.prepared_by)),
        row("checked-by", Msg::RecordCheckedBy, text(&r.checked_by)),
        row(
            "calc-checked-by",
            Msg::RecordCalcCheckedBy,
            text(&r.calc_checked_by),
        ),
        row(
            "measured",
            Msg::RecordMeasured,
            r.measured_ml.map(|ml| {
                lang.f(msg::RecordMeasuredValue {
                    measured: &qty_ml(lang, ml),
                    expected: &qty_ml(lang, b.recipe.final_ml()),
                })
            }),
        ),
        row(
            "appearance",
            Msg::RecordAppearance,
            (r.appearance != Appearance::NotChecked)
                .then(|| appearance_words(lang, r.appearance).to_string()),
        ),
        row("deviations", Msg::RecordDeviations, text(&r.deviations)),
    ];
    // Under the heading, on one line: the version, and how long the
    // record is kept (when said).
    let mut version_line = vec![format!(
        "{}: {}",
        lang.t(Msg::RecordVersion),
        match b.revisions.last() {
            None => "1".to_string(),
            Some(last) => lang.f(msg::RecordVersionChanged {
                version: &last.version.to_string(),
                date: &lang.date(last.date),
            }),
        }
    )];
    if let Some((name, version)) = &r.formula {
        version_line.push(lang.f(msg::RecordFormulaValue {
            name,
            version: &version.to_string(),
        }));
    }
    // The day its label was first printed: the label's dispensing date.
    if let Some(date) = b.dispensed {
        version_line.push(lang.f(msg::LabelDispensed {
            date: &lang.date(date),
        }));
    }
    if let Some(d) = r.retain_until {
        version_line.push(format!(
            "{}: {}",
            lang.t(Msg::RecordRetainUntil),
            lang.date(d)
        ));
    }
    // The prescription's particulars some countries' labels carry, on one
    // row after the prescriber when any is filled in (none to fill in by
    // hand: the label says which its country asks for), as the label says
    // them.
    let particulars: Vec<String> = [
        text(&r.prescription_no).map(|number| lang.f(msg::LabelPrescriptionNo { number: &number })),
        text(&r.indication).map(|indication| {
            lang.f(msg::LabelIndication {
                indication: &indication,
            })
        }),
        r.use_code.map(|c| {
            lang.f(msg::LabelUseCode {
                code: lang.t(use_code_words(c)),
            })
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !particulars.is_empty() {
        let at = rows
            .iter()
            .position(|r| r.id == "prescriber")
            .map_or(0, |i| i + 1);
        rows.insert(
            at,
            row(
                "prescription",
                Msg::WsPrescription,
                Some(particulars.join(" \u{b7} ")),
            ),
        );
    }
    // A scanned pack's product code, beside the product (none to fill in
    // by hand: a code typed from the pack would not be checked).
    if !r.gtin.is_empty() {
        rows.insert(2, row("gtin", Msg::PackGtin, Some(r.gtin.clone())));
    }
    let none = warnings.is_empty();
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
        steps: method_steps(lang, &b.recipe, last_day, &b.record.vehicle),
        directions_heading: lang.t(Msg::WsDirections),
        plan_note: directions.plan_note,
        doses: directions
            .doses
            .into_iter()
            .map(|d| LabelDose::of(lang, d))
            .collect(),
        warnings_heading: lang.t(Msg::WsWarnings),
        warnings,
        no_warnings: none.then(|| lang.t(Msg::WsNoWarnings)),
        signatures: [Msg::RecordPreparedBy, Msg::RecordCheckedBy]
            .map(|who| format!("{} ({})", lang.t(Msg::WsSignature), lang.t(who))),
        print: lang.t(Msg::PrintRecord),
        version_line: version_line.join(" \u{b7} "),
        history_heading: lang.t(Msg::RecordHistoryHeading),
        history: {
            // The newest versions (the page stays one A4 sheet); how many
            // earlier ones My batches keeps.
            let versions = history_with(lang, b, HISTORY_PRINTED_WORDS)
                .map(|h| h.versions)
                .unwrap_or_default();
            let all = versions.len();
            let mut room = HISTORY_PRINTED_CHARS;
            let mut lines: Vec<String> = Vec::new();
            for (head, changes) in versions.into_iter().take(MAX_VERSIONS_PRINTED) {
                let line = format!("{head} ({})", changes.join("; "));
                let size = line.chars().count();
                if !lines.is_empty() && size > room {
                    break;
                }
                room = room.saturating_sub(size);
                lines.push(line);
            }
            let earlier = all - lines.len();
            lines.reverse();
            if earlier > 0 {
                lines.insert(
                    0,
                    lang.f(msg::RecordHistoryEarlier {
                        count: earlier as u64,
                    }),
                );
            }
            lines
        },
    }
}
