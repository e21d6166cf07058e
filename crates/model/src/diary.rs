//! The patient's dose diary, kept on the device: doses taken and side
//! effects noted, day by day. The saved document stores it (version 2 on);
//! here are its rules, pure and without a clock ("today" is an argument):
//! the step-back suggestion, doses taken against the plan, what is left in
//! the bottle, and the checks on what a patient types. `csv` writes the
//! export for the prescriber.

pub mod csv;
pub mod report;

use super::plan::PlanOutcome;
use ldn_engine::date::{Date, DateError, TimeOfDay};
use ldn_engine::dose::{check_dose, DoseCheck};
use ldn_engine::format::DecimalSeparator;
use ldn_engine::number::{parse_typed, NumberError};
use ldn_engine::quantity::{Mg, Ml};
use ldn_engine::recipe::Concentration;
use ldn_engine::schedule::{DayKind, PlanDay, StepBack};
use ldn_engine::small_sort;
use ldn_engine::syringe::Syringe;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// More entries than years of twice-daily doses with notes; a larger diary
/// is refused as a whole.
pub const MAX_DIARY_ENTRIES: usize = 5000;
/// Longest free-text note kept.
pub const MAX_NOTE: usize = 500;

/// Side effects the sources name for LDN (seed 000: sleep problems and
/// vivid dreams in the first weeks; headache, nausea), and any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SideEffect {
    Sleep,
    Dreams,
    Headache,
    Nausea,
    Other,
}

impl SideEffect {
    pub const ALL: [SideEffect; 5] = [
        SideEffect::Sleep,
        SideEffect::Dreams,
        SideEffect::Headache,
        SideEffect::Nausea,
        SideEffect::Other,
    ];

    /// The stable code in saved data and the CSV export.
    pub fn code(self) -> &'static str {
        match self {
            SideEffect::Sleep => "sleep",
            SideEffect::Dreams => "dreams",
            SideEffect::Headache => "headache",
            SideEffect::Nausea => "nausea",
            SideEffect::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<SideEffect> {
        SideEffect::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// A dose taken: how much and what was drawn for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    pub dose_mg: Mg,
    pub draw_ml: Ml,
    /// Taken as the plan said (one tap), not an amount typed by hand.
    pub as_planned: bool,
}

/// One line of the diary: a dose taken, side effects noted, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryEntry {
    pub date: Date,
    pub time: Option<TimeOfDay>,
    pub taken: Option<Taken>,
    /// Each effect at most once, in `SideEffect::ALL` order.
    pub effects: Vec<SideEffect>,
    pub note: String,
    /// A step-back accepted from the suggestion: halve for this many days
    /// (2 or 3) from `date`. Kept here, on the device, so the plan keeps
    /// it when the patient opens the pharmacy's link again (see
    /// `State::start`).
    pub step_back: Option<u32>,
    /// How the person felt that day, 0 (worst) to 10 (best), for the
    /// condition they take LDN for (`Document::condition`). One a day: a
    /// new score for a day replaces the one before (`with_score`).
    pub score: Option<u8>,
}

/// The highest "how I feel" score (the lowest is 0).
pub const MAX_SCORE: u8 = 10;

impl DiaryEntry {
    /// A dose taken on `date`, at `time` if the browser gave it.
    pub fn dose(date: Date, time: Option<TimeOfDay>, taken: Taken) -> DiaryEntry {
        DiaryEntry {
            date,
            time,
            taken: Some(taken),
            effects: Vec::new(),
            note: String::new(),
            step_back: None,
            score: None,
        }
    }

    /// How the person felt on `date` (0 to `MAX_SCORE`).
    pub fn score(date: Date, score: u8) -> DiaryEntry {
        DiaryEntry {
            date,
            time: None,
            taken: None,
            effects: Vec::new(),
            note: String::new(),
            step_back: None,
            score: Some(score),
        }
    }

    /// Whether the entry says nothing but (at most) a score: it goes
    /// when the score is replaced or cleared.
    fn only_score(&self) -> bool {
        self.taken.is_none()
            && self.effects.is_empty()
            && self.note.is_empty()
            && self.step_back.is_none()
    }

    /// Whether the entry says nothing at all.
    pub fn is_empty(&self) -> bool {
        self.only_score() && self.score.is_none()
    }

    /// A step-back accepted on the device: halve from `from` for `days`.
    pub fn step_back(from: Date, days: u32) -> DiaryEntry {
        DiaryEntry {
            date: from,
            time: None,
            taken: None,
            effects: Vec::new(),
            note: String::new(),
            step_back: Some(days),
            score: None,
        }
    }
}

/// The diary with `score` as the only score of `date` (none: cleared).
/// A day has one score: any earlier one of that day goes, and an entry
/// that held only that score goes with it.
pub fn with_score(diary: &[DiaryEntry], date: Date, score: Option<u8>) -> Vec<DiaryEntry> {
    let mut out: Vec<DiaryEntry> = diary
        .iter()
        .filter(|e| !(e.date == date && e.score.is_some() && e.only_score()))
        .cloned()
        .map(|mut e| {
            if e.date == date {
                e.score = None;
            }
            e
        })
        .collect();
    if let Some(n) = score.filter(|n| *n <= MAX_SCORE) {
        out.push(DiaryEntry::score(date, n));
    }
    out
}

/// The score of `date`, if one was given.
pub fn score_on(diary: &[DiaryEntry], date: Date) -> Option<u8> {
    diary
        .iter()
        .filter(|e| e.date == date)
        .find_map(|e| e.score)
}

/// The plan's day for `date`, if the plan has that day.
pub fn plan_day(days: &[PlanDay], date: Date) -> Option<&PlanDay> {
    let first = days.first()?.date;
    let i = usize::try_from(first.days_until(date)).ok()?;
    days.get(i).filter(|d| d.date == date)
}

/// On a step-back day, the last day of that step-back (the note says
/// "halved up to and including" it); `None` on any other day.
pub fn step_back_until(days: &[PlanDay], date: Date) -> Option<Date> {
    let first = days.first()?.date;
    let at = usize::try_from(first.days_until(date)).ok()?;
    days.get(at..)?
        .iter()
        .take_while(|d| d.kind == DayKind::StepBack)
        .last()
        .map(|d| d.date)
}

/// Whether the plan has a dose on `date` (not an off day, not outside it).
fn dosed(days: &[PlanDay], date: Date) -> bool {
    plan_day(days, date).is_some_and(|d| !d.intakes_mg.is_empty())
}

/// The doses marked taken on `date`, in the diary's order (by time).
fn taken_on(diary: &[DiaryEntry], date: Date) -> impl Iterator<Item = &Taken> {
    diary
        .iter()
        .filter(move |e| e.date == date)
        .filter_map(|e| e.taken.as_ref())
}

fn effects_on(diary: &[DiaryEntry], date: Date) -> bool {
    diary
        .iter()
        .any(|e| e.date == date && !e.effects.is_empty())
}

/// The step-back the diary suggests: the length, and the alternative
/// offered beside it (seed 000 says 2 to 3 days).
pub const STEP_BACK_DAYS: u32 = 2;
pub const STEP_BACK_LONGER: u32 = 3;

/// A suggested step-back: halve from `from` (for `STEP_BACK_DAYS`, or
/// `STEP_BACK_LONGER`), because side effects were noted on the two days
/// `noted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepBackOffer {
    pub noted: [Date; 2],
    pub from: Date,
}

/// Whether to suggest a step-back today, and from which day.
///
/// Source: seed 000, the LDN Research Trust's patient information: the
/// common side effects (sleep problems, mild headache, restlessness,
/// nausea) "can be stopped by halving the dose for 2 to 3 days and then
/// continuing the titration". The rule:
/// - side effects are noted on two calendar days in a row, the later of
///   them today or yesterday (one bad day is not a pattern, and an older
///   pair is no longer what is happening now);
/// - no step-back in `step_backs` already covers today or tomorrow (the
///   plan halves already);
/// - it starts today when no dose is marked taken today, else tomorrow (a
///   dose taken cannot be halved; on a twice-daily plan one intake marked
///   is enough, so a day is never half halved);
/// - never on a day when the plan has no dose: today and the first day of
///   the step-back must be dosing days of the plan (not an off day of a
///   3-on/3-off cycle, not before the plan starts or after it ends);
/// - it offers `STEP_BACK_DAYS` (2) and `STEP_BACK_LONGER` (3) days.
///
/// Dismissing the suggestion for a day is the caller's (state's) business.
pub fn suggest_step_back(
    diary: &[DiaryEntry],
    days: &[PlanDay],
    step_backs: &[StepBack],
    today: Date,
) -> Option<StepBackOffer> {
    let later = [today, today.add_days(-1)]
        .into_iter()
        .find(|d| effects_on(diary, *d) && effects_on(diary, d.add_days(-1)))?;
    let covered = |d: Date| {
        step_backs.iter().any(|s| {
            d >= s.from && s.from.days_until(d) < i32::try_from(s.days).unwrap_or(i32::MAX)
        })
    };
    if covered(today) || covered(today.add_days(1)) {
        return None;
    }
    let from = match taken_on(diary, today).next() {
        Some(_) => today.add_days(1),
        None => today,
    };
    (dosed(days, today) && dosed(days, from)).then_some(StepBackOffer {
        noted: [later.add_days(-1), later],
        from,
    })
}

/// What is marked for one planned intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    /// Today's, not marked yet.
    NotYet,
    /// A past day's, with nothing marked for it.
    Missed,
    /// The plan's amount.
    AsPlanned,
    /// Another amount: this much.
    Other(Mg),
}

/// One planned day up to today, against what the diary says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayAgainstPlan {
    pub date: Date,
    /// Each planned intake and what is marked for it: the day's doses in
    /// the order marked (so the first is the morning's).
    pub intakes: Vec<(Mg, Marked)>,
    /// Doses marked beyond the plan's intakes (all of them on a day the
    /// plan has no dose).
    pub extra: Vec<Mg>,
}

/// The days the patient had a bottle to draw the plan's doses from: from
/// the day it was prepared (or the plan's first day, if later) up to its
/// last day of use (or the day the plan's draws use it up), if known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Supplied {
    pub from: Date,
    pub until: Option<Date>,
}

impl Supplied {
    /// From `from`, with no known end (the Plan screen: the plan's own
    /// bottles follow one another).
    pub fn from(from: Date) -> Supplied {
        Supplied { from, until: None }
    }

    pub fn covers(self, date: Date) -> bool {
        date >= self.from && self.until.is_none_or(|u| date <= u)
    }
}

/// Each day of the plan up to `today` that has a planned or a marked dose,
/// oldest first. Doses marked before the plan starts are not in it (they
/// are in the diary and its export). On a day not `supplied` (before the
/// patient's bottle was prepared, or after its last day, when the page told
/// the patient not to use it) the patient had no bottle from this
/// pharmacy's link: the day is in only if a dose was marked on it, and
/// nothing of it counts as missed if none was.
pub fn against_plan(
    diary: &[DiaryEntry],
    days: &[PlanDay],
    today: Date,
    supplied: Supplied,
) -> Vec<DayAgainstPlan> {
    let mut marked: BTreeMap<Date, Vec<Mg>> = BTreeMap::new();
    for e in diary.iter().filter(|e| e.date <= today) {
        if let Some(t) = e.taken {
            marked.entry(e.date).or_default().push(t.dose_mg);
        }
    }
    days.iter()
        .take_while(|d| d.date <= today)
        .filter_map(|day| {
            let doses = marked.get(&day.date).map_or(&[][..], Vec::as_slice);
            if !supplied.covers(day.date) && doses.is_empty() {
                return None;
            }
            let intakes: Vec<(Mg, Marked)> = day
                .intakes_mg
                .iter()
                .enumerate()
                .map(|(k, planned)| {
                    let planned = Mg::new(*planned);
                    let m = match doses.get(k) {
                        Some(mg) if *mg == planned => Marked::AsPlanned,
                        Some(mg) => Marked::Other(*mg),
                        None if day.date == today => Marked::NotYet,
                        None => Marked::Missed,
                    };
                    (planned, m)
                })
                .collect();
            let extra: Vec<Mg> = doses.iter().skip(intakes.len()).copied().collect();
            (!intakes.is_empty() || !extra.is_empty()).then_some(DayAgainstPlan {
                date: day.date,
                intakes,
                extra,
            })
        })
        .collect()
}

/// How many intakes were taken as planned, in another amount, missed, and
/// doses beyond the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub as_planned: u64,
    pub other: u64,
    pub missed: u64,
    pub extra: u64,
}

pub fn tally(days: &[DayAgainstPlan]) -> Tally {
    let mut t = Tally::default();
    for d in days {
        for (_, m) in &d.intakes {
            match m {
                Marked::AsPlanned => t.as_planned += 1,
                Marked::Other(_) => t.other += 1,
                Marked::Missed => t.missed += 1,
                Marked::NotYet => {}
            }
        }
        t.extra += d.extra.len() as u64;
    }
    t
}

/// What should be left in a bottle by the diary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BottleLeft {
    pub prepared: Date,
    pub holds: Ml,
    /// The draws marked taken from its preparation day to today.
    pub drawn: Ml,
    /// `holds - drawn`, never below zero.
    pub left: Ml,
    /// More was marked taken than it holds: it should be empty by now.
    pub empty_by_now: bool,
}

/// A bottle of `holds` prepared on `prepared`, less every draw marked taken
/// from that day to `today`. At most 5000 entries of at most 1000 mL each:
/// the sum cannot overflow a decimal.
pub fn bottle_left(holds: Ml, prepared: Date, diary: &[DiaryEntry], today: Date) -> BottleLeft {
    let drawn: Ml = diary
        .iter()
        .filter(|e| e.date >= prepared && e.date <= today)
        .filter_map(|e| e.taken.map(|t| t.draw_ml))
        .sum();
    BottleLeft {
        prepared,
        holds,
        drawn,
        left: (holds - drawn).max(Ml::ZERO),
        empty_by_now: drawn > holds,
    }
}

/// The bottle in use today, as its preparation day: the plan's last bottle
/// prepared on or before today, else `prepared` (a given recipe's) if that
/// is not after today.
pub fn bottle_in_use(plan: Option<&PlanOutcome>, prepared: Date, today: Date) -> Option<Date> {
    plan.and_then(|p| p.supply.as_ref())
        .and_then(|s| {
            s.days
                .iter()
                .rev()
                .find(|d| d.new_bottle && d.date <= today)
        })
        .map(|d| d.date)
        .or((prepared <= today).then_some(prepared))
}

/// Today's next intake to mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// The plan has no dose today.
    NoDose,
    /// Every intake of today is marked.
    AllTaken,
    /// The `index`-th of `of` intakes (0: the first, or the morning's).
    Intake { mg: Mg, index: usize, of: usize },
}

pub fn due_today(days: &[PlanDay], diary: &[DiaryEntry], today: Date) -> Due {
    let Some(day) = plan_day(days, today).filter(|d| !d.intakes_mg.is_empty()) else {
        return Due::NoDose;
    };
    let index = taken_on(diary, today).count();
    match day.intakes_mg.get(index) {
        Some(mg) => Due::Intake {
            mg: Mg::new(*mg),
            index,
            of: day.intakes_mg.len(),
        },
        None => Due::AllTaken,
    }
}

/// Intakes a day by the plan: its dosing days all have the same number (a
/// twice-daily plan has two on every one, its days off none), so a dose on
/// any day, a day off too, is one of that many; once without a plan.
fn intakes_a_day(days: &[PlanDay]) -> u32 {
    let n = days.iter().map(|d| d.intakes_mg.len()).max().unwrap_or(1);
    u32::try_from(n).unwrap_or(1).max(1)
}

/// How a dose of `mg` is drawn with the plan's bottle and syringe: the
/// check every output states a dose through.
pub fn intake_check(days: &[PlanDay], bottle: (Concentration, Syringe), mg: Mg) -> DoseCheck {
    check_dose(bottle.0, mg, bottle.1, intakes_a_day(days))
}

/// The dose `check` as taken: only a draw the syringe measures is marked
/// (`DoseCheck::drawable`, the rule of every output).
pub fn taken(check: &DoseCheck, as_planned: bool) -> Option<Taken> {
    check.drawable().then_some(Taken {
        dose_mg: check.dose_mg,
        draw_ml: check.draw_ml,
        as_planned,
    })
}

/// Why a diary form cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiaryProblem {
    /// The date field is not a date.
    Date(DateError),
    /// The date is after today.
    Future,
    /// No side effect ticked and no note written.
    NothingNoted,
    /// "Other" is ticked but the note does not say what.
    OtherNeedsNote,
    /// The amount is not a number in range.
    Amount(NumberError),
    /// The syringe cannot measure the amount (the view says what instead).
    NotMeasurable,
    /// No valid recipe and syringe: no draw to mark.
    NoBottle,
    /// The patient's bottle is past its last day (or dated after today):
    /// no dose is marked as drawn from it.
    DoNotUse,
    /// The diary holds `MAX_DIARY_ENTRIES` already.
    Full,
}

/// Largest amount a patient can mark, as saved data allows.
pub const MAX_MARKED_MG: Decimal = Decimal::ONE_HUNDRED;

/// A caution about an amount typed for today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caution {
    /// More than twice the plan's amount for today (the day's total).
    AboveDouble { planned: Mg },
    /// The plan has no dose today.
    NoDoseToday,
}

/// Another amount typed for today's dose, checked: how it is drawn, and a
/// caution when it is far from the plan (a slip such as 15 for 1.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherAmount {
    pub check: DoseCheck,
    pub caution: Option<Caution>,
}

/// Reads an amount in mg (decimal comma or point) for today's dose.
pub fn other_amount(
    text: &str,
    decimal: DecimalSeparator,
    days: &[PlanDay],
    bottle: Option<(Concentration, Syringe)>,
    today: Date,
) -> Result<OtherAmount, DiaryProblem> {
    let mg = parse_typed(text, Decimal::new(1, 3), MAX_MARKED_MG, decimal)
        .map(Mg::new)
        .map_err(DiaryProblem::Amount)?;
    let bottle = bottle.ok_or(DiaryProblem::NoBottle)?;
    let caution = match plan_day(days, today).filter(|d| !d.intakes_mg.is_empty()) {
        None => Some(Caution::NoDoseToday),
        Some(day) if mg.value() > day.daily_mg * Decimal::TWO => Some(Caution::AboveDouble {
            planned: Mg::new(day.daily_mg),
        }),
        Some(_) => None,
    };
    // Judged as taken once: the day's total is at least this amount, so
    // the low-dose limits never assume a second intake that did not happen.
    Ok(OtherAmount {
        check: check_dose(bottle.0, mg, bottle.1, 1),
        caution,
    })
}

/// The forms of the diary as typed, and what is shown about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryDraft {
    /// The side-effect form: its date (`YYYY-MM-DD`), effects and note.
    pub date: String,
    pub effects: Vec<SideEffect>,
    pub note: String,
    /// Another amount taken today, in mg, as typed.
    pub amount: String,
    pub effects_problem: Option<DiaryProblem>,
    pub amount_problem: Option<DiaryProblem>,
    /// The day the step-back suggestion was dismissed: not shown again
    /// that day (on this page; a reload shows it again).
    pub dismissed: Option<Date>,
    /// The day the "how I feel" score is for (`YYYY-MM-DD`), and why it
    /// could not be given.
    pub score_date: String,
    pub score_problem: Option<DiaryProblem>,
    /// The prescriber's report's first and last day as typed (empty: the
    /// default period, see `report::period`).
    pub report_from: String,
    pub report_to: String,
    /// The report is open (built and shown only then: it reads the whole
    /// diary).
    pub report_open: bool,
}

impl DiaryDraft {
    pub fn new(today: Date) -> DiaryDraft {
        DiaryDraft {
            date: today.to_string(),
            effects: Vec::new(),
            note: String::new(),
            amount: String::new(),
            effects_problem: None,
            amount_problem: None,
            dismissed: None,
            score_date: today.to_string(),
            score_problem: None,
            report_from: String::new(),
            report_to: String::new(),
            report_open: false,
        }
    }

    /// The day the score form is for, or why it cannot be scored.
    pub fn score_day(&self, today: Date) -> Result<Date, DiaryProblem> {
        let date = Date::parse_iso(self.score_date.trim()).map_err(DiaryProblem::Date)?;
        if date > today {
            return Err(DiaryProblem::Future);
        }
        Ok(date)
    }

    /// The entry the side-effect form makes, or why it cannot.
    pub fn effects_entry(&self, today: Date) -> Result<DiaryEntry, DiaryProblem> {
        let date = Date::parse_iso(self.date.trim()).map_err(DiaryProblem::Date)?;
        if date > today {
            return Err(DiaryProblem::Future);
        }
        let note: String = self
            .note
            .trim()
            .chars()
            .filter(|c| *c == '\n' || !c.is_control())
            .take(MAX_NOTE)
            .collect();
        let mut effects = self.effects.clone();
        small_sort::sort(&mut effects);
        effects.dedup();
        if effects.is_empty() && note.is_empty() {
            return Err(DiaryProblem::NothingNoted);
        }
        if effects.contains(&SideEffect::Other) && note.is_empty() {
            return Err(DiaryProblem::OtherNeedsNote);
        }
        Ok(DiaryEntry {
            date,
            time: None,
            taken: None,
            effects,
            note,
            step_back: None,
            score: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::schedule::{build_plan, Cycle, PlanRequest, Split, Titration, TitrationPreset};
    use ldn_engine::testing::{date, dec};

    /// A plan from 1 March 2026: `days` long, standard titration unless a
    /// flat `mg` is given (then with a 3-on/3-off cycle after 7 days).
    fn plan(days: u32, split: Split, flat_mg: Option<&str>) -> Vec<PlanDay> {
        let titration = match flat_mg {
            Some(mg) => Titration {
                start_mg: dec(mg),
                step_mg: Decimal::ZERO,
                interval_days: 7,
                target_mg: dec(mg),
            },
            None => TitrationPreset::Standard.titration(),
        };
        build_plan(&PlanRequest {
            start: date("2026-03-01"),
            days,
            titration,
            split,
            cycle: flat_mg.map(|_| Cycle::CANCER_PROTOCOL),
            step_backs: vec![],
            allow_above_ldn: false,
            chemo: vec![],
        })
        .unwrap()
    }

    #[test]
    fn a_step_back_note_names_its_last_day() {
        let days = plan(30, Split::OnceDaily, None);
        // A plan without step-backs, or none at all: no note.
        assert_eq!(step_back_until(&days, date("2026-03-05")), None);
        assert_eq!(step_back_until(&[], date("2026-03-05")), None);
        let days_back = build_plan(&PlanRequest {
            start: date("2026-03-01"),
            days: 30,
            titration: TitrationPreset::Standard.titration(),
            split: Split::OnceDaily,
            cycle: None,
            step_backs: vec![StepBack {
                from: date("2026-03-05"),
                days: 3,
            }],
            allow_above_ldn: false,
            chemo: vec![],
        })
        .unwrap();
        for today in ["2026-03-05", "2026-03-06", "2026-03-07"] {
            assert_eq!(
                step_back_until(&days_back, date(today)),
                Some(date("2026-03-07")),
                "{today}"
            );
        }
        for other in ["2026-03-04", "2026-03-08", "2026-02-28", "2026-04-30"] {
            assert_eq!(step_back_until(&days_back, date(other)), None, "{other}");
        }
        // A step-back running past the plan's end ends with the plan.
        let short: Vec<PlanDay> = days_back[..6].to_vec();
        assert_eq!(
            step_back_until(&short, date("2026-03-05")),
            Some(date("2026-03-06"))
        );
    }

    fn effects(d: &str) -> DiaryEntry {
        DiaryEntry {
            date: date(d),
            time: None,
            taken: None,
            effects: vec![SideEffect::Sleep],
            note: String::new(),
            step_back: None,
            score: None,
        }
    }

    fn dose(d: &str, mg: &str) -> DiaryEntry {
        DiaryEntry::dose(
            date(d),
            None,
            Taken {
                dose_mg: Mg::new(dec(mg)),
                draw_ml: Ml::new(dec(mg)),
                as_planned: false,
            },
        )
    }

    fn offer(
        diary: &[DiaryEntry],
        days: &[PlanDay],
        backs: &[StepBack],
        today: &str,
    ) -> Option<String> {
        suggest_step_back(diary, days, backs, date(today))
            .map(|o| format!("{} {} from {}", o.noted[0], o.noted[1], o.from))
    }

    #[test]
    fn side_effects_two_days_running_suggest_a_step_back() {
        let days = plan(30, Split::OnceDaily, None);
        let two = [effects("2026-03-09"), effects("2026-03-10")];
        // The later day today or yesterday: from today (nothing taken yet).
        assert_eq!(
            offer(&two, &days, &[], "2026-03-10").as_deref(),
            Some("2026-03-09 2026-03-10 from 2026-03-10")
        );
        assert_eq!(
            offer(&two, &days, &[], "2026-03-11").as_deref(),
            Some("2026-03-09 2026-03-10 from 2026-03-11")
        );
        // Two days before: no longer what is happening now.
        assert_eq!(offer(&two, &days, &[], "2026-03-12"), None);
        // One day, or two with a gap: no pattern.
        assert_eq!(offer(&two[1..], &days, &[], "2026-03-10"), None);
        let gap = [effects("2026-03-08"), effects("2026-03-10")];
        assert_eq!(offer(&gap, &days, &[], "2026-03-10"), None);
        // A note without side effects is not a side effect.
        let noted = [
            DiaryEntry {
                effects: vec![],
                note: "fine".into(),
                ..effects("2026-03-09")
            },
            effects("2026-03-10"),
        ];
        assert_eq!(offer(&noted, &days, &[], "2026-03-10"), None);
    }

    #[test]
    fn a_dose_taken_today_moves_the_step_back_to_tomorrow() {
        let days = plan(30, Split::OnceDaily, None);
        let mut diary = vec![effects("2026-03-09"), effects("2026-03-10")];
        diary.push(dose("2026-03-10", "1.5"));
        assert_eq!(
            offer(&diary, &days, &[], "2026-03-10").as_deref(),
            Some("2026-03-09 2026-03-10 from 2026-03-11")
        );
        // Twice daily: one intake marked is enough (a day is never half
        // halved).
        let days = plan(30, Split::TwiceDaily, None);
        diary[2] = dose("2026-03-10", "0.75");
        assert_eq!(
            offer(&diary, &days, &[], "2026-03-10").as_deref(),
            Some("2026-03-09 2026-03-10 from 2026-03-11")
        );
    }

    #[test]
    fn no_suggestion_when_the_plan_halves_already_or_has_no_dose() {
        let days = plan(30, Split::OnceDaily, None);
        let diary = [effects("2026-03-09"), effects("2026-03-10")];
        let back = |from: &str, n| StepBack {
            from: date(from),
            days: n,
        };
        // A step-back covering today or tomorrow.
        assert_eq!(
            offer(&diary, &days, &[back("2026-03-09", 2)], "2026-03-10"),
            None
        );
        assert_eq!(
            offer(&diary, &days, &[back("2026-03-11", 3)], "2026-03-10"),
            None
        );
        // One that ended yesterday does not.
        assert!(offer(&diary, &days, &[back("2026-03-07", 3)], "2026-03-10").is_some());
        // Before the plan starts, after it ends.
        let late = plan(5, Split::OnceDaily, None);
        assert_eq!(offer(&diary, &late, &[], "2026-03-10"), None);
        let early = [effects("2026-02-27"), effects("2026-02-28")];
        assert_eq!(offer(&early, &days, &[], "2026-02-28"), None);
        // A 3-on/3-off cycle at 4.5 mg from day 8: 8 to 10 March on, 11 to
        // 13 off, 14 on.
        let cycled = plan(30, Split::OnceDaily, Some("4.5"));
        assert_eq!(cycled[10].intakes_mg, Vec::<Decimal>::new());
        let on_to_off = [effects("2026-03-10"), effects("2026-03-11")];
        assert_eq!(offer(&on_to_off, &cycled, &[], "2026-03-11"), None);
        // The last on day, its dose taken: tomorrow is off, so not then.
        let mut last_on = vec![effects("2026-03-09"), effects("2026-03-10")];
        assert!(offer(&last_on, &cycled, &[], "2026-03-10").is_some());
        last_on.push(dose("2026-03-10", "4.5"));
        assert_eq!(offer(&last_on, &cycled, &[], "2026-03-10"), None);
    }

    #[test]
    fn doses_are_held_against_the_plan_intake_by_intake() {
        // Twice daily, 0.75 mg morning and evening.
        let days = plan(30, Split::TwiceDaily, None);
        let diary = [
            dose("2026-02-28", "1"), // before the plan: not in it
            dose("2026-03-01", "0.75"),
            dose("2026-03-01", "0.750"),
            dose("2026-03-02", "0.5"),
            dose("2026-03-04", "0.75"),
            dose("2026-03-04", "0.75"),
            dose("2026-03-04", "1"),
            dose("2026-03-05", "0.75"),
        ];
        let against = against_plan(
            &diary,
            &days,
            date("2026-03-05"),
            Supplied::from(date("2026-03-01")),
        );
        let view: Vec<(String, Vec<Marked>, Vec<Mg>)> = against
            .iter()
            .map(|d| {
                assert!(d.intakes.iter().all(|(mg, _)| mg.value() == dec("0.75")));
                (
                    d.date.to_string(),
                    d.intakes.iter().map(|(_, m)| *m).collect(),
                    d.extra.clone(),
                )
            })
            .collect();
        use Marked::*;
        let mg = |s: &str| Mg::new(dec(s));
        assert_eq!(
            view,
            vec![
                ("2026-03-01".into(), vec![AsPlanned, AsPlanned], vec![]),
                ("2026-03-02".into(), vec![Other(mg("0.5")), Missed], vec![]),
                ("2026-03-03".into(), vec![Missed, Missed], vec![]),
                (
                    "2026-03-04".into(),
                    vec![AsPlanned, AsPlanned],
                    vec![mg("1")]
                ),
                ("2026-03-05".into(), vec![AsPlanned, NotYet], vec![]),
            ]
        );
        assert_eq!(
            tally(&against),
            Tally {
                as_planned: 5,
                other: 1,
                missed: 3,
                extra: 1
            }
        );
        // An off day of a cycle is listed only when a dose was marked on it.
        let cycled = plan(30, Split::OnceDaily, Some("4.5"));
        let off = against_plan(
            &[dose("2026-03-12", "4.5")],
            &cycled,
            date("2026-03-13"),
            Supplied::from(date("2026-03-01")),
        );
        let marked_off = off.iter().find(|d| d.date == date("2026-03-12")).unwrap();
        assert_eq!((marked_off.intakes.len(), marked_off.extra.len()), (0, 1));
        assert!(!off.iter().any(|d| d.date == date("2026-03-11")));
    }

    #[test]
    fn the_bottle_loses_what_is_marked_taken_since_it_was_prepared() {
        let holds = Ml::new(dec("10"));
        let diary = [
            dose("2026-02-28", "5"), // the bottle before
            dose("2026-03-01", "1.5"),
            dose("2026-03-02", "2.5"),
            effects("2026-03-02"),
            dose("2026-03-04", "3"), // after today
        ];
        let left = bottle_left(holds, date("2026-03-01"), &diary, date("2026-03-03"));
        assert_eq!(
            (left.drawn.value(), left.left.value()),
            (dec("4"), dec("6"))
        );
        assert!(!left.empty_by_now);
        // More marked than it holds: never below zero, and it says so.
        let left = bottle_left(
            Ml::new(dec("3")),
            date("2026-03-01"),
            &diary,
            date("2026-03-03"),
        );
        assert_eq!(left.left, Ml::ZERO);
        assert!(left.empty_by_now);
        // Exactly used up is empty, not over.
        let left = bottle_left(
            Ml::new(dec("4")),
            date("2026-03-01"),
            &diary,
            date("2026-03-03"),
        );
        assert_eq!((left.left, left.empty_by_now), (Ml::ZERO, false));
        // With a plan: the plan's last bottle prepared on or before today.
        let s = crate::state::fixtures::from_link(
            "tablet=50&tablets=1&volume=50&syringe=3&plan=standard&pstart=2026-03-01&pdays=90",
        );
        let plan = s.plan.ok();
        let new: Vec<Date> = plan
            .and_then(|p| p.supply.as_ref())
            .unwrap()
            .days
            .iter()
            .filter(|d| d.new_bottle)
            .map(|d| d.date)
            .collect();
        assert_eq!(new[..2], [date("2026-03-01"), date("2026-03-29")]);
        for (today, in_use) in [
            ("2026-03-28", "2026-03-01"),
            ("2026-03-29", "2026-03-29"),
            ("2026-04-05", "2026-03-29"),
        ] {
            assert_eq!(
                bottle_in_use(plan, date("2026-03-01"), date(today)),
                Some(date(in_use)),
                "{today}"
            );
        }
        // A given recipe's bottle counts from its day, if not after today.
        assert_eq!(
            bottle_in_use(None, date("2026-03-01"), date("2026-03-03")),
            Some(date("2026-03-01"))
        );
        assert_eq!(
            bottle_in_use(None, date("2026-03-04"), date("2026-03-03")),
            None
        );
    }

    #[test]
    fn the_next_intake_due_today() {
        let days = plan(30, Split::TwiceDaily, None);
        let today = date("2026-03-05");
        let due = |diary: &[DiaryEntry]| due_today(&days, diary, today);
        assert_eq!(
            due(&[]),
            Due::Intake {
                mg: Mg::new(dec("0.75")),
                index: 0,
                of: 2
            }
        );
        let one = [dose("2026-03-05", "0.75")];
        assert!(matches!(due(&one), Due::Intake { index: 1, .. }));
        let two = [dose("2026-03-05", "0.75"), dose("2026-03-05", "0.75")];
        assert_eq!(due(&two), Due::AllTaken);
        assert_eq!(due_today(&days, &[], date("2026-04-01")), Due::NoDose);
    }

    /// A dose is checked as one of as many intakes a day as the plan's
    /// dosing days have (the daily total's warnings), a day off too; with
    /// no plan, once.
    #[test]
    fn a_dose_is_checked_as_often_a_day_as_the_plan_takes_it() {
        use ldn_engine::syringe::SyringePreset;
        let bottle = (
            Concentration::new(Mg::new(dec("50")), Ml::new(dec("50"))).unwrap(),
            SyringePreset::Ml3.syringe(),
        );
        let check = |days: &[PlanDay]| intake_check(days, bottle, Mg::new(dec("2.5")));
        let once = plan(30, Split::OnceDaily, None);
        // Twice a day, 7 days on, then 3 on and 3 off: 11 to 13 March off.
        let cycled = plan(30, Split::TwiceDaily, Some("1.5"));
        assert!(cycled
            .iter()
            .any(|d| d.date == date("2026-03-11") && d.intakes_mg.is_empty()));
        assert_eq!(check(&once).per_day, 1);
        assert_eq!(check(&plan(30, Split::TwiceDaily, None)).per_day, 2);
        assert_eq!(check(&cycled).per_day, 2);
        assert_eq!(check(&[]).per_day, 1);
        // Twice 2.5 mg is 5 mg a day, above the LDN range; once is not.
        let warns = |days: &[PlanDay]| {
            check(days)
                .warnings
                .contains(&ldn_engine::warning::Warning::AboveLdnRange)
        };
        assert_eq!((warns(&once), warns(&cycled)), (false, true));
    }

    #[test]
    fn another_amount_is_read_checked_and_cautioned() {
        use ldn_engine::recipe::Recipe;
        use ldn_engine::syringe::SyringePreset;
        let days = plan(30, Split::OnceDaily, None);
        let bottle = (
            Recipe::new(Mg::new(dec("50")), 1, Ml::new(dec("50")))
                .unwrap()
                .concentration(),
            SyringePreset::Ml3.syringe(),
        );
        let today = date("2026-03-02"); // 1.5 mg planned
        let read =
            |text: &str| other_amount(text, DecimalSeparator::Comma, &days, Some(bottle), today);
        let a = read("1,2").unwrap();
        assert_eq!(
            (a.check.dose_mg.value(), a.check.draw_ml.value()),
            (dec("1.2"), dec("1.2"))
        );
        assert_eq!(a.caution, None);
        assert!(taken(&a.check, false).is_some());
        // 3 mg is twice 1.5 mg, not more; 3.1 mg is more.
        assert_eq!(read("3").unwrap().caution, None);
        assert_eq!(
            read("3.1").unwrap().caution,
            Some(Caution::AboveDouble {
                planned: Mg::new(dec("1.5"))
            })
        );
        assert_eq!(
            other_amount(
                "1",
                DecimalSeparator::Comma,
                &days,
                Some(bottle),
                date("2026-04-30")
            )
            .unwrap()
            .caution,
            Some(Caution::NoDoseToday)
        );
        assert_eq!(read(""), Err(DiaryProblem::Amount(NumberError::Empty)));
        assert!(matches!(read("1..5"), Err(DiaryProblem::Amount(_))));
        assert!(matches!(
            read("101"),
            Err(DiaryProblem::Amount(NumberError::AboveMaximum { .. }))
        ));
        assert_eq!(
            other_amount("1", DecimalSeparator::Comma, &days, None, today),
            Err(DiaryProblem::NoBottle)
        );
        // 0.05 mL is below what an oral syringe measures: not marked.
        assert!(taken(&read("0.05").unwrap().check, false).is_none());
        // Twice daily, an amount is judged as taken once: 3 mg is not read
        // as 6 mg a day (above the LDN range).
        let twice = plan(30, Split::TwiceDaily, None);
        let a = other_amount("3", DecimalSeparator::Comma, &twice, Some(bottle), today).unwrap();
        assert_eq!((a.check.per_day, a.check.warnings.len()), (1, 0));
    }

    #[test]
    fn the_side_effect_form_checks_its_date_and_content() {
        let today = date("2026-03-05");
        let mut d = DiaryDraft::new(today);
        assert_eq!(d.effects_entry(today), Err(DiaryProblem::NothingNoted));
        d.effects = vec![SideEffect::Other, SideEffect::Headache, SideEffect::Other];
        d.note = "  \t ".into();
        assert_eq!(d.effects_entry(today), Err(DiaryProblem::OtherNeedsNote));
        d.note = " dizzy\u{7}\nin the morning ".into();
        let e = d.effects_entry(today).unwrap();
        assert_eq!(e.effects, [SideEffect::Headache, SideEffect::Other]);
        assert_eq!(
            (e.note.as_str(), e.date, e.taken),
            ("dizzy\nin the morning", today, None)
        );
        d.date = "2026-03-06".into();
        assert_eq!(d.effects_entry(today), Err(DiaryProblem::Future));
        d.date = "5.3.2026".into();
        assert_eq!(
            d.effects_entry(today),
            Err(DiaryProblem::Date(DateError::Format))
        );
        d.date = "2026-03-04".into();
        assert_eq!(
            d.effects_entry(today).map(|e| e.date),
            Ok(date("2026-03-04"))
        );
    }
}
