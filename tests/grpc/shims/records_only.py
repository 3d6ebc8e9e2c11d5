"""`records_only` for the fixture suite: the generated gRPC client `records_only_grpc`, connected (grpc_shim.py)."""

import grpc_shim

grpc_shim.install(__name__)
