//! Scanning the tablet pack (My batches): what the scanner typed, read as
//! a pack's 2D code (`model::gs1`), shown for the pharmacist to check
//! against the pack before its lot and expiry go into the record.

use super::form::{self, Control, Entry};
use ldn_catalog::{msg, Lang, Msg};
use ldn_engine::date::Date;
use ldn_model::gs1::{read_pack_code, PackCode, ScanProblem};
use ldn_model::pack_camera::{CameraEvent, CameraProblem, PackCamera};
use ldn_model::state::{Action, State, TextField};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackScanView {
    pub heading: &'static str,
    pub field: Control,
    pub hint: &'static str,
    /// Nothing while the field is empty.
    pub read: Option<PackRead>,
    /// Only where the browser reads DataMatrix codes from a camera.
    pub camera: Option<CameraView>,
}

/// The camera reader (`data-testid="pack-camera"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CameraView {
    /// Its button, and why the last try read nothing.
    Ready {
        start: (&'static str, Action),
        problem: Option<&'static str>,
    },
    /// The camera's picture (`video`, named `picture`), what to do, and
    /// the button that stops it.
    Reading {
        picture: &'static str,
        hint: &'static str,
        stop: (&'static str, Action),
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackRead {
    /// Why the scan could not be read (`data-testid="pack-problem"`).
    Problem(String),
    /// What was read (`data-testid="pack-read"`), each row (label, value,
    /// `data-field`), what to check, and the button that uses it.
    Read {
        rows: Vec<(String, String, &'static str)>,
        /// The separator was rebuilt: check lot and serial.
        rebuilt: Option<&'static str>,
        /// The pack has expired.
        expired: Option<String>,
        /// The product code is new to this device: its name is remembered
        /// once typed (a known one is a row, `data-field="product"`).
        product_new: Option<&'static str>,
        button: (&'static str, Action),
    },
}

pub fn pack_scan(s: &State) -> PackScanView {
    let lang = s.lang;
    PackScanView {
        heading: lang.t(Msg::PackScanHeading),
        field: form::text(
            s,
            "pack-scan",
            Entry::Text,
            None,
            TextField::PackScan,
            lang.t(Msg::PackScanField),
            &s.pack_scan,
        ),
        hint: lang.t(Msg::PackScanHint),
        read: (!s.pack_scan.trim().is_empty()).then(|| {
            match read_pack_code(&s.pack_scan, s.today) {
                Ok(code) => read(lang, &code, s.doc.product_for(&code.gtin), s.today),
                Err(problem) => PackRead::Problem(problem_text(lang, &problem)),
            }
        }),
        camera: camera(lang, s.pack_camera),
    }
}

fn camera(lang: Lang, camera: PackCamera) -> Option<CameraView> {
    let start = (lang.t(Msg::PackCamera), Action::Camera(CameraEvent::Start));
    let problem = |why| match why {
        CameraProblem::Denied => lang.t(Msg::PackCameraDenied),
        CameraProblem::NothingRead => lang.t(Msg::PackCameraNothing),
        CameraProblem::Unavailable => lang.t(Msg::PackCameraUnavailable),
    };
    match camera {
        PackCamera::Absent => None,
        PackCamera::Ready => Some(CameraView::Ready {
            start,
            problem: None,
        }),
        PackCamera::Failed(why) => Some(CameraView::Ready {
            start,
            problem: Some(problem(why)),
        }),
        PackCamera::Reading => Some(CameraView::Reading {
            picture: lang.t(Msg::PackCameraPicture),
            hint: lang.t(Msg::PackCameraHint),
            stop: (
                lang.t(Msg::PackCameraStop),
                Action::Camera(CameraEvent::Stop),
            ),
        }),
    }
}

fn read(lang: Lang, code: &PackCode, known: Option<&str>, today: Date) -> PackRead {
    let row = |label: Msg, value: String, field| (lang.t(label).to_string(), value, field);
    let mut rows = vec![row(Msg::PackGtin, code.gtin.clone(), "gtin")];
    if let Some(name) = known {
        rows.push(row(Msg::PackKnownProduct, name.to_string(), "product"));
    }
    if let Some(number) = code.norwegian_product_number() {
        rows.push(row(Msg::PackProductNumber, number.to_string(), "vnr"));
    }
    if let Some(lot) = &code.lot {
        rows.push(row(Msg::RecordLot, lot.clone(), "lot"));
    }
    if let Some(expiry) = code.expiry {
        rows.push(row(Msg::RecordTabletExpiry, lang.date(expiry), "expiry"));
    }
    if let Some(serial) = &code.serial {
        rows.push(row(Msg::PackSerial, serial.clone(), "serial"));
    }
    if let Some((ai, number)) = &code.national {
        rows.push((lang.f(msg::PackNational { ai }), number.clone(), "national"));
    }
    PackRead::Read {
        rows,
        rebuilt: code.rebuilt.then(|| lang.t(Msg::PackRebuilt)),
        product_new: known.is_none().then(|| lang.t(Msg::PackProductNew)),
        expired: code.expiry.filter(|e| *e < today).map(|e| {
            lang.f(msg::PackExpired {
                date: &lang.date(e),
            })
        }),
        button: (lang.t(Msg::PackUse), Action::UsePackScan),
    }
}

fn problem_text(lang: Lang, problem: &ScanProblem) -> String {
    match problem {
        // Only separators or a symbology prefix: no product code either.
        ScanProblem::Empty | ScanProblem::NoGtin => lang.t(Msg::PackNoGtin).to_string(),
        ScanProblem::TooLong => lang.t(Msg::PackTooLong).to_string(),
        ScanProblem::UnknownAi(ai) => lang.f(msg::PackUnknownAi { ai }),
        ScanProblem::Truncated(ai) => lang.f(msg::PackTruncated { ai }),
        ScanProblem::BadCharacter(ai) => lang.f(msg::PackBadCharacter { ai }),
        ScanProblem::ValueTooLong(ai) => lang.f(msg::PackValueTooLong { ai }),
        ScanProblem::CheckDigit { gtin, expected } => lang.f(msg::PackCheckDigit {
            gtin,
            digit: &expected.to_string(),
        }),
        ScanProblem::BadDate(ai) => lang.f(msg::PackBadDate { ai }),
        ScanProblem::Repeated(ai) => lang.f(msg::PackRepeated { ai }),
        ScanProblem::Ambiguous => lang.t(Msg::PackAmbiguous).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_model::record::RecordProblem;
    use ldn_model::state::apply;
    use ldn_model::state::fixtures::{from_link, state};

    /// GS1's example GTIN; expiry 30 Nov 2027, lot AB-12/3, serial X9Y8Z7.
    const SCAN: &str = "]d2010950600013435221X9Y8Z7\u{1d}1727113010AB-12/3";

    fn scanned(s: State, typed: &str) -> State {
        apply(s, Action::Type(TextField::PackScan, typed.into()))
    }

    fn rows(v: &PackScanView) -> Vec<(&str, &str)> {
        match &v.read {
            Some(PackRead::Read { rows, .. }) => rows
                .iter()
                .map(|(_, value, field)| (*field, value.as_str()))
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_scan_is_shown_read_and_fills_the_record_when_used() {
        let s = scanned(state(), SCAN);
        let v = pack_scan(&s);
        assert_eq!(
            rows(&v),
            [
                ("gtin", "09506000134352"),
                ("lot", "AB-12/3"),
                ("expiry", "30 Nov 2027"),
                ("serial", "X9Y8Z7")
            ]
        );
        let Some(PackRead::Read {
            rebuilt,
            expired,
            button,
            ..
        }) = v.read
        else {
            unreachable!()
        };
        assert_eq!((rebuilt, expired), (None, None));
        // Nothing goes into the record until the pharmacist uses it.
        assert_eq!(s.record.lot, "");
        let s = apply(s, button.1);
        assert_eq!(
            (s.record.lot.as_str(), s.record.tablet_expiry.as_str()),
            ("AB-12/3", "2027-11-30")
        );
        assert_eq!((s.pack_scan.as_str(), pack_scan(&s).read), ("", None));
        assert_eq!(s.record_problem(), None);
    }

    /// The product name is typed once for a product code: the bottle's
    /// record keeps the code, and the next scan of that product fills the
    /// name in (a scan of another product does not keep it).
    #[test]
    fn a_product_name_typed_once_is_filled_in_by_the_next_scan() {
        let s = scanned(state(), SCAN);
        let Some(PackRead::Read { product_new, .. }) = pack_scan(&s).read else {
            panic!()
        };
        assert!(product_new
            .unwrap()
            .starts_with("This device does not know this product code"));
        let s = apply(s, Action::UsePackScan);
        assert_eq!(s.record.gtin, "09506000134352");
        let s = apply(
            s,
            Action::Type(TextField::Product, "Naltrexone Accord 50 mg".into()),
        );
        let s = apply(s, Action::SaveBatch);
        let saved = &s.doc.batches[0].record;
        assert_eq!(
            (saved.gtin.as_str(), saved.product.as_str()),
            ("09506000134352", "Naltrexone Accord 50 mg")
        );
        // Its record prints the product code beside the product.
        let record = crate::record::record(s.lang, &s.doc.batches[0], &s);
        let printed: Vec<_> = record
            .rows
            .iter()
            .take(3)
            .map(|r| (r.id, r.value.as_deref()))
            .collect();
        assert_eq!(
            printed,
            [
                ("number", Some("20260301-1")),
                ("product", Some("Naltrexone Accord 50 mg")),
                ("gtin", Some("09506000134352"))
            ]
        );
        // The next bottle starts blank; its scan names the product.
        assert_eq!(
            (s.record.gtin.as_str(), s.record.product.as_str()),
            ("", "")
        );
        let s = scanned(s, SCAN);
        let v = pack_scan(&s);
        assert_eq!(rows(&v)[1], ("product", "Naltrexone Accord 50 mg"));
        let Some(PackRead::Read { product_new, .. }) = v.read else {
            panic!()
        };
        assert_eq!(product_new, None);
        let s = apply(s, Action::UsePackScan);
        assert_eq!(s.record.product, "Naltrexone Accord 50 mg");
        // Another product's pack: that name is not this product's.
        let other = "0107046261234566172711301011\u{1d}2112";
        let s = apply(scanned(s, other), Action::UsePackScan);
        assert_eq!(
            (s.record.gtin.as_str(), s.record.product.as_str()),
            ("07046261234566", "")
        );
        // A name typed before any scan is kept for the pack then scanned.
        let s = apply(
            state(),
            Action::Type(TextField::Product, "Naltrexon Vitusapotek".into()),
        );
        let s = apply(scanned(s, other), Action::UsePackScan);
        assert_eq!(s.record.product, "Naltrexon Vitusapotek");
    }

    /// The camera button only where the browser reads DataMatrix codes; a
    /// code it reads goes into the scan field, shown read to check, as a
    /// scanner's does; a try that reads nothing says why.
    #[test]
    fn the_camera_reads_into_the_scan_field_where_the_browser_can() {
        let s = state();
        assert_eq!(pack_scan(&s).camera, None);
        // A code reported without a reader running is not taken.
        let s = apply(s, Action::CameraRead(SCAN.into()));
        assert_eq!(s.pack_scan, "");
        let s = apply(s, Action::Camera(CameraEvent::Available));
        let Some(CameraView::Ready { start, problem }) = pack_scan(&s).camera else {
            panic!()
        };
        assert_eq!((start.0, problem), ("Read with the camera", None));
        let s = apply(s, start.1);
        let Some(CameraView::Reading { stop, .. }) = pack_scan(&s).camera else {
            panic!()
        };
        assert_eq!(stop.0, "Stop the camera");
        let s = apply(s, Action::CameraRead(SCAN.into()));
        assert_eq!(s.pack_camera, PackCamera::Ready);
        assert_eq!(rows(&pack_scan(&s))[0], ("gtin", "09506000134352"));
        // Nothing filled until the pharmacist uses it.
        assert_eq!(s.record.lot, "");
        // A try that reads nothing, in every language.
        for lang in ["en", "nb", "da", "uk"] {
            let s = apply(
                from_link(&format!("lang={lang}")),
                Action::Camera(CameraEvent::Available),
            );
            let s = apply(s, Action::Camera(CameraEvent::Start));
            for why in [
                CameraProblem::Denied,
                CameraProblem::NothingRead,
                CameraProblem::Unavailable,
            ] {
                let failed = apply(s.clone(), Action::Camera(CameraEvent::Failed(why)));
                let Some(CameraView::Ready { problem, .. }) = pack_scan(&failed).camera else {
                    panic!()
                };
                assert!(problem.is_some_and(|p| p.len() > 20), "{lang} {why:?}");
            }
        }
    }

    #[test]
    fn an_expired_pack_is_said_and_refused_as_a_typed_expiry_is() {
        // Expired on 28 Feb 2026 (day 00: the month's last day), the day
        // before today (1 Mar 2026).
        let s = scanned(state(), "010950600013435217260200\u{1d}10L1\u{1d}21S1");
        let Some(PackRead::Read { expired, .. }) = pack_scan(&s).read else {
            panic!()
        };
        assert_eq!(
            expired.as_deref(),
            Some("This pack expired on 28 Feb 2026: do not use these tablets.")
        );
        let s = apply(s, Action::UsePackScan);
        assert!(matches!(
            s.record_problem(),
            Some(RecordProblem::TabletsExpireFirst { .. })
        ));
    }

    #[test]
    fn a_lost_separator_and_a_norwegian_pack_are_said() {
        let s = scanned(from_link("lang=nb"), "01070462612345662127AB1727113010LOT7");
        let v = pack_scan(&s);
        assert_eq!(rows(&v)[1], ("vnr", "123456"));
        let Some(PackRead::Read { rebuilt, .. }) = v.read else {
            panic!()
        };
        assert!(rebuilt
            .unwrap()
            .starts_with("Skanneren sendte ingen skilletegn"));
    }

    #[test]
    fn a_scan_that_cannot_be_read_says_why_and_fills_nothing() {
        let s = scanned(state(), "01095060001343531727113010L");
        assert_eq!(
            pack_scan(&s).read,
            Some(PackRead::Problem(
                "The product code 09506000134353 fails its check digit (it would end in 2): scan \
                 again."
                    .into()
            ))
        );
        let s = apply(s, Action::UsePackScan);
        assert_eq!(
            (s.record.lot.as_str(), s.record.tablet_expiry.as_str()),
            ("", "")
        );
        // Every problem has its words in every language, naming the element.
        for lang in ["en", "nb", "da", "uk"] {
            let lang_of = from_link(&format!("lang={lang}")).lang;
            for (problem, names) in [
                (ScanProblem::Empty, ""),
                (ScanProblem::TooLong, ""),
                (ScanProblem::UnknownAi("99AB".into()), "99AB"),
                (ScanProblem::Truncated("17"), "(17)"),
                (ScanProblem::BadCharacter("10"), "(10)"),
                (ScanProblem::ValueTooLong("21"), "(21)"),
                (ScanProblem::BadDate("11"), "(11)"),
                (ScanProblem::Repeated("01"), "(01)"),
                (ScanProblem::NoGtin, "(01)"),
                (ScanProblem::Ambiguous, "GS"),
            ] {
                let text = problem_text(lang_of, &problem);
                assert!(
                    text.len() > 20 && text.contains(names),
                    "{lang} {problem:?}: {text}"
                );
            }
        }
        // Only spaces: nothing is shown.
        assert_eq!(pack_scan(&scanned(state(), "  ")).read, None);
    }
}
