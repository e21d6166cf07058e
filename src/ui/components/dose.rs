//! The Dose screen (patient or pharmacist): concentration, dose, syringe;
//! what to draw, a picture of it, what is really given, and warnings.

use super::syringe_picture::SyringePicture;
use super::warnings::Warnings;
use super::{text_field, Entry, FieldSpec, ScreenProps};
use crate::engine::format::Unit;
use crate::engine::syringe::SyringePreset;
use crate::i18n::Msg;
use crate::model::inputs::{ConcSource, DoseUnit, Field, SyringeChoice};
use crate::model::outcome::DilutionAdvice;
use crate::model::state::{Action, TextField};
use crate::ui::fields::{RadioGroup, Select};
use crate::ui::present::{dose_amount, percent, qty, share, syringe_name};
use yew::prelude::*;

#[component]
pub fn DoseScreen(props: &ScreenProps) -> Html {
    let s = &*props.state;
    let lang = s.lang;
    let i = &s.inputs;
    let d = &props.dispatch;

    let source_options = vec![
        (
            lang.t(Msg::ConcFromRecipe).to_string(),
            i.conc_source == ConcSource::Recipe,
        ),
        (
            lang.t(Msg::ConcFromLabel).to_string(),
            i.conc_source == ConcSource::Label,
        ),
    ];
    let on_source = d.reform(|k: usize| {
        Action::ConcSource(if k == 0 {
            ConcSource::Recipe
        } else {
            ConcSource::Label
        })
    });
    let per_day_options = vec![
        (lang.t(Msg::OncePerDay).to_string(), i.per_day == 1),
        (lang.t(Msg::TwicePerDay).to_string(), i.per_day == 2),
    ];
    let on_per_day = d.reform(|k: usize| Action::PerDay(if k == 0 { 1 } else { 2 }));
    let mut syringe_options: Vec<String> = SyringePreset::ALL
        .iter()
        .map(|p| syringe_name(lang, p.syringe()))
        .collect();
    syringe_options.push(lang.t(Msg::Custom).to_string());
    let syringe_index = match i.syringe {
        SyringeChoice::Preset(p) => SyringePreset::ALL.iter().position(|q| *q == p).unwrap_or(0),
        SyringeChoice::Custom => SyringePreset::ALL.len(),
    };
    let on_syringe = d.reform(|k: usize| {
        Action::Syringe(
            SyringePreset::ALL
                .get(k)
                .map_or(SyringeChoice::Custom, |p| SyringeChoice::Preset(*p)),
        )
    });
    let on_unit =
        d.reform(|k: usize| Action::DoseUnit(if k == 0 { DoseUnit::Mg } else { DoseUnit::Mcg }));

    let recipe_conc = s
        .recipe
        .shown()
        .map(|(r, stale)| (r.order.recipe.concentration().mg_per_ml(), stale));

    let results = s.dose.shown().map(|(out, stale)| {
        let c = &out.check;
        let recipe_outcome = s.recipe.current.as_ref().ok().filter(|_| i.conc_source == ConcSource::Recipe);
        let warnings = out.warnings(recipe_outcome);
        let best = match c.best_preset {
            Some(p) if Some(p) != out.order.syringe.preset() => {
                Some(lang.f(Msg::BestSyringe, &[&syringe_name(lang, p.syringe())]))
            }
            Some(_) => None,
            None => Some(lang.t(Msg::NoGoodSyringe).to_string()),
        };
        let dilution = match &out.dilution {
            DilutionAdvice::NotNeeded => html! {},
            DilutionAdvice::Proposed(dil) => html! {
                <section class="dilution" aria-labelledby="dilution-heading" data-testid="dilution">
                    <h3 id="dilution-heading">{ lang.t(Msg::DilutionHeading) }</h3>
                    <p>{ lang.f(Msg::DilutionSteps, &[
                        &qty(lang, dil.take_ml, Unit::Ml),
                        &qty(lang, dil.make_up_to_ml, Unit::Ml),
                        &qty(lang, dil.concentration.mg_per_ml(), Unit::MgPerMl),
                        &qty(lang, dil.check.draw_ml, Unit::Ml),
                        &lang.date(dil.last_day),
                    ]) }</p>
                </section>
            },
            DilutionAdvice::NoneFits => html! { <p class="dilution">{ lang.t(Msg::NoDilution) }</p> },
        };
        html! {
            <section class={if stale { "results stale" } else { "results" }} aria-labelledby="dose-results" data-stale={stale.to_string()}>
                <h3 id="dose-results">{ lang.t(Msg::ResultsHeading) }</h3>
                if stale {
                    <p class="stale-note" role="status">{ lang.t(Msg::Stale) }</p>
                }
                <p class="draw">
                    <span class="draw-label">{ lang.t(Msg::DrawVolume) }</span>
                    <output data-testid="draw-volume" for="dose">{ qty(lang, c.draw_ml, Unit::Ml) }</output>
                </p>
                <SyringePicture lang={lang} capacity_ml={out.order.syringe.capacity_ml()} graduation_ml={out.order.syringe.graduation_ml()} draw_ml={c.draw_ml} />
                <dl class="figures">
                    <div><dt>{ lang.t(Msg::DeliveredDose) }</dt><dd data-testid="delivered-dose">{ dose_amount(lang, c.delivered_mg, i.dose_unit == DoseUnit::Mcg) }</dd></div>
                    <div><dt>{ lang.t(Msg::Deviation) }</dt><dd data-testid="deviation">{ percent(lang, c.deviation_percent) }</dd></div>
                    <div><dt>{ lang.t(Msg::ExactVolume) }</dt><dd data-testid="exact-volume">{ qty(lang, c.exact_ml, Unit::Ml) }</dd></div>
                    <div><dt>{ lang.t(Msg::SyringeFill) }</dt><dd data-testid="fill">{ share(lang, c.fill_percent) }</dd></div>
                    <div><dt>{ lang.t(Msg::Concentration) }</dt><dd data-testid="concentration">{ qty(lang, out.order.concentration.mg_per_ml(), Unit::MgPerMl) }</dd></div>
                </dl>
                if let Some(text) = best {
                    <p class="note" data-testid="best-syringe">{ text }</p>
                }
                { dilution }
                <Warnings lang={lang} warnings={warnings} stale={stale} />
            </section>
        }
    });

    html! {
        <div class="screen dose">
            <h2>{ lang.t(Msg::DoseHeading) }</h2>
            <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <RadioGroup name="conc-source" legend={lang.t(Msg::ConcSource)} options={source_options} onchange={on_source} />
                if i.conc_source == ConcSource::Label {
                    { text_field(s, d, FieldSpec { id: "label-conc", entry: Entry::Decimal, checks: Some(Field::LabelConc), sends: TextField::LabelConc },
                    lang.t(Msg::LabelConcField).into(), &i.label_conc) }
                } else if let Some((conc, stale)) = recipe_conc {
                    <p class={if stale { "note stale" } else { "note" }}>{ format!("{}: {}", lang.t(Msg::Concentration), qty(lang, conc, Unit::MgPerMl)) }</p>
                }
                if s.dose_needs_recipe {
                    <p class="field-error" data-error="conc">{ lang.t(Msg::NeedsRecipe) }</p>
                }
                <div class="dose-row">
                    { text_field(s, d, FieldSpec { id: "dose", entry: Entry::Decimal, checks: Some(Field::Dose), sends: TextField::Dose },
                    format!("{} ({})", lang.t(Msg::DoseField), if i.dose_unit == DoseUnit::Mg { "mg" } else { "mcg" }).into(), &i.dose) }
                    <Select id="dose-unit" label={lang.t(Msg::DoseUnit)} options={vec!["mg".to_string(), "mcg".to_string()]}
                        selected={usize::from(i.dose_unit == DoseUnit::Mcg)} onchange={on_unit} />
                </div>
                <RadioGroup name="per-day" legend={lang.t(Msg::DosesPerDay)} options={per_day_options} onchange={on_per_day} />
                <Select id="syringe" label={lang.t(Msg::SyringeField)} options={syringe_options} selected={syringe_index} onchange={on_syringe} />
                if i.syringe == SyringeChoice::Custom {
                    { text_field(s, d, FieldSpec { id: "capacity", entry: Entry::Decimal, checks: Some(Field::Syringe), sends: TextField::Capacity },
                    lang.t(Msg::CustomCapacity).into(), &i.capacity) }
                    { text_field(s, d, FieldSpec { id: "grad", entry: Entry::Decimal, checks: Some(Field::Grad), sends: TextField::Grad },
                    lang.t(Msg::CustomGraduation).into(), &i.grad) }
                }
            </form>
            { for results }
        </div>
    }
}
