//! The Yew front end: markup over the views in `crate::view`, and the
//! actions a person's input sends. Everything that touches the browser is
//! in `browser`; nothing here computes, parses or decides.

mod app;
pub mod browser;
pub mod components;

pub use app::App;

/// Renders the app into `<div id="app-root">` (or `<body>` if it is missing).
pub fn mount() {
    match browser::app_root() {
        Some(element) => yew::Renderer::<App>::with_root(element).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
