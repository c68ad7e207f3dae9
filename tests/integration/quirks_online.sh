#!/bin/sh
# The Online API's harsher habits (dedi-sandbox --quirks): 403 for a server
# that is not the token's, and writes answered with a bare false.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"

# --quirks online-403: the servers of nl-ams-1 belong to another Online
# account (403 there), the Scaleway keys still see them.
start_sandbox --servers 24 --seed 11 --quirks online-403 || exit 1
use_scw
dedi servers list --json
ams=$(grep -B2 '"zone": "nl-ams-1"' "$TMP/out" | grep -m1 '"id":' | tr -dc '0-9')
par=$(grep -B2 '"zone": "fr-par-[12]"' "$TMP/out" | grep -m1 '"id":' | tr -dc '0-9')
check "the world has a server in nl-ams-1 and one in Paris" [ -n "$ams" -a -n "$par" ]

use_both
dedi servers show "$ams" --json
check "both APIs, Online 403: the server Scaleway found is shown (0), from Scaleway only" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"id\": $ams,' '$TMP/out' && grep -q '\"scaleway\"' '$TMP/out' && ! grep -q '\"online\"' '$TMP/out'"
dedi servers show "$par" --json
check "both APIs, both know it: one record with both sources" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"scaleway\"' '$TMP/out' && grep -q '\"online\"' '$TMP/out'"
dedi servers show 999999999
check "an id nobody knows: not found (4), says Online refused, prints nothing" \
	sh -c "[ $rc -eq 4 ] && [ ! -s '$TMP/out' ] && grep -q 'no server with id 999999999' '$TMP/err' && grep -q 'Online API refused' '$TMP/err'"

use_online
dedi servers show "$ams"
check "Online alone, 403 everywhere: refused (3) with the API's words, nothing printed" \
	sh -c "[ $rc -eq 3 ] && [ ! -s '$TMP/out' ] && grep -q 'Permission denied' '$TMP/err'"
dedi servers show "$par"
check "Online alone: its own server is shown (0)" sh -c "[ $rc -eq 0 ] && grep -q '^id  *$par\$' '$TMP/out'"

# --quirks online-false: every Online write answers 200 false, changes nothing.
start_sandbox --servers 6 --seed 3 --quirks online-false || exit 1
use_online
dedi servers list --json
id=$(json_ids "$TMP/out" | head -n1)
dedi servers show "$id"
old=$(sed -n 's/^hostname  *//p' "$TMP/out")
check "the server has a hostname before the edit" [ -n "$old" -a "$old" != false-7.example ]
dedi servers edit "$id" --hostname false-7.example
check "edit answered false: non-zero exit, says the change was not made" \
	sh -c "[ $rc -ne 0 ] && grep -q 'The Online API answered false: the change was not made' '$TMP/err'"
check "edit answered false: it never claims it was saved" sh -c "grep -q 'answered false' '$TMP/err' && ! grep -qi 'saved\|done' '$TMP/out'"
dedi servers show "$id"
check "servers show still has the old hostname" grep -q "^hostname  *$old\$" "$TMP/out"
check "the audit outcome is not ok and says false" \
	sh -c "tail -n1 '$AUDIT' | grep -q '\"phase\":\"outcome\",\"method\":\"PUT\"' && ! tail -n1 '$AUDIT' | grep -q '\"outcome\":\"ok\"' && tail -n1 '$AUDIT' | grep -q 'answered false'"

finish
