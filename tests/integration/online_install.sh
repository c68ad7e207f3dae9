#!/bin/sh
# dedi server install on a server only the Online API serves (a Dedibox
# private token, no Scaleway keys): the system picked from
# /server/operatingSystems/{id}, the account's SSH keys from
# /user/key/ssh (UUIDs), one POST /server/install/{id} through the write
# path (passwords generated, shown once, masked in the audit), the
# install_status followed to "installed" on the sandbox clock; and each
# refusal, dedi's before sending and the Online API's after.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }
# ob METHOD PATH [FORM]: the Online API seen by another client (curl), body in $TMP/sb
ob() { curl -s -o "$TMP/sb" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $DEMO_TOKEN" \
	${3:+--data "$3"} "$URL/api/v1$2"; }

if ! command -v curl >/dev/null || ! command -v jq >/dev/null; then
	echo "1..0 # SKIP curl and jq are needed to read the sandbox as another client"; exit 0
fi
# --time-scale 300: the twelve sandbox minutes of an installation pass in 2.4 s
start_sandbox --servers 6 --seed 3 --time-scale 300 --stats "$STATS" || exit 1
use_online
S=100021 T=100025 KEY=1c7f74bb-5e0d-4c1f-9a3e-0b6e0c1d2a01

w=$(writes)
dedi --dry-run server install $S --os 503 --user alice --ssh-key workstation
check "install --dry-run: the Online form with the key's UUID and every password masked, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q '^POST .*/api/v1/server/install/$S\$' '$TMP/out' \
		&& grep -q '^os_id=503&hostname=sd-$S&user_login=alice&user_password=\*\*\*\*\*\*\*\*&root_password=\*\*\*\*\*\*\*\*&panel_password=\*\*\*\*\*\*\*\*&ssh_keys=%5B%22$KEY%22%5D\$' '$TMP/out' \
		&& grep -q '^partitions  *the Online API.s own layout' '$TMP/out' && [ $(writes) -eq $w ]"

dedi server install $S --os 9999 --user alice --yes --confirm=$S
check "install of a system the server's list lacks: not found (4), said, nothing sent" \
	sh -c "[ $rc -eq 4 ] && grep -q 'lists no system 9999' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server install $S --os 503 --user alice --partition /:ext4:10 --yes --confirm=$S
check "install --partition: usage (2), the Online API lays the disks out itself, nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q 'takes no partitions' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server install $S --os 503 --user alice --ssh-key nope --yes --confirm=$S
check "install --ssh-key unknown: not found (4), lists the account's Online keys, nothing sent" \
	sh -c "[ $rc -eq 4 ] && grep -q 'there are: workstation, backup-robot' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server install $S --cancel --yes --confirm=$S
check "install --cancel: the Online API cannot cancel, said, nothing sent" \
	sh -c "[ $rc -ne 0 ] && grep -q 'no way to cancel' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server install $S --os 503 --user alice --yes
check "install without --confirm when not interactive: refused, nothing sent" \
	sh -c "[ $rc -ne 0 ] && [ -s '$TMP/err' ] && [ $(writes) -eq $w ]"

dedi server install $S --os 503 --user alice --ssh-key workstation --hostname fresh-1.example \
	--yes --confirm=$S --wait
cp "$TMP/out" "$TMP/inst.out"
upw=$(sed -n 's/^password  *//p' "$TMP/inst.out")
rpw=$(sed -n 's/^root password  *//p' "$TMP/inst.out")
check "install --wait: sent once, followed from installing to installed" \
	sh -c "[ $rc -eq 0 ] && [ $(writes) -eq $((w + 1)) ] && grep -q 'ERASES EVERY DISK: done.\$' '$TMP/inst.out' \
		&& tail -n1 '$TMP/inst.out' | grep -q '^\[[0-9:]*\] installed (9/9)\$'"
ob GET /__sandbox/last-write >/dev/null
curl -s -o "$TMP/sb" "$URL/__sandbox/last-write"
check "install: the API received the form with the system, the user, the key's UUID and both passwords" \
	sh -c "jq -r .body '$TMP/sb' | grep -q '^os_id=503&hostname=fresh-1.example&user_login=alice&user_password=.*&root_password=.*&panel_password=.*&ssh_keys=%5B%22$KEY%22%5D\$'"
check "install: user and root passwords shown once, 20 characters each, different, in no audit line" \
	sh -c "[ \$(printf %s '$upw' | wc -c) -eq 20 ] && [ \$(printf %s '$rpw' | wc -c) -eq 20 ] && [ '$upw' != '$rpw' ] \
		&& [ \$(grep -cF '$upw' '$TMP/inst.out') -eq 1 ] && ! grep -qF '$upw' '$AUDIT' && ! grep -qF '$rpw' '$AUDIT' \
		&& grep -q 'root_password=\*\*\*\*\*\*\*\*' '$AUDIT'"
check "install: intent then outcome ok (201) in the audit" \
	sh -c "tail -n2 '$AUDIT' | head -n1 | grep -q '\"phase\":\"intent\",\"method\":\"POST\",\"url\":\"[^\"]*/server/install/$S\"' \
		&& tail -n1 '$AUDIT' | grep -q '\"phase\":\"outcome\".*\"status\":201,\"outcome\":\"ok\"'"
dedi servers show $S
check "install: servers show has the new hostname and the system" \
	sh -c "grep -q '^hostname  *fresh-1.example\$' '$TMP/out' && grep -qi 'debian' '$TMP/out'"

# a second installation while the first runs: the Online API's refusal
w=$(writes)
dedi server install $T --os 503 --user bob --yes --confirm=$T
code=$(ob GET /server/$T)
check "install without --wait: sent, install_status installing" \
	sh -c "[ $rc -eq 0 ] && [ $(writes) -eq $((w + 1)) ] && [ $code = 200 ] && jq -e '.install_status == \"installing\"' '$TMP/sb' >/dev/null"
dedi server install $T --os 503 --user bob --yes --confirm=$T
check "install while installing: refused by the Online API (400), said, audited as refused" \
	sh -c "[ $rc -ne 0 ] && grep -q 'being installed' '$TMP/err' && tail -n1 '$AUDIT' | grep -q '\"status\":400'"
curl -s -X POST "$URL/__sandbox/advance?seconds=900" >/dev/null
dedi servers show $T
code=$(ob GET /server/$T)
check "after the sandbox clock moves past the end: install_status installed, servers show says ready" \
	sh -c "[ $rc -eq 0 ] && grep -q '^status  *ready\$' '$TMP/out' && [ $code = 200 ] && jq -e '.install_status == \"installed\"' '$TMP/sb' >/dev/null"

# the Online API's refusals seen by another client
form="os_id=503&hostname=h.example&user_login=u&user_password=abcdefgh1&root_password=abcdefgh2&panel_password=abcdefgh3"
code=$(ob POST /server/install/$T "os_id=4242&hostname=h.example&user_login=u&user_password=abcdefgh1&root_password=abcdefgh2&panel_password=abcdefgh3")
check "sandbox: an unknown os_id is a 400 with the Online error body # sandbox-only" \
	sh -c "[ $code = 400 ] && jq -e '.code == 4 and (.error | test(\"os_id\"))' '$TMP/sb' >/dev/null"
code=$(ob POST /server/install/$T "$form&partitioning=%5B%7B%22mount%22%3A%5B%22%2F%22%5D%7D%5D")
check "sandbox: a partitioning without sizes is a 400 # sandbox-only" \
	sh -c "[ $code = 400 ] && jq -e '.error | test(\"partitioning\")' '$TMP/sb' >/dev/null"
code=$(ob POST /server/install/$T "$form&ssh_keys=%5B%2200000000-0000-4000-8000-000000000000%22%5D")
check "sandbox: an SSH key UUID not of the account is a 400 # sandbox-only" \
	sh -c "[ $code = 400 ] && jq -e '.error | test(\"ssh_keys\")' '$TMP/sb' >/dev/null"
code=$(ob POST /server/install/$T "os_id=503&hostname=h.example&user_login=u&user_password=abcdefgh1&root_password=short")
check "sandbox: a short root_password is a 400 that names it # sandbox-only" \
	sh -c "[ $code = 400 ] && jq -e '.error | test(\"root_password\")' '$TMP/sb' >/dev/null"
code=$(ob GET /user/key/ssh)
check "sandbox: GET /user/key/ssh lists uuid_ref, description, fingerprint # sandbox-only" \
	sh -c "[ $code = 200 ] && jq -e 'length == 2 and .[0].uuid_ref == \"$KEY\" and .[0].description == \"workstation\"' '$TMP/sb' >/dev/null"

finish
