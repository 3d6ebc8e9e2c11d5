"""Smoke test of an in-process Python backend (native PyO3 or CFFI) of the `inventory` crate,
run by scripts/test-outside.sh with the package's folder first on sys.path.

    python smoke.py DIR [--keep-case]

--keep-case: the crate's changed signature, `normalize_sku(raw, keep_case)` (stale scenario).
"""

import asyncio
import sys

sys.path.insert(0, sys.argv[1])
import inventory  # noqa: E402

keep_case = "--keep-case" in sys.argv[2:]
if keep_case:
    assert inventory.normalize_sku(" ab ", keep_case=True) == "ab"
    assert inventory.normalize_sku(" ab ", False) == "AB"
else:
    assert inventory.normalize_sku("  ab-1 ") == "AB-1"

# A `self: Arc<Self>` method, and an async function taking the object.
stock = inventory.Stock()
assert stock.add("x-1").add(" y-2 ").count() == 2
assert asyncio.run(inventory.count_later(stock, 1)) == 2

# A few of the fixture's constructs (the fixture's own suite runs them all).
counter = inventory.Counter(5)
assert counter.increment() == 6
assert asyncio.run(inventory.async_divide(7, 2)) == 3
try:
    asyncio.run(inventory.async_divide(1, 0))
except inventory.RichError.Invalid:
    pass
else:
    raise AssertionError("async_divide(1, 0) did not raise RichError.Invalid")
assert inventory.midpoint(
    inventory.Line(start=inventory.Point(x=0.0, y=0.0), end=inventory.Point(x=4.0, y=2.0))
) == inventory.Point(x=2.0, y=1.0)

print(f"ok: {inventory.__file__}: normalize_sku, Stock.add (Arc<Self>), count_later (async), fixture constructs")
