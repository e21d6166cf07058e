//! Warnings in plain words, each with `data-warning` carrying its stable
//! code. The list is a live region so screen readers announce changes.

use crate::engine::warning::Warning;
use crate::i18n::{Lang, Msg};
use crate::ui::present::warning_text;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WarningsProps {
    pub lang: Lang,
    pub warnings: Vec<Warning>,
    #[prop_or_default]
    pub stale: bool,
}

#[component]
pub fn Warnings(props: &WarningsProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="warnings" aria-labelledby="warnings-heading">
            <h3 id="warnings-heading">{ lang.t(Msg::WarningsHeading) }</h3>
            <div role="status" aria-live="polite">
                if props.warnings.is_empty() {
                    <p class="muted">{ lang.t(Msg::NoWarnings) }</p>
                } else {
                    <ul class={if props.stale { "warning-list stale" } else { "warning-list" }}>
                        { for props.warnings.iter().map(|w| html! {
                            <li class="warning" data-warning={w.code()}>{ warning_text(lang, *w) }</li>
                        }) }
                    </ul>
                }
            </div>
        </section>
    }
}
