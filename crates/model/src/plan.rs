//! The Plan screen's model: validating the plan form, following the bottles
//! through it, totals, and the iCalendar export.

use super::inputs::{Field, Inputs, PlanInputs, PlanScheme};
use super::order::{number_error, FieldError, InputError, RecipeOrder};
use ldn_engine::advisor::{advise, Advice, AdvisorRequest};
use ldn_engine::date::{Date, TimeOfDay};
use ldn_engine::number::{parse_whole, NumberError};
use ldn_engine::quantity::{Mg, Ml};
use ldn_engine::schedule::{
    build_plan, Cycle, DayKind, PlanDay, PlanError, PlanRequest, Split, StepBack, Titration,
    MAX_PLAN_DAYS,
};
use ldn_engine::small_sort;
use ldn_engine::supply_plan::{supply_plan, SupplyPlan};
use ldn_engine::syringe::Syringe;
use ldn_engine::syringe_fit::{fit_syringe, SyringeFit};
use rust_decimal::Decimal;

/// Why the plan form is wrong, beyond single fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanProblem {
    Fields(Vec<FieldError>),
    TargetAboveLdn,
    StartAboveTarget,
}

/// Validates the plan form into a request for the engine.
pub fn plan_request(inputs: &Inputs) -> Result<PlanRequest, PlanProblem> {
    let p = &inputs.plan;
    let mut errors = Vec::new();
    let start = Date::parse_iso(&p.start)
        .map_err(|e| {
            errors.push(FieldError {
                field: Field::PlanStart,
                error: InputError::Date(e),
            })
        })
        .ok();
    let days = parse_whole(&p.days, 1, MAX_PLAN_DAYS)
        .map_err(|e| errors.push(number_error(Field::PlanDays, e)))
        .ok();
    let titration = match p.scheme {
        PlanScheme::Preset(preset) => Some(preset.titration()),
        PlanScheme::Custom => {
            let mg = |text: &str, field: Field, min: Decimal, errors: &mut Vec<FieldError>| {
                inputs
                    .decimal(field, text, min, Decimal::from(50))
                    .map_err(|e| errors.push(number_error(field, e)))
                    .ok()
            };
            let start_mg = mg(
                &p.start_mg,
                Field::PlanDose,
                Decimal::new(1, 3),
                &mut errors,
            );
            let step_mg = mg(&p.step_mg, Field::PlanStep, Decimal::ZERO, &mut errors);
            let target_mg = mg(
                &p.target_mg,
                Field::PlanTarget,
                Decimal::new(1, 3),
                &mut errors,
            );
            let every = parse_whole(&p.every_days, 1, 90)
                .map_err(|e| errors.push(number_error(Field::PlanEvery, e)))
                .ok();
            match (start_mg, step_mg, target_mg, every) {
                (Some(start_mg), Some(step_mg), Some(target_mg), Some(interval_days)) => {
                    Some(Titration {
                        start_mg,
                        step_mg,
                        interval_days,
                        target_mg,
                    })
                }
                _ => None,
            }
        }
    };
    let chemo = if p.cycle {
        chemo_dates(&p.chemo)
            .map_err(|error| {
                errors.push(FieldError {
                    field: Field::PlanChemo,
                    error,
                })
            })
            .ok()
    } else {
        Some(Vec::new())
    };
    let (Some(start), Some(days), Some(titration), Some(chemo)) = (start, days, titration, chemo)
    else {
        return Err(PlanProblem::Fields(errors));
    };
    let request = PlanRequest {
        start,
        days,
        titration,
        split: if p.twice_daily {
            Split::TwiceDaily
        } else {
            Split::OnceDaily
        },
        cycle: p.cycle.then_some(Cycle::CANCER_PROTOCOL),
        step_backs: p
            .step_backs
            .iter()
            .map(|(from, days)| StepBack {
                from: *from,
                days: *days,
            })
            .collect(),
        allow_above_ldn: p.allow_above_ldn,
        chemo,
    };
    Ok(request)
}

/// Most chemotherapy dates a plan takes (a year of weekly treatment fits).
pub const MAX_CHEMO_DATES: usize = 60;

/// Chemotherapy dates as typed: `YYYY-MM-DD`, separated by commas,
/// semicolons or spaces; none is fine. The first date that is not one is
/// the error, as typed.
pub fn chemo_dates(text: &str) -> Result<Vec<Date>, InputError> {
    let items: Vec<&str> = text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|item| !item.is_empty())
        .collect();
    if items.len() > MAX_CHEMO_DATES {
        return Err(InputError::TooManyDates {
            max: MAX_CHEMO_DATES,
        });
    }
    let mut dates = items
        .iter()
        .map(|item| {
            Date::parse_iso(item).map_err(|error| InputError::ListedDate {
                text: (*item).to_string(),
                error,
            })
        })
        .collect::<Result<Vec<Date>, InputError>>()?;
    small_sort::sort(&mut dates);
    dates.dedup();
    Ok(dates)
}

/// The tablets' cost, with its working shown: `tablets` x `per_tablet` =
/// `total`, in whatever currency the price was typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    pub tablets: u32,
    pub per_tablet: Decimal,
    pub total: Decimal,
}

/// A plan, with its bottles when a recipe and a syringe are valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOutcome {
    pub days: Vec<PlanDay>,
    pub supply: Option<SupplyPlan>,
    /// What the tablets cost, when a price was given.
    pub cost: Option<Cost>,
    /// When the calendar export reminds.
    pub reminders: Reminders,
    /// Recipes that suit every dose of this plan (with the recipe's tablet
    /// strength, the chosen syringe and the use-by policy).
    pub advice: Vec<Advice>,
    /// The chemotherapy dates the cycle was aligned to (sorted).
    pub chemo: Vec<Date>,
    /// The preset syringe on which every dose falls on a mark, or why none
    /// does (with a valid recipe and at least one dose).
    pub syringe_fit: Option<SyringeFit>,
}

/// A run of days with the same doses and draws, for the printed calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    pub kind: DayKind,
    pub intakes_mg: Vec<Decimal>,
    pub draws_ml: Vec<Ml>,
}

impl PlanOutcome {
    /// The plan as runs of identical days: what a patient's one-page
    /// calendar lists.
    pub fn periods(&self) -> Vec<Period> {
        let mut out: Vec<Period> = Vec::new();
        for (i, day) in self.days.iter().enumerate() {
            let draws_ml = self.draws_on(i);
            match out.last_mut() {
                Some(p)
                    if p.kind == day.kind
                        && p.intakes_mg == day.intakes_mg
                        && p.draws_ml == draws_ml =>
                {
                    p.to = day.date;
                }
                _ => out.push(Period {
                    from: day.date,
                    to: day.date,
                    kind: day.kind,
                    intakes_mg: day.intakes_mg.clone(),
                    draws_ml,
                }),
            }
        }
        out
    }

    /// The rounded draws of the `i`-th day (empty without a recipe or on an off day).
    pub fn draws_on(&self, i: usize) -> Vec<Ml> {
        self.supply
            .as_ref()
            .and_then(|s| s.days.get(i))
            .map(|d| d.draws.iter().map(|c| c.draw_ml).collect())
            .unwrap_or_default()
    }

    /// Days on which a new bottle is prepared.
    pub fn bottle_days(&self) -> Vec<Date> {
        self.supply.as_ref().map_or_else(Vec::new, |s| {
            s.days
                .iter()
                .filter(|d| d.new_bottle)
                .map(|d| d.date)
                .collect()
        })
    }
}

/// Every distinct intake of a plan, smallest first, and the mean daily amount.
/// The schedule speaks bare mg; they are typed here for the advisor.
fn doses_and_mean(days: &[PlanDay]) -> (Vec<Mg>, Mg) {
    let mut doses: Vec<Mg> = days
        .iter()
        .flat_map(|d| d.intakes_mg.iter().copied().map(Mg::new))
        .collect();
    small_sort::sort(&mut doses);
    doses.dedup();
    let total: Decimal = days.iter().map(|d| d.daily_mg).sum();
    let mean = Mg::new(if days.is_empty() {
        Decimal::ZERO
    } else {
        total / Decimal::from(days.len())
    });
    (doses, mean)
}

/// The plan form, parsed: the engine's request, the price and the reminder
/// times. Every wrong field is reported at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanForm {
    pub request: PlanRequest,
    pub price: Option<Decimal>,
    pub reminders: Reminders,
}

/// Highest price per tablet accepted: far above any real price, and low
/// enough that price x tablets can never overflow.
pub const MAX_PRICE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

pub fn plan_form(inputs: &Inputs) -> Result<PlanForm, PlanProblem> {
    let request = plan_request(inputs);
    let text = inputs.plan.price.trim();
    let price = if text.is_empty() {
        Ok(None)
    } else {
        inputs
            .decimal(Field::Price, text, Decimal::ZERO, MAX_PRICE)
            .map(Some)
            .map_err(|e| vec![number_error(Field::Price, e)])
    };
    let reminders = reminders(&inputs.plan);
    match (request, price, reminders) {
        (Ok(request), Ok(price), Ok(reminders)) => Ok(PlanForm {
            request,
            price,
            reminders,
        }),
        (Err(PlanProblem::Fields(mut errors)), price, reminders) => {
            errors.extend(price.err().into_iter().flatten());
            errors.extend(reminders.err().into_iter().flatten());
            Err(PlanProblem::Fields(errors))
        }
        (Err(problem), _, _) => Err(problem),
        (Ok(_), price, reminders) => Err(PlanProblem::Fields(
            price
                .err()
                .into_iter()
                .flatten()
                .chain(reminders.err().into_iter().flatten())
                .collect(),
        )),
    }
}

pub fn plan_outcome(
    form: &PlanForm,
    recipe: Option<&RecipeOrder>,
    syringe: Option<Syringe>,
) -> Result<PlanOutcome, PlanProblem> {
    let days = build_plan(&form.request).map_err(|e| match e {
        PlanError::TargetAboveLdn => PlanProblem::TargetAboveLdn,
        PlanError::StartAboveTarget => PlanProblem::StartAboveTarget,
        PlanError::StartDose(e) => PlanProblem::Fields(vec![number_error(Field::PlanDose, e)]),
        PlanError::Step(e) => PlanProblem::Fields(vec![number_error(Field::PlanStep, e)]),
        PlanError::Interval(e) => PlanProblem::Fields(vec![number_error(Field::PlanEvery, e)]),
        PlanError::Target(e) => PlanProblem::Fields(vec![number_error(Field::PlanTarget, e)]),
        PlanError::Length(e) => PlanProblem::Fields(vec![number_error(Field::PlanDays, e)]),
        PlanError::StepBackDays => PlanProblem::Fields(vec![]),
    })?;
    let supply = match (recipe, syringe) {
        (Some(r), Some(s)) => Some(supply_plan(&days, &r.recipe, s, r.policy, r.prepared)),
        _ => None,
    };
    let (doses_mg, daily_mg) = doses_and_mean(&days);
    let advice = match (recipe, syringe) {
        (Some(r), Some(syringe)) => advise(&AdvisorRequest {
            doses_mg: doses_mg.clone(),
            daily_mg,
            tablet_mg: r.recipe.tablet_mg(),
            syringe,
            policy: r.policy,
        }),
        _ => Vec::new(),
    };
    let syringe_fit = recipe.and_then(|r| fit_syringe(r.recipe.concentration(), &doses_mg));
    let cost = match (form.price, supply.as_ref()) {
        (Some(price), Some(s)) => Some(
            price
                .checked_mul(Decimal::from(s.tablets))
                .map(|total| Cost {
                    tablets: s.tablets,
                    per_tablet: price,
                    total,
                })
                .ok_or_else(|| {
                    PlanProblem::Fields(vec![number_error(
                        Field::Price,
                        NumberError::AboveMaximum { max: MAX_PRICE },
                    )])
                })?,
        ),
        _ => None,
    };
    Ok(PlanOutcome {
        days,
        supply,
        cost,
        advice,
        reminders: form.reminders,
        chemo: {
            let mut chemo = form.request.chemo.clone();
            small_sort::sort(&mut chemo);
            chemo.dedup();
            chemo
        },
        syringe_fit,
    })
}

/// Longest lead time for the next bottle's reminder, in days.
pub const MAX_LEAD_DAYS: u32 = 14;

/// The calendar export's reminder times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reminders {
    /// The dose, or the evening dose when twice daily.
    pub dose: TimeOfDay,
    /// The morning dose when twice daily.
    pub morning: TimeOfDay,
    /// Days before a bottle's last day to remind about the next one (0 to
    /// `MAX_LEAD_DAYS`).
    pub lead_days: u32,
}

fn reminders(plan: &PlanInputs) -> Result<Reminders, Vec<FieldError>> {
    let time = |text: &str, field: Field| {
        TimeOfDay::parse(text).map_err(|_| FieldError {
            field,
            error: InputError::Time,
        })
    };
    let dose = time(&plan.reminder, Field::PlanTime);
    // The morning field shows (and counts) only for twice-daily plans.
    let morning = if plan.twice_daily {
        time(&plan.morning_reminder, Field::PlanMorning)
    } else {
        dose.clone()
    };
    let lead_days = parse_whole(&plan.lead_days, 0, MAX_LEAD_DAYS)
        .map_err(|e| number_error(Field::PlanLead, e));
    match (dose, morning, lead_days) {
        (Ok(dose), Ok(morning), Ok(lead_days)) => Ok(Reminders {
            dose,
            morning,
            lead_days,
        }),
        (dose, morning, lead) => Err(dose
            .err()
            .into_iter()
            .chain(morning.err())
            .chain(lead.err())
            .collect()),
    }
}

/// One calendar entry: a day's doses in words (already translated), or a
/// bottle's last day, or the reminder to get the next bottle.
pub struct IcsEntry {
    pub date: Date,
    /// Tells apart the events of one day in their UIDs: `dose`,
    /// `last-day`, `next-bottle`.
    pub kind: &'static str,
    pub summary: String,
    pub description: String,
    /// A reminder per intake: when, and what it says.
    pub alarms: Vec<(TimeOfDay, String)>,
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, as RFC 5545 asks.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

/// An iCalendar file with one all-day event per dosing day and a reminder
/// for each intake, at its time of day.
pub fn ics(entries: &[IcsEntry], stamp: Date) -> String {
    let compact = |d: Date| d.to_string().replace('-', "");
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//ldn-calc//LDN plan//EN",
        "CALSCALE:GREGORIAN",
    ] {
        out.push_str(&fold(line));
    }
    for entry in entries {
        let day = compact(entry.date);
        let next = compact(entry.date.add_days(1));
        let mut lines = vec![
            "BEGIN:VEVENT".to_string(),
            format!("UID:ldn-{day}-{}@ldn-calc.local", entry.kind),
            format!("DTSTAMP:{}T000000Z", compact(stamp)),
            format!("DTSTART;VALUE=DATE:{day}"),
            format!("DTEND;VALUE=DATE:{next}"),
            format!("SUMMARY:{}", escape(&entry.summary)),
            format!("DESCRIPTION:{}", escape(&entry.description)),
        ];
        for (at, text) in &entry.alarms {
            // Relative to the all-day event's start: midnight, local time.
            lines.extend([
                "BEGIN:VALARM".to_string(),
                "ACTION:DISPLAY".to_string(),
                format!("DESCRIPTION:{}", escape(text)),
                format!("TRIGGER;RELATED=START:PT{}H{}M", at.hour(), at.minute()),
                "END:VALARM".to_string(),
            ]);
        }
        lines.push("END:VEVENT".to_string());
        for line in lines {
            out.push_str(&fold(&line));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::recipe_order;
    use ldn_engine::testing::dec;

    fn inputs() -> Inputs {
        Inputs::new("2026-03-01")
    }

    fn outcome(
        i: &Inputs,
        recipe: Option<&RecipeOrder>,
        syringe: Option<Syringe>,
    ) -> Result<PlanOutcome, PlanProblem> {
        plan_form(i).and_then(|f| plan_outcome(&f, recipe, syringe))
    }

    #[test]
    fn a_huge_price_is_an_error_not_an_overflow() {
        // A price is bounded, and the total is checked arithmetic: no input can
        // overflow it (24 nines x 36,600 tablets would come near the limit).
        let mut i = inputs();
        i.plan.price = "999999999999999999999999".into();
        let Err(PlanProblem::Fields(errors)) = with_recipe(&i) else {
            panic!("accepted")
        };
        assert_eq!(errors[0].field, Field::Price);
        i.plan.price = "1000000".into();
        let cost = with_recipe(&i).unwrap().cost.unwrap();
        assert_eq!(cost.total, dec("1000000") * Decimal::from(cost.tablets));
    }

    fn with_recipe(i: &Inputs) -> Result<PlanOutcome, PlanProblem> {
        let recipe = recipe_order(i).unwrap();
        let syringe = ldn_engine::syringe::SyringePreset::Ml5.syringe();
        outcome(i, Some(&recipe), Some(syringe))
    }

    /// The plan with the inputs' recipe, drawn with a 5 mL syringe.
    fn with_5_ml_syringe(i: &Inputs) -> PlanOutcome {
        let recipe = recipe_order(i).unwrap();
        outcome(
            i,
            Some(&recipe),
            Some(ldn_engine::syringe::SyringePreset::Ml5.syringe()),
        )
        .unwrap()
    }

    #[test]
    fn default_plan_with_bottles_and_cost() {
        let mut i = inputs();
        i.plan.price = "2,5".into();
        let out = with_5_ml_syringe(&i);
        assert_eq!(out.days.len(), 90);
        let supply = out.supply.unwrap();
        let cost = out.cost.unwrap();
        assert_eq!(
            (cost.tablets, cost.per_tablet),
            (supply.tablets, dec("2.5"))
        );
        assert_eq!(cost.total, dec("2.5") * Decimal::from(supply.tablets));
        assert!(supply.days[0].new_bottle);
    }

    #[test]
    fn periods_and_advice_for_the_standard_plan() {
        let mut i = inputs();
        i.plan.days = "100".into();
        let out = with_5_ml_syringe(&i);
        // 1.5, 2, 2.5, 3, 3.5, 4 mg for 14 days each, then 4.5 mg from day 85.
        let periods = out.periods();
        let from_to: Vec<_> = periods
            .iter()
            .map(|p| (p.from.to_string(), p.to.to_string()))
            .collect();
        assert_eq!(
            from_to.first(),
            Some(&("2026-03-01".to_string(), "2026-03-14".to_string()))
        );
        assert_eq!(
            from_to.last(),
            Some(&("2026-05-24".to_string(), "2026-06-08".to_string()))
        );
        assert_eq!(periods.len(), 7);
        // On a 5 mL syringe (0.2 mL marks) the plan's doses all land on marks
        // with the advisor's first recipe.
        assert!(out.advice[0].all_on_marks, "{:?}", out.advice[0]);
        assert_eq!(out.bottle_days()[0].to_string(), "2026-03-01");
        // 1.5 to 4.5 mg at 1 mg/mL: no preset has a mark for every dose.
        assert!(matches!(
            out.syringe_fit,
            Some(SyringeFit::NoneOnMarks {
                closest: Some(ldn_engine::syringe::SyringePreset::Ml5),
                ..
            })
        ));
    }

    /// Two steps whose doses round to one draw stay two periods (the
    /// calendar says the dose changed); each period gives its draws; the
    /// advisor is asked about the mean daily dose.
    #[test]
    fn periods_keep_doses_apart_that_draw_alike() {
        let mut i = inputs();
        i.plan.scheme = PlanScheme::Custom;
        i.plan.start_mg = "1".into();
        i.plan.step_mg = "0.05".into();
        i.plan.every_days = "7".into();
        i.plan.target_mg = "1.1".into();
        i.plan.days = "21".into();
        let recipe = recipe_order(&i).unwrap();
        // 0.2 mL marks at 1 mg/mL: 1 and 1.05 mg are both drawn as 1 mL.
        let ten = ldn_engine::syringe::SyringePreset::Ml10.syringe();
        let out = outcome(&i, Some(&recipe), Some(ten)).unwrap();
        let periods: Vec<_> = out
            .periods()
            .iter()
            .map(|p| (p.intakes_mg.clone(), p.draws_ml.clone()))
            .collect();
        let ml = |t: &str| Ml::new(dec(t));
        assert_eq!(periods.len(), 3, "{periods:?}");
        assert_eq!(periods[0], (vec![dec("1")], vec![ml("1")]));
        assert_eq!(periods[1], (vec![dec("1.05")], vec![ml("1")]));
        assert_eq!(out.draws_on(0), [ml("1")]);
        // Without a recipe: no draws.
        assert!(outcome(&i, None, None).unwrap().draws_on(0).is_empty());
        // The mean daily dose of 7 days each of 1, 1.05 and 1.1 mg.
        let (doses, mean) = doses_and_mean(&out.days);
        assert_eq!(doses.len(), 3);
        assert_eq!(mean, Mg::new(dec("1.05")));
        assert_eq!(doses_and_mean(&[]).1, Mg::ZERO);
        // 7 days of 1 mg and 7 of 1.05 mg: 1.025 mg a day.
        assert_eq!(doses_and_mean(&out.days[..14]).1, Mg::new(dec("1.025")));
    }

    /// The journey review's plan that starts after the bottle is prepared
    /// (prepared 1 March, last day 30 March; plan from 14 March): the next
    /// bottle is due on 31 March, not 30 days after the plan's start.
    #[test]
    fn a_plan_starting_after_the_bottle_follows_the_bottle() {
        let mut i = inputs();
        i.plan.start = "2026-03-14".into();
        i.plan.days = "60".into();
        let out = with_5_ml_syringe(&i);
        let first = out.bottle_days();
        assert_eq!(
            first.first().map(|d| d.to_string()).as_deref(),
            Some("2026-03-31")
        );
        let s = out.supply.as_ref().unwrap();
        assert_eq!((s.days[0].bottle, s.days[0].bottle_days_left), (1, 17));
    }

    #[test]
    fn at_most_60_chemotherapy_dates() {
        let dates = |n: i32| {
            (0..n)
                .map(|k| {
                    Date::parse_iso("2026-03-01")
                        .unwrap()
                        .add_days(k)
                        .to_string()
                })
                .collect::<Vec<_>>()
                .join(",")
        };
        assert_eq!(chemo_dates(&dates(60)).map(|d| d.len()), Ok(60));
        assert_eq!(
            chemo_dates(&dates(61)),
            Err(InputError::TooManyDates { max: 60 })
        );
    }

    /// A line of 75 octets is not folded; one of 76 is.
    #[test]
    fn folding_at_75_octets() {
        let exactly = "X".repeat(75);
        assert_eq!(fold(&exactly), format!("{exactly}\r\n"));
        let over = "X".repeat(76);
        assert_eq!(fold(&over), format!("{}\r\n X\r\n", "X".repeat(75)));
    }

    #[test]
    fn chemotherapy_dates_are_read_and_bad_ones_named() {
        assert_eq!(chemo_dates("  "), Ok(vec![]));
        let d = |s: &str| Date::parse_iso(s).unwrap();
        // Commas, semicolons and spaces; sorted, repeats once.
        assert_eq!(
            chemo_dates("2026-12-19, 2026-12-01;2026-12-19\n2027-01-02"),
            Ok(vec![d("2026-12-01"), d("2026-12-19"), d("2027-01-02")])
        );
        assert_eq!(
            chemo_dates("2026-12-01, 1.12.2026"),
            Err(InputError::ListedDate {
                text: "1.12.2026".into(),
                error: ldn_engine::date::DateError::Format
            })
        );
        assert!(matches!(
            chemo_dates("2026-02-30"),
            Err(InputError::ListedDate { .. })
        ));
        let many = vec!["2026-12-01"; MAX_CHEMO_DATES + 1].join(" ");
        assert_eq!(
            chemo_dates(&many),
            Err(InputError::TooManyDates {
                max: MAX_CHEMO_DATES
            })
        );
        // Read only while the cycle is on: a bad date blocks only then.
        let mut i = inputs();
        i.plan.chemo = "2026-13-01".into();
        assert!(plan_request(&i).is_ok());
        i.plan.cycle = true;
        let Err(PlanProblem::Fields(errors)) = plan_request(&i) else {
            panic!("bad date accepted")
        };
        assert_eq!(errors[0].field, Field::PlanChemo);
        i.plan.chemo = "2026-12-01 2026-12-19".into();
        assert_eq!(
            plan_request(&i).unwrap().chemo,
            vec![d("2026-12-01"), d("2026-12-19")]
        );
    }

    #[test]
    fn custom_scheme_errors_name_their_fields() {
        let mut i = inputs();
        i.plan.scheme = PlanScheme::Custom;
        i.plan.step_mg = "x".into();
        i.plan.every_days = "0".into();
        match plan_request(&i) {
            Err(PlanProblem::Fields(errors)) => {
                let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
                assert_eq!(fields, vec![Field::PlanStep, Field::PlanEvery]);
            }
            other => panic!("{other:?}"),
        }
        i.plan.step_mg = "0.5".into();
        i.plan.every_days = "7".into();
        i.plan.target_mg = "6".into();
        assert_eq!(outcome(&i, None, None), Err(PlanProblem::TargetAboveLdn));
        i.plan.allow_above_ldn = true;
        assert!(outcome(&i, None, None).is_ok());
    }

    #[test]
    fn ics_lines_are_folded_and_escaped() {
        let entries = vec![IcsEntry {
            date: Date::parse_iso("2026-03-01").unwrap(),
            kind: "dose",
            summary: "LDN: 1,5 mg = draw 1,5 mL".into(),
            description: "A very long description that goes on and on, well past the seventy-five octet limit; with semicolons".into(),
            alarms: vec![
                (TimeOfDay::parse("07:30").unwrap(), "morning".into()),
                (TimeOfDay::parse("21:05").unwrap(), "evening".into()),
            ],
        }];
        let text = ics(&entries, Date::parse_iso("2026-02-28").unwrap());
        assert!(text.contains("SUMMARY:LDN: 1\\,5 mg = draw 1\\,5 mL\r\n"));
        assert!(text.lines().all(|l| l.len() <= 75));
        assert!(text.contains("DTSTART;VALUE=DATE:20260301\r\n"));
        assert!(text.contains("UID:ldn-20260301-dose@ldn-calc.local\r\n"));
        assert!(text.contains("TRIGGER;RELATED=START:PT7H30M\r\n"));
        assert!(text.contains("DESCRIPTION:evening\r\nTRIGGER;RELATED=START:PT21H5M\r\n"));
    }

    #[test]
    fn reminders_default_to_bedtime_and_are_checked() {
        let mut i = inputs();
        let out = with_5_ml_syringe(&i);
        assert_eq!(out.reminders.dose.to_string(), "21:00");
        // A bad morning time counts only for twice-daily plans.
        i.plan.morning_reminder = "8".into();
        assert!(outcome(&i, None, None).is_ok());
        i.plan.twice_daily = true;
        i.plan.reminder = "25:00".into();
        let Err(PlanProblem::Fields(errors)) = outcome(&i, None, None) else {
            panic!("bad times accepted")
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::PlanTime, Field::PlanMorning]);
        i.plan.reminder = "22.15".into();
        i.plan.morning_reminder = "7:30".into();
        let r = outcome(&i, None, None).unwrap().reminders;
        assert_eq!(
            (r.morning.to_string(), r.dose.to_string()),
            ("07:30".into(), "22:15".into())
        );
    }
}
