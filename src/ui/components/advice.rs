//! The recipe advisor's suggestions, each with its reasons and a button
//! that applies it to the Prepare screen.

use crate::engine::advisor::Advice;
use crate::engine::format::Unit;
use crate::i18n::{Lang, Msg};
use crate::ui::present::qty;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AdviceListProps {
    pub lang: Lang,
    pub advice: Vec<Advice>,
    pub on_apply: Callback<usize>,
}

#[component]
pub fn AdviceList(props: &AdviceListProps) -> Html {
    let lang = props.lang;
    if props.advice.is_empty() {
        return html! { <p class="muted">{ lang.t(Msg::NoAdvice) }</p> };
    }
    html! {
        <ol class="advice">
            { for props.advice.iter().enumerate().map(|(k, a)| {
                let conc = a.recipe.concentration().mg_per_ml();
                let fit = if a.all_on_marks { Msg::AdviceOnMarks } else if a.all_measurable { Msg::AdviceMeasurable } else { Msg::AdviceHard };
                let mut reasons = vec![
                    lang.t(fit).to_string(),
                    lang.f(Msg::AdviceLasts, &[&a.days_covered.to_string()]),
                    lang.f(Msg::AdviceWaste, &[&qty(lang, a.waste_mg, Unit::Mg)]),
                ];
                if a.round_concentration {
                    reasons.push(lang.t(Msg::AdviceRound).to_string());
                }
                let recipe = lang.f(Msg::AdviceRecipe, &[
                    &a.recipe.tablets().to_string(),
                    &qty(lang, a.recipe.tablet_mg(), Unit::Mg),
                    &qty(lang, a.recipe.final_ml(), Unit::Ml),
                    &qty(lang, conc, Unit::MgPerMl),
                ]);
                html! {
                    <li data-testid="advice">
                        <strong>{ recipe }</strong>
                        <span class="reason">{ format!(": {}", reasons.join(", ")) }</span>
                        <button type="button" onclick={props.on_apply.reform(move |_| k)}>{ lang.t(Msg::UseRecipe) }</button>
                    </li>
                }
            }) }
        </ol>
    }
}
