"""`coverage_macros` for the fixture suite: the generated gRPC client `coverage_macros_grpc`, connected (grpc_shim.py)."""

import grpc_shim

grpc_shim.install(__name__)
