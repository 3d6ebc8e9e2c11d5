//! The conformance corpus (tests/conformance/corpus.json), run against the Rust API itself.
//! Python, Kotlin and Swift run the same file through their generated bindings.

use greet::{GreetError, GreetOptions, Greeter, Locale, Salutation, Tone};
use serde_json::Value;

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(o) if o.contains_key("repeat") => {
            let times = o["times"].as_u64().expect("times") as usize;
            o["repeat"].as_str().expect("repeat").repeat(times)
        }
        Value::Object(o) if o.contains_key("concat") => {
            o["concat"].as_array().expect("concat").iter().map(text).collect()
        }
        other => panic!("not a corpus string: {other}"),
    }
}

fn tone(v: &Value) -> Tone {
    match v.as_str() {
        Some("Formal") => Tone::Formal,
        Some("Informal") => Tone::Informal,
        other => panic!("unknown tone {other:?}"),
    }
}

fn greeter(case: &Value) -> Result<Greeter, GreetError> {
    match case.get("locale") {
        None | Some(Value::Null) => Ok(Greeter::new()),
        Some(tag) => Greeter::for_locale(text(tag)),
    }
}

fn variant(err: &GreetError) -> &'static str {
    match err {
        GreetError::EmptyName { .. } => "EmptyName",
        GreetError::NameTooLong { .. } => "NameTooLong",
        GreetError::UnknownLocale { .. } => "UnknownLocale",
        GreetError::EmptySalutation => "EmptySalutation",
        GreetError::DecoratorFailed { .. } => "DecoratorFailed",
    }
}

/// Runs one case; the outcome is a JSON value or the error variant's name.
fn run(case: &Value) -> Result<Value, GreetError> {
    let s = |key: &str| text(&case[key]);
    Ok(match case["call"].as_str().expect("call") {
        "greet" => Value::from(greet::greet(s("greeting"), s("name"))),
        "Greeter.greet" => Value::from(greeter(case)?.greet(s("name"))?),
        "Greeter.greet_with" => {
            let o = &case["options"];
            let mut options = GreetOptions::default();
            if let Some(t) = o.get("tone") {
                options.tone = tone(t);
            }
            if let Some(t) = o.get("title") {
                options.title = Some(text(t));
            }
            if let Some(e) = o.get("exclaim") {
                options.exclaim = e.as_bool().expect("exclaim");
            }
            Value::from(greeter(case)?.greet_with(s("name"), options)?)
        }
        "Greeter.salute" => {
            let sal = &case["salutation"];
            let salutation = match sal.get("custom") {
                Some(t) => Salutation::Custom { text: text(t) },
                None => Salutation::Phrasebook { tone: tone(&sal["phrasebook"]) },
            };
            Value::from(greeter(case)?.salute(salutation, s("name"))?)
        }
        "Greeter.greet_all" => {
            let names = case["names"].as_array().expect("names").iter().map(text).collect();
            Value::from(greeter(case)?.greet_all(names)?)
        }
        "Greeter.for_locale" => Value::from(Greeter::for_locale(s("tag"))?.locale().tag()),
        "Locale" => {
            let l = Locale::new(s("tag"))?;
            serde_json::json!({
                "tag": l.tag(), "native_name": l.native_name(), "is_rtl": l.is_rtl(),
                "informal": l.phrase(Tone::Informal), "formal": l.phrase(Tone::Formal),
            })
        }
        other => panic!("unknown call {other:?} in case {}", case["id"]),
    })
}

/// Expected values may use the string forms too; expand them for comparison.
fn expand(v: &Value) -> Value {
    match v {
        Value::Object(o) if o.contains_key("repeat") || o.contains_key("concat") => Value::from(text(v)),
        Value::Array(a) => Value::Array(a.iter().map(expand).collect()),
        other => other.clone(),
    }
}

#[test]
fn corpus() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance/corpus.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(doc["max_name_length"], greet::max_name_length());
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 50, "corpus too small: {}", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let id = &case["id"];
        let outcome = run(case);
        match (case.get("error"), outcome) {
            (Some(want), Err(err)) if want == variant(&err) => {}
            (None, Ok(got)) if got == expand(&case["expect"]) => {}
            (_, got) => failures.push(format!("{id}: got {:?}", got.map_err(|e| variant(&e)))),
        }
    }
    assert!(failures.is_empty(), "{} corpus case(s) failed:\n{}", failures.len(), failures.join("\n"));
}
