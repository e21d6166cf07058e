//! The dose engine: every number the app shows comes from here.
//!
//! Invariants:
//! - Pure: no clock, no storage, no web crates. "Today" is an argument.
//! - Exact: all dose, volume and concentration arithmetic is `rust_decimal`.
//! - Total: every public function returns a value or a typed error; nothing
//!   panics on any input.

pub mod advisor;
pub mod batch;
pub mod date;
pub mod dilution;
pub mod dose;
pub mod format;
pub mod number;
pub mod quantity;
pub mod recipe;
pub mod schedule;
pub mod small_sort;
pub mod supply_plan;
pub mod syringe;
pub mod syringe_fit;
pub mod warning;

#[cfg(any(test, feature = "testing"))]
pub mod testing;
