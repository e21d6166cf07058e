//! The patient's page (`view=patient`): a calm page for whoever takes the
//! dose, opened from the link or QR code the pharmacy shares. Today's dose
//! and what to draw (with the to-scale syringe), the next dose change, the
//! bottle's last day, reminders for the plan; no tabs, no inputs.
//!
//! Today's dose: with a plan (the link names one, `plan=`), the plan's
//! amount for today, an off day of a 3-on/3-off cycle, a step-back day or
//! a twice-daily split (morning and evening); before the plan starts, when
//! it starts and its first dose; after it ends, that it has ended. Without
//! a plan, the link's `dose` (`times` a day).
//!
//! Which warnings a patient sees (`audience`, a match over every warning,
//! so a new one cannot be added without deciding):
//! - **about the dose** (above the LDN range, standard dose, rounding, low
//!   fill, and the draws the syringe cannot measure): always, with the dose,
//!   through its [`DoseLine`]: the same words as every other output. A draw
//!   the syringe cannot measure is never shown as a draw; the patient is
//!   told to ask the pharmacy (never another syringe or a dilution, which
//!   are the pharmacy's decisions).
//! - **about the bottle in hand** (expired, expires soon, preparation date
//!   after today): shown beside its last day, in words for the patient
//!   (ask the pharmacy, not "prepare a new bottle").
//! - **pharmacist only** (never here): the bottle holds more than can be
//!   used (`outlasts-use-by`: waste, a choice of recipe) and a use-by longer
//!   than the guidance (`use-by-beyond-guidance`: the pharmacist's choice of
//!   period, to be backed by a stability study, which a patient cannot
//!   judge; the patient follows the last day on the label, shown here).
//!   Likewise supply, waste, recipe advice, the best syringe and dilution
//!   steps: they are decisions for the pharmacy, not instructions.
//!
//! The bottle is the one the link describes (`prepared`, `bud`): the one
//! the label in the patient's hand belongs to. A new bottle comes with a
//! new link (the share box says so).

use super::draw::{Alternative, DoseLine, WarningLine};
use super::syringe::{drawing, SyringeDrawing};
use super::text::{qty, qty_mg_per_ml, syringe_name};
use crate::engine::date::Date;
use crate::engine::dose::{measure, DoseCheck};
use crate::engine::format::Unit;
use crate::engine::quantity::Mg;
use crate::engine::recipe::Concentration;
use crate::engine::schedule::{DayKind, PlanDay};
use crate::engine::syringe::Syringe;
use crate::engine::warning::Warning;
use crate::i18n::{msg, Lang, Msg};
use crate::model::outcome::RecipeOutcome;
use crate::model::plan::PlanOutcome;
use crate::model::state::State;
use rust_decimal::Decimal;

/// Who a warning is for on the patient's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Said with the dose, by its `DoseLine`.
    Dose,
    /// Said beside the bottle's last day, in these words.
    Bottle(Msg),
    /// Not on the patient's page.
    Pharmacist,
}

/// The rule (see the module notes).
pub fn audience(warning: Warning) -> Audience {
    match warning {
        Warning::NotLowDose
        | Warning::AboveLdnRange
        | Warning::OverCapacity
        | Warning::RoundsToZero
        | Warning::BelowAccuracy
        | Warning::RoundingDeviation
        | Warning::LowFill => Audience::Dose,
        Warning::Expired => Audience::Bottle(Msg::PatientExpired),
        Warning::ExpiresSoon => Audience::Bottle(Msg::PatientExpiresSoon),
        Warning::PreparedInFuture => Audience::Bottle(Msg::PatientPreparedInFuture),
        Warning::OutlastsUseBy | Warning::UseByBeyondGuidance => Audience::Pharmacist,
    }
}

/// One intake as the patient reads it: `data-intake` (`once`, `morning`,
/// `evening`), whether it is a draw, and its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeLine {
    pub code: &'static str,
    pub measured: bool,
    pub text: String,
}

/// What to draw for one day's intakes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawsView {
    /// Above the draws when they are not today's (before the plan starts).
    pub heading: Option<String>,
    /// "Measure with your oral syringe: 3 mL (marks every 0.1 mL)."
    pub syringe: String,
    /// "Draw up" and the volume, big, when every intake is a draw of it.
    pub draw: Option<(&'static str, String)>,
    /// The syringe at that draw.
    pub picture: Option<SyringeDrawing>,
    pub lines: Vec<IntakeLine>,
    /// Every warning about these doses, in words, once each.
    pub warnings: Vec<WarningLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayView {
    /// "Today, 5 Mar 2026".
    pub heading: String,
    /// `today-dose`: the amount, or why there is none.
    pub dose: String,
    /// An off day's or a step-back's explanation.
    pub note: Option<String>,
    /// `today-draw`: none on an off day or after the plan.
    pub draws: Option<DrawsView>,
}

/// `next-change`: the date and the new doses, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextChange {
    pub heading: &'static str,
    /// ISO and shown.
    pub date: Option<(String, String)>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BottleView {
    pub heading: &'static str,
    /// "Naltrexone oral suspension 1 mg/mL".
    pub product: String,
    pub last_day_label: &'static str,
    pub last_day: String,
    pub last_day_iso: String,
    /// The use-by warnings that concern the patient, in their words.
    pub warnings: Vec<WarningLine>,
    pub storage: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemindersView {
    pub heading: &'static str,
    pub hint: &'static str,
    /// The plan's calendar file (`FileKind::Calendar`).
    pub button: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientView {
    pub heading: &'static str,
    /// Check that the bottle's label shows this concentration.
    pub check_label: Option<String>,
    /// The link gives no dose (a parameter missing or wrong).
    pub problem: Option<&'static str>,
    pub today: Option<TodayView>,
    pub next_change: Option<NextChange>,
    pub bottle: Option<BottleView>,
    pub reminders: Option<RemindersView>,
}

/// "0.75 mg" or "0.75 mg morning, 0.75 mg evening".
fn amounts(lang: Lang, intakes_mg: &[Decimal]) -> String {
    match intakes_mg {
        [morning, evening] => lang.f(msg::MorningEvening {
            morning: &qty(lang, *morning, Unit::Mg),
            evening: &qty(lang, *evening, Unit::Mg),
        }),
        _ => intakes_mg
            .first()
            .map(|mg| qty(lang, *mg, Unit::Mg))
            .unwrap_or_default(),
    }
}

/// The day's intakes checked on the syringe, each judged with the day's
/// number of intakes (the LDN limits are about the daily total).
fn checks(conc: Concentration, syringe: Syringe, intakes_mg: &[Decimal]) -> Vec<DoseCheck> {
    let per_day = u32::try_from(intakes_mg.len()).unwrap_or(u32::MAX);
    intakes_mg
        .iter()
        .map(|mg| measure(conc, Mg::new(*mg), syringe, per_day))
        .collect()
}

/// A day's lines: once, or morning and evening. A dose the syringe cannot
/// measure says to ask the pharmacy.
fn lines(lang: Lang, checks: &[DoseCheck]) -> Vec<(&'static str, DoseLine)> {
    let codes: &[&'static str] = if checks.len() == 2 {
        &["morning", "evening"]
    } else {
        &["once"]
    };
    codes
        .iter()
        .zip(checks)
        .map(|(code, c)| (*code, DoseLine::new(lang, c, false, Alternative::Pharmacy)))
        .collect()
}

fn intake_text(lang: Lang, code: &str, sentence: String) -> String {
    match code {
        "morning" => lang.f(msg::IntakeMorning { dose: &sentence }),
        "evening" => lang.f(msg::IntakeEvening { dose: &sentence }),
        _ => sentence,
    }
}

/// The draws for `checks` on `syringe`.
fn draws(lang: Lang, syringe: Syringe, checks: &[DoseCheck], heading: Option<String>) -> DrawsView {
    let day = lines(lang, checks);
    let mut warnings: Vec<WarningLine> = Vec::new();
    for w in day.iter().flat_map(|(_, l)| l.warnings.iter()) {
        if !warnings.contains(w) {
            warnings.push(w.clone());
        }
    }
    // One big draw and one picture when every intake is the same draw
    // (a twice-daily split is two equal halves).
    let same = checks.windows(2).all(|w| w[0].draw_ml == w[1].draw_ml);
    let measured = !day.is_empty() && day.iter().all(|(_, l)| l.is_measured()) && same;
    let first = checks.first().filter(|_| measured);
    DrawsView {
        heading,
        syringe: lang.f(msg::PatientSyringe {
            syringe: &syringe_name(lang, syringe),
        }),
        draw: day
            .first()
            .filter(|_| measured)
            .and_then(|(_, l)| match &l.draw {
                super::draw::Draw::Measured { volume, .. } => {
                    Some((lang.t(Msg::DrawVolume), volume.clone()))
                }
                super::draw::Draw::Instead { .. } => None,
            }),
        picture: first.map(|c| drawing(lang, syringe, c.draw_ml)),
        lines: day
            .iter()
            .map(|(code, l)| IntakeLine {
                code,
                measured: l.is_measured(),
                text: intake_text(lang, code, l.sentence(lang)),
            })
            .collect(),
        warnings,
    }
}

/// A day's doses in one text, with every warning: for the next change.
fn day_text(lang: Lang, conc: Concentration, syringe: Syringe, day: &PlanDay) -> String {
    if day.kind == DayKind::Off || day.intakes_mg.is_empty() {
        return lang.t(Msg::NoteOff).to_string();
    }
    let texts: Vec<String> = lines(lang, &checks(conc, syringe, &day.intakes_mg))
        .into_iter()
        .map(|(code, l)| intake_text(lang, code, l.with_warnings(lang)))
        .collect();
    let mut text = texts.join(" ");
    if day.kind == DayKind::StepBack {
        text = format!("{text} ({})", lang.t(Msg::NoteStepBack));
    }
    text
}

fn today_heading(lang: Lang, today: Date) -> String {
    lang.f(msg::PatientToday {
        date: &lang.date(today),
    })
}

/// Today and the next change, from the plan.
fn from_plan(
    lang: Lang,
    today: Date,
    plan: &PlanOutcome,
    conc: Concentration,
    syringe: Syringe,
) -> Option<(TodayView, NextChange)> {
    let days = &plan.days;
    let (first, last) = (days.first()?, days.last()?);
    let heading = today_heading(lang, today);
    let change_heading = lang.t(Msg::PatientNextChangeHeading);
    if today > last.date {
        let today = TodayView {
            heading,
            dose: lang.f(msg::PatientPlanEnded {
                date: &lang.date(last.date),
            }),
            note: None,
            draws: None,
        };
        let next = NextChange {
            heading: change_heading,
            date: None,
            text: lang.t(Msg::PatientPlanOver).to_string(),
        };
        return Some((today, next));
    }
    // The day the next change is counted from: today, or the first day.
    let at = days.iter().position(|d| d.date == today).unwrap_or(0);
    let day = days.get(at)?;
    let today_view = if today < first.date {
        TodayView {
            heading,
            dose: lang.f(msg::PatientStartsOn {
                date: &lang.date(first.date),
            }),
            note: None,
            draws: Some(draws(
                lang,
                syringe,
                &checks(conc, syringe, &first.intakes_mg),
                Some(lang.f(msg::PatientFirstDose {
                    date: &lang.date(first.date),
                })),
            )),
        }
    } else if day.kind == DayKind::Off || day.intakes_mg.is_empty() {
        let next_dose = days[at..].iter().find(|d| !d.intakes_mg.is_empty());
        TodayView {
            heading,
            dose: lang.t(Msg::PatientNoDoseToday).to_string(),
            note: Some(match next_dose {
                Some(d) => lang.f(msg::PatientOffDay {
                    date: &lang.date(d.date),
                }),
                None => lang.t(Msg::PatientOffDayEnd).to_string(),
            }),
            draws: None,
        }
    } else {
        TodayView {
            heading,
            dose: amounts(lang, &day.intakes_mg),
            note: (day.kind == DayKind::StepBack).then(|| lang.t(Msg::PatientStepBack).to_string()),
            draws: Some(draws(
                lang,
                syringe,
                &checks(conc, syringe, &day.intakes_mg),
                None,
            )),
        }
    };
    // The amounts tell a change (an off day has none, a step-back halves).
    let change = days[at..].iter().find(|d| d.intakes_mg != day.intakes_mg);
    let next = match change {
        Some(d) => NextChange {
            heading: change_heading,
            date: Some((d.date.to_string(), lang.date(d.date))),
            text: day_text(lang, conc, syringe, d),
        },
        None => NextChange {
            heading: change_heading,
            date: None,
            text: lang.f(msg::PatientNoFurtherChange {
                date: &lang.date(last.date),
            }),
        },
    };
    Some((today_view, next))
}

/// Today without a plan: the link's dose, `times` a day.
fn from_dose(
    lang: Lang,
    today: Date,
    check: &DoseCheck,
    syringe: Syringe,
) -> (TodayView, NextChange) {
    let per_day = usize::try_from(check.per_day.clamp(1, 2)).unwrap_or(1);
    let checks = vec![check.clone(); per_day];
    let intakes: Vec<Decimal> = checks.iter().map(|c| c.dose_mg.value()).collect();
    let today = TodayView {
        heading: today_heading(lang, today),
        dose: amounts(lang, &intakes),
        note: None,
        draws: Some(draws(lang, syringe, &checks, None)),
    };
    let next = NextChange {
        heading: lang.t(Msg::PatientNextChangeHeading),
        date: None,
        text: lang.t(Msg::PatientNoPlan).to_string(),
    };
    (today, next)
}

fn bottle(lang: Lang, r: &RecipeOutcome) -> BottleView {
    let last = r.expiry.last_day;
    let warnings = Warning::ALL
        .into_iter()
        .filter(|w| r.warnings.contains(w))
        .filter_map(|w| match audience(w) {
            Audience::Bottle(words) => Some(WarningLine {
                code: w.code(),
                text: lang.t(words).to_string(),
            }),
            Audience::Dose | Audience::Pharmacist => None,
        })
        .collect();
    BottleView {
        heading: lang.t(Msg::PatientBottleHeading),
        product: lang.f(msg::LabelProduct {
            concentration: &qty_mg_per_ml(lang, r.order.recipe.concentration().mg_per_ml()),
        }),
        last_day_label: lang.t(Msg::LastDay),
        last_day: lang.date(last),
        last_day_iso: last.to_string(),
        warnings,
        storage: lang.t(Msg::LabelStorage),
    }
}

pub fn patient(s: &State) -> PatientView {
    let lang = s.lang;
    let recipe = s.recipe.ok();
    let syringe = s.form.syringe.as_ref().ok().copied();
    let conc = recipe.map(|r| r.order.recipe.concentration());
    let linked = s.inputs.plan.linked;
    let found = match (conc, syringe) {
        (Some(conc), Some(syringe)) if linked => s
            .plan
            .ok()
            .and_then(|plan| from_plan(lang, s.today, plan, conc, syringe)),
        (Some(_), Some(syringe)) => s
            .dose
            .ok()
            .map(|d| from_dose(lang, s.today, &d.check, syringe)),
        _ => None,
    };
    let (today, next_change) = match found {
        Some((today, next)) => (Some(today), Some(next)),
        None => (None, None),
    };
    PatientView {
        heading: lang.t(Msg::PatientHeading),
        check_label: conc.map(|c| {
            lang.f(msg::PatientCheckLabel {
                concentration: &qty_mg_per_ml(lang, c.mg_per_ml()),
            })
        }),
        problem: today.is_none().then(|| lang.t(Msg::PatientLinkProblem)),
        reminders: (linked && today.is_some()).then(|| RemindersView {
            heading: lang.t(Msg::PatientRemindersHeading),
            hint: lang.t(Msg::PatientRemindersHint),
            button: lang.t(Msg::ExportIcs),
        }),
        today,
        next_change,
        bottle: recipe.map(|r| bottle(lang, r)),
    }
}
