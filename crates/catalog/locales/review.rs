//! The strings review export: every message side by side in the four
//! languages, with its context and a sample rendering of its arguments,
//! as one HTML page for a native reviewer. Used by `examples/strings.rs`
//! and tested by `tests/strings_export.rs`.

use super::catalog::{placeholders, Catalog, LANGUAGES};
use ldn_catalog::{Lang, Plural};

/// The smallest whole number in plural `form` for the language at `index`
/// (the app's own rules), or `None` when whole numbers never reach it
/// (Ukrainian `other`, the form for fractions).
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

/// How a language writes a sample: its decimal comma and unit symbols
/// (samples in `messages.txt` are written the English way).
pub fn localise(code: &str, sample: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = sample.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && i + 1 < chars.len()
            && chars[i - 1].is_ascii_digit()
            && chars[i + 1].is_ascii_digit();
        if *c == '.' && between_digits && code != "en" {
            out.push(',');
        } else {
            out.push(*c);
        }
    }
    let units: &[(&str, &str)] = match code {
        "nb" | "da" => &[("mg/mL", "mg/ml"), ("mL", "ml"), ("mcg", "mikrogram")],
        "uk" => &[
            ("mg/mL", "мг/мл"),
            ("mL", "мл"),
            ("mcg", "мкг"),
            ("mg", "мг"),
        ],
        _ => &[],
    };
    out.split(' ')
        .map(|word| {
            units
                .iter()
                .find(|(from, _)| word.trim_end_matches([',', '.', ')']) == *from)
                .map(|(from, to)| word.replacen(from, to, 1))
                .unwrap_or_else(|| word.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page.
pub fn html(catalog: &Catalog) -> String {
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>LDN calculator: strings for review</title>\n<style>\
         body{font:14px/1.4 system-ui,sans-serif;margin:1rem}table{border-collapse:collapse}\
         td,th{border:1px solid #999;padding:.3rem;vertical-align:top;text-align:left}\
         th{background:#eee}.ctx{color:#333;font-size:12px}code{font-size:12px}\
         </style></head><body>\n<h1>LDN calculator: every message in four languages</h1>\n\
         <p>Each row: the message, its context and arguments, then each language's text and \
         the same text with sample arguments filled in (in italics). Counted messages have \
         one row per plural form.</p>\n<table>\n<tr><th>Message</th>",
    );
    for (code, _) in LANGUAGES {
        out.push_str(&format!("<th lang=\"{code}\">{code}</th>"));
    }
    out.push_str("</tr>\n");
    let mut group = "";
    for def in &catalog.defs {
        if def.group != group {
            group = &def.group;
            out.push_str(&format!(
                "<tr><th colspan=\"5\">{}</th></tr>\n",
                escape(group)
            ));
        }
        let forms: Vec<&str> = match def.counted() {
            None => vec![""],
            Some(_) => {
                let mut all: Vec<&str> = Vec::new();
                for (_, fs) in LANGUAGES {
                    for f in fs.iter() {
                        if !all.contains(f) {
                            all.push(f);
                        }
                    }
                }
                all
            }
        };
        for form in forms {
            let title = if form.is_empty() {
                def.name.clone()
            } else {
                format!("{}[{form}]", def.name)
            };
            out.push_str(&format!(
                "<tr id=\"{}\"><td><code>{}</code><div class=\"ctx\">{}</div>",
                escape(&title),
                escape(&title),
                escape(&def.context.join(" "))
            ));
            for arg in &def.args {
                out.push_str(&format!(
                    "<div class=\"ctx\">{{{}}}{} e.g. {}</div>",
                    escape(&arg.name),
                    if arg.count { " (count)" } else { "" },
                    escape(&arg.sample)
                ));
            }
            out.push_str("</td>");
            for (lang, (code, lang_forms)) in LANGUAGES.iter().enumerate() {
                if !form.is_empty() && !lang_forms.contains(&form) {
                    out.push_str("<td>\u{2014}</td>");
                    continue;
                }
                let text = catalog.text(lang, &def.name, form);
                let mut sample = text.to_string();
                for arg in &def.args {
                    let value = if arg.count {
                        count_for(lang, form)
                            .map(|n| n.to_string())
                            .unwrap_or_else(|| localise(code, "1.5"))
                    } else {
                        localise(code, &arg.sample)
                    };
                    sample = sample.replace(&format!("{{{}}}", arg.name), &value);
                }
                let filled = if placeholders(text).map(|p| p.is_empty()).unwrap_or(true) {
                    String::new()
                } else {
                    format!("<br><i>{}</i>", escape(&sample))
                };
                out.push_str(&format!(
                    "<td lang=\"{code}\">{}{filled}</td>",
                    escape(text)
                ));
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</table>\n</body></html>\n");
    out
}
