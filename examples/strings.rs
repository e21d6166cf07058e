//! Writes every message side by side in the four languages, with its
//! context and a sample rendering, as HTML for a native reviewer:
//! `cargo run --example strings > strings.html`.

#[allow(dead_code)]
#[path = "../locales/catalog.rs"]
mod catalog;
#[path = "../locales/review.rs"]
mod review;

use ldn_calc::i18n::{Lang, Plural};
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    match catalog::load(&dir) {
        Ok(catalog) => print!("{}", review::html(&catalog, count_for)),
        Err(problems) => {
            for p in problems {
                eprintln!("locales/{p}");
            }
            std::process::exit(1);
        }
    }
}

/// The smallest whole number in `form` for the language at `index`.
pub fn count_for(index: usize, form: &str) -> Option<u64> {
    let lang = Lang::ALL[index];
    let want = match form {
        "one" => Plural::One,
        "few" => Plural::Few,
        "many" => Plural::Many,
        _ => Plural::Other,
    };
    (0..200).find(|n| lang.plural(*n) == want)
}
