//! "Share with the patient" on the Dose and Plan screens: the absolute link
//! to the patient's page (`view=patient`) and its QR code.
//!
//! The link is the app's own address (origin and path, read once from the
//! browser at the edge and passed in, like today's date; so it works at any
//! sub-path) and the query of what is on screen: the recipe, the dose, the
//! syringe and the language; from the Plan screen also the whole plan, from
//! the Dose screen no plan. A link is offered only when it gives the dose on
//! screen: every field valid, and a concentration a link can carry (the
//! recipe, or a saved batch's recipe; not one typed from a label).

use super::qr::{encode, QrPicture};
use crate::engine::date::Date;
use crate::i18n::{msg, Lang, Msg};
use crate::model::form::Form;
use crate::model::inputs::ConcSource;
use crate::model::link;
use crate::model::state::{Screen, State};

/// The link, its copy button's texts and its QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLink {
    pub label: &'static str,
    pub url: String,
    pub copy: &'static str,
    /// Said after copying, or when the browser refused.
    pub copied: &'static str,
    pub refused: &'static str,
    /// The bottle the link describes: a new bottle needs a new link.
    pub bottle: String,
    /// The QR code, or why there is none.
    pub qr: Result<QrPicture, &'static str>,
    /// What the QR code opens (its accessible name).
    pub qr_label: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareView {
    pub heading: &'static str,
    pub intro: &'static str,
    /// The link, or why none is offered.
    pub link: Result<ShareLink, &'static str>,
}

/// The share box for the screen on show (Dose or Plan), with `address` the
/// app's own address (origin and path).
pub fn share(s: &State, address: &str) -> Option<ShareView> {
    let lang = s.lang;
    let (intro, query) = match s.screen {
        Screen::Dose => (Msg::ShareIntroDose, dose_query(s)),
        Screen::Plan => (Msg::ShareIntroPlan, plan_query(s)),
        _ => return None,
    };
    Some(ShareView {
        heading: lang.t(Msg::ShareHeading),
        intro: lang.t(intro),
        link: query.map(|(query, prepared)| share_link(lang, address, &query, prepared)),
    })
}

/// The patient link's query for the Dose screen (its dose, no plan) and
/// the preparation day of the bottle it describes.
fn dose_query(s: &State) -> Result<(String, Date), &'static str> {
    let lang = s.lang;
    if s.inputs.conc_source == ConcSource::Label {
        return Err(lang.t(Msg::ShareNeedsRecipe));
    }
    let mut i = s.link_inputs().into_owned();
    i.plan.linked = false;
    let form = Form::parse(&i);
    match (&form.recipe, s.dose.ok()) {
        (Ok(r), Some(_)) => Ok((link::write(&i, &form, lang, Screen::Patient), r.prepared)),
        _ => Err(lang.t(Msg::ShareNeedsValid)),
    }
}

/// The patient link's query for the Plan screen (the whole plan, with the
/// Prepare recipe the plan's bottles are made from) and the preparation day
/// of the bottle it describes.
fn plan_query(s: &State) -> Result<(String, Date), &'static str> {
    match (&s.form.recipe, s.plan.ok(), &s.form.syringe) {
        (Ok(r), Some(_), Ok(_)) => {
            let mut i = s.inputs.clone();
            i.plan.linked = true;
            Ok((
                link::write(&i, &s.form, s.lang, Screen::Patient),
                r.prepared,
            ))
        }
        _ => Err(s.lang.t(Msg::ShareNeedsValid)),
    }
}

fn share_link(lang: Lang, address: &str, query: &str, prepared: Date) -> ShareLink {
    let url = format!("{address}?{query}");
    ShareLink {
        label: lang.t(Msg::ShareLinkLabel),
        copy: lang.t(Msg::ShareCopy),
        copied: lang.t(Msg::ShareCopied),
        refused: lang.t(Msg::ShareCopyRefused),
        bottle: lang.f(msg::ShareBottle {
            date: &lang.date(prepared),
        }),
        qr: encode(&url).map_err(|_| lang.t(Msg::ShareQrTooLong)),
        qr_label: lang.t(Msg::ShareQrLabel),
        url,
    }
}
