//! The bottle label: what the print stylesheet prints, alone, on one page.

use super::controls::control;
use crate::model::state::Action;
use crate::ui::app::Effect;
use crate::view::label::LabelView;
use yew::prelude::*;

pub fn label(v: &LabelView, dispatch: &Callback<Action>, effect: &Callback<Effect>) -> Html {
    html! {
        <section class="label-section" aria-labelledby="label-heading">
            <h3 id="label-heading">{ v.heading }</h3>
            { control(&v.patient_field, dispatch) }
            <div class="print-label" data-testid="label">
                if let Some(patient) = &v.patient {
                    <p class="label-patient">{ patient }</p>
                }
                <p class="label-product">{ &v.product }</p>
                <p>{ &v.contents }</p>
                if let Some(d) = &v.dose {
                    <p class="label-dose" data-testid="label-directions">{ &d.directions }</p>
                    <p class="label-draw" data-testid="label-draw" data-measured={d.line.is_measured().to_string()}>{ &d.sentence }</p>
                    { for d.line.warnings.iter().map(|w| html! {
                        <p class="label-warning" data-warning={w.code}>{ &w.text }</p>
                    }) }
                }
                <p>{ &v.prepared }</p>
                <p class="label-use-until">{ &v.use_until }</p>
                { for v.warnings.iter().map(|w| html! {
                    <p class="label-warning" data-warning={w.code}>{ &w.text }</p>
                }) }
                <p class="label-storage">{ v.storage }</p>
            </div>
            <button type="button" disabled={!v.can_print} onclick={effect.reform(|_| Effect::Print)}>{ v.print }</button>
        </section>
    }
}
