//! A QR code for a text (the patient link), made on the device: the dark
//! modules as one SVG path, inside a quiet zone of 4 light modules (the
//! standard's minimum, so phone cameras find the code), error correction
//! level M (15 % of the code may be unreadable, e.g. a smudged screen or a
//! printout). The encoder is `qrcodegen` (MIT, no dependencies); the path
//! is integers only, in module units.

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};
use std::cell::RefCell;
use std::fmt::Write;

/// Light modules around the code on every side.
pub const QUIET_ZONE: i32 = 4;

/// A QR code as an SVG path of its dark modules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrPicture {
    /// Modules across, the quiet zone included: the `viewBox` is
    /// `0 0 side side`.
    pub side: i32,
    /// The QR version (1 to 40): `17 + 4 × version` modules across.
    pub version: u8,
    /// One `M x y h n v 1 h -n z` square run per row run of dark modules.
    pub path: String,
}

impl QrPicture {
    /// `"0 0 side side"`.
    pub fn view_box(&self) -> String {
        format!("0 0 {0} {0}", self.side)
    }

    /// The side, for the light background's width and height.
    pub fn side_attr(&self) -> String {
        self.side.to_string()
    }
}

/// The text does not fit in the largest QR code at level M (2331 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong;

thread_local! {
    /// The last text encoded and its code. Views are rebuilt on every state
    /// change, mostly with the same link (a tab switch, a diary tap, the
    /// record and the label of one bottle), and choosing the mask is most
    /// of an encode's cost (2 ms natively for a patient link, 0.1 ms with
    /// the mask fixed). The result depends on the text alone, so the cache
    /// changes no output.
    static LAST: RefCell<Option<(String, Result<QrPicture, TooLong>)>> = const { RefCell::new(None) };
}

/// The QR code of `text` at error correction level M exactly (not raised
/// when there is room: the code stays as small as M allows), with the mask
/// the standard's penalty rules choose.
pub fn encode(text: &str) -> Result<QrPicture, TooLong> {
    let cached = LAST.with(|last| match &*last.borrow() {
        Some((t, code)) if t == text => Some(code.clone()),
        _ => None,
    });
    if let Some(code) = cached {
        return code;
    }
    let code = encode_now(text);
    LAST.with(|last| *last.borrow_mut() = Some((text.to_string(), code.clone())));
    code
}

fn encode_now(text: &str) -> Result<QrPicture, TooLong> {
    let segments = QrSegment::make_segments(text);
    let qr = QrCode::encode_segments_advanced(
        &segments,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        None,
        false,
    )
    .map_err(|_| TooLong)?;
    let size = qr.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !qr.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && qr.get_module(x, y) {
                x += 1;
            }
            let run = x - start;
            // Writing to a String cannot fail.
            let _ = write!(
                path,
                "M{} {}h{run}v1h-{run}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE
            );
        }
    }
    Ok(QrPicture {
        side: size + 2 * QUIET_ZONE,
        version: qr.version().value(),
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark modules the path draws, as (x, y) in the picture.
    fn dark(p: &QrPicture) -> Vec<(i32, i32)> {
        let mut out = Vec::new();
        for run in p.path.split('z').filter(|r| !r.is_empty()) {
            let (at, rest) = run[1..].split_once('h').unwrap();
            let (x, y) = at.split_once(' ').unwrap();
            let (x, y): (i32, i32) = (x.parse().unwrap(), y.parse().unwrap());
            let n: i32 = rest.split_once('v').unwrap().0.parse().unwrap();
            assert_eq!(rest, format!("{n}v1h-{n}"));
            out.extend((x..x + n).map(|x| (x, y)));
        }
        out
    }

    #[test]
    fn a_short_text_is_a_version_1_code_of_21_modules_in_29() {
        let p = encode("HELLO").unwrap();
        assert_eq!((p.version, p.side), (1, 21 + 8));
        assert_eq!(p.view_box(), "0 0 29 29");
    }

    #[test]
    fn the_size_follows_the_version_and_the_quiet_zone_stays_light() {
        let link = "https://example.org/pharmacy/ldn/?tablet=50&tablets=1&volume=50&dose=1.5&syringe=3\
                    &prepared=2026-03-01&bud=30&plan=standard&pstart=2026-03-01&pdays=90&view=patient&lang=nb";
        for text in ["HELLO", "https://example.org/", link, &link.repeat(8)] {
            let p = encode(text).unwrap();
            let modules = 17 + 4 * i32::from(p.version);
            assert_eq!(p.side, modules + 2 * QUIET_ZONE, "{text}");
            let dark = dark(&p);
            assert!(!dark.is_empty());
            for (x, y) in dark {
                let inside = QUIET_ZONE..QUIET_ZONE + modules;
                assert!(inside.contains(&x) && inside.contains(&y), "({x}, {y})");
            }
        }
        // Longer text needs a larger version.
        assert!(encode(link).unwrap().version > encode("HELLO").unwrap().version);
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules_at_level_m() {
        let text = "https://example.org/?dose=1.5&view=patient";
        let p = encode(text).unwrap();
        let qr = QrCode::encode_segments_advanced(
            &QrSegment::make_segments(text),
            QrCodeEcc::Medium,
            Version::MIN,
            Version::MAX,
            None,
            false,
        )
        .unwrap();
        assert_eq!(qr.error_correction_level(), QrCodeEcc::Medium);
        let mut expected = Vec::new();
        for y in 0..qr.size() {
            for x in 0..qr.size() {
                if qr.get_module(x, y) {
                    expected.push((x + QUIET_ZONE, y + QUIET_ZONE));
                }
            }
        }
        assert_eq!(dark(&p), expected);
        // The three finder patterns' corners are dark.
        let last = QUIET_ZONE + qr.size() - 1;
        for corner in [
            (QUIET_ZONE, QUIET_ZONE),
            (last, QUIET_ZONE),
            (QUIET_ZONE, last),
        ] {
            assert!(expected.contains(&corner), "{corner:?}");
        }
    }

    #[test]
    fn a_repeated_text_gives_the_same_code_as_a_fresh_encode() {
        let a = "https://example.org/?dose=1.5&view=patient";
        let b = "https://example.org/?dose=2&view=patient";
        for text in [a, a, b, a, b, b] {
            assert_eq!(encode(text), encode_now(text), "{text}");
        }
        assert_ne!(encode(a), encode(b));
    }

    #[test]
    fn a_text_too_long_for_any_qr_code_is_refused() {
        assert_eq!(encode(&"a".repeat(2331)).map(|p| p.version), Ok(40));
        assert_eq!(encode(&"a".repeat(2332)), Err(TooLong));
    }
}
