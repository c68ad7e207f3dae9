#!/bin/sh
# The real APIs' harsher habits, as dedi-sandbox --quirks plays them: a
# zone that fails, Scaleway's 429 without Retry-After, Online's 503 when
# polled too fast. Reads survive a burst, writes are never sent twice, and
# a list with a part missing is never printed as if whole.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
STATS="$TMP/stats"
stat() { sed "s/.*\"$1\":\([0-9]*\).*/\1/" "$STATS"; }

# ---- one zone fails ----
start_sandbox --servers 60 --seed 5 --quirks fail-zone=fr-par-2 || exit 1
use_scw
dedi servers list
check "fail-zone: servers list prints nothing and fails (6)" [ "$rc" -eq 6 -a ! -s "$TMP/out" ]
check "fail-zone: the error says the list is incomplete and names fr-par-2" \
	sh -c "grep -q 'incomplete' '$TMP/err' && grep -q 'fr-par-2 failed' '$TMP/err'"
dedi servers list --json
check "fail-zone: --json prints nothing either" [ "$rc" -eq 6 -a ! -s "$TMP/out" ]
dedi servers list --allow-partial
check "--allow-partial: exits 9 (printed, but incomplete)" [ "$rc" -eq 9 ]
check "--allow-partial: the other zones' servers are printed" \
	sh -c "grep -q ' fr-par-1 ' '$TMP/out' && grep -q ' nl-ams-1 ' '$TMP/out'"
check "--allow-partial: no fr-par-2 row passes for the whole zone" sh -c "grep -q ' nl-ams-1 ' '$TMP/out' && ! grep -q ' fr-par-2 ' '$TMP/out'"
check "--allow-partial: stderr names fr-par-2" grep -q 'incomplete: fr-par-2 failed' "$TMP/err"
dedi servers list --allow-partial --json
check "--allow-partial --json: a document of the zones that arrived" \
	sh -c "[ $rc -eq 9 ] && grep -q '\"zone\": \"nl-ams-1\"' '$TMP/out' && ! grep -q '\"zone\": \"fr-par-2\"' '$TMP/out'"
dedi servers list --zone fr-par-1 --allow-partial
check "--zone of a zone that works: whole, exit 0, no warning" sh -c "[ $rc -eq 0 ] && grep -q ' fr-par-1 ' '$TMP/out' && [ ! -s '$TMP/err' ]"
dedi servers list --zone fr-par-2 --allow-partial
check "--zone of the failed zone: nothing arrived, a plain failure" [ "$rc" -eq 6 -a ! -s "$TMP/out" ]

# ---- one Online server fails ----
start_sandbox --servers 12 --seed 5 || exit 1
use_online
dedi servers list --json
bad=$(json_ids "$TMP/out" | sed -n 3p)
start_sandbox --servers 12 --seed 5 --quirks "fail-online-server=$bad" || exit 1
dedi servers list
check "fail-online-server: servers list prints nothing and fails" [ "$rc" -ne 0 -a ! -s "$TMP/out" ]
check "fail-online-server: the error names the server" grep -q "incomplete: Online server $bad failed" "$TMP/err"
dedi servers list --allow-partial --json
kept=$(json_ids "$TMP/out" | wc -l)
check "fail-online-server: --allow-partial prints the 11 others, exits 9" [ "$rc" -eq 9 -a "$kept" -eq 11 ]
check "fail-online-server: the failed one is not printed" sh -c "! grep -q '\"id\": $bad,' '$TMP/out'"

# ---- Scaleway's 429: no Retry-After, x-envoy-ratelimited ----
start_sandbox --servers 30 --seed 5 --stats "$STATS" --quirks rate-limit=4 || exit 1
use_scw
dedi servers list --json
check "429 x4: the list survives the burst, every server once" \
	sh -c "[ $rc -eq 0 ] && [ \$(grep -c '\"id\":' '$TMP/out') -ge 30 ] && grep -q '\"total_count\": 30,' '$TMP/out'"
check "429 x4: the sandbox refused 4 requests (they were retried)" [ "$(stat limited)" -eq 4 ]

start_sandbox --servers 30 --seed 5 --stats "$STATS" --quirks rate-limit=1000 || exit 1
use_scw
dedi servers list --zone nl-ams-1
check "429 forever: gives up, nothing printed (6)" [ "$rc" -eq 6 -a ! -s "$TMP/out" ]
check "429 forever: the message says dedi was rate-limited" grep -q 'rate-limited' "$TMP/err"
check "429 forever: one try and 4 retries, not more" [ "$(stat limited)" -eq 5 ]

# A write hit by 429 is reported, never sent again.
start_sandbox --servers 6 --seed 5 --stats "$STATS" --quirks rate-limit-writes=1 || exit 1
use_scw
dedi servers list --json
id=$(json_ids "$TMP/out" | head -n1)
w=$(stat writes)
dedi servers edit "$id" --hostname limited.example
check "429 on a write: fails, not done" [ "$rc" -ne 0 ]
check "429 on a write: exactly one write reached the sandbox" [ "$(stat writes)" -eq $((w + 1)) -a "$(stat limited)" -eq 1 ]
check "429 on a write: the message says rate-limited" grep -q 'rate-limited' "$TMP/err"
dedi servers show "$id"
check "429 on a write: the hostname did not change" sh -c "[ $rc -eq 0 ] && ! grep -q limited.example '$TMP/out'"

# ---- Online's 503 when polled too fast ----
start_sandbox --servers 12 --seed 5 --stats "$STATS" --quirks rate-limit=3 || exit 1
use_online
dedi servers list --json
check "Online 503 x3: the list survives" sh -c "[ $rc -eq 0 ] && grep -q '\"total_count\": 12,' '$TMP/out'"
check "Online 503 x3: the sandbox refused 3 polls" [ "$(stat limited)" -eq 3 ]
# ---- addresses in any order, with every semantic of the SDK's enum ----
start_sandbox --servers 40 --seed 9 || exit 1
use_both
dedi servers list --json
grep '"ipv4"' "$TMP/out" >"$TMP/plain"
id=$(json_ids "$TMP/out" | head -n1)
dedi servers show "$id" --json
grep -m1 '"ipv4"' "$TMP/out" >"$TMP/plain1"
start_sandbox --servers 40 --seed 9 --quirks ip-shuffle || exit 1
dedi servers list --json
grep '"ipv4"' "$TMP/out" >"$TMP/shuffled"
check "ip-shuffle: the list's primary IPv4 of each server is the same" \
	sh -c "[ $rc -eq 0 ] && [ -s '$TMP/plain' ] && [ \$(wc -l <'$TMP/plain') -eq 40 ] && cmp -s '$TMP/plain' '$TMP/shuffled'"
dedi servers show "$id" --json
check "ip-shuffle: show picks the same primary IPv4" \
	sh -c "[ $rc -eq 0 ] && grep -m1 '\"ipv4\"' '$TMP/out' | cmp -s - '$TMP/plain1'"
check "ip-shuffle: show lists the addresses of every semantic" \
	sh -c "for s in unknown ext public adm redirect migration; do grep -q \"\\\"semantic\\\": \\\"\$s\\\"\" '$TMP/out' || exit 1; done"
use_online
dedi servers list --json
grep '"ipv4"' "$TMP/out" >"$TMP/online"
check "ip-shuffle: Online's shuffled list gives the same addresses too" cmp -s "$TMP/plain" "$TMP/online"
finish
