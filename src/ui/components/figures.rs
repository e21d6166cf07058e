//! A list of labelled results.

use crate::view::parts::Figure;
use yew::prelude::*;

pub fn figures(items: &[Figure]) -> Html {
    html! {
        <dl class="figures">
            { for items.iter().map(|f| html! {
                <div class={if f.stale { "stale" } else { "" }}>
                    <dt>{ f.label }</dt>
                    if let Some(iso) = &f.datetime {
                        <dd><time data-testid={f.testid} datetime={iso.clone()}>{ &f.value }</time></dd>
                    } else {
                        <dd data-testid={f.testid}>{ &f.value }</dd>
                    }
                </div>
            }) }
        </dl>
    }
}
