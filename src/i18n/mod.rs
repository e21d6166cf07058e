//! Every visible string in four languages: English, Norwegian Bokmål, Danish
//! and Ukrainian.
//!
//! The catalog is typed: `Msg` names each string and `catalog::texts` must
//! give all four languages for every variant (an array of four), so a
//! missing translation does not compile. Tests check that none is empty and
//! that placeholders `{0}`, `{1}` ... match across languages.

mod catalog;

use crate::engine::date::Date;
use crate::engine::format::DecimalSeparator;
pub use catalog::Msg;

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
        catalog::texts(msg)[self.index()]
    }

    /// The string for `msg` with `{0}`, `{1}` ... replaced by `args`.
    pub fn f(self, msg: Msg, args: &[&str]) -> String {
        let mut out = self.t(msg).to_string();
        for (i, arg) in args.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), arg);
        }
        out
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

    fn placeholders(text: &str) -> Vec<String> {
        let mut found: Vec<String> = (0..6)
            .map(|i| format!("{{{i}}}"))
            .filter(|p| text.contains(p.as_str()))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn every_message_is_translated_with_the_same_placeholders() {
        for msg in Msg::ALL {
            let english = Lang::En.t(*msg);
            for lang in Lang::ALL {
                let text = lang.t(*msg);
                assert!(
                    !text.trim().is_empty(),
                    "{msg:?} is empty in {}",
                    lang.code()
                );
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{msg:?} placeholders in {}",
                    lang.code()
                );
                if lang != Lang::En && english.chars().filter(|c| c.is_alphabetic()).count() > 12 {
                    assert_ne!(text, english, "{msg:?} untranslated in {}", lang.code());
                }
            }
        }
    }

    #[test]
    fn no_forbidden_units_in_any_language() {
        for msg in Msg::ALL {
            for lang in Lang::ALL {
                let text = lang.t(*msg);
                assert!(
                    !text.contains("µg") && !text.contains(" cc") && !text.contains("mLs"),
                    "{msg:?} {text}"
                );
            }
        }
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
    fn dates_and_formatting() {
        let d = Date::from_ymd(2026, 3, 30).unwrap();
        assert_eq!(Lang::En.date(d), "30 Mar 2026");
        assert_eq!(Lang::Nb.date(d), "30.03.2026");
        assert_eq!(Lang::Uk.f(Msg::DaysLeft, &["5"]), "Залишилось днів: 5");
    }
}
