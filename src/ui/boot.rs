//! Starting a door: the first state from the browser, then its language's
//! texts, then the app. Nothing is shown in a language whose texts are not
//! there: if they cannot be loaded, another language that can is shown with
//! a notice; if none can, the page's own message says so.

use super::browser;
use super::door::{browser_state, DoorProps, Start};
use std::rc::Rc;
use yew::BaseComponent;

/// Mounts the door `C` into `<div id="app-root">` once its texts are there.
pub fn start<C: BaseComponent<Properties = DoorProps>>() {
    let state = browser_state();
    browser::spawn(async move {
        let Some(shown) = browser::load_some_language(state.lang).await else {
            return browser::show_start_failed();
        };
        let props = DoorProps {
            start: Start(Some(Rc::new(state.shown_in(shown)))),
        };
        match browser::app_root() {
            Some(root) => yew::Renderer::<C>::with_root_and_props(root, props).render(),
            None => yew::Renderer::<C>::with_props(props).render(),
        };
    });
}
