//! The Prepare screen (pharmacist): recipe and dates, the results, the
//! preparation steps, the recipe advisor and the label.

use super::form::{self, choice_of, Control, Entry};
use super::label::{prepare_label, LabelView};
use super::parts::{advice, method_steps, AdviceView, Figure, WarningList};
use super::text::{qty_mg, qty_mg_per_ml, qty_ml};
use ldn_catalog::{msg, Msg};
use ldn_engine::quantity::Ml;
use ldn_engine::warning::Warning;
use ldn_model::inputs::{AmountMode, BudChoice, Field, TabletChoice};
use ldn_model::saved::{waste_at_last_day, Batch};
use ldn_model::state::{Action, BottleFor, State, TextField};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrepareResults {
    pub heading: &'static str,
    pub stale: Option<&'static str>,
    /// The volume was rounded to a measurable one: says so.
    pub rounded_note: Option<String>,
    /// Which dose the supply figures are for.
    pub supply_for: Option<String>,
    pub figures: Vec<Figure>,
    pub steps_heading: &'static str,
    pub steps: Vec<String>,
    pub warnings: WarningList,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrepareView {
    pub heading: &'static str,
    pub controls: Vec<Control>,
    pub results: Option<PrepareResults>,
    pub advice: AdviceView,
    pub label: Option<LabelView>,
}

fn controls(s: &State) -> Vec<Control> {
    let lang = s.lang;
    let i = &s.inputs;
    let mut out = vec![Control::Radios(choice_of(
        lang,
        "tablet",
        lang.t(Msg::TabletStrength),
        i.tablet,
        &[
            (TabletChoice::Mg50, Msg::Tablet50),
            (TabletChoice::Mg3, Msg::Tablet3),
            (TabletChoice::Custom, Msg::Custom),
        ],
        Action::Tablet,
    ))];
    if i.tablet == TabletChoice::Custom {
        out.push(form::text(
            s,
            "custom-tablet",
            Entry::Decimal,
            Some(Field::Tablet),
            TextField::CustomTablet,
            lang.t(Msg::CustomStrength),
            &i.custom_tablet,
        ));
    } else if let Some(err) = form::inline_error(s, Field::Tablet) {
        out.push(Control::Error(err));
    }
    out.push(form::text(
        s,
        "tablets",
        Entry::Whole,
        Some(Field::Tablets),
        TextField::Tablets,
        lang.t(Msg::TabletCount),
        &i.tablets,
    ));
    out.push(Control::Radios(choice_of(
        lang,
        "mode",
        lang.t(Msg::AmountMode),
        i.mode,
        &[
            (AmountMode::Volume, Msg::ByVolume),
            (AmountMode::Concentration, Msg::ByConcentration),
        ],
        Action::Mode,
    )));
    out.push(match i.mode {
        AmountMode::Volume => form::text(
            s,
            "volume",
            Entry::Decimal,
            Some(Field::Volume),
            TextField::Volume,
            lang.t(Msg::FinalVolumeField),
            &i.volume,
        ),
        AmountMode::Concentration => form::text(
            s,
            "conc",
            Entry::Decimal,
            Some(Field::Conc),
            TextField::Conc,
            lang.t(Msg::TargetConcField),
            &i.conc,
        ),
    });
    out.push(form::text(
        s,
        "prepared",
        Entry::Date,
        Some(Field::Prepared),
        TextField::Prepared,
        lang.t(Msg::PreparedOn),
        &i.prepared,
    ));
    out.push(Control::Radios(choice_of(
        lang,
        "bud",
        lang.t(Msg::UseWithin),
        i.bud,
        &[
            (BudChoice::Days30, Msg::Bud30),
            (BudChoice::Days14, Msg::Bud14),
            (BudChoice::Custom, Msg::Custom),
        ],
        Action::Bud,
    )));
    if i.bud == BudChoice::Custom {
        out.push(form::text(
            s,
            "custom-bud",
            Entry::Whole,
            Some(Field::Bud),
            TextField::CustomBud,
            lang.t(Msg::CustomDays),
            &i.custom_bud,
        ));
    }
    out
}

/// What the Prepare screen's figures and label are about: the Dose
/// screen's dose, or the plan a bottle saved now is made for (with that
/// bottle, or None when none can be saved). Decided once per view.
pub enum PrepareFor {
    Dose,
    Plan(Option<Box<Batch>>),
}

impl PrepareFor {
    pub fn of(s: &State) -> PrepareFor {
        match s.bottle_for() {
            BottleFor::Plan => PrepareFor::Plan(s.bottle_for_plan().map(Box::new)),
            BottleFor::Dose => PrepareFor::Dose,
        }
    }
}

fn results(s: &State, about: &PrepareFor) -> Option<PrepareResults> {
    let lang = s.lang;
    let (r, stale) = s.recipe.shown()?;
    let recipe = &r.order.recipe;
    let conc = recipe.concentration().mg_per_ml();
    let last = r.expiry.last_day;
    let dose = s
        .dose
        .shown()
        .map(|(d, dose_stale)| (d, dose_stale || stale));
    // A bottle made for the plan: its days and waste by the plan, as its
    // label gives its doses (not the Dose screen's dose).
    let supply = match about {
        PrepareFor::Dose => dose.and_then(|(d, st)| d.supply.as_ref().map(|sup| (d, sup, st))),
        PrepareFor::Plan(_) => None,
    };
    let rounded_note = r
        .order
        .target_mg_per_ml
        .filter(|t| *t != conc)
        .map(|target| {
            lang.f(msg::VolumeRounded {
                volume: &qty_ml(lang, recipe.final_ml()),
                concentration: &qty_mg_per_ml(lang, conc),
                target: &qty_mg_per_ml(lang, target),
            })
        });
    let mut figures = vec![
        Figure::new(
            lang,
            Msg::Concentration,
            qty_mg_per_ml(lang, conc),
            "concentration",
        ),
        Figure::new(
            lang,
            Msg::FinalVolume,
            qty_ml(lang, recipe.final_ml()),
            "final-volume",
        ),
        Figure {
            datetime: Some(last.to_string()),
            ..Figure::new(lang, Msg::LastDay, lang.date(last), "last-day")
        },
    ];
    let mut warnings: Vec<Warning> = r.warnings.clone();
    if let PrepareFor::Plan(Some(b)) = about {
        let empty_after = b.empty_after();
        let last_full = empty_after.unwrap_or(b.last_day());
        let days = b.prepared.days_until(last_full) + 1;
        let days = u32::try_from(days).unwrap_or(0);
        let waste = waste_at_last_day(b);
        if waste.is_some() {
            warnings.push(Warning::OutlastsUseBy);
        }
        let waste = waste.unwrap_or(Ml::ZERO);
        figures.extend([
            Figure::new(lang, Msg::DaysOfSupply, days.to_string(), "days-of-supply").stale(stale),
            Figure::new(
                lang,
                Msg::BottleEnds,
                match empty_after {
                    Some(_) => lang.f(msg::BottleEndsEmpty { days: days.into() }),
                    None => lang.f(msg::BottleEndsUseBy {
                        days: b.policy.days().into(),
                    }),
                },
                "bottle-ends",
            )
            .stale(stale),
            Figure::new(
                lang,
                Msg::Waste,
                format!(
                    "{} ({})",
                    qty_ml(lang, waste),
                    qty_mg(lang, recipe.concentration().mg_in(waste))
                ),
                "waste",
            )
            .stale(stale),
        ]);
    }
    if let Some((_, sup, st)) = supply {
        warnings.extend(&sup.warnings);
        figures.extend([
            Figure::new(
                lang,
                Msg::DosesPerBatch,
                sup.doses_per_batch.to_string(),
                "doses-per-batch",
            )
            .stale(st),
            Figure::new(
                lang,
                Msg::DaysOfSupply,
                sup.days_of_supply.to_string(),
                "days-of-supply",
            )
            .stale(st),
            Figure::new(
                lang,
                Msg::BottleEnds,
                if sup.days_of_supply > sup.use_by_days {
                    lang.f(msg::BottleEndsUseBy {
                        days: sup.use_by_days.into(),
                    })
                } else {
                    lang.f(msg::BottleEndsEmpty {
                        days: sup.days_of_supply.into(),
                    })
                },
                "bottle-ends",
            )
            .stale(st),
            Figure::new(
                lang,
                Msg::Waste,
                format!(
                    "{} ({})",
                    qty_ml(lang, sup.waste_ml),
                    qty_mg(lang, sup.waste_mg)
                ),
                "waste",
            )
            .stale(st),
        ]);
    }
    let supply_for = match about {
        PrepareFor::Plan(Some(_)) => Some(lang.t(Msg::SupplyForPlan).to_string()),
        PrepareFor::Plan(None) => Some(lang.t(Msg::SupplyForNoPlan).to_string()),
        PrepareFor::Dose => None,
    }
    .or(supply.map(|(d, _, _)| {
        lang.f(msg::SupplyFor {
            dose: &qty_mg(lang, d.order.dose_mg),
            how_often: lang.t(if d.order.per_day == 2 {
                Msg::TwicePerDay
            } else {
                Msg::OncePerDay
            }),
        })
    }));
    Some(PrepareResults {
        heading: lang.t(Msg::ResultsHeading),
        stale: stale.then(|| lang.t(Msg::Stale)),
        rounded_note,
        supply_for,
        figures,
        steps_heading: lang.t(Msg::StepsHeading),
        steps: method_steps(lang, recipe, last, &s.record.vehicle),
        warnings: WarningList::new(lang, &warnings, None, stale),
    })
}

pub fn prepare(s: &State) -> PrepareView {
    let lang = s.lang;
    let suggested = s.dose.ok().map(|d| d.advice.as_slice()).unwrap_or(&[]);
    let about = PrepareFor::of(s);
    PrepareView {
        heading: lang.t(Msg::PrepareHeading),
        controls: controls(s),
        results: results(s, &about),
        advice: advice(
            lang,
            suggested,
            Some(Msg::AdvisorIntro),
            Action::ApplyAdvice,
        ),
        label: prepare_label(s, &about),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use ldn_model::state::apply;

    use ldn_model::state::fixtures::state;

    /// The codes on the Prepare screen's list, and on the label.
    fn codes(s: &State) -> (Vec<&'static str>, Vec<&'static str>) {
        let v = prepare(s);
        let list = v.results.unwrap().warnings.lines;
        let label = v.label.unwrap().warnings;
        (
            list.iter().map(|w| w.code).collect(),
            label.iter().map(|w| w.code).collect(),
        )
    }

    /// A bottle for the plan: its days and waste by the plan, as its
    /// label gives the doses (the journey review saw 33 doses of the Dose
    /// screen's 1.5 mg and 5 mL wasted beside a label saying it is used up
    /// after 28 days).
    #[test]
    fn a_plan_bottles_days_and_waste_follow_the_plan() {
        use ldn_model::state::fixtures::from_link;
        let figures = |query: &str| {
            let v = prepare(&from_link(query)).results.unwrap();
            let f: Vec<(&str, String)> = v
                .figures
                .iter()
                .map(|f| (f.testid, f.value.replace('\u{a0}', " ")))
                .collect();
            (
                v.supply_for,
                f,
                v.warnings.lines.iter().map(|w| w.code).collect::<Vec<_>>(),
            )
        };
        // 50 mL, the standard plan from 1 March: 1.5 mL for 14 days, 2 mL
        // for 14 days, then 2.5 mL: 28 days in full, nothing wasted.
        let plan = "lang=en&dose=1.5&syringe=3&plan=standard&pstart=2026-03-01&pdays=60";
        let (note, f, warnings) = figures(plan);
        assert!(note
            .unwrap()
            .starts_with("Days and waste below are for the dosing plan"));
        assert_eq!(
            f[3..],
            [
                ("days-of-supply", "28".to_string()),
                (
                    "bottle-ends",
                    "it is empty after 28 days, before its last day of use".to_string()
                ),
                ("waste", "0 mL (0 mg)".to_string())
            ]
        );
        assert!(!warnings.contains(&"outlasts-use-by"), "{warnings:?}");
        // 100 mL: the use-by ends it, 46 mL thrown away, and it warns.
        let (_, f, warnings) = figures(&plan.replace("dose=1.5", "tablets=2&volume=100&dose=1.5"));
        assert_eq!(f[5], ("waste", "46 mL (46 mg)".to_string()));
        assert!(f[4].1.starts_with("its use-by period (30 days)"), "{f:?}");
        assert!(warnings.contains(&"outlasts-use-by"), "{warnings:?}");
        // A plan that starts after the bottle's last day: nothing to show.
        let (note, f, _) = figures(&plan.replace("pstart=2026-03-01", "pstart=2026-06-01"));
        assert!(note.unwrap().contains("has no dose to draw from it"));
        assert_eq!(f.len(), 3);
        // For the Dose screen's dose, its figures, as before.
        let (note, f, _) = figures("lang=en&dose=1.5&syringe=3");
        assert!(note
            .unwrap()
            .replace('\u{a0}', " ")
            .contains("for 1.5 mg per dose"));
        assert_eq!(f[3], ("doses-per-batch", "33".to_string()));
    }

    #[test]
    fn a_use_by_beyond_the_guidance_warns_and_clears() {
        let s = apply(state(), Action::Bud(BudChoice::Custom));
        // 45 days: more than seed 000's 30 days in the refrigerator.
        let s = apply(s, Action::Type(TextField::CustomBud, "45".into()));
        let (list, label) = codes(&s);
        assert!(list.contains(&"use-by-beyond-guidance"), "{list:?}");
        // The label is the patient's: the use-by is the pharmacist's choice,
        // said on this screen and the record (as the patient's page does).
        assert!(label.is_empty(), "{label:?}");
        let text = &prepare(&s).results.unwrap().warnings.lines[0].text;
        assert!(text.contains("at most 30 days") && text.contains("USP <795>"));
        assert!(text.contains("14 days"), "{text}");
        // 31 days is already beyond; 30 (seed 000) and 14 (USP) are not.
        let s = apply(s, Action::Type(TextField::CustomBud, "31".into()));
        assert!(codes(&s).0.contains(&"use-by-beyond-guidance"));
        for days in ["30", "14", "7"] {
            let s = apply(s.clone(), Action::Type(TextField::CustomBud, days.into()));
            assert!(!codes(&s).0.contains(&"use-by-beyond-guidance"), "{days}");
            assert!(codes(&s).1.is_empty(), "{days}");
        }
    }

    #[test]
    fn a_preparation_date_after_today_warns() {
        // Today is 1 March 2026; 2027 for 2026 is the typo this catches.
        let s = apply(
            state(),
            Action::Type(TextField::Prepared, "2027-03-01".into()),
        );
        let (list, label) = codes(&s);
        // (1.5 mg a day from 50 mL also outlasts its use-by.)
        assert_eq!(list, ["prepared-in-future", "outlasts-use-by"]);
        assert_eq!(label, ["prepared-in-future"]);
        assert!(prepare(&s).results.unwrap().warnings.lines[0]
            .text
            .contains("old bottle look fresh"));
        // Tomorrow too; today and yesterday not.
        let s = apply(s, Action::Type(TextField::Prepared, "2026-03-02".into()));
        assert!(codes(&s).0.contains(&"prepared-in-future"));
        for day in ["2026-03-01", "2026-02-28"] {
            let s = apply(s.clone(), Action::Type(TextField::Prepared, day.into()));
            assert!(!codes(&s).0.contains(&"prepared-in-future"), "{day}");
        }
    }

    /// Which limit ends the bottle is said, so "66 days of doses" is not
    /// read against a last day 30 days away.
    #[test]
    fn the_prepare_screen_says_which_limit_ends_the_bottle() {
        let value = |s: &State, id: &str| {
            prepare(s)
                .results
                .unwrap()
                .figures
                .into_iter()
                .find(|f| f.testid == id)
                .map(|f| f.value.replace('\u{a0}', " "))
                .unwrap()
        };
        // 0.75 mg a day from 50 mL at 1 mg/mL: 66 days of doses, 30 of use.
        let s = apply(state(), Action::Type(TextField::Dose, "0.75".into()));
        let s = apply(
            s,
            Action::Syringe(ldn_model::inputs::SyringeChoice::Preset(
                ldn_engine::syringe::SyringePreset::Ml1,
            )),
        );
        assert_eq!(value(&s, "days-of-supply"), "66");
        assert_eq!(
            value(&s, "bottle-ends"),
            "its use-by period (30 days): the rest is thrown away"
        );
        // 4.5 mg a day from 50 mL: empty after 11 days.
        let s = apply(s, Action::Type(TextField::Dose, "4.5".into()));
        let s = apply(
            s,
            Action::Syringe(ldn_model::inputs::SyringeChoice::Preset(
                ldn_engine::syringe::SyringePreset::Ml5,
            )),
        );
        assert_eq!(
            value(&s, "bottle-ends"),
            "it is empty after 11 days, before its last day of use"
        );
    }

    /// 20 tablets made up to 1 mL (the review's "1.000" read as 1) is
    /// questioned where it is made.
    #[test]
    fn a_concentration_no_ldn_liquid_has_is_questioned() {
        let s = apply(state(), Action::Type(TextField::Tablets, "20".into()));
        let s = apply(s, Action::Type(TextField::Volume, "1".into()));
        let (list, _) = codes(&s);
        assert!(list.contains(&"unusual-concentration"), "{list:?}");
        let s = apply(s, Action::Type(TextField::Volume, "1000".into()));
        assert!(!codes(&s).0.contains(&"unusual-concentration"));
    }
}
