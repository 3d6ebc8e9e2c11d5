//! greet: one greeter, declared in `greet.udl`, implemented here once, and exposed to
//! Python, Kotlin and Swift through uniffi scaffolding.

use std::sync::Arc;
use std::time::SystemTime;

mod delay;
mod error;
#[cfg(feature = "fault-injection")]
pub mod fault;
mod greeter;
mod phrasebook;

pub use error::{GreetError, Result};
pub use greeter::Greeter;
pub use phrasebook::Locale;

/// The longest name, in Unicode scalar values, that a [`Greeter`] accepts.
pub const MAX_NAME_LENGTH: u32 = 256;

/// Returns exactly `"{greeting}, {name}"`; never fails and never alters its inputs.
pub fn greet(greeting: String, name: String) -> String {
    let mut out = String::with_capacity(greeting.len() + 2 + name.len());
    out.push_str(&greeting);
    out.push_str(", ");
    out.push_str(&name);
    out
}

/// The locales of the built-in phrasebook, ordered by tag.
pub fn supported_locales() -> Vec<Arc<Locale>> {
    phrasebook::ENTRIES.iter().map(|entry| Arc::new(Locale { entry })).collect()
}

pub fn max_name_length() -> u32 {
    MAX_NAME_LENGTH
}

/// The register of a greeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    Formal,
    Informal,
}

/// How a [`Greeter`] phrases a greeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GreetOptions {
    pub tone: Tone,
    pub title: Option<String>,
    pub exclaim: bool,
}

/// What to say before the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Salutation {
    Phrasebook { tone: Tone },
    Custom { text: String },
}

/// A greeting that a [`Greeter`] gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Greeting {
    pub text: String,
    pub name: String,
    pub locale: String,
    pub at: SystemTime,
}

/// Changes a greeting after the greeter phrased it; foreign code may implement it.
#[uniffi::trait_interface]
pub trait Decorator: Send + Sync {
    fn decorate(&self, greeting: String) -> Result<String>;
}

/// Checks a name against the rules every [`Greeter`] method applies.
pub(crate) fn validate_name(name: &str) -> Result<()> {
    #[cfg(feature = "fault-injection")]
    fault::on_validate(name);
    if name.trim().is_empty() {
        return Err(GreetError::EmptyName { name: name.to_string() });
    }
    // A name of at most `limit` bytes cannot have more than `limit` characters.
    let limit = MAX_NAME_LENGTH as usize;
    if name.len() > limit && name.chars().nth(limit).is_some() {
        let length = u32::try_from(name.chars().count()).unwrap_or(u32::MAX);
        return Err(GreetError::NameTooLong { length, max: MAX_NAME_LENGTH });
    }
    Ok(())
}

uniffi::include_scaffolding!("greet");

#[cfg(test)]
mod tests;
