# ---- runtime: statuses, strings, handles, async ---------------------------------------------------

_new = _ffi.new
_unpack = _ffi.unpack
_string = _ffi.string
_buffer = _ffi.buffer
_addressof = _ffi.addressof
_from_buffer = _ffi.from_buffer
_NULL = _ffi.NULL
_encode = str.encode

# The `{{ m.ns }}_status` values (see {{ m.ns }}.h).
_OK = 0
_ERROR = 1
_INVALID_UTF8 = 2
_INVALID_ARGUMENT = 3
_PANIC = 4
_CANCELLED = 5

# Default arguments that are made anew for each call.
_DEFAULT = object()  # type: typing.Any


class InternalError(Exception):
    """A panic (a bug) inside the Rust implementation, with its message. The call had no
    effect that can be relied on; the process and other objects keep working."""


def _text(s):
    """The text of a `{{ m.ns }}_string` (a cdata struct or pointer to one)."""
    n = s.len
    return _unpack(s.ptr, n).decode() if n else ""


def _as_bytes(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"a bytes-like object is required, not '{type(value).__name__}'")


def _int(value, lo, hi, name):
    """An integer argument, checked as uniffi checks it."""
    if not isinstance(value, int):
        try:
            value = value.__index__()
        except AttributeError:
            raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer") from None
    if not lo <= value < hi:
        raise ValueError(f"{name} requires {lo} <= value < {hi}")
    return value


def _status_error(status, message):
    """The exception for a failure other than the declared error."""
    if status == _PANIC:
        return InternalError(message)
    if status == _CANCELLED:
        import asyncio
        return asyncio.CancelledError(message)
    return ValueError(message)


def _new_string(text):
    """A library-owned `{{ m.ns }}_string` (what a Python implementation gives the library)."""
    b = _encode(text)
    return _lib.{{ m.ns }}_string_new(b, len(b))


# Python objects lent to the library (implementations of traits and callback interfaces, the
# state of pending async calls), by the address of their handle: kept alive until released.
_HANDLES = {}


def _keep(obj):
    handle = _ffi.new_handle(obj)
    _HANDLES[int(_ffi.cast("uintptr_t", handle))] = handle
    return handle


def _release(handle):
    _HANDLES.pop(int(_ffi.cast("uintptr_t", handle)), None)


def _describe(exc):
    """An exception as the message of an unexpected error (its class and text)."""
    return repr(exc)
{%- if m.uses_async() %}

# ---- async ---------------------------------------------------------------------------------------
# asyncio is imported only by code that awaits: importing it costs more than the package.

{% include "python-types/event_loop.py" %}


# The event loop of the latest async call made from Python: async methods of Python
# implementations run on it when Rust calls them from the library's completion threads (which
# have no running loop) and no loop was set with `uniffi_set_event_loop`.
_UNIFFI_CALLER_LOOP = None


def _start_async(start, completion, settle):
    """Starts an async C call; the returned awaitable resolves when its completion callback
    runs (on any thread). `settle(status, result, error)` turns the outcome into a value or
    raises. Cancelling the await cancels the C call, which frees its Rust future."""
    import asyncio
    global _UNIFFI_CALLER_LOOP
    loop = _UNIFFI_CALLER_LOOP = asyncio.get_running_loop()
    future = loop.create_future()
    call = start(completion, _keep((loop, future, settle)))
    return _await_call(future, call)


async def _await_call(future, call):
    try:
        return await future
    except BaseException:
        if call and future.cancelled():
            # Calls the completion callback with CANCELLED (on this thread) unless it completed.
            _lib.{{ m.ns }}_async_cancel(call)
        raise


def _complete(data, status, result, error):
    """A completion callback: settles the call's future on its event loop."""
    loop, future, settle = _ffi.from_handle(data)
    _release(data)
    try:
        value, exc = settle(status, result, error), None
    except BaseException as e:  # noqa: BLE001 - delivered to the awaiting coroutine
        value, exc = None, e
    try:
        loop.call_soon_threadsafe(_settle, future, value, exc)
    except RuntimeError:
        pass  # the loop is closed: nobody is waiting any more


def _settle(future, value, exc):
    if future.cancelled():
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(value)


def _run_foreign(coroutine, done):
    """Runs the coroutine of an async method implemented in Python; `done` gets its task."""
    import asyncio
    try:
        loop = _uniffi_get_event_loop()
    except RuntimeError:
        loop = _UNIFFI_CALLER_LOOP  # called from a completion thread
        if loop is None or loop.is_closed():
            raise
    task = asyncio.run_coroutine_threadsafe(coroutine, loop)
    task.add_done_callback(done)
{%- endif %}
