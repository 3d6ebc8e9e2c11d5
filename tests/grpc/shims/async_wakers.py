"""`async_wakers` for the fixture suite: the generated gRPC client `async_wakers_grpc`, connected (grpc_shim.py)."""

import grpc_shim

grpc_shim.install(__name__)
