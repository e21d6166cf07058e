//! Property tests for the dose engine (native only).
#![cfg(not(target_arch = "wasm32"))]

use ldn_calc::engine::batch::{supply, BeyondUse};
use ldn_calc::engine::date::Date;
use ldn_calc::engine::dose::check_dose;
use ldn_calc::engine::format::{number, DecimalSeparator};
use ldn_calc::engine::number::{parse_decimal, NumberError};
use ldn_calc::engine::quantity::{Mg, Ml};
use ldn_calc::engine::recipe::{Recipe, TabletPreset};
use ldn_calc::engine::schedule::{
    build_plan, Cycle, DayKind, PlanError, PlanRequest, Split, StepBack, Titration, MIN_STEP_MG,
};
use ldn_calc::engine::syringe::{Syringe, SyringePreset};
use ldn_calc::engine::warning::Warning;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn decimal(max_units: i64, scale: u32) -> impl Strategy<Value = Decimal> {
    (1..=max_units).prop_map(move |n| Decimal::new(n, scale))
}

fn preset() -> impl Strategy<Value = SyringePreset> {
    prop::sample::select(SyringePreset::ALL.to_vec())
}

fn recipe() -> impl Strategy<Value = Recipe> {
    (
        prop::sample::select(TabletPreset::ALL.to_vec()),
        1u32..=20,
        decimal(10_000, 1),
    )
        .prop_filter_map("volume in range", |(tablet, count, volume)| {
            Recipe::new(tablet.mg(), count, Ml::new(volume)).ok()
        })
}

/// Any step the custom form lets through: zero, below the 0.001 mg floor,
/// or from the floor up to 5 mg. Steps below the floor are 0.00000001 mg
/// (the step whose day count once overflowed u32) half the time, else
/// spread over the orders of magnitude down to it.
fn any_step() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ZERO),
        prop_oneof![
            Just(Decimal::new(1, 8)),
            (1i64..10, 4u32..=8).prop_map(|(n, scale)| Decimal::new(n, scale)),
        ],
        decimal(5_000, 3),
    ]
}

/// Any custom titration, with or without a cycle and step-backs.
fn any_custom_plan() -> impl Strategy<Value = PlanRequest> {
    (
        decimal(4_500, 3),
        any_step(),
        1u32..=90,
        decimal(4_500, 3),
        1u32..=366,
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec((0i32..400, 2u32..=3), 0..6),
    )
        .prop_map(
            |(start_mg, step_mg, interval_days, target, days, twice, cycle, backs)| {
                let start = Date::from_ymd(2026, 1, 1).unwrap();
                PlanRequest {
                    start,
                    days,
                    titration: Titration {
                        start_mg,
                        step_mg,
                        interval_days,
                        target_mg: target.max(start_mg),
                    },
                    split: if twice {
                        Split::TwiceDaily
                    } else {
                        Split::OnceDaily
                    },
                    cycle: cycle.then_some(Cycle::CANCER_PROTOCOL),
                    step_backs: backs
                        .into_iter()
                        .map(|(offset, days)| StepBack {
                            from: start.add_days(offset),
                            days,
                        })
                        .collect(),
                    allow_above_ldn: false,
                }
            },
        )
}

proptest! {
    #[test]
    fn custom_plans_never_panic_and_off_days_stay_off(request in any_custom_plan()) {
        let step = request.titration.step_mg;
        let plan = match build_plan(&request) {
            Ok(plan) => plan,
            Err(e) => {
                // The only way a plan from the form fails: a step too small.
                prop_assert!(!step.is_zero() && step < MIN_STEP_MG, "{e:?}");
                prop_assert_eq!(e, PlanError::Step(NumberError::BelowMinimum { min: MIN_STEP_MG }));
                return Ok(());
            }
        };
        prop_assert_eq!(plan.len(), request.days as usize);
        for day in &plan {
            prop_assert!(day.daily_mg <= request.titration.target_mg);
            prop_assert_eq!(day.intakes_mg.iter().copied().sum::<Decimal>(), day.daily_mg);
            if day.kind == DayKind::Off {
                prop_assert!(day.intakes_mg.is_empty() && day.daily_mg.is_zero(), "{day:?}");
            }
        }
        match (request.cycle, plan.iter().position(|d| d.kind == DayKind::Off)) {
            (None, first_off) => prop_assert_eq!(first_off, None),
            (Some(c), Some(first_off)) => {
                // The cycle started on_days before its first off day; from
                // then on, step-backs or not, days are off exactly where
                // the calendar rhythm says.
                let period = (c.on_days + c.off_days) as usize;
                let started = first_off - c.on_days as usize;
                for (i, day) in plan.iter().enumerate().skip(started) {
                    let off = (i - started) % period >= c.on_days as usize;
                    prop_assert_eq!(day.kind == DayKind::Off, off, "{} {:?}", i, day);
                }
            }
            (Some(_), None) => {}
        }
    }

    #[test]
    fn delivered_is_rounded_draw_times_concentration(r in recipe(), dose in decimal(50_000, 4), p in preset()) {
        let c = check_dose(r.concentration(), Mg::new(dose), p.syringe(), 1);
        // delivered x volume = draw x total mg, to 28 significant digits
        // (a cross-unit identity, so checked on the bare numbers).
        let lhs = c.delivered_mg.value() * r.final_ml().value();
        let rhs = c.draw_ml.value() * r.total_mg().value();
        prop_assert!((lhs - rhs).abs() <= Decimal::new(1, 18), "{lhs} vs {rhs}");
    }

    #[test]
    fn range_warnings_follow_the_daily_total_and_accuracy_includes_a_tenth(
        r in recipe(), dose in decimal(300_000, 4), p in preset(), per_day in 1u32..=2
    ) {
        let c = check_dose(r.concentration(), Mg::new(dose), p.syringe(), per_day);
        let daily = dose * Decimal::from(per_day);
        let has = |w: Warning| c.warnings.contains(&w);
        prop_assert_eq!(has(Warning::NotLowDose), daily >= Decimal::from(25), "{}", daily);
        prop_assert_eq!(
            has(Warning::AboveLdnRange),
            daily > Decimal::new(45, 1) && daily < Decimal::from(25),
            "{}", daily
        );
        // 0.1 mL itself is below accuracy; a draw of nothing is another warning.
        let draw = c.draw_ml.value();
        prop_assert_eq!(
            has(Warning::BelowAccuracy),
            !draw.is_zero() && draw <= Decimal::new(1, 1),
            "{}", draw
        );
        if has(Warning::BelowAccuracy) {
            prop_assert!(!c.drawable());
        }
    }

    #[test]
    fn rounding_is_within_half_a_mark_and_ties_go_down(exact in decimal(1_000_000, 5), p in preset()) {
        let s = p.syringe();
        let g = s.graduation_ml().value();
        let rounded = s.round_to_mark(Ml::new(exact)).value();
        prop_assert!((rounded - exact).abs() * Decimal::TWO <= g);
        prop_assert!(s.is_on_mark(Ml::new(rounded)));
        if (rounded - exact).abs() * Decimal::TWO == g {
            prop_assert!(rounded < exact, "tie rounded up: {exact} -> {rounded}");
        }
    }

    #[test]
    fn a_tie_is_never_rounded_up(k in 0i64..500, p in preset()) {
        let s = p.syringe();
        let g = s.graduation_ml().value();
        let tie = (Decimal::from(k) + Decimal::new(5, 1)) * g;
        prop_assert_eq!(s.round_to_mark(Ml::new(tie)).value(), Decimal::from(k) * g);
    }

    #[test]
    fn custom_syringes_round_within_half_a_mark(cap in decimal(600, 1), grad in decimal(1000, 3), exact in decimal(100_000, 4)) {
        if let Ok(s) = Syringe::custom(Ml::new(cap), Ml::new(grad)) {
            let rounded = s.round_to_mark(Ml::new(exact)).value();
            prop_assert!((rounded - exact).abs() * Decimal::TWO <= s.graduation_ml().value());
        }
    }

    #[test]
    fn doses_in_a_batch_fit_in_the_batch(r in recipe(), draw in decimal(100_000, 3), per_day in 1u32..=3) {
        let s = supply(r.final_ml(), r.concentration(), Ml::new(draw), per_day, BeyondUse::LdnGuidance);
        prop_assert!(Decimal::from(s.doses_per_batch) * draw <= r.final_ml().value());
        prop_assert!(s.remainder_ml < Ml::new(draw));
        prop_assert!(s.waste_ml >= Ml::ZERO && s.waste_ml <= r.final_ml());
    }

    #[test]
    fn last_day_moves_with_the_preparation_date(offset in 0i32..60_000, later in 1i32..400, days in 1u32..=180) {
        let policy = BeyondUse::from_days(days).unwrap();
        let a = Date::from_ymd(2000, 1, 1).unwrap().add_days(offset);
        let b = a.add_days(later);
        prop_assert!(policy.last_day(b) > policy.last_day(a));
        prop_assert_eq!(a.days_until(policy.last_day(a)), days as i32 - 1);
    }

    #[test]
    fn formatted_numbers_read_back(value in decimal(10_000_000, 3)) {
        for sep in [DecimalSeparator::Point, DecimalSeparator::Comma] {
            let shown = number(value, sep);
            prop_assert_eq!(parse_decimal(&shown), Ok(value.normalize()));
        }
    }

    #[test]
    fn plans_never_pass_their_target(start in decimal(45, 1), step in decimal(20, 1), interval in 1u32..=30, days in 1u32..=366) {
        let target = Decimal::new(45, 1);
        let request = PlanRequest {
            start: Date::from_ymd(2026, 1, 1).unwrap(),
            days,
            titration: Titration { start_mg: start, step_mg: step, interval_days: interval, target_mg: target },
            split: Split::TwiceDaily,
            cycle: None,
            step_backs: vec![],
            allow_above_ldn: false,
        };
        let plan = build_plan(&request).unwrap();
        prop_assert_eq!(plan.len(), days as usize);
        for pair in plan.windows(2) {
            prop_assert!(pair[1].daily_mg >= pair[0].daily_mg);
        }
        for day in &plan {
            prop_assert!(day.daily_mg <= target);
            prop_assert_eq!(day.intakes_mg.iter().copied().sum::<Decimal>(), day.daily_mg);
        }
    }
}

proptest! {
    // The "long run" that stands in for a fuzzer: the parser must never panic
    // and must only ever return a non-negative number.
    #![proptest_config(ProptestConfig::with_cases(20_000))]
    #[test]
    fn parsing_any_text_never_panics(text in "\\PC{0,30}") {
        if let Ok(value) = parse_decimal(&text) {
            prop_assert!(value >= Decimal::ZERO);
        }
    }

    #[test]
    fn parsing_number_like_text_never_panics(text in "[0-9.,eE+\\- '_]{0,30}") {
        if let Ok(value) = parse_decimal(&text) {
            prop_assert!(value >= Decimal::ZERO);
        }
    }
}
