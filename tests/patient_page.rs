//! Component tests of the patient's door (`PatientApp`, patient.html) in
//! headless Chromium: it opens a pharmacist's link on today's dose, keeps
//! the diary, switches language, and has none of the pharmacist's screens.
#![cfg(target_arch = "wasm32")]

use ldn_calc::ui::PatientApp;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlElement, HtmlSelectElement};
use yew::scheduler::flush;

wasm_bindgen_test_configure!(run_in_browser);

/// The standard plan from a bottle prepared today (1 mg/mL, 3 mL syringe).
fn link() -> String {
    let now = js_sys::Date::new_0();
    let today = format!(
        "{}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    );
    format!(
        "?view=patient&lang=en&tablet=50&tablets=1&volume=50&syringe=3&prepared={today}\
         &bud=30&plan=standard&pstart={today}&pdays=60"
    )
}

fn text_of(root: &Element, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
}

#[wasm_bindgen_test]
async fn the_patients_door_opens_on_todays_dose_and_keeps_the_diary() {
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link()))
        .unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<PatientApp>::with_root(root.clone()).render();
    flush().await;

    assert_eq!(
        text_of(&root, "[data-testid=today-dose]").as_deref(),
        Some("1.5\u{a0}mg")
    );
    assert!(text_of(&root, "[data-testid=today-draw]")
        .unwrap()
        .contains("1.5\u{a0}mL"));
    // The safety guidance is there; no tab, no compounding field.
    assert!(root.query_selector("#safety").unwrap().is_some());
    assert!(root.query_selector(".tab").unwrap().is_none());
    assert!(root.query_selector("#volume").unwrap().is_none());

    // The diary: today's dose marked in one tap, saved with the rest.
    root.query_selector("[data-testid=diary-take]")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    flush().await;
    let saved = window
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("ldn-calc")
        .unwrap()
        .unwrap_or_default();
    assert!(saved.contains("\"diary\":[{"), "{saved}");

    // Another language (all four are compiled into the tests).
    let select: HtmlSelectElement = root
        .query_selector("#lang")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    select.set_value("uk");
    select
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
    flush().await;
    assert_eq!(
        text_of(&root, "[data-testid=today-dose]").as_deref(),
        Some("1,5\u{a0}мг")
    );
    assert_eq!(
        document
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("uk")
    );

    handle.destroy();
    flush().await;
    root.remove();
}
