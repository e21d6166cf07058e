//! Bottles across a schedule: for a recipe and a syringe, the draw for every
//! scheduled dose, which bottle it comes from, and when to prepare the next
//! one: when the current one cannot cover the day's doses or has passed its
//! last day, whichever comes first.

use super::batch::BeyondUse;
use super::date::Date;
use super::dose::{measure, DoseCheck};
use super::quantity::{Mg, Ml};
use super::recipe::Recipe;
use super::schedule::PlanDay;
use super::syringe::Syringe;

/// One day of a plan with its bottle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplyDay {
    pub date: Date,
    /// One check per intake (none on off days).
    pub draws: Vec<DoseCheck>,
    /// Which bottle (1, 2, ...).
    pub bottle: u32,
    /// A new bottle is prepared this day.
    pub new_bottle: bool,
    /// Left in the bottle after the day's draws, in mL.
    pub ml_left: Ml,
    /// Days the bottle may still be used, counting this one.
    pub bottle_days_left: u32,
}

/// The whole plan's supply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplyPlan {
    pub days: Vec<SupplyDay>,
    pub bottles: u32,
    pub tablets: u32,
    /// Discarded when a bottle was replaced (expired or too little left), in mL.
    pub waste_ml: Ml,
    pub waste_mg: Mg,
    /// Still in the last bottle when the plan ends, in mL.
    pub left_at_end_ml: Ml,
}

/// Follows the bottles through `plan`, the first one prepared on
/// `prepared`: its use-by counts from that day even when the plan's first
/// dose comes later (a bottle made before the plan starts expires on its
/// own last day, not 30 days after the plan's start). A plan day before
/// `prepared` is not this supply's: bottle 0, nothing drawn from it.
pub fn supply_plan(
    plan: &[PlanDay],
    recipe: &Recipe,
    syringe: Syringe,
    policy: BeyondUse,
    prepared: Date,
) -> SupplyPlan {
    let concentration = recipe.concentration();
    // A plan has few distinct doses; measure each once.
    let mut cache: Vec<DoseCheck> = Vec::new();
    let mut days = Vec::with_capacity(plan.len());
    let mut bottles = 0u32;
    let mut waste_ml = Ml::ZERO;
    let mut ml_left = Ml::ZERO;
    let mut last_day = policy.last_day(prepared);
    for day in plan {
        // The plan's amount is the day's total, split into its intakes: the
        // low-dose limits judge the intake times the intakes a day.
        let per_day = u32::try_from(day.intakes_mg.len()).unwrap_or(u32::MAX);
        let draws: Vec<DoseCheck> = day
            .intakes_mg
            .iter()
            // The schedule speaks bare mg; typed from here on.
            .map(|&mg| Mg::new(mg))
            .map(|mg| {
                match cache
                    .iter()
                    .find(|c| c.dose_mg == mg && c.per_day == per_day)
                {
                    Some(c) => c.clone(),
                    None => {
                        let c = measure(concentration, mg, syringe, per_day);
                        cache.push(c.clone());
                        c
                    }
                }
            })
            .collect();
        if day.date < prepared {
            days.push(SupplyDay {
                date: day.date,
                draws,
                bottle: 0,
                new_bottle: false,
                ml_left: Ml::ZERO,
                bottle_days_left: 0,
            });
            continue;
        }
        // The first bottle, from the first day of the plan it serves.
        let first = bottles == 0;
        if first {
            bottles = 1;
            ml_left = recipe.final_ml();
        }
        let needed: Ml = draws.iter().map(|d| d.draw_ml).sum();
        let expired = day.date > last_day;
        // A full bottle is not replaced for holding too little: another
        // would hold no more.
        let too_little = needed > ml_left && ml_left < recipe.final_ml();
        let replaced = !needed.is_zero() && (expired || too_little);
        if replaced {
            waste_ml += ml_left;
            bottles += 1;
            ml_left = recipe.final_ml();
            last_day = policy.last_day(day.date);
        }
        let new_bottle = replaced || (first && day.date == prepared);
        if !needed.is_zero() {
            ml_left -= needed.min(ml_left);
        }
        let bottle_days_left = (day.date.days_until(last_day) + 1).max(0) as u32;
        days.push(SupplyDay {
            date: day.date,
            draws,
            bottle: bottles,
            new_bottle,
            ml_left,
            bottle_days_left,
        });
    }
    SupplyPlan {
        days,
        bottles,
        tablets: bottles.saturating_mul(recipe.tablets()),
        waste_ml,
        waste_mg: concentration.mg_in(waste_ml),
        left_at_end_ml: ml_left,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{build_plan, PlanRequest, Split, TitrationPreset};
    use crate::syringe::SyringePreset;
    use crate::testing::dec;

    fn ml(s: &str) -> Ml {
        Ml::new(dec(s))
    }

    fn mg(s: &str) -> Mg {
        Mg::new(dec(s))
    }

    fn march_1() -> Date {
        Date::parse_iso("2026-03-01").unwrap()
    }

    fn standard_plan(days: u32) -> Vec<PlanDay> {
        build_plan(&PlanRequest {
            days,
            ..standard_request()
        })
        .unwrap()
    }

    /// The supply of `plan` on the 3 mL syringe, 30 days' use-by, the
    /// first bottle prepared on `prepared`.
    fn supply(plan: &[PlanDay], recipe: &Recipe, prepared: Date) -> SupplyPlan {
        supply_plan(
            plan,
            recipe,
            SyringePreset::Ml3.syringe(),
            BeyondUse::LdnGuidance,
            prepared,
        )
    }

    #[test]
    fn expiry_comes_before_running_out() {
        // 50 mg in 50 mL at 1.5 mL a day (days 1-14) then 2 mL (15-28) then
        // 2.5 mL: used by day 30 = 14 x 1.5 + 14 x 2 + 2 x 2.5 = 54 mL > 50,
        // so it runs out first: after day 14, 29 mL left; day 15-28 use 28 mL,
        // 1 mL left on day 28; day 29 needs 2.5 mL: new bottle on 29 March.
        let recipe = Recipe::new(mg("50"), 1, ml("50")).unwrap();
        let s = supply(&standard_plan(60), &recipe, march_1());
        assert!(s.days[0].new_bottle);
        assert_eq!(s.days[27].ml_left, ml("1"));
        assert!(s.days[28].new_bottle);
        assert_eq!(s.days[28].date, Date::parse_iso("2026-03-29").unwrap());
        assert_eq!(s.days[28].bottle, 2);
        assert_eq!(s.waste_ml, ml("1"));
        assert_eq!(s.days[28].bottle_days_left, 30);
    }

    #[test]
    fn use_by_ends_a_bottle_that_is_not_empty() {
        // 3 x 50 mg in 150 mL: days 1-14 at 1.5 mL, 15-28 at 2 mL, 29-30 at
        // 2.5 mL use 21 + 28 + 5 = 54 mL; on day 31 the bottle has expired
        // with 96 mL left: new bottle, 96 mL wasted.
        let recipe = Recipe::new(mg("50"), 3, ml("150")).unwrap();
        let s = supply(&standard_plan(31), &recipe, march_1());
        assert_eq!(s.days[29].bottle_days_left, 1);
        assert!(s.days[30].new_bottle);
        assert_eq!(s.waste_ml, ml("96"));
        assert_eq!((s.bottles, s.tablets), (2, 6));
    }

    #[test]
    fn draw_volumes_follow_the_schedule() {
        let recipe = Recipe::new(mg("50"), 1, ml("50")).unwrap();
        let s = supply(&standard_plan(15), &recipe, march_1());
        assert_eq!(s.days[0].draws[0].draw_ml, ml("1.5"));
        assert_eq!(s.days[14].draws[0].draw_ml, ml("2"));
    }

    /// A bottle prepared before the plan starts expires on its own last
    /// day (the journey review: prepared 1 March, plan from 14 March, the
    /// plan counted the bottle from 14 March and gave no new bottle until
    /// 12 April, 12 days after its last day); plan days before a bottle
    /// is prepared are not drawn from it.
    #[test]
    fn a_bottle_prepared_before_the_plan_counts_from_its_own_day() {
        let recipe = Recipe::new(mg("50"), 3, ml("150")).unwrap();
        let plan = build_plan(&PlanRequest {
            start: Date::parse_iso("2026-03-14").unwrap(),
            days: 20,
            ..standard_request()
        })
        .unwrap();
        let s = supply(&plan, &recipe, march_1());
        // Its last day is 30 March: 17 days of the plan, then a new one.
        assert!(!s.days[0].new_bottle);
        assert_eq!((s.days[0].bottle, s.days[0].bottle_days_left), (1, 17));
        let second = s.days.iter().position(|d| d.new_bottle).unwrap();
        assert_eq!(s.days[second].date, Date::parse_iso("2026-03-31").unwrap());
        assert_eq!(s.days[second].bottle, 2);
        // 17 days used 14 x 1.5 + 3 x 2 = 27 mL of 150: 123 mL wasted.
        assert_eq!(s.waste_ml, ml("123"));
        // Prepared on the plan's third day: the first two are not its own.
        let late = supply(&plan, &recipe, Date::parse_iso("2026-03-16").unwrap());
        assert_eq!(
            late.days[..3]
                .iter()
                .map(|d| (d.bottle, d.new_bottle, d.ml_left))
                .collect::<Vec<_>>(),
            [
                (0, false, Ml::ZERO),
                (0, false, Ml::ZERO),
                (1, true, ml("148.5"))
            ]
        );
        assert_eq!(late.days[2].bottle_days_left, 30);
        // A bottle whose last day passed before the plan starts is all
        // waste: the plan's first dose needs a new one.
        let expired = supply(&plan, &recipe, Date::parse_iso("2026-01-01").unwrap());
        assert!(expired.days[0].new_bottle);
        assert_eq!((expired.days[0].bottle, expired.waste_ml), (2, ml("150")));
    }

    /// A day that needs more than a whole bottle drains a fresh bottle
    /// rather than throwing a full one away.
    #[test]
    fn a_full_bottle_is_not_replaced_for_holding_too_little() {
        let recipe = Recipe::new(mg("3"), 1, ml("1")).unwrap();
        let s = supply(&standard_plan(3), &recipe, march_1());
        // 1.5 mg a day at 3 mg/mL is 0.5 mL: two days from one bottle.
        assert_eq!(
            s.days.iter().map(|d| d.bottle).collect::<Vec<_>>(),
            [1, 1, 2]
        );
        let tiny = Recipe::new(mg("1"), 1, ml("1")).unwrap();
        let s = supply(&standard_plan(2), &tiny, march_1());
        // 1.5 mL a day from 1 mL bottles: a bottle a day, none thrown away.
        assert_eq!((s.bottles, s.waste_ml), (2, Ml::ZERO));
    }

    fn standard_request() -> PlanRequest {
        PlanRequest {
            start: march_1(),
            days: 60,
            titration: TitrationPreset::Standard.titration(),
            split: Split::OnceDaily,
            cycle: None,
            step_backs: vec![],
            allow_above_ldn: false,
            chemo: vec![],
        }
    }
}
