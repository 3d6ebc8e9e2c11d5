{%- import "python-native/methods.py" as methods %}
{%- import "python-native/wrappers.py" as wrappers %}
{{ m.py.doc|docstring(0) -}}
# The native backend of the `{{ m.py.name }}` package: uniffi's Python API for the component,
# with functions and objects in the compiled extension `{{ m.py.name }}._native` and the
# records, enums, errors and protocols below shaped as uniffi's Python bindings shape them.

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

{% include "python-native/async.py" %}

# Default arguments that are made anew for each call.
_DEFAULT = object()  # type: typing.Any


class InternalError(Exception):
    """A panic (a bug) inside the Rust implementation, with its message. The call had no
    effect that can be relied on; the process and other objects keep working."""

{% for c in m.py.customs %}
{%- include "python-types/custom.py" %}
{% endfor %}
{%- for e in m.py.enums %}
{%- if e.is_error %}
{%- include "python-types/error.py" %}
{%- else %}
{%- include "python-types/enum.py" %}
{%- endif %}
{% endfor %}
{%- for r in m.py.records %}
{%- include "python-types/record.py" %}
{% endfor %}
{%- for p in m.py.protocols %}
{%- include "python-types/protocol.py" %}
{% endfor %}
{%- if !m.native_classes().is_empty() %}
from ._native import (  # noqa: E402
{%- for name in m.native_classes() %}
    {{ name }},
{%- endfor %}
)
{%- endif %}
from . import _native  # noqa: E402

{% include "python-native/introspect.py" %}
{% for i in m.py.interfaces %}
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


__all__ = [
{%- for name in m.py.exported_names %}
    "{{ name }}",
{%- endfor %}
]
