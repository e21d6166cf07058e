//! The exported plan is a valid iCalendar file: parsed by a real parser.
#![cfg(not(target_arch = "wasm32"))]

use icalendar::{Calendar, CalendarComponent, Component};
use ldn_calc::engine::date::{Date, TimeOfDay};
use ldn_calc::model::plan::{ics, IcsEntry};

#[test]
fn exported_plan_parses_with_every_day_and_a_reminder() {
    let start = Date::parse_iso("2026-03-01").unwrap();
    let morning = TimeOfDay::parse("07:45").unwrap();
    let evening = TimeOfDay::parse("21:00").unwrap();
    let entries: Vec<IcsEntry> = (0..180)
        .map(|i| IcsEntry {
            date: start.add_days(i),
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
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
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
