//! Scanning the tablet pack: the field a keyboard-wedge scanner types into,
//! what was read (or why not), and the button that puts the lot and expiry
//! into the record.

use super::controls::control;
use crate::model::state::Action;
use crate::ui::browser::camera::VIDEO_ID;
use crate::view::pack_scan::{CameraView, PackRead, PackScanView};
use yew::prelude::*;

pub fn pack_scan(v: &PackScanView, dispatch: &Callback<Action>) -> Html {
    html! {
        <section class="pack-scan" data-testid="pack-scan" aria-labelledby="pack-scan-heading">
            <h3 id="pack-scan-heading">{ v.heading }</h3>
            // A scanner ends with Enter: in a form of its own, Enter never
            // saves the batch before the pharmacist has checked the read.
            <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { control(&v.field, dispatch) }
                <p class="hint">{ v.hint }</p>
            </form>
            { camera(v.camera.as_ref(), dispatch) }
            { read(v.read.as_ref(), dispatch) }
        </section>
    }
}

fn camera(camera: Option<&CameraView>, dispatch: &Callback<Action>) -> Html {
    match camera {
        None => html! {},
        Some(CameraView::Ready { start, problem }) => {
            let (label, action) = start.clone();
            html! {
                <div class="pack-camera" data-testid="pack-camera">
                    <button type="button" data-testid="pack-camera-start" onclick={dispatch.reform(move |_| action.clone())}>{ label }</button>
                    if let Some(text) = problem {
                        <p class="notice" role="status" data-testid="pack-camera-problem">{ *text }</p>
                    }
                </div>
            }
        }
        Some(CameraView::Reading {
            picture,
            hint,
            stop,
        }) => {
            let (label, action) = stop.clone();
            html! {
                <div class="pack-camera" data-testid="pack-camera">
                    <video id={VIDEO_ID} aria-label={*picture} muted=true playsinline=true></video>
                    <p class="hint">{ *hint }</p>
                    <button type="button" data-testid="pack-camera-stop" onclick={dispatch.reform(move |_| action.clone())}>{ label }</button>
                </div>
            }
        }
    }
}

fn read(read: Option<&PackRead>, dispatch: &Callback<Action>) -> Html {
    match read {
        None => html! {},
        Some(PackRead::Problem(text)) => html! {
            <p class="notice error" role="status" data-testid="pack-problem">{ text }</p>
        },
        Some(PackRead::Read {
            rows,
            rebuilt,
            expired,
            product_new,
            button,
        }) => {
            let (label, action) = button.clone();
            html! {
                <div class="pack-read" data-testid="pack-read">
                    <table class="record-rows">
                        <tbody>
                            { for rows.iter().map(|(label, value, field)| html! {
                                <tr data-field={*field}><th scope="row">{ label }</th><td>{ value }</td></tr>
                            }) }
                        </tbody>
                    </table>
                    if let Some(text) = rebuilt {
                        <p class="notice" role="status" data-testid="pack-rebuilt">{ *text }</p>
                    }
                    if let Some(text) = product_new {
                        <p class="hint" data-testid="pack-product-new">{ *text }</p>
                    }
                    if let Some(text) = expired {
                        <p class="notice error" role="alert" data-testid="pack-expired">{ text }</p>
                    }
                    <button type="button" data-testid="pack-use" onclick={dispatch.reform(move |_| action.clone())}>{ label }</button>
                </div>
            }
        }
    }
}
