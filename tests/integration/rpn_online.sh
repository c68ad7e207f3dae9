#!/bin/sh
# dedi rpn with an Online-only profile (a Dedibox private token, no
# Scaleway keys): every RPN change the Online API has a route for
# (online-v1.md section 6) goes through the write path to it, as a form
# whose server_ids is JSON text; each refusal of the Online API comes back
# as a sentence and an exit code; a change Online has no route for is
# refused before anything is sent.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }
# The last two audit lines: an intent, then an ok outcome, for METHOD URL-TAIL.
audited() {
	tail -n2 "$AUDIT" >"$TMP/last2"
	head -n1 "$TMP/last2" | grep -q "\"phase\":\"intent\",\"method\":\"$1\",\"url\":\"[^\"]*$2\"" &&
	tail -n1 "$TMP/last2" | grep -q "\"phase\":\"outcome\",\"method\":\"$1\",.*\"outcome\":\"ok\""
}
relist() { dedi rpn list; cp "$TMP/out" "$TMP/list"; }
servers_of() { awk -v g="$1" '$1 ~ /^v[12]$/ {on = ($2 == g)} on && $1 == "member" && $3 == "server" {print $4}' "$TMP/list"; }
# member_of G SERVER: the member id of SERVER in group G
member_of() { awk -v g="$1" -v s="$2" '$1 ~ /^v[12]$/ {on = ($2 == g)} on && $1 == "member" && $4 == s {print $2}' "$TMP/list"; }
refused() { # refused CODE WORDS
	[ "$rc" -eq "$1" ] && grep -q "$2" "$TMP/err"
}

# seed 3, 16 servers: 100025 (Start-2-S-SATA) has no RPN; 100042 is in the
# RPN v2 group; 100077, 100083, 100090 and 100102 are free and able.
start_sandbox --servers 16 --seed 3 --stats "$STATS" || exit 1
use_online

relist
v2=$(awk '$1 == "v2" {print $2; exit}' "$TMP/list")
check "list: the Online groups of both versions" sh -c "[ $rc -eq 0 ] && grep -q '^v1 ' '$TMP/list' && [ -n '$v2' ]"

# --- RPN v1 ---
w=$(writes)
dedi rpn v1 create ops-lan --servers 100077
check "v1 create: done through POST /rpn/group, one write, audited" \
	sh -c "[ $rc -eq 0 ] && [ $(writes) -eq $((w + 1)) ] && grep -q 'done' '$TMP/out'"
audited POST "/api/v1/rpn/group" && ok "v1 create: intent and outcome in the audit" || not_ok "v1 create audit" "$AUDIT"
check "v1 create: the form names the servers as JSON text" grep -q 'name=ops-lan&server_ids=%5B100077%5D' "$AUDIT"
relist
g=$(awk '$1 == "v1" && $3 == "ops-lan" {print $2}' "$TMP/list")
check "v1 create: the group is listed with its server" sh -c "[ -n '$g' ] && [ '$(servers_of "$g")' = 100077 ]"

dedi rpn v1 add "$g" 100083
relist
check "v1 add: done through /rpn/group/addServers, the server is a member" \
	sh -c "[ $rc -eq 0 ] && tail -n1 '$AUDIT' | grep -q 'rpn/group/addServers' && echo '$(servers_of "$g")' | grep -qx 100083"

dedi rpn v1 add "$g" 100083
check "v1 add again: Online refuses, already a member (400, exit 6)" refused 6 "already a member of this group"
dedi rpn v1 add "$g" 100025
check "v1 add a server without RPN: Online refuses (400, exit 6)" refused 6 "cannot join RPN"
dedi rpn v1 add "$g" 424242
check "v1 add a server of no account: Online says not found (exit 4)" refused 4 "Server not found"

mem=$(member_of "$g" 100083)
w=$(writes)
dedi rpn v1 remove "$g" "$mem"
check "v1 remove without --yes: refused, nothing sent" \
	sh -c "[ $rc -eq 2 ] && [ $(writes) -eq $w ] && grep -q -- '--confirm=ops-lan' '$TMP/err'"
dedi rpn v1 remove "$g" "$mem" --yes --confirm=ops-lan
relist
check "v1 remove: /rpn/group/removeServers with the member's server, which is gone" \
	sh -c "[ $rc -eq 0 ] && grep -q 'group_id=$g&server_ids=%5B100083%5D' '$AUDIT' && [ '$(servers_of "$g")' = 100077 ]"
dedi rpn v1 remove "$g" 12345 --yes --confirm=ops-lan
check "v1 remove a member the group does not have: refused before sending (exit 4)" \
	sh -c "[ $rc -eq 4 ] && grep -q 'has no member 12345' '$TMP/err' && [ $(writes) -eq $((w + 1)) ]"

w=$(writes)
dedi rpn v1 rename "$g" other
check "v1 rename: Online has no route, refused before sending (exit 2)" \
	sh -c "[ $rc -eq 2 ] && grep -q 'Online API has no route to rename' '$TMP/err' && [ $(writes) -eq $w ]"
dedi rpn v1 delete "$g" --yes --confirm=ops-lan
check "v1 delete: Online has no route, refused before sending" \
	sh -c "[ $rc -eq 2 ] && grep -q 'no route to delete an RPN v1 group' '$TMP/err' && [ $(writes) -eq $w ]"
dedi rpn v1 invite "$g" 300002
check "v1 invite: Online has no invitations, refused before sending" \
	sh -c "[ $rc -eq 2 ] && grep -q 'no route to invite' '$TMP/err' && [ $(writes) -eq $w ]"

# Another account's group, visible once one of ours accepted its
# invitation (through Scaleway: Online has no invitations).
inv=$(curl -s -H "X-Auth-Token: $DEMO_SECRET" "$URL/dedibox/v1/rpnv1/invites" | jq -r '.members[0].id')
curl -s -o /dev/null -X POST -H "X-Auth-Token: $DEMO_SECRET" -H 'Content-Type: application/json' -d '{}' \
	"$URL/dedibox/v1/rpnv1/invites/$inv/accept"
relist
shared=$(awk '$1 == "v1" && $3 == "partner-lan" {print $2}' "$TMP/list")
dedi rpn v1 add "$shared" 100090
check "v1 add to another account's group: Online refuses (403, exit 3)" \
	sh -c "[ -n '$shared' ] && [ $rc -eq 3 ] && grep -q 'belongs to another account' '$TMP/err'"

# --- RPN v2 ---
w=$(writes)
dedi --dry-run rpn v2 create be --servers 100090 --type qinq
check "v2 create --dry-run: the form described, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q '^POST .*/api/v1/rpn/v2\$' '$TMP/out' && grep -q '^type=QINQ&description=be&server_ids=%5B100090%5D\$' '$TMP/out' && [ $(writes) -eq $w ]"
dedi rpn v2 create be --servers 100090 --type qinq
audited POST "/api/v1/rpn/v2" && ok "v2 create: audited" || not_ok "v2 create audit" "$AUDIT" "$TMP/err"
relist
g2=$(awk '$1 == "v2" && $3 == "be" {print $2}' "$TMP/list")
check "v2 create: a qinq group with its server, active once read again" \
	sh -c "[ -n '$g2' ] && grep -Eq '^v2  $g2 +be +qinq +active' '$TMP/list' && [ '$(servers_of "$g2")' = 100090 ]"
dedi rpn v2 create be2 --servers 100042
check "v2 create with a server already in a v2 group: Online refuses (exit 6)" refused 6 "already in an RPN v2 group"

dedi rpn v2 add "$g2" 100102
audited POST "/rpn/v2/$g2/addMember" && ok "v2 add: POST addMember, audited" || not_ok "v2 add audit" "$AUDIT" "$TMP/err"
relist
check "v2 add: the server is a member" sh -c "[ $rc -eq 0 ] && echo '$(servers_of "$g2")' | grep -qx 100102"
dedi rpn v2 add "$g2" 100025
check "v2 add a server without RPN: Online refuses (exit 6)" refused 6 "cannot join RPN"

m=$(member_of "$g2" 100102)
dedi rpn v2 vlan "$g2" "$m" 42
audited PATCH "/rpn/v2/$g2/editVlanMember/$m" && ok "v2 vlan: PATCH editVlanMember, audited" || not_ok "v2 vlan audit" "$AUDIT" "$TMP/err"
relist
check "v2 vlan: the member is on VLAN 42" sh -c "grep -q 'vlan_number=42&reset_vlan=false' '$AUDIT' && grep -Eq '^ +member $m +server 100102 .*vlan 42\$' '$TMP/list'"
dedi rpn v2 vlan "$g2" "$m" default
relist
check "v2 vlan default: reset_vlan=true, the member back on VLAN 0" \
	sh -c "[ $rc -eq 0 ] && tail -n2 '$AUDIT' | grep -q 'reset_vlan=true' && grep -Eq '^ +member $m +server 100102 .*vlan 0\$' '$TMP/list'"
w=$(writes)
m1=$(member_of "$g2" 100090)
dedi rpn v2 vlan "$g2" "$m,$m1" 7
check "v2 vlan of two members: refused before sending (Online edits one member)" \
	sh -c "[ $rc -eq 2 ] && grep -q 'one member' '$TMP/err' && [ $(writes) -eq $w ]"
dedi rpn v2 vlan "$g2" "$m" 4000
check "v2 vlan out of range: refused before sending" \
	sh -c "[ $rc -eq 2 ] && grep -q '0 to 3967' '$TMP/err' && [ $(writes) -eq $w ]"
dedi rpn v2 compat "$g2" off
check "v2 compat: Online has no route, refused before sending" \
	sh -c "[ $rc -eq 2 ] && grep -q 'no route to change the RPN v1 compatibility' '$TMP/err' && [ $(writes) -eq $w ]"

dedi rpn v2 remove "$g2" "$m" --yes --confirm=be
relist
check "v2 remove: DELETE removeMember with the member's server, which is gone" \
	sh -c "[ $rc -eq 0 ] && tail -n2 '$AUDIT' | grep -q '\"method\":\"DELETE\".*removeMember' && [ '$(servers_of "$g2")' = 100090 ]"

w=$(writes)
dedi --dry-run rpn v2 delete "$g2"
check "v2 delete --dry-run: the DELETE described, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q '^DELETE .*/api/v1/rpn/v2/$g2\$' '$TMP/out' && [ $(writes) -eq $w ]"
dedi rpn v2 delete "$g2" --yes --confirm=be
audited DELETE "/api/v1/rpn/v2/$g2" && ok "v2 delete: audited" || not_ok "v2 delete audit" "$AUDIT" "$TMP/err"
relist
check "v2 delete: the group is gone, the first stays" sh -c "[ $rc -eq 0 ] && grep -q '^v2  $v2 ' '$TMP/list' && ! grep -q '^v2  $g2 ' '$TMP/list'"
dedi rpn v2 create again --servers 100090
check "v2 delete: its server is free to join another group" sh -c "[ $rc -eq 0 ] && grep -q 'done' '$TMP/out'"

# The Online API's own words, to any client (no dedi here).
st=$(curl -s -o "$TMP/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $DEMO_TOKEN" \
	-d 'group_id=424242&server_ids=[100083]' "$DEDI_ONLINE_API_URL/rpn/group/addServers")
check "addServers to an unknown group: 404 with code 7 # sandbox-only" \
	sh -c "[ '$st' = 404 ] && jq -e '.code == 7 and (.error | test(\"not found\"))' '$TMP/body' >/dev/null"
st=$(curl -s -o "$TMP/body" -w '%{http_code}' -X PATCH -H "Authorization: Bearer $DEMO_TOKEN" \
	-H 'Content-Type: application/json' -d '{"vlan_number": 5000}' "$DEDI_ONLINE_API_URL/rpn/v2/$v2/editVlanMember/1")
check "editVlanMember out of range: 400 code 4 # sandbox-only" \
	sh -c "[ '$st' = 400 ] && jq -e '.code == 4' '$TMP/body' >/dev/null"
st=$(curl -s -o "$TMP/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $DEMO_TOKEN" \
	-H 'Content-Type: application/json' -d '{"type": "STANDARD", "description": "j", "server_ids": [100083]}' "$DEDI_ONLINE_API_URL/rpn/v2")
check "v2 create with a JSON body: accepted as a form is # sandbox-only" \
	sh -c "[ '$st' = 200 ] && jq -e '.status == \"CREATING\" and .member[0].linked.id == 100083' '$TMP/body' >/dev/null"

# --quirks online-403: a server of nl-ams-1 is another Online account's,
# and the API says only that it is not the token's.
start_sandbox --servers 16 --seed 3 --stats "$STATS" --quirks online-403 || exit 1
dedi rpn list
v1=$(awk '$1 == "v1" {print $2; exit}' "$TMP/out")
dedi rpn v1 add "$v1" 100042
check "online-403: adding another Online account's server is refused (403, exit 3)" \
	sh -c "[ -n '$v1' ] && [ $rc -eq 3 ] && grep -q 'not in your account' '$TMP/err'"

finish
