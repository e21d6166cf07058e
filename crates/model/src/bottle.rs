//! What a saved bottle was made for, and what it gives on any day.
//!
//! A bottle is made for a prescription: a fixed dose (the same every day)
//! or a dosing plan (a titration, a twice-daily split, a cycle,
//! step-backs). Every output about a saved bottle (its label, record, QR
//! code, My batches) reads its doses from here for the day it is shown, so
//! they agree with each other and with the plan on every day of the
//! bottle's life. A plan's doses are measured as the Plan screen measures
//! them (`engine::dose::measure`, judged with the day's number of intakes).

use super::inputs::Inputs;
use super::link;
use super::plan::plan_request;
use ldn_engine::date::Date;
use ldn_engine::dose::{judge_draw, measure, DoseCheck};
use ldn_engine::quantity::{Mg, Ml};
use ldn_engine::recipe::Concentration;
use ldn_engine::schedule::{build_plan, DayKind, PlanDay};
use ldn_engine::syringe::Syringe;
use std::rc::Rc;

/// What a bottle was made for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prescription {
    /// The same dose every day: `dose_mg` per intake, `per_day` intakes,
    /// drawn as `draw_ml` (rounded to the syringe's marks when saved).
    Fixed {
        dose_mg: Mg,
        draw_ml: Ml,
        per_day: u32,
    },
    /// A dosing plan. Its draws are measured on the syringe the bottle was
    /// saved with (a bottle made for a plan always names one).
    Plan(BottlePlan),
}

/// A plan kept with a bottle: its parameters as a link writes them
/// (`plan=standard&pstart=2026-12-01&pdays=60`) and its days, built once
/// when it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BottlePlan {
    query: String,
    days: Rc<[PlanDay]>,
}

/// Plan parameters that cannot be a bottle's plan: another parameter, an
/// invalid value, no `plan` or `pstart`, or a plan that cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAPlan;

impl BottlePlan {
    /// A plan kept as its parameters (`link::PLAN_PARAMS` only, `plan` and
    /// `pstart` among them), read by the link's reader and built.
    pub fn read(query: &str) -> Result<BottlePlan, NotAPlan> {
        let names: Vec<String> = link::param_names(query).collect();
        let known = names
            .iter()
            .all(|n| link::PLAN_PARAMS.contains(&n.as_str()));
        let has = |name: &str| names.iter().any(|n| n == name);
        if !known || !has("plan") || !has("pstart") {
            return Err(NotAPlan);
        }
        let (inputs, _, problems) = link::read(query, &Inputs::new("2000-01-01"));
        if !problems.is_empty() {
            return Err(NotAPlan);
        }
        BottlePlan::of(&inputs).ok_or(NotAPlan)
    }

    /// The plan of `inputs` (the Plan screen's), if it is valid.
    pub fn of(inputs: &Inputs) -> Option<BottlePlan> {
        let days = build_plan(&plan_request(inputs).ok()?).ok()?;
        Some(BottlePlan {
            query: link::plan_query(&inputs.plan),
            days: days.into(),
        })
    }

    /// The parameters, as stored and linked.
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn days(&self) -> &[PlanDay] {
        &self.days
    }

    /// The plan's day `date`, if the plan has it.
    pub fn day(&self, date: Date) -> Option<&PlanDay> {
        let first = self.days.first()?.date;
        let i = usize::try_from(first.days_until(date)).ok()?;
        self.days.get(i)
    }
}

impl Prescription {
    /// The intakes `date` asks for, drawn from `conc`, each judged as every
    /// output judges it: a fixed dose's saved draw (with the syringe it was
    /// saved with, when known), a plan's dose measured on the bottle's
    /// syringe. None on a plan's off day or outside the plan.
    pub fn intakes_on(
        &self,
        date: Date,
        conc: Concentration,
        syringe: Option<Syringe>,
    ) -> Vec<DoseCheck> {
        match self {
            Prescription::Fixed {
                dose_mg,
                draw_ml,
                per_day,
            } => {
                let check = judge_draw(conc, *dose_mg, *draw_ml, *per_day, syringe);
                vec![check; usize::try_from(*per_day).unwrap_or(1)]
            }
            Prescription::Plan(p) => match (p.day(date), syringe) {
                (Some(day), Some(syringe)) => plan_intakes(day, conc, syringe),
                _ => Vec::new(),
            },
        }
    }

    pub fn plan(&self) -> Option<&BottlePlan> {
        match self {
            Prescription::Plan(p) => Some(p),
            Prescription::Fixed { .. } => None,
        }
    }
}

/// A plan day's intakes on `syringe`, as the Plan screen measures them.
pub fn plan_intakes(day: &PlanDay, conc: Concentration, syringe: Syringe) -> Vec<DoseCheck> {
    let per_day = u32::try_from(day.intakes_mg.len()).unwrap_or(u32::MAX);
    day.intakes_mg
        .iter()
        .map(|mg| measure(conc, Mg::new(*mg), syringe, per_day))
        .collect()
}

/// What a run of the bottle's days asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Doses, as the plan's day kind says (a fixed dose is `Maintenance`).
    Dose(DayKind),
    /// An off day of a cycle, or days the plan has not started yet or has
    /// ended: no dose from this bottle.
    NoDose,
    /// Days before its last day when the plan's draws have used it up: the
    /// doses come from the next bottle.
    Empty,
}

/// For a bottle made for a plan that the plan's draws use up before its
/// last day: the last day it gives the doses in full (a fixed dose: none;
/// its label states no days).
pub fn empty_after(
    prescription: &Prescription,
    prepared: Date,
    last_day: Date,
    volume: Ml,
    conc: Concentration,
    syringe: Option<Syringe>,
) -> Option<Date> {
    let plan = prescription.plan()?;
    let until = plan_covered_until(plan.days(), prepared, last_day, volume, conc, syringe?);
    (until < last_day).then_some(until)
}

/// The last day a bottle of `volume` prepared on `prepared` gives each of a
/// plan's doses in full, drawn in order from its preparation day on
/// `syringe`; at most its `last_day`. Before the plan starts, or when the
/// first dose does not fit, the day before it is prepared.
pub fn plan_covered_until(
    plan: &[PlanDay],
    prepared: Date,
    last_day: Date,
    volume: Ml,
    conc: Concentration,
    syringe: Syringe,
) -> Date {
    let mut left = volume;
    let mut date = prepared;
    while date <= last_day {
        let need: Ml = super::diary::plan_day(plan, date)
            .map(|d| plan_intakes(d, conc, syringe))
            .unwrap_or_default()
            .iter()
            .map(|c| c.draw_ml)
            .sum();
        if need > left {
            return date.add_days(-1);
        }
        left -= need;
        date = date.add_days(1);
    }
    last_day
}

/// A run of days of one bottle with the same intakes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub from: Date,
    pub to: Date,
    pub kind: StepKind,
    pub intakes: Vec<DoseCheck>,
}

/// The bottle's days from `from` to `to` (its preparation day and its last
/// day) as runs of identical days; from the day after `empty_after` (a plan
/// bottle the plan's draws use up before its last day), `Empty`.
pub fn steps(
    prescription: &Prescription,
    from: Date,
    to: Date,
    empty_after: Option<Date>,
    conc: Concentration,
    syringe: Option<Syringe>,
) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::new();
    let mut date = from;
    while date <= to {
        let (kind, intakes) = match prescription {
            _ if empty_after.is_some_and(|e| date > e) => (StepKind::Empty, Vec::new()),
            Prescription::Fixed { .. } => (
                StepKind::Dose(DayKind::Maintenance),
                prescription.intakes_on(date, conc, syringe),
            ),
            Prescription::Plan(p) => match p.day(date) {
                Some(day) if !day.intakes_mg.is_empty() => (
                    StepKind::Dose(day.kind),
                    prescription.intakes_on(date, conc, syringe),
                ),
                _ => (StepKind::NoDose, Vec::new()),
            },
        };
        match out.last_mut() {
            Some(s) if s.kind == kind && s.intakes == intakes => s.to = date,
            _ => out.push(Step {
                from: date,
                to: date,
                kind,
                intakes,
            }),
        }
        date = date.add_days(1);
    }
    out
}

/// Where a bottle's volume stands: what is left after `taken` intakes and
/// whether it reaches its last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Volume {
    /// Less is left than the next intake needs.
    Empty,
    /// Runs out after this many days, before its last day.
    RunsOutFirst(u32),
    /// Reaches its last day with this much left.
    ExpiresFirst(Ml),
}

/// A plan bottle's outlook from `today` (not after its last day): the
/// plan's draws from today to `last_day`, taken from `ml_left`.
pub fn plan_outlook(
    plan: &BottlePlan,
    ml_left: Ml,
    today: Date,
    last_day: Date,
    conc: Concentration,
    syringe: Syringe,
) -> Volume {
    let mut left = ml_left;
    let mut full_days = 0u32;
    let mut date = today;
    // Empty: not even the next dose is in it.
    let mut dosed = false;
    while date <= last_day {
        let need: Ml = plan
            .day(date)
            .map(|d| plan_intakes(d, conc, syringe))
            .unwrap_or_default()
            .iter()
            .map(|c| c.draw_ml)
            .sum();
        if need > left {
            return if !dosed {
                Volume::Empty
            } else {
                Volume::RunsOutFirst(full_days)
            };
        }
        dosed |= !need.is_zero();
        left -= need;
        full_days += 1;
        date = date.add_days(1);
    }
    Volume::ExpiresFirst(left)
}

/// The volume a plan bottle has given after `taken` intakes: the plan's
/// draws in order from its first day (`from`), one per intake marked.
pub fn plan_used(
    plan: &BottlePlan,
    taken: u32,
    from: Date,
    last_day: Date,
    conc: Concentration,
    syringe: Syringe,
) -> Ml {
    let mut used = Ml::ZERO;
    let mut left = taken;
    let mut date = from;
    while date <= last_day {
        if let Some(day) = plan.day(date) {
            for c in plan_intakes(day, conc, syringe) {
                if left == 0 {
                    return used;
                }
                used += c.draw_ml;
                left -= 1;
            }
        }
        date = date.add_days(1);
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::recipe::Recipe;
    use ldn_engine::syringe::SyringePreset;
    use ldn_engine::testing::dec;

    fn day(iso: &str) -> Date {
        Date::parse_iso(iso).unwrap()
    }

    fn conc() -> Concentration {
        Recipe::new(Mg::new(dec("50")), 1, Ml::new(dec("50")))
            .unwrap()
            .concentration()
    }

    fn mg(checks: &[DoseCheck]) -> Vec<String> {
        checks
            .iter()
            .map(|c| c.dose_mg.value().to_string())
            .collect()
    }

    #[test]
    fn plan_parameters_are_read_strictly_and_kept_as_written() {
        let p = BottlePlan::read("plan=standard&pstart=2026-12-01&pdays=60").unwrap();
        assert_eq!(p.query(), "plan=standard&pstart=2026-12-01&pdays=60");
        assert_eq!(p.days().len(), 60);
        assert_eq!(p.day(day("2026-12-15")).unwrap().intakes_mg, [dec("2")]);
        assert_eq!(p.day(day("2026-11-30")), None);
        assert_eq!(p.day(day("2027-01-30")), None);
        for bad in [
            "",
            "pstart=2026-12-01",
            "plan=standard",
            "plan=standard&pstart=2026-12-01&dose=1",
            "plan=standard&pstart=2026-12-01&pdays=0",
            "plan=nope&pstart=2026-12-01",
            "plan=custom&pstart=2026-12-01&pdose=5&ptarget=1",
        ] {
            assert_eq!(BottlePlan::read(bad), Err(NotAPlan), "{bad}");
        }
    }

    #[test]
    fn a_plan_bottle_gives_each_day_what_the_plan_says() {
        let p = BottlePlan::read("plan=standard&pstart=2026-12-01&pdays=60&psplit=2").unwrap();
        let rx = Prescription::Plan(p);
        let syringe = Some(SyringePreset::Ml1.syringe());
        // 1.5 mg a day split: 0.75 mg morning and evening, each judged as
        // one of two intakes.
        let on = rx.intakes_on(day("2026-12-01"), conc(), syringe);
        assert_eq!(mg(&on), ["0.75", "0.75"]);
        assert!(on.iter().all(|c| c.per_day == 2));
        assert_eq!(
            mg(&rx.intakes_on(day("2026-12-15"), conc(), syringe)),
            ["1", "1"]
        );
        assert!(rx.intakes_on(day("2026-11-30"), conc(), syringe).is_empty());
        // Without a syringe a plan's draw cannot be measured: none stated.
        assert!(rx.intakes_on(day("2026-12-01"), conc(), None).is_empty());
    }

    #[test]
    fn a_bottle_s_days_as_steps() {
        // Prepared 2 days before the plan starts, 30 days: 28 Nov to 27 Dec.
        let p = BottlePlan::read("plan=standard&pstart=2026-11-30&pdays=20").unwrap();
        let syringe = Some(SyringePreset::Ml3.syringe());
        let s = steps(
            &Prescription::Plan(p),
            day("2026-11-28"),
            day("2026-12-27"),
            None,
            conc(),
            syringe,
        );
        let runs: Vec<_> = s
            .iter()
            .map(|s| (s.from.to_string(), s.to.to_string(), s.kind, mg(&s.intakes)))
            .collect();
        use DayKind::Titration;
        assert_eq!(
            runs,
            [
                (
                    "2026-11-28".into(),
                    "2026-11-29".into(),
                    StepKind::NoDose,
                    vec![]
                ),
                (
                    "2026-11-30".into(),
                    "2026-12-13".into(),
                    StepKind::Dose(Titration),
                    vec!["1.5".to_string()]
                ),
                (
                    "2026-12-14".into(),
                    "2026-12-19".into(),
                    StepKind::Dose(Titration),
                    vec!["2".to_string()]
                ),
                (
                    "2026-12-20".into(),
                    "2026-12-27".into(),
                    StepKind::NoDose,
                    vec![]
                ),
            ]
        );
        let fixed = Prescription::Fixed {
            dose_mg: Mg::new(dec("1.5")),
            draw_ml: Ml::new(dec("1.5")),
            per_day: 1,
        };
        let s = steps(
            &fixed,
            day("2026-11-28"),
            day("2026-12-27"),
            None,
            conc(),
            syringe,
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].kind, StepKind::Dose(DayKind::Maintenance));
    }

    /// The review's bottle: 50 mL for the standard plan from its day. 14 x
    /// 1.5 + 14 x 2 = 49 mL by 28 December; 29 December's 2.5 mL does not
    /// fit, two days before its last day: from then, the next bottle.
    #[test]
    fn a_plan_bottle_used_up_before_its_last_day() {
        let rx = Prescription::Plan(
            BottlePlan::read("plan=standard&pstart=2026-12-01&pdays=60").unwrap(),
        );
        let syringe = Some(SyringePreset::Ml3.syringe());
        let (from, last) = (day("2026-12-01"), day("2026-12-30"));
        let empty = empty_after(&rx, from, last, Ml::new(dec("50")), conc(), syringe);
        assert_eq!(empty, Some(day("2026-12-28")));
        let s = steps(&rx, from, last, empty, conc(), syringe);
        let tail = s.last().unwrap();
        assert_eq!(
            (tail.from, tail.to, tail.kind),
            (day("2026-12-29"), last, StepKind::Empty)
        );
        // 100 mL lasts past its last day: nothing empty.
        assert_eq!(
            empty_after(&rx, from, last, Ml::new(dec("100")), conc(), syringe),
            None
        );
        // A fixed dose states no days: never empty here.
        let fixed = Prescription::Fixed {
            dose_mg: Mg::new(dec("4.5")),
            draw_ml: Ml::new(dec("4.5")),
            per_day: 1,
        };
        assert_eq!(
            empty_after(&fixed, from, last, Ml::new(dec("50")), conc(), syringe),
            None
        );
    }

    /// Exactly enough for a day is enough: 21 mL gives the first 14 days
    /// of 1.5 mL in full (and runs out after them); every intake marked
    /// past the bottle's days counts only what it had; a cycled plan's off
    /// days are days without a dose.
    #[test]
    fn a_plan_bottle_at_its_edges() {
        let p = BottlePlan::read("plan=standard&pstart=2026-12-01&pdays=60").unwrap();
        let syringe = SyringePreset::Ml3.syringe();
        let (from, last) = (day("2026-12-01"), day("2026-12-30"));
        let rx = Prescription::Plan(p.clone());
        assert_eq!(
            empty_after(&rx, from, last, Ml::new(dec("21")), conc(), Some(syringe)),
            Some(day("2026-12-14"))
        );
        assert_eq!(
            plan_outlook(&p, Ml::new(dec("21")), from, last, conc(), syringe),
            Volume::RunsOutFirst(14)
        );
        // 14 x 1.5 + 14 x 2 + 2 x 2.5 = 54 mL: all of it, however many
        // intakes are marked.
        assert_eq!(
            plan_used(&p, 1000, from, last, conc(), syringe),
            Ml::new(dec("54"))
        );
        assert_eq!(plan_used(&p, 0, from, last, conc(), syringe), Ml::ZERO);
        let cycled = Prescription::Plan(
            BottlePlan::read(
                "plan=custom&pstart=2026-12-01&pdose=4.5&pstep=0.5&pevery=7&ptarget=4.5&pdays=60&pcycle=1",
            )
            .unwrap(),
        );
        let kinds: Vec<StepKind> = steps(&cycled, from, last, None, conc(), Some(syringe))
            .iter()
            .map(|s| s.kind)
            .collect();
        assert!(kinds.contains(&StepKind::NoDose), "{kinds:?}");
        assert!(steps(&cycled, from, last, None, conc(), Some(syringe))
            .iter()
            .all(|s| (s.kind == StepKind::NoDose) == s.intakes.is_empty()));
    }

    #[test]
    fn a_plan_bottle_s_volume_follows_the_plan() {
        let p = BottlePlan::read("plan=standard&pstart=2026-12-01&pdays=60").unwrap();
        let syringe = SyringePreset::Ml3.syringe();
        // 14 intakes of 1.5 mL, then 2 mL: 16 intakes are 21 + 4 = 25 mL.
        let used = plan_used(
            &p,
            16,
            day("2026-12-01"),
            day("2026-12-30"),
            conc(),
            syringe,
        );
        assert_eq!(used, Ml::new(dec("25")));
        // 25 mL left on 17 Dec: 2 mL a day (2.5 from 29 Dec) runs out after 12 days.
        let v = plan_outlook(
            &p,
            Ml::new(dec("25")),
            day("2026-12-17"),
            day("2026-12-30"),
            conc(),
            syringe,
        );
        assert_eq!(v, Volume::RunsOutFirst(12));
        let v = plan_outlook(
            &p,
            Ml::new(dec("50")),
            day("2026-12-17"),
            day("2026-12-30"),
            conc(),
            syringe,
        );
        // 12 x 2 + 2 x 2.5 = 29 mL used: 21 mL left on the last day.
        assert_eq!(v, Volume::ExpiresFirst(Ml::new(dec("21"))));
        let v = plan_outlook(
            &p,
            Ml::new(dec("1")),
            day("2026-12-17"),
            day("2026-12-30"),
            conc(),
            syringe,
        );
        assert_eq!(v, Volume::Empty);
    }
}
