//! Turning results into words and numbers for one language. Pure: no yew,
//! no arithmetic beyond formatting, so it is tested natively.

use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::date::DateError;
use ldn_engine::dose::DoseCheck;
use ldn_engine::format::{number, quantity, signed_percent, Unit};
use ldn_engine::number::NumberError;
use ldn_engine::quantity::{Mg, MgPerMl, Ml};
use ldn_engine::syringe::Syringe;
use ldn_engine::warning::Warning;
use ldn_model::diary::MAX_DIARY_ENTRIES;
use ldn_model::order::InputError;
use ldn_model::saved::{Place, ReadProblem, MAX_BATCHES};
use rust_decimal::Decimal;

/// `4.5 mg`, `0,75 mL` ... in the language's number style.
pub fn qty(lang: Lang, value: Decimal, unit: Unit) -> String {
    quantity(value, lang.unit(unit), lang.separator())
}

/// A mass, always labelled mg (the unit comes from the type).
pub fn qty_mg(lang: Lang, mg: Mg) -> String {
    qty(lang, mg.value(), Unit::Mg)
}

/// A volume, always labelled mL (the unit comes from the type).
pub fn qty_ml(lang: Lang, ml: Ml) -> String {
    qty(lang, ml.value(), Unit::Ml)
}

/// A concentration, always labelled mg/mL (the unit comes from the type).
/// Below 0.001 mg/mL (a serial dilution's) with up to 6 decimals, so a
/// label never says "< 0.001 mg/mL".
pub fn qty_mg_per_ml(lang: Lang, c: MgPerMl) -> String {
    let value = c.value();
    if value >= Decimal::new(1, 3) {
        return qty(lang, value, Unit::MgPerMl);
    }
    format!(
        "{}\u{a0}{}",
        ldn_engine::format::number_with(value, 6, lang.separator()),
        lang.unit(Unit::MgPerMl)
    )
}

/// A dose in mg, or in mcg when the user chose mcg and it is below 1 mg
/// (ultra-low doses read better as 250 mcg than 0.25 mg), and always when
/// mg would round it (1.5 mcg is never "0.002 mg").
pub fn dose_amount(lang: Lang, mg: Mg, prefer_mcg: bool) -> String {
    let mg = mg.value();
    let rounds = mg.round_dp(3) != mg;
    if (prefer_mcg || rounds) && mg < Decimal::ONE {
        qty(lang, mg * Decimal::ONE_THOUSAND, Unit::Mcg)
    } else {
        qty(lang, mg, Unit::Mg)
    }
}

pub fn num(lang: Lang, value: Decimal) -> String {
    number(value, lang.separator())
}

pub fn percent(lang: Lang, value: Decimal) -> String {
    signed_percent(value, lang.separator())
}

/// A share such as a syringe's fill: `45 %`.
pub fn share(lang: Lang, value: Decimal) -> String {
    format!(
        "{}\u{a0}%",
        ldn_engine::format::number_with(value, 0, lang.separator())
    )
}

/// A warning's words when no dose is at hand (the low-dose range ones then
/// speak of "the daily total"); see [`warning_words`].
pub fn warning_text(lang: Lang, warning: Warning) -> &'static str {
    lang.t(match warning {
        Warning::NotLowDose => Msg::WarnNotLowDose,
        Warning::AboveLdnRange => Msg::WarnAboveLdnRange,
        Warning::OverCapacity => Msg::WarnOverCapacity,
        Warning::RoundsToZero => Msg::WarnRoundsToZero,
        Warning::BelowAccuracy => Msg::WarnBelowAccuracy,
        Warning::RoundingDeviation => Msg::WarnRoundingDeviation,
        Warning::LowFill => Msg::WarnLowFill,
        Warning::OutlastsUseBy => Msg::WarnOutlastsUseBy,
        Warning::Expired => Msg::WarnExpired,
        Warning::ExpiresSoon => Msg::WarnExpiresSoon,
        Warning::UseByBeyondGuidance => Msg::WarnUseByBeyondGuidance,
        Warning::PreparedInFuture => Msg::WarnPreparedInFuture,
        Warning::UnusualConcentration => Msg::WarnUnusualConcentration,
    })
}

/// A warning's words about `dose`, when known: the low-dose range warnings
/// name the day's total and how it is made up, e.g. "9 mg a day (4.5 mg
/// twice a day) is above 4.5 mg a day, ...". The rest read as
/// [`warning_text`].
pub fn warning_words(lang: Lang, warning: Warning, dose: Option<&DoseCheck>) -> String {
    let daily = match dose {
        Some(c) if c.per_day == 1 => lang.f(msg::DailyTotalOnce {
            dose: &qty_mg(lang, c.daily_mg()),
        }),
        Some(c) if c.per_day == 2 => lang.f(msg::DailyTotalTwice {
            total: &qty_mg(lang, c.daily_mg()),
            dose: &qty_mg(lang, c.dose_mg),
        }),
        _ => return warning_text(lang, warning).to_string(),
    };
    match warning {
        Warning::AboveLdnRange => lang.f(msg::WarnAboveLdnRangeDaily { total: &daily }),
        Warning::NotLowDose => lang.f(msg::WarnNotLowDoseDaily { total: &daily }),
        _ => warning_text(lang, warning).to_string(),
    }
}

/// A warning about a dose in the patient's words: the patient cannot
/// choose another syringe or concentration, so the measuring warnings send
/// them to the pharmacy; the rest read as [`warning_words`].
pub fn patient_warning_words(lang: Lang, warning: Warning, dose: Option<&DoseCheck>) -> String {
    let words = match warning {
        Warning::RoundingDeviation => Msg::PatientWarnRoundingDeviation,
        Warning::LowFill => Msg::PatientWarnLowFill,
        Warning::OverCapacity => Msg::PatientWarnOverCapacity,
        Warning::RoundsToZero => Msg::PatientWarnRoundsToZero,
        Warning::BelowAccuracy => Msg::PatientWarnBelowAccuracy,
        _ => return warning_words(lang, warning, dose),
    };
    lang.t(words).to_string()
}

pub fn error_text(lang: Lang, error: &InputError) -> String {
    match error {
        InputError::Number(e) => match e {
            NumberError::Empty => lang.t(Msg::ErrEmpty).into(),
            NumberError::InvalidCharacter(c) => lang.f(msg::ErrInvalidCharacter {
                character: &c.to_string(),
            }),
            NumberError::Exponent => lang.t(Msg::ErrExponent).into(),
            NumberError::Sign => lang.t(Msg::ErrSign).into(),
            NumberError::MultipleSeparators => lang.t(Msg::ErrMultipleSeparators).into(),
            NumberError::ThousandsSeparator => lang.t(Msg::ErrThousands).into(),
            NumberError::AmbiguousGrouping => lang.t(Msg::ErrAmbiguousGrouping).into(),
            NumberError::NoDigits => lang.t(Msg::ErrNoDigits).into(),
            NumberError::TooLong => lang.t(Msg::ErrTooLong).into(),
            NumberError::BelowMinimum { min } => lang.f(msg::ErrBelowMin {
                min: &num(lang, *min),
            }),
            NumberError::AboveMaximum { max } => lang.f(msg::ErrAboveMax {
                max: &num(lang, *max),
            }),
            NumberError::NotWhole => lang.t(Msg::ErrNotWhole).into(),
        },
        InputError::Date(e) => lang
            .t(match e {
                DateError::Format => Msg::ErrDateFormat,
                DateError::NoSuchDay => Msg::ErrNoSuchDay,
                DateError::OutOfRange => Msg::ErrDateRange,
            })
            .into(),
        InputError::VolumeTooLarge => lang.t(Msg::ErrTooMuchVolume).into(),
        InputError::Time => lang.t(Msg::ErrTimeFormat).into(),
        InputError::ListedDate { text, error } => match error {
            DateError::Format => lang.f(msg::ErrListedDateFormat { date: text }),
            DateError::NoSuchDay => lang.f(msg::ErrListedDate {
                date: text,
                problem: lang.t(Msg::ErrNoSuchDay),
            }),
            DateError::OutOfRange => lang.f(msg::ErrListedDate {
                date: text,
                problem: lang.t(Msg::ErrDateRange),
            }),
        },
        InputError::TooManyDates { max } => lang.f(msg::ErrTooManyDates {
            max: &max.to_string(),
        }),
    }
}

/// Why a file could not be used, in the user's language.
pub fn read_problem(lang: Lang, problem: &ReadProblem) -> String {
    match problem {
        ReadProblem::FileUnreadable => lang.t(Msg::ReadFileUnreadable).into(),
        ReadProblem::FileTooLarge => lang.t(Msg::ReadFileTooLarge).into(),
        ReadProblem::NotJson(at) => lang.f(msg::ReadNotJson {
            position: &at.to_string(),
        }),
        ReadProblem::NotBatches => lang.t(Msg::ReadNotBatches).into(),
        ReadProblem::NewerVersion(v) => lang.f(msg::ReadNewerVersion {
            version: &v.to_string(),
        }),
        ReadProblem::TooMany => lang.f(msg::ReadTooMany {
            batches: MAX_BATCHES as u64,
        }),
        ReadProblem::BadBatch { n, field } => lang.f(msg::ReadBadBatch {
            number: &n.to_string(),
            field,
        }),
        ReadProblem::TooManyEntries => lang.f(msg::ReadTooManyEntries {
            entries: MAX_DIARY_ENTRIES as u64,
        }),
        ReadProblem::BadEntry { n, field } => lang.f(msg::ReadBadEntry {
            number: &n.to_string(),
            field,
        }),
        ReadProblem::UnknownField { at, name } => match at {
            Place::Document => lang.f(msg::ReadUnknownField { field: name }),
            Place::Batch(n) => lang.f(msg::ReadUnknownBatchField {
                number: &n.to_string(),
                field: name,
            }),
            Place::Entry(n) => lang.f(msg::ReadUnknownEntryField {
                number: &n.to_string(),
                field: name,
            }),
        },
        ReadProblem::RepeatedField { at, name } => match at {
            Place::Document => lang.f(msg::ReadRepeatedField { field: name }),
            Place::Batch(n) => lang.f(msg::ReadRepeatedBatchField {
                number: &n.to_string(),
                field: name,
            }),
            Place::Entry(n) => lang.f(msg::ReadRepeatedEntryField {
                number: &n.to_string(),
                field: name,
            }),
        },
    }
}

/// `3 mL (marks every 0.1 mL)`.
pub fn syringe_name(lang: Lang, syringe: Syringe) -> String {
    lang.f(msg::SyringeOption {
        capacity: &qty_ml(lang, syringe.capacity_ml()),
        step: &qty_ml(lang, syringe.graduation_ml()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::syringe::SyringePreset;

    #[test]
    fn words_and_numbers_per_language() {
        let s = SyringePreset::Ml0_5.syringe();
        assert_eq!(
            syringe_name(Lang::En, s),
            "0.5\u{a0}mL (marks every 0.01\u{a0}mL)"
        );
        assert_eq!(
            syringe_name(Lang::Da, s),
            "0,5\u{a0}ml (streger for hver 0,01\u{a0}ml)"
        );
        // Each language's own unit symbols (issue 13).
        assert!(syringe_name(Lang::Uk, s).starts_with("0,5\u{a0}мл"));
        assert_eq!(
            qty_mg_per_ml(Lang::Uk, MgPerMl::new(Decimal::ONE)),
            "1\u{a0}мг/мл"
        );
        assert_eq!(
            dose_amount(Lang::Nb, Mg::new(Decimal::new(25, 2)), true),
            "250\u{a0}mikrogram"
        );
        assert_eq!(
            dose_amount(Lang::Uk, Mg::new(Decimal::new(25, 2)), true),
            "250\u{a0}мкг"
        );
        let e = InputError::Number(NumberError::AboveMaximum {
            max: Decimal::new(45, 1),
        });
        assert_eq!(error_text(Lang::Nb, &e), "Må være høyst 4,5.");
        let e = InputError::ListedDate {
            text: "2026-02-30".into(),
            error: DateError::NoSuchDay,
        };
        assert_eq!(
            error_text(Lang::Nb, &e),
            "«2026-02-30»: Den datoen finnes ikke."
        );
        let e = InputError::ListedDate {
            text: "1/12".into(),
            error: DateError::Format,
        };
        assert_eq!(
            error_text(Lang::En, &e),
            "“1/12” is not a date: write dates as YYYY-MM-DD, e.g. 2026-12-01."
        );
        assert_eq!(share(Lang::En, Decimal::new(456, 1)), "46\u{a0}%");
        assert_eq!(
            dose_amount(Lang::En, Mg::new(Decimal::new(25, 2)), true),
            "250\u{a0}mcg"
        );
        assert_eq!(
            dose_amount(Lang::En, Mg::new(Decimal::new(25, 2)), false),
            "0.25\u{a0}mg"
        );
        assert_eq!(
            dose_amount(Lang::En, Mg::new(Decimal::new(15, 1)), true),
            "1.5\u{a0}mg"
        );
        for w in Warning::ALL {
            for l in Lang::ALL {
                assert!(!warning_text(l, w).is_empty());
            }
        }
    }
}
