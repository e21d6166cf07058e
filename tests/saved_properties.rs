//! The saved document through serde (native): any valid document, written,
//! reads back as the same document, and no text makes the reader panic.

#![cfg(not(target_arch = "wasm32"))]

use ldn_calc::engine::batch::{BeyondUse, MAX_BEYOND_USE_DAYS};
use ldn_calc::engine::date::{Date, TimeOfDay};
use ldn_calc::engine::quantity::{Mg, Ml};
use ldn_calc::engine::recipe::{Recipe, MAX_TABLETS};
use ldn_calc::model::bottle::{BottlePlan, Prescription};
use ldn_calc::model::country::{Country, UseCode};
use ldn_calc::model::diary::{DiaryEntry, SideEffect, Taken};
use ldn_calc::model::gs1::is_gtin;
use ldn_calc::model::record::{clean, Appearance, LabelSize, Pharmacy, Record};
use ldn_calc::model::revision::{Change, RecordField, Revision};
use ldn_calc::model::saved::{load, parse, Batch, Document, Loaded, CURRENT_VERSION};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A decimal `mantissa / 10^scale`, written with trailing zeros at times.
fn decimal(mantissa: std::ops::RangeInclusive<i64>, scale: u32) -> impl Strategy<Value = Decimal> {
    (mantissa, 0..=2u32).prop_map(move |(m, zeros)| {
        let mut d = Decimal::new(m, scale);
        // 4.5 as 4.50: the same amount, which is written normalised.
        d.rescale(scale + zeros);
        d
    })
}

/// Any batch the reader accepts: a valid recipe, a draw within it, and a
/// dose the draw is a rounding of (the draw gives half to twice the dose).
fn any_batch() -> impl Strategy<Value = Batch> {
    let recipe = (
        decimal(1..=100_000, 3),
        1..=MAX_TABLETS,
        decimal(100..=100_000, 2),
    )
        .prop_filter_map("a valid recipe", |(mg, n, ml)| {
            Recipe::new(Mg::new(mg), n, Ml::new(ml)).ok()
        });
    let prepared = (2000..=2199, 1..=12u32, 1..=28u32)
        .prop_map(|(y, m, d)| Date::from_ymd(y, m, d).expect("a day every month has"));
    let policy = (1..=MAX_BEYOND_USE_DAYS)
        .prop_map(|d| BeyondUse::from_days(d).expect("1 to 180 days are allowed"));
    // A plan, for some: a preset from some day, for 1 to 366 days, split
    // or not (kept as the link writes its parameters).
    let plan = prop::option::of((
        prop::sample::select(vec!["standard", "slow", "weekly", "weekly-1mg"]),
        (2000..=2199, 1..=12u32, 1..=28u32),
        1..=366u32,
        any::<bool>(),
    ));
    (
        (any::<u64>(), ".{0,80}", recipe, prepared, policy),
        (1..=1000u32, 2..=8u32, 1..=2u32, any::<u32>()),
        "[a-zA-Z0-9=&%._:,-]{0,60}",
        plan,
    )
        .prop_filter_map(
            "a dose in the typed range",
            |(
                (id, name, recipe, prepared, policy),
                (draw_in_1000, quarters, per_day, taken),
                link,
                plan,
            )| {
                if let Some((preset, (y, m, d), days, split)) = plan {
                    let split = if split { "&psplit=2" } else { "" };
                    let query =
                        format!("plan={preset}&pstart={y:04}-{m:02}-{d:02}&pdays={days}{split}");
                    let plan = BottlePlan::read(&query).expect("a preset plan is one");
                    return Some(Batch {
                        id,
                        number: String::new(),
                        record: Record::default(),
                        printed: false,
                        dispensed: None,
                        revisions: Vec::new(),
                        name,
                        recipe,
                        prepared,
                        policy,
                        prescription: Prescription::Plan(plan),
                        taken,
                        // A plan bottle's link names its syringe.
                        link: format!("syringe=3&{link}").chars().take(60).collect(),
                    });
                }
                // A draw of 0.1% to 100% of the bottle, to 0.01 mL.
                let draw = (recipe.final_ml().value() * Decimal::new(i64::from(draw_in_1000), 3))
                    .round_dp(2);
                let draw_ml = Ml::new(draw);
                if draw_ml.is_zero() {
                    return None;
                }
                // The dose the draw gives, times 2/4 to 8/4, to 0.001 mg.
                let delivered = recipe.concentration().mg_in(draw_ml).value();
                let dose = (delivered * Decimal::from(quarters) / Decimal::from(4)).round_dp(3);
                let half = delivered / Decimal::TWO;
                let ok = dose >= Decimal::new(1, 3)
                    && dose <= Decimal::ONE_HUNDRED
                    && dose >= half
                    && dose <= delivered * Decimal::TWO;
                ok.then(|| Batch {
                    id,
                    // Made unique per document by `any_document`.
                    number: String::new(),
                    record: Record::default(),
                    printed: false,
                    dispensed: None,
                    revisions: Vec::new(),
                    name,
                    recipe,
                    prepared,
                    policy,
                    prescription: Prescription::Fixed {
                        dose_mg: Mg::new(dose),
                        draw_ml,
                        per_day,
                    },
                    taken,
                    link,
                })
            },
        )
}

fn any_document() -> impl Strategy<Value = Document> {
    let lang = prop_oneof![
        Just(None),
        prop::sample::select(vec!["en", "nb", "da", "uk"]).prop_map(|l| Some(l.to_string())),
        any::<String>().prop_map(Some),
    ];
    (
        lang,
        prop::collection::vec((any_batch(), any_record(), any_history()), 0..6),
        any_pharmacy(),
        prop::sample::select(LabelSize::ALL.to_vec()),
        prop::collection::vec(any_entry(), 0..6),
        prop::collection::vec("[0-9]{8}-[0-9]{1,4}", 0..4),
        prop::collection::vec((any_gtin(), "[A-Za-z][A-Za-z0-9 ]{0,40}"), 0..4),
        "([A-Za-zæøå][A-Za-zæøå ]{0,30}[A-Za-zæøå])?",
    )
        .prop_map(
            |(
                lang,
                batches,
                pharmacy,
                label_size,
                mut diary,
                retired_numbers,
                names,
                condition,
            )| {
                // Read back in day-and-time order (a stable sort).
                diary.sort_by_key(|e| (e.date, e.time));
                Document {
                    version: CURRENT_VERSION,
                    lang,
                    pharmacy,
                    label_size,
                    batches: batches
                        .into_iter()
                        .enumerate()
                        .map(|(i, (b, record, (printed, revisions)))| Batch {
                            number: format!("{}-{i}", b.prepared.to_string().replace('-', "")),
                            // Saved only when the tablets outlast the bottle,
                            // kept no shorter than it was prepared.
                            record: Record {
                                tablet_expiry: record
                                    .tablet_expiry
                                    .map(|t| t.max(b.policy.last_day(b.prepared)))
                                    .filter(|t| t.ymd().0 <= 2199),
                                retain_until: record.retain_until.map(|d| d.max(b.prepared)),
                                ..record
                            },
                            printed,
                            // A printed label's day, never before it was
                            // made (some printed bottles had only the record).
                            dispensed: (printed && i % 2 == 0)
                                .then(|| b.prepared.add_days(i32::try_from(i).unwrap())),
                            revisions,
                            ..b
                        })
                        .collect(),
                    diary,
                    condition,
                    formulas: Vec::new(),
                    retired_numbers,
                    products: {
                        let mut doc = Document::new();
                        for (gtin, name) in names {
                            doc.remember_product(&gtin, &name);
                        }
                        doc.products
                    },
                }
            },
        )
}

/// A product code as a pack's 2D code carries it: 13 digits and the one
/// check digit the reader accepts (the checksum itself is tested in
/// `pack_scan_properties`).
fn any_gtin() -> impl Strategy<Value = String> {
    "[0-9]{13}".prop_map(|body| {
        (0..10)
            .map(|d| format!("{body}{d}"))
            .find(|code| is_gtin(code))
            .expect("one of ten digits is the check digit")
    })
}

/// Text as a record keeps it (one line, trimmed).
fn record_text() -> impl Strategy<Value = String> {
    ".{0,30}".prop_map(|t| clean(&t))
}

fn any_record() -> impl Strategy<Value = Record> {
    (
        (
            record_text(),
            record_text(),
            proptest::option::of(any_date()),
            prop_oneof![Just(String::new()), any_gtin()],
        ),
        (record_text(), record_text(), record_text()),
        (record_text(), record_text()),
        (
            record_text(),
            record_text(),
            record_text(),
            proptest::option::of(prop::sample::select(UseCode::ALL.to_vec())),
        ),
        (
            record_text(),
            proptest::option::of(decimal(1..=10_000, 1)),
            prop::sample::select(Appearance::ALL.to_vec()),
            record_text(),
            proptest::option::of(any_date()),
        ),
    )
        .prop_map(
            |(
                (product, lot, tablet_expiry, gtin),
                (vehicle, prepared_by, checked_by),
                (patient, prescriber),
                (profession, prescription_no, indication, use_code),
                (calc_checked_by, measured, appearance, deviations, retain_until),
            )| Record {
                product,
                gtin,
                lot,
                tablet_expiry,
                vehicle,
                prepared_by,
                checked_by,
                patient,
                prescriber,
                profession,
                prescription_no,
                indication,
                use_code,
                calc_checked_by,
                measured_ml: measured.map(Ml::new),
                appearance,
                deviations,
                retain_until,
                formula: None,
            },
        )
}

/// A record's versions after the first (2, 3, ...), each with who, why and
/// a change, and whether it was printed (any versions mean it was).
fn any_history() -> impl Strategy<Value = (bool, Vec<Revision>)> {
    (
        any::<bool>(),
        prop::collection::vec(
            (
                any_date(),
                proptest::option::of((0..24u32, 0..60u32)),
                "[A-Za-z][A-Za-z ]{0,10}[A-Za-z]",
                "[A-Za-z][A-Za-z ]{0,20}[A-Za-z]",
                prop::sample::select(RecordField::ALL.to_vec()),
                record_text(),
                record_text(),
            ),
            0..3,
        ),
    )
        .prop_map(|(printed, versions)| {
            let revisions: Vec<Revision> = versions
                .into_iter()
                .enumerate()
                .map(
                    |(i, (date, time, by, why, field, before, after))| Revision {
                        version: u32::try_from(i).unwrap() + 2,
                        date,
                        time: time
                            .map(|(h, m)| TimeOfDay::parse(&format!("{h:02}:{m:02}")).unwrap()),
                        by: clean(&by),
                        why: clean(&why),
                        changes: vec![Change {
                            field,
                            before,
                            after,
                        }],
                    },
                )
                .collect();
            (printed || !revisions.is_empty(), revisions)
        })
}

fn any_pharmacy() -> impl Strategy<Value = Pharmacy> {
    (
        record_text(),
        record_text(),
        record_text(),
        prop::sample::select(Country::ALL.to_vec()),
    )
        .prop_map(|(name, address, phone, country)| Pharmacy {
            name,
            address,
            phone,
            country,
        })
}

fn any_date() -> impl Strategy<Value = Date> {
    (2000..=2199, 1..=12u32, 1..=28u32)
        .prop_map(|(y, m, d)| Date::from_ymd(y, m, d).expect("a day every month has"))
}

/// Any diary entry the reader accepts.
fn any_entry() -> impl Strategy<Value = DiaryEntry> {
    (
        any_date(),
        proptest::option::of((0..24u32, 0..60u32)),
        proptest::option::of((
            decimal(1..=100_000, 3),
            decimal(1..=100_000, 3),
            any::<bool>(),
        )),
        proptest::sample::subsequence(SideEffect::ALL.to_vec(), 0..=5),
        "[a-zA-Z æøå\n]{0,40}",
        proptest::option::of(2..=3u32),
        proptest::option::of(0..=10u8),
    )
        .prop_map(
            |(date, time, taken, effects, note, step_back, score)| DiaryEntry {
                date,
                time: time.map(|(h, m)| {
                    TimeOfDay::parse(&format!("{h:02}:{m:02}")).expect("a time on the clock")
                }),
                taken: taken.map(|(dose, draw, as_planned)| Taken {
                    dose_mg: Mg::new(dose),
                    draw_ml: Ml::new(draw),
                    as_planned,
                }),
                effects,
                note,
                step_back,
                score,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn written_documents_read_back(doc in any_document()) {
        let text = doc.to_json();
        prop_assert_eq!(load(Some(&text)), Loaded::Ready(doc.clone()));
        // And are written again the same, byte for byte.
        prop_assert_eq!(parse(&text).map(|d| d.to_json()), Ok(text));
    }

    /// Damaged documents (a cut, or a character changed) are refused or
    /// read, never a panic; whatever is read is valid and writes again.
    #[test]
    fn damaged_documents_never_panic(doc in any_document(), at in any::<prop::sample::Index>(), c in any::<char>()) {
        let text = doc.to_json();
        let mut chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len());
        let cut: String = chars[..i].iter().collect();
        // A document is an object, so no shorter part of it is one.
        prop_assert!(parse(&cut).is_err());
        chars[i] = c;
        let changed: String = chars.into_iter().collect();
        if let Ok(read) = parse(&changed) {
            prop_assert!(parse(&read.to_json()).is_ok());
        }
    }

    #[test]
    fn any_text_gives_a_document_or_a_reason(text in any::<String>()) {
        let _ = parse(&text);
    }
}
