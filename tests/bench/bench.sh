#!/bin/sh
# make bench: issue 24's table, measured in one run on this machine against
# dedi-sandbox with injected latency. Each row says what it measured, its
# bound or target and the verdict; the script exits 1 when a target is
# missed by more than 50% (so it can guard against regressions), 2 when a
# measurement could not be made. Not part of make check: times depend on
# the machine and its load.
#   tests/bench/bench.sh        (DD_BUILDDIR: where dedi was built)
# DD_BENCH_SANDBOX_ARGS: more options for every dedi-sandbox it starts
# (--no-page-cache measures the client against the sandbox's old pages).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${DD_BUILDDIR:-$top}
LAT=${DD_BENCH_LATENCY:-50}
tmp=$(mktemp -d)
sbs=""
trap 'for p in $sbs; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
missed=0
KEY=00000000-0000-4000-8000-00000000de70
OTOKEN=demo0000000000000000000000000000online
conc=${DEDI_MAX_CONNECTIONS:-16}

die() { echo "bench: $*" >&2; exit 2; }
# Under bash (make bench runs $(SHELL)), the clock is read without a
# process: a `date` costs 15-20 ms of fork and exec on a VM, which the
# timed command was charged for. And into a variable, not through $(...):
# that is a subshell, a fork and its exit (1-3 ms) inside the timed span.
if [ -n "${BASH_VERSION:-}" ] && [ -n "${EPOCHREALTIME:-}" ]; then
	stamp() { eval "$1=\${EPOCHREALTIME/[.,]/}000"; }
else
	stamp() { eval "$1=\$(date +%s%N)"; }
fi
ms() { echo $(( ($2 - $1) / 1000000 )); }
# calc EXPR: awk arithmetic, printed as given by the format in $1.
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
# verdict VALUE TARGET: "ok", "missed" or "MISSED >50%". It runs inside
# $(...), a subshell, so a miss is left as a file for the exit code.
verdict() {
	if awk "BEGIN { exit !($1 <= $2) }"; then echo ok
	elif awk "BEGIN { exit !($1 <= $2 * 1.5) }"; then echo "missed"
	else : >"$tmp/missed"; echo "MISSED >50%"; fi
}

# sandbox NAME ARGS...: starts one, sets $url.
sandbox() {
	name=$1; shift
	# shellcheck disable=SC2086 # word splitting of the extra options wanted
	"$B/dedi-sandbox" --port 0 --seed 1 "$@" ${DD_BENCH_SANDBOX_ARGS:-} >"$tmp/$name.url" 2>"$tmp/$name.err" &
	sbs="$sbs $!"
	i=0
	while ! grep -q http "$tmp/$name.url" 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 600 ] || die "dedi-sandbox $* did not start: $(cat "$tmp/$name.err")"
		sleep 0.05
	done
	url=$(head -n1 "$tmp/$name.url")
}
# A home of its own: the user's config cannot change what is measured, and
# the caches written go in $tmp, not over the user's own. Set in a
# subshell that execs the command: an `env` in front cost a fork and an
# exec (3-4 ms on a VM) that the timed command was charged for.
mkdir -p "$tmp/home"
priv() {
	export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/config" XDG_CACHE_HOME="$tmp/home/cache" \
		XDG_DATA_HOME="$tmp/home/data" XDG_STATE_HOME="$tmp/home/state"
	unset DEDI_PROFILE
}
scw() (priv; unset DEDI_ONLINE_TOKEN; export SCW_API_URL="$url" SCW_SECRET_KEY=$KEY; exec "$@")
online() (priv; unset SCW_SECRET_KEY; export DEDI_ONLINE_API_URL="$url/api/v1" DEDI_ONLINE_TOKEN=$OTOKEN; exec "$@")
count() { grep -c '^      "id": ' "$1" || true; }
# One timed listing into $tmp/out; sets $el (ms) and $got (servers).
timed() {
	stamp t0; "$@" servers list --json >"$tmp/out" 2>"$tmp/out.err" || die "dedi failed: $(cat "$tmp/out.err")"
	stamp t1; el=$(ms "$t0" "$t1"); got=$(count "$tmp/out")
}

echo "dedi make bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg), latency ${LAT} ms, DEDI_MAX_CONNECTIONS=$conc"
printf '%-4s %-58s %12s %12s %8s %s\n' row what measured bound ratio verdict

# (1) Scaleway listing of 1,000 servers, (6) the same one at a time.
sandbox lat --servers 1000 --latency "$LAT" --online-token "$OTOKEN"
# The bound: page 1 of every zone at once, then the other pages, conc at a time.
rest=0
for z in fr-par-1 fr-par-2 nl-ams-1; do
	t=$(curl -s -H "X-Auth-Token: $KEY" "$url/dedibox/v1/zones/$z/servers?page=1&page_size=100" |
		sed -n 's/.*"total_count": *\([0-9]*\).*/\1/p')
	[ -n "$t" ] || die "no total_count from $z"
	p=$(( (t + 99) / 100 )); [ $p -gt 1 ] && rest=$((rest + p - 1))
done
trips=$(( 1 + (rest + conc - 1) / conc ))
bound=$((trips * LAT))
# The median of five: one listing is 150 ms, and one sample of it is at
# the mercy of a scheduler tick on a shared machine. One listing first,
# not counted (as hyperfine's warm-up): the sandbox's first answers and
# the first write of the cache's directory.
timed scw "$B/dedi"
samples=
for _ in 1 2 3 4 5; do
	timed scw "$B/dedi"
	[ "$got" -eq 1000 ] || die "row 1 listed $got servers, not 1000"
	samples="$samples $el"
done
el=$(printf '%s\n' $samples | sort -n | sed -n 3p)
r=$(calc %.2f "$el / $bound")
printf '%-4s %-58s %9d ms %9d ms %7sx %s\n' 1 "1,000 servers, 3 zones, Scaleway ($trips trips; median of 5)" "$el" "$bound" "$r" \
	"$(verdict "$r" 1.3) (samples:$samples ms)"
conc_el=$el
# What no request can save: the process's start and exit, here as
# `dedi --version` (the loader binding libcurl's forty-odd libraries),
# the best of five. Shown, not judged: row 1's bound counts round trips.
best=
for _ in 1 2 3 4 5; do
	stamp t0; "$B/dedi" --version >/dev/null 2>&1 || die "dedi --version failed"; stamp t1
	e=$(ms "$t0" "$t1"); { [ -z "$best" ] || [ "$e" -lt "$best" ]; } && best=$e
done
printf '%-4s %-58s %9d ms %12s %8s %s\n' 1s "of which dedi's start and exit (dedi --version, best of 5)" "$best" "" "" \
	"row 1 less this: $(calc %.2f "($conc_el - $best) / $bound")x the bound"
timed scw env DEDI_MAX_CONNECTIONS=1 "$B/dedi"
[ "$got" -eq 1000 ] || die "row 6 listed $got servers, not 1000"
strips=$((3 + rest))
printf '%-4s %-58s %9d ms %9d ms %7sx %s\n' 6 "the same, DEDI_MAX_CONNECTIONS=1 ($strips round trips)" "$el" "$((strips * LAT))" \
	"$(calc %.2f "$el / ($strips * $LAT)")" "$(calc %.1f "$el / $conc_el")x slower than row 1"

# (2) Online v1: the list of references, then one request per server.
timed online "$B/dedi"
[ "$got" -ge 1000 ] || die "row 2 listed $got servers, not 1000"
trips=$(( 1 + (got + conc - 1) / conc ))
bound=$((trips * LAT))
r=$(calc %.2f "$el / $bound")
printf '%-4s %-58s %9d ms %9d ms %7sx %s\n' 2 "Online v1, $got servers, one request each ($trips trips)" "$el" "$bound" "$r" "$(verdict "$r" 1.3)"

# (2b) etag24: the same listing again from a cache of its ETags: one
# If-None-Match per server, a 304 for each unchanged one. Still one round
# trip each (the bound of row 2); what it saves is the bodies: counted by
# the sandbox (GET /__sandbox/stats), target none of them sent again.
sbstat() { curl -s "$url/__sandbox/stats" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
online env XDG_CACHE_HOME="$tmp/etag" "$B/dedi" servers list --json >/dev/null 2>&1 || die "row 2b: the first start failed"
g0=$(sbstat GET); m0=$(sbstat not_modified)
timed online env XDG_CACHE_HOME="$tmp/etag" "$B/dedi"
[ "$got" -ge 1000 ] || die "row 2b listed $got servers, not 1000"
n304=$(( $(sbstat not_modified) - m0 )); full=$(( $(sbstat GET) - g0 - n304 - 1 ))
r=$(calc %.2f "$el / $bound")
printf '%-4s %-58s %9d ms %9d ms %7sx %s\n' 2b "Online v1, second start with the cache (If-None-Match)" "$el" "$bound" "$r" \
	"$(verdict "$r" 1.3); $full full bodies, $n304 x 304"
[ "$full" -eq 0 ] || missed=1

# (7) and (5): 10,000 servers, no latency: dedi against the official SDK.
sandbox big --servers 10000
scw /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$B/dedi" servers list --json >"$tmp/out" 2>"$tmp/out.err" ||
	die "dedi failed: $(cat "$tmp/out.err")"
got=$(count "$tmp/out")
[ "$got" -eq 10000 ] || die "row 7 listed $got servers, not 10000"
read -r dw du ds drss <"$tmp/time"
dcpu=$(calc %.2f "$du + $ds")
per=$(calc %.1f "($du + $ds) * 1e6 / 10000")
printf '%-4s %-58s %9s µs %9s µs %8s %s\n' 7a "CPU per server, servers list --json, 10,000 servers" "$per" 10 "" "$(verdict "$per" 10)"
# Instructions are repeatable where CPU time is not (a loaded machine).
if command -v valgrind >/dev/null 2>&1; then
	scw valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$B/dedi" servers list --json >/dev/null 2>"$tmp/cg.err" ||
		die "dedi under callgrind failed: $(tail -n3 "$tmp/cg.err")"
	ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$tmp/cg")
	printf '%-4s %-58s %12s %12s %8s %s\n' 7d "instructions per server (callgrind, whole run / 10,000)" "$((ir / 10000))" "" "" "repeatable; not judged"
else
	printf '%-4s %s\n' 7d "skipped: valgrind is not installed (instructions per server)"
fi
mods="$B/tests/sdk/cache/node_modules"
if ! command -v node >/dev/null 2>&1; then
	printf '%-4s %s\n' 7b "skipped: node is not installed (the official SDK is a Node package)"
elif [ ! -d "$mods/@scaleway/sdk-dedibox" ]; then
	printf '%-4s %s\n' 7b "skipped: the SDK is not installed; make check TESTS=tests/sdk/run.sh installs it into $B/tests/sdk/cache"
else
	cp "$top/tests/bench/sdk_list.mjs" "$B/tests/sdk/cache/bench_sdk_list.mjs"
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/ntime" node "$B/tests/sdk/cache/bench_sdk_list.mjs" "$url" "$KEY" >"$tmp/nout" 2>"$tmp/nerr" ||
		die "the SDK script failed: $(head -c 400 "$tmp/nerr")"
	rm -f "$B/tests/sdk/cache/bench_sdk_list.mjs"
	[ "$(cat "$tmp/nout")" = 10000 ] || die "the SDK script listed $(cat "$tmp/nout") servers, not 10000"
	read -r nw nu ns nrss <"$tmp/ntime"
	sp=$(calc %.2f "$nw / ($dw > 0 ? $dw : 0.01)")
	printf '%-4s %-58s %9s s  %9s s  %7sx %s\n' 7b "wall time, dedi (measured) vs Node SDK (bound column)" "$dw" "$nw" "$sp" \
		"$(verdict "3" "$sp") (target: dedi 3x faster)"
	printf '%-4s %-58s %9s s  %9s s\n' 7c "CPU time, dedi vs Node SDK" "$dcpu" "$(calc %.2f "$nu + $ns")"
fi
mib=$(calc %.1f "$drss / 1024")
printf '%-4s %-58s %8s MiB %8s MiB %8s %s\n' 5a "peak RSS, servers list --json, 10,000 servers (no invoices)" "$mib" 32 "" "$(verdict "$mib" 32)"

# (3) and (4): through the pty and libvterm, as the screen tests see it.
if [ -x "$B/tests/screen/bench_screen" ]; then
	(cd "$B" && DD_BUILDDIR="$B" tests/screen/bench_screen 10000 scw) >"$tmp/screen" 2>&1 || die "bench_screen failed: $(tail -n3 "$tmp/screen")"
	first=$(sed -n 's/^start to first painted table: \([0-9.]*\) ms/\1/p' "$tmp/screen")
	med=$(sed -n 's/^filter keystroke: .* \([0-9.]*\) ms median.*/\1/p' "$tmp/screen")
	worst=$(sed -n 's/^filter keystroke: .*, \([0-9.]*\) ms worst.*/\1/p' "$tmp/screen")
	cached=$(sed -n 's/^start to first painted table, cached: \([0-9.]*\) ms/\1/p' "$tmp/screen")
	printf '%-4s %-58s %9s ms %9s ms %8s %s\n' 3 "start to first table, 10,000 servers from the encrypted cache" "$cached" 100 "" "$(verdict "$cached" 100)"
	printf '%-4s %-58s %9s ms %12s %8s %s\n' 3b "start to first table, 10,000 servers from the network" "$first" "" "" "not judged (shown beside 3)"
	printf '%-4s %-58s %9s ms %9s ms %8s %s\n' 4a "filter keystroke over 10,000 rows, median" "$med" 5 "" "$(verdict "$med" 5)"
	printf '%-4s %-58s %9s ms %9s ms %8s %s\n' 4b "filter keystroke over 10,000 rows, worst" "$worst" 20 "" "$(verdict "$worst" 20)"
	# The console holds the fleet and every invoice its Billing tab reads:
	# bench_screen's sandbox has --invoices 5000 (both sources, 5,003).
	hwm=$(sed -n 's/^peak RSS, console with servers and invoices: \([0-9]*\) KiB/\1/p' "$tmp/screen")
	ninv=$(sed -n 's/^invoices loaded: \([0-9]*\)/\1/p' "$tmp/screen")
	[ -n "$hwm" ] && [ -n "$ninv" ] || die "bench_screen gave no peak RSS or invoice count: $(tail -n3 "$tmp/screen")"
	cmib=$(calc %.1f "$hwm / 1024")
	printf '%-4s %-58s %8s MiB %8s MiB %8s %s\n' 5b "peak RSS, console, 10,000 servers and $ninv invoices" "$cmib" 32 "" "$(verdict "$cmib" 32)"
else
	die "tests/screen/bench_screen is not built (make bench builds it)"
fi
[ ! -e "$tmp/missed" ] || missed=1
[ $missed -eq 0 ] || echo "bench: a target was missed by more than 50%"
exit $missed
