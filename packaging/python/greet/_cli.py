"""The `greet` command: prints a greeting made by the Rust greeter.

    greet Aloha amigo                        Aloha, amigo        (GREETING NAME, as given)
    greet amigo                              Hi, amigo           (the phrasebook's phrase)
    greet --locale ja 友達                    やあ、友達
    greet -l fr --tone formal --exclaim Ana  Bonjour, Ana !
    greet --list-locales

Bad arguments (an unknown locale, an empty name, a GREETING together with phrasebook
options) print the usage and exit with status 2.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import sys
from typing import Optional, Sequence

import greet as _greet

_PHRASEBOOK_OPTIONS = ("locale", "tone", "title", "exclaim")


def _version() -> str:
    for dist in ("greet", "greet-native"):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown"


def _backend() -> str:
    # The native package imports its extension as `greet._native`; the uniffi one has none.
    return "native (PyO3)" if getattr(_greet, "_native", None) is not None else "uniffi"


def _parser(prog: Optional[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog or "greet",
        usage="%(prog)s [options] [GREETING] NAME\n       %(prog)s --list-locales",
        description="Print a greeting. With GREETING and NAME, prints exactly 'GREETING, NAME'; "
        "with NAME alone, the phrasebook picks the greeting for --locale and --tone.",
        epilog="examples: greet Aloha amigo | greet --locale ja 友達 | greet -l fr -t formal Ana",
    )
    parser.add_argument("words", nargs="*", metavar="GREETING NAME",
                        help="the greeting to use (optional) and the name to greet")
    parser.add_argument("-l", "--locale", metavar="TAG",
                        help="phrasebook locale, e.g. en, ja, ar (default: en; see --list-locales)")
    parser.add_argument("-t", "--tone", type=str.lower, choices=("informal", "formal"),
                        help="register of the phrasebook greeting (default: informal)")
    parser.add_argument("--title", help='a title before the name, e.g. "Dr."')
    parser.add_argument("-x", "--exclaim", action="store_true", help='end the greeting with "!"')
    parser.add_argument("--list-locales", action="store_true",
                        help="list the phrasebook's locales and exit")
    parser.add_argument("--version", action="version",
                        version=f"%(prog)s {_version()} ({_backend()} backend)")
    return parser


def _list_locales() -> int:
    for locale in _greet.supported_locales():
        direction = "rtl" if locale.is_rtl() else "ltr"
        informal = locale.phrase(_greet.Tone.INFORMAL)
        formal = locale.phrase(_greet.Tone.FORMAL)
        print(f"{locale.tag()}\t{locale.native_name()}\t{direction}\t{informal} / {formal}")
    return 0


def main(argv: Optional[Sequence[str]] = None, prog: Optional[str] = None) -> int:
    """Runs the command line; returns the exit status (argparse exits 2 on bad arguments)."""
    parser = _parser(prog)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.list_locales:
        if args.words:
            parser.error("--list-locales takes no GREETING or NAME")
        return _list_locales()
    if not args.words:
        parser.error("the following arguments are required: [GREETING] NAME")
    if len(args.words) > 2:
        parser.error(f"expected [GREETING] NAME, got {len(args.words)} words "
                     "(quote a name or greeting that contains spaces)")
    if len(args.words) == 2:
        given = [f"--{opt}" for opt in _PHRASEBOOK_OPTIONS if getattr(args, opt) not in (None, False)]
        if given:
            parser.error(f"{'/'.join(given)}: phrasebook options go with NAME alone, "
                         "not with an explicit GREETING")
        greeting, name = args.words
        try:
            text = _greet.greet(greeting, name)
        except UnicodeEncodeError:
            parser.error("GREETING and NAME must be valid Unicode text")
        print(text)
        return 0

    (name,) = args.words
    tone = _greet.Tone.FORMAL if args.tone == "formal" else _greet.Tone.INFORMAL
    try:
        greeter = _greet.Greeter.for_locale(args.locale) if args.locale is not None else _greet.Greeter()
        options = _greet.GreetOptions(tone=tone, title=args.title, exclaim=args.exclaim)
        text = greeter.greet_with(name, options)
    except _greet.GreetError.UnknownLocale:
        known = ", ".join(locale.tag() for locale in _greet.supported_locales())
        parser.error(f"argument -l/--locale: unknown locale {args.locale!r} (choose from {known})")
    except _greet.GreetError.EmptyName:
        parser.error("NAME must not be empty or only whitespace")
    except _greet.GreetError.NameTooLong as err:
        parser.error(f"NAME is {err.length} characters long; the limit is {err.max}")
    except UnicodeEncodeError:
        parser.error("NAME, --locale and --title must be valid Unicode text")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
