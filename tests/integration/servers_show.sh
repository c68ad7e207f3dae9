#!/bin/sh
# dedi servers show: one server from each API, merged when both speak.
. "$(dirname "$0")/lib.sh"

start_sandbox --servers 24 --seed 11 || exit 1
use_scw
dedi servers list --json
id=$(json_ids "$TMP/out" | head -n1)
host=$(grep -m1 '"hostname":' "$TMP/out" | sed 's/.*"hostname": "\(.*\)",/\1/')

dedi servers show "$id"
check "Scaleway: show prints the server" sh -c "[ $rc -eq 0 ] && grep -q '^id  *$id\$' '$TMP/out' && grep -q 'Scaleway' '$TMP/out'"
dedi servers show "$id" --json
check "Scaleway: --json has interfaces and the same hostname" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"interfaces\"' '$TMP/out' && grep -qF '\"hostname\": \"$host\"' '$TMP/out'"

use_online
dedi servers show "$id" --json
check "Online: the same id shows the same hostname" \
	sh -c "[ $rc -eq 0 ] && grep -qF '\"hostname\": \"$host\"' '$TMP/out' && grep -q '\"online\"' '$TMP/out'"

use_both
dedi servers show "$id" --json
check "both: one record with both sources" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"scaleway\"' '$TMP/out' && grep -q '\"online\"' '$TMP/out'"

# --zone means the same whichever API answers: a server of another zone
# is not found, as Scaleway alone says.
zone=$(grep -m1 '"zone":' "$TMP/out" | sed 's/.*"zone": "\(.*\)",/\1/')
other=fr-par-1; [ "$zone" = fr-par-1 ] && other=nl-ams-1
for who in scw online both; do
	use_$who
	dedi servers show "$id" --zone "$other"
	check "$who: show --zone $other of a $zone server: not found (4)" [ "$rc" -eq 4 -a ! -s "$TMP/out" ]
	dedi servers show "$id" --zone "$zone"
	check "$who: show --zone $zone finds it" sh -c "[ $rc -eq 0 ] && grep -q '^id  *$id\$' '$TMP/out' && grep -q '$zone' '$TMP/out'"
done

dedi servers show 999999999
check "unknown id: not-found exit code (4)" [ "$rc" -eq 4 -a ! -s "$TMP/out" ]
check "unknown id: the message names the id" grep -q 999999999 "$TMP/err"
dedi servers show abc
check "a non-numeric id is a usage error (2)" sh -c "[ $rc -eq 2 ] && [ ! -s '$TMP/out' ] && [ -s '$TMP/err' ]"
dedi servers show
check "a missing id is a usage error (2)" sh -c "[ $rc -eq 2 ] && [ ! -s '$TMP/out' ] && [ -s '$TMP/err' ]"

export DEDI_ONLINE_TOKEN=not-the-token-0000
unset SCW_SECRET_KEY
dedi servers show "$id"
check "wrong Online token: authentication exit code (3)" \
	sh -c "[ $rc -eq 3 ] && grep -q DEDI_ONLINE_TOKEN '$TMP/err' && ! grep -q not-the-token '$TMP/err' '$TMP/out'"

use_scw
stop_sandbox
dedi servers show "$id"
check "sandbox gone: network exit code (5)" sh -c "[ $rc -eq 5 ] && [ ! -s '$TMP/out' ] && [ -s '$TMP/err' ]"
finish
