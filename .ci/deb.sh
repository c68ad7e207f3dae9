#!/usr/bin/env bash
# The Debian package, as issue 23 asks: built with dpkg-buildpackage on a
# brand-new Debian 12 (../shared/tools/fresh-debian: a chroot with nothing
# but git), installed there with apt, then debian/tests/smoke runs from the
# installed package (dedi --version, servers list against the installed
# dedi-sandbox, the --demo console in a terminal).
# The suite already ran in CI before this, so the build skips it (nocheck).
# Prints "ok - ..." or "not ok - ..." last; exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
fresh=../shared/tools/fresh-debian
if [ ! -x "$fresh" ]; then
	echo "not ok - .deb in a fresh Debian 12: $fresh is missing"
	exit 1
fi
"$fresh" '
set -e
apt-get update -qq
apt-get install -y -qq --no-install-recommends build-essential >/dev/null
apt-get build-dep -y -qq --no-install-recommends ./ >/dev/null
DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b >/tmp/build.log 2>&1 || { tail -n 40 /tmp/build.log; exit 1; }
ls ../dedi_*.deb
apt-get install -y -qq ../dedi_*.deb >/dev/null
dpkg -L dedi | grep -E "bin/dedi$|man1/dedi.1|fr/LC_MESSAGES/dedi.mo|bash-completion" || true
sh debian/tests/smoke
'
rc=$?
if [ "$rc" -eq 0 ]; then
	echo "ok - .deb built, installed and smoke-tested in a fresh Debian 12"
else
	echo "not ok - .deb in a fresh Debian 12 (exit $rc)"
fi
exit "$rc"
