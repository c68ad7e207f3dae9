#!/bin/sh
# DEDI_MAX_CONNECTIONS: the requests of a listing (the pages of each zone,
# Online's one request per server) run at once up to the limit, never past
# it, and the result is the same list in the same order whatever the
# limit and the order answers arrive in. The sandbox counts the most
# requests it was serving at one time (--stats max_in_flight).
. "$(dirname "$0")/lib.sh"

use_scw
# 1,000 servers: 11 pages over three zones; --latency keeps each one open
# long enough for the others to overlap it.
start_sandbox --seed 3 --servers 1000 --latency 20 --stats "$TMP/st16" || exit 1
dedi servers list --json
cp "$TMP/out" "$TMP/out16"
stop_sandbox
check "default limit: every server listed (1000)" \
	[ "$rc" -eq 0 -a "$(json_ids "$TMP/out16" | wc -l)" -eq 1000 ]
check "default limit: pages were read at the same time (max_in_flight > 1)" \
	[ "$(sb_count "$TMP/st16" max_in_flight)" -gt 1 ]

start_sandbox --seed 3 --servers 1000 --latency 20 --stats "$TMP/st1" || exit 1
DEDI_MAX_CONNECTIONS=1 dedi servers list --json
stop_sandbox
check "DEDI_MAX_CONNECTIONS=1: one request at a time (max_in_flight 1)" \
	[ "$rc" -eq 0 -a "$(sb_count "$TMP/st1" max_in_flight)" -eq 1 ]
json_ids "$TMP/out16" >"$TMP/ids16"
json_ids "$TMP/out" >"$TMP/ids1"
check "DEDI_MAX_CONNECTIONS=1: the same 1000 servers in the same order" \
	sh -c "[ \$(wc -l <'$TMP/ids1') -eq 1000 ] && cmp -s '$TMP/ids16' '$TMP/ids1'"

# Online lists references only: one request per server, 4 at a time.
use_online
start_sandbox --seed 3 --servers 40 --latency 20 --stats "$TMP/sto" || exit 1
DEDI_MAX_CONNECTIONS=4 dedi servers list --json
stop_sandbox
mif=$(sb_count "$TMP/sto" max_in_flight)
check "Online, DEDI_MAX_CONNECTIONS=4: every server listed (40)" \
	[ "$rc" -eq 0 -a "$(json_ids "$TMP/out" | wc -l)" -eq 40 ]
check "Online, DEDI_MAX_CONNECTIONS=4: 2 to 4 requests at once, never more (got $mif)" \
	[ "$mif" -ge 2 -a "$mif" -le 4 ]

# A bad limit is refused with the variable's name, before any request.
start_sandbox --seed 3 --servers 4 --stats "$TMP/stb" || exit 1
for v in 0 257 abc; do
	DEDI_MAX_CONNECTIONS=$v dedi servers list --json
	check "DEDI_MAX_CONNECTIONS=$v is refused, saying what it wants, nothing printed" \
		sh -c "[ $rc -ne 0 ] && grep -q 'DEDI_MAX_CONNECTIONS must be a whole number from 1 to 256' '$TMP/err' && [ ! -s '$TMP/out' ]"
done
stop_sandbox
served=$(sb_count "$TMP/stb" served)
check "the refusals sent nothing: the sandbox served $served requests, and the last run named the variable" \
	sh -c "[ $served -eq 0 ] && grep -q DEDI_MAX_CONNECTIONS '$TMP/err'"
finish
