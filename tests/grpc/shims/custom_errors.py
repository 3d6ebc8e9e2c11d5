"""`custom_errors` for the fixture suite: the generated gRPC client `custom_errors_grpc`, connected (grpc_shim.py)."""

import grpc_shim

grpc_shim.install(__name__)
