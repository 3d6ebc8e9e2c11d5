#!/usr/bin/env bash
# The Swift side of the surface benchmark (bench/surface): BoltFFI's suite of cases through
# uniffi's Swift bindings (swift-uniffi), through the C header this workspace generates
# (swift-c, imported with a module map), and, in the full run, through BoltFFI's Swift bindings
# (swift-boltffi). Swift runs in the Debian trixie chroot of scripts/swift-toolchain.sh.
#
#   bash bench/surface/swift/run.sh           release builds, swiftc -O, 7 rounds of ~100 ms samples
#   bash bench/surface/swift/run.sh --quick   debug builds, swiftc -Onone, 3 rounds of ~2 ms samples,
#                                             no BoltFFI (CI: part of scripts/bench.sh --quick)
#
# Writes $SURFACE_OUT/swift.json (default target/bench-surface-swift/<profile>/out): for every
# (case, approach) the median and minimum ns per operation over the rounds (format:
# bench/surface/README.md). Each approach is its own program (uniffi's library and the C API's
# both export uniffi's scaffolding symbols; BoltFFI's build of the crate has the same file
# name), so the programs alternate, one round each: BoltFFI, uniffi, C, BoltFFI, ... Every
# program checks every result before and after timing and exits 1 on a wrong one; so does this
# script. Everything built goes under target/ (generated bindings in target/bench-surface-swift/).
# Environment: SURFACE_OUT; BOLTFFI (the CLI, default ~/.cache/greet/boltffi/bin/boltffi);
# GREET_BINDGEN (a prebuilt greet-bindgen instead of `cargo build -p uniffi-bindgen`).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../../.." && pwd -P)"
cd "$ROOT"

QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h|--help) sed -n '2,19p' "$HERE/run.sh" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
    esac
done
if ((QUICK)); then
    PROFILE=debug; CARGO_PROFILE=(); SWIFT_OPT=(-Onone); ROUNDS=3; TARGET_MS=2
else
    PROFILE=release; CARGO_PROFILE=(--release); SWIFT_OPT=(-O -wmo); ROUNDS=7; TARGET_MS=100
fi
CACHE="${GREET_CACHE_DIR:-${HOME:?HOME is not set}/.cache/greet}"
BOLTFFI="${BOLTFFI:-$CACHE/boltffi/bin/boltffi}"
LIB="$ROOT/target/$PROFILE"
W="$ROOT/target/bench-surface-swift/$PROFILE"
GEN="$W/gen"
OUT="${SURFACE_OUT:-$W/out}"
mkdir -p "$W" "$OUT"
log() { printf "swift-surface [%ss]: %s\n" "$SECONDS" "$*" >&2; }

# ---- Rust: the component (uniffi export), the bindings, the C API's library ---------------------
log "building bench-surface ($PROFILE) and the bindings"
if [[ -z "${GREET_BINDGEN:-}" ]]; then # a prebuilt CLI may be given instead
    # The CLI (always debug: it only reads the library) and the crate in debug, as
    # scripts/test.sh builds the workspace (one feature set: nothing compiled twice).
    cargo build -q --locked --workspace --all-targets
fi
if ((!QUICK)) || [[ -n "${GREET_BINDGEN:-}" ]]; then
    cargo build -q --locked -p bench-surface "${CARGO_PROFILE[@]}"
fi
"${GREET_BINDGEN:-$ROOT/target/debug/greet-bindgen}" generate --crate bench-surface --language swift --language c \
    --out-dir "$GEN" "${CARGO_PROFILE[@]}" >/dev/null
# The generated C crate is a workspace of its own: pin it to the workspace's versions and share
# target/, so the component and uniffi are not compiled twice.
cp "$ROOT/Cargo.lock" "$GEN/c/Cargo.lock"
CARGO_TARGET_DIR="$ROOT/target" cargo build -q --manifest-path "$GEN/c/Cargo.toml" "${CARGO_PROFILE[@]}"

# ---- Swift: three programs in the chroot -----------------------------------------------------
# shellcheck source=scripts/swift-toolchain.sh
source "$ROOT/scripts/swift-toolchain.sh"
if ! (swift_toolchain_ensure); then
    # As scripts/bench.sh does for greet(): say so instead of failing the other languages' run.
    gap="the Swift toolchain (a Debian trixie chroot, scripts/swift-toolchain.sh) could not be built here"
    log "GAP: Swift not measured: $gap"
    printf '{"language": "swift", "versions": {}, "machine": "", "quick": %s, "gap": "%s", "results": []}\n' \
        "$( ((QUICK)) && echo true || echo false)" "$gap" > "$OUT/swift.json"
    exit 0
fi
SWIFT_VERSION="$(swift_chroot_run swiftc --version 2>&1 | head -n 1)"
COMMON=("${SWIFT_OPT[@]}" -module-cache-path "$W/module-cache")
HARNESS=("$ROOT/bench/swift/Timing.swift" "$HERE/Surface.swift")
FFI_MAP="$GEN/swift/Sources/bench_surfaceFFI/module.modulemap"
mkdir -p "$W/BenchSurfaceC"
printf 'module BenchSurfaceC {\n    header "%s"\n    link "bench_surface_c"\n    export *\n}\n' \
    "$GEN/c/bench_surface.h" > "$W/BenchSurfaceC/module.modulemap"

log "compiling the Swift programs (${SWIFT_OPT[*]})"
swift_chroot_run swiftc "${COMMON[@]}" -emit-library -emit-module -module-name bench_surface \
    -emit-module-path "$W/bench_surface.swiftmodule" -o "$W/libbench_surface_swift.so" \
    -Xcc "-fmodule-map-file=$FFI_MAP" -L "$LIB" -lbench_surface \
    "$GEN/swift/Sources/bench_surface/bench_surface.swift"
swift_chroot_run swiftc "${COMMON[@]}" -module-name SurfaceUniffi -Xcc "-fmodule-map-file=$FFI_MAP" \
    -I "$W" -L "$W" -L "$LIB" -lbench_surface_swift -lbench_surface -o "$W/surface-uniffi" \
    "${HARNESS[@]}" "$HERE/api/main.swift"
swift_chroot_run swiftc "${COMMON[@]}" -module-name SurfaceC \
    -Xcc "-fmodule-map-file=$W/BenchSurfaceC/module.modulemap" -L "$LIB" -lbench_surface_c \
    -o "$W/surface-c" "${HARNESS[@]}" "$HERE/c/main.swift"

APPROACHES=(uniffi c)
declare -A LIBPATH=([uniffi]="$LIB:$W" [c]="$LIB")
BOLTFFI_NOTE=""
BOLTFFI_VERSION=""

# BoltFFI (full run only): the crate's `boltffi` feature build, in the target dir the other
# surface harnesses use for it, and `boltffi generate swift` (BenchSurfaceBoltFFI.swift over
# boltffi.h, imported as module BenchSurfaceFFI, which links libbench_surface).
boltffi_swift() {
    local bt="$ROOT/target/bench/boltffi-target" bg="$W/boltffi-gen" errs="$W/boltffi-errors.log"
    [[ -x "$BOLTFFI" ]] || { BOLTFFI_NOTE="the BoltFFI CLI is not installed at $BOLTFFI (scripts/bench-surface.sh installs it)"; return 1; }
    BOLTFFI_VERSION="$("$BOLTFFI" --version | awk '{print $2}')"
    log "BoltFFI $BOLTFFI_VERSION: building the crate's boltffi feature and its Swift bindings"
    CARGO_TARGET_DIR="$bt" cargo build -q --locked -p bench-surface --release --no-default-features --features boltffi \
        || { BOLTFFI_NOTE="cargo build --features boltffi failed"; return 1; }
    rm -rf "$bg"
    (cd "$ROOT/bench/surface" && "$BOLTFFI" -q generate swift -o "$bg" \
        --cargo-arg=--no-default-features --cargo-arg=--features=boltffi) >"$errs" 2>&1 \
        || { BOLTFFI_NOTE="boltffi generate swift failed: $(grep -m1 -i error "$errs")"; return 1; }
    mkdir -p "$bg/BenchSurfaceFFI"
    printf 'module BenchSurfaceFFI {\n    header "%s"\n    link "bench_surface"\n    export *\n}\n' \
        "$bg/boltffi.h" > "$bg/BenchSurfaceFFI/module.modulemap"
    local map=(-Xcc "-fmodule-map-file=$bg/BenchSurfaceFFI/module.modulemap")
    if ! swift_chroot_run swiftc "${COMMON[@]}" -emit-library -emit-module -module-name BenchSurface \
            -emit-module-path "$W/BenchSurface.swiftmodule" -o "$W/libBenchSurface.so" "${map[@]}" \
            -L "$bt/release" -lbench_surface "$bg/BenchSurfaceBoltFFI.swift" >"$errs" 2>&1 \
       || ! swift_chroot_run swiftc "${COMMON[@]}" -DBOLTFFI -module-name SurfaceBoltFFI "${map[@]}" \
            -I "$W" -L "$W" -L "$bt/release" -lBenchSurface -lbench_surface -o "$W/surface-boltffi" \
            "${HARNESS[@]}" "$HERE/api/main.swift" >>"$errs" 2>&1; then
        cat "$errs" >&2
        BOLTFFI_NOTE="BoltFFI's Swift does not compile with Linux swiftc ($SWIFT_VERSION): $(grep -m1 'error:' "$errs" | sed 's|^.*/||')"
        return 1
    fi
    LIBPATH[boltffi]="$bt/release:$W"
}
if ((!QUICK)); then
    if boltffi_swift; then
        APPROACHES=(boltffi uniffi c)
    else
        log "BoltFFI's Swift is not measured: $BOLTFFI_NOTE"
    fi
fi

# ---- rounds: the programs alternate --------------------------------------------------------
RAW="$W/raw"
rm -rf "$RAW"; mkdir -p "$RAW"
for ((r = 0; r < ROUNDS; r++)); do
    for a in "${APPROACHES[@]}"; do
        if ! swift_chroot_run env LD_LIBRARY_PATH="${LIBPATH[$a]}" "$W/surface-$a" 1 "$TARGET_MS" "$r" \
            > "$RAW/$a-$r.json"; then
            log "error: surface-$a failed (round $r)"; exit 1
        fi
    done
    log "round $((r + 1))/$ROUNDS done"
done

python3 - "$RAW" "$OUT/swift.json" "$SWIFT_VERSION" "$BOLTFFI_VERSION" "$BOLTFFI_NOTE" "$PROFILE" "${APPROACHES[*]}" <<'PY'
import json, os, platform, re, statistics, subprocess, sys
raw, out, swift, boltffi, boltffi_note, profile, approaches = sys.argv[1:8]
approaches = approaches.split()
samples = {}  # (case, approach) -> [ns]
order = []
for name in sorted(os.listdir(raw)):
    part = json.load(open(os.path.join(raw, name)))
    approach = part["approach"]
    for case, cell in part["cases"].items():
        if case not in order:
            order.append(case)
        samples.setdefault((case, approach), []).extend(cell["ns"])
lock = open("Cargo.lock").read()
uniffi = re.search(r'name = "uniffi"\nversion = "([^"]+)"', lock)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
results = []
for case in order:
    for approach in ["swift-boltffi", "swift-uniffi", "swift-c"]:
        ns = samples.get((case, approach))
        if ns:
            results.append({"case": case, "approach": approach, "median_ns": round(statistics.median(ns), 3),
                            "min_ns": round(min(ns), 3), "instructions": None, "note": None})
        elif approach == "swift-boltffi" and boltffi_note:
            results.append({"case": case, "approach": approach, "median_ns": None, "min_ns": None,
                            "instructions": None, "note": boltffi_note})
doc = {
    "language": "swift",
    "versions": {"swift": swift, "uniffi": uniffi.group(1) if uniffi else None,
                 "boltffi": boltffi or None, "rustc": rustc, "profile": profile},
    "machine": f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
    "method": f"one program per approach ({', '.join('swift-' + a for a in approaches)}), alternating, one round "
              "each in turn; per round one sample of about target_ms per case; median and min over the rounds",
    "loadavg_end": open("/proc/loadavg").read().split()[:3],
    "quick": profile == "debug",
    "rounds": len([n for n in os.listdir(raw) if n.startswith(approaches[0] + "-")]),
    "results": results,
}
if boltffi_note:
    doc["notes"] = {"swift-boltffi": boltffi_note}
json.dump(doc, open(out, "w"), indent=1)
width = max(len(c) for c in order)
print(f"{'case':{width}}  " + "  ".join(f"{a:>14}" for a in ["swift-boltffi", "swift-uniffi", "swift-c"]))
for case in order:
    cells = []
    for a in ["swift-boltffi", "swift-uniffi", "swift-c"]:
        ns = samples.get((case, a))
        cells.append(f"{statistics.median(ns):14.1f}" if ns else f"{'-':>14}")
    print(f"{case:{width}}  " + "  ".join(cells))
print(f"(median ns per operation; {out})")
PY
