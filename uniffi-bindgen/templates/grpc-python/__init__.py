{%- import "grpc-python/callable.py" as callable %}
{{ c.py.doc|docstring(0) -}}
# The `{{ c.m.namespace }}` component over gRPC: the same functions, classes and exceptions as the
# in-process module, each call a round trip to a `{{ c.m.package }}.{{ c.m.service }}` server.
# `{{ c.connect }}(target)` picks the server (default: ${{ c.m.namespace|upper }}_GRPC_TARGET or
# 127.0.0.1:50051). Every argument is checked as the in-process module checks it (same
# exception classes) before anything is sent. Objects live on the server: `close()` (or
# `with`) frees one, a collected one is freed with the next call, idle ones expire there.

from __future__ import annotations

import abc
import asyncio
import datetime
import enum
import json as _uniffi_json
import os
import threading
import typing
{%- for i in c.py.imports %}
{{ i|import_statement }}
{%- endfor %}

import grpc
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import error_details_pb2 as _error_details_pb2
from google.rpc import status_pb2 as _status_pb2

from . import {{ c.m.namespace }}_pb2 as _pb
from . import {{ c.m.namespace }}_pb2_grpc as _pb_grpc

# The types uniffi's bindings name in annotations.
Timestamp = datetime.datetime
Duration = datetime.timedelta

# Default arguments that are made anew for each call.
_DEFAULT = object()  # type: typing.Any


class InternalError(Exception):
    """A panic (a bug) inside the Rust implementation on the server, with its message. The
    call had no effect that can be relied on; the server and other objects keep working."""

{% let pym = c.py -%}
{% include "python-types/types.py" %}
{% include "grpc-python/runtime.py" %}

# ---- converters: check a value as uniffi's Python does, lower it to protobuf, lift it back ----
{% for conv in c.converters %}
{% include "grpc-python/converter.py" %}
{% endfor %}
{%- if c.m.has_callbacks() %}
{% include "grpc-python/callbacks.py" %}
{%- endif %}

# The errors a status may carry in its details, by type URL.
_UNIFFI_ERRORS = {
{%- for (url, conv, pb, field) in c.status_errors() %}
{%- if let Some(field) = field %}
    "{{ url }}": lambda data: {{ conv }}.lift_elem(_pb.{{ pb }}.FromString(data).{{ field }}),
{%- else %}
    "{{ url }}": lambda data: {{ conv }}.lift_elem(_pb.{{ pb }}.FromString(data)),
{%- endif %}
{%- endfor %}
}

# ---- functions --------------------------------------------------------------------------------
{%- for f in c.py.functions %}
{%- if let Some(call) = c.call(f) %}


{% if f.is_async %}async {% endif %}def {{ f.name }}({% call callable::params(f) %}{% endcall %}) -> {{ f.return_annotation }}:
    {{ f.doc|docstring(4) -}}
{%- filter indent(4) %}
{% call callable::body(call) %}{% endcall %}
{%- endfilter %}
{%- match call.ret %}
{%- when Some(ret) %}
    return {{ ret }}.lift_field(_uniffi_reply, "value")
{%- when None %}
{%- endmatch %}
{%- endif %}
{%- endfor %}

# ---- objects: handles to objects on the server ------------------------------------------------
{%- for i in c.py.interfaces %}
{% include "grpc-python/object.py" %}
{%- endfor %}
{%- for r in c.py.records %}
{%- for f in r.methods %}
{%- call callable::value_method(r.name, f) %}{% endcall %}
{%- endfor %}
{%- for (dunder, call) in c.dunders(r.traits) %}
{%- call callable::value_dunder(r.name, dunder, call) %}{% endcall %}
{%- endfor %}
{%- endfor %}
{%- for e in c.py.enums %}
{%- for f in e.methods %}
{%- call callable::value_method(e.name, f) %}{% endcall %}
{%- endfor %}
{%- for (dunder, call) in c.dunders(e.traits) %}
{%- call callable::value_dunder(e.name, dunder, call) %}{% endcall %}
{%- endfor %}
{%- endfor %}


__all__ = [
{%- for name in c.py.exported_names %}
    "{{ name }}",
{%- endfor %}
]
