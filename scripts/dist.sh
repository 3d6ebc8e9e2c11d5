#!/usr/bin/env bash
# Builds everything a user installs, into dist/ (replaced as a whole), with the version of the
# root crate in Cargo.toml:
#
#   greet-VERSION-py3-none-PLATFORM.whl          Python, uniffi backend (root pyproject.toml:
#                                                maturin, bindings = "uniffi", driving this
#                                                workspace's uniffi-bindgen); any Python >= 3.9
#   greet_native-VERSION-cpXY-cpXY-PLATFORM.whl  Python, native PyO3 backend (generated/python-native
#                                                + packaging/python-native), for one Python version
#   greet-kotlin-VERSION.jar                     generated/kotlin (uniffi, JNA) built by Maven, with the
#                                                library at JNA's resource path linux-x86-64/libgreet.so
#   greet-kotlin-jni-VERSION.jar                 generated/kotlin-jni (JNI backend) built by Maven, with
#                                                linux-x86-64/libgreet_jni.so
#   *-sources.jar, *.pom                         sources, Maven coordinates + dependencies of each jar
#   swift/Greet/                                 a SwiftPM package: Package.swift, Sources/Greet,
#                                                Sources/GreetFFI (header, module map), lib/libgreet.so
#   SHA256SUMS, BUILD-INFO
#
# The wheel, the jar and the Swift package carry the same libgreet.so (the one maturin built).
#
# Usage: bash scripts/dist.sh [--profile release|dev]
#   release (default)  optimized: what you ship
#   dev                reuses target/debug, which `scripts/test.sh` has already built; what CI
#                      uses to test the packaging without compiling uniffi a second time
#
# Environment:
#   GREET_CACHE_DIR  tool cache (default ~/.cache/greet): maturin in $GREET_CACHE_DIR/dist-venv,
#                    Maven's repository via scripts/kotlin-toolchain.sh
#   GREET_PYTHON     interpreter the native wheel is built for (default: python3)
#   GREET_DIST_SKIP  space-separated parts to leave out: python native kotlin swift
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
CACHE=${GREET_CACHE_DIR:-$HOME/.cache/greet}
PYTHON=${GREET_PYTHON:-python3}
PROFILE=release
while [ $# -gt 0 ]; do
    case "$1" in
        --profile) PROFILE=${2:?--profile needs release or dev}; shift 2 ;;
        --profile=*) PROFILE=${1#*=}; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "dist: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$PROFILE" in
    # Not --strip: uniffi-bindgen reads the interface from the library's symbol table.
    release) MATURIN_PROFILE=(--release) ;;
    dev) MATURIN_PROFILE=(--profile dev) ;;
    *) echo "dist: --profile must be release or dev, not $PROFILE" >&2; exit 2 ;;
esac
skip() { case " ${GREET_DIST_SKIP:-} " in *" $1 "*) return 0 ;; esac; return 1; }

step() { printf '\n==> dist: %s\n' "$*" >&2; }
started=$SECONDS

# --- versions (Cargo.toml) ------------------------------------------------------------------------
metadata=$(cargo metadata --no-deps --format-version 1 --locked)
crate_version() {
    "$PYTHON" -c 'import json, sys
for p in json.load(sys.stdin)["packages"]:
    if p["name"] == sys.argv[1]:
        print(p["version"]); break
else:
    sys.exit("dist: no package " + sys.argv[1] + " in the workspace")' "$1" <<<"$metadata"
}
VERSION=$(crate_version greet)
TARGET_DIR=$("$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])' <<<"$metadata")
NATIVE_VERSION=$(crate_version greet-python-native)
if [ "$VERSION" != "$NATIVE_VERSION" ]; then
    echo "dist: generated/python-native is at $NATIVE_VERSION but greet is at $VERSION; regenerate it (cargo run -p uniffi-bindgen -- generate)" >&2
    exit 1
fi
echo "dist: greet $VERSION, profile $PROFILE" >&2
# maturin generates the Python module with `cargo run --bin uniffi-bindgen` from the workspace
# root, which only finds binaries of the workspace's default members.
if ! "$PYTHON" -c 'import json, sys
m = json.load(sys.stdin)
names = {p["id"]: p["name"] for p in m["packages"]}
sys.exit(not any(names.get(i) == "uniffi-bindgen-compat" for i in m.get("workspace_default_members", [])))' <<<"$metadata"; then
    echo "dist: maturin runs \`cargo run --bin uniffi-bindgen\` at the workspace root, which needs the uniffi-bindgen-compat package (its binary of that name) among the default members: add" >&2
    echo '    default-members = [".", "uniffi-bindgen", "uniffi-bindgen/compat"]' >&2
    echo "to [workspace] in Cargo.toml" >&2
    exit 1
fi

# --- tools ------------------------------------------------------------------------------------------
VENV=$CACHE/dist-venv
MATURIN_REQ='maturin>=1.16,<2'
if ! "$VENV/bin/python" -c 'import sys, importlib.metadata as m; v = tuple(int(x) for x in m.version("maturin").split(".")[:2]); sys.exit(not ((1, 16) <= v < (2, 0)))' 2>/dev/null; then
    step "installing $MATURIN_REQ into $VENV"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "$MATURIN_REQ"
fi
MATURIN=$VENV/bin/maturin

# Everything is built into a staging folder, then moved to dist/ in one go.
WORK=$TARGET_DIR/packaging
STAGE=$WORK/dist.tmp
mkdir -p "$WORK"
exec {lock}>"$WORK/.lock"
flock "$lock" # one dist.sh at a time per target directory
rm -rf "$STAGE"
mkdir -p "$STAGE"

# --- Python: uniffi backend -------------------------------------------------------------------------
LIB=$WORK/libgreet.so # the library every artifact ships, taken from the uniffi wheel
if ! skip python; then
    step "Python wheel (uniffi backend): maturin build ${MATURIN_PROFILE[*]}"
    t=$SECONDS
    "$MATURIN" build "${MATURIN_PROFILE[@]}" --locked --quiet --out "$STAGE"
    wheel=$(ls "$STAGE"/greet-"$VERSION"-*.whl)
    "$PYTHON" - "$wheel" "$LIB" <<'EOF'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as whl, whl.open("greet/_uniffi/libgreet.so") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
EOF
    chmod 755 "$LIB"
    echo "dist: $(basename "$wheel") ($((SECONDS - t)) s)" >&2
else
    # Without the uniffi wheel, take the library straight from cargo.
    if [ "$PROFILE" = release ]; then
        cargo build --locked -p greet --release && cp "$TARGET_DIR/release/libgreet.so" "$LIB"
    else
        cargo build --locked -p greet && cp "$TARGET_DIR/debug/libgreet.so" "$LIB"
    fi
fi

# --- Python: native backend -------------------------------------------------------------------------
if ! skip native; then
    step "Python wheel (native PyO3 backend) for $("$PYTHON" -c 'import sys; print("CPython %d.%d" % sys.version_info[:2])')"
    t=$SECONDS
    NATIVE=$WORK/python-native
    rm -rf "$NATIVE"
    mkdir -p "$NATIVE/python/greet"
    sed "s|@NATIVE_MANIFEST@|$ROOT/generated/python-native/Cargo.toml|" \
        packaging/python-native/pyproject.toml >"$NATIVE/pyproject.toml"
    cp packaging/python/README.md "$NATIVE/python/"
    # The shared extras (command line) first, then the generated package: its __init__.py and
    # its type stub (generated from the spec, like the uniffi wheel's) win.
    find packaging/python/greet -maxdepth 1 -type f ! -name '__init__.py*' -exec cp {} "$NATIVE/python/greet/" \;
    find generated/python-native/greet -maxdepth 1 -type f \( -name '*.py' -o -name '*.pyi' -o -name py.typed \) -exec cp {} "$NATIVE/python/greet/" \;
    (cd "$NATIVE" && "$MATURIN" build "${MATURIN_PROFILE[@]}" --locked --quiet \
        --interpreter "$(command -v "$PYTHON")" --out "$STAGE")
    echo "dist: $(cd "$STAGE" && ls greet_native-*.whl) ($((SECONDS - t)) s)" >&2
fi

# --- Kotlin -----------------------------------------------------------------------------------------
# Two jars, each with a POM and a sources jar, from the one Maven build of tests/kotlin/pom.xml:
#   greet-kotlin      uniffi's bindings (generated/kotlin, JNA), libgreet.so at JNA's
#                     linux-x86-64/ resource path
#   greet-kotlin-jni  the JNI backend (generated/kotlin-jni), libgreet_jni.so at linux-x86-64/,
#                     which the bindings load from the jar when System.loadLibrary cannot
if ! skip kotlin; then
    step "Kotlin jars (uniffi/JNA and JNI)"
    t=$SECONDS
    # shellcheck source=scripts/kotlin-toolchain.sh
    source scripts/kotlin-toolchain.sh
    if [ "$PROFILE" = release ]; then
        cargo build --locked -q -p greet-kotlin-jni --release
        JNI_LIB=$TARGET_DIR/release/libgreet_jni.so
    else
        cargo build --locked -q -p greet-kotlin-jni
        JNI_LIB=$TARGET_DIR/debug/libgreet_jni.so
    fi
    greet_kotlin_package >&2
    KT=$WORK/kotlin
    rm -rf "$KT" && mkdir -p "$KT"
    kotlin_version=$(sed -n 's|.*<kotlin.version>\(.*\)</kotlin.version>.*|\1|p' tests/kotlin/pom.xml)
    coroutines_version=$(sed -n 's|.*<coroutines.version>\(.*\)</coroutines.version>.*|\1|p' tests/kotlin/pom.xml)
    jna_version=$(sed -n 's|.*<jna.version>\(.*\)</jna.version>.*|\1|p' tests/kotlin/pom.xml)
    # artifact, Maven module, native library, generated sources
    for spec in "greet-kotlin:greet-uniffi:$LIB:generated/kotlin" "greet-kotlin-jni:greet-jni:$JNI_LIB:generated/kotlin-jni/kotlin"; do
        IFS=: read -r artifact module native sources <<<"$spec"
        dir=$KT/$artifact
        mkdir -p "$dir/linux-x86-64"
        cp -R "$TARGET_DIR/maven/$module/classes/." "$dir/"
        rm -rf "$dir/META-INF/MANIFEST.MF"
        cp "$native" "$dir/linux-x86-64/$(basename "$native")"
        printf 'Implementation-Title: %s\nImplementation-Version: %s\nCreated-By: scripts/dist.sh (Kotlin %s, Maven)\n' \
            "$artifact" "$VERSION" "$kotlin_version" >"$KT/$artifact.manifest"
        jar --create --file "$STAGE/$artifact-$VERSION.jar" --manifest "$KT/$artifact.manifest" -C "$dir" .
        jar --create --file "$STAGE/$artifact-$VERSION-sources.jar" -C "$sources" uniffi
        sed -e "s|@VERSION@|$VERSION|g" -e "s|@KOTLIN_VERSION@|$kotlin_version|g" \
            -e "s|@COROUTINES_VERSION@|$coroutines_version|g" -e "s|@JNA_VERSION@|$jna_version|g" \
            "packaging/kotlin/$artifact.pom" >"$STAGE/$artifact-$VERSION.pom"
        echo "dist: $artifact-$VERSION.jar" >&2
    done
    echo "dist: Kotlin jars ($((SECONDS - t)) s)" >&2
fi

# --- Swift ------------------------------------------------------------------------------------------
if ! skip swift; then
    step "Swift package"
    PKG=$STAGE/swift/Greet
    mkdir -p "$PKG/Sources" "$PKG/lib"
    cp -R generated/swift/Sources/Greet generated/swift/Sources/GreetFFI "$PKG/Sources/"
    cp "$LIB" "$PKG/lib/libgreet.so"
    sed "s|@VERSION@|$VERSION|g" packaging/swift/Package.swift >"$PKG/Package.swift"
    sed "s|@VERSION@|$VERSION|g" packaging/swift/README.md >"$PKG/README.md"
    echo "dist: swift/Greet" >&2
fi

# --- checksums, build info, and into place ----------------------------------------------------------
(
    cd "$STAGE"
    find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum >"$WORK/SHA256SUMS"
    mv "$WORK/SHA256SUMS" SHA256SUMS
)
{
    echo "version: $VERSION"
    echo "profile: $PROFILE"
    echo "commit: $(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "libgreet.so sha256: $(sha256sum "$LIB" | cut -d' ' -f1)"
    echo "built: $(date -u +%FT%TZ) on $(uname -sm)"
} >"$STAGE/BUILD-INFO"
rm -rf "$ROOT/dist"
mv "$STAGE" "$ROOT/dist"
step "done in $((SECONDS - started)) s: $ROOT/dist"
(cd "$ROOT/dist" && ls -1 | sed 's/^/    /') >&2
