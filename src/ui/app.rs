//! The pharmacist's app: every screen, its tabs and the safety panel,
//! over the shared door (`door`): `model::state::apply` and `view::build`.

use super::browser::camera;
use super::components::batches::BatchesScreen;
use super::components::controls::Choose;
use super::components::dose::DoseScreen;
use super::components::patient::PatientScreen;
use super::components::plan::PlanScreen;
use super::components::prepare::PrepareScreen;
use super::components::safety::SafetyPanel;
use super::door::{notices, use_door, Door, DoorProps};
use crate::model::pack_camera::{CameraEvent, PackCamera};
use crate::model::state::{apply, Action, State};
use crate::view::shell::ShellView;
use crate::view::{self, ScreenView, Views};
use std::rc::Rc;
use yew::prelude::*;

/// The pharmacist's door: every action, every screen.
pub struct Pharmacist;

impl Door for Pharmacist {
    type Views = Views;

    fn apply(state: State, action: Action) -> State {
        apply(state, action)
    }

    fn build(state: &State, address: &str) -> Views {
        view::build(state, address)
    }

    fn shell(views: &Views) -> &Rc<ShellView> {
        &views.shell
    }
}

#[component]
pub fn App(props: &DoorProps) -> Html {
    let door = use_door::<Pharmacist>(&props.start);
    let (app, dispatch, effect) = (&door.app, &door.dispatch, &door.effect);
    // The pack's camera reader, only where the browser reads DataMatrix
    // codes; on while the state says so, off when it no longer does.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            camera::probe(move |ok| {
                if ok {
                    dispatch.emit(Action::Camera(CameraEvent::Available));
                }
            })
        });
    }
    {
        let dispatch = dispatch.clone();
        let reading = app.state.pack_camera == PackCamera::Reading;
        use_effect_with(reading, move |reading| {
            let session = reading.then(|| {
                camera::read_pack(move |result| {
                    dispatch.emit(match result {
                        Ok(text) => Action::CameraRead(text),
                        Err(why) => Action::Camera(CameraEvent::Failed(why)),
                    })
                })
            });
            move || {
                if let Some(session) = session {
                    session.stop();
                }
            }
        });
    }
    let ready = door.ready;
    let shell = &app.views.shell;
    let share = app.views.share.clone();
    let screen = match &app.views.screen {
        ScreenView::Prepare(v) => {
            html! { <PrepareScreen view={v.clone()} dispatch={dispatch.clone()} effect={effect.clone()} /> }
        }
        ScreenView::Dose(v) => {
            html! { <DoseScreen view={v.clone()} dispatch={dispatch.clone()} {share} /> }
        }
        ScreenView::Plan(v) => {
            html! { <PlanScreen view={v.clone()} dispatch={dispatch.clone()} effect={effect.clone()} {share} /> }
        }
        ScreenView::Batches(v) => {
            html! { <BatchesScreen view={v.clone()} dispatch={dispatch.clone()} effect={effect.clone()} /> }
        }
        ScreenView::Patient(v) => {
            html! { <PatientScreen view={v.clone()} dispatch={dispatch.clone()} effect={effect.clone()} /> }
        }
    };

    html! {
        <div class="app" data-ready={ready.to_string()}>
            <header class="top">
                <div>
                    <h1>{ shell.title }</h1>
                    <p class="tagline">{ shell.tagline }</p>
                </div>
                <Choose choice={shell.language.clone()} dispatch={dispatch.clone()} class="lang" />
            </header>
            { notices(shell, dispatch, effect) }
            if !shell.tabs.is_empty() {
                <nav class="tabs" aria-label={shell.tabs_label}>
                    { for shell.tabs.iter().map(|t| {
                        let action = t.action.clone();
                        html! {
                            <button type="button" class={if t.current { "tab current" } else { "tab" }} aria-pressed={t.current.to_string()}
                                onclick={dispatch.reform(move |_| action.clone())}>{ t.label }</button>
                        }
                    }) }
                </nav>
            }
            <SafetyPanel view={shell.safety.clone()} />
            <main>{ screen }</main>
            <footer><p>{ shell.disclaimer }</p></footer>
        </div>
    }
}
