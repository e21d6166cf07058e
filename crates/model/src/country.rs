//! What a dispensing label must say, by the pharmacy's country: each
//! particular with how binding it is and the rule it comes from. The label
//! (`view::label`) prints the particulars of its country's template and
//! names, beside it, the binding ones its record leaves empty; README's
//! "Label particulars by country" is this table (a test keeps them the
//! same). The research behind it, with what could not be verified, is in
//! `docs/label-particulars.md`.

/// The pharmacy's country, whose rules its labels follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Country {
    Norway,
    Denmark,
    Ukraine,
    UnitedKingdom,
    /// No country's template: the particulars common in compounding
    /// practice (USP <795> style), each printed when filled in.
    #[default]
    Other,
}

/// How binding a particular is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Required by the regulation named.
    Law,
    /// Required or expected by official or professional guidance.
    Guidance,
    /// Usual practice, printed when filled in; never reported missing.
    Custom,
}

/// A particular a label may carry beyond the product, its directions and
/// draw, its dates and storage, which every label carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Particular {
    Patient,
    PharmacyName,
    PharmacyAddress,
    DispensingDate,
    /// The prescriber's name.
    Prescriber,
    /// The prescriber's profession (Norway: "lege", "tannlege").
    Profession,
    /// What the medicine is used for, as on the prescription.
    Indication,
    /// Norway's "brukskode": fast, ved behov or kur, when the prescriber
    /// gave one.
    UseCode,
    PrescriptionNumber,
    /// Who prepared the bottle.
    PreparedBy,
    /// The pharmacist who checked it.
    CheckedBy,
    /// "Compounded preparation".
    Compounded,
    /// The country's wording of the children warning.
    ChildrenWarning,
}

/// One particular of a country's label, with its basis and source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub particular: Particular,
    pub basis: Basis,
    /// The regulation or guidance, as cited in README.
    pub source: &'static str,
}

const fn rule(particular: Particular, basis: Basis, source: &'static str) -> Rule {
    Rule {
        particular,
        basis,
        source,
    }
}

const UK_SCH25_2: &str = "Human Medicines Regulations 2012, Sch. 25 Pt 1 para 2";
const NO_15_2: &str =
    "Forskrift om rekvirering og utlevering av legemidler (FOR-2022-06-02-977) § 15-2";
const NO_GUIDE: &str = "Helsedirektoratet, veileder til forskriften, § 15-2";
const DK_MIN: &str = "min.medicin.dk, «Hvad står der på æsken og etiketten?» (2022)";
const UA_812: &str = "Наказ МОЗ № 812 (2012); СТ-Н МОЗУ 42-4.5:2015; Держлікслужба, 25.05.2021";
const CUSTOM: &str = "usual practice (no rule found)";

use Basis::{Custom, Guidance, Law};
use Particular::*;

const UK: [Rule; 6] = [
    rule(
        Patient,
        Law,
        "Human Medicines Regulations 2012, Sch. 25 Pt 1 para 1",
    ),
    rule(PharmacyName, Law, UK_SCH25_2),
    rule(PharmacyAddress, Law, UK_SCH25_2),
    rule(
        DispensingDate,
        Law,
        "Human Medicines Regulations 2012, Sch. 25 Pt 1 para 3",
    ),
    rule(
        Indication,
        Custom,
        "Sch. 25 Pt 1 para 4(b): when the prescriber's directions give it",
    ),
    rule(
        ChildrenWarning,
        Guidance,
        "Royal Pharmaceutical Society, Medicines, Ethics and Practice, 3.3.7",
    ),
];

const NORWAY: [Rule; 9] = [
    rule(Patient, Law, NO_15_2),
    rule(Prescriber, Law, NO_15_2),
    rule(Profession, Law, NO_15_2),
    rule(DispensingDate, Law, NO_15_2),
    rule(PharmacyName, Law, NO_15_2),
    rule(Indication, Law, NO_15_2),
    rule(UseCode, Guidance, NO_GUIDE),
    rule(CheckedBy, Law, "FOR-2022-06-02-977 § 15-2 with § 9-1"),
    rule(ChildrenWarning, Custom, CUSTOM),
];

const DENMARK: [Rule; 5] = [
    rule(Patient, Guidance, DK_MIN),
    rule(Indication, Guidance, DK_MIN),
    rule(PharmacyName, Custom, CUSTOM),
    rule(DispensingDate, Custom, CUSTOM),
    rule(
        ChildrenWarning,
        Custom,
        "BEK nr. 869 af 21/07/2011 § 31 (for authorised products)",
    ),
];

const UKRAINE: [Rule; 7] = [
    rule(PharmacyName, Guidance, UA_812),
    rule(PharmacyAddress, Guidance, UA_812),
    rule(PreparedBy, Guidance, UA_812),
    rule(CheckedBy, Guidance, UA_812),
    rule(Patient, Custom, CUSTOM),
    rule(PrescriptionNumber, Custom, CUSTOM),
    rule(ChildrenWarning, Custom, CUSTOM),
];

const OTHER: [Rule; 8] = [
    rule(Patient, Custom, CUSTOM),
    rule(PharmacyName, Custom, CUSTOM),
    rule(DispensingDate, Custom, CUSTOM),
    rule(Prescriber, Custom, CUSTOM),
    rule(Indication, Custom, CUSTOM),
    rule(PrescriptionNumber, Custom, CUSTOM),
    rule(Compounded, Custom, "USP <795>"),
    rule(ChildrenWarning, Custom, CUSTOM),
];

impl Country {
    pub const ALL: [Country; 5] = [
        Country::Norway,
        Country::Denmark,
        Country::Ukraine,
        Country::UnitedKingdom,
        Country::Other,
    ];

    /// The stable code in saved data (ISO 3166 alpha-2; `other`).
    pub fn code(self) -> &'static str {
        match self {
            Country::Norway => "NO",
            Country::Denmark => "DK",
            Country::Ukraine => "UA",
            Country::UnitedKingdom => "GB",
            Country::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Country> {
        Country::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The country's label particulars, in the order README lists them.
    pub fn rules(self) -> &'static [Rule] {
        match self {
            Country::Norway => &NORWAY,
            Country::Denmark => &DENMARK,
            Country::Ukraine => &UKRAINE,
            Country::UnitedKingdom => &UK,
            Country::Other => &OTHER,
        }
    }

    /// Whether the country's label carries `p`.
    pub fn asks(self, p: Particular) -> bool {
        self.rules().iter().any(|r| r.particular == p)
    }

    /// The particulars that must be on the label (law or guidance) but
    /// are not, by `is_empty`. A use code is needed only when the
    /// prescriber gave one, so it is never missing.
    pub fn missing(self, is_empty: impl Fn(Particular) -> bool) -> Vec<Particular> {
        self.rules()
            .iter()
            .filter(|r| r.basis != Custom && r.particular != UseCode)
            .map(|r| r.particular)
            .filter(|p| is_empty(*p))
            .collect()
    }
}

/// Norway's use code ("brukskode"), as the prescription gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UseCode {
    /// "Fast": taken regularly.
    Regular,
    /// "Ved behov": as needed.
    AsNeeded,
    /// "Kur": a course.
    Course,
}

impl UseCode {
    pub const ALL: [UseCode; 3] = [UseCode::Regular, UseCode::AsNeeded, UseCode::Course];

    /// The stable code in saved data.
    pub fn code(self) -> &'static str {
        match self {
            UseCode::Regular => "fast",
            UseCode::AsNeeded => "ved-behov",
            UseCode::Course => "kur",
        }
    }

    pub fn from_code(code: &str) -> Option<UseCode> {
        UseCode::ALL.into_iter().find(|c| c.code() == code)
    }
}

impl Particular {
    /// The name README gives it.
    pub fn name(self) -> &'static str {
        match self {
            Patient => "Patient's name",
            PharmacyName => "Pharmacy's name",
            PharmacyAddress => "Pharmacy's address",
            DispensingDate => "Date of dispensing",
            Prescriber => "Prescriber's name",
            Profession => "Prescriber's profession",
            Indication => "Indication (what it is used for)",
            UseCode => "Use code (fast, ved behov, kur), when given",
            PrescriptionNumber => "Prescription number",
            PreparedBy => "Prepared by",
            CheckedBy => "Checking pharmacist",
            Compounded => "\"Compounded preparation\"",
            ChildrenWarning => "Children warning, in the country's wording",
        }
    }
}

impl Basis {
    pub fn name(self) -> &'static str {
        match self {
            Law => "law",
            Guidance => "guidance",
            Custom => "custom",
        }
    }
}

/// README's table for `country` (inside a list item, so indented): a row
/// per particular.
pub fn readme_table(country: Country) -> String {
    let mut table = String::from("  | Particular | Basis | Source |\n  | --- | --- | --- |\n");
    for r in country.rules() {
        table.push_str(&format!(
            "  | {} | {} | {} |\n",
            r.particular.name(),
            r.basis.name(),
            r.source
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in Country::ALL {
            assert_eq!(Country::from_code(c.code()), Some(c));
        }
        for u in UseCode::ALL {
            assert_eq!(UseCode::from_code(u.code()), Some(u));
        }
        assert_eq!(Country::from_code("no"), None);
        assert_eq!(UseCode::from_code(""), None);
    }

    #[test]
    fn norway_asks_for_the_prescriber_and_profession_and_the_checking_pharmacist() {
        let no = Country::Norway;
        for p in [
            Prescriber,
            Profession,
            CheckedBy,
            Indication,
            DispensingDate,
        ] {
            assert!(no.asks(p), "{p:?}");
        }
        assert!(!no.asks(PrescriptionNumber));
        assert!(!Country::UnitedKingdom.asks(Prescriber));
        assert!(Country::Ukraine.asks(PreparedBy));
    }

    #[test]
    fn missing_names_only_binding_particulars_and_never_the_use_code() {
        let all_empty = |_| true;
        assert_eq!(
            Country::Norway.missing(all_empty),
            vec![
                Patient,
                Prescriber,
                Profession,
                DispensingDate,
                PharmacyName,
                Indication,
                CheckedBy
            ]
        );
        // Custom particulars are printed when given, never asked for.
        assert!(Country::Other.missing(all_empty).is_empty());
        assert_eq!(Country::Denmark.missing(|p| p != Patient), vec![Indication]);
        assert!(Country::UnitedKingdom.missing(|_| false).is_empty());
    }

    #[test]
    fn every_country_has_a_children_warning_and_each_particular_once() {
        for c in Country::ALL {
            assert!(c.asks(ChildrenWarning), "{c:?}");
            let rules = c.rules();
            for (i, r) in rules.iter().enumerate() {
                assert!(
                    rules[i + 1..].iter().all(|o| o.particular != r.particular),
                    "{c:?} {:?}",
                    r.particular
                );
                assert!(!r.source.is_empty());
            }
        }
    }

    #[test]
    fn the_readme_lists_every_countrys_particulars_and_sources() {
        let readme = include_str!("../../../README.md");
        for c in Country::ALL {
            let table = readme_table(c);
            assert!(
                readme.contains(&table),
                "README lacks {c:?}'s table; it should read:\n{table}"
            );
        }
    }
}
