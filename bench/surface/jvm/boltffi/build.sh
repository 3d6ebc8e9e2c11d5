#!/usr/bin/env bash
# BoltFFI's Kotlin bindings of bench/surface for the JVM benchmark (full run only):
#   build.sh BOLTFFI_CLI OUT
# generates BoltFFI's Kotlin + C JNI glue into OUT/gen, builds the crate with its `boltffi`
# feature as a static library in target/bench/boltffi-target (BoltFFI's own target dir) and
# links the glue against it into OUT/lib/libbench_surface_jni.so (gcc -O3, as `boltffi pack`
# does for its own targets; `pack android` needs the NDK). Statically linked, so the uniffi
# build of the same crate (libbench_surface.so, loaded by JNA) cannot shadow its symbols.
set -euo pipefail
BOLT="$1"
mkdir -p "$2"
OUT="$(cd "$2" && pwd -P)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd -P)"
TARGET="$ROOT/target/bench/boltffi-target"
rm -rf "$OUT/gen"
mkdir -p "$OUT/gen" "$OUT/lib"
(cd "$ROOT/bench/surface" && CARGO_TARGET_DIR="$TARGET" "$BOLT" -q \
    --cargo-arg=--no-default-features --cargo-arg=--features --cargo-arg=boltffi \
    generate kotlin -o "$OUT/gen")
CARGO_TARGET_DIR="$TARGET" cargo rustc -q --release --locked -p bench-surface --lib \
    --no-default-features --features boltffi --crate-type staticlib
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
gcc -O3 -fPIC -shared -o "$OUT/lib/libbench_surface_jni.so" \
    -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" -I"$OUT/gen/jni" "$OUT/gen/jni/jni_glue.c" \
    -Wl,--whole-archive "$TARGET/release/libbench_surface.a" -Wl,--no-whole-archive -lpthread -ldl -lm
# The shared cases, with BoltFFI's package imported instead of uniffi's.
mkdir -p "$OUT/cases"
sed 's/^import uniffi\.bench_surface\.\*$/import com.example.bench_surface.*/' \
    "$ROOT/bench/surface/jvm/cases/SurfaceCases.kt" > "$OUT/cases/SurfaceCases.kt"
grep -q '^import com.example.bench_surface.\*$' "$OUT/cases/SurfaceCases.kt"
