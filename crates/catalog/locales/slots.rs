//! The language files the web pages load, one per language: every text of
//! the catalog in one numbered slot per line. Used by `build.rs` (which
//! numbers the messages and embeds each file's name and checksum in the
//! typed catalog) and by `examples/lang_files.rs` (which writes the files
//! beside the release build), so both always agree. Standard library only.
//!
//! Layout: the messages in `messages.txt` order; one slot for a message
//! without a count, four for a counted one (the plural forms one, few,
//! many, other: a language without a form leaves its slot empty).

use super::catalog::Catalog;
use super::checksum::checksum;

/// The plural forms of a counted message, in slot order (the order of the
/// `Plural` enum).
pub const FORMS: [&str; 4] = ["one", "few", "many", "other"];

/// Each message's first slot, in definition order, and the number of slots.
pub fn layout(catalog: &Catalog) -> (Vec<usize>, usize) {
    let mut next = 0;
    let bases = catalog
        .defs
        .iter()
        .map(|def| {
            let base = next;
            next += if def.counted().is_some() {
                FORMS.len()
            } else {
                1
            };
            base
        })
        .collect();
    (bases, next)
}

/// The file of language `lang` (index into `LANGUAGES`): its slots joined
/// by newlines; or the messages whose text holds a newline, which cannot
/// be written this way.
pub fn file(catalog: &Catalog, lang: usize) -> Result<String, Vec<String>> {
    let mut slots = Vec::new();
    for def in &catalog.defs {
        if def.counted().is_some() {
            slots.extend(FORMS.iter().map(|form| catalog.text(lang, &def.name, form)));
        } else {
            slots.push(catalog.text(lang, &def.name, ""));
        }
    }
    let broken: Vec<String> = catalog
        .defs
        .iter()
        .filter(|def| {
            FORMS
                .iter()
                .chain([&""])
                .any(|form| catalog.text(lang, &def.name, form).contains('\n'))
        })
        .map(|def| format!("{}: a text may not hold a line break", def.name))
        .collect();
    if broken.is_empty() {
        Ok(slots.join("\n"))
    } else {
        Err(broken)
    }
}

/// The file's name: its language and checksum, so a new text is a new
/// name (hosts and the service worker may keep a name forever).
pub fn file_name(code: &str, text: &str) -> String {
    format!("lang-{code}-{:016x}.txt", checksum(text.as_bytes()))
}
