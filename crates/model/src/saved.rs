//! Batches kept on the device: one versioned JSON document in local storage,
//! also used as the export/import file, read and written by serde_json.
//!
//! The stored shape is plain data (`DocumentV2`, `BatchV2`: decimals as
//! exact text, never floats). A `Batch` can only be read through
//! `Batch::try_from` a `BatchV2` object (`#[serde(try_from)]`), the same checks as
//! typed input, so stored data cannot skip the engine's checks. Unknown and
//! repeated fields are refused, and `ReadProblem` says which, in which batch.
//! Unreadable data is never dropped: `load` hands back the raw text.
//!
//! Version 2 added the batch record (a batch number and the worksheet's
//! facts), the pharmacy's details and label size, and the dose diary. A
//! version-1 document is read in its own shape and migrated (`parse`):
//! nothing is dropped, each batch gets a number from its preparation date.
//! Version 3 added `step_back_days` to diary entries (a step-back accepted
//! on the device). Version 4 keeps the prescription a bottle was made for:
//! a fixed dose (`dose_mg`, `draw_ml`, `per_day`, as before) or a dosing
//! plan (`plan`, its link parameters, and no fixed dose); a bottle from an
//! older version whose link names a plan and a syringe was made for that
//! plan (`upgrade`). Version 5 keeps a scanned pack's product code with a
//! bottle's record (`gtin`) and the product names typed for product codes
//! (`products`), so the next scan of a product fills in its name.
//! Version 6 keeps how the person felt each day (`score` on a diary entry,
//! 0 to 10) and what they score (`condition`, e.g. "pain"). Version 7
//! keeps the made-up bottle's checks on its record (`calc_checked_by`,
//! `measured_ml`, `appearance`, `deviations`, `retain_until`), whether its
//! record or label was printed (`printed`), and the record's later versions
//! (`revisions`: who, when, why, what changed). Version 8 keeps the
//! pharmacy's country, whose label rules its labels follow
//! (`pharmacy_country`), and the prescription's particulars some of those
//! ask for (`profession`, `prescription_no`, `indication`, `use_code`). Each
//! version is a subset of the next, so the `...V2`
//! types, which hold version 4's fields too, read them all; a field that
//! is not a subset's needs its own shape and a migration step.

use ldn_engine::batch::{expiry, BeyondUse, Expiry};
use ldn_engine::date::{Date, TimeOfDay};
use ldn_engine::number::{check_range, parse_decimal};
use ldn_engine::quantity::{Mg, Ml};
use ldn_engine::recipe::{Recipe, RecipeError};
use ldn_engine::small_sort;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_path_to_error::Segment;
use std::fmt;
use std::marker::PhantomData;

use super::bottle::{BottlePlan, Prescription};
use super::country::{Country, UseCode};
use super::diary::{
    DiaryEntry, SideEffect, Taken, MAX_DIARY_ENTRIES, MAX_NOTE, MAX_SCORE, STEP_BACK_DAYS,
    STEP_BACK_LONGER,
};
use super::formula::{same_name, Formula, MAX_FORMULAS};
use super::gs1::is_gtin;
use super::order::RecipeOrder;
use super::record::{
    clean, clean_text, is_batch_number, next_batch_number, Appearance, KnownProduct, LabelSize,
    Pharmacy, Record, MAX_DEVIATIONS, MAX_KNOWN_PRODUCTS, MAX_RECORD_TEXT,
};
use super::revision::{Change, RecordField, Revision, MAX_REVISIONS};

/// The local-storage key.
pub const STORAGE_KEY: &str = "ldn-calc";
/// The document version this build writes. Older ones are migrated in
/// `parse`.
pub const CURRENT_VERSION: u32 = 8;
/// A batch's name is kept to this many characters.
pub const MAX_BATCH_NAME: usize = 80;
/// More batches than anyone keeps; a larger file is refused.
pub const MAX_BATCHES: usize = 1000;

/// The day a label printed `today` dispenses a bottle made on `prepared`
/// and used until `last_day`: today, from its preparation day to its last;
/// none before or after (its label says not to use it now).
pub fn dispensing_day(prepared: Date, last_day: Date, today: Date) -> Option<Date> {
    (prepared <= today && today <= last_day).then_some(today)
}

/// A saved batch, validated: it is read only through `BatchV2` and
/// `Batch::try_from`, and written in the same shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Object<BatchV2>", into = "BatchV2")]
pub struct Batch {
    pub id: u64,
    /// Unique on the device (see `record::next_batch_number`).
    pub number: String,
    pub name: String,
    pub recipe: Recipe,
    pub prepared: Date,
    pub policy: BeyondUse,
    /// What it was made for: a fixed dose or a dosing plan (version 4 on).
    pub prescription: Prescription,
    /// Intakes marked as taken.
    pub taken: u32,
    /// The shareable-link query at the time of saving (with its plan, if
    /// any), to reopen the calculation. Only link-safe characters.
    pub link: String,
    /// What went in and who made and checked it (version 2 on).
    pub record: Record,
    /// Its record or label has been printed (version 7 on): a change to
    /// the record then makes a new version.
    pub printed: bool,
    /// The day its label was first printed (version 8 on): the dispensing
    /// date its labels give from then on.
    pub dispensed: Option<Date>,
    /// The record's versions after the first, oldest first.
    pub revisions: Vec<Revision>,
}

/// Keeps a stored link query to the characters our links use, so it can
/// only ever be a query on this page.
fn safe_link(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || "=&%._:,-".contains(*c))
        .take(2000)
        .collect()
}

impl Batch {
    /// The record's version: 1, and one more for each change after it was
    /// printed.
    pub fn version(&self) -> u32 {
        u32::try_from(self.revisions.len()).map_or(u32::MAX, |n| n.saturating_add(1))
    }

    /// The syringe its draw was rounded for, as its saved link names it;
    /// None for a batch saved without one (an imported file may have no
    /// link).
    pub fn syringe(&self) -> Option<ldn_engine::syringe::Syringe> {
        super::link::syringe_named(&self.link)
    }

    /// The batch as a prepared recipe: what the Dose screen draws from.
    pub fn recipe_order(&self) -> RecipeOrder {
        RecipeOrder {
            recipe: self.recipe,
            target_mg_per_ml: None,
            prepared: self.prepared,
            policy: self.policy,
        }
    }

    /// The day a label printed `today` dispenses this bottle: the day its
    /// label was first printed, else today while the bottle may be used
    /// (`dispensing_day`).
    pub fn dispensed_on(&self, today: Date) -> Option<Date> {
        self.dispensed
            .or_else(|| dispensing_day(self.prepared, self.last_day(), today))
    }

    /// The batch as stored (JSON), to tell whether two copies differ.
    pub fn to_json(&self) -> String {
        // As `Document::to_json`: every field serializes infallibly.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Its last day of use.
    pub fn last_day(&self) -> Date {
        self.policy.last_day(self.prepared)
    }

    /// The intakes its prescription asks for on `date`, judged with the
    /// syringe it was saved with (see `Prescription::intakes_on`).
    pub fn intakes_on(&self, date: Date) -> Vec<ldn_engine::dose::DoseCheck> {
        self.prescription
            .intakes_on(date, self.recipe.concentration(), self.syringe())
    }

    /// Its days, prepared to last day, as runs of identical days (a plan
    /// bottle's last ones `Empty` when the plan's draws use it up first).
    pub fn steps(&self) -> Vec<super::bottle::Step> {
        super::bottle::steps(
            &self.prescription,
            self.prepared,
            self.last_day(),
            self.empty_after(),
            self.recipe.concentration(),
            self.syringe(),
        )
    }

    /// For a plan bottle the plan's draws use up before its last day: the
    /// last day it gives the doses in full.
    pub fn empty_after(&self) -> Option<Date> {
        super::bottle::empty_after(
            &self.prescription,
            self.prepared,
            self.last_day(),
            self.recipe.final_ml(),
            self.recipe.concentration(),
            self.syringe(),
        )
    }
}

/// A batch as stored from version 2 on: version 1's fields with the batch
/// number after the id, and the record's fields after the link (each may
/// be empty; `tablet_expiry` null). A version-1 batch is this without the
/// new fields (and, in older files, without `taken` and `link`).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchV2 {
    id: u64,
    #[serde(default)]
    number: String,
    name: String,
    tablet_mg: Exact,
    tablets: u32,
    final_ml: Exact,
    prepared: IsoDate,
    bud_days: u32,
    /// A fixed dose's; absent for a bottle made for a plan (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dose_mg: Option<Exact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    draw_ml: Option<Exact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    per_day: Option<u32>,
    /// The plan's link parameters, for a bottle made for a plan (version 4
    /// on); absent for a fixed dose.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    plan: String,
    #[serde(default)]
    taken: u32,
    #[serde(default)]
    link: String,
    #[serde(default)]
    product: String,
    /// Version 5 on; absent unless the pack was scanned.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    gtin: String,
    #[serde(default)]
    lot: String,
    #[serde(default)]
    tablet_expiry: Option<IsoDate>,
    #[serde(default)]
    vehicle: String,
    #[serde(default)]
    prepared_by: String,
    #[serde(default)]
    checked_by: String,
    #[serde(default)]
    patient: String,
    #[serde(default)]
    prescriber: String,
    /// Version 8 on, each absent while empty: the prescription's
    /// particulars some countries' labels carry.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    profession: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    prescription_no: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    indication: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    use_code: String,
    /// Version 7 on, each absent while empty: the made-up bottle's checks,
    /// whether it was printed, and the record's versions after the first.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    calc_checked_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    measured_ml: Option<Exact>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    appearance: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    deviations: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retain_until: Option<IsoDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    printed: bool,
    /// Version 8 on; absent until its label is printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dispensed: Option<IsoDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    revisions: Vec<RevisionV7>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    formula: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    formula_version: Option<u32>,
}

/// A master formula as stored (version 7 on).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormulaV7 {
    name: String,
    version: u32,
    tablet_mg: Exact,
    tablets: u32,
    final_ml: Exact,
    #[serde(default)]
    vehicle: String,
    saved: IsoDate,
}

/// A record's version as stored (version 7 on).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RevisionV7 {
    version: u32,
    date: IsoDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    by: String,
    why: String,
    changes: Vec<ChangeV7>,
}

/// One field changed, as stored.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeV7 {
    field: String,
    before: String,
    after: String,
}

/// The versions as read: numbered 2, 3, ... in order, each with who and
/// why and at least one change of a known field; texts kept as typed
/// text is.
fn revisions(stored: Vec<RevisionV7>) -> Result<Vec<Revision>, Unusable> {
    if stored.len() > MAX_REVISIONS {
        return Err(Unusable("revisions"));
    }
    stored
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let version = u32::try_from(i + 2).map_err(|_| Unusable("revisions"))?;
            let (by, why) = (clean(&r.by), clean_text(&r.why, MAX_DEVIATIONS));
            if r.version != version || by.is_empty() || why.is_empty() || r.changes.is_empty() {
                return Err(Unusable("revisions"));
            }
            let time = match r.time {
                None => None,
                Some(t) => Some(TimeOfDay::parse(&t).map_err(|_| Unusable("revisions"))?),
            };
            let changes = r
                .changes
                .into_iter()
                .map(|c| {
                    Ok(Change {
                        field: RecordField::from_code(&c.field).ok_or(Unusable("revisions"))?,
                        before: clean_text(&c.before, MAX_DEVIATIONS),
                        after: clean_text(&c.after, MAX_DEVIATIONS),
                    })
                })
                .collect::<Result<Vec<_>, Unusable>>()?;
            Ok(Revision {
                version,
                date: r.date.0,
                time,
                by,
                why,
                changes,
            })
        })
        .collect()
}

impl From<&Revision> for RevisionV7 {
    fn from(r: &Revision) -> RevisionV7 {
        RevisionV7 {
            version: r.version,
            date: IsoDate(r.date),
            time: r.time.map(|t| t.to_string()),
            by: r.by.clone(),
            why: r.why.clone(),
            changes: r
                .changes
                .iter()
                .map(|c| ChangeV7 {
                    field: c.field.code().to_string(),
                    before: c.before.clone(),
                    after: c.after.clone(),
                })
                .collect(),
        }
    }
}

/// The fields of a stored batch (version 2 has them all), for naming the
/// one a file gets wrong.
const BATCH_FIELDS: [&str; 37] = [
    "id",
    "number",
    "name",
    "tablet_mg",
    "tablets",
    "final_ml",
    "prepared",
    "bud_days",
    "dose_mg",
    "draw_ml",
    "per_day",
    "plan",
    "taken",
    "link",
    "product",
    "gtin",
    "lot",
    "tablet_expiry",
    "vehicle",
    "prepared_by",
    "checked_by",
    "patient",
    "prescriber",
    "profession",
    "prescription_no",
    "indication",
    "use_code",
    "calc_checked_by",
    "measured_ml",
    "appearance",
    "deviations",
    "retain_until",
    "printed",
    "dispensed",
    "revisions",
    "formula",
    "formula_version",
];

/// The fields of a stored diary entry.
const ENTRY_FIELDS: [&str; 9] = [
    "date",
    "time",
    "dose_mg",
    "draw_ml",
    "as_planned",
    "effects",
    "note",
    "step_back_days",
    "score",
];

/// The fields of the stored document (version 2 has them all).
const DOCUMENT_FIELDS: [&str; 13] = [
    "version",
    "lang",
    "pharmacy_name",
    "pharmacy_address",
    "pharmacy_phone",
    "pharmacy_country",
    "label_size",
    "batches",
    "diary",
    "retired_numbers",
    "products",
    "condition",
    "formulas",
];

/// A decimal as exact text ("4.5"), read by the engine's own number reader
/// (the typed fields' rules: no exponent, sign or thousands separator) and
/// written normalised. Never a JSON number, so never a float.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
struct Exact(Decimal);

impl TryFrom<String> for Exact {
    type Error = Unusable;
    fn try_from(text: String) -> Result<Exact, Unusable> {
        parse_decimal(&text)
            .map(Exact)
            .map_err(|_| Unusable("number"))
    }
}

impl From<Exact> for String {
    fn from(value: Exact) -> String {
        value.0.normalize().to_string()
    }
}

/// A calendar date as ISO text ("2026-03-01").
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
struct IsoDate(Date);

impl TryFrom<String> for IsoDate {
    type Error = Unusable;
    fn try_from(text: String) -> Result<IsoDate, Unusable> {
        Date::parse_iso(&text)
            .map(IsoDate)
            .map_err(|_| Unusable("date"))
    }
}

impl From<IsoDate> for String {
    fn from(value: IsoDate) -> String {
        value.0.to_string()
    }
}

/// A `T` read only from a JSON object. serde's derives would also read a
/// struct from an array, by position (`[1, "March", ...]`), which is not
/// a file this app writes.
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Fields<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer
            .deserialize_map(Fields(PhantomData))
            .map(Object)
    }
}

/// A stored value that cannot be used; for a batch, the field it is in.
/// serde carries it as the error's message (see `problem`).
#[derive(Debug)]
struct Unusable(&'static str);

impl fmt::Display for Unusable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The checks typed input gets, and those between fields; the error names
/// the first field that cannot be used. A version-1 batch has no number
/// (`parse` gives it one) and no record.
impl TryFrom<Object<BatchV2>> for Batch {
    type Error = Unusable;
    fn try_from(Object(b): Object<BatchV2>) -> Result<Batch, Unusable> {
        if !b.number.is_empty() && !is_batch_number(&b.number) {
            return Err(Unusable("number"));
        }
        let recipe = Recipe::new(Mg::new(b.tablet_mg.0), b.tablets, Ml::new(b.final_ml.0))
            .map_err(|e| {
                Unusable(match e {
                    RecipeError::TabletStrength(_) => "tablet_mg",
                    RecipeError::TabletCount(_) => "tablets",
                    _ => "final_ml",
                })
            })?;
        let policy = BeyondUse::from_days(b.bud_days).map_err(|_| Unusable("bud_days"))?;
        let link = safe_link(&b.link);
        let prescription = if b.plan.is_empty() {
            fixed_dose(&recipe, b.dose_mg, b.draw_ml, b.per_day)?
        } else {
            // A plan's doses are measured on the bottle's syringe, so its
            // link must name one; and a plan bottle has no fixed dose.
            let plan = BottlePlan::read(&b.plan).map_err(|_| Unusable("plan"))?;
            if b.dose_mg.is_some() || b.draw_ml.is_some() || b.per_day.is_some() {
                return Err(Unusable("plan"));
            }
            if super::link::syringe_named(&link).is_none() {
                return Err(Unusable("link"));
            }
            Prescription::Plan(plan)
        };
        // Only a product code a scan could have read.
        if !b.gtin.is_empty() && !is_gtin(&b.gtin) {
            return Err(Unusable("gtin"));
        }
        // As on My batches: tablets may not expire before the bottle does.
        let last_day = policy.last_day(b.prepared.0);
        if b.tablet_expiry.is_some_and(|t| t.0 < last_day) {
            return Err(Unusable("tablet_expiry"));
        }
        Ok(Batch {
            id: b.id,
            number: b.number,
            name: b.name.chars().take(MAX_BATCH_NAME).collect(),
            recipe,
            prepared: b.prepared.0,
            policy,
            prescription,
            taken: b.taken,
            link,
            record: Record {
                product: clean(&b.product),
                gtin: b.gtin,
                lot: clean(&b.lot),
                tablet_expiry: b.tablet_expiry.map(|d| d.0),
                vehicle: clean(&b.vehicle),
                prepared_by: clean(&b.prepared_by),
                checked_by: clean(&b.checked_by),
                patient: clean(&b.patient),
                prescriber: clean(&b.prescriber),
                profession: clean(&b.profession),
                prescription_no: clean(&b.prescription_no),
                indication: clean(&b.indication),
                use_code: match b.use_code.as_str() {
                    "" => None,
                    code => Some(UseCode::from_code(code).ok_or(Unusable("use_code"))?),
                },
                calc_checked_by: clean(&b.calc_checked_by),
                measured_ml: match b.measured_ml {
                    None => None,
                    Some(ml) => Some(Ml::new(
                        check_range(ml.0, Decimal::new(1, 1), Decimal::ONE_THOUSAND)
                            .map_err(|_| Unusable("measured_ml"))?,
                    )),
                },
                appearance: Appearance::from_code(&b.appearance).ok_or(Unusable("appearance"))?,
                deviations: clean_text(&b.deviations, MAX_DEVIATIONS),
                retain_until: match b.retain_until {
                    Some(d) if d.0 < b.prepared.0 => return Err(Unusable("retain_until")),
                    d => d.map(|d| d.0),
                },
                formula: match (clean(&b.formula), b.formula_version) {
                    (name, None) if name.is_empty() => None,
                    (name, Some(v)) if !name.is_empty() && v >= 1 => Some((name, v)),
                    _ => return Err(Unusable("formula")),
                },
            },
            printed: b.printed,
            // Set when a label is printed, which marks it printed; never
            // before it was made.
            dispensed: match b.dispensed {
                Some(d) if d.0 < b.prepared.0 || !b.printed => return Err(Unusable("dispensed")),
                d => d.map(|d| d.0),
            },
            revisions: revisions(b.revisions)?,
        })
    }
}

/// A fixed dose as stored, with the checks typed input gets.
fn fixed_dose(
    recipe: &Recipe,
    dose_mg: Option<Exact>,
    draw_ml: Option<Exact>,
    per_day: Option<u32>,
) -> Result<Prescription, Unusable> {
    // The dose's range is the typed field's (0.001 to 100 mg).
    let dose_mg = Mg::new(
        dose_mg
            .and_then(|d| check_range(d.0, Decimal::new(1, 3), Decimal::ONE_HUNDRED).ok())
            .ok_or(Unusable("dose_mg"))?,
    );
    let draw_ml = Ml::new(draw_ml.ok_or(Unusable("draw_ml"))?.0);
    if draw_ml.is_zero() || draw_ml > recipe.final_ml() {
        return Err(Unusable("draw_ml"));
    }
    // The draw must be this dose's draw: rounding to a syringe mark
    // gives at most twice the dose (just over half a mark rounds up to
    // one) and never less than half of it. Anything else is not a
    // rounding but another dose, and would be stated as this one's.
    let delivered = recipe.concentration().mg_in(draw_ml);
    if delivered > dose_mg + dose_mg || delivered + delivered < dose_mg {
        return Err(Unusable("draw_ml"));
    }
    let per_day = per_day
        .filter(|n| (1..=2).contains(n))
        .ok_or(Unusable("per_day"))?;
    Ok(Prescription::Fixed {
        dose_mg,
        draw_ml,
        per_day,
    })
}

impl From<Batch> for BatchV2 {
    fn from(b: Batch) -> BatchV2 {
        let r = b.record;
        let (dose_mg, draw_ml, per_day, plan) = match b.prescription {
            Prescription::Fixed {
                dose_mg,
                draw_ml,
                per_day,
            } => (
                Some(Exact(dose_mg.value())),
                Some(Exact(draw_ml.value())),
                Some(per_day),
                String::new(),
            ),
            Prescription::Plan(p) => (None, None, None, p.query().to_string()),
        };
        BatchV2 {
            id: b.id,
            number: b.number,
            name: b.name,
            tablet_mg: Exact(b.recipe.tablet_mg().value()),
            tablets: b.recipe.tablets(),
            final_ml: Exact(b.recipe.final_ml().value()),
            prepared: IsoDate(b.prepared),
            bud_days: b.policy.days(),
            dose_mg,
            draw_ml,
            per_day,
            plan,
            taken: b.taken,
            link: b.link,
            product: r.product,
            gtin: r.gtin,
            lot: r.lot,
            tablet_expiry: r.tablet_expiry.map(IsoDate),
            vehicle: r.vehicle,
            prepared_by: r.prepared_by,
            checked_by: r.checked_by,
            patient: r.patient,
            prescriber: r.prescriber,
            profession: r.profession,
            prescription_no: r.prescription_no,
            indication: r.indication,
            use_code: r.use_code.map(|c| c.code().to_string()).unwrap_or_default(),
            calc_checked_by: r.calc_checked_by,
            measured_ml: r.measured_ml.map(|ml| Exact(ml.value())),
            appearance: r.appearance.code().to_string(),
            deviations: r.deviations,
            retain_until: r.retain_until.map(IsoDate),
            printed: b.printed,
            dispensed: b.dispensed.map(IsoDate),
            revisions: b.revisions.iter().map(RevisionV7::from).collect(),
            formula: r.formula.as_ref().map(|f| f.0.clone()).unwrap_or_default(),
            formula_version: r.formula.as_ref().map(|f| f.1),
        }
    }
}

/// A diary entry as stored (version 2 on; `step_back_days` from 3). `dose_mg` and `draw_ml` come
/// together (a dose taken) or not at all; `effects` are codes.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryV2 {
    date: IsoDate,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    dose_mg: Option<Exact>,
    #[serde(default)]
    draw_ml: Option<Exact>,
    #[serde(default)]
    as_planned: bool,
    #[serde(default)]
    effects: Vec<String>,
    #[serde(default)]
    note: String,
    /// A step-back accepted on the device (2 or 3 days from `date`);
    /// absent otherwise, so entries without one are stored as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step_back_days: Option<u32>,
    /// How the person felt, 0 to 10 (version 6 on); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    score: Option<u8>,
}

/// A diary entry, read only through this check.
#[derive(Deserialize)]
#[serde(try_from = "Object<EntryV2>")]
struct CheckedEntry(DiaryEntry);

impl TryFrom<Object<EntryV2>> for CheckedEntry {
    type Error = Unusable;
    fn try_from(Object(e): Object<EntryV2>) -> Result<CheckedEntry, Unusable> {
        let time = match e.time {
            None => None,
            Some(t) => Some(TimeOfDay::parse(&t).map_err(|_| Unusable("time"))?),
        };
        let taken = match (e.dose_mg, e.draw_ml) {
            (None, None) => None,
            (Some(dose), Some(draw)) => {
                let dose_mg = check_range(dose.0, Decimal::new(1, 3), Decimal::ONE_HUNDRED)
                    .map_err(|_| Unusable("dose_mg"))?;
                let draw_ml = check_range(draw.0, Decimal::new(1, 3), Decimal::ONE_THOUSAND)
                    .map_err(|_| Unusable("draw_ml"))?;
                Some(Taken {
                    dose_mg: Mg::new(dose_mg),
                    draw_ml: Ml::new(draw_ml),
                    as_planned: e.as_planned,
                })
            }
            (Some(_), None) => return Err(Unusable("draw_ml")),
            (None, Some(_)) => return Err(Unusable("dose_mg")),
        };
        let mut effects = e
            .effects
            .iter()
            .map(|code| SideEffect::from_code(code).ok_or(Unusable("effects")))
            .collect::<Result<Vec<_>, _>>()?;
        small_sort::sort(&mut effects);
        effects.dedup();
        Ok(CheckedEntry(DiaryEntry {
            date: e.date.0,
            time,
            taken,
            effects,
            note: e
                .note
                .chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .take(MAX_NOTE)
                .collect(),
            step_back: match e.step_back_days {
                None => None,
                Some(days @ (STEP_BACK_DAYS | STEP_BACK_LONGER)) => Some(days),
                Some(_) => return Err(Unusable("step_back_days")),
            },
            score: match e.score {
                Some(n) if n > MAX_SCORE => return Err(Unusable("score")),
                score => score,
            },
        }))
    }
}

impl From<&DiaryEntry> for EntryV2 {
    fn from(e: &DiaryEntry) -> EntryV2 {
        EntryV2 {
            date: IsoDate(e.date),
            time: e.time.map(|t| t.to_string()),
            dose_mg: e.taken.map(|t| Exact(t.dose_mg.value())),
            draw_ml: e.taken.map(|t| Exact(t.draw_ml.value())),
            as_planned: e.taken.is_some_and(|t| t.as_planned),
            effects: e.effects.iter().map(|x| x.code().to_string()).collect(),
            note: e.note.clone(),
            step_back_days: e.step_back,
            score: e.score,
        }
    }
}

/// The whole saved document. It is written in the current version's shape
/// (`DocumentV2`) and read only through `parse`, which knows every version.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub version: u32,
    /// The language chosen, as a code (`en`, `nb`, `da`, `uk`).
    pub lang: Option<String>,
    /// Printed on every label.
    pub pharmacy: Pharmacy,
    pub label_size: LabelSize,
    pub batches: Vec<Batch>,
    /// The dose diary, oldest first.
    pub diary: Vec<DiaryEntry>,
    /// The numbers of deleted batches, oldest first (at most
    /// `MAX_BATCHES`): a printed label may still carry one, so a new
    /// bottle never gets it again.
    pub retired_numbers: Vec<String>,
    /// Product names typed for scanned product codes, oldest first (at
    /// most `MAX_KNOWN_PRODUCTS`, one per code).
    pub products: Vec<KnownProduct>,
    /// What the person scores in the diary ("pain", "fatigue"; version 6
    /// on), at most `MAX_CONDITION` characters; empty when not named.
    pub condition: String,
    /// The pharmacy's master formulas, every version (version 7 on).
    pub formulas: Vec<Formula>,
}

/// The longest condition name kept.
pub const MAX_CONDITION: usize = 60;

/// Version 2 as stored, in the stored field order. Written whole; read with
/// anything but `version` allowed to be missing, which makes it the reader
/// of version 1 too (`version`, `lang`, `batches`: a subset).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentV2<B, E> {
    version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    #[serde(default)]
    pharmacy_name: String,
    #[serde(default)]
    pharmacy_address: String,
    #[serde(default)]
    pharmacy_phone: String,
    /// Version 8 on; absent for no country's template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pharmacy_country: Option<String>,
    #[serde(default)]
    label_size: Option<String>,
    #[serde(default = "Vec::new")]
    batches: Vec<B>,
    #[serde(default = "Vec::new")]
    diary: Vec<E>,
    /// Version 3 on; absent while empty.
    #[serde(default = "Vec::new", skip_serializing_if = "Vec::is_empty")]
    retired_numbers: Vec<String>,
    /// Version 5 on; absent while empty.
    #[serde(default = "Vec::new", skip_serializing_if = "Vec::is_empty")]
    products: Vec<ProductV5>,
    /// Version 7 on; absent while empty.
    #[serde(default = "Vec::new", skip_serializing_if = "Vec::is_empty")]
    formulas: Vec<FormulaV7>,
    /// Version 6 on; absent while empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    condition: String,
}

/// A remembered product name as stored (version 5 on).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductV5 {
    gtin: String,
    name: String,
}

/// Only the version, read first to choose the shape of the rest.
#[derive(Deserialize)]
struct Version {
    version: u64,
}

impl Document {
    pub fn new() -> Document {
        Document {
            version: CURRENT_VERSION,
            ..Document::default()
        }
    }

    /// The document as stored: compact JSON, fields in the order above.
    pub fn to_json(&self) -> String {
        // serde_json fails only on a map whose keys are not strings or a
        // `Serialize` that returns an error; the document has neither (its
        // maps are structs, and every field serializes infallibly), so
        // this cannot panic.
        let stored = DocumentV2 {
            version: u64::from(CURRENT_VERSION),
            lang: self.lang.clone(),
            pharmacy_name: self.pharmacy.name.clone(),
            pharmacy_address: self.pharmacy.address.clone(),
            pharmacy_phone: self.pharmacy.phone.clone(),
            pharmacy_country: (self.pharmacy.country != Country::Other)
                .then(|| self.pharmacy.country.code().to_string()),
            label_size: Some(self.label_size.code().to_string()),
            batches: self.batches.clone(),
            diary: self.diary.iter().map(EntryV2::from).collect::<Vec<_>>(),
            retired_numbers: self.retired_numbers.clone(),
            products: self
                .products
                .iter()
                .map(|p| ProductV5 {
                    gtin: p.gtin.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            condition: self.condition.clone(),
            formulas: self
                .formulas
                .iter()
                .map(|f| FormulaV7 {
                    name: f.name.clone(),
                    version: f.version,
                    tablet_mg: Exact(f.recipe.tablet_mg().value()),
                    tablets: f.recipe.tablets(),
                    final_ml: Exact(f.recipe.final_ml().value()),
                    vehicle: f.vehicle.clone(),
                    saved: IsoDate(f.saved),
                })
                .collect(),
        };
        serde_json::to_string(&stored).expect("the saved document always serializes")
    }

    /// An id not used by any batch here.
    pub fn next_id(&self) -> u64 {
        self.batches
            .iter()
            .map(|b| b.id)
            .max()
            .map_or(1, |m| m.saturating_add(1))
    }

    /// The batch number for a new bottle prepared on `prepared`: never one
    /// kept here or retired.
    pub fn next_number(&self, prepared: Date) -> String {
        let kept = self.batches.iter().map(|b| b.number.as_str());
        let retired = self.retired_numbers.iter().map(String::as_str);
        next_batch_number(prepared, kept.chain(retired))
    }

    /// The product name typed for a scanned product code, if any.
    pub fn product_for(&self, gtin: &str) -> Option<&str> {
        self.products
            .iter()
            .find(|p| p.gtin == gtin)
            .map(|p| p.name.as_str())
    }

    /// Remembers `name` for the product code `gtin` (a name typed again
    /// replaces the one before); only a real product code and a name.
    pub fn remember_product(&mut self, gtin: &str, name: &str) {
        let name = clean(name);
        if !is_gtin(gtin) || name.is_empty() {
            return;
        }
        self.products.retain(|p| p.gtin != gtin);
        self.products.push(KnownProduct {
            gtin: gtin.to_string(),
            name,
        });
        let over = self.products.len().saturating_sub(MAX_KNOWN_PRODUCTS);
        self.products.drain(..over);
    }

    /// Deletes a batch; its number is retired, never given again.
    pub fn delete_batch(&mut self, id: u64) {
        let Some(i) = self.batches.iter().position(|b| b.id == id) else {
            return;
        };
        let number = self.batches.remove(i).number;
        self.retire(number);
    }

    /// Keeps `number` among the retired ones (the newest `MAX_BATCHES`).
    fn retire(&mut self, number: String) {
        if !self.retired_numbers.contains(&number) {
            self.retired_numbers.push(number);
        }
        let over = self.retired_numbers.len().saturating_sub(MAX_BATCHES);
        self.retired_numbers.drain(..over);
    }

    /// Adds an imported document: its batches under fresh ids (a batch
    /// number already used here gets the next free one for its day, and is
    /// counted), its diary entries not already here, and its pharmacy
    /// details if none are kept here. Refused, changing nothing, if there
    /// would be too many batches or entries to keep.
    pub fn merge(&mut self, incoming: Document) -> Result<Merged, ReadProblem> {
        // The same bottle: its number, day and recipe, and its record's
        // patient, product and lot. Numbers are unique on one device only,
        // so another device's first bottle of the day for another patient
        // has the same number, day and usual recipe; it is imported (and
        // renumbered), never dropped. A kept bottle whose patient, product
        // or lot was corrected since the file was made comes in again,
        // renumbered, which the notice says.
        let kept = |b: &Batch| {
            self.batches.iter().any(|k| {
                k.number == b.number
                    && k.prepared == b.prepared
                    && k.recipe == b.recipe
                    && k.record.patient == b.record.patient
                    && k.record.product == b.record.product
                    && k.record.lot == b.record.lot
            })
        };
        let new = incoming.batches.iter().filter(|b| !kept(b)).count();
        if self.batches.len() + new > MAX_BATCHES {
            return Err(ReadProblem::TooMany);
        }
        // A day has one score: one given on this device stays.
        let scored: Vec<Date> = self
            .diary
            .iter()
            .filter(|e| e.score.is_some())
            .map(|e| e.date)
            .collect();
        let entries: Vec<DiaryEntry> = incoming
            .diary
            .into_iter()
            .filter(|e| !self.diary.contains(e))
            .filter_map(|mut e| {
                if e.score.is_some() && scored.contains(&e.date) {
                    e.score = None;
                    if e.is_empty() {
                        return None;
                    }
                }
                Some(e)
            })
            .collect();
        if self.diary.len() + entries.len() > MAX_DIARY_ENTRIES {
            return Err(ReadProblem::TooManyEntries);
        }
        // A bottle kept here already (`kept`) is not added again: a file
        // exported earlier and imported back would otherwise copy a
        // printed record under a number no label carries. The one kept
        // here, with its history, stays.
        let batches: Vec<Batch> = incoming.batches.into_iter().filter(|b| !kept(b)).collect();
        let kept_as = self.merge_formulas(incoming.formulas);
        let mut merged = Merged {
            batches: batches.len(),
            renumbered: Vec::new(),
            entries: entries.len(),
            // Said when this import added them (not again on the next).
            formulas_renamed: kept_as
                .iter()
                .filter(|(_, _, added)| *added)
                .map(|(was, now, _)| (was.clone(), now.clone()))
                .collect(),
        };
        let mut id = self.next_id();
        for mut b in batches {
            b.id = id;
            id = id.saturating_add(1);
            if let Some((name, _)) = &mut b.record.formula {
                if let Some((_, now, _)) = kept_as.iter().find(|(was, _, _)| was == name) {
                    name.clone_from(now);
                }
            }
            if self.batches.iter().any(|kept| kept.number == b.number) {
                let number = self.next_number(b.prepared);
                merged
                    .renumbered
                    .push((std::mem::replace(&mut b.number, number.clone()), number));
            }
            self.batches.push(b);
        }
        self.diary.extend(entries);
        sort_diary(&mut self.diary);
        for number in incoming.retired_numbers {
            self.retire(number);
        }
        if self.pharmacy.is_empty() {
            self.pharmacy = incoming.pharmacy;
        }
        if self.condition.is_empty() {
            self.condition = incoming.condition;
        }
        // A name typed on this device stays; the file's fill the gaps.
        for p in incoming.products {
            if self.product_for(&p.gtin).is_none() {
                self.remember_product(&p.gtin, &p.name);
            }
        }
        Ok(merged)
    }

    /// Adds the file's master formulas, as far as room allows. A name not
    /// kept here comes whole (every version). A name kept here keeps its
    /// versions: the file adds the later ones it has when every version
    /// both have is the same recipe and vehicle. When one differs, the
    /// file's lineage goes under another name, so no record points at
    /// another formula's version: the one an earlier import gave it
    /// ("LDN (2)") if that agrees, else a name not kept here. Returns the
    /// file's names kept under another: (the file's name, the one here,
    /// whether this import added versions to it).
    fn merge_formulas(&mut self, incoming: Vec<Formula>) -> Vec<(String, String, bool)> {
        let mut renamed = Vec::new();
        let mut rest = incoming;
        while let Some(name) = rest.first().map(|f| f.name.clone()) {
            let (mut lineage, others): (Vec<Formula>, Vec<Formula>) =
                rest.into_iter().partition(|f| same_name(&f.name, &name));
            rest = others;
            // Where it goes: the name itself, or one an import gave it,
            // whose versions agree with the file's; else a new name.
            let agrees = |here: &str| {
                self.formulas
                    .iter()
                    .filter(|h| same_name(&h.name, here))
                    .all(|h| {
                        lineage.iter().all(|f| {
                            h.version != f.version
                                || (h.recipe == f.recipe && h.vehicle == f.vehicle)
                        })
                    })
            };
            let kept_as = |candidate: &str| {
                self.formulas
                    .iter()
                    .find(|h| same_name(&h.name, candidate))
                    .map(|h| h.name.clone())
            };
            let target = match kept_as(&name) {
                None => name.clone(),
                Some(here) if agrees(&here) => here,
                Some(_) => (2..=MAX_FORMULAS + 1)
                    .filter_map(|n| kept_as(&renamed_formula(&name, n)))
                    .find(|here| agrees(here))
                    .unwrap_or_else(|| self.free_formula_name(&name, &rest)),
            };
            let known = self
                .formulas
                .iter()
                .filter(|h| same_name(&h.name, &target))
                .count();
            lineage.retain(|f| usize::try_from(f.version).is_ok_and(|v| v > known));
            if self.formulas.len() + lineage.len() > MAX_FORMULAS {
                continue;
            }
            for f in &mut lineage {
                f.name.clone_from(&target);
            }
            if !same_name(&target, &name) {
                renamed.push((name, target, !lineage.is_empty()));
            }
            self.formulas.extend(lineage);
        }
        renamed
    }

    /// `name (2)`, `name (3)`, ...: the first kept neither here nor among
    /// the file's `others`.
    fn free_formula_name(&self, name: &str, others: &[Formula]) -> String {
        let taken = |candidate: &str| {
            self.formulas
                .iter()
                .chain(others)
                .any(|f| same_name(&f.name, candidate))
        };
        (2..=MAX_FORMULAS * 2 + 2)
            .map(|n| renamed_formula(name, n))
            .find(|candidate| !taken(candidate))
            .unwrap_or_else(|| name.to_owned())
    }
}

/// `name (n)`, within the longest text kept (so it reads back as written).
fn renamed_formula(name: &str, n: usize) -> String {
    let suffix = format!(" ({n})");
    let room = MAX_RECORD_TEXT.saturating_sub(suffix.chars().count());
    let base: String = name.chars().take(room).collect();
    format!("{}{suffix}", base.trim_end())
}

/// What an import added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub batches: usize,
    /// Numbers already used here: (the file's number, the new one).
    pub renumbered: Vec<(String, String)>,
    pub entries: usize,
    /// The file's master formulas whose versions differ from those kept
    /// here under the same name: (the file's name, the name it is kept
    /// under now, which its bottles name).
    pub formulas_renamed: Vec<(String, String)>,
}

/// What was found in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    Nothing,
    Ready(Document),
    /// The text could not be read as any known version. It is kept, not
    /// overwritten, until the user has had the chance to download it.
    Unreadable {
        raw: String,
        reason: ReadProblem,
    },
}

/// Why a stored or imported file could not be used. The screens say it in
/// the user's language (`ui::present::read_problem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    /// The browser could not open the file as text.
    FileUnreadable,
    /// Larger than any saved-batches file can be.
    FileTooLarge,
    /// Not JSON: reading stopped at this character (1-based).
    NotJson(usize),
    /// JSON, but not a saved-batches file.
    NotBatches,
    /// Made by a newer version of the app.
    NewerVersion(u64),
    /// More than `MAX_BATCHES`, in the file or with those already saved.
    TooMany,
    /// More than `MAX_DIARY_ENTRIES` diary entries.
    TooManyEntries,
    /// The n-th batch (1-based) has a missing or unusable field.
    BadBatch { n: usize, field: &'static str },
    /// The n-th diary entry (1-based) has a missing or unusable field.
    BadEntry { n: usize, field: &'static str },
    /// A field this app does not write, where; the name shortened to 40
    /// characters.
    UnknownField { at: Place, name: String },
    /// A field given twice, where.
    RepeatedField { at: Place, name: String },
}

/// Where in a document a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Document,
    /// The n-th batch, 1-based.
    Batch(usize),
    /// The n-th diary entry, 1-based.
    Entry(usize),
}

/// Reads a stored (or imported) document, migrating older versions.
pub fn load(raw: Option<&str>) -> Loaded {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return Loaded::Nothing;
    };
    match parse(raw) {
        Ok(doc) => Loaded::Ready(doc),
        Err(reason) => Loaded::Unreadable {
            raw: raw.to_string(),
            reason,
        },
    }
}

/// Parses a document of any known version into the current one.
pub fn parse(raw: &str) -> Result<Document, ReadProblem> {
    let Object(Version { version }) = read(raw)?;
    match version {
        0 => return Err(ReadProblem::NotBatches),
        v if v > u64::from(CURRENT_VERSION) => return Err(ReadProblem::NewerVersion(v)),
        _ => {}
    }
    let Object(stored): Object<DocumentV2<Batch, CheckedEntry>> = read(raw)?;
    let doc = upgrade(stored, version)?;
    if doc.batches.len() > MAX_BATCHES {
        return Err(ReadProblem::TooMany);
    }
    if doc.diary.len() > MAX_DIARY_ENTRIES {
        return Err(ReadProblem::TooManyEntries);
    }
    Ok(doc)
}

/// The document as read, as the current version. Version 1 to 2: every
/// batch kept as it was, with a number from its preparation date in the
/// order saved; no record, pharmacy or diary yet. Up to version 3: a
/// bottle whose link names a plan and a syringe was made for that plan
/// (its label said the plan's first dose only; see `made_for_linked_plan`).
fn upgrade(stored: DocumentV2<Batch, CheckedEntry>, version: u64) -> Result<Document, ReadProblem> {
    let label_size = match stored.label_size.as_deref() {
        None => LabelSize::default(),
        Some(code) => LabelSize::from_code(code).ok_or(ReadProblem::NotBatches)?,
    };
    let country = match stored.pharmacy_country.as_deref() {
        None => Country::default(),
        Some(code) => Country::from_code(code).ok_or(ReadProblem::NotBatches)?,
    };
    let mut doc = Document {
        // Only a preference: a code that is not a language is ignored
        // where it is used.
        lang: stored.lang,
        pharmacy: Pharmacy {
            name: clean(&stored.pharmacy_name),
            address: clean(&stored.pharmacy_address),
            phone: clean(&stored.pharmacy_phone),
            country,
        },
        label_size,
        diary: stored.diary.into_iter().map(|CheckedEntry(e)| e).collect(),
        condition: typed_condition(&stored.condition),
        ..Document::new()
    };
    // Written by this app: batch numbers, at most as many as it keeps.
    if stored.retired_numbers.len() > MAX_BATCHES {
        return Err(ReadProblem::TooMany);
    }
    if !stored.retired_numbers.iter().all(|n| is_batch_number(n)) {
        return Err(ReadProblem::NotBatches);
    }
    doc.retired_numbers = stored.retired_numbers;
    // Written by this app: real recipes, named, each name's versions 1, 2,
    // ... once each, in order.
    if stored.formulas.len() > MAX_FORMULAS {
        return Err(ReadProblem::NotBatches);
    }
    for f in stored.formulas {
        let recipe = Recipe::new(Mg::new(f.tablet_mg.0), f.tablets, Ml::new(f.final_ml.0))
            .map_err(|_| ReadProblem::NotBatches)?;
        let name = clean(&f.name);
        let earlier = doc
            .formulas
            .iter()
            .filter(|g| same_name(&g.name, &name))
            .count();
        if name.is_empty() || usize::try_from(f.version).ok() != Some(earlier + 1) {
            return Err(ReadProblem::NotBatches);
        }
        doc.formulas.push(Formula {
            name,
            version: f.version,
            recipe,
            vehicle: clean(&f.vehicle),
            saved: f.saved.0,
        });
    }
    // Written by this app: real product codes, one name each, at most as
    // many as it keeps.
    if stored.products.len() > MAX_KNOWN_PRODUCTS {
        return Err(ReadProblem::NotBatches);
    }
    for p in stored.products {
        let name = clean(&p.name);
        if !is_gtin(&p.gtin) || name.is_empty() || doc.product_for(&p.gtin).is_some() {
            return Err(ReadProblem::NotBatches);
        }
        doc.products.push(KnownProduct { gtin: p.gtin, name });
    }
    sort_diary(&mut doc.diary);
    let batches = stored.batches;
    for (i, b) in batches.iter().enumerate() {
        // Numbers are unique on the device; a file that repeats one was
        // not written by this app.
        if !b.number.is_empty() && batches[..i].iter().any(|a| a.number == b.number) {
            return Err(ReadProblem::BadBatch {
                n: i + 1,
                field: "number",
            });
        }
    }
    doc.batches = batches;
    if version < 4 {
        for b in &mut doc.batches {
            made_for_linked_plan(b);
        }
    }
    // Then the unnumbered ones (version 1), in the order saved, each after
    // every number already given.
    for i in 0..doc.batches.len() {
        if doc.batches[i].number.is_empty() {
            doc.batches[i].number = doc.next_number(doc.batches[i].prepared);
        }
    }
    Ok(doc)
}

/// A bottle saved before version 4 with a plan in its link (`plan=`) and a
/// syringe: made for that plan, which the link kept. Before version 4 its
/// label and QR code gave only the dose on the Dose screen when it was
/// saved, while the plan went on to step up: the issue this version
/// fixes. Without a syringe (or with a plan that cannot be read) it keeps
/// its fixed dose.
fn made_for_linked_plan(b: &mut Batch) {
    if b.syringe().is_none() {
        return;
    }
    let parts: Vec<&str> = b
        .link
        .split('&')
        .filter(|pair| {
            let name = pair.split_once('=').map_or(*pair, |(n, _)| n);
            super::link::PLAN_PARAMS.contains(&name)
        })
        .collect();
    if let Ok(plan) = BottlePlan::read(&parts.join("&")) {
        b.prescription = Prescription::Plan(plan);
    }
}

/// A condition name as kept: one line, at most `MAX_CONDITION` characters,
/// no leading space; a space typed after a word stays (the next word
/// follows it), so it is kept and read as typed, and trimmed where shown.
pub fn typed_condition(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .skip_while(|c| c.is_whitespace())
        .take(MAX_CONDITION)
        .collect()
}

/// The diary in day-and-time order (stable: entries of the same minute
/// keep their order).
pub(crate) fn sort_diary(diary: &mut [DiaryEntry]) {
    small_sort::sort_by_key(diary, |e| (e.date, e.time));
}

/// Reads the whole text as a `T`, or says why not. serde_json bounds the
/// nesting depth (128), and a struct refuses a repeated or unknown field
/// the moment it meets it, so no text makes this slow.
fn read<T: DeserializeOwned>(raw: &str) -> Result<T, ReadProblem> {
    let mut de = serde_json::Deserializer::from_str(raw);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| problem(raw, e))?;
    de.end().map_err(|e| not_json(raw, &e))?;
    Ok(value)
}

/// What a refusal means for the user: where the text stops being JSON, or
/// which field of which batch (from the error's path) is missing, unknown,
/// repeated or unusable.
fn problem(raw: &str, error: serde_path_to_error::Error<serde_json::Error>) -> ReadProblem {
    let path: Vec<Segment> = error.path().iter().cloned().collect();
    let error = error.into_inner();
    if !error.is_data() {
        return not_json(raw, &error);
    }
    let message = message(&error);
    // serde's own words for a struct's missing and repeated fields.
    let named = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(short)
    };
    let repeated = named("duplicate field `");
    match path.as_slice() {
        [Segment::Map { key }, Segment::Seq { index }, rest @ ..]
            if key == "batches" || key == "diary" =>
        {
            let n = index.saturating_add(1);
            let (at, fields, whole): (_, &[&'static str], _) = if key == "batches" {
                (Place::Batch(n), &BATCH_FIELDS, "batch")
            } else {
                (Place::Entry(n), &ENTRY_FIELDS, "entry")
            };
            let known = |name: &str| fields.iter().copied().find(|f| *f == name);
            let bad = |field| match at {
                Place::Entry(n) => ReadProblem::BadEntry { n, field },
                _ => ReadProblem::BadBatch { n, field },
            };
            match rest {
                [Segment::Map { key }, ..] => match known(key) {
                    Some(field) => bad(field),
                    None => ReadProblem::UnknownField {
                        at,
                        name: short(key),
                    },
                },
                _ => match repeated {
                    Some(name) => ReadProblem::RepeatedField { at, name },
                    None => {
                        // A missing field, or one the check names;
                        // anything else is about the item as a whole.
                        let field = named("missing field `")
                            .as_deref()
                            .and_then(known)
                            .or_else(|| known(&message))
                            .unwrap_or(whole);
                        bad(field)
                    }
                },
            }
        }
        [Segment::Map { key }, ..] if !DOCUMENT_FIELDS.contains(&key.as_str()) => {
            ReadProblem::UnknownField {
                at: Place::Document,
                name: short(key),
            }
        }
        [] => match repeated {
            Some(name) => ReadProblem::RepeatedField {
                at: Place::Document,
                name,
            },
            None => ReadProblem::NotBatches,
        },
        _ => ReadProblem::NotBatches,
    }
}

/// A name from the file, short enough to show.
fn short(name: &str) -> String {
    name.chars().take(40).collect()
}

/// The error's message without serde_json's " at line L column C".
fn message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let at = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&at) {
        Some(message) => message.to_string(),
        None => text,
    }
}

/// Not JSON: the character (1-based) where reading stopped; one past the
/// end if the text ends too soon.
fn not_json(raw: &str, error: &serde_json::Error) -> ReadProblem {
    if error.is_eof() {
        return ReadProblem::NotJson(raw.chars().count() + 1);
    }
    // serde_json counts lines by '\n' and columns in bytes; the column is
    // just past the first byte of the character it stopped at.
    let line_start: usize = raw
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let end = line_start.saturating_add(error.column());
    let at = raw.char_indices().take_while(|(i, _)| *i < end).count();
    ReadProblem::NotJson(at.max(1))
}

/// Where a saved batch stands today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchStatus {
    pub expiry: Expiry,
    pub ml_left: Ml,
    pub outlook: Outlook,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outlook {
    Expired,
    Empty,
    /// Runs out after this many days, before its last day.
    RunsOutFirst(u32),
    /// Reaches its last day with about this much left, in mL.
    ExpiresFirst(Ml),
}

pub fn status(batch: &Batch, today: Date) -> BatchStatus {
    let expiry = expiry(batch.prepared, batch.policy, today);
    let (ml_left, outlook) = match &batch.prescription {
        Prescription::Fixed {
            draw_ml, per_day, ..
        } => fixed_outlook(batch, *draw_ml, *per_day, &expiry),
        Prescription::Plan(plan) => plan_outlook(batch, plan, &expiry, today),
    };
    BatchStatus {
        expiry,
        ml_left,
        outlook: if expiry.expired {
            Outlook::Expired
        } else {
            outlook
        },
    }
}

/// What is thrown away at the bottle's last day when it is used as
/// prescribed from its preparation day, if that is a day's dose or more:
/// the bottle holds more than can be used in time (`outlasts-use-by`, as
/// the Prepare screen warns).
pub fn waste_at_last_day(batch: &Batch) -> Option<Ml> {
    let conc = batch.recipe.concentration();
    match &batch.prescription {
        Prescription::Fixed {
            draw_ml, per_day, ..
        } => {
            let s = ldn_engine::batch::supply(
                batch.recipe.final_ml(),
                conc,
                *draw_ml,
                *per_day,
                batch.policy,
            );
            s.warnings
                .contains(&ldn_engine::warning::Warning::OutlastsUseBy)
                .then_some(s.waste_ml)
        }
        Prescription::Plan(plan) => {
            let syringe = batch.syringe()?;
            let last_day = batch.last_day();
            let left = match super::bottle::plan_outlook(
                plan,
                batch.recipe.final_ml(),
                batch.prepared,
                last_day,
                conc,
                syringe,
            ) {
                super::bottle::Volume::ExpiresFirst(left) => left,
                _ => return None,
            };
            // A day's dose: the last dosing day's in the bottle's life.
            let day: Ml = batch
                .steps()
                .iter()
                .rev()
                .find(|s| !s.intakes.is_empty())
                .map(|s| s.intakes.iter().map(|c| c.draw_ml).sum())
                .unwrap_or(Ml::ZERO);
            (!day.is_zero() && left >= day).then_some(left)
        }
    }
}

/// A fixed dose's volume left (each intake marked took one draw) and how
/// long it lasts at the same draws a day.
fn fixed_outlook(batch: &Batch, draw_ml: Ml, per_day: u32, expiry: &Expiry) -> (Ml, Outlook) {
    let used = draw_ml * batch.taken;
    let ml_left = (batch.recipe.final_ml() - used).max(Ml::ZERO);
    let per_day_ml = draw_ml * per_day;
    let outlook = if ml_left < draw_ml {
        Outlook::Empty
    } else {
        // mL / mL: a plain count of days.
        let days_until_empty = (ml_left.value() / per_day_ml.value()).floor();
        if days_until_empty < Decimal::from(expiry.days_left) {
            Outlook::RunsOutFirst(days_until_empty.to_u32().unwrap_or(0))
        } else {
            Outlook::ExpiresFirst(ml_left - per_day_ml * expiry.days_left)
        }
    };
    (ml_left, outlook)
}

/// A plan bottle's volume left (the intakes marked took the plan's draws
/// in order from its first day) and how long it lasts at the plan's draws
/// from today.
fn plan_outlook(batch: &Batch, plan: &BottlePlan, expiry: &Expiry, today: Date) -> (Ml, Outlook) {
    let conc = batch.recipe.concentration();
    // Read only with a syringe (`Batch::try_from`).
    let Some(syringe) = batch.syringe() else {
        return (batch.recipe.final_ml(), Outlook::Empty);
    };
    let used = super::bottle::plan_used(
        plan,
        batch.taken,
        batch.prepared,
        expiry.last_day,
        conc,
        syringe,
    );
    let ml_left = (batch.recipe.final_ml() - used).max(Ml::ZERO);
    let from = today.max(batch.prepared);
    // When is the next bottle needed: as the label and the patient's page
    // reckon it, the plan's doses taken up to today even if fewer are
    // marked here (none, at a pharmacy), so this never promises a bottle
    // lasts longer than the label says.
    let prescribed = super::bottle::plan_used(
        plan,
        u32::MAX,
        batch.prepared,
        from.add_days(-1).min(expiry.last_day),
        conc,
        syringe,
    );
    let by_plan = (batch.recipe.final_ml() - prescribed).max(Ml::ZERO);
    let outlook = match super::bottle::plan_outlook(
        plan,
        ml_left.min(by_plan),
        from,
        expiry.last_day,
        conc,
        syringe,
    ) {
        super::bottle::Volume::Empty => Outlook::Empty,
        super::bottle::Volume::RunsOutFirst(days) => Outlook::RunsOutFirst(days),
        super::bottle::Volume::ExpiresFirst(ml) => Outlook::ExpiresFirst(ml),
    };
    (ml_left, outlook)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::testing::dec;

    fn batch() -> Batch {
        Batch {
            id: 1,
            number: "20260301-1".into(),
            name: "March".into(),
            recipe: Recipe::new(Mg::new(dec("50")), 1, Ml::new(dec("50"))).unwrap(),
            prepared: Date::parse_iso("2026-03-01").unwrap(),
            policy: BeyondUse::LdnGuidance,
            prescription: fixed("4.5", "4.4", 1),
            taken: 2,
            link: "tablets=1&plan=weekly".into(),
            record: Record::default(),
            printed: false,
            dispensed: None,
            revisions: Vec::new(),
        }
    }

    fn fixed(dose: &str, draw: &str, per_day: u32) -> Prescription {
        Prescription::Fixed {
            dose_mg: Mg::new(dec(dose)),
            draw_ml: Ml::new(dec(draw)),
            per_day,
        }
    }

    /// A bottle made for the standard plan from 1 March, on a 3 mL syringe.
    fn plan_batch() -> Batch {
        let plan = BottlePlan::read("plan=standard&pstart=2026-03-01&pdays=60").unwrap();
        Batch {
            id: 2,
            number: "20260301-2".into(),
            prescription: Prescription::Plan(plan),
            link:
                "tablet=50&tablets=1&volume=50&syringe=3&plan=standard&pstart=2026-03-01&pdays=60"
                    .into(),
            taken: 0,
            ..batch()
        }
    }

    /// A document of batches only, as an import brings.
    fn of(batches: Vec<Batch>) -> Document {
        Document {
            batches,
            ..Document::new()
        }
    }

    #[test]
    fn round_trips_through_json() {
        let mut doc = Document::new();
        doc.batches.push(batch());
        doc.lang = Some("nb".into());
        let json = doc.to_json();
        assert!(json.contains("\"tablet_mg\":\"50\""));
        assert_eq!(load(Some(&json)), Loaded::Ready(doc));
    }

    /// Everything version 2 adds survives a write and a read: the record,
    /// the pharmacy, the label size and the diary (sorted by day and time).
    #[test]
    fn version_2_keeps_records_pharmacy_and_diary() {
        let mut doc = Document::new();
        let mut b = batch();
        b.record = Record {
            product: "Naltrexone Accord 50 mg".into(),
            gtin: "09506000134352".into(),
            lot: "AB123".into(),
            tablet_expiry: Some(Date::parse_iso("2027-06-30").unwrap()),
            vehicle: String::new(),
            prepared_by: "NN".into(),
            checked_by: "KK".into(),
            patient: "Kari Nordmann".into(),
            prescriber: "Dr. Hansen".into(),
            ..Record::default()
        };
        doc.batches.push(b);
        doc.pharmacy = Pharmacy {
            name: "Apotek 1".into(),
            address: "Storgata 1, Oslo".into(),
            phone: "22 00 00 00".into(),
            country: Country::Norway,
        };
        doc.label_size = LabelSize::Small;
        let day = |iso| Date::parse_iso(iso).unwrap();
        doc.diary = vec![
            DiaryEntry {
                date: day("2026-03-02"),
                time: None,
                taken: None,
                effects: vec![SideEffect::Dreams, SideEffect::Other],
                note: "vivid dreams\nwoke at 3".into(),
                step_back: None,
                score: None,
            },
            DiaryEntry {
                date: day("2026-03-02"),
                time: TimeOfDay::parse("21:30").ok(),
                taken: Some(Taken {
                    dose_mg: Mg::new(dec("1.5")),
                    draw_ml: Ml::new(dec("1.5")),
                    as_planned: true,
                }),
                effects: vec![],
                note: String::new(),
                step_back: None,
                score: None,
            },
        ];
        let json = doc.to_json();
        assert!(json.starts_with("{\"version\":8,"), "{json}");
        assert_eq!(load(Some(&json)), Loaded::Ready(doc.clone()));
        // Read back in day-and-time order whatever order the file has.
        let mut shuffled = doc.clone();
        shuffled.diary.reverse();
        assert_eq!(parse(&shuffled.to_json()), Ok(doc));
    }

    /// A diary entry gets the same checks as typed input.
    #[test]
    fn diary_entries_are_checked() {
        let good = r#"{"version":2,"diary":[{"date":"2026-03-02","time":"21:30","dose_mg":"1.5","draw_ml":"1.5","as_planned":true,"effects":["sleep"],"note":""}]}"#;
        assert_eq!(parse(good).map(|d| d.diary.len()), Ok(1));
        let bad = |field| Err(ReadProblem::BadEntry { n: 1, field });
        for (change, expected) in [
            (("\"21:30\"", "\"25:00\""), bad("time")),
            (
                ("\"date\":\"2026-03-02\"", "\"date\":\"2026-02-30\""),
                bad("date"),
            ),
            (("\"dose_mg\":\"1.5\",", ""), bad("dose_mg")),
            (("\"draw_ml\":\"1.5\",", ""), bad("draw_ml")),
            (("\"dose_mg\":\"1.5\"", "\"dose_mg\":\"0\""), bad("dose_mg")),
            (("[\"sleep\"]", "[\"itch\"]"), bad("effects")),
            (
                ("\"note\":\"\"", "\"note\":\"\",\"step_back_days\":5"),
                bad("step_back_days"),
            ),
            (
                ("\"note\":\"\"", "\"notes\":\"\""),
                Err(ReadProblem::UnknownField {
                    at: Place::Entry(1),
                    name: "notes".into(),
                }),
            ),
            (
                ("\"note\":\"\"", "\"note\":\"\",\"note\":\"\""),
                Err(ReadProblem::RepeatedField {
                    at: Place::Entry(1),
                    name: "note".into(),
                }),
            ),
        ] {
            let raw = good.replace(change.0, change.1);
            assert_eq!(parse(&raw).map(|_| ()), expected, "{raw}");
        }
        // A step-back accepted on the device: 2 or 3 days.
        let back = good.replace("\"note\":\"\"", "\"note\":\"\",\"step_back_days\":3");
        assert_eq!(parse(&back).map(|d| d.diary[0].step_back), Ok(Some(3)));
        // How the person felt: 0 to 10 (version 6), nothing else.
        for (score, expected) in [("0", Ok(Some(0))), ("10", Ok(Some(10)))] {
            let scored = good.replace("\"note\":\"\"", &format!("\"note\":\"\",\"score\":{score}"));
            assert_eq!(parse(&scored).map(|d| d.diary[0].score), expected);
        }
        for score in ["11", "-1", "6.5", "\"6\""] {
            let scored = good.replace("\"note\":\"\"", &format!("\"note\":\"\",\"score\":{score}"));
            assert!(parse(&scored).is_err(), "{scored}");
        }
        // What is scored: one line, at most 60 characters.
        let named = format!(
            "{{\"version\":6,\"condition\":\" pain\\n{}\"}}",
            "x".repeat(80)
        );
        assert_eq!(
            parse(&named).map(|d| d.condition.chars().count()),
            Ok(MAX_CONDITION)
        );
        assert!(parse(&named).unwrap().condition.starts_with("painx"));
        // Too many entries are refused whole.
        let entry = r#"{"date":"2026-03-02","effects":["sleep"]}"#;
        let many = format!(
            "{{\"version\":2,\"diary\":[{}]}}",
            vec![entry; MAX_DIARY_ENTRIES + 1].join(",")
        );
        assert_eq!(parse(&many).err(), Some(ReadProblem::TooManyEntries));
    }

    /// A file whose number has the largest counter, imported twice: the
    /// second gets a number of its own, and the document still loads.
    #[test]
    fn importing_the_largest_counter_twice_keeps_numbers_unique() {
        let mut top = batch();
        top.number = "20260301-4294967295".into();
        let mut doc = of(vec![top.clone()]);
        // Another bottle (twice the recipe) that carries the number.
        let mut other = top.clone();
        other.recipe = Recipe::new(Mg::new(dec("50")), 2, Ml::new(dec("100"))).unwrap();
        let merged = doc.merge(of(vec![other])).unwrap();
        assert_eq!(
            merged.renumbered,
            [("20260301-4294967295".into(), "20260301-1".into())]
        );
        assert_eq!(load(Some(&doc.to_json())), Loaded::Ready(doc));
    }

    /// A deleted batch's number is never given again, also after a write,
    /// a read and an import elsewhere.
    #[test]
    fn deleted_numbers_are_retired() {
        let mut doc = of(vec![batch()]);
        let prepared = batch().prepared;
        assert_eq!(doc.next_number(prepared), "20260301-2");
        doc.delete_batch(batch().id);
        assert!(doc.batches.is_empty());
        assert_eq!(doc.retired_numbers, ["20260301-1"]);
        assert_eq!(doc.next_number(prepared), "20260301-2");
        let Loaded::Ready(read) = load(Some(&doc.to_json())) else {
            panic!("unreadable");
        };
        assert_eq!(read, doc);
        let mut elsewhere = Document::new();
        elsewhere.merge(read).unwrap();
        assert_eq!(elsewhere.next_number(prepared), "20260301-2");
        // Not a batch number: refused.
        let bad = doc.to_json().replace("20260301-1", "no way!");
        assert_eq!(parse(&bad).err(), Some(ReadProblem::NotBatches));
    }

    /// Stored data gets the record's check too: tablets that expire before
    /// the bottle's last day (30 March for 1 March and 30 days).
    #[test]
    fn tablets_expiring_before_the_bottle_are_refused() {
        let mut doc = of(vec![batch()]);
        doc.batches[0].record.tablet_expiry = Date::parse_iso("2026-03-30").ok();
        assert!(parse(&doc.to_json()).is_ok());
        let early = doc.to_json().replace("2026-03-30", "2026-03-29");
        assert_eq!(
            parse(&early).err(),
            Some(ReadProblem::BadBatch {
                n: 1,
                field: "tablet_expiry"
            })
        );
    }

    /// The field lists that name a problem's field are every field written.
    #[test]
    fn the_field_lists_are_the_fields_written() {
        let mut doc = of(vec![batch(), plan_batch()]);
        doc.batches[0].record.gtin = "09506000134352".into();
        // Version 7's checks and a version after printing.
        let r = &mut doc.batches[1].record;
        r.calc_checked_by = "KK".into();
        r.measured_ml = Some(Ml::new(dec("49.5")));
        r.appearance = Appearance::AsExpected;
        r.deviations = "Topped up to volume".into();
        r.retain_until = Some(Date::parse_iso("2031-12-31").unwrap());
        // Version 8's prescription particulars and the pharmacy's country.
        r.profession = "Lege".into();
        r.prescription_no = "123456".into();
        r.indication = "Mot smerter".into();
        r.use_code = Some(UseCode::Regular);
        doc.pharmacy.country = Country::Norway;
        doc.batches[1].printed = true;
        doc.batches[1].dispensed = Some(doc.batches[1].prepared.add_days(1));
        doc.batches[1].record.formula = Some(("LDN 1 mg/mL".into(), 1));
        crate::formula::save(
            &mut doc.formulas,
            "LDN 1 mg/mL",
            Some(doc.batches[1].recipe),
            "",
            Date::parse_iso("2026-03-01").unwrap(),
        );
        doc.batches[1].revisions = vec![Revision {
            version: 2,
            date: Date::parse_iso("2026-03-02").unwrap(),
            time: TimeOfDay::parse("09:10").ok(),
            by: "KK".into(),
            why: "Measured after making up".into(),
            changes: vec![Change {
                field: RecordField::MeasuredMl,
                before: String::new(),
                after: "49.5".into(),
            }],
        }];
        doc.lang = Some("nb".into());
        doc.retired_numbers = vec!["20260228-1".into()];
        let mut entry = DiaryEntry::step_back(batch().prepared, 2);
        entry.time = TimeOfDay::parse("21:30").ok();
        entry.taken = Some(Taken {
            dose_mg: Mg::new(dec("1.5")),
            draw_ml: Ml::new(dec("1.5")),
            as_planned: true,
        });
        entry.score = Some(7);
        doc.diary = vec![entry];
        doc.remember_product("09506000134352", "Naltrexone Accord 50 mg");
        doc.condition = "pain".into();
        let json: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        let keys = |v: &serde_json::Value| {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        let sorted = |f: &[&str]| {
            let mut k: Vec<String> = f.iter().map(|s| s.to_string()).collect();
            k.sort();
            k
        };
        assert_eq!(keys(&json), sorted(&DOCUMENT_FIELDS));
        // A fixed dose's batch and a plan's, between them every field.
        let mut batch_keys = keys(&json["batches"][0]);
        batch_keys.extend(keys(&json["batches"][1]));
        batch_keys.sort();
        batch_keys.dedup();
        assert_eq!(batch_keys, sorted(&BATCH_FIELDS));
        assert_eq!(keys(&json["diary"][0]), sorted(&ENTRY_FIELDS));
    }

    /// Version 5: a scanned pack's product code stays with the bottle, and
    /// the names typed for product codes are remembered, one per code, the
    /// newest `MAX_KNOWN_PRODUCTS`; only real product codes are kept.
    #[test]
    fn version_5_keeps_product_codes_and_their_names() {
        const GTIN: &str = "09506000134352";
        let mut doc = of(vec![batch()]);
        doc.batches[0].record.gtin = GTIN.into();
        doc.remember_product(GTIN, "  Naltrexone\tAccord 50 mg ");
        assert_eq!(doc.product_for(GTIN), Some("Naltrexone Accord 50 mg"));
        // Typed again: the new name replaces the old, not a second entry.
        doc.remember_product(GTIN, "Naltrexone Accord 50 mg tablets");
        assert_eq!(doc.products.len(), 1);
        assert_eq!(
            doc.product_for(GTIN),
            Some("Naltrexone Accord 50 mg tablets")
        );
        // No name, or a code that fails its check digit: nothing kept.
        doc.remember_product(GTIN, "  ");
        doc.remember_product("09506000134353", "Wrong");
        doc.remember_product("9506000134352", "Thirteen digits");
        assert_eq!(doc.products.len(), 1);
        let json = doc.to_json();
        assert!(
            json.ends_with(
                "\"products\":[{\"gtin\":\"09506000134352\",\"name\":\"Naltrexone Accord 50 mg tablets\"}]}"
            ),
            "{json}"
        );
        assert!(
            json.contains("\"gtin\":\"09506000134352\",\"lot\""),
            "{json}"
        );
        assert_eq!(parse(&json), Ok(doc.clone()));
        // A file with a code that is not a product code, a name twice, or
        // an empty name was not written by this app.
        for (from, to, expected) in [
            (
                "\"gtin\":\"09506000134352\",\"lot\"",
                "\"gtin\":\"09506000134353\",\"lot\"",
                ReadProblem::BadBatch {
                    n: 1,
                    field: "gtin",
                },
            ),
            (
                "\"gtin\":\"09506000134352\",\"name\"",
                "\"gtin\":\"0950600013435\",\"name\"",
                ReadProblem::NotBatches,
            ),
            (
                "\"name\":\"Naltrexone Accord 50 mg tablets\"",
                "\"name\":\" \"",
                ReadProblem::NotBatches,
            ),
            (
                "}]}",
                "},{\"gtin\":\"09506000134352\",\"name\":\"Again\"}]}",
                ReadProblem::NotBatches,
            ),
        ] {
            let raw = json.replace(from, to);
            assert_ne!(raw, json);
            assert_eq!(parse(&raw).err(), Some(expected), "{raw}");
        }
        // The newest names are kept; the oldest forgotten first.
        let code = |n: u64| {
            (0..10)
                .map(|d| format!("{n:013}{d}"))
                .find(|c| is_gtin(c))
                .unwrap()
        };
        for n in 1..=MAX_KNOWN_PRODUCTS as u64 {
            doc.remember_product(&code(n), &format!("Product {n}"));
        }
        assert_eq!(doc.products.len(), MAX_KNOWN_PRODUCTS);
        assert_eq!(doc.product_for(GTIN), None);
        assert_eq!(parse(&doc.to_json()), Ok(doc.clone()));
        assert_eq!(doc.product_for(&code(1)), Some("Product 1"));
        let over = doc.to_json().replace(
            "\"products\":[",
            "\"products\":[{\"gtin\":\"09506000134352\",\"name\":\"One too many\"},",
        );
        assert_eq!(parse(&over).err(), Some(ReadProblem::NotBatches));
        // An import brings the names this device lacks; a name typed here
        // stays.
        let mut here = Document::new();
        here.remember_product(GTIN, "Typed here");
        let mut file = Document::new();
        file.remember_product(GTIN, "From the file");
        file.remember_product(&code(1), "Product 1");
        here.merge(file).unwrap();
        assert_eq!(
            (here.product_for(GTIN), here.product_for(&code(1))),
            (Some("Typed here"), Some("Product 1"))
        );
    }

    /// Batch numbers are unique in a document; a version-2 file that
    /// repeats one, or has none, is refused.
    #[test]
    fn batch_numbers_are_unique() {
        let mut doc = of(vec![batch(), batch()]);
        doc.batches[1].id = 2;
        let json = doc.to_json();
        assert_eq!(
            parse(&json).err(),
            Some(ReadProblem::BadBatch {
                n: 2,
                field: "number"
            })
        );
        let fixed =
            json.replacen("20260301-1", "20260301-2", 2)
                .replacen("20260301-2", "20260301-1", 1);
        assert_eq!(parse(&fixed).map(|d| d.batches.len()), Ok(2));
        // One without a number (a version-1 batch) gets the next free one.
        let unnumbered = fixed.replacen("\"number\":\"20260301-1\",", "", 1);
        let numbers: Vec<String> = parse(&unnumbered)
            .unwrap()
            .batches
            .into_iter()
            .map(|b| b.number)
            .collect();
        assert_eq!(numbers, ["20260301-3", "20260301-2"]);
        for number in ["a b", "x\\n", "<b>"] {
            let raw = fixed.replacen("20260301-1", number, 1);
            assert_eq!(
                parse(&raw).err(),
                Some(ReadProblem::BadBatch {
                    n: 1,
                    field: "number"
                }),
                "{number:?}"
            );
        }
    }

    /// The exact text stored by earlier releases (version 1, written by
    /// serde_json; then version 2): it loads, every batch kept and given a
    /// number from its preparation date, and is written as version 3.
    #[test]
    fn stored_format_is_stable() {
        let stored = r#"{"version":1,"lang":"nb","batches":[{"id":1,"name":"March","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"4.5","draw_ml":"4.4","per_day":1,"taken":2,"link":"tablets=1&plan=weekly"}]}"#;
        let mut doc = Document::new();
        doc.batches.push(batch());
        doc.lang = Some("nb".into());
        assert_eq!(load(Some(stored)), Loaded::Ready(doc.clone()));
        // The exact text the release before this one stored (version 2):
        // read as it is, and written again as version 3, the same fields.
        let v2 = r#"{"version":2,"lang":"nb","pharmacy_name":"","pharmacy_address":"","pharmacy_phone":"","label_size":"a4","batches":[{"id":1,"number":"20260301-1","name":"March","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"4.5","draw_ml":"4.4","per_day":1,"taken":2,"link":"tablets=1&plan=weekly","product":"","lot":"","tablet_expiry":null,"vehicle":"","prepared_by":"","checked_by":"","patient":"","prescriber":""}],"diary":[]}"#;
        assert_eq!(load(Some(v2)), Loaded::Ready(doc.clone()));
        // The exact texts of the releases since (versions 3 and 4): read as
        // they are, and written as version 5 with the same fields (a fixed
        // dose; no scanned pack, no remembered product).
        let v3 = v2.replace("{\"version\":2,", "{\"version\":3,");
        assert_eq!(load(Some(&v3)), Loaded::Ready(doc.clone()));
        let v4 = v2.replace("{\"version\":2,", "{\"version\":4,");
        assert_eq!(load(Some(&v4)), Loaded::Ready(doc.clone()));
        let v5 = v2.replace("{\"version\":2,", "{\"version\":5,");
        assert_eq!(load(Some(&v5)), Loaded::Ready(doc.clone()));
        let v6 = v2.replace("{\"version\":2,", "{\"version\":6,");
        assert_eq!(load(Some(&v6)), Loaded::Ready(doc.clone()));
        let v7 = v2.replace("{\"version\":2,", "{\"version\":7,");
        assert_eq!(load(Some(&v7)), Loaded::Ready(doc.clone()));
        // Written as version 8 (no score, no checks, no versions, no
        // country: no new field).
        let v8 = v2.replace("{\"version\":2,", "{\"version\":8,");
        assert_eq!(doc.to_json(), v8);
        assert_eq!(load(Some(&v8)), Loaded::Ready(doc.clone()));
        // Pretty-printed, with "lang": null: still read.
        let pretty = stored
            .replace("\"lang\":\"nb\"", "\"lang\": null")
            .replace(",\"", ",\n  \"");
        doc.lang = None;
        assert_eq!(load(Some(&pretty)), Loaded::Ready(doc));
        // A field this app does not write is refused, not silently dropped
        // (a newer app that adds one writes a newer version).
        let future = pretty.replace("\"lang\": null", "\"lang\": null, \"future\": [1, {}]");
        assert_eq!(
            parse(&future).err(),
            Some(ReadProblem::UnknownField {
                at: Place::Document,
                name: "future".into()
            })
        );
    }

    /// A bottle saved by the last release (version 3) while a plan was set
    /// up: its label said the Dose screen's dose while the plan stepped up.
    /// Its link kept the plan and the syringe, so it is read as made for
    /// that plan; a bottle without a syringe keeps its fixed dose.
    #[test]
    fn version_3_bottles_saved_with_a_plan_are_made_for_it() {
        let v3 = r#"{"version":3,"lang":"en","pharmacy_name":"","pharmacy_address":"","pharmacy_phone":"","label_size":"a4","batches":[{"id":1,"number":"20261201-1","name":"1 Dec 2026","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-12-01","bud_days":30,"dose_mg":"1.5","draw_ml":"1.5","per_day":1,"taken":0,"link":"tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=2026-12-01&bud=30&plan=standard&pstart=2026-12-01&pdays=60&screen=batches&lang=en","product":"","lot":"","tablet_expiry":null,"vehicle":"","prepared_by":"","checked_by":"","patient":"Kari Nordmann","prescriber":""},{"id":2,"number":"20261201-2","name":"no syringe","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-12-01","bud_days":30,"dose_mg":"1.5","draw_ml":"1.5","per_day":1,"taken":0,"link":"tablets=1&plan=weekly&pstart=2026-12-01","product":"","lot":"","tablet_expiry":null,"vehicle":"","prepared_by":"","checked_by":"","patient":"","prescriber":""}],"diary":[]}"#;
        let doc = parse(v3).unwrap();
        let plan = doc.batches[0]
            .prescription
            .plan()
            .expect("made for the plan");
        assert_eq!(plan.query(), "plan=standard&pstart=2026-12-01&pdays=60");
        // 20 December: the plan's 2 mg (from 15 December), not 1.5 mg.
        let day = Date::parse_iso("2026-12-20").unwrap();
        assert_eq!(doc.batches[0].intakes_on(day)[0].dose_mg, Mg::new(dec("2")));
        assert_eq!(doc.batches[1].prescription, fixed("1.5", "1.5", 1));
        // Written as version 6: the plan's parameters, no fixed dose.
        let v4 = doc.to_json();
        assert!(v4.starts_with("{\"version\":8,"), "{v4}");
        assert!(v4.contains("\"bud_days\":30,\"plan\":\"plan=standard&pstart=2026-12-01&pdays=60\",\"taken\":0,"), "{v4}");
        assert_eq!(parse(&v4), Ok(doc.clone()));
        // Version 4 keeps the prescription as written: a fixed dose with a
        // plan in its link stays a fixed dose.
        let fixed_v4 = v3.replace("{\"version\":3,", "{\"version\":4,");
        assert_eq!(
            parse(&fixed_v4).unwrap().batches[0].prescription,
            fixed("1.5", "1.5", 1)
        );
        // A plan that cannot be one, a plan with a fixed dose too, a plan
        // bottle whose link names no syringe: refused by name.
        let bad = |from: &str, to: &str| parse(&v4.replace(from, to)).err();
        let field = |field| Some(ReadProblem::BadBatch { n: 1, field });
        let plan_field = "\"plan\":\"plan=standard&pstart=2026-12-01&pdays=60\"";
        assert_eq!(
            bad(plan_field, "\"plan\":\"plan=standard&pdays=60\""),
            field("plan")
        );
        assert_eq!(
            bad(
                plan_field,
                "\"plan\":\"plan=standard&pstart=2026-12-01&dose=9\""
            ),
            field("plan")
        );
        assert_eq!(
            bad(
                "\"bud_days\":30,\"plan\"",
                "\"bud_days\":30,\"dose_mg\":\"1.5\",\"plan\""
            ),
            field("plan")
        );
        assert_eq!(bad("&syringe=3", ""), field("link"));
    }

    /// Unknown and repeated fields are named, with their batch; the names
    /// a file brings are shortened before they are shown.
    #[test]
    fn unknown_and_repeated_fields_are_named() {
        let good = r#"{"version":1,"lang":"en","batches":[{"id":1,"name":"x","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"1","draw_ml":"1","per_day":1},{"id":2,"name":"y","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"1","draw_ml":"1","per_day":1}]}"#;
        assert!(parse(good).is_ok());
        let unknown = |batch, name: &str| {
            Err(ReadProblem::UnknownField {
                at: batch,
                name: name.into(),
            })
        };
        let repeated = |batch, name: &str| {
            Err(ReadProblem::RepeatedField {
                at: batch,
                name: name.into(),
            })
        };
        let long = "k".repeat(100);
        for (change, expected) in [
            (
                ("\"id\":2,", "\"id\":2,\"Id\":2,"),
                unknown(Place::Batch(2), "Id"),
            ),
            (
                ("\"id\":2,", "\"id\":2,\"id\":2,"),
                repeated(Place::Batch(2), "id"),
            ),
            (
                ("\"id\":2,", "\"id\":2,\"name\":\"y\","),
                repeated(Place::Batch(2), "name"),
            ),
            (
                ("\"id\":1,", "\"id\":1,\"taken\":null,"),
                Err(ReadProblem::BadBatch {
                    n: 1,
                    field: "taken",
                }),
            ),
            (
                ("\"lang\":\"en\"", "\"lang\":\"en\",\"lang\":\"nb\""),
                repeated(Place::Document, "lang"),
            ),
            (
                ("\"version\":1", "\"version\":1,\"version\":1"),
                repeated(Place::Document, "version"),
            ),
            (
                ("\"lang\"", "\"language\""),
                unknown(Place::Document, "language"),
            ),
            (
                ("\"lang\"", &format!("\"{long}\"")),
                unknown(Place::Document, &long[..40]),
            ),
            (
                ("\"name\":\"y\"", &format!("\"name\":\"y\",\"{long}\":1")),
                unknown(Place::Batch(2), &long[..40]),
            ),
            (
                ("\"lang\":\"en\"", "\"lang\":7"),
                Err(ReadProblem::NotBatches),
            ),
        ] {
            let raw = good.replace(change.0, change.1);
            assert_eq!(parse(&raw).map(|_| ()), expected, "{raw}");
        }
    }

    /// Where reading stopped is said as a character count (1-based), also
    /// on later lines and after text beyond ASCII.
    #[test]
    fn not_json_says_where() {
        for (raw, at) in [
            ("{not json", 2),
            ("{\"version\": 1, \"batches\": [", 28),
            ("{\"version\": 1}\n\n  x", 19),
            ("{\"version\": 1,\n \"lang\": \"æøå\" x}", 31),
            ("{\"version\": 1} {}", 16),
            ("", 1),
        ] {
            assert_eq!(parse(raw).err(), Some(ReadProblem::NotJson(at)), "{raw}");
        }
    }

    /// Hostile files stay harmless: deep nesting is refused without
    /// exhausting the stack, and 50,000 keys (unknown or repeated) are
    /// refused at once, not slowly.
    #[test]
    fn hostile_files_fail_fast() {
        let started = std::time::Instant::now();
        // Not a document at all: refused before its depth matters.
        assert_eq!(
            parse(&"[".repeat(100_000)).err(),
            Some(ReadProblem::NotBatches)
        );
        for deep in [
            format!("{{\"version\":1,\"batches\":{}", "[".repeat(100_000)),
            format!("{{\"version\":1,\"x\":{}", "[".repeat(100_000)),
            format!(
                "{{\"version\":1,\"batches\":[{{\"id\":{}",
                "{\"a\":".repeat(100_000)
            ),
        ] {
            assert!(
                matches!(parse(&deep), Err(ReadProblem::NotJson(_))),
                "{}",
                &deep[..40]
            );
        }
        let keys: Vec<String> = (0..50_000).map(|k| format!("\"k{k}\":0")).collect();
        let many = format!("{{\"version\":1,{}}}", keys.join(","));
        assert_eq!(
            parse(&many).err(),
            Some(ReadProblem::UnknownField {
                at: Place::Document,
                name: "k0".into()
            })
        );
        let in_batch = format!("{{\"version\":1,\"batches\":[{{{}}}]}}", keys.join(","));
        assert_eq!(
            parse(&in_batch).err(),
            Some(ReadProblem::UnknownField {
                at: Place::Batch(1),
                name: "k0".into()
            })
        );
        let langs = vec!["\"lang\":\"en\""; 50_000].join(",");
        let repeated = format!("{{\"version\":1,{langs}}}");
        assert_eq!(
            parse(&repeated).err(),
            Some(ReadProblem::RepeatedField {
                at: Place::Document,
                name: "lang".into()
            })
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
    }

    /// A version-1 export as this release's own writer produced it, with
    /// two batches, a name needing escapes (quote, backslash, newline, tab,
    /// control characters) and text beyond ASCII, and one older batch
    /// without `taken` and `link`. It reads back to the same batches, each
    /// numbered from its preparation date, nothing dropped.
    #[test]
    fn version_1_exports_read_back() {
        let export = "{\"version\":1,\"lang\":\"uk\",\"batches\":[{\"id\":1,\"name\":\"March\",\"tablet_mg\":\"50\",\"tablets\":1,\"final_ml\":\"50\",\"prepared\":\"2026-03-01\",\"bud_days\":30,\"dose_mg\":\"4.5\",\"draw_ml\":\"4.4\",\"per_day\":1,\"taken\":2,\"link\":\"tablets=1&plan=weekly\"},{\"id\":7,\"name\":\"Kari \\\"M\\\\rs\\\" \\n\\t\\u0001\\u001f æøå ✓ 😀 Флакон\",\"tablet_mg\":\"4.5\",\"tablets\":3,\"final_ml\":\"67.5\",\"prepared\":\"2026-12-31\",\"bud_days\":14,\"dose_mg\":\"0.75\",\"draw_ml\":\"3.8\",\"per_day\":2,\"taken\":0,\"link\":\"\"}]}";
        let mut doc = Document::new();
        doc.lang = Some("uk".into());
        doc.batches.push(batch());
        doc.batches.push(Batch {
            id: 7,
            number: "20261231-1".into(),
            record: Record::default(),
            name: "Kari \"M\\rs\" \n\t\u{1}\u{1f} æøå ✓ 😀 Флакон".into(),
            recipe: Recipe::new(Mg::new(dec("4.5")), 3, Ml::new(dec("67.5"))).unwrap(),
            prepared: Date::parse_iso("2026-12-31").unwrap(),
            policy: BeyondUse::Usp795,
            prescription: fixed("0.75", "3.8", 2),
            taken: 0,
            link: String::new(),
            printed: false,
            dispensed: None,
            revisions: Vec::new(),
        });
        assert_eq!(load(Some(export)), Loaded::Ready(doc.clone()));
        // Written again as version 2, it reads back the same.
        assert_eq!(parse(&doc.to_json()), Ok(doc.clone()));
        // The same file from before `taken` and `link` were saved.
        let older = export.replace(",\"taken\":0,\"link\":\"\"", "");
        assert_eq!(load(Some(&older)), Loaded::Ready(doc));
    }

    #[test]
    fn wrong_types_are_named() {
        let good = r#"{"version":1,"batches":[{"id":1,"name":"x","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"1","draw_ml":"1","per_day":1}]}"#;
        let bad = |n, field| Err(ReadProblem::BadBatch { n, field });
        for (change, expected) in [
            (("\"tablets\":1", "\"tablets\":\"1\""), bad(1, "tablets")),
            (("\"tablets\":1", "\"tablets\":1.5"), bad(1, "tablets")),
            (("\"tablets\":1", "\"tablets\":0"), bad(1, "tablets")),
            (
                ("\"tablet_mg\":\"50\"", "\"tablet_mg\":50"),
                bad(1, "tablet_mg"),
            ),
            (
                ("\"final_ml\":\"50\"", "\"final_ml\":\"0\""),
                bad(1, "final_ml"),
            ),
            // Decimals are text the typed fields would accept: no
            // exponent, sign or grouping.
            (
                ("\"final_ml\":\"50\"", "\"final_ml\":\"5e1\""),
                bad(1, "final_ml"),
            ),
            (
                ("\"dose_mg\":\"1\"", "\"dose_mg\":\"+1\""),
                bad(1, "dose_mg"),
            ),
            (
                ("\"final_ml\":\"50\"", "\"final_ml\":\"5_0\""),
                bad(1, "final_ml"),
            ),
            (("\"tablets\":1", "\"tablets\":-1"), bad(1, "tablets")),
            (("\"id\":1", "\"id\":1e0"), bad(1, "id")),
            (("\"per_day\":1", "\"per_day\":3"), bad(1, "per_day")),
            (("\"bud_days\":30", "\"bud_days\":0"), bad(1, "bud_days")),
            (
                ("\"draw_ml\":\"1\"", "\"draw_ml\":\"51\""),
                bad(1, "draw_ml"),
            ),
            (
                ("\"prepared\":\"2026-03-01\"", "\"prepared\":\"2026-02-30\""),
                bad(1, "prepared"),
            ),
            (("\"name\":\"x\",", ""), bad(1, "name")),
            (("\"batches\":[", "\"batches\":[7,"), bad(1, "batch")),
            (
                ("\"batches\":[", "\"batches\":{\"a\":["),
                Err(ReadProblem::NotJson(174)),
            ),
            (
                ("\"batches\":[", "\"batches\":7,\"x\":["),
                Err(ReadProblem::NotBatches),
            ),
            (
                ("\"version\":1", "\"version\":9"),
                Err(ReadProblem::NewerVersion(9)),
            ),
            (
                ("\"version\":1", "\"version\":0"),
                Err(ReadProblem::NotBatches),
            ),
        ] {
            let raw = good.replace(change.0, change.1);
            assert_eq!(parse(&raw).map(|_| ()), expected, "{raw}");
        }
        assert!(parse(good).is_ok());
        // Objects only: serde's derives alone would read a struct from an
        // array, by position.
        let by_position =
            r#"{"version":1,"batches":[[1,"x","50",1,"50","2026-03-01",30,"1","1",1]]}"#;
        assert_eq!(parse(by_position).err(), Some(bad(1, "batch").unwrap_err()));
        for not_an_object in ["[1, 2, 3]", "[1]", "1", "\"x\"", "null"] {
            assert_eq!(parse(not_an_object).err(), Some(ReadProblem::NotBatches));
        }
    }

    #[test]
    fn unreadable_data_is_kept() {
        for raw in [
            "{not json",
            "{\"batches\": []}",
            "{\"version\": 9, \"batches\": []}",
            "[1,2]",
        ] {
            match load(Some(raw)) {
                Loaded::Unreadable { raw: kept, .. } => assert_eq!(kept, raw),
                other => panic!("{raw}: {other:?}"),
            }
        }
        assert_eq!(load(None), Loaded::Nothing);
        assert_eq!(load(Some("  ")), Loaded::Nothing);
    }

    #[test]
    fn invalid_batches_are_refused_not_trusted() {
        let bad = r#"{"version":1,"batches":[{"id":1,"name":"x","tablet_mg":"50","tablets":0,"final_ml":"50",
            "prepared":"2026-03-01","bud_days":30,"dose_mg":"1","draw_ml":"1","per_day":1}]}"#;
        assert!(matches!(load(Some(bad)), Loaded::Unreadable { .. }));
        let bad_date = bad
            .replace("\"tablets\":0", "\"tablets\":1")
            .replace("2026-03-01", "2026-02-30");
        assert!(matches!(load(Some(&bad_date)), Loaded::Unreadable { .. }));
        let good = bad.replace("\"tablets\":0", "\"tablets\":1");
        assert!(matches!(load(Some(&good)), Loaded::Ready(_)));
        // A batch read on its own gets the same checks: serde reads it
        // only through `Batch::try_from`.
        let one = |doc: &str| {
            let start = doc.find("[{").unwrap() + 1;
            let v2 = doc[start..doc.len() - 2].replace("{\"id\":1,", "{\"id\":1,\"number\":\"1\",");
            serde_json::from_str::<Batch>(&v2)
        };
        assert!(one(&good).is_ok());
        assert!(one(bad).is_err());
        assert!(one(&bad_date).is_err());
        // A draw that is another dose is refused: at 1 mg/mL, 0.5 mg with a
        // 50 mL draw would be listed as "0.5 mg: draw 50 mL" (100 times the
        // dose); 0 mg is no dose at all. Both loaded before.
        // More than the bottle holds is refused too (30 mg as 51 mL).
        for (dose, draw) in [
            ("0.5", "50"),
            ("0", "1"),
            ("1", "0.4"),
            ("1", "2.1"),
            ("30", "51"),
        ] {
            let other = good
                .replace("\"dose_mg\":\"1\"", &format!("\"dose_mg\":\"{dose}\""))
                .replace("\"draw_ml\":\"1\"", &format!("\"draw_ml\":\"{draw}\""));
            assert!(
                matches!(load(Some(&other)), Loaded::Unreadable { .. }),
                "{dose} mg with {draw} mL"
            );
        }
        // The widest honest roundings still load: just over half a 0.2 mL
        // mark rounds up to it (0.11 mg -> 0.2 mL), 0.3 mL ties down to 0.2.
        for (dose, draw) in [
            ("0.11", "0.2"),
            ("0.3", "0.2"),
            ("2", "4"),
            ("1", "0.5"),
            ("50", "50"),
        ] {
            let honest = good
                .replace("\"dose_mg\":\"1\"", &format!("\"dose_mg\":\"{dose}\""))
                .replace("\"draw_ml\":\"1\"", &format!("\"draw_ml\":\"{draw}\""));
            assert!(
                matches!(load(Some(&honest)), Loaded::Ready(_)),
                "{dose} mg with {draw} mL"
            );
        }
    }

    #[test]
    fn links_are_kept_to_query_characters() {
        let mut doc = Document::new();
        let mut b = batch();
        b.link = "x".into();
        doc.batches.push(b);
        let json = doc.to_json().replace(
            "\"link\":\"x\"",
            "\"link\":\"javascript:alert(1)//<b>&plan=weekly\"",
        );
        let Loaded::Ready(doc) = load(Some(&json)) else {
            panic!()
        };
        // Whatever is left is only ever used after "?": a query on this page.
        assert_eq!(doc.batches[0].link, "javascript:alert1b&plan=weekly");
        // Older files without links still load.
        let old = json.replace(",\"link\":\"javascript:alert(1)//<b>&plan=weekly\"", "");
        assert!(matches!(load(Some(&old)), Loaded::Ready(_)));
    }

    #[test]
    fn too_many_batches_are_refused_whole() {
        let one = r#"{"id":1,"name":"March","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"4.5","draw_ml":"4.4","per_day":1}"#;
        let file = |n: usize| format!("{{\"version\":1,\"batches\":[{}]}}", vec![one; n].join(","));
        assert_eq!(
            parse(&file(MAX_BATCHES)).map(|d| d.batches.len()),
            Ok(MAX_BATCHES)
        );
        assert_eq!(
            parse(&file(MAX_BATCHES + 1)).err(),
            Some(ReadProblem::TooMany)
        );
        // An import that would pass the limit changes nothing.
        let mut doc = parse(&file(MAX_BATCHES - 1)).unwrap();
        let new = |n: &str| Batch {
            number: n.into(),
            ..batch()
        };
        assert!(doc
            .merge(of(vec![new("20260302-1"), new("20260302-2")]))
            .is_err());
        assert_eq!(doc.batches.len(), MAX_BATCHES - 1);
        assert_eq!(
            doc.merge(of(vec![new("20260302-1")])).map(|m| m.batches),
            Ok(1)
        );
    }

    /// An import gets fresh ids; a batch number already used here gets
    /// the next free one for its day, and the notice says which.
    #[test]
    fn merge_gives_fresh_ids_and_numbers() {
        let mut doc = Document::new();
        doc.batches.push(batch());
        let mut other = batch();
        other.number = "20260301-5".into();
        // Another bottle (twice the recipe) under a number kept here.
        let mut same_number = batch();
        same_number.recipe = Recipe::new(Mg::new(dec("50")), 2, Ml::new(dec("100"))).unwrap();
        let merged = doc.merge(of(vec![same_number, other])).unwrap();
        assert_eq!(merged.batches, 2);
        // The bottle kept here, imported back: not copied.
        let mut again = doc.clone();
        assert_eq!(again.merge(of(vec![batch()])).map(|m| m.batches), Ok(0));
        assert_eq!(again.batches.len(), doc.batches.len());
        // Another device's bottle with the same number, day and recipe for
        // another patient: imported, renumbered (the review's lost record).
        let mut theirs = batch();
        theirs.record.patient = "Ola Nordmann".into();
        theirs.record.lot = "LOT-X".into();
        let mut other_device = doc.clone();
        let m = other_device.merge(of(vec![theirs])).unwrap();
        assert_eq!((m.batches, m.renumbered.len()), (1, 1));
        assert!(other_device
            .batches
            .iter()
            .any(|b| b.record.patient == "Ola Nordmann"));
        assert_eq!(
            merged.renumbered,
            vec![("20260301-1".to_string(), "20260301-2".to_string())]
        );
        let ids: Vec<_> = doc
            .batches
            .iter()
            .map(|b| (b.id, b.number.as_str()))
            .collect();
        assert_eq!(
            ids,
            vec![(1, "20260301-1"), (2, "20260301-2"), (3, "20260301-5")]
        );
        assert_eq!(doc.next_number(batch().prepared), "20260301-6");
        // Diary entries already here are not added twice; the pharmacy
        // details come along only when none are kept here.
        let entry = DiaryEntry {
            date: batch().prepared,
            time: None,
            taken: None,
            effects: vec![SideEffect::Headache],
            note: String::new(),
            step_back: None,
            score: None,
        };
        let mut incoming = Document::new();
        incoming.diary = vec![entry.clone()];
        incoming.pharmacy.name = "Apotek".into();
        assert_eq!(doc.merge(incoming.clone()).map(|m| m.entries), Ok(1));
        assert_eq!(doc.merge(incoming).map(|m| m.entries), Ok(0));
        assert_eq!((doc.diary.len(), doc.pharmacy.name.as_str()), (1, "Apotek"));
        // A day has one score: the one given here stays; the file's score
        // of another day and what it says besides are added.
        let day = batch().prepared;
        doc.diary.push(DiaryEntry::score(day, 6));
        let mut incoming = Document::new();
        let mut noted = entry.clone();
        noted.note = "slept badly".into();
        noted.score = Some(2);
        incoming.diary = vec![
            DiaryEntry::score(day, 3),
            noted,
            DiaryEntry::score(day.add_days(1), 8),
        ];
        incoming.condition = "fatigue".into();
        assert_eq!(doc.merge(incoming).map(|m| m.entries), Ok(2));
        let scores: Vec<(Date, u8)> = doc
            .diary
            .iter()
            .filter_map(|e| e.score.map(|n| (e.date, n)))
            .collect();
        assert_eq!(scores, [(day, 6), (day.add_days(1), 8)]);
        assert!(doc.diary.iter().any(|e| e.note == "slept badly"));
        assert_eq!(doc.condition, "fatigue");
    }

    /// Version 7's new parts are read only as this app writes them.
    #[test]
    fn versions_and_formulas_are_refused_unless_as_written() {
        let mut doc = of(vec![batch()]);
        doc.batches[0].printed = true;
        doc.batches[0].revisions = vec![Revision {
            version: 2,
            date: batch().prepared,
            time: None,
            by: "KK".into(),
            why: "Lot misread".into(),
            changes: vec![Change {
                field: RecordField::Lot,
                before: "AB123".into(),
                after: "AB124".into(),
            }],
        }];
        crate::formula::save(
            &mut doc.formulas,
            "LDN",
            Some(batch().recipe),
            "",
            batch().prepared,
        );
        let good = doc.to_json();
        assert_eq!(parse(&good), Ok(doc));
        let bad_batch = |field| Err(ReadProblem::BadBatch { n: 1, field });
        for (change, expected) in [
            (
                ("\"version\":2,\"date\"", "\"version\":3,\"date\""),
                bad_batch("revisions"),
            ),
            (("\"by\":\"KK\"", "\"by\":\" \""), bad_batch("revisions")),
            (
                ("\"field\":\"lot\"", "\"field\":\"colour\""),
                bad_batch("revisions"),
            ),
            (
                (
                    "\"printed\":true,",
                    "\"printed\":true,\"appearance\":\"ok\",",
                ),
                bad_batch("appearance"),
            ),
            (
                (
                    "\"printed\":true,",
                    "\"printed\":true,\"measured_ml\":\"0\",",
                ),
                bad_batch("measured_ml"),
            ),
            (
                (
                    "\"printed\":true,",
                    "\"printed\":true,\"retain_until\":\"2020-01-01\",",
                ),
                bad_batch("retain_until"),
            ),
            (
                (
                    "\"printed\":true,",
                    "\"printed\":true,\"formula_version\":2,",
                ),
                bad_batch("formula"),
            ),
            // Version 8: a dispensing day before the bottle was made, a use
            // code or a country this app never writes.
            (
                (
                    "\"printed\":true,",
                    "\"printed\":true,\"dispensed\":\"2020-01-01\",",
                ),
                bad_batch("dispensed"),
            ),
            (
                (
                    "\"printed\":true,",
                    "\"printed\":true,\"use_code\":\"always\",",
                ),
                bad_batch("use_code"),
            ),
            (
                (
                    "\"pharmacy_phone\":\"\",",
                    "\"pharmacy_phone\":\"\",\"pharmacy_country\":\"SE\",",
                ),
                Err(ReadProblem::NotBatches),
            ),
            (
                (
                    "\"name\":\"LDN\",\"version\":1",
                    "\"name\":\"LDN\",\"version\":2",
                ),
                Err(ReadProblem::NotBatches),
            ),
            (
                (
                    "\"tablets\":1,\"final_ml\":\"50\",\"vehicle\"",
                    "\"tablets\":0,\"final_ml\":\"50\",\"vehicle\"",
                ),
                Err(ReadProblem::NotBatches),
            ),
        ] {
            assert!(good.contains(change.0), "{} not in {good}", change.0);
            let raw = good.replace(change.0, change.1);
            assert_eq!(parse(&raw).map(|_| ()), expected, "{raw}");
        }
    }

    /// An import brings formula names not kept here, every version; a name
    /// kept here keeps its own versions.
    #[test]
    fn imported_formulas_come_by_name_whole() {
        let day = batch().prepared;
        let r = |ml: &str| Recipe::new(Mg::new(dec("50")), 1, Ml::new(dec(ml))).unwrap();
        let mut doc = Document::new();
        crate::formula::save(&mut doc.formulas, "LDN 1", Some(r("50")), "", day);
        let mut incoming = Document::new();
        for (name, ml) in [("ldn 1", "25"), ("LDN 0.5", "100"), ("LDN 0.5", "90")] {
            crate::formula::save(&mut incoming.formulas, name, Some(r(ml)), "", day);
        }
        doc.merge(incoming).unwrap();
        let kept: Vec<(&str, u32)> = doc
            .formulas
            .iter()
            .map(|f| (f.name.as_str(), f.version))
            .collect();
        // The file's "ldn 1" is another recipe as version 1: it comes as
        // "ldn 1 (2)", every version.
        assert_eq!(
            kept,
            [
                ("LDN 1", 1),
                ("ldn 1 (2)", 1),
                ("LDN 0.5", 1),
                ("LDN 0.5", 2)
            ]
        );
        assert_eq!(parse(&doc.to_json()).map(|d| d.formulas.len()), Ok(4));
    }

    /// A file exported from another device, whose versions of a name kept
    /// here differ, never leaves a record pointing at another formula's
    /// version: the same versions add nothing, later ones are added, and
    /// a differing lineage comes under a free name its bottles then name.
    #[test]
    fn an_imported_formula_that_differs_is_kept_under_its_own_name() {
        let day = batch().prepared;
        let r = |ml: &str| Recipe::new(Mg::new(dec("50")), 1, Ml::new(dec(ml))).unwrap();
        let save = |formulas: &mut Vec<Formula>, name: &str, ml: &str, vehicle: &str| {
            crate::formula::save(formulas, name, Some(r(ml)), vehicle, day)
        };
        let mut here = Document::new();
        save(&mut here.formulas, "LDN", "50", "");
        save(&mut here.formulas, "LDN", "50", "Ora-Blend");
        save(&mut here.formulas, "LDN (2)", "25", "");
        // The other device: LDN 1 the same, 2 and 3 its own.
        let mut there = Document::new();
        save(&mut there.formulas, "LDN", "50", "");
        save(&mut there.formulas, "LDN", "100", "");
        save(&mut there.formulas, "LDN", "100", "Ora-Sweet");
        let mut bottle = batch();
        bottle.number = "20260301-7".into();
        bottle.record.formula = Some(("LDN".into(), 2));
        there.batches.push(bottle);
        let mut doc = here.clone();
        let merged = doc.merge(there.clone()).unwrap();
        assert_eq!(
            merged.formulas_renamed,
            [("LDN".to_string(), "LDN (3)".to_string())]
        );
        let kept: Vec<(&str, u32, &str)> = doc
            .formulas
            .iter()
            .map(|f| (f.name.as_str(), f.version, f.vehicle.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                ("LDN", 1, ""),
                ("LDN", 2, "Ora-Blend"),
                ("LDN (2)", 1, ""),
                ("LDN (3)", 1, ""),
                ("LDN (3)", 2, ""),
                ("LDN (3)", 3, "Ora-Sweet"),
            ]
        );
        let imported = doc.batches.iter().find(|b| b.number == "20260301-7");
        assert_eq!(
            imported.and_then(|b| b.record.formula.clone()),
            Some(("LDN (3)".into(), 2))
        );
        let formula = doc
            .formulas
            .iter()
            .find(|f| f.name == "LDN (3)" && f.version == 2);
        assert_eq!(formula.map(|f| f.recipe), Some(r("100")));
        assert_eq!(
            parse(&doc.to_json()).map(|d| d.formulas),
            Ok(doc.formulas.clone())
        );
        // Imported again: nothing new, nothing said; still kept as
        // "LDN (3)", which a bottle new in the file names.
        there.batches[0].number = "20260301-8".into();
        there.batches[0].recipe = r("100");
        let again = doc.merge(there).unwrap();
        assert_eq!(again.formulas_renamed, Vec::<(String, String)>::new());
        assert_eq!(doc.formulas.len(), 6);
        let imported = doc.batches.iter().find(|b| b.number == "20260301-8");
        assert_eq!(
            imported.and_then(|b| b.record.formula.clone()),
            Some(("LDN (3)".into(), 2))
        );
        // A device that agrees and has more: the later versions are added.
        let mut ahead = here.clone();
        save(&mut ahead.formulas, "ldn", "50", "Ora-Sweet");
        let mut doc = here;
        let merged = doc.merge(ahead).unwrap();
        assert!(merged.formulas_renamed.is_empty());
        let last = doc
            .formulas
            .last()
            .map(|f| (f.name.as_str(), f.version, f.vehicle.as_str()));
        assert_eq!(last, Some(("LDN", 3, "Ora-Sweet")));
        assert_eq!(parse(&doc.to_json()).map(|d| d.formulas.len()), Ok(4));
    }

    /// A renamed formula's name stays within the longest text kept, so it
    /// reads back as written.
    #[test]
    fn a_renamed_formula_fits_the_longest_text_kept() {
        let day = batch().prepared;
        let r = |ml: &str| Recipe::new(Mg::new(dec("50")), 1, Ml::new(dec(ml))).unwrap();
        let long = "L".repeat(MAX_RECORD_TEXT);
        let mut doc = Document::new();
        crate::formula::save(&mut doc.formulas, &long, Some(r("50")), "", day);
        let mut there = Document::new();
        crate::formula::save(&mut there.formulas, &long, Some(r("100")), "", day);
        let merged = doc.merge(there).unwrap();
        let now = &merged.formulas_renamed[0].1;
        assert_eq!(now.chars().count(), MAX_RECORD_TEXT);
        assert!(now.ends_with(" (2)"));
        assert_eq!(
            parse(&doc.to_json()).map(|d| d.formulas),
            Ok(doc.formulas.clone())
        );
    }

    #[test]
    fn outlook() {
        // 50 mL, 4.4 mL a day, 2 taken: 41.2 mL left = 9 more days (9.36);
        // on 3 March 28 days are left: it runs out first.
        let today = Date::parse_iso("2026-03-03").unwrap();
        let s = status(&batch(), today);
        assert_eq!(s.ml_left, Ml::new(dec("41.2")));
        assert_eq!(s.outlook, Outlook::RunsOutFirst(9));
        // At 1 mL a day with 2 taken: 48 mL left, 28 days left: 20 mL left at the end.
        let mut b = batch();
        b.prescription = fixed("4.5", "1", 1);
        assert_eq!(
            status(&b, today).outlook,
            Outlook::ExpiresFirst(Ml::new(dec("20")))
        );
        assert_eq!(
            status(&b, Date::parse_iso("2026-04-01").unwrap()).outlook,
            Outlook::Expired
        );
        b.taken = 50;
        assert_eq!(status(&b, today).outlook, Outlook::Empty);
        // One draw left is not empty: it runs out after that day.
        b.taken = 49;
        assert_eq!(status(&b, today).outlook, Outlook::RunsOutFirst(1));
        // Exactly as many days of draws as days left: nothing is left
        // at the last day (1 mL a day, 30 mL left, 30 days from 1 March).
        b.taken = 20;
        let first = Date::parse_iso("2026-03-01").unwrap();
        assert_eq!(status(&b, first).outlook, Outlook::ExpiresFirst(Ml::ZERO));
        // A plan bottle: each intake marked took the plan's draw (1.5 mL
        // in its first days).
        let mut p = plan_batch();
        p.taken = 3;
        assert_eq!(status(&p, first).ml_left, Ml::new(dec("45.5")));
        // On 15 March with nothing marked (a pharmacy marks none): 50 mL by
        // the marks, but when the next bottle is needed is reckoned as the
        // label does, with the plan's 14 doses of 1.5 mL taken: 29 mL at
        // 2 mL a day lasts 14 days, before its last day (it said 17 mL
        // left at the last day).
        let fifteenth = Date::parse_iso("2026-03-15").unwrap();
        let p = plan_batch();
        let st = status(&p, fifteenth);
        assert_eq!(
            (st.ml_left, st.outlook),
            (Ml::new(dec("50")), Outlook::RunsOutFirst(14))
        );
        // More marked than the plan had due (20: 33 mL, 17 left): the
        // marks count.
        let mut marked = plan_batch();
        marked.taken = 20;
        assert_eq!(status(&marked, fifteenth).outlook, Outlook::RunsOutFirst(8));
    }

    /// A stored batch's steps and, for a plan its draws use up first, its
    /// last full day, as the engine gives them; the field a bad recipe or
    /// prescription is refused by; the limits at their edges.
    #[test]
    fn stored_bottles_their_days_and_the_limits() {
        // The standard plan from 1 March draws 54 mL in 30 days from 50 mL:
        // 1.5 mg (14 days), 2 mg (14 days), then 2.5 mg.
        let p = plan_batch();
        let steps = p.steps();
        assert_eq!(steps.first().map(|s| s.from), Some(p.prepared));
        assert!(steps.len() >= 3, "{steps:?}");
        assert!(p.empty_after().is_some_and(|d| d < p.last_day()));
        // A fixed dose has no plan to run out by.
        assert_eq!(batch().empty_after(), None);
        let good = of(vec![batch()]).to_json();
        let refused = |from: &str, to: &str| {
            let raw = good.replacen(from, to, 1);
            assert_ne!(raw, good, "{from}");
            parse(&raw).err()
        };
        assert_eq!(
            refused("\"tablet_mg\":\"50\"", "\"tablet_mg\":\"0\""),
            Some(ReadProblem::BadBatch {
                n: 1,
                field: "tablet_mg"
            })
        );
        // A plan bottle with any part of a fixed dose is not a plan bottle.
        let plan_doc = of(vec![plan_batch()]).to_json();
        for extra in ["\"per_day\":1,", "\"dose_mg\":\"1\",", "\"draw_ml\":\"1\","] {
            let raw = plan_doc.replacen("\"taken\":", &format!("{extra}\"taken\":"), 1);
            assert_eq!(
                parse(&raw).err(),
                Some(ReadProblem::BadBatch {
                    n: 1,
                    field: "plan"
                }),
                "{extra}"
            );
        }
        // A wrong value outside batches and the diary names no batch.
        assert_eq!(
            refused("\"diary\":[]", "\"diary\":[],\"retired_numbers\":[7]"),
            Some(ReadProblem::NotBatches)
        );
        // As many batches, entries, retired numbers and product names as
        // the app keeps are read; one more is refused.
        let mut full = Document::new();
        full.batches = (0..MAX_BATCHES as u64)
            .map(|i| Batch {
                id: i + 1,
                number: format!("20260301-{}", i + 1),
                ..batch()
            })
            .collect();
        full.retired_numbers = (0..MAX_BATCHES).map(|i| format!("20260201-{i}")).collect();
        full.diary = (0..MAX_DIARY_ENTRIES)
            .map(|i| {
                let mut e = DiaryEntry::step_back(batch().prepared, 2);
                e.step_back = None;
                e.note = format!("{i}");
                e
            })
            .collect();
        let json = full.to_json();
        assert!(parse(&json).is_ok());
        let one_more = |list: &str, item: &str| {
            parse(&json.replacen(&format!("\"{list}\":["), &format!("\"{list}\":[{item},"), 1))
                .err()
        };
        let batch_json = serde_json::to_string(&Batch {
            id: 5000,
            number: "20260302-1".into(),
            ..batch()
        })
        .unwrap();
        assert_eq!(one_more("batches", &batch_json), Some(ReadProblem::TooMany));
        assert_eq!(
            one_more("retired_numbers", "\"20260101-1\""),
            Some(ReadProblem::TooMany)
        );
        assert_eq!(
            one_more("diary", "{\"date\":\"2026-03-01\",\"note\":\"x\"}"),
            Some(ReadProblem::TooManyEntries)
        );
        // An import that would pass the limits changes nothing; one that
        // reaches them is added.
        let mut here = full.clone();
        here.batches.pop();
        here.diary.pop();
        // Bottles not kept here (numbers of their own).
        let new = |n: &str| Batch {
            number: n.into(),
            ..batch()
        };
        let mut incoming = of(vec![new("20991231-1")]);
        incoming.diary = vec![DiaryEntry::step_back(batch().prepared, 3)];
        assert!(here.clone().merge(incoming.clone()).is_ok());
        let mut over = incoming.clone();
        over.batches.push(new("20991231-2"));
        assert_eq!(here.clone().merge(over).err(), Some(ReadProblem::TooMany));
        let mut over = incoming;
        over.diary.push(DiaryEntry::step_back(batch().prepared, 2));
        assert_eq!(here.merge(over).err(), Some(ReadProblem::TooManyEntries));
        // Into an empty device: the file's own count is what counts.
        let mut too_many = full.clone();
        too_many.batches.push(batch());
        assert_eq!(
            Document::new().merge(too_many).err(),
            Some(ReadProblem::TooMany)
        );
        let mut too_many = full;
        too_many.batches.clear();
        too_many
            .diary
            .push(DiaryEntry::step_back(batch().prepared, 3));
        assert_eq!(
            Document::new().merge(too_many).err(),
            Some(ReadProblem::TooManyEntries)
        );
    }

    /// What is thrown away at the last day, used as prescribed: for a
    /// fixed dose and a plan, only when it is a day's dose or more.
    #[test]
    fn waste_at_the_last_day() {
        // 1 mL a day from 50 mL for 30 days: 20 mL; 4.4 mL a day: none.
        let mut b = batch();
        assert_eq!(waste_at_last_day(&b), None);
        b.prescription = fixed("1", "1", 1);
        assert_eq!(waste_at_last_day(&b), Some(Ml::new(dec("20"))));
        // The standard plan draws 54 mL in 30 days (1.5, 2, then 2.5 mL).
        let plan = |tablet_mg: &str, tablets: u32, ml: &str| {
            let mut b = plan_batch();
            b.recipe = Recipe::new(Mg::new(dec(tablet_mg)), tablets, Ml::new(dec(ml))).unwrap();
            waste_at_last_day(&b)
        };
        assert_eq!(plan("50", 1, "50"), None);
        assert_eq!(plan("50", 2, "100"), Some(Ml::new(dec("46"))));
        // 1 mL left is less than the last day's 2.5 mL: not waste.
        assert_eq!(plan("55", 1, "55"), None);
        // 2.5 mL left is a day's dose: waste.
        assert_eq!(plan("56.5", 1, "56.5"), Some(Ml::new(dec("2.5"))));
    }
}
