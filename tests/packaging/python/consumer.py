"""A small program using the installed `greet` package, checked with `mypy --strict` and run.

It relies only on what a user of the wheel sees: `import greet` and its shipped type stubs.
"""

from __future__ import annotations

import asyncio
import datetime
from typing import Optional

import greet


class Shout(greet.Decorator):
    def decorate(self, greeting: str) -> str:
        return greeting.upper()


def describe(error: greet.GreetError) -> str:
    if isinstance(error, greet.GreetError.EmptyName):
        return f"empty name {error.name!r}"
    if isinstance(error, greet.GreetError.NameTooLong):
        return f"{error.length} > {error.max}"
    if isinstance(error, greet.GreetError.UnknownLocale):
        return f"unknown locale {error.locale!r}"
    return type(error).__name__


def main() -> None:
    assert greet.greet("Aloha", "amigo") == "Aloha, amigo"
    limit: int = greet.max_name_length()
    tags: list[str] = [locale.tag() for locale in greet.supported_locales()]
    assert "ja" in tags and limit == 256

    g = greet.Greeter.for_locale("ja")
    assert g.greet("友達") == "やあ、友達"
    options = greet.GreetOptions(tone=greet.Tone.FORMAL, title="Dr.", exclaim=True)
    formal: str = greet.Greeter().greet_with("Ruiz", options)
    custom = g.salute(greet.Salutation.CUSTOM("Aloha"), "amigo")
    phrase = g.salute(greet.Salutation.PHRASEBOOK(greet.Tone.INFORMAL), "amigo")
    everyone: list[str] = g.greet_all(["a", "b"])

    g.set_decorator(Shout())
    later = asyncio.run(g.greet_later("later", datetime.timedelta(milliseconds=5)))
    g.set_decorator(None)

    last: Optional[greet.Greeting] = g.last_greeting()
    assert last is not None and last.text == later
    at: datetime.datetime = last.at
    counts: dict[str, int] = g.counts()
    locale: greet.Locale = g.locale()

    try:
        greet.Greeter.for_locale("xx")
    except greet.GreetError as err:
        assert describe(err) == "unknown locale 'xx'"
    else:
        raise AssertionError("expected GreetError.UnknownLocale")

    print(formal, custom, phrase, everyone, later, at.year > 2000, counts, locale.native_name(),
          sep=" | ")


if __name__ == "__main__":
    main()
