//! The Prepare screen (pharmacist): recipe, dates, results, preparation
//! steps, the recipe advisor and the printable label.

use super::advice::advice;
use super::controls::Controls;
use super::figures::figures;
use super::label::label;
use super::warnings::warnings;
use crate::model::state::Action;
use crate::ui::door::Effect;
use crate::view::prepare::PrepareView;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PrepareProps {
    pub view: Rc<PrepareView>,
    pub dispatch: Callback<Action>,
    pub effect: Callback<Effect>,
}

#[component]
pub fn PrepareScreen(props: &PrepareProps) -> Html {
    let v = &*props.view;
    let results = v.results.as_ref().map(|r| html! {
        <section class={if r.stale.is_some() { "results stale" } else { "results" }} aria-labelledby="prepare-results"
            data-stale={r.stale.is_some().to_string()}>
            <h3 id="prepare-results">{ r.heading }</h3>
            if let Some(note) = r.stale {
                <p class="stale-note" role="status">{ note }</p>
            }
            if let Some(note) = &r.rounded_note {
                <p class="note">{ note }</p>
            }
            if let Some(hint) = &r.supply_for {
                <p class="hint">{ hint }</p>
            }
            { figures(&r.figures) }
            <h3>{ r.steps_heading }</h3>
            <ol class="steps">
                { for r.steps.iter().map(|s| html! { <li>{ s }</li> }) }
            </ol>
            { warnings(&r.warnings) }
        </section>
    });
    html! {
        <div class="screen prepare">
            <h2>{ v.heading }</h2>
            <Controls controls={v.controls.clone()} dispatch={props.dispatch.clone()} />
            { for results }
            { advice(&v.advice, "advisor-heading", &props.dispatch) }
            if let Some(l) = &v.label {
                { label(l, &props.dispatch, &props.effect) }
            }
        </div>
    }
}
