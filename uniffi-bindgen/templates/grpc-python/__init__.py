"""{{ m.py.doc }}"""
# The `{{ m.namespace }}` component over gRPC: the same functions, classes and exceptions as the
# in-process module, each call a round trip to a `{{ m.package }}.{{ m.service }}` server.
# `connect(target)` picks the server (default: ${{ m.namespace|upper }}_GRPC_TARGET or 127.0.0.1:50051).
# Objects live on the server: `close()` (or `with`) frees one, idle ones expire there.

import asyncio
import datetime
import functools
import os
import threading

import grpc
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2

from . import {{ m.namespace }}_pb2 as _pb
from . import {{ m.namespace }}_pb2_grpc as _pb_grpc

_DEFAULT = object()


{% include "legacy-python-native/enum_runtime.py" %}

{% for e in m.py.enums %}
{%- include "legacy-python-native/enum.py" %}
{% endfor %}
{%- for r in m.py.records %}
{%- include "legacy-python-native/record.py" %}
{% endfor %}
{%- for e in m.py.errors %}
{%- include "legacy-python-native/error.py" %}
{% endfor %}

# ---- connection ------------------------------------------------------------------------------


class Connection:
    """A channel to a `{{ m.package }}.{{ m.service }}` server. `timeout` (seconds) is the deadline
    of every call made through it; `credentials` (from `grpc.ssl_channel_credentials`) makes it
    a TLS channel."""

    def __init__(self, target, *, credentials=None, timeout=None, options=()):
        self.target = target
        self.timeout = timeout
        if credentials is None:
            self._channel = grpc.insecure_channel(target, options=list(options))
        else:
            self._channel = grpc.secure_channel(target, credentials, options=list(options))
        self._stub = _pb_grpc.{{ m.service }}Stub(self._channel)

    def close(self):
        self._channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_connection = None
_connection_lock = threading.Lock()


def connect(target=None, *, credentials=None, timeout=None, options=()):
    """Makes `target` the server every call goes to, and returns the connection."""
    global _connection
    if target is None:
        target = os.environ.get("{{ m.namespace|upper }}_GRPC_TARGET", "127.0.0.1:50051")
    conn = Connection(target, credentials=credentials, timeout=timeout, options=options)
    with _connection_lock:
        old, _connection = _connection, conn
    if old is not None:
        old.close()
    return conn


def close():
    """Closes the current connection; the next call connects again."""
    global _connection
    with _connection_lock:
        old, _connection = _connection, None
    if old is not None:
        old.close()


def _current():
    conn = _connection
    return conn if conn is not None else connect()


def _typed_error(err):
    """The component's exception carried in a status's details, or None."""
    try:
        trailers = err.trailing_metadata() or ()
    except Exception:
        return None
    for key, value in trailers:
        if key == "grpc-status-details-bin":
            status = _status_pb2.Status.FromString(value)
            for detail in status.details:
                lift = _ERRORS.get(detail.type_url)
                if lift is not None:
                    return lift(detail.value, status.message)
    return None


_unreleased = []


def _release_later(rpc, handle):
    _unreleased.append((rpc, handle))


def _release_collected(conn):
    """Frees the handles of collected objects, without waiting for the answers."""
    while _unreleased:
        try:
            rpc, handle = _unreleased.pop()
        except IndexError:
            break
        try:
            request = getattr(_pb, rpc + "Request")(handle=handle)
            getattr(conn._stub, rpc).future(request, timeout=10)
        except Exception:
            pass


def _call(rpc, request):
    conn = _current()
    if _unreleased:
        _release_collected(conn)
    try:
        return getattr(conn._stub, rpc)(request, timeout=conn.timeout)
    except grpc.RpcError as err:
        typed = _typed_error(err)
        if typed is None:
            raise
        raise typed from None


async def _call_async(rpc, request):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(_call, rpc, request))


# ---- conversions -----------------------------------------------------------------------------

_EPOCH = datetime.datetime.fromtimestamp(0, tz=datetime.timezone.utc)


def _lift_timestamp(ts):
    return _EPOCH + datetime.timedelta(seconds=ts.seconds, microseconds=ts.nanos // 1000)


def _lower_timestamp(v):
    if not isinstance(v, datetime.datetime):
        raise TypeError("expected datetime.datetime, got {}".format(type(v).__name__))
    delta = v - _EPOCH
    seconds = delta.days * 86400 + delta.seconds
    return _timestamp_pb2.Timestamp(seconds=seconds, nanos=delta.microseconds * 1000)


def _lower_duration(v):
    if not isinstance(v, datetime.timedelta):
        raise TypeError("expected datetime.timedelta, got {}".format(type(v).__name__))
    d = _duration_pb2.Duration()
    d.FromTimedelta(v)
    return d


def _handle_of(v, cls):
    if not isinstance(v, cls):
        raise TypeError("expected {}, got {}".format(cls.__name__, type(v).__name__))
    if v._uniffi_handle is None:
        raise ValueError("this {} was closed".format(cls.__name__))
    return v._uniffi_handle

{% for c in m.py_convert %}

{{ c }}
{%- endfor %}


_ERRORS = {
{%- for (name, lift) in m.py_errors %}
    "type.googleapis.com/{{ name }}": {{ lift }},
{%- endfor %}
}


# ---- functions and objects -------------------------------------------------------------------
{% for f in m.py_functions %}

{% include "grpc-python/function.py" %}
{%- endfor %}
{% for o in m.py_objects %}

{% include "grpc-python/object.py" %}
{%- endfor %}


__all__ = [
{%- for name in m.all_exports %}
    "{{ name }}",
{%- endfor %}
]
