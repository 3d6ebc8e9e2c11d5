"""`coverage_udl` for the fixture suite: the generated gRPC client `coverage_udl_grpc`, connected (grpc_shim.py)."""

import grpc_shim

grpc_shim.install(__name__)
