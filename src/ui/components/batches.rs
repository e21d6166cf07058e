//! My batches: save the prepared bottle with its record, search, open a
//! bottle's record and label to print, follow days and volume left, mark
//! doses taken, export and import; the pharmacy's details.

use super::controls::control;
use super::label::{beside, printed_label};
use super::pack_scan::pack_scan;
use super::record::record;
use super::record_edit::RecordEdit;
use super::share::link_qr;
use crate::model::state::Action;
use crate::ui::browser;
use crate::ui::door::Effect;
use crate::view::batches::{BatchItem, BatchesView, OpenBatchView, PharmacyView};
use crate::view::formulas::FormulasView;
use crate::view::share::ShareLink;
use crate::view::test_label::LabelPrinterView;
use crate::view::FileKind;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BatchesProps {
    pub view: Rc<BatchesView>,
    pub dispatch: Callback<Action>,
    pub effect: Callback<Effect>,
}

fn item(b: &BatchItem, dispatch: &Callback<Action>) -> Html {
    html! {
        <li class={format!("batch {}", b.state_class)} data-testid="batch" data-id={b.id.to_string()}>
            <h3>{ &b.name }</h3>
            <p data-testid="batch-number">{ &b.number }</p>
            if let Some(line) = &b.record_line {
                <p data-testid="batch-record">{ line }</p>
            }
            <p>{ &b.contents }</p>
            if let Some(directions) = &b.directions {
                <p data-testid="batch-directions">{ directions }</p>
            }
            if let Some(dose) = &b.dose {
                <p data-testid="batch-dose" data-measured={dose.is_measured().to_string()}>{ &b.dose_sentence }</p>
            }
            { for b.dose.iter().flat_map(|d| d.warnings.iter()).chain(&b.warnings).map(|w| html! { <p class="warning" data-warning={w.code}>{ &w.text }</p> }) }
            <p class="batch-state" data-testid="batch-state">
                <span class="badge">{ &b.state_text }</span>{ " · " }
                <time datetime={b.last_day_iso.clone()}>{ &b.last_day }</time>
            </p>
            <p data-testid="ml-left">{ &b.ml_left }</p>
            <p class="outlook">{ &b.outlook }</p>
            if let Some((href, text)) = &b.link {
                <p><a href={href.clone()} data-testid="batch-link">{ *text }</a></p>
            }
            <div class="actions">
                { for b.buttons.iter().map(|btn| {
                    let action = btn.action.clone();
                    html! {
                        <button type="button" class={if btn.danger { "danger" } else { "" }} disabled={btn.disabled}
                            onclick={dispatch.reform(move |_| action.clone())}>{ btn.label }</button>
                    }
                }) }
            </div>
        </li>
    }
}

/// Editing the open batch's record, and its history (never printed: the
/// printed record has its own version lines).
fn edit_area(o: &OpenBatchView, d: &Callback<Action>) -> Html {
    let (label, open) = o.edit_open.clone();
    html! {
        <div class="no-print record-edit-area">
            if let Some(e) = &o.edit {
                <RecordEdit edit={e.clone()} dispatch={d.clone()} />
            } else {
                <p><button type="button" data-testid="record-edit-open" onclick={d.reform(move |_| open.clone())}>{ label }</button></p>
            }
            if let Some(h) = &o.history {
                <section class="record-history" data-testid="record-history" aria-labelledby="record-history-heading">
                    <h4 id="record-history-heading">{ h.heading }</h4>
                    <ol reversed=true>
                        { for h.versions.iter().map(|(head, changes)| html! {
                            <li data-testid="record-version">
                                <p>{ head }</p>
                                <ul>{ for changes.iter().map(|c| html! { <li>{ c }</li> }) }</ul>
                            </li>
                        }) }
                    </ol>
                </section>
            }
        </div>
    }
}

/// The open batch: its record and label, with print buttons. The print
/// stylesheet prints only the one named by `data-print`.
///
/// Closed, the focus goes back to the bottle's "Record and label" in the
/// list (it would be lost with the button that closed it).
fn close(id: u64, d: &Callback<Action>) -> Callback<MouseEvent> {
    let d = d.clone();
    Callback::from(move |_| {
        d.emit(Action::OpenBatch(None));
        browser::focus_later(format!("[data-testid=batch][data-id=\"{id}\"] button"));
    })
}

fn open_batch(o: &OpenBatchView, d: &Callback<Action>) -> Html {
    let (print_record, print_label) = (o.print_record.clone(), o.print_label.clone());
    html! {
        <section class="batch-open" data-testid="batch-open" data-print={o.printing} aria-labelledby="record-heading">
            <div class="actions no-print">
                <button type="button" data-testid="print-record" onclick={d.reform(move |_| print_record.clone())}>{ o.record.print }</button>
                <button type="button" disabled={!o.label.can_print} onclick={d.reform(move |_| print_label.clone())}>{ o.label.print }</button>
                <button type="button" onclick={close(o.id, d)}>{ o.close }</button>
            </div>
            <div class="no-print">
                { control(&o.size, d) }
                { for o.print_notices.iter().map(|text| html! {
                    <p class="notice" role="status" data-testid="print-notice">{ *text }</p>
                }) }
                { beside(&o.label) }
            </div>
            { edit_area(o, d) }
            <div class="print-record-page">
                { record(&o.record) }
                { match &o.patient_link {
                    Ok(link) => patient_qr(link, "record-qr"),
                    Err(why) => html! { <p class="notice" data-testid="record-no-qr">{ *why }</p> },
                } }
            </div>
            <div class="label-box">
                <h3 class="no-print">{ o.label.heading }</h3>
                { printed_label(&o.label) }
                if let (true, Ok(link)) = (o.label_qr, &o.patient_link) {
                    { patient_qr(link, "label-qr") }
                }
            </div>
        </section>
    }
}

/// The pharmacy's master formulas: keep the Prepare recipe under a name,
/// and every version kept.
fn formulas(f: &FormulasView, d: &Callback<Action>) -> Html {
    let save = f.save.1.clone();
    html! {
        <details class="formulas" data-testid="formulas">
            <summary>{ f.heading }</summary>
            <p class="hint">{ f.intro }</p>
            <form class="inputs" onsubmit={d.reform(move |e: SubmitEvent| { e.prevent_default(); save.clone() })}>
                { control(&f.name, d) }
                <button type="submit" data-testid="formula-save">{ f.save.0 }</button>
                if let Some((error, text)) = &f.status {
                    <p class={if *error { "field-error" } else { "hint" }} role="status" data-testid="formula-status">{ text }</p>
                }
            </form>
            if let Some(none) = f.none {
                <p class="muted">{ none }</p>
            } else {
                <ul class="formula-list">{ for f.kept.iter().map(|line| html! { <li data-testid="formula">{ line }</li> }) }</ul>
            }
        </details>
    }
}

fn pharmacy(p: &PharmacyView, d: &Callback<Action>) -> Html {
    html! {
        <details class="pharmacy" data-testid="pharmacy">
            <summary>{ p.heading }</summary>
            <form class="inputs" onsubmit={d.reform(|e: SubmitEvent| { e.prevent_default(); Action::SavePharmacy })}>
                { for p.fields.iter().map(|c| control(c, d)) }
                <button type="submit">{ p.save }</button>
                <p class="hint" role="status" data-testid="pharmacy-status">{ p.status }</p>
            </form>
        </details>
    }
}

#[component]
pub fn BatchesScreen(props: &BatchesProps) -> Html {
    let v = &*props.view;
    let d = &props.dispatch;
    let import = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let d = d.clone();
            browser::read_chosen(&e, move |text| d.emit(Action::Import(text)));
        })
    };
    let printing_test = v.label_printer.test.as_ref().is_some_and(|t| t.printing);
    html! {
        <div class="screen batches" data-print={printing_test.then_some("test-label")}>
            <h2>{ v.heading }</h2>
            if let Some(text) = v.storage_problem {
                <p class="notice error" role="alert">{ text }</p>
            }
            { pack_scan(&v.pack_scan, d) }
            <form class="inputs" onsubmit={d.reform(|e: SubmitEvent| { e.prevent_default(); Action::SaveBatch })}>
                { control(&v.name_field, d) }
                <fieldset class="record-fields" data-testid="record-fields">
                    <legend>{ v.record_heading }</legend>
                    { for v.record_fields.iter().map(|c| control(c, d)) }
                </fieldset>
                { control(&v.bottle_for, d) }
                if let Some(summary) = &v.save_summary {
                    <p class="save-summary" role="status" data-testid="save-summary">{ summary }</p>
                }
                <button type="submit" data-testid="save-batch" disabled={!v.can_save}>{ v.save }</button>
                if let Some(hint) = v.save_hint {
                    <p class="hint">{ hint }</p>
                }
            </form>
            if let Some(n) = &v.notice {
                <div class={if n.failed { "notice error" } else { "notice" }} role={if n.failed { "alert" } else { "status" }}
                    data-testid={n.id}>
                    <p>{ &n.text }</p>
                    <button type="button" onclick={d.reform(|_| Action::DismissNotice)}>{ n.close }</button>
                </div>
            }
            if let Some(o) = &v.open {
                { open_batch(o, d) }
            }
            <div class="inputs batch-search" role="search">{ control(&v.search, d) }</div>
            if let Some(none) = &v.search_none {
                <p class="muted" role="status" data-testid="search-none">{ none }</p>
            } else if v.items.is_empty() {
                <p class="muted">{ v.empty }</p>
            } else {
                <ul class="batch-list">{ for v.items.iter().map(|b| item(b, d)) }</ul>
            }
            { pharmacy(&v.pharmacy, d) }
            { formulas(&v.formulas, d) }
            { label_printer(&v.label_printer, d) }
            <div class="actions">
                <button type="button" onclick={props.effect.reform(|_| Effect::Download(FileKind::Batches))}>{ v.export }</button>
                <label for="import" class="file-label">{ v.import }</label>
                <input id="import" type="file" accept="application/json,.json" onchange={import} />
            </div>
        </div>
    }
}

/// The label stock and, on a stock, the test label: its button here, the
/// label itself printed only (the print stylesheet shows it alone).
fn label_printer(v: &LabelPrinterView, d: &Callback<Action>) -> Html {
    html! {
        <section class="label-printer" data-testid="label-printer" aria-labelledby="label-printer-heading">
            <h3 id="label-printer-heading">{ v.heading }</h3>
            { control(&v.size, d) }
            if let Some(t) = &v.test {
                <button type="button" data-testid="test-label-print"
                    onclick={d.reform({ let action = t.print.1.clone(); move |_| action.clone() })}>{ t.print.0 }</button>
                <div class="test-label" data-testid="test-label" data-size={t.size}>
                    <div class="test-frame"><p>{ &t.text }</p></div>
                </div>
            }
        </section>
    }
}

/// The QR code of a bottle's patient link, with what it opens.
fn patient_qr(link: &ShareLink, testid: &'static str) -> Html {
    html! {
        <figure class="patient-qr">
            { link_qr(link, testid) }
            <figcaption>{ link.qr_label }</figcaption>
        </figure>
    }
}
