//! The form parsed once per change: every field's value or error, which the
//! orders and the plan read. (The link still echoes a few raw fields, such
//! as the volume and the custom plan numbers, that it writes even when the
//! order they belong to is invalid; it runs once per change, not per render.)

use super::inputs::{ConcSource, Inputs};
use super::order::{self, dose_mg, policy, syringe, tablet_mg, FieldError, RecipeOrder};
use super::plan::{plan_form, PlanForm, PlanProblem};
use ldn_engine::batch::BeyondUse;
use ldn_engine::quantity::Mg;
use ldn_engine::recipe::Concentration;
use ldn_engine::syringe::Syringe;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub tablet_mg: Result<Mg, FieldError>,
    pub policy: Result<BeyondUse, FieldError>,
    pub recipe: Result<RecipeOrder, Vec<FieldError>>,
    /// The concentration typed from a label (only when that is the source).
    pub label_conc: Option<Result<Concentration, FieldError>>,
    pub dose_mg: Result<Mg, FieldError>,
    pub syringe: Result<Syringe, Vec<FieldError>>,
    pub plan: Result<PlanForm, PlanProblem>,
}

impl Form {
    pub fn parse(inputs: &Inputs) -> Form {
        Form {
            tablet_mg: tablet_mg(inputs),
            policy: policy(inputs),
            recipe: order::recipe_order(inputs),
            label_conc: (inputs.conc_source == ConcSource::Label)
                .then(|| order::label_concentration(inputs)),
            dose_mg: dose_mg(inputs),
            syringe: syringe(inputs),
            plan: plan_form(inputs),
        }
    }
}
