//! Serial dilution for ultra-low doses: when a dose is too small to measure
//! from the stock solution, take a measured volume of it and make it up to
//! a larger volume with water, once or twice, then draw the dose from the
//! last solution. A task for the pharmacy, not for the patient.
//!
//! What makes a proposal acceptable (each checked here, not assumed):
//! - every volume taken is on a mark of a preset oral syringe, fills at
//!   least 20 % of it and is more than 0.1 mL (oral syringes are not
//!   accurate at 0.1 mL and below);
//! - the dose drawn from the last solution measures well on the chosen
//!   syringe (on a mark, at least 20 % fill, within 5 % of the dose) and is
//!   more than 0.1 mL;
//! - each diluted bottle's last day is no later than that of the bottle it
//!   was made from, nor than its own use-by counted from the day it is made.
//!
//! One step is preferred when one works; then a draw exactly on a mark,
//! then the least liquid made (least waste), then the least taken.

use super::batch::BeyondUse;
use super::date::Date;
use super::dose::{check_dose, measure, DoseCheck, MIN_ACCURATE_ML, MIN_FILL_PERCENT};
use super::quantity::{Mg, Ml};
use super::recipe::Concentration;
use super::syringe::{Syringe, SyringePreset};
use super::warning::Warning;
use rust_decimal::Decimal;

/// Volumes of a solution we propose to take, in mL (each measured on a
/// preset syringe: see [`take_syringe`]).
const TAKE_ML: [i64; 4] = [1, 2, 5, 10];
/// Volumes we propose to make up to (volumetric flask or cylinder), in mL.
const MAKE_UP_TO_ML: [i64; 5] = [10, 20, 25, 50, 100];
/// At most this many dilution steps.
pub const MAX_STEPS: usize = 2;

/// One dilution step: take `take_ml` of the solution before it, measured
/// with `take_with`, and make it up to `make_up_to_ml` with water.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DilutionStep {
    pub take_ml: Ml,
    /// The smallest preset syringe that measures `take_ml` on a mark at
    /// 20 % fill or more.
    pub take_with: SyringePreset,
    pub make_up_to_ml: Ml,
    /// The concentration this step makes.
    pub concentration: Concentration,
    /// This diluted bottle's last day of use.
    pub last_day: Date,
}

/// One or two dilution steps and what the dose looks like from the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dilution {
    /// In order; the first is taken from the stock solution.
    pub steps: Vec<DilutionStep>,
    /// The dose drawn from the last diluted solution, on the chosen syringe.
    pub check: DoseCheck,
}

impl Dilution {
    fn last(&self) -> Option<&DilutionStep> {
        self.steps.last()
    }

    /// The concentration the dose is drawn from.
    pub fn concentration(&self) -> Option<Concentration> {
        self.last().map(|s| s.concentration)
    }

    /// The last day of the solution the dose is drawn from.
    pub fn last_day(&self) -> Option<Date> {
        self.last().map(|s| s.last_day)
    }
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

/// Whether `ml` measured on `syringe` is a volume to rely on: on a mark,
/// within its capacity, more than 0.1 mL and at least 20 % of it.
pub fn measurable_on(syringe: Syringe, ml: Ml) -> bool {
    ml > MIN_ACCURATE_ML
        && ml <= syringe.capacity_ml()
        && syringe.is_on_mark(ml)
        && ml.value() * Decimal::ONE_HUNDRED >= MIN_FILL_PERCENT * syringe.capacity_ml().value()
}

/// The smallest preset syringe that measures `take_ml` well.
pub fn take_syringe(take_ml: Ml) -> Option<SyringePreset> {
    SyringePreset::ALL
        .into_iter()
        .find(|p| measurable_on(p.syringe(), take_ml))
}

/// Every (take, make up to) pair, each take measurable on a preset.
fn pairs() -> Vec<(Ml, SyringePreset, Ml)> {
    let mut out = Vec::new();
    for to in MAKE_UP_TO_ML {
        for take in TAKE_ML.into_iter().filter(|take| *take < to) {
            let take_ml = Ml::new(Decimal::from(take));
            if let Some(with) = take_syringe(take_ml) {
                out.push((take_ml, with, Ml::new(Decimal::from(to))));
            }
        }
    }
    out
}

/// The simplest dilution (one step, else two) that makes `dose_mg`
/// measurable on `syringe`. `None` if no listed step or pair of steps works.
pub fn propose_dilution(
    stock: Concentration,
    stock_last_day: Date,
    dose_mg: Mg,
    syringe: Syringe,
    diluted_on: Date,
    policy: BeyondUse,
) -> Option<Dilution> {
    let own_last_day = policy.last_day(diluted_on);
    let pairs = pairs();
    // Candidate chains of steps: all single steps, then all pairs of steps.
    let mut chains: Vec<Vec<&(Ml, SyringePreset, Ml)>> = pairs.iter().map(|p| vec![p]).collect();
    let singles = chains.len();
    for first in &pairs {
        for second in &pairs {
            chains.push(vec![first, second]);
        }
    }
    debug_assert!(chains.iter().all(|c| c.len() <= MAX_STEPS));
    // (steps, not exact, total made up, total taken) for the best so far.
    let mut best: Option<((usize, bool, Ml, Ml), Dilution)> = None;
    for (i, chain) in chains.iter().enumerate() {
        // One step wins whenever one works: stop before the pairs.
        if i == singles && best.is_some() {
            break;
        }
        let mut concentration = stock;
        let mut last_day = stock_last_day;
        let mut steps = Vec::with_capacity(chain.len());
        let mut possible = true;
        for (take_ml, take_with, make_up_to_ml) in chain.iter().copied() {
            let Some(next) = concentration.diluted(*take_ml, *make_up_to_ml) else {
                possible = false;
                break;
            };
            concentration = next;
            last_day = last_day.min(own_last_day);
            steps.push(DilutionStep {
                take_ml: *take_ml,
                take_with: *take_with,
                make_up_to_ml: *make_up_to_ml,
                concentration,
                last_day,
            });
        }
        if !possible {
            continue;
        }
        // Only the draw is judged here (how it measures): once a day.
        let check = measure(concentration, dose_mg, syringe, 1);
        // Measures well: on a mark or within 5 %, within capacity, at
        // least 20 % full and more than 0.1 mL (`below-accuracy`).
        if !check.measures_well() {
            continue;
        }
        let made: Ml = steps.iter().map(|s| s.make_up_to_ml).sum();
        let taken: Ml = steps.iter().map(|s| s.take_ml).sum();
        let key = (steps.len(), !check.deviation_percent.is_zero(), made, taken);
        if best.as_ref().is_none_or(|(b, _)| key < *b) {
            best = Some((key, Dilution { steps, check }));
        }
    }
    best.map(|(_, mut d)| {
        // The full check (with the best preset) for the chosen one only.
        if let Some(c) = d.concentration() {
            d.check = check_dose(c, dose_mg, syringe, 1);
        }
        d
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::MgPerMl;
    use crate::recipe::Recipe;
    use crate::testing::{date, dec};

    fn ml(s: &str) -> Ml {
        Ml::new(dec(s))
    }

    fn mg(s: &str) -> Mg {
        Mg::new(dec(s))
    }

    fn one_mg_per_ml() -> Concentration {
        Recipe::new(mg("50"), 1, ml("50")).unwrap().concentration()
    }

    fn steps(d: &Dilution) -> Vec<(Ml, SyringePreset, Ml)> {
        d.steps
            .iter()
            .map(|s| (s.take_ml, s.take_with, s.make_up_to_ml))
            .collect()
    }

    #[test]
    fn fifty_micrograms_from_one_mg_per_ml() {
        // 0.05 mg at 1 mg/mL is 0.05 mL: too little for a syringe.
        let stock = one_mg_per_ml();
        let syringe = SyringePreset::Ml1.syringe();
        assert!(needs_dilution(&check_dose(stock, mg("0.05"), syringe, 1)));
        // Take 1 mL (on the 1 mL syringe), make up to 10 mL: 0.1 mg/mL;
        // 0.05 mg = 0.5 mL, on a mark. One step is enough.
        let d = propose_dilution(
            stock,
            date("2026-03-30"),
            mg("0.05"),
            syringe,
            date("2026-03-20"),
            BeyondUse::LdnGuidance,
        )
        .unwrap();
        assert_eq!(steps(&d), [(ml("1"), SyringePreset::Ml1, ml("10"))]);
        assert_eq!(
            d.concentration().unwrap().mg_per_ml(),
            MgPerMl::new(dec("0.1"))
        );
        assert_eq!(d.check.draw_ml, ml("0.5"));
        assert_eq!(d.check.delivered_mg, mg("0.05"));
        // Diluted on 20 March its own 30 days would run to 18 April, but the
        // stock it came from ends on 30 March.
        assert_eq!(d.last_day(), Some(date("2026-03-30")));
    }

    #[test]
    fn every_step_dilutes() {
        let pairs = pairs();
        assert!(pairs.iter().all(|(take, _, to)| take < to), "{pairs:?}");
        // 10 mL is taken (into 20 mL and more) and made up to (from less).
        assert!(pairs.contains(&(ml("10"), SyringePreset::Ml10, ml("20"))));
        assert!(pairs.contains(&(ml("5"), SyringePreset::Ml5, ml("10"))));
    }

    #[test]
    fn the_best_single_step_not_the_first_that_works() {
        // 5 micrograms on the 0.5 mL syringe: 1 mL made up to 25 mL works
        // first (0.04 mg/mL: 0.125 mL, rounded to 0.12), but 1 mL made up
        // to 50 mL (0.02 mg/mL) puts 0.25 mL exactly on a mark.
        let stock = one_mg_per_ml();
        let d = propose_dilution(
            stock,
            date("2026-03-30"),
            mg("0.005"),
            SyringePreset::Ml0_5.syringe(),
            date("2026-03-01"),
            BeyondUse::LdnGuidance,
        )
        .unwrap();
        assert_eq!(steps(&d), [(ml("1"), SyringePreset::Ml1, ml("50"))]);
        assert_eq!(d.check.draw_ml, ml("0.25"));
        assert!(d.check.deviation_percent.is_zero());
    }

    #[test]
    fn no_dilution_for_a_measurable_dose() {
        let stock = one_mg_per_ml();
        assert!(!needs_dilution(&check_dose(
            stock,
            mg("1.5"),
            SyringePreset::Ml3.syringe(),
            1
        )));
        // 0.75 mg rounds on the 3 mL syringe's 0.1 mL marks, but the 1 mL
        // syringe measures it: the answer is that syringe, not a dilution.
        let check = check_dose(stock, mg("0.75"), SyringePreset::Ml3.syringe(), 1);
        assert!(check.warnings.contains(&Warning::RoundingDeviation));
        assert!(check.best_preset.is_some());
        assert!(!needs_dilution(&check));
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
        assert_eq!(d.steps.len(), 1);
        let step = &d.steps[0];
        assert_eq!((step.take_ml, step.make_up_to_ml), (ml("1"), ml("20")));
        assert_eq!(
            d.concentration().map(|c| c.mg_per_ml()),
            Some(MgPerMl::new(dec("0.05")))
        );
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
        let d = propose_dilution(
            one_mg_per_ml(),
            date("2026-03-30"),
            mg("0.01"),
            SyringePreset::Ml5.syringe(),
            date("2026-03-01"),
            BeyondUse::Usp795,
        )
        .unwrap();
        assert_eq!(steps(&d), [(ml("1"), SyringePreset::Ml1, ml("100"))]);
        assert_eq!(d.check.draw_ml, ml("1"));
        assert_eq!(d.last_day(), Some(date("2026-03-14")));
    }

    #[test]
    fn one_microgram_takes_two_steps() {
        // 0.001 mg on a 1 mL syringe: the draw must be at least 0.2 mL (20 %)
        // and more than 0.1 mL, so at most 0.001 / 0.2 = 0.005 mg/mL. One
        // step reaches at most 1 in 100 (0.01 mg/mL: 0.1 mL, too little).
        // Two steps: 1 mL to 10 mL (0.1 mg/mL), then 1 mL of that to 20 mL
        // (0.005 mg/mL); 0.001 mg = 0.001 x 20 / 0.1 = 0.2 mL, on a mark.
        let d = propose_dilution(
            one_mg_per_ml(),
            date("2026-03-30"),
            mg("0.001"),
            SyringePreset::Ml1.syringe(),
            date("2026-03-01"),
            BeyondUse::LdnGuidance,
        )
        .unwrap();
        assert_eq!(
            steps(&d),
            [
                (ml("1"), SyringePreset::Ml1, ml("10")),
                (ml("1"), SyringePreset::Ml1, ml("20")),
            ]
        );
        let concs: Vec<_> = d
            .steps
            .iter()
            .map(|s| s.concentration.mg_per_ml().value().normalize())
            .collect();
        assert_eq!(concs, [dec("0.1"), dec("0.005")]);
        assert_eq!(d.check.draw_ml, ml("0.2"));
        assert_eq!(d.check.delivered_mg, mg("0.001"));
        assert!(d.check.warnings.is_empty());
        // Both made on 1 March: 30 days each, up to 30 March, the stock's day.
        assert!(d.steps.iter().all(|s| s.last_day == date("2026-03-30")));
    }

    #[test]
    fn each_bottle_ends_no_later_than_the_one_before() {
        // The stock ends on 10 March; diluted on 5 March with 14 days (18 March).
        let d = propose_dilution(
            one_mg_per_ml(),
            date("2026-03-10"),
            mg("0.001"),
            SyringePreset::Ml10.syringe(),
            date("2026-03-05"),
            BeyondUse::Usp795,
        )
        .unwrap();
        assert_eq!(d.steps.len(), 2);
        assert!(d.steps.iter().all(|s| s.last_day == date("2026-03-10")));
        // And with a stock that outlasts it, the dilution's own 14 days.
        let d = propose_dilution(
            one_mg_per_ml(),
            date("2026-04-30"),
            mg("0.001"),
            SyringePreset::Ml10.syringe(),
            date("2026-03-05"),
            BeyondUse::Usp795,
        )
        .unwrap();
        assert!(d.steps.iter().all(|s| s.last_day == date("2026-03-18")));
        // 10 mL syringe: the draw is at least 2 mL on 0.2 mL marks.
        assert!(d.check.draw_ml >= ml("2"));
    }

    #[test]
    fn takes_are_measurable() {
        assert_eq!(take_syringe(ml("1")), Some(SyringePreset::Ml1));
        assert_eq!(take_syringe(ml("2")), Some(SyringePreset::Ml3));
        assert_eq!(take_syringe(ml("5")), Some(SyringePreset::Ml5));
        assert_eq!(take_syringe(ml("10")), Some(SyringePreset::Ml10));
        // 0.1 mL is not more than 0.1 mL; 0.11 mL fills 22 % of 0.5 mL.
        assert_eq!(take_syringe(ml("0.1")), None);
        assert_eq!(take_syringe(ml("0.11")), Some(SyringePreset::Ml0_5));
        assert_eq!(take_syringe(ml("11")), None);
        assert!(!measurable_on(SyringePreset::Ml10.syringe(), ml("1.9")));
    }

    /// Every solution the app's dilutions make for doses from 1
    /// microgram, from stocks in the range LDN liquids are made in, is in
    /// that range too: a label the app wrote can be typed back.
    #[test]
    fn every_dilution_made_is_an_ldn_liquid() {
        use crate::recipe::LDN_LIQUID_MG_PER_ML;
        let (low, _) = LDN_LIQUID_MG_PER_ML;
        let day = Date::parse_iso("2026-03-01").unwrap();
        for stock in ["0.5", "1", "5"] {
            let stock = Concentration::new(Mg::new(dec(stock)), Ml::new(dec("1"))).unwrap();
            for micrograms in [1, 2, 5, 10, 25, 50, 100, 200] {
                let dose = Mg::new(Decimal::new(micrograms, 3));
                for p in SyringePreset::ALL {
                    let made = propose_dilution(
                        stock,
                        day.add_days(29),
                        dose,
                        p.syringe(),
                        day,
                        BeyondUse::LdnGuidance,
                    );
                    for step in made.iter().flat_map(|d| d.steps.iter()) {
                        assert!(
                            step.concentration.mg_per_ml().value() >= low,
                            "{dose:?} on {p:?}"
                        );
                    }
                }
            }
        }
    }
}
