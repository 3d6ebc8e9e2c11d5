#!/usr/bin/env bash
# The JVM surface benchmark: BoltFFI's Kotlin (JNI) bindings, this CLI's Kotlin JNI backend and
# uniffi's Kotlin bindings (JNA) over bench/surface, interleaved in one JVM (README.md here).
#
#   bench/surface/jvm/run.sh            release build, full timing, BoltFFI included when its CLI
#                                       is installed (~/.cache/greet/boltffi/bin/boltffi or
#                                       $BOLTFFI); writes $SURFACE_OUT/jvm.json
#   bench/surface/jvm/run.sh --quick    debug build, short timing, our JNI + JNA only (CI)
#
# SURFACE_OUT defaults to target/bench/surface. Fails on any wrong result.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
cd "$ROOT"
QUICK=0
for a in "$@"; do
    case "$a" in
        --quick) QUICK=1 ;;
        *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
    esac
done
OUT="${SURFACE_OUT:-$ROOT/target/bench/surface}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd -P)"
W="$ROOT/target/bench/surface-jvm"
CACHE="${GREET_CACHE_DIR:-$HOME/.cache/greet}"
BOLT="${BOLTFFI:-$CACHE/boltffi/bin/boltffi}"
if ((QUICK)); then PROFILE=debug; CARGO_PROFILE=(); else PROFILE=release; CARGO_PROFILE=(--release); fi
step() { echo "surface-jvm: $*" >&2; }

# 1. The component (uniffi export) and the generator; the bindings, generated into target/.
step "cargo build ($PROFILE)"
# Debug as scripts/test.sh builds the workspace (one feature set: nothing compiled twice).
cargo build -q --locked --workspace --all-targets
((QUICK)) || cargo build -q --locked --release -p bench-surface
mkdir -p "$W"
target/debug/greet-bindgen generate --crate bench-surface --language kotlin --kotlin-backend jni --out-dir "$W/jni" >&2
target/debug/greet-bindgen generate --crate bench-surface --language kotlin --kotlin-backend uniffi --out-dir "$W/jna" >&2
# The JNI glue is a workspace of its own; it shares the workspace's target dir and lock file.
cp Cargo.lock "$W/jni/kotlin-jni/Cargo.lock"
CARGO_TARGET_DIR="$ROOT/target" cargo build -q "${CARGO_PROFILE[@]}" --manifest-path "$W/jni/kotlin-jni/Cargo.toml"
LIBS="$ROOT/target/$PROFILE"

# 2. BoltFFI (full run only): its Kotlin bindings and JNI glue over the `boltffi` build.
APPROACHES=()
MVN_PROFILES=()
if ((!QUICK)) && [[ -x "$BOLT" ]]; then
    step "BoltFFI: $BOLT"
    bash "$ROOT/bench/surface/jvm/boltffi/build.sh" "$BOLT" "$W/boltffi"
    MVN_PROFILES=(-Pboltffi)
elif ((!QUICK)); then
    step "BoltFFI's CLI is not installed ($BOLT): its rows are left out"
fi

# 3. The Kotlin side: one Maven build (offline after the first), then one JVM.
# shellcheck source=/dev/null
source scripts/kotlin-toolchain.sh
step "maven"
greet_mvn_pom bench/surface/jvm/pom.xml -q "${MVN_PROFILES[@]}" -Dsurface.gen="$W" -Dsurface.out="$W/maven" package >&2
M="$W/maven"
CP="$M/surface-harness/classes:$(cat "$M/surface-harness/classpath.txt")"
if ((${#MVN_PROFILES[@]})); then APPROACHES+=("boltffi=$M/surface-boltffi/classes"); fi
APPROACHES+=("jni=$M/surface-jni/classes" "jna=$M/surface-jna/classes")
if ((QUICK)); then
    TIMING=(--repeats 3 --warm-ms 20 --sample-ms 1)
else
    TIMING=(--repeats 9 --warm-ms 400 --sample-ms 40)
fi
step "running ${APPROACHES[*]%%=*}"
# Both JNI libraries are named libbench_surface_jni.so: ours comes from java.library.path,
# BoltFFI's from its class loader's resources (its loader tries those first). JNA loads the
# uniffi build libbench_surface.so. (No uniffi.component.*.libraryOverride: uniffi's JNA
# bindings read the same property.)
if ((${#MVN_PROFILES[@]})); then
    mkdir -p "$M/surface-boltffi/classes/linux-x86-64"
    cp "$W/boltffi/lib/libbench_surface_jni.so" "$M/surface-boltffi/classes/linux-x86-64/"
fi
java -Xss4m -Djava.library.path="$LIBS" -Djna.library.path="$LIBS" \
    -cp "$CP" surfacebench.HarnessKt --out "$OUT/jvm.json" "${TIMING[@]}" "${APPROACHES[@]}"
step "wrote $OUT/jvm.json"
