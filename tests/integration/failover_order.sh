#!/bin/sh
# dedi failover order without --offer (the zone's failover IP offer found,
# its price in the confirmation) and the zone rule of attach and move: an
# address is routed only to a server of its zone (dedi tells it before
# sending; the sandbox refuses it as the API does).
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }

start_sandbox --servers 6 --seed 3 --stats "$STATS" || exit 1
use_scw
# seed 3: 100011 is in nl-ams-1; 212.129.0.2 (2000001) and 212.83.0.4 of
# fr-par-1; fr-par-1 has 4 servers (quota 64), fr-par-2 none (quota 0).

w=$(writes)
dedi --dry-run failover order fr-par-1 --quantity 3
check "order --dry-run: the zone's offer found, its price times the quantity, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q '^Order 3 failover IPs in fr-par-1 (Failover IP, offer 4030)' '$TMP/out' \
		&& grep -q '^price: 3 x 1.99 EUR/month = 5.97 EUR/month, excl. tax' '$TMP/out' \
		&& grep -q '\"offer_id\":4030,\"quantity\":3' '$TMP/out' && [ $(writes) -eq $w ]"

dedi failover list --zone fr-par-1
before=$(grep -c ' fr-par-1 ' "$TMP/out")
dedi failover order fr-par-1 --quantity 2
check "order: the price told before sending, then done" \
	sh -c "[ $rc -eq 0 ] && grep -q '2 x 1.99 EUR/month = 3.98 EUR/month' '$TMP/out' && grep -q 'offer 4030).*: done' '$TMP/out'"
dedi failover list --zone fr-par-1
check "order: two more failover IPs in the zone" [ "$(grep -c ' fr-par-1 ' "$TMP/out")" -eq $((before + 2)) ]
check "order: the intent and the outcome are audited with the offer found" \
	sh -c "grep -q '\"phase\":\"intent\".*failover-ips' '$AUDIT' && grep -q 'offer_id.*4030' '$AUDIT' && grep -q '\"phase\":\"outcome\".*\"outcome\":\"ok\"' '$AUDIT'"
dedi failover quota fr-par-1
check "order: the quota's remaining went down by two" grep -Eq '^fr-par-1 +60 +64$' "$TMP/out"

dedi failover order fr-par-2
check "order: a zone without quota, the API's quotas_exceeded told" \
	sh -c "[ $rc -eq 6 ] && grep -qi 'quota' '$TMP/err'"
w=$(writes)
dedi failover order mars-1
check "order: an unknown zone refused before anything is sent" \
	sh -c "[ $rc -eq 2 ] && grep -q 'unknown zone' '$TMP/err' && [ $(writes) -eq $w ]"
dedi failover order fr-par-1 --quantity 0
check "order: a quantity of 0 refused next to the field" sh -c "[ $rc -eq 2 ] && grep -q '^dedi: quantity: ' '$TMP/err'"

# the zone rule
w=$(writes)
dedi failover attach 212.83.0.4 100011
check "attach: a server of another zone refused by dedi, nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q 'server 100011 is in nl-ams-1 and failover IP 212.83.0.4 belongs to fr-par-1' '$TMP/err' && [ $(writes) -eq $w ]"
dedi failover move 212.129.0.2 100011 --yes --confirm=212.129.0.2
check "move: a server of another zone refused before the detach" \
	sh -c "[ $rc -eq 2 ] && grep -q 'is in nl-ams-1' '$TMP/err' && [ $(writes) -eq $w ]"
dedi failover list
check "move: the address is still routed where it was" grep -Eq '^2000001 +212.129.0.2 +fr-par-1 +100021 ' "$TMP/out"
check "attach: the API refuses a server of another zone (404 not_found server) # sandbox-only" \
	sh -c "curl -s -X POST -H 'X-Auth-Token: $DEMO_SECRET' -H 'Content-Type: application/json' \
		-d '{\"fips_ids\":[2000004],\"server_id\":100011}' '$URL/dedibox/v1/zones/fr-par-1/failover-ips/attach' \
		| grep -q '\"resource\":\"server\".*\"type\":\"not_found\"'"
dedi failover list
check "attach: after the API's refusal, the address is routed nowhere" grep -Eq '^2000004 +212.83.0.4 +fr-par-1 +- ' "$TMP/out"
dedi failover attach 212.83.0.4 100025
check "attach: a server of the zone is done" \
	sh -c "[ $rc -eq 0 ] && '$DEDI' failover list | grep -Eq '^2000004 +212.83.0.4 +fr-par-1 +100025 '"

finish
