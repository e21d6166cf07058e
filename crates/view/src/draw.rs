//! The output safety rule, in one place. Every output that states a dose
//! (screen, label, printed plan, calendar file) states it through a
//! [`DoseLine`], and a `DoseLine` can only be made here:
//!
//! - a dose this syringe measures is stated with its draw, the dose that
//!   draw really delivers, and every warning about it in words;
//! - a dose it cannot measure (more than it holds, nothing at all, or below
//!   0.1 mL or less, where oral syringes are not accurate) is never stated as a draw:
//!   the line says what to do instead (another syringe, a dilution, or ask
//!   the pharmacy). So no output can say "draw 0 mL";
//! - a dose that must not be drawn from this bottle today (past its last
//!   day, not prepared yet, a concentration not yet confirmed) is never
//!   stated as a draw either: the line says why (`DoseLine::held`).

use super::text::{dose_amount, patient_warning_words, qty_ml, syringe_name, warning_words};
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::date::Date;
use ldn_engine::dose::DoseCheck;
use ldn_engine::syringe::SyringePreset;
use ldn_engine::warning::Warning;

/// A warning as shown: its stable code (for `data-warning`) and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningLine {
    pub code: &'static str,
    pub text: String,
}

impl WarningLine {
    /// `warning` in words; about `dose` when it is known, so the low-dose
    /// range warnings name the day's total.
    pub fn new(lang: Lang, warning: Warning, dose: Option<&DoseCheck>) -> WarningLine {
        WarningLine {
            code: warning.code(),
            text: warning_words(lang, warning, dose),
        }
    }

    /// The lines for `warnings`, most serious first, once each.
    pub fn all(lang: Lang, warnings: &[Warning], dose: Option<&DoseCheck>) -> Vec<WarningLine> {
        Warning::ALL
            .into_iter()
            .filter(|w| warnings.contains(w))
            .map(|w| WarningLine::new(lang, w, dose))
            .collect()
    }
}

/// How a dose is stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Draw {
    /// The syringe measures it: draw `volume`, which gives `delivered`.
    Measured { volume: String, delivered: String },
    /// The syringe cannot measure it: no volume, and what to do instead.
    Instead { what_to_do: String },
    /// Not to be drawn from this bottle now: no volume, and why.
    Held { why: String },
}

/// Why a dose is not to be drawn from the bottle now, whatever the syringe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// Past the bottle's last day of use (this date).
    Expired(Date),
    /// The bottle is dated after today (prepared on this date).
    NotYet(Date),
    /// The concentration typed is unusual and not confirmed yet.
    CheckConcentration,
    /// A dose typed in mcg reads like one in mg and is not confirmed yet.
    CheckUnit,
    /// By the plan the bottle is used up after this day (before its last
    /// day): the dose comes from the next bottle.
    Empty(Date),
}

/// One dose as any output states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseLine {
    /// The prescribed dose, e.g. `1.5 mg`.
    pub dose: String,
    pub draw: Draw,
    /// Every warning about this dose and draw, in words.
    pub warnings: Vec<WarningLine>,
}

/// What else could measure the dose when this syringe cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alternative {
    /// A preset syringe that measures it well.
    Syringe(SyringePreset),
    /// A dilution is proposed on the Dose screen.
    Dilution,
    /// Nothing simple: the pharmacy has to decide.
    Pharmacy,
}

/// The alternative for `check`, given whether a dilution is on offer.
pub fn alternative(check: &DoseCheck, dilution_proposed: bool) -> Alternative {
    match check.best_preset {
        Some(p) => Alternative::Syringe(p),
        None if dilution_proposed => Alternative::Dilution,
        None => Alternative::Pharmacy,
    }
}

/// A planned dose's line (no dilution is on offer): for the patient (their
/// page, its diary and calendar) in the patient's words, always "ask the
/// pharmacy" (a patient is not told to change syringes); elsewhere another
/// syringe if one measures it.
pub fn plan_line(lang: Lang, check: &DoseCheck, for_patient: bool) -> DoseLine {
    if for_patient {
        DoseLine::for_patient(lang, check, false)
    } else {
        DoseLine::new(lang, check, false, alternative(check, false))
    }
}

impl From<ldn_model::outcome::Unusable> for Hold {
    fn from(u: ldn_model::outcome::Unusable) -> Hold {
        match u {
            ldn_model::outcome::Unusable::Expired(day) => Hold::Expired(day),
            ldn_model::outcome::Unusable::NotYet(day) => Hold::NotYet(day),
            ldn_model::outcome::Unusable::Empty(day) => Hold::Empty(day),
        }
    }
}

impl From<ldn_model::state::Check> for Hold {
    fn from(c: ldn_model::state::Check) -> Hold {
        match c {
            ldn_model::state::Check::Concentration(..) => Hold::CheckConcentration,
            ldn_model::state::Check::Micrograms(_) => Hold::CheckUnit,
        }
    }
}

impl DoseLine {
    /// The line for `check`; both the prescribed and the delivered dose in
    /// mcg when `mcg` (and below 1 mg), so one line never mixes units;
    /// `instead` is what to say if the syringe cannot measure it.
    pub fn new(lang: Lang, check: &DoseCheck, mcg: bool, instead: Alternative) -> DoseLine {
        let dose = dose_amount(lang, check.dose_mg, mcg);
        let draw = if check.drawable() {
            Draw::Measured {
                volume: qty_ml(lang, check.draw_ml),
                delivered: dose_amount(lang, check.delivered_mg, mcg),
            }
        } else {
            Draw::Instead {
                what_to_do: match instead {
                    Alternative::Syringe(p) => lang.f(msg::InsteadSyringe {
                        syringe: &syringe_name(lang, p.syringe()),
                    }),
                    Alternative::Dilution => lang.t(Msg::InsteadDilution).to_string(),
                    Alternative::Pharmacy => lang.t(Msg::InsteadPharmacy).to_string(),
                },
            }
        };
        DoseLine {
            dose,
            draw,
            warnings: WarningLine::all(lang, &check.warnings, Some(check)),
        }
    }

    /// The line for `check` as the patient reads it: what to do instead is
    /// to ask the pharmacy, and the measuring warnings say so too (never
    /// "use a syringe with finer marks", which is the pharmacy's choice).
    pub fn for_patient(lang: Lang, check: &DoseCheck, mcg: bool) -> DoseLine {
        let mut line = DoseLine::new(lang, check, mcg, Alternative::Pharmacy);
        line.warnings = Warning::ALL
            .into_iter()
            .filter(|w| check.warnings.contains(w))
            .map(|w| WarningLine {
                code: w.code(),
                text: patient_warning_words(lang, w, Some(check)),
            })
            .collect();
        line
    }

    /// The line for `check` when it must not be drawn now (`hold`): the
    /// dose and why, never a volume; the dose's warnings stay (in the
    /// patient's words `for_patient`).
    pub fn held(
        lang: Lang,
        check: &DoseCheck,
        mcg: bool,
        hold: Hold,
        for_patient: bool,
    ) -> DoseLine {
        let why = match hold {
            Hold::Expired(last_day) => lang.f(msg::HeldExpired {
                date: &lang.date(last_day),
            }),
            Hold::NotYet(prepared) => lang.f(msg::HeldNotYet {
                date: &lang.date(prepared),
            }),
            Hold::CheckConcentration => lang.t(Msg::HeldConcentration).to_string(),
            Hold::CheckUnit => lang.t(Msg::HeldDoseUnit).to_string(),
            Hold::Empty(day) => lang.f(msg::HeldEmpty {
                date: &lang.date(day),
            }),
        };
        let warnings = if for_patient {
            DoseLine::for_patient(lang, check, mcg).warnings
        } else {
            WarningLine::all(lang, &check.warnings, Some(check))
        };
        DoseLine {
            dose: dose_amount(lang, check.dose_mg, mcg),
            draw: Draw::Held { why },
            warnings,
        }
    }

    /// The dose in mg and what to do, as one sentence without the warnings:
    /// `1.5 mg: draw 1.4 mL, which gives 1.4 mg`.
    pub fn sentence(&self, lang: Lang) -> String {
        match &self.draw {
            Draw::Measured { volume, delivered } => lang.f(msg::DrawSentence {
                dose: &self.dose,
                draw: volume,
                gives: delivered,
            }),
            Draw::Instead { what_to_do } => lang.f(msg::NoDrawSentence {
                dose: &self.dose,
                instead: what_to_do,
            }),
            Draw::Held { why } => lang.f(msg::HeldSentence {
                dose: &self.dose,
                why,
            }),
        }
    }

    /// The sentence followed by every warning in words.
    pub fn with_warnings(&self, lang: Lang) -> String {
        let mut text = self.sentence(lang);
        for w in &self.warnings {
            text.push(' ');
            text.push_str(&w.text);
        }
        text
    }

    pub fn is_measured(&self) -> bool {
        matches!(self.draw, Draw::Measured { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::dose::check_dose;
    use ldn_engine::quantity::{Mg, Ml};
    use ldn_engine::recipe::Recipe;
    use ldn_engine::syringe::SyringePreset::*;
    use ldn_engine::testing::dec;

    fn line(dose: &str, syringe: SyringePreset) -> DoseLine {
        let conc = Recipe::new(Mg::new(dec("50")), 1, Ml::new(dec("50")))
            .unwrap()
            .concentration();
        let check = check_dose(conc, Mg::new(dec(dose)), syringe.syringe(), 1);
        let alt = alternative(&check, false);
        DoseLine::new(Lang::En, &check, false, alt)
    }

    #[test]
    fn a_measurable_dose_states_draw_and_delivered() {
        // 1.5 mg at 1 mg/mL on a 3 mL syringe: 1.5 mL exactly.
        let l = line("1.5", Ml3);
        assert_eq!(
            l.sentence(Lang::En).replace('\u{a0}', " "),
            "1.5 mg: draw 1.5 mL, which gives 1.5 mg"
        );
        assert!(l.warnings.is_empty());
        // On a 10 mL syringe (0.2 mL marks) 1.5 mL rounds down to 1.4 mL:
        // stated with the 1.4 mg it gives and both warnings in words.
        let l = line("1.5", Ml10);
        assert!(l
            .sentence(Lang::En)
            .contains("draw 1.4\u{a0}mL, which gives 1.4\u{a0}mg"));
        let codes: Vec<_> = l.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, ["rounding-deviation", "low-fill"]);
        assert!(l.with_warnings(Lang::En).contains("more than 5 %"));
    }

    #[test]
    fn an_unmeasurable_dose_is_never_a_draw() {
        // 0.001 mg at 1 mg/mL: 0.001 mL rounds to 0 on a 1 mL syringe.
        for (dose, syringe, code) in [
            ("0.001", Ml1, "rounds-to-zero"),
            ("0.05", Ml1, "below-accuracy"),
            ("4.5", Ml3, "over-capacity"),
        ] {
            let l = line(dose, syringe);
            assert!(!l.is_measured(), "{dose} on {syringe:?}");
            let text = l.with_warnings(Lang::En);
            assert!(!text.contains("draw"), "{text}");
            assert!(!text.contains("0 mL"), "{text}");
            assert!(l.warnings.iter().any(|w| w.code == code), "{text}");
        }
        // 4.5 mL does not fit a 3 mL syringe: use the 5 mL one.
        assert!(line("4.5", Ml3)
            .sentence(Lang::En)
            .contains("use this syringe instead: 5\u{a0}mL"));
        // Nothing measures 0.001 mg from 1 mg/mL: ask the pharmacy.
        assert!(line("0.001", Ml1).sentence(Lang::En).contains("pharmacy"));
    }
}
