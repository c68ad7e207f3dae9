#!/bin/sh
# Every man page renders without a warning (groff -ww), as man -l shows it,
# and every page in doc/ is installed (listed in doc/local.mk).
set -u
: "${DD_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
if ! command -v groff >/dev/null 2>&1; then
	echo "1..0 # SKIP groff is not installed (Debian: groff-base)"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dedi-man.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pages=$(cd "$DD_SRCDIR" && ls doc/*.[1-8])
n=0; failed=0
point() { # point OK DESCRIPTION [FILE]
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; failed=$((failed + 1))
		[ -n "${3:-}" ] && sed 's/^/# /' "$3" | head -20
	fi
}
count=0
for p in $pages; do count=$((count + 1)); done
echo "1..$((count * 3 + 1))"
for p in doc/dedi.1 doc/dedi-sandbox.1 doc/dedi-config.5; do
	case " $(echo $pages) " in *" $p "*) ;; *) pages="$pages $p" ;; esac
done
for p in $pages; do
	f="$DD_SRCDIR/$p"
	groff -ww -man -Tutf8 -P-cbou "$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
	[ $rc -eq 0 ] && [ -f "$f" ] && [ ! -s "$tmp/err" ]
	point $? "$p: groff -ww -man renders it without a warning" "$tmp/err"
	name=$(basename "$p"); name=${name%.*}
	grep -q "^NAME" "$tmp/out" && grep -q "$name" "$tmp/out" && [ "$(wc -l <"$tmp/out")" -gt 20 ]
	point $? "$p: the rendered page has its NAME section and a body" "$tmp/out"
	grep -q "dist_man_MANS += $p\$" "$DD_SRCDIR/doc/local.mk"
	point $? "$p: installed by make install (dist_man_MANS in doc/local.mk)"
done
# dedi-config(5) names every key core/config.c accepts.
miss=""
for k in $(sed -n 's/.*strcmp(key, "\([a-z_]*\)").*/\1/p' "$DD_SRCDIR/core/config.c" | sort -u); do
	grep -q "^\.B[IR]* $k\b" "$DD_SRCDIR/doc/dedi-config.5" || miss="$miss $k"
done
echo "$miss" >"$tmp/miss"
[ -z "$miss" ] && [ -s "$DD_SRCDIR/doc/dedi-config.5" ]
point $? "dedi-config.5 documents every key of core/config.c (missing:$miss)"
[ $failed -eq 0 ]
