//! The sources' safety guidance: a panel under the tabs on every screen,
//! and the same topics on the printed plan.

use crate::view::safety::{SafetyView, TopicView};
use std::rc::Rc;
use yew::prelude::*;

/// One topic; its title is a heading of `level` (2 in the panel, under the
/// page's h1; 4 on the printed plan, under its h3).
fn topic(t: &TopicView, level: &'static str) -> Html {
    html! {
        <section class="topic" data-topic={t.id} data-differ={t.differ.is_some().to_string()}>
            <@{level} class="topic-title">
                { t.title }
                if let Some(differ) = t.differ {
                    <span class="differ">{ differ }</span>
                }
            </@>
            <ul>
                { for t.points.iter().map(|p| html! {
                    <li>{ p.text }{ " " }<cite data-source={p.source_code}>{ &p.source }</cite></li>
                }) }
            </ul>
            if let Some(app) = &t.app {
                <p class="app-choice">{ app }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SafetyProps {
    pub view: Rc<SafetyView>,
}

/// Collapsed under the tabs, on every screen; keyboard-operable (a
/// `<details>`), never printed (the plan prints its own copy).
#[component]
pub fn SafetyPanel(props: &SafetyProps) -> Html {
    let v = &*props.view;
    html! {
        <aside class="no-print" aria-label={v.heading}>
            <details class="safety" id="safety" data-testid="safety">
                <summary>{ v.heading }</summary>
                <p>{ v.intro }</p>
                { for v.topics.iter().map(|t| topic(t, "h2")) }
            </details>
        </aside>
    }
}

/// The guidance as part of the printed plan.
pub fn printed(v: &SafetyView) -> Html {
    html! {
        <section class="safety-print" data-testid="plan-safety">
            <h3>{ v.heading }</h3>
            <p>{ v.intro }</p>
            { for v.topics.iter().map(|t| topic(t, "h4")) }
        </section>
    }
}
