#!/usr/bin/env bash
# Builds and runs the Swift side of greet inside the Swift chroot (scripts/swift-toolchain.sh):
#   1. compiles the checked-in bindings generated/swift/Sources/Greet/Greet.swift into a module +
#      libGreet.so, linking libgreet,
#   2. compiles tests/swift/*.swift against them and runs the test (API, threads, async, and the
#      conformance corpus),
#   3. builds and runs tests/swift/consumer, a SwiftPM package that depends on generated/swift
#      by path, with `swift build` / `swift run`.
# Everything it writes goes to target/swift-tests and target/swift-consumer; the toolchain is
# cached in ${GREET_CACHE_DIR:-$HOME/.cache/greet}. Run as root (CI does).
#
# Environment:
#   GREET_LIB_DIR  directory holding libgreet.so (default: target/debug, built with cargo first)
#   GREET_CORPUS   conformance corpus (default: tests/conformance/corpus.json)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO"
# shellcheck source=scripts/swift-toolchain.sh
source "$REPO/scripts/swift-toolchain.sh"

step() { echo "== swift: $*" >&2; }
elapsed() { echo "$((SECONDS - $1)) s"; }

if [ -n "${GREET_LIB_DIR:-}" ]; then
    LIB_DIR=$(readlink -f "$GREET_LIB_DIR")
else
    LIB_DIR=$REPO/target/debug
    t=$SECONDS
    step "cargo build -p greet"
    cargo build -q -p greet
    step "cargo build done ($(elapsed "$t"))"
fi
[ -f "$LIB_DIR/libgreet.so" ] || { echo "test-swift: no libgreet.so in $LIB_DIR" >&2; exit 1; }
CORPUS=$(readlink -f "${GREET_CORPUS:-$REPO/tests/conformance/corpus.json}")
[ -f "$CORPUS" ] || { echo "test-swift: no corpus at $CORPUS" >&2; exit 1; }

# Directories outside the repository that the chroot must see at the same path.
binds=()
for dir in "$LIB_DIR" "$(dirname "$CORPUS")"; do
    case "$dir/" in "$REPO"/*) ;; *) binds+=("$dir");; esac
done
SWIFT_CHROOT_BINDS=$(IFS=:; echo "${binds[*]:-}")
export SWIFT_CHROOT_BINDS

t=$SECONDS
step "toolchain"
swift_toolchain_ensure
step "toolchain ready ($(elapsed "$t"))"

PKG=$REPO/generated/swift
MODULEMAP=$PKG/Sources/GreetFFI/module.modulemap # absolute, or clang's module cache complains
OUT=$REPO/target/swift-tests
mkdir -p "$OUT"
common=(-Xcc "-fmodule-map-file=$MODULEMAP" -module-cache-path "$OUT/module-cache" -L "$LIB_DIR")

t=$SECONDS
step "compile bindings -> $OUT/libGreet.so"
swift_chroot_run swiftc -emit-library -emit-module -module-name Greet \
    -emit-module-path "$OUT/Greet.swiftmodule" -o "$OUT/libGreet.so" \
    "${common[@]}" -lgreet "$PKG/Sources/Greet/Greet.swift"
step "bindings compiled ($(elapsed "$t"))"

t=$SECONDS
step "compile tests -> $OUT/greet-swift-tests"
swift_chroot_run swiftc -module-name GreetSwiftTests -o "$OUT/greet-swift-tests" \
    "${common[@]}" -I "$OUT" -L "$OUT" -lGreet -lgreet \
    -Xlinker -rpath -Xlinker "$OUT" "$REPO"/tests/swift/*.swift
step "tests compiled ($(elapsed "$t"))"

t=$SECONDS
step "run tests (corpus: $CORPUS)"
status=0
swift_chroot_run env GREET_CORPUS="$CORPUS" LD_LIBRARY_PATH="$LIB_DIR" "$OUT/greet-swift-tests" || status=$?
step "tests ran ($(elapsed "$t"))"
if [ "$status" -ne 0 ]; then
    echo "test-swift: the Swift test failed (exit $status)" >&2
    exit "$status"
fi

# The consumer package: SwiftPM resolves generated/swift by path, builds its system-library
# target GreetFFI (module.modulemap: link "greet") and Greet, and links libgreet from LIB_DIR.
CONSUMER=$REPO/tests/swift/consumer
SCRATCH=$REPO/target/swift-consumer
t=$SECONDS
step "swift build (consumer package)"
swift_chroot_run swift build --package-path "$CONSUMER" --scratch-path "$SCRATCH" \
    -Xlinker -L"$LIB_DIR"
step "consumer built ($(elapsed "$t"))"
t=$SECONDS
step "swift run (consumer package)"
output=$(swift_chroot_run env LD_LIBRARY_PATH="$LIB_DIR" \
    swift run --skip-build --package-path "$CONSUMER" --scratch-path "$SCRATCH" \
    -Xlinker -L"$LIB_DIR" Consumer)
echo "$output"
step "consumer ran ($(elapsed "$t"))"
if [ "$output" != "Salutations, friend" ]; then
    echo "test-swift: the consumer printed $(printf %q "$output"), expected 'Salutations, friend'" >&2
    exit 1
fi
echo "swift: consumer package OK"
