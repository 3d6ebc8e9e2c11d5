use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::*;

fn name(s: &str) -> String {
    s.to_string()
}

#[test]
fn greet_joins_exactly() {
    assert_eq!(greet(name("Salutations"), name("friend")), "Salutations, friend");
    assert_eq!(greet(name(""), name("")), ", ");
    assert_eq!(greet(name("  a "), name("\0b\u{301}")), "  a , \0b\u{301}");
    let big = "x".repeat(1 << 20);
    assert_eq!(greet(name("Hi"), big.clone()).len(), big.len() + 4);
}

#[test]
fn phrasebook_is_sorted_and_unicode() {
    let tags: Vec<String> = supported_locales().iter().map(|l| l.tag()).collect();
    let mut sorted = tags.clone();
    sorted.sort();
    assert_eq!(tags, sorted);
    assert!(supported_locales().iter().filter(|l| l.is_rtl()).count() >= 2);
    let ja = Greeter::for_locale(name("JA")).unwrap();
    assert_eq!(ja.greet(name("友達")).unwrap(), "やあ、友達");
    let ar = Greeter::for_locale(name("ar")).unwrap();
    let options = GreetOptions { tone: Tone::Formal, ..Default::default() };
    assert_eq!(ar.greet_with(name("صديق"), options).unwrap(), "السلام عليكم، صديق");
}

#[test]
fn options_apply() {
    let es = Greeter::for_locale(name("es")).unwrap();
    let options = GreetOptions { tone: Tone::Formal, title: Some(name("Dra.")), exclaim: true };
    assert_eq!(es.greet_with(name("Ruiz"), options).unwrap(), "¡Buenos días, Dra. Ruiz!");
}

#[test]
fn bad_names_are_typed_errors() {
    let g = Greeter::new();
    assert_eq!(g.greet(name(" \t")), Err(GreetError::EmptyName { name: name(" \t") }));
    let at_limit = "é".repeat(MAX_NAME_LENGTH as usize);
    assert!(g.greet(at_limit).is_ok());
    let over = "é".repeat(MAX_NAME_LENGTH as usize + 1);
    assert_eq!(g.greet(over), Err(GreetError::NameTooLong { length: 257, max: 256 }));
    let err = Greeter::for_locale(name("xx")).err().unwrap();
    assert_eq!(err, GreetError::UnknownLocale { locale: name("xx") });
    assert!(err.to_string().contains("\"xx\""), "{err}");
    assert_eq!(g.total(), 1);
}

#[test]
fn greet_all_is_all_or_nothing() {
    let g = Greeter::new();
    assert!(g.greet_all(vec![name("a"), name("")]).is_err());
    assert_eq!(g.total(), 0);
    assert_eq!(g.greet_all(vec![name("a"), name("b"), name("a")]).unwrap(), ["Hi, a", "Hi, b", "Hi, a"]);
    assert_eq!(g.count_for(name("a")), 2);
    assert_eq!(g.counts().len(), 2);
    assert_eq!(g.last_greeting().unwrap().name, "a");
}

#[test]
fn salutations() {
    let g = Greeter::new();
    assert_eq!(g.salute(Salutation::Custom { text: name("Aloha") }, name("amigo")).unwrap(), "Aloha, amigo");
    assert_eq!(g.salute(Salutation::Phrasebook { tone: Tone::Formal }, name("you")).unwrap(), "Good day, you");
    assert_eq!(g.salute(Salutation::Custom { text: name(" ") }, name("x")), Err(GreetError::EmptySalutation));
}

struct Shout;
impl Decorator for Shout {
    fn decorate(&self, greeting: String) -> Result<String> {
        Ok(greeting.to_uppercase())
    }
}

struct Refuse;
impl Decorator for Refuse {
    fn decorate(&self, _: String) -> Result<String> {
        Err(GreetError::DecoratorFailed { reason: name("no") })
    }
}

#[test]
fn decorators() {
    let g = Greeter::new();
    g.set_decorator(Some(Arc::new(Shout)));
    assert_eq!(g.greet(name("bob")).unwrap(), "HI, BOB");
    g.set_decorator(Some(Arc::new(Refuse)));
    assert!(matches!(g.greet(name("bob")), Err(GreetError::DecoratorFailed { .. })));
    g.set_decorator(None);
    assert_eq!(g.greet(name("bob")).unwrap(), "Hi, bob");
    assert_eq!(g.count_for(name("bob")), 2);
}

#[test]
fn locale_traits() {
    let a = Locale::new(name("HE")).unwrap();
    let b = Locale::new(name("he")).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.to_string(), "he");
    assert_eq!(format!("{a:?}"), "Locale(\"he\")");
    assert_eq!(HashSet::from([a.tag(), b.tag()]).len(), 1);
    assert_eq!(Greeter::new().to_string(), "Greeter(locale=en, greeted=0)");
}

#[test]
fn threads_count_exactly() {
    let g = Arc::new(Greeter::new());
    let calls = Arc::new(AtomicUsize::new(0));
    std::thread::scope(|s| {
        for t in 0..8 {
            let (g, calls) = (Arc::clone(&g), Arc::clone(&calls));
            s.spawn(move || {
                for _ in 0..1000 {
                    g.greet(format!("n{}", t % 2)).unwrap();
                    calls.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    assert_eq!(g.total(), 8000);
    assert_eq!(g.count_for(name("n0")), 4000);
    assert_eq!(calls.load(Ordering::Relaxed), 8000);
}

#[test]
fn greet_later_waits_then_greets() {
    let g = Greeter::new();
    let started = std::time::Instant::now();
    let text = block_on(g.greet_later(name("later"), Duration::from_millis(20))).unwrap();
    assert_eq!(text, "Hi, later");
    assert!(started.elapsed() >= Duration::from_millis(20));
    assert_eq!(block_on(g.greet_later(name(""), Duration::ZERO)), Err(GreetError::EmptyName { name: name("") }));
}

#[path = "../tests/support/block_on.rs"]
mod block_on;
use block_on::block_on;
