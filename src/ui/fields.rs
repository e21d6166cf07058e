//! Labelled form controls: every input has a visible label, and an error is
//! shown next to its field with `data-error` naming the link parameter.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// An inline error: the field's parameter name and the message.
#[derive(Clone, PartialEq)]
pub struct FieldMessage {
    pub param: &'static str,
    pub text: String,
}

#[derive(Properties, PartialEq)]
pub struct TextInputProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub error: Option<FieldMessage>,
    /// `decimal` for numbers, `numeric` for whole numbers; none for text.
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

#[component]
pub fn TextInput(props: &TextInputProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let error_id = format!("{}-error", props.id);
    let hint_id = format!("{}-hint", props.id);
    let described = [
        props.error.as_ref().map(|_| error_id.clone()),
        props.hint.as_ref().map(|_| hint_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    html! {
        <div class={if props.error.is_some() { "field invalid" } else { "field" }}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input
                id={props.id.clone()}
                type={props.kind.clone()}
                inputmode={props.inputmode.clone()}
                autocomplete="off"
                value={props.value.clone()}
                aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={(!described.is_empty()).then_some(described)}
                {oninput}
            />
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint.clone() }</p>
            }
            if let Some(err) = &props.error {
                <p class="field-error" id={error_id} data-error={err.param}>{ err.text.clone() }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct RadioGroupProps {
    pub name: AttrValue,
    pub legend: AttrValue,
    /// Label and whether it is the chosen one.
    pub options: Vec<(String, bool)>,
    pub onchange: Callback<usize>,
}

#[component]
pub fn RadioGroup(props: &RadioGroupProps) -> Html {
    html! {
        <fieldset class="radios">
            <legend>{ props.legend.clone() }</legend>
            { for props.options.iter().enumerate().map(|(i, (label, checked))| {
                let id = format!("{}-{i}", props.name);
                let cb = props.onchange.clone();
                html! {
                    <label for={id.clone()} class="radio">
                        <input type="radio" id={id} name={props.name.clone()} checked={*checked}
                            onchange={Callback::from(move |_| cb.emit(i))} />
                        { label.clone() }
                    </label>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub options: Vec<String>,
    pub selected: usize,
    pub onchange: Callback<usize>,
}

#[component]
pub fn Select(props: &SelectProps) -> Html {
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            let index = e
                .target_unchecked_into::<HtmlSelectElement>()
                .selected_index();
            if let Ok(i) = usize::try_from(index) {
                cb.emit(i);
            }
        })
    };
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange}>
                { for props.options.iter().enumerate().map(|(i, o)| html! {
                    <option value={i.to_string()} selected={i == props.selected}>{ o.clone() }</option>
                }) }
            </select>
        </div>
    }
}
