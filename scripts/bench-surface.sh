#!/usr/bin/env bash
# The surface benchmark (issue 22): BoltFFI's suite of cases, one Rust crate (bench/surface)
# exported through BoltFFI 0.32.1 and through uniffi 0.32, called from Python (BoltFFI's package,
# the generated native backend, the generated CFFI module, stock uniffi), and, when their
# harnesses exist, from the JVM (bench/surface/jvm/run.sh) and Swift (bench/surface/swift/run.sh).
# See bench/surface/README.md.
#
#   bash scripts/bench-surface.sh                 release build, full counts, BoltFFI included;
#                                                 writes bench/results/surface.{md,json,svg}
#   bash scripts/bench-surface.sh --quick         debug build, tiny counts, no BoltFFI (CI);
#                                                 writes target/bench/surface-quick/
#   --only python|jvm|swift (repeatable)          run only these languages (the report keeps the
#                                                 other languages' rows of bench/results/surface.json)
#
# The full run installs the BoltFFI CLI (cargo install boltffi_cli 0.32.1, ~25 min on 2 cores)
# into ${GREET_CACHE_DIR:-~/.cache/greet}/boltffi when it is missing, and builds the crate with
# its `boltffi` feature in target/bench/boltffi-target. Fails on any wrong result; no timing
# thresholds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

QUICK=0
ONLY=()
while (($#)); do
    case "$1" in
        --quick) QUICK=1 ;;
        --only)
            [[ $# -ge 2 ]] || { echo "bench-surface.sh: --only needs python, jvm or swift" >&2; exit 2; }
            case "$2" in python|jvm|swift) ONLY+=("$2") ;; *) echo "bench-surface.sh: unknown language '$2'" >&2; exit 2 ;; esac
            shift ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-surface.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done
wanted() { ((${#ONLY[@]} == 0)) || [[ " ${ONLY[*]} " == *" $1 "* ]]; }

CACHE="${GREET_CACHE_DIR:-${HOME:?HOME is not set}/.cache/greet}"
VENV="$CACHE/bench-venv"
BOLTFFI_VERSION=0.32.1
BOLTFFI_ROOT="$CACHE/boltffi"
BOLTFFI="$BOLTFFI_ROOT/bin/boltffi"
if ((QUICK)); then
    PROFILE=debug; CARGO_PROFILE=(); GEN_PROFILE=(); MODE=(--quick)
    WORK="$ROOT/target/bench/surface-quick"; OUT_DIR="$WORK"; REPORT_DIR="$WORK"
else
    PROFILE=release; CARGO_PROFILE=(--release); GEN_PROFILE=(--release); MODE=()
    WORK="$ROOT/target/bench/surface"; OUT_DIR="$WORK/raw"; REPORT_DIR="$ROOT/bench/results"
fi
LIB="$ROOT/target/$PROFILE"
GEN="$WORK/gen"      # generated bindings (never committed)
STAGE="$WORK/stage"  # one folder per approach, each holding a `bench_surface` package or module
started=$SECONDS
step() { printf '\n==> bench-surface: %s\n' "$*"; }

mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR/python.json" "$OUT_DIR/jvm.json" "$OUT_DIR/swift.json"

step "Python venv ($VENV)"
if ! "$VENV/bin/python" -c 'import cffi, setuptools' 2>/dev/null; then
    # scripts/bench.sh makes this venv with more in it; the surface benchmark needs only cffi.
    mkdir -p "$CACHE"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check 'cffi>=2,<3' 'setuptools>=70'
fi
PY="$VENV/bin/python"

if wanted python; then
    step "Build ($PROFILE): bench-surface (uniffi) and greet-bindgen"
    # The CLI and the crate in debug as scripts/test.sh builds the workspace (one feature set:
    # nothing compiled twice, and a no-op after it); the crate in release for the full run.
    cargo build --locked --workspace --all-targets
    ((QUICK)) || cargo build --release --locked -p bench-surface

    step "Generate and build: native backend, C API + CFFI module, stock uniffi Python"
    rm -rf "$GEN" "$STAGE"
    BINDGEN=("$ROOT/target/debug/greet-bindgen" generate --crate bench-surface "${GEN_PROFILE[@]}")
    (cd bench/surface &&
        "${BINDGEN[@]}" --language python --python-backend native --out-dir "$GEN/native" >/dev/null &&
        "${BINDGEN[@]}" --language c --out-dir "$GEN/cffi" >/dev/null &&
        "${BINDGEN[@]}" --language python --python-backend uniffi --out-dir "$GEN/uniffi" >/dev/null)
    # The glue crates are workspaces of their own: the workspace's lock file pins the same
    # versions, and the shared target dir reuses the workspace's builds of uniffi and pyo3.
    for crate in "$GEN/native/python-native" "$GEN/cffi/c"; do
        cp Cargo.lock "$crate/Cargo.lock"
        cargo build "${CARGO_PROFILE[@]}" --quiet --manifest-path "$crate/Cargo.toml" --target-dir "$ROOT/target"
    done
    mkdir -p "$STAGE/native" "$STAGE/cffi" "$STAGE/uniffi"
    cp -r "$GEN/native/python-native/bench_surface" "$STAGE/native/"
    cp "$LIB/libbench_surface_native.so" "$STAGE/native/bench_surface/_native.so"
    cp -r "$GEN/cffi/python-cffi/bench_surface" "$STAGE/cffi/"
    cp "$LIB/libbench_surface_c.so" "$STAGE/cffi/bench_surface/"
    "$PY" "$GEN/cffi/python-cffi/build_cffi.py" --lib-dir "$LIB" --out-dir "$STAGE/cffi" >/dev/null
    cp "$GEN/uniffi/python/bench_surface.py" "$LIB/libbench_surface.so" "$STAGE/uniffi/"
    APPROACHES=(--approach "native=$STAGE/native/bench_surface" --approach "cffi=$STAGE/cffi/bench_surface"
                --approach "uniffi=$STAGE/uniffi/bench_surface.py")
    UNIFFI_VERSION="$(grep -A1 '^name = "uniffi"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p' | head -1)"
    # The generator's state: the commit, and whether uniffi-bindgen/ had uncommitted changes.
    BINDGEN_STATE="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    git diff --quiet HEAD -- uniffi-bindgen 2>/dev/null || BINDGEN_STATE+=" + uncommitted changes in uniffi-bindgen/"
    VERSIONS=(--version "uniffi=$UNIFFI_VERSION" --version "greet-bindgen=$BINDGEN_STATE")

    if ((!QUICK)); then
        step "BoltFFI $BOLTFFI_VERSION: CLI, then its Python package of bench-surface (feature boltffi)"
        if [[ ! -x "$BOLTFFI" ]] || [[ "$("$BOLTFFI" --version 2>/dev/null)" != "boltffi $BOLTFFI_VERSION" ]]; then
            mkdir -p "$BOLTFFI_ROOT"
            # One install at a time per cache; a second run waits, then finds it installed.
            (
                flock 9
                if [[ ! -x "$BOLTFFI" ]] || [[ "$("$BOLTFFI" --version 2>/dev/null)" != "boltffi $BOLTFFI_VERSION" ]]; then
                    echo "installing boltffi_cli $BOLTFFI_VERSION into $BOLTFFI_ROOT (about 25 min on 2 cores)"
                    cargo install boltffi_cli --version "$BOLTFFI_VERSION" --root "$BOLTFFI_ROOT" --locked
                fi
            ) 9>"$BOLTFFI_ROOT/.install.lock"
        fi
        rm -rf "$ROOT/target/bench/boltffi/python"
        # Its own target dir (BoltFFI's feature set); CARGO_TARGET_DIR because boltffi passes
        # --cargo-arg values to `cargo metadata` too, which rejects --target-dir.
        (cd bench/surface && CARGO_TARGET_DIR="$ROOT/target/bench/boltffi-target" "$BOLTFFI" \
            --cargo-arg=--locked --cargo-arg=--no-default-features --cargo-arg=--features --cargo-arg=boltffi \
            pack python --release)
        wheel="$(ls "$ROOT"/target/bench/boltffi/python/wheelhouse/bench_surface-*.whl | head -1)"
        mkdir -p "$STAGE/boltffi"
        "$PY" -m zipfile -e "$wheel" "$STAGE/boltffi"
        APPROACHES=(--approach "boltffi=$STAGE/boltffi/bench_surface" "${APPROACHES[@]}")
        VERSIONS+=(--version "boltffi=$BOLTFFI_VERSION")
    fi

    step "Python: every approach interleaved in one process"
    CALLGRIND=(--callgrind)
    if ! command -v valgrind >/dev/null 2>&1; then
        ((QUICK)) || { echo "bench-surface.sh: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
        echo "bench-surface.sh: no valgrind: --quick runs without instruction counts"
        CALLGRIND=()
    fi
    # Malloc thresholds pinned as in scripts/bench.sh: big buffers reused, not mapped afresh.
    GLIBC_TUNABLES="glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456" \
        "$PY" bench/surface/python/surface.py run "${MODE[@]}" "${CALLGRIND[@]}" "${APPROACHES[@]}" \
        "${VERSIONS[@]}" --out "$OUT_DIR/python.json"
fi

for lang in jvm swift; do
    wanted "$lang" || continue
    if [[ -f "bench/surface/$lang/run.sh" ]]; then
        step "$lang: bench/surface/$lang/run.sh"
        SURFACE_OUT="$OUT_DIR" bash "bench/surface/$lang/run.sh" "${MODE[@]}"
        [[ -s "$OUT_DIR/$lang.json" ]] || { echo "bench-surface.sh: $lang/run.sh wrote no $OUT_DIR/$lang.json" >&2; exit 1; }
    else
        echo "bench-surface.sh: no bench/surface/$lang/run.sh yet: $lang not measured"
    fi
done

step "Report: $REPORT_DIR"
report_args=(--raw "$OUT_DIR" --out-dir "$REPORT_DIR")
# A partial run (--only) keeps the other languages' rows of the committed results.
((QUICK)) || report_args+=(--previous "$ROOT/bench/results/surface.json")
"$PY" bench/surface/report.py "${report_args[@]}"
printf '\nbench-surface: done in %ss: %s/surface.md\n' "$((SECONDS - started))" "${REPORT_DIR#"$ROOT/"}"
