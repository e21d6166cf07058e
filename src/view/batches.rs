//! My batches: save the prepared bottle, follow days and volume left, mark
//! doses taken, export and import.

use super::draw::{Alternative, DoseLine};
use super::form::{self, Control, Entry};
use super::parts::contents;
use super::text::{qty_mg_per_ml, qty_ml, read_problem};
use crate::engine::dose::judge_draw;
use crate::i18n::{Lang, Msg};
use crate::model::inputs::ConcSource;
use crate::model::saved::{status, Batch, Outlook};
use crate::model::state::{Action, Notice, State, Storage, TextField};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ButtonView {
    pub label: &'static str,
    pub action: Action,
    pub disabled: bool,
    pub danger: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchItem {
    pub name: String,
    pub contents: String,
    /// The saved dose, stated by the output rule.
    pub dose: DoseLine,
    pub dose_sentence: String,
    /// `ok`, `soon` or `expired`: the item's class.
    pub state_class: &'static str,
    pub state_text: String,
    pub last_day: String,
    pub last_day_iso: String,
    pub ml_left: String,
    pub outlook: String,
    /// The link it was saved with, to reopen the calculation.
    pub link: Option<(String, &'static str)>,
    pub buttons: Vec<ButtonView>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeView {
    pub failed: bool,
    pub text: String,
    pub close: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchesView {
    pub heading: &'static str,
    pub storage_problem: Option<&'static str>,
    pub name_field: Control,
    pub save: &'static str,
    pub can_save: bool,
    /// Why saving is not possible now.
    pub save_hint: Option<&'static str>,
    pub notice: Option<NoticeView>,
    pub items: Vec<BatchItem>,
    pub empty: &'static str,
    pub export: &'static str,
    pub import: &'static str,
}

fn item(lang: Lang, b: &Batch, today: crate::engine::date::Date) -> BatchItem {
    let st = status(b, today);
    let id = b.id;
    let conc = b.recipe.concentration();
    let (state_class, state_text) = if st.expiry.expired {
        ("expired", lang.t(Msg::Expired).to_string())
    } else if st.expiry.days_left == 1 {
        ("soon", lang.t(Msg::LastDayToday).to_string())
    } else {
        (
            if st.expiry.days_left <= 3 {
                "soon"
            } else {
                "ok"
            },
            lang.f(Msg::DaysLeft, &[&st.expiry.days_left.to_string()]),
        )
    };
    let outlook = match st.outlook {
        Outlook::Expired => lang.t(Msg::WarnExpired).to_string(),
        Outlook::Empty => lang.t(Msg::Empty).to_string(),
        Outlook::RunsOutFirst(days) => lang.f(Msg::RunsOutFirst, &[&days.to_string()]),
        Outlook::ExpiresFirst(ml) => lang.f(Msg::ExpiresFirst, &[&qty_ml(lang, ml)]),
    };
    // The syringe is not saved: the draw is judged on what does not depend
    // on it, and a draw not to be made sends the patient to the pharmacy.
    let check = judge_draw(conc, b.dose_mg, b.draw_ml, b.per_day);
    let dose = DoseLine::new(lang, &check, false, Alternative::Pharmacy);
    BatchItem {
        name: b.name.clone(),
        contents: format!(
            "{} \u{b7} {}",
            contents(lang, &b.recipe),
            qty_mg_per_ml(lang, conc.mg_per_ml())
        ),
        dose_sentence: dose.sentence(lang),
        dose,
        state_class,
        state_text,
        last_day: format!(
            "{}: {}",
            lang.t(Msg::LastDay),
            lang.date(st.expiry.last_day)
        ),
        last_day_iso: st.expiry.last_day.to_string(),
        ml_left: format!(
            "{} \u{b7} {}",
            lang.f(Msg::MlLeft, &[&qty_ml(lang, st.ml_left)]),
            lang.f(Msg::DosesTaken, &[&b.taken.to_string()])
        ),
        outlook,
        link: (!b.link.is_empty()).then(|| (format!("?{}", b.link), lang.t(Msg::OpenBatchLink))),
        buttons: vec![
            ButtonView {
                label: lang.t(Msg::UseBatch),
                action: Action::UseBatch(id),
                disabled: false,
                danger: false,
            },
            ButtonView {
                label: lang.t(Msg::MarkTaken),
                action: Action::MarkTaken(id),
                disabled: false,
                danger: false,
            },
            ButtonView {
                label: lang.t(Msg::UndoTaken),
                action: Action::UndoTaken(id),
                disabled: b.taken == 0,
                danger: false,
            },
            ButtonView {
                label: lang.t(Msg::DeleteBatch),
                action: Action::DeleteBatch(id),
                disabled: false,
                danger: true,
            },
        ],
    }
}

pub fn batches(s: &State) -> BatchesView {
    let lang = s.lang;
    let can_save = s.can_save();
    BatchesView {
        heading: lang.t(Msg::BatchesHeading),
        storage_problem: match &s.storage {
            Storage::Unavailable => Some(lang.t(Msg::StorageUnavailable)),
            Storage::Full => Some(lang.t(Msg::StorageFull)),
            _ => None,
        },
        name_field: form::text(
            s,
            "batch-name",
            Entry::Text,
            None,
            TextField::BatchName,
            lang.t(Msg::BatchName),
            &s.batch_name,
        ),
        save: lang.t(Msg::SaveBatch),
        can_save,
        save_hint: (!can_save).then(|| {
            lang.t(if matches!(s.inputs.conc_source, ConcSource::Batch(_)) {
                Msg::SaveNeedsRecipeSource
            } else {
                Msg::SaveNeedsValid
            })
        }),
        notice: s.notice.as_ref().map(|n| match n {
            Notice::Imported(count) => NoticeView {
                failed: false,
                text: lang.f(Msg::Imported, &[&count.to_string()]),
                close: lang.t(Msg::Close),
            },
            Notice::ImportFailed(reason) => NoticeView {
                failed: true,
                text: lang.f(Msg::ImportFailed, &[&read_problem(lang, reason)]),
                close: lang.t(Msg::Close),
            },
        }),
        items: s
            .doc
            .batches
            .iter()
            .map(|b| item(lang, b, s.today))
            .collect(),
        empty: lang.t(Msg::NoBatches),
        export: lang.t(Msg::ExportBatches),
        import: lang.t(Msg::ImportBatches),
    }
}
