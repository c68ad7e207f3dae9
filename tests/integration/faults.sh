#!/bin/sh
# dedi against dedi-sandbox --faults: for each fault a clear message, the
# README's exit code, nothing half-printed on stdout, no hang past the
# stall limit (DEDI_STALL_SECONDS=1), reads retried and writes never,
# redirects never followed (the other host receives nothing).
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
# Short waits and one retry schedule: the same run every time.
# A stall limit of 10 s except where a stall is the point: a loaded
# machine can take over a second to serve the 9 MiB body.
export DEDI_STALL_SECONDS=10 DEDI_RETRY_CAP_SECONDS=1 DEDI_JITTER_SEED=25
STATS="$TMP/stats"
OTHER_PID=""
# Asked of the sandbox, not read from --stats: a stalled request's count
# reaches that file only when the stall ends.
stat() { { curl -sf "$URL/__sandbox/stats"; echo; } >"$TMP/stats.now"; sb_count "$TMP/stats.now" "$1"; }
# fault SPEC: the sandbox's faults from now on ("" clears them).
fault() { curl -sf -o /dev/null -X POST -G --data-urlencode "spec=$1" "$URL/__sandbox/faults" || not_ok "the sandbox takes the fault spec $1"; }
# gets CMD...: runs dedi, $got is the number of GETs it made.
gets() { g0=$(stat GET); dedi "$@"; got=$(($(stat GET) - g0)); }
quiet_out() { [ ! -s "$TMP/out" ]; }
stop_other() { [ -n "$OTHER_PID" ] && kill "$OTHER_PID" 2>/dev/null && wait "$OTHER_PID" 2>/dev/null; OTHER_PID=""; }
trap 'stop_other; cleanup' EXIT

start_sandbox --servers 12 --seed 25 --stats "$STATS" || exit 1
use_scw
gets servers list --json
B=$got
id=$(json_ids "$TMP/out" | head -n1)
check "no fault: the 12 servers, in $B reads" sh -c "[ $rc -eq 0 ] && [ $(json_ids "$TMP/out" | wc -l) -eq 12 ] && [ $B -ge 1 ]"

# ---- latency: slow but answered ----
fault 'latency=300'
gets servers list --json
check "latency: the list arrives whole, once" sh -c "[ $rc -eq 0 ] && [ $(json_ids "$TMP/out" | wc -l) -eq 12 ] && [ $got -eq $B ]"

# ---- stall: accepted, then nothing ----
fault 'stall@GET /dedibox/v1/zones/fr-par-1/*'
DEDI_STALL_SECONDS=1
gets servers list --json
DEDI_STALL_SECONDS=10
check "stall: network exit code (5), nothing on stdout" sh -c "[ $rc -eq 5 ] && [ ! -s '$TMP/out' ]"
check "stall: the message names the host that stalled" grep -q "127.0.0.1:[0-9]* stalled: no data for 1 s" "$TMP/err"
check "stall: the zone's read tried twice, not more" [ "$got" -eq $((B + 1)) ]
check "stall: the retry was announced on stderr" grep -q "stalled: no data for 1 s; retrying in 1 s" "$TMP/err"

# ---- connection closed before any answer ----
fault 'reset-before@GET /dedibox/v1/zones/fr-par-1/*'
gets servers list --json
check "reset before the answer: exit 5, nothing on stdout" sh -c "[ $rc -eq 5 ] && [ ! -s '$TMP/out' ]"
check "reset before the answer: the message says the server returned nothing" grep -q "127.0.0.1:[0-9]* failed: Server returned nothing" "$TMP/err"
# 1 + 4 tries by dedi; libcurl itself resends a read once when a reused
# connection closes before any answer (never a write: those take a
# fresh connection), so the wire may see a few more, never unbounded.
check "reset before the answer: the zone's read tried 5 times (at most 9 on the wire)" \
	sh -c "[ $got -ge $((B + 4)) ] && [ $got -le $((B + 8)) ]"
fault 'reset-before@GET /dedibox/*#1'
gets servers list --json
check "reset once: the retry reads the whole list" sh -c "[ $rc -eq 0 ] && [ $(json_ids "$TMP/out" | wc -l) -eq 12 ] && [ $got -eq $((B + 1)) ]"

# ---- truncated body ----
fault 'truncate@GET /dedibox/v1/zones/fr-par-1/*'
gets servers list --json
check "truncated body: exit 5, nothing on stdout" sh -c "[ $rc -eq 5 ] && [ ! -s '$TMP/out' ]"
check "truncated body: the message says the transfer was partial" grep -q "failed: Transferred a partial file" "$TMP/err"
check "truncated body: the read retried (5 tries)" [ "$got" -eq $((B + 4)) ]
fault 'truncate@GET /dedibox/*#1'
gets servers list --json
check "truncated once: the retry reads the whole list" sh -c "[ $rc -eq 0 ] && [ $(json_ids "$TMP/out" | wc -l) -eq 12 ]"

# ---- oversized body (past the 8 MiB page cap) ----
fault 'oversize@GET /dedibox/*'
gets servers list --json
check "oversized body: API exit code (6), nothing on stdout" sh -c "[ $rc -eq 6 ] && [ ! -s '$TMP/out' ]"
check "oversized body: the message names the 8 MiB limit" grep -q "larger than the 8192 KiB limit" "$TMP/err"
check "oversized body: not retried" sh -c "[ $rc -eq 6 ] && [ $got -ge 1 ] && [ $got -le $B ]"

# ---- malformed JSON ----
fault 'malformed@GET /dedibox/*'
gets servers list --json
check "malformed JSON: exit 6, nothing on stdout" sh -c "[ $rc -eq 6 ] && [ ! -s '$TMP/out' ]"
check "malformed JSON: the message says so, with its place" grep -q "malformed JSON (line 1, column [0-9]*" "$TMP/err"
check "malformed JSON: not retried" sh -c "[ $rc -eq 6 ] && [ $got -ge 1 ] && [ $got -le $B ]"

# ---- a proxy's HTML 502 page ----
fault 'html502@GET /dedibox/v1/zones/fr-par-1/*'
gets servers list --json
check "HTML 502: exit 6, nothing on stdout" sh -c "[ $rc -eq 6 ] && [ ! -s '$TMP/out' ]"
check "HTML 502: HTTP 502 named, no HTML printed" sh -c "grep -q 'HTTP 502' '$TMP/err' && ! grep -qi '<html\|nginx' '$TMP/err'"
check "HTML 502: the read retried (5 tries)" [ "$got" -eq $((B + 4)) ]

# ---- 500, 502, 503 with the API's error body ----
fault '500@GET /dedibox/*'
gets servers list --json
check "500: exit 6, the API's message, nothing on stdout" sh -c "[ $rc -eq 6 ] && grep -q 'internal error' '$TMP/err' && [ ! -s '$TMP/out' ]"
check "500: not retried" sh -c "[ $rc -eq 6 ] && [ $got -ge 1 ] && [ $got -le $B ]"
fault '502@GET /dedibox/*#2'
gets servers list --json
check "502 twice: retried, then the whole list" sh -c "[ $rc -eq 0 ] && [ $(json_ids "$TMP/out" | wc -l) -eq 12 ] && [ $got -eq $((B + 2)) ]"
fault '503@GET /dedibox/v1/zones/fr-par-1/*'
gets servers list --json
check "503 always: exit 6 after the retries, the wait announced" \
	sh -c "[ $rc -eq 6 ] && grep -q 'rate limited, retrying in 1 s' '$TMP/err' && [ $got -eq $((B + 4)) ]"

# ---- 429 as Scaleway sends it: no Retry-After, x-envoy-ratelimited ----
fault '429@GET /dedibox/v1/zones/fr-par-1/*'
gets servers list --json
check "429 always: exit 6, nothing on stdout" sh -c "[ $rc -eq 6 ] && [ ! -s '$TMP/out' ]"
check "429 always: 'rate limited, retrying in N s' said, then rate-limited" \
	sh -c "grep -q '127.0.0.1:[0-9]*: rate limited, retrying in 1 s' '$TMP/err' && grep -q 'rate-limited' '$TMP/err'"
check "429 always: 1 + 4 tries of the read, not more" [ "$got" -eq $((B + 4)) ]
check "429: said once per wait, not once per parallel read" \
	sh -c "[ $rc -eq 6 ] && [ \$(grep -c 'retrying in' '$TMP/err') -ge 1 ] && [ \$(grep -c 'retrying in' '$TMP/err') -le 4 ]"
fault '429@GET /dedibox/*#2'
gets servers list --json
check "429 twice: the list arrives whole" sh -c "[ $rc -eq 0 ] && [ $(json_ids "$TMP/out" | wc -l) -eq 12 ]"

# ---- 429 with Retry-After: seconds, HTTP-date, absurd values ----
DEDI_RETRY_CAP_SECONDS=5 gets servers list --json >/dev/null 2>&1
fault 'retry-after=2@GET /dedibox/*#1'
DEDI_RETRY_CAP_SECONDS=5; export DEDI_RETRY_CAP_SECONDS
gets servers list --json
check "Retry-After: 2: waited as asked, then the list" \
	sh -c "[ $rc -eq 0 ] && grep -q 'rate limited, retrying in 2 s' '$TMP/err' && [ $(json_ids "$TMP/out" | wc -l) -eq 12 ]"
fault 'retry-after=date+3@GET /dedibox/*#1'
gets servers list --json
check "Retry-After as an HTTP-date: followed (2 or 3 s), then the list" \
	sh -c "[ $rc -eq 0 ] && grep -q 'rate limited, retrying in [23] s' '$TMP/err' && [ $(json_ids "$TMP/out" | wc -l) -eq 12 ]"
DEDI_RETRY_CAP_SECONDS=1
for ra in 99999999999999999999 'date+999999999' -5 soon 'date-60'; do
	fault "retry-after=$ra@GET /dedibox/*#1"
	gets servers list --json
	check "Retry-After: $ra: clamped or ignored (a wait of 1 s at most), then the list" \
		sh -c "[ $rc -eq 0 ] && grep -q 'rate limited, retrying in [01] s' '$TMP/err' && [ $(json_ids "$TMP/out" | wc -l) -eq 12 ] && [ $got -eq $((B + 1)) ]"
done

# ---- writes: never retried, whatever the fault ----
for f in 429 503 reset-before truncate html502; do
	fault "$f@PATCH /dedibox/*"
	w0=$(stat writes)
	dedi servers edit "$id" --hostname "f-$f.example"
	check "$f on a write: refused or unknown (exit 5 or 6), exactly one write sent" \
		sh -c "[ $rc -eq 5 -o $rc -eq 6 ] && [ $(($(stat writes) - w0)) -eq 1 ]"
done
fault 'reset-after@PATCH /dedibox/*'
w0=$(stat writes)
dedi servers edit "$id" --hostname after.example
check "reset after the change: outcome unknown, re-read, exit 5, sent once" \
	sh -c "[ $rc -eq 5 ] && grep -q 'outcome unknown.*re-read: hostname is now after.example' '$TMP/err' && [ $(($(stat writes) - w0)) -eq 1 ]"

# ---- redirects to another host: never followed, the token stays ----
"$SANDBOX" --port 0 --stats "$TMP/other" >"$TMP/other.out" 2>"$TMP/other.err" &
OTHER_PID=$!
i=0; OTHER=""
while [ $i -lt 200 ] && [ -z "$OTHER" ]; do OTHER=$(head -n1 "$TMP/other.out" 2>/dev/null); sleep 0.05; i=$((i + 1)); done
for code in 301 302 307; do
	fault "redirect=$code,$OTHER/dedibox/v1/zones/fr-par-1/servers@GET /dedibox/*"
	gets servers list --json
	check "redirect $code: exit 6, named as a redirect not followed, nothing on stdout" \
		sh -c "[ $rc -eq 6 ] && grep -q 'answered with a redirect (HTTP $code); dedi does not follow redirects' '$TMP/err' && [ ! -s '$TMP/out' ]"
	og=$(sb_count "$TMP/other" GET); os=$(sb_count "$TMP/other" served)
	check "redirect $code: the other host received nothing" \
		sh -c "[ $rc -eq 6 ] && [ -s '$TMP/other' ] && [ $og -eq 0 ] && [ $os -eq 0 ]"
done
fault "redirect=307,$OTHER/dedibox/v1/zones/fr-par-1/servers/$id@PATCH /dedibox/*"
w0=$(stat writes)
dedi servers edit "$id" --hostname redirected.example
ow=$(sb_count "$TMP/other" writes)
check "redirect on a write: refused, the other host received no write" \
	sh -c "[ $rc -eq 6 ] && [ $(($(stat writes) - w0)) -eq 1 ] && [ -s '$TMP/other' ] && [ $ow -eq 0 ]"
stop_other

# ---- total_count that lies ----
fault 'total=+5@GET /dedibox/*'
gets servers list --json
check "total_count too high: exit 6, 'changed while it was read', nothing printed" \
	sh -c "[ $rc -eq 6 ] && grep -q 'changed while it was read' '$TMP/err' && [ ! -s '$TMP/out' ]"
fault 'total=-3@GET /dedibox/*'
gets servers list --json
check "total_count too low: exit 6, 'changed while it was read', nothing printed" \
	sh -c "[ $rc -eq 6 ] && grep -q 'changed while it was read' '$TMP/err' && [ ! -s '$TMP/out' ]"

# ---- duplicated and missing pages (zones of more than one page) ----
start_sandbox --servers 450 --seed 25 --stats "$STATS" || exit 1
use_scw
dedi servers list --json
check "many pages, no fault: the 450 servers" sh -c "[ $rc -eq 0 ] && [ $(json_ids "$TMP/out" | wc -l) -eq 450 ]"
fault 'dup-page'
dedi servers list --json
check "a page answered twice: exit 6, no duplicate printed" \
	sh -c "[ $rc -eq 6 ] && grep -q 'changed while it was read' '$TMP/err' && [ ! -s '$TMP/out' ]"
fault 'skip-page'
dedi servers list --json
check "a page missing: exit 6, the zone named, nothing printed" \
	sh -c "[ $rc -eq 6 ] && grep -q 'fr-par-[0-9] failed: the server list of fr-par-[0-9] changed while it was read' '$TMP/err' && [ ! -s '$TMP/out' ]"
fault 'dup-page'
dedi servers list --allow-partial --json
dups=$(json_ids "$TMP/out" | sort | uniq -d | wc -l); printed=$(json_ids "$TMP/out" | wc -l)
check "a page answered twice, --allow-partial: exit 9, every printed id once" \
	sh -c "[ $rc -eq 9 ] && [ $dups -eq 0 ] && [ $printed -gt 0 ]"

# ---- Online's 503 when polled too often ----
start_sandbox --servers 6 --seed 25 --stats "$STATS" || exit 1
use_online
fault '503@GET /api/v1/*#3'
gets servers list --json
check "Online 503 x3: waited ('rate limited, retrying in'), then the list" \
	sh -c "[ $rc -eq 0 ] && grep -q 'rate limited, retrying in 1 s' '$TMP/err' && [ $(json_ids "$TMP/out" | wc -l) -eq 6 ]"
fault 'stall@GET /api/v1/*'
DEDI_STALL_SECONDS=1
gets servers list --json
DEDI_STALL_SECONDS=10
check "Online stall: exit 5, the host named, nothing on stdout" \
	sh -c "[ $rc -eq 5 ] && grep -q 'stalled: no data for 1 s' '$TMP/err' && [ ! -s '$TMP/out' ]"

# ---- bad fault specs are refused with a reason ----
"$SANDBOX" --port 0 --faults 'explode@/x' >"$TMP/out" 2>"$TMP/err"; rc=$?
check "sandbox: an unknown fault is refused" sh -c "[ $rc -ne 0 ] && grep -q 'unknown fault' '$TMP/err' && [ -x '$DEDI' ] && '$DEDI' --version >/dev/null 2>&1 && '$DEDI' --version | grep -q dedi"
finish
