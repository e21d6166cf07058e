//! The Plan screen, the printed plan and the calendar file: all three state
//! each day's doses through the same `DoseLine`s, so a draw the syringe
//! cannot measure is never printed or put in a calendar as a draw.

use super::draw::{alternative, plan_line, DoseLine, Draw, Hold, WarningLine};
use super::form::{self, choice, choice_of, Checkbox, Control, Entry, InlineError};
use super::parts::{advice, contents_with, AdviceView, Figure};
use super::patient::{audience, Audience};
use super::text::{num, percent, qty, qty_mg, qty_ml, syringe_name};
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::batch::use_by_warnings;
use ldn_engine::date::Date;
use ldn_engine::dose::{check_dose, DoseCheck};
use ldn_engine::format::{plain, Unit};
use ldn_engine::quantity::Mg;
use ldn_engine::recipe::Concentration;
use ldn_engine::schedule::{DayKind, TitrationPreset};
use ldn_engine::small_sort;
use ldn_engine::syringe::{Syringe, SyringePreset};
use ldn_engine::syringe_fit::SyringeFit;
use ldn_model::inputs::{Field, PlanScheme};
use ldn_model::plan::{ics, IcsEntry, PlanOutcome, PlanProblem};
use ldn_model::record::clean;
use ldn_model::state::{Action, PlanToggle, Screen, State, TextField};
use rust_decimal::Decimal;

const SCHEMES: [(PlanScheme, Msg); 5] = [
    (
        PlanScheme::Preset(TitrationPreset::Standard),
        Msg::PresetStandard,
    ),
    (PlanScheme::Preset(TitrationPreset::Slow), Msg::PresetSlow),
    (
        PlanScheme::Preset(TitrationPreset::Weekly),
        Msg::PresetWeekly,
    ),
    (
        PlanScheme::Preset(TitrationPreset::WeeklyWholeMg),
        Msg::PresetWeeklyWholeMg,
    ),
    (PlanScheme::Custom, Msg::PresetCustom),
];

/// Every distinct dose of a plan stated once, for the bottle's
/// concentration and the chosen syringe.
pub struct PlanLines {
    lines: Vec<(Decimal, DoseLine)>,
    /// Each dose's check, in the same order (for a line held back).
    checks: Vec<DoseCheck>,
    /// Said to the patient (their page's calendar).
    for_patient: bool,
}

impl PlanLines {
    /// `for_patient`: a dose the syringe cannot measure sends the patient to
    /// the pharmacy, never to another syringe (as the patient's page does).
    pub fn new(
        lang: Lang,
        plan: &PlanOutcome,
        conc: Concentration,
        syringe: Syringe,
        for_patient: bool,
    ) -> PlanLines {
        let mut lines: Vec<(Decimal, DoseLine)> = Vec::new();
        let mut checks: Vec<DoseCheck> = Vec::new();
        for day in &plan.days {
            // The plan's amount is the day's total split into its intakes
            // (`psplit`): each intake is judged with its intakes a day, so the
            // low-dose limits see the day's total. The split is the whole
            // plan's, so an intake has the same count every day.
            let per_day = u32::try_from(day.intakes_mg.len()).unwrap_or(u32::MAX);
            for mg in &day.intakes_mg {
                if lines.iter().all(|(dose, _)| dose != mg) {
                    // The schedule speaks bare mg; typed for the engine.
                    let check = check_dose(conc, Mg::new(*mg), syringe, per_day);
                    let line = plan_line(lang, &check, for_patient);
                    lines.push((*mg, line));
                    checks.push(check);
                }
            }
        }
        PlanLines {
            lines,
            checks,
            for_patient,
        }
    }

    /// The day's intakes when no bottle may be drawn from that day: the
    /// doses and why, no draw.
    fn held(&self, lang: Lang, intakes_mg: &[Decimal], hold: Hold) -> Vec<DoseLine> {
        intakes_mg
            .iter()
            .filter_map(|mg| self.checks.iter().find(|c| c.dose_mg.value() == *mg))
            .map(|c| DoseLine::held(lang, c, false, hold, self.for_patient))
            .collect()
    }

    pub fn line(&self, mg: Decimal) -> Option<&DoseLine> {
        self.lines.iter().find(|(d, _)| *d == mg).map(|(_, l)| l)
    }

    /// The day's intakes as lines: one, or morning and evening.
    fn day(&self, intakes_mg: &[Decimal]) -> Vec<&DoseLine> {
        intakes_mg.iter().filter_map(|mg| self.line(*mg)).collect()
    }
}

/// A day's lines as one text; `text` writes each line.
fn day_text(lang: Lang, lines: &[&DoseLine], text: impl Fn(&DoseLine) -> String) -> String {
    match lines {
        [one] => text(one),
        [morning, evening] => format!(
            "{} {}",
            lang.f(msg::IntakeMorning {
                dose: &text(morning)
            }),
            lang.f(msg::IntakeEvening {
                dose: &text(evening)
            })
        ),
        _ => String::new(),
    }
}

/// "0.75 mg" or "0.75 mg morning, 0.75 mg evening"; a dash for none.
fn amounts(lang: Lang, values: &[String]) -> String {
    match values {
        [] => "\u{2014}".into(),
        [one] => one.clone(),
        [morning, evening, ..] => lang.f(msg::MorningEvening { morning, evening }),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowNote {
    /// `data-note` (new-bottle, off, step-back, change, no-draw) or, for a
    /// warning, its code in `data-warning`.
    pub note: Option<&'static str>,
    pub warning: Option<&'static str>,
    pub text: String,
    pub strong: bool,
}

/// What can be done from a day: step back from it. Opened by its date, so
/// the table has no button on every row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayMenu {
    pub open: bool,
    /// Opens or closes it.
    pub toggle: Action,
    /// `Side effects: halve from this day`, and its action.
    pub step_back: (&'static str, Action),
    pub close: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub date_iso: String,
    pub date: String,
    pub class: &'static str,
    pub dose: String,
    pub draw: String,
    pub bottle: String,
    pub bottle_days: String,
    pub notes: Vec<RowNote>,
    /// The day's menu (a day with a dose): opened from the day's date.
    pub menu: Option<DayMenu>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedPlan {
    pub heading: &'static str,
    /// Who and where it is for, when known: `Patient: Kari Nordmann`,
    /// `Prescriber: ...`, the pharmacy's name, address and phone.
    pub people: Vec<String>,
    pub uses: String,
    /// A run of days with the same doses: dates, and the doses stated with
    /// their warnings in words.
    pub periods: Vec<(String, String)>,
    pub bottle_days: String,
    /// About the plan's bottles (a use-by beyond the guidance).
    pub warnings: Vec<WarningLine>,
    pub storage: &'static str,
}

/// The syringe proposed for the whole plan (`data-testid="plan-syringe"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSyringe {
    pub heading: &'static str,
    /// `data-fit`: `on-marks` or `none`.
    pub fit: &'static str,
    /// `data-syringe`: the proposed (or closest) syringe's capacity in mL,
    /// written with a point; empty when there is none.
    pub capacity: String,
    pub text: String,
    /// Each dose that rounds: dose, draw, what it gives, the deviation, and
    /// its warnings in words.
    pub rounded: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanBody {
    pub stale: Option<&'static str>,
    pub totals_heading: &'static str,
    pub totals: Vec<Figure>,
    pub syringe: Option<PlanSyringe>,
    pub print: &'static str,
    pub export: &'static str,
    /// The calendar needs a current plan, recipe and syringe (not stale).
    pub can_export: bool,
    pub printed: PrintedPlan,
    pub columns: Vec<&'static str>,
    /// How to step back: choose the day.
    pub day_menu_hint: &'static str,
    pub rows: Vec<PlanRow>,
    /// The same days as month grids (the table stays the detail view).
    pub months_heading: &'static str,
    /// Column headings, Monday first: short name and full name.
    pub weekdays: Vec<(&'static str, &'static str)>,
    pub months: Vec<MonthView>,
}

/// One month of the plan as a calendar grid, weeks from Monday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthView {
    /// `2026-03`, as `data-month`.
    pub key: String,
    /// "March 2026", in the user's language.
    pub title: String,
    /// Each week: seven places, empty outside the plan or the month.
    pub weeks: Vec<[Option<DayCell>; 7]>,
    /// The month's long notes (warnings, why a dose has no draw), each
    /// once, numbered from 1: a day shows the number (`DayCell::marked`),
    /// so a month with the same warning every day still fits one page.
    pub legend: Vec<String>,
}

/// One planned day in a month grid: what the table's row says, in short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCell {
    pub date_iso: String,
    pub day: u32,
    pub class: &'static str,
    pub dose: String,
    pub draw: String,
    /// The row's short notes (same `data-note` codes and words).
    pub notes: Vec<RowNote>,
    /// The row's long notes (same codes), by their number in the month's
    /// legend.
    pub marked: Vec<(usize, RowNote)>,
}

/// Whether a note is said in the month's legend rather than in the day.
fn is_long(note: &RowNote) -> bool {
    note.warning.is_some() || note.note == Some("no-draw")
}

const MONTHS: [Msg; 12] = [
    Msg::MonthJanuary,
    Msg::MonthFebruary,
    Msg::MonthMarch,
    Msg::MonthApril,
    Msg::MonthMay,
    Msg::MonthJune,
    Msg::MonthJuly,
    Msg::MonthAugust,
    Msg::MonthSeptember,
    Msg::MonthOctober,
    Msg::MonthNovember,
    Msg::MonthDecember,
];

fn weekdays(lang: Lang) -> Vec<(&'static str, &'static str)> {
    [
        (Msg::WeekdayMonday, Msg::WeekdayFullMonday),
        (Msg::WeekdayTuesday, Msg::WeekdayFullTuesday),
        (Msg::WeekdayWednesday, Msg::WeekdayFullWednesday),
        (Msg::WeekdayThursday, Msg::WeekdayFullThursday),
        (Msg::WeekdayFriday, Msg::WeekdayFullFriday),
        (Msg::WeekdaySaturday, Msg::WeekdayFullSaturday),
        (Msg::WeekdaySunday, Msg::WeekdayFullSunday),
    ]
    .into_iter()
    .map(|(short, full)| (lang.t(short), lang.t(full)))
    .collect()
}

/// The plan's days (`dates[i]` is `rows[i]`'s day) as month grids.
fn months(lang: Lang, dates: &[Date], rows: &[PlanRow]) -> Vec<MonthView> {
    let mut out: Vec<MonthView> = Vec::new();
    for (date, row) in dates.iter().zip(rows) {
        let (year, month, day) = date.ymd();
        let key = format!("{year}-{month:02}");
        if out.last().map(|m| &m.key) != Some(&key) {
            let name = MONTHS
                .get(month as usize - 1)
                .map(|m| lang.t(*m))
                .unwrap_or("");
            out.push(MonthView {
                key,
                title: format!("{name} {year}"),
                weeks: Vec::new(),
                legend: Vec::new(),
            });
        }
        let Some(current) = out.last_mut() else {
            continue; // unreachable: pushed just above
        };
        let column = date.weekday_from_monday() as usize;
        if current.weeks.is_empty() || column == 0 {
            current.weeks.push(Default::default());
        }
        let (long, short): (Vec<&RowNote>, Vec<&RowNote>) =
            row.notes.iter().partition(|n| is_long(n));
        let marked = long
            .into_iter()
            .map(|n| {
                let at = match current.legend.iter().position(|t| *t == n.text) {
                    Some(i) => i,
                    None => {
                        current.legend.push(n.text.clone());
                        current.legend.len() - 1
                    }
                };
                (at + 1, n.clone())
            })
            .collect();
        if let (Some(week), true) = (current.weeks.last_mut(), column < 7) {
            week[column] = Some(DayCell {
                date_iso: row.date_iso.clone(),
                day,
                class: row.class,
                dose: row.dose.clone(),
                draw: row.draw.clone(),
                notes: short.into_iter().cloned().collect(),
                marked,
            });
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanView {
    pub heading: &'static str,
    pub uses: String,
    pub controls: Vec<Control>,
    /// The safety guidance, printed with the plan.
    pub safety: std::rc::Rc<super::safety::SafetyView>,
    pub advice: AdviceView,
    pub body: Option<PlanBody>,
    /// The dose diary, below the plan's summary.
    pub diary: std::rc::Rc<super::diary::DiaryView>,
}

fn row_class(kind: DayKind, new_bottle: bool) -> &'static str {
    match (kind, new_bottle) {
        (DayKind::Off, true) => "off new-bottle",
        (DayKind::Off, false) => "off",
        (DayKind::StepBack, true) => "step-back new-bottle",
        (DayKind::StepBack, false) => "step-back",
        (_, true) => "new-bottle",
        (_, false) => "",
    }
}

fn controls(s: &State) -> Vec<Control> {
    let lang = s.lang;
    let p = &s.inputs.plan;
    let mut out = vec![Control::Radios(choice_of(
        lang,
        "scheme",
        lang.t(Msg::PlanPreset),
        p.scheme,
        &SCHEMES,
        Action::PlanScheme,
    ))];
    if p.scheme == PlanScheme::Custom {
        for (id, field, sends, label, value) in [
            (
                "pdose",
                Field::PlanDose,
                TextField::PlanDose,
                Msg::PlanStartDose,
                &p.start_mg,
            ),
            (
                "pstep",
                Field::PlanStep,
                TextField::PlanStep,
                Msg::PlanStep,
                &p.step_mg,
            ),
            (
                "pevery",
                Field::PlanEvery,
                TextField::PlanEvery,
                Msg::PlanEvery,
                &p.every_days,
            ),
            (
                "ptarget",
                Field::PlanTarget,
                TextField::PlanTarget,
                Msg::PlanTarget,
                &p.target_mg,
            ),
        ] {
            let entry = if id == "pevery" {
                Entry::Whole
            } else {
                Entry::Decimal
            };
            out.push(form::text(
                s,
                id,
                entry,
                Some(field),
                sends,
                lang.t(label),
                value,
            ));
        }
        out.push(Control::Check(Checkbox {
            id: "pabove",
            label: lang.t(Msg::PlanAboveLdn).to_string(),
            checked: p.allow_above_ldn,
            on: Action::PlanToggle(PlanToggle::AllowAboveLdn, true),
            off: Action::PlanToggle(PlanToggle::AllowAboveLdn, false),
        }));
    }
    let problem = match &s.plan.current {
        Err(PlanProblem::TargetAboveLdn) => Some(Msg::ErrPlanAboveLdn),
        Err(PlanProblem::StartAboveTarget) => Some(Msg::ErrStartAboveTarget),
        _ => None,
    };
    if let Some(msg) = problem {
        out.push(Control::Error(InlineError {
            param: "ptarget",
            text: lang.t(msg).to_string(),
        }));
    }
    out.push(form::text(
        s,
        "pstart",
        Entry::Date,
        Some(Field::PlanStart),
        TextField::PlanStart,
        lang.t(Msg::PlanStart),
        &p.start,
    ));
    out.push(form::text(
        s,
        "pdays",
        Entry::Whole,
        Some(Field::PlanDays),
        TextField::PlanDays,
        lang.t(Msg::PlanDays),
        &p.days,
    ));
    out.push(Control::Radios(choice(
        "split",
        lang.t(Msg::PlanSplit),
        [
            (
                lang.t(Msg::SplitOnce).to_string(),
                !p.twice_daily,
                Action::PlanToggle(PlanToggle::TwiceDaily, false),
            ),
            (
                lang.t(Msg::SplitTwice).to_string(),
                p.twice_daily,
                Action::PlanToggle(PlanToggle::TwiceDaily, true),
            ),
        ],
    )));
    if p.twice_daily {
        out.push(form::text(
            s,
            "pmorning",
            Entry::Time,
            Some(Field::PlanMorning),
            TextField::PlanMorning,
            lang.t(Msg::ReminderMorning),
            &p.morning_reminder,
        ));
    }
    out.push(form::text(
        s,
        "ptime",
        Entry::Time,
        Some(Field::PlanTime),
        TextField::PlanTime,
        lang.t(if p.twice_daily {
            Msg::ReminderEvening
        } else {
            Msg::ReminderTime
        }),
        &p.reminder,
    ));
    out.push(Control::Hint(lang.t(Msg::ReminderHint).to_string()));
    out.push(form::text(
        s,
        "plead",
        Entry::Whole,
        Some(Field::PlanLead),
        TextField::PlanLead,
        lang.t(Msg::PlanLead),
        &p.lead_days,
    ));
    out.push(Control::Check(Checkbox {
        id: "pcycle",
        label: lang.t(Msg::PlanCycle).to_string(),
        checked: p.cycle,
        on: Action::PlanToggle(PlanToggle::Cycle, true),
        off: Action::PlanToggle(PlanToggle::Cycle, false),
    }));
    out.push(Control::Note {
        text: lang.t(Msg::CheckpointCaution).to_string(),
        stale: false,
        testid: "checkpoint-caution",
    });
    if p.cycle {
        out.push(form::text(
            s,
            "pchemo",
            Entry::Text,
            Some(Field::PlanChemo),
            TextField::PlanChemo,
            lang.t(Msg::ChemoDates),
            &p.chemo,
        ));
        out.push(Control::Hint(lang.t(Msg::ChemoDatesHint).to_string()));
    }
    out.push(form::text(
        s,
        "price",
        Entry::Decimal,
        Some(Field::Price),
        TextField::Price,
        lang.t(Msg::Price),
        &p.price,
    ));
    out.push(Control::Dropdown(choice(
        "step-back-days",
        lang.t(Msg::StepBackLength),
        [
            (
                lang.t(Msg::StepBackDays2).to_string(),
                p.step_back_days != 3,
                Action::StepBackDays(2),
            ),
            (
                lang.t(Msg::StepBackDays3).to_string(),
                p.step_back_days == 3,
                Action::StepBackDays(3),
            ),
        ],
    )));
    if !p.step_backs.is_empty() {
        let set: Vec<String> = p
            .step_backs
            .iter()
            .map(|(from, n)| format!("{} (+{n})", lang.date(*from)))
            .collect();
        out.push(Control::Note {
            text: lang.f(msg::StepBacksSet {
                dates: &set.join(", "),
            }),
            stale: false,
            testid: "step-backs",
        });
        out.push(Control::Button {
            label: lang.t(Msg::ClearStepBacks).to_string(),
            action: Action::ClearStepBacks,
        });
    }
    out
}

/// `bottle` is what to say about each new bottle (its use-by).
fn rows(
    lang: Lang,
    plan: &PlanOutcome,
    lines: Option<&PlanLines>,
    bottle: &[WarningLine],
    menu_open: Option<Date>,
) -> Vec<PlanRow> {
    let supply = plan.supply.as_ref();
    plan.days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let sd = supply.and_then(|sup| sup.days.get(i));
            let new_bottle = sd.is_some_and(|x| x.new_bottle);
            let day_lines = lines.map(|l| l.day(&day.intakes_mg)).unwrap_or_default();
            let draws: Vec<String> = day_lines
                .iter()
                .map(|l| match &l.draw {
                    Draw::Measured { volume, delivered } => format!("{volume} ({delivered})"),
                    Draw::Instead { .. } | Draw::Held { .. } => "\u{2014}".into(),
                })
                .collect();
            let mut notes = Vec::new();
            if new_bottle {
                notes.push(RowNote {
                    note: Some("new-bottle"),
                    warning: None,
                    text: lang.t(Msg::NoteNewBottle).into(),
                    strong: true,
                });
                notes.extend(bottle.iter().map(|w| RowNote {
                    note: None,
                    warning: Some(w.code),
                    text: w.text.clone(),
                    strong: false,
                }));
            }
            if plan.chemo.contains(&day.date) {
                notes.push(RowNote {
                    note: Some("chemo"),
                    warning: None,
                    text: lang.t(Msg::NoteChemo).into(),
                    strong: true,
                });
            }
            let (note, msg) = match day.kind {
                DayKind::Off => (Some("off"), Msg::NoteOff),
                DayKind::StepBack => (Some("step-back"), Msg::NoteStepBack),
                _ if day.changed && i > 0 => (Some("change"), Msg::NoteChange),
                _ => (None, Msg::NoteChange),
            };
            if note.is_some() {
                notes.push(RowNote {
                    note,
                    warning: None,
                    text: lang.t(msg).into(),
                    strong: false,
                });
            }
            for l in &day_lines {
                if !l.is_measured() {
                    notes.push(RowNote {
                        note: Some("no-draw"),
                        warning: None,
                        text: l.sentence(lang),
                        strong: true,
                    });
                }
            }
            // Most serious first (each line's order), once each.
            let mut codes: Vec<&WarningLine> = Vec::new();
            for w in day_lines.iter().flat_map(|l| l.warnings.iter()) {
                if !codes.contains(&w) {
                    codes.push(w);
                }
            }
            for w in codes {
                notes.push(RowNote {
                    note: None,
                    warning: Some(w.code),
                    text: w.text.clone(),
                    strong: false,
                });
            }
            let date = day.date;
            PlanRow {
                date_iso: date.to_string(),
                date: lang.date(date),
                class: row_class(day.kind, new_bottle),
                dose: amounts(
                    lang,
                    &day.intakes_mg
                        .iter()
                        .map(|mg| qty(lang, *mg, Unit::Mg))
                        .collect::<Vec<_>>(),
                ),
                draw: if day.intakes_mg.is_empty() || lines.is_none() {
                    "\u{2014}".into()
                } else {
                    amounts(lang, &draws)
                },
                // No bottle yet (nothing could be drawn so far): no number.
                bottle: sd
                    .filter(|x| x.bottle > 0)
                    .map(|x| x.bottle.to_string())
                    .unwrap_or_default(),
                bottle_days: sd
                    .filter(|x| x.bottle > 0)
                    .map(|x| x.bottle_days_left.to_string())
                    .unwrap_or_default(),
                notes,
                menu: (!day.intakes_mg.is_empty()).then(|| {
                    let open = menu_open == Some(date);
                    DayMenu {
                        open,
                        toggle: Action::DayMenu((!open).then_some(date)),
                        step_back: (lang.t(Msg::StepBackHere), Action::StepBackFrom(date)),
                        close: lang.t(Msg::Close),
                    }
                }),
            }
        })
        .collect()
}

fn plan_syringe(lang: Lang, fit: &SyringeFit) -> PlanSyringe {
    let heading = lang.t(Msg::PlanSyringeHeading);
    let capacity = |p: SyringePreset| plain(p.syringe().capacity_ml().value());
    match fit {
        SyringeFit::OnMarks(p) => PlanSyringe {
            heading,
            fit: "on-marks",
            capacity: capacity(*p),
            text: lang.f(msg::PlanSyringeFits {
                syringe: &syringe_name(lang, p.syringe()),
            }),
            rounded: Vec::new(),
        },
        SyringeFit::NoneOnMarks { closest, rounded } => PlanSyringe {
            heading,
            fit: "none",
            capacity: closest.map(capacity).unwrap_or_default(),
            text: match closest {
                Some(p) => lang.f(msg::PlanSyringeNone {
                    syringe: &syringe_name(lang, p.syringe()),
                }),
                None => lang.t(Msg::PlanSyringeNoneHolds).to_string(),
            },
            rounded: rounded
                .iter()
                .map(|c| {
                    // Stated as every dose is: through its DoseLine.
                    let line = DoseLine::new(lang, c, false, alternative(c, false));
                    let mut text = if line.is_measured() {
                        lang.f(msg::PlanSyringeDeviation {
                            line: &line.sentence(lang),
                            deviation: &percent(lang, c.deviation_percent),
                        })
                    } else {
                        line.sentence(lang)
                    };
                    for w in &line.warnings {
                        text.push(' ');
                        text.push_str(&w.text);
                    }
                    text
                })
                .collect(),
        },
    }
}

fn printed(
    lang: Lang,
    plan: &PlanOutcome,
    lines: Option<&PlanLines>,
    uses: String,
    bottle: &[WarningLine],
) -> PrintedPlan {
    let periods = plan
        .periods()
        .iter()
        .map(|p| {
            let dates = if p.from == p.to {
                lang.date(p.from)
            } else {
                format!("{} \u{2013} {}", lang.date(p.from), lang.date(p.to))
            };
            let text = match (p.kind, lines) {
                (DayKind::Off, _) => lang.t(Msg::NoteOff).to_string(),
                (kind, Some(lines)) => {
                    let day = lines.day(&p.intakes_mg);
                    let mut t = day_text(lang, &day, |l| l.sentence(lang));
                    if kind == DayKind::StepBack {
                        t = format!("{t} ({})", lang.t(Msg::NoteStepBack));
                    }
                    // Then every warning about these doses, in words, once.
                    let mut said: Vec<&str> = Vec::new();
                    for w in day.iter().flat_map(|l| l.warnings.iter()) {
                        if !said.contains(&w.text.as_str()) {
                            said.push(&w.text);
                            t = format!("{t} {}", w.text);
                        }
                    }
                    t
                }
                // Without a valid recipe and syringe: doses only, no draw.
                (_, None) => amounts(
                    lang,
                    &p.intakes_mg
                        .iter()
                        .map(|mg| qty(lang, *mg, Unit::Mg))
                        .collect::<Vec<_>>(),
                ),
            };
            (dates, text)
        })
        .collect();
    let bottle_days: Vec<String> = plan.bottle_days().iter().map(|d| lang.date(*d)).collect();
    PrintedPlan {
        heading: lang.t(Msg::PlanHeading),
        people: Vec::new(),
        uses,
        periods,
        bottle_days: format!("{}: {}", lang.t(Msg::NoteNewBottle), bottle_days.join(", ")),
        warnings: bottle.to_vec(),
        storage: lang.t(Msg::LabelStorage),
    }
}

/// What to say about every bottle of the plan (prepared on the plan's days,
/// kept for the recipe's use-by): a use-by beyond the guidance. Nothing
/// while the recipe is not valid (there are no bottles then).
fn bottle_warnings(s: &State, for_patient: bool) -> Vec<WarningLine> {
    s.form
        .recipe
        .as_ref()
        .map(|r| {
            let mut warnings = use_by_warnings(r.policy);
            if for_patient {
                warnings.retain(|w| !matches!(audience(*w), Audience::Pharmacist));
            }
            WarningLine::all(s.lang, &warnings, None)
        })
        .unwrap_or_default()
}

/// The printed plan's header: the patient and the prescriber typed on My
/// batches (for the next bottle) and the pharmacy's saved details.
fn people(s: &State) -> Vec<String> {
    let lang = s.lang;
    let p = &s.doc.pharmacy;
    let pharmacy: Vec<&str> = [&p.name, &p.address, &p.phone]
        .into_iter()
        .map(String::as_str)
        .filter(|l| !l.is_empty())
        .collect();
    let pharmacy = pharmacy.join(" \u{b7} ");
    [
        (Msg::WsPatient, clean(&s.inputs.patient)),
        (Msg::RecordPrescriber, clean(&s.record.prescriber)),
        (Msg::PrintedPharmacy, pharmacy),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(label, value)| format!("{}: {value}", lang.t(label)))
    .collect()
}

fn uses(s: &State) -> String {
    let lang = s.lang;
    match (s.form.recipe.as_ref(), s.form.syringe.as_ref()) {
        (Ok(r), Ok(sy)) => lang.f(msg::PlanUses {
            recipe: &contents_with(lang, &r.recipe, &s.record.vehicle),
            syringe: &syringe_name(lang, *sy),
        }),
        _ => lang.t(Msg::PlanNeedsInputs).to_string(),
    }
}

pub fn plan(s: &State) -> PlanView {
    let lang = s.lang;
    let uses = uses(s);
    let body = s.plan.shown().map(|(plan, stale)| {
        let lines = s
            .plan_bottle()
            .map(|(c, sy)| PlanLines::new(lang, plan, c, sy, false));
        let bottle_warnings = if lines.is_some() {
            bottle_warnings(s, false)
        } else {
            Vec::new()
        };
        let mut totals = Vec::new();
        if let Some(sup) = &plan.supply {
            totals.extend([
                Figure::new(
                    lang,
                    Msg::TotalTablets,
                    sup.tablets.to_string(),
                    "plan-tablets",
                ),
                Figure::new(
                    lang,
                    Msg::TotalBottles,
                    sup.bottles.to_string(),
                    "plan-bottles",
                ),
                Figure::new(
                    lang,
                    Msg::TotalWaste,
                    format!(
                        "{} ({})",
                        qty_ml(lang, sup.waste_ml),
                        qty_mg(lang, sup.waste_mg)
                    ),
                    "plan-waste",
                ),
            ]);
            if let Some(cost) = plan.cost {
                totals.push(Figure::new(
                    lang,
                    Msg::TotalCost,
                    lang.f(msg::CostWorking {
                        tablets: cost.tablets.into(),
                        price: &num(lang, cost.per_tablet),
                        total: &num(lang, cost.total.round_dp(2)),
                    }),
                    "plan-cost",
                ));
            }
        }
        let rows = rows(lang, plan, lines.as_ref(), &bottle_warnings, s.day_menu);
        let dates: Vec<Date> = plan.days.iter().map(|d| d.date).collect();
        PlanBody {
            stale: stale.then(|| lang.t(Msg::Stale)),
            totals_heading: lang.t(Msg::TotalsHeading),
            totals,
            syringe: plan.syringe_fit.as_ref().map(|f| plan_syringe(lang, f)),
            print: lang.t(Msg::PrintPlan),
            export: lang.t(Msg::ExportIcs),
            can_export: !stale && lines.is_some(),
            printed: PrintedPlan {
                people: people(s),
                ..printed(lang, plan, lines.as_ref(), uses.clone(), &bottle_warnings)
            },
            columns: vec![
                lang.t(Msg::ColDate),
                lang.t(Msg::ColDose),
                lang.t(Msg::ColDraw),
                lang.t(Msg::ColBottle),
                lang.t(Msg::ColBottleDays),
                lang.t(Msg::ColNotes),
            ],
            day_menu_hint: lang.t(Msg::PlanDayMenuHint),
            months: months(lang, &dates, &rows),
            months_heading: lang.t(Msg::MonthViewHeading),
            weekdays: weekdays(lang),
            rows,
        }
    });
    let suggested = s.plan.ok().map(|p| p.advice.as_slice()).unwrap_or(&[]);
    PlanView {
        heading: lang.t(Msg::PlanHeading),
        uses,
        controls: controls(s),
        safety: super::safety::safety(lang),
        advice: advice(lang, suggested, None, Action::ApplyPlanAdvice),
        body,
        diary: std::rc::Rc::new(super::diary::diary(s)),
    }
}

/// The plan as an iCalendar file: one event per dosing day, in the user's
/// language, with a reminder per intake. A dose the syringe cannot measure
/// says what to do instead; every warning is in the event and its reminder.
/// `None` while the plan, recipe or syringe is not valid.
/// A bottle the calendar knows: prepared on, its last day of use, and the
/// last day it is drawn from (earlier when it runs out first).
#[derive(Debug, Clone, Copy)]
struct CalendarBottle {
    prepared: Date,
    last_day: Date,
    used_until: Date,
}

/// The bottles of the calendar. From the patient's page, the one its link
/// describes (the patient has no other yet); from the Plan screen, the
/// plan's bottles, each used until the next is started.
fn calendar_bottles(s: &State, plan: &PlanOutcome) -> Vec<CalendarBottle> {
    let Ok(recipe) = s.form.recipe.as_ref() else {
        return Vec::new();
    };
    if s.screen == Screen::Patient {
        let last_day = recipe.policy.last_day(recipe.prepared);
        return vec![CalendarBottle {
            prepared: recipe.prepared,
            last_day,
            // Used up by the plan first, it is drawn from until then.
            used_until: s.patient_empty_after().unwrap_or(last_day),
        }];
    }
    let starts = plan.bottle_days();
    let plan_end = plan.days.last().map(|d| d.date);
    starts
        .iter()
        .enumerate()
        .filter_map(|(i, &prepared)| {
            let last_day = recipe.policy.last_day(prepared);
            let until = match starts.get(i + 1) {
                Some(next) => next.add_days(-1),
                None => plan_end?,
            };
            Some(CalendarBottle {
                prepared,
                last_day,
                used_until: until.min(last_day),
            })
        })
        .collect()
}

/// The bottles' own events: each bottle's last day (when it is still in use
/// then), and a reminder `lead_days` before a bottle's last day to get the
/// next one (when the plan has doses after it).
fn bottle_events(s: &State, plan: &PlanOutcome, bottles: &[CalendarBottle]) -> Vec<IcsEntry> {
    let lang = s.lang;
    let at = plan.reminders.dose;
    let last_dose = plan
        .days
        .iter()
        .rev()
        .find(|d| !d.intakes_mg.is_empty())
        .map(|d| d.date);
    let mut out = Vec::new();
    for b in bottles {
        if b.used_until == b.last_day {
            let text = lang.f(msg::IcsLastDay {
                prepared: &lang.date(b.prepared),
                date: &lang.date(b.last_day),
            });
            out.push(IcsEntry {
                date: b.last_day,
                kind: "last-day",
                summary: lang.t(Msg::IcsLastDaySummary).to_string(),
                description: text.clone(),
                alarms: vec![(at, text)],
            });
        }
        let needed = b.used_until.add_days(1);
        if last_dose.is_some_and(|d| d >= needed) {
            let lead = i32::try_from(plan.reminders.lead_days).unwrap_or(0);
            let text = lang.f(msg::IcsNextBottle {
                date: &lang.date(needed),
            });
            out.push(IcsEntry {
                date: b.used_until.add_days(-lead).max(b.prepared),
                kind: "next-bottle",
                summary: lang.t(Msg::IcsNextBottleSummary).to_string(),
                description: text.clone(),
                alarms: vec![(at, text)],
            });
        }
    }
    out
}

pub fn calendar(s: &State) -> Option<String> {
    let lang = s.lang;
    let plan = s.plan.ok()?;
    let (conc, syringe) = s.plan_bottle()?;
    // From the patient's page: what that page says, no more (no other
    // syringe, no warning meant for the pharmacist).
    let for_patient = s.screen == Screen::Patient;
    let lines = PlanLines::new(lang, plan, conc, syringe, for_patient);
    let shake = lang.t(Msg::IcsShake);
    // About the liquid every dose is drawn from: in every event.
    let bottle: Vec<String> = bottle_warnings(s, for_patient)
        .into_iter()
        .map(|w| w.text)
        .collect();
    let bottles = calendar_bottles(s, plan);
    let mut entries: Vec<IcsEntry> = plan
        .days
        .iter()
        .filter(|day| !day.intakes_mg.is_empty())
        .map(|day| {
            // A day no bottle is drawn from (after the patient's bottle's
            // last day, or before it is prepared): the doses, no draw.
            let covered = bottles
                .iter()
                .any(|b| b.prepared <= day.date && day.date <= b.used_until);
            let held: Vec<DoseLine>;
            let day_lines: Vec<&DoseLine> = match bottles.first() {
                Some(b) if !covered => {
                    let last = bottles.last().unwrap_or(b);
                    let hold = if day.date < b.prepared {
                        Hold::NotYet(b.prepared)
                    } else if day.date <= last.last_day {
                        Hold::Empty(last.used_until)
                    } else {
                        Hold::Expired(last.last_day)
                    };
                    held = lines.held(lang, &day.intakes_mg, hold);
                    held.iter().collect()
                }
                _ => lines.day(&day.intakes_mg),
            };
            let warned = !bottle.is_empty()
                || day_lines
                    .iter()
                    .any(|l| !l.warnings.is_empty() || !l.is_measured());
            let summary = lang.f(msg::IcsSummary {
                what: &day_text(lang, &day_lines, |l| l.sentence(lang)),
            });
            let remind = |text: String| lang.f(msg::IcsSummary { what: &text });
            let alarms = match (&day_lines[..], plan.reminders) {
                ([morning, evening], r) => vec![
                    (r.morning, remind(morning.with_warnings(lang))),
                    (r.dose, remind(evening.with_warnings(lang))),
                ],
                (_, r) => vec![(
                    r.dose,
                    remind(day_text(lang, &day_lines, |l| l.with_warnings(lang))),
                )],
            };
            IcsEntry {
                date: day.date,
                summary: if warned {
                    format!("\u{26a0} {summary}")
                } else {
                    summary
                },
                description: [
                    day_text(lang, &day_lines, |l| l.with_warnings(lang)),
                    bottle.join(" "),
                    // Only beside a draw ("shake before drawing" beside
                    // "do not draw from this bottle" would contradict it).
                    if day_lines.iter().any(|l| l.is_measured()) {
                        shake.to_string()
                    } else {
                        String::new()
                    },
                ]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
                alarms,
                kind: "dose",
            }
        })
        .collect();
    entries.extend(bottle_events(s, plan, &bottles));
    small_sort::sort_by_key(&mut entries, |e| e.date);
    Some(ics(&entries, s.today))
}

/// The warning words for a code, for tests of the outputs.
#[cfg(test)]
fn words(lang: Lang, w: ldn_engine::warning::Warning) -> &'static str {
    super::text::warning_text(lang, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::date::Date;
    use ldn_engine::warning::Warning;
    use ldn_model::inputs::Inputs;
    use ldn_model::link;
    use ldn_model::saved::Document;
    use ldn_model::state::{apply, Screen, Storage};

    fn state_from_link(query: &str) -> State {
        let (inputs, lang, problems) = link::read(query, &Inputs::new("2026-03-01"));
        assert!(problems.is_empty(), "{problems:?}");
        let s = State::new(
            inputs,
            lang.unwrap_or(Lang::En),
            Date::parse_iso("2026-03-01").unwrap(),
            Document::new(),
            Storage::Working,
        );
        apply(s, Action::Show(Screen::Plan))
    }

    fn printed_text(v: &PlanView) -> String {
        let p = &v.body.as_ref().unwrap().printed;
        p.periods
            .iter()
            .map(|(d, t)| format!("{d}: {t}\n"))
            .collect::<String>()
    }

    /// For every draw warning: the printed plan and the calendar carry its
    /// words, and a draw the syringe cannot measure is never stated.
    #[test]
    fn every_draw_warning_reaches_the_printed_plan_and_the_calendar() {
        let custom = |dose: &str| {
            format!("plan=custom&pdose={dose}&pstep=0&pevery=7&ptarget={dose}&pdays=3")
        };
        let cases = [
            (
                format!("{}&pabove=1&volume=10&syringe=10", custom("30")),
                Warning::NotLowDose,
            ),
            (
                format!("{}&pabove=1&volume=10&syringe=10", custom("5")),
                Warning::AboveLdnRange,
            ),
            (
                format!("{}&syringe=3", custom("4.5")),
                Warning::OverCapacity,
            ),
            (
                format!("{}&syringe=1", custom("0.001")),
                Warning::RoundsToZero,
            ),
            (
                format!("{}&syringe=1", custom("0.05")),
                Warning::BelowAccuracy,
            ),
            (
                format!("{}&syringe=10", custom("1.5")),
                Warning::RoundingDeviation,
            ),
            (format!("{}&syringe=10", custom("0.5")), Warning::LowFill),
        ];
        for (query, warning) in cases {
            let s = state_from_link(&format!("lang=en&{query}"));
            let view = plan(&s);
            let printed = printed_text(&view);
            // The low-dose range warnings name the day's total (once a day here).
            let words = match warning {
                Warning::NotLowDose => "30\u{a0}mg a day is 25 mg a day or more: standard-dose naltrexone, not LDN. Check the prescription.",
                Warning::AboveLdnRange => "5\u{a0}mg a day is above 4.5 mg a day, the top of the LDN range. Check with the prescriber.",
                _ => words(Lang::En, warning),
            };
            assert!(printed.contains(words), "{query}\n{printed}");
            let ics = calendar(&s).unwrap();
            // Folded lines and escaped commas: unfold and unescape to read.
            let ics = ics
                .replace("\r\n ", "")
                .replace("\\,", ",")
                .replace("\\;", ";");
            assert!(ics.contains(words), "{query}\n{ics}");
            let unmeasurable = matches!(
                warning,
                Warning::OverCapacity | Warning::RoundsToZero | Warning::BelowAccuracy
            );
            for text in [&printed, &ics] {
                assert!(!text.contains("draw 0\u{a0}mL"), "{query}");
                assert_eq!(
                    text.contains("cannot be measured"),
                    unmeasurable,
                    "{query}\n{text}"
                );
                assert_eq!(text.contains("which gives"), !unmeasurable, "{query}");
            }
            // On screen the row says so too, and never shows bottle 0.
            let row = &view.body.as_ref().unwrap().rows[0];
            assert!(row.notes.iter().any(|n| n.warning == Some(warning.code())));
            assert_ne!(row.bottle, "0");
            if unmeasurable {
                assert_eq!(row.draw, "\u{2014}");
                assert!(row.notes.iter().any(|n| n.note == Some("no-draw")));
            }
        }
    }

    #[test]
    fn twice_daily_lines_name_morning_and_evening() {
        let s = state_from_link("lang=en&psplit=2&syringe=3");
        let v = plan(&s);
        let (_, first) = &v.body.as_ref().unwrap().printed.periods[0];
        // 1.5 mg a day as 0.75 mg twice: 0.8 mL on 0.1 mL marks? No: 0.75
        // mL is a tie between 0.7 and 0.8 and goes down to 0.7 mL (-6.7 %).
        assert!(
            first.starts_with("Morning: 0.75\u{a0}mg: draw 0.7\u{a0}mL"),
            "{first}"
        );
        assert!(first.contains("Evening: 0.75\u{a0}mg"), "{first}");
        assert!(first.contains(words(Lang::En, Warning::RoundingDeviation)));
    }

    /// The plan's amount is the day's total: twice daily splits it into two
    /// halves (`schedule::build_plan`), so the daily total is the plan's dose,
    /// and each half is judged as taken twice a day.
    #[test]
    fn a_twice_daily_plan_is_judged_by_its_daily_total() {
        let custom = |dose: &str| {
            format!("lang=en&plan=custom&pdose={dose}&pstep=0&pevery=7&ptarget={dose}&pdays=3&pabove=1&psplit=2&volume=10&syringe=3")
        };
        // 6 mg a day as 3 mg morning and evening: each intake is below 4.5 mg,
        // but 2 x 3 = 6 mg a day is above it.
        let s = state_from_link(&custom("6"));
        let printed = printed_text(&plan(&s));
        assert!(
            printed.contains("6\u{a0}mg a day (3\u{a0}mg twice a day) is above 4.5 mg a day"),
            "{printed}"
        );
        let row = &plan(&s).body.unwrap().rows[0];
        assert!(row
            .notes
            .iter()
            .any(|n| n.warning == Some("above-ldn-range")));
        let ics = calendar(&s).unwrap().replace("\r\n ", "");
        assert!(ics.contains("above 4.5 mg a day"), "{ics}");
        // 4.5 mg a day as 2.25 mg twice: 2 x 2.25 = 4.5 mg, the top of the
        // range, not above it.
        let s = state_from_link(&custom("4.5"));
        let printed = printed_text(&plan(&s));
        assert!(!printed.contains("above"), "{printed}");
        let row = &plan(&s).body.unwrap().rows[0];
        assert!(!row
            .notes
            .iter()
            .any(|n| n.warning == Some("above-ldn-range")));
    }

    /// The plan's bottles are kept for the recipe's use-by: beyond 30 days
    /// every output that follows them says so (new-bottle rows, the printed
    /// plan, each calendar event); within it, none does.
    #[test]
    fn a_use_by_beyond_the_guidance_reaches_every_plan_output() {
        let code = Warning::UseByBeyondGuidance.code();
        let words = words(Lang::En, Warning::UseByBeyondGuidance);
        let s = state_from_link("lang=en&bud=45&syringe=3");
        let body = plan(&s).body.unwrap();
        assert_eq!(body.printed.warnings.len(), 1);
        assert_eq!(body.printed.warnings[0].code, code);
        for row in &body.rows {
            let new_bottle = row.notes.iter().any(|n| n.note == Some("new-bottle"));
            let warned = row.notes.iter().any(|n| n.warning == Some(code));
            assert_eq!(warned, new_bottle, "{}", row.date);
        }
        assert!(body.rows[0].notes.iter().any(|n| n.warning == Some(code)));
        let ics = calendar(&s).unwrap();
        let ics = ics
            .replace("\r\n ", "")
            .replace("\\,", ",")
            .replace("\\;", ";");
        // Every dose's event (the bottles' own events say no dose).
        let events = ics.matches("-dose@ldn-calc.local").count();
        assert_eq!(ics.matches(words).count(), events, "{ics}");
        assert_eq!(ics.matches("SUMMARY:\u{26a0}").count(), events);
        // 30 days: nothing of it anywhere.
        let s = state_from_link("lang=en&bud=30&syringe=3");
        let body = plan(&s).body.unwrap();
        assert!(body.printed.warnings.is_empty());
        assert!(body
            .rows
            .iter()
            .all(|r| r.notes.iter().all(|n| n.warning != Some(code))));
        assert!(!calendar(&s).unwrap().replace("\r\n ", "").contains("USP"));
    }

    #[test]
    fn the_plan_proposes_a_syringe_or_says_which_doses_round() {
        // Whole-mg weekly steps, 1 to 4 mg then 4.5 mg, at 1 mg/mL: no
        // syringe has a mark for 1 mL and 4.5 mL; the 5 mL one measures
        // every dose within 5 % (4.5 mL is a tie, down to 4.4 mL: -2.2 %).
        let s = state_from_link("lang=en&plan=weekly-1mg&syringe=3");
        let b = plan(&s).body.unwrap();
        let sy = b.syringe.unwrap();
        assert_eq!((sy.fit, sy.capacity.as_str()), ("none", "5"));
        let rounded: Vec<_> = sy
            .rounded
            .iter()
            .map(|r| r.replace('\u{a0}', " "))
            .collect();
        assert_eq!(
            rounded,
            ["4.5 mg: draw 4.4 mL, which gives 4.4 mg; deviation \u{2212}2.2 %"]
        );
        // With 4 mg as the target every dose is on a mark of the 5 mL one.
        let s = state_from_link("lang=en&plan=custom&pdose=1&pstep=1&pevery=7&ptarget=4&syringe=3");
        let sy = plan(&s).body.unwrap().syringe.unwrap();
        assert_eq!((sy.fit, sy.capacity.as_str()), ("on-marks", "5"));
        assert!(
            sy.text.contains("5\u{a0}mL (marks every 0.2\u{a0}mL)"),
            "{}",
            sy.text
        );
    }

    #[test]
    fn the_calendar_waits_for_a_valid_recipe() {
        let s = state_from_link("lang=en");
        let s = apply(s, Action::Type(TextField::Tablets, "0".into()));
        assert!(calendar(&s).is_none());
        // The printed plan then states doses without any draw.
        let printed = printed_text(&plan(&s));
        assert!(!printed.contains("draw"), "{printed}");
    }

    #[test]
    fn the_month_grids_hold_every_planned_day_under_its_weekday() {
        // 1 March 2026 is a Sunday; 60 days run to 29 April (a Wednesday).
        let s = state_from_link("lang=nb&pstart=2026-03-01&pdays=60&syringe=3&pback=2026-03-10:2");
        let b = plan(&s).body.unwrap();
        let titles: Vec<_> = b.months.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(titles, ["mars 2026", "april 2026"]);
        assert_eq!(b.weekdays[0], ("man", "mandag"));
        let march = &b.months[0];
        // The first week holds only Sunday the 1st; 31 March is a Tuesday.
        assert_eq!(march.weeks[0].iter().flatten().count(), 1);
        assert_eq!(march.weeks[0][6].as_ref().map(|c| c.day), Some(1));
        assert_eq!(march.weeks.len(), 6);
        assert_eq!(march.weeks[5][1].as_ref().map(|c| c.day), Some(31));
        let april = &b.months[1];
        assert_eq!(april.weeks[0][2].as_ref().map(|c| c.day), Some(1));
        // Every row is in exactly one cell, with the row's dose and notes.
        let cells: Vec<&DayCell> = b
            .months
            .iter()
            .flat_map(|m| m.weeks.iter().flatten().flatten())
            .collect();
        assert_eq!(cells.len(), b.rows.len());
        for (cell, row) in cells.iter().zip(&b.rows) {
            assert_eq!(cell.date_iso, row.date_iso);
            assert_eq!(cell.dose, row.dose);
            // Short notes in the day, long ones by their number; together
            // the row's notes, each once.
            let mut together: Vec<&RowNote> = cell
                .notes
                .iter()
                .chain(cell.marked.iter().map(|(_, n)| n))
                .collect();
            let mut expected: Vec<&RowNote> = row.notes.iter().collect();
            together.sort_by(|a, b| a.text.cmp(&b.text));
            expected.sort_by(|a, b| a.text.cmp(&b.text));
            assert_eq!(together, expected);
        }
        // Each long note is said in its month's legend under its number.
        for m in &b.months {
            for (n, note) in m.weeks.iter().flatten().flatten().flat_map(|c| &c.marked) {
                assert_eq!(m.legend[n - 1], note.text);
            }
        }
        let step_back = cells.iter().find(|c| c.date_iso == "2026-03-10").unwrap();
        assert!(step_back.notes.iter().any(|n| n.note == Some("step-back")));
    }

    /// A step-back starts from a day's menu, opened by its date; one menu
    /// at a time, and stepping back closes it.
    #[test]
    fn a_step_back_starts_from_the_days_menu() {
        let s = state_from_link("lang=en&plan=standard&pstart=2026-03-01&pdays=30&screen=plan");
        let day = Date::parse_iso("2026-03-10").unwrap();
        let menus = |s: &State| -> Vec<(String, bool)> {
            let v = plan(s);
            v.body
                .unwrap()
                .rows
                .iter()
                .filter_map(|r| r.menu.as_ref().map(|m| (r.date_iso.clone(), m.open)))
                .filter(|(_, open)| *open)
                .collect()
        };
        assert!(menus(&s).is_empty());
        let s = apply(s, Action::DayMenu(Some(day)));
        assert_eq!(menus(&s), [("2026-03-10".to_string(), true)]);
        let v = plan(&s);
        let row = v
            .body
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r.date_iso == "2026-03-10")
            .unwrap();
        let m = row.menu.unwrap();
        assert_eq!(m.toggle, Action::DayMenu(None));
        assert_eq!(m.step_back.1, Action::StepBackFrom(day));
        let s = apply(s, m.step_back.1);
        assert!(menus(&s).is_empty());
        assert_eq!(s.inputs.plan.step_backs.len(), 1);
    }

    /// The events of an .ics as (date, kind, text without folding or
    /// escapes).
    fn events(ics: &str) -> Vec<(String, String, String)> {
        let text = ics
            .replace("\r\n ", "")
            .replace("\\,", ",")
            .replace("\\;", ";");
        text.split("BEGIN:VEVENT")
            .skip(1)
            .map(|e| {
                let uid = e.lines().find_map(|l| l.strip_prefix("UID:ldn-")).unwrap();
                let (date, kind) = uid.split_once('-').unwrap();
                let kind = kind.trim_end_matches("@ldn-calc.local").to_string();
                (date.to_string(), kind, e.replace('\u{a0}', " "))
            })
            .collect()
    }

    /// The patient's calendar knows their bottle: its last day, a reminder
    /// to get the next one 3 days before (the pharmacy's lead time), and no
    /// draw on a day after its last day.
    #[test]
    fn the_patients_calendar_knows_the_bottle() {
        let q = "lang=en&view=patient&tablet=50&tablets=2&volume=100&syringe=3&plan=standard\
                 &pstart=2026-12-01&pdays=60&prepared=2026-12-01&bud=30";
        let s = State::start(q, Ok(None), Lang::En, Date::from_ymd(2026, 12, 7).unwrap());
        let all = events(&calendar(&s).unwrap());
        let last = all.iter().find(|e| e.1 == "last-day").unwrap();
        assert_eq!(last.0, "20261230");
        assert!(
            last.2.contains("SUMMARY:LDN: last day of this bottle"),
            "{}",
            last.2
        );
        let next = all.iter().find(|e| e.1 == "next-bottle").unwrap();
        assert_eq!(next.0, "20261227");
        assert!(
            next.2.contains("it is needed from 31 Dec 2026"),
            "{}",
            next.2
        );
        for (date, kind, text) in all.iter().filter(|e| e.1 == "dose") {
            if date.as_str() <= "20261230" {
                assert!(text.contains(": draw "), "{date}: {text}");
            } else {
                assert!(!text.contains(": draw "), "{date} {kind}: {text}");
                assert!(
                    text.contains("it may be used only up to and including 30 Dec 2026"),
                    "{date}: {text}"
                );
            }
        }
        assert_eq!(all.iter().filter(|e| e.1 == "dose").count(), 60);
        // Another lead time, from the link.
        let s = State::start(&format!("{q}&plead=5"), Ok(None), Lang::En, s.today);
        let next = events(&calendar(&s).unwrap())
            .into_iter()
            .find(|e| e.1 == "next-bottle")
            .unwrap();
        assert_eq!(next.0, "20261225");
        assert!(s.link.contains("plead=5"), "{}", s.link);
    }

    /// A 50 mL bottle the plan uses up on 28 December: the reminder for the
    /// next bottle comes 3 days before it is needed (29 December), no last
    /// day event (it is empty then), and no draw from it after 28 December.
    #[test]
    fn the_patients_calendar_knows_when_the_plan_uses_the_bottle_up() {
        let q = "lang=en&view=patient&tablet=50&tablets=1&volume=50&syringe=3&plan=standard\
                 &pstart=2026-12-01&pdays=60&prepared=2026-12-01&bud=30";
        let s = State::start(q, Ok(None), Lang::En, Date::from_ymd(2026, 12, 7).unwrap());
        let all = events(&calendar(&s).unwrap());
        assert!(all.iter().all(|e| e.1 != "last-day"));
        let next = all.iter().find(|e| e.1 == "next-bottle").unwrap();
        assert_eq!(next.0, "20261225");
        assert!(
            next.2.contains("it is needed from 29 Dec 2026"),
            "{}",
            next.2
        );
        for (date, _, text) in all.iter().filter(|e| e.1 == "dose") {
            assert_eq!(
                text.contains(": draw "),
                date.as_str() <= "20261228",
                "{date}: {text}"
            );
            assert!(
                date.as_str() <= "20261228" || !text.contains("Shake"),
                "{date}: {text}"
            );
        }
    }

    /// From the Plan screen: the plan's bottles, each with its reminder
    /// before the next is needed; every dose drawn from a bottle in date.
    #[test]
    fn the_plan_screens_calendar_knows_the_plans_bottles() {
        let s = state_from_link("lang=en&syringe=5&pdays=70");
        let all = events(&calendar(&s).unwrap());
        let starts = s.plan.ok().unwrap().bottle_days();
        assert!(starts.len() >= 3, "{starts:?}");
        let reminders: Vec<_> = all.iter().filter(|e| e.1 == "next-bottle").collect();
        assert_eq!(reminders.len(), starts.len() - 1);
        for (r, next) in reminders.iter().zip(&starts[1..]) {
            assert!(
                r.2.contains(&format!("it is needed from {}", Lang::En.date(*next))),
                "{}",
                r.2
            );
        }
        assert!(all
            .iter()
            .filter(|e| e.1 == "dose")
            .all(|e| e.2.contains(": draw ") && !e.2.contains("from this bottle")));
    }

    /// The printed plan names the patient, the prescriber and the pharmacy
    /// when they are known.
    #[test]
    fn the_printed_plan_names_who_it_is_for() {
        let mut s = state_from_link("lang=en&syringe=3");
        assert!(plan(&s).body.unwrap().printed.people.is_empty());
        for (field, text) in [
            (TextField::Patient, "Kari Nordmann"),
            (TextField::Prescriber, "Dr. Hansen"),
            (TextField::PharmacyName, "Apotek 1 Storgata"),
            (TextField::PharmacyPhone, "22 00 00 00"),
        ] {
            s = apply(s, Action::Type(field, text.into()));
        }
        s = apply(s, Action::SavePharmacy);
        assert_eq!(
            plan(&s).body.unwrap().printed.people,
            [
                "Patient: Kari Nordmann",
                "Prescriber: Dr. Hansen",
                "Pharmacy: Apotek 1 Storgata \u{b7} 22 00 00 00"
            ]
        );
    }
}
