//! The bottle label: what the print stylesheet prints, alone, on one page.

use super::{text_field, Entry, FieldSpec, ScreenProps};
use crate::engine::format::Unit;
use crate::i18n::Msg;
use crate::model::state::TextField;
use crate::ui::browser;
use crate::ui::present::qty;
use yew::prelude::*;

#[component]
pub fn BottleLabel(props: &ScreenProps) -> Html {
    let s = &*props.state;
    let lang = s.lang;
    let Some((r, stale)) = s.recipe.shown() else {
        return html! {};
    };
    let recipe = &r.order.recipe;
    let conc = recipe.concentration().mg_per_ml();
    let dose_line = s
        .dose
        .current
        .as_ref()
        .ok()
        .filter(|d| d.supply.is_some())
        .map(|d| {
            lang.f(
                Msg::LabelDose,
                &[
                    &qty(lang, d.check.draw_ml, Unit::Ml),
                    &qty(lang, d.check.delivered_mg, Unit::Mg),
                ],
            )
        });
    let patient = s.inputs.patient.trim().to_string();
    html! {
        <section class="label-section" aria-labelledby="label-heading">
            <h3 id="label-heading">{ lang.t(Msg::LabelHeading) }</h3>
            { text_field(s, &props.dispatch, FieldSpec { id: "patient", entry: Entry::Text, checks: None, sends: TextField::Patient },
                    lang.t(Msg::PatientName).into(), &s.inputs.patient) }
            <div class="print-label" data-testid="label">
                if !patient.is_empty() {
                    <p class="label-patient">{ patient }</p>
                }
                <p class="label-product">{ lang.f(Msg::LabelProduct, &[&qty(lang, conc, Unit::MgPerMl)]) }</p>
                <p>{ lang.f(Msg::LabelContents, &[&recipe.tablets().to_string(), &qty(lang, recipe.tablet_mg(), Unit::Mg), &qty(lang, recipe.final_ml(), Unit::Ml)]) }</p>
                if let Some(line) = dose_line {
                    <p class="label-dose">{ line }</p>
                }
                <p>{ lang.f(Msg::LabelPrepared, &[&lang.date(r.order.prepared)]) }</p>
                <p class="label-use-until">{ lang.f(Msg::LabelUseUntil, &[&lang.date(r.expiry.last_day)]) }</p>
                <p class="label-storage">{ lang.t(Msg::LabelStorage) }</p>
            </div>
            <button type="button" disabled={stale} onclick={Callback::from(|_| browser::print())}>{ lang.t(Msg::PrintLabel) }</button>
        </section>
    }
}
