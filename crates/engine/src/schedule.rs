//! Dosing schedules, day by day: titration ("go low, go slow"), twice-daily
//! split dosing, 3-days-on/3-days-off cycles after the target has been held
//! for 7 days, and step-backs on side effects (halve for 2 or 3 days, then
//! resume where the titration was).
//!
//! How a step-back meets a cycle:
//! - Before the cycle starts (titration, and the days held at the target)
//!   a step-back pauses the titration clock: the rest of the titration and
//!   the start of the cycle move later by the step-back's length.
//! - Once the cycle has started it is a calendar rhythm (it is timed around
//!   chemotherapy or other treatment), so a step-back changes amounts, never
//!   which days are off: it halves the on days it covers, an off day stays
//!   off (no dose on an off day, ever), and the rhythm does not move. A
//!   step-back counts calendar days, off days included.
//!
//! Chemotherapy (seed 000: the 3 off days should fall right before it):
//! once the cycle has started, the rhythm realigns on each chemotherapy
//! date C, so that the off days are the days right before C, C itself
//! starts the next on days, and the rhythm continues from there until the
//! off days before the next date. At a switch an off run can be longer
//! than usual (the old rhythm's off days, then those before C), an on run
//! never. A date within 3 days before the next one is itself off. Before the cycle has started there are no off days to place: a
//! date on or before the cycle's first day changes nothing, and a date
//! soon after it has only those of its off days that fall in the cycle.

use super::date::Date;
use super::dose::LDN_MAX_MG;
use super::number::NumberError;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Longest plan, in days.
pub const MAX_PLAN_DAYS: u32 = 366;

/// Smallest titration step other than zero (zero means no titration: the
/// start dose throughout): 0.001 mg, one microgram.
///
/// Why this floor: it is the smallest amount the app handles anywhere (the
/// start dose, the target and a single dose all start at 0.001 mg, and mg
/// are shown to three decimals, so a smaller step would make "new" doses
/// that read exactly like the old ones). It can be measured: 0.01 mL, the
/// smallest mark of a 0.5 mL or 1 mL oral syringe, of a 0.1 mg/mL
/// ultra-low-dose dilution holds 0.001 mg. A coarser floor such as 0.01 mg
/// would refuse microgram titrations that the app's microgram doses and
/// serial dilutions exist for. Whether a step lands on the marks of the
/// syringe actually used is the dose check's job, not the schedule's.
///
/// It also bounds the plan's day counts: at most (50 - 0.001) / 0.001 =
/// 49,999 steps of at most 90 days, about 4.5 million days, well inside a
/// u32. The arithmetic on days saturates all the same.
pub const MIN_STEP_MG: Decimal = Decimal::from_parts(1, 0, 0, false, 3);

/// "Go low, go slow": start, step up every `interval_days`, stop at target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Titration {
    pub start_mg: Decimal,
    pub step_mg: Decimal,
    pub interval_days: u32,
    pub target_mg: Decimal,
}

/// Titration schemes from the seeds and common practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitrationPreset {
    /// 1.5 mg, +0.5 mg every 14 days, to 4.5 mg (LDN Research Trust).
    Standard,
    /// 0.5 mg, +0.5 mg every 14 days, to 4.5 mg (Danish practice, seed 001).
    Slow,
    /// 0.5 mg, +0.5 mg every 7 days, to 4.5 mg.
    Weekly,
    /// 1 mg, +1 mg every 7 days, to 4.5 mg (LDN Research Trust).
    WeeklyWholeMg,
}

impl TitrationPreset {
    pub const ALL: [TitrationPreset; 4] = [
        TitrationPreset::Standard,
        TitrationPreset::Slow,
        TitrationPreset::Weekly,
        TitrationPreset::WeeklyWholeMg,
    ];

    /// Stable name for links and saved data.
    pub fn code(self) -> &'static str {
        match self {
            TitrationPreset::Standard => "standard",
            TitrationPreset::Slow => "slow",
            TitrationPreset::Weekly => "weekly",
            TitrationPreset::WeeklyWholeMg => "weekly-1mg",
        }
    }

    pub fn from_code(code: &str) -> Option<TitrationPreset> {
        TitrationPreset::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn titration(self) -> Titration {
        let mg = |tenths: i64| Decimal::new(tenths, 1);
        let (start, step, interval) = match self {
            TitrationPreset::Standard => (mg(15), mg(5), 14),
            TitrationPreset::Slow => (mg(5), mg(5), 14),
            TitrationPreset::Weekly => (mg(5), mg(5), 7),
            TitrationPreset::WeeklyWholeMg => (mg(10), mg(10), 7),
        };
        Titration {
            start_mg: start,
            step_mg: step,
            interval_days: interval,
            target_mg: LDN_MAX_MG.value(),
        }
    }
}

/// How the daily amount is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    OnceDaily,
    /// Two equal halves, morning and evening (chronic pain).
    TwiceDaily,
}

impl Split {
    pub fn intakes(self) -> u32 {
        match self {
            Split::OnceDaily => 1,
            Split::TwiceDaily => 2,
        }
    }
}

/// On/off cycling once the target has been held for `stable_days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cycle {
    pub stable_days: u32,
    pub on_days: u32,
    pub off_days: u32,
}

impl Cycle {
    /// Seed 000: target stable for 7 days, then 3 days on, 3 days off.
    pub const CANCER_PROTOCOL: Cycle = Cycle {
        stable_days: 7,
        on_days: 3,
        off_days: 3,
    };
}

/// Halve the dose for `days` calendar days from `from`, then resume (off
/// days of a started cycle stay off; see the module notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepBack {
    pub from: Date,
    pub days: u32,
}

/// Everything a plan is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRequest {
    pub start: Date,
    pub days: u32,
    pub titration: Titration,
    pub split: Split,
    pub cycle: Option<Cycle>,
    pub step_backs: Vec<StepBack>,
    /// The prescriber has chosen a target above 4.5 mg.
    pub allow_above_ldn: bool,
    /// Chemotherapy dates: with a cycle, its off days fall right before
    /// each (any order; repeats are harmless).
    pub chemo: Vec<Date>,
}

/// Why a plan cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    StartDose(NumberError),
    Step(NumberError),
    Interval(NumberError),
    Target(NumberError),
    /// The target is above 4.5 mg and no override was given.
    TargetAboveLdn,
    /// The start dose is above the target.
    StartAboveTarget,
    Length(NumberError),
    /// A step-back must last 2 or 3 days.
    StepBackDays,
}

/// What kind of day a plan day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// Stepping up towards the target.
    Titration,
    /// At the target.
    Maintenance,
    /// Halved after side effects (never an off day).
    StepBack,
    /// An off day of an on/off cycle: no dose, even during a step-back.
    Off,
}

/// One day of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDay {
    pub date: Date,
    pub kind: DayKind,
    /// The day's total, in mg (zero on off days).
    pub daily_mg: Decimal,
    /// Each intake, in mg: one, or morning and evening.
    pub intakes_mg: Vec<Decimal>,
    /// The daily amount differs from the day before (or it is the first day).
    pub changed: bool,
}

fn check(value: Decimal, min: Decimal, max: Decimal) -> Result<Decimal, NumberError> {
    super::number::check_range(value, min, max)
}

fn validate(request: &PlanRequest) -> Result<(), PlanError> {
    let t = &request.titration;
    let tiny = Decimal::new(1, 3);
    let most = Decimal::from(50);
    check(t.start_mg, tiny, most).map_err(PlanError::StartDose)?;
    check(t.step_mg, Decimal::ZERO, most).map_err(PlanError::Step)?;
    if !t.step_mg.is_zero() && t.step_mg < MIN_STEP_MG {
        return Err(PlanError::Step(NumberError::BelowMinimum {
            min: MIN_STEP_MG,
        }));
    }
    check(t.target_mg, tiny, most).map_err(PlanError::Target)?;
    check(
        Decimal::from(t.interval_days),
        Decimal::ONE,
        Decimal::from(90),
    )
    .map_err(PlanError::Interval)?;
    if t.target_mg > LDN_MAX_MG.value() && !request.allow_above_ldn {
        return Err(PlanError::TargetAboveLdn);
    }
    if t.start_mg > t.target_mg {
        return Err(PlanError::StartAboveTarget);
    }
    check(
        Decimal::from(request.days),
        Decimal::ONE,
        Decimal::from(MAX_PLAN_DAYS),
    )
    .map_err(PlanError::Length)?;
    if request
        .step_backs
        .iter()
        .any(|s| !(2..=3).contains(&s.days))
    {
        return Err(PlanError::StepBackDays);
    }
    Ok(())
}

/// The titration dose after `t` titration days (step-back days not counted).
fn titration_dose(t: &Titration, elapsed: u32) -> Decimal {
    let steps = Decimal::from(elapsed / t.interval_days);
    (t.start_mg + t.step_mg * steps).min(t.target_mg)
}

/// Titration days until the target is first reached, if it ever is
/// (saturating at `u32::MAX`: further than any plan reaches).
fn days_to_target(t: &Titration) -> Option<u32> {
    if t.start_mg >= t.target_mg {
        return Some(0);
    }
    if t.step_mg.is_zero() {
        return None;
    }
    let steps = ((t.target_mg - t.start_mg) / t.step_mg).ceil();
    let steps = steps.to_u32().unwrap_or(u32::MAX);
    Some(steps.saturating_mul(t.interval_days))
}

/// Whether a day of a started cycle is an off day: `since_start` days after
/// the cycle's first day, on `date`, with the chemotherapy dates `chemo`
/// (sorted, after the cycle's first day). The rhythm counts from the last
/// chemotherapy date whose off days have begun by `date`, else from the
/// cycle's first day.
fn off_in_cycle<'a>(
    c: Cycle,
    since_start: u32,
    date: Date,
    chemo: impl DoubleEndedIterator<Item = &'a Date>,
) -> bool {
    let period = i64::from(c.on_days) + i64::from(c.off_days);
    if period == 0 {
        return false;
    }
    let lead = i32::try_from(c.off_days).unwrap_or(i32::MAX);
    let phase = match chemo.rev().find(|d| date >= d.add_days(-lead)) {
        // Negative in the off days before the date: -3 is phase 3 of 6.
        Some(d) => i64::from(d.days_until(date)).rem_euclid(period),
        None => i64::from(since_start) % period,
    };
    phase >= i64::from(c.on_days)
}

/// The plan, one entry per day from `start`.
pub fn build_plan(request: &PlanRequest) -> Result<Vec<PlanDay>, PlanError> {
    validate(request)?;
    let t = &request.titration;
    let reach = days_to_target(t);
    let intakes = Decimal::from(request.split.intakes());
    let mut days = Vec::with_capacity(request.days as usize);
    // The cycle, and the titration-clock day on which it may start: once
    // the target has been held for its stable days.
    let cycle = match (request.cycle, reach) {
        (Some(c), Some(r)) => Some((c, r.saturating_add(c.stable_days))),
        _ => None,
    };
    let mut chemo = request.chemo.clone();
    crate::small_sort::sort(&mut chemo);
    chemo.dedup();
    let mut elapsed = 0u32; // titration clock: stands still on step-back days
    let mut cycle_start: Option<u32> = None; // plan day the cycle started on
    let mut previous: Option<Decimal> = None;
    for i in 0..request.days {
        let date = request.start.add_days(i32::try_from(i).unwrap_or(i32::MAX));
        let stepping_back = request.step_backs.iter().any(|s| {
            date >= s.from && s.from.days_until(date) < i32::try_from(s.days).unwrap_or(i32::MAX)
        });
        // The cycle starts on the first day that is not a step-back day once
        // the clock has reached its start: a step-back before then delays it.
        if cycle_start.is_none()
            && !stepping_back
            && cycle.is_some_and(|(_, since)| elapsed >= since)
        {
            cycle_start = Some(i);
        }
        // From then on, on and off days follow the calendar, whatever
        // step-backs come later.
        let off = match (cycle, cycle_start) {
            (Some((c, _)), Some(first)) => {
                let since = i.saturating_sub(first);
                let first_day = date.add_days(-i32::try_from(since).unwrap_or(i32::MAX));
                let chemo = chemo.iter().filter(|d| **d > first_day);
                off_in_cycle(c, since, date, chemo)
            }
            _ => false,
        };
        let dose = titration_dose(t, elapsed);
        let (kind, daily) = if off {
            (DayKind::Off, Decimal::ZERO)
        } else if stepping_back {
            (DayKind::StepBack, dose / Decimal::TWO)
        } else if reach.is_some_and(|r| elapsed >= r) {
            (DayKind::Maintenance, dose)
        } else {
            (DayKind::Titration, dose)
        };
        if !stepping_back {
            elapsed = elapsed.saturating_add(1);
        }
        let daily = daily.normalize();
        let intakes_mg = if daily.is_zero() {
            Vec::new()
        } else {
            let each = (daily / intakes).normalize();
            vec![each; request.split.intakes() as usize]
        };
        days.push(PlanDay {
            date,
            kind,
            daily_mg: daily,
            intakes_mg,
            changed: previous != Some(daily),
        });
        previous = Some(daily);
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{date, dec};

    #[test]
    fn preset_codes_are_stable() {
        // Links and saved data carry these: they never change.
        let codes = TitrationPreset::ALL.map(TitrationPreset::code);
        assert_eq!(codes, ["standard", "slow", "weekly", "weekly-1mg"]);
        for preset in TitrationPreset::ALL {
            assert_eq!(TitrationPreset::from_code(preset.code()), Some(preset));
        }
        assert_eq!(TitrationPreset::from_code("Standard"), None);
        assert_eq!(TitrationPreset::from_code(""), None);
    }

    fn plan(preset: TitrationPreset, days: u32) -> PlanRequest {
        PlanRequest {
            start: date("2026-03-01"),
            days,
            titration: preset.titration(),
            split: Split::OnceDaily,
            cycle: None,
            step_backs: vec![],
            allow_above_ldn: false,
            chemo: vec![],
        }
    }

    fn doses(days: &[PlanDay]) -> Vec<Decimal> {
        days.iter().map(|d| d.daily_mg).collect()
    }

    #[test]
    fn standard_titration() {
        // 1.5 mg days 1-14, 2 mg 15-28, ... 4.5 mg from day 85 (6 steps x 14).
        let days = build_plan(&plan(TitrationPreset::Standard, 100)).unwrap();
        assert_eq!(days[0].daily_mg, dec("1.5"));
        assert!(days[0].changed);
        assert_eq!(days[13].daily_mg, dec("1.5"));
        assert_eq!(
            (days[14].date, days[14].daily_mg),
            (date("2026-03-15"), dec("2"))
        );
        assert!(days[14].changed && !days[15].changed);
        assert_eq!(
            (days[83].daily_mg, days[83].kind),
            (dec("4"), DayKind::Titration)
        );
        assert_eq!(
            (days[84].daily_mg, days[84].kind),
            (dec("4.5"), DayKind::Maintenance)
        );
        assert_eq!(days[99].daily_mg, dec("4.5"));
    }

    #[test]
    fn weekly_whole_mg_stops_at_target() {
        // 1, 2, 3, 4 mg a week each, then 4.5 mg (not 5).
        let days = build_plan(&plan(TitrationPreset::WeeklyWholeMg, 35)).unwrap();
        let weekly: Vec<_> = (0..5).map(|w| days[w * 7].daily_mg).collect();
        assert_eq!(
            weekly,
            vec![dec("1"), dec("2"), dec("3"), dec("4"), dec("4.5")]
        );
    }

    #[test]
    fn twice_daily_halves() {
        let mut r = plan(TitrationPreset::Standard, 1);
        r.split = Split::TwiceDaily;
        let days = build_plan(&r).unwrap();
        assert_eq!(days[0].intakes_mg, vec![dec("0.75"), dec("0.75")]);
    }

    #[test]
    fn cycle_after_seven_stable_days() {
        // Weekly 0.5 mg steps: 4.5 mg reached after 8 steps = day 57 (index 56);
        // held 7 days (indices 56-62), then 3 on (63-65), 3 off (66-68), 3 on.
        let mut r = plan(TitrationPreset::Weekly, 75);
        r.cycle = Some(Cycle::CANCER_PROTOCOL);
        let days = build_plan(&r).unwrap();
        assert_eq!(days[55].daily_mg, dec("4"));
        assert_eq!(days[56].daily_mg, dec("4.5"));
        let kinds: Vec<_> = days[62..72].iter().map(|d| d.kind).collect();
        use DayKind::*;
        assert_eq!(
            kinds,
            vec![
                Maintenance,
                Maintenance,
                Maintenance,
                Maintenance,
                Off,
                Off,
                Off,
                Maintenance,
                Maintenance,
                Maintenance
            ]
        );
        assert!(days[66].intakes_mg.is_empty());
    }

    #[test]
    fn step_back_halves_and_shifts_the_rest() {
        // Standard: 2 mg starts on day 15. Step back for 3 days from day 10
        // (1.5 -> 0.75 mg); the titration pauses, so 2 mg starts on day 18.
        let mut r = plan(TitrationPreset::Standard, 30);
        r.step_backs = vec![StepBack {
            from: date("2026-03-10"),
            days: 3,
        }];
        let days = build_plan(&r).unwrap();
        assert_eq!(
            doses(&days[8..13]),
            vec![
                dec("1.5"),
                dec("0.75"),
                dec("0.75"),
                dec("0.75"),
                dec("1.5")
            ]
        );
        assert_eq!(days[9].kind, DayKind::StepBack);
        assert_eq!(days[16].daily_mg, dec("1.5"));
        assert_eq!(
            (days[17].date, days[17].daily_mg),
            (date("2026-03-18"), dec("2"))
        );
    }

    #[test]
    fn step_back_during_the_cycle_keeps_off_days_off_and_the_rhythm() {
        // Weekly 0.5 mg steps reach 4.5 mg on 26 April (index 56); held 7
        // days, the cycle starts on 3 May: on 3-5, off 6-8, on 9-11, off
        // 12-14, on 15-17, off from 18 May. Step back for 3 days from 5 May
        // (an on day, then two off days) and for 2 days from 10 May.
        let mut r = plan(TitrationPreset::Weekly, 80);
        r.cycle = Some(Cycle::CANCER_PROTOCOL);
        r.step_backs = vec![
            StepBack {
                from: date("2026-05-05"),
                days: 3,
            },
            StepBack {
                from: date("2026-05-10"),
                days: 2,
            },
        ];
        let days = build_plan(&r).unwrap();
        use DayKind::{Maintenance, Off};
        #[rustfmt::skip]
        let expected = [
            ("2026-05-02", Maintenance,       "4.5"),  // 7th day held at the target
            ("2026-05-03", Maintenance,       "4.5"),  // cycle: on
            ("2026-05-04", Maintenance,       "4.5"),  // on
            ("2026-05-05", DayKind::StepBack, "2.25"), // on, step-back 1/3: halved
            ("2026-05-06", Off,               "0"),    // off, step-back 2/3: still off
            ("2026-05-07", Off,               "0"),    // off, step-back 3/3: still off
            ("2026-05-08", Off,               "0"),    // off
            ("2026-05-09", Maintenance,       "4.5"),  // on: the rhythm has not moved
            ("2026-05-10", DayKind::StepBack, "2.25"), // on, step-back 1/2
            ("2026-05-11", DayKind::StepBack, "2.25"), // on, step-back 2/2
            ("2026-05-12", Off,               "0"),    // off
            ("2026-05-13", Off,               "0"),    // off
            ("2026-05-14", Off,               "0"),    // off
            ("2026-05-15", Maintenance,       "4.5"),  // on
            ("2026-05-16", Maintenance,       "4.5"),  // on
            ("2026-05-17", Maintenance,       "4.5"),  // on
            ("2026-05-18", Off,               "0"),    // off
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(d, kind, mg)| (d.to_string(), *kind, dec(mg)))
            .collect();
        let actual: Vec<_> = days[62..=78]
            .iter()
            .map(|d| (d.date.to_string(), d.kind, d.daily_mg))
            .collect();
        assert_eq!(actual, expected);
        assert!(days
            .iter()
            .filter(|d| d.kind == Off)
            .all(|d| d.intakes_mg.is_empty() && d.daily_mg.is_zero()));
    }

    #[test]
    fn step_back_before_the_cycle_delays_it() {
        // Weekly to 4.5 mg on 26 April. A 2-day step-back on 30 April and
        // 1 May (days 5 and 6 held at the target) pauses the clock: the 7
        // days at the target end on 4 May, the cycle starts on 5 May.
        let mut r = plan(TitrationPreset::Weekly, 80);
        r.cycle = Some(Cycle::CANCER_PROTOCOL);
        r.step_backs = vec![StepBack {
            from: date("2026-04-30"),
            days: 2,
        }];
        let days = build_plan(&r).unwrap();
        use DayKind::{Maintenance, Off};
        let kinds: Vec<_> = days[59..72].iter().map(|d| (d.date, d.kind)).collect();
        let expected: Vec<_> = [
            ("2026-04-29", Maintenance),
            ("2026-04-30", DayKind::StepBack),
            ("2026-05-01", DayKind::StepBack),
            ("2026-05-02", Maintenance),
            ("2026-05-03", Maintenance),
            ("2026-05-04", Maintenance), // 7th day held at the target
            ("2026-05-05", Maintenance), // cycle: on
            ("2026-05-06", Maintenance),
            ("2026-05-07", Maintenance),
            ("2026-05-08", Off),
            ("2026-05-09", Off),
            ("2026-05-10", Off),
            ("2026-05-11", Maintenance),
        ]
        .iter()
        .map(|(d, k)| (date(d), *k))
        .collect();
        assert_eq!(kinds, expected);
        assert_eq!(days[60].daily_mg, dec("2.25"));
    }

    /// Weekly 0.5 mg steps reach 4.5 mg on 26 April; held 7 days, the
    /// cycle starts on 3 May (see the test above for its plain rhythm).
    fn weekly_cycle_with_chemo(chemo: &[&str]) -> Vec<(String, DayKind)> {
        let mut r = plan(TitrationPreset::Weekly, 100);
        r.cycle = Some(Cycle::CANCER_PROTOCOL);
        r.chemo = chemo.iter().map(|d| date(d)).collect();
        build_plan(&r)
            .unwrap()
            .into_iter()
            .filter(|d| d.date >= date("2026-05-01") && d.date <= date("2026-06-08"))
            .map(|d| (d.date.to_string(), d.kind))
            .collect()
    }

    #[test]
    fn chemotherapy_gets_the_three_off_days_right_before_it() {
        use DayKind::{Maintenance as On, Off};
        // Chemotherapy on 20 May and 30 May (written in any order).
        #[rustfmt::skip]
        let expected = [
            ("2026-05-01", On),  // held at the target
            ("2026-05-02", On),
            ("2026-05-03", On),  // cycle starts: on
            ("2026-05-04", On),
            ("2026-05-05", On),
            ("2026-05-06", Off), // the plain rhythm: 3 off
            ("2026-05-07", Off),
            ("2026-05-08", Off),
            ("2026-05-09", On),
            ("2026-05-10", On),
            ("2026-05-11", On),
            ("2026-05-12", Off),
            ("2026-05-13", Off),
            ("2026-05-14", Off),
            ("2026-05-15", On),
            ("2026-05-16", On),  // a short on run: the rhythm realigns
            ("2026-05-17", Off), // 3 days before chemotherapy on 20 May
            ("2026-05-18", Off),
            ("2026-05-19", Off),
            ("2026-05-20", On),  // chemotherapy: the rhythm starts again
            ("2026-05-21", On),
            ("2026-05-22", On),
            ("2026-05-23", Off),
            ("2026-05-24", Off),
            ("2026-05-25", Off),
            ("2026-05-26", On),
            ("2026-05-27", Off), // 3 days before chemotherapy on 30 May
            ("2026-05-28", Off),
            ("2026-05-29", Off),
            ("2026-05-30", On),  // chemotherapy
            ("2026-05-31", On),
            ("2026-06-01", On),
            ("2026-06-02", Off), // and the rhythm continues
            ("2026-06-03", Off),
            ("2026-06-04", Off),
            ("2026-06-05", On),
            ("2026-06-06", On),
            ("2026-06-07", On),
            ("2026-06-08", Off),
        ];
        let expected: Vec<_> = expected.iter().map(|(d, k)| (d.to_string(), *k)).collect();
        assert_eq!(
            weekly_cycle_with_chemo(&["2026-05-30", "2026-05-20"]),
            expected
        );
    }

    #[test]
    fn chemotherapy_before_the_cycle_changes_nothing() {
        // 1 April is in the titration, 3 May the cycle's first day: the
        // plain rhythm (on 3-5 May, off 6-8 May ...) stays as it is.
        let plain = weekly_cycle_with_chemo(&[]);
        assert_eq!(
            weekly_cycle_with_chemo(&["2026-04-01", "2026-05-03"]),
            plain
        );
        // 4 May, the cycle's second day: only 3 May of its off days is in
        // the cycle, so 1 and 2 May keep their dose.
        let days = weekly_cycle_with_chemo(&["2026-05-04"]);
        use DayKind::{Maintenance as On, Off};
        let first: Vec<_> = days[..9].iter().map(|(_, k)| *k).collect();
        assert_eq!(first, [On, On, Off, On, On, On, Off, Off, Off]);
    }

    /// The link `?plan=custom&pdose=0.001&pstep=0.00000001&ptarget=4.5&pevery=90&pcycle=1`.
    fn tiny_step_with_cycle() -> PlanRequest {
        let mut r = plan(TitrationPreset::Standard, 90);
        r.titration = Titration {
            start_mg: dec("0.001"),
            step_mg: dec("0.00000001"),
            interval_days: 90,
            target_mg: dec("4.5"),
        };
        r.cycle = Some(Cycle::CANCER_PROTOCOL);
        r
    }

    #[test]
    fn a_step_too_small_to_measure_is_refused_not_overflowed() {
        // 449,900,000 steps of 90 days: the day count once overflowed u32
        // (a panic in debug builds, a wrong schedule in release).
        assert_eq!(
            build_plan(&tiny_step_with_cycle()),
            Err(PlanError::Step(NumberError::BelowMinimum {
                min: dec("0.001")
            }))
        );
        assert_eq!(MIN_STEP_MG, dec("0.001"));
        // The floor itself is fine, and so is zero: a constant dose.
        let mut r = tiny_step_with_cycle();
        r.titration.step_mg = dec("0.001");
        assert_eq!(build_plan(&r).map(|d| d.len()), Ok(90));
        r.titration.step_mg = Decimal::ZERO;
        let days = build_plan(&r).unwrap();
        assert!(days.iter().all(|d| d.daily_mg == dec("0.001")));
        r.titration.step_mg = dec("0.0009");
        assert!(matches!(build_plan(&r), Err(PlanError::Step(_))));
    }

    #[test]
    fn huge_day_counts_saturate() {
        // Fields a caller can set to anything: the cycle would start (and
        // its period end) past u32::MAX days, so it never starts.
        let mut r = plan(TitrationPreset::Standard, 366);
        r.cycle = Some(Cycle {
            stable_days: u32::MAX,
            on_days: u32::MAX,
            off_days: u32::MAX,
        });
        let days = build_plan(&r).unwrap();
        assert_eq!(days.len(), 366);
        assert!(days.iter().all(|d| d.kind != DayKind::Off));
        assert_eq!(days[365].daily_mg, dec("4.5"));
        // Days to the target saturate rather than wrap.
        assert_eq!(
            days_to_target(&tiny_step_with_cycle().titration),
            Some(u32::MAX)
        );
    }

    #[test]
    fn refuses_bad_plans() {
        let mut r = plan(TitrationPreset::Standard, 30);
        r.titration.target_mg = dec("6");
        assert_eq!(build_plan(&r), Err(PlanError::TargetAboveLdn));
        r.allow_above_ldn = true;
        assert!(build_plan(&r).is_ok());
        r.titration.start_mg = dec("7");
        assert_eq!(build_plan(&r), Err(PlanError::StartAboveTarget));
        let mut r = plan(TitrationPreset::Standard, 400);
        assert!(matches!(build_plan(&r), Err(PlanError::Length(_))));
        r.days = 30;
        r.step_backs = vec![StepBack {
            from: date("2026-03-10"),
            days: 5,
        }];
        assert_eq!(build_plan(&r), Err(PlanError::StepBackDays));
        r.step_backs.clear();
        r.titration.interval_days = 0;
        assert!(matches!(build_plan(&r), Err(PlanError::Interval(_))));
    }
}
