#!/usr/bin/env bash
# The Swift toolchain for the greet bindings: Debian trixie's `swiftlang` (6.0.x) inside a
# debootstrap chroot, since no registry this project reaches has Swift for bookworm.
#
# The chroot is built once into a cache OUTSIDE the repository and reused:
#     ${GREET_CACHE_DIR:-$HOME/.cache/greet}/swift-trixie   (~2.6 GB after apt-get clean, ~4 min cold)
# Its completion marker is written only after a successful install, so an interrupted build is
# resumed or redone on the next call.
#
# Usage (as root; CI runs as root):
#     bash scripts/swift-toolchain.sh ensure              build the chroot if it is not complete
#     bash scripts/swift-toolchain.sh run CMD [ARGS...]   run CMD inside the chroot
#     bash scripts/swift-toolchain.sh root                print the chroot's path
# or `source` this file and call `swift_toolchain_ensure` / `swift_chroot_run CMD [ARGS...]`.
#
# `run` mounts /proc (swiftc fails without it) and /dev, bind-mounts the repository at the same
# absolute path, runs CMD from the current directory (if it is visible inside, else from /), and
# unmounts everything it mounted when it exits, on success, failure or signal. Where the kernel
# allows it, each run also gets a private mount namespace, so nothing can leak to the host even
# on SIGKILL and concurrent runs do not disturb each other. CMD runs in its own process group
# (so a signal stops all of it before the unmount): it is meant for batch commands, not for an
# interactive shell reading the terminal.
#
# Environment:
#     GREET_CACHE_DIR      cache base (default $HOME/.cache/greet)
#     GREET_DEBIAN_MIRROR  Debian mirror for debootstrap (default http://deb.debian.org/debian)
#     SWIFT_CHROOT_BINDS   extra host directories (colon-separated) to bind-mount at the same path
#     SWIFT_CHROOT_NO_UNSHARE=1  skip the private mount namespace (mounts on the host, undone by trap)
# Inside the chroot the environment is minimal: PATH, HOME, LANG, plus GREET_*, CI, TERM and
# LD_LIBRARY_PATH from the caller. Set others with `env VAR=value CMD ...` as the command.

_swift_tc_self=$(readlink -f "${BASH_SOURCE[0]}")
: "${GREET_REPO_ROOT:=$(cd "$(dirname "$_swift_tc_self")/.." && pwd -P)}"
SWIFT_CACHE_BASE=${GREET_CACHE_DIR:-${HOME:-/root}/.cache/greet}
SWIFT_ROOT=$SWIFT_CACHE_BASE/swift-trixie
SWIFT_SUITE=trixie
SWIFT_PACKAGES="swiftlang libc6-dev"
SWIFT_BOOTSTRAP_MARKER=$SWIFT_ROOT/.greet-debootstrap-complete
SWIFT_MARKER=$SWIFT_ROOT/.greet-toolchain-complete
SWIFT_LOCK=$SWIFT_CACHE_BASE/swift-trixie.lock
_SWIFT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

_swift_log() { echo "swift-toolchain: $*" >&2; }
_swift_die() { _swift_log "error: $*"; exit 1; }

# Mount points at or below $1, deepest first.
_swift_mounts_under() {
    awk -v r="$1" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}

# Removes a half-built chroot, but never through a mount (a bind-mounted repo must survive).
_swift_wipe_root() {
    local root=$1 m
    [ -e "$root" ] || return 0
    while read -r m; do
        [ -n "$m" ] && { umount "$m" 2>/dev/null || umount -l "$m" || true; }
    done < <(_swift_mounts_under "$root")
    if [ -n "$(_swift_mounts_under "$root")" ]; then
        _swift_die "refusing to delete $root: something is still mounted below it"
    fi
    _swift_log "removing incomplete chroot $root"
    rm -rf --one-file-system "$root"
}

_swift_marker_ok() {
    [ -f "$SWIFT_MARKER" ] && grep -qxF "packages=$SWIFT_PACKAGES" "$SWIFT_MARKER"
}

_swift_check_host() {
    [ "$(id -u)" -eq 0 ] || _swift_die "must run as root (debootstrap, mount and chroot need it)"
    case "$SWIFT_ROOT/" in
        "$GREET_REPO_ROOT"/*) _swift_die "GREET_CACHE_DIR must be outside the repository ($SWIFT_ROOT)";;
    esac
}

# True when this kernel/container lets us make a private mount namespace.
_swift_can_unshare() {
    [ -z "${SWIFT_CHROOT_NO_UNSHARE:-}" ] || return 1 # to exercise the plain-mount fallback
    command -v unshare >/dev/null 2>&1 && unshare -m --propagation private true 2>/dev/null
}

# ---- mounts for a chroot session (used inside the internal subcommands) ------------------------

_swift_mounted=()

_swift_mount() { # _swift_mount TARGET MOUNT-ARGS...
    local target=$1; shift
    mount "$@" "$target"
    _swift_mounted+=("$target")
}

_swift_unmount_all() {
    local i
    for ((i = ${#_swift_mounted[@]} - 1; i >= 0; i--)); do
        umount "${_swift_mounted[i]}" 2>/dev/null || umount -l "${_swift_mounted[i]}" 2>/dev/null \
            || _swift_log "warning: could not unmount ${_swift_mounted[i]}"
    done
    _swift_mounted=()
}

_swift_child=
_swift_on_signal() { # stops the running command's process group, then exits (EXIT unmounts)
    if [ -n "$_swift_child" ]; then
        kill -TERM -- "-$_swift_child" 2>/dev/null || kill -TERM "$_swift_child" 2>/dev/null || true
        wait "$_swift_child" 2>/dev/null || true
    fi
    exit "$1"
}

# Runs "$@" as a child in its own process group and returns its status. Bash runs no trap while
# a foreground command runs, so a signal to this shell would leave the mounts in place until the
# command ended; waiting on a background job instead lets the trap stop the command, with all
# of its subprocesses (debootstrap, swift build), and then unmount.
_swift_fg() {
    local rc=0
    set -m # job control: the child gets its own process group
    "$@" <&0 &
    _swift_child=$!
    set +m
    wait "$_swift_child" || rc=$?
    _swift_child=
    return "$rc"
}

_swift_setup_session() { # mounts /proc and /dev, and with $1=binds the repo and extra dirs
    trap _swift_unmount_all EXIT
    trap '_swift_on_signal 129' HUP; trap '_swift_on_signal 130' INT; trap '_swift_on_signal 143' TERM
    mountpoint -q "$SWIFT_ROOT/proc" || _swift_mount "$SWIFT_ROOT/proc" -t proc proc
    mountpoint -q "$SWIFT_ROOT/dev" || _swift_mount "$SWIFT_ROOT/dev" --bind /dev
    if mountpoint -q /dev/pts && ! mountpoint -q "$SWIFT_ROOT/dev/pts"; then
        _swift_mount "$SWIFT_ROOT/dev/pts" --bind /dev/pts # apt/dpkg want a pty for their logs
    fi
    [ "${1:-}" = binds ] || return 0
    local dir dirs=("$GREET_REPO_ROOT") seen
    IFS=: read -r -a extra <<< "${SWIFT_CHROOT_BINDS:-}"
    dirs+=("${extra[@]}")
    for dir in "${dirs[@]}"; do
        [ -n "$dir" ] || continue
        dir=$(readlink -f "$dir") || continue
        [ -d "$dir" ] || _swift_die "cannot bind $dir: not a directory"
        for seen in "${_swift_bound[@]}"; do
            case "$dir/" in "$seen"/*) continue 2;; esac
        done
        mkdir -p "$SWIFT_ROOT$dir"
        _swift_mount "$SWIFT_ROOT$dir" --bind "$dir"
        _swift_bound+=("$dir")
    done
}
_swift_bound=()

_swift_chroot_exec() { # _swift_chroot_exec CWD CMD [ARGS...]  (in a session; execs: call in a subshell)
    local cwd=$1; shift
    local envs=(HOME=/root "PATH=$_SWIFT_PATH" LANG=C.UTF-8) name
    while IFS= read -r name; do
        envs+=("$name=${!name}")
    done < <(compgen -e | grep -E '^(GREET_[A-Za-z0-9_]*|CI|TERM|LD_LIBRARY_PATH)$' || true)
    # shellcheck disable=SC2016 # $0/$@ expand in the inner sh
    exec chroot "$SWIFT_ROOT" /usr/bin/env -i "${envs[@]}" /bin/sh -c 'cd "$0" && exec "$@"' "$cwd" "$@"
}

# ---- internal subcommands (run in their own process, maybe in a private namespace) ------------

_swift_internal_build() {
    set -euo pipefail
    _swift_marker_ok && return 0
    mkdir -p "$SWIFT_CACHE_BASE"
    local started=$SECONDS
    trap '_swift_on_signal 129' HUP; trap '_swift_on_signal 130' INT; trap '_swift_on_signal 143' TERM
    if [ ! -f "$SWIFT_BOOTSTRAP_MARKER" ]; then
        _swift_wipe_root "$SWIFT_ROOT"
        if ! command -v debootstrap >/dev/null 2>&1; then
            _swift_log "installing debootstrap on the host"
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
        fi
        local script=()
        # An older debootstrap may not know the suite's name; trixie bootstraps like sid.
        if [ ! -e "/usr/share/debootstrap/scripts/$SWIFT_SUITE" ]; then
            script=(/usr/share/debootstrap/scripts/sid)
        fi
        _swift_log "debootstrap $SWIFT_SUITE into $SWIFT_ROOT (about 1.5 min)"
        _swift_fg debootstrap --variant=minbase "$SWIFT_SUITE" "$SWIFT_ROOT" \
            "${GREET_DEBIAN_MIRROR:-http://deb.debian.org/debian}" "${script[@]}" >"$SWIFT_CACHE_BASE/debootstrap.log" 2>&1 \
            || { tail -n 30 "$SWIFT_CACHE_BASE/debootstrap.log" >&2; _swift_die "debootstrap failed (log: $SWIFT_CACHE_BASE/debootstrap.log)"; }
        touch "$SWIFT_BOOTSTRAP_MARKER"
    fi
    _swift_setup_session
    _swift_log "installing $SWIFT_PACKAGES in the chroot (about 2 min)"
    _swift_fg _swift_chroot_exec / /bin/sh -ec '
        export DEBIAN_FRONTEND=noninteractive
        dpkg --configure -a >/dev/null
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends '"$SWIFT_PACKAGES"' >/dev/null
        apt-get clean'
    local version
    version=$(_swift_chroot_exec / swiftc --version 2>&1 | head -n 1) \
        || _swift_die "swiftc does not run in the chroot: $version"
    printf 'packages=%s\nswift=%s\nbuilt=%s\n' "$SWIFT_PACKAGES" "$version" "$(date -u +%FT%TZ)" \
        >"$SWIFT_MARKER.tmp"
    mv "$SWIFT_MARKER.tmp" "$SWIFT_MARKER"
    _swift_log "ready: $version ($((SECONDS - started)) s)"
}

_swift_internal_run() {
    set -euo pipefail
    local cwd=/ dir rc=0
    local here
    here=$(pwd -P)
    for dir in "$GREET_REPO_ROOT" ${SWIFT_CHROOT_BINDS:+${SWIFT_CHROOT_BINDS//:/ }}; do
        dir=$(readlink -f "$dir" 2>/dev/null) || continue
        case "$here/" in "$dir"/*) cwd=$here;; esac
    done
    _swift_setup_session binds
    _swift_fg _swift_chroot_exec "$cwd" "$@" || rc=$?
    exit "$rc"
}

# ---- public functions ----------------------------------------------------------------------------

# Builds the chroot unless a complete one is cached.
swift_toolchain_ensure() {
    _swift_check_host
    _swift_marker_ok && return 0
    ( _swift_exec_build )
}

# Takes the lock, then becomes the __build shell (in a private mount namespace when possible).
_swift_exec_build() {
    local fd
    mkdir -p "$SWIFT_CACHE_BASE"
    exec {fd}>>"$SWIFT_LOCK"
    flock -x "$fd"
    _swift_can_unshare && exec unshare -m --propagation private -- bash "$_swift_tc_self" __build
    exec bash "$_swift_tc_self" __build
}

# Runs a command inside the chroot (see the header); returns the command's exit status.
swift_chroot_run() {
    [ $# -gt 0 ] || _swift_die "swift_chroot_run: no command"
    swift_toolchain_ensure
    ( _swift_exec_run "$@" )
}

# Takes the lock (shared with private namespaces, where concurrent runs are independent), then
# becomes the __run shell, so that a signal to this process reaches the one that unmounts.
_swift_exec_run() {
    local fd
    exec {fd}>>"$SWIFT_LOCK"
    if _swift_can_unshare; then
        flock -s "$fd"
        exec unshare -m --propagation private -- bash "$_swift_tc_self" __run "$@"
    fi
    flock -x "$fd"
    exec bash "$_swift_tc_self" __run "$@"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    cmd=${1:-ensure}
    [ $# -gt 0 ] && shift
    case "$cmd" in
        ensure) _swift_check_host; _swift_marker_ok || _swift_exec_build ;;
        run) [ $# -gt 0 ] || _swift_die "run: no command"; swift_toolchain_ensure; _swift_exec_run "$@" ;;
        root) echo "$SWIFT_ROOT" ;;
        __build) _swift_internal_build ;;
        __run) _swift_internal_run "$@" ;;
        *) echo "usage: $0 ensure | run CMD [ARGS...] | root" >&2; exit 2 ;;
    esac
fi
