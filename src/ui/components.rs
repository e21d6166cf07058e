//! The screens and their parts. Each renders state and sends `Action`s.

pub mod advice;
pub mod batches;
pub mod dose;
pub mod label;
pub mod plan;
pub mod prepare;
pub mod syringe_picture;
pub mod warnings;

use crate::model::inputs::Field;
use crate::model::state::{Action, State, TextField};
use crate::ui::fields::{FieldMessage, TextInput};
use crate::ui::present::error_text;
use std::rc::Rc;
use yew::prelude::*;

/// What every screen gets: the state and a way to change it.
#[derive(Properties, Clone)]
pub struct ScreenProps {
    pub state: Rc<State>,
    pub dispatch: Callback<Action>,
}

impl PartialEq for ScreenProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state) && self.dispatch == other.dispatch
    }
}

/// The inline message for `field`, if it is wrong.
pub fn field_message(state: &State, field: Field) -> Option<FieldMessage> {
    state.error_for(field).map(|e| FieldMessage {
        param: field.param(),
        text: error_text(state.lang, &e.error),
    })
}

/// How a field is typed: the on-screen keyboard and the input type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Decimal,
    Whole,
    Date,
    Time,
    Text,
}

/// One text field: its element id, how it is typed, whose inline error it
/// shows, and which `TextField` it types into.
pub struct FieldSpec {
    pub id: &'static str,
    pub entry: Entry,
    pub checks: Option<Field>,
    pub sends: TextField,
}

/// A labelled text field built from `spec`: every screen's text fields go
/// through here, so a field's wiring (value, error, action) is in one place.
pub fn text_field(
    state: &State,
    dispatch: &Callback<Action>,
    spec: FieldSpec,
    label: AttrValue,
    value: &str,
) -> Html {
    let sends = spec.sends;
    let (kind, inputmode) = match spec.entry {
        Entry::Decimal => ("text", Some("decimal")),
        Entry::Whole => ("text", Some("numeric")),
        Entry::Date => ("date", None),
        Entry::Time => ("time", None),
        Entry::Text => ("text", None),
    };
    html! {
        <TextInput id={spec.id} {label} value={value.to_string()} kind={kind}
            inputmode={inputmode.map(AttrValue::Static)}
            error={spec.checks.and_then(|f| field_message(state, f))}
            oninput={dispatch.reform(move |t| Action::Type(sends, t))} />
    }
}
