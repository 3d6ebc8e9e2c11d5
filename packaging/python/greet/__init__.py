"""Greetings for people, declared once in greet.udl and implemented once in Rust.

This is the uniffi backend: the generated bindings (ctypes over the C ABI) and libgreet.so
live in `greet._uniffi`; this package re-exports their public API, so `import greet` works
exactly as with the generated `greet.py` module. Types: `__init__.pyi` (PEP 561, `py.typed`).
"""

from importlib import import_module as _import_module

from ._uniffi.greet import *  # noqa: F401,F403  (the public API, as listed in __all__)
from ._uniffi.greet import __all__  # noqa: F401

_bindings = _import_module(__name__ + "._uniffi.greet")


def __getattr__(name):
    # Everything else the generated module defines (its private helpers included) stays
    # reachable as `greet.<name>`, as when `greet.py` is imported as a plain module.
    try:
        return getattr(_bindings, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
