//! What surrounds every screen: title, language, notices, tabs, footer.

use super::form::{choice, Choice};
use super::text::read_problem;
use ldn_catalog::{msg, Lang, Msg};
use ldn_model::state::{Action, Screen, State, Storage};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tab {
    pub label: &'static str,
    pub current: bool,
    pub action: Action,
}

/// Stored data that could not be read, and what can be done with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub text: String,
    pub download: &'static str,
    pub discard: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellView {
    pub lang: Lang,
    pub title: &'static str,
    pub tagline: &'static str,
    pub language: Choice,
    pub update_ready: Option<(&'static str, &'static str)>,
    /// A language whose texts could not be loaded, said in this one.
    pub lang_unavailable: Option<String>,
    /// Each ignored link parameter: its `name=value` and the message.
    pub link_problems: Vec<(String, String)>,
    pub unreadable: Option<Unreadable>,
    pub tabs_label: &'static str,
    /// None on the patient's page.
    pub tabs: Vec<Tab>,
    pub disclaimer: &'static str,
    /// The sources' safety guidance, under the tabs on every screen.
    pub safety: std::rc::Rc<super::safety::SafetyView>,
}

pub fn shell(s: &State) -> ShellView {
    let lang = s.lang;
    let tab = |screen: Screen, msg: Msg| Tab {
        label: lang.t(msg),
        current: s.screen == screen,
        action: Action::Show(screen),
    };
    ShellView {
        lang,
        title: lang.t(Msg::AppTitle),
        tagline: lang.t(Msg::AppTagline),
        language: {
            let mut c = choice(
                "lang",
                lang.t(Msg::Language),
                Lang::ALL
                    .iter()
                    .map(|l| (l.native_name().to_string(), *l == lang, Action::Lang(*l))),
            );
            for (o, l) in c.options.iter_mut().zip(Lang::ALL) {
                o.lang = Some(l.code());
            }
            c
        },
        lang_unavailable: s.lang_unavailable.map(|wanted| {
            lang.f(msg::LangUnavailable {
                language: wanted.native_name(),
            })
        }),
        update_ready: s
            .update_ready
            .then(|| (lang.t(Msg::UpdateReady), lang.t(Msg::Reload))),
        link_problems: s
            .link_problems
            .iter()
            .map(|p| {
                (
                    p.describe(),
                    lang.f(msg::LinkIgnored {
                        value: &p.describe(),
                    }),
                )
            })
            .collect(),
        unreadable: match &s.storage {
            Storage::Unreadable { reason, .. } => Some(Unreadable {
                text: format!(
                    "{} ({})",
                    lang.t(Msg::StorageUnreadable),
                    read_problem(lang, reason)
                ),
                download: lang.t(Msg::DownloadRaw),
                discard: lang.t(Msg::DiscardRaw),
            }),
            _ => None,
        },
        tabs_label: lang.t(Msg::Screens),
        // The patient's page leads nowhere else: no pharmacist screens.
        tabs: if s.screen == Screen::Patient {
            Vec::new()
        } else {
            vec![
                tab(Screen::Prepare, Msg::TabPrepare),
                tab(Screen::Dose, Msg::TabDose),
                tab(Screen::Plan, Msg::TabPlan),
                tab(Screen::Batches, Msg::TabBatches),
            ]
        },
        disclaimer: lang.t(Msg::Disclaimer),
        safety: super::safety::safety(lang),
    }
}
