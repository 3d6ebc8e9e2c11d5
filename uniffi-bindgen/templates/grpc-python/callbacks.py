
# ---- objects this client implements, called by the server over the callback stream ----------
#
# The first time a connection passes an object of this client's (a callback interface, or a
# foreign trait implemented in Python), it opens one `UniffiCallbacks` stream; the server's
# first message names the session. The object goes into the stream's table and travels as
# `session << 32 | key`. The server sends calls down the stream; a pool of threads runs them
# (so a slow or blocking implementation does not hold up the stream) and sends each outcome
# back: the result, the declared error, or `unexpected` with the `repr()` of any other
# exception. `free` drops a key (the server dropped its last proxy). When the stream ends the
# table is emptied (the server's proxies fail from then on) and the next object opens a new one.

import concurrent.futures as _uniffi_futures
import inspect as _uniffi_inspect
import queue as _uniffi_queue

# Threads that run the server's calls into this client's objects, per stream.
_UNIFFI_CALLBACK_THREADS = 32


class _UniffiCallbackStream:
    def __init__(self, conn):
        self._lock = threading.Lock()
        self._objects = {}
        self._next = 1
        self._outbox = _uniffi_queue.Queue()
        self._ready = threading.Event()
        self.session = 0
        self.replica = 0
        self.closed = None
        self._pool = _uniffi_futures.ThreadPoolExecutor(_UNIFFI_CALLBACK_THREADS, thread_name_prefix="{{ c.m.namespace }}-callback")
        self._call = conn._stub.{{ c.m.callback_rpc }}(iter(self._outbox.get, None))
        self._reader = threading.Thread(target=self._read, name="{{ c.m.namespace }}-callback-stream", daemon=True)
        self._reader.start()
        timeout = conn.timeout if conn.timeout is not None else 30
        if not self._ready.wait(timeout):
            self.close()
            raise InternalError("the server did not open a callback stream within {} s".format(timeout))
        if self.closed is not None:
            raise InternalError("cannot open a callback stream: {}".format(self.closed))

    def _read(self):
        reason = "the server closed the callback stream"
        try:
            for request in self._call:
                kind = request.WhichOneof("kind")
                if kind == "session":
                    self.session, self.replica = request.session.session, request.session.replica
                    self._ready.set()
                elif kind == "free":
                    with self._lock:
                        self._objects.pop(request.handle, None)
                else:
                    self._pool.submit(self._run, kind, request)
        except grpc.RpcError as err:
            reason = "the callback stream broke: {}".format(err.details() if hasattr(err, "details") else err)
        except Exception as err:  # a message this client cannot read
            reason = "the callback stream failed: {!r}".format(err)
        finally:
            self.closed = reason
            with self._lock:
                self._objects.clear()
            self._ready.set()
            self._outbox.put(None)

    def _run(self, kind, request):
        try:
            reply = _UNIFFI_CALLBACKS[kind](self, request)
        except BaseException as err:  # the implementation failed in a way its method does not declare
            reply = _pb.UniffiCallbackReply(call=request.call, unexpected=repr(err))
        self._outbox.put(reply)

    def insert(self, obj):
        """The wire value of `obj`, now in this stream's table (until the server frees it)."""
        with self._lock:
            if self.closed is not None:
                raise InternalError("the callback stream is closed: {}".format(self.closed))
            key = self._next
            if key >= 1 << 32:
                raise InternalError("this callback stream has handed out all its 2**32 keys; connect again")
            self._next += 1
            self._objects[key] = obj
        return (self.session << 32) | key

    def get(self, key):
        with self._lock:
            obj = self._objects.get(key)
        if obj is None:
            raise InternalError("the server called an object this client does not hold (key {})".format(key))
        return obj

    def take(self, value):
        """The object of this client's the server returned, and tells the server it arrived."""
        session, key = value >> 32, value & 0xFFFFFFFF
        if session != self.session:
            raise InternalError("the server returned an object of callback session {}, and this client's is {}".format(session, self.session))
        with self._lock:
            obj = self._objects.get(key)
        self._outbox.put(_pb.UniffiCallbackReply(lifted=key))
        if obj is None:
            raise InternalError("the server returned an object of this client's that it no longer holds (key {})".format(key))
        return obj

    def close(self):
        self._outbox.put(None)
        self._call.cancel()
        self._pool.shutdown(wait=False)


def _uniffi_callback_stream():
    """The callback stream of the current connection, opened if it has none (or its last one ended)."""
    conn = _uniffi_current()
    with conn._callback_lock:
        stream = conn._callbacks
        if stream is None or stream.closed is not None:
            stream = conn._callbacks = _UniffiCallbackStream(conn)
    return stream


def _uniffi_callback_take(value):
    stream = _uniffi_current()._callbacks
    if stream is None:
        raise InternalError("the server returned an object of a client's ({:#x}), and this connection has no callback stream".format(value))
    return stream.take(value)


def _uniffi_callback_replica(value):
    """The replica of the callback stream an object of this client's belongs to (0: unknown)."""
    stream = _uniffi_current()._callbacks
    if stream is None or stream.session != value >> 32:
        return 0
    return stream.replica
{%- for cb in c.callback_calls() %}


def _uniffi_callback_{{ cb.case }}(stream, request):
    # {{ cb.what }}
    obj = stream.get(request.handle)
    args = request.{{ cb.case }}
{%- match cb.error %}
{%- when Some((class, conv)) %}
    try:
        value = obj.{{ cb.method }}({% for (conv, field) in cb.args %}{{ conv }}.lift_field(args, "{{ field }}"){% if !loop.last %}, {% endif %}{% endfor %})
{%- if cb.is_async %}
        if _uniffi_inspect.isawaitable(value):
            value = asyncio.run(_uniffi_awaited(value))
{%- endif %}
    except {{ class }} as err:
        return _pb.UniffiCallbackReply(call=request.call, {{ cb.case }}=_pb.{{ cb.result }}(error={{ conv }}.lower(err)))
{%- when None %}
    value = obj.{{ cb.method }}({% for (conv, field) in cb.args %}{{ conv }}.lift_field(args, "{{ field }}"){% if !loop.last %}, {% endif %}{% endfor %})
{%- if cb.is_async %}
    if _uniffi_inspect.isawaitable(value):
        value = asyncio.run(_uniffi_awaited(value))
{%- endif %}
{%- endmatch %}
{%- match cb.ret %}
{%- when Some(ret) %}
    {{ ret }}.check_lower(value)
    return _pb.UniffiCallbackReply(call=request.call, {{ cb.case }}=_pb.{{ cb.result }}(value={{ ret }}.lower(value)))
{%- when None %}
    return _pb.UniffiCallbackReply(call=request.call, {{ cb.case }}=_pb.{{ cb.result }}())
{%- endmatch %}
{%- endfor %}


async def _uniffi_awaited(awaitable):
    return await awaitable


# The server's calls, by oneof case.
_UNIFFI_CALLBACKS = {
{%- for cb in c.callback_calls() %}
    "{{ cb.case }}": _uniffi_callback_{{ cb.case }},
{%- endfor %}
}
