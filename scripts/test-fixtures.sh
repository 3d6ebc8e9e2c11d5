#!/usr/bin/env bash
# The generality proof: every fixture component (fixtures/*/, UDL and proc-macro crates with
# private items) through every Python backend, with the same pytest suite, written against
# stock uniffi bindings and run unchanged:
#   1. drift check of what is checked in for the fixture (fixtures/<name>/generated/),
#   2. the suite against uniffi's own Python bindings (generated into target/fixtures/),
#   3. the suite against the native (PyO3) backend (fixtures/<name>/generated/python-native).
#
# Usage: scripts/test-fixtures.sh [--no-build] [fixture-dir-name ...]   (default: every fixture)
#   --no-build   the workspace is built already (scripts/test.sh builds it once)
# pytest comes from the venv in ${GREET_CACHE_DIR:-~/.cache/greet}/venv, created if missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CACHE="${GREET_CACHE_DIR:-$HOME/.cache/greet}"
mkdir -p "$CACHE"

step() { printf '\n==> %s\n' "$*"; }

BUILD=1
FIXTURES=()
for arg in "$@"; do
    case "$arg" in
        --no-build) BUILD=0 ;;
        -*) echo "test-fixtures.sh: unknown option '$arg'" >&2; exit 2 ;;
        *)
            [ -f "fixtures/$arg/Cargo.toml" ] || { echo "test-fixtures.sh: no fixture fixtures/$arg" >&2; exit 2; }
            FIXTURES+=("$arg")
            ;;
    esac
done
if [ ${#FIXTURES[@]} -eq 0 ]; then
    for manifest in fixtures/*/Cargo.toml; do
        FIXTURES+=("$(basename "$(dirname "$manifest")")")
    done
fi

if ((BUILD)); then
    step "Build the workspace (fixtures, their glue crates and the bindings CLI)"
    cargo build --workspace --all-targets --locked
fi
TARGET_DIR=$(cargo metadata --locked --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
BINDGEN="$TARGET_DIR/debug/greet-bindgen"
case "$(uname -s)" in
    Darwin) DLL=dylib ;;
    *) DLL=so ;;
esac

if [ ! -x "$CACHE/venv/bin/pytest" ]; then
    python3 -m venv "$CACHE/venv"
    "$CACHE/venv/bin/pip" install --quiet --disable-pip-version-check 'pytest>=8,<10'
fi
PYTEST=("$CACHE/venv/bin/python" -m pytest -q -p no:cacheprovider)

failed=()
for fixture in "${FIXTURES[@]}"; do
    lib="${fixture//-/_}"
    out="fixtures/$fixture/generated"

    step "$fixture: generated code matches the spec"
    if ! "$BINDGEN" generate --check --crate "$fixture" --language python --python-backend native --out-dir "$out"; then
        failed+=("$fixture: drift")
        continue
    fi
    # Stage the built extension into the checked-in package (untracked).
    "$BINDGEN" generate --crate "$fixture" --language python --python-backend native --out-dir "$out" >/dev/null

    step "$fixture: the suite against uniffi's Python bindings"
    stock="$TARGET_DIR/fixtures/$lib/python"
    rm -rf "$stock"
    "$BINDGEN" generate --library "$TARGET_DIR/debug/lib$lib.$DLL" --crate "$lib" --language python --out-dir "$stock"
    cp "$TARGET_DIR/debug/lib$lib.$DLL" "$stock/"
    FIXTURE_PYTHONPATH="$stock" "${PYTEST[@]}" "fixtures/$fixture/tests" || failed+=("$fixture: uniffi Python")

    step "$fixture: the same suite against the native backend"
    FIXTURE_PYTHONPATH="$PWD/$out/python-native" "${PYTEST[@]}" "fixtures/$fixture/tests" || failed+=("$fixture: native Python")
done

if [ ${#failed[@]} -gt 0 ]; then
    printf '\nFAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
printf '\nEvery fixture passes its suite on every Python backend: %s\n' "${FIXTURES[*]}"
