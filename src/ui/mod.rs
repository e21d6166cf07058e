//! The Yew front end. Components render state and send messages; the
//! arithmetic is in `crate::engine`.

mod app;

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
