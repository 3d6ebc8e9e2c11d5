#!/usr/bin/env bash
# Compiles the checked-in Kotlin bindings with the Kotlin tests and runs them against the
# native library: API tests, threads, async, and the shared conformance corpus.
#
# Environment:
#   GREET_LIB_DIR          directory holding libgreet.so (default: target/debug, which is
#                          refreshed with `cargo build -p greet` first)
#   GREET_NO_CARGO_BUILD=1 do not run cargo build for the default library dir
#   GREET_CORPUS           corpus file (default: tests/conformance/corpus.json)
#   GREET_CACHE_DIR        toolchain cache (default: ~/.cache/greet), see kotlin-toolchain.sh
#   GREET_KOTLIN_REBUILD=1 recompile even when the sources are unchanged
# Extra arguments are passed to the test program (e.g. --corpus FILE).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=scripts/kotlin-toolchain.sh
source "$ROOT/scripts/kotlin-toolchain.sh"

BINDINGS="generated/kotlin/uniffi/greet/greet.kt"
OUT="target/kotlin-tests"
JAR="$OUT/greet-kotlin-tests.jar"
STAMP="$OUT/greet-kotlin-tests.sha256"
CP="$JNA_JAR:$COROUTINES_JAR"

if [[ -n "${GREET_LIB_DIR:-}" ]]; then
    LIB_DIR="$(cd "$GREET_LIB_DIR" && pwd)"
else
    LIB_DIR="$ROOT/target/debug"
    if [[ "${GREET_NO_CARGO_BUILD:-}" != 1 ]]; then
        cargo build -p greet --quiet
    fi
fi
[[ -f "$LIB_DIR/libgreet.so" ]] || { echo "test-kotlin: no libgreet.so in $LIB_DIR" >&2; exit 1; }

shopt -s nullglob
TESTS=(tests/kotlin/*.kt)
shopt -u nullglob
((${#TESTS[@]})) || { echo "test-kotlin: no tests/kotlin/*.kt" >&2; exit 1; }

# Recompile only when the sources, the classpath or the compiler changed.
mkdir -p "$OUT"
want="$( { echo "$KOTLINC $CP"; sha256sum "$BINDINGS" "${TESTS[@]}" "$JNA_JAR" "$COROUTINES_JAR"; } | sha256sum | cut -d' ' -f1)"
if [[ "${GREET_KOTLIN_REBUILD:-}" == 1 || ! -f "$JAR" || ! -f "$STAMP" || "$(cat "$STAMP")" != "$want" ]]; then
    echo "test-kotlin: compiling $BINDINGS + ${#TESTS[@]} test files" >&2
    rm -f "$STAMP"
    start=$SECONDS
    "$KOTLINC" -nowarn -jvm-target 17 -cp "$CP" -d "$JAR.tmp.jar" "$BINDINGS" "${TESTS[@]}"
    mv "$JAR.tmp.jar" "$JAR"
    echo "$want" > "$STAMP"
    echo "test-kotlin: compiled in $((SECONDS - start)) s" >&2
else
    echo "test-kotlin: sources unchanged, reusing $JAR" >&2
fi

GREET_REPO_ROOT="$ROOT" GREET_LIB_DIR="$LIB_DIR" \
    java -Djna.library.path="$LIB_DIR" -cp "$JAR:$CP:$KOTLIN_STDLIB" greettest.MainKt "$@"
