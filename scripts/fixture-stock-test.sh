#!/usr/bin/env bash
# Runs the fixture components' pytest suites (fixtures/*/tests) against stock uniffi Python
# bindings: builds the workspace, generates each fixture's uniffi Python module with this
# workspace's CLI into target/fixtures-stock/<lib>/, stages the cdylib beside it, and runs
# the suite with that directory on the path. Exits non-zero if any step or suite fails.
#
# Usage: scripts/fixture-stock-test.sh [fixture-dir-name ...]   (default: all three)
# pytest comes from a venv in ${GREET_CACHE_DIR:-~/.cache/greet}/venv, created if missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CACHE="${GREET_CACHE_DIR:-$HOME/.cache/greet}"
mkdir -p "$CACHE"

step() { printf '\n==> %s\n' "$*"; }

# fixture directory -> library (and Python module) name
declare -A LIBS=([coverage-udl]=coverage_udl [coverage-macros]=coverage_macros [records-only]=records_only)
if [ $# -gt 0 ]; then
    FIXTURES=("$@")
else
    FIXTURES=(coverage-udl coverage-macros records-only)
fi
for fixture in "${FIXTURES[@]}"; do
    if [ -z "${LIBS[$fixture]:-}" ]; then
        echo "error: unknown fixture '$fixture' (known: ${!LIBS[*]})" >&2
        exit 2
    fi
done

case "$(uname -s)" in
    Darwin) LIB_EXT=dylib ;;
    *) LIB_EXT=so ;;
esac

step "Build the workspace (fixtures and the bindings CLI included)"
cargo build --workspace
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
BINDGEN="$TARGET_DIR/debug/uniffi-bindgen"
OUT_ROOT="$TARGET_DIR/fixtures-stock"

if [ ! -x "$CACHE/venv/bin/pytest" ]; then
    step "Create the pytest venv in $CACHE/venv"
    python3 -m venv "$CACHE/venv"
    "$CACHE/venv/bin/pip" install --quiet --disable-pip-version-check 'pytest>=8,<10'
fi

failed=()
for fixture in "${FIXTURES[@]}"; do
    lib="${LIBS[$fixture]}"
    out="$OUT_ROOT/$lib"
    step "fixtures/$fixture: stock uniffi Python in ${out#"$PWD"/}"
    rm -rf "$out"
    mkdir -p "$out"
    "$BINDGEN" generate --library "$TARGET_DIR/debug/lib$lib.$LIB_EXT" --language python --out-dir "$out"
    cp "$TARGET_DIR/debug/lib$lib.$LIB_EXT" "$out/"
    if ! FIXTURE_PYTHONPATH="$out" PYTHONPATH="$out${PYTHONPATH:+:$PYTHONPATH}" \
        "$CACHE/venv/bin/python" -m pytest -q -p no:cacheprovider "fixtures/$fixture/tests"; then
        failed+=("$fixture")
    fi
done

echo
if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "All fixture suites passed against stock uniffi Python: ${FIXTURES[*]}"
