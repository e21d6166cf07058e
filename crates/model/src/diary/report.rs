//! The report for the prescriber: a period of the plan against the diary,
//! day by day (what the chart draws) and per dose step (what the table
//! says). The prescriber's question is "at which dose did it start to
//! help, and what did it cost?", so a step gathers the days of one planned
//! dose: how many intakes were marked taken against those planned, the
//! days with one missing, step-back days, the mean score and the side
//! effects by kind. It reads the same diary and the same rules as the CSV
//! export (`against_plan`), so the two agree (tested below).

use super::{against_plan, DiaryEntry, Marked, SideEffect, Supplied, MAX_SCORE};
use ldn_engine::date::{Date, DateError};
use ldn_engine::quantity::Mg;
use ldn_engine::schedule::{DayKind, PlanDay};
use ldn_engine::small_sort;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// The default period reaches back this many days (8 weeks, today
/// included) unless the plan started later.
pub const DEFAULT_DAYS: u32 = 56;
/// The longest period a report covers (a year): its chart stays readable
/// on one page.
pub const MAX_DAYS: u32 = 366;

/// Why a typed period cannot be reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodProblem {
    From(DateError),
    To(DateError),
    /// The last day is after today: the diary has nothing to say yet.
    Future,
    /// The last day is before the first.
    Backwards,
    /// More than `MAX_DAYS`.
    TooLong,
}

/// The period: the typed first and last days, each empty for its default
/// (first: the later of the plan's first day and 8 weeks back; last:
/// today, or the plan's last day if it ended before).
pub fn period(
    from: &str,
    to: &str,
    days: &[PlanDay],
    today: Date,
) -> Result<(Date, Date), PeriodProblem> {
    let to = match to.trim() {
        "" => days.last().map_or(today, |d| d.date.min(today)),
        t => Date::parse_iso(t).map_err(PeriodProblem::To)?,
    };
    if to > today {
        return Err(PeriodProblem::Future);
    }
    let back = to.add_days(1 - DEFAULT_DAYS as i32);
    let from = match from.trim() {
        "" => days.first().map_or(back, |d| d.date.max(back).min(to)),
        f => Date::parse_iso(f).map_err(PeriodProblem::From)?,
    };
    if from > to {
        return Err(PeriodProblem::Backwards);
    }
    if from.days_until(to) >= MAX_DAYS as i32 {
        return Err(PeriodProblem::TooLong);
    }
    Ok((from, to))
}

/// One day of the period: what the chart draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDay {
    pub date: Date,
    /// The plan's day total (zero on an off day); None outside the plan.
    pub planned_mg: Option<Decimal>,
    pub kind: Option<DayKind>,
    /// The doses marked taken that day, added up; None when none is.
    pub taken_mg: Option<Decimal>,
    /// A planned intake of a day before today has nothing marked.
    pub missed: bool,
    pub score: Option<u8>,
    /// Each effect noted that day, once, in `SideEffect::ALL` order.
    pub effects: Vec<SideEffect>,
}

/// One dose step: consecutive plan days of one planned dose, with the off
/// days and step-back days among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub from: Date,
    pub to: Date,
    /// The step's planned intakes (a step-back day's halved ones are not
    /// the step's dose).
    pub intakes_mg: Vec<Decimal>,
    /// Plan days of the step in the period.
    pub days: u32,
    /// Intakes planned on days that count (up to today; since the bottle),
    /// and of them those marked taken, and of those in another amount.
    pub planned: u32,
    pub taken: u32,
    pub other: u32,
    /// Doses marked beyond the plan's intakes (on an off day, a second one).
    pub extra: u32,
    /// Days with a planned intake not marked taken.
    pub missed_days: u32,
    pub step_back_days: u32,
    /// Off days of an on/off cycle (no dose planned).
    pub off_days: u32,
    /// Days with a score, and their mean to one decimal.
    pub scored_days: u32,
    pub mean_score: Option<Decimal>,
    /// Days each side effect was noted on (only those noted), in
    /// `SideEffect::ALL` order.
    pub effects: Vec<(SideEffect, u32)>,
}

impl Step {
    fn new(day: &PlanDay) -> Step {
        Step {
            from: day.date,
            to: day.date,
            intakes_mg: own_dose(day).unwrap_or_default(),
            days: 0,
            planned: 0,
            taken: 0,
            other: 0,
            extra: 0,
            missed_days: 0,
            step_back_days: 0,
            off_days: 0,
            scored_days: 0,
            mean_score: None,
            effects: Vec::new(),
        }
    }
}

/// The dose a day says for its step: a titration or maintenance day's
/// intakes (an off day and a step-back day belong to the step around them).
fn own_dose(day: &PlanDay) -> Option<Vec<Decimal>> {
    matches!(day.kind, DayKind::Titration | DayKind::Maintenance).then(|| day.intakes_mg.clone())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub from: Date,
    pub to: Date,
    /// Every day of the period, oldest first.
    pub days: Vec<ReportDay>,
    /// The plan's dose steps in the period, oldest first.
    pub steps: Vec<Step>,
}

/// The report of `from` to `to` (a period from `period`): the plan `days`
/// against the diary as of `today`; a day not `supplied` with a bottle and
/// nothing marked is not missed, as in `against_plan`.
pub fn report(
    diary: &[DiaryEntry],
    days: &[PlanDay],
    today: Date,
    supplied: Supplied,
    from: Date,
    to: Date,
) -> Report {
    let against: BTreeMap<Date, _> = against_plan(diary, days, today, supplied)
        .into_iter()
        .map(|d| (d.date, d))
        .collect();
    let mut out = Report {
        from,
        to,
        days: Vec::new(),
        steps: Vec::new(),
    };
    // Each day's entries, found once (a diary holds up to 5000).
    let mut by_date: BTreeMap<Date, Vec<&DiaryEntry>> = BTreeMap::new();
    for e in diary.iter().filter(|e| e.date >= from && e.date <= to) {
        by_date.entry(e.date).or_default().push(e);
    }
    let mut date = from;
    while date <= to {
        let plan = super::plan_day(days, date);
        let marked = against.get(&date);
        let entries = by_date.get(&date).map_or(&[][..], Vec::as_slice);
        let taken: Vec<Decimal> = entries
            .iter()
            .filter_map(|e| e.taken.map(|t| t.dose_mg.value()))
            .collect();
        let effects: Vec<SideEffect> = SideEffect::ALL
            .into_iter()
            .filter(|x| entries.iter().any(|e| e.effects.contains(x)))
            .collect();
        let day = ReportDay {
            date,
            planned_mg: plan.map(|p| p.daily_mg),
            kind: plan.map(|p| p.kind),
            taken_mg: (!taken.is_empty()).then(|| taken.iter().sum()),
            missed: marked.is_some_and(|m| m.intakes.iter().any(|(_, k)| *k == Marked::Missed)),
            score: entries
                .iter()
                .find_map(|e| e.score)
                .filter(|n| *n <= MAX_SCORE),
            effects,
        };
        if let Some(plan) = plan {
            let starts_new = match (out.steps.last(), own_dose(plan)) {
                (None, _) => true,
                (Some(step), Some(dose)) => !step.intakes_mg.is_empty() && step.intakes_mg != dose,
                (Some(_), None) => false,
            };
            if starts_new {
                out.steps.push(Step::new(plan));
            }
            if let Some(step) = out.steps.last_mut() {
                count(
                    step,
                    plan,
                    marked.map(|m| (m.intakes.as_slice(), m.extra.len())),
                    &day,
                );
            }
        }
        out.days.push(day);
        date = date.add_days(1);
    }
    for step in &mut out.steps {
        let scores: Vec<u8> = out
            .days
            .iter()
            .filter(|d| d.date >= step.from && d.date <= step.to)
            .filter_map(|d| d.score)
            .collect();
        step.scored_days = scores.len() as u32;
        step.mean_score = (!scores.is_empty()).then(|| {
            let sum: Decimal = scores.iter().map(|n| Decimal::from(*n)).sum();
            (sum / Decimal::from(scores.len()))
                .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
        });
    }
    out
}

/// Adds one plan day to its step.
fn count(
    step: &mut Step,
    plan: &PlanDay,
    marked: Option<(&[(Mg, Marked)], usize)>,
    day: &ReportDay,
) {
    step.to = plan.date;
    step.days += 1;
    if step.intakes_mg.is_empty() {
        step.intakes_mg = own_dose(plan).unwrap_or_default();
    }
    match plan.kind {
        DayKind::StepBack => step.step_back_days += 1,
        DayKind::Off => step.off_days += 1,
        DayKind::Titration | DayKind::Maintenance => {}
    }
    if let Some((intakes, extra)) = marked {
        for (_, m) in intakes {
            match m {
                Marked::NotYet => {}
                Marked::Missed => step.planned += 1,
                Marked::AsPlanned => {
                    step.planned += 1;
                    step.taken += 1;
                }
                Marked::Other(_) => {
                    step.planned += 1;
                    step.taken += 1;
                    step.other += 1;
                }
            }
        }
        step.extra += extra as u32;
    }
    if day.missed {
        step.missed_days += 1;
    }
    for x in &day.effects {
        match step.effects.iter_mut().find(|(e, _)| e == x) {
            Some((_, n)) => *n += 1,
            None => {
                step.effects.push((*x, 1));
                small_sort::sort_by_key(&mut step.effects, |(e, _)| *e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{csv, DiaryEntry, Taken};
    use super::*;
    use ldn_engine::quantity::Ml;
    use ldn_engine::testing::{date, dec};

    fn plan_day(d: &str, kind: DayKind, intakes: &[&str]) -> PlanDay {
        let intakes_mg: Vec<Decimal> = intakes.iter().map(|m| dec(m)).collect();
        PlanDay {
            date: date(d),
            kind,
            daily_mg: intakes_mg.iter().sum(),
            intakes_mg,
            changed: false,
        }
    }

    /// 1 to 10 March: 1.5 mg for four days, 3 mg from the 5th with a
    /// step-back (1.5 mg) on the 7th and an off day on the 8th, then 3 mg.
    fn plan() -> Vec<PlanDay> {
        use DayKind::*;
        let mut days = Vec::new();
        for d in 1..=4 {
            days.push(plan_day(&format!("2026-03-0{d}"), Titration, &["1.5"]));
        }
        days.push(plan_day("2026-03-05", Titration, &["3"]));
        days.push(plan_day("2026-03-06", Titration, &["3"]));
        days.push(plan_day("2026-03-07", StepBack, &["1.5"]));
        days.push(plan_day("2026-03-08", Off, &[]));
        days.push(plan_day("2026-03-09", Maintenance, &["3"]));
        days.push(plan_day("2026-03-10", Maintenance, &["3"]));
        days
    }

    fn took(d: &str, mg: &str, as_planned: bool) -> DiaryEntry {
        DiaryEntry::dose(
            date(d),
            None,
            Taken {
                dose_mg: Mg::new(dec(mg)),
                draw_ml: Ml::new(dec(mg)),
                as_planned,
            },
        )
    }

    fn noted(d: &str, effects: Vec<SideEffect>) -> DiaryEntry {
        DiaryEntry {
            effects,
            score: None,
            ..DiaryEntry::score(date(d), 0)
        }
    }

    fn diary() -> Vec<DiaryEntry> {
        vec![
            // Before the bottle (prepared 2 March): the 1st not missed.
            took("2026-03-02", "1.5", true),
            DiaryEntry::score(date("2026-03-02"), 3),
            // The 3rd: nothing marked (missed), but scored and noted.
            DiaryEntry::score(date("2026-03-03"), 4),
            noted("2026-03-03", vec![SideEffect::Sleep, SideEffect::Dreams]),
            took("2026-03-04", "1", false),
            DiaryEntry::score(date("2026-03-04"), 4),
            took("2026-03-05", "3", true),
            noted("2026-03-05", vec![SideEffect::Sleep]),
            noted("2026-03-06", vec![SideEffect::Sleep, SideEffect::Headache]),
            DiaryEntry::score(date("2026-03-06"), 6),
            took("2026-03-07", "1.5", true),
            DiaryEntry::score(date("2026-03-07"), 7),
            // A dose on the off day: beyond the plan.
            took("2026-03-08", "3", false),
            took("2026-03-09", "3", true),
            DiaryEntry::score(date("2026-03-09"), 8),
        ]
    }

    #[test]
    fn steps_gather_one_planned_dose_with_its_off_and_step_back_days() {
        let today = date("2026-03-10");
        let r = report(
            &diary(),
            &plan(),
            today,
            Supplied::from(date("2026-03-02")),
            date("2026-03-01"),
            today,
        );
        assert_eq!(r.days.len(), 10);
        assert_eq!(r.steps.len(), 2);
        let (low, high) = (&r.steps[0], &r.steps[1]);
        assert_eq!(
            (low.from, low.to, low.days),
            (date("2026-03-01"), date("2026-03-04"), 4)
        );
        assert_eq!(low.intakes_mg, vec![dec("1.5")]);
        // The 1st was before the bottle: not planned, not missed. The 3rd
        // is missed; the 4th taken in another amount.
        assert_eq!(
            (low.planned, low.taken, low.other, low.missed_days),
            (3, 2, 1, 1)
        );
        assert_eq!((low.scored_days, low.mean_score), (3, Some(dec("3.7"))));
        assert_eq!(
            low.effects,
            vec![(SideEffect::Sleep, 1), (SideEffect::Dreams, 1)]
        );
        assert_eq!(low.step_back_days, 0);
        // 3 mg from the 5th, with its step-back day and off day; today's
        // dose not marked yet is neither planned nor missed.
        assert_eq!(
            (high.from, high.to, high.days),
            (date("2026-03-05"), date("2026-03-10"), 6)
        );
        assert_eq!(high.intakes_mg, vec![dec("3")]);
        assert_eq!(
            (high.planned, high.taken, high.other, high.extra),
            (4, 3, 0, 1)
        );
        assert_eq!(
            (high.missed_days, high.step_back_days, high.off_days),
            (1, 1, 1)
        );
        assert_eq!((high.scored_days, high.mean_score), (3, Some(dec("7"))));
        assert_eq!(
            high.effects,
            vec![(SideEffect::Sleep, 2), (SideEffect::Headache, 1)]
        );
        // The days the chart draws.
        let day = |d: &str| r.days.iter().find(|x| x.date == date(d)).unwrap();
        assert_eq!(day("2026-03-03").taken_mg, None);
        assert!(day("2026-03-03").missed && !day("2026-03-01").missed);
        assert_eq!(day("2026-03-07").planned_mg, Some(dec("1.5")));
        assert_eq!(day("2026-03-08").planned_mg, Some(dec("0")));
        assert_eq!(day("2026-03-08").taken_mg, Some(dec("3")));
        assert!(!day("2026-03-10").missed);
    }

    #[test]
    fn a_period_cut_out_of_the_plan_counts_only_its_days() {
        let today = date("2026-03-10");
        let r = report(
            &diary(),
            &plan(),
            today,
            Supplied::from(date("2026-03-02")),
            date("2026-03-04"),
            date("2026-03-06"),
        );
        assert_eq!(r.days.len(), 3);
        assert_eq!(r.steps.len(), 2);
        assert_eq!(
            (r.steps[0].days, r.steps[0].planned, r.steps[0].taken),
            (1, 1, 1)
        );
        assert_eq!(
            (r.steps[1].from, r.steps[1].to),
            (date("2026-03-05"), date("2026-03-06"))
        );
        assert_eq!(
            (r.steps[1].planned, r.steps[1].taken, r.steps[1].missed_days),
            (2, 1, 1)
        );
        // A period starting on the off day: its step takes the next day's dose.
        let r = report(
            &diary(),
            &plan(),
            today,
            Supplied::from(date("2026-03-02")),
            date("2026-03-08"),
            today,
        );
        assert_eq!(r.steps.len(), 1);
        assert_eq!(r.steps[0].intakes_mg, vec![dec("3")]);
        // Days outside the plan are in the chart, in no step.
        let r = report(
            &diary(),
            &plan(),
            today,
            Supplied::from(date("2026-03-02")),
            date("2026-02-27"),
            date("2026-03-01"),
        );
        assert_eq!((r.days.len(), r.days[0].planned_mg), (3, None));
        assert_eq!(r.steps.len(), 1);
    }

    #[test]
    fn the_period_defaults_to_the_plan_or_eight_weeks() {
        let days = plan();
        assert_eq!(
            period("", "", &days, date("2026-03-10")),
            Ok((date("2026-03-01"), date("2026-03-10")))
        );
        // A plan that ended: up to its last day.
        assert_eq!(
            period("", "", &days, date("2026-04-01")),
            Ok((date("2026-03-01"), date("2026-03-10")))
        );
        // A long plan: the last 8 weeks, today included.
        let long: Vec<PlanDay> = (0..200)
            .map(|i| PlanDay {
                date: date("2026-01-01").add_days(i),
                ..plan_day("2026-01-01", DayKind::Maintenance, &["4.5"])
            })
            .collect();
        assert_eq!(
            period("", "", &long, date("2026-04-10")),
            Ok((date("2026-02-14"), date("2026-04-10")))
        );
        assert_eq!(
            period("", "", &[], date("2026-06-30")),
            Ok((date("2026-05-06"), date("2026-06-30")))
        );
        assert_eq!(
            period(" 2026-03-03 ", "2026-03-05", &days, date("2026-03-10")),
            Ok((date("2026-03-03"), date("2026-03-05")))
        );
        let today = date("2026-03-10");
        assert_eq!(
            period("", "2026-03-11", &days, today),
            Err(PeriodProblem::Future)
        );
        assert_eq!(
            period("2026-03-06", "2026-03-05", &days, today),
            Err(PeriodProblem::Backwards)
        );
        assert!(matches!(
            period("3 March", "", &days, today),
            Err(PeriodProblem::From(_))
        ));
        assert!(matches!(
            period("", "2026-02-30", &days, today),
            Err(PeriodProblem::To(_))
        ));
        // A year at most.
        assert!(period("2025-03-09", "2026-03-09", &days, today).is_ok());
        assert_eq!(
            period("2025-03-08", "2026-03-09", &days, today),
            Err(PeriodProblem::TooLong)
        );
    }

    #[test]
    fn the_mean_score_rounds_half_away_from_zero() {
        let days = plan();
        let today = date("2026-03-04");
        let diary = [
            DiaryEntry::score(date("2026-03-01"), 1),
            DiaryEntry::score(date("2026-03-02"), 2),
            DiaryEntry::score(date("2026-03-03"), 2),
            DiaryEntry::score(date("2026-03-04"), 2),
        ];
        // 7 / 4 = 1.75: 1.8.
        let r = report(
            &diary,
            &days,
            today,
            Supplied::from(date("2026-03-01")),
            date("2026-03-01"),
            today,
        );
        assert_eq!(r.steps[0].mean_score, Some(dec("1.8")));
        assert_eq!(r.steps[0].scored_days, 4);
        // No score: no mean (not zero).
        let r = report(
            &[],
            &days,
            today,
            Supplied::from(date("2026-03-01")),
            date("2026-03-01"),
            today,
        );
        assert_eq!((r.steps[0].scored_days, r.steps[0].mean_score), (0, None));
    }

    /// The CSV for the prescriber and the report read one diary: per step,
    /// its dose rows are the doses taken (and beyond the plan), its
    /// `missed` rows the intakes planned and not taken, its scores' mean
    /// the step's.
    #[test]
    fn the_report_and_the_csv_agree() {
        let today = date("2026-03-10");
        let since = Supplied::from(date("2026-03-02"));
        let text = csv::csv(&diary(), &plan(), today, since);
        let rows: Vec<Vec<&str>> = text
            .trim_start_matches('\u{feff}')
            .split("\r\n")
            .skip(1)
            .filter(|r| !r.is_empty())
            .map(|r| r.split(',').collect())
            .collect();
        let r = report(&diary(), &plan(), today, since, date("2026-03-01"), today);
        for step in &r.steps {
            let within: Vec<&Vec<&str>> = rows
                .iter()
                .filter(|row| {
                    let d = date(row[0]);
                    d >= step.from && d <= step.to
                })
                .collect();
            let doses = within.iter().filter(|row| !row[2].is_empty()).count() as u32;
            let missed = within.iter().filter(|row| row[4] == "missed").count() as u32;
            let scores: Vec<Decimal> = within
                .iter()
                .filter(|row| !row[9].is_empty())
                .map(|row| dec(row[9]))
                .collect();
            assert_eq!(doses, step.taken + step.extra, "{step:?}");
            assert_eq!(missed, step.planned - step.taken, "{step:?}");
            assert_eq!(scores.len() as u32, step.scored_days);
            let mean = (!scores.is_empty()).then(|| {
                (scores.iter().sum::<Decimal>() / Decimal::from(scores.len()))
                    .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            });
            assert_eq!(mean, step.mean_score);
        }
    }
}
