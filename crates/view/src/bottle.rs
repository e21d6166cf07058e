//! A saved bottle's doses as every output about it states them (its label,
//! its record, My batches), from its prescription (`model::bottle`) and as
//! of the day shown.
//!
//! A fixed dose is one line: `Dose: 1.5 mg once a day, at bedtime`. A
//! bottle made for a plan lists the plan's steps within its own days
//! (`1 Dec 2026 to 14 Dec 2026: 1.5 mg ...`, each day of the bottle in one
//! step, both ends said), each with its draw and warnings; where more steps than `max_steps` fall in
//! the bottle's days (a cycle's off days, step-backs), it says "as in your
//! dosing plan" and gives the step of the day shown. Past its last day no
//! draw is stated: the line says why (`DoseLine::held`).

use super::draw::{Alternative, DoseLine, Hold};
use super::label::directions_only;
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::date::Date;
use ldn_engine::schedule::DayKind;
use ldn_model::bottle::{Step, StepKind};
use ldn_model::saved::Batch;

/// One line of directions, with the draw of its intakes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BottleDose {
    /// `Dose: 1.5 mg once a day, at bedtime`, or a plan's step with its
    /// dates: `Until 14 Dec 2026: 1.5 mg once a day, at bedtime`.
    pub directions: String,
    /// The days it covers (a plan's step), first and last.
    pub days: Option<(Date, Date)>,
    /// The draw of one intake (a twice-daily split's two are equal), or
    /// none on days without a dose.
    pub line: Option<DoseLine>,
}

/// A bottle's directions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BottleDoses {
    /// A plan's: `Dose: as in your dosing plan:` (its steps follow), or,
    /// when they do not fit, `... On 20 Dec 2026:` and that day's step.
    pub plan_note: Option<String>,
    pub doses: Vec<BottleDose>,
}

/// `b`'s directions as of `today`, listing at most `max_steps` of a plan's
/// steps; `for_patient` (its label): the dose warnings in the patient's
/// words (`DoseLine::for_patient`).
pub fn bottle_doses(
    lang: Lang,
    b: &Batch,
    today: Date,
    max_steps: usize,
    for_patient: bool,
) -> BottleDoses {
    let hold = (today > b.last_day()).then(|| Hold::Expired(b.last_day()));
    let steps = b.steps();
    let Some(plan) = b.prescription.plan() else {
        // A fixed dose: one step, the bottle's whole life.
        let doses = steps
            .first()
            .map(|step| BottleDose {
                directions: step_directions(lang, step, None)
                    .map(|d| lang.f(msg::LabelDirections { directions: &d }))
                    .unwrap_or_default(),
                days: None,
                line: line(lang, step, hold, for_patient),
            })
            .into_iter()
            .collect();
        return BottleDoses {
            plan_note: None,
            doses,
        };
    };
    let plan_days = (
        plan.days().first().map(|d| d.date),
        plan.days().last().map(|d| d.date),
    );
    let framed = |step: &Step| {
        let text = step_directions(lang, step, Some(plan_days))
            .unwrap_or_else(|| lang.t(Msg::StepNoDose).to_string());
        BottleDose {
            // One day is said as one ("4 Jan to 4 Jan" read as a typo).
            directions: if step.from == step.to {
                lang.f(msg::LabelStepOn {
                    date: &lang.date(step.from),
                    directions: &text,
                })
            } else {
                lang.f(msg::LabelStepBetween {
                    from: &lang.date(step.from),
                    to: &lang.date(step.to),
                    directions: &text,
                })
            },
            days: Some((step.from, step.to)),
            line: line(lang, step, hold, for_patient),
        }
    };
    if steps.len() <= max_steps.max(1) {
        let doses = steps.iter().map(framed).collect();
        return BottleDoses {
            plan_note: Some(lang.t(Msg::LabelPlanDirections).to_string()),
            doses,
        };
    }
    // Too many to list: the step of the day shown (within the bottle's
    // days), with its own first and last day (which say when it holds:
    // the day itself again read "On 7 Dec: On 7 Dec:").
    let day = today.clamp(b.prepared, b.last_day());
    let current = steps.iter().find(|s| s.from <= day && day <= s.to);
    BottleDoses {
        plan_note: Some(lang.t(Msg::LabelPlanDirections).to_string()),
        doses: current.map(framed).into_iter().collect(),
    }
}

/// `1.5 mg once a day, at bedtime` (a step-back says so); None on days
/// without a dose, unless `plan` (its first and last day) says why.
fn step_directions(
    lang: Lang,
    step: &Step,
    plan: Option<(Option<Date>, Option<Date>)>,
) -> Option<String> {
    match (step.kind, step.intakes.first()) {
        (StepKind::Dose(kind), Some(first)) => {
            let per_day = u32::try_from(step.intakes.len()).unwrap_or(1);
            let text = directions_only(lang, first.dose_mg, per_day, false);
            Some(if kind == DayKind::StepBack {
                format!("{text} ({})", lang.t(Msg::NoteStepBack))
            } else {
                text
            })
        }
        (StepKind::Empty, _) => Some(lang.t(Msg::StepEmpty).to_string()),
        _ => plan.map(|(first, last)| {
            let why = if first.is_some_and(|f| step.to < f) {
                Msg::StepNoDoseYet
            } else if last.is_some_and(|l| step.from > l) {
                Msg::StepPlanEnded
            } else {
                Msg::StepNoDose
            };
            lang.t(why).to_string()
        }),
    }
}

/// The step's draw by the output rule (a draw not to be made sends the
/// patient to the pharmacy), or why not from this bottle now.
fn line(lang: Lang, step: &Step, hold: Option<Hold>, for_patient: bool) -> Option<DoseLine> {
    let check = step.intakes.first()?;
    Some(match hold {
        Some(hold) => DoseLine::held(lang, check, false, hold, for_patient),
        None if for_patient => DoseLine::for_patient(lang, check, false),
        None => DoseLine::new(lang, check, false, Alternative::Pharmacy),
    })
}
