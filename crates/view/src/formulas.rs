//! The pharmacy's master formulas on My batches: the name field, keeping
//! the Prepare recipe under it, what that did, and every version kept.

use super::form::{text, Control, Entry};
use super::text::{qty_mg, qty_mg_per_ml, qty_ml};
use ldn_catalog::{msg, Msg};
use ldn_model::formula::FormulaSaved;
use ldn_model::state::{Action, State, TextField};

/// `data-testid="formulas"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulasView {
    pub heading: &'static str,
    pub intro: &'static str,
    pub name: Control,
    pub save: (&'static str, Action),
    /// What the last save did: (an error?, words) (`formula-status`).
    pub status: Option<(bool, String)>,
    /// Every version kept, newest first (`formula`).
    pub kept: Vec<String>,
    pub none: Option<&'static str>,
}

pub fn formulas(s: &State) -> FormulasView {
    let lang = s.lang;
    let status = s.formula_saved.as_ref().map(|saved| match saved {
        FormulaSaved::New { name, version } => (
            false,
            lang.f(msg::FormulaSavedNew {
                name,
                version: &version.to_string(),
            }),
        ),
        FormulaSaved::Same { name, version } => (
            false,
            lang.f(msg::FormulaSavedSame {
                name,
                version: &version.to_string(),
            }),
        ),
        FormulaSaved::NeedsName => (true, lang.t(Msg::FormulaNeedsName).to_string()),
        FormulaSaved::NeedsRecipe => (true, lang.t(Msg::FormulaNeedsRecipe).to_string()),
        FormulaSaved::Full => (true, lang.t(Msg::FormulaFull).to_string()),
    });
    let kept: Vec<String> = s
        .doc
        .formulas
        .iter()
        .rev()
        .map(|f| {
            let vehicle = if f.vehicle.is_empty() {
                lang.t(Msg::VehicleDefault).to_string()
            } else {
                f.vehicle.clone()
            };
            lang.f(msg::FormulaLine {
                name: &f.name,
                version: &f.version.to_string(),
                // Without "with water": the vehicle is said after it.
                recipe: &lang.f(msg::AdviceRecipe {
                    tablets: f.recipe.tablets().into(),
                    strength: &qty_mg(lang, f.recipe.tablet_mg()),
                    volume: &qty_ml(lang, f.recipe.final_ml()),
                    concentration: &qty_mg_per_ml(lang, f.recipe.concentration().mg_per_ml()),
                }),
                vehicle: &vehicle,
                date: &lang.date(f.saved),
            })
        })
        .collect();
    FormulasView {
        heading: lang.t(Msg::FormulasHeading),
        intro: lang.t(Msg::FormulasIntro),
        name: text(
            s,
            "formula-name",
            Entry::Text,
            None,
            TextField::FormulaName,
            lang.t(Msg::FormulaName),
            &s.formula_name,
        ),
        save: (lang.t(Msg::FormulaSave), Action::SaveFormula),
        status,
        none: kept.is_empty().then(|| lang.t(Msg::FormulasNone)),
        kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_model::state::{apply, fixtures::state};

    #[test]
    fn the_prepare_recipe_is_kept_by_name_and_versioned() {
        let s = state();
        let v = formulas(&s);
        assert_eq!(v.none, Some("No master formula is kept yet."));
        let s = apply(s, Action::SaveFormula);
        assert_eq!(
            formulas(&s).status,
            Some((true, "Name the formula first.".into()))
        );
        let s = apply(
            s,
            Action::Type(TextField::FormulaName, "LDN 1 mg/mL".into()),
        );
        let s = apply(s, Action::SaveFormula);
        assert_eq!(
            formulas(&s).status,
            Some((false, "Kept: LDN 1 mg/mL, version 1.".into()))
        );
        // A bottle saved now names it on its record.
        let b = apply(s.clone(), Action::SaveBatch);
        assert_eq!(
            b.doc.batches[0].record.formula,
            Some(("LDN 1 mg/mL".into(), 1))
        );
        // The same name with 100 mL: version 2; both listed, newest first.
        let s = apply(s, Action::Type(TextField::Volume, "100".into()));
        let s = apply(
            s,
            Action::Type(TextField::FormulaName, "LDN 1 mg/mL".into()),
        );
        let s = apply(s, Action::SaveFormula);
        let v = formulas(&s);
        assert_eq!(
            v.status,
            Some((false, "Kept: LDN 1 mg/mL, version 2.".into()))
        );
        assert_eq!(v.kept.len(), 2);
        assert!(
            v.kept[0].starts_with("LDN 1 mg/mL, version 2: "),
            "{}",
            v.kept[0]
        );
        assert!(v.kept[0].contains("Purified water"), "{}", v.kept[0]);
        // Kept on the device.
        assert_eq!(
            ldn_model::saved::parse(&s.doc.to_json()).map(|d| d.formulas.len()),
            Ok(2)
        );
    }
}
