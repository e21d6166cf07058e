//! My batches: save the prepared bottle, follow days left and volume left,
//! mark doses taken, export and import.

use super::controls::control;
use crate::model::state::Action;
use crate::ui::app::Effect;
use crate::ui::browser;
use crate::view::batches::{BatchItem, BatchesView};
use crate::view::FileKind;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BatchesProps {
    pub view: Rc<BatchesView>,
    pub dispatch: Callback<Action>,
    pub effect: Callback<Effect>,
}

fn item(b: &BatchItem, dispatch: &Callback<Action>) -> Html {
    html! {
        <li class={format!("batch {}", b.state_class)} data-testid="batch">
            <h3>{ &b.name }</h3>
            <p>{ &b.contents }</p>
            <p data-testid="batch-dose" data-measured={b.dose.is_measured().to_string()}>{ &b.dose_sentence }</p>
            { for b.dose.warnings.iter().chain(&b.warnings).map(|w| html! { <p class="warning" data-warning={w.code}>{ &w.text }</p> }) }
            <p class="batch-state" data-testid="batch-state">
                <span class="badge">{ &b.state_text }</span>{ " · " }
                <time datetime={b.last_day_iso.clone()}>{ &b.last_day }</time>
            </p>
            <p data-testid="ml-left">{ &b.ml_left }</p>
            <p class="outlook">{ &b.outlook }</p>
            if let Some((href, text)) = &b.link {
                <p><a href={href.clone()} data-testid="batch-link">{ *text }</a></p>
            }
            <div class="actions">
                { for b.buttons.iter().map(|btn| {
                    let action = btn.action.clone();
                    html! {
                        <button type="button" class={if btn.danger { "danger" } else { "" }} disabled={btn.disabled}
                            onclick={dispatch.reform(move |_| action.clone())}>{ btn.label }</button>
                    }
                }) }
            </div>
        </li>
    }
}

#[component]
pub fn BatchesScreen(props: &BatchesProps) -> Html {
    let v = &*props.view;
    let d = &props.dispatch;
    let import = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let d = d.clone();
            browser::read_chosen(&e, move |text| d.emit(Action::Import(text)));
        })
    };
    html! {
        <div class="screen batches">
            <h2>{ v.heading }</h2>
            if let Some(text) = v.storage_problem {
                <p class="notice error" role="alert">{ text }</p>
            }
            <form class="inputs" onsubmit={d.reform(|e: SubmitEvent| { e.prevent_default(); Action::SaveBatch })}>
                { control(&v.name_field, d) }
                <button type="submit" disabled={!v.can_save}>{ v.save }</button>
                if let Some(hint) = v.save_hint {
                    <p class="hint">{ hint }</p>
                }
            </form>
            if let Some(n) = &v.notice {
                <div class={if n.failed { "notice error" } else { "notice" }} role={if n.failed { "alert" } else { "status" }}
                    data-testid={if n.failed { "import-error" } else { "import-done" }}>
                    <p>{ &n.text }</p>
                    <button type="button" onclick={d.reform(|_| Action::DismissNotice)}>{ n.close }</button>
                </div>
            }
            if v.items.is_empty() {
                <p class="muted">{ v.empty }</p>
            } else {
                <ul class="batch-list">{ for v.items.iter().map(|b| item(b, d)) }</ul>
            }
            <div class="actions">
                <button type="button" onclick={props.effect.reform(|_| Effect::Download(FileKind::Batches))}>{ v.export }</button>
                <label for="import" class="file-label">{ v.import }</label>
                <input id="import" type="file" accept="application/json,.json" onchange={import} />
            </div>
        </div>
    }
}
