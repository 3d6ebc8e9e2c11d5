{%- import "python-native/wrappers.py" as wrappers %}
{{ m.py.doc|docstring(0) -}}
# The native backend of the `{{ m.py.name }}` package: uniffi's Python API for the component.
# Functions and objects are the compiled extension `{{ m.py.name }}._native`; records, enums,
# errors and protocols (shaped as uniffi's Python bindings shape them) are in `_types.py`,
# loaded on first use: they need `enum` and `typing`, which cost more to import than the
# whole package, and a call that takes and returns only builtins never needs them.

from __future__ import annotations

from . import _native


class IncompatibleLibraryError(ImportError):
    """The package's compiled library (`_native`) does not match it, or was built with another
    version of the component than the one the package was generated from. The message names
    the library file, what differs, and the commands that regenerate the bindings and rebuild
    the library."""


# The interface these bindings were generated for; the extension must have been built from them.
_UNIFFI_FINGERPRINT = "{{ m.fingerprint }}"


def _uniffi_check_library():
    check = getattr(_native, "_uniffi_check_library", None)
    if check is None:
        problem = (
            f"{getattr(_native, '__file__', '_native')} does not match its bindings: it has no interface "
            f"check, so it was built from older bindings than the Python package `{__name__}`; "
            {{ m.remedy|py_str }}
        )
    else:
        problem = check(_UNIFFI_FINGERPRINT)
    if problem is not None:
        raise IncompatibleLibraryError(problem, name=_native.__name__, path=getattr(_native, "__file__", None))


_uniffi_check_library()
del _uniffi_check_library

# Default arguments that are made anew for each call.
_DEFAULT = object()


class InternalError(Exception):
    """A panic (a bug) inside the Rust implementation, with its message. The call had no
    effect that can be relied on; the process and other objects keep working."""


# ---- what `_types.py` defines, loaded by the first access to any of it -------------------------

_UNIFFI_LAZY = frozenset((
{%- for name in m.lazy_names() %}
    "{{ name }}",
{%- endfor %}
))


def __getattr__(name):
    if name in _UNIFFI_LAZY:
        from . import _types
        module = globals()
        for lazy in _UNIFFI_LAZY:
            module[lazy] = getattr(_types, lazy)
        return module[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _UNIFFI_LAZY)


class _UniffiGlobals(dict):
    """The package's names as the introspection of its functions sees them (their
    `__globals__`): what is not defined yet is loaded when an annotation names it."""

    __slots__ = ()

    def __missing__(self, name):
        module = globals()
        if name in module:
            return module[name]
        if name in _UNIFFI_LAZY:
            return __getattr__(name)
        raise KeyError(name)


_UNIFFI_GLOBALS = _UniffiGlobals()

{% include "python-native/async.py" %}
{%- if !m.native_classes().is_empty() %}

from ._native import (  # noqa: E402
{%- for name in m.native_classes() %}
    {{ name }},
{%- endfor %}
)
{%- endif %}

{% include "python-native/introspect.py" %}

__all__ = [
{%- for name in m.py.exported_names %}
    "{{ name }}",
{%- endfor %}
]
