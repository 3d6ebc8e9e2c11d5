"""A reply over the server's --max-message-bytes does not half-succeed silently: the call ran
(its effects stand), and the client raises ReplyTooLargeError saying so, distinct from a
transport failure a caller might retry."""

import grpc
import pytest

from conftest import Server, server_binary


@pytest.fixture(scope="module")
def small_server():
    s = Server(server_binary(), "--max-message-bytes", "65536")
    yield s
    s.stop()


def test_a_reply_over_the_limit_says_the_call_ran(small_server):
    import greet_grpc

    greet_grpc.connect(small_server.target, timeout=10)
    try:
        with greet_grpc.Greeter() as g:
            names = ["n{:059d}".format(i) for i in range(1000)]  # request ~62 KB, reply ~66 KB
            with pytest.raises(greet_grpc.ReplyTooLargeError) as err:
                g.greet_all(names)
            message = str(err.value)
            assert "GreeterGreetAll ran, but its reply" in message, message
            assert "over the server's limit of 65536 bytes" in message and "do not retry" in message, message
            # It ran: every name was counted, once.
            assert g.total() == 1000
            # The next call is fine.
            assert g.greet_all(names[:10])[0] == "Hi, " + names[0]
            assert g.total() == 1010
    finally:
        greet_grpc.close()


def test_a_reply_over_the_channels_receive_limit_says_the_call_ran(small_server):
    import greet_grpc

    greet_grpc.connect(small_server.target, timeout=10, options=[("grpc.max_receive_message_length", 4096)])
    try:
        with greet_grpc.Greeter() as g:
            with pytest.raises(greet_grpc.ReplyTooLargeError) as err:
                g.greet_all(["n{:059d}".format(i) for i in range(100)])
            assert "the call ran on the server" in str(err.value), str(err.value)
            assert g.total() == 100
    finally:
        greet_grpc.close()


def test_a_request_over_the_limit_is_refused_before_it_runs(small_server):
    import greet_grpc

    greet_grpc.connect(small_server.target, timeout=10)
    try:
        with greet_grpc.Greeter() as g:
            with pytest.raises(grpc.RpcError) as err:
                g.greet_all(["n{:078d}".format(i) for i in range(1000)])
            assert not isinstance(err.value, greet_grpc.ReplyTooLargeError)
            assert err.value.code() in (grpc.StatusCode.OUT_OF_RANGE, grpc.StatusCode.RESOURCE_EXHAUSTED)
            assert g.total() == 0
    finally:
        greet_grpc.close()
