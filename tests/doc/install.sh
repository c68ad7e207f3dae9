#!/bin/sh
# make install DESTDIR=...: the programs, the themes, the man pages and the bash and zsh completions land
# where the configured directories say, and the installed dedi runs; the
# French catalog lands in localedir.
set -u
: "${DD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${DD_SRCDIR:=$DD_BUILDDIR}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dedi-install.XXXXXX") || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
n=0; failed=0
point() { # point STATUS DESCRIPTION [FILE]
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; failed=$((failed + 1))
		[ -n "${3:-}" ] && tail -n 20 "$3" | sed 's/^/# /'
	fi
}
# A make of its own: not the jobs of the make that runs the tests.
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make "$@"; }
dirs=$(printf 'print-dirs:\n\t@echo $(bindir) $(mandir) $(pkgdatadir) $(localedir)\n' |
	mk -s -C "$DD_BUILDDIR" -f Makefile -f - print-dirs | tail -n 1)
set -- $dirs
bindir=${1:-/nonexistent}; mandir=${2:-/nonexistent}; pkgdatadir=${3:-/nonexistent}
localedir=${4:-/nonexistent}
echo "1..10"
mk -C "$DD_BUILDDIR" install DESTDIR="$tmp/root" >"$tmp/log" 2>&1
point $? "make install DESTDIR=... succeeds" "$tmp/log"
r="$tmp/root"
[ -x "$r$bindir/dedi" ] && [ -x "$r$bindir/dedi-sandbox" ]
point $? "dedi and dedi-sandbox are in bindir ($bindir)"
out=$("$r$bindir/dedi" --version 2>&1)
[ "$out" = "dedi $(sed -n 's/^PACKAGE_VERSION = //p' "$DD_BUILDDIR/Makefile")" ]
point $? "the installed dedi --version says its version ($out)"
ok=0
for p in man1/dedi.1 man1/dedi-sandbox.1 man5/dedi-config.5; do
	cmp -s "$r$mandir/$p" "$DD_SRCDIR/doc/${p#*/}" || { ok=1; echo "# missing or different: $mandir/$p"; }
done
point $ok "the three man pages are in mandir ($mandir), as written"
ok=0
for t in dark light high-contrast mono; do
	cmp -s "$r$pkgdatadir/themes/$t.theme" "$DD_SRCDIR/themes/$t.theme" || { ok=1; echo "# missing or different: $t.theme"; }
done
point $ok "the four themes are in $pkgdatadir/themes, as shipped"
# The installed dedi finds its themes there: it knows its pkgdatadir.
grep -q "$pkgdatadir" "$r$bindir/dedi"
point $? "the installed dedi looks for its themes in $pkgdatadir"
# bash-completion loads completions/dedi on demand ($datadir is
# pkgdatadir's parent).
comp="${pkgdatadir%/*}/bash-completion/completions/dedi"
cmp -s "$r$comp" "$DD_SRCDIR/completion/dedi.bash"
point $? "the bash completion is $comp, as shipped"
# Debian's zsh has $datadir/zsh/vendor-completions on its $fpath.
zcomp="${pkgdatadir%/*}/zsh/vendor-completions/_dedi"
cmp -s "$r$zcomp" "$DD_SRCDIR/completion/_dedi"
point $? "the zsh completion is $zcomp, as shipped"
# The French catalog, compiled from po/fr.po and po/fr-cmd.po, and the
# installed dedi finds it there (it knows its localedir).
mo="$localedir/fr/LC_MESSAGES/dedi.mo"
cmp -s "$r$mo" "$DD_BUILDDIR/po/locale/fr/LC_MESSAGES/dedi.mo" && [ "$(msgunfmt "$r$mo" 2>/dev/null | grep -c '^msgid ')" -gt 100 ] &&
	grep -q "$localedir" "$r$bindir/dedi"
point $? "the French catalog is $mo, and the installed dedi looks there"
extra=$(cd "$r" && find . -type f | grep -v -e "^.$bindir/dedi" -e "^.$mandir/man[15]/dedi" -e "^.$mo\$" \
	-e "^.$pkgdatadir/themes/[a-z-]*\.theme\$" -e "^.$comp\$" -e "^.$zcomp\$" | head -5)
[ -z "$extra" ] && [ -n "$(cd "$r" && find . -type f)" ]
point $? "nothing else is installed (${extra:-nothing})"
[ $failed -eq 0 ]
