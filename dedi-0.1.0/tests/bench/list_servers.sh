#!/bin/sh
# Bench: listing N servers (default 10,000) against dedi-sandbox with a
# round-trip latency (default 20 ms), dedi against a naive client that
# reads the pages one after the other (what a sequential paginator does).
# Both run in this one run on this machine; the ratio is what counts.
#   tests/bench/list_servers.sh [SERVERS] [LATENCY_MS]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${DD_BUILDDIR:-$top}
n=${1:-10000}
lat=${2:-20}
tmp=$(mktemp -d)
trap 'kill $sb 2>/dev/null; rm -rf "$tmp"' EXIT
"$B/dedi-sandbox" --port 0 --servers "$n" --latency "$lat" >"$tmp/url" &
sb=$!
while ! grep -q http "$tmp/url" 2>/dev/null; do sleep 0.05; done
url=$(head -n1 "$tmp/url")
export SCW_API_URL=$url SCW_SECRET_KEY=00000000-0000-4000-8000-00000000de70
unset DEDI_ONLINE_TOKEN

now() { date +%s.%N; }
t0=$(now)
"$B/dedi" servers list --json >"$tmp/out"
t1=$(now)
got=$(grep -c '^      "id": ' "$tmp/out")

if command -v curl >/dev/null; then
	t2=$(now)
	for z in fr-par-1 fr-par-2 nl-ams-1; do
		p=1
		while :; do
			c=$(curl -s -H "X-Auth-Token: $SCW_SECRET_KEY" \
				"$url/dedibox/v1/zones/$z/servers?page=$p&page_size=100" | grep -o '"id":' | wc -l)
			[ "$c" -lt 100 ] && break
			p=$((p + 1))
		done
	done
	t3=$(now)
	awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v n="$got" -v lat="$lat" 'BEGIN {
		printf "servers listed: %d, latency %d ms\n", n, lat
		printf "dedi (parallel pages):      %.3f s\n", b - a
		printf "sequential pages (curl):    %.3f s\n", d - c
		printf "ratio sequential/dedi:      %.1fx\n", (d - c) / (b - a) }'
else
	awk -v a="$t0" -v b="$t1" -v n="$got" -v lat="$lat" 'BEGIN {
		printf "servers listed: %d, latency %d ms\ndedi: %.3f s (install curl for the sequential baseline)\n", n, lat, b - a }'
fi
