"""Smoke test of the gRPC client generated for the `inventory` crate, against its generated
server, run by scripts/test-outside.sh:

    python smoke_grpc.py DIR HOST:PORT      (DIR holds the package `inventory_grpc`)
"""

import asyncio
import sys

sys.path.insert(0, sys.argv[1])
import inventory_grpc as inventory  # noqa: E402

inventory.connect(sys.argv[2], timeout=20)
try:
    assert inventory.normalize_sku("  ab-1 ") == "AB-1"
    with inventory.Stock() as stock:
        assert stock.add("x-1").add(" y-2 ").count() == 2  # an `Arc<Self>` method, over a handle
        assert asyncio.run(inventory.count_later(stock, 1)) == 2  # an async function
    assert inventory.midpoint(
        inventory.Line(start=inventory.Point(x=0.0, y=0.0), end=inventory.Point(x=4.0, y=2.0))
    ) == inventory.Point(x=2.0, y=1.0)
    try:
        asyncio.run(inventory.async_divide(1, 0))
    except inventory.RichError.Invalid:
        pass
    else:
        raise AssertionError("async_divide(1, 0) did not raise RichError.Invalid")
finally:
    inventory.close()
print(f"ok: gRPC client {inventory.__file__} against {sys.argv[2]}")
