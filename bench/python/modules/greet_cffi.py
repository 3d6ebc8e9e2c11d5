"""greet() over libcabi_greet.so (bench/cabi-greet) with CFFI in API mode.

`_greet_cffi` is the extension module that bench/python/build_cffi.py compiles from
bench/cabi-greet/include/greet_cabi.h (the seed's `ffi.set_source` approach, compiled ahead of
use). The result is copied into a Python str and released with greet_free.
"""

from _greet_cffi import ffi, lib

_greet = lib.greet
_free = lib.greet_free
_string = ffi.string
_NULL = ffi.NULL


def greet(greeting: str, name: str) -> str:
    out = _greet(greeting.encode(), name.encode())
    if out == _NULL:
        raise ValueError("greet: argument contains NUL or is not valid UTF-8")
    try:
        return _string(out).decode()
    finally:
        _free(out)
