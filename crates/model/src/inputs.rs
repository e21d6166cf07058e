//! The form as typed: text stays text until validated, so a half-typed
//! number is never lost or reformatted under the user's fingers.

use ldn_engine::date::Date;
use ldn_engine::format::DecimalSeparator;
use ldn_engine::number::{parse_in_range, parse_typed, NumberError};
use ldn_engine::schedule::TitrationPreset;
use ldn_engine::syringe::SyringePreset;
use rust_decimal::Decimal;

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
    /// A batch saved on this device, by its id. Never in links: the batch
    /// lives on this device only.
    Batch(u64),
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
    PlanStart,
    PlanDose,
    PlanStep,
    PlanEvery,
    PlanTarget,
    PlanDays,
    Price,
    PlanTime,
    PlanMorning,
    PlanLead,
    PlanChemo,
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
            Field::PlanStart => "pstart",
            Field::PlanDose => "pdose",
            Field::PlanStep => "pstep",
            Field::PlanEvery => "pevery",
            Field::PlanTarget => "ptarget",
            Field::PlanDays => "pdays",
            Field::Price => "price",
            Field::PlanTime => "ptime",
            Field::PlanMorning => "pmorning",
            Field::PlanLead => "plead",
            Field::PlanChemo => "pchemo",
        }
    }
}

/// Which titration scheme the plan follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanScheme {
    Preset(TitrationPreset),
    Custom,
}

/// The calendar reminder's default time: LDN is usually taken at bedtime.
pub const DEFAULT_REMINDER: &str = "21:00";
/// The morning reminder's default time, for twice-daily plans.
pub const DEFAULT_MORNING_REMINDER: &str = "08:00";
/// Days before a bottle's last day the calendar reminds the patient to get
/// the next one: the pharmacy's lead time, unless it gives another.
pub const DEFAULT_LEAD_DAYS: &str = "3";

/// The Plan screen's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInputs {
    pub scheme: PlanScheme,
    pub start: String,
    /// Custom scheme only.
    pub start_mg: String,
    pub step_mg: String,
    pub every_days: String,
    pub target_mg: String,
    pub allow_above_ldn: bool,
    pub days: String,
    pub twice_daily: bool,
    pub cycle: bool,
    /// Chemotherapy dates as typed (`YYYY-MM-DD`, separated by commas or
    /// spaces); only read while the cycle is on.
    pub chemo: String,
    /// Step-backs as (first day, 2 or 3 days).
    pub step_backs: Vec<(Date, u32)>,
    /// How long the next step-back lasts.
    pub step_back_days: u32,
    pub price: String,
    /// Calendar reminder for the dose (the evening one when twice daily).
    /// LDN is usually taken in the evening, at bedtime (seeds 001, 002).
    pub reminder: String,
    /// Calendar reminder for the morning dose, when twice daily.
    pub morning_reminder: String,
    /// Days before a bottle's last day to remind about the next bottle.
    pub lead_days: String,
    /// A link named the plan (`plan=`): the patient page follows it, and
    /// its address keeps the plan even when it is the default one.
    pub linked: bool,
}

impl PlanInputs {
    pub fn new(today: &str) -> PlanInputs {
        let standard = TitrationPreset::Standard.titration();
        PlanInputs {
            scheme: PlanScheme::Preset(TitrationPreset::Standard),
            start: today.into(),
            start_mg: standard.start_mg.to_string(),
            step_mg: standard.step_mg.to_string(),
            every_days: standard.interval_days.to_string(),
            target_mg: standard.target_mg.to_string(),
            allow_above_ldn: false,
            days: "90".into(),
            twice_daily: false,
            cycle: false,
            chemo: String::new(),
            step_backs: Vec::new(),
            step_back_days: 3,
            price: String::new(),
            reminder: DEFAULT_REMINDER.into(),
            morning_reminder: DEFAULT_MORNING_REMINDER.into(),
            lead_days: DEFAULT_LEAD_DAYS.into(),
            linked: false,
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
    pub plan: PlanInputs,
    /// The number fields a person has typed into, and the decimal
    /// separator of the language they typed in: their text is read with
    /// that language's rule (`1.000` in Danish is not one), while a link's
    /// numbers (always with a point) are read as written.
    pub typed: Vec<Field>,
    pub typed_decimal: DecimalSeparator,
}

impl Inputs {
    /// Reads the number `text` of `field` in `min..=max`: as typed by a
    /// person when they typed it (an ambiguous thousands grouping refused),
    /// else as a link writes numbers.
    pub fn decimal(
        &self,
        field: Field,
        text: &str,
        min: Decimal,
        max: Decimal,
    ) -> Result<Decimal, NumberError> {
        if self.typed.contains(&field) {
            parse_typed(text, min, max, self.typed_decimal)
        } else {
            parse_in_range(text, min, max)
        }
    }
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
            plan: PlanInputs::new(today),
            typed: Vec::new(),
            typed_decimal: DecimalSeparator::Point,
        }
    }
}
