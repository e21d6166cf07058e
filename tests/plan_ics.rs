//! The exported plan is a valid iCalendar file: parsed by a real parser.
#![cfg(not(target_arch = "wasm32"))]

use icalendar::{Calendar, CalendarComponent, Component};
use ldn_calc::engine::date::{Date, TimeOfDay};
use ldn_calc::model::plan::{ics, IcsEntry};

fn events(calendar: &Calendar) -> Vec<&icalendar::Event> {
    calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn exported_plan_parses_with_every_day_and_a_reminder() {
    let start = Date::parse_iso("2026-03-01").unwrap();
    let morning = TimeOfDay::parse("07:45").unwrap();
    let evening = TimeOfDay::parse("21:00").unwrap();
    let entries: Vec<IcsEntry> = (0..180)
        .map(|i| IcsEntry {
            date: start.add_days(i),
            kind: "dose",
            summary: format!("LDN: 1,5 mg = trekk opp 1,5 mL (dag {i}); rist"),
            description: "Rist flasken godt før du trekker opp.".into(),
            // Every other day twice daily: a morning and an evening reminder.
            alarms: if i % 2 == 0 {
                vec![(evening, "kveld".into())]
            } else {
                vec![(morning, "morgen".into()), (evening, "kveld".into())]
            },
        })
        .collect();
    let text = ics(&entries, start);
    let calendar: Calendar = text.parse().expect("a valid iCalendar file");
    let events = events(&calendar);
    assert_eq!(events.len(), 180);
    assert_eq!(
        events[0].get_summary(),
        Some("LDN: 1,5 mg = trekk opp 1,5 mL (dag 0); rist")
    );
    assert_eq!(events[179].property_value("DTSTART"), Some("20260827"));
    assert_eq!(text.matches("BEGIN:VALARM").count(), 90 + 2 * 90);
    assert_eq!(text.matches("TRIGGER;RELATED=START:PT21H0M").count(), 180);
    assert_eq!(text.matches("TRIGGER;RELATED=START:PT7H45M").count(), 90);
}

/// The file the app offers (built by the view layer from a real state):
/// a 180-day twice-daily plan in Norwegian parses, one event per day, two
/// reminders each, and a rounded draw carries its warning in the event.
#[test]
fn the_apps_calendar_parses_and_carries_its_warnings() {
    use ldn_calc::i18n::Lang;
    use ldn_calc::model::inputs::Inputs;
    use ldn_calc::model::link;
    use ldn_calc::model::saved::Document;
    use ldn_calc::model::state::{apply, Action, Screen, State, Storage};
    let (inputs, _, problems) = link::read(
        "lang=nb&syringe=3&psplit=2&pdays=180",
        &Inputs::new("2026-03-01"),
    );
    assert!(problems.is_empty());
    let today = Date::parse_iso("2026-03-01").unwrap();
    let s = State::new(inputs, Lang::Nb, today, Document::new(), Storage::Working);
    let s = apply(s, Action::Show(Screen::Plan));
    let text = ldn_calc::view::plan::calendar(&s).expect("a calendar");
    let calendar: Calendar = text.parse().expect("a valid iCalendar file");
    let events = events(&calendar);
    // A dose event each day, two reminders each; and the bottles' own
    // events (a last day, a reminder to get the next), one reminder each.
    let doses = text.matches("-dose@ldn-calc.local").count();
    assert_eq!(doses, 180);
    let bottles = events.len() - doses;
    assert!(bottles > 0, "the plan's bottles have events");
    assert_eq!(text.matches("BEGIN:VALARM").count(), 360 + bottles);
    // Day 1: 0.75 mg twice; 0.75 mL ties down to 0.7 mL on 0.1 mL marks,
    // -6.7 %: stated with what it gives, and the warning in words.
    let description = events[0].get_description().unwrap_or_default();
    assert!(
        description.contains("0,75\u{a0}mg: trekk opp 0,7\u{a0}ml, som gir 0,7\u{a0}mg"),
        "{description}"
    );
    assert!(
        description.contains("avviker dosen med mer enn 5 %"),
        "{description}"
    );
}
