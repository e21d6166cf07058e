//! Oral syringes and what they can measure: a draw is rounded to the
//! nearest graduation mark, and an exact tie goes to the smaller volume,
//! never up.

use super::number::NumberError;
use super::quantity::Ml;
use rust_decimal::Decimal;

/// The oral syringe sizes commonly sold, with their smallest marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SyringePreset {
    Ml0_5,
    Ml1,
    Ml3,
    Ml5,
    Ml10,
}

impl SyringePreset {
    /// Smallest first.
    pub const ALL: [SyringePreset; 5] = [
        SyringePreset::Ml0_5,
        SyringePreset::Ml1,
        SyringePreset::Ml3,
        SyringePreset::Ml5,
        SyringePreset::Ml10,
    ];

    pub fn syringe(self) -> Syringe {
        let (capacity, graduation) = match self {
            SyringePreset::Ml0_5 => (Decimal::new(5, 1), Decimal::new(1, 2)),
            SyringePreset::Ml1 => (Decimal::ONE, Decimal::new(1, 2)),
            SyringePreset::Ml3 => (Decimal::from(3), Decimal::new(1, 1)),
            SyringePreset::Ml5 => (Decimal::from(5), Decimal::new(2, 1)),
            SyringePreset::Ml10 => (Decimal::TEN, Decimal::new(2, 1)),
        };
        Syringe {
            capacity_ml: Ml::new(capacity),
            graduation_ml: Ml::new(graduation),
        }
    }

    /// The preset of this capacity, if there is one.
    pub fn from_capacity(capacity_ml: Ml) -> Option<SyringePreset> {
        SyringePreset::ALL
            .into_iter()
            .find(|p| p.syringe().capacity_ml == capacity_ml)
    }
}

/// Why a custom syringe was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyringeError {
    Capacity(NumberError),
    Graduation(NumberError),
}

/// A syringe: how much it holds and the distance between its marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Syringe {
    capacity_ml: Ml,
    graduation_ml: Ml,
}

impl Syringe {
    /// A custom syringe: capacity 0.1 to 60 mL; marks 0.001 mL up to the capacity.
    pub fn custom(capacity_ml: Ml, graduation_ml: Ml) -> Result<Syringe, SyringeError> {
        let capacity_ml =
            super::number::check_range(capacity_ml.value(), Decimal::new(1, 1), Decimal::from(60))
                .map_err(SyringeError::Capacity)?;
        let graduation_ml =
            super::number::check_range(graduation_ml.value(), Decimal::new(1, 3), capacity_ml)
                .map_err(SyringeError::Graduation)?;
        Ok(Syringe {
            capacity_ml: Ml::new(capacity_ml.normalize()),
            graduation_ml: Ml::new(graduation_ml.normalize()),
        })
    }

    pub fn capacity_ml(&self) -> Ml {
        self.capacity_ml
    }

    pub fn graduation_ml(&self) -> Ml {
        self.graduation_ml
    }

    /// The preset this syringe is, if any.
    pub fn preset(&self) -> Option<SyringePreset> {
        SyringePreset::ALL
            .into_iter()
            .find(|p| p.syringe() == *self)
    }

    /// The mark nearest to `exact_ml`; on an exact tie, the smaller one.
    /// Never negative. Not limited to the capacity: the caller warns.
    pub fn round_to_mark(&self, exact_ml: Ml) -> Ml {
        let exact_ml = exact_ml.value();
        if exact_ml <= Decimal::ZERO {
            return Ml::ZERO;
        }
        let g = self.graduation_ml.value();
        // The quotient is rounded at 28 digits, so a volume a hair below a
        // mark can give that mark as `lower` (never a mark too low: rounding
        // keeps order and marks are exact). Then `lower` is also the nearest
        // mark, which the choice below takes (tested at full precision in
        // crates/engine/tests/properties.rs).
        let lower = (exact_ml / g).floor() * g;
        let upper = lower + g;
        let rounded = if exact_ml - lower <= upper - exact_ml {
            lower
        } else {
            upper
        };
        Ml::new(rounded.normalize())
    }

    /// Whether `ml` lies exactly on a mark.
    pub fn is_on_mark(&self, ml: Ml) -> bool {
        (ml.value() % self.graduation_ml.value()).is_zero()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::dec;

    fn ml(s: &str) -> Ml {
        Ml::new(dec(s))
    }

    fn check(preset: SyringePreset, exact: &str, expected: &str) {
        assert_eq!(
            preset.syringe().round_to_mark(ml(exact)),
            ml(expected),
            "{preset:?} {exact}"
        );
    }

    /// The plan's syringe proposal ("every dose on a mark") rests on this.
    #[test]
    fn a_volume_is_on_a_mark_only_if_the_marks_divide_it() {
        let s = SyringePreset::Ml3.syringe();
        assert!(s.is_on_mark(ml("1.5")) && s.is_on_mark(ml("0")) && s.is_on_mark(ml("3")));
        assert!(!s.is_on_mark(ml("1.55")) && !s.is_on_mark(ml("0.05")));
        let fine = SyringePreset::Ml1.syringe();
        assert!(fine.is_on_mark(ml("0.55")) && !fine.is_on_mark(ml("0.555")));
    }

    #[test]
    fn nearest_mark_ties_down() {
        check(SyringePreset::Ml1, "0.45", "0.45"); // on a mark
        check(SyringePreset::Ml1, "0.454", "0.45");
        check(SyringePreset::Ml1, "0.456", "0.46");
        check(SyringePreset::Ml1, "0.455", "0.45"); // tie: down
        check(SyringePreset::Ml3, "2.25", "2.2"); // tie: down
        check(SyringePreset::Ml3, "2.26", "2.3");
        check(SyringePreset::Ml5, "4.5", "4.4"); // marks every 0.2: 4.4 and 4.6, tie: down
        check(SyringePreset::Ml5, "4.51", "4.6");
        check(SyringePreset::Ml10, "0.1", "0"); // tie between 0 and 0.2: down to 0
        check(SyringePreset::Ml10, "0", "0");
        // 1 / 3 mL on a 0.01 mL syringe: 0.33.
        assert_eq!(
            SyringePreset::Ml1
                .syringe()
                .round_to_mark(Ml::new(Decimal::ONE / Decimal::from(3))),
            ml("0.33")
        );
    }

    #[test]
    fn custom_syringes() {
        let s = Syringe::custom(ml("2.5"), ml("0.05")).unwrap();
        assert_eq!(s.round_to_mark(ml("1.23")), ml("1.25"));
        assert_eq!(s.round_to_mark(ml("1.225")), ml("1.2"));
        assert!(matches!(
            Syringe::custom(ml("0"), ml("0.1")),
            Err(SyringeError::Capacity(_))
        ));
        assert!(matches!(
            Syringe::custom(ml("1"), ml("2")),
            Err(SyringeError::Graduation(_))
        ));
        assert!(matches!(
            Syringe::custom(ml("1"), ml("0")),
            Err(SyringeError::Graduation(_))
        ));
    }

    #[test]
    fn presets_are_recognised() {
        for p in SyringePreset::ALL {
            assert_eq!(p.syringe().preset(), Some(p));
            assert_eq!(
                SyringePreset::from_capacity(p.syringe().capacity_ml()),
                Some(p)
            );
        }
        assert_eq!(Syringe::custom(ml("1"), ml("0.05")).unwrap().preset(), None);
    }
}
