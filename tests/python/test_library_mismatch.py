"""A compiled library that does not match its bindings is refused at import, never called.

For the in-process backends that have a compiled half (native: `greet._native`; CFFI:
`greet._cffi` over libgreet_c), each in a fresh interpreter:

- the package's interface fingerprint differs from the library's (bindings regenerated, the
  library not rebuilt): `import greet` raises `greet.IncompatibleLibraryError`;
- the component the library was built with has other API checksums than its glue was
  generated for (the glue rebuilt, the bindings not regenerated), simulated by preloading a
  library whose `uniffi_greet_checksum_func_greet` returns another value: the same error,
  naming the checksum, before anything of the component is called.

uniffi's own Python bindings have their own check (InternalError at import); skipped there.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from conftest import MODULE_DIR

PACKAGE = MODULE_DIR / "greet"
INIT = PACKAGE / "__init__.py"
COMPILED = INIT.is_file() and "class IncompatibleLibraryError(ImportError)" in INIT.read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(
    os.environ.get("GREET_PYTHON_DIR") == "installed" or not COMPILED,
    reason="only the native and CFFI packages check their compiled library",
)


def import_greet(module_dir, env=None):
    """Imports greet from `module_dir` in a fresh interpreter: (exit status, class name, message)."""
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(module_dir)!r})\n"
        "try:\n"
        "    import greet\n"
        "    print('imported', greet.greet('a', 'b'))\n"
        "except ImportError as e:\n"
        "    print(type(e).__module__ + '.' + type(e).__qualname__, isinstance(e, ImportError))\n"
        "    print(e)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    return run.returncode, run.stdout, run.stderr


def test_a_package_generated_for_another_interface_is_refused(tmp_path):
    copy = tmp_path / "greet"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    init = copy / "__init__.py"
    text = init.read_text(encoding="utf-8")
    stale = "0123456789abcdef"
    new, n = re.subn(r'_UNIFFI_FINGERPRINT = "[0-9a-f]{16}"', f'_UNIFFI_FINGERPRINT = "{stale}"', text)
    assert n == 1
    init.write_text(new, encoding="utf-8")

    status, out, err = import_greet(tmp_path)
    assert status == 0, err
    first, _, message = out.partition("\n")
    assert first == "greet.IncompatibleLibraryError True", out
    # Names the library file (the copy's), the mismatch and what to run.
    assert str(tmp_path / "greet") in message, message
    assert "does not match its bindings" in message
    assert f"interface fingerprint {stale}" in message
    assert "regenerate the bindings (`" in message and "rebuild the glue crate (`cargo build" in message


def test_a_library_built_with_another_component_is_refused(tmp_path):
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("needs a C compiler")
    source = tmp_path / "stale.c"
    source.write_text("unsigned short uniffi_greet_checksum_func_greet(void) { return 1; }\n")
    stale = tmp_path / "libstale.so"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(stale), str(source)], check=True)
    env = dict(os.environ, LD_PRELOAD=str(stale))

    status, out, err = import_greet(MODULE_DIR, env)
    assert status == 0, err
    first, _, message = out.partition("\n")
    assert first == "greet.IncompatibleLibraryError True", out
    assert "does not match its bindings" in message, message
    assert "another interface of the component `greet` than the one it was built with" in message
    assert "`uniffi_greet_checksum_func_greet()` is 1 in the component" in message
    assert "regenerate the bindings (`" in message and "rebuild the glue crate (`cargo build" in message

    # Without the preload the same package imports and calls.
    status, out, err = import_greet(MODULE_DIR)
    assert status == 0 and out.startswith("imported a, b"), (out, err)
