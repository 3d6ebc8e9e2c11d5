#!/usr/bin/env bash
# Builds every artifact with scripts/dist.sh, then tests each as a user would, outside the
# repository's source tree (tests/packaging/):
#   python   the uniffi wheel and the native wheel, each in a fresh venv (pytest suite, console
#            command, mypy --strict, stubtest); and `pip install .` of the repository itself
#   kotlin   consumer Maven projects depending on each Kotlin jar (JNA, JNI) by coordinates
#   swift    a tiny SwiftPM package depending by path on dist/swift/Greet, in the Swift chroot
#
# Usage: bash scripts/test-packaging.sh [--profile dev|release] [--no-build] [PART...]
#   --profile dev (default)  build with the dev profile: reuses target/debug from scripts/test.sh,
#                            so CI compiles nothing twice. `pip install .` then gets
#                            MATURIN_PEP517_ARGS="--profile dev" for the same reason.
#   --profile release        test what you ship (compiles the release profile)
#   --no-build               test what is already in dist/
#   PART                     python, kotlin, swift (default: all three)
# CI runs it after scripts/test.sh. Tools are cached in ${GREET_CACHE_DIR:-~/.cache/greet}.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
PROFILE=dev
BUILD=1
PARTS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --profile) PROFILE=${2:?--profile needs dev or release}; shift 2 ;;
        --profile=*) PROFILE=${1#*=}; shift ;;
        --no-build) BUILD=0; shift ;;
        python|kotlin|swift) PARTS+=("$1"); shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "test-packaging: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
[ ${#PARTS[@]} -gt 0 ] || PARTS=(python kotlin swift)
want() { case " ${PARTS[*]} " in *" $1 "*) return 0 ;; esac; return 1; }

started=$SECONDS
timings=()
timed() { # timed LABEL CMD...
    local label=$1 t=$SECONDS; shift
    printf '\n==> test-packaging: %s\n' "$label" >&2
    "$@"
    timings+=("$(printf '%-44s %4d s' "$label" $((SECONDS - t)))")
}

if [ "$BUILD" = 1 ]; then
    skip=()
    want python || skip+=(python native)
    want kotlin || skip+=(kotlin)
    want swift || skip+=(swift)
    timed "dist.sh --profile $PROFILE" env GREET_DIST_SKIP="${skip[*]:-}" bash scripts/dist.sh --profile "$PROFILE"
fi

if want python; then
    shopt -s nullglob
    wheels=(dist/greet-*.whl dist/greet_native-*.whl)
    shopt -u nullglob
    [ ${#wheels[@]} -eq 2 ] || { echo "test-packaging: expected 2 wheels in dist/, found ${#wheels[@]}" >&2; exit 1; }
    for wheel in "${wheels[@]}"; do
        timed "python: $(basename "$wheel" | cut -d- -f1-2)" bash tests/packaging/test-python.sh "$wheel"
    done
    pep517=()
    [ "$PROFILE" = dev ] && pep517=(MATURIN_PEP517_ARGS="--profile dev")
    timed "python: pip install . (uniffi backend)" env "${pep517[@]}" bash tests/packaging/test-python.sh --pip-install-repo
fi
want kotlin && timed "kotlin: consumer Maven projects (greet-kotlin, greet-kotlin-jni)" bash tests/packaging/test-kotlin.sh
want swift && timed "swift: consumer package (dist/swift/Greet)" bash tests/packaging/test-swift.sh

printf '\nPackaging tests passed in %s s:\n' "$((SECONDS - started))"
printf '    %s\n' "${timings[@]}"
