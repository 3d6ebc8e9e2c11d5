#!/usr/bin/env bash
# Proves the CLI from outside the repository, as a user meets it (issue 19):
#   1. installs it with `cargo install --path uniffi-bindgen --root <temp> --locked --debug`,
#   2. asserts the installed binary names no path of this checkout,
#   3. lays out a user's crate in a temp dir with a git repository of its own: package
#      `inventory-core`, library `inventory`, a proc-macro uniffi 0.32.2 component from
#      crates.io with every item private (tests/outside/Cargo.toml.in, tests/outside/src, and
#      the modules of fixtures/coverage-macros/src: one of each construct the fixtures cover),
#   4. runs tests/outside/scenario.sh in a mount namespace with a tmpfs over this checkout, so
#      nothing of it is reachable: generate every backend, build each glue crate with the
#      documented command, smoke-test each (uniffi's Python, native Python and CFFI with the
#      fixture's own suite, a C program, the gRPC server on 127.0.0.1 and its Python client,
#      the JNI glue built), the user-file scenario (never lose or overwrite a user's file), the
#      stale-library scenario (a changed signature: a clear error, never a segfault), and the
#      crate inside a virtual workspace (--crate by package and by library name).
#
# Usage: bash scripts/test-outside.sh      (OUTSIDE_KEEP=1 keeps the temp dir and its logs)
# Every build here shares one cached target dir, ${GREET_CACHE_DIR:-~/.cache/greet}/outside/target
# (the CLI, the crate and its glue crates: uniffi, PyO3 and tonic compile once); the Python
# packages go to the venv the other test scripts use, ${GREET_CACHE_DIR:-~/.cache/greet}/venv.
# Needs cargo, gcc, python3, git, nm and (as root) unshare; without a mount namespace it says
# SKIP for the isolation and runs the rest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$(pwd -P)
CACHE="${GREET_CACHE_DIR:-$HOME/.cache/greet}"
VENV="$CACHE/venv"
mkdir -p "$CACHE/outside"
CACHE=$(cd "$CACHE" && pwd -P)
# Pinned as in scripts/test-grpc.sh (the generated *_pb2.py need protobuf's runtime 7.36) and
# scripts/test-c.sh.
PY_REQUIREMENTS=('grpcio==1.85.1' 'protobuf==7.36.2' 'googleapis-common-protos==1.76.0' 'pytest>=8,<10'
    'cffi>=2,<3' 'setuptools>=70')

started=$SECONDS
step() { printf '\n==> %s (%ss)\n' "$*" "$((SECONDS - started))"; }
under_repo() { case "$1/" in "$REPO"/*) return 0 ;; *) return 1 ;; esac; }

# One run at a time per cache: a second run would remove what this one is building (below).
exec 9>"$CACHE/outside/.lock"
if ! flock -n 9; then
    echo "test-outside.sh: another run holds $CACHE/outside/.lock; waiting for it"
    flock 9
fi

# One target dir for every build of this test, so reruns compile only what changed. No debug
# info: it halves the cold build, and it would hold the build's own directory (the checkout)
# in the installed binary, which the path check below must not mistake for a reference.
export CARGO_TARGET_DIR="$CACHE/outside/target"
export CARGO_PROFILE_DEV_DEBUG=0
# The user's crate and its glue crates are new packages on every run (their path is part of
# their identity): incremental state of theirs would never be reused and takes ~1 GB a run.
export CARGO_INCREMENTAL=0
# What earlier runs built of those crates is never reused either: remove it. And keep the
# cache bounded: past 10 GB (e.g. many clones at other paths), start afresh.
if [ -d "$CARGO_TARGET_DIR/debug" ]; then
    (cd "$CARGO_TARGET_DIR/debug" && rm -rf deps/*inventory* .fingerprint/inventory* build/inventory* \
        incremental/inventory* inventory-core-grpc-server* libinventory*)
    if [ "$(du -sk "$CARGO_TARGET_DIR" | cut -f1)" -gt $((10 * 1024 * 1024)) ]; then
        echo "test-outside.sh: $CARGO_TARGET_DIR is over 10 GB; removing it"
        rm -rf "$CARGO_TARGET_DIR"
    fi
fi
if under_repo "$CACHE"; then
    echo "test-outside.sh: the cache $CACHE is inside the checkout; set GREET_CACHE_DIR elsewhere" >&2
    exit 2
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/greet-outside.XXXXXX")
WORK=$(cd "$WORK" && pwd -P)
if [ "${OUTSIDE_KEEP:-0}" = 1 ]; then
    trap 'echo "kept $WORK (OUTSIDE_KEEP=1): the crate, the workspace and logs/"' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi
if under_repo "$WORK"; then
    echo "test-outside.sh: the temp dir $WORK is inside the checkout; set TMPDIR elsewhere" >&2
    exit 2
fi

step "Install the CLI: cargo install --path uniffi-bindgen --root $WORK/root --locked --debug"
timeout 1500 cargo install --quiet --path uniffi-bindgen --root "$WORK/root" --locked --debug
BINDGEN="$WORK/root/bin/greet-bindgen"
test -x "$BINDGEN" || { echo "test-outside.sh: cargo install gave no $BINDGEN" >&2; exit 1; }

step "The installed binary names no path of this checkout ($REPO)"
if strings "$BINDGEN" | grep -F -- "$REPO" >"$WORK/paths.txt"; then
    echo "test-outside.sh: $BINDGEN names the checkout:" >&2
    sort -u "$WORK/paths.txt" | head -n 20 >&2
    exit 1
fi
echo "ok: no string of $BINDGEN contains $REPO"

step "Python packages (cffi, grpcio, protobuf, pytest) in $VENV"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
timeout 600 "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PY_REQUIREMENTS[@]}"

step "The user's crate and the test files, copied to $WORK/files"
FILES="$WORK/files"
mkdir -p "$FILES/crate/src" "$FILES/shim"
cp fixtures/coverage-macros/src/*.rs "$FILES/crate/src/"
cp tests/outside/src/*.rs "$FILES/crate/src/" # lib.rs (the module list) and inventory.rs
cp tests/outside/Cargo.toml.in "$FILES/crate/Cargo.toml"
cp fixtures/coverage-macros/uniffi.toml "$FILES/crate/uniffi.toml"
cp -r fixtures/coverage-macros/tests "$FILES/fixture-tests"
rm -rf "$FILES/fixture-tests/kotlin"
# The fixture's suite imports `coverage_macros`: the user's crate is that module under its own name.
printf 'import sys\n\nimport inventory\n\nsys.modules[__name__] = inventory\n' >"$FILES/shim/coverage_macros.py"
cp tests/outside/scenario.sh tests/outside/*.py tests/outside/smoke.c "$FILES/"

step "The scenario, with this checkout unreachable"
cd "$WORK" # no working directory inside the checkout either
export WORK FILES BINDGEN VENV REPO
status=0
if unshare --mount true 2>/dev/null; then
    timeout 2400 unshare --mount bash -c 'mount -t tmpfs -o size=1m,mode=0755 none "$REPO" && exec bash "$FILES/scenario.sh"' ||
        status=$?
else
    echo "SKIP: unshare --mount is not available here, so the checkout stays reachable; the scenario runs without that isolation (the path checks still run)"
    OUTSIDE_NO_UNSHARE=1 timeout 2400 bash "$FILES/scenario.sh" || status=$?
fi
if [ "$status" -ne 0 ]; then
    printf '\ntest-outside.sh: FAILED (exit %s) after %ss\n' "$status" "$((SECONDS - started))" >&2
    exit 1
fi
printf '\nThe CLI from outside the repository: all passed in %ss.\n' "$((SECONDS - started))"
