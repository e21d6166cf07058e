//! Warnings in plain words, each with `data-warning` carrying its stable
//! code. The list is a live region so screen readers announce changes.

use crate::view::parts::WarningList;
use yew::prelude::*;

pub fn warnings(list: &WarningList) -> Html {
    html! {
        <section class="warnings" aria-labelledby="warnings-heading">
            <h3 id="warnings-heading">{ list.heading }</h3>
            <div role="status" aria-live="polite">
                if list.lines.is_empty() {
                    <p class="muted">{ list.none }</p>
                } else {
                    <ul class={if list.stale { "warning-list stale" } else { "warning-list" }}>
                        { for list.lines.iter().map(|w| html! {
                            <li class="warning" data-warning={w.code}>{ &w.text }</li>
                        }) }
                    </ul>
                }
            </div>
        </section>
    }
}
