//! "Share with the patient": the patient link in a read-only field, a
//! "Copy link" button (with what happened, in words) and the link's QR code.

use crate::ui::browser;
use crate::view::qr::QrPicture;
use crate::view::share::{ShareLink, ShareView};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub view: Rc<ShareView>,
}

/// The QR code of `link` (or why there is none), with its test id.
pub fn link_qr(link: &ShareLink, testid: &'static str) -> Html {
    match &link.qr {
        Ok(qr) => qr_svg(qr, link.qr_label, testid),
        Err(text) => html! { <p class="notice" data-testid="share-qr-too-long">{ *text }</p> },
    }
}

fn qr_code(qr: &QrPicture, label: &'static str) -> Html {
    qr_svg(qr, label, "share-qr")
}

fn qr_svg(qr: &QrPicture, label: &'static str, testid: &'static str) -> Html {
    html! {
        <svg class="qr" data-testid={testid} viewBox={qr.view_box()} role="img" aria-label={label}
            shape-rendering="crispEdges">
            <rect class="qr-light" width={qr.side_attr()} height={qr.side_attr()} />
            <path class="qr-dark" d={qr.path.clone()} />
        </svg>
    }
}

#[derive(Properties, PartialEq)]
struct LinkProps {
    link: ShareLink,
}

/// The link, its copy button and its QR code. Whether the last copy worked
/// is this box's own state: it says so until the link changes.
#[component]
fn Link(props: &LinkProps) -> Html {
    let l = &props.link;
    let copied = use_state(|| None::<bool>);
    {
        let copied = copied.clone();
        use_effect_with(l.url.clone(), move |_| copied.set(None));
    }
    let onclick = {
        let copied = copied.clone();
        let url = l.url.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            browser::copy_text(&url, move |ok| copied.set(Some(ok)));
        })
    };
    html! {
        <>
            if let Some(text) = &l.check_first {
                <p class="notice" role="status" data-testid="share-check">{ text }</p>
            }
            <div class="field">
                <label for="share-link">{ l.label }</label>
                <input id="share-link" type="text" readonly=true value={l.url.clone()} data-testid="share-link" />
            </div>
            <button type="button" {onclick}>{ l.copy }</button>
            <p role="status" data-testid="share-copy-status">
                { match *copied {
                    Some(true) => l.copied,
                    Some(false) => l.refused,
                    None => "",
                } }
            </p>
            <p class="hint">{ &l.bottle }</p>
            { match &l.qr {
                Ok(qr) => qr_code(qr, l.qr_label),
                Err(text) => html! { <p class="notice" data-testid="share-qr-too-long">{ *text }</p> },
            } }
        </>
    }
}

#[component]
pub fn ShareBox(props: &ShareProps) -> Html {
    let v = &*props.view;
    html! {
        <section class="share no-print" aria-labelledby="share-heading" data-testid="share">
            <h3 id="share-heading">{ v.heading }</h3>
            <p class="hint">{ v.intro }</p>
            { match &v.link {
                Ok(link) => html! { <Link link={link.clone()} /> },
                Err(text) => html! { <p class="notice" data-testid="share-unavailable">{ text }</p> },
            } }
        </section>
    }
}
