"""Bad requests on the wire, sent as raw bytes through generic calls: each gets a status and
the server keeps serving."""

import grpc
import pytest

from conftest import Server, server_binary


@pytest.fixture(scope="module")
def small_server():
    s = Server(server_binary(), "--max-message-bytes", "65536")
    yield s
    s.stop()


def raw_call(channel, path, payload, timeout=10):
    """Sends `payload` bytes as the request and returns the reply bytes."""
    return channel.unary_unary(path)(payload, timeout=timeout)


def still_serving(channel):
    from greet_grpc import greet_pb2

    reply = greet_pb2.GreetReply.FromString(
        raw_call(channel, "/greet.v1.Greet/Greet", greet_pb2.GreetRequest(greeting="still", name="here").SerializeToString())
    )
    assert reply.value == "still, here"


def test_a_valid_request_as_raw_bytes(small_server):
    with grpc.insecure_channel(small_server.target) as channel:
        # field 1 "Aloha", field 2 "amigo": exactly what the seed client sends.
        payload = b"\x0a\x05Aloha\x12\x05amigo"
        assert raw_call(channel, "/greet.v1.Greet/Greet", payload) == b"\x0a\x0cAloha, amigo"


@pytest.mark.parametrize(
    "payload",
    [
        b"\xff\xff\xff\xff",  # not protobuf at all
        b"\x0a\x10short",  # a length past the end
        b"\x0a\x02\xff\xfe\x12\x01a",  # invalid UTF-8 in a string field
        b"\x0b",  # a start-group tag that never ends
    ],
    ids=["garbage", "truncated", "invalid-utf8", "open-group"],
)
def test_malformed_requests_get_a_status(small_server, payload):
    with grpc.insecure_channel(small_server.target) as channel:
        with pytest.raises(grpc.RpcError) as err:
            raw_call(channel, "/greet.v1.Greet/Greet", payload)
        assert err.value.code() in (grpc.StatusCode.INTERNAL, grpc.StatusCode.INVALID_ARGUMENT), err.value
        still_serving(channel)


def test_unknown_fields_are_ignored(small_server):
    with grpc.insecure_channel(small_server.target) as channel:
        payload = b"\x0a\x02Hi\x12\x01x\x18\x07\x22\x03abc"  # fields 3 and 4 do not exist
        assert raw_call(channel, "/greet.v1.Greet/Greet", payload) == b"\x0a\x05Hi, x"


def test_oversize_requests_get_resource_exhausted(small_server):
    with grpc.insecure_channel(small_server.target) as channel:
        payload = b"\x0a" + b"\x80\x80\x08" + b"x" * (128 * 1024)  # a 128 KiB greeting
        with pytest.raises(grpc.RpcError) as err:
            raw_call(channel, "/greet.v1.Greet/Greet", payload)
        assert err.value.code() in (grpc.StatusCode.RESOURCE_EXHAUSTED, grpc.StatusCode.OUT_OF_RANGE), err.value
        still_serving(channel)


@pytest.mark.parametrize("path", ["/greet.v1.Greet/Nope", "/greet.v1.Nope/Greet", "/grpc.health.v1.Health/Nope"])
def test_unknown_methods_are_unimplemented(small_server, path):
    with grpc.insecure_channel(small_server.target) as channel:
        with pytest.raises(grpc.RpcError) as err:
            raw_call(channel, path, b"")
        assert err.value.code() == grpc.StatusCode.UNIMPLEMENTED
        still_serving(channel)


def test_many_clients_at_once(small_server):
    import concurrent.futures

    from greet_grpc import greet_pb2, greet_pb2_grpc

    def client(i):
        with grpc.insecure_channel(small_server.target) as channel:
            stub = greet_pb2_grpc.GreetStub(channel)
            for j in range(20):
                r = stub.Greet(greet_pb2.GreetRequest(greeting="Hi{}".format(i), name=str(j)), timeout=10)
                assert r.value == "Hi{}, {}".format(i, j)
        return i

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        assert sorted(pool.map(client, range(32))) == list(range(32))
