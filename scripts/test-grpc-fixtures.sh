#!/usr/bin/env bash
# Runs the fixture components' pytest suites (fixtures/*/tests, written against stock uniffi
# Python) through the gRPC backend: for each fixture, checks its generated service
# (fixtures/<name>/generated/{proto,grpc-rust,python-grpc}) for drift, starts its generated
# server (`<name>-grpc-server`, built by `cargo build --workspace`) on an ephemeral
# 127.0.0.1 port, and runs the suite with the generated client standing in for the module
# (tests/grpc/shims/<lib>.py connects it). Python implementations of callback interfaces and
# foreign traits run through the client's callback stream. Tests that need the module
# in-process (a value nested past protobuf's limit of 100) carry `@pytest.mark.local_only` and
# are deselected.
#
# Usage: bash scripts/test-grpc-fixtures.sh [fixture-dir-name ...]   (default: every fixture)
# Expects the Python gRPC packages in the venv (scripts/test-grpc.sh installs them first).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CACHE="${GREET_CACHE_DIR:-$HOME/.cache/greet}"
VENV="$CACHE/venv"

declare -A LIBS=([coverage-udl]=coverage_udl [coverage-macros]=coverage_macros [records-only]=records_only [async-wakers]=async_wakers [construct-tail]=construct_tail [custom-errors]=custom_errors)
if [ $# -gt 0 ]; then
    FIXTURES=("$@")
else
    FIXTURES=(coverage-udl coverage-macros records-only async-wakers construct-tail custom-errors)
fi
for fixture in "${FIXTURES[@]}"; do
    if [ -z "${LIBS[$fixture]:-}" ]; then
        echo "error: unknown fixture '$fixture' (known: ${!LIBS[*]})" >&2
        exit 2
    fi
done
if ! "$VENV/bin/python" -c 'import grpc, google.rpc.status_pb2, pytest' 2>/dev/null; then
    echo "error: the venv $VENV lacks grpcio, googleapis-common-protos or pytest; run bash scripts/test-grpc.sh (it installs them)" >&2
    exit 1
fi

step() { printf '\n==> %s\n' "$*"; }

step "gRPC fixtures: build the workspace (fixture servers included)"
cargo build --workspace --all-targets --locked
TARGET_DIR=$(cargo metadata --locked --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
BINDGEN="$TARGET_DIR/debug/greet-bindgen"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/greet-grpc-fixtures.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

failed=()
for fixture in "${FIXTURES[@]}"; do
    lib="${LIBS[$fixture]}"
    if [[ -f "fixtures/$fixture/backends" ]] && ! grep -qx grpc "fixtures/$fixture/backends"; then
        echo "test-grpc-fixtures: fixtures/$fixture skipped: its backends file does not list grpc"
        continue
    fi
    step "fixtures/$fixture over gRPC: drift check, $fixture-grpc-server, the suite through ${lib}_grpc"
    "$BINDGEN" generate --check --crate "$lib" --language grpc --out-dir "fixtures/$fixture/generated"
    rm -f "$WORK/port"
    "$TARGET_DIR/debug/$fixture-grpc-server" --addr 127.0.0.1:0 --port-file "$WORK/port" \
        >"$WORK/$fixture.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 200); do
        [[ -s "$WORK/port" ]] && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/$fixture.log" >&2; echo "error: $fixture-grpc-server exited before listening" >&2; exit 1; }
        sleep 0.1
    done
    [[ -s "$WORK/port" ]] || { echo "error: $fixture-grpc-server did not listen within 20 s" >&2; exit 1; }
    if ! UNIFFI_GRPC_TARGET="127.0.0.1:$(cat "$WORK/port")" \
        FIXTURE_PYTHONPATH="$PWD/tests/grpc/shims:$PWD/fixtures/$fixture/generated/python-grpc" \
        timeout 900 "$VENV/bin/python" -m pytest -q -p no:cacheprovider -m "not local_only" "fixtures/$fixture/tests"; then
        failed+=("$fixture")
        cat "$WORK/$fixture.log" >&2
    fi
    kill "$server_pid"
    wait "$server_pid" || true
    server_pid=""
done

echo
if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED over gRPC: ${failed[*]}" >&2
    exit 1
fi
echo "All fixture suites passed over gRPC: ${FIXTURES[*]}"
