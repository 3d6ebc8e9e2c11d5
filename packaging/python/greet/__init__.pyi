# Type information for the `greet` package (PEP 561), shipped in both wheels: the uniffi
# backend (`greet`) and the native PyO3 backend (`greet-native`). It describes the API the two
# have in common, i.e. greet.udl; backend internals are left out. tests/packaging checks it
# against each installed wheel with `mypy.stubtest` and a `mypy --strict` consumer.
"""Greetings for people, declared once in greet.udl and implemented once in Rust."""

import datetime
import enum
from typing import final

__all__ = [
    "Decorator",
    "GreetError",
    "GreetOptions",
    "Greeter",
    "Greeting",
    "InternalError",
    "Locale",
    "Salutation",
    "Tone",
    "greet",
    "max_name_length",
    "supported_locales",
]

def greet(greeting: str, name: str) -> str:
    """Returns exactly `"{greeting}, {name}"`; never fails, never trims."""

def supported_locales() -> list[Locale]:
    """The locales of the built-in phrasebook, ordered by tag."""

def max_name_length() -> int:
    """The longest name, in Unicode scalar values, that a `Greeter` accepts."""

class Tone(enum.Enum):
    """The register of a greeting."""

    FORMAL = 0
    INFORMAL = 1

class InternalError(Exception):
    """A panic (a bug) inside the Rust implementation, with its message."""

class GreetError(Exception):
    """Why a greeting could not be made; one subclass per variant."""

    class EmptyName(GreetError):
        name: str
        def __init__(self, name: str) -> None: ...

    class NameTooLong(GreetError):
        length: int
        max: int
        def __init__(self, length: int, max: int) -> None: ...

    class UnknownLocale(GreetError):
        locale: str
        def __init__(self, locale: str) -> None: ...

    class EmptySalutation(GreetError):
        def __init__(self) -> None: ...

    class DecoratorFailed(GreetError):
        reason: str
        def __init__(self, reason: str) -> None: ...

class GreetOptions:
    """How a `Greeter` phrases a greeting."""

    tone: Tone
    title: str | None
    exclaim: bool
    def __init__(self, *, tone: Tone = ..., title: str | None = ..., exclaim: bool = ...) -> None: ...

class Salutation:
    """What to say before the name: `Salutation.PHRASEBOOK(tone)` or `Salutation.CUSTOM(text)`."""

    class PHRASEBOOK(Salutation):
        tone: Tone
        def __init__(self, tone: Tone) -> None: ...

    class CUSTOM(Salutation):
        text: str
        def __init__(self, text: str) -> None: ...

    def is_PHRASEBOOK(self) -> bool: ...
    def is_phrasebook(self) -> bool: ...
    def is_CUSTOM(self) -> bool: ...
    def is_custom(self) -> bool: ...

class Greeting:
    """A greeting that a `Greeter` gave."""

    text: str
    name: str
    locale: str
    at: datetime.datetime
    def __init__(self, *, text: str, name: str, locale: str, at: datetime.datetime) -> None: ...

@final
class Locale:
    """A locale of the built-in phrasebook; prints as its tag, equal when the tags are."""

    def __init__(self, tag: str) -> None: ...
    def tag(self) -> str: ...
    def native_name(self) -> str: ...
    def is_rtl(self) -> bool: ...
    def phrase(self, tone: Tone) -> str: ...

class Decorator:
    """Changes a greeting after the greeter has phrased it; subclass it and pass it to
    `Greeter.set_decorator`. Raise `GreetError` from `decorate` to refuse."""

    def decorate(self, greeting: str) -> str: ...

@final
class Greeter:
    """Greets people in one locale and counts whom it greeted; thread-safe."""

    def __init__(self) -> None: ...
    @classmethod
    def for_locale(cls, tag: str) -> Greeter: ...
    def locale(self) -> Locale: ...
    def greet(self, name: str) -> str: ...
    def greet_with(self, name: str, options: GreetOptions) -> str: ...
    def salute(self, salutation: Salutation, name: str) -> str: ...
    def greet_all(self, names: list[str]) -> list[str]: ...
    async def greet_later(self, name: str, delay: datetime.timedelta) -> str: ...
    def count_for(self, name: str) -> int: ...
    def total(self) -> int: ...
    def counts(self) -> dict[str, int]: ...
    def last_greeting(self) -> Greeting | None: ...
    def set_decorator(self, decorator: Decorator | None) -> None: ...
