//! The Yew front end. Components render state and send actions; the state
//! and its changes are in `crate::model`, the arithmetic in `crate::engine`,
//! and everything that touches the browser in `browser`.

mod app;
pub mod browser;
pub mod components;
pub mod fields;
pub mod present;

pub use app::App;

/// Renders the app into `<div id="app-root">` (or `<body>` if it is missing).
pub fn mount() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-root"));
    match root {
        Some(element) => yew::Renderer::<App>::with_root(element).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
