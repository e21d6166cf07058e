//! The Dose screen (patient or pharmacist): concentration, dose, syringe;
//! what to draw, a picture of it, what is really given, and warnings.

use super::controls::Controls;
use super::figures::figures;
use super::share::ShareBox;
use super::syringe_picture::syringe_picture;
use super::warnings::warnings;
use crate::model::state::Action;
use crate::view::dose::{CheckView, Dilution, DoseView};
use crate::view::share::ShareView;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DoseProps {
    pub view: Rc<DoseView>,
    pub dispatch: Callback<Action>,
    /// "Share with the patient".
    #[prop_or_default]
    pub share: Option<Rc<ShareView>>,
}

/// A typed value to confirm, its working and the button that confirms it.
fn check(c: &CheckView, dispatch: &Callback<Action>) -> Html {
    let action = c.confirm.1.clone();
    html! {
        <div class="check notice error" role="alert" data-warning={c.code} data-testid="dose-check">
            <h4>{ c.heading }</h4>
            { for c.lines.iter().map(|l| html! { <p>{ l }</p> }) }
            <button type="button" onclick={dispatch.reform(move |_| action.clone())}>{ &c.confirm.0 }</button>
        </div>
    }
}

#[component]
pub fn DoseScreen(props: &DoseProps) -> Html {
    let v = &*props.view;
    let results = v.results.as_ref().map(|r| {
        let dilution = match &r.dilution {
            None => html! {},
            Some(Dilution::Proposed { heading, task, steps, draw }) => html! {
                <section class="dilution" aria-labelledby="dilution-heading" data-testid="dilution">
                    <h3 id="dilution-heading">{ *heading }</h3>
                    <p>{ *task }</p>
                    <ol class="dilution-steps">
                        { for steps.iter().map(|step| html! {
                            <li data-testid="dilution-step">
                                { &step.text }
                                <br />
                                <span class="dilution-label" data-testid="dilution-label">{ &step.label }</span>
                            </li>
                        }) }
                    </ol>
                    <p data-testid="dilution-draw">{ draw }</p>
                </section>
            },
            Some(Dilution::NoneFits(text)) => html! { <p class="dilution">{ *text }</p> },
        };
        html! {
            <section class={if r.stale.is_some() { "results stale" } else { "results" }} aria-labelledby="dose-results"
                data-stale={r.stale.is_some().to_string()}>
                <h3 id="dose-results">{ r.heading }</h3>
                if let Some(note) = r.stale {
                    <p class="stale-note" role="status">{ note }</p>
                }
                if let Some(c) = &r.check {
                    { check(c, &props.dispatch) }
                }
                <p class="draw">
                    <span class="draw-label">{ r.draw_label }</span>
                    <output data-testid="draw-volume" for="dose">{ &r.draw }</output>
                </p>
                if let Some(instead) = &r.instead {
                    <p class="draw-instead" role="status" data-testid="draw-instead">{ instead }</p>
                }
                if let Some(p) = &r.picture {
                    { syringe_picture(p) }
                }
                { figures(&r.figures) }
                if let Some(text) = &r.best_syringe {
                    <p class="note" data-testid="best-syringe">{ text }</p>
                }
                { dilution }
                { warnings(&r.warnings) }
            </section>
        }
    });
    html! {
        <div class="screen dose">
            <h2>{ v.heading }</h2>
            <Controls controls={v.controls.clone()} dispatch={props.dispatch.clone()} />
            { for results }
            if let Some(share) = &props.share {
                <ShareBox view={share.clone()} />
            }
        </div>
    }
}
