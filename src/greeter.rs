//! The thread-safe `Greeter` object.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, SystemTime};

use crate::delay::Delay;
use crate::phrasebook::Locale;
use crate::{validate_name, Decorator, GreetError, GreetOptions, Greeting, Result, Salutation, Tone};

#[derive(Default)]
struct Tally {
    counts: HashMap<String, u64>,
    total: u64,
    last: Option<Greeting>,
}

/// Greets people in one locale and counts whom it greeted.
pub struct Greeter {
    locale: Arc<Locale>,
    tally: Mutex<Tally>,
    decorator: RwLock<Option<Arc<dyn Decorator>>>,
}

impl Greeter {
    pub fn new() -> Self {
        Self::with_locale(Locale::english())
    }

    pub fn for_locale(tag: String) -> Result<Self> {
        Ok(Self::with_locale(Locale::new(tag)?))
    }

    fn with_locale(locale: Locale) -> Self {
        Greeter {
            locale: Arc::new(locale),
            tally: Mutex::default(),
            decorator: RwLock::default(),
        }
    }

    pub fn locale(&self) -> Arc<Locale> {
        Arc::clone(&self.locale)
    }

    pub fn greet(&self, name: String) -> Result<String> {
        self.greet_with(name, GreetOptions::default())
    }

    pub fn greet_with(&self, name: String, options: GreetOptions) -> Result<String> {
        validate_name(&name)?;
        let text = self.phrase(self.locale.phrase_str(options.tone), &name, &options)?;
        self.record(&[(name, text.clone())]);
        Ok(text)
    }

    pub fn salute(&self, salutation: Salutation, name: String) -> Result<String> {
        validate_name(&name)?;
        let options = GreetOptions::default();
        let text = match &salutation {
            Salutation::Phrasebook { tone } => {
                self.phrase(self.locale.phrase_str(*tone), &name, &options)?
            }
            Salutation::Custom { text } if text.trim().is_empty() => {
                return Err(GreetError::EmptySalutation)
            }
            Salutation::Custom { text } => self.decorate(crate::greet(text.clone(), name.clone()))?,
        };
        self.record(&[(name, text.clone())]);
        Ok(text)
    }

    pub fn greet_all(&self, names: Vec<String>) -> Result<Vec<String>> {
        for name in &names {
            validate_name(name)?;
        }
        let options = GreetOptions::default();
        let phrase = self.locale.phrase_str(options.tone);
        let given = names
            .into_iter()
            .map(|name| {
                let text = self.phrase(phrase, &name, &options)?;
                Ok((name, text))
            })
            .collect::<Result<Vec<_>>>()?;
        self.record(&given);
        Ok(given.into_iter().map(|(_, text)| text).collect())
    }

    pub async fn greet_later(&self, name: String, delay: Duration) -> Result<String> {
        validate_name(&name)?;
        Delay::new(delay).await;
        self.greet(name)
    }

    pub fn count_for(&self, name: String) -> u64 {
        self.tally().counts.get(&name).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.tally().total
    }

    pub fn counts(&self) -> HashMap<String, u64> {
        self.tally().counts.clone()
    }

    pub fn last_greeting(&self) -> Option<Greeting> {
        self.tally().last.clone()
    }

    pub fn set_decorator(&self, decorator: Option<Arc<dyn Decorator>>) {
        *self.decorator.write().unwrap_or_else(|e| e.into_inner()) = decorator;
    }

    /// Phrases a greeting for an already validated name, then decorates it.
    fn phrase(&self, phrase: &str, name: &str, options: &GreetOptions) -> Result<String> {
        let entry = self.locale.entry;
        let mut text = String::with_capacity(phrase.len() + name.len() + 16);
        if options.exclaim {
            text.push_str(entry.exclamation_open);
        }
        text.push_str(phrase);
        text.push_str(entry.separator);
        if let Some(title) = options.title.as_deref().filter(|t| !t.trim().is_empty()) {
            text.push_str(title);
            text.push(' ');
        }
        text.push_str(name);
        if options.exclaim {
            text.push_str(entry.exclamation);
        }
        self.decorate(text)
    }

    /// Applies the decorator, if any, without holding a lock while foreign code runs.
    fn decorate(&self, text: String) -> Result<String> {
        let decorator = self.decorator.read().unwrap_or_else(|e| e.into_inner()).clone();
        match decorator {
            Some(decorator) => decorator.decorate(text),
            None => Ok(text),
        }
    }

    fn record(&self, given: &[(String, String)]) {
        let Some((last_name, last_text)) = given.last() else {
            return;
        };
        let at = SystemTime::now();
        let mut tally = self.tally();
        #[cfg(feature = "fault-injection")]
        given.iter().for_each(|(name, _)| crate::fault::on_record_locked(name));
        for (name, _) in given {
            *tally.counts.entry(name.clone()).or_insert(0) += 1;
        }
        tally.total += given.len() as u64;
        tally.last = Some(Greeting {
            text: last_text.clone(),
            name: last_name.clone(),
            locale: self.locale.tag(),
            at,
        });
    }

    fn tally(&self) -> MutexGuard<'_, Tally> {
        self.tally.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for Greeter {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for Greeter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Greeter(locale={}, greeted={})", self.locale, self.total())
    }
}

impl Default for GreetOptions {
    fn default() -> Self {
        GreetOptions { tone: Tone::Informal, title: None, exclaim: false }
    }
}
