//! The particulars a label carries by the pharmacy's country
//! (`ldn_model::country`): the prescription's lines (prescriber and
//! profession, indication, use code, prescription number), who prepared
//! and checked the bottle, and what the country's rules ask for that is
//! not filled in (said beside the label, never on it).

use ldn_catalog::{msg, Lang, Msg};
use ldn_model::country::{Country, Particular, UseCode};
use ldn_model::record::{Pharmacy, Record, RecordDraft};

/// The record's particulars a label may carry (a saved record's, or the
/// one being typed for the next bottle).
pub struct Who<'a> {
    prescriber: &'a str,
    profession: &'a str,
    indication: &'a str,
    use_code: Option<UseCode>,
    prescription_no: &'a str,
    prepared_by: &'a str,
    checked_by: &'a str,
}

impl<'a> Who<'a> {
    pub fn of(r: &'a Record) -> Who<'a> {
        Who {
            prescriber: &r.prescriber,
            profession: &r.profession,
            indication: &r.indication,
            use_code: r.use_code,
            prescription_no: &r.prescription_no,
            prepared_by: &r.prepared_by,
            checked_by: &r.checked_by,
        }
    }

    pub fn typed(r: &'a RecordDraft) -> Who<'a> {
        Who {
            prescriber: r.prescriber.trim(),
            profession: r.profession.trim(),
            indication: r.indication.trim(),
            use_code: r.use_code,
            prescription_no: r.prescription_no.trim(),
            prepared_by: r.prepared_by.trim(),
            checked_by: r.checked_by.trim(),
        }
    }
}

/// The name of a use code, on the label and in the record's choice.
pub fn use_code_words(code: UseCode) -> Msg {
    match code {
        UseCode::Regular => Msg::UseCodeRegular,
        UseCode::AsNeeded => Msg::UseCodeAsNeeded,
        UseCode::Course => Msg::UseCodeCourse,
    }
}

/// The country's name (`Country::Other`: "another country").
pub fn country_name(country: Country) -> Msg {
    match country {
        Country::Norway => Msg::CountryNorway,
        Country::Denmark => Msg::CountryDenmark,
        Country::Ukraine => Msg::CountryUkraine,
        Country::UnitedKingdom => Msg::CountryUnitedKingdom,
        Country::Other => Msg::CountryOther,
    }
}

/// Which of the record's prescription fields and who made it the
/// pharmacy's labels print (said under the record's fields, so nothing
/// typed is left off a label unsaid).
pub fn on_the_label(lang: Lang, country: Country) -> String {
    let words: Vec<&str> = [
        Particular::Prescriber,
        Particular::Profession,
        Particular::Indication,
        Particular::UseCode,
        Particular::PrescriptionNumber,
        Particular::PreparedBy,
        Particular::CheckedBy,
    ]
    .into_iter()
    .filter(|p| country.asks(*p))
    .filter_map(|p| particular_words(p).map(|m| lang.t(m)))
    .collect();
    lang.f(msg::RecordOnLabel {
        country: lang.t(country_name(country)),
        list: &words.join(", "),
    })
}

/// A particular typed in the record or the pharmacy's details, named in a
/// list (`RecordOnLabel`, `LabelMissing`); none for those the app prints
/// itself.
fn particular_words(p: Particular) -> Option<Msg> {
    Some(match p {
        Particular::Patient => Msg::ParticularPatient,
        Particular::PharmacyName => Msg::ParticularPharmacyName,
        Particular::PharmacyAddress => Msg::ParticularPharmacyAddress,
        Particular::Prescriber => Msg::ParticularPrescriber,
        Particular::Profession => Msg::ParticularProfession,
        Particular::Indication => Msg::ParticularIndication,
        Particular::UseCode => Msg::ParticularUseCode,
        Particular::PrescriptionNumber => Msg::ParticularPrescriptionNo,
        Particular::PreparedBy => Msg::ParticularPreparedBy,
        Particular::CheckedBy => Msg::ParticularCheckedBy,
        Particular::DispensingDate | Particular::Compounded | Particular::ChildrenWarning => {
            return None
        }
    })
}

/// The prescription's lines the country asks for, as filled in.
pub fn prescription_lines(lang: Lang, country: Country, w: &Who) -> Vec<String> {
    let mut lines = Vec::new();
    if country.asks(Particular::Prescriber) && !w.prescriber.is_empty() {
        lines.push(
            if country.asks(Particular::Profession) && !w.profession.is_empty() {
                lang.f(msg::LabelPrescriberProfession {
                    name: w.prescriber,
                    profession: w.profession,
                })
            } else {
                lang.f(msg::LabelPrescriber { name: w.prescriber })
            },
        );
    }
    if country.asks(Particular::Indication) && !w.indication.is_empty() {
        lines.push(lang.f(msg::LabelIndication {
            indication: w.indication,
        }));
    }
    if let Some(code) = w.use_code.filter(|_| country.asks(Particular::UseCode)) {
        lines.push(lang.f(msg::LabelUseCode {
            code: lang.t(use_code_words(code)),
        }));
    }
    if country.asks(Particular::PrescriptionNumber) && !w.prescription_no.is_empty() {
        lines.push(lang.f(msg::LabelPrescriptionNo {
            number: w.prescription_no,
        }));
    }
    lines
}

/// Who prepared and checked it, where the country asks and as filled in.
pub fn made_by(lang: Lang, country: Country, w: &Who) -> Option<String> {
    let prepared = (country.asks(Particular::PreparedBy) && !w.prepared_by.is_empty()).then(|| {
        lang.f(msg::LabelPreparedBy {
            name: w.prepared_by,
        })
    });
    let checked = (country.asks(Particular::CheckedBy) && !w.checked_by.is_empty())
        .then(|| lang.f(msg::LabelCheckedBy { name: w.checked_by }));
    let parts: Vec<String> = prepared.into_iter().chain(checked).collect();
    (!parts.is_empty()).then(|| parts.join(" \u{b7} "))
}

/// What the country's rules ask the label for that is not filled in, in
/// one sentence.
pub fn missing(lang: Lang, pharmacy: &Pharmacy, patient: &str, w: &Who) -> Option<String> {
    let country = pharmacy.country;
    let empty = |p: Particular| match p {
        Particular::Patient => patient.is_empty(),
        Particular::PharmacyName => pharmacy.name.is_empty(),
        Particular::PharmacyAddress => pharmacy.address.is_empty(),
        Particular::Prescriber => w.prescriber.is_empty(),
        Particular::Profession => w.profession.is_empty(),
        Particular::Indication => w.indication.is_empty(),
        Particular::PreparedBy => w.prepared_by.is_empty(),
        Particular::CheckedBy => w.checked_by.is_empty(),
        // Printed by the app itself, or only when given.
        Particular::DispensingDate
        | Particular::UseCode
        | Particular::PrescriptionNumber
        | Particular::Compounded
        | Particular::ChildrenWarning => false,
    };
    let words: Vec<&str> = country
        .missing(empty)
        .into_iter()
        .filter_map(|p| particular_words(p).map(|m| lang.t(m)))
        .collect();
    (!words.is_empty()).then(|| {
        lang.f(msg::LabelMissing {
            country: lang.t(country_name(country)),
            list: &words.join(", "),
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::label::{batch_label, label, LabelView};
    use ldn_engine::date::Date;
    use ldn_model::country::{Country, UseCode};
    use ldn_model::record::LabelSize;
    use ldn_model::state::fixtures::from_link;
    use ldn_model::state::{apply, Action, PrintJob, State, TextField};

    fn day(iso: &str) -> Date {
        Date::parse_iso(iso).unwrap()
    }

    /// A bottle saved on 1 Mar 2026 (printed on `today`) by a pharmacy in
    /// `country`, with every record field typed as `fields` gives them.
    fn saved(lang: &str, country: Country, fields: &[(TextField, &str)]) -> State {
        saved_with(lang, country, fields, None)
    }

    fn saved_with(
        lang: &str,
        country: Country,
        fields: &[(TextField, &str)],
        use_code: Option<UseCode>,
    ) -> State {
        let mut s = from_link(&format!(
            "lang={lang}&dose=1.5&syringe=3&prepared=2026-03-01"
        ));
        s.today = ldn_engine::date::Date::parse_iso("2026-03-02").unwrap();
        for (field, text) in fields {
            s = apply(s, Action::Type(*field, (*text).into()));
        }
        s = apply(s, Action::RecordUseCode(use_code));
        s = apply(s, Action::PharmacyCountry(country));
        s = apply(s, Action::SavePharmacy);
        apply(s, Action::SaveBatch)
    }

    fn label_of(s: &State) -> LabelView {
        batch_label(s.lang, &s.doc.batches[0], s)
    }

    const FULL: [(TextField, &str); 10] = [
        (TextField::Patient, "Kari Nordmann"),
        (TextField::PharmacyName, "Apotek 1 Storgata"),
        (TextField::PharmacyAddress, "Storgata 1, 0155 Oslo"),
        (TextField::Prescriber, "Ingrid Haugen"),
        (TextField::Profession, "lege"),
        (TextField::Indication, "smerter"),
        (TextField::PrescriptionNo, "RX-1"),
        (TextField::PreparedBy, "NN"),
        (TextField::CheckedBy, "KK"),
        (TextField::Product, "Naltrexone Accord 50 mg"),
    ];

    /// Norway (§ 15-2): the prescriber with profession, the indication,
    /// the use code, the dispensing date and the pharmacist's control;
    /// no prescription number, which Norway does not ask for.
    #[test]
    fn a_norwegian_label_names_prescriber_profession_indication_use_code_and_control() {
        let s = saved_with("nb", Country::Norway, &FULL, Some(UseCode::Regular));
        let v = label_of(&s);
        assert_eq!(
            v.prescription,
            [
                "Rekvirent: Ingrid Haugen, lege",
                "Bruksområde: smerter",
                "Brukskode: Fast"
            ]
        );
        assert_eq!(v.made_by.as_deref(), Some("Kontrollert av farmasøyt: KK"));
        assert_eq!(v.dispensed.as_deref(), Some("Utlevert: 02.03.2026"));
        assert_eq!(v.compounded, None);
        assert_eq!(v.missing, None);
        assert!(v.storage.contains("utilgjengelig for barn"));
    }

    /// What Norway's law asks for and the record leaves empty is named
    /// beside the label, in the record's order.
    #[test]
    fn missing_particulars_are_named_beside_the_label() {
        let s = saved(
            "en",
            Country::Norway,
            &[
                (TextField::Patient, "Kari Nordmann"),
                (TextField::PharmacyName, "Apotek 1"),
                (TextField::Prescriber, "Ingrid Haugen"),
            ],
        );
        let v = label_of(&s);
        assert_eq!(
            v.missing.as_deref(),
            Some(
                "Not on this label, though the rules of its country (Norway) ask for it: the \
                 prescriber's profession, the indication, who checked it. Fill it in on the \
                 bottle's record (the pharmacy's details under Pharmacy)."
            )
        );
        // The prescriber is printed without the missing profession.
        assert_eq!(v.prescription, ["Prescriber: Ingrid Haugen"]);
        // Filled in, nothing is missing.
        assert_eq!(label_of(&saved("en", Country::Norway, &FULL)).missing, None);
    }

    /// The UK (Sch. 25): no prescriber or number on the label even when
    /// typed (the form says which fields print), the indication when the
    /// directions give it, the pharmacy's address asked for, and the RPS
    /// wording.
    #[test]
    fn a_uk_label_follows_schedule_25_and_the_rps_wording() {
        let s = saved("en", Country::UnitedKingdom, &FULL);
        let v = label_of(&s);
        assert_eq!(v.prescription, ["Used for: smerter"]);
        assert_eq!(
            super::on_the_label(s.lang, Country::UnitedKingdom),
            "This pharmacy's labels (United Kingdom) print, of these fields: the indication. \
             The others stay on the record."
        );
        assert_eq!(v.made_by, None);
        assert_eq!(v.dispensed.as_deref(), Some("Dispensed: 2 Mar 2026"));
        assert!(v
            .storage
            .ends_with("Keep out of the reach and sight of children."));
        assert_eq!(v.missing, None);
        let no_address: Vec<_> = FULL
            .into_iter()
            .filter(|(f, _)| *f != TextField::PharmacyAddress)
            .collect();
        let v = label_of(&saved("en", Country::UnitedKingdom, &no_address));
        assert_eq!(
            v.missing.as_deref(),
            Some(
                "Not on this label, though the rules of its country (United Kingdom) ask for \
                 it: the pharmacy's address. Fill it in on the bottle's record (the \
                 pharmacy's details under Pharmacy)."
            )
        );
        // Elsewhere the usual English wording.
        let v = label_of(&saved("en", Country::Denmark, &FULL));
        assert!(v.storage.ends_with("Keep out of the reach of children."));
    }

    /// Ukraine: who prepared and who checked, and the prescription number.
    #[test]
    fn a_ukrainian_label_says_who_prepared_and_checked_it() {
        let v = label_of(&saved("uk", Country::Ukraine, &FULL));
        assert_eq!(
            v.made_by.as_deref(),
            Some("Приготував: NN \u{b7} Перевірив: KK")
        );
        assert_eq!(v.prescription, ["Рецепт № RX-1"]);
        assert_eq!(v.dispensed, None);
    }

    /// Another country: "compounded preparation", the prescriber and the
    /// number when typed, nothing ever reported missing.
    #[test]
    fn another_countrys_label_says_compounded_and_asks_for_nothing() {
        let v = label_of(&saved("en", Country::Other, &FULL));
        assert_eq!(v.compounded, Some("Compounded preparation."));
        assert_eq!(
            v.prescription,
            [
                "Prescriber: Ingrid Haugen",
                "Used for: smerter",
                "Prescription no. RX-1"
            ]
        );
        let v = label_of(&saved("en", Country::Other, &[]));
        assert_eq!(v.missing, None);
        assert!(v.prescription.is_empty());
        assert_eq!(v.quantity, "50\u{a0}mL");
    }

    /// Dispensed the day it is printed, never before the bottle is made
    /// (a label printed before then states no dispensing date); the
    /// Prepare label reads the record being typed.
    #[test]
    fn the_dispensing_date_is_the_printing_day_and_the_prepare_label_reads_the_typed_record() {
        let mut s = saved("en", Country::Norway, &FULL);
        assert_eq!(
            label_of(&s).dispensed.as_deref(),
            Some("Dispensed: 2 Mar 2026")
        );
        s.today = ldn_engine::date::Date::parse_iso("2026-02-20").unwrap();
        assert_eq!(label_of(&s).dispensed, None);
        // The record typed for the next bottle (the last one's was cleared).
        let s = apply(s, Action::Type(TextField::Prescriber, "Ola Lege".into()));
        let s = apply(s, Action::RecordUseCode(Some(UseCode::Course)));
        let v = label(&s).expect("a Prepare label");
        assert_eq!(
            v.prescription,
            ["Prescriber: Ola Lege", "Use code: Course (kur)"]
        );
        assert!(v.missing.is_some_and(|m| m.contains("the patient's name")));
    }

    /// Long names of who prepared and checked it are counted by the
    /// small label's rule: a smaller type, or the contents line dropped
    /// (`print-fit` prints them and reads every line back).
    #[test]
    fn long_particulars_are_counted_by_the_small_labels_rule() {
        let small = |fields: &[(TextField, &str)]| {
            let s = saved("en", Country::Ukraine, fields);
            let s = apply(s, Action::LabelSize(LabelSize::Small));
            label_of(&s)
        };
        let short = small(&FULL);
        let mut long = FULL.to_vec();
        long.push((
            TextField::PreparedBy,
            "Олександра Костянтинівна Шевченко-Вербицька",
        ));
        long.push((
            TextField::CheckedBy,
            "Наталія Миколаївна Коваленко-Вербицька",
        ));
        let long = small(&long);
        let order = ["normal", "compact", "dense"];
        let at = |d: &str| order.iter().position(|x| *x == d).unwrap();
        assert!(
            at(long.density) > at(short.density)
                || (long.contents.is_none() && short.contents.is_some()),
            "{} {}",
            short.density,
            long.density
        );
    }

    /// A label the page measured spilling off its stock even in the
    /// smallest type is not printed on it: said instead. On A4 it prints.
    #[test]
    fn a_label_that_spills_off_its_stock_is_refused_not_printed() {
        let s = saved("uk", Country::Ukraine, &FULL);
        let small = apply(s.clone(), Action::LabelSize(LabelSize::Small));
        assert!(label_of(&small).can_print);
        let spilling = apply(small, Action::LabelSpills(true));
        let v = label_of(&spilling);
        assert!(!v.can_print);
        assert_eq!(
            v.too_long.as_deref(),
            Some(
                "Текст не вміщується на вибраній етикетці (Етикетка 70 × 37 мм) навіть \
                 найдрібнішим шрифтом: виберіть звичайний папір A4 або більшу етикетку."
            )
        );
        let a4 = label_of(&apply(spilling, Action::LabelSize(LabelSize::A4)));
        assert!(a4.can_print);
        assert_eq!(a4.too_long, None);
    }

    /// The dispensing date is the day the label is first printed; a
    /// reprint later keeps it, and the record says it. Printing only the
    /// record dispenses nothing.
    #[test]
    fn the_dispensing_date_is_kept_from_the_first_printed_label() {
        let s = saved("en", Country::UnitedKingdom, &FULL);
        let id = s.doc.batches[0].id;
        let s = apply(s, Action::Print(PrintJob::Record(id)));
        assert_eq!(s.doc.batches[0].dispensed, None);
        let s = apply(s, Action::Print(PrintJob::Label(id)));
        assert_eq!(s.doc.batches[0].dispensed, Some(day("2026-03-02")));
        let mut later = s;
        later.today = day("2026-03-20");
        let later = apply(later, Action::Print(PrintJob::Label(id)));
        assert_eq!(later.doc.batches[0].dispensed, Some(day("2026-03-02")));
        assert_eq!(
            label_of(&later).dispensed.as_deref(),
            Some("Dispensed: 2 Mar 2026")
        );
        let record = crate::record::record(later.lang, &later.doc.batches[0], &later);
        assert!(
            record.version_line.contains("Dispensed: 2 Mar 2026"),
            "{}",
            record.version_line
        );
    }

    /// A label first printed after the bottle's last day (or before its
    /// preparation day) says not to use it: it dispenses nothing and states
    /// no dispensing date; a bottle dispensed in time keeps its date.
    #[test]
    fn a_label_printed_after_the_last_day_dispenses_nothing() {
        let s = saved("en", Country::UnitedKingdom, &FULL);
        let id = s.doc.batches[0].id;
        let last = s.doc.batches[0].last_day();
        let mut late = s.clone();
        late.today = last.add_days(1);
        assert_eq!(label_of(&late).dispensed, None);
        let late = apply(late, Action::Print(PrintJob::Label(id)));
        assert_eq!(late.doc.batches[0].dispensed, None);
        assert!(late.doc.batches[0].printed);
        // Before its preparation day, likewise.
        let mut early = s.clone();
        early.today = early.doc.batches[0].prepared.add_days(-1);
        assert_eq!(label_of(&early).dispensed, None);
        let early = apply(early, Action::Print(PrintJob::Label(id)));
        assert_eq!(early.doc.batches[0].dispensed, None);
        // On its last day it still dispenses.
        let mut on_time = s;
        on_time.today = last;
        let on_time = apply(on_time, Action::Print(PrintJob::Label(id)));
        assert_eq!(on_time.doc.batches[0].dispensed, Some(last));
        let mut after = on_time;
        after.today = last.add_days(5);
        assert_eq!(
            label_of(&after).dispensed,
            Some(format!("Dispensed: {}", ldn_catalog::Lang::En.date(last)))
        );
    }

    /// The browser's own Print of a label that spills (print CSS hides it)
    /// prints nothing, so it dispenses nothing and marks nothing printed.
    #[test]
    fn a_spilling_label_printed_by_the_browser_is_not_dispensed() {
        let s = saved("uk", Country::Ukraine, &FULL);
        let id = s.doc.batches[0].id;
        let s = apply(s, Action::LabelSize(LabelSize::Small));
        let s = apply(s, Action::Show(ldn_model::state::Screen::Batches));
        let s = apply(s, Action::OpenBatch(Some(id)));
        let spilling = apply(s.clone(), Action::LabelSpills(true));
        let after = apply(spilling, Action::Printing);
        assert!(!after.doc.batches[0].printed);
        assert_eq!(after.doc.batches[0].dispensed, None);
        // On A4 it prints and is dispensed.
        let a4 = apply(after, Action::LabelSize(LabelSize::A4));
        let a4 = apply(a4, Action::Printing);
        assert!(a4.doc.batches[0].printed);
        assert_eq!(a4.doc.batches[0].dispensed, Some(day("2026-03-02")));
    }

    /// The label names the vehicle the record names: never "water" for
    /// another liquid (the journey review's Ora-Blend bottle).
    #[test]
    fn the_label_names_the_vehicle_it_was_made_up_with() {
        let mut fields = FULL.to_vec();
        fields.push((TextField::Vehicle, "Ora-Blend"));
        let v = label_of(&saved("en", Country::Other, &fields));
        assert_eq!(
            v.contents.as_deref(),
            Some("1 × 50\u{a0}mg tablet made up to 50\u{a0}mL with Ora-Blend")
        );
        let v = label_of(&saved("uk", Country::Ukraine, &fields));
        assert!(v
            .contents
            .is_some_and(|c| c.ends_with("(дисперсійне середовище: Ora-Blend)")));
        let v = label_of(&saved("en", Country::Other, &FULL));
        assert!(v.contents.is_some_and(|c| c.ends_with("with water")));
    }

    /// The method steps, on the record and on the Prepare screen, make
    /// the bottle up with the vehicle its record names, as its label says.
    #[test]
    fn the_method_steps_name_the_vehicle_it_is_made_up_with() {
        let mut fields = FULL.to_vec();
        fields.push((TextField::Vehicle, "Ora-Blend"));
        for (lang, water) in [
            ("en", "water"),
            ("nb", "vann"),
            ("da", "vand"),
            ("uk", "вод"),
        ] {
            let s = saved(lang, Country::Other, &fields);
            let record = crate::record::record(s.lang, &s.doc.batches[0], &s).steps;
            let typed = apply(
                s.clone(),
                Action::Type(TextField::Vehicle, "Ora-Blend".into()),
            );
            let prepare = crate::prepare::prepare(&typed).results.map(|r| r.steps);
            for steps in [Some(record), prepare] {
                let steps = steps.unwrap_or_default();
                assert!(
                    steps[0].contains("(Ora-Blend)") && steps[1].contains("(Ora-Blend)"),
                    "{lang}: {steps:?}"
                );
                assert!(
                    !steps[..2].iter().any(|t| t.contains(water)),
                    "{lang}: {steps:?}"
                );
            }
            // My batches names it too: the bottle's entry, and what the
            // next bottle saved will be.
            let view = crate::batches::batches(&typed, "");
            assert!(
                view.items[0].contents.contains("Ora-Blend"),
                "{lang}: {}",
                view.items[0].contents
            );
            let summary = view.save_summary.unwrap_or_default();
            assert!(
                summary.contains("Ora-Blend") && !summary.contains(water),
                "{lang}: {summary}"
            );
            let plain = saved(lang, Country::Other, &FULL);
            let steps = crate::record::record(plain.lang, &plain.doc.batches[0], &plain).steps;
            assert!(steps[1].contains(water), "{lang}: {steps:?}");
        }
    }
}
