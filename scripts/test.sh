#!/usr/bin/env bash
# Runs every test of the project: the Rust component and its conformance corpus, the CLI,
# the drift check of generated/, and the generated bindings under Python, Kotlin and Swift.
# Installs what it needs (pytest, kotlinc, JNA, a Swift chroot) into a cache outside the
# clone: ${GREET_CACHE_DIR:-~/.cache/greet}.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CACHE="${GREET_CACHE_DIR:-$HOME/.cache/greet}"
mkdir -p "$CACHE"

step() { printf '\n==> %s\n' "$*"; }
started=$SECONDS

step "Build the component and the CLI"
cargo build --locked -p greet -p uniffi-bindgen

step "Drift check: generated/ matches greet.udl and the built library"
# Before building the rest: the native Python extension compiles generated/ glue.
cargo run -q -p uniffi-bindgen --locked -- check

step "Build the whole workspace (native Python extension included)"
cargo build --workspace --locked
# Stage the native libraries next to the Python packages (writes no generated file: check passed).
cargo run -q -p uniffi-bindgen --locked -- generate --language python

step "Rust tests: component, conformance corpus, CLI"
cargo test --workspace --locked

step "Python: pytest, once per backend, each in its own interpreter"
if [ ! -x "$CACHE/venv/bin/pytest" ]; then
    python3 -m venv "$CACHE/venv"
    "$CACHE/venv/bin/pip" install --quiet --disable-pip-version-check 'pytest>=8,<10'
fi
for backend in python python-native; do
    echo "--- generated/$backend"
    GREET_PYTHON_DIR="$PWD/generated/$backend" "$CACHE/venv/bin/python" -m pytest -q tests/python
done

if [ -f scripts/test-kotlin.sh ]; then
    step "Kotlin: generated/kotlin under kotlinc + JVM"
    GREET_NO_CARGO_BUILD=1 bash scripts/test-kotlin.sh
fi

if [ -f scripts/test-swift.sh ]; then
    step "Swift: generated/swift under swiftc"
    GREET_LIB_DIR="$PWD/target/debug" bash scripts/test-swift.sh
fi

printf '\nAll tests passed in %ss.\n' "$((SECONDS - started))"
