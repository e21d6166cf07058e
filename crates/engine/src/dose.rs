//! One dose from one solution with one syringe: what to draw, what that
//! really delivers, and what to worry about.

use super::quantity::{Mg, Ml};
use super::recipe::Concentration;
use super::syringe::{Syringe, SyringePreset};
use super::warning::Warning;
use rust_decimal::{Decimal, RoundingStrategy};

/// Top of the low-dose range, in mg a day (seed 000 defines LDN by the
/// daily dose: at most 4.5 mg a day).
pub const LDN_MAX_MG: Mg = Mg::new(Decimal::from_parts(45, 0, 0, false, 1));
/// From this daily dose up it is standard-dose naltrexone, in mg a day.
pub const STANDARD_DOSE_MG: Mg = Mg::new(Decimal::from_parts(25, 0, 0, false, 0));
/// Oral syringes are not accurate at this draw or below, in mL (1 mL
/// syringes are inaccurate at 0.1 mL and below: Arch Dis Child 2017).
pub const MIN_ACCURATE_ML: Ml = Ml::new(Decimal::from_parts(1, 0, 0, false, 1));
/// Fill at least this share of a syringe, in percent.
pub const MIN_FILL_PERCENT: Decimal = Decimal::from_parts(20, 0, 0, false, 0);
/// Largest acceptable difference between dose and delivered dose, in percent.
pub const MAX_DEVIATION_PERCENT: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

/// What drawing `dose_mg` looks like on a given syringe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseCheck {
    /// One intake.
    pub dose_mg: Mg,
    /// Intakes a day (1 or 2): the low-dose limits judge the day's total.
    pub per_day: u32,
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
    /// The day's total: one intake times the intakes a day (what the
    /// low-dose limits are about).
    pub fn daily_mg(&self) -> Mg {
        daily_total(self.dose_mg, self.per_day)
    }

    /// Whether the draw may be stated as a draw at all: it fits the syringe,
    /// is not nothing, and is not at or below the 0.1 mL oral syringes do
    /// not measure accurately. Saving
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

/// The day's total of `per_day` intakes of `dose_mg` (at least one intake;
/// saturating, so no input can overflow it).
fn daily_total(dose_mg: Mg, per_day: u32) -> Mg {
    dose_mg
        .checked_times(per_day.max(1))
        .unwrap_or(Mg::new(Decimal::MAX))
}

/// Checks `dose_mg` (> 0), taken `per_day` times a day, drawn from
/// `concentration` with `syringe`.
pub fn check_dose(
    concentration: Concentration,
    dose_mg: Mg,
    syringe: Syringe,
    per_day: u32,
) -> DoseCheck {
    let mut check = measure(concentration, dose_mg, syringe, per_day);
    check.best_preset = SyringePreset::ALL
        .into_iter()
        .find(|p| measure(concentration, dose_mg, p.syringe(), per_day).measures_well());
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
pub fn measure(
    concentration: Concentration,
    dose_mg: Mg,
    syringe: Syringe,
    per_day: u32,
) -> DoseCheck {
    let exact_ml = concentration.ml_for(dose_mg);
    let draw_ml = syringe.round_to_mark(exact_ml);
    let delivered_mg = concentration.mg_in(draw_ml);
    let deviation_percent = percent((delivered_mg - dose_mg).value(), dose_mg.value());
    let fill_percent = percent(draw_ml.value(), syringe.capacity_ml().value());

    let mut warnings = dose_warnings(daily_total(dose_mg, per_day));
    if exact_ml > syringe.capacity_ml() {
        warnings.push(Warning::OverCapacity);
    }
    warnings.extend(draw_warnings(draw_ml, deviation_percent));
    if !draw_ml.is_zero() && fill_percent < MIN_FILL_PERCENT {
        warnings.push(Warning::LowFill);
    }
    DoseCheck {
        dose_mg,
        per_day: per_day.max(1),
        exact_ml,
        draw_ml,
        delivered_mg,
        deviation_percent,
        fill_percent,
        warnings,
        best_preset: None,
    }
}

/// Warnings about the dose itself, whatever measures it: the day's total
/// against the low-dose range (4.5 mg twice a day is 9 mg a day).
fn dose_warnings(daily_mg: Mg) -> Vec<Warning> {
    if daily_mg >= STANDARD_DOSE_MG {
        vec![Warning::NotLowDose]
    } else if daily_mg > LDN_MAX_MG {
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
    if draw_ml <= MIN_ACCURATE_ML {
        warnings.push(Warning::BelowAccuracy);
    }
    if deviation_percent.abs() > MAX_DEVIATION_PERCENT {
        warnings.push(Warning::RoundingDeviation);
    }
    warnings
}

/// Judges a draw chosen earlier (a saved batch's): the dose (its daily
/// total), the accuracy and the rounding, and, when the syringe it was
/// drawn with is known, the fill and the capacity, as [`measure`] does.
pub fn judge_draw(
    concentration: Concentration,
    dose_mg: Mg,
    draw_ml: Ml,
    per_day: u32,
    syringe: Option<Syringe>,
) -> DoseCheck {
    let exact_ml = concentration.ml_for(dose_mg);
    let delivered_mg = concentration.mg_in(draw_ml);
    let deviation_percent = percent((delivered_mg - dose_mg).value(), dose_mg.value());
    let fill_percent = syringe.map_or(Decimal::ZERO, |s| {
        percent(draw_ml.value(), s.capacity_ml().value())
    });
    let mut warnings = dose_warnings(daily_total(dose_mg, per_day));
    if syringe.is_some_and(|s| exact_ml > s.capacity_ml()) {
        warnings.push(Warning::OverCapacity);
    }
    warnings.extend(draw_warnings(draw_ml, deviation_percent));
    if syringe.is_some() && !draw_ml.is_zero() && fill_percent < MIN_FILL_PERCENT {
        warnings.push(Warning::LowFill);
    }
    DoseCheck {
        dose_mg,
        per_day: per_day.max(1),
        exact_ml,
        draw_ml,
        delivered_mg,
        deviation_percent,
        fill_percent,
        warnings,
        best_preset: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recipe::Recipe;
    use crate::testing::dec;

    fn mg(s: &str) -> Mg {
        Mg::new(dec(s))
    }

    /// The 5 % limit is inclusive: a dose rounded by exactly 5 % is within
    /// it (as the tolerance is written in the sources); more is warned.
    #[test]
    fn a_rounding_of_exactly_five_percent_is_within_the_limit() {
        let warns = |percent: &str| {
            draw_warnings(Ml::new(dec("1")), dec(percent)).contains(&Warning::RoundingDeviation)
        };
        assert!(!warns("5") && !warns("-5") && !warns("0"));
        assert!(warns("5.01") && warns("-5.01"));
        // At 0.1 mL and below a syringe is not accurate; above it, it is.
        assert!(draw_warnings(Ml::new(dec("0.1")), dec("0")).contains(&Warning::BelowAccuracy));
        assert!(!draw_warnings(Ml::new(dec("0.11")), dec("0")).contains(&Warning::BelowAccuracy));
        assert_eq!(
            draw_warnings(Ml::ZERO, dec("0")),
            vec![Warning::RoundsToZero]
        );
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
        let c = check_dose(conc("50", 1, "50"), mg("4.5"), Ml5.syringe(), 1);
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
        let r = check_dose(c, mg("1.5"), Ml1.syringe(), 1);
        assert_eq!(r.warnings, vec![Warning::OverCapacity]);
        let r = check_dose(c, mg("1.5"), Ml3.syringe(), 1);
        assert_eq!((r.draw_ml, r.warnings.clone()), (ml("1.5"), vec![]));
        // 10 mL syringe: 1.5 -> tie between 1.4 and 1.6: 1.4 mL, -6.67 %, 14 % full.
        let r = check_dose(c, mg("1.5"), Ml10.syringe(), 1);
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
        let r = check_dose(conc("50", 1, "50"), mg("0.05"), Ml1.syringe(), 1);
        assert_eq!(r.draw_ml, ml("0.05"));
        assert_eq!(r.warnings, vec![Warning::BelowAccuracy, Warning::LowFill]);
        // On a 0.5 mL syringe: still below 0.1 mL; 10 % full.
        assert_eq!(r.best_preset, None);
        // On a 10 mL syringe it rounds to nothing.
        let r = check_dose(conc("50", 1, "50"), mg("0.05"), Ml10.syringe(), 1);
        assert_eq!(r.draw_ml, ml("0"));
        assert_eq!(r.delivered_mg, mg("0"));
        assert_eq!(r.warnings, vec![Warning::RoundsToZero]);
    }

    #[test]
    fn dose_range_warnings() {
        let c = conc("50", 1, "10"); // 5 mg/mL
        let r = check_dose(c, mg("5"), Ml3.syringe(), 1);
        assert!(r.warnings.contains(&Warning::AboveLdnRange));
        let r = check_dose(c, mg("25"), Ml5.syringe(), 1);
        assert!(r.warnings.contains(&Warning::NotLowDose));
        assert!(!r.warnings.contains(&Warning::AboveLdnRange));
        let r = check_dose(c, mg("4.5"), Ml1.syringe(), 1);
        assert!(!r.warnings.contains(&Warning::AboveLdnRange));
    }

    #[test]
    fn the_140_ml_trap() {
        // 150 mg in 140 mL; 4.5 mg = 4.2 mL exactly, on a 0.2 mL mark.
        let r = check_dose(conc("50", 3, "140"), mg("4.5"), Ml5.syringe(), 1);
        assert_eq!(r.draw_ml, ml("4.2"));
        assert_eq!(r.delivered_mg, mg("4.5"));
        assert_eq!(r.deviation_percent, dec("0"));
    }

    #[test]
    fn the_low_dose_limits_judge_the_daily_total() {
        let c = conc("50", 1, "10"); // 5 mg/mL
                                     // 4.5 mg once a day: 4.5 mg a day, the top of the range, no warning.
        let r = check_dose(c, mg("4.5"), Ml3.syringe(), 1);
        assert_eq!(r.daily_mg(), mg("4.5"));
        assert!(!r.warnings.contains(&Warning::AboveLdnRange));
        // 4.5 mg twice a day: 2 x 4.5 = 9 mg a day > 4.5 mg.
        let r = check_dose(c, mg("4.5"), Ml3.syringe(), 2);
        assert_eq!(r.daily_mg(), mg("9"));
        assert!(r.warnings.contains(&Warning::AboveLdnRange));
        // 2.25 mg twice a day: 2 x 2.25 = 4.5 mg a day, still LDN.
        let r = check_dose(c, mg("2.25"), Ml3.syringe(), 2);
        assert!(!r.warnings.contains(&Warning::AboveLdnRange));
        // 12.5 mg twice a day: 2 x 12.5 = 25 mg a day, standard dose (not
        // also "above the LDN range": the more serious one alone).
        let r = check_dose(c, mg("12.5"), Ml5.syringe(), 2);
        assert_eq!(r.daily_mg(), mg("25"));
        assert!(r.warnings.contains(&Warning::NotLowDose));
        assert!(!r.warnings.contains(&Warning::AboveLdnRange));
        // 12 mg twice a day = 24 mg a day: above LDN, not standard dose.
        let r = check_dose(c, mg("12"), Ml5.syringe(), 2);
        assert!(r.warnings.contains(&Warning::AboveLdnRange));
        // A saved batch's draw is judged the same way.
        let r = judge_draw(c, mg("4.5"), ml("0.9"), 2, None);
        assert_eq!(r.warnings, vec![Warning::AboveLdnRange]);
        assert_eq!(
            judge_draw(c, mg("4.5"), ml("0.9"), 1, None).warnings,
            vec![]
        );
    }

    #[test]
    fn a_draw_of_exactly_a_tenth_of_a_ml_is_below_accuracy() {
        let c = conc("50", 1, "50"); // 1 mg/mL
                                     // 0.1 mg = 0.1 mL exactly, on a mark of the 0.5 mL syringe and
                                     // 20 % of it (0.1 / 0.5): the fill is fine, the volume is not.
        let r = check_dose(c, mg("0.1"), Ml0_5.syringe(), 1);
        assert_eq!((r.draw_ml, r.fill_percent), (ml("0.1"), dec("20")));
        assert_eq!(r.warnings, vec![Warning::BelowAccuracy]);
        assert!(!r.drawable());
        // No preset measures it well: 0.1 mL on any of them.
        assert_eq!(r.best_preset, None);
        // 0.11 mg = 0.11 mL on the 0.5 mL syringe (0.01 mL marks), 22 % full:
        // just above the limit, drawable and fine.
        let r = check_dose(c, mg("0.11"), Ml0_5.syringe(), 1);
        assert_eq!(r.draw_ml, ml("0.11"));
        assert!(r.warnings.is_empty() && r.drawable());
        // A saved 0.1 mL draw is judged the same.
        let r = judge_draw(c, mg("0.1"), ml("0.1"), 1, None);
        assert_eq!(r.warnings, vec![Warning::BelowAccuracy]);
        assert!(!r.drawable());
    }

    #[test]
    fn a_saved_draw_with_its_syringe_is_judged_as_when_it_was_measured() {
        // Every dose from 0.05 to 6 mg in 0.05 mg steps, once and twice a
        // day, at three strengths, on every preset: judging the draw the
        // syringe gives, with that syringe, warns exactly as measuring did
        // (low fill and over capacity included); without it, the same but
        // for those two.
        for c in [conc("50", 1, "50"), conc("50", 1, "10"), conc("3", 1, "6")] {
            for step in 1..=120u32 {
                let dose = Mg::new(Decimal::new(i64::from(step) * 5, 2));
                for preset in SyringePreset::ALL {
                    for per_day in [1, 2] {
                        let m = measure(c, dose, preset.syringe(), per_day);
                        let j = judge_draw(c, dose, m.draw_ml, per_day, Some(preset.syringe()));
                        assert_eq!(j.warnings, m.warnings, "{dose:?} {preset:?} {per_day}");
                        assert_eq!(j.fill_percent, m.fill_percent);
                        let unknown = judge_draw(c, dose, m.draw_ml, per_day, None);
                        let fill = [Warning::LowFill, Warning::OverCapacity];
                        let expected: Vec<_> = m
                            .warnings
                            .iter()
                            .filter(|w| !fill.contains(w))
                            .copied()
                            .collect();
                        assert_eq!(unknown.warnings, expected);
                    }
                }
            }
        }
        // 1 mg at 1 mg/mL on the 10 mL syringe: 10 % full.
        let r = judge_draw(
            conc("50", 1, "50"),
            mg("1"),
            ml("1"),
            1,
            Some(Ml10.syringe()),
        );
        assert_eq!(r.warnings, vec![Warning::LowFill]);
    }
}
