"""Makes a generated gRPC client importable under the in-process module's name, connected.

The suites written for the in-process modules (`fixtures/<name>/tests`, `tests/python`)
`import <lib>`; the shim `<lib>.py` beside this file calls `install(__name__)`, which imports
the generated client `<lib>_grpc`, connects it to `$UNIFFI_GRPC_TARGET` (the server that
scripts/test-grpc.sh or scripts/test-grpc-fixtures.sh started) and puts it in `sys.modules`
under `<lib>`, so the suites see the client itself: its functions, classes and exceptions.
"""

import importlib
import os
import sys


def install(name):
    target = os.environ.get("UNIFFI_GRPC_TARGET")
    if not target:
        raise RuntimeError("set UNIFFI_GRPC_TARGET to the fixture server's HOST:PORT (scripts/test-grpc-fixtures.sh does)")
    client = importlib.import_module(name + "_grpc")
    # `grpc_connect` where the component has a `connect` of its own.
    connect = client.grpc_connect if hasattr(client, "grpc_connect") else client.connect
    # A generous deadline per call: it bounds a hang, it is not a timing check.
    # No client-side message size limit: the server's --max-message-bytes is the one in force.
    options = [("grpc.max_send_message_length", -1), ("grpc.max_receive_message_length", -1)]
    connect(target, timeout=120, options=options)
    sys.modules[name] = client
