#!/usr/bin/env bash
# The JVM toolchain of the greet Kotlin builds (tests, soak, benchmark, jars): Java 17+ and
# Maven, with dependencies from Maven Central in a local repository OUTSIDE the clone,
# ${GREET_CACHE_DIR:-$HOME/.cache/greet}/m2. The first build resolves online; later ones
# run offline (`mvn -o`) and go online again only when something new must be fetched.
#
# Usage:
#   source scripts/kotlin-toolchain.sh          # defines greet_mvn and exports GREET_M2, GREET_POM
#   greet_mvn [MAVEN ARGS...]                   # mvn -B on tests/kotlin/pom.xml (the one reactor)
#   greet_mvn_pom POM [MAVEN ARGS...]           # the same for another project
#   greet_kotlin_package                        # the reactor's classes and jars, unless built already
#
# Installs Maven with apt-get when it is missing (Debian). Progress goes to stderr.

_greet_kt_main() {
    local cache="${GREET_CACHE_DIR:-${HOME:?HOME is not set}/.cache/greet}"
    command -v java >/dev/null 2>&1 || { echo "kotlin-toolchain: java not found (JDK 17+ needed)" >&2; return 1; }
    if ! command -v mvn >/dev/null 2>&1; then
        echo "kotlin-toolchain: installing maven (apt)" >&2
        local sudo=()
        if [[ "$(id -u)" != 0 ]]; then
            command -v sudo >/dev/null 2>&1 || { echo "kotlin-toolchain: need root or sudo for apt-get" >&2; return 1; }
            sudo=(sudo)
        fi
        if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q maven >&2; then
            "${sudo[@]}" apt-get update -q >&2 || return 1
            DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q maven >&2 || return 1
        fi
    fi
    GREET_M2="$cache/m2"
    GREET_POM="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/tests/kotlin/pom.xml"
    mkdir -p "$GREET_M2" || return 1
    export GREET_M2 GREET_POM
}

# Runs Maven on the reactor: offline when a previous build resolved everything, online (once)
# otherwise. Output is Maven's (batch mode, no transfer progress).
greet_mvn() {
    greet_mvn_pom "$GREET_POM" "$@"
}

# The same for another project (a POM file), with the same repository.
greet_mvn_pom() {
    local pom=$1 log status
    shift
    log="$(mktemp "${TMPDIR:-/tmp}/greet-mvn.XXXXXX")"
    status=0
    mvn -B -ntp -o -Dmaven.repo.local="$GREET_M2" -f "$pom" "$@" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
    if ((status != 0)) && grep -q "offline mode" "$log"; then
        echo "kotlin-toolchain: something is not in $GREET_M2 yet: resolving from Maven Central" >&2
        status=0
        mvn -B -ntp -Dmaven.repo.local="$GREET_M2" -f "$pom" "$@" || status=$?
    fi
    rm -f "$log"
    return "$status"
}

# A hash of everything the reactor compiles (Kotlin sources and POMs).
greet_kotlin_inputs() {
    (cd "$(dirname "$GREET_POM")/../.." &&
        find tests/kotlin bench/kotlin generated/kotlin generated/kotlin-jni/kotlin fixtures/*/tests/kotlin \
            fixtures/*/generated/kotlin fixtures/*/generated/kotlin-jni/kotlin -type f \( -name '*.kt' -o -name pom.xml \) \
            -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

# The stamp a complete build of the current sources leaves in target/maven.
greet_kotlin_stamp() {
    echo "$(dirname "$GREET_POM")/../../target/maven/.built-$(greet_kotlin_inputs)"
}

# Every module's classes and jars, compiled (tests not run) unless a build of exactly these
# sources is already there (scripts/test-kotlin.sh leaves one): one Maven build, reused.
greet_kotlin_package() {
    local stamp
    stamp=$(greet_kotlin_stamp)
    if [[ -f "$stamp" ]]; then
        echo "kotlin-toolchain: reusing the Maven build in target/maven (sources unchanged)" >&2
        return 0
    fi
    greet_mvn -q -DskipTests package "$@" && touch "$stamp"
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    _greet_kt_main || { unset -f _greet_kt_main; return 1; }
    unset -f _greet_kt_main
else
    _greet_kt_main || exit 1
    printf 'export GREET_M2=%q\nexport GREET_POM=%q\n' "$GREET_M2" "$GREET_POM"
fi
