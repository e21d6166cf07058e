//! Liquid low-dose naltrexone calculator.
//!
//! `engine` is the pure dose arithmetic (no web dependencies); `ui` is the
//! Yew front end that renders what the engine returns.

pub mod engine;
pub mod i18n;
pub mod model;
pub mod ui;
pub mod view;
