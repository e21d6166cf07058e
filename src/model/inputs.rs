//! The form as typed: text stays text until validated, so a half-typed
//! number is never lost or reformatted under the user's fingers.

use crate::engine::syringe::SyringePreset;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabletChoice {
    Mg50,
    Mg3,
    Custom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountMode {
    /// Made up to a final volume.
    Volume,
    /// Aiming for a concentration (the volume is derived and rounded).
    Concentration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudChoice {
    Days30,
    Days14,
    Custom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyringeChoice {
    Preset(SyringePreset),
    Custom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConcSource {
    /// The recipe on the Prepare screen.
    Recipe,
    /// Typed from a bottle's label.
    Label,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoseUnit {
    Mg,
    /// Micrograms, for ultra-low doses.
    Mcg,
}

/// A form field; `param` is its name in links and in `data-error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Tablet,
    Tablets,
    Volume,
    Conc,
    Prepared,
    Bud,
    LabelConc,
    Dose,
    Syringe,
    Grad,
}

impl Field {
    pub fn param(self) -> &'static str {
        match self {
            Field::Tablet => "tablet",
            Field::Tablets => "tablets",
            Field::Volume => "volume",
            Field::Conc => "conc",
            Field::Prepared => "prepared",
            Field::Bud => "bud",
            Field::LabelConc => "label-conc",
            Field::Dose => "dose",
            Field::Syringe => "syringe",
            Field::Grad => "grad",
        }
    }
}

/// Everything typed or chosen on the screens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    pub tablet: TabletChoice,
    pub custom_tablet: String,
    pub tablets: String,
    pub mode: AmountMode,
    pub volume: String,
    pub conc: String,
    pub prepared: String,
    pub bud: BudChoice,
    pub custom_bud: String,
    pub conc_source: ConcSource,
    pub label_conc: String,
    pub dose: String,
    pub dose_unit: DoseUnit,
    pub per_day: u32,
    pub syringe: SyringeChoice,
    pub capacity: String,
    pub grad: String,
    pub patient: String,
}

impl Inputs {
    /// The classic recipe (1 x 50 mg in 50 mL), 1.5 mg on a 3 mL syringe,
    /// prepared `today` (ISO date), 30 days.
    pub fn new(today: &str) -> Inputs {
        Inputs {
            tablet: TabletChoice::Mg50,
            custom_tablet: String::new(),
            tablets: "1".into(),
            mode: AmountMode::Volume,
            volume: "50".into(),
            conc: "1".into(),
            prepared: today.into(),
            bud: BudChoice::Days30,
            custom_bud: "30".into(),
            conc_source: ConcSource::Recipe,
            label_conc: "1".into(),
            dose: "1.5".into(),
            dose_unit: DoseUnit::Mg,
            per_day: 1,
            syringe: SyringeChoice::Preset(SyringePreset::Ml3),
            capacity: "3".into(),
            grad: "0.1".into(),
            patient: String::new(),
        }
    }
}
