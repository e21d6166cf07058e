//! One syringe for a whole plan: the smallest preset on which every dose of
//! the plan falls exactly on a mark and measures well, or, when none does,
//! the syringe that comes closest and the doses that round on it.

use super::dose::{measure, DoseCheck};
use super::quantity::Mg;
use super::recipe::Concentration;
use super::syringe::SyringePreset;

/// What the presets make of a plan's doses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyringeFit {
    /// Every dose lies exactly on a mark of this syringe (no rounding at
    /// all), fills at least 20 % of it and is more than 0.1 mL.
    OnMarks(SyringePreset),
    /// No preset puts every dose on a mark. `closest` is the smallest
    /// preset that measures every dose well (within 5 %, at least 20 %
    /// fill, more than 0.1 mL), else the smallest that holds the largest
    /// dose, else none; `rounded` the doses whose draw on it is not exactly
    /// the dose, smallest dose first.
    NoneOnMarks {
        closest: Option<SyringePreset>,
        rounded: Vec<DoseCheck>,
    },
}

/// The syringe for `doses` (each > 0) from `concentration`; `None` for a
/// plan without doses.
pub fn fit_syringe(concentration: Concentration, doses: &[Mg]) -> Option<SyringeFit> {
    let mut doses = doses.to_vec();
    crate::small_sort::sort(&mut doses);
    doses.dedup();
    let largest = *doses.last()?;
    let checks = |p: SyringePreset| -> Vec<DoseCheck> {
        doses
            .iter()
            // Only how each intake measures is judged here (once a day: the
            // plan's own rows judge the daily totals).
            .map(|d| measure(concentration, *d, p.syringe(), 1))
            .collect()
    };
    let on_marks = SyringePreset::ALL.into_iter().find(|p| {
        checks(*p)
            .iter()
            .all(|c| c.measures_well() && c.deviation_percent.is_zero())
    });
    if let Some(p) = on_marks {
        return Some(SyringeFit::OnMarks(p));
    }
    let closest = SyringePreset::ALL
        .into_iter()
        .find(|p| checks(*p).iter().all(DoseCheck::measures_well))
        .or_else(|| {
            SyringePreset::ALL
                .into_iter()
                .find(|p| concentration.ml_for(largest) <= p.syringe().capacity_ml())
        });
    let rounded = closest
        .map(|p| {
            checks(p)
                .into_iter()
                .filter(|c| !c.deviation_percent.is_zero())
                .collect()
        })
        .unwrap_or_default();
    Some(SyringeFit::NoneOnMarks { closest, rounded })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::Ml;
    use crate::recipe::Recipe;
    use crate::testing::dec;
    use SyringePreset::*;

    fn conc(tablet: &str, count: u32, volume: &str) -> Concentration {
        Recipe::new(Mg::new(dec(tablet)), count, Ml::new(dec(volume)))
            .unwrap()
            .concentration()
    }

    fn mg(list: &[&str]) -> Vec<Mg> {
        list.iter().map(|d| Mg::new(dec(d))).collect()
    }

    #[test]
    fn the_standard_plan_at_one_mg_per_ml() {
        // 1.5 to 4.5 mg in 0.5 mg steps = 1.5 to 4.5 mL. The 3 mL syringe
        // cannot hold 4.5 mL; on the 5 mL one (0.2 mL marks) 1.5, 2.5 and
        // 3.5 mL fall between marks; the 10 mL one has the same marks and
        // fills 1.5 mL to 15 %. So none, and on the 5 mL syringe three
        // doses round down (ties go down): 1.5 -> 1.4 mL (-6.67 %) ...
        let doses = mg(&["1.5", "2", "2.5", "3", "3.5", "4", "4.5"]);
        let Some(SyringeFit::NoneOnMarks { closest, rounded }) =
            fit_syringe(conc("50", 1, "50"), &doses)
        else {
            panic!()
        };
        // 1.4 mL is 6.67 % short: the 5 mL syringe does not measure every
        // dose well either; it is the smallest that holds 4.5 mL.
        assert_eq!(closest, Some(Ml5));
        let drawn: Vec<_> = rounded
            .iter()
            .map(|c| (c.dose_mg.value(), c.draw_ml.value(), c.delivered_mg.value()))
            .collect();
        assert_eq!(
            drawn,
            [
                (dec("1.5"), dec("1.4"), dec("1.4")),
                (dec("2.5"), dec("2.4"), dec("2.4")),
                (dec("3.5"), dec("3.4"), dec("3.4")),
                (dec("4.5"), dec("4.4"), dec("4.4")),
            ]
        );
        assert_eq!(rounded[0].deviation_percent.round_dp(2), dec("-6.67"));
    }

    #[test]
    fn whole_mg_steps_fit_the_5_ml_syringe() {
        // 1, 2, 3, 4 mg at 1 mg/mL: 1 to 4 mL. The 3 mL syringe cannot
        // hold 4 mL; on the 5 mL one each is on a 0.2 mL mark, 20 % full
        // at 1 mL.
        let fit = fit_syringe(conc("50", 1, "50"), &mg(&["1", "2", "3", "4"]));
        assert_eq!(fit, Some(SyringeFit::OnMarks(Ml5)));
        // 4.5 mg at 150 mg in 140 mL is 4.2 mL, on a mark too; 1.5 mg is
        // 1.4 mL, also on a 0.2 mL mark.
        let fit = fit_syringe(conc("50", 3, "140"), &mg(&["1.5", "4.5"]));
        assert_eq!(fit, Some(SyringeFit::OnMarks(Ml5)));
        // Small doses on the 1 mL syringe (0.01 mL marks).
        let fit = fit_syringe(conc("50", 1, "50"), &mg(&["0.25", "0.5", "0.75"]));
        assert_eq!(fit, Some(SyringeFit::OnMarks(Ml1)));
        assert_eq!(fit_syringe(conc("50", 1, "50"), &[]), None);
    }

    #[test]
    fn nothing_holds_too_large_a_dose() {
        // 30 mg at 1 mg/mL is 30 mL: no preset holds it.
        let fit = fit_syringe(conc("50", 1, "50"), &mg(&["30"]));
        assert_eq!(
            fit,
            Some(SyringeFit::NoneOnMarks {
                closest: None,
                rounded: vec![]
            })
        );
    }
}
