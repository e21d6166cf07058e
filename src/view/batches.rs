//! My batches: save the prepared bottle, follow days and volume left, mark
//! doses taken, export and import.

use super::draw::{Alternative, DoseLine, WarningLine};
use super::form::{self, Control, Entry};
use super::parts::contents;
use super::text::{qty_mg_per_ml, qty_ml, read_problem};
use crate::engine::batch::dating_warnings;
use crate::engine::dose::judge_draw;
use crate::i18n::{msg, Lang, Msg};
use crate::model::inputs::ConcSource;
use crate::model::saved::{status, Batch, Merged, Outlook};
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
    /// About the bottle's dates: a use-by beyond the guidance, prepared
    /// after today (its expiry is the state below).
    pub warnings: Vec<WarningLine>,
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
            lang.f(msg::DaysLeft {
                days: st.expiry.days_left.into(),
            }),
        )
    };
    let outlook = match st.outlook {
        Outlook::Expired => lang.t(Msg::WarnExpired).to_string(),
        Outlook::Empty => lang.t(Msg::Empty).to_string(),
        Outlook::RunsOutFirst(days) => lang.f(msg::RunsOutFirst { days: days.into() }),
        Outlook::ExpiresFirst(ml) => lang.f(msg::ExpiresFirst {
            volume: &qty_ml(lang, ml),
        }),
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
        warnings: WarningLine::all(lang, &dating_warnings(b.prepared, b.policy, today), None),
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
            lang.f(msg::MlLeft {
                volume: &qty_ml(lang, st.ml_left)
            }),
            lang.f(msg::DosesTaken {
                doses: b.taken.into()
            })
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

/// What an import added, in sentences.
fn imported(lang: Lang, merged: &Merged) -> String {
    let mut text = lang.f(msg::Imported {
        batches: merged.batches as u64,
    });
    for (old, new) in &merged.renumbered {
        text.push(' ');
        text.push_str(&lang.f(msg::ImportRenumbered { old, new }));
    }
    if merged.entries > 0 {
        text.push(' ');
        text.push_str(&lang.f(msg::ImportedEntries {
            entries: merged.entries as u64,
        }));
    }
    text
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
            Notice::Imported(merged) => NoticeView {
                failed: false,
                text: imported(lang, merged),
                close: lang.t(Msg::Close),
            },
            Notice::ImportFailed(reason) => NoticeView {
                failed: true,
                text: lang.f(msg::ImportFailed {
                    reason: &read_problem(lang, reason),
                }),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::Date;
    use crate::engine::syringe::SyringePreset;
    use crate::model::inputs::{BudChoice, Inputs, SyringeChoice};
    use crate::model::saved::{parse, Document};
    use crate::model::state::apply;

    fn state(doc: Document) -> State {
        State::new(
            Inputs::new("2026-03-01"),
            Lang::En,
            Date::parse_iso("2026-03-01").unwrap(),
            doc,
            Storage::Working,
        )
    }

    fn codes(item: &BatchItem) -> Vec<&'static str> {
        item.dose
            .warnings
            .iter()
            .chain(&item.warnings)
            .map(|w| w.code)
            .collect()
    }

    #[test]
    fn a_saved_batch_carries_its_daily_total_and_date_warnings() {
        // 4.5 mg twice a day from 1 mg/mL on a 5 mL syringe (4.4 mL, tie
        // down), kept 45 days, prepared the day after today.
        let s = state(Document::new());
        let s = apply(s, Action::Type(TextField::Dose, "4.5".into()));
        let s = apply(
            s,
            Action::Syringe(SyringeChoice::Preset(SyringePreset::Ml5)),
        );
        let s = apply(s, Action::PerDay(2));
        let s = apply(s, Action::Bud(BudChoice::Custom));
        let s = apply(s, Action::Type(TextField::CustomBud, "45".into()));
        let s = apply(s, Action::Type(TextField::Prepared, "2026-03-02".into()));
        let s = apply(s, Action::SaveBatch);
        let item = &batches(&s).items[0];
        assert_eq!(
            codes(item),
            [
                "above-ldn-range",
                "prepared-in-future",
                "use-by-beyond-guidance"
            ]
        );
        // 2 x 4.5 = 9 mg a day, said as such.
        assert_eq!(
            item.dose.warnings[0].text.replace('\u{a0}', " "),
            "9 mg a day (4.5 mg twice a day) is above 4.5 mg a day, the top of the LDN range. Check with the prescriber."
        );
        // Once the day has come, it is no longer in the future.
        let mut later = s.clone();
        later.today = Date::parse_iso("2026-03-02").unwrap();
        assert_eq!(
            codes(&batches(&later).items[0]),
            ["above-ldn-range", "use-by-beyond-guidance"]
        );
        // The Dose screen drawing from it says the same about the bottle.
        let id = s.doc.batches[0].id;
        let s = apply(s, Action::UseBatch(id));
        let dose = crate::view::dose::dose(&s).results.unwrap();
        let shown: Vec<_> = dose.warnings.lines.iter().map(|w| w.code).collect();
        for code in [
            "above-ldn-range",
            "prepared-in-future",
            "use-by-beyond-guidance",
        ] {
            assert!(shown.contains(&code), "{code}: {shown:?}");
        }
    }

    #[test]
    fn a_draw_of_a_tenth_of_a_ml_is_not_saved_and_a_stored_one_is_no_draw() {
        // 0.1 mg at 1 mg/mL on a 0.5 mL syringe: 0.1 mL, 20 % full, on a mark,
        // but at the limit of accuracy: not a draw, so not saved.
        let s = state(Document::new());
        let s = apply(
            s,
            Action::Syringe(SyringeChoice::Preset(SyringePreset::Ml0_5)),
        );
        let s = apply(s, Action::Type(TextField::Dose, "0.1".into()));
        assert_eq!(
            s.dose.ok().unwrap().check.draw_ml.value().to_string(),
            "0.1"
        );
        assert!(!s.can_save());
        // 0.11 mg: 0.11 mL, just above it: saved.
        let s = apply(s, Action::Type(TextField::Dose, "0.11".into()));
        assert!(s.can_save());
        // A batch stored by an older version with a 0.1 mL draw still loads
        // (the saved data stays readable), and is stated as no draw.
        let doc = parse(
            r#"{"version":1,"batches":[{"id":1,"name":"old","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"0.1","draw_ml":"0.1","per_day":1}]}"#,
        )
        .unwrap();
        let item = &batches(&state(doc)).items[0];
        assert!(!item.dose.is_measured());
        assert!(
            !item.dose_sentence.contains("draw"),
            "{}",
            item.dose_sentence
        );
        assert!(item.dose_sentence.contains("ask the pharmacy"));
        assert_eq!(codes(item), ["below-accuracy"]);
    }
}
