#!/bin/sh
# An Online-only profile (a Dedibox private token, no Scaleway keys): a
# failover IP attached and moved through POST /server/failover/edit (the
# destination's main address read from the fleet), its virtual MAC
# generated and deleted through /server/failover/generateMac and
# /deleteMac; each refusal of the Online API told.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }

start_sandbox --servers 6 --seed 3 --stats "$STATS" || exit 1
use_online
# seed 3: 212.129.0.2 on 100021 with the kvm MAC 52:54:00:00:00:01;
# 100025 (62.210.0.2) in fr-par-1; 100011 (51.158.0.2) in nl-ams-1;
# 212.83.0.2 of nl-ams-1 and 212.83.0.3 of fr-par-2 routed nowhere.
row() { dedi failover list; grep -E " $1 " "$TMP/out"; }

w=$(writes)
dedi --dry-run failover move 212.129.0.2 100025
check "move --dry-run: one Online edit to the destination's main address, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q 'server 100021 -> server 100025' '$TMP/out' \
		&& grep -q '/api/v1/server/failover/edit' '$TMP/out' && grep -q 'source=212.129.0.2&destination=62.210.0.2' '$TMP/out' \
		&& ! grep -q 'Detach' '$TMP/out' && [ $(writes) -eq $w ]"
dedi failover move 212.129.0.2 100025 --yes --confirm=212.129.0.2
cp "$TMP/out" "$TMP/move.out"
check "move: done in one edit, followed until the Online API reports the new server" \
	sh -c "[ $rc -eq 0 ] && grep -q 'main address 62.210.0.2): done' '$TMP/move.out' && grep -q 'The API reports 212.129.0.2 routed to server 100025' '$TMP/move.out'"
row 212.129.0.2 >"$TMP/row"
check "move: the list shows the new server and the MAC kept" grep -Eq ' 212.129.0.2 +100025 +52:54:00:00:00:01 +kvm ' "$TMP/row"
check "move: one write, audited with its outcome" \
	sh -c "[ $(writes) -eq $((w + 1)) ] && grep -q '\"phase\":\"outcome\".*server/failover/edit.*\"outcome\":\"ok\"' '$AUDIT'"

dedi failover move 212.129.0.2 424242 --yes --confirm=212.129.0.2
check "move: a server outside the fleet is refused before sending (its main address is unknown)" \
	sh -c "[ $rc -ne 0 ] && grep -q 'routes a failover IP to a server.s main address' '$TMP/err' && [ $(writes) -eq $((w + 1)) ]"

dedi failover attach 212.83.0.2 100011
check "attach: done through /server/failover/edit" \
	sh -c "[ $rc -eq 0 ] && grep -q 'main address 51.158.0.2): done' '$TMP/out' && '$DEDI' failover list | grep -Eq ' 212.83.0.2 +100011 '"
dedi failover attach 212.83.0.3 100021
check "attach: the Online API refuses a server of another zone (400), told" \
	sh -c "[ $rc -ne 0 ] && grep -q 'another zone' '$TMP/err'"
row 212.83.0.3 >"$TMP/row"
check "attach: after the refusal the address is routed nowhere" grep -Eq ' 212.83.0.3 +- ' "$TMP/row"

# virtual MAC
dedi failover mac 212.83.0.2 xen
check "mac: a xen MAC generated through /server/failover/generateMac" \
	sh -c "[ $rc -eq 0 ] && tail -n2 '$AUDIT' | grep -q 'generateMac' && '$DEDI' failover list | grep -Eq ' 212.83.0.2 +100011 +00:16:3e:[0-9a-f:]{8} +xen '"
dedi failover mac 212.83.0.2 kvm
check "mac: a second MAC refused by the Online API (400), told" \
	sh -c "[ $rc -ne 0 ] && grep -q 'already has a virtual MAC' '$TMP/err'"
w=$(writes)
dedi failover mac 212.83.0.2 vmware --mac 00:50:56:aa:bb:cc
check "mac: a given MAC refused next to the field, nothing sent (Online only generates)" \
	sh -c "[ $rc -eq 2 ] && grep -q '^dedi: MAC: the Online API only generates' '$TMP/err' && [ $(writes) -eq $w ]"
dedi failover mac 212.83.0.2 --detach
check "mac --detach: deleted through /server/failover/deleteMac" \
	sh -c "[ $rc -eq 0 ] && tail -n2 '$AUDIT' | grep -q 'deleteMac' && '$DEDI' failover list | grep -Eq ' 212.83.0.2 +100011 +- '"
check "deleteMac: the Online API refuses an address without MAC (400) # sandbox-only" \
	sh -c "curl -s -X POST -H 'Authorization: Bearer $DEMO_TOKEN' -d 'address=212.83.0.2' '$URL/api/v1/server/failover/deleteMac' | grep -q '\"error\": *\"The failover IP has no virtual MAC\"'"
check "generateMac: an unknown address is 404 code 5 # sandbox-only" \
	sh -c "curl -s -X POST -H 'Authorization: Bearer $DEMO_TOKEN' -d 'address=10.9.8.7&type=kvm' '$URL/api/v1/server/failover/generateMac' | grep -q '\"code\": *5'"
check "generateMac: an unknown type is 400 code 4 # sandbox-only" \
	sh -c "curl -s -X POST -H 'Authorization: Bearer $DEMO_TOKEN' -d 'address=212.83.0.2&type=qemu' '$URL/api/v1/server/failover/generateMac' | grep -q '\"code\": *4'"
dedi failover mac 212.83.0.3 kvm
check "mac: an address routed nowhere is refused before sending" \
	sh -c "[ $rc -eq 2 ] && grep -q 'attach it first' '$TMP/err'"

finish
