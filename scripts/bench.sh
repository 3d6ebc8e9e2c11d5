#!/usr/bin/env bash
# Benchmarks the same Rust greet() called from Python through the generated uniffi bindings, the
# generated native (PyO3) backend, a hand-written PyO3 extension (maturin), CFFI (API mode) and ctypes over a C ABI, and gRPC
# (grpcio -> tonic on loopback), against pure Python; plus, on the JVM, uniffi's Kotlin bindings
# (JNA), the generated JNI backend and hand-written JNI against pure Kotlin; plus CFFI over the C
# API generated from greet.udl, and, in Swift, uniffi's Swift bindings against that C header
# imported through a module map (scripts/swift-toolchain.sh's chroot); then the surface benchmark
# against BoltFFI (scripts/bench-surface.sh). See bench/README.md.
#
#   bash scripts/bench.sh           release build; full counts; writes bench/results/
#   bash scripts/bench.sh --quick   debug build; tiny counts; every approach end to end (CI);
#                                   writes target/bench/quick-results/, not the source tree
#
# Builds what it needs. Python tools (maturin, grpcio, grpcio-tools, cffi) go into a venv at
# ${GREET_CACHE_DIR:-~/.cache/greet}/bench-venv. Needs cargo, python3 (3.9+) with venv, a C
# compiler, valgrind; java + Maven (scripts/kotlin-toolchain.sh) for the Kotlin part. Network: the gRPC server listens on an
# ephemeral 127.0.0.1 port only, and is stopped on exit however the script ends.
# Fails if any approach returns a wrong result. There are no timing thresholds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

CACHE="${GREET_CACHE_DIR:-${HOME:?HOME is not set}/.cache/greet}"
VENV="$CACHE/bench-venv"
WORK="$ROOT/target/bench"
if ((QUICK)); then
    PROFILE=debug; CARGO_PROFILE=(); MODE=(--quick); OUT="$WORK/quick-results"
    KT_ARGS=(3 2 300)            # repeats, ms per measurement, ms of JIT warm-up
else
    PROFILE=release; CARGO_PROFILE=(--release); MODE=(); OUT="$ROOT/bench/results"
    KT_ARGS=(11 100 5000)
fi
LIB="$ROOT/target/$PROFILE"
STAGE="$WORK/py-$PROFILE"       # every Python module the benchmark imports, and its .so files
NATIVE_STAGE="$WORK/py-native-$PROFILE" # the native backend's `greet` package (a name uniffi's has too)
CFFI_STAGE="$WORK/py-cffi-$PROFILE"     # the CFFI module generated from the C header: a `greet` package too
RAW="$WORK/raw-$PROFILE"        # this run's JSON, turned into $OUT by `bench.py report`
BENCH=("$VENV/bin/python" "$ROOT/bench/python/bench.py")

started=$SECONDS
loadavg_start="$(cut -d' ' -f1-3 /proc/loadavg)"
timings=()
step() { printf '\n==> %s\n' "$*"; step_name="$*"; step_started=$SECONDS; }
step_done() { timings+=("$(printf '%5ss  %s' "$((SECONDS - step_started))" "$step_name")"); }

server_pid=""
gen_server_pid=""
tmp="$(mktemp -d "${TMPDIR:-/tmp}/greet-bench.XXXXXX")"
cleanup() {
    for pid in $server_pid $gen_server_pid; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "Tools: valgrind, C compiler, Python venv ($VENV)"
if ! command -v valgrind >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind \
            || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind; }
    else
        echo "bench.sh: valgrind is needed (apt-get install valgrind)" >&2; exit 1
    fi
fi
command -v cc >/dev/null 2>&1 || { echo "bench.sh: a C compiler (cc) is needed for CFFI" >&2; exit 1; }
REQUIREMENTS=('maturin>=1.16,<2' 'grpcio>=1.85,<2' 'grpcio-tools>=1.85,<2' 'cffi>=2,<3' 'setuptools>=70'
              'protobuf>=7.36.2,<8' 'googleapis-common-protos>=1.76,<2') # the last two: generated/python-grpc
if [[ ! -x "$VENV/bin/python" || "$(cat "$VENV/.greet-bench-requirements" 2>/dev/null)" != "${REQUIREMENTS[*]}" ]]; then
    mkdir -p "$CACHE"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "${REQUIREMENTS[@]}"
    echo "${REQUIREMENTS[*]}" > "$VENV/.greet-bench-requirements"
fi
step_done

step "Build ($PROFILE): libgreet.so, the native backend's extension, libcabi_greet.so, both gRPC servers"
if ((QUICK)); then
    # The same selection as scripts/test.sh, so a CI run reuses its debug build.
    cargo build --workspace --all-targets --locked
else
    # Only what is measured: no release build of the uniffi-bindgen CLI.
    cargo build --release --locked -p greet -p greet-python-native -p cabi-greet -p grpc-greet-server \
        -p greet-grpc-server -p greet-kotlin-jni -p jni-greet -p greet-c
fi
step_done

step "Build ($PROFILE): the PyO3 extension with maturin"
rm -rf "$WORK/wheels-$PROFILE"
# Its own target dir: maturin's feature set and PYO3_* environment differ from a plain cargo
# build's, and sharing target/ would make the two rebuild each other's crates on every run.
"$VENV/bin/maturin" build "${CARGO_PROFILE[@]}" --locked --quiet -m bench/pyo3-greet/Cargo.toml \
    --target-dir "$WORK/maturin-target" -i "$VENV/bin/python" --out "$WORK/wheels-$PROFILE"
"$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps \
    "$WORK"/wheels-"$PROFILE"/greet_pyo3-*.whl
step_done

step "Stage the Python modules in $STAGE (CFFI extension, gRPC stubs, precompiled .pyc)"
rm -rf "$STAGE"
mkdir -p "$STAGE"
# The checked-in uniffi bindings, with this build's library next to them (generated/ is not touched).
cp generated/python/greet.py "$LIB/libgreet.so" "$STAGE/"
cp bench/python/modules/*.py "$LIB/libcabi_greet.so" "$STAGE/"
# The gRPC client generated from greet.udl (package greet_grpc), as checked in.
cp -r generated/python-grpc/greet_grpc "$STAGE/"
# The checked-in native backend package, with this build's extension as greet/_native.so.
rm -rf "$NATIVE_STAGE"
mkdir -p "$NATIVE_STAGE/greet"
cp generated/python-native/greet/*.py "$NATIVE_STAGE/greet/"
cp "$LIB/libgreet_native.so" "$NATIVE_STAGE/greet/_native.so"
# The CFFI module generated from greet.udl: its package, libgreet_c next to it, and the extension
# compiled from generated/c/greet.h.
rm -rf "$CFFI_STAGE"
mkdir -p "$CFFI_STAGE"
cp -r generated/python-cffi/greet "$CFFI_STAGE/"
cp "$LIB/libgreet_c.so" "$CFFI_STAGE/greet/"
"$VENV/bin/python" generated/python-cffi/build_cffi.py --lib-dir "$LIB" --out-dir "$CFFI_STAGE" >/dev/null
"$VENV/bin/python" bench/python/build_cffi.py "$STAGE" "$LIB" >/dev/null
rm -rf "$STAGE/cffi-build"
"$VENV/bin/python" -m grpc_tools.protoc -I bench/grpc-greet-server/proto \
    --python_out="$STAGE" --grpc_python_out="$STAGE" bench/grpc-greet-server/proto/greeter_service.proto
# PYTHONDONTWRITEBYTECODE may be set: compile every .pyc now, or import times measure compilation.
"$VENV/bin/python" -m compileall -q -j 0 "$STAGE" "$NATIVE_STAGE" "$CFFI_STAGE" \
    "$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" >/dev/null
export PYTHONPATH="$STAGE" GREET_NATIVE_DIR="$NATIVE_STAGE" GREET_CFFI_DIR="$CFFI_STAGE"
step_done

step "Start grpc-greet-server on an ephemeral 127.0.0.1 port"
# Its stdin is a FIFO held open by this script: if this script dies without running its trap,
# the server sees EOF and exits by itself.
mkfifo "$tmp/server.stdin"
"$LIB/grpc-greet-server" --addr 127.0.0.1:0 --port-file "$tmp/port" --exit-on-stdin-eof \
    <"$tmp/server.stdin" >"$tmp/server.log" 2>&1 &
server_pid=$!
exec {server_stdin}>"$tmp/server.stdin"
for _ in $(seq 300); do
    [[ -s "$tmp/port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log" >&2; echo "bench.sh: the gRPC server died" >&2; exit 1; }
    sleep 0.1
done
[[ -s "$tmp/port" ]] || { echo "bench.sh: the gRPC server did not start in 30 s" >&2; exit 1; }
GRPC="127.0.0.1:$(cat "$tmp/port")"
echo "gRPC server pid $server_pid on $GRPC"
step_done

step "Start greet-grpc-server (generated from greet.udl) on an ephemeral 127.0.0.1 port"
"$LIB/greet-grpc-server" --addr 127.0.0.1:0 --port-file "$tmp/gen-port" --log-format json \
    >"$tmp/gen-server.log" 2>&1 &
gen_server_pid=$!
for _ in $(seq 300); do
    [[ -s "$tmp/gen-port" ]] && break
    kill -0 "$gen_server_pid" 2>/dev/null || { cat "$tmp/gen-server.log" >&2; echo "bench.sh: greet-grpc-server died" >&2; exit 1; }
    sleep 0.1
done
[[ -s "$tmp/gen-port" ]] || { echo "bench.sh: greet-grpc-server did not start in 30 s" >&2; exit 1; }
# The generated client's connect() reads it.
export GREET_GRPC_TARGET="127.0.0.1:$(cat "$tmp/gen-port")"
echo "greet-grpc-server pid $gen_server_pid on $GREET_GRPC_TARGET"
step_done

rm -rf "$RAW"
mkdir -p "$RAW"
measure_started=$SECONDS

step "Check: every approach returns exactly the right result"
"${BENCH[@]}" check --grpc "$GRPC"
step_done

# Fixed malloc thresholds for the per-call figures: with glibc's dynamic ones, whether a 1 MiB
# buffer is reused or mapped afresh (and page-faulted in) depends on what ran before. The
# `faults` step below measures the 1 MiB case with the defaults, one fresh process each.
PINNED_MALLOC="glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456"

step "Wall time per call (interleaved, rotating order)"
GLIBC_TUNABLES="$PINNED_MALLOC" "${BENCH[@]}" time "${MODE[@]}" --grpc "$GRPC" --out "$RAW/time.json"
"${BENCH[@]}" faults "${MODE[@]}" --out "$RAW/faults.json"
step_done

step "Instructions per call (callgrind)"
GLIBC_TUNABLES="$PINNED_MALLOC" "${BENCH[@]}" callgrind "${MODE[@]}" --grpc "$GRPC" \
    --grpc-server-bin "$LIB/grpc-greet-server" --out "$RAW/callgrind.json"
"${BENCH[@]}" anatomy --out "$RAW/anatomy.json"
step_done

step "Import time (fresh interpreter, .pyc precompiled)"
"${BENCH[@]}" imports "${MODE[@]}" --out "$RAW/imports.json"
step_done

kotlin_gap=""
jna_jar=""
step "Kotlin: uniffi bindings (JNA), the JNI backend, hand-written JNI and pure Kotlin, one JVM"
if ! source scripts/kotlin-toolchain.sh; then
    kotlin_gap="scripts/kotlin-toolchain.sh could not provide Java and Maven on this machine"
else
    # One Maven build (reused when scripts/test-kotlin.sh just made it): the two bindings with
    # their BenchAdapter, and the benchmark; each bindings' class path for its own loader.
    greet_kotlin_package
    M="$ROOT/target/maven"
    UNIFFI_CP="$M/greet-uniffi/classes:$M/greet-uniffi/test-classes:$(cat "$M/greet-uniffi/test-classpath.txt")"
    JNI_CP="$M/greet-jni/classes:$M/greet-jni/test-classes:$(cat "$M/greet-jni/test-classpath.txt")"
    BENCH_CP="$M/greet-bench/greet-bench-0.1.0.jar:$(cat "$M/greet-bench/classpath.txt")"
    jna_jar=$(tr ':' '\n' < "$M/greet-uniffi/test-classpath.txt" | grep -m1 '/jna-[0-9.]*\.jar$' || true)
    java -Djna.library.path="$LIB" -Djava.library.path="$LIB" -cp "$BENCH_CP" greetbench.BenchKt \
        "${KT_ARGS[@]}" "$RAW/kotlin.json" "$UNIFFI_CP" "$JNI_CP"
fi
if [[ -n "$kotlin_gap" ]]; then
    echo "GAP: Kotlin not measured: $kotlin_gap"
fi
step_done

swift_gap=""
step "Swift: uniffi's Swift bindings vs the generated C header imported directly (module map)"
SWIFT_OUT="$WORK/swift-$PROFILE"
if ((QUICK)); then SWIFT_ARGS=(3 2); else SWIFT_ARGS=(11 100); fi
if [[ ! -f scripts/swift-toolchain.sh ]]; then
    swift_gap="scripts/swift-toolchain.sh does not exist"
elif ! (source scripts/swift-toolchain.sh && swift_toolchain_ensure); then
    swift_gap="the Swift toolchain (a Debian trixie chroot, scripts/swift-toolchain.sh) could not be built here"
else
    # shellcheck source=scripts/swift-toolchain.sh
    source scripts/swift-toolchain.sh
    mkdir -p "$SWIFT_OUT/GreetC"
    # Absolute paths: clang's module cache rejects a module map that moved.
    printf 'module GreetC [system] {\n    header "%s"\n    link "greet_c"\n    export *\n}\n' \
        "$ROOT/generated/c/greet.h" > "$SWIFT_OUT/GreetC/module.modulemap"
    SWIFT_PKG="$ROOT/generated/swift"
    swift_common=(-O -module-cache-path "$SWIFT_OUT/module-cache")
    swift_chroot_run swiftc "${swift_common[@]}" -emit-library -emit-module -module-name Greet \
        -emit-module-path "$SWIFT_OUT/Greet.swiftmodule" -o "$SWIFT_OUT/libGreet.so" \
        -Xcc "-fmodule-map-file=$SWIFT_PKG/Sources/GreetFFI/module.modulemap" -L "$LIB" -lgreet \
        "$SWIFT_PKG/Sources/Greet/Greet.swift"
    swift_chroot_run swiftc "${swift_common[@]}" -module-name BenchUniffi \
        -Xcc "-fmodule-map-file=$SWIFT_PKG/Sources/GreetFFI/module.modulemap" -I "$SWIFT_OUT" \
        -L "$SWIFT_OUT" -L "$LIB" -lGreet -lgreet -o "$SWIFT_OUT/bench-uniffi" \
        "$ROOT/bench/swift/Timing.swift" "$ROOT/bench/swift/uniffi/main.swift"
    swift_chroot_run swiftc "${swift_common[@]}" -module-name BenchC \
        -Xcc "-fmodule-map-file=$SWIFT_OUT/GreetC/module.modulemap" -L "$LIB" -lgreet_c \
        -o "$SWIFT_OUT/bench-c" "$ROOT/bench/swift/Timing.swift" "$ROOT/bench/swift/c/main.swift"
    # Each approach in its own process: both libraries export uniffi's scaffolding symbols. The
    # malloc thresholds are pinned as for the Python figures (1 MiB buffers reused, not mapped anew).
    swift_chroot_run env GLIBC_TUNABLES="$PINNED_MALLOC" LD_LIBRARY_PATH="$LIB:$SWIFT_OUT" \
        "$SWIFT_OUT/bench-uniffi" "${SWIFT_ARGS[@]}" > "$SWIFT_OUT/uniffi.json"
    swift_chroot_run env GLIBC_TUNABLES="$PINNED_MALLOC" LD_LIBRARY_PATH="$LIB" \
        "$SWIFT_OUT/bench-c" "${SWIFT_ARGS[@]}" > "$SWIFT_OUT/c.json"
    swift_version="$(swift_chroot_run swiftc --version 2>&1 | head -1)"
    "$VENV/bin/python" - "$SWIFT_OUT/uniffi.json" "$SWIFT_OUT/c.json" "$RAW/swift.json" "$swift_version" <<'PY'
import json, sys
parts = [json.load(open(p)) for p in sys.argv[1:3]]
out = {"swift": sys.argv[4], "repeats": parts[0]["repeats"], "target_ms": parts[0]["target_ms"], "cells": {}}
for part in parts:
    out["cells"].update(part["cells"])
json.dump(out, open(sys.argv[3], "w"), indent=1)
for key, cell in out["cells"].items():
    print(f"swift: {key:16} median {cell['median_ns']:12.1f} ns  min {cell['min_ns']:12.1f} ns")
PY
fi
if [[ -n "$swift_gap" ]]; then
    echo "GAP: Swift not measured: $swift_gap"
    printf '{"gap": "%s"}\n' "$swift_gap" > "$RAW/swift.json"
fi
step_done

step "Surface benchmark: BoltFFI's suite of cases through every approach (scripts/bench-surface.sh)"
# Its own report (bench/results/surface.md; --quick: target/bench/surface-quick/). The full run
# installs the BoltFFI CLI into the cache when it is missing; --quick never builds BoltFFI.
bash scripts/bench-surface.sh "${MODE[@]}"
step_done

step "Report: $OUT"
meta_args=(--raw "$RAW" --profile "$PROFILE" --cargo-lock Cargo.lock --loadavg-start "$loadavg_start"
           --elapsed-hint "$(( (SECONDS - measure_started + 30) / 60 )) min")
[[ -n "$jna_jar" ]] && meta_args+=(--jna-jar "$jna_jar")
[[ -n "$kotlin_gap" ]] && meta_args+=(--kotlin-gap "$kotlin_gap")
"${BENCH[@]}" meta "${meta_args[@]}"
"${BENCH[@]}" report --raw "$RAW" --out-dir "$OUT"
step_done

exec {server_stdin}>&-
printf '\nStep times:\n'
printf '  %s\n' "${timings[@]}"
printf '\nDone in %ss: %s/README.md\n' "$((SECONDS - started))" "${OUT#"$ROOT/"}"
