//! The dose diary, ready to render: today's dose and the one tap that marks
//! it, another amount, the side-effect form, the step-back suggestion, the
//! entries, doses taken against the plan and what is left in the bottle.
//! Built from the state alone, so any page can show it (the Plan screen
//! today). A dose to draw is stated only through `DoseLine`; an entry
//! states what was marked (the dose and the volume drawn for it).

use super::draw::{plan_line, DoseLine};
use super::form::{Checkbox, Entry, InlineError, TextBox};
use super::patient::step_back_note;
use super::safety::{point, PointView, Source};
use super::text::{error_text, qty_mg, qty_ml};
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::date::Date;
use ldn_engine::dose::DoseCheck;
use ldn_engine::quantity::Mg;
use ldn_engine::warning::Warning;
use ldn_model::diary::{
    against_plan, bottle_in_use, bottle_left, due_today, intake_check, other_amount, score_on,
    step_back_until, tally, Caution, DayAgainstPlan, DiaryEntry, DiaryProblem, Due, Marked,
    SideEffect, MAX_NOTE, MAX_SCORE, STEP_BACK_DAYS, STEP_BACK_LONGER,
};
use ldn_model::order::InputError;
use ldn_model::plan::PlanOutcome;
use ldn_model::state::{Action, Screen, State, TextField, Timed};

/// A button: its words and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub label: &'static str,
    pub action: Action,
}

/// Today's dose and the one tap (`data-testid="diary-take"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayView {
    /// "Today's dose: 1.5 mg: draw 1.5 mL, which gives 1.5 mg", or why
    /// there is nothing to mark.
    pub text: String,
    /// The dose's warnings in words (`data-warning`).
    pub line: Option<DoseLine>,
    /// The button, when a dose is due and the syringe measures it; the
    /// page sends it with the time of day.
    pub take: Option<(&'static str, Timed)>,
    /// On a step-back day: the dose above is already halved
    /// (`data-testid="diary-step-back"`). Not on the patient page, which
    /// says it under its own today's dose.
    pub step_back: Option<String>,
}

/// Another amount taken today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherView {
    pub field: TextBox,
    /// How the typed amount is drawn, in words, with its warnings.
    pub line: Option<(String, DoseLine)>,
    /// Far from the plan: said before it is marked.
    pub caution: Option<String>,
    pub save: (&'static str, Timed),
}

/// The side-effect form (`data-testid="diary-effects"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectsView {
    pub legend: &'static str,
    pub date: TextBox,
    pub effects: Vec<Checkbox>,
    /// Rendered as a text area of at most `note_max` characters.
    pub note: TextBox,
    pub note_max: usize,
    /// What is wrong with the effects or the note (not the date).
    pub error: Option<InlineError>,
    pub save: Button,
}

/// The step-back offer (`data-testid="diary-suggestion"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestionView {
    pub heading: &'static str,
    pub noted: String,
    /// What the source advises, and who.
    pub advice: PointView,
    pub from: String,
    /// What each halved dose would be, with its draw and warnings
    /// (`diary-halved`), and, where the syringe cannot measure it well, to
    /// ask the pharmacy first (`data-ask-first`).
    pub halved: Option<(String, bool)>,
    /// Halve for 2 days (`diary-accept-step-back`), or 3.
    pub accept: Button,
    pub longer: Button,
    pub dismiss: Button,
    pub tell_doctor: &'static str,
}

/// How I feel (`data-testid="diary-score"`): what is scored, the day, a
/// button per score 0 to 10 (one tap saves it), the day's score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreView {
    pub legend: &'static str,
    pub hint: &'static str,
    pub condition: TextBox,
    pub date: TextBox,
    /// The buttons' group name (the day and the scale).
    pub group: String,
    /// Each score, its action, and whether it is the day's (`aria-pressed`).
    pub buttons: Vec<(u8, Action, bool)>,
    /// Under the buttons' ends: `0 = worst`, `10 = best`.
    pub scale: (String, String),
    /// The day's score in words, or that it has none.
    pub given: String,
    pub clear: Option<Button>,
}

/// One entry (`data-testid="diary-entry"`, `data-date`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryView {
    pub date_iso: String,
    pub when: String,
    pub lines: Vec<String>,
    pub delete: Button,
    /// The delete button's accessible name: which entry.
    pub delete_name: String,
}

/// One planned day against what was marked (`data-status`: `as-planned`,
/// `other`, `missed`, `not-yet`, `extra`, the day's most notable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgainstRow {
    pub date_iso: String,
    pub date: String,
    pub planned: String,
    /// What is marked: a line per intake, then any extra dose.
    pub marked: Vec<String>,
    pub status: &'static str,
}

/// `data-testid="diary-taken-vs-plan"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgainstView {
    pub heading: &'static str,
    pub summary: String,
    /// Date, planned, marked.
    pub columns: [&'static str; 3],
    pub rows: Vec<AgainstRow>,
}

/// `data-testid="diary-ml-left"`: `data-empty="true"` when more was marked
/// taken than the bottle holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MlLeftView {
    pub text: String,
    pub empty_by_now: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryView {
    pub heading: &'static str,
    pub intro: &'static str,
    pub today: TodayView,
    pub other: OtherView,
    pub suggestion: Option<SuggestionView>,
    pub ml_left: Option<MlLeftView>,
    pub effects: EffectsView,
    pub score: ScoreView,
    pub entries_heading: &'static str,
    pub entries: Vec<EntryView>,
    pub no_entries: &'static str,
    /// None without a current plan.
    pub against: Option<AgainstView>,
    /// The export button (`diary-csv`), when there is something to export.
    pub csv: Option<&'static str>,
    /// The report for the prescriber, with a current plan.
    pub report: Option<super::report::ReportView>,
}

const EFFECTS: [(SideEffect, Msg); 5] = [
    (SideEffect::Sleep, Msg::DiaryEffectSleep),
    (SideEffect::Dreams, Msg::DiaryEffectDreams),
    (SideEffect::Headache, Msg::DiaryEffectHeadache),
    (SideEffect::Nausea, Msg::DiaryEffectNausea),
    (SideEffect::Other, Msg::DiaryEffectOther),
];

pub(crate) fn effect_name(lang: Lang, effect: SideEffect) -> &'static str {
    EFFECTS
        .iter()
        .find(|(e, _)| *e == effect)
        .map_or("", |(_, m)| lang.t(*m))
}

/// A diary problem in words.
fn problem_text(lang: Lang, p: &DiaryProblem) -> String {
    match p {
        DiaryProblem::Date(e) => error_text(lang, &InputError::Date(e.clone())),
        DiaryProblem::Amount(e) => error_text(lang, &InputError::Number(e.clone())),
        DiaryProblem::Future => lang.t(Msg::DiaryErrFuture).into(),
        DiaryProblem::NothingNoted => lang.t(Msg::DiaryErrNothing).into(),
        DiaryProblem::OtherNeedsNote => lang.t(Msg::DiaryErrOther).into(),
        DiaryProblem::NotMeasurable => lang.t(Msg::DiaryCannotMark).into(),
        DiaryProblem::NoBottle => lang.t(Msg::DiaryNeedsBottle).into(),
        DiaryProblem::DoNotUse => lang.t(Msg::PatientDoNotUse).into(),
        DiaryProblem::Full => lang.t(Msg::DiaryFull).into(),
    }
}

fn text_box(id: &'static str, label: &str, value: &str, entry: Entry, sends: TextField) -> TextBox {
    TextBox {
        id,
        label: label.to_string(),
        value: value.to_string(),
        entry,
        error: None,
        sends,
    }
}

fn error(param: &'static str, text: String) -> Option<InlineError> {
    Some(InlineError { param, text })
}

/// A dose as the page says it (on the patient's page in the patient's
/// words: ask the pharmacy; on the Plan screen, as its table says).
fn line_for(s: &State, check: &DoseCheck) -> DoseLine {
    plan_line(s.lang, check, s.screen == Screen::Patient)
}

fn today_view(s: &State, plan: Option<&PlanOutcome>) -> TodayView {
    let lang = s.lang;
    let nothing = |m: Msg| TodayView {
        text: lang.t(m).to_string(),
        line: None,
        take: None,
        step_back: None,
    };
    let Some(plan) = plan else {
        return nothing(Msg::DiaryNeedsBottle);
    };
    // The patient's bottle gives no dose today: nothing to mark from it.
    if s.patient_hold().is_some() {
        return nothing(Msg::PatientDoNotUse);
    }
    let (mg, index, of) = match due_today(&plan.days, &s.doc.diary, s.today) {
        Due::NoDose => return nothing(Msg::DiaryNoDoseToday),
        Due::AllTaken => return nothing(Msg::DiaryAllTaken),
        Due::Intake { mg, index, of } => (mg, index, of),
    };
    let Some(bottle) = s.plan_bottle() else {
        return nothing(Msg::DiaryNeedsBottle);
    };
    let check = intake_check(&plan.days, bottle, mg);
    let line = line_for(s, &check);
    let dose = &line.sentence(lang);
    let text = match (of, index) {
        (2, 0) => lang.f(msg::DiaryTodayMorning { dose }),
        (2, _) => lang.f(msg::DiaryTodayEvening { dose }),
        _ => lang.f(msg::DiaryTodayDose { dose }),
    };
    let take = line
        .is_measured()
        .then(|| (lang.t(Msg::DiaryTake), Timed::Take));
    let step_back = step_back_until(&plan.days, s.today);
    TodayView {
        text,
        line: Some(line),
        take,
        step_back: step_back
            .filter(|_| s.screen != Screen::Patient)
            .map(|until| step_back_note(lang, until)),
    }
}

fn other_view(s: &State, plan: Option<&PlanOutcome>) -> OtherView {
    let lang = s.lang;
    let d = &s.diary;
    let mut field = text_box(
        "diary-amount",
        lang.t(Msg::DiaryAmountField),
        &d.amount,
        Entry::Decimal,
        TextField::DiaryAmount,
    );
    let mut line = None;
    let mut caution = None;
    // Checked as typed once there is something to check; an empty field
    // shows the last attempt's problem (if it was empty or the diary full).
    let checked = if d.amount.trim().is_empty() {
        d.amount_problem.clone().map(Err)
    } else if s.patient_hold().is_some() {
        Some(Err(DiaryProblem::DoNotUse))
    } else {
        let days = plan.map_or(&[][..], |p| p.days.as_slice());
        Some(other_amount(
            &d.amount,
            s.lang.separator(),
            days,
            s.plan_bottle(),
            s.today,
        ))
    };
    match checked {
        Some(Ok(a)) => {
            let l = line_for(s, &a.check);
            if l.is_measured() {
                caution = a.caution.map(|c| match c {
                    Caution::AboveDouble { planned } => lang.f(msg::DiaryAboveDouble {
                        amount: &qty_mg(lang, a.check.dose_mg),
                        planned: &qty_mg(lang, planned),
                    }),
                    Caution::NoDoseToday => lang.t(Msg::DiaryNoPlannedDose).to_string(),
                });
                line = Some((l.sentence(lang), l));
            } else {
                // Not a draw: what to do instead, as the error.
                field.error = error(
                    "diary-amount",
                    format!("{} {}", lang.t(Msg::DiaryCannotMark), l.sentence(lang)),
                );
            }
        }
        Some(Err(p)) => field.error = error("diary-amount", problem_text(lang, &p)),
        None => {}
    }
    let save = if caution.is_some() {
        Msg::DiaryAmountSaveAnyway
    } else {
        Msg::DiaryAmountSave
    };
    OtherView {
        field,
        line,
        caution,
        save: (lang.t(save), Timed::TakeOther),
    }
}

fn effects_view(s: &State) -> EffectsView {
    let lang = s.lang;
    let d = &s.diary;
    let mut date = text_box(
        "diary-date",
        lang.t(Msg::DiaryEffectsDate),
        &d.date,
        Entry::Date,
        TextField::DiaryDate,
    );
    let note = text_box(
        "diary-note",
        lang.t(Msg::DiaryNoteField),
        &d.note,
        Entry::Text,
        TextField::DiaryNote,
    );
    let mut problem = None;
    match &d.effects_problem {
        Some(p @ (DiaryProblem::Date(_) | DiaryProblem::Future)) => {
            date.error = error("diary-date", problem_text(lang, p));
        }
        Some(p) => problem = error("diary-effects", problem_text(lang, p)),
        None => {}
    }
    let ids = [
        "diary-sleep",
        "diary-dreams",
        "diary-headache",
        "diary-nausea",
        "diary-other",
    ];
    EffectsView {
        legend: lang.t(Msg::DiaryEffectsHeading),
        date,
        effects: EFFECTS
            .iter()
            .zip(ids)
            .map(|((effect, m), id)| Checkbox {
                id,
                label: lang.t(*m).to_string(),
                checked: d.effects.contains(effect),
                on: Action::DiaryEffect(*effect, true),
                off: Action::DiaryEffect(*effect, false),
            })
            .collect(),
        note,
        note_max: MAX_NOTE,
        error: problem,
        save: Button {
            label: lang.t(Msg::DiarySaveEffects),
            action: Action::DiarySaveEffects,
        },
    }
}

fn suggestion(s: &State) -> Option<SuggestionView> {
    let lang = s.lang;
    let offer = s.diary_offer()?;
    let from = if offer.from == s.today {
        lang.t(Msg::DiaryFromToday).to_string()
    } else {
        lang.t(Msg::DiaryFromTomorrow).to_string()
    };
    let halved = s
        .step_back_preview(offer.from, STEP_BACK_DAYS)
        .and_then(|checks| checks.into_iter().next())
        .map(|check| {
            let line = line_for(s, &check);
            let mut text = lang.f(msg::DiarySuggestHalved {
                dose: &line.with_warnings(lang),
            });
            let ask_first =
                !check.drawable() || check.warnings.contains(&Warning::RoundingDeviation);
            if ask_first {
                text.push(' ');
                text.push_str(lang.t(Msg::DiarySuggestAskFirst));
            }
            (text, ask_first)
        });
    Some(SuggestionView {
        heading: lang.t(Msg::DiarySuggestHeading),
        halved,
        noted: lang.f(msg::DiarySuggestNoted {
            first: &lang.date(offer.noted[0]),
            second: &lang.date(offer.noted[1]),
        }),
        advice: point(lang, Msg::DiarySuggestAdvice, Source::LdnResearchTrust),
        from: lang.f(msg::DiarySuggestFrom {
            when: &from,
            date: &lang.date(offer.from),
        }),
        accept: Button {
            label: lang.t(Msg::DiaryAccept2),
            action: Action::DiaryStepBack(offer.from, STEP_BACK_DAYS),
        },
        longer: Button {
            label: lang.t(Msg::DiaryAccept3),
            action: Action::DiaryStepBack(offer.from, STEP_BACK_LONGER),
        },
        dismiss: Button {
            label: lang.t(Msg::DiaryDismiss),
            action: Action::DiaryDismiss,
        },
        tell_doctor: lang.t(Msg::DiaryTellDoctor),
    })
}

fn when(lang: Lang, e: &DiaryEntry) -> String {
    match e.time {
        Some(t) => format!("{} {t}", lang.date(e.date)),
        None => lang.date(e.date),
    }
}

fn score_view(s: &State) -> ScoreView {
    let lang = s.lang;
    let d = &s.diary;
    let condition = text_box(
        "diary-condition",
        lang.t(Msg::DiaryConditionField),
        &s.doc.condition,
        Entry::Text,
        TextField::DiaryCondition,
    );
    let mut date = text_box(
        "diary-score-date",
        lang.t(Msg::DiaryScoreDate),
        &d.score_date,
        Entry::Date,
        TextField::DiaryScoreDate,
    );
    let day = d.score_day(s.today);
    let problem = d.score_problem.as_ref().or(day.as_ref().err());
    date.error = problem.and_then(|p| error("diary-score-date", problem_text(lang, p)));
    let given = day.ok().map(|day| (day, score_on(&s.doc.diary, day)));
    // The day in words whenever it is a date (a future one too).
    let day_words = Date::parse_iso(d.score_date.trim())
        .map_or_else(|_| d.score_date.clone(), |day| lang.date(day));
    ScoreView {
        legend: lang.t(Msg::DiaryScoreHeading),
        hint: lang.t(Msg::DiaryScoreHint),
        condition,
        date,
        group: lang.f(msg::DiaryScoreGroup { date: &day_words }),
        buttons: (0..=MAX_SCORE)
            .map(|n| {
                let pressed = given.is_some_and(|(_, g)| g == Some(n));
                (n, Action::DiaryScore(Some(n)), pressed)
            })
            .collect(),
        scale: (
            format!("0 = {}", lang.t(Msg::DiaryScoreWorst)),
            format!("{MAX_SCORE} = {}", lang.t(Msg::DiaryScoreBest)),
        ),
        given: match given {
            Some((_, Some(n))) => lang.f(msg::DiaryScoreGiven {
                date: &day_words,
                score: &n.to_string(),
            }),
            _ => lang.f(msg::DiaryScoreNone { date: &day_words }),
        },
        clear: given.and_then(|(_, g)| g).map(|_| Button {
            label: lang.t(Msg::DiaryScoreClear),
            action: Action::DiaryScore(None),
        }),
    }
}

fn entry(lang: Lang, e: &DiaryEntry, condition: &str) -> EntryView {
    let mut lines = Vec::new();
    if let Some(t) = e.taken {
        let (dose, draw) = (&qty_mg(lang, t.dose_mg), &qty_ml(lang, t.draw_ml));
        lines.push(if t.as_planned {
            lang.f(msg::DiaryTakenAsPlanned { dose, draw })
        } else {
            lang.f(msg::DiaryTakenOther { dose, draw })
        });
    }
    if !e.effects.is_empty() {
        let names: Vec<&str> = e.effects.iter().map(|x| effect_name(lang, *x)).collect();
        lines.push(lang.f(msg::DiaryEffectsNoted {
            effects: &names.join(", "),
        }));
    }
    if !e.note.is_empty() {
        lines.push(lang.f(msg::DiaryNoted { note: &e.note }));
    }
    if let Some(days) = e.step_back {
        // "Step-back (halved): 2 days", from the entry's date.
        let length = if days == STEP_BACK_LONGER {
            Msg::StepBackDays3
        } else {
            Msg::StepBackDays2
        };
        lines.push(format!("{}: {}", lang.t(Msg::NoteStepBack), lang.t(length)));
    }
    if let Some(n) = e.score {
        let score = &n.to_string();
        lines.push(if condition.is_empty() {
            lang.f(msg::DiaryScored { score })
        } else {
            lang.f(msg::DiaryScoredFor { condition, score })
        });
    }
    let when = when(lang, e);
    EntryView {
        date_iso: e.date.to_string(),
        delete_name: lang.f(msg::DiaryDeleteEntry { entry: &when }),
        when,
        lines,
        delete: Button {
            label: lang.t(Msg::DiaryDelete),
            action: Action::DiaryDelete(e.clone()),
        },
    }
}

/// "0.75 mg" or "0.75 mg morning, 0.75 mg evening"; a dash for none.
fn per_intake(lang: Lang, items: &[String]) -> String {
    match items {
        [] => "\u{2014}".into(),
        [morning, evening] => lang.f(msg::MorningEvening { morning, evening }),
        _ => items.join(", "),
    }
}

fn against_row(lang: Lang, d: &DayAgainstPlan) -> AgainstRow {
    let planned: Vec<String> = d.intakes.iter().map(|(mg, _)| qty_mg(lang, *mg)).collect();
    let mut marked: Vec<String> = d
        .intakes
        .iter()
        .map(|(_, m)| match m {
            Marked::AsPlanned => lang.t(Msg::DiaryAsPlanned).to_string(),
            Marked::Other(mg) => lang.f(msg::DiaryOtherAmount {
                dose: &qty_mg(lang, *mg),
            }),
            Marked::Missed => lang.t(Msg::DiaryMissed).to_string(),
            Marked::NotYet => lang.t(Msg::DiaryNotYet).to_string(),
        })
        .collect();
    if let [morning, evening] = &marked[..] {
        marked = vec![
            lang.f(msg::IntakeMorning { dose: morning }),
            lang.f(msg::IntakeEvening { dose: evening }),
        ];
    }
    marked.extend(d.extra.iter().map(|mg: &Mg| {
        lang.f(msg::DiaryExtra {
            dose: &qty_mg(lang, *mg),
        })
    }));
    let has = |f: fn(&Marked) -> bool| d.intakes.iter().any(|(_, m)| f(m));
    let status = if has(|m| *m == Marked::Missed) {
        "missed"
    } else if has(|m| matches!(m, Marked::Other(_))) {
        "other"
    } else if !d.extra.is_empty() {
        "extra"
    } else if has(|m| *m == Marked::NotYet) {
        "not-yet"
    } else {
        "as-planned"
    };
    AgainstRow {
        date_iso: d.date.to_string(),
        date: lang.date(d.date),
        planned: per_intake(lang, &planned),
        marked,
        status,
    }
}

fn against(s: &State, plan: &PlanOutcome) -> AgainstView {
    let lang = s.lang;
    let days = against_plan(&s.doc.diary, &plan.days, s.today, s.diary_supplied());
    let t = tally(&days);
    let mut summary = vec![
        lang.f(msg::DiaryCountAsPlanned {
            doses: t.as_planned,
        }),
        lang.f(msg::DiaryCountOther { doses: t.other }),
        lang.f(msg::DiaryCountMissed { doses: t.missed }),
    ];
    if t.extra > 0 {
        summary.push(lang.f(msg::DiaryCountExtra { doses: t.extra }));
    }
    AgainstView {
        heading: lang.t(Msg::DiaryAgainstHeading),
        summary: summary.join(" \u{b7} "),
        columns: [
            lang.t(Msg::ColDate),
            lang.t(Msg::DiaryColPlanned),
            lang.t(Msg::DiaryColMarked),
        ],
        // Newest first: today's row is the one a patient looks for.
        rows: days.iter().rev().map(|d| against_row(lang, d)).collect(),
    }
}

fn ml_left(s: &State, plan: Option<&PlanOutcome>) -> Option<MlLeftView> {
    let lang = s.lang;
    let recipe = s.form.recipe.as_ref().ok()?;
    // The patient's page is about the bottle its link describes (its
    // "Your bottle" section); the Plan screen follows the plan's bottles.
    let prepared = if s.screen == Screen::Patient {
        (recipe.prepared <= s.today).then_some(recipe.prepared)?
    } else {
        bottle_in_use(plan, recipe.prepared, s.today)?
    };
    let b = bottle_left(recipe.recipe.final_ml(), prepared, &s.doc.diary, s.today);
    let date = &lang.date(b.prepared);
    Some(MlLeftView {
        text: if b.empty_by_now {
            lang.f(msg::DiaryMlEmpty {
                drawn: &qty_ml(lang, b.drawn),
                holds: &qty_ml(lang, b.holds),
                date,
            })
        } else {
            lang.f(msg::DiaryMlLeft {
                volume: &qty_ml(lang, b.left),
                date,
            })
        },
        empty_by_now: b.empty_by_now,
    })
}

/// The diary for `s`: its plan parts from the current plan only (never a
/// stale one), newest entries first.
pub fn diary(s: &State) -> DiaryView {
    let lang = s.lang;
    let plan = s.plan.ok();
    DiaryView {
        heading: lang.t(Msg::DiaryHeading),
        intro: lang.t(Msg::DiaryIntro),
        today: today_view(s, plan),
        other: other_view(s, plan),
        suggestion: suggestion(s),
        ml_left: ml_left(s, plan),
        effects: effects_view(s),
        score: score_view(s),
        entries_heading: lang.t(Msg::DiaryEntriesHeading),
        entries: s
            .doc
            .diary
            .iter()
            .rev()
            .map(|e| entry(lang, e, s.doc.condition.trim()))
            .collect(),
        no_entries: lang.t(Msg::DiaryNoEntries),
        against: plan.map(|p| against(s, p)),
        csv: (!s.doc.diary.is_empty()).then(|| lang.t(Msg::DiaryCsv)),
        report: super::report::report_view(s),
    }
}

/// The diary as CSV for the prescriber (`FileKind::DiaryCsv`), with the
/// current plan's amounts and the intakes missed before today.
pub fn csv(s: &State) -> String {
    let days = s.plan.ok().map_or(&[][..], |p| p.days.as_slice());
    ldn_model::diary::csv::csv(&s.doc.diary, days, s.today, s.diary_supplied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_model::state::{apply, fixtures::from_link};

    /// The Plan screen on 1 March 2026 for a plan started on 25 February
    /// (1.5 mg a day, 1 mg/mL, 3 mL syringe), after `actions`.
    fn state(query: &str, actions: Vec<Action>) -> State {
        let syringe = if query.contains("syringe=") {
            ""
        } else {
            "&syringe=3"
        };
        let s = apply(
            from_link(&format!("pstart=2026-02-25{syringe}&{query}")),
            Action::Show(Screen::Plan),
        );
        actions.into_iter().fold(s, apply)
    }

    fn effects_on(date: &str) -> Vec<Action> {
        vec![
            Action::Type(TextField::DiaryDate, date.into()),
            Action::DiaryEffect(SideEffect::Dreams, true),
            Action::DiarySaveEffects,
        ]
    }

    #[test]
    fn today_is_offered_as_a_draw_with_one_tap_then_marked() {
        // The bottle was prepared when the plan started, 25 February.
        let v = diary(&state("prepared=2026-02-25", vec![]));
        assert_eq!(
            v.today.text.replace('\u{a0}', " "),
            "Today’s dose: 1.5 mg: draw 1.5 mL, which gives 1.5 mg"
        );
        assert_eq!(v.today.take.map(|t| t.1), Some(Timed::Take));
        assert!(v.entries.is_empty() && v.csv.is_none() && v.suggestion.is_none());
        // Four days missed, today not yet.
        let a = v.against.unwrap();
        assert_eq!(a.rows.len(), 5);
        assert_eq!(a.rows[0].status, "not-yet");
        assert_eq!(
            a.summary,
            "0 as planned · 0 in another amount · 4 not marked taken"
        );
        // Prepared today (the review: a plan from 23 November opened on 7
        // December listed 14 days "missed"): the days before it had no
        // bottle, so none is missed; nor in the prescriber's CSV.
        let fresh = state("", vec![]);
        let a = diary(&fresh).against.unwrap();
        assert_eq!(a.rows.len(), 1);
        assert_eq!(a.rows[0].status, "not-yet");
        assert!(a.summary.contains("0 not marked taken"), "{}", a.summary);
        assert!(!csv(&fresh).contains("missed"));

        let s = state(
            "",
            vec![Action::DiaryTake(ldn_engine::date::TimeOfDay::from_hm(
                21, 5,
            ))],
        );
        let v = diary(&s);
        assert_eq!(
            v.today.text,
            "Every dose planned for today is marked taken."
        );
        assert!(v.today.take.is_none());
        let e = &v.entries[0];
        assert_eq!(
            (e.date_iso.as_str(), e.when.as_str()),
            ("2026-03-01", "1 Mar 2026 21:05")
        );
        assert_eq!(
            e.lines[0].replace('\u{a0}', " "),
            "Taken as planned: 1.5 mg (1.5 mL drawn)"
        );
        assert_eq!(e.delete_name, "Delete the entry of 1 Mar 2026 21:05");
        assert_eq!(v.against.unwrap().rows[0].status, "as-planned");
        // The bottle in use is the recipe's, prepared today (1 March, 50
        // mL; the plan began on 25 February from an earlier bottle): only
        // today's 1.5 mL is marked from it.
        let left = v.ml_left.unwrap();
        assert!(!left.empty_by_now);
        assert_eq!(
            left.text.replace('\u{a0}', " "),
            "Left in the bottle prepared on 1 Mar 2026: 48.5 mL, by the doses marked taken."
        );
        assert_eq!(v.csv, Some("Export the diary (CSV)"));
    }

    #[test]
    fn a_dose_the_syringe_cannot_measure_gets_no_button() {
        // 1.5 mg at 1 mg/mL does not fit a 0.5 mL syringe.
        let v = diary(&state("syringe=0.5", vec![]));
        assert!(v.today.take.is_none());
        assert!(
            v.today.text.contains("cannot be measured"),
            "{}",
            v.today.text
        );
        assert!(v
            .today
            .line
            .is_some_and(|l| l.warnings.iter().any(|w| w.code == "over-capacity")));
    }

    #[test]
    fn another_amount_is_stated_as_drawn_and_cautioned() {
        let typed = |t: &str| {
            diary(&state(
                "",
                vec![Action::Type(TextField::DiaryAmount, t.into())],
            ))
            .other
        };
        let o = typed("1,2");
        let (said, _) = o.line.unwrap();
        assert_eq!(
            said.replace('\u{a0}', " "),
            "1.2 mg: draw 1.2 mL, which gives 1.2 mg"
        );
        assert_eq!((o.caution, o.save.0), (None, "Mark this amount taken"));
        let o = diary(&state(
            "syringe=5",
            vec![Action::Type(TextField::DiaryAmount, "3.5".into())],
        ))
        .other;
        assert_eq!(
            o.caution.unwrap().replace('\u{a0}', " "),
            "3.5 mg is more than twice the 1.5 mg planned for today. Check the amount before you mark it."
        );
        assert_eq!(o.save.0, "Mark it taken anyway");
        let o = typed("1.2.3");
        assert_eq!(o.field.error.map(|e| e.param), Some("diary-amount"));
        // Not measurable: no draw stated, what to do instead as the error.
        let o = typed("0.05");
        assert!(o.line.is_none());
        let error = o.field.error.unwrap().text;
        assert!(
            error.starts_with("This amount cannot be marked taken."),
            "{error}"
        );
        assert!(!error.contains("draw"), "{error}");
        // An empty field says nothing until a mark is tried.
        assert!(typed("").field.error.is_none());
        let v = diary(&state("", vec![Action::DiaryTakeOther(None)]));
        assert_eq!(
            v.other.field.error.map(|e| e.text).as_deref(),
            Some("Enter a number.")
        );
    }

    #[test]
    fn the_suggestion_cites_its_source_and_sends_the_step_back() {
        let mut actions = effects_on("2026-02-28");
        actions.extend(effects_on("2026-03-01"));
        let s = state("lang=nb", actions);
        let v = diary(&s);
        let g = v.suggestion.unwrap();
        assert_eq!(
            g.noted,
            "Du har notert bivirkninger 28.02.2026 og 01.03.2026."
        );
        assert_eq!(g.from, "Halver dosen i planen fra i dag (01.03.2026):");
        assert_eq!(g.advice.source_code, "seed-000");
        let today = s.today;
        assert_eq!(g.accept.action, Action::DiaryStepBack(today, 2));
        assert_eq!(g.longer.action, Action::DiaryStepBack(today, 3));
        assert_eq!(v.entries[0].lines, ["Bivirkninger: Livlige drømmer"]);
        assert_eq!(v.today.step_back, None);
        // Before accepting: the halved dose and its draw. 0.75 ml on the
        // 3 ml syringe's 0.1 ml marks is 0.7 ml (-6.7 %): ask first.
        let (halved, ask_first) = g.halved.clone().unwrap();
        assert!(ask_first);
        assert!(
            halved.starts_with("Halverer du, blir hver dose 0,75\u{a0}mg: trekk opp 0,7\u{a0}ml"),
            "{halved}"
        );
        assert!(
            halved.ends_with("spør apoteket før du halverer dosen."),
            "{halved}"
        );
        // Accepted: gone, today's dose is halved and says so, and the plan
        // table halves today.
        let s = apply(s, g.accept.action);
        let v = diary(&s);
        assert!(v.suggestion.is_none());
        let text = v.today.text.replace('\u{a0}', " ");
        assert!(text.starts_with("Dagens dose: 0,75 mg"), "{text}");
        // Accepted for 2 days: halved today and tomorrow, said with the date.
        let note = v.today.step_back.unwrap();
        let until = s.lang.date(s.today.add_days(1));
        assert!(note.contains(&format!("til og med {until}.")), "{note}");
        assert!(note.contains("allerede halvert"), "{note}");
        let rows = super::super::plan::plan(&s).body.unwrap().rows;
        assert!(rows[4].notes.iter().any(|n| n.note == Some("step-back")));
    }

    #[test]
    fn a_halved_dose_the_syringe_measures_needs_no_pharmacy() {
        // On the 1 mL syringe (0.01 mL marks) 0.75 mL is on a mark.
        let mut actions = effects_on("2026-02-28");
        actions.extend(effects_on("2026-03-01"));
        let v = diary(&state("syringe=1&lang=en", actions));
        let (halved, ask_first) = v.suggestion.unwrap().halved.unwrap();
        assert!(!ask_first);
        assert_eq!(
            halved.replace('\u{a0}', " "),
            "If you halve it, each dose would be 0.75 mg: draw 0.75 mL, which gives 0.75 mg"
        );
    }

    #[test]
    fn the_bottle_should_be_empty_when_more_is_marked_than_it_holds() {
        // 3 mg made up to 3 mL: the plan starts a bottle every other day,
        // today's too; marking 1.5 mL four times is 6 mL.
        let take = |t| {
            vec![
                Action::Type(TextField::DiaryAmount, "1.5".into()),
                Action::DiaryTakeOther(ldn_engine::date::TimeOfDay::from_hm(t, 0)),
            ]
        };
        let actions: Vec<Action> = (8..12).flat_map(take).collect();
        let v = diary(&state("tablet=3&volume=3", actions));
        let m = v.ml_left.unwrap();
        assert!(m.empty_by_now);
        assert!(
            m.text.starts_with("6\u{a0}mL has been marked taken"),
            "{}",
            m.text
        );
        // Extra doses and another amount, against the plan.
        let a = v.against.unwrap();
        assert_eq!(a.rows[0].status, "extra");
        assert!(a.summary.ends_with("3 beyond the plan"), "{}", a.summary);
    }

    #[test]
    fn every_language_fills_every_part() {
        let mut actions = effects_on("2026-02-28");
        actions.extend(effects_on("2026-03-01"));
        actions.push(Action::Type(TextField::DiaryAmount, "3.5".into()));
        for lang in ["en", "nb", "da", "uk"] {
            let query = format!("lang={lang}&psplit=2&syringe=5");
            let v = diary(&state(&query, actions.clone()));
            let g = v.suggestion.as_ref().unwrap();
            let texts = [
                v.heading.to_string(),
                v.today.text.clone(),
                v.other.caution.clone().unwrap(),
                g.noted.clone(),
                g.from.clone(),
                v.ml_left.clone().unwrap().text,
                v.against.clone().unwrap().summary,
                v.entries[0].lines.join(" "),
            ];
            for t in texts {
                assert!(!t.is_empty() && !t.contains('{'), "{lang}: {t}");
            }
            assert_eq!(v.effects.effects.len(), 5);
        }
    }

    #[test]
    fn a_score_a_day_with_one_tap_replaced_or_cleared_never_in_the_future() {
        let s = state("prepared=2026-02-25", vec![]);
        let v = diary(&s).score;
        assert_eq!(v.buttons.len(), 11);
        assert!(v.buttons.iter().all(|(_, _, pressed)| !pressed));
        assert_eq!(v.given, "No score for 1 Mar 2026 yet.");
        assert!(v.clear.is_none());
        // Today's score, then another: one score for the day.
        let s = apply(s, Action::DiaryScore(Some(3)));
        let s = apply(s, Action::DiaryScore(Some(6)));
        let v = diary(&s);
        assert_eq!(v.score.given, "1 Mar 2026: 6 of 10");
        let pressed: Vec<u8> = v
            .score
            .buttons
            .iter()
            .filter(|b| b.2)
            .map(|b| b.0)
            .collect();
        assert_eq!(pressed, [6]);
        assert_eq!(v.entries.len(), 1);
        assert_eq!(v.entries[0].lines, ["How I felt: 6 of 10"]);
        // What is scored, named once, in every entry's words.
        let s = apply(
            s,
            Action::Type(TextField::DiaryCondition, "  joint pain\n".into()),
        );
        assert_eq!(s.doc.condition, "joint pain");
        // Typed a letter at a time, its spaces stay.
        let typed = "hip pain";
        let mut one = s.clone();
        for end in 1..=typed.len() {
            one = apply(
                one,
                Action::Type(TextField::DiaryCondition, typed[..end].into()),
            );
        }
        assert_eq!(one.doc.condition, "hip pain");
        assert_eq!(
            diary(&s).entries[0].lines,
            ["How I felt (joint pain): 6 of 10"]
        );
        // An earlier day: its own score; a day with side effects keeps them
        // when its score is cleared.
        let s = [
            effects_on("2026-02-27"),
            vec![
                Action::Type(TextField::DiaryScoreDate, "2026-02-27".into()),
                Action::DiaryScore(Some(2)),
            ],
        ]
        .concat()
        .into_iter()
        .fold(s, apply);
        assert_eq!(diary(&s).score.given, "27 Feb 2026: 2 of 10");
        assert_eq!(s.doc.diary.len(), 3);
        let s = apply(s, Action::DiaryScore(None));
        assert_eq!(diary(&s).score.given, "No score for 27 Feb 2026 yet.");
        assert_eq!(s.doc.diary.len(), 2);
        let day = ldn_engine::date::Date::parse_iso("2026-02-27").unwrap();
        assert!(s
            .doc
            .diary
            .iter()
            .any(|e| e.date == day && !e.effects.is_empty()));
        // Tomorrow cannot be scored: said under the day, nothing saved.
        let s = apply(
            s,
            Action::Type(TextField::DiaryScoreDate, "2026-03-02".into()),
        );
        let v = diary(&s).score;
        assert_eq!(
            v.date.error.as_ref().map(|e| e.text.as_str()),
            Some("This date is after today: choose today or an earlier day.")
        );
        let after = apply(s.clone(), Action::DiaryScore(Some(9)));
        assert_eq!(after.doc.diary, s.doc.diary);
    }
}
