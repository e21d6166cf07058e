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
use crate::engine::format::plain;
use crate::i18n::{msg, Lang, Msg};
use crate::model::bottle::Prescription;
use crate::model::form::Form;
use crate::model::inputs::{ConcSource, DoseUnit, Inputs, PlanInputs};
use crate::model::link;
use crate::model::saved::Batch;
use crate::model::state::{set_batch_recipe, Screen, State};

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

/// The patient link for a saved bottle, for its label and record: its
/// recipe, its prescription (a fixed dose, or its plan: the page then gives
/// each day's dose as the label's steps do) and the syringe it was saved
/// with. None for a bottle saved without a syringe: the page would round
/// the draw for another one than the label's.
pub fn batch_link(lang: Lang, address: &str, b: &Batch) -> Option<ShareLink> {
    b.syringe()?;
    let (mut i, _, _) = link::read(&b.link, &Inputs::new(&b.prepared.to_string()));
    set_batch_recipe(&mut i, b);
    i.dose_unit = DoseUnit::Mg;
    match &b.prescription {
        Prescription::Fixed {
            dose_mg, per_day, ..
        } => {
            i.dose = plain(dose_mg.value());
            i.per_day = *per_day;
            i.plan.linked = false;
        }
        Prescription::Plan(plan) => {
            // The bottle's plan, whatever its link says: `plan=` names it.
            i.plan = PlanInputs::new(&b.prepared.to_string());
            let (with_plan, _, _) = link::read(plan.query(), &i);
            i = with_plan;
        }
    }
    let form = Form::parse(&i);
    let query = link::write(&i, &form, lang, Screen::Patient);
    Some(share_link(lang, address, &query, b.prepared))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::Date;
    use crate::i18n::Lang;
    use crate::model::inputs::ConcSource;
    use crate::model::state::{apply, Action, TextField};

    const ADDRESS: &str = "https://example.org/pharmacy/ldn/";

    fn on(screen: Screen, query: &str) -> State {
        let s = State::start(
            query,
            Ok(None),
            Lang::En,
            Date::parse_iso("2026-03-01").unwrap(),
        );
        apply(s, Action::Show(screen))
    }

    fn url(s: &State) -> String {
        share(s, ADDRESS).unwrap().link.unwrap().url
    }

    #[test]
    fn the_link_is_absolute_and_opens_the_patient_page() {
        let s = on(Screen::Dose, "dose=2&syringe=3&lang=nb");
        let url = url(&s);
        assert!(
            url.starts_with("https://example.org/pharmacy/ldn/?tablet=50&"),
            "{url}"
        );
        assert!(
            url.contains("&dose=2&") && url.contains("&view=patient&lang=nb"),
            "{url}"
        );
        assert!(!url.contains("plan=") && !url.contains("screen="), "{url}");
        // Opened, it is the patient page with the same dose.
        let query = url.split_once('?').unwrap().1;
        let patient = State::start(query, Ok(None), Lang::En, s.today);
        assert_eq!(patient.screen, Screen::Patient);
        assert_eq!(patient.lang, Lang::Nb);
        assert_eq!(patient.dose.ok().unwrap().check, s.dose.ok().unwrap().check);
        assert!(share(&patient, ADDRESS).is_none());
        // Its QR code is there.
        assert!(share(&s, ADDRESS).unwrap().link.unwrap().qr.is_ok());
    }

    #[test]
    fn from_the_plan_the_link_carries_the_whole_plan_even_the_default_one() {
        let s = on(Screen::Plan, "syringe=3&lang=en&price=7.5&ptime=22:00");
        let url = url(&s);
        assert!(
            url.contains("&plan=standard&pstart=2026-03-01&pdays=90&"),
            "{url}"
        );
        // The reminder time is the patient's; the pharmacy's price is not.
        assert!(
            url.contains("ptime=22%3A00") && !url.contains("price"),
            "{url}"
        );
        let query = url.split_once('?').unwrap().1;
        let patient = State::start(query, Ok(None), Lang::En, s.today);
        assert!(patient.inputs.plan.linked);
        assert_eq!(
            patient.plan.ok().map(|p| &p.days),
            s.plan.ok().map(|p| &p.days)
        );
        // The patient page's own address keeps it.
        assert!(patient.link.contains("plan=standard"), "{}", patient.link);
    }

    #[test]
    fn no_link_that_would_not_give_the_dose_on_screen() {
        let s = on(Screen::Dose, "dose=2&syringe=3&lang=en");
        let bad = apply(s.clone(), Action::Type(TextField::Dose, "2x".into()));
        assert_eq!(
            share(&bad, ADDRESS).unwrap().link.unwrap_err(),
            "Correct the marked fields first: until then a link would not give the dose shown here."
        );
        let label = apply(s, Action::ConcSource(ConcSource::Label));
        assert!(share(&label, ADDRESS)
            .unwrap()
            .link
            .unwrap_err()
            .starts_with("A link carries a recipe"));
        let plan = apply(
            on(Screen::Plan, "lang=en"),
            Action::Type(TextField::PlanDays, "0".into()),
        );
        assert!(share(&plan, ADDRESS).unwrap().link.is_err());
        // Other screens have no share box.
        assert!(share(&on(Screen::Prepare, ""), ADDRESS).is_none());
    }

    #[test]
    fn a_saved_batch_is_shared_as_its_recipe() {
        let s = on(Screen::Dose, "dose=2.5&syringe=3&lang=en");
        let s = apply(s, Action::SaveBatch);
        let id = s.doc.batches[0].id;
        let s = apply(s, Action::Type(TextField::Volume, "25".into()));
        let s = apply(s, Action::UseBatch(id));
        let url = url(&s);
        assert!(
            url.contains("volume=50&") && url.contains("dose=2.5&"),
            "{url}"
        );
        assert_eq!(
            share(&s, ADDRESS).unwrap().link.unwrap().bottle,
            "The link describes the bottle prepared on 1 Mar 2026: share a new link with each new bottle."
        );
    }

    /// A saved bottle's link (its record's and label's QR code) opens the
    /// patient page with that bottle's recipe and dose, whatever is on the
    /// Prepare screen now.
    #[test]
    fn a_saved_bottle_links_to_its_own_dose() {
        let s = on(
            Screen::Batches,
            "dose=2.5&syringe=3&lang=en&tablets=2&volume=100",
        );
        let s = apply(s, Action::SaveBatch);
        let b = s.doc.batches[0].clone();
        let s = apply(s, Action::Type(TextField::Dose, "0.5".into()));
        let link = batch_link(Lang::En, ADDRESS, &b).unwrap();
        assert!(link.qr.is_ok());
        let query = link.url.split_once('?').unwrap().1;
        let patient = State::start(query, Ok(None), Lang::En, s.today);
        assert_eq!(patient.screen, Screen::Patient);
        let dose = patient.dose.ok().unwrap();
        let saved = &b.intakes_on(s.today)[0];
        assert_eq!(dose.order.dose_mg, saved.dose_mg);
        assert_eq!(dose.check.draw_ml, saved.draw_ml);
        assert_eq!(
            patient.recipe.ok().unwrap().order.recipe.concentration(),
            b.recipe.concentration()
        );
    }

    #[test]
    fn a_saved_bottle_with_a_plan_in_its_link_still_links_to_its_dose() {
        // Prepared the day before: the saved link carries the plan (its
        // start differs from the preparation day). The label states 4.5 mg;
        // the page its QR code opens must too, not the plan's 1.5 mg.
        let s = on(
            Screen::Batches,
            "dose=4.5&syringe=5&prepared=2026-02-28&tablets=1&volume=50",
        );
        let s = apply(s, Action::SaveBatch);
        let b = s.doc.batches[0].clone();
        assert!(b.link.contains("plan="), "{}", b.link);
        let link = batch_link(Lang::En, ADDRESS, &b).unwrap();
        assert!(!link.url.contains("plan="), "{}", link.url);
        let query = link.url.split_once('?').unwrap().1;
        let patient = State::start(query, Ok(None), Lang::En, s.today);
        assert!(!patient.inputs.plan.linked);
        let page = crate::view::patient::patient(&patient);
        let today = page.today.unwrap();
        assert!(today.dose.starts_with("4.5"), "{}", today.dose);
        assert_eq!(
            patient.dose.ok().unwrap().check.draw_ml,
            b.intakes_on(s.today)[0].draw_ml
        );
        // Saved without a syringe (an imported file's batch may have no
        // link): no patient link, whose page would round for another one.
        let bare = Batch {
            link: String::new(),
            ..b.clone()
        };
        assert!(batch_link(Lang::En, ADDRESS, &bare).is_none());
        let named = Batch {
            link: "syringe=2&grad=0.1".into(),
            ..b
        };
        assert!(batch_link(Lang::En, ADDRESS, &named).is_some());
    }
}
