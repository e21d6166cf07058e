//! The strings review export (`cargo run -p ldn-catalog --example strings`) lists every
//! message of every language with a sample rendering.

#[allow(dead_code)]
#[path = "../locales/catalog.rs"]
mod catalog;
#[path = "../locales/review.rs"]
mod review;

use std::path::Path;

#[test]
fn the_export_has_every_message_with_samples_filled_in() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let catalog = catalog::load(&dir).expect("the message files are valid");
    let page = review::html(&catalog);
    for def in &catalog.defs {
        assert!(
            page.contains(&format!("<code>{}", def.name)),
            "{}",
            def.name
        );
    }
    // A counted message, in Ukrainian, in each form with a count of that form.
    assert!(page.contains("Залишився 1 день"), "uk one");
    assert!(page.contains("Залишилося 2 дні"), "uk few");
    assert!(page.contains("Залишилося 0 днів"), "uk many");
    // Samples in each language's own way: comma and units.
    assert!(page.contains("1,5 ml"), "nb/da units");
    assert!(page.contains("1,5 мл"), "uk units");
    assert!(!page.contains("{dose}</i>"), "placeholders are filled");
}

#[test]
fn samples_are_written_the_languages_way() {
    assert_eq!(review::localise("nb", "1.5 mL"), "1,5 ml");
    assert_eq!(review::localise("uk", "1 mg/mL"), "1 мг/мл");
    assert_eq!(review::localise("en", "1.5 mL"), "1.5 mL");
    assert_eq!(
        review::localise("da", "30 Mar 2026, 12 Apr 2026"),
        "30 Mar 2026, 12 Apr 2026"
    );
}
