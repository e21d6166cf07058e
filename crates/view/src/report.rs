//! The report for the prescriber, ready to render and print on one A4
//! page: the period's chart (planned dose as steps, doses taken as points,
//! the 0-10 score as a line, side-effect and missed days, step-back days,
//! bottles' last days), a row per dose step, the bottles, and what the
//! diary cannot know. Built from `model::diary::report`, the numbers the
//! CSV export has too. Each step's dose is stated as every dose is, through
//! `DoseLine` (with its warnings), or in mg alone when no bottle is known.
//!
//! The chart's coordinates are whole tenths of a millimetre of the printed
//! page (drawing only; every number the page states is exact).

use super::draw::{plan_line, DoseLine, Draw, Hold, WarningLine};
use super::form::{Entry, InlineError, TextBox};
use super::text::qty;
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::date::Date;
use ldn_engine::format::{number, plain, Unit};
use ldn_engine::quantity::Mg;
use ldn_engine::schedule::DayKind;
use ldn_model::diary::intake_check;
use ldn_model::diary::report::{period, report, PeriodProblem, Report, ReportDay, Step};
use ldn_model::plan::PlanOutcome;
use ldn_model::state::{Action, PrintJob, Screen, State, TextField};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// A button: its words and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportButton {
    pub label: &'static str,
    pub action: Action,
}

/// `data-testid="report"`: the button that opens it, and when open its
/// period, its page and the print button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportView {
    pub intro: &'static str,
    /// Opens or closes the report (`aria-expanded`).
    pub toggle: ReportButton,
    pub open: bool,
    pub from: TextBox,
    pub to: TextBox,
    pub print: Option<ReportButton>,
    /// The page, when the period is valid.
    pub page: Option<ReportPage>,
    /// What is printed now is this report (`data-print="report"`).
    pub printing: bool,
}

/// The printed page (`data-testid="report-page"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPage {
    pub title: &'static str,
    pub period: String,
    /// The patient's and prescriber's names, when known.
    pub people: Vec<String>,
    /// What the score means (and what was scored).
    pub score_means: String,
    pub chart: Chart,
    pub columns: [&'static str; 6],
    pub rows: Vec<StepRow>,
    /// In place of the table when no plan day is in the period.
    pub no_plan_days: Option<&'static str>,
    /// The warnings about measuring the steps' doses, each once (a step's
    /// cell states its draw; what the draw's warnings say is here).
    pub notes_heading: &'static str,
    pub notes: Vec<WarningLine>,
    pub bottles_heading: &'static str,
    pub bottles: Vec<String>,
    pub cannot_know: &'static str,
}

/// One dose step (`data-testid="report-step"`, its numbers as data
/// attributes for the export's cross-check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRow {
    pub from_iso: String,
    pub to_iso: String,
    pub dates: String,
    pub dose: String,
    pub taken: String,
    pub missed: String,
    pub score: String,
    pub effects: String,
    pub taken_n: u32,
    pub planned_n: u32,
    pub extra_n: u32,
    pub missed_days: u32,
    /// The mean score as plain text (`6.5`), empty without one.
    pub mean: String,
}

/// A point of the chart, in tenths of a millimetre from its top left.
pub type Point = (u32, u32);

/// The chart (`data-testid="report-chart"`), drawn by the component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub title: &'static str,
    /// The whole drawing's size.
    pub width: u32,
    pub height: u32,
    /// The plot area: left, right, top, bottom.
    pub plot: (u32, u32, u32, u32),
    /// Left scale (mg) and right scale (score): each tick's height and words.
    pub mg_ticks: Vec<(u32, String)>,
    pub score_ticks: Vec<(u32, String)>,
    /// Dates under the plot: x and words.
    pub date_ticks: Vec<(u32, String)>,
    /// Step-back days: x and width.
    pub step_back: Vec<(u32, u32)>,
    /// The planned daily dose as steps (an SVG path).
    pub planned: String,
    pub taken: Vec<Point>,
    /// The score: a path joining days in a row, and each day's point.
    pub score_line: String,
    pub scores: Vec<Point>,
    /// Marks under the plot: side effects noted, planned doses not marked.
    pub effects: Vec<u32>,
    pub missed: Vec<u32>,
    pub effects_y: u32,
    pub missed_y: u32,
    /// A tick above the plot at each bottle's last day.
    pub bottles: Vec<u32>,
    /// Each kind drawn (`data-legend`) with its words.
    pub legend: Vec<(&'static str, &'static str)>,
}

/// The chart's size: the A4 page's printable width (180 mm), 75 mm high.
const WIDTH: u32 = 1800;
const HEIGHT: u32 = 750;
const LEFT: u32 = 120;
const RIGHT: u32 = 1680;
const TOP: u32 = 60;
const BOTTOM: u32 = 560;

/// The report of `s`'s current plan, or None without one.
pub fn report_view(s: &State) -> Option<ReportView> {
    let plan = s.plan.ok()?;
    let lang = s.lang;
    let d = &s.diary;
    let mut from = text_box(
        "report-from",
        lang.t(Msg::ReportFrom),
        &d.report_from,
        TextField::ReportFrom,
    );
    let mut to = text_box(
        "report-to",
        lang.t(Msg::ReportTo),
        &d.report_to,
        TextField::ReportTo,
    );
    let mut page = None;
    if d.report_open {
        match period(&d.report_from, &d.report_to, &plan.days, s.today) {
            Ok((first, last)) => page = Some(page_for(s, plan, first, last)),
            Err(p) => {
                let (field, text) = match &p {
                    PeriodProblem::From(e) => (&mut from, date_error(lang, e)),
                    PeriodProblem::To(e) => (&mut to, date_error(lang, e)),
                    PeriodProblem::Future => (&mut to, lang.t(Msg::ReportErrFuture).to_string()),
                    PeriodProblem::Backwards => {
                        (&mut from, lang.t(Msg::ReportErrBackwards).to_string())
                    }
                    PeriodProblem::TooLong => {
                        (&mut from, lang.t(Msg::ReportErrTooLong).to_string())
                    }
                };
                field.error = Some(InlineError {
                    param: field.id,
                    text,
                });
            }
        }
    }
    Some(ReportView {
        intro: lang.t(Msg::ReportIntro),
        toggle: ReportButton {
            label: lang.t(Msg::ReportHeading),
            action: Action::DiaryReport(!d.report_open),
        },
        open: d.report_open,
        from,
        to,
        print: page.as_ref().map(|_| ReportButton {
            label: lang.t(Msg::ReportPrint),
            action: Action::Print(PrintJob::Report),
        }),
        printing: page.is_some() && s.print == Some(PrintJob::Report),
        page,
    })
}

fn text_box(id: &'static str, label: &str, value: &str, sends: TextField) -> TextBox {
    TextBox {
        id,
        label: label.to_string(),
        value: value.to_string(),
        entry: Entry::Date,
        error: None,
        sends,
    }
}

fn date_error(lang: Lang, e: &ldn_engine::date::DateError) -> String {
    super::text::error_text(lang, &ldn_model::order::InputError::Date(e.clone()))
}

fn page_for(s: &State, plan: &PlanOutcome, first: Date, last: Date) -> ReportPage {
    let lang = s.lang;
    let r = report(
        &s.doc.diary,
        &plan.days,
        s.today,
        s.diary_supplied(),
        first,
        last,
    );
    let days = u64::try_from(first.days_until(last) + 1).unwrap_or(0);
    let condition = s.doc.condition.trim();
    let bottles = bottles(s, first, last);
    let last_days: Vec<Date> = bottles.iter().map(|(_, _, l)| *l).collect();
    let rows: Vec<(StepRow, Vec<DoseLine>)> = r.steps.iter().map(|step| row(s, step)).collect();
    ReportPage {
        title: lang.t(Msg::ReportHeading),
        period: lang.f(msg::ReportPeriod {
            from: &lang.date(first),
            to: &lang.date(last),
            days,
        }),
        people: people(s),
        score_means: if condition.is_empty() {
            lang.t(Msg::ReportScoreAny).to_string()
        } else {
            lang.f(msg::ReportScoreFor { condition })
        },
        chart: chart(lang, &r, &last_days),
        columns: [
            lang.t(Msg::ReportColDates),
            lang.t(Msg::ReportColDose),
            lang.t(Msg::ReportColTaken),
            lang.t(Msg::ReportColMissed),
            lang.t(Msg::ReportColScore),
            lang.t(Msg::ReportColEffects),
        ],
        rows: rows.iter().map(|(row, _)| row.clone()).collect(),
        no_plan_days: r.steps.is_empty().then(|| lang.t(Msg::ReportNoPlanDays)),
        notes_heading: lang.t(Msg::ReportDoseNotes),
        notes: notes(rows.iter().flat_map(|(_, lines)| lines)),
        bottles_heading: lang.t(Msg::ReportBottlesHeading),
        bottles: bottles
            .iter()
            .map(|(number, prepared, last)| {
                let (prepared, last) = (&lang.date(*prepared), &lang.date(*last));
                match number {
                    Some(number) => lang.f(msg::ReportBottle {
                        number,
                        prepared,
                        last,
                    }),
                    None => lang.f(msg::ReportBottleUnnumbered { prepared, last }),
                }
            })
            .collect(),
        cannot_know: lang.t(Msg::ReportCannotKnow),
    }
}

/// The patient's and the prescriber's names, when known (as the printed
/// plan has them).
fn people(s: &State) -> Vec<String> {
    let lang = s.lang;
    [
        (Msg::WsPatient, s.inputs.patient.trim()),
        (Msg::RecordPrescriber, s.record.prescriber.trim()),
    ]
    .into_iter()
    .filter(|(_, name)| !name.is_empty())
    .map(|(label, name)| format!("{}: {name}", lang.t(label)))
    .collect()
}

/// The bottles known to have been in use in the period: on the patient's
/// page its link's bottle; on the Plan screen the bottles saved on this
/// device for the patient named, or else the Prepare recipe's bottle once
/// prepared (never a bottle the plan only foresees).
fn bottles(s: &State, first: Date, last: Date) -> Vec<(Option<String>, Date, Date)> {
    let overlaps = |prepared: Date, until: Date| prepared <= last && until >= first;
    if s.screen == Screen::Patient {
        return s
            .recipe
            .ok()
            .map(|r| (None, r.expiry.prepared, r.expiry.last_day))
            .filter(|(_, p, l)| overlaps(*p, *l))
            .into_iter()
            .collect();
    }
    let patient = s.inputs.patient.trim().to_lowercase();
    let mut out: Vec<(Option<String>, Date, Date)> = s
        .doc
        .batches
        .iter()
        .filter(|b| !patient.is_empty() && b.record.patient.trim().to_lowercase() == patient)
        .filter(|b| overlaps(b.prepared, b.last_day()))
        .map(|b| (Some(b.number.clone()), b.prepared, b.last_day()))
        .collect();
    ldn_engine::small_sort::sort_by_key(&mut out, |(_, p, _)| *p);
    // None saved for this patient: the bottle the diary counts from (the
    // Prepare recipe's, as the diary's "left in the bottle" says), once it
    // has been prepared.
    if out.is_empty() {
        out.extend(
            s.recipe
                .ok()
                .map(|r| (None, r.expiry.prepared, r.expiry.last_day))
                .filter(|(_, p, l)| *p <= s.today && overlaps(*p, *l)),
        );
    }
    out
}

/// A step's row, and its doses' lines (whose warnings the page says once,
/// under the table).
fn row(s: &State, step: &Step) -> (StepRow, Vec<DoseLine>) {
    let lang = s.lang;
    let dates = if step.from == step.to {
        lang.date(step.from)
    } else {
        format!("{} \u{2013} {}", lang.date(step.from), lang.date(step.to))
    };
    let mut taken = vec![lang.f(msg::ReportTakenOf {
        taken: &step.taken.to_string(),
        planned: u64::from(step.planned),
    })];
    if step.other > 0 {
        taken.push(lang.f(msg::ReportOtherAmount {
            doses: u64::from(step.other),
        }));
    }
    if step.extra > 0 {
        taken.push(lang.f(msg::ReportBeyondPlan {
            doses: u64::from(step.extra),
        }));
    }
    // "16 days, 2 halved, 5 days off": what the step's days were.
    let mut days = vec![lang.f(msg::ReportStepDays {
        days: u64::from(step.days),
    })];
    if step.step_back_days > 0 {
        days.push(lang.f(msg::ReportStepBackDays {
            days: u64::from(step.step_back_days),
        }));
    }
    if step.off_days > 0 {
        days.push(lang.f(msg::ReportOffDays {
            days: u64::from(step.off_days),
        }));
    }
    let (dose, lines) = step_dose(s, step);
    let mean = step.mean_score.map(plain).unwrap_or_default();
    let score = match step.mean_score {
        Some(_) => lang.f(msg::ReportMeanScore {
            mean: &step
                .mean_score
                .map(|m| number(m, lang.separator()))
                .unwrap_or_default(),
            days: u64::from(step.scored_days),
        }),
        None => lang.t(Msg::ReportNone).to_string(),
    };
    let effects: Vec<String> = step
        .effects
        .iter()
        .map(|(e, n)| {
            lang.f(msg::ReportEffectDays {
                effect: super::diary::effect_name(lang, *e),
                days: u64::from(*n),
            })
        })
        .collect();
    let row = StepRow {
        from_iso: step.from.to_string(),
        to_iso: step.to.to_string(),
        dates,
        dose: format!("{dose} ({})", days.join(", ")),
        taken: taken.join(", "),
        missed: step.missed_days.to_string(),
        score,
        effects: if effects.is_empty() {
            lang.t(Msg::ReportNone).to_string()
        } else {
            effects.join(", ")
        },
        taken_n: step.taken,
        planned_n: step.planned,
        extra_n: step.extra,
        missed_days: step.missed_days,
        mean,
    };
    (row, lines)
}

/// The step's planned dose as every dose is stated: each intake through
/// `DoseLine` with its warnings on the plan's bottle (in the patient's
/// words on their page), or in mg alone when no bottle is known. On a day
/// the patient's page says not to use the bottle, the report printed that
/// day says why and states no draw either (`DoseLine::held`).
fn step_dose(s: &State, step: &Step) -> (String, Vec<DoseLine>) {
    let lang = s.lang;
    let Some(plan) = s.plan.ok() else {
        return (String::new(), Vec::new());
    };
    let for_patient = s.screen == Screen::Patient;
    let hold = s.patient_hold().map(Hold::from);
    let lines: Vec<DoseLine> = match s.plan_bottle() {
        Some(bottle) => step
            .intakes_mg
            .iter()
            .map(|mg| {
                let check = intake_check(&plan.days, bottle, Mg::new(*mg));
                match hold {
                    Some(hold) => DoseLine::held(lang, &check, false, hold, for_patient),
                    None => plan_line(lang, &check, for_patient),
                }
            })
            .collect(),
        None => Vec::new(),
    };
    // The draw in the cell, its warnings once under the table (`notes`). A
    // bottle not to be drawn from today: the doses in mg (why, under the
    // table too).
    let intakes: Vec<String> = if lines.is_empty() || hold.is_some() {
        step.intakes_mg
            .iter()
            .map(|mg| qty(lang, *mg, Unit::Mg))
            .collect()
    } else {
        lines.iter().map(|l| l.sentence(lang)).collect()
    };
    let text = match intakes.as_slice() {
        [morning, evening] => format!(
            "{} \u{b7} {}",
            lang.f(msg::IntakeMorning { dose: morning }),
            lang.f(msg::IntakeEvening { dose: evening })
        ),
        _ => intakes.join(" \u{b7} "),
    };
    (text, lines)
}

/// Under the table, each once: why no draw is stated (a bottle not to be
/// drawn from today) and every warning about the steps' draws.
fn notes<'a>(lines: impl Iterator<Item = &'a DoseLine>) -> Vec<WarningLine> {
    let mut notes: Vec<WarningLine> = Vec::new();
    for l in lines {
        let held = match &l.draw {
            // Said on its own here, not after a dose: a sentence.
            Draw::Held { why } => Some(WarningLine {
                code: "held",
                text: why
                    .chars()
                    .take(1)
                    .flat_map(char::to_uppercase)
                    .chain(why.chars().skip(1))
                    .collect(),
            }),
            _ => None,
        };
        for w in held.iter().chain(&l.warnings) {
            if !notes.iter().any(|n| n.text == w.text) {
                notes.push(w.clone());
            }
        }
    }
    notes
}

/// A date without its year, for the chart's axis.
fn short_date(lang: Lang, date: Date) -> String {
    let full = lang.date(date);
    let (y, _, _) = date.ymd();
    full.strip_suffix(&y.to_string())
        .map_or(full.clone(), |s| s.trim_end().to_string())
}

/// The chart's arithmetic is whole tenths of a millimetre (integers, and
/// exact decimals for doses): no floats, whose formatting code would weigh
/// on both pages' downloads.
fn along(halves: u64, n: usize) -> u32 {
    // LEFT + span * (halves / 2) / n, rounded: `halves` is 2i for day i's
    // start, 2i + 1 for its centre.
    let (span, n) = (u64::from(RIGHT - LEFT), n.max(1) as u64);
    let x = (span * halves + n) / (2 * n);
    LEFT + u32::try_from(x).unwrap_or(RIGHT - LEFT).min(RIGHT - LEFT)
}

fn chart(lang: Lang, r: &Report, bottle_last_days: &[Date]) -> Chart {
    let n = r.days.len();
    let x_of = |i: usize| along(2 * i as u64, n);
    let centre = |i: usize| along(2 * i as u64 + 1, n);
    let index = |d: Date| usize::try_from(r.from.days_until(d)).ok();
    // The left scale: whole mg, at least to the plan's top (4.5 mg: 5).
    let top_mg = r
        .days
        .iter()
        .flat_map(|d| [d.planned_mg, d.taken_mg])
        .flatten()
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::ONE)
        .ceil();
    let top_whole = top_mg.to_u32().unwrap_or(1).max(1);
    let height = Decimal::from(BOTTOM - TOP);
    let y_mg = |mg: Decimal| {
        let up = (height * mg.min(top_mg) / top_mg)
            .round()
            .to_u32()
            .unwrap_or(0);
        BOTTOM - up.min(BOTTOM - TOP)
    };
    let y_score = |n: u8| BOTTOM - (BOTTOM - TOP) * u32::from(n.min(10)) / 10;
    let mg_step = match top_whole {
        0..=6 => 1,
        7..=12 => 2,
        _ => 5,
    };
    let mg_ticks = (0..=top_whole)
        .step_by(mg_step)
        .map(|v| {
            (
                y_mg(Decimal::from(v)),
                qty(lang, Decimal::from(v), Unit::Mg),
            )
        })
        .collect();
    let score_ticks = (0..=10u8)
        .step_by(2)
        .map(|v| (y_score(v), v.to_string()))
        .collect();
    // Dates: every week (two or four for long periods), from the first day.
    let every = match r.days.len() {
        0..=70 => 7,
        71..=140 => 14,
        _ => 28,
    };
    let date_ticks = r
        .days
        .iter()
        .enumerate()
        .step_by(every)
        .map(|(i, d)| (centre(i), short_date(lang, d.date)))
        .collect();
    let mut planned = String::new();
    let mut joined = false;
    for (i, d) in r.days.iter().enumerate() {
        match d.planned_mg {
            Some(mg) => {
                let y = y_mg(mg);
                let (x0, x1) = (x_of(i), x_of(i + 1));
                if joined {
                    planned.push_str(&format!(" L{x0} {y} L{x1} {y}"));
                } else {
                    planned.push_str(&format!(" M{x0} {y} L{x1} {y}"));
                }
                joined = true;
            }
            None => joined = false,
        }
    }
    let taken = r
        .days
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.taken_mg.map(|mg| (centre(i), y_mg(mg))))
        .collect();
    let mut score_line = String::new();
    let mut scores = Vec::new();
    let mut previous: Option<usize> = None;
    for (i, d) in r.days.iter().enumerate() {
        let Some(n) = d.score else {
            continue;
        };
        let p = (centre(i), y_score(n));
        let verb = if previous == Some(i.wrapping_sub(1)) {
            'L'
        } else {
            'M'
        };
        score_line.push_str(&format!(" {verb}{} {}", p.0, p.1));
        scores.push(p);
        previous = Some(i);
    }
    let marks = |keep: &dyn Fn(&ReportDay) -> bool| -> Vec<u32> {
        r.days
            .iter()
            .enumerate()
            .filter(|(_, d)| keep(d))
            .map(|(i, _)| centre(i))
            .collect()
    };
    let step_back = r
        .days
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == Some(DayKind::StepBack))
        .map(|(i, _)| (x_of(i), (x_of(i + 1) - x_of(i)).max(1)))
        .collect();
    Chart {
        title: lang.t(Msg::ReportChartTitle),
        width: WIDTH,
        height: HEIGHT,
        plot: (LEFT, RIGHT, TOP, BOTTOM),
        mg_ticks,
        score_ticks,
        date_ticks,
        step_back,
        planned: planned.trim_start().to_string(),
        taken,
        score_line: score_line.trim_start().to_string(),
        scores,
        effects: marks(&|d| !d.effects.is_empty()),
        missed: marks(&|d| d.missed),
        effects_y: BOTTOM + 50,
        missed_y: BOTTOM + 95,
        bottles: bottle_last_days
            .iter()
            .filter_map(|d| index(*d).filter(|i| *i < r.days.len()).map(centre))
            .collect(),
        legend: vec![
            ("planned", lang.t(Msg::ReportLegendPlanned)),
            ("taken", lang.t(Msg::ReportLegendTaken)),
            ("score", lang.t(Msg::ReportLegendScore)),
            ("effects", lang.t(Msg::ReportLegendEffects)),
            ("missed", lang.t(Msg::ReportLegendMissed)),
            ("step-back", lang.t(Msg::ReportLegendStepBack)),
            ("bottle", lang.t(Msg::ReportLegendBottle)),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_model::state::{apply, fixtures::from_link};

    /// The Plan screen on 1 March 2026 for `query`'s plan (1 mg/mL), after
    /// `actions`.
    fn state(query: &str, actions: Vec<Action>) -> State {
        let s = apply(
            from_link(&format!(
                "tablet=50&tablets=1&volume=50&prepared=2026-02-20&bud=30&{query}"
            )),
            Action::Show(Screen::Plan),
        );
        actions.into_iter().fold(s, apply)
    }

    fn open(query: &str, mut actions: Vec<Action>) -> ReportView {
        actions.insert(0, Action::DiaryReport(true));
        report_view(&state(query, actions)).expect("a plan")
    }

    const WEEKLY: &str = "syringe=3&plan=weekly-1mg&pstart=2026-02-20&pdays=30";

    #[test]
    fn closed_it_builds_no_page_and_without_a_plan_there_is_none() {
        let v = report_view(&state(WEEKLY, vec![])).unwrap();
        assert!(!v.open && v.page.is_none() && v.print.is_none());
        assert_eq!(v.toggle.action, Action::DiaryReport(true));
        // A plan that cannot be built: no report (never a stale plan's).
        let broken = state(WEEKLY, vec![Action::Type(TextField::PlanDays, "0".into())]);
        assert!(broken.plan.ok().is_none());
        assert!(report_view(&broken).is_none());
    }

    #[test]
    fn each_step_states_its_dose_as_every_dose_is_stated() {
        // 1 mg from 20 Feb, 2 mg from 27 Feb: two steps up to 1 March.
        let v = open(WEEKLY, vec![]);
        let page = v.page.unwrap();
        assert_eq!(page.period, "20 Feb 2026 to 1 Mar 2026 (10 days)");
        let doses: Vec<&str> = page.rows.iter().map(|r| r.dose.as_str()).collect();
        assert_eq!(
            doses,
            [
                "1\u{a0}mg: draw 1\u{a0}mL, which gives 1\u{a0}mg (7 days)",
                "2\u{a0}mg: draw 2\u{a0}mL, which gives 2\u{a0}mg (3 days)"
            ]
        );
        // Nothing marked: every planned dose up to yesterday not marked,
        // today's not yet counted.
        assert_eq!(
            page.rows
                .iter()
                .map(|r| (r.taken_n, r.planned_n, r.missed_days))
                .collect::<Vec<_>>(),
            [(0, 7, 7), (0, 2, 2)]
        );
        assert_eq!(page.rows[1].score, "none");
        // A step the 3 mL syringe cannot hold (4 mg from 13 March) is
        // stated without a draw, and says what to do instead.
        let late = open(
            WEEKLY,
            vec![
                Action::Type(TextField::ReportFrom, "2026-03-13".into()),
                Action::Today(Date::parse_iso("2026-03-14").unwrap()),
            ],
        );
        let row = &late.page.unwrap().rows[0];
        assert!(
            row.dose
                .starts_with("4\u{a0}mg: cannot be measured with this syringe"),
            "{}",
            row.dose
        );
    }

    #[test]
    fn on_a_day_the_patient_must_not_use_the_bottle_no_draw_is_stated() {
        // The patient's page on 25 March: the bottle (20 February, 30 days)
        // ended on 21 March. The report still gives each step's dose, and
        // why nothing is to be drawn, never a volume.
        let s = ldn_model::state::State::start(
            &format!(
                "view=patient&tablet=50&tablets=1&volume=50&prepared=2026-02-20&bud=30&{WEEKLY}"
            ),
            Ok(None),
            Lang::En,
            Date::parse_iso("2026-03-25").unwrap(),
        );
        assert!(s.patient_hold().is_some());
        let s = apply(s, Action::DiaryReport(true));
        let page = report_view(&s).unwrap().page.unwrap();
        assert!(!page.rows.is_empty());
        for row in &page.rows {
            assert!(!row.dose.contains("\u{a0}mL"), "{}", row.dose);
        }
        // Why, once, under the table.
        let held: Vec<&str> = page
            .notes
            .iter()
            .filter(|n| n.code == "held")
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(held.len(), 1, "{:?}", page.notes);
        assert!(held[0].contains("21 Mar 2026"), "{}", held[0]);
        // Nothing is counted as not marked once the bottle may no longer be
        // used: here the plan's draws (1, 2, 3 mg a week) use it up before
        // its last day, so the days up to then count as not marked, none
        // after.
        let missed: u32 = page.rows.iter().map(|r| r.missed_days).sum();
        let until = s.patient_empty_after().unwrap();
        assert_eq!(
            missed,
            1 + u32::try_from(Date::parse_iso("2026-02-20").unwrap().days_until(until)).unwrap()
        );
        assert!(missed < 30, "not up to the last day, 21 March");
    }

    #[test]
    fn twice_daily_the_draws_warnings_are_said_once_under_the_table() {
        // 0.75 mg morning and evening: 0.7 mL on the 0.1 mL marks, more
        // than 5 % under; the cell states both draws, the warning once.
        let v = open(
            "syringe=3&plan=standard&pstart=2026-02-20&pdays=30&psplit=2",
            vec![],
        );
        let page = v.page.unwrap();
        let dose = &page.rows[0].dose;
        assert!(
            dose.starts_with("Morning: 0.75\u{a0}mg: draw 0.7\u{a0}mL"),
            "{dose}"
        );
        assert!(
            dose.contains("Evening: 0.75\u{a0}mg: draw 0.7\u{a0}mL"),
            "{dose}"
        );
        assert!(!dose.contains("5 %"), "{dose}");
        assert_eq!(page.notes.len(), 1, "{:?}", page.notes);
        assert!(page.notes[0].text.contains("5 %"), "{:?}", page.notes);
    }

    #[test]
    fn a_period_that_cannot_be_reported_says_why_under_its_field() {
        let v = open(
            WEEKLY,
            vec![Action::Type(TextField::ReportTo, "2026-03-02".into())],
        );
        assert!(v.page.is_none() && v.print.is_none());
        assert_eq!(
            v.to.error.unwrap().text,
            "The last day cannot be after today."
        );
        let v = open(
            WEEKLY,
            vec![Action::Type(TextField::ReportFrom, "2026-03-01x".into())],
        );
        assert!(v.from.error.is_some() && v.page.is_none());
        let v = open(
            WEEKLY,
            vec![Action::Type(TextField::ReportFrom, "2025-02-28".into())],
        );
        assert_eq!(
            v.from.error.unwrap().text,
            "A report covers one year at most."
        );
    }

    #[test]
    fn printing_it_marks_it_and_printing_the_plan_does_not() {
        let s = state(WEEKLY, vec![Action::Print(PrintJob::Report)]);
        let v = report_view(&s).unwrap();
        assert!(v.open && v.printing);
        let v = report_view(&apply(s, Action::Print(PrintJob::Plan))).unwrap();
        assert!(v.open && !v.printing);
    }

    #[test]
    fn the_chart_draws_every_day_inside_its_frame() {
        let s = state(
            WEEKLY,
            vec![
                Action::DiaryReport(true),
                Action::DiaryTake(None),
                Action::DiaryScore(Some(7)),
                Action::Type(TextField::DiaryScoreDate, "2026-02-28".into()),
                Action::DiaryScore(Some(4)),
            ],
        );
        let page = report_view(&s).unwrap().page.unwrap();
        let c = &page.chart;
        assert_eq!(c.taken.len(), 1);
        assert_eq!(c.scores.len(), 2);
        // Two days in a row: one line joins them.
        assert_eq!(c.score_line.matches('L').count(), 1);
        // 20 to 28 February: nothing marked (a score is not a dose).
        assert_eq!(c.missed.len(), 9);
        let (left, right, top, bottom) = c.plot;
        for (x, y) in c.taken.iter().chain(&c.scores) {
            assert!(
                (left..=right).contains(x) && (top..=bottom).contains(y),
                "{x} {y}"
            );
        }
        // The score's scale: 7 is 70 % of the way up.
        assert_eq!(c.scores[1].1, bottom - (bottom - top) * 7 / 10);
        // The left scale reaches the plan's top dose, 2 mg.
        assert_eq!(c.mg_ticks.last().map(|t| t.1.as_str()), Some("2\u{a0}mg"));
        assert_eq!(page.rows[1].mean, "5.5");
        assert_eq!(page.rows[1].score, "5.5 (2 days)");
        assert_eq!(c.date_ticks[0].1, "20 Feb");
    }
}
