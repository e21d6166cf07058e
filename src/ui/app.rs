//! The root component: builds the first state from the link, storage and
//! the browser; keeps state and views in a reducer; saves, writes the URL,
//! prints and downloads in effects. Screens get their view and `dispatch`.

use super::browser;
use super::components::batches::BatchesScreen;
use super::components::controls::Choose;
use super::components::dose::DoseScreen;
use super::components::patient::PatientScreen;
use super::components::plan::PlanScreen;
use super::components::prepare::PrepareScreen;
use super::components::safety::SafetyPanel;
use crate::model::saved::STORAGE_KEY;
use crate::model::state::{apply, Action, State, Storage};
use crate::view::{self, FileKind, ScreenView, Views};
use std::rc::Rc;
use yew::prelude::*;

/// What a screen asks the browser to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Print,
    Download(FileKind),
    ApplyUpdate,
}

/// The pure state and the views built from it, behind Yew's reducer hook.
/// A new state shares its results (`Rc`), and unchanged views are kept.
struct AppState {
    state: Rc<State>,
    views: Views,
    /// The app's own address (origin and path), read once, for the
    /// patient link.
    address: Rc<str>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = apply((*self.state).clone(), action);
        let views = view::build(&state, &self.address);
        Rc::new(AppState {
            state: Rc::new(state),
            views,
            address: self.address.clone(),
        })
    }
}

/// The first state, from the link, storage and the browser.
fn initial_state() -> AppState {
    let stored = browser::load(STORAGE_KEY).map_err(|_| ());
    let state = State::start(
        &browser::query(),
        stored.as_ref().map(|raw| raw.as_deref()).map_err(|_| ()),
        browser::preferred_lang(),
        browser::today(),
    );
    let address: Rc<str> = browser::address().into();
    let views = view::build(&state, &address);
    AppState {
        state: Rc::new(state),
        views,
        address,
    }
}

#[component]
pub fn App() -> Html {
    let app = use_reducer(initial_state);
    let state = app.state.clone();
    // Callbacks made once, so screens whose view did not change are not
    // re-rendered (Yew compares their props).
    let dispatch: Callback<Action> = {
        let dispatcher = app.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |action: Action| dispatcher.dispatch(action))
        }))
        .clone()
    };
    // The effect callback reads the state of the moment it runs.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            ready.set(true);
            browser::mark("ldn-ready");
            browser::on_update_ready(move || dispatch.emit(Action::UpdateReady));
        });
    }
    // Save when the document changes (never over unreadable data).
    {
        let dispatch = dispatch.clone();
        let revision = state.doc_revision;
        let state = state.clone();
        use_effect_with(revision, move |revision| {
            if *revision > 0 && state.may_store() {
                match browser::save(STORAGE_KEY, &state.stored_text()) {
                    Ok(()) => {}
                    Err(browser::SaveError::Unavailable) => {
                        dispatch.emit(Action::StorageProblem(Storage::Unavailable))
                    }
                    Err(browser::SaveError::Refused) => {
                        dispatch.emit(Action::StorageProblem(Storage::Full))
                    }
                }
            }
        });
    }
    // Print what was asked for once it is on the page.
    use_effect_with(state.print_count, |count| {
        if *count > 0 {
            browser::print();
        }
    });
    // Keep the link in the address bar current.
    use_effect_with(state.link.clone(), |query| browser::replace_query(query));
    {
        let shell = app.views.shell.clone();
        use_effect_with(shell.lang, move |lang| {
            browser::set_document_language(*lang, shell.title)
        });
    }
    // Files are built when asked for, from the state of that moment.
    let effect: Callback<Effect> = {
        let latest = latest.clone();
        (*use_memo((), move |_| {
            Callback::from(move |effect: Effect| match effect {
                Effect::Print => browser::print(),
                Effect::ApplyUpdate => browser::apply_update(),
                Effect::Download(kind) => {
                    let state = latest.borrow().clone();
                    if let Some(f) = view::file(&state, kind) {
                        browser::download(f.name, f.mime, &f.text);
                    }
                }
            })
        }))
        .clone()
    };

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
    let on_effect = |e: Effect| effect.reform(move |_: MouseEvent| e);

    html! {
        <div class="app" data-ready={ready.to_string()}>
            <header class="top">
                <div>
                    <h1>{ shell.title }</h1>
                    <p class="tagline">{ shell.tagline }</p>
                </div>
                <Choose choice={shell.language.clone()} dispatch={dispatch.clone()} class="lang" />
            </header>
            if let Some((text, reload)) = shell.update_ready {
                <div class="notice" role="status" data-testid="update-ready">
                    <p>{ text }</p>
                    <button type="button" onclick={on_effect(Effect::ApplyUpdate)}>{ reload }</button>
                </div>
            }
            if !shell.link_problems.is_empty() {
                <div class="notice error" role="alert" data-testid="link-problems">
                    { for shell.link_problems.iter().map(|(param, text)| html! { <p data-link-problem={param.clone()}>{ text }</p> }) }
                </div>
            }
            if let Some(u) = &shell.unreadable {
                <div class="notice error" role="alert" data-testid="storage-unreadable">
                    <p>{ &u.text }</p>
                    <button type="button" onclick={on_effect(Effect::Download(FileKind::Unreadable))}>{ u.download }</button>
                    <button type="button" onclick={dispatch.reform(|_| Action::DiscardUnreadable)}>{ u.discard }</button>
                </div>
            }
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
