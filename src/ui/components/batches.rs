//! My batches: save the prepared bottle, follow days left and volume left,
//! mark doses taken, export and import.

use super::{text_field, Entry, FieldSpec, ScreenProps};
use crate::engine::format::Unit;
use crate::i18n::Msg;
use crate::model::inputs::ConcSource;
use crate::model::saved::{self, status, Outlook};
use crate::model::state::{Action, Notice, Storage, TextField};
use crate::ui::browser;
use crate::ui::present::{qty, read_problem};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[component]
pub fn BatchesScreen(props: &ScreenProps) -> Html {
    let s = &*props.state;
    let lang = s.lang;
    let d = &props.dispatch;

    // The file is written when asked for, not on every render.
    let export = {
        let state = props.state.clone();
        Callback::from(move |_| browser::download("ldn-batches.json", &state.doc.to_json()))
    };
    let import = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = browser::read_chosen_file(&input)
                    .await
                    .and_then(|text| saved::parse(&text));
                input.set_value("");
                d.emit(Action::Import(result));
            });
        })
    };
    let notice = s.notice.as_ref().map(|n| match n {
        Notice::Imported(count) => (false, lang.f(Msg::Imported, &[&count.to_string()])),
        Notice::ImportFailed(reason) => (
            true,
            lang.f(Msg::ImportFailed, &[&read_problem(lang, reason)]),
        ),
    });
    let notice = notice.map(|(failed, text)| html! {
        <div class={if failed { "notice error" } else { "notice" }} role={if failed { "alert" } else { "status" }}
            data-testid={if failed { "import-error" } else { "import-done" }}>
            <p>{ text }</p>
            <button type="button" onclick={d.reform(|_| Action::DismissNotice)}>{ lang.t(Msg::Close) }</button>
        </div>
    });

    let list = if s.doc.batches.is_empty() {
        html! { <p class="muted">{ lang.t(Msg::NoBatches) }</p> }
    } else {
        html! {
            <ul class="batch-list">
                { for s.doc.batches.iter().map(|b| {
                    let st = status(b, s.today);
                    let id = b.id;
                    let conc = b.recipe.concentration().mg_per_ml();
                    let (state_class, state_text) = if st.expiry.expired {
                        ("expired", lang.t(Msg::Expired).to_string())
                    } else if st.expiry.days_left == 1 {
                        ("soon", lang.t(Msg::LastDayToday).to_string())
                    } else {
                        (if st.expiry.days_left <= 3 { "soon" } else { "ok" }, lang.f(Msg::DaysLeft, &[&st.expiry.days_left.to_string()]))
                    };
                    let outlook = match st.outlook {
                        Outlook::Expired => lang.t(Msg::WarnExpired).to_string(),
                        Outlook::Empty => lang.t(Msg::Empty).to_string(),
                        Outlook::RunsOutFirst(days) => lang.f(Msg::RunsOutFirst, &[&days.to_string()]),
                        Outlook::ExpiresFirst(ml) => lang.f(Msg::ExpiresFirst, &[&qty(lang, ml, Unit::Ml)]),
                    };
                    html! {
                        <li class={format!("batch {state_class}")} data-testid="batch">
                            <h3>{ b.name.clone() }</h3>
                            <p>{ lang.f(Msg::LabelContents, &[&b.recipe.tablets().to_string(), &qty(lang, b.recipe.tablet_mg(), Unit::Mg), &qty(lang, b.recipe.final_ml(), Unit::Ml)]) }
                               { format!(" · {}", qty(lang, conc, Unit::MgPerMl)) }</p>
                            <p>{ lang.f(Msg::LabelDose, &[&qty(lang, b.draw_ml, Unit::Ml), &qty(lang, b.delivered_mg(), Unit::Mg)]) }</p>
                            <p class="batch-state" data-testid="batch-state">
                                <span class="badge">{ state_text }</span>{ " · " }
                                <time datetime={st.expiry.last_day.to_string()}>{ format!("{}: {}", lang.t(Msg::LastDay), lang.date(st.expiry.last_day)) }</time>
                            </p>
                            <p data-testid="ml-left">{ lang.f(Msg::MlLeft, &[&qty(lang, st.ml_left, Unit::Ml)]) }{ " · " }{ lang.f(Msg::DosesTaken, &[&b.taken.to_string()]) }</p>
                            <p class="outlook">{ outlook }</p>
                            if !b.link.is_empty() {
                                <p><a href={format!("?{}", b.link)} data-testid="batch-link">{ lang.t(Msg::OpenBatchLink) }</a></p>
                            }
                            <div class="actions">
                                <button type="button" onclick={d.reform(move |_| Action::UseBatch(id))}>{ lang.t(Msg::UseBatch) }</button>
                                <button type="button" onclick={d.reform(move |_| Action::MarkTaken(id))}>{ lang.t(Msg::MarkTaken) }</button>
                                <button type="button" disabled={b.taken == 0} onclick={d.reform(move |_| Action::UndoTaken(id))}>{ lang.t(Msg::UndoTaken) }</button>
                                <button type="button" class="danger" onclick={d.reform(move |_| Action::DeleteBatch(id))}>{ lang.t(Msg::DeleteBatch) }</button>
                            </div>
                        </li>
                    }
                }) }
            </ul>
        }
    };

    let storage_note = match &s.storage {
        Storage::Unavailable => Some(lang.t(Msg::StorageUnavailable)),
        Storage::Full => Some(lang.t(Msg::StorageFull)),
        _ => None,
    };

    html! {
        <div class="screen batches">
            <h2>{ lang.t(Msg::BatchesHeading) }</h2>
            if let Some(text) = storage_note {
                <p class="notice error" role="alert">{ text }</p>
            }
            <form class="inputs" onsubmit={d.reform(|e: SubmitEvent| { e.prevent_default(); Action::SaveBatch })}>
                { text_field(s, d, FieldSpec { id: "batch-name", entry: Entry::Text, checks: None, sends: TextField::BatchName },
                    lang.t(Msg::BatchName).into(), &s.batch_name) }
                <button type="submit" disabled={!s.can_save()}>{ lang.t(Msg::SaveBatch) }</button>
                if !s.can_save() {
                    <p class="hint">{ lang.t(if matches!(s.inputs.conc_source, ConcSource::Batch(_)) {
                        Msg::SaveNeedsRecipeSource
                    } else {
                        Msg::SaveNeedsValid
                    }) }</p>
                }
            </form>
            { notice }
            { list }
            <div class="actions">
                <button type="button" onclick={export}>{ lang.t(Msg::ExportBatches) }</button>
                <label for="import" class="file-label">{ lang.t(Msg::ImportBatches) }</label>
                <input id="import" type="file" accept="application/json,.json" onchange={import} />
            </div>
        </div>
    }
}
