#!/usr/bin/env bash
# The Kotlin suites, one Maven build (tests/kotlin/pom.xml) for everything on the JVM:
#
#   greet     tests/kotlin/src (ApiTests, the conformance corpus, HardeningTests) against both
#             Kotlin backends: uniffi's bindings over JNA (generated/kotlin) and the JNI
#             backend (generated/kotlin-jni, libgreet_jni)
#   fixtures  each fixture's Kotlin suite (fixtures/*/tests/kotlin), written against stock uniffi
#             Kotlin, run unchanged against both backends
#   jars      the bindings jars and the benchmark jar that soak.sh, bench.sh and dist.sh reuse
#
# JUnit 5 through Maven Surefire; per-test reports in target/maven/<module>/surefire-reports/.
#
# Environment:
#   GREET_LIB_DIR          directory holding the native libraries (default: target/debug, which
#                          is refreshed with cargo build first)
#   GREET_NO_CARGO_BUILD=1 do not run cargo build for the default library dir
#   GREET_CACHE_DIR        tool cache (default ~/.cache/greet): the Maven repository is its m2/
#   GREET_CORPUS           corpus file (default: tests/conformance/corpus.json)
# Extra arguments go to Maven (e.g. -pl greet-jni, -Dtest=ApiTests).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

# shellcheck source=scripts/kotlin-toolchain.sh
source "$ROOT/scripts/kotlin-toolchain.sh"

# The component libraries the suites load: uniffi's cdylib (JNA) and the JNI glue, per component.
LIBS=(libgreet.so libgreet_jni.so)
PACKAGES=(-p greet -p greet-kotlin-jni -p uniffi-bindgen)
FIXTURES=()
for dir in fixtures/*/; do
    fixture=$(basename "$dir")
    if [[ -f "$dir/backends" ]] && ! grep -qx kotlin "$dir/backends"; then
        echo "test-kotlin: fixtures/$fixture skipped: its backends file does not list kotlin" >&2
        continue
    fi
    [[ -f "$dir/generated/kotlin-jni/Cargo.toml" && -d "$dir/tests/kotlin" ]] || continue
    FIXTURES+=("$fixture")
    lib=${fixture//-/_}
    LIBS+=("lib$lib.so" "lib${lib}_jni.so")
    PACKAGES+=(-p "$fixture" -p "$fixture-kotlin-jni")
done

if [[ -n "${GREET_LIB_DIR:-}" ]]; then
    LIB_DIR="$(cd "$GREET_LIB_DIR" && pwd -P)"
else
    LIB_DIR="$ROOT/target/debug"
    if [[ "${GREET_NO_CARGO_BUILD:-}" != 1 ]]; then
        cargo build --locked --quiet "${PACKAGES[@]}"
    fi
fi
for lib in "${LIBS[@]}"; do
    [[ -f "$LIB_DIR/$lib" ]] || { echo "test-kotlin: no $lib in $LIB_DIR (cargo build ${PACKAGES[*]})" >&2; exit 1; }
done

# The fixtures' checked-in Kotlin bindings (uniffi's and the JNI backend's) match their specs.
# (greet's own are part of the workspace drift check, `uniffi-bindgen check`.)
TARGET_DIR=$(cargo metadata --locked --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
BINDGEN="$TARGET_DIR/debug/greet-bindgen"
if [[ -x "$BINDGEN" ]]; then
    for fixture in "${FIXTURES[@]}"; do
        "$BINDGEN" generate --check --crate "$fixture" --language kotlin --kotlin-backend both --out-dir "fixtures/$fixture/generated"
    done
else
    echo "test-kotlin: no $BINDGEN: the fixtures' drift check is skipped" >&2
fi

start=$SECONDS
stamp=$(greet_kotlin_stamp)
greet_mvn -Dgreet.lib.dir="$LIB_DIR" "$@" verify
# Soak, benchmark and dist reuse this build when nothing changed (greet_kotlin_package).
(($#)) || touch "$stamp"
echo "test-kotlin: Maven build and suites done in $((SECONDS - start)) s" >&2

# One closing line over every module's reports.
python3 - "$ROOT/target/maven" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
tests = failed = skipped = 0
for path in glob.glob(f"{sys.argv[1]}/*/surefire-reports/TEST-*.xml"):
    suite = ET.parse(path).getroot()
    tests += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(f"kotlin: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or not tests else 0)
PY
