//! The view layer: everything a person reads, built from the state once per
//! change, in their language. Between `model` (what is true) and `ui` (the
//! markup): no yew and no web APIs here, so every output is tested natively.
//!
//! Invariant: every output (screens, label, printed plan, calendar file)
//! is built from a view, and a view states a dose only through
//! [`draw::DoseLine`], which never shows a draw without its warnings and
//! never shows a draw the syringe cannot measure.

pub mod batches;
pub mod bottle;
pub mod diary;
pub mod dose;
pub mod draw;
pub mod form;
pub mod formulas;
pub mod label;
pub mod pack_scan;
pub mod particulars;
pub mod parts;
pub mod patient;
pub mod plan;
pub mod prepare;
pub mod qr;
pub mod record;
pub mod record_edit;
pub mod report;
pub mod safety;
pub mod share;
pub mod shell;
pub mod syringe;
pub mod test_label;
pub mod text;

use ldn_model::state::{Screen, State, Storage};
use std::rc::Rc;

/// The view of the screen on show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScreenView {
    Prepare(Rc<prepare::PrepareView>),
    Dose(Rc<dose::DoseView>),
    Plan(Rc<plan::PlanView>),
    Batches(Rc<batches::BatchesView>),
    Patient(Rc<patient::PatientView>),
}

/// Everything on the page, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Views {
    pub shell: Rc<shell::ShellView>,
    pub screen: ScreenView,
    /// "Share with the patient", on the Dose and Plan screens.
    pub share: Option<Rc<share::ShareView>>,
}

/// The views for `state`; `address` is the app's own address (origin and
/// path, from the browser), for the patient link. Yew compares each
/// screen's view with the one it rendered last (`PartialEq`), so an
/// unchanged screen is not re-rendered.
pub fn build(state: &State, address: &str) -> Views {
    let screen = match state.screen {
        Screen::Prepare => ScreenView::Prepare(Rc::new(prepare::prepare(state))),
        Screen::Dose => ScreenView::Dose(Rc::new(dose::dose(state))),
        Screen::Plan => ScreenView::Plan(Rc::new(plan::plan(state))),
        Screen::Batches => ScreenView::Batches(Rc::new(batches::batches(state, address))),
        Screen::Patient => ScreenView::Patient(Rc::new(patient::patient(state))),
    };
    Views {
        shell: Rc::new(shell::shell(state)),
        screen,
        share: share::share(state, address).map(Rc::new),
    }
}

/// Everything on the patient's page, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientViews {
    pub shell: Rc<shell::ShellView>,
    pub patient: Rc<patient::PatientView>,
}

/// The views of the patient's page (its own door: none of the
/// pharmacist's screens is built, or linked into its binary).
pub fn build_patient(state: &State) -> PatientViews {
    PatientViews {
        shell: Rc::new(shell::shell(state)),
        patient: Rc::new(patient::patient(state)),
    }
}

/// A file the app offers for download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The plan as an iCalendar file.
    Calendar,
    /// Saved batches, as the export file.
    Batches,
    /// Stored data that could not be read, as it was.
    Unreadable,
    /// The dose diary as CSV, for the prescriber.
    DiaryCsv,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub name: &'static str,
    pub mime: &'static str,
    pub text: String,
}

/// The file of `kind` for `state`, built when asked for (not per render).
pub fn file(state: &State, kind: FileKind) -> Option<File> {
    match kind {
        FileKind::Calendar => plan::calendar(state).map(|text| File {
            name: "ldn-plan.ics",
            mime: "text/calendar",
            text,
        }),
        FileKind::Batches => Some(File {
            name: "ldn-batches.json",
            mime: "application/json",
            text: state.doc.to_json(),
        }),
        FileKind::Unreadable => match &state.storage {
            Storage::Unreadable { raw, .. } => Some(File {
                name: "ldn-saved-data.txt",
                mime: "text/plain",
                text: raw.clone(),
            }),
            _ => None,
        },
        FileKind::DiaryCsv => Some(File {
            name: "ldn-diary.csv",
            mime: "text/csv",
            text: diary::csv(state),
        }),
    }
}
