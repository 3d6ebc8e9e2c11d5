#!/usr/bin/env bash
# Consumer test of the Kotlin jars in dist/: for each of greet-kotlin (uniffi's bindings over
# JNA) and greet-kotlin-jni (the JNI backend), install the jar with its POM and sources jar into
# the Maven repository (${GREET_CACHE_DIR:-~/.cache/greet}/m2, outside the clone), build a consumer
# Maven project in a temporary directory (tests/packaging/kotlin: pom.xml + Main.kt) that depends
# on it by coordinates, uniffi.greet:ARTIFACT:VERSION, and run it with the class path Maven
# resolved: no -Djna.library.path, no java.library.path entry with the library, no
# LD_LIBRARY_PATH. The native library must come out of the jar (JNA's debug log proves it for
# greet-kotlin; for greet-kotlin-jni, java.library.path points at an empty directory).
#
# Usage: bash tests/packaging/test-kotlin.sh [DIST_DIR]     (default: dist/)
# Environment: GREET_CACHE_DIR, GREET_KEEP_TMP=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
DIST=$(cd "${1:-$ROOT/dist}" && pwd -P)
say() { echo "== kotlin: $*" >&2; }

# shellcheck source=scripts/kotlin-toolchain.sh
source "$ROOT/scripts/kotlin-toolchain.sh"

shopt -s nullglob
jars=("$DIST"/greet-kotlin-[0-9]*[0-9].jar)
shopt -u nullglob
[ ${#jars[@]} -eq 1 ] || { echo "test-kotlin: expected one $DIST/greet-kotlin-VERSION.jar, found ${#jars[@]} (run scripts/dist.sh)" >&2; exit 1; }
VERSION=$(basename "${jars[0]}" .jar)
VERSION=${VERSION#greet-kotlin-}
KOTLIN_VERSION=$(sed -n 's|.*<kotlin.version>\(.*\)</kotlin.version>.*|\1|p' "$ROOT/tests/kotlin/pom.xml")

TMP=$(mktemp -d "${TMPDIR:-/tmp}/greet-kotlin-consumer.XXXXXX")
cleanup() { if [ "${GREET_KEEP_TMP:-}" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi; }
trap cleanup EXIT

for artifact in greet-kotlin greet-kotlin-jni; do
    jar=$DIST/$artifact-$VERSION.jar
    for f in "$jar" "$DIST/$artifact-$VERSION.pom" "$DIST/$artifact-$VERSION-sources.jar"; do
        [ -f "$f" ] || { echo "test-kotlin: no $f (run scripts/dist.sh)" >&2; exit 1; }
    done
    lib=$([ $artifact = greet-kotlin ] && echo libgreet.so || echo libgreet_jni.so)
    unzip -l "$jar" "linux-x86-64/$lib" >/dev/null || { echo "test-kotlin: $jar has no linux-x86-64/$lib" >&2; exit 1; }

    say "$artifact: install $artifact-$VERSION.jar with its POM into $GREET_M2"
    greet_mvn_pom "$ROOT/tests/kotlin/pom.xml" -q org.apache.maven.plugins:maven-install-plugin:3.2.0:install-file \
        -Dfile="$jar" -DpomFile="$DIST/$artifact-$VERSION.pom" -Dsources="$DIST/$artifact-$VERSION-sources.jar"

    app=$TMP/$artifact
    mkdir -p "$app/src"
    cp "$ROOT/tests/packaging/kotlin/Main.kt" "$app/src/"
    sed -e "s|@ARTIFACT@|$artifact|g" -e "s|@VERSION@|$VERSION|g" -e "s|@KOTLIN_VERSION@|$KOTLIN_VERSION|g" \
        "$ROOT/tests/packaging/kotlin/pom.xml" >"$app/pom.xml"
    t=$SECONDS
    say "$artifact: mvn package of a consumer project depending on uniffi.greet:$artifact:$VERSION"
    (cd "$app" && greet_mvn_pom "$app/pom.xml" -q package)
    say "$artifact: built ($((SECONDS - t)) s)"

    cp_file=$app/target/classpath.txt
    grep -q "/uniffi/greet/$artifact/$VERSION/$artifact-$VERSION.jar" "$cp_file" \
        || { echo "test-kotlin: the consumer's class path has no uniffi.greet:$artifact:$VERSION" >&2; cat "$cp_file" >&2; exit 1; }
    empty=$app/no-libraries
    mkdir -p "$empty"
    status=0
    (cd "$app" && env -u LD_LIBRARY_PATH -u JAVA_TOOL_OPTIONS -u _JAVA_OPTIONS -u JDK_JAVA_OPTIONS \
        java -Djna.debug_load=true -Djava.library.path="$empty" -cp "target/classes:$(cat "$cp_file")" MainKt \
        >out.txt 2>err.txt) || status=$?
    cat "$app/out.txt"
    if [ "$status" -ne 0 ]; then
        cat "$app/err.txt" >&2
        echo "test-kotlin: the $artifact consumer exited $status" >&2
        exit 1
    fi
    if ! diff -u "$ROOT/tests/packaging/expected-output.txt" "$app/out.txt" >&2; then
        echo "test-kotlin: unexpected output of the $artifact consumer (diff above)" >&2
        exit 1
    fi
    if [ $artifact = greet-kotlin ]; then
        grep -q 'Found library resource at jar:.*!/linux-x86-64/libgreet.so' "$app/err.txt" \
            || { cat "$app/err.txt" >&2; echo "test-kotlin: JNA did not load libgreet.so from the jar (its log is above)" >&2; exit 1; }
        ! tr ':' '\n' <"$cp_file" | grep -q '/jna-' && { echo "test-kotlin: JNA is missing from the class path greet-kotlin's POM gives" >&2; exit 1; }
    else
        tr ':' '\n' <"$cp_file" | grep -q '/jna-' && { echo "test-kotlin: JNA is on the class path of greet-kotlin-jni, which must not need it" >&2; exit 1; }
    fi
    say "$artifact: passed (the library loaded from the jar)"
done
