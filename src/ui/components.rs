//! The screens and their parts: markup over a view (`crate::view`), and the
//! actions and effects a person's input sends. No arithmetic, parsing,
//! rounding, date maths or rules here (tests/layering.rs checks).

pub mod advice;
pub mod batches;
pub mod controls;
pub mod diary;
pub mod dose;
pub mod figures;
pub mod label;
pub mod pack_scan;
pub mod patient;
pub mod plan;
pub mod prepare;
pub mod record;
pub mod record_edit;
pub mod report;
pub mod safety;
pub mod share;
pub mod syringe_picture;
pub mod warnings;
