#!/usr/bin/env bash
# Installs (once) and locates the Kotlin/JVM toolchain for the greet Kotlin tests.
#
#   kotlinc   npm package kotlin-compiler@2.4.20, cached OUTSIDE the repo in
#             ${GREET_CACHE_DIR:-$HOME/.cache/greet}/kotlin (reused when present);
#             it also provides kotlin-stdlib.jar and kotlinx-coroutines-core-jvm.jar.
#   JNA       /usr/share/java/jna.jar from Debian's libjna-java (apt-get only if missing).
#
# Usage:
#   source scripts/kotlin-toolchain.sh      # defines and exports KOTLINC, JNA_JAR,
#                                           # COROUTINES_JAR, KOTLIN_STDLIB
#   eval "$(bash scripts/kotlin-toolchain.sh)"   # same, via printed export lines
#
# Needs: npm, java (JDK 17+), and apt-get for JNA on Debian. Progress goes to stderr;
# stdout carries only the export lines (when executed rather than sourced).
# Deliberately does not change the caller's shell options when sourced.

_greet_kt_main() {
    local version="2.4.20"
    local cache="${GREET_CACHE_DIR:-${HOME:?HOME is not set}/.cache/greet}"
    local dir="$cache/kotlin"
    local pkg="$dir/node_modules/kotlin-compiler"

    # --- kotlinc -----------------------------------------------------------------
    local have=""
    if [[ -f "$pkg/package.json" && -f "$pkg/bin/kotlinc" ]]; then
        have="$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$pkg/package.json" | head -n 1)"
    fi
    if [[ "$have" != "$version" ]]; then
        command -v npm >/dev/null 2>&1 || { echo "kotlin-toolchain: npm not found" >&2; return 1; }
        echo "kotlin-toolchain: installing kotlin-compiler@$version into $dir" >&2
        mkdir -p "$cache" || return 1
        # Install into a fresh temporary dir, then move it into place, so an interrupted
        # install never leaves a half-populated cache that would later look complete.
        local tmp
        tmp="$(mktemp -d "$cache/kotlin.tmp.XXXXXX")" || return 1
        if ! npm install --prefix "$tmp" --no-audit --no-fund --no-save --loglevel=error \
                "kotlin-compiler@$version" >&2; then
            rm -rf "$tmp"
            echo "kotlin-toolchain: npm install kotlin-compiler@$version failed" >&2
            return 1
        fi
        rm -rf "$dir"
        mv "$tmp" "$dir" || { rm -rf "$tmp"; return 1; }
        chmod 755 "$dir"
    fi
    local kotlinc="$pkg/bin/kotlinc"
    [[ -x "$kotlinc" ]] || chmod +x "$pkg"/bin/* 2>/dev/null || true

    # --- JNA ---------------------------------------------------------------------
    local jna="/usr/share/java/jna.jar"
    if [[ ! -f "$jna" ]]; then
        echo "kotlin-toolchain: installing libjna-java (apt)" >&2
        local sudo=()
        if [[ "$(id -u)" != 0 ]]; then
            command -v sudo >/dev/null 2>&1 || { echo "kotlin-toolchain: need root or sudo for apt-get" >&2; return 1; }
            sudo=(sudo)
        fi
        # A fresh machine may have no package lists yet: update once and retry.
        if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q libjna-java >&2; then
            "${sudo[@]}" apt-get update -q >&2 || return 1
            DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q libjna-java >&2 || return 1
        fi
    fi

    # --- check -------------------------------------------------------------------
    local f
    for f in "$kotlinc" "$jna" "$pkg/lib/kotlinx-coroutines-core-jvm.jar" "$pkg/lib/kotlin-stdlib.jar"; do
        [[ -f "$f" ]] || { echo "kotlin-toolchain: missing $f" >&2; return 1; }
    done
    command -v java >/dev/null 2>&1 || [[ -n "${JAVA_HOME:-}" ]] \
        || { echo "kotlin-toolchain: java not found (JDK 17+ needed)" >&2; return 1; }

    KOTLINC="$kotlinc"
    JNA_JAR="$jna"
    COROUTINES_JAR="$pkg/lib/kotlinx-coroutines-core-jvm.jar"
    KOTLIN_STDLIB="$pkg/lib/kotlin-stdlib.jar"
    export KOTLINC JNA_JAR COROUTINES_JAR KOTLIN_STDLIB
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    # Sourced: define the variables in the caller's shell.
    _greet_kt_main || { unset -f _greet_kt_main; return 1; }
    unset -f _greet_kt_main
else
    # Executed: print export lines for eval.
    _greet_kt_main || exit 1
    printf 'export KOTLINC=%q\nexport JNA_JAR=%q\nexport COROUTINES_JAR=%q\nexport KOTLIN_STDLIB=%q\n' \
        "$KOTLINC" "$JNA_JAR" "$COROUTINES_JAR" "$KOTLIN_STDLIB"
fi
