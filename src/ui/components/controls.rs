//! A screen's form controls, rendered from `view::form::Control`: every
//! input has a visible label, and an error is shown next to its field with
//! `data-error` naming the link parameter.

use crate::model::state::Action;
use crate::ui::browser;
use crate::view::form::{Checkbox, Choice, Control, Entry, InlineError, TextBox};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub controls: Vec<Control>,
    pub dispatch: Callback<Action>,
}

/// All of a screen's controls, in order, in one form.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    html! {
        <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            { for props.controls.iter().map(|c| control(c, &props.dispatch)) }
        </form>
    }
}

pub fn control(c: &Control, dispatch: &Callback<Action>) -> Html {
    match c {
        Control::Text(t) => text_box(t, dispatch),
        Control::Radios(choice) => radios(choice, dispatch),
        Control::Dropdown(choice) => {
            html! { <Choose choice={choice.clone()} dispatch={dispatch.clone()} /> }
        }
        Control::Check(c) => checkbox(c, dispatch),
        Control::Row(items) => html! {
            <div class="dose-row">{ for items.iter().map(|c| control(c, dispatch)) }</div>
        },
        Control::Error(e) => error(e, None),
        Control::Note {
            text,
            stale,
            testid,
        } => html! {
            <p class={if *stale { "note stale" } else { "note" }} data-testid={*testid}>{ text }</p>
        },
        Control::Hint(text) => html! { <p class="hint">{ text }</p> },
        Control::Button { label, action } => {
            let action = action.clone();
            html! {
                <p><button type="button" onclick={dispatch.reform(move |_| action.clone())}>{ label }</button></p>
            }
        }
    }
}

fn error(e: &InlineError, id: Option<String>) -> Html {
    html! { <p class="field-error" id={id} data-error={e.param}>{ &e.text }</p> }
}

fn text_box(t: &TextBox, dispatch: &Callback<Action>) -> Html {
    let (kind, inputmode) = match t.entry {
        Entry::Decimal => ("text", Some("decimal")),
        Entry::Whole => ("text", Some("numeric")),
        Entry::Date => ("date", None),
        Entry::Time => ("time", None),
        Entry::Text => ("text", None),
    };
    let sends = t.sends;
    let oninput =
        dispatch.reform(move |e: InputEvent| Action::Type(sends, browser::input_value(&e)));
    let error_id = format!("{}-error", t.id);
    html! {
        <div class={if t.error.is_some() { "field invalid" } else { "field" }}>
            <label for={t.id}>{ &t.label }</label>
            <input
                id={t.id}
                type={kind}
                inputmode={inputmode}
                autocomplete="off"
                value={t.value.clone()}
                aria-invalid={t.error.as_ref().map(|_| "true")}
                aria-describedby={t.error.as_ref().map(|_| error_id.clone())}
                {oninput}
            />
            if let Some(e) = &t.error {
                { error(e, Some(error_id.clone())) }
            }
        </div>
    }
}

fn radios(choice: &Choice, dispatch: &Callback<Action>) -> Html {
    html! {
        <fieldset class="radios">
            <legend>{ &choice.label }</legend>
            { for choice.options.iter().enumerate().map(|(i, o)| {
                let id = format!("{}-{i}", choice.id);
                let action = o.action.clone();
                html! {
                    <label for={id.clone()} class="radio">
                        <input type="radio" id={id} name={choice.id} checked={o.selected}
                            onchange={dispatch.reform(move |_| action.clone())} />
                        { &o.label }
                    </label>
                }
            }) }
        </fieldset>
    }
}

fn checkbox(c: &Checkbox, dispatch: &Callback<Action>) -> Html {
    let (on, off) = (c.on.clone(), c.off.clone());
    let onchange = dispatch.reform(move |e: Event| {
        if browser::is_checked(&e) {
            on.clone()
        } else {
            off.clone()
        }
    });
    html! {
        <label for={c.id} class="radio">
            <input type="checkbox" id={c.id} checked={c.checked} {onchange} />
            { &c.label }
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChooseProps {
    pub choice: Choice,
    pub dispatch: Callback<Action>,
    #[prop_or_default]
    pub class: Option<&'static str>,
}

/// A labelled drop-down.
#[component]
pub fn Choose(props: &ChooseProps) -> Html {
    let c = &props.choice;
    let actions: Vec<Action> = c.options.iter().map(|o| o.action.clone()).collect();
    let onchange = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(action) = browser::selected_index(&e).and_then(|i| actions.get(i)) {
                dispatch.emit(action.clone());
            }
        })
    };
    let class = match props.class {
        Some(extra) => format!("field {extra}"),
        None => "field".to_string(),
    };
    html! {
        <div {class}>
            <label for={c.id}>{ &c.label }</label>
            <select id={c.id} {onchange}>
                { for c.options.iter().enumerate().map(|(i, o)| html! {
                    <option value={o.lang.map_or_else(|| i.to_string(), str::to_string)} lang={o.lang}
                        selected={o.selected}>{ &o.label }</option>
                }) }
            </select>
        </div>
    }
}
