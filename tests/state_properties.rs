//! Property tests for the whole calculator state (native): any sequence of
//! typing and clicking leaves a consistent state and never panics.
#![cfg(not(target_arch = "wasm32"))]

use ldn_calc::engine::date::{Date, TimeOfDay};
use ldn_calc::engine::number::parse_decimal;
use ldn_calc::engine::quantity::Mg;
use ldn_calc::engine::schedule::TitrationPreset;
use ldn_calc::engine::syringe::SyringePreset;
use ldn_calc::i18n::Lang;
use ldn_calc::model::diary::{DiaryEntry, SideEffect};
use ldn_calc::model::form::Form;
use ldn_calc::model::inputs::{
    AmountMode, BudChoice, ConcSource, DoseUnit, Inputs, PlanScheme, SyringeChoice, TabletChoice,
};
use ldn_calc::model::link;
use ldn_calc::model::order::{dose_mg, recipe_order, syringe};
use ldn_calc::model::plan::plan_request;
use ldn_calc::model::record::{Appearance, LabelSize};
use ldn_calc::model::revision::RecordField;
use ldn_calc::model::saved::{parse, Document};
use ldn_calc::model::state::{
    apply, Action, BottleFor, Check, PlanToggle, PrintJob, Screen, State, Storage, TextField,
};
use ldn_calc::view::draw::{DoseLine, Draw};
use proptest::prelude::*;
use rust_decimal::Decimal;

const FIELDS: [TextField; 36] = [
    TextField::CustomTablet,
    TextField::Tablets,
    TextField::Volume,
    TextField::Conc,
    TextField::Prepared,
    TextField::CustomBud,
    TextField::LabelConc,
    TextField::Dose,
    TextField::Capacity,
    TextField::Grad,
    TextField::Patient,
    TextField::BatchName,
    TextField::PlanStart,
    TextField::PlanDose,
    TextField::PlanStep,
    TextField::PlanEvery,
    TextField::PlanTarget,
    TextField::PlanDays,
    TextField::Price,
    TextField::PlanTime,
    TextField::PlanMorning,
    TextField::BatchSearch,
    TextField::Product,
    TextField::Lot,
    TextField::TabletExpiry,
    TextField::Vehicle,
    TextField::PreparedBy,
    TextField::CheckedBy,
    TextField::Prescriber,
    TextField::PharmacyName,
    TextField::PharmacyAddress,
    TextField::PharmacyPhone,
    TextField::DiaryDate,
    TextField::DiaryNote,
    TextField::DiaryAmount,
    TextField::PlanLead,
];

/// Text a person might type into a number or date field, and some they should not.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,4}([.,][0-9]{0,3})?",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "[0-2]?[0-9][:.][0-6][0-9]",
        "\\PC{0,12}",
    ]
}

/// What another tab might have saved: its own bottle (id 2, so it may be
/// the one shown here), nothing, or text no version reads.
const OTHER_TAB: &str = r#"{"version":8,"batches":[{"id":2,"number":"20260301-1","name":"other tab",
"tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"1.5",
"draw_ml":"1.5","per_day":1,"taken":0,"link":"tablet=50&tablets=1&volume=50&syringe=3&prepared=2026-03-01&bud=30"}],
"diary":[]}"#;

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        1 => prop::sample::select(vec![None, Some("{oops".to_string()), Some(OTHER_TAB.to_string())])
            .prop_map(Action::StoredElsewhere),
        4 => (prop::sample::select(FIELDS.to_vec()), typed()).prop_map(|(f, t)| Action::Type(f, t)),
        1 => prop::sample::select(vec![TabletChoice::Mg50, TabletChoice::Mg3, TabletChoice::Custom]).prop_map(Action::Tablet),
        1 => prop::sample::select(vec![AmountMode::Volume, AmountMode::Concentration]).prop_map(Action::Mode),
        1 => prop::sample::select(vec![BudChoice::Days30, BudChoice::Days14, BudChoice::Custom]).prop_map(Action::Bud),
        1 => prop::sample::select(
            SyringePreset::ALL.iter().map(|p| SyringeChoice::Preset(*p)).chain([SyringeChoice::Custom]).collect::<Vec<_>>()
        ).prop_map(Action::Syringe),
        1 => prop::sample::select(vec![ConcSource::Recipe, ConcSource::Label, ConcSource::Batch(1), ConcSource::Batch(2), ConcSource::Batch(5)]).prop_map(Action::ConcSource),
        1 => (0u64..4).prop_map(Action::UseBatch),
        1 => (0u64..4).prop_map(Action::DeleteBatch),
        1 => prop::sample::select(vec![DoseUnit::Mg, DoseUnit::Mcg]).prop_map(Action::DoseUnit),
        1 => (0u32..4).prop_map(Action::PerDay),
        1 => prop::sample::select(vec![Screen::Prepare, Screen::Dose, Screen::Plan, Screen::Batches]).prop_map(Action::Show),
        1 => (0usize..4).prop_map(Action::ApplyAdvice),
        1 => (0usize..4).prop_map(Action::ApplyPlanAdvice),
        1 => Just(Action::SaveBatch),
        1 => (0u64..4).prop_map(Action::MarkTaken),
        1 => prop::sample::select(
            TitrationPreset::ALL.iter().map(|p| PlanScheme::Preset(*p)).chain([PlanScheme::Custom]).collect::<Vec<_>>()
        ).prop_map(Action::PlanScheme),
        1 => (prop::sample::select(vec![PlanToggle::TwiceDaily, PlanToggle::Cycle, PlanToggle::AllowAboveLdn]), any::<bool>())
            .prop_map(|(t, on)| Action::PlanToggle(t, on)),
        1 => (0i32..120).prop_map(|d| Action::StepBackFrom(Date::from_ymd(2026, 3, 1).unwrap().add_days(d))),
        1 => proptest::option::of(0u64..4).prop_map(Action::OpenBatch),
        1 => (0u64..4, any::<bool>()).prop_map(|(id, label)| Action::Print(if label { PrintJob::Label(id) } else { PrintJob::Record(id) })),
        1 => Just(Action::SavePharmacy),
        1 => proptest::option::of((0i32..120).prop_map(|d| Date::from_ymd(2026, 3, 1).unwrap().add_days(d))).prop_map(Action::DayMenu),
        1 => prop::sample::select(LabelSize::ALL.to_vec()).prop_map(Action::LabelSize),
        2 => (0u32..25, 0u32..61).prop_map(|(h, m)| Action::DiaryTake(TimeOfDay::from_hm(h, m))),
        1 => Just(Action::DiaryTakeOther(None)),
        1 => (prop::sample::select(SideEffect::ALL.to_vec()), any::<bool>()).prop_map(|(e, on)| Action::DiaryEffect(e, on)),
        1 => Just(Action::DiarySaveEffects),
        1 => Just(Action::DiaryDelete(DiaryEntry {
            date: Date::from_ymd(2026, 3, 1).unwrap(),
            time: None,
            taken: None,
            effects: vec![SideEffect::Sleep],
            note: String::new(),
            step_back: None,
            score: None,
        })),
        1 => (-3i32..3, 2u32..4).prop_map(|(d, n)| Action::DiaryDelete(DiaryEntry::step_back(Date::from_ymd(2026, 3, 1).unwrap().add_days(d), n))),
        1 => (-3i32..3, 0u32..5).prop_map(|(d, n)| Action::DiaryStepBack(Date::from_ymd(2026, 3, 1).unwrap().add_days(d), n)),
        1 => Just(Action::DiaryDismiss),
        // How I feel (0 to 10, or cleared) on a day typed; the report,
        // opened, with a period typed, printed; the plan printed.
        2 => proptest::option::of(0u8..=11).prop_map(Action::DiaryScore),
        1 => (-3i32..3).prop_map(|d| Action::Type(TextField::DiaryScoreDate, Date::from_ymd(2026, 3, 1).unwrap().add_days(d).to_string())),
        1 => any::<bool>().prop_map(Action::DiaryReport),
        1 => (prop::sample::select(vec![TextField::ReportFrom, TextField::ReportTo]), -400i32..3, any::<bool>())
            .prop_map(|(f, d, blank)| Action::Type(f, if blank { String::new() } else { Date::from_ymd(2026, 3, 1).unwrap().add_days(d).to_string() })),
        1 => any::<bool>().prop_map(|r| Action::Print(if r { PrintJob::Report } else { PrintJob::Plan })),
        // Editing a saved record: a field typed, an appearance, who and why, saved.
        1 => proptest::option::of(0u64..4).prop_map(Action::EditRecord),
        2 => (prop::sample::select(RecordField::ALL.to_vec()), prop::sample::select(vec!["", "AB124", "49,5", "2031-12-31", "x"]))
            .prop_map(|(f, t)| Action::Type(TextField::EditRecord(f), t.into())),
        1 => prop::sample::select(Appearance::ALL.to_vec()).prop_map(Action::EditAppearance),
        1 => prop::sample::select(vec![TextField::EditBy, TextField::EditWhy]).prop_map(|f| Action::Type(f, "KK".into())),
        2 => Just(Action::SaveRecordEdit(None)),
        1 => prop::sample::select(vec![BottleFor::Dose, BottleFor::Plan]).prop_map(Action::BottleFor),
        // 0.5 to 2 mcg: doses in mcg that read like mg, confirmed.
        1 => (5i64..=20).prop_map(|n| Action::Confirm(Check::Micrograms(Mg::new(Decimal::new(n, 4))))),
    ]
}

#[test]
fn another_tabs_document_is_readable() {
    assert_eq!(parse(OTHER_TAB).map(|d| d.batches.len()), Ok(1));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn any_sequence_of_actions_keeps_a_consistent_state(actions in prop::collection::vec(action(), 1..40)) {
        let today = Date::from_ymd(2026, 3, 1).unwrap();
        let mut state = State::new(Inputs::new("2026-03-01"), Lang::Nb, today, Document::new(), Storage::Working);
        for a in actions {
            state = apply(state, a);
            // A current dose result is always on a mark of its syringe, and
            // what it delivers is what that mark holds.
            if let Ok(d) = &state.dose.current {
                prop_assert!(d.order.syringe.is_on_mark(d.check.draw_ml));
                prop_assert_eq!(d.check.delivered_mg, d.order.concentration.mg_in(d.check.draw_ml));
            }
            // Doses from a saved batch: the batch exists, and its
            // concentration is the one used, here and through the link.
            let batch = match state.inputs.conc_source {
                ConcSource::Batch(id) => {
                    let b = state.doc.batches.iter().find(|b| b.id == id);
                    prop_assert!(b.is_some(), "source is batch {} of {:?}", id, state.doc.batches);
                    b
                }
                _ => None,
            };
            if let (Some(b), Ok(d)) = (batch, &state.dose.current) {
                prop_assert_eq!(d.order.concentration.mg_per_ml(), b.recipe.concentration().mg_per_ml());
            }
            // Whatever is on screen survives a round trip through the link.
            let query = state.link.clone();
            let (back, lang, problems) = link::read(&query, &Inputs::new("2026-03-01"));
            prop_assert!(problems.is_empty(), "{:?} from {}", problems, query);
            prop_assert_eq!(lang, Some(state.lang));
            // With every field valid, the link carries everything: it reads
            // back to inputs that write the very same link.
            let i = &state.inputs;
            if let Some(b) = batch {
                let recipe = recipe_order(&back).map(|r| r.recipe.concentration().mg_per_ml());
                prop_assert_eq!(recipe, Ok(b.recipe.concentration().mg_per_ml()), "{}", query);
            }
            let all_valid = (batch.is_some() || recipe_order(i).is_ok())
                && dose_mg(i).is_ok()
                && syringe(i).is_ok()
                && plan_request(i).is_ok()
                && (i.plan.price.trim().is_empty() || parse_decimal(&i.plan.price).is_ok());
            if all_valid {
                prop_assert_eq!(link::write(&back, &Form::parse(&back), state.lang, state.screen), query);
            }
            // Saved batches have unique numbers, and the document as stored
            // reads back as itself.
            let numbers: std::collections::BTreeSet<_> = state.doc.batches.iter().map(|b| &b.number).collect();
            prop_assert_eq!(numbers.len(), state.doc.batches.len());
            prop_assert_eq!(parse(&state.doc.to_json()), Ok((*state.doc).clone()));
            // A record's versions are 2, 3, ... and only a printed one has any.
            for b in &state.doc.batches {
                prop_assert!(b.revisions.is_empty() || b.printed);
                for (i, r) in b.revisions.iter().enumerate() {
                    prop_assert_eq!(r.version as usize, i + 2);
                    prop_assert!(!r.changes.is_empty() && !r.by.is_empty() && !r.why.is_empty());
                }
            }
            // A day has at most one score, 0 to 10, and no entry says nothing.
            let scored: Vec<_> = state.doc.diary.iter().filter(|e| e.score.is_some()).map(|e| e.date).collect();
            let days: std::collections::BTreeSet<_> = scored.iter().collect();
            prop_assert_eq!(days.len(), scored.len(), "{:?}", state.doc.diary);
            prop_assert!(state.doc.diary.iter().all(|e| e.score.is_none_or(|n| n <= 10) && !e.is_empty()));
            // The form is never stale: it is the inputs, parsed.
            prop_assert_eq!(&state.form, &Form::parse(&state.inputs));
            // Every view builds, and no output states a draw the syringe
            // cannot measure (the view layer's invariant).
            let lines = every_dose_line(&state);
            for line in &lines {
                if let Draw::Measured { volume, .. } = &line.draw {
                    prop_assert!(!volume.starts_with("0\u{a0}"), "{:?}", line);
                    prop_assert!(!line.warnings.iter().any(|w| matches!(w.code,
                        "rounds-to-zero" | "over-capacity" | "below-accuracy")), "{:?}", line);
                }
            }
            // The Dose screen shows no draw it would not state elsewhere.
            if let Some(r) = ldn_calc::view::dose::dose(&state).results {
                prop_assert!(!r.draw.starts_with("0\u{a0}"), "{}", r.draw);
                if r.instead.is_some() {
                    prop_assert!(r.picture.is_none());
                    prop_assert!(!r.figures.iter().any(|f| f.testid == "delivered-dose"));
                }
            }
            // The diary stays in date and time order, as saved data keeps it.
            prop_assert!(state.doc.diary.windows(2).all(|w| (w[0].date, w[0].time) <= (w[1].date, w[1].time)));
            // Saved data always reads back.
            let json = state.doc.to_json();
            prop_assert!(ldn_calc::model::saved::parse(&json).is_ok(), "{}", json);
        }
    }
}

/// Every dose line any output of `state` states: the label, the Dose
/// screen's, the saved batches', the plan's rows and printout (the
/// calendar uses the same plan lines). Builds every view on the way.
fn every_dose_line(state: &State) -> Vec<DoseLine> {
    use ldn_calc::view;
    let mut lines = Vec::new();
    let _ = view::shell::shell(state);
    let _ = view::dose::dose(state);
    let _ = view::plan::plan(state);
    let _ = view::plan::calendar(state);
    // The patient's page and the share box (with its QR code) build from
    // any state too.
    let _ = view::patient::patient(state);
    let _ = view::share::share(state, "https://example.org/ldn/");
    let drawn = |doses: Vec<view::label::LabelDose>| {
        doses
            .into_iter()
            .filter_map(|d| d.draw.map(|d| d.line))
            .collect::<Vec<_>>()
    };
    if let Some(l) = view::label::label(state) {
        lines.extend(drawn(l.doses));
    }
    let _ = view::prepare::prepare(state);
    let batches = view::batches::batches(state, "https://example.org/ldn/");
    if let Some(open) = batches.open {
        lines.extend(drawn(open.record.doses));
        lines.extend(drawn(open.label.doses));
    }
    lines.extend(batches.items.into_iter().filter_map(|b| b.dose));
    let diary = view::diary::diary(state);
    lines.extend(diary.today.line);
    lines.extend(diary.other.line.map(|(_, l)| l));
    let _ = view::file(state, view::FileKind::DiaryCsv);
    lines
}
