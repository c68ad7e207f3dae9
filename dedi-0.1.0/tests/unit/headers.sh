#!/bin/sh
# Every header compiles alone (STYLE.md: "Headers compile alone").
set -u
src=${DD_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
cc=${DD_CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0; bad=0
for h in "$src"/core/*.h "$src"/cli/*.h "$src"/tui/*.h "$src"/sandbox/*.h; do
	[ -f "$h" ] || continue
	rel=${h#"$src"/}
	n=$((n + 1))
	printf '#include "%s"\n#include "%s"\n' "$rel" "$rel" >"$tmp/t.c"
	# shellcheck disable=SC2086
	if $cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -fsyntax-only -I"$src" ${DD_HDR_CFLAGS:-} "$tmp/t.c" 2>"$tmp/err"; then
		echo "ok $n - $rel compiles alone (and twice)"
	else
		bad=$((bad + 1))
		echo "not ok $n - $rel compiles alone"
		sed 's/^/# /' "$tmp/err" | head -10
	fi
done
echo "1..$n"
[ "$bad" -eq 0 ]
