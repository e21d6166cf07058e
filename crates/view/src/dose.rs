//! The Dose screen (patient or pharmacist): where the concentration comes
//! from, the dose and the syringe; what to draw, a picture of it, what is
//! really given, and the warnings beside it.

use super::draw::{alternative, Alternative, DoseLine, Draw, Hold};
use super::form::{self, choice, Control, Entry};
use super::parts::{Figure, WarningList};
use super::syringe::{drawing, SyringeDrawing};
use super::text::{dose_amount, num, percent, qty, qty_mg_per_ml, qty_ml, share, syringe_name};
use ldn_catalog::{msg, Msg};
use ldn_engine::dilution::Dilution as EngineDilution;
use ldn_engine::format::Unit;
use ldn_engine::quantity::MgPerMl;
use ldn_engine::recipe::Concentration;
use ldn_engine::recipe::LDN_LIQUID_MG_PER_ML;
use ldn_engine::syringe::SyringePreset;
use ldn_model::inputs::{ConcSource, DoseUnit, Field, SyringeChoice};
use ldn_model::outcome::DilutionAdvice;
use ldn_model::saved::status;
use ldn_model::state::{Action, Check, DoseWaitsFor, State, TextField};

/// A typed value to confirm before a draw is shown (`data-warning`:
/// `concentration-unusual` or `dose-unit-unusual`), with the working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckView {
    pub code: &'static str,
    pub heading: &'static str,
    pub lines: Vec<String>,
    pub confirm: (String, Action),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseResults {
    pub heading: &'static str,
    /// What to confirm before the draw is shown.
    pub check: Option<CheckView>,
    /// From the last valid inputs: `Some(note)` says so.
    pub stale: Option<&'static str>,
    pub draw_label: &'static str,
    pub draw: String,
    /// When the syringe cannot measure the dose: what to do instead. The
    /// picture is then left out (it would show a draw not to be made).
    pub instead: Option<String>,
    pub picture: Option<SyringeDrawing>,
    pub figures: Vec<Figure>,
    pub best_syringe: Option<String>,
    pub dilution: Option<Dilution>,
    pub warnings: WarningList,
}

/// A serial dilution, shown as a task for the pharmacy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dilution {
    Proposed {
        heading: &'static str,
        /// "This is a task for the pharmacy: ..."
        task: &'static str,
        steps: Vec<DilutionStepView>,
        /// The dose from the last solution, stated as every dose is (a
        /// `DoseLine` with its warnings), after where it is drawn from.
        draw: String,
    },
    NoneFits(&'static str),
}

/// One step: what to take and make it up to, and its bottle's label line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DilutionStepView {
    pub text: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseView {
    pub heading: &'static str,
    pub controls: Vec<Control>,
    pub results: Option<DoseResults>,
}

fn controls(s: &State) -> Vec<Control> {
    let lang = s.lang;
    let i = &s.inputs;
    let batches = &s.doc.batches;
    let chosen_batch = match i.conc_source {
        ConcSource::Batch(id) => Some(id),
        _ => None,
    };
    // Choosing "a saved batch" starts from the newest one still in date.
    let first_batch = batches
        .iter()
        .rev()
        .find(|b| !status(b, s.today).expiry.expired)
        .or(batches.last())
        .map(|b| b.id);
    let mut sources = vec![
        (
            lang.t(Msg::ConcFromRecipe).to_string(),
            i.conc_source == ConcSource::Recipe,
            Action::ConcSource(ConcSource::Recipe),
        ),
        (
            lang.t(Msg::ConcFromLabel).to_string(),
            i.conc_source == ConcSource::Label,
            Action::ConcSource(ConcSource::Label),
        ),
    ];
    if let Some(id) = first_batch {
        sources.push((
            lang.t(Msg::ConcFromBatch).to_string(),
            chosen_batch.is_some(),
            Action::ConcSource(ConcSource::Batch(id)),
        ));
    }
    let mut out = vec![Control::Radios(choice(
        "conc-source",
        lang.t(Msg::ConcSource),
        sources,
    ))];

    if i.conc_source == ConcSource::Label {
        out.push(form::text(
            s,
            "label-conc",
            Entry::Decimal,
            Some(Field::LabelConc),
            TextField::LabelConc,
            lang.t(Msg::LabelConcField),
            &i.label_conc,
        ));
    } else if let Some(chosen) = chosen_batch {
        let options = batches.iter().map(|b| {
            let st = status(b, s.today);
            // The batch number tells apart two bottles of one day.
            let mut text = format!(
                "{} ({}): {} \u{b7} {}",
                b.name,
                lang.f(msg::LabelBatch { number: &b.number }),
                qty_mg_per_ml(lang, b.recipe.concentration().mg_per_ml()),
                lang.f(msg::LabelUseUntil {
                    date: &lang.date(st.expiry.last_day)
                })
            );
            if st.expiry.expired {
                text.push_str(&format!(" ({})", lang.t(Msg::Expired)));
            }
            (
                text,
                b.id == chosen,
                Action::ConcSource(ConcSource::Batch(b.id)),
            )
        });
        out.push(Control::Dropdown(choice(
            "saved-batch",
            lang.t(Msg::SavedBatchField),
            options,
        )));
        if let Some(b) = &s.dose_bottle {
            out.push(Control::Note {
                text: format!(
                    "{}: {} \u{b7} {}",
                    lang.t(Msg::Concentration),
                    qty_mg_per_ml(lang, b.order.recipe.concentration().mg_per_ml()),
                    lang.f(msg::LabelUseUntil {
                        date: &lang.date(b.expiry.last_day)
                    })
                ),
                stale: false,
                testid: "batch-concentration",
            });
        }
    } else if let Some((r, stale)) = s.recipe.shown() {
        out.push(Control::Note {
            text: format!(
                "{}: {}",
                lang.t(Msg::Concentration),
                qty_mg_per_ml(lang, r.order.recipe.concentration().mg_per_ml())
            ),
            stale,
            testid: "recipe-concentration",
        });
    }
    if let Some(waits) = s.dose_waits_for {
        out.push(Control::Error(form::InlineError {
            param: "conc",
            text: lang
                .t(match waits {
                    DoseWaitsFor::Recipe => Msg::NeedsRecipe,
                    DoseWaitsFor::Batch => Msg::NeedsBatch,
                })
                .to_string(),
        }));
    }
    let mcg = i.dose_unit == DoseUnit::Mcg;
    out.push(Control::Row(vec![
        form::text(
            s,
            "dose",
            Entry::Decimal,
            Some(Field::Dose),
            TextField::Dose,
            format!(
                "{} ({})",
                lang.t(Msg::DoseField),
                lang.unit(if mcg { Unit::Mcg } else { Unit::Mg })
            ),
            &i.dose,
        ),
        Control::Dropdown(choice(
            "dose-unit",
            lang.t(Msg::DoseUnit),
            [
                (
                    lang.unit(Unit::Mg).to_string(),
                    !mcg,
                    Action::DoseUnit(DoseUnit::Mg),
                ),
                (
                    lang.unit(Unit::Mcg).to_string(),
                    mcg,
                    Action::DoseUnit(DoseUnit::Mcg),
                ),
            ],
        )),
    ]));
    out.push(Control::Radios(choice(
        "per-day",
        lang.t(Msg::DosesPerDay),
        [
            (
                lang.t(Msg::OncePerDay).to_string(),
                i.per_day == 1,
                Action::PerDay(1),
            ),
            (
                lang.t(Msg::TwicePerDay).to_string(),
                i.per_day == 2,
                Action::PerDay(2),
            ),
        ],
    )));
    let mut syringes: Vec<_> = SyringePreset::ALL
        .iter()
        .map(|p| {
            (
                syringe_name(lang, p.syringe()),
                i.syringe == SyringeChoice::Preset(*p),
                Action::Syringe(SyringeChoice::Preset(*p)),
            )
        })
        .collect();
    syringes.push((
        lang.t(Msg::Custom).to_string(),
        i.syringe == SyringeChoice::Custom,
        Action::Syringe(SyringeChoice::Custom),
    ));
    out.push(Control::Dropdown(choice(
        "syringe",
        lang.t(Msg::SyringeField),
        syringes,
    )));
    if i.syringe == SyringeChoice::Custom {
        out.push(form::text(
            s,
            "capacity",
            Entry::Decimal,
            Some(Field::Syringe),
            TextField::Capacity,
            lang.t(Msg::CustomCapacity),
            &i.capacity,
        ));
        out.push(form::text(
            s,
            "grad",
            Entry::Decimal,
            Some(Field::Grad),
            TextField::Grad,
            lang.t(Msg::CustomGraduation),
            &i.grad,
        ));
    }
    out
}

fn results(s: &State) -> Option<DoseResults> {
    let lang = s.lang;
    let (out, stale) = s.dose.shown()?;
    let c = &out.check;
    let mcg = s.inputs.dose_unit == DoseUnit::Mcg;
    let best_syringe = match c.best_preset {
        Some(p) if Some(p) != out.order.syringe.preset() => Some(lang.f(msg::BestSyringe {
            syringe: &syringe_name(lang, p.syringe()),
        })),
        Some(_) => None,
        None => Some(lang.t(Msg::NoGoodSyringe).to_string()),
    };
    // No dose from a bottle past its last day: no draw, no dilution of it;
    // none from a typed value to confirm until it is confirmed.
    let pending = s.pending_check();
    let hold = s
        .dose_bottle
        .as_deref()
        .filter(|b| b.expiry.expired)
        .map(|b| Hold::Expired(b.expiry.last_day))
        .or(pending.map(Hold::from));
    let dilution = match &out.dilution {
        _ if hold.is_some() => None,
        DilutionAdvice::NotNeeded => None,
        DilutionAdvice::Proposed(dil) => dilution_view(lang, out.order.concentration, dil, mcg),
        DilutionAdvice::NoneFits => Some(Dilution::NoneFits(lang.t(Msg::NoDilution))),
    };
    let line = match hold {
        Some(hold) => DoseLine::held(lang, c, mcg, hold, false),
        None => DoseLine::new(
            lang,
            c,
            mcg,
            alternative(c, matches!(out.dilution, DilutionAdvice::Proposed(_))),
        ),
    };
    // A draw not to be made is not shown as one: no volume, no delivered
    // dose or fill, no picture; the instruction instead.
    let (draw, instead) = match &line.draw {
        Draw::Instead { .. } | Draw::Held { .. } => {
            ("\u{2014}".to_string(), Some(line.sentence(lang)))
        }
        Draw::Measured { volume, .. } => (volume.clone(), None),
    };
    let measured = line.is_measured();
    let mut figures = Vec::new();
    if measured {
        figures.extend([
            Figure::new(
                lang,
                Msg::DeliveredDose,
                dose_amount(lang, c.delivered_mg, mcg),
                "delivered-dose",
            ),
            Figure::new(
                lang,
                Msg::Deviation,
                percent(lang, c.deviation_percent),
                "deviation",
            ),
        ]);
    }
    // A held dose (expired bottle, a value to confirm) shows no volume at
    // all: not even the exact one, which is the draw it holds back.
    if hold.is_none() {
        figures.push(Figure::new(
            lang,
            Msg::ExactVolume,
            qty_ml(lang, c.exact_ml),
            "exact-volume",
        ));
    }
    if measured {
        figures.push(Figure::new(
            lang,
            Msg::SyringeFill,
            share(lang, c.fill_percent),
            "fill",
        ));
    }
    figures.push(Figure::new(
        lang,
        Msg::Concentration,
        qty_mg_per_ml(lang, out.order.concentration.mg_per_ml()),
        "concentration",
    ));
    let warnings = out.warnings(s.dose_bottle.as_deref());
    Some(DoseResults {
        heading: lang.t(Msg::ResultsHeading),
        check: pending.map(|c| check_view(lang, c)),
        stale: stale.then(|| lang.t(Msg::Stale)),
        draw_label: lang.t(Msg::DrawVolume),
        draw,
        instead,
        picture: measured.then(|| drawing(lang, out.order.syringe, c.draw_ml)),
        figures,
        best_syringe,
        dilution,
        warnings: WarningList::new(lang, &warnings, Some(c), stale),
    })
}

/// The check in words, with its working and the button that confirms it.
fn check_view(lang: ldn_catalog::Lang, check: Check) -> CheckView {
    match check {
        Check::Concentration(typed, u) => {
            let typed_text = qty_mg_per_ml(lang, typed.mg_per_ml());
            let mut lines = Vec::new();
            if u.outside_range {
                let (low, high) = LDN_LIQUID_MG_PER_ML;
                lines.push(lang.f(msg::ConcCheckRange {
                    typed: &typed_text,
                    low: &qty_mg_per_ml(lang, MgPerMl::new(low)),
                    high: &qty_mg_per_ml(lang, MgPerMl::new(high)),
                }));
            }
            if let Some((recipe, times, stronger)) = u.against {
                let recipe = &qty_mg_per_ml(lang, recipe.mg_per_ml());
                let times = &num(lang, times.round_dp(1));
                lines.push(if stronger {
                    lang.f(msg::ConcCheckStronger {
                        recipe,
                        typed: &typed_text,
                        times,
                    })
                } else {
                    lang.f(msg::ConcCheckWeaker {
                        recipe,
                        typed: &typed_text,
                        times,
                    })
                });
            }
            lines.push(lang.t(Msg::ConcCheckWhy).to_string());
            CheckView {
                code: "concentration-unusual",
                heading: lang.t(Msg::ConcCheckHeading),
                lines,
                confirm: (
                    lang.f(msg::ConcCheckConfirm { typed: &typed_text }),
                    Action::Confirm(check),
                ),
            }
        }
        Check::Micrograms(dose) => {
            let typed = &dose_amount(lang, dose, true);
            CheckView {
                code: "dose-unit-unusual",
                heading: lang.t(Msg::McgCheckHeading),
                lines: vec![lang.f(msg::McgCheckText {
                    typed,
                    instead: &qty(
                        lang,
                        dose.value() * rust_decimal::Decimal::ONE_THOUSAND,
                        Unit::Mg,
                    ),
                })],
                confirm: (
                    lang.f(msg::McgCheckConfirm { typed }),
                    Action::Confirm(check),
                ),
            }
        }
    }
}

/// The dilution's steps in words: each takes from the solution before it
/// (the first from the bottle the dose was to come from).
fn dilution_view(
    lang: ldn_catalog::Lang,
    stock: Concentration,
    dil: &EngineDilution,
    mcg: bool,
) -> Option<Dilution> {
    let mut from = stock;
    let steps = dil
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let made = qty_mg_per_ml(lang, step.concentration.mg_per_ml());
            let text = lang.f(msg::DilutionStep {
                number: &(i + 1).to_string(),
                take: &qty_ml(lang, step.take_ml),
                from: &qty_mg_per_ml(lang, from.mg_per_ml()),
                syringe: &syringe_name(lang, step.take_with.syringe()),
                make_up_to: &qty_ml(lang, step.make_up_to_ml),
                gives: &made,
            });
            from = step.concentration;
            DilutionStepView {
                text,
                label: lang.f(msg::DilutionLabel {
                    concentration: &made,
                    last_day: &lang.date(step.last_day),
                }),
            }
        })
        .collect();
    let last = dil.concentration()?;
    // The draw from the diluted solution is a dose like any other: stated
    // through a DoseLine, with its warnings (there are none when proposed).
    let line = DoseLine::new(lang, &dil.check, mcg, Alternative::Pharmacy);
    Some(Dilution::Proposed {
        heading: lang.t(Msg::DilutionTaskHeading),
        task: lang.t(Msg::DilutionTask),
        steps,
        draw: lang.f(msg::DilutionDraw {
            concentration: &qty_mg_per_ml(lang, last.mg_per_ml()),
            draw: &line.with_warnings(lang),
        }),
    })
}

pub fn dose(s: &State) -> DoseView {
    DoseView {
        heading: s.lang.t(Msg::DoseHeading),
        controls: controls(s),
        results: results(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use ldn_catalog::Lang;

    use ldn_model::state::apply;

    use ldn_model::state::fixtures::state;

    #[test]
    fn an_unmeasurable_draw_says_what_to_do_and_has_no_picture() {
        let s = apply(state(), Action::Type(TextField::Dose, "4.5".into()));
        let s = apply(
            s,
            Action::Syringe(SyringeChoice::Preset(SyringePreset::Ml3)),
        );
        let r = dose(&s).results.unwrap();
        assert!(r.picture.is_none());
        // No volume, delivered dose or fill for a draw not to be made.
        assert_eq!(r.draw, "\u{2014}");
        let shown: Vec<_> = r.figures.iter().map(|f| f.testid).collect();
        assert_eq!(shown, ["exact-volume", "concentration"]);
        let instead = r.instead.unwrap().replace('\u{a0}', " ");
        assert!(
            instead.contains("use this syringe instead: 5 mL"),
            "{instead}"
        );
        // A measurable one has its picture and no "instead".
        let s = apply(
            s,
            Action::Syringe(SyringeChoice::Preset(SyringePreset::Ml5)),
        );
        let r = dose(&s).results.unwrap();
        assert!(r.picture.is_some() && r.instead.is_none());
    }

    #[test]
    fn one_microgram_is_a_two_step_pharmacy_task() {
        // 1 mcg from 1 mg/mL on a 1 mL syringe (prepared 1 March, 30 days).
        let s = apply(
            state(),
            Action::Syringe(SyringeChoice::Preset(SyringePreset::Ml1)),
        );
        let s = apply(s, Action::DoseUnit(DoseUnit::Mcg));
        let s = apply(s, Action::Type(TextField::Dose, "1".into()));
        // 1 mcg reads like 1 mg: confirmed first.
        let check = s.pending_check().unwrap();
        let s = apply(s, Action::Confirm(check));
        let r = dose(&s).results.unwrap();
        let Some(Dilution::Proposed {
            task, steps, draw, ..
        }) = r.dilution
        else {
            panic!("{:?}", r.dilution)
        };
        assert!(task.starts_with("This is a task for the pharmacy:"));
        let texts: Vec<_> = steps
            .iter()
            .map(|s| format!("{} | {}", s.text, s.label).replace('\u{a0}', " "))
            .collect();
        assert_eq!(
            texts,
            [
                "Step 1: shake, take 1 mL of the 1 mg/mL suspension (measured with the syringe 1 mL (marks every 0.01 mL)) and make it up to 10 mL with water. This gives 0.1 mg/mL. | Label: 0.1 mg/mL, use up to and including 30 Mar 2026.",
                "Step 2: shake, take 1 mL of the 0.1 mg/mL suspension (measured with the syringe 1 mL (marks every 0.01 mL)) and make it up to 20 mL with water. This gives 0.005 mg/mL. | Label: 0.005 mg/mL, use up to and including 30 Mar 2026.",
            ]
        );
        assert_eq!(
            draw.replace('\u{a0}', " "),
            "Then draw the dose from the last suspension (0.005 mg/mL): 1 mcg: draw 0.2 mL, which gives 1 mcg"
        );
        // From the stock itself there is no draw, and it says why.
        let instead = r.instead.unwrap().replace('\u{a0}', " ");
        assert!(
            instead.contains("the pharmacy dilutes the suspension first"),
            "{instead}"
        );
    }

    #[test]
    fn the_view_is_equal_when_nothing_it_shows_changed() {
        let a = dose(&state());
        // Typing the patient's name changes the state, not the Dose screen.
        let s = apply(state(), Action::Type(TextField::Patient, "Kari".into()));
        assert_eq!(dose(&s), a);
        let s = apply(s, Action::Type(TextField::Dose, "2".into()));
        assert_ne!(dose(&s), a);
    }

    #[test]
    fn the_ldn_limits_judge_the_daily_total_and_say_so() {
        // 4.5 mg at 1 mg/mL on a 5 mL syringe: once a day it is the top of
        // the range; twice a day 2 x 4.5 = 9 mg a day is above it.
        let s = apply(state(), Action::Type(TextField::Dose, "4.5".into()));
        let s = apply(
            s,
            Action::Syringe(SyringeChoice::Preset(SyringePreset::Ml5)),
        );
        let codes = |s: &State| -> Vec<&'static str> {
            dose(s)
                .results
                .unwrap()
                .warnings
                .lines
                .iter()
                .map(|w| w.code)
                .collect()
        };
        assert!(!codes(&s).contains(&"above-ldn-range"));
        let s = apply(s, Action::PerDay(2));
        let lines = dose(&s).results.unwrap().warnings.lines;
        assert_eq!(lines[0].code, "above-ldn-range");
        assert_eq!(
            lines[0].text.replace('\u{a0}', " "),
            "9 mg a day (4.5 mg twice a day) is above 4.5 mg a day, the top of the LDN range. Check with the prescriber."
        );
        let nb = apply(s.clone(), Action::Lang(Lang::Nb));
        assert_eq!(
            dose(&nb).results.unwrap().warnings.lines[0].text.replace('\u{a0}', " "),
            "9 mg per døgn (4,5 mg to ganger daglig) er over 4,5 mg per døgn, øvre grense for lavdose naltrekson (LDN). Avklar med legen."
        );
        // 13 mg twice a day = 26 mg a day: standard dose.
        let s = apply(
            s,
            Action::Syringe(SyringeChoice::Preset(SyringePreset::Ml10)),
        );
        let s = apply(s, Action::Type(TextField::Volume, "10".into()));
        let s = apply(s, Action::Type(TextField::Dose, "13".into()));
        let lines = dose(&s).results.unwrap().warnings.lines;
        assert_eq!(lines[0].code, "not-low-dose");
        assert!(lines[0]
            .text
            .replace('\u{a0}', " ")
            .starts_with("26 mg a day (13 mg twice a day) is 25 mg a day or more"));
        // Back to once a day: 13 mg a day, above the range only.
        let s = apply(s, Action::PerDay(1));
        assert_eq!(codes(&s)[0], "above-ldn-range");
        assert!(dose(&s).results.unwrap().warnings.lines[0]
            .text
            .replace('\u{a0}', " ")
            .starts_with("13 mg a day is above 4.5 mg a day"));
    }

    /// A concentration typed from a label that is unusual holds back the
    /// draw until it is confirmed, showing the working.
    #[test]
    fn an_unusual_label_concentration_is_checked_before_a_draw() {
        use ldn_engine::syringe::SyringePreset;
        use ldn_model::inputs::{ConcSource, SyringeChoice};
        let s = apply(state(), Action::ConcSource(ConcSource::Label));
        let s = apply(
            s,
            Action::Syringe(SyringeChoice::Preset(SyringePreset::Ml5)),
        );
        let s = apply(s, Action::Type(TextField::Dose, "0.5".into()));
        // The review: 0.1 mg/mL from a real 1 mg/mL bottle gave "Draw up
        // 5 mL ... No warnings": 5 mg.
        let s = apply(s, Action::Type(TextField::LabelConc, "0,1".into()));
        let r = results(&s).unwrap();
        assert_eq!(r.draw, "\u{2014}");
        assert!(r.picture.is_none());
        // No volume anywhere while it waits (the review read 15 mL off the
        // exact volume).
        assert!(
            r.figures.iter().all(|f| !f.value.ends_with("\u{a0}mL")),
            "{:?}",
            r.figures
        );
        let c = r.check.unwrap();
        assert_eq!(c.code, "concentration-unusual");
        assert_eq!(
            c.lines[0].replace('\u{a0}', " "),
            "The recipe on this device's Prepare screen makes 1 mg/mL: 0.1 mg/mL is 10 times weaker."
        );
        assert_eq!(
            c.confirm.0.replace('\u{a0}', " "),
            "I have checked the label: it says 0.1 mg/mL"
        );
        // Confirmed: the draw, as typed.
        let s = apply(s, c.confirm.1);
        let r = results(&s).unwrap();
        assert!(r.check.is_none());
        assert_eq!(r.draw.replace('\u{a0}', " "), "5 mL");
        // Another value is checked again; 10 mg/mL is outside the range too.
        let s = apply(s, Action::Type(TextField::LabelConc, "10".into()));
        let c = results(&s).unwrap().check.unwrap();
        let text = c.lines.join(" ").replace('\u{a0}', " ");
        assert!(text.contains("10 mg/mL is outside the concentrations LDN liquids are made in, 0.0001 mg/mL to 5 mg/mL"), "{text}");
        assert!(text.contains("10 mg/mL is 10 times stronger"), "{text}");
        // 0.5 mg/mL (a recipe in use) is not questioned.
        let s = apply(s, Action::Type(TextField::LabelConc, "0.5".into()));
        assert!(results(&s).unwrap().check.is_none());
        // Nor is a confirmation of a value no longer typed taken.
        let stale = apply(s.clone(), c.confirm.1);
        assert_eq!(stale.conc_checked, s.conc_checked);
    }

    /// 1.5 mcg reads like the LDN dose 1.5 mg: asked before any draw, on
    /// the Dose screen and the label, and before a bottle is saved.
    #[test]
    fn a_dose_in_mcg_that_reads_like_mg_is_asked_about() {
        use ldn_model::inputs::DoseUnit;
        let s = apply(state(), Action::DoseUnit(DoseUnit::Mcg));
        let s = apply(s, Action::Type(TextField::Dose, "1.5".into()));
        let c = results(&s).unwrap().check.unwrap();
        assert_eq!(c.code, "dose-unit-unusual");
        assert!(
            c.lines[0]
                .replace('\u{a0}', " ")
                .starts_with("1.5 mcg: did you mean 1.5 mg?"),
            "{:?}",
            c.lines
        );
        let label = crate::label::label(&s).unwrap();
        assert!(!label.doses[0].draw.as_ref().unwrap().line.is_measured());
        assert!(!s.can_save());
        let s = apply(s, c.confirm.1);
        assert!(results(&s).unwrap().check.is_none());
        // 1.5 mcg is too small for the 3 mL syringe: the label now says so
        // (no longer "check the unit").
        let label = crate::label::only_dose(&crate::label::label(&s).unwrap());
        assert!(
            label.sentence.contains("cannot be measured"),
            "{}",
            label.sentence
        );
        // 250 mcg is an ultra-low dose: not asked.
        let s = apply(s, Action::Type(TextField::Dose, "250".into()));
        assert!(results(&s).unwrap().check.is_none());
    }
}
