//! The inputs of a screen as data: each control with its label, its value,
//! its inline error in words, and the action each change sends. The UI
//! renders them in order and sends the action; it decides nothing.

use super::text::error_text;
use ldn_catalog::Lang;
use ldn_model::inputs::Field;
use ldn_model::state::{Action, State, TextField};

/// How a text field is typed: the on-screen keyboard and the input type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Decimal,
    Whole,
    Date,
    Time,
    Text,
}

/// An error shown under its field; `param` names the link parameter
/// (`data-error`), so tests and links speak of the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineError {
    pub param: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBox {
    pub id: &'static str,
    pub label: String,
    pub value: String,
    pub entry: Entry,
    pub error: Option<InlineError>,
    pub sends: TextField,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceOption {
    pub label: String,
    pub selected: bool,
    /// What choosing it does.
    pub action: Action,
    /// The option's own language, when it names one (`lang` attribute).
    pub lang: Option<&'static str>,
}

/// Radio buttons or a drop-down: one of several options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: &'static str,
    pub label: String,
    pub options: Vec<ChoiceOption>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkbox {
    pub id: &'static str,
    pub label: String,
    pub checked: bool,
    /// The action for "ticked" and for "not ticked".
    pub on: Action,
    pub off: Action,
}

/// One thing in a screen's form, in the order shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Control {
    Text(TextBox),
    Radios(Choice),
    Dropdown(Choice),
    Check(Checkbox),
    /// Controls shown side by side.
    Row(Vec<Control>),
    /// An error that belongs to no single text field.
    Error(InlineError),
    /// A short note (`stale` dims it).
    Note {
        text: String,
        stale: bool,
        testid: &'static str,
    },
    Hint(String),
    Button {
        label: String,
        action: Action,
    },
}

/// The inline error for `field`, if anything on screen finds it wrong.
pub fn inline_error(state: &State, field: Field) -> Option<InlineError> {
    state.error_for(field).map(|e| InlineError {
        param: field.param(),
        text: error_text(state.lang, &e.error),
    })
}

/// A text field that shows `checks`'s error.
pub fn text(
    state: &State,
    id: &'static str,
    entry: Entry,
    checks: Option<Field>,
    sends: TextField,
    label: impl Into<String>,
    value: &str,
) -> Control {
    Control::Text(TextBox {
        id,
        label: label.into(),
        value: value.to_string(),
        entry,
        error: checks.and_then(|f| inline_error(state, f)),
        sends,
    })
}

/// Options from (label, selected, action) triples.
pub fn choice(
    id: &'static str,
    label: &str,
    options: impl IntoIterator<Item = (String, bool, Action)>,
) -> Choice {
    Choice {
        id,
        label: label.to_string(),
        options: options
            .into_iter()
            .map(|(label, selected, action)| ChoiceOption {
                label,
                selected,
                action,
                lang: None,
            })
            .collect(),
    }
}

/// A choice among `values`, each with its message, the current one selected.
pub fn choice_of<T: PartialEq + Copy>(
    lang: Lang,
    id: &'static str,
    label: &str,
    current: T,
    values: &[(T, ldn_catalog::Msg)],
    action: impl Fn(T) -> Action,
) -> Choice {
    choice(
        id,
        label,
        values
            .iter()
            .map(|(v, msg)| (lang.t(*msg).to_string(), *v == current, action(*v))),
    )
}
