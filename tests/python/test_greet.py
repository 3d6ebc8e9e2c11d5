"""The whole greet interface through the Python bindings; doubles as an API example."""

import asyncio
import datetime
import threading

import pytest

import greet
from greet import GreetError, GreetOptions, Greeter, Locale, Salutation, Tone


# --- greet(): the seed's function, byte for byte ---------------------------------------

@pytest.mark.parametrize(
    "greeting, name",
    [("Salutations", "friend"), ("Welcome", "traveler"), ("Aloha", "amigo")],
)
def test_seed_examples(greeting, name):
    assert greet.greet(greeting, name) == f"{greeting}, {name}"


def test_greet_never_alters_input():
    odd = ["", "  padded\t", "a\x00b", "😀🧑‍🚀", "e\u0301", "שלום", "\u202eevil"]
    for a in odd:
        for b in odd:
            assert greet.greet(a, b) == f"{a}, {b}"


def test_greet_one_mib_name():
    name = "ü" * (1 << 20)
    out = greet.greet("Hi", name)
    assert len(out) == len(name) + 4 and out.endswith(name)


def test_greet_rejects_non_strings_before_calling_rust():
    with pytest.raises(TypeError):
        greet.greet("Hi", 42)


# --- the phrasebook ---------------------------------------------------------------------

def test_supported_locales_sorted_with_rtl_and_non_latin():
    locales = greet.supported_locales()
    tags = [loc.tag() for loc in locales]
    assert tags == sorted(tags) and {"ar", "he", "ja", "en"} <= set(tags)
    assert {loc.tag() for loc in locales if loc.is_rtl()} == {"ar", "he"}
    assert Locale("ja").native_name() == "日本語"


def test_locale_prints_compares_and_hashes_by_tag():
    a, b = Locale("AR"), Locale("ar")
    assert a == b and a is not b and hash(a) == hash(b)
    assert a != Locale("he")
    assert str(a) == "ar" and repr(a) == 'Locale("ar")'
    assert len({a, b, Locale("he")}) == 2


def test_unknown_locale_is_typed():
    with pytest.raises(GreetError.UnknownLocale) as err:
        Locale("tlh")
    assert err.value.locale == "tlh"
    assert isinstance(err.value, GreetError)


# --- Greeter ----------------------------------------------------------------------------

def test_constructors():
    assert Greeter().locale() == Locale("en")
    assert Greeter.for_locale("ja").locale().tag() == "ja"
    with pytest.raises(GreetError.UnknownLocale):
        Greeter.for_locale("")


def test_greet_and_options():
    g = Greeter.for_locale("es")
    assert g.greet("amigo") == "Hola, amigo"
    assert GreetOptions() == GreetOptions(tone=Tone.INFORMAL, title=None, exclaim=False)
    formal = GreetOptions(tone=Tone.FORMAL, title="Dra.", exclaim=True)
    assert g.greet_with("Ruiz", formal) == "¡Buenos días, Dra. Ruiz!"
    assert g.greet_with(name="Ruiz", options=GreetOptions(exclaim=True)) == "¡Hola, Ruiz!"


def test_salutation_enum_with_data():
    g = Greeter()
    custom = Salutation.CUSTOM(text="Aloha")
    assert custom.is_custom() and custom.text == "Aloha"
    assert g.salute(custom, "amigo") == "Aloha, amigo"
    assert g.salute(Salutation.PHRASEBOOK(tone=Tone.FORMAL), "you") == "Good day, you"
    with pytest.raises(GreetError.EmptySalutation):
        g.salute(Salutation.CUSTOM(""), "x")


def test_errors_name_the_problem_and_count_nothing():
    g = Greeter()
    with pytest.raises(GreetError.EmptyName) as empty:
        g.greet(" \t")
    assert empty.value.name == " \t"
    limit = greet.max_name_length()
    assert g.greet("ß" * limit) == "Hi, " + "ß" * limit
    with pytest.raises(GreetError.NameTooLong) as long:
        g.greet("ß" * (limit + 1))
    assert (long.value.length, long.value.max) == (limit + 1, limit)
    with pytest.raises(GreetError.NameTooLong):
        g.greet("x" * (1 << 20))
    assert g.total() == 1


def test_greet_all_sequence_is_all_or_nothing():
    g = Greeter()
    with pytest.raises(GreetError.EmptyName):
        g.greet_all(["ann", ""])
    assert g.total() == 0
    assert g.greet_all(["ann", "bo", "ann"]) == ["Hi, ann", "Hi, bo", "Hi, ann"]
    assert g.counts() == {"ann": 2, "bo": 1}
    assert g.count_for("ann") == 2 and g.count_for("nobody") == 0


def test_last_greeting_record_with_timestamp():
    g = Greeter.for_locale("he")
    assert g.last_greeting() is None
    before = datetime.datetime.now(datetime.timezone.utc)
    g.greet("חבר")
    last = g.last_greeting()
    assert (last.text, last.name, last.locale) == ("היי, חבר", "חבר", "he")
    assert before - datetime.timedelta(seconds=1) <= last.at <= datetime.datetime.now(datetime.timezone.utc)


def test_greeter_prints():
    g = Greeter.for_locale("fr")
    g.greet("ami")
    assert str(g) == "Greeter(locale=fr, greeted=1)"


# --- the foreign trait, implemented in Python -------------------------------------------

class Shout(greet.Decorator):
    def decorate(self, greeting):
        return greeting.upper() + "!"


class Refuse(greet.Decorator):
    def decorate(self, greeting):
        raise GreetError.DecoratorFailed("refused on purpose")


class Broken(greet.Decorator):
    def decorate(self, greeting):
        raise ZeroDivisionError("oops")


def test_python_decorator_is_applied():
    g = Greeter()
    g.set_decorator(Shout())
    assert g.greet("bob") == "HI, BOB!"
    assert g.salute(Salutation.CUSTOM("Yo"), "al") == "YO, AL!"
    g.set_decorator(None)
    assert g.greet("bob") == "Hi, bob"
    assert g.count_for("bob") == 2


def test_decorator_errors_reach_the_caller():
    g = Greeter()
    g.set_decorator(Refuse())
    with pytest.raises(GreetError.DecoratorFailed) as refused:
        g.greet("x")
    assert refused.value.reason == "refused on purpose"
    g.set_decorator(Broken())
    with pytest.raises(GreetError.DecoratorFailed) as broken:
        g.greet("x")
    assert "ZeroDivisionError" in broken.value.reason
    assert g.total() == 0


# --- threads ------------------------------------------------------------------------------

def test_eight_threads_share_one_greeter_exactly():
    g = Greeter()
    g.set_decorator(Shout())
    per_thread = 2000
    errors = []

    def work(i):
        try:
            for _ in range(per_thread):
                assert g.greet(f"n{i % 4}") == f"HI, N{i % 4}!"
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads) and errors == []
    assert g.total() == 8 * per_thread
    assert g.counts() == {f"n{i}": 2 * per_thread for i in range(4)}


# --- async --------------------------------------------------------------------------------

def test_greet_later_awaits_without_blocking():
    g = Greeter.for_locale("ja")
    events = []

    async def greet_one(i):
        text = await g.greet_later(f"n{i}", datetime.timedelta(milliseconds=100))
        events.append("greeted")
        return text

    async def tick():
        await asyncio.sleep(0)
        events.append("tick")

    async def main():
        return await asyncio.gather(*(greet_one(i) for i in range(20)), tick())

    results = asyncio.run(main())
    assert results[:20] == [f"やあ、n{i}" for i in range(20)]
    assert g.total() == 20
    # The event loop ran other work while the greetings were pending.
    assert events[0] == "tick" and events.count("greeted") == 20


def test_greet_later_raises_typed_error():
    async def main():
        await Greeter().greet_later("", datetime.timedelta(0))

    with pytest.raises(GreetError.EmptyName):
        asyncio.run(main())
