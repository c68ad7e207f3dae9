#!/bin/sh
# dedi rpn: RPN v1 and v2 groups against the sandbox. Every change goes
# through the write path (intent and outcome in the audit, the group
# re-read first), each refusal of the API comes back as a sentence and an
# exit code, a value that cannot be right is refused before anything is
# sent, and a destructive change wants the group's name typed.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }
lines() { [ -f "$AUDIT" ] && wc -l <"$AUDIT" || echo 0; }
# The last two audit lines: an intent, then an ok outcome, for METHOD URL-TAIL.
audited() {
	tail -n2 "$AUDIT" >"$TMP/last2"
	head -n1 "$TMP/last2" | grep -q "\"phase\":\"intent\",\"method\":\"$1\",\"url\":\"[^\"]*$2\"" &&
	tail -n1 "$TMP/last2" | grep -q "\"phase\":\"outcome\",\"method\":\"$1\",.*\"outcome\":\"ok\""
}
# rpn list in $TMP/list; prints nothing.
relist() { dedi rpn list; cp "$TMP/out" "$TMP/list"; }
# member ids of group G in $TMP/list, one per line
members_of() { awk -v g="$1" '$1 ~ /^v[12]$/ {on = ($2 == g)} on && $1 == "member" {print $2}' "$TMP/list"; }
servers_of() { awk -v g="$1" '$1 ~ /^v[12]$/ {on = ($2 == g)} on && $1 == "member" && $3 == "server" {print $4}' "$TMP/list"; }
# Refused: the exit code and the sentence on stderr.
refused() { # refused CODE WORDS
	[ "$rc" -eq "$1" ] && grep -q "$2" "$TMP/err"
}

start_sandbox --servers 16 --seed 3 --stats "$STATS" || exit 1
use_scw

# --- reading ---
relist
v1=$(awk '$1 == "v1" {print $2; exit}' "$TMP/list")
v2=$(awk '$1 == "v2" {print $2; exit}' "$TMP/list")
inv=$(awk '$1 == "invitation" {print $2; exit}' "$TMP/list")
check "list: an RPN v1 and an RPN v2 group with members, an invitation" \
	sh -c "[ $rc -eq 0 ] && [ -n '$v1' ] && [ -n '$v2' ] && [ -n '$inv' ] && grep -q '^      member .* vlan 3900\$' '$TMP/list'"
dedi rpn list --json
check "list --json: version 1, both kinds of groups and the invitations" \
	sh -c "grep -q '\"version\": 1' '$TMP/out' && grep -q '\"rpnv1_groups\"' '$TMP/out' && grep -q '\"invitations\"' '$TMP/out' && grep -q '\"group_owner\": \"partner\"' '$TMP/out'"

v1servers=$(servers_of "$v1")
v2servers=$(servers_of "$v2")
v2members=$(members_of "$v2")
onev1=$(echo "$v1servers" | head -n1)
onev2=$(echo "$v2servers" | head -n1)
m2=$(echo "$v2members" | head -n1)
dedi servers list
nocap=$(awk '$6 == "Start-2-S-SATA" {print $1; exit}' "$TMP/out")
[ -n "$nocap" ] || echo "# no server without RPN in this world"

# --- RPN v1 ---
w=$(writes); before=$(lines)
dedi rpn v1 create ops-lan --servers "$onev1"
check "v1 create: done, one write, intent and outcome audited" \
	sh -c "[ $rc -eq 0 ] && [ $(writes) -eq $((w + 1)) ] && [ \$(wc -l <'$AUDIT') -eq $((before + 2)) ]"
audited POST "/rpnv1/groups" && ok "v1 create: the audit has the POST" || not_ok "v1 create audit" "$AUDIT"
relist
g=$(awk '$1 == "v1" && $3 == "ops-lan" {print $2}' "$TMP/list")
check "v1 create: the group is listed with its server" sh -c "[ -n '$g' ] && [ '$(servers_of "$g" 2>/dev/null)' = '$onev1' ]"

dedi rpn v1 rename "$g" ops-lan-2
relist
check "v1 rename: listed under its new name" grep -q "^v1  $g  *ops-lan-2 " "$TMP/list"

w=$(writes)
dedi rpn v1 add "$g" "$onev2"
relist
check "v1 add: one write, the server is a member" sh -c "[ $rc -eq 0 ] && [ $(writes) -eq $((w + 1)) ] && echo '$(servers_of "$g")' | grep -qx '$onev2'"

dedi rpn v1 add "$g" "$onev2"
check "v1 add again: refused, already a member (412, exit 6)" refused 6 "already a member"

if [ -n "$nocap" ]; then
	dedi rpn v1 add "$g" "$nocap"
	check "v1 add a server without RPN: refused (exit 6)" refused 6 "no RPN"
else
	not_ok "v1 add a server without RPN: no such server in the world"
fi

dedi rpn v1 add "$g" 999
check "v1 add an unknown server: not found (exit 4)" refused 4 "server 999"

dedi rpn v1 invite "$g" 300002
relist
check "v1 invite: another account's server is pending in the group" \
	sh -c "[ $rc -eq 0 ] && grep -q 'pending_invitation' '$TMP/list'"

dedi rpn v1 invite "$g" 999999
check "v1 invite an unknown server: not found (exit 4)" refused 4 "server 999999"

dedi rpn v1 invite "$g" "$onev1"
check "v1 invite one of this account's servers: refused, add it instead" refused 6 "add it to the group"

dedi rpn v1 invite "$g" 300002
check "v1 invite twice: refused, already invited" refused 6 "already invited"

mem=$(awk -v g="$g" -v s="$onev2" '$1 ~ /^v[12]$/ {on = ($2 == g)} on && $1 == "member" && $4 == s {print $2}' "$TMP/list")
w=$(writes)
dedi rpn v1 remove "$g" "$mem"
check "v1 remove without a terminal and without --yes: refused, nothing sent" \
	sh -c "[ $rc -eq 2 ] && [ $(writes) -eq $w ] && grep -q -- '--confirm=ops-lan-2' '$TMP/err'"
dedi rpn v1 remove "$g" "$mem" --yes --confirm=wrong-name
check "v1 remove with a wrong --confirm: refused, nothing sent" \
	sh -c "[ $rc -eq 2 ] && [ $(writes) -eq $w ] && grep -q 'not the group' '$TMP/err'"
dedi rpn v1 remove "$g" "$mem" --yes --confirm=ops-lan-2
relist
check "v1 remove: confirmed, the member is gone" sh -c "[ $rc -eq 0 ] && [ -n '$(servers_of "$g")' ] && ! echo '$(servers_of "$g")' | grep -qx '$onev2'"

dedi rpn v1 leave "$g" "$(members_of "$g" | head -n1)" --yes --confirm=ops-lan-2
check "v1 leave an owned group: refused (412)" refused 6 "owns the group"

# The invitation from another account: accept, then leave; refuse.
dedi rpn v1 accept "$inv"
relist
shared=$(awk '$1 == "v1" && $4 == "shared" {print $2}' "$TMP/list")
check "v1 accept: the partner's group is listed as shared, the invitation gone" \
	sh -c "[ $rc -eq 0 ] && [ -n '$shared' ] && ! grep -q '^invitation $inv ' '$TMP/list'"
dedi rpn v1 rename "$shared" mine
check "v1 rename another account's group: refused (403, exit 3)" refused 3 "insufficient permissions"
dedi rpn v1 accept "$inv"
check "v1 accept twice: no such invitation (exit 4)" refused 4 "invitation $inv"
own=$(awk -v g="$shared" '$1 ~ /^v[12]$/ {on = ($2 == g)} on && $1 == "member" && $3 == "server" {print $2; exit}' "$TMP/list")
dedi rpn v1 leave "$shared" "$own" --yes --confirm=partner-lan
relist
check "v1 leave: the shared group is no longer listed" sh -c "[ $rc -eq 0 ] && [ -n '$shared' ] && grep -q '^v1  $v1 ' '$TMP/list' && ! grep -q '^v1  $shared ' '$TMP/list'"

w=$(writes); before=$(lines)
dedi --dry-run rpn v1 delete "$g"
check "v1 delete --dry-run: the DELETE described, nothing sent, nothing audited" \
	sh -c "[ $rc -eq 0 ] && grep -q '^DELETE .*/rpnv1/groups/$g\$' '$TMP/out' && [ $(writes) -eq $w ] && [ $(lines) -eq $before ]"
dedi rpn v1 delete "$g" --yes --confirm=ops-lan-2
audited DELETE "/rpnv1/groups/$g" && ok "v1 delete: audited" || not_ok "v1 delete audit" "$AUDIT" "$TMP/err"
relist
check "v1 delete: the group is gone, the others stay" sh -c "grep -q '^v1  $v1 ' '$TMP/list' && ! grep -q '^v1  $g ' '$TMP/list'"
dedi rpn v1 rename "$g" again
check "v1 rename a deleted group: not found before anything is sent (exit 4)" refused 4 "No RPN v1 group $g"

# --- RPN v2 ---
w=$(writes)
dedi rpn v2 create lab --type qinq --servers "$onev1"
relist
g2=$(awk '$1 == "v2" && $3 == "lab" {print $2}' "$TMP/list")
check "v2 create: a qinq group with the server" sh -c "[ -n '$g2' ] && grep -q '^v2  $g2  *lab  *qinq ' '$TMP/list' && [ '$(servers_of "$g2" 2>/dev/null)' = '$onev1' ]"

dedi rpn v2 create lab2 --servers "$onev2"
check "v2 create with a server already in a v2 group: refused (412)" refused 6 "already in an RPN v2 group"

dedi rpn v2 create lab3 --type star --servers "$(echo "$v1servers" | sed -n 2p)"
check "v2 create with an unknown type: refused before sending (exit 2)" refused 2 "standard or qinq"

dedi rpn v2 create "" --servers 1
check "v2 create with an empty name: refused before sending" refused 2 "1 to 64"

dedi rpn v2 rename "$g2" lab-b
relist
check "v2 rename: listed under its new name" grep -q "^v2  $g2  *lab-b " "$TMP/list"

dedi rpn v2 add "$g2" "$(echo "$v1servers" | sed -n 2p)"
relist
check "v2 add: the second server is a member" sh -c "[ $rc -eq 0 ] && [ $(members_of "$g2" | wc -l) -eq 2 ]"

w=$(writes)
dedi rpn v2 vlan "$v2" "$m2" 4000
check "v2 vlan 4000: refused before sending (exit 2, nothing sent)" \
	sh -c "[ $rc -eq 2 ] && grep -q '0 to 3967' '$TMP/err' && [ $(writes) -eq $w ]"
dedi rpn v2 vlan "$v2" "$m2" 1234
relist
check "v2 vlan: the member is on VLAN 1234" grep -q "^      member $m2 .* vlan 1234\$" "$TMP/list"
dedi rpn v2 vlan "$v2" 1 1234
check "v2 vlan of an unknown member: not found (exit 4)" refused 4 "rpnv2_member 1"

dedi rpn v2 compat "$v2" on "$v1"
relist
check "v2 compat on: compatible with the v1 group" grep -q "^v2  $v2 .*compatible with v1 group $v1" "$TMP/list"
dedi rpn v2 compat "$v2" on 424242
check "v2 compat with an unknown v1 group: not found (exit 4)" refused 4 "rpn_group 424242"
dedi rpn v2 compat "$v2" off
relist
check "v2 compat off: no longer compatible" sh -c "[ $rc -eq 0 ] && grep -q '^v2  $v2 ' '$TMP/list' && ! grep -q '^v2  $v2 .*compatible' '$TMP/list'"

dedi rpn v2 logs "$v2"
check "v2 logs: the VLAN change and the compatibility are in the log" \
	sh -c "grep -q 'vlan_updated' '$TMP/out' && grep -q 'rpnv1_members_added' '$TMP/out'"
dedi rpn v2 logs "$v2" --json
check "v2 logs --json: version 1 and the group" sh -c "grep -q '\"group_id\": $v2' '$TMP/out' && grep -q '\"action\": \"group_created\"' '$TMP/out'"

mm=$(members_of "$g2" | head -n1)
dedi rpn v2 remove "$g2" "$mm" --yes --confirm=lab-b
relist
check "v2 remove: one member left" sh -c "[ $rc -eq 0 ] && [ $(members_of "$g2" | wc -l) -eq 1 ]"
dedi rpn v2 delete "$g2" --yes --confirm=lab-b
relist
check "v2 delete: the group is gone" sh -c "[ $rc -eq 0 ] && grep -q '^v2  $v2 ' '$TMP/list' && ! grep -q '^v2  $g2 ' '$TMP/list'"

# --- the write path's guards ---
mkdir -p "$XDG_CONFIG_HOME/dedi"
printf '[profile env]\nread_only = true\n' >"$XDG_CONFIG_HOME/dedi/config"
chmod 600 "$XDG_CONFIG_HOME/dedi/config"
w=$(writes)
dedi rpn v2 rename "$v2" ro
check "read_only: refused (exit 8), nothing sent" sh -c "[ $rc -eq 8 ] && [ $(writes) -eq $w ] && grep -q read_only '$TMP/err'"
host2=$(awk -v m="$m2" '$1 == "member" && $2 == m {print $5; exit}' "$TMP/list")
printf '[profile env]\nprotected = %s\n' "$host2" >"$XDG_CONFIG_HOME/dedi/config"
w=$(writes)
dedi rpn v2 remove "$v2" "$m2" --yes --confirm=private-lan
check "protected: removing a protected server's membership is refused (exit 8), nothing sent" \
	sh -c "[ $rc -eq 8 ] && [ -n '$host2' ] && [ $(writes) -eq $w ] && grep -q 'protected' '$TMP/err' && grep -qF '$host2' '$TMP/err'"
dedi rpn v2 rename "$v2" still-mine
check "protected: a rename of its group is no change to the server, and goes" \
	sh -c "[ $rc -eq 0 ] && [ $(writes) -eq $((w + 1)) ]"
rm -f "$XDG_CONFIG_HOME/dedi/config"

# --- an Online-only profile reads Online's RPN routes (its changes: rpn_online.sh) ---
use_online
dedi rpn list
check "Online only: the groups of /rpn/group and /rpn/v2 with their members and VLANs" \
	sh -c "[ $rc -eq 0 ] && grep -q '^v1  $v1  *backend ' '$TMP/out' && grep -q '^v2  $v2  *still-mine  *standard  *active' '$TMP/out' && grep -q 'member $m2 .* vlan 1234\$' '$TMP/out'"
dedi rpn list --json
check "Online only: --json has both kinds" sh -c "[ $rc -eq 0 ] && grep -q '\"id\": $v2,' '$TMP/out' && grep -q '\"vlan\": \"1234\"' '$TMP/out'"
w=$(writes)
dedi rpn v2 rename "$v2" other
check "Online only: a change Online has no route for is refused before anything is sent, saying why" \
	sh -c "[ $rc -eq 2 ] && [ $(writes) -eq $w ] && grep -q 'Online API has no route to rename a group' '$TMP/err'"
use_scw

# --- a fresh world: refuse the partner's invitation ---
start_sandbox --servers 16 --seed 3 --stats "$STATS" || exit 1
relist
inv=$(awk '$1 == "invitation" {print $2; exit}' "$TMP/list")
dedi rpn v1 refuse "$inv"
check "v1 refuse without --yes: refused, names the inviting group, nothing sent" \
	sh -c "[ $rc -eq 2 ] && [ -n '$inv' ] && grep -q -- '--confirm=partner-lan' '$TMP/err'"
dedi rpn v1 refuse "$inv" --yes --confirm=partner-lan
audited POST "/rpnv1/invites/$inv/refuse" && ok "v1 refuse: audited" || not_ok "v1 refuse audit" "$AUDIT" "$TMP/err"
relist
check "v1 refuse: no invitation left, the partner's group never listed" \
	sh -c "[ $rc -eq 0 ] && grep -q '^v1  $v1 ' '$TMP/list' && ! grep -q '^invitation ' '$TMP/list' && ! grep -q partner-lan '$TMP/list'"
dedi rpn v1 accept "$inv"
check "v1 accept a refused invitation: refused before sending (exit 4)" refused 4 "No pending RPN v1 invitation $inv"

dedi rpn v3 list
check "an unknown version: usage (exit 2)" refused 2 "list, v1 or v2"

finish
