#!/bin/sh
# dedi offers and dedi order: the offers with their price and stock; an
# order goes through the write path (typed confirmation, intent and outcome
# in the audit log), is never sent twice within the window, is refused when
# can-order says no, and a connection cut after the sandbox applied it is
# reported as "outcome unknown" and reconciled, never resent (200 trials).
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"
TRIALS=${DD_ORDER_TRIALS:-200}
writes() { sb_count "$STATS" writes; }
lines() { [ -f "$AUDIT" ] && wc -l <"$AUDIT" || echo 0; }
api() { curl -s -H "X-Auth-Token: $DEMO_SECRET" "$URL/dedibox/v1$1"; }
servers() { api "/zones/fr-par-1/servers?page_size=1" | jq .total_count; }
sbpost() { curl -s -X POST "$URL/__sandbox/$1" >/dev/null; }

start_sandbox --servers 6 --seed 5 --stats "$STATS" --time-scale 4000 || exit 1
use_scw
# An offer in stock everywhere, and one whose stock is low in DC3 (fr-par-1).
OFFER=$(api "/zones/fr-par-1/offers?page_size=100" | jq -r '[.offers[] | select(.server_info.stock_by_datacenter.DC3 == "available")][0].name')
LOW=$(api "/zones/fr-par-1/offers?page_size=100" | jq -r '[.offers[] | select(.server_info.stock_by_datacenter.DC3 == "low")][0].name')
PRICE=$(api "/zones/fr-par-1/offers?page_size=100" | jq -r --arg n "$OFFER" '.offers[] | select(.name == $n) | "\(.pricing.units).\(.pricing.nanos / 10000000 | floor)"')

dedi offers --zone fr-par-1
check "offers: one line per offer of the zone, with its monthly price and stock" \
	sh -c "[ $rc -eq 0 ] && grep -q '^fr-par-1 .* $OFFER .* $PRICE EUR .* available\$' '$TMP/out' && ! grep -q '^nl-ams-1' '$TMP/out'"
dedi offers --json
check "offers --json: every zone, prices as money, setup fee and stock" \
	sh -c "[ $rc -eq 0 ] && [ \$(jq '[.offers[] | select(.zone == \"nl-ams-1\")] | length' '$TMP/out') -ge 1 ] && jq -e '.offers[0].price.currency_code == \"EUR\" and (.offers[0] | has(\"setup_fee\") and has(\"stock\"))' '$TMP/out' >/dev/null"

w=$(writes); before=$(lines)
dedi --dry-run order "$OFFER" --zone fr-par-1
check "dry run: the request and the price are shown" \
	sh -c "[ $rc -eq 0 ] && grep -q '^POST .*/zones/fr-par-1/servers\$' '$TMP/out' && grep -q '\"offer_id\":[0-9]*' '$TMP/out' && grep -q '^price: $PRICE EUR/month' '$TMP/out'"
check "dry run: nothing sent, nothing audited" [ "$rc" -eq 0 -a -s "$TMP/out" -a "$(writes)" -eq "$w" -a "$(lines)" -eq "$before" ]

dedi order "$OFFER" --zone fr-par-1 </dev/null
check "not interactive without --yes: refused (2), says what to add, nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q -- '--yes --confirm=$OFFER' '$TMP/err' && [ $(writes) -eq $w ]"
dedi order "$OFFER" --zone fr-par-1 --yes --confirm=Wrong-Name
check "--confirm with another name: refused, nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q 'must be the offer' '$TMP/err' && [ $(writes) -eq $w ]"

n0=$(servers)
dedi order "$OFFER" --zone fr-par-1 --yes --confirm="$OFFER"
svc=$(sed -n 's/.*ordered service \([0-9]*\) is delivering.*/\1/p' "$TMP/out")
check "order: done (0), one write, the ordered service is delivering" \
	sh -c "[ $rc -eq 0 ] && [ -n '$svc' ] && [ $(writes) -eq $((w + 1)) ]"
check "order: the sandbox has one more server, and the order" \
	sh -c "[ $(servers) -eq $((n0 + 1)) ] && [ -n '$svc' ] && api() { curl -s -H 'X-Auth-Token: $DEMO_SECRET' '$URL/dedibox/v1'\$1; } && api /zones/fr-par-1/ordered-services/$svc | jq -e '.type == \"order\"' >/dev/null"
check "order: an intent and an outcome line, one write id, the price in neither secret nor header" \
	sh -c "[ $(lines) -eq $((before + 2)) ] && tail -n2 '$AUDIT' | head -n1 | grep -q '\"phase\":\"intent\",\"method\":\"POST\",\"url\":\"[^\"]*/zones/fr-par-1/servers\"' && tail -n1 '$AUDIT' | grep -q '\"outcome\":\"ok\"' && ! grep -q '$DEMO_SECRET' '$AUDIT'"

w=$(writes)
dedi order "$OFFER" --zone fr-par-1 --yes --confirm="$OFFER"
check "the same order again within 10 minutes: refused (8), names --force-again, nothing sent" \
	sh -c "[ $rc -eq 8 ] && grep -q 'was sent at .* --force-again' '$TMP/err' && [ $(writes) -eq $w ]"

w=$(writes); before=$(lines)
dedi --dry-run order "$OFFER" --zone fr-par-1
check "dry run after the same order: described (0), says it would be refused without --force-again, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q '^POST .*/zones/fr-par-1/servers\$' '$TMP/out' && grep -q '^an identical order was sent [0-9]* minutes* ago; without --force-again it would be refused\$' '$TMP/out' && [ $(writes) -eq $w ] && [ $(lines) -eq $before ]"

dedi audit
check "audit: newest first, the order with its outcome" \
	sh -c "[ $rc -eq 0 ] && head -n2 '$TMP/out' | grep -q 'order of a server, offer $OFFER' && sed -n 3p '$TMP/out' | grep -q 'outcome: ok (HTTP 200)'"
dedi audit --json
check "audit --json: intent and outcome paired by write id" \
	sh -c "[ $rc -eq 0 ] && [ -s '$TMP/out' ] && jq -e '.writes[0].method == \"POST\" and .writes[0].outcome.result == \"ok\" and (.writes[0].write | length) > 0' '$TMP/out' >/dev/null"

# --wait follows the ordered service to its delivery (30 sandbox minutes).
dedi order "$OFFER" --zone fr-par-1 --yes --confirm="$OFFER" --force-again --wait
check "--force-again --wait: ordered, then followed until delivered" \
	sh -c "[ $rc -eq 0 ] && grep -q 'ordered service [0-9]* is delivering' '$TMP/out' && grep -q 'ordered service [0-9]*: delivered, server [0-9]*' '$TMP/out'"

# Low stock runs out: the API's out_of_stock is reported, and audited.
dedi order "$LOW" --zone fr-par-1 --yes --confirm="$LOW" --force-again
dedi order "$LOW" --zone fr-par-1 --yes --confirm="$LOW" --force-again
w=$(writes)
dedi order "$LOW" --zone fr-par-1 --yes --confirm="$LOW" --force-again
check "low stock sold out: the API refuses (6), dedi says out of stock" \
	sh -c "[ $rc -eq 6 ] && grep -qi 'out of stock' '$TMP/err' && [ $(writes) -eq $((w + 1)) ] && tail -n1 '$AUDIT' | grep -q '\"status\":409'"

# can-order says no: each failing check is named, nothing is sent.
sbpost "account?fail=email,billing"
w=$(writes)
dedi order "$OFFER" --zone fr-par-1 --yes --confirm="$OFFER" --force-again
check "can-order false: refused (8), the email and billing checks named, nothing sent" \
	sh -c "[ $rc -eq 8 ] && grep -q 'email address is not confirmed' '$TMP/err' && grep -q 'billing is not in order' '$TMP/err' && ! grep -q 'phone' '$TMP/err' && [ $(writes) -eq $w ]"
sbpost "account?fail="

# The cut: the sandbox applies the order, then drops the connection, for
# each of the next TRIALS writes (one curl arms them all). Each trial:
# sent once, "outcome unknown", then the re-read finds the new ordered
# service (a new one each time); never resent. At the end the sandbox has
# exactly TRIALS servers more.
n0=$(servers); w0=$(writes)
seq "$TRIALS" | sed "s|.*|$URL/__sandbox/cut-next-write|" | xargs curl -s -X POST >/dev/null
bad=0; good=0; last=0; : >"$TMP/trials"
i=0
while [ $i -lt "$TRIALS" ]; do
	i=$((i + 1))
	w=$(writes)
	dedi order "$OFFER" --zone fr-par-1 --yes --confirm="$OFFER" --force-again
	svc=$(sed -n 's/.*re-read: the order was placed: ordered service \([0-9]*\) of offer.*/\1/p' "$TMP/err")
	if [ "$rc" -eq 5 ] && grep -q 'outcome unknown' "$TMP/err" && [ -n "$svc" ] && [ "$svc" -gt "$last" ] &&
	   [ "$(writes)" -eq $((w + 1)) ]; then
		good=$((good + 1)); last=$svc
	else
		bad=$((bad + 1)); { echo "trial $i: rc $rc"; cat "$TMP/err"; } >>"$TMP/trials"
	fi
done
check "$TRIALS cut orders: each sent once, outcome unknown, then a new ordered service found by the re-read" \
	[ "$good" -eq "$TRIALS" -a "$bad" -eq 0 ]
[ "$bad" -eq 0 ] || sed 's/^/# /' "$TMP/trials" | head -20
check "cut: the sandbox has exactly $TRIALS servers more, after exactly $TRIALS writes" \
	[ "$good" -ge 1 -a "$(servers)" -eq $((n0 + TRIALS)) -a "$(writes)" -eq $((w0 + TRIALS)) ]
check "cut: the audit's outcome lines say unknown, reconciled" \
	sh -c "[ $good -ge 1 ] && [ \$(grep -c '\"outcome\":\"unknown\",.*\"reconciled\":\"re-read: the order was placed' '$AUDIT') -eq $TRIALS ]"
dedi order "$OFFER" --zone fr-par-1 --yes --confirm="$OFFER"
check "after an unknown outcome the same order is not resent without --force-again (8)" \
	sh -c "[ $rc -eq 8 ] && grep -q 'may have been placed' '$TMP/err'"

# Two dedi processes ordering the same offer at the same instant: the lock
# around check and intent lets exactly one through, the other is refused (8).
RACES=${DD_ORDER_RACES:-5}
won=0
for i in $(seq 1 "$RACES"); do
	export XDG_STATE_HOME="$TMP/race$i"
	w=$(writes)
	"$DEDI" order "$OFFER" --zone fr-par-1 --yes --confirm="$OFFER" >"$TMP/ra.out" 2>"$TMP/ra.err" &
	pa=$!
	"$DEDI" order "$OFFER" --zone fr-par-1 --yes --confirm="$OFFER" >"$TMP/rb.out" 2>"$TMP/rb.err" &
	pb=$!
	wait $pa; ra=$?
	wait $pb; rb=$?
	if [ $((ra + rb)) -eq 8 ] && [ "$ra" -eq 0 -o "$rb" -eq 0 ] && [ "$(writes)" -eq $((w + 1)) ] &&
	   [ "$(grep -c '"phase":"intent"' "$XDG_STATE_HOME/dedi/audit.jsonl")" -eq 1 ]; then
		won=$((won + 1))
	else
		echo "# race $i: exits $ra $rb, writes $(( $(writes) - w ))"
	fi
done
check "$RACES races of two simultaneous orders: each time one sent, one refused (8), one intent" [ "$won" -eq "$RACES" ]

finish
