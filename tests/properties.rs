//! Property tests over the public Rust API: every function, on arbitrary Unicode input,
//! either returns exactly what the contract says or the documented error, never panics, and
//! never partly applies a failed call.
//!
//! Bounded in `cargo test` (256 cases per property, proptest's default); longer on demand:
//!
//!     PROPTEST_CASES=100000 cargo test -p greet --test properties --release   # or via
//!     bash scripts/soak.sh            # runs it with PROPTEST_CASES=20000 (debug build)
//!
//! A failure prints the minimal failing input; no regression files are written.

use std::sync::Arc;
use std::time::Duration;

use greet::{
    greet, max_name_length, supported_locales, Decorator, GreetError, GreetOptions, Greeter,
    Locale, Salutation, Tone, MAX_NAME_LENGTH,
};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn config() -> Config {
    // Config::default() honours PROPTEST_CASES.
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}

/// Characters that stress the boundary: whitespace of every kind, combining marks, RTL and
/// bidi controls, NUL, BOM, non-BMP, and arbitrary scalar values.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            ' ', '\t', '\n', '\r', '\u{a0}', '\u{2003}', '\u{3000}', '\u{85}', '\u{200b}', '\u{feff}',
            '\0', '\u{301}', '\u{202e}', '\u{2066}', 'é', 'ß', '友', 'ش', 'א', '😀', '\u{10ffff}', 'a', 'Z',
        ]),
    ]
}

/// Strings of 0..=len tricky characters.
fn text(len: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..=len).prop_map(String::from_iter)
}

/// Names: short, whitespace-only, and lengths around the 256-scalar limit.
fn name() -> impl Strategy<Value = String> {
    let limit = MAX_NAME_LENGTH as usize;
    prop_oneof![
        4 => text(12),
        1 => prop::collection::vec(prop::sample::select(vec![' ', '\t', '\n', '\u{3000}', '\u{a0}']), 0..6)
            .prop_map(String::from_iter),
        2 => prop::collection::vec(tricky_char(), limit - 2..=limit + 2).prop_map(String::from_iter),
        1 => (1usize..5000).prop_map(|n| "x".repeat(n)),
    ]
}

fn tag() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec!["ar", "en", "es", "fr", "haw", "he", "ja", "EN", "Ja", "hAw"]).prop_map(String::from),
        1 => text(4),
    ]
}

fn tone() -> impl Strategy<Value = Tone> {
    prop_oneof![Just(Tone::Formal), Just(Tone::Informal)]
}

/// What `validate_name` must decide, written independently of it.
fn expected_name_error(name: &str) -> Option<GreetError> {
    if name.trim().is_empty() {
        return Some(GreetError::EmptyName {
            name: name.to_string(),
        });
    }
    let length = name.chars().count();
    (length > MAX_NAME_LENGTH as usize).then(|| GreetError::NameTooLong {
        length: length as u32,
        max: MAX_NAME_LENGTH,
    })
}


struct Reverse;
impl Decorator for Reverse {
    fn decorate(&self, greeting: String) -> greet::Result<String> {
        Ok(greeting.chars().rev().collect())
    }
}

struct RefuseIfContains(char);
impl Decorator for RefuseIfContains {
    fn decorate(&self, greeting: String) -> greet::Result<String> {
        if greeting.contains(self.0) {
            Err(GreetError::DecoratorFailed {
                reason: format!("contains {:?}", self.0),
            })
        } else {
            Ok(greeting)
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn greet_is_exact_concatenation(a in text(64), b in text(64)) {
        let out = greet(a.clone(), b.clone());
        prop_assert_eq!(out.len(), a.len() + 2 + b.len());
        prop_assert_eq!(out, format!("{a}, {b}"));
    }

    #[test]
    fn greeter_greet_accepts_exactly_the_valid_names(tag in tag(), name in name()) {
        let Ok(g) = Greeter::for_locale(tag.clone()) else {
            prop_assert!(!supported_locales().iter().any(|l| l.tag().eq_ignore_ascii_case(&tag)));
            return Ok(());
        };
        let phrase = g.locale().phrase(Tone::Informal);
        match (g.greet(name.clone()), expected_name_error(&name)) {
            (Ok(text), None) => {
                prop_assert!(text.starts_with(&phrase) && text.ends_with(&name), "{text:?}");
                prop_assert_eq!(g.total(), 1);
                prop_assert_eq!(g.count_for(name.clone()), 1);
                let last = g.last_greeting().unwrap();
                prop_assert_eq!((last.text, last.name, last.locale), (text, name, g.locale().tag()));
            }
            (Err(got), Some(want)) => {
                prop_assert_eq!(got, want);
                prop_assert_eq!(g.total(), 0);
                prop_assert!(g.last_greeting().is_none() && g.counts().is_empty());
            }
            (got, want) => prop_assert!(false, "greet({name:?}) gave {got:?}, expected error {want:?}"),
        }
    }

    #[test]
    fn every_name_taking_method_validates_the_same_way(name in name(), text in text(8), t in tone()) {
        let g = Greeter::new();
        let want = expected_name_error(&name);
        let results = [
            g.greet(name.clone()).err(),
            g.greet_with(name.clone(), GreetOptions { tone: t, title: None, exclaim: true }).err(),
            g.salute(Salutation::Phrasebook { tone: t }, name.clone()).err(),
            g.greet_all(vec![name.clone()]).err(),
            block_on(g.greet_later(name.clone(), Duration::ZERO)).err(),
        ];
        for got in &results {
            prop_assert_eq!(got, &want);
        }
        // Custom salutations: the name is checked first, then the salutation text.
        let custom = g.salute(Salutation::Custom { text: text.clone() }, name.clone());
        match (&want, text.trim().is_empty()) {
            (Some(err), _) => prop_assert_eq!(custom, Err(err.clone())),
            (None, true) => prop_assert_eq!(custom, Err(GreetError::EmptySalutation)),
            (None, false) => prop_assert_eq!(custom, Ok(greet(text.clone(), name.clone()))),
        }
        let ok_calls = if want.is_none() { 5 + u64::from(!text.trim().is_empty()) } else { 0 };
        prop_assert_eq!(g.total(), ok_calls);
        prop_assert_eq!(g.counts().values().sum::<u64>(), g.total());
    }

    #[test]
    fn greet_all_is_all_or_nothing(names in prop::collection::vec(name(), 0..8)) {
        let g = Greeter::for_locale("fr".into()).unwrap();
        g.greet("already".into()).unwrap();
        let first_error = names.iter().find_map(|n| expected_name_error(n));
        match g.greet_all(names.clone()) {
            Ok(texts) => {
                prop_assert!(first_error.is_none());
                prop_assert_eq!(texts.len(), names.len());
                for (n, t) in names.iter().zip(&texts) {
                    prop_assert_eq!(t, &format!("Salut, {n}"));
                }
                prop_assert_eq!(g.total(), 1 + names.len() as u64);
                for n in &names {
                    let occurrences = names.iter().filter(|m| *m == n).count() as u64;
                    prop_assert_eq!(g.count_for(n.clone()), occurrences + u64::from(n == "already"));
                }
            }
            Err(err) => {
                prop_assert_eq!(Some(err), first_error);
                prop_assert_eq!(g.total(), 1);
                prop_assert_eq!(g.last_greeting().unwrap().name, "already");
            }
        }
    }

    #[test]
    fn options_compose_predictably(tag in tag(), name in text(10), t in tone(), title in proptest::option::of(text(6)), exclaim in any::<bool>()) {
        let (Ok(g), false) = (Greeter::for_locale(tag), name.trim().is_empty()) else { return Ok(()) };
        let plain = g.greet_with(name.clone(), GreetOptions { tone: t, title: None, exclaim: false }).unwrap();
        prop_assert!(plain.starts_with(&g.locale().phrase(t)) && plain.ends_with(&name));
        let with = g.greet_with(name.clone(), GreetOptions { tone: t, title: title.clone(), exclaim }).unwrap();
        let titled = match title.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(title) => plain.replacen(&name, &format!("{title} {name}"), 1).len(),
            None => plain.len(),
        };
        if exclaim {
            prop_assert!(with.len() > titled, "{with:?}");
        } else {
            prop_assert_eq!(with.len(), titled);
            prop_assert!(with.ends_with(&name));
        }
    }

    #[test]
    fn locales_are_found_case_insensitively_or_named_in_the_error(tag in tag()) {
        let known = supported_locales().iter().map(|l| l.tag()).collect::<Vec<_>>();
        match Locale::new(tag.clone()) {
            Ok(locale) => {
                prop_assert_eq!(locale.tag(), tag.to_ascii_lowercase());
                prop_assert_eq!(locale.to_string(), locale.tag());
                prop_assert_eq!(&locale, &Locale::new(tag.to_ascii_uppercase()).unwrap());
                prop_assert!(!locale.phrase(Tone::Formal).is_empty() && !locale.native_name().is_empty());
            }
            Err(err) => {
                prop_assert!(!known.iter().any(|k| k.eq_ignore_ascii_case(&tag)));
                prop_assert_eq!(&err, &GreetError::UnknownLocale { locale: tag.clone() });
                let quoted = format!("{tag:?}");
                prop_assert!(err.to_string().contains(&quoted), "{}", err);
            }
        }
    }

    #[test]
    fn decorators_apply_to_every_path_and_refusals_count_nothing(
        name in text(10).prop_map(|s| format!("n{s}")), // always a valid name
        banned in tricky_char(),
    ) {
        let g = Greeter::new();
        g.set_decorator(Some(Arc::new(Reverse)));
        let reversed = |s: &str| s.chars().rev().collect::<String>();
        prop_assert_eq!(g.greet(name.clone()).unwrap(), reversed(&format!("Hi, {name}")));
        prop_assert_eq!(block_on(g.greet_later(name.clone(), Duration::ZERO)).unwrap(), reversed(&format!("Hi, {name}")));
        g.set_decorator(Some(Arc::new(RefuseIfContains(banned))));
        let text = format!("Hi, {name}");
        let refused = text.contains(banned);
        prop_assert_eq!(g.greet(name.clone()).is_err(), refused);
        prop_assert_eq!(g.greet_all(vec![name.clone(), "ok".into()]).is_err(), refused || "Hi, ok".contains(banned));
        g.set_decorator(None);
        let expected = 2 + u64::from(!refused) + if refused || "Hi, ok".contains(banned) { 0 } else { 2 };
        prop_assert_eq!(g.total(), expected);
    }

    #[test]
    fn concurrent_calls_count_exactly(names in prop::collection::vec(text(6), 1..6), threads in 2usize..6) {
        let g = Arc::new(Greeter::new());
        let per = 50;
        std::thread::scope(|s| {
            for t in 0..threads {
                let (g, names) = (Arc::clone(&g), names.clone());
                s.spawn(move || {
                    for i in 0..per {
                        let _ = g.greet(names[(t + i) % names.len()].clone());
                    }
                });
            }
        });
        let valid = |n: &String| expected_name_error(n).is_none();
        let mut expected = std::collections::HashMap::<String, u64>::new();
        for t in 0..threads {
            for i in 0..per {
                let n = &names[(t + i) % names.len()];
                if valid(n) {
                    *expected.entry(n.clone()).or_default() += 1;
                }
            }
        }
        prop_assert_eq!(g.counts(), expected.clone());
        prop_assert_eq!(g.total(), expected.values().sum::<u64>());
    }
}

#[test]
fn the_limit_is_what_max_name_length_says() {
    assert_eq!(max_name_length(), MAX_NAME_LENGTH);
}

#[path = "support/block_on.rs"]
mod block_on;
use block_on::block_on;
