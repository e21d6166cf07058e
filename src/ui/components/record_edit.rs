//! The form editing a saved record (My batches). Focus follows it: opened,
//! its heading takes the focus (a keyboard or screen-reader user is moved
//! to what appeared); closed from inside (saved, cancelled, or Escape), the
//! focus goes back to "Edit the record" rather than to the top of the page.
//! What a failed save says under its fields is read out (a live region).

use super::controls::control;
use crate::model::state::Action;
use crate::ui::browser;
use crate::view::form::Control;
use crate::view::record_edit::RecordEditView;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RecordEditProps {
    pub edit: RecordEditView,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn RecordEdit(props: &RecordEditProps) -> Html {
    let heading = use_node_ref();
    let form = use_node_ref();
    {
        let heading = heading.clone();
        let form = form.clone();
        use_effect_with((), move |_| {
            browser::focus(&heading);
            move || {
                if browser::focus_within_or_lost(&form) {
                    browser::focus_later("[data-testid=record-edit-open]");
                }
            }
        });
    }
    let e = &props.edit;
    let d = &props.dispatch;
    // Escape cancels, as the Cancel button does.
    let on_key = {
        let cancel = e.cancel.1.clone();
        let d = d.clone();
        Callback::from(move |ev: KeyboardEvent| {
            if ev.key() == "Escape" {
                ev.prevent_default();
                d.emit(cancel.clone());
            }
        })
    };
    html! {
        <form ref={form} class="record-edit inputs" data-testid="record-edit" aria-labelledby="record-edit-heading"
            onsubmit={Callback::from(|ev: SubmitEvent| ev.prevent_default())} onkeydown={on_key}>
            <h4 ref={heading} id="record-edit-heading" tabindex="-1">{ &e.heading }</h4>
            <p class="note" data-testid="record-edit-note">{ &e.note }</p>
            // What a failed save says under its fields is read out.
            <div aria-live="polite">
                { for e.fields.iter().map(|c| control(c, d)) }
                if let Some(err) = &e.error {
                    { control(&Control::Error(err.clone()), d) }
                }
            </div>
            <div class="actions">
                <button type="button" data-testid="record-edit-save"
                    onclick={{ let t = e.save.1; d.reform(move |_| t.at(browser::time_now())) }}>{ e.save.0 }</button>
                <button type="button" class="secondary"
                    onclick={{ let a = e.cancel.1.clone(); d.reform(move |_| a.clone()) }}>{ e.cancel.0 }</button>
            </div>
        </form>
    }
}
