//! The app's state and every way it changes: a pure `apply(state, action)`.
//! The Yew root wraps it in a reducer; saving and the URL are effects there.

use super::bottle::{BottlePlan, Prescription};
use super::country::{Country, UseCode};
use super::diary::{
    due_today, intake_check, other_amount, suggest_step_back, taken, with_score, DiaryDraft,
    DiaryEntry, DiaryProblem, Due, SideEffect, StepBackOffer, Supplied, MAX_DIARY_ENTRIES,
    STEP_BACK_DAYS, STEP_BACK_LONGER,
};
use super::form::Form;
use super::formula::FormulaSaved;
use super::gs1::read_pack_code;
use super::inputs::{
    AmountMode, BudChoice, ConcSource, DoseUnit, Field, Inputs, PlanInputs, PlanScheme,
    SyringeChoice, TabletChoice,
};
use super::link::LinkProblem;
use super::order::{dose_order, DoseOrderError, FieldError};
use super::outcome::{dose_outcome, recipe_outcome, Bottle, DoseOutcome, RecipeOutcome, Unusable};
use super::pack_camera::{CameraEvent, PackCamera};
use super::plan::{plan_outcome, PlanOutcome, PlanProblem};
use super::record::{
    clean, clean_text, Appearance, LabelSize, Pharmacy, RecordDraft, RecordProblem, MAX_DEVIATIONS,
};
use super::revision::{RecordField, Revision, MAX_REVISIONS};
use super::saved::{sort_diary, typed_condition, Batch, Document, Merged, ReadProblem};
use ldn_catalog::Lang;
use ldn_engine::date::{Date, TimeOfDay};
use ldn_engine::dose::DoseCheck;
use ldn_engine::format::plain;
use ldn_engine::quantity::Mg;
use ldn_engine::recipe::{unusual, Concentration, Unusual};
use ldn_engine::schedule::build_plan;
use ldn_engine::small_sort;
use ldn_engine::syringe::Syringe;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Prepare,
    Dose,
    Plan,
    Batches,
    /// The patient's page (`view=patient`): no tabs, nothing to compound.
    Patient,
}

impl Screen {
    /// The stable code in links (`screen=`).
    pub fn code(self) -> &'static str {
        match self {
            Screen::Prepare => "prepare",
            Screen::Dose => "dose",
            Screen::Plan => "plan",
            Screen::Batches => "batches",
            Screen::Patient => "patient",
        }
    }

    /// A pharmacist's screen by its `screen=` code (the patient page is
    /// `view=patient`, see `link::screen`).
    pub fn from_code(code: &str) -> Option<Screen> {
        [Screen::Prepare, Screen::Dose, Screen::Plan, Screen::Batches]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// Whether the screen shows the plan (the costliest result, computed
    /// only then).
    pub fn shows_plan(self) -> bool {
        matches!(self, Screen::Plan | Screen::Patient)
    }
}

/// Results for the current inputs, and the last valid ones, which the screen
/// shows marked as stale while a field is wrong. Results are shared (`Rc`):
/// a new state costs no copy of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed<T, E = Vec<FieldError>> {
    pub current: Result<Rc<T>, E>,
    pub last_good: Option<Rc<T>>,
}

impl<T, E> Computed<T, E> {
    fn first(current: Result<T, E>) -> Computed<T, E> {
        let current = current.map(Rc::new);
        let last_good = current.as_ref().ok().cloned();
        Computed { current, last_good }
    }

    fn next(self, current: Result<T, E>) -> Computed<T, E> {
        let current = current.map(Rc::new);
        let last_good = current.as_ref().ok().cloned().or(self.last_good);
        Computed { current, last_good }
    }

    /// The current result, if valid.
    pub fn ok(&self) -> Option<&T> {
        self.current.as_ref().ok().map(|t| &**t)
    }

    /// What to show and whether it is stale.
    pub fn shown(&self) -> Option<(&T, bool)> {
        match &self.current {
            Ok(t) => Some((&**t, false)),
            Err(_) => self.last_good.as_ref().map(|t| (&**t, true)),
        }
    }
}

impl<T> Computed<T> {
    pub fn errors(&self) -> &[FieldError] {
        self.current.as_ref().err().map_or(&[], |e| e.as_slice())
    }
}

/// How local storage is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    Working,
    /// The browser refuses storage (private mode, disabled).
    Unavailable,
    /// The last write failed (quota).
    Full,
    /// What was stored could not be read; it is kept until the user decides.
    Unreadable {
        raw: String,
        reason: ReadProblem,
    },
}

/// A one-off message after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Imported(Merged),
    ImportFailed(ReadProblem),
    /// The record being edited was changed in another tab or window: the
    /// edit was closed, so its older copy cannot overwrite that change.
    EditClosedElsewhere,
    /// The bottle whose record was being edited was deleted in another
    /// tab or window: the edit was closed.
    EditClosedDeleted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub inputs: Inputs,
    /// `inputs` parsed, once per change.
    pub form: Form,
    pub lang: Lang,
    pub screen: Screen,
    pub today: Date,
    pub recipe: Computed<RecipeOutcome>,
    pub dose: Computed<DoseOutcome>,
    pub plan: Computed<PlanOutcome, PlanProblem>,
    /// What the Dose screen is waiting for before it can show a result.
    pub dose_waits_for: Option<DoseWaitsFor>,
    /// The bottle the Dose screen draws from, with its expiry: the Prepare
    /// recipe or a saved batch (none for a label's concentration).
    pub dose_bottle: Option<Rc<RecipeOutcome>>,
    /// The shareable-link query for what is on screen (see `link`).
    pub link: String,
    pub link_problems: Vec<LinkProblem>,
    /// On the patient's page, what its link lacks to give a dose (see
    /// `link::patient_gaps`): then it gives none.
    pub link_gaps: Vec<String>,
    pub doc: Rc<Document>,
    /// Bumped whenever `doc` should be written to storage.
    pub doc_revision: u32,
    pub storage: Storage,
    pub notice: Option<Notice>,
    pub batch_name: String,
    /// The batch record as typed on My batches, for the next bottle saved.
    pub record: RecordDraft,
    /// A saved batch's record being edited (My batches).
    pub record_edit: Option<RecordEdit>,
    /// A printed bottle whose deletion was asked once: the next ask deletes.
    pub confirm_delete: Option<u64>,
    /// The master formula's name as typed, and what the last save did.
    pub formula_name: String,
    pub formula_saved: Option<FormulaSaved>,
    /// What the scanner typed from the tablet pack's 2D code (`gs1`), shown
    /// read for the pharmacist to confirm before it fills the record.
    pub pack_scan: String,
    /// The camera reader for the pack's code, where the browser has one.
    pub pack_camera: PackCamera,
    /// A concentration typed from a label that was questioned and
    /// confirmed as on the label (`pending_check`).
    pub conc_checked: Option<Concentration>,
    /// A dose in micrograms that reads like an LDN dose in mg, confirmed.
    pub mcg_checked: Option<Mg>,
    /// What the next bottle saved is made for, as chosen on My batches
    /// (None: the plan when the link names one, else the Dose screen's dose).
    pub bottle_for: Option<BottleFor>,
    /// The pharmacy's details as typed (saved by `SavePharmacy`).
    pub pharmacy: Pharmacy,
    /// What My batches is filtered by.
    pub batch_search: String,
    /// The saved batch whose record and label are open on My batches.
    pub open_batch: Option<u64>,
    /// The plan day whose menu is open.
    pub day_menu: Option<Date>,
    /// The dose diary's forms as typed (the entries are in `doc`).
    pub diary: DiaryDraft,
    /// What to print, and a count that changes with every request (the
    /// page prints after it has been drawn).
    pub print: Option<PrintJob>,
    pub print_count: u32,
    /// The page measured the label shown spilling off its label stock even
    /// in the smallest type (`Action::LabelSpills`): it is not printed.
    pub label_spills: bool,
    /// A new version of the app is waiting to be loaded.
    pub update_ready: bool,
    /// The last of the Dose and Plan screens shown (what the pharmacist
    /// was prescribing from).
    pub last_prescription: Option<Screen>,
    /// A language chosen (or asked for by the link) whose texts could not
    /// be loaded: the page stays in `lang` and says so.
    pub lang_unavailable: Option<Lang>,
}

/// A typed value to confirm before any draw is stated from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// A concentration typed from a label, unusual (see
    /// `recipe::unusual`): the typed one and why.
    Concentration(Concentration, Unusual),
    /// A dose typed in micrograms that reads like an LDN dose in mg (0.5
    /// to 4.5): the dose.
    Micrograms(Mg),
}

/// What a bottle saved on My batches is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BottleFor {
    /// The Dose screen's dose, every day.
    Dose,
    /// The Plan screen's plan.
    Plan,
}

/// What a print request prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintJob {
    /// A saved batch's label, on the chosen label size.
    Label(u64),
    /// A saved batch's record (the compounding worksheet), on A4.
    Record(u64),
    /// A test label on the chosen label stock: its printable area framed,
    /// to check the printer's paper size and scale.
    TestLabel,
    /// The Plan screen's printed plan and calendar.
    Plan,
    /// The report for the prescriber (Plan screen and patient page).
    Report,
}

/// Why the Dose screen has no concentration yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoseWaitsFor {
    /// The Prepare recipe it draws from is invalid.
    Recipe,
    /// The saved batch it draws from is gone.
    Batch,
}

/// A text field that can be typed into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    CustomTablet,
    Tablets,
    Volume,
    Conc,
    Prepared,
    CustomBud,
    LabelConc,
    Dose,
    Capacity,
    Grad,
    Patient,
    BatchName,
    BatchSearch,
    Product,
    Lot,
    TabletExpiry,
    Vehicle,
    PreparedBy,
    CheckedBy,
    Prescriber,
    Profession,
    PrescriptionNo,
    Indication,
    PharmacyName,
    PharmacyAddress,
    PharmacyPhone,
    PlanStart,
    PlanDose,
    PlanStep,
    PlanEvery,
    PlanTarget,
    PlanDays,
    Price,
    PlanTime,
    PlanMorning,
    PlanLead,
    PlanChemo,
    /// The diary's side-effect form: its date and note.
    DiaryDate,
    DiaryNote,
    /// Another amount taken today, in mg.
    DiaryAmount,
    /// The day the "how I feel" score is for, and what is scored.
    DiaryScoreDate,
    DiaryCondition,
    /// The prescriber's report: its first and last day.
    ReportFrom,
    ReportTo,
    /// The tablet pack's 2D code, as the scanner types it.
    PackScan,
    /// A saved record being edited: a field, and who changes it and why.
    EditRecord(RecordField),
    EditBy,
    EditWhy,
    /// A master formula's name.
    FormulaName,
}

/// A yes/no choice on the Plan screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanToggle {
    TwiceDaily,
    Cycle,
    AllowAboveLdn,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Type(TextField, String),
    Tablet(TabletChoice),
    Mode(AmountMode),
    Bud(BudChoice),
    Syringe(SyringeChoice),
    ConcSource(ConcSource),
    DoseUnit(DoseUnit),
    PerDay(u32),
    Lang(Lang),
    /// The texts of this language could not be loaded (the page shows the
    /// one it has and says so).
    LangUnavailable(Lang),
    /// The browser's date now (a page left open past midnight, or shown
    /// again days later): every result is for this day from now on.
    Today(Date),
    Show(Screen),
    /// Take the advisor's n-th recipe (for the Dose screen's dose).
    ApplyAdvice(usize),
    /// Take the advisor's n-th recipe for the whole plan.
    ApplyPlanAdvice(usize),
    SaveBatch,
    /// The scanned pack's lot and expiry into the record (`pack_scan`).
    UsePackScan,
    /// The camera reader's state changes (`pack_camera`).
    Camera(CameraEvent),
    /// The camera read a pack's code: into the scan field, to be checked
    /// as a scanner's is.
    CameraRead(String),
    /// The pending check (`State::pending_check`) is confirmed.
    Confirm(Check),
    /// What the next bottle saved is made for.
    BottleFor(BottleFor),
    /// Keep the typed pharmacy details (for every label).
    SavePharmacy,
    LabelSize(LabelSize),
    /// Show a saved batch's record and label (or close them).
    OpenBatch(Option<u64>),
    Print(PrintJob),
    MarkTaken(u64),
    UndoTaken(u64),
    DeleteBatch(u64),
    /// The text of a file chosen for import (or why it could not be read).
    Import(Result<String, ReadProblem>),
    StorageProblem(Storage),
    /// Replace unreadable stored data with an empty document (after download).
    DiscardUnreadable,
    /// Another tab or window of this app on the device saved this (what
    /// storage holds now): the page shows it instead of its own older copy.
    StoredElsewhere(Option<String>),
    DismissNotice,
    UpdateReady,
    PlanScheme(PlanScheme),
    PlanToggle(PlanToggle, bool),
    /// Halve from this day for the chosen number of days.
    StepBackFrom(Date),
    /// Open a day's menu on the Plan screen (or close it).
    DayMenu(Option<Date>),
    StepBackDays(u32),
    ClearStepBacks,
    /// Draw doses from this saved batch: its concentration, its dose, on
    /// the Dose screen.
    UseBatch(u64),
    /// Mark today's next planned intake taken as planned, at the time the
    /// browser gave (the model reads no clock).
    DiaryTake(Option<TimeOfDay>),
    /// Mark the amount typed (`diary.amount`) taken today.
    DiaryTakeOther(Option<TimeOfDay>),
    /// Tick or untick a side effect on the diary's form.
    DiaryEffect(SideEffect, bool),
    /// Save the side-effect form as an entry for its date.
    DiarySaveEffects,
    /// Delete this diary entry (the first equal one).
    DiaryDelete(DiaryEntry),
    /// Accept the suggested step-back: halve from this day for N days.
    DiaryStepBack(Date, u32),
    /// Hide the step-back suggestion for the rest of today.
    DiaryDismiss,
    /// Score how the person felt on the score form's day (0 to 10), or
    /// clear it (None).
    DiaryScore(Option<u8>),
    /// Open or close the report for the prescriber.
    DiaryReport(bool),
    /// Edit the record of this saved batch (None: stop editing).
    EditRecord(Option<u64>),
    /// The edited record's appearance check.
    EditAppearance(Appearance),
    /// The use code chosen in the record being edited (Norway), or none.
    EditUseCode(Option<UseCode>),
    /// The use code of the record typed for the next bottle, or none.
    RecordUseCode(Option<UseCode>),
    /// The pharmacy's country as chosen (saved by `SavePharmacy`).
    PharmacyCountry(Country),
    /// What the page measured: whether the label shown spills off its
    /// stock (`ui::browser::fit_small_labels`).
    LabelSpills(bool),
    /// Save the edited record, at the time the browser gave: in place
    /// before its record or label was printed, as a new version after.
    SaveRecordEdit(Option<TimeOfDay>),
    /// Keep the Prepare recipe as a master formula under the name typed.
    SaveFormula,
    /// The browser is about to print the page, however it was asked (Ctrl+P
    /// too): on My batches the open bottle's record or label leaves the
    /// device.
    Printing,
}

/// A saved record being edited on My batches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordEdit {
    pub id: u64,
    pub draft: RecordDraft,
    pub patient: String,
    /// Who changes it and why (asked once it has been printed).
    pub by: String,
    pub why: String,
    pub problem: Option<EditProblem>,
}

/// Why an edited record cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditProblem {
    Record(RecordProblem),
    /// Printed: who changes it must be said.
    NeedsBy,
    /// Printed: why it changes must be said.
    NeedsWhy,
    /// Nothing differs from the saved record.
    NothingChanged,
    /// The record has `MAX_REVISIONS` versions already.
    TooManyVersions,
}

/// An action that needs the time of day, which only the browser knows: the
/// view attaches it, the page fills in the time when it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timed {
    Take,
    TakeOther,
    SaveRecordEdit,
}

impl Timed {
    pub fn at(self, time: Option<TimeOfDay>) -> Action {
        match self {
            Timed::Take => Action::DiaryTake(time),
            Timed::TakeOther => Action::DiaryTakeOther(time),
            Timed::SaveRecordEdit => Action::SaveRecordEdit(time),
        }
    }
}

impl State {
    /// The first state: `inputs` (defaults or from a link), `doc` from storage.
    pub fn new(inputs: Inputs, lang: Lang, today: Date, doc: Document, storage: Storage) -> State {
        let form = Form::parse(&inputs);
        let pharmacy = doc.pharmacy.clone();
        let doc = Rc::new(doc);
        let (recipe, dose, waits) = compute(&inputs, &form, &doc.batches, today);
        let plan = compute_plan(&form);
        let mut state = State {
            plan: Computed::first(plan),
            inputs,
            form,
            lang,
            screen: Screen::Prepare,
            today,
            recipe: Computed::first(recipe),
            dose: Computed::first(dose),
            dose_waits_for: waits,
            dose_bottle: None,
            link: String::new(),
            link_problems: Vec::new(),
            link_gaps: Vec::new(),
            doc,
            doc_revision: 0,
            storage,
            notice: None,
            batch_name: String::new(),
            record: RecordDraft::default(),
            record_edit: None,
            formula_name: String::new(),
            formula_saved: None,
            confirm_delete: None,
            pack_scan: String::new(),
            pack_camera: PackCamera::default(),
            bottle_for: None,
            conc_checked: None,
            mcg_checked: None,
            pharmacy,
            batch_search: String::new(),
            open_batch: None,
            day_menu: None,
            diary: DiaryDraft::new(today),
            print: None,
            print_count: 0,
            label_spills: false,
            update_ready: false,
            last_prescription: None,
            lang_unavailable: None,
        };
        state.dose_bottle = state.find_dose_bottle();
        state.link = state.make_link();
        state
    }

    /// The state a page starts with: defaults for `today`, the saved
    /// document (`stored`: `Err` when the browser refuses storage), then the
    /// link `query`, which wins. The language: the link's, else the saved
    /// one, else the browser's `preferred`.
    pub fn start(
        query: &str,
        stored: Result<Option<&str>, ()>,
        preferred: Lang,
        today: Date,
    ) -> State {
        let (doc, storage) = match stored {
            Err(()) => (Document::new(), Storage::Unavailable),
            Ok(raw) => read_stored(raw),
        };
        let defaults = Inputs::new(&today.to_string());
        let (mut inputs, link_lang, problems) = super::link::read(query, &defaults);
        if inputs.plan.linked {
            with_diary_step_backs(&mut inputs.plan, &doc.diary);
        }
        let lang = link_lang
            .or_else(|| doc.lang.as_deref().and_then(Lang::from_code))
            .unwrap_or(preferred);
        let mut state = State::new(inputs, lang, today, doc, storage);
        if super::link::screen(query) == Some(Screen::Patient) {
            state.link_gaps = super::link::patient_gaps(query, &problems);
        }
        state.link_problems = problems;
        match super::link::screen(query) {
            // Shown as a tap would show it (the Plan computes on showing).
            Some(screen) => derive(show(state, screen)),
            None => state,
        }
    }

    /// The state shown in `shown` because the texts of its own language
    /// could not be loaded (which the page then says).
    pub fn shown_in(mut self, shown: Lang) -> State {
        if shown != self.lang {
            self.lang_unavailable = Some(self.lang);
            self.lang = shown;
            self.inputs.typed_decimal = shown.separator();
            self.link = self.make_link();
        }
        self
    }

    /// The saved document as stored (JSON).
    pub fn stored_text(&self) -> String {
        self.doc.to_json()
    }

    /// Whether the document may be written to storage now: never over
    /// unreadable data, and not when the browser refuses storage.
    pub fn may_store(&self) -> bool {
        !matches!(
            self.storage,
            Storage::Unreadable { .. } | Storage::Unavailable
        )
    }

    /// Whether anything on screen shows `field` as wrong.
    pub fn error_for(&self, field: Field) -> Option<&FieldError> {
        let plan: &[FieldError] = match &self.plan.current {
            Err(PlanProblem::Fields(errors)) => errors,
            _ => &[],
        };
        self.recipe
            .errors()
            .iter()
            .chain(self.dose.errors())
            .chain(plan)
            .find(|e| e.field == field)
    }

    /// Recomputes every result. The plan (the costliest: a schedule, its
    /// bottles and an advisor run) only while the Plan screen shows; switching
    /// to it brings it up to date.
    fn recompute(self) -> State {
        let on_plan = self.screen.shows_plan();
        self.recompute_with(on_plan)
    }

    /// Recomputes every result, the plan too (for actions on the plan).
    fn recompute_all(self) -> State {
        self.recompute_with(true)
    }

    fn recompute_with(mut self, plan: bool) -> State {
        self.form = Form::parse(&self.inputs);
        let (recipe, dose, waits) =
            compute(&self.inputs, &self.form, &self.doc.batches, self.today);
        self.recipe = self.recipe.next(recipe);
        self.dose = self.dose.next(dose);
        self.dose_waits_for = waits;
        if plan {
            self = self.recompute_plan();
        }
        self
    }

    fn recompute_plan(mut self) -> State {
        let plan = compute_plan(&self.form);
        self.plan = self.plan.next(plan);
        self
    }

    fn save(mut self) -> State {
        self.doc_revision = self.doc_revision.wrapping_add(1);
        self
    }

    /// The saved document, for changing it (copied only if shared).
    fn doc_mut(&mut self) -> &mut Document {
        Rc::make_mut(&mut self.doc)
    }

    /// A typed value to confirm before a draw is stated from it: a
    /// concentration typed from a label outside the range LDN liquids are
    /// made in or `UNUSUAL_FACTOR` times from this device's Prepare recipe,
    /// or a dose in mcg that reads like one in mg; none once confirmed.
    pub fn pending_check(&self) -> Option<Check> {
        if self.inputs.conc_source == ConcSource::Label {
            if let Some(Ok(typed)) = self.form.label_conc {
                let expected = self.form.recipe.as_ref().ok();
                let unusual = unusual(typed, expected.map(|r| r.recipe.concentration()));
                if let Some(u) = unusual.filter(|_| self.conc_checked != Some(typed)) {
                    return Some(Check::Concentration(typed, u));
                }
            }
        }
        let dose = self.form.dose_mg.as_ref().ok().copied()?;
        let (low, high) = (Decimal::new(5, 4), Decimal::new(45, 4));
        let like_mg =
            self.inputs.dose_unit == DoseUnit::Mcg && dose.value() >= low && dose.value() <= high;
        (like_mg && self.mcg_checked != Some(dose)).then_some(Check::Micrograms(dose))
    }

    /// What the next bottle saved is made for: as chosen, else the plan
    /// when the link names one (the pharmacist has set one up), else the
    /// Dose screen's dose.
    /// What the next bottle saved is for: as chosen on My batches, else
    /// the plan when one was chosen (linked or changed) or the Plan screen
    /// was the last of Dose and Plan shown (its share box gives the plan's
    /// link), else the Dose screen's dose.
    pub fn bottle_for(&self) -> BottleFor {
        self.bottle_for.unwrap_or(
            if self.plan_chosen() || self.last_prescription == Some(Screen::Plan) {
                BottleFor::Plan
            } else {
                BottleFor::Dose
            },
        )
    }

    /// Whether a plan has been set up: a link named one, or the plan is
    /// not the one the Plan screen starts with (the standard scheme from
    /// today, 90 days). Its price is the pharmacy's, not the plan's.
    pub fn plan_chosen(&self) -> bool {
        let p = &self.inputs.plan;
        let untouched = PlanInputs::new(&self.today.to_string());
        p.linked || super::link::plan_query(p) != super::link::plan_query(&untouched)
    }

    /// The prescription a bottle saved now is made for, if it can be.
    pub fn prescription_to_save(&self) -> Option<Prescription> {
        match self.bottle_for() {
            BottleFor::Dose => {
                // Not while a typed value waits to be confirmed.
                if self.pending_check().is_some() {
                    return None;
                }
                let dose = self.dose.ok()?;
                // Only a bottle whose dose can be drawn from it: at least
                // one whole dose, within the syringe (saved data is
                // validated the same way). The same rule as every output's
                // (a saved batch states its draw).
                let drawable = dose
                    .supply
                    .as_ref()
                    .is_some_and(|sup| sup.doses_per_batch >= 1)
                    && dose.check.drawable();
                drawable.then_some(Prescription::Fixed {
                    dose_mg: dose.order.dose_mg,
                    draw_ml: dose.check.draw_ml,
                    per_day: dose.order.per_day,
                })
            }
            BottleFor::Plan => {
                // Its doses are measured on the syringe the link names.
                self.form.syringe.as_ref().ok()?;
                let plan = BottlePlan::of(&self.inputs)?;
                // Only a plan with a dose in the bottle's own days.
                let recipe = self.recipe.ok()?;
                let (from, to) = (recipe.order.prepared, recipe.expiry.last_day);
                let doses = plan
                    .days()
                    .iter()
                    .any(|d| d.date >= from && d.date <= to && !d.intakes_mg.is_empty());
                doses.then_some(Prescription::Plan(plan))
            }
        }
    }

    /// The bottle a plan bottle saved now would be, as far as its recipe
    /// and plan go (no number, name or record): what the Prepare screen's
    /// label and figures describe. None unless the bottle is for a plan
    /// that can be saved.
    pub fn bottle_for_plan(&self) -> Option<Batch> {
        let (Some(prescription @ Prescription::Plan(_)), Some(r)) =
            (self.prescription_to_save(), self.recipe.ok())
        else {
            return None;
        };
        Some(self.bottle(r, prescription))
    }

    /// A bottle of the current recipe for `prescription`, not saved: no
    /// id, number, name or record yet.
    fn bottle(&self, r: &RecipeOutcome, prescription: Prescription) -> Batch {
        Batch {
            id: 0,
            number: String::new(),
            name: String::new(),
            recipe: r.order.recipe,
            prepared: r.order.prepared,
            policy: r.order.policy,
            prescription,
            taken: 0,
            link: self.link.clone(),
            record: super::record::Record::default(),
            printed: false,
            dispensed: None,
            revisions: Vec::new(),
        }
    }

    /// The batch "Save this batch" would save now, from the current, valid
    /// inputs.
    pub fn batch_to_save(&self) -> Option<Batch> {
        let recipe = self.recipe.ok()?;
        let full = self.doc.batches.len() >= super::saved::MAX_BATCHES;
        if self.inputs.conc_source != ConcSource::Recipe || full {
            return None;
        }
        let prescription = self.prescription_to_save()?;
        let name = match self.batch_name.trim() {
            "" => self.lang.date(recipe.order.prepared),
            // As it will read back: no longer than a stored name.
            name => name.chars().take(super::saved::MAX_BATCH_NAME).collect(),
        };
        let record = self
            .record
            .record(&self.inputs.patient, recipe.expiry.last_day)
            .ok()?;
        Some(Batch {
            id: self.doc.next_id(),
            number: self.doc.next_number(recipe.order.prepared),
            record,
            name,
            ..self.bottle(recipe, prescription)
        })
    }

    /// The shareable-link query for what is on screen.
    fn make_link(&self) -> String {
        match self.link_inputs() {
            Cow::Borrowed(i) => super::link::write(i, &self.form, self.lang, self.screen),
            Cow::Owned(i) => super::link::write(&i, &Form::parse(&i), self.lang, self.screen),
        }
    }

    /// The inputs a link carries. A saved batch is on this device only, so
    /// when doses come from one the link carries its recipe instead: the
    /// link then shows the same concentration anywhere.
    pub fn link_inputs(&self) -> Cow<'_, Inputs> {
        let Some(b) = saved_batch(&self.inputs, &self.doc.batches) else {
            return Cow::Borrowed(&self.inputs);
        };
        let mut i = self.inputs.clone();
        set_batch_recipe(&mut i, b);
        Cow::Owned(i)
    }

    fn find_dose_bottle(&self) -> Option<Rc<RecipeOutcome>> {
        match self.inputs.conc_source {
            ConcSource::Recipe => self.recipe.current.as_ref().ok().cloned(),
            ConcSource::Batch(_) => saved_batch(&self.inputs, &self.doc.batches)
                .map(|b| Rc::new(recipe_outcome(&b.recipe_order(), self.today))),
            ConcSource::Label => None,
        }
    }

    pub fn can_save(&self) -> bool {
        self.batch_to_save().is_some()
    }

    /// The concentration and syringe the plan's doses are drawn with, when
    /// both are valid (the Prepare recipe and the Dose screen's syringe).
    pub fn plan_bottle(&self) -> Option<(Concentration, Syringe)> {
        let r = self.form.recipe.as_ref().ok()?;
        let syringe = self.form.syringe.as_ref().ok()?;
        Some((r.recipe.concentration(), *syringe))
    }

    /// The step-back the diary suggests now (see `diary::suggest_step_back`),
    /// unless dismissed today. Only from a current plan.
    pub fn diary_offer(&self) -> Option<StepBackOffer> {
        let plan = self.plan.ok()?;
        let form = self.form.plan.as_ref().ok()?;
        if self.diary.dismissed == Some(self.today) {
            return None;
        }
        suggest_step_back(
            &self.doc.diary,
            &plan.days,
            &form.request.step_backs,
            self.today,
        )
    }

    /// Keeps the pharmacy's details as typed (cleaned) in the document.
    fn keep_typed_pharmacy(&mut self) {
        let typed = Pharmacy {
            name: clean(&self.pharmacy.name),
            address: clean(&self.pharmacy.address),
            phone: clean(&self.pharmacy.phone),
            country: self.pharmacy.country,
        };
        self.pharmacy = typed.clone();
        self.doc_mut().pharmacy = typed;
    }

    /// The day the diary holds doses against the plan from: the plan's
    /// first day, or the day the bottle was prepared (the link's, on the
    /// patient's page; the Prepare recipe's on the Plan screen) if later.
    /// Days before it are never "missed": there was no bottle yet.
    pub fn diary_since(&self) -> Date {
        let plan_start = self.plan.ok().and_then(|p| p.days.first()).map(|d| d.date);
        let prepared = self.form.recipe.as_ref().ok().map(|r| r.prepared);
        match (plan_start, prepared) {
            (Some(a), Some(b)) => a.max(b),
            (a, b) => a.or(b).unwrap_or(self.today),
        }
    }

    /// The days the diary counts doses against the plan on: from
    /// `diary_since`; on the patient's page up to the last day its bottle
    /// may be used (or is used up by the plan's draws), after which the
    /// page says not to use it: a dose not marked then is not missed.
    pub fn diary_supplied(&self) -> Supplied {
        let until = match (self.screen, self.recipe.ok()) {
            (Screen::Patient, Some(bottle)) => {
                Some(self.patient_empty_after().unwrap_or(bottle.expiry.last_day))
            }
            _ => None,
        };
        Supplied {
            from: self.diary_since(),
            until,
        }
    }

    /// Each intake of day `from` as it would be with a step-back of `days`
    /// from that day, on the plan's bottle: what the diary's suggestion
    /// shows before it is accepted.
    pub fn step_back_preview(&self, from: Date, days: u32) -> Option<Vec<DoseCheck>> {
        let mut inputs = self.inputs.clone();
        let backs = &mut inputs.plan.step_backs;
        backs.retain(|(d, _)| *d != from);
        backs.push((from, days));
        small_sort::sort(backs);
        let plan = build_plan(&super::plan::plan_request(&inputs).ok()?).ok()?;
        let day = super::diary::plan_day(&plan, from)?;
        let (conc, syringe) = self.plan_bottle()?;
        Some(super::bottle::plan_intakes(day, conc, syringe))
    }

    /// Adds `entry` in date and time order, unless the diary is full.
    fn add_entry(&mut self, entry: DiaryEntry) -> Result<(), DiaryProblem> {
        if self.doc.diary.len() >= MAX_DIARY_ENTRIES {
            return Err(DiaryProblem::Full);
        }
        let diary = &mut self.doc_mut().diary;
        diary.push(entry);
        super::saved::sort_diary(diary);
        Ok(())
    }

    /// On the patient's page, why its bottle (the link's) gives no dose
    /// today: past its last day, or dated after today.
    pub fn patient_hold(&self) -> Option<Unusable> {
        if self.screen != Screen::Patient {
            return None;
        }
        let bottle = self.recipe.ok()?;
        bottle.unusable().or_else(|| {
            self.patient_empty_after()
                .filter(|day| self.today > *day)
                .map(Unusable::Empty)
        })
    }

    /// On the patient's page with a plan: the last day the link's bottle
    /// gives the plan's doses in full, when the plan uses it up before its
    /// last day (drawn in order from the day it was prepared).
    pub fn patient_empty_after(&self) -> Option<Date> {
        if self.screen != Screen::Patient || !self.inputs.plan.linked {
            return None;
        }
        let bottle = self.recipe.ok()?;
        let plan = self.plan.ok()?;
        let (conc, syringe) = self.plan_bottle()?;
        let last_day = bottle.expiry.last_day;
        let until = super::bottle::plan_covered_until(
            &plan.days,
            bottle.order.prepared,
            last_day,
            bottle.order.recipe.final_ml(),
            conc,
            syringe,
        );
        (until < last_day).then_some(until)
    }

    /// Today's next planned intake as taken, if it can be drawn.
    fn due_taken(&self) -> Option<DiaryEntry> {
        if self.patient_hold().is_some() {
            return None;
        }
        let plan = self.plan.ok()?;
        let Due::Intake { mg, .. } = due_today(&plan.days, &self.doc.diary, self.today) else {
            return None;
        };
        let check = intake_check(&plan.days, self.plan_bottle()?, mg);
        taken(&check, true).map(|t| DiaryEntry::dose(self.today, None, t))
    }

    /// The typed amount as taken today, or why not.
    fn other_taken(&self) -> Result<DiaryEntry, DiaryProblem> {
        if self.patient_hold().is_some() {
            return Err(DiaryProblem::DoNotUse);
        }
        let days = self.plan.ok().map_or(&[][..], |p| p.days.as_slice());
        let amount = other_amount(
            &self.diary.amount,
            self.lang.separator(),
            days,
            self.plan_bottle(),
            self.today,
        )?;
        let t = taken(&amount.check, false).ok_or(DiaryProblem::NotMeasurable)?;
        Ok(DiaryEntry::dose(self.today, None, t))
    }

    /// What is wrong with the typed record, for the bottle on Prepare.
    pub fn record_problem(&self) -> Option<RecordProblem> {
        let last_day = self.recipe.ok()?.expiry.last_day;
        self.record.record(&self.inputs.patient, last_day).err()
    }
}

/// `i` with a saved batch's recipe as the Prepare recipe (what a link can
/// carry: the batch itself is on this device only).
pub fn set_batch_recipe(i: &mut Inputs, b: &Batch) {
    i.conc_source = ConcSource::Recipe;
    i.tablet = TabletChoice::Custom;
    i.custom_tablet = plain(b.recipe.tablet_mg().value());
    i.tablets = b.recipe.tablets().to_string();
    i.mode = AmountMode::Volume;
    i.volume = plain(b.recipe.final_ml().value());
    i.prepared = b.prepared.to_string();
    i.bud = BudChoice::Custom;
    i.custom_bud = b.policy.days().to_string();
}

type Outcomes = (
    Result<RecipeOutcome, Vec<FieldError>>,
    Result<DoseOutcome, Vec<FieldError>>,
    Option<DoseWaitsFor>,
);

fn compute(inputs: &Inputs, form: &Form, saved: &[Batch], today: Date) -> Outcomes {
    let recipe = form
        .recipe
        .as_ref()
        .map(|o| recipe_outcome(o, today))
        .map_err(Clone::clone);
    let batch = saved_batch(inputs, saved).map(Batch::recipe_order);
    let bottle = match (inputs.conc_source, &form.recipe, &batch) {
        (ConcSource::Recipe, Ok(r), _) => Bottle::Prepared(r),
        (ConcSource::Batch(_), _, Some(b)) => Bottle::Saved(b),
        _ => Bottle::FromLabel,
    };
    let order = dose_order(form, inputs.conc_source, inputs.per_day, batch.as_ref());
    let (dose, waits) = match order {
        Ok(order) => (Ok(dose_outcome(&order, bottle, today)), None),
        Err(DoseOrderError::Fields(e)) => (Err(e), None),
        Err(DoseOrderError::NeedsRecipe(e)) => (Err(e), Some(DoseWaitsFor::Recipe)),
        Err(DoseOrderError::NeedsBatch(e)) => (Err(e), Some(DoseWaitsFor::Batch)),
    };
    (recipe, dose, waits)
}

/// The saved batch the Dose screen draws from, if that is the source.
fn saved_batch<'a>(inputs: &Inputs, saved: &'a [Batch]) -> Option<&'a Batch> {
    match inputs.conc_source {
        ConcSource::Batch(id) => saved.iter().find(|b| b.id == id),
        _ => None,
    }
}

fn compute_plan(form: &Form) -> Result<PlanOutcome, PlanProblem> {
    let plan = form.plan.as_ref().map_err(Clone::clone)?;
    plan_outcome(
        plan,
        form.recipe.as_ref().ok(),
        form.syringe.as_ref().ok().copied(),
    )
}

/// The state after `action` (the pharmacist's app: every action).
pub fn apply(state: State, action: Action) -> State {
    derive(match apply_shared(state, action) {
        Ok(s) => s,
        Err((s, action)) => apply_pharmacists(s, action),
    })
}

/// The state after `action` on the patient's page, which sends only the
/// patient's own actions (language, diary, storage, updates): any other
/// changes nothing. Kept apart from `apply` so the patient's page does not
/// carry the pharmacist's code.
pub fn apply_patient(state: State, action: Action) -> State {
    derive(match apply_shared(state, action) {
        Ok(s) | Err((s, _)) => s,
    })
}

/// What every change derives, once, for every screen and output to read.
fn derive(state: State) -> State {
    let mut s = keep_dose_source(state);
    s.dose_bottle = s.find_dose_bottle();
    s.link = s.make_link();
    s
}

/// Shows `screen`, as a tap on its tab does (the plan is computed only for
/// the screens that show it).
fn show(mut s: State, screen: Screen) -> State {
    s.screen = screen;
    // The camera is on only while its picture is shown.
    if screen != Screen::Batches {
        s.pack_camera = s.pack_camera.after(CameraEvent::Stop);
    }
    if matches!(screen, Screen::Dose | Screen::Plan) {
        s.last_prescription = Some(screen);
    }
    if screen.shows_plan() {
        s.recompute_plan()
    } else {
        s
    }
}

/// A deleted (or never saved) batch is never the Dose screen's source: the
/// screen goes back to the Prepare recipe, which it shows as such.
fn keep_dose_source(mut s: State) -> State {
    match s.inputs.conc_source {
        ConcSource::Batch(id) if !s.doc.batches.iter().any(|b| b.id == id) => {
            s.inputs.conc_source = ConcSource::Recipe;
            s.recompute()
        }
        _ => s,
    }
}

/// The actions of both pages: the patient's (language, diary, storage,
/// updates) and showing a screen. Any other comes back with the state.
#[allow(clippy::result_large_err)]
fn apply_shared(state: State, action: Action) -> Result<State, (State, Action)> {
    let mut s = state;
    Ok(match action {
        // A typed change clears the problem of the form it is in.
        Action::Type(TextField::DiaryAmount, text) => {
            s.diary.amount = text;
            s.diary.amount_problem = None;
            s
        }
        Action::Type(TextField::DiaryDate, text) => {
            s.diary.date = text;
            s.diary.effects_problem = None;
            s
        }
        Action::Type(TextField::DiaryNote, text) => {
            s.diary.note = text;
            s.diary.effects_problem = None;
            s
        }
        Action::Type(TextField::DiaryScoreDate, text) => {
            s.diary.score_date = text;
            s.diary.score_problem = None;
            s
        }
        Action::Type(TextField::DiaryCondition, text) => {
            // Kept as typed (a space typed before the next word stays; it
            // is trimmed where it is read): one line, at most its length.
            let condition = typed_condition(&text);
            if condition != s.doc.condition {
                s.doc_mut().condition = condition;
                s = s.save();
            }
            s
        }
        Action::DiaryReport(open) => {
            s.diary.report_open = open;
            s
        }
        Action::Type(TextField::ReportFrom, text) => {
            s.diary.report_from = text;
            s
        }
        Action::Type(TextField::ReportTo, text) => {
            s.diary.report_to = text;
            s
        }
        Action::DiaryScore(score) => match s.diary.score_day(s.today) {
            Ok(date) => {
                let diary = with_score(&s.doc.diary, date, score);
                if score.is_some() && diary.len() > MAX_DIARY_ENTRIES {
                    s.diary.score_problem = Some(DiaryProblem::Full);
                    return Ok(s);
                }
                let doc = s.doc_mut();
                doc.diary = diary;
                sort_diary(&mut doc.diary);
                s.save()
            }
            Err(problem) => {
                s.diary.score_problem = Some(problem);
                s
            }
        },
        // Printing the plan or the report: what the page prints is the
        // last asked for (`data-print`).
        Action::Print(job @ (PrintJob::Plan | PrintJob::Report)) => {
            // The report is printed from its page, built only when open.
            s.diary.report_open |= job == PrintJob::Report;
            s.print = Some(job);
            s.print_count = s.print_count.wrapping_add(1);
            s
        }
        Action::Lang(lang) => {
            s.lang = lang;
            s.lang_unavailable = None;
            s.doc_mut().lang = Some(lang.code().to_string());
            s.inputs.typed_decimal = lang.separator();
            s.save().recompute()
        }
        Action::LangUnavailable(lang) => {
            s.lang_unavailable = Some(lang);
            s
        }
        Action::Today(date) if date != s.today => {
            let was = s.today.to_string();
            s.today = date;
            // The side-effect form follows the day unless another was typed.
            if s.diary.date == was {
                s.diary.date = date.to_string();
            }
            if s.diary.score_date == was {
                s.diary.score_date = date.to_string();
            }
            s.recompute_all()
        }
        Action::Today(_) => s,
        Action::Show(screen) => show(s, screen),
        Action::StorageProblem(problem) => {
            s.storage = problem;
            s
        }
        Action::DiscardUnreadable => {
            s.storage = Storage::Working;
            s.save()
        }
        Action::StoredElsewhere(raw) => stored_elsewhere(s, raw.as_deref()),
        Action::DismissNotice => {
            s.notice = None;
            s
        }
        Action::UpdateReady => {
            s.update_ready = true;
            s
        }
        Action::DiaryTake(_) | Action::DiaryTakeOther(_) => {
            // Marked against the plan as it is now (off the Plan screen it
            // may not have been recomputed yet).
            let mut s = s.recompute_plan();
            let (entry, time) = match action {
                // Nothing to mark (no dose due, or one no syringe measures):
                // the view offers no button then.
                Action::DiaryTake(time) => match s.due_taken() {
                    Some(e) => (Ok(e), time),
                    None => return Ok(s),
                },
                Action::DiaryTakeOther(time) => (s.other_taken(), time),
                _ => return Ok(s),
            };
            match entry.and_then(|e| s.add_entry(DiaryEntry { time, ..e })) {
                Ok(()) => {
                    s.diary.amount.clear();
                    s.diary.amount_problem = None;
                    s.save()
                }
                Err(problem) => {
                    s.diary.amount_problem = Some(problem);
                    s
                }
            }
        }
        Action::DiaryEffect(effect, on) => {
            let d = &mut s.diary;
            d.effects.retain(|e| *e != effect);
            if on {
                d.effects.push(effect);
                small_sort::sort(&mut d.effects);
            }
            d.effects_problem = None;
            s
        }
        Action::DiarySaveEffects => {
            match s.diary.effects_entry(s.today).and_then(|e| s.add_entry(e)) {
                Ok(()) => {
                    s.diary = DiaryDraft {
                        dismissed: s.diary.dismissed,
                        score_date: std::mem::take(&mut s.diary.score_date),
                        report_from: std::mem::take(&mut s.diary.report_from),
                        report_to: std::mem::take(&mut s.diary.report_to),
                        report_open: s.diary.report_open,
                        ..DiaryDraft::new(s.today)
                    };
                    s.save()
                }
                Err(problem) => {
                    s.diary.effects_problem = Some(problem);
                    s
                }
            }
        }
        Action::DiaryDelete(entry) => {
            let diary = &mut s.doc_mut().diary;
            if let Some(i) = diary.iter().position(|e| *e == entry) {
                diary.remove(i);
            }
            // An accepted step-back deleted: the plan no longer halves.
            if entry.step_back.is_some() {
                s.inputs.plan.step_backs.retain(|(d, _)| *d != entry.date);
                s = s.recompute_all();
            }
            s.save()
        }
        Action::DiaryStepBack(from, days) => {
            // Kept in the diary as well as in the plan's address: the
            // patient who opens the pharmacy's link again still has it.
            let days = days.clamp(STEP_BACK_DAYS, STEP_BACK_LONGER);
            s.doc_mut()
                .diary
                .retain(|e| !(e.step_back.is_some() && e.date == from));
            if let Err(p) = s.add_entry(DiaryEntry::step_back(from, days)) {
                s.diary.effects_problem = Some(p);
                return Ok(s);
            }
            add_step_back(s, from, days).save()
        }
        Action::DiaryDismiss => {
            s.diary.dismissed = Some(s.today);
            s
        }
        other => return Err((s, other)),
    })
}

/// The pharmacist's own actions (after `apply_shared`).
fn apply_pharmacists(state: State, action: Action) -> State {
    let mut s = state;
    match action {
        Action::Type(field, text) => {
            // A number a person types is read with their language's rule.
            if let Some(number) = typed_number(field) {
                if !s.inputs.typed.contains(&number) {
                    s.inputs.typed.push(number);
                }
                s.inputs.typed_decimal = s.lang.separator();
            }
            let i = &mut s.inputs;
            let slot = match field {
                TextField::CustomTablet => &mut i.custom_tablet,
                TextField::Tablets => &mut i.tablets,
                TextField::Volume => &mut i.volume,
                TextField::Conc => &mut i.conc,
                TextField::Prepared => &mut i.prepared,
                TextField::CustomBud => &mut i.custom_bud,
                TextField::LabelConc => &mut i.label_conc,
                TextField::Dose => &mut i.dose,
                TextField::Capacity => &mut i.capacity,
                TextField::Grad => &mut i.grad,
                TextField::PlanStart => &mut i.plan.start,
                TextField::PlanDose => &mut i.plan.start_mg,
                TextField::PlanStep => &mut i.plan.step_mg,
                TextField::PlanEvery => &mut i.plan.every_days,
                TextField::PlanTarget => &mut i.plan.target_mg,
                TextField::PlanDays => &mut i.plan.days,
                TextField::Price => &mut i.plan.price,
                TextField::PlanTime => &mut i.plan.reminder,
                TextField::PlanMorning => &mut i.plan.morning_reminder,
                TextField::PlanLead => &mut i.plan.lead_days,
                TextField::PlanChemo => &mut i.plan.chemo,
                // The diary's fields are the patient's (`apply_shared`).
                TextField::DiaryAmount
                | TextField::DiaryDate
                | TextField::DiaryNote
                | TextField::DiaryScoreDate
                | TextField::DiaryCondition
                | TextField::ReportFrom
                | TextField::ReportTo => return s,
                TextField::Patient => {
                    i.patient = text;
                    return s;
                }
                TextField::BatchName => {
                    s.batch_name = text;
                    return s;
                }
                TextField::BatchSearch => {
                    s.batch_search = text;
                    return s;
                }
                TextField::PackScan => {
                    s.pack_scan = text;
                    return s;
                }
                TextField::EditRecord(_) | TextField::EditBy | TextField::EditWhy => {
                    return edit_text(s, field, text);
                }
                TextField::FormulaName => {
                    s.formula_name = text;
                    s.formula_saved = None;
                    return s;
                }
                other => {
                    let r = &mut s.record;
                    let p = &mut s.pharmacy;
                    let slot = match other {
                        TextField::Product => &mut r.product,
                        TextField::Lot => &mut r.lot,
                        TextField::TabletExpiry => &mut r.tablet_expiry,
                        TextField::Vehicle => &mut r.vehicle,
                        TextField::PreparedBy => &mut r.prepared_by,
                        TextField::CheckedBy => &mut r.checked_by,
                        TextField::Prescriber => &mut r.prescriber,
                        TextField::Profession => &mut r.profession,
                        TextField::PrescriptionNo => &mut r.prescription_no,
                        TextField::Indication => &mut r.indication,
                        TextField::PharmacyName => &mut p.name,
                        TextField::PharmacyAddress => &mut p.address,
                        _ => &mut p.phone,
                    };
                    *slot = text;
                    return s;
                }
            };
            *slot = text;
            s.recompute()
        }
        Action::Tablet(choice) => {
            s.inputs.tablet = choice;
            s.recompute()
        }
        Action::Mode(mode) => {
            s.inputs.mode = mode;
            s.recompute()
        }
        Action::Bud(bud) => {
            s.inputs.bud = bud;
            s.recompute()
        }
        Action::Syringe(choice) => {
            if let SyringeChoice::Preset(p) = choice {
                // Custom fields start from the last preset chosen.
                s.inputs.capacity = plain(p.syringe().capacity_ml().value());
                s.inputs.grad = plain(p.syringe().graduation_ml().value());
            }
            s.inputs.syringe = choice;
            s.recompute()
        }
        Action::ConcSource(source) => {
            s.inputs.conc_source = source;
            s.recompute()
        }
        Action::DoseUnit(unit) => {
            s.inputs.dose_unit = unit;
            s.recompute()
        }
        Action::PerDay(n) => {
            s.inputs.per_day = n.clamp(1, 2);
            s.recompute()
        }
        Action::ApplyAdvice(_) | Action::ApplyPlanAdvice(_) => {
            let advice = match action {
                Action::ApplyAdvice(n) => s.dose.ok().and_then(|d| d.advice.get(n)),
                Action::ApplyPlanAdvice(n) => s.plan.ok().and_then(|p| p.advice.get(n)),
                _ => None,
            }
            .map(|a| a.recipe);
            match advice {
                Some(recipe) => {
                    s.inputs.tablets = recipe.tablets().to_string();
                    s.inputs.mode = AmountMode::Volume;
                    s.inputs.volume = plain(recipe.final_ml().value());
                    s.recompute()
                }
                None => s,
            }
        }
        Action::SaveBatch => match s.batch_to_save() {
            Some(mut batch) => {
                // Made by the pharmacy's newest formula of this recipe.
                batch.record.formula = super::formula::formula_for(
                    &s.doc.formulas,
                    &batch.recipe,
                    &batch.record.vehicle,
                )
                .map(|f| (f.name.clone(), f.version));
                s.open_batch = Some(batch.id);
                // The name typed for a scanned pack's product code is
                // filled in by the next scan of that product.
                let (gtin, product) = (&batch.record.gtin, &batch.record.product);
                if !gtin.is_empty() && !product.is_empty() {
                    let (gtin, product) = (gtin.clone(), product.clone());
                    s.doc_mut().remember_product(&gtin, &product);
                }
                s.doc_mut().batches.push(batch);
                // Pharmacy details typed for this bottle's label are saved
                // with it, so the label prints what was typed.
                s.keep_typed_pharmacy();
                s.batch_name.clear();
                // The patient, prescriber, product, lot and expiry, and who
                // made and checked it, are this bottle's: the next bottle
                // starts blank, never labelled for this patient by
                // accident. The vehicle and the pharmacy's details stay.
                s.inputs.patient.clear();
                s.record = RecordDraft {
                    vehicle: std::mem::take(&mut s.record.vehicle),
                    ..RecordDraft::default()
                };
                s.bottle_for = None;
                s.pack_scan.clear();
                s.save()
            }
            None => s,
        },
        Action::Camera(event) => {
            s.pack_camera = s.pack_camera.after(event);
            s
        }
        Action::CameraRead(text) => {
            // Only while reading: a code that arrives after a stop is not
            // the pharmacist's.
            if s.pack_camera == PackCamera::Reading {
                s.pack_camera = s.pack_camera.after(CameraEvent::Stop);
                s.pack_scan = text;
            }
            s
        }
        Action::UsePackScan => {
            // Only a code that reads: what the pharmacist confirmed on screen.
            if let Ok(code) = read_pack_code(&s.pack_scan, s.today) {
                match s.doc.product_for(&code.gtin) {
                    Some(name) => s.record.product = name.to_string(),
                    // A name that came with another product's scan is
                    // not this product's.
                    None if !s.record.gtin.is_empty() && s.record.gtin != code.gtin => {
                        s.record.product.clear()
                    }
                    None => {}
                }
                s.record.gtin = code.gtin;
                if let Some(lot) = code.lot {
                    s.record.lot = lot;
                }
                if let Some(expiry) = code.expiry {
                    s.record.tablet_expiry = expiry.to_string();
                }
                s.pack_scan.clear();
            }
            s
        }
        Action::Confirm(check) => {
            // Only the check pending now (a stale button confirms nothing).
            if s.pending_check() == Some(check) {
                match check {
                    Check::Concentration(typed, _) => s.conc_checked = Some(typed),
                    Check::Micrograms(dose) => s.mcg_checked = Some(dose),
                }
            }
            s
        }
        Action::BottleFor(choice) => {
            s.bottle_for = Some(choice);
            s
        }
        Action::SavePharmacy => {
            s.keep_typed_pharmacy();
            s.save()
        }
        Action::LabelSize(size) => {
            s.doc_mut().label_size = size;
            s.save()
        }
        Action::EditRecord(id) => {
            s.record_edit = id.and_then(|id| {
                let b = s.doc.batches.iter().find(|b| b.id == id)?;
                Some(RecordEdit {
                    id,
                    draft: RecordDraft::of(&b.record, s.lang.separator()),
                    patient: b.record.patient.clone(),
                    by: String::new(),
                    why: String::new(),
                    problem: None,
                })
            });
            if let Some(e) = &s.record_edit {
                s.open_batch = Some(e.id);
            }
            s
        }
        Action::EditUseCode(code) => {
            if let Some(e) = &mut s.record_edit {
                e.draft.use_code = code;
                e.problem = None;
            }
            s
        }
        Action::RecordUseCode(code) => {
            s.record.use_code = code;
            s
        }
        Action::PharmacyCountry(country) => {
            s.pharmacy.country = country;
            s
        }
        Action::LabelSpills(spills) => {
            s.label_spills = spills;
            s
        }
        Action::EditAppearance(a) => {
            if let Some(e) = &mut s.record_edit {
                e.draft.appearance = a;
                e.problem = None;
            }
            s
        }
        Action::SaveRecordEdit(time) => save_record_edit(s, time),
        Action::Printing => {
            let id = s
                .open_batch
                .filter(|_| s.screen == Screen::Batches && s.print != Some(PrintJob::TestLabel));
            // What prints is the open bottle's label unless its record
            // was asked for (`data-print`); a label that spills off its
            // stock is not printed at all (print CSS), so nothing leaves.
            let label = !matches!(s.print, Some(PrintJob::Record(_)));
            if label && s.label_spills && s.doc.label_size.stock().is_some() {
                return s;
            }
            match id {
                Some(id) => mark_printed(s, id, label),
                None => s,
            }
        }
        Action::SaveFormula => {
            let recipe = s.recipe.ok().map(|r| r.order.recipe);
            let (name, vehicle, today) =
                (s.formula_name.clone(), s.record.vehicle.clone(), s.today);
            let saved =
                super::formula::save(&mut s.doc_mut().formulas, &name, recipe, &vehicle, today);
            let changed = matches!(saved, FormulaSaved::New { .. });
            s.formula_saved = Some(saved);
            if changed {
                s.formula_name.clear();
                s = s.save();
            }
            s
        }
        Action::OpenBatch(id) => {
            s.open_batch = id.filter(|id| s.doc.batches.iter().any(|b| b.id == *id));
            if s.record_edit
                .as_ref()
                .is_some_and(|e| Some(e.id) != s.open_batch)
            {
                s.record_edit = None;
            }
            s
        }
        Action::Print(job) => {
            let printable = match job {
                PrintJob::Label(id) | PrintJob::Record(id) => {
                    let saved = s.doc.batches.iter().any(|b| b.id == id);
                    if saved {
                        s.open_batch = Some(id);
                    }
                    saved
                }
                // Only a label stock has a test label (A4 is plain paper).
                PrintJob::TestLabel => s.doc.label_size.stock().is_some(),
                // Handled by `apply_shared`.
                PrintJob::Plan | PrintJob::Report => false,
            };
            if printable {
                s.print = Some(job);
                s.print_count = s.print_count.wrapping_add(1);
                // Its record or label leaves the device: from now on a
                // change to the record makes a new version.
                match job {
                    PrintJob::Label(id) => s = mark_printed(s, id, true),
                    PrintJob::Record(id) => s = mark_printed(s, id, false),
                    _ => {}
                }
            }
            s
        }
        Action::MarkTaken(id) | Action::UndoTaken(id) => {
            let undo = matches!(action, Action::UndoTaken(_));
            if let Some(b) = s.doc_mut().batches.iter_mut().find(|b| b.id == id) {
                b.taken = if undo {
                    b.taken.saturating_sub(1)
                } else {
                    b.taken.saturating_add(1)
                };
            }
            s.save()
        }
        // A bottle whose record or label was printed is deleted only when
        // asked twice (its number is retired either way).
        Action::DeleteBatch(id)
            if s.confirm_delete != Some(id)
                && s.doc.batches.iter().any(|b| b.id == id && b.printed) =>
        {
            s.confirm_delete = Some(id);
            s
        }
        Action::DeleteBatch(id) => {
            s.confirm_delete = None;
            s.doc_mut().delete_batch(id);
            if s.open_batch == Some(id) {
                s.open_batch = None;
            }
            s.save()
        }
        Action::UseBatch(id) => match s.doc.batches.iter().find(|b| b.id == id) {
            Some(b) => {
                s.inputs.conc_source = ConcSource::Batch(id);
                s.inputs.dose_unit = DoseUnit::Mg;
                // A plan bottle: the plan's dose today (or on its first
                // dosing day in the bottle's life), as its label says.
                let day = s.today.max(b.prepared);
                let intakes = match b.intakes_on(day) {
                    none if none.is_empty() => b
                        .steps()
                        .into_iter()
                        .find(|step| !step.intakes.is_empty())
                        .map(|step| step.intakes)
                        .unwrap_or_default(),
                    some => some,
                };
                if let Some(first) = intakes.first() {
                    s.inputs.dose = plain(first.dose_mg.value());
                    s.inputs.per_day = u32::try_from(intakes.len()).unwrap_or(1).clamp(1, 2);
                }
                // With the syringe it was saved with, so the screen (and
                // its patient link) draws what the bottle's label says.
                if b.syringe().is_some() {
                    let (saved, _, _) = super::link::read(&b.link, &s.inputs);
                    s.inputs.syringe = saved.syringe;
                    s.inputs.capacity = saved.capacity;
                    s.inputs.grad = saved.grad;
                }
                s.screen = Screen::Dose;
                s.recompute()
            }
            None => s,
        },
        Action::Import(Ok(text)) => {
            match super::saved::parse(&text).and_then(|doc| s.doc_mut().merge(doc)) {
                Ok(n) => {
                    s.notice = Some(Notice::Imported(n));
                    s.save()
                }
                Err(reason) => {
                    s.notice = Some(Notice::ImportFailed(reason));
                    s
                }
            }
        }
        Action::Import(Err(reason)) => {
            s.notice = Some(Notice::ImportFailed(reason));
            s
        }
        Action::PlanScheme(scheme) => {
            if let PlanScheme::Preset(p) = scheme {
                // The custom fields start from the last preset chosen.
                let t = p.titration();
                let plan = &mut s.inputs.plan;
                plan.start_mg = plain(t.start_mg);
                plan.step_mg = plain(t.step_mg);
                plan.every_days = t.interval_days.to_string();
                plan.target_mg = plain(t.target_mg);
            }
            s.inputs.plan.scheme = scheme;
            s.recompute_all()
        }
        Action::PlanToggle(toggle, on) => {
            let plan = &mut s.inputs.plan;
            match toggle {
                PlanToggle::TwiceDaily => plan.twice_daily = on,
                PlanToggle::Cycle => plan.cycle = on,
                PlanToggle::AllowAboveLdn => plan.allow_above_ldn = on,
            }
            s.recompute_all()
        }
        Action::DayMenu(date) => {
            s.day_menu = date;
            s
        }
        Action::StepBackFrom(date) => {
            let days = s.inputs.plan.step_back_days;
            add_step_back(s, date, days)
        }
        Action::StepBackDays(days) => {
            s.inputs.plan.step_back_days = days.clamp(2, 3);
            s
        }
        Action::ClearStepBacks => {
            s.inputs.plan.step_backs.clear();
            // Those accepted in the diary too, or the next link opened
            // would bring them back.
            if s.doc.diary.iter().any(|e| e.step_back.is_some()) {
                s.doc_mut().diary.retain(|e| e.step_back.is_none());
                s = s.save();
            }
            s.recompute_all()
        }
        // Handled by `apply_shared`.
        Action::Lang(_)
        | Action::LangUnavailable(_)
        | Action::Today(_)
        | Action::Show(_)
        | Action::StorageProblem(_)
        | Action::DiscardUnreadable
        | Action::StoredElsewhere(_)
        | Action::DismissNotice
        | Action::UpdateReady
        | Action::DiaryTake(_)
        | Action::DiaryTakeOther(_)
        | Action::DiaryEffect(..)
        | Action::DiarySaveEffects
        | Action::DiaryDelete(_)
        | Action::DiaryStepBack(..)
        | Action::DiaryDismiss
        | Action::DiaryScore(_)
        | Action::DiaryReport(_) => s,
    }
}

/// Batch `id`'s record or label has been printed (once; saved).
fn mark_printed(mut s: State, id: u64, label: bool) -> State {
    let today = s.today;
    // A label printed before the bottle's preparation day or after its
    // last day says not to use it now: it dispenses nothing.
    let dispenses = |b: &Batch| label && b.dispensed.is_none() && b.dispensed_on(today).is_some();
    let news = |b: &Batch| !b.printed || dispenses(b);
    if !s.doc.batches.iter().any(|b| b.id == id && news(b)) {
        return s;
    }
    if let Some(b) = s.doc_mut().batches.iter_mut().find(|b| b.id == id) {
        b.printed = true;
        // Dispensed when its label is first printed; a reprint keeps that
        // day.
        if dispenses(b) {
            b.dispensed = Some(today);
        }
    }
    // An edit already open now asks who and why (its form reads `printed`).
    s.save()
}

/// Typing into the record being edited.
fn edit_text(mut s: State, field: TextField, text: String) -> State {
    let Some(e) = &mut s.record_edit else {
        return s;
    };
    e.problem = None;
    let d = &mut e.draft;
    let slot = match field {
        TextField::EditBy => &mut e.by,
        TextField::EditWhy => &mut e.why,
        TextField::EditRecord(f) => match f {
            RecordField::Product => &mut d.product,
            RecordField::Lot => &mut d.lot,
            RecordField::TabletExpiry => &mut d.tablet_expiry,
            RecordField::Vehicle => &mut d.vehicle,
            RecordField::Patient => &mut e.patient,
            RecordField::Prescriber => &mut d.prescriber,
            RecordField::Profession => &mut d.profession,
            RecordField::PrescriptionNo => &mut d.prescription_no,
            RecordField::Indication => &mut d.indication,
            RecordField::PreparedBy => &mut d.prepared_by,
            RecordField::CheckedBy => &mut d.checked_by,
            RecordField::CalcCheckedBy => &mut d.calc_checked_by,
            RecordField::MeasuredMl => &mut d.measured_ml,
            RecordField::Deviations => &mut d.deviations,
            RecordField::RetainUntil => &mut d.retain_until,
            // Choices, not typed (`EditAppearance`, `EditUseCode`).
            RecordField::Appearance | RecordField::UseCode => return s,
        },
        _ => return s,
    };
    *slot = text;
    s
}

/// Saves the record being edited: the typed checks, then, once its
/// record or label has been printed, who and why and a new version with
/// every field's words before and after. Nothing changed is said, not
/// saved.
fn save_record_edit(mut s: State, time: Option<TimeOfDay>) -> State {
    let Some(edit) = s.record_edit.clone() else {
        return s;
    };
    let Some(b) = s.doc.batches.iter().find(|b| b.id == edit.id) else {
        s.record_edit = None;
        return s;
    };
    let checked = edit
        .draft
        .edited(
            &edit.patient,
            b.prepared,
            b.last_day(),
            s.inputs.typed_decimal,
        )
        // The formula it was made by is not the form's to change.
        .map(|mut r| {
            r.formula = b.record.formula.clone();
            r
        })
        .map_err(EditProblem::Record)
        .and_then(|r| {
            let changes = super::revision::changes(&b.record, &r);
            if changes.is_empty() {
                return Err(EditProblem::NothingChanged);
            }
            if !b.printed {
                return Ok((r, None));
            }
            let (by, why) = (clean(&edit.by), clean_text(&edit.why, MAX_DEVIATIONS));
            if by.is_empty() {
                return Err(EditProblem::NeedsBy);
            }
            if why.is_empty() {
                return Err(EditProblem::NeedsWhy);
            }
            if b.revisions.len() >= MAX_REVISIONS {
                return Err(EditProblem::TooManyVersions);
            }
            let revision = Revision {
                version: b.version().saturating_add(1),
                date: s.today,
                time,
                by,
                why,
                changes,
            };
            Ok((r, Some(revision)))
        });
    match checked {
        Ok((record, revision)) => {
            if let Some(b) = s.doc_mut().batches.iter_mut().find(|b| b.id == edit.id) {
                b.record = record;
                b.revisions.extend(revision);
            }
            s.record_edit = None;
            s.save()
        }
        Err(problem) => {
            if let Some(e) = &mut s.record_edit {
                e.problem = Some(problem);
            }
            s
        }
    }
}

/// The number field a text field types into (its text is read with the
/// typing language's decimal rule), if it is one.
fn typed_number(field: TextField) -> Option<Field> {
    Some(match field {
        TextField::CustomTablet => Field::Tablet,
        TextField::Volume => Field::Volume,
        TextField::Conc => Field::Conc,
        TextField::LabelConc => Field::LabelConc,
        TextField::Dose => Field::Dose,
        TextField::Capacity => Field::Syringe,
        TextField::Grad => Field::Grad,
        TextField::PlanDose => Field::PlanDose,
        TextField::PlanStep => Field::PlanStep,
        TextField::PlanTarget => Field::PlanTarget,
        TextField::Price => Field::Price,
        _ => return None,
    })
}

/// Adds the step-backs accepted in `diary` to `plan`, unless the plan
/// already has one starting that day: those within the plan's days only.
fn with_diary_step_backs(plan: &mut PlanInputs, diary: &[DiaryEntry]) {
    let Ok(start) = Date::parse_iso(plan.start.trim()) else {
        return;
    };
    // The plan's length as validated (90 days when left empty or wrong).
    let days = ldn_engine::number::parse_whole(&plan.days, 1, ldn_engine::schedule::MAX_PLAN_DAYS)
        .unwrap_or(90);
    let end = start.add_days(i32::try_from(days).unwrap_or(i32::MAX));
    for e in diary {
        if let Some(n) = e.step_back {
            let inside = e.date >= start && e.date < end;
            if inside && plan.step_backs.iter().all(|(d, _)| *d != e.date) {
                plan.step_backs.push((e.date, n));
            }
        }
    }
    small_sort::sort(&mut plan.step_backs);
}

/// The document storage holds (`raw`) and how storage stands: unreadable
/// text is kept, not overwritten, until the user downloads or discards it.
fn read_stored(raw: Option<&str>) -> (Document, Storage) {
    match super::saved::load(raw) {
        super::saved::Loaded::Nothing => (Document::new(), Storage::Working),
        super::saved::Loaded::Ready(doc) => (doc, Storage::Working),
        super::saved::Loaded::Unreadable { raw, reason } => {
            (Document::new(), Storage::Unreadable { raw, reason })
        }
    }
}

/// The page after another tab or window saved `raw`: its document, read
/// as at the start, replaces this page's copy, so neither page's older copy
/// overwrites the other's newer one (the last to save would win: a diary
/// mark lost, a record's new version undone). Nothing is written back.
/// What is typed and not saved stays, except an edit of a record the other
/// page changed, which is closed and said (`Notice::EditClosedElsewhere`).
fn stored_elsewhere(mut s: State, raw: Option<&str>) -> State {
    let (doc, storage) = read_stored(raw);
    s.storage = storage;
    // Compared as written (the page writes it anyway): a deep comparison
    // would add its code to both doors for this one use.
    if s.doc.to_json() == doc.to_json() {
        return s;
    }
    let old = std::mem::replace(&mut s.doc, Rc::new(doc));
    fn batch(doc: &Document, id: u64) -> Option<String> {
        doc.batches.iter().find(|b| b.id == id).map(Batch::to_json)
    }
    if s.pharmacy == old.pharmacy {
        s.pharmacy = s.doc.pharmacy.clone();
    }
    if let Some(id) = s.record_edit.as_ref().map(|e| e.id) {
        let now = batch(&s.doc, id);
        if batch(&old, id) != now {
            s.record_edit = None;
            s.notice = Some(match now {
                Some(_) => Notice::EditClosedElsewhere,
                None => Notice::EditClosedDeleted,
            });
        }
    }
    let kept = |id: Option<u64>| id.filter(|id| s.doc.batches.iter().any(|b| b.id == *id));
    s.open_batch = kept(s.open_batch);
    s.confirm_delete = kept(s.confirm_delete);
    if s.inputs.plan.linked {
        // Step-backs accepted in the diary follow it both ways: one
        // removed there (deleted, or "Remove step-backs") leaves this
        // plan too, or this page would keep giving the halved dose.
        let accepted = |doc: &Document| -> Vec<Date> {
            doc.diary
                .iter()
                .filter(|e| e.step_back.is_some())
                .map(|e| e.date)
                .collect()
        };
        let now = accepted(&s.doc);
        let removed: Vec<Date> = accepted(&old)
            .into_iter()
            .filter(|d| !now.contains(d))
            .collect();
        s.inputs
            .plan
            .step_backs
            .retain(|(d, _)| !removed.contains(d));
        with_diary_step_backs(&mut s.inputs.plan, &s.doc.diary);
    }
    s.recompute_all()
}

/// Halves from `from` for `days` (2 or 3): replaces a step-back already
/// starting that day, and closes the day's menu. The Plan screen's day menu
/// and the diary's suggestion both come here, so both write the same
/// `pback`.
fn add_step_back(mut s: State, from: Date, days: u32) -> State {
    s.day_menu = None;
    let plan = &mut s.inputs.plan;
    plan.step_backs.retain(|(d, _)| *d != from);
    plan.step_backs.push((from, days.clamp(2, 3)));
    small_sort::sort(&mut plan.step_backs);
    s.recompute_all()
}

/// States for the view and model tests: the app on 1 March 2026, nothing
/// saved, storage working.
#[cfg(any(test, feature = "testing"))]
pub mod fixtures {
    use super::{State, Storage};
    use crate::inputs::Inputs;
    use crate::link;
    use crate::saved::Document;
    use ldn_catalog::Lang;
    use ldn_engine::date::Date;

    /// Fresh, in English.
    pub fn state() -> State {
        from_link("")
    }

    /// As opened from a link (its problems ignored; English unless it says).
    pub fn from_link(query: &str) -> State {
        let (inputs, lang, _) = link::read(query, &Inputs::new("2026-03-01"));
        State::new(
            inputs,
            lang.unwrap_or(Lang::En),
            Date::from_ymd(2026, 3, 1).expect("a valid date"),
            Document::new(),
            Storage::Working,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::testing::dec;
    use ldn_engine::warning::Warning;

    use super::fixtures::state;

    #[test]
    fn a_bad_field_keeps_the_last_results_as_stale() {
        let s = apply(state(), Action::Type(TextField::Dose, "2".into()));
        assert_eq!(
            s.dose
                .shown()
                .map(|(d, stale)| (d.check.draw_ml.value(), stale)),
            Some((dec("2"), false))
        );
        let s = apply(s, Action::Type(TextField::Dose, "2x".into()));
        assert_eq!(
            s.dose
                .shown()
                .map(|(d, stale)| (d.check.draw_ml.value(), stale)),
            Some((dec("2"), true))
        );
        assert_eq!(s.error_for(Field::Dose).map(|e| e.field), Some(Field::Dose));
        let s = apply(s, Action::Type(TextField::Dose, "2,5".into()));
        assert_eq!(
            s.dose
                .shown()
                .map(|(d, stale)| (d.check.draw_ml.value(), stale)),
            Some((dec("2.5"), false))
        );
        assert!(s.error_for(Field::Dose).is_none());
    }

    #[test]
    fn a_bad_recipe_makes_the_dose_wait() {
        let s = apply(state(), Action::Type(TextField::Volume, "".into()));
        assert_eq!(s.dose_waits_for, Some(DoseWaitsFor::Recipe));
        assert!(s.dose.shown().is_some_and(|(_, stale)| stale));
    }

    #[test]
    fn advice_applies_and_batches_save_and_track() {
        let s = apply(state(), Action::ApplyAdvice(0));
        let advised = s.recipe.current.as_ref().unwrap().order.recipe;
        assert_eq!(s.inputs.volume, plain(advised.final_ml().value()));
        let s = apply(s, Action::Type(TextField::BatchName, "Kari".into()));
        let s = apply(s, Action::SaveBatch);
        assert_eq!(s.doc.batches.len(), 1);
        assert_eq!(s.doc.batches[0].name, "Kari");
        assert_eq!(s.doc_revision, 1);
        let id = s.doc.batches[0].id;
        let s = apply(apply(s, Action::MarkTaken(id)), Action::MarkTaken(id));
        assert_eq!(s.doc.batches[0].taken, 2);
        let s = apply(s, Action::UndoTaken(id));
        assert_eq!(s.doc.batches[0].taken, 1);
        let s = apply(s, Action::DeleteBatch(id));
        assert!(s.doc.batches.is_empty());
    }

    #[test]
    fn a_long_name_is_saved_as_it_reads_back() {
        let long = "Kari Nordmann, Storgata 1, 0155 Oslo. ".repeat(4);
        let s = apply(state(), Action::Type(TextField::BatchName, long));
        let s = apply(s, Action::SaveBatch);
        let saved = s.doc.clone();
        assert_eq!(saved.batches[0].name.chars().count(), 80);
        assert_eq!(
            super::super::saved::load(Some(&saved.to_json())),
            super::super::saved::Loaded::Ready((*saved).clone())
        );
    }

    #[test]
    fn step_backs_shift_the_plan_and_clear() {
        let s = state();
        let before = s.plan.current.as_ref().unwrap().days[17].daily_mg;
        let from = Date::parse_iso("2026-03-10").unwrap();
        let s = apply(s, Action::StepBackFrom(from));
        let plan = &s.plan.current.as_ref().unwrap().days;
        assert_eq!(plan[9].daily_mg, dec("0.75"));
        // Standard: 2 mg from day 15, shifted by 3 days to day 18.
        assert_eq!((before, plan[17].daily_mg), (dec("2"), dec("2")));
        assert_eq!(plan[16].daily_mg, dec("1.5"));
        let s = apply(s, Action::ClearStepBacks);
        assert_eq!(s.plan.current.as_ref().unwrap().days[14].daily_mg, dec("2"));
    }

    #[test]
    fn the_plan_follows_the_recipe_once_shown() {
        let s = apply(state(), Action::Type(TextField::Tablets, "2".into()));
        let bottles = |s: &State| {
            s.plan
                .current
                .as_ref()
                .unwrap()
                .supply
                .as_ref()
                .unwrap()
                .bottles
        };
        // Off screen the plan waits (it is the costliest result)...
        let before = bottles(&s);
        // ...and is brought up to date when shown: 2 mg/mL lasts longer.
        let s = apply(s, Action::Show(Screen::Plan));
        assert!(bottles(&s) < before, "{} -> {}", before, bottles(&s));
        let s = apply(s, Action::Type(TextField::Tablets, "1".into()));
        assert_eq!(bottles(&s), before);
    }

    #[test]
    fn nothing_is_saved_from_invalid_inputs() {
        // 4 mg from 3 mg in 50 mL would be 66.7 mL: not one dose in the bottle.
        let s = apply(state(), Action::Tablet(TabletChoice::Mg3));
        let s = apply(s, Action::Type(TextField::Dose, "4".into()));
        assert!(!s.can_save());
        let s = apply(state(), Action::Type(TextField::Dose, "".into()));
        assert!(!s.can_save());
        let s = apply(s, Action::SaveBatch);
        assert!(s.doc.batches.is_empty());
        assert_eq!(s.doc_revision, 0);
    }

    #[test]
    fn doses_can_come_from_a_saved_batch() {
        // Save the classic 1 mg/mL bottle (2.5 mg a day), then change the
        // Prepare recipe to 2 mg/mL.
        let s = apply(state(), Action::Type(TextField::Dose, "2.5".into()));
        let s = apply(s, Action::SaveBatch);
        let id = s.doc.batches[0].id;
        let s = apply(s, Action::Type(TextField::Volume, "25".into()));
        let s = apply(s, Action::Type(TextField::Dose, "1".into()));
        assert_eq!(
            s.dose.current.as_ref().unwrap().check.draw_ml.value(),
            dec("0.5")
        );

        // "Use for a dose": the batch's concentration and dose, on Dose.
        let s = apply(s, Action::UseBatch(id));
        assert_eq!(
            (s.inputs.conc_source, s.screen, s.inputs.dose.as_str()),
            (ConcSource::Batch(id), Screen::Dose, "2.5")
        );
        let dose = s.dose.current.as_ref().unwrap();
        assert_eq!(dose.order.concentration.mg_per_ml().value(), dec("1"));
        assert_eq!(dose.check.draw_ml.value(), dec("2.5"));
        // Nothing about Prepare's recipe is claimed for it.
        assert_eq!(
            (dose.supply.is_none(), dose.advice.is_empty()),
            (true, true)
        );
        // With the syringe it was saved with: the 10 mL one chosen since
        // would draw 2.4 mL (0.2 mL marks), not the 2.5 mL its label says.
        let ten = SyringeChoice::Preset(ldn_engine::syringe::SyringePreset::Ml10);
        let other = apply(apply(s.clone(), Action::Syringe(ten)), Action::UseBatch(id));
        assert_eq!(other.inputs.syringe, s.inputs.syringe);
        let again = other.dose.current.as_ref().unwrap();
        let saved = &s.doc.batches[0].intakes_on(s.today)[0];
        assert_eq!(again.check.draw_ml, saved.draw_ml);
        assert_eq!(
            s.dose_bottle.as_ref().unwrap().expiry.last_day.to_string(),
            "2026-03-30"
        );

        // The link carries the batch's recipe, so it shows 1 mg/mL anywhere.
        let (back, _, problems) = super::super::link::read(&s.link, &Inputs::new("2026-05-01"));
        assert!(problems.is_empty());
        let r = crate::order::recipe_order(&back).unwrap();
        assert_eq!(r.recipe.concentration().mg_per_ml().value(), dec("1"));
        assert_eq!(r.prepared.to_string(), "2026-03-01");

        // Expired batch: the Dose screen says so.
        let mut later = s.clone();
        later.today = Date::parse_iso("2026-04-02").unwrap();
        let later = apply(later, Action::PerDay(1));
        let warnings = later
            .dose
            .current
            .as_ref()
            .unwrap()
            .warnings(later.dose_bottle.as_deref());
        assert!(warnings.contains(&Warning::Expired), "{warnings:?}");

        // Deleting it sends the Dose screen back to the Prepare recipe.
        let s = apply(s, Action::DeleteBatch(id));
        assert_eq!(s.inputs.conc_source, ConcSource::Recipe);
        assert_eq!(
            s.dose
                .current
                .as_ref()
                .unwrap()
                .order
                .concentration
                .mg_per_ml()
                .value(),
            dec("2")
        );
        // A batch that is not there cannot be chosen.
        let s = apply(s, Action::ConcSource(ConcSource::Batch(id)));
        assert_eq!(s.inputs.conc_source, ConcSource::Recipe);
    }

    /// Every field that can be wrong says so next to itself: for each one,
    /// a wrong value gives an inline error for exactly that field.
    #[test]
    fn every_field_error_is_shown_inline() {
        use crate::inputs::PlanScheme;
        let setup = [
            Action::Tablet(TabletChoice::Custom),
            Action::Mode(AmountMode::Concentration),
            Action::Bud(BudChoice::Custom),
            Action::ConcSource(ConcSource::Label),
            Action::Syringe(SyringeChoice::Custom),
            Action::PlanScheme(PlanScheme::Custom),
            Action::PlanToggle(PlanToggle::TwiceDaily, true),
            Action::Show(Screen::Plan),
        ];
        let cases = [
            (TextField::CustomTablet, Field::Tablet),
            (TextField::Tablets, Field::Tablets),
            (TextField::Conc, Field::Conc),
            (TextField::Prepared, Field::Prepared),
            (TextField::CustomBud, Field::Bud),
            (TextField::LabelConc, Field::LabelConc),
            (TextField::Dose, Field::Dose),
            (TextField::Capacity, Field::Syringe),
            (TextField::Grad, Field::Grad),
            (TextField::PlanStart, Field::PlanStart),
            (TextField::PlanDose, Field::PlanDose),
            (TextField::PlanStep, Field::PlanStep),
            (TextField::PlanEvery, Field::PlanEvery),
            (TextField::PlanTarget, Field::PlanTarget),
            (TextField::PlanDays, Field::PlanDays),
            (TextField::Price, Field::Price),
            (TextField::PlanTime, Field::PlanTime),
            (TextField::PlanMorning, Field::PlanMorning),
            (TextField::PlanLead, Field::PlanLead),
        ];
        for (typed, field) in cases {
            let s = setup.iter().cloned().fold(state(), apply);
            let s = apply(s, Action::Type(typed, "x".into()));
            assert_eq!(
                s.error_for(field).map(|e| e.field),
                Some(field),
                "{typed:?}"
            );
        }
        // Volume is checked in volume mode.
        let s = apply(state(), Action::Type(TextField::Volume, "x".into()));
        assert_eq!(
            s.error_for(Field::Volume).map(|e| e.field),
            Some(Field::Volume)
        );
    }

    /// The diary on the Plan screen: side effects noted on two days in a
    /// row bring the step-back suggestion; accepting it puts the step-back
    /// into the plan (and the link) as the Plan screen's own button does;
    /// the one tap then marks the halved dose.
    #[test]
    fn the_diary_suggests_a_step_back_that_changes_the_plan() {
        use crate::diary::{SideEffect, Taken};
        // Standard titration from 25 February: 1.5 mg a day; today is
        // 1 March (day 5), drawn with a 3 mL syringe at 1 mg/mL.
        let s = fixtures::from_link("pstart=2026-02-25&syringe=3&screen=plan");
        let s = apply(s, Action::Show(Screen::Plan));
        let today = s.today;
        let note = |s: State, date: &str, effect| {
            let s = apply(s, Action::Type(TextField::DiaryDate, date.into()));
            let s = apply(s, Action::DiaryEffect(effect, true));
            apply(s, Action::DiarySaveEffects)
        };
        let s = note(s, "2026-02-28", SideEffect::Sleep);
        assert_eq!((s.doc.diary.len(), s.doc_revision), (1, 1));
        // The form is ready for the next entry: today, nothing ticked.
        assert_eq!(
            (s.diary.date.as_str(), s.diary.effects.len()),
            ("2026-03-01", 0)
        );
        assert_eq!(s.diary_offer(), None);
        let s = note(s, "2026-03-01", SideEffect::Headache);
        let offer = s.diary_offer().unwrap();
        assert_eq!(offer.from, today);
        let daily = |s: &State| -> Vec<rust_decimal::Decimal> {
            s.plan
                .ok()
                .unwrap()
                .days
                .iter()
                .map(|d| d.daily_mg)
                .collect()
        };
        let before = daily(&s);
        assert_eq!((before[4], before[14]), (dec("1.5"), dec("2")));

        let s = apply(s, Action::DiaryStepBack(offer.from, 2));
        let after = daily(&s);
        let plan = s.plan.ok().unwrap();
        assert_eq!(
            (after[4], after[5], after[6]),
            (dec("0.75"), dec("0.75"), dec("1.5"))
        );
        assert_eq!(plan.days[5].kind, ldn_engine::schedule::DayKind::StepBack);
        // The titration waits the 2 days: 2 mg from day 17, not day 15.
        assert_eq!((after[14], after[16]), (dec("1.5"), dec("2")));
        assert_eq!(s.inputs.plan.step_backs, vec![(today, 2)]);
        assert!(s.link.contains("pback=2026-03-01%3A2"), "{}", s.link);
        // The plan halves now: no second suggestion.
        assert_eq!(s.diary_offer(), None);
        // Kept in the diary too: opening the pharmacy's link again (no
        // pback in it) still halves, and says so in the address.
        assert_eq!(
            s.doc
                .diary
                .iter()
                .filter(|e| e.step_back == Some(2))
                .count(),
            1
        );
        let reopened = State::start(
            "pstart=2026-02-25&plan=standard&screen=plan",
            Ok(Some(&s.stored_text())),
            Lang::En,
            today,
        );
        assert_eq!(reopened.inputs.plan.step_backs, vec![(today, 2)]);
        assert_eq!(daily(&reopened)[4], dec("0.75"));
        assert_eq!(reopened.diary_offer(), None);
        // "Remove step-backs" removes the diary's too, or they would return.
        let cleared = apply(reopened.clone(), Action::ClearStepBacks);
        assert!(cleared.inputs.plan.step_backs.is_empty());
        assert!(cleared.doc.diary.iter().all(|e| e.step_back.is_none()));
        // Not for a plan it falls outside of, nor for a link without a plan.
        let other = State::start(
            "pstart=2026-03-05&plan=standard",
            Ok(Some(&s.stored_text())),
            Lang::En,
            today,
        );
        assert!(other.inputs.plan.step_backs.is_empty());
        let no_plan = State::start("dose=1", Ok(Some(&s.stored_text())), Lang::En, today);
        assert!(no_plan.inputs.plan.step_backs.is_empty());
        // Deleting the entry takes the step-back out of the plan.
        let entry = DiaryEntry::step_back(today, 2);
        let undone = apply(reopened, Action::DiaryDelete(entry));
        assert!(undone.inputs.plan.step_backs.is_empty());
        assert_eq!(daily(&undone)[4], dec("1.5"));
        assert!(undone.doc.diary.iter().all(|e| e.step_back.is_none()));

        // One tap marks the halved dose, as drawn: 0.75 mL is a tie on the
        // 3 mL syringe's 0.1 mL marks and goes down to 0.7 mL.
        let at = TimeOfDay::parse("21:30").ok();
        let s = apply(s, Action::DiaryTake(at));
        let taken: Vec<_> = s
            .doc
            .diary
            .iter()
            .filter_map(|e| e.taken.map(|t| (e.time, t)))
            .collect();
        assert_eq!(
            taken,
            [(
                at,
                Taken {
                    dose_mg: ldn_engine::quantity::Mg::new(dec("0.75")),
                    draw_ml: ldn_engine::quantity::Ml::new(dec("0.7")),
                    as_planned: true
                }
            )]
        );
        // Once a day: a second tap marks nothing.
        let again = apply(s.clone(), Action::DiaryTake(at));
        assert_eq!(again.doc.diary, s.doc.diary);

        // Another amount, typed with a comma; then deleted again.
        let s = apply(s, Action::Type(TextField::DiaryAmount, "0,5".into()));
        let s = apply(s, Action::DiaryTakeOther(None));
        assert_eq!(s.diary.amount, "");
        let other = s
            .doc
            .diary
            .iter()
            .find(|e| e.taken.is_some_and(|t| !t.as_planned));
        let other = other.cloned().unwrap();
        assert_eq!(other.taken.map(|t| t.draw_ml.value()), Some(dec("0.5")));
        let revision = s.doc_revision;
        let s = apply(s, Action::DiaryDelete(other));
        assert_eq!((s.doc.diary.len(), s.doc_revision), (4, revision + 1));
        // A bad amount is refused with its reason, and nothing is marked.
        let s = apply(s, Action::Type(TextField::DiaryAmount, "abc".into()));
        let s = apply(s, Action::DiaryTakeOther(None));
        assert!(matches!(
            s.diary.amount_problem,
            Some(DiaryProblem::Amount(_))
        ));
        assert_eq!(s.doc.diary.len(), 4);
    }

    #[test]
    fn a_dismissed_suggestion_stays_away_for_the_day() {
        use crate::diary::SideEffect;
        let s = apply(
            fixtures::from_link("pstart=2026-02-25"),
            Action::Show(Screen::Plan),
        );
        let s = apply(s, Action::Type(TextField::DiaryDate, "2026-02-28".into()));
        let s = apply(s, Action::DiaryEffect(SideEffect::Nausea, true));
        let s = apply(s, Action::DiarySaveEffects);
        let s = apply(s, Action::DiaryEffect(SideEffect::Other, true));
        let s = apply(s, Action::DiarySaveEffects);
        // "Other" needs words in the note.
        assert_eq!(s.diary.effects_problem, Some(DiaryProblem::OtherNeedsNote));
        let s = apply(s, Action::Type(TextField::DiaryNote, "itchy".into()));
        assert_eq!(s.diary.effects_problem, None);
        let s = apply(s, Action::DiarySaveEffects);
        assert!(s.diary_offer().is_some());
        let s = apply(s, Action::DiaryDismiss);
        assert_eq!(s.diary_offer(), None);
        // The next day it may come back.
        let mut later = s;
        later.today = later.today.add_days(1);
        assert!(later.diary_offer().is_some());
    }

    #[test]
    fn a_link_opens_the_screen_it_names_and_keeps_it() {
        let today = Date::parse_iso("2026-03-01").unwrap();
        let open = |q: &str| State::start(q, Ok(None), Lang::En, today);
        assert_eq!(open("dose=1.5").screen, Screen::Prepare);
        assert!(!open("dose=1.5").link.contains("screen="));
        let s = open("dose=1.5&screen=plan");
        assert_eq!(s.screen, Screen::Plan);
        assert!(s.plan.ok().is_some(), "the plan is computed, as on a tap");
        assert!(s.link.contains("screen=plan"), "{}", s.link);
        let s = apply(s, Action::Show(Screen::Batches));
        assert!(s.link.contains("screen=batches"), "{}", s.link);
        let bad = open("screen=settings");
        assert_eq!(bad.screen, Screen::Prepare);
        assert_eq!(bad.link_problems.len(), 1);
    }

    /// The review's slip: "1.000" (a litre, the Danish way) typed in Danish
    /// was read as 1 mL. Typed in a language that writes decimals with a
    /// comma, a point before three digits is refused, in the field; the
    /// same text from a link (numbers with a point) is read as written.
    #[test]
    fn a_number_typed_in_danish_is_read_the_danish_way() {
        use ldn_engine::number::NumberError;
        let s = apply(state(), Action::Lang(Lang::Da));
        let s = apply(s, Action::Type(TextField::Volume, "1.000".into()));
        assert_eq!(
            s.error_for(Field::Volume).map(|e| e.error.clone()),
            Some(crate::order::InputError::Number(
                NumberError::AmbiguousGrouping
            ))
        );
        let s = apply(s, Action::Type(TextField::Volume, "1000".into()));
        assert!(s.error_for(Field::Volume).is_none());
        let s = apply(s, Action::Type(TextField::Volume, "1,5".into()));
        assert!(s.error_for(Field::Volume).is_none());
        // From a link: 1.071 is 1.071, in any language.
        let linked = State::start("lang=da&conc=1.071&tablets=3", Ok(None), Lang::En, s.today);
        assert!(linked.recipe.ok().is_some(), "{:?}", linked.recipe.errors());
        // In English the comma is the one that may group thousands.
        let s = apply(state(), Action::Type(TextField::Dose, "1,500".into()));
        assert!(s.error_for(Field::Dose).is_some());
        let s = apply(s, Action::Type(TextField::Dose, "1.500".into()));
        assert!(s.error_for(Field::Dose).is_none());
    }

    /// The patient's page, opened from a pharmacist's plan link.
    fn patient_page() -> State {
        let query = "?view=patient&tablet=50&tablets=1&volume=50&syringe=3&prepared=2026-03-01\
                     &bud=30&plan=standard&pstart=2026-03-01&pdays=60";
        State::start(
            query,
            Ok(None),
            Lang::En,
            Date::from_ymd(2026, 3, 5).unwrap(),
        )
    }

    #[test]
    fn the_patients_page_changes_only_by_the_patients_actions() {
        let page = patient_page();
        assert_eq!(page.screen, Screen::Patient);
        // The pharmacist's actions change nothing there.
        for action in [
            Action::Type(TextField::Volume, "25".into()),
            Action::Type(TextField::Dose, "4".into()),
            Action::SaveBatch,
            Action::DeleteBatch(1),
            Action::Import(Ok("{}".into())),
            Action::PlanScheme(PlanScheme::Custom),
            Action::UseBatch(1),
        ] {
            assert_eq!(
                apply_patient(page.clone(), action.clone()),
                page,
                "{action:?}"
            );
        }
        // The patient's own do as they do in the pharmacist's app.
        for action in [
            Action::Lang(Lang::Uk),
            Action::DiaryTake(None),
            Action::DiaryEffect(SideEffect::Nausea, true),
            Action::Type(TextField::DiaryNote, "tired".into()),
            Action::LangUnavailable(Lang::Da),
        ] {
            let patients = apply_patient(page.clone(), action.clone());
            assert_ne!(patients, page, "{action:?} changes the page");
            assert_eq!(patients, apply(page.clone(), action.clone()), "{action:?}");
        }
    }

    #[test]
    fn a_language_that_cannot_be_loaded_is_said_and_the_page_stays_readable() {
        let s = apply(state(), Action::LangUnavailable(Lang::Uk));
        assert_eq!((s.lang, s.lang_unavailable), (Lang::En, Some(Lang::Uk)));
        // Chosen again and loaded: the notice goes.
        let s = apply(s, Action::Lang(Lang::Uk));
        assert_eq!((s.lang, s.lang_unavailable), (Lang::Uk, None));
        // At the start: the link asked for Danish, only Norwegian loaded.
        let s = State::start(
            "?lang=da",
            Ok(None),
            Lang::En,
            Date::from_ymd(2026, 3, 5).unwrap(),
        );
        let shown = s.shown_in(Lang::Nb);
        assert_eq!(
            (shown.lang, shown.lang_unavailable),
            (Lang::Nb, Some(Lang::Da))
        );
        assert_eq!(shown.inputs.typed_decimal, Lang::Nb.separator());
        // Not saved as the person's choice: that stays theirs to make.
        assert_eq!(shown.doc.lang, None);
        let same = State::start(
            "?lang=da",
            Ok(None),
            Lang::En,
            Date::from_ymd(2026, 3, 5).unwrap(),
        );
        assert_eq!(same.clone().shown_in(Lang::Da), same);
    }

    #[test]
    fn a_page_left_open_moves_to_the_new_day() {
        // Prepared 1 March, 30 days: its last day is 30 March (100 mL
        // holds the plan to then).
        let query = "?view=patient&tablet=50&tablets=2&volume=100&syringe=3&prepared=2026-03-01\
                     &bud=30&plan=standard&pstart=2026-03-01&pdays=60";
        let day = |d: u32| Date::from_ymd(2026, 3, d).unwrap();
        let s = State::start(query, Ok(None), Lang::En, day(30));
        assert_eq!(s.patient_hold(), None);
        assert_eq!(s.diary.date, "2026-03-30");
        let next = apply_patient(s.clone(), Action::Today(day(31)));
        assert_eq!(next.today, day(31));
        // The bottle's last day has passed: no dose from it now.
        assert!(next.patient_hold().is_some());
        assert_eq!(next.diary.date, "2026-03-31");
        // The same day changes nothing.
        assert_eq!(apply_patient(s.clone(), Action::Today(day(30))), s);
        // A date typed in the side-effect form stays.
        let typed = apply_patient(s, Action::Type(TextField::DiaryDate, "2026-03-28".into()));
        assert_eq!(
            apply_patient(typed, Action::Today(day(31))).diary.date,
            "2026-03-28"
        );
    }

    #[test]
    fn a_bottle_saved_after_the_plan_screen_is_for_the_plan() {
        // The default plan, untouched: the Plan screen's share box gives
        // its link, so the bottle saved next is for it too.
        let s = apply(state(), Action::Show(Screen::Plan));
        assert_eq!(s.bottle_for(), BottleFor::Plan);
        assert!(matches!(
            s.prescription_to_save(),
            Some(Prescription::Plan(_))
        ));
        // Back on the Dose screen: the dose.
        let s = apply(s, Action::Show(Screen::Dose));
        assert_eq!(s.bottle_for(), BottleFor::Dose);
        // My batches does not change which; the pharmacist's choice wins.
        let s = apply(s, Action::Show(Screen::Batches));
        assert_eq!(s.bottle_for(), BottleFor::Dose);
        let s = apply(s, Action::BottleFor(BottleFor::Plan));
        assert_eq!(s.bottle_for(), BottleFor::Plan);
    }

    /// A saved record changes in place until its record or label is
    /// printed; after that a change needs who and why and makes a new
    /// version with every field's words before and after.
    #[test]
    fn a_printed_record_changes_only_as_a_new_version() {
        let s = apply(state(), Action::Type(TextField::Lot, "AB123".into()));
        let s = apply(s, Action::SaveBatch);
        let id = s.doc.batches[0].id;
        let edit = |s: State, field: RecordField, text: &str| {
            apply(s, Action::Type(TextField::EditRecord(field), text.into()))
        };
        // Before printing: in place, no version.
        let s = apply(s, Action::EditRecord(Some(id)));
        assert_eq!(s.open_batch, Some(id));
        let s = edit(s, RecordField::MeasuredMl, "49,5");
        let s = apply(s, Action::SaveRecordEdit(None));
        assert_eq!(s.record_edit, None);
        let b = &s.doc.batches[0];
        assert_eq!(b.record.measured_ml.map(|m| m.value()), Some(dec("49.5")));
        assert_eq!((b.version(), b.printed), (1, false));
        // Printed: the record leaves the device.
        let s = apply(s, Action::Print(PrintJob::Record(id)));
        assert!(s.doc.batches[0].printed);
        let s = apply(s, Action::EditRecord(Some(id)));
        // Nothing changed is not a version.
        let s = apply(s, Action::SaveRecordEdit(None));
        assert_eq!(
            s.record_edit.as_ref().and_then(|e| e.problem),
            Some(EditProblem::NothingChanged)
        );
        let s = edit(s, RecordField::Lot, "AB124");
        let s = apply(s, Action::SaveRecordEdit(None));
        assert_eq!(
            s.record_edit.as_ref().and_then(|e| e.problem),
            Some(EditProblem::NeedsBy)
        );
        let s = apply(s, Action::Type(TextField::EditBy, " Kari  Apotek ".into()));
        let s = apply(s, Action::SaveRecordEdit(None));
        assert_eq!(
            s.record_edit.as_ref().and_then(|e| e.problem),
            Some(EditProblem::NeedsWhy)
        );
        // Not as expected needs the deviation said.
        let s = apply(s, Action::Type(TextField::EditWhy, "Lot misread".into()));
        let s = apply(s, Action::EditAppearance(Appearance::NotAsExpected));
        let s = apply(s, Action::SaveRecordEdit(None));
        assert_eq!(
            s.record_edit.as_ref().and_then(|e| e.problem),
            Some(EditProblem::Record(RecordProblem::NeedsDeviation))
        );
        let s = apply(s, Action::EditAppearance(Appearance::AsExpected));
        let time = TimeOfDay::parse("14:05").ok();
        let s = apply(s, Action::SaveRecordEdit(time));
        assert_eq!(s.record_edit, None);
        let b = &s.doc.batches[0];
        assert_eq!(b.version(), 2);
        let r = &b.revisions[0];
        assert_eq!((r.version, r.date, r.time), (2, s.today, time));
        assert_eq!(
            (r.by.as_str(), r.why.as_str()),
            ("Kari Apotek", "Lot misread")
        );
        let changed: Vec<(&str, &str, &str)> = r
            .changes
            .iter()
            .map(|c| (c.field.code(), c.before.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(
            changed,
            [("lot", "AB123", "AB124"), ("appearance", "", "as-expected")]
        );
        // Kept as saved, and read back.
        assert_eq!(
            crate::saved::parse(&s.doc.to_json()).map(|d| d.batches[0].revisions.clone()),
            Ok(b.revisions.clone())
        );
        // Another batch opened: the edit is dropped, nothing saved.
        let s = apply(s, Action::EditRecord(Some(id)));
        let s = edit(s, RecordField::Lot, "ZZ");
        let s = apply(s, Action::OpenBatch(None));
        assert_eq!(s.record_edit, None);
        assert_eq!(s.doc.batches[0].record.lot, "AB124");
    }

    /// Two tabs on one device: what one saves, the other shows, without
    /// writing it back; an edit of a record the other tab changed is
    /// closed (its older copy would undo that version), other typing stays.
    #[test]
    fn what_another_tab_saved_replaces_this_tabs_copy() {
        let s = apply(state(), Action::Type(TextField::Lot, "AB123".into()));
        let s = apply(s, Action::SaveBatch);
        let id = s.doc.batches[0].id;
        let s = apply(s, Action::Print(PrintJob::Record(id)));
        // Tab one edits the record; tab two, a copy, makes version 2.
        let one = apply(s.clone(), Action::EditRecord(Some(id)));
        let one = apply(
            one,
            Action::Type(TextField::EditRecord(RecordField::Lot), "ZZ9".into()),
        );
        let one = apply(
            one,
            Action::Type(TextField::BatchName, "typed, not saved".into()),
        );
        let two = apply(s, Action::EditRecord(Some(id)));
        let two = apply(
            two,
            Action::Type(TextField::EditRecord(RecordField::Lot), "AB124".into()),
        );
        let two = apply(two, Action::Type(TextField::EditBy, "Kari".into()));
        let two = apply(two, Action::Type(TextField::EditWhy, "Lot misread".into()));
        let two = apply(two, Action::SaveRecordEdit(None));
        assert_eq!(two.doc.batches[0].version(), 2);
        let revision = one.doc_revision;
        let one = apply(one, Action::StoredElsewhere(Some(two.stored_text())));
        assert_eq!(one.doc, two.doc);
        assert_eq!(one.doc_revision, revision, "nothing is written back");
        assert_eq!(one.record_edit, None);
        assert_eq!(one.notice, Some(Notice::EditClosedElsewhere));
        assert_eq!(one.open_batch, Some(id));
        assert_eq!(one.batch_name, "typed, not saved");
        // The same text again (a page shown again) changes nothing.
        let again = apply(
            one.clone(),
            Action::StoredElsewhere(Some(two.stored_text())),
        );
        assert_eq!(again, one);
        // An edit of another bottle, or none, is kept; a bottle deleted
        // there is closed here.
        let three = apply(two.clone(), Action::Type(TextField::BatchName, "B".into()));
        let three = apply(three, Action::SaveBatch);
        let other = three
            .doc
            .batches
            .iter()
            .find(|b| b.id != id)
            .map(|b| b.id)
            .expect("the second bottle is saved");
        let one = apply(one, Action::DismissNotice);
        let one = apply(one, Action::StoredElsewhere(Some(three.stored_text())));
        let one = apply(one, Action::EditRecord(Some(other)));
        let one = apply(
            one,
            Action::Type(TextField::EditRecord(RecordField::Lot), "Q1".into()),
        );
        let four = apply(three, Action::DeleteBatch(id));
        let four = apply(four, Action::DeleteBatch(id));
        assert!(four.doc.batches.iter().all(|b| b.id != id));
        let one = apply(one, Action::StoredElsewhere(Some(four.stored_text())));
        assert_eq!(one.record_edit.as_ref().map(|e| e.id), Some(other));
        assert_eq!(one.notice, None);
        assert_eq!(one.open_batch, Some(other));
        let shown = apply(two, Action::OpenBatch(Some(id)));
        let editing = apply(shown.clone(), Action::EditRecord(Some(id)));
        let shown = apply(shown, Action::StoredElsewhere(Some(four.stored_text())));
        assert_eq!(shown.open_batch, None);
        // Deleted there while its record was being edited here: said so.
        let editing = apply(editing, Action::StoredElsewhere(Some(four.stored_text())));
        assert_eq!((editing.record_edit, editing.open_batch), (None, None));
        assert_eq!(editing.notice, Some(Notice::EditClosedDeleted));
    }

    /// A diary mark made in another tab is shown here (the patient would
    /// otherwise see today's dose not marked, and mark it again), and
    /// storage emptied or unreadable there is read as at the start.
    #[test]
    fn a_mark_made_in_another_tab_is_shown_on_the_patients_page() {
        let page = patient_page();
        let other = apply_patient(
            page.clone(),
            Action::DiaryTake(TimeOfDay::parse("08:00").ok()),
        );
        assert_eq!(other.doc.diary.len(), 1);
        let page = apply_patient(page, Action::StoredElsewhere(Some(other.stored_text())));
        assert_eq!(page.doc.diary, other.doc.diary);
        assert_eq!(page.due_taken(), other.due_taken());
        let broken = apply_patient(page.clone(), Action::StoredElsewhere(Some("{oops".into())));
        assert!(matches!(broken.storage, Storage::Unreadable { .. }));
        assert!(!broken.may_store());
        let emptied = apply_patient(page, Action::StoredElsewhere(None));
        assert!(emptied.doc.diary.is_empty());
        assert_eq!(emptied.storage, Storage::Working);
    }

    /// A step-back accepted in one tab halves the other's plan too, and
    /// removed there (deleted in the diary) no longer halves it here.
    #[test]
    fn a_step_back_follows_the_other_tab_both_ways() {
        let page = patient_page();
        let from = page.today;
        let halving = |s: &State| s.inputs.plan.step_backs.iter().any(|(d, _)| *d == from);
        let other = apply_patient(page.clone(), Action::DiaryStepBack(from, 2));
        assert!(halving(&other));
        let page = apply_patient(page, Action::StoredElsewhere(Some(other.stored_text())));
        assert!(halving(&page));
        assert!(page.link.contains("pback"), "{}", page.link);
        let entry = other
            .doc
            .diary
            .iter()
            .find(|e| e.step_back.is_some())
            .cloned()
            .expect("the step-back is in the diary");
        let other = apply_patient(other, Action::DiaryDelete(entry));
        assert!(!halving(&other));
        let page = apply_patient(page, Action::StoredElsewhere(Some(other.stored_text())));
        assert!(!halving(&page));
        assert!(!page.link.contains("pback"), "{}", page.link);
    }

    /// Printed however asked (Ctrl+P too), the open bottle's record is
    /// printed; an edit keeps the master formula it was made by.
    #[test]
    fn the_browser_printing_marks_the_open_record_and_an_edit_keeps_its_formula() {
        let s = apply(state(), Action::Type(TextField::FormulaName, "LDN".into()));
        let s = apply(s, Action::SaveFormula);
        let s = apply(s, Action::SaveBatch);
        let id = s.doc.batches[0].id;
        assert_eq!(s.doc.batches[0].record.formula, Some(("LDN".into(), 1)));
        // Not on My batches: nothing of a batch is printed.
        let elsewhere = apply(s.clone(), Action::Show(Screen::Dose));
        assert!(!apply(elsewhere, Action::Printing).doc.batches[0].printed);
        let s = apply(s, Action::Show(Screen::Batches));
        let s = apply(s, Action::OpenBatch(Some(id)));
        let s = apply(s, Action::Printing);
        assert!(s.doc.batches[0].printed);
        let s = apply(s, Action::EditRecord(Some(id)));
        let s = apply(
            s,
            Action::Type(TextField::EditRecord(RecordField::Lot), "X1".into()),
        );
        let s = apply(s, Action::Type(TextField::EditBy, "KK".into()));
        let s = apply(s, Action::Type(TextField::EditWhy, "Lot".into()));
        let s = apply(s, Action::SaveRecordEdit(None));
        let b = &s.doc.batches[0];
        assert_eq!(b.version(), 2);
        assert_eq!(b.record.formula, Some(("LDN".into(), 1)));
        assert!(b.revisions[0]
            .changes
            .iter()
            .all(|c| c.field == RecordField::Lot));
        // Another vehicle than the formula's: no formula named.
        let s = apply(s, Action::Type(TextField::Vehicle, "SyrSpend SF".into()));
        let s = apply(s, Action::SaveBatch);
        assert_eq!(s.doc.batches[1].record.formula, None);
        // A printed bottle is deleted only when asked twice; one never
        // printed at once.
        let unprinted = s.doc.batches[1].id;
        let s = apply(s, Action::DeleteBatch(unprinted));
        assert_eq!(s.doc.batches.len(), 1);
        let s = apply(s, Action::DeleteBatch(id));
        assert_eq!((s.doc.batches.len(), s.confirm_delete), (1, Some(id)));
        let s = apply(s, Action::DeleteBatch(id));
        assert!(s.doc.batches.is_empty() && s.confirm_delete.is_none());
    }
}
