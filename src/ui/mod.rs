//! The Yew front end: markup over the views in `crate::view`, and the
//! actions a person's input sends. Two doors over the same layers: the
//! pharmacist's app (`App`) and the patient's page (`PatientApp`), each
//! its own binary. Everything that touches the browser is in `browser`;
//! nothing here computes, parses or decides.

mod app;
mod boot;
pub mod browser;
pub mod components;
pub mod door;
mod patient_app;

pub use app::App;
pub use patient_app::PatientApp;

/// Starts the pharmacist's app (`index.html`).
pub fn start_pharmacist() {
    boot::start::<App>();
}

/// Starts the patient's page (`patient.html`).
pub fn start_patient() {
    boot::start::<PatientApp>();
}
