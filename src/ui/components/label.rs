//! The bottle label: what the print stylesheet prints, alone, on one page
//! of the chosen size (`data-size`).

use super::controls::control;
use crate::model::state::Action;
use crate::ui::door::Effect;
use crate::view::draw::WarningLine;
use crate::view::label::{LabelDose, LabelView};
use yew::prelude::*;

/// The label itself, as printed (also on My batches for a saved batch).
pub fn printed_label(v: &LabelView) -> Html {
    let warning = |w: &WarningLine| {
        html! { <p class="label-warning" data-warning={w.code}>{ &w.text }</p> }
    };
    html! {
        <div class={if v.printable_height.is_some() { "print-label small-label" } else { "print-label" }} data-testid="label"
            data-size={v.size} data-printable={v.printable_height.map(|h| h.to_string())}
            data-density={v.density} data-density-rule={v.density}>
            if !v.pharmacy.is_empty() {
                <p class="label-pharmacy" data-testid="label-pharmacy">{ v.pharmacy.join(" \u{b7} ") }</p>
            }
            if let Some(patient) = &v.patient {
                <p class="label-patient run-from">{ patient }</p>
            }
            // On a small label the prescription runs on after the patient.
            if !v.prescription.is_empty() {
                <p class={if v.patient.is_some() { "label-prescription run-on" } else { "label-prescription run-from" }}
                    data-testid="label-prescription">{ v.prescription.join(" \u{b7} ") }</p>
            }
            <p class="label-product run-from">{ &v.product }{ " \u{b7} " }<span data-testid="label-quantity">{ &v.quantity }</span></p>
            if let Some(contents) = &v.contents {
                <p class="label-contents run-on">{ contents }</p>
            }
            if let Some(note) = &v.plan_note {
                <p class="label-dose" data-testid="label-plan">{ note }</p>
            }
            { for v.doses.iter().map(|d| dose(d, &warning)) }
            if let Some(text) = v.see_full_label {
                <p class="label-warning" data-testid="label-see-full">{ text }</p>
            }
            <p class="run-from">
                if let Some(batch) = &v.batch {
                    <span data-testid="label-batch">{ batch }</span>{ " \u{b7} " }
                }
                { &v.prepared }
                if let Some(dispensed) = &v.dispensed {
                    { " \u{b7} " }<span data-testid="label-dispensed">{ dispensed }</span>
                }
            </p>
            <p class="label-use-until run-on">{ &v.use_until }</p>
            if let Some(made_by) = &v.made_by {
                <p class="label-made-by run-on" data-testid="label-made-by">{ made_by }</p>
            }
            { for v.warnings.iter().map(warning) }
            <p class="label-storage run-from">{ v.storage }</p>
            <p class="label-oral run-on">{ v.oral_use }</p>
            if let Some(text) = v.compounded {
                <p class="label-compounded run-on" data-testid="label-compounded">{ text }</p>
            }
        </div>
    }
}

/// One line of directions and its draw with its warnings.
pub fn dose(d: &LabelDose, warning: &dyn Fn(&WarningLine) -> Html) -> Html {
    let (from, to) = match &d.days {
        Some((from, to)) => (Some(from.clone()), Some(to.clone())),
        None => (None, None),
    };
    html! {
        <div class="label-step" data-from={from} data-to={to}>
            <p class="label-dose" data-testid="label-directions">{ &d.directions }</p>
            if let Some(draw) = &d.draw {
                <p class="label-draw" data-testid="label-draw" data-measured={draw.line.is_measured().to_string()}>{ &draw.sentence }</p>
                { for draw.line.warnings.iter().map(warning) }
            }
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
            { beside(v) }
            if let Some(size) = &v.size_field {
                { control(size, dispatch) }
            }
            <button type="button" disabled={!v.can_print} onclick={effect.reform(|_| Effect::Print)}>{ v.print }</button>
        </section>
    }
}

/// Beside the label, never on it: what the country's rules ask for that
/// the record leaves empty (`missing`), or that the label spills off its
/// stock (`too_long`).
pub fn beside(v: &LabelView) -> Html {
    let note = |text: &Option<String>, testid: &'static str| match text {
        Some(text) => {
            html! { <p class="notice no-print" role="status" data-testid={testid}>{ text }</p> }
        }
        None => html! {},
    };
    html! { <>{ note(&v.missing, "label-missing") }{ note(&v.too_long, "label-too-long") }</> }
}
