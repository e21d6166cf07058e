//! Reads and checks the message files in `locales/`: the shared definition
//! (`messages.txt`) and one file per language. Used by `build.rs` (which
//! turns them into typed Rust and stops the build on any problem) and by
//! `examples/strings.rs` (the review export). Standard library only.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The languages, in the order of `Lang::ALL`, with the plural forms their
/// files must give for a counted message (CLDR categories; Ukrainian
/// `other` is the form for fractions).
pub const LANGUAGES: [(&str, &[&str]); 4] = [
    ("en", &["one", "other"]),
    ("nb", &["one", "other"]),
    ("da", &["one", "other"]),
    ("uk", &["one", "few", "many", "other"]),
];

/// No line of any message file may be longer than this (in characters).
pub const MAX_LINE: usize = 120;

/// One argument of a message, with a sample value for the review export.
#[derive(Debug, Clone)]
pub struct Arg {
    pub name: String,
    /// A whole number that chooses the plural form.
    pub count: bool,
    pub sample: String,
}

/// One message of the shared definition.
#[derive(Debug, Clone)]
pub struct Def {
    pub name: String,
    pub group: String,
    pub context: Vec<String>,
    pub args: Vec<Arg>,
}

impl Def {
    pub fn counted(&self) -> Option<&Arg> {
        self.args.iter().find(|a| a.count)
    }
}

/// The whole catalog: definitions in file order, and for every language
/// (same order as `LANGUAGES`) each message's text per plural form
/// (`""` for a message without a count).
#[derive(Debug)]
pub struct Catalog {
    pub defs: Vec<Def>,
    pub texts: Vec<BTreeMap<String, BTreeMap<String, String>>>,
}

impl Catalog {
    pub fn text(&self, lang: usize, name: &str, form: &str) -> &str {
        self.texts[lang]
            .get(name)
            .and_then(|forms| forms.get(form))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// Reads and checks everything; returns every problem found, each with its
/// file and line, so a translator sees all of them at once.
pub fn load(dir: &Path) -> Result<Catalog, Vec<String>> {
    let mut problems = Vec::new();
    let defs = read_definitions(dir, &mut problems);
    let mut texts = Vec::new();
    for (code, forms) in LANGUAGES {
        texts.push(read_language(dir, code, forms, &defs, &mut problems));
    }
    let catalog = Catalog { defs, texts };
    if problems.is_empty() {
        check_translated(&catalog, &mut problems);
    }
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(problems)
    }
}

fn read_file(dir: &Path, file: &str, problems: &mut Vec<String>) -> String {
    let path = dir.join(file);
    match fs::read_to_string(&path) {
        Ok(text) => {
            for (i, line) in text.lines().enumerate() {
                let chars = line.chars().count();
                if chars > MAX_LINE {
                    problems.push(format!(
                        "{file}:{}: line is {chars} characters, at most {MAX_LINE}",
                        i + 1
                    ));
                }
            }
            text
        }
        Err(e) => {
            problems.push(format!("{}: {e}", path.display()));
            String::new()
        }
    }
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

fn is_arg_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn read_definitions(dir: &Path, problems: &mut Vec<String>) -> Vec<Def> {
    let text = read_file(dir, "messages.txt", problems);
    let mut defs: Vec<Def> = Vec::new();
    let mut group = String::new();
    let mut context = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let at = format!("messages.txt:{}", i + 1);
        if let Some(heading) = line.strip_prefix("## ") {
            group = heading.trim().to_string();
            context.clear();
        } else if let Some(comment) = line.strip_prefix('#') {
            context.push(comment.trim().to_string());
        } else if line.trim().is_empty() {
            context.clear();
        } else if line.starts_with(' ') {
            // "  name = sample" or "  #count = sample": an argument.
            let Some(def) = defs.last_mut() else {
                problems.push(format!("{at}: an argument before any message"));
                continue;
            };
            let Some((name, sample)) = line.trim().split_once('=') else {
                problems.push(format!("{at}: an argument is written `name = sample`"));
                continue;
            };
            let name = name.trim();
            let (count, name) = match name.strip_prefix('#') {
                Some(n) => (true, n),
                None => (false, name),
            };
            if !is_arg_name(name) {
                problems.push(format!("{at}: `{name}` is not a lower_case argument name"));
            }
            if def.args.iter().any(|a| a.name == name) {
                problems.push(format!("{at}: argument `{name}` given twice"));
            }
            if count && def.counted().is_some() {
                problems.push(format!("{at}: a message has at most one #count"));
            }
            def.args.push(Arg {
                name: name.to_string(),
                count,
                sample: sample.trim().to_string(),
            });
        } else {
            let name = line.trim();
            if !is_name(name) {
                problems.push(format!("{at}: `{name}` is not a CamelCase message name"));
            }
            if !seen.insert(name.to_string()) {
                problems.push(format!("{at}: `{name}` is defined twice"));
            }
            if context.is_empty() {
                problems.push(format!(
                    "{at}: `{name}` has no context comment for translators"
                ));
            }
            defs.push(Def {
                name: name.to_string(),
                group: group.clone(),
                context: std::mem::take(&mut context),
                args: Vec::new(),
            });
        }
    }
    defs
}

/// The `{name}` placeholders of a text, or a problem.
pub fn placeholders(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a `}` without `{`".into());
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err("a `{` without `}`".into());
        };
        out.push(after[..close].to_string());
        rest = &after[close + 1..];
    }
    Ok(out)
}

/// Unit tokens a language must not use (each language writes its own:
/// en mL, mcg; nb and da ml, mikrogram; uk мл, мг, мкг), and the ones no
/// language may use (µg, cc).
fn foreign_units(code: &str, text: &str) -> Vec<&'static str> {
    let forbidden: &[&str] = match code {
        "en" => &["ml", "µg", "cc", "mikrogram"],
        "nb" | "da" => &["mL", "mcg", "µg", "cc"],
        _ => &["mg", "mL", "ml", "mcg", "µg", "cc"],
    };
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == 'µ'))
        .filter(|w| !w.is_empty())
        .collect();
    forbidden
        .iter()
        .copied()
        .filter(|unit| words.contains(unit))
        .collect()
}

fn read_language(
    dir: &Path,
    code: &str,
    forms: &[&str],
    defs: &[Def],
    problems: &mut Vec<String>,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let file = format!("{code}.txt");
    let text = read_file(dir, &file, problems);
    // (key, line number, text) with continuation lines joined.
    let mut entries: Vec<(String, usize, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with(' ') {
            match entries.last_mut() {
                Some((_, _, text)) => {
                    text.push(' ');
                    text.push_str(line.trim());
                }
                None => problems.push(format!("{file}:{}: continuation before any message", i + 1)),
            }
            continue;
        }
        match line.split_once(" = ") {
            Some((key, value)) => {
                entries.push((key.trim().to_string(), i + 1, value.trim().to_string()))
            }
            None => problems.push(format!(
                "{file}:{}: a message is written `Name = text`",
                i + 1
            )),
        }
    }
    let by_name: BTreeMap<&str, &Def> = defs.iter().map(|d| (d.name.as_str(), d)).collect();
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (key, line, value) in entries {
        let at = format!("{file}:{line}");
        let (name, form) = match key.split_once('[') {
            Some((name, form)) => (name, form.trim_end_matches(']')),
            None => (key.as_str(), ""),
        };
        let Some(def) = by_name.get(name) else {
            problems.push(format!("{at}: `{name}` is not in messages.txt"));
            continue;
        };
        match (def.counted(), form) {
            (None, "") => {}
            (None, _) => problems.push(format!("{at}: `{name}` has no count, so no plural forms")),
            (Some(_), f) if !forms.contains(&f) => problems.push(format!(
                "{at}: `{name}[{f}]`: {code} has the plural forms {}",
                forms.join(", ")
            )),
            _ => {}
        }
        if value.is_empty() {
            problems.push(format!("{at}: `{key}` is empty"));
        }
        match placeholders(&value) {
            Ok(found) => {
                let wanted: BTreeSet<&str> = def.args.iter().map(|a| a.name.as_str()).collect();
                let got: BTreeSet<&str> = found.iter().map(String::as_str).collect();
                if wanted != got {
                    problems.push(format!(
                        "{at}: `{key}` uses {{{}}} but its arguments are {{{}}}",
                        got.into_iter().collect::<Vec<_>>().join("}, {"),
                        wanted.into_iter().collect::<Vec<_>>().join("}, {"),
                    ));
                }
            }
            Err(e) => problems.push(format!("{at}: `{key}`: {e}")),
        }
        for unit in foreign_units(code, &value) {
            problems.push(format!(
                "{at}: `{key}` writes the unit `{unit}`, not the {code} one"
            ));
        }
        if out
            .entry(name.to_string())
            .or_default()
            .insert(form.to_string(), value)
            .is_some()
        {
            problems.push(format!("{at}: `{key}` is given twice"));
        }
    }
    for def in defs {
        let wanted: Vec<&str> = if def.counted().is_some() {
            forms.to_vec()
        } else {
            vec![""]
        };
        for form in wanted {
            let has = out.get(&def.name).is_some_and(|f| f.contains_key(form));
            if !has {
                let key = if form.is_empty() {
                    def.name.clone()
                } else {
                    format!("{}[{form}]", def.name)
                };
                problems.push(format!("{file}: `{key}` is missing"));
            }
        }
    }
    out
}

/// A longer English text copied unchanged into another language is almost
/// always a forgotten translation.
fn check_translated(catalog: &Catalog, problems: &mut Vec<String>) {
    for def in &catalog.defs {
        let english = catalog.text(
            0,
            &def.name,
            if def.counted().is_some() { "other" } else { "" },
        );
        let mut words = english.to_string();
        for arg in &def.args {
            words = words.replace(&format!("{{{}}}", arg.name), "");
        }
        if words.chars().filter(|c| c.is_alphabetic()).count() <= 12 {
            continue;
        }
        for (lang, (code, _)) in LANGUAGES.iter().enumerate().skip(1) {
            let form = if def.counted().is_some() { "other" } else { "" };
            if catalog.text(lang, &def.name, form) == english {
                problems.push(format!("{code}.txt: `{}` is the English text", def.name));
            }
        }
    }
}
