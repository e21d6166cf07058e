//! What both doors (the pharmacist's app and the patient's page) share:
//! the state and its views behind Yew's reducer, and the effects of a
//! change (save, address bar, language, printing, downloads). Each door
//! says how it applies an action and which views it builds, so neither
//! binary carries the other's code.

use super::browser;
use crate::model::saved::STORAGE_KEY;
use crate::model::state::{Action, PrintJob, State, Storage};
use crate::view::shell::ShellView;
use crate::view::{self, FileKind};
use std::rc::Rc;
use yew::prelude::*;

/// A door: how its page changes and what it shows.
pub trait Door: 'static {
    type Views: PartialEq;
    fn apply(state: State, action: Action) -> State;
    fn build(state: &State, address: &str) -> Self::Views;
    fn shell(views: &Self::Views) -> &Rc<ShellView>;
}

/// What a screen asks the browser to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Print,
    Download(FileKind),
    ApplyUpdate,
}

/// The first state, built before mounting (`boot`), or None to read it
/// from the browser here (component tests mount with no props).
#[derive(Clone, Default)]
pub struct Start(pub Option<Rc<State>>);

impl PartialEq for Start {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct DoorProps {
    #[prop_or_default]
    pub start: Start,
}

/// The first state, from the link, storage and the browser.
pub fn browser_state() -> State {
    let stored = browser::load(STORAGE_KEY).map_err(|_| ());
    State::start(
        &browser::query(),
        stored.as_ref().map(|raw| raw.as_deref()).map_err(|_| ()),
        browser::preferred_lang(),
        browser::today(),
    )
}

/// The pure state and the views built from it. A new state shares its
/// results (`Rc`), and unchanged views are kept.
pub struct DoorState<D: Door> {
    pub state: Rc<State>,
    pub views: D::Views,
    /// The app's own address (origin and path), read once, for links.
    address: Rc<str>,
}

impl<D: Door> DoorState<D> {
    fn new(start: &Start) -> Self {
        let state = start
            .0
            .as_ref()
            .map(|s| (**s).clone())
            .unwrap_or_else(browser_state);
        let address: Rc<str> = browser::address().into();
        let views = D::build(&state, &address);
        DoorState {
            state: Rc::new(state),
            views,
            address,
        }
    }
}

impl<D: Door> PartialEq for DoorState<D> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }
}

impl<D: Door> Reducible for DoorState<D> {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = D::apply((*self.state).clone(), action);
        let views = D::build(&state, &self.address);
        Rc::new(DoorState {
            state: Rc::new(state),
            views,
            address: self.address.clone(),
        })
    }
}

/// A mounted door: its state and views, and the callbacks screens get.
pub struct Handle<D: Door> {
    pub app: UseReducerHandle<DoorState<D>>,
    /// Sends an action; a language not loaded yet is loaded first.
    pub dispatch: Callback<Action>,
    pub effect: Callback<Effect>,
    /// Set after the first render (`data-ready`, for tests and benches).
    pub ready: bool,
}

#[hook]
pub fn use_door<D: Door>(start: &Start) -> Handle<D> {
    let app = use_reducer(|| DoorState::<D>::new(start));
    let state = app.state.clone();
    // The effect callback reads the state of the moment it runs.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    // What storage held when this page last read or wrote it: another
    // tab's write is told from it.
    let stored = use_mut_ref(|| browser::load(STORAGE_KEY).ok().flatten());
    // Callbacks made once, so screens whose view did not change are not
    // re-rendered (Yew compares their props).
    let dispatch: Callback<Action> = {
        let dispatcher = app.dispatcher();
        let latest = latest.clone();
        (*use_memo((), move |_| {
            Callback::from(move |action: Action| match action {
                // A page left open past midnight first moves to the new
                // day; a tap made on yesterday's screen is not applied (the
                // page's own reports are).
                action if browser::today() != latest.borrow().today => {
                    dispatcher.dispatch(Action::Today(browser::today()));
                    if matches!(
                        action,
                        Action::UpdateReady
                            | Action::StorageProblem(_)
                            | Action::StoredElsewhere(_)
                            | Action::Today(_)
                    ) {
                        dispatcher.dispatch(action);
                    }
                }
                Action::Lang(wanted) => {
                    let dispatcher = dispatcher.clone();
                    let latest = latest.clone();
                    browser::with_language(wanted, move |loaded| {
                        if loaded {
                            dispatcher.dispatch(Action::Lang(wanted));
                        } else {
                            // The menu shows the language the page is in.
                            browser::set_select_value("lang", latest.borrow().lang.code());
                            dispatcher.dispatch(Action::LangUnavailable(wanted));
                        }
                    });
                }
                other => dispatcher.dispatch(other),
            })
        }))
        .clone()
    };
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        let dispatch = dispatch.clone();
        let latest = latest.clone();
        let stored = stored.clone();
        use_effect_with((), move |_| {
            ready.set(true);
            browser::announce_ready();
            let on_update = dispatch.clone();
            browser::on_update_ready(move || on_update.emit(Action::UpdateReady));
            // Shown again on another day: that day's dose (or none).
            // Printed however asked: an open bottle's record or label has
            // left the device (a change to it then makes a new version).
            let printing = dispatch.clone();
            browser::on_before_print(move || printing.emit(Action::Printing));
            // Another tab or window saved (two copies open on one device):
            // this page takes what it saved, so its older copy never
            // overwrites it. A page frozen in the background hears no
            // `storage` event, so a page shown again looks too.
            let reread = {
                let dispatch = dispatch.clone();
                move || {
                    let Ok(now) = browser::load(STORAGE_KEY) else {
                        return;
                    };
                    if now != *stored.borrow() {
                        stored.borrow_mut().clone_from(&now);
                        dispatch.emit(Action::StoredElsewhere(now));
                    }
                }
            };
            browser::on_storage_changed(reread.clone());
            browser::on_page_shown(move || {
                reread();
                let today = browser::today();
                if today != latest.borrow().today {
                    dispatch.emit(Action::Today(today));
                }
            });
        });
    }
    // Save when the document changes (never over unreadable data).
    {
        let dispatch = dispatch.clone();
        let revision = state.doc_revision;
        let state = state.clone();
        use_effect_with(revision, move |revision| {
            if *revision > 0 && state.may_store() {
                let text = state.stored_text();
                match browser::save(STORAGE_KEY, &text) {
                    Ok(()) => *stored.borrow_mut() = Some(text),
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
    // Small labels fit their label after every render (before printing);
    // one that cannot is said to the state, which refuses to print it.
    {
        let dispatch = dispatch.clone();
        let known = state.label_spills;
        use_effect(move || {
            let spills = browser::fit_small_labels();
            if spills != known {
                dispatch.emit(Action::LabelSpills(spills));
            }
        });
    }
    // Print what was asked for once it is on the page (never a label that
    // spills off its stock).
    {
        let label = matches!(state.print, Some(PrintJob::Label(_)));
        use_effect_with(state.print_count, move |count| {
            if *count > 0 && !(label && browser::label_spills()) {
                browser::print();
            }
        });
    }
    // Keep the link in the address bar current.
    use_effect_with(state.link.clone(), |query| browser::replace_query(query));
    {
        let shell = D::shell(&app.views).clone();
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
    Handle {
        app,
        dispatch,
        effect,
        ready: *ready,
    }
}

/// The notices above every page: an update waiting, link parameters
/// ignored, a language that could not be loaded, unreadable saved data.
pub fn notices(shell: &ShellView, dispatch: &Callback<Action>, effect: &Callback<Effect>) -> Html {
    let on_effect = |e: Effect| effect.reform(move |_: MouseEvent| e);
    html! {
        <>
            if let Some((text, reload)) = shell.update_ready {
                <div class="notice" role="status" data-testid="update-ready">
                    <p>{ text }</p>
                    <button type="button" onclick={on_effect(Effect::ApplyUpdate)}>{ reload }</button>
                </div>
            }
            if let Some(text) = &shell.lang_unavailable {
                <div class="notice error" role="alert" data-testid="lang-unavailable">
                    <p>{ text }</p>
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
        </>
    }
}
