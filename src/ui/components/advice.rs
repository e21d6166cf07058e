//! The recipe advisor's suggestions, each with its reasons and a button
//! that applies it.

use crate::model::state::Action;
use crate::view::parts::AdviceView;
use yew::prelude::*;

pub fn advice(view: &AdviceView, id: &'static str, dispatch: &Callback<Action>) -> Html {
    html! {
        <section class="advisor" aria-labelledby={id}>
            <h3 id={id}>{ view.heading }</h3>
            if let Some(intro) = view.intro {
                <p class="hint">{ intro }</p>
            }
            if view.items.is_empty() {
                <p class="muted">{ view.none }</p>
            } else {
                <ol class="advice">
                    { for view.items.iter().map(|a| {
                        let action = a.action.clone();
                        html! {
                            <li data-testid="advice">
                                <strong>{ &a.recipe }</strong>
                                <span class="reason">{ &a.reasons }</span>
                                <button type="button" onclick={dispatch.reform(move |_| action.clone())}>{ a.button }</button>
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}
