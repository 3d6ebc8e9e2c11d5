#!/usr/bin/env bash
# Consumer test of a Python wheel: in a fresh venv in a temporary directory (outside the
# repository), installs ONLY the given wheel (plus the test tools pytest and mypy), then
#   1. checks that `import greet` resolves to the installed package,
#   2. runs the repository's pytest suite (a copy of tests/python, tests/conformance and
#      tests/soak) against it with GREET_PYTHON_DIR=installed,
#   3. runs the `greet` console command and `python -m greet`, including bad arguments (exit 2),
#   4. type-checks a consumer script with `mypy --strict` and runs it, checks that mypy rejects
#      each wrong line of misuse.py, and compares the shipped stub with the runtime
#      (`python -m mypy.stubtest`, with the backend's allowlist).
#
# Usage:
#   bash tests/packaging/test-python.sh dist/greet-VERSION-...whl        (either backend's wheel)
#   bash tests/packaging/test-python.sh --pip-install-repo               `pip install <repo>`: the
#        PEP 517 build (maturin from PyPI, release profile unless MATURIN_PEP517_ARGS says
#        otherwise, e.g. "--profile dev"), then the same checks
# Environment: GREET_PYTHON (default python3), GREET_KEEP_TMP=1 keeps the temporary directory,
#   GREET_PYTEST_ARGS extra pytest arguments (e.g. "-x" or "-k conformance"; paths are relative
#   to the temporary directory, which holds tests/python).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
HERE=$ROOT/tests/packaging/python
PYTHON=${GREET_PYTHON:-python3}
[ $# -eq 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
if [ "$1" = --pip-install-repo ]; then
    what=("$ROOT")
    label="pip install $ROOT${MATURIN_PEP517_ARGS:+ (MATURIN_PEP517_ARGS=$MATURIN_PEP517_ARGS)}"
else
    [ -f "$1" ] || { echo "test-python: no wheel at $1" >&2; exit 2; }
    what=("$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")")
    label=$(basename "$1")
fi
say() { echo "== python [$label]: $*" >&2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/greet-python-consumer.XXXXXX")
cleanup() { if [ "${GREET_KEEP_TMP:-}" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi; }
trap cleanup EXIT
cd "$TMP"

t=$SECONDS
say "fresh venv in $TMP, installing the package"
"$PYTHON" -m venv venv
PY=$TMP/venv/bin/python
"$PY" -m pip install --quiet --disable-pip-version-check "${what[@]}" 'pytest>=8,<10' 'mypy>=1.18,<2'
say "installed ($((SECONDS - t)) s)"

# 1. The package comes from the venv, nothing from the repository.
"$PY" - "$TMP/venv" <<'EOF'
import os, sys
import greet
where = os.path.realpath(greet.__file__)
assert where.startswith(os.path.realpath(sys.argv[1]) + os.sep), f"greet imported from {where}"
assert greet.greet("Salutations", "friend") == "Salutations, friend"
print("import greet:", where)
EOF
backend=$("$PY" -c 'import greet; print("native" if getattr(greet, "_native", None) is not None else "uniffi")')
say "backend: $backend"

# 2. The repository's suite, run from a copy outside the repository.
mkdir tests
for dir in python conformance soak; do
    [ -d "$ROOT/tests/$dir" ] && cp -R "$ROOT/tests/$dir" tests/
done
find tests -name __pycache__ -prune -exec rm -rf {} +
t=$SECONDS
say "pytest tests/python (GREET_PYTHON_DIR=installed)"
# shellcheck disable=SC2086 # GREET_PYTEST_ARGS is a list of words
GREET_PYTHON_DIR=installed "$PY" -m pytest -q -p no:cacheprovider ${GREET_PYTEST_ARGS:-} tests/python
say "pytest passed ($((SECONDS - t)) s)"

# 3. The command line.
fail() { echo "test-python: $*" >&2; exit 1; }
expect() { # expect OUTPUT CMD...
    local want=$1 got; shift
    got=$("$@") || fail "'$*' exited $?"
    [ "$got" = "$want" ] || fail "'$*' printed $(printf %q "$got"), expected $(printf %q "$want")"
}
expect_usage_error() { # the command must exit 2 and print the usage on stderr
    local rc=0
    "$@" >out.txt 2>err.txt || rc=$?
    [ "$rc" = 2 ] || fail "'$*' exited $rc, expected 2 (stderr: $(cat err.txt))"
    grep -q '^usage: ' err.txt || fail "'$*' printed no usage: $(cat err.txt)"
    [ ! -s out.txt ] || fail "'$*' printed on stdout: $(cat out.txt)"
}
GREET=$TMP/venv/bin/greet
expect "Aloha, amigo" "$GREET" Aloha amigo
expect "Hi, amigo" "$GREET" amigo
expect "やあ、友達" "$GREET" --locale ja 友達
expect "Bonjour, Ana !" "$GREET" -l fr --tone formal --exclaim Ana
expect "Good day, Dr. Ruiz" "$GREET" --tone FORMAL --title Dr. Ruiz
expect "Aloha, amigo" "$PY" -m greet Aloha amigo
expect "Hola, amigo" "$PY" -m greet -l es amigo
"$GREET" --list-locales | grep -q '^ja' || fail "greet --list-locales lists no ja"
"$GREET" --help | grep -q -- '--locale' || fail "greet --help does not mention --locale"
"$GREET" --version | grep -q "$backend" || fail "greet --version does not name the $backend backend"
expect_usage_error "$GREET"
expect_usage_error "$GREET" one two three
expect_usage_error "$GREET" --locale xx amigo
expect_usage_error "$GREET" --tone loud amigo
expect_usage_error "$GREET" --tone formal Aloha amigo
expect_usage_error "$GREET" --bogus amigo
expect_usage_error "$GREET" "   "
expect_usage_error "$PY" -m greet
say "command line OK"

# 4. Types.
t=$SECONDS
cp "$HERE/consumer.py" "$HERE/misuse.py" .
"$PY" -m mypy --strict --no-incremental consumer.py
"$PY" consumer.py >/dev/null
marked=$(grep -n '# error:' misuse.py | cut -d: -f1 | sort -n | tr '\n' ' ')
flagged=$("$PY" -m mypy --strict --no-incremental misuse.py 2>&1 | sed -n 's/^misuse\.py:\([0-9]*\): error:.*/\1/p' | sort -nu | tr '\n' ' ' || true)
[ "$flagged" = "$marked" ] || fail "mypy --strict flagged lines [$flagged] of misuse.py, expected [$marked]"
"$PY" -m mypy.stubtest --mypy-config-file "$HERE/stubtest.ini" \
    --allowlist "$HERE/stubtest-$backend.allowlist" --ignore-disjoint-bases greet
say "types OK: mypy --strict, misuse rejected, stubtest ($((SECONDS - t)) s)"
say "passed"
