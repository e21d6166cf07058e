//! Property tests for the dose engine (native only).
#![cfg(not(target_arch = "wasm32"))]

use ldn_engine::batch::{supply, BeyondUse};
use ldn_engine::date::Date;
use ldn_engine::dilution::{propose_dilution, MAX_STEPS};
use ldn_engine::dose::{check_dose, measure};
use ldn_engine::format::{number, DecimalSeparator};
use ldn_engine::number::{parse_decimal, NumberError};
use ldn_engine::quantity::{Mg, Ml};
use ldn_engine::recipe::{Recipe, TabletPreset};
use ldn_engine::schedule::{
    build_plan, Cycle, DayKind, PlanError, PlanRequest, Split, StepBack, Titration, MIN_STEP_MG,
};
use ldn_engine::syringe::{Syringe, SyringePreset};
use ldn_engine::warning::Warning;
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
                    chemo: vec![],
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

    /// Weekly 0.5 mg steps reach 4.5 mg on day 57; held 7 days, the cycle
    /// starts on day 64 (index 63). Any chemotherapy dates: the 3 days
    /// before each date after the cycle's first day are off, the date
    /// itself is not (unless another date follows within 3 days), and no
    /// run of dose days is ever longer than 3.
    #[test]
    fn off_days_fall_right_before_chemotherapy(offsets in prop::collection::vec(0i32..220, 0..6)) {
        let start = Date::from_ymd(2026, 1, 1).unwrap();
        let request = PlanRequest {
            start,
            days: 200,
            titration: ldn_engine::schedule::TitrationPreset::Weekly.titration(),
            split: Split::OnceDaily,
            cycle: Some(Cycle::CANCER_PROTOCOL),
            step_backs: vec![],
            allow_above_ldn: false,
            chemo: offsets.iter().map(|o| start.add_days(*o)).collect(),
        };
        let plan = build_plan(&request).unwrap();
        let first = 63usize;
        prop_assert_eq!(plan.iter().position(|d| d.kind == DayKind::Off).map(|i| i >= first), Some(true));
        for o in offsets.iter().map(|o| *o as usize).filter(|o| *o > first) {
            let window = (o - 3).max(first)..o.min(plan.len());
            for (i, day) in plan.iter().enumerate().take(window.end).skip(window.start) {
                prop_assert_eq!(day.kind, DayKind::Off, "day {} before chemotherapy on day {}", i, o);
            }
            // Unless it is itself among the days before the next date.
            let before_another = offsets.iter().any(|n| (*n as usize) > o && (*n as usize) - o <= 3);
            if o < plan.len() && !before_another {
                prop_assert!(plan[o].kind != DayKind::Off, "chemotherapy day {} is off", o);
            }
        }
        let mut run = 0;
        for day in &plan[first..] {
            run = if day.kind == DayKind::Off { 0 } else { run + 1 };
            prop_assert!(run <= 3, "{:?}", day);
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

    /// At the last digit a decimal holds (28 places), where dividing by the
    /// mark's size rounds: a volume a hair below or above a mark still goes
    /// to the nearest mark, and a tie still to the smaller one.
    #[test]
    fn rounding_holds_at_full_precision(
        k in 0i64..20,
        grad in prop::sample::select(vec!["0.3", "0.7", "0.03", "0.007", "0.1", "0.25", "0.001"]),
        hair in prop::sample::select(vec![-30i64, -3, -1, 0, 1, 3, 30]),
        half in any::<bool>(),
    ) {
        let g: Decimal = grad.parse().unwrap();
        let s = Syringe::custom(Ml::new(Decimal::from(7)), Ml::new(g)).unwrap();
        let mark = Decimal::from(k) * g + if half { g / Decimal::TWO } else { Decimal::ZERO };
        let exact = mark + Decimal::new(hair, 28);
        prop_assume!(exact >= Decimal::ZERO);
        let rounded = s.round_to_mark(Ml::new(exact)).value();
        prop_assert!(s.is_on_mark(Ml::new(rounded)), "{exact} -> {rounded}");
        prop_assert!((rounded - exact).abs() * Decimal::TWO <= g, "{exact} -> {rounded}");
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
            chemo: vec![],
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

/// The stock solutions of the recipes in domain.md: one 50 mg tablet in
/// 50 mL (1 mg/mL), one Norwegian 3 mg tablet in 3 mL (1 mg/mL), three 50 mg
/// tablets in 140 mL (1.0714... mg/mL, the q.s. trap), and three 3 mg
/// tablets in 10 mL (0.9 mg/mL: 4.5 mg is 5 mL, within a 10 mL syringe).
const STOCKS: [(&str, u32, &str); 4] = [
    ("50", 1, "50"),
    ("3", 1, "3"),
    ("50", 3, "140"),
    ("3", 3, "10"),
];

fn stock_recipe((tablet, n, volume): (&str, u32, &str)) -> Recipe {
    Recipe::new(
        Mg::new(tablet.parse().unwrap()),
        n,
        Ml::new(volume.parse().unwrap()),
    )
    .unwrap()
}

fn stock() -> impl Strategy<Value = Recipe> {
    prop::sample::select(STOCKS.to_vec()).prop_map(stock_recipe)
}

/// `ml` measured on `s`: on a mark, within it, more than 0.1 mL (not
/// below-accuracy, even once 0.1 mL itself counts as below it), and at
/// least 20 % of the syringe (checked here without the engine's helpers).
fn well_measured(s: Syringe, ml: Ml) -> bool {
    let (ml, cap) = (ml.value(), s.capacity_ml().value());
    s.is_on_mark(Ml::new(ml))
        && ml <= cap
        && ml > Decimal::new(1, 1)
        && ml * Decimal::from(5) >= cap
}

fn ensure(ok: bool, why: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(why())
    }
}

/// The claim of the property below for one dose, stock and syringe.
fn direct_or_diluted(r: &Recipe, dose: Mg, p: SyringePreset) -> Result<(), String> {
    let stock = r.concentration();
    let syringe = p.syringe();
    let check = check_dose(stock, dose, syringe, 1);
    let direct = check.best_preset.is_some_and(|best| {
        measure(stock, dose, best.syringe(), 1).draw_ml > Ml::new(Decimal::new(1, 1))
    });
    if direct {
        return Ok(());
    }
    let stock_last = Date::from_ymd(2026, 3, 30).unwrap();
    let diluted_on = Date::from_ymd(2026, 3, 10).unwrap();
    let d = propose_dilution(
        stock,
        stock_last,
        dose,
        syringe,
        diluted_on,
        BeyondUse::Usp795,
    );
    let Some(d) = d else {
        return Err(format!(
            "no dilution for {} mg on {p:?} from {r:?}",
            dose.value()
        ));
    };
    ensure((1..=MAX_STEPS).contains(&d.steps.len()), || {
        format!("{} steps", d.steps.len())
    })?;
    let (mut top, mut bottom) = (r.total_mg().value(), r.final_ml().value());
    let mut last_day = stock_last;
    for step in &d.steps {
        ensure(
            well_measured(step.take_with.syringe(), step.take_ml),
            || format!("{step:?}"),
        )?;
        ensure(step.take_ml < step.make_up_to_ml, || format!("{step:?}"))?;
        // Never past the bottle it came from, nor its own 14 days.
        ensure(step.last_day <= last_day, || format!("{step:?}"))?;
        ensure(
            step.last_day <= BeyondUse::Usp795.last_day(diluted_on),
            || format!("{step:?}"),
        )?;
        last_day = step.last_day;
        top *= step.take_ml.value();
        bottom *= step.make_up_to_ml.value();
    }
    let draw = d.check.draw_ml;
    ensure(well_measured(syringe, draw), || {
        format!("draw {} on {:?}", draw.value(), p)
    })?;
    let x = dose.value();
    let off = (draw.value() * top - x * bottom).abs() * Decimal::ONE_HUNDRED;
    ensure(off <= Decimal::from(5) * x * bottom, || {
        format!("{} mg: draw {} mL, {:?}", x, draw.value(), d.steps)
    })?;
    ensure(d.check.measures_well(), || format!("{:?}", d.check))?;
    Ok(())
}

/// Every dose from 0.001 mg to 4.5 mg in micrograms, from every stock, on
/// every preset syringe (90,000 cases): the property below, exhaustively.
#[test]
fn every_microgram_dose_is_drawable_directly_or_after_at_most_two_dilutions() {
    let mut diluted = 0;
    for r in STOCKS.iter().map(|s| stock_recipe(*s)) {
        for p in SyringePreset::ALL {
            for micrograms in 1..=4_500 {
                let dose = Mg::new(Decimal::new(micrograms, 3));
                if let Err(why) = direct_or_diluted(&r, dose, p) {
                    panic!("{micrograms} mcg on {p:?} from {r:?}: {why}");
                }
                if check_dose(r.concentration(), dose, p.syringe(), 1)
                    .best_preset
                    .is_none()
                {
                    diluted += 1;
                }
            }
        }
    }
    // Not vacuous: thousands of these cases need a dilution.
    assert!(diluted > 1_000, "{diluted}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_500))]
    /// Any dose from 1 microgram to 4.5 mg, from any of the stocks, on any
    /// preset syringe: either a preset syringe draws it directly (well, and
    /// more than 0.1 mL), or a dilution of one or two steps exists whose
    /// every measured volume is on a mark, more than 0.1 mL and at least
    /// 20 % of its syringe, and which delivers within 5 % of the dose.
    ///
    /// The arithmetic, exact (products only, no division): the stock holds
    /// S mg in V mL; step i takes t_i mL and makes it up to m_i mL, so the
    /// last solution is S x t_1 x t_2 / (V x m_1 x m_2) mg/mL and a draw of
    /// d mL delivers D = d x S x t_1 x t_2 / (V x m_1 x m_2). Within 5 % of
    /// the dose x means |D - x| <= 5 % of x, i.e.
    /// 100 x |d x S x t_1 x t_2 - x x V x m_1 x m_2| <= 5 x x x V x m_1 x m_2.
    #[test]
    fn every_ldn_dose_is_drawable_directly_or_after_at_most_two_dilutions(
        r in stock(),
        // Half the cases below 0.15 mg, where dilutions are needed.
        dose in prop_oneof![decimal(4_500, 3), decimal(150, 3)],
        p in preset(),
    ) {
        prop_assert_eq!(direct_or_diluted(&r, Mg::new(dose), p), Ok(()));
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
