//! Pieces several views share: figures, warning lists, advice.

use super::draw::WarningLine;
use super::text::{qty_mg, qty_mg_per_ml, qty_ml};
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::advisor::Advice;
use ldn_engine::dose::DoseCheck;
use ldn_engine::warning::Warning;
use ldn_model::state::Action;

/// A labelled result: `Concentration: 1 mg/mL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub label: &'static str,
    pub value: String,
    pub testid: &'static str,
    /// Shown dimmed: from the last valid inputs.
    pub stale: bool,
    /// A machine-readable date, when the value is one.
    pub datetime: Option<String>,
}

impl Figure {
    pub fn new(lang: Lang, label: Msg, value: String, testid: &'static str) -> Figure {
        Figure {
            label: lang.t(label),
            value,
            testid,
            stale: false,
            datetime: None,
        }
    }

    pub fn stale(mut self, stale: bool) -> Figure {
        self.stale = stale;
        self
    }
}

/// A screen's warning list, a live region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningList {
    pub heading: &'static str,
    /// Shown when there is nothing to warn about.
    pub none: &'static str,
    pub lines: Vec<WarningLine>,
    pub stale: bool,
}

impl WarningList {
    /// The list for `warnings`; `dose` is the dose they are about, if any
    /// (the low-dose range warnings then name its daily total).
    pub fn new(
        lang: Lang,
        warnings: &[Warning],
        dose: Option<&DoseCheck>,
        stale: bool,
    ) -> WarningList {
        WarningList {
            heading: lang.t(Msg::WarningsHeading),
            none: lang.t(Msg::NoWarnings),
            lines: WarningLine::all(lang, warnings, dose),
            stale,
        }
    }
}

/// One recipe the advisor suggests, with its reasons and its button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviceItem {
    pub recipe: String,
    pub reasons: String,
    pub button: &'static str,
    pub action: Action,
}

/// The advisor's list, or what to say when it is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviceView {
    pub heading: &'static str,
    pub intro: Option<&'static str>,
    pub items: Vec<AdviceItem>,
    pub none: &'static str,
}

pub fn advice(
    lang: Lang,
    advice: &[Advice],
    intro: Option<Msg>,
    apply: impl Fn(usize) -> Action,
) -> AdviceView {
    let items = advice
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let fit = if a.all_on_marks {
                Msg::AdviceOnMarks
            } else if a.all_measurable {
                Msg::AdviceMeasurable
            } else {
                Msg::AdviceHard
            };
            let mut reasons = vec![
                lang.t(fit).to_string(),
                lang.f(msg::AdviceLasts {
                    days: a.days_covered.into(),
                }),
                lang.f(msg::AdviceWaste {
                    amount: &qty_mg(lang, a.waste_mg),
                }),
            ];
            if a.round_concentration {
                reasons.push(lang.t(Msg::AdviceRound).to_string());
            }
            AdviceItem {
                recipe: lang.f(msg::AdviceRecipe {
                    tablets: a.recipe.tablets().into(),
                    strength: &qty_mg(lang, a.recipe.tablet_mg()),
                    volume: &qty_ml(lang, a.recipe.final_ml()),
                    concentration: &qty_mg_per_ml(lang, a.recipe.concentration().mg_per_ml()),
                }),
                reasons: format!(": {}", reasons.join(", ")),
                button: lang.t(Msg::UseRecipe),
                action: apply(k),
            }
        })
        .collect();
    AdviceView {
        heading: lang.t(Msg::AdvisorHeading),
        intro: intro.map(|m| lang.t(m)),
        items,
        none: lang.t(Msg::NoAdvice),
    }
}

/// `1 × 50 mg tablet made up to 50 mL with water`.
fn contents(lang: Lang, recipe: &ldn_engine::recipe::Recipe) -> String {
    lang.f(msg::LabelContents {
        tablets: recipe.tablets().into(),
        strength: &qty_mg(lang, recipe.tablet_mg()),
        volume: &qty_ml(lang, recipe.final_ml()),
    })
}

/// The contents made up with `vehicle` as the record names it (water when
/// it names none): a label never says "water" for another vehicle.
pub fn contents_with(lang: Lang, recipe: &ldn_engine::recipe::Recipe, vehicle: &str) -> String {
    match vehicle.trim() {
        "" => contents(lang, recipe),
        vehicle => lang.f(msg::LabelContentsVehicle {
            tablets: recipe.tablets().into(),
            strength: &qty_mg(lang, recipe.tablet_mg()),
            volume: &qty_ml(lang, recipe.final_ml()),
            vehicle,
        }),
    }
}

/// How to make the bottle, step by step (the Prepare screen and the batch
/// record print the same steps), made up with `vehicle` as the record names
/// it (water when it names none), as its label says.
pub fn method_steps(
    lang: Lang,
    recipe: &ldn_engine::recipe::Recipe,
    last_day: ldn_engine::date::Date,
    vehicle: &str,
) -> Vec<String> {
    let strength = qty_mg(lang, recipe.tablet_mg());
    let volume = qty_ml(lang, recipe.final_ml());
    let (dissolve, make_up) = match vehicle.trim() {
        "" => (
            lang.f(msg::StepDissolve {
                tablets: recipe.tablets().into(),
                strength: &strength,
            }),
            lang.f(msg::StepMakeUp { volume: &volume }),
        ),
        vehicle => (
            lang.f(msg::StepDissolveVehicle {
                tablets: recipe.tablets().into(),
                strength: &strength,
                vehicle,
            }),
            lang.f(msg::StepMakeUpVehicle {
                volume: &volume,
                vehicle,
            }),
        ),
    };
    vec![
        dissolve,
        make_up,
        lang.t(Msg::StepShake).to_string(),
        lang.f(msg::StepDiscard {
            date: &lang.date(last_day),
        }),
    ]
}
