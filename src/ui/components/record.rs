//! A saved batch's record (the compounding worksheet), printed on one A4
//! page; an empty field is a line to fill in by hand.

use crate::view::record::RecordView;
use yew::prelude::*;

pub fn record(v: &RecordView) -> Html {
    html! {
        <article class="print-record" data-testid="record" aria-labelledby="record-heading">
            <h3 id="record-heading">{ v.heading }</h3>
            <p data-testid="record-version-line">{ &v.version_line }</p>
            if let Some(pharmacy) = &v.pharmacy {
                <p data-testid="record-pharmacy">{ pharmacy }</p>
            }
            <table class="record-rows">
                <tbody>
                    { for v.rows.iter().map(|r| html! {
                        <tr data-row={r.id}>
                            <th scope="row">{ r.label }</th>
                            <td class={if r.value.is_none() { "blank" } else { "" }}>{ r.value.clone().unwrap_or_default() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <h4>{ v.steps_heading }</h4>
            <ol class="steps">{ for v.steps.iter().map(|s| html! { <li>{ s }</li> }) }</ol>
            <h4>{ v.directions_heading }</h4>
            if let Some(note) = &v.plan_note {
                <p data-testid="record-plan">{ note }</p>
            }
            { for v.doses.iter().map(|d| html! {
                <div class="record-step">
                    <p data-testid="record-directions">{ &d.directions }</p>
                    if let Some(draw) = &d.draw {
                        <p data-testid="record-draw" data-measured={draw.line.is_measured().to_string()}>{ &draw.sentence }</p>
                    }
                </div>
            }) }
            <h4>{ v.warnings_heading }</h4>
            { for v.warnings.iter().map(|w| html! {
                <p class="warning" data-warning={w.code}>{ &w.text }</p>
            }) }
            if let Some(none) = v.no_warnings {
                <p>{ none }</p>
            }
            <div class="signatures">
                { for v.signatures.iter().map(|line| html! { <p class="signature-line">{ line }</p> }) }
            </div>
            if !v.history.is_empty() {
                <section class="record-versions" data-testid="record-versions">
                    <h4>{ v.history_heading }</h4>
                    { for v.history.iter().map(|line| html! { <p>{ line }</p> }) }
                </section>
            }
        </article>
    }
}
