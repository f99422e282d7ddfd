#!/usr/bin/env bash
# test/package.sh: builds the Debian package postgresql-15-ticket-sla from
# this tree the way Debian packages PostgreSQL extensions (debian/, with
# postgresql-common's pg_buildext), installs it with apt-get install
# ./...deb, and runs the regression suites and isolation specs of the
# Makefile against the installed package (pg_buildext installcheck, in a
# throwaway cluster of pg_virtualenv).
#
# Why: `make install` is one way in; a Debian machine's administrator
# installs a package.  This proves that the package holds everything the
# extension needs and that what it installs passes the suites.
#
# Usage: bash test/package.sh     (as root, or a user with sudo; Debian 12)
#   The package and its build log end up in a new /tmp/ticket_sla_package.*.
#   test/fresh_debian.sh runs it on a minimal Debian 12 after the README's
#   two commands.
source "$(dirname "$0")/lib.sh"
require_root "$@"

ensure_packages "${BASE_PACKAGES[@]}" build-essential debhelper dpkg-dev postgresql-server-dev-all
VERSION=$(dpkg-parsechangelog -l "$TOP/debian/changelog" -S Version)
WORK=$(mktemp -d /tmp/ticket_sla_package.XXXXXX)
chmod 755 "$WORK"
SRC="$WORK/ticket-sla-$VERSION"

# the tree as git would check it out (tracked files, and untracked ones not
# ignored); without git (a copy of a tree), every file but build products
mkdir "$SRC"
if command -v git >/dev/null && git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$TOP" && { git ls-files -z; git ls-files -z --others --exclude-standard; } |
		sort -zu | tar --null --no-recursion -T - -cf -) | tar -C "$SRC" -xf -
else
	(cd "$TOP" && tar --exclude='*.o' --exclude='*.bc' --exclude='*.so' --exclude=results \
		--exclude=tmp_check --exclude=tmp_check_iso --exclude=output_iso --exclude=log \
		--exclude='regression.*' -cf - .) | tar -C "$SRC" -xf -
fi

echo "package: building postgresql-$PG_MAJOR-ticket-sla $VERSION (log: $WORK/build.log)"
(cd "$SRC" && dpkg-buildpackage -us -uc -b) >"$WORK/build.log" 2>&1 || {
	tail -n 60 "$WORK/build.log"
	exit 1
}
DEB="$WORK/postgresql-$PG_MAJOR-ticket-sla_${VERSION}_$(dpkg --print-architecture).deb"
echo "package: built $(basename "$DEB")"
dpkg -c "$DEB" | awk '{ print $6 }' | grep -E '\.(so|control)$|ticket_sla--[0-9.]+\.sql$'

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$DEB" >"$WORK/install.log" 2>&1 || {
	tail -n 40 "$WORK/install.log"
	exit 1
}
owner=$(dpkg -S "$("$PG_CONFIG" --pkglibdir)/ticket_sla.so" | cut -d: -f1)
echo "package: installed; ticket_sla.so belongs to $owner"
[ "$owner" = "postgresql-$PG_MAJOR-ticket-sla" ] || exit 1

echo "package: pg_buildext installcheck (log: $WORK/installcheck.log)"
status=0
(cd "$SRC" && pg_buildext installcheck) >"$WORK/installcheck.log" 2>&1 || status=$?
grep -E '^ *(All [0-9]+ tests passed|[0-9]+ of [0-9]+ tests failed)' "$WORK/installcheck.log" ||
	tail -n 60 "$WORK/installcheck.log"
echo "package: installcheck exit $status"
exit "$status"
