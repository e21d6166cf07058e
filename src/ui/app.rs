//! The root component: builds the first state from the link, storage and
//! the browser; keeps it in a reducer; saves and updates the URL in effects.

use super::browser;
use super::components::batches::BatchesScreen;
use super::components::dose::DoseScreen;
use super::components::plan::PlanScreen;
use super::components::prepare::PrepareScreen;
use super::present::read_problem;
use crate::i18n::{Lang, Msg};
use crate::model::inputs::Inputs;
use crate::model::link;
use crate::model::saved::{self, Document, Loaded};
use crate::model::state::{apply, Action, Screen, State, Storage};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The pure state behind Yew's reducer hook.
#[derive(PartialEq)]
struct AppState(Rc<State>);

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(AppState(Rc::new(apply((*self.0).clone(), action))))
    }
}

/// The first state: defaults, then storage, then the link (which wins).
fn initial_state() -> AppState {
    let today = browser::today();
    let (doc, storage) = match browser::load(saved::STORAGE_KEY) {
        Err(_) => (Document::new(), Storage::Unavailable),
        Ok(raw) => match saved::load(raw.as_deref()) {
            Loaded::Nothing => (Document::new(), Storage::Working),
            Loaded::Ready(doc) => (doc, Storage::Working),
            Loaded::Unreadable { raw, reason } => {
                (Document::new(), Storage::Unreadable { raw, reason })
            }
        },
    };
    let defaults = Inputs::new(&today.to_string());
    let (inputs, link_lang, problems) = link::read(&browser::query(), &defaults);
    let lang = link_lang
        .or_else(|| doc.lang.as_deref().and_then(Lang::from_code))
        .unwrap_or_else(browser::preferred_lang);
    let mut state = State::new(inputs, lang, today, doc, storage);
    state.link_problems = problems;
    AppState(Rc::new(state))
}

#[component]
pub fn App() -> Html {
    let app = use_reducer(initial_state);
    let state = app.0.clone();
    let dispatch = {
        let app = app.clone();
        Callback::from(move |action: Action| app.dispatch(action))
    };
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
        let doc = state.doc.clone();
        let writable = !matches!(
            state.storage,
            Storage::Unreadable { .. } | Storage::Unavailable
        );
        use_effect_with(revision, move |revision| {
            if *revision > 0 && writable {
                match browser::save(saved::STORAGE_KEY, &doc.to_json()) {
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
    // Keep the link in the address bar current.
    {
        let query = state.link();
        use_effect_with(query, |query| browser::replace_query(query));
    }
    {
        let lang = state.lang;
        use_effect_with(lang, |lang| {
            browser::set_document_language(*lang, lang.t(Msg::AppTitle))
        });
    }

    let lang = state.lang;
    let on_lang = dispatch.reform(|e: Event| {
        let index = e
            .target_unchecked_into::<HtmlSelectElement>()
            .selected_index();
        Action::Lang(
            usize::try_from(index)
                .ok()
                .and_then(|i| Lang::ALL.get(i).copied())
                .unwrap_or_default(),
        )
    });
    let tab = |screen: Screen, msg: Msg| {
        let current = state.screen == screen;
        html! {
            <button type="button" class={if current { "tab current" } else { "tab" }} aria-pressed={current.to_string()}
                onclick={dispatch.reform(move |_| Action::Show(screen))}>{ lang.t(msg) }</button>
        }
    };
    let screen_props = (state.clone(), dispatch.clone());
    let screen = match state.screen {
        Screen::Prepare => {
            html! { <PrepareScreen state={screen_props.0} dispatch={screen_props.1} /> }
        }
        Screen::Dose => html! { <DoseScreen state={screen_props.0} dispatch={screen_props.1} /> },
        Screen::Plan => html! { <PlanScreen state={screen_props.0} dispatch={screen_props.1} /> },
        Screen::Batches => {
            html! { <BatchesScreen state={screen_props.0} dispatch={screen_props.1} /> }
        }
    };
    let unreadable = match &state.storage {
        Storage::Unreadable { raw, reason } => {
            let raw = raw.clone();
            Some(html! {
                <div class="notice error" role="alert" data-testid="storage-unreadable">
                    <p>{ lang.t(Msg::StorageUnreadable) }{ format!(" ({})", read_problem(lang, reason)) }</p>
                    <button type="button" onclick={Callback::from(move |_| browser::download("ldn-saved-data.txt", &raw))}>{ lang.t(Msg::DownloadRaw) }</button>
                    <button type="button" onclick={dispatch.reform(|_| Action::DiscardUnreadable)}>{ lang.t(Msg::DiscardRaw) }</button>
                </div>
            })
        }
        _ => None,
    };

    html! {
        <div class="app" data-ready={ready.to_string()}>
            <header class="top">
                <div>
                    <h1>{ lang.t(Msg::AppTitle) }</h1>
                    <p class="tagline">{ lang.t(Msg::AppTagline) }</p>
                </div>
                <div class="field lang">
                    <label for="lang">{ lang.t(Msg::Language) }</label>
                    <select id="lang" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.code()} lang={l.code()} selected={*l == lang}>{ l.native_name() }</option>
                        }) }
                    </select>
                </div>
            </header>
            if state.update_ready {
                <div class="notice" role="status" data-testid="update-ready">
                    <p>{ lang.t(Msg::UpdateReady) }</p>
                    <button type="button" onclick={Callback::from(|_| browser::apply_update())}>{ lang.t(Msg::Reload) }</button>
                </div>
            }
            if !state.link_problems.is_empty() {
                <div class="notice error" role="alert" data-testid="link-problems">
                    { for state.link_problems.iter().map(|p| html! { <p data-link-problem={p.describe()}>{ lang.f(Msg::LinkIgnored, &[&p.describe()]) }</p> }) }
                </div>
            }
            { unreadable }
            <nav class="tabs" aria-label={lang.t(Msg::Screens)}>
                { tab(Screen::Prepare, Msg::TabPrepare) }
                { tab(Screen::Dose, Msg::TabDose) }
                { tab(Screen::Plan, Msg::TabPlan) }
                { tab(Screen::Batches, Msg::TabBatches) }
            </nav>
            <main>{ screen }</main>
            <footer><p>{ lang.t(Msg::Disclaimer) }</p></footer>
        </div>
    }
}
