//! The edge to the browser: the date, languages, the URL, local storage,
//! files and printing. Every call tolerates a browser that refuses: nothing
//! here panics.

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
