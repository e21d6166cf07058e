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
use crate::model::state::{Action, State};
use crate::ui::fields::FieldMessage;
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

/// A callback that sends `make(text)` for typed text.
pub fn on_text(dispatch: &Callback<Action>, make: fn(String) -> Action) -> Callback<String> {
    dispatch.reform(make)
}
