//! Test-only fault injection, compiled only with the cargo feature `fault-injection`.
//!
//! Two magic `Greeter` names make the implementation panic, so the hardening tests
//! (docs/hardening.md) can prove that a Rust panic reaches Python, Kotlin and Swift as an
//! exception and that the process, and the same `Greeter`, keep working afterwards. No public
//! API exists for this: the names travel through the ordinary `Greeter` methods.
//! A normal build (no feature) contains none of this code.

/// Panics in name validation, before anything is recorded (every `Greeter` method that takes
/// a name, including `greet_all` and the async `greet_later`).
pub const PANIC: &str = "greet-fault-injection:panic";

/// Panics while the greeter's tally lock is held, poisoning it, before anything is changed.
pub const PANIC_LOCKED: &str = "greet-fault-injection:panic-locked";

/// Called from `validate_name`.
pub(crate) fn on_validate(name: &str) {
    if name == PANIC {
        panic!("fault injection: panic requested by name {name:?}");
    }
}

/// Called from `Greeter::record` with the tally lock held.
pub(crate) fn on_record_locked(name: &str) {
    if name == PANIC_LOCKED {
        panic!("fault injection: panic with the tally lock held, requested by name {name:?}");
    }
}
