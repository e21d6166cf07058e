//! The bottle label: what the print stylesheet prints, alone, on one page
//! of the chosen size (`data-size`).

use super::controls::control;
use crate::model::state::Action;
use crate::ui::app::Effect;
use crate::view::label::LabelView;
use yew::prelude::*;

/// The label itself, as printed (also on My batches for a saved batch).
pub fn printed_label(v: &LabelView) -> Html {
    let warning = |w: &crate::view::draw::WarningLine| {
        html! { <p class="label-warning" data-warning={w.code}>{ &w.text }</p> }
    };
    html! {
        <div class="print-label" data-testid="label" data-size={v.size}>
            if !v.pharmacy.is_empty() {
                <p class="label-pharmacy" data-testid="label-pharmacy">{ v.pharmacy.join(" \u{b7} ") }</p>
            }
            if let Some(patient) = &v.patient {
                <p class="label-patient">{ patient }</p>
            }
            <p class="label-product">{ &v.product }</p>
            <p>{ &v.contents }</p>
            if let Some(directions) = &v.directions {
                <p class="label-dose" data-testid="label-directions">{ directions }</p>
            }
            if let Some(d) = &v.dose {
                <p class="label-draw" data-testid="label-draw" data-measured={d.line.is_measured().to_string()}>{ &d.sentence }</p>
                { for d.line.warnings.iter().map(warning) }
            }
            if let Some(text) = v.see_full_label {
                <p class="label-warning" data-testid="label-see-full">{ text }</p>
            }
            <p>
                if let Some(batch) = &v.batch {
                    <span data-testid="label-batch">{ batch }</span>{ " \u{b7} " }
                }
                { &v.prepared }
            </p>
            <p class="label-use-until">{ &v.use_until }</p>
            { for v.warnings.iter().map(warning) }
            <p class="label-storage">{ v.storage }</p>
            <p class="label-oral">{ v.oral_use }</p>
        </div>
    }
}

/// The Prepare screen's label section: the patient field, the label, print.
pub fn label(v: &LabelView, dispatch: &Callback<Action>, effect: &Callback<Effect>) -> Html {
    html! {
        <section class="label-section" aria-labelledby="label-heading">
            <h3 id="label-heading">{ v.heading }</h3>
            if let Some(field) = &v.patient_field {
                { control(field, dispatch) }
            }
            { printed_label(v) }
            <button type="button" disabled={!v.can_print} onclick={effect.reform(|_| Effect::Print)}>{ v.print }</button>
        </section>
    }
}
