//! Typed quantities: a mass, a volume and a concentration are different
//! types, so a volume cannot be passed where a mass is wanted.
//!
//! Each is an exact `Decimal`. Only same-unit arithmetic is offered here;
//! turning a mass into a volume (or back) goes through
//! [`Concentration`](super::recipe::Concentration), which keeps the exact
//! fraction and multiplies before dividing.

use rust_decimal::Decimal;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Sub, SubAssign};

macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(Decimal);

        impl $name {
            /// Nothing of it; the neutral element of `+`.
            pub const ZERO: $name = $name(Decimal::ZERO);

            /// Wraps a bare number that is known to be in this unit.
            pub const fn new(value: Decimal) -> $name {
                $name(value)
            }

            /// The bare number, for formatting and storage at the edges.
            pub const fn value(self) -> Decimal {
                self.0
            }

            /// Whether it is exactly zero (a draw that rounds to nothing).
            pub fn is_zero(self) -> bool {
                self.0.is_zero()
            }

            /// The same amount with trailing zeros dropped (`4.50` -> `4.5`).
            pub fn normalize(self) -> $name {
                $name(self.0.normalize())
            }

            /// `self + other`, or `None` on overflow (totals of user input).
            pub fn checked_add(self, other: $name) -> Option<$name> {
                self.0.checked_add(other.0).map($name)
            }

            /// `self - other`, or `None` on overflow.
            pub fn checked_sub(self, other: $name) -> Option<$name> {
                self.0.checked_sub(other.0).map($name)
            }

            /// `self x count`, or `None` on overflow.
            pub fn checked_times(self, count: u32) -> Option<$name> {
                self.0.checked_mul(Decimal::from(count)).map($name)
            }
        }

        /// Same-unit sum: mg + mg is mg.
        impl Add for $name {
            type Output = $name;
            fn add(self, other: $name) -> $name {
                $name(self.0 + other.0)
            }
        }

        /// Same-unit difference: mg - mg is mg (may be negative).
        impl Sub for $name {
            type Output = $name;
            fn sub(self, other: $name) -> $name {
                $name(self.0 - other.0)
            }
        }

        /// Same-unit running total: a bottle's waste grows in mL.
        impl AddAssign for $name {
            fn add_assign(&mut self, other: $name) {
                self.0 += other.0;
            }
        }

        /// Same-unit running difference: what is left in a bottle.
        impl SubAssign for $name {
            fn sub_assign(&mut self, other: $name) {
                self.0 -= other.0;
            }
        }

        /// A count of equal amounts: 3 tablets x 50 mg is 150 mg.
        impl Mul<u32> for $name {
            type Output = $name;
            fn mul(self, count: u32) -> $name {
                $name(self.0 * Decimal::from(count))
            }
        }

        /// Totals over many amounts of one unit.
        impl Sum for $name {
            fn sum<I: Iterator<Item = $name>>(iter: I) -> $name {
                iter.fold($name::ZERO, |a, b| a + b)
            }
        }

        /// Totals over borrowed amounts of one unit.
        impl<'a> Sum<&'a $name> for $name {
            fn sum<I: Iterator<Item = &'a $name>>(iter: I) -> $name {
                iter.copied().sum()
            }
        }
    };
}

quantity! {
    /// A mass in milligrams (a dose, a tablet, what a draw delivers).
    Mg
}

quantity! {
    /// A volume in millilitres (a draw, a bottle, a syringe's capacity).
    Ml
}

quantity! {
    /// A concentration in mg per mL, as typed or shown; arithmetic with it
    /// goes through `Concentration`, which keeps the exact fraction.
    MgPerMl
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::dec;

    #[test]
    fn accessors_round_trip() {
        assert_eq!(Mg::new(dec("4.5")).value(), dec("4.5"));
        assert_eq!(Ml::new(dec("0.25")).value(), dec("0.25"));
        assert_eq!(MgPerMl::new(dec("1")).value(), dec("1"));
        assert_eq!(Mg::default(), Mg::ZERO);
        assert!(Ml::ZERO.is_zero());
        assert!(!Ml::new(dec("0.01")).is_zero());
        assert_eq!(Ml::new(dec("4.50")).normalize().value().to_string(), "4.5");
    }

    #[test]
    fn same_unit_add_sub() {
        let a = Mg::new(dec("4.5"));
        let b = Mg::new(dec("0.25"));
        assert_eq!(a + b, Mg::new(dec("4.75")));
        assert_eq!(b - a, Mg::new(dec("-4.25")));
        let mut left = Ml::new(dec("50"));
        left -= Ml::new(dec("4.5"));
        left += Ml::new(dec("0.5"));
        assert_eq!(left, Ml::new(dec("46")));
        assert_eq!(a.checked_add(b), Some(Mg::new(dec("4.75"))));
        assert_eq!(a.checked_sub(b), Some(Mg::new(dec("4.25"))));
        assert_eq!(
            Ml::new(Decimal::MAX).checked_add(Ml::new(Decimal::ONE)),
            None
        );
        assert_eq!(
            Ml::new(Decimal::MIN).checked_sub(Ml::new(Decimal::ONE)),
            None
        );
    }

    #[test]
    fn times_a_count() {
        assert_eq!(Mg::new(dec("50")) * 3, Mg::new(dec("150")));
        assert_eq!(Ml::new(dec("4.2")) * 2, Ml::new(dec("8.4")));
        assert_eq!(
            Mg::new(dec("50")).checked_times(3),
            Some(Mg::new(dec("150")))
        );
        assert_eq!(Mg::new(Decimal::MAX).checked_times(2), None);
    }

    #[test]
    fn sums() {
        let draws = [
            Ml::new(dec("1.5")),
            Ml::new(dec("2.25")),
            Ml::new(dec("0.25")),
        ];
        assert_eq!(draws.iter().sum::<Ml>(), Ml::new(dec("4")));
        assert_eq!(draws.into_iter().sum::<Ml>(), Ml::new(dec("4")));
        assert_eq!(Vec::<Mg>::new().into_iter().sum::<Mg>(), Mg::ZERO);
    }

    #[test]
    fn order_follows_the_number() {
        assert!(Ml::new(dec("0.1")) < Ml::new(dec("0.25")));
        assert_eq!(
            Mg::new(dec("3")).max(Mg::new(dec("4.5"))),
            Mg::new(dec("4.5"))
        );
    }
}
