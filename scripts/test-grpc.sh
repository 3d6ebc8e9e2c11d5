#!/usr/bin/env bash
# Tests the gRPC service generated from greet.udl, from a fresh machine: builds the workspace
# (the CLI and the generated server crate generated/grpc-rust, its server runtime included);
# checks generated/proto, generated/grpc-rust and generated/python-grpc for drift; installs
# the pinned Python gRPC packages into the venv scripts/test.sh uses
# (${GREET_CACHE_DIR:-~/.cache/greet}/venv); runs the server's Rust tests, builds a second
# server generated with the seed's package and service names, runs the Python tests
# (tests/grpc), the in-process module's suite (tests/python) through the generated client, and
# the fixture components' suites over gRPC (scripts/test-grpc-fixtures.sh), all against
# servers on 127.0.0.1 (ephemeral ports; the seed client's test also uses the default
# 127.0.0.1:50051 and [::1]:50051 when they are free), including three replicas behind nginx
# and behind HAProxy (deploy/nginx, deploy/haproxy; installs Debian's nginx-light and haproxy
# when missing); and
# validates the Kubernetes manifests in deploy/kubernetes (kubernetes-validate, offline).
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
# kubernetes-validate bundles the Kubernetes schemas: deploy/kubernetes is checked offline.
PY_REQUIREMENTS=('grpcio==1.85.1' 'grpcio-tools==1.85.1' 'protobuf==7.36.2' 'googleapis-common-protos==1.76.0' 'pytest>=8,<10' 'kubernetes-validate==1.37.0')

step() { printf '\n==> %s\n' "$*"; }

# The TLS tests make their certificates with the openssl command (Debian's base images have it).
if ! command -v openssl >/dev/null; then
    apt-get install -y --no-install-recommends openssl >/dev/null
fi

# The replicas test (tests/grpc/test_replicas.py) runs deploy/nginx/greet-grpc.conf with nginx
# and deploy/haproxy/greet-grpc.cfg with HAProxy (Debian's packages).
missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if ((${#missing[@]})); then
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
        || { apt-get update -qq && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
fi

step "gRPC: build the workspace (CLI, generated servers)"
cargo build --workspace --all-targets --locked
TARGET_DIR=$(cargo metadata --locked --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
BINDGEN="$TARGET_DIR/debug/greet-bindgen"
SERVER="$TARGET_DIR/debug/greet-grpc-server"

step "gRPC: drift check of the generated proto, server crate and Python client"
"$BINDGEN" check --language grpc

step "gRPC: Python packages into $VENV"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check "${PY_REQUIREMENTS[@]}"

step "gRPC: Kubernetes manifests (deploy/kubernetes) against the 1.37 schemas"
"$VENV/bin/kubernetes-validate" --strict --quiet deploy/kubernetes/*.yaml

if ((RUST_TESTS)); then
    step "gRPC: Rust tests (server runtime, generated server on ephemeral loopback ports, CLI)"
    cargo test --locked --workspace --lib --test runtime --test server --test cli
fi

step "gRPC: a server generated with the seed's names (greeter_service.GreeterService)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/greet-grpc.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
"$BINDGEN" generate --language grpc --grpc-package greeter_service --grpc-service GreeterService --out-dir "$WORK/seed"
grep -q '^package greeter_service;' "$WORK/seed/proto/greet.proto"
# A crate outside the workspace: built with the workspace's lock file into the shared target
# dir, under its own package name so that its binary does not replace greet-grpc-server.
SEED_CRATE="$WORK/seed/grpc-rust"
sed -i -e 's/^name = "greet-grpc-server"/name = "greet-grpc-seed-server"/' \
    -e 's/^name = "greet_grpc_server"/name = "greet_grpc_seed_server"/' "$SEED_CRATE/Cargo.toml"
sed -i 's/greet_grpc_server::/greet_grpc_seed_server::/g' "$SEED_CRATE/src/main.rs"
cp Cargo.lock "$SEED_CRATE/Cargo.lock"
cargo build --offline -q --manifest-path "$SEED_CRATE/Cargo.toml" --target-dir "$TARGET_DIR"
SEED_SERVER="$TARGET_DIR/debug/greet-grpc-seed-server"

step "gRPC: Python tests (generated client, raw wire, seed client, TLS, replicas behind nginx and HAProxy)"
# The in-process module is compared with the remote one: stage its library (untracked).
cp "$TARGET_DIR/debug/libgreet.so" generated/python/libgreet.so
GREET_GRPC_SERVER="$SERVER" GREET_GRPC_SEED_SERVER="$SEED_SERVER" \
    "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests/grpc

step "gRPC: the in-process module's suite (tests/python) through the generated client"
# tests/grpc/shims/greet.py stands in for `greet`: the client, connected. Left out: a
# BaseException (KeyboardInterrupt, SystemExit) raised in a Decorator, which in-process unwinds
# into the caller and over gRPC is the server's unexpected error (a worker thread of the
# client's callback stream ran the Decorator), the tests of the in-process module's own
# machinery (Rust futures, event loops, threads, panics), and the child-interpreter soak,
# which imports the in-process module's files.
"$SERVER" --addr 127.0.0.1:0 --port-file "$WORK/port" --max-message-bytes 67108864 >"$WORK/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 200); do
    [[ -s "$WORK/port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server.log" >&2; echo "error: greet-grpc-server exited before listening" >&2; exit 1; }
    sleep 0.1
done
[[ -s "$WORK/port" ]] || { echo "error: greet-grpc-server did not listen within 20 s" >&2; exit 1; }
LOCAL_ONLY="base_exception or cancelled_greet_later_frees or event_loop_closed or eight_threads or threads_and_concurrent_async or rust_panic"
UNIFFI_GRPC_TARGET="127.0.0.1:$(cat "$WORK/port")" GREET_PYTHON_DIR="$PWD/tests/grpc/shims" \
    PYTHONPATH="$PWD/generated/python-grpc" \
    timeout 900 "$VENV/bin/python" -m pytest -q -p no:cacheprovider -k "not ($LOCAL_ONLY)" \
    tests/python/test_greet.py tests/python/test_hardening.py tests/python/test_conformance.py
kill "$server_pid"
wait "$server_pid" || true
server_pid=""

step "gRPC: load smoke run, direct and through nginx and HAProxy with 1 and 3 replicas (bench/grpc_load.py --quick; not figures)"
"$VENV/bin/python" bench/grpc_load.py --quick --server "$SERVER" --load "$TARGET_DIR/debug/greet-grpc-load" | tail -n 7

step "gRPC: the fixture components' suites over gRPC"
bash scripts/test-grpc-fixtures.sh
