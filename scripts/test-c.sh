#!/usr/bin/env bash
# Tests the C backend (docs/c.md): the C API generated from greet.udl (generated/c/greet.h and
# libgreet_c) and from each fixture component, and the CFFI module generated from the header.
#   1. drift check of generated/c, generated/python-cffi and each fixture's generated/c*,
#   2. every header compiles as C11 and as C++17 with -Wall -Wextra -Werror (-Wpedantic),
#   3. tests/c/test_greet.c (conformance corpus, every error path, threads, a C Decorator,
#      async) and the C++ translation unit under AddressSanitizer + UBSan,
#   4. a library that does not match (another header, another component) is refused with
#      GREET_STATUS_INCOMPATIBLE_LIBRARY (tests/c/test_mismatch.c),
#   5. test_greet under valgrind memcheck: no error, 0 bytes definitely lost,
#   6. a Rust panic through the C API: test_greet against libgreet_c built with greet's
#      `fault-injection` feature (target/fault/c/),
#   7. a C smoke test per fixture, under the sanitizers,
#   8. the CFFI module: the greet suite (tests/python: greet(), Greeter, errors, the foreign
#      trait, async, conformance corpus, a mismatched library refused at import) and each
#      fixture's suite, unchanged.
#
# Usage: scripts/test-c.sh [--no-build]   (--no-build: the workspace is built already)
# Needs gcc, g++, valgrind; pytest and cffi come from the venv in
# ${GREET_CACHE_DIR:-~/.cache/greet}/venv (created if missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CACHE="${GREET_CACHE_DIR:-$HOME/.cache/greet}"
mkdir -p "$CACHE"

BUILD=1
for arg in "$@"; do
    case "$arg" in
        --no-build) BUILD=0 ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "test-c.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

step() { printf '\n==> %s\n' "$*"; }
started=$SECONDS
# Every fixture, unless its backends file leaves c out (each has tests/c/fixtures/smoke_<name>.c).
FIXTURES=()
for manifest in fixtures/*/Cargo.toml; do
    dir=$(dirname "$manifest")
    if [ ! -f "$dir/backends" ] || grep -qx c "$dir/backends"; then
        FIXTURES+=("$(basename "$dir")")
    fi
done

for tool in gcc g++ valgrind python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "test-c.sh: $tool is needed" >&2; exit 1; }
done

if ((BUILD)); then
    step "Build the workspace (the C glue crates and the bindings CLI with it)"
    cargo build --workspace --all-targets --locked
fi
TARGET_DIR=$(cargo metadata --locked --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
LIB="$TARGET_DIR/debug"
BINDGEN="$LIB/greet-bindgen"
OUT="$TARGET_DIR/c"
mkdir -p "$OUT"

step "Drift check: generated/c, generated/python-cffi and the fixtures' C output match their specs"
"$BINDGEN" check --language c
for f in "${FIXTURES[@]}"; do
    "$BINDGEN" generate --check --crate "$f" --language c --out-dir "fixtures/$f/generated"
done

step "Headers: C11 and C++17, -Wall -Wextra -Werror -Wpedantic"
headers=("generated/c/greet.h")
for f in "${FIXTURES[@]}"; do
    headers+=("fixtures/$f/generated/c/${f//-/_}.h")
done
for h in "${headers[@]}"; do
    gcc -std=c11 -Wall -Wextra -Werror -Wpedantic -fsyntax-only -x c "$h"
    g++ -std=c++17 -Wall -Wextra -Werror -Wpedantic -fsyntax-only -x c++ "$h"
    echo "ok: $h"
done

SAN=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
CFLAGS=(-std=c11 -Wall -Wextra -Werror -g)
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

step "C tests under AddressSanitizer + UBSan: corpus, errors, threads, a C Decorator, async"
gcc "${CFLAGS[@]}" "${SAN[@]}" -I generated/c tests/c/test_greet.c tests/c/json.c \
    -L "$LIB" -lgreet_c -lpthread -o "$OUT/test_greet"
LD_LIBRARY_PATH="$LIB" "$OUT/test_greet" tests/conformance/corpus.json

step "C++17 translation unit (g++ -std=c++17 -Wall -Wextra -Werror), under the sanitizers"
g++ -std=c++17 -Wall -Wextra -Werror -g "${SAN[@]}" -I generated/c tests/c/test_cxx.cpp \
    -L "$LIB" -lgreet_c -lpthread -o "$OUT/test_cxx"
LD_LIBRARY_PATH="$LIB" "$OUT/test_cxx"

step "A library that does not match is refused: another header's fingerprint, another component's checksums"
gcc "${CFLAGS[@]}" "${SAN[@]}" -I generated/c tests/c/test_mismatch.c -L "$LIB" -lgreet_c -o "$OUT/test_mismatch"
printf 'unsigned short uniffi_greet_checksum_func_greet(void) { return 1; }\n' > "$OUT/stale_checksum.c"
gcc -shared -fPIC -o "$OUT/libstale_checksum.so" "$OUT/stale_checksum.c"
LD_LIBRARY_PATH="$LIB" "$OUT/test_mismatch" ok
LD_LIBRARY_PATH="$LIB" "$OUT/test_mismatch" header
# The stale checksum is preloaded after ASan's runtime, which must come first.
LD_LIBRARY_PATH="$LIB" LD_PRELOAD="$(gcc -print-file-name=libasan.so) $OUT/libstale_checksum.so" \
    "$OUT/test_mismatch" component

step "valgrind memcheck: no errors, 0 bytes definitely lost"
gcc "${CFLAGS[@]}" -O1 -I generated/c tests/c/test_greet.c tests/c/json.c \
    -L "$LIB" -lgreet_c -lpthread -o "$OUT/test_greet_plain"
LD_LIBRARY_PATH="$LIB" valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
    --error-exitcode=9 --log-file="$OUT/valgrind.log" "$OUT/test_greet_plain" tests/conformance/corpus.json
grep -E "definitely lost|ERROR SUMMARY" "$OUT/valgrind.log"
grep -q "definitely lost: 0 bytes in 0 blocks" "$OUT/valgrind.log" \
    || grep -q "All heap blocks were freed" "$OUT/valgrind.log" \
    || { echo "test-c.sh: valgrind found memory definitely lost (see $OUT/valgrind.log)" >&2; exit 1; }

step "A Rust panic through the C API (libgreet_c with greet's fault-injection feature)"
MAGIC="greet-fault-injection:panic"
mkdir -p "$TARGET_DIR/fault/c"
fault_stale() {
    [[ ! -f "$TARGET_DIR/fault/c/libgreet_c.so" ]] && return 0
    [[ -n "$(find src build.rs greet.udl Cargo.toml Cargo.lock generated/c/src -newer "$TARGET_DIR/fault/c/libgreet_c.so" -print -quit)" ]]
}
(
    # The same lock and build as scripts/soak.sh: greet with its fault-injection feature in a
    # target directory of its own, so target/debug keeps its features.
    flock 9
    if fault_stale; then
        CARGO_TARGET_DIR="$TARGET_DIR/fault-build" cargo build -q --locked --features greet/fault-injection \
            -p greet -p greet-python-native -p greet-kotlin-jni -p greet-c
        cp "$TARGET_DIR/fault-build/debug/libgreet_c.so" "$TARGET_DIR/fault/c/libgreet_c.so.tmp"
        grep -q "$MAGIC" "$TARGET_DIR/fault/c/libgreet_c.so.tmp" || { echo "test-c.sh: the fault build has no hook" >&2; exit 1; }
        mv "$TARGET_DIR/fault/c/libgreet_c.so.tmp" "$TARGET_DIR/fault/c/libgreet_c.so"
    fi
) 9> "$TARGET_DIR/fault/.lock"
if grep -q "$MAGIC" "$LIB/libgreet_c.so"; then
    echo "test-c.sh: $LIB/libgreet_c.so still has the fault-injection hook" >&2
    exit 1
fi
GREET_C_FAULT=1 LD_LIBRARY_PATH="$TARGET_DIR/fault/c" "$OUT/test_greet" tests/conformance/corpus.json

step "Fixtures: a C smoke test each, under the sanitizers"
for f in "${FIXTURES[@]}"; do
    ns=${f//-/_}
    gcc "${CFLAGS[@]}" "${SAN[@]}" -I "fixtures/$f/generated/c" "tests/c/fixtures/smoke_$ns.c" \
        -L "$LIB" -l"${ns}_c" -lpthread -lm -o "$OUT/smoke_$ns"
    # coverage-udl panics on purpose: Rust's panic hook prints to stderr.
    LD_LIBRARY_PATH="$LIB" "$OUT/smoke_$ns" 2> "$OUT/smoke_$ns.stderr" || { cat "$OUT/smoke_$ns.stderr" >&2; exit 1; }
done

step "CFFI module generated from the header: the greet suite and each fixture's suite"
if [ ! -x "$CACHE/venv/bin/pytest" ]; then
    python3 -m venv "$CACHE/venv"
    "$CACHE/venv/bin/pip" install --quiet --disable-pip-version-check 'pytest>=8,<10'
fi
"$CACHE/venv/bin/python" -c 'import cffi' 2>/dev/null \
    || "$CACHE/venv/bin/pip" install --quiet --disable-pip-version-check 'cffi>=2,<3' 'setuptools>=70'
PY="$CACHE/venv/bin/python"
# Stages the package of `$1` (generated dir) as `$3` (namespace) into `$2`, with its library
# and the compiled extension.
stage_cffi() {
    local generated=$1 dest=$2 ns=$3
    rm -rf "$dest" && mkdir -p "$dest"
    cp -r "$generated/python-cffi/$ns" "$dest/"
    cp "$LIB/lib${ns}_c.so" "$dest/$ns/"
    "$PY" "$generated/python-cffi/build_cffi.py" --lib-dir "$LIB" --out-dir "$dest" \
        --header "$generated/c/$ns.h" >/dev/null
}
stage_cffi generated "$OUT/python-cffi" greet
GREET_PYTHON_DIR="$OUT/python-cffi" "$PY" -m pytest -q -p no:cacheprovider tests/python/test_greet.py tests/python/test_conformance.py \
    tests/python/test_library_mismatch.py
for f in "${FIXTURES[@]}"; do
    ns=${f//-/_}
    stage_cffi "fixtures/$f/generated" "$OUT/fixtures/$f" "$ns"
    echo "--- $f"
    FIXTURE_PYTHONPATH="$OUT/fixtures/$f" "$PY" -m pytest -q -p no:cacheprovider "fixtures/$f/tests"
done

printf '\nC backend: all tests passed in %ss.\n' "$((SECONDS - started))"
