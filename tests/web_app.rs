//! Component tests in headless Chromium (wasm-bindgen-test-runner): the app
//! renders each screen, recomputes on input and shows inline errors.
//!
//! No test sleeps: after each action a test awaits `yew::scheduler::flush()`,
//! which returns once Yew's scheduler has run every pending create, render
//! and rendered step, and so every effect too (the save to local storage,
//! the address bar's `replaceState`). Each test mounts its own app and
//! unmounts it at the end, so nothing carries over to the next test.
#![cfg(target_arch = "wasm32")]

use ldn_calc::ui::App;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement, InputEvent};
use yew::scheduler::flush;
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    /// The app the running test mounted, and its root element.
    static MOUNTED: RefCell<Option<(AppHandle<App>, Element)>> = const { RefCell::new(None) };
}

/// Destroys the mounted app, waits until Yew has removed its DOM, and
/// removes its root element. Every test calls it at its end.
async fn unmount() {
    let (handle, root) = MOUNTED
        .with(|m| m.borrow_mut().take())
        .expect("no app is mounted");
    handle.destroy();
    flush().await;
    assert_eq!(
        root.child_nodes().length(),
        0,
        "the app's DOM is still there after destroy"
    );
    root.remove();
}

/// Mounts the app on a clean page (no saved data, `?lang=en`) and waits for
/// its first render and effects. Returns the app's root element.
async fn mount_app() -> Element {
    // A test that failed did not reach its `unmount`: do it for it here, so
    // one failure does not make every later test fail too.
    if MOUNTED.with(|m| m.borrow().is_some()) {
        console_log!("an earlier test left its app mounted (it failed?): unmounting it");
        unmount().await;
    }
    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    assert!(
        document.query_selector("[data-ready]").unwrap().is_none(),
        "an app from an earlier test is still in the page"
    );
    window.local_storage().unwrap().unwrap().clear().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("?lang=en"))
        .unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    MOUNTED.with(|m| *m.borrow_mut() = Some((handle, root.clone())));
    flush().await;
    root
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

/// What the app has saved in local storage.
fn saved_text() -> Option<String> {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("ldn-calc")
        .unwrap()
}

fn text_of(root: &Element, selector: &str) -> Option<String> {
    find(root, selector).and_then(|e| e.text_content())
}

fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).unwrap().dyn_into().unwrap();
    input.set_value(value);
    input
        .dispatch_event(&InputEvent::new("input").unwrap())
        .unwrap();
}

fn choose(root: &Element, selector: &str, index: i32) {
    let select: HtmlSelectElement = find(root, selector).unwrap().dyn_into().unwrap();
    select.set_selected_index(index);
    select
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
}

fn click(root: &Element, selector: &str) {
    find(root, selector)
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

/// Clicks the button whose text is `name` (panics if there is none).
fn click_button(root: &Element, name: &str) {
    let buttons = root.query_selector_all("button").unwrap();
    let button = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .find(|b| b.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no button named {name:?}"));
    button.dyn_into::<HtmlElement>().unwrap().click();
}

fn click_tab(root: &Element, n: usize) {
    let tabs = root.query_selector_all(".tab").unwrap();
    tabs.item(n as u32)
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

#[wasm_bindgen_test]
async fn prepare_screen_shows_the_classic_recipe() {
    let root = mount_app().await;
    assert!(find(&root, "[data-ready=\"true\"]").is_some());
    assert_eq!(
        text_of(&root, "[data-testid=concentration]").as_deref(),
        Some("1\u{a0}mg/mL")
    );
    assert_eq!(
        text_of(&root, "[data-testid=final-volume]").as_deref(),
        Some("50\u{a0}mL")
    );
    // 1.5 mg a day from 50 mL: 33 doses, outlasts 30 days.
    assert_eq!(
        text_of(&root, "[data-testid=doses-per-batch]").as_deref(),
        Some("33")
    );
    assert!(find(&root, "[data-warning=outlasts-use-by]").is_some());
    assert_eq!(
        root.query_selector_all("[data-testid=advice]")
            .unwrap()
            .length(),
        3
    );
    unmount().await;
}

#[wasm_bindgen_test]
async fn typing_a_volume_recomputes_and_errors_mark_results_stale() {
    let root = mount_app().await;
    type_into(&root, "#tablets", "3");
    type_into(&root, "#volume", "140");
    flush().await;
    assert_eq!(
        text_of(&root, "[data-testid=concentration]").as_deref(),
        Some("1.071\u{a0}mg/mL")
    );
    // The address bar is updated by an effect after the render: flush ran it.
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert!(
        search.contains("tablets=3") && search.contains("volume=140"),
        "{search}"
    );
    type_into(&root, "#volume", "14o");
    flush().await;
    assert!(find(&root, "[data-error=volume]").is_some());
    assert!(find(&root, ".results[data-stale=\"true\"]").is_some());
    // The last valid figure stays, marked stale, never as current.
    assert_eq!(
        text_of(&root, "[data-testid=concentration]").as_deref(),
        Some("1.071\u{a0}mg/mL")
    );
    unmount().await;
}

#[wasm_bindgen_test]
async fn dose_screen_draws_and_warns() {
    let root = mount_app().await;
    click_tab(&root, 1);
    flush().await;
    type_into(&root, "#dose", "4,5");
    choose(&root, "#syringe", 3); // 5 mL, marks every 0.2 mL
    flush().await;
    // 4.5 mL is a tie between 4.4 and 4.6: the smaller.
    assert_eq!(
        text_of(&root, "[data-testid=draw-volume]").as_deref(),
        Some("4.4\u{a0}mL")
    );
    assert_eq!(
        text_of(&root, "[data-testid=delivered-dose]").as_deref(),
        Some("4.4\u{a0}mg")
    );
    assert!(find(&root, "svg[role=img]").is_some());
    choose(&root, "#syringe", 1); // 1 mL: too small
    flush().await;
    assert!(find(&root, "[data-warning=over-capacity]").is_some());
    choose(&root, "#syringe", 3);
    flush().await;
    assert!(find(&root, "[data-warning=over-capacity]").is_none());
    unmount().await;
}

#[wasm_bindgen_test]
async fn twice_a_day_is_judged_by_the_daily_total() {
    let root = mount_app().await;
    click_tab(&root, 1);
    flush().await;
    type_into(&root, "#dose", "4,5");
    choose(&root, "#syringe", 3); // 5 mL
    flush().await;
    // 4.5 mg once a day: the top of the LDN range, not above it.
    assert!(find(&root, "[data-warning=above-ldn-range]").is_none());
    click(&root, "#per-day-1"); // twice a day: 2 x 4.5 = 9 mg a day
    flush().await;
    let text = text_of(&root, "[data-warning=above-ldn-range]").unwrap();
    assert!(
        text.replace('\u{a0}', " ")
            .starts_with("9 mg a day (4.5 mg twice a day) is above 4.5 mg a day"),
        "{text}"
    );
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert!(search.contains("times=2"), "{search}");
    click(&root, "#per-day-0");
    flush().await;
    assert!(find(&root, "[data-warning=above-ldn-range]").is_none());
    unmount().await;
}

#[wasm_bindgen_test]
async fn language_switch_uses_the_decimal_comma() {
    let root = mount_app().await;
    choose(&root, "#lang", 1); // Norsk bokmål
    flush().await;
    type_into(&root, "#tablets", "3");
    type_into(&root, "#volume", "140");
    flush().await;
    assert_eq!(
        text_of(&root, "[data-testid=concentration]").as_deref(),
        Some("1,071\u{a0}mg/ml")
    );
    assert_eq!(text_of(&root, "h1").as_deref(), Some("LDN-kalkulator"));
    unmount().await;
}

#[wasm_bindgen_test]
async fn batches_save_and_track_doses() {
    let root = mount_app().await;
    click_tab(&root, 3);
    flush().await;
    type_into(&root, "#batch-name", "Test batch");
    click(&root, "button[type=submit]");
    flush().await;
    assert_eq!(
        root.query_selector_all("[data-testid=batch]")
            .unwrap()
            .length(),
        1
    );
    assert_eq!(
        text_of(&root, "[data-testid=batch] h3").as_deref(),
        Some("Test batch")
    );
    click_button(&root, "Mark a dose taken");
    flush().await;
    assert_eq!(
        text_of(&root, "[data-testid=ml-left]").map(|t| t.starts_with("Left in the bottle: 48.5")),
        Some(true)
    );
    // Saving is an effect after the render: flush ran it.
    let stored = saved_text().unwrap();
    assert!(stored.contains("\"taken\":1"));

    // "Use for a dose": the Dose screen draws from this batch.
    click_button(&root, "Use for a dose");
    flush().await;
    assert!(find(&root, "#saved-batch").is_some());
    assert_eq!(
        text_of(&root, "[data-testid=draw-volume]").as_deref(),
        Some("1.5\u{a0}mL")
    );
    unmount().await;
}

#[wasm_bindgen_test]
async fn plan_screen_lists_days_and_steps_back() {
    let root = mount_app().await;
    click_tab(&root, 2);
    flush().await;
    type_into(&root, "#pstart", "2026-03-01");
    type_into(&root, "#pdays", "30");
    flush().await;
    assert_eq!(
        root.query_selector_all(".plan-table tbody tr")
            .unwrap()
            .length(),
        30
    );
    assert_eq!(
        text_of(&root, "tr[data-date=\"2026-03-15\"] [data-col=dose]").as_deref(),
        Some("2\u{a0}mg")
    );
    // The day's date opens its menu; the menu's first button steps back.
    click(&root, "tr[data-date=\"2026-03-10\"] button");
    flush().await;
    click(&root, "tr[data-menu-for=\"2026-03-10\"] button");
    flush().await;
    assert_eq!(
        text_of(&root, "tr[data-date=\"2026-03-10\"] [data-col=dose]").as_deref(),
        Some("0.75\u{a0}mg")
    );
    assert_eq!(
        text_of(&root, "tr[data-date=\"2026-03-15\"] [data-col=dose]").as_deref(),
        Some("1.5\u{a0}mg")
    );
    unmount().await;
}

#[wasm_bindgen_test]
async fn the_diary_marks_a_dose_with_the_time_and_notes_side_effects() {
    let root = mount_app().await;
    click_tab(&root, 2);
    flush().await;
    // The default plan starts today: 1.5 mg, marked with one tap at the
    // browser's time of day; then nothing more is due today.
    click(&root, "[data-testid=diary-take]");
    flush().await;
    assert!(find(&root, "[data-testid=diary-take]").is_none());
    let entry = find(&root, "[data-testid=diary-entry]").unwrap();
    let when = text_of(&entry, "time").unwrap();
    assert!(when.contains(':'), "no time of day in {when:?}");
    assert!(text_of(&root, "[data-testid=diary-entry]")
        .unwrap()
        .contains("Taken as planned: 1.5\u{a0}mg"));
    // Another side effect, said in the note (a text area).
    click(&root, "#diary-other");
    let note: web_sys::HtmlTextAreaElement =
        find(&root, "#diary-note").unwrap().dyn_into().unwrap();
    note.set_value("itchy skin\nin the evening");
    note.dispatch_event(&InputEvent::new("input").unwrap())
        .unwrap();
    flush().await;
    click_button(&root, "Save in the diary");
    flush().await;
    assert_eq!(
        root.query_selector_all("[data-testid=diary-entry]")
            .unwrap()
            .length(),
        2
    );
    let stored = saved_text().unwrap_or_default();
    assert!(stored.contains("itchy skin\\nin the evening"), "{stored}");
    assert!(stored.contains("\"effects\":[\"other\"]"), "{stored}");
    unmount().await;
}

#[wasm_bindgen_test]
async fn one_microgram_shows_two_dilution_steps_for_the_pharmacy() {
    let root = mount_app().await;
    click_tab(&root, 1);
    flush().await;
    choose(&root, "#syringe", 1); // 1 mL (marks every 0.01 mL)
    choose(&root, "#dose-unit", 1); // mcg
    flush().await;
    type_into(&root, "#dose", "1");
    flush().await;
    // 1 mcg reads like the LDN dose 1 mg: nothing until it is confirmed.
    assert!(root
        .query_selector("[data-warning=dose-unit-unusual]")
        .unwrap()
        .is_some());
    assert_eq!(
        root.query_selector_all("[data-testid=dilution-step]")
            .unwrap()
            .length(),
        0
    );
    click_button(&root, "Yes, 1\u{a0}mcg is right (ultra-low dose)");
    flush().await;
    assert_eq!(
        root.query_selector_all("[data-testid=dilution-step]")
            .unwrap()
            .length(),
        2
    );
    assert_eq!(
        root.query_selector_all("[data-testid=dilution-label]")
            .unwrap()
            .length(),
        2
    );
    let draw = text_of(&root, "[data-testid=dilution-draw]").unwrap();
    assert!(
        draw.ends_with("1\u{a0}mcg: draw 0.2\u{a0}mL, which gives 1\u{a0}mcg"),
        "{draw}"
    );
    unmount().await;
}

#[wasm_bindgen_test]
async fn the_cycle_asks_for_chemotherapy_dates_and_the_plan_names_a_syringe() {
    let root = mount_app().await;
    click_tab(&root, 2);
    flush().await;
    assert!(find(&root, "[data-testid=checkpoint-caution]").is_some());
    assert!(find(&root, "#pchemo").is_none());
    click(&root, "#pcycle");
    flush().await;
    type_into(&root, "#pchemo", "2026-13-01");
    flush().await;
    assert_eq!(
        text_of(&root, "[data-error=pchemo]").as_deref(),
        Some("“2026-13-01”: There is no such day.")
    );
    type_into(&root, "#pchemo", "2026-12-01");
    flush().await;
    assert!(find(&root, "[data-error=pchemo]").is_none());
    let panel = find(&root, "[data-testid=plan-syringe]").unwrap();
    assert_eq!(panel.get_attribute("data-fit").as_deref(), Some("none"));
    unmount().await;
}

/// Chooses a file with `text` in the import input, as a person would.
fn choose_file(root: &Element, name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let chosen = web_sys::DataTransfer::new().unwrap();
    chosen.items().add_with_file(&file).unwrap();
    let input: HtmlInputElement = find(root, "#import").unwrap().dyn_into().unwrap();
    input.set_files(chosen.files().as_ref());
    input
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
}

/// Waits (up to 2 s, in 10 ms steps) until `selector` matches: the file is
/// read by the browser's FileReader, outside Yew's scheduler.
async fn until_found(root: &Element, selector: &str) -> Element {
    for _ in 0..200 {
        flush().await;
        if let Some(found) = find(root, selector) {
            return found;
        }
        let tick = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
    }
    panic!("{selector} never appeared");
}

/// Import goes through gloo-file and serde: a file with an unknown field
/// is refused with its name and batch, a good one adds its batches.
#[wasm_bindgen_test]
async fn importing_a_file_reads_it_through_serde() {
    let root = mount_app().await;
    click_tab(&root, 3);
    flush().await;
    let batch = r#"{"id":1,"name":"Imported","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"4.5","draw_ml":"4.5","per_day":1}"#;
    let unknown = format!(
        r#"{{"version":1,"batches":[{batch},{}]}}"#,
        batch.replace("\"per_day\":1", "\"per_day\":1,\"dosis\":2")
    );
    choose_file(&root, "unknown.json", &unknown);
    let error = until_found(&root, "[data-testid=import-error]").await;
    assert!(
        error
            .text_content()
            .unwrap()
            .contains("batch 2: “dosis” is not something this app saves"),
        "{:?}",
        error.text_content()
    );
    assert!(find(&root, "[data-testid=batch]").is_none());

    choose_file(
        &root,
        "good.json",
        &format!(r#"{{"version":1,"batches":[{batch},{batch}]}}"#),
    );
    let done = until_found(&root, "[data-testid=import-done]").await;
    assert!(done.text_content().unwrap().contains("Imported 2 batches."));
    assert_eq!(
        root.query_selector_all("[data-testid=batch]")
            .unwrap()
            .length(),
        2
    );
    unmount().await;
}
