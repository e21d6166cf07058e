//! The patient's dose diary, kept on the device: doses taken and side
//! effects noted, day by day. Plain data here; the saved document stores
//! it (version 2 on), the patient's page shows and fills it.

use crate::engine::date::{Date, TimeOfDay};
use crate::engine::quantity::{Mg, Ml};

/// More entries than years of twice-daily doses with notes; a larger diary
/// is refused as a whole.
pub const MAX_DIARY_ENTRIES: usize = 5000;
/// Longest free-text note kept.
pub const MAX_NOTE: usize = 500;

/// Side effects the sources name for LDN (seed 000: sleep problems and
/// vivid dreams in the first weeks; headache, nausea), and any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SideEffect {
    Sleep,
    Dreams,
    Headache,
    Nausea,
    Other,
}

impl SideEffect {
    pub const ALL: [SideEffect; 5] = [
        SideEffect::Sleep,
        SideEffect::Dreams,
        SideEffect::Headache,
        SideEffect::Nausea,
        SideEffect::Other,
    ];

    /// The stable code in saved data and the CSV export.
    pub fn code(self) -> &'static str {
        match self {
            SideEffect::Sleep => "sleep",
            SideEffect::Dreams => "dreams",
            SideEffect::Headache => "headache",
            SideEffect::Nausea => "nausea",
            SideEffect::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<SideEffect> {
        SideEffect::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// A dose taken: how much and what was drawn for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    pub dose_mg: Mg,
    pub draw_ml: Ml,
    /// Taken as the plan said (one tap), not an amount typed by hand.
    pub as_planned: bool,
}

/// One line of the diary: a dose taken, side effects noted, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryEntry {
    pub date: Date,
    pub time: Option<TimeOfDay>,
    pub taken: Option<Taken>,
    /// Each effect at most once, in `SideEffect::ALL` order.
    pub effects: Vec<SideEffect>,
    pub note: String,
}
