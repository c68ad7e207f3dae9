#!/bin/sh
# dedi servers list against a private sandbox: every server exactly once,
# from both APIs, merged; errors mapped to exit codes; nothing partial.
. "$(dirname "$0")/lib.sh"


for count in 0 1 24 1000 10000; do
	start_sandbox --servers "$count" --seed 7 || exit 1
	use_scw
	dedi servers list --json
	json_ids "$TMP/out" | sort >"$TMP/ids"
	check "Scaleway: $count servers, each exactly once" \
		[ "$rc" -eq 0 -a -s "$TMP/out" -a "$(wc -l <"$TMP/ids")" -eq "$count" -a "$(sort -u "$TMP/ids" | wc -l)" -eq "$count" ]
	check "Scaleway: total_count of $count in the document" \
		grep -q "\"total_count\": $count," "$TMP/out"
done

start_sandbox --servers 300 --seed 3 || exit 1
use_both
dedi servers list --json
json_ids "$TMP/out" | sort >"$TMP/both"
check "both APIs: 300 servers, one record each" \
	[ "$rc" -eq 0 -a "$(wc -l <"$TMP/both")" -eq 300 -a "$(sort -u "$TMP/both" | wc -l)" -eq 300 ]
check "both APIs: records say both sources" \
	[ "$(grep -c '"online"' "$TMP/out")" -eq 300 -a "$(grep -c '"scaleway"' "$TMP/out")" -eq 300 ]
use_online
dedi servers list --json
json_ids "$TMP/out" | sort >"$TMP/onl"
check "Online alone sees the same 300 ids" \
	sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$TMP/onl') -eq 300 ] && cmp -s '$TMP/both' '$TMP/onl'"

# Enough servers that Scaleway pages are still in flight when the Online
# list arrives: the Online fetches must not wait behind them (they were
# dropped, silently).
start_sandbox --servers 6000 --seed 3 || exit 1
use_both
dedi servers list --json
check "both APIs, 6000 servers: every record seen through Online too" \
	[ "$rc" -eq 0 -a "$(grep -c '"online"' "$TMP/out")" -eq 6000 -a "$(grep -c '"scaleway"' "$TMP/out")" -eq 6000 ]

# The Scaleway list has no OS or tags: the list must not print an empty
# or guessed value for a server whose `show` has them (issue 18).
start_sandbox --servers 24 --seed 7 || exit 1
use_both
dedi servers list --json
check "list --json: no empty tags, no OS guessed from the Online name" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"total_count\": 24,' '$TMP/out' && ! grep -q '\"tags\": \[\]' '$TMP/out' && ! grep -q '\"os\"' '$TMP/out'"
id=$(json_ids "$TMP/out" | head -1)
dedi servers show "$id" --json
check "show --json of the same server has its OS and tags" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"os\": \"' '$TMP/out' && grep -q '\"tags\"' '$TMP/out'"

start_sandbox --servers 300 --seed 3 || exit 1
use_scw
dedi servers list --zone nl-ams-1 --json
check "--zone keeps one zone" sh -c "[ $rc -eq 0 ] && ! grep -q '\"zone\": \"fr-par' '$TMP/out' && grep -q '\"zone\": \"nl-ams-1\"' '$TMP/out'"
dedi servers list --zone mars-1
check "--zone with an unknown zone is a usage error (2)" [ "$rc" -eq 2 -a ! -s "$TMP/out" ]

dedi servers list
check "human table has a header and 300 rows" \
	[ "$rc" -eq 0 -a "$(head -n1 "$TMP/out" | cut -c1-2)" = "ID" -a "$(wc -l <"$TMP/out")" -eq 301 ]
check "human table fits 80 columns when not a terminal" \
	[ "$rc" -eq 0 -a "$(wc -l <"$TMP/out")" -eq 301 -a "$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$TMP/out")" -le 80 ]

export SCW_SECRET_KEY=11111111-2222-4333-8444-555555555555
dedi servers list
check "wrong secret: authentication exit code (3)" [ "$rc" -eq 3 -a ! -s "$TMP/out" ]
check "wrong secret: one sentence that names the fix, secret not echoed" \
	sh -c "grep -q 'SCW_SECRET_KEY' '$TMP/err' && ! grep -q 11111111-2222 '$TMP/err' && [ \$(wc -l <'$TMP/err') -eq 1 ]"

unset SCW_SECRET_KEY DEDI_ONLINE_TOKEN
dedi servers list
check "no credentials: exit 3 with the way to give them" sh -c "[ $rc -eq 3 ] && grep -q 'dedi auth login' '$TMP/err'"

use_scw
dedi servers list --bogus
check "unknown option: usage exit code (2), the option named" \
	sh -c "[ $rc -eq 2 ] && grep -q -- --bogus '$TMP/err'"

# The sandbox dies while pages are in flight: a network error, no table.
# It dies once it has answered a page (its counter says so), so dedi had
# connected and started the list: not the same as a sandbox never there.
start_sandbox --servers 10000 --latency 300 --stats "$TMP/stats" || exit 1
use_scw
"$DEDI" servers list >"$TMP/out" 2>"$TMP/err" &
pid=$!
i=0
while [ "$(sb_count "$TMP/stats" served)" -lt 1 ] && kill -0 "$pid" 2>/dev/null && [ $i -lt $((600 * DD_SLOW)) ]; do
	sleep 0.05; i=$((i + 1))
done
served=$(sb_count "$TMP/stats" served)
stop_sandbox
wait "$pid"; rc=$?
check "sandbox killed mid-list after $served page(s): network exit code (5)" [ "$rc" -eq 5 -a "$served" -ge 1 ]
check "sandbox killed mid-list: nothing printed as if complete, the reason on stderr" \
	[ "$rc" -eq 5 -a ! -s "$TMP/out" -a -s "$TMP/err" ]
start_sandbox --servers 40 --hostile || exit 1
use_scw
LC_ALL=C.UTF-8 dedi servers list
check "long hostnames are cut, not allowed to push STATUS and IPV4 out" \
	sh -c "[ $rc -eq 0 ] && head -n1 '$TMP/out' | grep -q 'STATUS.*IPV4' && grep -q '…' '$TMP/out'"
LC_ALL=C dedi servers list
check "a cut in a non-UTF-8 locale is marked with ~" sh -c "[ $rc -eq 0 ] && grep -q '~ ' '$TMP/out' && ! grep -q '…' '$TMP/out'"
stop_sandbox
unset SCW_SECRET_KEY DEDI_ONLINE_TOKEN
DEDI_DEMO_SERVERS=0 dedi --demo servers list --json
check "--demo with DEDI_DEMO_SERVERS=0: an empty world" sh -c "[ $rc -eq 0 ] && grep -q '\"total_count\": 0,' '$TMP/out'"
DEDI_DEMO_SERVERS=7 dedi --demo servers list --json
check "--demo with DEDI_DEMO_SERVERS=7: seven servers, no credentials needed" sh -c "[ $rc -eq 0 ] && grep -q '\"total_count\": 7,' '$TMP/out'"
DEDI_DEMO_SERVERS=lots dedi --demo servers list
check "--demo with a bad DEDI_DEMO_SERVERS: usage error (2), the variable named" \
	sh -c "[ $rc -eq 2 ] && grep -q DEDI_DEMO_SERVERS '$TMP/err'"
finish
