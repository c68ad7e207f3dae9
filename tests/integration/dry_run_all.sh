#!/bin/sh
# --dry-run over every mutating command dedi has: each describes its
# request (method and URL) and exits 0, and the sandbox counts 0 writes
# at the end of the session; nothing reaches the audit log either.
# The list below is the one to extend when a command that writes lands:
# one line each, with @ID (a server id), @ADDR (its first address),
# @OFFER (an offer in stock in fr-par-1), @OS (a system @ID can install),
# @BMC (a server with KVM over IP), @FIP (a failover IP routed to a server).
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"

cat >"$TMP/commands" <<'LIST'
PATCH	servers edit @ID --hostname dry-run.example
POST	servers edit @ID --tags dry,run
PATCH	servers edit @ID --reverse @ADDR=dry-run.example.com.
PATCH	servers edit @ID --backup-autologin on --backup-acl off
POST	order @OFFER --zone fr-par-1 --yes --confirm=@OFFER
POST	order @OFFER --zone fr-par-1
POST	server reboot @ID --yes --confirm=@ID
POST	server start @ID
POST	server stop @ID
POST	server rescue @ID
POST	server install @ID --os @OS --user admin --hostname dry-run.example
POST	server bmc @BMC --ip 192.0.2.1
POST	failover detach @FIP --yes --confirm=@FIP
PATCH	failover reverse @FIP dry-run.example.com.
POST	failover mac @FIP kvm
DELETE	failover delete @FIP
POST	ipv6 subnet-create --next 56
PATCH	ipv6 delegation ns1.example.com,ns2.example.com
POST	rpn v1 create dry-run-group
POST	rpn v2 create dry-run-group --servers @ID
LIST

start_sandbox --servers 6 --seed 9 --stats "$STATS" || exit 1
use_scw
dedi servers list --json
ID=$(json_ids "$TMP/out" | head -n1)
dedi servers show "$ID" --json
ADDR=$(grep -m1 '"address":' "$TMP/out" | sed 's/.*"address": "\(.*\)",*/\1/')
OFFER=$(curl -s -H "X-Auth-Token: $DEMO_SECRET" "$URL/dedibox/v1/zones/fr-par-1/offers?page_size=100" |
	jq -r '[.offers[] | select(.server_info.stock_by_datacenter.DC3 == "available")][0].name')

OS=$(curl -s -H "X-Auth-Token: $DEMO_SECRET" "$URL/dedibox/v1/zones/fr-par-1/os?server_id=$ID" |
	jq -r '[.os[] | select(.type == "server")][0].id')
BMC=""
dedi failover list --json
FIP=$(jq -r '[.failover_ips[] | select(.server_id != null and .server_id > 0)][0].address' "$TMP/out")
dedi servers list --json
for s in $(json_ids "$TMP/out"); do
	dedi --dry-run server bmc "$s" --ip 192.0.2.1 </dev/null
	[ "$rc" -eq 0 ] && BMC=$s && break
done

ran=0
while IFS='	' read -r method cmd; do
	cmd=$(printf '%s' "$cmd" | sed "s|@ID|$ID|g; s|@ADDR|$ADDR|g; s|@OFFER|$OFFER|g; s|@OS|$OS|g; s|@BMC|$BMC|g; s|@FIP|$FIP|g")
	# shellcheck disable=SC2086 # the words of the command line
	dedi --dry-run $cmd </dev/null
	check "--dry-run $cmd: exit 0, describes $method and nothing sent" \
		sh -c "[ $rc -eq 0 ] && grep -q '^dry run, nothing sent' '$TMP/out' && grep -q '^$method http' '$TMP/out' && [ $(sb_count "$STATS" writes) -eq 0 ]"
	ran=$((ran + 1))
done <"$TMP/commands"

# An Online-only profile sends its RPN changes to Online's /rpn routes
# (@V1, @V2: its groups of each version).
cat >"$TMP/online" <<'LIST'
POST	rpn v1 create dry-run-group --servers @ID
POST	rpn v1 add @V1 @ID
POST	rpn v2 create dry-run-group --servers @ID --type qinq
POST	rpn v2 add @V2 @ID
DELETE	rpn v2 delete @V2
LIST
use_online
dedi rpn list
V1=$(awk '$1 == "v1" {print $2; exit}' "$TMP/out")
V2=$(awk '$1 == "v2" {print $2; exit}' "$TMP/out")
while IFS='	' read -r method cmd; do
	cmd=$(printf '%s' "$cmd" | sed "s|@ID|$ID|g; s|@V1|$V1|g; s|@V2|$V2|g")
	# shellcheck disable=SC2086 # the words of the command line
	dedi --dry-run $cmd </dev/null
	check "--dry-run $cmd (Online only): exit 0, describes $method to /api/v1/rpn and nothing sent" \
		sh -c "[ $rc -eq 0 ] && grep -q '^dry run, nothing sent' '$TMP/out' && grep -q '^$method http.*/api/v1/rpn/' '$TMP/out' && [ $(sb_count "$STATS" writes) -eq 0 ]"
	ran=$((ran + 1))
done <"$TMP/online"

check "the session: $ran commands, the sandbox counted 0 writes and some reads" \
	sh -c "[ $ran -ge 20 ] && [ $(sb_count "$STATS" writes) -eq 0 ] && [ $(sb_count "$STATS" GET) -gt 0 ] && [ -s '$TMP/out' ]"
check "the session: no audit line" sh -c "[ -s '$TMP/out' ] && [ ! -s '$AUDIT' ]"

finish
