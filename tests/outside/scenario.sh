#!/usr/bin/env bash
# The part of scripts/test-outside.sh that runs with this checkout unreachable (a tmpfs over it,
# in a mount namespace of its own): everything a user does in their own crate with the installed
# CLI. Started by scripts/test-outside.sh, which copies it and everything it reads into $FILES
# first; it reads nothing of the repository. Every assertion is counted; exit 1 if any failed.
#
# Environment: WORK (a temp dir outside the repository), FILES (the copied test files),
# BINDGEN (the installed CLI), VENV (a venv with cffi, grpcio, protobuf, pytest), REPO (the
# hidden checkout's path, to assert that nothing refers to it), CARGO_TARGET_DIR (the shared,
# cached target dir of every build here).
set -uo pipefail
: "${WORK:?}" "${FILES:?}" "${BINDGEN:?}" "${VENV:?}" "${REPO:?}" "${CARGO_TARGET_DIR:?}"
PY="$VENV/bin/python"
TD="$CARGO_TARGET_DIR/debug"
export PY TD
export PYTHONDONTWRITEBYTECODE=1
LOGS="$WORK/logs"
mkdir -p "$LOGS"

passed=0
failed=()
log_n=0
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

section() { printf '\n--- %s\n' "$*"; }
took() { (( SECONDS - $1 > 1 )) && printf ' (%ss)' "$((SECONDS - $1))"; }
ok() { passed=$((passed + 1)); printf '  ok: %s\n' "$1"; }
bad() {
    failed+=("$1")
    printf '  FAIL: %s\n' "$1"
    if [ -n "${2:-}" ] && [ -s "$2" ]; then tail -n 25 "$2" | sed 's/^/    | /'; fi
}
# Runs CMD (a command or one of this script's functions) under `timeout SECONDS`.
run_bounded() {
    local secs=$1
    shift
    if declare -F "$1" >/dev/null; then
        timeout "$secs" bash -c "$(declare -f "$1"); \"\$@\"" _ "$@"
    else
        timeout "$secs" "$@"
    fi
}
# expect NAME SECONDS CMD...: CMD succeeds within SECONDS. Its output goes to $LAST (printed on failure).
expect() {
    local name=$1 secs=$2
    shift 2
    log_n=$((log_n + 1))
    LAST="$LOGS/$log_n.log"
    local t0=$SECONDS
    run_bounded "$secs" "$@" >"$LAST" 2>&1
    RC=$?
    if [ "$RC" -eq 0 ]; then ok "$name$(took "$t0")"; else bad "$name (exit $RC)" "$LAST"; fi
    return "$RC"
}
# expect_fail NAME SECONDS CMD...: CMD exits non-zero, but not by a signal or the timeout.
expect_fail() {
    local name=$1 secs=$2
    shift 2
    log_n=$((log_n + 1))
    LAST="$LOGS/$log_n.log"
    run_bounded "$secs" "$@" >"$LAST" 2>&1
    RC=$?
    if [ "$RC" -eq 0 ]; then
        bad "$name (exit 0, expected a failure)" "$LAST"
        return 1
    elif [ "$RC" -ge 124 ]; then
        local why="could not run"
        if [ "$RC" -eq 124 ]; then why="timed out after ${secs}s"; elif [ "$RC" -gt 128 ]; then why="killed by signal $((RC - 128))"; fi
        bad "$name (exit $RC: $why)" "$LAST"
        return 1
    fi
    ok "$name (exit $RC)"
    show '^error|rror:|status [0-9]'
    return 0
}
# Prints the first line of $LAST that matches $1 (what a user would read), shortened.
show() { grep -Em1 -- "$1" "$LAST" | cut -c1-400 | sed 's/^/      > /'; }
# check NAME CONDITION-CMD...: a plain assertion, output of $LAST shown on failure.
check() {
    local name=$1
    shift
    if "$@"; then ok "$name"; else bad "$name" "${LAST:-}"; fi
}
# The last command's output matches the extended regex $1.
output_has() { grep -Eq -- "$1" "$LAST"; }
output_lines() { grep -Ec -- "$1" "$LAST" || true; }
# A checksum of every file under $1 but build output and caches.
tree_sum() {
    (cd "$1" && find . \( -name target -o -name __pycache__ \) -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
}
same_file() { cmp -s "$1" "$2"; }

GLUE=(python-native c kotlin-jni grpc-rust)

# Builds the glue crates given (default: all) with the command the CLI documents, from $PWD.
build_glue() {
    local out=$1 b
    shift
    local backends=("$@")
    [ ${#backends[@]} -gt 0 ] || backends=("${GLUE[@]}")
    for b in "${backends[@]}"; do
        expect "$out/$b: cargo build --manifest-path $out/$b/Cargo.toml" 900 \
            cargo build --manifest-path "$out/$b/Cargo.toml"
    done
}

# Stages and compiles the CFFI package of $1 (the bindings folder) into $2, against $TD's
# libinventory_c, as scripts/test-c.sh does.
stage_cffi() {
    local out=$1 dest=$2
    rm -rf "$dest" && mkdir -p "$dest"
    cp -r "$out/python-cffi/inventory" "$dest/" && cp "$TD/libinventory_c.so" "$dest/inventory/" &&
        "$PY" "$out/python-cffi/build_cffi.py" --lib-dir "$TD" --out-dir "$dest" --header "$out/c/inventory.h"
}

# Compiles tests/outside/smoke.c against the header in $1 into $2 (extra gcc flags after).
compile_c() {
    local out=$1 exe=$2
    shift 2
    gcc -std=c11 -Wall -Wextra -Werror "$@" -I "$out/c" "$FILES/smoke.c" -L "$TD" -linventory_c -o "$exe"
}

# regen_command BASE FILE: runs the command that FILE's @generated line says regenerates it
# (`greet-bindgen ...`, in the folder it names), as written, and expects "0 written".
regen_command() {
    local base=$1 file=$2 line cmd dir
    line=$(grep -m1 '@generated' "$file")
    cmd=$(printf '%s\n' "$line" | grep -o '`greet-bindgen [^`]*`' | head -n 1 | tr -d '`')
    dir=$base
    case "$line" in
    *"in the crate's folder"* | *"in the folder of the"*) dir=$CRATE_DIR ;;
    esac
    if [ -z "$cmd" ]; then
        LAST="$LOGS/regen.log" && printf '%s\n' "$line" >"$LAST"
        bad "the @generated line of $file names a greet-bindgen command"
        return 1
    fi
    expect "the header's command regenerates, as written: ($dir) ${cmd}" 120 \
        bash -c 'cd "$1" && shift && "$@"' _ "$dir" "$BINDGEN" ${cmd#greet-bindgen } &&
        check "  ... and finds everything up to date (0 written)" output_has ' 0 written'
}

new_crate() { # new_crate DIR: the user's crate, with a git repository of its own
    mkdir -p "$1" && cp -r "$FILES/crate/." "$1/" &&
        git -C "$1" init -q && printf '/target\n' >"$1/.gitignore" &&
        git -C "$1" add -A && git -C "$1" -c user.name=user -c user.email=user@example.com commit -qm "inventory-core"
}

section "The checkout is unreachable"
if [ -n "$(ls -A "$REPO" 2>/dev/null)" ]; then
    if [ "${OUTSIDE_NO_UNSHARE:-0}" = 1 ]; then
        echo "  SKIP: $REPO is still visible (no mount namespace); the path checks below still run"
    else
        bad "$REPO is still visible inside the mount namespace"
    fi
else
    ok "$REPO is empty here (a tmpfs over it)"
fi
expect "greet-bindgen --version names the tool and the uniffi version" 30 "$BINDGEN" --version &&
    check "--version says greet-bindgen and uniffi 0.32" output_has '^greet-bindgen [0-9.]+.*uniffi 0\.32'

# ---------------------------------------------------------------------------------------------
section "A lone crate in its own repository: build, generate every backend"
CRATE="$WORK/inventory"
CRATE_DIR=$CRATE
new_crate "$CRATE" || { bad "lay out the crate in $CRATE"; }
cd "$CRATE" || exit 1
expect_fail "generate before the first cargo build fails" 120 "$BINDGEN" generate --out-dir bindings
check "  ... and says to run cargo build" output_has 'cargo build'
check "  ... and writes nothing" test ! -e bindings
expect "cargo build (the user's crate, uniffi from crates.io)" 900 cargo build
expect "greet-bindgen generate --out-dir bindings (every backend)" 120 "$BINDGEN" generate --out-dir bindings
cp "$LAST" "$LOGS/first-generate.log"
check "the summary line names the folder and counts written and removed files" \
    output_has 'into bindings.*[0-9]+ written.*[0-9]+ removed'
for d in python python-native python-cffi c kotlin kotlin-jni swift proto grpc-rust python-grpc; do
    check "bindings/$d generated" test -d "bindings/$d"
done
# With a warm shared target dir the extension is built already and generate stages it at once;
# otherwise it says how to build it.
check "generate staged the native extension, or named the command that builds it" \
    bash -c "grep -Fq 'cargo build --manifest-path bindings/python-native/Cargo.toml' '$LOGS/first-generate.log' ||
        ls bindings/python-native/inventory/_native*.so >/dev/null 2>&1"
LAST="$LOGS/headers.log"
# (py.typed is PEP 561's empty marker file: no room for a header.)
grep -rL --exclude='*.so' --exclude=py.typed --exclude=Cargo.lock -e '@generated' bindings >"$LAST" 2>&1
check "every generated file has an @generated line" test ! -s "$LAST"
LAST="$LOGS/headers-cargo-run.log"
grep -rl --exclude='*.so' -e 'cargo run -p uniffi-bindgen' bindings >"$LAST" 2>&1
check "no header says \`cargo run -p uniffi-bindgen\` (this repository's command)" test ! -s "$LAST"
regen_command "$CRATE" bindings/c/inventory.h
for b in "${GLUE[@]}"; do
    check "bindings/$b/Cargo.toml has a [workspace] table of its own" grep -q '^\[workspace\]' "bindings/$b/Cargo.toml"
done

section "Build each glue crate with the documented command"
build_glue bindings
expect "generate again stages the built native extension" 120 "$BINDGEN" generate --out-dir bindings
check "the native extension is staged in bindings/python-native/inventory/" \
    test -n "$(ls bindings/python-native/inventory/_native*.so 2>/dev/null)"

section "Smoke tests"
expect "Python, uniffi's module (bindings/python): import and call" 60 \
    "$PY" -c 'import sys; sys.path.insert(0, "bindings/python"); import inventory; assert inventory.normalize_sku(" a ") == "A"; print("ok")'
expect "Python, native extension: import and call" 60 "$PY" "$FILES/smoke.py" bindings/python-native
expect "Python, native extension: the fixture's suite (written against stock uniffi)" 300 \
    env FIXTURE_PYTHONPATH="$FILES/shim:$CRATE/bindings/python-native" "$PY" -m pytest -q -p no:cacheprovider "$FILES/fixture-tests"
if expect "CFFI: build_cffi.py compiles the module against libinventory_c" 300 stage_cffi bindings "$WORK/cffi"; then
    expect "CFFI: import and call" 60 "$PY" "$FILES/smoke.py" "$WORK/cffi"
    expect "CFFI: the fixture's suite (written against stock uniffi)" 300 \
        env FIXTURE_PYTHONPATH="$FILES/shim:$WORK/cffi" "$PY" -m pytest -q -p no:cacheprovider "$FILES/fixture-tests"
fi
# As a user would (README, build_cffi.py's docstring): compiled into the generated package in
# place, the library copied next to it.
if expect "CFFI in place: build_cffi.py --lib-dir <target>/debug, the library copied next to it" 300 \
    bash -c '"$PY" bindings/python-cffi/build_cffi.py --lib-dir "$TD" && cp "$TD/libinventory_c.so" bindings/python-cffi/inventory/'; then
    expect "CFFI in place: import and call" 60 "$PY" "$FILES/smoke.py" bindings/python-cffi
fi
if expect "C: gcc against bindings/c/inventory.h and libinventory_c" 120 compile_c bindings "$WORK/smoke-c"; then
    expect "C: the program runs (library_init, calls, objects)" 60 env LD_LIBRARY_PATH="$TD" "$WORK/smoke-c"
fi
check "JNI: libinventory_jni.so built, with JNI_OnLoad and Java_ entry points" \
    bash -c "nm -D --defined-only '$TD/libinventory_jni.so' | grep -q ' JNI_OnLoad\$' && nm -D --defined-only '$TD/libinventory_jni.so' | grep -q ' Java_'"

SERVER="$TD/inventory-core-grpc-server"
if [ -x "$SERVER" ]; then
    rm -f "$WORK/port"
    timeout 300 "$SERVER" --addr 127.0.0.1:0 --port-file "$WORK/port" >"$LOGS/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 200); do
        [[ -s "$WORK/port" ]] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -s "$WORK/port" ]]; then
        ok "gRPC: the generated server listens on 127.0.0.1:$(cat "$WORK/port")"
        expect "gRPC: calls through the generated Python client" 120 \
            "$PY" "$FILES/smoke_grpc.py" bindings/python-grpc "127.0.0.1:$(cat "$WORK/port")"
    else
        bad "gRPC: the generated server did not listen within 20 s" "$LOGS/server.log"
    fi
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
    server_pid=""
else
    bad "gRPC: no server binary $SERVER"
fi

section "uniffi's standard command line (as maturin drives it)"
expect "generate <library> --language python --out-dir <dir>" 120 \
    "$BINDGEN" generate "$TD/libinventory.so" --language python --out-dir "$WORK/standard"
if cp "$TD/libinventory.so" "$WORK/standard/"; then
    expect "  ... the module imports and calls" 60 \
        "$PY" -c 'import sys; sys.path.insert(0, sys.argv[1]); import inventory; assert inventory.normalize_sku(" a ") == "A"' "$WORK/standard"
fi
expect_fail "--language python --language c into one folder is refused (x.py beside x/)" 120 \
    "$BINDGEN" generate "$TD/libinventory.so" --language python --language c --out-dir "$WORK/standard2"
check "  ... with one error line" test "$(output_lines '^error')" -eq 1

section "Nothing refers to the checkout, built files are ignored by git"
LAST="$LOGS/grep-repo.log"
grep -rlF -- "$REPO" bindings >"$LAST" 2>&1
check "no file under bindings/ (staged libraries included) names $REPO" test ! -s "$LAST"
git status --porcelain --untracked-files=all >"$LOGS/status.log" 2>&1
LAST="$LOGS/status-built.log"
grep -E '\.so$|/target/' "$LOGS/status.log" >"$LAST"
check "git status lists no built library (.so) or target/ folder (the generated .gitignore files)" test ! -s "$LAST"

# ---------------------------------------------------------------------------------------------
section "Never lose a user's file"
mkdir -p bindings/python/tests
printf '[project]\nname = "inventory"\nversion = "0.3.1"\n' >bindings/python/pyproject.toml
printf 'import inventory\n\ndef test_x():\n    assert inventory.normalize_sku("a") == "A"\n' >bindings/python/tests/test_x.py
printf 'plugins { kotlin("jvm") version "2.0.0" }\n' >bindings/kotlin/build.gradle.kts
printf 'Notes of my own, inside a generated crate folder.\n' >bindings/grpc-rust/NOTES.md
printf '// my helper, not generated\npub fn helper() {}\n' >bindings/c/src/my_helper.rs
USER_FILES=(bindings/python/pyproject.toml bindings/python/tests/test_x.py bindings/kotlin/build.gradle.kts
    bindings/grpc-rust/NOTES.md bindings/c/src/my_helper.rs)
sha256sum "${USER_FILES[@]}" >"$WORK/user-files.sha256"
cp bindings/python/inventory.py "$WORK/inventory.py.generated"
printf '\n# a hand edit\n' >>bindings/python/inventory.py
expect "generate with user files in the output folders and a hand-edited generated file" 120 \
    "$BINDGEN" generate --out-dir bindings
check "the summary names the folder and counts written/removed files" output_has 'into bindings.*[1-9][0-9]* written.*[0-9]+ removed'
LAST="$LOGS/user-files.log"
sha256sum -c --quiet "$WORK/user-files.sha256" >"$LAST" 2>&1
check "the user's files are untouched (python/pyproject.toml, python/tests/, kotlin/build.gradle.kts, files in crate folders)" test ! -s "$LAST"
check "the hand-edited generated file is restored" same_file bindings/python/inventory.py "$WORK/inventory.py.generated"

# A user's file where the tool would write one (no @generated line), and a hand edit elsewhere:
# generate must refuse, name the file, and change nothing at all.
printf 'syntax = "proto3";\n// my own proto, not generated\npackage mine;\n' >bindings/proto/inventory.proto
printf '\n# another hand edit\n' >>bindings/python/inventory.py
tree_sum bindings >"$WORK/before.sum"
expect_fail "generate refuses to overwrite a user's file at a generated path" 120 "$BINDGEN" generate --out-dir bindings
check "exactly one line names bindings/proto/inventory.proto" test "$(output_lines 'proto/inventory\.proto')" -eq 1
check "the error is one line" test "$(output_lines '^error')" -eq 1
tree_sum bindings >"$WORK/after.sum"
LAST="$WORK/after.sum"
check "the refused generate changed no file (tree checksum before = after)" cmp -s "$WORK/before.sum" "$WORK/after.sum"
rm bindings/proto/inventory.proto
expect "generate after the user moved their file away" 120 "$BINDGEN" generate --out-dir bindings
check "the generated file is back" grep -q '@generated' bindings/proto/inventory.proto
check "and the hand edit is undone" same_file bindings/python/inventory.py "$WORK/inventory.py.generated"
LAST="$LOGS/user-files.log"
sha256sum -c --quiet "$WORK/user-files.sha256" >"$LAST" 2>&1
check "the user's files are still untouched" test ! -s "$LAST"

# ---------------------------------------------------------------------------------------------
section "A stale library never crashes: normalize_sku(raw) -> normalize_sku(raw, keep_case)"
# $WORK/smoke-c stays as it was built before the change, against the old header.
python3 - src/inventory.rs <<'EOF'
import sys
path = sys.argv[1]
text = open(path).read()
old_fn = 'fn normalize_sku(raw: String) -> String {\n    raw.trim().to_uppercase()\n}'
new_fn = ('fn normalize_sku(raw: String, keep_case: bool) -> String {\n'
          '    let trimmed = raw.trim();\n'
          '    if keep_case { trimmed.to_owned() } else { trimmed.to_uppercase() }\n}')
assert old_fn in text and 'normalize_sku(sku)' in text
text = text.replace(old_fn, new_fn).replace('normalize_sku(sku)', 'normalize_sku(sku, false)')
open(path, 'w').write(text)
EOF
check "src/inventory.rs changed" grep -q 'keep_case: bool' src/inventory.rs

# (a) The library is older than the crate's sources.
tree_sum bindings >"$WORK/before.sum"
expect_fail "(a) check before rebuilding the library fails" 120 "$BINDGEN" check --out-dir bindings
check "(a) check says the library is older than the sources" output_has 'older|stale|out of date'
check "(a) check says how to rebuild (cargo build)" output_has 'cargo build'
expect_fail "(a) generate before rebuilding the library fails" 120 "$BINDGEN" generate --out-dir bindings
check "(a) generate says the library is older than the sources" output_has 'older|stale|out of date'
check "(a) generate says how to rebuild (cargo build)" output_has 'cargo build'
tree_sum bindings >"$WORK/after.sum"
check "(a) the failed generate changed no file" cmp -s "$WORK/before.sum" "$WORK/after.sum"

# (b) Only the glue rebuilt (the bindings still describe normalize_sku(raw)): each in-process
# backend refuses to load, with a message, never a segfault.
build_glue bindings python-native c kotlin-jni
cp "$TD/libinventory_native.so" bindings/python-native/inventory/_native.so # as staging would
expect "(b) native Python: import raises an ImportError subclass that says to regenerate" 60 \
    "$PY" "$FILES/expect_import_error.py" bindings/python-native && show Error
if expect "(b) CFFI: the old module compiles against the rebuilt libinventory_c" 300 stage_cffi bindings "$WORK/cffi-b"; then
    expect "(b) CFFI: import raises an ImportError subclass that says to regenerate" 60 \
        "$PY" "$FILES/expect_import_error.py" "$WORK/cffi-b" && show Error
fi
expect_fail "(b) C: the program built before the change, against the rebuilt libinventory_c" 60 \
    env LD_LIBRARY_PATH="$TD" "$WORK/smoke-c"
check "(b) C: inventory_library_init returned a non-OK status (exit 3) with a message" \
    bash -c "[ $RC -eq 3 ] && grep -q 'inventory_library_init: status' '$LAST'"

# The gRPC server links the component in-process too: rebuilt from the old bindings, it must
# not serve calls whose arguments no longer match.
build_glue bindings grpc-rust
expect_fail "(b) gRPC: the server rebuilt from the old bindings refuses to start" 20 \
    "$TD/inventory-core-grpc-server" --addr 127.0.0.1:0 --port-file "$WORK/port-b"
check "(b) gRPC: ... saying to regenerate" output_has 'generate'

# (c) The library rebuilt and the bindings regenerated, the glue not rebuilt.
expect "(c) cargo build (the library)" 600 cargo build
expect "(c) generate after rebuilding the library" 120 "$BINDGEN" generate --out-dir bindings && show '^generated|stale|rebuil' 
expect "(c) native Python: import raises an ImportError subclass that says to regenerate" 60 \
    "$PY" "$FILES/expect_import_error.py" bindings/python-native && show Error
if expect "(c) CFFI: the new module compiles against the old libinventory_c" 300 stage_cffi bindings "$WORK/cffi-c"; then
    expect "(c) CFFI: import raises an ImportError subclass that says to regenerate" 60 \
        "$PY" "$FILES/expect_import_error.py" "$WORK/cffi-c" && show Error
fi
if expect "(c) C: the program compiles against the new header" 120 compile_c bindings "$WORK/smoke-c2" -DKEEP_CASE=1; then
    expect_fail "(c) C: against the old libinventory_c" 60 env LD_LIBRARY_PATH="$TD" "$WORK/smoke-c2"
    check "(c) C: inventory_library_init returned a non-OK status (exit 3) with a message" \
        bash -c "[ $RC -eq 3 ] && grep -q 'inventory_library_init: status' '$LAST'"
fi

# (d) Regenerated and rebuilt: everything works with the new signature.
build_glue bindings python-native c kotlin-jni
expect "(d) generate stages the rebuilt extension" 120 "$BINDGEN" generate --out-dir bindings
expect "(d) native Python: normalize_sku(\" ab \", keep_case=True) == \"ab\"" 60 \
    "$PY" "$FILES/smoke.py" bindings/python-native --keep-case
if expect "(d) CFFI: the module compiles" 300 stage_cffi bindings "$WORK/cffi-d"; then
    expect "(d) CFFI: normalize_sku(\" ab \", keep_case=True) == \"ab\"" 60 "$PY" "$FILES/smoke.py" "$WORK/cffi-d" --keep-case
fi
expect "(d) C: the program runs against the rebuilt library" 60 env LD_LIBRARY_PATH="$TD" "$WORK/smoke-c2"
expect "(d) check: up to date" 120 "$BINDGEN" check --out-dir bindings

# ---------------------------------------------------------------------------------------------
section "The crate inside a virtual workspace (crates/inventory)"
WS="$WORK/workspace"
CRATE_DIR=$WS/crates/inventory
mkdir -p "$WS/crates"
cp -r "$FILES/crate" "$WS/crates/inventory"
printf '[workspace]\nmembers = ["crates/inventory"]\nresolver = "2"\n' >"$WS/Cargo.toml"
printf '/target\n' >"$WS/.gitignore"
git -C "$WS" init -q && git -C "$WS" add -A && git -C "$WS" -c user.name=user -c user.email=user@example.com commit -qm workspace
cd "$WS" || exit 1
expect "cargo build at the workspace root" 600 cargo build
expect "generate --crate inventory-core (package name) at the workspace root" 120 \
    "$BINDGEN" generate --crate inventory-core --out-dir crates/inventory/bindings
cp "$LAST" "$LOGS/ws-generate.log"
regen_command "$WS" crates/inventory/bindings/c/inventory.h
expect "generate --crate inventory (library name) --check: the same output" 120 \
    "$BINDGEN" generate --crate inventory --check --out-dir crates/inventory/bindings
expect "generate --check in crates/inventory without --crate" 120 \
    bash -c "cd crates/inventory && '$BINDGEN' generate --check --out-dir bindings"
expect_fail "generate --crate nope fails" 120 "$BINDGEN" generate --crate nope --out-dir "$WORK/nope"
check "and lists the component by package and by library name" bash -c "grep -q 'inventory-core' '$LAST' && grep -Eq '(^|[^-])inventory([^-]|\$)' '$LAST'"
# The documented command, where the CLI says to run it: in the crate's folder.
if grep -q 'cargo build --manifest-path' "$LOGS/ws-generate.log"; then
    check "the CLI's build command names bindings/python-native/Cargo.toml in the crate's folder" \
        grep -Fq "cargo build --manifest-path bindings/python-native/Cargo.toml\` in the crate's folder" "$LOGS/ws-generate.log"
fi
# The gRPC server crate has the same [workspace] table; it builds in the lone crate above, and
# compiling it a second time here would cost half a minute.
cd crates/inventory && build_glue bindings python-native c kotlin-jni
cd "$WS" || exit 1
expect "generate stages the extension built in the workspace" 120 \
    "$BINDGEN" generate --crate inventory-core --out-dir crates/inventory/bindings
expect "Python, native extension, in the workspace: import and call" 60 "$PY" "$FILES/smoke.py" crates/inventory/bindings/python-native
LAST="$LOGS/ws-grep.log"
grep -rlF -- "$REPO" crates/inventory/bindings >"$LAST" 2>&1
check "no file of the workspace's bindings names $REPO" test ! -s "$LAST"

# ---------------------------------------------------------------------------------------------
echo
printf 'outside: %d passed, %d failed\n' "$passed" "${#failed[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    printf '  failed: %s\n' "${failed[@]}"
    exit 1
fi
