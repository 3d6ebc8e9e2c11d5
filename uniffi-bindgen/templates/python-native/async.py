# ---- async ---------------------------------------------------------------------------------
# asyncio is imported only by code that awaits: importing it costs more than the package.

{% include "python-types/event_loop.py" %}


class _UniffiWakeups:
    """The wake-ups of one event loop. Rust wakers (on any thread, under any lock) only push
    a call's key onto the extension's queue and write a byte to a socket that the loop
    watches; this reader callback, on the loop's thread, resolves those calls' waiters. No
    waker takes the GIL or runs Python."""

    def __init__(self, event_loop):
        import weakref
        self.loop = weakref.ref(event_loop)
        self.queue = _native._UniffiWakeQueue()
        self.waiters = {}
        event_loop.add_reader(self.queue.fileno(), self._drain)

    def _drain(self):
        waiters = self.waiters
        for key in self.queue._drain():
            waiter = waiters.pop(key, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(None)


# The wake-ups of each event loop by id(loop), held only by the loop's reader and by the calls
# awaiting on it: a closed loop's pending calls are collected with their tasks.
_UNIFFI_WAKEUPS = None


def _uniffi_wakeups(event_loop):
    global _UNIFFI_WAKEUPS
    if _UNIFFI_WAKEUPS is None:
        import weakref
        _UNIFFI_WAKEUPS = weakref.WeakValueDictionary()
    wakeups = _UNIFFI_WAKEUPS.get(id(event_loop))
    if wakeups is None or wakeups.loop() is not event_loop:
        wakeups = _UNIFFI_WAKEUPS[id(event_loop)] = _UniffiWakeups(event_loop)
    return wakeups


async def _uniffi_await(future):
    """Drives a Rust future from asyncio: poll (without the GIL), then wait until Rust says to
    poll again. Cancelling the await drops (cancels) the Rust future."""
    import asyncio
    event_loop = asyncio.get_running_loop()
    wakeups = _uniffi_wakeups(event_loop)
    waiters = wakeups.waiters
    key = id(future)
    try:
        while True:
            waiter = event_loop.create_future()
            waiters[key] = waiter
            if future._poll(wakeups.queue, key):
                return future._result()
            await waiter
    finally:
        waiters.pop(key, None)
        future._cancel()


def _uniffi_run_foreign(coroutine, done):
    """Runs the coroutine of an async method implemented in Python; `done` gets its outcome."""
    import asyncio
    task = asyncio.run_coroutine_threadsafe(coroutine, _uniffi_get_event_loop())
    task.add_done_callback(done)
    return task
