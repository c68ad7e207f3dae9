#!/bin/sh
# dedi server bmc on a server only the Online API serves: POST
# /server/bmc/session through the write path, the session read until the
# API has it ready (202 before), URL, login and password shown once, the
# time left counted from the answer's Date (the API's clock, here moved a
# month away from this machine's), --show, --revoke by the session's key,
# and the expiry on the sandbox clock.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }
# ob METHOD PATH [FORM]: the Online API seen by another client (curl), body in $TMP/sb
ob() { curl -s -o "$TMP/sb" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $DEMO_TOKEN" \
	${3:+--data "$3"} "$URL/api/v1$2"; }
advance() { curl -s -X POST "$URL/__sandbox/advance?seconds=$1" >/dev/null; }

if ! command -v curl >/dev/null || ! command -v jq >/dev/null; then
	echo "1..0 # SKIP curl and jq are needed to read the sandbox as another client"; exit 0
fi
start_sandbox --servers 6 --seed 3 --stats "$STATS" || exit 1
use_online
# seed 3: 100011 and 100042 have a BMC, 100001 none
B=100011 NOBMC=100001
# the API's clock a month ahead of this machine's
advance 2592000

w=$(writes)
dedi --dry-run server bmc $B --ip 192.0.2.7
check "bmc --dry-run: the Online session request shown, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q '^POST .*/api/v1/server/bmc/session\$' '$TMP/out' && grep -q '^server_id=$B&ip=192.0.2.7\$' '$TMP/out' && [ $(writes) -eq $w ]"
dedi server bmc $NOBMC --ip 192.0.2.7 --yes --confirm=$NOBMC
check "bmc on a server without one: usage (2), said, nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q 'has no BMC' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server bmc $B --ip 192.0.2.7 --yes --confirm=$B
cp "$TMP/out" "$TMP/open.out"
pw=$(sed -n 's/^password  *//p' "$TMP/open.out")
check "bmc: opened in one write, read until ready, URL, login and password shown" \
	sh -c "[ $rc -eq 0 ] && [ $(writes) -eq $((w + 1)) ] && grep -q '^url  *https://bmc-$B.dedi-demo.example/\$' '$TMP/open.out' \
		&& grep -q '^login  *dedi-$B\$' '$TMP/open.out' && [ \$(printf %s '$pw' | wc -c) -eq 16 ] && grep -q '^status  *created\$' '$TMP/open.out'"
check "bmc: the time left is counted from the API's Date (an hour), not this machine's clock (a month off)" \
	grep -Eq '^expires  *[0-9T:-]+Z \(in (59|60) min by the API.s clock\)$' "$TMP/open.out"
check "bmc: intent and outcome (201) in the audit, no password there" \
	sh -c "tail -n2 '$AUDIT' | head -n1 | grep -q '\"phase\":\"intent\",\"method\":\"POST\",\"url\":\"[^\"]*/server/bmc/session\"' \
		&& tail -n1 '$AUDIT' | grep -q '\"status\":201,\"outcome\":\"ok\"' && ! grep -qF '$pw' '$AUDIT'"
dedi server bmc $B --ip 192.0.2.8 --yes --confirm=$B
check "bmc while a session is open: the Online API refuses (400), said" \
	sh -c "[ $rc -ne 0 ] && grep -q 'already open' '$TMP/err'"

advance 3000
dedi server bmc $B --show
check "bmc --show: the session read back by its key, ten minutes left by the API's clock, no password" \
	sh -c "[ $rc -eq 0 ] && grep -Eq '^expires  *[0-9T:-]+Z \(in (9|10) min by the API.s clock\)$' '$TMP/out' \
		&& grep -q '^url  *https://bmc-$B' '$TMP/out' && ! grep -q '^password' '$TMP/out'"
w=$(writes)
dedi server bmc $B --revoke --yes --confirm=$B
check "bmc --revoke: one DELETE of the session's key, audited" \
	sh -c "[ $rc -eq 0 ] && [ $(writes) -eq $((w + 1)) ] && tail -n1 '$AUDIT' | grep -q '\"method\":\"DELETE\",\"url\":\"[^\"]*/server/bmc/session/[0-9a-f]*\".*\"outcome\":\"ok\"'"
dedi server bmc $B --show
check "bmc --show after the revoke: no session open (4)" \
	sh -c "[ $rc -eq 4 ] && grep -q 'No KVM session is open' '$TMP/err'"

# expiry on the sandbox clock
dedi server bmc $B --ip 192.0.2.7 --yes --confirm=$B
advance 3700
dedi server bmc $B --show
check "bmc: an hour later (sandbox clock) the session is gone, said (4)" \
	sh -c "[ $rc -eq 4 ] && grep -q 'No KVM session is open' '$TMP/err'"

code=$(ob POST /server/bmc/session "server_id=$B&ip=192.0.2.7")
key=$(jq -r . "$TMP/sb")
code2=$(ob GET "/server/bmc/session/$key")
check "sandbox: POST answers 201 and a key string, GET answers 202 {} until ready # sandbox-only" \
	sh -c "[ $code = 201 ] && [ -n '$key' ] && [ $code2 = 202 ] && [ \"\$(cat '$TMP/sb')\" = '{}' ]"
advance 10
code=$(ob GET "/server/bmc/session/$key")
check "sandbox: once ready, url, login, password, expiration # sandbox-only" \
	sh -c "[ $code = 200 ] && jq -e 'has(\"url\") and has(\"login\") and has(\"password\") and has(\"expiration\")' '$TMP/sb' >/dev/null"
code=$(ob GET "/server/$B")
check "sandbox: GET /server/{id} names the open session's key # sandbox-only" \
	sh -c "[ $code = 200 ] && jq -e '.bmc.session_key == \"$key\"' '$TMP/sb' >/dev/null"
code=$(ob POST /server/bmc/session "server_id=$B&ip=not-an-ip")
check "sandbox: a bad ip is a 400 with code 4 # sandbox-only" \
	sh -c "[ $code = 400 ] && jq -e '.code == 4 and (.error | test(\"ip\"))' '$TMP/sb' >/dev/null"
date_hdr=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $DEMO_TOKEN" "$URL/api/v1/server/$B" | sed -n 's/^[Dd]ate: //p' | tr -d '\r')
check "sandbox: every answer's Date is the sandbox clock's (a month ahead) # sandbox-only" \
	sh -c "[ -n '$date_hdr' ] && [ \$(( \$(date -u -d '$date_hdr' +%s) - \$(date -u +%s) )) -gt 2500000 ]"

finish
