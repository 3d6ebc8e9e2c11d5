#!/usr/bin/env bash
# Runs every test of the project: the Rust component and its conformance corpus, the CLI,
# the drift check of generated/, every backend's bindings under Python (uniffi, native, CFFI),
# Kotlin (uniffi, JNI), Swift and C, the fixture components through every backend, the
# generated gRPC service, the hardening suite (short), packaging and the benchmark harness.
# Installs what it needs (pytest, Maven Central's Kotlin compiler plugin, JNA and test libraries,
# maturin, a Swift chroot) into a cache outside the
# clone: ${GREET_CACHE_DIR:-~/.cache/greet}.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CACHE="${GREET_CACHE_DIR:-$HOME/.cache/greet}"
mkdir -p "$CACHE"

started=$SECONDS
step_started=$SECONDS
# Each step's heading says how long the one before it took, so a slow CI run shows where.
step() {
    (( SECONDS > started )) && printf '    (step took %ss; %ss so far)\n' "$((SECONDS - step_started))" "$((SECONDS - started))"
    step_started=$SECONDS
    printf '\n==> %s\n' "$*"
}

# One build of the whole workspace, its tests included: building a subset, or leaving out the
# tests' dev-dependencies, resolves the shared dependencies' features differently and compiles
# them (and everything above them) again. Every script builds the workspace this same way.
# CI builds once from a fresh clone: incremental state would only double target/'s size.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

step "Build the workspace"
if ! cargo build --workspace --all-targets --locked; then
    # The native Python extension compiles glue from generated/: say so if that is stale.
    cargo build --locked -p greet -p uniffi-bindgen && cargo run -q --locked -p uniffi-bindgen -- check
    exit 1
fi
TARGET_DIR=$(cargo metadata --locked --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
BINDGEN="$TARGET_DIR/debug/greet-bindgen"

step "Drift check: generated/ matches greet.udl and the built library"
"$BINDGEN" check
# Stage the native libraries next to the Python packages (writes no generated file: check passed).
"$BINDGEN" generate --language python

step "Rust tests: component, conformance corpus, CLI"
cargo test --workspace --locked

step "Outside the repository: the installed CLI on a user's crate, this checkout unreachable"
bash scripts/test-outside.sh

step "Python: pytest, once per backend, each in its own interpreter"
if [ ! -x "$CACHE/venv/bin/pytest" ]; then
    python3 -m venv "$CACHE/venv"
    "$CACHE/venv/bin/pip" install --quiet --disable-pip-version-check 'pytest>=8,<10'
fi
for backend in python python-native; do
    echo "--- generated/$backend"
    GREET_PYTHON_DIR="$PWD/generated/$backend" "$CACHE/venv/bin/python" -m pytest -q tests/python
done

step "Fixtures: every fixture component through every Python backend, one suite each"
bash scripts/test-fixtures.sh --no-build

step "gRPC: the service generated from greet.udl, a real server on loopback, the Python client"
bash scripts/test-grpc.sh --no-rust-tests

if [ -f scripts/test-kotlin.sh ]; then
    step "Kotlin: both Kotlin backends (uniffi's over JNA, JNI) and the fixtures, one Maven build"
    GREET_LIB_DIR="$TARGET_DIR/debug" bash scripts/test-kotlin.sh
fi

step "C: the generated header and C API under gcc/g++ with sanitizers and valgrind, the CFFI module"
bash scripts/test-c.sh --no-build

if [ -f scripts/test-swift.sh ]; then
    step "Swift: generated/swift under swiftc"
    GREET_LIB_DIR="$TARGET_DIR/debug" bash scripts/test-swift.sh
fi

step "Hardening, quick: soak, threads, panics, bad input, valgrind, properties (docs/hardening.md)"
bash scripts/soak.sh --quick

step "Packaging: wheels, jar and Swift package in dist/, each tested as a user would"
bash scripts/test-packaging.sh

step "Benchmark harness, quick mode: every approach end to end (figures in target/bench/)"
bash scripts/bench.sh --quick

printf '\nAll tests passed in %ss.\n' "$((SECONDS - started))"
