"""The checked-in Python modules match what grpcio-tools makes of the checked-in proto: the
same descriptor in `greet_pb2`, the same rpcs, paths and message types in the stub."""

import importlib
import subprocess
import sys

from conftest import ROOT

PROTO_DIR = ROOT / "generated" / "proto"


def test_pb2_and_stub_match_grpcio_tools(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTO_DIR}", f"--python_out={tmp_path}",
         f"--grpc_python_out={tmp_path}", "greet.proto"],
        check=True,
    )
    ours = (ROOT / "generated" / "python-grpc" / "greet_grpc" / "greet_pb2.py").read_text(encoding="utf-8")
    theirs = (tmp_path / "greet_pb2.py").read_text(encoding="utf-8")

    def descriptor(text):
        return [line for line in text.splitlines() if "AddSerializedFile" in line]

    assert descriptor(ours) and descriptor(ours) == descriptor(theirs)

    stub_ours = (ROOT / "generated" / "python-grpc" / "greet_grpc" / "greet_pb2_grpc.py").read_text(encoding="utf-8")
    stub_theirs = (tmp_path / "greet_pb2_grpc.py").read_text(encoding="utf-8")
    start = stub_theirs.index("class GreetStub")
    end = stub_theirs.index("class GreetServicer")

    def calls(text):
        return [line.strip() for line in text.splitlines() if line.strip().startswith(("self.", "'/", "request_serializer", "response_deserializer"))]

    assert calls(stub_ours) == calls(stub_theirs[start:end])
