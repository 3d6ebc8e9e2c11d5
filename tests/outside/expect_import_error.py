"""Expects `import inventory` from DIR to raise an ImportError subclass (not ImportError itself,
not ModuleNotFoundError) whose message says what to run; used by scripts/test-outside.sh on a
package whose compiled library does not match it. Exit 0 when it does, 1 otherwise (a crash
of the interpreter shows as a signal in the caller).

    python expect_import_error.py DIR
"""

import re
import sys

sys.path.insert(0, sys.argv[1])
try:
    import inventory  # noqa: F401
except ImportError as error:
    kind = type(error)
    message = str(error)
    print(f"{kind.__module__}.{kind.__qualname__}: {message}")
    if kind in (ImportError, ModuleNotFoundError):
        sys.exit(f"expected a subclass of ImportError that names the mismatch, got {kind.__name__}")
    if not re.search(r"generate", message):
        sys.exit("the message does not say to regenerate the bindings")
    sys.exit(0)
sys.exit("import inventory succeeded: the mismatched library was not detected")
