//! One dose from one solution with one syringe: what to draw, what that
//! really delivers, and what to worry about.

use super::quantity::{Mg, Ml};
use super::recipe::Concentration;
use super::syringe::{Syringe, SyringePreset};
use super::warning::Warning;
use rust_decimal::{Decimal, RoundingStrategy};

/// Top of the low-dose range, in mg.
pub const LDN_MAX_MG: Mg = Mg::new(Decimal::from_parts(45, 0, 0, false, 1));
/// From this dose up it is standard-dose naltrexone, in mg.
pub const STANDARD_DOSE_MG: Mg = Mg::new(Decimal::from_parts(25, 0, 0, false, 0));
/// Oral syringes are not accurate below this draw, in mL.
pub const MIN_ACCURATE_ML: Ml = Ml::new(Decimal::from_parts(1, 0, 0, false, 1));
/// Fill at least this share of a syringe, in percent.
pub const MIN_FILL_PERCENT: Decimal = Decimal::from_parts(20, 0, 0, false, 0);
/// Largest acceptable difference between dose and delivered dose, in percent.
pub const MAX_DEVIATION_PERCENT: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

/// What drawing `dose_mg` looks like on a given syringe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseCheck {
    pub dose_mg: Mg,
    /// The volume that holds the dose exactly.
    pub exact_ml: Ml,
    /// The nearest mark the syringe can show (ties to the smaller).
    pub draw_ml: Ml,
    /// What the rounded draw really contains.
    pub delivered_mg: Mg,
    /// (delivered - dose) / dose, in percent.
    pub deviation_percent: Decimal,
    /// Rounded draw as a share of the syringe's capacity, in percent.
    pub fill_percent: Decimal,
    /// Warnings about the dose and the draw, most serious first.
    pub warnings: Vec<Warning>,
    /// The smallest preset syringe that measures this dose well, if any.
    pub best_preset: Option<SyringePreset>,
}

impl DoseCheck {
    /// Whether the draw may be stated as a draw at all: it fits the syringe,
    /// is not nothing, and is not below what oral syringes measure. Saving
    /// a batch and every output follow this one rule.
    pub fn drawable(&self) -> bool {
        !self.warnings.iter().any(|w| {
            matches!(
                w,
                Warning::OverCapacity | Warning::RoundsToZero | Warning::BelowAccuracy
            )
        })
    }

    /// Whether this draw is fine to give as it is (no draw warnings).
    pub fn measures_well(&self) -> bool {
        !self.warnings.iter().any(|w| {
            matches!(
                w,
                Warning::OverCapacity
                    | Warning::RoundsToZero
                    | Warning::BelowAccuracy
                    | Warning::RoundingDeviation
                    | Warning::LowFill
            )
        })
    }
}

/// Checks `dose_mg` (> 0) drawn from `concentration` with `syringe`.
pub fn check_dose(concentration: Concentration, dose_mg: Mg, syringe: Syringe) -> DoseCheck {
    let mut check = measure(concentration, dose_mg, syringe);
    check.best_preset = SyringePreset::ALL
        .into_iter()
        .find(|p| measure(concentration, dose_mg, p.syringe()).measures_well());
    check
}

fn percent(part: Decimal, whole: Decimal) -> Decimal {
    if whole.is_zero() {
        return Decimal::ZERO;
    }
    (part * Decimal::ONE_HUNDRED / whole)
        .round_dp_with_strategy(6, RoundingStrategy::MidpointNearestEven)
}

/// As [`check_dose`] without looking for a better syringe (cheaper).
pub fn measure(concentration: Concentration, dose_mg: Mg, syringe: Syringe) -> DoseCheck {
    let exact_ml = concentration.ml_for(dose_mg);
    let draw_ml = syringe.round_to_mark(exact_ml);
    let delivered_mg = concentration.mg_in(draw_ml);
    let deviation_percent = percent((delivered_mg - dose_mg).value(), dose_mg.value());
    let fill_percent = percent(draw_ml.value(), syringe.capacity_ml().value());

    let mut warnings = dose_warnings(dose_mg);
    if exact_ml > syringe.capacity_ml() {
        warnings.push(Warning::OverCapacity);
    }
    warnings.extend(draw_warnings(draw_ml, deviation_percent));
    if !draw_ml.is_zero() && fill_percent < MIN_FILL_PERCENT {
        warnings.push(Warning::LowFill);
    }
    DoseCheck {
        dose_mg,
        exact_ml,
        draw_ml,
        delivered_mg,
        deviation_percent,
        fill_percent,
        warnings,
        best_preset: None,
    }
}

/// Warnings about the dose itself, whatever measures it.
fn dose_warnings(dose_mg: Mg) -> Vec<Warning> {
    if dose_mg >= STANDARD_DOSE_MG {
        vec![Warning::NotLowDose]
    } else if dose_mg > LDN_MAX_MG {
        vec![Warning::AboveLdnRange]
    } else {
        Vec::new()
    }
}

/// Warnings about a draw that do not depend on the syringe's size.
fn draw_warnings(draw_ml: Ml, deviation_percent: Decimal) -> Vec<Warning> {
    if draw_ml.is_zero() {
        return vec![Warning::RoundsToZero];
    }
    let mut warnings = Vec::new();
    if draw_ml < MIN_ACCURATE_ML {
        warnings.push(Warning::BelowAccuracy);
    }
    if deviation_percent.abs() > MAX_DEVIATION_PERCENT {
        warnings.push(Warning::RoundingDeviation);
    }
    warnings
}

/// Judges a draw chosen earlier (a saved batch's) whose syringe is not
/// known: the dose, the accuracy and the rounding, but not the fill.
pub fn judge_draw(concentration: Concentration, dose_mg: Mg, draw_ml: Ml) -> DoseCheck {
    let delivered_mg = concentration.mg_in(draw_ml);
    let deviation_percent = percent((delivered_mg - dose_mg).value(), dose_mg.value());
    let mut warnings = dose_warnings(dose_mg);
    warnings.extend(draw_warnings(draw_ml, deviation_percent));
    DoseCheck {
        dose_mg,
        exact_ml: concentration.ml_for(dose_mg),
        draw_ml,
        delivered_mg,
        deviation_percent,
        fill_percent: Decimal::ZERO,
        warnings,
        best_preset: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::recipe::Recipe;
    use crate::engine::testing::dec;

    fn mg(s: &str) -> Mg {
        Mg::new(dec(s))
    }

    fn ml(s: &str) -> Ml {
        Ml::new(dec(s))
    }
    use SyringePreset::*;

    fn conc(tablet: &str, count: u32, volume: &str) -> Concentration {
        Recipe::new(mg(tablet), count, ml(volume))
            .unwrap()
            .concentration()
    }

    #[test]
    fn classic_one_mg_per_ml() {
        // 4.5 mg at 1 mg/mL = 4.5 mL; on a 5 mL syringe (0.2 mL marks) the tie
        // between 4.4 and 4.6 goes down: 4.4 mL = 4.4 mg, -2.22 %.
        let c = check_dose(conc("50", 1, "50"), mg("4.5"), Ml5.syringe());
        assert_eq!(c.exact_ml, ml("4.5"));
        assert_eq!(c.draw_ml, ml("4.4"));
        assert_eq!(c.delivered_mg, mg("4.4"));
        assert_eq!(c.deviation_percent.round_dp(2), dec("-2.22"));
        assert_eq!(c.fill_percent, dec("88"));
        assert!(c.warnings.is_empty());
        // A 10 mL syringe (0.2 mL marks) is also fine at 45 % fill, but 5 mL
        // is smaller... yet the 3 mL syringe cannot hold it; best is 5 mL.
        assert_eq!(c.best_preset, Some(Ml5));
    }

    #[test]
    fn one_and_a_half_mg_on_each_preset() {
        let c = conc("50", 1, "50");
        // 1.5 mL: too much for 0.5 and 1 mL; on the 3 mL syringe 50 % full.
        let r = check_dose(c, mg("1.5"), Ml1.syringe());
        assert_eq!(r.warnings, vec![Warning::OverCapacity]);
        let r = check_dose(c, mg("1.5"), Ml3.syringe());
        assert_eq!((r.draw_ml, r.warnings.clone()), (ml("1.5"), vec![]));
        // 10 mL syringe: 1.5 -> tie between 1.4 and 1.6: 1.4 mL, -6.67 %, 14 % full.
        let r = check_dose(c, mg("1.5"), Ml10.syringe());
        assert_eq!(r.draw_ml, ml("1.4"));
        assert_eq!(
            r.warnings,
            vec![Warning::RoundingDeviation, Warning::LowFill]
        );
        assert_eq!(r.best_preset, Some(Ml3));
    }

    #[test]
    fn ultra_low_dose_is_below_accuracy() {
        // 0.05 mg at 1 mg/mL = 0.05 mL: on a 1 mL syringe that is on a mark
        // but below 0.1 mL and 5 % full.
        let r = check_dose(conc("50", 1, "50"), mg("0.05"), Ml1.syringe());
        assert_eq!(r.draw_ml, ml("0.05"));
        assert_eq!(r.warnings, vec![Warning::BelowAccuracy, Warning::LowFill]);
        // On a 0.5 mL syringe: still below 0.1 mL; 10 % full.
        assert_eq!(r.best_preset, None);
        // On a 10 mL syringe it rounds to nothing.
        let r = check_dose(conc("50", 1, "50"), mg("0.05"), Ml10.syringe());
        assert_eq!(r.draw_ml, ml("0"));
        assert_eq!(r.delivered_mg, mg("0"));
        assert_eq!(r.warnings, vec![Warning::RoundsToZero]);
    }

    #[test]
    fn dose_range_warnings() {
        let c = conc("50", 1, "10"); // 5 mg/mL
        let r = check_dose(c, mg("5"), Ml3.syringe());
        assert!(r.warnings.contains(&Warning::AboveLdnRange));
        let r = check_dose(c, mg("25"), Ml5.syringe());
        assert!(r.warnings.contains(&Warning::NotLowDose));
        assert!(!r.warnings.contains(&Warning::AboveLdnRange));
        let r = check_dose(c, mg("4.5"), Ml1.syringe());
        assert!(!r.warnings.contains(&Warning::AboveLdnRange));
    }

    #[test]
    fn the_140_ml_trap() {
        // 150 mg in 140 mL; 4.5 mg = 4.2 mL exactly, on a 0.2 mL mark.
        let r = check_dose(conc("50", 3, "140"), mg("4.5"), Ml5.syringe());
        assert_eq!(r.draw_ml, ml("4.2"));
        assert_eq!(r.delivered_mg, mg("4.5"));
        assert_eq!(r.deviation_percent, dec("0"));
    }
}
