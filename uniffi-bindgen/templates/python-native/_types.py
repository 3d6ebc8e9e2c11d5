{%- import "python-native/methods.py" as methods %}
{%- import "python-native/wrappers.py" as wrappers %}
# The records, enums, errors and protocols of the `{{ m.py.name }}` package, shaped as uniffi's
# Python bindings shape them. The package loads this module on the first access to any of
# them (see `__getattr__` in `__init__.py`); everything here is re-homed to the package.

from __future__ import annotations

import abc
import enum
import typing
{%- for i in m.py.imports %}
{{ i|import_statement }}
{%- endfor %}
{%- if m.uses_time() %}
import datetime

# The types uniffi's bindings name in annotations.
Timestamp = datetime.datetime
Duration = datetime.timedelta
{%- endif %}

from . import _DEFAULT, InternalError, _native  # noqa: F401
{%- if !m.native_classes().is_empty() %}
from ._native import (  # noqa: F401
{%- for name in m.native_classes() %}
    {{ name }},
{%- endfor %}
)
{%- endif %}
{% let pym = m.py -%}
{% include "python-types/types.py" %}
{%- for i in m.py.interfaces %}
{%- if i.is_error %}
{%- include "python-native/error_object.py" %}
{%- endif %}
{%- endfor %}
{% for i in m.py.interfaces %}
{% if !i.is_error %}{{ i.protocol }}.register({{ i.name }}){% endif %}
{%- for p in i.trait_protocols %}
{{ p }}.register({{ i.name }})
{%- endfor %}
{%- endfor %}
{% for r in m.py.records %}
{%- for f in r.methods %}
{%- call methods::value_method(r.name, f) %}{% endcall %}
{%- endfor %}
{%- for (dunder, f) in r.traits.all() %}
{%- call methods::dunder(r.name, dunder, f) %}{% endcall %}
{%- endfor %}
{%- endfor %}
{%- for e in m.py.enums %}
{%- for f in e.methods %}
{%- call methods::value_method(e.name, f) %}{% endcall %}
{%- endfor %}
{%- for (dunder, f) in e.traits.all() %}
{%- call methods::dunder(e.name, dunder, f) %}{% endcall %}
{%- endfor %}
{%- endfor %}
{% include "python-native/async_lazy.py" %}

def _uniffi_rehome():
    """Classes and functions defined here belong to the package, as in uniffi's module."""
    package = __package__
    for name in (
{%- for name in m.lazy_names() %}
        "{{ name }}",
{%- endfor %}
    ):
        obj = globals()[name]
        if getattr(obj, "__module__", None) != __name__:
            continue
        obj.__module__ = package
        for member in vars(obj).values() if isinstance(obj, type) else ():
            if getattr(member, "__module__", None) == __name__ and (isinstance(member, type) or hasattr(member, "__code__")):
                member.__module__ = package


_uniffi_rehome()
