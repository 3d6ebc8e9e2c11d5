{#- The event loop on which Rust runs the async methods that Python implements, set as uniffi's
    `uniffi_set_event_loop` sets it. -#}
_UNIFFI_GLOBAL_EVENT_LOOP = None


def uniffi_set_event_loop(eventloop):
    """Sets the event loop that runs async methods implemented in Python when Rust calls them
    from a thread without a running loop (as uniffi's `uniffi_set_event_loop`)."""
    global _UNIFFI_GLOBAL_EVENT_LOOP
    _UNIFFI_GLOBAL_EVENT_LOOP = eventloop


def _uniffi_get_event_loop():
    if _UNIFFI_GLOBAL_EVENT_LOOP is not None:
        return _UNIFFI_GLOBAL_EVENT_LOOP
    import asyncio
    return asyncio.get_running_loop()
