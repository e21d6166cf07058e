//! Serial dilution for ultra-low doses: when a dose is too small to measure
//! from the stock solution, take a measured volume of the stock and make it
//! up to a larger volume, then draw the dose from that.

use super::batch::BeyondUse;
use super::date::Date;
use super::dose::{check_dose, DoseCheck};
use super::quantity::{Mg, Ml};
use super::recipe::Concentration;
use super::syringe::Syringe;
use super::warning::Warning;
use rust_decimal::Decimal;

/// Volumes of stock we propose to take (each measurable with a syringe), in mL.
const TAKE_ML: [i64; 4] = [1, 2, 5, 10];
/// Volumes we propose to make up to (measuring cylinder or flask), in mL.
const MAKE_UP_TO_ML: [i64; 5] = [10, 20, 25, 50, 100];

/// A second dilution step and what the dose looks like from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dilution {
    /// Take this much of the stock solution...
    pub take_ml: Ml,
    /// ...and make it up to this volume with water.
    pub make_up_to_ml: Ml,
    pub concentration: Concentration,
    /// The dose drawn from the diluted solution.
    pub check: DoseCheck,
    /// The diluted solution's last day: its own use-by, but never past the
    /// stock's, since it is made from the stock.
    pub last_day: Date,
}

/// Whether a dose needs a dilution step: it is too small to draw accurately
/// from the stock on this syringe (not too large), and no common syringe
/// measures it well either (then the answer is that syringe, not a dilution).
/// `check` must come from `check_dose`, which looks for that syringe.
pub fn needs_dilution(check: &DoseCheck) -> bool {
    check.best_preset.is_none()
        && !check.warnings.contains(&Warning::OverCapacity)
        && check.warnings.iter().any(|w| {
            matches!(
                w,
                Warning::BelowAccuracy | Warning::RoundsToZero | Warning::RoundingDeviation
            )
        })
}

/// The simplest dilution that makes `dose_mg` measurable on `syringe`:
/// exact on a mark first, then the smallest volume to make (least waste),
/// then the smallest volume to take. `None` if no listed step works.
pub fn propose_dilution(
    stock: Concentration,
    stock_last_day: Date,
    dose_mg: Mg,
    syringe: Syringe,
    diluted_on: Date,
    policy: BeyondUse,
) -> Option<Dilution> {
    let last_day = stock_last_day.min(policy.last_day(diluted_on));
    let mut best: Option<(bool, Dilution)> = None;
    for to in MAKE_UP_TO_ML {
        for take in TAKE_ML.into_iter().filter(|take| *take < to) {
            let (take_ml, make_up_to_ml) =
                (Ml::new(Decimal::from(take)), Ml::new(Decimal::from(to)));
            let Some(concentration) = stock.diluted(take_ml, make_up_to_ml) else {
                continue;
            };
            // Only the draw is judged here (`measures_well`): once a day.
            let check = check_dose(concentration, dose_mg, syringe, 1);
            if !check.measures_well() {
                continue;
            }
            let exact = check.deviation_percent.is_zero();
            let better = match &best {
                None => true,
                Some((best_exact, _)) => exact && !best_exact,
            };
            if better {
                best = Some((
                    exact,
                    Dilution {
                        take_ml,
                        make_up_to_ml,
                        concentration,
                        check,
                        last_day,
                    },
                ));
            }
        }
    }
    best.map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::quantity::MgPerMl;
    use crate::engine::recipe::Recipe;
    use crate::engine::syringe::SyringePreset;
    use crate::engine::testing::{date, dec};

    fn ml(s: &str) -> Ml {
        Ml::new(dec(s))
    }

    fn mg(s: &str) -> Mg {
        Mg::new(dec(s))
    }

    #[test]
    fn fifty_micrograms_from_one_mg_per_ml() {
        // 0.05 mg at 1 mg/mL is 0.05 mL: too little for a syringe.
        let stock = Recipe::new(mg("50"), 1, ml("50")).unwrap().concentration();
        let syringe = SyringePreset::Ml1.syringe();
        assert!(needs_dilution(&check_dose(stock, mg("0.05"), syringe, 1)));
        // Take 1 mL, make up to 10 mL: 0.1 mg/mL; 0.05 mg = 0.5 mL, on a mark.
        let d = propose_dilution(
            stock,
            date("2026-03-30"),
            mg("0.05"),
            syringe,
            date("2026-03-20"),
            BeyondUse::LdnGuidance,
        )
        .unwrap();
        assert_eq!((d.take_ml, d.make_up_to_ml), (ml("1"), ml("10")));
        assert_eq!(d.concentration.mg_per_ml(), MgPerMl::new(dec("0.1")));
        assert_eq!(d.check.draw_ml, ml("0.5"));
        assert_eq!(d.check.delivered_mg, mg("0.05"));
        // Diluted on 20 March its own 30 days would run to 18 April, but the
        // stock it came from ends on 30 March.
        assert_eq!(d.last_day, date("2026-03-30"));
    }

    #[test]
    fn no_dilution_for_a_measurable_dose() {
        let stock = Recipe::new(mg("50"), 1, ml("50")).unwrap().concentration();
        assert!(!needs_dilution(&check_dose(
            stock,
            mg("1.5"),
            SyringePreset::Ml3.syringe(),
            1
        )));
        // Too large is not fixed by diluting.
        assert!(!needs_dilution(&check_dose(
            stock,
            mg("4.5"),
            SyringePreset::Ml1.syringe(),
            1
        )));
    }

    #[test]
    fn a_dilution_never_gives_a_draw_of_a_tenth_of_a_ml() {
        // 10 mcg (0.01 mg) from 1 mg/mL on a 0.5 mL syringe. 1 mL made up to
        // 10 mL is 0.1 mg/mL: 0.01 mg = 0.1 mL, on a mark and 20 % full, but
        // 0.1 mL is at the limit of accuracy. Next: 1 mL to 20 mL is 0.05
        // mg/mL: 0.01 / 0.05 = 0.2 mL, on a mark, 40 % full.
        let stock = Recipe::new(mg("50"), 1, ml("50")).unwrap().concentration();
        let syringe = SyringePreset::Ml0_5.syringe();
        assert!(needs_dilution(&check_dose(stock, mg("0.01"), syringe, 1)));
        let d = propose_dilution(
            stock,
            date("2026-03-30"),
            mg("0.01"),
            syringe,
            date("2026-03-01"),
            BeyondUse::LdnGuidance,
        )
        .unwrap();
        assert_eq!((d.take_ml, d.make_up_to_ml), (ml("1"), ml("20")));
        assert_eq!(d.concentration.mg_per_ml(), MgPerMl::new(dec("0.05")));
        assert_eq!(
            (d.check.draw_ml, d.check.delivered_mg),
            (ml("0.2"), mg("0.01"))
        );
        assert!(d.check.drawable());
    }

    #[test]
    fn ultra_low_on_a_large_syringe() {
        // 0.01 mg (10 mcg) on a 5 mL syringe: needs >= 1 mL to fill 20 %.
        // 1 mL to 100 mL: 0.01 mg/mL, 1 mL draw, on a mark.
        let stock = Recipe::new(mg("50"), 1, ml("50")).unwrap().concentration();
        let d = propose_dilution(
            stock,
            date("2026-03-30"),
            mg("0.01"),
            SyringePreset::Ml5.syringe(),
            date("2026-03-01"),
            BeyondUse::Usp795,
        )
        .unwrap();
        assert_eq!((d.take_ml, d.make_up_to_ml), (ml("1"), ml("100")));
        assert_eq!(d.check.draw_ml, ml("1"));
        assert_eq!(d.last_day, date("2026-03-14"));
    }
}
