//! The view layer: everything a person reads, built from the state once per
//! change, in their language. Between `model` (what is true) and `ui` (the
//! markup): no yew and no web APIs here, so every output is tested natively.
//!
//! Invariant: every output (screens, label, printed plan, calendar file)
//! is built from a view, and a view states a dose only through
//! [`draw::DoseLine`], which never shows a draw without its warnings and
//! never shows a draw the syringe cannot measure.

pub mod batches;
pub mod dose;
pub mod draw;
pub mod form;
pub mod label;
pub mod parts;
pub mod plan;
pub mod prepare;
pub mod shell;
pub mod syringe;
pub mod text;

use crate::model::state::{Screen, State, Storage};
use std::rc::Rc;

/// The view of the screen on show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScreenView {
    Prepare(Rc<prepare::PrepareView>),
    Dose(Rc<dose::DoseView>),
    Plan(Rc<plan::PlanView>),
    Batches(Rc<batches::BatchesView>),
}

/// Everything on the page, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Views {
    pub shell: Rc<shell::ShellView>,
    pub screen: ScreenView,
}

/// The views for `state`. `previous` views that did not change are kept
/// (the same `Rc`), so Yew skips their components.
pub fn build(state: &State, previous: Option<&Views>) -> Views {
    fn keep<T: PartialEq>(new: T, old: Option<&Rc<T>>) -> Rc<T> {
        match old {
            Some(old) if **old == new => old.clone(),
            _ => Rc::new(new),
        }
    }
    let shell = keep(shell::shell(state), previous.map(|v| &v.shell));
    let old = previous.map(|v| &v.screen);
    let screen = match state.screen {
        Screen::Prepare => ScreenView::Prepare(keep(
            prepare::prepare(state),
            match old {
                Some(ScreenView::Prepare(v)) => Some(v),
                _ => None,
            },
        )),
        Screen::Dose => ScreenView::Dose(keep(
            dose::dose(state),
            match old {
                Some(ScreenView::Dose(v)) => Some(v),
                _ => None,
            },
        )),
        Screen::Plan => ScreenView::Plan(keep(
            plan::plan(state),
            match old {
                Some(ScreenView::Plan(v)) => Some(v),
                _ => None,
            },
        )),
        Screen::Batches => ScreenView::Batches(keep(
            batches::batches(state),
            match old {
                Some(ScreenView::Batches(v)) => Some(v),
                _ => None,
            },
        )),
    };
    Views { shell, screen }
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
    }
}
