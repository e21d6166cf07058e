//! The patient's page (`view=patient`): today's dose and what to draw, the
//! next dose change, the bottle's last day and the plan's reminders. Markup
//! over `view::patient`; its actions are the diary's and the calendar
//! download.

use super::syringe_picture::syringe_picture;
use crate::ui::door::Effect;
use crate::view::draw::WarningLine;
use crate::view::patient::{DrawsView, PatientView};
use crate::view::FileKind;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PatientProps {
    pub view: Rc<PatientView>,
    pub dispatch: Callback<crate::model::state::Action>,
    pub effect: Callback<Effect>,
}

fn warning_list(lines: &[WarningLine]) -> Html {
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <ul class="warning-list">
            { for lines.iter().map(|w| html! { <li class="warning" data-warning={w.code}>{ &w.text }</li> }) }
        </ul>
    }
}

/// What to draw. Right after the volume come its warnings (a rounded dose
/// to ask the pharmacy about is never below the fold when the draw is
/// above it), then today's note (a step-back: already halved), the label
/// check (the amounts hold only for the bottle's concentration), then the
/// picture and each intake.
fn draws(d: &DrawsView, note: Option<&String>, check_label: Option<&String>) -> Html {
    html! {
        <div class="today-draw" data-testid="today-draw">
            if let Some(heading) = &d.heading {
                <h4>{ heading }</h4>
            }
            <p class="hint">{ &d.syringe }</p>
            if let Some((label, volume)) = &d.draw {
                <p class="draw">
                    <span class="draw-label">{ *label }</span>
                    <strong class="big">{ volume }</strong>
                </p>
            }
            { warning_list(&d.warnings) }
            if let Some(note) = note {
                <p class="note" data-testid="today-note">{ note }</p>
            }
            if let Some(text) = check_label {
                <p class="note" data-testid="check-label">{ text }</p>
            }
            if let Some(p) = &d.picture {
                { syringe_picture(p) }
            }
            { for d.lines.iter().map(|l| html! {
                <p class="intake" data-intake={l.code} data-measured={l.measured.to_string()}>{ &l.text }</p>
            }) }
        </div>
    }
}

#[component]
pub fn PatientScreen(props: &PatientProps) -> Html {
    let v = &*props.view;
    html! {
        <div class="screen patient" data-testid="patient">
            <h2>{ v.heading }</h2>
            if let Some(n) = &v.do_not_use {
                <section class="do-not-use notice error" role="alert" data-testid="bottle-expired" data-reason={n.reason}>
                    <h3>{ n.heading }</h3>
                    <p>{ &n.text }</p>
                </section>
            }
            // The label check goes with the draw when there is one.
            if let (Some(text), None) = (&v.check_label, v.today.as_ref().and_then(|t| t.draws.as_ref())) {
                <p class="note" data-testid="check-label">{ text }</p>
            }
            if let Some(text) = &v.problem {
                <p class="notice error" role="alert" data-testid="patient-problem">{ text }</p>
            }
            if let Some(t) = &v.today {
                <section class="today results" aria-labelledby="today-heading">
                    <h3 id="today-heading">{ &t.heading }</h3>
                    <p class="today-dose" data-testid="today-dose">{ &t.dose }</p>
                    if let Some(taken) = t.taken {
                        <p class="notice ok" role="status" data-testid="today-taken">{ taken }</p>
                    }
                    // With a draw, the note follows it (the draw first on a
                    // phone's first screen); without, it says why there is none.
                    if let Some(d) = &t.draws {
                        { draws(d, t.note.as_ref(), v.check_label.as_ref()) }
                    } else if let Some(note) = &t.note {
                        <p class="note" data-testid="today-note">{ note }</p>
                    }
                </section>
            }
            if let Some(d) = &v.diary {
                <super::diary::Diary view={d.clone()} dispatch={props.dispatch.clone()} effect={props.effect.clone()} />
            }
            if let Some(n) = &v.next_change {
                <section class="next-change" aria-labelledby="next-change-heading">
                    <h3 id="next-change-heading">{ n.heading }</h3>
                    <p data-testid="next-change">
                        if let Some((iso, shown)) = &n.date {
                            <time datetime={iso.clone()}>{ shown }</time>{ ": " }
                        }
                        { &n.text }
                    </p>
                </section>
            }
            if let Some(b) = &v.bottle {
                <section class="bottle" aria-labelledby="bottle-heading">
                    <h3 id="bottle-heading">{ b.heading }</h3>
                    <p>{ &b.product }</p>
                    <p>{ b.last_day_label }{ ": " }
                        <strong><time data-testid="bottle-last-day" datetime={b.last_day_iso.clone()}>{ &b.last_day }</time></strong>
                    </p>
                    { warning_list(&b.warnings) }
                    <p class="hint">{ b.storage }</p>
                </section>
            }
            if let Some(r) = &v.reminders {
                <section class="reminders" aria-labelledby="reminders-heading">
                    <h3 id="reminders-heading">{ r.heading }</h3>
                    <p>{ r.hint }</p>
                    <button type="button" data-testid="patient-calendar"
                        onclick={props.effect.reform(|_| Effect::Download(FileKind::Calendar))}>{ r.button }</button>
                </section>
            }
        </div>
    }
}
