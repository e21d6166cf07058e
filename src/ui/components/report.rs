//! The report for the prescriber: markup over `view::report::ReportView`.
//! The chart is one SVG in tenths of a millimetre (every coordinate from
//! the view), drawn in black and grey so it reads on a black-and-white
//! printer: the plan as a solid step line, doses taken as dots, the score
//! as a dashed line with squares, marks under the days.

use super::controls::control;
use crate::model::state::Action;
use crate::view::form::Control;
use crate::view::report::{Chart, ReportPage, ReportView, StepRow};
use yew::prelude::*;

/// A legend's symbol, drawn as in the chart.
fn swatch(kind: &'static str) -> Html {
    let shape = match kind {
        "planned" => html! { <line x1="0" y1="10" x2="40" y2="10" class="planned" /> },
        "taken" => html! { <circle cx="20" cy="10" r="6" class="taken" /> },
        "score" => html! {
            <>
                <line x1="0" y1="10" x2="40" y2="10" class="score" />
                <rect x="15" y="5" width="10" height="10" class="score-point" />
            </>
        },
        "effects" => html! { <path d="M20 3 L27 16 L13 16 Z" class="effect" /> },
        "missed" => html! { <path d="M14 4 L26 16 M26 4 L14 16" class="missed" /> },
        "step-back" => html! { <rect x="5" y="0" width="30" height="20" class="step-back" /> },
        _ => html! { <path d="M20 0 L20 20" class="bottle" /> },
    };
    html! { <svg class="swatch" viewBox="0 0 40 20" aria-hidden="true">{ shape }</svg> }
}

fn chart(c: &Chart) -> Html {
    let (left, right, top, bottom) = c.plot;
    html! {
        <figure class="report-chart" data-testid="report-chart">
            <svg viewBox={format!("0 0 {} {}", c.width, c.height)} role="img" aria-label={c.title}>
                { for c.step_back.iter().map(|(x, w)| html! {
                    <rect x={x.to_string()} y={top.to_string()} width={w.to_string()}
                        height={(bottom - top).to_string()} class="step-back" />
                }) }
                { for c.mg_ticks.iter().map(|(y, text)| html! {
                    <>
                        <line x1={left.to_string()} x2={right.to_string()} y1={y.to_string()} y2={y.to_string()} class="grid" />
                        <text x={(left - 12).to_string()} y={(y + 10).to_string()} text-anchor="end" class="tick">{ text }</text>
                    </>
                }) }
                { for c.score_ticks.iter().map(|(y, text)| html! {
                    <text x={(right + 12).to_string()} y={(y + 10).to_string()} class="tick">{ text }</text>
                }) }
                <path d={format!("M{left} {top} L{left} {bottom} L{right} {bottom} L{right} {top}")} class="axis" />
                { for c.date_ticks.iter().map(|(x, text)| html! {
                    <>
                        <line x1={x.to_string()} x2={x.to_string()} y1={bottom.to_string()} y2={(bottom + 15).to_string()} class="axis" />
                        <text x={x.to_string()} y={(c.height - 15).to_string()} text-anchor="middle" class="tick">{ text }</text>
                    </>
                }) }
                { for c.bottles.iter().map(|x| html! {
                    <path d={format!("M{x} {} L{x} {bottom}", top - 40)} class="bottle" data-mark="bottle" />
                }) }
                if !c.planned.is_empty() {
                    <path d={c.planned.clone()} class="planned" data-mark="planned" />
                }
                if !c.score_line.is_empty() {
                    <path d={c.score_line.clone()} class="score" />
                }
                { for c.scores.iter().map(|(x, y)| html! {
                    <rect x={(x - 10).to_string()} y={(y - 10).to_string()} width="20" height="20" class="score-point" data-mark="score" />
                }) }
                { for c.taken.iter().map(|(x, y)| html! {
                    <circle cx={x.to_string()} cy={y.to_string()} r="11" class="taken" data-mark="taken" />
                }) }
                { for c.effects.iter().map(|x| html! {
                    <path d={format!("M{x} {} L{} {} L{} {} Z", c.effects_y - 15, x + 13, c.effects_y + 10, x - 13, c.effects_y + 10)} class="effect" data-mark="effects" />
                }) }
                { for c.missed.iter().map(|x| html! {
                    <path d={format!("M{} {} L{} {} M{} {} L{} {}", x - 11, c.missed_y - 11, x + 11, c.missed_y + 11, x + 11, c.missed_y - 11, x - 11, c.missed_y + 11)} class="missed" data-mark="missed" />
                }) }
            </svg>
            <figcaption>
                <span class="chart-title">{ c.title }</span>
                <ul class="legend">
                    { for c.legend.iter().map(|(kind, text)| html! {
                        <li data-legend={*kind}>{ swatch(kind) }{ *text }</li>
                    }) }
                </ul>
            </figcaption>
        </figure>
    }
}

fn step(r: &StepRow) -> Html {
    html! {
        <tr data-testid="report-step" data-from={r.from_iso.clone()} data-to={r.to_iso.clone()}
            data-taken={r.taken_n.to_string()} data-planned={r.planned_n.to_string()}
            data-extra={r.extra_n.to_string()} data-missed-days={r.missed_days.to_string()}
            data-mean={r.mean.clone()}>
            <th scope="row">{ &r.dates }</th>
            <td>{ &r.dose }</td>
            <td>{ &r.taken }</td>
            <td>{ &r.missed }</td>
            <td>{ &r.score }</td>
            <td>{ &r.effects }</td>
        </tr>
    }
}

fn page(p: &ReportPage) -> Html {
    html! {
        <article class="report-page" data-testid="report-page" aria-labelledby="report-title">
            <h4 id="report-title">{ p.title }</h4>
            <p class="report-period" data-testid="report-period">{ &p.period }</p>
            { for p.people.iter().map(|line| html! { <p data-testid="report-for">{ line }</p> }) }
            if !p.bottles.is_empty() {
                <p class="report-bottles">
                    <strong>{ p.bottles_heading }{ ": " }</strong>
                    { for p.bottles.iter().enumerate().map(|(i, b)| html! {
                        <>
                            if i > 0 { { " \u{b7} " } }
                            <span data-testid="report-bottle">{ b }</span>
                        </>
                    }) }
                </p>
            }
            // First, so it is on the first page whatever follows.
            <p class="report-cannot-know">{ p.cannot_know }</p>
            { chart(&p.chart) }
            <p class="report-score-means">{ &p.score_means }</p>
            if let Some(text) = p.no_plan_days {
                <p data-testid="report-no-plan-days">{ text }</p>
            } else {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="report-title">
                    <table class="report-table" data-testid="report-steps">
                        <thead><tr>{ for p.columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                        <tbody>{ for p.rows.iter().map(step) }</tbody>
                    </table>
                </div>
            }
            if !p.notes.is_empty() {
                <section class="report-notes" data-testid="report-notes">
                    <h5>{ p.notes_heading }</h5>
                    { for p.notes.iter().map(|w| html! { <p class="warning" data-warning={w.code}>{ &w.text }</p> }) }
                </section>
            }
        </article>
    }
}

pub fn report(v: &ReportView, dispatch: &Callback<Action>) -> Html {
    let toggle = v.toggle.action.clone();
    let print = v.print.as_ref().map(|b| {
        let action = b.action.clone();
        (b.label, dispatch.reform(move |_| action.clone()))
    });
    html! {
        // Not a landmark itself (no name): the report's table region is
        // named by the report's title, which is the same words.
        <section class="report" data-testid="report" data-print={v.printing.then_some("report")}>
            <h4 id="report-heading" class="no-print">
                <button type="button" class="secondary" data-testid="report-toggle" aria-expanded={v.open.to_string()}
                    onclick={dispatch.reform(move |_| toggle.clone())}>{ v.toggle.label }</button>
            </h4>
            if v.open {
                <p class="hint no-print">{ v.intro }</p>
                <form class="report-period-form no-print" onsubmit={Callback::from(|ev: SubmitEvent| ev.prevent_default())}>
                    { control(&Control::Text(v.from.clone()), dispatch) }
                    { control(&Control::Text(v.to.clone()), dispatch) }
                </form>
                if let Some(p) = &v.page {
                    { page(p) }
                }
                if let Some((label, onclick)) = print {
                    <div class="actions no-print">
                        <button type="button" data-testid="report-print" {onclick}>{ label }</button>
                    </div>
                }
            }
        </section>
    }
}
