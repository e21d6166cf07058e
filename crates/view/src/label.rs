//! The bottle label: what a pharmacy label carries (the pharmacy, the
//! patient, product and strength, directions, the draw and what it really
//! gives, quantity, batch number, dates, storage, "for oral use only"),
//! printed alone on one page of the chosen size. The Prepare screen's label
//! is the recipe's; a saved batch's adds its number and record, and its
//! prescription: a fixed dose, or a plan's steps within the bottle's days
//! (`view::bottle`), as of the day it is printed.
//!
//! The draw is stated through the same `DoseLine` as the screen, with every
//! warning in words. On the small 70 x 37 mm label there is no room for
//! warnings, so a draw that has any is not printed there: the label says to
//! use the A4 label or ask the pharmacy instead. Past the bottle's last day
//! no draw is printed at all (`DoseLine::held`).

use super::bottle::bottle_doses;
use super::draw::{DoseLine, Hold, WarningLine};
use super::form::{self, Control, Entry};
use super::particulars::{made_by, missing, prescription_lines, Who};
use super::parts::contents_with;
use super::patient::{audience, Audience};
use super::prepare::PrepareFor;
use super::text::{dose_amount, qty_mg_per_ml, qty_ml};
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::date::Date;
use ldn_engine::dose::DoseCheck;
use ldn_engine::quantity::Mg;
use ldn_engine::recipe::Recipe;
use ldn_engine::warning::Warning;
use ldn_model::country::{Country, Particular};
use ldn_model::inputs::DoseUnit;
use ldn_model::outcome::{recipe_outcome, DoseOutcome};
use ldn_model::record::{LabelSize, LabelStock, Pharmacy};
use ldn_model::saved::{dispensing_day, Batch};
use ldn_model::state::{Action, State, TextField};

/// A line of the label's directions: the prescribed dose (a plan's step
/// with its days), and the draw (or what to do instead) with its warnings,
/// unless the label is too small for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelDose {
    /// `Dose: 1.5 mg once a day, at bedtime`, or a plan's step:
    /// `Until 14 Dec 2026: 1.5 mg once a day, at bedtime`.
    pub directions: String,
    /// A plan step's first and last day, ISO (`data-from`, `data-to`).
    pub days: Option<(String, String)>,
    /// Not on a label too small for its warnings, nor on a day without a
    /// dose.
    pub draw: Option<LabelDraw>,
}

/// The draw of a label's dose line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelDraw {
    pub line: DoseLine,
    /// The line as one sentence.
    pub sentence: String,
}

impl LabelDose {
    /// A saved bottle's line of directions (`view::bottle`) on paper.
    pub fn of(lang: Lang, d: super::bottle::BottleDose) -> LabelDose {
        LabelDose {
            directions: d.directions,
            days: d.days.map(|(from, to)| (from.to_string(), to.to_string())),
            draw: d.line.map(|line| LabelDraw::new(lang, line)),
        }
    }
}

impl LabelDraw {
    pub fn new(lang: Lang, line: DoseLine) -> LabelDraw {
        LabelDraw {
            sentence: line.sentence(lang),
            line,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelView {
    pub heading: &'static str,
    /// The Prepare screen's patient field (a saved batch has its patient).
    pub patient_field: Option<Control>,
    /// The Prepare screen's choice of label stock (a saved bottle's is
    /// beside its print buttons).
    pub size_field: Option<Control>,
    /// `70x37`, `89x36`, `62x50` or `a4` (`data-size`; the print
    /// stylesheet's page size).
    pub size: &'static str,
    /// A label of its own (not A4): the height its text may take, in
    /// tenths of a millimetre (`data-printable`; the page keeps it there,
    /// `ui::browser::fit_small_labels`).
    pub printable_height: Option<u32>,
    /// How tightly a small label is set (`data-density`): `normal`,
    /// `compact` or `dense`, by how much it says (`density`).
    pub density: &'static str,
    /// Name, address, phone: the lines that are filled in.
    pub pharmacy: Vec<String>,
    pub patient: Option<String>,
    /// The prescription's particulars the pharmacy's country asks for
    /// (`Country::rules`) and the record fills in: the prescriber (and
    /// profession), what it is used for, the use code, its number.
    pub prescription: Vec<String>,
    pub product: String,
    /// The quantity in the bottle (`50 mL`), beside the product.
    pub quantity: String,
    /// What it is made of (`1 x 50 mg tablet made up to 50 mL with
    /// water`); left off a 70 x 37 mm label that cannot hold it (the
    /// product line gives the concentration, the record the recipe).
    pub contents: Option<String>,
    /// A plan bottle's `Dose: as in your dosing plan:`, above its steps.
    pub plan_note: Option<String>,
    /// The directions, each with its draw (when the label has a dose).
    pub doses: Vec<LabelDose>,
    /// Said instead of a draw on a label too small for its warnings.
    pub see_full_label: Option<&'static str>,
    /// `Batch 20261123-1`, for a saved batch.
    pub batch: Option<String>,
    pub prepared: String,
    /// `Dispensed: 7 Dec 2026` (the day printed), where the country asks.
    pub dispensed: Option<String>,
    pub use_until: String,
    /// Who prepared and who checked it, where the country asks.
    pub made_by: Option<String>,
    /// `Compounded preparation.`, where the country asks.
    pub compounded: Option<&'static str>,
    /// Beside the label, not on it: what the country's rules ask for that
    /// is not filled in.
    pub missing: Option<String>,
    /// The bottle's warnings, as on the screen: about its dates (a use-by
    /// beyond the guidance, prepared after today, expired or soon).
    pub warnings: Vec<WarningLine>,
    pub storage: &'static str,
    pub oral_use: &'static str,
    pub print: &'static str,
    /// Printing waits until the recipe is valid again, and a label that
    /// does not fit its stock is not printed on it.
    pub can_print: bool,
    /// Said beside a label too long for its stock even in the smallest
    /// type without its contents line: print it on A4 or a larger stock.
    pub too_long: Option<String>,
}

/// `Dose: 1.5 mg once a day, at bedtime` for `dose_mg` per intake.
pub fn directions(lang: Lang, dose_mg: Mg, per_day: u32, prefer_mcg: bool) -> String {
    lang.f(msg::LabelDirections {
        directions: &directions_only(lang, dose_mg, per_day, prefer_mcg),
    })
}

/// `1.5 mg once a day, at bedtime`, without the label's `Dose:`.
pub fn directions_only(lang: Lang, dose_mg: Mg, per_day: u32, prefer_mcg: bool) -> String {
    let amount = dose_amount(lang, dose_mg, prefer_mcg);
    if per_day == 2 {
        lang.f(msg::DoseTwiceDaily { dose: &amount })
    } else {
        lang.f(msg::DoseOnceDaily { dose: &amount })
    }
}

/// A label stock's name, as the choice of stock gives it.
pub fn stock_name(size: LabelSize) -> Msg {
    match size {
        LabelSize::Small => Msg::LabelSizeSmall,
        LabelSize::Dymo89x36 => Msg::LabelSizeDymo,
        LabelSize::BrotherQl62x50 => Msg::LabelSizeBrother,
        LabelSize::A4 => Msg::LabelSizeA4,
    }
}

/// The label stock, chosen where a label is printed (the Prepare screen's
/// label and a saved bottle's) and for the label printer, as radios named
/// `name` (two groups on one screen need two names, or the browser makes
/// them one group with one checked).
pub fn label_size_control(s: &State, name: &'static str) -> Control {
    let lang = s.lang;
    Control::Radios(form::choice_of(
        lang,
        name,
        lang.t(Msg::LabelSizeField),
        s.doc.label_size,
        &LabelSize::ALL.map(|size| (size, stock_name(size))),
        Action::LabelSize,
    ))
}

/// The directions and draw for `dose` (per intake), in `lang`; past the
/// bottle's last day (`hold`), no draw.
pub fn recipe_label_dose(
    lang: Lang,
    dose: &DoseOutcome,
    prefer_mcg: bool,
    hold: Option<Hold>,
) -> LabelDose {
    // On paper, for a patient, never "dilute it yourself": another syringe
    // or the pharmacy.
    let check: &DoseCheck = &dose.check;
    let line = match hold {
        Some(hold) => DoseLine::held(lang, check, prefer_mcg, hold, true),
        None => DoseLine::for_patient(lang, check, prefer_mcg),
    };
    LabelDose {
        directions: directions(lang, dose.order.dose_mg, dose.order.per_day, prefer_mcg),
        days: None,
        draw: Some(LabelDraw::new(lang, line)),
    }
}

/// The bottle's warnings on a label, as the patient's page says them: the
/// label is the patient's (expired or soon: ask the pharmacy; never the
/// pharmacist's own, such as a use-by beyond the guidance or the waste,
/// which the screen and the record show).
fn bottle_lines(lang: Lang, warnings: &[Warning]) -> Vec<WarningLine> {
    Warning::ALL
        .into_iter()
        .filter(|w| warnings.contains(w))
        .filter_map(|w| match audience(w) {
            Audience::Bottle(words) => Some(WarningLine {
                code: w.code(),
                text: lang.t(words).to_string(),
            }),
            Audience::Dose | Audience::Pharmacist => None,
        })
        .collect()
}

/// What a label is made of, wherever it comes from.
struct Parts<'a> {
    recipe: &'a Recipe,
    prepared: Date,
    last_day: Date,
    plan_note: Option<String>,
    doses: Vec<LabelDose>,
    warnings: Vec<WarningLine>,
    patient: &'a str,
    number: Option<&'a str>,
    who: Who<'a>,
    /// What it was made up with, as the record names it.
    vehicle: &'a str,
    /// The dispensing date: the day its label was first printed, or today
    /// for one not printed yet; none for a bottle not dispensed before
    /// and dated after today or past its last day (its label says not to
    /// use it now: printing it dispenses nothing).
    dispensed: Option<Date>,
}

fn build(lang: Lang, pharmacy: &Pharmacy, size: LabelSize, p: Parts) -> LabelView {
    let country = pharmacy.country;
    // A draw with warnings is not printed where its warnings do not fit.
    let mut hidden = false;
    let doses = p
        .doses
        .into_iter()
        .map(|mut d| {
            let has_warnings = d.draw.as_ref().is_some_and(|x| !x.line.warnings.is_empty());
            if size.stock().is_some() && has_warnings {
                d.draw = None;
                hidden = true;
            }
            d
        })
        .collect();
    let see_full_label = hidden.then(|| lang.t(Msg::LabelSeeFullLabel));
    let patient = p.patient.trim();
    let mut view = LabelView {
        heading: lang.t(Msg::LabelHeading),
        density: "normal",
        patient_field: None,
        size_field: None,
        size: size.code(),
        printable_height: size.stock().map(|stock| stock.printable().1),
        pharmacy: [&pharmacy.name, &pharmacy.address, &pharmacy.phone]
            .into_iter()
            .filter(|line| !line.is_empty())
            .cloned()
            .collect(),
        patient: (!patient.is_empty()).then(|| patient.to_string()),
        prescription: prescription_lines(lang, country, &p.who),
        product: lang.f(msg::LabelProduct {
            concentration: &qty_mg_per_ml(lang, p.recipe.concentration().mg_per_ml()),
        }),
        quantity: qty_ml(lang, p.recipe.final_ml()),
        contents: Some(contents_with(lang, p.recipe, p.vehicle)),
        plan_note: p.plan_note,
        doses,
        see_full_label,
        batch: p.number.map(|number| lang.f(msg::LabelBatch { number })),
        prepared: lang.f(msg::LabelPrepared {
            date: &lang.date(p.prepared),
        }),
        // Dispensed the day it is printed, never before it is made.
        dispensed: p
            .dispensed
            .filter(|_| country.asks(Particular::DispensingDate))
            .map(|date| {
                lang.f(msg::LabelDispensed {
                    date: &lang.date(date),
                })
            }),
        use_until: lang.f(msg::LabelUseUntil {
            date: &lang.date(p.last_day),
        }),
        made_by: made_by(lang, country, &p.who),
        compounded: country
            .asks(Particular::Compounded)
            .then(|| lang.t(Msg::LabelCompounded)),
        missing: missing(lang, pharmacy, patient, &p.who),
        warnings: p.warnings,
        storage: lang.t(match country {
            // The Royal Pharmaceutical Society's "reach and sight".
            Country::UnitedKingdom => Msg::LabelStorageUk,
            _ => Msg::LabelStorage,
        }),
        oral_use: lang.t(Msg::LabelOralUse),
        print: lang.t(Msg::PrintLabel),
        can_print: true,
        too_long: None,
    };
    if let Some(stock) = size.stock() {
        view.density = density(&view, stock);
        // Abbreviated by rule when even the smallest type does not hold it.
        if !fits(&view, stock, "dense") {
            view.contents = None;
        }
    }
    view
}

/// A label the page measured spilling off its stock even in the smallest
/// type without its contents line (`State::label_spills`, from
/// `ui::browser::fit_small_labels`; the rule above is only a guess) is not
/// printed on it: the page says so instead.
fn refuse_if_spilling(mut view: LabelView, s: &State) -> LabelView {
    let size = s.doc.label_size;
    if s.label_spills && size.stock().is_some() {
        view.can_print = false;
        view.too_long = Some(s.lang.f(msg::LabelTooLong {
            stock: s.lang.t(stock_name(size)),
        }));
    }
    view
}

/// The small labels' type sizes (`data-density`, the print stylesheet's
/// 6.8, 6.2 and 5.6 pt): the characters a line holds and the lines the
/// label holds at each on the 70 x 37 mm label's printable 67 x 34 mm,
/// measured from printed labels with the longest real names in four
/// languages (`tests/e2e/print-fit.test.mjs`); another stock's are in
/// proportion to its printable width and height (`rule`).
const SMALL_LABEL: [(&str, usize, usize); 3] =
    [("normal", 55, 12), ("compact", 61, 13), ("dense", 67, 16)];
/// The printable area those were measured on, in tenths of a millimetre.
const MEASURED_ON: (u32, u32) = (670, 340);

/// The characters a line and the lines a label of `stock` hold at each
/// type size, rounded down.
fn rule(stock: LabelStock) -> impl Iterator<Item = (&'static str, usize, usize)> {
    let (width, height) = stock.printable();
    let scale = |n: usize, part: u32, whole: u32| n * part as usize / whole as usize;
    SMALL_LABEL.iter().map(move |(name, per_line, lines)| {
        (
            *name,
            scale(*per_line, width, MEASURED_ON.0),
            scale(*lines, height, MEASURED_ON.1),
        )
    })
}

/// The small label's type size, by rule: the largest at which its lines
/// fit (each run of text takes whole lines); `dense` when none does (the
/// plan's steps and a draw with warnings have already given way to "as in
/// your dosing plan" and "see the A4 label", and then the contents line
/// gives way too).
pub fn density(v: &LabelView, stock: LabelStock) -> &'static str {
    SMALL_LABEL
        .iter()
        .map(|(name, _, _)| *name)
        .find(|name| fits(v, stock, name))
        .unwrap_or("dense")
}

/// Whether the small label's lines fit at the type size `density`.
fn fits(v: &LabelView, stock: LabelStock, density: &str) -> bool {
    let Some((_, per_line, lines)) = rule(stock).find(|(name, _, _)| *name == density) else {
        return false;
    };
    let product = match &v.contents {
        Some(contents) => format!("{} \u{b7} {} \u{b7} {contents}", v.product, v.quantity),
        None => format!("{} \u{b7} {}", v.product, v.quantity),
    };
    let runs = [
        v.pharmacy.join(" \u{b7} "),
        // The patient and the prescription, then the dates and who made
        // it, each run on (`ui::components::label`).
        v.patient
            .iter()
            .chain(&v.prescription)
            .cloned()
            .collect::<Vec<_>>()
            .join(" \u{b7} "),
        product,
        v.plan_note.clone().unwrap_or_default(),
        format!(
            "{} \u{b7} {} \u{b7} {} \u{b7} {} \u{b7} {}",
            v.batch.clone().unwrap_or_default(),
            v.prepared,
            v.dispensed.clone().unwrap_or_default(),
            v.use_until,
            v.made_by.clone().unwrap_or_default()
        ),
        format!(
            "{} \u{b7} {} {}",
            v.storage,
            v.oral_use,
            v.compounded.unwrap_or_default()
        ),
        v.see_full_label.unwrap_or_default().to_string(),
    ];
    let doses = v.doses.iter().flat_map(|d| {
        let draw = d.draw.iter().flat_map(|x| {
            std::iter::once(x.sentence.clone())
                .chain(x.line.warnings.iter().map(|w| w.text.clone()))
        });
        std::iter::once(d.directions.clone()).chain(draw)
    });
    let warnings = v.warnings.iter().map(|w| w.text.clone());
    let needed: usize = runs
        .into_iter()
        .chain(doses)
        .chain(warnings)
        .map(|t| width(&t).div_ceil(per_line))
        .sum();
    needed <= lines
}

/// How wide `text` sets, in average Latin letters: Cyrillic and capitals
/// run wider, spaces narrower (measured on printed labels in four
/// languages; a guess on the safe side).
fn width(text: &str) -> usize {
    let tenths: usize = text
        .chars()
        .map(|c| match c {
            ' ' | '\u{a0}' => 6,
            'А'..='я' | 'Є' | 'І' | 'Ї' | 'Ґ' | 'є' | 'і' | 'ї' | 'ґ' => 13,
            c if c.is_uppercase() => 12,
            _ => 10,
        })
        .sum();
    tenths.div_ceil(10)
}

/// The Prepare screen's label: the recipe's, with the prescription a
/// bottle saved now is made for (`State::bottle_for`, as My batches
/// saves it): a plan's steps as its saved label gives them, or the Dose
/// screen's dose when that screen draws from this recipe.
pub fn label(s: &State) -> Option<LabelView> {
    prepare_label(s, &PrepareFor::of(s))
}

/// The Prepare screen's label for `about` (decided once with its figures).
pub fn prepare_label(s: &State, about: &PrepareFor) -> Option<LabelView> {
    let lang = s.lang;
    let (r, stale) = s.recipe.shown()?;
    // Past the bottle's last day, or a dose in mcg not yet confirmed: no draw.
    let hold = r
        .expiry
        .expired
        .then_some(Hold::Expired(r.expiry.last_day))
        .or(s.pending_check().map(Hold::from));
    let (doses, plan_note) = match about {
        PrepareFor::Plan(bottle) => plan_label_doses(s, bottle.as_deref()),
        PrepareFor::Dose => {
            let dose = s
                .dose
                .ok()
                .filter(|d| d.supply.is_some())
                .map(|d| recipe_label_dose(lang, d, s.inputs.dose_unit == DoseUnit::Mcg, hold));
            (dose.into_iter().collect(), None)
        }
    };
    let parts = Parts {
        recipe: &r.order.recipe,
        prepared: r.order.prepared,
        last_day: r.expiry.last_day,
        plan_note,
        doses,
        warnings: bottle_lines(lang, &r.warnings),
        patient: &s.inputs.patient,
        number: None,
        who: Who::typed(&s.record),
        vehicle: &s.record.vehicle,
        dispensed: dispensing_day(r.order.prepared, r.expiry.last_day, s.today),
    };
    let base = refuse_if_spilling(build(lang, &s.doc.pharmacy, s.doc.label_size, parts), s);
    Some(LabelView {
        patient_field: Some(form::text(
            s,
            "patient",
            Entry::Text,
            None,
            TextField::Patient,
            lang.t(Msg::PatientName),
            &s.inputs.patient,
        )),
        size_field: Some(label_size_control(s, "label-size")),
        can_print: base.can_print && !stale,
        ..base
    })
}

/// A plan bottle's directions on the Prepare screen, built as its saved
/// label's are (`batch_label`); none while no plan bottle can be saved
/// (then the label states no dose the saved bottle would not).
fn plan_label_doses(s: &State, bottle: Option<&Batch>) -> (Vec<LabelDose>, Option<String>) {
    let Some(bottle) = bottle else {
        return (Vec::new(), None);
    };
    let directions = bottle_doses(s.lang, bottle, s.today, max_steps(s.doc.label_size), true);
    let doses = directions
        .doses
        .into_iter()
        .map(|d| LabelDose::of(s.lang, d))
        .collect();
    (doses, directions.plan_note)
}

fn max_steps(size: LabelSize) -> usize {
    match size.stock() {
        Some(_) => MAX_STEPS_SMALL,
        None => MAX_STEPS_A4,
    }
}

/// Most plan steps a label lists before it says "as in your dosing plan"
/// and gives the day's step: on A4, and on a 70 x 37 mm label.
/// (A4: a weekly titration's five steps in a 30-day bottle and the days
/// after it is used up; the journey review found the label of a bottle
/// with five steps giving only the first week's dose at 4.)
pub const MAX_STEPS_A4: usize = 6;
pub const MAX_STEPS_SMALL: usize = 2;

/// A saved batch's label, with its number, the record's patient and its
/// prescription's directions as of today (`view::bottle`).
pub fn batch_label(lang: Lang, b: &Batch, s: &State) -> LabelView {
    // Judged with the syringe its link names (without one, all but the
    // fill), and a draw not to be made sends the patient to the pharmacy.
    let directions = bottle_doses(lang, b, s.today, max_steps(s.doc.label_size), true);
    let doses = directions
        .doses
        .into_iter()
        .map(|d| LabelDose::of(lang, d))
        .collect();
    // The bottle's warnings as on the screen: expired or soon, its dates.
    let bottle = recipe_outcome(&b.recipe_order(), s.today);
    let last_day = bottle.expiry.last_day;
    let parts = Parts {
        recipe: &b.recipe,
        prepared: b.prepared,
        last_day,
        plan_note: directions.plan_note,
        doses,
        warnings: bottle_lines(lang, &bottle.warnings),
        patient: &b.record.patient,
        number: Some(&b.number),
        who: Who::of(&b.record),
        vehicle: &b.record.vehicle,
        dispensed: b.dispensed_on(s.today),
    };
    refuse_if_spilling(build(lang, &s.doc.pharmacy, s.doc.label_size, parts), s)
}

/// The label's one line of directions and its draw, flattened (tests).
#[cfg(test)]
pub(crate) struct FlatDose {
    pub directions: String,
    pub sentence: String,
    pub line: DoseLine,
}

/// The label's only dose line, with its draw (tests).
#[cfg(test)]
pub(crate) fn only_dose(v: &LabelView) -> FlatDose {
    assert_eq!(v.doses.len(), 1, "{:?}", v.doses);
    let d = &v.doses[0];
    let draw = d.draw.as_ref().expect("a draw on the label");
    FlatDose {
        directions: d.directions.clone(),
        sentence: draw.sentence.clone(),
        line: draw.line.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use ldn_engine::warning::Warning;
    use ldn_model::inputs::SyringeChoice;

    use ldn_model::state::fixtures::from_link as state_from_link;

    fn printed(view: &LabelView) -> String {
        let dose = view.doses.first().map(|d| {
            let draw = d.draw.as_ref().unwrap();
            let warnings: Vec<&str> = draw.line.warnings.iter().map(|w| w.text.as_str()).collect();
            format!("{} {} {}", d.directions, draw.sentence, warnings.join(" "))
        });
        format!("{} {}", view.product, dose.unwrap_or_default()).replace('\u{a0}', " ")
    }

    #[test]
    fn the_label_never_says_draw_zero() {
        // The bug this layer fixes: this link printed "Dose: draw 0 mL = 0 mg".
        let s = state_from_link("lang=en&dose=0.001&syringe=1");
        let text = printed(&label(&s).unwrap());
        assert!(!text.contains("0 mL"), "{text}");
        assert!(!text.contains("draw"), "{text}");
        assert!(text.contains("cannot be measured"), "{text}");
        // In the patient's words (the label is theirs).
        assert!(
            text.contains("too small for the marks of your syringe"),
            "{text}"
        );
    }

    #[test]
    fn a_dose_in_mcg_is_given_in_mcg_on_both_sides() {
        let mut s = state_from_link("lang=en&dose=0.5&syringe=1");
        s = ldn_model::state::apply(
            s,
            ldn_model::state::Action::DoseUnit(ldn_model::inputs::DoseUnit::Mcg),
        );
        s = ldn_model::state::apply(
            s,
            ldn_model::state::Action::Type(TextField::Dose, "500".into()),
        );
        let d = only_dose(&label(&s).unwrap());
        assert_eq!(
            d.sentence.replace('\u{a0}', " "),
            "500 mcg: draw 0.5 mL, which gives 500 mcg"
        );
    }

    #[test]
    fn the_label_states_directions_and_what_is_given() {
        let s = state_from_link("lang=en&dose=1.5&syringe=3");
        let d = only_dose(&label(&s).unwrap());
        assert_eq!(
            d.directions.replace('\u{a0}', " "),
            "Dose: 1.5 mg once a day, at bedtime"
        );
        assert_eq!(
            d.sentence.replace('\u{a0}', " "),
            "1.5 mg: draw 1.5 mL, which gives 1.5 mg"
        );
        let mut s = state_from_link("lang=nb&dose=1.5&syringe=10");
        s = ldn_model::state::apply(s, ldn_model::state::Action::PerDay(2));
        let d = only_dose(&label(&s).unwrap());
        assert!(
            d.directions.contains("to ganger daglig"),
            "{}",
            d.directions
        );
        // 1.5 mL on 0.2 mL marks: 1.4 mL, 1.4 mg, with both warnings.
        assert!(d.sentence.contains("1,4\u{a0}ml"), "{}", d.sentence);
        let codes: Vec<_> = d.line.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, ["rounding-deviation", "low-fill"]);
    }

    /// Every draw warning code, on the label: either a measured draw with
    /// the warning in words, or no draw at all.
    #[test]
    fn every_draw_warning_reaches_the_label() {
        let cases = [
            ("dose=30&syringe=10&volume=10", Warning::NotLowDose),
            ("dose=5&syringe=10&volume=10", Warning::AboveLdnRange),
            ("dose=4.5&syringe=3", Warning::OverCapacity),
            ("dose=0.001&syringe=1", Warning::RoundsToZero),
            ("dose=0.05&syringe=1", Warning::BelowAccuracy),
            ("dose=1.5&syringe=10", Warning::RoundingDeviation),
            ("dose=0.5&syringe=10", Warning::LowFill),
        ];
        for (query, warning) in cases {
            let s = state_from_link(&format!("lang=en&{query}"));
            assert!(
                s.inputs.syringe != SyringeChoice::Custom,
                "{query}: not a preset"
            );
            let d = only_dose(&label(&s).unwrap());
            assert!(
                d.line.warnings.iter().any(|w| w.code == warning.code()),
                "{query}: {:?}",
                d.line.warnings
            );
            if matches!(
                warning,
                Warning::OverCapacity | Warning::RoundsToZero | Warning::BelowAccuracy
            ) {
                assert!(!d.line.is_measured(), "{query}");
                assert!(!d.sentence.contains("draw"), "{query}: {}", d.sentence);
            } else {
                assert!(d.line.is_measured(), "{query}");
                assert!(d.sentence.contains("which gives"), "{query}");
            }
        }
    }
}

#[cfg(test)]
mod size_and_batch_tests {
    use super::*;
    use ldn_model::state::fixtures::from_link;
    use ldn_model::state::{apply, Action};

    /// The 70 x 37 mm label has no room for warnings: a draw that has any
    /// is not printed there (the directions are), and the label says where
    /// to find it. A draw without warnings is printed as on A4.
    #[test]
    fn a_small_label_never_prints_a_draw_without_its_warnings() {
        let small = |query: &str| {
            let s = apply(from_link(query), Action::LabelSize(LabelSize::Small));
            label(&s).unwrap()
        };
        let v = small("lang=en&dose=1.5&syringe=10");
        assert!(v.doses[0].draw.is_none());
        assert_eq!(v.size, "70x37");
        assert!(v.see_full_label.unwrap().contains("A4"));
        assert_eq!(
            v.doses[0].directions.replace('\u{a0}', " "),
            "Dose: 1.5 mg once a day, at bedtime"
        );
        let v = small("lang=en&dose=1.5&syringe=3");
        assert!(v.see_full_label.is_none());
        assert!(only_dose(&v).line.warnings.is_empty());
        // On A4 the same draw is printed with its warnings.
        let s = from_link("lang=en&dose=1.5&syringe=10");
        let d = only_dose(&label(&s).unwrap());
        assert_eq!(d.line.warnings.len(), 2);
    }

    /// A saved batch's label carries the pharmacy, its number, the
    /// record's patient, "for oral use only", and its draw by the output
    /// rule.
    #[test]
    fn a_saved_batch_label_has_what_pharmacy_labels_carry() {
        let mut s = from_link("lang=en&dose=1.5&syringe=3&prepared=2026-03-01");
        for (field, text) in [
            (TextField::Patient, "Kari Nordmann"),
            (TextField::PharmacyName, "Apotek 1 Storgata"),
            (TextField::PharmacyPhone, "22 00 00 00"),
        ] {
            s = apply(s, Action::Type(field, text.into()));
        }
        s = apply(s, Action::SavePharmacy);
        s = apply(s, Action::SaveBatch);
        let b = s.doc.batches[0].clone();
        let v = batch_label(Lang::En, &b, &s);
        assert_eq!(v.pharmacy, ["Apotek 1 Storgata", "22 00 00 00"]);
        assert_eq!(v.patient.as_deref(), Some("Kari Nordmann"));
        assert_eq!(v.batch.as_deref(), Some("Batch 20260301-1"));
        assert_eq!(v.oral_use, "For oral use only.");
        assert!(v.storage.contains("Shake well"));
        assert_eq!(
            only_dose(&v).sentence.replace('\u{a0}', " "),
            "1.5 mg: draw 1.5 mL, which gives 1.5 mg"
        );
    }

    /// With a plan set up, the Prepare screen's label gives the plan's
    /// steps as the bottle's saved label does (it gave the Dose screen's
    /// 1.5 mg while the saved bottle's label stepped up to 2 mg); a plan
    /// with no dose in the bottle's days gives no dose at all.
    #[test]
    fn the_prepare_label_is_the_saved_bottles_label_for_a_plan() {
        let link = "lang=en&tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=2026-03-01\
                    &plan=standard&pstart=2026-03-01&pdays=60";
        let s = from_link(link);
        let prepare = label(&s).unwrap();
        let saved = apply(s, Action::SaveBatch);
        let b = saved.doc.batches[0].clone();
        assert!(b.prescription.plan().is_some());
        let bottle = batch_label(Lang::En, &b, &saved);
        let text = |v: &LabelView| {
            let doses: Vec<String> = v
                .doses
                .iter()
                .map(|d| {
                    let draw = d
                        .draw
                        .as_ref()
                        .map_or(String::new(), |d| d.sentence.clone());
                    format!("{} {:?} {draw}", d.directions, d.days)
                })
                .collect();
            (doses, v.plan_note.clone())
        };
        assert_eq!(text(&prepare), text(&bottle));
        assert!(prepare.doses.len() > 1, "{:?}", text(&prepare));
        assert!(
            text(&prepare)
                .0
                .iter()
                .any(|d| d.contains("2\u{a0}mg once a day")),
            "{:?}",
            text(&prepare)
        );
        // The plan starts after the bottle's last day: no dose from it.
        let late = from_link(&link.replace("pstart=2026-03-01", "pstart=2026-06-01"));
        assert!(label(&late).unwrap().doses.is_empty());
        // The Dose screen's dose when the bottle is for that dose.
        let dose = apply(
            from_link(link),
            Action::BottleFor(ldn_model::state::BottleFor::Dose),
        );
        assert_eq!(
            only_dose(&label(&dose).unwrap())
                .sentence
                .replace('\u{a0}', " "),
            "1.5 mg: draw 1.5 mL, which gives 1.5 mg"
        );
    }

    /// A step of one day is said as one day (the journey review read "4
    /// Jan 2027 to 4 Jan 2027"): prepared the day before the plan starts,
    /// its first day has no dose yet, and on its last the plan has used it
    /// up.
    #[test]
    fn a_one_day_step_is_one_date() {
        let s = from_link(
            "lang=en&tablet=50&tablets=1&volume=50&syringe=3&prepared=2026-03-01&bud=30\
             &plan=standard&pstart=2026-03-02&pdays=60",
        );
        let s = apply(s, Action::SaveBatch);
        let v = batch_label(Lang::En, &s.doc.batches[0], &s);
        let directions: Vec<String> = v
            .doses
            .iter()
            .map(|d| d.directions.replace('\u{a0}', " "))
            .collect();
        assert!(
            directions[0].starts_with("On 1 Mar 2026: "),
            "{directions:?}"
        );
        assert!(
            directions[1].starts_with("2 Mar 2026 to 15 Mar 2026: 1.5 mg"),
            "{directions:?}"
        );
        assert!(
            directions
                .last()
                .unwrap()
                .starts_with("On 30 Mar 2026: from your next bottle"),
            "{directions:?}"
        );
    }

    /// A weekly titration's bottle lists every step of its 30 days on the
    /// A4 label (1, 2, 3, 4 and 4.5 mg), each with its draw, and the steps
    /// the 3 mL syringe cannot hold say so; the small label gives the day's
    /// step.
    #[test]
    fn an_a4_label_lists_a_weekly_titrations_steps() {
        let s = from_link(
            "lang=en&tablet=50&tablets=2&volume=100&syringe=3&prepared=2026-03-01&bud=30\
             &plan=weekly-1mg&pstart=2026-03-01&pdays=60",
        );
        let s = apply(s, Action::SaveBatch);
        let b = s.doc.batches[0].clone();
        let v = batch_label(Lang::En, &b, &s);
        let directions: Vec<String> = v
            .doses
            .iter()
            .map(|d| d.directions.replace('\u{a0}', " "))
            .collect();
        assert_eq!(v.doses.len(), 5, "{directions:?}");
        for mg in ["1 mg", "2 mg", "3 mg", "4 mg", "4.5 mg"] {
            assert!(
                directions
                    .iter()
                    .any(|d| d.contains(&format!(": {mg} once a day"))),
                "{mg}: {directions:?}"
            );
        }
        let over: Vec<_> = v
            .doses
            .iter()
            .filter_map(|d| d.draw.as_ref())
            .filter(|d| d.line.warnings.iter().any(|w| w.code == "over-capacity"))
            .collect();
        assert_eq!(over.len(), 2);
        let small = apply(s.clone(), Action::LabelSize(LabelSize::Small));
        let one = batch_label(Lang::En, &b, &small);
        assert_eq!(one.doses.len(), 1);
        // The day's step with its own days, the date not said twice (the
        // journey review's "On 1 Mar 2026: On 1 Mar 2026:").
        let said = format!(
            "{} {}",
            one.plan_note.unwrap_or_default(),
            one.doses[0].directions
        );
        assert!(
            said.starts_with("Dose: as in your dosing plan: 1 Mar 2026 to 7 Mar 2026: 1"),
            "{said}"
        );
    }

    /// Reprinted later, a saved batch's label and record warn as the
    /// screen did when it was saved (the syringe from its link: a draw of
    /// 10 % of a 10 mL syringe) and as the screen does now (expired).
    #[test]
    fn a_saved_batch_keeps_the_screens_warnings() {
        use ldn_engine::warning::Warning;
        let s = from_link("lang=en&dose=1&syringe=10&prepared=2026-03-01");
        let on_screen: Vec<_> = s.dose.ok().unwrap().check.warnings.clone();
        assert_eq!(on_screen, [Warning::LowFill]);
        let s = apply(s, Action::SaveBatch);
        let b = s.doc.batches[0].clone();
        let codes = |line: &DoseLine| line.warnings.iter().map(|w| w.code).collect::<Vec<_>>();
        let v = batch_label(Lang::En, &b, &s);
        assert_eq!(codes(&only_dose(&v).line), ["low-fill"]);
        let r = crate::record::record(Lang::En, &b, &s);
        let record_draw = r.doses[0].draw.as_ref().unwrap();
        assert_eq!(codes(&record_draw.line), ["low-fill"]);
        // The small label has no room for it: no draw there.
        let small = apply(s.clone(), Action::LabelSize(LabelSize::Small));
        let v = batch_label(Lang::En, &b, &small);
        assert!(v.doses[0].draw.is_none() && v.see_full_label.is_some());
        // 5 April: expired on 30 March, on the label and the record.
        let mut later = s;
        later.today = Date::from_ymd(2026, 4, 5).unwrap();
        let bottle = |w: &[WarningLine]| w.iter().map(|w| w.code).collect::<Vec<_>>();
        let v = batch_label(Lang::En, &b, &later);
        assert_eq!(bottle(&v.warnings), ["expired"]);
        // Past its last day the label states no draw, and says why.
        let held = only_dose(&v);
        assert!(!held.line.is_measured());
        assert_eq!(
            held.sentence.replace('\u{a0}', " "),
            "1 mg: do not draw it from this bottle: it may be used only up to and including 30 Mar 2026. \
             Ask the pharmacy for a new bottle."
        );
        // The record lists every warning once: the dose's, the bottle's
        // dates', and the 20 mL thrown away at its last day (1 mL a day
        // for 30 days from 50 mL).
        let r = crate::record::record(Lang::En, &b, &later);
        assert_eq!(
            bottle(&r.warnings),
            ["low-fill", "expired", "outlasts-use-by"]
        );
        assert!(r.warnings[2]
            .text
            .starts_with("20\u{a0}mL (20\u{a0}mg) is left"));
        assert!(r.no_warnings.is_none());
    }
}
