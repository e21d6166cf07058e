//! The recipe advisor: for the doses a patient will take, propose up to three
//! recipes (tablet count and final volume) that measure well and waste
//! little. Deterministic: the same request always gives the same answer.

use super::batch::BeyondUse;
use super::dose::measure;
use super::quantity::{Mg, MgPerMl, Ml};
use super::recipe::{measurable_volume, Recipe, MAX_TABLETS};
use super::syringe::Syringe;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Concentrations a person finds easy to work with, in mg/mL.
const ROUND_CONCENTRATIONS: [(i64, u32); 6] = [(1, 0), (5, 1), (2, 0), (25, 2), (2, 1), (1, 1)];
/// Final volumes that are easy to make up, in mL.
const EASY_VOLUMES: [i64; 14] = [5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 120, 150, 200];

/// What the advisor is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdvisorRequest {
    /// Every distinct dose to be drawn (one for a fixed dose, several for a
    /// titration), in mg, each > 0.
    pub doses_mg: Vec<Mg>,
    /// Amount used per day, for the waste estimate, in mg.
    pub daily_mg: Mg,
    pub tablet_mg: Mg,
    pub syringe: Syringe,
    pub policy: BeyondUse,
}

/// One proposed recipe and the facts it was ranked on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub recipe: Recipe,
    /// Every dose lies exactly on a syringe mark (no rounding).
    pub all_on_marks: bool,
    /// Every dose measures well: draw > 0.1 mL, fill >= 20 %, within 5 %,
    /// within the syringe's capacity.
    pub all_measurable: bool,
    /// Days the batch lasts at `daily_mg` a day, at most its use-by period:
    /// a batch that runs out after two days wastes nothing but is no help.
    pub days_covered: u32,
    /// Thrown away at the last day of use at `daily_mg` a day.
    pub waste_mg: Mg,
    /// 1, 0.5, 2, 0.25, 0.2 or 0.1 mg/mL.
    pub round_concentration: bool,
}

impl Advice {
    /// A one-line reason in English (the UI builds its own, translated, from
    /// the same fields).
    pub fn reason(&self) -> String {
        let marks = if self.all_on_marks {
            "every dose on a mark"
        } else if self.all_measurable {
            "every dose measurable within 5 %"
        } else {
            "some doses hard to measure"
        };
        let round = if self.round_concentration {
            ", round concentration"
        } else {
            ""
        };
        format!(
            "{marks}, lasts {} days, {} mg wasted at use-by{round}",
            self.days_covered,
            self.waste_mg.value().round_dp(2).normalize()
        )
    }

    fn rank_key(&self) -> (bool, bool, std::cmp::Reverse<u32>, Mg, bool, u32, Ml) {
        (
            !self.all_on_marks,
            !self.all_measurable,
            std::cmp::Reverse(self.days_covered),
            self.waste_mg,
            !self.round_concentration,
            self.recipe.tablets(),
            self.recipe.final_ml(),
        )
    }
}

fn is_round(mg_per_ml: MgPerMl) -> bool {
    ROUND_CONCENTRATIONS
        .iter()
        .any(|(m, s)| MgPerMl::new(Decimal::new(*m, *s)) == mg_per_ml)
}

fn evaluate(request: &AdvisorRequest, recipe: Recipe) -> Advice {
    let concentration = recipe.concentration();
    let checks: Vec<_> = request
        .doses_mg
        .iter()
        // Only the draws count here (`measures_well`), not the daily total.
        .map(|dose| measure(concentration, *dose, request.syringe, 1))
        .collect();
    let use_by_days = request.policy.days();
    let used_mg = (request.daily_mg * use_by_days).min(recipe.total_mg());
    let days_covered = if request.daily_mg > Mg::ZERO {
        // mg / mg: a plain count of days.
        (recipe.total_mg().value() / request.daily_mg.value())
            .floor()
            .to_u32()
            .unwrap_or(u32::MAX)
            .min(use_by_days)
    } else {
        use_by_days
    };
    Advice {
        recipe,
        all_on_marks: checks
            .iter()
            .all(|c| c.deviation_percent.is_zero() && c.measures_well()),
        all_measurable: checks.iter().all(|c| c.measures_well()),
        days_covered,
        waste_mg: recipe.total_mg() - used_mg,
        round_concentration: is_round(concentration.mg_per_ml().normalize()),
    }
}

/// Enough tablets for the whole use-by period, and one more to compare.
fn most_tablets(request: &AdvisorRequest) -> u32 {
    // mg / mg: a plain count of tablets.
    let needed = (request.daily_mg * request.policy.days()).value() / request.tablet_mg.value();
    needed
        .ceil()
        .to_u32()
        .unwrap_or(MAX_TABLETS)
        .saturating_add(1)
        .clamp(1, MAX_TABLETS)
}

/// The final volumes worth trying for `total` mg: one per round
/// concentration, then the easy volumes; each one a measuring cylinder can
/// show (a volume between its marks is not offered).
fn candidate_volumes(total: Mg) -> Vec<Ml> {
    // mg / (mg/mL) = mL, for each round concentration.
    let from_round = ROUND_CONCENTRATIONS
        .iter()
        .map(|(m, s)| Ml::new(total.value() / Decimal::new(*m, *s)));
    from_round
        .chain(EASY_VOLUMES.iter().map(|v| Ml::new(Decimal::from(*v))))
        .map(Ml::normalize)
        .filter(|volume| measurable_volume(*volume) == *volume)
        .collect()
}

/// Up to three recipes, best first.
pub fn advise(request: &AdvisorRequest) -> Vec<Advice> {
    if request.doses_mg.is_empty() || request.tablet_mg <= Mg::ZERO {
        return Vec::new();
    }
    let mut candidates: Vec<Advice> = Vec::new();
    for tablets in 1..=most_tablets(request) {
        for volume in candidate_volumes(request.tablet_mg * tablets) {
            // Recipe::new refuses a volume outside what can be made up.
            let Ok(recipe) = Recipe::new(request.tablet_mg, tablets, volume) else {
                continue;
            };
            if candidates.iter().any(|c| c.recipe == recipe) {
                continue;
            }
            candidates.push(evaluate(request, recipe));
        }
    }
    // The standard sort: the candidates are many and each key costs decimal
    // arithmetic (insertion sort would compute it n² times).
    candidates.sort_by_key(Advice::rank_key);
    candidates.truncate(3);
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syringe::SyringePreset;
    use crate::testing::dec;

    fn mg(s: &str) -> Mg {
        Mg::new(dec(s))
    }

    fn request(
        doses: &[&str],
        daily: &str,
        tablet: &str,
        syringe: SyringePreset,
    ) -> AdvisorRequest {
        AdvisorRequest {
            doses_mg: doses.iter().map(|d| mg(d)).collect(),
            daily_mg: mg(daily),
            tablet_mg: mg(tablet),
            syringe: syringe.syringe(),
            policy: BeyondUse::LdnGuidance,
        }
    }

    #[test]
    fn classic_titration_on_a_5_ml_syringe() {
        // Doses 1.5 to 4.5 mg in 0.5 mg steps on 0.2 mL marks. At 1 mg/mL
        // 1.5 mL falls between marks. At 1.25 mg/mL (50 mg in 40 mL) every
        // dose is a multiple of 0.4 mL: 1.2, 1.6 ... 3.6 mL, all >= 1 mL (20 %).
        // At 4.5 mg a day, 30 days need 135 mg: 3 tablets in 120 mL last the
        // whole use-by period (15 mg wasted); 1 tablet in 40 mL only 11 days.
        let advice = advise(&request(
            &["1.5", "2", "2.5", "3", "3.5", "4", "4.5"],
            "4.5",
            "50",
            SyringePreset::Ml5,
        ));
        assert!(!advice.is_empty());
        let best = &advice[0];
        assert!(best.all_on_marks, "{best:?}");
        assert_eq!(
            (best.recipe.tablets(), best.recipe.final_ml()),
            (3, Ml::new(dec("120")))
        );
        assert_eq!(best.days_covered, 30);
        assert_eq!(best.waste_mg, mg("15"));
        for dose in ["1.5", "4.5"] {
            let ml = best.recipe.concentration().ml_for(mg(dose));
            assert!(SyringePreset::Ml5.syringe().is_on_mark(ml));
        }
    }

    #[test]
    fn one_mg_per_ml_for_a_fixed_dose_on_a_1_ml_syringe() {
        // 0.5 mg/day on a 1 mL syringe: 1 x 50 mg tablet; for 30 days only
        // 15 mg are used, 35 mg wasted whatever the volume; round 1 mg/mL ranks
        // above odd ones, and the smallest volume wins the tie.
        let advice = advise(&request(&["0.5"], "0.5", "50", SyringePreset::Ml1));
        assert_eq!(advice.len(), 3);
        assert_eq!(advice[0].recipe.tablets(), 1);
        assert_eq!(advice[0].waste_mg, mg("35"));
        assert!(advice[0].all_on_marks && advice[0].round_concentration);
        assert!(advice[0].reason().contains("every dose on a mark"));
    }

    #[test]
    fn norwegian_tablets_waste_less() {
        // 3 mg tablets at 1.5 mg/day for 30 days: 45 mg needed = 15 tablets,
        // no waste.
        let advice = advise(&request(&["1.5"], "1.5", "3", SyringePreset::Ml3));
        assert_eq!(advice[0].waste_mg, mg("0"));
        assert_eq!(advice[0].recipe.tablets(), 15);
    }

    #[test]
    fn a_tenth_of_a_ml_is_not_a_measurable_draw() {
        // 0.1 mg a day on a 0.5 mL syringe (0.01 mL marks), 1 x 50 mg: every
        // volume lasts the 30 days and wastes 50 - 30 x 0.1 = 47 mg. At V mL
        // the draw is 0.1 x V / 50 = V / 500 mL. 50 mL (1 mg/mL) gives 0.1 mL,
        // which is at the limit of accuracy; the smallest round one above it
        // is 100 mL (0.5 mg/mL): 0.2 mL, 40 % of the syringe.
        let syringe = SyringePreset::Ml0_5;
        let advice = advise(&request(&["0.1"], "0.1", "50", syringe));
        let best = &advice[0];
        assert_eq!(best.recipe.final_ml(), Ml::new(dec("100")));
        assert!(best.all_on_marks && best.round_concentration, "{best:?}");
        assert_eq!(best.waste_mg, mg("47"));
        for a in &advice {
            let draw = measure(a.recipe.concentration(), mg("0.1"), syringe.syringe(), 1).draw_ml;
            assert_eq!(a.all_measurable, draw > Ml::new(dec("0.1")), "{a:?}");
        }
    }

    #[test]
    fn deterministic() {
        let r = request(&["0.5", "1", "1.5"], "1", "50", SyringePreset::Ml1);
        assert_eq!(advise(&r), advise(&r));
    }
    #[test]
    fn nothing_to_advise_without_doses_or_tablet_strength() {
        let mut r = request(&["1"], "1", "50", SyringePreset::Ml1);
        r.doses_mg.clear();
        assert!(advise(&r).is_empty());
        let r = request(&["1"], "1", "0", SyringePreset::Ml1);
        assert!(advise(&r).is_empty());
    }

    #[test]
    fn no_daily_use_lasts_the_use_by_period_and_wastes_everything() {
        let advice = advise(&request(&["1"], "0", "50", SyringePreset::Ml1));
        assert!(!advice.is_empty());
        for a in &advice {
            assert_eq!(a.days_covered, 30, "{a:?}");
            assert_eq!(a.waste_mg, a.recipe.total_mg(), "{a:?}");
        }
    }

    #[test]
    fn enough_tablets_for_the_use_by_period_and_one_more() {
        // 30 days: 4.5 mg a day = 135 mg = 2.7 x 50 mg, so 3 and one more.
        let tablets =
            |daily, tablet| most_tablets(&request(&["1"], daily, tablet, SyringePreset::Ml1));
        assert_eq!(tablets("4.5", "50"), 4);
        assert_eq!(tablets("1.5", "3"), 16); // 45 mg: exactly 15 tablets
        assert_eq!(tablets("0", "50"), 1);
        assert_eq!(tablets("1000", "3"), MAX_TABLETS);
    }

    #[test]
    fn volumes_tried_are_the_round_concentrations_then_the_easy_ones() {
        let ml = |s: &str| Ml::new(dec(s));
        // 45 mg: at 1, 0.5, 2, 0.25, 0.2 and 0.1 mg/mL.
        let volumes = candidate_volumes(mg("45"));
        assert_eq!(
            volumes[..6],
            [
                ml("45"),
                ml("90"),
                ml("22.5"),
                ml("180"),
                ml("225"),
                ml("450")
            ]
        );
        assert_eq!(volumes[6..].len(), EASY_VOLUMES.len());
        assert_eq!(volumes[6], ml("5"));
        // 22.5 mg at 2 mg/mL is 11.25 mL, between a cylinder's 0.5 mL
        // marks, and at 0.2 mg/mL 112.5 mL, between 1 mL marks: not tried.
        let volumes = candidate_volumes(mg("22.5"));
        assert_eq!(volumes[..2], [ml("22.5"), ml("45")]);
        assert_eq!(volumes[2..4], [ml("90"), ml("225")]);
        assert_eq!(volumes.len(), 4 + EASY_VOLUMES.len());
    }

    #[test]
    fn ranking_weighs_marks_then_measurability_then_days_then_waste() {
        let r = request(&["1"], "1", "50", SyringePreset::Ml1);
        let base = advise(&r).remove(0);
        let with = |f: &dyn Fn(&mut Advice)| {
            let mut a = base.clone();
            f(&mut a);
            a
        };
        // Each pair: the first ranks above the second, though the second is
        // better on every later criterion.
        let pairs = [
            (
                with(&|a| {
                    a.all_on_marks = true;
                    a.days_covered = 1;
                }),
                with(&|a| a.all_on_marks = false),
            ),
            (
                with(&|a| {
                    a.all_on_marks = false;
                    a.all_measurable = true;
                    a.days_covered = 1;
                }),
                with(&|a| {
                    a.all_on_marks = false;
                    a.all_measurable = false;
                }),
            ),
            (
                with(&|a| {
                    a.days_covered = 30;
                    a.waste_mg = mg("40");
                }),
                with(&|a| {
                    a.days_covered = 29;
                    a.waste_mg = mg("0");
                }),
            ),
            (
                with(&|a| {
                    a.waste_mg = mg("1");
                    a.round_concentration = false;
                }),
                with(&|a| {
                    a.waste_mg = mg("2");
                    a.round_concentration = true;
                }),
            ),
        ];
        for (better, worse) in pairs {
            assert!(
                better.rank_key() < worse.rank_key(),
                "{better:?} vs {worse:?}"
            );
        }
    }
}
