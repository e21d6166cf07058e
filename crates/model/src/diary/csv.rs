//! The diary as a CSV file for the prescriber (README, "Stable contracts"):
//! UTF-8 with a byte-order mark (so spreadsheet programs read ø and
//! Cyrillic right), a header row, one row per entry and one per planned
//! intake missed (so the prescriber sees adherence, not only what was
//! marked), lines ending CRLF and fields quoted as RFC 4180 says. Numbers are written with a point and no
//! unit, dates `YYYY-MM-DD`, times `HH:MM`, whatever the app's language.
//! `score` (version 6 on, the last column, so older readers keep their
//! columns) is how the person felt that day, 0 (worst) to 10 (best).

use super::{against_plan, plan_day, DiaryEntry, Marked, Supplied};
use ldn_engine::date::Date;
use ldn_engine::format::plain;
use ldn_engine::schedule::PlanDay;
use ldn_engine::small_sort;

/// The columns, in order.
pub const HEADER: &str =
    "date,time,dose_mg,draw_ml,as_planned,planned_mg,effects,note,step_back_days,score";

/// The diary (oldest first) with the plan's amount per intake each day,
/// and a `missed` row for each planned intake of a day before `today` that
/// has no dose marked for it, after that day's entries; none on a day not
/// `supplied`, when the patient had no bottle to use (see `against_plan`).
pub fn csv(diary: &[DiaryEntry], days: &[PlanDay], today: Date, supplied: Supplied) -> String {
    let mut rows: Vec<(Date, String)> = diary.iter().map(|e| (e.date, row(e, days))).collect();
    for day in against_plan(diary, days, today, supplied) {
        for (planned, marked) in &day.intakes {
            if *marked == Marked::Missed {
                let planned = plain(planned.value());
                rows.push((day.date, format!("{},,,,missed,{planned},,,,", day.date)));
            }
        }
    }
    // Stable: a day's entries keep their order, its missed rows follow.
    small_sort::sort_by_key(&mut rows, |(date, _)| *date);
    let mut out = String::from("\u{feff}");
    out.push_str(HEADER);
    out.push_str("\r\n");
    for (_, r) in rows {
        out.push_str(&r);
        out.push_str("\r\n");
    }
    out
}

/// One entry's row.
fn row(e: &DiaryEntry, days: &[PlanDay]) -> String {
    let planned = plan_day(days, e.date)
        .and_then(|d| d.intakes_mg.first())
        .map(|mg| plain(*mg))
        .unwrap_or_default();
    let effects: Vec<&str> = e.effects.iter().map(|x| x.code()).collect();
    let fields = [
        e.date.to_string(),
        e.time.map(|t| t.to_string()).unwrap_or_default(),
        e.taken
            .map(|t| plain(t.dose_mg.value()))
            .unwrap_or_default(),
        e.taken
            .map(|t| plain(t.draw_ml.value()))
            .unwrap_or_default(),
        match e.taken {
            Some(t) if t.as_planned => "yes".into(),
            Some(_) => "no".into(),
            None => String::new(),
        },
        planned,
        quoted(effects.join(";")),
        quoted(guarded(&e.note)),
        e.step_back.map(|d| d.to_string()).unwrap_or_default(),
        e.score.map(|n| n.to_string()).unwrap_or_default(),
    ];
    fields.join(",")
}

/// A note that a spreadsheet would run as a formula, made plain text. A
/// cell starting with `=`, `+`, `-` or `@` (some programs strip a leading
/// tab or carriage return first) is evaluated, so a note such as
/// `=HYPERLINK(...)` could act on the prescriber's computer when the file
/// is opened ("CSV injection", OWASP). A leading `'` makes it text, shown
/// as typed.
fn guarded(note: &str) -> String {
    if note.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{note}")
    } else {
        note.to_string()
    }
}

/// A field quoted when it holds a separator, a quote or a line break
/// (quotes doubled); also `;`, so readers that split on semicolons keep
/// the effects together.
fn quoted(field: String) -> String {
    if field.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::super::{SideEffect, Taken};
    use super::*;
    use ldn_engine::date::TimeOfDay;
    use ldn_engine::quantity::{Mg, Ml};
    use ldn_engine::schedule::DayKind;
    use ldn_engine::testing::{date, dec};

    /// Reads RFC 4180 text back into rows of fields.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') => assert_eq!(chars.next(), Some('\n'), "CR without LF"),
                (false, '\n') => panic!("a bare LF ends no record"),
                (false, c) => field.push(c),
            }
            if !quoted && c == '\r' {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
        }
        assert!(
            field.is_empty() && row.is_empty(),
            "the last line ends with CRLF"
        );
        rows
    }

    #[test]
    fn the_export_reads_back_with_quotes_guards_and_the_plan() {
        let day = |d: &str, mg: &[&str]| PlanDay {
            date: date(d),
            kind: DayKind::Titration,
            daily_mg: mg.iter().map(|m| dec(m)).sum(),
            intakes_mg: mg.iter().map(|m| dec(m)).collect(),
            changed: false,
        };
        // 28 February not marked; 1 March twice; 2 March an off day.
        let days = [
            day("2026-02-28", &["1.5"]),
            day("2026-03-01", &["0.75", "0.75"]),
            day("2026-03-02", &[]),
        ];
        let taken = |mg: &str, ml: &str, as_planned| {
            Some(Taken {
                dose_mg: Mg::new(dec(mg)),
                draw_ml: Ml::new(dec(ml)),
                as_planned,
            })
        };
        let entry =
            |d: &str, time: Option<&str>, taken, effects: Vec<SideEffect>, note: &str| DiaryEntry {
                date: date(d),
                time: time.map(|t| TimeOfDay::parse(t).unwrap()),
                taken,
                effects,
                note: note.into(),
                step_back: None,
                score: None,
            };
        let diary = [
            entry("2026-02-27", None, None, vec![], "-2 days before; @home"),
            entry(
                "2026-03-01",
                Some("08:05"),
                taken("0.75", "0.7", true),
                vec![],
                "",
            ),
            entry(
                "2026-03-01",
                Some("21:30"),
                taken("1.50", "1.5", false),
                vec![],
                "late, \"big\" one\nsorry",
            ),
            entry(
                "2026-03-02",
                None,
                None,
                vec![SideEffect::Sleep, SideEffect::Other],
                "=HYPERLINK(\"http://x\")",
            ),
            DiaryEntry::step_back(date("2026-03-02"), 3),
            DiaryEntry::score(date("2026-03-02"), 4),
        ];
        let text = csv(
            &diary,
            &days,
            date("2026-03-02"),
            Supplied::from(date("2026-02-28")),
        );
        let body = text.strip_prefix('\u{feff}').expect("a byte-order mark");
        let rows = parse(body);
        assert_eq!(rows[0].join(","), HEADER);
        assert!(rows.iter().all(|r| r.len() == 10), "{rows:?}");
        // Before the plan: no planned amount.
        assert_eq!(rows[1][5], "");
        assert_eq!(rows[1][7], "'-2 days before; @home");
        // The planned intake nobody marked.
        assert_eq!(
            rows[2],
            ["2026-02-28", "", "", "", "missed", "1.5", "", "", "", ""]
        );
        assert_eq!(
            rows[3],
            [
                "2026-03-01",
                "08:05",
                "0.75",
                "0.7",
                "yes",
                "0.75",
                "",
                "",
                "",
                ""
            ]
        );
        // A typed amount, no trailing zero; the note's comma, quotes and line
        // break survive the round trip.
        assert_eq!(
            rows[4],
            [
                "2026-03-01",
                "21:30",
                "1.5",
                "1.5",
                "no",
                "0.75",
                "",
                "late, \"big\" one\nsorry",
                "",
                ""
            ]
        );
        // Effects as codes; a note that would be a formula is text; no dose
        // planned on an off day (empty), nor outside the plan.
        assert_eq!(
            rows[5],
            [
                "2026-03-02",
                "",
                "",
                "",
                "",
                "",
                "sleep;other",
                "'=HYPERLINK(\"http://x\")",
                "",
                ""
            ]
        );
        // A step-back accepted from the diary: halved for 3 days from then.
        assert_eq!(rows[6], ["2026-03-02", "", "", "", "", "", "", "", "3", ""]);
        // How the person felt that day, 0 to 10.
        assert_eq!(rows[7], ["2026-03-02", "", "", "", "", "", "", "", "", "4"]);
        assert_eq!(rows.len(), 8);
        // Today's intakes are not missed yet: the same diary on 28 February
        // has no missed row.
        let early = parse(
            csv(
                &diary,
                &days,
                date("2026-02-28"),
                Supplied::from(date("2026-02-28")),
            )
            .trim_start_matches('\u{feff}'),
        );
        assert!(early.iter().all(|r| r[4] != "missed"), "{early:?}");
        // A bottle prepared on 1 March: 28 February had no bottle, so its
        // intake is not missed.
        let bottle = parse(
            csv(
                &diary,
                &days,
                date("2026-03-02"),
                Supplied::from(date("2026-03-01")),
            )
            .trim_start_matches('\u{feff}'),
        );
        assert!(bottle.iter().all(|r| r[4] != "missed"), "{bottle:?}");
        assert_eq!(bottle.len(), 7);
        // An empty diary is the header alone.
        assert_eq!(
            csv(
                &[],
                &days[..0],
                date("2026-03-02"),
                Supplied::from(date("2026-02-28"))
            ),
            format!("\u{feff}{HEADER}\r\n")
        );
    }
}
