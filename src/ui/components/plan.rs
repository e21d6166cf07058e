//! The Plan screen: totals, the printed plan and the calendar export, the
//! dose diary, then the month grids and the day-by-day titration table with
//! draws, bottles and step-backs.

use super::advice::advice;
use super::controls::Controls;
use super::diary::Diary;
use super::figures::figures;
use super::share::ShareBox;
use crate::model::state::{Action, PrintJob};
use crate::ui::door::Effect;
use crate::view::plan::{MonthView, PlanBody, PlanRow, RowNote};
use crate::view::safety::SafetyView;
use crate::view::share::ShareView;
use crate::view::{plan::PlanView, FileKind};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlanProps {
    pub view: Rc<PlanView>,
    pub dispatch: Callback<Action>,
    pub effect: Callback<Effect>,
    /// "Share with the patient".
    #[prop_or_default]
    pub share: Option<Rc<ShareView>>,
}

fn row(r: &PlanRow, columns: usize, dispatch: &Callback<Action>) -> Html {
    let date = html! { <time datetime={r.date_iso.clone()}>{ &r.date }</time> };
    let send = |action: &Action| {
        let action = action.clone();
        dispatch.reform(move |_| action.clone())
    };
    let menu_id = format!("day-menu-{}", r.date_iso);
    html! {
        <>
        <tr class={r.class} data-date={r.date_iso.clone()}>
            <th scope="row">
                if let Some(m) = &r.menu {
                    <button type="button" class="day-button" aria-expanded={m.open.to_string()}
                        aria-controls={menu_id.clone()} onclick={send(&m.toggle)}>{ date }</button>
                } else {
                    { date }
                }
            </th>
            <td data-col="dose">{ &r.dose }</td>
            <td data-col="draw">{ &r.draw }</td>
            <td data-col="bottle">{ &r.bottle }</td>
            <td data-col="bottle-days">{ &r.bottle_days }</td>
            <td data-col="notes">
                { for r.notes.iter().map(note) }
            </td>
        </tr>
        if let Some(m) = r.menu.as_ref().filter(|m| m.open) {
            <tr class="day-menu no-print" id={menu_id} data-menu-for={r.date_iso.clone()}>
                <td colspan={columns.to_string()}>
                    <div class="actions">
                        <button type="button" onclick={send(&m.step_back.1)}>{ m.step_back.0 }</button>
                        <button type="button" onclick={send(&m.toggle)}>{ m.close }</button>
                    </div>
                </td>
            </tr>
        }
        </>
    }
}

fn note(n: &RowNote) -> Html {
    html! {
        <span class="note-item">
            if n.strong {
                <strong data-note={n.note} data-warning={n.warning}>{ &n.text }</strong>
            } else {
                <span class={if n.warning.is_some() { "row-warning" } else { "" }} data-note={n.note} data-warning={n.warning}>{ &n.text }</span>
            }
        </span>
    }
}

/// One month as a calendar grid: each planned day with its dose, draw and
/// the same notes as its table row.
fn month(m: &MonthView, weekdays: &[(&'static str, &'static str)]) -> Html {
    html! {
        <div class="month-page">
        <table class="month" data-month={m.key.clone()}>
            <caption>{ &m.title }</caption>
            <thead><tr>
                { for weekdays.iter().map(|(short, full)| html! { <th scope="col"><abbr title={*full}>{ *short }</abbr></th> }) }
            </tr></thead>
            <tbody>
                { for m.weeks.iter().map(|week| html! {
                    <tr>
                        { for week.iter().map(|cell| match cell {
                            Some(c) => html! {
                                <td class={c.class} data-date={c.date_iso.clone()}>
                                    <time class="day" datetime={c.date_iso.clone()}>{ c.day }</time>
                                    <span class="dose" data-col="dose">{ &c.dose }</span>
                                    <span class="draw" data-col="draw">{ &c.draw }</span>
                                    { for c.notes.iter().map(note) }
                                    { for c.marked.iter().map(|(n, note)| html! {
                                        <abbr class="mark" title={note.text.clone()} data-note={note.note} data-warning={note.warning}>{ n }</abbr>
                                    }) }
                                </td>
                            },
                            None => html! { <td class="empty"></td> },
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
        if !m.legend.is_empty() {
            <ol class="month-legend" data-testid="month-legend">
                { for m.legend.iter().map(|text| html! { <li>{ text }</li> }) }
            </ol>
        }
        </div>
    }
}

fn results_class(b: &PlanBody) -> &'static str {
    if b.stale.is_some() {
        "results stale"
    } else {
        "results"
    }
}

/// The plan's summary: totals, syringe, print and export, the printed plan.
fn summary(
    b: &PlanBody,
    safety: &SafetyView,
    dispatch: &Callback<Action>,
    effect: &Callback<Effect>,
) -> Html {
    let p = &b.printed;
    html! {
        <section class={results_class(b)} data-stale={b.stale.is_some().to_string()}
            aria-labelledby="plan-totals">
            if let Some(note) = b.stale {
                <p class="stale-note" role="status">{ note }</p>
            }
            <h3 id="plan-totals">{ b.totals_heading }</h3>
            if !b.totals.is_empty() {
                { figures(&b.totals) }
            }
            if let Some(sy) = &b.syringe {
                <section class="plan-syringe" data-testid="plan-syringe" data-fit={sy.fit}
                    data-syringe={sy.capacity.clone()} aria-labelledby="plan-syringe-heading">
                    <h3 id="plan-syringe-heading">{ sy.heading }</h3>
                    <p>{ &sy.text }</p>
                    if !sy.rounded.is_empty() {
                        <ul>{ for sy.rounded.iter().map(|r| html! { <li data-testid="plan-syringe-rounds">{ r }</li> }) }</ul>
                    }
                </section>
            }
            <div class="actions">
                <button type="button" data-testid="plan-print-button" onclick={dispatch.reform(|_| Action::Print(PrintJob::Plan))}>{ b.print }</button>
                <button type="button" data-testid="plan-calendar" disabled={!b.can_export} onclick={effect.reform(|_| Effect::Download(FileKind::Calendar))}>{ b.export }</button>
            </div>
            <section class="print-plan print-only" data-testid="plan-print">
                <h3>{ p.heading }</h3>
                { for p.people.iter().map(|line| html! { <p class="plan-for" data-testid="plan-for">{ line }</p> }) }
                <p>{ &p.uses }</p>
                <ul class="periods">
                    { for p.periods.iter().map(|(dates, text)| html! {
                        <li><strong>{ dates }</strong>{ ": " }{ text }</li>
                    }) }
                </ul>
                <p>{ &p.bottle_days }</p>
                { for p.warnings.iter().map(|w| html! {
                    <p class="row-warning" data-warning={w.code}>{ &w.text }</p>
                }) }
                <p>{ p.storage }</p>
                { super::safety::printed(safety) }
            </section>
        </section>
    }
}

/// The plan's days: the month grids (printed after the plan, one month to
/// a page) and the day-by-day table.
fn days(b: &PlanBody, dispatch: &Callback<Action>) -> Html {
    html! {
        <div class={results_class(b)} data-stale={b.stale.is_some().to_string()}>
            <section class="months" data-testid="plan-months" aria-labelledby="plan-months-heading">
                <h3 id="plan-months-heading">{ b.months_heading }</h3>
                <div class="table-wrap">
                    { for b.months.iter().map(|m| month(m, &b.weekdays)) }
                </div>
            </section>
            <p class="hint no-print" data-testid="day-menu-hint">{ b.day_menu_hint }</p>
            <div class="table-wrap no-print">
                <table class="plan-table" data-testid="plan-table">
                    <thead><tr>
                        { for b.columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }
                    </tr></thead>
                    <tbody>{ for b.rows.iter().map(|r| row(r, b.columns.len(), dispatch)) }</tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
pub fn PlanScreen(props: &PlanProps) -> Html {
    let v = &*props.view;
    html! {
        <div class="screen plan">
            <h2>{ v.heading }</h2>
            <p class="note">{ &v.uses }</p>
            <Controls controls={v.controls.clone()} dispatch={props.dispatch.clone()} />
            { advice(&v.advice, "plan-advisor-heading", &props.dispatch) }
            if let Some(share) = &props.share {
                <ShareBox view={share.clone()} />
            }
            if let Some(b) = &v.body {
                { summary(b, &v.safety, &props.dispatch, &props.effect) }
            }
            <Diary view={v.diary.clone()} dispatch={props.dispatch.clone()} effect={props.effect.clone()} />
            if let Some(b) = &v.body {
                { days(b, &props.dispatch) }
            }
        </div>
    }
}
