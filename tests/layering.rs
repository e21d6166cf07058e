//! The layers keep to their jobs (ARCHITECTURE.md). The engine, catalog,
//! model and view are crates (`crates/`) whose manifests name no web crate,
//! so the compiler keeps the web out of them; this checks the manifests.
//! `ui/` is markup over views and touches the browser only through
//! `ui/browser.rs` (and `ui/browser/camera.rs`): read from the source text, so a new file is checked as
//! soon as it exists.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Code only: comments and test modules left out.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each file under `dir` (except `allowed`) that contains a `forbidden`
/// word, with the word.
fn offenders(dir: &str, forbidden: &[&str], allowed: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut found = Vec::new();
    for path in rust_files(&root) {
        let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        let name = name.to_string_lossy().replace('\\', "/");
        if allowed.contains(&name.as_str()) {
            continue;
        }
        let text = code(&path);
        for word in forbidden {
            if text.contains(word) {
                found.push(format!("{name}: {word}"));
            }
        }
    }
    found
}

const WEB: &[&str] = &["yew", "web_sys", "js_sys", "wasm_bindgen", "gloo"];

/// The dependency names a crate's manifest lists (any section).
fn dependencies(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_deps = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line.contains("dependencies");
            continue;
        }
        if in_deps {
            if let Some((name, _)) = line.split_once('=') {
                if !name.trim().is_empty() && !name.trim().starts_with('#') {
                    names.push(name.trim().to_string());
                }
            }
        }
    }
    names
}

#[test]
fn the_layer_crates_depend_on_no_web_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for layer in ["engine", "catalog", "model", "view"] {
        let manifest =
            fs::read_to_string(root.join("crates").join(layer).join("Cargo.toml")).unwrap();
        let deps = dependencies(&manifest);
        assert!(!deps.is_empty() || layer == "engine", "{layer}: {deps:?}");
        let web: Vec<&String> = deps
            .iter()
            .filter(|d| WEB.iter().any(|w| d.replace('-', "_").starts_with(w)))
            .collect();
        assert!(web.is_empty(), "{layer} depends on {web:?}");
    }
    // The check sees a web crate where there is one: the front end's.
    let front = dependencies(&fs::read_to_string(root.join("Cargo.toml")).unwrap());
    assert!(front.iter().any(|d| d == "yew"), "{front:?}");
}

/// The browser edge: `ui/browser.rs` and its camera reader.
const BROWSER_EDGE: &[&str] = &["src/ui/browser.rs", "src/ui/browser/camera.rs"];

#[test]
fn only_the_browser_edge_touches_browser_apis() {
    let found = offenders(
        "src/ui",
        &["web_sys", "js_sys", "wasm_bindgen", "gloo"],
        BROWSER_EDGE,
    );
    assert_eq!(found, Vec::<String>::new());
}

/// `ui/` decides nothing: no engine, no parsers, orders, outcomes or the
/// catalog, no decimals, rounding, date maths or formatting of numbers.
/// It renders views and sends actions (`model::state::Action`).
#[test]
fn the_ui_holds_no_logic() {
    let forbidden = [
        "crate::engine",
        "crate::i18n",
        "model::order",
        "model::form",
        "model::outcome",
        "model::plan",
        "model::link",
        "model::inputs",
        "rust_decimal",
        "Decimal::",
        "parse",
        ".round(",
        "round_dp",
        "checked_",
        "saturating_",
        "add_days",
        "days_until",
        "lang.t(",
        "lang.f(",
        "lang.date(",
        "(Msg::",
        "crate::{",
        "view::text",
        "saved::status",
        "to_f64",
    ];
    let found = offenders("src/ui", &forbidden, BROWSER_EDGE);
    assert_eq!(found, Vec::<String>::new());
}

/// The check itself finds what it looks for (so it cannot pass vacuously).
#[test]
fn the_check_sees_a_violation() {
    assert!(!offenders("src/ui", &["use yew::prelude"], &[]).is_empty());
    assert!(!offenders("crates/engine/src", &["rust_decimal"], &[]).is_empty());
    assert_eq!(
        offenders("src/ui", &["browser::today"], &[]),
        vec!["src/ui/door.rs: browser::today".to_string()]
    );
}
