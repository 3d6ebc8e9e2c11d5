"""greet() over libcabi_greet.so (bench/cabi-greet) with ctypes.

The C function returns an owned, NUL-terminated UTF-8 string; it is copied into a Python str
and released with greet_free, so nothing leaks. libcabi_greet.so sits next to this file.
"""

import ctypes
import os

_lib = ctypes.CDLL(os.path.join(os.path.dirname(os.path.abspath(__file__)), "libcabi_greet.so"))
_greet = _lib.greet
_greet.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
_greet.restype = ctypes.c_void_p  # not c_char_p: we need the pointer back to free it
_free = _lib.greet_free
_free.argtypes = (ctypes.c_void_p,)
_free.restype = None
_string_at = ctypes.string_at


def greet(greeting: str, name: str) -> str:
    out = _greet(greeting.encode(), name.encode())
    if not out:
        raise ValueError("greet: argument contains NUL or is not valid UTF-8")
    try:
        return _string_at(out).decode()
    finally:
        _free(out)
