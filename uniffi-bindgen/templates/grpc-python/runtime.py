# ---- the connection -----------------------------------------------------------------------------


# An error travels in the status's trailers with its fields, which may be as large as an
# argument was (a name of 1 MiB in an error about that name): allow trailers that large.
_UNIFFI_CHANNEL_OPTIONS = {
    "grpc.max_metadata_size": 64 << 20,
    "grpc.absolute_max_metadata_size": 64 << 20,
}


# The metadata header naming the replica that issued the handle a call carries (the handle's
# top 16 bits): a proxy routes the call to that replica. Calls without a handle (plain
# functions, most constructors) carry no header and may go to any replica.
REPLICA_HEADER = "x-uniffi-replica"

# The rpcs retried when the service is UNAVAILABLE (a replica stopped, a proxy found no
# backend): the functions that carry no handle, which are taken to be idempotent. Objects'
# constructors and methods are never retried: a retry could run them twice.
_UNIFFI_RETRIED = [
{%- for rpc in c.retried_rpcs() %}
    "{{ rpc }}",
{%- endfor %}
]


def _uniffi_service_config():
    if not _UNIFFI_RETRIED:
        return None
    return _uniffi_json.dumps({
        "methodConfig": [{
            "name": [{"service": "{{ c.m.package }}.{{ c.m.service }}", "method": m} for m in _UNIFFI_RETRIED],
            "retryPolicy": {
                "maxAttempts": 5,
                "initialBackoff": "0.05s",
                "maxBackoff": "1s",
                "backoffMultiplier": 2,
                "retryableStatusCodes": ["UNAVAILABLE"],
            },
        }],
    })


def _uniffi_route(handle):
    """The metadata of a call on `handle`: the header naming its replica (none for 0)."""
    replica = handle >> 48
{%- if c.m.has_callbacks() %}
    if not replica and handle:
        # An object of this client's: the replica that holds its callback stream.
        replica = _uniffi_callback_replica(handle)
{%- endif %}
    return ((REPLICA_HEADER, str(replica)),) if replica else None


class ReplyTooLargeError(Exception):
    """The call ran on the server (its effects stand) but its reply was larger than the
    server's `--max-message-bytes` or this channel's receive limit, so it was not delivered.
    Retrying repeats the effects and meets the same limit."""


class {{ c.connection }}:
    """A channel to a `{{ c.m.package }}.{{ c.m.service }}` server. `timeout` (seconds) is the deadline
    of every call made through it; `credentials` (from `grpc.ssl_channel_credentials`) makes it
    a TLS channel; `options` are grpc channel arguments (over this module's defaults). `retry`
    (default on) retries the functions that carry no handle when the server is UNAVAILABLE,
    through the channel's service config."""

    def __init__(self, target, *, credentials=None, timeout=None, options=(), retry=True):
        self.target = target
        self.timeout = timeout
        defaults = dict(_UNIFFI_CHANNEL_OPTIONS)
        config = _uniffi_service_config() if retry else None
        if config is not None:
            defaults["grpc.service_config"] = config
            defaults["grpc.enable_retries"] = 1
        options = list({**defaults, **dict(options)}.items())
        if credentials is None:
            self._channel = grpc.insecure_channel(target, options=options)
        else:
            self._channel = grpc.secure_channel(target, credentials, options=options)
        self._stub = _pb_grpc.{{ c.m.service }}Stub(self._channel)
{%- if c.m.has_callbacks() %}
        self._callbacks = None
        self._callback_lock = threading.Lock()
{%- endif %}

    def close(self):
{%- if c.m.has_callbacks() %}
        with self._callback_lock:
            stream, self._callbacks = self._callbacks, None
        if stream is not None:
            stream.close()
{%- endif %}
        self._channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_uniffi_connection = None
_uniffi_connection_lock = threading.Lock()


def {{ c.connect }}(target=None, *, credentials=None, timeout=None, options=(), retry=True):
    """Makes `target` the server every call goes to, and returns the connection."""
    global _uniffi_connection
    if target is None:
        target = os.environ.get("{{ c.m.namespace|upper }}_GRPC_TARGET", "127.0.0.1:50051")
    conn = {{ c.connection }}(target, credentials=credentials, timeout=timeout, options=options, retry=retry)
    with _uniffi_connection_lock:
        old, _uniffi_connection = _uniffi_connection, conn
    if old is not None:
        old.close()
    return conn


def {{ c.close }}():
    """Closes the current connection; the next call connects again."""
    global _uniffi_connection
    with _uniffi_connection_lock:
        old, _uniffi_connection = _uniffi_connection, None
    if old is not None:
        old.close()


def _uniffi_current():
    conn = _uniffi_connection
    return conn if conn is not None else {{ c.connect }}()


def _uniffi_typed_error(err):
    """The component's exception a status carries in its details, or None."""
    try:
        if err.code() == grpc.StatusCode.RESOURCE_EXHAUSTED and "Received message larger than max" in (err.details() or ""):
            # This channel's receive limit: the server ran the call and sent the reply.
            return ReplyTooLargeError("the call ran on the server, but its reply is larger than this channel's limit (grpc.max_receive_message_length): " + err.details())
        trailers = err.trailing_metadata() or ()
    except Exception:
        return None
    for key, value in trailers:
        if key != "grpc-status-details-bin":
            continue
        status = _status_pb2.Status.FromString(value)
        for detail in status.details:
            lift = _UNIFFI_ERRORS.get(detail.type_url)
            if lift is not None:
                return lift(detail.value)
            if detail.type_url == "type.googleapis.com/google.rpc.ErrorInfo":
                info = _error_details_pb2.ErrorInfo.FromString(detail.value)
                if info.reason == "RUST_PANIC":
                    return InternalError(status.message)
                if info.reason == "REPLY_TOO_LARGE":
                    return ReplyTooLargeError(status.message)
    return None


_uniffi_unreleased = []


def _uniffi_release_later(rpc, handle):
    _uniffi_unreleased.append((rpc, handle))


def _uniffi_release_collected(conn):
    """Frees the handles of collected objects (all at once, then waits for the answers, so that
    the call after them finds the server's tables freed)."""
    pending = []
    while _uniffi_unreleased:
        try:
            rpc, handle = _uniffi_unreleased.pop()
        except IndexError:
            break
        try:
            request = getattr(_pb, rpc + "Request")(handle=handle)
            pending.append(getattr(conn._stub, rpc).future(request, timeout=10, metadata=_uniffi_route(handle)))
        except Exception:
            pass
    for released in pending:
        try:
            released.result()
        except Exception:  # already gone (expired, another replica): nothing to free
            pass


def _uniffi_call(rpc, request, handle=0):
    conn = _uniffi_current()
    if _uniffi_unreleased:
        _uniffi_release_collected(conn)
    try:
        return getattr(conn._stub, rpc)(request, timeout=conn.timeout, metadata=_uniffi_route(handle))
    except grpc.RpcError as err:
        typed = _uniffi_typed_error(err)
        if typed is None:
            raise
        raise typed from None
    finally:
        # Objects the garbage collector finalized during the call are freed before it returns.
        if _uniffi_unreleased:
            _uniffi_release_collected(conn)


async def _uniffi_call_async(rpc, request, handle=0):
    """The rpc without blocking the event loop; cancelling the await cancels the rpc."""
    conn = _uniffi_current()
    if _uniffi_unreleased:
        _uniffi_release_collected(conn)
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    def settle(call):
        if not done.done():
            done.set_result(call)

    def on_done(call):
        try:
            loop.call_soon_threadsafe(settle, call)
        except RuntimeError:  # the loop was closed meanwhile
            pass

    call = getattr(conn._stub, rpc).future(request, timeout=conn.timeout, metadata=_uniffi_route(handle))
    call.add_done_callback(on_done)
    try:
        await done
    except asyncio.CancelledError:
        call.cancel()
        raise
    try:
        return call.result()
    except grpc.RpcError as err:
        typed = _uniffi_typed_error(err)
        if typed is None:
            raise
        raise typed from None


_UNIFFI_EPOCH = datetime.datetime.fromtimestamp(0, tz=datetime.timezone.utc)
