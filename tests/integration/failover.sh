#!/bin/sh
# dedi failover: list, order, attach, move (the guided one), detach, MAC,
# reverse, delete against the sandbox; each refusal (the client's before
# sending, the API's after), --dry-run and the --yes --confirm rule.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }

start_sandbox --servers 6 --seed 3 --stats "$STATS" || exit 1
use_scw

# The row of an address in "failover list": ID ADDRESS ZONE SERVER MAC TYPE REVERSE
row() { dedi failover list; grep -E "^[0-9]+ +$1 " "$TMP/out"; }
field() { row "$1" | awk -v k="$2" '{ print $k }'; }

dedi failover list --json
check "list --json: a version 1 document with failover IPs" \
	sh -c "grep -q '\"version\": 1' '$TMP/out' && grep -q '\"address\": \"212.129.0.2\"' '$TMP/out'"
check "list --json: the MAC's type comes with the MAC" grep -q '"mac_type": "kvm"' "$TMP/out"
dedi failover list
check "list: 212.129.0.2 routed to 100021 with a kvm MAC" \
	grep -Eq '^2000001 +212.129.0.2 +fr-par-1 +100021 +52:54:00:00:00:01 +kvm ' "$TMP/out"

# reverse, then a refused name
dedi failover reverse 212.129.0.2 vm1.example.com.
check "reverse: done" sh -c "[ $rc -eq 0 ] && [ '$(field 212.129.0.2 7)' = vm1.example.com. ]"
w=$(writes)
dedi failover reverse 212.129.0.2 "bad name"
check "reverse: an invalid DNS name is refused next to the field, nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q '^dedi: reverse: ' '$TMP/err' && [ $(writes) -eq $w ]"

# the guided move: detach, attach, follow, the MAC attached again
dedi failover move 212.129.0.2 100025
check "move: refused without --yes --confirm" sh -c "[ $rc -eq 2 ] && grep -q 'confirm=212.129.0.2' '$TMP/err'"
dedi failover move 212.129.0.2 100025 --yes --confirm=212.129.0.3
check "move: a --confirm that names another address is refused" sh -c "[ $rc -eq 2 ] && grep -q 'does not name 212.129.0.2' '$TMP/err'"
w=$(writes)
dedi --dry-run failover move 212.129.0.2 100025
check "move --dry-run: from -> to and every step shown, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q 'server 100021 -> server 100025' '$TMP/out' && grep -q 'attach the same MAC again (52:54:00:00:00:01)' '$TMP/out' && [ $(writes) -eq $w ]"
dedi failover move 212.129.0.2 100025 --yes --confirm=212.129.0.2
cp "$TMP/out" "$TMP/move.out"
check "move: done, followed until the API reports the new server" \
	sh -c "[ $rc -eq 0 ] && grep -q 'The API reports 212.129.0.2 routed to server 100025' '$TMP/move.out'"
check "move: the MAC travelled (the same MAC attached again)" \
	grep -q 'Give failover IP 212.129.0.2 the kvm MAC 52:54:00:00:00:01: done' "$TMP/move.out"
row 212.129.0.2 >"$TMP/row"
check "move: the list shows the new server, the MAC and the reverse" \
	grep -Eq '^2000001 +212.129.0.2 +fr-par-1 +100025 +52:54:00:00:00:01 +kvm +vm1.example.com.$' "$TMP/row"
check "move: three writes audited (detach, attach, MAC), each with an outcome" \
	sh -c "[ \$(grep -c '\"phase\":\"outcome\".*\"outcome\":\"ok\"' '$AUDIT') -ge 4 ] && grep -q 'failover-ips/detach' '$AUDIT' && grep -q 'failover-ips/attach\"' '$AUDIT'"

# attach: refused when routed already (the client), done when not
dedi failover attach 212.129.0.3 100021
check "attach: an address routed elsewhere is refused (use move)" \
	sh -c "[ $rc -eq 2 ] && grep -q 'routed to server 100001: move it' '$TMP/err'"
check "attach: the API refuses an attached address too (412 precondition_failed) # sandbox-only" \
	sh -c "curl -s -X POST -H 'X-Auth-Token: $DEMO_SECRET' -H 'Content-Type: application/json' \
		-d '{\"fips_ids\":[2000003],\"server_id\":100021}' '$URL/dedibox/v1/zones/fr-par-1/failover-ips/attach' | grep -q 'already attached to server 100001'"
dedi failover detach 212.129.0.3 --yes --confirm=212.129.0.3
check "detach: done, the list shows no server" sh -c "[ $rc -eq 0 ] && [ '$(field 212.129.0.3 4)' = - ]"
dedi failover attach 212.129.0.3 100021
check "attach: done, routed to 100021" sh -c "[ $rc -eq 0 ] && [ '$(field 212.129.0.3 4)' = 100021 ]"

# a move whose attach the API refuses (no such server: not_found) stops
# there and says where the address was left
dedi failover move 212.129.0.3 999999 --yes --confirm=212.129.0.3
check "move: a refused step stops the move and says the address is detached" \
	sh -c "[ $rc -eq 4 ] && grep -q 'Detach failover IP 212.129.0.3 from server 100021.*: done' '$TMP/out' && grep -q 'routed to no server' '$TMP/err'"
dedi failover attach 212.129.0.3 100021
check "move: after the stop, attaching it back is done" sh -c "[ $rc -eq 0 ] && [ '$(field 212.129.0.3 4)' = 100021 ]"

# virtual MAC
dedi failover mac 212.129.0.3 qemu
check "mac: an unknown type is refused next to the field" sh -c "[ $rc -eq 2 ] && grep -q '^dedi: MAC type: unknown MAC type \"qemu\"' '$TMP/err'"
dedi failover mac 212.129.0.3 xen
xrc=$rc; row 212.129.0.3 >"$TMP/row"
check "mac: a xen MAC generated" sh -c "[ $xrc -eq 0 ] && grep -Eq ' 00:16:3e:[0-9a-f:]{8} +xen ' '$TMP/row'"
dedi failover mac 212.129.0.3 vmware --mac 00:50:56:aa:bb:cc
check "mac: a given MAC attached" sh -c "[ $rc -eq 0 ] && [ '$(field 212.129.0.3 5)' = 00:50:56:aa:bb:cc ]"
dedi failover mac 212.129.0.3 --detach
check "mac --detach: the MAC is gone" sh -c "[ $rc -eq 0 ] && [ '$(field 212.129.0.3 5)' = - ]"
dedi failover mac 212.83.0.3 kvm
check "mac: an address routed nowhere is refused" sh -c "[ $rc -eq 2 ] && grep -q 'attach it first' '$TMP/err'"

# the quota, per zone: 16 per server of the zone
dedi failover quota
check "quota: each zone, remaining out of its quota" \
	sh -c "[ $rc -eq 0 ] && grep -Eq '^fr-par-1 +62 +64\$' '$TMP/out' && grep -Eq '^fr-par-2 +0 +0\$' '$TMP/out'"
dedi failover quota fr-par-1 --json
check "quota --json: one zone" sh -c "grep -q '\"failover_ip_remaining\": 62' '$TMP/out' && ! grep -q 'nl-ams-1' '$TMP/out'"
dedi failover quota mars-1
check "quota: an unknown zone is refused" sh -c "[ $rc -eq 2 ] && grep -q 'unknown zone' '$TMP/err'"

# order: done, then the quota refusal (the API's 403)
# (16 per server of the zone: 4 servers in fr-par-1, 2 failover IPs)
dedi failover list --zone fr-par-1
before=$(grep -c ' fr-par-1 ' "$TMP/out")
dedi failover order fr-par-1 --offer 4030 --quantity 2
check "order: done" sh -c "[ $rc -eq 0 ] && grep -q 'Order 2 failover IPs in fr-par-1' '$TMP/out'"
dedi failover list --zone fr-par-1
check "order: two more failover IPs in the zone" [ "$(grep -c ' fr-par-1 ' "$TMP/out")" -eq $((before + 2)) ]
dedi failover order fr-par-1 --offer 4030 --quantity 32
dedi failover quota fr-par-1
check "quota: what the orders took is gone from the remaining" grep -Eq '^fr-par-1 +28 +64$' "$TMP/out"
dedi failover order fr-par-1 --offer 4030 --quantity 32
check "order: over the zone's quota, the API's quotas_exceeded is told" \
	sh -c "[ $rc -ne 0 ] && grep -qi 'quota' '$TMP/err'"
dedi failover order fr-par-1 --offer 4030 --quantity 40
check "order: a quantity over 32 is refused next to the field" sh -c "[ $rc -eq 2 ] && grep -q '^dedi: quantity: ' '$TMP/err'"

# delete
w=$(writes)
dedi --dry-run failover delete 212.83.0.3
check "delete --dry-run: the DELETE shown, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q '^DELETE .*/zones/fr-par-2/failover-ips/2000002\$' '$TMP/out' && [ $(writes) -eq $w ]"
dedi failover delete 212.83.0.3 --yes --confirm=212.83.0.3
check "delete: done, gone from the list" sh -c "[ $rc -eq 0 ] && ! '$DEDI' failover list 2>/dev/null | grep -q ' 212.83.0.3 ' && grep -q 'Delete failover IP 212.83.0.3: done' '$TMP/out'"
dedi failover reverse 212.83.0.3 x.example.com.
check "an unknown address: not found (4)" sh -c "[ $rc -eq 4 ] && grep -q 'no failover IP 212.83.0.3' '$TMP/err'"

# read_only: nothing sent
mkdir -p "$XDG_CONFIG_HOME/dedi" && printf '[profile env]\nread_only = true\n' >"$XDG_CONFIG_HOME/dedi/config" && chmod 600 "$XDG_CONFIG_HOME/dedi/config"
w=$(writes)
dedi failover reverse 212.129.0.3 ro.example.com.
check "read_only: refused (8), nothing sent" sh -c "[ $rc -eq 8 ] && [ $(writes) -eq $w ]"
rm -f "$XDG_CONFIG_HOME/dedi/config"

# an Online-only profile: the Online API's failover IPs, detach and reverse
use_online
dedi failover list
check "online only: the failover IPs are listed, with the server and MAC" \
	sh -c "[ $rc -eq 0 ] && grep -Eq ' 212.129.0.2 +100025 +52:54:00:00:00:01 +kvm ' '$TMP/out'"
dedi failover reverse 212.129.0.2 online.example.com.
check "online only: reverse done through /server/ip/edit" \
	sh -c "[ $rc -eq 0 ] && grep -q 'done' '$TMP/out' && tail -n2 '$AUDIT' | grep -q '/api/v1/server/ip/edit'"
dedi failover detach 212.129.0.2 --yes --confirm=212.129.0.2
check "online only: detach done through /server/failover/edit" \
	sh -c "[ $rc -eq 0 ] && tail -n2 '$AUDIT' | grep -q '/api/v1/server/failover/edit.*\"outcome\":\"ok\"'"
dedi failover list
check "online only: the list shows it routed nowhere" grep -Eq ' 212.129.0.2 +- ' "$TMP/out"
dedi failover attach 212.129.0.2 100025
check "online only: attach done through /server/failover/edit, the destination's main address read from the fleet" \
	sh -c "[ $rc -eq 0 ] && grep -q '(main address 62.210.0.2): done' '$TMP/out' && tail -n2 '$AUDIT' | grep -q 'destination=62.210.0.2'"

finish
