#!/usr/bin/env bash
# Consumer test of the Swift package in dist/swift/Greet: copies tests/packaging/swift/consumer
# into a temporary directory next to a link `dist` -> the repository's dist/, so the consumer
# depends on the package by path (`.package(path: "../dist/swift/Greet")`), then runs
# `swift build` and the built executable inside the Swift chroot (scripts/swift-toolchain.sh):
# no -Xlinker flags, no LD_LIBRARY_PATH. Run as root (the chroot needs it; CI runs as root).
#
# Usage: bash tests/packaging/test-swift.sh
# Environment: GREET_CACHE_DIR (toolchain cache), GREET_KEEP_TMP=1 keeps the temporary directory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
PKG=$ROOT/dist/swift/Greet
[ -f "$PKG/Package.swift" ] || { echo "test-swift: no Swift package at $PKG (run scripts/dist.sh)" >&2; exit 1; }
say() { echo "== swift [dist/swift/Greet]: $*" >&2; }

# shellcheck source=scripts/swift-toolchain.sh
source "$ROOT/scripts/swift-toolchain.sh"
t=$SECONDS
swift_toolchain_ensure
say "toolchain ready ($((SECONDS - t)) s)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/greet-swift-consumer.XXXXXX")
TMP=$(cd "$TMP" && pwd -P)
cleanup() { if [ "${GREET_KEEP_TMP:-}" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi; }
trap cleanup EXIT
cp -R "$ROOT/tests/packaging/swift/consumer" "$TMP/consumer"
ln -s "$ROOT/dist" "$TMP/dist"
# The chroot sees the repository (dist/) and, bound at the same path, the temporary directory.
export SWIFT_CHROOT_BINDS=$TMP
unset LD_LIBRARY_PATH

t=$SECONDS
say "swift build (consumer in $TMP)"
swift_chroot_run swift build --package-path "$TMP/consumer"
say "built ($((SECONDS - t)) s)"

bin=$(swift_chroot_run swift build --package-path "$TMP/consumer" --show-bin-path)/Consumer
say "run $bin"
status=0
swift_chroot_run env -u LD_LIBRARY_PATH "$bin" >"$TMP/out.txt" || status=$?
cat "$TMP/out.txt"
[ "$status" -eq 0 ] || { echo "test-swift: the consumer exited $status" >&2; exit 1; }
if ! diff -u "$ROOT/tests/packaging/expected-output.txt" "$TMP/out.txt" >&2; then
    echo "test-swift: unexpected output (diff above)" >&2
    exit 1
fi
say "passed"
