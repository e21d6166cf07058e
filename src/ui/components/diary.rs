//! The dose diary: markup over `view::diary::DiaryView`, for any page that
//! shows it. Buttons send the action the view attached; the one tap and
//! "another amount" get the browser's time of day as they are sent.

use super::controls::control;
use crate::model::state::{Action, Timed};
use crate::ui::browser;
use crate::ui::door::Effect;
use crate::view::diary::{
    AgainstView, Button, DiaryView, EffectsView, EntryView, ScoreView, SuggestionView,
};
use crate::view::draw::DoseLine;
use crate::view::form::Control;
use crate::view::FileKind;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiaryProps {
    pub view: Rc<DiaryView>,
    pub dispatch: Callback<Action>,
    pub effect: Callback<Effect>,
}

fn send(b: &Button, dispatch: &Callback<Action>) -> Callback<MouseEvent> {
    let action = b.action.clone();
    dispatch.reform(move |_| action.clone())
}

fn timed(t: Timed, dispatch: &Callback<Action>) -> Callback<MouseEvent> {
    dispatch.reform(move |_| t.at(browser::time_now()))
}

/// A dose line's warnings in words, each with its code.
fn warnings(line: Option<&DoseLine>) -> Html {
    match line {
        Some(l) if !l.warnings.is_empty() => html! {
            <ul class="warning-list">
                { for l.warnings.iter().map(|w| html! { <li class="warning" data-warning={w.code}>{ &w.text }</li> }) }
            </ul>
        },
        _ => Html::default(),
    }
}

fn suggestion(s: &SuggestionView, dispatch: &Callback<Action>) -> Html {
    html! {
        <section class="diary-suggestion" data-testid="diary-suggestion" role="status" aria-labelledby="diary-suggestion-heading">
            <h4 id="diary-suggestion-heading">{ s.heading }</h4>
            <p>{ &s.noted }</p>
            <p>{ s.advice.text }{ " " }<cite data-source={s.advice.source_code}>{ &s.advice.source }</cite></p>
            <p>{ &s.from }</p>
            if let Some((text, ask_first)) = &s.halved {
                <p data-testid="diary-halved" data-ask-first={ask_first.to_string()}
                    class={if *ask_first { "warning" } else { "" }}>{ text }</p>
            }
            <div class="actions">
                <button type="button" data-testid="diary-accept-step-back" onclick={send(&s.accept, dispatch)}>{ s.accept.label }</button>
                <button type="button" data-testid="diary-accept-step-back-3" onclick={send(&s.longer, dispatch)}>{ s.longer.label }</button>
                <button type="button" class="secondary" onclick={send(&s.dismiss, dispatch)}>{ s.dismiss.label }</button>
            </div>
            <p>{ s.tell_doctor }</p>
        </section>
    }
}

fn effects(e: &EffectsView, dispatch: &Callback<Action>) -> Html {
    let note = &e.note;
    let sends = note.sends;
    let oninput =
        dispatch.reform(move |ev: InputEvent| Action::Type(sends, browser::input_value(&ev)));
    html! {
        <form class="diary-effects" data-testid="diary-effects" onsubmit={Callback::from(|ev: SubmitEvent| ev.prevent_default())}>
            <fieldset>
                <legend>{ e.legend }</legend>
                { control(&Control::Text(e.date.clone()), dispatch) }
                { for e.effects.iter().map(|c| control(&Control::Check(c.clone()), dispatch)) }
                <div class="field">
                    <label for={note.id}>{ &note.label }</label>
                    <textarea id={note.id} rows="2" maxlength={e.note_max.to_string()} value={note.value.clone()} {oninput} />
                </div>
                if let Some(err) = &e.error {
                    { control(&Control::Error(err.clone()), dispatch) }
                }
                <button type="button" onclick={send(&e.save, dispatch)}>{ e.save.label }</button>
            </fieldset>
        </form>
    }
}

/// How I feel: what is scored, the day, and one tap per score.
fn score(v: &ScoreView, dispatch: &Callback<Action>) -> Html {
    html! {
        <form class="diary-score" data-testid="diary-score" onsubmit={Callback::from(|ev: SubmitEvent| ev.prevent_default())}>
            <fieldset>
                <legend>{ v.legend }</legend>
                <p class="hint">{ v.hint }</p>
                { control(&Control::Text(v.condition.clone()), dispatch) }
                { control(&Control::Text(v.date.clone()), dispatch) }
                <div class="score-buttons" role="group" aria-label={v.group.clone()}>
                    { for v.buttons.iter().map(|(n, action, pressed)| {
                        let action = action.clone();
                        html! {
                            <button type="button" class="score-button" data-score={n.to_string()}
                                aria-pressed={pressed.to_string()}
                                onclick={dispatch.reform(move |_| action.clone())}>{ n.to_string() }</button>
                        }
                    }) }
                </div>
                <p class="score-scale" aria-hidden="true"><span>{ &v.scale.0 }</span><span>{ &v.scale.1 }</span></p>
                <p class="note" role="status" data-testid="diary-score-given">{ &v.given }</p>
                if let Some(b) = &v.clear {
                    <button type="button" class="secondary small" data-testid="diary-score-clear" onclick={send(b, dispatch)}>{ b.label }</button>
                }
            </fieldset>
        </form>
    }
}

fn entry(e: &EntryView, dispatch: &Callback<Action>) -> Html {
    html! {
        <li class="diary-entry" data-testid="diary-entry" data-date={e.date_iso.clone()}>
            <time datetime={e.date_iso.clone()}>{ &e.when }</time>
            { for e.lines.iter().map(|l| html! { <span class="note-item">{ l }</span> }) }
            <button type="button" class="small danger" aria-label={e.delete_name.clone()} onclick={send(&e.delete, dispatch)}>{ e.delete.label }</button>
        </li>
    }
}

fn against(a: &AgainstView) -> Html {
    html! {
        // Not a landmark itself: the scrolling table below is the region the
        // heading names (two landmarks with one name fail landmark-unique).
        <section data-testid="diary-taken-vs-plan">
            <h4 id="diary-against-heading">{ a.heading }</h4>
            <p>{ &a.summary }</p>
            if !a.rows.is_empty() {
                // Wider than a phone in some languages: the scrolling box
                // takes the keyboard's focus and is named by the heading.
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="diary-against-heading">
                    <table class="diary-table">
                        <thead><tr>{ for a.columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                        <tbody>
                            { for a.rows.iter().map(|r| html! {
                                <tr class={r.status} data-day={r.date_iso.clone()} data-status={r.status}>
                                    <th scope="row"><time datetime={r.date_iso.clone()}>{ &r.date }</time></th>
                                    <td>{ &r.planned }</td>
                                    <td>{ for r.marked.iter().map(|m| html! { <span class="note-item">{ m }</span> }) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

#[component]
pub fn Diary(props: &DiaryProps) -> Html {
    let v = &*props.view;
    let dispatch = &props.dispatch;
    let o = &v.other;
    html! {
        <section class="diary" data-testid="diary" aria-labelledby="diary-heading">
            <h3 id="diary-heading">{ v.heading }</h3>
            <p class="hint">{ v.intro }</p>
            <div class="diary-today">
                <p class="diary-dose">{ &v.today.text }</p>
                if let Some(note) = &v.today.step_back {
                    <p class="note" data-testid="diary-step-back">{ note }</p>
                }
                { warnings(v.today.line.as_ref()) }
                if let Some((label, t)) = v.today.take {
                    <button type="button" data-testid="diary-take" onclick={timed(t, dispatch)}>{ label }</button>
                }
            </div>
            if let Some(s) = &v.suggestion {
                { suggestion(s, dispatch) }
            }
            if let Some(m) = &v.ml_left {
                <p class={if m.empty_by_now { "warning" } else { "note" }} data-testid="diary-ml-left"
                    data-empty={m.empty_by_now.to_string()}>{ &m.text }</p>
            }
            <form class="diary-other" onsubmit={Callback::from(|ev: SubmitEvent| ev.prevent_default())}>
                { control(&Control::Text(o.field.clone()), dispatch) }
                if let Some((said, l)) = &o.line {
                    <p class="diary-dose">{ said }</p>
                    { warnings(Some(l)) }
                }
                if let Some(c) = &o.caution {
                    <p class="warning" role="alert">{ c }</p>
                }
                <button type="button" data-testid="diary-take-other" onclick={timed(o.save.1, dispatch)}>{ o.save.0 }</button>
            </form>
            { effects(&v.effects, dispatch) }
            { score(&v.score, dispatch) }
            <h4>{ v.entries_heading }</h4>
            if v.entries.is_empty() {
                <p class="muted">{ v.no_entries }</p>
            } else {
                <ul class="diary-entries">{ for v.entries.iter().map(|e| entry(e, dispatch)) }</ul>
            }
            if let Some(a) = &v.against {
                { against(a) }
            }
            if let Some(label) = v.csv {
                <div class="actions">
                    <button type="button" data-testid="diary-csv" onclick={props.effect.reform(|_| Effect::Download(FileKind::DiaryCsv))}>{ label }</button>
                </div>
            }
            if let Some(r) = &v.report {
                { super::report::report(r, dispatch) }
            }
        </section>
    }
}
