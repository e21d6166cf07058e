//! The calculator's state, without the web: what was typed, what it means
//! (validated orders), what the engine makes of it, and how it travels in a
//! link or a saved file. Nothing here imports yew or web-sys, so all of it is
//! tested natively.

pub mod country;
pub mod diary;
pub mod form;
pub mod formula;
pub mod gs1;
pub mod inputs;
pub mod link;
pub mod pack_camera;

pub mod bottle;
pub mod order;
pub mod outcome;
pub mod plan;
pub mod record;
pub mod revision;
pub mod saved;
pub mod state;
