# ---- async ---------------------------------------------------------------------------------
# asyncio is imported only by code that awaits: importing it costs more than the package.

{% include "python-types/event_loop.py" %}


async def _uniffi_await(future):
    """Drives a Rust future from asyncio: poll, then wait until Rust says to poll again.
    Cancelling the await drops (cancels) the Rust future."""
    import asyncio
    event_loop = asyncio.get_running_loop()
    try:
        while True:
            waiter = event_loop.create_future()
            if future._poll(event_loop, waiter):
                return future._result()
            await waiter
    finally:
        future._cancel()


def _uniffi_wake(waiter):
    if not waiter.done():
        waiter.set_result(None)


def _uniffi_run_foreign(coroutine, done):
    """Runs the coroutine of an async method implemented in Python; `done` gets its outcome."""
    import asyncio
    task = asyncio.run_coroutine_threadsafe(coroutine, _uniffi_get_event_loop())
    task.add_done_callback(done)
    return task
