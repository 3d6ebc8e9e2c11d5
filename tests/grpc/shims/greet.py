"""`greet` for the in-process module's suite (tests/python): the generated gRPC client
`greet_grpc`, connected (grpc_shim.py)."""

import grpc_shim

grpc_shim.install(__name__)
