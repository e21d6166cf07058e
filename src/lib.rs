//! Liquid low-dose naltrexone calculator: the Yew front end over the layers.
//!
//! The layers are crates (`crates/`), each with no web dependency, so the
//! compiler keeps them apart: `engine` (the dose arithmetic), `i18n` (the
//! languages and typed catalog, crate `ldn-catalog`), `model` (the state
//! without the web), `view` (every output, ready to render). `ui` is the
//! Yew front end; the binaries mount it.

pub use ldn_catalog as i18n;
pub use ldn_engine as engine;
pub use ldn_model as model;
pub use ldn_view as view;

pub mod ui;
