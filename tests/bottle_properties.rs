//! One bottle, one truth (native property test): for any bottle made for a
//! plan and any day of its life, the label's dose for that day, the dose
//! its QR code's page shows on that day and the plan's row agree; on a day
//! the plan has used it up, and after its last day, neither the label nor
//! the page states a draw from it.
#![cfg(not(target_arch = "wasm32"))]

use ldn_calc::engine::date::Date;
use ldn_calc::engine::format::plain;
use ldn_calc::i18n::Lang;
use ldn_calc::model::bottle::Prescription;
use ldn_calc::model::state::{apply, Action, BottleFor, State};
use ldn_calc::view::label::batch_label;
use ldn_calc::view::patient::patient;
use ldn_calc::view::share::batch_link;
use proptest::prelude::*;

const ADDRESS: &str = "https://example.org/ldn/";

/// A pharmacist's link for a bottle and its plan: a preset titration
/// started some days before or after the bottle is prepared, split or not,
/// with a step-back or not, on a preset syringe, kept 14 to 45 days.
fn any_link() -> impl Strategy<Value = (String, Date)> {
    (
        prop::sample::select(vec!["standard", "slow", "weekly", "weekly-1mg"]),
        -20i32..=20,
        1u32..=120,
        any::<bool>(),
        prop::option::of((0i32..=60, 2u32..=3)),
        prop::sample::select(vec!["1", "3", "5", "10"]),
        prop::sample::select(vec![14u32, 30, 45]),
        1u32..=3,
    )
        .prop_map(|(preset, offset, days, split, back, syringe, bud, tablets)| {
            let prepared = Date::from_ymd(2026, 12, 1).expect("a date");
            let start = prepared.add_days(offset);
            let mut link = format!(
                "lang=en&tablet=50&tablets={tablets}&volume=50&syringe={syringe}&prepared={prepared}\
                 &bud={bud}&plan={preset}&pstart={start}&pdays={days}&screen=batches"
            );
            if split {
                link.push_str("&psplit=2");
            }
            if let Some((from, n)) = back {
                link.push_str(&format!("&pback={}:{n}", start.add_days(from)));
            }
            (link, prepared)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn label_qr_page_and_plan_agree_on_every_day(
        (link, prepared) in any_link(),
        day_in_life in 0i32..=45,
    ) {
        let s = State::start(&link, Ok(None), Lang::En, prepared);
        let s = apply(s, Action::BottleFor(BottleFor::Plan));
        let s = apply(s, Action::SaveBatch);
        // Saved only when the plan gives a dose in the bottle's days.
        let Some(b) = s.doc.batches.first().cloned() else {
            return Ok(());
        };
        let Prescription::Plan(plan) = &b.prescription else {
            panic!("made for the plan: {link}");
        };
        let day = prepared.add_days(day_in_life);
        let mut later = s.clone();
        later.today = day;
        let label = batch_label(Lang::En, &b, &later);
        let url = batch_link(Lang::En, ADDRESS, &b).expect("a bottle with a syringe has a link").url;
        let query = url.split_once('?').expect("a query").1;
        let page = patient(&State::start(query, Ok(None), Lang::En, day));
        let row: Vec<String> = plan.day(day).map(|d| d.intakes_mg.iter().map(|mg| plain(*mg)).collect()).unwrap_or_default();
        if day > b.last_day() {
            // Past its last day: no draw on the label, none on the page.
            prop_assert!(label.doses.iter().all(|d| d.draw.as_ref().is_none_or(|x| !x.line.is_measured())), "{link} on {day}");
            prop_assert!(page.do_not_use.is_some() && page.today.is_none(), "{link} on {day}");
            return Ok(());
        }
        // The label's step for the day: listed, or the day's own step.
        let iso = day.to_string();
        let step = label.doses.iter().find(|d| d.days.as_ref().is_some_and(|(from, to)| *from <= iso && iso <= *to));
        let step = step.unwrap_or_else(|| panic!("{link}: no label step for {day}: {:?}", label.doses));
        let today = page.today.as_ref().unwrap_or_else(|| panic!("{link} on {day}: {:?}", page.problem));
        let said = today.dose.replace('\u{a0}', " ");
        // Used up by the plan before its last day: the label says the next
        // bottle, the page states the dose but no draw from this bottle.
        if b.empty_after().is_some_and(|e| day > e) {
            prop_assert!(step.draw.is_none(), "{link} on {day}: {:?}", step);
            prop_assert!(today.draws.as_ref().is_none_or(|d| d.lines.iter().all(|l| !l.measured)), "{link} on {day}");
            return Ok(());
        }
        match row.first() {
            Some(mg) => {
                let line = &step.draw.as_ref().expect("a dose day has its draw on A4").line;
                prop_assert_eq!(line.dose.replace('\u{a0}', " "), format!("{mg} mg"), "{} on {}", link, day);
                prop_assert!(said.starts_with(&format!("{mg} mg")), "{link} on {day}: page {said}, plan {row:?}");
                prop_assert_eq!(said.contains("morning"), row.len() == 2, "{}", said);
                // The page's draw is the label's.
                let draws = today.draws.as_ref().expect("a draw");
                let page_line = draws.lines[0].text.replace('\u{a0}', " ");
                prop_assert!(page_line.contains(&line_sentence_start(line)), "{link} on {day}: {page_line}");
            }
            None => {
                prop_assert!(step.draw.is_none(), "{link} on {day}: {:?}", step);
                prop_assert!(today.draws.as_ref().is_none_or(|d| d.heading.is_some()), "{link} on {day}: {said}");
            }
        }
    }
}

/// `1.5 mg: draw 1.5 mL` (or what to do instead): how the label's line
/// starts, as the page's does.
fn line_sentence_start(line: &ldn_calc::view::draw::DoseLine) -> String {
    let s = line.sentence(Lang::En).replace('\u{a0}', " ");
    s.split(", which").next().unwrap_or(&s).to_string()
}
