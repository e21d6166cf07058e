//! "Share with the patient" on the Dose and Plan screens: the absolute link
//! to the patient's page (`patient.html?…&view=patient`) and its QR code.
//!
//! The link is the patient's page beside the app's own address (origin and
//! path, read once from the browser at the edge and passed in, like today's
//! date; so it works at any sub-path) and the query of what is on screen: the recipe, the dose, the
//! syringe and the language; from the Plan screen also the whole plan, from
//! the Dose screen no plan. A link is offered only when it gives the dose on
//! screen: every field valid, a concentration a link can carry (the
//! recipe, or a saved batch's recipe; not one typed from a label), and a
//! bottle not past its last day (its page would give no dose). Before the
//! link, the box names the doses it states that round by more than 5 % or
//! cannot be measured on the chosen syringe (the patient's page sends the
//! patient to the pharmacy about them), and a syringe that measures them.

use super::draw::{Alternative, DoseLine};
use super::qr::{encode, QrPicture};
use super::text::{percent, syringe_name};
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::date::Date;
use ldn_engine::dose::{measure, DoseCheck};
use ldn_engine::format::plain;
use ldn_engine::syringe::SyringePreset;
use ldn_engine::warning::Warning;
use ldn_model::bottle::Prescription;
use ldn_model::form::Form;
use ldn_model::inputs::{ConcSource, DoseUnit, Inputs, PlanInputs};
use ldn_model::link;
use ldn_model::saved::Batch;
use ldn_model::state::{set_batch_recipe, Screen, State};

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
    /// Doses the link states that round by more than 5 % or cannot be
    /// measured, and the syringe that measures them (`share-check`).
    pub check_first: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareView {
    pub heading: &'static str,
    pub intro: &'static str,
    /// The link, or why none is offered.
    pub link: Result<ShareLink, String>,
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
    // A bottle past its last day: its page would give no dose.
    let expired = s.dose_bottle.as_deref().or(s.recipe.ok()).and_then(|b| {
        b.expiry.expired.then(|| {
            lang.f(msg::ShareNeedsFreshBottle {
                date: &lang.date(b.expiry.last_day),
            })
        })
    });
    let link = match (query, expired) {
        (Err(why), _) => Err(why.to_string()),
        (Ok(_), Some(why)) => Err(why),
        // A value waiting to be confirmed (an unusual concentration, mcg
        // that reads like mg): no link until it is.
        (Ok(_), None) if s.pending_check().is_some() => {
            Err(lang.t(Msg::ShareNeedsCheck).to_string())
        }
        (Ok((query, prepared)), None) => {
            let mut link = share_link(lang, address, &query, prepared);
            link.check_first = check_first(s);
            Ok(link)
        }
    };
    Some(ShareView {
        heading: lang.t(Msg::ShareHeading),
        intro: lang.t(intro),
        link,
    })
}

/// The doses the screen's link states that round by more than 5 % or
/// cannot be measured on its syringe, and a syringe that measures them.
fn check_first(s: &State) -> Option<String> {
    let lang = s.lang;
    let syringe = *s.form.syringe.as_ref().ok()?;
    let checks: Vec<DoseCheck> = match s.screen {
        Screen::Dose => s.dose.ok().map(|d| vec![d.check.clone()])?,
        _ => {
            let supply = s.plan.ok()?.supply.as_ref()?;
            let mut all: Vec<DoseCheck> = Vec::new();
            for c in supply.days.iter().flat_map(|d| d.draws.iter()) {
                if !all
                    .iter()
                    .any(|a| a.dose_mg == c.dose_mg && a.per_day == c.per_day)
                {
                    all.push(c.clone());
                }
            }
            all
        }
    };
    let off: Vec<&DoseCheck> = checks
        .iter()
        .filter(|c| !c.drawable() || c.warnings.contains(&Warning::RoundingDeviation))
        .collect();
    if off.is_empty() {
        return None;
    }
    let doses: Vec<String> = off
        .iter()
        .map(|c| {
            let line = DoseLine::new(lang, c, false, Alternative::Pharmacy);
            if line.is_measured() {
                lang.f(msg::PlanSyringeDeviation {
                    line: &line.sentence(lang),
                    deviation: &percent(lang, c.deviation_percent),
                })
            } else {
                // Inside the sentence: without its own full stop.
                line.sentence(lang).trim_end_matches('.').to_string()
            }
        })
        .collect();
    let conc = s.form.recipe.as_ref().ok()?.recipe.concentration();
    let fits = SyringePreset::ALL.into_iter().find(|p| {
        off.iter()
            .all(|c| measure(conc, c.dose_mg, p.syringe(), c.per_day).measures_well())
    });
    let syringe_text = match fits {
        Some(p) => lang.f(msg::ShareSyringeFits {
            syringe: &syringe_name(lang, p.syringe()),
        }),
        None => lang.t(Msg::ShareNoSyringeFits).to_string(),
    };
    Some(format!(
        "{} {}",
        lang.f(msg::ShareCheckFirst {
            syringe: &syringe_name(lang, syringe),
            doses: &doses.join("; "),
        }),
        syringe_text
    ))
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

/// The patient's page beside the app's page at `address` (its own door,
/// `patient.html`, in the same folder). Links printed before it opened the
/// app's root, which sends them on.
fn patient_page(address: &str) -> String {
    let folder = address.rfind('/').map_or(address, |i| &address[..=i]);
    format!("{folder}patient.html")
}

fn share_link(lang: Lang, address: &str, query: &str, prepared: Date) -> ShareLink {
    let url = format!("{}?{query}", patient_page(address));
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
        check_first: None,
        url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_catalog::Lang;
    use ldn_engine::date::Date;
    use ldn_model::inputs::ConcSource;
    use ldn_model::state::{apply, Action, TextField};

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
    fn the_link_leads_to_the_patients_page_beside_the_app() {
        for (app, page) in [
            (
                "https://example.org/pharmacy/ldn/",
                "https://example.org/pharmacy/ldn/patient.html",
            ),
            (
                "https://example.org/ldn/index.html",
                "https://example.org/ldn/patient.html",
            ),
            (
                "https://example.org/patient.html",
                "https://example.org/patient.html",
            ),
            (
                "http://127.0.0.1:8080/",
                "http://127.0.0.1:8080/patient.html",
            ),
        ] {
            assert_eq!(patient_page(app), page);
        }
    }

    #[test]
    fn the_link_is_absolute_and_opens_the_patient_page() {
        let s = on(Screen::Dose, "dose=2&syringe=3&lang=nb");
        let url = url(&s);
        assert!(
            url.starts_with("https://example.org/pharmacy/ldn/patient.html?tablet=50&"),
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
        let page = crate::patient::patient(&patient);
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

    /// A bottle past its last day: the Dose screen states no draw and the
    /// share box gives no link or QR code, and says why.
    #[test]
    fn an_expired_bottle_is_not_shared_and_not_drawn() {
        // Prepared 1 October 2026 for 30 days (last day 30 October), seen
        // on 7 December.
        let s = State::start(
            "dose=1.5&syringe=3&prepared=2026-10-01&bud=30&lang=en&screen=dose",
            Ok(None),
            Lang::En,
            Date::parse_iso("2026-12-07").unwrap(),
        );
        let why = share(&s, ADDRESS).unwrap().link.unwrap_err();
        assert!(why.contains("30 Oct 2026"), "{why}");
        let r = crate::dose::dose(&s).results.unwrap();
        assert_eq!(r.draw, "\u{2014}");
        assert!(r.picture.is_none());
        let instead = r.instead.unwrap().replace('\u{a0}', " ");
        assert_eq!(
            instead,
            "1.5 mg: do not draw it from this bottle: it may be used only up to and including 30 Oct 2026. \
             Ask the pharmacy for a new bottle."
        );
        assert!(!r.figures.iter().any(|f| f.testid == "delivered-dose"));
        assert!(!r.figures.iter().any(|f| f.testid == "exact-volume"));
        // The Plan screen's link too.
        let plan = apply(s, Action::Show(Screen::Plan));
        assert!(share(&plan, ADDRESS).unwrap().link.is_err());
    }

    /// The share box names the doses its link states that round by more
    /// than 5 % or cannot be measured, and a syringe that measures them.
    #[test]
    fn the_pharmacist_is_told_which_shared_doses_round() {
        // 0.25 mg on the 3 mL syringe: 0.2 mL, -20 %.
        let s = on(Screen::Dose, "dose=0.25&syringe=3&lang=en");
        let check = share(&s, ADDRESS)
            .unwrap()
            .link
            .unwrap()
            .check_first
            .unwrap();
        let check = check.replace('\u{a0}', " ");
        assert!(
            check.contains("0.25 mg: draw 0.2 mL, which gives 0.2 mg; deviation \u{2212}20 %"),
            "{check}"
        );
        assert!(
            check.ends_with("This syringe measures them well: 0.5 mL (marks every 0.01 mL)."),
            "{check}"
        );
        // 1.5 mg on it is exact: nothing to say.
        let s = on(Screen::Dose, "dose=1.5&syringe=3&lang=en");
        assert_eq!(share(&s, ADDRESS).unwrap().link.unwrap().check_first, None);
        // A plan with a step-back: its 0.75 mg rounds on the 3 mL syringe.
        let s = on(
            Screen::Plan,
            "syringe=3&lang=en&plan=standard&pstart=2026-03-01&pback=2026-03-05:2",
        );
        let check = share(&s, ADDRESS)
            .unwrap()
            .link
            .unwrap()
            .check_first
            .unwrap();
        assert!(
            check
                .replace('\u{a0}', " ")
                .contains("0.75 mg: draw 0.7 mL"),
            "{check}"
        );
    }
}
