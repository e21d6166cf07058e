//! The Plan screen: a day-by-day titration calendar with draw volumes and
//! bottles, step-backs, totals, the safety panel, print and calendar export.

use super::advice::AdviceList;
use super::{text_field, Entry, FieldSpec, ScreenProps};
use crate::engine::date::Date;
use crate::engine::format::Unit;
use crate::engine::schedule::{DayKind, TitrationPreset};
use crate::engine::supply_plan::SupplyDay;
use crate::i18n::{Lang, Msg};
use crate::model::inputs::{Field, PlanScheme};
use crate::model::plan::{ics, IcsEntry, PlanOutcome, PlanProblem};
use crate::model::state::{Action, PlanToggle, TextField};
use crate::ui::browser;
use crate::ui::fields::{RadioGroup, Select};
use crate::ui::present::{num, qty, syringe_name};
use rust_decimal::Decimal;
use web_sys::HtmlInputElement;
use yew::prelude::*;

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

/// "0.75 mg" or "0.75 mg morning, 0.75 mg evening".
fn amounts(lang: Lang, values: &[Decimal], unit: Unit) -> String {
    match values {
        [] => "\u{2014}".into(),
        [one] => qty(lang, *one, unit),
        [morning, evening, ..] => lang.f(
            Msg::MorningEvening,
            &[&qty(lang, *morning, unit), &qty(lang, *evening, unit)],
        ),
    }
}

/// A table row's classes: off and step-back days, and new bottles.
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

/// The plan as an iCalendar file: one event per dosing day, in `lang`,
/// with a reminder per intake (morning and evening when twice daily).
fn plan_ics(lang: Lang, plan: &PlanOutcome, today: Date) -> String {
    let summary = |mg: &[Decimal], ml: &[Decimal]| {
        lang.f(
            Msg::IcsSummary,
            &[&amounts(lang, mg, Unit::Mg), &amounts(lang, ml, Unit::Ml)],
        )
    };
    let entries: Vec<IcsEntry> = plan
        .days
        .iter()
        .enumerate()
        .filter(|(_, day)| !day.intakes_mg.is_empty())
        .map(|(i, day)| {
            let draws = plan.draws_on(i);
            let alarms = match (&day.intakes_mg[..], &draws[..]) {
                ([morning, evening], [morning_ml, evening_ml]) => vec![
                    (plan.reminders.morning, summary(&[*morning], &[*morning_ml])),
                    (plan.reminders.dose, summary(&[*evening], &[*evening_ml])),
                ],
                _ => vec![(plan.reminders.dose, summary(&day.intakes_mg, &draws))],
            };
            IcsEntry {
                date: day.date,
                summary: summary(&day.intakes_mg, &draws),
                description: lang.t(Msg::IcsShake).to_string(),
                alarms,
            }
        })
        .collect();
    ics(&entries, today)
}

#[derive(Properties, PartialEq)]
struct CheckboxProps {
    id: AttrValue,
    label: AttrValue,
    checked: bool,
    onchange: Callback<bool>,
}

#[component]
fn Checkbox(props: &CheckboxProps) -> Html {
    let cb = props.onchange.clone();
    html! {
        <label for={props.id.clone()} class="radio">
            <input type="checkbox" id={props.id.clone()} checked={props.checked}
                onchange={Callback::from(move |e: Event| cb.emit(e.target_unchecked_into::<HtmlInputElement>().checked()))} />
            { props.label.clone() }
        </label>
    }
}

#[component]
pub fn PlanScreen(props: &ScreenProps) -> Html {
    let s = &*props.state;
    let lang = s.lang;
    let p = &s.inputs.plan;
    let d = &props.dispatch;

    let scheme_options: Vec<(String, bool)> = SCHEMES
        .iter()
        .map(|(scheme, msg)| (lang.t(*msg).to_string(), p.scheme == *scheme))
        .collect();
    let on_scheme = d.reform(|k: usize| Action::PlanScheme(SCHEMES[k.min(SCHEMES.len() - 1)].0));
    let split_options = vec![
        (lang.t(Msg::SplitOnce).to_string(), !p.twice_daily),
        (lang.t(Msg::SplitTwice).to_string(), p.twice_daily),
    ];
    let on_split = d.reform(|k: usize| Action::PlanToggle(PlanToggle::TwiceDaily, k == 1));

    let problem = match &s.plan.current {
        Err(PlanProblem::TargetAboveLdn) => Some(lang.t(Msg::ErrPlanAboveLdn)),
        Err(PlanProblem::StartAboveTarget) => Some(lang.t(Msg::ErrStartAboveTarget)),
        _ => None,
    };
    let recipe = s.recipe.current.as_ref().ok();
    let syringe = crate::model::order::syringe(&s.inputs).ok();
    let uses = match (recipe, syringe) {
        (Some(r), Some(sy)) => lang.f(
            Msg::PlanUses,
            &[
                &lang.f(
                    Msg::LabelContents,
                    &[
                        &r.order.recipe.tablets().to_string(),
                        &qty(lang, r.order.recipe.tablet_mg(), Unit::Mg),
                        &qty(lang, r.order.recipe.final_ml(), Unit::Ml),
                    ],
                ),
                &syringe_name(lang, sy),
            ],
        ),
        _ => lang.t(Msg::PlanNeedsInputs).to_string(),
    };

    let body = s.plan.shown().map(|(plan, stale)| {
        let supply = plan.supply.as_ref();
        let totals = supply.map(|sup| html! {
            <dl class="figures">
                <div><dt>{ lang.t(Msg::TotalTablets) }</dt><dd data-testid="plan-tablets">{ sup.tablets }</dd></div>
                <div><dt>{ lang.t(Msg::TotalBottles) }</dt><dd data-testid="plan-bottles">{ sup.bottles }</dd></div>
                <div><dt>{ lang.t(Msg::TotalWaste) }</dt><dd data-testid="plan-waste">{ format!("{} ({})", qty(lang, sup.waste_ml, Unit::Ml), qty(lang, sup.waste_mg, Unit::Mg)) }</dd></div>
                if let Some(cost) = plan.cost {
                    <div><dt>{ lang.t(Msg::TotalCost) }</dt><dd data-testid="plan-cost">{ lang.f(Msg::CostWorking, &[
                        &cost.tablets.to_string(), &num(lang, cost.per_tablet), &num(lang, cost.total.round_dp(2)),
                    ]) }</dd></div>
                }
            </dl>
        });
        // The calendar file is built when asked for, not on every render.
        let export = {
            let state = props.state.clone();
            Callback::from(move |_| {
                if let Some((plan, _)) = state.plan.shown() {
                    browser::download("ldn-plan.ics", &plan_ics(state.lang, plan, state.today));
                }
            })
        };
        let rows = plan.days.iter().enumerate().map(|(i, day)| {
            let sd: Option<&SupplyDay> = supply.and_then(|sup| sup.days.get(i));
            let draws = plan.draws_on(i);
            let mut warnings: Vec<_> = sd.map(|x| x.draws.iter().flat_map(|c| c.warnings.iter().copied()).collect()).unwrap_or_default();
            warnings.sort();
            warnings.dedup();
            let mut notes: Vec<Html> = Vec::new();
            if sd.is_some_and(|x| x.new_bottle) {
                notes.push(html! { <strong data-note="new-bottle">{ lang.t(Msg::NoteNewBottle) }</strong> });
            }
            match day.kind {
                DayKind::Off => notes.push(html! { <span data-note="off">{ lang.t(Msg::NoteOff) }</span> }),
                DayKind::StepBack => notes.push(html! { <span data-note="step-back">{ lang.t(Msg::NoteStepBack) }</span> }),
                _ if day.changed && i > 0 => notes.push(html! { <span data-note="change">{ lang.t(Msg::NoteChange) }</span> }),
                _ => {}
            }
            for w in warnings {
                notes.push(html! { <span class="row-warning" data-warning={w.code()}>{ crate::ui::present::warning_text(lang, w) }</span> });
            }
            let date = day.date;
            html! {
                <tr class={row_class(day.kind, sd.is_some_and(|x| x.new_bottle))} data-date={date.to_string()}>
                    <th scope="row"><time datetime={date.to_string()}>{ lang.date(date) }</time></th>
                    <td data-col="dose">{ amounts(lang, &day.intakes_mg, Unit::Mg) }</td>
                    <td data-col="draw">{ if day.intakes_mg.is_empty() { "\u{2014}".to_string() } else { amounts(lang, &draws, Unit::Ml) } }</td>
                    <td data-col="bottle">{ sd.map(|x| x.bottle.to_string()).unwrap_or_default() }</td>
                    <td data-col="bottle-days">{ sd.map(|x| x.bottle_days_left.to_string()).unwrap_or_default() }</td>
                    <td data-col="notes">{ for notes.into_iter().map(|n| html! { <span class="note-item">{ n }</span> }) }</td>
                    <td class="no-print">
                        if !day.intakes_mg.is_empty() {
                            <button type="button" class="small" onclick={d.reform(move |_| Action::StepBackFrom(date))}
                                aria-label={format!("{}: {}", lang.t(Msg::StepBackHere), lang.date(date))}>{ lang.t(Msg::StepBackHere) }</button>
                        }
                    </td>
                </tr>
            }
        });
        html! {
            <section class={if stale { "results stale" } else { "results" }} data-stale={stale.to_string()} aria-labelledby="plan-totals">
                if stale {
                    <p class="stale-note" role="status">{ lang.t(Msg::Stale) }</p>
                }
                <h3 id="plan-totals">{ lang.t(Msg::TotalsHeading) }</h3>
                { for totals }
                <div class="actions">
                    <button type="button" onclick={Callback::from(|_| browser::print())}>{ lang.t(Msg::PrintPlan) }</button>
                    <button type="button" onclick={export}>{ lang.t(Msg::ExportIcs) }</button>
                </div>
                <section class="print-plan print-only" data-testid="plan-print">
                    <h3>{ lang.t(Msg::PlanHeading) }</h3>
                    <p>{ uses.clone() }</p>
                    <ul class="periods">
                        { for plan.periods().iter().map(|p| html! {
                            <li>
                                <strong>{ if p.from == p.to { lang.date(p.from) } else { format!("{} \u{2013} {}", lang.date(p.from), lang.date(p.to)) } }</strong>
                                { ": " }
                                { match p.kind {
                                    DayKind::Off => lang.t(Msg::NoteOff).to_string(),
                                    _ => format!("{} = {}{}", amounts(lang, &p.intakes_mg, Unit::Mg), amounts(lang, &p.draws_ml, Unit::Ml),
                                        if p.kind == DayKind::StepBack { format!(" ({})", lang.t(Msg::NoteStepBack)) } else { String::new() }),
                                } }
                            </li>
                        }) }
                    </ul>
                    <p>{ format!("{}: {}", lang.t(Msg::NoteNewBottle), plan.bottle_days().iter().map(|d| lang.date(*d)).collect::<Vec<_>>().join(", ")) }</p>
                    <p>{ lang.t(Msg::LabelStorage) }</p>
                </section>
                <div class="table-wrap no-print">
                    <table class="plan-table" data-testid="plan-table">
                        <thead><tr>
                            <th scope="col">{ lang.t(Msg::ColDate) }</th>
                            <th scope="col">{ lang.t(Msg::ColDose) }</th>
                            <th scope="col">{ lang.t(Msg::ColDraw) }</th>
                            <th scope="col">{ lang.t(Msg::ColBottle) }</th>
                            <th scope="col">{ lang.t(Msg::ColBottleDays) }</th>
                            <th scope="col">{ lang.t(Msg::ColNotes) }</th>
                            <th scope="col" class="no-print"><span class="visually-hidden">{ lang.t(Msg::StepBackHere) }</span></th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            </section>
        }
    });

    let custom = p.scheme == PlanScheme::Custom;
    html! {
        <div class="screen plan">
            <h2>{ lang.t(Msg::PlanHeading) }</h2>
            <p class="note">{ uses.clone() }</p>
            <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <RadioGroup name="scheme" legend={lang.t(Msg::PlanPreset)} options={scheme_options} onchange={on_scheme} />
                if custom {
                    { text_field(s, d, FieldSpec { id: "pdose", entry: Entry::Decimal, checks: Some(Field::PlanDose), sends: TextField::PlanDose },
                    lang.t(Msg::PlanStartDose).into(), &p.start_mg) }
                    { text_field(s, d, FieldSpec { id: "pstep", entry: Entry::Decimal, checks: Some(Field::PlanStep), sends: TextField::PlanStep },
                    lang.t(Msg::PlanStep).into(), &p.step_mg) }
                    { text_field(s, d, FieldSpec { id: "pevery", entry: Entry::Whole, checks: Some(Field::PlanEvery), sends: TextField::PlanEvery },
                    lang.t(Msg::PlanEvery).into(), &p.every_days) }
                    { text_field(s, d, FieldSpec { id: "ptarget", entry: Entry::Decimal, checks: Some(Field::PlanTarget), sends: TextField::PlanTarget },
                    lang.t(Msg::PlanTarget).into(), &p.target_mg) }
                    <Checkbox id="pabove" label={lang.t(Msg::PlanAboveLdn)} checked={p.allow_above_ldn}
                        onchange={d.reform(|on| Action::PlanToggle(PlanToggle::AllowAboveLdn, on))} />
                }
                if let Some(text) = problem {
                    <p class="field-error" data-error="ptarget">{ text }</p>
                }
                { text_field(s, d, FieldSpec { id: "pstart", entry: Entry::Date, checks: Some(Field::PlanStart), sends: TextField::PlanStart },
                    lang.t(Msg::PlanStart).into(), &p.start) }
                { text_field(s, d, FieldSpec { id: "pdays", entry: Entry::Whole, checks: Some(Field::PlanDays), sends: TextField::PlanDays },
                    lang.t(Msg::PlanDays).into(), &p.days) }
                <RadioGroup name="split" legend={lang.t(Msg::PlanSplit)} options={split_options} onchange={on_split} />
                if p.twice_daily {
                    { text_field(s, d, FieldSpec { id: "pmorning", entry: Entry::Time, checks: Some(Field::PlanMorning), sends: TextField::PlanMorning },
                        lang.t(Msg::ReminderMorning).into(), &p.morning_reminder) }
                }
                { text_field(s, d, FieldSpec { id: "ptime", entry: Entry::Time, checks: Some(Field::PlanTime), sends: TextField::PlanTime },
                    lang.t(if p.twice_daily { Msg::ReminderEvening } else { Msg::ReminderTime }).into(), &p.reminder) }
                <p class="hint">{ lang.t(Msg::ReminderHint) }</p>
                <Checkbox id="pcycle" label={lang.t(Msg::PlanCycle)} checked={p.cycle}
                    onchange={d.reform(|on| Action::PlanToggle(PlanToggle::Cycle, on))} />
                { text_field(s, d, FieldSpec { id: "price", entry: Entry::Decimal, checks: Some(Field::Price), sends: TextField::Price },
                    lang.t(Msg::Price).into(), &p.price) }
                <Select id="step-back-days" label={lang.t(Msg::StepBackLength)} options={vec![lang.t(Msg::StepBackDays2).to_string(), lang.t(Msg::StepBackDays3).to_string()]}
                    selected={usize::from(p.step_back_days == 3)} onchange={d.reform(|k: usize| Action::StepBackDays(if k == 0 { 2 } else { 3 }))} />
                if !p.step_backs.is_empty() {
                    <p data-testid="step-backs">
                        { lang.f(Msg::StepBacksSet, &[&p.step_backs.iter().map(|(from, n)| format!("{} (+{n})", lang.date(*from))).collect::<Vec<_>>().join(", ")]) }
                        { " " }
                        <button type="button" onclick={d.reform(|_| Action::ClearStepBacks)}>{ lang.t(Msg::ClearStepBacks) }</button>
                    </p>
                }
            </form>
            <section class="safety" aria-labelledby="safety-heading">
                <h3 id="safety-heading">{ lang.t(Msg::SafetyHeading) }</h3>
                <ul>
                    <li>{ lang.t(Msg::SafetyMax) }</li>
                    <li>{ lang.t(Msg::SafetyOpioids) }</li>
                    <li>{ lang.t(Msg::SafetyOtherMedicines) }</li>
                    <li>{ lang.t(Msg::SafetyMissed) }</li>
                    <li>{ lang.t(Msg::SafetySideEffects) }</li>
                    <li>{ lang.t(Msg::SafetySurgery) }</li>
                    <li>{ lang.t(Msg::SafetyStop) }</li>
                </ul>
            </section>
            <section class="advisor" aria-labelledby="plan-advisor-heading">
                <h3 id="plan-advisor-heading">{ lang.t(Msg::AdvisorHeading) }</h3>
                <AdviceList lang={lang} advice={s.plan.current.as_ref().map(|p| p.advice.clone()).unwrap_or_default()}
                    on_apply={d.reform(Action::ApplyPlanAdvice)} />
            </section>
            { for body }
        </div>
    }
}
