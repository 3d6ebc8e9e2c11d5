#!/usr/bin/env bash
# Consumer test of the Kotlin jar: compiles tests/packaging/kotlin/Main.kt in a temporary
# directory against dist/greet-kotlin-VERSION.jar (and JNA), then runs it with ONLY that jar and
# JNA on the class path (the app jar carries the Kotlin runtime, `kotlinc -include-runtime`):
# no -Djna.library.path, no LD_LIBRARY_PATH. JNA must load libgreet.so from the jar's
# linux-x86-64/ resource, which its debug log (-Djna.debug_load=true) confirms.
#
# Usage: bash tests/packaging/test-kotlin.sh [JAR]     (default: the one jar in dist/)
# Environment: GREET_CACHE_DIR (toolchain, see scripts/kotlin-toolchain.sh), GREET_KEEP_TMP=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
if [ $# -ge 1 ]; then
    JAR=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
else
    shopt -s nullglob
    jars=("$ROOT"/dist/greet-kotlin-*[0-9].jar)
    shopt -u nullglob
    [ ${#jars[@]} -eq 1 ] || { echo "test-kotlin: expected one dist/greet-kotlin-VERSION.jar, found ${#jars[@]} (run scripts/dist.sh)" >&2; exit 1; }
    JAR=${jars[0]}
fi
[ -f "$JAR" ] || { echo "test-kotlin: no jar at $JAR" >&2; exit 1; }
say() { echo "== kotlin [$(basename "$JAR")]: $*" >&2; }

# shellcheck source=scripts/kotlin-toolchain.sh
source "$ROOT/scripts/kotlin-toolchain.sh"

unzip -l "$JAR" linux-x86-64/libgreet.so >/dev/null || { echo "test-kotlin: $JAR has no linux-x86-64/libgreet.so" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/greet-kotlin-consumer.XXXXXX")
cleanup() { if [ "${GREET_KEEP_TMP:-}" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi; }
trap cleanup EXIT
cp "$ROOT/tests/packaging/kotlin/Main.kt" "$TMP/"
cd "$TMP"

t=$SECONDS
say "kotlinc Main.kt against the jar + JNA"
"$KOTLINC" -nowarn -jvm-target 1.8 -include-runtime -cp "$JAR:$JNA_JAR" -d consumer.jar Main.kt
say "compiled ($((SECONDS - t)) s)"

say "java -cp consumer.jar:$(basename "$JAR"):jna.jar MainKt"
status=0
env -u LD_LIBRARY_PATH -u JAVA_TOOL_OPTIONS -u _JAVA_OPTIONS -u JDK_JAVA_OPTIONS \
    java -Djna.debug_load=true -cp "consumer.jar:$JAR:$JNA_JAR" MainKt >out.txt 2>err.txt || status=$?
cat out.txt
if [ "$status" -ne 0 ]; then
    cat err.txt >&2
    echo "test-kotlin: the consumer exited $status" >&2
    exit 1
fi
if ! diff -u "$ROOT/tests/packaging/expected-output.txt" out.txt >&2; then
    echo "test-kotlin: unexpected output (diff above)" >&2
    exit 1
fi
if ! grep -q 'Found library resource at jar:.*!/linux-x86-64/libgreet.so' err.txt; then
    cat err.txt >&2
    echo "test-kotlin: JNA did not load libgreet.so from the jar (its log is above)" >&2
    exit 1
fi
say "passed: JNA loaded libgreet.so from $(basename "$JAR")!/linux-x86-64/"
