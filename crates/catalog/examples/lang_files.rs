//! Writes each language's file of texts (the ones the release build's
//! catalog names and checks) into a directory, and prints their names:
//! `cargo run -p ldn-catalog --example lang_files -- DIR`.
//! `scripts/post-build.mjs` runs it for every release build.

#[allow(dead_code)]
#[path = "../locales/catalog.rs"]
mod catalog;
#[path = "../locales/checksum.rs"]
mod checksum;
#[allow(dead_code)]
#[path = "../locales/slots.rs"]
mod slots;

use std::path::{Path, PathBuf};

fn main() {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: lang_files DIR");
        std::process::exit(2);
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let catalog = match catalog::load(&dir) {
        Ok(catalog) => catalog,
        Err(problems) => {
            for p in problems {
                eprintln!("locales/{p}");
            }
            std::process::exit(1);
        }
    };
    for (lang, (code, _)) in catalog::LANGUAGES.iter().enumerate() {
        let text = match slots::file(&catalog, lang) {
            Ok(text) => text,
            Err(problems) => {
                for p in problems {
                    eprintln!("locales/{code}.txt: {p}");
                }
                std::process::exit(1);
            }
        };
        let name = slots::file_name(code, &text);
        if let Err(e) = std::fs::write(out.join(&name), &text) {
            eprintln!("{}: {e}", out.join(&name).display());
            std::process::exit(1);
        }
        println!("{code} {name}");
    }
}
