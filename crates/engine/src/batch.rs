//! A prepared bottle over time: its last day of use, how long it lasts at a
//! daily dose, and what is thrown away when it expires.
//!
//! The day of preparation is day 1: with 30 days, a batch prepared on
//! 2026-03-01 may be used up to and including 2026-03-30.

use super::date::Date;
use super::number::NumberError;
use super::quantity::{Mg, Ml};
use super::recipe::Concentration;
use super::warning::Warning;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Longest custom use-by period, in days.
pub const MAX_BEYOND_USE_DAYS: u32 = 180;
/// The longest use-by the guidance supports for plain water without
/// preservative, in days: seed 000 says LDN liquid keeps at most 30 days in
/// the refrigerator (USP <795> is stricter still: 14 days).
pub const GUIDANCE_MAX_DAYS: u32 = 30;
/// "Expires soon" means within this many days.
pub const EXPIRES_SOON_DAYS: i32 = 3;

/// How many days a batch may be used, and on whose authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeyondUse {
    /// 30 days in the refrigerator: the LDN patient guidance (seed 000).
    LdnGuidance,
    /// 14 days refrigerated: USP <795> for non-preserved aqueous preparations.
    Usp795,
    /// Another period, 1 to 180 days.
    Custom(u32),
}

impl BeyondUse {
    /// A policy from a number of days: the presets by name, others custom.
    pub fn from_days(days: u32) -> Result<BeyondUse, NumberError> {
        match days {
            30 => Ok(BeyondUse::LdnGuidance),
            14 => Ok(BeyondUse::Usp795),
            0 => Err(NumberError::BelowMinimum { min: Decimal::ONE }),
            d if d > MAX_BEYOND_USE_DAYS => Err(NumberError::AboveMaximum {
                max: MAX_BEYOND_USE_DAYS.into(),
            }),
            d => Ok(BeyondUse::Custom(d)),
        }
    }

    pub fn days(self) -> u32 {
        match self {
            BeyondUse::LdnGuidance => 30,
            BeyondUse::Usp795 => 14,
            BeyondUse::Custom(d) => d.clamp(1, MAX_BEYOND_USE_DAYS),
        }
    }

    /// The last day a batch prepared on `prepared` may be used.
    pub fn last_day(self, prepared: Date) -> Date {
        prepared.add_days(self.days() as i32 - 1)
    }
}

/// Where a batch stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expiry {
    pub prepared: Date,
    pub last_day: Date,
    /// Days it may still be used counting today (0 once expired; the whole
    /// period if it is prepared in the future).
    pub days_left: u32,
    pub expired: bool,
}

/// The batch's last day and days left as of `today`.
pub fn expiry(prepared: Date, policy: BeyondUse, today: Date) -> Expiry {
    let last_day = policy.last_day(prepared);
    let from = today.max(prepared);
    let left = from.days_until(last_day) + 1;
    Expiry {
        prepared,
        last_day,
        days_left: left.max(0) as u32,
        expired: today > last_day,
    }
}

/// How a batch is used up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supply {
    /// Whole doses the bottle holds at the rounded draw.
    pub doses_per_batch: u32,
    /// What is left after the last whole dose, in mL.
    pub remainder_ml: Ml,
    /// Days the bottle lasts at `draws_per_day` draws a day.
    pub days_of_supply: u32,
    /// Days it may be used (the use-by period).
    pub use_by_days: u32,
    /// What is thrown away on the last day of use (or, if it runs out first,
    /// the remainder), in mL and mg.
    pub waste_ml: Ml,
    pub waste_mg: Mg,
    /// `OutlastsUseBy` when the bottle holds more than can be used in time.
    pub warnings: Vec<Warning>,
}

/// The supply of a bottle of `final_ml` at `concentration`, drawn
/// `draws_per_day` times a day at `draw_ml` each.
pub fn supply(
    final_ml: Ml,
    concentration: Concentration,
    draw_ml: Ml,
    draws_per_day: u32,
    policy: BeyondUse,
) -> Supply {
    let use_by_days = policy.days();
    if draw_ml <= Ml::ZERO || draws_per_day == 0 {
        // Nothing is drawn: everything is wasted at the end.
        return Supply {
            doses_per_batch: 0,
            remainder_ml: final_ml,
            days_of_supply: 0,
            use_by_days,
            waste_ml: final_ml,
            waste_mg: concentration.mg_in(final_ml),
            warnings: vec![Warning::OutlastsUseBy],
        };
    }
    // mL / mL: a plain count of doses.
    let doses = (final_ml.value() / draw_ml.value()).floor();
    // final_ml <= 1000 and draw_ml >= 0.001, so at most 1,000,000 doses.
    let doses_per_batch = doses.to_u32().unwrap_or(u32::MAX);
    let remainder_ml = final_ml - draw_ml * doses_per_batch;
    let days_of_supply = doses_per_batch / draws_per_day;
    let used_days = days_of_supply.min(use_by_days);
    let used_ml = draw_ml * used_days * draws_per_day;
    let waste_ml = (final_ml - used_ml).normalize();
    let mut warnings = Vec::new();
    if days_of_supply > use_by_days {
        warnings.push(Warning::OutlastsUseBy);
    }
    Supply {
        doses_per_batch,
        remainder_ml: remainder_ml.normalize(),
        days_of_supply,
        use_by_days,
        waste_ml,
        waste_mg: concentration.mg_in(waste_ml),
        warnings,
    }
}

/// Expiry warnings for a batch as of today.
pub fn expiry_warnings(expiry: &Expiry) -> Vec<Warning> {
    if expiry.expired {
        vec![Warning::Expired]
    } else if expiry.days_left as i32 <= EXPIRES_SOON_DAYS {
        vec![Warning::ExpiresSoon]
    } else {
        vec![]
    }
}

/// Warnings about a batch's dates as entered, as of `today`: a use-by
/// longer than the guidance, and a preparation day after today (a typo
/// there makes an old bottle look fresh).
pub fn dating_warnings(prepared: Date, policy: BeyondUse, today: Date) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if prepared > today {
        warnings.push(Warning::PreparedInFuture);
    }
    warnings.extend(use_by_warnings(policy));
    warnings
}

/// `UseByBeyondGuidance` when `policy` keeps a bottle longer than the
/// guidance: for bottles not yet prepared too (a plan's).
pub fn use_by_warnings(policy: BeyondUse) -> Vec<Warning> {
    if policy.days() > GUIDANCE_MAX_DAYS {
        vec![Warning::UseByBeyondGuidance]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recipe::Recipe;
    use crate::testing::{date, dec};

    fn ml(s: &str) -> Ml {
        Ml::new(dec(s))
    }

    fn mg(s: &str) -> Mg {
        Mg::new(dec(s))
    }

    /// Nothing drawn (a zero draw, or no draws a day) is the whole bottle
    /// wasted, never a division by zero.
    #[test]
    fn nothing_drawn_is_everything_wasted() {
        let c = Recipe::new(mg("50"), 1, ml("50")).unwrap().concentration();
        for (draw, per_day) in [("0", 1), ("1", 0), ("0", 0)] {
            let s = supply(ml("50"), c, ml(draw), per_day, BeyondUse::LdnGuidance);
            assert_eq!(
                (s.doses_per_batch, s.days_of_supply),
                (0, 0),
                "{draw} x {per_day}"
            );
            assert_eq!(s.waste_ml, ml("50"));
        }
    }

    /// A bottle that lasts exactly its use-by period does not outlast it
    /// (nothing is thrown away); one more day's worth does.
    #[test]
    fn supply_equal_to_the_use_by_period_is_not_too_much() {
        let c = Recipe::new(mg("50"), 1, ml("30")).unwrap().concentration();
        let exact = supply(ml("30"), c, ml("1"), 1, BeyondUse::LdnGuidance);
        assert_eq!((exact.days_of_supply, exact.use_by_days), (30, 30));
        assert!(!exact.warnings.contains(&Warning::OutlastsUseBy));
        assert_eq!(exact.waste_ml, Ml::ZERO);
        let more = supply(ml("31"), c, ml("1"), 1, BeyondUse::LdnGuidance);
        assert_eq!(more.days_of_supply, 31);
        assert!(more.warnings.contains(&Warning::OutlastsUseBy));
        assert_eq!(more.waste_ml, ml("1"));
    }

    #[test]
    fn preparation_day_is_day_one() {
        // 30 days from 1 March: 1 March is day 1, 30 March day 30.
        assert_eq!(
            BeyondUse::LdnGuidance.last_day(date("2026-03-01")),
            date("2026-03-30")
        );
        // USP 14 days from 1 March: up to 14 March.
        assert_eq!(
            BeyondUse::Usp795.last_day(date("2026-03-01")),
            date("2026-03-14")
        );
        // Across a leap day: 15 Feb 2028 + 29 days = 15 March 2028 (29 Feb exists).
        assert_eq!(
            BeyondUse::LdnGuidance.last_day(date("2028-02-15")),
            date("2028-03-15")
        );
        // And in a common year: 15 Feb 2027 + 29 days = 16 March 2027.
        assert_eq!(
            BeyondUse::LdnGuidance.last_day(date("2027-02-15")),
            date("2027-03-16")
        );
        assert_eq!(
            BeyondUse::Custom(1).last_day(date("2026-03-01")),
            date("2026-03-01")
        );
    }

    #[test]
    fn days_left_and_expiry() {
        let p = date("2026-03-01");
        let e = |today| expiry(p, BeyondUse::LdnGuidance, date(today));
        assert_eq!(e("2026-03-01").days_left, 30);
        assert_eq!(e("2026-03-28").days_left, 3);
        assert_eq!(
            expiry_warnings(&e("2026-03-28")),
            vec![Warning::ExpiresSoon]
        );
        assert_eq!(expiry_warnings(&e("2026-03-27")), vec![]);
        assert_eq!(e("2026-03-30").days_left, 1);
        assert!(!e("2026-03-30").expired);
        assert_eq!(e("2026-03-31").days_left, 0);
        assert!(e("2026-03-31").expired);
        assert_eq!(expiry_warnings(&e("2026-03-31")), vec![Warning::Expired]);
        assert_eq!(e("2026-02-20").days_left, 30); // prepared in the future
    }

    #[test]
    fn classic_bottle_at_four_and_a_half_mg() {
        // 50 mL at 1 mg/mL, 4.5 mL a day: 50 / 4.5 = 11 doses, 0.5 mL left;
        // 11 days of supply, within 30 days: only the 0.5 mL remainder is waste.
        let r = Recipe::new(mg("50"), 1, ml("50")).unwrap();
        let s = supply(
            r.final_ml(),
            r.concentration(),
            ml("4.5"),
            1,
            BeyondUse::LdnGuidance,
        );
        assert_eq!(
            (s.doses_per_batch, s.remainder_ml, s.days_of_supply),
            (11, ml("0.5"), 11)
        );
        assert_eq!((s.waste_ml, s.waste_mg), (ml("0.5"), mg("0.5")));
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn bottle_that_outlasts_its_use_by() {
        // 50 mL at 1 mg/mL, 1.5 mL a day: 33 doses (0.5 mL left), 33 days,
        // but only 30 may be used: 50 - 30 x 1.5 = 5 mL (5 mg) thrown away.
        let r = Recipe::new(mg("50"), 1, ml("50")).unwrap();
        let s = supply(
            r.final_ml(),
            r.concentration(),
            ml("1.5"),
            1,
            BeyondUse::LdnGuidance,
        );
        assert_eq!((s.doses_per_batch, s.days_of_supply), (33, 33));
        assert_eq!((s.waste_ml, s.waste_mg), (ml("5"), mg("5")));
        assert_eq!(s.warnings, vec![Warning::OutlastsUseBy]);
        // Twice a day at 0.75 mL: 66 draws, 33 days: the same waste.
        let s = supply(
            r.final_ml(),
            r.concentration(),
            ml("0.75"),
            2,
            BeyondUse::LdnGuidance,
        );
        assert_eq!(
            (s.doses_per_batch, s.days_of_supply, s.waste_ml),
            (66, 33, ml("5"))
        );
        // With USP's 14 days: 50 - 14 x 1.5 = 29 mL wasted.
        let s = supply(
            r.final_ml(),
            r.concentration(),
            ml("1.5"),
            1,
            BeyondUse::Usp795,
        );
        assert_eq!(s.waste_ml, ml("29"));
    }

    #[test]
    fn policies_from_days() {
        assert_eq!(BeyondUse::from_days(30), Ok(BeyondUse::LdnGuidance));
        assert_eq!(BeyondUse::from_days(14), Ok(BeyondUse::Usp795));
        assert_eq!(BeyondUse::from_days(60), Ok(BeyondUse::Custom(60)));
        assert!(BeyondUse::from_days(0).is_err());
        assert!(BeyondUse::from_days(181).is_err());
    }

    #[test]
    fn dates_beyond_the_guidance_or_in_the_future_warn() {
        let today = date("2026-03-01");
        let warn = |prepared: &str, days: u32| {
            dating_warnings(date(prepared), BeyondUse::from_days(days).unwrap(), today)
        };
        // 30 days (seed 000) and 14 days (USP <795>): within the guidance.
        assert_eq!(warn("2026-03-01", 30), vec![]);
        assert_eq!(warn("2026-03-01", 14), vec![]);
        // 31 days is one more than 30: beyond it; so are 45 and 180.
        assert_eq!(warn("2026-03-01", 31), vec![Warning::UseByBeyondGuidance]);
        assert_eq!(warn("2026-03-01", 180), vec![Warning::UseByBeyondGuidance]);
        // Prepared yesterday or today: fine. Tomorrow, or a year ahead
        // (2027 typed for 2026): after today.
        assert_eq!(warn("2026-02-28", 30), vec![]);
        assert_eq!(warn("2026-03-02", 30), vec![Warning::PreparedInFuture]);
        assert_eq!(
            warn("2027-03-01", 45),
            vec![Warning::PreparedInFuture, Warning::UseByBeyondGuidance]
        );
    }
}
