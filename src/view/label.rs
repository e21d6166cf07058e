//! The bottle label: what the print stylesheet prints, alone, on one page.
//! It states the prescribed dose and how often, and beside it what the
//! syringe really gives, through the same `DoseLine` as the screen.

use super::draw::{alternative, DoseLine, WarningLine};
use super::form::{self, Control, Entry};
use super::parts::contents;
use super::text::{dose_amount, qty_mg_per_ml};
use crate::i18n::{msg, Lang, Msg};
use crate::model::inputs::DoseUnit;
use crate::model::outcome::DoseOutcome;
use crate::model::state::{State, TextField};

/// The dose on the label: directions, then the draw (or what to do instead)
/// with its warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelDose {
    /// `Dose: 1.5 mg once a day, at bedtime`.
    pub directions: String,
    pub line: DoseLine,
    /// The line as one sentence.
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelView {
    pub heading: &'static str,
    pub patient_field: Control,
    pub patient: Option<String>,
    pub product: String,
    pub contents: String,
    pub dose: Option<LabelDose>,
    pub prepared: String,
    pub use_until: String,
    /// The bottle's warnings, as on the Prepare screen: about its dates (a
    /// use-by beyond the guidance, prepared after today, expired or soon).
    pub warnings: Vec<WarningLine>,
    pub storage: &'static str,
    pub print: &'static str,
    /// Printing waits until the recipe is valid again.
    pub can_print: bool,
}

/// The directions and draw for `dose` (per intake), in `lang`.
pub fn label_dose(lang: Lang, dose: &DoseOutcome, prefer_mcg: bool) -> LabelDose {
    let amount = dose_amount(lang, dose.order.dose_mg, prefer_mcg);
    let how_often = if dose.order.per_day == 2 {
        lang.f(msg::DoseTwiceDaily { dose: &amount })
    } else {
        lang.f(msg::DoseOnceDaily { dose: &amount })
    };
    // On paper, for a patient, never "dilute it yourself": another syringe
    // or the pharmacy.
    let line = DoseLine::new(
        lang,
        &dose.check,
        prefer_mcg,
        alternative(&dose.check, false),
    );
    LabelDose {
        directions: lang.f(msg::LabelDirections {
            directions: &how_often,
        }),
        sentence: line.sentence(lang),
        line,
    }
}

pub fn label(s: &State) -> Option<LabelView> {
    let lang = s.lang;
    let (r, stale) = s.recipe.shown()?;
    let recipe = &r.order.recipe;
    // The label is the Prepare recipe's: its dose only when drawn from it.
    let dose = s
        .dose
        .ok()
        .filter(|d| d.supply.is_some())
        .map(|d| label_dose(lang, d, s.inputs.dose_unit == DoseUnit::Mcg));
    let patient = s.inputs.patient.trim();
    Some(LabelView {
        heading: lang.t(Msg::LabelHeading),
        patient_field: form::text(
            s,
            "patient",
            Entry::Text,
            None,
            TextField::Patient,
            lang.t(Msg::PatientName),
            &s.inputs.patient,
        ),
        patient: (!patient.is_empty()).then(|| patient.to_string()),
        product: lang.f(msg::LabelProduct {
            concentration: &qty_mg_per_ml(lang, recipe.concentration().mg_per_ml()),
        }),
        contents: contents(lang, recipe),
        dose,
        prepared: lang.f(msg::LabelPrepared {
            date: &lang.date(r.order.prepared),
        }),
        use_until: lang.f(msg::LabelUseUntil {
            date: &lang.date(r.expiry.last_day),
        }),
        warnings: WarningLine::all(lang, &r.warnings, None),
        storage: lang.t(Msg::LabelStorage),
        print: lang.t(Msg::PrintLabel),
        can_print: !stale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::warning::Warning;
    use crate::model::inputs::SyringeChoice;

    use crate::model::state::fixtures::from_link as state_from_link;

    fn printed(view: &LabelView) -> String {
        let dose = view.dose.as_ref().map(|d| {
            let warnings: Vec<&str> = d.line.warnings.iter().map(|w| w.text.as_str()).collect();
            format!("{} {} {}", d.directions, d.sentence, warnings.join(" "))
        });
        format!("{} {}", view.product, dose.unwrap_or_default()).replace('\u{a0}', " ")
    }

    #[test]
    fn the_label_never_says_draw_zero() {
        // The bug this layer fixes: this link printed "Dose: draw 0 mL = 0 mg".
        let s = state_from_link("lang=en&dose=0.001&syringe=1");
        let text = printed(&label(&s).unwrap());
        assert!(!text.contains("0 mL"), "{text}");
        assert!(!text.contains("draw"), "{text}");
        assert!(text.contains("cannot be measured"), "{text}");
        assert!(text.contains("smaller than half a mark"), "{text}");
    }

    #[test]
    fn a_dose_in_mcg_is_given_in_mcg_on_both_sides() {
        let mut s = state_from_link("lang=en&dose=0.5&syringe=1");
        s = crate::model::state::apply(
            s,
            crate::model::state::Action::DoseUnit(crate::model::inputs::DoseUnit::Mcg),
        );
        s = crate::model::state::apply(
            s,
            crate::model::state::Action::Type(TextField::Dose, "500".into()),
        );
        let d = label(&s).unwrap().dose.unwrap();
        assert_eq!(
            d.sentence.replace('\u{a0}', " "),
            "500 mcg: draw 0.5 mL, which gives 500 mcg"
        );
    }

    #[test]
    fn the_label_states_directions_and_what_is_given() {
        let s = state_from_link("lang=en&dose=1.5&syringe=3");
        let d = label(&s).unwrap().dose.unwrap();
        assert_eq!(
            d.directions.replace('\u{a0}', " "),
            "Dose: 1.5 mg once a day, at bedtime"
        );
        assert_eq!(
            d.sentence.replace('\u{a0}', " "),
            "1.5 mg: draw 1.5 mL, which gives 1.5 mg"
        );
        let mut s = state_from_link("lang=nb&dose=1.5&syringe=10");
        s = crate::model::state::apply(s, crate::model::state::Action::PerDay(2));
        let d = label(&s).unwrap().dose.unwrap();
        assert!(
            d.directions.contains("to ganger daglig"),
            "{}",
            d.directions
        );
        // 1.5 mL on 0.2 mL marks: 1.4 mL, 1.4 mg, with both warnings.
        assert!(d.sentence.contains("1,4\u{a0}ml"), "{}", d.sentence);
        let codes: Vec<_> = d.line.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, ["rounding-deviation", "low-fill"]);
    }

    /// Every draw warning code, on the label: either a measured draw with
    /// the warning in words, or no draw at all.
    #[test]
    fn every_draw_warning_reaches_the_label() {
        let cases = [
            ("dose=30&syringe=10&volume=10", Warning::NotLowDose),
            ("dose=5&syringe=10&volume=10", Warning::AboveLdnRange),
            ("dose=4.5&syringe=3", Warning::OverCapacity),
            ("dose=0.001&syringe=1", Warning::RoundsToZero),
            ("dose=0.05&syringe=1", Warning::BelowAccuracy),
            ("dose=1.5&syringe=10", Warning::RoundingDeviation),
            ("dose=0.5&syringe=10", Warning::LowFill),
        ];
        for (query, warning) in cases {
            let s = state_from_link(&format!("lang=en&{query}"));
            assert!(
                s.inputs.syringe != SyringeChoice::Custom,
                "{query}: not a preset"
            );
            let d = label(&s).unwrap().dose.unwrap_or_else(|| panic!("{query}"));
            assert!(
                d.line.warnings.iter().any(|w| w.code == warning.code()),
                "{query}: {:?}",
                d.line.warnings
            );
            if matches!(
                warning,
                Warning::OverCapacity | Warning::RoundsToZero | Warning::BelowAccuracy
            ) {
                assert!(!d.line.is_measured(), "{query}");
                assert!(!d.sentence.contains("draw"), "{query}: {}", d.sentence);
            } else {
                assert!(d.line.is_measured(), "{query}");
                assert!(d.sentence.contains("which gives"), "{query}");
            }
        }
    }
}
