//! Native engine benchmarks: `cargo bench --bench engine`.
//! A full plan for one batch, and a 180-day titration with its supply.

use criterion::{criterion_group, criterion_main, Criterion};
use ldn_calc::engine::advisor::{advise, AdvisorRequest};
use ldn_calc::engine::batch::{expiry, supply, BeyondUse};
use ldn_calc::engine::date::Date;
use ldn_calc::engine::dose::check_dose;
use ldn_calc::engine::quantity::{Mg, Ml};
use ldn_calc::engine::recipe::Recipe;
use ldn_calc::engine::schedule::{build_plan, PlanRequest, Split, TitrationPreset};
use ldn_calc::engine::supply_plan::supply_plan;
use ldn_calc::engine::syringe::SyringePreset;
use rust_decimal::Decimal;
use std::hint::black_box;

fn one_batch(c: &mut Criterion) {
    let today = Date::from_ymd(2026, 3, 10).unwrap();
    c.bench_function("one batch: recipe, dose, supply, expiry", |b| {
        b.iter(|| {
            let recipe = Recipe::new(
                Mg::new(Decimal::from(50)),
                black_box(3),
                Ml::new(Decimal::from(140)),
            )
            .unwrap();
            let dose = check_dose(
                recipe.concentration(),
                Mg::new(Decimal::new(45, 1)),
                SyringePreset::Ml5.syringe(),
                1,
            );
            let s = supply(
                recipe.final_ml(),
                recipe.concentration(),
                dose.draw_ml,
                1,
                BeyondUse::LdnGuidance,
            );
            let e = expiry(
                Date::from_ymd(2026, 3, 1).unwrap(),
                BeyondUse::LdnGuidance,
                today,
            );
            black_box((dose, s, e))
        })
    });
}

fn titration_180_days(c: &mut Criterion) {
    let request = PlanRequest {
        start: Date::from_ymd(2026, 3, 1).unwrap(),
        days: 180,
        titration: TitrationPreset::Standard.titration(),
        split: Split::OnceDaily,
        cycle: None,
        step_backs: vec![],
        allow_above_ldn: false,
        chemo: vec![],
    };
    let recipe = Recipe::new(Mg::new(Decimal::from(50)), 1, Ml::new(Decimal::from(50))).unwrap();
    c.bench_function("180-day titration with supply", |b| {
        b.iter(|| {
            let plan = build_plan(black_box(&request)).unwrap();
            black_box(supply_plan(
                &plan,
                &recipe,
                SyringePreset::Ml5.syringe(),
                BeyondUse::LdnGuidance,
                request.start,
            ))
        })
    });
}

fn advisor(c: &mut Criterion) {
    let doses = ["1.5", "2", "2.5", "3", "3.5", "4", "4.5"]
        .iter()
        .map(|d| Mg::new(d.parse().unwrap()))
        .collect();
    let request = AdvisorRequest {
        doses_mg: doses,
        daily_mg: Mg::new(Decimal::new(45, 1)),
        tablet_mg: Mg::new(Decimal::from(50)),
        syringe: SyringePreset::Ml5.syringe(),
        policy: BeyondUse::LdnGuidance,
    };
    c.bench_function("recipe advisor, 7 titration doses", |b| {
        b.iter(|| black_box(advise(black_box(&request))))
    });
}

criterion_group!(benches, one_batch, titration_180_days, advisor);
criterion_main!(benches);
