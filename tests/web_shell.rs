//! Component tests in headless Chromium (wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use ldn_calc::ui::App;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, InputEvent};

wasm_bindgen_test_configure!(run_in_browser);

fn mount_app() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

/// Lets Yew's scheduler run the pending renders and effects.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(10)).await;
}

fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
}

fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value(value);
    input
        .dispatch_event(&InputEvent::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn first_render_marks_ready_and_shows_a_result() {
    let root = mount_app();
    settle().await;
    assert!(root
        .query_selector("[data-ready=\"true\"]")
        .unwrap()
        .is_some());
    assert_eq!(
        text_of(&root, "[data-testid=draw-volume]").as_deref(),
        Some("1.5\u{a0}mL")
    );
}

#[wasm_bindgen_test]
async fn typing_recomputes_and_bad_input_shows_an_error() {
    let root = mount_app();
    settle().await;
    type_into(&root, "#dose", "0,75");
    settle().await;
    assert_eq!(
        text_of(&root, "[data-testid=draw-volume]").as_deref(),
        Some("0.75\u{a0}mL")
    );
    type_into(&root, "#dose", "1e3");
    settle().await;
    assert!(root.query_selector("[data-error=dose]").unwrap().is_some());
    assert!(root
        .query_selector("[data-testid=draw-volume]")
        .unwrap()
        .is_none());
}
