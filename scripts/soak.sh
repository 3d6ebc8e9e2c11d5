#!/usr/bin/env bash
# Hardening runs of greet (docs/hardening.md): soak with resident-memory growth, threads with
# exact counts, Rust panics through every language (fault-injection build), big and bad input,
# valgrind over a Python run, and the Rust property tests.
#
#   bash scripts/soak.sh            the full runs the issue asks for (1,000,000 greet() calls,
#                                   100,000 Greeter cycles, 8 x 100,000 threads, ...); long
#   bash scripts/soak.sh --quick    the same steps with small counts: what CI runs
#
# Options: --skip STEP[,STEP]  leave out steps (rust, python, valgrind, kotlin, swift)
#          --report FILE       write the figures there instead
# Figures go to stdout and to target/soak/report-{quick,full}.txt, each under the command that
# produced it. Exits 1 if any check failed; no check compares a duration with a threshold
# (thread joins have generous hang guards only).
#
# The fault-injection libraries are built with `cargo build -p greet -p greet-python-native
# -p greet-kotlin-jni -p greet-c --features greet/fault-injection` in their own target directory
# (target/fault-build, shared with scripts/test-c.sh, so target/debug never changes features) and
# copied to target/fault/ (libgreet.so, libgreet_native.so, libgreet_jni.so); they are rebuilt
# only when their sources changed.
#
# Environment: GREET_CACHE_DIR (toolchains, see kotlin-toolchain.sh, swift-toolchain.sh),
# GREET_PYTHON (default python3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

MODE=full
SKIP=","
REPORT_ARG=""
while (($#)); do
    case "$1" in
        --quick) MODE=quick ;;
        --skip) SKIP=",${2:?--skip needs a list},"; shift ;;
        --report) REPORT_ARG=${2:?--report needs a file}; shift ;;
        -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "soak: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
skipped() { [[ "$SKIP" == *",$1,"* ]]; }

if [[ $MODE == full ]]; then
    GREET_CALLS=1000000 CYCLES=100000 SAMPLES=20 THREAD_CALLS=100000 ASYNC_CALLS=10000 PANICS=8000
    BIG_MIB=64 LEAK_CALLS=100 VG_ROUNDS="4 16" PROPTEST=20000 JAVA_BIG_HEAP=2g
else
    GREET_CALLS=20000 CYCLES=2000 SAMPLES=5 THREAD_CALLS=1000 ASYNC_CALLS=100 PANICS=800
    BIG_MIB=8 LEAK_CALLS=20 VG_ROUNDS="2" PROPTEST=1000 JAVA_BIG_HEAP=512m
fi

OUT=target/soak
mkdir -p "$OUT"
REPORT="${REPORT_ARG:-$OUT/report-$MODE.txt}"
: > "$REPORT"
started=$SECONDS
FAILED=()
export RUST_BACKTRACE=0 # every injected panic would print a backtrace

log() { printf '\n==> %s\n' "$*" >&2; }
record() { printf '%s\n' "$*" >> "$REPORT"; }

# run NAME CMD...: runs CMD, shows its figures, appends them to the report under the command;
# the full output goes to target/soak/NAME.log.
run() {
    local name=$1; shift
    local logf="$OUT/$name.log" t0=$SECONDS status=0
    log "$name: $*"
    "$@" > "$logf" 2>&1 || status=$?
    record "\$ $*"
    grep -E '^(python|kotlin|swift|valgrind|rust)\.|^test result:' "$logf" | tee -a "$REPORT" || true
    record "  ($((SECONDS - t0)) s, exit $status)"
    record ""
    if ((status != 0)); then
        FAILED+=("$name")
        echo "soak: $name FAILED (exit $status); last lines of $logf:" >&2
        tail -n 30 "$logf" >&2
    fi
    echo "    ($((SECONDS - t0)) s)" >&2
}

record "# greet hardening figures, $MODE run ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg))"
record ""

# --- libraries ------------------------------------------------------------------------------
log "build target/debug/libgreet.so and the fault-injection library target/fault/libgreet.so"
MAGIC="greet-fault-injection:panic"
fault_stale() {
    [[ ! -f target/fault/libgreet.so || ! -f target/fault/libgreet_native.so || ! -f target/fault/libgreet_jni.so ]] && return 0
    [[ -n "$(find src build.rs greet.udl Cargo.toml Cargo.lock generated/python-native/src generated/kotlin-jni/src -newer target/fault/libgreet_native.so -print -quit)" ]]
}
mkdir -p target/fault
(
    flock 9
    if fault_stale; then
        # The library and the in-process backends' glue, all with the hook, in a target directory
        # of their own (the same command as scripts/test-c.sh: one build serves both).
        CARGO_TARGET_DIR=target/fault-build cargo build -q --locked --features greet/fault-injection \
            -p greet -p greet-python-native -p greet-kotlin-jni -p greet-c
        for lib in libgreet.so libgreet_native.so libgreet_jni.so; do
            cp "target/fault-build/debug/$lib" "target/fault/$lib.tmp"
            grep -q "$MAGIC" "target/fault/$lib.tmp" || { echo "soak: the fault build of $lib has no hook" >&2; exit 1; }
            mv "target/fault/$lib.tmp" "target/fault/$lib"
        done
    fi
) 9> target/fault/.lock
for lib in libgreet.so libgreet_native.so libgreet_jni.so; do
    if grep -q "$MAGIC" "target/debug/$lib"; then
        echo "soak: target/debug/$lib still has the fault-injection hook" >&2
        exit 1
    fi
done
# The Python module next to each library (the generated module loads libgreet.so from its dir).
for d in "$OUT/python:target/debug" "target/fault/python:target/fault"; do
    dir=${d%%:*} lib=${d##*:}
    mkdir -p "$dir"
    cp generated/python/greet.py "$dir/greet.py"
    cp "$lib/libgreet.so" "$dir/libgreet.so"
done
# The native backend's package: generated/python-native/greet with its extension as _native.so.
for d in "$OUT/python-native:target/debug" "target/fault/python-native:target/fault"; do
    dir=${d%%:*} lib=${d##*:}
    rm -rf "$dir" && mkdir -p "$dir/greet"
    cp generated/python-native/greet/*.py "$dir/greet/"
    cp "$lib/libgreet_native.so" "$dir/greet/_native.so"
done

# --- Rust -----------------------------------------------------------------------------------
if ! skipped rust; then
    record "rust.properties.cases_per_property: $PROPTEST"
    run rust-properties env PROPTEST_CASES=$PROPTEST cargo test -q -p greet --locked --test properties
fi

# --- Python ---------------------------------------------------------------------------------
PY=${GREET_PYTHON:-python3}
SOAK_PY=tests/soak/soak.py
if ! skipped python; then
    run python-soak "$PY" "$SOAK_PY" --module-dir "$OUT/python" soak --greet-calls $GREET_CALLS --cycles $CYCLES --samples $SAMPLES
    run python-threads "$PY" "$SOAK_PY" --module-dir "$OUT/python" threads --threads 8 --calls $THREAD_CALLS --async-calls $ASYNC_CALLS
    run python-fault "$PY" "$SOAK_PY" --module-dir target/fault/python fault --panics $PANICS
    run python-inputs "$PY" "$SOAK_PY" --module-dir "$OUT/python" inputs --big-mib $BIG_MIB --leak-calls $LEAK_CALLS
    # The same soak and threads through the native (PyO3) backend.
    run python-native-soak "$PY" "$SOAK_PY" --module-dir "$OUT/python-native" --label python.native soak --greet-calls $GREET_CALLS --cycles $CYCLES --samples $SAMPLES
    run python-native-threads "$PY" "$SOAK_PY" --module-dir "$OUT/python-native" --label python.native threads --threads 8 --calls $THREAD_CALLS --async-calls $ASYNC_CALLS
    run python-native-fault "$PY" "$SOAK_PY" --module-dir target/fault/python-native --label python.native fault --panics $PANICS
fi

# --- valgrind over Python ---------------------------------------------------------------------
if ! skipped valgrind; then
    if ! command -v valgrind >/dev/null; then
        log "installing valgrind (apt)"
        sudo=(); [[ $(id -u) == 0 ]] || sudo=(sudo)
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q valgrind >&2 \
            || { "${sudo[@]}" apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q valgrind >&2; }
    fi
    # The real interpreter, not a pyenv/venv shim script.
    PY_REAL=$("$PY" -c 'import os, sys; print(os.path.realpath(sys.executable))')
    VG=(valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect,possible
        --num-callers=50 --xml=yes)
    vg() { # vg LABEL [--expect-greet-leak] -- PYTHON ARGS...
        local label=$1 expect=(); shift
        [[ $1 == --expect-greet-leak ]] && { expect=(--expect-greet-leak); shift; }
        shift # --
        echo "valgrind.$label.command: PYTHONMALLOC=malloc ${VG[*]} --xml-file=$OUT/valgrind-$label.xml $PY_REAL $*"
        env PYTHONMALLOC=malloc "${VG[@]}" --xml-file="$OUT/valgrind-$label.xml" "$PY_REAL" "$@" \
            && "$PY" tests/soak/valgrind_report.py "$OUT/valgrind-$label.xml" --label "$label" "${expect[@]}"
    }
    for rounds in $VG_ROUNDS; do
        run "valgrind-workload-$rounds" vg "workload_${rounds}_rounds" -- "$SOAK_PY" --module-dir "$OUT/python" workload --rounds "$rounds"
    done
    if [[ $MODE == full ]]; then
        run valgrind-interpreter-only vg interpreter_only -- -c "import sys; sys.path.insert(0, '$OUT/python'); import greet"
        run valgrind-fault vg fault_injection_panics -- "$SOAK_PY" --module-dir target/fault/python fault --panics 80
        run valgrind-known-leak-control vg known_leak_control --expect-greet-leak -- "$SOAK_PY" --module-dir "$OUT/python" leak-control --leak-calls 10
    fi
fi

# --- Kotlin -----------------------------------------------------------------------------------
# The same soak, threads, panics and inputs through both Kotlin backends: uniffi's bindings over
# JNA (generated/kotlin) and the JNI backend (generated/kotlin-jni). HardeningSoak is compiled
# into each backend's test classes by the one Maven build (scripts/test-kotlin.sh made it when it
# ran before; otherwise it is built here without running the tests).
if ! skipped kotlin; then
    log "Kotlin: the Maven build's test classes (tests/kotlin/greet-uniffi, greet-jni)"
    # shellcheck source=scripts/kotlin-toolchain.sh
    source scripts/kotlin-toolchain.sh
    greet_kotlin_package
    MAIN=greettest.HardeningSoakKt
    for backend in uniffi jni; do
        M=target/maven/greet-$backend
        JCP="$M/classes:$M/test-classes:$(cat "$M/test-classpath.txt")"
        lib_flags() { echo "-Djna.library.path=$1 -Djava.library.path=$1"; }
        # A fixed, pre-touched heap: resident-memory growth is then native memory, not heap growth.
        JVM=(java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseSerialGC)
        # shellcheck disable=SC2046
        run "kotlin-$backend-soak" "${JVM[@]}" $(lib_flags target/debug) -cp "$JCP" $MAIN soak --greet-calls $GREET_CALLS --cycles $CYCLES --samples $SAMPLES
        if [[ $backend == uniffi ]]; then
            # Workers pause every 5,000 calls until JNA's Cleaner caught up (docs/hardening.md, Known gaps).
            # shellcheck disable=SC2046
            run kotlin-uniffi-threads java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC $(lib_flags target/debug) \
                -cp "$JCP" $MAIN threads --threads 8 --calls $THREAD_CALLS --async-calls $ASYNC_CALLS --drain-every 5000
            if [[ $MODE == full ]]; then # the same without pauses: how far JNA's Cleaner falls behind
                # shellcheck disable=SC2046
                run kotlin-uniffi-threads-unpaused java -Xms2g -Xmx2g -XX:+UseSerialGC $(lib_flags target/debug) \
                    -cp "$JCP" $MAIN threads --threads 8 --calls 20000 --async-calls 1000 --drain-every 0
            fi
        else
            # Nothing per call waits for a background thread: no pauses, and a heap of 256 MiB.
            # shellcheck disable=SC2046
            run kotlin-jni-threads "${JVM[@]}" $(lib_flags target/debug) \
                -cp "$JCP" $MAIN threads --threads 8 --calls $THREAD_CALLS --async-calls $ASYNC_CALLS --drain-every 0
        fi
        # shellcheck disable=SC2046
        run "kotlin-$backend-fault" "${JVM[@]}" $(lib_flags target/fault) -cp "$JCP" $MAIN fault --panics $PANICS
        # shellcheck disable=SC2046
        run "kotlin-$backend-inputs" java -Xms$JAVA_BIG_HEAP -Xmx$JAVA_BIG_HEAP -XX:+AlwaysPreTouch -XX:+UseSerialGC \
            $(lib_flags target/debug) -cp "$JCP" $MAIN inputs --big-mib $BIG_MIB --leak-calls $LEAK_CALLS
    done
fi

# --- Swift: panics through the Swift bindings ----------------------------------------------------
if ! skipped swift; then
    if [[ -f scripts/swift-toolchain.sh && $(id -u) == 0 ]]; then
        # shellcheck source=scripts/swift-toolchain.sh
        source scripts/swift-toolchain.sh
        log "Swift toolchain (chroot)"
        swift_toolchain_ensure
        SW=$ROOT/$OUT/swift
        FAULT_LIB=$ROOT/target/fault
        PKG=$ROOT/generated/swift
        mkdir -p "$SW"
        common=(-Xcc "-fmodule-map-file=$PKG/Sources/GreetFFI/module.modulemap" -module-cache-path "$SW/module-cache" -L "$FAULT_LIB")
        build_swift() {
            swift_chroot_run swiftc -emit-library -emit-module -module-name Greet -emit-module-path "$SW/Greet.swiftmodule" \
                -o "$SW/libGreet.so" "${common[@]}" -lgreet "$PKG/Sources/Greet/Greet.swift" &&
            swift_chroot_run swiftc -module-name GreetFault -o "$SW/greet-swift-fault" "${common[@]}" -I "$SW" -L "$SW" \
                -lGreet -lgreet -Xlinker -rpath -Xlinker "$SW" "$ROOT/tests/soak/swift/fault.swift" &&
            echo "swift.fault.build: swiftc Greet.swift -> $SW/libGreet.so; swiftc tests/soak/swift/fault.swift -> $SW/greet-swift-fault (linked against target/fault/libgreet.so)"
        }
        run swift-fault-build build_swift
        run swift-fault swift_chroot_run env LD_LIBRARY_PATH="$FAULT_LIB" GREET_FAULT_PANICS=$PANICS "$SW/greet-swift-fault"
    else
        echo "swift.fault: skipped (needs scripts/swift-toolchain.sh and root)" | tee -a "$REPORT"
    fi
fi

record "# wall time: $((SECONDS - started)) s"
printf '\nsoak (%s): %s s; figures in %s\n' "$MODE" "$((SECONDS - started))" "$REPORT" >&2
if ((${#FAILED[@]})); then
    echo "soak: FAILED: ${FAILED[*]}" >&2
    exit 1
fi
echo "soak: all checks passed" >&2
