//! The safety guidance from the sources, on every screen and on the printed
//! plan. Every point names who says it; where the sources disagree, the
//! topic shows each side and what this app does, instead of picking one
//! silently. Pure: the same view for a language every time.

use ldn_catalog::{Lang, Msg};
use std::cell::RefCell;
use std::rc::Rc;

/// Who wrote a source (the seeds in `shared/seeds/`), named as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// 000: the LDN Research Trust's patient information, in Norwegian.
    LdnResearchTrust,
    /// 001: FAKS, a Danish association of people with chronic pain.
    Faks,
    /// 002: Tværfagligt Smertecenter's patient leaflet (a hospital pain centre).
    PainCentre,
    /// 003: a Ukrainian medical review article.
    UkrainianReview,
    /// 004: an English page on standard-dose naltrexone.
    NaltrexoneInfo,
}

impl Source {
    /// The stable code, as `data-source` (the seed's number).
    pub fn code(self) -> &'static str {
        match self {
            Source::LdnResearchTrust => "seed-000",
            Source::Faks => "seed-001",
            Source::PainCentre => "seed-002",
            Source::UkrainianReview => "seed-003",
            Source::NaltrexoneInfo => "seed-004",
        }
    }

    fn name(self) -> Msg {
        match self {
            Source::LdnResearchTrust => Msg::SourceLdnrt,
            Source::Faks => Msg::SourceFaks,
            Source::PainCentre => Msg::SourcePainCentre,
            Source::UkrainianReview => Msg::SourceUkReview,
            Source::NaltrexoneInfo => Msg::SourceNaltrexoneInfo,
        }
    }
}

/// One topic: its points, and for a disagreement what the app does.
struct Topic {
    id: &'static str,
    title: Msg,
    points: &'static [(Msg, Source)],
    differ: bool,
    app: Option<Msg>,
}

use Source::*;

const TOPICS: &[Topic] = &[
    Topic {
        id: "daily-maximum",
        title: Msg::GuideDailyTitle,
        points: &[
            (Msg::GuideDaily000, LdnResearchTrust),
            (Msg::GuideDaily003, UkrainianReview),
        ],
        differ: true,
        app: Some(Msg::GuideDailyApp),
    },
    Topic {
        id: "opioids",
        title: Msg::GuideOpioidsTitle,
        points: &[
            (Msg::GuideOpioids004, NaltrexoneInfo),
            (Msg::GuideOpioids004b, NaltrexoneInfo),
            (Msg::GuideOpioids000, LdnResearchTrust),
            (Msg::GuideOpioids002, PainCentre),
        ],
        differ: false,
        app: None,
    },
    Topic {
        id: "other-medicines",
        title: Msg::GuideMedicinesTitle,
        points: &[
            (Msg::GuideMedicines001, Faks),
            (Msg::GuideMedicines002, PainCentre),
        ],
        differ: false,
        app: None,
    },
    Topic {
        id: "thyroid",
        title: Msg::GuideThyroidTitle,
        points: &[
            (Msg::GuideThyroid000, LdnResearchTrust),
            (Msg::GuideThyroid002, PainCentre),
        ],
        differ: false,
        app: None,
    },
    Topic {
        id: "pregnancy",
        title: Msg::GuidePregnancyTitle,
        points: &[
            (Msg::GuidePregnancy000, LdnResearchTrust),
            (Msg::GuidePregnancy002, PainCentre),
            (Msg::GuidePregnancy004, NaltrexoneInfo),
            (Msg::GuidePregnancy003, UkrainianReview),
        ],
        differ: true,
        app: Some(Msg::GuidePregnancyApp),
    },
    Topic {
        id: "liver",
        title: Msg::GuideLiverTitle,
        points: &[(Msg::GuideLiver004, NaltrexoneInfo)],
        differ: false,
        app: None,
    },
    Topic {
        id: "kidneys-mood",
        title: Msg::GuideKidneysTitle,
        points: &[
            (Msg::GuideKidneys002, PainCentre),
            (Msg::GuideKidneys004, NaltrexoneInfo),
        ],
        differ: false,
        app: None,
    },
    Topic {
        id: "allergy",
        title: Msg::GuideAllergyTitle,
        points: &[
            (Msg::GuideAllergy004, NaltrexoneInfo),
            (Msg::GuideAllergy002, PainCentre),
        ],
        differ: false,
        app: None,
    },
    Topic {
        id: "side-effects",
        title: Msg::GuideSideEffectsTitle,
        points: &[
            (Msg::GuideSideEffects000, LdnResearchTrust),
            (Msg::GuideSideEffects001, Faks),
            (Msg::GuideSideEffects002, PainCentre),
        ],
        differ: true,
        app: Some(Msg::GuideSideEffectsApp),
    },
    Topic {
        id: "missed-dose",
        title: Msg::GuideMissedTitle,
        points: &[(Msg::GuideMissed002, PainCentre)],
        differ: false,
        app: None,
    },
    Topic {
        id: "too-much",
        title: Msg::GuideTooMuchTitle,
        points: &[(Msg::GuideTooMuch002, PainCentre)],
        differ: false,
        app: None,
    },
    Topic {
        id: "surgery",
        title: Msg::GuideSurgeryTitle,
        points: &[
            (Msg::GuideSurgery001, Faks),
            (Msg::GuideSurgery002, PainCentre),
        ],
        differ: true,
        app: Some(Msg::GuideSurgeryApp),
    },
    Topic {
        id: "stopping",
        title: Msg::GuideStopTitle,
        points: &[(Msg::GuideStop002, PainCentre)],
        differ: false,
        app: None,
    },
    Topic {
        id: "dissolving",
        title: Msg::GuideLiquidTitle,
        points: &[
            (Msg::GuideLiquid000, LdnResearchTrust),
            (Msg::GuideLiquid001, Faks),
        ],
        differ: true,
        app: Some(Msg::GuideLiquidApp),
    },
    Topic {
        id: "cancer",
        title: Msg::GuideCancerTitle,
        points: &[(Msg::GuideCancer000, LdnResearchTrust)],
        differ: false,
        app: None,
    },
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointView {
    pub text: &'static str,
    /// `Source: <who>`.
    pub source: String,
    pub source_code: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicView {
    /// Stable id (`data-topic`).
    pub id: &'static str,
    pub title: &'static str,
    pub points: Vec<PointView>,
    /// "Sources differ", on a topic where they do.
    pub differ: Option<&'static str>,
    /// What this app does where they differ: `This app: ...`.
    pub app: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetyView {
    pub heading: &'static str,
    pub intro: &'static str,
    pub topics: Vec<TopicView>,
}

/// The guidance in `lang`. It depends on the language alone, so it is built
/// once per language and shared: every screen's shell and the printed plan
/// hold the same `Rc`, and comparing it with the last render is a pointer
/// check.
pub fn safety(lang: Lang) -> Rc<SafetyView> {
    thread_local! {
        static BUILT: RefCell<[Option<Rc<SafetyView>>; 4]> = const { RefCell::new([None, None, None, None]) };
    }
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    BUILT.with(|built| {
        built.borrow_mut()[index]
            .get_or_insert_with(|| Rc::new(build(lang)))
            .clone()
    })
}

/// One point of guidance and who says it.
pub fn point(lang: Lang, text: Msg, source: Source) -> PointView {
    PointView {
        text: lang.t(text),
        source: format!(
            "{}: {}",
            lang.t(Msg::GuideSourceLabel),
            lang.t(source.name())
        ),
        source_code: source.code(),
    }
}

fn build(lang: Lang) -> SafetyView {
    SafetyView {
        heading: lang.t(Msg::GuideHeading),
        intro: lang.t(Msg::GuideIntro),
        topics: TOPICS
            .iter()
            .map(|t| TopicView {
                id: t.id,
                title: lang.t(t.title),
                points: t
                    .points
                    .iter()
                    .map(|(text, source)| point(lang, *text, *source))
                    .collect(),
                differ: t.differ.then(|| lang.t(Msg::GuideDiffer)),
                app: t
                    .app
                    .map(|m| format!("{}: {}", lang.t(Msg::GuideAppLabel), lang.t(m))),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_disagreement_shows_two_sources_and_what_the_app_does() {
        for lang in Lang::ALL {
            for t in &safety(lang).topics {
                let sources: std::collections::BTreeSet<_> =
                    t.points.iter().map(|p| p.source_code).collect();
                if t.differ.is_some() {
                    assert!(sources.len() >= 2, "{}: one source cannot differ", t.id);
                    assert!(t.app.is_some(), "{}: what does the app do?", t.id);
                } else {
                    assert!(t.app.is_none(), "{}", t.id);
                }
            }
        }
    }

    #[test]
    fn surgery_gives_both_pauses_with_who_says_them() {
        let s = safety(Lang::En);
        let surgery = s.topics.iter().find(|t| t.id == "surgery").unwrap();
        let said = |hours: &str| {
            surgery
                .points
                .iter()
                .find(|p| p.text.contains(hours))
                .map(|p| p.source.clone())
                .unwrap_or_default()
        };
        assert!(said("6 hours").contains("FAKS"), "{}", said("6 hours"));
        assert!(
            said("48 hours").contains("Tværfagligt Smertecenter"),
            "{}",
            said("48 hours")
        );
        assert!(surgery
            .app
            .as_deref()
            .unwrap_or("")
            .contains("anaesthetist"));
    }

    #[test]
    fn the_topics_the_sources_support_are_all_there() {
        let ids: Vec<_> = safety(Lang::Nb).topics.iter().map(|t| t.id).collect();
        for id in [
            "daily-maximum",
            "opioids",
            "other-medicines",
            "thyroid",
            "pregnancy",
            "liver",
            "allergy",
            "kidneys-mood",
            "side-effects",
            "missed-dose",
            "too-much",
            "surgery",
            "stopping",
            "dissolving",
            "cancer",
        ] {
            assert!(ids.contains(&id), "{id}");
        }
    }
}
