"""{{ m.doc }}"""
# The pure-Python half of the native backend: records, enums, errors and foreign-trait base
# classes, shaped like uniffi's Python bindings. Functions and objects come from the compiled
# extension `{{ m.package }}._native`, which calls the Rust implementation directly.

_DEFAULT = object()


{% include "legacy-python-native/enum_runtime.py" %}


class InternalError(Exception):
    """A panic (a bug) inside the Rust implementation, with its message. The call had no
    effect that can be relied on; the process and other objects keep working."""

{% for e in m.enums %}
{%- include "legacy-python-native/enum.py" %}
{% endfor %}
{%- for r in m.records %}
{%- include "legacy-python-native/record.py" %}
{% endfor %}
{%- for e in m.errors %}
{%- include "legacy-python-native/error.py" %}
{% endfor %}
{%- for t in m.traits %}
{%- include "legacy-python-native/trait.py" %}
{% endfor %}

async def _uniffi_native_await(awaitable):
    """Async calls return this coroutine, like uniffi's `async def` methods."""
    return await awaitable


def _uniffi_native_resolve(future, ok, value, worker):
    """Completes an async call's future on its event loop, unless it was cancelled, once the
    worker thread is done with Python (so the interpreter never shuts down under it)."""
    worker.wait()
    if not future.done():
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)


from ._native import (  # noqa: E402
{%- for name in m.native_exports %}
    {{ name }},
{%- endfor %}
)

__all__ = [
{%- for name in m.all_exports %}
    "{{ name }}",
{%- endfor %}
]
