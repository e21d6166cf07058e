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
use crate::model::saved::status;
use crate::model::state::{Action, DoseWaitsFor, TextField};
use crate::ui::fields::{RadioGroup, Select};
use crate::ui::present::{dose_amount, percent, qty, share, syringe_name};
use yew::prelude::*;

#[component]
pub fn DoseScreen(props: &ScreenProps) -> Html {
    let s = &*props.state;
    let lang = s.lang;
    let i = &s.inputs;
    let d = &props.dispatch;

    let batches = &s.doc.batches;
    let chosen_batch = match i.conc_source {
        ConcSource::Batch(id) => Some(id),
        _ => None,
    };
    let mut source_options = vec![
        (
            lang.t(Msg::ConcFromRecipe).to_string(),
            i.conc_source == ConcSource::Recipe,
        ),
        (
            lang.t(Msg::ConcFromLabel).to_string(),
            i.conc_source == ConcSource::Label,
        ),
    ];
    // Choosing "a saved batch" starts from the newest one still in date.
    let first_batch = batches
        .iter()
        .rev()
        .find(|b| !status(b, s.today).expiry.expired)
        .or(batches.last())
        .map(|b| b.id);
    if first_batch.is_some() {
        source_options.push((
            lang.t(Msg::ConcFromBatch).to_string(),
            chosen_batch.is_some(),
        ));
    }
    let on_source = d.reform(move |k: usize| {
        Action::ConcSource(match (k, first_batch) {
            (1, _) => ConcSource::Label,
            (2, Some(id)) => ConcSource::Batch(id),
            _ => ConcSource::Recipe,
        })
    });
    let batch_picker = chosen_batch.map(|chosen| {
        let options: Vec<String> = batches
            .iter()
            .map(|b| {
                let st = status(b, s.today);
                let mut text = format!(
                    "{}: {} \u{b7} {}",
                    b.name,
                    qty(lang, b.recipe.concentration().mg_per_ml(), Unit::MgPerMl),
                    lang.f(Msg::LabelUseUntil, &[&lang.date(st.expiry.last_day)])
                );
                if st.expiry.expired {
                    text.push_str(&format!(" ({})", lang.t(Msg::Expired)));
                }
                text
            })
            .collect();
        let ids: Vec<u64> = batches.iter().map(|b| b.id).collect();
        let selected = ids.iter().position(|id| *id == chosen).unwrap_or(0);
        let on_batch = d.reform(move |k: usize| {
            Action::ConcSource(ConcSource::Batch(ids.get(k).copied().unwrap_or(chosen)))
        });
        html! {
            <Select id="saved-batch" label={lang.t(Msg::SavedBatchField)} options={options} selected={selected} onchange={on_batch} />
        }
    });
    let bottle = s.dose_bottle();
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
        let warnings = out.warnings(bottle.as_ref());
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
                } else if let Some(picker) = batch_picker {
                    { picker }
                    if let Some(b) = &bottle {
                        <p class="note" data-testid="batch-concentration">{ format!("{}: {} · {}", lang.t(Msg::Concentration),
                            qty(lang, b.order.recipe.concentration().mg_per_ml(), Unit::MgPerMl), lang.f(Msg::LabelUseUntil, &[&lang.date(b.expiry.last_day)])) }</p>
                    }
                } else if let Some((conc, stale)) = recipe_conc {
                    <p class={if stale { "note stale" } else { "note" }}>{ format!("{}: {}", lang.t(Msg::Concentration), qty(lang, conc, Unit::MgPerMl)) }</p>
                }
                if let Some(waits) = s.dose_waits_for {
                    <p class="field-error" data-error="conc">{ lang.t(match waits {
                        DoseWaitsFor::Recipe => Msg::NeedsRecipe,
                        DoseWaitsFor::Batch => Msg::NeedsBatch,
                    }) }</p>
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
