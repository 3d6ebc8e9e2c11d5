"""Reads the shared conformance corpus (tests/conformance/corpus.json) and runs its cases."""

import json
import os
import pathlib

import greet

CORPUS = pathlib.Path(
    os.environ.get("GREET_CORPUS", pathlib.Path(__file__).resolve().parents[1] / "conformance" / "corpus.json")
)


def load():
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def text(value):
    """A corpus string: plain, {"repeat": s, "times": n} or {"concat": [parts]}."""
    if isinstance(value, str):
        return value
    if "repeat" in value:
        return value["repeat"] * value["times"]
    if "concat" in value:
        return "".join(text(part) for part in value["concat"])
    raise ValueError(f"not a corpus string: {value!r}")


def expand(value):
    if isinstance(value, list):
        return [expand(v) for v in value]
    if isinstance(value, dict) and ("repeat" in value or "concat" in value):
        return text(value)
    return value


def _greeter(case):
    tag = case.get("locale")
    return greet.Greeter() if tag is None else greet.Greeter.for_locale(text(tag))


def _tone(name):
    return {"Formal": greet.Tone.FORMAL, "Informal": greet.Tone.INFORMAL}[name]


def run(case):
    """Runs one case and returns its result as a JSON-like value; errors propagate."""
    call = case["call"]
    if call == "greet":
        return greet.greet(text(case["greeting"]), text(case["name"]))
    if call == "Greeter.greet":
        return _greeter(case).greet(text(case["name"]))
    if call == "Greeter.greet_with":
        given = case["options"]
        kwargs = {}
        if "tone" in given:
            kwargs["tone"] = _tone(given["tone"])
        if "title" in given:
            kwargs["title"] = text(given["title"])
        if "exclaim" in given:
            kwargs["exclaim"] = given["exclaim"]
        return _greeter(case).greet_with(text(case["name"]), greet.GreetOptions(**kwargs))
    if call == "Greeter.salute":
        sal = case["salutation"]
        if "custom" in sal:
            salutation = greet.Salutation.CUSTOM(text(sal["custom"]))
        else:
            salutation = greet.Salutation.PHRASEBOOK(_tone(sal["phrasebook"]))
        return _greeter(case).salute(salutation, text(case["name"]))
    if call == "Greeter.greet_all":
        return _greeter(case).greet_all([text(n) for n in case["names"]])
    if call == "Greeter.for_locale":
        return greet.Greeter.for_locale(text(case["tag"])).locale().tag()
    if call == "Locale":
        loc = greet.Locale(text(case["tag"]))
        return {
            "tag": loc.tag(),
            "native_name": loc.native_name(),
            "is_rtl": loc.is_rtl(),
            "informal": loc.phrase(greet.Tone.INFORMAL),
            "formal": loc.phrase(greet.Tone.FORMAL),
        }
    raise AssertionError(f"unknown call {call!r} in case {case['id']}")
