//! What goes into the bottle: tablets made up to a final volume (q.s.), and
//! the concentration that results.
//!
//! The concentration is kept as the exact fraction "total mg in final mL":
//! volumes for a dose are computed as `dose x mL / mg` and doses for a volume
//! as `volume x mg / mL`, multiplying before dividing, so a result that has
//! a finite decimal (4.5 mg at 150 mg / 140 mL = 4.2 mL) is exact.

use super::number::NumberError;
use super::quantity::{Mg, MgPerMl, Ml};
use rust_decimal::{Decimal, RoundingStrategy};

/// Largest custom tablet strength accepted, in mg.
pub const MAX_TABLET_MG: Decimal = Decimal::from_parts(100, 0, 0, false, 0);
/// Tablet count limits.
pub const MIN_TABLETS: u32 = 1;
pub const MAX_TABLETS: u32 = 100;
/// Final volume limits, in mL.
pub const MIN_VOLUME_ML: Decimal = Decimal::from_parts(1, 0, 0, false, 0);
pub const MAX_VOLUME_ML: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// Tablet strengths that are sold: 50 mg (most countries), 3 mg (Norway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabletPreset {
    Mg50,
    Mg3,
}

impl TabletPreset {
    pub const ALL: [TabletPreset; 2] = [TabletPreset::Mg50, TabletPreset::Mg3];

    pub fn mg(self) -> Mg {
        Mg::new(match self {
            TabletPreset::Mg50 => Decimal::from(50),
            TabletPreset::Mg3 => Decimal::from(3),
        })
    }
}

/// Why a recipe was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipeError {
    TabletStrength(NumberError),
    TabletCount(NumberError),
    FinalVolume(NumberError),
    TargetConcentration(NumberError),
}

fn in_range(value: Decimal, min: Decimal, max: Decimal) -> Result<Decimal, NumberError> {
    super::number::check_range(value, min, max)
}

/// An exact concentration: `mg` milligrams in `ml` millilitres (both > 0).
///
/// The only bridge between [`Mg`] and [`Ml`]: a mass becomes a volume (or
/// back) here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concentration {
    mg: Decimal,
    ml: Decimal,
}

impl Concentration {
    /// `mg` in `ml`; both must be positive.
    pub fn new(mg: Mg, ml: Ml) -> Option<Concentration> {
        let (mg, ml) = (mg.value(), ml.value());
        (mg > Decimal::ZERO && ml > Decimal::ZERO).then_some(Concentration { mg, ml })
    }

    /// A concentration typed as mg/mL (e.g. read off a label).
    pub fn per_ml(mg_per_ml: MgPerMl) -> Option<Concentration> {
        Concentration::new(Mg::new(mg_per_ml.value()), Ml::new(Decimal::ONE))
    }

    /// mg per mL, as a decimal (28 significant digits when it repeats).
    pub fn mg_per_ml(self) -> MgPerMl {
        MgPerMl::new(self.mg / self.ml)
    }

    /// The volume that holds `dose_mg`.
    pub fn ml_for(self, dose_mg: Mg) -> Ml {
        Ml::new(dose_mg.value() * self.ml / self.mg)
    }

    /// The amount in `volume_ml`.
    pub fn mg_in(self, volume_ml: Ml) -> Mg {
        Mg::new(volume_ml.value() * self.mg / self.ml)
    }

    /// This solution diluted: `take_ml` of it made up to `to_ml`.
    pub fn diluted(self, take_ml: Ml, to_ml: Ml) -> Option<Concentration> {
        // (mg x take) in (ml x to): the exact fraction, never divided here.
        let mg = self.mg * take_ml.value();
        let ml = self.ml * to_ml.value();
        (mg > Decimal::ZERO && ml > Decimal::ZERO).then_some(Concentration { mg, ml })
    }
}

/// The concentrations LDN oral liquids are made in, in mg/mL, lowest and
/// highest. The strongest is 5 mg/mL, in the LDN Research Trust's material
/// for pharmacists (0.1 mL = 0.5 mg; 1 mg/mL is the most common liquid).
/// The most dilute is below every solution this app's own serial dilutions
/// make (0.0002 mg/mL for 1 microgram on a 10 mL syringe; the dilution
/// module's tests check every proposal against it).
pub const LDN_LIQUID_MG_PER_ML: (Decimal, Decimal) = (
    Decimal::from_parts(1, 0, 0, false, 4),
    Decimal::from_parts(5, 0, 0, false, 0),
);

/// A concentration this many times stronger or weaker than the one
/// expected is questioned: a slipped decimal point is ten times, a bottle
/// of another strength often five.
pub const UNUSUAL_FACTOR: u32 = 5;

/// Why a concentration read off a label is questioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unusual {
    /// Outside `LDN_LIQUID_MG_PER_ML`.
    pub outside_range: bool,
    /// Against the concentration expected, when `UNUSUAL_FACTOR` times or
    /// more away: the expected one, how many times stronger or weaker the
    /// typed one is (at least 1), and whether stronger.
    pub against: Option<(Concentration, Decimal, bool)>,
}

/// Whether `typed` is unusual: outside the range LDN liquids are made in,
/// or `UNUSUAL_FACTOR` times or more from `expected` either way.
pub fn unusual(typed: Concentration, expected: Option<Concentration>) -> Option<Unusual> {
    let value = typed.mg_per_ml().value();
    let (low, high) = LDN_LIQUID_MG_PER_ML;
    let outside_range = value < low || value > high;
    let against = expected.and_then(|e| {
        let e_value = e.mg_per_ml().value();
        let stronger = value >= e_value;
        let times = if stronger {
            value.checked_div(e_value)?
        } else {
            e_value.checked_div(value)?
        };
        (times >= Decimal::from(UNUSUAL_FACTOR)).then_some((e, times, stronger))
    });
    (outside_range || against.is_some()).then_some(Unusual {
        outside_range,
        against,
    })
}

/// A validated recipe: `tablets` x `tablet_mg`, made up to `final_ml` with water.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipe {
    tablet_mg: Mg,
    tablets: u32,
    final_ml: Ml,
}

impl Recipe {
    pub fn new(tablet_mg: Mg, tablets: u32, final_ml: Ml) -> Result<Recipe, RecipeError> {
        let tablet_mg = in_range(tablet_mg.value(), Decimal::new(1, 3), MAX_TABLET_MG)
            .map_err(RecipeError::TabletStrength)?;
        if !(MIN_TABLETS..=MAX_TABLETS).contains(&tablets) {
            let err = if tablets < MIN_TABLETS {
                NumberError::BelowMinimum {
                    min: MIN_TABLETS.into(),
                }
            } else {
                NumberError::AboveMaximum {
                    max: MAX_TABLETS.into(),
                }
            };
            return Err(RecipeError::TabletCount(err));
        }
        let final_ml = in_range(final_ml.value(), MIN_VOLUME_ML, MAX_VOLUME_ML)
            .map_err(RecipeError::FinalVolume)?;
        Ok(Recipe {
            tablet_mg: Mg::new(tablet_mg.normalize()),
            tablets,
            final_ml: Ml::new(final_ml.normalize()),
        })
    }

    /// The recipe that comes closest to `target_mg_per_ml` with a final
    /// volume a person can measure (see [`measurable_volume`]). Use the
    /// returned recipe's concentration, not the target, from then on.
    pub fn for_target(
        tablet_mg: Mg,
        tablets: u32,
        target_mg_per_ml: MgPerMl,
    ) -> Result<Recipe, RecipeError> {
        let target = in_range(
            target_mg_per_ml.value(),
            Decimal::new(1, 3),
            Decimal::from(100),
        )
        .map_err(RecipeError::TargetConcentration)?;
        let total = tablet_mg * tablets;
        // mg / (mg/mL) = mL: the one division by a bare concentration.
        let volume = measurable_volume(Ml::new(total.value() / target));
        Recipe::new(tablet_mg, tablets, volume)
    }

    pub fn tablet_mg(&self) -> Mg {
        self.tablet_mg
    }

    pub fn tablets(&self) -> u32 {
        self.tablets
    }

    pub fn final_ml(&self) -> Ml {
        self.final_ml
    }

    pub fn total_mg(&self) -> Mg {
        self.tablet_mg * self.tablets
    }

    pub fn concentration(&self) -> Concentration {
        // Both parts are positive: validated in `new`.
        Concentration {
            mg: self.total_mg().value(),
            ml: self.final_ml.value(),
        }
    }
}

/// The step a final volume is rounded to so it can be measured: 0.1 mL up
/// to 10 mL (a syringe), 0.5 mL up to 100 mL (a measuring cylinder), 1 mL
/// above.
pub fn volume_step(volume_ml: Ml) -> Ml {
    let volume_ml = volume_ml.value();
    Ml::new(if volume_ml <= Decimal::TEN {
        Decimal::new(1, 1)
    } else if volume_ml <= Decimal::ONE_HUNDRED {
        Decimal::new(5, 1)
    } else {
        Decimal::ONE
    })
}

/// `volume_ml` rounded to the nearest measurable step (ties up, as a
/// larger volume gives the more dilute, safer solution).
pub fn measurable_volume(volume_ml: Ml) -> Ml {
    let step = volume_step(volume_ml).value();
    let volume_ml = volume_ml.value();
    Ml::new(
        ((volume_ml / step).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            * step)
            .normalize(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::dec;

    fn mg(s: &str) -> Mg {
        Mg::new(dec(s))
    }

    /// The recipe keeps what it was made of (the label and record print it).
    #[test]
    fn a_recipe_keeps_its_tablets() {
        let r = Recipe::new(mg("3"), 4, Ml::new(dec("12"))).unwrap();
        assert_eq!(
            (r.tablet_mg(), r.tablets(), r.final_ml()),
            (mg("3"), 4, Ml::new(dec("12")))
        );
        assert_eq!(r.total_mg(), mg("12"));
    }

    /// Diluting nothing, or into nothing, gives no solution (never a
    /// concentration of zero or a division by zero later).
    #[test]
    fn a_dilution_of_nothing_is_none() {
        let c = Recipe::new(mg("50"), 1, Ml::new(dec("50")))
            .unwrap()
            .concentration();
        assert_eq!(c.diluted(Ml::ZERO, Ml::new(dec("10"))), None);
        assert_eq!(c.diluted(Ml::new(dec("1")), Ml::ZERO), None);
        let d = c.diluted(Ml::new(dec("1")), Ml::new(dec("10"))).unwrap();
        assert_eq!(d.mg_per_ml().value(), dec("0.1"));
    }

    fn ml(s: &str) -> Ml {
        Ml::new(dec(s))
    }

    fn per_ml(s: &str) -> MgPerMl {
        MgPerMl::new(dec(s))
    }

    #[test]
    fn classic_recipe_is_one_mg_per_ml() {
        // 1 x 50 mg made up to 50 mL: 50 / 50 = 1 mg/mL.
        let r = Recipe::new(mg("50"), 1, ml("50")).unwrap();
        assert_eq!(r.concentration().mg_per_ml(), per_ml("1"));
        assert_eq!(r.concentration().ml_for(mg("4.5")), ml("4.5"));
    }

    #[test]
    fn three_tablets_in_140_ml_is_not_one_mg_per_ml() {
        // 3 x 50 = 150 mg in 140 mL: 150 / 140 = 1.0714... mg/mL;
        // 4.5 mg needs 4.5 x 140 / 150 = 4.2 mL, exactly.
        let c = Recipe::new(mg("50"), 3, ml("140")).unwrap().concentration();
        assert_eq!(c.ml_for(mg("4.5")), ml("4.2"));
        // Drawing 4.5 mL by mistake gives 4.5 x 150 / 140 = 4.8214... mg (+7 %).
        assert!(c.mg_in(ml("4.5")) > mg("4.82") && c.mg_in(ml("4.5")) < mg("4.83"));
    }

    #[test]
    fn norwegian_three_mg_tablets() {
        // 1 x 3 mg made up to 3 mL: 1 mg/mL; made up to 6 mL: 0.5 mg/mL.
        let c = Recipe::new(mg("3"), 1, ml("6")).unwrap().concentration();
        assert_eq!(c.mg_per_ml(), per_ml("0.5"));
        assert_eq!(c.ml_for(mg("1.5")), ml("3"));
    }

    #[test]
    fn target_concentration_rounds_volume_to_a_measurable_step() {
        // 50 mg at 1 mg/mL: 50 mL exactly.
        let r = Recipe::for_target(mg("50"), 1, per_ml("1")).unwrap();
        assert_eq!(r.final_ml(), ml("50"));
        // 50 mg at 0.3 mg/mL: 166.67 mL -> 167 mL (1 mL steps above 100 mL),
        // actual 50 / 167 = 0.2994 mg/mL.
        let r = Recipe::for_target(mg("50"), 1, per_ml("0.3")).unwrap();
        assert_eq!(r.final_ml(), ml("167"));
        // 3 mg at 0.7 mg/mL: 4.2857 mL -> 4.3 mL (0.1 mL steps up to 10 mL).
        let r = Recipe::for_target(mg("3"), 1, per_ml("0.7")).unwrap();
        assert_eq!(r.final_ml(), ml("4.3"));
        // 50 mg at 1.3 mg/mL: 38.46 mL -> 38.5 mL (0.5 mL steps up to 100 mL).
        let r = Recipe::for_target(mg("50"), 1, per_ml("1.3")).unwrap();
        assert_eq!(r.final_ml(), ml("38.5"));
    }

    #[test]
    fn refuses_out_of_range() {
        assert!(matches!(
            Recipe::new(mg("0"), 1, ml("50")),
            Err(RecipeError::TabletStrength(_))
        ));
        assert!(matches!(
            Recipe::new(mg("150"), 1, ml("50")),
            Err(RecipeError::TabletStrength(_))
        ));
        assert!(matches!(
            Recipe::new(mg("50"), 0, ml("50")),
            Err(RecipeError::TabletCount(_))
        ));
        assert!(matches!(
            Recipe::new(mg("50"), 101, ml("50")),
            Err(RecipeError::TabletCount(_))
        ));
        assert!(matches!(
            Recipe::new(mg("50"), 1, ml("0.5")),
            Err(RecipeError::FinalVolume(_))
        ));
        assert!(matches!(
            Recipe::new(mg("50"), 1, ml("2000")),
            Err(RecipeError::FinalVolume(_))
        ));
        // 50 mg at 0.01 mg/mL would need 5000 mL.
        assert!(matches!(
            Recipe::for_target(mg("50"), 1, per_ml("0.01")),
            Err(RecipeError::FinalVolume(_))
        ));
        assert!(matches!(
            Recipe::for_target(mg("50"), 1, per_ml("0")),
            Err(RecipeError::TargetConcentration(_))
        ));
    }

    #[test]
    fn a_concentration_is_questioned_outside_the_range_or_far_from_the_recipe() {
        let c = |v: &str| Concentration::per_ml(MgPerMl::new(dec(v))).unwrap();
        let one = Some(c("1"));
        // The review's two: 0.1 mg/mL typed from a 1 mg/mL bottle (10 times
        // weaker), and 10 mg/mL (outside the range, 10 times stronger).
        let u = unusual(c("0.1"), one).unwrap();
        assert!(!u.outside_range);
        assert_eq!(u.against, Some((c("1"), dec("10"), false)));
        let u = unusual(c("10"), one).unwrap();
        assert!(u.outside_range);
        assert_eq!(u.against.map(|a| (a.1, a.2)), Some((dec("10"), true)));
        // 5 times is questioned, 4.99 is not; 5 mg/mL itself is in range.
        assert!(unusual(c("0.2"), one).is_some());
        assert_eq!(unusual(c("0.2004"), one), None);
        assert_eq!(unusual(c("5"), Some(c("1.2"))), None);
        assert!(unusual(c("5.01"), Some(c("5"))).unwrap().outside_range);
        // Without a recipe to compare with, only the range.
        assert_eq!(unusual(c("0.1"), None), None);
        assert_eq!(unusual(c("0.0001"), None), None);
        assert!(unusual(c("0.00009"), None).is_some());
    }
}
