//! The built-in phrasebook: a few locales, one of them in a non-Latin script and two
//! written right to left, each with a formal and an informal phrase.

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::{GreetError, Result, Tone};

/// One phrasebook entry.
#[derive(Debug)]
pub(crate) struct Entry {
    pub tag: &'static str,
    pub native_name: &'static str,
    pub rtl: bool,
    pub informal: &'static str,
    pub formal: &'static str,
    /// Put between the phrase and the name.
    pub separator: &'static str,
    /// Put at the end when the options ask for an exclamation.
    pub exclamation: &'static str,
    /// Put at the start when the options ask for an exclamation (Spanish "¡").
    pub exclamation_open: &'static str,
}

/// Ordered by tag.
pub(crate) static ENTRIES: &[Entry] = &[
    Entry { tag: "ar", native_name: "العربية", rtl: true, informal: "مرحبا", formal: "السلام عليكم", separator: "، ", exclamation: "!", exclamation_open: "" },
    Entry { tag: "en", native_name: "English", rtl: false, informal: "Hi", formal: "Good day", separator: ", ", exclamation: "!", exclamation_open: "" },
    Entry { tag: "es", native_name: "Español", rtl: false, informal: "Hola", formal: "Buenos días", separator: ", ", exclamation: "!", exclamation_open: "¡" },
    Entry { tag: "fr", native_name: "Français", rtl: false, informal: "Salut", formal: "Bonjour", separator: ", ", exclamation: " !", exclamation_open: "" },
    Entry { tag: "haw", native_name: "ʻŌlelo Hawaiʻi", rtl: false, informal: "Aloha", formal: "Aloha", separator: ", ", exclamation: "!", exclamation_open: "" },
    Entry { tag: "he", native_name: "עברית", rtl: true, informal: "היי", formal: "שלום", separator: ", ", exclamation: "!", exclamation_open: "" },
    Entry { tag: "ja", native_name: "日本語", rtl: false, informal: "やあ", formal: "こんにちは", separator: "、", exclamation: "！", exclamation_open: "" },
];

/// The supported tags, comma-separated, for error messages.
pub(crate) fn supported_tags() -> String {
    ENTRIES.iter().map(|e| e.tag).collect::<Vec<_>>().join(", ")
}

/// A locale of the phrasebook. Equal, hashed and printed by its tag.
pub struct Locale {
    pub(crate) entry: &'static Entry,
}

impl Locale {
    /// Looks `tag` up, ignoring ASCII case.
    pub fn new(tag: String) -> Result<Self> {
        ENTRIES
            .iter()
            .find(|e| e.tag.eq_ignore_ascii_case(&tag))
            .map(|entry| Locale { entry })
            .ok_or(GreetError::UnknownLocale { locale: tag })
    }

    pub(crate) fn english() -> Self {
        Locale { entry: &ENTRIES[1] }
    }

    pub fn tag(&self) -> String {
        self.entry.tag.to_string()
    }

    pub fn native_name(&self) -> String {
        self.entry.native_name.to_string()
    }

    pub fn is_rtl(&self) -> bool {
        self.entry.rtl
    }

    pub fn phrase(&self, tone: Tone) -> String {
        self.phrase_str(tone).to_string()
    }

    pub(crate) fn phrase_str(&self, tone: Tone) -> &'static str {
        match tone {
            Tone::Formal => self.entry.formal,
            Tone::Informal => self.entry.informal,
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.entry.tag)
    }
}

impl fmt::Debug for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Locale({:?})", self.entry.tag)
    }
}

impl PartialEq for Locale {
    fn eq(&self, other: &Self) -> bool {
        self.entry.tag == other.entry.tag
    }
}

impl Eq for Locale {}

impl Hash for Locale {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.entry.tag.hash(state)
    }
}
