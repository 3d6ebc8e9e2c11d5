#!/usr/bin/env bash
# Tests the gRPC service generated from greet.udl, from a fresh machine: builds the library,
# the CLI and greet-grpc-server; checks generated/proto, generated/grpc-rust and
# generated/python-grpc for drift; installs the pinned Python gRPC packages into the venv
# scripts/test.sh uses (${GREET_CACHE_DIR:-~/.cache/greet}/venv); runs the server's Rust tests,
# builds a second server generated with the seed's package and service names, and runs the
# Python tests (tests/grpc), all against servers on ephemeral 127.0.0.1 ports.
#
# Usage: bash scripts/test-grpc.sh [--no-rust-tests]
#   --no-rust-tests   leave out the server's and the CLI's Rust tests (scripts/test.sh passes it:
#                     its `cargo test --workspace` has run them already)
# Every cargo command selects the whole workspace, as scripts/test.sh does: a subset would
# resolve other features for shared dependencies and compile them a second time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUST_TESTS=1
for arg in "$@"; do
    case "$arg" in
        --no-rust-tests) RUST_TESTS=0 ;;
        *) echo "test-grpc.sh: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done
CACHE="${GREET_CACHE_DIR:-$HOME/.cache/greet}"
VENV="$CACHE/venv"
mkdir -p "$CACHE"

# Pinned: the checked-in *_pb2.py come from the vendored protoc 36.2 (protobuf runtime 7.36).
PY_REQUIREMENTS=('grpcio==1.85.1' 'grpcio-tools==1.85.1' 'protobuf==7.36.2' 'googleapis-common-protos==1.76.0' 'pytest>=8,<10')

step() { printf '\n==> %s\n' "$*"; }

# The TLS tests make their certificates with the openssl command (Debian's base images have it).
if ! command -v openssl >/dev/null; then
    apt-get install -y --no-install-recommends openssl >/dev/null
fi

step "gRPC: build the library, the CLI and greet-grpc-server"
cargo build --locked --workspace
TARGET_DIR=$(cargo metadata --locked --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
BINDGEN="$TARGET_DIR/debug/uniffi-bindgen"

step "gRPC: drift check of the generated proto, Rust glue and Python client"
"$BINDGEN" check --language grpc

step "gRPC: Python packages into $VENV"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check "${PY_REQUIREMENTS[@]}"

if ((RUST_TESTS)); then
    step "gRPC: Rust tests (server on ephemeral loopback ports, CLI)"
    cargo test --locked --workspace --lib --test server --test cli
fi

step "gRPC: a server generated with the seed's names (greeter_service.GreeterService)"
SEED=$(mktemp -d "${TMPDIR:-/tmp}/greet-grpc-seed.XXXXXX")
trap 'rm -rf "$SEED"' EXIT
"$BINDGEN" generate --language grpc --grpc-package greeter_service --grpc-service GreeterService --out-dir "$SEED/generated"
grep -q '^package greeter_service;' "$SEED/generated/proto/greet.proto"
GREET_GRPC_GENERATED="$SEED/generated" cargo build --locked -q --workspace
cp "$TARGET_DIR/debug/greet-grpc-server" "$SEED/greet-grpc-server"
# Back to the server of the checked-in generated/ (the env var is tracked by build.rs).
cargo build --locked -q --workspace

step "gRPC: Python tests (generated client, raw wire, seed client)"
# The in-process module is compared with the remote one: stage its library (untracked).
cp "$TARGET_DIR/debug/libgreet.so" generated/python/libgreet.so
GREET_GRPC_SERVER="$TARGET_DIR/debug/greet-grpc-server" GREET_GRPC_SEED_SERVER="$SEED/greet-grpc-server" \
    "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests/grpc
