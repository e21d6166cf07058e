//! Every visible string in four languages: English, Norwegian Bokmål, Danish
//! and Ukrainian.
//!
//! The texts live in `locales/` (one file per language against one shared
//! definition); `build.rs` checks them and generates the typed catalog:
//! `Msg` for a message without arguments (`lang.t(Msg::AppTitle)`), and a
//! struct with named fields for each message with arguments
//! (`lang.f(msg::DaysLeft { days: 5 })`), so a missing, misnamed or swapped
//! argument does not compile. Counted messages choose their plural form by
//! the CLDR rules below.
//!
//! The texts themselves are one file per language (`locales/slots.rs`):
//! native builds embed all four (feature `embedded`, on for tests and
//! tools); a web page loads only the language it shows ([`file_name`],
//! [`install`]), so nobody downloads four languages to read one.

mod catalog;
#[path = "../locales/checksum.rs"]
mod checksum;

pub use catalog::{msg, Msg};
use ldn_engine::date::Date;
use ldn_engine::format::{DecimalSeparator, Unit};
use std::sync::OnceLock;

/// A message with arguments (generated in `catalog::msg`).
pub trait Message {
    fn render(&self, lang: Lang) -> String;
}

/// CLDR plural categories that whole numbers reach in the app's languages.
/// `Other` is also Ukrainian's form for fractions. The order is the order
/// of a counted message's slots in the language files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

/// Replaces each `{name}` in `template` by its value. The build has checked
/// that every placeholder of every template is one of `args`.
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            rest = &rest[open..];
            break;
        };
        match args.iter().find(|(name, _)| *name == &after[..close]) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Each language's texts, once installed: one entry per slot.
static TEXTS: [OnceLock<Box<[&'static str]>>; 4] = [const { OnceLock::new() }; 4];

fn texts(lang: Lang) -> &'static [&'static str] {
    let cell = &TEXTS[lang.index()];
    #[cfg(any(test, feature = "embedded"))]
    {
        cell.get_or_init(|| catalog::EMBEDDED[lang.index()].split('\n').collect())
    }
    #[cfg(not(any(test, feature = "embedded")))]
    {
        cell.get().map(|t| &**t).unwrap_or(&[])
    }
}

/// The name of `lang`'s file of texts, as the release build writes it
/// beside the page.
pub fn file_name(lang: Lang) -> &'static str {
    catalog::FILES[lang.index()].0
}

/// Whether `lang`'s texts are there to show.
pub fn installed(lang: Lang) -> bool {
    !texts(lang).is_empty()
}

/// Why a loaded language file was not installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// Not the file this build was made with (another build's, or
    /// damaged): its texts would land in the wrong places.
    Mismatch,
}

/// Makes `text`, the content of [`file_name`]`(lang)`, the texts of
/// `lang`, after checking it is exactly this build's file.
pub fn install(lang: Lang, text: String) -> Result<(), FileProblem> {
    let (_, expected) = catalog::FILES[lang.index()];
    if checksum::checksum(text.as_bytes()) != expected {
        return Err(FileProblem::Mismatch);
    }
    let cell = &TEXTS[lang.index()];
    if cell.get().is_none() {
        // Kept for the life of the page (at most one file per language,
        // once), so every message stays a `&'static str`.
        let text: &'static str = Box::leak(text.into_boxed_str());
        let slots: Box<[&'static str]> = text.split('\n').collect();
        if slots.len() != catalog::SLOTS {
            return Err(FileProblem::Mismatch);
        }
        let _ = cell.set(slots);
    }
    Ok(())
}

/// The app's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Nb,
    Da,
    Uk,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Nb, Lang::Da, Lang::Uk];

    /// BCP 47 code, as used in `lang=` links and the `<html lang>` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nb => "nb",
            Lang::Da => "da",
            Lang::Uk => "uk",
        }
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Nb => "Norsk bokmål",
            Lang::Da => "Dansk",
            Lang::Uk => "Українська",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The first supported language among the browser's preferences
    /// (`nb-NO`, `no`, `nn` count as Norwegian; `da-DK` as Danish).
    pub fn from_preferences<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in preferences {
            let primary = tag
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let lang = match primary.as_str() {
                "en" => Some(Lang::En),
                "nb" | "no" | "nn" => Some(Lang::Nb),
                "da" => Some(Lang::Da),
                "uk" => Some(Lang::Uk),
                _ => None,
            };
            if let Some(lang) = lang {
                return lang;
            }
        }
        Lang::En
    }

    pub fn separator(self) -> DecimalSeparator {
        match self {
            Lang::En => DecimalSeparator::Point,
            Lang::Nb | Lang::Da | Lang::Uk => DecimalSeparator::Comma,
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Nb => 1,
            Lang::Da => 2,
            Lang::Uk => 3,
        }
    }

    /// The string for `msg`.
    pub fn t(self, msg: Msg) -> &'static str {
        self.slot(msg as usize)
    }

    /// The text in slot `n` of this language's file; empty while the file
    /// is not installed (the front ends install a language before showing
    /// it, see [`install`]).
    fn slot(self, n: usize) -> &'static str {
        texts(self).get(n).copied().unwrap_or("")
    }

    /// A message with its arguments filled in.
    pub fn f(self, message: impl Message) -> String {
        message.render(self)
    }

    /// The plural category of a whole number (CLDR rules for integers:
    /// en, nb, da "one" is exactly 1; uk "one" ends in 1 but not 11, "few"
    /// ends in 2 to 4 but not 12 to 14, everything else is "many").
    pub fn plural(self, n: u64) -> Plural {
        match self {
            Lang::En | Lang::Nb | Lang::Da => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            Lang::Uk => match (n % 10, n % 100) {
                (1, h) if h != 11 => Plural::One,
                (2..=4, h) if !(12..=14).contains(&h) => Plural::Few,
                _ => Plural::Many,
            },
        }
    }

    /// The unit as this language's pharmacy texts write it: en mg, mL, mcg,
    /// mg/mL (ISMP); nb and da mg, ml, mikrogram, mg/ml; uk мг, мл, мкг,
    /// мг/мл. Never µg or cc.
    pub fn unit(self, unit: Unit) -> &'static str {
        match (self, unit) {
            (_, Unit::Percent) => "%",
            (Lang::En, u) => u.symbol(),
            (Lang::Nb | Lang::Da, Unit::Mg) => "mg",
            (Lang::Nb | Lang::Da, Unit::Mcg) => "mikrogram",
            (Lang::Nb | Lang::Da, Unit::Ml) => "ml",
            (Lang::Nb | Lang::Da, Unit::MgPerMl) => "mg/ml",
            (Lang::Uk, Unit::Mg) => "мг",
            (Lang::Uk, Unit::Mcg) => "мкг",
            (Lang::Uk, Unit::Ml) => "мл",
            (Lang::Uk, Unit::MgPerMl) => "мг/мл",
        }
    }

    /// A date as people of this language write it.
    pub fn date(self, date: Date) -> String {
        let (y, m, d) = date.ymd();
        match self {
            Lang::En => {
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ];
                let month = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
                format!("{d} {month} {y}")
            }
            Lang::Nb | Lang::Da | Lang::Uk => format!("{d:02}.{m:02}.{y}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_there_in_every_language() {
        // The build checks the files; this checks what it generated.
        for msg in Msg::ALL {
            for lang in Lang::ALL {
                assert!(
                    !lang.t(*msg).trim().is_empty(),
                    "{msg:?} in {}",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn each_language_file_is_installed_only_if_it_is_this_builds() {
        for lang in Lang::ALL {
            let file = catalog::EMBEDDED[lang.index()];
            assert!(file_name(lang).starts_with(&format!("lang-{}-", lang.code())));
            // The build's own file (already embedded here) is accepted.
            assert_eq!(install(lang, file.to_string()), Ok(()));
            // One changed character, a missing line, or another
            // language's file is not.
            let changed = file.replacen('a', "b", 1);
            assert_eq!(install(lang, changed), Err(FileProblem::Mismatch));
            let (shorter, _) = file.rsplit_once('\n').unwrap();
            assert_eq!(
                install(lang, shorter.to_string()),
                Err(FileProblem::Mismatch)
            );
        }
        assert_eq!(
            install(Lang::Nb, catalog::EMBEDDED[Lang::Da.index()].to_string()),
            Err(FileProblem::Mismatch)
        );
        assert_eq!(
            catalog::EMBEDDED[0].split('\n').count(),
            catalog::SLOTS,
            "one slot per line"
        );
    }

    #[test]
    fn plural_categories_follow_cldr() {
        use Plural::*;
        let numbers = [0, 1, 2, 5, 11, 21, 22, 25, 101, 111, 112, 1000];
        let expect = |lang: Lang, want: [Plural; 12]| {
            for (n, want) in numbers.iter().zip(want) {
                assert_eq!(lang.plural(*n), want, "{n} in {}", lang.code());
            }
        };
        // en, nb, da: one = exactly 1 (CLDR: "i = 1 and v = 0"; da "n = 1").
        for lang in [Lang::En, Lang::Nb, Lang::Da] {
            expect(
                lang,
                [
                    Other, One, Other, Other, Other, Other, Other, Other, Other, Other, Other,
                    Other,
                ],
            );
        }
        // uk (CLDR examples): one 1, 21, 101; few 2, 22; many 0, 5, 11, 25, 111, 112, 1000.
        expect(
            Lang::Uk,
            [
                Many, One, Few, Many, Many, One, Few, Many, One, Many, Many, Many,
            ],
        );
    }

    #[test]
    fn counted_messages_read_as_the_language_counts() {
        let days = |lang: Lang, days: u64| lang.f(msg::DaysLeft { days });
        assert_eq!(days(Lang::En, 1), "1 day left");
        assert_eq!(days(Lang::En, 0), "0 days left");
        assert_eq!(days(Lang::En, 21), "21 days left");
        assert_eq!(days(Lang::Nb, 1), "1 dag igjen");
        assert_eq!(days(Lang::Da, 2), "2 dage tilbage");
        assert_eq!(days(Lang::Uk, 1), "Залишився 1 день");
        assert_eq!(days(Lang::Uk, 2), "Залишилося 2 дні");
        assert_eq!(days(Lang::Uk, 5), "Залишилося 5 днів");
        assert_eq!(days(Lang::Uk, 11), "Залишилося 11 днів");
        assert_eq!(days(Lang::Uk, 21), "Залишився 21 день");
        assert_eq!(days(Lang::Uk, 22), "Залишилося 22 дні");
        assert_eq!(days(Lang::Uk, 25), "Залишилося 25 днів");
    }

    #[test]
    fn fill_puts_each_argument_in_its_place() {
        assert_eq!(fill("{b} then {a}", &[("a", "1"), ("b", "2")]), "2 then 1");
        assert_eq!(fill("no args", &[]), "no args");
        // Unreachable after the build's check, but harmless: left as written.
        assert_eq!(fill("{x} and {", &[("a", "1")]), "{x} and {");
    }

    #[test]
    fn units_follow_each_languages_pharmacy_convention() {
        let all = [Unit::Mg, Unit::Mcg, Unit::Ml, Unit::MgPerMl];
        let row = |lang: Lang| all.map(|u| lang.unit(u));
        assert_eq!(row(Lang::En), ["mg", "mcg", "mL", "mg/mL"]);
        assert_eq!(row(Lang::Nb), ["mg", "mikrogram", "ml", "mg/ml"]);
        assert_eq!(row(Lang::Da), ["mg", "mikrogram", "ml", "mg/ml"]);
        assert_eq!(row(Lang::Uk), ["мг", "мкг", "мл", "мг/мл"]);
    }

    #[test]
    fn languages_from_browser_preferences() {
        assert_eq!(Lang::from_preferences(["nb-NO", "en"]), Lang::Nb);
        assert_eq!(Lang::from_preferences(["no"]), Lang::Nb);
        assert_eq!(Lang::from_preferences(["fr-FR", "da-DK"]), Lang::Da);
        assert_eq!(Lang::from_preferences(["uk-UA"]), Lang::Uk);
        assert_eq!(Lang::from_preferences(["fr"]), Lang::En);
        assert_eq!(Lang::from_preferences([]), Lang::En);
    }

    #[test]
    fn dates() {
        let d = Date::from_ymd(2026, 3, 30).unwrap();
        assert_eq!(Lang::En.date(d), "30 Mar 2026");
        assert_eq!(Lang::Nb.date(d), "30.03.2026");
    }
}
