"""The callback stream (docs/grpc.md, "Calls from the server into the client"): greet's
`Decorator`, implemented in Python, called by the server over the client's stream. Its
declared error and any other exception, many concurrent calls (also calls that call the
server again), the free of a dropped implementation, and a client killed in the middle of a
callback: the server's pending call fails at once with a message saying so, and the Greeter
works again once it no longer holds the dead client's object."""

import subprocess
import sys
import threading
import concurrent.futures

import grpc
import pytest

from conftest import ROOT, Server, server_binary


def _stream(greet_grpc):
    return greet_grpc._uniffi_current()._callbacks


def test_python_decorator_is_called_by_the_server(greet_grpc):
    class Shout(greet_grpc.Decorator):
        def __init__(self):
            self.seen = []

        def decorate(self, greeting):
            self.seen.append(greeting)
            return greeting.upper()

    shout = Shout()
    g = greet_grpc.Greeter()
    g.set_decorator(shout)
    assert g.greet("x") == "HI, X"
    assert g.greet_all(["a", "b"]) == ["HI, A", "HI, B"]
    assert shout.seen == ["Hi, x", "Hi, a", "Hi, b"]
    g.close()


def test_declared_error_and_other_exceptions_of_the_implementation(greet_grpc):
    class Refuse(greet_grpc.Decorator):
        def decorate(self, greeting):
            raise greet_grpc.GreetError.DecoratorFailed("refused on purpose")

    class Broken(greet_grpc.Decorator):
        def decorate(self, greeting):
            return 1 / 0

    class WrongType(greet_grpc.Decorator):
        def decorate(self, greeting):
            return 42

    g = greet_grpc.Greeter()
    g.set_decorator(Refuse())
    with pytest.raises(greet_grpc.GreetError.DecoratorFailed) as refused:
        g.greet("x")
    assert refused.value.reason == "refused on purpose"
    g.set_decorator(Broken())
    with pytest.raises(greet_grpc.GreetError.DecoratorFailed) as broken:
        g.greet("x")
    assert "ZeroDivisionError" in broken.value.reason
    g.set_decorator(WrongType())
    with pytest.raises(greet_grpc.GreetError.DecoratorFailed) as wrong:
        g.greet("x")
    assert "TypeError" in wrong.value.reason
    # The stream outlives failed implementations.
    g.set_decorator(None)
    assert g.greet("x") == "Hi, x"
    assert g.total() == 1
    g.close()


def test_many_concurrent_callbacks_and_callbacks_that_call_the_server(greet_grpc):
    class Nested(greet_grpc.Decorator):
        # Calls the server from inside a call the server made: the stream keeps serving.
        def decorate(self, greeting):
            return greet_grpc.greet(greeting, "again")

    class Tag(greet_grpc.Decorator):
        def __init__(self, tag):
            self.tag = tag

        def decorate(self, greeting):
            return "{}:{}".format(self.tag, greeting)

    greeters = []
    for i in range(8):
        g = greet_grpc.Greeter()
        g.set_decorator(Tag(i) if i % 2 else Nested())
        greeters.append(g)

    def work(i):
        g = greeters[i % 8]
        out = g.greet("n{}".format(i))
        expected = "{}:Hi, n{}".format(i % 8, i) if i % 8 % 2 else "Hi, n{}, again".format(i)
        return out == expected, out

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        results = list(pool.map(work, range(400)))
    assert all(ok for ok, _ in results), [out for ok, out in results if not ok][:5]
    assert sum(g.total() for g in greeters) == 400
    for g in greeters:
        g.close()


def test_a_dropped_implementation_is_freed_on_the_client(greet_grpc):
    class Tag(greet_grpc.Decorator):
        def decorate(self, greeting):
            return "t:" + greeting

    g = greet_grpc.Greeter()
    g.set_decorator(Tag())
    assert g.greet("x") == "t:Hi, x"
    stream = _stream(greet_grpc)
    assert len(stream._objects) == 1
    g.set_decorator(None)
    # The server dropped its proxy: its free comes down the stream, ahead of this call's reply
    # to the next call on the stream's connection at the latest.
    g.set_decorator(Tag())
    g.set_decorator(None)
    pause = threading.Event()
    for _ in range(200):
        if not stream._objects:
            break
        pause.wait(0.05)
    assert not stream._objects
    g.close()


CHILD = r"""
import sys, threading
sys.path.insert(0, sys.argv[1])
import greet_grpc
greet_grpc.connect(sys.argv[2], timeout=30)

class Stuck(greet_grpc.Decorator):
    def decorate(self, greeting):
        print("in-callback", flush=True)
        threading.Event().wait()

g = greet_grpc.Greeter._uniffi_make_instance(int(sys.argv[3]))
g.set_decorator(Stuck())
print("set", flush=True)
threading.Event().wait()
"""


def test_a_client_killed_in_a_callback_fails_the_servers_pending_call():
    import greet_grpc

    # A callback timeout far beyond the wait below: the failure must come from the stream's end.
    server = Server(server_binary(), "--callback-timeout-secs", "600")
    child = None
    try:
        greet_grpc.connect(server.target, timeout=60)
        g = greet_grpc.Greeter()
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(ROOT / "generated" / "python-grpc"), server.target, str(g._uniffi_handle)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout.readline().strip() == "set"
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pending = pool.submit(g.greet, "x")
            assert child.stdout.readline().strip() == "in-callback"
            child.kill()
            child.wait()
            with pytest.raises(greet_grpc.GreetError.DecoratorFailed) as failed:
                pending.result(timeout=30)
        assert "callback stream" in failed.value.reason, failed.value.reason
        # Later calls through the dead client's object fail at once, the same way.
        with pytest.raises(greet_grpc.GreetError.DecoratorFailed) as again:
            g.greet("y")
        assert "callback stream" in again.value.reason
        # Once the Greeter drops it, the Greeter works again.
        g.set_decorator(None)
        assert g.greet("z") == "Hi, z"
        g.close()
    finally:
        if child is not None and child.poll() is None:
            child.kill()
            child.wait()
        greet_grpc.close()
        server.stop()


def test_an_object_of_a_closed_session_is_refused(greet_grpc):
    """A value naming a callback session the server does not have fails with
    FAILED_PRECONDITION, before anything runs."""
    request = greet_grpc._pb.GreeterSetDecoratorRequest(handle=greet_grpc.Greeter()._uniffi_handle, decorator=(0xFFFF << 32) | 1)
    stub = greet_grpc._uniffi_current()._stub
    with pytest.raises(grpc.RpcError) as err:
        stub.GreeterSetDecorator(request, timeout=10)
    assert err.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "callback session 65535" in err.value.details()
