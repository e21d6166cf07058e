//! The edge to the camera: reading a tablet pack's DataMatrix code with the
//! browser's own `BarcodeDetector` (Chrome on Android and macOS), so no
//! reader is downloaded. Where the browser has none, `probe` says so and
//! no button is shown. Everything goes through `js_sys::Reflect`
//! (`BarcodeDetector` has no web-sys binding); every call tolerates a
//! browser that refuses, and nothing here panics.

use crate::model::pack_camera::{CameraProblem, READ_SECONDS};
use js_sys::{Array, Function, Object, Promise, Reflect};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The `id` of the `video` element the camera's picture is shown in.
pub const VIDEO_ID: &str = "pack-camera-video";

/// How often the picture is looked at for a code.
const LOOK_EVERY_MS: i32 = 250;

fn get(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Calls `target.name(args...)` and awaits the promise it returns.
async fn call(target: &JsValue, name: &str, args: &Array) -> Result<JsValue, JsValue> {
    let method: Function = get(target, name)
        .ok_or(JsValue::NULL)?
        .dyn_into()
        .map_err(|_| JsValue::NULL)?;
    let promise: Promise = Reflect::apply(&method, target, args)?
        .dyn_into()
        .map_err(|_| JsValue::NULL)?;
    JsFuture::from(promise).await
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (name, value) in pairs {
        // Setting a property on a plain new object cannot fail.
        let _ = Reflect::set(&o, &JsValue::from_str(name), value);
    }
    o.into()
}

/// Tells `done` whether this browser reads DataMatrix codes and has a
/// camera API.
pub fn probe(done: impl FnOnce(bool) + 'static) {
    wasm_bindgen_futures::spawn_local(async move { done(reads_data_matrix().await) });
}

async fn reads_data_matrix() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let window: JsValue = window.into();
    let (Some(detector), Some(navigator)) =
        (get(&window, "BarcodeDetector"), get(&window, "navigator"))
    else {
        return false;
    };
    if get(&navigator, "mediaDevices").is_none() {
        return false;
    }
    match call(&detector, "getSupportedFormats", &Array::new()).await {
        Ok(formats) => Array::from(&formats).includes(&JsValue::from_str("data_matrix"), 0),
        Err(_) => false,
    }
}

/// A camera read under way; `stop` ends it (the camera is turned off and
/// nothing is reported).
pub struct Reading {
    stopped: Rc<Cell<bool>>,
}

impl Reading {
    pub fn stop(&self) {
        self.stopped.set(true);
    }
}

/// Turns the camera on, shows its picture in `VIDEO_ID` and looks for a
/// DataMatrix code until one is read (`done(Ok(text))`), `READ_SECONDS`
/// pass or the camera cannot be used (`done(Err(why))`), or `stop`.
pub fn read_pack(done: impl FnOnce(Result<String, CameraProblem>) + 'static) -> Reading {
    let stopped = Rc::new(Cell::new(false));
    let flag = stopped.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = read(&flag).await;
        if !flag.get() {
            done(result);
        }
    });
    Reading { stopped }
}

/// The camera's stream, turned off when dropped (however the read ends).
struct Stream(JsValue);

impl Drop for Stream {
    fn drop(&mut self) {
        let Some(get_tracks) =
            get(&self.0, "getTracks").and_then(|f| f.dyn_into::<Function>().ok())
        else {
            return;
        };
        if let Ok(tracks) = get_tracks.call0(&self.0) {
            for track in Array::from(&tracks).iter() {
                if let Some(stop) = get(&track, "stop").and_then(|f| f.dyn_into::<Function>().ok())
                {
                    let _ = stop.call0(&track);
                }
            }
        }
    }
}

async fn read(stopped: &Cell<bool>) -> Result<String, CameraProblem> {
    let window = web_sys::window().ok_or(CameraProblem::Unavailable)?;
    let media = get(&window.navigator(), "mediaDevices").ok_or(CameraProblem::Unavailable)?;
    // The back camera where there are two; no sound.
    let constraints = object(&[
        (
            "video",
            object(&[("facingMode", JsValue::from_str("environment"))]),
        ),
        ("audio", JsValue::FALSE),
    ]);
    let stream = call(&media, "getUserMedia", &Array::of1(&constraints))
        .await
        .map_err(
            |e| match get(&e, "name").and_then(|n| n.as_string()).as_deref() {
                Some("NotAllowedError" | "SecurityError") => CameraProblem::Denied,
                _ => CameraProblem::Unavailable,
            },
        )?;
    let stream = Stream(stream);
    let video: JsValue = window
        .document()
        .and_then(|d| d.get_element_by_id(VIDEO_ID))
        .ok_or(CameraProblem::Unavailable)?
        .into();
    // Muted and inline: a picture the browser plays without a gesture.
    for (name, value) in [
        ("muted", &JsValue::TRUE),
        ("playsInline", &JsValue::TRUE),
        ("srcObject", &stream.0),
    ] {
        Reflect::set(&video, &JsValue::from_str(name), value)
            .map_err(|_| CameraProblem::Unavailable)?;
    }
    call(&video, "play", &Array::new())
        .await
        .map_err(|_| CameraProblem::Unavailable)?;
    let detector_class: Function = get(&window, "BarcodeDetector")
        .and_then(|c| c.dyn_into().ok())
        .ok_or(CameraProblem::Unavailable)?;
    let formats = Array::of1(&JsValue::from_str("data_matrix"));
    let detector = Reflect::construct(
        &detector_class,
        &Array::of1(&object(&[("formats", formats.into())])),
    )
    .map_err(|_| CameraProblem::Unavailable)?;
    let looks = READ_SECONDS as i32 * 1000 / LOOK_EVERY_MS;
    for _ in 0..looks {
        if stopped.get() {
            return Err(CameraProblem::Unavailable);
        }
        // A frame that cannot be read yet (the picture is starting) is
        // looked at again.
        if let Ok(codes) = call(&detector, "detect", &Array::of1(&video)).await {
            let text = Array::from(&codes)
                .iter()
                .find_map(|code| get(&code, "rawValue").and_then(|v| v.as_string()));
            if let Some(text) = text {
                return Ok(text);
            }
        }
        sleep(&window, LOOK_EVERY_MS).await;
    }
    Err(CameraProblem::NothingRead)
}

async fn sleep(window: &web_sys::Window, ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}
