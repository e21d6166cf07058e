//! From typed text to validated orders. Each field that is wrong gets its
//! own error, so the screen can mark every one at once.

use super::form::Form;
use super::inputs::{
    AmountMode, BudChoice, ConcSource, DoseUnit, Field, Inputs, SyringeChoice, TabletChoice,
};
use ldn_engine::batch::{BeyondUse, MAX_BEYOND_USE_DAYS};
use ldn_engine::date::{Date, DateError};
use ldn_engine::number::{parse_whole, NumberError};
use ldn_engine::quantity::{Mg, MgPerMl, Ml};
use ldn_engine::recipe::{
    Concentration, Recipe, RecipeError, TabletPreset, MAX_TABLETS, MAX_TABLET_MG, MAX_VOLUME_ML,
    MIN_TABLETS, MIN_VOLUME_ML,
};
use ldn_engine::syringe::{Syringe, SyringeError};
use rust_decimal::Decimal;

/// Why one field is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Number(NumberError),
    Date(DateError),
    /// Not a time of day as `HH:MM`.
    Time,
    /// The target concentration would need more than the largest volume.
    VolumeTooLarge,
    /// One date of a list, as typed, is not a date.
    ListedDate {
        text: String,
        error: DateError,
    },
    /// A list has more dates than it may.
    TooManyDates {
        max: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub error: InputError,
}

pub(crate) fn number_error(field: Field, error: NumberError) -> FieldError {
    FieldError {
        field,
        error: InputError::Number(error),
    }
}

/// A validated recipe with its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipeOrder {
    pub recipe: Recipe,
    /// The concentration asked for, when the volume was derived from it.
    pub target_mg_per_ml: Option<MgPerMl>,
    pub prepared: Date,
    pub policy: BeyondUse,
}

/// The tablet strength chosen, if valid.
pub fn tablet_mg(inputs: &Inputs) -> Result<Mg, FieldError> {
    match inputs.tablet {
        TabletChoice::Mg50 => Ok(TabletPreset::Mg50.mg()),
        TabletChoice::Mg3 => Ok(TabletPreset::Mg3.mg()),
        TabletChoice::Custom => inputs
            .decimal(
                Field::Tablet,
                &inputs.custom_tablet,
                Decimal::new(1, 3),
                MAX_TABLET_MG,
            )
            .map(Mg::new)
            .map_err(|e| number_error(Field::Tablet, e)),
    }
}

/// The use-by policy chosen, if valid.
pub fn policy(inputs: &Inputs) -> Result<BeyondUse, FieldError> {
    match inputs.bud {
        BudChoice::Days30 => Ok(BeyondUse::LdnGuidance),
        BudChoice::Days14 => Ok(BeyondUse::Usp795),
        BudChoice::Custom => parse_whole(&inputs.custom_bud, 1, MAX_BEYOND_USE_DAYS)
            .and_then(BeyondUse::from_days)
            .map_err(|e| number_error(Field::Bud, e)),
    }
}

/// Validates the Prepare screen.
pub fn recipe_order(inputs: &Inputs) -> Result<RecipeOrder, Vec<FieldError>> {
    let mut errors = Vec::new();
    let tablet = tablet_mg(inputs).map_err(|e| errors.push(e)).ok();
    let tablets = parse_whole(&inputs.tablets, MIN_TABLETS, MAX_TABLETS)
        .map_err(|e| errors.push(number_error(Field::Tablets, e)))
        .ok();
    let amount = match inputs.mode {
        AmountMode::Volume => inputs
            .decimal(Field::Volume, &inputs.volume, MIN_VOLUME_ML, MAX_VOLUME_ML)
            .map_err(|e| errors.push(number_error(Field::Volume, e)))
            .ok(),
        AmountMode::Concentration => inputs
            .decimal(
                Field::Conc,
                &inputs.conc,
                Decimal::new(1, 3),
                Decimal::ONE_HUNDRED,
            )
            .map_err(|e| errors.push(number_error(Field::Conc, e)))
            .ok(),
    };
    let prepared = Date::parse_iso(&inputs.prepared)
        .map_err(|e| {
            errors.push(FieldError {
                field: Field::Prepared,
                error: InputError::Date(e),
            })
        })
        .ok();
    let policy = policy(inputs).map_err(|e| errors.push(e)).ok();

    let (Some(tablet), Some(tablets), Some(amount), Some(prepared), Some(policy)) =
        (tablet, tablets, amount, prepared, policy)
    else {
        return Err(errors);
    };
    let (recipe, target) = match inputs.mode {
        AmountMode::Volume => (Recipe::new(tablet, tablets, Ml::new(amount)), None),
        AmountMode::Concentration => {
            let target = MgPerMl::new(amount);
            (Recipe::for_target(tablet, tablets, target), Some(target))
        }
    };
    match recipe {
        Ok(recipe) => Ok(RecipeOrder {
            recipe,
            target_mg_per_ml: target,
            prepared,
            policy,
        }),
        Err(e) => Err(vec![match (e, inputs.mode) {
            (RecipeError::FinalVolume(_), AmountMode::Concentration) => FieldError {
                field: Field::Conc,
                error: InputError::VolumeTooLarge,
            },
            (RecipeError::FinalVolume(e), _) => number_error(Field::Volume, e),
            (RecipeError::TabletStrength(e), _) => number_error(Field::Tablet, e),
            (RecipeError::TabletCount(e), _) => number_error(Field::Tablets, e),
            (RecipeError::TargetConcentration(e), _) => number_error(Field::Conc, e),
        }]),
    }
}

/// A validated dose on a syringe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoseOrder {
    pub concentration: Concentration,
    pub dose_mg: Mg,
    pub syringe: Syringe,
    pub per_day: u32,
}

/// Why the Dose screen cannot compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DoseOrderError {
    Fields(Vec<FieldError>),
    /// The concentration comes from the recipe, which is invalid.
    NeedsRecipe(Vec<FieldError>),
    /// The concentration comes from a saved batch that is not there.
    NeedsBatch(Vec<FieldError>),
}

/// The syringe chosen, if valid.
pub fn syringe(inputs: &Inputs) -> Result<Syringe, Vec<FieldError>> {
    match inputs.syringe {
        SyringeChoice::Preset(p) => Ok(p.syringe()),
        SyringeChoice::Custom => {
            let capacity = inputs
                .decimal(
                    Field::Syringe,
                    &inputs.capacity,
                    Decimal::new(1, 1),
                    Decimal::from(60),
                )
                .map_err(|e| number_error(Field::Syringe, e));
            let grad = inputs
                .decimal(
                    Field::Grad,
                    &inputs.grad,
                    Decimal::new(1, 3),
                    Decimal::from(60),
                )
                .map_err(|e| number_error(Field::Grad, e));
            match (capacity, grad) {
                (Ok(c), Ok(g)) => Syringe::custom(Ml::new(c), Ml::new(g)).map_err(|e| {
                    vec![match e {
                        SyringeError::Capacity(e) => number_error(Field::Syringe, e),
                        SyringeError::Graduation(e) => number_error(Field::Grad, e),
                    }]
                }),
                (c, g) => Err(c.err().into_iter().chain(g.err()).collect()),
            }
        }
    }
}

/// The dose in mg, if valid (0.001 mg to 100 mg; mcg converted).
pub fn dose_mg(inputs: &Inputs) -> Result<Mg, FieldError> {
    let (min, max, per_mg) = match inputs.dose_unit {
        DoseUnit::Mg => (Decimal::new(1, 3), Decimal::ONE_HUNDRED, Decimal::ONE),
        DoseUnit::Mcg => (Decimal::ONE, Decimal::from(100_000), Decimal::from(1000)),
    };
    inputs
        .decimal(Field::Dose, &inputs.dose, min, max)
        .map(|d| Mg::new(d / per_mg))
        .map_err(|e| number_error(Field::Dose, e))
}

/// The concentration typed from a bottle's label: as dilute as the most
/// dilute liquid this app labels (`recipe::LDN_LIQUID_MG_PER_ML`), so any
/// of its labels can be typed back, up to 100 mg/mL (an unusual one is
/// questioned before a draw is shown: `State::pending_check`).
pub fn label_concentration(inputs: &Inputs) -> Result<Concentration, FieldError> {
    let min = ldn_engine::recipe::LDN_LIQUID_MG_PER_ML.0;
    inputs
        .decimal(
            Field::LabelConc,
            &inputs.label_conc,
            min,
            Decimal::ONE_HUNDRED,
        )
        .map_err(|e| number_error(Field::LabelConc, e))
        .and_then(|c| {
            Concentration::per_ml(MgPerMl::new(c)).ok_or(number_error(
                Field::LabelConc,
                NumberError::BelowMinimum { min },
            ))
        })
}

/// Validates the Dose screen from the parsed form; `saved` is the saved
/// batch chosen as the source, if it is there.
pub fn dose_order(
    form: &Form,
    source: ConcSource,
    per_day: u32,
    saved: Option<&RecipeOrder>,
) -> Result<DoseOrder, DoseOrderError> {
    let mut errors = Vec::new();
    let concentration = match source {
        ConcSource::Recipe => form.recipe.as_ref().ok().map(|r| r.recipe.concentration()),
        ConcSource::Batch(_) => saved.map(|b| b.recipe.concentration()),
        ConcSource::Label => match &form.label_conc {
            Some(Ok(c)) => Some(*c),
            Some(Err(e)) => {
                errors.push(e.clone());
                None
            }
            None => None,
        },
    };
    let dose = form.dose_mg.clone().map_err(|e| errors.push(e)).ok();
    let syringe = form.syringe.clone().map_err(|e| errors.extend(e)).ok();
    match (concentration, dose, syringe) {
        (Some(concentration), Some(dose_mg), Some(syringe)) => Ok(DoseOrder {
            concentration,
            dose_mg,
            syringe,
            per_day: per_day.clamp(1, 2),
        }),
        (None, _, _) if source == ConcSource::Recipe => Err(DoseOrderError::NeedsRecipe(errors)),
        // The reducer never keeps a deleted batch as the source; should it
        // happen, the screen says to choose one rather than guess.
        (None, _, _) if matches!(source, ConcSource::Batch(_)) => {
            Err(DoseOrderError::NeedsBatch(errors))
        }
        _ => Err(DoseOrderError::Fields(errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::testing::dec;

    fn inputs() -> Inputs {
        Inputs::new("2026-03-01")
    }

    #[test]
    fn defaults_are_valid() {
        let r = recipe_order(&inputs()).unwrap();
        assert_eq!(r.recipe.concentration().mg_per_ml(), MgPerMl::new(dec("1")));
        let i = inputs();
        let d = dose_order(&Form::parse(&i), i.conc_source, i.per_day, None).unwrap();
        assert_eq!(r.recipe.final_ml(), Ml::new(dec("50")));
        assert_eq!(d.dose_mg, Mg::new(dec("1.5")));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut i = inputs();
        i.tablets = "0".into();
        i.volume = "abc".into();
        i.prepared = "2026-02-30".into();
        let errors = recipe_order(&i).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::Tablets, Field::Volume, Field::Prepared]);
        // The dose screen then waits for the recipe.
        assert!(matches!(
            dose_order(&Form::parse(&i), i.conc_source, 1, None),
            Err(DoseOrderError::NeedsRecipe(_))
        ));
    }

    /// Without a concentration the Dose screen says what it waits for: the
    /// recipe, a saved batch that is not there, or the label's value.
    #[test]
    fn what_a_dose_without_a_concentration_waits_for() {
        let mut i = inputs();
        i.tablets = "0".into();
        let form = Form::parse(&i);
        assert!(matches!(
            dose_order(&form, ConcSource::Recipe, 1, None),
            Err(DoseOrderError::NeedsRecipe(_))
        ));
        assert!(matches!(
            dose_order(&form, ConcSource::Batch(7), 1, None),
            Err(DoseOrderError::NeedsBatch(_))
        ));
        i.conc_source = ConcSource::Label;
        i.label_conc = "abc".into();
        assert!(matches!(
            dose_order(&Form::parse(&i), ConcSource::Label, 1, None),
            Err(DoseOrderError::Fields(errors)) if errors.iter().any(|e| e.field == Field::LabelConc)
        ));
    }

    #[test]
    fn concentration_mode_and_too_large_volume() {
        let mut i = inputs();
        i.mode = AmountMode::Concentration;
        i.conc = "0,3".into();
        let r = recipe_order(&i).unwrap();
        assert_eq!(r.recipe.final_ml(), Ml::new(dec("167")));
        assert_eq!(r.target_mg_per_ml, Some(MgPerMl::new(dec("0.3"))));
        i.conc = "0.01".into();
        assert_eq!(
            recipe_order(&i).unwrap_err(),
            vec![FieldError {
                field: Field::Conc,
                error: InputError::VolumeTooLarge
            }]
        );
    }

    #[test]
    fn micrograms_and_label_concentration() {
        let mut i = inputs();
        i.dose_unit = DoseUnit::Mcg;
        i.dose = "250".into();
        i.conc_source = ConcSource::Label;
        i.label_conc = "0,5".into();
        i.tablets = "0".into();
        let d = dose_order(&Form::parse(&i), i.conc_source, 1, None).unwrap();
        assert_eq!(d.dose_mg, Mg::new(dec("0.25")));
        assert_eq!(d.concentration.mg_per_ml(), MgPerMl::new(dec("0.5")));
    }

    #[test]
    fn custom_syringe_errors_name_their_field() {
        let mut i = inputs();
        i.syringe = SyringeChoice::Custom;
        i.capacity = "2".into();
        i.grad = "3".into();
        let errors = syringe(&i).unwrap_err();
        assert_eq!(errors[0].field, Field::Grad);
        i.capacity = "x".into();
        i.grad = "".into();
        let fields: Vec<_> = syringe(&i).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::Syringe, Field::Grad]);
    }
}
