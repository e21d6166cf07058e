//! What the engine makes of valid orders: every number the screens show.

use super::order::{DoseOrder, RecipeOrder};
use ldn_engine::advisor::{advise, Advice, AdvisorRequest};
use ldn_engine::batch::{
    dating_warnings, expiry, expiry_warnings, supply, BeyondUse, Expiry, Supply,
};
use ldn_engine::date::Date;
use ldn_engine::dilution::{needs_dilution, propose_dilution, Dilution};
use ldn_engine::dose::{check_dose, DoseCheck};
use ldn_engine::warning::Warning;

/// The Prepare screen's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipeOutcome {
    pub order: RecipeOrder,
    pub expiry: Expiry,
    pub warnings: Vec<Warning>,
}

/// The bottle's results as of `today`: its last day, and the warnings about
/// its dates (expired or soon, a use-by beyond the guidance, prepared after
/// today). A saved batch on the Dose screen gets the same, so both bottles
/// warn alike.
pub fn recipe_outcome(order: &RecipeOrder, today: Date) -> RecipeOutcome {
    let expiry = expiry(order.prepared, order.policy, today);
    let mut warnings = expiry_warnings(&expiry);
    warnings.extend(dating_warnings(order.prepared, order.policy, today));
    // A recipe no LDN liquid is made with (a slipped digit: 20 tablets in
    // 1 mL) is questioned where it is made.
    if ldn_engine::recipe::unusual(order.recipe.concentration(), None).is_some() {
        warnings.push(Warning::UnusualConcentration);
    }
    RecipeOutcome {
        order: order.clone(),
        warnings,
        expiry,
    }
}

/// Why a bottle gives no dose today, whatever the syringe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// Past its last day of use (this day).
    Expired(Date),
    /// Dated after today (prepared on this day).
    NotYet(Date),
    /// By the plan it is used up after this day, before its last day.
    Empty(Date),
}

impl RecipeOutcome {
    /// Whether the bottle may be drawn from on the day it was judged.
    pub fn unusable(&self) -> Option<Unusable> {
        if self.expiry.expired {
            Some(Unusable::Expired(self.expiry.last_day))
        } else if self.warnings.contains(&Warning::PreparedInFuture) {
            Some(Unusable::NotYet(self.order.prepared))
        } else {
            None
        }
    }
}

/// The bottle a dose is drawn from, as far as the results care.
#[derive(Debug, Clone, Copy)]
pub enum Bottle<'a> {
    /// The recipe on the Prepare screen: supply, waste and the recipe
    /// advisor are about it.
    Prepared(&'a RecipeOrder),
    /// A saved batch: its last day bounds a dilution; there is nothing left
    /// to plan or to advise about it.
    Saved(&'a RecipeOrder),
    /// A concentration typed from a label: nothing else is known.
    FromLabel,
}

/// Whether the bottle needs a dilution step for this dose, and the one proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DilutionAdvice {
    NotNeeded,
    Proposed(Box<Dilution>),
    NoneFits,
}

/// The Dose screen's results, and the dose-dependent parts of Prepare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseOutcome {
    pub order: DoseOrder,
    pub check: DoseCheck,
    pub dilution: DilutionAdvice,
    /// Only when the concentration comes from the recipe on Prepare.
    pub supply: Option<Supply>,
    pub advice: Vec<Advice>,
}

pub fn dose_outcome(order: &DoseOrder, bottle: Bottle, today: Date) -> DoseOutcome {
    let (known, prepared) = match bottle {
        Bottle::Prepared(r) => (Some(r), Some(r)),
        Bottle::Saved(r) => (Some(r), None),
        Bottle::FromLabel => (None, None),
    };
    let check = check_dose(
        order.concentration,
        order.dose_mg,
        order.syringe,
        order.per_day,
    );
    let dilution = if needs_dilution(&check) {
        // From a label we do not know the bottle's last day: the dilution
        // gets its own 30 days, and the screen says not to pass the bottle's.
        let (stock_last_day, policy, diluted_on) = match known {
            Some(r) => (
                r.policy.last_day(r.prepared),
                r.policy,
                today.max(r.prepared),
            ),
            None => (
                BeyondUse::LdnGuidance.last_day(today),
                BeyondUse::LdnGuidance,
                today,
            ),
        };
        match propose_dilution(
            order.concentration,
            stock_last_day,
            order.dose_mg,
            order.syringe,
            diluted_on,
            policy,
        ) {
            Some(d) => DilutionAdvice::Proposed(Box::new(d)),
            None => DilutionAdvice::NoneFits,
        }
    } else {
        DilutionAdvice::NotNeeded
    };
    let supply = prepared.map(|r| {
        supply(
            r.recipe.final_ml(),
            order.concentration,
            check.draw_ml,
            order.per_day,
            r.policy,
        )
    });
    let advice = prepared
        .map(|r| {
            advise(&AdvisorRequest {
                doses_mg: vec![order.dose_mg],
                daily_mg: order.dose_mg * order.per_day,
                tablet_mg: r.recipe.tablet_mg(),
                syringe: order.syringe,
                policy: r.policy,
            })
        })
        .unwrap_or_default();
    DoseOutcome {
        order: *order,
        check,
        dilution,
        supply,
        advice,
    }
}

impl DoseOutcome {
    /// All warnings for the dose and the bottle, most serious first, once each.
    pub fn warnings(&self, recipe: Option<&RecipeOutcome>) -> Vec<Warning> {
        let mut all: Vec<Warning> = self.check.warnings.clone();
        if let Some(s) = &self.supply {
            all.extend(&s.warnings);
        }
        if let Some(r) = recipe {
            all.extend(&r.warnings);
        }
        let mut ordered: Vec<Warning> = Warning::ALL
            .into_iter()
            .filter(|w| all.contains(w))
            .collect();
        ordered.dedup();
        ordered
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::Inputs;
    use crate::order::{dose_order, recipe_order};

    #[test]
    fn default_inputs_give_a_complete_outcome() {
        let today = Date::parse_iso("2026-03-01").unwrap();
        let inputs = Inputs::new("2026-03-01");
        let recipe = recipe_order(&inputs);
        let r = recipe_outcome(recipe.as_ref().unwrap(), today);
        assert_eq!(r.expiry.last_day, Date::parse_iso("2026-03-30").unwrap());
        let d = dose_outcome(
            &dose_order(
                &crate::form::Form::parse(&inputs),
                inputs.conc_source,
                inputs.per_day,
                None,
            )
            .unwrap(),
            Bottle::Prepared(recipe.as_ref().unwrap()),
            today,
        );
        assert_eq!(d.check.draw_ml.value().to_string(), "1.5");
        assert_eq!(d.dilution, DilutionAdvice::NotNeeded);
        // 50 mL at 1.5 mL a day: 33 doses, outlasts 30 days.
        assert_eq!(d.warnings(Some(&r)), vec![Warning::OutlastsUseBy]);
        assert_eq!(d.advice.len(), 3);
    }
}
