"""{{ m.doc }}"""
# The pure-Python half of the native backend: records, enums, errors and foreign-trait base
# classes, shaped like uniffi's Python bindings. Functions and objects come from the compiled
# extension `{{ m.package }}._native`, which calls the Rust implementation directly.

import enum as _enum

_DEFAULT = object()

{% for e in m.enums %}
{%- include "python-native/enum.py" %}
{% endfor %}
{%- for r in m.records %}
{%- include "python-native/record.py" %}
{% endfor %}
{%- for e in m.errors %}
{%- include "python-native/error.py" %}
{% endfor %}
{%- for t in m.traits %}
{%- include "python-native/trait.py" %}
{% endfor %}

async def _uniffi_native_await(awaitable):
    """Async calls return this coroutine, like uniffi's `async def` methods."""
    return await awaitable


def _uniffi_native_resolve(future, ok, value):
    """Completes an async call's future on its event loop, unless it was cancelled."""
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
