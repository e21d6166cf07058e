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

use super::draw::{DoseLine, Hold, WarningLine};
use super::syringe::{drawing, SyringeDrawing};
use super::text::{qty, qty_mg_per_ml, syringe_name};
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::date::Date;
use ldn_engine::dose::DoseCheck;
use ldn_engine::format::Unit;
use ldn_engine::schedule::{DayKind, PlanDay};
use ldn_engine::syringe::Syringe;
use ldn_engine::warning::Warning;
use ldn_model::diary::{due_today, step_back_until, Due};
use ldn_model::outcome::{RecipeOutcome, Unusable};
use ldn_model::plan::PlanOutcome;
use ldn_model::state::State;
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
        Warning::OutlastsUseBy | Warning::UseByBeyondGuidance | Warning::UnusualConcentration => {
            Audience::Pharmacist
        }
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
    /// `today-taken`: every dose of today is already marked taken in the
    /// diary (said beside the dose, so it is not taken twice).
    pub taken: Option<&'static str>,
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

/// `bottle-expired`: the bottle gives no dose today (`data-reason`:
/// `expired` or `not-yet`), said first, instead of any dose or draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoNotUseView {
    pub reason: &'static str,
    pub heading: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientView {
    pub heading: &'static str,
    /// The bottle is past its last day or dated after today: no dose, draw,
    /// picture, reminder or one-tap "taken" is shown, only this.
    pub do_not_use: Option<DoNotUseView>,
    /// Check that the bottle's label shows this concentration.
    pub check_label: Option<String>,
    /// The link gives no dose (a parameter missing or wrong).
    pub problem: Option<String>,
    pub today: Option<TodayView>,
    pub next_change: Option<NextChange>,
    pub bottle: Option<BottleView>,
    pub reminders: Option<RemindersView>,
    /// The dose diary, when the link carries a plan (it is kept against
    /// that plan; a single dose has no plan to keep it against).
    pub diary: Option<std::rc::Rc<super::diary::DiaryView>>,
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

/// A day's lines: once, or morning and evening. A dose the syringe cannot
/// measure says to ask the pharmacy; a day the bottle gives no dose
/// (`hold`: used up, past its last day) states the dose and why, no draw.
fn lines(lang: Lang, checks: &[DoseCheck], hold: Option<Hold>) -> Vec<(&'static str, DoseLine)> {
    let codes: &[&'static str] = if checks.len() == 2 {
        &["morning", "evening"]
    } else {
        &["once"]
    };
    codes
        .iter()
        .zip(checks)
        .map(|(code, c)| {
            let line = match hold {
                Some(hold) => DoseLine::held(lang, c, false, hold, true),
                None => DoseLine::for_patient(lang, c, false),
            };
            (*code, line)
        })
        .collect()
}

fn intake_text(lang: Lang, code: &str, sentence: String) -> String {
    match code {
        "morning" => lang.f(msg::IntakeMorning { dose: &sentence }),
        "evening" => lang.f(msg::IntakeEvening { dose: &sentence }),
        _ => sentence,
    }
}

/// The draws for `checks` on `syringe` (none, with why, when `hold`).
fn draws(
    lang: Lang,
    syringe: Syringe,
    checks: &[DoseCheck],
    heading: Option<String>,
    hold: Option<Hold>,
) -> DrawsView {
    let day = lines(lang, checks, hold);
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
                super::draw::Draw::Instead { .. } | super::draw::Draw::Held { .. } => None,
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
fn day_text(lang: Lang, day: &PlanDay, checks: &[DoseCheck], hold: Option<Hold>) -> String {
    if day.kind == DayKind::Off || checks.is_empty() {
        return lang.t(Msg::NoteOff).to_string();
    }
    let texts: Vec<String> = lines(lang, checks, hold)
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

/// Today and the next change, from the plan. Each intake is the plan's
/// own check of it on the syringe (`SupplyPlan`: judged with the day's
/// number of intakes, so the LDN limits see the daily total), the same the
/// Plan screen, the printed plan and the calendar state.
fn from_plan(
    lang: Lang,
    today: Date,
    plan: &PlanOutcome,
    syringe: Syringe,
    hold_on: impl Fn(Date) -> Option<Hold>,
) -> Option<(TodayView, NextChange)> {
    let days = &plan.days;
    let supply = plan.supply.as_ref()?;
    let checks =
        |i: usize| -> &[DoseCheck] { supply.days.get(i).map_or(&[], |d| d.draws.as_slice()) };
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
            taken: None,
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
            taken: None,
            draws: Some(draws(
                lang,
                syringe,
                checks(0),
                Some(lang.f(msg::PatientFirstDose {
                    date: &lang.date(first.date),
                })),
                hold_on(first.date),
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
            taken: None,
            draws: None,
        }
    } else {
        TodayView {
            heading,
            dose: amounts(lang, &day.intakes_mg),
            note: step_back_until(days, today).map(|until| step_back_note(lang, until)),
            taken: None,
            draws: Some(draws(lang, syringe, checks(at), None, hold_on(today))),
        }
    };
    // The amounts tell a change (an off day has none, a step-back halves).
    let change = (at..days.len()).find(|&j| days[j].intakes_mg != day.intakes_mg);
    let next = match change.and_then(|j| Some((days.get(j)?, checks(j)))) {
        Some((d, checks)) => NextChange {
            heading: change_heading,
            date: Some((d.date.to_string(), lang.date(d.date))),
            text: day_text(lang, d, checks, hold_on(d.date)),
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
        taken: None,
        draws: Some(draws(lang, syringe, &checks, None, None)),
    };
    let next = NextChange {
        heading: lang.t(Msg::PatientNextChangeHeading),
        date: None,
        text: lang.t(Msg::PatientNoPlan).to_string(),
    };
    (today, next)
}

fn bottle(lang: Lang, r: &RecipeOutcome, empty_after: Option<Date>) -> BottleView {
    let last = r.expiry.last_day;
    let last_day_today = !r.expiry.expired && r.expiry.days_left == 1;
    let mut warnings: Vec<WarningLine> = Warning::ALL
        .into_iter()
        .filter(|w| r.warnings.contains(w))
        .filter_map(|w| match audience(w) {
            // On the day itself: today is the last day (not "within 3 days").
            Audience::Bottle(_) if w == Warning::ExpiresSoon && last_day_today => {
                Some(WarningLine {
                    code: w.code(),
                    text: lang.t(Msg::PatientLastDayToday).to_string(),
                })
            }
            Audience::Bottle(words) => Some(WarningLine {
                code: w.code(),
                text: lang.t(words).to_string(),
            }),
            Audience::Dose | Audience::Pharmacist => None,
        })
        .collect();
    // Used up by the plan before its last day: said beside the last day.
    if let Some(day) = empty_after {
        warnings.push(WarningLine {
            code: "empty-first",
            text: lang.f(msg::PatientEmptyBy {
                date: &lang.date(day),
            }),
        });
    }
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

/// Why the link's bottle gives no dose today, in the patient's words.
fn do_not_use(lang: Lang, why: Unusable) -> DoNotUseView {
    let (reason, text) = match why {
        Unusable::Expired(day) => (
            "expired",
            lang.f(msg::PatientDoNotUseExpired {
                date: &lang.date(day),
            }),
        ),
        Unusable::NotYet(day) => (
            "not-yet",
            lang.f(msg::PatientDoNotUseNotYet {
                date: &lang.date(day),
            }),
        ),
        Unusable::Empty(day) => (
            "empty",
            lang.f(msg::PatientEmptyBy {
                date: &lang.date(day),
            }),
        ),
    };
    DoNotUseView {
        reason,
        heading: lang.t(Msg::PatientDoNotUse),
        text,
    }
}

pub fn patient(s: &State) -> PatientView {
    let lang = s.lang;
    let recipe = s.recipe.ok();
    let syringe = s.form.syringe.as_ref().ok().copied();
    let conc = recipe.map(|r| r.order.recipe.concentration());
    let linked = s.inputs.plan.linked;
    // A bottle past its last day (or dated after today) gives no dose: the
    // page says so first and states no dose or draw from it.
    let unusable = recipe.and_then(|r| r.unusable());
    // A link that lacks what the dose needs gives none (no default stands
    // in for the prescription or the bottle's date).
    let gaps = !s.link_gaps.is_empty();
    let unusable = unusable.filter(|_| !gaps);
    let found = match (conc, syringe) {
        _ if unusable.is_some() || gaps => None,
        (Some(_), Some(syringe)) if linked => s.plan.ok().and_then(|plan| {
            // A day the link's bottle gives no dose: used up by the
            // plan (before its last day), or past its last day.
            let empty = s.patient_empty_after();
            let last_day = recipe.map(|r| r.expiry.last_day);
            let hold_on = |day: Date| match (last_day, empty) {
                (Some(last), _) if day > last => Some(Hold::Expired(last)),
                (_, Some(e)) if day > e => Some(Hold::Empty(e)),
                _ => None,
            };
            from_plan(lang, s.today, plan, syringe, hold_on)
        }),
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
        // Only with a plan to keep it against: a link that cannot give a
        // dose shows its problem alone, not the diary's words for the
        // pharmacist. A bottle not to be used keeps its diary (side effects,
        // the entries, the export), which then marks no dose from it.
        diary: (linked && (today.is_some() || unusable.is_some()) && s.plan.ok().is_some())
            .then(|| std::rc::Rc::new(super::diary::diary(s))),
        heading: lang.t(Msg::PatientHeading),
        do_not_use: unusable.map(|why| do_not_use(lang, why)),
        check_label: conc.filter(|_| !gaps).map(|c| {
            lang.f(msg::PatientCheckLabel {
                concentration: &qty_mg_per_ml(lang, c.mg_per_ml()),
            })
        }),
        problem: (today.is_none() && unusable.is_none()).then(|| {
            let mut text = lang.t(Msg::PatientLinkProblem).to_string();
            if gaps {
                text.push(' ');
                text.push_str(&lang.f(msg::PatientLinkGaps {
                    params: &s.link_gaps.join(", "),
                }));
            }
            text
        }),
        reminders: (linked && today.is_some()).then(|| RemindersView {
            heading: lang.t(Msg::PatientRemindersHeading),
            hint: lang.t(Msg::PatientRemindersHint),
            button: lang.t(Msg::ExportIcs),
        }),
        today: today.map(|mut t| {
            // A plan's day whose every dose is marked taken says so first.
            let all_taken = linked
                && s.plan.ok().is_some_and(|plan| {
                    due_today(&plan.days, &s.doc.diary, s.today) == Due::AllTaken
                });
            t.taken = all_taken.then(|| lang.t(Msg::DiaryAllTaken));
            t
        }),
        next_change,
        // Nor a bottle made of defaults (a last day counted from today).
        bottle: recipe
            .filter(|_| !gaps)
            .map(|r| bottle(lang, r, s.patient_empty_after())),
    }
}

/// Under a step-back day's dose (already halved): until when.
pub(crate) fn step_back_note(lang: Lang, until: Date) -> String {
    lang.f(msg::PatientStepBack {
        until: &lang.date(until),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_model::state::{apply, Action, Screen};

    const BOTTLE: &str = "tablet=50&tablets=1&volume=50&prepared=2026-03-01&bud=30";

    /// The app opened from `query` on `today`, as a patient opens a link.
    fn open(query: &str, today: &str) -> State {
        let today = Date::parse_iso(today).unwrap();
        let s = State::start(query, Ok(None), Lang::En, today);
        assert_eq!(s.screen, Screen::Patient, "{query}");
        assert!(s.link_problems.is_empty(), "{:?}", s.link_problems);
        s
    }

    fn page(query: &str, today: &str) -> PatientView {
        patient(&open(&format!("view=patient&{BOTTLE}&{query}"), today))
    }

    fn plain(text: &str) -> String {
        text.replace('\u{a0}', " ")
    }

    fn today(v: &PatientView) -> &TodayView {
        v.today.as_ref().unwrap()
    }

    fn draws(v: &PatientView) -> &DrawsView {
        today(v).draws.as_ref().unwrap()
    }

    #[test]
    fn a_dose_already_marked_taken_is_said_beside_it() {
        let s = open(
            &format!("view=patient&{BOTTLE}&syringe=3&plan=standard&pstart=2026-03-01"),
            "2026-03-05",
        );
        assert_eq!(today(&patient(&s)).taken, None);
        let s = apply(s, Action::DiaryTake(None));
        let v = patient(&s);
        assert_eq!(
            today(&v).taken,
            Some("Every dose planned for today is marked taken.")
        );
        // The draw is still shown (what was drawn), with the note first.
        assert!(today(&v).draws.is_some());
        // Twice a day: one of two marked is not all.
        let two = open(
            &format!("view=patient&{BOTTLE}&syringe=3&plan=standard&pstart=2026-03-01&psplit=2"),
            "2026-03-05",
        );
        let two = apply(two, Action::DiaryTake(None));
        assert_eq!(today(&patient(&two)).taken, None);
        let two = apply(two, Action::DiaryTake(None));
        assert!(today(&patient(&two)).taken.is_some());
    }

    fn next(v: &PatientView) -> (Option<String>, String) {
        let n = v.next_change.as_ref().unwrap();
        (n.date.as_ref().map(|d| d.0.clone()), plain(&n.text))
    }

    /// Every warning code anywhere on the page.
    fn codes(v: &PatientView) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        if let Some(d) = v.today.as_ref().and_then(|t| t.draws.as_ref()) {
            out.extend(d.warnings.iter().map(|w| w.code));
        }
        if let Some(b) = &v.bottle {
            out.extend(b.warnings.iter().map(|w| w.code));
        }
        out
    }

    #[test]
    fn in_the_middle_of_a_titration() {
        // Standard from 1 March: 1.5 mg for 14 days, 2 mg from 15 March,
        // 2.5 mg from 29 March; 1 mg/mL on the 3 mL syringe.
        let v = page("syringe=3&plan=standard&pstart=2026-03-01", "2026-03-20");
        assert_eq!(today(&v).heading, "Today, 20 Mar 2026");
        assert_eq!(plain(&today(&v).dose), "2 mg");
        assert_eq!(today(&v).note, None);
        let d = draws(&v);
        assert_eq!(
            d.draw.as_ref().map(|(_, ml)| plain(ml)),
            Some("2 mL".into())
        );
        assert!(d.picture.is_some());
        let lines: Vec<_> = d.lines.iter().map(|l| (l.code, plain(&l.text))).collect();
        assert_eq!(
            lines,
            [("once", "2 mg: draw 2 mL, which gives 2 mg".into())]
        );
        assert!(d.warnings.is_empty());
        // The 50 mL bottle gives 14 x 1.5 + 14 x 2 = 49 mL by 28 March: the
        // change on 29 March is not drawn from it (the review: the page
        // told the patient to draw 2.5 mL from an empty bottle).
        assert_eq!(
            next(&v),
            (
                Some("2026-03-29".into()),
                "2.5 mg: not from this bottle: by the plan it is used up after 28 Mar 2026. \
                 Take it from your next bottle, as its label says."
                    .into()
            )
        );
        let b = v.bottle.as_ref().unwrap();
        assert_eq!(
            (b.last_day_iso.as_str(), b.last_day.as_str()),
            ("2026-03-30", "30 Mar 2026")
        );
        let said: Vec<_> = b
            .warnings
            .iter()
            .map(|w| (w.code, plain(&w.text)))
            .collect();
        assert_eq!(
            said,
            [(
                "empty-first",
                "By your plan this bottle is used up after 28 Mar 2026, before its last day of use: \
                 ask your pharmacy for the next one in time."
                    .into()
            )]
        );
        assert_eq!(plain(&b.product), "Naltrexone oral suspension 1 mg/mL");
        assert!(v.reminders.is_some() && v.problem.is_none());
    }

    #[test]
    fn on_a_step_back_day() {
        // Halved for 3 days from 10 March, then 1.5 mg again from 13 March.
        let v = page(
            "syringe=3&plan=standard&pstart=2026-03-01&pback=2026-03-10:3",
            "2026-03-11",
        );
        assert_eq!(plain(&today(&v).dose), "0.75 mg");
        // The note names the last halved day (the link says 3 days).
        assert_eq!(
            plain(today(&v).note.as_ref().unwrap()),
            "A step-back day: because of side effects your dose is halved up to and \
             including 12 Mar 2026. The dose above is already halved: do not halve it \
             again. Then your plan goes on."
        );
        // 0.75 mL is a tie on 0.1 mL marks: down to 0.7 mL, said in words.
        assert_eq!(
            plain(&draws(&v).lines[0].text),
            "0.75 mg: draw 0.7 mL, which gives 0.7 mg"
        );
        assert_eq!(codes(&v), ["rounding-deviation"]);
        // In the patient's words: ask the pharmacy, never "use a syringe
        // with finer marks" (the pharmacy's choice).
        let words = &draws(&v).warnings[0].text;
        assert!(
            words.ends_with("Ask your pharmacy before you take it like this."),
            "{words}"
        );
        // The page says it once: the diary below does not repeat it.
        assert_eq!(v.diary.as_ref().unwrap().today.step_back, None);
        assert_eq!(
            next(&v),
            (
                Some("2026-03-13".into()),
                "1.5 mg: draw 1.5 mL, which gives 1.5 mg".into()
            )
        );
    }

    #[test]
    fn on_an_off_day_of_a_cycle() {
        // 4.5 mg held from 1 March; after 7 days at the target, 3 days on
        // (8 to 10 March) and 3 off (11 to 13 March), on again from 14 March.
        let q = "syringe=5&plan=custom&pdose=4.5&pstep=0&pevery=7&ptarget=4.5&pstart=2026-03-01&pcycle=1";
        let s = open(&format!("view=patient&{BOTTLE}&{q}"), "2026-03-12");
        let kinds: Vec<_> = s.plan.ok().unwrap().days[7..14]
            .iter()
            .map(|d| d.kind)
            .collect();
        assert_eq!(kinds[3..6], [DayKind::Off; 3], "{kinds:?}");
        let v = patient(&s);
        assert_eq!(today(&v).dose, "No dose today");
        assert_eq!(
            today(&v).note.as_deref(),
            Some("An off day of your cycle (3 days on, 3 days off). Your next dose is on 14 Mar 2026.")
        );
        assert!(today(&v).draws.is_none());
        let (date, text) = next(&v);
        assert_eq!(date.as_deref(), Some("2026-03-14"));
        assert!(
            text.starts_with("4.5 mg: draw 4.4 mL, which gives 4.4 mg"),
            "{text}"
        );
        // On an on day, the next change is the off days.
        let v = page(q, "2026-03-09");
        assert_eq!(
            next(&v),
            (Some("2026-03-11".into()), "Off day: no dose".into())
        );
    }

    #[test]
    fn twice_daily_shows_morning_and_evening() {
        // 1.5 mg a day as 0.75 mg twice, on the 1 mL syringe (0.01 mL marks).
        let v = page(
            "syringe=1&plan=standard&pstart=2026-03-01&psplit=2",
            "2026-03-01",
        );
        assert_eq!(plain(&today(&v).dose), "0.75 mg morning, 0.75 mg evening");
        let d = draws(&v);
        let lines: Vec<_> = d.lines.iter().map(|l| (l.code, plain(&l.text))).collect();
        assert_eq!(
            lines,
            [
                (
                    "morning",
                    "Morning: 0.75 mg: draw 0.75 mL, which gives 0.75 mg".into()
                ),
                (
                    "evening",
                    "Evening: 0.75 mg: draw 0.75 mL, which gives 0.75 mg".into()
                ),
            ]
        );
        // One picture, one big draw: both halves are the same.
        assert_eq!(
            d.draw.as_ref().map(|(_, ml)| plain(ml)),
            Some("0.75 mL".into())
        );
        assert!(d.picture.is_some());
        assert_eq!(
            next(&v).1,
            "Morning: 1 mg: draw 1 mL, which gives 1 mg Evening: 1 mg: draw 1 mL, which gives 1 mg"
        );
    }

    #[test]
    fn before_the_plan_starts_and_after_it_ends() {
        let v = page("syringe=3&plan=standard&pstart=2026-03-10", "2026-03-01");
        assert_eq!(today(&v).dose, "Your plan starts on 10 Mar 2026.");
        let d = draws(&v);
        assert_eq!(
            d.heading.as_deref(),
            Some("Your first dose, on 10 Mar 2026")
        );
        assert_eq!(
            plain(&d.lines[0].text),
            "1.5 mg: draw 1.5 mL, which gives 1.5 mg"
        );
        assert_eq!(next(&v).0.as_deref(), Some("2026-03-24"));

        let v = page(
            "syringe=3&plan=standard&pstart=2026-03-01&pdays=10",
            "2026-03-11",
        );
        assert_eq!(
            today(&v).dose,
            "Your plan ended on 10 Mar 2026. Ask your pharmacy or prescriber how to go on."
        );
        assert!(today(&v).draws.is_none());
        assert_eq!(next(&v), (None, "None: your plan has ended.".into()));
        // The last day of a plan: no further change.
        let v = page(
            "syringe=3&plan=standard&pstart=2026-03-01&pdays=10",
            "2026-03-10",
        );
        assert_eq!(
            next(&v),
            (
                None,
                "None: this dose goes on to the end of your plan, 10 Mar 2026.".into()
            )
        );
    }

    #[test]
    fn without_a_plan_it_is_the_link_dose_times_a_day() {
        let v = page("dose=1.5&times=2&syringe=3", "2026-03-05");
        assert_eq!(plain(&today(&v).dose), "1.5 mg morning, 1.5 mg evening");
        assert_eq!(draws(&v).lines.len(), 2);
        assert!(next(&v).1.starts_with("None planned"));
        assert!(v.reminders.is_none());
        // 4.5 mg twice a day is 9 mg a day: above the LDN range, said with it.
        let v = page("dose=4.5&times=2&syringe=5", "2026-03-05");
        assert_eq!(codes(&v)[0], "above-ldn-range");
        assert!(plain(&draws(&v).warnings[0].text).starts_with("9 mg a day (4.5 mg twice a day)"));
        // Without `plan=` a default plan in the link is not followed.
        let v = page("dose=2&syringe=3&pstart=2026-03-02", "2026-03-05");
        assert_eq!(plain(&today(&v).dose), "2 mg");
    }

    #[test]
    fn a_draw_the_syringe_cannot_measure_gives_no_draw() {
        // 0.05 mg at 1 mg/mL is 0.05 mL: below what oral syringes measure.
        let v = page("dose=0.05&syringe=1", "2026-03-05");
        let d = draws(&v);
        assert_eq!((d.draw.is_none(), d.picture.is_none()), (true, true));
        assert!(!d.lines[0].measured);
        let text = plain(&d.lines[0].text);
        assert!(
            text.contains("cannot be measured") && text.contains("ask the pharmacy"),
            "{text}"
        );
        assert!(!text.contains("draw"), "{text}");
        assert!(codes(&v).contains(&"below-accuracy"));
        // More than the syringe holds: the pharmacy, not another syringe.
        let v = page("dose=4.5&syringe=3", "2026-03-05");
        let text = plain(&draws(&v).lines[0].text);
        assert!(
            text.contains("ask the pharmacy") && !text.contains("5 mL"),
            "{text}"
        );
    }

    #[test]
    fn no_pharmacist_only_warning_appears_and_the_bottle_dates_do() {
        // 45 days' use-by and 50 mL at 0.5 mg a day: the bottle outlasts it
        // and its use-by is beyond the guidance; neither is the patient's.
        let q = "view=patient&tablet=50&tablets=1&volume=50&prepared=2026-03-01&bud=45&dose=0.5&syringe=1";
        let s = open(q, "2026-03-05");
        let all = s.dose.ok().unwrap().warnings(s.dose_bottle.as_deref());
        assert!(
            all.contains(&Warning::OutlastsUseBy) && all.contains(&Warning::UseByBeyondGuidance)
        );
        assert_eq!(codes(&patient(&s)), Vec::<&str>::new());
        // Expires within 3 days (last day 30 March), in the patient's words.
        let v = page("dose=1.5&syringe=3", "2026-03-28");
        assert_eq!(codes(&v), ["expires-soon"]);
        assert!(v.bottle.unwrap().warnings[0]
            .text
            .contains("ask your pharmacy for a new bottle"));
        let v = page("dose=1.5&syringe=3", "2026-03-31");
        assert_eq!(codes(&v), ["expired"]);
        let v = page("dose=1.5&syringe=3", "2026-02-20");
        assert_eq!(codes(&v), ["prepared-in-future"]);
        // The rule: only these three are the pharmacist's (the recipe's
        // concentration is the pharmacist's to check; the patient page asks
        // the patient to check the label's).
        let pharmacist: Vec<_> = Warning::ALL
            .into_iter()
            .filter(|w| audience(*w) == Audience::Pharmacist)
            .collect();
        assert_eq!(
            pharmacist,
            [
                Warning::UnusualConcentration,
                Warning::UseByBeyondGuidance,
                Warning::OutlastsUseBy
            ]
        );
    }

    #[test]
    fn a_link_without_a_dose_says_to_ask_the_pharmacy() {
        // Each value valid, together no bottle: 100 x 100 mg at 0.01 mg/mL.
        let v = page(
            "syringe=3&tablet=100&tablets=100&conc=0.01&dose=1.5",
            "2026-03-05",
        );
        assert!(v.today.is_none() && v.next_change.is_none() && v.bottle.is_none());
        assert_eq!(
            v.problem.as_deref(),
            Some("This link is incomplete or has an error, so no dose can be shown. Ask your pharmacy for a new link.")
        );
        // A plan above 4.5 mg without the prescriber's confirmation: no plan.
        let v = page(
            "syringe=5&plan=custom&pstart=2026-03-01&pdose=5&pstep=0&pevery=7&ptarget=5",
            "2026-03-05",
        );
        assert!(v.today.is_none() && v.reminders.is_none() && v.problem.is_some());
        assert!(v.bottle.is_some());
        // A plan but no bottle: the problem alone, not the diary (whose
        // words for this case speak to the pharmacist).
        let v = page(
            "tablet=100&tablets=100&conc=0.01&syringe=3&plan=standard&pstart=2026-03-01",
            "2026-03-05",
        );
        assert!(v.today.is_none() && v.problem.is_some());
        assert!(v.diary.is_none());
    }

    #[test]
    fn the_page_has_no_tabs_and_keeps_its_address_in_every_language() {
        let s = open(
            &format!("view=patient&{BOTTLE}&dose=2&syringe=3&lang=en"),
            "2026-03-05",
        );
        assert!(crate::shell::shell(&s).tabs.is_empty());
        assert!(s.link.contains("view=patient"), "{}", s.link);
        let nb = apply(s, Action::Lang(Lang::Nb));
        assert!(
            nb.link.contains("view=patient") && nb.link.ends_with("lang=nb"),
            "{}",
            nb.link
        );
        assert_eq!(today(&patient(&nb)).heading, "I dag, 05.03.2026");
        // Reloading the address opens the same page.
        let again = open(&nb.link, "2026-03-05");
        assert_eq!(patient(&again), patient(&nb));
    }

    #[test]
    fn the_diary_and_the_reminders_on_the_page_say_what_the_page_says() {
        // 4.5 mg at 1 mg/mL is 4.5 mL: more than the 3 mL syringe holds;
        // a 5 mL one would do, but the patient is sent to the pharmacy. A
        // use-by of 45 days is beyond the guidance: the pharmacist's
        // concern, not in the patient's reminders.
        let q = "view=patient&tablet=50&tablets=1&volume=50&prepared=2026-03-01&bud=45&syringe=3\
                 &plan=custom&pdose=4.5&pstep=0&pevery=7&ptarget=4.5&pstart=2026-03-01";
        let s = open(q, "2026-03-05");
        let v = patient(&s);
        let page_line = plain(&draws(&v).lines[0].text);
        let diary = v.diary.as_ref().unwrap();
        let said = plain(&diary.today.line.as_ref().unwrap().sentence(Lang::En));
        assert_eq!(said, page_line);
        let ics = plain(&crate::plan::calendar(&s).unwrap().replace("\r\n ", ""));
        assert!(
            ics.contains("4.5 mg: cannot be measured with this syringe"),
            "{ics}"
        );
        assert!(ics.contains("ask the pharmacy"), "{ics}");
        assert!(!ics.contains("5 mL"), "{ics}");
        assert!(!ics.contains("stability"), "{ics}");
        // From the Plan screen the same plan's calendar has both.
        let plan = apply(s, Action::Show(Screen::Plan));
        let ics = plain(&crate::plan::calendar(&plan).unwrap().replace("\r\n ", ""));
        assert!(ics.contains("5 mL") && ics.contains("stability"), "{ics}");
    }

    #[test]
    fn the_volume_left_is_the_linked_bottles() {
        // The standard plan from 1 March; the link is for the second
        // bottle, prepared on 27 March. On 28 March, with today's dose
        // marked, the diary counts from that bottle, not the plan's first.
        let q = "view=patient&tablet=50&tablets=1&volume=50&prepared=2026-03-27&bud=30&syringe=3\
                 &plan=standard&pstart=2026-03-01";
        let s = open(q, "2026-03-28");
        let s = apply(
            s,
            Action::DiaryTake(ldn_engine::date::TimeOfDay::from_hm(21, 0)),
        );
        let v = patient(&s);
        let left = v.diary.as_ref().unwrap().ml_left.as_ref().unwrap();
        assert!(plain(&left.text).contains("27 Mar 2026"), "{}", left.text);
        assert!(!left.empty_by_now);
        assert_eq!(v.bottle.unwrap().last_day_iso, "2026-04-25");
    }

    /// The link of the review (a plan from 1 December, a bottle prepared
    /// that day: last day 30 December), as the patient opens it on `day`.
    fn december(day: &str) -> State {
        open(
            "lang=en&view=patient&tablet=50&tablets=2&volume=100&syringe=3&plan=standard\
             &pstart=2026-12-01&pdays=60&prepared=2026-12-01&bud=30",
            day,
        )
    }

    /// The review's 50 mL bottle: used up by the plan on 28 December, two
    /// days before its last day. On 29 December the page gives the dose,
    /// no draw from it, and nothing to mark as drawn from it.
    #[test]
    fn a_bottle_the_plan_uses_up_first_gives_no_draw_after() {
        let q = "lang=en&view=patient&tablet=50&tablets=1&volume=50&syringe=3&plan=standard\
                 &pstart=2026-12-01&pdays=60&prepared=2026-12-01&bud=30";
        let v = patient(&open(q, "2026-12-28"));
        assert!(draws(&v).lines[0].measured);
        let s = open(q, "2026-12-29");
        let v = patient(&s);
        assert_eq!(plain(&today(&v).dose), "2.5 mg");
        let line = &draws(&v).lines[0];
        assert!(!line.measured);
        assert!(
            plain(&line.text).contains("used up after 28 Dec 2026"),
            "{}",
            line.text
        );
        assert_eq!(v.diary.as_ref().unwrap().today.take, None);
        let s = apply(
            s,
            Action::DiaryTake(ldn_engine::date::TimeOfDay::from_hm(21, 0)),
        );
        assert!(s.doc.diary.is_empty());
    }

    #[test]
    fn a_bottle_past_its_last_day_gives_no_dose() {
        // 10 January: the page said "2.5 mg, Draw up 2.5 mL" with a
        // working "Taken as planned"; now it says not to use the bottle,
        // first, and states no dose, draw, picture or reminder.
        let s = december("2027-01-10");
        let v = patient(&s);
        let stop = v.do_not_use.as_ref().expect("do not use");
        assert_eq!(stop.reason, "expired");
        assert_eq!(stop.heading, "Do not use this bottle");
        assert!(
            plain(&stop.text).starts_with("Its last day of use was 30 Dec 2026."),
            "{}",
            stop.text
        );
        assert!(v.today.is_none() && v.next_change.is_none() && v.reminders.is_none());
        assert!(v.problem.is_none());
        // The diary stays (side effects, entries, export), marking nothing.
        let diary = v.diary.as_ref().unwrap();
        assert_eq!(diary.today.take, None);
        assert_eq!(diary.today.text, "Do not use this bottle");
        let s = apply(
            s,
            Action::DiaryTake(ldn_engine::date::TimeOfDay::from_hm(21, 0)),
        );
        assert!(
            s.doc.diary.is_empty(),
            "nothing marked from an expired bottle"
        );
        let s = apply(
            s,
            Action::Type(ldn_model::state::TextField::DiaryAmount, "2.5".into()),
        );
        let s = apply(s, Action::DiaryTakeOther(None));
        assert!(s.doc.diary.is_empty());
        assert!(patient(&s).diary.unwrap().other.field.error.is_some());
        // On its last day it still doses, and says it is the last.
        let v = patient(&december("2026-12-30"));
        assert!(v.do_not_use.is_none());
        assert_eq!(plain(&today(&v).dose), "2.5 mg");
        assert_eq!(codes(&v), ["expires-soon"]);
        assert!(v.diary.unwrap().today.take.is_some());
        // Opened before the day it is dated: not yet.
        let v = patient(&december("2026-11-30"));
        assert_eq!(v.do_not_use.map(|d| d.reason), Some("not-yet"));
        assert!(v.today.is_none());
    }

    /// A damaged link (cut off, or a value that cannot be read) gives no
    /// dose, no draw and no bottle made of defaults (the review: a link
    /// without its preparation date showed a fresh bottle and a dose).
    #[test]
    fn a_damaged_link_gives_no_dose() {
        let full = "view=patient&lang=en&tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=2026-10-01&bud=30";
        for (damaged, gap) in [
            (full.replace("&prepared=2026-10-01", ""), "prepared"),
            (
                full.replace("prepared=2026-10-01", "prepared=2026-10-01x"),
                "prepared",
            ),
            (full.replace("dose=1.5", "dose=4,5"), "dose"),
            (full.replace("&dose=1.5", ""), "dose"),
            (full.replace("volume=50", "volume=5O"), "volume"),
            (full.replace("&volume=50", ""), "volume/conc"),
            (full.replace("&syringe=3", ""), "syringe"),
        ] {
            let s = State::start(
                &damaged,
                Ok(None),
                Lang::En,
                Date::parse_iso("2026-10-05").unwrap(),
            );
            let v = patient(&s);
            assert!(
                v.today.is_none() && v.bottle.is_none() && v.check_label.is_none(),
                "{damaged}"
            );
            let problem = v.problem.unwrap_or_default();
            assert!(problem.contains(gap), "{damaged}: {problem}");
        }
        // The whole link still gives its dose; the language is not needed.
        let s = State::start(
            full,
            Ok(None),
            Lang::En,
            Date::parse_iso("2026-10-05").unwrap(),
        );
        assert!(patient(&s).today.is_some());
        let s = State::start(
            &full.replace("lang=en&", "lang=xx&"),
            Ok(None),
            Lang::En,
            s.today,
        );
        assert!(patient(&s).today.is_some());
    }
}
