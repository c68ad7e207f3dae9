#!/bin/sh
# Bench: the CPU that `servers list` costs per server, for each output
# (json, yaml, csv), against dedi-sandbox with no latency. Instructions
# (callgrind) are repeatable on a loaded machine, CPU time is not: both
# are printed, with the load average. Writes the encrypted cache, as a
# whole listing does, into a private XDG_CACHE_HOME.
#   tests/bench/list_cpu.sh [SERVERS] [FORMATS...]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${DD_BUILDDIR:-$top}
n=${1:-10000}
[ $# -gt 0 ] && shift
fmts=${*:-json yaml csv}
tmp=$(mktemp -d)
sb=
trap '[ -n "$sb" ] && kill "$sb" 2>/dev/null; rm -rf "$tmp"' EXIT
"$B/dedi-sandbox" --port 0 --seed 1 --servers "$n" >"$tmp/url" 2>"$tmp/sb.err" &
sb=$!
i=0
while ! grep -q http "$tmp/url" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 600 ] || { cat "$tmp/sb.err" >&2; exit 2; }
	sleep 0.05
done
url=$(head -n1 "$tmp/url")
run() {
	env -u DEDI_ONLINE_TOKEN -u DEDI_PROFILE HOME="$tmp" XDG_CACHE_HOME="$tmp/cache" \
		XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" \
		SCW_API_URL="$url" SCW_SECRET_KEY=00000000-0000-4000-8000-00000000de70 "$@"
}
echo "servers: $n, load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
printf '%-6s %14s %12s %10s %12s\n' format instructions "per server" "CPU s" "µs/server"
for f in $fmts; do
	run /usr/bin/time -f '%U %S' -o "$tmp/time" "$B/dedi" servers list -o "$f" >"$tmp/out" 2>"$tmp/err" ||
		{ cat "$tmp/err" >&2; exit 1; }
	read -r u s <"$tmp/time"
	if command -v valgrind >/dev/null 2>&1; then
		run valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$f" "$B/dedi" servers list -o "$f" \
			>/dev/null 2>"$tmp/cg.err" || { tail -n3 "$tmp/cg.err" >&2; exit 1; }
		ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$tmp/cg.$f")
		[ -n "${DD_KEEP_CALLGRIND:-}" ] && cp "$tmp/cg.$f" "$DD_KEEP_CALLGRIND.$f"
	else
		ir=0
	fi
	printf '%-6s %14s %12s %10s %12s\n' "$f" "$ir" "$((ir / n))" "$(awk "BEGIN{printf \"%.2f\", $u + $s}")" \
		"$(awk "BEGIN{printf \"%.1f\", ($u + $s) * 1e6 / $n}")"
done
