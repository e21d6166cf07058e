//! The saved-document JSON reader and writer: anything written reads back
//! the same, and no input text makes the reader panic.

#![cfg(not(target_arch = "wasm32"))]

use ldn_calc::model::json::{parse, Json};
use proptest::prelude::*;

fn any_json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<u64>().prop_map(Json::from),
        "-?(0|[1-9][0-9]{0,12})(\\.[0-9]{1,6})?([eE][+-]?[0-9]{1,2})?".prop_map(Json::Number),
        any::<String>().prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn written_json_reads_back(value in any_json()) {
        let text = value.to_string();
        prop_assert_eq!(parse(&text), Ok(value));
    }

    #[test]
    fn any_text_gives_a_value_or_an_error(text in any::<String>()) {
        let _ = parse(&text);
    }

    /// Differential check against serde_json on well-formed and damaged
    /// texts: the same verdict, and the same value when both accept. (We
    /// also refuse repeated keys, which serde_json resolves silently; numbers
    /// stay text, so exponents are kept within the range serde_json allows.)
    #[test]
    fn agrees_with_serde_json(value in any_json(), cut in any::<prop::sample::Index>(), insert in "[ -~]") {
        let text = value.to_string();
        let at = text.char_indices().map(|(i, _)| i).nth(cut.index(text.chars().count().max(1))).unwrap_or(0);
        for candidate in [text.clone(), format!("{}{}{}", &text[..at], insert, &text[at..]), text[..at].to_string()] {
            let reference: Result<serde_json::Value, _> = serde_json::from_str(&candidate);
            match (parse(&candidate), reference) {
                (Ok(ours), Ok(theirs)) => prop_assert_eq!(to_serde(&ours), theirs),
                (Err(e), Ok(theirs)) => prop_assert!(e.what == "the same key twice", "refused {:?} = {}: {}", candidate, theirs, e),
                // Numbers stay text here; serde_json refuses those beyond f64.
                (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => {}
                (Ok(ours), Err(e)) => prop_assert!(false, "accepted {:?} as {:?}; serde_json: {}", candidate, ours, e),
                (Err(_), Err(_)) => {}
            }
        }
    }

    #[test]
    fn damaged_json_gives_a_value_or_an_error(value in any_json(), cut in any::<prop::sample::Index>(), insert in any::<char>()) {
        let mut text = value.to_string();
        let at = text.char_indices().map(|(i, _)| i).nth(cut.index(text.chars().count().max(1))).unwrap_or(0);
        text.insert(at, insert);
        let _ = parse(&text);
        let _ = parse(&text[..at]);
    }
}

fn to_serde(value: &Json) -> serde_json::Value {
    match value {
        Json::Null => serde_json::Value::Null,
        Json::Bool(b) => serde_json::Value::Bool(*b),
        Json::Number(n) => serde_json::from_str(n).expect("a number serde_json reads"),
        Json::String(s) => serde_json::Value::String(s.clone()),
        Json::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(members) => serde_json::Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
    }
}
