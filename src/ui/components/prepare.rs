//! The Prepare screen (pharmacist): recipe, dates, results, preparation
//! steps, the recipe advisor and the printable label.

use super::advice::AdviceList;
use super::label::BottleLabel;
use super::warnings::Warnings;
use super::{field_message, text_field, Entry, FieldSpec, ScreenProps};
use crate::engine::format::Unit;
use crate::engine::warning::Warning;
use crate::i18n::Msg;
use crate::model::inputs::{AmountMode, BudChoice, Field, TabletChoice};
use crate::model::state::{Action, TextField};
use crate::ui::fields::RadioGroup;
use crate::ui::present::qty;
use yew::prelude::*;

#[component]
pub fn PrepareScreen(props: &ScreenProps) -> Html {
    let s = &*props.state;
    let lang = s.lang;
    let i = &s.inputs;
    let d = &props.dispatch;

    let tablet_options = vec![
        (
            lang.t(Msg::Tablet50).to_string(),
            i.tablet == TabletChoice::Mg50,
        ),
        (
            lang.t(Msg::Tablet3).to_string(),
            i.tablet == TabletChoice::Mg3,
        ),
        (
            lang.t(Msg::Custom).to_string(),
            i.tablet == TabletChoice::Custom,
        ),
    ];
    let on_tablet = d.reform(|k: usize| {
        Action::Tablet([TabletChoice::Mg50, TabletChoice::Mg3, TabletChoice::Custom][k.min(2)])
    });
    let mode_options = vec![
        (
            lang.t(Msg::ByVolume).to_string(),
            i.mode == AmountMode::Volume,
        ),
        (
            lang.t(Msg::ByConcentration).to_string(),
            i.mode == AmountMode::Concentration,
        ),
    ];
    let on_mode = d.reform(|k: usize| {
        Action::Mode(if k == 0 {
            AmountMode::Volume
        } else {
            AmountMode::Concentration
        })
    });
    let bud_options = vec![
        (lang.t(Msg::Bud30).to_string(), i.bud == BudChoice::Days30),
        (lang.t(Msg::Bud14).to_string(), i.bud == BudChoice::Days14),
        (lang.t(Msg::Custom).to_string(), i.bud == BudChoice::Custom),
    ];
    let on_bud = d.reform(|k: usize| {
        Action::Bud([BudChoice::Days30, BudChoice::Days14, BudChoice::Custom][k.min(2)])
    });

    let results = s.recipe.shown().map(|(r, stale)| {
        let recipe = &r.order.recipe;
        let conc = recipe.concentration().mg_per_ml();
        let last = r.expiry.last_day;
        let dose = s.dose.shown().map(|(d, dose_stale)| (d, dose_stale || stale));
        let supply = dose.and_then(|(d, st)| d.supply.as_ref().map(|sup| (sup, st)));
        let rounded_note = r.order.target_mg_per_ml.filter(|t| *t != conc).map(|target| {
            lang.f(
                Msg::VolumeRounded,
                &[&qty(lang, recipe.final_ml(), Unit::Ml), &qty(lang, conc, Unit::MgPerMl), &qty(lang, target, Unit::MgPerMl)],
            )
        });
        let mut warnings: Vec<Warning> = r.warnings.clone();
        if let Some((sup, _)) = supply {
            warnings.extend(&sup.warnings);
        }
        html! {
            <section class={if stale { "results stale" } else { "results" }} aria-labelledby="prepare-results" data-stale={stale.to_string()}>
                <h3 id="prepare-results">{ lang.t(Msg::ResultsHeading) }</h3>
                if stale {
                    <p class="stale-note" role="status">{ lang.t(Msg::Stale) }</p>
                }
                if let Some(note) = rounded_note {
                    <p class="note">{ note }</p>
                }
                if let Some((dose, _)) = dose.filter(|(d, _)| d.supply.is_some()) {
                    <p class="hint">{ lang.f(Msg::SupplyFor, &[
                        &qty(lang, dose.order.dose_mg, Unit::Mg),
                        lang.t(if dose.order.per_day == 2 { Msg::TwicePerDay } else { Msg::OncePerDay }),
                    ]) }</p>
                }
                <dl class="figures">
                    <div><dt>{ lang.t(Msg::Concentration) }</dt><dd data-testid="concentration">{ qty(lang, conc, Unit::MgPerMl) }</dd></div>
                    <div><dt>{ lang.t(Msg::FinalVolume) }</dt><dd data-testid="final-volume">{ qty(lang, recipe.final_ml(), Unit::Ml) }</dd></div>
                    <div><dt>{ lang.t(Msg::LastDay) }</dt><dd><time data-testid="last-day" datetime={last.to_string()}>{ lang.date(last) }</time></dd></div>
                    if let Some((sup, st)) = supply {
                        <div class={if st { "stale" } else { "" }}><dt>{ lang.t(Msg::DosesPerBatch) }</dt><dd data-testid="doses-per-batch">{ sup.doses_per_batch }</dd></div>
                        <div class={if st { "stale" } else { "" }}><dt>{ lang.t(Msg::DaysOfSupply) }</dt><dd data-testid="days-of-supply">{ sup.days_of_supply }</dd></div>
                        <div class={if st { "stale" } else { "" }}><dt>{ lang.t(Msg::Waste) }</dt><dd data-testid="waste">{ format!("{} ({})", qty(lang, sup.waste_ml, Unit::Ml), qty(lang, sup.waste_mg, Unit::Mg)) }</dd></div>
                    }
                </dl>
                <h3>{ lang.t(Msg::StepsHeading) }</h3>
                <ol class="steps">
                    <li>{ lang.f(Msg::StepDissolve, &[&recipe.tablets().to_string(), &qty(lang, recipe.tablet_mg(), Unit::Mg)]) }</li>
                    <li>{ lang.f(Msg::StepMakeUp, &[&qty(lang, recipe.final_ml(), Unit::Ml)]) }</li>
                    <li>{ lang.t(Msg::StepShake) }</li>
                    <li>{ lang.f(Msg::StepDiscard, &[&lang.date(last)]) }</li>
                </ol>
                <Warnings lang={lang} warnings={warnings} stale={stale} />
            </section>
        }
    });

    let advice = s
        .dose
        .current
        .as_ref()
        .map(|d| d.advice.clone())
        .unwrap_or_default();
    let on_apply = d.reform(Action::ApplyAdvice);

    html! {
        <div class="screen prepare">
            <h2>{ lang.t(Msg::PrepareHeading) }</h2>
            <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <RadioGroup name="tablet" legend={lang.t(Msg::TabletStrength)} options={tablet_options} onchange={on_tablet} />
                if i.tablet == TabletChoice::Custom {
                    { text_field(s, d, FieldSpec { id: "custom-tablet", entry: Entry::Decimal, checks: Some(Field::Tablet), sends: TextField::CustomTablet },
                    lang.t(Msg::CustomStrength).into(), &i.custom_tablet) }
                } else if let Some(err) = field_message(s, Field::Tablet) {
                    <p class="field-error" data-error={err.param}>{ err.text }</p>
                }
                { text_field(s, d, FieldSpec { id: "tablets", entry: Entry::Whole, checks: Some(Field::Tablets), sends: TextField::Tablets },
                    lang.t(Msg::TabletCount).into(), &i.tablets) }
                <RadioGroup name="mode" legend={lang.t(Msg::AmountMode)} options={mode_options} onchange={on_mode} />
                if i.mode == AmountMode::Volume {
                    { text_field(s, d, FieldSpec { id: "volume", entry: Entry::Decimal, checks: Some(Field::Volume), sends: TextField::Volume },
                    lang.t(Msg::FinalVolumeField).into(), &i.volume) }
                } else {
                    { text_field(s, d, FieldSpec { id: "conc", entry: Entry::Decimal, checks: Some(Field::Conc), sends: TextField::Conc },
                    lang.t(Msg::TargetConcField).into(), &i.conc) }
                }
                { text_field(s, d, FieldSpec { id: "prepared", entry: Entry::Date, checks: Some(Field::Prepared), sends: TextField::Prepared },
                    lang.t(Msg::PreparedOn).into(), &i.prepared) }
                <RadioGroup name="bud" legend={lang.t(Msg::UseWithin)} options={bud_options} onchange={on_bud} />
                if i.bud == BudChoice::Custom {
                    { text_field(s, d, FieldSpec { id: "custom-bud", entry: Entry::Whole, checks: Some(Field::Bud), sends: TextField::CustomBud },
                    lang.t(Msg::CustomDays).into(), &i.custom_bud) }
                }
            </form>
            { for results }
            <section class="advisor" aria-labelledby="advisor-heading">
                <h3 id="advisor-heading">{ lang.t(Msg::AdvisorHeading) }</h3>
                <p class="hint">{ lang.t(Msg::AdvisorIntro) }</p>
                <AdviceList lang={lang} advice={advice} on_apply={on_apply} />
            </section>
            <BottleLabel state={props.state.clone()} dispatch={props.dispatch.clone()} />
        </div>
    }
}
