//! Writes every message side by side in the four languages, with its
//! context and a sample rendering, as HTML for a native reviewer:
//! `cargo run -p ldn-catalog --example strings > strings.html`.

#[allow(dead_code)]
#[path = "../locales/catalog.rs"]
mod catalog;
#[path = "../locales/review.rs"]
mod review;

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    match catalog::load(&dir) {
        Ok(catalog) => print!("{}", review::html(&catalog)),
        Err(problems) => {
            for p in problems {
                eprintln!("locales/{p}");
            }
            std::process::exit(1);
        }
    }
}
