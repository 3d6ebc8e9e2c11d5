"""`construct_tail` for the fixture suite: the generated gRPC client `construct_tail_grpc`, connected (grpc_shim.py)."""

import grpc_shim

grpc_shim.install(__name__)
