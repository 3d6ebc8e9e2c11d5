"""Fixtures for the gRPC tests: the real server on an ephemeral loopback port, and the
generated Python client (generated/python-grpc) connected to it.

GREET_GRPC_SERVER names the server binary (default: target/debug/greet-grpc-server, the
generated crate generated/grpc-rust); GREET_GRPC_SEED_SERVER one generated with package
`greeter_service` and service `GreeterService` (scripts/test-grpc.sh builds it)."""

import os
import pathlib
import subprocess
import sys
import tempfile
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "generated" / "python-grpc"))


def server_binary(env="GREET_GRPC_SERVER"):
    path = os.environ.get(env)
    if not path and env == "GREET_GRPC_SERVER":
        path = str(ROOT / "target" / "debug" / "greet-grpc-server")
    if not path:
        raise RuntimeError("set {} (scripts/test-grpc.sh builds that server)".format(env))
    if not os.access(path, os.X_OK):
        raise RuntimeError("{} is not built (cargo build -p greet-grpc-server)".format(path))
    return path


class Server:
    """A server process on 127.0.0.1:<free port> (or, with `listen=()`, on the server's default
    addresses); stopped by `stop()`."""

    def __init__(self, binary, *args, listen=("--addr", "127.0.0.1:0")):
        self.dir = tempfile.TemporaryDirectory(prefix="greet-grpc-")
        port_file = os.path.join(self.dir.name, "port")
        self.process = subprocess.Popen(
            [binary, *listen, "--port-file", port_file, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if os.path.exists(port_file):
                self.port = int(open(port_file).read())
                self.target = "127.0.0.1:{}".format(self.port)
                return
            if self.process.poll() is not None:
                raise RuntimeError("server exited: {}".format(self.process.stderr.read().decode()))
            time.sleep(0.02)
        self.stop()
        raise RuntimeError("server did not listen within 20 s")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stderr.close()
        self.dir.cleanup()


@pytest.fixture(scope="session")
def server():
    s = Server(server_binary())
    yield s
    s.stop()


@pytest.fixture
def greet_grpc(server):
    import greet_grpc

    greet_grpc.connect(server.target, timeout=10)
    yield greet_grpc
    greet_grpc.close()
