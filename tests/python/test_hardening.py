"""Hardening through the Python bindings: bad input, foreign errors, async cancellation and
closed loops, threads, and (with the fault-injection library) Rust panics.

Short by design: the heavy versions (1,000,000 calls, 8 x 100,000 threads, valgrind) are in
tests/soak/soak.py behind scripts/soak.sh. See docs/hardening.md.
"""

import asyncio
import datetime
import gc
import os
import pathlib
import subprocess
import sys
import threading
import time
import weakref

import pytest

import greet
from greet import GreetError, GreetOptions, Greeter, Locale, Salutation, Tone

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOAK = ROOT / "tests" / "soak" / "soak.py"
sys.path.insert(0, str(SOAK.parent))
import soak  # noqa: E402  (its helpers; importing it runs nothing)
MS = datetime.timedelta(milliseconds=1)


# Which backend is under test: the native (PyO3) package has the compiled `greet._native`.
NATIVE = hasattr(greet, "_native")
# The folder to put on sys.path for a child interpreter to import the same `greet`.
MODULE_DIR = str(pathlib.Path(greet.__file__).parent.parent if NATIVE else pathlib.Path(greet.__file__).parent)


def handle_maps():
    """(Python decorators Rust still holds, async calls still pending), as the soak runs count
    them for either backend (tests/soak/soak.py)."""
    gc.collect()
    return soak.handle_maps(greet)


@pytest.fixture
def unraisable():
    """Collects (type, message) of what Python reports as 'Exception ignored' (e.g. in ctypes
    callbacks). Not the exception itself: its traceback would keep the pending task alive."""
    seen = []
    saved = sys.unraisablehook
    sys.unraisablehook = lambda u: seen.append((u.exc_type, str(u.exc_value)))
    yield seen
    sys.unraisablehook = saved


class Upper(greet.Decorator):
    def decorate(self, greeting):
        return greeting.upper()


# --- lone surrogates: a clear exception, nothing partially applied ---------------------------

LONE = "a\ud800b"


@pytest.mark.parametrize(
    "call",
    [
        lambda g: greet.greet(LONE, "x"),
        lambda g: greet.greet("x", LONE),
        lambda g: g.greet(LONE),
        lambda g: g.greet_with(LONE, GreetOptions()),
        lambda g: g.greet_with("ok", GreetOptions(title=LONE)),
        lambda g: g.salute(Salutation.CUSTOM(LONE), "ok"),
        lambda g: g.salute(Salutation.CUSTOM("Yo"), LONE),
        lambda g: g.greet_all(["ok", "fine", "\udfff"]),
        lambda g: g.count_for("\udc00"),
        lambda g: Greeter.for_locale("\ud83d"),
        lambda g: Locale("e\udfffn"),
        lambda g: asyncio.run(g.greet_later(LONE, MS)),
    ],
    ids=["greet.greeting", "greet.name", "Greeter.greet", "greet_with.name", "greet_with.title",
         "salute.text", "salute.name", "greet_all.third", "count_for", "for_locale", "Locale",
         "greet_later"],
)
def test_lone_surrogates_raise_before_rust_is_called(call):
    g = Greeter()
    g.greet("before")
    with pytest.raises(UnicodeEncodeError) as err:
        call(g)
    assert "surrogate" in str(err.value)
    # Nothing was applied: no count, no last greeting, the greeter still works.
    assert (g.total(), g.counts(), g.last_greeting().name) == (1, {"before": 1}, "before")
    assert g.greet("after") == "Hi, after"


def test_decorator_returning_a_lone_surrogate_is_refused():
    class Bad(greet.Decorator):
        def decorate(self, greeting):
            return greeting + "\udc00"

    g = Greeter()
    g.set_decorator(Bad())
    with pytest.raises(GreetError.DecoratorFailed) as err:
        g.greet("x")
    assert "UnicodeEncodeError" in err.value.reason
    assert g.total() == 0


def test_surrogate_pairs_and_odd_but_valid_text_pass_unchanged():
    for s in ["😀", "\U0010ffff", "\ufeff", "\u0000", "e\u0301", "\u202e"]:
        assert greet.greet(s, s) == f"{s}, {s}"
    assert Greeter().greet("😀" * 256) == "Hi, " + "😀" * 256  # 256 scalars, 1024 bytes


# --- over-limit input: the documented error, never out-of-memory -----------------------------

def test_over_limit_names_are_typed_errors_with_exact_fields():
    g = Greeter()
    limit = greet.max_name_length()
    for name in ["x" * (limit + 1), "😀" * (limit + 1), "x" * (8 << 20)]:
        with pytest.raises(GreetError.NameTooLong) as err:
            g.greet(name)
        assert (err.value.length, err.value.max) == (len(name), limit)
        with pytest.raises(GreetError.NameTooLong):
            asyncio.run(g.greet_later(name, MS))
        with pytest.raises(GreetError.NameTooLong):
            g.greet_all(["ok", name])
    # Whitespace-only is checked first, at any length.
    with pytest.raises(GreetError.EmptyName):
        g.greet(" " * (1 << 20))
    assert g.total() == 0
    # greet() has no limit by contract: 8 MiB in, 8 MiB out, byte for byte.
    big = "ü" * (4 << 20)
    assert greet.greet("Hi", big) == "Hi, " + big


# --- foreign raise: a defined exception at the caller, nothing hangs --------------------------

class Raising(greet.Decorator):
    def __init__(self, exc):
        self.exc = exc

    def decorate(self, greeting):
        raise self.exc


@pytest.mark.parametrize(
    "raised, expected",
    [
        (GreetError.DecoratorFailed("no"), GreetError.DecoratorFailed),
        (GreetError.UnknownLocale("tlh"), GreetError.UnknownLocale),
        (GreetError.EmptySalutation(), GreetError.EmptySalutation),
        (ValueError("boom"), GreetError.DecoratorFailed),
        (RecursionError("deep"), GreetError.DecoratorFailed),
        (MemoryError(), GreetError.DecoratorFailed),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else v.__name__,
)
def test_foreign_raise_reaches_every_caller_as_a_defined_exception(raised, expected):
    g = Greeter()
    g.set_decorator(Raising(raised))
    with pytest.raises(expected):
        g.greet("a")
    with pytest.raises(expected):
        g.greet_all(["a", "b"])
    with pytest.raises(expected):
        g.salute(Salutation.PHRASEBOOK(Tone.FORMAL), "a")
    with pytest.raises(expected):
        asyncio.run(g.greet_later("a", MS))
    assert g.total() == 0
    g.set_decorator(None)
    assert g.greet("a") == "Hi, a"


def test_foreign_raise_from_many_threads_does_not_hang():
    g = Greeter()
    g.set_decorator(Raising(ValueError("x")))
    outcomes = []

    def work():
        for _ in range(200):
            try:
                g.greet("a")
                outcomes.append("returned")
            except GreetError.DecoratorFailed:
                outcomes.append("raised")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)  # a hang guard, not a timing check
    assert not any(t.is_alive() for t in threads)
    assert outcomes == ["raised"] * 1600 and g.total() == 0


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), SystemExit(3)], ids=["KeyboardInterrupt", "SystemExit"])
def test_base_exception_in_a_decorator(exc, unraisable):
    """Native backend: any exception, BaseException included, becomes DecoratorFailed.

    uniffi backend, a KNOWN GAP (docs/hardening.md): the generated bindings catch only
    Exception in callbacks. A BaseException that is not an Exception escapes the ctypes
    callback, Python reports it as unraisable, and Rust receives an empty greeting as if the
    decorator had returned "". This pins today's behaviour so a bindings fix is noticed."""
    g = Greeter()
    g.set_decorator(Raising(exc))
    if NATIVE:
        with pytest.raises(GreetError.DecoratorFailed) as err:
            g.greet("a")
        assert type(exc).__name__ in err.value.reason
        assert g.total() == 0 and unraisable == []
    else:
        assert g.greet("a") == ""
        assert g.total() == 1 and g.last_greeting().text == ""
        assert [t for t, _ in unraisable] == [type(exc)]
    # The process and the greeter carry on.
    g.set_decorator(None)
    assert g.greet("a") == "Hi, a"


# --- async: cancelled tasks and closed loops -------------------------------------------------

def test_cancelled_greet_later_frees_the_rust_future():
    g = Greeter()
    decorator = Upper()
    g.set_decorator(decorator)
    alive = weakref.ref(decorator)
    del decorator

    async def main():
        tasks = [asyncio.ensure_future(g.greet_later(f"c{i}", datetime.timedelta(seconds=30))) for i in range(20)]
        await asyncio.sleep(0.01)
        for t in tasks:
            t.cancel()
        return await asyncio.gather(*tasks, return_exceptions=True)

    results = asyncio.run(main())
    assert all(isinstance(r, asyncio.CancelledError) for r in results)
    assert g.total() == 0
    assert eventually(lambda: handle_maps()[1] == 0)  # no continuation left pending
    # The futures held the Greeter; once they are freed, dropping it releases the decorator.
    del g, results
    gc.collect()
    assert alive() is None


def test_wait_for_timeout_cancels_cleanly():
    g = Greeter()

    async def main():
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(g.greet_later("slow", datetime.timedelta(seconds=30)), 0.01)
        return await g.greet_later("fast", MS)

    assert asyncio.run(main()) == "Hi, fast"
    assert g.counts() == {"fast": 1}


def eventually(condition, guard_s=120):
    """Waits for `condition` (collecting garbage meanwhile); the guard only stops a hang."""
    deadline = time.monotonic() + guard_s
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
        gc.collect()
    return condition()


@pytest.mark.parametrize("delay_ms", [50, 500], ids=["wakes-a-closed-loop", "collected-before-it-wakes"])
def test_event_loop_closed_with_a_call_pending(delay_ms, unraisable):
    g = Greeter()
    decorator = Upper()
    g.set_decorator(decorator)
    alive = weakref.ref(decorator)
    del decorator
    loop = asyncio.new_event_loop()
    task = loop.create_task(g.greet_later("pending", datetime.timedelta(milliseconds=delay_ms)))
    loop.run_until_complete(asyncio.sleep(0.01))
    loop.close()  # without cancelling the task
    if delay_ms < 100:
        time.sleep(0.2)  # the Rust delay fires and tries to wake a loop that is gone
    del task, loop
    del g
    # The pending continuation (in the bindings' handle map) keeps the task, and so the Rust
    # future, the Greeter and its decorator, until Rust wakes it: at most `delay` later. Then
    # waking the closed loop fails inside the callback, Python reports it as unraisable
    # ("Exception ignored ..."), the task is collected and its `finally` frees the Rust future.
    assert eventually(lambda: alive() is None and handle_maps()[1] == 0)
    assert all(t is RuntimeError and "closed" in m for t, m in unraisable)
    # The process keeps working, with a new loop.
    assert asyncio.run(Greeter().greet_later("again", MS)) == "Hi, again"


# --- concurrency, quick version (the soak runs 8 x 100,000) ---------------------------------

def test_threads_and_concurrent_async_on_one_greeter_count_exactly():
    child = subprocess.run(
        [sys.executable, str(SOAK), "--module-dir", MODULE_DIR, "threads",
         "--threads", "8", "--calls", "1000", "--async-calls", "200", "--deadlock-timeout", "600"],
        capture_output=True, text=True, timeout=1200,
    )
    assert child.returncode == 0, child.stdout + child.stderr
    assert "python.threads.total: 8200" in child.stdout


# --- Rust panics (library built with --features fault-injection) ----------------------------

FAULT_DIR = pathlib.Path(os.environ.get(
    "GREET_FAULT_PYTHON_DIR", ROOT / "target" / "fault" / ("python-native" if NATIVE else "python")))
FAULT_LIB = FAULT_DIR / ("greet/_native.so" if NATIVE else "libgreet.so")


@pytest.mark.skipif(not FAULT_LIB.is_file(),
                    reason=f"no fault-injection library in {FAULT_DIR}: `bash scripts/soak.sh --quick` builds it")
def test_rust_panic_becomes_internal_error_and_the_process_keeps_working():
    child = subprocess.run(
        [sys.executable, str(SOAK), "--module-dir", str(FAULT_DIR), "fault", "--panics", "800"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "RUST_BACKTRACE": "0"},
    )
    assert child.returncode == 0, child.stdout + child.stderr
    assert "python.fault.paths_that_panicked_into_InternalError: 7" in child.stdout
