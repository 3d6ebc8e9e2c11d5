//! The one error type of the component, raised as a typed exception in every language.

/// Why a greeting could not be made. Messages name the offending value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GreetError {
    #[error("name must not be empty or only whitespace (got {name:?})")]
    EmptyName { name: String },
    #[error("name is {length} characters long; the limit is {max}")]
    NameTooLong { length: u32, max: u32 },
    #[error("unknown locale {locale:?}; supported: {supported}", supported = crate::phrasebook::supported_tags())]
    UnknownLocale { locale: String },
    #[error("custom salutation must not be empty or only whitespace")]
    EmptySalutation,
    #[error("decorator failed: {reason}")]
    DecoratorFailed { reason: String },
}

/// An exception a foreign `Decorator` raised that is not a `GreetError`.
impl From<uniffi::UnexpectedUniFFICallbackError> for GreetError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        GreetError::DecoratorFailed { reason: err.reason }
    }
}

pub type Result<T, E = GreetError> = std::result::Result<T, E>;
