//! The pharmacy's master formulas: a recipe kept under a name, versioned.
//! Saving a formula under a name it already has, with another recipe or
//! vehicle, makes the next version (the earlier ones stay, so a record
//! made from version 1 still says what version 1 was); the same recipe
//! again changes nothing. A bottle's record names the newest formula of
//! its recipe when it is saved.

use super::record::clean;
use ldn_engine::date::Date;
use ldn_engine::recipe::Recipe;

/// More formulas (all versions) than a pharmacy keeps; the file is refused.
pub const MAX_FORMULAS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    pub name: String,
    /// 1, 2, ... per name.
    pub version: u32,
    pub recipe: Recipe,
    /// What the tablets are made up with (empty: purified water).
    pub vehicle: String,
    pub saved: Date,
}

/// What saving a formula did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormulaSaved {
    /// Kept as this version of the name.
    New { name: String, version: u32 },
    /// The name's newest version is this recipe already.
    Same { name: String, version: u32 },
    /// No name typed.
    NeedsName,
    /// The Prepare recipe is not valid.
    NeedsRecipe,
    /// `MAX_FORMULAS` kept already.
    Full,
}

/// Names match whatever their case and spacing.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    clean(a).to_lowercase() == clean(b).to_lowercase()
}

/// `formulas` with `recipe` saved under `name` on `today`.
pub fn save(
    formulas: &mut Vec<Formula>,
    name: &str,
    recipe: Option<Recipe>,
    vehicle: &str,
    today: Date,
) -> FormulaSaved {
    let name = clean(name);
    if name.is_empty() {
        return FormulaSaved::NeedsName;
    }
    let Some(recipe) = recipe else {
        return FormulaSaved::NeedsRecipe;
    };
    let vehicle = clean(vehicle);
    let newest = formulas
        .iter()
        .filter(|f| same_name(&f.name, &name))
        .max_by_key(|f| f.version);
    if let Some(f) = newest.filter(|f| f.recipe == recipe && f.vehicle == vehicle) {
        return FormulaSaved::Same {
            name: f.name.clone(),
            version: f.version,
        };
    }
    if formulas.len() >= MAX_FORMULAS {
        return FormulaSaved::Full;
    }
    // A new version keeps the name as first written.
    let (name, version) = match newest {
        Some(f) => (f.name.clone(), f.version.saturating_add(1)),
        None => (name, 1),
    };
    formulas.push(Formula {
        name: name.clone(),
        version,
        recipe,
        vehicle,
        saved: today,
    });
    FormulaSaved::New { name, version }
}

/// The formula a bottle of `recipe` made up with `vehicle` is made by: the
/// newest version of a name whose newest version is this recipe and
/// vehicle (the most recently saved, if several names have it). Another
/// vehicle, or a recipe no current formula has: none.
pub fn formula_for<'a>(
    formulas: &'a [Formula],
    recipe: &Recipe,
    vehicle: &str,
) -> Option<&'a Formula> {
    let vehicle = clean(vehicle);
    formulas
        .iter()
        .filter(|f| &f.recipe == recipe && f.vehicle == vehicle)
        .filter(|f| {
            !formulas
                .iter()
                .any(|g| same_name(&g.name, &f.name) && g.version > f.version)
        })
        .max_by_key(|f| f.saved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::quantity::{Mg, Ml};
    use ldn_engine::testing::{date, dec};

    fn recipe(ml: &str) -> Recipe {
        Recipe::new(Mg::new(dec("50")), 1, Ml::new(dec(ml))).unwrap()
    }

    #[test]
    fn a_name_saved_again_with_another_recipe_is_its_next_version() {
        let mut kept = Vec::new();
        let day = date("2026-12-07");
        assert_eq!(
            save(&mut kept, " ", Some(recipe("50")), "", day),
            FormulaSaved::NeedsName
        );
        assert_eq!(
            save(&mut kept, "LDN 1 mg/mL", None, "", day),
            FormulaSaved::NeedsRecipe
        );
        let v1 = save(&mut kept, "LDN 1 mg/mL", Some(recipe("50")), "", day);
        assert_eq!(
            v1,
            FormulaSaved::New {
                name: "LDN 1 mg/mL".into(),
                version: 1
            }
        );
        // The same again: nothing new.
        let same = save(&mut kept, " ldn  1 MG/ML ", Some(recipe("50")), "", day);
        assert_eq!(
            same,
            FormulaSaved::Same {
                name: "LDN 1 mg/mL".into(),
                version: 1
            }
        );
        assert_eq!(kept.len(), 1);
        // Another vehicle or volume: version 2, version 1 kept.
        let v2 = save(
            &mut kept,
            "ldn 1 mg/ml",
            Some(recipe("50")),
            "Ora-Sweet",
            date("2026-12-08"),
        );
        assert_eq!(
            v2,
            FormulaSaved::New {
                name: "LDN 1 mg/mL".into(),
                version: 2
            }
        );
        assert_eq!(kept.len(), 2);
        // A bottle of 50 mg in 50 mL with Ora-Sweet is made by version 2
        // now; with water by none (version 1's water is replaced).
        let by = |kept: &[Formula], r: &Recipe, vehicle: &str| {
            formula_for(kept, r, vehicle).map(|f| f.version)
        };
        assert_eq!(by(&kept, &recipe("50"), " Ora-Sweet "), Some(2));
        assert_eq!(by(&kept, &recipe("50"), ""), None);
        // A recipe whose formula was replaced by another recipe: none.
        save(&mut kept, "LDN 0.5 mg/mL", Some(recipe("100")), "", day);
        save(&mut kept, "LDN 0.5 mg/mL", Some(recipe("25")), "", day);
        assert_eq!(by(&kept, &recipe("100"), ""), None);
        assert_eq!(by(&kept, &recipe("25"), ""), Some(2));
        assert_eq!(by(&kept, &recipe("10"), ""), None);
    }

    #[test]
    fn no_more_than_the_most_a_pharmacy_keeps() {
        let mut kept = Vec::new();
        let day = date("2026-12-07");
        for i in 0..MAX_FORMULAS {
            save(&mut kept, &format!("F{i}"), Some(recipe("50")), "", day);
        }
        assert_eq!(
            save(&mut kept, "One more", Some(recipe("50")), "", day),
            FormulaSaved::Full
        );
        // The same recipe under a kept name is still "the same".
        assert!(matches!(
            save(&mut kept, "F0", Some(recipe("50")), "", day),
            FormulaSaved::Same { .. }
        ));
    }
}
