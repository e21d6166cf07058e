//! The patient's page, its own door and binary (`patient.html`): today's
//! dose first, then the plan, the bottle, the diary and the safety
//! guidance, over `model::state::apply_patient` and `view::build_patient`,
//! so none of the pharmacist's screens is in its download.

use super::components::controls::Choose;
use super::components::patient::PatientScreen;
use super::components::safety::SafetyPanel;
use super::door::{notices, use_door, Door, DoorProps};
use crate::model::state::{apply_patient, Action, State};
use crate::view::shell::ShellView;
use crate::view::{build_patient, PatientViews};
use std::rc::Rc;
use yew::prelude::*;

/// The patient's door: the patient's actions, the patient's page.
pub struct Patient;

impl Door for Patient {
    type Views = PatientViews;

    fn apply(state: State, action: Action) -> State {
        apply_patient(state, action)
    }

    fn build(state: &State, _address: &str) -> PatientViews {
        build_patient(state)
    }

    fn shell(views: &PatientViews) -> &Rc<ShellView> {
        &views.shell
    }
}

#[component]
pub fn PatientApp(props: &DoorProps) -> Html {
    let door = use_door::<Patient>(&props.start);
    let (views, dispatch, effect) = (&door.app.views, &door.dispatch, &door.effect);
    let shell = &views.shell;
    // The dose comes first on a phone's first screen: a one-line header
    // (the app's name and the language), then the page.
    html! {
        <div class="app patient-page" data-ready={door.ready.to_string()}>
            <header class="top compact">
                <h1 class="brand">{ shell.title }</h1>
                <Choose choice={shell.language.clone()} dispatch={dispatch.clone()} class="lang" />
            </header>
            { notices(shell, dispatch, effect) }
            <main>
                <PatientScreen view={views.patient.clone()} dispatch={dispatch.clone()} effect={effect.clone()} />
            </main>
            <SafetyPanel view={shell.safety.clone()} />
            <footer><p>{ shell.disclaimer }</p></footer>
        </div>
    }
}
