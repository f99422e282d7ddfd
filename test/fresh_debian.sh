#!/usr/bin/env bash
# test/fresh_debian.sh: runs the README's two commands, `bash test/demo.sh`
# and `bash test/check.sh`, as root on a MINIMAL Debian 12 made on the spot
# (debootstrap --variant=minbase bookworm, in a chroot), from a copy of this
# working tree.
#
# Why: the README promises that both commands pass on a fresh Debian 12 with
# nothing installed by hand.  A developer's machine or CI's has tools that a
# fresh Debian lacks (another Node.js, another ICU, compilers, Perl modules),
# and a green run there can hide a missing install step or a test that
# depends on such a tool.  This checks the promise itself.
#
# It is NOT part of the test command: it takes 15 to 25 minutes and needs a
# Debian package mirror (the one this machine's apt uses).
#
# Usage: bash test/fresh_debian.sh     (as root: debootstrap, mount, chroot)
# Environment:
#   FRESH_KEEP=1      keep the chroot afterwards (its path is printed)
#   FRESH_LOGDIR=DIR  where the logs go (default: a new /tmp/fresh_debian_logs.*)
#   FRESH_MIRROR=URL  the Debian mirror (default: the one of this machine's
#                     apt sources, else http://deb.debian.org/debian)
#
# What it does:
#   1. debootstrap --variant=minbase bookworm into a temporary directory,
#      with this machine's mirror; apt's sources, resolv.conf and the local
#      certificate authorities of this machine's network path copied in;
#   2. copies in the working tree: the files git tracks plus the untracked
#      ones it does not ignore, as they are now (uncommitted changes too,
#      no build products);
#   3. mounts /proc, /sys, /dev/pts and /dev/shm (and makes the few device
#      nodes in /dev if debootstrap did not), all unmounted on exit;
#   4. runs `bash test/demo.sh`, then `bash test/check.sh`, then `bash
#      test/package.sh` (the Debian package built, installed with apt-get
#      install ./...deb, and the suites run against it), as root in the
#      chroot with a clean environment, each logged, and prints each log's
#      tail and, last, "fresh_debian: demo.sh exit N, check.sh exit N,
#      package.sh exit N".
# Exits non-zero when any command failed (or the set-up did).
#
# The test scripts call `runuser -u postgres` (util-linux, in minbase) and
# call `sudo` only when not root; in the chroot they run as root, so sudo is
# neither needed nor installed.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUITE=bookworm
TREE_IN_ROOT=/usr/local/src/ticket_sla	# readable by the user postgres

if [ "$(id -u)" != 0 ]; then
	echo "fresh_debian: run as root (debootstrap, mount and chroot need it)" >&2
	exit 2
fi

# the mirror this machine's apt uses (deb822 or one-line sources)
host_mirror() {
	local f
	for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' "$f"
	done | head -n 1
	if [ -f /etc/apt/sources.list ]; then
		awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list
	fi
}
MIRROR=${FRESH_MIRROR:-$(host_mirror | head -n 1 || true)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}

if ! command -v debootstrap >/dev/null; then
	echo "fresh_debian: installing debootstrap ..."
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

LOGDIR=${FRESH_LOGDIR:-$(mktemp -d /tmp/fresh_debian_logs.XXXXXX)}
mkdir -p "$LOGDIR"
ROOT=$(mktemp -d /var/tmp/fresh_debian.XXXXXX)
chmod 755 "$ROOT"	# the chroot's /: mktemp's 0700 would shut out postgres and _apt
MOUNTS=()	# mounted under $ROOT, in order

cleanup() {
	local status=$? pid link i busy=0
	trap - EXIT INT TERM
	# processes still running in the chroot (a cluster left by an
	# interrupted test): ours, found by their root directory
	for link in /proc/[0-9]*/root; do
		pid=${link#/proc/}
		pid=${pid%/root}
		if [ "$(readlink "$link" 2>/dev/null)" = "$ROOT" ]; then
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done
	for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
		umount "${MOUNTS[i]}" 2>/dev/null || umount -l "${MOUNTS[i]}" 2>/dev/null || true
	done
	# anything else mounted below the chroot (debootstrap's own, say)
	while read -r _ mnt _; do
		case "$mnt" in "$ROOT"/*) umount -l "$mnt" 2>/dev/null || true ;; esac
	done < <(tac /proc/mounts)
	if grep -q " $ROOT/" /proc/mounts; then
		busy=1
	fi
	if [ -n "${FRESH_KEEP:-}" ]; then
		echo "fresh_debian: chroot kept in $ROOT"
	elif [ "$busy" = 0 ]; then
		rm -rf --one-file-system "$ROOT"
	else
		echo "fresh_debian: $ROOT still has mounts; not removed" >&2
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start=$(date +%s)
elapsed() { echo "$(( ($(date +%s) - start) / 60 ))m$(( ($(date +%s) - start) % 60 ))s"; }

echo "fresh_debian: debootstrap --variant=minbase $SUITE $ROOT $MIRROR (log: $LOGDIR/debootstrap.log)"
if ! debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" >"$LOGDIR/debootstrap.log" 2>&1; then
	tail -n 30 "$LOGDIR/debootstrap.log"
	echo "fresh_debian: debootstrap failed"
	exit 1
fi
echo "fresh_debian: base system ready after $(elapsed)"

# apt: this machine's sources (same mirror, the updates and security
# suites too) when they are deb822 files, else the mirror debootstrap used
if [ -f /etc/apt/sources.list.d/debian.sources ] && [ -z "${FRESH_MIRROR:-}" ]; then
	cp /etc/apt/sources.list.d/debian.sources "$ROOT/etc/apt/sources.list.d/debian.sources"
	rm -f "$ROOT/etc/apt/sources.list"
fi
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
# The network as this machine reaches it: where an egress proxy signs TLS
# with a local authority (/usr/local/share/ca-certificates), the chroot
# trusts it too, so that the npm registry answers as it does on a Debian
# with a direct connection.  The package ca-certificates, when a test
# installs it, adds these to the system's store; nothing else is copied.
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
	mkdir -p "$ROOT/usr/local/share/ca-certificates"
	cp /usr/local/share/ca-certificates/*.crt "$ROOT/usr/local/share/ca-certificates/"
fi

# the device nodes the scripts and PostgreSQL use, if debootstrap made none
mknod_if_missing() {	# NAME MAJOR MINOR
	[ -e "$ROOT/dev/$1" ] || { mknod -m 666 "$ROOT/dev/$1" c "$2" "$3"; }
}
mknod_if_missing null 1 3
mknod_if_missing zero 1 5
mknod_if_missing full 1 7
mknod_if_missing random 1 8
mknod_if_missing urandom 1 9
mknod_if_missing tty 5 0
[ -e "$ROOT/dev/fd" ] || ln -s /proc/self/fd "$ROOT/dev/fd"
[ -e "$ROOT/dev/stdin" ] || ln -s /proc/self/fd/0 "$ROOT/dev/stdin"
[ -e "$ROOT/dev/stdout" ] || ln -s /proc/self/fd/1 "$ROOT/dev/stdout"
[ -e "$ROOT/dev/stderr" ] || ln -s /proc/self/fd/2 "$ROOT/dev/stderr"

mount_in() {	# TYPE WHERE [OPTIONS]
	mkdir -p "$ROOT$2"
	mount -t "$1" ${3:+-o "$3"} "fresh_$1" "$ROOT$2"
	MOUNTS+=("$ROOT$2")
}
mount_in proc /proc
mount_in sysfs /sys
mount_in tmpfs /dev/shm mode=1777
mount_in devpts /dev/pts newinstance,ptmxmode=0666,mode=620
[ -e "$ROOT/dev/ptmx" ] || ln -s pts/ptmx "$ROOT/dev/ptmx"

# the working tree: tracked files and untracked ones not ignored, as they
# are on disk (a tracked file deleted in the tree is left out)
mkdir -p "$ROOT$TREE_IN_ROOT"
(cd "$TOP" && git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
	tar --null --no-recursion -T - -cf -) | tar -C "$ROOT$TREE_IN_ROOT" -xf -
echo "fresh_debian: working tree copied to $TREE_IN_ROOT ($(find "$ROOT$TREE_IN_ROOT" -type f | wc -l) files)"

# COMMAND NAME: run `bash test/NAME` as root in the chroot, as a person
# would on a new machine: a login's environment, nothing of this one's
run_in_chroot() {
	local name=$1 status=0
	echo "fresh_debian: bash test/$name (log: $LOGDIR/$name.log) ..."
	# in the background, so that a signal runs the trap at once
	chroot "$ROOT" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash \
		TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/bash -c "cd $TREE_IN_ROOT && bash test/$name" </dev/null >"$LOGDIR/$name.log" 2>&1 &
	wait $! || status=$?
	echo "----- tail of $name.log (exit $status, after $(elapsed)) -----"
	tail -n 40 "$LOGDIR/$name.log"
	echo "-----"
	return "$status"
}

demo=0
check=0
package=0
run_in_chroot demo.sh || demo=$?
run_in_chroot check.sh || check=$?
run_in_chroot package.sh || package=$?

echo "fresh_debian: logs in $LOGDIR; took $(elapsed)"
echo "fresh_debian: demo.sh exit $demo, check.sh exit $check, package.sh exit $package"
[ "$demo" = 0 ] && [ "$check" = 0 ] && [ "$package" = 0 ]
