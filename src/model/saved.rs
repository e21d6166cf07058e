//! Batches kept on the device: one versioned JSON document in local storage,
//! also used as the export/import file. Every batch is validated on the way
//! in (`Batch::from_json`), so stored data cannot skip the engine's checks.
//! Unreadable data is never dropped: `load` hands back the raw text.

use crate::engine::batch::{expiry, BeyondUse, Expiry};
use crate::engine::date::Date;
use crate::engine::number::{check_range, parse_decimal};
use crate::engine::quantity::{Mg, Ml};
use crate::engine::recipe::{Recipe, RecipeError};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::json::{self, Json};
use super::order::RecipeOrder;

/// The local-storage key.
pub const STORAGE_KEY: &str = "ldn-calc";
/// The document version this build writes. Older ones are migrated in
/// `migrate`; version 1 is the first, so there is nothing to migrate yet.
pub const CURRENT_VERSION: u32 = 1;
/// More batches than anyone keeps; a larger file is refused, not slowly read.
pub const MAX_BATCHES: usize = 1000;

/// A saved batch, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub id: u64,
    pub name: String,
    pub recipe: Recipe,
    pub prepared: Date,
    pub policy: BeyondUse,
    pub dose_mg: Mg,
    /// The rounded draw per intake, in mL (what the patient measures).
    pub draw_ml: Ml,
    pub per_day: u32,
    /// Intakes marked as taken.
    pub taken: u32,
    /// The shareable-link query at the time of saving (with its plan, if
    /// any), to reopen the calculation. Only link-safe characters.
    pub link: String,
}

/// Keeps a stored link query to the characters our links use, so it can
/// only ever be a query on this page.
fn safe_link(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || "=&%._:,-".contains(*c))
        .take(2000)
        .collect()
}

impl Batch {
    /// The batch as a prepared recipe: what the Dose screen draws from.
    pub fn recipe_order(&self) -> RecipeOrder {
        RecipeOrder {
            recipe: self.recipe,
            target_mg_per_ml: None,
            prepared: self.prepared,
            policy: self.policy,
        }
    }

    /// What one rounded draw really contains.
    pub fn delivered_mg(&self) -> Mg {
        self.recipe.concentration().mg_in(self.draw_ml)
    }
}

/// The stored shape: decimals as strings (exact), dates as ISO text, and
/// counts as whole numbers. `taken` and `link` may be missing (older files).
impl Batch {
    fn to_json(&self) -> Json {
        let text = |d: Decimal| Json::String(d.normalize().to_string());
        Json::Object(vec![
            ("id".into(), Json::from(self.id)),
            ("name".into(), Json::from(self.name.as_str())),
            ("tablet_mg".into(), text(self.recipe.tablet_mg().value())),
            ("tablets".into(), Json::from(self.recipe.tablets())),
            ("final_ml".into(), text(self.recipe.final_ml().value())),
            ("prepared".into(), Json::String(self.prepared.to_string())),
            ("bud_days".into(), Json::from(self.policy.days())),
            ("dose_mg".into(), text(self.dose_mg.value())),
            ("draw_ml".into(), text(self.draw_ml.value())),
            ("per_day".into(), Json::from(self.per_day)),
            ("taken".into(), Json::from(self.taken)),
            ("link".into(), Json::from(self.link.as_str())),
        ])
    }

    /// A batch from its stored shape, checked like typed input; the error
    /// names the first field that is missing or cannot be used.
    fn from_json(value: &Json) -> Result<Batch, &'static str> {
        let field = |key: &'static str| value.get(key).ok_or(key);
        let text = |key: &'static str| field(key)?.as_str().ok_or(key);
        let count = |key: &'static str| {
            field(key)?
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or(key)
        };
        let number = |key: &'static str| parse_decimal(text(key)?).map_err(|_| key);
        let optional = |key: &str| value.get(key).is_some();

        if !matches!(value, Json::Object(_)) {
            return Err("batch");
        }
        let id = field("id")?.as_u64().ok_or("id")?;
        let tablets = count("tablets")?;
        let tablet_mg = Mg::new(number("tablet_mg")?);
        let final_ml = Ml::new(number("final_ml")?);
        let recipe = Recipe::new(tablet_mg, tablets, final_ml).map_err(|e| match e {
            RecipeError::TabletStrength(_) => "tablet_mg",
            RecipeError::TabletCount(_) => "tablets",
            _ => "final_ml",
        })?;
        let prepared = Date::parse_iso(text("prepared")?).map_err(|_| "prepared")?;
        let policy = BeyondUse::from_days(count("bud_days")?).map_err(|_| "bud_days")?;
        // The dose's range is the typed field's (0.001 to 100 mg).
        let dose_mg = Mg::new(
            check_range(number("dose_mg")?, Decimal::new(1, 3), Decimal::ONE_HUNDRED)
                .map_err(|_| "dose_mg")?,
        );
        let draw_ml = Ml::new(number("draw_ml")?);
        if draw_ml.is_zero() || draw_ml > recipe.final_ml() {
            return Err("draw_ml");
        }
        // The draw must be this dose's draw: rounding to a syringe mark
        // gives at most twice the dose (just over half a mark rounds up to
        // one) and never less than half of it. Anything else is not a
        // rounding but another dose, and would be stated as this one's.
        let delivered = recipe.concentration().mg_in(draw_ml);
        if delivered > dose_mg + dose_mg || delivered + delivered < dose_mg {
            return Err("draw_ml");
        }
        let per_day = count("per_day")?;
        if !(1..=2).contains(&per_day) {
            return Err("per_day");
        }
        Ok(Batch {
            id,
            name: text("name")?.chars().take(80).collect(),
            recipe,
            prepared,
            policy,
            dose_mg,
            draw_ml,
            per_day,
            taken: if optional("taken") {
                count("taken")?
            } else {
                0
            },
            link: if optional("link") {
                safe_link(text("link")?)
            } else {
                String::new()
            },
        })
    }
}

/// The whole saved document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub version: u32,
    /// The language chosen, as a code (`en`, `nb`, `da`, `uk`).
    pub lang: Option<String>,
    pub batches: Vec<Batch>,
}

impl Document {
    pub fn new() -> Document {
        Document {
            version: CURRENT_VERSION,
            lang: None,
            batches: Vec::new(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut members = vec![("version".to_string(), Json::from(self.version))];
        if let Some(lang) = &self.lang {
            members.push(("lang".into(), Json::from(lang.as_str())));
        }
        let batches = self.batches.iter().map(Batch::to_json).collect();
        members.push(("batches".into(), Json::Array(batches)));
        let mut out = String::new();
        Json::Object(members).write(&mut out);
        out
    }

    /// An id not used by any batch here.
    pub fn next_id(&self) -> u64 {
        self.batches
            .iter()
            .map(|b| b.id)
            .max()
            .map_or(1, |m| m.saturating_add(1))
    }

    /// Adds `incoming` batches (from an import) under fresh ids; returns how
    /// many. Refused, changing nothing, if there would be too many to keep.
    pub fn merge(&mut self, incoming: Vec<Batch>) -> Result<usize, ReadProblem> {
        if self.batches.len() + incoming.len() > MAX_BATCHES {
            return Err(ReadProblem::TooMany);
        }
        let count = incoming.len();
        let mut id = self.next_id();
        for mut b in incoming {
            b.id = id;
            id = id.saturating_add(1);
            self.batches.push(b);
        }
        Ok(count)
    }
}

/// What was found in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    Nothing,
    Ready(Document),
    /// The text could not be read as any known version. It is kept, not
    /// overwritten, until the user has had the chance to download it.
    Unreadable {
        raw: String,
        reason: ReadProblem,
    },
}

/// Why a stored or imported file could not be used. The screens say it in
/// the user's language (`ui::present::read_problem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    /// The browser could not open the file as text.
    FileUnreadable,
    /// Larger than any saved-batches file can be.
    FileTooLarge,
    /// Not JSON: reading stopped at this character (1-based).
    NotJson(usize),
    /// JSON, but not a saved-batches file.
    NotBatches,
    /// Made by a newer version of the app.
    NewerVersion(u64),
    /// More than `MAX_BATCHES`, in the file or with those already saved.
    TooMany,
    /// The n-th batch (1-based) has a missing or unusable field.
    BadBatch { n: usize, field: &'static str },
}

/// Reads a stored (or imported) document, migrating older versions.
pub fn load(raw: Option<&str>) -> Loaded {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return Loaded::Nothing;
    };
    match parse(raw) {
        Ok(doc) => Loaded::Ready(doc),
        Err(reason) => Loaded::Unreadable {
            raw: raw.to_string(),
            reason,
        },
    }
}

/// Parses a document of any known version into the current one.
pub fn parse(raw: &str) -> Result<Document, ReadProblem> {
    let value = json::parse(raw).map_err(|e| ReadProblem::NotJson(e.at + 1))?;
    if !matches!(value, Json::Object(_)) {
        return Err(ReadProblem::NotBatches);
    }
    let version = value
        .get("version")
        .and_then(Json::as_u64)
        .ok_or(ReadProblem::NotBatches)?;
    let value = migrate(value, version)?;
    // Only a preference: a value that is not a language code is dropped.
    let lang = value.get("lang").and_then(Json::as_str).map(String::from);
    let items = match value.get("batches") {
        None => &[][..],
        Some(list) => list.as_array().ok_or(ReadProblem::NotBatches)?,
    };
    if items.len() > MAX_BATCHES {
        return Err(ReadProblem::TooMany);
    }
    let batches = items
        .iter()
        .enumerate()
        .map(|(n, b)| {
            Batch::from_json(b).map_err(|field| ReadProblem::BadBatch { n: n + 1, field })
        })
        .collect::<Result<_, _>>()?;
    Ok(Document {
        version: CURRENT_VERSION,
        lang,
        batches,
    })
}

/// Brings a document of `version` up to `CURRENT_VERSION`, one step at a time.
fn migrate(value: Json, version: u64) -> Result<Json, ReadProblem> {
    match version {
        1 => Ok(value),
        v if v > u64::from(CURRENT_VERSION) => Err(ReadProblem::NewerVersion(v)),
        _ => Err(ReadProblem::NotBatches),
    }
}

/// Where a saved batch stands today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchStatus {
    pub expiry: Expiry,
    pub ml_left: Ml,
    pub outlook: Outlook,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outlook {
    Expired,
    Empty,
    /// Runs out after this many days, before its last day.
    RunsOutFirst(u32),
    /// Reaches its last day with about this much left, in mL.
    ExpiresFirst(Ml),
}

pub fn status(batch: &Batch, today: Date) -> BatchStatus {
    let expiry = expiry(batch.prepared, batch.policy, today);
    let used = batch.draw_ml * batch.taken;
    let ml_left = (batch.recipe.final_ml() - used).max(Ml::ZERO);
    let per_day_ml = batch.draw_ml * batch.per_day;
    let outlook = if expiry.expired {
        Outlook::Expired
    } else if ml_left < batch.draw_ml {
        Outlook::Empty
    } else {
        // mL / mL: a plain count of days.
        let days_until_empty = (ml_left.value() / per_day_ml.value()).floor();
        if days_until_empty < Decimal::from(expiry.days_left) {
            Outlook::RunsOutFirst(days_until_empty.to_u32().unwrap_or(0))
        } else {
            Outlook::ExpiresFirst(ml_left - per_day_ml * expiry.days_left)
        }
    };
    BatchStatus {
        expiry,
        ml_left,
        outlook,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::dec;

    fn batch() -> Batch {
        Batch {
            id: 1,
            name: "March".into(),
            recipe: Recipe::new(Mg::new(dec("50")), 1, Ml::new(dec("50"))).unwrap(),
            prepared: Date::parse_iso("2026-03-01").unwrap(),
            policy: BeyondUse::LdnGuidance,
            dose_mg: Mg::new(dec("4.5")),
            draw_ml: Ml::new(dec("4.4")),
            per_day: 1,
            taken: 2,
            link: "tablets=1&plan=weekly".into(),
        }
    }

    #[test]
    fn round_trips_through_json() {
        let mut doc = Document::new();
        doc.batches.push(batch());
        doc.lang = Some("nb".into());
        let json = doc.to_json();
        assert!(json.contains("\"tablet_mg\":\"50\""));
        assert_eq!(load(Some(&json)), Loaded::Ready(doc));
    }

    /// The exact text stored by earlier builds (written then by serde_json,
    /// same field order): it must still load, and we still write it the same.
    #[test]
    fn stored_format_is_stable() {
        let stored = r#"{"version":1,"lang":"nb","batches":[{"id":1,"name":"March","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"4.5","draw_ml":"4.4","per_day":1,"taken":2,"link":"tablets=1&plan=weekly"}]}"#;
        let mut doc = Document::new();
        doc.batches.push(batch());
        doc.lang = Some("nb".into());
        assert_eq!(load(Some(stored)), Loaded::Ready(doc.clone()));
        assert_eq!(doc.to_json(), stored);
        // Pretty-printed, with "lang": null and unknown fields: still read.
        let pretty = stored
            .replace("\"lang\":\"nb\"", "\"lang\": null, \"future\": [1, {}]")
            .replace(",\"", ",\n  \"");
        doc.lang = None;
        assert_eq!(load(Some(&pretty)), Loaded::Ready(doc));
    }

    /// A version-1 export as this release's own writer produced it, with
    /// two batches, a name needing escapes (quote, backslash, newline, tab,
    /// control characters) and text beyond ASCII, and one older batch
    /// without `taken` and `link`. It reads back to the same batches, and
    /// is written again byte for byte.
    #[test]
    fn version_1_exports_read_back() {
        let export = "{\"version\":1,\"lang\":\"uk\",\"batches\":[{\"id\":1,\"name\":\"March\",\"tablet_mg\":\"50\",\"tablets\":1,\"final_ml\":\"50\",\"prepared\":\"2026-03-01\",\"bud_days\":30,\"dose_mg\":\"4.5\",\"draw_ml\":\"4.4\",\"per_day\":1,\"taken\":2,\"link\":\"tablets=1&plan=weekly\"},{\"id\":7,\"name\":\"Kari \\\"M\\\\rs\\\" \\n\\t\\u0001\\u001f æøå ✓ 😀 Флакон\",\"tablet_mg\":\"4.5\",\"tablets\":3,\"final_ml\":\"67.5\",\"prepared\":\"2026-12-31\",\"bud_days\":14,\"dose_mg\":\"0.75\",\"draw_ml\":\"3.8\",\"per_day\":2,\"taken\":0,\"link\":\"\"}]}";
        let mut doc = Document::new();
        doc.lang = Some("uk".into());
        doc.batches.push(batch());
        doc.batches.push(Batch {
            id: 7,
            name: "Kari \"M\\rs\" \n\t\u{1}\u{1f} æøå ✓ 😀 Флакон".into(),
            recipe: Recipe::new(Mg::new(dec("4.5")), 3, Ml::new(dec("67.5"))).unwrap(),
            prepared: Date::parse_iso("2026-12-31").unwrap(),
            policy: BeyondUse::Usp795,
            dose_mg: Mg::new(dec("0.75")),
            draw_ml: Ml::new(dec("3.8")),
            per_day: 2,
            taken: 0,
            link: String::new(),
        });
        assert_eq!(doc.to_json(), export);
        assert_eq!(load(Some(export)), Loaded::Ready(doc.clone()));
        // The same file from before `taken` and `link` were saved.
        let older = export.replace(",\"taken\":0,\"link\":\"\"", "");
        assert_eq!(load(Some(&older)), Loaded::Ready(doc));
    }

    #[test]
    fn wrong_types_are_named() {
        let good = r#"{"version":1,"batches":[{"id":1,"name":"x","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"1","draw_ml":"1","per_day":1}]}"#;
        let bad = |n, field| Err(ReadProblem::BadBatch { n, field });
        for (change, expected) in [
            (("\"tablets\":1", "\"tablets\":\"1\""), bad(1, "tablets")),
            (("\"tablets\":1", "\"tablets\":1.5"), bad(1, "tablets")),
            (("\"tablets\":1", "\"tablets\":0"), bad(1, "tablets")),
            (
                ("\"tablet_mg\":\"50\"", "\"tablet_mg\":50"),
                bad(1, "tablet_mg"),
            ),
            (
                ("\"final_ml\":\"50\"", "\"final_ml\":\"0\""),
                bad(1, "final_ml"),
            ),
            (
                ("\"draw_ml\":\"1\"", "\"draw_ml\":\"51\""),
                bad(1, "draw_ml"),
            ),
            (
                ("\"prepared\":\"2026-03-01\"", "\"prepared\":\"2026-02-30\""),
                bad(1, "prepared"),
            ),
            (("\"name\":\"x\",", ""), bad(1, "name")),
            (("\"batches\":[", "\"batches\":[7,"), bad(1, "batch")),
            (
                ("\"batches\":[", "\"batches\":{\"a\":["),
                Err(ReadProblem::NotJson(174)),
            ),
            (
                ("\"batches\":[", "\"batches\":7,\"x\":["),
                Err(ReadProblem::NotBatches),
            ),
            (
                ("\"version\":1", "\"version\":2"),
                Err(ReadProblem::NewerVersion(2)),
            ),
            (
                ("\"version\":1", "\"version\":0"),
                Err(ReadProblem::NotBatches),
            ),
        ] {
            let raw = good.replace(change.0, change.1);
            assert_eq!(parse(&raw).map(|_| ()), expected, "{raw}");
        }
        assert!(parse(good).is_ok());
    }

    #[test]
    fn unreadable_data_is_kept() {
        for raw in [
            "{not json",
            "{\"batches\": []}",
            "{\"version\": 9, \"batches\": []}",
            "[1,2]",
        ] {
            match load(Some(raw)) {
                Loaded::Unreadable { raw: kept, .. } => assert_eq!(kept, raw),
                other => panic!("{raw}: {other:?}"),
            }
        }
        assert_eq!(load(None), Loaded::Nothing);
        assert_eq!(load(Some("  ")), Loaded::Nothing);
    }

    #[test]
    fn invalid_batches_are_refused_not_trusted() {
        let bad = r#"{"version":1,"batches":[{"id":1,"name":"x","tablet_mg":"50","tablets":0,"final_ml":"50",
            "prepared":"2026-03-01","bud_days":30,"dose_mg":"1","draw_ml":"1","per_day":1}]}"#;
        assert!(matches!(load(Some(bad)), Loaded::Unreadable { .. }));
        let bad_date = bad
            .replace("\"tablets\":0", "\"tablets\":1")
            .replace("2026-03-01", "2026-02-30");
        assert!(matches!(load(Some(&bad_date)), Loaded::Unreadable { .. }));
        let good = bad.replace("\"tablets\":0", "\"tablets\":1");
        assert!(matches!(load(Some(&good)), Loaded::Ready(_)));
        // A draw that is another dose is refused: at 1 mg/mL, 0.5 mg with a
        // 50 mL draw would be listed as "0.5 mg: draw 50 mL" (100 times the
        // dose); 0 mg is no dose at all. Both loaded before.
        for (dose, draw) in [("0.5", "50"), ("0", "1"), ("1", "0.4"), ("1", "2.1")] {
            let other = good
                .replace("\"dose_mg\":\"1\"", &format!("\"dose_mg\":\"{dose}\""))
                .replace("\"draw_ml\":\"1\"", &format!("\"draw_ml\":\"{draw}\""));
            assert!(
                matches!(load(Some(&other)), Loaded::Unreadable { .. }),
                "{dose} mg with {draw} mL"
            );
        }
        // The widest honest roundings still load: just over half a 0.2 mL
        // mark rounds up to it (0.11 mg -> 0.2 mL), 0.3 mL ties down to 0.2.
        for (dose, draw) in [("0.11", "0.2"), ("0.3", "0.2"), ("2", "4")] {
            let honest = good
                .replace("\"dose_mg\":\"1\"", &format!("\"dose_mg\":\"{dose}\""))
                .replace("\"draw_ml\":\"1\"", &format!("\"draw_ml\":\"{draw}\""));
            assert!(
                matches!(load(Some(&honest)), Loaded::Ready(_)),
                "{dose} mg with {draw} mL"
            );
        }
    }

    #[test]
    fn links_are_kept_to_query_characters() {
        let mut doc = Document::new();
        let mut b = batch();
        b.link = "x".into();
        doc.batches.push(b);
        let json = doc.to_json().replace(
            "\"link\":\"x\"",
            "\"link\":\"javascript:alert(1)//<b>&plan=weekly\"",
        );
        let Loaded::Ready(doc) = load(Some(&json)) else {
            panic!()
        };
        // Whatever is left is only ever used after "?": a query on this page.
        assert_eq!(doc.batches[0].link, "javascript:alert1b&plan=weekly");
        // Older files without links still load.
        let old = json.replace(",\"link\":\"javascript:alert(1)//<b>&plan=weekly\"", "");
        assert!(matches!(load(Some(&old)), Loaded::Ready(_)));
    }

    #[test]
    fn too_many_batches_are_refused_whole() {
        let one = Batch::to_json(&batch()).to_string();
        let file = |n: usize| {
            format!(
                "{{\"version\":1,\"batches\":[{}]}}",
                vec![one.as_str(); n].join(",")
            )
        };
        assert_eq!(
            parse(&file(MAX_BATCHES)).map(|d| d.batches.len()),
            Ok(MAX_BATCHES)
        );
        assert_eq!(
            parse(&file(MAX_BATCHES + 1)).err(),
            Some(ReadProblem::TooMany)
        );
        // An import that would pass the limit changes nothing.
        let mut doc = parse(&file(MAX_BATCHES - 1)).unwrap();
        assert!(doc.merge(vec![batch(), batch()]).is_err());
        assert_eq!(doc.batches.len(), MAX_BATCHES - 1);
        assert_eq!(doc.merge(vec![batch()]), Ok(1));
    }

    #[test]
    fn merge_gives_fresh_ids() {
        let mut doc = Document::new();
        doc.batches.push(batch());
        assert_eq!(doc.merge(vec![batch(), batch()]), Ok(2));
        let ids: Vec<_> = doc.batches.iter().map(|b| b.id).collect();
        assert_eq!(ids, vec![1, 2, 3]);
    }

    #[test]
    fn outlook() {
        // 50 mL, 4.4 mL a day, 2 taken: 41.2 mL left = 9 more days (9.36);
        // on 3 March 28 days are left: it runs out first.
        let today = Date::parse_iso("2026-03-03").unwrap();
        let s = status(&batch(), today);
        assert_eq!(s.ml_left, Ml::new(dec("41.2")));
        assert_eq!(s.outlook, Outlook::RunsOutFirst(9));
        // At 1 mL a day with 2 taken: 48 mL left, 28 days left: 20 mL left at the end.
        let mut b = batch();
        b.draw_ml = Ml::new(dec("1"));
        assert_eq!(
            status(&b, today).outlook,
            Outlook::ExpiresFirst(Ml::new(dec("20")))
        );
        assert_eq!(
            status(&b, Date::parse_iso("2026-04-01").unwrap()).outlook,
            Outlook::Expired
        );
        b.taken = 50;
        assert_eq!(status(&b, today).outlook, Outlook::Empty);
    }
}
