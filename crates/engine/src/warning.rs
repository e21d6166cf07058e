//! Everything the engine can warn about. Each code is stable: the UI shows it
//! as `data-warning="<code>"` and translates its text.

/// A warning, with its meaning and what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Warning {
    /// The daily total (dose x doses a day) is 25 mg or more: standard-dose
    /// naltrexone, not LDN.
    NotLowDose,
    /// The daily total is above 4.5 mg a day, the top of the LDN range.
    AboveLdnRange,
    /// The draw is more than the syringe holds: use a larger syringe.
    OverCapacity,
    /// The dose rounds to no volume at all on this syringe.
    RoundsToZero,
    /// The rounded draw is 0.1 mL or less, which oral syringes do not
    /// measure accurately: use a more dilute solution (a serial dilution).
    BelowAccuracy,
    /// The rounded draw delivers more than 5 % more or less than the dose.
    RoundingDeviation,
    /// The draw fills less than 20 % of the syringe: use a smaller one.
    LowFill,
    /// The batch holds more doses than can be used before its last day; the
    /// rest is thrown away.
    OutlastsUseBy,
    /// The batch is past its last day of use: discard it.
    Expired,
    /// The batch reaches its last day of use within 3 days.
    ExpiresSoon,
    /// The use-by is longer than 30 days: seed 000 says at most 30 days in
    /// the refrigerator, USP <795> 14 days for a water-based preparation
    /// without preservative.
    UseByBeyondGuidance,
    /// The preparation date is after today: perhaps a typo that makes an old
    /// bottle look fresh.
    PreparedInFuture,
    /// The recipe's concentration is outside the range LDN liquids are made
    /// in (`recipe::LDN_LIQUID_MG_PER_ML`): 20 tablets in 1 mL is not one.
    UnusualConcentration,
}

impl Warning {
    /// Every warning, in the order they are shown (most serious first).
    pub const ALL: [Warning; 13] = [
        Warning::UnusualConcentration,
        Warning::NotLowDose,
        Warning::AboveLdnRange,
        Warning::OverCapacity,
        Warning::RoundsToZero,
        Warning::BelowAccuracy,
        Warning::RoundingDeviation,
        Warning::LowFill,
        Warning::Expired,
        Warning::PreparedInFuture,
        Warning::UseByBeyondGuidance,
        Warning::ExpiresSoon,
        Warning::OutlastsUseBy,
    ];

    /// The stable code used in `data-warning` and in saved data.
    pub fn code(self) -> &'static str {
        match self {
            Warning::NotLowDose => "not-low-dose",
            Warning::AboveLdnRange => "above-ldn-range",
            Warning::OverCapacity => "over-capacity",
            Warning::RoundsToZero => "rounds-to-zero",
            Warning::BelowAccuracy => "below-accuracy",
            Warning::RoundingDeviation => "rounding-deviation",
            Warning::LowFill => "low-fill",
            Warning::OutlastsUseBy => "outlasts-use-by",
            Warning::Expired => "expired",
            Warning::ExpiresSoon => "expires-soon",
            Warning::UseByBeyondGuidance => "use-by-beyond-guidance",
            Warning::PreparedInFuture => "prepared-in-future",
            Warning::UnusualConcentration => "unusual-concentration",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_listed_once() {
        let mut codes: Vec<_> = Warning::ALL.iter().map(|w| w.code()).collect();
        crate::small_sort::sort(&mut codes);
        codes.dedup();
        assert_eq!(codes.len(), Warning::ALL.len());
    }
}
