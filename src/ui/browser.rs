//! The edge to the browser: the date, languages, the URL, local storage,
//! files and printing (and the camera, `camera`). Every call tolerates a browser that refuses: nothing
//! here panics.

pub mod camera;

use crate::engine::date::{Date, TimeOfDay};
use crate::i18n::Lang;
use crate::model::saved::ReadProblem;
use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Today in the user's time zone. A clock outside 2000 to 2199 (broken)
/// gives the earliest date, which the screens show, so it is never hidden.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    );
    Date::from_ymd(y, m, d).unwrap_or(Date::EARLIEST)
}

/// The time of day now, in the user's time zone, to the minute.
pub fn time_now() -> Option<TimeOfDay> {
    let now = js_sys::Date::new_0();
    TimeOfDay::from_hm(now.get_hours(), now.get_minutes())
}

/// The browser's preferred language, among ours.
pub fn preferred_lang() -> Lang {
    let tags: Vec<String> = window()
        .map(|w| w.navigator().languages())
        .map(|langs| langs.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    Lang::from_preferences(tags.iter().map(String::as_str))
}

/// The page's query string (with `?`), or empty.
pub fn query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The app's own address, origin and path without the query (e.g.
/// `https://example.org/pharmacy/ldn/`): where a shared link must lead.
pub fn address() -> String {
    let Some(location) = window().map(|w| w.location()) else {
        return String::new();
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    format!("{origin}{path}")
}

/// Copies `text` to the clipboard, then tells `done` whether it worked.
/// Browsers refuse it outside a secure context, without permission or
/// where the API is missing: `done(false)`, never a panic.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let write = window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("clipboard")).ok())
        .filter(|c| c.is_object())
        .and_then(|clipboard| {
            let f = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")).ok()?;
            let f = f.dyn_into::<js_sys::Function>().ok()?;
            f.call1(&clipboard, &JsValue::from_str(text)).ok()
        })
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let Some(promise) = write else {
        return done(false);
    };
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Replaces the URL's query without reloading or adding history.
pub fn replace_query(query: &str) {
    let Some(w) = window() else { return };
    let path = w.location().pathname().unwrap_or_else(|_| "/".into());
    if let Ok(history) = w.history() {
        let url = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Sets `<html lang>` and the title for the chosen language.
pub fn set_document_language(lang: Lang, title: &str) {
    if let Some(doc) = window().and_then(|w| w.document()) {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
        doc.set_title(title);
    }
}

/// Local storage, if the browser allows it.
fn storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.local_storage().ok().flatten())
}

/// Why storage could not be used.
#[derive(Debug)]
pub enum SaveError {
    /// The browser refuses storage (disabled, private mode).
    Unavailable,
    /// The write was refused, most often for the quota.
    Refused,
}

/// What local storage holds under `key`.
pub fn load(key: &str) -> Result<Option<String>, SaveError> {
    let storage = storage().ok_or(SaveError::Unavailable)?;
    storage.get_item(key).map_err(|_| SaveError::Unavailable)
}

pub fn save(key: &str, value: &str) -> Result<(), SaveError> {
    let storage = storage().ok_or(SaveError::Unavailable)?;
    storage.set_item(key, value).map_err(|_| SaveError::Refused)
}

/// The element the app renders into, if the page has it.
pub fn app_root() -> Option<web_sys::Element> {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-root"))
}

/// Sets the drop-down `id` to the option of `value` (when the page did not
/// follow a choice made in it).
pub fn set_select_value(id: &str, value: &str) {
    if let Some(select) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
    {
        select.set_value(value);
    }
}

/// The text now in the input or text area an event came from.
pub fn input_value(e: &web_sys::Event) -> String {
    let Some(target) = e.target() else {
        return String::new();
    };
    match target.dyn_into::<web_sys::HtmlInputElement>() {
        Ok(input) => input.value(),
        Err(other) => other
            .dyn_into::<web_sys::HtmlTextAreaElement>()
            .map(|t| t.value())
            .unwrap_or_default(),
    }
}

/// Whether the checkbox an event came from is ticked.
pub fn is_checked(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// The option chosen in the select an event came from.
pub fn selected_index(e: &web_sys::Event) -> Option<usize> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .and_then(|s| usize::try_from(s.selected_index()).ok())
}

/// Reads the file chosen in the file input an event came from, then clears
/// the input (so the same file can be chosen again) and hands the text on.
pub fn read_chosen(e: &web_sys::Event, done: impl FnOnce(Result<String, ReadProblem>) + 'static) {
    let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return done(Err(ReadProblem::FileUnreadable));
    };
    wasm_bindgen_futures::spawn_local(async move {
        let result = read_chosen_file(&input).await;
        input.set_value("");
        done(result);
    });
}

/// Offers `text` as a file download of type `mime`.
pub fn download(file_name: &str, mime: &str, text: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    // gloo's `unwrap_throw`s here cannot fire: the Blob constructor throws
    // only for parts that are not a sequence (ours is one string), and
    // `URL.createObjectURL` only for what is not a Blob. The URL is revoked
    // when `url` is dropped, after the click has started the download.
    let url = gloo_file::ObjectUrl::from(gloo_file::Blob::new_with_options(text, Some(mime)));
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
}

/// Reads the first file chosen in a file input.
async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Result<String, ReadProblem> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .map(gloo_file::File::from)
        .ok_or(ReadProblem::FileUnreadable)?;
    // Local storage holds about 5 MB, so no saved-batches file is larger;
    // a larger one is refused before it is read.
    if file.size() > 5_000_000 {
        return Err(ReadProblem::FileTooLarge);
    }
    gloo_file::futures::read_as_text(&file)
        .await
        .map_err(|_| ReadProblem::FileUnreadable)
}

/// Fits every small label on the page (a label stock of its own; its
/// preview is true to size) to its printable height (`data-printable`, in
/// tenths of a millimetre): from the type size the view chose by rule
/// (`data-density-rule`), smaller until the text is no taller than the
/// label, and the contents line dropped if even the smallest is. The
/// view's rule is right for most labels; this catches the fonts and names
/// the rule's character counts misjudge, so a label never spills.
pub fn fit_small_labels() -> bool {
    const LEVELS: [&str; 3] = ["normal", "compact", "dense"];
    let Some(list) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(".print-label[data-printable]").ok())
    else {
        return false;
    };
    let mut spills = false;
    // A label no longer on a stock (A4 chosen) keeps no old mark.
    if let Some(marked) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(".print-label[data-spills]").ok())
    {
        for i in 0..marked.length() {
            if let Some(label) = marked
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = label.remove_attribute("data-spills");
            }
        }
    }
    for i in 0..list.length() {
        let Some(label) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        // Tenths of a millimetre in CSS pixels (96 per inch): layout, not
        // dose arithmetic.
        let Some(printable_px) = label
            .get_attribute("data-printable")
            .and_then(|t| t.parse::<u32>().ok())
            .map(|tenths| f64::from(tenths) / 10.0 * 96.0 / 25.4)
        else {
            continue;
        };
        // No grace: a label a hair over its height in this layout may
        // still print on one page, but one a hair under may not (measured:
        // half a pixel's grace let two Ukrainian 62 x 50 mm labels spill).
        let fits = |label: &web_sys::HtmlElement| f64::from(label.offset_height()) <= printable_px;
        let rule = label.get_attribute("data-density-rule").unwrap_or_default();
        let from = LEVELS.iter().position(|l| *l == rule).unwrap_or(0);
        let _ = label.remove_attribute("data-drop");
        // Not laid out (hidden): nothing to measure, the rule stands.
        if label.offset_height() == 0 {
            let _ = label.set_attribute("data-density", LEVELS[from]);
            continue;
        }
        let mut fitted = false;
        for level in &LEVELS[from..] {
            let _ = label.set_attribute("data-density", level);
            if fits(&label) {
                fitted = true;
                break;
            }
        }
        if !fitted {
            let _ = label.set_attribute("data-drop", "contents");
            // Still too tall: it must not be printed on this stock.
            if !fits(&label) {
                let _ = label.set_attribute("data-spills", "true");
                spills = true;
            }
        }
    }
    spills
}

/// Whether a label on the page spills off its stock (`fit_small_labels`).
pub fn label_spills() -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".print-label[data-spills]").ok())
        .flatten()
        .is_some()
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// A performance mark the benchmark reads.
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Says the page is ready: the `ldn-ready` mark (for the benchmark) and
/// event, on which `pwa/register.js` starts the service worker, so its
/// downloads for offline use never compete with the first visit's.
pub fn announce_ready() {
    mark("ldn-ready");
    let Some(w) = window() else { return };
    let _ = js_sys::Reflect::set(&w, &JsValue::from_str("ldnReady"), &JsValue::TRUE);
    if let Ok(event) = web_sys::Event::new("ldn-ready") {
        let _ = w.dispatch_event(&event);
    }
}

/// Installs `lang`'s texts if they are not there yet; true if they are now.
/// The page downloads only the language it shows (`pwa/start.js` begins
/// with its best guess while the WebAssembly downloads); another is
/// fetched when chosen, from the service worker's cache once the app has
/// been used online.
pub async fn load_language(lang: Lang) -> bool {
    if crate::i18n::installed(lang) {
        return true;
    }
    // The download start.js began, if it guessed this language (and it is
    // this build's file), else our own.
    if let Some(text) = prefetched_text(lang.code()).await {
        if crate::i18n::install(lang, text).is_ok() {
            return true;
        }
    }
    match fetch_text(crate::i18n::file_name(lang)).await {
        Some(text) => crate::i18n::install(lang, text).is_ok(),
        None => false,
    }
}

/// Loads `wanted`'s texts, or else the first other language's that loads:
/// the language the page can be shown in, or None if none can.
pub async fn load_some_language(wanted: Lang) -> Option<Lang> {
    if load_language(wanted).await {
        return Some(wanted);
    }
    for other in Lang::ALL.into_iter().filter(|l| *l != wanted) {
        if load_language(other).await {
            return Some(other);
        }
    }
    None
}

/// Loads `lang` (at once if it is there), then tells `done` whether it
/// can be shown.
pub fn with_language(lang: Lang, done: impl FnOnce(bool) + 'static) {
    if crate::i18n::installed(lang) {
        return done(true);
    }
    wasm_bindgen_futures::spawn_local(async move { done(load_language(lang).await) });
}

/// Runs `task` on the page's event loop.
pub fn spawn(task: impl std::future::Future<Output = ()> + 'static) {
    wasm_bindgen_futures::spawn_local(task);
}

/// The text at `url` (same origin), or None if it could not be fetched.
async fn fetch_text(url: &str) -> Option<String> {
    let w = window()?;
    let response = wasm_bindgen_futures::JsFuture::from(w.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
        .await
        .ok()?;
    text.as_string()
}

/// The texts `pwa/start.js` began downloading before the WebAssembly
/// started, if they are those of the language `code` (its guess from the
/// same rule as the app's may differ: then None, and the app fetches).
async fn prefetched_text(code: &str) -> Option<String> {
    let w = window()?;
    let started = js_sys::Reflect::get(&w, &JsValue::from_str("ldnLangText")).ok()?;
    let guessed = js_sys::Reflect::get(&started, &JsValue::from_str("code")).ok()?;
    if guessed.as_string().as_deref() != Some(code) {
        return None;
    }
    let promise = js_sys::Reflect::get(&started, &JsValue::from_str("text"))
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}

/// Shows the page's own "could not start" message (no language's texts
/// could be loaded, so the app has no words to say it with).
pub fn show_start_failed() {
    if let Some(e) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("start-failed"))
    {
        let _ = e.remove_attribute("hidden");
    }
}

/// Calls `notify` once a new version of the app is waiting (see
/// `pwa/register.js`), also if it was already waiting before the app started.
pub fn on_update_ready(notify: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    let already =
        js_sys::Reflect::get(&w, &JsValue::from_str("ldnUpdateReady")).is_ok_and(|v| v.is_truthy());
    if already {
        notify();
    }
    // The listener lives as long as the page.
    gloo_events::EventListener::new(&w, "ldn-update-ready", move |_| notify()).forget();
}

/// Calls `shown` whenever the page is shown again (the phone unlocked,
/// the tab brought back, the page restored from the back/forward cache),
/// for the page to check what day it is.
pub fn on_page_shown(shown: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    let shown = std::rc::Rc::new(shown);
    let listen = |target: &web_sys::EventTarget, event: &'static str| {
        let shown = shown.clone();
        // The listeners live as long as the page.
        gloo_events::EventListener::new(target, event, move |_| shown()).forget();
    };
    listen(&w, "focus");
    listen(&w, "pageshow");
    if let Some(doc) = w.document() {
        listen(&doc, "visibilitychange");
    }
}

/// Moves the keyboard focus to the element `node` holds, if any.
pub fn focus(node: &yew::NodeRef) {
    if let Some(e) = node.cast::<web_sys::HtmlElement>() {
        let _ = e.focus();
    }
}

/// Whether the focus is inside the element `node` holds, or nowhere (on
/// the page's body: the focused element was just removed).
pub fn focus_within_or_lost(node: &yew::NodeRef) -> bool {
    let Some(active) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return true;
    };
    let on_body = active.tag_name().eq_ignore_ascii_case("body");
    on_body
        || node
            .cast::<web_sys::Element>()
            .is_some_and(|e| e.contains(Some(&active)))
}

/// Moves the focus to the first element matching `selector` once the
/// page has been drawn (after the current render, which may add it).
pub fn focus_later(selector: impl Into<String>) {
    let selector: String = selector.into();
    wasm_bindgen_futures::spawn_local(async move {
        let found = window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(e) = found {
            let _ = e.focus();
        }
    });
}

/// Calls `changed` when another tab or window of this origin writes to
/// local storage (the browser's `storage` event; never for this page's own
/// writes).
pub fn on_storage_changed(changed: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    // The listener lives as long as the page.
    gloo_events::EventListener::new(&w, "storage", move |_| changed()).forget();
}

/// Calls `printing` when the browser is about to print the page, however
/// it was asked (the app's buttons, Ctrl+P, the browser's menu).
pub fn on_before_print(printing: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    // The listener lives as long as the page.
    gloo_events::EventListener::new(&w, "beforeprint", move |_| printing()).forget();
}

/// Activates the waiting version and reloads (or just reloads).
pub fn apply_update() {
    let Some(w) = window() else { return };
    let apply = js_sys::Reflect::get(&w, &JsValue::from_str("ldnApplyUpdate"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match apply {
        Some(f) => {
            let _ = f.call0(&w);
        }
        None => {
            let _ = w.location().reload();
        }
    }
}
