{%- import "c-cffi/function.py" as fn %}
{%- import "c-cffi/methods.py" as meths %}
{{ m.py.doc|docstring(0) -}}
# The CFFI backend of the `{{ m.ns }}` package: uniffi's Python API for the component, every
# call made through its C API ({{ m.ns }}.h, lib{{ m.ns }}_c) by the CFFI (API mode) extension
# `{{ m.ns }}._cffi`, which build_cffi.py compiles from that header. Records, enums, errors and
# protocols are shaped as uniffi's Python bindings shape them.

from __future__ import annotations

import abc
import enum
import typing
{%- for i in m.py.imports %}
{{ i|import_statement }}
{%- endfor %}
import datetime


class IncompatibleLibraryError(ImportError):
    """The package's compiled half does not match it: the CFFI extension `{{ m.ns }}._cffi`, the
    header it was compiled from, lib{{ m.ns }}_c, or the component that library was built with.
    The message names the library file, what differs, and the commands that regenerate the
    bindings and rebuild what is stale."""


# The interface these bindings were generated for: the header the extension is compiled from
# and lib{{ m.ns }}_c must have been generated with them.
_UNIFFI_FINGERPRINT = "{{ m.m.fingerprint }}"
# What a mismatch tells the user to run.
_UNIFFI_REMEDY = {{ m.m.remedy|py_str }} + ", then rebuild the CFFI extension (`python3 build_cffi.py --lib-dir <the directory of lib{{ m.ns }}_c>`)"

try:
    from ._cffi import ffi as _ffi, lib as _lib
except ImportError as _uniffi_error:
    if "undefined symbol" not in str(_uniffi_error):
        raise
    # The extension calls a function lib{{ m.ns }}_c does not have: they come from different
    # generations of the bindings.
    raise IncompatibleLibraryError(
        f"{_uniffi_error} (the extension `{__name__}._cffi` and lib{{ m.ns }}_c do not match); {_UNIFFI_REMEDY}",
        name=f"{__name__}._cffi",
    ) from None


def _uniffi_check_library():
    import sys

    fingerprint = _UNIFFI_FINGERPRINT
    extension = getattr(sys.modules.get(f"{__name__}._cffi"), "__file__", f"{__name__}._cffi")
    header = getattr(_lib, "_cffi_header_fingerprint", None)
    compiled = _ffi.string(header()).decode() if header is not None else "unknown"
    if compiled != fingerprint:
        raise IncompatibleLibraryError(
            f"{extension} does not match its bindings: the Python package `{__name__}` was generated for "
            f"another interface of the component `{{ m.ns }}` than the header the extension was compiled from "
            f"(interface fingerprint {fingerprint}, the extension's is {compiled}); {_UNIFFI_REMEDY}",
            name=f"{__name__}._cffi",
            path=extension,
        )
    err = _ffi.new("{{ m.ns }}_error *")
    if _lib.{{ m.ns }}_library_init(fingerprint.encode(), err) != 0:
        message = _ffi.unpack(err.message.ptr, err.message.len).decode("utf-8", "replace")
        _lib.{{ m.ns }}_error_free(err)
        raise IncompatibleLibraryError(
            f"{message}, then rebuild the CFFI extension (`python3 build_cffi.py --lib-dir <the directory of lib{{ m.ns }}_c>`)",
            name=f"{__name__}._cffi",
            path=extension,
        )


_uniffi_check_library()
del _uniffi_check_library

# The types uniffi's bindings name in annotations.
Timestamp = datetime.datetime
Duration = datetime.timedelta
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

{% include "c-cffi/runtime.py" %}

# ---- records, enums, errors, protocols -----------------------------------------------------------
{% let pym = m.py -%}
{% include "python-types/types.py" %}

# ---- converters: one pair per C type ---------------------------------------------------------------
{%- for v in m.convs %}
{%- include "c-cffi/convert.py" %}
{%- endfor %}


# ---- errors: a failed call's error struct as the exception to raise (the struct is freed) ----------
{%- for e in m.errors %}


def {{ e.conv.fail }}(status, err):
    try:
{%- if let Some(d) = e.declared %}
        if status == _ERROR:
{%- if let Some(field) = e.field %}
            return _lift_{{ d }}(_addressof(err[0], "{{ field }}"))
{%- else %}
            return _lift_{{ d }}(err)
{%- endif %}
{%- endif %}
        return _status_error(status, _text(err.message))
    finally:
        _lib.{{ e.free }}(err)
{%- endfor %}
{%- if !m.helpers.is_empty() %}

# The string fast path's C helpers (module globals: a lookup in `_lib` costs more).
_string_done = _lib._cffi_string_done
{%- for h in m.helpers %}
{{ h.name }} = _lib.{{ h.name }}
{%- endfor %}


def _string_outcome(fail, err):
    """The slow path of a call that returns a string: the string holds a NUL byte, or the
    call failed (the helper returned NULL)."""
    status = _lib._cffi_status()
    if status == _OK:
        text = _text(_lib._cffi_string_slot())
        _string_done()
        return text
    raise fail(status, err)
{%- endif %}
{%- for c in m.completions %}


@_ffi.def_extern()
def {{ c.ext }}(data, status, result, error):
    _complete(data, status, result, error)
{%- endfor %}

# ---- objects ---------------------------------------------------------------------------------------
{%- for o in m.objects %}
{%- let i = o.py %}


class {{ i.name }}{% if i.foreign %}({{ i.protocol }}){% else if i.is_error %}({{ i.protocol }}, Exception){% endif %}:
    {{ i.doc|docstring(4) -}}
    _ptr = _NULL
{%- let primary = o.primary() %}
{%- match primary %}
{%- when Some(f) %}

    def __init__{% call fn::params(f, "self") %}{% endcall %} -> None:
{%- if f.py.doc.is_some() %}
        {{ f.py.doc|docstring(8)|trim }}
{%- endif %}
{%- call fn::body(f, "        ", "") %}{% endcall %}
{%- if i.is_error %}
        Exception.__init__(self)
{%- endif %}
{%- when None %}

    def __init__(self, *args, **kwargs):
        raise ValueError("This class has no default constructor")
{%- endmatch %}

    def __del__(self):
        ptr = self._ptr
        if ptr != _NULL:
            self._ptr = _NULL
            try:
                _lib.{{ o.free_fn }}(ptr)
            except Exception:  # noqa: BLE001 - the interpreter is shutting down
                pass

    @classmethod
    def _uniffi_make_instance(cls, ptr):
        inst = cls.__new__(cls)
        inst._ptr = ptr
{%- if i.is_error %}
        Exception.__init__(inst)
{%- endif %}
        return inst
{%- for f in o.constructors %}
{%- if !f.is_primary() %}

    @classmethod
    {% if f.c.is_async %}async {% endif %}def {{ f.py.name }}{% call fn::params(f, "cls") %}{% endcall %} -> {{ f.py.return_annotation }}:
{%- if f.py.doc.is_some() %}
        {{ f.py.doc|docstring(8)|trim }}
{%- endif %}
{%- call fn::body(f, "        ", "") %}{% endcall %}
{%- endif %}
{%- endfor %}
{%- for f in o.methods %}

    {% if f.c.is_async %}async {% endif %}def {{ f.py.name }}{% call fn::params(f, "self") %}{% endcall %} -> {{ f.py.return_annotation }}:
{%- if f.py.doc.is_some() %}
        {{ f.py.doc|docstring(8)|trim }}
{%- endif %}
{%- call fn::body(f, "        ", "ptr") %}{% endcall %}
{%- endfor %}
{%- for (dunder, f) in o.traits %}
{%- call meths::dunder_methods(dunder, f, i.name, "ptr") %}{% endcall %}
{%- endfor %}
{%- if !i.foreign && !i.is_error %}


{{ i.protocol }}.register({{ i.name }})
{%- endif %}
{%- endfor %}

# ---- functions -------------------------------------------------------------------------------------
{%- for f in m.functions %}


{% if f.c.is_async %}async {% endif %}def {{ f.py.name }}{% call fn::params(f, "") %}{% endcall %} -> {{ f.py.return_annotation }}:
{%- if f.py.doc.is_some() %}
    {{ f.py.doc|docstring(4)|trim }}
{%- endif %}
{%- call fn::body(f, "    ", "") %}{% endcall %}
{%- endfor %}
{%- for v in m.value_types %}

# ---- {{ v.class }}: methods of its values
{%- for f in v.methods %}


{% if f.c.is_async %}async {% endif %}def _{{ v.class }}_{{ f.py.name }}{% call fn::params(f, "self") %}{% endcall %} -> {{ f.py.return_annotation }}:
{%- if f.py.doc.is_some() %}
    {{ f.py.doc|docstring(4)|trim }}
{%- endif %}
{%- call fn::body(f, "    ", "value") %}{% endcall %}


{{ v.class }}.{{ f.py.name }} = _{{ v.class }}_{{ f.py.name }}  # type: ignore
{%- endfor %}
{%- for (dunder, f) in v.traits %}


class _{{ v.class }}{{ dunder }}:
{%- call meths::dunder_methods(dunder, f, v.class, "value") %}{% endcall %}
{%- for name in f.dunder_names(dunder) %}


{{ v.class }}.{{ name }} = _{{ v.class }}{{ dunder }}.{{ name }}  # type: ignore
{%- endfor %}
{%- endfor %}
{%- endfor %}

# ---- implementations in Python, called by Rust through C vtables ----------------------------------
{%- for t in m.foreign %}


@_ffi.def_extern()
def {{ t.free_ext }}(user_data):
    _release(user_data)
{%- for meth in t.methods %}
{%- if meth.is_async %}


def {{ meth.ext }}_finish(callback, callback_data, task, exc=None):
    result = {% if meth.ret.is_some() %}_new("{{ meth.ret_c }} *"){% else %}_ffi.NULL  # returns nothing{% endif %}
    error = _new("{{ meth.err_c }} *")
    try:
        if exc is not None:
            raise exc
        value = task.result()
{%- if let Some(r) = meth.ret %}
        _give_{{ r }}(result, value)
{%- endif %}
        status = _OK
{%- if let Some((cls, conv)) = meth.error %}
    except {{ cls }} as e:
        _give_{{ conv }}(error, e)
        status = _ERROR
{%- endif %}
    except BaseException as e:  # noqa: BLE001 - reported to Rust as an unexpected error
        error.message = _new_string(_describe(e))
        status = _PANIC
    callback(callback_data, status, result, error)


@_ffi.def_extern()
def {{ meth.ext }}(user_data, {% for a in meth.args %}{% call meths::vt_params(a, loop.index0) %}{% endcall %}, {% endfor %}callback, callback_data):
    try:
        coroutine = _ffi.from_handle(user_data).{{ meth.py.name }}({% for a in meth.args %}{% call meths::vt_lift(a, loop.index0) %}{% endcall %}, {% endfor %})
        _run_foreign(coroutine, lambda task: {{ meth.ext }}_finish(callback, callback_data, task))
    except BaseException as e:  # noqa: BLE001 - reported to Rust as an unexpected error
        {{ meth.ext }}_finish(callback, callback_data, None, e)
{%- else %}


@_ffi.def_extern(error=_PANIC)
def {{ meth.ext }}(user_data, {% for a in meth.args %}{% call meths::vt_params(a, loop.index0) %}{% endcall %}, {% endfor %}{% if meth.ret.is_some() %}out, {% endif %}out_error):
    try:
        value = _ffi.from_handle(user_data).{{ meth.py.name }}({% for a in meth.args %}{% call meths::vt_lift(a, loop.index0) %}{% endcall %}, {% endfor %})
{%- if let Some(r) = meth.ret %}
        _give_{{ r }}(out, value)
{%- endif %}
        return _OK
{%- if let Some((cls, conv)) = meth.error %}
    except {{ cls }} as e:
        _give_{{ conv }}(out_error, e)
        return _ERROR
{%- endif %}
    except BaseException as e:  # noqa: BLE001 - reported to Rust as an unexpected error
        out_error.message = _new_string(_describe(e))
        return _PANIC
{%- endif %}
{%- endfor %}


{{ t.vtable }} = _new("{{ t.vtable_c }} *", {
    "free_user_data": _lib.{{ t.free_ext }},
{%- for meth in t.methods %}
    "{{ meth.field }}": _lib.{{ meth.ext }},
{%- endfor %}
})
{%- endfor %}


__all__ = [
{%- for name in m.py.exported_names %}
    "{{ name }}",
{%- endfor %}
]
