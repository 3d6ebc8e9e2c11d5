"""Wire compatibility with the seed's hand-written service: generated with package
`greeter_service` and service `GreeterService`, the server answers a client generated from the
seed's `greeter_service.proto`, used unchanged, with "Aloha, amigo"."""

import pathlib
import re
import socket
import subprocess
import sys

import pytest

from conftest import ROOT, Server, server_binary

BENCH_COPY = ROOT / "bench" / "grpc-greet-server" / "proto" / "greeter_service.proto"


def seed_proto():
    """The proto block of the seed blog post (../shared/seed) when present, else the bench's
    verbatim copy of it."""
    for post in sorted((ROOT.parent / "shared" / "seed").glob("*.txt")):
        text = post.read_text(encoding="utf-8")
        m = re.search(r"\{% highlight proto %\}\n(.*?)\{% endhighlight %\}", text, re.S)
        if m and "package greeter_service;" in m.group(1):
            return m.group(1)
    return BENCH_COPY.read_text(encoding="utf-8")


def strip_comments(proto):
    return [line for line in proto.splitlines() if line.strip() and not line.strip().startswith("//")]


def test_bench_copy_is_the_seed_proto():
    assert strip_comments(seed_proto()) == strip_comments(BENCH_COPY.read_text(encoding="utf-8"))


# The seed post's client script, pointed at `target`.
SEED_CLIENT = """
import grpc
import greeter_service_pb2
import greeter_service_pb2_grpc

def run():
    with grpc.insecure_channel("{target}") as channel:
        stub = greeter_service_pb2_grpc.GreeterServiceStub(channel)
        request = greeter_service_pb2.GreetRequest(
            greeting="Aloha",
            name="amigo",
        )
        response = stub.Greet(request, timeout=10)
        print(response.message)

run()
"""


def _seed_client(tmp_path):
    """The seed's client modules, made by the seed post's own command from its proto."""
    proto_dir = tmp_path / "proto"
    proto_dir.mkdir()
    (proto_dir / "greeter_service.proto").write_text(seed_proto(), encoding="utf-8")
    client_dir = tmp_path / "greet-client"
    client_dir.mkdir()
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", "-Iproto", "--python_out=greet-client", "--pyi_out=greet-client",
         "--grpc_python_out=greet-client", "proto/greeter_service.proto"],
        cwd=tmp_path,
        check=True,
    )
    return client_dir


def test_the_seed_client_gets_aloha_amigo(tmp_path):
    client_dir = _seed_client(tmp_path)
    server = Server(server_binary("GREET_GRPC_SEED_SERVER"))
    try:
        script = SEED_CLIENT.format(target=server.target)
        out = subprocess.run([sys.executable, "-c", script], cwd=client_dir, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert out.stdout == "Aloha, amigo\n"
    finally:
        server.stop()


def _free(family, host, port):
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def test_the_seed_client_dials_ipv6_loopback_with_no_server_flags(tmp_path):
    """The seed's client dials [::1]:50051 unchanged; a server started with no address flags
    listens there (and on 127.0.0.1:50051)."""
    if not (_free(socket.AF_INET, "127.0.0.1", 50051) and _free(socket.AF_INET6, "::1", 50051)):
        pytest.skip("port 50051 is in use on the loopback addresses: the default addresses cannot be tried")
    client_dir = _seed_client(tmp_path)
    server = Server(server_binary("GREET_GRPC_SEED_SERVER"), listen=())
    try:
        assert server.port == 50051
        for target in ("[::1]:50051", "127.0.0.1:50051"):
            out = subprocess.run([sys.executable, "-c", SEED_CLIENT.format(target=target)], cwd=client_dir,
                                 capture_output=True, text=True, timeout=60)
            assert out.returncode == 0, out.stderr
            assert out.stdout == "Aloha, amigo\n", target
    finally:
        server.stop()


def test_the_seed_server_is_really_renamed():
    """Guards against running the default server: its service is greeter_service.GreeterService."""
    import grpc

    server = Server(server_binary("GREET_GRPC_SEED_SERVER"))
    try:
        with grpc.insecure_channel(server.target) as channel:
            with pytest.raises(grpc.RpcError) as err:
                channel.unary_unary("/greet.v1.Greet/Greet")(b"", timeout=10)
            assert err.value.code() == grpc.StatusCode.UNIMPLEMENTED
    finally:
        server.stop()
