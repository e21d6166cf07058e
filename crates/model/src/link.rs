//! The shareable link: the page's inputs in the URL query, so a pharmacist
//! can send a patient exactly what they see.
//!
//! Parameters: `tablet` (mg per tablet), `tablets`, `volume` (final mL) or
//! `conc` (target mg/mL), `dose` (mg), `times` (doses a day, 1 or 2; written
//! only when 2), `syringe` (capacity mL), `grad` (mL between marks),
//! `prepared` (YYYY-MM-DD), `bud` (days), `lang`, `screen` (a pharmacist's
//! screen) or `view=patient` (the patient's page, which follows the plan
//! only when the link names one with `plan=`), and the plan's (README.md
//! lists them all, `pchemo` among them). Numbers are
//! written with a point. Unknown or invalid parameters are reported and
//! ignored; they never stop the page.

use super::form::Form;
use super::inputs::{
    AmountMode, BudChoice, DoseUnit, Inputs, PlanInputs, PlanScheme, SyringeChoice, TabletChoice,
    DEFAULT_LEAD_DAYS, DEFAULT_MORNING_REMINDER, DEFAULT_REMINDER,
};
use super::order::{dose_mg, syringe, tablet_mg};
use super::state::Screen;
use ldn_catalog::Lang;
use ldn_engine::date::{Date, TimeOfDay};
use ldn_engine::format::plain;
use ldn_engine::number::{parse_decimal, parse_whole};
use ldn_engine::quantity::Ml;
use ldn_engine::recipe::TabletPreset;
use ldn_engine::schedule::{TitrationPreset, MAX_PLAN_DAYS};
use ldn_engine::syringe::SyringePreset;
use rust_decimal::Decimal;

/// Something in a link that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    Unknown(String),
    Invalid { param: String, value: String },
}

impl LinkProblem {
    /// `name=value` as it stood in the link, for the message.
    pub fn describe(&self) -> String {
        match self {
            LinkProblem::Unknown(name) => name.clone(),
            LinkProblem::Invalid { param, value } => format!("{param}={value}"),
        }
    }
}

/// A query's `name=value` pairs (with or without the leading `?`), each
/// decoded (`%XX`, `+`; bad escapes stay as typed), in order.
fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
}

/// The syringe a link names (`syringe`, and `grad` for one that is not a
/// preset), or None when it names none or one that is not valid: a saved
/// batch's link says which syringe its draw was rounded for.
pub fn syringe_named(query: &str) -> Option<ldn_engine::syringe::Syringe> {
    let names_one = pairs(query).any(|(name, _)| name == "syringe");
    let (inputs, _, problems) = read(query, &Inputs::new("2000-01-01"));
    let refused = problems.iter().any(|p| {
        matches!(p, LinkProblem::Invalid { param, .. } if param == "syringe" || param == "grad")
    });
    if names_one && !refused {
        syringe(&inputs).ok()
    } else {
        None
    }
}

/// The value `view` takes for the patient's page.
pub const PATIENT_VIEW: &str = "patient";

/// The screen a link opens: the patient's page for `view=patient`, which
/// wins over `screen=prepare|dose|plan|batches`, if it names a valid one
/// (`read` reports an invalid one).
pub fn screen(query: &str) -> Option<Screen> {
    let values = |param: &'static str| {
        pairs(query)
            .filter(move |(name, _)| name == param)
            .map(|(_, value)| value)
    };
    if values("view").any(|v| v == PATIENT_VIEW) {
        return Some(Screen::Patient);
    }
    values("screen")
        .filter_map(|v| Screen::from_code(&v))
        .last()
}

/// Reads a link's query (with or without the leading `?`) over `base`.
/// Returns the inputs, the language if one was given, and the problems.
pub fn read(query: &str, base: &Inputs) -> (Inputs, Option<Lang>, Vec<LinkProblem>) {
    let mut inputs = base.clone();
    let mut lang = None;
    let mut problems = Vec::new();
    let mut grad: Option<Decimal> = None;
    let mut capacity: Option<Decimal> = None;
    for (name, value) in pairs(query) {
        let invalid = || LinkProblem::Invalid {
            param: name.clone(),
            value: value.clone(),
        };
        let number = || parse_decimal(&value).ok().filter(|_| !value.contains(','));
        let ok = match name.as_str() {
            "tablet" => number().is_some_and(|mg| {
                let mut candidate = inputs.clone();
                candidate.tablet = match mg {
                    m if m == TabletPreset::Mg50.mg().value() => TabletChoice::Mg50,
                    m if m == TabletPreset::Mg3.mg().value() => TabletChoice::Mg3,
                    _ => TabletChoice::Custom,
                };
                candidate.custom_tablet = plain(mg);
                tablet_mg(&candidate).is_ok() && {
                    inputs = candidate;
                    true
                }
            }),
            "tablets" => parse_whole(&value, 1, 100).is_ok_and(|n| {
                inputs.tablets = n.to_string();
                true
            }),
            "volume" => number().is_some_and(|v| {
                inputs.mode = AmountMode::Volume;
                inputs.volume = plain(v);
                true
            }),
            "conc" => number().is_some_and(|c| {
                inputs.mode = AmountMode::Concentration;
                inputs.conc = plain(c);
                true
            }),
            "dose" => number().is_some_and(|d| {
                let mut candidate = inputs.clone();
                candidate.dose_unit = DoseUnit::Mg;
                candidate.dose = plain(d);
                dose_mg(&candidate).is_ok() && {
                    inputs = candidate;
                    true
                }
            }),
            // Doses a day: the low-dose limits judge the dose times this.
            "times" => match value.as_str() {
                "1" | "2" => {
                    inputs.per_day = if value == "2" { 2 } else { 1 };
                    true
                }
                _ => false,
            },
            "syringe" => number().is_some_and(|c| {
                capacity = Some(c);
                true
            }),
            "grad" => number().is_some_and(|g| {
                grad = Some(g);
                true
            }),
            "prepared" => Date::parse_iso(&value).is_ok_and(|_| {
                inputs.prepared = value.clone();
                true
            }),
            "bud" => parse_whole(&value, 1, 180).is_ok_and(|days| {
                inputs.bud = match days {
                    30 => BudChoice::Days30,
                    14 => BudChoice::Days14,
                    _ => BudChoice::Custom,
                };
                inputs.custom_bud = days.to_string();
                true
            }),
            // Read by `screen` (the state's, not an input); checked here.
            "screen" => Screen::from_code(&value).is_some(),
            "view" => value == PATIENT_VIEW,
            "lang" => Lang::from_code(&value).is_some_and(|l| {
                lang = Some(l);
                true
            }),
            "plan" => {
                let scheme = match value.as_str() {
                    "custom" => Some(PlanScheme::Custom),
                    code => TitrationPreset::from_code(code).map(PlanScheme::Preset),
                };
                scheme.is_some_and(|scheme| {
                    inputs.plan.scheme = scheme;
                    inputs.plan.linked = true;
                    true
                })
            }
            "ptime" | "pmorning" => TimeOfDay::parse(&value).is_ok_and(|t| {
                let slot = if name == "ptime" {
                    &mut inputs.plan.reminder
                } else {
                    &mut inputs.plan.morning_reminder
                };
                *slot = t.to_string();
                true
            }),
            "pstart" => Date::parse_iso(&value).is_ok_and(|_| {
                inputs.plan.start = value.clone();
                true
            }),
            "pdose" | "pstep" | "ptarget" | "price" => number().is_some_and(|v| {
                let slot = match name.as_str() {
                    "pdose" => &mut inputs.plan.start_mg,
                    "pstep" => &mut inputs.plan.step_mg,
                    "ptarget" => &mut inputs.plan.target_mg,
                    _ => &mut inputs.plan.price,
                };
                *slot = plain(v);
                true
            }),
            "plead" => parse_whole(&value, 0, super::plan::MAX_LEAD_DAYS).is_ok_and(|n| {
                inputs.plan.lead_days = n.to_string();
                true
            }),
            "pevery" | "pdays" => parse_whole(&value, 1, MAX_PLAN_DAYS).is_ok_and(|n| {
                let slot = if name == "pevery" {
                    &mut inputs.plan.every_days
                } else {
                    &mut inputs.plan.days
                };
                *slot = n.to_string();
                true
            }),
            "psplit" | "pcycle" | "pabove" => {
                matches!(value.as_str(), "0" | "1" | "2") && {
                    let on = value != "0" && !(name == "psplit" && value == "1");
                    match name.as_str() {
                        "psplit" => inputs.plan.twice_daily = on,
                        "pcycle" => inputs.plan.cycle = on,
                        _ => inputs.plan.allow_above_ldn = on,
                    }
                    true
                }
            }
            "pchemo" => super::plan::chemo_dates(&value).is_ok_and(|dates| {
                let written: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
                inputs.plan.chemo = written.join(", ");
                true
            }),
            "pback" => {
                let parsed: Option<Vec<(Date, u32)>> = value
                    .split(',')
                    .map(|item| {
                        let (date, days) = item.split_once(':')?;
                        let days: u32 = days.parse().ok().filter(|d| (2..=3).contains(d))?;
                        Some((Date::parse_iso(date).ok()?, days))
                    })
                    .collect();
                parsed.is_some_and(|backs| {
                    inputs.plan.step_backs = backs;
                    true
                })
            }
            _ => {
                problems.push(LinkProblem::Unknown(name.clone()));
                continue;
            }
        };
        if !ok {
            problems.push(invalid());
        }
    }
    // A syringe is a capacity, with marks from the preset unless `grad` says otherwise.
    if capacity.is_some() || grad.is_some() {
        // Without a capacity, `grad` refines the current syringe.
        let linked = (capacity, grad);
        let current = syringe(&inputs).ok();
        let capacity = capacity.or(current.map(|s| s.capacity_ml().value()));
        let preset = capacity.and_then(|c| SyringePreset::from_capacity(Ml::new(c)));
        let chosen = match (preset, grad) {
            (Some(p), None) => Some(SyringeChoice::Preset(p)),
            (Some(p), Some(g)) if p.syringe().graduation_ml().value() == g => {
                Some(SyringeChoice::Preset(p))
            }
            // A syringe that is not a preset needs its marks.
            (None, None) => None,
            _ => Some(SyringeChoice::Custom),
        };
        let mut candidate = inputs.clone();
        if let (Some(chosen), Some(capacity)) = (chosen, capacity) {
            candidate.syringe = chosen;
            candidate.capacity = plain(capacity);
            candidate.grad = plain(
                grad.or(preset.map(|p| p.syringe().graduation_ml().value()))
                    .unwrap_or(Decimal::ZERO),
            );
        }
        if chosen.is_some() && syringe(&candidate).is_ok() {
            inputs = candidate;
        } else {
            let (param, value) = match linked {
                (Some(c), None) => ("syringe", plain(c)),
                (None, Some(g)) => ("grad", plain(g)),
                (c, g) => (
                    "syringe",
                    format!(
                        "{}&grad={}",
                        c.map(plain).unwrap_or_default(),
                        g.map(plain).unwrap_or_default()
                    ),
                ),
            };
            problems.push(LinkProblem::Invalid {
                param: param.into(),
                value,
            });
        }
    }
    (inputs, lang, problems)
}

/// Writes the valid inputs as a query (without `?`); invalid fields are
/// left out. `form` is `inputs` parsed (see `model::form`). For the
/// patient's page the plan is written whole when it is linked
/// (`PlanInputs::linked`, less the price) and not at all otherwise, so the
/// page the address opens never changes between a plan and a single dose.
pub fn write(inputs: &Inputs, form: &Form, lang: Lang, screen: Screen) -> String {
    let mut parts: Vec<(&str, String)> = Vec::new();
    if let Ok(mg) = form.tablet_mg {
        parts.push(("tablet", plain(mg.value())));
    }
    if let Ok(n) = parse_whole(&inputs.tablets, 1, 100) {
        parts.push(("tablets", n.to_string()));
    }
    match inputs.mode {
        AmountMode::Volume => {
            if let Ok(v) = parse_decimal(&inputs.volume) {
                parts.push(("volume", plain(v)));
            }
        }
        AmountMode::Concentration => {
            if let Ok(c) = parse_decimal(&inputs.conc) {
                parts.push(("conc", plain(c)));
            }
        }
    }
    if let Ok(d) = form.dose_mg {
        parts.push(("dose", plain(d.value())));
    }
    if inputs.per_day != 1 {
        parts.push(("times", inputs.per_day.clamp(1, 2).to_string()));
    }
    if let Ok(s) = &form.syringe {
        parts.push(("syringe", plain(s.capacity_ml().value())));
        if s.preset().is_none() {
            parts.push(("grad", plain(s.graduation_ml().value())));
        }
    }
    if Date::parse_iso(&inputs.prepared).is_ok() {
        parts.push(("prepared", inputs.prepared.trim().to_string()));
    }
    if let Ok(p) = form.policy {
        parts.push(("bud", p.days().to_string()));
    }
    match screen {
        // The patient's page has no costs: the pharmacy's price stays out.
        Screen::Patient if inputs.plan.linked => parts.extend(
            plan_parts(&inputs.plan)
                .into_iter()
                .filter(|(name, _)| *name != "price"),
        ),
        Screen::Patient => {}
        _ => parts.extend(write_plan(&inputs.plan, &inputs.prepared)),
    }
    match screen {
        Screen::Prepare => {}
        Screen::Patient => parts.push(("view", PATIENT_VIEW.to_string())),
        _ => parts.push(("screen", screen.code().to_string())),
    }
    parts.push(("lang", lang.code().to_string()));
    query_of(&parts)
}

/// `name=value&...`, each value encoded (a space as `+`).
fn query_of(parts: &[(&str, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(parts.iter().map(|(k, v)| (*k, v.as_str())))
        .finish()
}

/// The parameters a bottle's plan is kept and linked with: `plan` and the
/// plan's own (every one but the price, which is the pharmacy's).
pub const PLAN_PARAMS: [&str; 15] = [
    "plan", "pstart", "pdose", "pstep", "ptarget", "pevery", "pabove", "pdays", "psplit", "pcycle",
    "pchemo", "pback", "ptime", "pmorning", "plead",
];

/// The plan as a query (`plan=standard&pstart=2026-12-01&pdays=60`), less
/// the price: what a bottle made for it keeps (`model::bottle`).
pub fn plan_query(plan: &PlanInputs) -> String {
    let parts: Vec<(&str, String)> = plan_parts(plan)
        .into_iter()
        .filter(|(name, _)| *name != "price")
        .collect();
    query_of(&parts)
}

/// The parameters the patient's page needs to give a dose: the bottle
/// (recipe, preparation day, use-by), the syringe, and the dose or the
/// plan. A page whose link lacks one gives no dose: a default (today as the
/// preparation day, 1.5 mg as the dose) would make a wrong dose or an old
/// bottle look right.
const PATIENT_NEEDS: [&str; 6] = [
    "tablet",
    "tablets",
    "prepared",
    "bud",
    "syringe",
    "volume|conc",
];

/// What a patient link (`view=patient`) lacks to give a dose: each needed
/// parameter that is missing, and each parameter about the dose that could
/// not be read (the language, reminder times or lead time do not count).
pub fn patient_gaps(query: &str, problems: &[LinkProblem]) -> Vec<String> {
    let names: Vec<String> = param_names(query).collect();
    let has = |alternatives: &str| {
        alternatives
            .split('|')
            .any(|n| names.iter().any(|x| x == n))
    };
    let mut gaps: Vec<String> = PATIENT_NEEDS
        .iter()
        .filter(|n| !has(n))
        .map(|n| n.replace('|', "/"))
        .collect();
    let plan = has("plan");
    if plan && !has("pstart") {
        gaps.push("pstart".into());
    }
    if !plan && !has("dose") {
        gaps.push("dose".into());
    }
    let harmless = [
        "lang", "ptime", "pmorning", "plead", "price", "screen", "view",
    ];
    for p in problems {
        let name = match p {
            LinkProblem::Invalid { param, .. } => param.as_str(),
            LinkProblem::Unknown(_) => continue,
        };
        if !harmless.contains(&name) && !gaps.iter().any(|g| g == name) {
            gaps.push(name.to_string());
        }
    }
    gaps
}

/// The names of a query's parameters, decoded.
pub fn param_names(query: &str) -> impl Iterator<Item = String> + '_ {
    pairs(query).map(|(name, _)| name)
}

/// The plan's parameters: only when the plan says more than the default
/// (the standard scheme for 90 days from the preparation day), so links
/// without a plan stay short.
fn write_plan(plan: &PlanInputs, prepared: &str) -> Vec<(&'static str, String)> {
    let default_days =
        parse_whole(&plan.days, 1, MAX_PLAN_DAYS) == Ok(90) || plan.days.trim().is_empty();
    let says_more = plan.scheme != PlanScheme::Preset(TitrationPreset::Standard)
        || !default_days
        || plan.twice_daily
        || plan.cycle
        || !plan.step_backs.is_empty()
        || !plan.price.trim().is_empty()
        || !reminder_times(plan).is_empty()
        || plan.start.trim() != prepared.trim();
    if says_more {
        plan_parts(plan)
    } else {
        Vec::new()
    }
}

/// Every parameter of the plan, from `plan=` on. Custom-scheme fields count
/// only for `custom`.
fn plan_parts(plan: &PlanInputs) -> Vec<(&'static str, String)> {
    let mut parts = vec![(
        "plan",
        match plan.scheme {
            PlanScheme::Preset(p) => p.code().to_string(),
            PlanScheme::Custom => "custom".to_string(),
        },
    )];
    if Date::parse_iso(&plan.start).is_ok() {
        parts.push(("pstart", plan.start.trim().to_string()));
    }
    if plan.scheme == PlanScheme::Custom {
        for (name, text) in [
            ("pdose", &plan.start_mg),
            ("pstep", &plan.step_mg),
            ("ptarget", &plan.target_mg),
        ] {
            if let Ok(v) = parse_decimal(text) {
                parts.push((name, plain(v)));
            }
        }
        if let Ok(n) = parse_whole(&plan.every_days, 1, 90) {
            parts.push(("pevery", n.to_string()));
        }
        if plan.allow_above_ldn {
            parts.push(("pabove", "1".into()));
        }
    }
    if let Ok(n) = parse_whole(&plan.days, 1, MAX_PLAN_DAYS) {
        parts.push(("pdays", n.to_string()));
    }
    if plan.twice_daily {
        parts.push(("psplit", "2".into()));
    }
    if plan.cycle {
        parts.push(("pcycle", "1".into()));
        match super::plan::chemo_dates(&plan.chemo) {
            Ok(dates) if !dates.is_empty() => {
                let written: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
                parts.push(("pchemo", written.join(",")));
            }
            _ => {}
        }
    }
    if !plan.step_backs.is_empty() {
        let backs: Vec<String> = plan
            .step_backs
            .iter()
            .map(|(d, n)| format!("{d}:{n}"))
            .collect();
        parts.push(("pback", backs.join(",")));
    }
    if let Ok(price) = parse_decimal(&plan.price) {
        parts.push(("price", plain(price)));
    }
    parts.extend(reminder_times(plan));
    parts
}

/// Reminder times that differ from the defaults (valid ones only; the
/// morning one only counts for twice-daily plans).
fn reminder_times(plan: &PlanInputs) -> Vec<(&'static str, String)> {
    let differs = |text: &str, default: &str| {
        TimeOfDay::parse(text)
            .ok()
            .map(|t| t.to_string())
            .filter(|t| t != default)
    };
    let mut parts = Vec::new();
    if plan.twice_daily {
        if let Some(t) = differs(&plan.morning_reminder, DEFAULT_MORNING_REMINDER) {
            parts.push(("pmorning", t));
        }
    }
    if let Some(t) = differs(&plan.reminder, DEFAULT_REMINDER) {
        parts.push(("ptime", t));
    }
    match parse_whole(&plan.lead_days, 0, super::plan::MAX_LEAD_DAYS) {
        Ok(n) if n.to_string() != DEFAULT_LEAD_DAYS => parts.push(("plead", n.to_string())),
        _ => {}
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `write` with the inputs parsed, as the state does it.
    fn write(i: &Inputs, lang: Lang) -> String {
        super::write(i, &Form::parse(i), lang, Screen::Prepare)
    }

    fn base() -> Inputs {
        Inputs::new("2026-03-01")
    }

    #[test]
    fn round_trip() {
        let mut i = base();
        i.tablet = TabletChoice::Mg3;
        i.tablets = "4".into();
        i.volume = "12,5".into();
        i.dose = "0,75".into();
        i.syringe = SyringeChoice::Preset(SyringePreset::Ml1);
        i.bud = BudChoice::Days14;
        let q = write(&i, Lang::Nb);
        assert_eq!(
            q,
            "tablet=3&tablets=4&volume=12.5&dose=0.75&syringe=1&prepared=2026-03-01&bud=14&lang=nb"
        );
        let (back, lang, problems) = read(&q, &base());
        assert_eq!(lang, Some(Lang::Nb));
        assert!(problems.is_empty());
        assert_eq!(write(&back, Lang::Nb), q);
    }

    #[test]
    fn doses_a_day_round_trip_and_only_one_or_two() {
        let (i, _, problems) = read("dose=4.5&times=2&lang=en", &base());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(i.per_day, 2);
        let q = write(&i, Lang::En);
        assert!(q.contains("&dose=4.5&times=2&"), "{q}");
        let (back, _, _) = read(&q, &base());
        assert_eq!((back.per_day, write(&back, Lang::En)), (2, q));
        // Once a day is the default and is not written; `times=1` reads.
        assert!(!write(&base(), Lang::En).contains("times"));
        let (i, _, problems) = read("times=2&times=1", &base());
        assert!(problems.is_empty());
        assert_eq!(i.per_day, 1);
        // Anything else is reported and ignored, like any invalid parameter.
        let (i, _, problems) = read("times=3&times=0&times=two&times=1.0&times=", &base());
        assert_eq!(i.per_day, 1);
        let described: Vec<_> = problems.iter().map(|p| p.describe()).collect();
        assert_eq!(
            described,
            ["times=3", "times=0", "times=two", "times=1.0", "times="]
        );
    }

    #[test]
    fn custom_syringe_and_concentration() {
        let (i, _, problems) = read(
            "?tablet=50&tablets=2&conc=0.5&syringe=2.5&grad=0.05&bud=60",
            &base(),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(i.mode, AmountMode::Concentration);
        assert_eq!(i.syringe, SyringeChoice::Custom);
        assert_eq!((i.capacity.as_str(), i.grad.as_str()), ("2.5", "0.05"));
        assert_eq!((i.bud, i.custom_bud.as_str()), (BudChoice::Custom, "60"));
        assert_eq!(write(&i, Lang::En), "tablet=50&tablets=2&conc=0.5&dose=1.5&syringe=2.5&grad=0.05&prepared=2026-03-01&bud=60&lang=en");
    }

    /// A link's values choose the form's presets where there is one (the
    /// form shows "50 mg", not "other: 50"), and "other" otherwise.
    #[test]
    fn a_link_chooses_the_presets_it_names() {
        let chosen = |q: &str| {
            let (i, _, problems) = read(q, &base());
            assert!(problems.is_empty(), "{q}: {problems:?}");
            i
        };
        let mut from_3 = base();
        from_3.tablet = TabletChoice::Mg3;
        from_3.bud = BudChoice::Days14;
        for (q, tablet) in [
            ("tablet=50", TabletChoice::Mg50),
            ("tablet=3", TabletChoice::Mg3),
            ("tablet=25", TabletChoice::Custom),
        ] {
            assert_eq!(chosen(q).tablet, tablet, "{q}");
            assert_eq!(read(q, &from_3).0.tablet, tablet, "{q}");
        }
        for (q, bud) in [
            ("bud=30", BudChoice::Days30),
            ("bud=14", BudChoice::Days14),
            ("bud=45", BudChoice::Custom),
        ] {
            assert_eq!(chosen(q).bud, bud, "{q}");
            assert_eq!(read(q, &from_3).0.bud, bud, "{q}");
        }
        for (q, syringe, grad) in [
            (
                "syringe=3",
                SyringeChoice::Preset(SyringePreset::Ml3),
                "0.1",
            ),
            (
                "syringe=3&grad=0.1",
                SyringeChoice::Preset(SyringePreset::Ml3),
                "0.1",
            ),
            ("syringe=3&grad=0.05", SyringeChoice::Custom, "0.05"),
            ("syringe=2.5&grad=0.05", SyringeChoice::Custom, "0.05"),
        ] {
            let i = chosen(q);
            assert_eq!((i.syringe, i.grad.as_str()), (syringe, grad), "{q}");
        }
        // A syringe that is not a preset, without its marks: not read.
        let (i, _, problems) = read("syringe=2.5", &base());
        assert_eq!(i.syringe, base().syringe);
        assert_eq!(problems.len(), 1);
        // The pharmacy's lead time; doses a day, cycling, above the range.
        assert_eq!(chosen("plead=5").plan.lead_days, "5");
        for (q, twice, cycle, above) in [
            ("psplit=2&pcycle=1&pabove=1", true, true, true),
            (
                "psplit=2&psplit=1&pcycle=1&pcycle=0&pabove=2&pabove=0",
                false,
                false,
                false,
            ),
        ] {
            let p = chosen(q).plan;
            assert_eq!(
                (p.twice_daily, p.cycle, p.allow_above_ldn),
                (twice, cycle, above),
                "{q}"
            );
        }
    }

    /// What a patient link lacks to give a dose: each needed parameter
    /// missing (volume or concentration either), a plan's start or else a
    /// dose, and each parameter about the dose that could not be read; a
    /// bad language, reminder time or lead time is no gap.
    #[test]
    fn what_a_patient_link_lacks() {
        let gaps = |q: &str| {
            let (_, _, problems) = read(q, &base());
            patient_gaps(q, &problems)
        };
        let full = "tablet=50&tablets=1&volume=50&prepared=2026-12-01&bud=30&syringe=3";
        assert_eq!(gaps(&format!("{full}&dose=1.5")), Vec::<String>::new());
        assert_eq!(
            gaps(&format!("{full}&plan=standard&pstart=2026-12-01")),
            Vec::<String>::new()
        );
        assert_eq!(gaps(full), ["dose"]);
        assert_eq!(gaps(&format!("{full}&plan=standard")), ["pstart"]);
        assert_eq!(gaps(&full.replace("volume=50", "conc=1")), ["dose"]);
        assert_eq!(
            gaps("view=patient&lang=da"),
            [
                "tablet",
                "tablets",
                "prepared",
                "bud",
                "syringe",
                "volume/conc",
                "dose"
            ]
        );
        // Read but wrong: a gap (named once); the harmless ones are not.
        assert_eq!(
            gaps(&format!(
                "{full}&dose=1,5&tablets=x&lang=fr&ptime=25:00&pmorning=x&plead=99&price=x&screen=x&x=1"
            )),
            ["dose", "tablets"]
        );
        assert_eq!(gaps(&format!("{full}&dose=x&dose=y")), ["dose"]);
    }

    /// A link says a plan only when it is not the default (the standard
    /// scheme, 90 days from the preparation day, once a day, no cycle,
    /// step-back, price or reminders).
    #[test]
    fn a_plan_is_written_only_when_it_says_more_than_the_default() {
        let mut i = base();
        i.plan.start = i.prepared.clone();
        assert!(write_plan(&i.plan, &i.prepared).is_empty());
        let said = |change: fn(&mut Inputs)| {
            let mut j = i.clone();
            change(&mut j);
            !write_plan(&j.plan, &j.prepared).is_empty()
        };
        assert!(said(|j| j.plan.scheme = PlanScheme::Custom));
        assert!(said(|j| j.plan.days = "60".into()));
        assert!(said(|j| j.plan.twice_daily = true));
        assert!(said(|j| j.plan.cycle = true));
        assert!(said(|j| j.plan.price = "4.2".into()));
        assert!(said(|j| j.plan.start = "2026-03-02".into()));
        assert!(said(
            |j| j.plan.step_backs = vec![(Date::from_ymd(2026, 3, 5).unwrap(), 2)]
        ));
        assert!(said(|j| j.plan.reminder = "22:15".into()));
        // The pharmacy's lead time: written when not the default 3 days.
        assert!(said(|j| j.plan.lead_days = "5".into()));
        assert!(!said(|j| j.plan.lead_days = "3".into()));
        let mut j = i.clone();
        j.plan.lead_days = "5".into();
        assert!(write_plan(&j.plan, &j.prepared).contains(&("plead", "5".to_string())));
        assert!(!said(|j| j.plan.days = String::new()));
        assert!(!said(|j| j.plan.days = "90".into()));
    }

    #[test]
    fn bad_parameters_are_reported_and_ignored() {
        let (i, lang, problems) = read(
            "tablets=abc&dose=4,5&colour=red&prepared=2026-02-30&lang=fr&syringe=7&bud=0&%zz=1",
            &base(),
        );
        assert_eq!(i, base());
        assert_eq!(lang, None);
        let described: Vec<_> = problems.iter().map(|p| p.describe()).collect();
        assert_eq!(
            described,
            vec![
                "tablets=abc",
                "dose=4,5",
                "colour",
                "prepared=2026-02-30",
                "lang=fr",
                "bud=0",
                "%zz",
                "syringe=7"
            ]
        );
    }

    #[test]
    fn plan_parameters_round_trip() {
        let q = "plan=custom&pstart=2026-04-01&pdose=0.5&pstep=0.25&ptarget=3&pevery=10&pdays=120&psplit=2&pcycle=1&pback=2026-04-05:2,2026-05-01:3&price=4.2&pmorning=07:30&ptime=22:15&lang=da";
        let (i, _, problems) = read(q, &base());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(i.plan.scheme, PlanScheme::Custom);
        assert_eq!(i.plan.step_backs.len(), 2);
        assert!(i.plan.twice_daily && i.plan.cycle);
        let written = write(&i, Lang::Da);
        assert!(
            written.ends_with(&q.replace(":", "%3A").replace(",", "%2C")),
            "{written}"
        );
        // A link without a plan says nothing about it.
        assert!(!write(&base(), Lang::En).contains("plan="));
        let (_, _, problems) = read("plan=fast&pback=2026-04-05:9&psplit=x", &base());
        assert_eq!(problems.len(), 3);
    }

    #[test]
    fn links_are_read_with_the_standard_query_encoding() {
        // Escapes and `+` decode; a bad escape stays as typed and is named.
        let (i, lang, problems) = read("?lang=%75k&dose=2%2E5&view=pati%65nt&x%zz=1+2", &base());
        assert_eq!(lang, Some(Lang::Uk));
        assert_eq!(i.dose, "2.5");
        assert_eq!(screen("view=pati%65nt"), Some(Screen::Patient));
        assert_eq!(
            problems
                .iter()
                .map(LinkProblem::describe)
                .collect::<Vec<_>>(),
            ["x%zz"]
        );
        // Written values are encoded: a comma, a colon.
        let (i, _, _) = read("pcycle=1&pchemo=2026-12-01,2026-12-19", &base());
        let written = write(&i, Lang::En);
        assert!(
            written.contains("pchemo=2026-12-01%2C2026-12-19"),
            "{written}"
        );
        assert_eq!(read(&written, &base()).0.plan.chemo, i.plan.chemo);
    }

    #[test]
    fn chemotherapy_dates_in_the_link() {
        let (i, _, problems) = read("pcycle=1&pchemo=2026-12-19,2026-12-01", &base());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(i.plan.chemo, "2026-12-01, 2026-12-19");
        assert!(write(&i, Lang::En).contains("pcycle=1&pchemo=2026-12-01%2C2026-12-19"));
        // Only with the cycle, and never a bad date.
        let mut off = i.clone();
        off.plan.cycle = false;
        assert!(!write(&off, Lang::En).contains("pchemo"));
        let (i, _, problems) = read("pcycle=1&pchemo=2026-12-01,2026-12-32", &base());
        assert_eq!(problems.len(), 1);
        assert_eq!(i.plan.chemo, "");
    }

    #[test]
    fn the_patient_view_round_trips_and_keeps_a_linked_plan() {
        let q = "tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=2026-03-01&bud=30&view=patient&lang=en";
        assert_eq!(screen(q), Some(Screen::Patient));
        // It wins over `screen=`, and only `patient` is a view.
        assert_eq!(screen("screen=plan&view=patient"), Some(Screen::Patient));
        assert_eq!(screen("view=pharmacist&screen=plan"), Some(Screen::Plan));
        let (i, _, problems) = read(q, &base());
        assert!(problems.is_empty(), "{problems:?}");
        assert!(!i.plan.linked);
        assert_eq!(
            super::write(&i, &Form::parse(&i), Lang::En, Screen::Patient),
            q
        );
        let (_, _, problems) = read("view=pharmacist", &base());
        assert_eq!(problems[0].describe(), "view=pharmacist");
        // A plan named in the link is kept whole, even the default one;
        // without `plan=`, a patient link writes no plan at all.
        let with_plan = q.replace("&view", "&plan=standard&pstart=2026-03-01&pdays=90&view");
        let (i, _, _) = read(&with_plan, &base());
        assert!(i.plan.linked);
        assert_eq!(
            super::write(&i, &Form::parse(&i), Lang::En, Screen::Patient),
            with_plan
        );
        let mut other_day = base();
        other_day.plan.start = "2026-03-05".into();
        let f = Form::parse(&other_day);
        assert!(!super::write(&other_day, &f, Lang::En, Screen::Patient).contains("pstart"));
        assert!(super::write(&other_day, &f, Lang::En, Screen::Dose).contains("pstart"));
    }

    #[test]
    fn decoding_never_panics() {
        for q in ["%", "%4", "a=%", "a=%E2%82", "=&&=", "dose=%31.5"] {
            let _ = read(q, &base());
        }
        assert_eq!(read("dose=%31.5", &base()).0.dose, "1.5");
    }

    #[test]
    fn the_syringe_a_link_names_and_none_otherwise() {
        let named = |q: &str| syringe_named(q).map(|s| (s.capacity_ml(), s.graduation_ml()));
        let ml = |v: &str| Ml::new(v.parse().unwrap());
        assert_eq!(named("dose=1&syringe=10"), Some((ml("10"), ml("0.2"))));
        assert_eq!(named("?syringe=2&grad=0.1"), Some((ml("2"), ml("0.1"))));
        // None named (the app's default is not the link's), or not valid.
        assert_eq!(named("dose=1&prepared=2026-03-01"), None);
        assert_eq!(named(""), None);
        assert_eq!(named("syringe=2"), None);
        assert_eq!(named("syringe=abc"), None);
        assert_eq!(named("grad=0.1"), None);
    }
}
