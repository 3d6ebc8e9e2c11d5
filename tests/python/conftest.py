"""Puts the bindings under test on sys.path.

GREET_PYTHON_DIR names the folder holding the `greet` module (default: generated/python,
where `cargo run -p uniffi-bindgen -- generate` writes it and stages the native library).
"""

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODULE_DIR = pathlib.Path(os.environ.get("GREET_PYTHON_DIR", ROOT / "generated" / "python"))
if os.environ.get("GREET_PYTHON_DIR") != "installed":
    sys.path.insert(0, str(MODULE_DIR))
